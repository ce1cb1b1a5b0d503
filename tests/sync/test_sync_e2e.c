/* The sync client against the real yikong-hub, all on 127.0.0.1: three kiosks (each its own
 * database, ticket key and HTTP client; the client code is the app's) enrol, get seats, make
 * sign-ups, check-ins, walk-ins and duty, and sync until they converge: every record on the
 * hub exactly once, every kiosk holding every kiosk's key so that tickets verify everywhere.
 * Then the faults: the same batch delivered twice, the hub killed and restarted mid-sync,
 * connections cut mid-transfer by a proxy, a kiosk whose clock is hours off, missing, forged
 * and revoked tokens, a kiosk pushing records as another, online confirmation, and the
 * headless driver's `sync` command. */
#include "hub/hub_client.h"
#include "sync_proxy.h"
#include "sync_test_util.h"

#include "app/sync_http.h"
#include "core/json.h"
#include "core/signup.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "core/volunteer.h"

#include <sodium.h>
#include <sys/stat.h>

#define NK 3

struct kiosk {
    char dir[512];
    struct yk_db db;
    struct yk_ticket_keys keys;
    struct yk_sync_client c;
    char code[64];
    int64_t clock_offset_ms; /* this kiosk's clock minus the true time */
    int phones;
    int seat_block; /* the client's seat_block (0: it never asks for seats) */
};

static struct hub hub;
static struct proxy proxy;
static struct kiosk ks[NK];
static char url[128];

static int64_t now_ms(const struct kiosk *k)
{
    return SYNC_T0_MS + k->clock_offset_ms;
}

/* The hub's database, read directly (WAL: a reader beside the server). */
#define hq(...) hub_db_int(hub.db, __VA_ARGS__)

static void kiosk_client(struct kiosk *k)
{
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = k->dir,
                                       .public_key = k->keys.public_key,
                                       .version = "test",
                                       .page_limit = 50,
                                       .batch_max = 40,
                                       .seat_block = k->seat_block,
                                       .keys = &k->keys};
    if (!yk_sync_client_init(&k->c, &cp)) {
        fprintf(stderr, "client init failed\n");
        exit(2);
    }
}

static void kiosk_open(struct kiosk *k)
{
    sync_tmpdir(k->dir, sizeof k->dir, "kiosk");
    sync_open(&k->db, k->dir, now_ms(k));
    if (!yk_ticket_keys_load_or_create(&k->keys, k->dir, &k->db, now_ms(k) / 1000)) {
        fprintf(stderr, "no ticket key\n");
        exit(2);
    }
    if (hub_cmd(&hub, k->code, sizeof k->code, "kiosk-add station-1") != 0) {
        fprintf(stderr, "kiosk-add failed\n");
        exit(2);
    }
    kiosk_client(k);
}

static void kiosk_close(struct kiosk *k)
{
    yk_sync_client_destroy(&k->c);
    yk_ticket_keys_destroy(&k->keys);
    yk_db_close(&k->db);
    sync_rmtree(k->dir);
}

static enum yk_sync_rc round_of(struct kiosk *k)
{
    return yk_sync_round(&k->c, &k->db, now_ms(k) / 1000, k->code, true);
}

/* Rounds until one succeeds (at most n). */
static enum yk_sync_rc round_until_ok(struct kiosk *k, int n)
{
    enum yk_sync_rc rc = YK_SYNC_RETRY;
    for (int i = 0; i < n && rc != YK_SYNC_OK; i++)
        rc = round_of(k);
    return rc;
}

