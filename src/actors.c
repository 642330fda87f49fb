/* actors.c — the actor stage (see actors.h).
 *
 * Loading turns every dictionary line into an entry and each of its phrases
 * into a path of the one actor trie. Resolving a document walks each
 * sentence once for dictionary matches, then composes and resolves them; it
 * writes only into the record's arena and the coder's scratch.
 */
#include "actors.h"

#include "grow.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "lang.h"
#include "utf8.h"

typedef enum {
    E_COUNTRY = 0, /* name or alias of a country or bloc */
    E_CAPITAL,
    E_SEAT,
    E_ADJ,
    E_PREFIX,
    E_DEMONYM,
    E_ORG,
    E_BODY,
    E_ROLE,
    E_MODIFIER,
    E_PERSON,   /* full name or variant */
    E_SURNAME,  /* the surname alone */
    E_FIRSTNAME,
    E_PRONOUN,
    E_TITLE,    /* a title noun that refers back to a person */
    E_PLACE,    /* a place below the country level */
    E_KINDS
} entry_kind;

/* Which kinds win when one phrase means several things; lower is better. */
static const uint8_t KIND_RANK[E_KINDS] = {
    [E_PERSON] = 0, [E_ORG] = 1, [E_SEAT] = 2,      [E_COUNTRY] = 3,   [E_CAPITAL] = 4,
    [E_BODY] = 5,   [E_ROLE] = 6, [E_MODIFIER] = 7, [E_ADJ] = 8,       [E_DEMONYM] = 9,
    [E_SURNAME] = 10, [E_PREFIX] = 11, [E_TITLE] = 12, [E_FIRSTNAME] = 13, [E_PRONOUN] = 14,
    [E_PLACE] = 11, /* a known politician's surname wins over a town of that name */
};

enum { TAG_NONE = 0, TAG_HEAD, TAG_FM, TAG_SPOKES, TAG_ELI, TAG_KEEP, TAG_M, TAG_F, TAG_PL };

typedef struct entry {
    uint8_t kind, ambiguous, type, tag;
    uint8_t oblique; /* a pronoun in an oblique case (его, ему): never a subject */
    uint8_t anaphor; /* an organisation's common noun (альянс): only after its name */
    char code[ACTOR_CODE_MAX]; /* "RUS", "RUSGOV", "*GOV", "NATO" */
    const char *canon;         /* name of the entity: Россия, ТАСС, Фумио Кисида */
    /* An organisation's actor takes the phrase of its first mention (ОБСЕ,
     * not its full official name): the name readers know it by. */
    uint32_t person;           /* for E_PERSON / E_SURNAME */
    const char *src;           /* "ru/countries.txt:12" */
    const char *phrase;        /* as written */
} entry;

typedef struct phrase_ref {
    uint32_t entry;
    const char *stems_of;          /* people: folded words, NUL-separated (see name_prefix_ok) */
    uint8_t cases[LEX_MAX_WORDS];
    uint32_t exact[LEX_MAX_WORDS]; /* exact form keys: to tell nominative forms */
    uint32_t plural_last;          /* roles and bodies: the last word's nominative plural */
    uint8_t n;
} phrase_ref;

typedef struct period {
    long from, to; /* days since epoch; LONG_MIN / LONG_MAX when open */
    char code[ACTOR_CODE_MAX];
    const char *src;
} period;

typedef struct person {
    const char *name;
    const char *name_latin; /* the first full variant in Latin letters (Vladimir Putin) */
    uint32_t first_period, n_periods;
    uint8_t gender; /* TAG_M, TAG_F or 0, from the first name */
} person;

struct actors_dict {
    entry *entries;
    size_t n_entries, cap_entries;
    phrase_ref *phrases;
    size_t n_phrases, cap_phrases;
    person *people;
    size_t n_people, cap_people;
    period *periods;
    size_t n_periods, cap_periods;
    lex_trie trie;
    lex_trie prefixes;        /* exact key of a compound's first part → entry */
    strtab codes;             /* country and bloc codes → index in code_names */
    struct code_name *code_names;
    size_t cap_code_names;
    strtab org_codes;         /* organisation codes seen in orgs/media/edu */
    uint32_t key_hyphen;      /* exact key of "-" */
    uint32_t key_comma;       /* exact key of "," */
    uint32_t key_gen[4];      /* English genitive prepositions (of): en/syntax.txt */
    uint32_t key_article[4];  /* English articles (the) */
    int n_gen, n_article;
    uint32_t key_prep[32];    /* Russian prepositions (ru/syntax.txt) */
    int n_prep;
    struct name_rule *name_rules; /* ru/name_cases.txt, in file order */
    char name_ends[16][8];    /* ru/morphology.txt name_end */
    int n_name_ends;
    char case_endings[64][8]; /* ru/morphology.txt case_ending: what may follow a name's stem */
    int n_case_endings;
    char indeclinable[16][8]; /* ru/morphology.txt indeclinable */
    int n_indeclinable;
    struct noun_rule *noun_rules; /* ru/morphology.txt noun_forms, longest ending first */
    char plural_rules[16][2][16];  /* ru/morphology.txt plural_nom: ending → plural ending */
    int n_plural_rules;
    size_t n_noun_rules, cap_noun_rules;
    strtab first_names;       /* folded first names → index in first_gender */
    uint8_t *first_gender;
    size_t cap_first_gender;
    size_t n_name_rules, cap_name_rules;
    arena mem;
};

/* The names of a country or bloc code: Russian (canonical) and English. */
typedef struct code_name {
    const char *name, *name_en;
    uint8_t bloc; /* from blocs.txt: a region or group, not a state */
} code_name;

/* One noun_forms line of morphology.txt. */
typedef struct noun_rule {
    char end[12];      /* "" for a consonant ending */
    char forms[6][12]; /* endings of the other cases */
    int n_forms;
} noun_rule;

/* One line of name_cases.txt. */
typedef struct name_rule {
    uint8_t surname; /* 0: first name rule, 1: surname rule */
    uint8_t gender;  /* TAG_M / TAG_F */
    char gcase[4];
    char from[16], to[16]; /* first: nominative end → form end; surname: form end → nominative end */
} name_rule;


/* ---- loading ---- */

typedef struct load_ctx {
    actors_dict *d;
    const char *canon;   /* name of the current block (name line + following aliases) */
    char block_code[ACTOR_CODE_MAX];
    int file_kind;       /* what the file holds */
} load_ctx;

enum { F_COUNTRIES, F_ORGS, F_BODIES, F_ROLES, F_PLACES };

static int valid_code(const char *code)
{
    size_t n = strlen(code);
    if (n < 2 || n >= ACTOR_CODE_MAX) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (i == 0 && c == '*'))) return 0;
    }
    return 1;
}

static int add_entry(lex_loader *L, actors_dict *d, const lex_line *ln, entry *e)
{
    GROW(d->entries, d->n_entries, d->cap_entries);
    char src[512];
    snprintf(src, sizeof src, "%s:%u", ln->file, ln->line);
    e->src = arena_strdup(&d->mem, src);
    if (!e->src) return -1;
    d->entries[d->n_entries++] = *e;
    return 0;
}

/* Trie values of generated case forms carry this bit (dict check compares
 * only the phrases as written). */
#define GENERATED 0x80000000u

/* A capitalised name is matched in its other case forms too (Китай:
 * Китая, Китаю, Китаем, Китае), made by the noun_forms rules of
 * morphology.txt from the last word: Snowball's stems of names are not
 * reliable enough alone. Each form is another path to the same phrase. */
static int add_noun_forms(lex_loader *L, actors_dict *d, const lex_line *ln, const char *text,
                          const lex_phrase *p)
{
    const char *last = strrchr(text, ' ');
    last = last ? last + 1 : text;
    size_t n = strlen(last);
    if (n < 4 || strchr(last, '-') || strchr(last, '.')) return 0;
    /* All capitals (США, ООН) do not decline. */
    if (p->cases[p->n - 1] == LEX_CASE_ALL_UPPER) return 0;
    const noun_rule *rule = NULL;
    for (size_t i = 0; i < d->n_noun_rules; i++) {
        size_t k = strlen(d->noun_rules[i].end);
        if (k < n && strcmp(last + n - k, d->noun_rules[i].end) == 0 &&
            (!rule || k > strlen(rule->end)))
            rule = &d->noun_rules[i];
    }
    if (!rule) return 0;
    /* A consonant-final rule only for words ending in a consonant letter. */
    if (!rule->end[0]) {
        for (size_t i = 0; i < d->n_noun_rules; i++)
            if (d->noun_rules[i].end[0] && strlen(d->noun_rules[i].end) <= 2 &&
                strcmp(last + n - strlen(d->noun_rules[i].end), d->noun_rules[i].end) == 0)
                return 0;
        for (int i = 0; i < d->n_indeclinable; i++) {
            size_t k = strlen(d->indeclinable[i]);
            if (n >= k && strcmp(last + n - k, d->indeclinable[i]) == 0) return 0; /* Токио, Сочи */
        }
    }
    size_t stem_len = n - strlen(rule->end);
    for (int f = 0; f < rule->n_forms; f++) {
        char form[256];
        snprintf(form, sizeof form, "%.*s%s", (int)stem_len, last, rule->forms[f]);
        lex_phrase v = *p;
        uint32_t k = lex_word_key(L, form, strlen(form), 0);
        if (k == LEX_NONE) return lex_error(L, ln, "out of memory");
        if (k == p->keys[p->n - 1]) continue;
        v.keys[v.n - 1] = k;
        if (lex_trie_add(&d->trie, &v, (uint32_t)d->n_phrases | GENERATED) != 0) return -1;
    }
    return 0;
}

/* The exact key of the nominative plural of a role's or body's last word
 * (представитель → представители, дипломат → дипломаты), by the plural_nom
 * rules of ru/morphology.txt (the longest ending that fits); LEX_NONE for
 * other kinds or when no rule fits. A plural subject is in the subject's
 * case as much as a singular one. */
static uint32_t plural_key(lex_loader *L, const actors_dict *d, const char *text, int kind)
{
    if (kind != E_ROLE && kind != E_BODY) return LEX_NONE;
    const char *last = strrchr(text, ' ');
    last = last ? last + 1 : text;
    size_t n = strlen(last);
    if ((unsigned char)last[0] < 0x80 || strchr(last, '-')) return LEX_NONE;
    int best = -1;
    size_t best_len = 0;
    for (int i = 0; i < d->n_plural_rules; i++) {
        size_t k = strlen(d->plural_rules[i][0]);
        if (k < n && strcmp(last + n - k, d->plural_rules[i][0]) == 0 && (best < 0 || k > best_len)) {
            best = i;
            best_len = k;
        }
    }
    if (best < 0) return LEX_NONE;
    char form[256];
    snprintf(form, sizeof form, "%.*s%s", (int)(n - best_len), last, d->plural_rules[best][1]);
    return lex_word_key(L, form, strlen(form), 1);
}

/* Adds phrase text as a path to the current last entry. */
static int add_phrase(lex_loader *L, actors_dict *d, const lex_line *ln, const char *text)
{
    lex_phrase p;
    if (lex_compile(L, ln, text, &p) != 0) return -1;
    GROW(d->phrases, d->n_phrases, d->cap_phrases);
    phrase_ref *ref = &d->phrases[d->n_phrases];
    memset(ref, 0, sizeof *ref);
    ref->entry = (uint32_t)(d->n_entries - 1);
    ref->n = p.n;
    memcpy(ref->cases, p.cases, sizeof p.cases);
    /* The exact keys of the words as written: a text word with the same
     * exact key is in the dictionary (nominative) form. */
    lex_phrase ex;
    char *exact = arena_alloc(&d->mem, strlen(text) * 2 + 2);
    if (!exact) return -1;
    /* "=w1 =w2 …" */
    size_t o = 0;
    int at_start = 1;
    for (const char *c = text; *c; c++) {
        if (*c == ' ') {
            at_start = 1;
            exact[o++] = ' ';
            continue;
        }
        if (at_start && *c != '=') exact[o++] = '=';
        at_start = 0;
        exact[o++] = *c;
    }
    exact[o] = '\0';
    if (lex_compile(L, ln, exact, &ex) == 0 && ex.n == p.n)
        memcpy(ref->exact, ex.keys, sizeof ex.keys);
    else
        for (int i = 0; i < LEX_MAX_WORDS; i++) ref->exact[i] = LEX_NONE;
    ref->plural_last = plural_key(L, d, text, d->entries[ref->entry].kind);
    /* Names are matched by stem, but a stem is short: Борисов and Бориса
     * share «борис». Keep the folded words of people's names to check that a
     * text word really is a form of the name (see name_prefix_ok). */
    uint8_t kind = d->entries[ref->entry].kind;
    /* Single capitalised nouns too: Виктория (Victoria) is not Виктор. */
    int proper_noun = p.n == 1 && p.cases[0] != LEX_CASE_ANY && kind != E_ADJ &&
                      kind != E_DEMONYM && kind != E_FIRSTNAME && kind != E_PRONOUN;
    if (kind == E_PERSON || kind == E_SURNAME || proper_noun) {
        buf_reset(&L->tmp);
        text_fold(text, strlen(text), &L->tmp);
        for (size_t i = 0; i < L->tmp.len; i++)
            if (L->tmp.data[i] == ' ') L->tmp.data[i] = '\0';
        buf_addc(&L->tmp, '\0');
        char *w = arena_alloc(&d->mem, L->tmp.len + 1);
        if (!w || L->tmp.failed) return -1;
        memcpy(w, L->tmp.data, L->tmp.len);
        w[L->tmp.len] = '\0';
        ref->stems_of = w;
    }
    if (lex_trie_add(&d->trie, &p, (uint32_t)d->n_phrases) != 0) return -1;
    /* One-word role and body nouns too: Snowball does not always give a
     * noun's forms one stem (бизнесмен → «бизнесм», бизнесмену →
     * «бизнесмен»). */
    int common_noun = p.n == 1 && (kind == E_ROLE || kind == E_BODY) && (unsigned char)text[0] >= 0x80;
    if (((p.cases[p.n - 1] != LEX_CASE_ANY && kind != E_ADJ && kind != E_DEMONYM &&
          kind != E_PRONOUN) || common_noun) &&
        add_noun_forms(L, d, ln, text, &p) != 0)
        return -1;
    d->n_phrases++;
    return 0;
}

