/* Event check-in records (src/core/volunteer.c): full and partial parties, over-arrival,
 * already checked in, wrong event, cancelled, sign-ups made elsewhere, phone lookup. */
#include "vol_test_util.h"

#include "core/volunteer.h"

static char dir[512];
static struct yk_db db;

#define EVENT "srd-2026-12"
#define OTHER_EVENT "srd-2027-01"
/* 2026-12-12 09:30 Shanghai, the event's start. */
#define EVENT_MS 1797039000000LL

/* Inserts a sign-up (the sign-up module's job; done directly here). phone may be NULL. */
static void add_signup(char id[YK_ID_LEN + 1], const char *event, const char *phone,
                       const char *last4, const char *surname, int party, const char *status,
                       const char *code)
{
    yk_id_make(id, T0_MS);
    sqlite3_stmt *st = yk_db_prepare(
        &db, "INSERT INTO signups (id, event_id, phone, phone_last4, surname, title, party_size, "
             "status, ticket_code, created_utc, updated_utc, kiosk_id) "
             "VALUES (?1, ?2, ?3, ?4, ?5, '女士', ?6, ?7, ?8, ?9, ?9, ?10)");
    CHECK(st != NULL);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, event, -1, SQLITE_STATIC);
    if (phone)
        sqlite3_bind_text(st, 3, phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, last4, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, surname, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 6, party);
    sqlite3_bind_text(st, 7, status, -1, SQLITE_STATIC);
    if (code)
        sqlite3_bind_text(st, 8, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 9, T0_MS / 1000);
    sqlite3_bind_text(st, 10, yk_db_kiosk_id(&db), -1, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
}

static enum yk_checkin_rc admit_ticket(const char *code, int count, int64_t now_ms,
                                       struct yk_checkin_outcome *out)
{
    struct yk_checkin_request req = {
        .event_id = EVENT,
        .ticket_code = code,
        .ticket_event_id = EVENT,
        .count = count,
        .volunteer_id = "demo",
    };
    return yk_checkin_admit(&db, &req, now_ms, out);
}

static long long checkin_rows(void)
{
    return q_int(&db, "SELECT count(*) FROM checkins");
}

static void test_full_party_and_already(void)
{
    char id[YK_ID_LEN + 1];
    add_signup(id, EVENT, "13812345678", "5678", "李", 3, "confirmed", "11112222333344445555");
    struct yk_checkin_outcome o;
    int64_t t = EVENT_MS;
    CHECK_EQ_INT(admit_ticket("11112222333344445555", 3, t, &o), YK_CHECKIN_OK);
    CHECK_EQ_STR(o.signup_id, id);
    CHECK_EQ_STR(o.surname, "李");
    CHECK_EQ_STR(o.title, "女士");
    CHECK_EQ_INT(o.party_size, 3);
    CHECK_EQ_INT(o.count, 3);
    CHECK_EQ_INT(o.remaining, 0);
    CHECK_EQ_INT(o.before.checked_in, 0);
    CHECK(yk_id_valid(o.checkin_id));
    char first_id[YK_ID_LEN + 1];
    memcpy(first_id, o.checkin_id, sizeof first_id);

    /* The row: both keys, the event, the volunteer, this kiosk, pending for sync. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM checkins WHERE id = '%s' AND signup_id = '%s' AND "
             "ticket_code = '11112222333344445555' AND event_id = '" EVENT "' AND count = 3 AND "
             "volunteer_id = 'demo' AND created_utc = %lld AND kiosk_id = '%s' AND "
             "sync_state = 'pending'",
             first_id, id, (long long)(t / 1000), yk_db_kiosk_id(&db));
    CHECK_EQ_INT(q_int(&db, sql), 1);

    /* Scanned again ten minutes later: already in, with when and where. */
    long long rows = checkin_rows();
    CHECK_EQ_INT(admit_ticket("11112222333344445555", 1, t + 600000, &o), YK_CHECKIN_ALREADY);
    CHECK_EQ_INT(o.before.checked_in, 3);
    CHECK_EQ_INT(o.before.visits, 1);
    CHECK_EQ_INT(o.before.first_utc, t / 1000);
    CHECK_EQ_STR(o.before.first_kiosk, yk_db_kiosk_id(&db));
    CHECK_EQ_INT(o.remaining, 0);
    CHECK_EQ_STR(o.checkin_id, "");
    CHECK_EQ_INT(checkin_rows(), rows);
}