static void make_records(struct kiosk *k, int signups, int walkins, bool duty)
{
    for (int i = 0; i < signups; i++) {
        char phone[16];
        snprintf(phone, sizeof phone, "139%04d%04d", (int)(k - ks), k->phones++);
        struct yk_signup_request rq = {.event_id = "srd-2026-12",
                                       .phone = phone,
                                       .surname = "李",
                                       .title = YK_TITLE_MR,
                                       .party_size = 1,
                                       .consent = true,
                                       .waitlist_ok = true};
        struct yk_signup_result res;
        enum yk_signup_rc rc = yk_signup_submit(&k->db, &k->keys, &rq, now_ms(k), &res);
        CHECK(rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING ||
              rc == YK_SIGNUP_RC_WAITLIST);
        if (rc == YK_SIGNUP_RC_CONFIRMED && i == 0) {
            struct yk_checkin_request cr = {.event_id = "srd-2026-12",
                                            .ticket_code = res.signup.ticket_code,
                                            .signup_id = res.signup.id,
                                            .count = 1};
            struct yk_checkin_outcome out;
            CHECK(yk_checkin_admit(&k->db, &cr, now_ms(k), &out) == YK_CHECKIN_OK);
        }
    }
    for (int i = 0; i < walkins; i++)
        CHECK(yk_walkin_tap(&k->db, i % 2 ? "consult" : "visit", NULL, now_ms(k) + i, NULL));
    if (duty) {
        CHECK(yk_duty_on(&k->db, "demo", now_ms(k)) == YK_DUTY_OK);
        CHECK(yk_duty_off(&k->db, "demo", now_ms(k) + 3600000) == YK_DUTY_OK);
    }
}

static int local_count(struct kiosk *k, const char *table, const char *state)
{
    return (int)q_int(&k->db, "SELECT count(*) FROM %s WHERE sync_state = '%s'", table, state);
}

/* Every record of every kiosk is on the hub exactly once (ids are primary keys there, so
 * "once" is the count matching), and nothing is waiting here. */
static void check_converged(const char *when)
{
    const char *tables[] = {"signups", "checkins", "walkins", "duty_log"};
    for (size_t t = 0; t < 4; t++) {
        long long local = 0;
        for (int i = 0; i < NK; i++) {
            local += q_int(&ks[i].db,
                           "SELECT count(*) FROM %s WHERE sync_state <> 'rejected' "
                           "AND kiosk_id = '%s'",
                           tables[t], yk_db_kiosk_id(&ks[i].db));
            CHECK_EQ_INT(local_count(&ks[i], tables[t], "pending"), 0);
        }
        long long on_hub = hq("SELECT count(*) FROM %s", tables[t]);
        if (on_hub != local)
            fprintf(stderr, "%s: %s: hub %lld, kiosks %lld\n", when, tables[t], on_hub, local);
        CHECK_EQ_INT(on_hub, local);
    }
}

