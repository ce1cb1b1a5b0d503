/* The admin's pieces without a server: the form and cookie parsers, THE escaping function,
 * and the store's sessions (idle and absolute timeouts, ended by deactivation and by a new
 * password), sign-in guard, refusals of rows it must not write, and of moving a sign-up up
 * from the waitlist of a cancelled or deleted event. */
#include "check.h"
#include "hub/admin.h"
#include "hub/admin_form.h"
#include "hub/admin_html.h"
#include "hub/hub_store_admin.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOW 1796086800 /* 2026-12-01 09:00 Shanghai */

static void forms(void)
{
    struct yk_form f;
    const char *b = "csrf=a%2Bb&title_zh=%E6%B4%BB%E5%8A%A8+1&empty=&flag&t=a%0D%0Ab";
    CHECK(yk_form_parse("application/x-www-form-urlencoded; charset=UTF-8", b, strlen(b), &f));
    CHECK_EQ_STR(yk_form_get(&f, "csrf"), "a+b");
    CHECK_EQ_STR(yk_form_get(&f, "title_zh"), "活动 1");
    CHECK_EQ_STR(yk_form_get(&f, "empty"), "");
    CHECK_EQ_STR(yk_form_get(&f, "flag"), "");
    CHECK_EQ_STR(yk_form_get(&f, "t"), "a\nb");
    CHECK(yk_form_get(&f, "nope") == NULL);
    yk_form_free(&f);
    /* Refused: bad UTF-8, NUL, control characters, broken escapes, other types. */
    const char *bad[] = {"a=%FF", "a=%00", "a=%01", "a=%E6%B4", "a=%G1", "a=%4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(!yk_form_parse("application/x-www-form-urlencoded", bad[i], strlen(bad[i]), &f));
        CHECK_EQ_INT(f.n, 0);
        yk_form_free(&f);
    }
    CHECK(!yk_form_parse("text/plain", "a=1", 3, &f));
    CHECK(!yk_form_parse(NULL, "a=1", 3, &f));
    static const char mp[] = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
                             "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; "
                             "filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n"
                             "\x1a\n\0\0\r\n--XyZ--\r\n";
    CHECK(yk_form_parse("multipart/form-data; boundary=XyZ", mp, sizeof mp - 1, &f));
    CHECK_EQ_STR(yk_form_get(&f, "csrf"), "abc");
    const struct yk_form_file *ph = yk_form_file(&f, "photo");
    CHECK(ph && ph->len == 10 && memcmp(ph->data, "\x89PNG", 4) == 0);
    CHECK(ph && strcmp(ph->filename, "a.png") == 0);
    CHECK(yk_form_get(&f, "photo") == NULL);
    yk_form_free(&f);
    CHECK(!yk_form_parse("multipart/form-data; boundary=Other", mp, sizeof mp - 1, &f));
    CHECK(!yk_form_parse("multipart/form-data", mp, sizeof mp - 1, &f));
    CHECK(!yk_form_parse("multipart/form-data; boundary=XyZ", mp, 40, &f)); /* cut short */
    yk_form_free(&f);
    /* Too many fields. */
    char many[2000] = "";
    for (int i = 0; i <= YK_FORM_MAX_FIELDS; i++)
        strcat(many, "a=1&");
    CHECK(!yk_form_parse("application/x-www-form-urlencoded", many, strlen(many), &f));
}

static void cookies(void)
{
    char v[65];
    CHECK(yk_cookie_get("a=1; yk_admin=abc; yk_login=z", "yk_admin", v, sizeof v));
    CHECK_EQ_STR(v, "abc");
    CHECK(yk_cookie_get("yk_admin=x;yk_admin2=y", "yk_admin", v, sizeof v));
    CHECK_EQ_STR(v, "x");
    CHECK(!yk_cookie_get("xyk_admin=abc", "yk_admin", v, sizeof v));
    CHECK(!yk_cookie_get("yk_admin=", "yk_admin", v, sizeof v));
    CHECK(!yk_cookie_get("yk_admin=0123456789", "yk_admin", v, 5));
    CHECK(!yk_cookie_get("", "yk_admin", v, sizeof v));
}

