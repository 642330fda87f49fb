/* utf8.c — see utf8.h. The validator follows the well-formed byte sequence
 * table of the Unicode Standard (Table 3-7), with an ASCII fast path since
 * most bytes of English and all punctuation of Russian text are ASCII. */
#include "utf8.h"

#include <string.h>

utf8_status utf8_check(const char *str, size_t n, size_t *bad, size_t *chars)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, count = 0;
    while (i < n) {
        /* Eight ASCII bytes at a time when aligned runs allow it. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            /* A zero byte inside the word: let the byte loop report it. */
            if ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull) break;
            i += 8;
            count += 8;
        }
        if (i >= n) break;
        unsigned c = s[i];
        size_t len;
        if (c == 0) {
            *bad = i;
            return UTF8_NUL;
        } else if (c < 0x80) {
            len = 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) goto invalid;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (i + 2 >= n) goto invalid;
            unsigned c1 = s[i + 1];
            unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            if (c1 < lo || c1 > hi || (s[i + 2] & 0xC0) != 0x80) goto invalid;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (i + 3 >= n) goto invalid;
            unsigned c1 = s[i + 1];
            unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            if (c1 < lo || c1 > hi || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
                goto invalid;
        } else {
            goto invalid;
        }
        i += len;
        count++;
    }
    if (chars) *chars = count;
    return UTF8_OK;
invalid:
    *bad = i;
    return UTF8_INVALID;
}

int utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t utf8_line_of(const char *s, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') line++;
    return line;
}
