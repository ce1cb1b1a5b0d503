/* Content queries (src/core/store.c) against the sample content and added rows. */
#include "db_test_util.h"

#include "core/store.h"

static char dir[512];
static struct yk_db db;

/* Shanghai 2026-12-01 09:00, before every sample event. */
#define NOW_UTC (T_2026_12_01_MS / 1000)
#define SRD_2026_12_START 1797039000LL
#define SRD_2026_12_END 1797046200LL

static void test_blocks_lines_stations(void)
{
    struct yk_block_list blocks;
    CHECK(yk_store_list_blocks(&db, &blocks));
    CHECK(blocks.count == 3);
    CHECK_STR(blocks.items[0].id, "chuangyi");
    CHECK_STR(blocks.items[1].id, "yile");
    CHECK_STR(blocks.items[2].id, "renwen");
    CHECK_STR(blocks.items[0].name.zh, "创意家园");
    CHECK_STR(blocks.items[0].name.en, "Creative Home");
    CHECK(strstr(blocks.items[1].where.zh, "打浦路"));
    CHECK(strstr(blocks.items[2].character.en, "Expo"));
    for (size_t i = 0; i < blocks.count; i++) {
        CHECK(strstr(blocks.items[i].alliance.zh, "街区公约"));
        CHECK(blocks.items[i].alliance.en);
        /* The convention's text is not public: the line says to ask at the station. */
        CHECK(strstr(blocks.items[i].convention.zh, "请向服务站工作人员咨询"));
        CHECK(blocks.items[i].convention.en);
    }
    yk_store_free_blocks(&blocks);
    CHECK(blocks.items == NULL && blocks.count == 0);
    yk_store_free_blocks(&blocks); /* twice is harmless */
    yk_store_free_blocks(NULL);

    struct yk_service_line_list lines;
    CHECK(yk_store_list_service_lines(&db, &lines));
    CHECK(lines.count == 5);
    CHECK_STR(lines.items[0].name.zh, "平安滨江");
    CHECK_STR(lines.items[4].name.en, "Civilised Riverside");
    CHECK(strstr(lines.items[0].summary.zh, "急救") && lines.items[0].summary.en);
    yk_store_free_service_lines(&lines);

    struct yk_station_list stations;
    CHECK(yk_store_list_stations(&db, &stations));
    CHECK(stations.count == 2);
    CHECK_STR(stations.items[0].name.zh, "滨江党建群团服务站");
    CHECK_STR(stations.items[1].name.zh, "世博滨江党群服务站");
    CHECK(stations.items[0].river_pos_m == -1);
    CHECK(strstr(stations.items[0].intro.zh, "178"));
    yk_store_free_stations(&stations);

    struct yk_station st;
    CHECK(yk_store_get_station(&db, "expo-binjiang", &st) == YK_STORE_OK);
    CHECK_STR(st.name.en, "Expo Riverside Party–Mass Service Station");
    yk_store_station_clear(&st);
    CHECK(st.id == NULL);
    CHECK(yk_store_get_station(&db, "nowhere", &st) == YK_STORE_NOT_FOUND);
    CHECK(st.id == NULL);
    /* A known position comes back. */
    CHECK(q_exec(&db, "UPDATE stations SET river_pos_m = 1200 WHERE id = 'binjiang'") ==
          SQLITE_DONE);
    CHECK(yk_store_get_station(&db, "binjiang", &st) == YK_STORE_OK);
    CHECK(st.river_pos_m == 1200);
    yk_store_station_clear(&st);

    struct yk_walkin_kind_list kinds;
    CHECK(yk_store_list_walkin_kinds(&db, &kinds));
    CHECK(kinds.count == 4);
    CHECK_STR(kinds.items[2].id, "group-tour");
    CHECK_STR(kinds.items[2].name.en, "Group tour");
    yk_store_free_walkin_kinds(&kinds);
}

