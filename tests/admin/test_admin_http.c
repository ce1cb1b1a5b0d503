/* The web admin's refusals, against the real yikong-hub on 127.0.0.1 (src/hub/README.md,
 * "The admin"): no session -> the sign-in page; every answer with the security headers; a
 * form without its CSRF token -> 403 and nothing changed; station staff cannot reach another
 * station's events or sign-ups by URL; field checks with a message per field; <script> shown
 * as text; the CSV export masked and formula-safe; wrong passwords lock the account with a
 * growing pause; passwords, session ids and CSRF tokens never in the log. */
#include "admin/admin_client.h"

static void no_session(void)
{
    struct ans a = req("/admin/events", NULL, NULL);
    CHECK_EQ_INT(a.status, 303);
    CHECK_EQ_STR(a.location, "/admin/login");
    ans_free(&a);
    a = req("/admin/events/new",
            "yk_admin=0123456789012345678901234567890123456789012345678901234567890123",
            EVENT_FIELDS);
    CHECK_EQ_INT(a.status, 303);
    CHECK_EQ_STR(a.location, "/admin/login");
    ans_free(&a);
    a = req("/admin/login", NULL, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "id=\"password\"") != NULL);
    CHECK(strstr(a.headers, "frame-ancestors 'none'") != NULL);
    CHECK(strstr(a.headers, "default-src 'none'") != NULL);
    CHECK(strstr(a.headers, "Referrer-Policy: no-referrer") != NULL);
    CHECK(strstr(a.headers, "X-Frame-Options: DENY") != NULL);
    CHECK(strstr(a.body, "<script") == NULL);
    CHECK(strstr(a.body, "style=") == NULL);
    ans_free(&a);
    /* A sign-in form from elsewhere (no matching cookie): refused. */
    a = req("/admin/login", NULL,
            "login_token=00000000000000000000000000000000&name=boss&"
            "password=first-admin-pw");
    CHECK_EQ_INT(a.status, 403);
    CHECK(a.cookie[0] == '\0');
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_sessions"), 0);
}

static long long events(void)
{
    return hub_db_int(h.db, "SELECT count(*) FROM events");
}

static void csrf(const struct session *adm)
{
    long long before = events();
    char form[1024];
    snprintf(form, sizeof form, "title_zh=CSRF&%s", EVENT_FIELDS);
    struct ans a = req("/admin/events/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    snprintf(form, sizeof form, "csrf=%.63sx&title_zh=CSRF&%s", adm->csrf, EVENT_FIELDS);
    a = req("/admin/events/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    CHECK_EQ_INT(events(), before);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM events WHERE title_zh = 'CSRF'"), 0);
    /* Other forms too: adding an account, signing out. */
    a = req("/admin/users", adm->cookie,
            "name=mallory&role=admin&password=aaaaaaaaaaaa&"
            "password2=aaaaaaaaaaaa");
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_users WHERE name = 'mallory'"), 0);
    a = req("/admin/logout", adm->cookie, "x=1");
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    a = req("/admin/events", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    ans_free(&a);
}

static void validation(const struct session *adm)
{
    long long before = events();
    char form[1024];
    snprintf(form, sizeof form,
             "csrf=%s&title_zh=&kind=charity&starts_utc=2027-03-06+09%%3A30&"
             "ends_utc=2027-03-06+08%%3A30&capacity=2&max_party=5&title_en=x",
             adm->csrf);
    struct ans a = req("/admin/events/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "id=\"msg-title_zh\"") != NULL);
    CHECK(strstr(a.body, "id=\"msg-ends_utc\"") != NULL);
    CHECK(strstr(a.body, "id=\"msg-max_party\"") != NULL);
    CHECK(strstr(a.body, "id=\"msg-title_en\"") != NULL);
    CHECK(strstr(a.body, "It cannot end before it starts.") != NULL);
    CHECK(strstr(a.body, "结束不能早于开始") != NULL);
    ans_free(&a);
    snprintf(form, sizeof form,
             "csrf=%s&title_zh=t&kind=nope&starts_utc=2027-02-30+09%%3A30&"
             "ends_utc=x&max_party=1&link_url=javascript:alert(1)",
             adm->csrf);
    a = req("/admin/events/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "id=\"msg-kind\"") != NULL);
    CHECK(strstr(a.body, "id=\"msg-starts_utc\"") != NULL);
    CHECK(strstr(a.body, "id=\"msg-link_url\"") != NULL);
    ans_free(&a);
    CHECK_EQ_INT(events(), before);
}

