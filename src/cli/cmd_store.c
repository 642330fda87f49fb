/* cmd_store.c — dyad ingest, events, relations, graph, quotes, search,
 * mixed, triads, export, recode: thin clients of src/store.h.
 *
 * Data goes to stdout (a table, JSON or CSV), diagnostics to stderr. Every
 * command takes --db PATH (default ./dyad.db, or $DYAD_DB).
 */
#include "cmd_store.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "calendar.h"
#include "dyad.h"
#include "ingest.h"
#include "store.h"

enum { EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

const char *const CMD_STORE_SUMMARY =
    "  ingest INPUTS...       code documents and keep them in the store (--db, default dyad.db)\n"
    "  events                 events of the store (--dyad JPN:RUS, --from, --to, --root)\n"
    "  relations A B          how relations between two countries move (--by month)\n"
    "  graph                  countries and the events between them (--format json|dot)\n"
    "  quotes                 quotations (--speaker NAME)\n"
    "  search WORDS...        sentences with these words, any form, best first\n"
    "  mixed                  pairs with cooperation and conflict in the same month\n"
    "  triads                 unbalanced and changing triangles of countries\n"
    "  export                 GDELT 2.0 events TSV, events CSV or JSON Lines\n"
    "  recode                 code stored documents again with the current dictionaries\n";

static const char *const COMMON_HELP =
    "\ncommon options:\n"
    "  --db PATH             the store (default ./dyad.db, or $DYAD_DB)\n"
    "  --dict DIR            dictionary folder (default: $DYAD_DICT or built-in)\n"
    "  -h, --help            this text\n";

static const char *const FILTER_HELP = "  --from YYYY-MM-DD     first day (inclusive)\n"
                                       "  --to YYYY-MM-DD       last day (inclusive)\n"
                                       "  --format FMT          table (default), json or csv\n"
                                       "  --limit N             at most N rows\n";

typedef struct cmd_help {
    const char *name, *text;
    int filters; /* show FILTER_HELP */
} cmd_help;

static const cmd_help HELPS[] = {
    {"ingest",
     "usage: dyad ingest [OPTIONS] [FILE|DIR|-]...\n"
     "\n"
     "Codes each document (inputs as for 'dyad code') and stores it with its\n"
     "sentences, actors, mentions and events. A document whose id or normalised\n"
     "text is already stored is skipped, so running the same ingest twice stores\n"
     "everything once. Documents are committed in batches: a killed ingest leaves\n"
     "a consistent store and running it again completes it.\n"
     "\n"
     "options:\n"
     "  --batch N             documents per transaction (default 200)\n"
     "  --date YYYY-MM-DD     date for documents that carry none\n"
     "  --require-date        a document without a date is an error\n"
     "  --input-format FMT    auto (default), seed, jsonl or text\n"
     "  --max-bytes N         largest document text in bytes (suffixes K, M, G)\n"
     "  --delay-ms N          pause after each document (for crash tests)\n"
     "  -q, --quiet           no summary line on stderr\n",
     0},
    {"events",
     "usage: dyad events [OPTIONS]\n"
     "\n"
     "Events of the store, one row per story (the same date, source, target and\n"
     "code reported by several documents is one event), newest first.\n"
     "\n"
     "options:\n"
     "  --dyad A:B            events from country A to country B\n"
     "  --both                with --dyad: both directions\n"
     "  --actor A             events with country A on either side\n"
     "  --root RR             CAMEO root (16)\n"
     "  --code CODE           CAMEO code or its prefix (163)\n"
     "  --quad N              QuadClass 1-4\n",
     1},
    {"relations",
     "usage: dyad relations [OPTIONS] A B\n"
     "\n"
     "Relations between countries A and B per period, both directions: events,\n"
     "their count per QuadClass, mean and sum of Goldstein, and a sparkline of\n"
     "the mean Goldstein (scale -10 to +10).\n"
     "\n"
     "options:\n"
     "  --by PERIOD           day, month (default), quarter or year\n",
     1},
    {"graph",
     "usage: dyad graph [OPTIONS]\n"
     "\n"
     "Countries as nodes and directed dyads as edges with their number of events\n"
     "and mean Goldstein. --format json (nodes and edges), dot (Graphviz) or\n"
     "table.\n",
     1},
    {"quotes",
     "usage: dyad quotes [OPTIONS]\n"
     "\n"
     "Quotations with their speakers.\n"
     "\n"
     "options:\n"
     "  --speaker NAME        speakers whose name contains NAME (any case)\n",
     1},
    {"search",
     "usage: dyad search [OPTIONS] WORDS...\n"
     "\n"
     "Sentences containing every word (in any grammatical form: words are\n"
     "matched by their stems, as the coder matches them), best first (bm25),\n"
     "with a snippet where [brackets] mark the matches.\n"
     "\n"
     "options:\n"
     "  --any                 any of the words instead of all\n",
     1},
    {"mixed",
     "usage: dyad mixed [OPTIONS]\n"
     "\n"
     "Pairs of countries with both cooperation (QuadClass 1-2) and conflict\n"
     "(3-4) in the same period, ranked by min(cooperation, conflict).\n"
     "\n"
     "options:\n"
     "  --by PERIOD           day, month (default), quarter or year\n",
     1},
    {"triads",
     "usage: dyad triads [OPTIONS]\n"
     "\n"
     "Triangles of countries per period: the sign of each edge (mean Goldstein\n"
     "over both directions), balance = product of the signs. Lists unbalanced\n"
     "triangles and those whose balance changed since their previous period.\n"
     "\n"
     "options:\n"
     "  --by PERIOD           day, month (default), quarter or year\n"
     "  --all                 every triangle\n",
     1},
    {"export",
     "usage: dyad export --format gdelt|csv|jsonl [OPTIONS]\n"
     "\n"
     "gdelt: GDELT 2.0 events TSV, 61 columns, one story a row, no header (geo\n"
     "and tone columns empty where unknown; undated events are left out).\n"
     "csv, jsonl: every event of every document with its story counts.\n"
     "\n"
     "options:\n"
     "  --from YYYY-MM-DD, --to YYYY-MM-DD\n",
     0},
    {"recode",
     "usage: dyad recode [OPTIONS]\n"
     "\n"
     "Codes stored documents again with the current dictionaries, replacing\n"
     "their sentences, actors, mentions and events and updating the stories.\n"
     "By default only documents coded with other dictionaries.\n"
     "\n"
     "options:\n"
     "  --all                 every document\n"
     "  --batch N             documents per transaction (default 200)\n"
     "  -q, --quiet           no summary line on stderr\n",
     0},
};

int cmd_store_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof HELPS / sizeof HELPS[0]; i++) {
        if (strcmp(HELPS[i].name, cmd) != 0) continue;
        fputs(HELPS[i].text, stdout);
        if (HELPS[i].filters) fputs(FILTER_HELP, stdout);
        fputs(COMMON_HELP, stdout);
        return 0;
    }
    return -1;
}

