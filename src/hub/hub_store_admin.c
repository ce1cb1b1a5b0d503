#include "hub/hub_store_admin.h"

#include "core/json.h"
#include "core/log.h"
#include "core/volunteer.h"
#include "hub/hub_store_db.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Helpers ------------------------------------------------------------------------------------ */

static sqlite3_stmt *prep(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        yk_error("hub-admin", "prepare: %s (%.60s)", sqlite3_errmsg(db), sql);
        return NULL;
    }
    return st;
}

static bool exec(sqlite3 *db, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        yk_error("hub-admin", "%s (%.60s)", err ? err : sqlite3_errmsg(db), sql);
        sqlite3_free(err);
        return false;
    }
    return true;
}

static void bind_str(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* Runs st to its end and finalizes it. */
static bool run(sqlite3 *db, sqlite3_stmt *st)
{
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        yk_warn("hub-admin", "step: %s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW;
}

static bool finish(sqlite3 *db, bool ok)
{
    if (ok && exec(db, "COMMIT"))
        return true;
    if (!sqlite3_get_autocommit(db))
        exec(db, "ROLLBACK");
    return false;
}

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    snprintf(out, n, "%s", v ? v : "");
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

static void random_hex(char out[65])
{
    uint8_t b[32];
    randombytes_buf(b, sizeof b);
    to_hex(b, sizeof b, out);
    sodium_memzero(b, sizeof b);
}

/* The stored form of a session id. */
static void sid_hash(const char *sid, char out[65])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)sid, strlen(sid), NULL, 0);
    to_hex(h, sizeof h, out);
}

static const char *const content_tables[] = {"stations", "blocks", "service_lines", "services",
                                             "sites",    "events", "walkin_kinds",  "volunteers"};

static bool is_content(const char *t)
{
    for (size_t i = 0; i < sizeof content_tables / sizeof content_tables[0]; i++)
        if (t && strcmp(t, content_tables[i]) == 0)
            return true;
    return false;
}

/* A column name as the admin's code writes them: [a-z0-9_], 1..40. */
static bool col_ok(const char *c)
{
    size_t n = c ? strlen(c) : 0;
    if (n == 0 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '_'))
            return false;
    return true;
}

/* Row id of table as JSON (hashes shown as "***"), NULL when absent. Caller frees. */
static char *row_json(sqlite3 *db, const char *table, const char *id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", table);
    sqlite3_stmt *st = prep(db, sql);
    if (!st)
        return NULL;
    bind_str(st, 1, id);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        struct yk_jw w;
        yk_jw_init(&w, 1 << 20);
        yk_jw_obj_begin(&w);
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *name = sqlite3_column_name(st, i);
            yk_jw_key(&w, name);
            int t = sqlite3_column_type(st, i);
            if (strstr(name, "hash") && strcmp(name, "photo_hash") != 0 && t != SQLITE_NULL)
                yk_jw_str(&w, "***");
            else if (t == SQLITE_INTEGER)
                yk_jw_int(&w, sqlite3_column_int64(st, i));
            else if (t == SQLITE_NULL)
                yk_jw_null(&w);
            else
                yk_jw_strn(&w, (const char *)sqlite3_column_text(st, i),
                           (size_t)sqlite3_column_bytes(st, i));
        }
        yk_jw_obj_end(&w);
        size_t len;
        out = yk_jw_ok(&w) ? yk_jw_take(&w, &len) : NULL;
        yk_jw_destroy(&w);
    }
    sqlite3_finalize(st);
    return out;
}

static bool audit(sqlite3 *db, const char *actor, const char *action, const char *target,
                  const char *before, const char *after, int64_t now)
{
    sqlite3_stmt *st = prep(db, "INSERT INTO admin_audit (at_utc, user_name, action, target, "
                                "before, after) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, now);
    bind_str(st, 2, actor ? actor : "?");
    bind_str(st, 3, action);
    bind_str(st, 4, target);
    bind_str(st, 5, before);
    bind_str(st, 6, after);
    return run(db, st);
}

/* A small JSON object of an account for the audit log (never its hash). */
static char *user_json(const char *name, const char *role, const char *station, int active)
{
    struct yk_jw w;
    yk_jw_init(&w, 4096);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "name", name);
    yk_jw_kstr(&w, "role", role);
    if (station && *station)
        yk_jw_kstr(&w, "station_id", station);
    if (active >= 0)
        yk_jw_kbool(&w, "active", active != 0);
    yk_jw_obj_end(&w);
    size_t len;
    char *out = yk_jw_ok(&w) ? yk_jw_take(&w, &len) : NULL;
    yk_jw_destroy(&w);
    return out;
}