static void escaping(void)
{
    struct yk_hub_html s = {0};
    yk_hub_html_text(&s, "<script>alert(\"x\")</script> & 'q' 中文");
    CHECK_EQ_STR(s.b, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; 中文");
    yk_hub_html_text(&s, NULL);
    free(s.b);
}

static void count_audit(void *ctx, const struct yk_admin_audit_item *a)
{
    (void)a;
    ++*(int *)ctx;
}

static int audits(struct yk_hub_store *s)
{
    int n = 0;
    CHECK(yk_admin_audit(s, NULL, 0, 1000, count_audit, &n));
    return n;
}

/* A deleted (tombstoned) row is never written again, whatever page asked: yk_admin_row_save
 * refuses it in its own transaction (NOT_FOUND, a message in both languages), so a deletion
 * between a page's read and its save cannot be undone; the row stays as it was, deleted, and
 * the audit log gets nothing. A site, an event and a volunteer alike. */
static void tombstones(struct yk_hub_store *s)
{
    CHECK(yk_hub_load_sql(
        s, "INSERT INTO sites (id, name_zh) VALUES ('gone-site', '旧址');"
           "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, max_party) VALUES "
           "('gone-event', 'other', '旧活动', 1796090000, 1796093600, 1);"
           "INSERT INTO volunteers (id, name_zh, pin_hash) VALUES ('gone-vol', '旧人', 'x');"));
    char err[YK_ADMIN_ERR_MAX];
    /* The one list of what may be deleted, which the pages and the store both ask. */
    CHECK(yk_admin_row_deletable("sites") && yk_admin_row_deletable("blocks"));
    CHECK(!yk_admin_row_deletable("stations") && !yk_admin_row_deletable("events"));
    CHECK(!yk_admin_row_deletable("volunteers") && !yk_admin_row_deletable(NULL));
    CHECK_EQ_INT(yk_admin_row_delete(s, "ann", "stations", "st-1", NOW, err), YK_HUB_INVALID);
    CHECK_EQ_INT(yk_admin_row_delete(s, "ann", "sites", "gone-site", NOW, err), YK_HUB_OK);
    CHECK_EQ_INT(yk_hub_tombstone(s, "events", "gone-event"), YK_HUB_OK);
    CHECK_EQ_INT(yk_hub_tombstone(s, "volunteers", "gone-vol"), YK_HUB_OK);
    int before = audits(s);
    static const struct {
        const char *table, *id, *col, *was;
    } gone[] = {{"sites", "gone-site", "name_zh", "旧址"},
                {"events", "gone-event", "title_zh", "旧活动"},
                {"volunteers", "gone-vol", "name_zh", "旧人"}};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        struct yk_admin_row set = {0}, r;
        CHECK(yk_admin_row_set(&set, gone[i].col, "改名"));
        char e[160] = "";
        CHECK_EQ_INT(yk_admin_row_save(s, "ann", "t.edit", gone[i].table, gone[i].id, &set, false,
                                       "", NOW, e),
                     YK_HUB_NOT_FOUND);
        CHECK(strstr(e, "已被删除") != NULL && strstr(e, "was deleted") != NULL);
        yk_admin_row_free(&set);
        CHECK_EQ_INT(yk_admin_row_get(s, gone[i].table, gone[i].id, &r), YK_HUB_OK);
        CHECK_EQ_STR(yk_admin_row_val(&r, "deleted"), "1");
        CHECK_EQ_STR(yk_admin_row_val(&r, gone[i].col), gone[i].was);
        yk_admin_row_free(&r);
    }
    CHECK_EQ_INT(audits(s), before);
    /* A live row still saves (the refusal is the tombstone's, not the table's). */
    struct yk_admin_row set = {0};
    CHECK(yk_admin_row_set(&set, "name_zh", "新址"));
    CHECK(yk_hub_load_sql(s, "INSERT INTO sites (id, name_zh) VALUES ('live-site', '址');"));
    CHECK_EQ_INT(
        yk_admin_row_save(s, "ann", "t.edit", "sites", "live-site", &set, false, NULL, NOW, err),
        YK_HUB_OK);
    yk_admin_row_free(&set);
    CHECK_EQ_INT(audits(s), before + 1);
}

/* Moving up from the waitlist is refused for a cancelled event and for a deleted one, each
 * with its reason (read with the event's seats, in one read), and the sign-up still waits. */
