/* An event's sign-ups in the admin, against the real yikong-hub on 127.0.0.1: cancelling a
 * sign-up and moving one up from the waitlist (a page to confirm, then a POST with the CSRF
 * token; station staff only for their own station's, by URL too; never beyond the places;
 * each in the audit log with before and after; the decision in the change feed for the kiosk
 * it came from, a cancelled ticket in revocations, the waitlist let in), and the printable
 * sign-in sheet. */
#include "admin/admin_client.h"

static const char KIOSK[] = "01KBK00000000000000000000A";

/* A sign-up of event ev straight into the hub's database, as a kiosk's push leaves it. */
static void add_signup(const char *id, const char *ev, const char *status, int party,
                       const char *ticket)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"INSERT INTO signups (id, event_id, kiosk_id, phone_last4, surname, "
             "title, party_size, status, ticket_code, created_utc, updated_utc, received_utc) "
             "VALUES ('%s', '%s', '%s', '1234', '李', '女士', %d, '%s', %s%s%s, 1790000000, "
             "1790000000, 1790000000)\"",
             h.db, id, ev, KIOSK, party, status, ticket ? "'" : "", ticket ? ticket : "NULL",
             ticket ? "'" : "");
    CHECK_EQ_INT(system(sql), 0);
}

static const char *status_of(const char *id)
{
    static char out[64];
    db_text("SELECT status FROM signups WHERE id = ?", id, out);
    return out;
}

/* POSTs action (cancel, promote) on sign-up sid of event ev as s; returns the status. */
static long act(const struct session *s, const char *ev, const char *sid, const char *action,
                bool with_csrf, char *body, size_t n)
{
    char path[200], form[128];
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/%s", ev, sid, action);
    snprintf(form, sizeof form, "csrf=%s", with_csrf ? s->csrf : "");
    struct ans a = req(path, s->cookie, form);
    if (body)
        snprintf(body, n, "%s", a.body ? a.body : "");
    long st = a.status;
    ans_free(&a);
    return st;
}

#define A "01KBSGN0000000000000000001" /* confirmed, 2 people, with a ticket */
#define B "01KBSGN0000000000000000002" /* waitlist, 2 */
#define D "01KBSGN0000000000000000004" /* waitlist, 1 */
#define E "01KBSGN0000000000000000005" /* waitlist, 1 */

static void refusals(const struct session *own, const struct session *other, const char *ev,
                     const char *other_ev)
{
    long long audit = hub_db_int(h.db, "SELECT count(*) FROM admin_audit");
    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    char path[200];
    /* Another station's staff, by URL: 404 for the page and the POST, nothing changed. */
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/cancel", ev, A);
    struct ans a = req(path, other->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    CHECK(strstr(a.body, "1234") == NULL);
    ans_free(&a);
    CHECK_EQ_INT(act(other, ev, A, "cancel", true, NULL, 0), 404);
    CHECK_EQ_INT(act(other, ev, B, "promote", true, NULL, 0), 404);
    /* ... also under an event of their own. */
    CHECK_EQ_INT(act(other, other_ev, A, "cancel", true, NULL, 0), 404);
    /* The right staff, but the sign-up under another event: 404. */
    CHECK_EQ_INT(act(own, other_ev, A, "cancel", true, NULL, 0), 404);
    /* No CSRF token: 403. */
    CHECK_EQ_INT(act(own, ev, A, "cancel", false, NULL, 0), 403);
    /* An unknown sign-up, a made-up action: 404. */
    CHECK_EQ_INT(act(own, ev, "01KBSGN0000000000000000099", "cancel", true, NULL, 0), 404);
    CHECK_EQ_INT(act(own, ev, A, "delete", true, NULL, 0), 404);
    /* Beyond the places: B needs 2, 1 is free. */
    static char body[1 << 16];
    CHECK_EQ_INT(act(own, ev, B, "promote", true, body, sizeof body), 409);
    CHECK(strstr(body, "Not enough places: 2 needed, 1 free") != NULL);
    CHECK(strstr(body, "名额不够") != NULL);
    /* Only a waiting sign-up moves up. */
    CHECK_EQ_INT(act(own, ev, A, "promote", true, body, sizeof body), 409);
    CHECK(strstr(body, "Only a sign-up on the waitlist") != NULL);
    CHECK_EQ_STR(status_of(A), "confirmed");
    CHECK_EQ_STR(status_of(B), "waitlist");
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_audit"), audit);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT max(seq) FROM changes"), seq);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM revocations"), 0);
}

