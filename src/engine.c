/* engine.c — the public API (dyad.h): engines, coders, dyad_code.
 *
 * dyad_code is the pipeline in one place, in the order data flows:
 * validate → detect language → segment → fold and stem tokens → (later
 * stages annotate) → emit JSON. Each stage reads only what the previous one
 * produced. The engine is read-only here; everything mutable is the coder's
 * (scratch buffers, stem cache) or the record's (its arena).
 */
#include "dyad.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors.h"
#include "calendar.h"
#include "dates.h"
#include "events.h"
#include "lang.h"
#include "lexicon.h"
#include "quotes.h"
#include "tone.h"
#include "record.h"
#include "segment.h"
#include "text.h"
#include "utf8.h"

#ifndef DYAD_VERSION_STRING
#define DYAD_VERSION_STRING "0.0.0"
#endif
#ifndef DYAD_DICT_DIR_DEFAULT
#define DYAD_DICT_DIR_DEFAULT "dict"
#endif

enum { DEFAULT_MAX_TEXT = 16 * 1024 * 1024 };

struct dyad_engine {
    char *dict_dir;
    segmenter *seg;
    strtab keys;       /* every match key of every dictionary, frozen after load */
    actors_dict *actors;
    events_dict *events;
    quotes_dict *quotes;
    dates_dict *dates;
    tone_dict *tone;
    arena mem;
};

struct dyad_coder {
    const dyad_engine *engine;
    dyad_options opts;
    seg_out seg;
    stem_cache stems;
    lex_cache keys;
    actors_scratch *actors;
    events_scratch *events;
    buf fold;
    /* Per token of the current document, grown as needed. */
    uint32_t *form_ids; /* ids in stems.forms */
    uint32_t *lstems;   /* ids in stems.stems */
    lex_tok *toks;      /* match keys */
    size_t cap_toks;
    char error[512];
};

const char *dyad_version(void)
{
    return DYAD_VERSION_STRING;
}

const char *dyad_strerror(int status)
{
    switch (status) {
    case DYAD_OK: return "ok";
    case DYAD_ENOMEM: return "out of memory";
    case DYAD_EINVAL: return "invalid argument";
    case DYAD_EIO: return "input/output error";
    case DYAD_EDICT: return "malformed dictionary";
    case DYAD_EUTF8: return "invalid UTF-8";
    case DYAD_EBINARY: return "binary data (NUL byte)";
    case DYAD_EEMPTY: return "empty text";
    case DYAD_ETOOBIG: return "text too large";
    case DYAD_EDATE: return "bad date";
    default: return "unknown status";
    }
}

/* Compiles every dictionary the stages need. */
static int load_dictionaries(dyad_engine *e, char *msg, size_t msglen)
{
    lex_loader L;
    if (lex_loader_init(&L, e->dict_dir, e->seg, &e->keys, &e->mem, msg, msglen) != 0) return -1;
    e->actors = actors_load(&L);
    if (e->actors) e->events = events_load(&L);
    if (e->events) e->quotes = quotes_load(&L);
    if (e->quotes) e->dates = dates_load(&L);
    if (e->dates) e->tone = tone_load(&L);
    lex_loader_free(&L);
    return e->actors && e->events && e->quotes && e->dates && e->tone ? 0 : -1;
}

int dyad_engine_open(const char *dict_dir, dyad_engine **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!dict_dir) dict_dir = getenv("DYAD_DICT");
    if (!dict_dir || !*dict_dir) dict_dir = DYAD_DICT_DIR_DEFAULT;
    dyad_engine *e = calloc(1, sizeof *e);
    if (!e) {
        if (err) snprintf(err, errlen, "out of memory");
        return DYAD_ENOMEM;
    }
    strtab_init(&e->keys);
    arena_init(&e->mem);
    e->dict_dir = strdup(dict_dir);
    char msg[512] = "";
    e->seg = e->dict_dir ? segmenter_load(e->dict_dir, msg, sizeof msg) : NULL;
    if (!e->seg || load_dictionaries(e, msg, sizeof msg) != 0) {
        if (err) snprintf(err, errlen, "%s", msg[0] ? msg : "out of memory");
        dyad_engine_close(e);
        return msg[0] ? DYAD_EDICT : DYAD_ENOMEM;
    }
    *out = e;
    return DYAD_OK;
}

