/* "My sign-ups" (src/core/signup_mine.c): the lookup by number, the person's cancel and its
 * rules, and the bound on lookups that find nothing. */
#include "check.h"
#include "tickets_util.h"

#include "core/signup.h"
#include "core/signup_mine.h"
#include "core/ticket_keys.h"
#include "core/volunteer.h"

static char dir[512];
static struct yk_db db;
static struct yk_ticket_keys keys;

#define PHONE_A "13812345678"
#define PHONE_B "13987654321"

static struct yk_signup_info sign(const char *event, const char *phone, int party)
{
    struct yk_signup_request r = {.event_id = event,
                                  .phone = phone,
                                  .surname = "王",
                                  .title = YK_TITLE_MS,
                                  .party_size = party,
                                  .consent = true,
                                  .waitlist_ok = true};
    struct yk_signup_result res;
    enum yk_signup_rc rc = yk_signup_submit(&db, &keys, &r, T0_MS, &res);
    CHECK(rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_WAITLIST);
    return res.signup;
}

static int list(const char *phone, int64_t now_s, struct yk_signup_mine *out)
{
    return yk_signup_mine_list(&db, phone, now_s, out, YK_SIGNUP_MINE_MAX);
}

static void test_lookup(void)
{
    /* Two events for A (the later one signed up first), one for B, one full (A waits). */
    CHECK(tk_event(&db, "m-late", T0_S + 9 * DAY_S, 0, 40, 4, 40));
    CHECK(tk_event(&db, "m-soon", T0_S + 2 * DAY_S, 0, 40, 4, 40));
    CHECK(tk_event(&db, "m-full", T0_S + 5 * DAY_S, 0, 1, 1, 1));
    struct yk_signup_info late = sign("m-late", PHONE_A, 2);
    struct yk_signup_info soon = sign("m-soon", PHONE_A, 1);
    sign("m-soon", PHONE_B, 3);
    sign("m-full", PHONE_B, 1);
    struct yk_signup_info wait = sign("m-full", PHONE_A, 1);
    CHECK_EQ_INT(wait.seat, YK_SEAT_WAITLIST);

    struct yk_signup_mine m[YK_SIGNUP_MINE_MAX];
    CHECK_EQ_INT(list(PHONE_A, T0_S, m), 3);
    /* Soonest first, each with its ticket (or none on the waitlist), masked number only. */
    CHECK_EQ_STR(m[0].info.id, soon.id);
    CHECK_EQ_STR(m[0].info.ticket_code, soon.ticket_code);
    CHECK_EQ_STR(m[0].info.short_code, soon.short_code);
    CHECK_EQ_INT(m[0].starts_utc, T0_S + 2 * DAY_S);
    CHECK_EQ_INT(m[0].can_cancel, YK_MINE_OK);
    CHECK_EQ_STR(m[1].info.id, wait.id);
    CHECK_EQ_INT(m[1].info.seat, YK_SEAT_WAITLIST);
    CHECK_EQ_STR(m[1].info.ticket_code, "");
    CHECK_EQ_STR(m[2].info.id, late.id);
    CHECK_EQ_INT(m[2].info.party_size, 2);
    CHECK_EQ_STR(m[2].info.surname, "王");
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_STR(m[i].info.phone_masked, "138****5678");
        CHECK(strcmp(m[i].info.event_id, "m-soon") == 0 ||
              strcmp(m[i].info.event_id, "m-late") == 0 ||
              strcmp(m[i].info.event_id, "m-full") == 0);
    }
    /* B sees only B's. */
    CHECK_EQ_INT(list(PHONE_B, T0_S, m), 2);
    CHECK(strcmp(m[0].info.id, soon.id) != 0 && strcmp(m[1].info.id, late.id) != 0);
    CHECK_EQ_STR(m[0].info.phone_masked, "139****4321");
    /* A number with no sign-ups, a partial or malformed one, its last four digits alone,
     * SQL in the number: nothing. */
    CHECK_EQ_INT(list("13700000000", T0_S, m), 0);
    CHECK_EQ_INT(list("1381234567", T0_S, m), 0);
    CHECK_EQ_INT(list("5678", T0_S, m), 0);
    CHECK_EQ_INT(list("", T0_S, m), 0);
    CHECK_EQ_INT(list(NULL, T0_S, m), 0);
    CHECK_EQ_INT(list("138' OR '1'='1", T0_S, m), 0);
    /* max bounds what is written. */
    CHECK_EQ_INT(yk_signup_mine_list(&db, PHONE_A, T0_S, m, 1), 1);
    CHECK_EQ_STR(m[0].info.id, soon.id);
    /* Once an event has started it cannot be cancelled; once it has ended it is not listed. */
    CHECK_EQ_INT(list(PHONE_A, T0_S + 2 * DAY_S, m), 3);
    CHECK_EQ_INT(m[0].can_cancel, YK_MINE_STARTED);
    CHECK_EQ_INT(m[1].can_cancel, YK_MINE_OK);
    CHECK_EQ_INT(list(PHONE_A, T0_S + 2 * DAY_S + 7200, m), 2);
    CHECK_EQ_STR(m[0].info.id, wait.id);
    /* An event the organiser cancelled says so; a deleted one is not listed. */
    CHECK_EQ_INT(tk_exec(&db, "UPDATE events SET cancelled_utc = 1 WHERE id = 'm-late'"),
                 SQLITE_DONE);
    CHECK_EQ_INT(list(PHONE_A, T0_S, m), 3);
    CHECK_EQ_INT(m[2].can_cancel, YK_MINE_EVENT_CANCELLED);
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, late.id, T0_MS), YK_MINE_EVENT_CANCELLED);
    CHECK_EQ_INT(tk_exec(&db, "UPDATE events SET deleted = 1 WHERE id = 'm-late'"), SQLITE_DONE);
    CHECK_EQ_INT(list(PHONE_A, T0_S, m), 2);
}