/* Does the NOTE column carry tag among its comma-separated tags? */
static int note_has(const lex_line *ln, const char *tag)
{
    return ln->n_cols >= 4 && strstr(ln->cols[3], tag) != NULL;
}

static int note_is(const lex_line *ln, const char *tag)
{
    if (ln->n_cols < 4) return 0;
    size_t n = strlen(tag);
    return strncmp(ln->cols[3], tag, n) == 0;
}

/* Registers the name of a country or bloc code; the first name read (from
 * ru/) is canonical, the one from en/ names it in English texts. */
static int register_code(actors_dict *d, const char *code3, const char *name, int english, int bloc)
{
    size_t before = strtab_count(&d->codes);
    uint32_t id = strtab_intern(&d->codes, code3, strlen(code3));
    if (id == STRTAB_NONE) return -1;
    if (id == before) {
        GROW(d->code_names, id, d->cap_code_names);
        d->code_names[id] = (code_name){name, NULL, (uint8_t)bloc};
    }
    if (english && !d->code_names[id].name_en) d->code_names[id].name_en = name;
    return 0;
}

static int load_country_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 3) return lex_error(L, ln, "want CODE<TAB>KIND<TAB>PHRASE");
    const char *code = ln->cols[0], *kind = ln->cols[1], *phrase = ln->cols[2];
    if (!valid_code(code)) return lex_error(L, ln, "bad code '%s'", code);
    entry e = {0};
    snprintf(e.code, sizeof e.code, "%s", code);
    /* Only homonyms of ordinary words need care (at a sentence start the
     * capital letter proves nothing); other ambiguities are left to context. */
    e.ambiguous = note_is(ln, "homonym");
    e.type = ACTOR_LOC;
    char code3[ACTOR_CODE_MAX];
    snprintf(code3, sizeof code3, "%.3s", code);
    if (strcmp(kind, "name") == 0) {
        ctx->canon = arena_strdup(&d->mem, phrase);
        snprintf(ctx->block_code, sizeof ctx->block_code, "%s", code3);
        if (!ctx->canon || register_code(d, code3, ctx->canon, strncmp(ln->file, "en/", 3) == 0,
                                         strstr(ln->file, "blocs.txt") != NULL) != 0)
            return -1;
        e.kind = E_COUNTRY;
    } else if (strcmp(kind, "alias") == 0) {
        e.kind = E_COUNTRY;
    } else if (strcmp(kind, "adj") == 0) {
        /* A region's ambiguous adjective (западный: also "western") counts
         * only inside the longer phrases listed as its aliases. */
        if (note_is(ln, "ambiguous") && strstr(ln->file, "blocs.txt")) return 0;
        e.kind = E_ADJ;
    } else if (strcmp(kind, "prefix") == 0) {
        e.kind = E_PREFIX;
    } else if (strcmp(kind, "demonym") == 0) {
        e.kind = E_DEMONYM;
        e.type = ACTOR_LOC;
    } else if (strcmp(kind, "capital") == 0) {
        e.kind = E_CAPITAL;
    } else if (strcmp(kind, "seat") == 0) {
        e.kind = E_SEAT;
    } else {
        return lex_error(L, ln, "unknown kind '%s'", kind);
    }
    if (!ctx->canon || strcmp(ctx->block_code, code3) != 0)
        return lex_error(L, ln, "'%s' before the name line of %s", kind, code3);
    e.canon = ctx->canon;
    e.phrase = arena_strdup(&d->mem, phrase);
    if (add_entry(L, d, ln, &e) != 0) return -1;
    if (e.kind == E_PREFIX) {
        /* Prefixes only ever match inside hyphenated words. */
        lex_phrase p;
        char exact[256];
        snprintf(exact, sizeof exact, "=%s", phrase);
        if (lex_compile(L, ln, exact, &p) != 0) return -1;
        return lex_trie_add(&d->prefixes, &p, (uint32_t)(d->n_entries - 1));
    }
    return add_phrase(L, d, ln, phrase);
}

static int load_org_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 3) return lex_error(L, ln, "want CODE<TAB>KIND<TAB>PHRASE");
    const char *code = ln->cols[0], *kind = ln->cols[1], *phrase = ln->cols[2];
    if (!valid_code(code)) return lex_error(L, ln, "bad code '%s'", code);
    entry e = {0};
    snprintf(e.code, sizeof e.code, "%s", code);
    e.ambiguous = note_is(ln, "ambiguous") || note_has(ln, "homonym");
    e.anaphor = (uint8_t)note_is(ln, "anaphor");
    if (strcmp(kind, "name") == 0) {
        ctx->canon = arena_strdup(&d->mem, phrase);
        if (!ctx->canon) return -1;
    } else if (strcmp(kind, "alias") != 0) {
        return lex_error(L, ln, "unknown kind '%s' (name or alias)", kind);
    }
    if (!ctx->canon) return lex_error(L, ln, "alias before any name line");
    e.canon = ctx->canon;
    e.phrase = arena_strdup(&d->mem, phrase);
    if (ctx->file_kind == F_BODIES) {
        e.kind = E_BODY;
        e.type = ACTOR_ORG;
    } else {
        e.kind = E_ORG;
        e.type = ACTOR_ORG;
        if (strtab_intern(&d->org_codes, code, strlen(code)) == STRTAB_NONE) return -1;
    }
    if (add_entry(L, d, ln, &e) != 0) return -1;
    return add_phrase(L, d, ln, phrase);
}

static int load_place_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 3) return lex_error(L, ln, "want CODE<TAB>KIND<TAB>PHRASE");
    const char *code = ln->cols[0];
    entry e = {0};
    if (strcmp(code, "---") != 0) {
        if (!valid_code(code) || strlen(code) != 3) return lex_error(L, ln, "bad code '%s'", code);
        snprintf(e.code, sizeof e.code, "%s", code);
    }
    e.kind = E_PLACE;
    e.type = ACTOR_LOC;
    e.ambiguous = note_is(ln, "homonym");
    e.canon = e.phrase = arena_strdup(&d->mem, ln->cols[2]);
    if (add_entry(L, d, ln, &e) != 0) return -1;
    return add_phrase(L, d, ln, ln->cols[2]);
}

static int load_role_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 3) return lex_error(L, ln, "want CODE<TAB>KIND<TAB>PHRASE");
    const char *code = ln->cols[0], *kind = ln->cols[1], *phrase = ln->cols[2];
    entry e = {0};
    snprintf(e.code, sizeof e.code, "%s", code);
    e.type = ACTOR_PER;
    if (strcmp(kind, "role") == 0) {
        if (!valid_code(code)) return lex_error(L, ln, "bad code '%s'", code);
        e.kind = E_ROLE;
        if (note_is(ln, "head")) e.tag = TAG_HEAD;
        else if (note_is(ln, "fm")) e.tag = TAG_FM;
        else if (note_is(ln, "spokes")) e.tag = TAG_SPOKES;
    } else if (strcmp(kind, "modifier") == 0) {
        e.kind = E_MODIFIER;
        e.tag = strcmp(code, "*ELI") == 0 ? TAG_ELI : TAG_KEEP;
    } else {
        return lex_error(L, ln, "unknown kind '%s' (role or modifier)", kind);
    }
    e.canon = e.phrase = arena_strdup(&d->mem, phrase);
    if (add_entry(L, d, ln, &e) != 0) return -1;
    return add_phrase(L, d, ln, phrase);
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static long parse_day(const char *s, int *ok)
{
    int y, m, dd;
    *ok = 1;
    if (strcmp(s, "-") == 0 || *s == '\0') return 0;
    if (cal_parse_iso(s, strlen(s), &y, &m, &dd) != 0) {
        *ok = 0;
        return 0;
    }
    return cal_to_days(y, m, dd);
}

/* Does the ';'-separated variant list name word as a variant of its own? */
static int lists_variant(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)) != NULL; p += n) {
        int starts = p == list || p[-1] == ';' || (p[-1] == ' ' && (p - 1 == list || p[-2] == ';'));
        int ends = p[n] == '\0' || p[n] == ';' || (p[n] == ' ' && (p[n + 1] == ';' || !p[n + 1]));
        if (starts && ends) return 1;
    }
    return 0;
}

static int load_person_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 4) return lex_error(L, ln, "want NAME<TAB>CODE<TAB>FROM<TAB>TO[<TAB>VARIANTS]");
    const char *name = ln->cols[0], *code = ln->cols[1];
    if (!valid_code(code)) return lex_error(L, ln, "bad code '%s'", code);
    int ok1, ok2;
    long from = parse_day(ln->cols[2], &ok1), to = parse_day(ln->cols[3], &ok2);
    if (!ok1 || !ok2) return lex_error(L, ln, "bad date (YYYY-MM-DD or -)");
    if (strcmp(ln->cols[2], "-") == 0) from = -100000000L;
    if (strcmp(ln->cols[3], "-") == 0) to = 100000000L;
    /* Lines of one person are consecutive: a new name starts a new person. */
    int is_new = d->n_people == 0 || strcmp(d->people[d->n_people - 1].name, name) != 0;
    if (is_new) {
        GROW(d->people, d->n_people, d->cap_people);
        person *p = &d->people[d->n_people++];
        p->name = arena_strdup(&d->mem, name);
        p->first_period = (uint32_t)d->n_periods;
        p->n_periods = 0;
        p->name_latin = NULL;
        p->gender = 0;
        if (!p->name) return -1;
    }
    person *p = &d->people[d->n_people - 1];
    GROW(d->periods, d->n_periods, d->cap_periods);
    period *pe = &d->periods[d->n_periods++];
    pe->from = from;
    pe->to = to;
    snprintf(pe->code, sizeof pe->code, "%s", code);
    char src[512];
    snprintf(src, sizeof src, "%s:%u", ln->file, ln->line);
    pe->src = arena_strdup(&d->mem, src);
    p->n_periods++;
    if (!is_new) return 0;
    /* Phrases: the full name, each variant, and the surname (last word). */
    entry e = {0};
    e.kind = E_PERSON;
    e.type = ACTOR_PER;
    e.canon = p->name;
    e.person = (uint32_t)(d->n_people - 1);
    snprintf(e.code, sizeof e.code, "%s", code);
    e.phrase = p->name;
    if (add_entry(L, d, ln, &e) != 0 || add_phrase(L, d, ln, name) != 0) return -1;
    const char *space = strrchr(name, ' ');
    if (ln->n_cols >= 5 && *ln->cols[4]) {
        char *vars = arena_strdup(&d->mem, ln->cols[4]);
        if (!vars) return -1;
        for (char *v = strtok(vars, ";"); v; v = strtok(NULL, ";")) {
            while (*v == ' ') v++;
            size_t k = strlen(v);
            while (k && v[k - 1] == ' ') v[--k] = '\0';
            if (!*v) continue;
            e.kind = strchr(v, ' ') ? E_PERSON : E_SURNAME;
            e.phrase = v;
            if (add_entry(L, d, ln, &e) != 0 || add_phrase(L, d, ln, v) != 0) return -1;
            /* The English name's surname alone (Lavrov) names him too. */
            const char *last = strrchr(v, ' ');
            if (e.kind == E_PERSON && !p->name_latin && (unsigned char)v[0] < 0x80) {
                p->name_latin = v;
                if (last && utf8_chars(last + 1) >= 3 && !lists_variant(ln->cols[4], last + 1)) {
                    e.kind = E_SURNAME;
                    e.phrase = last + 1;
                    if (add_entry(L, d, ln, &e) != 0 || add_phrase(L, d, ln, last + 1) != 0) return -1;
                }
            }
        }
    }
    /* A surname alone must be long enough not to be a word: «И» (Ван И) or
     * «Нам» are not names on their own. */
    if (space && space[1] && utf8_chars(space + 1) >= 3) {
        e.kind = E_SURNAME;
        e.phrase = space + 1;
        if (add_entry(L, d, ln, &e) != 0 || add_phrase(L, d, ln, space + 1) != 0) return -1;
    }
    return 0;
}

