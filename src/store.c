/* store.c — the store (store.h): schema, idempotent ingest, story dedup,
 * questions and exports, written once over the backend seam.
 *
 * Everything here speaks SQL common to SQLite and PostgreSQL through a
 * store_backend; the differences live in a store_dialect. The search
 * tokenizer (dyad's segmenter, folding and stems) is here too, so every
 * backend indexes words the way the coder matches them.
 */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "calendar.h"
#include "ingest.h"
#include "record.h"
#include "segment.h"
#include "text.h"
#include "utf8.h"
#include "grow.h"

#ifndef DYAD_DICT_DIR_DEFAULT
#define DYAD_DICT_DIR_DEFAULT "dict"
#endif

enum { SCHEMA_VERSION = 1, DEFAULT_BATCH = 200 };

/* ---- statements prepared once per store ---- */

enum {
    ST_DOC_BY_ID,
    ST_DOC_BY_HASH,
    ST_DOC_INSERT,
    ST_SENT_INSERT,
    ST_ACTOR_INSERT,
    ST_MENTION_INSERT,
    ST_STORY_UPSERT,
    ST_EVENT_INSERT,
    ST_STORY_RECOUNT,
    ST_STORY_ADD,
    ST_STORY_DROP_EMPTY,
    ST_DOC_STORIES,
    ST_DEL_EVENTS,
    ST_DEL_MENTIONS,
    ST_DEL_ACTORS,
    ST_DEL_SENTENCES,
    ST_DEL_QUOTES,
    ST_DOC_GET,
    ST_DOC_UPDATE,
    ST_QUOTE_INSERT,
    ST_COUNT
};

static const char *const STMT_SQL[ST_COUNT] = {
    [ST_DOC_BY_ID] = "SELECT key FROM documents WHERE id = ?1",
    [ST_DOC_BY_HASH] = "SELECT key FROM documents WHERE text_hash = ?1",
    [ST_DOC_INSERT] =
        "INSERT INTO documents (id, date, url, outlet, title, lang, lang_detected, text, "
        "text_hash, coded_at, dict_version, n_sentences, n_tokens, tone) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
        "ON CONFLICT DO NOTHING RETURNING key",
    [ST_SENT_INSERT] = "INSERT INTO sentences (doc, i, paragraph, boilerplate, span_start, "
                       "span_end, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING key",
    [ST_ACTOR_INSERT] = "INSERT INTO actors (doc, i, name, code, type, entry, n_mentions) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [ST_MENTION_INSERT] =
        "INSERT INTO mentions (doc, i, actor, sentence, span_start, span_end, text, code, how, "
        "entry) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [ST_STORY_UPSERT] =
        "INSERT INTO stories (date, source, target, code, source_country, target_country, "
        "source_name, target_name, root, base, quad, goldstein, num_mentions, num_sources, "
        "num_articles, is_root) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, "
        "0, 0, 0) ON CONFLICT (date, source, target, code) DO UPDATE SET num_mentions = "
        "stories.num_mentions RETURNING id",
    [ST_EVENT_INSERT] =
        "INSERT INTO events (doc, i, story, date, code, root, quad, goldstein, source_code, "
        "source_country, source_name, source_implicit, source_actor, target_code, "
        "target_country, target_name, target_implicit, target_actor, sentence, evidence, "
        "modality, negated, pattern, date_text, date_from, outlet) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
        "?24, ?25, (SELECT outlet FROM documents WHERE key = ?1))",
    [ST_STORY_RECOUNT] =
        "UPDATE stories SET "
        "num_mentions = (SELECT count(*) FROM events WHERE story = ?1), "
        "num_articles = (SELECT count(DISTINCT doc) FROM events WHERE story = ?1), "
        "num_sources = (SELECT count(DISTINCT outlet) FROM events WHERE story = ?1), "
        "is_root = (SELECT CASE WHEN min(sentence) < 3 THEN 1 ELSE 0 END FROM events "
        "WHERE story = ?1), "
        "first_doc = (SELECT min(doc) FROM events WHERE story = ?1) "
        "WHERE id = ?1",
    [ST_STORY_DROP_EMPTY] = "DELETE FROM stories WHERE id = ?1 AND num_mentions = 0",
    /* A new document's share of a story, counted from its own events only:
     * a story reported a hundred thousand times costs no more to extend than
     * a new one. */
    [ST_STORY_ADD] =
        "UPDATE stories SET "
        "num_mentions = num_mentions + (SELECT count(*) FROM events WHERE doc = ?2 AND story = ?1), "
        "num_articles = num_articles + 1, "
        "num_sources = num_sources + CASE WHEN EXISTS (SELECT 1 FROM events WHERE story = ?1 AND "
        "outlet = (SELECT outlet FROM documents WHERE key = ?2) AND doc <> ?2) THEN 0 ELSE 1 END, "
        "is_root = CASE WHEN (SELECT min(sentence) FROM events WHERE doc = ?2 AND story = ?1) < 3 "
        "THEN 1 ELSE is_root END, "
        "first_doc = CASE WHEN first_doc IS NULL OR ?2 < first_doc THEN ?2 ELSE first_doc END "
        "WHERE id = ?1",
    [ST_DOC_STORIES] = "SELECT DISTINCT story FROM events WHERE doc = ?1",
    [ST_DEL_EVENTS] = "DELETE FROM events WHERE doc = ?1",
    [ST_DEL_MENTIONS] = "DELETE FROM mentions WHERE doc = ?1",
    [ST_DEL_ACTORS] = "DELETE FROM actors WHERE doc = ?1",
    [ST_DEL_SENTENCES] = "DELETE FROM sentences WHERE doc = ?1",
    [ST_DEL_QUOTES] = "DELETE FROM quotes WHERE doc = ?1",
    [ST_DOC_GET] = "SELECT id, date, url, title, lang, lang_detected, text FROM documents "
                   "WHERE key = ?1",
    [ST_DOC_UPDATE] = "UPDATE documents SET lang = ?2, coded_at = ?3, dict_version = ?4, "
                      "n_sentences = ?5, n_tokens = ?6 WHERE key = ?1",
    [ST_QUOTE_INSERT] =
        "INSERT INTO quotes (doc, i, sentence, sentence_last, speaker, speaker_norm, "
        "speaker_code, speaker_actor, verb, text, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11)",
};

/* The schema: {PK} and {REAL} come from the dialect. Every statement is
 * idempotent so opening an existing store is harmless. */
static const char *const SCHEMA_SQL =
    "CREATE TABLE IF NOT EXISTS meta (\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS documents (\n"
    "  key {PK},\n"
    "  id TEXT NOT NULL UNIQUE,\n"
    "  date TEXT,\n"
    "  url TEXT,\n"
    "  outlet TEXT NOT NULL,\n"
    "  title TEXT,\n"
    "  lang TEXT NOT NULL,\n"
    "  lang_detected {INT} NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  text_hash TEXT NOT NULL UNIQUE,\n"
    "  coded_at TEXT NOT NULL,\n"
    "  dict_version TEXT NOT NULL,\n"
    "  n_sentences {INT} NOT NULL,\n"
    "  n_tokens {INT} NOT NULL,\n"
    "  tone {REAL});\n"
    "CREATE INDEX IF NOT EXISTS documents_date ON documents (date);\n"
    "CREATE TABLE IF NOT EXISTS sentences (\n"
    "  key {PK},\n"
    "  doc {INT} NOT NULL REFERENCES documents (key),\n"
    "  i {INT} NOT NULL,\n"
    "  paragraph {INT} NOT NULL,\n"
    "  boilerplate {INT} NOT NULL,\n"
    "  span_start {INT} NOT NULL,\n"
    "  span_end {INT} NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE (doc, i));\n"
    "CREATE TABLE IF NOT EXISTS actors (\n"
    "  doc {INT} NOT NULL REFERENCES documents (key),\n"
    "  i {INT} NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  type {INT} NOT NULL,\n"
    "  entry TEXT,\n"
    "  n_mentions {INT} NOT NULL,\n"
    "  PRIMARY KEY (doc, i));\n"
    "CREATE INDEX IF NOT EXISTS actors_code ON actors (code);\n"
    "CREATE TABLE IF NOT EXISTS mentions (\n"
    "  doc {INT} NOT NULL REFERENCES documents (key),\n"
    "  i {INT} NOT NULL,\n"
    "  actor {INT} NOT NULL,\n"
    "  sentence {INT} NOT NULL,\n"
    "  span_start {INT} NOT NULL,\n"
    "  span_end {INT} NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  how {INT} NOT NULL,\n"
    "  entry TEXT,\n"
    "  PRIMARY KEY (doc, i));\n"
    "CREATE TABLE IF NOT EXISTS stories (\n"
    "  id {PK},\n"
    "  date TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  source_country TEXT NOT NULL,\n"
    "  target_country TEXT NOT NULL,\n"
    "  source_name TEXT,\n"
    "  target_name TEXT,\n"
    "  root TEXT NOT NULL,\n"
    "  base TEXT NOT NULL,\n"
    "  quad {INT} NOT NULL,\n"
    "  goldstein {REAL} NOT NULL,\n"
    "  num_mentions {INT} NOT NULL,\n"
    "  num_sources {INT} NOT NULL,\n"
    "  num_articles {INT} NOT NULL,\n"
    "  is_root {INT} NOT NULL,\n"
    "  first_doc {INT},\n"
    "  UNIQUE (date, source, target, code));\n"
    "CREATE INDEX IF NOT EXISTS stories_dyad ON stories (source_country, target_country, date);\n"
    "CREATE INDEX IF NOT EXISTS stories_target ON stories (target_country, date);\n"
    "CREATE INDEX IF NOT EXISTS stories_date ON stories (date);\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  doc {INT} NOT NULL REFERENCES documents (key),\n"
    "  i {INT} NOT NULL,\n"
    "  story {INT} NOT NULL REFERENCES stories (id),\n"
    "  date TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad {INT} NOT NULL,\n"
    "  goldstein {REAL} NOT NULL,\n"
    "  source_code TEXT NOT NULL,\n"
    "  source_country TEXT NOT NULL,\n"
    "  source_name TEXT,\n"
    "  source_implicit {INT} NOT NULL,\n"
    "  source_actor {INT},\n"
    "  target_code TEXT NOT NULL,\n"
    "  target_country TEXT NOT NULL,\n"
    "  target_name TEXT,\n"
    "  target_implicit {INT} NOT NULL,\n"
    "  target_actor {INT},\n"
    "  sentence {INT} NOT NULL,\n"
    "  evidence TEXT NOT NULL,\n"
    "  modality {INT} NOT NULL,\n"
    "  negated {INT} NOT NULL,\n"
    "  pattern TEXT,\n"
    "  date_text TEXT,\n"
    "  date_from {INT} NOT NULL,\n"
    "  outlet TEXT NOT NULL,\n"
    "  PRIMARY KEY (doc, i));\n"
    "CREATE INDEX IF NOT EXISTS events_story ON events (story, outlet, doc, sentence);\n"
    "CREATE TABLE IF NOT EXISTS quotes (\n"
    "  doc {INT} NOT NULL REFERENCES documents (key),\n"
    "  i {INT} NOT NULL,\n"
    "  sentence {INT} NOT NULL,\n"
    "  sentence_last {INT} NOT NULL,\n"
    "  speaker TEXT,\n"
    "  speaker_norm TEXT,\n"
    "  speaker_code TEXT,\n"
    "  speaker_actor {INT},\n"
    "  verb TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  kind {INT} NOT NULL,\n"
    "  PRIMARY KEY (doc, i));\n"
    "CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_norm);\n";

