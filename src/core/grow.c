#include "core/grow.h"

#include <stdint.h>
#include <stdlib.h>

bool yk_grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return false;
        ncap *= 2;
    }
    void *n = realloc(*buf, ncap * elem);
    if (!n)
        return false;
    *buf = n;
    *cap = ncap;
    return true;
}
