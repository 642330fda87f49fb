/* dyad.h — the public C API of libdyad.
 *
 * dyad turns dated news articles into structured data about international
 * relations. The API has three objects:
 *
 *   dyad_engine  the compiled dictionaries (dict/<lang>/…). Opened once,
 *                immutable afterwards, shared by any number of threads.
 *   dyad_coder   one per thread: scratch buffers and caches (stems of word
 *                forms already seen). Never shared between threads.
 *   dyad_record  the result of coding one document: owned by the caller,
 *                independent of the coder that made it.
 *
 *     dyad_engine *e; char err[256];
 *     if (dyad_engine_open(NULL, &e, err, sizeof err) != DYAD_OK) { puts(err); ... }
 *     dyad_coder *c = dyad_coder_new(e);
 *     dyad_doc d = {.id = "a1", .date = "2026-02-12", .text = s, .text_len = n};
 *     dyad_record *r;
 *     if (dyad_code(c, &d, &r) == DYAD_OK) {
 *         size_t len; const char *json = dyad_record_json(r, &len);
 *         fwrite(json, 1, len, stdout);
 *         dyad_record_free(r);
 *     } else fprintf(stderr, "%s\n", dyad_coder_error(c));
 *     dyad_coder_free(c); dyad_engine_close(e);
 *
 * Coding is a pure function of (document, dictionaries): the same input gives
 * byte-identical JSON whatever the thread or machine. Every function reports
 * failure through its return value; none aborts or prints.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. DYAD_OK is 0; everything else is a failure. */
typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ENOMEM,   /* out of memory */
    DYAD_EINVAL,   /* invalid argument (NULL text, missing id, bad option) */
    DYAD_EIO,      /* a file could not be read */
    DYAD_EDICT,    /* a dictionary file is malformed */
    DYAD_EUTF8,    /* the text is not valid UTF-8 */
    DYAD_EBINARY,  /* the text contains NUL bytes: binary data */
    DYAD_EEMPTY,   /* the text is empty or only whitespace */
    DYAD_ETOOBIG,  /* the text exceeds the configured limit */
    DYAD_EDATE     /* the date is malformed or impossible (2026-02-30) */
} dyad_status;

/* A short English description of a status ("invalid UTF-8"). Never NULL. */
const char *dyad_strerror(int status);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *dyad_version(void);

/* The version of the JSON record format (docs/FORMAT.md). It changes only
 * when a field changes meaning or disappears; new fields may be added. */
#define DYAD_RECORD_FORMAT 1

typedef struct dyad_engine dyad_engine;
typedef struct dyad_coder dyad_coder;
typedef struct dyad_record dyad_record;

/* Open an engine on a dictionary folder holding ru/ and en/. dict_dir NULL
 * means $DYAD_DICT, else the folder the library was built with. On failure
 * *out is NULL and err (if not NULL) names the file, line and reason. */
int dyad_engine_open(const char *dict_dir, dyad_engine **out, char *err, size_t errlen);
void dyad_engine_close(dyad_engine *e);

/* Checks the engine's dictionaries (duplicates, unknown codes, overlapping
 * date ranges, entries that can never match), writing one line per problem
 * to out and a summary of what is loaded to info (either may be NULL).
 * Returns the number of problems. */
#include <stdio.h>
size_t dyad_engine_lint(const dyad_engine *e, FILE *out, FILE *info);

/* Limits and switches of a coder. Zero fields take the defaults. */
typedef struct dyad_options {
    size_t max_text_bytes; /* default 16 MiB: larger texts fail DYAD_ETOOBIG */
    int sentence_text;     /* 1 (default): each sentence carries its text; -1: omit */
    int tokens;            /* 1: include tokens in the record; 0 (default): omit */
} dyad_options;

/* A new coder for engine e (which must outlive it); opts may be NULL.
 * Returns NULL on out of memory. */
dyad_coder *dyad_coder_new(const dyad_engine *e, const dyad_options *opts);
void dyad_coder_free(dyad_coder *c);

/* A document to code. Only text is required; strings are UTF-8 and are
 * copied into the record, so they may be freed once dyad_code returns. */
typedef struct dyad_doc {
    const char *id;    /* NULL: "doc" */
    const char *date;  /* "YYYY-MM-DD" or NULL when unknown */
    const char *url;   /* optional */
    const char *title; /* optional */
    const char *lang;  /* "ru", "en", or NULL to detect from the text */
    const char *text;  /* the article text, not NUL-terminated necessarily */
    size_t text_len;   /* bytes of text */
} dyad_doc;

/* Code one document. On DYAD_OK *out is a new record the caller frees with
 * dyad_record_free. On failure *out is NULL and dyad_coder_error(c) says
 * why, with the byte offset and line for bad text. */
int dyad_code(dyad_coder *c, const dyad_doc *doc, dyad_record **out);

/* The message of the last failure of c ("invalid UTF-8 at byte 1234 (line 5)"). */
const char *dyad_coder_error(const dyad_coder *c);

/* The record as one line of JSON (no trailing newline, NUL-terminated),
 * valid until the record is freed. *len (if not NULL) receives its length. */
const char *dyad_record_json(const dyad_record *r, size_t *len);

/* A few facts of a record without parsing its JSON. */
const char *dyad_record_id(const dyad_record *r);
const char *dyad_record_lang(const dyad_record *r);
size_t dyad_record_sentences(const dyad_record *r);
size_t dyad_record_tokens(const dyad_record *r);

void dyad_record_free(dyad_record *r);

#ifdef __cplusplus
}
#endif

#endif
