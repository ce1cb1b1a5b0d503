#include "hub/hub_store_impl.h"

#include "core/embed.h"
#include "core/log.h"
#include "core/migrate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATION_DIR "hub/"
#define MAX_MIGRATIONS 64

/* Helpers ------------------------------------------------------------------------------------ */

sqlite3_stmt *yk_hs_prep(struct yk_hub_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        yk_error("hub-store", "prepare: %s (%.60s)", sqlite3_errmsg(s->db), sql);
        return NULL;
    }
    return st;
}

bool yk_hs_exec(struct yk_hub_store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        yk_error("hub-store", "%s (%.60s)", err ? err : sqlite3_errmsg(s->db), sql);
        sqlite3_free(err);
        return false;
    }
    return true;
}

void yk_hs_bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

bool yk_hs_begin(struct yk_hub_store *s)
{
    return yk_hs_exec(s, "BEGIN IMMEDIATE");
}
bool yk_hs_commit(struct yk_hub_store *s)
{
    if (yk_hs_exec(s, "COMMIT"))
        return true;
    if (!sqlite3_get_autocommit(s->db))
        yk_hs_exec(s, "ROLLBACK");
    return false;
}

/* Commits the open group (under the lock) and wakes its pushes with the outcome. */
static bool yk_hs_group_commit(struct yk_hub_store *s)
{
    if (!s->group_open)
        return true;
    bool ok = yk_hs_commit(s);
    for (int i = 0; i < s->group_n; i++)
        *s->group_result[i] = ok;
    s->group_n = 0;
    s->group_open = false;
    s->group_gen++;
    pthread_cond_broadcast(&s->committed);
    return ok;
}

/* Takes the store for one call, outside any group transaction. */
void yk_hs_lock(struct yk_hub_store *s)
{
    pthread_mutex_lock(&s->lock);
    yk_hs_group_commit(s);
}
void yk_hs_unlock(struct yk_hub_store *s)
{
    pthread_mutex_unlock(&s->lock);
}
void yk_hs_rollback(struct yk_hub_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        yk_hs_exec(s, "ROLLBACK");
}

void yk_hs_end(struct yk_hub_store *s)
{
    yk_hs_rollback(s);
    yk_hs_unlock(s);
}

enum yk_hub_rc yk_hs_one_row(struct yk_hub_store *s, const char *sql, const char *arg,
                             enum yk_hub_rc (*read)(sqlite3_stmt *st, void *ctx), void *ctx)
{
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        yk_hs_bind_str(st, 1, arg);
        int r = sqlite3_step(st);
        rc = r == SQLITE_ROW ? read(st, ctx) : r == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return rc;
}

void yk_hs_hex(const uint8_t *b, size_t n, char *out)
{
    sodium_bin2hex(out, 2 * n + 1, b, n);
}

/* hex BLAKE2b-256 of s: tokens and setup codes are stored only as this. */
void yk_hs_hash_hex(const char *s, char out[65])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    yk_hs_hex(h, sizeof h, out);
}

/* A single integer from sql with up to two text parameters; def when no row or NULL. */
int64_t yk_hs_query_int(struct yk_hub_store *s, const char *sql, const char *a, const char *b,
                        int64_t def, bool *ok)
{
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (!st) {
        if (ok)
            *ok = false;
        return def;
    }
    if (a)
        yk_hs_bind_str(st, 1, a);
    if (b)
        yk_hs_bind_str(st, 2, b);
    int64_t v = def;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        v = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        yk_error("hub-store", "query: %s", sqlite3_errmsg(s->db));
        if (ok)
            *ok = false;
    }
    sqlite3_finalize(st);
    return v;
}

