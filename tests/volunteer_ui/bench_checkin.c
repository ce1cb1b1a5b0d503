/* Check-in latency, the core part: from the last character a USB scanner types to the
 * recorded check-in, doing what the check-in screen does on its tick: feed the QR's URL to a
 * yk_scanner in 31-byte chunks (as SDL delivers them) and Enter, take the scan,
 * yk_ticket_verify_db for the event, yk_checkin_admit (the probe, then the record). Prints
 * the median and p99 over N fresh tickets (not a test: figures for people to read).
 *   bench_checkin [N]    (default 300; a temporary data directory is made and removed)
 * The UI's share (build + draw of the result at a screen size) is measured by
 * bench_checkin.sh with the headless driver. */
#include "core/db.h"
#include "core/scanner.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/ticket.h"
#include "core/volunteer.h"
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 300;
    if (n < 1 || n > 2000) {
        fprintf(stderr, "usage: bench_checkin [N (1..2000)]\n");
        return 2;
    }
    char dir[] = "/tmp/yk-bench-checkin-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[256];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    int64_t signup_s = yk_shanghai_to_utc(2026, 12, 5, 10, 0, 0);
    int64_t event_ms = yk_shanghai_to_utc(2026, 12, 12, 9, 40, 0) * 1000;
    struct yk_db db;
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = signup_s * 1000};
    struct yk_ticket_keys keys;
    if (!yk_db_open(&db, &p) || !yk_ticket_keys_load_or_create(&keys, dir, &db, signup_s))
        return 1;
    /* Room for everyone: the sample's event takes 40. */
    sqlite3_exec(db.handle,
                 "UPDATE events SET capacity = 100000, seats_held = 100000"
                 " WHERE id = 'srd-2026-12'",
                 NULL, NULL, NULL);
    char(*urls)[YK_TICKET_URL_MAX] = calloc((size_t)n, sizeof *urls);
    double *t = calloc((size_t)n, sizeof *t);
    for (int i = 0; i < n; i++) {
        char phone[16];
        snprintf(phone, sizeof phone, "139%08d", i);
        struct yk_signup_request req = {
            .event_id = "srd-2026-12", .phone = phone, .party_size = 1, .consent = true};
        struct yk_signup_result res;
        if (yk_signup_submit(&db, &keys, &req, (signup_s + i) * 1000, &res) !=
            YK_SIGNUP_RC_CONFIRMED) {
            fprintf(stderr, "sign-up %d: %s\n", i, yk_signup_rc_name(res.rc));
            return 1;
        }
        yk_ticket_url(NULL, res.signup.ticket_code, urls[i], sizeof urls[i]);
    }
    struct yk_scanner_params sp;
    yk_scanner_params_init(&sp, YK_TICKET_DIGITS, YK_TICKET_DIGITS, YK_TICKET_SHORT_LEN);
    struct yk_scanner sc;
    yk_scanner_init(&sc, &sp);
    int ok = 0;
    for (int i = 0; i < n; i++) {
        int64_t ms = event_ms + i * 1000;
        /* The chunks arrive before the last character; the clock starts at it. */
        size_t len = strlen(urls[i]);
        for (size_t o = 0; o < len; o += 31) {
            char chunk[32];
            size_t c = len - o < 31 ? len - o : 31;
            memcpy(chunk, urls[i] + o, c);
            chunk[c] = 0;
            if (o + c < len)
                yk_scanner_feed_text(&sc, chunk, ms);
            else {
                double t0 = yk_bench_now_ms();
                yk_scanner_feed_text(&sc, chunk, ms);
                yk_scanner_feed_key(&sc, YK_SCANNER_KEY_ENTER, ms);
                struct yk_scan s;
                struct yk_ticket tk;
                struct yk_checkin_outcome out;
                if (yk_scanner_take(&sc, ms, &s) && s.kind == YK_SCAN_TICKET &&
                    yk_ticket_verify_db(&db, s.code, strlen(s.code), "srd-2026-12", &tk) ==
                        YK_TICKET_OK) {
                    struct yk_checkin_request rq = {
                        .event_id = "srd-2026-12", .ticket_code = s.code, .count = 1 << 20};
                    yk_checkin_admit(&db, &rq, ms, &out); /* the probe: how many are left */
                    rq.count = 1;
                    if (yk_checkin_admit(&db, &rq, ms, &out) == YK_CHECKIN_OK)
                        ok++;
                }
                t[i] = yk_bench_now_ms() - t0;
            }
        }
    }
    yk_bench_sort(t, (size_t)n);
    printf("check-in core (scanner + verify + admit), %d tickets, %d checked in:\n", n, ok);
    printf("  median %.3f ms   p99 %.3f ms   max %.3f ms\n", yk_bench_pct(t, (size_t)n, 0.5),
           yk_bench_pct(t, (size_t)n, 0.99), t[n - 1]);
    free(urls);
    free(t);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return ok == n ? 0 : 1;
}