static int load_firstname_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 2) return lex_error(L, ln, "want NAME<TAB>GENDER");
    entry e = {0};
    e.kind = E_FIRSTNAME;
    e.type = ACTOR_PER;
    e.tag = ln->cols[1][0] == 'f' ? TAG_F : ln->cols[1][0] == 'm' ? TAG_M : TAG_NONE;
    e.canon = e.phrase = arena_strdup(&d->mem, ln->cols[0]);
    if (add_entry(L, d, ln, &e) != 0) return -1;
    buf_reset(&L->tmp);
    text_fold(ln->cols[0], strlen(ln->cols[0]), &L->tmp);
    uint32_t id = strtab_intern(&d->first_names, L->tmp.data ? L->tmp.data : "", L->tmp.len);
    if (id == STRTAB_NONE) return -1;
    GROW(d->first_gender, id, d->cap_first_gender);
    d->first_gender[id] = e.tag;
    return add_phrase(L, d, ln, ln->cols[0]);
}

static int load_pronoun_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 2) return lex_error(L, ln, "want FORM<TAB>KIND");
    const char *kind = ln->cols[1];
    entry e = {0};
    e.type = ACTOR_PER;
    char exact[256];
    if (strcmp(kind, "title") == 0) {
        e.kind = E_TITLE;
        snprintf(exact, sizeof exact, "%s", ln->cols[0]);
    } else {
        e.kind = E_PRONOUN;
        e.tag = strcmp(kind, "m") == 0 ? TAG_M : strcmp(kind, "f") == 0 ? TAG_F : TAG_PL;
        e.oblique = !(ln->n_cols >= 3 && strcmp(ln->cols[2], "nom") == 0);
        snprintf(exact, sizeof exact, "=%s", ln->cols[0]);
    }
    e.canon = e.phrase = arena_strdup(&d->mem, ln->cols[0]);
    if (add_entry(L, d, ln, &e) != 0) return -1;
    return add_phrase(L, d, ln, exact);
}

static int load_morph_line(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>ENDING");
    if (strcmp(ln->cols[0], "noun_forms") == 0) {
        if (ln->n_cols < 3) return lex_error(L, ln, "want noun_forms<TAB>ENDING<TAB>ENDINGS");
        GROW(d->noun_rules, d->n_noun_rules, d->cap_noun_rules);
        noun_rule *r = &d->noun_rules[d->n_noun_rules++];
        memset(r, 0, sizeof *r);
        snprintf(r->end, sizeof r->end, "%s", strcmp(ln->cols[1], "-") == 0 ? "" : ln->cols[1]);
        char forms[256];
        snprintf(forms, sizeof forms, "%s", ln->cols[2]);
        char *save = NULL;
        for (char *f = strtok_r(forms, " ", &save); f && r->n_forms < 6; f = strtok_r(NULL, " ", &save))
            snprintf(r->forms[r->n_forms++], sizeof r->forms[0], "%s", strcmp(f, "-") == 0 ? "" : f);
        return 0;
    }
    if (strcmp(ln->cols[0], "plural_nom") == 0) {
        if (ln->n_cols < 3 || d->n_plural_rules == 16 || strlen(ln->cols[1]) >= 16 ||
            strlen(ln->cols[2]) >= 16)
            return lex_error(L, ln, "want plural_nom<TAB>ENDING<TAB>PLURAL (at most 16)");
        snprintf(d->plural_rules[d->n_plural_rules][0], 16, "%s", strcmp(ln->cols[1], "-") ? ln->cols[1] : "");
        snprintf(d->plural_rules[d->n_plural_rules][1], 16, "%s", ln->cols[2]);
        d->n_plural_rules++;
        return 0;
    }
    if (strcmp(ln->cols[0], "indeclinable") == 0) {
        if (d->n_indeclinable == 16 || strlen(ln->cols[1]) >= sizeof d->indeclinable[0])
            return lex_error(L, ln, "too many or too long endings");
        snprintf(d->indeclinable[d->n_indeclinable++], sizeof d->indeclinable[0], "%s", ln->cols[1]);
        return 0;
    }
    if (strcmp(ln->cols[0], "case_ending") == 0) {
        if (d->n_case_endings == 64 || strlen(ln->cols[1]) >= sizeof d->case_endings[0])
            return lex_error(L, ln, "too many or too long endings");
        snprintf(d->case_endings[d->n_case_endings++], sizeof d->case_endings[0], "%s", ln->cols[1]);
        return 0;
    }
    if (strcmp(ln->cols[0], "name_end") != 0) return 0; /* other kinds are the events' */
    if (d->n_name_ends == 16 || strlen(ln->cols[1]) >= sizeof d->name_ends[0])
        return lex_error(L, ln, "too many or too long endings");
    snprintf(d->name_ends[d->n_name_ends++], sizeof d->name_ends[0], "%s", ln->cols[1]);
    return 0;
}

static int load_name_rule(lex_loader *L, lex_line *ln, void *vctx)
{
    load_ctx *ctx = vctx;
    actors_dict *d = ctx->d;
    if (ln->n_cols < 5) return lex_error(L, ln, "want KIND<TAB>GENDER<TAB>CASE<TAB>END<TAB>END");
    GROW(d->name_rules, d->n_name_rules, d->cap_name_rules);
    name_rule *r = &d->name_rules[d->n_name_rules];
    memset(r, 0, sizeof *r);
    if (strcmp(ln->cols[0], "surname") == 0)
        r->surname = 1;
    else if (strcmp(ln->cols[0], "first") != 0)
        return lex_error(L, ln, "kind must be first or surname");
    r->gender = ln->cols[1][0] == 'f' ? TAG_F : TAG_M;
    snprintf(r->gcase, sizeof r->gcase, "%s", ln->cols[2]);
    /* Stored folded (lower case, ё→е), as token norms are. */
    buf_reset(&L->tmp);
    if (strcmp(ln->cols[3], "-") != 0) text_fold(ln->cols[3], strlen(ln->cols[3]), &L->tmp);
    snprintf(r->from, sizeof r->from, "%.*s", (int)L->tmp.len, L->tmp.data ? L->tmp.data : "");
    buf_reset(&L->tmp);
    if (strcmp(ln->cols[4], "-") != 0) text_fold(ln->cols[4], strlen(ln->cols[4]), &L->tmp);
    snprintf(r->to, sizeof r->to, "%.*s", (int)L->tmp.len, L->tmp.data ? L->tmp.data : "");
    d->n_name_rules++;
    return 0;
}

/* English marks the genitive with a preposition and an article (Minister of
 * the Interior of Japan): en/syntax.txt lists them; other kinds there are
 * for other stages. */
static int load_syntax_line(lex_loader *L, lex_line *ln, void *vctx)
{
    actors_dict *d = ((load_ctx *)vctx)->d;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>WORD");
    if (strcmp(ln->cols[0], "preposition") == 0) {
        if (d->n_prep == 32) return lex_error(L, ln, "at most 32 prepositions");
        d->key_prep[d->n_prep++] = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 1);
        return 0;
    }
    uint32_t *keys = strcmp(ln->cols[0], "genitive") == 0  ? d->key_gen
                     : strcmp(ln->cols[0], "article") == 0 ? d->key_article
                                                           : NULL;
    if (!keys) return 0;
    int *n = keys == d->key_gen ? &d->n_gen : &d->n_article;
    if (*n == 4) return lex_error(L, ln, "at most four %s words", ln->cols[0]);
    keys[(*n)++] = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 1);
    return 0;
}

/* The gender of each person from the first word of the name, where the
 * first-name list knows it. */
static void people_genders(actors_dict *d, lex_loader *L)
{
    for (size_t i = 0; i < d->n_people; i++) {
        person *p = &d->people[i];
        const char *sp = strchr(p->name, ' ');
        if (!sp) continue;
        uint32_t k = lex_word_key(L, p->name, (size_t)(sp - p->name), 0);
        uint32_t node = lex_trie_step(&d->trie, 0, k);
        if (node == LEX_NONE) continue;
        for (uint32_t v = lex_trie_first(&d->trie, node); v != LEX_NONE;
             v = lex_trie_next(&d->trie, v)) {
            const entry *e = &d->entries[d->phrases[(lex_trie_value(&d->trie, v) & ~GENERATED)].entry];
            if (e->kind == E_FIRSTNAME && e->tag) p->gender = e->tag;
        }
    }
}

actors_dict *actors_load(lex_loader *L)
{
    actors_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    arena_init(&d->mem);
    lex_trie_init(&d->trie);
    lex_trie_init(&d->prefixes);
    strtab_init(&d->first_names);
    strtab_init(&d->codes);
    strtab_init(&d->org_codes);
    static const struct {
        const char *file;
        int kind, required;
    } files[] = {
        {"ru/countries.txt", F_COUNTRIES, 1}, {"ru/blocs.txt", F_COUNTRIES, 0},
        {"ru/orgs.txt", F_ORGS, 0},           {"ru/media.txt", F_ORGS, 0},
        {"ru/edu.txt", F_ORGS, 0},            {"ru/companies.txt", F_ORGS, 0},
        {"ru/bodies.txt", F_BODIES, 0},
        {"ru/roles.txt", F_ROLES, 0},         {"ru/places.txt", F_PLACES, 0},
        /* English names of the same actors, under the same codes. */
        {"en/countries.txt", F_COUNTRIES, 0}, {"en/blocs.txt", F_COUNTRIES, 0},
        {"en/orgs.txt", F_ORGS, 0},           {"en/bodies.txt", F_BODIES, 0},
        {"en/roles.txt", F_ROLES, 0},
    };
    {
        load_ctx mctx = {.d = d};
        if (lex_read_file(L, "ru/morphology.txt", 0, load_morph_line, &mctx) != 0) goto fail;
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        load_ctx ctx = {.d = d, .file_kind = files[i].kind};
        lex_line_fn fn = files[i].kind == F_COUNTRIES ? load_country_line
                         : files[i].kind == F_ROLES   ? load_role_line
                         : files[i].kind == F_PLACES  ? load_place_line
                                                      : load_org_line;
        if (lex_read_file(L, files[i].file, files[i].required, fn, &ctx) != 0) goto fail;
    }
    load_ctx ctx = {.d = d};
    if (lex_read_file(L, "ru/firstnames.txt", 0, load_firstname_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "ru/people.txt", 0, load_person_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "ru/pronouns.txt", 0, load_pronoun_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "en/firstnames.txt", 0, load_firstname_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "en/pronouns.txt", 0, load_pronoun_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "en/syntax.txt", 0, load_syntax_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "ru/syntax.txt", 0, load_syntax_line, &ctx) != 0) goto fail;
    if (lex_read_file(L, "ru/name_cases.txt", 0, load_name_rule, &ctx) != 0) goto fail;
    people_genders(d, L);
    d->key_hyphen = lex_word_key(L, "-", 1, 1);
    d->key_comma = lex_word_key(L, ",", 1, 1);
    return d;
fail:
    actors_free(d);
    return NULL;
}

void actors_free(actors_dict *d)
{
    if (!d) return;
    free(d->entries);
    free(d->phrases);
    free(d->people);
    free(d->periods);
    free(d->code_names);
    free(d->name_rules);
    free(d->noun_rules);
    free(d->first_gender);
    strtab_free(&d->first_names);
    lex_trie_free(&d->trie);
    lex_trie_free(&d->prefixes);
    strtab_free(&d->codes);
    strtab_free(&d->org_codes);
    arena_free(&d->mem);
    free(d);
}

void actors_get_stats(const actors_dict *d, actors_stats *out)
{
    memset(out, 0, sizeof *out);
    out->entries = d->n_entries;
    out->phrases = d->n_phrases;
    out->people = d->n_people;
    out->periods = d->n_periods;
    out->countries = strtab_count(&d->codes);
    out->orgs = strtab_count(&d->org_codes);
    for (size_t i = 0; i < d->n_entries; i++) out->roles += d->entries[i].kind == E_ROLE;
}

const char *actors_country_name(const actors_dict *d, const char *code3)
{
    uint32_t id = strtab_find(&d->codes, code3, strnlen(code3, 3));
    return id == STRTAB_NONE ? NULL : d->code_names[id].name;
}

/* ---- resolving a document ---- */

/* A dictionary match in a sentence. */
typedef struct match {
    uint32_t tf, te;     /* tokens */
    uint32_t entry;      /* chosen entry */
    uint8_t nominative;
    uint8_t plural;      /* a role or body in the nominative plural (дипломаты) */
    uint8_t used;        /* consumed by a composition */
    uint8_t dropped;     /* not an actor after all (a namesake's surname) */
} match;

/* An entity of the document being built. */
typedef struct ent {
    const char *name;
    char code[ACTOR_CODE_MAX];
    uint8_t type;
    const char *entry;
    uint32_t lstem;      /* coder stem id of the surname, for bare surnames */
    uint8_t gender;
    uint32_t n_mentions, n_country_mentions;
    int32_t person;      /* dictionary person or -1 */
    uint8_t place;
} ent;