/* ---- options shared by the commands ---- */

typedef enum out_format {
    OUT_TABLE = 0,
    OUT_JSON,
    OUT_CSV,
    OUT_DOT,
    OUT_GDELT,
    OUT_JSONL
} out_format;

typedef struct opts {
    const char *db, *dict, *by, *speaker, *format_arg;
    out_format format;
    store_filter f;
    int any, all, quiet;
    size_t batch;
    unsigned delay_ms;
    ingest_options in;
    char a[4], b[4];
    char **pos;
    int npos;
} opts;

static int usage(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "dyad %s: ", cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(run 'dyad %s --help' for usage)\n", cmd);
    return -1;
}

static int parse_count(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > 100000000ull || s[0] == '-') return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-') return -1;
    unsigned long long mult = 1;
    if (*end == 'K' || *end == 'k')
        mult = 1024ull, end++;
    else if (*end == 'M' || *end == 'm')
        mult = 1024ull * 1024, end++;
    else if (*end == 'G' || *end == 'g')
        mult = 1024ull * 1024 * 1024, end++;
    if (*end || v == 0 || v > (unsigned long long)SIZE_MAX / mult) return -1;
    *out = (size_t)(v * mult);
    return 0;
}

/* A country code: three letters, upper-cased into out. */
static int parse_country(const char *s, char out[4])
{
    if (strlen(s) != 3) return -1;
    for (int i = 0; i < 3; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z') c = (char)(c - 32);
        if (c < 'A' || c > 'Z') return -1;
        out[i] = c;
    }
    out[3] = '\0';
    return 0;
}

static int is_date(const char *s)
{
    return cal_parse_iso(s, strlen(s), NULL, NULL, NULL) == 0;
}

