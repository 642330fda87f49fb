/* events.c — the event stage (see events.h).
 *
 * Patterns are indexed by the keys of their first word: a sentence is
 * scanned once, and at each token only the patterns that can start there are
 * tried. Every pattern element is small and flat (no recursion, bounded
 * gaps), so matching a sentence costs a few table lookups per token.
 */
#include "events.h"

#include "dates.h"

#include "grow.h"
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ELEMS 24
#define MAX_ALTS 96
#define GAP_WORDS 4
#define MAX_ENDINGS 16 /* per kind of ru/morphology.txt */
#define LONG_GAP_WORDS 16 /* "...": up to the end of the clause */

enum { EL_WORD = 0, EL_GAP, EL_SOURCE, EL_TARGET };
enum { PF_SYMMETRIC = 2, PF_INTENT = 4, PF_NEGATED = 8, PF_JOINT = 16, PF_LONG_GAP = 32,
       PF_SAID_OF = 64 };

typedef struct element {
    uint8_t type;
    uint8_t long_gap; /* EL_GAP written "...": to the end of the clause */
    uint16_t n_alts;
    uint32_t *alts; /* keys (stem or exact) */
} element;

typedef struct pattern {
    char code[6];
    uint8_t n_elems, n_words, flags;
    element *elems;
    const char *src;
} pattern;

typedef struct cameo_code {
    char code[6];
    double goldstein;
    int quad;
} cameo_code;

enum { MODAL_INTENT = 1, MODAL_SPECULATIVE, MODAL_HYPOTHETICAL, MODAL_DENY, MODAL_REFUSE, MODAL_CONDITION };

struct events_dict {
    pattern *patterns;
    size_t n_patterns, cap_patterns;
    lex_trie anchors; /* one-key paths: first-word key → patterns */
    lex_trie modals;  /* modality phrases → kind */
    lex_trie clause;  /* words that open a clause after a comma */
    strtab groups;    /* names of ru/event_groups.txt → index in group_forms */
    char **group_forms; /* "form form form", NUL-terminated */
    size_t cap_groups;
    cameo_code *cameo;
    size_t n_cameo, cap_cameo;
    char intent_of_root[21][6];
    char refuse_of_root[21][6];
    uint32_t key_ne, key_i; /* exact keys of «не» and «и» */
    uint32_t key_ne_stem;   /* «не» as a pattern word */
    uint32_t key_v[2];      /* «в», «во»: the locative of impersonal reports */
    int n_key_v;
    uint32_t key_attr;      /* «как» before a speech verb */
    uint32_t key_frame[4];  /* «между», «среди»: actors after them are no object */
    int n_key_frame;
    /* Two-word markers of a mention's part in the clause (ru/syntax.txt):
     * «вместе с X» acts with the subject, «ссылаясь на X» is cited. */
    lex_markers companion, citation;
    uint32_t key_prep[32];  /* prepositions: a mention after one is oblique */
    int n_key_prep;
    uint32_t key_purpose[2]; /* «чтобы»: its clause is a goal, not a fact */
    int n_key_purpose;
    uint32_t key_joiner[4];  /* «а», «и» after a comma: the clause goes on */
    int n_key_joiner;
    uint32_t key_first_person[4]; /* я, мы: in a quotation, its speaker */
    int n_key_first_person;
    uint32_t key_anaphoric[48];   /* этот, такой, подобный: refers to the discourse */
    int n_key_anaphoric;
    uint32_t key_reflexive[4];    /* себя, себе: the object is the subject */
    int n_key_reflexive;
    uint32_t key_subordinator[8]; /* когда, если, хотя: a clause opened by one ends at its comma */
    int n_key_subordinator;
    uint32_t key_relative_what[2];   /* «что» as the subject of a relative clause */
    int n_key_relative_what;
    uint32_t key_relative_which[8];  /* который, которая …: the noun before the comma */
    int n_key_relative_which;
    char plural_endings[MAX_ENDINGS][12]; /* ru/morphology.txt verb_plural */
    int n_plural_endings;
    char passive_endings[MAX_ENDINGS][12]; /* ru/morphology.txt passive: short participles */
    int n_passive_endings;
    char aux_endings[MAX_ENDINGS][12];     /* ru/morphology.txt passive_after_aux */
    int n_aux_endings;
    char noun_endings[24][12];   /* ru/morphology.txt verbal_noun */
    char adj_plural_endings[MAX_ENDINGS][12]; /* ru/morphology.txt adjective_plural: японские */
    int n_adj_plural_endings;
    char adj_singular_endings[MAX_ENDINGS][12]; /* adjective_singular: российская, японское */
    int n_adj_singular_endings;
    char neuter_endings[MAX_ENDINGS][12]; /* verb_neuter: нанесло, привело */
    int n_neuter_endings;
    char infinitive_endings[MAX_ENDINGS][12]; /* infinitive: признать, ввести */
    int n_infinitive_endings;
    char gerund_endings[MAX_ENDINGS][12]; /* gerund: назвав, заявив */
    int n_gerund_endings;
    int n_noun_endings;
    uint32_t key_aux[8];         /* был, была, были, было: «был арестован» */
    int n_key_aux;
    uint32_t key_comma;     /* exact key of "," */
    uint32_t key_colon;     /* exact key of ":" */
    uint32_t key_quote;     /* exact key of '"': every quote mark folds to it */
    uint32_t key_dash;      /* exact key of "-": every dash folds to it */
    uint32_t key_stops[8];  /* punctuation that always ends a clause */
    int n_stops;
    arena mem;
};


/* ---- loading ---- */

static int is_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static const cameo_code *find_cameo(const events_dict *d, const char *code)
{
    size_t lo = 0, hi = d->n_cameo;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(d->cameo[mid].code, code);
        if (c == 0) return &d->cameo[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int events_cameo(const events_dict *d, const char *code, double *goldstein, int *quad)
{
    const cameo_code *c = find_cameo(d, code);
    if (!c) return -1;
    if (goldstein) *goldstein = c->goldstein;
    if (quad) *quad = c->quad;
    return 0;
}

static int load_cameo_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 3 || !is_code(ln->cols[0]))
        return lex_error(L, ln, "want CODE<TAB>GOLDSTEIN<TAB>QUADCLASS[<TAB>NAME]");
    GROW(d->cameo, d->n_cameo, d->cap_cameo);
    cameo_code *c = &d->cameo[d->n_cameo];
    snprintf(c->code, sizeof c->code, "%s", ln->cols[0]);
    char *end;
    c->goldstein = strtod(ln->cols[1], &end);
    if (*end) return lex_error(L, ln, "bad Goldstein score '%s'", ln->cols[1]);
    c->quad = atoi(ln->cols[2]);
    if (c->quad < 1 || c->quad > 4) return lex_error(L, ln, "QuadClass must be 1-4");
    if (d->n_cameo && strcmp(d->cameo[d->n_cameo - 1].code, c->code) >= 0)
        return lex_error(L, ln, "codes must be sorted and unique");
    d->n_cameo++;
    return 0;
}

/* A ROOT<TAB>CODE line of a table that maps each root to one of its codes. */
static int load_root_code(lex_loader *L, lex_line *ln, events_dict *d, char table[21][6])
{
    if (ln->n_cols < 2) return lex_error(L, ln, "want ROOT<TAB>CODE");
    int root = atoi(ln->cols[0]);
    if (strlen(ln->cols[0]) != 2 || root < 1 || root > 20 || !find_cameo(d, ln->cols[1]))
        return lex_error(L, ln, "bad root or unknown code");
    snprintf(table[root], sizeof table[root], "%s", ln->cols[1]);
    return 0;
}

static int load_refuse_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    return load_root_code(L, ln, d, d->refuse_of_root);
}

static int load_intent_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    return load_root_code(L, ln, d, d->intent_of_root);
}

static int load_modal_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>PHRASE");
    uint32_t kind = strcmp(ln->cols[0], "intent") == 0        ? MODAL_INTENT
                    : strcmp(ln->cols[0], "speculative") == 0  ? MODAL_SPECULATIVE
                    : strcmp(ln->cols[0], "hypothetical") == 0 ? MODAL_HYPOTHETICAL
                    : strcmp(ln->cols[0], "deny") == 0         ? MODAL_DENY
                    : strcmp(ln->cols[0], "refuse") == 0       ? MODAL_REFUSE
                    : strcmp(ln->cols[0], "condition") == 0    ? MODAL_CONDITION
                                                               : 0;
    if (!kind) return lex_error(L, ln, "unknown kind '%s'", ln->cols[0]);
    lex_phrase p;
    if (lex_compile(L, ln, ln->cols[1], &p) != 0) return -1;
    memset(p.cases, 0, sizeof p.cases);
    return lex_trie_add(&d->modals, &p, kind);
}

static int load_group_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want NAME<TAB>FORMS");
    size_t before = strtab_count(&d->groups);
    uint32_t id = strtab_intern(&d->groups, ln->cols[0], strlen(ln->cols[0]));
    if (id == STRTAB_NONE) return -1;
    if (id < before) return lex_error(L, ln, "group %s defined twice", ln->cols[0]);
    GROW(d->group_forms, id, d->cap_groups);
    d->group_forms[id] = arena_strdup(&d->mem, ln->cols[1]);
    return d->group_forms[id] ? 0 : -1;
}

static int add_alt(lex_loader *L, const lex_line *ln, uint32_t *keys, int *n, const char *alt)
{
    if (!strcmp(alt, "+") || !strcmp(alt, "$"))
        return lex_error(L, ln, "a slot cannot be an alternative of a word: write two patterns");
    int exact = alt[0] == '=';
    if (exact) alt++;
    if (!*alt) return lex_error(L, ln, "empty alternative");
    uint32_t k = lex_word_key(L, alt, strlen(alt), exact);
    if (k == LEX_NONE) return lex_error(L, ln, "out of memory");
    for (int i = 0; i < *n; i++)
        if (keys[i] == k) return 0;
    if (*n == MAX_ALTS) return lex_error(L, ln, "more than %d alternatives", MAX_ALTS);
    keys[(*n)++] = k;
    return 0;
}