static void cancel_and_promote(const struct session *own, const char *ev)
{
    char path[200];
    /* The page that confirms: who, masked, a form with the CSRF token. */
    snprintf(path, sizeof path, "/admin/events/%s/signups", ev);
    struct ans a = req(path, own->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/cancel", ev, A);
    CHECK(strstr(a.body, path) != NULL);
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/promote", ev, B);
    CHECK(strstr(a.body, path) != NULL);
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/promote", ev, A);
    CHECK(strstr(a.body, path) == NULL); /* a confirmed one has no "move up" */
    ans_free(&a);
    snprintf(path, sizeof path, "/admin/events/%s/signups/%s/cancel", ev, A);
    a = req(path, own->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "****1234") != NULL);
    CHECK(strstr(a.body, "name=\"csrf\"") != NULL);
    CHECK(strstr(a.body, "id=\"do\"") != NULL);
    ans_free(&a);
    CHECK_EQ_STR(status_of(A), "confirmed"); /* a GET changes nothing */

    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    char form[128];
    snprintf(form, sizeof form, "csrf=%s", own->csrf);
    a = req(path, own->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    char to[200];
    snprintf(to, sizeof to, "/admin/events/%s/signups?done=cancel", ev);
    CHECK_EQ_STR(a.location, to);
    ans_free(&a);
    CHECK_EQ_STR(status_of(A), "cancelled");
    /* Its ticket is revoked for every kiosk; the freed places let B in (2 of 3). */
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM revocations WHERE ticket_code = 'TICKETA' "
                            "AND event_id = '%s'",
                            ev),
                 1);
    CHECK_EQ_STR(status_of(B), "confirmed");
    /* Both decisions travel to the kiosk they came from. */
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM changes WHERE tbl = 'signups' AND audience = "
                            "'%s' AND row_id IN ('" A "', '" B "') AND seq > %lld",
                            KIOSK, seq),
                 2);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = 'signup.cancel' "
                            "AND user_name = 'staff-a' AND target = 'signups/" A "' AND before "
                            "LIKE '%%\"status\":\"confirmed\"%%' AND after LIKE "
                            "'%%\"status\":\"cancelled\"%%' AND after NOT LIKE '%%1234%%'"),
                 1);
    /* Again: already cancelled. */
    static char body[1 << 16];
    CHECK_EQ_INT(act(own, ev, A, "cancel", true, body, sizeof body), 409);
    CHECK(strstr(body, "cancelled already") != NULL);

    /* Two more wait (as a push from a kiosk leaves them when the pool was full); 1 place is
     * free: D (1) moves up, then E (1) cannot. */
    add_signup(D, ev, "waitlist", 1, NULL);
    add_signup(E, ev, "waitlist", 1, NULL);
    CHECK_EQ_INT(act(own, ev, D, "promote", true, NULL, 0), 303);
    CHECK_EQ_STR(status_of(D), "confirmed");
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT from_allotment FROM signups WHERE id = '" D "'"), 0);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = 'signup.promote' "
                            "AND target = 'signups/" D "' AND before LIKE "
                            "'%%\"status\":\"waitlist\"%%'"),
                 1);
    CHECK_EQ_INT(act(own, ev, E, "promote", true, body, sizeof body), 409);
    CHECK(strstr(body, "Not enough places: 1 needed, 0 free") != NULL);
    CHECK_EQ_STR(status_of(E), "waitlist");
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT sum(party_size) FROM signups WHERE event_id = '%s' AND "
                            "status = 'confirmed'",
                            ev),
                 3);
    snprintf(path, sizeof path, "/admin/events/%s/signups?done=promote", ev);
    a = req(path, own->cookie, NULL);
    CHECK(strstr(a.body, "id=\"done\"") != NULL);
    CHECK(strstr(a.body, "<strong>3 / 3</strong>") != NULL);
    ans_free(&a);
}

