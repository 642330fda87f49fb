/* events.h — CAMEO coding: who did what to whom, from each sentence.
 *
 * The event stage reads the record's tokens, sentences and actor mentions
 * and writes events. Its knowledge is the pattern dictionary
 * (dict/ru/events.txt or dict/ru/events/, format in docs/DICTIONARIES.md):
 * predicate patterns of words matched by stem, exact forms (=с), gaps (..)
 * and actor slots (+ target, $ source), each with a CAMEO code.
 *
 * For every sentence the coder
 *   1. finds the pattern matches, longest and most specific first, never two
 *      on the same words;
 *   2. drops a match whose predicate is negated by «не» outside the pattern,
 *      or denied (отрицает, опроверг), and reads modality in the words before
 *      it: intent (намерен, готов → the CAMEO intent code of its root),
 *      speculation (может быть, вероятно) and hypotheticals are flagged;
 *   3. fills the slots: the source is the actor the pattern places, else the
 *      subject (the nearest actor before the predicate in the nominative, or
 *      the nominative actor right after it in inverted order); the target is
 *      the actor the pattern places, else the first actor after the
 *      predicate; coordinated actors (Россия и Китай) each get the event;
 *   4. infers a missing side from the discourse: the most salient other
 *      country of the document, marked implicit — never for statements and
 *      appeals, commentators, verbal nouns, one-word patterns (unless the
 *      object points back: подобный шаг) or a pattern's empty object slot;
 *   5. looks up the Goldstein score and QuadClass of the code (dict/cameo.txt).
 * What is said is coded too: a political speaker's quoted view of another
 * side's act (disapproval or statement), a headline «X: …», «по мнению X»,
 * and «said_of» patterns (в цитате «тут он ошибается» → disapproval of him).
 * The syntax this needs (clauses, prepositions, companions, citations,
 * purpose, relative subjects) is in dict/ru/syntax.txt and morphology.txt.
 * Events between two mentions of the same actor code are not events.
 */
#ifndef DYAD_EVENTS_H
#define DYAD_EVENTS_H

#include "lexicon.h"
#include "record.h"

typedef struct events_dict events_dict;

/* Loads dict/cameo.txt, dict/cameo_intent.txt, dict/ru/modality.txt and the
 * Russian patterns. NULL with L->err set on failure. */
events_dict *events_load(lex_loader *L);
void events_free(events_dict *d);

typedef struct events_stats {
    size_t patterns, codes, roots;
} events_stats;
void events_get_stats(const events_dict *d, events_stats *out);

/* Goldstein score and QuadClass of a CAMEO code; returns 0, or -1 if the
 * code is unknown. */
int events_cameo(const events_dict *d, const char *code, double *goldstein, int *quad);

typedef struct events_scratch events_scratch;
events_scratch *events_scratch_new(void);
void events_scratch_free(events_scratch *s);

/* Codes the events of r (actors resolved) into r->events. */
int events_code(const events_dict *d, events_scratch *s, dyad_record *r, const lex_tok *toks);

/* Problems in the pattern dictionary (unknown codes, patterns that can never
 * match); one line each into out. Returns the count. */
size_t events_lint(const events_dict *d, struct buf *out);

#endif