static void test_converge(void)
{
    for (int i = 0; i < NK; i++) {
        kiosk_open(&ks[i]);
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
        CHECK(yk_sync_enrolled(&ks[i].c));
        /* The token file is the kiosk's alone. */
        char path[600];
        struct stat st;
        int pn = snprintf(path, sizeof path, "%s/%s", ks[i].dir, YK_SYNC_TOKEN_FILE);
        CHECK(pn > 0 && (size_t)pn < sizeof path);
        CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
        /* Seats to confirm offline: 4 each. */
        struct resp r = hub_post(&hub, "/api/v1/seats", ks[i].c.token,
                                 "{\"event_id\": \"srd-2026-12\", \"seats\": 4}");
        CHECK_EQ_INT(r.status, 200);
        resp_free(&r);
    }
    for (int i = 0; i < NK; i++) {
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
        CHECK_EQ_INT(q_int(&ks[i].db, "SELECT seats_held FROM events WHERE id = 'srd-2026-12'"), 4);
        CHECK_EQ_INT(q_int(&ks[i].db, "SELECT deleted FROM volunteers WHERE id = 'demo'"), 0);
        make_records(&ks[i], 6, 25, true); /* 4 confirmed, 2 pending */
    }
    for (int i = 0; i < NK; i++)
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
    for (int i = 0; i < NK; i++)
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK); /* everyone's keys and decisions */
    check_converged("converge");
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups"), NK * 6);
    CHECK_EQ_INT(hq("SELECT count(*) FROM walkins"), NK * 25);
    /* No full phone number reached the hub. */
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE phone IS NOT NULL"), 0);
    /* Every kiosk knows every kiosk's key, and a ticket made on one verifies on the others. */
    for (int i = 0; i < NK; i++) {
        for (int j = 0; j < NK; j++)
            CHECK_EQ_INT(q_int(&ks[i].db,
                               "SELECT count(*) FROM kiosk_keys WHERE key_id = '%s' "
                               "AND deleted = 0",
                               ks[j].keys.key_id_hex),
                         1);
        char code[YK_TICKET_DIGITS + 8];
        q_str(&ks[i].db, code, sizeof code,
              "SELECT ticket_code FROM signups WHERE ticket_code "
              "IS NOT NULL LIMIT 1");
        CHECK(code[0] != '\0');
        for (int j = 0; j < NK; j++) {
            struct yk_ticket t;
            enum yk_ticket_rc rc =
                yk_ticket_verify_db(&ks[j].db, code, strlen(code), "srd-2026-12", &t);
            if (rc != YK_TICKET_OK)
                fprintf(stderr, "kiosk %d's ticket on kiosk %d: %s\n", i, j, yk_ticket_rc_name(rc));
            CHECK(rc == YK_TICKET_OK);
        }
    }
    /* The pending sign-ups were decided by the hub and the decision came down. */
    for (int i = 0; i < NK; i++)
        CHECK_EQ_INT(q_int(&ks[i].db, "SELECT count(*) FROM signups WHERE status = 'pending'"), 0);
    /* Online confirmation: a pending sign-up confirmed by the hub at once. */
    struct kiosk *k = &ks[0];
    CHECK(sqlite3_exec(k->db.handle,
                       "UPDATE events SET seats_held = 0 WHERE id = "
                       "'ceremony-2027-10-01'",
                       0, 0, 0) == SQLITE_OK);
    struct yk_signup_request rq = {.event_id = "ceremony-2027-10-01",
                                   .phone = "13700000000",
                                   .party_size = 1,
                                   .consent = true,
                                   .waitlist_ok = true};
    struct yk_signup_result res;
    enum yk_signup_rc src = yk_signup_submit(&k->db, &k->keys, &rq, now_ms(k), &res);
    CHECK(src == YK_SIGNUP_RC_PENDING);
    if (src == YK_SIGNUP_RC_PENDING) {
        char status[12];
        CHECK_EQ_INT(
            yk_sync_confirm_online(&k->c, &k->db, res.signup.id, true, now_ms(k) / 1000, status),
            YK_SYNC_OK);
        CHECK_EQ_STR(status, "confirmed");
        /* Confirmed by the hub from its pool: the kiosk signed the ticket at once and pushes
         * it with the next round; the hub keeps it. */
        char buf[64], code[YK_TICKET_DIGITS + 1];
        CHECK_EQ_STR(q_str(&k->db, buf, sizeof buf,
                           "SELECT status || '/' || sync_state || '/' "
                           "|| from_allotment FROM signups WHERE id = "
                           "'%s'",
                           res.signup.id),
                     "confirmed/pending/0");
        q_str(&k->db, code, sizeof code,
              "SELECT coalesce(ticket_code, '') FROM signups WHERE "
              "id = '%s'",
              res.signup.id);
        CHECK_EQ_INT(strlen(code), YK_TICKET_DIGITS);
        CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'confirmed' "
                        "AND ticket_code IS NULL",
                        res.signup.id),
                     1);
        CHECK_EQ_INT(round_of(k), YK_SYNC_OK);
        CHECK_EQ_STR(q_str(&k->db, buf, sizeof buf,
                           "SELECT sync_state FROM signups WHERE id = "
                           "'%s'",
                           res.signup.id),
                     "synced");
        CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'confirmed' "
                        "AND ticket_code = '%s'",
                        res.signup.id, code),
                     1);
    }
}

/* The same batch delivered twice (an answer lost): counted once, the second answer all
 * "duplicate". */
static void test_duplicate_batch(void)
{
    struct kiosk *k = &ks[1];
    make_records(k, 0, 10, false);
    struct yk_sync_batch b;
    CHECK(yk_sync_build_push(&k->db, 100, NULL, &b));
    CHECK_EQ_INT(b.count, 10);
    long long before = hq("SELECT count(*) FROM walkins");
    struct resp r1 = hub_http(&hub, "POST", "/api/v1/push", k->c.token, b.json, b.len);
    struct resp r2 = hub_http(&hub, "POST", "/api/v1/push", k->c.token, b.json, b.len);
    CHECK_EQ_INT(r1.status, 200);
    CHECK_EQ_INT(r2.status, 200);
    CHECK_EQ_INT(hq("SELECT count(*) FROM walkins"), before + 10);
    struct yk_sync_push_result pr;
    CHECK(yk_sync_apply_push(&k->db, &b, r2.body, r2.len, now_ms(k) / 1000, &pr));
    CHECK_EQ_INT(pr.duplicate, 10);
    CHECK_EQ_INT(local_count(k, "walkins", "pending"), 0);
    resp_free(&r1);
    resp_free(&r2);
    yk_sync_batch_free(&b);
    check_converged("duplicate");
}

