#ifndef YK_TEST_FAKE_MEASURE_H
#define YK_TEST_FAKE_MEASURE_H

/* A font without a font: every CJK character (and fullwidth punctuation) is px wide, every
 * other character px/2. Enough to test line breaking and layout exactly. */

#include "core/textlayout.h"

static inline int fake_measure(void *ctx, const char *s, size_t len, int px, bool bold)
{
    (void)ctx;
    (void)bold;
    int w = 0;
    size_t i = 0;
    while (i < len) {
        size_t l;
        unsigned cp = yk_utf8_decode(s + i, &l);
        w += cp >= 0x2E80 ? px : px / 2;
        i += l;
    }
    return w;
}

static inline int fake_line_height(void *ctx, int px, bool bold)
{
    (void)ctx;
    (void)bold;
    return px * 3 / 2;
}

#endif
