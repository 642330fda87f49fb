/* store_pg.c — the PostgreSQL backend of the store (store.h), over libpq.
 *
 * Only what is PostgreSQL's: the connection, statements (store.c's ?N
 * parameters become $N; values travel as text and come back as text, typed
 * by the result's column types), transactions, and the full-text index: a
 * table sentence_fts (key, terms tsvector) with a GIN index, fed by store.c
 * with dyad's own stems of each sentence (PostgreSQL cannot call the dyad
 * tokenizer), searched with to_tsquery over the stems of the user's words,
 * ranked by ts_rank, with a ts_headline snippet of the sentence.
 *
 * Round trips: inside a transaction, a statement that returns no rows
 * (INSERT, UPDATE, DELETE without RETURNING) is sent in libpq's pipeline
 * mode and step returns at once; the next statement that returns rows (or
 * commit) waits for them all in the same round trip, and an error of any of
 * them fails that statement (the batch is then rolled back, as always).
 *
 * Many writers: begin takes a transaction-scoped advisory lock, so writers
 * of one database run one batch at a time (as SQLite's BEGIN IMMEDIATE
 * does) — no deadlock between story upserts and recounts of two batches,
 * and a second `dyad ingest` of the same input sees the first one's
 * committed documents and skips them. The unique constraints on the
 * document id and text hash, with INSERT … ON CONFLICT DO NOTHING, are the
 * last word on doubles whatever the writers do.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "store.h"

/* Type OIDs of pg_type.h (catalog/pg_type_d.h is a server header). */
enum {
    PG_BOOL = 16,
    PG_INT8 = 20,
    PG_INT2 = 21,
    PG_INT4 = 23,
    PG_OID = 26,
    PG_FLOAT4 = 700,
    PG_FLOAT8 = 701,
    PG_NUMERIC = 1700
};

/* The advisory lock of writers ("dyad" in ASCII). */
#define PG_WRITE_LOCK "1685676388"

/* Deferred statements waiting in the pipeline before a sync is forced. */
enum { PG_MAX_PENDING = 512 };

typedef struct pg_conn {
    PGconn *c;
    unsigned long next_stmt;
    int in_tx;   /* between begin and commit/rollback */
    int pipe;    /* in pipeline mode */
    int pending; /* deferred statements sent, results not read */
    int failed;  /* a deferred statement failed: keep its message */
    char err[1024];
} pg_conn;

typedef struct pg_stmt {
    pg_conn *conn;
    char name[32];
    int nparams;
    int deferrable; /* returns no rows: may be pipelined */
    char **vals;    /* owned text values, NULL for SQL NULL */
    int described;
    PGresult *desc; /* the statement's description: result columns */
    PGresult *res;
    int row; /* the current row of res, -1 before the first step */
    int done;
} pg_stmt;

static void set_err(pg_conn *c, const char *what, const PGresult *r)
{
    if (c->failed) return; /* the first error is the one to tell */
    const char *m = r ? PQresultErrorMessage(r) : NULL;
    if (!m || !*m) m = PQerrorMessage(c->c);
    snprintf(c->err, sizeof c->err, "%s%s%s", what ? what : "", what && *what ? ": " : "",
             m && *m ? m : "unknown error");
    size_t n = strlen(c->err);
    while (n && (c->err[n - 1] == '\n' || c->err[n - 1] == ' ')) c->err[--n] = '\0';
}

/* ---- the pipeline ---- */

/* Sends a sync and reads the results of every deferred statement and, when
 * last is not NULL, of the statement sent after them (its result goes to
 * *last); leaves pipeline mode. Returns 0, or -1 with the first error in
 * c->err. Without deferred statements it does nothing. */