/* Runs a prepared statement to completion and finalizes it. */
bool yk_hs_run(struct yk_hub_store *s, sqlite3_stmt *st)
{
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        yk_warn("hub-store", "step: %s", sqlite3_errmsg(s->db));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

/* Open and migrations ---------------------------------------------------------------------- */

/* The hub's schema through the project's one runner (core/migrate.h), foreign keys kept on. */
static bool migrate(struct yk_hub_store *s)
{
    struct yk_migration m[MAX_MIGRATIONS];
    int n = yk_migrations_find(yk_embed_db, MIGRATION_DIR, m, MAX_MIGRATIONS, "hub-store");
    if (n < 0)
        return false;
    int have = (int)yk_hs_query_int(s, "PRAGMA user_version", NULL, NULL, 0, NULL);
    if (have > n) {
        yk_error("hub-store", "database version %d is newer than this hub (%d)", have, n);
        return false;
    }
    struct yk_migrate_params mp = {.db = s->db, .m = m, .n = n, .from = have, .tag = "hub-store"};
    return yk_migrate(&mp);
}

void yk_hub_set_phone_days(struct yk_hub_store *s, int days)
{
    s->phone_days = days < 0 ? 0 : days > YK_HUB_PHONE_DAYS_MAX ? YK_HUB_PHONE_DAYS_MAX : days;
}

int yk_hub_phone_days(const struct yk_hub_store *s)
{
    return s->phone_days;
}

struct yk_hub_store *yk_hub_store_open(const char *path)
{
    if (sodium_init() < 0) {
        yk_error("hub-store", "libsodium failed to initialise");
        return NULL;
    }
    struct yk_hub_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->committed, NULL);
    atomic_init(&s->arriving, 0);
    s->mine_misses = yk_hub_limit_new();
    if (!s->mine_misses) {
        yk_hub_store_close(s);
        return NULL;
    }
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        yk_error("hub-store", "open: %s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
        yk_hub_store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* synchronous=FULL: a record the hub has answered "accepted" for survives a power cut
     * (the kiosk then drops its retry). */
    if (!yk_hs_exec(s, "PRAGMA journal_mode=WAL") || !yk_hs_exec(s, "PRAGMA synchronous=FULL") ||
        !yk_hs_exec(s, "PRAGMA foreign_keys=ON") || !migrate(s)) {
        yk_hub_store_close(s);
        return NULL;
    }
    return s;
}

void yk_hub_store_close(struct yk_hub_store *s)
{
    if (!s)
        return;
    if (s->db)
        sqlite3_close(s->db);
    yk_hub_limit_free(s->mine_misses);
    sodium_memzero(s->phone_key, sizeof s->phone_key);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->committed);
    free(s);
}

bool yk_hub_push(struct yk_hub_store *s, const char *auth_kiosk, const struct yk_hub_record *r,
                 size_t n, struct yk_hub_outcome *out, int64_t now)
{
    atomic_fetch_add(&s->arriving, 1);
    pthread_mutex_lock(&s->lock);
    atomic_fetch_sub(&s->arriving, 1);
    bool ok = s->group_open || yk_hs_begin(s);
    if (ok && !s->group_open) {
        s->group_open = true;
        s->group_n = 0;
    }
    /* This push alone is undone if it fails; the group's others stay. */
    ok = ok && yk_hs_exec(s, "SAVEPOINT push");
    if (ok && !yk_hs_push_locked(s, auth_kiosk, r, n, out, now)) {
        ok = false;
        if (!sqlite3_get_autocommit(s->db))
            yk_hs_exec(s, "ROLLBACK TO push");
    }
    if (!sqlite3_get_autocommit(s->db) && !yk_hs_exec(s, "RELEASE push"))
        ok = false;
    bool result = false;
    s->pushes += ok;
    if (ok && atomic_load(&s->arriving) > 0 && s->group_n < GROUP_MAX) {
        /* Another push is coming: it (or the last of the run) commits for both. */
        unsigned long gen = s->group_gen;
        s->group_result[s->group_n++] = &result;
        while (s->group_gen == gen)
            pthread_cond_wait(&s->committed, &s->lock);
    } else {
        /* The last of the run, or a failed push that must not leave the group open. */
        bool committed = yk_hs_group_commit(s);
        result = ok && committed;
    }
    yk_hs_unlock(s);
    return result;
}