/* Accounts ------------------------------------------------------------------------------------ */

static void read_user(sqlite3_stmt *st, int first, struct yk_admin_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, first);
    copy_col(st, first + 1, u->name, sizeof u->name);
    copy_col(st, first + 2, u->role, sizeof u->role);
    copy_col(st, first + 3, u->station_id, sizeof u->station_id);
    u->active = sqlite3_column_int(st, first + 4) != 0;
}

#define USER_COLS "u.id, u.name, u.role, u.station_id, u.active"

enum yk_hub_rc yk_admin_user_add(struct yk_hub_store *s, const char *actor, const char *name,
                                 const char *role, const char *station_id, const char *pw_hash,
                                 int64_t now, char err[160])
{
    err[0] = '\0';
    bool staff = role && strcmp(role, "staff") == 0;
    if (!name || !*name || strlen(name) > YK_ADMIN_NAME_MAX || !pw_hash ||
        (!staff && (!role || strcmp(role, "admin") != 0))) {
        snprintf(err, 160,
                 "账号名须为 1–64 字节，角色为 admin 或 staff。 / A name of 1–64 bytes "
                 "and a role of admin or staff are needed.");
        return YK_HUB_INVALID;
    }
    sqlite3 *db = yk_hub_store_acquire(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!exec(db, "BEGIN IMMEDIATE"))
        goto out;
    if (staff) {
        sqlite3_stmt *st = prep(db, "SELECT 1 FROM stations WHERE id = ? AND deleted = 0");
        bind_str(st, 1, station_id);
        bool found = st && sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!found) {
            snprintf(err, 160, "没有这个站点。 / There is no such station.");
            finish(db, false);
            rc = YK_HUB_INVALID;
            goto out;
        }
    }
    sqlite3_stmt *st = prep(db, "INSERT INTO admin_users (name, role, station_id, pw_hash, "
                                "created_utc) VALUES (?, ?, ?, ?, ?)");
    if (!st) {
        finish(db, false);
        goto out;
    }
    bind_str(st, 1, name);
    bind_str(st, 2, role);
    bind_str(st, 3, staff ? station_id : NULL);
    bind_str(st, 4, pw_hash);
    sqlite3_bind_int64(st, 5, now);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r == SQLITE_CONSTRAINT) {
        snprintf(err, 160, "这个账号名已被使用。 / This name is taken.");
        finish(db, false);
        rc = YK_HUB_INVALID;
        goto out;
    }
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", name);
    char *after = user_json(name, role, staff ? station_id : NULL, 1);
    bool ok = r == SQLITE_DONE && after && audit(db, actor, "user.add", target, NULL, after, now);
    free(after);
    rc = finish(db, ok) ? YK_HUB_OK : YK_HUB_ERROR;
out:
    yk_hub_store_release(s);
    return rc;
}

enum yk_hub_rc yk_admin_user_find(struct yk_hub_store *s, const char *name, struct yk_admin_user *u,
                                  char pw_hash[YK_ADMIN_HASH_MAX])
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st =
        prep(db, "SELECT " USER_COLS ", u.pw_hash FROM admin_users u WHERE u.name = ?");
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        bind_str(st, 1, name);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            read_user(st, 0, u);
            copy_col(st, 5, pw_hash, YK_ADMIN_HASH_MAX);
            rc = YK_HUB_OK;
        } else if (r == SQLITE_DONE) {
            rc = YK_HUB_NOT_FOUND;
        }
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return rc;
}

enum yk_hub_rc yk_admin_user_get(struct yk_hub_store *s, int64_t id, struct yk_admin_user *u)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT " USER_COLS " FROM admin_users u WHERE u.id = ?");
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        int r = sqlite3_step(st);
        rc = r == SQLITE_ROW ? YK_HUB_OK : r == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        if (r == SQLITE_ROW)
            read_user(st, 0, u);
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return rc;
}

int yk_admin_users(struct yk_hub_store *s, struct yk_admin_user *out, int max)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT " USER_COLS " FROM admin_users u ORDER BY u.name");
    int n = -1;
    if (st) {
        n = 0;
        while (n < max && sqlite3_step(st) == SQLITE_ROW)
            read_user(st, 0, &out[n++]);
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return n;
}

