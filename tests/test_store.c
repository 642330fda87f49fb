/* test_store.c — the store (src/store.h) on a small SQLite file built by
 * coding a few short texts: schema, idempotent ingest, story dedup, every
 * question and export, recode.
 *
 * The event patterns are the test's own (written into a copy of $DYAD_DICT)
 * so the expected events do not move when the real patterns grow.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "buf.h"
#include "dyad.h"
#include "ingest.h"
#include "store.h"
#include "testutil.h"

static const char *const PATTERNS = "# test patterns\n"
                                    "163\tввести|ввел|ввела|ввели эмбарго против +\n"
                                    "163\tввести|ввел|ввела|ввели санкции против +\n"
                                    "111\tраскритиковать +\n"
                                    "061\tсотрудничать =с +\n"
                                    "042\tпосетить +\n"
                                    "071\tвыделить помощь +\n";

typedef struct tdoc {
    const char *id, *date, *url, *text;
} tdoc;

static const tdoc DOCS[] = {
    {"a", "2026-01-10", "https://www.tass.ru/1",
     "Япония ввела эмбарго против России на поставки редкоземельных металлов. "
     "Токио раскритиковал Москву."},
    {"b", "2026-01-10", "https://nhk.jp/2",
     "Токио ввел санкции против Москвы. Китай посетил Японию."},
    {"c", "2026-01-20", "https://tass.ru/3",
     "Китай сотрудничает с Россией. Россия выделила помощь Китаю."},
    {"d", "2026-02-05", NULL,
     "Китай раскритиковал Японию. Китай посетил Японию. Япония ввела санкции против России. "
     "Китай сотрудничает с Россией."},
    {"e", "2026-02-06", NULL,
     "«Россия ответит на эти меры», — заявил министр иностранных дел России Сергей Лавров. "
     "Глава МИД Японии Тосимицу Мотэги сказал, что Токио готов к диалогу."},
};
enum { N_DOCS = sizeof DOCS / sizeof DOCS[0] };

typedef struct fixture {
    char dir[64], dict[128], db[128];
    dyad_engine *e;
    dyad_coder *c;
    store *s;
} fixture;

static fixture F;

static void make_dict(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s' && rm -rf '%s/ru/events'", test_dict_dir(), F.dict,
             F.dict);
    assert_int_equal(system(cmd), 0);
    char ru[160];
    snprintf(ru, sizeof ru, "%s/ru", F.dict);
    test_writes(ru, "events.txt", PATTERNS);
}

static int put(const tdoc *d, store_outcome *oc)
{
    dyad_doc doc = {
        .id = d->id, .date = d->date, .url = d->url, .text = d->text, .text_len = strlen(d->text)};
    dyad_record *r;
    if (dyad_code(F.c, &doc, &r) != DYAD_OK) return -1;
    int rc = store_put(F.s, r, oc);
    dyad_record_free(r);
    return rc;
}

static int64_t sql_int(const char *sql)
{
    store_table t;
    assert_int_equal(store_sql(F.s, sql, &t), 0);
    assert_int_equal(t.nrows, 1);
    int64_t v = store_cell(&t, 0, 0)->i;
    store_table_free(&t);
    return v;
}

static int setup(void **state)
{
    assert_non_null(test_tmpdir(F.dir, sizeof F.dir));
    snprintf(F.dict, sizeof F.dict, "%s/dict", F.dir);
    snprintf(F.db, sizeof F.db, "%s/t.db", F.dir);
    make_dict();
    char err[512];
    if (dyad_engine_open(F.dict, &F.e, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    F.c = dyad_coder_new(F.e, NULL);
    if (store_open(F.db, F.dict, &F.s, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    assert_int_equal(store_begin(F.s), 0);
    for (size_t i = 0; i < N_DOCS; i++) {
        store_outcome oc;
        assert_int_equal(put(&DOCS[i], &oc), 0);
        assert_int_equal(oc, STORE_ADDED);
    }
    assert_int_equal(store_commit(F.s), 0);
    return 0;
}

static int teardown(void **state)
{
    store_close(F.s);
    dyad_coder_free(F.c);
    dyad_engine_close(F.e);
    test_rmtree(F.dir);
    return 0;
}

static void test_schema(void **state)
{
    static const char *const tables[] = {"meta",   "documents", "sentences",
                                         "actors", "mentions",  "stories",
                                         "events", "quotes",    "sentence_fts"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM sqlite_master WHERE name = '%s'",
                 tables[i]);
        assert_int_equal(sql_int(sql), 1);
    }
    assert_int_equal(
        sql_int("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'schema_version'"), 1);
    /* Opening again is harmless and sees the same rows. */
    store *again;
    char err[256];
    assert_int_equal(store_open(F.db, F.dict, &again, err, sizeof err), 0);
    store_table t;
    assert_int_equal(store_counts(again, &t), 0);
    assert_int_equal(store_cell(&t, 0, store_col(&t, "documents"))->i, N_DOCS);
    assert_int_equal(store_cell(&t, 0, store_col(&t, "events"))->i, 10);
    assert_int_equal(store_cell(&t, 0, store_col(&t, "quotes"))->i, 2);
    store_table_free(&t);
    store_close(again);
    assert_int_equal(sql_int("SELECT count(*) FROM sentences"),
                     sql_int("SELECT sum(n_sentences) FROM documents"));
    assert_true(sql_int("SELECT count(*) FROM mentions") >= 10);
}