static void staff_scope(const struct session *adm, const char *expo_event)
{
    char form[512];
    snprintf(form, sizeof form,
             "csrf=%s&name=staff-a&role=staff&station=binjiang&"
             "password=staff-a-pw-123&password2=staff-a-pw-123",
             adm->csrf);
    struct ans a = req("/admin/users", adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    struct session st;
    CHECK_EQ_INT(login("staff-a", "staff-a-pw-123", &st), 303);
    CHECK(st.csrf[0] != '\0');
    const char *what[] = {"edit", "copy", "signups", "signups.csv"};
    for (int i = 0; i < 4; i++) {
        char path[160];
        snprintf(path, sizeof path, "/admin/events/%s/%s", expo_event, what[i]);
        a = req(path, st.cookie, NULL);
        CHECK_EQ_INT(a.status, 404);
        CHECK(strstr(a.body, "Expo only") == NULL);
        ans_free(&a);
    }
    char path[160];
    snprintf(path, sizeof path, "/admin/events/%s/edit", expo_event);
    snprintf(form, sizeof form, "csrf=%s&title_zh=taken&%s", st.csrf, EVENT_FIELDS);
    a = req(path, st.cookie, form);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    snprintf(path, sizeof path, "/admin/events/%s/cancel", expo_event);
    snprintf(form, sizeof form, "csrf=%s&confirm=1", st.csrf);
    a = req(path, st.cookie, form);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND title_zh = "
                            "'Expo only' AND cancelled_utc IS NULL",
                            expo_event),
                 1);
    /* The list, even when asked for the other station by URL, shows only their own. */
    a = req("/admin/events?station=expo-binjiang", st.cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "Expo only") == NULL);
    ans_free(&a);
    a = req("/admin/users", st.cookie, NULL);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    a = req("/admin/audit", st.cookie, NULL);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    /* An event staff create is their station's, whatever the form says. */
    char id[64];
    create_event(&st, "Staff+own", "expo-binjiang", id);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_event_station WHERE event_id = "
                            "'%s' AND station_id = 'binjiang'",
                            id),
                 1);
    a = req("/admin/events", st.cookie, NULL);
    CHECK(strstr(a.body, "Staff own") != NULL);
    ans_free(&a);
}

static void escaping(const struct session *adm, char id[64])
{
    create_event(adm, "%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E%27%26", "binjiang", id);
    const char *pages[] = {"/admin/events", "edit", "signups", "/admin/audit"};
    for (int i = 0; i < 4; i++) {
        char path[160];
        if (pages[i][0] == '/')
            snprintf(path, sizeof path, "%s", pages[i]);
        else
            snprintf(path, sizeof path, "/admin/events/%s/%s", id, pages[i]);
        struct ans a = req(path, adm->cookie, NULL);
        CHECK_EQ_INT(a.status, 200);
        CHECK(strstr(a.body, "<script") == NULL);
        CHECK(strstr(a.body, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;") ||
              strstr(a.body, "&lt;script&gt;alert(\\&quot;x\\&quot;)"));
        if (!strstr(a.body, "&lt;script&gt;"))
            fprintf(stderr, "page %s shows no escaped title\n", path);
        ans_free(&a);
    }
}

static void signups_csv(const struct session *adm, const char *id)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"INSERT INTO signups (id, event_id, kiosk_id, phone, phone_last4, "
             "surname, title, party_size, status, created_utc, updated_utc, received_utc) VALUES "
             "('01KBADM0000000000000000001', '%s', '01KBK00000000000000000000A', '13812345678', "
             "'5678', '=HYPERLINK(\\\"x\\\")', '先生', 2, 'confirmed', 1790000000, 1790000000, "
             "1790000000), ('01KBADM0000000000000000002', '%s', '01KBK00000000000000000000A', "
             "NULL, '4321', '王', '女士', 1, 'waitlist', 1790000000, 1790000000, 1790000000)\"",
             h.db, id, id);
    CHECK_EQ_INT(system(sql), 0);
    char path[160];
    snprintf(path, sizeof path, "/admin/events/%s/signups", id);
    struct ans a = req(path, adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "138****5678") != NULL);
    CHECK(strstr(a.body, "****4321") != NULL);
    CHECK(strstr(a.body, "13812345678") == NULL);
    CHECK(strstr(a.body, "<strong>2 / 20</strong>") != NULL);
    ans_free(&a);
    snprintf(path, sizeof path, "/admin/events/%s/signups.csv", id);
    a = req(path, adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(a.len > 3 && memcmp(a.body, "\xEF\xBB\xBF", 3) == 0);
    CHECK(strstr(a.headers, "text/csv; charset=utf-8") != NULL);
    CHECK(strstr(a.headers, "attachment;") != NULL);
    CHECK(strstr(a.body, "\"'=HYPERLINK(\"\"x\"\")先生\"") != NULL);
    CHECK(strstr(a.body, "\"138****5678\"") != NULL);
    CHECK(strstr(a.body, "13812345678") == NULL);
    CHECK(strstr(a.body, "\"王女士\",\"****4321\",\"1\",\"候补\"") != NULL);
    ans_free(&a);
}