static void test_services(void)
{
    struct yk_service_list all;
    CHECK(yk_store_list_services(&db, NULL, &all));
    CHECK(all.count == 20); /* 14 from the article, 6 滨江便民 rows */
    CHECK_STR(all.items[0].id, "elderly-care-centre");
    CHECK(strstr(all.items[0].offers.zh, "社区医院"));
    CHECK(all.items[0].hours.zh == NULL && all.items[0].contact.zh == NULL);
    CHECK(all.items[0].link_url == NULL);
    CHECK_STR(all.items[0].block_id, "yile");
    CHECK(all.items[0].line_id == NULL);
    yk_store_free_services(&all);

    struct yk_service_filter f = {.block_id = "yile", .kind = -1};
    struct yk_service_list l;
    CHECK(yk_store_list_services(&db, &f, &l));
    CHECK(l.count == 1);
    CHECK_STR(l.items[0].title.en, "Comprehensive Elderly Care Centre");
    CHECK(l.items[0].kind == YK_SERVICE_KIND_SERVICE);
    yk_store_free_services(&l);

    f = (struct yk_service_filter){.kind = YK_SERVICE_KIND_PROJECT};
    CHECK(yk_store_list_services(&db, &f, &l));
    CHECK(l.count == 12);
    for (size_t i = 0; i < l.count; i++)
        CHECK(l.items[i].kind == YK_SERVICE_KIND_PROJECT && l.items[i].series);
    yk_store_free_services(&l);

    /* The sample's safe line: emergency numbers, AED, first aid, the safe-community project;
     * a service added to it shows up under its line only, in sort order. */
    f = (struct yk_service_filter){.line_id = "safe", .kind = -1};
    CHECK(yk_store_list_services(&db, &f, &l));
    CHECK(l.count == 4);
    CHECK_STR(l.items[0].id, "emergency-numbers");
    yk_store_free_services(&l);
    CHECK(q_exec(&db, "INSERT INTO services (id, title_zh, line_id, sort) "
                      "VALUES ('patrol', '巡逻', 'safe', 99)") == SQLITE_DONE);
    CHECK(yk_store_list_services(&db, &f, &l));
    CHECK(l.count == 5);
    CHECK_STR(l.items[4].id, "patrol");
    CHECK(l.items[4].title.en == NULL); /* no translation: NULL, not "" */
    yk_store_free_services(&l);
    f.line_id = "warm";
    CHECK(yk_store_list_services(&db, &f, &l));
    CHECK(l.count == 0);
    yk_store_free_services(&l);
}