static void test_cancel(void)
{
    CHECK(tk_event(&db, "c-ev", T0_S + 3 * DAY_S, 0, 3, 3, 3));
    struct yk_signup_info a = sign("c-ev", PHONE_A, 2);
    struct yk_signup_info b = sign("c-ev", PHONE_B, 1);
    CHECK_EQ_INT(a.seat, YK_SEAT_CONFIRMED);
    struct yk_signup_seats seats;
    CHECK(yk_signup_seats(&db, "c-ev", &seats));
    CHECK_EQ_INT(seats.confirm_left, 0);
    CHECK_EQ_INT(tk_exec(&db, "UPDATE signups SET sync_state = 'synced'"), SQLITE_DONE);

    /* Another number cannot cancel A's sign-up, nor can a made-up id. */
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_B, a.id, T0_MS), YK_MINE_NOT_FOUND);
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, "13700000000", a.id, T0_MS), YK_MINE_NOT_FOUND);
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, "bad", a.id, T0_MS), YK_MINE_NOT_FOUND);
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, "01M8QHV7M02NM09GXQ2QDHC7XF", T0_MS),
                 YK_MINE_NOT_FOUND);
    struct yk_signup_info now;
    CHECK_EQ_INT(yk_signup_get(&db, a.id, &now), 1);
    CHECK_EQ_INT(now.seat, YK_SEAT_CONFIRMED);

    /* After the start: refused, nothing changes. */
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, a.id, (T0_S + 3 * DAY_S) * 1000),
                 YK_MINE_STARTED);
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) FROM signups WHERE status = 'cancelled'"), 0);

    /* Cancelled: its seats are free here at once, the ticket is refused here, and the row
     * waits to be pushed (the hub learns it with the next round). */
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, a.id, T0_MS + 1000), YK_MINE_OK);
    CHECK(yk_signup_seats(&db, "c-ev", &seats));
    CHECK_EQ_INT(seats.confirmed, 1);
    CHECK_EQ_INT(seats.confirm_left, 2);
    struct yk_ticket t;
    CHECK_EQ_INT(yk_ticket_verify_db(&db, a.ticket_code, strlen(a.ticket_code), "c-ev", &t),
                 YK_TICKET_REVOKED_TICKET);
    char where[200];
    snprintf(where, sizeof where,
             "SELECT count(*) FROM signups WHERE id = '%s' AND status = 'cancelled' AND "
             "sync_state = 'pending'",
             a.id);
    CHECK_EQ_INT(tk_int(&db, where), 1);
    /* Twice: nothing more happens; no longer listed. */
    CHECK_EQ_INT(tk_exec(&db, "UPDATE signups SET sync_state = 'synced'"), SQLITE_DONE);
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, a.id, T0_MS + 2000), YK_MINE_ALREADY);
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) FROM signups WHERE sync_state = 'pending'"), 0);
    struct yk_signup_mine m[YK_SIGNUP_MINE_MAX];
    CHECK_EQ_INT(list(PHONE_A, T0_S, m), 2); /* (test_lookup's two that remain) */
    for (int i = 0; i < 2; i++)
        CHECK(strcmp(m[i].info.id, a.id) != 0);
    /* The same number may sign up again afterwards. */
    struct yk_signup_info again = sign("c-ev", PHONE_A, 1);
    CHECK(strcmp(again.id, a.id) != 0);

    /* Checked in (by signup id, as a volunteer does): refused, listed as such. */
    char cid[YK_ID_LEN + 1];
    CHECK(yk_checkin_record(&db, "c-ev", b.id, NULL, 1, NULL, NULL, T0_MS, cid));
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_B, b.id, T0_MS), YK_MINE_CHECKED_IN);
    int nb = list(PHONE_B, T0_S, m);
    bool seen = false;
    for (int i = 0; i < nb; i++)
        if (strcmp(m[i].info.id, b.id) == 0) {
            seen = true;
            CHECK_EQ_INT(m[i].can_cancel, YK_MINE_CHECKED_IN);
        }
    CHECK(seen);
    /* Checked in by its ticket code alone (a scan at this kiosk): refused too. */
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, PHONE_A, again.id, T0_MS), YK_MINE_OK);
    struct yk_signup_info third = sign("m-soon", "13600000001", 1);
    CHECK(yk_checkin_record(&db, "m-soon", NULL, third.ticket_code, 1, NULL, NULL, T0_MS, cid));
    CHECK_EQ_INT(yk_signup_mine_cancel(&db, "13600000001", third.id, T0_MS), YK_MINE_CHECKED_IN);
}

