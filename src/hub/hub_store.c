#include "hub/hub_store.h"
#include "hub/hub_store_db.h"

#include "core/embed.h"
#include "core/log.h"
#include "core/ticket.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATION_DIR "hub/"
#define MAX_MIGRATIONS 64

/* Pushes that arrive while others are being stored share one commit (group commit): each
 * push runs in a savepoint of an open transaction; the last of a run of pushes (no other
 * push waiting for the lock, or GROUP_MAX of them) commits it, with its one fsync, and tells
 * the others how it went; they answer only then. Any other call commits an open group
 * first, so it always works outside one. */
#define GROUP_MAX 64

struct yk_hub_store {
    sqlite3 *db;
    pthread_mutex_t lock;
    pthread_cond_t committed; /* a group's commit is done: group_gen moved on */
    atomic_int arriving;      /* pushes on their way to the lock */
    bool group_open;          /* a group transaction is open */
    unsigned long group_gen;  /* the open (or next) group's number */
    int group_n;              /* pushes of the open group waiting for its commit */
    bool *group_result[GROUP_MAX]; /* where to write the commit's outcome for each */
    unsigned long pushes;          /* pushes stored (for yk_hub_push_stats) */
};

/* Helpers ------------------------------------------------------------------------------------ */

static sqlite3_stmt *prep(struct yk_hub_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        yk_error("hub-store", "prepare: %s (%.60s)", sqlite3_errmsg(s->db), sql);
        return NULL;
    }
    return st;
}

static bool exec(struct yk_hub_store *s, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        yk_error("hub-store", "%s (%.60s)", err ? err : sqlite3_errmsg(s->db), sql);
        sqlite3_free(err);
        return false;
    }
    return true;
}

static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static bool begin(struct yk_hub_store *s) { return exec(s, "BEGIN IMMEDIATE"); }
static bool commit(struct yk_hub_store *s)
{
    if (exec(s, "COMMIT"))
        return true;
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK");
    return false;
}

/* Commits the open group (under the lock) and wakes its pushes with the outcome. */
static bool group_commit(struct yk_hub_store *s)
{
    if (!s->group_open)
        return true;
    bool ok = commit(s);
    for (int i = 0; i < s->group_n; i++)
        *s->group_result[i] = ok;
    s->group_n = 0;
    s->group_open = false;
    s->group_gen++;
    pthread_cond_broadcast(&s->committed);
    return ok;
}

/* Takes the store for one call, outside any group transaction. */
static void lock(struct yk_hub_store *s)
{
    pthread_mutex_lock(&s->lock);
    group_commit(s);
}
static void unlock(struct yk_hub_store *s) { pthread_mutex_unlock(&s->lock); }

sqlite3 *yk_hub_store_acquire(struct yk_hub_store *s)
{
    lock(s);
    return s->db;
}
void yk_hub_store_release(struct yk_hub_store *s) { unlock(s); }
static void rollback(struct yk_hub_store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        exec(s, "ROLLBACK");
}

static void to_hex(const uint8_t *b, size_t n, char *out)
{
    static const char hx[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hx[b[i] >> 4];
        out[2 * i + 1] = hx[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* hex BLAKE2b-256 of s: tokens and setup codes are stored only as this. */
static void hash_hex(const char *s, char out[65])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
    to_hex(h, sizeof h, out);
}

/* A single integer from sql with up to two text parameters; def when no row or NULL. */
static int64_t query_int(struct yk_hub_store *s, const char *sql, const char *a, const char *b,
                         int64_t def, bool *ok)
{
    sqlite3_stmt *st = prep(s, sql);
    if (!st) {
        if (ok)
            *ok = false;
        return def;
    }
    if (a)
        bind_str(st, 1, a);
    if (b)
        bind_str(st, 2, b);
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
static bool run(struct yk_hub_store *s, sqlite3_stmt *st)
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

struct migration {
    int version;
    const char *name, *sql;
};

static int cmp_migration(const void *a, const void *b)
{
    const struct migration *x = a, *y = b;
    return (x->version > y->version) - (x->version < y->version);
}

static bool migrate(struct yk_hub_store *s)
{
    struct migration m[MAX_MIGRATIONS];
    int n = 0;
    size_t dl = strlen(MIGRATION_DIR);
    for (const struct yk_embedded *e = yk_embed_db; e->name; e++) {
        if (strncmp(e->name, MIGRATION_DIR, dl) != 0)
            continue;
        char *end = NULL;
        long v = strtol(e->name + dl, &end, 10);
        if (end != e->name + dl + 4 || *end != '_' || v < 1 || n == MAX_MIGRATIONS) {
            yk_error("hub-store", "migration %s: name must be hub/NNNN_name.sql", e->name);
            return false;
        }
        m[n++] = (struct migration){(int)v, e->name, (const char *)e->data};
    }
    qsort(m, (size_t)n, sizeof *m, cmp_migration);
    int have = (int)query_int(s, "PRAGMA user_version", NULL, NULL, 0, NULL);
    if (have > n) {
        yk_error("hub-store", "database version %d is newer than this hub (%d)", have, n);
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (m[i].version != i + 1) {
            yk_error("hub-store", "migration %s: expected number %04d", m[i].name, i + 1);
            return false;
        }
        if (m[i].version <= have)
            continue;
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m[i].version);
        if (!begin(s) || !exec(s, m[i].sql) || !exec(s, pragma) || !commit(s)) {
            rollback(s);
            yk_error("hub-store", "migration %s failed", m[i].name);
            return false;
        }
        yk_info("hub-store", "applied %s", m[i].name);
    }
    return true;
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
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                           SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK) {
        yk_error("hub-store", "open: %s", s->db ? sqlite3_errmsg(s->db) : "out of memory");
        yk_hub_store_close(s);
        return NULL;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* synchronous=FULL: a record the hub has answered "accepted" for survives a power cut
     * (the kiosk then drops its retry). */
    if (!exec(s, "PRAGMA journal_mode=WAL") || !exec(s, "PRAGMA synchronous=FULL") ||
        !exec(s, "PRAGMA foreign_keys=ON") || !migrate(s)) {
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
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->committed);
    free(s);
}

/* Operator commands ------------------------------------------------------------------------ */

static bool station_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > YK_HUB_STATION_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
            return false;
    return true;
}

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* Setup codes are typed: case, hyphens and spaces ignored, I/L read as 1 and O as 0. */
static bool normalize_code(const char *in, char out[YK_HUB_SETUP_CODE_LEN + 1])
{
    size_t n = 0;
    for (; in && *in; in++) {
        char c = *in;
        if (c == '-' || c == ' ')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == 'I' || c == 'L')
            c = '1';
        if (c == 'O')
            c = '0';
        if (!strchr(crockford, c) || c == '\0' || n == YK_HUB_SETUP_CODE_LEN)
            return false;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == YK_HUB_SETUP_CODE_LEN;
}

enum yk_hub_rc yk_hub_kiosk_add(struct yk_hub_store *s, const char *station_id, int64_t now,
                                int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1])
{
    code[0] = '\0';
    if (!station_valid(station_id) || ttl_s <= 0) {
        yk_error("hub-store", "station id must be 1..63 of a-z 0-9 -");
        return YK_HUB_INVALID;
    }
    uint8_t r[10];
    randombytes_buf(r, sizeof r);
    /* 80 bits as 16 base32 symbols, 5 bits each. */
    for (int i = 0; i < YK_HUB_SETUP_CODE_LEN; i++) {
        int bit = i * 5, v = 0;
        for (int k = 0; k < 5; k++, bit++)
            v = (v << 1) | ((r[bit / 8] >> (7 - bit % 8)) & 1);
        code[i] = crockford[v];
    }
    code[YK_HUB_SETUP_CODE_LEN] = '\0';
    char h[65];
    hash_hex(code, h);
    lock(s);
    sqlite3_stmt *st = prep(s, "INSERT INTO setup_codes (code_hash, station_id, created_utc, "
                               "expires_utc) VALUES (?, ?, ?, ?)");
    bool ok = false;
    if (st) {
        bind_str(st, 1, h);
        bind_str(st, 2, station_id);
        sqlite3_bind_int64(st, 3, now);
        sqlite3_bind_int64(st, 4, now + ttl_s);
        ok = run(s, st);
    }
    unlock(s);
    if (!ok)
        code[0] = '\0';
    return ok ? YK_HUB_OK : YK_HUB_ERROR;
}

