#include "core/textlayout.h"

#include <linebreak.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

static void lb_init(void)
{
    init_linebreak();
}

/* Closing punctuation that must never start a line, for the character-level fallback. */
static bool no_line_start(unsigned cp)
{
    static const unsigned cl[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F,
                                  0x300D, 0x300F, 0x3011, 0xFF09, 0x201D, 0x2019, 0x2026,
                                  ',',    '.',    ';',    ':',    '!',    '?',    ')'};
    for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
        if (cl[i] == cp)
            return true;
    return false;
}

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start &&
           (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' || s[end - 1] == '\r'))
        end--;
    return end;
}

static void emit(struct yk_line *lines, int max_lines, int n, size_t start, size_t end, int w)
{
    if (n < max_lines)
        lines[n] = (struct yk_line){start, end - start, w};
}

int yk_text_wrap(const char *text, int px, bool bold, int max_w, yk_measure_fn measure, void *ctx,
                 struct yk_line *lines, int max_lines)
{
    size_t n = strlen(text);
    if (n == 0)
        return 0;
    pthread_once(&lb_once, lb_init);
    char stack_brks[512];
    size_t stack_cands[512];
    char *brks = n <= sizeof stack_brks ? stack_brks : malloc(n);
    size_t *cands = n <= 512 ? stack_cands : malloc(n * sizeof *cands);
    if (!brks || !cands) {
        if (brks != stack_brks)
            free(brks);
        if (cands != stack_cands)
            free(cands);
        return 0;
    }
    set_linebreaks_utf8((const utf8_t *)text, n, "zh", brks);

    int count = 0;
    size_t start = 0;
    while (start < n) {
        /* Skip spaces a soft break left at the start of a line. */
        while (start < n && text[start] == ' ')
            start++;
        if (start >= n)
            break;
        /* Break candidates up to the next mandatory break; widths grow with the prefix, so
         * a binary search finds the longest fitting one in O(log n) measurements. */
        size_t cand_n = 0;
        for (size_t i = start; i < n; i++) {
            if (brks[i] != LINEBREAK_ALLOWBREAK && brks[i] != LINEBREAK_MUSTBREAK)
                continue;
            cands[cand_n++] = i + 1;
            if (brks[i] == LINEBREAK_MUSTBREAK)
                break;
        }
        size_t best = 0; /* end of the longest fitting candidate */
        int best_w = 0;
        size_t lo = 0, hi = cand_n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            size_t end = trim_end(text, start, cands[mid]);
            int w = end > start ? measure(ctx, text + start, end - start, px, bold) : 0;
            if (w <= max_w) {
                best = cands[mid];
                best_w = w;
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (best == 0) {
            /* Not even one word fits: break between characters, never before closing
             * punctuation, always at least one character. */
            size_t i = start, fit = 0;
            int fit_w = 0;
            while (i < n && text[i] != '\n') {
                size_t l = yk_utf8_len(text + i);
                int w = measure(ctx, text + start, i + l - start, px, bold);
                if (w > max_w && fit)
                    break;
                size_t nl;
                unsigned next = i + l < n ? yk_utf8_decode(text + i + l, &nl) : 0;
                if (!no_line_start(next) || !fit) {
                    fit = i + l;
                    fit_w = w;
                }
                i += l;
                if (w > max_w)
                    break;
            }
            if (!fit)
                fit = start + yk_utf8_len(text + start);
            emit(lines, max_lines, count++, start, fit, fit_w);
            start = fit;
            continue;
        }
        size_t end = trim_end(text, start, best);
        emit(lines, max_lines, count++, start, end, best_w);
        start = best;
    }
    if (brks != stack_brks)
        free(brks);
    if (cands != stack_cands)
        free(cands);
    return count;
}
