/* Sign-up rules, tickets of sign-ups, cancel and purge (src/core/signup.c). */
#include "check.h"
#include "tickets_util.h"

#include "core/log.h"
#include "core/signup.h"
#include "core/ticket_keys.h"

#include <stdint.h>

static char dir[512];
static struct yk_db db;
static struct yk_ticket_keys keys;

#define PHONE_A "13812345678"
#define PHONE_B "13987654321"

static struct yk_signup_request req(const char *event, const char *phone, int party)
{
    return (struct yk_signup_request){.event_id = event,
                                      .phone = phone,
                                      .surname = "王",
                                      .title = YK_TITLE_MS,
                                      .party_size = party,
                                      .consent = true};
}

/* A distinct valid phone for i. */
static const char *phone_n(int i, char buf[12])
{
    snprintf(buf, 12, "150%08d", i);
    return buf;
}

static enum yk_signup_rc submit(const struct yk_signup_request *r, int64_t now_s,
                                struct yk_signup_result *out)
{
    return yk_signup_submit(&db, &keys, r, now_s * 1000, out);
}

static int rows(const char *where)
{
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM signups WHERE %s", where);
    return (int)tk_int(&db, sql);
}

static void test_confirmed_ticket(void)
{
    CHECK(tk_event(&db, "e-basic", T0_S + 10 * DAY_S, 0, 40, 4, 40));
    struct yk_signup_request r = req("e-basic", PHONE_A, 2);
    struct yk_signup_result res;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(res.rc, YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(res.signup.seat, YK_SEAT_CONFIRMED);
    CHECK_EQ_STR(res.signup.phone_masked, "138****5678");
    CHECK_EQ_STR(res.signup.surname, "王");
    CHECK_EQ_INT(res.signup.title, YK_TITLE_MS);
    CHECK_EQ_INT(res.signup.party_size, 2);
    CHECK_EQ_INT(strlen(res.signup.ticket_code), YK_TICKET_DIGITS);
    CHECK_EQ_INT(strlen(res.signup.short_code), YK_TICKET_SHORT_LEN);
    CHECK_EQ_INT(strlen(res.signup.id), YK_ID_LEN);
    CHECK_EQ_INT(res.seats.confirmed, 2);
    CHECK_EQ_INT(res.seats.confirm_left, 38);

    /* The ticket verifies offline against this kiosk's key in kiosk_keys, for this event. */
    struct yk_ticket t;
    const char *code = res.signup.ticket_code;
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code, strlen(code), "e-basic", &t), YK_TICKET_OK);
    CHECK_EQ_INT(t.serial, 1);
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code, strlen(code), "e-other", &t),
                 YK_TICKET_WRONG_EVENT);
    char s[YK_TICKET_SHORT_LEN + 1];
    yk_ticket_short_code(&t, s);
    CHECK_EQ_STR(s, res.signup.short_code);

    /* Stored: the phone for contact and dedup, its last 4, the serial. */
    char where[400];
    snprintf(where, sizeof where,
             "id = '%s' AND phone = '" PHONE_A "' AND phone_last4 = '5678' AND ticket_serial = 1 "
             "AND status = 'confirmed' AND sync_state = 'pending' AND kiosk_id = '%s' "
             "AND created_utc = %lld",
             res.signup.id, yk_db_kiosk_id(&db), (long long)T0_S);
    CHECK_EQ_INT(rows(where), 1);
    char serial[32];
    CHECK(yk_db_meta_get(&db, "ticket_serial", serial, sizeof serial));
    CHECK_EQ_STR(serial, "1");
    /* Back to synchronous=NORMAL (1) after the FULL commit. */
    CHECK_EQ_INT(tk_int(&db, "PRAGMA synchronous"), 1);

    /* Found again by code: the ticket, the short code as typed, a URL. */
    struct yk_signup_info info;
    CHECK_EQ_INT(yk_signup_find_by_code(&db, code, &info), 1);
    CHECK_EQ_STR(info.id, res.signup.id);
    char typed[16];
    snprintf(typed, sizeof typed, "%.4s-%.4s", s, s + 4);
    for (char *c = typed; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    CHECK_EQ_INT(yk_signup_find_by_code(&db, typed, &info), 1);
    CHECK_EQ_STR(info.ticket_code, code);
    char url[YK_TICKET_URL_MAX];
    CHECK(yk_ticket_url(NULL, code, url, sizeof url));
    CHECK_EQ_INT(yk_signup_find_by_code(&db, url, &info), 1);
    CHECK_EQ_INT(yk_signup_find_by_code(&db, "ZZZZ-ZZZZ", &info), 0);
    CHECK_EQ_INT(yk_signup_find_by_code(&db, "nonsense", &info), 0);

    /* The serial advances per ticket. */
    struct yk_signup_request r2 = req("e-basic", PHONE_B, 1);
    CHECK_EQ_INT(submit(&r2, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(yk_ticket_decode(res.signup.ticket_code, YK_TICKET_DIGITS, &t), YK_TICKET_OK);
    CHECK_EQ_INT(t.serial, 2);
}

static void test_duplicate(void)
{
    CHECK(tk_event(&db, "e-dup", T0_S + 10 * DAY_S, 0, 40, 4, 40));
    CHECK(tk_event(&db, "e-dup2", T0_S + 10 * DAY_S, 0, 40, 4, 40));
    struct yk_signup_request r = req("e-dup", PHONE_A, 2);
    struct yk_signup_result first, again;
    CHECK_EQ_INT(submit(&r, T0_S, &first), YK_SIGNUP_RC_CONFIRMED);
    r.party_size = 3; /* a different answer the second time changes nothing */
    r.surname = NULL;
    CHECK_EQ_INT(submit(&r, T0_S + 60, &again), YK_SIGNUP_RC_EXISTING);
    CHECK_EQ_STR(again.signup.ticket_code, first.signup.ticket_code);
    CHECK_EQ_STR(again.signup.short_code, first.signup.short_code);
    CHECK_EQ_STR(again.signup.id, first.signup.id);
    CHECK_EQ_INT(again.signup.party_size, 2);
    CHECK_EQ_INT(again.signup.seat, YK_SEAT_CONFIRMED);
    CHECK_EQ_STR(again.signup.phone_masked, "138****5678");
    CHECK_EQ_INT(rows("event_id = 'e-dup'"), 1);
    CHECK_EQ_INT(again.seats.confirmed, 2);
    /* Even after sign-up has closed, the person gets their ticket back. */
    CHECK_EQ_INT(submit(&r, T0_S + 20 * DAY_S, &again), YK_SIGNUP_RC_EXISTING);
    CHECK_EQ_STR(again.signup.ticket_code, first.signup.ticket_code);
    /* Another event is another sign-up. */
    r.event_id = "e-dup2";
    CHECK_EQ_INT(submit(&r, T0_S, &again), YK_SIGNUP_RC_CONFIRMED);
    CHECK(strcmp(again.signup.ticket_code, first.signup.ticket_code) != 0);

    struct yk_signup_info info;
    CHECK_EQ_INT(yk_signup_find(&db, "e-dup", PHONE_A, &info), 1);
    CHECK_EQ_STR(info.id, first.signup.id);
    CHECK_EQ_INT(yk_signup_find(&db, "e-dup", PHONE_B, &info), 0);
    CHECK_EQ_STR(info.id, "");
}

static void test_capacity_counts_people(void)
{
    /* 5 people, 4 at most per sign-up, all 5 held here. */
    CHECK(tk_event(&db, "e-cap", T0_S + 10 * DAY_S, 0, 5, 4, 5));
    char p[12];
    struct yk_signup_result res;
    struct yk_signup_request r = req("e-cap", phone_n(1, p), 4);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(res.seats.confirm_left, 1);
    r = req("e-cap", phone_n(2, p), 2); /* 4 + 2 > 5 */
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_FULL);
    CHECK_EQ_INT(res.seats.confirm_left, 1);
    CHECK_EQ_INT(res.seats.room_left, 1);
    CHECK_EQ_STR(res.signup.id, ""); /* nothing stored */
    CHECK_EQ_INT(rows("event_id = 'e-cap'"), 1);
    r = req("e-cap", phone_n(3, p), 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(res.seats.confirm_left, 0);
    r = req("e-cap", phone_n(4, p), 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_FULL);
    /* The person accepts the waitlist: stored, no ticket. */
    r.waitlist_ok = true;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_WAITLIST);
    CHECK_EQ_INT(res.signup.seat, YK_SEAT_WAITLIST);
    CHECK_EQ_STR(res.signup.ticket_code, "");
    CHECK_EQ_STR(res.signup.short_code, "");
    CHECK_EQ_INT(res.seats.waitlist, 1);
    CHECK_EQ_INT(rows("event_id = 'e-cap' AND status = 'waitlist' AND ticket_code IS NULL"), 1);
    /* Asking again returns the waitlist place, not a ticket. */
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_EXISTING);
    CHECK_EQ_INT(res.signup.seat, YK_SEAT_WAITLIST);
    CHECK_EQ_STR(res.signup.ticket_code, "");

    struct yk_signup_seats seats;
    CHECK(yk_signup_seats(&db, "e-cap", &seats));
    CHECK_EQ_INT(seats.capacity, 5);
    CHECK_EQ_INT(seats.confirmed, 5);
    CHECK_EQ_INT(seats.waitlist, 1);
    CHECK_EQ_INT(seats.confirm_left, 0);
    CHECK(!yk_signup_seats(&db, "no-such-event", &seats));
}

