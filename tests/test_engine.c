/* test_engine.c — the public API end to end: records, errors, determinism,
 * and the golden facts of the seed article (skipped without ../shared). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>

#include "dyad.h"
#include "testutil.h"

static dyad_engine *engine;

static int setup(void **state)
{
    char err[512];
    if (dyad_engine_open(test_dict_dir(), &engine, err, sizeof err) != DYAD_OK) {
        fprintf(stderr, "engine: %s\n", err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    dyad_engine_close(engine);
    return 0;
}

static json_t *code_json(dyad_coder *c, const dyad_doc *d)
{
    dyad_record *r;
    assert_int_equal(dyad_code(c, d, &r), DYAD_OK);
    size_t len;
    const char *s = dyad_record_json(r, &len);
    assert_null(memchr(s, '\n', len)); /* one line */
    json_error_t e;
    json_t *j = json_loadb(s, len, 0, &e);
    if (!j) fail_msg("invalid JSON: %s", e.text);
    dyad_record_free(r);
    return j;
}

static void record_has_documented_fields(void **state)
{
    dyad_coder *c = dyad_coder_new(engine, NULL);
    const char *text = "Япония и Россия провели переговоры в Токио. Стороны договорились.\n\n"
                       "Second paragraph here.";
    dyad_doc d = {.id = "t1", .date = "2026-01-15", .text = text, .text_len = strlen(text)};
    json_t *j = code_json(c, &d);
    assert_int_equal(json_integer_value(json_object_get(j, "format")), DYAD_RECORD_FORMAT);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "t1");
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2026-01-15");
    assert_string_equal(json_string_value(json_object_get(j, "lang")), "ru");
    assert_true(json_is_true(json_object_get(j, "lang_detected")));
    json_t *size = json_object_get(j, "size");
    assert_int_equal(json_integer_value(json_object_get(size, "bytes")), strlen(text));
    json_t *sents = json_object_get(j, "sentences");
    assert_int_equal(json_array_size(sents), 3);
    json_t *s1 = json_array_get(sents, 1);
    assert_string_equal(json_string_value(json_object_get(s1, "text")), "Стороны договорились.");
    /* The span is in code points, the bytes in bytes, both into "text". */
    json_t *span = json_object_get(s1, "span"), *bytes = json_object_get(s1, "bytes");
    assert_int_equal(json_integer_value(json_array_get(span, 0)), 44);
    assert_int_equal(json_integer_value(json_array_get(bytes, 0)), strstr(text, "Стороны") - text);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(sents, 2), "paragraph")), 1);
    for (const char *k = "actors\0events\0quotes\0dates\0"; *k; k += strlen(k) + 1)
        assert_true(json_is_array(json_object_get(j, k)));
    assert_null(json_object_get(j, "tokens"));
    json_decref(j);
    dyad_coder_free(c);
}

static void tokens_carry_norm_and_stem(void **state)
{
    dyad_options o = {.tokens = 1};
    dyad_coder *c = dyad_coder_new(engine, &o);
    const char *text = "Санкции против России продлены.";
    dyad_doc d = {.id = "t2", .lang = "ru", .text = text, .text_len = strlen(text)};
    json_t *j = code_json(c, &d);
    assert_false(json_is_true(json_object_get(j, "lang_detected")));
    json_t *toks = json_object_get(j, "tokens");
    assert_int_equal(json_array_size(toks), 5);
    json_t *t0 = json_array_get(toks, 0);
    assert_string_equal(json_string_value(json_object_get(t0, "text")), "Санкции");
    assert_string_equal(json_string_value(json_object_get(t0, "norm")), "санкции");
    assert_string_equal(json_string_value(json_object_get(t0, "stem")), "санкц");
    assert_string_equal(json_string_value(json_object_get(json_array_get(toks, 4), "kind")),
                        "punct");
    json_decref(j);
    dyad_coder_free(c);
}