static bool hub_restart(void)
{
    if (!hub_start(&hub))
        return false;
    atomic_store(&proxy.target_port, hub.port);
    return true;
}

struct bg_round {
    struct kiosk *k;
    enum yk_sync_rc rc;
};

static void *bg_round_run(void *arg)
{
    struct bg_round *b = arg;
    b->rc = round_of(b->k);
    return NULL;
}

/* The hub dies (SIGKILL) while a kiosk pushes thousands of records, and comes back: after the
 * next round nothing is lost or doubled. */
static void test_hub_killed(void)
{
    struct kiosk *k = &ks[2];
    make_records(k, 0, 3000, false);
    struct bg_round b = {k, YK_SYNC_OK};
    pthread_t t;
    CHECK(pthread_create(&t, NULL, bg_round_run, &b) == 0);
    /* Kill once some batches went through. */
    for (int i = 0; i < 2000 && local_count(k, "walkins", "synced") < 300; i++)
        usleep(2000);
    kill(hub.pid, SIGKILL);
    waitpid(hub.pid, NULL, 0);
    hub.pid = 0;
    pthread_join(t, NULL);
    int synced = local_count(k, "walkins", "synced");
    printf("hub killed with %d walk-ins synced of %d; round: %s\n", synced,
           synced + local_count(k, "walkins", "pending"), yk_sync_rc_name(b.rc));
    CHECK(b.rc == YK_SYNC_RETRY || b.rc == YK_SYNC_OK);
    /* While the hub is away, rounds fail fast and keep everything. */
    if (b.rc == YK_SYNC_RETRY) {
        CHECK_EQ_INT(round_of(k), YK_SYNC_RETRY);
        CHECK(local_count(k, "walkins", "pending") > 0);
    }
    CHECK(hub_restart());
    CHECK_EQ_INT(round_until_ok(k, 3), YK_SYNC_OK);
    check_converged("hub killed");
}

/* Connections cut after N bytes of answer, at many N: rounds fail and retry; in the end
 * every record is there once. */
static void test_cut_connections(void)
{
    struct kiosk *k = &ks[0];
    long cuts[] = {1, 40, 200, 700, 3000};
    int failures = 0;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        make_records(k, 1, 60, true);
        /* A fresh connection for each request, so that each one may be cut. */
        yk_sync_client_destroy(&k->c);
        kiosk_client(k);
        proxy_cut(&proxy, cuts[i], 2);
        for (int j = 0; j < 3; j++) {
            enum yk_sync_rc rc = round_of(k);
            CHECK(rc == YK_SYNC_OK || rc == YK_SYNC_RETRY || rc == YK_SYNC_BUG);
            failures += rc != YK_SYNC_OK;
        }
        proxy_cut(&proxy, 0, 0);
        CHECK_EQ_INT(round_until_ok(k, 3), YK_SYNC_OK);
    }
    printf("cut connections: %d cuts, %d failed rounds\n", atomic_load(&proxy.cuts_done), failures);
    CHECK(atomic_load(&proxy.cuts_done) > 0);
    CHECK(failures > 0);
    for (int i = 0; i < NK; i++)
        CHECK_EQ_INT(round_until_ok(&ks[i], 3), YK_SYNC_OK);
    check_converged("cut connections");
}

