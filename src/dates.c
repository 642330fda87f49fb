/* dates.c — time expressions and their ISO 8601 values (see dates.h and
 * docs/DATES.md).
 *
 * The dictionaries give every word a kind (month, weekday, relday, number,
 * unit, deictic, part, yearword, prep, ago, after, century, daypart, filler,
 * era) and a value. Here a small recursive-descent reader walks each
 * sentence token by token and tries the constructions in a fixed order at
 * every position; the first that fits wins and the scan goes on after it,
 * so expressions never overlap. Numbers are read from the digits of
 * number tokens; no word of any language is written in this file.
 */
#include "dates.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "grow.h"

enum {
    K_NONE = 0,
    K_MONTH,
    K_WEEKDAY,
    K_RELDAY,
    K_NUMBER,
    K_UNIT,
    K_DEICTIC,
    K_PART,
    K_YEARWORD,
    K_PREP,
    K_AGO,
    K_AFTER,
    K_CENTURY,
    K_DAYPART,
    K_FILLER,
    K_ERA,
    K_EVENT,
    K_FROM,
    K_TO,
    K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    NULL,  "month", "weekday", "relday",  "number", "unit", "deictic", "part", "yearword", "prep",
    "ago", "after", "century", "daypart", "filler", "era",  "event",   "from", "to"};

enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR };
enum { P_BEGIN = 1, P_MID, P_END };
enum { N_CUE = 1, N_ABBR = 2, N_EVE = 4, N_YEAR = 8, N_NUM = 16 };

/* A document reports the past: a day or month without a year that would
 * land more than this many days after the document date is last year's. */
enum { FUTURE_SLACK_DAYS = 62 };

typedef struct entry {
    uint8_t kind, notes, n;
    int value;
    uint8_t cases[LEX_MAX_WORDS];
} entry;

struct dates_dict {
    lex_trie trie;
    entry *e;
    size_t n, cap;
};

/* ---- loading ---- */

static int parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < lo || v > hi) return -1;
    *out = (int)v;
    return 0;
}

static int parse_value(int kind, const char *s, int *out)
{
    static const char *const units[] = {"day", "week", "month", "year"};
    static const char *const parts[] = {"begin", "mid", "end"};
    switch (kind) {
    case K_MONTH:
        return parse_int(s, 1, 12, out);
    case K_WEEKDAY:
        return parse_int(s, 1, 7, out);
    case K_RELDAY:
        return parse_int(s, -31, 31, out);
    case K_NUMBER:
        return parse_int(s, 1, 1000, out);
    case K_DEICTIC:
        return parse_int(s, -2, 2, out);
    case K_UNIT:
        for (int i = 0; i < 4; i++)
            if (!strcmp(s, units[i])) return *out = i + 1, 0;
        return -1;
    case K_PART:
        for (int i = 0; i < 3; i++)
            if (!strcmp(s, parts[i])) return *out = i + 1, 0;
        return -1;
    default:
        *out = 0;
        return strcmp(s, "-") ? -1 : 0;
    }
}

static int parse_notes(lex_loader *L, const lex_line *ln, const char *s, uint8_t *out)
{
    static const char *const names[] = {"cue", "abbr", "eve", "year", "num"};
    *out = 0;
    while (*s) {
        size_t n = strcspn(s, ",");
        int found = 0;
        for (int i = 0; i < 5; i++)
            if (strlen(names[i]) == n && !strncmp(s, names[i], n)) {
                *out |= (uint8_t)(1u << i);
                found = 1;
            }
        if (!found && n) return lex_error(L, ln, "unknown note '%.*s'", (int)n, s);
        s += n;
        if (*s == ',') s++;
    }
    return 0;
}

