/* ingest.c — documents from files, folders and stdin (see ingest.h).
 *
 * The walk keeps a stack of paths still to visit; a folder is replaced on
 * the stack by its entries in sorted order, so the order of documents is
 * stable across machines and runs. A JSON Lines input stays open between
 * calls and yields one document per line. Nothing here recurses.
 */
#include "ingest.h"

#include "calendar.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { DEFAULT_MAX_DOC = 16 * 1024 * 1024 };

typedef struct pending {
    char *path;
    int explicit_name; /* named on the command line: read whatever its name */
} pending;

struct ingest {
    const char *const *paths;
    size_t n_paths, next_path;
    ingest_options opts;
    pending *stack;
    size_t n_stack, cap_stack;
    /* The JSON Lines input being read, if any. */
    FILE *jf;
    char *jpath;
    size_t jline;
    char *line;
    size_t line_cap;
};

static void fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static size_t max_doc(const ingest_options *o)
{
    return o && o->max_doc_bytes ? o->max_doc_bytes : DEFAULT_MAX_DOC;
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *dup0(const char *s)
{
    return s ? dupn(s, strlen(s)) : NULL;
}

void ingest_doc_clear(ingest_doc *d)
{
    free(d->id);
    free(d->date);
    free(d->url);
    free(d->title);
    free(d->lang);
    free(d->text);
    free(d->origin);
    memset(d, 0, sizeof *d);
}

/* The document id of a file: its name without folders and extension. */
static char *id_from_path(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(path, "-") == 0) base = "stdin";
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return dupn(base, n);
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int is_jsonl_name(const char *path)
{
    return has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") || has_suffix(path, ".json");
}

static int is_document_name(const char *name)
{
    return has_suffix(name, ".txt") || is_jsonl_name(name);
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Validates a date string; returns 0 or -1 with err describing why. */
static int check_date(const char *origin, const char *s, size_t n, char *err, size_t errlen)
{
    int rc = cal_parse_iso(s, n, NULL, NULL, NULL);
    if (rc == 0) return 0;
    int shown = n > 40 ? 40 : (int)n;
    if (rc == -2)
        fail(err, errlen, "%s: impossible date '%.*s' (no such day)", origin, shown, s);
    else
        fail(err, errlen, "%s: malformed date '%.*s' (want YYYY-MM-DD)", origin, shown, s);
    return -1;
}

/* Applies --date and --require-date to a document without its own date. */
static int default_date(const ingest_options *o, ingest_doc *doc, char *err, size_t errlen)
{
    if (doc->date) return 0;
    if (o && o->date) {
        doc->date = dup0(o->date);
        doc->date_source = DATE_OPTION;
        return doc->date ? 0 : -1;
    }
    if (o && o->require_date) {
        fail(err, errlen, "%s: missing date (no date header or field, and no --date)",
             doc->origin);
        return -1;
    }
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((unsigned char)(*s)[*n - 1])) (*n)--;
}

/* Recognises the seed header " date YYYY-MM-DD". Returns the length of the
 * header including the separator after the date, 0 if data does not start
 * with a header, or -1 for a header whose date is missing or wrong. */
static long seed_header(const char *origin, const char *s, size_t n, char *date, char *err,
                        size_t errlen)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (n - i < 4 || memcmp(s + i, "date", 4) != 0) return 0;
    i += 4;
    size_t after_word = i;
    while (i < n && (s[i] == ' ' || s[i] == '\t')) i++;
    if (i == after_word && i < n && s[i] != '\n' && s[i] != '\r') return 0; /* "dated", "date:" */
    if (i >= n || s[i] == '\n' || s[i] == '\r') {
        fail(err, errlen, "%s:1: missing date after 'date' in the header", origin);
        return -1;
    }
    /* "date palms grow…" is text, not a header: a header date starts with a digit. */
    if (s[i] < '0' || s[i] > '9') return 0;
    size_t start = i;
    while (i < n && !is_space((unsigned char)s[i])) i++;
    char where[1024];
    snprintf(where, sizeof where, "%s:1", origin);
    if (check_date(where, s + start, i - start, err, errlen) != 0) return -1;
    memcpy(date, s + start, 10);
    date[10] = '\0';
    return (long)i;
}

