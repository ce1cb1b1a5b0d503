/* src/core/base32.c: Crockford base32 for ids, ticket short codes and setup codes. */
#include "check.h"
#include "core/base32.h"

#include <stdint.h>
#include <string.h>

static void test_alphabet_and_fold(void)
{
    CHECK_EQ_INT(strlen(yk_base32_alphabet), 32);
    for (int v = 0; v < 32; v++)
        CHECK_EQ_INT(yk_base32_value(yk_base32_alphabet[v]), v);
    const char *never = "ILOUilou-_ !\0";
    for (const char *p = never; *p; p++)
        CHECK_EQ_INT(yk_base32_value(*p), -1);
    CHECK_EQ_INT(yk_base32_value('\0'), -1);
    CHECK_EQ_INT(yk_base32_value('a'), -1); /* strict: lower case is not canonical */

    CHECK_EQ_INT(yk_base32_fold('a'), 'A');
    CHECK_EQ_INT(yk_base32_fold('z'), 'Z');
    CHECK_EQ_INT(yk_base32_fold('i'), '1');
    CHECK_EQ_INT(yk_base32_fold('I'), '1');
    CHECK_EQ_INT(yk_base32_fold('l'), '1');
    CHECK_EQ_INT(yk_base32_fold('L'), '1');
    CHECK_EQ_INT(yk_base32_fold('o'), '0');
    CHECK_EQ_INT(yk_base32_fold('O'), '0');
    CHECK_EQ_INT(yk_base32_fold('u'), 0);
    CHECK_EQ_INT(yk_base32_fold('U'), 0);
    CHECK_EQ_INT(yk_base32_fold('-'), 0);
    CHECK_EQ_INT(yk_base32_fold('\xef'), 0);
    CHECK_EQ_INT(yk_base32_fold('\0'), 0);
}

static void test_encode_decode(void)
{
    char out[32];
    /* 40 bits: the ticket short code's shape. 0x0842108421 is 00001 repeated. */
    const uint8_t ones[5] = {0x08, 0x42, 0x10, 0x84, 0x21};
    yk_base32_encode(ones, 5, out, 8);
    CHECK_EQ_STR(out, "11111111");
    const uint8_t ff[5] = {0xff, 0xff, 0xff, 0xff, 0xff};
    yk_base32_encode(ff, 5, out, 8);
    CHECK_EQ_STR(out, "ZZZZZZZZ");

    /* 128 bits in 26 symbols: two zero padding bits in front, so the first is 0..7. */
    uint8_t id[16];
    memset(id, 0xff, sizeof id);
    yk_base32_encode(id, 16, out, 26);
    CHECK_EQ_STR(out, "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    uint8_t back[16];
    CHECK(yk_base32_decode(out, 26, back, 16));
    CHECK(memcmp(back, id, 16) == 0);
    out[0] = '8'; /* a padding bit set: too large for 16 bytes */
    CHECK(!yk_base32_decode(out, 26, back, 16));
    CHECK(back[0] == 0 && back[15] == 0);

    for (int i = 0; i < 10; i++)
        id[i] = (uint8_t)(i * 37 + 11);
    yk_base32_encode(id, 10, out, 16);
    CHECK(yk_base32_valid(out, 16));
    CHECK(yk_base32_decode(out, 16, back, 10));
    CHECK(memcmp(back, id, 10) == 0);
    CHECK(!yk_base32_decode("0000000000000O00", 16, back, 10)); /* O is not canonical */
    CHECK(!yk_base32_decode("000000000000000a", 16, back, 10));
}

static void test_valid_and_normalize(void)
{
    CHECK(yk_base32_valid("SZKXNTPXZAY7Q7Y5", 16));
    CHECK(!yk_base32_valid("SZKXNTPXZAY7Q7Y", 16));   /* short */
    CHECK(!yk_base32_valid("SZKXNTPXZAY7Q7Y55", 16)); /* long */
    CHECK(!yk_base32_valid("SZKX-NTPX-ZAY7-Q", 16));  /* strict: no dashes */
    CHECK(!yk_base32_valid("szkxntpxzay7q7y5", 16));  /* strict: no lower case */
    CHECK(!yk_base32_valid(NULL, 16));

    char out[17];
    CHECK(yk_base32_normalize("szkx-ntpx zay7--q7y5", out, 16));
    CHECK_EQ_STR(out, "SZKXNTPXZAY7Q7Y5");
    CHECK(yk_base32_normalize("il0o-ILOO", out, 8));
    CHECK_EQ_STR(out, "11001100");
    CHECK(!yk_base32_normalize("ABCDEFGU", out, 8)); /* U is never a symbol */
    CHECK_EQ_STR(out, "");
    CHECK(!yk_base32_normalize("ABCDEFG", out, 8));
    CHECK_EQ_STR(out, "");
    CHECK(!yk_base32_normalize("ABCDEFGHJ", out, 8));
    CHECK_EQ_STR(out, "");
    CHECK(!yk_base32_normalize("ABCD_EFGH", out, 8));
    CHECK(!yk_base32_normalize("ABCD\tEFGH", out, 8));
    CHECK(!yk_base32_normalize(NULL, out, 8));

    CHECK_EQ_INT(yk_base32_symbols(""), 0);
    CHECK_EQ_INT(yk_base32_symbols(" - "), 0);
    CHECK_EQ_INT(yk_base32_symbols("SZKX-NTPX-ZAY7-Q7Y5"), 16);
    CHECK_EQ_INT(yk_base32_symbols("SZKX-NTPX-ZAY7-Q7YU"), -1);
    CHECK_EQ_INT(yk_base32_symbols("SZKX-NTPX-ZAY7-Q7Y!"), -1);
}

int main(void)
{
    test_alphabet_and_fold();
    test_encode_decode();
    test_valid_and_normalize();
    return yk_test_done();
}