static int load_line(lex_loader *L, lex_line *ln, void *ctx)
{
    dates_dict *d = ctx;
    if (ln->n_cols < 3) return lex_error(L, ln, "want KIND<TAB>PHRASE<TAB>VALUE[<TAB>NOTES]");
    entry e;
    memset(&e, 0, sizeof e);
    for (int k = 1; k < K_COUNT; k++)
        if (!strcmp(ln->cols[0], kind_names[k])) e.kind = (uint8_t)k;
    if (!e.kind) return lex_error(L, ln, "unknown kind '%s'", ln->cols[0]);
    if (parse_value(e.kind, ln->cols[2], &e.value) != 0)
        return lex_error(L, ln, "bad value '%s' for %s", ln->cols[2], ln->cols[0]);
    if (ln->n_cols > 3 && parse_notes(L, ln, ln->cols[3], &e.notes) != 0) return -1;
    lex_phrase p;
    if (lex_compile(L, ln, ln->cols[1], &p) != 0) return -1;
    e.n = p.n;
    memcpy(e.cases, p.cases, sizeof e.cases);
    if (GROW_ROOM(d->e, d->n, d->cap, 256) != 0) return lex_error(L, ln, "out of memory");
    if (lex_trie_add(&d->trie, &p, (uint32_t)d->n) != 0) return lex_error(L, ln, "out of memory");
    d->e[d->n++] = e;
    return 0;
}

dates_dict *dates_load(lex_loader *L)
{
    dates_dict *d = calloc(1, sizeof *d);
    if (!d) {
        lex_error(L, NULL, "out of memory");
        return NULL;
    }
    lex_trie_init(&d->trie);
    if (lex_read_file(L, "ru/dates.txt", 1, load_line, d) != 0 ||
        lex_read_file(L, "en/dates.txt", 1, load_line, d) != 0) {
        dates_free(d);
        return NULL;
    }
    return d;
}

void dates_free(dates_dict *d)
{
    if (!d) return;
    lex_trie_free(&d->trie);
    free(d->e);
    free(d);
}

size_t dates_entries(const dates_dict *d)
{
    return d ? d->n : 0;
}

/* ---- matching ---- */

typedef struct scan {
    const dates_dict *d;
    const dyad_record *r;
    const lex_tok *toks;
    size_t end; /* end of the sentence being read */
    int have_doc, dy, dm, dd;
    long doc; /* the document date in days */
    /* Without a document date, the last date with a year read so far: a
     * day or month without one belongs to the narrative around it. */
    int have_anchor;
    long anchor;
} scan;

typedef struct hit {
    size_t end;
    const entry *e;
} hit;

static void walk(const scan *s, size_t start, uint32_t node, size_t j, int kind, hit *best)
{
    const lex_trie *t = &s->d->trie;
    if (j > start) {
        for (uint32_t v = lex_trie_first(t, node); v != LEX_NONE; v = lex_trie_next(t, v)) {
            const entry *e = &s->d->e[lex_trie_value(t, v)];
            if (e->kind != kind || j <= best->end) continue;
            int ok = 1;
            for (size_t k = 0; k < e->n && ok; k++)
                ok = lex_case_ok(&s->toks[start + k], e->cases[k]);
            if (ok) {
                best->end = j;
                best->e = e;
            }
        }
    }
    if (j >= s->end || j - start >= LEX_MAX_WORDS) return;
    const lex_tok *tk = &s->toks[j];
    if (tk->stem != LEX_NONE) {
        uint32_t c = lex_trie_step(t, node, tk->stem);
        if (c != LEX_NONE) walk(s, start, c, j + 1, kind, best);
    }
    if (tk->form != LEX_NONE && tk->form != tk->stem) {
        uint32_t c = lex_trie_step(t, node, tk->form);
        if (c != LEX_NONE) walk(s, start, c, j + 1, kind, best);
    }
}

/* The longest entry of this kind starting at token j. */
static int match(const scan *s, size_t j, int kind, hit *h)
{
    h->end = 0;
    h->e = NULL;
    if (j >= s->end || !s->d->trie.n_nodes) return 0;
    walk(s, j, 0, j, kind, h);
    return h->e != NULL;
}

static const rec_token *tok(const scan *s, size_t j)
{
    return &s->r->tokens[j];
}

static int is_punct(const scan *s, size_t j, char c)
{
    if (j >= s->end) return 0;
    const rec_token *t = tok(s, j);
    return t->kind == SEG_PUNCT && t->norm[0] == c && t->norm[1] == '\0';
}

static int spaced(const scan *s, size_t j)
{
    return (tok(s, j)->flags & SEG_F_SPACE_BEFORE) != 0;
}

/* The end of entry h, taking the period of an abbreviation along. */
static size_t hit_end(const scan *s, const hit *h)
{
    size_t e = h->end;
    if ((h->e->notes & N_ABBR) && is_punct(s, e, '.') && !spaced(s, e)) e++;
    return e;
}

