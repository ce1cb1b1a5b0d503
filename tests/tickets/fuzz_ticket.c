/* Fuzz target for ticket decoding (src/core/ticket.c): arbitrary bytes go to the decoder and
 * verifier as a scanner would type them, with a fixed in-memory key set (no database).
 * Checks: no crash or sanitizer report; whatever decodes re-encodes to the very digits it was
 * read from; whatever verifies was signed by one of the keys (so it decodes too); the short
 * code, phone rules and URL builder survive the same bytes.
 * The seeds in tests/fuzz/corpus/ticket include codes signed with SEED_SIGNER below (made by
 * this file's own ticket functions), so the fuzzer starts from inputs that verify. */
#include "fuzz/require.h"
#include "core/base32.h"
#include "core/phone.h"
#include "core/ticket.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The key that signed the seed codes, and a second trusted key revoked in 2026. */
static const uint8_t SEED_SIGNER[32] = "yikong fuzz ticket signer seed!";
static const uint8_t SEED_REVOKED[32] = "yikong fuzz revoked signer seed";

static struct yk_ticket_pubkey keys[2];

static void setup(void)
{
    static bool done;
    if (done)
        return;
    struct yk_ticket_keys k;
    yk_ticket_keys_from_seed(&k, SEED_SIGNER);
    memcpy(keys[0].public_key, k.public_key, sizeof keys[0].public_key);
    yk_ticket_keys_from_seed(&k, SEED_REVOKED);
    memcpy(keys[1].public_key, k.public_key, sizeof keys[1].public_key);
    keys[1].cutoff_utc = 1767225600; /* 2026-01-01 */
    yk_ticket_keys_destroy(&k);
    done = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    const char *text = (const char *)data;

    struct yk_ticket t, d;
    enum yk_ticket_rc rc = yk_ticket_verify(text, size, keys, 2, &t);
    enum yk_ticket_rc drc = yk_ticket_decode(text, size, &d);
    REQUIRE(rc >= YK_TICKET_OK && rc <= YK_TICKET_ERROR);
    REQUIRE(rc != YK_TICKET_ERROR && rc != YK_TICKET_WRONG_EVENT && rc != YK_TICKET_REVOKED_TICKET);
    REQUIRE((rc == YK_TICKET_BAD_FORMAT) == (drc == YK_TICKET_BAD_FORMAT));

    char code[YK_TICKET_DIGITS + 1];
    bool extracted = yk_ticket_extract(text, size, code);
    REQUIRE(extracted || drc == YK_TICKET_BAD_FORMAT);
    if (extracted) {
        REQUIRE(strlen(code) == YK_TICKET_DIGITS);
        REQUIRE(strspn(code, "0123456789") == YK_TICKET_DIGITS);
    }
    if (drc == YK_TICKET_OK) {
        /* The same ticket written again gives the same digits: one code, one ticket. */
        char again[YK_TICKET_DIGITS + 1];
        yk_ticket_encode(&d, again);
        REQUIRE(strcmp(again, code) == 0);
        REQUIRE(memcmp(&t, &d, sizeof t) == 0);
        char s1[YK_TICKET_SHORT_LEN + 1], s2[YK_TICKET_SHORT_LEN + 1];
        yk_ticket_short_code(&d, s1);
        REQUIRE(yk_ticket_short_normalize(s1, s2) && strcmp(s1, s2) == 0);
        /* Its URL verifies the same way. */
        char url[YK_TICKET_URL_MAX];
        REQUIRE(yk_ticket_url(NULL, code, url, sizeof url));
        struct yk_ticket u;
        REQUIRE(yk_ticket_verify(url, strlen(url), keys, 2, &u) == rc);
    }
    if (rc == YK_TICKET_OK || rc == YK_TICKET_REVOKED_KEY) {
        /* A valid signature: no single changed digit of the code may still verify. */
        char bad[YK_TICKET_DIGITS + 1];
        memcpy(bad, code, sizeof bad);
        size_t pos = size % YK_TICKET_DIGITS;
        bad[pos] = (char)('0' + (bad[pos] - '0' + 1 + (int)(size % 9)) % 10);
        struct yk_ticket b;
        REQUIRE(yk_ticket_verify(bad, YK_TICKET_DIGITS, keys, 2, &b) != YK_TICKET_OK);
    }

    /* The text rules, on a NUL-terminated copy. */
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    char norm[YK_TICKET_SHORT_LEN + 1], masked[YK_PHONE_MASKED_LEN + 1];
    long symbols = yk_base32_symbols(s);
    if (yk_ticket_short_normalize(s, norm)) {
        /* Canonical, a fixed point, and 40 bits that encode back to the same symbols. */
        REQUIRE(symbols == YK_TICKET_SHORT_LEN && yk_base32_valid(norm, YK_TICKET_SHORT_LEN));
        char again[YK_TICKET_SHORT_LEN + 1];
        REQUIRE(yk_ticket_short_normalize(norm, again) && strcmp(again, norm) == 0);
        uint8_t bits[5];
        REQUIRE(yk_base32_decode(norm, YK_TICKET_SHORT_LEN, bits, sizeof bits));
        yk_base32_encode(bits, sizeof bits, again, YK_TICKET_SHORT_LEN);
        REQUIRE(strcmp(again, norm) == 0);
    } else {
        REQUIRE(symbols != YK_TICKET_SHORT_LEN && norm[0] == '\0');
    }
    /* Phones: a valid number has one stored form, itself valid and a fixed point, whose last
     * four characters are its last four digits and end its mask; anything else is "". */
    char canon[YK_PHONE_MAX + 1], again[YK_PHONE_MAX + 1], last4[5], shown[24];
    enum yk_phone_rc prc = yk_phone_normalize(s, canon);
    REQUIRE(prc == yk_phone_check(s));
    bool m = yk_phone_mask(s, masked);
    size_t ml = strlen(masked);
    REQUIRE(ml >= 4 && ml <= YK_PHONE_MASKED_LEN);
    if (prc == YK_PHONE_OK) {
        size_t cl = strlen(canon);
        REQUIRE(cl >= 7 && cl <= YK_PHONE_MAX);
        REQUIRE(yk_phone_normalize(canon, again) == YK_PHONE_OK && strcmp(again, canon) == 0);
        REQUIRE(yk_phone_last4(s, last4) && strcmp(last4, canon + cl - 4) == 0);
        REQUIRE(m && strcmp(masked + ml - 4, last4) == 0 && strchr(masked, '*'));
        /* Mainland numbers are 11 digits; one from abroad starts with "+" (and may be 11
         * characters long too: "+2645617617", found by this fuzzer). */
        REQUIRE(yk_phone_is_intl(canon) == (canon[0] == '+'));
        REQUIRE(canon[0] == '+' || cl == YK_PHONE_LEN);
    } else {
        REQUIRE(canon[0] == '\0' && !yk_phone_last4(s, last4));
    }
    yk_phone_format(s, shown, sizeof shown);
    REQUIRE(strlen(shown) < sizeof shown);
    char url[YK_TICKET_URL_MAX];
    if (yk_ticket_url(s, "123", url, sizeof url))
        REQUIRE(strlen(url) >= strlen("HTTP://X/T/123"));
    free(s);
    return 0;
}
