/* record.c — the JSON form of a record (docs/FORMAT.md is its contract). */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "text.h"

static const char *kind_name(uint8_t kind)
{
    switch (kind) {
    case SEG_WORD: return "word";
    case SEG_NUMBER: return "number";
    case SEG_PUNCT: return "punct";
    case SEG_SYMBOL: return "symbol";
    case SEG_URL: return "url";
    case SEG_EMAIL: return "email";
    case SEG_HASHTAG: return "hashtag";
    default: return "other";
    }
}

static void span(buf *b, const char *key, uint32_t from, uint32_t to)
{
    json_key(b, key);
    buf_addc(b, '[');
    json_int(b, from);
    buf_addc(b, ',');
    json_int(b, to);
    buf_addc(b, ']');
}

static void emit_sentences(dyad_record *r, buf *b, int with_text)
{
    json_key(b, "sentences");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_sentences; i++) {
        const rec_sentence *s = &r->sentences[i];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        json_key(b, "i");
        json_int(b, (int64_t)i);
        buf_addc(b, ',');
        span(b, "span", s->cstart, s->cend);
        buf_addc(b, ',');
        span(b, "bytes", s->start, s->end);
        json_field_int(b, "paragraph", s->paragraph);
        buf_addc(b, ',');
        span(b, "tokens", s->tok_first, s->tok_first + s->tok_count);
        if (s->boilerplate) buf_adds(b, ",\"boilerplate\":true");
        if (r->sentence_tone) {
            json_field_num(b, "tone", r->sentence_tone[i].tone, 3);
        }
        if (with_text) {
            json_next_key(b, "text");
            json_str(b, r->text + s->start, s->end - s->start);
        }
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

static void emit_tokens(dyad_record *r, buf *b)
{
    json_key(b, "tokens");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_tokens; i++) {
        const rec_token *t = &r->tokens[i];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        span(b, "span", t->cstart, t->cend);
        json_field_cstr(b, "kind", kind_name(t->kind));
        json_next_key(b, "text");
        json_str(b, r->text + t->start, t->end - t->start);
        json_field_cstr(b, "norm", t->norm);
        if (t->stem) {
            json_field_cstr(b, "stem", t->stem);
        }
        buf_addc(b, '}');
    }
    buf_adds(b, "],");
}

static const char *const HOW_NAMES[] = {"dict",    "adj",     "compound", "metonym",
                                        "role",    "name",    "surname",  "pronoun",
                                        "title",   "focus",   "place"};
static const char *const TYPE_NAMES[] = {"LOC", "ORG", "PER"};

static void emit_mention(const dyad_record *r, buf *b, const rec_mention *m)
{
    const rec_token *f = &r->tokens[m->tok_first], *l = &r->tokens[m->tok_end - 1];
    buf_addc(b, '{');
    json_key(b, "s");
    json_int(b, m->sentence);
    buf_addc(b, ',');
    span(b, "span", f->cstart, l->cend);
    json_next_key(b, "text");
    json_str(b, r->text + f->start, l->end - f->start);
    if (m->head_first != m->tok_first || m->head_end != m->tok_end) {
        buf_addc(b, ',');
        span(b, "head", r->tokens[m->head_first].cstart, r->tokens[m->head_end - 1].cend);
    }
    json_field_cstr(b, "code", m->code[0] ? m->code : NULL);
    json_field_cstr(b, "how", HOW_NAMES[m->how]);
    if (m->entry) {
        json_field_cstr(b, "entry", m->entry);
    }
    buf_addc(b, '}');
}