static void test_idempotent(void **state)
{
    store_outcome oc;
    assert_int_equal(store_begin(F.s), 0);
    assert_int_equal(put(&DOCS[0], &oc), 0);
    assert_int_equal(oc, STORE_DUP_ID);
    /* Another id, the same text but for spaces, case and quotes. */
    tdoc copy = {"a-copy", "2026-01-10", NULL,
                 "  ЯПОНИЯ ввела  эмбарго против России на поставки редкоземельных металлов.\n\n"
                 "Токио раскритиковал   Москву. "};
    assert_int_equal(put(&copy, &oc), 0);
    assert_int_equal(oc, STORE_DUP_TEXT);
    assert_int_equal(store_commit(F.s), 0);
    assert_int_equal(store_has_doc(F.s, "a"), 1);
    assert_int_equal(store_has_doc(F.s, "a-copy"), 0);
    assert_int_equal(sql_int("SELECT count(*) FROM documents"), N_DOCS);
    assert_int_equal(sql_int("SELECT count(*) FROM events"), 10);

    char h1[33], h2[33], h3[33];
    store_text_hash(DOCS[0].text, strlen(DOCS[0].text), h1);
    store_text_hash(copy.text, strlen(copy.text), h2);
    store_text_hash(DOCS[1].text, strlen(DOCS[1].text), h3);
    assert_string_equal(h1, h2);
    assert_string_not_equal(h1, h3);
}