static void test_party_and_deadline(void)
{
    int64_t start = T0_S + 10 * DAY_S, deadline = start - DAY_S;
    CHECK(tk_event(&db, "e-party", start, deadline, 40, 3, 40));
    struct yk_signup_result res;
    struct yk_signup_request r = req("e-party", PHONE_A, 0);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PARTY);
    CHECK_EQ_INT(res.max_party, 3);
    r.party_size = 4;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PARTY);
    r.party_size = -1;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PARTY);
    CHECK_EQ_INT(rows("event_id = 'e-party'"), 0);
    r.party_size = 3;
    /* The deadline: open one second before, closed at it. */
    CHECK_EQ_INT(submit(&r, deadline, &res), YK_SIGNUP_RC_CLOSED);
    CHECK_EQ_INT(submit(&r, deadline + 3600, &res), YK_SIGNUP_RC_CLOSED);
    CHECK_EQ_INT(rows("event_id = 'e-party'"), 0);
    CHECK_EQ_INT(submit(&r, deadline - 1, &res), YK_SIGNUP_RC_CONFIRMED);

    /* No deadline: the start closes sign-up. */
    CHECK(tk_event(&db, "e-nodl", start, 0, 40, 3, 40));
    r = req("e-nodl", PHONE_A, 1);
    CHECK_EQ_INT(submit(&r, start, &res), YK_SIGNUP_RC_CLOSED);
    CHECK_EQ_INT(submit(&r, start - 1, &res), YK_SIGNUP_RC_CONFIRMED);

    /* No capacity: no sign-up needed. */
    CHECK(tk_event(&db, "e-open", start, 0, 0, 1, 0));
    r = req("e-open", PHONE_A, 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_NOT_NEEDED);
    r.event_id = "no-such-event";
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_NO_EVENT);
    r.event_id = NULL;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_NO_EVENT);
    /* A deleted event (hub tombstone) takes no sign-ups. */
    CHECK(tk_event(&db, "e-gone", start, 0, 40, 3, 40));
    CHECK_EQ_INT(tk_exec(&db, "UPDATE events SET deleted = 1 WHERE id = 'e-gone'"), SQLITE_DONE);
    r.event_id = "e-gone";
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_NO_EVENT);
}

