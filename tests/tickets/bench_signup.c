/* Benchmark: the time of one durable sign-up as the kiosk does it: yk_signup_submit (an
 * IMMEDIATE transaction committed with synchronous=FULL, ticket signed with Ed25519 inside)
 * plus the ticket URL and its QR code (level M). Prints median and p99 over N sign-ups.
 *   bench_signup [N] [DIR]    N default 300; DIR default a new directory under $TMPDIR
 * Run it on the kiosk's own storage (DIR on the SD card): fsync dominates. */
#include "tickets_util.h"

#include "core/log.h"
#include "core/qr.h"
#include "core/signup.h"
#include "core/ticket_keys.h"
#include "bench.h"

#include <time.h>

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 300;
    if (n < 1 || n > 1000000) {
        fprintf(stderr, "usage: bench_signup [N] [DIR]\n");
        return 2;
    }
    yk_log_set_level(YK_LOG_WARN);
    char dir[512];
    bool own_dir = argc <= 2;
    if (own_dir)
        yk_scratch_dir(dir, sizeof dir, "tickets");
    else
        snprintf(dir, sizeof dir, "%s", argv[2]);
    struct yk_db db;
    struct yk_ticket_keys keys;
    if (!tk_open(&db, dir, T0_MS) || !yk_ticket_keys_load_or_create(&keys, dir, &db, T0_S) ||
        !tk_event(&db, "bench", T0_S + 10 * DAY_S, 0, 1000000, 1, 1000000))
        return 1;
    double *total = malloc(sizeof(double) * (size_t)n),
           *qr_only = malloc(sizeof(double) * (size_t)n);
    if (!total || !qr_only)
        return 1;
    int qr_version = 0;
    for (int i = 0; i < n; i++) {
        char phone[12];
        snprintf(phone, sizeof phone, "158%08d", i);
        struct yk_signup_request r = {
            .event_id = "bench", .phone = phone, .party_size = 1, .consent = true};
        struct yk_signup_result res;
        double t0 = yk_bench_now_ms();
        if (yk_signup_submit(&db, &keys, &r, T0_MS + i, &res) != YK_SIGNUP_RC_CONFIRMED) {
            fprintf(stderr, "sign-up %d failed\n", i);
            return 1;
        }
        double t1 = yk_bench_now_ms();
        char url[YK_TICKET_URL_MAX];
        struct yk_qr qr;
        if (!yk_ticket_url("https://hub.wuliqiao.example.cn/", res.signup.ticket_code, url,
                           sizeof url) ||
            !yk_qr_encode(&qr, url, YK_QR_ECC_M))
            return 1;
        qr_version = qr.version;
        yk_qr_destroy(&qr);
        double t2 = yk_bench_now_ms();
        total[i] = t2 - t0;
        qr_only[i] = t2 - t1;
    }
    yk_bench_sort(total, (size_t)n);
    yk_bench_sort(qr_only, (size_t)n);
    printf("{\"bench\":\"signup\",\"n\":%d,\"median_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
           "\"qr_median_ms\":%.3f,\"qr_version\":%d,\"dir\":\"%s\"}\n",
           n, yk_bench_pct(total, (size_t)n, 0.5), yk_bench_pct(total, (size_t)n, 0.99),
           total[n - 1], yk_bench_pct(qr_only, (size_t)n, 0.5), qr_version, dir);
    free(total);
    free(qr_only);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    if (own_dir)
        yk_scratch_remove(dir);
    return 0;
}