static void cancel_event(const struct session *adm, const char *id)
{
    char path[160], form[256];
    snprintf(path, sizeof path, "/admin/events/%s/cancel", id);
    snprintf(form, sizeof form, "csrf=%s", adm->csrf);
    struct ans a = req(path, adm->cookie, form); /* without the confirmation box */
    CHECK_EQ_INT(a.status, 400);
    ans_free(&a);
    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    snprintf(form, sizeof form, "csrf=%s&confirm=1", adm->csrf);
    a = req(path, adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM events WHERE id = '%s' AND "
                            "cancelled_utc > 0",
                            id),
                 1);
    /* It travels: the change feed has the event again. */
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM changes WHERE tbl = 'events' AND "
                            "row_id = '%s' AND seq > %lld",
                            id, seq),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_audit WHERE action = "
                            "'event.cancel' AND user_name = 'boss' AND target = 'events/%s' "
                            "AND before LIKE '%%\"cancelled_utc\":null%%'",
                            id),
                 1);
}

static void logout(struct session *s)
{
    char form[128];
    snprintf(form, sizeof form, "csrf=%s", s->csrf);
    struct ans a = req("/admin/logout", s->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    a = req("/admin/events", s->cookie, NULL);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
}

/* An admin starts a reset: a one-time code shown once; the owner sets a new password with
 * it (no session); a wrong or used code is refused; the old password stops working. */
static void password_reset(const struct session *adm)
{
    char id[64], form[512], path[96];
    db_text("SELECT id FROM admin_users WHERE name = 'staff-a'", NULL, id);
    snprintf(path, sizeof path, "/admin/users/%s/reset", id);
    snprintf(form, sizeof form, "csrf=%s", adm->csrf);
    struct ans a = req(path, adm->cookie, form);
    CHECK_EQ_INT(a.status, 200);
    char code[32] = "";
    const char *p = strstr(a.body, "id=\"reset-code\">");
    if (p)
        snprintf(code, sizeof code, "%.19s", p + strlen("id=\"reset-code\">"));
    CHECK_EQ_INT(strlen(code), 19);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_users WHERE reset_hash IS NOT NULL "
                            "AND reset_hash NOT LIKE '%%%.4s%%'",
                            code),
                 1);
    for (int round = 0; round < 3; round++) {
        a = req("/admin/reset", NULL, NULL);
        char token[64] = "", pre[300];
        value_after(a.body, "name=\"login_token\"", token, sizeof token);
        snprintf(pre, sizeof pre, "%s", a.cookie);
        ans_free(&a);
        /* 0: a wrong code; 1: the right one, typed in lower case without dashes; 2: again. */
        char typed[32];
        snprintf(typed, sizeof typed, "%s", round == 0 ? "AAAA-BBBB-CCCC-DDDD" : code);
        if (round == 1)
            for (char *q = typed, *w = typed;; q++) {
                if (*q != '-')
                    *w++ = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
                if (!*q)
                    break;
            }
        snprintf(form, sizeof form,
                 "login_token=%s&name=staff-a&code=%s&new=reset-new-pw-1&"
                 "new2=reset-new-pw-1",
                 token, typed);
        a = req("/admin/reset", pre, form);
        CHECK_EQ_INT(a.status, round == 1 ? 303 : 400);
        ans_free(&a);
    }
    struct session st;
    CHECK_EQ_INT(login("staff-a", "reset-new-pw-1", &st), 303);
    CHECK_EQ_INT(login("staff-a", "staff-a-pw-123", &st), 200);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_audit WHERE action IN "
                                  "('user.reset-start', 'user.reset-done')"),
                 2);
}

