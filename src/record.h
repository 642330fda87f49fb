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

/* Actor types, as in named-entity work. */
typedef enum { ACTOR_LOC = 0, ACTOR_ORG, ACTOR_PER } actor_type;

/* How a mention was recognised. */
typedef enum {
    HOW_DICT = 0, /* a dictionary phrase (name, alias, capital, organisation) */
    HOW_ADJ,      /* a country adjective or demonym (японский, японцы) */
    HOW_COMPOUND, /* one side of a compound adjective (японо-китайские) */
    HOW_METONYM,  /* a capital or seat of power (Токио, Кремль) */
    HOW_ROLE,     /* a role or body with its country (посол России, МИД КНР) */
    HOW_NAME,     /* a personal name not in the dictionary, found by its context */
    HOW_SURNAME,  /* a bare surname of a person introduced before */
    HOW_PRONOUN,  /* он, она, его … resolved to a person */
    HOW_TITLE,    /* a bare title (профессор, премьер) resolved to a person */
    HOW_FOCUS,    /* a bare body or title resolved to the country in focus */
    HOW_PLACE     /* a city, region, river … (dict/ru/places.txt): a location, no actor */
} mention_how;

#define ACTOR_CODE_MAX 12

/* One place in the text that names an actor. */
typedef struct rec_mention {
    uint32_t actor;              /* index in dyad_record.actors */
    uint32_t sentence;
    uint32_t tok_first, tok_end; /* tokens of the whole phrase */
    uint32_t head_first, head_end; /* the name itself inside it (Кэнро Нагоси in
                                    * «профессор … Кэнро Нагоси»), else the phrase */
    char code[ACTOR_CODE_MAX];   /* full code at this mention: JPNGOV, RUSMED, CHN */
    uint8_t how;                 /* mention_how */
    uint8_t nominative;          /* 1 when the head word looks nominative (a subject) */
    const char *entry;           /* "ru/people.txt:123": the entry that decided */
} rec_mention;

/* An actor of the document: a country, organisation or person. */
typedef struct rec_actor {
    const char *name;          /* normalised (nominative, dictionary form) */
    char code[ACTOR_CODE_MAX]; /* CAMEO code: country (+ role) or organisation */
    uint8_t type;              /* actor_type */
    const char *entry;         /* dictionary entry (file:line), NULL if none */
    uint32_t n_mentions;
    uint8_t place;             /* a place below the country level, not a political actor */
} rec_actor;

/* Modality of an event. */
typedef enum { MOD_NONE = 0, MOD_INTENT, MOD_SPECULATIVE, MOD_HYPOTHETICAL } event_modality;

/* One side of an event. */
typedef struct rec_side {
    int32_t actor;             /* index in dyad_record.actors, -1 if none */
    int32_t mention;           /* index in dyad_record.mentions, -1 when implicit */
    char code[ACTOR_CODE_MAX]; /* full actor code at this event */
    uint8_t implicit;          /* inferred from the discourse, not named here */
} rec_side;

/* A coded event. */
typedef struct rec_event {
    char code[6];                /* CAMEO code: "163" */
    char root[3];                /* "16" */
    int quad;                    /* GDELT QuadClass 1–4 */
    double goldstein;
    rec_side source, target;
    uint32_t sentence;
    uint32_t tok_first, tok_end; /* the words of the pattern: the evidence */
    uint8_t modality;            /* event_modality */
    uint8_t negated;             /* the pattern itself is a negated form */
    int32_t date;                /* index in dyad_record.dates governing the clause, -1: the
                                  * document date */
    const char *pattern;         /* "ru/events.txt:123" */
} rec_event;

/* What kind of time expression a date is. */
typedef enum { DATEX_ABSOLUTE = 0, DATEX_RELATIVE, DATEX_UNRESOLVED } date_kind;

/* A time expression and its resolved value. */
typedef struct rec_date {
    uint32_t sentence;
    uint32_t tok_first, tok_end; /* the expression's tokens */
    char value[24];              /* ISO 8601, partial allowed: 2026-02-10, 2026-01, 2022,
                                  * 2022/2023 for ranges; "" when unresolved */
    uint8_t kind;                /* date_kind */
} rec_date;

/* How a quotation is given. */
typedef enum { QUOTE_DIRECT = 0, QUOTE_FRAGMENT, QUOTE_INDIRECT } quote_kind;

/* A quotation and who said it. */
typedef struct rec_quote {
    uint32_t tok_first, tok_end;   /* the quoted words, without the marks */
    uint32_t sentence_first, sentence_last;
    int32_t speaker_actor;         /* index in actors, -1 if unknown */
    int32_t speaker_mention;       /* the mention that names the speaker, -1 if none */
    uint32_t verb_first, verb_end; /* the speech verb or phrase; equal when none */
    uint8_t kind;                  /* quote_kind */
} rec_quote;

/* GDELT-style tone of a span of text: the percentage of positive words
 * minus the percentage of negative words. */
typedef struct rec_tone {
    double tone;     /* positive - negative */
    double positive; /* % of words that are positive */
    double negative; /* % of words that are negative */
    double polarity; /* positive + negative */
    uint32_t words;
} rec_tone;

/* A document-level attitude: how one actor stands toward another. */
typedef struct rec_attitude {
    int32_t source, target; /* indices in dyad_record.actors */
    double score;           /* > 0 positive, < 0 negative */
    uint16_t events, quotes, sentences; /* the evidence it sums */
} rec_attitude;

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
    rec_actor *actors;
    size_t n_actors;
    rec_mention *mentions; /* in text order */
    size_t n_mentions;
    rec_event *events;
    size_t n_events;
    rec_date *dates;
    size_t n_dates;
    rec_quote *quotes;
    size_t n_quotes;
    rec_tone tone;             /* of the whole document */
    rec_tone *sentence_tone;   /* one per sentence */
    rec_attitude *attitudes;
    size_t n_attitudes;
    buf json;
};

struct seg_out;
struct stem_cache;

/* Copies a segmentation of r->text into r (its tokens, sentences and
 * paragraph count, in r's arena) and gives every token its folded form
 * and, for words, its Snowball stem; each distinct form is stemmed once per
 * cache. form_ids[i] receives the cache's form id of token i and, where not
 * NULL, stem_ids[i] its stem id; both have room for so->n_tokens. fold is
 * scratch. Returns 0 or -1 on out of memory. */
int record_fill_tokens(dyad_record *r, const struct seg_out *so, struct stem_cache *stems,
                       buf *fold, uint32_t *form_ids, uint32_t *stem_ids);

/* Writes r as one JSON line (no newline) into r->json. with_sentence_text
 * and with_tokens follow dyad_options. Returns 0 or -1 on out of memory. */
int record_emit(dyad_record *r, int with_sentence_text, int with_tokens);

/* Is mention k inside a longer mention of its sentence (ООН in «Генеральный
 * секретарь ООН Антониу Гутерреш»)? Such a mention names part of another
 * actor and is not itself a side or a speaker. Mentions are in text order. */
int record_mention_inner(const dyad_record *r, size_t k);

#endif