static void test_sites(void)
{
    int n = 0;
    CHECK(yk_store_count_sites(&db, &n));
    CHECK(n == 6);
    struct yk_site_list page;
    CHECK(yk_store_list_sites(&db, 2, 3, &page));
    CHECK(page.count == 3);
    CHECK_STR(page.items[0].id, "lupu-bridge");
    CHECK_STR(page.items[1].id, "dianzan-square");
    CHECK_STR(page.items[2].id, "yuanwang-1");
    yk_store_free_sites(&page);

    struct yk_site s;
    CHECK(yk_store_get_site(&db, "expo-museum", &s) == YK_STORE_OK);
    CHECK_STR(s.name.zh, "世博会博物馆");
    CHECK_STR(s.name.en, "World Expo Museum");
    CHECK(strstr(s.intro.zh, "2017年5月1日") && s.intro.en && strstr(s.hours.zh, "周一闭馆"));
    CHECK(strstr(s.location.zh, "蒙自路818号") && strstr(s.booking.zh, "免费"));
    CHECK(s.photo_hash == NULL && s.link_url == NULL);
    CHECK(s.river_pos_m == -1); /* near the Lupu end, but no distance is published */
    yk_store_site_clear(&s);
    /* A site with no public facts: its name only, NULL in both languages elsewhere. */
    CHECK(yk_store_get_site(&db, "dianzan-square", &s) == YK_STORE_OK);
    CHECK(s.intro.zh == NULL && s.intro.en == NULL && s.hours.zh == NULL && s.location.zh == NULL &&
          s.booking.zh == NULL && s.river_pos_m == -1);
    yk_store_site_clear(&s);
    CHECK(yk_store_get_site(&db, "lupu-bridge", &s) == YK_STORE_OK);
    CHECK(s.river_pos_m == 0 && s.hours.zh == NULL);
    yk_store_site_clear(&s);
    CHECK(yk_store_get_site(&db, "nowhere", &s) == YK_STORE_NOT_FOUND);

    /* 250 more sites: paging visits each exactly once, in order. */
    CHECK(yk_db_begin(&db));
    sqlite3_stmt *ins = yk_db_prepare(&db, "INSERT INTO sites (id, name_zh, sort, river_pos_m) "
                                           "VALUES (printf('extra-%03d', ?1), '教学点', 100 + ?1,"
                                           " ?1 * 10)");
    CHECK(ins);
    for (int i = 0; i < 250; i++) {
        sqlite3_bind_int(ins, 1, i);
        CHECK(sqlite3_step(ins) == SQLITE_DONE);
        sqlite3_reset(ins);
    }
    sqlite3_finalize(ins);
    CHECK(yk_db_commit(&db));
    CHECK(yk_store_count_sites(&db, &n));
    CHECK(n == 256);
    int seen = 0;
    char last[64] = "";
    for (int off = 0;; off += 20) {
        CHECK(yk_store_list_sites(&db, off, 20, &page));
        if (page.count == 0)
            break;
        CHECK(page.count <= 20);
        for (size_t i = 0; i < page.count; i++, seen++) {
            if (seen >= 6) {
                char want[64];
                snprintf(want, sizeof want, "extra-%03d", seen - 6);
                CHECK_STR(page.items[i].id, want);
                CHECK(page.items[i].river_pos_m == (seen - 6) * 10);
                CHECK(page.items[i].name.en == NULL);
            }
            CHECK(strcmp(last, page.items[i].id) != 0);
            snprintf(last, sizeof last, "%s", page.items[i].id);
        }
        yk_store_free_sites(&page);
    }
    CHECK(seen == 256);

    /* A tombstoned site is gone from every query. */
    CHECK(q_exec(&db, "UPDATE sites SET deleted = 1, rev = 7 WHERE id = 'lupu-bridge'") ==
          SQLITE_DONE);
    CHECK(yk_store_count_sites(&db, &n));
    CHECK(n == 255);
    CHECK(yk_store_get_site(&db, "lupu-bridge", &s) == YK_STORE_NOT_FOUND);
    CHECK(yk_store_list_sites(&db, 2, 1, &page));
    CHECK_STR(page.items[0].id, "dianzan-square");
    yk_store_free_sites(&page);
}

