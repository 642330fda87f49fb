/* eval.h — scoring the coder against gold annotations (docs/GOLD.md in
 * ../shared/docs, summarised in docs/EVAL.md).
 *
 * eval_gold_run codes every document a gold file names and prints:
 * events (precision, recall, F1 at country level; recall for explicit and
 * implicit events apart; full actor codes; a per-root table) and actors
 * (precision and recall of name and code), then every miss and false alarm
 * with its sentence so a linguist can see why.
 */
#ifndef DYAD_EVAL_H
#define DYAD_EVAL_H

#include <stddef.h>
#include <stdio.h>

typedef struct eval_options {
    const char *shared_dir; /* folder the gold "file" paths are relative to; NULL: from the gold path */
    const char *dict_dir;   /* NULL: default dictionaries */
    int details;            /* 1: list misses and false alarms */
} eval_options;

/* The figures of a run, for tests and callers. */
typedef struct eval_scores {
    size_t docs, gold_required, gold_explicit, gold_implicit;
    size_t hits, hits_explicit, hits_implicit, false_alarms, system_events;
    size_t actor_gold, actor_hits, actor_system, actor_system_hits;
    size_t full_gold, full_hits; /* full actor codes on matched events */
    size_t quote_gold, quote_found, quote_speaker; /* gold quotes, found, right speaker */
    size_t date_gold, date_found, date_right;      /* gold dates, found, right value */
    size_t att_gold, att_system, att_hits;         /* attitudes at country level */
    double precision, recall, f1;
} eval_scores;

/* Returns 0, 1 if some document could not be read or coded (the rest are
 * scored), 2 if nothing could be scored. */
int eval_gold_run(const char *const *gold_files, size_t n, const eval_options *opts, FILE *out,
                  FILE *err, eval_scores *scores);

#endif
