/* segment.c — sentence and token splitting (see segment.h, docs/SEGMENT.md).
 *
 * Tokens: the text is cut at whitespace into chunks; each chunk is decoded
 * once into a small array of classified code points and cut into tokens by
 * a handful of join rules between letter/digit runs (hyphen, apostrophe,
 * decimal point, time colon, fraction slash, underscore, ampersand) and
 * between punctuation marks (runs of dots, "!!!", "?..", "--", smileys).
 * Sentences: a second pass over the tokens decides, at every terminal mark
 * (. ! ? … and runs of them), whether the sentence ends there, looking at the
 * word before (abbreviation, initial, list number) and the token after
 * (lower case, dash + lower case, comma); line breaks and blank lines and
 * boilerplate lines of scraped pages end sentences too.
 *
 * All linguistic word lists come from dict/<lang>/abbrev.txt,
 * seg_abbrev_end.txt and seg_boilerplate.txt. Only punctuation classes live
 * in this file.
 */
#include "segment.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------------ */
/* Character classes                                                         */

enum { C_SPACE = 1, C_NL, C_LET, C_DIG, C_MARK, C_PUN, C_SYM, C_OTH };

/* letter flags */
enum { L_UP = 1, L_LO = 2, L_CYR = 4, L_LAT = 8 };

/* punctuation sub-classes */
enum {
    P_NONE = 0,
    P_DOT, P_COMMA, P_COLON, P_SEMI, P_EXCL, P_QUEST, P_ELLIP,
    P_HYPHEN,   /* - ‐ ‑ */
    P_DASH,     /* – — ― − */
    P_QUOTE,    /* " “ ” ‟ : direction unknown */
    P_QOPEN,    /* « „ ‹ ‚ */
    P_QCLOSE,   /* » › */
    P_APOS,     /* ' ’ ` ʼ ‘ */
    P_BOPEN,    /* ( [ { */
    P_BCLOSE,   /* ) ] } */
    P_SLASH,    /* / \ */
    P_UNDER,    /* _ */
    P_AT,       /* @ */
    P_HASH,     /* # */
    P_AMP,      /* & */
    P_BULLET,   /* • · ▪ */
    P_OTHERP    /* * and the rest */
};

/* symbol sub-classes */
enum { S_NONE = 0, S_LT, S_GT, S_OTHER };

typedef struct chinfo {
    uint32_t off; /* byte offset in the text */
    uint32_t cp;
    uint8_t cls, sub, fl, len;
} chinfo;

/* ------------------------------------------------------------------------ */
/* String set (abbreviations, boilerplate lines)                             */

typedef struct strset {
    char **keys;
    uint8_t *vals;
    size_t cap, n;
} strset;

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static int strset_grow(strset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 256;
    char **nk = calloc(ncap, sizeof *nk);
    uint8_t *nv = calloc(ncap, 1);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return -1;
    }
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t j = hash_bytes(s->keys[i], strlen(s->keys[i])) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = s->keys[i];
        nv[j] = s->vals[i];
    }
    free(s->keys);
    free(s->vals);
    s->keys = nk;
    s->vals = nv;
    s->cap = ncap;
    return 0;
}

static uint8_t strset_get(const strset *s, const char *k, size_t n)
{
    if (!s->cap)
        return 0;
    size_t j = hash_bytes(k, n) & (s->cap - 1);
    while (s->keys[j]) {
        if (strlen(s->keys[j]) == n && memcmp(s->keys[j], k, n) == 0)
            return s->vals[j];
        j = (j + 1) & (s->cap - 1);
    }
    return 0;
}

/* OR-s val into the entry for k. */
static int strset_add(strset *s, const char *k, uint8_t val)
{
    if ((s->n + 1) * 2 > s->cap && strset_grow(s) < 0)
        return -1;
    size_t n = strlen(k);
    size_t j = hash_bytes(k, n) & (s->cap - 1);
    while (s->keys[j]) {
        if (strcmp(s->keys[j], k) == 0) {
            s->vals[j] |= val;
            return 0;
        }
        j = (j + 1) & (s->cap - 1);
    }
    s->keys[j] = strdup(k);
    if (!s->keys[j])
        return -1;
    s->vals[j] = val;
    s->n++;
    return 0;
}

static void strset_free(strset *s)
{
    for (size_t i = 0; i < s->cap; i++)
        free(s->keys[i]);
    free(s->keys);
    free(s->vals);
    memset(s, 0, sizeof *s);
}

/* abbreviation flags */
enum {
    AB_NOEND = 1,  /* never ends a sentence: ул. им. проф. Mr. */
    AB_END = 2,    /* may end a sentence: т. д., и др. */
    AB_END_NUM = 4 /* may end a sentence only right after a number: г. в. */
};

struct segmenter {
    strset abbrev;       /* key: lower-case, spaces removed, "т.е." */
    strset boiler;       /* key: normalised whole line */
    char **boiler_prefix;
    size_t n_prefix;
    size_t max_boiler;   /* longest pattern in bytes */
    uint8_t ascii_cls[128], ascii_sub[128], ascii_fl[128];
};

/* ------------------------------------------------------------------------ */
/* Classification                                                            */

static void init_ascii(segmenter *s)
{
    for (int c = 0; c < 128; c++) {
        uint8_t cls = C_OTH, sub = 0, fl = 0;
        if (c == ' ' || c == '\t')
            cls = C_SPACE;
        else if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
            cls = C_NL;
        else if (c < 32 || c == 127)
            cls = C_SPACE;
        else if (c >= 'a' && c <= 'z')
            cls = C_LET, fl = L_LO | L_LAT;
        else if (c >= 'A' && c <= 'Z')
            cls = C_LET, fl = L_UP | L_LAT;
        else if (c >= '0' && c <= '9')
            cls = C_DIG;
        else {
            cls = C_PUN;
            switch (c) {
            case '.': sub = P_DOT; break;
            case ',': sub = P_COMMA; break;
            case ':': sub = P_COLON; break;
            case ';': sub = P_SEMI; break;
            case '!': sub = P_EXCL; break;
            case '?': sub = P_QUEST; break;
            case '-': sub = P_HYPHEN; break;
            case '"': sub = P_QUOTE; break;
            case '\'': case '`': sub = P_APOS; break;
            case '(': case '[': case '{': sub = P_BOPEN; break;
            case ')': case ']': case '}': sub = P_BCLOSE; break;
            case '/': case '\\': sub = P_SLASH; break;
            case '_': sub = P_UNDER; break;
            case '@': sub = P_AT; break;
            case '#': sub = P_HASH; break;
            case '&': sub = P_AMP; break;
            case '*': sub = P_OTHERP; break;
            case '<': cls = C_SYM; sub = S_LT; break;
            case '>': cls = C_SYM; sub = S_GT; break;
            default: cls = C_SYM; sub = S_OTHER; break; /* $ % + = ^ | ~ */
            }
        }
        s->ascii_cls[c] = cls;
        s->ascii_sub[c] = sub;
        s->ascii_fl[c] = fl;
    }
}

