/* dates.h — time expressions, resolved against the document date.
 *
 * The date stage reads a record's tokens and sentences and writes
 * r->dates: every time expression with its tokens and an ISO 8601 value
 * (partial allowed: 2026-02-10, 2026-02, 2026, 2026-W06, 2022/2023).
 * All the words it knows (month and weekday names in every case and their
 * abbreviations, relative words, number words, units, prepositions that
 * cue a year, eras) are in dict/ru/dates.txt and dict/en/dates.txt; the C
 * code only knows the shapes of the constructions:
 *
 *   10 февраля 2026 г. | 10.02.2026 | 2026-02-10       → 2026-02-10 (absolute)
 *   в марте 2022 года | March 2022                      → 2022-03
 *   в 2022 году | 2022 г. | in 2022 | of 2022           → 2022
 *   в 2022–2023 годах | 2022–2023                       → 2022/2023
 *   10–12 февраля                                       → 2026-02-10/2026-02-12
 *   20 фев | March 3 | в марте | в начале января        → year from the document date
 *   вчера | yesterday | накануне | через два дня         → document date ± days
 *   в понедельник | on Monday                           → latest Monday on or before it
 *   на прошлой неделе | last week                       → 2026-W06 (ISO week)
 *   в прошлом месяце | last month                       → 2026-01
 *   в прошлом году | last year | два года назад         → 2025
 *   в XX веке | после Второй мировой войны              → unresolved ("")
 *
 * docs/DATES.md has the full rules and the dictionary format. A loaded
 * dates_dict is immutable and may be shared by threads.
 */
#ifndef DYAD_DATES_H
#define DYAD_DATES_H

#include <stdint.h>

#include "lexicon.h"
#include "record.h"

typedef struct dates_dict dates_dict;

/* Reads dict/ru/dates.txt and dict/en/dates.txt; NULL + L->err on failure. */
dates_dict *dates_load(lex_loader *L);
void dates_free(dates_dict *d);

/* Number of entries loaded (for statistics). */
size_t dates_entries(const dates_dict *d);

/* Finds the time expressions of r (tokens and sentences filled; r->date is
 * the document date "YYYY-MM-DD" or NULL) and writes r->dates / r->n_dates
 * into r's arena. toks are the match keys of r's tokens. Returns 0 or -1 on
 * out of memory. */
int dates_find(const dates_dict *d, dyad_record *r, const lex_tok *toks);

/* The date that governs the clause holding tokens [tok_first, tok_end) of
 * sentence s: the nearest resolved time expression in the same sentence
 * (prefer one in the same clause, before or after), else NULL. A clause runs
 * between commas, semicolons, colons, dashes and brackets. */
const rec_date *dates_for_clause(const dyad_record *r, uint32_t s, uint32_t tok_first,
                                 uint32_t tok_end);

#endif
