#ifndef YK_MIGRATE_H
#define YK_MIGRATE_H

#include "core/embed.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* The one schema migration runner: numbered SQL files compiled into the binary
 * (db/migrations/ for the kiosk, db/hub/ for the hub), applied in order, each in its own
 * transaction that also sets PRAGMA user_version to its number. Works on a bare sqlite3
 * handle so that the kiosk (db.c) and the hub can share it. */

struct yk_migration {
    int version;      /* NNNN of NNNN_name.sql: 1, 2, ... without gaps */
    const char *name; /* the embedded file's name, for messages */
    const char *sql;  /* its text (owned by the embedded table) */
};

/* Collects the entries of table whose name starts with dir ("migrations/", "hub/") and is
 * dir + NNNN_name.sql, in version order into out (max entries). Returns how many, or -1
 * when one is misnamed, the numbers are not 1..n, or there are more than max (a build
 * problem: logged under tag). */
int yk_migrations_find(const struct yk_embedded *table, const char *dir, struct yk_migration *out,
                       int max, const char *tag);

struct yk_migrate_params {
    sqlite3 *db;
    const struct yk_migration *m; /* from yk_migrations_find */
    int n;
    int from; /* the database's user_version: migrations after it are applied */
    /* Foreign keys off while migrating (a migration may rebuild a table, SQLite's 12-step
     * ALTER) and PRAGMA foreign_key_check before each commit. They stay off afterwards: the
     * caller turns them back on. */
    bool rebuild_safe;
    const char *seed_name; /* optional: a script run in the last migration's transaction, */
    const char *seed_sql;  /* so a new database is complete with it or not made at all */
    const char *tag;       /* log tag ("db", "hub-store") */
    char *error;           /* a line for a person when it fails (error_n bytes) */
    size_t error_n;
};

/* Applies migrations from+1..n. A failed one is rolled back and leaves the database at the
 * previous version; false then, with the reason logged and in p->error. */
bool yk_migrate(const struct yk_migrate_params *p);

/* Rows PRAGMA foreign_key_check reports (the first ten logged under tag), or -1 when the
 * check itself fails. */
int yk_foreign_key_violations(sqlite3 *db, const char *tag);

#endif
