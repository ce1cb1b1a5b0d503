/* The admin's lists, against the real yikong-hub on 127.0.0.1: the kiosks list (records
 * waiting and set aside as the heartbeat says them, the hub's reasons for what it refused,
 * silent kiosks marked, sorted by silence, station or records waiting through a whitelisted
 * ?sort=; `yikong-hub kiosks` prints the same figures), and paging of the events list and the audit log (?page= bounded, previous/next
 * links that keep the filters). */
#include "admin/admin_client.h"

#include "hub/admin_internal.h"

static long beat(const struct kiosk *k, const char *body)
{
    struct resp r = hub_post(&h, "/api/v1/heartbeat", k->token, body);
    long st = r.status;
    resp_free(&r);
    return st;
}

/* The order of the three kiosks' ids in the page at path, as "abc" by their last letter. */
static void order_of(const struct session *s, const char *path, char out[8])
{
    struct ans a = req(path, s->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    const char *ids[] = {"01KBKST000000000000000000A", "01KBKST000000000000000000B",
                         "01KBKST000000000000000000C"};
    const char *at[3];
    for (int i = 0; i < 3; i++)
        at[i] = strstr(a.body, ids[i]);
    int n = 0;
    for (int round = 0; round < 3; round++) {
        int best = -1;
        for (int i = 0; i < 3; i++)
            if (at[i] && (best < 0 || at[i] < at[best]))
                best = i;
        if (best < 0)
            break;
        out[n++] = (char)('a' + best);
        at[best] = NULL;
    }
    out[n] = '\0';
    ans_free(&a);
}

/* The columns of kiosk id's line of `yikong-hub kiosks` (listing): 11 words into col. */
static bool cli_line(const char *listing, const char *id, char col[11][32])
{
    const char *l = strstr(listing, id);
    return l && sscanf(l, "%31s %31s %31s %31s %31s %31s %31s %31s %31s %31s %31s", col[0],
                       col[1], col[2], col[3], col[4], col[5], col[6], col[7], col[8], col[9],
                       col[10]) == 11;
}

static void kiosks(const struct session *adm, const struct session *st)
{
    struct kiosk a, b, c;
    kiosk_new(&a, "01KBKST000000000000000000A", "binjiang");
    kiosk_new(&b, "01KBKST000000000000000000B", "expo-binjiang");
    kiosk_new(&c, "01KBKST000000000000000000C", "binjiang");
    /* A says 7 waiting, 2 set aside; the hub refused one of its walk-ins (unknown kind). */
    CHECK_EQ_INT(beat(&a, "{\"version\":\"0.9.1\",\"free_disk_bytes\":1073741824,"
                          "\"records_waiting\":7,\"records_set_aside\":2}"),
                 200);
    char push[512];
    snprintf(push, sizeof push,
             "{\"records\":[{\"type\":\"walkin\",\"id\":\"01KBKSTW000000000000000001\","
             "\"kiosk_id\":\"%s\",\"kind_id\":\"no-such-kind\",\"delta\":1,"
             "\"created_utc\":1790000000}]}",
             a.id);
    struct resp r = hub_post(&h, "/api/v1/push", a.token, push);
    CHECK_EQ_INT(r.status, 200);
    CHECK(r.body && strstr(r.body, "unknown-kind") != NULL);
    resp_free(&r);
    /* An older kiosk says nothing of its queue; numbers out of range are refused. */
    CHECK_EQ_INT(beat(&c, "{\"version\":\"0.8.0\"}"), 200);
    CHECK_EQ_INT(beat(&c, "{\"records_waiting\":-1}"), 400);
    CHECK_EQ_INT(beat(&c, "{\"records_set_aside\":\"2\"}"), 400);
    CHECK_EQ_INT(beat(&c, "{\"records_waiting\":4294967296}"), 400);
    /* C was last heard of 5 hours ago; B never. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"UPDATE kiosks SET seen_utc = seen_utc - 5 * 3600 - 60 WHERE id = "
             "'%s'\"",
             h.db, c.id);
    CHECK_EQ_INT(system(sql), 0);

    struct ans p = req("/admin/kiosks", adm->cookie, NULL);
    CHECK_EQ_INT(p.status, 200);
    const char *row = strstr(p.body, a.id);
    CHECK(row && strstr(row, "class=\"waiting\">7<") != NULL);
    CHECK(row && strstr(row, "class=\"aside\"><span class=\"tag wait\">2</span><br><span "
                             "class=\"en\">unknown-kind ×1</span>") != NULL);
    CHECK(row && strstr(row, "1024 MiB") != NULL);
    row = strstr(p.body, c.id);
    CHECK(row && strstr(row, "失联 silent 5 h") != NULL);
    CHECK(row && strstr(row, "class=\"waiting\">—<") != NULL);
    row = strstr(p.body, b.id);
    CHECK(row && strstr(row, "never heard") != NULL);
    ans_free(&p);

    /* The command line lists the same: the queue figures as the heartbeat said them. */
    static char cli[8192];
    char col[11][32];
    CHECK_EQ_INT(hub_cmd(&h, cli, sizeof cli, "kiosks"), 0);
    CHECK(strncmp(cli, "kiosk ", 6) == 0 && strstr(cli, " waiting  set_aside seen") != NULL);
    CHECK(cli_line(cli, a.id, col));
    CHECK_EQ_STR(col[1], "binjiang");
    CHECK_EQ_STR(col[4], "0.9.1");
    CHECK_EQ_STR(col[7], "1073741824");
    CHECK_EQ_STR(col[8], "7");
    CHECK_EQ_STR(col[9], "2");
    CHECK(cli_line(cli, c.id, col));
    CHECK_EQ_STR(col[4], "0.8.0");
    CHECK_EQ_STR(col[8], "-");
    CHECK_EQ_STR(col[9], "-");
    CHECK(cli_line(cli, b.id, col));
    CHECK_EQ_STR(col[4], "-");
    CHECK_EQ_STR(col[10], "-");
    /* Ordered by station: C and A (binjiang) before B. */
    CHECK(strstr(cli, c.id) < strstr(cli, a.id) && strstr(cli, a.id) < strstr(cli, b.id));

    char o[8];
    order_of(adm, "/admin/kiosks", o);
    CHECK_EQ_STR(o, "bca"); /* never heard, 5 h, now */
    order_of(adm, "/admin/kiosks?sort=station", o);
    CHECK_EQ_STR(o, "cab"); /* binjiang (silent first), then expo-binjiang */
    order_of(adm, "/admin/kiosks?sort=waiting", o);
    CHECK(o[0] == 'a');
    order_of(adm, "/admin/kiosks?sort=id%3BDROP%20TABLE%20kiosks", o);
    CHECK_EQ_STR(o, "bca");
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM kiosks"), 3);
    /* Staff see their station's kiosks only. */
    order_of(st, "/admin/kiosks?sort=station", o);
    CHECK_EQ_STR(o, "ca");
}

/* How many times needle occurs in hay. */
static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void paging(const struct session *adm)
{
    /* 230 upcoming charity events of binjiang and 150 audit entries, straight into the
     * database. */
    char sql[2048];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
             "i < 230) INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, max_party) "
             "SELECT 'page-' || i, 'charity', 'Paged ' || i, 1900000000 + i * 60, 1900000000 + "
             "i * 60 + 3600, 1 FROM n; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
             "FROM n WHERE i < 150) INSERT INTO admin_audit (at_utc, user_name, action, target) "
             "SELECT 1790000000 + i, 'bulk', 'bulk.test', 'bulk/' || i FROM n\"",
             h.db);
    CHECK_EQ_INT(system(sql), 0);
    const char *row = "<tr><td data-h=\"时间 When\">";
    struct ans a = req("/admin/events?kind=charity", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK_EQ_INT(count(a.body, row), YK_ADMIN_PAGE_ROWS);
    CHECK(strstr(a.body, "id=\"next-page\" href=\"/admin/events?kind=charity&amp;page=2\"") !=
          NULL);
    CHECK(strstr(a.body, "id=\"prev-page\"") == NULL);
    ans_free(&a);
    a = req("/admin/events?kind=charity&page=3", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    int third = count(a.body, row);
    CHECK(third >= 30 && third < YK_ADMIN_PAGE_ROWS);
    CHECK(strstr(a.body, "Paged 230") != NULL);
    CHECK(strstr(a.body, "id=\"prev-page\" href=\"/admin/events?kind=charity&amp;page=2\"") !=
          NULL);
    CHECK(strstr(a.body, "id=\"next-page\"") == NULL);
    ans_free(&a);
    /* A page that is not a number is the first; a page beyond the last is empty, with the
     * way back. */
    const char *bad[] = {"abc", "-2", "0", "1e3", "99999999999999999999"};
    for (int i = 0; i < 5; i++) {
        char path[128];
        snprintf(path, sizeof path, "/admin/events?kind=charity&page=%s", bad[i]);
        a = req(path, adm->cookie, NULL);
        CHECK_EQ_INT(a.status, 200);
        CHECK_EQ_INT(count(a.body, row), YK_ADMIN_PAGE_ROWS);
        ans_free(&a);
    }
    a = req("/admin/events?kind=charity&page=9999", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "id=\"no-events\"") != NULL);
    CHECK(strstr(a.body, "page=999\"") != NULL); /* page 1000 at most: back to 999 */
    ans_free(&a);
    /* The audit log: 100 a page, the filter kept. */
    a = req("/admin/audit?q=bulk", adm->cookie, NULL);
    CHECK_EQ_INT(count(a.body, "<td data-h=\"账号 Who\">bulk<"), YK_ADMIN_PAGE_ROWS);
    CHECK(strstr(a.body, "bulk/150") != NULL && strstr(a.body, "bulk/50<") == NULL);
    CHECK(strstr(a.body, "href=\"/admin/audit?q=bulk&amp;page=2\"") != NULL);
    ans_free(&a);
    a = req("/admin/audit?q=bulk&page=2", adm->cookie, NULL);
    CHECK_EQ_INT(count(a.body, "<td data-h=\"账号 Who\">bulk<"), 50);
    CHECK(strstr(a.body, "bulk/50<") != NULL && strstr(a.body, "id=\"next-page\"") == NULL);
    ans_free(&a);
    /* A filter with characters that need encoding comes back encoded, and escaped. */
    a = req("/admin/audit?q=%22%3E%3Cb%3E%26&page=2", adm->cookie, NULL);
    CHECK(strstr(a.body, "href=\"/admin/audit?q=%22%3E%3Cb%3E%26&amp;page=1\"") != NULL);
    CHECK(strstr(a.body, "\"><b>") == NULL);
    ans_free(&a);
}

int main(void)
{
    struct session adm, st;
    admin_hub_up_staff(&adm, &st);
    kiosks(&adm, &st);
    paging(&adm);
    static char log[1 << 16];
    admin_hub_stop(log, sizeof log);
    hub_cleanup(&h);
    return yk_test_done();
}
