/* buf.h — a growable byte buffer and the JSON writer built on it.
 *
 * Every JSON the library emits goes through here, so escaping rules live in
 * one place. A buf only grows; buf_reset() keeps its memory for reuse, so a
 * coder that writes one record per document stops allocating once warm.
 * On out-of-memory a buf sets `failed` and ignores later writes; the caller
 * checks once at the end instead of after every append.
 */
#ifndef DYAD_BUF_H
#define DYAD_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct buf {
    char *data;
    size_t len, cap;
    int failed; /* set once an allocation failed */
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reset(buf *b);
int buf_reserve(buf *b, size_t extra);
void buf_add(buf *b, const void *p, size_t n);
void buf_addc(buf *b, char c);
void buf_adds(buf *b, const char *s);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* NUL-terminates without counting the terminator in len. */
const char *buf_cstr(buf *b);

/* JSON pieces. Strings are escaped per RFC 8259; the input must be valid
 * UTF-8 (the coder validates documents before anything is written). */
void json_str(buf *b, const char *s, size_t n);
void json_cstr(buf *b, const char *s); /* NULL writes null */
void json_key(buf *b, const char *key); /* writes "key": */
void json_int(buf *b, int64_t v);
void json_num(buf *b, double v, int decimals);

/* A member after the first of an object: each writes ,"key": and the value,
 * so an emitter reads as one line a field. */
void json_next_key(buf *b, const char *key);
void json_field_cstr(buf *b, const char *key, const char *s); /* NULL writes null */
void json_field_int(buf *b, const char *key, int64_t v);
void json_field_num(buf *b, const char *key, double v, int decimals);
void json_field_bool(buf *b, const char *key, int v);

#endif
