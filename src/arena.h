/* arena.h — per-document bump allocator.
 *
 * Everything a record needs is carved from one arena and released at once
 * with arena_free(); there is no per-token malloc. Blocks grow geometrically;
 * arena_reset() keeps the first block so a reused arena stops allocating.
 */
#ifndef DYAD_ARENA_H
#define DYAD_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t next_size;
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
void arena_reset(arena *a);
/* 16-byte aligned, uninitialised; NULL on out of memory. */
void *arena_alloc(arena *a, size_t size);
void *arena_calloc(arena *a, size_t n, size_t size);
/* Copy of s[0..n) with a terminating NUL. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);

#endif
