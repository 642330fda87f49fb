/* eval_segment.h — the razdel/naeval segmentation benchmark.
 *
 * Reads DATA_DIR/{corpora,syntag,gicrya,rnc}_{tokens,sents}.txt.xz (one
 * example a line, '|' between gold segments, a piece of only spaces is the
 * gap between two segments) and DATA_DIR/razdel_tokens_cases.txt, splits the
 * same texts with the segmenter loaded from DICT_DIR and prints one table:
 * errors per 1000 gold splits ((extra + missing) / (gold + 1) * 1000) per
 * corpus for tokens and sentences next to razdel's published numbers,
 * throughput of token and sentence splitting in MB/s, and the share of the
 * token cases split exactly like the gold.
 */
#ifndef DYAD_EVAL_SEGMENT_H
#define DYAD_EVAL_SEGMENT_H

#include <stdio.h>

/* Returns 0 when the table was printed, 1 when the data is missing ("skip:
 * ... not found" on err), 2 on other errors (message on err). */
int eval_segment_run(const char *data_dir, const char *dict_dir, FILE *out,
                     FILE *err);

#endif
