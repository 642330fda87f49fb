/* eval.c — scoring against gold (see eval.h). The rules are those of
 * ../shared/docs/GOLD.md:
 *   - a system event matches a gold event when it comes from the sentence
 *     holding the gold evidence, has the same source and target (the gold
 *     code is a prefix of the system's: JPN ~ JPNGOV, NATO ~ NATO) and its
 *     root is one of the gold roots;
 *   - matching a required event is a hit; matching an optional one is
 *     neither hit nor false alarm; anything else is a false alarm, and so is
 *     any event from a nonevent sentence with its dyad;
 *   - dyads whose two sides are the same country are not scored.
 */
#include "eval.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dyad.h"
#include "ingest.h"
#include "record.h"
#include "text.h"

enum { MAX_ROOTS = 8 };

typedef struct gold_event {
    char source[8], target[8], source_actor[12], target_actor[12];
    char roots[MAX_ROOTS][3];
    int n_roots, required, implicit;
    const char *evidence;
    long sentence; /* -1 when the evidence is not in the document */
    int matched;
} gold_event;

typedef struct root_row {
    size_t gold, hit, system, false_alarm;
} root_row;

typedef struct run {
    const eval_options *opts;
    FILE *out, *err;
    dyad_coder *coder;
    eval_scores sc;
    root_row roots[21];
    buf misses, alarms;
    int problems;
} run;

static void copy_str(char *dst, size_t n, json_t *v)
{
    snprintf(dst, n, "%s", json_is_string(v) ? json_string_value(v) : "");
}

static int prefix(const char *system, const char *gold)
{
    return gold[0] && strncmp(system, gold, strlen(gold)) == 0;
}

static long sentence_of(const dyad_record *r, const char *evidence)
{
    if (!evidence || !*evidence) return -1;
    const char *at = strstr(r->text, evidence);
    if (!at) return -1;
    uint32_t off = (uint32_t)(at - r->text);
    for (size_t i = 0; i < r->n_sentences; i++)
        if (r->sentences[i].start <= off && off < r->sentences[i].end) return (long)i;
    return -1;
}

static int root_of(const char *root)
{
    int v = atoi(root);
    return v >= 1 && v <= 20 ? v : 0;
}

static int event_matches(const rec_event *e, const gold_event *g)
{
    if ((long)e->sentence != g->sentence) return 0;
    if (!prefix(e->source.code, g->source) || !prefix(e->target.code, g->target)) return 0;
    for (int i = 0; i < g->n_roots; i++)
        if (strcmp(e->root, g->roots[i]) == 0) return 1;
    return 0;
}

static void sentence_text(const dyad_record *r, long s, buf *b)
{
    if (s < 0 || (size_t)s >= r->n_sentences) {
        buf_adds(b, "(evidence not found in the document)");
        return;
    }
    const rec_sentence *x = &r->sentences[s];
    size_t n = x->end - x->start;
    if (n > 400) n = 400;
    while (n < x->end - x->start && n > 0 && ((unsigned char)r->text[x->start + n] & 0xC0) == 0x80)
        n--;
    buf_add(b, r->text + x->start, n);
    if (n < x->end - x->start) buf_adds(b, "…");
}

static void fold_name(const char *s, buf *b)
{
    buf_reset(b);
    text_fold(s, strlen(s), b);
    buf_cstr(b);
}

/* Actors: (normalised name, code) as sets. */
static void score_actors(run *R, const char *doc, const dyad_record *r, json_t *gold)
{
    size_t n = json_array_size(gold);
    if (n == 0) return;
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    char *found = calloc(r->n_actors + 1, 1);
    for (size_t i = 0; i < n; i++) {
        json_t *g = json_array_get(gold, i);
        const char *name = json_string_value(json_object_get(g, "name"));
        const char *code = json_string_value(json_object_get(g, "code"));
        if (!name || !code) continue;
        R->sc.actor_gold++;
        fold_name(name, &a);
        int hit = 0;
        for (size_t k = 0; k < r->n_actors && !hit; k++) {
            fold_name(r->actors[k].name, &b);
            if (strcmp(a.data, b.data) == 0 && strcmp(r->actors[k].code, code) == 0) {
                hit = 1;
                found[k] = 1;
            }
        }
        if (hit)
            R->sc.actor_hits++;
        else if (R->opts->details)
            buf_printf(&R->misses, "  %s  actor %s %s\n", doc, name, code);
    }
    for (size_t k = 0; k < r->n_actors; k++) {
        if (r->actors[k].place) continue; /* locations, not actors */
        R->sc.actor_system++;
        R->sc.actor_system_hits += found[k];
    }
    free(found);
    buf_free(&a);
    buf_free(&b);
}