static void sheet(const struct session *own, const struct session *other, const char *ev)
{
    char path[160];
    snprintf(path, sizeof path, "/admin/events/%s/sheet", ev);
    struct ans a = req(path, other->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    a = req(path, own->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "id=\"sheet\"") != NULL);
    CHECK(strstr(a.body, "Sheet &lt;b&gt;") != NULL); /* the title, escaped */
    CHECK(strstr(a.body, "<b>") == NULL);
    CHECK(strstr(a.body, "id=\"when\">2027-03-06 09:30 – 11:30<") != NULL);
    CHECK(strstr(a.body, "id=\"place\"") != NULL);
    CHECK(strstr(a.body, "李女士") != NULL);
    CHECK(strstr(a.body, "****1234") != NULL);
    CHECK(strstr(a.body, "class=\"tick\"") != NULL);
    CHECK(strstr(a.body, "<script") == NULL);
    /* B (2) and D (1) confirmed, E waiting; A cancelled is not on the sheet. */
    const char *tot = strstr(a.body, "id=\"sheet-totals\"");
    CHECK(tot && strstr(tot, "<strong>2</strong> 条") && strstr(tot, "<strong>3</strong> 人"));
    const char *wait = strstr(a.body, "id=\"sheet-wait\"");
    CHECK(wait && strstr(wait, "李女士") != NULL);
    /* Each table its own rows, numbered from 1: two confirmed, then one waiting. */
    const char *conf = strstr(a.body, "id=\"sheet\"");
    const char *row2 = conf ? strstr(conf, "<tr><td>2</td>") : NULL;
    CHECK(row2 && wait && row2 < wait);
    CHECK(wait && strstr(wait, "<tr><td>1</td>") && !strstr(wait, "<tr><td>2</td>"));
    CHECK(tot && strstr(tot, "waiting</span> 1 条"));
    ans_free(&a);
    /* The list links to it; the print stylesheet hides the bar and the buttons. */
    a = req("/admin/admin.css", NULL, NULL);
    CHECK(strstr(a.body, "@media print{header") != NULL);
    CHECK(strstr(a.body, "@page{size:A4") != NULL);
    ans_free(&a);
}