/* Compiles one pattern element written as "a|b|=c|{GROUP}". */
static int compile_word(lex_loader *L, events_dict *d, const lex_line *ln, char *w, element *el)
{
    uint32_t keys[MAX_ALTS];
    int n = 0;
    char *save = NULL;
    for (char *alt = strtok_r(w, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
        size_t len = strlen(alt);
        if (alt[0] != '{') {
            if (add_alt(L, ln, keys, &n, alt) != 0) return -1;
            continue;
        }
        if (len < 3 || alt[len - 1] != '}') return lex_error(L, ln, "bad group '%s'", alt);
        uint32_t id = strtab_find(&d->groups, alt + 1, len - 2);
        char forms[2048];
        if (id != STRTAB_NONE) {
            snprintf(forms, sizeof forms, "%s", d->group_forms[id]);
        } else {
            /* No group line: the name is the word itself, '_' standing for '-'. */
            buf_reset(&L->tmp);
            text_fold(alt + 1, len - 2, &L->tmp);
            snprintf(forms, sizeof forms, "%.*s", (int)L->tmp.len, L->tmp.data ? L->tmp.data : "");
            for (char *c = forms; *c; c++)
                if (*c == '_') *c = '-';
        }
        char *save2 = NULL;
        for (char *f = strtok_r(forms, " ", &save2); f; f = strtok_r(NULL, " ", &save2))
            if (add_alt(L, ln, keys, &n, f) != 0) return -1;
    }
    if (n == 0) return lex_error(L, ln, "empty word element");
    el->type = EL_WORD;
    el->n_alts = (uint16_t)n;
    el->alts = arena_alloc(&d->mem, (size_t)n * sizeof *el->alts);
    if (!el->alts) return -1;
    memcpy(el->alts, keys, (size_t)n * sizeof *keys);
    return 0;
}

/* Does a pattern's note say word? Notes are '; '-separated parts, each
 * opening with a keyword or with free text («symmetric; agreement to act
 * jointly» says symmetric, not joint). */
static int note_says(const char *note, const char *word)
{
    size_t n = strlen(word);
    for (const char *part = note; part; part = strchr(part, ';')) {
        while (*part == ';' || *part == ' ') part++;
        if (strncmp(part, word, n) == 0 && !isalpha((unsigned char)part[n])) return 1;
    }
    return 0;
}

static int load_pattern_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want CODE<TAB>PATTERN[<TAB>NOTE]");
    if (!is_code(ln->cols[0]) || !find_cameo(d, ln->cols[0]))
        return lex_error(L, ln, "unknown CAMEO code '%s'", ln->cols[0]);
    element elems[MAX_ELEMS];
    int n = 0, words = 0;
    char *text = ln->cols[1];
    char *save = NULL;
    for (char *tok = strtok_r(text, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        if (n == MAX_ELEMS) return lex_error(L, ln, "pattern longer than %d elements", MAX_ELEMS);
        element *el = &elems[n];
        memset(el, 0, sizeof *el);
        if (strcmp(tok, "..") == 0 || strcmp(tok, "...") == 0) {
            if (n == 0 || elems[n - 1].type == EL_GAP)
                return lex_error(L, ln, "'%s' must follow a word or slot", tok);
            el->type = EL_GAP;
            el->long_gap = tok[2] == '.';
        } else if (strcmp(tok, "+") == 0) {
            el->type = EL_TARGET;
        } else if (strcmp(tok, "$") == 0) {
            el->type = EL_SOURCE;
        } else {
            if (compile_word(L, d, ln, tok, el) != 0) return -1;
            words++;
        }
        n++;
    }
    if (words == 0) return lex_error(L, ln, "a pattern needs at least one word");
    /* A trailing gap ("+ ..": the target, then anything) says nothing more. */
    while (n > 0 && elems[n - 1].type == EL_GAP) n--;
    GROW(d->patterns, d->n_patterns, d->cap_patterns);
    pattern *p = &d->patterns[d->n_patterns];
    memset(p, 0, sizeof *p);
    snprintf(p->code, sizeof p->code, "%s", ln->cols[0]);
    p->n_elems = (uint8_t)n;
    p->n_words = (uint8_t)words;
    p->elems = arena_alloc(&d->mem, (size_t)n * sizeof *p->elems);
    if (!p->elems) return -1;
    memcpy(p->elems, elems, (size_t)n * sizeof *elems);
    for (int i = 0; i < n; i++)
        if (elems[i].long_gap) p->flags |= PF_LONG_GAP;
    if (ln->n_cols >= 3) {
        const char *note = ln->cols[2];
        if (note_says(note, "symmetric")) p->flags |= PF_SYMMETRIC;
        if (note_says(note, "intent")) p->flags |= PF_INTENT;
        if (note_says(note, "joint")) p->flags |= PF_JOINT | PF_SYMMETRIC;
        if (note_says(note, "said_of")) p->flags |= PF_SAID_OF;
    }
    char src[512];
    snprintf(src, sizeof src, "%s:%u", ln->file, ln->line);
    p->src = arena_strdup(&d->mem, src);
    if (!p->src) return -1;
    /* Anchor on every alternative of the first word. */
    const element *first = NULL;
    for (int i = 0; i < n && !first; i++)
        if (elems[i].type == EL_WORD) first = &elems[i];
    if (first->n_alts == 1 && (first->alts[0] == d->key_ne || first->alts[0] == d->key_ne_stem))
        p->flags |= PF_NEGATED;
    for (int a = 0; a < first->n_alts; a++) {
        lex_phrase one = {.n = 1};
        one.keys[0] = first->alts[a];
        if (lex_trie_add(&d->anchors, &one, (uint32_t)d->n_patterns) != 0) return -1;
    }
    d->n_patterns++;
    return 0;
}

/* Appends a word's key to the list of its kind, which holds at most max. */
static int add_word_key(lex_loader *L, lex_line *ln, uint32_t *list, int *n, int max,
                        uint32_t key)
{
    if (*n == max) return lex_error(L, ln, "at most %d words of kind %s", max, ln->cols[0]);
    list[(*n)++] = key;
    return 0;
}

#define ADD_KEY(list, n) add_word_key(L, ln, (list), &(n), (int)(sizeof(list) / sizeof((list)[0])), key)

static int load_syntax_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>WORD");
    if (strcmp(ln->cols[0], "companion") == 0) return lex_markers_add(L, ln, &d->companion);
    if (strcmp(ln->cols[0], "citation") == 0) return lex_markers_add(L, ln, &d->citation);
    uint32_t key = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 1);
    if (key == LEX_NONE) return lex_error(L, ln, "out of memory");
    const char *kind = ln->cols[0];
    if (strcmp(kind, "clause") == 0) {
        lex_phrase p = {.n = 1};
        p.keys[0] = key;
        return lex_trie_add(&d->clause, &p, 1);
    }
    if (strcmp(kind, "negation") == 0) {
        d->key_ne = key;
        d->key_ne_stem = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 0);
        return 0;
    }
    if (strcmp(kind, "coordination") == 0) {
        d->key_i = key;
        return 0;
    }
    if (strcmp(kind, "attribution") == 0) {
        d->key_attr = key;
        return 0;
    }
    if (strcmp(kind, "frame") == 0) return ADD_KEY(d->key_frame, d->n_key_frame);
    if (strcmp(kind, "auxiliary") == 0) return ADD_KEY(d->key_aux, d->n_key_aux);
    if (strcmp(kind, "purpose") == 0) return ADD_KEY(d->key_purpose, d->n_key_purpose);
    if (strcmp(kind, "relative_what") == 0) return ADD_KEY(d->key_relative_what, d->n_key_relative_what);
    if (strcmp(kind, "relative_which") == 0) return ADD_KEY(d->key_relative_which, d->n_key_relative_which);
    if (strcmp(kind, "subordinator") == 0) return ADD_KEY(d->key_subordinator, d->n_key_subordinator);
    if (strcmp(kind, "reflexive") == 0) return ADD_KEY(d->key_reflexive, d->n_key_reflexive);
    if (strcmp(kind, "anaphoric") == 0) return ADD_KEY(d->key_anaphoric, d->n_key_anaphoric);
    if (strcmp(kind, "first_person") == 0) return ADD_KEY(d->key_first_person, d->n_key_first_person);
    if (strcmp(kind, "joiner") == 0) return ADD_KEY(d->key_joiner, d->n_key_joiner);
    if (strcmp(kind, "preposition") == 0) return ADD_KEY(d->key_prep, d->n_key_prep);
    if (strcmp(kind, "locative") == 0) return ADD_KEY(d->key_v, d->n_key_v);
    return lex_error(L, ln, "unknown kind '%s'", kind);
}

#undef ADD_KEY

/* Append ending e to list (of n, each cap bytes); an error names the line. */
static int add_ending(lex_loader *L, lex_line *ln, char *list, int *n, size_t cap)
{
    if (*n == MAX_ENDINGS || strlen(ln->cols[1]) >= cap)
        return lex_error(L, ln, "more than %d endings, or one too long", MAX_ENDINGS);
    snprintf(list + (size_t)*n * cap, cap, "%s", ln->cols[1]);
    (*n)++;
    return 0;
}

