/* The hub's public page (/ and /s/STATION_ID, hub_public.h) against the real yikong-hub on
 * 127.0.0.1: the stations, upcoming events with seats left and the teaching sites, bilingual;
 * a station's page shows its events and the subdistrict's, not another station's; text from
 * the database is escaped; nothing of a sign-up (name, phone) ever appears; GET and HEAD only;
 * an unknown station is a 404 page and guessing them meets the growing wait of /T/. */
#include "check.h"
#include "hub/hub_client.h"

#include "hub/hub_kiosk_words.h"
#include "hub/hub_limit.h"

static struct hub h;

static bool has(const struct resp *r, const char *s)
{
    return r->body && strstr(r->body, s) != NULL;
}

static bool header(const struct resp *r, const char *line)
{
    return r->headers && strstr(r->headers, line) != NULL;
}

/* The test's content: binjiang's address, hours and phone; an event of binjiang tomorrow
 * (a <script> in its title, 10 places, 3 taken by a sign-up whose name and phone must never
 * show), one of expo-binjiang, one cancelled, one whose sign-up has closed, one of one place. */
static void load_content(void)
{
    long long t = (long long)time(NULL) + 86400;
    char path[400], sql[4096];
    snprintf(path, sizeof path, "%s/content.sql", h.dir);
    snprintf(
        sql, sizeof sql,
        "UPDATE stations SET address_zh = '黄浦区中山南路 1 号', address_en = '1 South Zhongshan "
        "Road', hours_zh = '周一至周日 9:00–17:00', phone = '021-6301-0000' WHERE id = "
        "'binjiang';\n"
        "INSERT INTO events (id, kind, title_zh, title_en, place_zh, place_en, starts_utc, "
        "ends_utc, capacity, max_party) VALUES ('pub-1', 'charity', "
        "'<script>alert(1)</script>读书会', 'Reading <b>club</b>', '服务站二楼', 'Upstairs', "
        "%lld, %lld, 10, 4), ('pub-2', 'other', '世博站茶话会', 'Expo tea', NULL, NULL, %lld, "
        "%lld, NULL, 1), ('pub-3', 'other', '取消的讲座', NULL, NULL, NULL, %lld, %lld, 5, 1);\n"
        "UPDATE events SET cancelled_utc = %lld WHERE id = 'pub-3';\n"
        "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity, max_party, "
        "signup_deadline_utc) VALUES ('pub-4', 'other', '截止的讲座', %lld, %lld, 5, 1, %lld), "
        "('pub-5', 'other', '一人讲座', %lld, %lld, 1, 1, NULL);\n"
        "INSERT INTO admin_event_station VALUES ('pub-1', 'binjiang'), ('pub-2', "
        "'expo-binjiang');\n"
        "INSERT INTO signups (id, event_id, kiosk_id, phone_last4, surname, title, party_size, "
        "status, created_utc, updated_utc, received_utc) VALUES ('01KBKPUB00000000000000000A', "
        "'pub-1', '01KBKPUB00000000000000000K', '8765', '欧阳', '女士', 3, 'confirmed', %lld, "
        "%lld, %lld);\n"
        "INSERT INTO signup_phones VALUES ('01KBKPUB00000000000000000A', '13912348765', %lld);\n",
        t, t + 7200, t + 60, t + 3600, t + 120, t + 3600, t - 86400, t + 180, t + 3600,
        t - 86400 - 60, t + 240, t + 3600, t - 86400, t - 86400, t - 86400, t + 86400 * 30);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(sql, f);
        fclose(f);
    }
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "load '%s'", path), 0);
}

/* What no public page may ever show: the sign-up's name and phone, a raw tag from the data. */
static void nothing_personal(const struct resp *r)
{
    CHECK(!has(r, "欧阳") && !has(r, "8765") && !has(r, "13912348765"));
    CHECK(!has(r, "<script") && !has(r, "<b>"));
}

