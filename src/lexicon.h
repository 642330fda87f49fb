/* lexicon.h — dictionary files, match keys and the phrase trie.
 *
 * Everything the coder knows about words is in the dict/<lang>/ files. This module
 * owns the machinery every dictionary shares, and nothing of any one
 * dictionary's meaning:
 *   - reading a dictionary file as TAB-separated lines that remember their
 *     file:line (so every output can say which entry decided);
 *   - turning a written phrase into match keys: each word becomes the key of
 *     its Snowball stem (so "Россия" matches России, Россией), or of its exact
 *     folded form when written "=word"; plus the case a text word must have
 *     (a capitalised dictionary word only matches a capitalised text word);
 *   - a trie over key sequences for longest-match lookup;
 *   - the keys of a document's tokens, computed once per distinct form.
 * Keys live in one table owned by the engine, frozen after loading: a key id
 * compares equal exactly when the strings do, and coders only look it up.
 */
#ifndef DYAD_LEXICON_H
#define DYAD_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "record.h"
#include "segment.h"
#include "strtab.h"
#include "text.h"

#define LEX_NONE UINT32_MAX
#define LEX_MAX_WORDS 16

/* Case a text word must have to match a dictionary word. */
enum { LEX_CASE_ANY = 0, LEX_CASE_UPPER_INITIAL = 1, LEX_CASE_ALL_UPPER = 2 };

/* A compiled phrase: up to LEX_MAX_WORDS keys and their case demands. */
typedef struct lex_phrase {
    uint32_t keys[LEX_MAX_WORDS];
    uint8_t cases[LEX_MAX_WORDS];
    uint8_t n;
} lex_phrase;

/* One line of a dictionary file, split at TABs. */
typedef struct lex_line {
    const char *file; /* path relative to the dictionary folder: "ru/countries.txt" */
    uint32_t line;
    char *cols[8];
    int n_cols;
} lex_line;

/* The state shared while an engine loads its dictionaries. */
typedef struct lex_loader {
    const char *dict_dir;
    const segmenter *seg;
    strtab *keys;       /* the engine's key table, grown while loading */
    stem_cache stems;   /* stems of dictionary words */
    seg_out scratch;
    buf tmp;
    arena *mem;         /* the engine's arena: file names, strings */
    char *err;
    size_t errlen;
} lex_loader;

int lex_loader_init(lex_loader *L, const char *dict_dir, const segmenter *seg, strtab *keys,
                    arena *mem, char *err, size_t errlen);
void lex_loader_free(lex_loader *L);

/* Calls fn for every entry line of dict_dir/rel (comments and blank lines
 * skipped). A missing file is an error when required, else skipped (returns
 * 0). fn returns 0 to go on, -1 to stop with L->err set. */
typedef int (*lex_line_fn)(lex_loader *L, lex_line *line, void *ctx);
int lex_read_file(lex_loader *L, const char *rel, int required, lex_line_fn fn, void *ctx);

