/* actors.h — who is who: countries, organisations and people, with codes.
 *
 * The actor stage finds every mention of a political actor in a document and
 * gives it a CAMEO actor code (country + role: JPNGOV, RUSMED, CHNMIL; or an
 * organisation: NATO, UNO, EUR). It reads the dictionaries in dict/ru/
 * (docs/DICTIONARIES.md) and works in four passes over each sentence:
 *   1. dictionary phrases, longest match first (countries, capitals, seats of
 *      power, organisations, media, universities, bodies, role nouns, people,
 *      pronouns), with case demands (США must be upper case, Того capitalised);
 *   2. compound adjectives split at hyphens (японо-китайские → JPN and CHN);
 *   3. composition: adjective + role (российский посол), role + genitive
 *      (посол России, профессор Университета Такусёку), and a personal name
 *      in apposition (… Кэнро Нагоси) that takes the composed code when the
 *      person is not in the dictionary;
 *   4. coreference: bare surnames, pronouns and titles (он, профессор,
 *      премьер) resolve to a person introduced before; a bare body or head
 *      title with no person resolves to the country in focus.
 * A person's code is chosen by the document date from the dated roles in
 * people.txt (Кисида is JPNGOV until 2024-10-01, JPNELI after).
 *
 * The compiled dictionary is immutable and shared by threads; the per-call
 * scratch belongs to one coder.
 */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "record.h"

typedef struct actors_dict actors_dict;

/* Loads dict/ru/{countries,blocs,orgs,media,edu,bodies,roles,people,
 * firstnames,pronouns}.txt. Returns NULL with L->err set on failure. */
actors_dict *actors_load(lex_loader *L);
void actors_free(actors_dict *d);

/* Counts for `dyad dict check` and the docs. */
typedef struct actors_stats {
    size_t entries, phrases, people, periods, countries, orgs, roles;
} actors_stats;
void actors_get_stats(const actors_dict *d, actors_stats *out);

/* The canonical name of a country or bloc code ("JPN" → "Япония"), NULL if unknown. */
const char *actors_country_name(const actors_dict *d, const char *code3);

typedef struct actors_scratch actors_scratch;
actors_scratch *actors_scratch_new(void);
void actors_scratch_free(actors_scratch *s);

/* Finds the actors of r (tokens and sentences filled), writing r->actors and
 * r->mentions into r's arena. toks are the match keys of r's tokens; lstems
 * the coder's own stem ids (to recognise surnames of people not in any
 * dictionary); stems the coder's stem cache (for compound adjectives).
 * Returns 0 or -1 on out of memory. */
int actors_resolve(const actors_dict *d, const strtab *keys, stem_cache *stems, actors_scratch *s,
                   dyad_record *r, const lex_tok *toks, const uint32_t *lstems);

/* Checks the dictionaries for problems a linguist should fix: duplicate
 * entries, unknown codes, overlapping or inverted date ranges, entries that
 * can never match (another entry with the same phrase always wins). Writes
 * one line per problem to out; returns the number of problems. */
struct buf;
size_t actors_lint(const actors_dict *d, struct buf *out);

#endif