static int pg_drain(pg_conn *c, PGresult **last)
{
    if (last) *last = NULL;
    if (!c->pipe) return 0;
#ifdef LIBPQ_HAS_PIPELINING
    int rc = 0, k = 0, want = c->pending + (last ? 1 : 0), nulls = 0;
    if (!PQpipelineSync(c->c)) {
        set_err(c, "pipeline", NULL);
        rc = -1;
    } else {
        for (;;) {
            PGresult *r = PQgetResult(c->c);
            if (!r) {
                /* NULL ends each statement's results; two in a row: the
                 * connection is gone. */
                if (++nulls > 1 || PQstatus(c->c) == CONNECTION_BAD) {
                    set_err(c, "pipeline", NULL);
                    rc = -1;
                    break;
                }
                continue;
            }
            nulls = 0;
            ExecStatusType st = PQresultStatus(r);
            if (st == PGRES_PIPELINE_SYNC) {
                PQclear(r);
                break;
            }
            if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_PIPELINE_ABORTED) {
                set_err(c, NULL, r);
                c->failed = 1;
                rc = -1;
            } else if (st == PGRES_PIPELINE_ABORTED && rc == 0) {
                set_err(c, NULL, r);
                rc = -1;
            }
            if (last && k == want - 1 && rc == 0)
                *last = r;
            else
                PQclear(r);
            k++;
        }
    }
    c->pending = 0;
    if (!PQexitPipelineMode(c->c) && rc == 0) {
        set_err(c, "pipeline", NULL);
        rc = -1;
    }
    c->pipe = 0;
    if (rc != 0 && last && *last) {
        PQclear(*last);
        *last = NULL;
    }
    return rc;
#else
    return 0;
#endif
}

/* Sends deferrable statement st into the pipeline. Returns 0 or -1. */
static int pg_defer(pg_conn *c, const char *name, int n, char **vals)
{
#ifdef LIBPQ_HAS_PIPELINING
    if (!c->pipe) {
        if (!PQenterPipelineMode(c->c)) {
            set_err(c, "pipeline", NULL);
            return -1;
        }
        c->pipe = 1;
    }
    if (!PQsendQueryPrepared(c->c, name, n, (const char *const *)vals, NULL, NULL, 0)) {
        set_err(c, NULL, NULL);
        return -1;
    }
    if (++c->pending >= PG_MAX_PENDING) return pg_drain(c, NULL);
    return 0;
#else
    (void)c;
    (void)name;
    (void)n;
    (void)vals;
    return -1;
#endif
}

/* ---- connection ---- */

static void pg_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* "relation already exists, skipping" and the like */
}

/* target for messages, its password (user:PASSWORD@ or password=…) as ***. */
static void redact(const char *target, char *out, size_t n)
{
    buf b;
    buf_init(&b);
    const char *p = target, *scheme = strstr(target, "://");
    const char *host_end = scheme ? scheme + 3 + strcspn(scheme + 3, "/?") : target;
    const char *at = NULL;
    for (const char *q = scheme ? scheme + 3 : target; scheme && q < host_end; q++)
        if (*q == '@') at = q;
    const char *colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    while (*p) {
        if (colon && p == colon + 1) {
            buf_adds(&b, "***");
            p = at;
        } else if (strncasecmp(p, "password=", 9) == 0 &&
                   (p == target || p[-1] == '?' || p[-1] == '&' || p[-1] == ' ')) {
            buf_adds(&b, "password=***");
            p += 9;
            while (*p && *p != '&' && *p != ' ') p++;
        } else {
            buf_addc(&b, *p++);
        }
    }
    snprintf(out, n, "%s", b.failed ? "the database" : buf_cstr(&b));
    buf_free(&b);
}

