/* quotes.c — quotations with speakers (see quotes.h).
 *
 * Quote marks are paired over the whole document, so a quotation may run
 * over several sentences; marks inside an open quotation nest and belong to
 * it. The speaker is found from the speech verb and the actor mentions the
 * actor stage left in the record.
 */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "grow.h"

enum { SP_VERB = 1, SP_SOURCE = 2, SP_THAT = 3 };
enum { MAX_DEPTH = 16, LOOK = 10 };

struct quotes_dict {
    lex_trie speech; /* speech verbs and source phrases → SP_* */
    uint32_t key_colon, key_comma, key_dash;
    uint32_t key_that[4]; /* English complementizers (said that …) */
    int n_that;
    lex_markers citation; /* «ссылаясь на»: a cited source (ru/syntax.txt) */
};

/* The citation markers of ru/syntax.txt: what follows one is where the news
 * came from, never who speaks. Other kinds there are the events'. */
static int load_citation_line(lex_loader *L, lex_line *ln, void *ctx)
{
    quotes_dict *d = ctx;
    if (ln->n_cols < 2 || strcmp(ln->cols[0], "citation") != 0) return 0;
    return lex_markers_add(L, ln, &d->citation);
}

static int load_speech_line(lex_loader *L, lex_line *ln, void *ctx)
{
    quotes_dict *d = ctx;
    if (ln->n_cols < 2) return lex_error(L, ln, "want KIND<TAB>PHRASE");
    uint32_t kind = strcmp(ln->cols[0], "verb") == 0     ? SP_VERB
                    : strcmp(ln->cols[0], "source") == 0 ? SP_SOURCE
                    : strcmp(ln->cols[0], "that") == 0   ? SP_THAT
                                                         : 0;
    if (!kind) return lex_error(L, ln, "unknown kind '%s'", ln->cols[0]);
    if (kind == SP_THAT) {
        if (d->n_that == 4) return lex_error(L, ln, "at most four complementizers");
        d->key_that[d->n_that++] = lex_word_key(L, ln->cols[1], strlen(ln->cols[1]), 1);
        return 0;
    }
    lex_phrase p;
    if (lex_compile(L, ln, ln->cols[1], &p) != 0) return -1;
    memset(p.cases, 0, sizeof p.cases);
    return lex_trie_add(&d->speech, &p, kind);
}

quotes_dict *quotes_load(lex_loader *L)
{
    quotes_dict *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    lex_trie_init(&d->speech);
    d->key_colon = lex_word_key(L, ":", 1, 1);
    d->key_comma = lex_word_key(L, ",", 1, 1);
    d->key_dash = lex_word_key(L, "-", 1, 1);
    if (lex_read_file(L, "ru/speech.txt", 0, load_speech_line, d) != 0 ||
        lex_read_file(L, "en/speech.txt", 0, load_speech_line, d) != 0 ||
        lex_read_file(L, "ru/syntax.txt", 0, load_citation_line, d) != 0) {
        quotes_free(d);
        return NULL;
    }
    return d;
}

void quotes_free(quotes_dict *d)
{
    if (!d) return;
    lex_trie_free(&d->speech);
    free(d);
}

/* A speech phrase starting at token i: its kind and end, or 0. */
static int speech_at(const quotes_dict *d, const lex_tok *toks, uint32_t i, uint32_t end,
                     uint32_t *stop)
{
    uint32_t node = 0;
    int kind = 0;
    for (uint32_t j = i; j < end; j++) {
        uint32_t next = lex_trie_step(&d->speech, node, toks[j].stem);
        if (next == LEX_NONE) next = lex_trie_step(&d->speech, node, toks[j].form);
        if (next == LEX_NONE) break;
        node = next;
        uint32_t v = lex_trie_first(&d->speech, node);
        if (v != LEX_NONE) {
            kind = (int)lex_trie_value(&d->speech, v);
            *stop = j + 1;
        }
    }
    return kind;
}

/* Opening and closing quote marks, from the original characters. */
enum { MARK_NONE = 0, MARK_OPEN, MARK_CLOSE, MARK_EITHER };

