/* Scanner input assembly and classification (src/core/scanner.c). */
#include "check.h"

#include "core/scanner.h"

#include <stdint.h>

/* A ticket of 24 digits (the window here is 20..200) and 8-character short codes. */
#define CODE "123456789012345678901234"

static struct yk_scanner_params params;

static void init(struct yk_scanner *s)
{
    CHECK(yk_scanner_init(s, &params));
}

/* Feeds text as a scanner does (1 ms apart), then Enter; returns the one scan. */
static struct yk_scan scan_of(const char *text)
{
    struct yk_scanner s;
    init(&s);
    yk_scanner_feed_text(&s, text, 1000);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 1001);
    struct yk_scan out;
    memset(&out, 0, sizeof out);
    CHECK(yk_scanner_take(&s, 1001, &out));
    struct yk_scan extra;
    CHECK(!yk_scanner_take(&s, 5000, &extra));
    return out;
}

static void check_ticket(const char *text, bool url)
{
    struct yk_scan r = scan_of(text);
    if (r.kind != YK_SCAN_TICKET)
        fprintf(stderr, "  for input \"%s\": %s\n", text, yk_scan_error_str(r.error));
    CHECK_EQ_INT(r.kind, YK_SCAN_TICKET);
    CHECK_EQ_INT(r.error, YK_SCAN_OK);
    CHECK_EQ_STR(r.code, CODE);
    CHECK_EQ_INT(r.from_url, url);
}

static void check_garbage(const char *text, enum yk_scan_error why)
{
    struct yk_scan r = scan_of(text);
    CHECK_EQ_INT(r.kind, YK_SCAN_GARBAGE);
    if (r.error != why)
        fprintf(stderr, "  for input \"%s\": %s\n", text, yk_scan_error_str(r.error));
    CHECK_EQ_INT(r.error, why);
    CHECK_EQ_STR(r.code, "");
}

static void test_bare_and_prefixes(void)
{
    check_ticket(CODE, false);
    check_ticket("  " CODE "  ", false);
    check_ticket("\\000026" CODE, false);
    check_ticket("]Q1" CODE, false);
    check_ticket("]Q2\\000026" CODE, false);
    check_ticket("]C1 " CODE, false);
    /* Control characters: GS inside, CR/LF/TAB are terminators (the text before them). */
    check_ticket("\x1d" CODE "\x1d", false);
    check_ticket(CODE "\x1b", false);
    /* Full-width digits from an IME in full-width mode. */
    check_ticket("１２３４５６７８９０１２３４５６７８９０１２３４", false);
    /* A UTF-8 BOM / zero-width space somewhere. */
    check_ticket("\xef\xbb\xbf" CODE "\xe2\x80\x8b", false);
}

static void test_urls(void)
{
    check_ticket("https://yk.example.cn/t/" CODE, true);
    check_ticket("http://yk.example.cn/t/" CODE "/", true);
    check_ticket("HTTPS://YK.Example.CN:8443/c/" CODE "?lang=zh#top", true);
    check_ticket("https://yk.example.cn/checkin?x=1&t=" CODE "&lang=zh", true);
    check_ticket("https://yk.example.cn/" CODE, true);
    check_ticket("]Q1\\000026https://h/t/" CODE, true);
    /* A US-keyed scanner on a German layout: ':' '/' become 'Ö' '-'. */
    struct yk_scan r = scan_of("https\xc3\x96--yk.example.cn-t-" CODE);
    CHECK_EQ_INT(r.kind, YK_SCAN_TICKET);
    CHECK_EQ_STR(r.code, CODE);
    CHECK(r.from_url && r.lenient_url);
    r = scan_of("https://yk.example.cn/t/" CODE);
    CHECK(!r.lenient_url);

    check_garbage("https://yk.example.cn/about", YK_SCAN_URL_NO_CODE);
    check_garbage("https://yk.example.cn/t/123", YK_SCAN_URL_NO_CODE); /* too short */
    check_garbage("https://h/t/" CODE "?t=abc", YK_SCAN_URL_NO_CODE);  /* t= wins */
    check_garbage("https\xc3\x96--h-tx" CODE, YK_SCAN_URL_NO_CODE);    /* no separator */
}