/* The hub answers 413 (batch too large): the client halves the batch and goes on. */
static void test_too_large(void)
{
    struct kiosk *k = &ks[1];
    make_records(k, 0, 70, false);
    yk_sync_client_destroy(&k->c);
    kiosk_client(k); /* batches of 40; a new connection, so the proxy sees it */
    long before = k->c.requests;
    atomic_store(&proxy.too_large_left, 1);
    struct yk_sync_push_result pr = {0};
    CHECK_EQ_INT(yk_sync_push(&k->c, &k->db, now_ms(k) / 1000, &pr), YK_SYNC_OK);
    CHECK_EQ_INT(atomic_load(&proxy.too_large_done), 1);
    CHECK_EQ_INT(pr.accepted, 70);
    /* 413 for 40, then 20 + 20 + 20 + 10. */
    CHECK_EQ_INT(k->c.requests - before, 5);
    check_converged("413");
}

/* A kiosk whose clock is 7 hours fast: its records keep its times; content changed on the
 * hub reaches it (the cursor is a sequence number, not a time). */
static void test_clock_off(void)
{
    struct kiosk *k = &ks[1];
    k->clock_offset_ms = 7 * 3600 * 1000LL;
    char id[YK_ID_LEN + 1];
    CHECK(yk_walkin_tap(&k->db, "consult", NULL, now_ms(k), id));
    char sql[600];
    snprintf(sql, sizeof sql, "%s/change.sql", hub.dir);
    FILE *f = fopen(sql, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("UPDATE walkin_kinds SET name_zh = '咨询（新）' WHERE id = 'consult';\n", f);
        fclose(f);
    }
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "load %s", sql), 0);
    CHECK_EQ_INT(round_of(k), YK_SYNC_OK);
    CHECK_EQ_INT(hq("SELECT created_utc FROM walkins WHERE id = '%s'", id), now_ms(k) / 1000);
    char buf[64];
    CHECK_EQ_STR(q_str(&k->db, buf, sizeof buf,
                       "SELECT name_zh FROM walkin_kinds WHERE id = "
                       "'consult'"),
                 "咨询（新）");
    k->clock_offset_ms = -5 * 3600 * 1000LL;
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "delete walkin_kinds group-tour"), 0);
    CHECK_EQ_INT(round_of(k), YK_SYNC_OK);
    CHECK_EQ_INT(q_int(&k->db, "SELECT deleted FROM walkin_kinds WHERE id = 'group-tour'"), 1);
    k->clock_offset_ms = 0;
}

/* Tokens: none, forged, revoked; and records pushed as another kiosk. */
static void test_tokens(void)
{
    struct resp r = hub_get(&hub, "/api/v1/changes?since=0&limit=1", NULL);
    CHECK_EQ_INT(r.status, 401);
    resp_free(&r);
    r = hub_get(&hub, "/api/v1/changes?since=0&limit=1",
                "0000000000000000000000000000000000000000000000000000000000000000");
    CHECK_EQ_INT(r.status, 401);
    resp_free(&r);

    /* A forged token file: the round says enrolment is needed, and nothing is lost. */
    struct kiosk *k = &ks[0];
    char saved[80];
    snprintf(saved, sizeof saved, "%s", k->c.token);
    snprintf(k->c.token, sizeof k->c.token, "%s", "ab12ab12ab12ab12ab12ab12ab12ab12");
    make_records(k, 0, 3, false);
    CHECK_EQ_INT(round_of(k), YK_SYNC_NEED_ENROL);
    CHECK_EQ_INT(local_count(k, "walkins", "pending"), 3);
    snprintf(k->c.token, sizeof k->c.token, "%s", saved);

    /* Kiosk 0 pushes a record made as kiosk 1: set aside (wrong-kiosk), the queue goes on. */
    CHECK(yk_walkin_tap(&k->db, "consult", yk_db_kiosk_id(&ks[1].db), now_ms(k), NULL));
    CHECK_EQ_INT(round_of(k), YK_SYNC_OK);
    CHECK_EQ_INT(local_count(k, "walkins", "pending"), 0);
    CHECK_EQ_INT(local_count(k, "walkins", "rejected"), 1);
    char buf[64];
    CHECK_EQ_STR(q_str(&k->db, buf, sizeof buf, "SELECT reason FROM sync_rejects"), "wrong-kiosk");
    int waiting = -1, aside = -1;
    CHECK(yk_sync_counts(&k->db, &waiting, &aside) && waiting == 0 && aside == 1);

    /* Kiosk 2 is revoked: its rounds are refused, its records stay; the others learn that
     * its key is revoked. */
    struct kiosk *v = &ks[2];
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "kiosk-revoke %s", yk_db_kiosk_id(&v->db)), 0);
    make_records(v, 0, 2, false);
    CHECK_EQ_INT(round_of(v), YK_SYNC_REFUSED);
    CHECK_EQ_INT(local_count(v, "walkins", "pending"), 2);
    CHECK_EQ_INT(round_of(&ks[1]), YK_SYNC_OK);
    CHECK_EQ_INT(q_int(&ks[1].db,
                       "SELECT revoked_utc IS NOT NULL FROM kiosk_keys WHERE key_id "
                       "= '%s'",
                       v->keys.key_id_hex),
                 1);
    /* The used setup code does not enrol again. */
    CHECK_EQ_INT(yk_sync_enrol(&v->c, &v->db, v->code), YK_SYNC_REFUSED);
}