static int mark_of(const dyad_record *r, uint32_t i, uint32_t *cp)
{
    const rec_token *t = &r->tokens[i];
    if (t->kind != SEG_PUNCT) return MARK_NONE;
    size_t k = t->start;
    uint32_t c = utf8_next(r->text, &k);
    if (k != t->end) return MARK_NONE; /* one character only */
    *cp = c;
    switch (c) {
    case 0x00AB: case 0x201E: return MARK_OPEN;   /* « „ */
    case 0x00BB: case 0x201D: return MARK_CLOSE;  /* » ” */
    case 0x201C: case '"': return MARK_EITHER;    /* “ closes „, opens ” */
    default: return MARK_NONE;
    }
}

typedef struct pair {
    uint32_t open, close;
} pair;

/* The mention of sentence s nearest before token `before` that can speak:
 * a person, an organisation, a country's government or place of power. */
static int32_t subject_before(const quotes_dict *d, const lex_tok *toks, const dyad_record *r,
                              uint32_t s, uint32_t from, uint32_t before)
{
    int32_t best = -1, any = -1;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != s || m->tok_first < from || m->tok_end > before) continue;
        if (m->how == HOW_ADJ || m->how == HOW_COMPOUND || record_mention_inner(r, k) ||
            lex_markers_before(&d->citation, toks, r->sentences[s].tok_first, m->tok_first))
            continue;
        if (m->nominative) best = (int32_t)k;
        any = (int32_t)k;
    }
    return best >= 0 ? best : any;
}

/* The first mention of sentence s from token `from` on (up to `until`),
 * a person before anything else: «…», — сказал в беседе с корреспондентом
 * «Голоса Америки» лидер движения Александр Белов. */
static int32_t mention_after(const dyad_record *r, uint32_t s, uint32_t from, uint32_t until)
{
    int32_t first = -1;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != s || m->tok_first < from || m->tok_first >= until) continue;
        if (m->how == HOW_ADJ || m->how == HOW_COMPOUND) continue;
        if (r->actors[m->actor].type == ACTOR_PER) return (int32_t)k;
        if (first < 0) first = (int32_t)k;
    }
    return first;
}

static uint32_t sentence_of_tok(const dyad_record *r, uint32_t t)
{
    size_t lo = 0, hi = r->n_sentences;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->sentences[mid].tok_first <= t)
            lo = mid;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

typedef struct qbuf {
    rec_quote *q;
    size_t n, cap;
} qbuf;

static int push_quote(qbuf *b, const rec_quote *q)
{
    if (GROW_ROOM(b->q, b->n, b->cap, 16) != 0) return -1;
    b->q[b->n++] = *q;
    return 0;
}

static void set_speaker(const dyad_record *r, rec_quote *q, int32_t mention)
{
    q->speaker_mention = mention;
    q->speaker_actor = mention >= 0 ? (int32_t)r->mentions[mention].actor : -1;
}

/* Does token i close a clause that goes on: a comma, "?" or "!"? */
static int ends_clause(const quotes_dict *d, const dyad_record *r, const lex_tok *toks, uint32_t i)
{
    if (toks[i].form == d->key_comma) return 1;
    const rec_token *t = &r->tokens[i];
    return t->kind == SEG_PUNCT && t->end == t->start + 1 &&
           (r->text[t->start] == '?' || r->text[t->start] == '!');
}

static int is_that(const quotes_dict *d, uint32_t key)
{
    for (int i = 0; i < d->n_that; i++)
        if (d->key_that[i] == key && key != LEX_NONE) return 1;
    return 0;
}

/* Speaker of a direct quotation closing at token c: «…», — напоминает
 * профессор / «…», — сказал он. Returns the mention or -1. */