struct store {
    const store_backend *be;
    const store_dialect *d;
    void *conn;
    segmenter *seg;
    store_tokenizer tok;
    void *st[ST_COUNT];
    void *st_fts_index; /* the dialect's fts_index, when it has one */
    char dict_version[64];
    char err[512];
};

static int fail(store *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return -1;
}

static int db_fail(store *s, const char *what)
{
    return fail(s, "%s: %s", what, s->be->errmsg(s->conn));
}

const char *store_error(const store *s)
{
    return s ? s->err : "no store";
}

const char *store_dict_version(const store *s)
{
    return s->dict_version;
}

/* ---- result tables ---- */

int store_col(const store_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i], name) == 0) return (int)i;
    return -1;
}

double store_num(const store_value *v)
{
    return v->type == STORE_INT ? (double)v->i : v->type == STORE_REAL ? v->d : 0.0;
}

const char *store_text(const store_value *v, char *tmp, size_t tmplen)
{
    switch (v->type) {
    case STORE_TEXT:
        return v->s;
    case STORE_INT:
        snprintf(tmp, tmplen, "%lld", (long long)v->i);
        return tmp;
    case STORE_REAL:
        snprintf(tmp, tmplen, "%.2f", v->d);
        return tmp;
    default:
        return "";
    }
}

void store_table_free(store_table *t)
{
    if (!t) return;
    for (size_t i = 0; i < t->ncols; i++) free(t->cols[i]);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        if (t->cells[i].type == STORE_TEXT) free(t->cells[i].s);
    free(t->cols);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

static int table_init(store_table *t, size_t ncols, const char *const *names)
{
    memset(t, 0, sizeof *t);
    t->cols = calloc(ncols ? ncols : 1, sizeof *t->cols);
    if (!t->cols) return -1;
    t->ncols = ncols;
    for (size_t i = 0; i < ncols; i++)
        if (!(t->cols[i] = strdup(names[i]))) return -1;
    return 0;
}

/* A new row of NULLs; NULL on out of memory. */
static store_value *table_row(store_table *t)
{
    if (t->nrows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 64;
        store_value *c = realloc(t->cells, cap * (t->ncols ? t->ncols : 1) * sizeof *c);
        if (!c) return NULL;
        t->cells = c;
        t->cap_rows = cap;
    }
    store_value *row = &t->cells[t->nrows * t->ncols];
    memset(row, 0, t->ncols * sizeof *row);
    t->nrows++;
    return row;
}

static int val_text(store_value *v, const char *s, size_t n)
{
    v->type = STORE_TEXT;
    v->s = malloc(n + 1);
    if (!v->s) {
        v->type = STORE_NULL;
        return -1;
    }
    memcpy(v->s, s, n);
    v->s[n] = '\0';
    return 0;
}

/* ---- parameters and running SQL ---- */

typedef struct qparam {
    int type;
    int64_t i;
    double d;
    const char *s;
} qparam;

static qparam P_TEXT(const char *s)
{
    return (qparam){.type = s ? STORE_TEXT : STORE_NULL, .s = s};
}
static qparam P_INT(int64_t v)
{
    return (qparam){.type = STORE_INT, .i = v};
}
static qparam P_REAL(double v)
{
    return (qparam){.type = STORE_REAL, .d = v};
}

static int bind_params(store *s, void *st, const qparam *p, int n)
{
    for (int k = 0; k < n; k++) {
        int rc;
        switch (p[k].type) {
        case STORE_INT:
            rc = s->be->bind_int(st, k + 1, p[k].i);
            break;
        case STORE_REAL:
            rc = s->be->bind_real(st, k + 1, p[k].d);
            break;
        case STORE_TEXT:
            rc = s->be->bind_text(st, k + 1, p[k].s, strlen(p[k].s));
            break;
        default:
            rc = s->be->bind_null(st, k + 1);
        }
        if (rc != 0) return db_fail(s, "bind");
    }
    return 0;
}

static void *stmt(store *s, int id)
{
    if (!s->st[id]) {
        s->st[id] = s->be->prepare(s->conn, STMT_SQL[id]);
        if (!s->st[id]) db_fail(s, "prepare");
    }
    return s->st[id];
}

/* Runs a cached statement; when out is not NULL and a row comes back, its
 * first column goes to *out and *got is 1. Returns 0 or -1. */
static int run(store *s, int id, const qparam *p, int n, int64_t *out, int *got)
{
    void *st = stmt(s, id);
    if (!st) return -1;
    if (got) *got = 0;
    if (bind_params(s, st, p, n) != 0) {
        s->be->reset(st);
        return -1;
    }
    int rc;
    while ((rc = s->be->step(st)) == STORE_ROW) {
        if (out && got && !*got) {
            *out = s->be->column_int(st, 0);
            *got = 1;
        }
    }
    if (rc == STORE_ERR) {
        db_fail(s, "query");
        s->be->reset(st);
        return -1;
    }
    s->be->reset(st);
    return 0;
}

typedef int (*row_fn)(void *ctx, store *s, void *st, int ncols);

/* Prepares sql, binds p, calls fn for every row. */
static int query_each(store *s, const char *sql, const qparam *p, int n, row_fn fn, void *ctx)
{
    void *st = s->be->prepare(s->conn, sql);
    if (!st) return db_fail(s, "prepare");
    int rc = bind_params(s, st, p, n);
    int ncols = s->be->column_count(st);
    while (rc == 0) {
        int r = s->be->step(st);
        if (r == STORE_DONE) break;
        if (r == STORE_ERR) {
            rc = db_fail(s, "query");
            break;
        }
        if (fn(ctx, s, st, ncols) != 0) {
            if (!s->err[0]) fail(s, "out of memory");
            rc = -1;
        }
    }
    s->be->finalize(st);
    return rc;
}

static int add_row_cb(void *ctx, store *s, void *st, int ncols)
{
    store_table *t = ctx;
    if (!t->cols) {
        const char *names[64];
        if (ncols > 64) return -1;
        for (int i = 0; i < ncols; i++) names[i] = s->be->column_name(st, i);
        if (table_init(t, (size_t)ncols, names) != 0) return -1;
    }
    store_value *row = table_row(t);
    if (!row) return -1;
    for (int i = 0; i < ncols; i++) {
        switch (s->be->column_type(st, i)) {
        case STORE_INT:
            row[i].type = STORE_INT;
            row[i].i = s->be->column_int(st, i);
            break;
        case STORE_REAL:
            row[i].type = STORE_REAL;
            row[i].d = s->be->column_real(st, i);
            break;
        case STORE_TEXT: {
            size_t len;
            const char *txt = s->be->column_text(st, i, &len);
            if (txt && val_text(&row[i], txt, len) != 0) return -1;
            break;
        }
        default:
            break;
        }
    }
    return 0;
}

/* Runs a query into a table (with its column names even when empty). */
static int query_table(store *s, const char *sql, const qparam *p, int n, store_table *out)
{
    memset(out, 0, sizeof *out);
    int rc = query_each(s, sql, p, n, add_row_cb, out);
    if (rc == 0 && !out->cols) {
        void *st = s->be->prepare(s->conn, sql);
        if (!st) return db_fail(s, "prepare");
        int ncols = s->be->column_count(st);
        const char *names[64];
        for (int i = 0; i < ncols && i < 64; i++) names[i] = s->be->column_name(st, i);
        rc = table_init(out, (size_t)(ncols < 64 ? ncols : 64), names);
        s->be->finalize(st);
        if (rc != 0) fail(s, "out of memory");
    }
    if (rc != 0) store_table_free(out);
    return rc;
}

/* A query under construction: SQL text and its numbered parameters. */
typedef struct qbuild {
    buf sql;
    qparam p[24];
    int n;
} qbuild;

static void qb_init(qbuild *q)
{
    memset(q, 0, sizeof *q);
    buf_init(&q->sql);
}

/* The filter of an aggregate: the caller's filter without its row limit,
 * which bounds the rows of a listing, not what is counted. */
static store_filter all_rows(const store_filter *f)
{
    store_filter g = f ? *f : (store_filter){0};
    g.limit = 0;
    return g;
}

/* Adds a parameter and returns its number (0 when there are too many). */
static int qb_add(qbuild *q, qparam p)
{
    if (q->n >= (int)(sizeof q->p / sizeof q->p[0])) {
        q->sql.failed = 1;
        return 0;
    }
    q->p[q->n++] = p;
    return q->n;
}

/* Appends "?N" for a new parameter. */
static void qb_param(qbuild *q, qparam p)
{
    buf_printf(&q->sql, "?%d", qb_add(q, p));
}

/* Appends the conditions of f on the stories aliased x (dates, dyad,
 * root, code, quad), each starting with " AND ". */
static void qb_story_filter(qbuild *q, const char *x, const store_filter *f)
{
    if (!f) return;
    if (f->from || f->to) buf_printf(&q->sql, " AND %s.date <> ''", x);
    if (f->from) {
        buf_printf(&q->sql, " AND %s.date >= ", x);
        qb_param(q, P_TEXT(f->from));
    }
    if (f->to) {
        buf_printf(&q->sql, " AND %s.date <= ", x);
        qb_param(q, P_TEXT(f->to));
    }
    if (f->a && f->b) {
        int pa = qb_add(q, P_TEXT(f->a)), pb = qb_add(q, P_TEXT(f->b));
        buf_printf(&q->sql, " AND ((%s.source_country = ?%d AND %s.target_country = ?%d)", x, pa, x,
                   pb);
        if (f->both)
            buf_printf(&q->sql, " OR (%s.source_country = ?%d AND %s.target_country = ?%d)", x, pb,
                       x, pa);
        buf_addc(&q->sql, ')');
    } else if (f->a) {
        int pa = qb_add(q, P_TEXT(f->a));
        buf_printf(&q->sql, " AND (%s.source_country = ?%d OR %s.target_country = ?%d)", x, pa, x,
                   pa);
    }
    if (f->root) {
        buf_printf(&q->sql, " AND %s.root = ", x);
        qb_param(q, P_TEXT(f->root));
    }
    if (f->code) {
        buf_printf(&q->sql, " AND substr(%s.code, 1, %zu) = ", x, strlen(f->code));
        qb_param(q, P_TEXT(f->code));
    }
    if (f->quad >= 1 && f->quad <= 4) buf_printf(&q->sql, " AND %s.quad = %d", x, f->quad);
}

/* Conditions for a relation between two different countries. */
static void qb_edge(qbuild *q, const char *x)
{
    buf_printf(&q->sql,
               " AND %s.source_country <> '' AND %s.target_country <> ''"
               " AND %s.source_country <> %s.target_country",
               x, x, x, x);
}

static void qb_limit(qbuild *q, const store_filter *f)
{
    if (f && f->limit) buf_printf(&q->sql, " LIMIT %zu", f->limit);
}

/* Starts out (which the caller frees) with the SQL expression of the
 * period of a story's date: by is day, month (also NULL), quarter or year.
 * An unknown period is the store's error. */
static int period_sql(store *s, const char *by, buf *out)
{
    static const char col[] = "s.date";
    buf_init(out);
    if (!by || strcmp(by, "month") == 0)
        buf_printf(out, "substr(%s, 1, 7)", col);
    else if (strcmp(by, "day") == 0)
        buf_printf(out, "%s", col);
    else if (strcmp(by, "year") == 0)
        buf_printf(out, "substr(%s, 1, 4)", col);
    else if (strcmp(by, "quarter") == 0)
        buf_printf(out, "substr(%s, 1, 4) || '-Q' || ((CAST(substr(%s, 6, 2) AS INTEGER) + 2) / 3)",
                   col, col);
    else {
        buf_free(out);
        return fail(s, "unknown period '%s' (day, month, quarter or year)", by);
    }
    return 0;
}

static int qb_run(store *s, qbuild *q, store_table *out)
{
    if (q->sql.failed) {
        buf_free(&q->sql);
        return fail(s, "out of memory");
    }
    int rc = query_table(s, buf_cstr(&q->sql), q->p, q->n, out);
    buf_free(&q->sql);
    return rc;
}

/* ---- the search tokenizer ---- */

typedef struct tok_state {
    const segmenter *seg;
    seg_out out;
    stem_cache stems;
    buf fold;
} tok_state;

static void *tok_create(void *shared)
{
    tok_state *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->seg = shared;
    buf_init(&t->fold);
    if (stem_cache_init(&t->stems) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

static void tok_destroy(void *state)
{
    tok_state *t = state;
    if (!t) return;
    seg_out_free(&t->out);
    stem_cache_free(&t->stems);
    buf_free(&t->fold);
    free(t);
}

static int tok_tokenize(void *state, const char *text, size_t len, store_emit_fn emit, void *ctx)
{
    tok_state *t = state;
    size_t bad;
    if (utf8_check(text, len, &bad, NULL) != UTF8_OK) return 0;
    stem_cache_begin_doc(&t->stems);
    if (segment_tokens(t->seg, text, len, &t->out) != 0) return -1;
    for (size_t i = 0; i < t->out.n_tokens; i++) {
        const seg_token *k = &t->out.tokens[i];
        if (k->kind != SEG_WORD && k->kind != SEG_NUMBER) continue;
        buf_reset(&t->fold);
        text_fold(text + k->start, k->end - k->start, &t->fold);
        if (t->fold.failed) return -1;
        if (!t->fold.len) continue;
        const char *w = t->fold.data;
        size_t n = t->fold.len;
        if (k->kind == SEG_WORD) {
            uint32_t sid = stem_cache_get(&t->stems, w, n, NULL);
            if (sid == STRTAB_NONE) return -1;
            w = strtab_str(&t->stems.stems, sid);
            n = strtab_len(&t->stems.stems, sid);
        }
        int rc = emit(ctx, w, n, k->start, k->end);
        if (rc != 0) return rc;
    }
    return 0;
}

static int stems_cb(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    buf *b = ctx;
    if (b->len) buf_addc(b, ' ');
    buf_add(b, tok, n);
    return 0;
}

/* ---- hashes and versions ---- */

typedef struct hash128 {
    uint64_t a, b;
} hash128;

static void h_init(hash128 *h)
{
    h->a = 0xcbf29ce484222325ull;
    h->b = 0x9e3779b97f4a7c15ull;
}

static void h_byte(hash128 *h, unsigned char c)
{
    h->a = (h->a ^ c) * 0x100000001b3ull;
    h->b = (h->b ^ c) * 0xff51afd7ed558ccdull;
    h->b ^= h->b >> 31;
}

static void h_bytes(hash128 *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) h_byte(h, s[i]);
}

void store_text_hash(const char *text, size_t len, char out[33])
{
    buf f;
    buf_init(&f);
    text_fold(text, len, &f);
    hash128 h;
    h_init(&h);
    int space = 0, any = 0;
    const char *p = f.failed ? text : f.data;
    size_t n = f.failed ? len : f.len;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = 1;
            continue;
        }
        if (space && any) h_byte(&h, ' ');
        space = 0;
        any = 1;
        h_byte(&h, c);
    }
    buf_free(&f);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.a, (unsigned long long)h.b);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hashes every regular file under dir (names and bytes, in name order). */