/* The headless driver's `sync` command: enrols and syncs; fails the line with the hub away. */
static void test_driver(void)
{
    char dir[512], conf[600], cmd[2048], code[64];
    sync_tmpdir(dir, sizeof dir, "driver");
    CHECK_EQ_INT(hub_cmd(&hub, code, sizeof code, "kiosk-add station-2"), 0);
    snprintf(conf, sizeof conf, "%s/k.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return;
    fprintf(f, "hub_url = %s\nsetup_code = %s\n", url, code);
    fclose(f);
    const char *build = getenv("YK_BUILD_DIR");
    snprintf(cmd, sizeof cmd,
             "printf 'sync\\nsync\\n' | '%s/src/app/yikong-kiosk' --headless --size 800x480 "
             "--config '%s' --data-dir '%s' --script - > '%s/out.log' 2>&1",
             build ? build : "build", conf, dir, dir);
    CHECK_EQ_INT(system(cmd), 0);
    CHECK_EQ_INT(hq("SELECT count(*) FROM kiosks WHERE station_id = 'station-2'"), 1);
    /* The code never reaches the log. */
    snprintf(cmd, sizeof cmd, "grep -q '%s' '%s/out.log'", code, dir);
    CHECK(system(cmd) != 0);
    atomic_store(&proxy.target_port, 1); /* nothing listens there */
    snprintf(cmd, sizeof cmd,
             "printf 'sync\\n' | '%s/src/app/yikong-kiosk' --headless --size 800x480 "
             "--config '%s' --data-dir '%s' --script - > '%s/out2.log' 2>&1",
             build ? build : "build", conf, dir, dir);
    CHECK(system(cmd) != 0);
    atomic_store(&proxy.target_port, hub.port);
    sync_rmtree(dir);
}

/* The hub's seat figures of event: confirmed people, seats allotted, confirmed from the pool;
 * and the invariant: never more than the capacity. */
static void check_seats(const char *event, int capacity, const char *when)
{
    long long conf = hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = '%s' "
                        "AND status = 'confirmed'",
                        event);
    long long allot =
        hq("SELECT coalesce(sum(seats), 0) FROM allotments WHERE event_id = '%s'", event);
    long long pool = hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = '%s' "
                        "AND status = 'confirmed' AND from_allotment = 0",
                        event);
    printf("%s: %s confirmed %lld, allotted %lld, from the pool %lld, capacity %d\n", when, event,
           conf, allot, pool, capacity);
    CHECK(conf <= capacity);
    CHECK(allot + pool <= capacity);
}

static enum yk_signup_rc sign_one(struct kiosk *k, const char *event, const char *phone,
                                  struct yk_signup_result *res)
{
    struct yk_signup_request rq = {.event_id = event,
                                   .phone = phone,
                                   .surname = "王",
                                   .title = YK_TITLE_MS,
                                   .party_size = 1,
                                   .consent = true,
                                   .waitlist_ok = true};
    return yk_signup_submit(&k->db, &k->keys, &rq, now_ms(k), res);
}

/* Allotments asked for by the sync round itself (seat_block 4), with the real hub: two
 * kiosks get blocks of an event of 10 seats, sign people up offline (within the block:
 * confirmed with a ticket; beyond it: pending, then decided by the hub in order), top up,
 * and give back the unused seats after the deadline, which lets the waitlist in. A sign-up
 * the hub confirms later gets a ticket signed by its kiosk, which the hub stores and shows,
 * and which a returning person gets back and a volunteer can check in. The hub never
 * overbooks. */
