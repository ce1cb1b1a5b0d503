#include "core/db.h"

#include "core/embed.h"
#include "core/log.h"
#include "core/migrate.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MIGRATION_DIR "migrations/"
#define SAMPLE_NAME "sample/sample.sql"
#define MAX_MIGRATIONS 256

/* Records why something failed: the log gets the cause for the technician, db->error a
 * line a person can read (and quote). */
static void fail(struct yk_db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct yk_db *db, const char *fmt, ...)
{
    char what[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    const char *why = db->handle ? sqlite3_errmsg(db->handle) : "out of memory";
    snprintf(db->error, sizeof db->error, "%s (%s)", what, why);
    yk_error("db", "%s: %s", what, why);
}

static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

sqlite3_stmt *yk_db_prepare(struct yk_db *db, const char *sql)
{
    assert(db && db->handle && sql);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->handle, sql, -1, &st, NULL) != SQLITE_OK) {
        fail(db, "Cannot prepare a database query");
        yk_debug("db", "the query was: %s", sql);
        return NULL;
    }
    return st;
}

/* Runs one statement that returns no rows we need (BEGIN, COMMIT, a PRAGMA setter). */
static bool run(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE)
        fail(db, "Database command failed: %s", sql);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* Runs a PRAGMA (or any query) whose first row's first column is an integer. */
static bool query_int(struct yk_db *db, const char *sql, int *out)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        fail(db, "Cannot read the database (%s)", sql);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

int yk_db_latest_version(void)
{
    struct yk_migration m[MAX_MIGRATIONS];
    int n = yk_migrations_find(yk_embed_db, MIGRATION_DIR, m, MAX_MIGRATIONS, "db");
    return n < 0 ? 0 : n;
}

/* Returns true when PRAGMA foreign_key_check reports nothing; logs the first violations. */
static bool foreign_keys_ok(struct yk_db *db)
{
    int bad = yk_foreign_key_violations(db->handle, "db");
    if (bad < 0)
        fail(db, "Cannot check foreign keys");
    else if (bad)
        snprintf(db->error, sizeof db->error, "%d rows point at rows that do not exist", bad);
    return bad == 0;
}

/* Makes the kiosk's id on its first start; a later start reads it back. */
static bool ensure_kiosk_id(struct yk_db *db, long long now_ms)
{
    if (yk_db_meta_get(db, "kiosk_id", db->kiosk_id, sizeof db->kiosk_id))
        return true;
    if (db->read_only)
        return true; /* nothing to do about it; yk_db_kiosk_id() gives "" */
    char id[YK_ID_LEN + 1], created[32];
    yk_id_make(id, now_ms);
    snprintf(created, sizeof created, "%lld", now_ms / 1000);
    if (!yk_db_begin(db))
        return false;
    if (!yk_db_meta_set(db, "kiosk_id", id) || !yk_db_meta_set(db, "created_utc", created)) {
        yk_db_rollback(db);
        return false;
    }
    if (!yk_db_commit(db))
        return false;
    memcpy(db->kiosk_id, id, sizeof id);
    yk_info("db", "new kiosk id %s", id);
    return true;
}

bool yk_db_open(struct yk_db *db, const struct yk_db_params *p)
{
    assert(db && p && p->path);
    memset(db, 0, sizeof *db);
    db->read_only = p->read_only;
    long long now_ms = p->now_ms ? p->now_ms : wall_ms();

    struct yk_migration m[MAX_MIGRATIONS];
    int latest = yk_migrations_find(yk_embed_db, MIGRATION_DIR, m, MAX_MIGRATIONS, "db");
    if (latest < 0) {
        snprintf(db->error, sizeof db->error, "This build's database migrations are malformed");
        return false;
    }

    int flags = p->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(p->path, &db->handle, flags, NULL) != SQLITE_OK) {
        fail(db, "Cannot open the file");
        goto fail;
    }
    sqlite3_extended_result_codes(db->handle, 1);
    sqlite3_busy_timeout(db->handle, 5000);

    /* The first read: a file that is not a database (or is unreadable) fails here. */
    int version;
    if (!query_int(db, "PRAGMA user_version", &version)) {
        snprintf(db->error, sizeof db->error, "Cannot read the file (%s)",
                 sqlite3_errmsg(db->handle));
        goto fail;
    }
    if (version > latest) {
        snprintf(db->error, sizeof db->error,
                 "It was made by newer software (schema %d; this build knows %d)", version, latest);
        goto fail;
    }
    if (p->read_only && version < latest) {
        snprintf(db->error, sizeof db->error,
                 "It needs updating (schema %d of %d) but is open read-only", version, latest);
        goto fail;
    }
    db->created = version == 0;

    if (!p->read_only) {
        /* WAL: readers (the UI) never wait for the writer (sync), and a commit is one
         * append, which suits SD cards. journal_mode answers with the mode it got. */
        sqlite3_stmt *st = yk_db_prepare(db, "PRAGMA journal_mode = WAL");
        if (!st)
            goto fail;
        bool wal = sqlite3_step(st) == SQLITE_ROW &&
                   sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
        if (!wal)
            fail(db, "Cannot switch it to WAL mode");
        sqlite3_finalize(st);
        if (!wal)
            goto fail;
        /* In WAL mode NORMAL loses at most the last commits on power loss, never the file. */
        if (!run(db, "PRAGMA synchronous = NORMAL"))
            goto fail;
        const char *seed_sql = NULL;
        if (db->created && p->seed_sample) {
            const struct yk_embedded *e = yk_embed_find(yk_embed_db, SAMPLE_NAME);
            if (!e) {
                snprintf(db->error, sizeof db->error, "The sample content is missing");
                yk_error("db", "%s is not embedded in this build", SAMPLE_NAME);
                goto fail;
            }
            seed_sql = (const char *)e->data;
        }
        struct yk_migrate_params mp = {.db = db->handle,
                                       .m = m,
                                       .n = latest,
                                       .from = version,
                                       .rebuild_safe = true,
                                       .seed_name = SAMPLE_NAME,
                                       .seed_sql = seed_sql,
                                       .tag = "db",
                                       .error = db->error,
                                       .error_n = sizeof db->error};
        if (!yk_migrate(&mp))
            goto fail;
    }

    int fk = 0;
    if (!run(db, "PRAGMA foreign_keys = ON") || !query_int(db, "PRAGMA foreign_keys", &fk))
        goto fail;
    if (fk != 1) {
        fail(db, "This SQLite cannot enforce foreign keys");
        goto fail;
    }
    if (!query_int(db, "PRAGMA user_version", &db->schema_version))
        goto fail;

    if (!ensure_kiosk_id(db, now_ms))
        goto fail;
    yk_info("db", "opened %s (schema %d%s%s)", p->path, db->schema_version,
            db->created ? ", new" : "", p->read_only ? ", read-only" : "");
    return true;

