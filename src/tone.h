/* tone.h — tone of sentences and documents, and attitudes between actors.
 *
 * Tone follows GDELT: the percentage of words that are positive, the
 * percentage that are negative, their difference (tone) and their sum
 * (polarity), from the lexicons dict/ru/tone.txt and dict/en/tone.txt (words
 * matched by stem, written for dyad). A polar word right after «не» / "not"
 * counts with the opposite sign.
 *
 * Attitudes answer "who stands how toward whom" for a document: for each
 * ordered pair of actors, the sum of
 *   - the Goldstein scores of the events from one to the other (÷ 10),
 *   - the tone of what one is quoted saying about the other,
 *   - the tone of sentences where one is the subject and the other named;
 * pairs whose sum is clearly away from zero become attitudes.
 */
#ifndef DYAD_TONE_H
#define DYAD_TONE_H

#include "lexicon.h"
#include "record.h"

typedef struct tone_dict tone_dict;

tone_dict *tone_load(lex_loader *L);
void tone_free(tone_dict *d);

/* Fills r->tone and r->sentence_tone (tokens and sentences filled). */
int tone_score(const tone_dict *d, dyad_record *r, const lex_tok *toks);

/* Fills r->attitudes from r's events, quotes, mentions and sentence tone. */
int tone_attitudes(dyad_record *r);

#endif