enum yk_hub_rc yk_hub_kiosk_revoke(struct yk_hub_store *s, const char *kiosk_id, int64_t now)
{
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!begin(s))
        goto out;
    sqlite3_stmt *st = prep(s, "UPDATE kiosks SET revoked_utc = coalesce(revoked_utc, ?) "
                               "WHERE id = ?");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    bind_str(st, 2, kiosk_id);
    if (!run(s, st))
        goto out;
    if (sqlite3_changes(s->db) == 0) {
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    st = prep(s, "UPDATE kiosk_keys SET revoked_utc = ? WHERE kiosk_id = ? AND revoked_utc IS NULL");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    bind_str(st, 2, kiosk_id);
    if (!run(s, st) || !commit(s))
        goto out;
    rc = YK_HUB_OK;
out:
    rollback(s);
    unlock(s);
    return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "-";
}

bool yk_hub_kiosks_list(struct yk_hub_store *s, FILE *out)
{
    lock(s);
    sqlite3_stmt *st = prep(s, "SELECT id, station_id, enrolled_utc, revoked_utc, version, "
                               "uptime_s, last_sync_utc, free_disk_bytes, seen_utc "
                               "FROM kiosks ORDER BY station_id, id");
    bool ok = st != NULL;
    if (st) {
        fprintf(out, "%-26s %-20s %-10s %-10s %-10s %-10s %-10s %-12s %s\n", "kiosk", "station",
                "enrolled", "revoked", "version", "uptime_s", "last_sync", "free_disk", "seen");
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            fprintf(out, "%-26s %-20s %-10s %-10s %-10s %-10s %-10s %-12s %s\n", col_text(st, 0),
                    col_text(st, 1), col_text(st, 2), col_text(st, 3), col_text(st, 4),
                    col_text(st, 5), col_text(st, 6), col_text(st, 7), col_text(st, 8));
        }
        ok = rc == SQLITE_DONE;
        sqlite3_finalize(st);
    }
    unlock(s);
    return ok;
}

bool yk_hub_load_sql(struct yk_hub_store *s, const char *sql)
{
    lock(s);
    bool ok = begin(s) && exec(s, sql) && commit(s);
    rollback(s);
    unlock(s);
    return ok;
}

/* The content tables with a tombstone, and the key column of every content table. */
static const struct {
    const char *name, *key;
    bool tombstone;
} content_tables[] = {
    {"stations", "id", true},      {"blocks", "id", true},       {"service_lines", "id", true},
    {"services", "id", true},      {"media", "hash", false},     {"sites", "id", true},
    {"events", "id", true},        {"walkin_kinds", "id", true}, {"volunteers", "id", true},
    {"kiosk_keys", "key_id", true}, {"revocations", "ticket_code", true},
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
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(s, sql);
    if (st) {
        bind_str(st, 1, id);
        if (run(s, st))
            rc = sqlite3_changes(s->db) ? YK_HUB_OK : YK_HUB_NOT_FOUND;
    }
    unlock(s);
    return rc;
}

enum yk_hub_rc yk_hub_media_add(struct yk_hub_store *s, const void *bytes, size_t len,
                                const char *mime, char hash_hex_out[65])
{
    uint8_t h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, bytes, len);
    to_hex(h, sizeof h, hash_hex_out);
    if (!mime || !*mime || strlen(mime) > 63)
        return YK_HUB_INVALID;
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(s, "INSERT OR IGNORE INTO media (hash, mime, bytes) VALUES (?, ?, ?)");
    if (st) {
        bind_str(st, 1, hash_hex_out);
        bind_str(st, 2, mime);
        sqlite3_bind_blob(st, 3, bytes, (int)len, SQLITE_STATIC);
        if (run(s, st))
            rc = YK_HUB_OK;
    }
    unlock(s);
    return rc;
}

/* Enrolment and auth ------------------------------------------------------------------------ */