static int pg_open(const char *target, const store_tokenizer *tok, void **out, char *err,
                   size_t errlen)
{
    char shown[512];
    redact(target, shown, sizeof shown);
    (void)tok; /* the index is fed with stems by store.c */
    *out = NULL;
    pg_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    c->c = PQconnectdb(target);
    if (!c->c || PQstatus(c->c) != CONNECTION_OK) {
        const char *m = c->c ? PQerrorMessage(c->c) : "cannot connect";
        size_t n = strlen(m);
        while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
        snprintf(err, errlen, "%s: %.*s", shown, (int)n, m);
        PQfinish(c->c);
        free(c);
        return -1;
    }
    PQsetNoticeProcessor(c->c, pg_notice, NULL);
    PGresult *r = PQexec(c->c, "SET client_encoding = 'UTF8'; SET client_min_messages = warning");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok) set_err(c, "settings", r);
    PQclear(r);
    if (!ok) {
        snprintf(err, errlen, "%s: %s", shown, c->err);
        PQfinish(c->c);
        free(c);
        return -1;
    }
    *out = c;
    return 0;
}

static void pg_close(void *conn)
{
    pg_conn *c = conn;
    if (!c) return;
    PQfinish(c->c);
    free(c);
}

static int pg_exec(void *conn, const char *sql)
{
    pg_conn *c = conn;
    if (pg_drain(c, NULL) != 0) return -1;
    PGresult *r = PQexec(c->c, sql);
    ExecStatusType st = PQresultStatus(r);
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok) set_err(c, NULL, r);
    PQclear(r);
    return ok ? 0 : -1;
}

/* ?N → $N outside quoted strings, identifiers and comments; *nparams gets
 * the highest N. */
static char *rewrite_params(const char *sql, int *nparams)
{
    buf b;
    buf_init(&b);
    int max = 0;
    for (const char *p = sql; *p;) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            buf_addc(&b, *p++);
            while (*p) {
                if (*p == q && p[1] == q) {
                    buf_add(&b, p, 2);
                    p += 2;
                    continue;
                }
                if (*p == q) break;
                buf_addc(&b, *p++);
            }
            if (*p) buf_addc(&b, *p++);
        } else if (p[0] == '-' && p[1] == '-') {
            while (*p && *p != '\n') buf_addc(&b, *p++);
        } else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
            p++;
            int n = 0;
            while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
            if (n > max) max = n;
            buf_printf(&b, "$%d", n);
        } else {
            buf_addc(&b, *p++);
        }
    }
    *nparams = max;
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    char *s = strdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* A statement that returns no rows: INSERT, UPDATE or DELETE without
 * RETURNING. */
static int no_rows(const char *sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(') sql++;
    if (strncasecmp(sql, "INSERT", 6) != 0 && strncasecmp(sql, "UPDATE", 6) != 0 &&
        strncasecmp(sql, "DELETE", 6) != 0)
        return 0;
    for (const char *p = sql; *p; p++)
        if (strncasecmp(p, "RETURNING", 9) == 0) return 0;
    return 1;
}

static void *pg_prepare(void *conn, const char *sql)
{
    pg_conn *c = conn;
    if (pg_drain(c, NULL) != 0) return NULL;
    int n = 0;
    char *text = rewrite_params(sql, &n);
    if (!text) {
        snprintf(c->err, sizeof c->err, "out of memory");
        return NULL;
    }
    pg_stmt *st = calloc(1, sizeof *st);
    if (!st || (n && !(st->vals = calloc((size_t)n, sizeof *st->vals)))) {
        free(st);
        free(text);
        snprintf(c->err, sizeof c->err, "out of memory");
        return NULL;
    }
    st->conn = c;
    st->nparams = n;
#ifdef LIBPQ_HAS_PIPELINING
    st->deferrable = no_rows(sql);
#else
    (void)no_rows;
#endif
    st->row = -1;
    snprintf(st->name, sizeof st->name, "dyad_%lu", ++c->next_stmt);
    PGresult *r = PQprepare(c->c, st->name, text, 0, NULL);
    free(text);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        set_err(c, "prepare", r);
        PQclear(r);
        free(st->vals);
        free(st);
        return NULL;
    }
    PQclear(r);
    return st;
}

