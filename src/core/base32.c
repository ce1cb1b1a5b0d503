#include "core/base32.h"

#include <assert.h>
#include <string.h>

const char yk_base32_alphabet[33] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

int yk_base32_value(char c)
{
    const char *p = c ? strchr(yk_base32_alphabet, c) : NULL;
    return p ? (int)(p - yk_base32_alphabet) : -1;
}

char yk_base32_fold(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'I' || c == 'L')
        return '1';
    if (c == 'O')
        return '0';
    return yk_base32_value(c) >= 0 ? c : 0;
}

/* Bit k of the number in bytes[0..nbytes), counted from the least significant bit. */
static unsigned bit_at(const uint8_t *bytes, size_t nbytes, size_t k)
{
    return k < nbytes * 8 ? (unsigned)(bytes[nbytes - 1 - k / 8] >> (k % 8)) & 1u : 0u;
}

void yk_base32_encode(const uint8_t *bytes, size_t nbytes, char *out, size_t nchars)
{
    assert(nchars * 5 >= nbytes * 8);
    for (size_t i = 0; i < nchars; i++) {
        unsigned v = 0;
        size_t top = (nchars - i) * 5; /* bits below and at this symbol */
        for (size_t b = 1; b <= 5; b++)
            v = v << 1 | bit_at(bytes, nbytes, top - b);
        out[i] = yk_base32_alphabet[v];
    }
    out[nchars] = '\0';
}

bool yk_base32_decode(const char *s, size_t nchars, uint8_t *bytes, size_t nbytes)
{
    assert(nchars * 5 >= nbytes * 8);
    memset(bytes, 0, nbytes);
    for (size_t i = 0; i < nchars; i++) {
        int v = yk_base32_value(s[i]);
        if (v < 0)
            goto bad;
        size_t top = (nchars - i) * 5;
        for (size_t b = 1; b <= 5; b++) {
            size_t k = top - b;
            if (!((unsigned)v >> (5 - b) & 1u))
                continue;
            if (k >= nbytes * 8)
                goto bad; /* a padding bit set: the number is too large */
            bytes[nbytes - 1 - k / 8] |= (uint8_t)(1u << (k % 8));
        }
    }
    return true;
bad:
    memset(bytes, 0, nbytes);
    return false;
}

bool yk_base32_valid(const char *s, size_t len)
{
    if (!s)
        return false;
    for (size_t i = 0; i < len; i++)
        if (yk_base32_value(s[i]) < 0)
            return false;
    return s[len] == '\0';
}

long yk_base32_symbols(const char *in)
{
    long n = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        if (!yk_base32_fold(*p))
            return -1;
        n++;
    }
    return n;
}

bool yk_base32_normalize(const char *in, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    if (!in)
        return false;
    for (const char *p = in; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        char c = yk_base32_fold(*p);
        if (!c || n == len)
            goto bad;
        out[n++] = c;
    }
    if (n != len)
        goto bad;
    out[n] = '\0';
    return true;
bad:
    memset(out, 0, len + 1); /* codes can be secrets: leave nothing half-written */
    return false;
}
