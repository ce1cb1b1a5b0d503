/* The background sync worker against the real hub on 127.0.0.1: it enrols, pushes what the
 * "UI" connection makes when woken, publishes its status; with no setup code it stops and
 * says so until one is typed; with the hub gone it reports offline in words and keeps every
 * record; stop joins promptly; its times come from the clock it is given (--now). Waits
 * sleep until the worker publishes something (yk_sync_wait_change), each bounded. */
#include "hub/hub_client.h"
#include "sync_test_util.h"

#include "app/sync_worker.h"
#include "core/signup.h"
#include "core/sync.h"
#include "core/sync_mine.h"
#include "core/ticket.h"
#include "core/volunteer.h"

#include <sodium.h>

static struct hub hub;

static double mono(void)
{
    return (double)yk_os_mono_ms() / 1000.0;
}

/* Re-reads the status each time the worker publishes one (or answers a confirmation) until
 * cond holds; gives up after seconds (a failing test, not a wait). */
#define WAIT_FOR(cond, seconds)                                                                    \
    do {                                                                                           \
        int64_t until_ = yk_os_mono_ms() + (int64_t)((seconds)*1000);                              \
        unsigned seen_ = yk_sync_changes();                                                        \
        yk_sync_status(&st);                                                                       \
        while (!(cond)) {                                                                          \
            int64_t left_ = until_ - yk_os_mono_ms();                                              \
            if (left_ <= 0)                                                                        \
                break;                                                                             \
            seen_ = yk_sync_wait_change(seen_, (int)left_);                                        \
            yk_sync_status(&st);                                                                   \
        }                                                                                          \
    } while (0)

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    hub_init(&hub);
    char code[64], dir[512], path[600], url[64];
    if (hub_cmd(&hub, NULL, 0, "load-sample") != 0 || !hub_start(&hub) ||
        hub_cmd(&hub, code, sizeof code, "kiosk-add station-1") != 0) {
        hub_cleanup(&hub);
        return 2;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", hub.port);
    sync_tmpdir(dir, sizeof dir, "worker");
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    struct yk_ticket_keys keys;
    CHECK(yk_ticket_keys_load_or_create(&keys, dir, &db, SYNC_T0_MS / 1000));
    struct yk_sync_status st;

    /* No setup code: the worker says it needs one, and does not loop. */
    struct yk_sync_worker_params p = {.db_path = path,
                                      .hub_url = url,
                                      .data_dir = dir,
                                      .public_key = keys.public_key,
                                      .version = "test",
                                      .interval_s = 10,
                                      .heartbeat_s = 300,
                                      .keys = &keys};
    /* The app's clock as --now 2026-12-02T09:00 makes it: the worker's times follow it, not
     * the OS's. */
    const int64_t now0 = SYNC_T0_MS / 1000 + 86400;
    struct yk_clock clock;
    yk_clock_init_real(&clock, now0);
    p.clock = &clock;
    struct yk_sync_worker *w = yk_sync_worker_start(&p);
    CHECK(w != NULL);
    WAIT_FOR(st.last_attempt_utc > 0, 10);
    CHECK(st.last_attempt_utc >= now0 && st.last_attempt_utc < now0 + 600);
    CHECK(st.configured && !st.enrolled && st.stopped);
    CHECK(strstr(st.error_zh, "设置码") != NULL);
    CHECK(strstr(st.error_en, "setup code") != NULL);

    /* The code typed in volunteer mode: enrolled, synced. */
    CHECK(yk_sync_enter_setup_code(code));
    WAIT_FOR(st.enrolled && st.last_success_utc > 0, 15);
    CHECK(st.enrolled && st.online && !st.stopped);
    CHECK(st.error_en[0] == '\0');

    /* Records made on the UI's connection go up when the worker is woken. */
    for (int i = 0; i < 20; i++)
        CHECK(yk_walkin_tap(&db, "consult", NULL, SYNC_T0_MS + i, NULL));
    yk_sync_wake();
    WAIT_FOR(hub_cmd(&hub, NULL, 0, "kiosks") == 0 &&
                 q_int(&db, "SELECT count(*) FROM walkins WHERE sync_state = 'synced'") == 20,
             15);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM walkins WHERE sync_state = 'synced'"), 20);
    WAIT_FOR(st.waiting == 0, 5);
    CHECK_EQ_INT(st.waiting, 0);

    /* The sign-up screen's online confirmation: asked without waiting, answered by the
     * worker, the local row confirmed. */
    CHECK(sqlite3_exec(db.handle,
                       "UPDATE events SET seats_held = 0 WHERE id = "
                       "'ceremony-2027-10-01'",
                       0, 0, 0) == SQLITE_OK);
    struct yk_signup_request rq = {.event_id = "ceremony-2027-10-01",
                                   .phone = "13600000000",
                                   .party_size = 2,
                                   .consent = true,
                                   .waitlist_ok = true};
    struct yk_signup_result res;
    CHECK(yk_signup_submit(&db, &keys, &rq, SYNC_T0_MS, &res) == YK_SIGNUP_RC_PENDING);
    char status[12];
    CHECK_EQ_INT(yk_sync_confirm_result(res.signup.id, status), -1); /* not asked */
    CHECK(yk_sync_request_confirm(res.signup.id, true));
    int got = 0;
    WAIT_FOR((got = yk_sync_confirm_result(res.signup.id, status)) != 0, 15);
    CHECK_EQ_INT(got, 1);
    CHECK_EQ_STR(status, "confirmed");
    char buf[32];
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", res.signup.id),
        "confirmed");
    /* ... and its ticket signed by the worker with this kiosk's key, ready for the screen. */
    CHECK_EQ_INT(q_int(&db,
                       "SELECT count(*) FROM signups WHERE id = '%s' AND "
                       "ticket_code IS NOT NULL AND short_code IS NOT NULL",
                       res.signup.id),
                 1);

    /* The worker pushes the signed ticket at once: let that round end before the hub goes
     * (else the sign-up is still waiting beside the walk-in below). */
    yk_sync_wake();
    WAIT_FOR(q_int(&db, "SELECT count(*) FROM signups WHERE sync_state = 'pending'") == 0, 15);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM signups WHERE sync_state = 'pending'"), 0);

    /* 我的报名's look-up: asked without waiting, served by the worker with the number's hash;
     * the hub answers (this kiosk's own sign-up is left out: the screen has it already). */
    unsigned ask = yk_sync_request_mine("13600000000", NULL);
    CHECK(ask > 0);
    struct yk_signup_mine found[4];
    int nfound = -1;
    enum yk_sync_mine_state ms = YK_SYNC_MINE_WAITING;
    WAIT_FOR((ms = yk_sync_mine_result(ask, found, 4, &nfound, NULL)) != YK_SYNC_MINE_WAITING, 15);
    CHECK(ms == YK_SYNC_MINE_ANSWERED);
    CHECK_EQ_INT(nfound, 0);

    /* The hub goes away: offline, in words; records wait. */
    hub_stop(&hub);
    CHECK(yk_walkin_tap(&db, "visit", NULL, SYNC_T0_MS + 100, NULL));
    yk_sync_wake();
    WAIT_FOR(!st.online && st.waiting == 1, 15);
    CHECK(!st.online);
    CHECK_EQ_INT(st.waiting, 1);
    CHECK(strstr(st.error_en, "Cannot reach the hub") != NULL);
    CHECK(st.next_attempt_utc >= st.last_attempt_utc + 3); /* backoff: 4..6 s */

    /* Offline, the screen is told at once that only the allotment can confirm, and that the
     * hub cannot be asked for other kiosks' sign-ups. */
    CHECK(!yk_sync_request_confirm(res.signup.id, true));
    CHECK_EQ_INT(yk_sync_request_mine("13600000000", NULL), 0);

    /* Stop joins at once, even while backing off. */
    double t0 = mono();
    yk_sync_worker_stop(w);
    CHECK(mono() - t0 < 2.0);

    /* A new worker (a restart) uses the stored token: no code needed. */
    CHECK(hub_start(&hub));
    snprintf(url, sizeof url, "http://127.0.0.1:%d", hub.port);
    p.hub_url = url;
    memset(&st, 0, sizeof st);
    yk_sync_status_publish(&st);
    w = yk_sync_worker_start(&p);
    WAIT_FOR(st.last_success_utc > 0 && st.waiting == 0, 15);
    CHECK(st.enrolled && st.online);
    CHECK_EQ_INT(st.waiting, 0);
    yk_sync_worker_stop(w);

    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    sync_rmtree(dir);
    hub_cleanup(&hub);
    return yk_test_done();
}