static int32_t speaker_after(const quotes_dict *d, const dyad_record *r, const lex_tok *toks,
                             uint32_t c, rec_quote *q)
{
    uint32_t s = sentence_of_tok(r, c);
    uint32_t end = r->sentences[s].tok_first + r->sentences[s].tok_count;
    uint32_t i = c + 1;
    while (i < end && (toks[i].form == d->key_comma || toks[i].form == d->key_dash)) i++;
    /* The speaker follows a comma or a dash: after the closing mark in
     * Russian («…», — сказал он), inside it in English ("…," he said). */
    if (i == c + 1 && !(c > 0 && ends_clause(d, r, toks, c - 1))) return -1;
    uint32_t limit = i + LOOK < end ? i + LOOK : end;
    for (uint32_t j = i; j < limit; j++) {
        uint32_t stop;
        if (speech_at(d, toks, j, limit, &stop) == SP_VERB) {
            q->verb_first = j;
            q->verb_end = stop;
            int32_t m = mention_after(r, s, stop, end);
            if (m < 0) m = mention_after(r, s, i, j);
            return m;
        }
    }
    return -1;
}

/* Speaker of a quotation opening at token o after a colon: X заявил: «…». */
static int32_t speaker_before_colon(const quotes_dict *d, const dyad_record *r,
                                    const lex_tok *toks, uint32_t o, rec_quote *q)
{
    if (o == 0 || toks[o - 1].form != d->key_colon) return -1;
    uint32_t s = sentence_of_tok(r, o);
    uint32_t first = r->sentences[s].tok_first;
    for (uint32_t j = o - 1; j-- > first;) {
        uint32_t stop;
        if (speech_at(d, toks, j, o - 1, &stop) == SP_VERB) {
            q->verb_first = j;
            q->verb_end = stop;
            int32_t m = subject_before(d, toks, r, s, first, j);
            if (m < 0) m = mention_after(r, s, stop, o - 1);
            return m;
        }
    }
    /* «Сам Александр Белов оказался более дипломатичным: «…»»: without a
     * speech verb the subject of the clause before the colon speaks. */
    int32_t m = subject_before(d, toks, r, s, first, o - 1);
    if (m >= 0 && r->actors[r->mentions[m].actor].type == ACTOR_PER) return m;
    return -1;
}

/* «Мне кажется, — продолжил Брод, — что …»: the attribution set off by
 * dashes inside the quotation. */
static int32_t speaker_inside(const quotes_dict *d, const dyad_record *r, const lex_tok *toks,
                              uint32_t o, uint32_t c, rec_quote *q)
{
    for (uint32_t j = o + 1; j + 2 < c; j++) {
        if (toks[j].form != d->key_dash) continue;
        uint32_t stop;
        if (speech_at(d, toks, j + 1, c, &stop) != SP_VERB) continue;
        int32_t m = mention_after(r, sentence_of_tok(r, stop), stop, stop + 4 < c ? stop + 4 : c);
        if (m < 0) continue;
        q->verb_first = j + 1;
        q->verb_end = stop;
        return m;
    }
    return -1;
}

/* «Обама: Путин не убежден …»: a headline opening with an actor and a
 * colon is what that actor said. Returns the actor's mention and sets
 * *colon to the colon's token, or -1. */
static int32_t headline_speaker(const quotes_dict *d, const dyad_record *r, const lex_tok *toks,
                                uint32_t s, uint32_t *colon)
{
    uint32_t first = r->sentences[s].tok_first, end = first + r->sentences[s].tok_count;
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence != s || m->tok_first != first) continue;
        if (m->how == HOW_ADJ || m->how == HOW_COMPOUND || m->how == HOW_PLACE) return -1;
        if (m->tok_end + 2 < end && toks[m->tok_end].form == d->key_colon) {
            *colon = m->tok_end;
            return (int32_t)k;
        }
    }
    return -1;
}

/* Speaker of a quoted fragment inside a sentence: the subject of the speech
 * verb before it in the sentence, or the source of a «по словам X» there. */