static void test_seats_held(void)
{
    /* Capacity 10, this kiosk holds 3: beyond them a sign-up is pending, not a ticket. */
    CHECK(tk_event(&db, "e-held", T0_S + 10 * DAY_S, 0, 10, 4, 3));
    char p[12];
    struct yk_signup_result res;
    struct yk_signup_request r = req("e-held", phone_n(10, p), 2);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    r = req("e-held", phone_n(11, p), 2);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_PENDING);
    CHECK_EQ_INT(res.signup.seat, YK_SEAT_PENDING);
    CHECK_EQ_STR(res.signup.ticket_code, "");
    CHECK_EQ_STR(res.signup.phone_masked, "150****0011");
    r = req("e-held", phone_n(12, p), 1); /* still fits the held seats */
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(res.seats.confirm_left, 0);
    r = req("e-held", phone_n(13, p), 4);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_PENDING);
    CHECK_EQ_INT(res.seats.room_left, 1); /* 10 - 3 confirmed - 6 pending */
    r = req("e-held", phone_n(14, p), 2);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_FULL);
    r = req("e-held", phone_n(15, p), 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_PENDING);
    r = req("e-held", phone_n(16, p), 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_FULL);
    struct yk_signup_seats seats;
    CHECK(yk_signup_seats(&db, "e-held", &seats));
    CHECK_EQ_INT(seats.held, 3);
    CHECK_EQ_INT(seats.confirmed, 3);
    CHECK_EQ_INT(seats.pending, 7);
    CHECK_EQ_INT(seats.room_left, 0);
    /* Nothing held at all: every sign-up is pending. */
    CHECK(tk_event(&db, "e-none-held", T0_S + 10 * DAY_S, 0, 10, 4, 0));
    r = req("e-none-held", phone_n(17, p), 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_PENDING);
}