static int bind_owned(pg_stmt *st, int i, char *v)
{
    if (i < 1 || i > st->nparams) {
        free(v);
        snprintf(st->conn->err, sizeof st->conn->err, "bind: no parameter %d", i);
        return -1;
    }
    free(st->vals[i - 1]);
    st->vals[i - 1] = v;
    return 0;
}

static int pg_bind_null(void *p, int i)
{
    return bind_owned(p, i, NULL);
}

static int pg_bind_int(void *p, int i, int64_t v)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    char *s = strdup(tmp);
    return s ? bind_owned(p, i, s) : -1;
}

static int pg_bind_real(void *p, int i, double v)
{
    char tmp[40];
    if (v != v)
        snprintf(tmp, sizeof tmp, "NaN");
    else if (v > 1.7976931348623157e308)
        snprintf(tmp, sizeof tmp, "Infinity");
    else if (v < -1.7976931348623157e308)
        snprintf(tmp, sizeof tmp, "-Infinity");
    else
        snprintf(tmp, sizeof tmp, "%.17g", v);
    char *s = strdup(tmp);
    return s ? bind_owned(p, i, s) : -1;
}

static int pg_bind_text(void *p, int i, const char *s, size_t n)
{
    if (!s) return pg_bind_null(p, i);
    char *v = strndup(s, n);
    return v ? bind_owned(p, i, v) : -1;
}

static int pg_step(void *p)
{
    pg_stmt *st = p;
    pg_conn *c = st->conn;
    if (st->done) return STORE_DONE;
    if (!st->res) {
        if (c->failed) { /* a deferred statement failed: so does the transaction */
            st->done = 1;
            return STORE_ERR;
        }
        if (st->deferrable && c->in_tx) {
            st->done = 1;
            return pg_defer(c, st->name, st->nparams, st->vals) == 0 ? STORE_DONE : STORE_ERR;
        }
        if (c->pipe) {
            /* This one goes after the deferred ones, in the same round trip. */
            PGresult *r = NULL;
            if (!PQsendQueryPrepared(c->c, st->name, st->nparams, (const char *const *)st->vals,
                                     NULL, NULL, 0)) {
                set_err(c, NULL, NULL);
                pg_drain(c, NULL);
                st->done = 1;
                return STORE_ERR;
            }
            if (pg_drain(c, &r) != 0) {
                st->done = 1;
                return STORE_ERR;
            }
            st->res = r;
        } else {
            st->res = PQexecPrepared(c->c, st->name, st->nparams, (const char *const *)st->vals,
                                     NULL, NULL, 0);
        }
        ExecStatusType s = PQresultStatus(st->res);
        if (s != PGRES_TUPLES_OK && s != PGRES_COMMAND_OK) {
            set_err(st->conn, NULL, st->res);
            PQclear(st->res);
            st->res = NULL;
            st->done = 1;
            return STORE_ERR;
        }
        st->row = -1;
    }
    if (++st->row < PQntuples(st->res)) return STORE_ROW;
    st->done = 1;
    return STORE_DONE;
}

/* The result whose columns describe the statement: the last execution's,
 * else the statement's description. */
static const PGresult *cols_of(pg_stmt *st)
{
    if (st->res) return st->res;
    if (!st->described) {
        st->described = 1;
        if (pg_drain(st->conn, NULL) != 0) return NULL;
        st->desc = PQdescribePrepared(st->conn->c, st->name);
        if (PQresultStatus(st->desc) != PGRES_COMMAND_OK) {
            set_err(st->conn, "describe", st->desc);
            PQclear(st->desc);
            st->desc = NULL;
        }
    }
    return st->desc;
}

static int pg_column_count(void *p)
{
    const PGresult *r = cols_of(p);
    return r ? PQnfields(r) : 0;
}

static const char *pg_column_name(void *p, int i)
{
    const PGresult *r = cols_of(p);
    const char *n = r ? PQfname(r, i) : NULL;
    return n ? n : "";
}

