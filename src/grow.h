/* grow.h — the one way the library grows an array that it appends to.
 *
 * GROW(arr, n, cap) makes room for element n of arr (capacity cap),
 * doubling from 256; on out of memory it returns -1 from the calling
 * function, which must return int and own no other resource at that point.
 */
#ifndef DYAD_GROW_H
#define DYAD_GROW_H

#include <stdlib.h>

#define GROW(arr, n, cap)                                                              \
    do {                                                                               \
        if ((n) == (cap)) {                                                            \
            size_t c_ = (cap) ? (cap) * 2 : 256;                                       \
            void *p_ = realloc((arr), c_ * sizeof *(arr));                             \
            if (!p_) return -1;                                                        \
            (arr) = p_;                                                                \
            (cap) = c_;                                                                \
        }                                                                              \
    } while (0)

#endif