void dyad_engine_close(dyad_engine *e)
{
    if (!e) return;
    segmenter_free(e->seg);
    actors_free(e->actors);
    events_free(e->events);
    quotes_free(e->quotes);
    dates_free(e->dates);
    tone_free(e->tone);
    strtab_free(&e->keys);
    arena_free(&e->mem);
    free(e->dict_dir);
    free(e);
}

size_t dyad_engine_lint(const dyad_engine *e, FILE *out, FILE *info)
{
    buf b;
    buf_init(&b);
    size_t problems = actors_lint(e->actors, &b) + events_lint(e->events, &b);
    if (out && b.len) fwrite(b.data, 1, b.len, out);
    buf_free(&b);
    if (info) {
        actors_stats a;
        events_stats v;
        actors_get_stats(e->actors, &a);
        events_get_stats(e->events, &v);
        fprintf(info,
                "dictionaries in %s: %zu actor entries (%zu phrases), %zu countries and blocs, "
                "%zu organisation codes, %zu roles, %zu people with %zu dated roles; %zu event "
                "patterns over %zu CAMEO codes in %zu roots; %zu problems\n",
                e->dict_dir, a.entries, a.phrases, a.countries, a.orgs, a.roles, a.people,
                a.periods, v.patterns, v.codes, v.roots, problems);
    }
    return problems;
}

dyad_coder *dyad_coder_new(const dyad_engine *e, const dyad_options *opts)
{
    if (!e) return NULL;
    dyad_coder *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->engine = e;
    if (opts) c->opts = *opts;
    if (!c->opts.max_text_bytes) c->opts.max_text_bytes = DEFAULT_MAX_TEXT;
    if (!c->opts.sentence_text) c->opts.sentence_text = 1;
    buf_init(&c->fold);
    lex_cache_init(&c->keys);
    c->actors = actors_scratch_new();
    c->events = events_scratch_new();
    if (!c->actors || !c->events || stem_cache_init(&c->stems) != 0) {
        actors_scratch_free(c->actors);
        events_scratch_free(c->events);
        free(c);
        return NULL;
    }
    return c;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c) return;
    seg_out_free(&c->seg);
    stem_cache_free(&c->stems);
    lex_cache_free(&c->keys);
    actors_scratch_free(c->actors);
    events_scratch_free(c->events);
    buf_free(&c->fold);
    free(c->form_ids);
    free(c->lstems);
    free(c->toks);
    free(c);
}

const char *dyad_coder_error(const dyad_coder *c)
{
    return c ? c->error : "no coder";
}

static int failf(dyad_coder *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int failf(dyad_coder *c, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->error, sizeof c->error, fmt, ap);
    va_end(ap);
    return status;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') return 0;
    }
    return 1;
}

/* Checks what the caller gave before any work is done. */
static int check_doc(dyad_coder *c, const dyad_doc *d, size_t *chars)
{
    if (!d || !d->text) return failf(c, DYAD_EINVAL, "no text");
    if (d->text_len > c->opts.max_text_bytes)
        return failf(c, DYAD_ETOOBIG, "text too large: %zu bytes (limit %zu)", d->text_len,
                     c->opts.max_text_bytes);
    size_t bad = 0;
    switch (utf8_check(d->text, d->text_len, &bad, chars)) {
    case UTF8_OK: break;
    case UTF8_NUL:
        return failf(c, DYAD_EBINARY, "binary data: NUL byte at byte %zu (line %zu)", bad,
                     utf8_line_of(d->text, bad));
    case UTF8_INVALID:
        return failf(c, DYAD_EUTF8, "invalid UTF-8 at byte %zu (line %zu): byte 0x%02X", bad,
                     utf8_line_of(d->text, bad), (unsigned char)d->text[bad]);
    }
    if (only_space(d->text, d->text_len)) return failf(c, DYAD_EEMPTY, "empty text");
    if (d->date) {
        int rc = cal_parse_iso(d->date, strlen(d->date), NULL, NULL, NULL);
        if (rc != 0)
            return failf(c, DYAD_EDATE, "%s date '%.40s'", rc == -2 ? "impossible" : "malformed",
                         d->date);
    }
    if (d->lang && lang_from_code(d->lang) == LANG_UND)
        return failf(c, DYAD_EINVAL, "unsupported language '%.20s' (ru or en)", d->lang);
    return DYAD_OK;
}