/* Parses argv into o. Returns 0, 1 when help was printed, -1 on a usage
 * error (already reported). */
static int parse(int argc, char **argv, opts *o)
{
    enum {
        O_DB = 256,
        O_DICT,
        O_FORMAT,
        O_FROM,
        O_TO,
        O_LIMIT,
        O_DYAD,
        O_BOTH,
        O_ACTOR,
        O_ROOT,
        O_CODE,
        O_QUAD,
        O_BY,
        O_SPEAKER,
        O_ANY,
        O_ALL,
        O_BATCH,
        O_DELAY,
        O_DATE,
        O_REQ_DATE,
        O_IN_FORMAT,
        O_MAX_BYTES
    };
    static const struct option longopts[] = {
        {"db", required_argument, 0, O_DB},
        {"dict", required_argument, 0, O_DICT},
        {"format", required_argument, 0, O_FORMAT},
        {"from", required_argument, 0, O_FROM},
        {"to", required_argument, 0, O_TO},
        {"limit", required_argument, 0, O_LIMIT},
        {"dyad", required_argument, 0, O_DYAD},
        {"both", no_argument, 0, O_BOTH},
        {"actor", required_argument, 0, O_ACTOR},
        {"root", required_argument, 0, O_ROOT},
        {"code", required_argument, 0, O_CODE},
        {"quad", required_argument, 0, O_QUAD},
        {"by", required_argument, 0, O_BY},
        {"speaker", required_argument, 0, O_SPEAKER},
        {"any", no_argument, 0, O_ANY},
        {"all", no_argument, 0, O_ALL},
        {"batch", required_argument, 0, O_BATCH},
        {"delay-ms", required_argument, 0, O_DELAY},
        {"date", required_argument, 0, O_DATE},
        {"require-date", no_argument, 0, O_REQ_DATE},
        {"input-format", required_argument, 0, O_IN_FORMAT},
        {"max-bytes", required_argument, 0, O_MAX_BYTES},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    const char *cmd = argv[0];
    memset(o, 0, sizeof *o);
    o->db = getenv("DYAD_DB");
    if (!o->db || !*o->db) o->db = "dyad.db";
    int c;
    size_t n;
    optind = 0; /* full reset of GNU getopt */
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_DB:
            o->db = optarg;
            break;
        case O_DICT:
            o->dict = optarg;
            break;
        case O_FORMAT:
            o->format_arg = optarg;
            break;
        case O_FROM:
        case O_TO:
            if (!is_date(optarg)) return usage(cmd, "'%s' is not a real date (YYYY-MM-DD)", optarg);
            if (c == O_FROM)
                o->f.from = optarg;
            else
                o->f.to = optarg;
            break;
        case O_LIMIT:
            if (parse_count(optarg, &o->f.limit) != 0)
                return usage(cmd, "--limit: '%s' is not a positive number", optarg);
            break;
        case O_DYAD: {
            const char *colon = strchr(optarg, ':');
            char left[8] = "";
            if (!colon || colon - optarg > 3)
                return usage(cmd, "--dyad: want A:B, not '%s'", optarg);
            memcpy(left, optarg, (size_t)(colon - optarg));
            if (parse_country(left, o->a) != 0 || parse_country(colon + 1, o->b) != 0)
                return usage(cmd, "--dyad: want two 3-letter country codes A:B, not '%s'", optarg);
            o->f.a = o->a;
            o->f.b = o->b;
            break;
        }
        case O_BOTH:
            o->f.both = 1;
            break;
        case O_ACTOR:
            if (parse_country(optarg, o->a) != 0)
                return usage(cmd, "--actor: '%s' is not a 3-letter country code", optarg);
            o->f.a = o->a;
            o->f.b = NULL;
            break;
        case O_ROOT:
            if (strlen(optarg) != 2 || optarg[0] < '0' || optarg[0] > '2' || optarg[1] < '0' ||
                optarg[1] > '9')
                return usage(cmd, "--root: '%s' is not a CAMEO root (01-20)", optarg);
            o->f.root = optarg;
            break;
        case O_CODE:
            if (strlen(optarg) < 2 || strlen(optarg) > 4 ||
                strspn(optarg, "0123456789") != strlen(optarg))
                return usage(cmd, "--code: '%s' is not a CAMEO code", optarg);
            o->f.code = optarg;
            break;
        case O_QUAD:
            if (strlen(optarg) != 1 || optarg[0] < '1' || optarg[0] > '4')
                return usage(cmd, "--quad: '%s' is not 1-4", optarg);
            o->f.quad = optarg[0] - '0';
            break;
        case O_BY:
            o->by = optarg;
            break;
        case O_SPEAKER:
            o->speaker = optarg;
            break;
        case O_ANY:
            o->any = 1;
            break;
        case O_ALL:
            o->all = 1;
            break;
        case O_BATCH:
            if (parse_count(optarg, &o->batch) != 0)
                return usage(cmd, "--batch: '%s' is not a positive number", optarg);
            break;
        case O_DELAY:
            if (parse_count(optarg, &n) != 0 || n > 60000)
                return usage(cmd, "--delay-ms: '%s' is not 1-60000", optarg);
            o->delay_ms = (unsigned)n;
            break;
        case O_DATE:
            if (!is_date(optarg))
                return usage(cmd, "--date: '%s' is not a real date (YYYY-MM-DD)", optarg);
            o->in.date = optarg;
            break;
        case O_REQ_DATE:
            o->in.require_date = 1;
            break;
        case O_IN_FORMAT:
            if (strcmp(optarg, "auto") == 0)
                o->in.format = INGEST_AUTO;
            else if (strcmp(optarg, "seed") == 0)
                o->in.format = INGEST_SEED;
            else if (strcmp(optarg, "jsonl") == 0)
                o->in.format = INGEST_JSONL;
            else if (strcmp(optarg, "text") == 0)
                o->in.format = INGEST_TEXT;
            else
                return usage(cmd, "--input-format: unknown format '%s'", optarg);
            break;
        case O_MAX_BYTES:
            if (parse_size(optarg, &o->in.max_doc_bytes) != 0)
                return usage(cmd, "--max-bytes: '%s' is not a size", optarg);
            break;
        case 'q':
            o->quiet = 1;
            break;
        case 'h':
            cmd_store_help(cmd);
            return 1;
        default:
            return usage(cmd, "bad option '%s'", argv[optind - 1]);
        }
    }
    if (o->f.both && !o->f.b) return usage(cmd, "%s", "--both needs --dyad A:B");
    if (o->by && strcmp(o->by, "day") && strcmp(o->by, "month") && strcmp(o->by, "quarter") &&
        strcmp(o->by, "year"))
        return usage(cmd, "--by: '%s' is not day, month, quarter or year", o->by);
    if (o->format_arg) {
        static const char *const names[] = {"table", "json", "csv", "dot", "gdelt", "jsonl"};
        int found = -1;
        for (int i = 0; i < 6; i++)
            if (strcmp(o->format_arg, names[i]) == 0) found = i;
        if (found < 0) return usage(cmd, "--format: unknown format '%s'", o->format_arg);
        o->format = (out_format)found;
    }
    o->pos = argv + optind;
    o->npos = argc - optind;
    return 0;
}

