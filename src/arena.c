/* arena.c — bump allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

enum { ARENA_FIRST = 16 * 1024, ARENA_MAX_STEP = 4 * 1024 * 1024 };

void arena_init(arena *a)
{
    a->head = NULL;
    a->next_size = ARENA_FIRST;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena_init(a);
}

void arena_reset(arena *a)
{
    if (!a->head) return;
    /* Keep the oldest (last) block: it is the one every document uses. */
    arena_block *b = a->head, *keep = NULL;
    while (b) {
        arena_block *next = b->next;
        if (!next)
            keep = b;
        else
            free(b);
        b = next;
    }
    keep->used = 0;
    keep->next = NULL;
    a->head = keep;
}

void *arena_alloc(arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0) size = 16;
    arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = a->next_size;
        if (want < size) want = size;
        if (want > SIZE_MAX - sizeof(arena_block)) return NULL;
        arena_block *nb = malloc(sizeof(arena_block) + want);
        if (!nb) return NULL;
        nb->size = want;
        nb->used = 0;
        nb->next = a->head;
        a->head = nb;
        if (a->next_size < ARENA_MAX_STEP) a->next_size *= 2;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = arena_alloc(a, n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}