/* The shape core/ticket.h gives tickets today: 189 digits behind an upper-case /T/ URL. */
static void test_ticket_shape(void)
{
    struct yk_scanner_params tp;
    yk_scanner_params_init(&tp, 189, 189, 8);
    char code[190], url[300];
    for (int i = 0; i < 189; i++)
        code[i] = (char)('0' + (i * 7 + 1) % 10);
    code[189] = '\0';
    snprintf(url, sizeof url, "]Q1HTTPS://YIKONG.INVALID/T/%s\r", code);
    struct yk_scanner s;
    CHECK(yk_scanner_init(&s, &tp));
    /* In SDL_TEXTINPUT-sized pieces of 31 bytes. */
    for (size_t i = 0; i < strlen(url); i += 31) {
        char piece[32];
        snprintf(piece, sizeof piece, "%.31s", url + i);
        yk_scanner_feed_text(&s, piece, 10 + (int64_t)i / 31);
    }
    struct yk_scan r;
    CHECK(yk_scanner_take(&s, 20, &r));
    CHECK_EQ_INT(r.kind, YK_SCAN_TICKET);
    CHECK_EQ_STR(r.code, code);
    code[188] = '\0'; /* one digit short */
    CHECK(!yk_scan_classify(&tp, code, 188, &r));
    CHECK_EQ_INT(r.error, YK_SCAN_BAD_LENGTH);
}

static void test_short_codes(void)
{
    struct yk_scan r = scan_of("7k3m9q2p");
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    CHECK_EQ_STR(r.code, "7K3M9Q2P");
    /* Crockford: O reads as 0, I and L as 1; hyphens are ignored. */
    r = scan_of("o1iL-abcd");
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    CHECK_EQ_STR(r.code, "0111ABCD");
    /* An all-digit short code of the short length. */
    r = scan_of("12345678");
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    CHECK_EQ_STR(r.code, "12345678");
    /* A short code may start like a URL's scheme (found by the fuzzer). */
    r = scan_of("http-1234");
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    CHECK_EQ_STR(r.code, "HTTP1234");
    r = scan_of("HTTPSXYZ");
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    check_garbage("UUUUUUUU", YK_SCAN_BAD_CHAR); /* U is not Crockford */
    check_garbage("7K3M9Q2", YK_SCAN_BAD_LENGTH);
    check_garbage("123456789", YK_SCAN_BAD_LENGTH); /* neither ticket nor short code */
}

static void test_garbage(void)
{
    check_garbage("hello world!", YK_SCAN_UNRECOGNISED);
    check_garbage("]Q1\\000026", YK_SCAN_EMPTY);
    check_garbage("扫码签到成功了", YK_SCAN_BAD_CHAR);
    /* Invalid UTF-8, fed through the assembler. */
    check_garbage("abcd\xff\xfe", YK_SCAN_BAD_UTF8);

    /* Too long: 2000 digits in 31-byte chunks, then Enter: one garbage scan, no overflow. */
    struct yk_scanner s;
    init(&s);
    char chunk[32];
    memset(chunk, '7', 31);
    chunk[31] = '\0';
    for (int i = 0; i < 65; i++)
        yk_scanner_feed_text(&s, chunk, 100 + i);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 200);
    struct yk_scan r;
    CHECK(yk_scanner_take(&s, 200, &r));
    CHECK_EQ_INT(r.kind, YK_SCAN_GARBAGE);
    CHECK_EQ_INT(r.error, YK_SCAN_TOO_LONG);
    CHECK_EQ_INT(r.chars, 65 * 31);
    /* ... and the scanner works again afterwards. */
    yk_scanner_feed_text(&s, CODE, 300);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 301);
    CHECK(yk_scanner_take(&s, 301, &r));
    CHECK_EQ_STR(r.code, CODE);

    /* Exactly YK_SCANNER_MAX bytes is not too long (just not a code). */
    char big[YK_SCANNER_MAX + 1];
    memset(big, 'A', YK_SCANNER_MAX);
    big[YK_SCANNER_MAX] = '\0';
    r = scan_of(big);
    CHECK_EQ_INT(r.error, YK_SCAN_BAD_LENGTH);
    big[0] = 'B';
    struct yk_scan c;
    CHECK(!yk_scan_classify(&params, big, YK_SCANNER_MAX + 1, &c)); /* n beyond the max */
    CHECK_EQ_INT(c.error, YK_SCAN_TOO_LONG);
}