struct actors_scratch {
    match *m;
    size_t n_m, cap_m;
    ent *ents;
    size_t n_ents, cap_ents;
    rec_mention *men;
    size_t n_men, cap_men;
    strtab ent_keys; /* "c:JPN", "o:<entry>", "p:<person>", "n:<name>" → ent index */
    uint32_t *cand;  /* scratch list of candidate phrases */
    size_t cap_cand;
    buf tmp;
};

actors_scratch *actors_scratch_new(void)
{
    actors_scratch *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    strtab_init(&s->ent_keys);
    buf_init(&s->tmp);
    return s;
}

void actors_scratch_free(actors_scratch *s)
{
    if (!s) return;
    free(s->m);
    free(s->ents);
    free(s->men);
    free(s->cand);
    strtab_free(&s->ent_keys);
    buf_free(&s->tmp);
    free(s);
}

typedef struct doc_ctx {
    const actors_dict *d;
    const strtab *keys;
    stem_cache *stems;
    actors_scratch *s;
    dyad_record *r;
    const lex_tok *toks;
    const uint32_t *lstems;
    long day;       /* document date in days, or LONG_MIN when unknown */
    int has_day;
} doc_ctx;

/* The period of person pi that applies to the document. Without a document
 * date: the period whose code the text gives (президент США Барак Обама →
 * USAGOV), else the person's first government period — the role that made
 * the person news — else the latest. */
static const period *person_period_as(const actors_dict *d, uint32_t pi, const doc_ctx *c,
                                      const char *as)
{
    const person *p = &d->people[pi];
    const period *best = &d->periods[p->first_period];
    if (!c->has_day) {
        for (uint32_t i = 0; as && i < p->n_periods; i++)
            if (strcmp(d->periods[p->first_period + i].code, as) == 0)
                return &d->periods[p->first_period + i];
        for (uint32_t i = 0; i < p->n_periods; i++) {
            const char *code = d->periods[p->first_period + i].code;
            if (strlen(code) == 6 && strcmp(code + 3, "GOV") == 0)
                return &d->periods[p->first_period + i];
        }
        return &d->periods[p->first_period + p->n_periods - 1];
    }
    for (uint32_t i = 0; i < p->n_periods; i++) {
        const period *pe = &d->periods[p->first_period + i];
        if (c->day >= pe->from && c->day < pe->to) return pe;
        if (c->day >= pe->to) best = pe; /* the latest period already over */
    }
    return best;
}

static int person_valid_at(const actors_dict *d, uint32_t pi, const doc_ctx *c)
{
    if (!c->has_day) return 1;
    const person *p = &d->people[pi];
    for (uint32_t i = 0; i < p->n_periods; i++) {
        const period *pe = &d->periods[p->first_period + i];
        if (c->day >= pe->from && c->day < pe->to) return 1;
    }
    return 0;
}

static int is_sentence_first(const dyad_record *r, uint32_t sent, uint32_t tok)
{
    const rec_sentence *s = &r->sentences[sent];
    /* The first word, after any opening quotes or dashes. */
    for (uint32_t i = s->tok_first; i < tok; i++)
        if (r->tokens[i].kind == SEG_WORD || r->tokens[i].kind == SEG_NUMBER) return 0;
    return 1;
}

/* Does the word at tok open a quotation or a sentence (говорят: “Нам
 * надоело”)? Its capital letter then proves nothing. */
static int opens_text(const dyad_record *r, uint32_t sent, uint32_t tok)
{
    if (is_sentence_first(r, sent, tok)) return 1;
    if (tok == 0 || r->tokens[tok - 1].kind != SEG_PUNCT) return 0;
    const rec_token *p = &r->tokens[tok - 1];
    size_t k = p->start;
    uint32_t cp = utf8_next(r->text, &k);
    return k == p->end && (cp == 0x00AB || cp == 0x201E || cp == 0x201C || cp == '"' || cp == ':');
}

/* Is every text word of a name match a form of the dictionary word? The
 * text word must begin with the dictionary word less a final ending it may
 * lose (Кисида → Кисиды, Трамп → Трампа, Лавров → Лаврова), which a
 * different name with the same stem does not (Бориса is not Борисов). */
/* Is s (the rest of a word after a name's stem) one of the case endings of
 * ru/morphology.txt? */
static int case_ending(const actors_dict *d, const char *s)
{
    for (int e = 0; e < d->n_case_endings; e++)
        if (strcmp(s, d->case_endings[e]) == 0) return 1;
    return 0;
}

static int name_prefix_ok(const doc_ctx *c, const phrase_ref *ph, uint32_t i, uint32_t len)
{
    const char *w = ph->stems_of;
    for (uint32_t k = 0; k < len; k++) {
        size_t n = strlen(w);
        size_t keep = n;
        /* Drop one ending a declining name may lose (ru/morphology.txt). */
        for (int e = 0; e < c->d->n_name_ends; e++) {
            size_t el = strlen(c->d->name_ends[e]);
            if (el < keep && memcmp(w + keep - el, c->d->name_ends[e], el) == 0) {
                keep -= el;
                break;
            }
        }
        const char *norm = c->r->tokens[i + k].norm;
        if (strncmp(norm, w, keep) != 0) return 0;
        /* What follows is a case ending (Москв-ой), not more of another
         * word (Кур is no part of Курил). */
        if (c->d->n_case_endings && norm[keep] && strcmp(norm + keep, w + keep) != 0 &&
            !case_ending(c->d, norm + keep))
            return 0;
        w += n + 1;
    }
    return 1;
}

static int is_capital_word(const doc_ctx *c, uint32_t i);

/* Has person pi been named in the document already? Then even a short
 * surname at a sentence start (Кан …) is that person. */
static int introduced(const doc_ctx *c, uint32_t pi)
{
    for (size_t k = 0; k < c->s->n_ents; k++)
        if (c->s->ents[k].person == (int32_t)pi) return 1;
    return 0;
}

/* Does any dictionary phrase start with token i? */
static int known_word(const doc_ctx *c, uint32_t i)
{
    return lex_trie_step(&c->d->trie, 0, c->toks[i].stem) != LEX_NONE ||
           lex_trie_step(&c->d->trie, 0, c->toks[i].form) != LEX_NONE;
}

/* Is token i exactly a first name (Марк, not a case form of one)? */
static int is_first_name(const doc_ctx *c, uint32_t i)
{
    const char *w = c->r->tokens[i].norm;
    return strtab_find(&c->d->first_names, w, strlen(w)) != STRTAB_NONE;
}

/* Longest dictionary match starting at token i (before end). Fills *m and
 * returns 1, or 0 if nothing matches. */
static int match_at(doc_ctx *c, uint32_t sent, uint32_t i, uint32_t end, match *m)
{
    const actors_dict *d = c->d;
    uint32_t node = 0;
    uint32_t best_len = 0, best_entry = LEX_NONE, best_rank = 255;
    uint32_t first_name_len = 0, first_name_entry = LEX_NONE;
    uint8_t best_nom = 0, best_plural = 0;
    for (uint32_t j = i; j < end; j++) {
        const lex_tok *t = &c->toks[j];
        uint32_t next = lex_trie_step(&d->trie, node, t->stem);
        if (next == LEX_NONE) next = lex_trie_step(&d->trie, node, t->form);
        if (next == LEX_NONE) break;
        node = next;
        uint32_t len = j - i + 1;
        for (uint32_t v = lex_trie_first(&d->trie, node); v != LEX_NONE;
             v = lex_trie_next(&d->trie, v)) {
            uint32_t pi = (lex_trie_value(&d->trie, v) & ~GENERATED);
            const phrase_ref *ph = &d->phrases[pi];
            const entry *e = &d->entries[ph->entry];
            if (ph->n != len) continue;
            int ok = 1, nom = 1, plural = 0;
            for (uint32_t k = 0; k < len && ok; k++) {
                ok = lex_case_ok(&c->toks[i + k], ph->cases[k]);
                uint32_t f = c->toks[i + k].form;
                plural = k + 1 == len && f == ph->plural_last && f != LEX_NONE;
                if (!plural && (ph->exact[k] == LEX_NONE || f != ph->exact[k])) nom = 0;
            }
            if (ok && ph->stems_of) ok = name_prefix_ok(c, ph, i, len);
            if (!ok) continue;
            if (e->oblique) nom = 0;
            /* A town opening a sentence in a case form is more likely a word
             * (Потом is no form of Поти): there only its own form counts. */
            if (e->kind == E_PLACE && !nom && is_sentence_first(c->r, sent, i)) continue;
            /* Ambiguous names (Того, Чад, Запад) only away from the start of
             * a sentence, where capitals mean something. */
            if (e->ambiguous && is_sentence_first(c->r, sent, i)) continue;
            /* A short surname alone at a sentence start is more likely a word
             * (Нам, Кан): only mid-sentence capitals are evidence. */
            if (e->kind == E_SURNAME && len == 1 && c->r->tokens[i].cend - c->r->tokens[i].cstart <= 3 &&
                opens_text(c->r, sent, i) && !introduced(c, e->person))
                continue;
            /* «Дан Меридор»: a surname of the dictionary right before a
             * capitalised word no dictionary knows is someone's first name
             * (Никушор Дан is not meant), unless that person was named. */
            if (e->kind == E_SURNAME && len == 1 && i + 1 < end && is_capital_word(c, i + 1) &&
                !known_word(c, i + 1) && !introduced(c, e->person))
                continue;
            if (e->kind == E_PREFIX) continue;
            if (e->kind == E_FIRSTNAME && len >= first_name_len) {
                first_name_len = len;
                first_name_entry = ph->entry;
            }
            uint32_t rank = KIND_RANK[e->kind];
            if ((e->kind == E_PERSON || e->kind == E_SURNAME) && !person_valid_at(d, e->person, c))
                rank += 1; /* prefer a person in office at the date, keep the others */
            /* At equal length an exact form beats a declined reading:
             * «Киев» is the capital, not a case form of Киа. */
            if (len > best_len ||
                (len == best_len && (nom > best_nom || (nom == best_nom && rank < best_rank)))) {
                best_len = len;
                best_entry = ph->entry;
                best_rank = rank;
                best_nom = (uint8_t)nom;
                best_plural = (uint8_t)plural;
            }
        }
    }
    if (best_entry == LEX_NONE) return 0;
    /* «Марк Рютте», «Владимир Путин»: a town or region with a first name's
     * stem is the first name when a capitalised word follows. */
    /* «Марк, рабочий …» is the first name itself, not a case form of the
     * region Марке. */
    if (d->entries[best_entry].kind == E_PLACE && first_name_len == best_len &&
        ((i + best_len < end && is_capital_word(c, i + best_len)) ||
         (!best_nom && best_len == 1 && is_first_name(c, i)))) {
        best_entry = first_name_entry;
        best_nom = 1;
    }
    memset(m, 0, sizeof *m);
    m->tf = i;
    m->te = i + best_len;
    m->entry = best_entry;
    m->nominative = best_nom;
    m->plural = best_plural;
    m->used = 0;
    return 1;
}

static int push_match(actors_scratch *s, const match *m)
{
    GROW(s->m, s->n_m, s->cap_m);
    s->m[s->n_m++] = *m;
    return 0;
}

static const char *tok_text(const doc_ctx *c, uint32_t i, size_t *n)
{
    const rec_token *t = &c->r->tokens[i];
    *n = t->end - t->start;
    return c->r->text + t->start;
}

/* Finds or creates the entity for key; returns its index or -1. */
static int32_t entity(doc_ctx *c, const char *key, const char *name, const char *code, uint8_t type,
                      const char *src, int32_t person_idx)
{
    actors_scratch *s = c->s;
    size_t before = strtab_count(&s->ent_keys);
    uint32_t id = strtab_intern(&s->ent_keys, key, strlen(key));
    if (id == STRTAB_NONE) return -1;
    if (id < before) return (int32_t)id;
    if (s->n_ents == s->cap_ents) {
        size_t cap = s->cap_ents ? s->cap_ents * 2 : 64;
        ent *p = realloc(s->ents, cap * sizeof *p);
        if (!p) return -1;
        s->ents = p;
        s->cap_ents = cap;
    }
    ent *e = &s->ents[s->n_ents++];
    memset(e, 0, sizeof *e);
    e->name = name;
    snprintf(e->code, sizeof e->code, "%s", code ? code : "");
    e->type = type;
    e->entry = src;
    e->lstem = LEX_NONE;
    e->person = person_idx;
    if (person_idx >= 0) e->gender = c->d->people[person_idx].gender;
    return (int32_t)id;
}

static int add_mention(doc_ctx *c, int32_t ent_id, uint32_t sent, uint32_t tf, uint32_t te,
                       const char *code, uint8_t how, uint8_t nominative, const char *src)
{
    if (ent_id < 0) return -1;
    actors_scratch *s = c->s;
    if (s->n_men == s->cap_men) {
        size_t cap = s->cap_men ? s->cap_men * 2 : 64;
        rec_mention *p = realloc(s->men, cap * sizeof *p);
        if (!p) return -1;
        s->men = p;
        s->cap_men = cap;
    }
    rec_mention *m = &s->men[s->n_men++];
    m->actor = (uint32_t)ent_id;
    m->sentence = sent;
    m->tok_first = m->head_first = tf;
    m->tok_end = m->head_end = te;
    snprintf(m->code, sizeof m->code, "%s", code ? code : "");
    m->how = how;
    m->nominative = nominative;
    m->entry = src;
    s->ents[ent_id].n_mentions++;
    if (s->ents[ent_id].type == ACTOR_LOC || how == HOW_ROLE || how == HOW_FOCUS)
        s->ents[ent_id].n_country_mentions++;
    return 0;
}

