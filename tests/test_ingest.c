/* test_ingest.c — every container format and every kind of bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ingest.h"
#include "testutil.h"

static int parse(const char *data, const ingest_options *o, ingest_doc *d, char *err)
{
    return ingest_parse_seed("dir/a1.txt", data, strlen(data), o, d, err, 256);
}

static void seed_date_on_same_line(void **state)
{
    ingest_doc d;
    char err[256];
    assert_int_equal(parse(" date 2026-02-12 Правительство Японии решило.", NULL, &d, err), 0);
    assert_string_equal(d.id, "a1");
    assert_string_equal(d.date, "2026-02-12");
    assert_int_equal(d.date_source, DATE_HEADER);
    assert_string_equal(d.text, "Правительство Японии решило.");
    ingest_doc_clear(&d);
}

static void seed_date_on_own_line_without_space(void **state)
{
    ingest_doc d;
    char err[256];
    assert_int_equal(parse("date 2025-10-21\n\nFirst line.\nSecond.\n", NULL, &d, err), 0);
    assert_string_equal(d.date, "2025-10-21");
    assert_string_equal(d.text, "First line.\nSecond.");
    ingest_doc_clear(&d);
}

static void seed_impossible_and_malformed_dates(void **state)
{
    ingest_doc d;
    char err[256];
    assert_int_equal(parse(" date 2026-02-30 Текст.", NULL, &d, err), -1);
    assert_non_null(strstr(err, "dir/a1.txt:1"));
    assert_non_null(strstr(err, "impossible date '2026-02-30'"));
    assert_int_equal(parse(" date 2026-13-01 Текст.", NULL, &d, err), -1);
    assert_non_null(strstr(err, "impossible"));
    assert_int_equal(parse(" date 12.02.2026 Текст.", NULL, &d, err), -1);
    assert_non_null(strstr(err, "malformed date"));
    assert_int_equal(parse(" date\nТекст.", NULL, &d, err), -1);
    assert_non_null(strstr(err, "missing date"));
    /* Leap years. */
    assert_int_equal(parse(" date 2024-02-29 Текст.", NULL, &d, err), 0);
    ingest_doc_clear(&d);
    assert_int_equal(parse(" date 2100-02-29 Текст.", NULL, &d, err), -1);
}

static void plain_text_is_not_a_header(void **state)
{
    ingest_doc d;
    char err[256];
    assert_int_equal(parse("date palms grow in Egypt.", NULL, &d, err), 0);
    assert_null(d.date);
    assert_string_equal(d.text, "date palms grow in Egypt.");
    ingest_doc_clear(&d);
    ingest_options o = {.date = "2026-01-05"};
    assert_int_equal(parse("\xEF\xBB\xBFJust text.\n", &o, &d, err), 0);
    assert_string_equal(d.date, "2026-01-05");
    assert_int_equal(d.date_source, DATE_OPTION);
    assert_string_equal(d.text, "Just text.");
    ingest_doc_clear(&d);
}

static void empty_documents_fail(void **state)
{
    ingest_doc d;
    char err[256];
    assert_int_equal(parse("   \n\t\n", NULL, &d, err), -1);
    assert_non_null(strstr(err, "empty document"));
    assert_int_equal(parse(" date 2026-01-01   \n", NULL, &d, err), -1);
    assert_non_null(strstr(err, "only a date header"));
}

static void require_date(void **state)
{
    ingest_doc d;
    char err[256];
    ingest_options o = {.require_date = 1};
    assert_int_equal(parse("No date here.", &o, &d, err), -1);
    assert_non_null(strstr(err, "missing date"));
}

/* Collects every result of a walk into one string: "ok:ID" / "err:MSG". */
static void walk(const char **paths, size_t n, const ingest_options *o, char *out, size_t cap)
{
    ingest *in = ingest_open(paths, n, o);
    assert_non_null(in);
    ingest_doc d;
    char err[512];
    int rc;
    out[0] = '\0';
    while ((rc = ingest_next(in, &d, err, sizeof err)) != 0) {
        char line[700];
        if (rc > 0) {
            snprintf(line, sizeof line, "ok:%s|%s\n", d.id, d.date ? d.date : "-");
            ingest_doc_clear(&d);
        } else {
            snprintf(line, sizeof line, "err:%s\n", err);
        }
        strncat(out, line, cap - strlen(out) - 1);
    }
    ingest_close(in);
}

static void jsonl_good_and_bad_lines(void **state)
{
    char dir[64];
    assert_non_null(test_tmpdir(dir, sizeof dir));
    test_writes(dir, "in.jsonl",
                "{\"id\":\"a\",\"date\":\"2026-01-02\",\"text\":\"Первый.\",\"lang\":\"ru\"}\n"
                "\n"
                "{\"id\":\"b\",\"text\":\"Second\"\n"
                "{\"id\":\"c\",\"date\":\"2026-02-30\",\"text\":\"Third.\"}\n"
                "{\"id\":\"d\"}\n"
                "{\"id\":5,\"text\":\"Fifth.\",\"url\":\"http://x\"}\n"
                "[1,2]\n"
                "{\"id\":\"e\",\"text\":7}\n"
                "{\"text\":\"   \"}\n"
                "{\"text\":\"no id\"}\n");
    char path[128], out[8192];
    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    const char *paths[] = {path};
    walk(paths, 1, NULL, out, sizeof out);
    assert_non_null(strstr(out, "ok:a|2026-01-02\n"));
    assert_non_null(strstr(out, "in.jsonl:3: malformed JSON"));
    assert_non_null(strstr(out, "in.jsonl:4: impossible date '2026-02-30'"));
    assert_non_null(strstr(out, "in.jsonl:5: no \"text\" field"));
    assert_non_null(strstr(out, "ok:5|-\n"));
    assert_non_null(strstr(out, "in.jsonl:7: a JSON line must be an object"));
    assert_non_null(strstr(out, "in.jsonl:8: field \"text\" must be a string"));
    assert_non_null(strstr(out, "in.jsonl:9: empty text"));
    assert_non_null(strstr(out, "ok:in:10|-\n"));
    test_rmtree(dir);
}

