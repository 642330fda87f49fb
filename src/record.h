/* record.h — what coding one document produced, and its JSON form.
 *
 * A record owns all its memory (one arena), so it outlives the coder that
 * made it and can be handed to another thread or kept in a queue. Stages
 * fill its arrays; record_emit() writes the JSON described in
 * docs/FORMAT.md. Field order in the JSON is fixed: output is byte-stable.
 */
#ifndef DYAD_RECORD_H
#define DYAD_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "dyad.h"
#include "lang.h"

typedef struct rec_token {
    uint32_t start, end, cstart, cend; /* byte and code point offsets into text */
    uint8_t kind, flags;               /* seg_kind, SEG_F_* */
    const char *norm;                  /* folded form (text.h), in the arena */
    const char *stem;                  /* Snowball stem; NULL for non-words */
} rec_token;

typedef struct rec_sentence {
    uint32_t start, end, cstart, cend;
    uint32_t tok_first, tok_count;
    uint32_t paragraph;
    uint8_t boilerplate;
} rec_sentence;

struct dyad_record {
    arena mem;
    const char *id, *date, *url, *title;
    lang_id lang;
    int lang_detected; /* 1 when the language was guessed from the text */
    const char *text;
    size_t text_len, text_chars;
    rec_sentence *sentences;
    size_t n_sentences, n_paragraphs;
    rec_token *tokens;
    size_t n_tokens;
    buf json;
};

/* Writes r as one JSON line (no newline) into r->json. with_sentence_text
 * and with_tokens follow dyad_options. Returns 0 or -1 on out of memory. */
int record_emit(dyad_record *r, int with_sentence_text, int with_tokens);

#endif
