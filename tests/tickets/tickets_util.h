#ifndef YK_TICKETS_UTIL_H
#define YK_TICKETS_UTIL_H

/* Helpers shared by the tests in tests/tickets: a scratch directory, a database in it, and
 * events with chosen numbers. Static inline so each test takes only what it uses. */

#include "core/db.h"
#include "scratch.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 2026-12-01T09:00:00+08:00. */
#define T0_MS 1796086800000LL
#define T0_S (T0_MS / 1000)
#define HOUR_S 3600LL
#define DAY_S 86400LL

static inline bool tk_open(struct yk_db *db, const char *dir, long long now_ms)
{
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    struct yk_db_params p = {.path = path, .now_ms = now_ms};
    return yk_db_open(db, &p);
}

/* Runs one statement; returns sqlite3_step's last result (SQLITE_DONE on success). */
static inline int tk_exec(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return SQLITE_ERROR;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return rc;
}

/* The first column of the first row of sql as an integer, or -999 without a row. */
static inline long long tk_int(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return -999;
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -999;
    sqlite3_finalize(st);
    return v;
}

/* An event starting at starts_s (lasting 2 hours); deadline 0 = NULL (until the start);
 * capacity 0 = NULL (no sign-up). */
static inline bool tk_event(struct yk_db *db, const char *id, long long starts_s,
                            long long deadline_s, int capacity, int max_party, int held)
{
    sqlite3_stmt *st = yk_db_prepare(
        db, "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, signup_deadline_utc, "
            "capacity, max_party, seats_held) VALUES (?1, 'other', '测试活动', ?2, ?2 + 7200, "
            "?3, ?4, ?5, ?6)");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, starts_s);
    if (deadline_s)
        sqlite3_bind_int64(st, 3, deadline_s);
    else
        sqlite3_bind_null(st, 3);
    if (capacity)
        sqlite3_bind_int(st, 4, capacity);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int(st, 5, max_party);
    sqlite3_bind_int(st, 6, held);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

#endif
