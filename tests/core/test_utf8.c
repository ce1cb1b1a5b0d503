/* src/core/utf8.c: the one UTF-8 decoder. Every edge of RFC 3629's table 3-7: the shortest
 * and longest form of each length, overlongs, surrogates, past U+10FFFF, truncation, stray
 * continuation bytes; then the display walk, the encoder and the boundary-safe copy. */
#include "check.h"
#include "core/utf8.h"

#include <stdint.h>
#include <string.h>

static size_t seq(const char *s)
{
    return yk_utf8_seq(s, strlen(s));
}

static void test_valid_edges(void)
{
    CHECK_EQ_INT(seq("A"), 1);
    CHECK_EQ_INT(yk_utf8_seq("", 1), 1); /* NUL is a character; yk_utf8_valid refuses it */
    CHECK_EQ_INT(seq("\x7f"), 1);
    CHECK_EQ_INT(seq("\xc2\x80"), 2);         /* U+0080 */
    CHECK_EQ_INT(seq("\xdf\xbf"), 2);         /* U+07FF */
    CHECK_EQ_INT(seq("\xe0\xa0\x80"), 3);     /* U+0800 */
    CHECK_EQ_INT(seq("\xed\x9f\xbf"), 3);     /* U+D7FF, just below the surrogates */
    CHECK_EQ_INT(seq("\xee\x80\x80"), 3);     /* U+E000, just above */
    CHECK_EQ_INT(seq("\xef\xbf\xbf"), 3);     /* U+FFFF */
    CHECK_EQ_INT(seq("\xf0\x90\x80\x80"), 4); /* U+10000 */
    CHECK_EQ_INT(seq("\xf4\x8f\xbf\xbf"), 4); /* U+10FFFF */
    CHECK_EQ_INT(seq("益x"), 3);
}

static void test_invalid_edges(void)
{
    CHECK_EQ_INT(yk_utf8_seq("A", 0), 0);
    CHECK_EQ_INT(seq("\x80"), 0); /* a lone continuation byte */
    CHECK_EQ_INT(seq("\xbf"), 0);
    CHECK_EQ_INT(seq("\xc0\xaf"), 0);         /* overlong '/' */
    CHECK_EQ_INT(seq("\xc1\xbf"), 0);         /* overlong U+007F */
    CHECK_EQ_INT(seq("\xe0\x80\xaf"), 0);     /* overlong '/' in 3 bytes */
    CHECK_EQ_INT(seq("\xe0\x9f\xbf"), 0);     /* overlong U+07FF */
    CHECK_EQ_INT(seq("\xf0\x80\x80\xaf"), 0); /* overlong '/' in 4 bytes */
    CHECK_EQ_INT(seq("\xf0\x8f\xbf\xbf"), 0); /* overlong U+FFFF */
    CHECK_EQ_INT(seq("\xed\xa0\x80"), 0);     /* U+D800 */
    CHECK_EQ_INT(seq("\xed\xbf\xbf"), 0);     /* U+DFFF */
    CHECK_EQ_INT(seq("\xf4\x90\x80\x80"), 0); /* U+110000 */
    CHECK_EQ_INT(seq("\xf5\x80\x80\x80"), 0);
    CHECK_EQ_INT(seq("\xf8\x88\x80\x80\x80"), 0); /* old 5-byte form */
    CHECK_EQ_INT(seq("\xfe"), 0);
    CHECK_EQ_INT(seq("\xff"), 0);
    CHECK_EQ_INT(seq("\xe7\x9b"), 0);                /* cut short */
    CHECK_EQ_INT(yk_utf8_seq("\xe7\x9b\x8a", 2), 0); /* cut short by n, not by the bytes */
    CHECK_EQ_INT(seq("\xf0\x90\x80"), 0);
    CHECK_EQ_INT(seq("\xc3("), 0); /* a continuation that is not one */
    CHECK_EQ_INT(seq("\xe7\x9b("), 0);
}