static void hash_tree(hash128 *h, const char *dir, const char *rel, int depth)
{
    if (depth > 4) return;
    DIR *d = opendir(dir);
    if (!d) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (GROW_ROOM(names, n, cap, 64) != 0) break;
        if (!(names[n] = strdup(e->d_name))) break;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[4096], sub[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            hash_tree(h, path, sub, depth + 1);
        } else if (S_ISREG(st.st_mode)) {
            h_bytes(h, sub, strlen(sub) + 1);
            FILE *f = fopen(path, "rb");
            if (!f) continue;
            char chunk[65536];
            size_t got;
            while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) h_bytes(h, chunk, got);
            fclose(f);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* ---- opening ---- */

static int exec_schema(store *s, const char *tmpl)
{
    buf b;
    buf_init(&b);
    for (const char *p = tmpl; *p;) {
        if (strncmp(p, "{PK}", 4) == 0) {
            buf_adds(&b, s->d->pk);
            p += 4;
        } else if (strncmp(p, "{INT}", 5) == 0) {
            buf_adds(&b, s->d->integer ? s->d->integer : "INTEGER");
            p += 5;
        } else if (strncmp(p, "{REAL}", 6) == 0) {
            buf_adds(&b, s->d->real);
            p += 6;
        } else {
            buf_addc(&b, *p++);
        }
    }
    int rc = b.failed                                  ? fail(s, "out of memory")
             : s->be->exec(s->conn, buf_cstr(&b)) == 0 ? 0
                                                       : db_fail(s, "schema");
    buf_free(&b);
    return rc;
}

static int create_schema(store *s)
{
    if (s->be->begin(s->conn) != 0) return db_fail(s, "begin");
    if (exec_schema(s, SCHEMA_SQL) != 0 || exec_schema(s, s->d->fts_schema) != 0) {
        s->be->rollback(s->conn);
        return -1;
    }
    char v[16];
    snprintf(v, sizeof v, "%d", SCHEMA_VERSION);
    qparam p[2] = {P_TEXT("schema_version"), P_TEXT(v)};
    void *st = s->be->prepare(s->conn, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                       "ON CONFLICT (key) DO NOTHING");
    int rc = st ? bind_params(s, st, p, 2) : db_fail(s, "prepare");
    if (rc == 0 && s->be->step(st) == STORE_ERR) rc = db_fail(s, "meta");
    if (st) s->be->finalize(st);
    if (rc == 0) {
        store_table t;
        qparam k = P_TEXT("schema_version");
        rc = query_table(s, "SELECT value FROM meta WHERE key = ?1", &k, 1, &t);
        if (rc == 0 && t.nrows == 1 && store_cell(&t, 0, 0)->type == STORE_TEXT &&
            atoi(store_cell(&t, 0, 0)->s) > SCHEMA_VERSION)
            rc = fail(s, "the store has schema version %s; this dyad knows %d",
                      store_cell(&t, 0, 0)->s, SCHEMA_VERSION);
        store_table_free(&t);
    }
    if (rc != 0) {
        s->be->rollback(s->conn);
        return -1;
    }
    return s->be->commit(s->conn) == 0 ? 0 : db_fail(s, "commit");
}

int store_open(const char *target, const char *dict_dir, store **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!target || !*target) {
        snprintf(err, errlen, "no database given");
        return -1;
    }
    int pg = strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->be = pg ? &store_pg_backend : &store_sqlite_backend;
    s->d = pg ? &store_pg_dialect : &store_sqlite_dialect;
    if (!dict_dir) dict_dir = getenv("DYAD_DICT");
    if (!dict_dir || !*dict_dir) dict_dir = DYAD_DICT_DIR_DEFAULT;
    char msg[512] = "";
    s->seg = segmenter_load(dict_dir, msg, sizeof msg);
    if (!s->seg) {
        snprintf(err, errlen, "cannot load dictionaries: %s", msg[0] ? msg : "out of memory");
        free(s);
        return -1;
    }
    hash128 h;
    h_init(&h);
    hash_tree(&h, dict_dir, "", 0);
    snprintf(s->dict_version, sizeof s->dict_version, "%s+%016llx", dyad_version(),
             (unsigned long long)(h.a ^ h.b));
    s->tok = (store_tokenizer){s->seg, tok_create, tok_destroy, tok_tokenize};
    if (s->be->open(target, &s->tok, &s->conn, err, errlen) != 0) {
        segmenter_free(s->seg);
        free(s);
        return -1;
    }
    if (create_schema(s) != 0) {
        snprintf(err, errlen, "%s: %s", target, s->err);
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (!s) return;
    for (int i = 0; i < ST_COUNT; i++)
        if (s->st[i]) s->be->finalize(s->st[i]);
    if (s->st_fts_index) s->be->finalize(s->st_fts_index);
    s->be->close(s->conn);
    segmenter_free(s->seg);
    free(s);
}

int store_begin(store *s)
{
    return s->be->begin(s->conn) == 0 ? 0 : db_fail(s, "begin");
}

int store_commit(store *s)
{
    return s->be->commit(s->conn) == 0 ? 0 : db_fail(s, "commit");
}

int store_rollback(store *s)
{
    return s->be->rollback(s->conn) == 0 ? 0 : db_fail(s, "rollback");
}

/* ---- ingest ---- */

int store_has_doc(store *s, const char *id)
{
    int64_t key;
    int got;
    qparam p = P_TEXT(id ? id : "doc");
    if (run(s, ST_DOC_BY_ID, &p, 1, &key, &got) != 0) return -1;
    return got;
}

/* The outlet of a document for NumSources: the URL's host without "www.",
 * lower-cased, else "doc:" and the id. */
static void outlet_of(const dyad_record *r, char *out, size_t n)
{
    const char *u = r->url;
    if (u && *u) {
        const char *p = strstr(u, "://");
        p = p ? p + 3 : u;
        const char *at = p;
        while (*at && *at != '/' && *at != '@') at++;
        if (*at == '@') p = at + 1;
        if (strncmp(p, "www.", 4) == 0) p += 4;
        size_t k = 0;
        while (p[k] && p[k] != '/' && p[k] != ':' && p[k] != '?' && p[k] != '#' && k + 1 < n) {
            char c = p[k];
            out[k] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            k++;
        }
        out[k] = '\0';
        if (k) return;
    }
    snprintf(out, n, "doc:%s", r->id);
}

static void now_utc(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Story ids touched by a document, to recount. */
typedef struct idset {
    int64_t *v;
    size_t n, cap;
} idset;

static int idset_add(idset *s, int64_t id)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == id) return 0;
    if (GROW_ROOM(s->v, s->n, s->cap, 16) != 0) return -1;
    s->v[s->n++] = id;
    return 0;
}

