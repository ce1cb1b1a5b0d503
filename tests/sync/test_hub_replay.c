/* Every attack of issue 11 (tests/hub/hub_attacks.h) against one hub on loopback while three
 * real kiosks (the app's sync client, each its own database and key) sync with it: before,
 * between and after the attacks they make sign-ups (confirmed offline from their seats, or
 * pending) and walk-ins. Afterwards the hub's database passes `pragma integrity_check`, every
 * kiosk's queue drains with nothing of theirs refused, and no event is overbooked. */
#include "hub/hub_attacks.h"
#include "sync_test_util.h"

#include "app/sync_http.h"
#include "core/signup.h"
#include "core/sync.h"
#include "core/volunteer.h"

#define NK 3

struct kiosk {
    char dir[512], code[64];
    struct yk_db db;
    struct yk_ticket_keys keys;
    struct yk_sync_client c;
    int phones;
};

static struct hub hub;
static struct kiosk ks[NK];
static char url[128];

#define hq(...) hub_db_int(hub.db, __VA_ARGS__)

static void kiosk_open(struct kiosk *k)
{
    sync_tmpdir(k->dir, sizeof k->dir, "replay");
    sync_open(&k->db, k->dir, SYNC_T0_MS);
    CHECK(yk_ticket_keys_load_or_create(&k->keys, k->dir, &k->db, SYNC_T0_MS / 1000));
    CHECK_EQ_INT(hub_cmd(&hub, k->code, sizeof k->code, "kiosk-add station-1"), 0);
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = k->dir,
                                       .public_key = k->keys.public_key,
                                       .version = "replay",
                                       .page_limit = 200,
                                       .batch_max = 40,
                                       .seat_block = 3,
                                       .keys = &k->keys};
    CHECK(yk_sync_client_init(&k->c, &cp));
}

static enum yk_sync_rc round_of(struct kiosk *k)
{
    return yk_sync_round(&k->c, &k->db, SYNC_T0_MS / 1000, k->code, true);
}

/* n sign-ups (what the kiosk's seats allow is confirmed offline, the rest pending) and n
 * walk-ins. */
static void sign_up(struct kiosk *k, int n)
{
    for (int i = 0; i < n; i++) {
        char phone[16];
        snprintf(phone, sizeof phone, "137%04d%04d", (int)(k - ks), k->phones++);
        struct yk_signup_result res;
        enum yk_signup_rc rc = sync_sign_up(&k->db, &k->keys, phone, 2, SYNC_T0_MS, &res);
        CHECK(rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING ||
              rc == YK_SIGNUP_RC_WAITLIST);
        CHECK(yk_walkin_tap(&k->db, "visit", NULL, SYNC_T0_MS + i, NULL));
    }
}

static long long queued(struct kiosk *k, const char *state)
{
    return q_int(&k->db,
                 "SELECT (SELECT count(*) FROM signups WHERE sync_state = '%s') + "
                 "(SELECT count(*) FROM walkins WHERE sync_state = '%s')",
                 state, state);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    hub_init(&hub);
    hub.serve_args = ATTACK_SERVE_ARGS;
    hub.capture_log = true;
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "load-sample"), 0);
    if (!hub_start(&hub)) {
        fprintf(stderr, "the hub did not start (%s)\n", hub.bin);
        hub_cleanup(&hub);
        return 1;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", hub.port);
    for (int i = 0; i < NK; i++) {
        kiosk_open(&ks[i]);
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK); /* enrols, takes its seats */
        CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
        sign_up(&ks[i], 3);
    }
    CHECK_EQ_INT(round_of(&ks[0]), YK_SYNC_OK); /* one kiosk pushed before the attacks */
    attack_all(&hub);
    for (int i = 0; i < NK; i++)
        sign_up(&ks[i], 3);
    /* Every queue drains, nothing honest is refused. */
    for (int pass = 0; pass < 4; pass++)
        for (int i = 0; i < NK; i++)
            CHECK_EQ_INT(round_of(&ks[i]), YK_SYNC_OK);
    for (int i = 0; i < NK; i++) {
        CHECK_EQ_INT(queued(&ks[i], "pending"), 0);
        CHECK_EQ_INT(queued(&ks[i], "rejected"), 0);
        CHECK_EQ_INT(
            hq("SELECT count(*) FROM signups WHERE kiosk_id = '%s'", yk_db_kiosk_id(&ks[i].db)), 6);
    }
    CHECK_EQ_INT(hq("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                 0);
    /* No event overbooked: confirmed seats, and allotments plus pool confirmations. */
    CHECK_EQ_INT(hq("SELECT count(*) FROM events e WHERE capacity IS NOT NULL AND ("
                    "(SELECT coalesce(sum(party_size), 0) FROM signups s WHERE s.event_id = e.id "
                    "AND s.status = 'confirmed') > capacity OR "
                    "(SELECT coalesce(sum(seats), 0) FROM allotments a WHERE a.event_id = e.id) + "
                    "(SELECT coalesce(sum(party_size), 0) FROM signups s WHERE s.event_id = e.id "
                    "AND s.status = 'confirmed' AND s.from_allotment = 0) > capacity)"),
                 0);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE phone IS NOT NULL"), 0);
    for (int i = 0; i < NK; i++) {
        yk_sync_client_destroy(&ks[i].c);
        yk_ticket_keys_destroy(&ks[i].keys);
        yk_db_close(&ks[i].db);
        sync_rmtree(ks[i].dir);
    }
    hub_cleanup(&hub);
    return yk_test_done();
}
