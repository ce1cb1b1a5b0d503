#ifndef YK_SYNC_TEST_UTIL_H
#define YK_SYNC_TEST_UTIL_H

/* Helpers for the sync tests: scratch directories, a sample database, one-line queries.
 * Built on tests/check.h. */

#include "check.h"

#include "core/db.h"
#include "core/signup.h"
#include "scratch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <unistd.h>

/* 2026-12-01T09:00:00+08:00. */
#define SYNC_T0_MS 1796086800000LL

/* A scratch directory "yk-sync-<what>-XXXXXX" (tests/scratch.h). */
static inline void sync_tmpdir(char *dir, size_t n, const char *what)
{
    char tag[64];
    snprintf(tag, sizeof tag, "sync-%s", what);
    yk_scratch_dir(dir, n, tag);
}

static inline void sync_rmtree(const char *dir)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static inline void sync_open(struct yk_db *db, const char *dir, long long now_ms)
{
    char path[600];
    int n = snprintf(path, sizeof path, "%s/kiosk.db", dir);
    if (n < 0 || (size_t)n >= sizeof path) {
        fprintf(stderr, "path too long: %s\n", dir);
        exit(2);
    }
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = now_ms};
    if (!yk_db_open(db, &p)) {
        fprintf(stderr, "cannot open %s: %s\n", path, db->error);
        exit(2);
    }
}

/* The first column of the first row of a query on the hub's database file (path), read
 * directly beside the running server (WAL); -1 when there is no row or the query fails. */
static inline long long hub_db_vint(const char *path, const char *fmt, va_list ap)
{
    char sql[1024];
    vsnprintf(sql, sizeof sql, fmt, ap);
    sqlite3 *h;
    long long v = -1;
    if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_busy_timeout(h, 5000);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                v = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        } else {
            fprintf(stderr, "hub query (%s): %s\n", sql, sqlite3_errmsg(h));
        }
    }
    sqlite3_close(h);
    return v;
}

static inline long long hub_db_int(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline long long hub_db_int(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    long long v = hub_db_vint(path, fmt, ap);
    va_end(ap);
    return v;
}

/* The first column of the first row of sql (printf-style), as an integer; -1 on error. */
static inline long long q_int(struct yk_db *db, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline long long q_int(struct yk_db *db, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "q_int(%s): %s\n", sql, sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return v;
}

/* The first column of the first row as text into buf ("" when none). */
static inline const char *q_str(struct yk_db *db, char *buf, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline const char *q_str(struct yk_db *db, char *buf, size_t n, const char *fmt, ...)
{
    char sql[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    sqlite3_stmt *st = NULL;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* Signs 王女士 up for the sample's December event (party people, consent given, the waitlist
 * accepted) at at_ms with phone; the outcome and the sign-up into *res. */
static inline enum yk_signup_rc sync_sign_up(struct yk_db *db, const struct yk_ticket_keys *keys,
                                             const char *phone, int party, long long at_ms,
                                             struct yk_signup_result *res)
{
    struct yk_signup_request rq = {.event_id = "srd-2026-12",
                                   .phone = phone,
                                   .surname = "王",
                                   .title = YK_TITLE_MS,
                                   .party_size = party,
                                   .consent = true,
                                   .waitlist_ok = true};
    return yk_signup_submit(db, keys, &rq, at_ms, res);
}

#endif
