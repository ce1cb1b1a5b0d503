/* Benchmark of the hub: the real yikong-hub on 127.0.0.1 (ephemeral port, temp dir) and N
 * simulated kiosks syncing against it, each with its own keep-alive connection, driven by a
 * bounded pool of threads. Prints, for N = 10, 100, 1000: requests/s, p50 and p99 latency,
 * the hub's RSS; then the time to push 10,000 records (10 batches of 1,000) and to pull
 * 10,000 content rows (pages of 1,000).
 *   bench_hub            the full run (loopback only; at most ~20 s per scenario)
 *   bench_hub --smoke    tiny figures, for ctest (bench_hub_smoke)
 * One sync cycle of a kiosk = push (5 walk-ins + 1 pending sign-up), pull changes since its
 * cursor (all pages), heartbeat: 3+ requests. */
#include "core/ids.h"
#include "hub/hub_store.h"
#include "hub_client.h"
#include "bench.h"

#include <pthread.h>
#include <sodium.h>
#include <sys/resource.h>

#define MAX_THREADS 64

struct kiosk {
    char id[YK_ID_LEN + 1];
    char token[YK_HUB_TOKEN_LEN + 1];
    CURL *curl;
    struct curl_slist *headers;
    long long cursor;
    long long ms;
};

struct worker {
    struct kiosk *kiosks;
    int first, step, n, rounds;
    double deadline;
    double *lat; /* seconds per request */
    size_t nlat, cap;
    long errors;
};

static struct hub H;

/* One request on the kiosk's own connection (kept alive between requests). */
static long request(struct kiosk *k, const char *method, const char *path, const char *body,
                    struct resp *r, double *secs)
{
    char url[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", H.port, path);
    r->len = 0;
    if (r->body)
        r->body[0] = '\0';
    CURL *c = k->curl;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, k->headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(body));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    double t0 = yk_bench_now_s();
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    *secs = yk_bench_now_s() - t0;
    return status;
}

static void note(struct worker *w, double s, long status, long want)
{
    if (status != want)
        w->errors++;
    if (w->nlat == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 1024;
        double *l = realloc(w->lat, cap * sizeof *l);
        if (!l)
            return;
        w->lat = l;
        w->cap = cap;
    }
    w->lat[w->nlat++] = s;
}

/* Pulls every page after the kiosk's cursor; returns the rows seen. */
static long pull(struct worker *w, struct kiosk *k, struct resp *r, int limit)
{
    long rows = 0;
    for (int page = 0; page < 100000; page++) {
        char path[128];
        double s;
        snprintf(path, sizeof path, "/api/v1/changes?since=%lld&limit=%d", k->cursor, limit);
        long st = request(k, "GET", path, NULL, r, &s);
        if (w)
            note(w, s, st, 200);
        if (st != 200)
            return rows;
        const char *c = r->body ? strstr(r->body, "\"cursor\":") : NULL;
        if (c)
            k->cursor = atoll(c + 9);
        for (const char *p = r->body; (p = strstr(p, "{\"seq\":")); p++)
            rows++;
        if (!strstr(r->body, "\"more\":true"))
            return rows;
    }
    return rows;
}

static void make_push(struct kiosk *k, char *body, size_t n, int walkins, bool with_signup)
{
    size_t len = (size_t)snprintf(body, n, "{\"records\":[");
    for (int i = 0; i < walkins; i++) {
        char id[YK_ID_LEN + 1];
        yk_id_make(id, ++k->ms);
        len += (size_t)snprintf(body + len, n - len,
                                "%s{\"type\":\"walkin\",\"id\":\"%s\",\"kiosk_id\":\"%s\","
                                "\"kind_id\":\"visit\",\"delta\":1,\"created_utc\":1790000000}",
                                i ? "," : "", id, k->id);
    }
    if (with_signup) {
        char id[YK_ID_LEN + 1];
        yk_id_make(id, ++k->ms);
        len += (size_t)snprintf(body + len, n - len,
                                ",{\"type\":\"signup\",\"id\":\"%s\",\"kiosk_id\":\"%s\","
                                "\"event_id\":\"bench-event\",\"party_size\":1,\"status\":"
                                "\"pending\",\"created_utc\":1790000000}",
                                id, k->id);
    }
    snprintf(body + len, n - len, "]}");
}