static void test_next_and_valid(void)
{
    const char *s = "a益\xf0\x9f\x98\x80";
    size_t i = 0, n = strlen(s);
    CHECK_EQ_INT(yk_utf8_next(s, n, &i), 'a');
    CHECK_EQ_INT(yk_utf8_next(s, n, &i), 0x76CA);
    CHECK_EQ_INT(yk_utf8_next(s, n, &i), 0x1F600);
    CHECK_EQ_INT(i, n);
    CHECK_EQ_INT(yk_utf8_next(s, n, &i), -1); /* at the end */
    i = 1;
    CHECK_EQ_INT(yk_utf8_next("a\xed\xa0\x80", 4, &i), -1);
    CHECK_EQ_INT(i, 1); /* unchanged on error */

    CHECK(yk_utf8_valid("益空间 abc", strlen("益空间 abc")));
    CHECK(yk_utf8_valid("", 0));
    CHECK(!yk_utf8_valid("\xff", 1));
    CHECK(!yk_utf8_valid("\xe7\x9b", 2));
    CHECK(!yk_utf8_valid("\xc0\xaf", 2));
    CHECK(!yk_utf8_valid("\xed\xa0\x80", 3));
    CHECK(!yk_utf8_valid("\xf4\x90\x80\x80", 4));
    CHECK(!yk_utf8_valid("a\0b", 3));
}

static void test_display_walk(void)
{
    size_t l;
    CHECK_EQ_INT(yk_utf8_decode("益", &l), 0x76CA);
    CHECK_EQ_INT(l, 3);
    CHECK_EQ_INT(yk_utf8_decode("\xc0\xaf", &l), 0xFFFD); /* overlong: one bad byte */
    CHECK_EQ_INT(l, 1);
    CHECK_EQ_INT(yk_utf8_decode("\xe7\x9b", &l), 0xFFFD); /* cut short by the NUL */
    CHECK_EQ_INT(l, 1);
    CHECK_EQ_INT(yk_utf8_len("\xed\xa0\x80"), 1);
    CHECK_EQ_INT(yk_utf8_len("\xf0\x9f\x98\x80!"), 4);
}

static void test_encode(void)
{
    char o[4];
    CHECK_EQ_INT(yk_utf8_encode('A', o), 1);
    CHECK_EQ_INT(yk_utf8_encode(0x7FF, o), 2);
    CHECK(memcmp(o, "\xdf\xbf", 2) == 0);
    CHECK_EQ_INT(yk_utf8_encode(0x76CA, o), 3);
    CHECK(memcmp(o, "益", 3) == 0);
    CHECK_EQ_INT(yk_utf8_encode(0x10FFFF, o), 4);
    CHECK(memcmp(o, "\xf4\x8f\xbf\xbf", 4) == 0);
    CHECK_EQ_INT(yk_utf8_encode(0xD800, o), 0);
    CHECK_EQ_INT(yk_utf8_encode(0xDFFF, o), 0);
    CHECK_EQ_INT(yk_utf8_encode(0x110000, o), 0);
}

static void test_prefix_and_copy(void)
{
    const char *s = "ab益空"; /* a b [2..5) [5..8) */
    size_t n = strlen(s);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 100), n);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 2), 2);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 3), 2);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 4), 2);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 5), 5);
    CHECK_EQ_INT(yk_utf8_prefix(s, n, 7), 5);
    /* Stray continuation bytes after ASCII are not a character to keep whole. */
    CHECK_EQ_INT(yk_utf8_prefix("a\x80\x80\x80\x80x", 6, 4), 4);

    char d[6];
    CHECK(!yk_utf8_copy(d, sizeof d, s));
    CHECK_EQ_STR(d, "ab益");
    CHECK(yk_utf8_copy(d, sizeof d, "abc"));
    CHECK_EQ_STR(d, "abc");
    CHECK(yk_utf8_copy(d, sizeof d, NULL));
    CHECK_EQ_STR(d, "");
    char one[1];
    CHECK(!yk_utf8_copy(one, 1, "x"));
    CHECK_EQ_STR(one, "");
}

int main(void)
{
    test_valid_edges();
    test_invalid_edges();
    test_next_and_valid();
    test_display_walk();
    test_encode();
    test_prefix_and_copy();
    return yk_test_done();
}