static int32_t speaker_of_fragment(const quotes_dict *d, const dyad_record *r,
                                   const lex_tok *toks, uint32_t o, rec_quote *q)
{
    uint32_t s = sentence_of_tok(r, o);
    uint32_t first = r->sentences[s].tok_first;
    uint32_t end = first + r->sentences[s].tok_count;
    for (uint32_t j = o; j-- > first;) {
        uint32_t stop;
        int kind = speech_at(d, toks, j, o, &stop);
        if (kind == SP_VERB) {
            q->verb_first = j;
            q->verb_end = stop;
            int32_t m = subject_before(d, toks, r, s, first, j);
            if (m < 0) m = mention_after(r, s, stop, o);
            return m;
        }
        if (kind == SP_SOURCE) {
            q->verb_first = j;
            q->verb_end = stop;
            return mention_after(r, s, stop, end);
        }
    }
    uint32_t colon;
    int32_t h = headline_speaker(d, r, toks, s, &colon);
    return h >= 0 && colon < o ? h : -1;
}

/* «…Господин Путин … ошибается», — сказал он: the pronoun after a quotation
 * points to its speaker, not to someone the quotation names. When the
 * pronoun's person is named inside the quotation, the speaker is the voice
 * of the quotation just before, else the last person named outside any
 * quotation before it. Returns the speaker mention. */
static int32_t pronoun_speaker(const dyad_record *r, const qbuf *out, const rec_quote *q,
                               int32_t speaker)
{
    if (speaker < 0 || r->mentions[speaker].how != HOW_PRONOUN) return speaker;
    uint32_t who = r->mentions[speaker].actor;
    int named_inside = 0;
    for (size_t k = 0; k < r->n_mentions && !named_inside; k++)
        named_inside = r->mentions[k].actor == who && r->mentions[k].how != HOW_PRONOUN &&
                       r->mentions[k].tok_first >= q->tok_first && r->mentions[k].tok_end <= q->tok_end;
    if (!named_inside) return speaker;
    if (out->n > 0) {
        const rec_quote *prev = &out->q[out->n - 1];
        if (prev->kind == QUOTE_DIRECT && prev->speaker_mention >= 0 && prev->speaker_actor != (int32_t)who &&
            q->sentence_first <= prev->sentence_last + 3)
            return prev->speaker_mention;
    }
    for (size_t k = r->n_mentions; k-- > 0;) {
        const rec_mention *m = &r->mentions[k];
        if (m->tok_end > q->tok_first - 1 || m->actor == who ||
            r->actors[m->actor].type != ACTOR_PER || m->how == HOW_PRONOUN)
            continue;
        int in_quote = 0;
        for (size_t i = 0; i < out->n && !in_quote; i++)
            in_quote = m->tok_first >= out->q[i].tok_first && m->tok_end <= out->q[i].tok_end;
        if (!in_quote) return (int32_t)k;
    }
    return speaker;
}