/* Changes one account under the store's lock: sql binds (?1 = value, ?2 = id). */
static enum yk_hub_rc user_change(struct yk_hub_store *s, const char *actor, int64_t id,
                                  const char *sql, const char *text, int64_t num,
                                  const char *action, int64_t now)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!exec(db, "BEGIN IMMEDIATE"))
        goto out;
    struct yk_admin_user u;
    sqlite3_stmt *st = prep(db, "SELECT " USER_COLS " FROM admin_users u WHERE u.id = ?");
    bool found = false;
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        found = sqlite3_step(st) == SQLITE_ROW;
        if (found)
            read_user(st, 0, &u);
        sqlite3_finalize(st);
    }
    if (!found) {
        finish(db, false);
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    st = prep(db, sql);
    if (st) {
        if (text)
            bind_str(st, 1, text);
        else
            sqlite3_bind_int64(st, 1, num);
        sqlite3_bind_int64(st, 2, id);
    }
    bool ok = run(db, st);
    sqlite3_stmt *end = prep(db, "DELETE FROM admin_sessions WHERE user_id = ?");
    if (end)
        sqlite3_bind_int64(end, 1, id);
    if (text || num == 0)
        ok = ok && run(db, end);
    else
        sqlite3_finalize(end);
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", u.name);
    char *before = user_json(u.name, u.role, u.station_id, text ? -1 : u.active);
    char *after = user_json(u.name, u.role, u.station_id, text ? -1 : (int)num);
    ok = ok && audit(db, actor, action, target, before, after, now);
    free(before);
    free(after);
    rc = finish(db, ok) ? YK_HUB_OK : YK_HUB_ERROR;
out:
    yk_hub_store_release(s);
    return rc;
}

enum yk_hub_rc yk_admin_user_set_password(struct yk_hub_store *s, const char *actor, int64_t id,
                                          const char *pw_hash, int64_t now)
{
    return user_change(s, actor, id, "UPDATE admin_users SET pw_hash = ?1 WHERE id = ?2", pw_hash,
                       0, "user.password", now);
}

enum yk_hub_rc yk_admin_user_set_active(struct yk_hub_store *s, const char *actor, int64_t id,
                                        bool active, int64_t now)
{
    return user_change(s, actor, id, "UPDATE admin_users SET active = ?1 WHERE id = ?2", NULL,
                       active ? 1 : 0, active ? "user.activate" : "user.deactivate", now);
}

/* Sessions ------------------------------------------------------------------------------------ */

enum yk_hub_rc yk_admin_session_new(struct yk_hub_store *s, int64_t user_id, int64_t now,
                                    char sid[YK_ADMIN_SID_LEN + 1],
                                    char csrf[YK_ADMIN_CSRF_LEN + 1])
{
    random_hex(sid);
    random_hex(csrf);
    char h[65];
    sid_hash(sid, h);
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "INSERT INTO admin_sessions (id_hash, user_id, csrf, "
                                "created_utc, last_utc) VALUES (?, ?, ?, ?, ?4)");
    if (st) {
        bind_str(st, 1, h);
        sqlite3_bind_int64(st, 2, user_id);
        bind_str(st, 3, csrf);
        sqlite3_bind_int64(st, 4, now);
    }
    bool ok = run(db, st);
    yk_hub_store_release(s);
    return ok ? YK_HUB_OK : YK_HUB_ERROR;
}

enum yk_hub_rc yk_admin_session_get(struct yk_hub_store *s, const char *sid, int64_t now,
                                    int64_t idle_s, int64_t max_s, struct yk_admin_user *u,
                                    char csrf[YK_ADMIN_CSRF_LEN + 1])
{
    if (!sid || strlen(sid) != YK_ADMIN_SID_LEN)
        return YK_HUB_NOT_FOUND;
    char h[65];
    sid_hash(sid, h);
    sqlite3 *db = yk_hub_store_acquire(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = prep(db, "SELECT " USER_COLS ", s.csrf, s.created_utc, s.last_utc "
                                "FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id "
                                "WHERE s.id_hash = ?");
    if (!st)
        goto out;
    bind_str(st, 1, h);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        read_user(st, 0, u);
        copy_col(st, 5, csrf, YK_ADMIN_CSRF_LEN + 1);
        int64_t created = sqlite3_column_int64(st, 6), last = sqlite3_column_int64(st, 7);
        bool live = u->active && now - last <= idle_s && now - created <= max_s && now >= last;
        sqlite3_finalize(st);
        st = prep(db, live ? "UPDATE admin_sessions SET last_utc = ?2 WHERE id_hash = ?1"
                           : "DELETE FROM admin_sessions WHERE id_hash = ?1");
        if (st) {
            bind_str(st, 1, h);
            if (live)
                sqlite3_bind_int64(st, 2, now);
        }
        bool ok = run(db, st);
        rc = !live ? YK_HUB_NOT_FOUND : ok ? YK_HUB_OK : YK_HUB_ERROR;
        if (rc != YK_HUB_OK) {
            memset(u, 0, sizeof *u);
            csrf[0] = '\0';
        }
    } else {
        sqlite3_finalize(st);
        rc = r == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
    }
out:
    yk_hub_store_release(s);
    return rc;
}

