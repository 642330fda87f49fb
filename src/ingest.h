/* ingest.h — reading documents from files, folders and stdin.
 *
 * Ingest owns the container formats, nothing inside the text:
 *   - the seed format: a first line " date YYYY-MM-DD" (leading space
 *     optional) whose text may continue on the same line;
 *   - JSON Lines: one object a line with id, date, url, title, lang, text
 *     (only text is required);
 *   - plain text: the whole file is one document, dated by --date or unknown.
 * *.jsonl, *.ndjson and *.json files are JSON Lines, *.txt files seed format
 * or plain text; other files and stdin are JSON Lines when their first
 * non-blank character is '{'.
 * Folders are walked depth-first in byte order of names, hidden entries
 * skipped, taking files named *.txt, *.jsonl, *.ndjson and *.json. "-" reads
 * stdin. A file named explicitly is always read, whatever its name.
 *
 * A bad document (malformed JSON line, impossible date, empty or oversized
 * text, unreadable file) is reported as one message "PATH[:LINE]: reason"
 * and the walk goes on with the next document. UTF-8 validity of the text is
 * checked later by dyad_code, which reports the offset.
 */
#ifndef DYAD_INGEST_H
#define DYAD_INGEST_H

#include <stddef.h>

typedef enum ingest_format { INGEST_AUTO = 0, INGEST_SEED, INGEST_JSONL, INGEST_TEXT } ingest_format;

typedef struct ingest_options {
    size_t max_doc_bytes;   /* 0: 16 MiB. Also bounds one JSON line (×2 for escapes). */
    const char *date;       /* date for documents that carry none (--date), or NULL */
    int require_date;       /* 1: a document without a date is an error */
    ingest_format format;   /* force a format instead of detecting it */
} ingest_options;

/* Where a document's date came from. */
typedef enum ingest_date_source {
    DATE_NONE = 0,   /* unknown */
    DATE_HEADER,     /* the seed format's " date" line */
    DATE_FIELD,      /* the JSON "date" field */
    DATE_OPTION      /* --date */
} ingest_date_source;

typedef struct ingest_doc {
    char *id, *date, *url, *title, *lang; /* owned; NULL when absent */
    char *text;                           /* owned, NUL-terminated */
    size_t text_len;
    char *origin;                         /* "path" or "path:line", for messages */
    ingest_date_source date_source;
} ingest_doc;

typedef struct ingest ingest;

/* paths: files, folders or "-" (stdin). The array must outlive the walk. */
ingest *ingest_open(const char *const *paths, size_t n_paths, const ingest_options *opts);

/* Next document. Returns 1 with *doc filled (free it with ingest_doc_clear),
 * 0 when every input is exhausted, -1 for a bad document or input, with the
 * message in err; call again to go on. */
int ingest_next(ingest *in, ingest_doc *doc, char *err, size_t errlen);

void ingest_doc_clear(ingest_doc *doc);
void ingest_close(ingest *in);

/* Exposed for tests: parse a whole file's bytes in the seed or plain format
 * (after format detection), filling doc. Returns 0 or -1 with err set. */
int ingest_parse_seed(const char *path, const char *data, size_t len, const ingest_options *opts,
                      ingest_doc *doc, char *err, size_t errlen);

#endif