static int load_morph_line(lex_loader *L, lex_line *ln, void *ctx)
{
    events_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>ENDING");
    const char *kind = ln->cols[0];
    if (strcmp(kind, "verb_plural") == 0)
        return add_ending(L, ln, &d->plural_endings[0][0], &d->n_plural_endings,
                          sizeof d->plural_endings[0]);
    if (strcmp(kind, "passive") == 0)
        return add_ending(L, ln, &d->passive_endings[0][0], &d->n_passive_endings,
                          sizeof d->passive_endings[0]);
    if (strcmp(kind, "passive_after_aux") == 0)
        return add_ending(L, ln, &d->aux_endings[0][0], &d->n_aux_endings,
                          sizeof d->aux_endings[0]);
    if (strcmp(kind, "gerund") == 0)
        return add_ending(L, ln, &d->gerund_endings[0][0], &d->n_gerund_endings,
                          sizeof d->gerund_endings[0]);
    if (strcmp(kind, "infinitive") == 0)
        return add_ending(L, ln, &d->infinitive_endings[0][0], &d->n_infinitive_endings,
                          sizeof d->infinitive_endings[0]);
    if (strcmp(kind, "verb_neuter") == 0)
        return add_ending(L, ln, &d->neuter_endings[0][0], &d->n_neuter_endings,
                          sizeof d->neuter_endings[0]);
    if (strcmp(kind, "adjective_singular") == 0)
        return add_ending(L, ln, &d->adj_singular_endings[0][0], &d->n_adj_singular_endings,
                          sizeof d->adj_singular_endings[0]);
    if (strcmp(kind, "adjective_plural") == 0)
        return add_ending(L, ln, &d->adj_plural_endings[0][0], &d->n_adj_plural_endings,
                          sizeof d->adj_plural_endings[0]);
    if (strcmp(kind, "verbal_noun") == 0) {
        if (d->n_noun_endings == 24 || strlen(ln->cols[1]) >= sizeof d->noun_endings[0])
            return lex_error(L, ln, "too many or too long endings");
        snprintf(d->noun_endings[d->n_noun_endings++], sizeof d->noun_endings[0], "%s",
                 ln->cols[1]);
        return 0;
    }
    return 0; /* other kinds are the actors' */
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* dict/ru/events.txt, then every *.txt of dict/ru/events/ in name order. */
static int load_patterns(lex_loader *L, events_dict *d)
{
    if (lex_read_file(L, "ru/events.txt", 0, load_pattern_line, d) != 0) return -1;
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/ru/events", L->dict_dir);
    DIR *dh = opendir(dir);
    if (!dh) return 0;
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL && n < 512) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0) continue;
        names[n] = strdup(e->d_name);
        if (names[n]) n++;
    }
    closedir(dh);
    if (n) qsort(names, n, sizeof *names, cmp_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char rel[600];
        snprintf(rel, sizeof rel, "ru/events/%s", names[i]);
        if (rc == 0 && lex_read_file(L, rel, 1, load_pattern_line, d) != 0) rc = -1;
        free(names[i]);
    }
    return rc;
}

events_dict *events_load(lex_loader *L)
{
    events_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    arena_init(&d->mem);
    lex_trie_init(&d->anchors);
    lex_trie_init(&d->modals);
    lex_trie_init(&d->clause);
    strtab_init(&d->groups);
    d->key_comma = lex_word_key(L, ",", 1, 1);
    d->key_colon = lex_word_key(L, ":", 1, 1);
    d->key_quote = lex_word_key(L, "\"", 1, 1);
    d->key_dash = lex_word_key(L, "-", 1, 1);
    static const char *const stops[] = {";", ":", "-", "(", ")", "\"", "?", "!"};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        d->key_stops[d->n_stops++] = lex_word_key(L, stops[i], strlen(stops[i]), 1);
    d->key_ne = d->key_ne_stem = d->key_i = d->key_v[0] = d->key_v[1] = d->key_attr = LEX_NONE;
    if (lex_read_file(L, "cameo.txt", 1, load_cameo_line, d) != 0 ||
        lex_read_file(L, "cameo_intent.txt", 0, load_intent_line, d) != 0 ||
        lex_read_file(L, "cameo_refuse.txt", 0, load_refuse_line, d) != 0 ||
        lex_read_file(L, "ru/modality.txt", 0, load_modal_line, d) != 0 ||
        lex_read_file(L, "ru/syntax.txt", 1, load_syntax_line, d) != 0 ||
        lex_read_file(L, "ru/morphology.txt", 0, load_morph_line, d) != 0 ||
        lex_read_file(L, "ru/event_groups.txt", 0, load_group_line, d) != 0 ||
        load_patterns(L, d) != 0) {
        events_free(d);
        return NULL;
    }
    return d;
}

void events_free(events_dict *d)
{
    if (!d) return;
    free(d->patterns);
    free(d->cameo);
    lex_trie_free(&d->anchors);
    lex_trie_free(&d->modals);
    lex_trie_free(&d->clause);
    strtab_free(&d->groups);
    free(d->group_forms);
    arena_free(&d->mem);
    free(d);
}

void events_get_stats(const events_dict *d, events_stats *out)
{
    memset(out, 0, sizeof *out);
    out->patterns = d->n_patterns;
    char seen_root[21] = {0};
    for (size_t i = 0; i < d->n_patterns; i++) {
        int dup = 0;
        for (size_t j = 0; j < i && !dup; j++)
            dup = strcmp(d->patterns[i].code, d->patterns[j].code) == 0;
        out->codes += !dup;
        int root = (d->patterns[i].code[0] - '0') * 10 + (d->patterns[i].code[1] - '0');
        if (root >= 1 && root <= 20 && !seen_root[root]) {
            seen_root[root] = 1;
            out->roots++;
        }
    }
}

/* ---- coding a document ---- */

typedef struct hit {
    uint32_t pattern;
    uint32_t first, end;     /* tokens spanned by the pattern's words */
    int32_t src_at, tgt_at;  /* token where a slot stands, -1 if none */
    uint8_t words;
} hit;

struct events_scratch {
    hit *hits;
    size_t n_hits, cap_hits;
    rec_event *ev;
    size_t n_ev, cap_ev;
    uint8_t *used;           /* tokens taken by an accepted hit */
    size_t cap_used;
};

events_scratch *events_scratch_new(void)
{
    return calloc(1, sizeof(events_scratch));
}

void events_scratch_free(events_scratch *s)
{
    if (!s) return;
    free(s->hits);
    free(s->ev);
    free(s->used);
    free(s);
}

static int el_match(const element *el, const lex_tok *t)
{
    for (int a = 0; a < el->n_alts; a++)
        if (lex_tok_has(t, el->alts[a])) return 1;
    return 0;
}

static int is_quote(uint32_t form, const uint32_t *quote_key)
{
    return form != LEX_NONE && form == *quote_key;
}

/* Tries pattern p anchored at token i of a sentence ending at end. */
static int try_pattern(const pattern *p, const lex_tok *toks, uint32_t i, uint32_t end,
                       const uint32_t *keys, hit *h)
{
    uint32_t pos = i;
    int first_word = 1, gap = 0;
    h->src_at = h->tgt_at = -1;
    h->first = i;
    for (int e = 0; e < p->n_elems; e++) {
        const element *el = &p->elems[e];
        switch (el->type) {
        case EL_GAP: gap = el->long_gap ? LONG_GAP_WORDS : GAP_WORDS; break;
        case EL_SOURCE:
        case EL_TARGET: {
            /* A slot before the first word stands just before the anchor. */
            int32_t at = first_word ? (int32_t)i - 1 : (int32_t)pos;
            if (el->type == EL_SOURCE)
                h->src_at = at;
            else
                h->tgt_at = at;
            if (!first_word) gap = GAP_WORDS; /* the actor's words come next */
            break;
        }
        case EL_WORD: {
            if (first_word) {
                if (!el_match(el, &toks[i])) return 0;
                pos = i + 1;
                first_word = 0;
                break;
            }
            uint32_t limit = pos + (uint32_t)gap + 1;
            if (limit > end) limit = end;
            uint32_t j = pos;
            while (j < limit && !el_match(el, &toks[j])) {
                /* A gap stays inside its clause: it may pass quote marks
                 * (назвал позицию «странной»), not commas, colons, dashes. */
                if (toks[j].kind == SEG_PUNCT && !is_quote(toks[j].form, keys)) return 0;
                j++;
            }
            if (j >= limit) return 0;
            pos = j + 1;
            gap = 0;
            break;
        }
        }
    }
    h->end = pos;
    h->words = p->n_words;
    return 1;
}

static int push_hit(events_scratch *s, const hit *h)
{
    GROW(s->hits, s->n_hits, s->cap_hits);
    s->hits[s->n_hits++] = *h;
    return 0;
}