/* Adds the new document key's events to the counts of the stories in ids. */
static int count_in(store *s, int64_t key, const idset *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        qparam p[2] = {P_INT(ids->v[i]), P_INT(key)};
        if (run(s, ST_STORY_ADD, p, 2, NULL, NULL) != 0) return -1;
    }
    return 0;
}

static int recount(store *s, const idset *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        qparam p = P_INT(ids->v[i]);
        if (run(s, ST_STORY_RECOUNT, &p, 1, NULL, NULL) != 0) return -1;
        if (run(s, ST_STORY_DROP_EMPTY, &p, 1, NULL, NULL) != 0) return -1;
    }
    return 0;
}

/* Text of tokens [first, end) of r. */
static void token_text(const dyad_record *r, uint32_t first, uint32_t end, const char **p,
                       size_t *n, uint32_t *cstart, uint32_t *cend)
{
    *p = "";
    *n = 0;
    if (cstart) *cstart = 0;
    if (cend) *cend = 0;
    if (first >= end || end > r->n_tokens) return;
    const rec_token *a = &r->tokens[first], *b = &r->tokens[end - 1];
    *p = r->text + a->start;
    *n = b->end - a->start;
    if (cstart) *cstart = a->cstart;
    if (cend) *cend = b->cend;
}

static const char *side_name(const dyad_record *r, const rec_side *sd)
{
    return sd->actor >= 0 && (size_t)sd->actor < r->n_actors ? r->actors[sd->actor].name : NULL;
}

/* For backends that cannot call the tokenizer: index sentence key by the
 * stems of its text. */
static int fts_index(store *s, int64_t key, const char *text)
{
    if (!s->st_fts_index && !(s->st_fts_index = s->be->prepare(s->conn, s->d->fts_index)))
        return db_fail(s, "prepare");
    buf stems;
    buf_init(&stems);
    void *ts = tok_create(s->seg);
    int rc = ts ? tok_tokenize(ts, text, strlen(text), stems_cb, &stems) : -1;
    tok_destroy(ts);
    if (rc != 0 || stems.failed) {
        buf_free(&stems);
        return fail(s, "out of memory");
    }
    qparam p[2] = {P_INT(key), P_TEXT(buf_cstr(&stems))};
    void *st = s->st_fts_index;
    rc = bind_params(s, st, p, 2);
    if (rc == 0 && s->be->step(st) == STORE_ERR) rc = db_fail(s, "search index");
    s->be->reset(st);
    buf_free(&stems);
    return rc;
}

/* Inserts the quotations of r: the quoted words, the speech verb, and the
 * speaker (name, folded name for lookups, code at this mention). */
static int put_quotes(store *s, int64_t key, const dyad_record *r)
{
    buf fold;
    buf_init(&fold);
    char *text = NULL, *verb = NULL;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->n_quotes; i++) {
        const rec_quote *q = &r->quotes[i];
        const char *t;
        size_t n;
        token_text(r, q->tok_first, q->tok_end, &t, &n, NULL, NULL);
        free(text);
        text = strndup(t, n);
        token_text(r, q->verb_first, q->verb_end, &t, &n, NULL, NULL);
        free(verb);
        verb = n ? strndup(t, n) : NULL;
        if (!text || (n && !verb)) {
            rc = fail(s, "out of memory");
            break;
        }
        const char *name = NULL, *code = NULL;
        if (q->speaker_actor >= 0 && (size_t)q->speaker_actor < r->n_actors) {
            name = r->actors[q->speaker_actor].name;
            code = r->actors[q->speaker_actor].code;
        }
        if (q->speaker_mention >= 0 && (size_t)q->speaker_mention < r->n_mentions)
            code = r->mentions[q->speaker_mention].code;
        buf_reset(&fold);
        if (name) text_fold(name, strlen(name), &fold);
        if (fold.failed) {
            rc = fail(s, "out of memory");
            break;
        }
        qparam p[11] = {P_INT(key),
                        P_INT((int64_t)i),
                        P_INT(q->sentence_first),
                        P_INT(q->sentence_last),
                        P_TEXT(name),
                        P_TEXT(name ? buf_cstr(&fold) : NULL),
                        P_TEXT(code),
                        q->speaker_actor >= 0 ? P_INT(q->speaker_actor) : P_TEXT(NULL),
                        P_TEXT(verb),
                        P_TEXT(text),
                        P_INT(q->kind)};
        rc = run(s, ST_QUOTE_INSERT, p, 11, NULL, NULL);
    }
    free(text);
    free(verb);
    buf_free(&fold);
    return rc;
}

/* Inserts sentences, actors, mentions and events of r for document key,
 * adding the stories its events belong to into touched. */
static int put_derived(store *s, int64_t key, const dyad_record *r, idset *touched)
{
    char *tmp = NULL;
    for (size_t i = 0; i < r->n_sentences; i++) {
        const rec_sentence *se = &r->sentences[i];
        free(tmp);
        tmp = strndup(r->text + se->start, se->end - se->start);
        if (!tmp) return fail(s, "out of memory");
        qparam p[7] = {
            P_INT(key),        P_INT((int64_t)i), P_INT(se->paragraph), P_INT(se->boilerplate),
            P_INT(se->cstart), P_INT(se->cend),   P_TEXT(tmp)};
        int64_t skey = 0;
        int got = 0;
        if (run(s, ST_SENT_INSERT, p, 7, &skey, &got) != 0) goto err;
        if (s->d->fts_index && fts_index(s, skey, tmp) != 0) goto err;
    }
    for (size_t i = 0; i < r->n_actors; i++) {
        const rec_actor *a = &r->actors[i];
        qparam p[7] = {P_INT(key),          P_INT((int64_t)i), P_TEXT(a->name ? a->name : ""),
                       P_TEXT(a->code),     P_INT(a->type),    P_TEXT(a->entry),
                       P_INT(a->n_mentions)};
        if (run(s, ST_ACTOR_INSERT, p, 7, NULL, NULL) != 0) goto err;
    }
    for (size_t i = 0; i < r->n_mentions; i++) {
        const rec_mention *m = &r->mentions[i];
        const char *t;
        size_t n;
        uint32_t cs, ce;
        token_text(r, m->tok_first, m->tok_end, &t, &n, &cs, &ce);
        free(tmp);
        tmp = strndup(t, n);
        if (!tmp) return fail(s, "out of memory");
        qparam p[10] = {P_INT(key),    P_INT((int64_t)i), P_INT(m->actor), P_INT(m->sentence),
                        P_INT(cs),     P_INT(ce),         P_TEXT(tmp),     P_TEXT(m->code),
                        P_INT(m->how), P_TEXT(m->entry)};
        if (run(s, ST_MENTION_INSERT, p, 10, NULL, NULL) != 0) goto err;
    }
    for (size_t i = 0; i < r->n_events; i++) {
        const rec_event *e = &r->events[i];
        /* The event's day: the date of its clause when that is a whole day,
         * else the document date; '' when unknown, so that it still dedups. */
        const char *date = r->date ? r->date : "", *date_text = NULL;
        int date_from = 0;
        if (e->date >= 0 && (size_t)e->date < r->n_dates) {
            date_text = r->dates[e->date].value;
            date_from = 1;
            if (cal_parse_iso(date_text, strlen(date_text), NULL, NULL, NULL) == 0)
                date = date_text;
        }
        char sc[4] = "", tc[4] = "", base[4];
        snprintf(sc, sizeof sc, "%.3s", e->source.code);
        snprintf(tc, sizeof tc, "%.3s", e->target.code);
        snprintf(base, sizeof base, "%.3s", e->code);
        const char *sn = side_name(r, &e->source), *tn = side_name(r, &e->target);
        qparam sp[12] = {P_TEXT(date),
                         P_TEXT(e->source.code),
                         P_TEXT(e->target.code),
                         P_TEXT(e->code),
                         P_TEXT(sc),
                         P_TEXT(tc),
                         P_TEXT(sn),
                         P_TEXT(tn),
                         P_TEXT(e->root),
                         P_TEXT(base),
                         P_INT(e->quad),
                         P_REAL(e->goldstein)};
        int64_t story = 0;
        int got = 0;
        if (run(s, ST_STORY_UPSERT, sp, 12, &story, &got) != 0) goto err;
        if (!got) {
            fail(s, "story upsert returned no id");
            goto err;
        }
        if (idset_add(touched, story) != 0) {
            fail(s, "out of memory");
            goto err;
        }
        const char *t;
        size_t n;
        token_text(r, e->tok_first, e->tok_end, &t, &n, NULL, NULL);
        free(tmp);
        tmp = strndup(t, n);
        if (!tmp) return fail(s, "out of memory");
        qparam ep[25] = {
            P_INT(key),
            P_INT((int64_t)i),
            P_INT(story),
            P_TEXT(date),
            P_TEXT(e->code),
            P_TEXT(e->root),
            P_INT(e->quad),
            P_REAL(e->goldstein),
            P_TEXT(e->source.code),
            P_TEXT(sc),
            P_TEXT(sn),
            P_INT(e->source.implicit),
            e->source.actor >= 0 ? P_INT(e->source.actor) : P_TEXT(NULL),
            P_TEXT(e->target.code),
            P_TEXT(tc),
            P_TEXT(tn),
            P_INT(e->target.implicit),
            e->target.actor >= 0 ? P_INT(e->target.actor) : P_TEXT(NULL),
            P_INT(e->sentence),
            P_TEXT(tmp),
            P_INT(e->modality),
            P_INT(e->negated),
            P_TEXT(e->pattern),
            P_TEXT(date_text && *date_text ? date_text : NULL),
            P_INT(date_from),
        };
        if (run(s, ST_EVENT_INSERT, ep, 25, NULL, NULL) != 0) goto err;
    }
    if (put_quotes(s, key, r) != 0) goto err;
    free(tmp);
    return 0;
err:
    free(tmp);
    return -1;
}