int ingest_parse_seed(const char *path, const char *data, size_t len, const ingest_options *opts,
                      ingest_doc *doc, char *err, size_t errlen)
{
    memset(doc, 0, sizeof *doc);
    doc->origin = dup0(path);
    doc->id = id_from_path(path);
    if (!doc->origin || !doc->id) goto oom;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    char date[11];
    long header = seed_header(path, data, len, date, err, errlen);
    if (header < 0) goto bad;
    if (header > 0) {
        doc->date = dup0(date);
        if (!doc->date) goto oom;
        doc->date_source = DATE_HEADER;
        data += header;
        len -= (size_t)header;
    }
    trim(&data, &len);
    if (len == 0) {
        fail(err, errlen, "%s: empty document%s", path, header > 0 ? " (only a date header)" : "");
        goto bad;
    }
    doc->text = dupn(data, len);
    if (!doc->text) goto oom;
    doc->text_len = len;
    if (default_date(opts, doc, err, errlen) != 0) goto bad;
    return 0;
oom:
    fail(err, errlen, "%s: out of memory", path);
bad:
    ingest_doc_clear(doc);
    return -1;
}

/* A forced plain-text document: a leading "date" line is text too. */
static int text_doc(const ingest_options *o, const char *shown, const char *path, const char *data,
                    size_t len, ingest_doc *doc, char *err, size_t errlen)
{
    memset(doc, 0, sizeof *doc);
    const char *t = data;
    size_t tn = len;
    trim(&t, &tn);
    if (tn == 0) {
        fail(err, errlen, "%s: empty document", shown);
        return -1;
    }
    doc->origin = dup0(shown);
    doc->id = id_from_path(path);
    doc->text = dupn(t, tn);
    doc->text_len = tn;
    if (!doc->origin || !doc->id || !doc->text) {
        fail(err, errlen, "%s: out of memory", shown);
        ingest_doc_clear(doc);
        return -1;
    }
    if (default_date(o, doc, err, errlen) != 0) {
        ingest_doc_clear(doc);
        return -1;
    }
    return 0;
}

ingest *ingest_open(const char *const *paths, size_t n_paths, const ingest_options *opts)
{
    ingest *in = calloc(1, sizeof *in);
    if (!in) return NULL;
    in->paths = paths;
    in->n_paths = n_paths;
    if (opts) in->opts = *opts;
    return in;
}

static void close_jsonl(ingest *in)
{
    if (in->jf && in->jf != stdin) fclose(in->jf);
    in->jf = NULL;
    free(in->jpath);
    in->jpath = NULL;
}

void ingest_close(ingest *in)
{
    if (!in) return;
    close_jsonl(in);
    for (size_t i = 0; i < in->n_stack; i++) free(in->stack[i].path);
    free(in->stack);
    free(in->line);
    free(in);
}

static int push(ingest *in, char *path, int explicit_name)
{
    if (!path) return -1;
    if (in->n_stack == in->cap_stack) {
        size_t cap = in->cap_stack ? in->cap_stack * 2 : 16;
        pending *p = realloc(in->stack, cap * sizeof *p);
        if (!p) {
            free(path);
            return -1;
        }
        in->stack = p;
        in->cap_stack = cap;
    }
    in->stack[in->n_stack++] = (pending){path, explicit_name};
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replaces a folder by its entries, sorted, pushed in reverse so that the
 * first name is visited first. Symlinked folders are not followed (no loops). */
static int expand_dir(ingest *in, const char *dir, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        fail(err, errlen, "%s: cannot open folder: %s", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *full = malloc(len);
        if (!full) {
            rc = -1;
            break;
        }
        snprintf(full, len, "%s%s%s", dir, has_suffix(dir, "/") ? "" : "/", e->d_name);
        struct stat st;
        int keep = 0;
        if (lstat(full, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                keep = 1;
            else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && is_document_name(e->d_name))
                keep = 1;
        }
        if (!keep) {
            free(full);
            continue;
        }
        if (GROW_ROOM(names, n, cap, 64) != 0) {
            free(full);
            rc = -1;
            break;
        }
        names[n++] = full;
    }
    closedir(d);
    if (rc == 0) qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = n; i-- > 0;) {
        if (rc == 0) {
            if (push(in, names[i], 0) != 0) rc = -1;
        } else {
            free(names[i]);
        }
    }
    free(names);
    if (rc != 0) fail(err, errlen, "%s: out of memory", dir);
    return rc;
}