static int find_direct(const quotes_dict *d, const dyad_record *r, const lex_tok *toks, qbuf *out,
                       uint8_t *quoted)
{
    pair stack[MAX_DEPTH];
    uint32_t marks[MAX_DEPTH];
    int depth = 0;
    for (uint32_t i = 0; i < r->n_tokens; i++) {
        uint32_t cp;
        int m = mark_of(r, i, &cp);
        if (m == MARK_NONE) continue;
        /* “ closes „, a " closes a ", anything else that can open opens. */
        int closes = depth > 0 && (m == MARK_CLOSE ||
                                   (m == MARK_EITHER && (marks[depth - 1] == cp ||
                                                         (cp == 0x201C && marks[depth - 1] == 0x201E))));
        if (!closes && m == MARK_CLOSE) continue; /* a stray closing mark */
        if (!closes) {
            if (depth < MAX_DEPTH) {
                stack[depth].open = i;
                marks[depth] = cp;
                depth++;
            }
            continue;
        }
        pair p = stack[--depth];
        p.close = i;
        if (depth > 0 || p.close <= p.open + 1) continue; /* nested: part of the outer */
        rec_quote q;
        memset(&q, 0, sizeof q);
        q.tok_first = p.open + 1;
        q.tok_end = p.close;
        q.sentence_first = sentence_of_tok(r, p.open);
        q.sentence_last = sentence_of_tok(r, p.close);
        uint32_t s = q.sentence_first;
        int at_start = p.open == r->sentences[s].tok_first ||
                       (p.open > 0 && toks[p.open - 1].form == d->key_colon) ||
                       (p.open > 0 && toks[p.open - 1].form == d->key_dash &&
                        p.open - 1 == r->sentences[s].tok_first);
        int32_t speaker = -1;
        if (at_start || q.sentence_last > q.sentence_first) {
            q.kind = QUOTE_DIRECT;
            speaker = speaker_after(d, r, toks, p.close, &q);
            if (speaker < 0) speaker = speaker_before_colon(d, r, toks, p.open, &q);
            if (speaker < 0) speaker = speaker_inside(d, r, toks, p.open, p.close, &q);
            /* A quotation that follows another with nothing said of its
             * speaker goes on in the same voice. */
            if (speaker < 0 && out->n > 0 && out->q[out->n - 1].kind == QUOTE_DIRECT &&
                out->q[out->n - 1].speaker_mention >= 0 &&
                q.sentence_first <= out->q[out->n - 1].sentence_last + 2 &&
                r->sentences[q.sentence_first].paragraph <=
                    r->sentences[out->q[out->n - 1].sentence_last].paragraph + 1)
                speaker = out->q[out->n - 1].speaker_mention;
            speaker = pronoun_speaker(r, out, &q, speaker);
        } else {
            q.kind = QUOTE_FRAGMENT;
            speaker = speaker_of_fragment(d, r, toks, p.open, &q);
            if (speaker < 0) continue; /* a name or scare quotes, not a quotation */
        }
        set_speaker(r, &q, speaker);
        if (push_quote(out, &q) != 0) return -1;
        for (uint32_t k = q.sentence_first; k <= q.sentence_last; k++) quoted[k] = 1;
    }
    return 0;
}

/* The complementizer that opens the reported clause within a few words of
 * the verb ending at `stop` (said on Monday that …), or 0. */
static uint32_t that_after(const quotes_dict *d, const lex_tok *toks, uint32_t stop, uint32_t end)
{
    for (uint32_t i = stop; i < end && i < stop + 6; i++) {
        if (is_that(d, toks[i].form)) return i + 1 < end ? i : 0;
        if (toks[i].form == d->key_comma) return 0;
    }
    return 0;
}

/* The comma right before token at, past one lower-case English word (an
 * article: "…, the Kremlin said"); or 0. */
static uint32_t comma_before(const quotes_dict *d, const dyad_record *r, const lex_tok *toks,
                             uint32_t first, uint32_t at)
{
    if (at > first && toks[at - 1].form == d->key_comma) return at - 1;
    const rec_token *w = at > first + 1 ? &r->tokens[at - 1] : NULL;
    if (w && w->kind == SEG_WORD && (w->flags & SEG_F_LATIN) && !(w->flags & SEG_F_UPPER_INITIAL) &&
        toks[at - 2].form == d->key_comma)
        return at - 2;
    return 0;
}

/* Are tokens [from, to) at most two words (по словам главы МИД, not «по
 * мнению обоих, с Россией»)? */
static int adjacent(const quotes_dict *d, const lex_tok *toks, uint32_t from, uint32_t to)
{
    for (uint32_t t = from; t < to; t++)
        if (toks[t].kind != SEG_WORD || toks[t].form == d->key_comma) return 0;
    return to - from <= 2;
}

/* The mention of sentence s that ends right before token j (he said), or -1. */
static int32_t mention_ending(const dyad_record *r, uint32_t s, uint32_t j)
{
    for (size_t k = 0; k < r->n_mentions; k++) {
        const rec_mention *m = &r->mentions[k];
        if (m->sentence == s && m->tok_end == j && m->how != HOW_ADJ && m->how != HOW_COMPOUND)
            return (int32_t)k;
    }
    return -1;
}

/* Dialogue: a paragraph that opens with a dash is direct speech (— Мы
 * готовы к диалогу, — сказал Лавров. — Но условия есть.). The speech runs
 * to a comma, «!» or «?» followed by a dash and a speech verb (the
 * attribution, whose speaker follows the verb or precedes it), over the
 * paragraph's sentences; words after the attribution that open with a dash
 * again are the same voice. A dialogue line with no attribution is the
 * voice of the line before, if that one had a speaker. */