static void promote_refusals(struct yk_hub_store *s)
{
    CHECK(yk_hub_load_sql(
        s, "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity, max_party) "
           "VALUES ('wait-1', 'other', '候补一', 1796190000, 1796193600, 5, 2), "
           "('wait-2', 'other', '候补二', 1796190000, 1796193600, 5, 2);"
           "INSERT INTO signups (id, event_id, kiosk_id, phone_last4, surname, title, party_size, "
           "status, created_utc, updated_utc, received_utc) VALUES "
           "('01KBUNIT00000000000000000A', 'wait-1', '01KBUNIT00000000000000000K', '1234', '李', "
           "'女士', 1, 'waitlist', 1796086800, 1796086800, 1796086800), "
           "('01KBUNIT00000000000000000B', 'wait-2', '01KBUNIT00000000000000000K', '1234', '李', "
           "'女士', 1, 'waitlist', 1796086800, 1796086800, 1796086800);"));
    CHECK_EQ_INT(yk_admin_event_cancel(s, "ann", "wait-1", NOW), YK_HUB_OK);
    CHECK_EQ_INT(yk_hub_tombstone(s, "events", "wait-2"), YK_HUB_OK);
    char err[YK_ADMIN_ERR_MAX];
    CHECK_EQ_INT(yk_admin_signup_change(s, "ann", "01KBUNIT00000000000000000A", true, NOW, err),
                 YK_HUB_INVALID);
    CHECK(strstr(err, "活动已取消") != NULL && strstr(err, "The event is cancelled") != NULL);
    CHECK_EQ_INT(yk_admin_signup_change(s, "ann", "01KBUNIT00000000000000000B", true, NOW, err),
                 YK_HUB_INVALID);
    CHECK(strstr(err, "The event was deleted") != NULL);
    struct yk_admin_signup g;
    char station[64];
    CHECK_EQ_INT(yk_admin_signup_get(s, "01KBUNIT00000000000000000A", &g, station), YK_HUB_OK);
    CHECK_EQ_STR(g.status, "waitlist");
    CHECK_EQ_INT(yk_admin_signup_get(s, "01KBUNIT00000000000000000B", &g, station), YK_HUB_OK);
    CHECK_EQ_STR(g.status, "waitlist");
}