void yk_admin_session_end(struct yk_hub_store *s, const char *sid)
{
    if (!sid)
        return;
    char h[65];
    sid_hash(sid, h);
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "DELETE FROM admin_sessions WHERE id_hash = ?");
    if (st)
        bind_str(st, 1, h);
    run(db, st);
    yk_hub_store_release(s);
}

/* Sign-in guard ------------------------------------------------------------------------------- */

static void guard_load(sqlite3 *db, const char *key, struct yk_pin_guard *g)
{
    yk_pin_guard_reset(g);
    sqlite3_stmt *st = prep(db, "SELECT failures, lockouts, locked_until_ms FROM "
                                "admin_login_guard WHERE key = ?");
    if (!st)
        return;
    bind_str(st, 1, key);
    if (sqlite3_step(st) == SQLITE_ROW) {
        g->failures = sqlite3_column_int(st, 0);
        g->lockouts = sqlite3_column_int(st, 1);
        g->locked_until_ms = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
}

static void guard_save(sqlite3 *db, const char *key, const struct yk_pin_guard *g, int64_t now_ms)
{
    sqlite3_stmt *st = prep(db, "INSERT OR REPLACE INTO admin_login_guard (key, failures, "
                                "lockouts, locked_until_ms, last_utc) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return;
    bind_str(st, 1, key);
    sqlite3_bind_int(st, 2, g->failures);
    sqlite3_bind_int(st, 3, g->lockouts);
    sqlite3_bind_int64(st, 4, g->locked_until_ms);
    sqlite3_bind_int64(st, 5, now_ms / 1000);
    run(db, st);
}

int64_t yk_admin_guard_wait_ms(struct yk_hub_store *s, const char *key, int64_t now_ms)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    struct yk_pin_guard g;
    guard_load(db, key, &g);
    int64_t wait = yk_pin_guard_wait_ms(&g, now_ms);
    yk_hub_store_release(s);
    return wait;
}

int64_t yk_admin_guard_fail(struct yk_hub_store *s, const char *key, int64_t now_ms)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    struct yk_pin_guard g;
    guard_load(db, key, &g);
    int64_t lock = yk_pin_guard_fail(&g, now_ms);
    guard_save(db, key, &g, now_ms);
    /* Keys not heard of for a day go: a flood of made-up names cannot grow the table. */
    sqlite3_stmt *st = prep(db, "DELETE FROM admin_login_guard WHERE last_utc < ?");
    if (st)
        sqlite3_bind_int64(st, 1, now_ms / 1000 - 86400);
    run(db, st);
    yk_hub_store_release(s);
    return lock;
}

void yk_admin_guard_clear(struct yk_hub_store *s, const char *key)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "DELETE FROM admin_login_guard WHERE key = ?");
    if (st)
        bind_str(st, 1, key);
    run(db, st);
    yk_hub_store_release(s);
}

/* Rows of content tables ------------------------------------------------------------------- */

const char *yk_admin_row_val(const struct yk_admin_row *r, const char *col)
{
    for (int i = 0; r && i < r->n; i++)
        if (strcmp(r->col[i], col) == 0)
            return r->val[i];
    return NULL;
}

bool yk_admin_row_set(struct yk_admin_row *r, const char *col, const char *val)
{
    char *v = val ? strdup(val) : NULL;
    if (val && !v)
        return false;
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->col[i], col) == 0) {
            free(r->val[i]);
            r->val[i] = v;
            return true;
        }
    char *c = strdup(col);
    if (!c || r->n == YK_ADMIN_ROW_MAX) {
        free(c);
        free(v);
        return false;
    }
    r->col[r->n] = c;
    r->val[r->n++] = v;
    return true;
}