static void test_dedup(void **state)
{
    /* JPN→RUS 163 on 2026-01-10 is told by a and b (two hosts). */
    store_table t;
    assert_int_equal(
        store_sql(F.s,
                  "SELECT num_mentions, num_articles, num_sources, is_root FROM stories "
                  "WHERE date = '2026-01-10' AND source = 'JPN' AND target = 'RUS' "
                  "AND code = '163'",
                  &t),
        0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(store_cell(&t, 0, 0)->i, 2);
    assert_int_equal(store_cell(&t, 0, 1)->i, 2);
    assert_int_equal(store_cell(&t, 0, 2)->i, 2);
    assert_int_equal(store_cell(&t, 0, 3)->i, 1);
    store_table_free(&t);
    assert_int_equal(sql_int("SELECT count(*) FROM stories"), 9);
    /* The fourth sentence of d is not a root event. */
    assert_int_equal(
        sql_int("SELECT is_root FROM stories WHERE date = '2026-02-05' AND code = '061'"), 0);
    /* Every story's counts agree with its events. */
    assert_int_equal(sql_int("SELECT count(*) FROM stories s WHERE num_mentions <> "
                             "(SELECT count(*) FROM events e WHERE e.story = s.id)"),
                     0);
    /* www. and case do not make another source: a and c are both tass.ru. */
    assert_int_equal(sql_int("SELECT count(DISTINCT outlet) FROM documents WHERE id IN ('a', 'c')"),
                     1);
}

static void test_events_query(void **state)
{
    store_filter f = {.a = "JPN", .b = "RUS", .from = "2026-01-01", .to = "2026-01-31"};
    store_table t;
    assert_int_equal(store_events(F.s, &f, &t), 0);
    assert_int_equal(t.nrows, 2);
    f.root = "16";
    store_table_free(&t);
    assert_int_equal(store_events(F.s, &f, &t), 0);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(store_cell(&t, 0, store_col(&t, "code"))->s, "163");
    assert_int_equal(store_cell(&t, 0, store_col(&t, "num_mentions"))->i, 2);
    store_table_free(&t);
    store_filter g = {.a = "RUS", .b = "JPN"};
    assert_int_equal(store_events(F.s, &g, &t), 0);
    assert_int_equal(t.nrows, 0);
    store_table_free(&t);
    g.both = 1;
    assert_int_equal(store_events(F.s, &g, &t), 0);
    assert_int_equal(t.nrows, 3);
    store_table_free(&t);
    store_filter h = {.a = "CHN", .limit = 2};
    assert_int_equal(store_events(F.s, &h, &t), 0);
    assert_int_equal(t.nrows, 2);
    store_table_free(&t);
}

static void test_relations(void **state)
{
    store_table t;
    assert_int_equal(store_relations(F.s, "JPN", "RUS", "month", NULL, &t), 0);
    assert_int_equal(t.nrows, 2);
    int p = store_col(&t, "period"), q3 = store_col(&t, "q3"), q4 = store_col(&t, "q4"),
        gm = store_col(&t, "goldstein_mean"), gs = store_col(&t, "goldstein_sum");
    assert_string_equal(store_cell(&t, 0, p)->s, "2026-01");
    assert_string_equal(store_cell(&t, 0, store_col(&t, "direction"))->s, "JPN>RUS");
    assert_int_equal(store_cell(&t, 0, q3)->i, 1);
    assert_int_equal(store_cell(&t, 0, q4)->i, 1);
    assert_float_equal(store_num(store_cell(&t, 0, gm)), -5.0, 1e-9);
    assert_float_equal(store_num(store_cell(&t, 0, gs)), -10.0, 1e-9);
    assert_string_equal(store_cell(&t, 1, p)->s, "2026-02");
    store_table_free(&t);
    assert_int_equal(store_relations(F.s, "JPN", "RUS", "year", NULL, &t), 0);
    assert_int_equal(t.nrows, 1);
    assert_int_equal(store_cell(&t, 0, store_col(&t, "events"))->i, 3);
    store_table_free(&t);
    assert_int_equal(store_relations(F.s, "JPN", "RUS", "quarter", NULL, &t), 0);
    assert_string_equal(store_cell(&t, 0, 0)->s, "2026-Q1");
    store_table_free(&t);
    assert_int_not_equal(store_relations(F.s, "JPN", "RUS", "fortnight", NULL, &t), 0);
    assert_non_null(strstr(store_error(F.s), "unknown period 'fortnight'"));

    buf b;
    buf_init(&b);
    double v[3] = {-10.0, NAN, 10.0};
    store_sparkline(v, 3, -10.0, 10.0, &b);
    assert_string_equal(buf_cstr(&b), "\xe2\x96\x81 \xe2\x96\x88");
    buf_free(&b);
}

static void test_graph(void **state)
{
    store_table nodes, edges;
    store_filter f = {.from = "2026-01-01", .to = "2026-01-31"};
    assert_int_equal(store_graph(F.s, &f, &nodes, &edges), 0);
    assert_int_equal(nodes.nrows, 3);
    assert_int_equal(edges.nrows, 4); /* JPN>RUS, CHN>JPN, CHN>RUS, RUS>CHN */
    assert_string_equal(store_cell(&edges, 0, 0)->s, "JPN");
    assert_string_equal(store_cell(&edges, 0, 1)->s, "RUS");
    assert_int_equal(store_cell(&edges, 0, store_col(&edges, "events"))->i, 2);
    int64_t total = 0;
    for (size_t r = 0; r < nodes.nrows; r++)
        total += store_cell(&nodes, r, store_col(&nodes, "events"))->i;
    assert_int_equal(total, 2 * 5); /* five January stories, each counted at both ends */
    store_table_free(&nodes);
    store_table_free(&edges);
}

static void test_search(void **state)
{
    store_table t;
    /* Another form of the word: санкций finds санкции. */
    assert_int_equal(store_search(F.s, "санкций", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 2);
    const char *snip = store_cell(&t, 0, store_col(&t, "snippet"))->s;
    assert_non_null(strstr(snip, "[санкции]"));
    store_table_free(&t);
    assert_int_equal(store_search(F.s, "эмбарго редкоземельных", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(store_cell(&t, 0, 0)->s, "a");
    store_table_free(&t);
    assert_int_equal(store_search(F.s, "эмбарго помощь", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 0);
    store_table_free(&t);
    assert_int_equal(store_search(F.s, "эмбарго помощь", 1, 10, &t), 0);
    assert_int_equal(t.nrows, 2);
    store_table_free(&t);
    /* Operators and quotes in the words are words, not syntax. */
    assert_int_equal(store_search(F.s, "\"NEAR( OR * -", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 0);
    store_table_free(&t);
}

static void test_mixed_triads(void **state)
{
    store_table t;
    assert_int_equal(store_mixed(F.s, "month", NULL, &t), 0);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(store_cell(&t, 0, 0)->s, "2026-02");
    assert_string_equal(store_cell(&t, 0, 1)->s, "CHN");
    assert_string_equal(store_cell(&t, 0, 2)->s, "JPN");
    assert_int_equal(store_cell(&t, 0, store_col(&t, "score"))->i, 1);
    store_table_free(&t);

    assert_int_equal(store_triads(F.s, "month", 0, NULL, &t), 0);
    assert_int_equal(t.nrows, 2);
    int bal = store_col(&t, "balance"), ch = store_col(&t, "change");
    assert_string_equal(store_cell(&t, 0, 0)->s, "2026-01");
    assert_string_equal(store_cell(&t, 0, bal)->s, "unbalanced");
    assert_string_equal(store_cell(&t, 1, 0)->s, "2026-02");
    assert_string_equal(store_cell(&t, 1, bal)->s, "balanced");
    assert_string_equal(store_cell(&t, 1, ch)->s, "became balanced");
    assert_string_equal(store_cell(&t, 1, store_col(&t, "previous"))->s, "2026-01");
    store_table_free(&t);
    assert_int_equal(store_triads(F.s, "year", 1, NULL, &t), 0);
    assert_int_equal(t.nrows, 1);
    store_table_free(&t);

    assert_int_not_equal(store_mixed(F.s, "week", NULL, &t), 0);
    assert_non_null(strstr(store_error(F.s), "unknown period 'week'"));
    assert_int_not_equal(store_triads(F.s, "decade", 0, NULL, &t), 0);
    assert_non_null(strstr(store_error(F.s), "unknown period 'decade'"));
}

static void test_quotes(void **state)
{
    store_table t;
    /* Any case, part of the name. */
    assert_int_equal(store_quotes(F.s, "лавРОВ", NULL, &t), 0);
    assert_int_equal(t.nrows, 1);
    assert_string_equal(store_cell(&t, 0, store_col(&t, "speaker"))->s, "Сергей Лавров");
    assert_string_equal(store_cell(&t, 0, store_col(&t, "speaker_code"))->s, "RUSGOV");
    assert_string_equal(store_cell(&t, 0, store_col(&t, "text"))->s, "Россия ответит на эти меры");
    assert_string_equal(store_cell(&t, 0, store_col(&t, "doc"))->s, "e");
    store_table_free(&t);
    assert_int_equal(store_quotes(F.s, NULL, NULL, &t), 0);
    assert_int_equal(t.nrows, 2);
    store_table_free(&t);
    /* LIKE wildcards in the name are literal. */
    assert_int_equal(store_quotes(F.s, "%", NULL, &t), 0);
    assert_int_equal(t.nrows, 0);
    store_table_free(&t);
    store_filter f = {.to = "2026-02-05"};
    assert_int_equal(store_quotes(F.s, "Лавров", &f, &t), 0);
    assert_int_equal(t.nrows, 0);
    store_table_free(&t);
}

static char *export_to_string(store_export_format fmt, const store_filter *f, long *rows)
{
    char *data = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&data, &len);
    assert_non_null(m);
    *rows = store_export(F.s, fmt, f, m);
    fclose(m);
    return data;
}

static void test_export(void **state)
{
    long rows;
    char *tsv = export_to_string(STORE_EXPORT_GDELT, NULL, &rows);
    assert_int_equal(rows, 9);
    size_t lines = 0;
    for (char *line = tsv; *line;) {
        char *end = strchr(line, '\n');
        assert_non_null(end);
        *end = '\0';
        int cols = 1;
        for (char *p = line; *p; p++) cols += *p == '\t';
        assert_int_equal(cols, 61);
        /* SQLDATE is 8 digits, Year 4, QuadClass 1-4. */
        char *f[61];
        int n = 0;
        for (char *p = line, *q; n < 61; p = q + 1) {
            f[n++] = p;
            q = strchr(p, '\t');
            if (!q) break;
            *q = '\0';
        }
        assert_int_equal(strlen(f[1]), 8);
        assert_int_equal(strlen(f[3]), 4);
        assert_true(f[29][0] >= '1' && f[29][0] <= '4' && !f[29][1]);
        assert_int_equal(strlen(f[59]), 14); /* DATEADDED */
        lines++;
        line = end + 1;
    }
    assert_int_equal(lines, 9);
    free(tsv);
    assert_string_equal(store_gdelt_columns[0], "GLOBALEVENTID");
    assert_string_equal(store_gdelt_columns[60], "SOURCEURL");

    store_filter feb = {.from = "2026-02-01"};
    char *csv = export_to_string(STORE_EXPORT_CSV, &feb, &rows);
    assert_int_equal(rows, 4);
    assert_int_equal(strncmp(csv, "doc,event,date,", 15), 0);
    free(csv);
    char *jl = export_to_string(STORE_EXPORT_JSONL, NULL, &rows);
    assert_int_equal(rows, 10);
    assert_int_equal(jl[0], '{');
    free(jl);
}

static void test_tables_render(void **state)
{
    store_table t;
    assert_int_equal(store_sql(F.s, "SELECT 'a,b' AS x, 1.5 AS y, NULL AS z, 'Токио' AS w", &t), 0);
    buf b;
    buf_init(&b);
    store_table_csv(&t, &b);
    assert_string_equal(buf_cstr(&b), "x,y,z,w\n\"a,b\",1.500,,Токио\n");
    buf_reset(&b);
    store_table_json(&t, &b);
    assert_string_equal(buf_cstr(&b), "[{\"x\":\"a,b\",\"y\":1.500,\"z\":null,\"w\":\"Токио\"}]");
    buf_reset(&b);
    store_table_text(&t, 0, &b);
    assert_non_null(strstr(buf_cstr(&b), "Токио"));
    buf_free(&b);
    store_table_free(&t);
}

static void test_recode(void **state)
{
    size_t n = 0;
    /* Nothing is stale: every document has the current dictionaries. */
    assert_int_equal(store_recode(F.s, F.c, 0, 2, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(store_recode(F.s, F.c, 1, 3, &n), 0);
    assert_int_equal(n, N_DOCS);
    assert_int_equal(sql_int("SELECT count(*) FROM events"), 10);
    assert_int_equal(sql_int("SELECT count(*) FROM stories"), 9);
    assert_int_equal(sql_int("SELECT count(*) FROM sentences"),
                     sql_int("SELECT sum(n_sentences) FROM documents"));
    store_table t;
    assert_int_equal(store_search(F.s, "санкций", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 2);
    store_table_free(&t);
    assert_int_equal(sql_int("SELECT num_mentions FROM stories WHERE date = '2026-01-10' "
                             "AND source = 'JPN' AND code = '163'"),
                     2);
    assert_int_equal(sql_int("SELECT count(*) FROM meta WHERE key = 'fts_rebuild_pending'"), 0);
    /* A recode killed before its rebuild: the next one rebuilds. */
    assert_int_equal(
        store_sql(F.s, "INSERT INTO meta (key, value) VALUES ('fts_rebuild_pending', '1')", &t), 0);
    store_table_free(&t);
    assert_int_equal(store_recode(F.s, F.c, 0, 0, &n), 0);
    assert_int_equal(n, 0);
    assert_int_equal(sql_int("SELECT count(*) FROM meta WHERE key = 'fts_rebuild_pending'"), 0);
    assert_int_equal(store_search(F.s, "санкций", 0, 10, &t), 0);
    assert_int_equal(t.nrows, 2);
    store_table_free(&t);
}

static void test_ingest_walk(void **state)
{
    char in[160];
    snprintf(in, sizeof in, "%s/in", F.dir);
    assert_int_equal(mkdir(in, 0700), 0);
    test_writes(in, "w1.txt", " date 2026-03-01 Россия раскритиковала Японию.");
    test_writes(in, "w2.txt", " date 2026-03-01 Россия  раскритиковала Японию.");
    test_writes(in, "w3.txt", "\xff bad");
    const char *paths[] = {in};
    store_ingest_stats st;
    store_ingest_options o = {.batch = 2};
    for (int round = 0; round < 2; round++) {
        ingest *it = ingest_open(paths, 1, &(ingest_options){0});
        assert_int_equal(store_ingest(F.s, F.c, it, &o, &st), 0);
        ingest_close(it);
        assert_int_equal(st.added, round ? 0 : 1);
        assert_int_equal(st.dup_text, 1);
        assert_int_equal(st.dup_id, round ? 1 : 0);
        assert_int_equal(st.failed, 1);
    }
    assert_int_equal(sql_int("SELECT count(*) FROM documents"), N_DOCS + 1);
}

int main(void)
{
    if (system("command -v cp >/dev/null") != 0) {
        puts("skip: no cp");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema),        cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_dedup),         cmocka_unit_test(test_events_query),
        cmocka_unit_test(test_relations),     cmocka_unit_test(test_graph),
        cmocka_unit_test(test_search),        cmocka_unit_test(test_mixed_triads),
        cmocka_unit_test(test_quotes),        cmocka_unit_test(test_export),
        cmocka_unit_test(test_tables_render), cmocka_unit_test(test_recode),
        cmocka_unit_test(test_ingest_walk),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
