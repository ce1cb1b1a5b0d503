/* The admin's shared content and volunteers against the real hub on 127.0.0.1: a site's place
 * along the riverside and its photo (checked by its bytes and size; served back; travels as
 * media), staff read shared content but cannot change it, a new station, and volunteers per
 * station (only the PIN's hash stored, staff cannot reach another station's by URL). */
#include "admin/admin_client.h"

#include "hub/admin.h"

#include <sodium.h>
#include <time.h>

#define WALKIN_KIND "visit"

/* A multipart POST of the site form: name, river place and a photo (bytes, or none). */
static struct ans site_post(const struct session *s, const char *site, const char *pos,
                            const void *photo, size_t len, const char *type)
{
    char path[256];
    snprintf(path, sizeof path, "/admin/content/sites/%s/edit", site);
    const char *const fields[] = {"name_zh", "卢浦大桥", "river_pos_m", pos, NULL};
    return mime_post(s, path, fields, photo, len, type);
}

static void sites(const struct session *adm)
{
    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    struct ans a = site_post(adm, "lupu-bridge", "1200", PNG, sizeof PNG, "image/png");
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    uint8_t d[32];
    crypto_hash_sha256(d, PNG, sizeof PNG);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, d, sizeof d);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM sites WHERE id = 'lupu-bridge' AND "
                            "river_pos_m = 1200 AND photo_hash = '%s'",
                            hex),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM media WHERE hash = '%s' AND mime = "
                            "'image/png' AND length(bytes) = %zu",
                            hex, sizeof PNG),
                 1);
    /* Both travel to kiosks. */
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM changes WHERE seq > %lld AND ((tbl = "
                            "'sites' AND row_id = 'lupu-bridge') OR (tbl = 'media' AND "
                            "row_id = '%s'))",
                            seq, hex),
                 2);
    a = req("/admin/content/sites", adm->cookie, NULL);
    CHECK(strstr(a.body, "<circle cx=\"404\"") != NULL); /* 20 + 1200 * 960 / 3000 */
    ans_free(&a);
    char path[128];
    snprintf(path, sizeof path, "/admin/media/%s", hex);
    a = req(path, adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(a.len == sizeof PNG && memcmp(a.body, PNG, sizeof PNG) == 0);
    CHECK(strstr(a.headers, "Content-Type: image/png") != NULL);
    ans_free(&a);
    a = req(path, NULL, NULL); /* not without a session */
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    /* Not an image (whatever its name and declared type), too large, out of the river: refused,
     * nothing changed. */
    a = site_post(adm, "lupu-bridge", "1300", "<html>hello</html>", 18, "image/png");
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "PNG, JPEG or WebP") != NULL);
    ans_free(&a);
    size_t big = YK_ADMIN_PHOTO_MAX + 1;
    char *b = calloc(1, big);
    memcpy(b, PNG, sizeof PNG);
    a = site_post(adm, "lupu-bridge", "1300", b, big, "image/png");
    free(b);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "2 MiB at most") != NULL);
    ans_free(&a);
    a = site_post(adm, "lupu-bridge", "5000", NULL, 0, NULL);
    CHECK_EQ_INT(a.status, 400);
    CHECK(strstr(a.body, "id=\"msg-river_pos_m\"") != NULL);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT river_pos_m FROM sites WHERE id = 'lupu-bridge'"), 1200);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM media"), 1);
    /* A new station; an id that is not a slug is refused. */
    char form[512];
    snprintf(form, sizeof form, "csrf=%s&id=Bad+Id&name_zh=x&sort=0", adm->csrf);
    a = req("/admin/content/stations/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 400);
    ans_free(&a);
    snprintf(form, sizeof form,
             "csrf=%s&id=test-station&name_zh=%%E6%%B5%%8B%%E8%%AF%%95%%E7%%AB%%99"
             "&phone=021-1234&river_pos_m=2500&sort=5",
             adm->csrf);
    a = req("/admin/content/stations/new", adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT river_pos_m FROM stations WHERE id = 'test-station' AND "
                                  "name_zh = '测试站' AND phone = '021-1234'"),
                 2500);
}

