/* store.h — the event store: coded documents kept in a database, and the
 * questions an analyst asks of them.
 *
 * One interface, written once (store.c): the schema, idempotent ingest,
 * story dedup, every query and every export. A backend (store_sqlite.c,
 * store_pg.c) only moves SQL and values: it provides the small table
 * of operations in store_backend and the few dialect differences in
 * store_dialect. SQL in store.c is written once for both: parameters are
 * numbered ?1, ?2 … (a PostgreSQL backend turns '?' into '$'), upserts use
 * ON CONFLICT, inserts that need their new key use RETURNING, dates are
 * TEXT 'YYYY-MM-DD' compared and cut with substr().
 *
 * Every query returns a store_table (named columns, typed cells) that the
 * CLI prints as a table, JSON or CSV and that an HTTP API can serialise the
 * same way. docs/STORE.md describes the schema and the rules.
 */
#ifndef DYAD_STORE_H
#define DYAD_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dyad.h"

struct buf;
struct ingest;

/* ---- result tables ---- */

typedef enum store_type { STORE_NULL = 0, STORE_INT, STORE_REAL, STORE_TEXT } store_type;

typedef struct store_value {
    int type;  /* store_type */
    int64_t i; /* STORE_INT */
    double d;  /* STORE_REAL */
    char *s;   /* STORE_TEXT, owned by the table */
} store_value;

typedef struct store_table {
    size_t ncols, nrows, cap_rows;
    char **cols;        /* column names, owned */
    store_value *cells; /* row-major: cells[row * ncols + col] */
} store_table;

static inline const store_value *store_cell(const store_table *t, size_t row, size_t col)
{
    return &t->cells[row * t->ncols + col];
}
/* The index of column name in t, or -1. */
int store_col(const store_table *t, const char *name);
/* A cell as a number (NULL and text count as 0) and as text ("" for NULL;
 * numbers are formatted into tmp, at least 32 bytes). */
double store_num(const store_value *v);
const char *store_text(const store_value *v, char *tmp, size_t tmplen);
void store_table_free(store_table *t);

/* ---- the backend seam ---- */

enum { STORE_DONE = 0, STORE_ROW = 1, STORE_ERR = -1 };

/* Splits text into search tokens the way dyad matches words (segmenter,
 * folding, Snowball stems): calls emit for every word and number with its
 * stem (or folded form) and its byte span in text. Backends that index text
 * themselves (FTS5) plug this into their tokenizer; the others index the
 * stems store.c hands them. */
typedef int (*store_emit_fn)(void *ctx, const char *tok, size_t n, size_t start, size_t end);
typedef struct store_tokenizer {
    void *shared;                  /* passed to create */
    void *(*create)(void *shared); /* per-thread state (stem cache, buffers) */
    void (*destroy)(void *state);
    int (*tokenize)(void *state, const char *text, size_t len, store_emit_fn emit, void *ctx);
} store_tokenizer;

/* Operations of a database backend. Statements are opaque; bind indices
 * start at 1; step returns STORE_ROW, STORE_DONE or STORE_ERR; column_type
 * returns a store_type. Texts returned by column_text live until the next
 * step, reset or finalize. Functions returning int return 0 or -1. */
typedef struct store_backend {
    const char *name;
    int (*open)(const char *target, const store_tokenizer *tok, void **conn, char *err,
                size_t errlen);
    void (*close)(void *conn);
    int (*exec)(void *conn, const char *sql); /* one or more statements, no parameters */
    void *(*prepare)(void *conn, const char *sql);
    int (*bind_null)(void *st, int i);
    int (*bind_int)(void *st, int i, int64_t v);
    int (*bind_real)(void *st, int i, double v);
    int (*bind_text)(void *st, int i, const char *s, size_t n);
    int (*step)(void *st);
    int (*column_count)(void *st);
    const char *(*column_name)(void *st, int i);
    int (*column_type)(void *st, int i);
    int64_t (*column_int)(void *st, int i);
    double (*column_real)(void *st, int i);
    const char *(*column_text)(void *st, int i, size_t *n);
    int (*reset)(void *st); /* ready to bind and step again; clears bindings */
    void (*finalize)(void *st);
    int (*begin)(void *conn);
    int (*commit)(void *conn);
    int (*rollback)(void *conn);
    const char *(*errmsg)(void *conn);
} store_backend;

