/* The admin's reads and writes of content rows, events, sign-ups, kiosks, volunteers and the
 * audit log (hub_store_admin.h). Accounts and sessions: hub_store_admin.c. */
#include "hub/hub_store_admin.h"

#include "core/json.h"
#include "core/log.h"
#include "core/phone.h"
#include "hub/hub_store_admin_sql.h"
#include "hub/hub_store_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows of content tables ------------------------------------------------------------------- */

const char *yk_admin_row_val(const struct yk_admin_row *r, const char *col)
{
    for (int i = 0; r && i < r->n; i++)
        if (strcmp(r->col[i], col) == 0)
            return r->val[i];
    return NULL;
}

void yk_admin_row_val2(const struct yk_admin_row *r, const char *col, const char **zh,
                       const char **en)
{
    char c[48];
    snprintf(c, sizeof c, "%s_zh", col);
    *zh = yk_admin_row_val(r, c);
    snprintf(c, sizeof c, "%s_en", col);
    *en = yk_admin_row_val(r, c);
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

static enum yk_hub_rc read_row(sqlite3_stmt *st, void *r)
{
    for (int i = 0; i < sqlite3_column_count(st); i++)
        if (!yk_admin_row_set(r, sqlite3_column_name(st, i),
                              (const char *)sqlite3_column_text(st, i)))
            return YK_HUB_ERROR;
    return YK_HUB_OK;
}

enum yk_hub_rc yk_admin_row_get(struct yk_hub_store *s, const char *table, const char *id,
                                struct yk_admin_row *r)
{
    memset(r, 0, sizeof *r);
    if (!yk_as_is_content(table))
        return YK_HUB_INVALID;
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id = ?", table);
    enum yk_hub_rc rc = yk_hs_one_row(s, sql, id, read_row, r);
    if (rc != YK_HUB_OK)
        yk_admin_row_free(r);
    return rc;
}

enum yk_hub_rc yk_admin_live_row_get(struct yk_hub_store *s, const char *table, const char *id,
                                     struct yk_admin_row *r)
{
    enum yk_hub_rc rc = yk_admin_row_get(s, table, id, r);
    const char *d = rc == YK_HUB_OK ? yk_admin_row_val(r, "deleted") : NULL;
    if (d && strcmp(d, "0") != 0) {
        yk_admin_row_free(r);
        rc = YK_HUB_NOT_FOUND;
    }
    return rc;
}

/* The INSERT or UPDATE of set's columns. */
static sqlite3_stmt *row_write_stmt(struct yk_hub_store *s, const char *table, const char *id,
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
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (!st)
        return NULL;
    int k = 1;
    if (create)
        yk_hs_bind_str(st, k++, id);
    for (int i = 0; i < set->n; i++)
        yk_hs_bind_str(st, k++, set->val[i]);
    if (!create)
        yk_hs_bind_str(st, k, id);
    return st;
}

enum yk_hub_rc yk_admin_row_save(struct yk_hub_store *s, const char *actor, const char *action,
                                 const char *table, const char *id, const struct yk_admin_row *set,
                                 bool create, const char *station, int64_t now, char err[160])
{
    err[0] = '\0';
    if (!yk_as_is_content(table) || !id || !*id || set->n == 0)
        return YK_HUB_INVALID;
    for (int i = 0; i < set->n; i++)
        if (!yk_as_col_ok(set->col[i]) || strcmp(set->col[i], "id") == 0 ||
            strcmp(set->col[i], "rev") == 0)
            return YK_HUB_INVALID;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    char *before = yk_as_row_json(s, table, id);
    /* A tombstoned row stays so: refused here, in the write's own transaction, so that a
     * deletion between a page's read and this save cannot be undone by it. */
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT deleted FROM %s WHERE id = ?", table);
    bool read_ok = true;
    bool gone = !create && before && yk_hs_query_int(s, sql, id, NULL, 0, &read_ok) != 0;
    if ((create ? before != NULL : before == NULL) || gone || !read_ok) {
        free(before);
        yk_as_finish(s, false);
        if (create)
            snprintf(err, 160, "这个编号已被使用。 / This id is taken.");
        else if (gone)
            snprintf(err, 160,
                     "这一项已被删除，不能再修改。 / This item was deleted: it can no "
                     "longer be changed.");
        rc = !read_ok ? YK_HUB_ERROR : create ? YK_HUB_INVALID : YK_HUB_NOT_FOUND;
        goto out;
    }
    sqlite3_stmt *st = row_write_stmt(s, table, id, set, create);
    int k = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (k != SQLITE_DONE) {
        snprintf(err, 160, "%s", sqlite3_errmsg(s->db));
        yk_warn("hub-admin", "%s %s: %s", action, table, err);
        rc = k == SQLITE_CONSTRAINT ? YK_HUB_INVALID : YK_HUB_ERROR;
    }
    sqlite3_finalize(st);
    bool ok = k == SQLITE_DONE;
    /* Which station runs an event or has a volunteer: the admin's own tables. */
    bool ev = strcmp(table, "events") == 0, vol = strcmp(table, "volunteers") == 0;
    if (ok && station && (ev || vol)) {
        if (*station)
            snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO %s VALUES (?1, ?2)",
                     ev ? "admin_event_station" : "admin_volunteer_station");
        else
            snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ?1",
                     ev ? "admin_event_station" : "admin_volunteer_station",
                     ev ? "event_id" : "volunteer_id");
        st = yk_hs_prep(s, sql);
        if (st) {
            yk_hs_bind_str(st, 1, id);
            if (*station)
                yk_hs_bind_str(st, 2, station);
        }
        ok = yk_hs_run(s, st);
    }
    char *after = ok ? yk_as_row_json(s, table, id) : NULL;
    char target[160];
    snprintf(target, sizeof target, "%s/%s", table, id);
    ok = ok && after && yk_as_audit(s, actor, action, target, before, after, now);
    free(before);
    free(after);
    if (yk_as_finish(s, ok))
        rc = YK_HUB_OK;
    else if (rc == YK_HUB_OK)
        rc = YK_HUB_ERROR;