static void emit_actors(const dyad_record *r, buf *b)
{
    json_key(b, "actors");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_actors; i++) {
        const rec_actor *a = &r->actors[i];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        json_key(b, "name");
        json_cstr(b, a->name);
        json_field_cstr(b, "code", a->code[0] ? a->code : NULL);
        json_field_cstr(b, "type", TYPE_NAMES[a->type]);
        json_field_cstr(b, "entry", a->entry);
        if (a->place) buf_adds(b, ",\"place\":true");
        json_next_key(b, "mentions");
        buf_addc(b, '[');
        int first = 1;
        for (size_t k = 0; k < r->n_mentions; k++) {
            if (r->mentions[k].actor != i) continue;
            if (!first) buf_addc(b, ',');
            first = 0;
            emit_mention(r, b, &r->mentions[k]);
        }
        buf_adds(b, "]}");
    }
    buf_addc(b, ']');
}

static const char *const MODALITY_NAMES[] = {NULL, "intent", "speculative", "hypothetical"};

static void emit_side(const dyad_record *r, buf *b, const char *key, const rec_side *side)
{
    json_key(b, key);
    buf_addc(b, '{');
    json_key(b, "code");
    json_cstr(b, side->code);
    json_field_cstr(b, "actor", side->actor >= 0 ? r->actors[side->actor].name : NULL);
    json_field_bool(b, "implicit", side->implicit);
    if (side->mention >= 0) {
        const rec_mention *m = &r->mentions[side->mention];
        const rec_token *f = &r->tokens[m->tok_first], *l = &r->tokens[m->tok_end - 1];
        buf_addc(b, ',');
        span(b, "span", f->cstart, l->cend);
        json_next_key(b, "text");
        json_str(b, r->text + f->start, l->end - f->start);
    }
    buf_addc(b, '}');
}

