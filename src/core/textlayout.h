#ifndef YK_TEXTLAYOUT_H
#define YK_TEXTLAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/utf8.h" /* the text is UTF-8: how to walk it (yk_utf8_len, yk_utf8_decode) */

/* Line breaking for mixed Chinese and English (UAX #14 via libunibreak): lines break only
 * where Unicode allows, so no line starts with "，" or "。" and English words stay whole.
 * Widths come from a measuring function so this stays free of SDL (tests use a fake). */

/* Width in pixels of s[0..len) at font size px (bold or regular). */
typedef int (*yk_measure_fn)(void *ctx, const char *s, size_t len, int px, bool bold);

struct yk_line {
    size_t start; /* byte offset into the text */
    size_t len;   /* bytes, trailing spaces and the newline excluded */
    int width;    /* measured width in pixels */
};

/* Breaks text (UTF-8, NUL-terminated) into lines at most max_w pixels wide. Writes up to
 * max_lines lines and returns how many lines the whole text needs (which may exceed
 * max_lines). A word wider than max_w is broken between characters (never before closing
 * punctuation) so every returned line fits. */
int yk_text_wrap(const char *text, int px, bool bold, int max_w, yk_measure_fn measure, void *ctx,
                 struct yk_line *lines, int max_lines);

#endif