static int cur_ok(const pg_stmt *st, int i)
{
    return st->res && st->row >= 0 && st->row < PQntuples(st->res) && i >= 0 &&
           i < PQnfields(st->res);
}

static int pg_column_type(void *p, int i)
{
    pg_stmt *st = p;
    if (!cur_ok(st, i) || PQgetisnull(st->res, st->row, i)) return STORE_NULL;
    switch (PQftype(st->res, i)) {
    case PG_BOOL:
    case PG_INT2:
    case PG_INT4:
    case PG_INT8:
    case PG_OID:
        return STORE_INT;
    case PG_FLOAT4:
    case PG_FLOAT8:
        return STORE_REAL;
    case PG_NUMERIC: {
        /* sum() of bigints and avg() of integers are numeric: whole
         * numbers stay integers, as SQLite gives them. */
        const char *v = PQgetvalue(st->res, st->row, i);
        return strpbrk(v, ".eEN") ? STORE_REAL : STORE_INT;
    }
    default:
        return STORE_TEXT;
    }
}

static int64_t pg_column_int(void *p, int i)
{
    pg_stmt *st = p;
    if (!cur_ok(st, i) || PQgetisnull(st->res, st->row, i)) return 0;
    const char *v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == PG_BOOL) return v[0] == 't';
    if (PQftype(st->res, i) == PG_NUMERIC || PQftype(st->res, i) == PG_FLOAT8 ||
        PQftype(st->res, i) == PG_FLOAT4)
        return (int64_t)strtod(v, NULL);
    return strtoll(v, NULL, 10);
}

static double pg_column_real(void *p, int i)
{
    pg_stmt *st = p;
    if (!cur_ok(st, i) || PQgetisnull(st->res, st->row, i)) return 0.0;
    const char *v = PQgetvalue(st->res, st->row, i);
    if (PQftype(st->res, i) == PG_BOOL) return v[0] == 't';
    return strtod(v, NULL);
}

static const char *pg_column_text(void *p, int i, size_t *n)
{
    pg_stmt *st = p;
    if (!cur_ok(st, i) || PQgetisnull(st->res, st->row, i)) {
        if (n) *n = 0;
        return NULL;
    }
    if (n) *n = (size_t)PQgetlength(st->res, st->row, i);
    return PQgetvalue(st->res, st->row, i);
}

static int pg_reset(void *p)
{
    pg_stmt *st = p;
    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    st->done = 0;
    for (int k = 0; k < st->nparams; k++) {
        free(st->vals[k]);
        st->vals[k] = NULL;
    }
    return 0;
}

static void pg_finalize(void *p)
{
    pg_stmt *st = p;
    if (!st) return;
    pg_reset(st);
    PQclear(st->desc);
    /* In an aborted transaction this fails; the statement then lives until
     * the connection closes, which is harmless. */
    pg_drain(st->conn, NULL);
    if (PQtransactionStatus(st->conn->c) != PQTRANS_INERROR) {
        char sql[64];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(st->conn->c, sql));
    }
    free(st->vals);
    free(st);
}