static int find_dialogue(const quotes_dict *d, dyad_record *r, const lex_tok *toks, qbuf *out,
                         uint8_t *quoted)
{
    int32_t last_speaker = -1;
    uint32_t last_par = (uint32_t)-1;
    for (uint32_t s = 0; s < r->n_sentences; s++) {
        const rec_sentence *sen = &r->sentences[s];
        int opens = sen->tok_count > 2 && toks[sen->tok_first].form == d->key_dash &&
                    (s == 0 || r->sentences[s - 1].paragraph != sen->paragraph);
        if (!opens || quoted[s]) continue;
        /* The paragraph's sentences, up to the attribution. */
        uint32_t first = sen->tok_first + 1, stop = 0, verb = 0, verb_end = 0, last_s = s;
        for (uint32_t t = s; t < r->n_sentences && r->sentences[t].paragraph == sen->paragraph && !stop;
             t++) {
            const rec_sentence *x = &r->sentences[t];
            uint32_t e = x->tok_first + x->tok_count;
            for (uint32_t j = x->tok_first + 1; j + 1 < e && !stop; j++) {
                if (toks[j].form != d->key_dash || !ends_clause(d, r, toks, j - 1)) continue;
                uint32_t ve;
                if (speech_at(d, toks, j + 1, e, &ve) != SP_VERB &&
                    !(j + 2 < e && speech_at(d, toks, j + 2, e, &ve) == SP_VERB))
                    continue;
                stop = j - 1;
                verb = speech_at(d, toks, j + 1, e, &ve) == SP_VERB ? j + 1 : j + 2;
                verb_end = ve;
                last_s = t;
            }
        }
        rec_quote q;
        memset(&q, 0, sizeof q);
        q.kind = QUOTE_DIRECT;
        q.tok_first = first;
        q.sentence_first = s;
        int32_t speaker = -1;
        if (stop) {
            const rec_sentence *x = &r->sentences[last_s];
            uint32_t e = x->tok_first + x->tok_count;
            q.tok_end = stop;
            q.sentence_last = last_s;
            q.verb_first = verb;
            q.verb_end = verb_end;
            speaker = mention_after(r, last_s, verb_end, e);
            if (speaker < 0) speaker = mention_after(r, last_s, stop + 1, verb);
        } else {
            q.tok_end = sen->tok_first + sen->tok_count;
            q.sentence_last = s;
            if (last_speaker >= 0 && last_par + 1 >= sen->paragraph) speaker = last_speaker;
        }
        while (q.tok_end > q.tok_first && r->tokens[q.tok_end - 1].kind == SEG_PUNCT) q.tok_end--;
        if (speaker < 0 || q.tok_end <= q.tok_first) continue;
        set_speaker(r, &q, speaker);
        if (push_quote(out, &q) != 0) return -1;
        for (uint32_t k = q.sentence_first; k <= q.sentence_last; k++) quoted[k] = 1;
        last_speaker = speaker;
        last_par = sen->paragraph;
    }
    return 0;
}

