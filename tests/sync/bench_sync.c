/* bench_sync: the kiosk side of sync through the real client (src/app/sync_http.c) against a
 * real yikong-hub on 127.0.0.1. Prints the time to push N records (walk-ins, batches of
 * 500) and to pull N content rows from scratch (events, pages of 1000), and the rates.
 *   YK_BUILD_DIR=build build/tests/bench_sync [N]     (default 10000)
 *   bench_sync --smoke                                 (N = 300: the ctest sync_bench_smoke) */
#include "hub/hub_client.h"
#include "sync_test_util.h"

#include "app/sync_http.h"
#include "core/log.h"
#include "core/ticket.h"
#include "core/volunteer.h"
#include "bench.h"

#include <sodium.h>

struct kiosk {
    char dir[512];
    struct yk_db db;
    struct yk_ticket_keys keys;
    struct yk_sync_client c;
    char code[64];
};

static bool kiosk_open(struct kiosk *k, struct hub *h, const char *url, int page, int batch)
{
    sync_tmpdir(k->dir, sizeof k->dir, "bench");
    sync_open(&k->db, k->dir, SYNC_T0_MS);
    if (!yk_ticket_keys_load_or_create(&k->keys, k->dir, &k->db, SYNC_T0_MS / 1000) ||
        hub_cmd(h, k->code, sizeof k->code, "kiosk-add station-1") != 0)
        return false;
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = k->dir,
                                       .public_key = k->keys.public_key,
                                       .version = "bench",
                                       .page_limit = page,
                                       .batch_max = batch};
    return yk_sync_client_init(&k->c, &cp) && yk_sync_enrol(&k->c, &k->db, k->code) == YK_SYNC_OK;
}

static void kiosk_close(struct kiosk *k)
{
    yk_sync_client_destroy(&k->c);
    yk_ticket_keys_destroy(&k->keys);
    yk_db_close(&k->db);
    sync_rmtree(k->dir);
}

int main(int argc, char **argv)
{
    int n = 10000;
    if (argc > 1)
        n = strcmp(argv[1], "--smoke") == 0 ? 300 : atoi(argv[1]);
    if (n < 1 || sodium_init() < 0)
        return 2;
    yk_log_set_level(YK_LOG_WARN);
    struct hub h;
    hub_init(&h);
    char sql[600];
    snprintf(sql, sizeof sql, "%s/bench.sql", h.dir);
    FILE *f = fopen(sql, "w");
    if (!f)
        return 2;
    fprintf(f,
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
            "INSERT INTO events (id, kind, title_zh, title_en, summary_zh, place_zh, starts_utc, "
            "ends_utc, capacity, max_party) SELECT 'bench-' || i, 'charity', '基准活动 ' || i, "
            "'Benchmark event ' || i, '一段说明文字，长度和真实的活动介绍差不多。', '滨江', "
            "1796100000 + i * 60, 1796107200 + i * 60, 30, 4 FROM n;\n",
            n);
    fclose(f);
    int status = 1;
    if (hub_cmd(&h, NULL, 0, "load-sample") != 0 || hub_cmd(&h, NULL, 0, "load %s", sql) != 0 ||
        !hub_start(&h)) {
        fprintf(stderr, "cannot prepare the hub\n");
        hub_cleanup(&h);
        return 2;
    }
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d", h.port);
    struct kiosk a = {0}, b = {0};
    if (!kiosk_open(&a, &h, url, 1000, 500) || !kiosk_open(&b, &h, url, 1000, 500)) {
        fprintf(stderr, "cannot enrol\n");
        goto out;
    }
    /* Kiosk a knows the walk-in kinds (a first pull), then makes n walk-ins. */
    if (yk_sync_pull(&a.c, &a.db, NULL) != YK_SYNC_OK)
        goto out;
    for (int i = 0; i < n; i++)
        if (!yk_walkin_tap(&a.db, i % 2 ? "consult" : "visit", NULL, SYNC_T0_MS + i, NULL))
            goto out;
    double t0 = yk_bench_now_s();
    struct yk_sync_push_result pr = {0};
    enum yk_sync_rc rc = yk_sync_push(&a.c, &a.db, SYNC_T0_MS / 1000, &pr);
    double push_s = yk_bench_now_s() - t0;
    if (rc != YK_SYNC_OK || pr.accepted != n) {
        fprintf(stderr, "push: %s, %d accepted of %d\n", yk_sync_rc_name(rc), pr.accepted, n);
        goto out;
    }
    /* Kiosk b pulls everything from scratch: the sample content plus n events. */
    t0 = yk_bench_now_s();
    long rows = 0;
    rc = yk_sync_pull(&b.c, &b.db, &rows);
    double pull_s = yk_bench_now_s() - t0;
    long events = (long)q_int(&b.db, "SELECT count(*) FROM events WHERE id LIKE 'bench-%%'");
    if (rc != YK_SYNC_OK || events != n) {
        fprintf(stderr, "pull: %s, %ld bench events of %d\n", yk_sync_rc_name(rc), events, n);
        goto out;
    }
    printf("push %d records (batches of 500): %.2f s (%.0f records/s, %ld requests)\n", n, push_s,
           n / push_s, a.c.requests);
    printf("pull %ld content rows from scratch (pages of 1000): %.2f s (%.0f rows/s, %ld pages)\n",
           b.c.pulled_rows, pull_s, (double)b.c.pulled_rows / pull_s, b.c.pages);
    status = 0;
out:
    kiosk_close(&a);
    kiosk_close(&b);
    hub_cleanup(&h);
    return status;
}