enum yk_hub_rc yk_hub_enrol(struct yk_hub_store *s, const char *code, const char *kiosk_id,
                            const uint8_t public_key[32], int64_t now,
                            char token[YK_HUB_TOKEN_LEN + 1], char station_id[64])
{
    token[0] = station_id[0] = '\0';
    char norm[YK_HUB_SETUP_CODE_LEN + 1];
    if (!normalize_code(code, norm))
        return YK_HUB_NOT_FOUND;
    if (!kiosk_id || !yk_id_valid(kiosk_id))
        return YK_HUB_INVALID;
    char code_hash[65], tok_hash[65], key_hex[2 * YK_TICKET_KEY_ID_LEN + 1];
    hash_hex(norm, code_hash);
    uint8_t raw[32], kid[YK_TICKET_KEY_ID_LEN];
    randombytes_buf(raw, sizeof raw);
    to_hex(raw, sizeof raw, token);
    hash_hex(token, tok_hash);
    yk_ticket_key_id(public_key, kid);
    to_hex(kid, sizeof kid, key_hex);

    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!begin(s))
        goto out;
    sqlite3_stmt *st = prep(s, "SELECT station_id, expires_utc, used_utc FROM setup_codes "
                               "WHERE code_hash = ?");
    if (!st)
        goto out;
    bind_str(st, 1, code_hash);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    snprintf(station_id, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    bool used = sqlite3_column_type(st, 2) != SQLITE_NULL || sqlite3_column_int64(st, 1) <= now;
    sqlite3_finalize(st);
    if (used) {
        rc = YK_HUB_USED;
        goto out;
    }
    bool ok = true;
    if (query_int(s, "SELECT revoked_utc IS NOT NULL FROM kiosks WHERE id = ?", kiosk_id, NULL,
                  0, &ok)) {
        rc = YK_HUB_REVOKED;
        goto out;
    }
    /* The key must not already belong to another kiosk. */
    sqlite3_stmt *k = prep(s, "SELECT kiosk_id FROM kiosk_keys WHERE key_id = ?");
    if (!k || !ok)
        goto out;
    bind_str(k, 1, key_hex);
    if (sqlite3_step(k) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(k, 0), kiosk_id) != 0) {
        sqlite3_finalize(k);
        rc = YK_HUB_INVALID;
        goto out;
    }
    sqlite3_finalize(k);
    st = prep(s, "UPDATE setup_codes SET used_utc = ?, kiosk_id = ? WHERE code_hash = ?");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    bind_str(st, 2, kiosk_id);
    bind_str(st, 3, code_hash);
    if (!run(s, st))
        goto out;
    st = prep(s, "INSERT INTO kiosks (id, station_id, token_hash, enrolled_utc) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, "
                 "token_hash = excluded.token_hash, enrolled_utc = excluded.enrolled_utc");
    if (!st)
        goto out;
    bind_str(st, 1, kiosk_id);
    bind_str(st, 2, station_id);
    bind_str(st, 3, tok_hash);
    sqlite3_bind_int64(st, 4, now);
    if (!run(s, st))
        goto out;
    st = prep(s, "INSERT INTO kiosk_keys (key_id, kiosk_id, public_key, valid_from_utc) "
                 "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING");
    if (!st)
        goto out;
    bind_str(st, 1, key_hex);
    bind_str(st, 2, kiosk_id);
    sqlite3_bind_blob(st, 3, public_key, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    if (!run(s, st) || !commit(s))
        goto out;
    rc = YK_HUB_OK;
out:
    rollback(s);
    unlock(s);
    if (rc != YK_HUB_OK) {
        sodium_memzero(token, YK_HUB_TOKEN_LEN + 1);
        if (rc != YK_HUB_USED && rc != YK_HUB_REVOKED)
            station_id[0] = '\0';
    }
    return rc;
}

enum yk_hub_rc yk_hub_auth(struct yk_hub_store *s, const char *token,
                           char kiosk_id[YK_ID_LEN + 1])
{
    kiosk_id[0] = '\0';
    if (!token || strlen(token) != YK_HUB_TOKEN_LEN)
        return YK_HUB_NOT_FOUND;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return YK_HUB_NOT_FOUND;
    char h[65];
    hash_hex(token, h);
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(s, "SELECT id, revoked_utc FROM kiosks WHERE token_hash = ?");
    if (st) {
        bind_str(st, 1, h);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            snprintf(kiosk_id, YK_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(st, 0));
            rc = sqlite3_column_type(st, 1) == SQLITE_NULL ? YK_HUB_OK : YK_HUB_REVOKED;
        } else if (r == SQLITE_DONE) {
            rc = YK_HUB_NOT_FOUND;
        }
        sqlite3_finalize(st);
    }
    unlock(s);
    return rc;
}

/* Records ------------------------------------------------------------------------------------ */

static const char *const kind_table[] = {"signups", "checkins", "walkins", "duty_log",
                                         "audit_log"};

static void reject(struct yk_hub_outcome *o, const char *why)
{
    o->result = YK_HUB_REJECTED;
    snprintf(o->reason, sizeof o->reason, "%s", why);
}

/* Seats of an event: capacity (-1: none), seats allotted, seats confirmed from the pool. */
struct seats {
    int64_t capacity, allotted, pool_used, confirmed;
    bool exists, deleted;
};

static bool event_seats(struct yk_hub_store *s, const char *event_id, struct seats *x)
{
    memset(x, 0, sizeof *x);
    sqlite3_stmt *st = prep(s, "SELECT coalesce(capacity, -1), deleted FROM events WHERE id = ?");
    if (!st)
        return false;
    bind_str(st, 1, event_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        x->exists = true;
        x->capacity = sqlite3_column_int64(st, 0);
        x->deleted = sqlite3_column_int(st, 1) != 0;
    }
    sqlite3_finalize(st);
    if (!x->exists)
        return true;
    bool ok = true;
    x->allotted = query_int(s, "SELECT sum(seats) FROM allotments WHERE event_id = ?", event_id,
                            NULL, 0, &ok);
    x->pool_used = query_int(s, "SELECT sum(party_size) FROM signups WHERE event_id = ? AND "
                                "status = 'confirmed' AND from_allotment = 0",
                             event_id, NULL, 0, &ok);
    x->confirmed = query_int(s, "SELECT sum(party_size) FROM signups WHERE event_id = ? AND "
                                "status = 'confirmed'",
                             event_id, NULL, 0, &ok);
    return ok;
}

static int64_t pool_free(const struct seats *x)
{
    return x->capacity - x->allotted - x->pool_used;
}

/* Confirms waitlisted sign-ups of the event in id order (= sign-up order: ids are ULIDs)
 * while seats remain in the common pool; one that does not fit waits and a smaller one after
 * it may still fit. */