/* Reported speech in sentences without a direct quotation. */
static int find_indirect(const quotes_dict *d, const dyad_record *r, const lex_tok *toks,
                         qbuf *out, const uint8_t *quoted)
{
    for (uint32_t s = 0; s < r->n_sentences; s++) {
        if (quoted[s] || r->sentences[s].boilerplate) continue;
        uint32_t first = r->sentences[s].tok_first, end = first + r->sentences[s].tok_count;
        uint32_t colon;
        int32_t head = headline_speaker(d, r, toks, s, &colon);
        if (head >= 0) {
            rec_quote q;
            memset(&q, 0, sizeof q);
            q.kind = QUOTE_INDIRECT;
            q.sentence_first = q.sentence_last = s;
            q.verb_first = q.verb_end = colon;
            q.tok_first = colon + 1;
            q.tok_end = end;
            while (q.tok_end > q.tok_first && r->tokens[q.tok_end - 1].kind == SEG_PUNCT) q.tok_end--;
            set_speaker(r, &q, head);
            if (push_quote(out, &q) != 0) return -1;
            continue;
        }
        for (uint32_t j = first; j < end; j++) {
            uint32_t stop;
            int kind = speech_at(d, toks, j, end, &stop);
            if (!kind) continue;
            rec_quote q;
            memset(&q, 0, sizeof q);
            q.kind = QUOTE_INDIRECT;
            q.sentence_first = q.sentence_last = s;
            q.verb_first = j;
            q.verb_end = stop;
            int32_t speaker, m;
            uint32_t that, comma;
            if (kind == SP_SOURCE) {
                /* По словам X, …  /  …, как отмечает X: X follows the phrase,
                 * an adjective or two before it, no comma or preposition. */
                speaker = mention_after(r, s, stop, stop + 4 < end ? stop + 4 : end);
                if (speaker < 0 || !adjacent(d, toks, stop, r->mentions[speaker].tok_first)) break;
                uint32_t after = r->mentions[speaker].tok_end;
                while (after < end && toks[after].form == d->key_comma) after++;
                if (j == first || after + 2 < end) {
                    q.tok_first = after;
                    q.tok_end = end;
                } else {
                    q.tok_first = first;
                    q.tok_end = j;
                }
            } else {
                /* X заявил, что …  /  …, полагает X. */
                speaker = subject_before(d, toks, r, s, first, j);
                if (stop < end && toks[stop].form == d->key_comma && stop + 2 < end) {
                    q.tok_first = stop + 2; /* after ", что" */
                    q.tok_end = end;
                } else if (j > first && toks[j - 1].form == d->key_comma) {
                    q.tok_first = first;
                    q.tok_end = j - 1;
                    speaker = mention_after(r, s, stop, end);
                } else if ((that = that_after(d, toks, stop, end)) != 0) {
                    /* X said on Monday that … */
                    q.tok_first = that + 1;
                    q.tok_end = end;
                } else if ((r->tokens[j].flags & SEG_F_LATIN) && speaker >= 0 && stop + 2 < end &&
                           mention_after(r, s, stop, stop + 1) >= 0) {
                    /* English drops "that": Mao Ning said Japan must stop. */
                    q.tok_first = stop;
                    q.tok_end = end;
                } else if ((m = mention_ending(r, s, j)) >= 0 &&
                           (comma = comma_before(d, r, toks, first, r->mentions[m].tok_first)) > first) {
                    /* …, the minister said. */
                    q.tok_first = first;
                    q.tok_end = comma;
                    speaker = m;
                } else {
                    continue;
                }
                if (speaker < 0) continue;
            }
            /* Trailing punctuation is not part of what was said. */
            while (q.tok_end > q.tok_first && r->tokens[q.tok_end - 1].kind == SEG_PUNCT) q.tok_end--;
            if (q.tok_end <= q.tok_first) break;
            set_speaker(r, &q, speaker);
            if (push_quote(out, &q) != 0) return -1;
            break; /* one reported statement per sentence */
        }
    }
    return 0;
}

static int cmp_quotes(const void *a, const void *b)
{
    const rec_quote *x = a, *y = b;
    return x->tok_first < y->tok_first ? -1 : x->tok_first > y->tok_first;
}

int quotes_find(const quotes_dict *d, dyad_record *r, const lex_tok *toks)
{
    qbuf out = {0};
    uint8_t *quoted = calloc(r->n_sentences + 1, 1);
    int rc = -1;
    if (!quoted) return -1;
    if (find_direct(d, r, toks, &out, quoted) != 0 || find_dialogue(d, r, toks, &out, quoted) != 0 ||
        find_indirect(d, r, toks, &out, quoted) != 0)
        goto done;
    if (out.n) qsort(out.q, out.n, sizeof *out.q, cmp_quotes);
    r->quotes = arena_calloc(&r->mem, out.n + 1, sizeof *r->quotes);
    if (!r->quotes) goto done;
    if (out.n) memcpy(r->quotes, out.q, out.n * sizeof *out.q);
    r->n_quotes = out.n;
    rc = 0;
done:
    free(out.q);
    free(quoted);
    return rc;
}