static int grow_token_arrays(dyad_coder *c, size_t n)
{
    if (n <= c->cap_toks) return 0;
    size_t cap = c->cap_toks ? c->cap_toks : 1024;
    while (cap < n) cap *= 2;
    uint32_t *f = realloc(c->form_ids, cap * sizeof *f);
    if (!f) return -1;
    c->form_ids = f;
    uint32_t *l = realloc(c->lstems, cap * sizeof *l);
    if (!l) return -1;
    c->lstems = l;
    lex_tok *t = realloc(c->toks, cap * sizeof *t);
    if (!t) return -1;
    c->toks = t;
    c->cap_toks = cap;
    return 0;
}

int dyad_code(dyad_coder *c, const dyad_doc *d, dyad_record **out)
{
    if (!out) return DYAD_EINVAL;
    *out = NULL;
    if (!c) return DYAD_EINVAL;
    c->error[0] = '\0';
    size_t chars = 0;
    int rc = check_doc(c, d, &chars);
    if (rc != DYAD_OK) return rc;

    dyad_record *r = calloc(1, sizeof *r);
    if (!r) return failf(c, DYAD_ENOMEM, "out of memory");
    arena_init(&r->mem);
    buf_init(&r->json);
    r->id = arena_strdup(&r->mem, d->id ? d->id : "doc");
    r->date = arena_strdup(&r->mem, d->date);
    r->url = arena_strdup(&r->mem, d->url);
    r->title = arena_strdup(&r->mem, d->title);
    char *text = arena_strndup(&r->mem, d->text, d->text_len);
    r->text = text;
    r->text_len = d->text_len;
    r->text_chars = chars;
    if (!r->id || !text || (d->date && !r->date) || (d->url && !r->url) ||
        (d->title && !r->title))
        goto oom;
    r->lang = lang_from_code(d->lang);
    if (r->lang == LANG_UND) {
        r->lang = lang_detect(r->text, r->text_len);
        r->lang_detected = 1;
    }
    stem_cache_begin_doc(&c->stems);
    if (segment_text(c->engine->seg, r->text, r->text_len, &c->seg) != 0) goto oom;
    if (grow_token_arrays(c, c->seg.n_tokens) != 0 ||
        record_fill_tokens(r, &c->seg, &c->stems, &c->fold, c->form_ids, c->lstems) != 0)
        goto oom;
    if (lex_doc_keys(&c->engine->keys, &c->stems, &c->keys, r->tokens, c->form_ids, r->n_tokens,
                     c->toks) != 0)
        goto oom;
    if (actors_resolve(c->engine->actors, &c->engine->keys, &c->stems, c->actors, r, c->toks,
                       c->lstems) != 0)
        goto oom;
    if (dates_find(c->engine->dates, r, c->toks) != 0) goto oom;
    if (quotes_find(c->engine->quotes, r, c->toks) != 0) goto oom;
    if (events_code(c->engine->events, c->events, r, c->toks) != 0) goto oom;
    if (tone_score(c->engine->tone, r, c->toks) != 0) goto oom;
    if (tone_attitudes(r) != 0) goto oom;
    if (record_emit(r, c->opts.sentence_text > 0, c->opts.tokens > 0) != 0) goto oom;
    *out = r;
    return DYAD_OK;
oom:
    dyad_record_free(r);
    return failf(c, DYAD_ENOMEM, "out of memory");
}

const char *dyad_record_json(const dyad_record *r, size_t *len)
{
    if (len) *len = r ? r->json.len : 0;
    return r && r->json.data ? r->json.data : "";
}

const char *dyad_record_id(const dyad_record *r)
{
    return r->id;
}

const char *dyad_record_lang(const dyad_record *r)
{
    return lang_code(r->lang);
}

size_t dyad_record_sentences(const dyad_record *r)
{
    return r->n_sentences;
}

size_t dyad_record_tokens(const dyad_record *r)
{
    return r->n_tokens;
}

void dyad_record_free(dyad_record *r)
{
    if (!r) return;
    arena_free(&r->mem);
    buf_free(&r->json);
    free(r);
}