void yk_admin_row_free(struct yk_admin_row *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        free(r->col[i]);
        free(r->val[i]);
    }
    r->n = 0;
}

enum yk_hub_rc yk_admin_row_get(struct yk_hub_store *s, const char *table, const char *id,
                                struct yk_admin_row *r)
{
    memset(r, 0, sizeof *r);
    if (!is_content(table))
        return YK_HUB_INVALID;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", table);
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, sql);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        bind_str(st, 1, id);
        int k = sqlite3_step(st);
        rc = k == SQLITE_ROW ? YK_HUB_OK : k == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        for (int i = 0; k == SQLITE_ROW && i < sqlite3_column_count(st); i++)
            if (!yk_admin_row_set(r, sqlite3_column_name(st, i),
                                  (const char *)sqlite3_column_text(st, i)))
                rc = YK_HUB_ERROR;
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    if (rc != YK_HUB_OK)
        yk_admin_row_free(r);
    return rc;
}

/* The INSERT or UPDATE of set's columns. */
static sqlite3_stmt *row_write_stmt(sqlite3 *db, const char *table, const char *id,
                                    const struct yk_admin_row *set, bool create)
{
    char sql[4096];
    size_t n = 0;
    if (create) {
        n += (size_t)snprintf(sql + n, sizeof sql - n, "INSERT INTO %s (id", table);
        for (int i = 0; i < set->n; i++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, ", %s", set->col[i]);
        n += (size_t)snprintf(sql + n, sizeof sql - n, ") VALUES (?");
        for (int i = 0; i < set->n; i++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, ", ?");
        n += (size_t)snprintf(sql + n, sizeof sql - n, ")");
    } else {
        n += (size_t)snprintf(sql + n, sizeof sql - n, "UPDATE %s SET ", table);
        for (int i = 0; i < set->n; i++)
            n += (size_t)snprintf(sql + n, sizeof sql - n, "%s%s = ?", i ? ", " : "", set->col[i]);
        n += (size_t)snprintf(sql + n, sizeof sql - n, " WHERE id = ?");
    }
    if (n >= sizeof sql)
        return NULL;
    sqlite3_stmt *st = prep(db, sql);
    if (!st)
        return NULL;
    int k = 1;
    if (create)
        bind_str(st, k++, id);
    for (int i = 0; i < set->n; i++)
        bind_str(st, k++, set->val[i]);
    if (!create)
        bind_str(st, k, id);
    return st;
}

enum yk_hub_rc yk_admin_row_save(struct yk_hub_store *s, const char *actor, const char *action,
                                 const char *table, const char *id, const struct yk_admin_row *set,
                                 bool create, const char *station, int64_t now, char err[160])
{
    err[0] = '\0';
    if (!is_content(table) || !id || !*id || set->n == 0)
        return YK_HUB_INVALID;
    for (int i = 0; i < set->n; i++)
        if (!col_ok(set->col[i]) || strcmp(set->col[i], "id") == 0 ||
            strcmp(set->col[i], "rev") == 0)
            return YK_HUB_INVALID;
    sqlite3 *db = yk_hub_store_acquire(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!exec(db, "BEGIN IMMEDIATE"))
        goto out;
    char *before = row_json(db, table, id);
    if (create ? before != NULL : before == NULL) {
        free(before);
        finish(db, false);
        if (create)
            snprintf(err, 160, "这个编号已被使用。 / This id is taken.");
        rc = create ? YK_HUB_INVALID : YK_HUB_NOT_FOUND;
        goto out;
    }
    sqlite3_stmt *st = row_write_stmt(db, table, id, set, create);
    int k = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (k != SQLITE_DONE) {
        snprintf(err, 160, "%s", sqlite3_errmsg(db));
        yk_warn("hub-admin", "%s %s: %s", action, table, err);
        rc = k == SQLITE_CONSTRAINT ? YK_HUB_INVALID : YK_HUB_ERROR;
    }
    sqlite3_finalize(st);
    bool ok = k == SQLITE_DONE;
    /* Which station runs an event or has a volunteer: the admin's own tables. */
    bool ev = strcmp(table, "events") == 0, vol = strcmp(table, "volunteers") == 0;
    if (ok && station && (ev || vol)) {
        char sql[160];
        if (*station)
            snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO %s VALUES (?1, ?2)",
                     ev ? "admin_event_station" : "admin_volunteer_station");
        else
            snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1",
                     ev ? "admin_event_station" : "admin_volunteer_station",
                     ev ? "event_id" : "volunteer_id");
        st = prep(db, sql);
        if (st) {
            bind_str(st, 1, id);
            if (*station)
                bind_str(st, 2, station);
        }
        ok = run(db, st);
    }
    char *after = ok ? row_json(db, table, id) : NULL;
    char target[160];
    snprintf(target, sizeof target, "%s/%s", table, id);
    ok = ok && after && audit(db, actor, action, target, before, after, now);
    free(before);
    free(after);
    if (finish(db, ok))
        rc = YK_HUB_OK;
    else if (rc == YK_HUB_OK)
        rc = YK_HUB_ERROR;