static void test_guard(void)
{
    struct yk_signup_mine_guard g = {0};
    int64_t t = T0_MS;
    CHECK_EQ_INT(yk_signup_mine_guard_wait(&g, t), 0);
    for (int i = 0; i < YK_PIN_FREE_TRIES - 1; i++)
        CHECK_EQ_INT(yk_signup_mine_guard_miss(&g, t + i), 0);
    CHECK_EQ_INT(yk_signup_mine_guard_miss(&g, t + 10), 30000);
    CHECK_EQ_INT(yk_signup_mine_guard_wait(&g, t + 10), 30000);
    CHECK_EQ_INT(yk_signup_mine_guard_wait(&g, t + 20010), 10000);
    /* The next miss after the wait doubles it. */
    CHECK_EQ_INT(yk_signup_mine_guard_wait(&g, t + 30010), 0);
    CHECK_EQ_INT(yk_signup_mine_guard_miss(&g, t + 30010), 60000);
    /* Ten quiet minutes after the wait forget the streak. */
    int64_t later = t + 30010 + 60000 + YK_MINE_FORGET_MS;
    CHECK_EQ_INT(yk_signup_mine_guard_wait(&g, later), 0);
    CHECK_EQ_INT(g.pin.failures, 0);
    CHECK_EQ_INT(yk_signup_mine_guard_miss(&g, later), 0);
    /* But not a quiet spell shorter than that. */
    struct yk_signup_mine_guard h = {0};
    for (int i = 0; i < YK_PIN_FREE_TRIES - 1; i++)
        yk_signup_mine_guard_miss(&h, t + i * (YK_MINE_FORGET_MS / 2));
    CHECK(yk_signup_mine_guard_miss(&h, t + (YK_PIN_FREE_TRIES - 1) * (YK_MINE_FORGET_MS / 2)) > 0);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "tickets");
    if (!tk_open(&db, dir, T0_MS) || !yk_ticket_keys_load_or_create(&keys, dir, &db, T0_S)) {
        fprintf(stderr, "cannot set up\n");
        return 2;
    }
    test_lookup();
    test_cancel();
    test_guard();
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    yk_scratch_remove(dir);
    return yk_test_done();
}
