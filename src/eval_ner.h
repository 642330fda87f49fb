/* eval_ner.h — named entities and false alarms on factRuEval-2016.
 *
 * `dyad eval ner DIR` reads the factRuEval development set (DIR/book_N.txt
 * with .tokens, .spans, .objects), codes every text with the library and
 * compares the actor mentions of the records with the gold entities, token
 * by token, the way the naeval benchmark does (IO tagging, per type):
 *
 *   gold  Person            → PER  (all its spans: name, surname, …)
 *         Location, LocOrg  → LOC  (their loc_name spans)
 *         Org               → ORG  (its org_name spans)
 *   ours  every actor mention whose "how" names the entity (dict, metonym,
 *         name, surname), its "head" span if present, else its "span",
 *         tagged with the actor's type; adj, compound, pronoun, title,
 *         focus and role mentions are not names and are skipped.
 *
 * A token is tagged with a type when its character range overlaps a span of
 * that type. Each type is scored on its own (a token may carry two types),
 * with precision, recall and F1 over tokens. The same run counts sentences
 * and events (false alarms: the texts are mostly not foreign relations).
 * docs/NER.md has the details and the figures.
 */
#ifndef DYAD_EVAL_NER_H
#define DYAD_EVAL_NER_H

#include <stddef.h>
#include <stdio.h>

enum { NER_PER = 0, NER_LOC = 1, NER_ORG = 2, NER_NTYPES = 3 };

/* "PER", "LOC", "ORG"; NULL for an out-of-range type. */
const char *ner_type_name(int type);
/* NER_PER…NER_ORG for "PER"/"LOC"/"ORG", -1 otherwise. */
int ner_type_of(const char *name);

typedef struct ner_token {
    size_t start, end;   /* code point offsets into the document text, end exclusive */
    unsigned gold, sys;  /* bit (1u << type) set when tagged with that type */
} ner_token;

typedef struct ner_doc {
    char name[256];      /* "book_100" */
    char *text;          /* the .txt, NUL-terminated */
    size_t text_len;     /* bytes */
    size_t n_chars;      /* code points */
    ner_token *tok;      /* sorted by start */
    size_t n_tok;
    size_t n_sent;       /* gold sentences (blank lines in .tokens) */
    int byte_offsets;    /* 1 when the files counted bytes instead of code points */
    size_t n_unverified; /* tokens whose text was not found at their offsets */
} ner_doc;

/* Reads DIR/NAME.{txt,tokens,spans,objects} into d and sets the gold tags.
 * Offsets are checked against the token texts; code point offsets are
 * expected, byte offsets are recognised and converted. Returns 0, 1 when a
 * file is missing, 2 when a file is malformed (message in msg). */
int ner_doc_read(const char *dir, const char *name, ner_doc *d, char *msg, size_t msglen);
void ner_doc_free(ner_doc *d);

/* Tags every token overlapping the code point range [start, end) with type,
 * in the gold (gold != 0) or the system tags. */
void ner_doc_tag(ner_doc *d, size_t start, size_t end, int type, int gold);

/* What one record held besides the tags. */
typedef struct ner_record_info {
    size_t sentences;    /* size.sentences */
    size_t events;       /* length of "events" */
    size_t by_root[21];  /* events by CAMEO root 01…20 (index 0: unknown root) */
    size_t mentions;     /* actor mentions seen */
    size_t used;         /* of which tagged */
    int shifted;         /* 1 when the record text did not start where the file did */
} ner_record_info;

/* Sets the system tags of d from a dyad record (JSON, len bytes) made from
 * d->text, and adds to info. Returns 0, or 2 on malformed JSON (msg). */
int ner_doc_tag_record(ner_doc *d, const char *json, size_t len, ner_record_info *info,
                       char *msg, size_t msglen);

typedef struct ner_counts {
    size_t tp[NER_NTYPES], fp[NER_NTYPES], fn[NER_NTYPES];
} ner_counts;

/* Adds the token counts of d to c. */
void ner_doc_count(const ner_doc *d, ner_counts *c);
/* Precision, recall and F1 of a type (0 when undefined). */
void ner_prf(const ner_counts *c, int type, double *p, double *r, double *f1);

/* The whole run, without printing. */
typedef struct ner_result {
    size_t documents, failed, tokens, gold_sentences, byte_offset_docs, unverified;
    ner_counts counts;
    double p[NER_NTYPES], r[NER_NTYPES], f1[NER_NTYPES];
    double seconds;      /* time spent in dyad_code + dyad_record_json */
    size_t bytes;        /* text bytes coded */
    ner_record_info info; /* sums over the documents */
} ner_result;

/* Scores DIR with the dictionaries of dict_dir (NULL: $DYAD_DICT or the
 * built-in folder). Returns 0, 1 when DIR has no factRuEval data ("skip: …"
 * on err), 2 on other errors (message on err). */
int eval_ner_score(const char *dir, const char *dict_dir, ner_result *res, FILE *err);

/* eval_ner_score, then prints the table to out. Same return values. */
int eval_ner_run(const char *dir, const char *dict_dir, FILE *out, FILE *err);

#endif
