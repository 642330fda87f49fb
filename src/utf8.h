/* utf8.h — strict UTF-8 validation and decoding.
 *
 * Documents are untrusted: before anything else looks at a text, utf8_check()
 * proves it is well-formed UTF-8 without NUL bytes (overlong forms, surrogates
 * and code points past U+10FFFF are rejected, as RFC 3629 requires). After
 * that every stage may decode without checks.
 */
#ifndef DYAD_UTF8_H
#define DYAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

typedef enum utf8_status {
    UTF8_OK = 0,
    UTF8_INVALID, /* ill-formed sequence at *bad */
    UTF8_NUL      /* NUL byte at *bad: binary data, not text */
} utf8_status;

/* Checks s[0..n). On failure *bad is the byte offset of the first problem.
 * On success *chars (if not NULL) is the number of code points. */
utf8_status utf8_check(const char *s, size_t n, size_t *bad, size_t *chars);

/* Decodes the code point at s[*i] (valid UTF-8 assumed) and advances *i. */
static inline uint32_t utf8_next(const char *s, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    uint32_t c = p[0];
    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c < 0xE0) {
        *i += 2;
        return ((c & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if (c < 0xF0) {
        *i += 3;
        return ((c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    *i += 4;
    return ((c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) | ((uint32_t)(p[2] & 0x3F) << 6) |
           (p[3] & 0x3F);
}

/* Encodes c into out (at least 4 bytes); returns the number of bytes. */
int utf8_encode(uint32_t c, char *out);

/* Line number (1-based) of byte offset off in s: for error messages. */
size_t utf8_line_of(const char *s, size_t off);

#endif