int store_put(store *s, const dyad_record *r, store_outcome *outcome)
{
    s->err[0] = '\0';
    int64_t key = 0;
    int got = 0;
    qparam pid = P_TEXT(r->id);
    if (run(s, ST_DOC_BY_ID, &pid, 1, &key, &got) != 0) return -1;
    if (got) {
        *outcome = STORE_DUP_ID;
        return 0;
    }
    char hash[33];
    store_text_hash(r->text, r->text_len, hash);
    qparam ph = P_TEXT(hash);
    if (run(s, ST_DOC_BY_HASH, &ph, 1, &key, &got) != 0) return -1;
    if (got) {
        *outcome = STORE_DUP_TEXT;
        return 0;
    }
    char outlet[256], now[32];
    outlet_of(r, outlet, sizeof outlet);
    now_utc(now);
    qparam p[14] = {P_TEXT(r->id),
                    P_TEXT(r->date),
                    P_TEXT(r->url),
                    P_TEXT(outlet),
                    P_TEXT(r->title),
                    P_TEXT(lang_code(r->lang)),
                    P_INT(r->lang_detected),
                    P_TEXT(r->text),
                    P_TEXT(hash),
                    P_TEXT(now),
                    P_TEXT(s->dict_version),
                    P_INT((int64_t)r->n_sentences),
                    P_INT((int64_t)r->n_tokens),
                    P_REAL(r->tone.tone)};
    if (run(s, ST_DOC_INSERT, p, 14, &key, &got) != 0) return -1;
    if (!got) { /* another writer stored it meanwhile */
        *outcome = STORE_DUP_ID;
        return 0;
    }
    idset touched = {0};
    int rc = put_derived(s, key, r, &touched);
    if (rc == 0) rc = count_in(s, key, &touched);
    free(touched.v);
    if (rc == 0) *outcome = STORE_ADDED;
    return rc;
}

