/* Randomised interleavings of sign-ups across kiosks, with the real hub on 127.0.0.1 and the
 * kiosks' own code (sign-up rules, sync client with seat blocks, online confirmation): three
 * kiosks sign people up on two small events (offline from their blocks, pending beyond
 * them), people come back with the same number, some cancel, kiosks sync in random order
 * and sometimes ask the hub to confirm a pending sign-up online; the clock moves on past the
 * sign-up deadline so that unused seats are given back. Several fixed seeds. After every
 * step:
 *   - no event is overbooked on the hub (confirmed seats <= capacity; allotments and the
 *     seats confirmed from the common pool fit in it);
 *   - no kiosk confirmed more offline than the seats it holds;
 *   - a sign-up once shown confirmed (with its ticket) is still confirmed, here and on the
 *     hub, unless its own kiosk cancelled it;
 * and at the end, after rounds on every kiosk, the kiosks and the hub agree on every
 * sign-up's status, nothing is pending, and every confirmed sign-up has a ticket that
 * verifies on every kiosk. */
#include "hub/hub_client.h"
#include "sync_test_util.h"

#include "app/sync_http.h"
#include "core/signup.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <sodium.h>

#define NK 3
#define STEPS 160
#define MAX_SIGNUPS 400

static struct hub hub;
static char url[128];

struct kiosk {
    char dir[256];
    struct yk_db db;
    struct yk_ticket_keys keys;
    struct yk_sync_client c;
    char code[64];
};

/* A sign-up a person was shown as confirmed (with its ticket). */
struct shown {
    int kiosk;
    char id[YK_ID_LEN + 1];
    bool cancelled;
};

static struct kiosk ks[NK];
static struct shown shown[MAX_SIGNUPS];
static int nshown;
static int64_t now_s;
static int online_confirmed;
static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* The hub's database, read directly (WAL: a reader beside the server). */
#define hq(...) hub_db_int(hub.db, __VA_ARGS__)

/* Two small events per seed (ids made per seed: the hub never deletes rows). */
#define NEV 2
static struct {
    char id[32];
    int capacity;
} events[NEV];

static void kiosk_open(struct kiosk *k, int seat_block)
{
    sync_tmpdir(k->dir, sizeof k->dir, "rand");
    sync_open(&k->db, k->dir, now_s * 1000);
    if (!yk_ticket_keys_load_or_create(&k->keys, k->dir, &k->db, now_s) ||
        hub_cmd(&hub, k->code, sizeof k->code, "kiosk-add station-1") != 0) {
        fprintf(stderr, "kiosk set-up failed\n");
        exit(2);
    }
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = k->dir,
                                       .public_key = k->keys.public_key,
                                       .version = "test",
                                       .page_limit = 50,
                                       .batch_max = 7,
                                       .seat_block = seat_block,
                                       .keys = &k->keys};
    if (!yk_sync_client_init(&k->c, &cp)) {
        fprintf(stderr, "client init failed\n");
        exit(2);
    }
}

static void kiosk_close(struct kiosk *k)
{
    yk_sync_client_destroy(&k->c);
    yk_ticket_keys_destroy(&k->keys);
    yk_db_close(&k->db);
    char dir[sizeof k->dir];
    memcpy(dir, k->dir, sizeof dir); /* (a copy GCC can see the size of) */
    sync_rmtree(dir);
}

static enum yk_sync_rc round_of(struct kiosk *k)
{
    return yk_sync_round(&k->c, &k->db, now_s, k->code, true);
}