/* Reads the rest of f into memory, at most limit bytes; *too_big is set if
 * there was more. */
static char *slurp(FILE *f, size_t limit, size_t *len, int *too_big)
{
    size_t cap = 64 * 1024, n = 0;
    char *data = malloc(cap + 1);
    if (!data) return NULL;
    *too_big = 0;
    for (;;) {
        if (n == cap) {
            if (cap > limit) {
                *too_big = 1;
                break;
            }
            cap *= 2;
            char *p = realloc(data, cap + 1);
            if (!p) {
                free(data);
                return NULL;
            }
            data = p;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
        if (n > limit) {
            *too_big = 1;
            break;
        }
    }
    data[n] = '\0';
    *len = n;
    return data;
}

/* Peeks at the first meaningful byte to tell JSON Lines from the rest. */
static ingest_format sniff(FILE *f)
{
    int c = getc(f);
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r') c = getc(f);
    if (c != EOF) ungetc(c, f);
    return c == '{' ? INGEST_JSONL : INGEST_SEED;
}

/* Reads one line of at most limit bytes into in->line. Returns 1 for a line,
 * 0 at end of input, -1 for read errors, -2 for a line over the limit and
 * -3 for a line holding a NUL byte (in both cases the rest of the line is
 * skipped, so reading goes on with the next line). */
static int read_line(ingest *in, size_t limit, size_t *len)
{
    size_t n = 0;
    int c, over = 0, nul = 0, any = 0;
    while ((c = getc_unlocked(in->jf)) != EOF) {
        any = 1;
        if (c == '\n') break;
        if (c == 0) nul = 1;
        if (over || nul) continue;
        if (n >= limit) {
            over = 1;
            continue;
        }
        if (n + 1 >= in->line_cap) {
            size_t cap = in->line_cap ? in->line_cap * 2 : 64 * 1024;
            char *p = realloc(in->line, cap);
            if (!p) return -1;
            in->line = p;
            in->line_cap = cap;
        }
        in->line[n++] = (char)c;
    }
    if (ferror(in->jf)) return -1;
    if (!any) return 0;
    if (nul) return -3;
    if (over) return -2;
    *len = n;
    return 1;
}

static const char *json_field(json_t *obj, const char *key, const char *where, int *bad, char *err,
                              size_t errlen)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    fail(err, errlen, "%s: field \"%s\" must be a string", where, key);
    *bad = 1;
    return NULL;
}