static void *work(void *arg)
{
    struct worker *w = arg;
    struct resp r = {0};
    char body[4096];
    for (int round = 0; round < w->rounds && yk_bench_now_s() < w->deadline; round++) {
        for (int i = w->first; i < w->n && yk_bench_now_s() < w->deadline; i += w->step) {
            struct kiosk *k = &w->kiosks[i];
            double s;
            make_push(k, body, sizeof body, 5, true);
            long st = request(k, "POST", "/api/v1/push", body, &r, &s);
            note(w, s, st, 200);
            pull(w, k, &r, 500);
            st = request(k, "POST", "/api/v1/heartbeat",
                         "{\"version\":\"bench\",\"uptime_s\":1,\"last_sync_utc\":1790000000,"
                         "\"free_disk_bytes\":1000000}",
                         &r, &s);
            note(w, s, st, 200);
        }
    }
    free(r.body);
    return NULL;
}

static long rss_kib(pid_t pid, const char *field)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "r");
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0)
            v = atol(line + n + 1);
    if (f)
        fclose(f);
    return v;
}

static void kiosk_open(struct kiosk *k)
{
    char auth[128];
    k->curl = curl_easy_init();
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", k->token);
    k->headers = curl_slist_append(NULL, "Expect:");
    k->headers = curl_slist_append(k->headers, auth);
}

static void kiosk_close(struct kiosk *k)
{
    curl_easy_cleanup(k->curl);
    curl_slist_free_all(k->headers);
    k->curl = NULL;
    k->headers = NULL;
}

static void scenario(struct kiosk *all, int n, int rounds, double max_s)
{
    for (int i = 0; i < n; i++)
        kiosk_open(&all[i]);
    int threads = n < MAX_THREADS ? n : MAX_THREADS;
    struct worker w[MAX_THREADS];
    pthread_t t[MAX_THREADS];
    double t0 = yk_bench_now_s();
    for (int i = 0; i < threads; i++) {
        w[i] = (struct worker){.kiosks = all,
                               .first = i,
                               .step = threads,
                               .n = n,
                               .rounds = rounds,
                               .deadline = t0 + max_s};
        pthread_create(&t[i], NULL, work, &w[i]);
    }
    size_t total = 0;
    long errors = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        total += w[i].nlat;
        errors += w[i].errors;
    }
    double wall = yk_bench_now_s() - t0;
    double *lat = malloc((total ? total : 1) * sizeof *lat);
    size_t m = 0;
    for (int i = 0; i < threads; i++) {
        if (lat)
            memcpy(lat + m, w[i].lat, w[i].nlat * sizeof *lat);
        m += w[i].nlat;
        free(w[i].lat);
    }
    if (!lat)
        m = 0;
    yk_bench_sort(lat, m);
    double p50 = yk_bench_pct(lat, m, 0.5), p99 = yk_bench_pct(lat, m, 0.99);
    printf("%5d kiosks %3d threads: %7zu requests in %6.2f s = %8.0f req/s, p50 %6.2f ms, "
           "p99 %7.2f ms, errors %ld, hub RSS %ld KiB (peak %ld KiB)\n",
           n, threads, m, wall, (double)m / wall, p50 * 1e3, p99 * 1e3, errors,
           rss_kib(H.pid, "VmRSS:"), rss_kib(H.pid, "VmHWM:"));
    fflush(stdout);
    free(lat);
    for (int i = 0; i < n; i++)
        kiosk_close(&all[i]);
}