static void store(void)
{
    char dir[] = "/tmp/yk-admin-unit-XXXXXX", path[64];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/hub.db", dir);
    struct yk_hub_store *s = yk_hub_store_open(path);
    CHECK(s != NULL);
    if (!s)
        return;
    CHECK(yk_hub_load_sql(s, "INSERT INTO stations (id, name_zh) VALUES ('st-1', '站一')"));
    char err[160], hash[128], e2[200];
    CHECK(!yk_admin_password_hash("short", hash, e2));
    CHECK(!yk_admin_password_hash("九个字符九个字符九", hash, e2));
    CHECK(yk_admin_password_hash("十个字符十个字符十个", hash, e2)); /* 10 characters */
    CHECK_EQ_INT(yk_admin_user_add(s, "t", "ann", "admin", NULL, hash, NOW, err), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_user_add(s, "t", "ANN", "admin", NULL, hash, NOW, err), YK_HUB_INVALID);
    CHECK_EQ_INT(yk_admin_user_add(s, "t", "bob", "staff", "nope", hash, NOW, err), YK_HUB_INVALID);
    CHECK_EQ_INT(yk_admin_user_add(s, "t", "bob", "staff", "st-1", hash, NOW, err), YK_HUB_OK);
    struct yk_admin_user u;
    char h2[YK_ADMIN_HASH_MAX], sid[65], csrf[65], c2[65];
    CHECK_EQ_INT(yk_admin_user_find(s, "Bob", &u, h2), YK_HUB_OK);
    CHECK_EQ_STR(u.station_id, "st-1");
    const int64_t bob = u.id;
    CHECK_EQ_INT(yk_admin_session_new(s, bob, NOW, sid, csrf), YK_HUB_OK);
    CHECK_EQ_INT(strlen(sid), 64);
    /* Used within the idle time: alive, and the use counts. */
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW + YK_ADMIN_IDLE_S - 1, YK_ADMIN_IDLE_S,
                                      YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_OK);
    CHECK_EQ_STR(c2, csrf);
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW + 2 * YK_ADMIN_IDLE_S - 2, YK_ADMIN_IDLE_S,
                                      YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_OK);
    /* Idle too long: gone for good. */
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW + 3 * YK_ADMIN_IDLE_S, YK_ADMIN_IDLE_S,
                                      YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW + 2 * YK_ADMIN_IDLE_S, YK_ADMIN_IDLE_S,
                                      YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    /* The absolute limit, however busy. */
    CHECK_EQ_INT(yk_admin_session_new(s, bob, NOW, sid, csrf), YK_HUB_OK);
    int64_t t = NOW;
    for (; t <= NOW + YK_ADMIN_MAX_S; t += YK_ADMIN_IDLE_S / 2)
        CHECK_EQ_INT(yk_admin_session_get(s, sid, t, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S, &u, c2),
                     YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_session_get(s, sid, t, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    /* Deactivation and a new password end sessions. */
    CHECK_EQ_INT(yk_admin_session_new(s, bob, NOW, sid, csrf), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_user_set_active(s, "ann", bob, false, NOW), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    CHECK_EQ_INT(yk_admin_user_set_active(s, "ann", bob, true, NOW), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_session_new(s, bob, NOW, sid, csrf), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_user_set_password(s, "bob", bob, hash, NOW), YK_HUB_OK);
    CHECK_EQ_INT(yk_admin_session_get(s, sid, NOW, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    CHECK_EQ_INT(yk_admin_session_get(s, "short", NOW, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S, &u, c2),
                 YK_HUB_NOT_FOUND);
    /* The guard: 5 free tries, then 30 s, doubling. */
    int64_t ms = (int64_t)NOW * 1000;
    for (int i = 0; i < 4; i++)
        CHECK_EQ_INT(yk_admin_guard_fail(s, "u:bob", ms), 0);
    CHECK_EQ_INT(yk_admin_guard_wait_ms(s, "u:bob", ms), 0);
    CHECK_EQ_INT(yk_admin_guard_fail(s, "u:bob", ms), 30000);
    CHECK_EQ_INT(yk_admin_guard_wait_ms(s, "u:bob", ms + 1000), 29000);
    CHECK_EQ_INT(yk_admin_guard_wait_ms(s, "u:ann", ms), 0);
    /* Each further failure doubles the pause (up to 15 min). */
    CHECK_EQ_INT(yk_admin_guard_fail(s, "u:bob", ms + 31000), 60000);
    CHECK_EQ_INT(yk_admin_guard_fail(s, "u:bob", ms + 92000), 120000);
    yk_admin_guard_clear(s, "u:bob");
    CHECK_EQ_INT(yk_admin_guard_wait_ms(s, "u:bob", ms + 31000), 0);
    /* Rows: only content tables, only plain column names, never id or rev. */
    struct yk_admin_row r = {0};
    CHECK(yk_admin_row_set(&r, "name_zh", "x"));
    CHECK_EQ_INT(yk_admin_row_save(s, "ann", "t", "admin_users", "1", &r, false, NULL, NOW, err),
                 YK_HUB_INVALID);
    CHECK_EQ_INT(yk_admin_row_save(s, "ann", "t", "stations", "nope", &r, false, NULL, NOW, err),
                 YK_HUB_NOT_FOUND);
    CHECK(yk_admin_row_set(&r, "name_zh = 'y', rev", "1"));
    CHECK_EQ_INT(yk_admin_row_save(s, "ann", "t", "stations", "st-1", &r, false, NULL, NOW, err),
                 YK_HUB_INVALID);
    yk_admin_row_free(&r);
    CHECK(yk_admin_row_set(&r, "river_pos_m", "5000")); /* the schema's CHECK says no */
    CHECK_EQ_INT(yk_admin_row_save(s, "ann", "t", "stations", "st-1", &r, false, NULL, NOW, err),
                 YK_HUB_INVALID);
    yk_admin_row_free(&r);
    CHECK(yk_admin_row_set(&r, "river_pos_m", "1200"));
    CHECK_EQ_INT(
        yk_admin_row_save(s, "ann", "station.edit", "stations", "st-1", &r, false, NULL, NOW, err),
        YK_HUB_OK);
    yk_admin_row_free(&r);
    CHECK_EQ_INT(yk_admin_row_get(s, "stations", "st-1", &r), YK_HUB_OK);
    CHECK_EQ_STR(yk_admin_row_val(&r, "river_pos_m"), "1200");
    yk_admin_row_free(&r);
    tombstones(s);
    promote_refusals(s);
    yk_hub_store_close(s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_EQ_INT(system(cmd), 0);
}

int main(void)
{
    forms();
    cookies();
    escaping();
    store();
    return yk_test_done();
}
