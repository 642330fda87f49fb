/* buf.c — growable buffer and JSON escaping (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b)
{
    memset(b, 0, sizeof *b);
}

void buf_free(buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(buf *b)
{
    b->len = 0;
    b->failed = 0;
}

int buf_reserve(buf *b, size_t extra)
{
    if (b->failed) return -1;
    if (b->len + extra + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            b->failed = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void buf_add(buf *b, const void *p, size_t n)
{
    if (n == 0 || buf_reserve(b, n) != 0) return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void buf_addc(buf *b, char c)
{
    if (buf_reserve(b, 1) != 0) return;
    b->data[b->len++] = c;
}

void buf_adds(buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *buf_cstr(buf *b)
{
    if (buf_reserve(b, 0) != 0) return "";
    b->data[b->len] = '\0';
    return b->data;
}

void json_str(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* Worst case every byte becomes \u00XX. */
    if (buf_reserve(b, n * 6 + 2) != 0) return;
    char *o = b->data + b->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o++ = '"';
    b->len = (size_t)(o - b->data);
}

void json_cstr(buf *b, const char *s)
{
    if (s)
        json_str(b, s, strlen(s));
    else
        buf_add(b, "null", 4);
}

void json_key(buf *b, const char *key)
{
    json_cstr(b, key);
    buf_addc(b, ':');
}

void json_int(buf *b, int64_t v)
{
    /* Offsets and counts are most of a record's numbers: no printf. */
    char tmp[24];
    size_t i = sizeof tmp;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0) tmp[--i] = '-';
    buf_add(b, tmp + i, sizeof tmp - i);
}

void json_num(buf *b, double v, int decimals)
{
    char tmp[48];
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    buf_add(b, tmp, (size_t)n);
}

void json_next_key(buf *b, const char *key)
{
    buf_addc(b, ',');
    json_key(b, key);
}

void json_field_cstr(buf *b, const char *key, const char *s)
{
    json_next_key(b, key);
    json_cstr(b, s);
}

void json_field_int(buf *b, const char *key, int64_t v)
{
    json_next_key(b, key);
    json_int(b, v);
}

void json_field_num(buf *b, const char *key, double v, int decimals)
{
    json_next_key(b, key);
    json_num(b, v, decimals);
}

void json_field_bool(buf *b, const char *key, int v)
{
    json_next_key(b, key);
    buf_adds(b, v ? "true" : "false");
}