static void test_terminators_and_chunks(void)
{
    struct yk_scanner s;
    struct yk_scan r;
    /* Trailing CR LF / TAB / GS as characters. */
    const char *endings[] = {"\r\n", "\r", "\n", "\t", "\x1d\r"};
    for (size_t e = 0; e < sizeof endings / sizeof *endings; e++) {
        init(&s);
        char text[64];
        snprintf(text, sizeof text, "%s%s", CODE, endings[e]);
        yk_scanner_feed_text(&s, text, 10);
        CHECK(yk_scanner_take(&s, 10, &r)); /* ended by the character, no gap needed */
        CHECK_EQ_STR(r.code, CODE);
        CHECK(!r.by_gap);
        CHECK(!yk_scanner_take(&s, 1000, &r));
    }
    /* Tab key. */
    init(&s);
    yk_scanner_feed_text(&s, CODE, 10);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_TAB, 11);
    CHECK(yk_scanner_take(&s, 11, &r));
    CHECK_EQ_STR(r.code, CODE);

    /* Split across many chunks, even inside a UTF-8 sequence (full-width '１' = EF BC 91). */
    init(&s);
    const char *text = "]Q1https://h/t/\xef\xbc\x91"
                       "23456789012345678901234";
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++)
        yk_scanner_feed_bytes(&s, text + i, 1, 20 + (int64_t)i / 4);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 40);
    CHECK(yk_scanner_take(&s, 40, &r));
    CHECK_EQ_INT(r.kind, YK_SCAN_TICKET);
    CHECK_EQ_STR(r.code, CODE);
    CHECK_EQ_INT(r.started_ms, 20);

    /* Two scans back to back separated by Enter, taken after both arrived. */
    init(&s);
    yk_scanner_feed_text(&s, CODE, 50);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 51);
    yk_scanner_feed_text(&s, "7K3M", 52);
    yk_scanner_feed_text(&s, "9Q2P", 53);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 54);
    CHECK(yk_scanner_take(&s, 54, &r));
    CHECK_EQ_STR(r.code, CODE);
    CHECK(yk_scanner_take(&s, 54, &r));
    CHECK_EQ_INT(r.kind, YK_SCAN_SHORT_CODE);
    CHECK_EQ_STR(r.code, "7K3M9Q2P");
    CHECK(!yk_scanner_take(&s, 54, &r));
    CHECK_EQ_INT(yk_scanner_deadline(&s), YK_SCANNER_NO_DEADLINE);

    /* A NUL byte inside fed bytes is dropped. */
    init(&s);
    char with_nul[] = "1234567890\0"
                      "12345678901234";
    yk_scanner_feed_bytes(&s, with_nul, sizeof with_nul - 1, 60);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 60);
    CHECK(yk_scanner_take(&s, 60, &r));
    CHECK_EQ_STR(r.code, CODE);
}