/* A number token of plain digits: its value and digit count. */
static int digits_tok(const scan *s, size_t j, int *v, int *nd)
{
    if (j >= s->end) return 0;
    const rec_token *t = tok(s, j);
    if (t->kind != SEG_NUMBER) return 0;
    int val = 0, n = 0;
    for (const char *p = t->norm; *p; p++, n++) {
        if (*p < '0' || *p > '9' || n >= 9) return 0;
        val = val * 10 + (*p - '0');
    }
    if (!n) return 0;
    *v = val;
    *nd = n;
    return 1;
}

/* A day of the month: 1–2 digits, or an ordinal like 3rd (digits and two
 * Latin letters). */
static int day_tok(const scan *s, size_t j, int *day)
{
    int v, nd;
    if (digits_tok(s, j, &v, &nd)) {
        if (nd > 2 || v < 1 || v > 31) return 0;
        *day = v;
        return 1;
    }
    if (j >= s->end || tok(s, j)->kind != SEG_WORD) return 0;
    const char *p = tok(s, j)->norm;
    v = 0;
    nd = 0;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0'), nd++;
    if (nd < 1 || nd > 2 || v < 1 || v > 31) return 0;
    if (!(p[0] >= 'a' && p[0] <= 'z' && p[1] >= 'a' && p[1] <= 'z' && !p[2])) return 0;
    *day = v;
    return 1;
}

/* A year written as four digits, 1000–2199. */
static int year_tok(const scan *s, size_t j, int *y)
{
    int v, nd;
    if (!digits_tok(s, j, &v, &nd) || nd != 4 || v < 1000 || v > 2199) return 0;
    *y = v;
    return 1;
}

/* A count before a unit: a small number in digits or a number word. */
static int count_at(const scan *s, size_t j, int *n, size_t *end)
{
    int v, nd;
    if (digits_tok(s, j, &v, &nd) && nd <= 3 && v >= 1) {
        *n = v;
        *end = j + 1;
        return 1;
    }
    hit h;
    if (match(s, j, K_NUMBER, &h)) {
        *n = h.e->value;
        *end = h.end;
        return 1;
    }
    return 0;
}

/* ---- values ---- */

typedef struct res {
    size_t end;
    char value[24];
    uint8_t kind;
} res;

/* Writes the value (vsnprintf: years are bounded by the calendar anyway). */
static void setv(res *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void setv(res *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->value, sizeof o->value, fmt, ap);
    va_end(ap);
}

static int unresolved(res *o, size_t end)
{
    o->end = end;
    o->value[0] = '\0';
    o->kind = DATEX_UNRESOLVED;
    return 1;
}

static int put_day(res *o, size_t end, long days, int kind)
{
    int y, m, d;
    cal_from_days(days, &y, &m, &d);
    o->end = end;
    setv(o, "%04d-%02d-%02d", y, m, d);
    o->kind = (uint8_t)kind;
    return 1;
}

static int put_month(res *o, size_t end, int y, int m, int kind)
{
    o->end = end;
    setv(o, "%04d-%02d", y, m);
    o->kind = (uint8_t)kind;
    return 1;
}

static int put_year(res *o, size_t end, int y, int kind)
{
    o->end = end;
    setv(o, "%04d", y);
    o->kind = (uint8_t)kind;
    return 1;
}

/* ISO 8601 week of a day: the week belongs to the year of its Thursday. */
static int put_week(res *o, size_t end, long days, int kind)
{
    int y, m, d;
    cal_from_days(days, &y, &m, &d);
    long thursday = days - cal_weekday(y, m, d) + 3;
    cal_from_days(thursday, &y, &m, &d);
    long week = (thursday - cal_to_days(y, 1, 1)) / 7 + 1;
    o->end = end;
    setv(o, "%04d-W%02ld", y, week);
    o->kind = (uint8_t)kind;
    return 1;
}

/* The year of a month (and day) written without one: the document's, or
 * the one before when that would put it well after the document date. */
static int infer_year(const scan *s, int m, int d)
{
    if (!s->have_doc) {
        /* The year that puts it nearest the last dated event: «15 ноября»
         * after «в ноябре 2010 года» is 2010, «24 января» then is 2011. */
        int ay, am, ad;
        cal_from_days(s->anchor, &ay, &am, &ad);
        int best = ay;
        long gap = -1;
        for (int y = ay - 1; y <= ay + 1; y++) {
            /* A narrative moves on: a later date counts half as far. */
            long g = cal_to_days(y, m, d ? d : 1) - s->anchor;
            g = g < 0 ? -g : g / 2;
            if (gap < 0 || g < gap) {
                gap = g;
                best = y;
            }
        }
        return best;
    }
    int y = s->dy;
    if (cal_to_days(y, m, d ? d : 1) > s->doc + FUTURE_SLACK_DAYS) y--;
    return y;
}

