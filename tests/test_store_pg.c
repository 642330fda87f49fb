/* test_store_pg.c — the PostgreSQL backend's operations (store_pg.c) on a
 * live database: ?N → $N outside quotes, result types, NULLs, statements
 * reused, and a failing statement sent in the pipeline failing the next
 * one, the commit and nothing else.
 *
 * Needs $DYAD_PG_URL (tests/cli_store_pg.sh runs it on its throw-away
 * cluster); skips (77) without it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store.h"

static const store_backend *B = &store_pg_backend;
static void *C;

static int setup(void **state)
{
    char err[512];
    if (B->open(getenv("DYAD_PG_URL"), NULL, &C, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return B->exec(C, "DROP TABLE IF EXISTS pg_unit; CREATE TABLE pg_unit (k INTEGER PRIMARY "
                      "KEY, v TEXT)");
}

static int teardown(void **state)
{
    B->exec(C, "DROP TABLE IF EXISTS pg_unit");
    B->close(C);
    return 0;
}

static void test_params_outside_quotes(void **state)
{
    void *st =
        B->prepare(C, "SELECT '?1' AS q, ?1::text || ?2::text AS b, 'it''s ?2' AS c -- ?3\n");
    assert_non_null(st);
    assert_int_equal(B->column_count(st), 3);
    assert_string_equal(B->column_name(st, 1), "b");
    assert_int_equal(B->bind_text(st, 1, "x?1", 3), 0);
    assert_int_equal(B->bind_int(st, 2, 42), 0);
    assert_int_equal(B->step(st), STORE_ROW);
    assert_string_equal(B->column_text(st, 0, NULL), "?1");
    size_t n;
    assert_string_equal(B->column_text(st, 1, &n), "x?142");
    assert_int_equal(n, 5);
    assert_string_equal(B->column_text(st, 2, NULL), "it's ?2");
    assert_int_equal(B->step(st), STORE_DONE);
    B->finalize(st);
}

static void test_types(void **state)
{
    void *st = B->prepare(C, "SELECT 1::int, 2::bigint, 1.5::float8, true, NULL::text, 'abc', "
                             "(SELECT sum(x) FROM (VALUES (1::bigint), (2)) t (x)), "
                             "(SELECT avg(x) FROM (VALUES (1), (2)) t (x)), ?1::float8");
    assert_non_null(st);
    assert_int_equal(B->bind_real(st, 1, -0.1), 0);
    assert_int_equal(B->step(st), STORE_ROW);
    int want[] = {STORE_INT,  STORE_INT, STORE_REAL, STORE_INT, STORE_NULL,
                  STORE_TEXT, STORE_INT, STORE_REAL, STORE_REAL};
    for (int i = 0; i < 9; i++) assert_int_equal(B->column_type(st, i), want[i]);
    assert_int_equal(B->column_int(st, 1), 2);
    assert_true(B->column_real(st, 2) == 1.5);
    assert_int_equal(B->column_int(st, 3), 1);
    assert_null(B->column_text(st, 4, NULL));
    assert_int_equal(B->column_int(st, 6), 3);
    assert_true(B->column_real(st, 7) == 1.5);
    assert_true(B->column_real(st, 8) == -0.1);
    B->finalize(st);
}

static int64_t count_rows(void)
{
    void *st = B->prepare(C, "SELECT count(*) FROM pg_unit");
    assert_non_null(st);
    assert_int_equal(B->step(st), STORE_ROW);
    int64_t n = B->column_int(st, 0);
    B->finalize(st);
    return n;
}

static void test_reuse_and_commit(void **state)
{
    assert_int_equal(B->begin(C), 0);
    void *ins = B->prepare(C, "INSERT INTO pg_unit (k, v) VALUES (?1, ?2)");
    assert_non_null(ins);
    for (int k = 1; k <= 700; k++) { /* more than one pipeline's worth */
        assert_int_equal(B->bind_int(ins, 1, k), 0);
        if (k % 2) assert_int_equal(B->bind_text(ins, 2, "v", 1), 0);
        assert_int_equal(B->step(ins), STORE_DONE);
        assert_int_equal(B->reset(ins), 0);
    }
    assert_int_equal(count_rows(), 700);
    assert_int_equal(B->commit(C), 0);
    void *st = B->prepare(C, "SELECT count(*) FROM pg_unit WHERE v IS NULL");
    assert_int_equal(B->step(st), STORE_ROW);
    assert_int_equal(B->column_int(st, 0), 350);
    B->finalize(st);
    B->finalize(ins);
}

static void test_deferred_error(void **state)
{
    int64_t before = count_rows();
    assert_int_equal(B->begin(C), 0);
    void *ins = B->prepare(C, "INSERT INTO pg_unit (k) VALUES (?1)");
    assert_non_null(ins);
    assert_int_equal(B->bind_int(ins, 1, 100000), 0);
    assert_int_equal(B->step(ins), STORE_DONE);
    B->reset(ins);
    assert_int_equal(B->bind_int(ins, 1, 1), 0); /* a duplicate key */
    int rc = B->step(ins);
    B->reset(ins);
    if (rc == STORE_DONE) { /* sent in the pipeline: the next read fails */
        void *st = B->prepare(C, "SELECT 1");
        if (st) {
            assert_int_equal(B->step(st), STORE_ERR);
            B->finalize(st);
        }
        assert_non_null(strstr(B->errmsg(C), "duplicate key"));
        assert_int_not_equal(B->commit(C), 0);
    } else {
        assert_int_equal(rc, STORE_ERR);
        assert_int_equal(B->rollback(C), 0);
    }
    assert_non_null(strstr(B->errmsg(C), "duplicate key"));
    B->finalize(ins);
    assert_int_equal(count_rows(), before); /* nothing of the batch */
    assert_int_equal(B->rollback(C), 0);    /* no transaction: fine */
}

int main(void)
{
    const char *url = getenv("DYAD_PG_URL");
    if (!url || !*url) {
        printf("skip: DYAD_PG_URL is not set (tests/cli_store_pg.sh sets it)\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params_outside_quotes),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_reuse_and_commit),
        cmocka_unit_test(test_deferred_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