/* Narrows the last mention's head to the name tokens [hf, he). */
static void set_head(doc_ctx *c, uint32_t hf, uint32_t he)
{
    if (!c->s->n_men) return;
    c->s->men[c->s->n_men - 1].head_first = hf;
    c->s->men[c->s->n_men - 1].head_end = he;
}

/* The entity of a country or bloc code. */
static int32_t country_entity(doc_ctx *c, const char *code)
{
    char code3[4], key[16];
    snprintf(code3, sizeof code3, "%.3s", code);
    /* Bloc codes of four letters (NATO is an organisation, not here). */
    uint32_t cid = strtab_find(&c->d->codes, code3, strnlen(code3, 3));
    if (cid == STRTAB_NONE) return -1;
    const code_name *cn = &c->d->code_names[cid];
    /* Countries are named in the language of the text. */
    const char *name = c->r->lang == LANG_EN && cn->name_en ? cn->name_en : cn->name;
    snprintf(key, sizeof key, "c:%s", code3);
    return entity(c, key, name, code3, ACTOR_LOC, NULL, -1);
}

/* The entity of a country named by dictionary entry e (its source line is
 * the entity's evidence). */
static int32_t country_entity_of(doc_ctx *c, const char *code, const entry *e)
{
    int32_t id = country_entity(c, code);
    if (id >= 0 && !c->s->ents[id].entry) c->s->ents[id].entry = e->src;
    return id;
}

/* Composes code from a country or organisation code and a role code "*GOV". */
static void compose(char *out, const char *where, int org, const char *role)
{
    if (role[0] != '*') {
        snprintf(out, ACTOR_CODE_MAX, "%s", role);
        return;
    }
    if (org) { /* UNO, NATO …: the organisation itself */
        snprintf(out, ACTOR_CODE_MAX, "%s", where);
        return;
    }
    /* An organisation that already carries a role (JPNEDU, RUSMED, USAMIL)
     * keeps it: профессор Университета Такусёку is JPNEDU. */
    if (strlen(where) == 6) {
        snprintf(out, ACTOR_CODE_MAX, "%s", where);
        return;
    }
    if (strlen(where) != 3) { /* a four-letter organisation code */
        snprintf(out, ACTOR_CODE_MAX, "%s", where);
        return;
    }
    snprintf(out, ACTOR_CODE_MAX, "%s%s", where, role + 1);
}

static const entry *E(const doc_ctx *c, const match *m)
{
    return &c->d->entries[m->entry];
}

static int is_capital_word(const doc_ctx *c, uint32_t i)
{
    const lex_tok *t = &c->toks[i];
    return t->kind == SEG_WORD && (t->flags & SEG_F_UPPER_INITIAL) &&
           !((t->flags & SEG_F_ALL_UPPER) && c->r->tokens[i].cend - c->r->tokens[i].cstart > 1) &&
           (t->flags & (SEG_F_CYRILLIC | SEG_F_LATIN));
}

/* Tokens [i, j) that are not covered by any match of the sentence. */
static int uncovered(const doc_ctx *c, size_t m_first, uint32_t i)
{
    for (size_t k = m_first; k < c->s->n_m; k++)
        if (!c->s->m[k].dropped && c->d->entries[c->s->m[k].entry].kind != E_PLACE &&
            c->s->m[k].tf <= i && i < c->s->m[k].te)
            return 0;
    return 1;
}

/* An initial with its period (В. in «В. В. Путин»): returns the tokens it
 * takes (2), or 0. */
static uint32_t initial_at(const doc_ctx *c, uint32_t i, uint32_t end)
{
    const rec_token *t = &c->r->tokens[i];
    if (i + 1 >= end || t->kind != SEG_WORD || t->cend - t->cstart != 1 ||
        !(t->flags & (SEG_F_UPPER_INITIAL | SEG_F_ALL_UPPER)))
        return 0;
    const rec_token *dot = &c->r->tokens[i + 1];
    return dot->end - dot->start == 1 && c->r->text[dot->start] == '.' ? 2 : 0;
}

/* A personal name not in the dictionary starting at token i: initials, then
 * one to three capitalised words, none matched by the dictionary. Returns its
 * end or i. */
static uint32_t unknown_name(const doc_ctx *c, size_t m_first, uint32_t i, uint32_t end)
{
    uint32_t j = i, k;
    while (j - i < 6 && (k = initial_at(c, j, end)) > 0) j += k;
    uint32_t words = j;
    /* Every capitalised word counts: refusing those whose stem a dictionary
     * knows would drop «руководителя Службы» but also many real surnames
     * (factRuEval PER F1 .837 → .824), so that is left undone. */
    while (j < end && j - words < 3 && is_capital_word(c, j) && uncovered(c, m_first, j)) j++;
    return j > words ? j : i;
}

/* «Владимир Владимирович Иванов» is not Игорь Иванов: a dictionary surname
 * right after another first name (and patronymic) belongs to a namesake. */
static void drop_namesakes(doc_ctx *c, size_t m_first)
{
    actors_scratch *s = c->s;
    for (size_t k = m_first; k + 1 < s->n_m; k++) {
        const match *f = &s->m[k];
        if (c->d->entries[f->entry].kind != E_FIRSTNAME) continue;
        match *sn = &s->m[k + 1];
        const entry *e = &c->d->entries[sn->entry];
        if (e->kind != E_SURNAME || sn->tf < f->te || sn->tf - f->te > 1) continue;
        if (sn->tf == f->te + 1 && !is_capital_word(c, f->te)) continue; /* a patronymic between */
        const char *pname = c->d->people[e->person].name;
        const char *sp = strchr(pname, ' ');
        size_t fl = sp ? (size_t)(sp - pname) : 0;
        const char *first = c->d->entries[f->entry].canon;
        if (fl != strlen(first) || strncmp(pname, first, fl) != 0) sn->dropped = 1;
    }
}

static int ends_with(const char *s, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && memcmp(s + n - k, end, k) == 0;
}

/* Appends word w[0..n) with its first letter kept as written and the rest
 * from the folded form f (which has the same letters in lower case). */
static void add_cased(buf *b, const char *w, size_t n, const char *f, size_t fn)
{
    size_t first = 1;
    while (first < n && ((unsigned char)w[first] & 0xC0) == 0x80) first++;
    buf_add(b, w, first);
    size_t ffirst = 1;
    while (ffirst < fn && ((unsigned char)f[ffirst] & 0xC0) == 0x80) ffirst++;
    buf_add(b, f + ffirst, fn - ffirst);
}

/* The name of a person not in any dictionary, in the nominative where the
 * first name shows the case: a known first name in an oblique form (Юрия =
 * Юрий in the genitive) tells which ending the surname takes off (Лужкова →
 * Лужков), by the rules of name_cases.txt. Without that evidence the name
 * stays as written. */
static void nominative_name(doc_ctx *c, uint32_t tf, uint32_t te, const entry *first, buf *b)
{
    const actors_dict *d = c->d;
    const name_rule *fr = NULL;
    const char *fnorm = c->r->tokens[tf].norm;
    size_t fnl = strlen(fnorm);
    char canon[128] = "";
    /* Which nominative first name, by which rule, gives this form? */
    for (size_t i = 0; first && te - tf >= 2 && i < d->n_name_rules && !fr; i++) {
        const name_rule *r = &d->name_rules[i];
        size_t tl = strlen(r->to);
        if (r->surname || !ends_with(fnorm, fnl, r->to) || fnl - tl + strlen(r->from) >= sizeof canon)
            continue;
        snprintf(canon, sizeof canon, "%.*s%s", (int)(fnl - tl), fnorm, r->from);
        uint32_t id = strtab_find(&d->first_names, canon, strlen(canon));
        if (id == STRTAB_NONE) continue;
        uint8_t g = d->first_gender[id];
        if (g && g != r->gender) continue;
        fr = r;
    }
    for (uint32_t i = tf; i < te; i++) {
        size_t n;
        const char *w = tok_text(c, i, &n);
        if (i > tf && c->r->tokens[i].start > c->r->tokens[i - 1].end) buf_addc(b, ' ');
        if (i == tf && fr) {
            add_cased(b, w, n, canon, strlen(canon));
            continue;
        }
        const char *norm = c->r->tokens[i].norm;
        size_t nl = strlen(norm);
        const name_rule *sr = NULL;
        for (size_t k = 0; fr && i == te - 1 && k < d->n_name_rules && !sr; k++) {
            const name_rule *r = &d->name_rules[k];
            if (r->surname && r->gender == fr->gender && strcmp(r->gcase, fr->gcase) == 0 &&
                ends_with(norm, nl, r->from) && nl > strlen(r->from) + 4)
                sr = r;
        }
        if (!sr) {
            buf_add(b, w, n);
            continue;
        }
        char nom[256];
        snprintf(nom, sizeof nom, "%.*s%s", (int)(nl - strlen(sr->from)), norm, sr->to);
        add_cased(b, w, n, nom, strlen(nom));
    }
}

/* The entity of a person named by tokens [tf, te) that no dictionary knows;
 * first is the first-name entry when tokens[tf] is a known first name. */
static int32_t unknown_person(doc_ctx *c, uint32_t tf, uint32_t te, const char *code,
                              const entry *first)
{
    buf *b = &c->s->tmp;
    buf_reset(b);
    nominative_name(c, tf, te, first, b);
    if (b->failed) return -1;
    char *name = arena_strndup(&c->r->mem, b->data, b->len);
    if (!name) return -1;
    char key[600];
    snprintf(key, sizeof key, "n:%s", name);
    /* «Профессор Лиухто» … «профессора Кари Лиухто»: the full name of a
     * person named before by the surname alone is that person. */
    int32_t id = -1;
    if (te > tf + 1)
        for (size_t k = 0; k < c->s->n_ents && id < 0; k++) {
            ent *o = &c->s->ents[k];
            if (o->type == ACTOR_PER && o->person < 0 && o->lstem == c->lstems[te - 1] &&
                o->name && !strchr(o->name, ' ')) {
                o->name = name;
                id = (int32_t)k;
            }
        }
    if (id < 0) id = entity(c, key, name, code, ACTOR_PER, NULL, -1);
    if (id < 0) return -1;
    ent *e = &c->s->ents[id];
    if (!e->code[0] && code) snprintf(e->code, sizeof e->code, "%s", code);
    if (first && first->tag) e->gender = first->tag;
    e->lstem = c->lstems[te - 1];
    return id;
}

/* A person of the document whose name begins with the word at token i (a
 * first name alone, after the full name), or -1. */
static int32_t person_by_first_name(const doc_ctx *c, uint32_t i)
{
    size_t n;
    const char *w = tok_text(c, i, &n);
    for (size_t k = 0; k < c->s->n_ents; k++) {
        const ent *e = &c->s->ents[k];
        if (e->type == ACTOR_PER && e->name && strncmp(e->name, w, n) == 0 && e->name[n] == ' ')
            return (int32_t)k;
    }
    return -1;
}

/* The most recent mention of a person before token tok; role (e.g. "EDU")
 * narrows by the role part of the code, gender by the first name. */
static int32_t recent_person(const doc_ctx *c, uint32_t tok, const char *role, uint8_t gender)
{
    for (size_t k = c->s->n_men; k-- > 0;) {
        const rec_mention *m = &c->s->men[k];
        if (m->tok_first >= tok) continue;
        const ent *e = &c->s->ents[m->actor];
        if (e->type != ACTOR_PER) continue;
        if (gender && e->gender && e->gender != gender) continue;
        if (role && (strlen(m->code) < 6 || strcmp(m->code + 3, role) != 0)) continue;
        return (int32_t)m->actor;
    }
    return -1;
}

/* The most recent person with role `role` of the country in focus: a bare
 * «премьер» is the head of government of the country the text is about. */
static int32_t focus_country(const doc_ctx *c);
static int32_t recent_head(const doc_ctx *c, uint32_t tok, const char *role)
{
    int32_t f = focus_country(c);
    if (f < 0) return -1;
    const char *fc = c->s->ents[f].code;
    for (size_t k = c->s->n_men; k-- > 0;) {
        const rec_mention *m = &c->s->men[k];
        const ent *e = &c->s->ents[m->actor];
        if (m->tok_first >= tok || e->type != ACTOR_PER || strlen(m->code) < 6) continue;
        if (strncmp(m->code, fc, 3) != 0) continue;
        if (role && strcmp(m->code + 3, role) != 0) continue;
        return (int32_t)m->actor;
    }
    return -1;
}

/* The country most mentioned so far (first mentioned on ties). */
static int32_t focus_country(const doc_ctx *c)
{
    int32_t best = -1;
    uint32_t best_n = 0;
    for (size_t i = 0; i < c->s->n_ents; i++) {
        const ent *e = &c->s->ents[i];
        if (e->type != ACTOR_LOC || strlen(e->code) != 3) continue;
        /* A region (Южный Кавказ) has no government or police of its own. */
        uint32_t cid = strtab_find(&c->d->codes, e->code, 3);
        if (cid != STRTAB_NONE && c->d->code_names[cid].bloc) continue;
        if (e->n_country_mentions > best_n) {
            best_n = e->n_country_mentions;
            best = (int32_t)i;
        }
    }
    return best;
}

