/* Fuzz target for the scanner input assembler and classifier (src/core/scanner.c).
 *
 * Input: byte 0 picks one of three parameter sets; the rest is a program of operations
 * (text chunks of 0..31 bytes, Enter, Tab, time steps, takes) run against one scanner, and
 * then the same rest fed as text once whole and once in small pieces.
 * Checked: no crash or sanitizer report; every scan is well-formed (a ticket is digits of a
 * ticket's length, a short code is canonical Crockford base32 of the short length, garbage
 * has a reason and no code); a code classifies to itself again; the deadline is consistent;
 * and how the text is cut into chunks never changes the scans. */
#include "fuzz/require.h"
#include "core/base32.h"
#include "core/scanner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_scan(const struct yk_scanner_params *p, const struct yk_scan *s)
{
    size_t n = strnlen(s->code, sizeof s->code);
    REQUIRE(n < sizeof s->code);
    REQUIRE(yk_scan_error_str(s->error) != NULL);
    REQUIRE(s->started_ms <= s->ended_ms);
    REQUIRE(s->chars >= p->min_burst || s->error == YK_SCAN_TOO_LONG);
    REQUIRE(!s->lenient_url || s->from_url);
    switch (s->kind) {
    case YK_SCAN_TICKET:
        REQUIRE(s->error == YK_SCAN_OK);
        REQUIRE(n >= (size_t)p->ticket_min_digits && n <= (size_t)p->ticket_max_digits);
        for (size_t i = 0; i < n; i++)
            REQUIRE(s->code[i] >= '0' && s->code[i] <= '9');
        break;
    case YK_SCAN_SHORT_CODE:
        REQUIRE(s->error == YK_SCAN_OK && !s->from_url);
        REQUIRE(p->short_code_len > 0 && n == (size_t)p->short_code_len);
        REQUIRE(yk_base32_valid(s->code, n));
        break;
    case YK_SCAN_GARBAGE:
        REQUIRE(s->error != YK_SCAN_OK && n == 0 && !s->from_url);
        break;
    default:
        REQUIRE(!"kind out of range");
    }
    if (s->kind != YK_SCAN_GARBAGE) {
        /* A code is a fixed point: read again, it is the same code. */
        struct yk_scan again;
        REQUIRE(yk_scan_classify(p, s->code, n, &again));
        REQUIRE(again.kind == s->kind && strcmp(again.code, s->code) == 0 && !again.from_url);
    }
}

static void drain(struct yk_scanner *sc, int64_t now, struct yk_scan *log, int *n, int cap)
{
    struct yk_scan s;
    while (yk_scanner_take(sc, now, &s)) {
        check_scan(&sc->p, &s);
        if (log && *n < cap)
            log[(*n)++] = s;
    }
}

static void run_program(const struct yk_scanner_params *p, const uint8_t *d, size_t size)
{
    struct yk_scanner sc;
    REQUIRE(yk_scanner_init(&sc, p));
    int64_t now = 1000;
    size_t i = 0;
    while (i < size) {
        uint8_t op = d[i++];
        switch (op & 7) {
        case 0:
        case 1:
        case 2:
        case 3: {
            size_t len = i < size ? d[i++] % 32 : 0;
            if (len > size - i)
                len = size - i;
            yk_scanner_feed_bytes(&sc, (const char *)d + i, len, now);
            i += len;
            break;
        }
        case 4:
            yk_scanner_feed_key(&sc, YK_SCANNER_KEY_ENTER, now);
            break;
        case 5:
            yk_scanner_feed_key(&sc, YK_SCANNER_KEY_TAB, now);
            break;
        case 6:
            now += i < size ? d[i++] : 1;
            break;
        case 7:
            drain(&sc, now, NULL, NULL, 0);
            break;
        }
        int64_t dl = yk_scanner_deadline(&sc);
        REQUIRE(dl >= 0);
        if (sc.q_count == 0 && sc.active)
            REQUIRE(dl == sc.last_ms + p->quiet_gap_ms);
        if (!sc.active && sc.q_count == 0)
            REQUIRE(dl == YK_SCANNER_NO_DEADLINE);
        REQUIRE(sc.len <= sizeof sc.buf && sc.q_count >= 0 && sc.q_count <= YK_SCANNER_QUEUE);
    }
    /* Waking at the deadline always finishes what is pending. */
    for (int round = 0; round < 3; round++) {
        int64_t dl = yk_scanner_deadline(&sc);
        if (dl == YK_SCANNER_NO_DEADLINE)
            break;
        now = dl > now ? dl : now;
        drain(&sc, now, NULL, NULL, 0);
    }
    REQUIRE(yk_scanner_deadline(&sc) == YK_SCANNER_NO_DEADLINE);
}

#define LOG_CAP 64

/* Feeds d as text at one instant, cut where cut() says, taking scans as they come. */
static int run_chunked(const struct yk_scanner_params *p, const uint8_t *d, size_t size, bool whole,
                       struct yk_scan *log)
{
    struct yk_scanner sc;
    REQUIRE(yk_scanner_init(&sc, p));
    int n = 0;
    size_t i = 0;
    while (i < size) {
        size_t len = whole ? size : (size_t)(d[i] % 7) + 1;
        if (len > size - i)
            len = size - i;
        yk_scanner_feed_bytes(&sc, (const char *)d + i, len, 5);
        i += len;
        drain(&sc, 5, log, &n, LOG_CAP);
        if (whole)
            break;
    }
    yk_scanner_feed_key(&sc, YK_SCANNER_KEY_ENTER, 5);
    drain(&sc, 5, log, &n, LOG_CAP);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    struct yk_scanner_params p;
    switch (data[0] % 3) {
    case 0:
        yk_scanner_params_init(&p, 20, 200, 8);
        break;
    case 1:
        yk_scanner_params_init(&p, 6, 10, 12);
        p.min_burst = 1;
        break;
    default:
        yk_scanner_params_init(&p, 1, YK_SCANNER_MAX, 0);
        p.quiet_gap_ms = 1;
        break;
    }
    REQUIRE(yk_scanner_params_valid(&p));
    const uint8_t *d = data + 1;
    size--;

    run_program(&p, d, size);

    /* One call with the whole text or many small ones: the same scans. The whole-text run
     * takes scans only at the end, so keep the comparison to what fits in the queue. */
    static struct yk_scan a[LOG_CAP], b[LOG_CAP];
    int na = run_chunked(&p, d, size, true, a);
    int nb = run_chunked(&p, d, size, false, b);
    if (na < YK_SCANNER_QUEUE) {
        REQUIRE(na == nb);
        for (int k = 0; k < na; k++) {
            REQUIRE(a[k].kind == b[k].kind && a[k].error == b[k].error);
            REQUIRE(strcmp(a[k].code, b[k].code) == 0 && a[k].chars == b[k].chars);
        }
    }

    /* The classifier alone on any bytes, bounded or not. */
    struct yk_scan c;
    (void)yk_scan_classify(&p, (const char *)d, size, &c);
    if (c.kind != YK_SCAN_GARBAGE || c.error != YK_SCAN_TOO_LONG) {
        REQUIRE(size <= YK_SCANNER_MAX);
        c.started_ms = c.ended_ms = 0;
        if (c.chars >= p.min_burst)
            check_scan(&p, &c);
    }
    return 0;
}