/* Quotations: a gold quote is found when one of ours starts with its
 * "starts" text; its speaker is right when the speaker's name matches. */
static void score_quotes(run *R, const char *doc, const dyad_record *r, json_t *gold)
{
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    for (size_t i = 0; i < json_array_size(gold); i++) {
        json_t *g = json_array_get(gold, i);
        const char *speaker = json_string_value(json_object_get(g, "speaker"));
        const char *starts = json_string_value(json_object_get(g, "starts"));
        if (!speaker || !starts) continue;
        R->sc.quote_gold++;
        fold_name(starts, &a);
        int found = 0, right = 0;
        for (size_t k = 0; k < r->n_quotes && !found; k++) {
            const rec_quote *q = &r->quotes[k];
            const rec_token *f = &r->tokens[q->tok_first], *l = &r->tokens[q->tok_end - 1];
            buf_reset(&b);
            text_fold(r->text + f->start, l->end - f->start, &b);
            if (b.len < a.len || memcmp(b.data, a.data, a.len) != 0) continue;
            found = 1;
            if (q->speaker_actor >= 0) {
                buf c;
                buf_init(&c);
                fold_name(r->actors[q->speaker_actor].name, &c);
                buf d;
                buf_init(&d);
                fold_name(speaker, &d);
                right = strcmp(c.data, d.data) == 0;
                buf_free(&c);
                buf_free(&d);
            }
        }
        R->sc.quote_found += found;
        R->sc.quote_speaker += right;
        if (!right && R->opts->details)
            buf_printf(&R->misses, "  %s  quote «%s…» by %s: %s\n", doc, starts, speaker,
                       found ? "wrong speaker" : "not found");
    }
    buf_free(&a);
    buf_free(&b);
}

/* Dates: a gold expression is found when one of ours covers its text; it
 * is right when the resolved values are equal. */
static void score_dates(run *R, const char *doc, const dyad_record *r, json_t *gold)
{
    for (size_t i = 0; i < json_array_size(gold); i++) {
        json_t *g = json_array_get(gold, i);
        const char *text = json_string_value(json_object_get(g, "text"));
        const char *value = json_string_value(json_object_get(g, "value"));
        if (!text) continue;
        R->sc.date_gold++;
        const char *at = strstr(r->text, text);
        int found = 0, right = 0;
        const char *ours = NULL;
        for (size_t k = 0; at && k < r->n_dates && !found; k++) {
            const rec_date *d = &r->dates[k];
            uint32_t a = r->tokens[d->tok_first].start, b = r->tokens[d->tok_end - 1].end;
            uint32_t ga = (uint32_t)(at - r->text), gb = ga + (uint32_t)strlen(text);
            if (a < gb && ga < b) {
                found = 1;
                ours = d->value;
                right = value ? strcmp(d->value, value) == 0 : d->value[0] == '\0';
            }
        }
        R->sc.date_found += found;
        R->sc.date_right += right;
        if (!right && R->opts->details)
            buf_printf(&R->misses, "  %s  date «%s» = %s: %s%s\n", doc, text, value ? value : "null",
                       found ? "we say " : "not found", found ? (ours[0] ? ours : "unresolved") : "");
    }
}

/* The country-level code of an actor: the first three letters of a
 * country-based code (JPNGOV → JPN), an organisation's code as it is. */
static void country_of(const char *code, char out[8])
{
    size_t n = strlen(code);
    snprintf(out, 8, "%.*s", n == 3 || n == 6 ? 3 : (int)(n < 7 ? n : 7), code);
}