static void classify_other(uint32_t cp, chinfo *ci)
{
    ci->sub = 0;
    ci->fl = 0;
    /* Cyrillic block fast path */
    if (cp >= 0x400 && cp <= 0x45F) {
        ci->cls = C_LET;
        ci->fl = L_CYR | ((cp >= 0x410 && cp <= 0x42F) || cp < 0x410 ? L_UP : L_LO);
        return;
    }
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
    case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
    case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
    case 0x200B: case 0xFEFF: case 0x00AD:
        ci->cls = C_SPACE;
        return;
    case 0x0085: case 0x2028: case 0x2029:
        ci->cls = C_NL;
        return;
    case 0x2026: ci->cls = C_PUN; ci->sub = P_ELLIP; return;
    case 0x2010: case 0x2011: ci->cls = C_PUN; ci->sub = P_HYPHEN; return;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        ci->cls = C_PUN; ci->sub = P_DASH; return;
    case 0x201C: case 0x201D: case 0x201F:
        ci->cls = C_PUN; ci->sub = P_QUOTE; return;
    case 0x00AB: case 0x201E: case 0x2039: case 0x201A:
        ci->cls = C_PUN; ci->sub = P_QOPEN; return;
    case 0x00BB: case 0x203A:
        ci->cls = C_PUN; ci->sub = P_QCLOSE; return;
    case 0x2018: case 0x2019: case 0x02BC:
        ci->cls = C_PUN; ci->sub = P_APOS; return;
    case 0x2022: case 0x00B7: case 0x25AA: case 0x25CF: case 0x2023:
        ci->cls = C_PUN; ci->sub = P_BULLET; return;
    default:
        break;
    }
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        ci->cls = C_LET;
        ci->fl = L_UP;
        break;
    case UTF8PROC_CATEGORY_LL:
        ci->cls = C_LET;
        ci->fl = L_LO;
        break;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        ci->cls = C_LET;
        break;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        ci->cls = C_MARK;
        break;
    case UTF8PROC_CATEGORY_ND:
        ci->cls = C_DIG;
        break;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        ci->cls = C_SYM;
        ci->sub = S_OTHER;
        break;
    case UTF8PROC_CATEGORY_ZS:
        ci->cls = C_SPACE;
        break;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        ci->cls = C_NL;
        break;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PO:
        ci->cls = C_PUN;
        ci->sub = P_OTHERP;
        break;
    case UTF8PROC_CATEGORY_PS:
        ci->cls = C_PUN;
        ci->sub = P_BOPEN;
        break;
    case UTF8PROC_CATEGORY_PE:
        ci->cls = C_PUN;
        ci->sub = P_BCLOSE;
        break;
    case UTF8PROC_CATEGORY_PI:
        ci->cls = C_PUN;
        ci->sub = P_QOPEN;
        break;
    case UTF8PROC_CATEGORY_PF:
        ci->cls = C_PUN;
        ci->sub = P_QCLOSE;
        break;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
        ci->cls = C_SYM;
        ci->sub = S_OTHER;
        break;
    case UTF8PROC_CATEGORY_CF:
        ci->cls = C_MARK; /* ZWJ, variation selectors stay inside a token */
        break;
    case UTF8PROC_CATEGORY_CC:
        ci->cls = C_SPACE;
        break;
    default:
        ci->cls = C_OTH;
        break;
    }
    if (ci->cls == C_LET && cp >= 0x460 && cp <= 0x52F)
        ci->fl |= L_CYR;
    else if (ci->cls == C_LET && cp < 0x250)
        ci->fl |= L_LAT;
}

/* Decode one code point at p (n bytes left, n > 0). Invalid bytes decode as
 * U+FFFD of length 1 so that the scanner always advances. */
