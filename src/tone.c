/* tone.c — tone and attitudes (see tone.h). */
#include "tone.h"
#include "grow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct tone_dict {
    lex_trie words;     /* single-word stem keys → polarity + 3 */
    uint32_t negations[16];
    int n_negations;
};

static int load_tone_line(lex_loader *L, lex_line *ln, void *ctx)
{
    tone_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want WORD<TAB>POLARITY");
    char *end;
    long pol = strtol(ln->cols[1], &end, 10);
    if (*end || pol < -3 || pol > 3 || pol == 0)
        return lex_error(L, ln, "polarity must be -3..-1 or 1..3");
    lex_phrase p;
    if (lex_compile(L, ln, ln->cols[0], &p) != 0) return -1;
    if (p.n != 1) return lex_error(L, ln, "one word per line");
    memset(p.cases, 0, sizeof p.cases);
    return lex_trie_add(&d->words, &p, (uint32_t)(pol + 3));
}

/* Negation words from the languages' syntax.txt files (other kinds there
 * belong to the event coder). */
static int load_negation_line(lex_loader *L, lex_line *ln, void *ctx)
{
    tone_dict *d = ctx;
    if (ln->n_cols < 2 || strcmp(ln->cols[0], "negation") != 0) return 0;
    if (d->n_negations == 16) return lex_error(L, ln, "at most 16 negation words");
    d->negations[d->n_negations++] = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 1);
    return 0;
}

static int is_negation(const tone_dict *d, const lex_tok *t)
{
    for (int i = 0; i < d->n_negations; i++)
        if (t->form == d->negations[i] && t->form != LEX_NONE) return 1;
    return 0;
}

tone_dict *tone_load(lex_loader *L)
{
    tone_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    lex_trie_init(&d->words);
    if (lex_read_file(L, "ru/tone.txt", 0, load_tone_line, d) != 0 ||
        lex_read_file(L, "en/tone.txt", 0, load_tone_line, d) != 0 ||
        lex_read_file(L, "ru/syntax.txt", 0, load_negation_line, d) != 0 ||
        lex_read_file(L, "en/syntax.txt", 0, load_negation_line, d) != 0) {
        tone_free(d);
        return NULL;
    }
    return d;
}

void tone_free(tone_dict *d)
{
    if (!d) return;
    lex_trie_free(&d->words);
    free(d);
}

static int polarity_of(const tone_dict *d, const lex_tok *t)
{
    uint32_t node = lex_trie_step(&d->words, 0, t->stem);
    if (node == LEX_NONE) return 0;
    uint32_t v = lex_trie_first(&d->words, node);
    return v == LEX_NONE ? 0 : (int)lex_trie_value(&d->words, v) - 3;
}

static void finish(rec_tone *t, uint32_t pos, uint32_t neg)
{
    if (t->words == 0) return;
    t->positive = 100.0 * pos / t->words;
    t->negative = 100.0 * neg / t->words;
    t->tone = t->positive - t->negative;
    t->polarity = t->positive + t->negative;
}

int tone_score(const tone_dict *d, dyad_record *r, const lex_tok *toks)
{
    r->sentence_tone = arena_calloc(&r->mem, r->n_sentences + 1, sizeof *r->sentence_tone);
    if (!r->sentence_tone) return -1;
    memset(&r->tone, 0, sizeof r->tone);
    uint32_t doc_pos = 0, doc_neg = 0;
    for (size_t s = 0; s < r->n_sentences; s++) {
        const rec_sentence *sen = &r->sentences[s];
        rec_tone *st = &r->sentence_tone[s];
        uint32_t pos = 0, neg = 0;
        int negate = 0;
        for (uint32_t i = sen->tok_first; i < sen->tok_first + sen->tok_count; i++) {
            if (toks[i].kind != SEG_WORD) continue;
            st->words++;
            int p = polarity_of(d, &toks[i]);
            if (negate > 0 && p) {
                p = -p;
                negate = 0;
            }
            /* «не», "not" turn around the next polar word within two words
             * (не были успешными); nothing else does. */
            if (is_negation(d, &toks[i]))
                negate = 3;
            else if (negate > 0)
                negate--;
            if (p > 0) pos++;
            if (p < 0) neg++;
        }
        finish(st, pos, neg);
        r->tone.words += st->words;
        doc_pos += pos;
        doc_neg += neg;
    }
    finish(&r->tone, doc_pos, doc_neg);
    return 0;
}

/* ---- attitudes ---- */

typedef struct pair_acc {
    int32_t source, target;
    double score;
    uint16_t events, quotes, sentences;
} pair_acc;

