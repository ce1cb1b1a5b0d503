#include "core/ids.h"

#include "core/log.h"

#include <assert.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void yk_id_make(char out[YK_ID_LEN + 1], long long unix_ms)
{
    assert(unix_ms >= 0 && unix_ms < (1LL << 48));
    /* Idempotent and thread-safe; without it randombytes may not be seeded on every
     * libsodium build. Failure means no entropy source: making ids would be unsafe. */
    if (sodium_init() < 0) {
        yk_error("ids", "sodium_init failed: no source of randomness");
        abort();
    }
    unsigned char bytes[16];
    uint64_t t = (uint64_t)unix_ms;
    for (int i = 0; i < 6; i++)
        bytes[i] = (unsigned char)(t >> (8 * (5 - i)));
    randombytes_buf(bytes + 6, 10);

    /* The 128 bits read as a 130-bit number with two leading zero bits, 5 bits a char. */
    for (int i = 0; i < YK_ID_LEN; i++) {
        unsigned v = 0;
        for (int b = 0; b < 5; b++) {
            int bit = 129 - (i * 5 + b); /* counted from the least significant bit */
            v <<= 1;
            if (bit < 128)
                v |= (unsigned)(bytes[15 - bit / 8] >> (bit % 8)) & 1u;
        }
        out[i] = alphabet[v];
    }
    out[YK_ID_LEN] = '\0';
}

static int digit(char c)
{
    const char *p = c ? strchr(alphabet, c) : NULL;
    return p ? (int)(p - alphabet) : -1;
}

bool yk_id_valid(const char *s)
{
    if (!s || strlen(s) != YK_ID_LEN)
        return false;
    for (int i = 0; i < YK_ID_LEN; i++)
        if (digit(s[i]) < 0)
            return false;
    return digit(s[0]) <= 7;
}

long long yk_id_time_ms(const char *s)
{
    if (!yk_id_valid(s))
        return -1;
    /* The first 10 characters are 50 bits: two zero bits then the 48-bit time. */
    long long t = 0;
    for (int i = 0; i < 10; i++)
        t = (t << 5) | digit(s[i]);
    return t;
}
