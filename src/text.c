/* text.c — see text.h.
 *
 * text_fold() is on the hot path (every token of every document), so the
 * scripts news is written in — ASCII, Cyrillic, common punctuation — are
 * mapped by hand; everything else asks utf8proc. A combining mark anywhere
 * sends the string through utf8proc's NFC first.
 */
#include "text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

int text_fold_char(uint32_t c, uint32_t out[3])
{
    if (c < 0x80) {
        out[0] = c >= 'A' && c <= 'Z' ? c + 32 : c;
        return 1;
    }
    if (c >= 0x0400 && c <= 0x04FF) {
        if (c >= 0x0410 && c <= 0x042F)
            c += 0x20;
        else if (c >= 0x0400 && c <= 0x040F)
            c += 0x50;
        else if (c >= 0x0460 && c <= 0x04FF && !(c & 1) && c != 0x04C0)
            c += 1; /* historic and non-Russian letters: upper case is even */
        out[0] = c == 0x0451 ? 0x0435 : c; /* ё → е */
        return 1;
    }
    switch (c) {
    case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2033: case 0x301D: case 0x301E: case 0xFF02:
        out[0] = '"';
        return 1;
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
    case 0xFF07:
        out[0] = '\'';
        return 1;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        out[0] = '-';
        return 1;
    case 0x2026:
        out[0] = out[1] = out[2] = '.';
        return 3;
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
        out[0] = ' ';
        return 1;
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return 0;
    }
    utf8proc_int32_t folded[3];
    int last = 0;
    utf8proc_ssize_t k =
        utf8proc_decompose_char((utf8proc_int32_t)c, folded, 3, UTF8PROC_CASEFOLD, &last);
    if (k < 1 || k > 3) {
        out[0] = c;
        return 1;
    }
    for (int i = 0; i < k; i++) out[i] = (uint32_t)folded[i];
    return (int)k;
}

static int is_combining(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F);
}

static void fold_simple(const char *s, size_t n, buf *out)
{
    if (buf_reserve(out, n * 3) != 0) return;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            out->data[out->len++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        uint32_t c = utf8_next(s, &i), f[3];
        int k = text_fold_char(c, f);
        for (int j = 0; j < k; j++) {
            if (buf_reserve(out, 4) != 0) return;
            out->len += (size_t)utf8_encode(f[j], out->data + out->len);
        }
    }
}

void text_fold(const char *s, size_t n, buf *out)
{
    size_t i = 0;
    int needs_nfc = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0xCC) { /* no combining mark starts below U+0300 */
            i++;
            continue;
        }
        size_t j = i;
        uint32_t c = utf8_next(s, &j);
        if (is_combining(c)) {
            needs_nfc = 1;
            break;
        }
        i = j;
    }
    if (!needs_nfc) {
        fold_simple(s, n, out);
        return;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (k < 0) {
        fold_simple(s, n, out);
    } else {
        fold_simple((const char *)nfc, (size_t)k, out);
    }
    free(nfc);
}

enum { DEFAULT_MAX_FORMS = 1 << 20 };

int stem_cache_init(stem_cache *c)
{
    memset(c, 0, sizeof *c);
    c->ru = sb_stemmer_new("russian", "UTF_8");
    c->en = sb_stemmer_new("english", "UTF_8");
    strtab_init(&c->forms);
    strtab_init(&c->stems);
    c->max_forms = DEFAULT_MAX_FORMS;
    if (!c->ru || !c->en) {
        stem_cache_free(c);
        return -1;
    }
    return 0;
}

void stem_cache_free(stem_cache *c)
{
    if (c->ru) sb_stemmer_delete(c->ru);
    if (c->en) sb_stemmer_delete(c->en);
    strtab_free(&c->forms);
    strtab_free(&c->stems);
    free(c->stem_of);
    memset(c, 0, sizeof *c);
}

/* Which stemmer a form needs: Russian for any Cyrillic, English for Latin. */
static struct sb_stemmer *stemmer_for(const stem_cache *c, const char *s, size_t n)
{
    int latin = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b == 0xD0 || b == 0xD1) return c->ru; /* U+0400–U+047F lead bytes */
        if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') latin = 1;
    }
    return latin ? c->en : NULL;
}

void stem_cache_begin_doc(stem_cache *c)
{
    if (strtab_count(&c->forms) < c->max_forms) return;
    strtab_free(&c->forms);
    strtab_free(&c->stems);
    strtab_init(&c->forms);
    strtab_init(&c->stems);
    c->generation++;
}

uint32_t stem_cache_get(stem_cache *c, const char *form, size_t n, uint32_t *form_id)
{
    c->calls++;
    size_t before = strtab_count(&c->forms);
    uint32_t id = strtab_intern(&c->forms, form, n);
    if (id == STRTAB_NONE) return STRTAB_NONE;
    if (form_id) *form_id = id;
    if (id < before) return c->stem_of[id];
    c->misses++;
    if (id >= c->cap_stem_of) {
        size_t cap = c->cap_stem_of ? c->cap_stem_of * 2 : 4096;
        uint32_t *p = realloc(c->stem_of, cap * sizeof *p);
        if (!p) return STRTAB_NONE;
        c->stem_of = p;
        c->cap_stem_of = cap;
    }
    struct sb_stemmer *st = stemmer_for(c, form, n);
    const char *stem = form;
    size_t stem_len = n;
    if (st) {
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)form, (int)n);
        if (s) {
            stem = (const char *)s;
            stem_len = (size_t)sb_stemmer_length(st);
        }
    }
    uint32_t sid = strtab_intern(&c->stems, stem, stem_len);
    c->stem_of[id] = sid;
    return sid;
}

int stem_word(stem_cache *c, const char *form, size_t n, buf *out)
{
    uint32_t sid = stem_cache_get(c, form, n, NULL);
    if (sid == STRTAB_NONE) return -1;
    buf_add(out, strtab_str(&c->stems, sid), strtab_len(&c->stems, sid));
    return out->failed ? -1 : 0;
}