/* The document date moved by n units. */
static int put_shift(const scan *s, res *o, size_t end, int unit, int n)
{
    if (!s->have_doc && s->have_anchor && unit == U_YEAR) {
        /* в этом году, в прошлом году: the year of the narrative */
        int ay, am, ad;
        cal_from_days(s->anchor, &ay, &am, &ad);
        return put_year(o, end, ay + n, DATEX_RELATIVE);
    }
    if (!s->have_doc) return unresolved(o, end);
    switch (unit) {
    case U_DAY:
        return put_day(o, end, s->doc + n, DATEX_RELATIVE);
    case U_WEEK:
        return put_week(o, end, s->doc + 7L * n, DATEX_RELATIVE);
    case U_MONTH: {
        long mm = (long)s->dy * 12 + (s->dm - 1) + n;
        return put_month(o, end, (int)(mm / 12), (int)(mm % 12) + 1, DATEX_RELATIVE);
    }
    default:
        return put_year(o, end, s->dy + n, DATEX_RELATIVE);
    }
}

/* A weekday (1 = Monday) seen from the document date: the latest one on or
 * before it (dir 0), strictly before it (dir < 0), strictly after (dir > 0). */
static int put_weekday(const scan *s, res *o, size_t end, int wd, int dir)
{
    if (!s->have_doc) return unresolved(o, end);
    int today = cal_weekday(s->dy, s->dm, s->dd);
    if (dir > 0) {
        int ahead = (wd - 1 - today + 7) % 7;
        return put_day(o, end, s->doc + (ahead ? ahead : 7), DATEX_RELATIVE);
    }
    int back = (today - (wd - 1) + 7) % 7;
    if (dir < 0 && back == 0) back = 7;
    return put_day(o, end, s->doc - back, DATEX_RELATIVE);
}

/* ---- constructions ---- */

/* The words that may follow a day expression: вечером, morning. */
static size_t take_daypart(const scan *s, size_t e)
{
    hit h;
    return match(s, e, K_DAYPART, &h) ? h.end : e;
}

/* A year after a month or a day: 2022 [году | г.]. */
static int year_tail(const scan *s, size_t e, int *y, size_t *end)
{
    if (!year_tok(s, e, y)) return 0;
    e++;
    hit h;
    if (match(s, e, K_YEARWORD, &h)) e = hit_end(s, &h);
    *end = e;
    return 1;
}

/* 10.02.2026 in one token; 2026-02-10 in five. */
static int p_numeric(const scan *s, size_t j, res *o)
{
    const rec_token *t = tok(s, j);
    if (t->kind != SEG_NUMBER) return 0;
    int f[3] = {0, 0, 0}, w[3] = {0, 0, 0}, k = 0;
    for (const char *p = t->norm; *p; p++) {
        if (*p == '.') {
            if (++k > 2) return 0;
        } else if (*p >= '0' && *p <= '9') {
            if (++w[k] > 4) return 0;
            f[k] = f[k] * 10 + (*p - '0');
        } else {
            return 0;
        }
    }
    if (k == 2) {
        if (w[0] > 2 || w[1] > 2 || w[2] != 4 || f[2] < 1000 || f[2] > 2199) return 0;
        if (f[1] < 1 || f[1] > 12 || f[0] < 1 || f[0] > cal_days_in_month(f[2], f[1])) return 0;
        return put_day(o, j + 1, cal_to_days(f[2], f[1], f[0]), DATEX_ABSOLUTE);
    }
    int y, m, d, nd;
    if (k == 0 && year_tok(s, j, &y) && is_punct(s, j + 1, '-') && !spaced(s, j + 1) &&
        j + 4 < s->end && digits_tok(s, j + 2, &m, &nd) && nd == 2 && !spaced(s, j + 2) &&
        is_punct(s, j + 3, '-') && !spaced(s, j + 3) && digits_tok(s, j + 4, &d, &nd) && nd == 2 &&
        !spaced(s, j + 4) && m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m))
        return put_day(o, j + 5, cal_to_days(y, m, d), DATEX_ABSOLUTE);
    return 0;
}

