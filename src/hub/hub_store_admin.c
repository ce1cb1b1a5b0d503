#include "hub/hub_store_admin.h"

#include "core/base32.h"
#include "core/json.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/volunteer.h"
#include "hub/hub_store_admin_sql.h"
#include "hub/hub_store_impl.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Helpers (the admin's; the store's own are in hub_store_impl.h) ------------------------------ */

bool yk_as_finish(struct yk_hub_store *s, bool ok)
{
    if (ok)
        return yk_hs_commit(s);
    yk_hs_rollback(s);
    return false;
}

enum yk_hub_rc yk_as_audit_finish(struct yk_hub_store *s, bool ok, const char *actor,
                                  const char *action, const char *target, char *before, char *after,
                                  int64_t now)
{
    ok = ok && after && yk_as_audit(s, actor, action, target, before, after, now);
    free(before);
    free(after);
    return yk_as_finish(s, ok) ? YK_HUB_OK : YK_HUB_ERROR;
}

void yk_as_copy_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
    yk_utf8_copy(out, n, (const char *)sqlite3_column_text(st, i));
}

static void random_hex(char out[65])
{
    uint8_t b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
    sodium_memzero(b, sizeof b);
}

/* The stored form of a session id. */
static void sid_hash(const char *sid, char out[65])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)sid, strlen(sid), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static const char *const content_tables[] = {"stations", "blocks", "service_lines", "services",
                                             "sites",    "events", "walkin_kinds",  "volunteers"};

bool yk_as_is_content(const char *t)
{
    for (size_t i = 0; i < sizeof content_tables / sizeof content_tables[0]; i++)
        if (t && strcmp(t, content_tables[i]) == 0)
            return true;
    return false;
}

/* A column name as the admin's code writes them: [a-z0-9_], 1..40. */
bool yk_as_col_ok(const char *c)
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
char *yk_as_row_json(struct yk_hub_store *s, const char *table, const char *id)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", table);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (!st)
        return NULL;
    yk_hs_bind_str(st, 1, id);
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
        out = yk_jw_take(&w, NULL);
    }
    sqlite3_finalize(st);
    return out;
}

bool yk_as_audit(struct yk_hub_store *s, const char *actor, const char *action, const char *target,
                 const char *before, const char *after, int64_t now)
{
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO admin_audit (at_utc, user_name, action, target, "
                                     "before, after) VALUES (?, ?, ?, ?, ?, ?)");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, now);
    yk_hs_bind_str(st, 2, actor ? actor : "?");
    yk_hs_bind_str(st, 3, action);
    yk_hs_bind_str(st, 4, target);
    yk_hs_bind_str(st, 5, before);
    yk_hs_bind_str(st, 6, after);
    return yk_hs_run(s, st);
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
    return yk_jw_take(&w, NULL);
}

/* Accounts ------------------------------------------------------------------------------------ */

static void read_user(sqlite3_stmt *st, int first, struct yk_admin_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(st, first);
    yk_as_copy_col(st, first + 1, u->name, sizeof u->name);
    yk_as_copy_col(st, first + 2, u->role, sizeof u->role);
    yk_as_copy_col(st, first + 3, u->station_id, sizeof u->station_id);
    u->active = sqlite3_column_int(st, first + 4) != 0;
}

#define USER_COLS "u.id, u.name, u.role, u.station_id, u.active"

/* Ends every session of account id (a new password, deactivation), with the store taken. */
static bool end_sessions(struct yk_hub_store *s, int64_t id)
{
    sqlite3_stmt *st = yk_hs_prep(s, "DELETE FROM admin_sessions WHERE user_id = ?");
    if (st)
        sqlite3_bind_int64(st, 1, id);
    return yk_hs_run(s, st);
}