/* Attitudes: sets of (source, target, polarity) at country level. */
static void score_attitudes(run *R, const char *doc, const dyad_record *r, json_t *gold)
{
    size_t ng = json_array_size(gold);
    if (ng == 0) return;
    char (*ours)[20] = calloc(r->n_attitudes + 1, sizeof *ours);
    size_t n = 0;
    for (size_t i = 0; i < r->n_attitudes; i++) {
        const rec_attitude *a = &r->attitudes[i];
        char s[8], t[8], key[20];
        country_of(r->actors[a->source].code, s);
        country_of(r->actors[a->target].code, t);
        if (!s[0] || !t[0] || strcmp(s, t) == 0) continue;
        snprintf(key, sizeof key, "%s>%s>%c", s, t, a->score > 0 ? 'p' : 'n');
        int dup = 0;
        for (size_t k = 0; k < n && !dup; k++) dup = strcmp(ours[k], key) == 0;
        if (!dup) snprintf(ours[n++], sizeof ours[0], "%s", key);
    }
    R->sc.att_system += n;
    for (size_t i = 0; i < ng; i++) {
        json_t *g = json_array_get(gold, i);
        const char *s = json_string_value(json_object_get(g, "source"));
        const char *t = json_string_value(json_object_get(g, "target"));
        const char *p = json_string_value(json_object_get(g, "polarity"));
        if (!s || !t || !p) continue;
        char key[40];
        snprintf(key, sizeof key, "%s>%s>%c", s, t, p[0]);
        R->sc.att_gold++;
        int hit = 0;
        for (size_t k = 0; k < n && !hit; k++) hit = strcmp(ours[k], key) == 0;
        R->sc.att_hits += hit;
        if (!hit && R->opts->details)
            buf_printf(&R->misses, "  %s  attitude %s→%s %s not found\n", doc, s, t, p);
    }
    free(ours);
}

static void score_events(run *R, const char *doc, const dyad_record *r, json_t *jevents,
                         json_t *jnon)
{
    size_t n = json_array_size(jevents);
    gold_event *g = calloc(n + 1, sizeof *g);
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_array_get(jevents, i);
        copy_str(g[i].source, sizeof g[i].source, json_object_get(j, "source"));
        copy_str(g[i].target, sizeof g[i].target, json_object_get(j, "target"));
        copy_str(g[i].source_actor, sizeof g[i].source_actor, json_object_get(j, "source_actor"));
        copy_str(g[i].target_actor, sizeof g[i].target_actor, json_object_get(j, "target_actor"));
        json_t *roots = json_object_get(j, "roots");
        for (size_t k = 0; k < json_array_size(roots) && k < MAX_ROOTS; k++)
            copy_str(g[i].roots[g[i].n_roots++], 3, json_array_get(roots, k));
        const char *need = json_string_value(json_object_get(j, "need"));
        g[i].required = need && strcmp(need, "required") == 0;
        g[i].implicit = json_is_true(json_object_get(j, "implicit"));
        g[i].evidence = json_string_value(json_object_get(j, "evidence"));
        g[i].sentence = sentence_of(r, g[i].evidence);
        /* Same-country dyads are not scored at country level. */
        if (strncmp(g[i].source, g[i].target, 3) == 0) g[i].required = 0;
        if (g[i].required) {
            R->sc.gold_required++;
            if (g[i].implicit)
                R->sc.gold_implicit++;
            else
                R->sc.gold_explicit++;
            int root = g[i].n_roots ? root_of(g[i].roots[0]) : 0;
            R->roots[root].gold++;
            if (g[i].sentence < 0) {
                fprintf(R->err, "eval: %s: gold evidence not found in the text: %s\n", doc,
                        g[i].evidence ? g[i].evidence : "(none)");
                R->problems = 1;
            }
        }
    }
    for (size_t k = 0; k < r->n_events; k++) {
        const rec_event *e = &r->events[k];
        if (strncmp(e->source.code, e->target.code, 3) == 0) continue;
        R->sc.system_events++;
        int root = root_of(e->root);
        R->roots[root].system++;
        int hit = 0, optional = 0;
        for (size_t i = 0; i < n; i++) {
            if (!event_matches(e, &g[i])) continue;
            if (g[i].required) {
                if (!g[i].matched) {
                    g[i].matched = 1;
                    R->sc.hits++;
                    if (g[i].implicit)
                        R->sc.hits_implicit++;
                    else
                        R->sc.hits_explicit++;
                    R->roots[g[i].n_roots ? root_of(g[i].roots[0]) : 0].hit++;
                    if (g[i].source_actor[0]) {
                        R->sc.full_gold++;
                        R->sc.full_hits += strcmp(e->source.code, g[i].source_actor) == 0;
                    }
                    if (g[i].target_actor[0]) {
                        R->sc.full_gold++;
                        R->sc.full_hits += strcmp(e->target.code, g[i].target_actor) == 0;
                    }
                }
                hit = 1;
            } else {
                optional = 1;
            }
        }
        /* A nonevent sentence with this dyad overrides an optional match. */
        for (size_t i = 0; i < json_array_size(jnon) && !hit; i++) {
            json_t *j = json_array_get(jnon, i);
            long s = sentence_of(r, json_string_value(json_object_get(j, "evidence")));
            const char *src = json_string_value(json_object_get(j, "source"));
            const char *tgt = json_string_value(json_object_get(j, "target"));
            if (s == (long)e->sentence && (!src || prefix(e->source.code, src)) &&
                (!tgt || prefix(e->target.code, tgt)))
                optional = 0;
        }
        if (hit || optional) continue;
        R->sc.false_alarms++;
        R->roots[root].false_alarm++;
        if (R->opts->details) {
            buf_printf(&R->alarms, "  %s  s%u  %s %s→%s (%s)  %s\n    | ", doc, e->sentence,
                       e->code, e->source.code, e->target.code, e->pattern ? e->pattern : "",
                       e->source.implicit || e->target.implicit ? "implicit" : "");
            sentence_text(r, (long)e->sentence, &R->alarms);
            buf_addc(&R->alarms, '\n');
        }
    }
    if (R->opts->details) {
        for (size_t i = 0; i < n; i++) {
            if (!g[i].required || g[i].matched) continue;
            buf_printf(&R->misses, "  %s  s%ld  %s→%s roots", doc, g[i].sentence, g[i].source,
                       g[i].target);
            for (int k = 0; k < g[i].n_roots; k++) buf_printf(&R->misses, " %s", g[i].roots[k]);
            buf_printf(&R->misses, "%s  «%s»\n    | ", g[i].implicit ? " implicit" : "",
                       g[i].evidence ? g[i].evidence : "");
            sentence_text(r, g[i].sentence, &R->misses);
            buf_addc(&R->misses, '\n');
        }
    }
    free(g);
}