static void emit_events(const dyad_record *r, buf *b)
{
    json_key(b, "events");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_events; i++) {
        const rec_event *e = &r->events[i];
        const rec_token *f = &r->tokens[e->tok_first], *l = &r->tokens[e->tok_end - 1];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        json_key(b, "code");
        json_cstr(b, e->code);
        json_field_cstr(b, "root", e->root);
        json_field_int(b, "quad", e->quad);
        json_field_num(b, "goldstein", e->goldstein, 1);
        buf_addc(b, ',');
        emit_side(r, b, "source", &e->source);
        buf_addc(b, ',');
        emit_side(r, b, "target", &e->target);
        json_field_int(b, "s", e->sentence);
        json_next_key(b, "evidence");
        buf_addc(b, '{');
        span(b, "span", f->cstart, l->cend);
        json_next_key(b, "text");
        json_str(b, r->text + f->start, l->end - f->start);
        buf_adds(b, "},");
        json_key(b, "date");
        if (e->date >= 0) {
            json_cstr(b, r->dates[e->date].value);
            json_field_cstr(b, "date_from", "text");
        } else {
            json_cstr(b, r->date);
            json_field_cstr(b, "date_from", r->date ? "document" : NULL);
        }
        json_field_cstr(b, "modality", MODALITY_NAMES[e->modality]);
        json_field_bool(b, "negated", e->negated);
        json_field_cstr(b, "pattern", e->pattern);
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

static const char *const QUOTE_KINDS[] = {"direct", "fragment", "indirect"};

static void emit_tokens_text(const dyad_record *r, buf *b, const char *key, uint32_t first,
                             uint32_t end)
{
    json_key(b, key);
    json_str(b, r->text + r->tokens[first].start, r->tokens[end - 1].end - r->tokens[first].start);
}

static void emit_quotes(const dyad_record *r, buf *b)
{
    json_key(b, "quotes");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_quotes; i++) {
        const rec_quote *q = &r->quotes[i];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        emit_tokens_text(r, b, "text", q->tok_first, q->tok_end);
        buf_addc(b, ',');
        span(b, "span", r->tokens[q->tok_first].cstart, r->tokens[q->tok_end - 1].cend);
        json_field_cstr(b, "kind", QUOTE_KINDS[q->kind]);
        buf_addc(b, ',');
        span(b, "s", q->sentence_first, q->sentence_last);
        json_next_key(b, "speaker");
        if (q->speaker_actor >= 0) {
            const rec_actor *a = &r->actors[q->speaker_actor];
            buf_addc(b, '{');
            json_key(b, "actor");
            json_cstr(b, a->name);
            json_next_key(b, "code");
            json_cstr(b, q->speaker_mention >= 0 && r->mentions[q->speaker_mention].code[0]
                             ? r->mentions[q->speaker_mention].code
                             : a->code[0] ? a->code : NULL);
            if (q->speaker_mention >= 0) {
                const rec_mention *m = &r->mentions[q->speaker_mention];
                buf_addc(b, ',');
                emit_tokens_text(r, b, "text", m->tok_first, m->tok_end);
            }
            buf_addc(b, '}');
        } else {
            buf_adds(b, "null");
        }
        json_next_key(b, "verb");
        if (q->verb_end > q->verb_first) {
            const rec_token *f = &r->tokens[q->verb_first], *l = &r->tokens[q->verb_end - 1];
            json_str(b, r->text + f->start, l->end - f->start);
        } else {
            buf_adds(b, "null");
        }
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

static const char *const DATE_KINDS[] = {"absolute", "relative", "unresolved"};

static void emit_dates(const dyad_record *r, buf *b)
{
    json_key(b, "dates");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_dates; i++) {
        const rec_date *d = &r->dates[i];
        const rec_token *f = &r->tokens[d->tok_first], *l = &r->tokens[d->tok_end - 1];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        json_key(b, "text");
        json_str(b, r->text + f->start, l->end - f->start);
        buf_addc(b, ',');
        span(b, "span", f->cstart, l->cend);
        json_field_int(b, "s", d->sentence);
        json_field_cstr(b, "value", d->value[0] ? d->value : NULL);
        json_field_cstr(b, "kind", DATE_KINDS[d->kind]);
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

static void emit_tone(buf *b, const rec_tone *t)
{
    buf_addc(b, '{');
    json_key(b, "tone");
    json_num(b, t->tone, 3);
    json_field_num(b, "positive", t->positive, 3);
    json_field_num(b, "negative", t->negative, 3);
    json_field_num(b, "polarity", t->polarity, 3);
    json_field_int(b, "words", t->words);
    buf_addc(b, '}');
}

static void emit_attitudes(const dyad_record *r, buf *b)
{
    json_key(b, "attitudes");
    buf_addc(b, '[');
    for (size_t i = 0; i < r->n_attitudes; i++) {
        const rec_attitude *a = &r->attitudes[i];
        const rec_actor *s = &r->actors[a->source], *t = &r->actors[a->target];
        if (i) buf_addc(b, ',');
        buf_addc(b, '{');
        json_key(b, "source");
        json_cstr(b, s->name);
        json_field_cstr(b, "source_code", s->code[0] ? s->code : NULL);
        json_field_cstr(b, "target", t->name);
        json_field_cstr(b, "target_code", t->code[0] ? t->code : NULL);
        json_field_cstr(b, "polarity", a->score > 0 ? "pos" : "neg");
        json_field_num(b, "strength", a->score, 3);
        json_next_key(b, "evidence");
        buf_printf(b, "{\"events\":%u,\"quotes\":%u,\"sentences\":%u}", a->events, a->quotes,
                   a->sentences);
        buf_addc(b, '}');
    }
    buf_addc(b, ']');
}

int record_emit(dyad_record *r, int with_sentence_text, int with_tokens)
{
    buf *b = &r->json;
    buf_reset(b);
    buf_addc(b, '{');
    json_key(b, "format");
    json_int(b, DYAD_RECORD_FORMAT);
    json_field_cstr(b, "id", r->id);
    json_field_cstr(b, "date", r->date);
    json_field_cstr(b, "lang", lang_code(r->lang));
    json_field_bool(b, "lang_detected", r->lang_detected);
    json_field_cstr(b, "url", r->url);
    json_field_cstr(b, "title", r->title);
    json_next_key(b, "size");
    buf_addc(b, '{');
    json_key(b, "bytes");
    json_int(b, (int64_t)r->text_len);
    json_field_int(b, "chars", (int64_t)r->text_chars);
    json_field_int(b, "paragraphs", (int64_t)r->n_paragraphs);
    json_field_int(b, "sentences", (int64_t)r->n_sentences);
    json_field_int(b, "tokens", (int64_t)r->n_tokens);
    buf_adds(b, "},");
    json_key(b, "text");
    json_str(b, r->text, r->text_len);
    buf_addc(b, ',');
    emit_sentences(r, b, with_sentence_text);
    buf_addc(b, ',');
    if (with_tokens) emit_tokens(r, b);
    /* Filled by the stages that annotate documents (actors, events, quotes,
     * dates, tone); empty until those stages run. */
    emit_actors(r, b);
    buf_addc(b, ',');
    emit_events(r, b);
    buf_addc(b, ',');
    emit_quotes(r, b);
    buf_addc(b, ',');
    emit_dates(r, b);
    buf_addc(b, ',');
    emit_attitudes(r, b);
    json_next_key(b, "tone");
    emit_tone(b, &r->tone);
    buf_addc(b, '}');
    buf_cstr(b); /* NUL-terminated too, for C callers */
    return b->failed ? -1 : 0;
}

int record_fill_tokens(dyad_record *r, const seg_out *so, stem_cache *stems, buf *fold,
                       uint32_t *form_ids, uint32_t *stem_ids)
{
    r->n_tokens = so->n_tokens;
    r->n_sentences = so->n_sentences;
    r->tokens = arena_calloc(&r->mem, so->n_tokens ? so->n_tokens : 1, sizeof *r->tokens);
    r->sentences =
        arena_calloc(&r->mem, so->n_sentences ? so->n_sentences : 1, sizeof *r->sentences);
    if (!r->tokens || !r->sentences) return -1;
    for (size_t i = 0; i < so->n_tokens; i++) {
        const seg_token *st = &so->tokens[i];
        rec_token *t = &r->tokens[i];
        t->start = st->start;
        t->end = st->end;
        t->cstart = st->cstart;
        t->cend = st->cend;
        t->kind = st->kind;
        t->flags = st->flags;
        buf_reset(fold);
        text_fold(r->text + st->start, st->end - st->start, fold);
        if (fold->failed) return -1;
        t->norm = arena_strndup(&r->mem, fold->data ? fold->data : "", fold->len);
        if (!t->norm) return -1;
        uint32_t sid = stem_cache_get(stems, t->norm, fold->len, &form_ids[i]);
        if (sid == STRTAB_NONE) return -1;
        if (stem_ids) stem_ids[i] = sid;
        if (st->kind == SEG_WORD) {
            t->stem = arena_strndup(&r->mem, strtab_str(&stems->stems, sid),
                                    strtab_len(&stems->stems, sid));
            if (!t->stem) return -1;
        }
    }
    uint32_t last_par = 0;
    for (size_t i = 0; i < so->n_sentences; i++) {
        const seg_sentence *ss = &so->sentences[i];
        r->sentences[i] = (rec_sentence){ss->start,     ss->end,       ss->cstart,
                                         ss->cend,      ss->tok_first, ss->tok_count,
                                         ss->paragraph, ss->boilerplate};
        last_par = ss->paragraph;
    }
    r->n_paragraphs = so->n_sentences ? last_par + 1 : 0;
    return 0;
}

int record_mention_inner(const dyad_record *r, size_t k)
{
    const rec_mention *m = &r->mentions[k];
    for (size_t q = k; q-- > 0;) {
        const rec_mention *p = &r->mentions[q];
        if (p->sentence != m->sentence) break;
        if (p->tok_first <= m->tok_first && m->tok_end <= p->tok_end &&
            !(p->tok_first == m->tok_first && p->tok_end == m->tok_end))
            return 1;
    }
    return 0;
}