static void sleep_ms(unsigned ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

int store_ingest(store *s, dyad_coder *c, ingest *in, const store_ingest_options *o,
                 store_ingest_stats *st)
{
    store_ingest_options def = {0};
    if (!o) o = &def;
    size_t batch = o->batch ? o->batch : DEFAULT_BATCH;
    memset(st, 0, sizeof *st);
    size_t open = 0;
    char err[2048], msg[2600];
    ingest_doc doc;
    int rc;
    while ((rc = ingest_next(in, &doc, err, sizeof err)) != 0) {
        if (rc < 0) {
            if (o->on_error) o->on_error(o->ctx, err);
            st->failed++;
            continue;
        }
        if (!open && store_begin(s) != 0) {
            ingest_doc_clear(&doc);
            return -1;
        }
        open++;
        int has = store_has_doc(s, doc.id);
        if (has < 0) goto dberr;
        if (has) {
            st->dup_id++;
        } else {
            dyad_doc d = {.id = doc.id,
                          .date = doc.date,
                          .url = doc.url,
                          .title = doc.title,
                          .lang = doc.lang,
                          .text = doc.text,
                          .text_len = doc.text_len};
            dyad_record *r;
            if (dyad_code(c, &d, &r) != DYAD_OK) {
                snprintf(msg, sizeof msg, "%s: %s", doc.origin, dyad_coder_error(c));
                if (o->on_error) o->on_error(o->ctx, msg);
                st->failed++;
            } else {
                store_outcome oc;
                int prc = store_put(s, r, &oc);
                dyad_record_free(r);
                if (prc != 0) goto dberr;
                if (oc == STORE_ADDED)
                    st->added++;
                else if (oc == STORE_DUP_ID)
                    st->dup_id++;
                else
                    st->dup_text++;
            }
        }
        ingest_doc_clear(&doc);
        if (open >= batch) {
            if (store_commit(s) != 0) return -1;
            open = 0;
        }
        if (o->delay_ms) sleep_ms(o->delay_ms);
    }
    if (open && store_commit(s) != 0) return -1;
    return 0;
dberr:
    ingest_doc_clear(&doc);
    {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        s->be->rollback(s->conn);
        memcpy(s->err, keep, sizeof keep);
    }
    return -1;
}

/* Deletes what was derived from document key, adding its stories to old. */
static int delete_derived(store *s, int64_t key, idset *old)
{
    qparam p = P_INT(key);
    void *st = stmt(s, ST_DOC_STORIES);
    if (!st || bind_params(s, st, &p, 1) != 0) return -1;
    int rc;
    while ((rc = s->be->step(st)) == STORE_ROW)
        if (idset_add(old, s->be->column_int(st, 0)) != 0) {
            s->be->reset(st);
            return fail(s, "out of memory");
        }
    s->be->reset(st);
    if (rc == STORE_ERR) return db_fail(s, "query");
    if (s->d->fts_unindex_doc) {
        void *u = s->be->prepare(s->conn, s->d->fts_unindex_doc);
        int urc = u ? bind_params(s, u, &p, 1) : db_fail(s, "prepare");
        if (urc == 0 && s->be->step(u) == STORE_ERR) urc = db_fail(s, "search index");
        if (u) s->be->finalize(u);
        if (urc != 0) return -1;
    }
    static const int dels[] = {ST_DEL_EVENTS, ST_DEL_MENTIONS, ST_DEL_ACTORS, ST_DEL_QUOTES,
                               ST_DEL_SENTENCES};
    for (size_t i = 0; i < sizeof dels / sizeof dels[0]; i++)
        if (run(s, dels[i], &p, 1, NULL, NULL) != 0) return -1;
    return 0;
}

/* The meta key set while a recode has not rebuilt the search index yet. */
#define META_REBUILD "fts_rebuild_pending"

static int meta_flag(store *s)
{
    store_table t;
    qparam m = P_TEXT(META_REBUILD);
    if (query_table(s, "SELECT count(*) FROM meta WHERE key = ?1", &m, 1, &t) != 0) return -1;
    int on = t.nrows == 1 && store_cell(&t, 0, 0)->i > 0;
    store_table_free(&t);
    return on;
}

typedef struct keylist {
    int64_t *v;
    size_t n, cap;
} keylist;

static int keys_cb(void *ctx, store *s, void *st, int ncols)
{
    keylist *k = ctx;
    GROW(k->v, k->n, k->cap);
    k->v[k->n++] = s->be->column_int(st, 0);
    return 0;
}

/* Codes stored document key again and replaces what was derived from it.
 * Returns 1 when recoded, 0 when the document could not be coded, -1 on a
 * database error. */
static int recode_one(store *s, dyad_coder *c, int64_t key)
{
    qparam p = P_INT(key);
    store_table t;
    if (query_table(s, STMT_SQL[ST_DOC_GET], &p, 1, &t) != 0) return -1;
    if (t.nrows != 1) {
        store_table_free(&t);
        return 0;
    }
    const store_value *v = store_cell(&t, 0, 0);
    const char *text = v[6].type == STORE_TEXT ? v[6].s : "";
    dyad_doc d = {.id = v[0].s,
                  .date = v[1].type == STORE_TEXT ? v[1].s : NULL,
                  .url = v[2].type == STORE_TEXT ? v[2].s : NULL,
                  .title = v[3].type == STORE_TEXT ? v[3].s : NULL,
                  .lang = v[5].i ? NULL : v[4].s,
                  .text = text,
                  .text_len = strlen(text)};
    dyad_record *r;
    if (dyad_code(c, &d, &r) != DYAD_OK) {
        store_table_free(&t);
        return 0;
    }
    store_table_free(&t);
    idset touched = {0};
    int rc = delete_derived(s, key, &touched);
    if (rc == 0) rc = put_derived(s, key, r, &touched);
    if (rc == 0) {
        char now[32];
        now_utc(now);
        qparam u[6] = {P_INT(key),
                       P_TEXT(lang_code(r->lang)),
                       P_TEXT(now),
                       P_TEXT(s->dict_version),
                       P_INT((int64_t)r->n_sentences),
                       P_INT((int64_t)r->n_tokens)};
        rc = run(s, ST_DOC_UPDATE, u, 6, NULL, NULL);
    }
    if (rc == 0) rc = recount(s, &touched);
    free(touched.v);
    dyad_record_free(r);
    return rc == 0 ? 1 : -1;
}

int store_recode(store *s, dyad_coder *c, int all, size_t batch, size_t *recoded)
{
    if (!batch) batch = DEFAULT_BATCH;
    *recoded = 0;
    int64_t last = 0;
    /* A recode killed before its final rebuild left the flag: rebuild now. */
    int any = s->d->fts_rebuild ? meta_flag(s) : 0;
    if (any < 0) return -1;
    for (;;) {
        keylist k = {0};
        qparam p[3] = {P_INT(last), P_TEXT(s->dict_version), P_INT((int64_t)batch)};
        int rc = all ? query_each(s,
                                  "SELECT key FROM documents WHERE key > ?1 ORDER BY key "
                                  "LIMIT ?2",
                                  (qparam[]){p[0], p[2]}, 2, keys_cb, &k)
                     : query_each(s,
                                  "SELECT key FROM documents WHERE key > ?1 AND dict_version "
                                  "<> ?2 ORDER BY key LIMIT ?3",
                                  p, 3, keys_cb, &k);
        if (rc != 0) {
            free(k.v);
            return -1;
        }
        if (!k.n) {
            free(k.v);
            break;
        }
        if (store_begin(s) != 0) {
            free(k.v);
            return -1;
        }
        if (!any && s->d->fts_rebuild) {
            /* Committed with the first batch, cleared after the rebuild. */
            qparam m = P_TEXT(META_REBUILD);
            if (query_each(s,
                           "INSERT INTO meta (key, value) VALUES (?1, '1') "
                           "ON CONFLICT (key) DO NOTHING",
                           &m, 1, keys_cb, &k) != 0) {
                free(k.v);
                s->be->rollback(s->conn);
                return -1;
            }
        }
        for (size_t i = 0; i < k.n; i++) {
            int one = recode_one(s, c, k.v[i]);
            if (one < 0) {
                free(k.v);
                char keep[sizeof s->err];
                memcpy(keep, s->err, sizeof keep);
                s->be->rollback(s->conn);
                memcpy(s->err, keep, sizeof keep);
                return -1;
            }
            *recoded += (size_t)one;
        }
        last = k.v[k.n - 1];
        free(k.v);
        if (store_commit(s) != 0) return -1;
        any = 1;
    }
    if (any && s->d->fts_rebuild) {
        if (s->be->exec(s->conn, s->d->fts_rebuild) != 0)
            return db_fail(s, "rebuilding the search index");
        qparam m = P_TEXT(META_REBUILD);
        if (query_each(s, "DELETE FROM meta WHERE key = ?1", &m, 1, keys_cb, NULL) != 0) return -1;
    }
    return 0;
}

/* ---- questions ---- */

int store_events(store *s, const store_filter *f, store_table *out)
{
    qbuild q;
    qb_init(&q);
    buf_adds(&q.sql,
             "SELECT s.id, s.date, s.source, s.source_name, s.code, s.target, s.target_name, "
             "s.root, s.quad, s.goldstein, s.num_mentions, s.num_sources, s.num_articles, "
             "s.is_root, d.id AS doc, "
             "(SELECT e.evidence FROM events e WHERE e.story = s.id AND e.doc = s.first_doc "
             "ORDER BY e.i LIMIT 1) AS evidence "
             "FROM stories s LEFT JOIN documents d ON d.key = s.first_doc WHERE 1 = 1");
    qb_story_filter(&q, "s", f);
    buf_adds(&q.sql, " ORDER BY s.date DESC, s.id DESC");
    qb_limit(&q, f);
    return qb_run(s, &q, out);
}

int store_relations(store *s, const char *a, const char *b, const char *by, const store_filter *f,
                    store_table *out)
{
    if (!a || !b) return fail(s, "relations need two countries");
    buf per;
    if (period_sql(s, by, &per) != 0) return -1;
    qbuild q;
    qb_init(&q);
    buf_printf(&q.sql,
               "SELECT %s AS period, s.source_country || '>' || s.target_country AS direction, "
               "count(*) AS events, sum(s.num_mentions) AS mentions, "
               "sum(CASE WHEN s.quad = 1 THEN 1 ELSE 0 END) AS q1, "
               "sum(CASE WHEN s.quad = 2 THEN 1 ELSE 0 END) AS q2, "
               "sum(CASE WHEN s.quad = 3 THEN 1 ELSE 0 END) AS q3, "
               "sum(CASE WHEN s.quad = 4 THEN 1 ELSE 0 END) AS q4, "
               "avg(s.goldstein) AS goldstein_mean, sum(s.goldstein) AS goldstein_sum "
               "FROM stories s WHERE s.date <> ''",
               buf_cstr(&per));
    store_filter g = all_rows(f);
    g.a = a;
    g.b = b;
    g.both = 1;
    qb_story_filter(&q, "s", &g);
    buf_printf(&q.sql,
               " GROUP BY %s, s.source_country, s.target_country ORDER BY period, direction",
               buf_cstr(&per));
    buf_free(&per);
    return qb_run(s, &q, out);
}

int store_graph(store *s, const store_filter *f, store_table *nodes, store_table *edges)
{
    store_filter g = all_rows(f);
    qbuild q;
    qb_init(&q);
    buf_adds(&q.sql,
             "SELECT s.source_country AS source, s.target_country AS target, count(*) AS events, "
             "sum(s.num_mentions) AS mentions, "
             "sum(CASE WHEN s.quad <= 2 THEN 1 ELSE 0 END) AS cooperation, "
             "sum(CASE WHEN s.quad >= 3 THEN 1 ELSE 0 END) AS conflict, "
             "avg(s.goldstein) AS goldstein_mean FROM stories s WHERE 1 = 1");
    qb_story_filter(&q, "s", &g);
    qb_edge(&q, "s");
    buf_adds(&q.sql, " GROUP BY s.source_country, s.target_country "
                     "ORDER BY events DESC, source, target");
    qb_limit(&q, f);
    if (qb_run(s, &q, edges) != 0) return -1;
    qbuild n = {0};
    buf_init(&n.sql);
    buf_adds(&n.sql, "SELECT country, sum(out_events) AS out_events, sum(in_events) AS in_events, "
                     "sum(out_events) + sum(in_events) AS events FROM ("
                     "SELECT s.source_country AS country, 1 AS out_events, 0 AS in_events "
                     "FROM stories s WHERE 1 = 1");
    qb_story_filter(&n, "s", &g);
    qb_edge(&n, "s");
    /* The second half reuses the same numbered parameters. */
    buf_adds(&n.sql, " UNION ALL SELECT s.target_country, 0, 1 FROM stories s WHERE 1 = 1");
    qbuild tail = {0};
    buf_init(&tail.sql);
    qb_story_filter(&tail, "s", &g);
    qb_edge(&tail, "s");
    buf_add(&n.sql, tail.sql.data ? tail.sql.data : "", tail.sql.len);
    buf_free(&tail.sql);
    buf_adds(&n.sql, ") x GROUP BY country ORDER BY events DESC, country");
    if (qb_run(s, &n, nodes) != 0) {
        store_table_free(edges);
        return -1;
    }
    return 0;
}

int store_quotes(store *s, const char *speaker, const store_filter *f, store_table *out)
{
    qbuild q;
    qb_init(&q);
    buf_adds(&q.sql, "SELECT d.id AS doc, d.date, q.sentence, q.speaker, q.speaker_code, "
                     "q.kind, q.verb, q.text FROM quotes q JOIN documents d ON d.key = q.doc "
                     "WHERE 1 = 1");
    /* The LIKE pattern must outlive the query: it is freed after the run. */
    char *pat = NULL;
    if (speaker && *speaker) {
        buf fold, like;
        buf_init(&fold);
        buf_init(&like);
        size_t bad;
        if (utf8_check(speaker, strlen(speaker), &bad, NULL) == UTF8_OK)
            text_fold(speaker, strlen(speaker), &fold);
        buf_addc(&like, '%');
        for (size_t i = 0; i < fold.len; i++) {
            char ch = fold.data[i];
            if (ch == '%' || ch == '_' || ch == '\\') buf_addc(&like, '\\');
            buf_addc(&like, ch);
        }
        buf_addc(&like, '%');
        buf_adds(&q.sql, " AND q.speaker_norm LIKE ");
        pat = strdup(buf_cstr(&like));
        buf_free(&fold);
        buf_free(&like);
        if (!pat) {
            buf_free(&q.sql);
            return fail(s, "out of memory");
        }
        qb_param(&q, P_TEXT(pat));
        buf_adds(&q.sql, " ESCAPE '\\'");
    }
    if (f && f->from) {
        buf_adds(&q.sql, " AND d.date >= ");
        qb_param(&q, P_TEXT(f->from));
    }
    if (f && f->to) {
        buf_adds(&q.sql, " AND d.date <= ");
        qb_param(&q, P_TEXT(f->to));
    }
    buf_adds(&q.sql, " ORDER BY d.date DESC, d.id, q.i");
    qb_limit(&q, f);
    int rc = qb_run(s, &q, out);
    free(pat);
    return rc;
}

int store_search(store *s, const char *words, int any, size_t limit, store_table *out)
{
    memset(out, 0, sizeof *out);
    buf stems, query, sql;
    buf_init(&stems);
    buf_init(&query);
    buf_init(&sql);
    void *ts = tok_create(s->seg);
    if (!ts) return fail(s, "out of memory");
    int rc = tok_tokenize(ts, words, strlen(words), stems_cb, &stems);
    tok_destroy(ts);
    if (rc == 0 && s->d->fts_query(words, buf_cstr(&stems), any, &query) != 0)
        rc = fail(s, "nothing to search for in '%s'", words);
    if (rc == 0) {
        buf_printf(&sql,
                   "SELECT d.id AS doc, d.date, s.i AS sentence, x.score, x.snippet, d.title "
                   "FROM (%s) x JOIN sentences s ON s.key = x.key "
                   "JOIN documents d ON d.key = s.doc ORDER BY x.score DESC, d.id, s.i",
                   s->d->fts_search);
        qparam p[2] = {P_TEXT(buf_cstr(&query)), P_INT(limit ? (int64_t)limit : 20)};
        rc = sql.failed || query.failed ? fail(s, "out of memory")
                                        : query_table(s, buf_cstr(&sql), p, 2, out);
    }
    buf_free(&stems);
    buf_free(&query);
    buf_free(&sql);
    return rc;
}

int store_mixed(store *s, const char *by, const store_filter *f, store_table *out)
{
    buf per;
    if (period_sql(s, by, &per) != 0) return -1;
    store_filter g = all_rows(f);
    qbuild q;
    qb_init(&q);
    buf_printf(&q.sql,
               "SELECT period, a, b, cooperation, conflict, "
               "CASE WHEN cooperation < conflict THEN cooperation ELSE conflict END AS score, "
               "goldstein_mean FROM (SELECT %s AS period, "
               "CASE WHEN s.source_country < s.target_country THEN s.source_country "
               "ELSE s.target_country END AS a, "
               "CASE WHEN s.source_country < s.target_country THEN s.target_country "
               "ELSE s.source_country END AS b, "
               "sum(CASE WHEN s.quad <= 2 THEN 1 ELSE 0 END) AS cooperation, "
               "sum(CASE WHEN s.quad >= 3 THEN 1 ELSE 0 END) AS conflict, "
               "avg(s.goldstein) AS goldstein_mean "
               "FROM stories s WHERE s.date <> ''",
               buf_cstr(&per));
    qb_story_filter(&q, "s", &g);
    qb_edge(&q, "s");
    buf_adds(&q.sql, " GROUP BY period, a, b) x WHERE cooperation > 0 AND conflict > 0 "
                     "ORDER BY score DESC, period DESC, a, b");
    qb_limit(&q, f);
    buf_free(&per);
    return qb_run(s, &q, out);
}

/* ---- triads ---- */

typedef struct tri_edge {
    const char *a, *b; /* a < b */
    int sign;
} tri_edge;

typedef struct tri_seen {
    char key[12]; /* "AAA BBB CCC" */
    int balance;
    char period[16];
} tri_seen;

static int edge_sign(const tri_edge *e, size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(e[i].a, a) == 0 && strcmp(e[i].b, b) == 0) return e[i].sign;
    return 2; /* no edge */
}