static void all_stations(void)
{
    struct resp r = hub_get(&h, "/", NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(header(&r, "Content-Type: text/html; charset=utf-8"));
    CHECK(header(&r, "Content-Security-Policy: default-src 'none'"));
    CHECK(header(&r, "frame-ancestors 'none'"));
    CHECK(header(&r, "Referrer-Policy: no-referrer"));
    CHECK(header(&r, "Cache-Control: public, max-age=60"));
    CHECK(has(&r, "<meta name=\"viewport\""));
    /* Both stations, binjiang's card. */
    CHECK(has(&r, "滨江党建群团服务站") && has(&r, "世博滨江党群服务站"));
    CHECK(has(&r, "<a class=\"stn\" href=\"/s/binjiang\">"));
    CHECK(has(&r, "黄浦区中山南路 1 号") && has(&r, "1 South Zhongshan Road"));
    CHECK(has(&r, "周一至周日 9:00–17:00") && has(&r, "021-6301-0000"));
    /* The events: titles as text, place, seats left (10 - 3), in both languages. */
    CHECK(has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;读书会"));
    CHECK(has(&r, "Reading &lt;b&gt;club&lt;/b&gt;"));
    CHECK(has(&r, "服务站二楼") && has(&r, "Upstairs"));
    CHECK(has(&r, "剩余 7 位") && has(&r, "7 seats left"));
    CHECK(has(&r, "世博站茶话会") && has(&r, "无需报名"));
    const char *c = strstr(r.body, "取消的讲座");
    CHECK(c && strstr(c, "活动已取消") != NULL);
    c = strstr(r.body, "截止的讲座"); /* its deadline has passed, its start not */
    CHECK(c && strstr(c, "报名已截止") != NULL && strstr(c, "Sign-up has closed") != NULL);
    c = strstr(r.body, "一人讲座"); /* the kiosk's words for the last place */
    CHECK(c && strstr(c, "仅剩 1 位") != NULL && strstr(c, "1 seat left") != NULL);
    /* Soonest first: tomorrow's before the sample's events of 2027. */
    const char *mine = strstr(r.body, "读书会"), *srd = strstr(r.body, "社会责任日");
    CHECK(mine && (!srd || mine < srd));
    /* The teaching sites. */
    CHECK(has(&r, "世博会博物馆") && has(&r, "World Expo Museum"));
    nothing_personal(&r);
    resp_free(&r);
}

static void one_station(void)
{
    struct resp r = hub_get(&h, "/s/binjiang", NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(has(&r, "<h1>滨江党建群团服务站"));
    CHECK(has(&r, "021-6301-0000"));
    CHECK(has(&r, "读书会") && !has(&r, "世博站茶话会"));
    CHECK(has(&r, "取消的讲座")); /* the subdistrict's: on every station's page */
    nothing_personal(&r);
    resp_free(&r);
    r = hub_get(&h, "/s/expo-binjiang", NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(has(&r, "世博站茶话会") && !has(&r, "读书会") && !has(&r, "021-6301-0000"));
    resp_free(&r);
    /* Unknown, malformed: a 404 page that escapes nothing it was given (it shows none). */
    r = hub_get(&h, "/s/no-such-station", NULL);
    CHECK_EQ_INT(r.status, 404);
    CHECK(has(&r, "没有这个服务站") && has(&r, "No such station"));
    CHECK(header(&r, "Cache-Control: no-store"));
    resp_free(&r);
    r = hub_get(&h, "/s/%3Cscript%3Ex", NULL);
    CHECK_EQ_INT(r.status, 404);
    CHECK(!has(&r, "<script"));
    resp_free(&r);
}

static void methods(void)
{
    /* HEAD: the GET's status and headers, no body. */
    struct resp r = hub_http(&h, "HEAD", "/", NULL, NULL, 0);
    CHECK_EQ_INT(r.status, 200);
    CHECK(header(&r, "Content-Security-Policy:"));
    CHECK_EQ_INT((long)r.len, 0);
    resp_free(&r);
    /* Anything else: 405, with what is allowed, and nothing shown. */
    const char *paths[] = {"/", "/s/binjiang"}, *verbs[] = {"POST", "PUT", "DELETE"};
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++) {
            r = hub_http(&h, verbs[j], paths[i], NULL, "x=1", 3);
            CHECK_EQ_INT(r.status, 405);
            CHECK(header(&r, "Allow: GET, HEAD"));
            CHECK(!has(&r, "滨江"));
            resp_free(&r);
        }
}

/* Guessing station ids meets /T/'s growing wait; the page of all stations stays open. */
static void guessing(void)
{
    long last = 0;
    int tries = 0;
    for (; tries < 30 && last != 429; tries++) {
        char path[64];
        snprintf(path, sizeof path, "/s/guess-%d", tries);
        struct resp r = hub_get(&h, path, NULL);
        last = r.status;
        if (r.status == 429)
            CHECK(header(&r, "Retry-After: "));
        resp_free(&r);
    }
    CHECK_EQ_INT(last, 429);
    CHECK(tries + 2 > YK_HUB_LIMIT_FREE); /* one_station's two misses counted too */
    struct resp r = hub_get(&h, "/", NULL);
    CHECK_EQ_INT(r.status, 200);
    resp_free(&r);
}

/* A deleted station's page is gone; the other pages no longer list it. */
static void deleted(void)
{
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "delete stations expo-binjiang"), 0);
    struct resp r = hub_get(&h, "/", NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(!has(&r, "世博滨江党群服务站"));
    resp_free(&r);
}

/* A station's page reaches past other stations' events: 150 of expo-binjiang come first,
 * binjiang's next one after them still shows (the page once read only the first 100). */
static void crowded(void)
{
    long long t = (long long)time(NULL) + 86400;
    char path[400];
    snprintf(path, sizeof path, "%s/crowd.sql", h.dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    for (int i = 0; i < 150; i++) {
        fprintf(f,
                "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, max_party) VALUES "
                "('crowd-%d', 'other', '世博站活动%d', %lld, %lld, 1);\n"
                "INSERT INTO admin_event_station VALUES ('crowd-%d', 'expo-binjiang');\n",
                i, i, t + 300 + i, t + 3900 + i, i);
    }
    fprintf(f,
            "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, max_party) VALUES "
            "('late-1', 'other', '滨江下旬茶话会', %lld, %lld, 1);\n"
            "INSERT INTO admin_event_station VALUES ('late-1', 'binjiang');\n",
            t + 86400 * 10, t + 86400 * 10 + 3600);
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "load '%s'", path), 0);
    struct resp r = hub_get(&h, "/s/binjiang", NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(has(&r, "滨江下旬茶话会") && !has(&r, "世博站活动"));
    resp_free(&r);
    r = hub_get(&h, "/", NULL);
    CHECK(has(&r, "世博站活动0") && !has(&r, "滨江下旬茶话会")); /* all stations: the soonest 20 */
    resp_free(&r);
}

/* The seat line's one decision (yk_hub_seats_state, the public page's and the admin's preview's)
 * in the kiosk's order of reasons, and its words from the kiosk's catalog. */
static void seat_words(void)
{
    const int64_t now = 1796086800, later = now + 3600, earlier = now - 60;
    /* cancelled, ended, capacity, closes, left: each reason wins over the ones after it. */
    CHECK_EQ_INT(yk_hub_seats_state(true, earlier, 0, earlier, 0, now), YK_HUB_SEATS_CANCELLED);
    CHECK_EQ_INT(yk_hub_seats_state(false, now, 0, earlier, 0, now), YK_HUB_SEATS_ENDED);
    CHECK_EQ_INT(yk_hub_seats_state(false, later, 0, earlier, 0, now), YK_HUB_SEATS_NO_SIGNUP);
    CHECK_EQ_INT(yk_hub_seats_state(false, later, 5, now, 0, now), YK_HUB_SEATS_CLOSED);
    CHECK_EQ_INT(yk_hub_seats_state(false, later, 5, later, 0, now), YK_HUB_SEATS_FULL);
    CHECK_EQ_INT(yk_hub_seats_state(false, later, 5, later, 1, now), YK_HUB_SEATS_OPEN);
    char out[64];
    yk_hub_seats_text(YK_HUB_SEATS_OPEN, 7, YK_LANG_ZH, out, sizeof out);
    CHECK_EQ_STR(out, "剩余 7 位");
    yk_hub_seats_text(YK_HUB_SEATS_OPEN, 7, YK_LANG_EN, out, sizeof out);
    CHECK_EQ_STR(out, "7 seats left");
    yk_hub_seats_text(YK_HUB_SEATS_OPEN, 1, YK_LANG_EN, out, sizeof out);
    CHECK_EQ_STR(out, "1 seat left");
    yk_hub_seats_text(YK_HUB_SEATS_ENDED, 3, YK_LANG_ZH, out, sizeof out);
    CHECK_EQ_STR(out, "活动已结束");
    yk_hub_seats_text(YK_HUB_SEATS_FULL, 0, YK_LANG_EN, out, sizeof out);
    CHECK_EQ_STR(out, "Fully booked");
}

int main(void)
{
    seat_words();
    hub_init(&h);
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "load-sample"), 0);
    load_content();
    CHECK(hub_start(&h));
    all_stations();
    one_station();
    methods();
    crowded();
    deleted();
    guessing();
    hub_cleanup(&h);
    return yk_test_done();
}