/* Sets L->err to "FILE:LINE: message" and returns -1. */
int lex_error(lex_loader *L, const lex_line *line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Compiles a phrase written in a dictionary into keys. Words prefixed with
 * '=' match their exact folded form; others match by stem. Punctuation inside
 * the phrase (Кот-д'Ивуар splits into tokens) is kept as exact keys.
 * Returns 0, or -1 with L->err set (too many words, nothing to match). */
int lex_compile(lex_loader *L, const lex_line *line, const char *phrase, lex_phrase *out);

/* The key of one word: its stem (exact = 0) or its exact folded form. */
uint32_t lex_word_key(lex_loader *L, const char *word, size_t n, int exact);

/* A trie over key sequences. Each node may carry a list of values. */
enum { LEX_ROOT_BITS = 1 << 16 };
typedef struct lex_trie {
    /* Which keys (modulo 2^16) start a phrase: most words start none, and
     * this answers them without touching the hash table. */
    uint64_t root_keys[LEX_ROOT_BITS / 64];
    uint64_t *edge_keys; /* (node << 32 | key) + 1, 0 = empty */
    uint32_t *edge_child;
    size_t n_edges_slots, n_edges;
    uint32_t *node_first; /* first value of node, LEX_NONE if none */
    size_t n_nodes, cap_nodes;
    uint32_t *value_next; /* values of a node are chained */
    uint32_t *value_data;
    size_t n_values, cap_values;
} lex_trie;

void lex_trie_init(lex_trie *t);
void lex_trie_free(lex_trie *t);
/* Adds value under the key path of p (once: a value already on that path is
 * not added again). Returns 0 or -1 on out of memory. */
int lex_trie_add(lex_trie *t, const lex_phrase *p, uint32_t value);
/* The child of node under key, or LEX_NONE. The root is node 0. */
uint32_t lex_trie_step(const lex_trie *t, uint32_t node, uint32_t key);
static inline uint32_t lex_trie_first(const lex_trie *t, uint32_t node)
{
    return t->node_first[node];
}
static inline uint32_t lex_trie_next(const lex_trie *t, uint32_t v)
{
    return t->value_next[v];
}
static inline uint32_t lex_trie_value(const lex_trie *t, uint32_t v)
{
    return t->value_data[v];
}

/* Keys of a document's tokens, for matching. */
typedef struct lex_tok {
    uint32_t stem; /* key of the stem, LEX_NONE if no dictionary has it */
    uint32_t form; /* key of the exact folded form, LEX_NONE if absent */
    uint8_t flags; /* SEG_F_* of the token */
    uint8_t kind;  /* seg_kind */
} lex_tok;

/* Two-word markers that tell a mention's part in its clause from the words
 * just before it (ru/syntax.txt: «вместе с» a companion, «ссылаясь на» a
 * cited source). */
enum { LEX_MAX_MARKERS = 4 };
typedef struct lex_markers {
    uint32_t keys[LEX_MAX_MARKERS][2]; /* exact keys of the two words */
    int n;
} lex_markers;

/* Adds the two-word marker of line column 1; errors name the line. */
int lex_markers_add(lex_loader *L, const lex_line *line, lex_markers *m);

/* Does a marker end within three tokens before token tok (вместе с
 * федерациями Ирака), inside the sentence that starts at sent_first? */
int lex_markers_before(const lex_markers *m, const lex_tok *toks, uint32_t sent_first, uint32_t tok);

/* Does token t satisfy case demand c? */
static inline int lex_case_ok(const lex_tok *t, uint8_t c)
{
    if (c == LEX_CASE_ANY) return 1;
    if (c == LEX_CASE_ALL_UPPER) return (t->flags & SEG_F_ALL_UPPER) != 0;
    return (t->flags & (SEG_F_UPPER_INITIAL | SEG_F_ALL_UPPER)) != 0;
}

/* Does token t match key k (a stem key or an exact key)? */
static inline int lex_tok_has(const lex_tok *t, uint32_t k)
{
    return k != LEX_NONE && (t->stem == k || t->form == k);
}

/* The per-coder cache from word forms (ids of a stem_cache) to keys. */
typedef struct lex_cache {
    uint64_t *pair; /* form id -> stem key << 32 | form key */
    uint8_t *valid;
    size_t cap;
    uint32_t generation; /* of the stem_cache the ids belong to */
    buf tmp;
} lex_cache;

void lex_cache_init(lex_cache *c);
void lex_cache_free(lex_cache *c);

/* Fills out[i] for the n tokens whose stem_cache form ids are form_ids[i],
 * looking keys up in the frozen table keys. */
int lex_doc_keys(const strtab *keys, const stem_cache *stems, lex_cache *cache,
                 const rec_token *toks, const uint32_t *form_ids, size_t n, lex_tok *out);

#endif
