/* strtab.c — open addressing with linear probing over FNV-1a hashes; the
 * table doubles at 50% load so probes stay short. */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

void strtab_init(strtab *t)
{
    memset(t, 0, sizeof *t);
    arena_init(&t->pool);
}

void strtab_free(strtab *t)
{
    free(t->slots);
    free(t->strs);
    free(t->lens);
    free(t->hashes);
    arena_free(&t->pool);
    memset(t, 0, sizeof *t);
}

uint32_t strtab_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static uint32_t probe(const strtab *t, const char *s, size_t n, uint32_t h, size_t *slot)
{
    size_t mask = t->n_slots - 1, i = h & mask;
    for (;;) {
        uint32_t v = t->slots[i];
        if (v == 0) {
            *slot = i;
            return STRTAB_NONE;
        }
        uint32_t id = v - 1;
        if (t->hashes[id] == h && t->lens[id] == n && memcmp(t->strs[id], s, n) == 0) {
            *slot = i;
            return id;
        }
        i = (i + 1) & mask;
    }
}

uint32_t strtab_find(const strtab *t, const char *s, size_t n)
{
    if (t->n_slots == 0) return STRTAB_NONE;
    size_t slot;
    return probe(t, s, n, strtab_hash(s, n), &slot);
}

static int grow_slots(strtab *t)
{
    size_t n_slots = t->n_slots ? t->n_slots * 2 : 1024;
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots) return -1;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = t->hashes[id] & (n_slots - 1);
        while (slots[i]) i = (i + 1) & (n_slots - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->n_slots = n_slots;
    return 0;
}

static int grow_entries(strtab *t)
{
    size_t cap = t->cap ? t->cap * 2 : 512;
    const char **strs = realloc(t->strs, cap * sizeof *strs);
    if (!strs) return -1;
    t->strs = strs;
    uint32_t *lens = realloc(t->lens, cap * sizeof *lens);
    if (!lens) return -1;
    t->lens = lens;
    uint32_t *hashes = realloc(t->hashes, cap * sizeof *hashes);
    if (!hashes) return -1;
    t->hashes = hashes;
    t->cap = cap;
    return 0;
}

uint32_t strtab_intern(strtab *t, const char *s, size_t n)
{
    if (n > UINT32_MAX) return STRTAB_NONE;
    if ((t->n + 1) * 2 > t->n_slots && grow_slots(t) != 0) return STRTAB_NONE;
    uint32_t h = strtab_hash(s, n);
    size_t slot;
    uint32_t id = probe(t, s, n, h, &slot);
    if (id != STRTAB_NONE) return id;
    if (t->n == t->cap && grow_entries(t) != 0) return STRTAB_NONE;
    char *copy = arena_strndup(&t->pool, s, n);
    if (!copy) return STRTAB_NONE;
    id = (uint32_t)t->n++;
    t->strs[id] = copy;
    t->lens[id] = (uint32_t)n;
    t->hashes[id] = h;
    t->slots[slot] = id + 1;
    return id;
}