out:
    yk_hs_unlock(s);
    return rc;
}

bool yk_admin_list(struct yk_hub_store *s, const char *table, const char *col_a, const char *col_b,
                   void (*cb)(void *ctx, const char *id, const char *a, const char *b), void *ctx)
{
    if (!yk_as_is_content(table) || !yk_as_col_ok(col_a) || !yk_as_col_ok(col_b))
        return false;
    char sql[256];
    bool sorted = strcmp(table, "volunteers") != 0;
    snprintf(sql, sizeof sql, "SELECT id, %s, %s FROM %s WHERE deleted = 0 ORDER BY %s id", col_a,
             col_b, table, sorted ? "sort," : "");
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    bool ok = st != NULL;
    while (st && sqlite3_step(st) == SQLITE_ROW)
        cb(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    yk_hs_unlock(s);
    return ok;
}

/* What still points at a row about to be deleted: live rows that would be left pointing at
 * nothing on the kiosks (the kiosk hides them or shows them without their line or block). */
static const struct {
    const char *table, *what_zh, *what_en, *sql;
} delete_refs[] = {
    {"service_lines", "项服务", "services",
     "SELECT count(*) FROM services WHERE line_id = ?1 AND deleted = 0"},
    {"blocks", "项服务", "services",
     "SELECT count(*) FROM services WHERE block_id = ?1 AND deleted = 0"},
    {"blocks", "个尚未结束的活动", "events not yet over",
     "SELECT count(*) FROM events WHERE block_id = ?1 AND deleted = 0 AND ends_utc > ?2"},
};

bool yk_admin_row_deletable(const char *table)
{
    static const char *const deletable[] = {"sites", "services", "service_lines", "blocks"};
    for (size_t i = 0; i < sizeof deletable / sizeof deletable[0]; i++)
        if (table && strcmp(table, deletable[i]) == 0)
            return true;
    return false;
}

enum yk_hub_rc yk_admin_row_delete(struct yk_hub_store *s, const char *actor, const char *table,
                                   const char *id, int64_t now, char err[YK_ADMIN_ERR_MAX])
{
    err[0] = '\0';
    if (!yk_admin_row_deletable(table))
        return YK_HUB_INVALID;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    char now_s[24], sql[128];
    snprintf(now_s, sizeof now_s, "%lld", (long long)now);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = ?1 AND deleted = 0", table);
    bool ok = true;
    if (yk_hs_query_int(s, sql, id, NULL, 0, &ok) != 1) {
        yk_as_finish(s, false);
        rc = ok ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
        goto out;
    }
    char zh[120] = "", en[120] = ""; /* with the sentence, within YK_ADMIN_ERR_MAX */
    size_t nz = 0, ne = 0;
    for (size_t i = 0; i < sizeof delete_refs / sizeof delete_refs[0]; i++) {
        if (strcmp(delete_refs[i].table, table) != 0)
            continue;
        long long k = (long long)yk_hs_query_int(s, delete_refs[i].sql, id, now_s, 0, &ok);
        if (k > 0 && nz < sizeof zh && ne < sizeof en) {
            nz += (size_t)snprintf(zh + nz, sizeof zh - nz, "%s%lld %s", nz ? "、" : "", k,
                                   delete_refs[i].what_zh);
            ne += (size_t)snprintf(en + ne, sizeof en - ne, "%s%lld %s", ne ? ", " : "", k,
                                   delete_refs[i].what_en);
        }
    }
    if (!ok || zh[0]) {
        yk_as_finish(s, false);
        if (zh[0])
            snprintf(err, YK_ADMIN_ERR_MAX,
                     "还有 %s属于这一项，请先把它们移走或删除。 / %s still belong to it: move or "
                     "delete them first.",
                     zh, en);
        rc = ok ? YK_HUB_INVALID : YK_HUB_ERROR;
        goto out;
    }
    char *before = yk_as_row_json(s, table, id);
    snprintf(sql, sizeof sql, "UPDATE %s SET deleted = 1 WHERE id = ?1", table);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (st)
        yk_hs_bind_str(st, 1, id);
    ok = before && yk_hs_run(s, st);
    char target[160], action[48];
    snprintf(target, sizeof target, "%s/%s", table, id);
    snprintf(action, sizeof action, "%s.delete", table);
    rc = yk_as_audit_finish(s, ok, actor, action, target, before,
                            ok ? yk_as_row_json(s, table, id) : NULL, now);
out:
    yk_hs_unlock(s);
    return rc;
}

static enum yk_hub_rc read_text(sqlite3_stmt *st, void *out)
{
    yk_as_copy_col(st, 0, out, 64);
    return YK_HUB_OK;
}

/* The first column of the one row sql (one text parameter) gives into out (64 bytes; "" for
 * NULL): OK, NOT_FOUND when no row, ERROR. */
static enum yk_hub_rc one_text(struct yk_hub_store *s, const char *sql, const char *arg,
                               char out[64])
{
    out[0] = '\0';
    return yk_hs_one_row(s, sql, arg, read_text, out);
}

/* Events ------------------------------------------------------------------------------------ */

int yk_admin_events(struct yk_hub_store *s, const struct yk_admin_event_filter *f,
                    struct yk_admin_event_item *out, int max)
{
    char sql[1400];
    snprintf(sql, sizeof sql,
             "SELECT e.id, e.kind, e.block_id, es.station_id, e.title_zh, e.title_en, "
             "e.starts_utc, e.ends_utc, e.cancelled_utc, e.capacity, "
             "(SELECT coalesce(sum(party_size), 0) FROM signups g WHERE g.event_id = e.id AND "
             "g.status = 'confirmed'), "
             "(SELECT count(*) FROM signups g WHERE g.event_id = e.id AND g.status = 'waitlist'), "
             "e.place_zh, e.place_en, coalesce(e.signup_deadline_utc, e.starts_utc) "
             "FROM events e LEFT JOIN admin_event_station es ON es.event_id = e.id "
             "WHERE e.deleted = 0 AND (?1 IS NULL OR es.station_id = ?1 OR "
             "(?7 AND coalesce(es.station_id, '') = '')) "
             "AND (?2 IS NULL OR e.block_id = ?2) AND (?3 IS NULL OR e.kind = ?3) AND %s "
             "ORDER BY %s LIMIT ?5 OFFSET ?6",
             f->past ? "e.ends_utc <= ?4" : "e.ends_utc > ?4",
             f->past ? "e.starts_utc DESC, e.id" : "e.starts_utc, e.id");
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    int n = -1;
    if (st) {
        yk_hs_bind_str(st, 1, f->station);
        yk_hs_bind_str(st, 2, f->block);
        yk_hs_bind_str(st, 3, f->kind);
        sqlite3_bind_int64(st, 4, f->now);
        sqlite3_bind_int(st, 5, max);
        sqlite3_bind_int(st, 6, f->offset > 0 ? f->offset : 0);
        sqlite3_bind_int(st, 7, f->and_subdistrict);
        n = 0;
        while (n < max && sqlite3_step(st) == SQLITE_ROW) {
            struct yk_admin_event_item *e = &out[n++];
            memset(e, 0, sizeof *e);
            yk_as_copy_col(st, 0, e->id, sizeof e->id);
            yk_as_copy_col(st, 1, e->kind, sizeof e->kind);
            yk_as_copy_col(st, 2, e->block_id, sizeof e->block_id);
            yk_as_copy_col(st, 3, e->station_id, sizeof e->station_id);
            yk_as_copy_col(st, 4, e->title_zh, sizeof e->title_zh);
            yk_as_copy_col(st, 5, e->title_en, sizeof e->title_en);
            e->starts_utc = sqlite3_column_int64(st, 6);
            e->ends_utc = sqlite3_column_int64(st, 7);
            e->cancelled_utc = sqlite3_column_int64(st, 8);
            e->capacity = sqlite3_column_int64(st, 9);
            e->confirmed = sqlite3_column_int64(st, 10);
            e->waitlist = sqlite3_column_int64(st, 11);
            yk_as_copy_col(st, 12, e->place_zh, sizeof e->place_zh);
            yk_as_copy_col(st, 13, e->place_en, sizeof e->place_en);
            e->closes_utc = sqlite3_column_int64(st, 14);
        }
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return n;
}

enum yk_hub_rc yk_admin_event_station(struct yk_hub_store *s, const char *event_id,
                                      char station[64])
{
    return one_text(s,
                    "SELECT es.station_id FROM events e LEFT JOIN admin_event_station es ON "
                    "es.event_id = e.id WHERE e.id = ? AND e.deleted = 0",
                    event_id, station);
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

/* Kiosks and the audit log ------------------------------------------------------------------- */

bool yk_admin_kiosks(struct yk_hub_store *s, const char *station, enum yk_admin_kiosk_order order,
                     void (*cb)(void *ctx, const struct yk_admin_kiosk *k), void *ctx)
{
    /* The order comes from this table, never from a request. */
    static const char *const orders[] = {
        [YK_ADMIN_KIOSKS_SILENT] = "coalesce(k.seen_utc, 0), k.id",
        [YK_ADMIN_KIOSKS_STATION] = "k.station_id, coalesce(k.seen_utc, 0), k.id",
        [YK_ADMIN_KIOSKS_WAITING] = "coalesce(k.records_waiting, 0) + "
                                    "coalesce(k.records_set_aside, r.total, 0) DESC, "
                                    "coalesce(k.seen_utc, 0), k.id",
    };
    if ((unsigned)order >= sizeof orders / sizeof orders[0])
        order = YK_ADMIN_KIOSKS_SILENT;
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT k.id, k.station_id, k.version, k.enrolled_utc, k.revoked_utc, k.seen_utc, "
             "k.last_sync_utc, k.free_disk_bytes, coalesce(k.records_waiting, -1), "
             "coalesce(k.records_set_aside, -1), coalesce(r.total, 0), r.why, "
             "coalesce(k.uptime_s, -1) FROM kiosks k "
             "LEFT JOIN (SELECT kiosk_id, sum(n) AS total, group_concat(reason || ' ×' || n, "
             "', ') AS why FROM (SELECT kiosk_id, reason, count(*) AS n FROM push_rejects GROUP "
             "BY kiosk_id, reason ORDER BY n DESC, reason) GROUP BY kiosk_id) r ON r.kiosk_id = "
             "k.id WHERE ?1 IS NULL OR k.station_id = ?1 ORDER BY %s",
             orders[order]);
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    bool ok = st != NULL;
    if (st)
        yk_hs_bind_str(st, 1, station);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_kiosk k = {0};
        yk_as_copy_col(st, 0, k.id, sizeof k.id);
        yk_as_copy_col(st, 1, k.station_id, sizeof k.station_id);
        yk_as_copy_col(st, 2, k.version, sizeof k.version);
        k.enrolled_utc = sqlite3_column_int64(st, 3);
        k.revoked_utc = sqlite3_column_int64(st, 4);
        k.seen_utc = sqlite3_column_int64(st, 5);
        k.last_sync_utc = sqlite3_column_int64(st, 6);
        k.free_disk_bytes = sqlite3_column_int64(st, 7);
        k.records_waiting = sqlite3_column_int64(st, 8);
        k.records_set_aside = sqlite3_column_int64(st, 9);
        k.refused = sqlite3_column_int64(st, 10);
        yk_as_copy_col(st, 11, k.refused_why, sizeof k.refused_why);
        k.uptime_s = sqlite3_column_int64(st, 12);
        cb(ctx, &k);
    }
    sqlite3_finalize(st);
    yk_hs_unlock(s);
    return ok;
}

enum yk_hub_rc yk_admin_kiosk_station(struct yk_hub_store *s, const char *kiosk_id,
                                      char station[64])
{
    return one_text(s, "SELECT station_id FROM kiosks WHERE id = ?", kiosk_id, station);
}

bool yk_admin_audit_add(struct yk_hub_store *s, const char *actor, const char *action,
                        const char *target, const char *before, const char *after, int64_t now)
{
    yk_hs_lock(s);
    bool ok = yk_as_audit(s, actor, action, target, before, after, now);
    yk_hs_unlock(s);
    return ok;
}

bool yk_admin_audit(struct yk_hub_store *s, const char *q, int offset, int limit,
                    void (*cb)(void *ctx, const struct yk_admin_audit_item *a), void *ctx)
{
    yk_hs_lock(s);
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT id, at_utc, user_name, action, target, before, after "
                      "FROM admin_audit WHERE ?1 IS NULL OR instr(action, ?1) > 0 OR "
                      "instr(coalesce(target, ''), ?1) > 0 OR instr(user_name, ?1) > "
                      "0 ORDER BY id DESC LIMIT ?2 OFFSET ?3");
    bool ok = st != NULL;
    if (st) {
        yk_hs_bind_str(st, 1, q && *q ? q : NULL);
        sqlite3_bind_int(st, 2, limit);
        sqlite3_bind_int(st, 3, offset > 0 ? offset : 0);
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
    yk_hs_unlock(s);
    return ok;
}

/* Volunteers ------------------------------------------------------------------------------- */

bool yk_admin_volunteers(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                         void (*cb)(void *ctx, const struct yk_admin_volunteer *v), void *ctx)
{
    yk_hs_lock(s);
    /* A duty still open counts as begun but adds no minutes (as the figures count it). */
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT v.id, v.name_zh, v.name_en, vs.station_id, v.active, "
                      "coalesce(d.m, 0), coalesce(d.n, 0) FROM volunteers v LEFT JOIN "
                      "admin_volunteer_station vs ON vs.volunteer_id = v.id LEFT JOIN (SELECT "
                      "volunteer_id, sum(coalesce(off_utc, on_utc) - on_utc) / 60 AS m, count(*) "
                      "AS n FROM duty_log WHERE on_utc >= ?2 AND on_utc < ?3 GROUP BY "
                      "volunteer_id) d ON d.volunteer_id = v.id WHERE v.deleted = 0 AND (?1 IS "
                      "NULL OR vs.station_id = ?1) ORDER BY v.active DESC, v.name_zh, v.id");
    bool ok = st != NULL;
    if (st) {
        yk_hs_bind_str(st, 1, station);
        sqlite3_bind_int64(st, 2, from);
        sqlite3_bind_int64(st, 3, to);
    }
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_volunteer v = {0};
        yk_as_copy_col(st, 0, v.id, sizeof v.id);
        yk_as_copy_col(st, 1, v.name_zh, sizeof v.name_zh);
        yk_as_copy_col(st, 2, v.name_en, sizeof v.name_en);
        yk_as_copy_col(st, 3, v.station_id, sizeof v.station_id);
        v.active = sqlite3_column_int(st, 4) != 0;
        v.duty_min = sqlite3_column_int64(st, 5);
        v.duties = sqlite3_column_int64(st, 6);
        cb(ctx, &v);
    }
    sqlite3_finalize(st);
    yk_hs_unlock(s);
    return ok;
}