static void test_partial_party(void)
{
    char id[YK_ID_LEN + 1];
    add_signup(id, EVENT, "13900001234", "1234", "王", 3, "confirmed", "22223333444455556666");
    struct yk_checkin_outcome o;
    int64_t t = EVENT_MS + 60000;
    CHECK_EQ_INT(admit_ticket("22223333444455556666", 2, t, &o), YK_CHECKIN_OK);
    CHECK_EQ_INT(o.remaining, 1);
    /* Two more cannot come in on a party of three with one left. */
    long long rows = checkin_rows();
    CHECK_EQ_INT(admit_ticket("22223333444455556666", 2, t + 1000, &o), YK_CHECKIN_TOO_MANY);
    CHECK_EQ_INT(o.remaining, 1);
    CHECK_EQ_INT(o.before.checked_in, 2);
    CHECK_EQ_INT(o.count, 0);
    CHECK_EQ_INT(checkin_rows(), rows);
    /* The last one arrives later. */
    CHECK_EQ_INT(admit_ticket("22223333444455556666", 1, t + 1800000, &o), YK_CHECKIN_OK);
    CHECK_EQ_INT(o.remaining, 0);
    CHECK_EQ_INT(o.before.checked_in, 2);
    CHECK_EQ_INT(o.before.first_utc, t / 1000);
    CHECK_EQ_INT(admit_ticket("22223333444455556666", 1, t + 1900000, &o), YK_CHECKIN_ALREADY);
    CHECK_EQ_INT(o.before.checked_in, 3);
    CHECK_EQ_INT(o.before.visits, 2);
    CHECK_EQ_INT(o.before.last_utc, (t + 1800000) / 1000);

    struct yk_checkin_status s;
    CHECK(yk_checkin_status(&db, id, NULL, &s));
    CHECK_EQ_INT(s.checked_in, 3);
    CHECK(yk_checkin_status(&db, NULL, "22223333444455556666", &s));
    CHECK_EQ_INT(s.checked_in, 3);
    CHECK(yk_checkin_status(&db, NULL, "99999999999999999999", &s));
    CHECK_EQ_INT(s.checked_in, 0);
    CHECK_EQ_INT(s.first_utc, 0);
    CHECK_EQ_STR(s.first_kiosk, "");
}

static void test_refusals(void)
{
    char id[YK_ID_LEN + 1], other[YK_ID_LEN + 1], wait[YK_ID_LEN + 1];
    add_signup(id, EVENT, NULL, "4321", "赵", 2, "cancelled", "33334444555566667777");
    add_signup(other, OTHER_EVENT, NULL, "4321", "钱", 1, "confirmed", "44445555666677778888");
    add_signup(wait, EVENT, NULL, "4321", "孙", 1, "waitlist", "55556666777788889999");
    long long rows = checkin_rows();
    struct yk_checkin_outcome o;
    int64_t t = EVENT_MS;
    CHECK_EQ_INT(admit_ticket("33334444555566667777", 1, t, &o), YK_CHECKIN_CANCELLED);
    CHECK_EQ_STR(o.surname, "赵");
    CHECK_EQ_INT(admit_ticket("55556666777788889999", 1, t, &o), YK_CHECKIN_NOT_CONFIRMED);
    /* The ticket names another event than the screen's. */
    struct yk_checkin_request req = {.event_id = EVENT,
                                     .ticket_code = "44445555666677778888",
                                     .ticket_event_id = OTHER_EVENT,
                                     .count = 1};
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_WRONG_EVENT);
    /* ... or the local sign-up does (a ticket whose event id was not given). */
    req.ticket_event_id = NULL;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_WRONG_EVENT);
    /* An unknown sign-up id. */
    struct yk_checkin_request by_id = {
        .event_id = EVENT, .signup_id = "01KB0000000000000000000000", .count = 1};
    CHECK_EQ_INT(yk_checkin_admit(&db, &by_id, t, &o), YK_CHECKIN_NOT_FOUND);
    /* An unknown event is an error (logged), not a check-in. */
    struct yk_checkin_request bad_event = {
        .event_id = "no-such-event", .ticket_code = "66667777888899990000", .count = 1};
    CHECK_EQ_INT(yk_checkin_admit(&db, &bad_event, t, &o), YK_CHECKIN_ERROR);
    CHECK_EQ_INT(checkin_rows(), rows);
}