static int cmp_hits(const void *a, const void *b)
{
    const hit *x = a, *y = b;
    if (x->words != y->words) return x->words > y->words ? -1 : 1;
    uint32_t lx = x->end - x->first, ly = y->end - y->first;
    if (lx != ly) return lx < ly ? -1 : 1; /* tighter first */
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* Modality words in the four tokens before the predicate. */
/* Does the folded word at token i (of at least four letters) end in one of
 * the n endings in list (each cap bytes)? */
static int ends_in(const dyad_record *r, uint32_t i, const char *list, int n, size_t cap)
{
    const char *w = r->tokens[i].norm;
    size_t len = strlen(w);
    if (len < 8) return 0; /* four Cyrillic letters at least */
    for (int e = 0; e < n; e++) {
        const char *end = list + (size_t)e * cap;
        size_t k = strlen(end);
        if (k < len && strcmp(w + len - k, end) == 0) return 1;
    }
    return 0;
}

/* Is form a comma or a mark that always ends a clause? */
static int is_preposition(const events_dict *d, uint32_t form)
{
    for (int k = 0; k < d->n_key_prep; k++)
        if (form == d->key_prep[k] && form != LEX_NONE) return 1;
    return 0;
}

static int ends_clause(const events_dict *d, uint32_t form)
{
    if (form == d->key_comma) return 1;
    for (int k = 0; k < d->n_stops; k++)
        if (form == d->key_stops[k] && form != LEX_NONE) return 1;
    return 0;
}

static int modality_before(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                           uint32_t sent_first, uint32_t at)
{
    int found = 0;
    uint32_t from = at > sent_first + GAP_WORDS ? at - GAP_WORDS : sent_first;
    /* «отказывается заморозить расширение поселений и признать …»: a
     * modal word governs every infinitive coordinated with its first one,
     * so the reach is twice as long while no comma or stop intervenes. */
    int joined = 0;
    for (uint32_t i = from; i < at && !joined; i++) joined = toks[i].form == d->key_i;
    /* Only an infinitive goes on the modal word (… и признать); a finite
     * verb after «и» (отверг протест и обвинил) is a clause of its own. */
    if (joined && !ends_in(r, at, &d->infinitive_endings[0][0], d->n_infinitive_endings,
                           sizeof d->infinitive_endings[0]))
        joined = 0;
    uint32_t far = at > sent_first + 2 * GAP_WORDS ? at - 2 * GAP_WORDS : sent_first;
    while (joined && from > far && !ends_clause(d, toks[from - 1].form)) from--;
    for (uint32_t i = from; i < at; i++) {
        /* The longest phrase at i speaks: «должна была» (not done) over
         * «должна» (a plan). */
        uint32_t node = 0;
        int kind = 0;
        for (uint32_t j = i; j < at; j++) {
            uint32_t next = lex_trie_step(&d->modals, node, toks[j].stem);
            if (next == LEX_NONE) next = lex_trie_step(&d->modals, node, toks[j].form);
            if (next == LEX_NONE) break;
            node = next;
            uint32_t v = lex_trie_first(&d->modals, node);
            if (v != LEX_NONE) kind = (int)lex_trie_value(&d->modals, v);
        }
        if (kind == MODAL_DENY || kind == MODAL_REFUSE) return kind;
        if (kind == MODAL_CONDITION) kind = MODAL_HYPOTHETICAL;
        if (kind && (!found || kind == MODAL_INTENT)) found = kind;
    }
    return found;
}

static int key_among(uint32_t key, const uint32_t *keys, int n)
{
    for (int i = 0; i < n; i++)
        if (keys[i] == key && key != LEX_NONE) return 1;
    return 0;
}

/* Is token `at` in a clause of purpose («Мы хотим, чтобы бизнесмены
 * осуществляли проекты, а также принимали участие …»)? Its acts are goals,
 * not facts. Clauses joined by «, а» / «, и» go on the clause before. */
static int in_purpose_clause(const events_dict *d, const lex_tok *toks, const rec_sentence *sen,
                             uint32_t at)
{
    for (uint32_t t = at; t-- > sen->tok_first;) {
        if (key_among(toks[t].form, d->key_purpose, d->n_key_purpose))
            return t == sen->tok_first || toks[t - 1].form == d->key_comma;
        if (toks[t].form != d->key_comma || t + 1 >= at) continue;
        if (!key_among(toks[t + 1].form, d->key_joiner, d->n_key_joiner) &&
            !key_among(toks[t + 1].form, d->key_purpose, d->n_key_purpose))
            return 0;
    }
    return 0;
}

/* Does the sentence open with a condition word (если, в случае)? */
static int opens_with_condition(const events_dict *d, const lex_tok *toks, const rec_sentence *sen)
{
    uint32_t node = 0, end = sen->tok_first + sen->tok_count;
    for (uint32_t j = sen->tok_first; j < end && j < sen->tok_first + 3; j++) {
        uint32_t next = lex_trie_step(&d->modals, node, toks[j].stem);
        if (next == LEX_NONE) next = lex_trie_step(&d->modals, node, toks[j].form);
        if (next == LEX_NONE) return 0;
        node = next;
        uint32_t v = lex_trie_first(&d->modals, node);
        if (v != LEX_NONE && lex_trie_value(&d->modals, v) == MODAL_CONDITION) return 1;
    }
    return 0;
}

/* Mentions usable as a side: the outermost at each place. */
static int usable(const dyad_record *r, size_t k)
{
    const rec_mention *m = &r->mentions[k];
    if (!m->code[0] || m->how == HOW_PLACE) return 0; /* places are where, not who */
    return !record_mention_inner(r, k);
}

/* The mention at (or starting within two tokens of) token at. */
static int32_t mention_at(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                          uint32_t sent, int32_t at, int forward)
{
    if (at < 0) return -1;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k)) continue;
        if (forward) {
            /* «с российским министром»: a word or two may come first, but
             * no preposition (с корреспондентами в афганской столице). */
            if (m->tok_first < (uint32_t)at || m->tok_first > (uint32_t)at + 2) continue;
            int prep = 0;
            for (uint32_t t = (uint32_t)at; t < m->tok_first && !prep; t++)
                prep = is_preposition(d, toks[t].form);
            if (!prep) return (int32_t)k;
        } else if (m->tok_end <= (uint32_t)at + 1 && m->tok_end + 2 >= (uint32_t)at + 1) {
            return (int32_t)k;
        }
    }
    return -1;
}

/* If token at lies in a date expression of sentence sent, the token after
 * the expression; else -1. */
static int32_t date_end_at(const dyad_record *r, uint32_t sent, uint32_t at)
{
    for (size_t k = 0; k < r->n_dates; k++) {
        const rec_date *dt = &r->dates[k];
        if (dt->sentence == sent && dt->tok_first <= at && at < dt->tok_end)
            return (int32_t)dt->tok_end;
    }
    return -1;
}


/* Does the word at token i look like a plural verb (ru/morphology.txt)?
 * Russian verbs agree in number with their subject. */
static int plural_verb(const events_dict *d, const dyad_record *r, uint32_t i)
{
    return ends_in(r, i, &d->plural_endings[0][0], d->n_plural_endings,
                   sizeof d->plural_endings[0]);
}

/* Is the predicate at token i a passive (арестован, были высланы)? Its
 * subject is who was acted upon, not who acted. */
static int passive_verb(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                        uint32_t sent_first, uint32_t i)
{
    if (ends_in(r, i, &d->passive_endings[0][0], d->n_passive_endings,
                sizeof d->passive_endings[0]))
        return 1;
    if (i == sent_first) return 0;
    for (int a = 0; a < d->n_key_aux; a++)
        if (toks[i - 1].form == d->key_aux[a])
            return ends_in(r, i, &d->aux_endings[0][0], d->n_aux_endings,
                           sizeof d->aux_endings[0]);
    return 0;
}

/* Is token i a verbal noun (прекращение, вступление): a process named? */
static int verbal_noun(const events_dict *d, const dyad_record *r, uint32_t i)
{
    return ends_in(r, i, &d->noun_endings[0][0], d->n_noun_endings, sizeof d->noun_endings[0]);
}

/* The subject: nearest nominative actor before the predicate; else, in an
 * impersonal report (В Пекине … называют, В Кремле заявили), the place of
 * power after «в»; else the nominative actor right after the predicate
 * (inverted order); else none. */
static int32_t find_source(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                           uint32_t sent, const hit *h)
{
    int32_t best = -1, locative = -1;
    uint32_t first = r->sentences[sent].tok_first;
    int plural = plural_verb(d, r, h->first);
    /* «…, что нанесло удар по промышленности»: «что» right before the verb
     * is its subject (the whole clause before), no actor; «…, который
     * ввёл» stands for the noun before the comma. */
    if (h->first >= first + 2 && toks[h->first - 2].form == d->key_comma) {
        uint32_t w = toks[h->first - 1].form;
        /* «что» is the subject only of a neuter verb (нанесло, привело);
         * «заявил, что введёт» leaves the subject of the main clause. */
        if (key_among(w, d->key_relative_what, d->n_key_relative_what) &&
            ends_in(r, h->first, &d->neuter_endings[0][0], d->n_neuter_endings,
                    sizeof d->neuter_endings[0]))
            return -1;
        if (key_among(w, d->key_relative_which, d->n_key_relative_which)) {
            for (size_t k = 0; k < r->n_mentions; k++)
                if (r->mentions[k].sentence == sent && r->mentions[k].tok_end == h->first - 2 &&
                    usable(r, k))
                    return (int32_t)k;
            return -1;
        }
    }
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k) || m->tok_end > h->first) continue;
        if (lex_markers_before(&d->citation, toks, first, m->tok_first)) continue;
        /* A plural verb does not agree with one person (действия Такаити
         * называют): that name is not the subject. */
        int agrees = !(plural && r->actors[m->actor].type == ACTOR_PER);
        /* After a preposition a word is in an oblique case even where its
         * form cannot tell (в G-20, с НАТО). */
        int oblique = m->tok_first > first && is_preposition(d, toks[m->tok_first - 1].form);
        if (m->nominative && m->how != HOW_COMPOUND && agrees && !oblique) best = (int32_t)k;
        /* «В Пекине заявили»: the place opens the clause or stands right
         * before the verb, which is an impersonal plural; «саммита в
         * Лиссабоне», «в G-20 провести» name where, not who. */
        if (m->tok_first > first && (m->how == HOW_METONYM || m->how == HOW_DICT ||
                                     m->how == HOW_ROLE) &&
            (toks[m->tok_first - 1].form == d->key_v[0] || toks[m->tok_first - 1].form == d->key_v[1]) &&
            (m->tok_first - 1 == first || ends_clause(d, toks[m->tok_first - 2].form) ||
             m->tok_end == h->first) &&
            plural && locative < 0)
            locative = (int32_t)k;
    }
    /* «Ван И подверг критике планы США …, назвав их «угрозой»»: a gerund
     * after a comma shares the subject of its sentence, the first actor
     * named in the nominative, not the last. */
    if (best >= 0 && h->first > first && toks[h->first - 1].form == d->key_comma &&
        ends_in(r, h->first, &d->gerund_endings[0][0], d->n_gerund_endings,
                sizeof d->gerund_endings[0])) {
        for (size_t k = 0; k < r->n_mentions; k++) {
            const rec_mention *m = &r->mentions[k];
            if (m->sentence != sent || !usable(r, k) || m->tok_end > h->first || !m->nominative ||
                m->how == HOW_COMPOUND || m->how == HOW_ADJ ||
                (m->tok_first > first && is_preposition(d, toks[m->tok_first - 1].form)))
                continue;
            best = (int32_t)k;
            break;
        }
    }
    /* A verbal noun (… напоминает, что захват Крыма …) has no subject of
     * its own: the subject of another clause is not its actor. */
    if (best >= 0 && verbal_noun(d, r, h->first)) {
        for (uint32_t t = r->mentions[best].tok_end; t < h->first; t++)
            if (toks[t].form == d->key_comma && t + 1 < h->first &&
                lex_trie_step(&d->clause, 0, toks[t + 1].form) != LEX_NONE)
                return -1;
    }
    if (best >= 0) return best;
    if (locative >= 0) return locative;
    /* «японские ультраправые собрались», «российская авиация нанесла»: an
     * adjective in the nominative before the verb, agreeing with it in
     * number, qualifies the subject, whose country it names. */
    {
        int32_t adj = -1;
        for (size_t k = 0; k < r->n_mentions; k++) {
            const rec_mention *m = &r->mentions[k];
            if (m->sentence != sent || m->how != HOW_ADJ || m->tok_end > h->first || !usable(r, k))
                continue;
            int agrees = plural ? ends_in(r, m->tok_first, &d->adj_plural_endings[0][0],
                                          d->n_adj_plural_endings, sizeof d->adj_plural_endings[0])
                                : ends_in(r, m->tok_first, &d->adj_singular_endings[0][0],
                                          d->n_adj_singular_endings,
                                          sizeof d->adj_singular_endings[0]);
            if (agrees) adj = (int32_t)k;
        }
        if (adj >= 0) {
            int crossed = 0;
            for (uint32_t t = r->mentions[adj].tok_end; t < h->first && !crossed; t++)
                crossed = ends_clause(d, toks[t].form) && !is_quote(toks[t].form, &d->key_quote);
            if (!crossed) return adj;
        }
    }
    /* «российских авиаударов»: an adjective right before the predicate's
     * noun names whose act it is. */
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence == sent && m->how == HOW_ADJ && m->tok_end == h->first && usable(r, k))
            return (int32_t)k;
    }
    uint32_t near_end = h->end + 4;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k) || m->tok_first < h->end) continue;
        if (m->tok_first > near_end) break; /* inversion keeps the subject close */
        /* «…, считают, что Россия …»: past a comma begins another clause,
         * whose subject is not this predicate's. */
        /* Nor is a mention inside a prepositional phrase (обменяться
         * мнениями о перспективах действий НАТО) a subject. */
        int crossed = 0;
        for (uint32_t t = h->end; t < m->tok_first && !crossed; t++)
            crossed = ends_clause(d, toks[t].form) || is_preposition(d, toks[t].form);
        if (crossed) break;
        if (m->nominative && (m->how == HOW_NAME || m->how == HOW_DICT || m->how == HOW_ROLE ||
                              m->how == HOW_SURNAME || m->how == HOW_METONYM))
            return (int32_t)k;
    }
    /* No subject in the nominative: an oblique mention (шахматная федерация
     * Израиля) is not the actor. */
    return -1;
}