static void test_allotments(void)
{
    const int64_t t0 = SYNC_T0_MS / 1000;
    char sql[600], path[700];
    snprintf(sql, sizeof sql, "%s/seats.sql", hub.dir);
    FILE *f = fopen(sql, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f,
            "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, "
            "signup_deadline_utc, capacity, max_party) VALUES ('seat-test', 'other', "
            "'座位测试', %lld, %lld, %lld, 10, 4);\n",
            (long long)(t0 + 9 * 86400), (long long)(t0 + 9 * 86400 + 3600),
            (long long)(t0 + 8 * 86400));
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "load %s", sql), 0);

    static struct kiosk a, b;
    a.seat_block = b.seat_block = 4;
    kiosk_open(&a);
    kiosk_open(&b);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    /* Each holds a block without anyone asking by hand. */
    CHECK_EQ_INT(q_int(&a.db, "SELECT seats_held FROM events WHERE id = 'seat-test'"), 4);
    CHECK_EQ_INT(q_int(&b.db, "SELECT seats_held FROM events WHERE id = 'seat-test'"), 4);
    CHECK_EQ_INT(hq("SELECT seats FROM allotments WHERE event_id = 'seat-test' AND kiosk_id = "
                    "'%s'",
                    yk_db_kiosk_id(&a.db)),
                 4);
    check_seats("seat-test", 10, "blocks given");

    /* Offline: 4 confirmed with a ticket, the 5th pending (no ticket). */
    struct yk_signup_result res;
    char pending_id[YK_ID_LEN + 1] = "", phone[16];
    for (int i = 0; i < 5; i++) {
        snprintf(phone, sizeof phone, "1360000%04d", i);
        enum yk_signup_rc rc = sign_one(&a, "seat-test", phone, &res);
        CHECK_EQ_INT(rc, i < 4 ? YK_SIGNUP_RC_CONFIRMED : YK_SIGNUP_RC_PENDING);
        CHECK_EQ_INT(res.signup.ticket_code[0] != '\0', i < 4);
        if (i == 4)
            snprintf(pending_id, sizeof pending_id, "%s", res.signup.id);
    }
    /* One round: pushed, the pending one confirmed from the pool (2 free), the block topped
     * up as far as the pool allows (1 more), the decision pulled and the ticket signed here
     * and pushed. */
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    check_seats("seat-test", 10, "after kiosk A");
    char buf[256], code[YK_TICKET_DIGITS + 1], shortc[16];
    CHECK_EQ_STR(q_str(&a.db, buf, sizeof buf,
                       "SELECT status || '/' || from_allotment || '/' || "
                       "sync_state FROM signups WHERE id = '%s'",
                       pending_id),
                 "confirmed/0/synced");
    q_str(&a.db, code, sizeof code, "SELECT coalesce(ticket_code, '') FROM signups WHERE id = '%s'",
          pending_id);
    q_str(&a.db, shortc, sizeof shortc,
          "SELECT coalesce(short_code, '') FROM signups WHERE id = "
          "'%s'",
          pending_id);
    CHECK_EQ_INT(strlen(code), YK_TICKET_DIGITS);
    CHECK_EQ_INT(q_int(&a.db, "SELECT seats_held FROM events WHERE id = 'seat-test'"), 5);
    /* The hub stored the kiosk's ticket for its pool confirmation. */
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND ticket_code = '%s' AND "
                    "status = 'confirmed'",
                    pending_id, code),
                 1);
    /* A person who comes back with the same number gets that ticket, which verifies here and
     * on kiosk B, and a volunteer finds it by its short code. */
    CHECK_EQ_INT(sign_one(&a, "seat-test", "13600000004", &res), YK_SIGNUP_RC_EXISTING);
    CHECK_EQ_STR(res.signup.ticket_code, code);
    CHECK_EQ_INT(res.signup.seat, YK_SEAT_CONFIRMED);
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_verify_db(&a.db, code, strlen(code), "seat-test", &t), YK_TICKET_OK);
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK); /* B learns A's key (it already had it) */
    CHECK_EQ_INT(yk_ticket_verify_db(&b.db, code, strlen(code), "seat-test", &t), YK_TICKET_OK);
    struct yk_signup_info found;
    CHECK_EQ_INT(yk_signup_find_by_code(&a.db, shortc, &found), 1);
    CHECK_EQ_STR(found.id, pending_id);
    /* The hub's page for phones shows it confirmed. */
    snprintf(path, sizeof path, "/T/%s", code);
    struct resp r = hub_get(&hub, path, NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(r.body && strstr(r.body, "已确认") && strstr(r.body, "****0004"));
    resp_free(&r);
    /* Pushed again (nothing new): duplicate, the ticket unchanged. */
    CHECK(q_int(&a.db, "UPDATE signups SET sync_state = 'pending' WHERE id = '%s' RETURNING 1",
                pending_id) == 1);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE ticket_code = '%s'", code), 1);

    /* Kiosk B: 4 confirmed from its block, 2 beyond it wait (the pool is used up). */
    for (int i = 0; i < 6; i++) {
        snprintf(phone, sizeof phone, "1370000%04d", i);
        CHECK_EQ_INT(sign_one(&b, "seat-test", phone, &res),
                     i < 4 ? YK_SIGNUP_RC_CONFIRMED : YK_SIGNUP_RC_PENDING);
    }
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    check_seats("seat-test", 10, "after kiosk B");
    CHECK_EQ_INT(q_int(&b.db, "SELECT count(*) FROM signups WHERE event_id = 'seat-test' AND "
                              "status = 'waitlist' AND ticket_code IS NULL"),
                 2);
    CHECK_EQ_INT(q_int(&b.db, "SELECT seats_held FROM events WHERE id = 'seat-test'"), 4);
    /* Not below what is confirmed here, whatever the round asks. */
    CHECK(q_int(&a.db, "SELECT seats_held FROM events WHERE id = 'seat-test'") >= 4);

    /* After the deadline kiosk A gives back its unused held seat: the first in line on B's
     * waitlist is confirmed, and B signs its ticket. */
    a.clock_offset_ms = b.clock_offset_ms = 8 * 86400 * 1000LL + 60000;
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(q_int(&a.db, "SELECT seats_held FROM events WHERE id = 'seat-test'"), 4);
    CHECK_EQ_INT(hq("SELECT seats FROM allotments WHERE event_id = 'seat-test' AND kiosk_id = "
                    "'%s'",
                    yk_db_kiosk_id(&a.db)),
                 4);
    check_seats("seat-test", 10, "after the release");
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    CHECK_EQ_INT(q_int(&b.db, "SELECT count(*) FROM signups WHERE event_id = 'seat-test' AND "
                              "status = 'confirmed' AND ticket_code IS NOT NULL"),
                 5);
    CHECK_EQ_INT(q_int(&b.db, "SELECT count(*) FROM signups WHERE event_id = 'seat-test' AND "
                              "status = 'waitlist'"),
                 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE event_id = 'seat-test' AND status = "
                    "'confirmed' AND ticket_code IS NULL"),
                 0);
    CHECK_EQ_INT(hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = "
                    "'seat-test' AND status = 'confirmed'"),
                 10);
    check_seats("seat-test", 10, "at the end");
    /* Nothing left waiting on either kiosk. */
    CHECK_EQ_INT(local_count(&a, "signups", "pending"), 0);
    CHECK_EQ_INT(local_count(&b, "signups", "pending"), 0);
    kiosk_close(&a);
    kiosk_close(&b);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    hub_init(&hub);
    if (hub_cmd(&hub, NULL, 0, "load-sample") != 0 || !hub_start(&hub) ||
        !proxy_start(&proxy, hub.port)) {
        fprintf(stderr, "cannot start the hub or the proxy\n");
        hub_cleanup(&hub);
        return 2;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", proxy.port);
    test_converge();
    test_duplicate_batch();
    test_hub_killed();
    test_cut_connections();
    test_too_large();
    test_clock_off();
    test_driver();
    test_allotments();
    test_tokens();
    for (int i = 0; i < NK; i++)
        kiosk_close(&ks[i]);
    proxy_stop(&proxy);
    hub_cleanup(&hub);
    return yk_test_done();
}
