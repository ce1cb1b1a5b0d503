/* A person cancels their sign-up at the kiosk (我的报名: yk_signup_mine_cancel), and the real
 * hub on 127.0.0.1 learns it with the next round: the sign-up cancelled there too, its ticket
 * revoked (refused on every kiosk after their next round), the kiosk's held seats beyond its
 * block given back, and the first in line on the hub's waitlist confirmed — who then gets a
 * ticket at their own kiosk. */
#include "sync_kiosk.h"

#include "core/signup.h"
#include "core/signup_mine.h"
#include "core/ticket.h"

#include <sodium.h>

static struct hub hub;
static char url[128];
static int64_t now_s;

#define hq(...) hub_db_int(hub.db, __VA_ARGS__)
#define EVENT "cancel-test"

static enum yk_sync_rc round_of(struct sync_kiosk *k)
{
    return sk_round(k, now_s);
}

static struct yk_signup_info sign(struct sync_kiosk *k, const char *phone, enum yk_signup_rc want)
{
    struct yk_signup_request r = {.event_id = EVENT,
                                  .phone = phone,
                                  .surname = "张",
                                  .title = YK_TITLE_MR,
                                  .party_size = 1,
                                  .consent = true,
                                  .waitlist_ok = true};
    struct yk_signup_result res;
    CHECK_EQ_INT(yk_signup_submit(&k->db, &k->keys, &r, now_s * 1000, &res), want);
    return res.signup;
}

static long long held(struct sync_kiosk *k)
{
    return q_int(&k->db, "SELECT seats_held FROM events WHERE id = '" EVENT "'");
}

static void test_cancel_reaches_the_hub(void)
{
    /* Three places; sign-up open for two days. Kiosk A keeps a block of one seat, kiosk B
     * none (everything it takes waits for the hub). */
    char path[700];
    snprintf(path, sizeof path, "%s/cancel.sql", hub.dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f,
            "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, signup_deadline_utc, "
            "capacity, max_party, rev) VALUES ('" EVENT "', 'other', '取消测试', %lld, %lld, "
            "%lld, 3, 2, 1);\n",
            (long long)(now_s + 3 * 86400), (long long)(now_s + 3 * 86400 + 3600),
            (long long)(now_s + 2 * 86400));
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&hub, NULL, 0, "load %s", path), 0);
    static struct sync_kiosk a, b;
    sk_open(&a, &hub, url, "cancel", now_s, 1, 0, 0);
    sk_open(&b, &hub, url, "cancel", now_s, 0, 0, 0);
    /* A fills the event from its blocks (one seat at a time, topped up each round). */
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(held(&a), 1);
    struct yk_signup_info mine = sign(&a, "13800000001", YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    sign(&a, "13800000002", YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    sign(&a, "13800000003", YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(held(&a), 3);
    /* B's person waits in line on the hub. */
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    struct yk_signup_info waiting = sign(&b, "13900000009", YK_SIGNUP_RC_PENDING);
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'waitlist'", waiting.id), 1);

    /* The first person cancels at kiosk A (a wrong number cancels nothing). */
    CHECK_EQ_INT(yk_signup_mine_cancel(&a.db, "13800000002", mine.id, now_s * 1000),
                 YK_MINE_NOT_FOUND);
    CHECK_EQ_INT(yk_signup_mine_cancel(&a.db, "13800000001", mine.id, now_s * 1000), YK_MINE_OK);
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'confirmed'", mine.id), 1);
    now_s += 60;
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    /* The hub has it: cancelled, the ticket revoked. The freed seat is A's block (one free:
     * A keeps it), so the hub's waitlist does not move yet. */
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'cancelled'", mine.id), 1);
    CHECK_EQ_INT(hq("SELECT count(*) FROM revocations WHERE ticket_code = '%s'", mine.ticket_code),
                 1);
    char buf[16];
    CHECK_EQ_STR(
        q_str(&a.db, buf, sizeof buf, "SELECT sync_state FROM signups WHERE id = '%s'", mine.id),
        "synced");
    CHECK_EQ_INT(held(&a), 3);
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'waitlist'", waiting.id), 1);

    /* A second cancellation frees a seat beyond A's block of one: A gives it back and the
     * hub's waitlist moves (B's person confirmed), B signs its ticket at its next round. */
    struct yk_signup_mine list[YK_SIGNUP_MINE_MAX];
    CHECK_EQ_INT(yk_signup_mine_list(&a.db, "13800000002", now_s, list, YK_SIGNUP_MINE_MAX), 1);
    CHECK_EQ_INT(yk_signup_mine_cancel(&a.db, "13800000002", list[0].info.id, now_s * 1000),
                 YK_MINE_OK);
    CHECK_EQ_INT(round_of(&a), YK_SYNC_OK);
    CHECK_EQ_INT(held(&a), 2); /* one used, one free (the block) */
    CHECK_EQ_INT(hq("SELECT seats FROM allotments WHERE event_id = '" EVENT "' AND kiosk_id = '%s'",
                    yk_db_kiosk_id(&a.db)),
                 2);
    CHECK_EQ_INT(
        hq("SELECT count(*) FROM signups WHERE id = '%s' AND status = 'confirmed'", waiting.id), 1);
    CHECK_EQ_INT(round_of(&b), YK_SYNC_OK);
    struct yk_signup_info now;
    CHECK_EQ_INT(yk_signup_get(&b.db, waiting.id, &now), 1);
    CHECK_EQ_INT(now.seat, YK_SEAT_CONFIRMED);
    CHECK_EQ_INT(strlen(now.ticket_code), YK_TICKET_DIGITS);
    /* Never overbooked: 1 at A, 1 at B, and A's free seat. */
    CHECK_EQ_INT(hq("SELECT coalesce(sum(party_size), 0) FROM signups WHERE event_id = '" EVENT
                    "' AND status = 'confirmed'"),
                 2);
    /* The cancelled tickets are refused on B too (it pulled the revocations). */
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_verify_db(&b.db, mine.ticket_code, strlen(mine.ticket_code), EVENT, &t),
                 YK_TICKET_REVOKED_TICKET);
    sk_close(&a);
    sk_close(&b);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    now_s = SYNC_T0_MS / 1000;
    if (!sk_hub_start(&hub, url, sizeof url))
        return 2;
    test_cancel_reaches_the_hub();
    hub_cleanup(&hub);
    return yk_test_done();
}