/* A day and month with an optional year; y = 0 when absent. */
static int day_value(const scan *s, res *o, size_t end, int y, int m, int d1, int d2)
{
    int kind = DATEX_ABSOLUTE;
    if (!y) {
        if (!s->have_doc && !s->have_anchor) return unresolved(o, end);
        y = infer_year(s, m, d1);
        kind = DATEX_RELATIVE;
    }
    if (d1 > cal_days_in_month(y, m) || d2 > cal_days_in_month(y, m)) return 0;
    put_day(o, end, cal_to_days(y, m, d1), kind);
    if (d2) {
        setv(o, "%04d-%02d-%02d/%04d-%02d-%02d", y, m, d1, y, m, d2);
    }
    return 1;
}

/* 10 февраля [2026 г.], 10–12 февраля, 3 March 2022. */
static int p_dayfirst(const scan *s, size_t j, res *o)
{
    int d1, d2 = 0, y = 0;
    if (!day_tok(s, j, &d1)) return 0;
    size_t e = j + 1;
    if (is_punct(s, e, '-') && day_tok(s, e + 1, &d2) && d2 > d1)
        e += 2;
    else
        d2 = 0;
    hit h;
    if (!match(s, e, K_MONTH, &h)) return 0;
    int m = h.e->value;
    e = hit_end(s, &h);
    size_t ye;
    if (year_tail(s, e, &y, &ye)) e = ye;
    return day_value(s, o, e, y, m, d1, d2);
}

/* March 3[, 2022] (Latin script), марте 2022 года, March 2022, в марте. */
static int p_monthfirst(const scan *s, size_t j, int cue, res *o)
{
    hit h;
    if (!match(s, j, K_MONTH, &h)) return 0;
    int m = h.e->value, y = 0, d;
    size_t e = hit_end(s, &h), ye;
    if (year_tail(s, e, &y, &ye)) return put_month(o, ye, y, m, DATEX_ABSOLUTE);
    if ((s->toks[j].flags & SEG_F_LATIN) && day_tok(s, e, &d)) {
        e++;
        size_t c = is_punct(s, e, ',') ? e + 1 : e;
        if (year_tail(s, c, &y, &ye)) e = ye;
        return day_value(s, o, e, y, m, d, 0);
    }
    hit dx, u;
    if (match(s, e, K_DEICTIC, &dx) && match(s, dx.end, K_UNIT, &u) && u.e->value == U_YEAR) {
        /* в мае прошлого года, in January next year */
        if (!s->have_doc) return unresolved(o, u.end);
        return put_month(o, u.end, s->dy + dx.e->value, m, DATEX_RELATIVE);
    }
    if ((h.e->notes & N_CUE) && !cue) return 0;
    if (!s->have_doc && !s->have_anchor) return unresolved(o, e);
    return put_month(o, e, infer_year(s, m, 0), m, DATEX_RELATIVE);
}

/* A full date right after a weekday (в среду, 11 февраля; Wednesday, Feb. 11):
 * it gives the value, and the expression runs to its end. */
static int weekday_date(const scan *s, size_t e, res *o)
{
    size_t c = is_punct(s, e, ',') ? e + 1 : e;
    if (c >= s->end) return 0;
    if (p_dayfirst(s, c, o)) return 1;
    return (s->toks[c].flags & SEG_F_LATIN) && p_monthfirst(s, c, 0, o) && strlen(o->value) == 10;
}

/* прошлой неделе, last year, в прошлый понедельник. */
static int p_deictic(const scan *s, size_t j, res *o)
{
    hit h, u;
    if (!match(s, j, K_DEICTIC, &h)) return 0;
    int k = h.e->value;
    if (match(s, h.end, K_UNIT, &u) && u.e->value != U_DAY)
        return put_shift(s, o, u.end, u.e->value, k);
    if (match(s, h.end, K_WEEKDAY, &u)) {
        size_t e = take_daypart(s, u.end);
        return weekday_date(s, e, o) || put_weekday(s, o, e, u.e->value, k);
    }
    return 0;
}