static void test_media(void)
{
    static const unsigned char png[] = {0x89, 'P', 'N', 'G', 0, 1, 2, 0xff};
    sqlite3_stmt *st = yk_db_prepare(
        &db, "INSERT INTO media (hash, mime, bytes) VALUES ('abc123', 'image/png', ?1)");
    CHECK(st);
    sqlite3_bind_blob(st, 1, png, sizeof png, SQLITE_STATIC);
    CHECK(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
    struct yk_media m;
    CHECK(yk_store_get_media(&db, "abc123", &m) == YK_STORE_OK);
    CHECK_STR(m.mime, "image/png");
    CHECK(m.size == sizeof png && memcmp(m.bytes, png, sizeof png) == 0);
    yk_store_media_clear(&m);
    CHECK(m.bytes == NULL);
    CHECK(yk_store_get_media(&db, "missing", &m) == YK_STORE_NOT_FOUND);
    CHECK(m.bytes == NULL);
}

static int count_upcoming(long long now, const char *block, int kind)
{
    struct yk_event_filter f = {.now_utc = now, .block_id = block, .kind = kind};
    int n = -1;
    CHECK(yk_store_count_upcoming_events(&db, &f, &n));
    /* The list agrees with the count. */
    struct yk_event_list l;
    CHECK(yk_store_list_upcoming_events(&db, &f, 0, 1000, &l));
    CHECK((int)l.count == n);
    for (size_t i = 0; i < l.count; i++) {
        CHECK(l.items[i].ends_utc > now);
        if (block)
            CHECK_STR(l.items[i].block_id, block);
        if (kind != YK_EVENT_KIND_ANY)
            CHECK((int)l.items[i].kind == kind);
        if (i)
            CHECK(l.items[i - 1].starts_utc <= l.items[i].starts_utc);
    }
    yk_store_free_events(&l);
    return n;
}

static void test_upcoming_events(void)
{
    CHECK(count_upcoming(NOW_UTC, NULL, YK_EVENT_KIND_ANY) == 17);
    CHECK(count_upcoming(NOW_UTC, "chuangyi", YK_EVENT_KIND_ANY) == 2);
    CHECK(count_upcoming(NOW_UTC, "renwen", YK_EVENT_KIND_ANY) == 1);
    CHECK(count_upcoming(NOW_UTC, NULL, YK_EVENT_CEREMONY) == 1);
    CHECK(count_upcoming(NOW_UTC, NULL, YK_EVENT_CONSULT) == 4);
    CHECK(count_upcoming(NOW_UTC, NULL, YK_EVENT_EXPERIENCE) == 3);
    CHECK(count_upcoming(NOW_UTC, NULL, YK_EVENT_ISSUES) == 3);
    CHECK(count_upcoming(NOW_UTC, "yile", YK_EVENT_ISSUES) == 1);
    CHECK(count_upcoming(NOW_UTC, "yile", YK_EVENT_CEREMONY) == 0);
    CHECK(count_upcoming(NOW_UTC, "nowhere", YK_EVENT_KIND_ANY) == 0);

    /* By time: a running event is still upcoming; an ended one is not. */
    struct yk_event_filter f = {.now_utc = NOW_UTC, .kind = YK_EVENT_KIND_ANY};
    struct yk_event_list l;
    CHECK(yk_store_list_upcoming_events(&db, &f, 0, 1, &l));
    CHECK(l.count == 1);
    CHECK_STR(l.items[0].id, "srd-2026-12");
    CHECK(l.items[0].starts_utc == SRD_2026_12_START);
    yk_store_free_events(&l);
    f.now_utc = SRD_2026_12_END - 1;
    CHECK(yk_store_list_upcoming_events(&db, &f, 0, 1, &l));
    CHECK_STR(l.items[0].id, "srd-2026-12");
    yk_store_free_events(&l);
    f.now_utc = SRD_2026_12_END;
    CHECK(yk_store_list_upcoming_events(&db, &f, 0, 1, &l));
    CHECK_STR(l.items[0].id, "srd-2027-01");
    yk_store_free_events(&l);
    CHECK(count_upcoming(SRD_2026_12_END, NULL, YK_EVENT_KIND_ANY) == 16);
    /* After the ceremony (2027-10-01) only Oct, Nov, Dec days remain. */
    CHECK(count_upcoming(1822959000LL, NULL, YK_EVENT_KIND_ANY) == 3);
    CHECK(count_upcoming(1900000000LL, NULL, YK_EVENT_KIND_ANY) == 0);

    /* Pages. */
    f.now_utc = NOW_UTC;
    CHECK(yk_store_list_upcoming_events(&db, &f, 15, 5, &l));
    CHECK(l.count == 2);
    CHECK_STR(l.items[1].id, "srd-2027-12");
    yk_store_free_events(&l);

    /* A tombstoned event is not upcoming. */
    CHECK(q_exec(&db, "UPDATE events SET deleted = 1 WHERE id = 'issues-2027-renwen'") ==
          SQLITE_DONE);
    CHECK(count_upcoming(NOW_UTC, "renwen", YK_EVENT_KIND_ANY) == 0);
    struct yk_event e;
    CHECK(yk_store_get_event(&db, "issues-2027-renwen", &e) == YK_STORE_NOT_FOUND);
}

static void add_signup(int n, const char *event, int party, const char *status)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO signups (id, event_id, party_size, status, created_utc, updated_utc, "
             "kiosk_id) VALUES ('01KB00000000000000000000%02d', '%s', %d, '%s', 0, 0, 'k')",
             n, event, party, status);
    CHECK(q_exec(&db, sql) == SQLITE_DONE);
}

