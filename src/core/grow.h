#ifndef YK_GROW_H
#define YK_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Makes the array *buf (of *cap elements of elem bytes) hold at least need elements,
 * doubling its capacity (from 16) with realloc. On failure (out of memory, or a size that
 * would overflow) returns false and leaves *buf and *cap as they were: the caller still
 * owns and frees *buf. */
bool yk_grow(void **buf, size_t *cap, size_t need, size_t elem);

#endif