/* в начале января, в конце прошлого года, early 2022, the end of the year. */
static int p_part(const scan *s, size_t j, res *o)
{
    hit h, f;
    if (!match(s, j, K_PART, &h)) return 0;
    size_t e = h.end;
    while (match(s, e, K_FILLER, &f)) e = f.end;
    int y;
    size_t ye;
    if (year_tail(s, e, &y, &ye)) return put_year(o, ye, y, DATEX_ABSOLUTE);
    if (p_monthfirst(s, e, 1, o) || p_deictic(s, e, o)) return 1;
    if (match(s, e, K_UNIT, &f) && f.e->value != U_DAY)
        return put_shift(s, o, f.end, f.e->value, 0);
    return 0;
}

/* вчера [вечером], накануне, yesterday. */
static int p_relday(const scan *s, size_t j, res *o)
{
    hit h, x;
    if (!match(s, j, K_RELDAY, &h)) return 0;
    size_t e = h.end;
    /* накануне [президентских] выборов: the eve of an event, not the day before */
    for (size_t k = e; (h.e->notes & N_EVE) && k < e + 2 && k < s->end; k++) {
        if (tok(s, k)->kind != SEG_WORD) break;
        if (match(s, k, K_EVENT, &x)) return unresolved(o, x.end);
    }
    e = take_daypart(s, e);
    return put_shift(s, o, e, U_DAY, h.e->value);
}

/* в понедельник, on Monday [evening], Wednesday, Feb. 11 (the date wins). */
static int p_weekday(const scan *s, size_t j, int cue, res *o)
{
    hit h;
    if (!match(s, j, K_WEEKDAY, &h)) return 0;
    size_t e = take_daypart(s, h.end);
    if (weekday_date(s, e, o)) return 1;
    if ((h.e->notes & N_CUE) && !cue) return 0;
    return put_weekday(s, o, e, h.e->value, 0);
}

/* [два] дня назад, three days ago. */
static int p_ago(const scan *s, size_t j, res *o)
{
    int n = 1;
    size_t e = j;
    int counted = count_at(s, j, &n, &e);
    hit u, a;
    if (!match(s, e, K_UNIT, &u) || !match(s, u.end, K_AGO, &a)) return 0;
    if ((a.e->notes & N_NUM) && !counted) return 0;
    return put_shift(s, o, a.end, u.e->value, -n);
}

/* через [два] дня, in two weeks. */
static int p_after(const scan *s, size_t j, res *o)
{
    hit h, u;
    if (!match(s, j, K_AFTER, &h)) return 0;
    int n = 1;
    size_t e = h.end;
    int counted = count_at(s, e, &n, &e);
    if ((h.e->notes & N_NUM) && !counted) return 0;
    if (!match(s, e, K_UNIT, &u)) return 0;
    return put_shift(s, o, u.end, u.e->value, n);
}

/* 2022 году, 2022 г., in 2022, 2022–2023 гг., 2022–2023. */
static int p_year(const scan *s, size_t j, int ycue, res *o)
{
    int y1, y2 = 0, nd;
    hit h;
    if (!year_tok(s, j, &y1)) {
        /* A far year (в 2242 году) needs its year word. */
        if (!digits_tok(s, j, &y1, &nd) || nd != 4 || y1 < 1000 || !match(s, j + 1, K_YEARWORD, &h))
            return 0;
        put_year(o, hit_end(s, &h), y1, DATEX_ABSOLUTE);
        return 1;
    }
    size_t e = j + 1;
    int tight = 0;
    if (is_punct(s, e, '-') && year_tok(s, e + 1, &y2) && y2 > y1) {
        tight = !spaced(s, e) && !spaced(s, e + 1);
        e += 2;
    } else {
        y2 = 0;
    }
    if (match(s, e, K_YEARWORD, &h))
        e = hit_end(s, &h);
    else if (!ycue && !(y2 && tight))
        return 0;
    put_year(o, e, y1, DATEX_ABSOLUTE);
    if (y2) setv(o, "%04d/%04d", y1, y2);
    return 1;
}

/* в XX веке, 20th century: unresolved. */
static int p_century(const scan *s, size_t j, res *o)
{
    if (j >= s->end) return 0;
    const rec_token *t = tok(s, j);
    int ok = 0, d;
    if (t->kind == SEG_WORD && (t->flags & SEG_F_ALL_UPPER)) {
        ok = 1;
        for (const unsigned char *p = (const unsigned char *)t->norm; *p && ok; p++) {
            if (*p == 'i' || *p == 'v' || *p == 'x' || *p == 'l' || *p == 'c') continue;
            /* Cyrillic х (U+0445), often typed for the Roman X */
            if (p[0] == 0xD1 && p[1] == 0x85) {
                p++;
                continue;
            }
            ok = 0;
        }
    } else {
        ok = day_tok(s, j, &d);
    }
    hit h;
    if (!ok || !match(s, j + 1, K_CENTURY, &h)) return 0;
    return unresolved(o, h.end);
}