static void test_event_seats_and_nulls(void)
{
    struct yk_event e;
    CHECK(yk_store_get_event(&db, "srd-2026-12", &e) == YK_STORE_OK);
    CHECK(e.kind == YK_EVENT_CONSULT);
    CHECK(e.capacity == 40 && e.seats_held == 40 && e.max_party == 4);
    CHECK(e.seats_taken == 0 && e.seats_left == 40 && e.held_left == 40);
    CHECK(e.host.zh == NULL && e.host.en == NULL && e.place.zh == NULL);
    CHECK(e.block_id == NULL);
    CHECK(strstr(e.summary.zh, "你我携手，共建共享和美五里"));
    CHECK(e.signup_deadline_utc == SRD_2026_12_START - 15 * 3600 - 1800); /* 18:00 the day before */
    yk_store_event_clear(&e);

    /* Only confirmed sign-ups take seats. */
    add_signup(1, "srd-2026-12", 3, "confirmed");
    add_signup(2, "srd-2026-12", 2, "confirmed");
    add_signup(3, "srd-2026-12", 4, "waitlist");
    add_signup(4, "srd-2026-12", 1, "cancelled");
    add_signup(5, "srd-2026-12", 2, "pending");
    add_signup(6, "srd-2027-01", 4, "confirmed");
    CHECK(yk_store_get_event(&db, "srd-2026-12", &e) == YK_STORE_OK);
    CHECK(e.seats_taken == 5 && e.seats_left == 35 && e.held_left == 35);
    yk_store_event_clear(&e);
    /* The list shows the same seats. */
    struct yk_event_filter f = {.now_utc = NOW_UTC, .kind = YK_EVENT_KIND_ANY};
    struct yk_event_list l;
    CHECK(yk_store_list_upcoming_events(&db, &f, 0, 2, &l));
    CHECK(l.items[0].seats_taken == 5 && l.items[0].seats_left == 35);
    CHECK(l.items[1].seats_taken == 4 && l.items[1].seats_left == 26);
    yk_store_free_events(&l);
    /* Fewer seats held here than capacity: held_left follows seats_held. */
    CHECK(q_exec(&db, "UPDATE events SET seats_held = 6 WHERE id = 'srd-2026-12'") == SQLITE_DONE);
    CHECK(yk_store_get_event(&db, "srd-2026-12", &e) == YK_STORE_OK);
    CHECK(e.seats_left == 35 && e.held_left == 1);
    yk_store_event_clear(&e);
    /* Overbooked: never negative. */
    add_signup(7, "srd-2026-12", 40, "confirmed");
    CHECK(yk_store_get_event(&db, "srd-2026-12", &e) == YK_STORE_OK);
    CHECK(e.seats_taken == 45 && e.seats_left == 0 && e.held_left == 0);
    yk_store_event_clear(&e);

    /* No sign-up needed: capacity 0, no seats. */
    CHECK(yk_store_get_event(&db, "issues-2027-yile", &e) == YK_STORE_OK);
    CHECK(e.kind == YK_EVENT_ISSUES && e.capacity == 0 && e.seats_left == 0);
    CHECK(e.signup_deadline_utc == 0);
    CHECK_STR(e.block_id, "yile");
    yk_store_event_clear(&e);

    CHECK(yk_store_get_event(&db, "ceremony-2027-10-01", &e) == YK_STORE_OK);
    CHECK(e.kind == YK_EVENT_CEREMONY);
    CHECK_STR(e.place.zh, "丽园居民区");
    CHECK_STR(e.block_id, "chuangyi");
    CHECK(e.capacity == 100);
    yk_store_event_clear(&e);

    /* English left out comes back NULL, never "" or the Chinese. */
    CHECK(q_exec(&db, "INSERT INTO events (id, kind, title_zh, host_zh, starts_utc, ends_utc) "
                      "VALUES ('zh-only', 'other', '只有中文', '主办方', 1797000000, "
                      "1797003600)") == SQLITE_DONE);
    CHECK(yk_store_get_event(&db, "zh-only", &e) == YK_STORE_OK);
    CHECK_STR(e.title.zh, "只有中文");
    CHECK(e.title.en == NULL && e.host.en == NULL && e.summary.zh == NULL);
    CHECK_STR(e.host.zh, "主办方");
    CHECK(e.kind == YK_EVENT_OTHER && e.max_party == 1 && e.rev == 0);
    yk_store_event_clear(&e);
    yk_store_event_clear(&e); /* twice is harmless */
    yk_store_event_clear(NULL);

    CHECK(yk_event_kind_parse("support") == YK_EVENT_SUPPORT);
    CHECK(yk_event_kind_parse("nonsense") == YK_EVENT_OTHER);
    CHECK_STR(yk_event_kind_name(YK_EVENT_EXPERIENCE), "experience");
}

