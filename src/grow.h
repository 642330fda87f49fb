/* grow.h — the one way the library grows an array that it appends to.
 *
 * grow_room() makes room for element n of an array of `size`-byte elements
 * with capacity *cap, doubling from `first` (and further if n is beyond
 * that). It returns 0, or -1 on out of memory with the array and *cap as
 * they were, so every caller can clean up in its own way. GROW_ROOM() is
 * the same with the element size taken from the array itself.
 *
 * GROW(arr, n, cap) is the short form for functions that return int and own
 * no other resource at that point: it doubles from 256 and returns -1 from
 * the calling function on out of memory.
 */
#ifndef DYAD_GROW_H
#define DYAD_GROW_H

#include <stdlib.h>

static inline int grow_room(void **arr, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap) return 0;
    size_t c = *cap ? *cap * 2 : first;
    while (c <= n) c *= 2;
    void *p = realloc(*arr, c * size);
    if (!p) return -1;
    *arr = p;
    *cap = c;
    return 0;
}

#define GROW_ROOM(arr, n, cap, first)                                                  \
    grow_room((void **)&(arr), &(cap), (n), sizeof *(arr), (first))

#define GROW(arr, n, cap)                                                              \
    do {                                                                               \
        if (GROW_ROOM(arr, n, cap, 256) != 0) return -1;                               \
    } while (0)

#endif