/* The account with this id into u, with the store taken. */
static enum yk_hub_rc user_by_id(struct yk_hub_store *s, int64_t id, struct yk_admin_user *u)
{
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT " USER_COLS " FROM admin_users u WHERE u.id = ?");
    if (!st)
        return YK_HUB_ERROR;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        read_user(st, 0, u);
    sqlite3_finalize(st);
    return r == SQLITE_ROW ? YK_HUB_OK : r == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
}

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
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    if (staff) {
        sqlite3_stmt *st = yk_hs_prep(s, "SELECT 1 FROM stations WHERE id = ? AND deleted = 0");
        yk_hs_bind_str(st, 1, station_id);
        bool found = st && sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!found) {
            snprintf(err, 160, "没有这个站点。 / There is no such station.");
            yk_as_finish(s, false);
            rc = YK_HUB_INVALID;
            goto out;
        }
    }
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO admin_users (name, role, station_id, pw_hash, "
                                     "created_utc) VALUES (?, ?, ?, ?, ?)");
    if (!st) {
        yk_as_finish(s, false);
        goto out;
    }
    yk_hs_bind_str(st, 1, name);
    yk_hs_bind_str(st, 2, role);
    yk_hs_bind_str(st, 3, staff ? station_id : NULL);
    yk_hs_bind_str(st, 4, pw_hash);
    sqlite3_bind_int64(st, 5, now);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r == SQLITE_CONSTRAINT) {
        snprintf(err, 160, "这个账号名已被使用。 / This name is taken.");
        yk_as_finish(s, false);
        rc = YK_HUB_INVALID;
        goto out;
    }
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", name);
    rc = yk_as_audit_finish(s, r == SQLITE_DONE, actor, "user.add", target, NULL,
                            user_json(name, role, staff ? station_id : NULL, 1), now);
out:
    yk_hs_unlock(s);
    return rc;
}

/* Where yk_admin_user_find puts the account it found. */
struct found {
    struct yk_admin_user *u;
    char *pw_hash;
};

static enum yk_hub_rc read_found(sqlite3_stmt *st, void *ctx)
{
    struct found *f = ctx;
    read_user(st, 0, f->u);
    yk_as_copy_col(st, 5, f->pw_hash, YK_ADMIN_HASH_MAX);
    return YK_HUB_OK;
}

enum yk_hub_rc yk_admin_user_find(struct yk_hub_store *s, const char *name, struct yk_admin_user *u,
                                  char pw_hash[YK_ADMIN_HASH_MAX])
{
    struct found f = {u, pw_hash};
    return yk_hs_one_row(s, "SELECT " USER_COLS ", u.pw_hash FROM admin_users u WHERE u.name = ?",
                         name, read_found, &f);
}

enum yk_hub_rc yk_admin_user_get(struct yk_hub_store *s, int64_t id, struct yk_admin_user *u)
{
    yk_hs_lock(s);
    enum yk_hub_rc rc = user_by_id(s, id, u);
    yk_hs_unlock(s);
    return rc;
}