static int parse_json_line(ingest *in, const char *line, size_t len, ingest_doc *doc, char *err,
                           size_t errlen)
{
    char where[1100];
    snprintf(where, sizeof where, "%s:%zu", in->jpath, in->jline);
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj) {
        fail(err, errlen, "%s: malformed JSON: %s (column %d)", where, jerr.text, jerr.column);
        return -1;
    }
    int bad = 0;
    if (!json_is_object(obj)) {
        fail(err, errlen, "%s: a JSON line must be an object", where);
        json_decref(obj);
        return -1;
    }
    const char *text = json_field(obj, "text", where, &bad, err, errlen);
    const char *date = json_field(obj, "date", where, &bad, err, errlen);
    const char *url = json_field(obj, "url", where, &bad, err, errlen);
    const char *title = json_field(obj, "title", where, &bad, err, errlen);
    const char *lang = json_field(obj, "lang", where, &bad, err, errlen);
    json_t *idv = json_object_get(obj, "id");
    char idbuf[64];
    const char *id = NULL;
    if (json_is_string(idv)) {
        id = json_string_value(idv);
    } else if (json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        id = idbuf;
    } else if (idv && !json_is_null(idv) && !bad) {
        fail(err, errlen, "%s: field \"id\" must be a string or an integer", where);
        bad = 1;
    }
    if (!bad && !text) {
        fail(err, errlen, "%s: no \"text\" field", where);
        bad = 1;
    }
    size_t text_len = text ? json_string_length(json_object_get(obj, "text")) : 0;
    if (!bad && text_len > max_doc(&in->opts)) {
        fail(err, errlen, "%s: document too large: %zu bytes (limit %zu, see --max-bytes)", where,
             text_len, max_doc(&in->opts));
        bad = 1;
    }
    if (!bad && date && check_date(where, date, strlen(date), err, errlen) != 0) bad = 1;
    if (bad) {
        json_decref(obj);
        return -1;
    }
    const char *t = text;
    size_t tn = text_len;
    trim(&t, &tn);
    if (tn == 0) {
        fail(err, errlen, "%s: empty text", where);
        json_decref(obj);
        return -1;
    }
    memset(doc, 0, sizeof *doc);
    doc->origin = dup0(where);
    if (id) {
        doc->id = dup0(id);
    } else {
        char *base = id_from_path(in->jpath);
        size_t n = (base ? strlen(base) : 0) + 24;
        doc->id = malloc(n);
        if (doc->id) snprintf(doc->id, n, "%s:%zu", base ? base : "", in->jline);
        free(base);
    }
    doc->date = dup0(date);
    doc->date_source = date ? DATE_FIELD : DATE_NONE;
    doc->url = dup0(url);
    doc->title = dup0(title);
    doc->lang = dup0(lang);
    doc->text = dupn(t, tn);
    doc->text_len = tn;
    json_decref(obj);
    if (!doc->origin || !doc->id || !doc->text || (date && !doc->date) || (url && !doc->url) ||
        (title && !doc->title) || (lang && !doc->lang)) {
        fail(err, errlen, "%s: out of memory", where);
        ingest_doc_clear(doc);
        return -1;
    }
    if (default_date(&in->opts, doc, err, errlen) != 0) {
        ingest_doc_clear(doc);
        return -1;
    }
    return 0;
}

/* One step of JSON Lines reading: 1 document, 0 end of this input, -1 bad line. */
static int next_jsonl(ingest *in, ingest_doc *doc, char *err, size_t errlen)
{
    /* A line holds the text plus its JSON escapes and the other fields. */
    size_t limit = max_doc(&in->opts) * 2 + 64 * 1024;
    for (;;) {
        size_t len = 0;
        in->jline++;
        int rc = read_line(in, limit, &len);
        if (rc == 0) {
            close_jsonl(in);
            return 0;
        }
        if (rc == -1) {
            fail(err, errlen, "%s:%zu: read error: %s", in->jpath, in->jline, strerror(errno));
            close_jsonl(in);
            return -1;
        }
        if (rc == -2) {
            fail(err, errlen, "%s:%zu: line longer than %zu bytes (see --max-bytes), skipped",
                 in->jpath, in->jline, limit);
            return -1;
        }
        if (rc == -3) {
            fail(err, errlen, "%s:%zu: NUL byte in the line: binary data, skipped", in->jpath,
                 in->jline);
            return -1;
        }
        const char *s = in->line;
        size_t n = len;
        trim(&s, &n);
        if (n == 0) continue; /* blank lines separate nothing */
        return parse_json_line(in, s, n, doc, err, errlen) == 0 ? 1 : -1;
    }
}

/* Opens one file (or stdin) and either starts JSON Lines reading or reads it
 * whole as one document. */