static const char *sign_str(int s)
{
    return s > 0 ? "+" : s < 0 ? "-" : "0";
}

static int add_text(store_value *v, const char *s)
{
    return val_text(v, s, strlen(s));
}

int store_triads(store *s, const char *by, int all, const store_filter *f, store_table *out)
{
    memset(out, 0, sizeof *out);
    buf per;
    if (period_sql(s, by, &per) != 0) return -1;
    store_filter g = all_rows(f);
    g.a = g.b = NULL;
    qbuild q;
    qb_init(&q);
    buf_printf(&q.sql,
               "SELECT period, a, b, avg(goldstein) AS g FROM (SELECT %s AS period, "
               "CASE WHEN s.source_country < s.target_country THEN s.source_country "
               "ELSE s.target_country END AS a, "
               "CASE WHEN s.source_country < s.target_country THEN s.target_country "
               "ELSE s.source_country END AS b, s.goldstein AS goldstein "
               "FROM stories s WHERE s.date <> ''",
               buf_cstr(&per));
    buf_free(&per);
    qb_story_filter(&q, "s", &g);
    qb_edge(&q, "s");
    buf_adds(&q.sql, ") x GROUP BY period, a, b ORDER BY period, a, b");
    store_table e;
    if (qb_run(s, &q, &e) != 0) return -1;

    static const char *const cols[] = {"period", "a",  "b",       "c",      "ab",
                                       "bc",     "ac", "balance", "change", "previous"};
    if (table_init(out, 10, cols) != 0) {
        store_table_free(&e);
        return fail(s, "out of memory");
    }
    tri_edge *edges = calloc(e.nrows ? e.nrows : 1, sizeof *edges);
    tri_seen *seen = NULL;
    size_t n_seen = 0, cap_seen = 0;
    int rc = edges ? 0 : -1;
    for (size_t lo = 0; rc == 0 && lo < e.nrows;) {
        const char *period = store_cell(&e, lo, 0)->s;
        size_t hi = lo, n = 0;
        while (hi < e.nrows && strcmp(store_cell(&e, hi, 0)->s, period) == 0) {
            double gm = store_num(store_cell(&e, hi, 3));
            edges[n++] = (tri_edge){store_cell(&e, hi, 1)->s, store_cell(&e, hi, 2)->s,
                                    gm > 0   ? 1
                                    : gm < 0 ? -1
                                             : 0};
            hi++;
        }
        /* Edges are sorted by (a, b): a triangle a < b < c is (a,b), (a,c), (b,c). */
        for (size_t i = 0; rc == 0 && i < n; i++) {
            for (size_t j = i + 1; rc == 0 && j < n; j++) {
                if (strcmp(edges[j].a, edges[i].a) != 0) break;
                const char *A = edges[i].a, *B = edges[i].b, *C = edges[j].b;
                int bc = edge_sign(edges, n, B, C);
                if (bc == 2) continue;
                int ab = edges[i].sign, ac = edges[j].sign;
                int bal = ab * bc * ac;
                char key[12];
                snprintf(key, sizeof key, "%.3s %.3s %.3s", A, B, C);
                tri_seen *prev = NULL;
                for (size_t k = 0; k < n_seen; k++)
                    if (strcmp(seen[k].key, key) == 0) prev = &seen[k];
                const char *change = "";
                char prev_period[16] = "";
                if (prev) {
                    snprintf(prev_period, sizeof prev_period, "%s", prev->period);
                    if (prev->balance != bal)
                        change = bal < 0   ? "became unbalanced"
                                 : bal > 0 ? "became balanced"
                                           : "became undetermined";
                }
                if (all || bal < 0 || *change) {
                    store_value *row = table_row(out);
                    if (!row || add_text(&row[0], period) || add_text(&row[1], A) ||
                        add_text(&row[2], B) || add_text(&row[3], C) ||
                        add_text(&row[4], sign_str(ab)) || add_text(&row[5], sign_str(bc)) ||
                        add_text(&row[6], sign_str(ac)) ||
                        add_text(&row[7], bal > 0   ? "balanced"
                                          : bal < 0 ? "unbalanced"
                                                    : "undetermined") ||
                        add_text(&row[8], change) || add_text(&row[9], prev_period))
                        rc = -1;
                }
                if (!prev) {
                    if (n_seen == cap_seen) {
                        cap_seen = cap_seen ? cap_seen * 2 : 32;
                        tri_seen *ns = realloc(seen, cap_seen * sizeof *ns);
                        if (!ns) {
                            rc = -1;
                            break;
                        }
                        seen = ns;
                    }
                    prev = &seen[n_seen++];
                    snprintf(prev->key, sizeof prev->key, "%s", key);
                }
                prev->balance = bal;
                snprintf(prev->period, sizeof prev->period, "%s", period);
            }
        }
        lo = hi;
    }
    free(edges);
    free(seen);
    store_table_free(&e);
    if (rc != 0) {
        store_table_free(out);
        return fail(s, "out of memory");
    }
    return 0;
}

int store_counts(store *s, store_table *out)
{
    return query_table(s,
                       "SELECT (SELECT count(*) FROM documents) AS documents, "
                       "(SELECT count(*) FROM sentences) AS sentences, "
                       "(SELECT count(*) FROM actors) AS actors, "
                       "(SELECT count(*) FROM mentions) AS mentions, "
                       "(SELECT count(*) FROM events) AS events, "
                       "(SELECT count(*) FROM stories) AS stories, "
                       "(SELECT count(*) FROM quotes) AS quotes",
                       NULL, 0, out);
}

int store_sql(store *s, const char *sql, store_table *out)
{
    return query_table(s, sql, NULL, 0, out);
}

/* ---- exports ---- */

const char *const store_gdelt_columns[61] = {
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
};

typedef struct export_ctx {
    FILE *out;
    store_export_format fmt;
    long rows;
    buf line;
    char **names;
    int ncols;
} export_ctx;

/* A TSV field: tabs and line breaks become spaces. */
static void tsv_field(buf *b, const char *s)
{
    for (; s && *s; s++) buf_addc(b, (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s);
}

static const char *col_text(store *s, void *st, int i)
{
    const char *t =
        s->be->column_type(st, i) == STORE_NULL ? NULL : s->be->column_text(st, i, NULL);
    return t ? t : "";
}

/* The ten Actor columns of a side. */
static void gdelt_actor(buf *b, const char *code, const char *name)
{
    size_t n = strlen(code);
    tsv_field(b, code);
    buf_addc(b, '\t');
    tsv_field(b, name);
    buf_addc(b, '\t');
    buf_printf(b, "%.3s\t", n >= 3 ? code : "");
    buf_adds(b, "\t\t\t\t"); /* known group, ethnic, religion 1 and 2 */
    buf_printf(b, "%.3s\t", n >= 6 ? code + 3 : "");
    buf_printf(b, "%.3s\t", n >= 9 ? code + 6 : "");
    buf_addc(b, '\t'); /* type 3 */
}

static int gdelt_row(void *ctx, store *s, void *st, int ncols)
{
    export_ctx *x = ctx;
    buf *b = &x->line;
    buf_reset(b);
    /* Columns: id, date, source, source_name, target, target_name, is_root,
     * code, root, quad, goldstein, mentions, sources, articles, url, doc,
     * coded_at. */
    const char *date = col_text(s, st, 1);
    int y = 0, m = 0, d = 0;
    if (cal_parse_iso(date, strlen(date), &y, &m, &d) != 0) return 0;
    long doy = cal_to_days(y, m, d) - cal_to_days(y, 1, 1) + 1;
    buf_printf(b, "%lld\t%04d%02d%02d\t%04d%02d\t%04d\t%.4f\t", (long long)s->be->column_int(st, 0),
               y, m, d, y, m, y, y + (double)doy / (cal_is_leap(y) ? 366.0 : 365.0));
    gdelt_actor(b, col_text(s, st, 2), col_text(s, st, 3));
    gdelt_actor(b, col_text(s, st, 4), col_text(s, st, 5));
    const char *code = col_text(s, st, 7);
    buf_printf(b, "%lld\t%s\t%.3s\t%s\t%lld\t%.1f\t%lld\t%lld\t%lld\t",
               (long long)s->be->column_int(st, 6), code, code, col_text(s, st, 8),
               (long long)s->be->column_int(st, 9), s->be->column_real(st, 10),
               (long long)s->be->column_int(st, 11), (long long)s->be->column_int(st, 12),
               (long long)s->be->column_int(st, 13));
    /* AvgTone: the mean tone of the documents reporting the story; then
     * 3 × 8 geo columns, unknown. */
    if (ncols > 17 && s->be->column_type(st, 17) != STORE_NULL)
        buf_printf(b, "%.4f", s->be->column_real(st, 17));
    for (int i = 0; i < 25; i++) buf_addc(b, '\t');
    const char *added = col_text(s, st, 16);
    for (; *added; added++)
        if (*added >= '0' && *added <= '9') buf_addc(b, *added);
    buf_addc(b, '\t');
    const char *url = col_text(s, st, 14);
    tsv_field(b, *url ? url : col_text(s, st, 15));
    buf_addc(b, '\n');
    if (b->failed) return -1;
    fwrite(b->data, 1, b->len, x->out);
    x->rows++;
    return 0;
}

static void csv_field(buf *b, const char *s, size_t n)
{
    int quote = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') quote = 1;
    if (!quote) {
        buf_add(b, s, n);
        return;
    }
    buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') buf_addc(b, '"');
        buf_addc(b, s[i]);
    }
    buf_addc(b, '"');
}