out:
    yk_hub_store_release(s);
    return rc;
}

bool yk_admin_list(struct yk_hub_store *s, const char *table, const char *col_a, const char *col_b,
                   void (*cb)(void *ctx, const char *id, const char *a, const char *b), void *ctx)
{
    if (!is_content(table) || !col_ok(col_a) || !col_ok(col_b))
        return false;
    char sql[256];
    bool sorted = strcmp(table, "volunteers") != 0;
    snprintf(sql, sizeof sql, "SELECT id, %s, %s FROM %s WHERE deleted = 0 ORDER BY %s id", col_a,
             col_b, table, sorted ? "sort," : "");
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, sql);
    bool ok = st != NULL;
    while (st && sqlite3_step(st) == SQLITE_ROW)
        cb(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    yk_hub_store_release(s);
    return ok;
}

/* Events ------------------------------------------------------------------------------------ */

int yk_admin_events(struct yk_hub_store *s, const struct yk_admin_event_filter *f,
                    struct yk_admin_event_item *out, int max)
{
    char sql[1200];
    snprintf(sql, sizeof sql,
             "SELECT e.id, e.kind, e.block_id, es.station_id, e.title_zh, e.title_en, "
             "e.starts_utc, e.ends_utc, e.cancelled_utc, e.capacity, "
             "(SELECT coalesce(sum(party_size), 0) FROM signups g WHERE g.event_id = e.id AND "
             "g.status = 'confirmed'), "
             "(SELECT count(*) FROM signups g WHERE g.event_id = e.id AND g.status = 'waitlist') "
             "FROM events e LEFT JOIN admin_event_station es ON es.event_id = e.id "
             "WHERE e.deleted = 0 AND (?1 IS NULL OR es.station_id = ?1) "
             "AND (?2 IS NULL OR e.block_id = ?2) AND (?3 IS NULL OR e.kind = ?3) AND %s "
             "ORDER BY %s LIMIT ?5",
             f->past ? "e.ends_utc <= ?4" : "e.ends_utc > ?4",
             f->past ? "e.starts_utc DESC, e.id" : "e.starts_utc, e.id");
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, sql);
    int n = -1;
    if (st) {
        bind_str(st, 1, f->station);
        bind_str(st, 2, f->block);
        bind_str(st, 3, f->kind);
        sqlite3_bind_int64(st, 4, f->now);
        sqlite3_bind_int(st, 5, max);
        n = 0;
        while (n < max && sqlite3_step(st) == SQLITE_ROW) {
            struct yk_admin_event_item *e = &out[n++];
            memset(e, 0, sizeof *e);
            copy_col(st, 0, e->id, sizeof e->id);
            copy_col(st, 1, e->kind, sizeof e->kind);
            copy_col(st, 2, e->block_id, sizeof e->block_id);
            copy_col(st, 3, e->station_id, sizeof e->station_id);
            copy_col(st, 4, e->title_zh, sizeof e->title_zh);
            copy_col(st, 5, e->title_en, sizeof e->title_en);
            e->starts_utc = sqlite3_column_int64(st, 6);
            e->ends_utc = sqlite3_column_int64(st, 7);
            e->cancelled_utc = sqlite3_column_int64(st, 8);
            e->capacity = sqlite3_column_int64(st, 9);
            e->confirmed = sqlite3_column_int64(st, 10);
            e->waitlist = sqlite3_column_int64(st, 11);
        }
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return n;
}

enum yk_hub_rc yk_admin_event_station(struct yk_hub_store *s, const char *event_id,
                                      char station[64])
{
    station[0] = '\0';
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT es.station_id FROM events e LEFT JOIN "
                                "admin_event_station es ON es.event_id = e.id WHERE e.id = ? "
                                "AND e.deleted = 0");
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        bind_str(st, 1, event_id);
        int k = sqlite3_step(st);
        rc = k == SQLITE_ROW ? YK_HUB_OK : k == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        if (k == SQLITE_ROW)
            copy_col(st, 0, station, 64);
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return rc;
}