static void check_invariants(int seed, int step)
{
    for (int e = 0; e < NEV; e++) {
        const char *ev = events[e].id;
        long long conf = hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = "
                            "'%s' AND status = 'confirmed'",
                            ev);
        long long allot = hq("SELECT coalesce(sum(seats), 0) FROM allotments WHERE event_id = "
                             "'%s'",
                             ev);
        long long pool = hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = "
                            "'%s' AND status = 'confirmed' AND from_allotment = 0",
                            ev);
        if (conf > events[e].capacity || allot + pool > events[e].capacity)
            fprintf(stderr,
                    "seed %d step %d: %s overbooked: confirmed %lld, allotted %lld, "
                    "pool %lld, capacity %d\n",
                    seed, step, ev, conf, allot, pool, events[e].capacity);
        CHECK(conf <= events[e].capacity);
        CHECK(allot + pool <= events[e].capacity);
        for (int i = 0; i < NK; i++) {
            struct yk_signup_seats s;
            CHECK(yk_signup_seats(&ks[i].db, ev, &s));
            CHECK(s.from_held <= s.held);
        }
    }
    char buf[32];
    for (int i = 0; i < nshown; i++) {
        if (shown[i].cancelled)
            continue;
        struct kiosk *k = &ks[shown[i].kiosk];
        const char *local = q_str(&k->db, buf, sizeof buf,
                                  "SELECT status FROM signups WHERE id = '%s'", shown[i].id);
        if (strcmp(local, "confirmed") != 0)
            fprintf(stderr, "seed %d step %d: %s shown confirmed, now %s here\n", seed, step,
                    shown[i].id, local);
        CHECK_EQ_STR(local, "confirmed");
        long long on_hub = hq("SELECT count(*) FROM signups WHERE id = '%s'", shown[i].id);
        if (on_hub > 0)
            CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = "
                            "'confirmed'",
                            shown[i].id),
                         1);
    }
}

static void remember_shown(int k, const struct yk_signup_info *s)
{
    for (int i = 0; i < nshown; i++)
        if (strcmp(shown[i].id, s->id) == 0)
            return;
    if (nshown < MAX_SIGNUPS) {
        shown[nshown].kiosk = k;
        snprintf(shown[nshown].id, sizeof shown[nshown].id, "%s", s->id);
        shown[nshown].cancelled = false;
        nshown++;
    }
}

static void step_signup(int k)
{
    char phone[16];
    snprintf(phone, sizeof phone, "1390000%04u", rnd(40)); /* some come back */
    struct yk_signup_request rq = {.event_id = events[rnd(NEV)].id,
                                   .phone = phone,
                                   .surname = "李",
                                   .title = YK_TITLE_MR,
                                   .party_size = 1 + (int)rnd(3),
                                   .consent = true,
                                   .waitlist_ok = true};
    struct yk_signup_result res;
    enum yk_signup_rc rc = yk_signup_submit(&ks[k].db, &ks[k].keys, &rq, now_s * 1000, &res);
    CHECK(rc != YK_SIGNUP_RC_ERROR);
    if ((rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_EXISTING) &&
        res.signup.seat == YK_SEAT_CONFIRMED) {
        CHECK(res.signup.ticket_code[0] != '\0');
        remember_shown(k, &res.signup);
    }
}

/* A sign-up of kiosk k whose status is in the SQL list statuses, picked by the test's own
 * random numbers (so that a seed replays the same run); "" when there is none. */
static void pick(int k, const char *statuses, char id[YK_ID_LEN + 1])
{
    long long n = q_int(&ks[k].db, "SELECT count(*) FROM signups WHERE status IN (%s)", statuses);
    id[0] = '\0';
    if (n > 0)
        q_str(&ks[k].db, id, YK_ID_LEN + 1,
              "SELECT id FROM signups WHERE status IN (%s) "
              "ORDER BY id LIMIT 1 OFFSET %u",
              statuses, rnd((uint32_t)n));
}

static void step_cancel(int k)
{
    char id[YK_ID_LEN + 1];
    pick(k, "'confirmed', 'pending', 'waitlist'", id);
    if (!id[0] || yk_signup_cancel(&ks[k].db, id, now_s * 1000) != 1)
        return;
    for (int i = 0; i < nshown; i++)
        if (strcmp(shown[i].id, id) == 0)
            shown[i].cancelled = true;
}

static void step_confirm_online(int k)
{
    char id[YK_ID_LEN + 1], status[12];
    pick(k, "'pending', 'waitlist'", id);
    if (!id[0] ||
        yk_sync_confirm_online(&ks[k].c, &ks[k].db, id, true, now_s, status) != YK_SYNC_OK)
        return;
    if (strcmp(status, "confirmed") == 0) {
        struct yk_signup_info s;
        CHECK_EQ_INT(yk_signup_get(&ks[k].db, id, &s), 1);
        CHECK(s.seat == YK_SEAT_CONFIRMED && s.ticket_code[0]);
        remember_shown(k, &s);
        online_confirmed++;
    }
}

