/* 我的报名 across kiosks, end to end: the real hub, kiosk A (the app's sync client, no screen)
 * where people sign up, and kiosk B, a real kiosk driven headless through its screens, where
 * they look their sign-ups up:
 *   1. B's 我的报名 asks the hub (only the number's keyed hash leaves B), shows the bar while
 *      it waits, then A's sign-up with 其他服务站 as where it was made;
 *   2. its ticket is shown again: the QR is read back with zbarimg and verified with B's keys
 *      (B pulled A's key);
 *   3. it is cancelled at the hub from B: cancelled and revoked there, and A has it cancelled
 *      after its next round;
 *   4. with the hub away, B says that only its own sign-ups were searched, and the number step
 *      says so before 查找;
 * and first, a kiosk without the hub's key (from before it, or the key replaced) gets it with
 * its heartbeat and sends its live sign-ups' hashes in the next round.
 * In Chinese at 800x480, in English elder mode at 800x480 and in Chinese elder mode at
 * 480x800, every step's choices checked whole in view (check-choices, check-layout).
 * Screenshots: build/shots/sync_mine/<variant>/. */
#include "hub/hub_client.h"
#include "sync_headless.h"
#include "sync_kiosk.h"
#include "sync_test_util.h"

#include "core/signup.h"
#include "core/sync_mine.h"

#include <sodium.h>

static struct hub hub;
static char url[128], build[400];

#define hq(...) hub_db_int(hub.db, __VA_ARGS__)

struct variant {
    const char *name, *size, *pre; /* pre: taps before the flow (language, elder mode) */
    bool en;
};

/* The last one also runs the offline part: its number step has room for the note. */
static const struct variant variants[] = {
    {"en-elder-800x480", "800x480", "tap nav.lang\ntap nav.elder", true},
    {"zh-elder-480x800", "480x800", "tap nav.elder", false},
    {"zh-800x480", "800x480", "", false},
};

/* A sign-up at kiosk A for phone; its id into id. */
static void sign_up_at_a(struct sync_kiosk *a, const char *phone, char id[32])
{
    struct yk_signup_result res;
    CHECK_EQ_INT(sync_sign_up(&a->db, &a->keys, phone, 2, SYNC_T0_MS, &res),
                 YK_SIGNUP_RC_CONFIRMED);
    snprintf(id, 32, "%s", res.signup.id);
}

/* Kiosk B's 我的报名 up to 查找 for phone. */
static void look_up(struct headless *b, const char *phone)
{
    hl_line(b, "tap home.mine");
    hl_line(b, "check-choices mine.key.* mine.find nav.back nav.home");
    for (const char *p = phone; *p; p++)
        hl_line(b, "tap mine.key.%c", *p);
    hl_line(b, "tap mine.find");
}

static void shot(struct headless *b, const char *dir, const char *name)
{
    hl_line(b, "check-layout");
    hl_line(b, "shot %s/%s.png", dir, name);
}

/* A fresh kiosk B enrolled with the hub; false when it cannot start. */
static bool start_b(struct headless *b, const struct variant *v, char *dir, size_t n)
{
    char code[64], conf[600];
    sync_tmpdir(dir, n, "mine-b");
    if (hub_cmd(&hub, code, sizeof code, "kiosk-add station-2") != 0)
        return false;
    snprintf(conf, sizeof conf, "%s/k.conf", dir);
    FILE *f = fopen(conf, "w");
    if (!f)
        return false;
    fprintf(f, "hub_url = %s\nsetup_code = %s\n", url, code);
    fclose(f);
    if (!hl_start(b, build, dir, conf, v->size, ""))
        return false;
    hl_line(b, "sync");
    if (v->pre[0])
        hl_line(b, "%s", v->pre);
    return true;
}