enum yk_hub_rc yk_admin_event_cancel(struct yk_hub_store *s, const char *actor,
                                     const char *event_id, int64_t now)
{
    struct yk_admin_row set = {0};
    char when[24];
    snprintf(when, sizeof when, "%lld", (long long)now);
    struct yk_admin_row cur;
    enum yk_hub_rc rc = yk_admin_row_get(s, "events", event_id, &cur);
    if (rc != YK_HUB_OK)
        return rc;
    bool already = yk_admin_row_val(&cur, "cancelled_utc") != NULL;
    yk_admin_row_free(&cur);
    if (already)
        return YK_HUB_INVALID;
    char err[160];
    rc = yk_admin_row_set(&set, "cancelled_utc", when)
             ? yk_admin_row_save(s, actor, "event.cancel", "events", event_id, &set, false, NULL,
                                 now, err)
             : YK_HUB_ERROR;
    yk_admin_row_free(&set);
    return rc;
}

/* Sign-ups ------------------------------------------------------------------------------------ */

/* 13812345678 -> 138****5678; only the last four -> ****5678. */
static void mask_phone(const char *phone, const char *last4, char out[16])
{
    size_t n = phone ? strlen(phone) : 0;
    if (n >= 7 && n <= 15)
        snprintf(out, 16, "%.3s****%s", phone, phone + n - 4);
    else if (last4 && strlen(last4) == 4)
        snprintf(out, 16, "****%s", last4);
    else
        out[0] = '\0';
}

bool yk_admin_signups(struct yk_hub_store *s, const char *event_id,
                      void (*cb)(void *ctx, const struct yk_admin_signup *g), void *ctx)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st =
        prep(db, "SELECT g.id, g.status, g.surname, g.title, g.phone, g.phone_last4, g.kiosk_id, "
                 "g.party_size, g.created_utc, c.created_utc, c.kiosk_id FROM signups g "
                 "LEFT JOIN checkins c ON c.rowid = (SELECT rowid FROM checkins x WHERE "
                 "x.signup_id = g.id OR (g.ticket_code IS NOT NULL AND x.ticket_code = "
                 "g.ticket_code) ORDER BY x.created_utc LIMIT 1) "
                 "WHERE g.event_id = ? ORDER BY g.id");
    bool ok = st != NULL;
    if (st)
        bind_str(st, 1, event_id);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_signup g = {0};
        copy_col(st, 0, g.id, sizeof g.id);
        copy_col(st, 1, g.status, sizeof g.status);
        copy_col(st, 2, g.surname, sizeof g.surname);
        copy_col(st, 3, g.title, sizeof g.title);
        mask_phone((const char *)sqlite3_column_text(st, 4),
                   (const char *)sqlite3_column_text(st, 5), g.phone_masked);
        copy_col(st, 6, g.kiosk_id, sizeof g.kiosk_id);
        g.party_size = sqlite3_column_int64(st, 7);
        g.created_utc = sqlite3_column_int64(st, 8);
        g.checkin_utc = sqlite3_column_int64(st, 9);
        copy_col(st, 10, g.checkin_kiosk, sizeof g.checkin_kiosk);
        cb(ctx, &g);
    }
    sqlite3_finalize(st);
    yk_hub_store_release(s);
    return ok;
}

/* Kiosks and the audit log ------------------------------------------------------------------- */

bool yk_admin_kiosks(struct yk_hub_store *s, const char *station,
                     void (*cb)(void *ctx, const struct yk_admin_kiosk *k), void *ctx)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT id, station_id, version, enrolled_utc, revoked_utc, "
                                "seen_utc, last_sync_utc, free_disk_bytes FROM kiosks WHERE "
                                "?1 IS NULL OR station_id = ?1 ORDER BY coalesce(seen_utc, 0), "
                                "id");
    bool ok = st != NULL;
    if (st)
        bind_str(st, 1, station);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_kiosk k = {0};
        copy_col(st, 0, k.id, sizeof k.id);
        copy_col(st, 1, k.station_id, sizeof k.station_id);
        copy_col(st, 2, k.version, sizeof k.version);
        k.enrolled_utc = sqlite3_column_int64(st, 3);
        k.revoked_utc = sqlite3_column_int64(st, 4);
        k.seen_utc = sqlite3_column_int64(st, 5);
        k.last_sync_utc = sqlite3_column_int64(st, 6);
        k.free_disk_bytes = sqlite3_column_int64(st, 7);
        cb(ctx, &k);
    }
    sqlite3_finalize(st);
    yk_hub_store_release(s);
    return ok;
}