/* Person mention from a dictionary match (full name or surname). */
static int person_mention(doc_ctx *c, uint32_t sent, const match *m, uint32_t tf,
                          const char *group_code, uint8_t how)
{
    const entry *e = E(c, m);
    const period *pe = person_period_as(c->d, e->person, c, group_code);
    char key[32];
    snprintf(key, sizeof key, "p:%u", e->person);
    /* Named in English, a person is written in English. */
    const person *p = &c->d->people[e->person];
    const char *name = (c->toks[m->tf].flags & SEG_F_LATIN) && p->name_latin ? p->name_latin : p->name;
    int32_t id = entity(c, key, name, pe->code, ACTOR_PER, pe->src, (int32_t)e->person);
    if (id >= 0) c->s->ents[id].lstem = c->lstems[m->te - 1];
    if (add_mention(c, id, sent, tf, m->te, pe->code, how, m->nominative, pe->src) != 0) return -1;
    set_head(c, m->tf, m->te);
    return 0;
}

/* The country of a one-word adjective or name whose match key is key, or
 * NULL: a part of an English compound (Russian-American, US-China). */
static const entry *country_word(const actors_dict *d, uint32_t key, int names_too)
{
    uint32_t node = lex_trie_step(&d->trie, 0, key);
    for (uint32_t v = node == LEX_NONE ? LEX_NONE : lex_trie_first(&d->trie, node); v != LEX_NONE;
         v = lex_trie_next(&d->trie, v)) {
        const phrase_ref *ph = &d->phrases[(lex_trie_value(&d->trie, v) & ~GENERATED)];
        const entry *e = &d->entries[ph->entry];
        if (ph->n == 1 && (e->kind == E_ADJ || (names_too && e->kind == E_COUNTRY && !e->ambiguous)))
            return e;
    }
    return NULL;
}

/* Splits an unmatched hyphenated word into countries: Russian compounds join
 * a prefix to an adjective (японо-китайские), English ones also join
 * adjectives or names (Sino-Japanese, Russian-American, US-China). */
static int compound_adjective(doc_ctx *c, uint32_t sent, uint32_t i)
{
    const rec_token *t = &c->r->tokens[i];
    const char *norm = t->norm;
    if (t->kind != SEG_WORD || !strchr(norm, '-')) return 0;
    const actors_dict *d = c->d;
    const entry *parts[4];
    int n = 0;
    int latin = (t->flags & SEG_F_LATIN) != 0;
    const char *p = norm;
    buf *b = &c->s->tmp;
    while (*p && n < 4) {
        const char *dash = strchr(p, '-');
        size_t len = dash ? (size_t)(dash - p) : strlen(p);
        const entry *found = NULL;
        buf_reset(b);
        buf_add(b, "f:", 2);
        buf_add(b, p, len);
        uint32_t form = strtab_find(c->keys, b->data, b->len);
        if (dash && form != STRTAB_NONE) {
            uint32_t node = lex_trie_step(&d->prefixes, 0, form);
            if (node != LEX_NONE && lex_trie_first(&d->prefixes, node) != LEX_NONE)
                found = &d->entries[lex_trie_value(&d->prefixes, lex_trie_first(&d->prefixes, node))];
        }
        if (!found && (!dash || latin)) {
            uint32_t sid = stem_cache_get(c->stems, p, len, NULL);
            if (sid == STRTAB_NONE) return -1;
            buf_reset(b);
            buf_add(b, "s:", 2);
            buf_add(b, strtab_str(&c->stems->stems, sid), strtab_len(&c->stems->stems, sid));
            uint32_t key = strtab_find(c->keys, b->data, b->len);
            if (key != STRTAB_NONE) found = country_word(d, key, latin);
            if (!found && latin && form != STRTAB_NONE) found = country_word(d, form, 1);
        }
        if (!found) return 0;
        parts[n] = found;
        n++;
        if (!dash) break;
        p = dash + 1;
    }
    if (n < 2) return 0;
    for (int k = 0; k < n; k++) {
        int32_t id = country_entity_of(c, parts[k]->code, parts[k]);
        if (id < 0) continue;
        if (add_mention(c, id, sent, i, i + 1, c->s->ents[id].code, HOW_COMPOUND, 0,
                        parts[k]->src) != 0)
            return -1;
    }
    return 1;
}

/* A person of the document whose surname is token i, or -1. */
static int32_t person_by_surname(const doc_ctx *c, uint32_t i)
{
    for (size_t e = 0; e < c->s->n_ents; e++)
        if (c->s->ents[e].type == ACTOR_PER && c->s->ents[e].lstem == c->lstems[i]) return (int32_t)e;
    return -1;
}

/* After a role group ending at token j, a person in apposition: a known
 * person (dictionary match starting at j) or an unknown capitalised name. */
static int apposition(doc_ctx *c, uint32_t sent, size_t m_first, size_t *k, uint32_t tf,
                      uint32_t j, uint32_t end, const char *code, const char *src, int *done)
{
    *done = 0;
    actors_scratch *s = c->s;
    /* «посол России в Японии Николай Ноздрев», «глава делегации на
     * переговорах Саеб Эрекат»: a short prepositional phrase may stand
     * between the title and the name. */
    if (j + 2 < end && c->toks[j].kind == SEG_WORD && c->r->tokens[j].cend - c->r->tokens[j].cstart <= 2 &&
        !(c->toks[j].flags & SEG_F_UPPER_INITIAL)) {
        /* The phrase: a dictionary match or up to three lower-case words
         * (директор НАСА по космическим полётам Билл Герстенмайер). */
        uint32_t after = j + 1;
        int matched = 0;
        for (size_t q = *k + 1; q < s->n_m && !matched; q++)
            if (s->m[q].tf == j + 1) {
                after = s->m[q].te;
                matched = 1;
            }
        while (!matched && after < end && after < j + 4 && c->toks[after].kind == SEG_WORD &&
               !(c->toks[after].flags & SEG_F_UPPER_INITIAL))
            after++;
        int person_next = 0;
        for (size_t q = *k + 1; q < s->n_m; q++)
            if (s->m[q].tf == after && (E(c, &s->m[q])->kind == E_PERSON ||
                                        E(c, &s->m[q])->kind == E_FIRSTNAME))
                person_next = 1;
        if (after < end && (person_next || unknown_name(c, m_first, after, end) >= after + 2)) {
            while (*k + 1 < s->n_m && s->m[*k + 1].tf < after) {
                match *pm = &s->m[++*k];
                pm->used = 1;
                const entry *pe = E(c, pm);
                if (pe->kind == E_COUNTRY || pe->kind == E_CAPITAL) { /* в Японии: a place too */
                    int32_t id = country_entity_of(c, pe->code, pe);
                    if (id >= 0 && add_mention(c, id, sent, pm->tf, pm->te, pe->code,
                                               pe->kind == E_COUNTRY ? HOW_DICT : HOW_METONYM, 0,
                                               pe->src) != 0)
                        return -1;
                }
            }
            j = after;
        }
    }
    uint32_t init = j, step;
    while (init - j < 6 && (step = initial_at(c, init, end)) > 0) init += step;
    if (init > j && *k + 1 < s->n_m && s->m[*k + 1].tf == init) {
        /* «Б. Джонсон» is not Майк Джонсон: the initial must be the name's. */
        const match *next = &s->m[*k + 1];
        const entry *ne = E(c, next);
        if (ne->kind == E_PERSON || ne->kind == E_SURNAME) {
            const char *pname = c->d->people[ne->person].name;
            size_t n;
            const char *ini = tok_text(c, j, &n);
            if (strncmp(pname, ini, n) != 0) s->m[*k + 1].dropped = 1;
        }
        if (!s->m[*k + 1].dropped) j = init;
    }
    if (*k + 1 < s->n_m && s->m[*k + 1].tf == j && !s->m[*k + 1].dropped) {
        match *next = &s->m[*k + 1];
        uint8_t kind = E(c, next)->kind;
        if (kind == E_PERSON || kind == E_SURNAME) {
            next->used = 1;
            (*k)++;
            *done = 1;
            return person_mention(c, sent, next, tf, code, HOW_DICT);
        }
        if (kind == E_FIRSTNAME) {
            /* First name + unknown surname. */
            uint32_t e2 = unknown_name(c, m_first, next->te, end);
            if (e2 > next->te) {
                next->used = 1;
                (*k)++;
                *done = 1;
                int32_t id = unknown_person(c, next->tf, e2, code, E(c, next));
                if (add_mention(c, id, sent, tf, e2, code, HOW_NAME, 1, src) != 0) return -1;
                set_head(c, next->tf, e2);
                return 0;
            }
        }
    }
    uint32_t e2 = unknown_name(c, m_first, j, end);
    if (e2 > j) {
        *done = 1;
        int32_t id = e2 == j + 1 ? person_by_surname(c, j) : -1;
        if (id >= 0) {
            if (add_mention(c, id, sent, tf, e2, c->s->ents[id].code, HOW_SURNAME, 1, src) != 0)
                return -1;
        } else {
            id = unknown_person(c, j, e2, code, NULL);
            if (add_mention(c, id, sent, tf, e2, code, HOW_NAME, 1, src) != 0) return -1;
        }
        set_head(c, j, e2);
        return 0;
    }
    return 0;
}

/* The organisation or country inside a role group (профессор Университета
 * Такусёку Кэнро Нагоси, президента США Дональда Трампа) is named too. */
static int gen_mention(doc_ctx *c, uint32_t sent, const match *from, const entry *g)
{
    for (size_t k = 0; k < c->s->n_m; k++) {
        const match *m = &c->s->m[k];
        if (m->tf < from->tf || &c->d->entries[m->entry] != g) continue;
        int32_t id;
        uint8_t how = HOW_DICT;
        if (g->kind == E_ORG) {
            char key[32];
            snprintf(key, sizeof key, "o:%p", (const void *)g->canon);
            id = entity(c, key, g->phrase, g->code, ACTOR_ORG, g->src, -1);
        } else {
            id = country_entity_of(c, g->code, g);
            if (g->kind != E_COUNTRY) how = HOW_METONYM;
        }
        if (id < 0) return 0;
        return add_mention(c, id, sent, m->tf, m->te, g->code, how, m->nominative, g->src);
    }
    return 0;
}

/* Is match b right after match a, with at most `gap` words between? */
static int follows(const doc_ctx *c, const match *a, const match *b, uint32_t gap)
{
    if (b->tf < a->te || b->tf - a->te > gap) return 0;
    for (uint32_t i = a->te; i < b->tf; i++)
        if (c->toks[i].kind != SEG_WORD || (c->toks[i].flags & SEG_F_UPPER_INITIAL)) return 0;
    return 1;
}

static int key_in(uint32_t key, const uint32_t *keys, int n)
{
    for (int i = 0; i < n; i++)
        if (keys[i] == key && key != LEX_NONE) return 1;
    return 0;
}

/* The tokens from i on that mark an English genitive: "of" and an optional
 * article (President of the Republic). 0 when there are none. */
static uint32_t genitive_gap(const doc_ctx *c, uint32_t i, uint32_t end)
{
    if (i >= end || !key_in(c->toks[i].form, c->d->key_gen, c->d->n_gen)) return 0;
    if (i + 1 < end && key_in(c->toks[i + 1].form, c->d->key_article, c->d->n_article)) return 2;
    return 1;
}

/* The kind match k plays in composition: an English country, capital, seat
 * or organisation right before a role or body is its modifier, as an
 * adjective is (US ambassador, Russia's foreign minister, Kremlin spokesman,
 * UN Secretary-General). */
static int kind_of(const doc_ctx *c, size_t k)
{
    const actors_scratch *s = c->s;
    const match *m = &s->m[k];
    int kind = E(c, m)->kind;
    int holder = kind == E_COUNTRY || kind == E_ORG || kind == E_SEAT || kind == E_CAPITAL ||
                 (kind == E_BODY && E(c, m)->code[0] != '*'); /* FSB spokesman */
    if (!holder || !(c->toks[m->tf].flags & SEG_F_LATIN) || k + 1 >= s->n_m ||
        s->m[k + 1].tf != m->te)
        return kind;
    int next = E(c, &s->m[k + 1])->kind;
    return next == E_ROLE || next == E_BODY || next == E_MODIFIER ? E_ADJ : kind;
}

/* The person named last before token tok in sentence sent, when no
 * dictionary gave it a code; or -1. */
static int32_t uncoded_person_before(const doc_ctx *c, uint32_t sent, uint32_t tok)
{
    for (size_t k = c->s->n_men; k-- > 0;) {
        const rec_mention *m = &c->s->men[k];
        if (m->sentence != sent || m->tok_end > tok) continue;
        const ent *e = &c->s->ents[m->actor];
        if (e->type != ACTOR_PER) continue;
        return e->code[0] ? -1 : (int32_t)m->actor;
    }
    return -1;
}