/* The SQL that differs between backends. Schema text in store.c uses {PK},
 * {INT} and {REAL}, replaced by pk, integer and real. */
typedef struct store_dialect {
    const char *pk;   /* an auto-numbered integer primary key column type */
    const char *real; /* a double-precision column type */
    /* The type of every other integer column, the same as pk's so that one
     * parameter can meet both in a statement (NULL: INTEGER). */
    const char *integer;
    /* The full-text index over sentences (run after the tables exist). */
    const char *fts_schema;
    /* ?1 the query (see fts_query), ?2 the row limit. Columns: the sentence
     * key, a score (higher is better), a snippet with [matches] marked. */
    const char *fts_search;
    /* For backends whose index cannot call the dyad tokenizer (NULL for
     * SQLite, whose FTS5 table is kept by triggers): ?1 a sentence key, ?2
     * the stems of its text separated by spaces; run after each sentence
     * insert. And ?1 a document key: run before its sentences are deleted. */
    const char *fts_index;
    const char *fts_unindex_doc;
    /* Rebuilds the index from the sentences (after a recode, whose new
     * dictionaries may split words differently); NULL when not needed. */
    const char *fts_rebuild;
    /* Turns the user's words into ?1 of fts_search. stems: the same words
     * through the dyad tokenizer, for backends that cannot call it. any: OR
     * instead of AND. Returns 0, -1 when nothing is searchable. */
    int (*fts_query)(const char *words, const char *stems, int any, struct buf *out);
} store_dialect;

extern const store_backend store_sqlite_backend;
extern const store_dialect store_sqlite_dialect;
/* store_pg.c: libpq; chosen for postgres:// and postgresql:// targets. */
extern const store_backend store_pg_backend;
extern const store_dialect store_pg_dialect;

/* ---- opening ---- */

typedef struct store store;

/* Opens (creating if needed) the store at target: a file path for SQLite,
 * a postgres:// or postgresql:// URL (libpq's connection URI) for
 * PostgreSQL. dict_dir is the dictionary folder for the search tokenizer and
 * the dict_version of coded documents (NULL: $DYAD_DICT, else built-in). */
int store_open(const char *target, const char *dict_dir, store **out, char *err, size_t errlen);
void store_close(store *s);
const char *store_error(const store *s);
/* The version stamped on documents coded now: library version + a hash of
 * the dictionary files. */
const char *store_dict_version(const store *s);

int store_begin(store *s);
int store_commit(store *s);
int store_rollback(store *s);

/* ---- ingest ---- */

typedef enum store_outcome { STORE_ADDED = 0, STORE_DUP_ID, STORE_DUP_TEXT } store_outcome;

/* 1 when a document with this id is stored, 0 when not, -1 on error. */
int store_has_doc(store *s, const char *id);

/* Stores one coded document with its sentences, actors, mentions and events
 * (and their stories), inside the caller's transaction. A document whose id
 * or normalised text is already stored is left alone (*outcome says which).
 * Returns 0 or -1 (store_error). */
int store_put(store *s, const dyad_record *r, store_outcome *outcome);

typedef struct store_ingest_options {
    size_t batch;      /* documents per transaction, default 200 */
    unsigned delay_ms; /* pause after each document (for crash tests) */
    /* Called with one line per document that could not be coded. */
    void (*on_error)(void *ctx, const char *msg);
    void *ctx;
} store_ingest_options;

typedef struct store_ingest_stats {
    size_t added, dup_id, dup_text, failed;
} store_ingest_stats;

/* Reads every document of in, codes it with c and stores it, committing
 * every batch. A document already stored by id is skipped before coding.
 * Returns 0, or -1 on a database error (the open batch is rolled back). */
int store_ingest(store *s, dyad_coder *c, struct ingest *in, const store_ingest_options *o,
                 store_ingest_stats *st);