/* Opens the store; only ingest may create it (create = 1). */
static store *open_store(const opts *o, int create)
{
    store *s;
    char err[1024];
    if (!create && !strstr(o->db, "://") && access(o->db, F_OK) != 0) {
        fprintf(stderr, "dyad: no store at %s (run 'dyad ingest --db %s FILES' first)\n", o->db,
                o->db);
        return NULL;
    }
    if (store_open(o->db, o->dict, &s, err, sizeof err) != 0) {
        fprintf(stderr, "dyad: cannot open the store: %s\n", err);
        return NULL;
    }
    return s;
}

static int write_buf(buf *b)
{
    int rc = 0;
    if (b->failed) {
        fprintf(stderr, "dyad: out of memory\n");
        rc = EXIT_USAGE;
    } else if (b->len && fwrite(b->data, 1, b->len, stdout) != b->len) {
        rc = EXIT_USAGE;
    }
    buf_free(b);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad: cannot write output: %s\n", strerror(errno));
        rc = EXIT_USAGE;
    }
    return rc;
}

/* Prints t in the chosen format; table cells are cut at maxw. */
static int print_table(const store_table *t, out_format fmt, size_t maxw)
{
    buf b;
    buf_init(&b);
    if (fmt == OUT_JSON) {
        store_table_json(t, &b);
        buf_addc(&b, '\n');
    } else if (fmt == OUT_CSV) {
        store_table_csv(t, &b);
    } else {
        store_table_text(t, maxw, &b);
    }
    return write_buf(&b);
}