/* Counts full-table-scan steps of each statement as it finishes. */
static long long scan_steps, vm_steps;
static int profile(unsigned type, void *ctx, void *p, void *x)
{
    (void)ctx;
    (void)x;
    if (type == SQLITE_TRACE_PROFILE) {
        scan_steps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
        vm_steps += sqlite3_stmt_status(p, SQLITE_STMTSTATUS_VM_STEP, 0);
    }
    return 0;
}

static void test_events_scale(void)
{
    /* 2000 past events and 600 upcoming ones spread over the blocks and kinds: queries for
     * the next page must use the indexes, not walk the table. */
    CHECK(yk_db_begin(&db));
    CHECK(q_exec(&db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE "
                      "i < 2600) INSERT INTO events (id, kind, block_id, title_zh, starts_utc, "
                      "ends_utc, capacity, max_party, seats_held) SELECT printf('bulk-%04d', i), "
                      "CASE i % 3 WHEN 0 THEN 'consult' WHEN 1 THEN 'charity' ELSE 'other' END, "
                      "CASE i % 4 WHEN 0 THEN 'yile' WHEN 1 THEN 'chuangyi' ELSE NULL END, "
                      "'活动', CASE WHEN i <= 2000 THEN 1000000000 + i * 3600 ELSE 1900000000 + "
                      "i * 3600 END, CASE WHEN i <= 2000 THEN 1000000000 + i * 3600 + 1800 ELSE "
                      "1900000000 + i * 3600 + 1800 END, 30, 4, 30 FROM n") == SQLITE_DONE);
    CHECK(yk_db_commit(&db));

    const long long now = 1900000000LL;
    CHECK(count_upcoming(now, NULL, YK_EVENT_KIND_ANY) == 600);
    CHECK(count_upcoming(now, "yile", YK_EVENT_KIND_ANY) == 150);
    CHECK(count_upcoming(now, NULL, YK_EVENT_CHARITY) == 200);
    CHECK(count_upcoming(now, "chuangyi", YK_EVENT_CONSULT) == 50);

    sqlite3_trace_v2(db.handle, SQLITE_TRACE_PROFILE, profile, NULL);
    struct {
        const char *block;
        int kind;
    } cases[] = {{NULL, YK_EVENT_KIND_ANY},
                 {"yile", YK_EVENT_KIND_ANY},
                 {NULL, YK_EVENT_CHARITY},
                 {"chuangyi", YK_EVENT_CONSULT}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        struct yk_event_filter f = {
            .now_utc = now, .block_id = cases[c].block, .kind = cases[c].kind};
        scan_steps = vm_steps = 0;
        struct yk_event_list l;
        CHECK(yk_store_list_upcoming_events(&db, &f, 0, 10, &l));
        CHECK(l.count == 10);
        CHECK(l.items[0].starts_utc > now - 3600);
        yk_store_free_events(&l);
        int n;
        CHECK(yk_store_count_upcoming_events(&db, &f, &n));
        fprintf(stderr, "upcoming case %zu: %lld scan steps, %lld vm steps\n", c, scan_steps,
                vm_steps);
        /* No full scan of events, and far fewer VM steps than a walk of 2600 rows takes. */
        CHECK(scan_steps == 0);
        CHECK(vm_steps < 12000);
    }
    sqlite3_trace_v2(db.handle, 0, NULL, NULL);
}

int main(void)
{
    yk_scratch_dir(dir, sizeof dir, "db-test");
    CHECK(open_db(&db, dir, "kiosk.db", true, T_2026_12_01_MS));
    test_blocks_lines_stations();
    test_services();
    test_sites();
    test_media();
    test_upcoming_events();
    test_event_seats_and_nulls();
    test_events_scale();
    CHECK(yk_db_integrity_check(&db, false));
    yk_db_close(&db);
    yk_scratch_remove(dir);
    puts("test_db_store: ok");
    return yk_test_done();
}