static void jsonl_invalid_utf8_and_nul(void **state)
{
    char dir[64];
    assert_non_null(test_tmpdir(dir, sizeof dir));
    const char data[] = "{\"text\":\"bad \xC3\x28 byte\"}\n"
                        "{\"text\":\"nul \\u0000 escape\"}\n"
                        "{\"text\":\"raw\0nul\"}\n"
                        "{\"id\":\"fine\",\"text\":\"ok\"}\n";
    test_write(dir, "x.jsonl", data, sizeof data - 1);
    char path[128], out[8192];
    snprintf(path, sizeof path, "%s/x.jsonl", dir);
    const char *paths[] = {path};
    walk(paths, 1, NULL, out, sizeof out);
    assert_non_null(strstr(out, "x.jsonl:1: malformed JSON"));
    assert_non_null(strstr(out, "x.jsonl:2: malformed JSON"));
    assert_non_null(strstr(out, "x.jsonl:3: NUL byte"));
    assert_non_null(strstr(out, "ok:fine|-"));
    test_rmtree(dir);
}

static void jsonl_line_over_limit_is_skipped(void **state)
{
    char dir[64];
    assert_non_null(test_tmpdir(dir, sizeof dir));
    size_t big = 300 * 1024;
    char *data = malloc(big + 200);
    size_t n = (size_t)sprintf(data, "{\"id\":\"big\",\"text\":\"");
    memset(data + n, 'a', big);
    n += big;
    n += (size_t)sprintf(data + n, "\"}\n{\"id\":\"after\",\"text\":\"small\"}\n");
    test_write(dir, "big.jsonl", data, n);
    free(data);
    char path[128], out[8192];
    snprintf(path, sizeof path, "%s/big.jsonl", dir);
    const char *paths[] = {path};
    ingest_options o = {.max_doc_bytes = 100 * 1024};
    walk(paths, 1, &o, out, sizeof out);
    assert_non_null(strstr(out, "big.jsonl:1: line longer than"));
    assert_non_null(strstr(out, "ok:after|-"));
    test_rmtree(dir);
}

static void folders_walk_in_order_and_go_on_after_errors(void **state)
{
    char dir[64];
    assert_non_null(test_tmpdir(dir, sizeof dir));
    char sub[128];
    snprintf(sub, sizeof sub, "%s/b_sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    test_writes(dir, "c.txt", " date 2026-01-03 Третий.");
    test_writes(dir, "a.txt", " date 2026-01-01 Первый.");
    test_writes(dir, "empty.txt", "");
    test_writes(dir, "notes.md", "ignored: not a document name");
    test_writes(dir, ".hidden.txt", " date 2026-01-09 Hidden.");
    test_writes(sub, "b.txt", "date 2026-01-02\nВторой.");
    test_writes(dir, "d.txt", " date 2026-04-31 Bad date.");
    char out[8192];
    const char *paths[] = {dir};
    walk(paths, 1, NULL, out, sizeof out);
    const char *a = strstr(out, "ok:a|2026-01-01");
    const char *b = strstr(out, "ok:b|2026-01-02");
    const char *c = strstr(out, "ok:c|2026-01-03");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_true(a < b && b < c);
    assert_non_null(strstr(out, "d.txt:1: impossible date '2026-04-31'"));
    assert_non_null(strstr(out, "empty.txt: empty file"));
    assert_null(strstr(out, "Hidden"));
    assert_null(strstr(out, "notes"));
    test_rmtree(dir);
}

static void missing_paths_and_too_big_files(void **state)
{
    char dir[64];
    assert_non_null(test_tmpdir(dir, sizeof dir));
    char *big = malloc(200 * 1024);
    memset(big, 'x', 200 * 1024);
    test_write(dir, "big.txt", big, 200 * 1024);
    free(big);
    test_writes(dir, "ok.txt", "Fine text.");
    char p1[128], p2[128];
    snprintf(p1, sizeof p1, "%s/big.txt", dir);
    snprintf(p2, sizeof p2, "%s/ok.txt", dir);
    const char *paths[] = {"/nonexistent/file.txt", p1, p2};
    ingest_options o = {.max_doc_bytes = 64 * 1024};
    char out[8192];
    walk(paths, 3, &o, out, sizeof out);
    assert_non_null(strstr(out, "/nonexistent/file.txt: No such file"));
    assert_non_null(strstr(out, "big.txt: document too large"));
    assert_non_null(strstr(out, "ok:ok|-"));
    test_rmtree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed_date_on_same_line),
        cmocka_unit_test(seed_date_on_own_line_without_space),
        cmocka_unit_test(seed_impossible_and_malformed_dates),
        cmocka_unit_test(plain_text_is_not_a_header),
        cmocka_unit_test(empty_documents_fail),
        cmocka_unit_test(require_date),
        cmocka_unit_test(jsonl_good_and_bad_lines),
        cmocka_unit_test(jsonl_invalid_utf8_and_nul),
        cmocka_unit_test(jsonl_line_over_limit_is_skipped),
        cmocka_unit_test(folders_walk_in_order_and_go_on_after_errors),
        cmocka_unit_test(missing_paths_and_too_big_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