static inline uint32_t decode(const unsigned char *p, size_t n, unsigned *len)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *len = 1;
        return c;
    }
    if ((c & 0xE0) == 0xC0 && n >= 2 && (p[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((c & 0xF0) == 0xE0 && n >= 3 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80) {
        *len = 3;
        return ((c & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F);
    }
    if ((c & 0xF8) == 0xF0 && n >= 4 && (p[1] & 0xC0) == 0x80 &&
        (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
        *len = 4;
        return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) |
               ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3F);
    }
    *len = 1;
    return 0xFFFD;
}

static inline void classify(const segmenter *s, uint32_t cp, chinfo *ci)
{
    if (cp < 128) {
        ci->cls = s->ascii_cls[cp];
        ci->sub = s->ascii_sub[cp];
        ci->fl = s->ascii_fl[cp];
    } else if (cp >= 0x430 && cp <= 0x44F) {
        ci->cls = C_LET;
        ci->sub = 0;
        ci->fl = L_CYR | L_LO;
    } else if (cp >= 0x410 && cp <= 0x42F) {
        ci->cls = C_LET;
        ci->sub = 0;
        ci->fl = L_CYR | L_UP;
    } else {
        classify_other(cp, ci);
    }
}

/* ------------------------------------------------------------------------ */
/* Lower-casing for dictionary keys                                          */

/* Appends the lower-case UTF-8 of text[a..b) to buf (cap bytes), skipping
 * whitespace. Returns the new length or (size_t)-1 if it does not fit. */
static size_t lower_append(char *buf, size_t n, size_t cap, const char *text,
                           size_t a, size_t b, int keep_spaces)
{
    size_t i = a;
    int pending_space = 0;
    while (i < b) {
        unsigned len;
        uint32_t cp = decode((const unsigned char *)text + i, b - i, &len);
        i += len;
        if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == '\n' || cp == '\r' ||
            cp == 0x202F || cp == 0x2009) {
            pending_space = keep_spaces && n > 0;
            continue;
        }
        if (cp >= 'A' && cp <= 'Z')
            cp += 32;
        else if (cp >= 0x410 && cp <= 0x42F)
            cp += 32;
        else if (cp == 0x401)
            cp = 0x451;
        else if (cp >= 128)
            cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        if (cp == 0x451)
            cp = 0x435; /* ё → е: dictionaries need not list both */
        if (pending_space) {
            if (n + 1 > cap)
                return (size_t)-1;
            buf[n++] = ' ';
            pending_space = 0;
        }
        if (n + 4 > cap)
            return (size_t)-1;
        n += (size_t)utf8proc_encode_char((utf8proc_int32_t)cp,
                                          (utf8proc_uint8_t *)buf + n);
    }
    return n;
}

/* ------------------------------------------------------------------------ */
/* Loading                                                                   */

static int load_list(segmenter *s, const char *path, int kind, char *err,
                     size_t errlen, int required)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!required)
            return 0;
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[1024];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t L = strlen(line);
        while (L && (line[L - 1] == '\n' || line[L - 1] == '\r' ||
                     line[L - 1] == ' ' || line[L - 1] == '\t'))
            line[--L] = 0;
        char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        char key[512];
        if (kind == 0 || kind == 1) {
            /* abbreviation, optionally followed by "@num" */
            uint8_t val = kind == 0 ? AB_NOEND : AB_END;
            char *at = strstr(p, "@num");
            if (at) {
                if (kind != 1) {
                    snprintf(err, errlen, "%s:%d: @num only in seg_abbrev_end",
                             path, lineno);
                    fclose(f);
                    return -1;
                }
                *at = 0;
                val = AB_END_NUM;
            }
            size_t n = lower_append(key, 0, sizeof key - 1, p, 0, strlen(p), 0);
            if (n == (size_t)-1 || n == 0) {
                snprintf(err, errlen, "%s:%d: bad entry", path, lineno);
                fclose(f);
                return -1;
            }
            key[n] = 0;
            if (strset_add(&s->abbrev, key, val) < 0)
                goto oom;
        } else {
            /* boilerplate line; trailing '*' = prefix pattern */
            int prefix = 0;
            size_t pl = strlen(p);
            if (pl && p[pl - 1] == '*') {
                prefix = 1;
                p[--pl] = 0;
            }
            size_t n = lower_append(key, 0, sizeof key - 1, p, 0, pl, 1);
            if (n == (size_t)-1 || n == 0) {
                snprintf(err, errlen, "%s:%d: bad entry", path, lineno);
                fclose(f);
                return -1;
            }
            key[n] = 0;
            if (n > s->max_boiler)
                s->max_boiler = n;
            if (prefix) {
                char **np = realloc(s->boiler_prefix,
                                    (s->n_prefix + 1) * sizeof *np);
                if (!np)
                    goto oom;
                s->boiler_prefix = np;
                np[s->n_prefix] = strdup(key);
                if (!np[s->n_prefix])
                    goto oom;
                s->n_prefix++;
            } else if (strset_add(&s->boiler, key, 1) < 0) {
                goto oom;
            }
        }
    }
    fclose(f);
    return 0;
oom:
    snprintf(err, errlen, "%s: out of memory", path);
    fclose(f);
    return -1;
}

segmenter *segmenter_load(const char *dict_dir, char *err, size_t errlen)
{
    segmenter *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    init_ascii(s);
    static const char *langs[] = {"ru", "en"};
    static const char *files[] = {"abbrev.txt", "seg_abbrev_end.txt",
                                  "seg_boilerplate.txt"};
    for (size_t l = 0; l < 2; l++) {
        for (int k = 0; k < 3; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s/%s", dict_dir, langs[l], files[k]);
            if (load_list(s, path, k, err, errlen, 1) < 0) {
                segmenter_free(s);
                return NULL;
            }
        }
    }
    return s;
}

void segmenter_free(segmenter *s)
{
    if (!s)
        return;
    strset_free(&s->abbrev);
    strset_free(&s->boiler);
    for (size_t i = 0; i < s->n_prefix; i++)
        free(s->boiler_prefix[i]);
    free(s->boiler_prefix);
    free(s);
}

void seg_out_free(seg_out *out)
{
    if (!out)
        return;
    free(out->tokens);
    free(out->sentences);
    free(out->scratch);
    memset(out, 0, sizeof *out);
}

/* ------------------------------------------------------------------------ */
/* Tokenizer                                                                 */

typedef struct tokctx {
    const segmenter *s;
    const char *text;
    seg_out *out;
    chinfo *ch;    /* decoded chunk */
    size_t n;      /* code points in chunk */
    uint32_t cbase;  /* code point offset of ch[0] */
    uint32_t chunk_end; /* byte offset after the chunk */
    uint8_t pending_flags; /* SPACE_BEFORE for the first token of the chunk */
    uint8_t pending_nl;
} tokctx;

static int push_token(tokctx *t, size_t a, size_t b, int kind)
{
    seg_out *o = t->out;
    if (o->n_tokens == o->cap_tokens) {
        size_t nc = o->cap_tokens ? o->cap_tokens * 2 : 256;
        seg_token *nt = realloc(o->tokens, nc * sizeof *nt);
        if (!nt)
            return -1;
        o->tokens = nt;
        o->cap_tokens = nc;
    }
    seg_token *k = &o->tokens[o->n_tokens++];
    k->start = t->ch[a].off;
    k->end = b < t->n ? t->ch[b].off : t->chunk_end;
    k->cstart = t->cbase + (uint32_t)a;
    k->cend = t->cbase + (uint32_t)b;
    k->kind = (uint8_t)kind;
    k->newlines = t->pending_nl;
    uint8_t fl = t->pending_flags;
    t->pending_flags = 0;
    t->pending_nl = 0;
    int any_up = 0, any_lo = 0, first = 1;
    for (size_t i = a; i < b; i++) {
        const chinfo *c = &t->ch[i];
        if (c->cls != C_LET)
            continue;
        if (first && (c->fl & L_UP))
            fl |= SEG_F_UPPER_INITIAL;
        first = 0;
        if (c->fl & L_UP)
            any_up = 1;
        if (c->fl & L_LO)
            any_lo = 1;
        if (c->fl & L_CYR)
            fl |= SEG_F_CYRILLIC;
        if (c->fl & L_LAT)
            fl |= SEG_F_LATIN;
    }
    if (any_up && !any_lo)
        fl |= SEG_F_ALL_UPPER;
    k->flags = fl;
    return 0;
}

static inline int is_alnum(const chinfo *c)
{
    return c->cls == C_LET || c->cls == C_DIG || c->cls == C_MARK;
}

/* End of the letter/digit run starting at i; reports its make-up. */
static size_t run_end(const tokctx *t, size_t i, int *has_let, int *has_dig)
{
    *has_let = *has_dig = 0;
    while (i < t->n && is_alnum(&t->ch[i])) {
        if (t->ch[i].cls == C_LET)
            *has_let = 1;
        else if (t->ch[i].cls == C_DIG)
            *has_dig = 1;
        i++;
    }
    return i;
}

