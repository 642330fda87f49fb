/* eval_attitude.h — document attitudes scored on RuSentRel.
 *
 * `dyad eval rusentrel DIR` codes every DIR/artN.txt (RuSentRel's train
 * part; the "{Author, Unknown}" line markers of the corpus are removed) and
 * compares the record's attitudes with DIR/artN.opin.txt, names matched
 * through DIR/../synonyms.txt. The official two-class metric: per document,
 * precision and recall of (source, target, polarity) for pos and for neg —
 * a class absent from both gold and output counts P = R = 1, absent from the
 * output only P = R = 0, absent from the gold only P = 0, R = 1 —; P and R
 * averaged over documents, F1 per class from the averages, the score their
 * mean (×100).
 */
#ifndef DYAD_EVAL_ATTITUDE_H
#define DYAD_EVAL_ATTITUDE_H

#include <stdio.h>

/* 0 ok, 1 data missing ("skip: …" on err), 2 failure. */
int eval_rusentrel_run(const char *dir, const char *dict_dir, FILE *out, FILE *err);

#endif