/* Is a Russian name match plainly in the nominative, so that it cannot be
 * the genitive of the role before it (…сотрудника торгпредства Россия
 * выслала …)? Names that do not decline (США, Того, Перу) and English
 * names tell nothing. */
static int in_nominative(const doc_ctx *c, const match *m)
{
    if (!m->nominative || m->te != m->tf + 1) return 0;
    const lex_tok *t = &c->toks[m->tf];
    if (t->flags & (SEG_F_ALL_UPPER | SEG_F_LATIN)) return 0;
    const char *w = c->r->tokens[m->tf].norm;
    size_t n = strlen(w);
    for (int i = 0; i < c->d->n_indeclinable; i++) {
        size_t k = strlen(c->d->indeclinable[i]);
        if (n >= k && strcmp(w + n - k, c->d->indeclinable[i]) == 0) return 0;
    }
    return 1;
}

/* The country of a role mention ending at most three words before token tok
 * in sentence sent, with nothing but lower-case words between: the head of
 * a chain of titles. -1 if none. */
static int32_t chained_role_country(const doc_ctx *c, uint32_t sent, uint32_t tok)
{
    for (size_t k = c->s->n_men; k-- > 0;) {
        const rec_mention *m = &c->s->men[k];
        if (m->sentence != sent || m->tok_end > tok) continue;
        if (m->how != HOW_ROLE || tok - m->tok_end > 3) return -1;
        for (uint32_t t = m->tok_end; t < tok; t++)
            if (c->toks[t].kind != SEG_WORD || (c->toks[t].flags & SEG_F_UPPER_INITIAL)) return -1;
        const ent *e = &c->s->ents[m->actor];
        return e->type == ACTOR_LOC ? (int32_t)m->actor : -1;
    }
    return -1;
}

/* Composes the matches of one sentence into mentions. */
static int compose_sentence(doc_ctx *c, uint32_t sent, size_t m_first, uint32_t end)
{
    actors_scratch *s = c->s;
    for (size_t k = m_first; k < s->n_m; k++) {
        match *m = &s->m[k];
        if (m->used || m->dropped) continue;
        const entry *e = E(c, m);
        uint32_t tf = m->tf;
        char code[ACTOR_CODE_MAX];
        switch (kind_of(c, k)) {
        case E_MODIFIER:
        case E_ADJ:
        case E_ROLE:
        case E_BODY: {
            /* [modifier] [adjective] role|body [genitive country|org] [name] */
            size_t k0 = k;
            int eli = 0, last_end_extra = 0;
            const entry *adj = NULL, *role = NULL, *gen = NULL;
            const match *last = m;
            if (e->kind == E_MODIFIER) {
                eli = e->tag == TAG_ELI;
                if (k + 1 < s->n_m && follows(c, &s->m[k], &s->m[k + 1], 1)) last = &s->m[++k];
                else break;
            }
            if (kind_of(c, k) == E_ADJ) {
                adj = E(c, last);
                if (k + 1 < s->n_m && follows(c, last, &s->m[k + 1], 2) &&
                    (E(c, &s->m[k + 1])->kind == E_ROLE || E(c, &s->m[k + 1])->kind == E_BODY ||
                     E(c, &s->m[k + 1])->kind == E_MODIFIER)) {
                    last = &s->m[++k];
                    if (E(c, last)->kind == E_MODIFIER) {
                        eli |= E(c, last)->tag == TAG_ELI;
                        if (k + 1 < s->n_m && follows(c, last, &s->m[k + 1], 1)) last = &s->m[++k];
                    }
                }
            }
            if (E(c, last)->kind == E_ROLE || E(c, last)->kind == E_BODY) {
                role = E(c, last);
                if (k + 1 < s->n_m && s->m[k + 1].tf == last->te + genitive_gap(c, last->te, end)) {
                    const entry *g = E(c, &s->m[k + 1]);
                    if ((g->kind == E_COUNTRY || g->kind == E_ORG || g->kind == E_CAPITAL ||
                         g->kind == E_SEAT) &&
                        !in_nominative(c, &s->m[k + 1])) {
                        gen = g;
                        last = &s->m[++k];
                    } else if (g->kind == E_ADJ && !adj && s->m[k + 1].te < end &&
                               c->toks[s->m[k + 1].te].kind == SEG_WORD &&
                               (!(c->toks[s->m[k + 1].te].flags & SEG_F_UPPER_INITIAL) ||
                                (k + 2 < s->n_m && s->m[k + 2].tf == s->m[k + 1].te &&
                                 (E(c, &s->m[k + 2])->kind == E_BODY ||
                                  E(c, &s->m[k + 2])->kind == E_ROLE)))) {
                        /* «глава палестинской делегации»: a genitive noun
                         * group whose adjective names the country. */
                        adj = g;
                        s->m[++k].used = 1;
                        last = &s->m[k];
                        last_end_extra = 1;
                        if (k + 1 < s->n_m && s->m[k + 1].tf == last->te &&
                            (E(c, &s->m[k + 1])->kind == E_BODY || E(c, &s->m[k + 1])->kind == E_ROLE)) {
                            s->m[++k].used = 1;
                            last = &s->m[k];
                            last_end_extra = 0;
                        }
                    }
                }
            }
            if (role && !gen && !adj && role->code[0] == '*') {
                /* «главы комиссии парламента Эстонии»: a country named after
                 * a noun or two of the role's own phrase is its country. */
                uint32_t t = last->te;
                size_t q = k + 1;
                int words = 0;
                while (t < end && words < 3) {
                    while (q < s->n_m && s->m[q].tf < t) q++;
                    if (q < s->n_m && s->m[q].tf == t) {
                        const entry *g = E(c, &s->m[q]);
                        if (g->kind == E_COUNTRY || g->kind == E_ORG) gen = g;
                        if (g->kind != E_BODY) break;
                        t = s->m[q].te;
                    } else if (c->toks[t].kind == SEG_WORD &&
                               !(c->toks[t].flags & SEG_F_UPPER_INITIAL) &&
                               !key_in(c->toks[t].form, c->d->key_prep, c->d->n_prep)) {
                        t++;
                    } else {
                        break;
                    }
                    words++;
                }
            }
            if (!role) {
                /* A lone adjective or demonym: the country itself. */
                if (adj) {
                    int32_t id = country_entity_of(c, adj->code, adj);
                    if (add_mention(c, id, sent, m->tf, m->te, s->ents[id >= 0 ? id : 0].code,
                                    HOW_ADJ, 0, adj->src) != 0 && id >= 0)
                        return -1;
                }
                k = k0;
                break;
            }
            const char *where = gen ? gen->code : adj ? adj->code : NULL;
            uint8_t nominative = m->nominative;
            /* The head noun decides the case: the role or body word. */
            for (size_t q = k0; q <= k; q++)
                if (E(c, &s->m[q]) == role) nominative = s->m[q].nominative;
            uint32_t gend = last->te + (uint32_t)last_end_extra;
            if (!where && role->code[0] != '*') where = role->code;
            int32_t country = -1;
            if (where) {
                compose(code, where, (gen ? gen : adj) && (gen ? gen : adj)->kind == E_ORG, role->code);
            } else {
                /* A title with a name but no country (премьер-министр Санаэ
                 * Такаити): the person belongs to the country of a title
                 * just before it in the same chain (Глава представительства
                 * США в регионе помощник госсекретаря …), else to the
                 * country in focus. */
                int32_t f = chained_role_country(c, sent, tf);
                if (f < 0) f = focus_country(c);
                if (f >= 0)
                    compose(code, s->ents[f].code, 0, role->code);
                else
                    code[0] = '\0';
            }
            if (eli && strlen(code) == 6) memcpy(code + 3, "ELI", 4);
            int done = 0;
            if (apposition(c, sent, m_first, &k, tf, gend, end, code[0] ? code : NULL,
                           role->src, &done) != 0)
                return -1;
            /* The genitive's own name (США in «президента США») is a mention too. */
            if (gen && gen_mention(c, sent, &s->m[k0], gen) != 0) return -1;
            if (done) break;
            if (!where) code[0] = '\0';
            /* «…как Виктор Бут был экстрадирован в США, российскому
             * бизнесмену …»: a role set off by a comma after a person no
             * dictionary gives a code describes that person. */
            if (where && code[0] && tf > c->r->sentences[sent].tok_first &&
                c->toks[tf - 1].form == c->d->key_comma) {
                int32_t p = uncoded_person_before(c, sent, tf);
                if (p >= 0) {
                    snprintf(s->ents[p].code, sizeof s->ents[p].code, "%s", code);
                    if (add_mention(c, p, sent, tf, gend, code, HOW_TITLE, nominative, role->src) != 0)
                        return -1;
                    break;
                }
            }
            if (where) {
                const entry *holder = gen ? gen : adj;
                if (holder && holder->kind == E_ORG) {
                    char key[32];
                    snprintf(key, sizeof key, "o:%p", (const void *)holder->canon);
                    country = entity(c, key, holder->phrase, holder->code, ACTOR_ORG, holder->src, -1);
                } else {
                    country = country_entity_of(c, where, gen ? gen : adj ? adj : role);
                }
                if (add_mention(c, country, sent, tf, gend, code, HOW_ROLE, nominative,
                                role->src) != 0 && country >= 0)
                    return -1;
                break;
            }
            /* A bare title refers back to a person with that role; a bare
             * body or head title without one is the country in focus. A
             * plural (лидеры, дипломаты) is no one person. */
            int plural = 0;
            for (size_t q = k0; q <= k; q++)
                if (E(c, &s->m[q]) == role) plural = s->m[q].plural;
            if (plural && role->kind == E_ROLE) break;
            const char *want = role->code[0] == '*' ? role->code + 1 : NULL;
            int32_t p = -1;
            if (role->kind == E_ROLE && role->tag == TAG_HEAD) p = recent_head(c, tf, want);
            if (p < 0 && role->kind == E_ROLE) p = recent_person(c, tf, want, 0);
            if (p >= 0) {
                if (add_mention(c, p, sent, tf, gend, s->ents[p].code, HOW_TITLE, nominative,
                                role->src) != 0)
                    return -1;
                break;
            }
            if ((role->kind == E_BODY || role->tag == TAG_HEAD) && nominative) {
                int32_t f = focus_country(c);
                if (f >= 0) {
                    compose(code, s->ents[f].code, 0, role->code);
                    if (add_mention(c, f, sent, tf, gend, code, HOW_FOCUS, nominative,
                                    role->src) != 0)
                        return -1;
                }
            }
            break;
        }
        case E_COUNTRY:
        case E_CAPITAL:
        case E_SEAT:
        case E_DEMONYM: {
            int32_t id = country_entity_of(c, e->code, e);
            if (id < 0) break;
            uint8_t how = e->kind == E_COUNTRY ? HOW_DICT : e->kind == E_DEMONYM ? HOW_ADJ
                                                                                : HOW_METONYM;
            if (add_mention(c, id, sent, m->tf, m->te, e->code, how, m->nominative, e->src) != 0)
                return -1;
            break;
        }
        case E_PLACE: {
            /* A town's name inside a person's name is the person's (Сергей
             * Королёв is no town). */
            int in_name = 0;
            for (size_t q = 0; q < s->n_men && !in_name; q++)
                in_name = s->men[q].sentence == sent && s->men[q].tok_first <= m->tf &&
                          m->te <= s->men[q].tok_end && s->ents[s->men[q].actor].type == ACTOR_PER;
            if (in_name) break;
            char key[32];
            snprintf(key, sizeof key, "l:%p", (const void *)e->canon);
            int32_t id = entity(c, key, e->canon, e->code, ACTOR_LOC, e->src, -1);
            if (id < 0) break;
            s->ents[id].place = 1;
            if (add_mention(c, id, sent, m->tf, m->te, e->code, HOW_PLACE, m->nominative, e->src) != 0)
                return -1;
            break;
        }
        case E_ORG: {
            char key[32];
            snprintf(key, sizeof key, "o:%p", (const void *)e->canon);
            /* «альянс» names NATO only once NATO has been named. */
            if (e->anaphor && strtab_find(&s->ent_keys, key, strlen(key)) == STRTAB_NONE) break;
            int32_t id = entity(c, key, e->phrase, e->code, ACTOR_ORG, e->src, -1);
            if (add_mention(c, id, sent, m->tf, m->te, e->code, HOW_DICT, m->nominative, e->src) !=
                0)
                return -1;
            break;
        }
        case E_PERSON:
        case E_SURNAME:
            if (person_mention(c, sent, m, m->tf, NULL, HOW_DICT) != 0) return -1;
            break;
        case E_FIRSTNAME: {
            uint32_t e2 = unknown_name(c, m_first, m->te, end);
            /* «Марк, рабочий из цеха, …»: a first name alone, written as
             * one and not opening the sentence (or set off by a comma), is
             * a person who gives no surname. */
            int alone = e2 <= m->te && m->te == m->tf + 1 && is_first_name(c, m->tf) &&
                        is_capital_word(c, m->tf) && !(m->te < end && is_capital_word(c, m->te)) &&
                        (!is_sentence_first(c->r, sent, m->tf) ||
                         (m->te < end && c->toks[m->te].form == c->d->key_comma));
            if (alone) e2 = m->te;
            if (e2 > m->te || alone) {
                /* «Юрий самостоятельно выбрался»: Юрий Маленченко, named before. */
                int32_t id = alone ? person_by_first_name(c, m->tf) : -1;
                if (id < 0) id = unknown_person(c, m->tf, e2, NULL, e);
                if (add_mention(c, id, sent, m->tf, e2, s->ents[id >= 0 ? id : 0].code, HOW_NAME,
                                1, NULL) != 0 && id >= 0)
                    return -1;
            }
            break;
        }
        case E_PRONOUN: {
            if (e->tag == TAG_PL) break;
            int32_t p = recent_person(c, m->tf, NULL, e->tag);
            if (p >= 0 && add_mention(c, p, sent, m->tf, m->te, s->ents[p].code, HOW_PRONOUN,
                                      m->nominative, e->src) != 0)
                return -1;
            break;
        }
        case E_TITLE: {
            int32_t p = recent_person(c, m->tf, NULL, 0);
            if (p >= 0 && add_mention(c, p, sent, m->tf, m->te, s->ents[p].code, HOW_TITLE,
                                      m->nominative, e->src) != 0)
                return -1;
            break;
        }
        default: break;
        }
    }
    return 0;
}

