/* test_buf.c — the byte buffer, the JSON writer on it, and array growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "grow.h"

static void json_pieces_escape_and_format(void **state)
{
    (void)state;
    buf b;
    buf_init(&b);
    buf_addc(&b, '{');
    json_key(&b, "text");
    json_cstr(&b, "«Да», \"no\"\n\t\x01");
    json_field_cstr(&b, "none", NULL);
    json_field_int(&b, "neg", -9223372036854775807LL - 1);
    json_field_int(&b, "zero", 0);
    json_field_num(&b, "g", -7.25, 1);
    json_field_bool(&b, "yes", 1);
    json_field_bool(&b, "no", 0);
    json_next_key(&b, "list");
    buf_adds(&b, "[]}");
    assert_false(b.failed);
    assert_string_equal(buf_cstr(&b),
                        "{\"text\":\"«Да», \\\"no\\\"\\n\\t\\u0001\",\"none\":null,"
                        "\"neg\":-9223372036854775808,\"zero\":0,\"g\":-7.2,\"yes\":true,"
                        "\"no\":false,\"list\":[]}");
    /* A reset keeps the memory and starts empty. */
    size_t cap = b.cap;
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, cap);
    assert_string_equal(buf_cstr(&b), "");
    buf_free(&b);
}

static void grow_room_doubles_and_reaches_far_indexes(void **state)
{
    (void)state;
    int *v = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < 100; i++) {
        assert_int_equal(GROW_ROOM(v, i, cap, 8), 0);
        v[i] = (int)i;
    }
    assert_int_equal(cap, 128);
    /* An index far past the end grows at once, keeping what was there. */
    assert_int_equal(GROW_ROOM(v, 1000, cap, 8), 0);
    assert_true(cap > 1000);
    v[1000] = 7;
    for (size_t i = 0; i < 100; i++) assert_int_equal(v[i], (int)i);
    /* Room already there: nothing moves. */
    int *before = v;
    size_t cap_before = cap;
    assert_int_equal(GROW_ROOM(v, 5, cap, 8), 0);
    assert_ptr_equal(v, before);
    assert_int_equal(cap, cap_before);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_pieces_escape_and_format),
        cmocka_unit_test(grow_room_doubles_and_reaches_far_indexes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