static void staff_read_only(const struct session *st)
{
    struct ans a = req("/admin/content/sites/lupu-bridge/edit", st->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "id=\"river_pos_m\" name=\"river_pos_m\" disabled") != NULL);
    CHECK(strstr(a.body, "id=\"save\"") == NULL);
    ans_free(&a);
    a = site_post(st, "lupu-bridge", "100", NULL, 0, NULL);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    char form[256];
    snprintf(form, sizeof form, "csrf=%s&id=mine&name_zh=x", st->csrf);
    a = req("/admin/content/stations/new", st->cookie, form);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT river_pos_m FROM sites WHERE id = 'lupu-bridge'"), 1200);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM stations WHERE id = 'mine'"), 0);
}

/* The id of the newest volunteer called name. */
static void volunteer_id(const char *name, char id[64])
{
    db_text("SELECT id FROM volunteers WHERE name_zh = ? ORDER BY id DESC", name, id);
}

static bool pin_is(const char *id, const char *pin)
{
    sqlite3 *d;
    bool ok = false;
    if (sqlite3_open_v2(h.db, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return false;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(d, "SELECT pin_hash FROM volunteers WHERE id = ?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            ok = crypto_pwhash_str_verify((const char *)sqlite3_column_text(st, 0), pin,
                                          strlen(pin)) == 0;
        sqlite3_finalize(st);
    }
    sqlite3_close(d);
    return ok;
}

static void volunteers(const struct session *adm, const struct session *st)
{
    char form[512];
    snprintf(form, sizeof form,
             "csrf=%s&name_zh=Expo-Vol&station=expo-binjiang&pin=13579&"
             "pin2=13579",
             adm->csrf);
    struct ans a = req("/admin/volunteers", adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    char expo[64];
    volunteer_id("Expo-Vol", expo);
    CHECK(expo[0] != '\0');
    CHECK(pin_is(expo, "13579"));
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_volunteer_station WHERE "
                            "volunteer_id = '%s' AND station_id = 'expo-binjiang'",
                            expo),
                 1);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM admin_audit WHERE action = "
                                  "'volunteer.add' AND after LIKE '%%\"pin_hash\":\"***\"%%' AND "
                                  "after NOT LIKE '%%argon2%%'"),
                 1);
    /* Bad PINs. */
    snprintf(form, sizeof form, "csrf=%s&name_zh=X&station=expo-binjiang&pin=12a4&pin2=12a4",
             adm->csrf);
    a = req("/admin/volunteers", adm->cookie, form);
    CHECK_EQ_INT(a.status, 400);
    ans_free(&a);
    snprintf(form, sizeof form, "csrf=%s&name_zh=X&station=expo-binjiang&pin=1234&pin2=1235",
             adm->csrf);
    a = req("/admin/volunteers", adm->cookie, form);
    CHECK_EQ_INT(a.status, 400);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT count(*) FROM volunteers WHERE name_zh = 'X'"), 0);
    /* Staff: not another station's volunteer, by list or by URL. */
    a = req("/admin/volunteers", st->cookie, NULL);
    CHECK(strstr(a.body, "Expo-Vol") == NULL);
    ans_free(&a);
    char path[160];
    snprintf(path, sizeof path, "/admin/volunteers/%s", expo);
    a = req(path, st->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    snprintf(path, sizeof path, "/admin/volunteers/%s/pin", expo);
    snprintf(form, sizeof form, "csrf=%s&pin=0000&pin2=0000", st->csrf);
    a = req(path, st->cookie, form);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    snprintf(path, sizeof path, "/admin/volunteers/%s/active", expo);
    snprintf(form, sizeof form, "csrf=%s&active=0", st->csrf);
    a = req(path, st->cookie, form);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    CHECK(pin_is(expo, "13579"));
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT active FROM volunteers WHERE id = '%s'", expo), 1);
    /* Their own: added at their station whatever the form says; PIN reset; deactivated. */
    snprintf(form, sizeof form,
             "csrf=%s&name_zh=Own-Vol&station=expo-binjiang&pin=2468&"
             "pin2=2468",
             st->csrf);
    a = req("/admin/volunteers", st->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    char own[64];
    volunteer_id("Own-Vol", own);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM admin_volunteer_station WHERE "
                            "volunteer_id = '%s' AND station_id = 'binjiang'",
                            own),
                 1);
    snprintf(path, sizeof path, "/admin/volunteers/%s/pin", own);
    snprintf(form, sizeof form, "csrf=%s&pin=97531&pin2=97531", st->csrf);
    a = req(path, st->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK(pin_is(own, "97531"));
    long long seq = hub_db_int(h.db, "SELECT max(seq) FROM changes");
    snprintf(path, sizeof path, "/admin/volunteers/%s/active", own);
    snprintf(form, sizeof form, "csrf=%s&active=0", st->csrf);
    a = req(path, st->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    CHECK_EQ_INT(hub_db_int(h.db, "SELECT active FROM volunteers WHERE id = '%s'", own), 0);
    CHECK_EQ_INT(hub_db_int(h.db,
                            "SELECT count(*) FROM changes WHERE seq > %lld AND tbl = "
                            "'volunteers' AND row_id = '%s'",
                            seq, own),
                 1);
}

/* Walk-ins, duty and a check-in at a binjiang kiosk this month: the figures count them, per
 * station, staff see only their own, and the CSV says the same. */
static void figures(const struct session *adm, const struct session *st)
{
    long long t = (long long)time(NULL) - 3600;
    char sql[2048];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"INSERT INTO kiosks (id, station_id, token_hash, enrolled_utc) VALUES "
             "('01KBFIG0000000000000000000', 'binjiang', 'x', %lld); INSERT INTO walkins (id, "
             "kiosk_id, kind_id, delta, created_utc, received_utc) VALUES "
             "('01KBFIG0000000000000000001', '01KBFIG0000000000000000000', '%s', 1, %lld, %lld), "
             "('01KBFIG0000000000000000002', '01KBFIG0000000000000000000', '%s', 1, %lld, %lld); "
             "INSERT INTO duty_log (id, kiosk_id, volunteer_id, on_utc, off_utc, received_utc) "
             "VALUES ('01KBFIG0000000000000000003', '01KBFIG0000000000000000000', 'v', %lld, "
             "%lld, %lld)\"",
             h.db, t, WALKIN_KIND, t, t, WALKIN_KIND, t, t, t, t + 150 * 60, t);
    CHECK_EQ_INT(system(sql), 0);
    struct ans a = req("/admin/figures", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "id=\"chart\"") != NULL);
    CHECK(strstr(a.body, "<td data-h=\"到访 Walk-ins\">2</td><td data-h=\"值班 Duty\">2:30</td>") !=
          NULL);
    CHECK(strstr(a.body, "expo-binjiang") != NULL);
    ans_free(&a);
    a = req("/admin/figures", st->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "2:30") != NULL);
    CHECK(strstr(a.body, "世博滨江") == NULL); /* not another station's row */
    ans_free(&a);
    a = req("/admin/figures.csv", st->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(a.len > 3 && memcmp(a.body, "\xEF\xBB\xBF", 3) == 0);
    CHECK(strstr(a.body, "\"binjiang\",\"0\",\"0\",\"0\",\"0\",\"2\",\"2:30\"\r\n") != NULL);
    CHECK(strstr(a.body, "expo-binjiang") == NULL);
    ans_free(&a);
}

