/* Test data for the list of set-aside records: in the database of a data directory made by
 * make_tickets, records of every kind that the hub refused for good (sync_state 'rejected'
 * and a row in sync_rejects, as yk_sync_apply_push leaves them):
 *   G's sign-up (srd-2027-01)     unknown-event
 *   H's sign-up                   over-allotment
 *   a check-in of A               missing-ticket
 *   a walk-in                     unknown-kind
 *   a duty shift of the demo      wrong-kiosk
 *   an audit entry                a reason this build does not know (shown as sent)
 *   and extra walk-ins            bad-delta, so that the list has to scroll
 *   seed_rejects DATA_DIR [EXTRA]  (EXTRA walk-ins, default 30) */
#include "core/db.h"
#include "core/shtime.h"
#include "core/volunteer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fails;

static void exec(struct yk_db *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db->handle, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "seed_rejects: %s: %s\n", sql, err ? err : "?");
        fails++;
    }
    sqlite3_free(err);
}

/* Marks the newest record of table matching where as rejected for reason, at t. */
static void reject(struct yk_db *db, const char *table, const char *type, const char *where,
                   const char *reason, long long t)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO sync_rejects (record_id, type, reason, rejected_utc) SELECT id, '%s', "
             "'%s', %lld FROM %s WHERE %s AND sync_state <> 'rejected' ORDER BY id DESC LIMIT 1;"
             "UPDATE %s SET sync_state = 'rejected' WHERE id IN (SELECT record_id FROM "
             "sync_rejects);",
             type, reason, t, table, where, table);
    exec(db, sql);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: seed_rejects DATA_DIR [EXTRA]\n");
        return 2;
    }
    int extra = argc > 2 ? atoi(argv[2]) : 30;
    char path[4096];
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    int64_t t = yk_shanghai_to_utc(2026, 12, 11, 16, 20, 0);
    struct yk_db db;
    struct yk_db_params p = {.path = path, .now_ms = t * 1000};
    if (!yk_db_open(&db, &p))
        return 1;
    /* The records: walk-ins and a shift on 12-11, an audit entry. */
    char kind[64] = "";
    sqlite3_stmt *st = yk_db_prepare(&db, "SELECT id FROM walkin_kinds ORDER BY id LIMIT 1");
    if (st && sqlite3_step(st) == SQLITE_ROW)
        snprintf(kind, sizeof kind, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    for (int i = 0; i <= extra; i++)
        if (!yk_walkin_tap(&db, kind, NULL, (t - 3600 + i * 60) * 1000LL, NULL))
            fails++;
    if (yk_duty_on(&db, "demo", (t - 7200) * 1000LL) != YK_DUTY_OK)
        fails++;
    char sql[600];
    snprintf(sql, sizeof sql,
             "INSERT INTO audit_log (id, what, ref, created_utc, kiosk_id) VALUES "
             "('01KZZZZZZZZZZZZZZZZZZZZZZZ', 'volunteer.login', NULL, %lld, 'self');"
             "INSERT INTO checkins (id, signup_id, event_id, count, volunteer_id, created_utc, "
             "kiosk_id) SELECT '01KYYYYYYYYYYYYYYYYYYYYYYY', id, event_id, 1, 'demo', %lld, "
             "kiosk_id FROM signups WHERE phone_last4 = '1111'",
             (long long)t - 600, (long long)t - 300);
    exec(&db, sql);
    char w[200];
    for (int i = 0; i < extra; i++)
        reject(&db, "walkins", "walkin", "1", "bad-delta", t + 60 + i);
    reject(&db, "walkins", "walkin", "1", "unknown-kind", t + 100);
    reject(&db, "signups", "signup", "event_id = 'srd-2027-01'", "unknown-event", t + 200);
    reject(&db, "signups", "signup", "phone_last4 = '6666'", "over-allotment", t + 300);
    reject(&db, "checkins", "checkin", "1", "missing-ticket", t + 350);
    reject(&db, "duty_log", "duty", "volunteer_id = 'demo'", "wrong-kiosk", t + 400);
    snprintf(w, sizeof w, "what = 'volunteer.login'");
    reject(&db, "audit_log", "audit", w, "future-reason", t + 500);
    yk_db_close(&db);
    return fails ? 1 : 0;
}