static bool settle(struct yk_hub_store *s, const char *event_id, int64_t now)
{
    struct seats x;
    if (!event_seats(s, event_id, &x))
        return false;
    if (!x.exists || x.deleted || x.capacity < 0)
        return true;
    int64_t free_seats = pool_free(&x);
    if (free_seats <= 0)
        return true;
    sqlite3_stmt *st = prep(s, "SELECT id, party_size FROM signups WHERE event_id = ? AND "
                               "status = 'waitlist' ORDER BY id");
    sqlite3_stmt *up = prep(s, "UPDATE signups SET status = 'confirmed', from_allotment = 0, "
                               "updated_utc = ? WHERE id = ?");
    bool ok = st && up;
    if (ok) {
        bind_str(st, 1, event_id);
        while (free_seats > 0 && sqlite3_step(st) == SQLITE_ROW) {
            int64_t party = sqlite3_column_int64(st, 1);
            if (party > free_seats)
                continue;
            sqlite3_bind_int64(up, 1, now);
            sqlite3_bind_text(up, 2, (const char *)sqlite3_column_text(st, 0), -1,
                              SQLITE_TRANSIENT);
            if (sqlite3_step(up) != SQLITE_DONE) {
                yk_error("hub-store", "settle: %s", sqlite3_errmsg(s->db));
                ok = false;
                break;
            }
            sqlite3_reset(up);
            free_seats -= party;
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    return ok;
}

/* The kiosk that stored record id in table, "" if none. */
static bool owner_of(struct yk_hub_store *s, const char *table, const char *id, char out[64])
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT kiosk_id FROM %s WHERE id = ?", table);
    out[0] = '\0';
    sqlite3_stmt *st = prep(s, sql);
    if (!st)
        return false;
    bind_str(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static bool exists(struct yk_hub_store *s, const char *sql, const char *id)
{
    return query_int(s, sql, id, NULL, 0, NULL) != 0;
}

static bool revoke_ticket(struct yk_hub_store *s, const char *code, const char *event_id,
                          int64_t now)
{
    if (!code)
        return true;
    sqlite3_stmt *st = prep(s, "INSERT INTO revocations (ticket_code, event_id, revoked_utc) "
                               "VALUES (?, ?, ?) ON CONFLICT (ticket_code) DO NOTHING");
    if (!st)
        return false;
    bind_str(st, 1, code);
    bind_str(st, 2, event_id);
    sqlite3_bind_int64(st, 3, now);
    return run(s, st);
}

/* A sign-up: *dirty set when its event needs settling. Returns false on a database error. */
static bool push_signup(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                        struct yk_hub_outcome *o, int64_t now, bool *dirty)
{
    char owner[64];
    if (!owner_of(s, "signups", r->id, owner))
        return false;
    const char *st_in = r->status ? r->status : "pending";
    if (owner[0]) {
        if (strcmp(owner, kiosk) != 0) {
            reject(o, "id-conflict");
            return true;
        }
        /* Known: only a cancellation, a phone purge or the first ticket of a confirmed
         * sign-up changes it. */
        o->result = YK_HUB_DUPLICATE;
        sqlite3_stmt *q = prep(s, "SELECT status, phone IS NOT NULL, ticket_code, event_id "
                                  "FROM signups WHERE id = ?");
        if (!q)
            return false;
        bind_str(q, 1, r->id);
        if (sqlite3_step(q) != SQLITE_ROW) {
            sqlite3_finalize(q);
            return false;
        }
        const char *stored = (const char *)sqlite3_column_text(q, 0);
        bool was_cancelled = strcmp(stored, "cancelled") == 0;
        bool was_confirmed = strcmp(stored, "confirmed") == 0;
        bool has_phone = sqlite3_column_int(q, 1) != 0;
        char code[256] = "", event[128] = "";
        if (sqlite3_column_type(q, 2) != SQLITE_NULL)
            snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(q, 2));
        snprintf(event, sizeof event, "%s", (const char *)sqlite3_column_text(q, 3));
        sqlite3_finalize(q);
        if (strcmp(st_in, "cancelled") == 0 && !was_cancelled) {
            sqlite3_stmt *u = prep(s, "UPDATE signups SET status = 'cancelled', updated_utc = ? "
                                      "WHERE id = ?");
            if (!u)
                return false;
            sqlite3_bind_int64(u, 1, now);
            bind_str(u, 2, r->id);
            if (!run(s, u) || !revoke_ticket(s, code[0] ? code : NULL, event, now))
                return false;
            o->result = YK_HUB_ACCEPTED;
            *dirty = true;
        }
        if (r->ticket_code && !code[0] && strcmp(st_in, "confirmed") == 0 && was_confirmed) {
            /* The kiosk signed the ticket of a sign-up the hub confirmed from its pool (the
             * hub had none): stored. An existing ticket is never changed. */
            if (exists(s, "SELECT count(*) FROM signups WHERE ticket_code = ?", r->ticket_code)) {
                reject(o, "ticket-conflict");
                return true;
            }
            sqlite3_stmt *u = prep(s, "UPDATE signups SET ticket_code = ?, ticket_serial = ?, "
                                      "short_code = ?, updated_utc = ? "
                                      "WHERE id = ? AND ticket_code IS NULL");
            if (!u)
                return false;
            bind_str(u, 1, r->ticket_code);
            if (r->ticket_serial > 0)
                sqlite3_bind_int64(u, 2, r->ticket_serial);
            bind_str(u, 3, r->short_code);
            sqlite3_bind_int64(u, 4, r->updated_utc > 0 ? r->updated_utc : now);
            bind_str(u, 5, r->id);
            if (!run(s, u))
                return false;
            o->result = YK_HUB_ACCEPTED;
        }
        if (!r->phone && has_phone) {
            sqlite3_stmt *u = prep(s, "UPDATE signups SET phone = NULL WHERE id = ?");
            if (!u)
                return false;
            bind_str(u, 1, r->id);
            if (!run(s, u))
                return false;
            o->result = YK_HUB_ACCEPTED;
        }
        return true;
    }
    if (!r->event_id) {
        reject(o, "missing-event");
        return true;
    }
    struct seats x;
    if (!event_seats(s, r->event_id, &x))
        return false;
    if (!x.exists) {
        reject(o, "unknown-event");
        return true;
    }
    if (r->party_size < 1) {
        reject(o, "bad-party-size");
        return true;
    }
    const char *status;
    bool from_allot = false;
    if (strcmp(st_in, "cancelled") == 0) {
        status = "cancelled";
    } else if (strcmp(st_in, "confirmed") == 0 || strcmp(st_in, "pending") == 0 ||
               strcmp(st_in, "waitlist") == 0) {
        if (strcmp(st_in, "confirmed") != 0 && x.deleted) {
            reject(o, "event-closed");
            return true;
        }
        if (x.capacity < 0) {
            status = "confirmed"; /* no sign-up limit */
        } else if (strcmp(st_in, "confirmed") == 0) {
            /* Confirmed offline: it must fit in what this kiosk holds. */
            bool ok = true;
            int64_t held = query_int(s, "SELECT seats FROM allotments WHERE event_id = ? AND "
                                        "kiosk_id = ?", r->event_id, kiosk, 0, &ok);
            int64_t used = query_int(s, "SELECT sum(party_size) FROM signups WHERE kiosk_id = ? "
                                        "AND event_id = ? AND status = 'confirmed' AND "
                                        "from_allotment = 1", kiosk, r->event_id, 0, &ok);
            if (!ok)
                return false;
            if (used + r->party_size <= held) {
                status = "confirmed";
                from_allot = true;
            } else {
                status = "waitlist"; /* beyond its seats: the pool decides, in order */
                snprintf(o->reason, sizeof o->reason, "over-allotment");
                *dirty = true;
            }
        } else {
            status = "waitlist";
            *dirty = true;
        }
    } else {
        reject(o, "bad-status");
        return true;
    }
    if (r->ticket_code &&
        exists(s, "SELECT count(*) FROM signups WHERE ticket_code = ?", r->ticket_code)) {
        reject(o, "ticket-conflict");
        *dirty = false;
        return true;
    }
    sqlite3_stmt *in = prep(s, "INSERT INTO signups (id, event_id, kiosk_id, phone, phone_last4, "
                               "surname, title, party_size, status, from_allotment, ticket_code, "
                               "ticket_serial, short_code, created_utc, updated_utc, "
                               "received_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!in)
        return false;
    bind_str(in, 1, r->id);
    bind_str(in, 2, r->event_id);
    bind_str(in, 3, kiosk);
    bind_str(in, 4, r->phone);
    bind_str(in, 5, r->phone_last4);
    bind_str(in, 6, r->surname);
    bind_str(in, 7, r->title);
    sqlite3_bind_int64(in, 8, r->party_size);
    bind_str(in, 9, status);
    sqlite3_bind_int(in, 10, from_allot);
    bind_str(in, 11, r->ticket_code);
    if (r->ticket_serial > 0)
        sqlite3_bind_int64(in, 12, r->ticket_serial);
    bind_str(in, 13, r->short_code);
    sqlite3_bind_int64(in, 14, r->created_utc);
    sqlite3_bind_int64(in, 15, r->updated_utc ? r->updated_utc : r->created_utc);
    sqlite3_bind_int64(in, 16, now);
    if (!run(s, in)) {
        reject(o, "invalid");
        *dirty = false;
        return true;
    }
    if (strcmp(status, "cancelled") == 0 && !revoke_ticket(s, r->ticket_code, r->event_id, now))
        return false;
    o->result = YK_HUB_ACCEPTED;
    return true;
}

static bool push_other(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                       struct yk_hub_outcome *o, int64_t now)
{
    const char *table = kind_table[r->kind];
    char owner[64];
    if (!owner_of(s, table, r->id, owner))
        return false;
    if (owner[0] && strcmp(owner, kiosk) != 0) {
        reject(o, "id-conflict");
        return true;
    }
    if (owner[0]) {
        o->result = YK_HUB_DUPLICATE;
        if (r->kind == YK_HUB_DUTY && r->has_off) {
            /* The end of a duty arrives later, as a change of the same row. */
            sqlite3_stmt *u = prep(s, "UPDATE duty_log SET off_utc = ? WHERE id = ? AND "
                                      "off_utc IS NULL AND on_utc <= ?");
            if (!u)
                return false;
            sqlite3_bind_int64(u, 1, r->off_utc);
            bind_str(u, 2, r->id);
            sqlite3_bind_int64(u, 3, r->off_utc);
            if (!run(s, u))
                return false;
            if (sqlite3_changes(s->db))
                o->result = YK_HUB_ACCEPTED;
        }
        return true;
    }
    sqlite3_stmt *in = NULL;
    switch (r->kind) {
    case YK_HUB_CHECKIN:
        if (!r->event_id || !exists(s, "SELECT count(*) FROM events WHERE id = ?", r->event_id)) {
            reject(o, "unknown-event");
            return true;
        }
        if (!r->signup_id && !r->ticket_code) {
            reject(o, "missing-ticket");
            return true;
        }
        if (r->count < 1) {
            reject(o, "bad-count");
            return true;
        }
        in = prep(s, "INSERT INTO checkins (id, kiosk_id, signup_id, ticket_code, event_id, "
                     "count, volunteer_id, created_utc, received_utc, conflict) VALUES "
                     "(?1,?2,?3,?4,?5,?6,?7,?8,?9, EXISTS (SELECT 1 FROM checkins WHERE "
                     "kiosk_id <> ?2 AND (ticket_code = ?4 OR signup_id = ?3)))");
        if (!in)
            return false;
        bind_str(in, 1, r->id);
        bind_str(in, 2, kiosk);
        bind_str(in, 3, r->signup_id);
        bind_str(in, 4, r->ticket_code);
        bind_str(in, 5, r->event_id);
        sqlite3_bind_int64(in, 6, r->count);
        bind_str(in, 7, r->volunteer_id);
        sqlite3_bind_int64(in, 8, r->created_utc);
        sqlite3_bind_int64(in, 9, now);
        break;
    case YK_HUB_WALKIN:
        if (!r->kind_id ||
            !exists(s, "SELECT count(*) FROM walkin_kinds WHERE id = ?", r->kind_id)) {
            reject(o, "unknown-kind");
            return true;
        }
        if (r->delta != 1 && r->delta != -1) {
            reject(o, "bad-delta");
            return true;
        }
        in = prep(s, "INSERT INTO walkins (id, kiosk_id, kind_id, delta, created_utc, "
                     "received_utc) VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        bind_str(in, 1, r->id);
        bind_str(in, 2, kiosk);
        bind_str(in, 3, r->kind_id);
        sqlite3_bind_int64(in, 4, r->delta);
        sqlite3_bind_int64(in, 5, r->created_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_DUTY:
        if (!r->volunteer_id ||
            !exists(s, "SELECT count(*) FROM volunteers WHERE id = ?", r->volunteer_id)) {
            reject(o, "unknown-volunteer");
            return true;
        }
        if (r->has_off && r->off_utc < r->on_utc) {
            reject(o, "bad-times");
            return true;
        }
        in = prep(s, "INSERT INTO duty_log (id, kiosk_id, volunteer_id, on_utc, off_utc, "
                     "received_utc) VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        bind_str(in, 1, r->id);
        bind_str(in, 2, kiosk);
        bind_str(in, 3, r->volunteer_id);
        sqlite3_bind_int64(in, 4, r->on_utc);
        if (r->has_off)
            sqlite3_bind_int64(in, 5, r->off_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_AUDIT:
        if (!r->what || !*r->what) {
            reject(o, "missing-what");
            return true;
        }
        in = prep(s, "INSERT INTO audit_log (id, kiosk_id, what, ref, created_utc, received_utc) "
                     "VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        bind_str(in, 1, r->id);
        bind_str(in, 2, kiosk);
        bind_str(in, 3, r->what);
        bind_str(in, 4, r->ref);
        sqlite3_bind_int64(in, 5, r->created_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_SIGNUP:
        return false;
    }
    if (!run(s, in)) {
        reject(o, "invalid");
        return true;
    }
    o->result = YK_HUB_ACCEPTED;
    return true;
}

static bool note_reject(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                        const struct yk_hub_outcome *o, int64_t now)
{
    sqlite3_stmt *st = prep(s, "INSERT INTO push_rejects (kiosk_id, kind, item_id, reason, "
                               "received_utc) VALUES (?,?,?,?,?)");
    if (!st)
        return false;
    bind_str(st, 1, kiosk);
    bind_str(st, 2, kind_table[r->kind]);
    bind_str(st, 3, r->id);
    bind_str(st, 4, o->reason);
    sqlite3_bind_int64(st, 5, now);
    return run(s, st);
}

/* Processing order: sign-ups first, in id order (= sign-up order), then the rest as sent. */
struct order {
    const struct yk_hub_record *r;
    size_t i;
};

static int cmp_order(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    bool sx = x->r->kind == YK_HUB_SIGNUP, sy = y->r->kind == YK_HUB_SIGNUP;
    if (sx != sy)
        return sx ? -1 : 1;
    if (sx) {
        int c = strcmp(x->r->id ? x->r->id : "", y->r->id ? y->r->id : "");
        if (c)
            return c;
    }
    return (x->i > y->i) - (x->i < y->i);
}

/* The body of yk_hub_push, inside the caller's transaction. */
static bool push_locked(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                        size_t n, struct yk_hub_outcome *out, int64_t now)
{
    struct order *ord = calloc(n ? n : 1, sizeof *ord);
    char(*dirty)[128] = calloc(n ? n : 1, sizeof *dirty);
    size_t ndirty = 0;
    bool ok = ord && dirty;
    for (size_t i = 0; ok && i < n; i++)
        ord[i] = (struct order){&r[i], i};
    if (ok)
        qsort(ord, n, sizeof *ord, cmp_order);
    for (size_t k = 0; ok && k < n; k++) {
        const struct yk_hub_record *x = ord[k].r;
        struct yk_hub_outcome *o = &out[ord[k].i];
        memset(o, 0, sizeof *o);
        if (!x->kiosk_id || strcmp(x->kiosk_id, kiosk) != 0)
            reject(o, "wrong-kiosk");
        else if (!x->id || !yk_id_valid(x->id))
            reject(o, "bad-id");
        else if (!exec(s, "SAVEPOINT item"))
            ok = false;
        else {
            bool d = false;
            ok = x->kind == YK_HUB_SIGNUP ? push_signup(s, kiosk, x, o, now, &d)
                                          : push_other(s, kiosk, x, o, now);
            if (ok && o->result == YK_HUB_REJECTED)
                ok = exec(s, "ROLLBACK TO item");
            ok = ok && exec(s, "RELEASE item");
            if (ok && d && x->event_id && strlen(x->event_id) < sizeof dirty[0]) {
                bool seen = false;
                for (size_t j = 0; j < ndirty; j++)
                    seen = seen || strcmp(dirty[j], x->event_id) == 0;
                if (!seen)
                    snprintf(dirty[ndirty++], sizeof dirty[0], "%s", x->event_id);
            }
        }
        if (ok && o->result == YK_HUB_REJECTED)
            ok = note_reject(s, kiosk, x, o, now);
    }
    for (size_t j = 0; ok && j < ndirty; j++)
        ok = settle(s, dirty[j], now);
    /* The decisions, after settling. */
    for (size_t i = 0; ok && i < n; i++) {
        if (r[i].kind != YK_HUB_SIGNUP || out[i].result == YK_HUB_REJECTED)
            continue;
        sqlite3_stmt *q = prep(s, "SELECT status FROM signups WHERE id = ?");
        ok = q != NULL;
        if (ok) {
            bind_str(q, 1, r[i].id);
            if (sqlite3_step(q) == SQLITE_ROW)
                snprintf(out[i].status, sizeof out[i].status, "%s", sqlite3_column_text(q, 0));
            sqlite3_finalize(q);
        }
    }
    free(ord);
    free(dirty);
    return ok;
}

bool yk_hub_push(struct yk_hub_store *s, const char *auth_kiosk, const struct yk_hub_record *r,
                 size_t n, struct yk_hub_outcome *out, int64_t now)
{
    atomic_fetch_add(&s->arriving, 1);
    pthread_mutex_lock(&s->lock);
    atomic_fetch_sub(&s->arriving, 1);
    bool ok = s->group_open || begin(s);
    if (ok && !s->group_open) {
        s->group_open = true;
        s->group_n = 0;
    }
    /* This push alone is undone if it fails; the group's others stay. */
    ok = ok && exec(s, "SAVEPOINT push");
    if (ok && !push_locked(s, auth_kiosk, r, n, out, now)) {
        ok = false;
        if (!sqlite3_get_autocommit(s->db))
            exec(s, "ROLLBACK TO push");
    }
    if (!sqlite3_get_autocommit(s->db) && !exec(s, "RELEASE push"))
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
        bool committed = group_commit(s);
        result = ok && committed;
    }
    unlock(s);
    return result;
}

void yk_hub_push_stats(struct yk_hub_store *s, unsigned long *pushes, unsigned long *commits)
{
    pthread_mutex_lock(&s->lock);
    *pushes = s->pushes;
    *commits = s->group_gen;
    pthread_mutex_unlock(&s->lock);
}

bool yk_hub_signup_online(struct yk_hub_store *s, const char *auth_kiosk,
                          const struct yk_hub_record *r, bool waitlist_ok,
                          struct yk_hub_outcome *out, int64_t now)
{
    struct yk_hub_record one = *r;
    one.kind = YK_HUB_SIGNUP;
    one.status = "pending";
    lock(s);
    char owner[64] = "";
    bool ok = begin(s) && owner_of(s, "signups", one.id ? one.id : "", owner) &&
              push_locked(s, auth_kiosk, &one, 1, out, now);
    if (ok && !owner[0] && out->result == YK_HUB_ACCEPTED && strcmp(out->status, "waitlist") == 0 &&
        !waitlist_ok) {
        rollback(s);
        snprintf(out->status, sizeof out->status, "full");
    } else {
        ok = ok && commit(s);
    }
    rollback(s);
    unlock(s);
    return ok;
}

enum yk_hub_rc yk_hub_seats(struct yk_hub_store *s, const char *kiosk_id, const char *event_id,
                            int64_t want, int64_t now, int64_t *held, int64_t *used,
                            int64_t *pool)
{
    *held = *used = *pool = 0;
    if (want < 0)
        return YK_HUB_INVALID;
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    struct seats x;
    bool ok = true;
    if (!begin(s) || !event_seats(s, event_id, &x))
        goto out;
    if (!x.exists || x.deleted) {
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    if (x.capacity < 0) {
        rc = YK_HUB_INVALID;
        goto out;
    }
    int64_t have = query_int(s, "SELECT seats FROM allotments WHERE event_id = ? AND kiosk_id = ?",
                             event_id, kiosk_id, 0, &ok);
    *used = query_int(s, "SELECT sum(party_size) FROM signups WHERE kiosk_id = ? AND event_id = ? "
                         "AND status = 'confirmed' AND from_allotment = 1",
                      kiosk_id, event_id, 0, &ok);
    if (!ok)
        goto out;
    int64_t give = want;
    if (give > have + pool_free(&x))
        give = have + pool_free(&x);
    if (give < *used)
        give = *used;
    if (give != have) {
        sqlite3_stmt *st = prep(s, "INSERT INTO allotments (event_id, kiosk_id, seats, updated_utc) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (event_id, kiosk_id) DO "
                                   "UPDATE SET seats = excluded.seats, updated_utc = "
                                   "excluded.updated_utc");
        if (!st)
            goto out;
        bind_str(st, 1, event_id);
        bind_str(st, 2, kiosk_id);
        sqlite3_bind_int64(st, 3, give);
        sqlite3_bind_int64(st, 4, now);
        if (!run(s, st))
            goto out;
        /* Seats given back may let the waitlist in. */
        if (give < have && !settle(s, event_id, now))
            goto out;
    }
    if (!event_seats(s, event_id, &x) || !commit(s))
        goto out;
    *held = give;
    *pool = pool_free(&x);
    rc = YK_HUB_OK;
out:
    rollback(s);
    unlock(s);
    return rc;
}

enum yk_hub_rc yk_hub_event_seats(struct yk_hub_store *s, const char *event_id,
                                  int64_t *capacity, int64_t *confirmed, int64_t *allotted)
{
    lock(s);
    struct seats x;
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (event_seats(s, event_id, &x))
        rc = x.exists ? YK_HUB_OK : YK_HUB_NOT_FOUND;
    unlock(s);
    *capacity = x.capacity < 0 ? 0 : x.capacity;
    *confirmed = x.confirmed;
    *allotted = x.allotted;
    return rc;
}

int64_t yk_hub_count(struct yk_hub_store *s, const char *table)
{
    static const char *const ok[] = {"signups", "checkins", "walkins", "duty_log",
                                     "audit_log", "push_rejects", "changes", "kiosks"};
    bool known = false;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        known = known || strcmp(ok[i], table) == 0;
    if (!known)
        return -1;
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    lock(s);
    bool good = true;
    int64_t n = query_int(s, sql, NULL, NULL, -1, &good);
    unlock(s);
    return good ? n : -1;
}

/* Content down ------------------------------------------------------------------------------ */

/* Writes the current columns of one row as a JSON object: TEXT as strings, INTEGER as
 * numbers, NULL as null, BLOB (public keys) as lowercase hex; rev is the change's seq. */
static void write_row(sqlite3_stmt *st, struct yk_jw *w, int64_t seq, int64_t seats_held)
{
    yk_jw_obj_begin(w);
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; i++) {
        const char *name = sqlite3_column_name(st, i);
        yk_jw_key(w, name);
        if (strcmp(name, "rev") == 0) {
            yk_jw_int(w, seq);
            continue;
        }
        if (seats_held >= 0 && strcmp(name, "seats_held") == 0) {
            yk_jw_int(w, seats_held);
            continue;
        }
        switch (sqlite3_column_type(st, i)) {
        case SQLITE_INTEGER:
            yk_jw_int(w, sqlite3_column_int64(st, i));
            break;
        case SQLITE_TEXT:
            yk_jw_strn(w, (const char *)sqlite3_column_text(st, i),
                       (size_t)sqlite3_column_bytes(st, i));
            break;
        case SQLITE_BLOB: {
            size_t len = (size_t)sqlite3_column_bytes(st, i);
            char *hex = malloc(2 * len + 1);
            if (hex) {
                to_hex(sqlite3_column_blob(st, i), len, hex);
                yk_jw_str(w, hex);
                free(hex);
            } else {
                yk_jw_null(w);
            }
            break;
        }
        default:
            yk_jw_null(w);
            break;
        }
    }
    yk_jw_obj_end(w);
}

/* The SELECT that gives a changed row as it goes down, per table of the change log. */
static const char *row_sql(const char *tbl)
{
    if (strcmp(tbl, "media") == 0)
        return "SELECT hash, mime, length(bytes) AS size, rev FROM media WHERE hash = ?";
    if (strcmp(tbl, "signups") == 0)
        return "SELECT id, event_id, status, ticket_code, updated_utc, 0 AS rev FROM signups "
               "WHERE id = ?";
    if (strcmp(tbl, "allotments") == 0)
        return "SELECT event_id, seats AS seats_held, 0 AS rev FROM allotments WHERE event_id = ? "
               "AND kiosk_id = ?2";
    static const char *const plain[] = {
        "SELECT * FROM stations WHERE id = ?",      "SELECT * FROM blocks WHERE id = ?",
        "SELECT * FROM service_lines WHERE id = ?", "SELECT * FROM services WHERE id = ?",
        "SELECT * FROM sites WHERE id = ?",         "SELECT * FROM events WHERE id = ?",
        "SELECT * FROM walkin_kinds WHERE id = ?",  "SELECT * FROM volunteers WHERE id = ?",
        "SELECT * FROM kiosk_keys WHERE key_id = ?",
        "SELECT * FROM revocations WHERE ticket_code = ?",
    };
    static const char *const names[] = {"stations", "blocks",  "service_lines", "services",
                                        "sites",    "events",  "walkin_kinds",  "volunteers",
                                        "kiosk_keys", "revocations"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(tbl, names[i]) == 0)
            return plain[i];
    return NULL;
}

bool yk_hub_changes(struct yk_hub_store *s, const char *kiosk_id, int64_t since, int limit,
                    struct yk_jw *w)
{
    lock(s);
    /* One read transaction: the page and the rows it names are one snapshot. */
    bool ok = exec(s, "BEGIN");
    sqlite3_stmt *st = ok ? prep(s, "SELECT seq, tbl, row_id FROM changes WHERE seq > ? AND "
                                    "audience IN ('', ?) ORDER BY seq LIMIT ?")
                          : NULL;
    ok = ok && st;
    int64_t cursor = since;
    int rows = 0;
    sqlite3_stmt *cache[16] = {0}, *allot = NULL;
    const char *cache_sql[16] = {0};
    int ncache = 0;
    if (ok) {
        sqlite3_bind_int64(st, 1, since);
        bind_str(st, 2, kiosk_id);
        sqlite3_bind_int(st, 3, limit);
        yk_jw_key(w, "changes");
        yk_jw_arr_begin(w);
        int rc = SQLITE_DONE;
        while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
            int64_t seq = sqlite3_column_int64(st, 0);
            const char *tbl = (const char *)sqlite3_column_text(st, 1);
            const char *id = (const char *)sqlite3_column_text(st, 2);
            cursor = seq;
            rows++;
            const char *sql = row_sql(tbl);
            if (!sql)
                continue; /* a table this hub no longer sends */
            /* One prepared statement per table for the whole page. */
            int c = 0;
            while (c < ncache && cache_sql[c] != sql)
                c++;
            if (c == ncache) {
                if (ncache == 16 || !(cache[c] = prep(s, sql))) {
                    ok = false;
                    break;
                }
                cache_sql[ncache++] = sql;
            }
            sqlite3_stmt *r = cache[c];
            sqlite3_reset(r);
            sqlite3_clear_bindings(r);
            bind_str(r, 1, id);
            if (sqlite3_bind_parameter_count(r) >= 2)
                bind_str(r, 2, kiosk_id);
            if (sqlite3_step(r) == SQLITE_ROW) {
                int64_t held = -1;
                if (strcmp(tbl, "events") == 0) {
                    if (!allot && !(allot = prep(s, "SELECT seats FROM allotments WHERE "
                                                     "event_id = ? AND kiosk_id = ?"))) {
                        ok = false;
                        break;
                    }
                    sqlite3_reset(allot);
                    bind_str(allot, 1, id);
                    bind_str(allot, 2, kiosk_id);
                    held = sqlite3_step(allot) == SQLITE_ROW ? sqlite3_column_int64(allot, 0) : 0;
                }
                yk_jw_obj_begin(w);
                yk_jw_kint(w, "seq", seq);
                yk_jw_kstr(w, "table", tbl);
                yk_jw_kstr(w, "id", id);
                yk_jw_key(w, "row");
                write_row(r, w, seq, held);
                yk_jw_obj_end(w);
            }
        }
        if (ok && rc != SQLITE_DONE && rc != SQLITE_ROW)
            ok = false;
        yk_jw_arr_end(w);
    }
    for (int c = 0; c < ncache; c++)
        sqlite3_finalize(cache[c]);
    sqlite3_finalize(allot);
    sqlite3_finalize(st);
    bool more = false;
    if (ok && rows == limit) {
        char c[24];
        snprintf(c, sizeof c, "%lld", (long long)cursor);
        more = query_int(s, "SELECT EXISTS (SELECT 1 FROM changes WHERE seq > ? AND "
                            "audience IN ('', ?))", c, kiosk_id, 0, &ok) != 0;
    }
    if (ok) {
        yk_jw_kint(w, "cursor", cursor);
        yk_jw_kbool(w, "more", more);
    }
    exec(s, "COMMIT");
    unlock(s);
    return ok;
}

enum yk_hub_rc yk_hub_media_get(struct yk_hub_store *s, const char *hash, void **bytes,
                                size_t *len, char mime[64])
{
    *bytes = NULL;
    *len = 0;
    mime[0] = '\0';
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(s, "SELECT mime, bytes FROM media WHERE hash = ?");
    if (st) {
        bind_str(st, 1, hash);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            snprintf(mime, 64, "%s", (const char *)sqlite3_column_text(st, 0));
            size_t n = (size_t)sqlite3_column_bytes(st, 1);
            *bytes = malloc(n ? n : 1);
            if (*bytes) {
                if (n)
                    memcpy(*bytes, sqlite3_column_blob(st, 1), n);
                *len = n;
                rc = YK_HUB_OK;
            }
        } else if (r == SQLITE_DONE) {
            rc = YK_HUB_NOT_FOUND;
        }
        sqlite3_finalize(st);
    }
    unlock(s);
    return rc;
}

bool yk_hub_heartbeat(struct yk_hub_store *s, const char *kiosk_id, const char *version,
                      int64_t uptime_s, int64_t last_sync_utc, int64_t free_disk_bytes,
                      int64_t now)
{
    lock(s);
    /* A heartbeat is worth no fsync of its own: in WAL mode it is then durable at the next
     * commit made with synchronous=FULL (a lost one costs nothing; the next comes soon). */
    exec(s, "PRAGMA synchronous=NORMAL");
    sqlite3_stmt *st = prep(s, "UPDATE kiosks SET version = ?, uptime_s = ?, last_sync_utc = ?, "
                               "free_disk_bytes = ?, seen_utc = ? WHERE id = ?");
    bool ok = false;
    if (st) {
        bind_str(st, 1, version);
        sqlite3_bind_int64(st, 2, uptime_s);
        if (last_sync_utc > 0)
            sqlite3_bind_int64(st, 3, last_sync_utc);
        sqlite3_bind_int64(st, 4, free_disk_bytes);
        sqlite3_bind_int64(st, 5, now);
        bind_str(st, 6, kiosk_id);
        ok = run(s, st);
    }
    exec(s, "PRAGMA synchronous=FULL");
    unlock(s);
    return ok;
}

/* Tickets ------------------------------------------------------------------------------------ */

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    snprintf(out, n, "%s", t ? t : "");
}

static bool event_info(struct yk_hub_store *s, sqlite3_stmt *st, int first,
                       struct yk_hub_ticket *t)
{
    (void)s;
    copy_col(st, first, t->event_title_zh, sizeof t->event_title_zh);
    copy_col(st, first + 1, t->event_title_en, sizeof t->event_title_en);
    copy_col(st, first + 2, t->place_zh, sizeof t->place_zh);
    copy_col(st, first + 3, t->place_en, sizeof t->place_en);
    t->starts_utc = sqlite3_column_int64(st, first + 4);
    t->ends_utc = sqlite3_column_int64(st, first + 5);
    return true;
}

/* A code no sign-up on the hub has: valid when a known key signed it (cutoff: revocation or
 * expiry); the event is found by its hash. */
static enum yk_hub_rc ticket_unsynced(struct yk_hub_store *s, const char *code,
                                      struct yk_hub_ticket *t)
{
    sqlite3_stmt *st = prep(s, "SELECT public_key, min(coalesce(revoked_utc, 9e18), "
                               "coalesce(valid_until_utc, 9e18)) FROM kiosk_keys "
                               "WHERE deleted = 0 AND length(public_key) = 32");
    if (!st)
        return YK_HUB_ERROR;
    struct yk_ticket_pubkey keys[256];
    size_t n = 0;
    while (n < 256 && sqlite3_step(st) == SQLITE_ROW) {
        memcpy(keys[n].public_key, sqlite3_column_blob(st, 0), 32);
        int64_t cut = sqlite3_column_int64(st, 1);
        keys[n].cutoff_utc = cut >= (int64_t)9e18 ? 0 : cut;
        n++;
    }
    sqlite3_finalize(st);
    struct yk_ticket tk;
    if (yk_ticket_verify(code, strlen(code), keys, n, &tk) != YK_TICKET_OK)
        return YK_HUB_NOT_FOUND;
    st = prep(s, "SELECT id, title_zh, title_en, place_zh, place_en, starts_utc, ends_utc "
                 "FROM events");
    if (!st)
        return YK_HUB_ERROR;
    enum yk_hub_rc rc = YK_HUB_NOT_FOUND;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (yk_ticket_event_matches(&tk, (const char *)sqlite3_column_text(st, 0))) {
            event_info(s, st, 1, t);
            snprintf(t->status, sizeof t->status, "unsynced");
            rc = YK_HUB_OK;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

enum yk_hub_rc yk_hub_ticket(struct yk_hub_store *s, const char *code, struct yk_hub_ticket *t)
{
    memset(t, 0, sizeof *t);
    if (!code || !*code || strlen(code) > 512)
        return YK_HUB_NOT_FOUND;
    lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(s, "SELECT s.status, s.party_size, s.surname, s.title, "
                               "coalesce(s.phone, s.phone_last4), e.title_zh, e.title_en, "
                               "e.place_zh, e.place_en, e.starts_utc, e.ends_utc "
                               "FROM signups s LEFT JOIN events e ON e.id = s.event_id "
                               "WHERE s.ticket_code = ?1 OR s.short_code = ?1");
    if (st) {
        bind_str(st, 1, code);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            copy_col(st, 0, t->status, sizeof t->status);
            t->party_size = sqlite3_column_int64(st, 1);
            copy_col(st, 2, t->surname, sizeof t->surname);
            copy_col(st, 3, t->title, sizeof t->title);
            /* Only the last four digits go up from kiosks: "****5678". */
            char phone[32];
            copy_col(st, 4, phone, sizeof phone);
            size_t pl = strlen(phone);
            bool digits = pl >= 4;
            for (size_t i = 0; i < pl; i++)
                digits = digits && phone[i] >= '0' && phone[i] <= '9';
            if (digits)
                snprintf(t->phone_masked, sizeof t->phone_masked, "****%s", phone + pl - 4);
            event_info(s, st, 5, t);
            t->synced = true;
            rc = YK_HUB_OK;
        } else if (r == SQLITE_DONE) {
            rc = ticket_unsynced(s, code, t);
        }
        sqlite3_finalize(st);
    }
    unlock(s);
    return rc;
}
