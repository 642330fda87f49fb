/* lexicon.c — dictionary files, match keys, the phrase trie (see lexicon.h).
 *
 * Key strings carry a one-letter prefix so that a stem and an exact form with
 * the same letters stay different keys: "s:росс" (the stem of Россия) and
 * "f:с" (the preposition с written as "=с").
 */
#include "lexicon.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lex_loader_init(lex_loader *L, const char *dict_dir, const segmenter *seg, strtab *keys,
                    arena *mem, char *err, size_t errlen)
{
    memset(L, 0, sizeof *L);
    L->dict_dir = dict_dir;
    L->seg = seg;
    L->keys = keys;
    L->mem = mem;
    L->err = err;
    L->errlen = errlen;
    buf_init(&L->tmp);
    if (stem_cache_init(&L->stems) != 0) {
        snprintf(err, errlen, "cannot create the Snowball stemmers");
        return -1;
    }
    return 0;
}

void lex_loader_free(lex_loader *L)
{
    stem_cache_free(&L->stems);
    seg_out_free(&L->scratch);
    buf_free(&L->tmp);
}

int lex_error(lex_loader *L, const lex_line *line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        snprintf(L->err, L->errlen, "%s/%s:%u: %s", L->dict_dir, line->file, line->line, msg);
    else
        snprintf(L->err, L->errlen, "%s", msg);
    return -1;
}

int lex_read_file(lex_loader *L, const char *rel, int required, lex_line_fn fn, void *ctx)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", L->dict_dir, rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (!required && errno == ENOENT) return 0;
        snprintf(L->err, L->errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    lex_line ln = {.file = arena_strdup(L->mem, rel)};
    char *text = NULL;
    size_t cap = 0;
    ssize_t got;
    int rc = 0;
    while ((got = getline(&text, &cap, f)) >= 0) {
        ln.line++;
        size_t n = (size_t)got;
        while (n && (text[n - 1] == '\n' || text[n - 1] == '\r')) text[--n] = '\0';
        size_t lead = 0;
        while (lead < n && (text[lead] == ' ' || text[lead] == '\t')) lead++;
        if (lead == n || text[lead] == '#') continue;
        ln.n_cols = 0;
        char *p = text;
        for (;;) {
            char *tab = strchr(p, '\t');
            if (ln.n_cols < (int)(sizeof ln.cols / sizeof ln.cols[0])) ln.cols[ln.n_cols++] = p;
            if (!tab) break;
            *tab = '\0';
            p = tab + 1;
        }
        /* Trailing spaces in a column are typing slips, not meaning. */
        for (int i = 0; i < ln.n_cols; i++) {
            size_t k = strlen(ln.cols[i]);
            while (k && ln.cols[i][k - 1] == ' ') ln.cols[i][--k] = '\0';
            while (*ln.cols[i] == ' ') ln.cols[i]++;
        }
        if (fn(L, &ln, ctx) != 0) {
            rc = -1;
            break;
        }
    }
    free(text);
    fclose(f);
    return rc;
}

uint32_t lex_word_key(lex_loader *L, const char *word, size_t n, int exact)
{
    buf_reset(&L->tmp);
    buf_add(&L->tmp, exact ? "f:" : "s:", 2);
    size_t at = L->tmp.len;
    text_fold(word, n, &L->tmp);
    if (!exact) {
        uint32_t sid = stem_cache_get(&L->stems, L->tmp.data + at, L->tmp.len - at, NULL);
        if (sid == STRTAB_NONE) return LEX_NONE;
        L->tmp.len = at;
        buf_add(&L->tmp, strtab_str(&L->stems.stems, sid), strtab_len(&L->stems.stems, sid));
    }
    if (L->tmp.failed) return LEX_NONE;
    return strtab_intern(L->keys, L->tmp.data, L->tmp.len);
}

int lex_markers_add(lex_loader *L, const lex_line *line, lex_markers *m)
{
    const char *w = line->cols[1], *sp = strchr(w, ' ');
    if (!sp || strchr(sp + 1, ' ')) return lex_error(L, line, "want two words");
    if (m->n == LEX_MAX_MARKERS)
        return lex_error(L, line, "at most %d %s markers", LEX_MAX_MARKERS, line->cols[0]);
    m->keys[m->n][0] = lex_word_key(L, w, (size_t)(sp - w), 1);
    m->keys[m->n][1] = lex_word_key(L, sp + 1, strlen(sp + 1), 1);
    if (m->keys[m->n][0] == LEX_NONE || m->keys[m->n][1] == LEX_NONE)
        return lex_error(L, line, "out of memory");
    m->n++;
    return 0;
}