/* Codes stored documents again with c (all of them, or only those whose
 * dict_version differs from the current one), replacing their sentences,
 * actors, mentions and events and updating stories. */
int store_recode(store *s, dyad_coder *c, int all, size_t batch, size_t *recoded);

/* The normalised text hash used for dedup (32 hex digits + NUL in out):
 * folded text with runs of whitespace made one space, trimmed. */
void store_text_hash(const char *text, size_t len, char out[33]);

/* ---- questions ---- */

typedef struct store_filter {
    const char *from, *to; /* inclusive dates YYYY-MM-DD; NULL: open */
    const char *a, *b;     /* country codes (first 3 letters of actor codes) */
    int both;              /* a→b and b→a */
    const char *root;      /* CAMEO root "16", NULL: any */
    const char *code;      /* CAMEO code prefix "163", NULL: any */
    int quad;              /* 1–4, 0: any */
    size_t limit;          /* 0: no limit */
} store_filter;

/* Story events (deduplicated), newest first. */
int store_events(store *s, const store_filter *f, store_table *out);
/* Per period (by: day, month, quarter, year) and direction a→b, b→a: the
 * number of events, their count per QuadClass, mean and sum of Goldstein. */
int store_relations(store *s, const char *a, const char *b, const char *by, const store_filter *f,
                    store_table *out);
/* Countries as nodes (events as source and as target) and directed dyads
 * as edges (events, mean Goldstein). */
int store_graph(store *s, const store_filter *f, store_table *nodes, store_table *edges);
/* Quotations whose speaker name contains speaker (folded), NULL: all. */
int store_quotes(store *s, const char *speaker, const store_filter *f, store_table *out);
/* Sentences matching the words (stemmed like dyad), best first, with a
 * snippet. any: any word instead of all. */
int store_search(store *s, const char *words, int any, size_t limit, store_table *out);
/* Pairs of countries with both cooperation (QuadClass 1–2) and conflict
 * (3–4) in the same period, ranked by min(cooperation, conflict). */
int store_mixed(store *s, const char *by, const store_filter *f, store_table *out);
/* Triangles of countries per period: the sign of each edge (mean Goldstein
 * over both directions), balance = product of signs; unbalanced triangles
 * and those whose balance changed since their previous period (all: every
 * triangle). */
int store_triads(store *s, const char *by, int all, const store_filter *f, store_table *out);

/* Counts of stored rows, for summaries and tests: documents, sentences,
 * actors, mentions, events, stories, quotes. */
int store_counts(store *s, store_table *out);

/* Runs one SQL statement of the caller and returns its rows (tests, ad-hoc
 * reads); no parameters. */
int store_sql(store *s, const char *sql, store_table *out);

/* ---- exports ---- */

typedef enum store_export_format {
    STORE_EXPORT_GDELT = 0,
    STORE_EXPORT_CSV,
    STORE_EXPORT_JSONL
} store_export_format;

/* GDELT 2.0 events TSV (61 columns, one story a row, no header), or the
 * per-document events as CSV with a header or JSON Lines. Dates filter by
 * f->from/f->to. Returns the number of rows, -1 on error. */
long store_export(store *s, store_export_format fmt, const store_filter *f, FILE *out);

/* The 61 GDELT 2.0 event column names, in order. */
extern const char *const store_gdelt_columns[61];

/* ---- rendering shared by the CLI and a future HTTP API ---- */

/* Appends a sparkline of values (one of ▁▂▃▄▅▆▇█ each, a space for NaN)
 * scaled to [lo, hi]. */
void store_sparkline(const double *values, size_t n, double lo, double hi, struct buf *out);
/* Appends t as a JSON array of objects. */
void store_table_json(const store_table *t, struct buf *out);
/* Appends t as CSV with a header line (RFC 4180). */
void store_table_csv(const store_table *t, struct buf *out);
/* Appends t as an aligned text table; cells longer than maxw code points
 * are cut with an ellipsis (0: no limit). */
void store_table_text(const store_table *t, size_t maxw, struct buf *out);

#endif