/* в 1990-х годах, 1990-е годы: a decade, unresolved. */
static int p_decade(const scan *s, size_t j, res *o)
{
    if (j >= s->end || tok(s, j)->kind != SEG_WORD) return 0;
    const char *p = tok(s, j)->norm;
    int nd = 0;
    while (p[nd] >= '0' && p[nd] <= '9') nd++;
    if (nd < 3 || nd > 4 || p[nd - 1] != '0' || p[nd] != '-') return 0;
    size_t rest = strlen(p + nd + 1);
    if (rest < 1 || rest > 4) return 0;
    for (const char *q = p + nd + 1; *q; q++)
        if ((*q >= '0' && *q <= '9') || *q == '-') return 0;
    hit h;
    if (!match(s, j + 1, K_YEARWORD, &h)) return 0;
    return unresolved(o, hit_end(s, &h));
}

/* с 1 по 3 марта, с 2014 по 2022 год, from 2020 to 2022, between 2020 and 2022. */
static int p_fromto(const scan *s, size_t i, res *o)
{
    hit f, t, h;
    if (!match(s, i, K_FROM, &f)) return 0;
    size_t e = f.end;
    int a, b;
    if (year_tok(s, e, &a) && match(s, e + 1, K_TO, &t) && year_tok(s, t.end, &b) && b > a) {
        e = t.end + 1;
        if (match(s, e, K_YEARWORD, &h)) e = hit_end(s, &h);
        put_year(o, e, a, DATEX_ABSOLUTE);
        setv(o, "%04d/%04d", a, b);
        return 1;
    }
    if (day_tok(s, e, &a) && match(s, e + 1, K_TO, &t) && day_tok(s, t.end, &b) && b > a &&
        match(s, t.end + 1, K_MONTH, &h)) {
        int m = h.e->value, y = 0;
        e = hit_end(s, &h);
        size_t ye;
        if (year_tail(s, e, &y, &ye)) e = ye;
        return day_value(s, o, e, y, m, a, b);
    }
    return 0;
}

/* One time expression starting at token i, or 0. */
static int parse_at(const scan *s, size_t i, res *o)
{
    /* Every expression opens with a number or a word of the dictionary:
     * most tokens are answered here. */
    const lex_tok *t = &s->toks[i];
    if (s->r->tokens[i].kind != SEG_NUMBER && lex_trie_step(&s->d->trie, 0, t->stem) == LEX_NONE &&
        lex_trie_step(&s->d->trie, 0, t->form) == LEX_NONE)
        return 0;
    hit h;
    if (match(s, i, K_ERA, &h)) return unresolved(o, h.end);
    if (p_fromto(s, i, o) || p_after(s, i, o) || p_relday(s, i, o)) return 1;
    size_t j = i;
    int cue = 0, ycue = 0;
    if (match(s, j, K_PREP, &h)) {
        j = h.end;
        cue = 1;
        ycue = (h.e->notes & N_YEAR) != 0;
    }
    while (match(s, j, K_FILLER, &h)) j = h.end;
    if (j >= s->end) return 0;
    return p_numeric(s, j, o) || p_dayfirst(s, j, o) || p_part(s, j, o) ||
           p_monthfirst(s, j, cue, o) || p_relday(s, j, o) || p_deictic(s, j, o) ||
           p_weekday(s, j, cue, o) || p_ago(s, j, o) || p_year(s, j, ycue, o) ||
           p_century(s, j, o) || p_decade(s, j, o);
}

/* Makes the start of an absolute value (2010, 2010-11, 2010-11-15, or a
 * range's first end) the narrative anchor. */
static void set_anchor(scan *s, const char *value)
{
    int y = 0, m = 1, d = 1;
    if (sscanf(value, "%4d-%2d-%2d", &y, &m, &d) < 1 || y < 1 || value[4] == 'W') return;
    if (m < 1 || m > 12) m = 1;
    if (d < 1 || d > cal_days_in_month(y, m)) d = 1;
    s->anchor = cal_to_days(y, m, d);
    s->have_anchor = 1;
}