static int pg_begin(void *conn)
{
    pg_conn *c = conn;
    c->failed = 0;
    c->err[0] = '\0';
    if (pg_exec(conn, "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")") != 0) return -1;
    c->in_tx = 1;
    return 0;
}

static int pg_commit(void *conn)
{
    pg_conn *c = conn;
    int rc = pg_drain(c, NULL);
    if (rc == 0 && (c->failed || PQtransactionStatus(c->c) == PQTRANS_INERROR)) {
        if (!c->failed)
            snprintf(c->err, sizeof c->err, "commit: the transaction failed and was rolled back");
        rc = -1;
    }
    if (rc == 0)
        rc = pg_exec(conn, "COMMIT");
    else
        PQclear(PQexec(c->c, "ROLLBACK"));
    c->in_tx = 0;
    c->failed = 0;
    return rc;
}

static int pg_rollback(void *conn)
{
    pg_conn *c = conn;
    int failed = c->failed;
    pg_drain(c, NULL);
    c->in_tx = 0;
    c->failed = 0;
    if (PQtransactionStatus(c->c) == PQTRANS_IDLE) return 0;
    /* Keep the message of the error that led here. */
    char keep[sizeof c->err];
    memcpy(keep, c->err, sizeof keep);
    int rc = pg_exec(conn, "ROLLBACK");
    if (failed || rc == 0) memcpy(c->err, keep, sizeof keep);
    return rc;
}

static const char *pg_errmsg(void *conn)
{
    pg_conn *c = conn;
    if (!c) return "no database";
    return c->err[0] ? c->err : PQerrorMessage(c->c);
}

const store_backend store_pg_backend = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .bind_null = pg_bind_null,
    .bind_int = pg_bind_int,
    .bind_real = pg_bind_real,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_type = pg_column_type,
    .column_int = pg_column_int,
    .column_real = pg_column_real,
    .column_text = pg_column_text,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .errmsg = pg_errmsg,
};

/* ---- dialect ---- */

/* A to_tsquery text over the stems of the user's words: each stem a quoted
 * term (so nothing the user typed is an operator), joined by & (all) or |
 * (any). The vector holds the same stems through the same 'simple'
 * configuration, so a stem that the parser splits (a hyphen) splits alike
 * on both sides. */
static int pg_fts_query(const char *words, const char *stems, int any, buf *out)
{
    (void)words;
    int n = 0;
    for (const char *p = stems ? stems : ""; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        const char *w = p;
        while (*p && *p != ' ') p++;
        if (n++) buf_adds(out, any ? " | " : " & ");
        buf_addc(out, '\'');
        for (const char *q = w; q < p; q++) {
            if (*q == '\'' || *q == '\\') buf_addc(out, *q == '\'' ? '\'' : '\\');
            buf_addc(out, *q);
        }
        buf_addc(out, '\'');
    }
    return n ? 0 : -1;
}

/* The snippet marks words of the sentence that begin with a stem of the
 * query (ts_headline parses the original text, not the stems): the
 * query's terms become prefix terms, 'санкц' → 'санкц':*. */
const store_dialect store_pg_dialect = {
    .pk = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .real = "DOUBLE PRECISION",
    .integer = "BIGINT",
    .fts_schema = "CREATE TABLE IF NOT EXISTS sentence_fts (\n"
                  "  key BIGINT PRIMARY KEY REFERENCES sentences (key) ON DELETE CASCADE,\n"
                  "  terms tsvector NOT NULL);\n"
                  "CREATE INDEX IF NOT EXISTS sentence_fts_terms ON sentence_fts USING gin "
                  "(terms);\n",
    .fts_search =
        "SELECT f.key AS key, ts_rank(f.terms, x.q) AS score, "
        "ts_headline('simple', s.text, x.h, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6, "
        "ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"') AS snippet "
        "FROM (SELECT to_tsquery('simple', ?1) AS q, "
        "to_tsquery('simple', replace(?1 || ' ', ''' ', ''':* ')) AS h) x "
        "JOIN sentence_fts f ON f.terms @@ x.q JOIN sentences s ON s.key = f.key "
        "ORDER BY score DESC, f.key LIMIT ?2",
    .fts_index = "INSERT INTO sentence_fts (key, terms) VALUES (?1, to_tsvector('simple', ?2)) "
                 "ON CONFLICT (key) DO UPDATE SET terms = excluded.terms",
    .fts_unindex_doc =
        "DELETE FROM sentence_fts WHERE key IN (SELECT key FROM sentences WHERE doc = ?1)",
    .fts_rebuild = NULL,
    .fts_query = pg_fts_query,
};
