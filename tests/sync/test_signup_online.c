/* Online confirmation through the real sign-up screen, headless, against the real hub on
 * 127.0.0.1 (through the TCP proxy, so the hub can stop and come back on another port). The
 * kiosk holds no seats (seat_block = 0), so every sign-up is pending here and the screen asks
 * the hub; the driver's sync-confirm line serves the request as the worker would.
 *   1. the hub confirms: the kiosk signs the ticket, the screen shows its QR (read back with
 *      zbarimg, verified with tests/signup's verify_ticket), the hub stores the ticket;
 *   2. the event is full on the hub (another kiosk took the last seat): the waitlist, said;
 *   3. the hub is stopped: the request fails, the sign-up is shown pending, with why;
 *   4. no answer within 8 s on the driven clock: shown as stored (the waitlist here);
 *   5. the person leaves during the wait: the sign-up is kept; the next sync (hub back)
 *      confirms it and signs its ticket; the person comes back with the same number and gets
 *      the ticket's QR; the hub's /T/ page shows it confirmed.
 * Screenshots: build/shots/sync_signup_online/. */
#include "hub/hub_client.h"
#include "sync_headless.h"
#include "sync_proxy.h"

#include "app/sync_http.h"
#include "core/clock.h"
#include "core/signup.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <sodium.h>

static struct hub hub;
static struct proxy proxy;
static char url[128], dir[400], shots[1024], build[400];
static struct headless kiosk;

/* The hub's database, read directly (WAL: a reader beside the server). */
#define hq(...) hub_db_int(hub.db, __VA_ARGS__)
#define line(...) hl_line(&kiosk, __VA_ARGS__)
#define settled() hl_settled(&kiosk)

/* The sign-up flow from the home screen to 确认报名, for phone. */
static void sign_up(const char *phone)
{
    line("tap home.events");
    line("swipe-until events.item.srd-2026-12 events.list");
    line("tap events.item.srd-2026-12");
    line("swipe-until event.signup event.doc");
    line("tap event.signup");
    for (const char *p = phone; *p; p++)
        line("tap signup.key.%c", *p);
    line("tap signup.next");
    line("tap signup.title.ms");
    line("tap signup.surname.0");
    line("tap signup.next");
    line("tap signup.next");
    line("tap signup.next");
    line("expect-id signup.summary.event");
    line("tap signup.next");
}

/* Reads the QR of shot back and verifies it: a ticket of the sample event on this hub's
 * page (through the proxy). */
static bool check_qr(const char *shot, char code[YK_TICKET_DIGITS + 1])
{
    char want[160];
    snprintf(want, sizeof want, "HTTP://127.0.0.1:%d/T/", proxy.port);
    return hl_check_qr(&kiosk, shot, "srd-2026-12", want, code);
}

/* Another kiosk (the app's client code, no screen) takes the last seat of the event. */
static void other_kiosk_takes_last_seat(void)
{
    char odir[512], code[64];
    sync_tmpdir(odir, sizeof odir, "other");
    struct yk_db db;
    sync_open(&db, odir, SYNC_T0_MS);
    struct yk_ticket_keys keys;
    CHECK(yk_ticket_keys_load_or_create(&keys, odir, &db, SYNC_T0_MS / 1000));
    CHECK_EQ_INT(hub_cmd(&hub, code, sizeof code, "kiosk-add station-2"), 0);
    struct yk_sync_client c;
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = odir,
                                       .public_key = keys.public_key,
                                       .version = "test",
                                       .keys = &keys};
    CHECK(yk_sync_client_init(&c, &cp));
    CHECK_EQ_INT(yk_sync_round(&c, &db, SYNC_T0_MS / 1000, code, false), YK_SYNC_OK);
    struct yk_signup_request rq = {.event_id = "srd-2026-12",
                                   .phone = "13900000009",
                                   .party_size = 1,
                                   .consent = true,
                                   .waitlist_ok = true};
    struct yk_signup_result res;
    CHECK_EQ_INT(yk_signup_submit(&db, &keys, &rq, SYNC_T0_MS, &res), YK_SIGNUP_RC_PENDING);
    CHECK_EQ_INT(yk_sync_round(&c, &db, SYNC_T0_MS / 1000, NULL, false), YK_SYNC_OK);
    char buf[32];
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", res.signup.id),
        "confirmed");
    yk_sync_client_destroy(&c);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    sync_rmtree(odir);
}