static char *dirname_up(const char *path, int levels)
{
    char *p = realpath(path, NULL);
    if (!p) return NULL;
    for (int i = 0; i < levels; i++) {
        char *slash = strrchr(p, '/');
        if (!slash) break;
        if (slash == p)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    return p;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    buf b;
    buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, n);
    fclose(f);
    if (b.failed) {
        buf_free(&b);
        return NULL;
    }
    *len = b.len;
    buf_cstr(&b);
    return b.data ? b.data : calloc(1, 1);
}

static void score_doc(run *R, json_t *gold, const char *shared)
{
    const char *doc = json_string_value(json_object_get(gold, "doc"));
    const char *file = json_string_value(json_object_get(gold, "file"));
    const char *date = json_string_value(json_object_get(gold, "date"));
    if (!doc || !file) {
        fprintf(R->err, "eval: a gold line without doc or file\n");
        R->problems = 1;
        return;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", shared, file);
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) {
        fprintf(R->err, "eval: %s: cannot read %s\n", doc, path);
        R->problems = 1;
        return;
    }
    ingest_options io = {.date = date};
    ingest_doc d;
    char err[512];
    if (ingest_parse_seed(path, data, len, &io, &d, err, sizeof err) != 0) {
        fprintf(R->err, "eval: %s\n", err);
        free(data);
        R->problems = 1;
        return;
    }
    free(data);
    dyad_doc dd = {.id = doc, .date = d.date, .text = d.text, .text_len = d.text_len};
    dyad_record *r;
    if (dyad_code(R->coder, &dd, &r) != DYAD_OK) {
        fprintf(R->err, "eval: %s: %s\n", doc, dyad_coder_error(R->coder));
        ingest_doc_clear(&d);
        R->problems = 1;
        return;
    }
    R->sc.docs++;
    score_events(R, doc, r, json_object_get(gold, "events"), json_object_get(gold, "nonevents"));
    score_actors(R, doc, r, json_object_get(gold, "actors"));
    score_quotes(R, doc, r, json_object_get(gold, "quotes"));
    score_dates(R, doc, r, json_object_get(gold, "dates"));
    score_attitudes(R, doc, r, json_object_get(gold, "attitudes"));
    dyad_record_free(r);
    ingest_doc_clear(&d);
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void print_report(run *R)
{
    eval_scores *s = &R->sc;
    size_t scored = s->hits + s->false_alarms;
    s->precision = ratio(s->hits, scored);
    s->recall = ratio(s->hits, s->gold_required);
    s->f1 = s->precision + s->recall > 0 ? 2 * s->precision * s->recall / (s->precision + s->recall)
                                         : 0.0;
    FILE *o = R->out;
    fprintf(o, "documents: %zu\n\n", s->docs);
    fprintf(o, "events (country level)   precision %.3f  recall %.3f  F1 %.3f\n", s->precision,
            s->recall, s->f1);
    fprintf(o, "  required gold %zu, hits %zu, false alarms %zu, system events %zu "
               "(%zu matched optional events)\n",
            s->gold_required, s->hits, s->false_alarms, s->system_events,
            s->system_events - scored);
    fprintf(o, "  recall explicit %.3f (%zu/%zu)   implicit %.3f (%zu/%zu)\n",
            ratio(s->hits_explicit, s->gold_explicit), s->hits_explicit, s->gold_explicit,
            ratio(s->hits_implicit, s->gold_implicit), s->hits_implicit, s->gold_implicit);
    fprintf(o, "  full actor codes on hits: %.3f (%zu/%zu)\n", ratio(s->full_hits, s->full_gold),
            s->full_hits, s->full_gold);
    fprintf(o, "\nactors (name, code)      precision %.3f  recall %.3f  (%zu gold, %zu system)\n",
            ratio(s->actor_system_hits, s->actor_system), ratio(s->actor_hits, s->actor_gold),
            s->actor_gold, s->actor_system);
    fprintf(o, "quotes                   speaker accuracy %.3f (%zu/%zu; %zu found)\n",
            ratio(s->quote_speaker, s->quote_gold), s->quote_speaker, s->quote_gold,
            s->quote_found);
    fprintf(o, "dates                    accuracy %.3f (%zu/%zu; %zu found)\n",
            ratio(s->date_right, s->date_gold), s->date_right, s->date_gold, s->date_found);
    {
        double ap = ratio(s->att_hits, s->att_system), ar = ratio(s->att_hits, s->att_gold);
        fprintf(o, "attitudes (country level) precision %.3f  recall %.3f  F1 %.3f  (%zu gold, %zu "
                   "ours, in documents with gold attitudes)\n",
                ap, ar, ap + ar > 0 ? 2 * ap * ar / (ap + ar) : 0.0, s->att_gold, s->att_system);
    }
    fprintf(o, "\nroot  gold  hit  recall   system  false  precision\n");
    for (int i = 1; i <= 20; i++) {
        root_row *x = &R->roots[i];
        if (!x->gold && !x->system) continue;
        fprintf(o, " %02d  %5zu %4zu  %6.3f   %6zu %6zu  %6.3f\n", i, x->gold, x->hit,
                ratio(x->hit, x->gold), x->system, x->false_alarm,
                ratio(x->system - x->false_alarm, x->system));
    }
    if (R->opts->details) {
        fprintf(o, "\nmisses (required gold events not found):\n%s", buf_cstr(&R->misses));
        fprintf(o, "\nfalse alarms:\n%s", buf_cstr(&R->alarms));
    }
}

int eval_gold_run(const char *const *gold_files, size_t n, const eval_options *opts, FILE *out,
                  FILE *err, eval_scores *scores)
{
    run R;
    memset(&R, 0, sizeof R);
    R.opts = opts;
    R.out = out;
    R.err = err;
    buf_init(&R.misses);
    buf_init(&R.alarms);
    dyad_engine *engine;
    char msg[512];
    if (dyad_engine_open(opts->dict_dir, &engine, msg, sizeof msg) != DYAD_OK) {
        fprintf(err, "eval: cannot load dictionaries: %s\n", msg);
        return 2;
    }
    R.coder = dyad_coder_new(engine, NULL);
    for (size_t i = 0; i < n && R.coder; i++) {
        char *shared = opts->shared_dir ? realpath(opts->shared_dir, NULL)
                                        : dirname_up(gold_files[i], 3);
        json_error_t jerr;
        FILE *f = fopen(gold_files[i], "rb");
        if (!f || !shared) {
            fprintf(err, "eval: %s: cannot read\n", gold_files[i]);
            R.problems = 1;
            if (f) fclose(f);
            free(shared);
            continue;
        }
        json_t *line;
        size_t lineno = 0;
        char *text = NULL;
        size_t cap = 0;
        while (getline(&text, &cap, f) > 0) {
            lineno++;
            if (text[strspn(text, " \t\r\n")] == '\0') continue;
            line = json_loads(text, 0, &jerr);
            if (!line) {
                fprintf(err, "eval: %s:%zu: malformed JSON: %s\n", gold_files[i], lineno, jerr.text);
                R.problems = 1;
                continue;
            }
            score_doc(&R, line, shared);
            json_decref(line);
        }
        free(text);
        fclose(f);
        free(shared);
    }
    print_report(&R);
    if (scores) *scores = R.sc;
    dyad_coder_free(R.coder);
    dyad_engine_close(engine);
    buf_free(&R.misses);
    buf_free(&R.alarms);
    if (R.sc.docs == 0) return 2;
    return R.problems ? 1 : 0;
}
