#ifndef YK_DB_TEST_UTIL_H
#define YK_DB_TEST_UTIL_H

/* Helpers shared by the tests in tests/db: a scratch directory, stderr capture, and a few
 * one-line queries. Everything is static inline so each test takes only what it uses. */

#include "check.h"
#include "core/db.h"
#include "scratch.h"

#include <assert.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 2026-12-01T09:00:00+08:00, the clock most tests start at. */
#define T_2026_12_01_MS 1796086800000LL

/* stderr capture, to check that a failure was logged with its reason. */
struct capture {
    int saved_fd;
    FILE *file;
};

static inline void capture_begin(struct capture *c)
{
    fflush(stderr);
    c->file = tmpfile();
    CHECK(c->file);
    c->saved_fd = dup(STDERR_FILENO);
    CHECK(c->saved_fd >= 0);
    CHECK(dup2(fileno(c->file), STDERR_FILENO) >= 0);
}

/* Restores stderr and returns what was written (caller frees); echoes it for the log. */
static inline char *capture_end(struct capture *c)
{
    fflush(stderr);
    CHECK(dup2(c->saved_fd, STDERR_FILENO) >= 0);
    close(c->saved_fd);
    long size = ftell(c->file);
    CHECK(size >= 0);
    char *text = calloc(1, (size_t)size + 1);
    CHECK(text);
    rewind(c->file);
    CHECK(fread(text, 1, (size_t)size, c->file) == (size_t)size);
    fclose(c->file);
    fputs(text, stderr);
    return text;
}

/* The first column of the first row of sql as an integer (sql must return a row). */
static inline long long q_int(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    CHECK(st);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Runs sql (one statement) and returns sqlite3_step's final primary result code
 * (SQLITE_DONE on success; SQLITE_CONSTRAINT, not SQLITE_CONSTRAINT_FOREIGNKEY...). */
static inline int q_exec(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    CHECK(st);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return rc & 0xff;
}

static inline bool open_db(struct yk_db *db, const char *dir, const char *name, bool seed,
                           long long now_ms)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct yk_db_params p = {.path = path, .seed_sample = seed, .now_ms = now_ms};
    return yk_db_open(db, &p);
}

#endif
