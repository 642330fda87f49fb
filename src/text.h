/* text.h — normalisation of text for matching, and stems.
 *
 * The original text is always kept for output; what this module produces is
 * only ever compared. text_fold() maps a string to its matching form:
 *   NFC (composed characters, so й typed as и + breve matches й),
 *   case folding (Unicode, full: ß → ss),
 *   ё → е (Russian print usually omits the dots),
 *   typographic variants to one ASCII form: « » „ “ ” → ", ‘ ’ ʼ → ',
 *   hyphens and dashes ‐ ‑ ‒ – — ― − → -, … → ...,
 *   non-breaking and other wide spaces → space,
 *   soft hyphens and zero-width characters removed.
 *
 * A stem_cache turns folded word forms into Snowball stems (Russian for
 * Cyrillic words, English for Latin ones), stemming each distinct form once.
 * A cache belongs to one thread (libstemmer's stemmers are not reentrant).
 */
#ifndef DYAD_TEXT_H
#define DYAD_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "strtab.h"

/* Appends the folded form of s[0..n) (valid UTF-8) to out. */
void text_fold(const char *s, size_t n, buf *out);

/* Folds one code point into out[0..3]; returns how many code points were
 * written (0 for removed characters). Composition is not applied here. */
int text_fold_char(uint32_t c, uint32_t out[3]);

struct sb_stemmer;

typedef struct stem_cache {
    struct sb_stemmer *ru, *en;
    strtab forms;       /* folded word forms seen so far */
    uint32_t *stem_of;  /* form id -> id in stems */
    size_t cap_stem_of;
    strtab stems;
    size_t max_forms;   /* emptied at a document start past this many forms */
    uint32_t generation; /* counts emptyings: form ids of older ones are void */
    uint64_t calls, misses;
} stem_cache;

int stem_cache_init(stem_cache *c);
void stem_cache_free(stem_cache *c);

/* Call before each document: empties the cache when it has grown past
 * max_forms (bounded memory on endless streams), never in mid-document. */
void stem_cache_begin_doc(stem_cache *c);

/* The stem of a folded word form. *form_id (if not NULL) receives the id of
 * the form in c->forms. Returns the stem id in c->stems, STRTAB_NONE on out
 * of memory. Ids stay valid until the cache is emptied (see
 * stem_cache_begin_doc); callers that keep strings copy them. */
uint32_t stem_cache_get(stem_cache *c, const char *form, size_t n, uint32_t *form_id);

/* Convenience for dictionary loading: stem a folded word into out. */
int stem_word(stem_cache *c, const char *form, size_t n, buf *out);

#endif