enum yk_hub_rc yk_admin_kiosk_station(struct yk_hub_store *s, const char *kiosk_id,
                                      char station[64])
{
    station[0] = '\0';
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT station_id FROM kiosks WHERE id = ?");
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        bind_str(st, 1, kiosk_id);
        int k = sqlite3_step(st);
        rc = k == SQLITE_ROW ? YK_HUB_OK : k == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        if (k == SQLITE_ROW)
            copy_col(st, 0, station, 64);
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return rc;
}

bool yk_admin_audit_add(struct yk_hub_store *s, const char *actor, const char *action,
                        const char *target, const char *before, const char *after, int64_t now)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    bool ok = audit(db, actor, action, target, before, after, now);
    yk_hub_store_release(s);
    return ok;
}

bool yk_admin_audit(struct yk_hub_store *s, const char *q, int limit,
                    void (*cb)(void *ctx, const struct yk_admin_audit_item *a), void *ctx)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT id, at_utc, user_name, action, target, before, after "
                                "FROM admin_audit WHERE ?1 IS NULL OR instr(action, ?1) > 0 OR "
                                "instr(coalesce(target, ''), ?1) > 0 OR instr(user_name, ?1) > "
                                "0 ORDER BY id DESC LIMIT ?2");
    bool ok = st != NULL;
    if (st) {
        bind_str(st, 1, q && *q ? q : NULL);
        sqlite3_bind_int(st, 2, limit);
    }
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_audit_item a = {
            .id = sqlite3_column_int64(st, 0),
            .at_utc = sqlite3_column_int64(st, 1),
            .user_name = (const char *)sqlite3_column_text(st, 2),
            .action = (const char *)sqlite3_column_text(st, 3),
            .target = (const char *)sqlite3_column_text(st, 4),
            .before = (const char *)sqlite3_column_text(st, 5),
            .after = (const char *)sqlite3_column_text(st, 6),
        };
        cb(ctx, &a);
    }
    sqlite3_finalize(st);
    yk_hub_store_release(s);
    return ok;
}

/* Volunteers ------------------------------------------------------------------------------- */

bool yk_admin_volunteers(struct yk_hub_store *s, const char *station,
                         void (*cb)(void *ctx, const struct yk_admin_volunteer *v), void *ctx)
{
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT v.id, v.name_zh, v.name_en, vs.station_id, v.active FROM "
                                "volunteers v LEFT JOIN admin_volunteer_station vs ON "
                                "vs.volunteer_id = v.id WHERE v.deleted = 0 AND (?1 IS NULL OR "
                                "vs.station_id = ?1) ORDER BY v.active DESC, v.name_zh, v.id");
    bool ok = st != NULL;
    if (st)
        bind_str(st, 1, station);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_volunteer v = {0};
        copy_col(st, 0, v.id, sizeof v.id);
        copy_col(st, 1, v.name_zh, sizeof v.name_zh);
        copy_col(st, 2, v.name_en, sizeof v.name_en);
        copy_col(st, 3, v.station_id, sizeof v.station_id);
        v.active = sqlite3_column_int(st, 4) != 0;
        cb(ctx, &v);
    }
    sqlite3_finalize(st);
    yk_hub_store_release(s);
    return ok;
}

enum yk_hub_rc yk_admin_volunteer_station(struct yk_hub_store *s, const char *id, char station[64])
{
    station[0] = '\0';
    sqlite3 *db = yk_hub_store_acquire(s);
    sqlite3_stmt *st = prep(db, "SELECT vs.station_id FROM volunteers v LEFT JOIN "
                                "admin_volunteer_station vs ON vs.volunteer_id = v.id WHERE "
                                "v.id = ? AND v.deleted = 0");
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (st) {
        bind_str(st, 1, id);
        int k = sqlite3_step(st);
        rc = k == SQLITE_ROW ? YK_HUB_OK : k == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        if (k == SQLITE_ROW)
            copy_col(st, 0, station, 64);
        sqlite3_finalize(st);
    }
    yk_hub_store_release(s);
    return rc;
}