fail:
    yk_error("db", "could not open %s: %s", p->path, db->error);
    if (db->handle) {
        sqlite3_close_v2(db->handle);
        db->handle = NULL;
    }
    return false;
}

void yk_db_close(struct yk_db *db)
{
    if (!db || !db->handle)
        return;
    if (sqlite3_close(db->handle) != SQLITE_OK) {
        /* An unfinalized statement is a bug; close anyway once it is finalized. */
        yk_error("db", "closing with statements still open: %s", sqlite3_errmsg(db->handle));
        sqlite3_close_v2(db->handle);
    }
    db->handle = NULL;
}

const char *yk_db_kiosk_id(const struct yk_db *db)
{
    return db->kiosk_id;
}

bool yk_db_set_synchronous_full(struct yk_db *db, bool full)
{
    return run(db, full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
}

bool yk_db_integrity_check(struct yk_db *db, bool quick)
{
    sqlite3_stmt *st = yk_db_prepare(db, quick ? "PRAGMA quick_check" : "PRAGMA integrity_check");
    if (!st)
        return false;
    int rc, rows = 0;
    bool ok = false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *line = (const char *)sqlite3_column_text(st, 0);
        if (rows++ == 0 && line && strcmp(line, "ok") == 0) {
            ok = true;
            continue;
        }
        ok = false;
        /* A row may hold several lines: keep the log one line per message. */
        char flat[200];
        snprintf(flat, sizeof flat, "%s", line ? line : "?");
        for (char *c = flat; *c; c++)
            if (*c == '\n')
                *c = ' ';
        if (rows <= 10)
            yk_error("db", "integrity check: %s", flat);
        if (rows == 1)
            snprintf(db->error, sizeof db->error, "The database is damaged (%s)", flat);
    }
    if (rc != SQLITE_DONE) {
        fail(db, "Cannot check the database");
        ok = false;
    }
    sqlite3_finalize(st);
    return ok && foreign_keys_ok(db);
}

bool yk_db_begin(struct yk_db *db)
{
    /* Nesting would silently fold the inner transaction into the outer one. */
    assert(sqlite3_get_autocommit(db->handle));
    return run(db, "BEGIN IMMEDIATE");
}

bool yk_db_commit(struct yk_db *db)
{
    if (run(db, "COMMIT"))
        return true;
    /* A deferred foreign key or SQLITE_BUSY leaves the transaction open: end it. */
    yk_db_rollback(db);
    return false;
}

void yk_db_rollback(struct yk_db *db)
{
    if (db->handle && !sqlite3_get_autocommit(db->handle)) {
        char keep[sizeof db->error];
        memcpy(keep, db->error, sizeof keep); /* the reason for the rollback matters more */
        run(db, "ROLLBACK");
        memcpy(db->error, keep, sizeof keep);
    }
}

bool yk_db_meta_get(struct yk_db *db, const char *key, char *buf, size_t n)
{
    assert(n > 0);
    buf[0] = '\0';
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT value FROM meta WHERE key = ?1");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    else if (rc != SQLITE_DONE)
        fail(db, "Cannot read setting %s", key);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

bool yk_db_meta_set(struct yk_db *db, const char *key, const char *value)
{
    sqlite3_stmt *st = yk_db_prepare(db, "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        fail(db, "Cannot save setting %s", key);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}