enum yk_hub_rc yk_admin_volunteer_station(struct yk_hub_store *s, const char *id, char station[64])
{
    return one_text(s,
                    "SELECT vs.station_id FROM volunteers v LEFT JOIN admin_volunteer_station "
                    "vs ON vs.volunteer_id = v.id WHERE v.id = ? AND v.deleted = 0",
                    id, station);
}

/* Figures ---------------------------------------------------------------------------------- */

/* Per-station sums of the month: each query gives (station, a[, b]) rows. */
static const char *const figure_sql[] = {
    "SELECT es.station_id, count(*), sum(g.party_size) FROM signups g JOIN admin_event_station "
    "es ON es.event_id = g.event_id WHERE g.created_utc >= ?1 AND g.created_utc < ?2 AND "
    "g.status <> 'cancelled' GROUP BY es.station_id",
    "SELECT k.station_id, sum(c.count) FROM checkins c JOIN kiosks k ON k.id = c.kiosk_id WHERE "
    "c.created_utc >= ?1 AND c.created_utc < ?2 GROUP BY k.station_id",
    "SELECT es.station_id, count(*) FROM signups g JOIN events e ON e.id = g.event_id JOIN "
    "admin_event_station es ON es.event_id = e.id WHERE g.status = 'confirmed' AND "
    "e.starts_utc >= ?1 AND e.starts_utc < ?2 AND e.ends_utc < ?3 AND NOT EXISTS (SELECT 1 FROM "
    "checkins c WHERE c.signup_id = g.id OR (g.ticket_code IS NOT NULL AND c.ticket_code = "
    "g.ticket_code)) GROUP BY es.station_id",
    "SELECT k.station_id, sum(w.delta) FROM walkins w JOIN kiosks k ON k.id = w.kiosk_id WHERE "
    "w.created_utc >= ?1 AND w.created_utc < ?2 GROUP BY k.station_id",
    "SELECT k.station_id, sum(coalesce(d.off_utc, d.on_utc) - d.on_utc) / 60 FROM duty_log d "
    "JOIN kiosks k ON k.id = d.kiosk_id WHERE d.on_utc >= ?1 AND d.on_utc < ?2 GROUP BY "
    "k.station_id",
};