/* Prints a question's answer, then frees it and closes the store. */
static int show_and_close(store *s, store_table *t, out_format fmt, size_t maxw)
{
    int rc = print_table(t, fmt, maxw);
    store_table_free(t);
    store_close(s);
    return rc;
}

static int want_formats(const char *cmd, const opts *o, int mask)
{
    if (!(mask & (1 << o->format))) {
        usage(cmd, "--format %s does not apply here", o->format_arg);
        return -1;
    }
    return 0;
}

#define TABLE_FORMATS ((1 << OUT_TABLE) | (1 << OUT_JSON) | (1 << OUT_CSV))

/* The common start of a query command: options, no positional arguments
 * beyond npos, formats, and the store. */
static int begin(int argc, char **argv, opts *o, int min_pos, int max_pos, int formats, store **s)
{
    int rc = parse(argc, argv, o);
    if (rc != 0) return rc > 0 ? 0 : EXIT_USAGE;
    if (o->npos < min_pos || o->npos > max_pos) {
        usage(argv[0], "%s", o->npos < min_pos ? "missing arguments" : "too many arguments");
        return EXIT_USAGE;
    }
    if (want_formats(argv[0], o, formats) != 0) return EXIT_USAGE;
    *s = open_store(o, 0);
    return *s ? -1 : EXIT_USAGE;
}

static int query_failed(store *s)
{
    fprintf(stderr, "dyad: %s\n", store_error(s));
    store_close(s);
    return EXIT_USAGE;
}

/* ---- ingest and recode ---- */

static void print_error(void *ctx, const char *msg)
{
    fprintf(stderr, "dyad: %s\n", msg);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int open_coder(const opts *o, dyad_engine **e, dyad_coder **c)
{
    char err[512];
    if (dyad_engine_open(o->dict, e, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "dyad: cannot load dictionaries: %s\n", err);
        return -1;
    }
    dyad_options dopts = {.max_text_bytes = o->in.max_doc_bytes};
    *c = dyad_coder_new(*e, &dopts);
    if (!*c) {
        fprintf(stderr, "dyad: out of memory\n");
        dyad_engine_close(*e);
        return -1;
    }
    return 0;
}

int cmd_ingest(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc != 0) return rc > 0 ? 0 : EXIT_USAGE;
    const char *stdin_only[] = {"-"};
    const char *const *paths = (const char *const *)o.pos;
    size_t n_paths = (size_t)o.npos;
    if (!n_paths) {
        paths = stdin_only;
        n_paths = 1;
    }
    dyad_engine *e;
    dyad_coder *c;
    if (open_coder(&o, &e, &c) != 0) return EXIT_USAGE;
    store *s = open_store(&o, 1);
    ingest *in = s ? ingest_open(paths, n_paths, &o.in) : NULL;
    if (!s || !in) {
        if (s) fprintf(stderr, "dyad: out of memory\n");
        store_close(s);
        dyad_coder_free(c);
        dyad_engine_close(e);
        return EXIT_USAGE;
    }
    store_ingest_options io = {.batch = o.batch, .delay_ms = o.delay_ms, .on_error = print_error};
    store_ingest_stats st;
    double t0 = now_seconds();
    rc = store_ingest(s, c, in, &io, &st);
    double dt = now_seconds() - t0;
    if (rc != 0) fprintf(stderr, "dyad: %s: %s\n", o.db, store_error(s));
    ingest_close(in);
    store_close(s);
    dyad_coder_free(c);
    dyad_engine_close(e);
    if (rc != 0) return EXIT_USAGE;
    size_t seen = st.added + st.dup_id + st.dup_text + st.failed;
    if (!o.quiet)
        fprintf(stderr,
                "dyad: %zu stored, %zu already stored, %zu same text as a stored one, %zu failed "
                "(%zu documents in %.2f s, %.0f/s)\n",
                st.added, st.dup_id, st.dup_text, st.failed, seen, dt, dt > 0 ? seen / dt : 0.0);
    return st.failed ? EXIT_SOME_FAILED : 0;
}