int main(int argc, char **argv)
{
    bool smoke = argc > 1 && strcmp(argv[1], "--smoke") == 0;
    if (sodium_init() < 0)
        return 1;
    /* 1000 kiosks hold 1000 sockets here and as many in the hub. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    hub_init(&H);
    int sizes_full[] = {10, 100, 1000}, sizes_smoke[] = {3};
    int *sizes = smoke ? sizes_smoke : sizes_full;
    int nsizes = smoke ? 1 : 3, maxn = smoke ? 3 : 1000;
    int rows = smoke ? 300 : 10000, records = smoke ? 300 : 10000;

    /* Content and kiosks, straight into the database before the server starts. */
    struct yk_hub_store *s = yk_hub_store_open(H.db);
    if (!s)
        return 1;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO walkin_kinds (id, name_zh) VALUES ('visit', '参观');"
             "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity) VALUES "
             "('bench-event', 'other', '基准测试', 1790000000, 1790003600, 1000000);"
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO services (id, title_zh, title_en, summary_zh, summary_en, sort) "
             "SELECT printf('svc-%%05d', i), '滨江服务项目' || i, 'Riverside service ' || i, "
             "'为居民提供咨询、帮办和志愿服务，地点在益空间服务站，时间以现场公告为准。', "
             "'Advice, help with paperwork and volunteer services for residents at the "
             "Yikong Space stations; times as posted on site.', i FROM n;",
             rows);
    bool ok = yk_hub_load_sql(s, sql);
    struct kiosk *kiosks = calloc((size_t)maxn + 2, sizeof *kiosks);
    for (int i = 0; ok && i < maxn + 2; i++) {
        char code[YK_HUB_SETUP_CODE_LEN + 1], station[64];
        uint8_t pk[32];
        randombytes_buf(pk, sizeof pk);
        yk_id_make(kiosks[i].id, 1700000000000LL + i);
        kiosks[i].ms = 1790000000000LL + (long long)i * 100000000LL;
        ok = yk_hub_kiosk_add(s, "bench", 1, 1000000, code) == YK_HUB_OK &&
             yk_hub_enrol(s, code, kiosks[i].id, pk, 2, kiosks[i].token, station) == YK_HUB_OK;
    }
    yk_hub_store_close(s);
    H.serve_args = "--max-per-ip 2048"; /* every simulated kiosk comes from 127.0.0.1 */
    if (!ok || !hub_start(&H)) {
        fprintf(stderr, "bench_hub: setup failed (is YK_BUILD_DIR set? hub: %s)\n", H.bin);
        free(kiosks);
        hub_cleanup(&H);
        return 1;
    }
    printf("hub pid %d on 127.0.0.1:%d; %d content rows\n", (int)H.pid, H.port, rows);

    /* Pull N content rows from scratch, pages of 1000. */
    struct kiosk *puller = &kiosks[maxn];
    kiosk_open(puller);
    struct resp r = {0};
    double t0 = yk_bench_now_s();
    long got = pull(NULL, puller, &r, 1000);
    double pull_s = yk_bench_now_s() - t0;
    printf("pull %ld content rows (pages of 1000): %.3f s (%.0f rows/s)\n", got, pull_s,
           (double)got / pull_s);

    /* Push N records, batches of 1000. */
    struct kiosk *pusher = &kiosks[maxn + 1];
    kiosk_open(pusher);
    size_t cap = 200 * 1000 + 64;
    char *body = malloc(cap);
    t0 = yk_bench_now_s();
    long pushed = 0, bad = 0;
    while (pushed < records) {
        int batch = records - pushed < 1000 ? (int)(records - pushed) : 1000;
        make_push(pusher, body, cap, batch, false);
        double sec;
        if (request(pusher, "POST", "/api/v1/push", body, &r, &sec) != 200 ||
            strstr(r.body, "\"rejected\""))
            bad++;
        pushed += batch;
    }
    double push_s = yk_bench_now_s() - t0;
    printf("push %ld records (batches of 1000): %.3f s (%.0f records/s)%s\n", pushed, push_s,
           (double)pushed / push_s, bad ? "  ** FAILED BATCHES **" : "");
    free(body);
    free(r.body);
    kiosk_close(puller);
    kiosk_close(pusher);

    /* Kiosks up to date, then syncing. */
    for (int i = 0; i < maxn; i++)
        kiosks[i].cursor = puller->cursor;
    for (int i = 0; i < nsizes; i++) {
        int n = sizes[i];
        int rounds = smoke ? 2 : n <= 10 ? 50 : n <= 100 ? 10 : 3;
        scenario(kiosks, n, rounds, smoke ? 10 : 20);
    }
    bool failed = got < rows || bad > 0;
    free(kiosks);
    hub_cleanup(&H);
    return failed ? 1 : 0;
}
