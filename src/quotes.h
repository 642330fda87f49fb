/* quotes.h — quotations and who said them.
 *
 * GDELT's knowledge graph gives quotations without speakers; dyad gives the
 * speaker, resolved to an actor (coreference included: «по его мнению» is
 * the person «его» refers to). Three kinds:
 *   direct    «…» or "…" standing as a sentence or more, its speaker named
 *             after it («…», — напоминает профессор) or before a colon
 *             (Лавров заявил: «…»);
 *   fragment  a quoted phrase inside a sentence, said by the subject of the
 *             speech verb of its clause (назвал позицию «странной» → the one
 *             who named it); quoted words with no speech verb around them are
 *             names or scare quotes, not quotations;
 *   indirect  reported speech: по словам X, …; как отмечает X, …; X заявил,
 *             что …; …, полагает X.
 * The speech verbs and source phrases are in dict/ru/speech.txt.
 */
#ifndef DYAD_QUOTES_H
#define DYAD_QUOTES_H

#include "lexicon.h"
#include "record.h"

typedef struct quotes_dict quotes_dict;

quotes_dict *quotes_load(lex_loader *L);
void quotes_free(quotes_dict *d);

/* Finds the quotations of r (actors resolved) into r->quotes. */
int quotes_find(const quotes_dict *d, dyad_record *r, const lex_tok *toks);

#endif