static void lockout(void)
{
    struct session s;
    /* The address has three failures already (two refused reset codes, staff-a's old
     * password): two more wrong passwords make five, and the pause starts. */
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(login("boss", "wrong-password-x", &s), 200);
    /* Locked now: even the right password waits. */
    struct ans a = req("/admin/login", NULL, NULL);
    char token[64] = "", pre[300], form[256];
    value_after(a.body, "name=\"login_token\"", token, sizeof token);
    snprintf(pre, sizeof pre, "%s", a.cookie);
    ans_free(&a);
    snprintf(form, sizeof form, "login_token=%s&name=BOSS&password=first-admin-pw", token);
    a = req("/admin/login", pre, form);
    CHECK_EQ_INT(a.status, 429);
    /* 30 s from the fifth failure (a second may have passed since). */
    const char *ra = strstr(a.headers, "Retry-After: ");
    int wait = ra ? atoi(ra + 13) : 0;
    CHECK(wait >= 25 && wait <= 30);
    char msg[64];
    snprintf(msg, sizeof msg, "Try again in %d s", wait);
    CHECK(strstr(a.body, msg) != NULL);
    CHECK(strncmp(a.cookie, "yk_admin=", 9) != 0);
    ans_free(&a);
}

int main(void)
{
    admin_hub_prepare();
    CHECK(user_add("short", "admin", NULL, "short", "short") != 0);
    CHECK(user_add("differ", "admin", NULL, "first-admin-pw", "first-admin-pX") != 0);
    CHECK(user_add("nostation", "staff", NULL, "first-admin-pw", "first-admin-pw") != 0);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_users"), 1);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_users WHERE pw_hash LIKE "
                                  "'$argon2id$%%'"),
                 1);
    CHECK(hub_start(&h));
    no_session();
    struct session adm;
    CHECK_EQ_INT(login("boss", "first-admin-pw", &adm), 303);
    CHECK(strlen(adm.csrf) == 64);
    csrf(&adm);
    validation(&adm);
    char expo[64], esc[64];
    create_event(&adm, "Expo+only", "expo-binjiang", expo);
    staff_scope(&adm, expo);
    escaping(&adm, esc);
    signups_csv(&adm, esc);
    cancel_event(&adm, esc);
    char adm_cookie[300], adm_csrf[80];
    snprintf(adm_cookie, sizeof adm_cookie, "%s", adm.cookie);
    snprintf(adm_csrf, sizeof adm_csrf, "%s", adm.csrf);
    password_reset(&adm);
    logout(&adm);
    lockout();
    /* Nothing secret in the log. */
    static char log[1 << 16];
    size_t n = admin_hub_stop(log, sizeof log);
    CHECK(n > 0 && strstr(log, "sign-in refused") != NULL);
    CHECK(strstr(log, "first-admin-pw") == NULL);
    CHECK(strstr(log, "wrong-password-x") == NULL);
    CHECK(strstr(log, "staff-a-pw-123") == NULL);
    CHECK(strstr(log, adm_cookie + 9) == NULL);
    CHECK(strstr(log, adm_csrf) == NULL);
    hub_cleanup(&h);
    return yk_test_done();
}