typedef struct accs {
    pair_acc *p;
    size_t n, cap;
} accs;

static pair_acc *acc(accs *a, int32_t s, int32_t t)
{
    for (size_t i = 0; i < a->n; i++)
        if (a->p[i].source == s && a->p[i].target == t) return &a->p[i];
    if (GROW_ROOM(a->p, a->n, a->cap, 32) != 0) return NULL;
    pair_acc *x = &a->p[a->n++];
    memset(x, 0, sizeof *x);
    x->source = s;
    x->target = t;
    return x;
}

/* Two actors of one country (a minister and his country) have no attitude
 * to each other worth reporting. */
static int same_country(const dyad_record *r, int32_t a, int32_t b)
{
    const char *x = r->actors[a].code, *y = r->actors[b].code;
    return a == b || (x[0] && y[0] && strncmp(x, y, 3) == 0);
}

static int pronoun_or_adj(const rec_mention *m)
{
    return m->how == HOW_ADJ || m->how == HOW_COMPOUND || m->how == HOW_PRONOUN || m->how == HOW_PLACE;
}

enum { SCALE_EVENT = 10, SCALE_QUOTE = 10, SCALE_SENTENCE = 20 };
#define ATTITUDE_MIN 0.25
#define ATTITUDE_ONE_SENTENCE 0.6 /* what one sentence's tone alone must reach */

/* Is the evidence for a pair enough to report an attitude? Strong enough,
 * and more than one mildly toned sentence: one sentence that names both
 * may only be about them (риторика Токио по вопросу Тайваня). */
static int reported(const pair_acc *x)
{
    if (fabs(x->score) < ATTITUDE_MIN) return 0;
    return x->events || x->quotes || x->sentences >= 2 || fabs(x->score) >= ATTITUDE_ONE_SENTENCE;
}

int tone_attitudes(dyad_record *r)
{
    accs a = {0};
    int rc = -1;
    for (size_t i = 0; i < r->n_events; i++) {
        const rec_event *e = &r->events[i];
        if (e->source.actor < 0 || e->target.actor < 0 ||
            same_country(r, e->source.actor, e->target.actor))
            continue;
        pair_acc *x = acc(&a, e->source.actor, e->target.actor);
        if (!x) goto done;
        x->score += e->goldstein / SCALE_EVENT;
        x->events++;
    }
    for (size_t i = 0; i < r->n_quotes; i++) {
        const rec_quote *q = &r->quotes[i];
        if (q->speaker_actor < 0) continue;
        double t = 0;
        for (uint32_t s = q->sentence_first; s <= q->sentence_last; s++) t += r->sentence_tone[s].tone;
        t /= (double)(q->sentence_last - q->sentence_first + 1);
        for (size_t k = 0; k < r->n_mentions; k++) {
            const rec_mention *m = &r->mentions[k];
            if (m->tok_first < q->tok_first || m->tok_end > q->tok_end || pronoun_or_adj(m)) continue;
            if (same_country(r, q->speaker_actor, (int32_t)m->actor)) continue;
            pair_acc *x = acc(&a, q->speaker_actor, (int32_t)m->actor);
            if (!x) goto done;
            x->score += t / SCALE_QUOTE;
            x->quotes++;
        }
    }
    for (size_t s = 0; s < r->n_sentences; s++) {
        double t = r->sentence_tone[s].tone;
        if (t == 0) continue;
        int32_t subject = -1;
        for (size_t k = 0; k < r->n_mentions; k++) {
            const rec_mention *m = &r->mentions[k];
            if (m->sentence != s || pronoun_or_adj(m)) continue;
            if (subject < 0 && m->nominative) {
                subject = (int32_t)m->actor;
                continue;
            }
            if (subject < 0 || same_country(r, subject, (int32_t)m->actor)) continue;
            pair_acc *x = acc(&a, subject, (int32_t)m->actor);
            if (!x) goto done;
            x->score += t / SCALE_SENTENCE;
            x->sentences++;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < a.n; i++) n += reported(&a.p[i]);
    r->attitudes = arena_calloc(&r->mem, n + 1, sizeof *r->attitudes);
    if (!r->attitudes) goto done;
    r->n_attitudes = 0;
    for (size_t i = 0; i < a.n; i++) {
        if (!reported(&a.p[i])) continue;
        rec_attitude *t = &r->attitudes[r->n_attitudes++];
        t->source = a.p[i].source;
        t->target = a.p[i].target;
        t->score = a.p[i].score;
        t->events = a.p[i].events;
        t->quotes = a.p[i].quotes;
        t->sentences = a.p[i].sentences;
    }
    rc = 0;
done:
    free(a.p);
    return rc;
}