/* Word or number starting at i: runs of letters and digits joined by inner
 * connectors. Returns the end; *kind gets SEG_WORD or SEG_NUMBER. */
static size_t scan_word(const tokctx *t, size_t i, int *kind)
{
    int let, dig;
    size_t a = i;
    size_t j = run_end(t, i, &let, &dig);
    int any_let = let;
    while (j + 1 < t->n && t->ch[j].cls == C_PUN && is_alnum(&t->ch[j + 1])) {
        int rlet, rdig;
        size_t k = run_end(t, j + 1, &rlet, &rdig);
        size_t llen = j - a, rlen = k - (j + 1);
        int join = 0;
        switch (t->ch[j].sub) {
        case P_HYPHEN:
            /* из-за, 70-х, Ту-154; but ranges 1932-1933 split */
            join = let || rlet;
            break;
        case P_APOS:
            join = let && rlet && !rdig;
            break;
        case P_DOT:
            /* 10.02.2026, 1.5; Лента.ру, news.mail.ru; not т.е. */
            join = (!let && !rlet) || (let && rlet && llen >= 2 && rlen >= 2);
            break;
        case P_COMMA:
            join = !let && !rlet; /* 1,5 */
            break;
        case P_COLON:
            join = !let && !rlet && llen <= 2 && rlen == 2; /* 12:30 */
            break;
        case P_SLASH:
            join = !let && !rlet; /* 3/4 */
            break;
        case P_UNDER:
            join = 1;
            break;
        case P_AMP:
            join = let && rlet; /* AT&T */
            break;
        default:
            break;
        }
        if (!join)
            break;
        a = j + 1;
        any_let |= rlet;
        let = rlet;
        dig = rdig;
        j = k;
    }
    *kind = any_let ? SEG_WORD : SEG_NUMBER;
    return j;
}

static inline int sub_at(const tokctx *t, size_t i)
{
    return i < t->n && t->ch[i].cls == C_PUN ? t->ch[i].sub : -1;
}

/* Punctuation token starting at i. */
static size_t scan_punct(const tokctx *t, size_t i, size_t chunk_a)
{
    int s = t->ch[i].sub;
    size_t j = i + 1;
    switch (s) {
    case P_DOT:
    case P_ELLIP:
        while (sub_at(t, j) == P_DOT || sub_at(t, j) == P_ELLIP)
            j++;
        return j;
    case P_EXCL:
    case P_QUEST:
        while (sub_at(t, j) == s)
            j++;
        /* "!.." "?.." */
        if (sub_at(t, j) == P_DOT && sub_at(t, j + 1) == P_DOT) {
            while (sub_at(t, j) == P_DOT)
                j++;
        } else if (sub_at(t, j) == P_ELLIP) {
            j++;
        }
        return j;
    case P_HYPHEN:
        while (sub_at(t, j) == P_HYPHEN)
            j++;
        return j; /* "--" is a dash */
    case P_COLON:
    case P_SEMI: {
        /* smileys :) ;-( :))) */
        size_t k = j;
        if (sub_at(t, k) == P_HYPHEN)
            k++;
        int b = sub_at(t, k);
        if (b == P_BCLOSE || b == P_BOPEN) {
            uint32_t cp = t->ch[k].cp;
            if (cp == ')' || cp == '(') {
                while (k < t->n && t->ch[k].cp == cp)
                    k++;
                return k;
            }
        }
        return j;
    }
    case P_BCLOSE:
    case P_BOPEN: {
        /* ")))" as a smiley when no bracket of the other kind precedes */
        uint32_t cp = t->ch[i].cp;
        if (cp != ')' && cp != '(')
            return j;
        size_t k = j;
        while (k < t->n && t->ch[k].cp == cp)
            k++;
        if (k - i < 2)
            return j;
        uint32_t other = cp == ')' ? '(' : ')';
        for (size_t q = chunk_a; q < i; q++)
            if (t->ch[q].cp == other)
                return j;
        return k;
    }
    default:
        return j;
    }
}

static int ascii_prefix_ci(const tokctx *t, size_t i, const char *p)
{
    for (; *p; p++, i++) {
        if (i >= t->n || t->ch[i].cp >= 128 ||
            tolower((int)t->ch[i].cp) != *p)
            return 0;
    }
    return 1;
}

/* Trailing punctuation that is not part of a URL or e-mail. */
static size_t trim_trailing(const tokctx *t, size_t a, size_t b)
{
    int opens = 0;
    for (size_t q = a; q < b; q++)
        if (t->ch[q].cp == '(')
            opens++;
    while (b > a) {
        const chinfo *c = &t->ch[b - 1];
        if (c->cls != C_PUN)
            break;
        if (c->sub == P_BCLOSE && c->cp == ')' && opens > 0) {
            /* wiki/Foo_(bar) keeps its bracket */
            int closes = 0;
            for (size_t q = a; q < b; q++)
                if (t->ch[q].cp == ')')
                    closes++;
            if (closes <= opens)
                break;
        }
        if (c->sub == P_SLASH || c->sub == P_UNDER || c->sub == P_HASH)
            break;
        b--;
    }
    return b;
}

