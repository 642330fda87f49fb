/* segment.h — sentence and token splitting of Russian and English news text.
 *
 * The segmenter owns one job: given valid UTF-8 text, find the tokens and the
 * sentences, with byte and character (code point) offsets into that text. It
 * never copies or changes the text; normalisation for matching is text.c's job.
 *
 * The linguistic knowledge (abbreviations that do not end a sentence, words
 * that may follow a period inside a sentence, boilerplate lines of scraped
 * pages) lives in dict/<lang>/ files loaded by segmenter_load(); the code only
 * interprets it. A loaded segmenter is immutable and may be shared by threads.
 * A seg_out is scratch memory owned by one thread and reused between calls, so
 * that splitting a document allocates nothing once the buffers have grown.
 */
#ifndef DYAD_SEGMENT_H
#define DYAD_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

typedef enum seg_kind {
    SEG_WORD = 1,  /* letters, with inner hyphens/apostrophes: из-за, O'Neill */
    SEG_NUMBER,    /* 2026, 1,5, 10.02.2026, 2022–2023, 25%? (see docs) */
    SEG_PUNCT,     /* . , ; : ! ? … « » ( ) — - and runs like ?! or ... */
    SEG_SYMBOL,    /* $ € № § + = and other symbols */
    SEG_URL,       /* http://…, www.…, tass.ru */
    SEG_EMAIL,
    SEG_HASHTAG,   /* #тег, @handle */
    SEG_OTHER      /* anything else (emoji, unknown scripts) */
} seg_kind;

/* Token flags. */
enum {
    SEG_F_UPPER_INITIAL = 1u << 0, /* first letter is upper case */
    SEG_F_ALL_UPPER = 1u << 1,     /* every letter upper case (РФ, NATO) */
    SEG_F_CYRILLIC = 1u << 2,      /* contains Cyrillic letters */
    SEG_F_LATIN = 1u << 3,         /* contains Latin letters */
    SEG_F_ABBREV = 1u << 4,        /* a known abbreviation (т., г., Mr) */
    SEG_F_INITIAL = 1u << 5,       /* a single capital letter used as an initial */
    SEG_F_SPACE_BEFORE = 1u << 6   /* whitespace precedes the token */
};

typedef struct seg_token {
    uint32_t start, end;   /* byte offsets, end exclusive */
    uint32_t cstart, cend; /* code point offsets, end exclusive */
    uint8_t kind;          /* seg_kind */
    uint8_t flags;         /* SEG_F_* */
    uint8_t newlines;      /* line breaks in the whitespace gap before the
                              token (capped at 255); 2+ means a blank line */
} seg_token;

typedef struct seg_sentence {
    uint32_t start, end;   /* byte offsets of the sentence text, trimmed */
    uint32_t cstart, cend; /* code point offsets */
    uint32_t tok_first;    /* index of its first token in seg_out.tokens */
    uint32_t tok_count;    /* number of tokens; sentences never share tokens */
    uint32_t paragraph;    /* paragraph index (blank line or line break rules) */
    uint8_t boilerplate;   /* 1: a scraped-page line (menu, "Подпишитесь…") */
} seg_sentence;

/* Growable output buffers, reused across calls (one per thread). */
typedef struct seg_out {
    seg_token *tokens;
    size_t n_tokens, cap_tokens;
    seg_sentence *sentences;
    size_t n_sentences, cap_sentences;
    void *scratch;         /* private to segment.c: decoded code points of */
    size_t cap_scratch;    /* the chunk being split; grows, never shrinks */
} seg_out;

typedef struct segmenter segmenter;

/* Load the segmentation dictionaries from dict_dir (the folder holding ru/ and
 * en/). Returns NULL on failure with a message naming the file and line in err. */
segmenter *segmenter_load(const char *dict_dir, char *err, size_t errlen);
void segmenter_free(segmenter *s);

/* Split text[0..len) (valid UTF-8, checked by the caller) into tokens and
 * sentences. out is cleared first. Returns 0, or -1 on out of memory. */
int segment_text(const segmenter *s, const char *text, size_t len, seg_out *out);

/* Tokens only, as if the whole text were one sentence (used by the token
 * benchmark and by callers that split sentences themselves). */
int segment_tokens(const segmenter *s, const char *text, size_t len, seg_out *out);

void seg_out_free(seg_out *out);

#endif