/* The preview: the event as a kiosk shows it, in its own words, Chinese and English. */
static void preview(const struct session *own, const struct session *other, const char *ev)
{
    char path[160];
    snprintf(path, sizeof path, "/admin/events/%s/preview", ev);
    struct ans a = req(path, other->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    a = req(path, own->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    const char *zh = strstr(a.body, "id=\"preview-zh\"");
    const char *en = strstr(a.body, "id=\"preview-en\"");
    CHECK(zh && en && zh < en);
    /* 3 of 3 confirmed: the kiosk's "fully booked", its button off; its labels and kind. */
    CHECK(zh && strstr(zh, "<p class=\"k-seats\">已满</p>") != NULL);
    CHECK(en && strstr(en, "<p class=\"k-seats\">Fully booked</p>") != NULL);
    CHECK(zh && strstr(zh, "k-btn off\">我要报名<") != NULL);
    CHECK(en && strstr(en, "k-btn off\">Sign up<") != NULL);
    CHECK(zh && strstr(zh, "<dt>时间</dt>") != NULL && strstr(zh, "<dt>地点</dt>") != NULL);
    CHECK(en && strstr(en, "<dt>When</dt>") != NULL);
    CHECK(zh && strstr(zh, "公益") != NULL);
    CHECK(strstr(a.body, "Sheet &lt;b&gt;") != NULL && strstr(a.body, "<b>") == NULL);
    ans_free(&a);
    /* The events list links to it. */
    a = req("/admin/events", own->cookie, NULL);
    CHECK(strstr(a.body, path) != NULL);
    ans_free(&a);
}

/* The full number for the staff who call (the hub runs with --phone-days 30): a kiosk learns
 * it from the heartbeat's answer and pushes the number; the hub keeps it apart from the
 * sign-up until 30 days after the event, shows it only on the call list (own station, each
 * view audited), never on the list, the CSV or in the audit log; then purges it. */
static void phones(const struct session *own, const struct session *other, const char *ev)
{
    struct kiosk k;
    kiosk_new(&k, "01KBKPH000000000000000000A", "binjiang");
    struct resp r = hub_post(&h, "/api/v1/heartbeat", k.token, "{\"version\":\"0.9\"}");
    CHECK(r.status == 200 && r.body && strstr(r.body, "\"phone_days\":30") != NULL);
    resp_free(&r);
    char push[1024];
    snprintf(push, sizeof push,
             "{\"records\":[{\"type\":\"signup\",\"id\":\"01KBKPH000000000000000000B\","
             "\"kiosk_id\":\"%s\",\"event_id\":\"%s\",\"party_size\":1,\"created_utc\":"
             "1790000000,\"status\":\"pending\",\"phone\":\"13812345678\",\"phone_last4\":"
             "\"5678\",\"surname\":\"张\",\"title\":\"先生\"},{\"type\":\"signup\",\"id\":"
             "\"01KBKPH000000000000000000C\",\"kiosk_id\":\"%s\",\"event_id\":\"%s\","
             "\"party_size\":1,\"created_utc\":1790000000,\"status\":\"pending\",\"phone\":"
             "\"1381234567<b>\"}]}",
             k.id, ev, k.id, ev);
    r = hub_post(&h, "/api/v1/push", k.token, push);
    CHECK_EQ_INT(r.status, 200);
    resp_free(&r);
    /* Kept apart, until the event's end + 30 days; a number that is not one is dropped. */
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM signups WHERE phone IS NOT NULL"), 0);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM signup_phones p JOIN events e ON e.id = '%s' "
                            "WHERE p.signup_id = '01KBKPH000000000000000000B' AND p.phone = "
                            "'13812345678' AND p.purge_after_utc = e.ends_utc + 30 * 86400",
                            ev),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM signup_phones"), 1);
    /* Masked on the list and in the CSV. */
    char path[160];
    const char *masked[] = {"signups", "signups.csv", "sheet"};
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "/admin/events/%s/%s", ev, masked[i]);
        struct ans a = req(path, own->cookie, NULL);
        CHECK_EQ_INT(a.status, 200);
        CHECK(strstr(a.body, "13812345678") == NULL && strstr(a.body, "****5678") != NULL);
        ans_free(&a);
    }
    /* The call list: another station's staff 404; one's own shows it, and the view is
     * audited without the number. */
    snprintf(path, sizeof path, "/admin/events/%s/calls", ev);
    struct ans a = req(path, other->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    CHECK(strstr(a.body, "13812345678") == NULL);
    ans_free(&a);
    a = req(path, own->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "href=\"tel:13812345678\">13812345678</a>") != NULL);
    CHECK(strstr(a.body, "id=\"retention\"") != NULL && strstr(a.body, "30 days") != NULL);
    CHECK(strstr(a.body, "<b>") == NULL);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = 'signup.call-list' "
                            "AND user_name = 'staff-a' AND target = 'events/%s' AND after = "
                            "'{\"numbers_shown\":1}'",
                            ev),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_audit WHERE coalesce(before, '') "
                                  "|| coalesce(after, '') LIKE '%%13812345678%%'"),
                 0);
    /* Its time over: gone at the next look, the last four stay. */
    char sql[512];
    snprintf(sql, sizeof sql, "sqlite3 '%s' \"UPDATE signup_phones SET purge_after_utc = 1\"",
             h.db);
    CHECK_EQ_INT(system(sql), 0);
    a = req(path, own->cookie, NULL);
    CHECK(strstr(a.body, "13812345678") == NULL && strstr(a.body, "****5678") != NULL);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM signup_phones"), 0);
}

int main(void)
{
    struct session adm, own, other;
    admin_serve_args = "--phone-days 30";
    admin_hub_up_staff(&adm, &own);
    CHECK(user_add("staff-x", "staff", "expo-binjiang", "staff-x-pw-123", "staff-x-pw-123") == 0);
    CHECK_EQ_INT(login("staff-x", "staff-x-pw-123", &other), 303);
    char ev[64], other_ev[64];
    create_event(&own, "Sheet+%3Cb%3E", "", ev);
    create_event(&other, "Other", "", other_ev);
    /* 3 places: A holds 2, B (2) waits for want of a place, D and E (1 each) wait too. */
    char sql[1024];
    snprintf(sql, sizeof sql, "sqlite3 '%s' \"UPDATE events SET capacity = 3 WHERE id = '%s'\"",
             h.db, ev);
    CHECK_EQ_INT(system(sql), 0);
    add_signup(A, ev, "confirmed", 2, "TICKETA");
    add_signup(B, ev, "waitlist", 2, NULL);
    refusals(&own, &other, ev, other_ev);
    cancel_and_promote(&own, ev);
    sheet(&own, &other, ev);
    preview(&own, &other, ev);
    phones(&own, &other, ev);
    static char log[1 << 16];
    admin_hub_stop(log, sizeof log);
    hub_cleanup(&h);
    return yk_test_done();
}
