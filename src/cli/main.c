/* main.c — the dyad command line: a thin client of libdyad.
 *
 * Data goes to stdout, diagnostics to stderr, one line per problem, naming
 * the file (and line) and the reason. Exit status: 0 all documents coded,
 * 1 some documents failed, 2 usage error or nothing could start.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dyad.h"
#include "eval.h"
#include "eval_attitude.h"
#include "eval_ner.h"
#include "eval_segment.h"
#include "ingest.h"
#include "cmd_store.h"

enum { EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

static const char *const MAIN_HELP =
    "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "dyad reads dated news articles (Russian and English) and turns them into\n"
    "structured data about international relations.\n"
    "\n"
    "commands:\n"
    "  code [FILE|DIR|-]...   code documents, one JSON record per document on stdout\n"
    "  eval GOLD.jsonl...     score events and actors against gold annotations\n"
    "  eval segment DIR       score sentence and token splitting on the razdel benchmark\n"
    "  eval ner DIR           score named entities on factRuEval\n"
    "  eval rusentrel DIR     score document attitudes on RuSentRel\n"
    "  dict check             lint the dictionaries\n"
    "  version                print the version\n"
    "  help [COMMAND]         this text, or a command's help\n"
    "\n"
    "Run 'dyad COMMAND --help' for a command's options. docs/FORMAT.md describes\n"
    "the record format.\n";

static const char *const CODE_HELP =
    "usage: dyad code [OPTIONS] [FILE|DIR|-]...\n"
    "\n"
    "Codes each document and writes one JSON record per line (JSON Lines) to\n"
    "stdout. With no input, or '-', reads stdin.\n"
    "\n"
    "Inputs:\n"
    "  seed format   a first line ' date YYYY-MM-DD', the text may follow on it\n"
    "  JSON Lines    one object a line: id, date, url, title, lang, text\n"
    "                (only text is required); *.jsonl, *.ndjson, *.json or a\n"
    "                file whose first character is '{'\n"
    "  plain text    anything else: one document, dated by --date or unknown\n"
    "  folders       walked recursively in name order; *.txt, *.jsonl, *.ndjson\n"
    "                and *.json files are read, hidden entries skipped\n"
    "\n"
    "options:\n"
    "  --date YYYY-MM-DD     date for documents that carry none\n"
    "  --require-date        a document without a date is an error\n"
    "  --format FMT          auto (default), seed, jsonl or text\n"
    "  --max-bytes N         largest document text in bytes (default 16777216;\n"
    "                        suffixes K, M, G)\n"
    "  --tokens              include tokens (text, norm, stem) in records\n"
    "  --no-sentence-text    sentences carry offsets only, not their text\n"
    "  --dict DIR            dictionary folder (default: $DYAD_DICT or built-in)\n"
    "  -q, --quiet           no summary line on stderr\n"
    "  -h, --help            this text\n"
    "\n"
    "A bad document (invalid UTF-8, NUL bytes, empty, too large, malformed JSON\n"
    "line, impossible date) gets one line on stderr and the rest go on.\n"
    "Exit status: 0 all coded, 1 some failed, 2 usage error.\n";

static const char *const EVAL_HELP =
    "usage: dyad eval [--shared DIR] [--dict DIR] [--details] GOLD.jsonl...\n"
    "       dyad eval segment [--dict DIR] DIR\n"
    "       dyad eval ner [--dict DIR] DIR\n"
    "       dyad eval rusentrel [--dict DIR] DIR\n"
    "\n"
    "The first form codes every document a gold file names (paths relative to\n"
    "--shared, by default the folder three levels above the gold file) and\n"
    "prints precision, recall and F1 of events at country level, recall of\n"
    "explicit and implicit events, full actor codes, actors, and a per-root\n"
    "table; --details lists every miss and false alarm with its sentence.\n"
    "\n"
    "The second scores sentence and token splitting on the razdel benchmark in\n"
    "DIR (e.g. ../shared/data/segment): errors per 1,000 gold splits for each\n"
    "corpus, throughput in MB/s, and the share of razdel_tokens_cases.txt\n"
    "passed. See docs/SEGMENT.md.\n"
    "\n"
    "The third scores named entities (PER, LOC, ORG; token-level F1) on the\n"
    "factRuEval devset in DIR and counts events per 1,000 sentences there\n"
    "(docs/NER.md).\n"
    "\n"
    "The fourth scores document attitudes on RuSentRel (DIR = its train folder;\n"
    "names matched through DIR/../synonyms.txt) with the official two-class\n"
    "metric (docs/ATTITUDES.md).\n";

static const char *const DICT_HELP =
    "usage: dyad dict check [--dict DIR]\n"
    "\n"
    "Loads every dictionary and reports problems a linguist should fix, one a\n"
    "line with FILE:LINE: duplicate entries, unknown codes, overlapping or\n"
    "inverted date ranges, entries that can never match. Exit status 0 when\n"
    "there is none, 1 otherwise, 2 when a dictionary cannot be loaded.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "dyad: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(run 'dyad --help' for usage)\n");
    return EXIT_USAGE;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s) return -1;
    unsigned long long mult = 1;
    if (*end == 'K' || *end == 'k') mult = 1024ull, end++;
    else if (*end == 'M' || *end == 'm') mult = 1024ull * 1024, end++;
    else if (*end == 'G' || *end == 'g') mult = 1024ull * 1024 * 1024, end++;
    if (*end || v == 0 || v > (unsigned long long)SIZE_MAX / mult) return -1;
    *out = (size_t)(v * mult);
    return 0;
}

static int open_engine(const char *dict, dyad_engine **e)
{
    char err[512];
    int rc = dyad_engine_open(dict, e, err, sizeof err);
    if (rc != DYAD_OK) {
        fprintf(stderr, "dyad: cannot load dictionaries: %s\n", err);
        return -1;
    }
    return 0;
}

static int cmd_code(int argc, char **argv)
{
    enum { O_DATE = 256, O_REQUIRE_DATE, O_FORMAT, O_MAX_BYTES, O_TOKENS, O_NO_SENT_TEXT, O_DICT };
    static const struct option longopts[] = {
        {"date", required_argument, 0, O_DATE},
        {"require-date", no_argument, 0, O_REQUIRE_DATE},
        {"format", required_argument, 0, O_FORMAT},
        {"max-bytes", required_argument, 0, O_MAX_BYTES},
        {"tokens", no_argument, 0, O_TOKENS},
        {"no-sentence-text", no_argument, 0, O_NO_SENT_TEXT},
        {"dict", required_argument, 0, O_DICT},
        {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    ingest_options iopts = {0};
    dyad_options dopts = {0};
    const char *dict = NULL;
    int quiet = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case O_DATE:
            if (cal_parse_iso(optarg, strlen(optarg), NULL, NULL, NULL) != 0)
                return usage_error("--date: '%s' is not a real date (YYYY-MM-DD)", optarg);
            iopts.date = optarg;
            break;
        case O_REQUIRE_DATE: iopts.require_date = 1; break;
        case O_FORMAT:
            if (strcmp(optarg, "auto") == 0) iopts.format = INGEST_AUTO;
            else if (strcmp(optarg, "seed") == 0) iopts.format = INGEST_SEED;
            else if (strcmp(optarg, "jsonl") == 0) iopts.format = INGEST_JSONL;
            else if (strcmp(optarg, "text") == 0) iopts.format = INGEST_TEXT;
            else return usage_error("--format: unknown format '%s'", optarg);
            break;
        case O_MAX_BYTES:
            if (parse_size(optarg, &iopts.max_doc_bytes) != 0)
                return usage_error("--max-bytes: '%s' is not a size", optarg);
            dopts.max_text_bytes = iopts.max_doc_bytes;
            break;
        case O_TOKENS: dopts.tokens = 1; break;
        case O_NO_SENT_TEXT: dopts.sentence_text = -1; break;
        case O_DICT: dict = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(CODE_HELP, stdout); return 0;
        default: return usage_error("%s", "bad option for 'code'");
        }
    }
    const char *stdin_only[] = {"-"};
    const char *const *paths = (const char *const *)(argv + optind);
    size_t n_paths = (size_t)(argc - optind);
    if (n_paths == 0) {
        paths = stdin_only;
        n_paths = 1;
    }

    dyad_engine *engine;
    if (open_engine(dict, &engine) != 0) return EXIT_USAGE;
    dyad_coder *coder = dyad_coder_new(engine, &dopts);
    ingest *in = ingest_open(paths, n_paths, &iopts);
    if (!coder || !in) {
        fprintf(stderr, "dyad: out of memory\n");
        return EXIT_USAGE;
    }
    size_t ok = 0, failed = 0, undated = 0;
    char err[2048];
    ingest_doc doc;
    int rc;
    while ((rc = ingest_next(in, &doc, err, sizeof err)) != 0) {
        if (rc < 0) {
            fprintf(stderr, "dyad: %s\n", err);
            failed++;
            continue;
        }
        dyad_doc d = {.id = doc.id, .date = doc.date, .url = doc.url, .title = doc.title,
                      .lang = doc.lang, .text = doc.text, .text_len = doc.text_len};
        dyad_record *r;
        int status = dyad_code(coder, &d, &r);
        if (status != DYAD_OK) {
            fprintf(stderr, "dyad: %s: %s\n", doc.origin, dyad_coder_error(coder));
            failed++;
        } else {
            size_t len;
            const char *json = dyad_record_json(r, &len);
            fwrite(json, 1, len, stdout);
            fputc('\n', stdout);
            dyad_record_free(r);
            ok++;
            if (!doc.date) undated++;
        }
        ingest_doc_clear(&doc);
    }
    ingest_close(in);
    dyad_coder_free(coder);
    dyad_engine_close(engine);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "dyad: cannot write output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    if (!quiet && (failed || undated))
        fprintf(stderr, "dyad: %zu coded (%zu without a date), %zu failed\n", ok, undated, failed);
    return failed ? EXIT_SOME_FAILED : 0;
}

static int cmd_eval(int argc, char **argv)
{
    if (argc < 2) {
        fputs(EVAL_HELP, stderr);
        return EXIT_USAGE;
    }
    eval_options o = {0};
    const char *files[256];
    size_t n = 0;
    int segment = 0, ner = 0, rusentrel = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(EVAL_HELP, stdout);
            return 0;
        } else if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc) {
            o.dict_dir = argv[++i];
        } else if (strcmp(argv[i], "--shared") == 0 && i + 1 < argc) {
            o.shared_dir = argv[++i];
        } else if (strcmp(argv[i], "--details") == 0) {
            o.details = 1;
        } else if (i == 1 && strcmp(argv[i], "segment") == 0) {
            segment = 1;
        } else if (i == 1 && strcmp(argv[i], "ner") == 0) {
            ner = 1;
        } else if (i == 1 && strcmp(argv[i], "rusentrel") == 0) {
            rusentrel = 1;
        } else if (argv[i][0] == '-') {
            return usage_error("eval: unknown option '%s'", argv[i]);
        } else if (n < sizeof files / sizeof files[0]) {
            files[n++] = argv[i];
        } else {
            return usage_error("%s", "eval: too many files");
        }
    }
    if (segment || ner || rusentrel) {
        if (n != 1)
            return usage_error("eval %s: which folder?",
                               segment ? "segment" : ner ? "ner" : "rusentrel");
        const char *dict = o.dict_dir ? o.dict_dir : getenv("DYAD_DICT");
        if (!dict) dict = DYAD_DICT_DIR_DEFAULT;
        int rc = segment ? eval_segment_run(files[0], dict, stdout, stderr)
                 : ner   ? eval_ner_run(files[0], dict, stdout, stderr)
                         : eval_rusentrel_run(files[0], dict, stdout, stderr);
        return rc == 0 ? 0 : rc == 1 ? EXIT_SOME_FAILED : EXIT_USAGE;
    }
    if (n == 0) return usage_error("%s", "eval: which gold files?");
    int rc = eval_gold_run(files, n, &o, stdout, stderr, NULL);
    return rc == 0 ? 0 : rc == 1 ? EXIT_SOME_FAILED : EXIT_USAGE;
}

static int cmd_dict(int argc, char **argv)
{
    const char *dict = NULL;
    int check = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(DICT_HELP, stdout);
            return 0;
        } else if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc) {
            dict = argv[++i];
        } else if (strcmp(argv[i], "check") == 0) {
            check = 1;
        } else {
            return usage_error("dict: unexpected argument '%s'", argv[i]);
        }
    }
    if (!check) {
        fputs(DICT_HELP, stderr);
        return EXIT_USAGE;
    }
    char err[512];
    dyad_engine *e;
    if (dyad_engine_open(dict, &e, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "dyad: %s\n", err);
        return EXIT_USAGE;
    }
    size_t problems = dyad_engine_lint(e, stdout, stderr);
    dyad_engine_close(e);
    return problems ? EXIT_SOME_FAILED : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(MAIN_HELP, stdout);
        fputs(CMD_STORE_SUMMARY, stdout);
        return 0;
    }
    if (strcmp(cmd, "help") == 0) {
        if (argc > 2 && cmd_store_help(argv[2]) == 0) return 0;
        if (argc > 2 && strcmp(argv[2], "code") == 0) fputs(CODE_HELP, stdout);
        else if (argc > 2 && strcmp(argv[2], "eval") == 0) fputs(EVAL_HELP, stdout);
        else if (argc > 2 && strcmp(argv[2], "dict") == 0) fputs(DICT_HELP, stdout);
        else {
            fputs(MAIN_HELP, stdout);
            fputs(CMD_STORE_SUMMARY, stdout);
        }
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("dyad %s\n", dyad_version());
        return 0;
    }
    if (strcmp(cmd, "code") == 0) return cmd_code(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0) return cmd_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "dict") == 0) return cmd_dict(argc - 1, argv + 1);
    if (strcmp(cmd, "ingest") == 0) return cmd_ingest(argc - 1, argv + 1);
    if (strcmp(cmd, "events") == 0) return cmd_events(argc - 1, argv + 1);
    if (strcmp(cmd, "relations") == 0) return cmd_relations(argc - 1, argv + 1);
    if (strcmp(cmd, "graph") == 0) return cmd_graph(argc - 1, argv + 1);
    if (strcmp(cmd, "quotes") == 0) return cmd_quotes(argc - 1, argv + 1);
    if (strcmp(cmd, "search") == 0) return cmd_search(argc - 1, argv + 1);
    if (strcmp(cmd, "mixed") == 0) return cmd_mixed(argc - 1, argv + 1);
    if (strcmp(cmd, "triads") == 0) return cmd_triads(argc - 1, argv + 1);
    if (strcmp(cmd, "export") == 0) return cmd_export(argc - 1, argv + 1);
    if (strcmp(cmd, "recode") == 0) return cmd_recode(argc - 1, argv + 1);
    return usage_error("unknown command '%s'", cmd);
}
