/* Test data for the events screens: opens (creating it with the sample content) the database
 * of a data directory and adds N generated test events ("测试活动 007" / "Test event 007"),
 * three a day from 2026-12-01 (Shanghai) at 09:30–11:00, 14:00–16:00 and 19:00–20:30, so
 * the test clock (2026-12-01 09:00) sees event 000 end at 11:00 and 001 at 16:00.
 *   make_events DATA_DIR N
 * Event i: kind i % 6 (the six kinds); block i % 4 (none, chuangyi, yile, renwen); by
 * i % 5: 0 no sign-up, 1 full (confirmed sign-ups of this kiosk fill it), 2 sign-up
 * deadline passed (2026-11-30), 3 and 4 open (3: two seats taken); host only for even i;
 * no place when i % 3 == 2; no English title when i % 4 == 3; a link when i % 7 == 3. */
#include "core/db.h"
#include "core/ids.h"
#include "core/shtime.h"
#include "core/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

static const char *blocks[] = {NULL, "chuangyi", "yile", "renwen"};

static bool bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return (s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i)) ==
           SQLITE_OK;
}

static bool add_signups(struct yk_db *db, sqlite3_stmt *st, const char *event, int seats,
                        long long now)
{
    while (seats > 0) {
        int party = seats > 4 ? 4 : seats;
        char id[YK_ID_LEN + 1];
        yk_id_make(id, now * 1000);
        sqlite3_reset(st);
        bind_text(st, 1, id);
        bind_text(st, 2, event);
        sqlite3_bind_int(st, 3, party);
        sqlite3_bind_int64(st, 4, now);
        bind_text(st, 5, yk_db_kiosk_id(db));
        if (sqlite3_step(st) != SQLITE_DONE) {
            fprintf(stderr, "make_events: signup: %s\n", sqlite3_errmsg(db->handle));
            return false;
        }
        seats -= party;
    }
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_events DATA_DIR N\n");
        return 2;
    }
    int n = atoi(argv[2]);
    char path[4096];
    mkdir(argv[1], 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    long long now = yk_shanghai_to_utc(2026, 12, 1, 9, 0, 0);
    struct yk_db db;
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = now * 1000};
    if (!yk_db_open(&db, &p))
        return 1;
    sqlite3_stmt *ev = yk_db_prepare(
        &db, "INSERT INTO events (id, kind, block_id, title_zh, title_en, summary_zh, summary_en,"
             " host_zh, host_en, place_zh, place_en, starts_utc, ends_utc, signup_deadline_utc,"
             " capacity, max_party, seats_held, link_url)"
             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 4, "
             "coalesce(?15, 0),"
             " ?16)");
    sqlite3_stmt *su = yk_db_prepare(
        &db, "INSERT INTO signups (id, event_id, party_size, status, created_utc, updated_utc,"
             " kiosk_id) VALUES (?1, ?2, ?3, 'confirmed', ?4, ?4, ?5)");
    bool ok = ev && su && yk_db_begin(&db);
    static const int slot[3][4] = {{9, 30, 11, 0}, {14, 0, 16, 0}, {19, 0, 20, 30}};
    for (int i = 0; ok && i < n; i++) {
        char id[32], tz[64], te[64], pz[64], pe[64], url[96];
        snprintf(id, sizeof id, "test-%03d", i);
        snprintf(tz, sizeof tz, "测试活动 %03d", i);
        snprintf(te, sizeof te, "Test event %03d", i);
        snprintf(pz, sizeof pz, "测试地点 %d 号", i % 9 + 1);
        snprintf(pe, sizeof pe, "Test venue no. %d", i % 9 + 1);
        snprintf(url, sizeof url, "https://example.org/test-events/%03d", i);
        const int *sl = slot[i % 3];
        int day = 1 + i / 3; /* days from 2026-12-01; yk_shanghai_to_utc takes any day */
        long long starts = yk_shanghai_to_utc(2026, 12, day, sl[0], sl[1], 0);
        long long ends = yk_shanghai_to_utc(2026, 12, day, sl[2], sl[3], 0);
        int mode = i % 5;
        int capacity = mode == 0 ? 0 : mode == 1 ? 10 : 20 + i % 30;
        sqlite3_reset(ev);
        sqlite3_clear_bindings(ev);
        bind_text(ev, 1, id);
        bind_text(ev, 2, yk_event_kind_name((enum yk_event_kind)(i % 6)));
        bind_text(ev, 3, blocks[i % 4]);
        bind_text(ev, 4, tz);
        bind_text(ev, 5, i % 4 == 3 ? NULL : te);
        bind_text(ev, 6, "测试数据，仅供测试。");
        bind_text(ev, 7, "Test data for the tests only.");
        bind_text(ev, 8, i % 2 ? NULL : "测试主办单位");
        bind_text(ev, 9, i % 2 ? NULL : "Test host");
        bind_text(ev, 10, i % 3 == 2 ? NULL : pz);
        bind_text(ev, 11, i % 3 == 2 ? NULL : pe);
        sqlite3_bind_int64(ev, 12, starts);
        sqlite3_bind_int64(ev, 13, ends);
        if (mode == 2)
            sqlite3_bind_int64(ev, 14, yk_shanghai_to_utc(2026, 11, 30, 18, 0, 0));
        if (capacity)
            sqlite3_bind_int(ev, 15, capacity); /* else NULL: no sign-up */
        bind_text(ev, 16, i % 7 == 3 ? url : NULL);
        if (sqlite3_step(ev) != SQLITE_DONE) {
            fprintf(stderr, "make_events: event %d: %s\n", i, sqlite3_errmsg(db.handle));
            ok = false;
            break;
        }
        if (mode == 1)
            ok = add_signups(&db, su, id, capacity, now);
        else if (mode == 3)
            ok = add_signups(&db, su, id, 2, now);
    }
    if (ok)
        ok = yk_db_commit(&db);
    else
        yk_db_rollback(&db);
    sqlite3_finalize(ev);
    sqlite3_finalize(su);
    yk_db_close(&db);
    if (!ok)
        return 1;
    printf("make_events: %d test events in %s\n", n, path);
    return 0;
}