int lex_markers_before(const lex_markers *m, const lex_tok *toks, uint32_t sent_first, uint32_t tok)
{
    for (uint32_t back = 1; back <= 3 && tok >= sent_first + back + 1; back++) {
        uint32_t at = tok - back;
        for (int i = 0; i < m->n; i++)
            if (toks[at].form == m->keys[i][1] && toks[at - 1].form == m->keys[i][0]) return 1;
    }
    return 0;
}

int lex_compile(lex_loader *L, const lex_line *line, const char *phrase, lex_phrase *out)
{
    memset(out, 0, sizeof *out);
    size_t len = strlen(phrase);
    if (segment_tokens(L->seg, phrase, len, &L->scratch) != 0)
        return lex_error(L, line, "out of memory");
    int exact_next = 0;
    for (size_t i = 0; i < L->scratch.n_tokens; i++) {
        const seg_token *t = &L->scratch.tokens[i];
        const char *w = phrase + t->start;
        size_t n = t->end - t->start;
        /* "=word": the '=' may come out as its own token or glued on. */
        if (n == 1 && w[0] == '=' && i + 1 < L->scratch.n_tokens &&
            L->scratch.tokens[i + 1].start == t->end) {
            exact_next = 1;
            continue;
        }
        int exact = exact_next || t->kind != SEG_WORD;
        exact_next = 0;
        if (n > 1 && w[0] == '=') {
            w++;
            n--;
            exact = 1;
        }
        if (out->n == LEX_MAX_WORDS)
            return lex_error(L, line, "phrase longer than %d words: %s", LEX_MAX_WORDS, phrase);
        uint32_t k = lex_word_key(L, w, n, exact);
        if (k == LEX_NONE) return lex_error(L, line, "out of memory");
        out->keys[out->n] = k;
        uint8_t c = LEX_CASE_ANY;
        if (t->kind == SEG_WORD) {
            if ((t->flags & SEG_F_ALL_UPPER) && t->cend - t->cstart > 1)
                c = LEX_CASE_ALL_UPPER;
            else if (t->flags & SEG_F_UPPER_INITIAL)
                c = LEX_CASE_UPPER_INITIAL;
        }
        out->cases[out->n] = c;
        out->n++;
    }
    if (out->n == 0) return lex_error(L, line, "nothing to match in '%s'", phrase);
    return 0;
}

/* ---- trie ---- */

void lex_trie_init(lex_trie *t)
{
    memset(t, 0, sizeof *t);
}

void lex_trie_free(lex_trie *t)
{
    free(t->edge_keys);
    free(t->edge_child);
    free(t->node_first);
    free(t->value_next);
    free(t->value_data);
    memset(t, 0, sizeof *t);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return x;
}

static int grow_edges(lex_trie *t)
{
    size_t n = t->n_edges_slots ? t->n_edges_slots * 2 : 4096;
    uint64_t *keys = calloc(n, sizeof *keys);
    uint32_t *child = malloc(n * sizeof *child);
    if (!keys || !child) {
        free(keys);
        free(child);
        return -1;
    }
    for (size_t i = 0; i < t->n_edges_slots; i++) {
        if (!t->edge_keys[i]) continue;
        size_t j = mix64(t->edge_keys[i]) & (n - 1);
        while (keys[j]) j = (j + 1) & (n - 1);
        keys[j] = t->edge_keys[i];
        child[j] = t->edge_child[i];
    }
    free(t->edge_keys);
    free(t->edge_child);
    t->edge_keys = keys;
    t->edge_child = child;
    t->n_edges_slots = n;
    return 0;
}

static uint32_t new_node(lex_trie *t)
{
    if (t->n_nodes == t->cap_nodes) {
        size_t cap = t->cap_nodes ? t->cap_nodes * 2 : 1024;
        uint32_t *p = realloc(t->node_first, cap * sizeof *p);
        if (!p) return LEX_NONE;
        t->node_first = p;
        t->cap_nodes = cap;
    }
    t->node_first[t->n_nodes] = LEX_NONE;
    return (uint32_t)t->n_nodes++;
}

uint32_t lex_trie_step(const lex_trie *t, uint32_t node, uint32_t key)
{
    if (!t->n_edges_slots || key == LEX_NONE) return LEX_NONE;
    uint32_t bit = key & (LEX_ROOT_BITS - 1);
    if (node == 0 && !(t->root_keys[bit >> 6] >> (bit & 63) & 1)) return LEX_NONE;
    uint64_t k = ((uint64_t)node << 32 | key) + 1;
    size_t mask = t->n_edges_slots - 1, j = mix64(k) & mask;
    while (t->edge_keys[j]) {
        if (t->edge_keys[j] == k) return t->edge_child[j];
        j = (j + 1) & mask;
    }
    return LEX_NONE;
}

