#include "core/utf8.h"

#include <string.h>

size_t yk_utf8_seq(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0)
        return 0;
    unsigned c = u[0];
    if (c < 0x80)
        return 1;
    size_t len;
    /* The allowed range of the second byte is what rules out overlongs (E0 80..9F,
     * F0 80..8F), surrogates (ED A0..BF) and code points past U+10FFFF (F4 90..BF). */
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0; /* a continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if (n < 2 || u[1] < lo || u[1] > hi)
        return 0;
    for (size_t k = 2; k < len; k++)
        if (n <= k || (u[k] & 0xC0) != 0x80)
            return 0;
    return len;
}

int32_t yk_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t len = *i < n ? yk_utf8_seq(s + *i, n - *i) : 0;
    if (len == 0)
        return -1;
    static const unsigned char lead_mask[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    int32_t cp = u[0] & lead_mask[len];
    for (size_t k = 1; k < len; k++)
        cp = cp << 6 | (u[k] & 0x3F);
    *i += len;
    return cp;
}

bool yk_utf8_valid(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t len = yk_utf8_seq(s + i, n - i);
        if (len == 0 || s[i] == '\0')
            return false;
        i += len;
    }
    return true;
}

size_t yk_utf8_len(const char *s)
{
    size_t len = yk_utf8_seq(s, SIZE_MAX);
    return len ? len : 1;
}

unsigned yk_utf8_decode(const char *s, size_t *len)
{
    size_t i = 0;
    int32_t cp = yk_utf8_next(s, SIZE_MAX, &i);
    *len = cp < 0 ? 1 : i;
    return cp < 0 ? 0xFFFD : (unsigned)cp;
}

size_t yk_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | cp >> 6);
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | cp >> 12);
        out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    out[0] = (char)(0xF0 | cp >> 18);
    out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t yk_utf8_prefix(const char *s, size_t n, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    if (max >= n)
        return n;
    /* Back to the lead byte of the character that holds s[max] (a character is at most 4
     * bytes), then cut before it if it does not end by max. */
    size_t lead = max;
    for (int k = 0; k < 3 && lead > 0 && (u[lead] & 0xC0) == 0x80; k++)
        lead--;
    unsigned c = u[lead];
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return lead < max && lead + len > max ? lead : max;
}

bool yk_utf8_copy(char *dst, size_t cap, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    size_t keep = n < cap ? n : yk_utf8_prefix(src, n, cap - 1);
    if (keep)
        memcpy(dst, src, keep);
    dst[keep] = '\0';
    return keep == n;
}