static void test_input_checks(void)
{
    CHECK(tk_event(&db, "e-input", T0_S + 10 * DAY_S, 0, 40, 4, 40));
    struct yk_signup_result res;
    struct yk_signup_request r = req("e-input", "1381234567", 1);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PHONE);
    CHECK_EQ_INT(res.phone_rc, YK_PHONE_TOO_SHORT);
    r.phone = "12812345678";
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PHONE);
    CHECK_EQ_INT(res.phone_rc, YK_PHONE_BAD_PREFIX);
    r.phone = NULL;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_PHONE);
    r.phone = PHONE_A;
    r.consent = false;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_NO_CONSENT);
    r.consent = true;
    r.surname = "欧阳欧阳欧阳"; /* 18 bytes */
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_NAME);
    r.surname = "\xe7\x8e"; /* cut UTF-8 */
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_NAME);
    r.surname = "王\n";
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_BAD_NAME);
    CHECK_EQ_INT(rows("event_id = 'e-input'"), 0);
    /* No surname, no title: allowed. */
    r.surname = "";
    r.title = YK_TITLE_NONE;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(rows("event_id = 'e-input' AND surname IS NULL AND title IS NULL"), 1);
    r.phone = PHONE_B;
    r.surname = "欧阳";
    r.title = YK_TITLE_MR;
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    CHECK_EQ_INT(rows("event_id = 'e-input' AND surname = '欧阳' AND title = '先生'"), 1);

    char a[64];
    CHECK(yk_signup_addressee("王", YK_TITLE_MS, a, sizeof a));
    CHECK_EQ_STR(a, "王女士");
    CHECK(yk_signup_addressee(NULL, YK_TITLE_MR, a, sizeof a));
    CHECK_EQ_STR(a, "先生");
    CHECK(yk_signup_addressee("", YK_TITLE_NONE, a, sizeof a));
    CHECK_EQ_STR(a, "");
    CHECK(!yk_signup_addressee("欧阳", YK_TITLE_MS, a, 6));
}

/* Phone numbers never reach the log. */
static void test_phone_not_logged(void)
{
    CHECK(tk_event(&db, "e-log", T0_S + 10 * DAY_S, 0, 2, 2, 1));
    fflush(stderr);
    FILE *cap = tmpfile();
    CHECK(cap);
    int saved = dup(STDERR_FILENO);
    dup2(fileno(cap), STDERR_FILENO);
    yk_log_set_level(YK_LOG_DEBUG);
    struct yk_signup_result res;
    struct yk_signup_request r = req("e-log", "13600001111", 1);
    submit(&r, T0_S, &res); /* confirmed */
    r.phone = "13600002222";
    submit(&r, T0_S, &res); /* pending */
    r.phone = "13600003333";
    r.party_size = 2;
    submit(&r, T0_S, &res); /* full */
    yk_signup_cancel(&db, res.signup.id, T0_MS);
    yk_signup_purge_phones(&db, T0_S + 400 * DAY_S, 30);
    yk_log_set_level(YK_LOG_INFO);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    char text[8192] = "";
    rewind(cap);
    size_t n = fread(text, 1, sizeof text - 1, cap);
    text[n] = '\0';
    fclose(cap);
    CHECK(n > 0); /* something was logged */
    CHECK(!strstr(text, "1360000"));
    CHECK(!strstr(text, "00001111"));
}

static void test_cancel(void)
{
    CHECK(tk_event(&db, "e-cancel", T0_S + 10 * DAY_S, 0, 2, 2, 2));
    struct yk_signup_result res, res2;
    struct yk_signup_request r = req("e-cancel", PHONE_A, 2);
    CHECK_EQ_INT(submit(&r, T0_S, &res), YK_SIGNUP_RC_CONFIRMED);
    r.phone = PHONE_B;
    CHECK_EQ_INT(submit(&r, T0_S, &res2), YK_SIGNUP_RC_FULL);

    CHECK_EQ_INT(yk_signup_cancel(&db, res.signup.id, T0_MS + 1000), 1);
    CHECK_EQ_INT(yk_signup_cancel(&db, res.signup.id, T0_MS + 2000), 0); /* already */
    CHECK_EQ_INT(yk_signup_cancel(&db, "01AAAAAAAAAAAAAAAAAAAAAAAA", T0_MS), 0);
    struct yk_ticket t;
    const char *code = res.signup.ticket_code;
    CHECK_EQ_INT(yk_ticket_verify_db(&db, code, strlen(code), "e-cancel", &t),
                 YK_TICKET_REVOKED_TICKET);
    CHECK(yk_signup_code_cancelled(&db, code));
    /* Its seats are free; the same number may sign up again, with a new ticket. */
    CHECK_EQ_INT(submit(&r, T0_S, &res2), YK_SIGNUP_RC_CONFIRMED);
    r.phone = PHONE_A;
    r.party_size = 1;
    CHECK_EQ_INT(submit(&r, T0_S, &res2), YK_SIGNUP_RC_FULL);
    CHECK_EQ_INT(yk_signup_find(&db, "e-cancel", PHONE_A, &res2.signup), 0);
    CHECK_EQ_INT(rows("event_id = 'e-cancel' AND status = 'cancelled' AND updated_utc = "
                      "1796086801"),
                 1);
}