int cmd_recode(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc != 0) return rc > 0 ? 0 : EXIT_USAGE;
    if (o.npos) return usage(argv[0], "unexpected argument '%s'", o.pos[0]), EXIT_USAGE;
    dyad_engine *e;
    dyad_coder *c;
    if (open_coder(&o, &e, &c) != 0) return EXIT_USAGE;
    store *s = open_store(&o, 0);
    if (!s) {
        dyad_coder_free(c);
        dyad_engine_close(e);
        return EXIT_USAGE;
    }
    size_t n = 0;
    double t0 = now_seconds();
    rc = store_recode(s, c, o.all, o.batch, &n);
    double dt = now_seconds() - t0;
    if (rc != 0)
        fprintf(stderr, "dyad: %s: %s\n", o.db, store_error(s));
    else if (!o.quiet)
        fprintf(stderr, "dyad: %zu documents recoded with dictionaries %s in %.2f s\n", n,
                store_dict_version(s), dt);
    store_close(s);
    dyad_coder_free(c);
    dyad_engine_close(e);
    return rc != 0 ? EXIT_USAGE : 0;
}

/* ---- questions ---- */

int cmd_events(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 0, 0, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    if (!o.f.limit && o.format == OUT_TABLE) o.f.limit = 100;
    store_table t;
    if (store_events(s, &o.f, &t) != 0) return query_failed(s);
    return show_and_close(s, &t, o.format, 40);
}

/* Sparklines of the mean Goldstein per direction over the table's periods. */
static void relation_sparklines(const store_table *t, const char *a, const char *b, buf *out)
{
    int cp = store_col(t, "period"), cd = store_col(t, "direction"),
        cg = store_col(t, "goldstein_mean");
    if (cp < 0 || cd < 0 || cg < 0 || !t->nrows) return;
    const char **periods = calloc(t->nrows, sizeof *periods);
    double *v = calloc(t->nrows, sizeof *v);
    if (!periods || !v) {
        free(periods);
        free(v);
        return;
    }
    size_t np = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *p = store_cell(t, r, (size_t)cp)->s;
        if (p && (!np || strcmp(periods[np - 1], p) != 0)) periods[np++] = p;
    }
    for (int dir = 0; dir < 2; dir++) {
        char name[8];
        snprintf(name, sizeof name, "%s>%s", dir ? b : a, dir ? a : b);
        for (size_t i = 0; i < np; i++) v[i] = NAN;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *d = store_cell(t, r, (size_t)cd)->s;
            const char *p = store_cell(t, r, (size_t)cp)->s;
            if (!d || !p || strcmp(d, name) != 0) continue;
            for (size_t i = 0; i < np; i++)
                if (strcmp(periods[i], p) == 0) v[i] = store_num(store_cell(t, r, (size_t)cg));
        }
        buf_printf(out, "%s  ", name);
        store_sparkline(v, np, -10.0, 10.0, out);
        buf_printf(out, "  mean Goldstein, %s .. %s (scale -10..+10; blank: no events)\n",
                   periods[0], periods[np - 1]);
    }
    free(periods);
    free(v);
}

int cmd_relations(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 2, 2, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    char a[4], b[4];
    if (parse_country(o.pos[0], a) != 0 || parse_country(o.pos[1], b) != 0) {
        store_close(s);
        usage(argv[0], "want two 3-letter country codes, e.g. JPN RUS%s", "");
        return EXIT_USAGE;
    }
    store_table t;
    if (store_relations(s, a, b, o.by ? o.by : "month", &o.f, &t) != 0) return query_failed(s);
    if (o.format == OUT_TABLE) {
        buf out;
        buf_init(&out);
        store_table_text(&t, 0, &out);
        if (t.nrows) {
            buf_addc(&out, '\n');
            relation_sparklines(&t, a, b, &out);
        }
        rc = write_buf(&out);
    } else {
        rc = print_table(&t, o.format, 0);
    }
    store_table_free(&t);
    store_close(s);
    return rc;
}

static void dot_id(buf *b, const char *s)
{
    buf_addc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\') buf_addc(b, '\\');
        buf_addc(b, *s);
    }
    buf_addc(b, '"');
}