static void test_signup_made_elsewhere(void)
{
    struct yk_checkin_outcome o;
    int64_t t = EVENT_MS + 120000;
    /* No local row: the ticket's party size applies. */
    struct yk_checkin_request req = {.event_id = EVENT,
                                     .ticket_code = "77778888999900001111",
                                     .ticket_event_id = EVENT,
                                     .ticket_party_size = 2,
                                     .count = 2};
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_OK);
    CHECK_EQ_STR(o.signup_id, "");
    CHECK_EQ_INT(o.party_size, 2);
    CHECK_EQ_INT(o.remaining, 0);
    req.count = 1;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t + 1000, &o), YK_CHECKIN_ALREADY);

    /* No party size on the ticket: the event's max_party (4) bounds it. */
    req.ticket_code = "88889999000011112222";
    req.ticket_party_size = 0;
    req.count = 5;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_TOO_MANY);
    CHECK_EQ_INT(o.party_size, 4);
    req.count = 4;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_OK);

    /* Checked in at another kiosk (its records synced here): that kiosk is reported. */
    char other_kiosk[YK_ID_LEN + 1], cid[YK_ID_LEN + 1];
    yk_id_make(other_kiosk, T0_MS - DAY_MS);
    CHECK(yk_checkin_record(&db, EVENT, NULL, "99990000111122223333", 1, other_kiosk, NULL,
                            t - 300000, cid));
    req.ticket_code = "99990000111122223333";
    req.ticket_party_size = 1;
    req.count = 1;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, t, &o), YK_CHECKIN_ALREADY);
    CHECK_EQ_STR(o.before.first_kiosk, other_kiosk);
    CHECK_EQ_INT(o.before.first_utc, (t - 300000) / 1000);

    /* Check-ins are append-only (the schema's trigger). */
    CHECK(!q_exec(&db, "UPDATE checkins SET count = 9"));
}

static void test_phone_lookup(void)
{
    char a[YK_ID_LEN + 1], b[YK_ID_LEN + 1];
    add_signup(a, EVENT, "13698765555", "5555", "周", 2, "confirmed", "12121212121212121212");
    add_signup(b, EVENT, NULL, "5555", "吴", 1, "confirmed", NULL); /* phone purged */
    char c[YK_ID_LEN + 1];
    add_signup(c, OTHER_EVENT, "13698765555", "5555", "郑", 1, "confirmed", NULL);

    struct yk_signup_match_list l;
    CHECK(!yk_checkin_find_by_phone(&db, EVENT, "55a5", &l));
    CHECK(!yk_checkin_find_by_phone(&db, EVENT, "555", &l));
    CHECK(yk_checkin_find_by_phone(&db, EVENT, "0000", &l));
    CHECK_EQ_INT(l.count, 0);
    yk_signup_matches_free(&l);

    CHECK(yk_checkin_find_by_phone(&db, EVENT, "5555", &l));
    CHECK_EQ_INT(l.count, 2); /* not the other event's */
    if (l.count == 2) {
        /* Ordered by surname (吴 U+5434 before 周 U+5468). */
        CHECK_EQ_STR(l.items[0].id, b);
        CHECK_EQ_STR(l.items[0].phone_masked, "*******5555");
        CHECK_EQ_STR(l.items[1].id, a);
        CHECK_EQ_STR(l.items[1].phone_masked, "136****5555");
        CHECK_EQ_STR(l.items[1].surname, "周");
        CHECK_EQ_INT(l.items[1].party_size, 2);
        CHECK_EQ_INT(l.items[1].state, YK_SIGNUP_CONFIRMED);
        CHECK_EQ_INT(l.items[1].checked_in, 0);
    }
    yk_signup_matches_free(&l);
    yk_signup_matches_free(&l);
    yk_signup_matches_free(NULL);

    /* Checked in by the sign-up found by phone, then the same party's ticket is scanned:
     * both count towards the one party. */
    struct yk_checkin_outcome o;
    struct yk_checkin_request req = {.event_id = EVENT, .signup_id = a, .count = 1};
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, EVENT_MS, &o), YK_CHECKIN_OK);
    CHECK_EQ_INT(o.remaining, 1);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM checkins WHERE ticket_code = "
                            "'12121212121212121212' AND signup_id IS NOT NULL"),
                 1);
    CHECK_EQ_INT(admit_ticket("12121212121212121212", 2, EVENT_MS + 1000, &o), YK_CHECKIN_TOO_MANY);
    CHECK_EQ_INT(admit_ticket("12121212121212121212", 1, EVENT_MS + 1000, &o), YK_CHECKIN_OK);
    CHECK(yk_checkin_find_by_phone(&db, EVENT, "5555", &l));
    CHECK(l.count == 2 && l.items[1].checked_in == 2);
    yk_signup_matches_free(&l);

    /* A sign-up without a ticket code, by phone only. */
    req.signup_id = b;
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, EVENT_MS, &o), YK_CHECKIN_OK);
    CHECK_EQ_INT(yk_checkin_admit(&db, &req, EVENT_MS, &o), YK_CHECKIN_ALREADY);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "vol-test");
    open_sample(&db, dir, T0_MS);
    test_full_party_and_already();
    test_partial_party();
    test_refusals();
    test_signup_made_elsewhere();
    test_phone_lookup();
    yk_db_close(&db);
    yk_scratch_remove(dir);
    return yk_test_done();
}
