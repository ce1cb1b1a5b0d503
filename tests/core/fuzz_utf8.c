/* Fuzz target for src/core/utf8.c.
 * Differential: every decision of yk_utf8_seq / yk_utf8_next / yk_utf8_valid agrees with a
 * reference written the other way round (decode any 1..4-byte bit pattern, then refuse by
 * value: shorter than the length needs, a surrogate, past U+10FFFF). Round trip: each
 * decoded code point encodes back to the same bytes. And yk_utf8_prefix / yk_utf8_copy
 * never cut a valid text inside a character. */
#include "fuzz/require.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The reference: length of the sequence at s, 0 when invalid, and its code point. */
static size_t ref_seq(const uint8_t *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    size_t len = s[0] < 0x80         ? 1
                 : (s[0] >> 5) == 6  ? 2
                 : (s[0] >> 4) == 14 ? 3
                 : (s[0] >> 3) == 30 ? 4
                                     : 0;
    if (len == 0 || n < len)
        return 0;
    uint32_t v = len == 1 ? s[0] : s[0] & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[k] & 0x3F);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    bool valid = true, has_nul = false;
    for (size_t i = 0; i < size;) {
        uint32_t want = 0;
        size_t rl = ref_seq(data + i, size - i, &want);
        REQUIRE(yk_utf8_seq(s + i, size - i) == rl);
        size_t j = i;
        int32_t cp = yk_utf8_next(s, size, &j);
        if (rl == 0) {
            REQUIRE(cp == -1 && j == i);
            valid = false;
            i++;
            continue;
        }
        REQUIRE(cp >= 0 && (uint32_t)cp == want && j == i + rl);
        char enc[4];
        REQUIRE(yk_utf8_encode((uint32_t)cp, enc) == rl);
        REQUIRE(memcmp(enc, s + i, rl) == 0);
        has_nul |= cp == 0;
        i += rl;
    }
    REQUIRE(yk_utf8_valid(s, size) == (valid && !has_nul));

    /* The display walk over a NUL-terminated copy steps over every byte exactly once. */
    char *z = malloc(size + 1);
    REQUIRE(z);
    memcpy(z, data, size);
    z[size] = '\0';
    size_t zn = strlen(z);
    for (size_t i = 0; i < zn;) {
        size_t l;
        unsigned cp = yk_utf8_decode(z + i, &l);
        REQUIRE(l >= 1 && l <= 4 && i + l <= zn && l == yk_utf8_len(z + i));
        REQUIRE(cp <= 0x10FFFF);
        i += l;
    }

    /* Cutting: never longer than asked; a valid text stays valid at every cut. */
    bool zvalid = yk_utf8_valid(z, zn);
    for (size_t max = 0; max <= zn && max < 64; max++) {
        size_t p = yk_utf8_prefix(z, zn, max);
        REQUIRE(p <= max && max - p <= 3);
        if (zvalid)
            REQUIRE(yk_utf8_valid(z, p));
        char dst[64];
        bool whole = yk_utf8_copy(dst, max + 1, z);
        REQUIRE(whole == (zn <= max));
        REQUIRE(strlen(dst) == (whole ? zn : p) && memcmp(dst, z, strlen(dst)) == 0);
    }
    free(z);
    return 0;
}