int cmd_graph(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 0, 0, TABLE_FORMATS | (1 << OUT_DOT), &s);
    if (rc >= 0) return rc;
    if (!o.format_arg) o.format = OUT_JSON;
    store_table nodes, edges;
    if (store_graph(s, &o.f, &nodes, &edges) != 0) return query_failed(s);
    buf b;
    buf_init(&b);
    if (o.format == OUT_JSON) {
        buf_adds(&b, "{\"nodes\":");
        store_table_json(&nodes, &b);
        buf_adds(&b, ",\"edges\":");
        store_table_json(&edges, &b);
        buf_adds(&b, "}\n");
    } else if (o.format == OUT_DOT) {
        buf_adds(&b, "digraph dyad {\n  node [shape=ellipse];\n");
        for (size_t r = 0; r < nodes.nrows; r++) {
            buf_adds(&b, "  ");
            dot_id(&b, store_cell(&nodes, r, 0)->s);
            buf_printf(&b, " [label=\"%s\\n%lld\"];\n", store_cell(&nodes, r, 0)->s,
                       (long long)store_num(store_cell(&nodes, r, 3)));
        }
        int cg = store_col(&edges, "goldstein_mean"), cn = store_col(&edges, "events");
        for (size_t r = 0; r < edges.nrows; r++) {
            double g = store_num(store_cell(&edges, r, (size_t)cg));
            long long n = (long long)store_num(store_cell(&edges, r, (size_t)cn));
            buf_adds(&b, "  ");
            dot_id(&b, store_cell(&edges, r, 0)->s);
            buf_adds(&b, " -> ");
            dot_id(&b, store_cell(&edges, r, 1)->s);
            buf_printf(&b, " [label=\"%lld / %.1f\", color=\"%s\", penwidth=%.1f];\n", n, g,
                       g > 0   ? "darkgreen"
                       : g < 0 ? "red3"
                               : "gray50",
                       1.0 + log((double)(n > 0 ? n : 1)));
        }
        buf_adds(&b, "}\n");
    } else if (o.format == OUT_CSV) {
        store_table_csv(&edges, &b);
    } else {
        store_table_text(&nodes, 0, &b);
        buf_addc(&b, '\n');
        store_table_text(&edges, 0, &b);
    }
    rc = write_buf(&b);
    store_table_free(&nodes);
    store_table_free(&edges);
    store_close(s);
    return rc;
}

int cmd_quotes(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 0, 0, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    store_table t;
    if (store_quotes(s, o.speaker, &o.f, &t) != 0) return query_failed(s);
    return show_and_close(s, &t, o.format, 80);
}

int cmd_search(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 1, 64, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    buf words;
    buf_init(&words);
    for (int i = 0; i < o.npos; i++) {
        if (i) buf_addc(&words, ' ');
        buf_adds(&words, o.pos[i]);
    }
    store_table t;
    rc = store_search(s, buf_cstr(&words), o.any, o.f.limit, &t);
    buf_free(&words);
    if (rc != 0) return query_failed(s);
    return show_and_close(s, &t, o.format, 100);
}

int cmd_mixed(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 0, 0, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    store_table t;
    if (store_mixed(s, o.by ? o.by : "month", &o.f, &t) != 0) return query_failed(s);
    return show_and_close(s, &t, o.format, 0);
}

int cmd_triads(int argc, char **argv)
{
    opts o;
    store *s;
    int rc = begin(argc, argv, &o, 0, 0, TABLE_FORMATS, &s);
    if (rc >= 0) return rc;
    store_table t;
    if (store_triads(s, o.by ? o.by : "month", o.all, &o.f, &t) != 0) return query_failed(s);
    return show_and_close(s, &t, o.format, 0);
}

int cmd_export(int argc, char **argv)
{
    opts o;
    store *s;
    int formats = (1 << OUT_GDELT) | (1 << OUT_CSV) | (1 << OUT_JSONL);
    int rc = parse(argc, argv, &o);
    if (rc != 0) return rc > 0 ? 0 : EXIT_USAGE;
    if (!o.format_arg)
        return usage(argv[0], "%s", "which --format? gdelt, csv or jsonl"), EXIT_USAGE;
    if (o.npos) return usage(argv[0], "unexpected argument '%s'", o.pos[0]), EXIT_USAGE;
    if (want_formats(argv[0], &o, formats) != 0) return EXIT_USAGE;
    if (!(s = open_store(&o, 0))) return EXIT_USAGE;
    store_export_format fmt = o.format == OUT_GDELT ? STORE_EXPORT_GDELT
                              : o.format == OUT_CSV ? STORE_EXPORT_CSV
                                                    : STORE_EXPORT_JSONL;
    long n = store_export(s, fmt, &o.f, stdout);
    if (n < 0) return query_failed(s);
    store_close(s);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad: cannot write output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    if (!o.quiet) fprintf(stderr, "dyad: %ld rows exported\n", n);
    return 0;
}
