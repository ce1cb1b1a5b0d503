#ifndef YK_DB_H
#define YK_DB_H

#include "core/ids.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

/* The kiosk's SQLite database: opening and creating it, schema migrations, transactions.
 * Schema, id scheme, retention and how to add a migration: db/README.md.
 *
 * One struct yk_db is one connection, used by one thread at a time; a thread that needs the
 * database (the sync worker) opens its own. WAL mode lets it read while another writes.
 * The SQL that reads content lives in store.c; other modules keep theirs in one place per
 * table, always as prepared statements (yk_db_prepare). */

struct yk_db_params {
    const char *path; /* database file; its directory must exist (the caller makes it) */
    bool seed_sample; /* load db/sample/sample.sql when this open creates the database */
    bool read_only;   /* open read-only: no migrations, no seeding, no kiosk id made */
    long long now_ms; /* the clock at open (unix ms), for the kiosk id and created_utc;
                         0 = read the system clock */
};

struct yk_db {
    sqlite3 *handle;              /* NULL when closed */
    char kiosk_id[YK_ID_LEN + 1]; /* "" until known (a read-only open of a db without one) */
    int schema_version;           /* PRAGMA user_version after migrations */
    bool created;                 /* this open created the database (and maybe seeded it) */
    bool read_only;
    char error[256]; /* why the last failing call failed, for a person, without the path
                        (the caller shows it); "" when nothing failed */
};

/* Opens (creating if needed) the database at p->path: WAL, foreign keys on, busy timeout
 * 5 s, synchronous=NORMAL; applies pending migrations, each in its own transaction; seeds
 * the sample content when it created the database and p->seed_sample; makes the kiosk id
 * on first start. On failure logs the cause (sqlite3_errmsg), fills db->error, leaves db
 * closed and returns false. db needs no initialisation; close it with yk_db_close. */
bool yk_db_open(struct yk_db *db, const struct yk_db_params *p);

/* Closes the connection. NULL-safe and idempotent. All statements must be finalized. */
void yk_db_close(struct yk_db *db);

/* The kiosk's id (26 chars, see ids.h), "" if not known. Owned by db. */
const char *yk_db_kiosk_id(const struct yk_db *db);

/* synchronous=FULL (true) makes each commit survive a power cut, at a cost in write time:
 * sign-up commits use it. false returns to NORMAL. Returns false on error (logged). */
bool yk_db_set_synchronous_full(struct yk_db *db, bool full);

/* Runs PRAGMA integrity_check (quick_check when quick) and PRAGMA foreign_key_check.
 * Returns true when both find nothing; problems are logged and summarised in db->error. */
bool yk_db_integrity_check(struct yk_db *db, bool quick);

/* Starts a write transaction (BEGIN IMMEDIATE: the write lock is taken now, so a busy
 * database fails here rather than at the first write). Transactions do not nest. */
bool yk_db_begin(struct yk_db *db);

/* Commits the open transaction. On failure the transaction is rolled back. */
bool yk_db_commit(struct yk_db *db);

/* Rolls back the open transaction, if any. Safe to call after a failed commit. */
void yk_db_rollback(struct yk_db *db);

/* Prepares sql (one statement) on db. Returns NULL on error (logged with sqlite3_errmsg).
 * The caller owns the statement and finalizes it with sqlite3_finalize. */
sqlite3_stmt *yk_db_prepare(struct yk_db *db, const char *sql);

/* Reads meta[key] into buf (size n, NUL-terminated, truncated if longer). Returns false
 * when the key is absent or on error (logged); buf is then "". */
bool yk_db_meta_get(struct yk_db *db, const char *key, char *buf, size_t n);

/* Sets meta[key] = value (insert or replace). Returns false on error (logged). */
bool yk_db_meta_set(struct yk_db *db, const char *key, const char *value);

/* The newest schema version this build knows (the highest migration number). */
int yk_db_latest_version(void);

#endif