/* The Shanghai month (UTC+8, no summer time) of t as "YYYY-MM". */
static void shanghai_month(long long t, char out[32])
{
    time_t x = (time_t)(t + 8 * 3600);
    struct tm tm;
    gmtime_r(&x, &tm);
    snprintf(out, 32, "%04d-%02d", tm.tm_year + 1900, tm.tm_mon + 1);
}

/* Duty hours per volunteer and month: two duties of Own-Vol (binjiang) this month, one of
 * them still open, one the month before, one of Expo-Vol: the volunteers page and its CSV
 * count each volunteer's own, by the month asked for; staff see only their station's. */
static void duty_per_volunteer(const struct session *adm, const struct session *st)
{
    char own[64], expo[64];
    volunteer_id("Own-Vol", own);
    volunteer_id("Expo-Vol", expo);
    long long t = (long long)time(NULL) - 7200;
    long long before = t - 40LL * 86400; /* surely another month */
    char sql[2048];
    snprintf(sql, sizeof sql,
             "sqlite3 '%s' \"INSERT INTO duty_log (id, kiosk_id, volunteer_id, on_utc, off_utc, "
             "received_utc) VALUES ('01KBDTY0000000000000000001', '01KBFIG0000000000000000000', "
             "'%s', %lld, %lld, %lld), ('01KBDTY0000000000000000002', "
             "'01KBFIG0000000000000000000', '%s', %lld, NULL, %lld), "
             "('01KBDTY0000000000000000003', '01KBFIG0000000000000000000', '%s', %lld, %lld, "
             "%lld), ('01KBDTY0000000000000000004', '01KBFIG0000000000000000000', '%s', %lld, "
             "%lld, %lld)\"",
             h.db, own, t, t + 90 * 60, t, own, t + 3600, t, own, before, before + 3600, t, expo, t,
             t + 45 * 60, t);
    CHECK_EQ_INT(system(sql), 0);
    char month[32], path[96];
    shanghai_month(t, month);
    snprintf(path, sizeof path, "/admin/volunteers?month=%s", month);
    struct ans a = req(path, adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    const char *row = strstr(a.body, "Own-Vol");
    const char *duty = row ? strstr(row, "class=\"duty\">") : NULL;
    CHECK(duty && strncmp(duty, "class=\"duty\">1:30 <span class=\"en\">· 2 次", 36) == 0);
    row = strstr(a.body, "Expo-Vol");
    duty = row ? strstr(row, "class=\"duty\">") : NULL;
    CHECK(duty && strncmp(duty, "class=\"duty\">0:45", 17) == 0);
    ans_free(&a);
    /* The month before: only the older duty. */
    shanghai_month(before, month);
    snprintf(path, sizeof path, "/admin/volunteers?month=%s", month);
    a = req(path, adm->cookie, NULL);
    row = strstr(a.body, "Own-Vol");
    duty = row ? strstr(row, "class=\"duty\">") : NULL;
    CHECK(duty && strncmp(duty, "class=\"duty\">1:00 <span class=\"en\">· 1 次", 36) == 0);
    ans_free(&a);
    /* The CSV of the month; staff's has only their station's volunteers. */
    shanghai_month(t, month);
    snprintf(path, sizeof path, "/admin/volunteers.csv?month=%s", month);
    a = req(path, adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(a.len > 3 && memcmp(a.body, "\xEF\xBB\xBF", 3) == 0);
    CHECK(strstr(a.headers, "text/csv") != NULL);
    CHECK(strstr(a.body, "\"Own-Vol\",\"\",\"1:30\",\"90\",\"2\"\r\n") != NULL);
    CHECK(strstr(a.body, "\"Expo-Vol\",\"\",\"0:45\",\"45\",\"1\"\r\n") != NULL);
    ans_free(&a);
    a = req(path, st->cookie, NULL);
    CHECK_EQ_INT(a.status, 200);
    CHECK(strstr(a.body, "Own-Vol") != NULL && strstr(a.body, "Expo-Vol") == NULL);
    ans_free(&a);
}

int main(void)
{
    struct session adm, st;
    admin_hub_up_staff(&adm, &st);
    sites(&adm);
    staff_read_only(&st);
    volunteers(&adm, &st);
    figures(&adm, &st);
    duty_per_volunteer(&adm, &st);
    static char log[1 << 16];
    admin_hub_stop(log, sizeof log);
    CHECK(strstr(log, "13579") == NULL && strstr(log, "97531") == NULL);
    hub_cleanup(&h);
    return yk_test_done();
}