int yk_admin_users(struct yk_hub_store *s, struct yk_admin_user *out, int max)
{
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT " USER_COLS " FROM admin_users u ORDER BY u.name");
    int n = -1;
    if (st) {
        n = 0;
        while (n < max && sqlite3_step(st) == SQLITE_ROW)
            read_user(st, 0, &out[n++]);
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return n;
}

/* Changes one account under the store's lock: sql binds (?1 = value, ?2 = id). */
static enum yk_hub_rc user_change(struct yk_hub_store *s, const char *actor, int64_t id,
                                  const char *sql, const char *text, int64_t num,
                                  const char *action, int64_t now)
{
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    struct yk_admin_user u;
    rc = user_by_id(s, id, &u);
    if (rc != YK_HUB_OK) {
        yk_as_finish(s, false);
        goto out;
    }
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (st) {
        if (text)
            yk_hs_bind_str(st, 1, text);
        else
            sqlite3_bind_int64(st, 1, num);
        sqlite3_bind_int64(st, 2, id);
    }
    bool ok = yk_hs_run(s, st);
    if (text || num == 0)
        ok = ok && end_sessions(s, id);
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", u.name);
    rc = yk_as_audit_finish(s, ok, actor, action, target,
                            user_json(u.name, u.role, u.station_id, text ? -1 : u.active),
                            user_json(u.name, u.role, u.station_id, text ? -1 : (int)num), now);
out:
    yk_hs_unlock(s);
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

enum yk_hub_rc yk_admin_user_reset_new(struct yk_hub_store *s, const char *actor, int64_t id,
                                       int64_t now, char code[YK_ADMIN_RESET_LEN + 1])
{
    uint8_t b[10];
    randombytes_buf(b, sizeof b);
    yk_base32_encode(b, sizeof b, code, YK_ADMIN_RESET_LEN);
    sodium_memzero(b, sizeof b);
    char h[65];
    yk_hs_hash_hex(code, h);
    yk_hs_lock(s);
    struct yk_admin_user u;
    enum yk_hub_rc rc = user_by_id(s, id, &u);
    if (rc != YK_HUB_OK)
        goto out;
    rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    sqlite3_stmt *st =
        yk_hs_prep(s, "UPDATE admin_users SET reset_hash = ?1, reset_expires_utc = ?2 WHERE "
                      "id = ?3");
    if (st) {
        yk_hs_bind_str(st, 1, h);
        sqlite3_bind_int64(st, 2, now + YK_ADMIN_RESET_TTL_S);
        sqlite3_bind_int64(st, 3, id);
    }
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", u.name);
    bool ok =
        yk_hs_run(s, st) && yk_as_audit(s, actor, "user.reset-start", target, NULL, NULL, now);
    rc = yk_as_finish(s, ok) ? YK_HUB_OK : YK_HUB_ERROR;
out:
    yk_hs_unlock(s);
    if (rc != YK_HUB_OK)
        sodium_memzero(code, YK_ADMIN_RESET_LEN + 1);
    return rc;
}

enum yk_hub_rc yk_admin_user_reset_use(struct yk_hub_store *s, const char *name, const char *code,
                                       const char *pw_hash, int64_t now)
{
    char norm[YK_ADMIN_RESET_LEN + 1], h[65];
    if (!yk_base32_normalize(code, norm, YK_ADMIN_RESET_LEN))
        return YK_HUB_NOT_FOUND;
    yk_hs_hash_hex(norm, h);
    sodium_memzero(norm, sizeof norm);
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    int64_t id = 0;
    char want[65] = "";
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT id, reset_hash FROM admin_users WHERE name = ? AND "
                                     "active = 1 AND reset_hash IS NOT NULL AND "
                                     "reset_expires_utc > ?");
    if (st) {
        yk_hs_bind_str(st, 1, name);
        sqlite3_bind_int64(st, 2, now);
        if (sqlite3_step(st) == SQLITE_ROW) {
            id = sqlite3_column_int64(st, 0);
            yk_as_copy_col(st, 1, want, sizeof want);
        }
        sqlite3_finalize(st);
    }
    if (!st || id == 0 || strlen(want) != 64 || sodium_memcmp(want, h, 64) != 0) {
        yk_as_finish(s, false);
        rc = st ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        goto out;
    }
    st = yk_hs_prep(s, "UPDATE admin_users SET pw_hash = ?1, reset_hash = NULL, "
                       "reset_expires_utc = NULL WHERE id = ?2");
    if (st) {
        yk_hs_bind_str(st, 1, pw_hash);
        sqlite3_bind_int64(st, 2, id);
    }
    bool ok = yk_hs_run(s, st) && end_sessions(s, id);
    char target[128];
    snprintf(target, sizeof target, "admin_users/%s", name);
    ok = ok && yk_as_audit(s, name, "user.reset-done", target, NULL, NULL, now);
    rc = yk_as_finish(s, ok) ? YK_HUB_OK : YK_HUB_ERROR;
out:
    yk_hs_unlock(s);
    return rc;
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
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO admin_sessions (id_hash, user_id, csrf, "
                                     "created_utc, last_utc) VALUES (?, ?, ?, ?, ?4)");
    if (st) {
        yk_hs_bind_str(st, 1, h);
        sqlite3_bind_int64(st, 2, user_id);
        yk_hs_bind_str(st, 3, csrf);
        sqlite3_bind_int64(st, 4, now);
    }
    bool ok = yk_hs_run(s, st);
    yk_hs_unlock(s);
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
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT " USER_COLS ", s.csrf, s.created_utc, s.last_utc "
                                     "FROM admin_sessions s JOIN admin_users u ON u.id = s.user_id "
                                     "WHERE s.id_hash = ?");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, h);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        read_user(st, 0, u);
        yk_as_copy_col(st, 5, csrf, YK_ADMIN_CSRF_LEN + 1);
        int64_t created = sqlite3_column_int64(st, 6), last = sqlite3_column_int64(st, 7);
        bool live = u->active && now - last <= idle_s && now - created <= max_s && now >= last;
        sqlite3_finalize(st);
        st = yk_hs_prep(s, live ? "UPDATE admin_sessions SET last_utc = ?2 WHERE id_hash = ?1"
                                : "DELETE FROM admin_sessions WHERE id_hash = ?1");
        if (st) {
            yk_hs_bind_str(st, 1, h);
            if (live)
                sqlite3_bind_int64(st, 2, now);
        }
        bool ok = yk_hs_run(s, st);
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
    yk_hs_unlock(s);
    return rc;
}