/* Does a statement pattern (root 01: заявил, сообщило) start at token i? */
static int statement_at(const events_dict *d, const lex_tok *toks, uint32_t i)
{
    uint32_t keys[2] = {toks[i].stem, toks[i].form};
    for (int k = 0; k < 2; k++) {
        uint32_t node = lex_trie_step(&d->anchors, 0, keys[k]);
        if (node == LEX_NONE) continue;
        for (uint32_t v = lex_trie_first(&d->anchors, node); v != LEX_NONE; v = lex_trie_next(&d->anchors, v)) {
            const pattern *p = &d->patterns[lex_trie_value(&d->anchors, v)];
            if (p->code[0] == '0' && p->code[1] == '1') return 1;
        }
    }
    return 0;
}

/* Where the clause that holds token `from` ends (exclusive). Quotes end a
 * clause only when they close one: «…» around a word stays inside; a comma
 * before a statement verb ends one (…, обвинив его в шпионаже, сообщило
 * агентство). */
static uint32_t clause_end(const events_dict *d, const lex_tok *toks, uint32_t from, uint32_t end)
{
    for (uint32_t i = from; i < end; i++) {
        const lex_tok *t = &toks[i];
        if (t->kind != SEG_PUNCT) continue;
        for (int k = 0; k < d->n_stops; k++)
            if (t->form == d->key_stops[k] && t->form != LEX_NONE && k != 5) return i;
        /* «…», цитирует газета: a quotation closing before its attribution. */
        if (t->form == d->key_quote && i + 1 < end &&
            (toks[i + 1].form == d->key_comma || toks[i + 1].form == d->key_dash))
            return i;
        if (t->form == d->key_comma && i + 1 < end &&
            (lex_trie_step(&d->clause, 0, toks[i + 1].form) != LEX_NONE || statement_at(d, toks, i + 1)))
            return i;
    }
    return end;
}

/* Is the mention introduced by «между» / «среди» (or one coordinated after it)? */
static int framed(const events_dict *d, const lex_tok *toks, const rec_mention *m)
{
    for (uint32_t back = 1; back <= 3 && m->tok_first >= back; back++) {
        uint32_t f = toks[m->tok_first - back].form;
        for (int i = 0; i < d->n_key_frame; i++)
            if (f == d->key_frame[i] && f != LEX_NONE) return 1;
    }
    return 0;
}

/* Does mention m continue a list that ended at token list_end (вместе с
 * федерациями Ирака, Сирии и Иордании)? */
static int listed_after(const events_dict *d, const lex_tok *toks, uint32_t list_end,
                        const rec_mention *m)
{
    if (!list_end || m->tok_first <= list_end) return 0;
    /* Joined by commas or «и», with at most two words more (и другими
     * арабскими странами). */
    int joined = 0, words = 0;
    for (uint32_t t = list_end; t < m->tok_first; t++) {
        if (toks[t].form == d->key_comma || toks[t].form == d->key_i)
            joined = 1;
        else if (toks[t].kind != SEG_WORD || ++words > 2)
            return 0;
    }
    return joined;
}

/* The object: an actor inside the pattern's own words (эмбарго Китая на …,
 * улучшение американо-российских отношений), else the first actor after the
 * predicate in its clause; never the source. */
static int32_t find_target(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                           uint32_t sent, const hit *h, int32_t source, int statement)
{
    const rec_sentence *sen = &r->sentences[sent];
    /* A statement is about what it reports: its object may stand in the
     * reported clause (заявил, что Япония …). */
    uint32_t stop = statement ? sen->tok_first + sen->tok_count
                              : clause_end(d, toks, h->end, sen->tok_first + sen->tok_count);
    /* «Когда Москва объявила об отводе войск, Путин …»: a clause opened by
     * a subordinating word at the sentence start ends at its comma. */
    if (key_among(toks[sen->tok_first].form, d->key_subordinator, d->n_key_subordinator))
        for (uint32_t t = h->end; t < stop; t++)
            if (toks[t].form == d->key_comma) {
                stop = t;
                break;
            }
    int32_t after = -1;
    uint32_t list_end = 0; /* end of the last companion or cited mention */
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k) || (int32_t)k == source) continue;
        if (source >= 0 && (r->mentions[source].actor == m->actor ||
                            strcmp(r->mentions[source].code, m->code) == 0))
            continue;
        /* «отношения Америки с Пакистаном», said by an American senator:
         * his own country, named bare, is not whom he addresses; nor is a
         * country's own leader its object (Москва … Путин). */
        if (source >= 0 && strncmp(r->mentions[source].code, m->code, 3) == 0 &&
            (strlen(m->code) == 3 || strlen(r->mentions[source].code) == 3))
            continue;
        /* A bare body in the pattern's own words (отвела войска) takes the
         * country in focus only as a guess: the subject's own is likelier. */
        /* … or one that begins in them (захватило гражданина Германии),
         * but not a place where (захватило в Македонии). */
        if (m->tok_first >= h->first && m->tok_first < h->end) {
            if (m->how == HOW_FOCUS) continue;
            if (m->tok_first > h->first &&
                (toks[m->tok_first - 1].form == d->key_v[0] || toks[m->tok_first - 1].form == d->key_v[1]))
                continue;
            return (int32_t)k;
        }
        if (framed(d, toks, m)) continue;
        /* «поддержит … вместе с федерациями Ирака»: a companion acts with
         * the subject; «ссылаясь на источники»: a source cited. */
        if (lex_markers_before(&d->companion, toks, sen->tok_first, m->tok_first) ||
            lex_markers_before(&d->citation, toks, sen->tok_first, m->tok_first) ||
            listed_after(d, toks, list_end, m)) {
            list_end = m->tok_end;
            continue;
        }
        if (after < 0 && m->tok_first >= h->end && m->tok_first < stop) after = (int32_t)k;
    }
    return after;
}

/* A place with a country after the predicate in its clause, or -1. */
static int32_t place_after(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                           uint32_t sent, const hit *h)
{
    const rec_sentence *sen = &r->sentences[sent];
    uint32_t stop = clause_end(d, toks, h->end, sen->tok_first + sen->tok_count);
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        /* «в Женеве» says where, not at whom. */
        if (m->sentence == sent && m->how == HOW_PLACE && m->code[0] && m->tok_first >= h->first &&
            m->tok_first < stop && m->tok_first > 0 &&
            !(toks[m->tok_first - 1].form == d->key_v[0] || toks[m->tok_first - 1].form == d->key_v[1]))
            return (int32_t)k;
    }
    return -1;
}

/* The country the discourse is about, other than `not_code`: mentions in
 * the document, those of the sentence's paragraph counting twice — the
 * dyad in focus of the paragraph, within the document's. */
static int32_t salient_country(const dyad_record *r, uint32_t sent, int32_t not_actor,
                               const char *not_code, const char *nor_code)
{
    uint32_t par = r->sentences[sent].paragraph;
    int32_t best = -1;
    uint32_t best_score = 0;
    for (size_t i = 0; i < r->n_actors; i++) {
        const rec_actor *a = &r->actors[i];
        if (a->type != ACTOR_LOC || (int32_t)i == not_actor) continue;
        if (not_code && strncmp(a->code, not_code, 3) == 0) continue;
        if (nor_code && strncmp(a->code, nor_code, 3) == 0) continue;
        uint32_t score = 0;
        int near = 0;
        for (size_t k = 0; k < r->n_mentions; k++) {
            const rec_mention *m = &r->mentions[k];
            if (m->actor != i) continue;
            score += r->sentences[m->sentence].paragraph == par ? 2 : 1;
            if (m->sentence <= sent && m->sentence + 2 >= sent) near = 1;
        }
        /* The partner is in the discourse at hand: named in this sentence or
         * the two before it. */
        if (!near) continue;
        if (score > best_score) {
            best_score = score;
            best = (int32_t)i;
        }
    }
    return best;
}

static void set_side(const dyad_record *r, rec_side *side, int32_t mention)
{
    side->mention = mention;
    side->actor = (int32_t)r->mentions[mention].actor;
    memcpy(side->code, r->mentions[mention].code, sizeof side->code);
    side->implicit = 0;
}

static void set_implicit(const dyad_record *r, rec_side *side, int32_t actor)
{
    side->mention = -1;
    side->actor = actor;
    memcpy(side->code, r->actors[actor].code, sizeof side->code);
    side->implicit = 1;
}

/* Roles that comment on politics rather than act in it. */
static int commentator(const char *code)
{
    if (strlen(code) != 6) return 0;
    const char *role = code + 3;
    return strcmp(role, "EDU") == 0 || strcmp(role, "MED") == 0 || strcmp(role, "CVL") == 0 ||
           strcmp(role, "BUS") == 0;
}