void yk_hub_push_stats(struct yk_hub_store *s, unsigned long *pushes, unsigned long *commits)
{
    pthread_mutex_lock(&s->lock);
    *pushes = s->pushes;
    *commits = s->group_gen;
    pthread_mutex_unlock(&s->lock);
}

/* Operator commands ------------------------------------------------------------------------ */

bool yk_hub_load_sql(struct yk_hub_store *s, const char *sql)
{
    yk_hs_lock(s);
    bool ok = yk_hs_begin(s) && yk_hs_exec(s, sql) && yk_hs_commit(s);
    yk_hs_end(s);
    return ok;
}

/* The content tables with a tombstone, and the key column of every content table. */
static const struct {
    const char *name, *key;
    bool tombstone;
} content_tables[] = {
    {"stations", "id", true},
    {"blocks", "id", true},
    {"service_lines", "id", true},
    {"services", "id", true},
    {"media", "hash", false},
    {"sites", "id", true},
    {"events", "id", true},
    {"walkin_kinds", "id", true},
    {"volunteers", "id", true},
    {"kiosk_keys", "key_id", true},
    {"revocations", "ticket_code", true},
};
#define N_CONTENT (sizeof content_tables / sizeof content_tables[0])

static int content_index(const char *table)
{
    for (size_t i = 0; i < N_CONTENT; i++)
        if (strcmp(content_tables[i].name, table) == 0)
            return (int)i;
    return -1;
}

enum yk_hub_rc yk_hub_tombstone(struct yk_hub_store *s, const char *table, const char *id)
{
    int t = content_index(table);
    if (t < 0 || !content_tables[t].tombstone)
        return YK_HUB_INVALID;
    char sql[160];
    /* Names come from the table above, never from the caller. */
    snprintf(sql, sizeof sql, "UPDATE %s SET deleted = 1 WHERE %s = ? AND deleted = 0",
             content_tables[t].name, content_tables[t].key);
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (st) {
        yk_hs_bind_str(st, 1, id);
        if (yk_hs_run(s, st))
            rc = sqlite3_changes(s->db) ? YK_HUB_OK : YK_HUB_NOT_FOUND;
    }
    yk_hs_unlock(s);
    return rc;
}

enum yk_hub_rc yk_hub_media_add(struct yk_hub_store *s, const void *bytes, size_t len,
                                const char *mime, char hash_hex_out[65])
{
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, bytes, len);
    yk_hs_hex(h, sizeof h, hash_hex_out);
    if (!mime || !*mime || strlen(mime) > 63)
        return YK_HUB_INVALID;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st =
        yk_hs_prep(s, "INSERT OR IGNORE INTO media (hash, mime, bytes) VALUES (?, ?, ?)");
    if (st) {
        yk_hs_bind_str(st, 1, hash_hex_out);
        yk_hs_bind_str(st, 2, mime);
        sqlite3_bind_blob(st, 3, bytes, (int)len, SQLITE_STATIC);
        if (yk_hs_run(s, st))
            rc = YK_HUB_OK;
    }
    yk_hs_unlock(s);
    return rc;
}

int64_t yk_hub_count(struct yk_hub_store *s, const char *table)
{
    static const char *const ok[] = {"signups",   "checkins",     "walkins", "duty_log",
                                     "audit_log", "push_rejects", "changes", "kiosks"};
    bool known = false;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        known = known || strcmp(ok[i], table) == 0;
    if (!known)
        return -1;
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    yk_hs_lock(s);
    bool good = true;
    int64_t n = yk_hs_query_int(s, sql, NULL, NULL, -1, &good);
    yk_hs_unlock(s);
    return good ? n : -1;
}