static int events_row(void *ctx, store *s, void *st, int ncols)
{
    export_ctx *x = ctx;
    buf *b = &x->line;
    buf_reset(b);
    if (x->fmt == STORE_EXPORT_CSV && x->rows == 0) {
        for (int i = 0; i < ncols; i++) {
            if (i) buf_addc(b, ',');
            buf_adds(b, s->be->column_name(st, i));
        }
        buf_addc(b, '\n');
    }
    if (x->fmt == STORE_EXPORT_JSONL) buf_addc(b, '{');
    for (int i = 0; i < ncols; i++) {
        int type = s->be->column_type(st, i);
        if (x->fmt == STORE_EXPORT_JSONL) {
            if (i) buf_addc(b, ',');
            json_key(b, s->be->column_name(st, i));
            if (type == STORE_NULL)
                buf_adds(b, "null");
            else if (type == STORE_INT)
                json_int(b, s->be->column_int(st, i));
            else if (type == STORE_REAL)
                json_num(b, s->be->column_real(st, i), 3);
            else {
                size_t n;
                const char *t = s->be->column_text(st, i, &n);
                json_str(b, t ? t : "", t ? n : 0);
            }
        } else {
            if (i) buf_addc(b, ',');
            if (type == STORE_NULL) continue;
            if (type == STORE_REAL) {
                buf_printf(b, "%.3f", s->be->column_real(st, i));
            } else {
                size_t n;
                const char *t = s->be->column_text(st, i, &n);
                csv_field(b, t ? t : "", t ? n : 0);
            }
        }
    }
    buf_adds(b, x->fmt == STORE_EXPORT_JSONL ? "}\n" : "\n");
    if (b->failed) return -1;
    fwrite(b->data, 1, b->len, x->out);
    x->rows++;
    return 0;
}

long store_export(store *s, store_export_format fmt, const store_filter *f, FILE *out)
{
    qbuild q;
    qb_init(&q);
    store_filter g = {0};
    if (f) {
        g.from = f->from;
        g.to = f->to;
    }
    if (fmt == STORE_EXPORT_GDELT) {
        buf_adds(&q.sql, "SELECT s.id, s.date, s.source, s.source_name, s.target, s.target_name, "
                         "s.is_root, s.code, s.root, s.quad, s.goldstein, s.num_mentions, "
                         "s.num_sources, s.num_articles, d.url, d.id, d.coded_at, "
                         "(SELECT avg(dd.tone) FROM events e JOIN documents dd ON dd.key = e.doc "
                         "WHERE e.story = s.id) "
                         "FROM stories s JOIN documents d ON d.key = s.first_doc "
                         "WHERE s.date <> ''");
        qb_story_filter(&q, "s", &g);
        buf_adds(&q.sql, " ORDER BY s.id");
    } else {
        buf_adds(&q.sql,
                 "SELECT d.id AS doc, e.i AS event, e.date, d.url, e.code, e.root, e.quad, "
                 "e.goldstein, e.source_code, e.source_name, e.source_implicit, e.target_code, "
                 "e.target_name, e.target_implicit, e.sentence, e.evidence, e.modality, "
                 "e.negated, e.pattern, e.story, s.num_mentions, s.num_sources, "
                 "s.num_articles, s.is_root FROM events e JOIN documents d ON d.key = e.doc "
                 "JOIN stories s ON s.id = e.story WHERE 1 = 1");
        qb_story_filter(&q, "e", &g);
        buf_adds(&q.sql, " ORDER BY d.key, e.i");
    }
    export_ctx x = {.out = out, .fmt = fmt};
    buf_init(&x.line);
    int rc = q.sql.failed ? fail(s, "out of memory")
                          : query_each(s, buf_cstr(&q.sql), q.p, q.n,
                                       fmt == STORE_EXPORT_GDELT ? gdelt_row : events_row, &x);
    buf_free(&q.sql);
    buf_free(&x.line);
    return rc == 0 ? x.rows : -1;
}

/* ---- rendering ---- */

void store_sparkline(const double *v, size_t n, double lo, double hi, buf *out)
{
    static const char *const bars[8] = {"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
                                        "\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86",
                                        "\xe2\x96\x87", "\xe2\x96\x88"};
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]) || hi <= lo) {
            buf_addc(out, isnan(v[i]) ? ' ' : '-');
            continue;
        }
        double t = (v[i] - lo) / (hi - lo);
        int k = (int)floor(t * 8.0);
        if (k < 0) k = 0;
        if (k > 7) k = 7;
        buf_adds(out, bars[k]);
    }
}

void store_table_json(const store_table *t, buf *out)
{
    buf_addc(out, '[');
    for (size_t r = 0; r < t->nrows; r++) {
        buf_adds(out, r ? ",{" : "{");
        for (size_t c = 0; c < t->ncols; c++) {
            if (c) buf_addc(out, ',');
            json_key(out, t->cols[c]);
            const store_value *v = store_cell(t, r, c);
            switch (v->type) {
            case STORE_INT:
                json_int(out, v->i);
                break;
            case STORE_REAL:
                json_num(out, v->d, 3);
                break;
            case STORE_TEXT:
                json_cstr(out, v->s);
                break;
            default:
                buf_adds(out, "null");
            }
        }
        buf_addc(out, '}');
    }
    buf_addc(out, ']');
}

void store_table_csv(const store_table *t, buf *out)
{
    char tmp[64];
    for (size_t c = 0; c < t->ncols; c++) {
        if (c) buf_addc(out, ',');
        csv_field(out, t->cols[c], strlen(t->cols[c]));
    }
    buf_addc(out, '\n');
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            if (c) buf_addc(out, ',');
            const store_value *v = store_cell(t, r, c);
            if (v->type == STORE_REAL) {
                snprintf(tmp, sizeof tmp, "%.3f", v->d);
                buf_adds(out, tmp);
            } else {
                const char *x = store_text(v, tmp, sizeof tmp);
                csv_field(out, x, strlen(x));
            }
        }
        buf_addc(out, '\n');
    }
}

/* Code points of s[0..n). */
static size_t u8_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Byte length of the first w code points of s. */
static size_t u8_prefix(const char *s, size_t w)
{
    size_t i = 0;
    while (s[i] && w) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80) i++;
        w--;
    }
    return i;
}

void store_table_text(const store_table *t, size_t maxw, buf *out)
{
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    if (!width) {
        out->failed = 1;
        return;
    }
    char tmp[64];
    for (size_t c = 0; c < t->ncols; c++) width[c] = u8_width(t->cols[c], strlen(t->cols[c]));
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            const char *x = store_text(store_cell(t, r, c), tmp, sizeof tmp);
            size_t w = u8_width(x, strlen(x));
            for (const char *p = x; *p; p++)
                if (*p == '\n' || *p == '\t') w += 0;
            if (maxw && w > maxw) w = maxw;
            if (w > width[c]) width[c] = w;
        }
    for (size_t c = 0; c < t->ncols; c++) {
        size_t w = u8_width(t->cols[c], strlen(t->cols[c]));
        buf_adds(out, t->cols[c]);
        if (c + 1 < t->ncols)
            for (size_t k = w; k < width[c] + 2; k++) buf_addc(out, ' ');
    }
    buf_addc(out, '\n');
    for (size_t c = 0; c < t->ncols; c++) {
        for (size_t k = 0; k < width[c]; k++) buf_adds(out, "\xe2\x94\x80");
        if (c + 1 < t->ncols) buf_adds(out, "  ");
    }
    buf_addc(out, '\n');
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const store_value *v = store_cell(t, r, c);
            const char *x = store_text(v, tmp, sizeof tmp);
            size_t len = strlen(x), w = u8_width(x, len);
            int cut = 0;
            if (maxw && w > maxw) {
                len = u8_prefix(x, maxw - 1);
                w = maxw;
                cut = 1;
            }
            int right = v->type == STORE_INT || v->type == STORE_REAL;
            size_t pad = width[c] > w ? width[c] - w : 0;
            if (right)
                for (size_t k = 0; k < pad; k++) buf_addc(out, ' ');
            for (size_t k = 0; k < len; k++)
                buf_addc(out, (x[k] == '\n' || x[k] == '\t') ? ' ' : x[k]);
            if (cut) buf_adds(out, "\xe2\x80\xa6");
            if (c + 1 < t->ncols) {
                if (!right)
                    for (size_t k = 0; k < pad; k++) buf_addc(out, ' ');
                buf_adds(out, "  ");
            }
        }
        buf_addc(out, '\n');
    }
    free(width);
}