static int tokenize_chunk(tokctx *t)
{
    size_t n = t->n;
    /* 1. Only punctuation marks, standing between spaces: keep whole
     * (pre-tokenised text: ",--", "\".", "..."), unless it is a bracketed
     * mark like "(!)" or "(…)". */
    int only_pun = 1;
    for (size_t q = 0; q < n; q++)
        if (t->ch[q].cls != C_PUN) {
            only_pun = 0;
            break;
        }
    if (only_pun && n > 1 &&
        !(t->ch[0].sub == P_BOPEN && t->ch[n - 1].sub == P_BCLOSE) &&
        !(t->ch[0].sub == P_QOPEN && t->ch[n - 1].sub == P_QCLOSE))
        return push_token(t, 0, n, SEG_PUNCT);

    size_t i = 0;
    while (i < n) {
        const chinfo *c = &t->ch[i];
        size_t j;
        int kind;
        if (is_alnum(c)) {
            /* URL or e-mail starting here? */
            if (ascii_prefix_ci(t, i, "http://") ||
                ascii_prefix_ci(t, i, "https://") ||
                ascii_prefix_ci(t, i, "ftp://") ||
                ascii_prefix_ci(t, i, "www.")) {
                j = trim_trailing(t, i, n);
                if (push_token(t, i, j, SEG_URL) < 0)
                    return -1;
                i = j;
                continue;
            }
            j = scan_word(t, i, &kind);
            if (j + 1 < n && t->ch[j].sub == P_AT && t->ch[j].cls == C_PUN &&
                is_alnum(&t->ch[j + 1])) {
                /* e-mail: name@host.domain */
                size_t k = j + 1;
                int dot = 0;
                while (k < n && (is_alnum(&t->ch[k]) ||
                                 (t->ch[k].cls == C_PUN &&
                                  (t->ch[k].sub == P_DOT ||
                                   t->ch[k].sub == P_HYPHEN ||
                                   t->ch[k].sub == P_UNDER)))) {
                    if (t->ch[k].sub == P_DOT && t->ch[k].cls == C_PUN &&
                        k + 1 < n && is_alnum(&t->ch[k + 1]))
                        dot = 1;
                    k++;
                }
                if (dot) {
                    k = trim_trailing(t, i, k);
                    if (push_token(t, i, k, SEG_EMAIL) < 0)
                        return -1;
                    i = k;
                    continue;
                }
            }
            if (kind == SEG_WORD) {
                /* a domain name: letters.letters with a Latin last part */
                int dots = 0;
                for (size_t q = i; q < j; q++)
                    if (t->ch[q].cls == C_PUN && t->ch[q].sub == P_DOT)
                        dots = 1;
                if (dots && (t->ch[j - 1].fl & L_LAT))
                    kind = SEG_URL;
            }
        } else if (c->cls == C_PUN) {
            if ((c->sub == P_HASH || c->sub == P_AT) && i + 1 < n &&
                t->ch[i + 1].cls == C_LET &&
                (i == 0 || !is_alnum(&t->ch[i - 1]))) {
                j = scan_word(t, i + 1, &kind);
                kind = SEG_HASHTAG;
            } else {
                j = scan_punct(t, i, 0);
                kind = SEG_PUNCT;
            }
        } else if (c->cls == C_SYM) {
            j = i + 1;
            kind = SEG_SYMBOL;
            if (c->sub == S_LT) {
                /* markup tag <emo>, </b> */
                size_t k = i + 1;
                if (k < n && t->ch[k].cp == '/')
                    k++;
                size_t l0 = k;
                while (k < n && t->ch[k].cls == C_LET && k - l0 < 16)
                    k++;
                if (k > l0 && k < n && t->ch[k].sub == S_GT &&
                    t->ch[k].cls == C_SYM) {
                    j = k + 1;
                    kind = SEG_OTHER;
                }
            }
        } else {
            j = i + 1;
            while (j < n && (t->ch[j].cls == C_OTH || t->ch[j].cls == C_MARK))
                j++;
            kind = SEG_OTHER;
        }
        if (push_token(t, i, j, kind) < 0)
            return -1;
        i = j;
    }
    return 0;
}

static int ensure_scratch(seg_out *out, size_t n)
{
    if (n <= out->cap_scratch)
        return 0;
    size_t nc = out->cap_scratch ? out->cap_scratch : 256;
    while (nc < n)
        nc *= 2;
    void *p = realloc(out->scratch, nc * sizeof(chinfo));
    if (!p)
        return -1;
    out->scratch = p;
    out->cap_scratch = nc;
    return 0;
}

