#ifndef YK_VOL_TEST_UTIL_H
#define YK_VOL_TEST_UTIL_H

/* Helpers for the volunteer tests: a scratch database with the sample content (the demo
 * volunteer, PIN 2468, and the sample events and walk-in kinds), and one-line queries.
 * Built on tests/check.h (a failed CHECK is counted, the test goes on). */

#include "check.h"

#include "core/db.h"
#include "scratch.h"
#include "core/ids.h"

#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>

/* 2026-12-01T09:00:00+08:00. */
#define T0_MS 1796086800000LL
#define HOUR_MS 3600000LL
#define DAY_MS (24 * HOUR_MS)

/* Opens (creating with the sample content) dir/kiosk.db; exits on failure. */
static inline void open_sample(struct yk_db *db, const char *dir, long long now_ms)
{
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = now_ms};
    if (!yk_db_open(db, &p)) {
        fprintf(stderr, "cannot open %s: %s\n", path, db->error);
        exit(2);
    }
}

/* The first column of the first row of sql as an integer; -999 when there is no row. */
static inline long long q_int(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return -999;
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -999;
    sqlite3_finalize(st);
    return v;
}

/* Runs one statement; true when it completed. */
static inline bool q_exec(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

#endif