static void test_quiet_gap(void)
{
    struct yk_scanner s;
    struct yk_scan r;
    init(&s);
    CHECK_EQ_INT(yk_scanner_deadline(&s), YK_SCANNER_NO_DEADLINE);
    yk_scanner_feed_text(&s, "12345678901", 1000);
    yk_scanner_feed_text(&s, "2345678901234", 1005);
    /* The deadline is the end of the gap after the last input; not before it. */
    CHECK_EQ_INT(yk_scanner_deadline(&s), 1005 + YK_SCANNER_QUIET_GAP_MS);
    CHECK(!yk_scanner_take(&s, 1005 + YK_SCANNER_QUIET_GAP_MS - 1, &r));
    CHECK(yk_scanner_take(&s, yk_scanner_deadline(&s), &r));
    CHECK_EQ_STR(r.code, CODE);
    CHECK(r.by_gap);
    CHECK_EQ_INT(r.started_ms, 1000);
    CHECK_EQ_INT(r.ended_ms, 1005);
    CHECK_EQ_INT(r.chars, 24);
    CHECK_EQ_INT(yk_scanner_deadline(&s), YK_SCANNER_NO_DEADLINE);

    /* A gap inside input splits it: the first part ends when later input arrives late. */
    init(&s);
    yk_scanner_feed_text(&s, CODE, 2000);
    yk_scanner_feed_text(&s, "7K3M9Q2P", 2200);
    CHECK_EQ_INT(yk_scanner_deadline(&s), 0); /* a scan is waiting */
    CHECK(yk_scanner_take(&s, 2200, &r));
    CHECK_EQ_STR(r.code, CODE);
    CHECK(r.by_gap);
    CHECK(!yk_scanner_take(&s, 2201, &r));
    CHECK(yk_scanner_take(&s, 2300, &r));
    CHECK_EQ_STR(r.code, "7K3M9Q2P");

    /* A person typing (one key per 200 ms) makes no scans at all, Enter included. */
    init(&s);
    const char *typed = "7K3M9Q2P";
    for (int i = 0; typed[i]; i++) {
        char one[2] = {typed[i], '\0'};
        yk_scanner_feed_text(&s, one, 3000 + 200 * i);
        CHECK(!yk_scanner_take(&s, 3000 + 200 * i + 150, &r));
    }
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 5000);
    CHECK(!yk_scanner_take(&s, 6000, &r));

    /* The clock going back is no gap. */
    init(&s);
    yk_scanner_feed_text(&s, "123456789012", 9000);
    yk_scanner_feed_text(&s, "345678901234", 100);
    yk_scanner_feed_key(&s, YK_SCANNER_KEY_ENTER, 101);
    CHECK(yk_scanner_take(&s, 101, &r));
    CHECK_EQ_STR(r.code, CODE);

    /* Reset drops a half-typed fragment and waiting scans. */
    init(&s);
    yk_scanner_feed_text(&s, CODE "\r123", 10);
    yk_scanner_reset(&s);
    CHECK(!yk_scanner_take(&s, 10000, &r));
}

static void test_queue_and_params(void)
{
    struct yk_scanner s;
    struct yk_scan r;
    init(&s);
    /* Six scans, never taken: the two oldest are dropped. */
    for (int i = 0; i < 6; i++) {
        char text[40];
        snprintf(text, sizeof text, "%020d\r", i);
        yk_scanner_feed_text(&s, text, i);
    }
    for (int i = 2; i < 6; i++) {
        char want[40];
        snprintf(want, sizeof want, "%020d", i);
        CHECK(yk_scanner_take(&s, 10, &r));
        CHECK_EQ_STR(r.code, want);
    }
    CHECK(!yk_scanner_take(&s, 10, &r));
    CHECK_EQ_INT(s.dropped, 2);

    struct yk_scanner_params bad;
    yk_scanner_params_init(&bad, 20, 10, 8); /* min > max */
    CHECK(!yk_scanner_params_valid(&bad));
    yk_scanner_params_init(&bad, 6, 10, 8); /* short code length inside the window */
    CHECK(!yk_scanner_init(&s, &bad));
    yk_scanner_params_init(&bad, 20, YK_SCANNER_MAX + 1, 8);
    CHECK(!yk_scanner_params_valid(&bad));
    yk_scanner_params_init(&bad, 20, 200, 0); /* no short codes */
    CHECK(yk_scanner_params_valid(&bad));
    struct yk_scan c;
    CHECK(!yk_scan_classify(&bad, "7K3M9Q2P", 8, &c));
    CHECK_EQ_INT(c.error, YK_SCAN_UNRECOGNISED);
}

int main(void)
{
    yk_scanner_params_init(&params, 20, 200, 8);
    test_bare_and_prefixes();
    test_urls();
    test_ticket_shape();
    test_short_codes();
    test_garbage();
    test_terminators_and_chunks();
    test_quiet_gap();
    test_queue_and_params();
    return yk_test_done();
}