static int tokenize(const segmenter *s, const char *text, size_t len,
                    seg_out *out)
{
    out->n_tokens = 0;
    out->n_sentences = 0;
    if (ensure_scratch(out, 256) < 0)
        return -1;
    tokctx t;
    memset(&t, 0, sizeof t);
    t.s = s;
    t.text = text;
    t.out = out;
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0;
    uint32_t cp_index = 0;
    unsigned nl = 0;
    int space = 0;
    while (i < len) {
        /* skip whitespace, counting line breaks */
        unsigned l;
        uint32_t cp;
        chinfo ci;
        if (u[i] == ' ') {
            i++;
            cp_index++;
            space = 1;
            continue;
        }
        cp = decode(u + i, len - i, &l);
        classify(s, cp, &ci);
        if (ci.cls == C_SPACE || ci.cls == C_NL) {
            if (ci.cls == C_NL && !(cp == '\n' && i > 0 && u[i - 1] == '\r'))
                nl++;
            i += l;
            cp_index++;
            space = 1;
            continue;
        }
        /* a chunk: decode until whitespace */
        t.n = 0;
        t.cbase = cp_index;
        for (;;) {
            if (t.n == out->cap_scratch && ensure_scratch(out, t.n + 1) < 0)
                return -1;
            chinfo *c = (chinfo *)out->scratch + t.n;
            *c = ci;
            c->cp = cp;
            c->off = (uint32_t)i;
            c->len = (uint8_t)l;
            t.n++;
            i += l;
            cp_index++;
            if (i >= len)
                break;
            if (u[i] < 0x80) {
                cp = u[i];
                l = 1;
                ci.cls = s->ascii_cls[cp];
                ci.sub = s->ascii_sub[cp];
                ci.fl = s->ascii_fl[cp];
            } else {
                cp = decode(u + i, len - i, &l);
                classify(s, cp, &ci);
            }
            if (ci.cls == C_SPACE || ci.cls == C_NL)
                break;
        }
        t.ch = (chinfo *)out->scratch;
        t.chunk_end = (uint32_t)i;
        t.pending_flags = space ? SEG_F_SPACE_BEFORE : 0;
        t.pending_nl = (uint8_t)(nl > 255 ? 255 : nl);
        nl = 0;
        space = 0;
        if (tokenize_chunk(&t) < 0)
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* Sentences                                                                 */

typedef struct sentctx {
    const segmenter *s;
    const char *text;
    seg_out *out;
    const seg_token *tk;
    size_t n;
} sentctx;

/* first code point of a token */
static uint32_t tok_cp(const sentctx *c, size_t i, chinfo *ci)
{
    const seg_token *k = &c->tk[i];
    unsigned l;
    uint32_t cp = decode((const unsigned char *)c->text + k->start,
                         k->end - k->start, &l);
    classify(c->s, cp, ci);
    ci->cp = cp;
    return cp;
}

static int tok_punct_sub(const sentctx *c, size_t i)
{
    chinfo ci;
    if (c->tk[i].kind != SEG_PUNCT)
        return -1;
    tok_cp(c, i, &ci);
    return ci.sub;
}

/* Does the punctuation token end with / contain a terminal mark? */
static int tok_terminal(const sentctx *c, size_t i)
{
    const seg_token *k = &c->tk[i];
    if (k->kind != SEG_PUNCT)
        return 0;
    /* in a cluster like ".," or ".--" the mark after the period decides:
     * a comma, colon, semicolon or dash after it means the period belonged
     * to an abbreviation and the sentence goes on */
    const unsigned char *p = (const unsigned char *)c->text;
    int term = 0;
    for (uint32_t b = k->start; b < k->end;) {
        unsigned l;
        uint32_t cp = decode(p + b, k->end - b, &l);
        if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026)
            term = 1;
        else if (term && (cp == ',' || cp == ';' || cp == ':' || cp == '-' ||
                          cp == 0x2014 || cp == 0x2013))
            term = 0;
        b += l;
    }
    return term;
}

static int tok_is_closer(const sentctx *c, size_t i, int quote_open)
{
    int sub = tok_punct_sub(c, i);
    if (sub == P_QCLOSE || sub == P_BCLOSE)
        return 1;
    if (sub == P_QUOTE || sub == P_APOS) {
        /* attached to the previous token: closes; attached to the next one
         * only: opens; free-standing: closes if a quote is open */
        if (!(c->tk[i].flags & SEG_F_SPACE_BEFORE))
            return 1;
        if (i + 1 < c->n && !(c->tk[i + 1].flags & SEG_F_SPACE_BEFORE) &&
            c->tk[i + 1].newlines == 0)
            return 0;
        return quote_open;
    }
    return 0;
}

static int tok_len1(const sentctx *c, size_t i)
{
    return c->tk[i].cend - c->tk[i].cstart == 1;
}

static int is_roman(const sentctx *c, size_t i)
{
    const seg_token *k = &c->tk[i];
    if (k->kind != SEG_WORD || !(k->flags & SEG_F_ALL_UPPER))
        return 0;
    for (uint32_t b = k->start; b < k->end; b++) {
        char ch = c->text[b];
        if (!strchr("IVXLCM", ch))
            return 0;
    }
    return 1;
}

/* Abbreviation flags of the word chain ending with the '.' token at dot:
 * "т . е ." → "т.е.", "U . S ." → "u.s.". */
static uint8_t abbrev_at(const sentctx *c, size_t dot, size_t sent_first,
                         int *after_number, int *parts)
{
    *parts = 0;
    char key[128];
    uint8_t best = 0;
    *after_number = 0;
    size_t d = dot;
    /* collect up to 4 word+dot pairs backwards */
    size_t starts[4];
    int m = 0;
    while (m < 4 && d >= sent_first + 1 && d >= 1) {
        const seg_token *w = &c->tk[d - 1];
        const seg_token *p = &c->tk[d];
        if (w->kind != SEG_WORD || p->end - p->start != 1)
            break;
        starts[m++] = d - 1;
        if (d < 2 || d - 2 < sent_first)
            break;
        /* previous must be a '.' */
        const seg_token *pd = &c->tk[d - 2];
        if (pd->kind != SEG_PUNCT || pd->end - pd->start != 1 ||
            c->text[pd->start] != '.')
            break;
        d -= 2;
    }
    for (int q = 0; q < m; q++) {
        size_t a = starts[q];
        size_t n = lower_append(key, 0, sizeof key, c->text, c->tk[a].start,
                                c->tk[dot].end, 0);
        if (n == (size_t)-1)
            break;
        uint8_t v = strset_get(&c->s->abbrev, key, n);
        if (v) {
            best = v;
            *parts = q + 1;
            /* a number before it, maybe through other abbreviations:
             * "2008 г.", "XIX в.", "5 млрд. руб." */
            size_t k = a;
            for (int steps = 0; k > sent_first && steps < 6; steps++) {
                const seg_token *pw = &c->tk[k - 1];
                if (pw->kind == SEG_NUMBER || is_roman(c, k - 1) ||
                    (c->text[pw->start] >= '0' && c->text[pw->start] <= '9')) {
                    *after_number = 1;
                    break;
                }
                int dotp = pw->kind == SEG_PUNCT && pw->end - pw->start == 1 &&
                           c->text[pw->start] == '.';
                int abw = pw->kind == SEG_WORD &&
                          !(pw->flags & SEG_F_UPPER_INITIAL) &&
                          pw->cend - pw->cstart <= 5 && k < dot &&
                          c->tk[k].kind == SEG_PUNCT;
                if (!dotp && !abw)
                    break;
                k--;
            }
        }
    }
    return best;
}

static int push_sentence(sentctx *c, size_t first, size_t last_excl,
                         uint32_t para, int boiler)
{
    seg_out *o = c->out;
    if (last_excl <= first)
        return 0;
    if (o->n_sentences == o->cap_sentences) {
        size_t nc = o->cap_sentences ? o->cap_sentences * 2 : 64;
        seg_sentence *ns = realloc(o->sentences, nc * sizeof *ns);
        if (!ns)
            return -1;
        o->sentences = ns;
        o->cap_sentences = nc;
    }
    seg_sentence *s = &o->sentences[o->n_sentences++];
    s->start = c->tk[first].start;
    s->cstart = c->tk[first].cstart;
    s->end = c->tk[last_excl - 1].end;
    s->cend = c->tk[last_excl - 1].cend;
    s->tok_first = (uint32_t)first;
    s->tok_count = (uint32_t)(last_excl - first);
    s->paragraph = para;
    s->boilerplate = (uint8_t)boiler;
    return 0;
}

/* The end (exclusive) of a braced tag «{…}» of at most 12 tokens opening
 * the line [a, b) (alone on it or with text after it), or 0. */
static size_t braced_tag_end(const sentctx *c, size_t a, size_t b)
{
    if (c->tk[a].kind != SEG_PUNCT || c->text[c->tk[a].start] != '{') return 0;
    for (size_t q = a + 1; q < b && q < a + 12; q++)
        if (c->tk[q].end == c->tk[q].start + 1 && c->text[c->tk[q].start] == '}')
            return q + 1;
    return 0;
}

/* Is the line made of tokens [a, b) a boilerplate line? */
static int line_is_boiler(const sentctx *c, size_t a, size_t b)
{
    const segmenter *s = c->s;
    if (a >= b || (!s->boiler.n && !s->n_prefix))
        return 0;
    /* strip trailing punctuation */
    size_t e = b;
    while (e > a && c->tk[e - 1].kind == SEG_PUNCT)
        e--;
    if (e == a)
        return 0;
    uint32_t bs = c->tk[a].start, be = c->tk[e - 1].end;
    char key[512];
    if (be - bs > s->max_boiler * 2 + 64) {
        /* long: only a prefix pattern can match */
        be = bs + (uint32_t)(s->max_boiler * 2 + 64);
        /* move back to a UTF-8 boundary */
        while (be > bs && ((unsigned char)c->text[be] & 0xC0) == 0x80)
            be--;
    }
    size_t n = lower_append(key, 0, sizeof key, c->text, bs, be, 1);
    if (n == (size_t)-1)
        return 0;
    if (strset_get(&s->boiler, key, n))
        return 1;
    for (size_t p = 0; p < s->n_prefix; p++) {
        size_t pl = strlen(s->boiler_prefix[p]);
        if (pl <= n && memcmp(key, s->boiler_prefix[p], pl) == 0 &&
            (pl == n || key[pl] == ' ' || (unsigned char)key[pl] < 0x80))
            return 1;
    }
    /* menu line: three or more items separated by | or • and no terminal */
    int seps = 0;
    for (size_t q = a; q < b; q++) {
        int sub = tok_punct_sub(c, q);
        if (sub == P_BULLET || (c->tk[q].kind == SEG_SYMBOL &&
                                c->text[c->tk[q].start] == '|'))
            seps++;
        else if (tok_terminal(c, q))
            return 0;
    }
    return seps >= 2 && (b - a) <= 4 * (size_t)(seps + 1);
}

/* Kind of the first "content" token at or after i: skipping opening quotes,
 * brackets and dashes. Returns its index or n. */
static size_t next_content(const sentctx *c, size_t i)
{
    while (i < c->n && c->tk[i].kind == SEG_PUNCT) {
        int sub = tok_punct_sub(c, i);
        if (sub == P_QOPEN || sub == P_QUOTE || sub == P_BOPEN ||
            sub == P_DASH || sub == P_HYPHEN || sub == P_APOS)
            i++;
        else
            break;
    }
    return i;
}

static int starts_lower(const sentctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    chinfo ci;
    tok_cp(c, i, &ci);
    return ci.cls == C_LET && (ci.fl & L_LO);
}

static int starts_upper(const sentctx *c, size_t i)
{
    if (i >= c->n)
        return 0;
    chinfo ci;
    tok_cp(c, i, &ci);
    return ci.cls == C_LET && !(ci.fl & L_LO);
}

/* words this long are not abbreviations, whatever their last letter */
#ifndef SEG_LONGW
#define SEG_LONGW 8
#endif

/* Does the word token i look like a full word rather than a cut-off
 * abbreviation: two or more letters, the last one a vowel, ь or й? */
static int ends_like_full_word(const sentctx *c, size_t i)
{
    const seg_token *k = &c->tk[i];
    if (k->cend - k->cstart < 2 || k->end - k->start < 2)
        return 0;
    if (k->cend - k->cstart >= SEG_LONGW && !(k->flags & SEG_F_ALL_UPPER))
        return 1;
    /* last code point */
    uint32_t b = k->end - 1;
    while (b > k->start && ((unsigned char)c->text[b] & 0xC0) == 0x80)
        b--;
    unsigned l;
    uint32_t cp = decode((const unsigned char *)c->text + b, k->end - b, &l);
    if (cp >= 0x410 && cp <= 0x42F)
        cp += 32;
    switch (cp) {
    case 0x430: /* а */ case 0x435: /* е */ case 0x451: /* ё */
    case 0x438: /* и */ case 0x43E: /* о */ case 0x443: /* у */
    case 0x44B: /* ы */ case 0x44D: /* э */ case 0x44E: /* ю */
    case 0x44F: /* я */ case 0x44C: /* ь */ case 0x439: /* й */
        return 1;
    default:
        return 0;
    }
}

/* Is the '.' at t the period of an abbreviation or an initial? */
static int is_abbrev_dot(const sentctx *c, size_t t, size_t sent_first)
{
    if (t <= sent_first || c->tk[t - 1].kind != SEG_WORD)
        return 0;
    if (tok_len1(c, t - 1) && (c->tk[t - 1].flags & SEG_F_UPPER_INITIAL))
        return 1;
    int after_num, parts;
    return abbrev_at(c, t, sent_first, &after_num, &parts) != 0;
}

/* Decide whether a sentence ends after the terminal group [t, e) where t is
 * the first terminal token and e the first token after the trailer. */
static int ends_here(const sentctx *c, size_t t, size_t e, size_t sent_first)
{
    if (e >= c->n)
        return 1;
    const seg_token *nx = &c->tk[e];
    if (nx->newlines > 0)
        return 1;
    if (!(nx->flags & SEG_F_SPACE_BEFORE))
        return 0; /* "т.е.в", "5.Москва": no gap, no break */
    if (nx->kind == SEG_PUNCT) {
        int sub = tok_punct_sub(c, e);
        if (sub == P_COMMA || sub == P_SEMI || sub == P_COLON ||
            sub == P_BCLOSE || sub == P_QCLOSE || sub == P_EXCL ||
            sub == P_QUEST)
            return 0;
        if (sub == P_DOT || sub == P_ELLIP) /* "… Что" after a sentence */
            return e + 1 < c->n && starts_upper(c, e + 1) &&
                   !(c->tk[e + 1].flags & SEG_F_SPACE_BEFORE);
    }
    /* the mark itself */
    const seg_token *T = &c->tk[t];
    int plain_dot = T->end - T->start == 1 && c->text[T->start] == '.';
    size_t w = next_content(c, e);
    if (w >= c->n)
        return 1;
    if (starts_lower(c, w)) {
        /* "Иди домой! — сказал он" goes on; after a plain period the dash
         * opens a new sentence: "Иди домой. — Он ушёл." */
        int sub = tok_punct_sub(c, e);
        if (plain_dot && (sub == P_DASH || sub == P_HYPHEN) &&
            !is_abbrev_dot(c, t, sent_first))
            return 1;
        /* a period right after a full word ends the sentence even before a
         * lower-case word; abbreviations are cut before a vowel, so a word
         * ending in a vowel (or ь, й) is not one: "вчера. потом" */
        if (plain_dot && w == e && t > sent_first &&
            c->tk[t - 1].kind == SEG_WORD && ends_like_full_word(c, t - 1) &&
            !is_abbrev_dot(c, t, sent_first))
            return 1;
        return 0;
    }
    if (plain_dot && t > sent_first) {
        const seg_token *pw = &c->tk[t - 1];
        if (pw->kind == SEG_WORD) {
            int after_num, parts;
            uint8_t ab = abbrev_at(c, t, sent_first, &after_num, &parts);
            /* initials: В. В. Путин (but U.S. is an abbreviation) */
            if (tok_len1(c, t - 1) && (pw->flags & SEG_F_UPPER_INITIAL) &&
                parts < 2)
                return 0;
            if (ab & AB_END)
                return starts_upper(c, w) || c->tk[w].kind != SEG_NUMBER;
            if ((ab & AB_END_NUM) && after_num)
                return starts_upper(c, w);
            if (ab & AB_NOEND)
                return 0;
        } else if (pw->kind == SEG_NUMBER && pw->end - pw->start <= 3) {
            /* list number "1." at the start or after , ; : ( */
            if (t - 1 == sent_first)
                return 0;
            int ps = tok_punct_sub(c, t - 2);
            if (ps == P_COMMA || ps == P_SEMI || ps == P_COLON || ps == P_BOPEN)
                return 0;
        }
    }
    return 1;
}

/* Does the line starting at token i start with a list marker: a bullet, a
 * dash, or a number or letter followed by ')' or '.'? */
static int line_starts_item(const sentctx *c, size_t i)
{
    int sub = tok_punct_sub(c, i);
    if (sub == P_BULLET || sub == P_DASH || sub == P_HYPHEN)
        return 1;
    if (c->text[c->tk[i].start] == '*' && c->tk[i].end - c->tk[i].start == 1)
        return 1;
    if (i + 1 < c->n && (c->tk[i].kind == SEG_NUMBER ||
                         (c->tk[i].kind == SEG_WORD && tok_len1(c, i)))) {
        int ns = tok_punct_sub(c, i + 1);
        if (!(c->tk[i + 1].flags & SEG_F_SPACE_BEFORE) &&
            (ns == P_BCLOSE || (ns == P_DOT && c->tk[i].kind == SEG_NUMBER)))
            return 1;
    }
    return 0;
}

/* A token made of ')' only, or a smiley like ":)" ";-)" "=))". */
static int smiley_like(const sentctx *c, size_t i)
{
    const seg_token *k = &c->tk[i];
    uint32_t b = k->start;
    if (b < k->end && strchr(":;=", c->text[b]))
        b++;
    if (b < k->end && c->text[b] == '-')
        b++;
    if (b >= k->end)
        return 0;
    for (; b < k->end; b++)
        if (c->text[b] != ')')
            return 0;
    return 1;
}

static int sentences(const segmenter *s, const char *text, seg_out *out)
{
    sentctx c = {s, text, out, out->tokens, out->n_tokens};
    size_t n = c.n;
    size_t first = 0;
    uint32_t para = 0;
    int quote_open = 0, depth = 0;
    size_t i = 0;
    size_t para_tok = (size_t)-1; /* token that last opened a paragraph */
    while (i < n) {
        const seg_token *k = &c.tk[i];
        int new_para_done = para_tok == i;
        if (i > first && k->newlines > 0) {
            /* line break: end the sentence unless the line clearly goes on */
            int brk = 1;
            if (k->newlines == 1) {
                const seg_token *p = &c.tk[i - 1];
                int psub = tok_punct_sub(&c, i - 1);
                if (line_starts_item(&c, i))
                    brk = 1; /* "- пункт", "• пункт", "1) пункт" */
                else if (psub == P_COMMA || psub == P_HYPHEN ||
                         psub == P_COLON || psub == P_QOPEN ||
                         psub == P_BOPEN || psub == P_SEMI)
                    brk = 0;
                else if (starts_lower(&c, i) && p->kind != SEG_PUNCT)
                    brk = 0;
                else if (starts_lower(&c, next_content(&c, i)) &&
                         psub != P_DOT && psub != P_EXCL && psub != P_QUEST)
                    brk = 0;
            }
            if (brk) {
                if (push_sentence(&c, first, i, para, 0) < 0)
                    return -1;
                first = i;
                quote_open = 0;
                depth = 0;
            }
        }
        /* a line break on a sentence boundary starts a new paragraph */
        if (i > 0 && i == first && k->newlines > 0 && !new_para_done) {
            para++;
            para_tok = i;
        }
        if (k->newlines > 0 || i == 0) {
            /* start of a line: boilerplate? */
            size_t b = i + 1;
            while (b < n && c.tk[b].newlines == 0)
                b++;
            if (line_is_boiler(&c, i, b)) {
                if (first < i) {
                    if (push_sentence(&c, first, i, para, 0) < 0)
                        return -1;
                    para++;
                }
                if (push_sentence(&c, i, b, para, 1) < 0)
                    return -1;
                para++;
                para_tok = b;
                first = b;
                i = b;
                quote_open = 0;
                continue;
            }
            /* «{Author, Unknown} Россия …»: a braced tag opening a line is
             * markup of the source, not words of the sentence; it becomes
             * a boilerplate sentence of its own. */
            size_t close = braced_tag_end(&c, i, b);
            if (close) {
                if (first < i) {
                    if (push_sentence(&c, first, i, para, 0) < 0)
                        return -1;
                }
                if (push_sentence(&c, i, close, para, 1) < 0)
                    return -1;
                first = close;
                i = close;
                quote_open = 0;
                continue;
            }
        }
        /* quote parity, bracket depth */
        if (k->kind == SEG_PUNCT) {
            for (uint32_t q = k->start; q < k->end; q++) {
                if (text[q] == '"')
                    quote_open = !quote_open;
                else if (text[q] == '(')
                    depth++;
                else if (text[q] == ')' && depth > 0)
                    depth--;
                else if (text[q] == ')' && i + 1 < n &&
                         (c.tk[i + 1].flags & SEG_F_SPACE_BEFORE) &&
                         c.tk[i + 1].newlines == 0 && starts_upper(&c, i + 1) &&
                         smiley_like(&c, i)) {
                    /* a smiley with no open bracket ends a chat sentence:
                     * "спасибо ) Завтра" */
                    if (push_sentence(&c, first, i + 1, para, 0) < 0)
                        return -1;
                    first = i + 1;
                    depth = 0;
                    break;
                }
            }
        }
        if (tok_terminal(&c, i)) {
            size_t e = i + 1;
            while (e < n && c.tk[e].newlines == 0 &&
                   (tok_terminal(&c, e) || tok_is_closer(&c, e, quote_open))) {
                if (c.tk[e].kind == SEG_PUNCT)
                    for (uint32_t q = c.tk[e].start; q < c.tk[e].end; q++)
                        if (text[q] == '"')
                            quote_open = !quote_open;
                e++;
            }
            if (ends_here(&c, i, e, first)) {
                if (push_sentence(&c, first, e, para, 0) < 0)
                    return -1;
                first = e;
                depth = 0;
                quote_open = 0;
            }
            i = e;
            continue;
        }
        i++;
    }
    return push_sentence(&c, first, n, para, 0);
}

int segment_tokens(const segmenter *s, const char *text, size_t len,
                   seg_out *out)
{
    return tokenize(s, text, len, out);
}

int segment_text(const segmenter *s, const char *text, size_t len,
                 seg_out *out)
{
    if (tokenize(s, text, len, out) < 0)
        return -1;
    return sentences(s, text, out);
}
