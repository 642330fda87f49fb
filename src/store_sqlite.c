/* store_sqlite.c — the SQLite backend of the store (store.h).
 *
 * Only what is SQLite's: the connection and its settings (WAL journal, so a
 * killed process leaves a consistent file; a busy timeout for concurrent
 * readers), statements, transactions, and the full-text index: an FTS5
 * table over sentences whose tokenizer "dyad" is registered here and calls
 * dyad's own segmenter, folding and stems (store.c's store_tokenizer), so a
 * search for one word form finds the others.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store.h"

typedef struct sq_conn {
    sqlite3 *db;
    store_tokenizer tok;
} sq_conn;

/* ---- the FTS5 tokenizer ---- */

typedef struct sq_tok {
    const store_tokenizer *tok;
    void *state;
} sq_tok;

static int sq_tok_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
    const store_tokenizer *t = ctx;
    sq_tok *k = calloc(1, sizeof *k);
    if (!k) return SQLITE_NOMEM;
    k->tok = t;
    k->state = t->create(t->shared);
    if (!k->state) {
        free(k);
        return SQLITE_NOMEM;
    }
    *out = (Fts5Tokenizer *)k;
    return SQLITE_OK;
}

static void sq_tok_delete(Fts5Tokenizer *p)
{
    sq_tok *k = (sq_tok *)p;
    if (!k) return;
    k->tok->destroy(k->state);
    free(k);
}

typedef struct sq_emit {
    void *ctx;
    int (*xToken)(void *, int, const char *, int, int, int);
} sq_emit;

static int sq_emit_token(void *ctx, const char *tok, size_t n, size_t start, size_t end)
{
    sq_emit *e = ctx;
    return e->xToken(e->ctx, 0, tok, (int)n, (int)start, (int)end);
}

static int sq_tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
                           int (*xToken)(void *, int, const char *, int, int, int))
{
    sq_tok *k = (sq_tok *)p;
    sq_emit e = {ctx, xToken};
    if (n <= 0) return SQLITE_OK;
    int rc = k->tok->tokenize(k->state, text, (size_t)n, sq_emit_token, &e);
    return rc < 0 ? SQLITE_NOMEM : rc;
}

static int register_tokenizer(sq_conn *c)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(c->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return -1;
    fts5_tokenizer t = {sq_tok_create, sq_tok_delete, sq_tok_tokenize};
    return api->xCreateTokenizer(api, "dyad", &c->tok, &t, NULL) == SQLITE_OK ? 0 : -1;
}

/* ---- connection ---- */

static int sq_open(const char *target, const store_tokenizer *tok, void **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    sq_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (tok) c->tok = *tok;
    int rc = sqlite3_open_v2(target, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", target, c->db ? sqlite3_errmsg(c->db) : "cannot open");
        sqlite3_close(c->db);
        free(c);
        return -1;
    }
    sqlite3_busy_timeout(c->db, 10000);
    sqlite3_extended_result_codes(c->db, 1);
    char *msg = NULL;
    if (sqlite3_exec(c->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                     "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-262144;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", target, msg ? msg : sqlite3_errmsg(c->db));
        sqlite3_free(msg);
        sqlite3_close(c->db);
        free(c);
        return -1;
    }
    if (tok && register_tokenizer(c) != 0) {
        snprintf(err, errlen, "%s: this SQLite has no FTS5", target);
        sqlite3_close(c->db);
        free(c);
        return -1;
    }
    *out = c;
    return 0;
}

static void sq_close(void *conn)
{
    sq_conn *c = conn;
    if (!c) return;
    sqlite3_close(c->db);
    free(c);
}