static int push_event(events_scratch *s, const rec_event *e)
{
    GROW(s->ev, s->n_ev, s->cap_ev);
    s->ev[s->n_ev++] = *e;
    return 0;
}

/* Same actor code on both sides (or the same actor): not an event. */
static int same_side(const rec_event *e)
{
    if (e->source.actor >= 0 && e->source.actor == e->target.actor) return 1;
    return strcmp(e->source.code, e->target.code) == 0;
}

/* A mention coordinated with k by «и» (Россия и Китай), or -1. */
static int32_t coordinated(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                           int32_t k)
{
    const rec_mention *m = &r->mentions[k];
    for (size_t q = 0; q < r->n_mentions; q++) {
        const rec_mention *o = &r->mentions[q];
        if (o->sentence != m->sentence || !usable(r, q) || (int32_t)q == k) continue;
        if (o->tok_first == m->tok_end + 1 && toks[m->tok_end].form == d->key_i) return (int32_t)q;
        if (m->tok_first == o->tok_end + 1 && toks[o->tok_end].form == d->key_i) return (int32_t)q;
    }
    return -1;
}

/* Does the predicate open an attribution after what was said: a comma, a
 * dash or a closing quote right before it? */
static int attribution_after(const events_dict *d, const lex_tok *toks, const rec_sentence *sen,
                             const hit *h)
{
    if (h->first <= sen->tok_first + 1) return 0;
    uint32_t f = toks[h->first - 1].form;
    return toks[h->first - 1].kind == SEG_PUNCT &&
           (f == d->key_comma || f == d->key_quote || f == d->key_dash);
}

/* The nominative actor right after a speech verb, in its clause: the
 * speaker («…, говорит Свен Миксер»; not «…, считающему, что выбор НАТО …»). */
static int32_t speaker_after_verb(const events_dict *d, const dyad_record *r,
                                  const lex_tok *toks, uint32_t sent, const hit *h)
{
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k) || m->tok_first < h->end) continue;
        if (m->tok_first > h->end + 4) break;
        for (uint32_t t = h->end; t < m->tok_first; t++)
            if (ends_clause(d, toks[t].form)) return -1;
        if (m->nominative) return (int32_t)k;
    }
    return -1;
}

/* The speaker of a quotation that holds the predicate h, when a coded
 * actor; or -1. */
static int32_t quote_speaker_of(const dyad_record *r, const hit *h)
{
    for (size_t k = 0; k < r->n_quotes; k++) {
        const rec_quote *q = &r->quotes[k];
        if (q->kind == QUOTE_FRAGMENT || q->tok_first > h->first || h->end > q->tok_end) continue;
        if (q->speaker_mention >= 0 && r->mentions[q->speaker_mention].code[0])
            return q->speaker_mention;
    }
    return -1;
}

/* The speaker the quotation stage found for the quotation whose speech verb
 * starts at token verb (it resolves «— сказал он» past the people the
 * quotation names), when it is a coded actor in the subject's case; or -1. */
static int32_t quote_speaker_at(const dyad_record *r, uint32_t verb)
{
    for (size_t k = 0; k < r->n_quotes; k++) {
        int32_t m = r->quotes[k].speaker_mention;
        if (r->quotes[k].verb_first == verb && r->quotes[k].verb_end > verb && m >= 0 &&
            r->mentions[m].code[0] && r->mentions[m].nominative)
            return m;
    }
    return -1;
}

/* The speaker of the direct quotation holding the predicate when a
 * first-person pronoun (я, мы) stands before it in its clause, or -1. */
static int32_t first_person_speaker(const events_dict *d, const dyad_record *r, const lex_tok *toks,
                                    const rec_sentence *sen, const hit *h)
{
    int found = 0;
    for (uint32_t t = h->first; t-- > sen->tok_first && !found;) {
        if (ends_clause(d, toks[t].form)) break;
        found = key_among(toks[t].form, d->key_first_person, d->n_key_first_person);
    }
    if (!found) return -1;
    for (size_t k = 0; k < r->n_quotes; k++) {
        const rec_quote *q = &r->quotes[k];
        if (q->kind == QUOTE_DIRECT && q->tok_first <= h->first && h->end <= q->tok_end &&
            q->speaker_mention >= 0 && r->mentions[q->speaker_mention].code[0])
            return q->speaker_mention;
    }
    return -1;
}

/* What the reported words before the verb are about: their first actor in
 * the nominative (else the first at all) of another country than the speaker. */
static int32_t topic_before(const dyad_record *r, uint32_t sent, const hit *h, int32_t speaker)
{
    int32_t any = -1;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != sent || !usable(r, k) || m->tok_end > h->first) continue;
        if (strncmp(m->code, r->mentions[speaker].code, 3) == 0) continue;
        if (m->nominative) return (int32_t)k;
        /* «Российская внешняя политика непредсказуема, говорит …»: an
         * adjective that opens the sentence qualifies its subject. */
        int opens = m->tok_first == r->sentences[sent].tok_first;
        if (any < 0 && ((m->how != HOW_ADJ && m->how != HOW_COMPOUND) || opens)) any = (int32_t)k;
    }
    return any;
}