static bool load_sql(const char *sql)
{
    char path[600];
    snprintf(path, sizeof path, "%s/change.sql", hub.dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, "%s\n", sql);
    fclose(f);
    return hub_cmd(&hub, NULL, 0, "load %s", path) == 0;
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    if (!hl_have_zbarimg())
        return 1;
    const char *b = getenv("YK_BUILD_DIR");
    snprintf(build, sizeof build, "%s", b ? b : "build");
    snprintf(shots, sizeof shots, "%s/shots/sync_signup_online", build);
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", shots);
    if (system(cmd) != 0)
        return 2;
    hub_init(&hub);
    char code[64];
    if (hub_cmd(&hub, NULL, 0, "load-sample") != 0 || !hub_start(&hub) ||
        !proxy_start(&proxy, hub.port) ||
        hub_cmd(&hub, code, sizeof code, "kiosk-add station-1") != 0) {
        fprintf(stderr, "cannot start the hub or the proxy\n");
        hub_cleanup(&hub);
        return 2;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", proxy.port);
    sync_tmpdir(dir, sizeof dir, "online");
    char conf[600];
    snprintf(conf, sizeof conf, "%s/k.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return 2;
    fprintf(f, "hub_url = %s\nsetup_code = %s\nseat_block = 0\n", url, code);
    fclose(f);
    if (!hl_start(&kiosk, build, dir, conf, "800x480", ""))
        return 2;

    /* 1. Confirmed by the hub: the kiosk's own ticket. */
    line("sync");
    sign_up("13800000001");
    line("expect-id signup.confirming.bar");
    line("expect-text 正在向服务中心确认");
    line("wait 1000");
    line("check-layout");
    line("shot %s/confirming.png", shots);
    line("sync-confirm");
    line("expect-id signup.ticket.qr");
    line("expect-text 报名成功");
    line("check-layout");
    line("shot %s/ticket.png", shots);
    line("tap signup.done");
    line("sync");
    if (!settled()) {
        CHECK(false);
        hl_stop(&kiosk);
        proxy_stop(&proxy);
        hub_cleanup(&hub);
        return yk_test_done();
    }
    char ticket[YK_TICKET_DIGITS + 1] = "";
    char shot[1100];
    snprintf(shot, sizeof shot, "%s/ticket.png", shots);
    CHECK(check_qr(shot, ticket));
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE ticket_code = '%s' AND status = "
                    "'confirmed' AND from_allotment = 0",
                    ticket),
                 1);

    /* 2. Full on the hub: 2 seats, this kiosk has one, another kiosk takes the other. */
    CHECK(load_sql("UPDATE events SET capacity = 2 WHERE id = 'srd-2026-12';"));
    other_kiosk_takes_last_seat();
    line("sync");
    sign_up("13800000002");
    line("expect-id signup.confirming.bar");
    line("sync-confirm");
    line("expect-text 已登记候补");
    line("expect-no-text 报名成功");
    line("check-layout");
    line("shot %s/waitlist.png", shots);
    line("tap signup.done");
    CHECK(settled());
    CHECK_EQ_INT(hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = "
                    "'srd-2026-12' AND status = 'confirmed'"),
                 2);

    /* 3. The hub is stopped: the request fails; pending, and the screen says why. */
    hub_stop(&hub);
    atomic_store(&proxy.target_port, 1); /* nothing listens there */
    sign_up("13800000003");
    line("expect-id signup.confirming.bar");
    line("sync-confirm");
    line("expect-text 报名已登记，名额待确认");
    line("expect-id signup.result.unreached");
    line("check-layout");
    line("shot %s/pending-unreached.png", shots);
    line("tap signup.done");

    /* 4. No answer in 8 s on the driven clock: shown as stored (here the event now looks
     * full, so the person joined the waitlist). */
    line("tap nav.lang"); /* in English, this time */
    sign_up("13800000004");
    line("expect-id signup.confirming.bar");
    line("expect-text Confirming with the service centre");
    line("wait 4000");
    line("expect-id signup.confirming.bar");
    line("check-layout");
    line("shot %s/confirming-4s-en.png", shots);
    line("wait 4200");
    line("expect-text You are on the waiting list");
    line("expect-id signup.result.unreached");
    line("check-layout");
    line("shot %s/waitlist-timeout-en.png", shots);
    line("tap signup.done");
    line("tap nav.lang");

    /* 5. The person leaves during the wait. */
    sign_up("13800000005");
    line("expect-id signup.confirming.bar");
    line("tap nav.home");
    line("expect-id screen.home");
    CHECK(settled());
    char kdb[600];
    snprintf(kdb, sizeof kdb, "%s", dir);
    struct yk_db db;
    sync_open(&db, kdb, SYNC_T0_MS);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM signups WHERE status = 'pending'"), 1);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM signups WHERE status = 'waitlist'"), 3);
    yk_db_close(&db);
    /* The hub comes back with room; the next sync serves the request first: confirmed, the
     * ticket signed and pushed. The person comes back: the same ticket, as a QR. */
    CHECK(load_sql("UPDATE events SET capacity = 20 WHERE id = 'srd-2026-12';"));
    CHECK(hub_start(&hub));
    atomic_store(&proxy.target_port, hub.port);
    line("sync");
    sign_up("13800000005");
    line("expect-text 您已经报过名了");
    line("expect-id signup.ticket.qr");
    line("check-layout");
    line("shot %s/ticket-again.png", shots);
    line("tap signup.done");
    CHECK(settled());
    snprintf(shot, sizeof shot, "%s/ticket-again.png", shots);
    char again[YK_TICKET_DIGITS + 1] = "";
    CHECK(check_qr(shot, again));
    CHECK(strcmp(again, ticket) != 0);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE ticket_code = '%s' AND status = "
                    "'confirmed'",
                    again),
                 1);
    char path[400];
    snprintf(path, sizeof path, "/T/%s", again);
    struct resp r = hub_get(&hub, path, NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(r.body && strstr(r.body, "已确认") && strstr(r.body, "****0005"));
    resp_free(&r);

    CHECK_EQ_INT(hl_stop(&kiosk), 0);
    proxy_stop(&proxy);
    hub_cleanup(&hub);
    sync_rmtree(dir);
    return yk_test_done();
}
