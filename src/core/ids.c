#include "core/ids.h"

#include "core/base32.h"
#include "core/log.h"

#include <assert.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    yk_base32_encode(bytes, sizeof bytes, out, YK_ID_LEN);
}

bool yk_id_valid(const char *s)
{
    uint8_t bytes[16];
    /* Strict: 26 canonical symbols whose two leading padding bits are zero. */
    return s && strlen(s) == YK_ID_LEN && yk_base32_decode(s, YK_ID_LEN, bytes, sizeof bytes);
}

long long yk_id_time_ms(const char *s)
{
    uint8_t bytes[16];
    if (!s || strlen(s) != YK_ID_LEN || !yk_base32_decode(s, YK_ID_LEN, bytes, sizeof bytes))
        return -1;
    long long t = 0; /* the first 48 bits */
    for (int i = 0; i < 6; i++)
        t = t << 8 | bytes[i];
    return t;
}
