/* strtab.h — string interning: each distinct byte string gets a small id.
 *
 * Tokens, dictionary entries and stems are compared by id, never by
 * strcmp. Ids are dense (0, 1, 2, …) so callers can index arrays by them.
 * A table is not thread-safe while it grows; a frozen table (one that is
 * only looked up) may be shared by threads, which is how the engine uses it.
 */
#ifndef DYAD_STRTAB_H
#define DYAD_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

#define STRTAB_NONE UINT32_MAX

typedef struct strtab {
    uint32_t *slots;   /* id+1 per slot, 0 = empty */
    size_t n_slots;    /* power of two */
    const char **strs; /* id -> string (NUL-terminated, in pool) */
    uint32_t *lens;
    uint32_t *hashes;
    size_t n, cap;
    arena pool;
} strtab;

void strtab_init(strtab *t);
void strtab_free(strtab *t);
/* The id of s[0..n), adding it if new; STRTAB_NONE on out of memory. */
uint32_t strtab_intern(strtab *t, const char *s, size_t n);
/* The id of s[0..n) or STRTAB_NONE if absent. Read-only. */
uint32_t strtab_find(const strtab *t, const char *s, size_t n);
static inline const char *strtab_str(const strtab *t, uint32_t id)
{
    return t->strs[id];
}
static inline size_t strtab_len(const strtab *t, uint32_t id)
{
    return t->lens[id];
}
static inline size_t strtab_count(const strtab *t)
{
    return t->n;
}
uint32_t strtab_hash(const char *s, size_t n);

#endif