static void bad_text_is_refused_with_a_reason(void **state)
{
    dyad_options o = {.max_text_bytes = 64};
    dyad_coder *c = dyad_coder_new(engine, &o);
    dyad_record *r = (dyad_record *)1;
    dyad_doc d = {.id = "x", .text = "ok\n\xFF bad", .text_len = 7};
    assert_int_equal(dyad_code(c, &d, &r), DYAD_EUTF8);
    assert_null(r);
    assert_string_equal(dyad_coder_error(c), "invalid UTF-8 at byte 3 (line 2): byte 0xFF");
    d.text = "bin\0ary";
    d.text_len = 7;
    assert_int_equal(dyad_code(c, &d, &r), DYAD_EBINARY);
    assert_non_null(strstr(dyad_coder_error(c), "NUL byte at byte 3"));
    d.text = " \n\t ";
    d.text_len = 4;
    assert_int_equal(dyad_code(c, &d, &r), DYAD_EEMPTY);
    char big[100];
    memset(big, 'a', sizeof big);
    d.text = big;
    d.text_len = sizeof big;
    assert_int_equal(dyad_code(c, &d, &r), DYAD_ETOOBIG);
    d.text = "fine";
    d.text_len = 4;
    d.date = "2026-02-30";
    assert_int_equal(dyad_code(c, &d, &r), DYAD_EDATE);
    assert_string_equal(dyad_coder_error(c), "impossible date '2026-02-30'");
    d.date = NULL;
    d.lang = "de";
    assert_int_equal(dyad_code(c, &d, &r), DYAD_EINVAL);
    d.lang = NULL;
    assert_int_equal(dyad_code(c, &d, &r), DYAD_OK);
    dyad_record_free(r);
    assert_string_equal(dyad_strerror(DYAD_EUTF8), "invalid UTF-8");
    dyad_coder_free(c);
}

static void output_is_deterministic_across_coders(void **state)
{
    const char *text = "Москва заявила протест. Токио ответил: «Нет».";
    dyad_doc d = {.id = "det", .date = "2026-03-01", .text = text, .text_len = strlen(text)};
    dyad_coder *a = dyad_coder_new(engine, NULL), *b = dyad_coder_new(engine, NULL);
    dyad_record *ra, *rb, *ra2;
    assert_int_equal(dyad_code(a, &d, &ra), DYAD_OK);
    assert_int_equal(dyad_code(b, &d, &rb), DYAD_OK);
    assert_int_equal(dyad_code(a, &d, &ra2), DYAD_OK);
    size_t la, lb, la2;
    const char *ja = dyad_record_json(ra, &la), *jb = dyad_record_json(rb, &lb),
               *ja2 = dyad_record_json(ra2, &la2);
    assert_int_equal(la, lb);
    assert_memory_equal(ja, jb, la);
    assert_int_equal(la, la2);
    assert_memory_equal(ja, ja2, la);
    dyad_record_free(ra);
    dyad_record_free(rb);
    dyad_record_free(ra2);
    dyad_coder_free(a);
    dyad_coder_free(b);
}

static void seed_article(void **state)
{
    const char *shared = test_shared_dir();
    if (!shared) {
        fprintf(stderr, "skip: ../shared not found (set DYAD_SHARED)\n");
        skip();
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/seed/000_5d1a5c883e097dad.txt", shared);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char data[65536];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    /* The seed header is ingest's job; here the text after it. */
    const char *text = strstr(data, "Правительство");
    assert_non_null(text);
    dyad_doc d = {.id = "000_5d1a5c883e097dad", .date = "2026-02-12", .text = text,
                  .text_len = n - (size_t)(text - data)};
    dyad_coder *c = dyad_coder_new(engine, NULL);
    json_t *j = code_json(c, &d);
    assert_string_equal(json_string_value(json_object_get(j, "lang")), "ru");
    json_t *sents = json_object_get(j, "sentences");
    assert_in_range(json_array_size(sents), 19, 21);
    /* The last sentence is the one the analyst codes as a rejection. */
    json_t *last = json_array_get(sents, json_array_size(sents) - 1);
    assert_non_null(strstr(json_string_value(json_object_get(last, "text")),
                           "Москва не видит оснований"));
    json_decref(j);
    dyad_coder_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(record_has_documented_fields),
        cmocka_unit_test(tokens_carry_norm_and_stem),
        cmocka_unit_test(bad_text_is_refused_with_a_reason),
        cmocka_unit_test(output_is_deterministic_across_coders),
        cmocka_unit_test(seed_article),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