/* Bare surnames of people introduced earlier without a dictionary entry. */
static int bare_surnames(doc_ctx *c, uint32_t sent, size_t m_first, uint32_t a, uint32_t b)
{
    actors_scratch *s = c->s;
    for (uint32_t i = a; i < b; i++) {
        if (!is_capital_word(c, i) || !uncovered(c, m_first, i)) continue;
        int covered = 0;
        for (size_t k = 0; k < s->n_men && !covered; k++)
            covered = s->men[k].sentence == sent && s->men[k].tok_first <= i && i < s->men[k].tok_end;
        if (covered) continue;
        int32_t e = person_by_surname(c, i);
        if (e >= 0 && add_mention(c, e, sent, i, i + 1, s->ents[e].code, HOW_SURNAME, 1, NULL) != 0)
            return -1;
    }
    return 0;
}

/* «Билл Герстенмайер (Bill Gerstenmaier)»: the words in brackets right
 * after a person's name are the same person, in another script. */
static int bracketed_names(doc_ctx *c, uint32_t sent, size_t men_first, uint32_t end)
{
    actors_scratch *s = c->s;
    size_t n = s->n_men;
    for (size_t k = men_first; k < n; k++) {
        const rec_mention m = s->men[k];
        if (s->ents[m.actor].type != ACTOR_PER || m.head_end + 2 >= end) continue;
        uint32_t o = m.head_end;
        const rec_token *open = &c->r->tokens[o];
        if (open->end - open->start != 1 || c->r->text[open->start] != '(') continue;
        uint32_t j = o + 1;
        while (j < end && j - o <= 4 && is_capital_word(c, j) && (c->toks[j].flags & SEG_F_LATIN) &&
               !(c->toks[j].flags & SEG_F_CYRILLIC))
            j++;
        const rec_token *close = &c->r->tokens[j < end ? j : end - 1];
        if (j == o + 1 || j >= end || close->end - close->start != 1 || c->r->text[close->start] != ')')
            continue;
        if (add_mention(c, (int32_t)m.actor, sent, o + 1, j, m.code, HOW_NAME, 0, m.entry) != 0)
            return -1;
    }
    return 0;
}

/* «Андрес Восман, советник руководителя Службы разведки Эстонии»: a role
 * group right after a comma that follows a person's name describes that
 * person, when no dictionary gave the person a code. */
static void post_apposition(doc_ctx *c, uint32_t sent, size_t men_first)
{
    actors_scratch *s = c->s;
    for (size_t k = men_first; k < s->n_men; k++) {
        rec_mention *p = &s->men[k];
        ent *e = &s->ents[p->actor];
        if (e->type != ACTOR_PER || e->person >= 0 || p->how != HOW_NAME) continue;
        uint32_t comma = p->tok_end;
        const rec_token *t = comma < c->r->n_tokens ? &c->r->tokens[comma] : NULL;
        if (!t || t->end - t->start != 1 || c->r->text[t->start] != ',') continue;
        for (size_t q = men_first; q < s->n_men; q++) {
            rec_mention *g = &s->men[q];
            if (g->sentence != sent || g->tok_first <= comma || g->tok_first > comma + 5 ||
                g->how != HOW_ROLE || strlen(g->code) != 6)
                continue;
            int plain = 1; /* only words between the comma and the group */
            for (uint32_t w = comma + 1; w < g->tok_first && plain; w++)
                plain = c->r->tokens[w].kind == SEG_WORD;
            if (!plain) continue;
            /* The country's role mention becomes the person's description. */
            if (!e->code[0] || p->code[0] == '\0' || strcmp(p->code, e->code) == 0) {
                snprintf(e->code, sizeof e->code, "%s", g->code);
                for (size_t m = 0; m < s->n_men; m++)
                    if (s->men[m].actor == p->actor) snprintf(s->men[m].code, sizeof s->men[m].code, "%s", g->code);
            }
            break;
        }
    }
}

static int cmp_mentions(const void *a, const void *b)
{
    const rec_mention *x = a, *y = b;
    if (x->tok_first != y->tok_first) return x->tok_first < y->tok_first ? -1 : 1;
    if (x->tok_end != y->tok_end) return x->tok_end > y->tok_end ? -1 : 1;
    return strcmp(x->code, y->code);
}

/* Copies entities with mentions, and the mentions, into the record. */
static int publish(doc_ctx *c)
{
    actors_scratch *s = c->s;
    dyad_record *r = c->r;
    uint32_t *remap = arena_alloc(&r->mem, (s->n_ents + 1) * sizeof *remap);
    r->actors = arena_calloc(&r->mem, s->n_ents + 1, sizeof *r->actors);
    r->mentions = arena_calloc(&r->mem, s->n_men + 1, sizeof *r->mentions);
    if (!remap || !r->actors || !r->mentions) return -1;
    size_t n = 0;
    for (size_t i = 0; i < s->n_ents; i++) {
        const ent *e = &s->ents[i];
        if (!e->n_mentions) {
            remap[i] = UINT32_MAX;
            continue;
        }
        remap[i] = (uint32_t)n;
        rec_actor *a = &r->actors[n++];
        a->name = e->name;
        memcpy(a->code, e->code, sizeof a->code);
        a->type = e->type;
        a->entry = e->entry;
        a->n_mentions = e->n_mentions;
        a->place = e->place;
    }
    r->n_actors = n;
    /* Mentions sorted by position; the same phrase once per actor. */
    if (s->n_men) qsort(s->men, s->n_men, sizeof *s->men, cmp_mentions);
    size_t k = 0;
    for (size_t i = 0; i < s->n_men; i++) {
        rec_mention m = s->men[i];
        if (remap[m.actor] == UINT32_MAX) continue;
        m.actor = remap[m.actor];
        if (k && r->mentions[k - 1].actor == m.actor && r->mentions[k - 1].tok_first == m.tok_first &&
            r->mentions[k - 1].tok_end == m.tok_end)
            continue;
        r->mentions[k++] = m;
    }
    r->n_mentions = k;
    return 0;
}

int actors_resolve(const actors_dict *d, const strtab *keys, stem_cache *stems, actors_scratch *s,
                   dyad_record *r, const lex_tok *toks, const uint32_t *lstems)
{
    s->n_m = s->n_ents = s->n_men = 0;
    strtab_free(&s->ent_keys);
    strtab_init(&s->ent_keys);
    doc_ctx c = {.d = d, .keys = keys, .stems = stems, .s = s, .r = r, .toks = toks,
                 .lstems = lstems};
    int y, m, dd;
    if (r->date && cal_parse_iso(r->date, strlen(r->date), &y, &m, &dd) == 0) {
        c.day = cal_to_days(y, m, dd);
        c.has_day = 1;
    }
    for (size_t si = 0; si < r->n_sentences; si++) {
        const rec_sentence *sen = &r->sentences[si];
        uint32_t a = sen->tok_first, b = sen->tok_first + sen->tok_count;
        size_t m_first = s->n_m;
        for (uint32_t i = a; i < b;) {
            match mt;
            if (match_at(&c, (uint32_t)si, i, b, &mt)) {
                if (push_match(s, &mt) != 0) return -1;
                i = mt.te;
            } else {
                int rc = compound_adjective(&c, (uint32_t)si, i);
                if (rc < 0) return -1;
                i++;
            }
        }
        drop_namesakes(&c, m_first);
        size_t men_first = s->n_men;
        if (compose_sentence(&c, (uint32_t)si, m_first, b) != 0) return -1;
        if (bracketed_names(&c, (uint32_t)si, men_first, b) != 0) return -1;
        post_apposition(&c, (uint32_t)si, men_first);
        if (bare_surnames(&c, (uint32_t)si, m_first, a, b) != 0) return -1;
    }
    return publish(&c);
}

/* ---- lint ---- */

size_t actors_lint(const actors_dict *d, buf *out)
{
    size_t problems = 0;
    static const char *const roles[] = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "REB",
                                        "BUS", "MED", "EDU", "CVL", "ELI", "NGO", "IGO", "IMG",
                                        "HLH", "REF", "AGR", "LAB", "CRM", "RAD", "UAF", "SEP",
                                        "MOD", "INS", "PTY", "DEV", "ENV", "HRI", "MNC", "SET",
                                        "REL", NULL};
    for (size_t i = 0; i < d->n_entries; i++) {
        const entry *e = &d->entries[i];
        const char *code = e->code;
        if (e->kind == E_FIRSTNAME || e->kind == E_PRONOUN || e->kind == E_TITLE ||
            e->kind == E_MODIFIER || (e->kind == E_PLACE && !e->code[0]))
            continue;
        const char *role = NULL;
        int known = 0;
        if (code[0] == '*') {
            role = code + 1;
            known = 1;
        } else if (strtab_find(&d->org_codes, code, strlen(code)) != STRTAB_NONE) {
            known = 1;
        } else if (strlen(code) >= 3 && actors_country_name(d, code)) {
            known = 1;
            if (strlen(code) > 3) role = code + 3;
            if (strlen(code) != 3 && strlen(code) != 6) known = 0;
        } else if (strtab_find(&d->org_codes, code, 3) != STRTAB_NONE && strlen(code) == 6) {
            known = 1;
            role = code + 3;
        }
        if (known && role) {
            int ok = 0;
            for (int k = 0; roles[k] && !ok; k++) ok = strcmp(role, roles[k]) == 0;
            known = ok;
        }
        if (!known) {
            buf_printf(out, "%s: unknown code '%s'\n", e->src, code);
            problems++;
        }
    }
    /* Duplicates and shadowed phrases: two phrases on one trie path. */
    {
        for (size_t node = 0; node < d->trie.n_nodes; node++) {
            uint32_t first = lex_trie_first(&d->trie, (uint32_t)node);
            for (uint32_t v = first; v != LEX_NONE; v = lex_trie_next(&d->trie, v)) {
                if (lex_trie_value(&d->trie, v) & GENERATED) continue;
                const phrase_ref *pa = &d->phrases[(lex_trie_value(&d->trie, v) & ~GENERATED)];
                const entry *ea = &d->entries[pa->entry];
                for (uint32_t w = lex_trie_next(&d->trie, v); w != LEX_NONE;
                     w = lex_trie_next(&d->trie, w)) {
                    if (lex_trie_value(&d->trie, w) & GENERATED) continue;
                    const phrase_ref *pb = &d->phrases[lex_trie_value(&d->trie, w)];
                    const entry *eb = &d->entries[pb->entry];
                    if (memcmp(pa->cases, pb->cases, sizeof pa->cases) != 0) continue;
                    if (ea->kind == eb->kind && strcmp(ea->code, eb->code) == 0 &&
                        ea->canon == eb->canon && ea->person == eb->person) {
                        buf_printf(out, "%s: duplicate of %s ('%s')\n", eb->src, ea->src, eb->phrase);
                        problems++;
                    } else if (ea->kind == eb->kind && ea->kind != E_PERSON &&
                               ea->kind != E_SURNAME && ea->kind != E_FIRSTNAME &&
                               ea->kind != E_PRONOUN) {
                        buf_printf(out,
                                   "%s: '%s' never matches: %s has the same words and wins\n",
                                   eb->src, eb->phrase, ea->src);
                        problems++;
                    }
                }
            }
        }
    }
    /* Date ranges of people: inverted or overlapping. */
    for (size_t i = 0; i < d->n_people; i++) {
        const person *p = &d->people[i];
        for (uint32_t k = 0; k < p->n_periods; k++) {
            const period *a = &d->periods[p->first_period + k];
            if (a->from >= a->to) {
                buf_printf(out, "%s: %s: period ends before it starts\n", a->src, p->name);
                problems++;
            }
            for (uint32_t q = k + 1; q < p->n_periods; q++) {
                const period *b = &d->periods[p->first_period + q];
                if (a->from < b->to && b->from < a->to) {
                    buf_printf(out, "%s: %s: period overlaps %s\n", b->src, p->name, a->src);
                    problems++;
                }
            }
        }
    }
    return problems;
}