static void run_variant(struct sync_kiosk *a, const struct variant *v, const char *phone,
                        bool offline_after)
{
    char shots[700], cmd[800], id[32], bdir[400];
    snprintf(shots, sizeof shots, "%s/shots/sync_mine/%s", build, v->name);
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", shots);
    CHECK(system(cmd) == 0);
    sign_up_at_a(a, phone, id);
    CHECK_EQ_INT(sk_round(a, SYNC_T0_MS / 1000), YK_SYNC_OK);
    /* The hub holds the sign-up's keyed hash, not the number. */
    CHECK_EQ_INT(hq("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", id), 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND phone IS NULL", id), 1);

    struct headless b;
    if (!start_b(&b, v, bdir, sizeof bdir)) {
        CHECK(false);
        return;
    }
    look_up(&b, phone);
    /* 1. Asked: the bar; then the hub's answer (the driver's sync serves the look-up). */
    hl_line(&b, "expect-id mine.hub.bar");
    hl_line(&b, "expect-text %s", v->en ? "Looking for sign-ups" : "正在查找");
    shot(&b, shots, "1-asking");
    hl_line(&b, "sync");
    hl_line(&b, "expect-id mine.item.0");
    hl_line(&b, "expect-no-text %s", v->en ? "Looking for" : "正在查找");
    hl_line(&b, "check-choices mine.item.0 mine.retype nav.back nav.home");
    shot(&b, shots, "2-found");
    hl_line(&b, "tap mine.item.0");
    hl_line(&b, "expect-id mine.d.where");
    hl_line(&b, "expect-text %s", v->en ? "another station" : "其他服务站");
    hl_line(&b, "check-choices mine.ticket mine.cancel nav.back nav.home");
    shot(&b, shots, "3-item");
    /* 2. Its ticket, again. */
    hl_line(&b, "tap mine.ticket");
    hl_line(&b, "expect-id signup.ticket.qr");
    shot(&b, shots, "4-ticket");
    hl_line(&b, "tap signup.done");
    hl_line(&b, "expect-id mine.d.where");
    if (!hl_settled(&b)) {
        CHECK(false);
        hl_stop(&b);
        return;
    }
    char ticket[YK_TICKET_DIGITS + 1] = "", path[900], want[160];
    snprintf(path, sizeof path, "%s/4-ticket.png", shots);
    snprintf(want, sizeof want, "HTTP://127.0.0.1:%d/T/", hub.port);
    CHECK(hl_check_qr(&b, path, "srd-2026-12", want, ticket));
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND ticket_code = '%s'", id, ticket), 1);
    /* 3. Cancelled at the hub. */
    hl_line(&b, "tap mine.cancel");
    hl_line(&b, "check-choices mine.confirm mine.keep nav.back nav.home");
    hl_line(&b, "tap mine.confirm");
    hl_line(&b, "expect-id mine.cancelling.bar");
    shot(&b, shots, "5-cancelling");
    hl_line(&b, "sync");
    hl_line(&b, "expect-id mine.result.b");
    hl_line(&b, "expect-text %s", v->en ? "the service centre has been told" : "服务中心已经收到");
    hl_line(&b, "check-choices mine.done nav.back nav.home");
    shot(&b, shots, "6-cancelled");
    hl_line(&b, "tap mine.done");
    hl_line(&b, "expect-id screen.home");
    if (!hl_settled(&b)) {
        CHECK(false);
        hl_stop(&b);
        return;
    }
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'cancelled' "
                    "AND ticket_code = '%s'",
                    id, ticket),
                 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM revocations WHERE ticket_code = '%s'", ticket), 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", id), 0);
    /* Kiosk A learns it with its next round. */
    CHECK_EQ_INT(sk_round(a, SYNC_T0_MS / 1000), YK_SYNC_OK);
    CHECK_EQ_INT(q_int(&a->db,
                       "SELECT count(*) FROM signups WHERE id = '%s' AND status = "
                       "'cancelled'",
                       id),
                 1);

    if (offline_after) {
        /* 4. The hub away: only B's own were searched, and B says so. */
        char id2[32];
        sign_up_at_a(a, phone, id2);
        CHECK_EQ_INT(sk_round(a, SYNC_T0_MS / 1000), YK_SYNC_OK);
        CHECK(hl_settled(&b));
        hub_stop(&hub);
        look_up(&b, phone);
        hl_line(&b, "expect-id mine.hub.bar");
        hl_line(&b, "sync retry");
        hl_line(&b, "expect-id mine.empty.why");
        hl_line(&b, "expect-text %s", v->en ? "cannot be reached" : "现在连不上服务中心");
        hl_line(&b, "check-choices mine.retype nav.back nav.home");
        shot(&b, shots, "7-offline-none");
        hl_line(&b, "tap mine.retype");
        shot(&b, shots, "8-offline-phone");
        hl_line(&b, "expect-text %s",
                v->en ? "only sign-ups made here can be found" : "只能查到本机的报名");
    }
    CHECK_EQ_INT(hl_stop(&b), 0);
    sync_rmtree(bdir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    if (!hl_have_zbarimg())
        return 1;
    const char *bd = getenv("YK_BUILD_DIR");
    snprintf(build, sizeof build, "%s", bd ? bd : "build");
    hub_init(&hub);
    if (hub_cmd(&hub, NULL, 0, "load-sample") != 0 || !hub_start(&hub)) {
        fprintf(stderr, "cannot start the hub\n");
        hub_cleanup(&hub);
        return 2;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", hub.port);
    struct sync_kiosk a;
    sk_open(&a, &hub, url, "mine-a", SYNC_T0_MS / 1000, 4, 0, 0);
    CHECK_EQ_INT(sk_round(&a, SYNC_T0_MS / 1000), YK_SYNC_OK);
    CHECK(a.c.have_phone_key); /* from the enrol answer */
    /* A kiosk from before the phone key (or whose hub's key was replaced): its sign-up goes up
     * without a hash; the heartbeat brings the key, and the next round sends the hash. */
    char keyfile[600], early[32];
    snprintf(keyfile, sizeof keyfile, "%s/%s", a.dir, YK_SYNC_PHONE_KEY_FILE);
    CHECK(unlink(keyfile) == 0);
    a.c.have_phone_key = false;
    sign_up_at_a(&a, "13800000100", early);
    CHECK_EQ_INT(sk_round(&a, SYNC_T0_MS / 1000), YK_SYNC_OK); /* push, then the heartbeat */
    CHECK_EQ_INT(hq("SELECT count(*) FROM signups WHERE id = '%s'", early), 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", early), 0);
    CHECK(a.c.have_phone_key && access(keyfile, R_OK) == 0);
    CHECK_EQ_INT(q_int(&a.db, "SELECT count(*) FROM signups WHERE sync_state = 'pending'"), 1);
    CHECK_EQ_INT(sk_round(&a, SYNC_T0_MS / 1000), YK_SYNC_OK);
    CHECK_EQ_INT(hq("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", early), 1);
    const char *phones[] = {"13800000101", "13800000102", "13800000103"};
    size_t nv = sizeof variants / sizeof *variants;
    for (size_t i = 0; i < nv; i++)
        run_variant(&a, &variants[i], phones[i], i + 1 == nv);
    sk_close(&a);
    hub_cleanup(&hub);
    return yk_test_done();
}