static int code_hit(const events_dict *d, events_scratch *s, dyad_record *r, const lex_tok *toks,
                    uint32_t sent, const hit *h)
{
    const pattern *p = &d->patterns[h->pattern];
    const rec_sentence *sen = &r->sentences[sent];
    /* Negation outside the pattern: «не ввела санкции» is no event. */
    if (!(p->flags & PF_NEGATED)) {
        for (uint32_t b = 1; b <= 2 && h->first >= sen->tok_first + b; b++)
            if (toks[h->first - b].form == d->key_ne) return 0;
    }
    /* Words quoted inside a sentence («ответить … признанием государства»)
     * are what somebody said or asked, not an act done. */
    for (size_t q = 0; q < r->n_quotes; q++)
        if (r->quotes[q].kind == QUOTE_FRAGMENT && r->quotes[q].tok_first <= h->first &&
            h->end <= r->quotes[q].tok_end)
            return 0;
    /* «Глава палестинской делегации на переговорах Саеб Эрекат»: words
     * inside an actor's own description say who he is, not what was done. */
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence == sent && m->tok_first <= h->first && h->end <= m->tok_end &&
            m->tok_end - m->tok_first > h->end - h->first)
            return 0;
    }
    /* «Как отмечает Нагоси, …» names a speaker; it is not a statement. */
    if (p->code[0] == '0' && p->code[1] == '1' && h->first > sen->tok_first &&
        toks[h->first - 1].form == d->key_attr && d->key_attr != LEX_NONE)
        return 0;
    /* «Если Россия стремится …, то важно поддерживать отношения»: a
     * sentence that opens with a condition reports nothing as done. */
    if (opens_with_condition(d, toks, sen) || in_purpose_clause(d, toks, sen, h->first)) return 0;
    int modal = modality_before(d, r, toks, sen->tok_first, h->first);
    if (modal == MODAL_DENY) return 0;
    int proot = (p->code[0] - '0') * 10 + (p->code[1] - '0');
    if (modal == MODAL_REFUSE && (proot < 1 || proot > 20 || !d->refuse_of_root[proot][0]))
        return 0; /* refusing a conflict is no event we code */
    rec_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.code, sizeof e.code, "%s", p->code);
    if (modal == MODAL_INTENT || (p->flags & PF_INTENT)) {
        e.modality = MOD_INTENT;
        int root = (p->code[0] - '0') * 10 + (p->code[1] - '0');
        if (modal == MODAL_INTENT && root >= 1 && root <= 20 && d->intent_of_root[root][0])
            snprintf(e.code, sizeof e.code, "%s", d->intent_of_root[root]);
    } else if (modal == MODAL_REFUSE) {
        snprintf(e.code, sizeof e.code, "%s", d->refuse_of_root[proot]);
    } else if (modal == MODAL_SPECULATIVE) {
        e.modality = MOD_SPECULATIVE;
    } else if (modal == MODAL_HYPOTHETICAL) {
        /* «должен был поднять», «если … введут»: not reported as done. */
        return 0;
    }
    memcpy(e.root, e.code, 2);
    e.root[2] = '\0';
    if (events_cameo(d, e.code, &e.goldstein, &e.quad) != 0) return 0;
    e.negated = (p->flags & PF_NEGATED) != 0;
    e.sentence = sent;
    e.tok_first = h->first;
    e.tok_end = h->end;
    e.pattern = p->src;
    const rec_date *dt = dates_for_clause(r, sent, h->first, h->end);
    e.date = dt ? (int32_t)(dt - r->dates) : -1;
    e.source.actor = e.target.actor = -1;
    e.source.mention = e.target.mention = -1;

    int root = (p->code[0] - '0') * 10 + (p->code[1] - '0');
    int32_t src = h->src_at >= 0 ? mention_at(d, r, toks, sent, h->src_at, h->src_at >= (int32_t)h->first)
                                 : -1;
    int32_t tgt = h->tgt_at >= 0 ? mention_at(d, r, toks, sent, h->tgt_at, 1) : -1;
    /* «…, говорит Свен Миксер», «…», — сказал он: the speaker follows the
     * verb, and what was said — before it — is about its own subject. */
    if (src < 0 && tgt < 0 && root == 1 && attribution_after(d, toks, sen, h)) {
        src = quote_speaker_at(r, h->first);
        if (src < 0) src = speaker_after_verb(d, r, toks, sent, h);
        /* What an expert, a journalist or a company says about someone is
         * commentary, not a political statement. */
        if (src >= 0 && commentator(r->mentions[src].code)) return 0;
        if (src >= 0) tgt = topic_before(r, sent, h, src);
        if (src < 0 || tgt < 0) return 0;
    }
    if (src < 0 && h->src_at < 0 && passive_verb(d, r, toks, sen->tok_first, h->first)) {
        /* «Королёв был арестован»: the subject suffered the act; who acted
         * is not named in the nominative, so there is no event to code. */
        return 0;
    }
    if (src < 0) src = find_source(d, r, toks, sent, h);
    if (p->flags & PF_SAID_OF) {
        /* «…тут он ошибается», — сказал Обама: the one said to be wrong is
         * the object, the one who says so the source. */
        int32_t speaker = quote_speaker_of(r, h);
        if (src < 0 || speaker < 0 || commentator(r->mentions[speaker].code)) return 0;
        tgt = src;
        src = speaker;
    }
    int src_implicit = 0;
    if (src < 0 && h->src_at < 0) {
        /* «я попросил его оказать содействие», — said in a quotation: «я»,
         * «мы» is its speaker. */
        src = first_person_speaker(d, r, toks, sen, h);
        src_implicit = src >= 0;
    }
    /* «отверг предложенную ему сделку»: the subject again is no object. */
    if (tgt >= 0 && src >= 0 && (tgt == src || r->mentions[tgt].actor == r->mentions[src].actor))
        tgt = -1;
    int32_t partner = src >= 0 ? coordinated(d, r, toks, src) : -1;
    if (tgt < 0 && partner >= 0 && ((p->flags & PF_SYMMETRIC) || e.quad <= 2)) {
        /* «Россия и Китай провели переговоры»: the first named → the second.
         * Cooperation by two named together with no one else named is
         * cooperation with each other (… объявили о создании зоны свободной
         * торговли). */
        tgt = r->mentions[partner].tok_first > r->mentions[src].tok_first ? partner : src;
        src = tgt == partner ? src : partner;
        partner = -1;
    }
    /* «прибыл в воскресенье вечером в Пакистан»: a date may stand where
     * the pattern expects the target; the target follows it. */
    if (tgt < 0 && h->tgt_at >= 0) {
        int32_t after = date_end_at(r, sent, (uint32_t)h->tgt_at);
        /* «прибыл в понедельник вечером в Токио»: the preposition again. */
        if (after >= 0 && is_preposition(d, toks[after].form)) after++;
        if (after >= 0) tgt = mention_at(d, r, toks, sent, after, 1);
    }
    /* «на встрече с журналистами»: where the pattern says the partner of a
     * meeting stands there is no actor, so it was no one we could code.
     * Other objects may name their actor further on (осудил визит на
     * острова президента России), but none is inferred from the discourse
     * (вступившее в силу). */
    /* «защищать себя от обвинений»: the object is the subject itself. */
    if (tgt < 0 && h->tgt_at >= 0 && (uint32_t)h->tgt_at < sen->tok_first + sen->tok_count &&
        key_among(toks[h->tgt_at].form, d->key_reflexive, d->n_key_reflexive))
        return 0;
    int slot_empty = tgt < 0 && h->tgt_at >= 0;
    /* «отвергают подобный шаг»: an object that points back (этот, такой,
     * подобный) is the discourse's, so its side may be inferred. */
    int anaphoric = slot_empty && key_among(toks[h->tgt_at].form, d->key_anaphoric, d->n_key_anaphoric);
    if (anaphoric) slot_empty = 0;
    if (slot_empty && root == 4) return 0;

    /* A joint act (создали совет) needs both its parties in the sentence,
     * named together or the second after «с». */
    if (tgt < 0 && (p->flags & PF_JOINT)) return 0;
    if (tgt < 0) tgt = find_target(d, r, toks, sent, h, src, root == 1);
    /* «нанесли удар по Алеппо», «захватив Крымский полуостров»: an act of
     * force aimed at a place is aimed at the country the place is in. */
    if (tgt < 0 && e.quad == 4) tgt = place_after(d, r, toks, sent, h);
    /* Who acted must be in the text; whom it concerned may be inferred. */
    if (src < 0) return 0;
    set_side(r, &e.source, src);
    e.source.implicit = (uint8_t)src_implicit;
    /* What an expert, a journalist or a company says is commentary, not a
     * political statement; and the media report acts, they do not act
     * («Голос Америки: … на Турцию возлагают надежды на помощь»). */
    if (root == 1 && commentator(e.source.code)) return 0;
    if (strlen(e.source.code) == 6 && strcmp(e.source.code + 3, "MED") == 0) return 0;
    if (tgt >= 0) {
        set_side(r, &e.target, tgt);
        /* «в беседе с корреспондентом „Голоса Америки“»: talking to the
         * press is an interview, not a consultation; what one says or
         * refuses to say to journalists is no act between states. */
        if ((root <= 5 || (root >= 10 && root <= 12)) && strlen(e.target.code) == 6 &&
            strcmp(e.target.code + 3, "MED") == 0)
            return 0;
    } else {
        /* Statements and appeals need their addressee in the text, and so
         * does anything said by someone who is no political actor (experts,
         * journalists, business, civilians): their addressee is not inferred. */
        if (root <= 2 || commentator(e.source.code) || slot_empty) return 0;
        /* A one-word pattern (пытки, теракт) says too little to guess whom
         * it concerns. */
        /* … unless its own adjective names who did it and it is an act of
         * war (российских авиаударов): that is aimed at the other side of
         * the conflict in the discourse. */
        int own_adjective = r->mentions[src].tok_end == h->first && r->mentions[src].how == HOW_ADJ &&
                            !r->mentions[src].nominative;
        if (own_adjective && e.quad != 4) return 0;
        if (p->n_words < 2 && !anaphoric && !own_adjective) return 0;
        /* A pattern that reaches over the clause (назвал … «угрозой») has
         * said nothing of whom it concerns unless that one is named. */
        if (p->flags & PF_LONG_GAP) return 0;
        /* A verbal noun (прекращение огня, вступление в альянс) names a
         * process, not a reported act: without its target named, whom it
         * concerns is not guessed. */
        if (verbal_noun(d, r, h->first)) return 0;
        /* Of the discourse's countries, neither side of a coordinated
         * subject (Израиль и США отвергают подобный шаг). */
        int32_t a = salient_country(r, sent, e.source.actor, e.source.code,
                                    partner >= 0 ? r->mentions[partner].code : NULL);
        if (a < 0) return 0;
        set_implicit(r, &e.target, a);
    }
    if (!same_side(&e) && push_event(s, &e) != 0) return -1;
    if (partner >= 0 && partner != tgt) {
        /* «Россия и Китай ввели санкции против …»: both are sources. */
        rec_event e2 = e;
        set_side(r, &e2.source, partner);
        if (!same_side(&e2) && push_event(s, &e2) != 0) return -1;
    }
    return 0;
}

/* A question reports nothing as done («…или наоборот?»). */
static int is_question(const dyad_record *r, const rec_sentence *sen)
{
    for (uint32_t i = sen->tok_first + sen->tok_count; i-- > sen->tok_first;) {
        const rec_token *t = &r->tokens[i];
        if (t->kind != SEG_PUNCT) return 0;
        if (memchr(r->text + t->start, '?', t->end - t->start)) return 1;
    }
    return 0;
}

/* A statement (root 01) about a dyad adds nothing when the same sentence
 * codes another kind of event for that dyad: «Кан сообщил, что будет вести
 * переговоры … с Россией» is the intent, not also a statement. Same codes
 * for one dyad in one sentence are one event. */
static void one_per_dyad(events_scratch *s, size_t first)
{
    size_t out = first;
    for (size_t i = first; i < s->n_ev; i++) {
        const rec_event *e = &s->ev[i];
        int drop = 0;
        for (size_t k = first; k < s->n_ev && !drop; k++) {
            const rec_event *o = &s->ev[k];
            if (k == i || strncmp(o->source.code, e->source.code, 3) != 0 ||
                strncmp(o->target.code, e->target.code, 3) != 0)
                continue;
            if (strcmp(e->root, "01") == 0 && strcmp(o->root, "01") != 0) drop = 1;
            if (strcmp(e->code, o->code) == 0 && k < i) drop = 1;
        }
        /* «настаивать на возвращении островов», «призвал вывести войска»:
         * an act right after its own side's appeal or demand is what was
         * asked for, not an act done. */
        for (size_t k = first; k < s->n_ev && !drop; k++) {
            const rec_event *o = &s->ev[k];
            if (k == i || e->sentence != o->sentence ||
                strncmp(o->source.code, e->source.code, 3) != 0)
                continue;
            int asks = strcmp(o->root, "02") == 0 || strcmp(o->root, "10") == 0;
            if (asks && strcmp(e->root, o->root) != 0 && o->tok_end <= e->tok_first &&
                e->tok_first <= o->tok_end + GAP_WORDS)
                drop = 1;
        }
        if (!drop) s->ev[out++] = *e;
    }
    s->n_ev = out;
}

/* Has sentence `sent` an event with `code` from the country of a to that of b? */
static int dyad_coded(const events_scratch *s, uint32_t sent, const char *a, const char *b,
                      const char *code)
{
    for (size_t i = 0; i < s->n_ev; i++)
        if (s->ev[i].sentence == sent && strcmp(s->ev[i].code, code) == 0 &&
            strncmp(s->ev[i].source.code, a, 3) == 0 && strncmp(s->ev[i].target.code, b, 3) == 0)
            return 1;
    return 0;
}

/* What a political actor is quoted saying about another country's acts is
 * an event of the speaker's: «Путин хочет изменить мировой порядок»,
 * считает эстонский разведчик → EST → RUS, disapproval (110) when the act
 * reported is conflict, a statement (010) otherwise. The act itself stays as
 * coded. Commentators (experts, journalists) are not political actors: what
 * they say is not coded as theirs. */
static int reported_by_speakers(const events_dict *d, events_scratch *s, dyad_record *r)
{
    size_t n = s->n_ev;
    for (size_t i = 0; i < n; i++) {
        const rec_event *e = &s->ev[i];
        for (size_t k = 0; k < r->n_quotes; k++) {
            const rec_quote *q = &r->quotes[k];
            if (q->speaker_mention < 0 || e->tok_first < q->tok_first || e->tok_end > q->tok_end)
                continue;
            const rec_mention *sp = &r->mentions[q->speaker_mention];
            if (!sp->code[0] || commentator(sp->code) || sp->how == HOW_PLACE) break;
            if (strncmp(sp->code, e->source.code, 3) == 0) break; /* his own side's act */
            const char *code = e->quad >= 3 ? "110" : "010";
            if (dyad_coded(s, e->sentence, sp->code, e->source.code, code)) break;
            rec_event x = *e;
            snprintf(x.code, sizeof x.code, "%s", code);
            memcpy(x.root, x.code, 2);
            x.root[2] = '\0';
            if (events_cameo(d, x.code, &x.goldstein, &x.quad) != 0) break;
            x.target = e->source;
            x.source.actor = q->speaker_actor;
            x.source.mention = q->speaker_mention;
            memcpy(x.source.code, sp->code, sizeof x.source.code);
            x.source.implicit = 0;
            x.modality = MOD_NONE;
            x.negated = 0;
            if (!same_side(&x) && push_event(s, &x) != 0) return -1;
            break;
        }
    }
    return 0;
}