static void run_seed(int seed)
{
    rng = 0x9E3779B97F4A7C15ull * (uint64_t)(seed + 1);
    nshown = online_confirmed = 0;
    now_s = SYNC_T0_MS / 1000;
    char sql[1200], path[700];
    snprintf(path, sizeof path, "%s/rand-%d.sql", hub.dir, seed);
    FILE *f = fopen(path, "w");
    if (!f) {
        CHECK(f != NULL);
        return;
    }
    /* Fresh events for this seed: sign-up closes in 2 days, they start in 3. */
    for (int e = 0; e < NEV; e++) {
        snprintf(events[e].id, sizeof events[e].id, "rand-%d-%c", seed, 'a' + e);
        events[e].capacity = 5 + (int)rnd(6);
        snprintf(sql, sizeof sql,
                 "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, "
                 "signup_deadline_utc, capacity, max_party, rev) VALUES ('%s', 'other', '随机', "
                 "%lld, %lld, %lld, %d, 3, 1);\n",
                 events[e].id, (long long)(now_s + 3 * 86400),
                 (long long)(now_s + 3 * 86400 + 3600), (long long)(now_s + 2 * 86400),
                 events[e].capacity);
        fputs(sql, f);
    }
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "load %s", path), 0);
    for (int i = 0; i < NK; i++) {
        kiosk_open(&ks[i], 1 + (int)rnd(4));
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
    }
    int rounds = 0, signups = 0;
    for (int step = 0; step < STEPS; step++) {
        int k = (int)rnd(NK);
        uint32_t what = rnd(20);
        if (what < 9) {
            step_signup(k);
            signups++;
        } else if (what < 11) {
            step_cancel(k);
        } else if (what < 15) {
            step_confirm_online(k);
        } else {
            CHECK_EQ_INT(round_of(&ks[k]), YK_SYNC_OK);
            rounds++;
        }
        /* Time passes; late in the run, past the sign-up deadline (seats given back). */
        now_s += step == STEPS * 3 / 4 ? 2 * 86400 + 60 : 30;
        check_invariants(seed, step);
    }
    /* Everyone syncs until nothing changes: the same view everywhere. */
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < NK; i++)
            CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
    check_invariants(seed, STEPS);
    int confirmed = 0, from_pool = 0;
    for (int i = 0; i < NK; i++) {
        from_pool += (int)q_int(&ks[i].db, "SELECT count(*) FROM signups WHERE status = "
                                           "'confirmed' AND from_allotment = 0");
        struct kiosk *k = &ks[i];
        CHECK_EQ_INT(q_int(&k->db, "SELECT count(*) FROM signups WHERE sync_state <> 'synced'"), 0);
        CHECK_EQ_INT(q_int(&k->db, "SELECT count(*) FROM signups WHERE status = 'pending'"), 0);
        sqlite3_stmt *st = yk_db_prepare(&k->db, "SELECT id, status, coalesce(ticket_code, ''), "
                                                 "event_id FROM signups");
        CHECK(st != NULL);
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            const char *id = (const char *)sqlite3_column_text(st, 0);
            const char *status = (const char *)sqlite3_column_text(st, 1);
            const char *code = (const char *)sqlite3_column_text(st, 2);
            const char *ev = (const char *)sqlite3_column_text(st, 3);
            long long same =
                hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = '%s'", id, status);
            if (same != 1)
                fprintf(stderr, "seed %d: %s is %s on its kiosk, not on the hub\n", seed, id,
                        status);
            CHECK_EQ_INT(same, 1);
            if (strcmp(status, "confirmed") == 0) {
                confirmed++;
                CHECK(code[0] != '\0');
                for (int j = 0; j < NK && code[0]; j++) {
                    struct yk_ticket t;
                    CHECK_EQ_INT(yk_ticket_verify_db(&ks[j].db, code, strlen(code), ev, &t),
                                 YK_TICKET_OK);
                }
            }
        }
        sqlite3_finalize(st);
    }
    printf("seed %d: %d sign-up attempts, %d rounds, %d shown confirmed (%d online), %d "
           "confirmed at the end (%d by the hub from its pool)\n",
           seed, signups, rounds, nshown, online_confirmed, confirmed, from_pool);
    for (int i = 0; i < NK; i++)
        kiosk_close(&ks[i]);
}

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return 2;
    hub_init(&hub);
    if (!hub_start(&hub)) {
        fprintf(stderr, "cannot start the hub\n");
        hub_cleanup(&hub);
        return 2;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", hub.port);
    int seeds = argc > 1 ? atoi(argv[1]) : 4;
    for (int seed = 0; seed < seeds; seed++)
        run_seed(seed);
    hub_cleanup(&hub);
    return yk_test_done();
}