static int sq_exec(void *conn, const char *sql)
{
    sq_conn *c = conn;
    return sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static void *sq_prepare(void *conn, const char *sql)
{
    sq_conn *c = conn;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static int sq_bind_null(void *st, int i)
{
    return sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_int(void *st, int i, int64_t v)
{
    return sqlite3_bind_int64(st, i, v) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_real(void *st, int i, double v)
{
    return sqlite3_bind_double(st, i, v) == SQLITE_OK ? 0 : -1;
}

static int sq_bind_text(void *st, int i, const char *s, size_t n)
{
    if (!s) return sq_bind_null(st, i);
    return sqlite3_bind_text64(st, i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK ? 0 : -1;
}

static int sq_step(void *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) return STORE_ROW;
    if (rc == SQLITE_DONE) return STORE_DONE;
    return STORE_ERR;
}

static int sq_column_count(void *st)
{
    return sqlite3_column_count(st);
}

static const char *sq_column_name(void *st, int i)
{
    return sqlite3_column_name(st, i);
}

static int sq_column_type(void *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        return STORE_INT;
    case SQLITE_FLOAT:
        return STORE_REAL;
    case SQLITE_NULL:
        return STORE_NULL;
    default:
        return STORE_TEXT;
    }
}

static int64_t sq_column_int(void *st, int i)
{
    return sqlite3_column_int64(st, i);
}

static double sq_column_real(void *st, int i)
{
    return sqlite3_column_double(st, i);
}

static const char *sq_column_text(void *st, int i, size_t *n)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (n) *n = s ? (size_t)sqlite3_column_bytes(st, i) : 0;
    return s;
}

static int sq_reset(void *st)
{
    sqlite3_reset(st);
    return sqlite3_clear_bindings(st) == SQLITE_OK ? 0 : -1;
}

static void sq_finalize(void *st)
{
    sqlite3_finalize(st);
}

static int sq_begin(void *conn)
{
    return sq_exec(conn, "BEGIN IMMEDIATE");
}

static int sq_commit(void *conn)
{
    return sq_exec(conn, "COMMIT");
}

static int sq_rollback(void *conn)
{
    sq_conn *c = conn;
    if (sqlite3_get_autocommit(c->db)) return 0;
    return sq_exec(conn, "ROLLBACK");
}

static const char *sq_errmsg(void *conn)
{
    sq_conn *c = conn;
    return c && c->db ? sqlite3_errmsg(c->db) : "no database";
}

const store_backend store_sqlite_backend = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .bind_null = sq_bind_null,
    .bind_int = sq_bind_int,
    .bind_real = sq_bind_real,
    .bind_text = sq_bind_text,
    .step = sq_step,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .column_type = sq_column_type,
    .column_int = sq_column_int,
    .column_real = sq_column_real,
    .column_text = sq_column_text,
    .reset = sq_reset,
    .finalize = sq_finalize,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .errmsg = sq_errmsg,
};

/* ---- dialect ---- */

/* FTS5 query syntax: every word a quoted string (so punctuation in the
 * user's words is never an operator), joined by AND (space) or OR. The
 * tokenizer stems each one. */
static int sq_fts_query(const char *words, const char *stems, int any, buf *out)
{
    int n = 0;
    const char *p = words;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') p++;
        if (n++) buf_adds(out, any ? " OR " : " ");
        buf_addc(out, '"');
        for (const char *q = w; q < p; q++) {
            if (*q == '"') buf_addc(out, '"');
            buf_addc(out, *q);
        }
        buf_addc(out, '"');
    }
    return n ? 0 : -1;
}

const store_dialect store_sqlite_dialect = {
    .pk = "INTEGER PRIMARY KEY",
    .real = "REAL",
    .fts_schema = "CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5("
                  "  text, content='sentences', content_rowid='key', tokenize='dyad');\n"
                  "CREATE TRIGGER IF NOT EXISTS sentences_fts_ai AFTER INSERT ON sentences BEGIN\n"
                  "  INSERT INTO sentence_fts(rowid, text) VALUES (new.key, new.text);\n"
                  "END;\n"
                  "CREATE TRIGGER IF NOT EXISTS sentences_fts_ad AFTER DELETE ON sentences BEGIN\n"
                  "  INSERT INTO sentence_fts(sentence_fts, rowid, text) VALUES ('delete', "
                  "old.key, old.text);\n"
                  "END;\n",
    .fts_search = "SELECT rowid AS key, -bm25(sentence_fts) AS score,"
                  " snippet(sentence_fts, 0, '[', ']', '…', 16) AS snippet"
                  " FROM sentence_fts WHERE sentence_fts MATCH ?1"
                  " ORDER BY bm25(sentence_fts) LIMIT ?2",
    .fts_rebuild = "INSERT INTO sentence_fts(sentence_fts) VALUES ('rebuild')",
    .fts_query = sq_fts_query,
};