int lex_trie_add(lex_trie *t, const lex_phrase *p, uint32_t value)
{
    if (t->n_nodes == 0 && new_node(t) == LEX_NONE) return -1;
    uint32_t node = 0;
    for (int i = 0; i < p->n; i++) {
        uint32_t child = lex_trie_step(t, node, p->keys[i]);
        if (child == LEX_NONE) {
            if ((t->n_edges + 1) * 2 > t->n_edges_slots && grow_edges(t) != 0) return -1;
            child = new_node(t);
            if (child == LEX_NONE) return -1;
            uint64_t k = ((uint64_t)node << 32 | p->keys[i]) + 1;
            size_t mask = t->n_edges_slots - 1, j = mix64(k) & mask;
            while (t->edge_keys[j]) j = (j + 1) & mask;
            t->edge_keys[j] = k;
            if (node == 0) {
                uint32_t bit = p->keys[i] & (LEX_ROOT_BITS - 1);
                t->root_keys[bit >> 6] |= (uint64_t)1 << (bit & 63);
            }
            t->edge_child[j] = child;
            t->n_edges++;
        }
        node = child;
    }
    if (t->n_values == t->cap_values) {
        size_t cap = t->cap_values ? t->cap_values * 2 : 1024;
        uint32_t *a = realloc(t->value_next, cap * sizeof *a);
        if (!a) return -1;
        t->value_next = a;
        uint32_t *b = realloc(t->value_data, cap * sizeof *b);
        if (!b) return -1;
        t->value_data = b;
        t->cap_values = cap;
    }
    /* A path that already carries this value (two case forms with one stem)
     * gains nothing. */
    for (uint32_t w = t->node_first[node]; w != LEX_NONE; w = t->value_next[w])
        if (t->value_data[w] == value) return 0;
    /* Append, so values keep the order of the dictionary files. */
    uint32_t v = (uint32_t)t->n_values++;
    t->value_data[v] = value;
    t->value_next[v] = LEX_NONE;
    uint32_t *at = &t->node_first[node];
    while (*at != LEX_NONE) at = &t->value_next[*at];
    *at = v;
    return 0;
}

/* ---- document keys ---- */

void lex_cache_init(lex_cache *c)
{
    memset(c, 0, sizeof *c);
    buf_init(&c->tmp);
}

void lex_cache_free(lex_cache *c)
{
    free(c->pair);
    free(c->valid);
    buf_free(&c->tmp);
    memset(c, 0, sizeof *c);
}

static uint32_t find_key(const strtab *keys, buf *tmp, const char *prefix, const char *s, size_t n)
{
    buf_reset(tmp);
    buf_add(tmp, prefix, 2);
    buf_add(tmp, s, n);
    if (tmp->failed) return LEX_NONE;
    return strtab_find(keys, tmp->data, tmp->len);
}

int lex_doc_keys(const strtab *keys, const stem_cache *stems, lex_cache *cache,
                 const rec_token *toks, const uint32_t *form_ids, size_t n, lex_tok *out)
{
    if (cache->generation != stems->generation) {
        if (cache->valid) memset(cache->valid, 0, cache->cap);
        cache->generation = stems->generation;
    }
    size_t forms = strtab_count(&stems->forms);
    if (forms > cache->cap) {
        size_t cap = cache->cap ? cache->cap : 4096;
        while (cap < forms) cap *= 2;
        uint64_t *p = realloc(cache->pair, cap * sizeof *p);
        if (!p) return -1;
        cache->pair = p;
        uint8_t *v = realloc(cache->valid, cap);
        if (!v) return -1;
        memset(v + cache->cap, 0, cap - cache->cap);
        cache->valid = v;
        cache->cap = cap;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t f = form_ids[i];
        if (!cache->valid[f]) {
            const char *norm = strtab_str(&stems->forms, f);
            size_t nl = strtab_len(&stems->forms, f);
            uint32_t fk = find_key(keys, &cache->tmp, "f:", norm, nl);
            uint32_t sk = LEX_NONE;
            if (toks[i].stem) sk = find_key(keys, &cache->tmp, "s:", toks[i].stem, strlen(toks[i].stem));
            cache->pair[f] = (uint64_t)sk << 32 | fk;
            cache->valid[f] = 1;
        }
        out[i].stem = (uint32_t)(cache->pair[f] >> 32);
        out[i].form = (uint32_t)cache->pair[f];
        out[i].flags = toks[i].flags;
        out[i].kind = toks[i].kind;
    }
    return 0;
}