int dates_find(const dates_dict *d, dyad_record *r, const lex_tok *toks)
{
    r->dates = NULL;
    r->n_dates = 0;
    if (!d) return 0;
    scan s = {.d = d, .r = r, .toks = toks};
    if (r->date && cal_parse_iso(r->date, strlen(r->date), &s.dy, &s.dm, &s.dd) == 0) {
        s.have_doc = 1;
        s.doc = cal_to_days(s.dy, s.dm, s.dd);
    }
    /* Without a document date, a day or month named before any date with a
     * year takes its year from the first one in the text. */
    for (size_t si = 0; !s.have_doc && !s.have_anchor && si < r->n_sentences; si++) {
        const rec_sentence *sen = &r->sentences[si];
        s.end = (size_t)sen->tok_first + sen->tok_count;
        if (s.end > r->n_tokens) s.end = r->n_tokens;
        for (size_t i = sen->tok_first; i < s.end && !s.have_anchor;) {
            res o;
            if (!parse_at(&s, i, &o) || o.end <= i) {
                i++;
                continue;
            }
            if (o.kind == DATEX_ABSOLUTE) set_anchor(&s, o.value);
            i = o.end;
        }
    }
    rec_date *out = NULL;
    size_t n = 0, cap = 0;
    for (size_t si = 0; si < r->n_sentences; si++) {
        const rec_sentence *sen = &r->sentences[si];
        s.end = (size_t)sen->tok_first + sen->tok_count;
        if (s.end > r->n_tokens) s.end = r->n_tokens;
        for (size_t i = sen->tok_first; i < s.end;) {
            res o;
            if (!parse_at(&s, i, &o) || o.end <= i) {
                i++;
                continue;
            }
            if (GROW_ROOM(out, n, cap, 16) != 0) {
                free(out);
                return -1;
            }
            rec_date *x = &out[n++];
            memset(x, 0, sizeof *x);
            x->sentence = (uint32_t)si;
            x->tok_first = (uint32_t)i;
            x->tok_end = (uint32_t)o.end;
            memcpy(x->value, o.value, sizeof x->value);
            x->kind = o.kind;
            i = o.end;
            if (!s.have_doc && o.kind == DATEX_ABSOLUTE) set_anchor(&s, o.value);
        }
    }
    if (n) {
        r->dates = arena_calloc(&r->mem, n, sizeof *r->dates);
        if (!r->dates) {
            free(out);
            return -1;
        }
        if (n) memcpy(r->dates, out, n * sizeof *out);
        r->n_dates = n;
    }
    free(out);
    return 0;
}

/* ---- clauses ---- */

static int clause_break(const dyad_record *r, size_t j)
{
    const rec_token *t = &r->tokens[j];
    if (t->kind != SEG_PUNCT || !t->norm || !t->norm[0] || t->norm[1]) return 0;
    switch (t->norm[0]) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
        return 1;
    case '-':
        return (t->flags & SEG_F_SPACE_BEFORE) != 0; /* a dash, not a range */
    default:
        return 0;
    }
}

const rec_date *dates_for_clause(const dyad_record *r, uint32_t s, uint32_t tok_first,
                                 uint32_t tok_end)
{
    if (!r || s >= r->n_sentences) return NULL;
    const rec_sentence *sen = &r->sentences[s];
    size_t sf = sen->tok_first, se = sen->tok_first + sen->tok_count;
    if (se > r->n_tokens) se = r->n_tokens;
    size_t tf = tok_first < sf ? sf : tok_first, te = tok_end > se ? se : tok_end;
    if (te < tf) te = tf;
    size_t cf = tf, ce = te;
    while (cf > sf && !clause_break(r, cf - 1)) cf--;
    while (ce < se && !clause_break(r, ce)) ce++;
    const rec_date *best = NULL;
    int best_in = 0;
    size_t best_dist = 0;
    for (size_t i = 0; i < r->n_dates; i++) {
        const rec_date *d = &r->dates[i];
        if (d->sentence != s || !d->value[0]) continue;
        int in = d->tok_first < ce && d->tok_end > cf;
        size_t dist = d->tok_end <= tf     ? tf - d->tok_end
                      : d->tok_first >= te ? d->tok_first - te
                                           : 0;
        if (!best || in > best_in || (in == best_in && dist < best_dist)) {
            best = d;
            best_in = in;
            best_dist = dist;
        }
    }
    return best;
}
