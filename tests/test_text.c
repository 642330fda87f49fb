/* test_text.c — UTF-8 validation, folding for matching, stems, calendar,
 * language detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "calendar.h"
#include "lang.h"
#include "testutil.h"
#include "text.h"
#include "utf8.h"

static void utf8_accepts_and_rejects(void **state)
{
    size_t bad = 99, chars = 0;
    const char ok[] = "Ёж и ёлка — 𝔘 ok";
    assert_int_equal(utf8_check(ok, sizeof ok - 1, &bad, &chars), UTF8_OK);
    assert_int_equal(chars, 16);
    assert_int_equal(utf8_check("ab\xC3\x28", 4, &bad, NULL), UTF8_INVALID);
    assert_int_equal(bad, 2);
    assert_int_equal(utf8_check("\xC0\xAF", 2, &bad, NULL), UTF8_INVALID); /* overlong */
    assert_int_equal(utf8_check("\xED\xA0\x80", 3, &bad, NULL), UTF8_INVALID); /* surrogate */
    assert_int_equal(utf8_check("\xF4\x90\x80\x80", 4, &bad, NULL), UTF8_INVALID); /* > 10FFFF */
    assert_int_equal(utf8_check("\xE2\x82", 2, &bad, NULL), UTF8_INVALID); /* truncated */
    assert_int_equal(utf8_check("abcdefgh\0ijk", 12, &bad, NULL), UTF8_NUL);
    assert_int_equal(bad, 8);
    assert_int_equal(utf8_line_of("a\nb\nc", 4), 3);
}

static void check_fold(const char *in, const char *want)
{
    buf b;
    buf_init(&b);
    text_fold(in, strlen(in), &b);
    assert_string_equal(buf_cstr(&b), want);
    buf_free(&b);
}

static void fold_for_matching(void **state)
{
    check_fold("Ёлка ЁЖИК", "елка ежик");
    check_fold("«Школа» „злословия“ “x”", "\"школа\" \"злословия\" \"x\"");
    check_fold("из‑за 2022–2023 — тире − минус", "из-за 2022-2023 - тире - минус");
    check_fold("U.S.\xC2\xA0" "Embassy", "u.s. embassy");
    check_fold("рос\xC2\xAD" "сий\xE2\x80\x8B" "ский", "российский");
    check_fold("Straße", "strasse");
    check_fold("и\xCC\x86", "й"); /* decomposed й composes */
    check_fold("O’Neill…", "o'neill...");
    check_fold("ΑΘΗΝΑ", "αθηνα");
}

static void stems_are_cached_and_match_inflections(void **state)
{
    stem_cache c;
    assert_int_equal(stem_cache_init(&c), 0);
    uint32_t a = stem_cache_get(&c, "кисида", 12, NULL);
    uint32_t b = stem_cache_get(&c, "кисиды", 12, NULL);
    assert_int_equal(a, b);
    uint32_t r1 = stem_cache_get(&c, "россия", 12, NULL);
    uint32_t r2 = stem_cache_get(&c, "россией", 14, NULL);
    assert_int_equal(r1, r2);
    uint32_t e1 = stem_cache_get(&c, "sanctions", 9, NULL);
    uint32_t e2 = stem_cache_get(&c, "sanctioned", 10, NULL);
    assert_int_equal(e1, e2);
    assert_string_equal(strtab_str(&c.stems, e1), "sanction");
    uint64_t misses = c.misses;
    stem_cache_get(&c, "кисиды", 12, NULL);
    assert_int_equal(c.misses, misses); /* a form seen before is not stemmed again */
    /* Digits and other scripts are their own stem. */
    uint32_t d = stem_cache_get(&c, "2026", 4, NULL);
    assert_string_equal(strtab_str(&c.stems, d), "2026");
    stem_cache_free(&c);
}

static void calendar_facts(void **state)
{
    int y, m, d;
    assert_int_equal(cal_parse_iso("2024-02-29", 10, &y, &m, &d), 0);
    assert_int_equal(cal_parse_iso("2026-02-29", 10, &y, &m, &d), -2);
    assert_int_equal(cal_parse_iso("2026-2-01", 9, &y, &m, &d), -1);
    assert_int_equal(cal_weekday(2026, 2, 12), 3); /* a Thursday */
    long days = cal_to_days(2026, 2, 12);
    cal_from_days(days + 20, &y, &m, &d);
    assert_int_equal(y * 10000 + m * 100 + d, 20260304);
    cal_from_days(cal_to_days(1969, 12, 31), &y, &m, &d);
    assert_int_equal(y * 10000 + m * 100 + d, 19691231);
}

static void language_detection(void **state)
{
    const char *ru = "Правительство Японии обсуждает отношения с Россией (Reuters, NHK).";
    const char *en = "Japan's government is reviewing its course toward Russia, Москва says.";
    assert_int_equal(lang_detect(ru, strlen(ru)), LANG_RU);
    assert_int_equal(lang_detect(en, strlen(en)), LANG_EN);
    assert_int_equal(lang_detect("12 34 -- !!", 11), LANG_UND);
    assert_string_equal(lang_code(LANG_RU), "ru");
    assert_int_equal(lang_from_code("en"), LANG_EN);
    assert_int_equal(lang_from_code("de"), LANG_UND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_accepts_and_rejects),
        cmocka_unit_test(fold_for_matching),
        cmocka_unit_test(stems_are_cached_and_match_inflections),
        cmocka_unit_test(calendar_facts),
        cmocka_unit_test(language_detection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