/* «Обама: Путин не „вполне убежден“ …»: a headline (the document's first
 * sentence) opening with a political actor and a colon is a statement (010)
 * of his about the first actor of another country after the colon, unless
 * the sentence codes his side already. Further on, «Name: …» is a turn of
 * an interview, whose words are coded as they are. */
static int headline_statements(const events_dict *d, events_scratch *s, dyad_record *r,
                               const lex_tok *toks)
{
    size_t n = s->n_ev;
    uint32_t headline = 0;
    while (headline < r->n_sentences && r->sentences[headline].boilerplate) headline++;
    for (size_t k = 0; k < r->n_quotes; k++) {
        const rec_quote *q = &r->quotes[k];
        if (q->speaker_mention < 0) continue;
        const rec_mention *sp = &r->mentions[q->speaker_mention];
        const rec_sentence *sen = &r->sentences[sp->sentence];
        if (sp->sentence != headline || sp->tok_first != sen->tok_first ||
            sp->tok_end >= sen->tok_first + sen->tok_count ||
            toks[sp->tok_end].form != d->key_colon || !sp->code[0] || commentator(sp->code))
            continue;
        int coded = 0;
        for (size_t i = 0; i < n && !coded; i++)
            coded = s->ev[i].sentence == sp->sentence && strncmp(s->ev[i].source.code, sp->code, 3) == 0;
        if (coded) continue;
        int32_t tgt = -1;
        for (size_t m = 0; m < r->n_mentions; m++) {
            const rec_mention *x = &r->mentions[m];
            if (x->sentence != sp->sentence || x->tok_first <= sp->tok_end || !usable(r, m) ||
                strncmp(x->code, sp->code, 3) == 0 || commentator(x->code))
                continue;
            tgt = (int32_t)m;
            break;
        }
        if (tgt < 0) continue;
        rec_event e;
        memset(&e, 0, sizeof e);
        snprintf(e.code, sizeof e.code, "010");
        memcpy(e.root, "01", 3);
        if (events_cameo(d, e.code, &e.goldstein, &e.quad) != 0) return 0;
        e.sentence = sp->sentence;
        e.tok_first = sp->tok_end;
        e.tok_end = sp->tok_end + 1;
        e.pattern = "ru/syntax.txt:colon";
        const rec_date *dt = dates_for_clause(r, sp->sentence, e.tok_first, e.tok_end);
        e.date = dt ? (int32_t)(dt - r->dates) : -1;
        set_side(r, &e.source, q->speaker_mention);
        set_side(r, &e.target, tgt);
        if (!same_side(&e) && push_event(s, &e) != 0) return -1;
        n = s->n_ev;
    }
    return 0;
}

/* «По мнению делегации ОБСЕ, предвыборная кампания выявила проблемы»: what
 * a political actor is reported to hold (по словам, по мнению, по оценкам
 * X) about another side is a statement (010) of his about it, when nothing
 * else in the sentence is coded from his side. The side is the first actor
 * of another country in the reported words, in the subject's case where
 * there is one; else the country the discourse is about (implicit). */
static int attributed_statements(const events_dict *d, events_scratch *s, dyad_record *r,
                                 const lex_tok *toks)
{
    size_t n = s->n_ev;
    for (size_t k = 0; k < r->n_quotes; k++) {
        const rec_quote *q = &r->quotes[k];
        if (q->kind != QUOTE_INDIRECT || q->speaker_mention < 0) continue;
        const rec_mention *sp = &r->mentions[q->speaker_mention];
        uint32_t sn = q->sentence_first;
        const rec_sentence *sen = &r->sentences[sn];
        /* Only «по словам X», «как отмечает X»: a source phrase before its
         * speaker; a speech verb codes its own statement. */
        if (!(q->verb_first < q->verb_end && q->verb_end <= sp->tok_first) ||
            !(is_preposition(d, toks[q->verb_first].form) || toks[q->verb_first].form == d->key_attr))
            continue;
        if (!sp->code[0] || commentator(sp->code) || sp->how == HOW_PLACE || sp->sentence != sn)
            continue;
        if (opens_with_condition(d, toks, sen)) continue;
        int coded = 0;
        for (size_t i = 0; i < n && !coded; i++)
            coded = s->ev[i].sentence == sn && strncmp(s->ev[i].source.code, sp->code, 3) == 0;
        if (coded) continue;
        int32_t tgt = -1;
        for (size_t m = 0; m < r->n_mentions; m++) {
            const rec_mention *x = &r->mentions[m];
            if (x->sentence != sn || x->tok_first < q->tok_first || x->tok_end > q->tok_end ||
                !usable(r, m) || strncmp(x->code, sp->code, 3) == 0 || commentator(x->code))
                continue;
            if (tgt < 0 || (x->nominative && !r->mentions[tgt].nominative)) tgt = (int32_t)m;
            if (x->nominative) break;
        }
        int32_t implicit = -1;
        if (tgt < 0) implicit = salient_country(r, sn, (int32_t)sp->actor, sp->code, NULL);
        if (tgt < 0 && implicit < 0) continue;
        rec_event e;
        memset(&e, 0, sizeof e);
        snprintf(e.code, sizeof e.code, "010");
        memcpy(e.root, "01", 3);
        if (events_cameo(d, e.code, &e.goldstein, &e.quad) != 0) return 0;
        e.sentence = sn;
        e.tok_first = q->verb_first;
        e.tok_end = q->verb_end;
        e.pattern = "ru/speech.txt";
        const rec_date *dt = dates_for_clause(r, sn, q->tok_first, q->tok_end);
        e.date = dt ? (int32_t)(dt - r->dates) : -1;
        set_side(r, &e.source, q->speaker_mention);
        if (tgt >= 0)
            set_side(r, &e.target, tgt);
        else
            set_implicit(r, &e.target, implicit);
        if (!same_side(&e) && push_event(s, &e) != 0) return -1;
    }
    return 0;
}

int events_code(const events_dict *d, events_scratch *s, dyad_record *r, const lex_tok *toks)
{
    s->n_ev = 0;
    if (r->n_tokens > s->cap_used) {
        uint8_t *u = realloc(s->used, r->n_tokens);
        if (!u) return -1;
        s->used = u;
        s->cap_used = r->n_tokens;
    }
    for (size_t si = 0; si < r->n_sentences; si++) {
        const rec_sentence *sen = &r->sentences[si];
        if (sen->boilerplate || is_question(r, sen)) continue;
        uint32_t a = sen->tok_first, b = sen->tok_first + sen->tok_count;
        s->n_hits = 0;
        for (uint32_t i = a; i < b; i++) {
            const lex_tok *t = &toks[i];
            uint32_t keys[2] = {t->stem, t->form};
            for (int k = 0; k < 2; k++) {
                if (keys[k] == LEX_NONE || (k == 1 && keys[1] == keys[0])) continue;
                uint32_t node = lex_trie_step(&d->anchors, 0, keys[k]);
                if (node == LEX_NONE) continue;
                for (uint32_t v = lex_trie_first(&d->anchors, node); v != LEX_NONE;
                     v = lex_trie_next(&d->anchors, v)) {
                    hit h = {.pattern = lex_trie_value(&d->anchors, v)};
                    if (try_pattern(&d->patterns[h.pattern], toks, i, b, &d->key_quote, &h) &&
                        push_hit(s, &h) != 0)
                        return -1;
                }
            }
        }
        if (!s->n_hits) continue;
        size_t first_event = s->n_ev;
        qsort(s->hits, s->n_hits, sizeof *s->hits, cmp_hits);
        memset(s->used + a, 0, b - a);
        for (size_t k = 0; k < s->n_hits; k++) {
            const hit *h = &s->hits[k];
            int clash = 0;
            for (uint32_t i = h->first; i < h->end && !clash; i++) clash = s->used[i];
            if (clash) continue;
            memset(s->used + h->first, 1, h->end - h->first);
            if (code_hit(d, s, r, toks, (uint32_t)si, h) != 0) return -1;
        }
        one_per_dyad(s, first_event);
    }
    if (reported_by_speakers(d, s, r) != 0 || headline_statements(d, s, r, toks) != 0 ||
        attributed_statements(d, s, r, toks) != 0)
        return -1;
    r->events = arena_calloc(&r->mem, s->n_ev + 1, sizeof *r->events);
    if (!r->events) return -1;
    /* Events in text order. */
    for (size_t i = 1; i < s->n_ev; i++) {
        rec_event x = s->ev[i];
        size_t j = i;
        while (j > 0 && (s->ev[j - 1].sentence > x.sentence ||
                         (s->ev[j - 1].sentence == x.sentence && s->ev[j - 1].tok_first > x.tok_first))) {
            s->ev[j] = s->ev[j - 1];
            j--;
        }
        s->ev[j] = x;
    }
    if (s->n_ev) memcpy(r->events, s->ev, s->n_ev * sizeof *s->ev);
    r->n_events = s->n_ev;
    return 0;
}

size_t events_lint(const events_dict *d, buf *out)
{
    size_t problems = 0;
    for (size_t i = 0; i < d->n_patterns; i++) {
        const pattern *p = &d->patterns[i];
        for (size_t j = i + 1; j < d->n_patterns; j++) {
            const pattern *q = &d->patterns[j];
            if (p->n_elems != q->n_elems) continue;
            int same = 1;
            for (int e = 0; e < p->n_elems && same; e++) {
                const element *a = &p->elems[e], *b = &q->elems[e];
                same = a->type == b->type && a->long_gap == b->long_gap && a->n_alts == b->n_alts &&
                       (a->n_alts == 0 || memcmp(a->alts, b->alts, a->n_alts * sizeof *a->alts) == 0);
            }
            if (same) {
                buf_printf(out, "%s: same pattern as %s%s\n", q->src, p->src,
                           strcmp(p->code, q->code) ? " with another code: never used" : "");
                problems++;
            }
        }
    }
    return problems;
}