void yk_admin_session_end(struct yk_hub_store *s, const char *sid)
{
    if (!sid)
        return;
    char h[65];
    sid_hash(sid, h);
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, "DELETE FROM admin_sessions WHERE id_hash = ?");
    if (st)
        yk_hs_bind_str(st, 1, h);
    yk_hs_run(s, st);
    yk_hs_unlock(s);
}

/* Sign-in guard ------------------------------------------------------------------------------- */

static void guard_load(struct yk_hub_store *s, const char *key, struct yk_pin_guard *g)
{
    yk_pin_guard_reset(g);
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT failures, lockouts, locked_until_ms FROM "
                                     "admin_login_guard WHERE key = ?");
    if (!st)
        return;
    yk_hs_bind_str(st, 1, key);
    if (sqlite3_step(st) == SQLITE_ROW) {
        g->failures = sqlite3_column_int(st, 0);
        g->lockouts = sqlite3_column_int(st, 1);
        g->locked_until_ms = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
}

static void guard_save(struct yk_hub_store *s, const char *key, const struct yk_pin_guard *g,
                       int64_t now_ms)
{
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT OR REPLACE INTO admin_login_guard (key, failures, "
                                     "lockouts, locked_until_ms, last_utc) VALUES (?, ?, ?, ?, ?)");
    if (!st)
        return;
    yk_hs_bind_str(st, 1, key);
    sqlite3_bind_int(st, 2, g->failures);
    sqlite3_bind_int(st, 3, g->lockouts);
    sqlite3_bind_int64(st, 4, g->locked_until_ms);
    sqlite3_bind_int64(st, 5, now_ms / 1000);
    yk_hs_run(s, st);
}

int64_t yk_admin_guard_wait_ms(struct yk_hub_store *s, const char *key, int64_t now_ms)
{
    yk_hs_lock(s);
    struct yk_pin_guard g;
    guard_load(s, key, &g);
    int64_t wait = yk_pin_guard_wait_ms(&g, now_ms);
    yk_hs_unlock(s);
    return wait;
}

int64_t yk_admin_guard_fail(struct yk_hub_store *s, const char *key, int64_t now_ms)
{
    yk_hs_lock(s);
    struct yk_pin_guard g;
    guard_load(s, key, &g);
    int64_t lock = yk_pin_guard_fail(&g, now_ms);
    guard_save(s, key, &g, now_ms);
    /* Keys not heard of for a day go: a flood of made-up names cannot grow the table. */
    sqlite3_stmt *st = yk_hs_prep(s, "DELETE FROM admin_login_guard WHERE last_utc < ?");
    if (st)
        sqlite3_bind_int64(st, 1, now_ms / 1000 - 86400);
    yk_hs_run(s, st);
    yk_hs_unlock(s);
    return lock;
}

void yk_admin_guard_clear(struct yk_hub_store *s, const char *key)
{
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, "DELETE FROM admin_login_guard WHERE key = ?");
    if (st)
        yk_hs_bind_str(st, 1, key);
    yk_hs_run(s, st);
    yk_hs_unlock(s);
}