int yk_admin_figures(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                     int64_t now, struct yk_admin_figures *out, int max)
{
    yk_hs_lock(s);
    int n = -1;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT id, name_zh, name_en FROM stations WHERE deleted = "
                                     "0 AND (?1 IS NULL OR id = ?1) ORDER BY sort, id");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, station);
    n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        memset(&out[n], 0, sizeof out[n]);
        yk_as_copy_col(st, 0, out[n].station_id, sizeof out[n].station_id);
        yk_as_copy_col(st, 1, out[n].name_zh, sizeof out[n].name_zh);
        yk_as_copy_col(st, 2, out[n].name_en, sizeof out[n].name_en);
        n++;
    }
    sqlite3_finalize(st);
    for (size_t q = 0; q < sizeof figure_sql / sizeof figure_sql[0] && n >= 0; q++) {
        st = yk_hs_prep(s, figure_sql[q]);
        if (!st) {
            n = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
        if (q == 2)
            sqlite3_bind_int64(st, 3, now);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *id = (const char *)sqlite3_column_text(st, 0);
            for (int i = 0; id && i < n; i++) {
                if (strcmp(out[i].station_id, id) != 0)
                    continue;
                int64_t a = sqlite3_column_int64(st, 1);
                int64_t *slot[] = {&out[i].signups, &out[i].checked_in, &out[i].no_shows,
                                   &out[i].walkins, &out[i].duty_min};
                *slot[q] = a;
                if (q == 0)
                    out[i].people = sqlite3_column_int64(st, 2);
            }
        }
        sqlite3_finalize(st);
    }
out:
    yk_hs_unlock(s);
    return n;
}

bool yk_admin_walkins_by_kind(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                              void (*cb)(void *ctx, const char *station, const char *kind_zh,
                                         const char *kind_en, int64_t n),
                              void *ctx)
{
    yk_hs_lock(s);
    sqlite3_stmt *st = yk_hs_prep(
        s, "SELECT k.station_id, coalesce(wk.name_zh, w.kind_id), wk.name_en, sum(w.delta) FROM "
           "walkins w JOIN kiosks k ON k.id = w.kiosk_id LEFT JOIN walkin_kinds wk ON wk.id = "
           "w.kind_id WHERE w.created_utc >= ?1 AND w.created_utc < ?2 AND (?3 IS NULL OR "
           "k.station_id = ?3) GROUP BY k.station_id, w.kind_id ORDER BY k.station_id, "
           "wk.sort, w.kind_id");
    bool ok = st != NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, from);
        sqlite3_bind_int64(st, 2, to);
        yk_hs_bind_str(st, 3, station);
    }
    while (st && sqlite3_step(st) == SQLITE_ROW)
        cb(ctx, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2), sqlite3_column_int64(st, 3));
    sqlite3_finalize(st);
    yk_hs_unlock(s);
    return ok;
}