/* Whether the bytes of s appear anywhere in the database file or its WAL. */
static bool in_files(const char *s)
{
    const char *names[] = {"kiosk.db", "kiosk.db-wal"};
    bool found = false;
    for (int i = 0; i < 2; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t cap = 1 << 20, len = 0, n;
        char *buf = malloc(cap);
        while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += n) == cap)
                buf = realloc(buf, cap *= 2);
        fclose(f);
        for (size_t j = 0; buf && j + strlen(s) <= len && !found; j++)
            found = memcmp(buf + j, s, strlen(s)) == 0;
        free(buf);
    }
    return found;
}

static void test_purge(void)
{
    /* Two events: one ended 31 days before "now", one 29 days before. */
    int64_t now = T0_S + 100 * DAY_S;
    int64_t old_start = now - 31 * DAY_S - 7200, new_start = now - 29 * DAY_S - 7200;
    CHECK(tk_event(&db, "e-old", old_start, 0, 40, 4, 40));
    CHECK(tk_event(&db, "e-new", new_start, 0, 40, 4, 40));
    struct yk_signup_result res_old, res_new;
    struct yk_signup_request r = req("e-old", "13700009999", 1);
    CHECK_EQ_INT(submit(&r, old_start - DAY_S, &res_old), YK_SIGNUP_RC_CONFIRMED);
    r.event_id = "e-new";
    r.phone = "13700008888";
    CHECK_EQ_INT(submit(&r, new_start - DAY_S, &res_new), YK_SIGNUP_RC_CONFIRMED);
    CHECK(in_files("13700009999"));

    long long secure_before = tk_int(&db, "PRAGMA secure_delete");
    int purged = yk_signup_purge_phones(&db, now, 30);
    CHECK(purged >= 1);
    CHECK_EQ_INT(rows("event_id = 'e-old' AND phone IS NULL AND phone_last4 = '9999'"), 1);
    CHECK_EQ_INT(rows("event_id = 'e-new' AND phone = '13700008888'"), 1);
    CHECK_EQ_INT(tk_int(&db, "PRAGMA secure_delete"), secure_before); /* restored */
    /* The number is gone from the file and the WAL, not only from the row. */
    CHECK(!in_files("13700009999"));
    CHECK(in_files("13700008888"));
    /* Nothing left to purge: a second run changes nothing. */
    CHECK_EQ_INT(yk_signup_purge_phones(&db, now, 30), 0);
    /* The sign-up stays findable, masked from the last 4 digits; counts stay right. */
    struct yk_signup_info info;
    CHECK_EQ_INT(yk_signup_find_by_code(&db, res_old.signup.ticket_code, &info), 1);
    CHECK_EQ_STR(info.phone_masked, "*******9999");
    CHECK_EQ_STR(info.surname, "王");
    struct yk_signup_seats seats;
    CHECK(yk_signup_seats(&db, "e-old", &seats));
    CHECK_EQ_INT(seats.confirmed, 1);
    /* Two days later the other one goes too. */
    CHECK(yk_signup_purge_phones(&db, now + 2 * DAY_S, 30) >= 1);
    CHECK_EQ_INT(rows("event_id = 'e-new' AND phone IS NULL AND phone_last4 = '8888'"), 1);
    CHECK(!in_files("13700008888"));
    CHECK(yk_db_integrity_check(&db, false));
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "tickets");
    if (!tk_open(&db, dir, T0_MS) || !yk_ticket_keys_load_or_create(&keys, dir, &db, T0_S)) {
        fprintf(stderr, "cannot set up\n");
        return 2;
    }
    test_confirmed_ticket();
    test_duplicate();
    test_capacity_counts_people();
    test_party_and_deadline();
    test_seats_held();
    test_input_checks();
    test_phone_not_logged();
    test_cancel();
    test_purge();
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    yk_scratch_remove(dir);
    return yk_test_done();
}