static int open_file(ingest *in, const char *path, ingest_doc *doc, char *err, size_t errlen)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    const char *shown = is_stdin ? "<stdin>" : path;
    if (!f) {
        fail(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    size_t limit = max_doc(&in->opts);
    ingest_format fmt = in->opts.format;
    if (fmt == INGEST_AUTO && !is_stdin && is_jsonl_name(path)) fmt = INGEST_JSONL;
    /* A .txt file is text even when it starts with '{' (corpora mark lines
     * so); only other names and stdin are sniffed. */
    if (fmt == INGEST_AUTO && !is_stdin && has_suffix(path, ".txt")) fmt = INGEST_SEED;
    if (fmt == INGEST_AUTO) fmt = sniff(f);
    if (fmt == INGEST_JSONL) {
        in->jf = f;
        in->jpath = dup0(shown);
        in->jline = 0;
        if (!in->jpath) {
            close_jsonl(in);
            fail(err, errlen, "%s: out of memory", shown);
            return -1;
        }
        return 0;
    }
    struct stat st;
    /* Fail fast on a huge file: the limit is checked before reading. The
     * seed header and surrounding whitespace are allowed on top of it. */
    if (!is_stdin && fstat(fileno(f), &st) == 0 && (size_t)st.st_size > limit + 4096) {
        fclose(f);
        fail(err, errlen, "%s: document too large: %lld bytes (limit %zu, see --max-bytes)", path,
             (long long)st.st_size, limit);
        return -1;
    }
    size_t len = 0;
    int too_big = 0;
    char *data = slurp(f, limit + 4096, &len, &too_big);
    int read_error = ferror(f);
    if (!is_stdin) fclose(f);
    if (!data) {
        fail(err, errlen, "%s: out of memory", shown);
        return -1;
    }
    if (read_error) {
        free(data);
        fail(err, errlen, "%s: read error", shown);
        return -1;
    }
    if (too_big) {
        free(data);
        fail(err, errlen, "%s: document too large: over %zu bytes (see --max-bytes)", shown, limit);
        return -1;
    }
    if (len == 0) {
        free(data);
        fail(err, errlen, "%s: empty file", shown);
        return -1;
    }
    int rc;
    if (fmt == INGEST_TEXT) {
        rc = text_doc(&in->opts, shown, path, data, len, doc, err, errlen);
    } else {
        rc = ingest_parse_seed(is_stdin ? "-" : path, data, len, &in->opts, doc, err, errlen);
        if (rc == 0 && is_stdin) {
            free(doc->origin);
            doc->origin = dup0(shown);
        }
    }
    free(data);
    if (rc == 0 && doc->text_len > limit) {
        fail(err, errlen, "%s: document too large: %zu bytes (limit %zu, see --max-bytes)", shown,
             doc->text_len, limit);
        ingest_doc_clear(doc);
        return -1;
    }
    return rc == 0 ? 1 : -1;
}

int ingest_next(ingest *in, ingest_doc *doc, char *err, size_t errlen)
{
    memset(doc, 0, sizeof *doc);
    for (;;) {
        if (in->jf) {
            int rc = next_jsonl(in, doc, err, errlen);
            if (rc != 0) return rc;
            continue;
        }
        if (in->n_stack > 0) {
            pending p = in->stack[--in->n_stack];
            int rc = 0;
            struct stat st;
            if (strcmp(p.path, "-") == 0) {
                rc = open_file(in, p.path, doc, err, errlen);
            } else if (stat(p.path, &st) != 0) {
                fail(err, errlen, "%s: %s", p.path, strerror(errno));
                rc = -1;
            } else if (S_ISDIR(st.st_mode)) {
                rc = expand_dir(in, p.path, err, errlen);
            } else if (!S_ISREG(st.st_mode) && !p.explicit_name) {
                rc = 0; /* sockets, fifos found in folders */
            } else {
                rc = open_file(in, p.path, doc, err, errlen);
            }
            free(p.path);
            if (rc != 0) return rc;
            continue;
        }
        if (in->next_path < in->n_paths) {
            const char *path = in->paths[in->next_path++];
            if (push(in, dup0(path), 1) != 0) {
                fail(err, errlen, "%s: out of memory", path);
                return -1;
            }
            continue;
        }
        return 0;
    }
}
