/* Sync, push: the records this kiosk made, batched for the hub, and the hub's per-record
 * answers applied; the online sign-up confirmation; the queue's counts, the set-aside
 * list and the retry backoff. */
#include "core/sync_internal.h"

#include "core/json.h"
#include "core/log.h"
#include "core/sync_mine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All SQL of the sync client is in the sync_*.c files (the record tables' other SQL is in
 * signup.c and volunteer.c; sync only reads them and moves sync_state). */

static const char *const type_names[YK_SYNC_NTYPES] = {"signup", "checkin", "walkin", "duty",
                                                       "audit"};
static const char *const record_tables[YK_SYNC_NTYPES] = {"signups", "checkins", "walkins",
                                                          "duty_log", "audit_log"};
/* The columns pushed, named as the protocol names them (the same as the kiosk's). A sign-up's
 * phone (read last) is pushed only when the hub keeps full numbers for the stations' call
 * lists (its heartbeat answer said phone_days > 0); the last four always are, and with the
 * hub's phone key its keyed hash (phone_hash, core/sync_mine.h). */
static const char *const push_sql[YK_SYNC_NTYPES] = {
    "SELECT id, kiosk_id, event_id, party_size, created_utc, status, phone_last4, surname, "
    "title, ticket_code, ticket_serial, short_code, updated_utc, phone "
    "FROM signups WHERE sync_state = 'pending' ORDER BY id LIMIT ?",
    "SELECT id, kiosk_id, event_id, count, created_utc, signup_id, ticket_code, volunteer_id "
    "FROM checkins WHERE sync_state = 'pending' ORDER BY id LIMIT ?",
    "SELECT id, kiosk_id, kind_id, delta, created_utc "
    "FROM walkins WHERE sync_state = 'pending' ORDER BY id LIMIT ?",
    "SELECT id, kiosk_id, volunteer_id, on_utc, off_utc "
    "FROM duty_log WHERE sync_state = 'pending' ORDER BY id LIMIT ?",
    "SELECT id, kiosk_id, what, ref, created_utc "
    "FROM audit_log WHERE sync_state = 'pending' ORDER BY id LIMIT ?",
};

const char *yk_sync_type_name(enum yk_sync_type t)
{
    return (unsigned)t < YK_SYNC_NTYPES ? type_names[t] : "?";
}

/* Push ------------------------------------------------------------------------------------- */

void yk_sync_batch_free(struct yk_sync_batch *b)
{
    if (!b)
        return;
    free(b->json);
    free(b->items);
    memset(b, 0, sizeof *b);
}

/* A sign-up's phone column: the number itself only when with_phone, and its keyed hash when
 * the hub's phone key is known (a number already purged has neither). */
static void write_phone(struct yk_jw *w, sqlite3_stmt *st, int c, bool with_phone,
                        const uint8_t *phone_key)
{
    const char *phone = (const char *)sqlite3_column_text(st, c);
    if (!phone)
        return;
    if (with_phone)
        yk_jw_kstr(w, "phone", phone);
    char hash[YK_SYNC_PHONE_HASH_HEX + 1];
    if (phone_key && yk_sync_phone_hash(phone_key, phone, hash))
        yk_jw_kstr(w, "phone_hash", hash);
}

bool yk_sync_build_push(struct yk_db *db, size_t max_records, const uint8_t *phone_key,
                        struct yk_sync_batch *out)
{
    memset(out, 0, sizeof *out);
    if (max_records < 1)
        max_records = 1;
    if (max_records > YK_SYNC_BATCH_MAX)
        max_records = YK_SYNC_BATCH_MAX;
    out->items = calloc(max_records, sizeof *out->items);
    if (!out->items)
        return false;
    struct yk_jw w;
    yk_jw_init(&w, YK_SYNC_BATCH_BYTES + (64u << 10));
    yk_jw_obj_begin(&w);
    yk_jw_key(&w, "records");
    yk_jw_arr_begin(&w);
    bool ok = true, full = false;
    char days[16];
    bool with_phone =
        yk_db_meta_get(db, YK_SYNC_META_HUB_PHONE_DAYS, days, sizeof days) && atoi(days) > 0;
    for (int t = 0; t < YK_SYNC_NTYPES && ok && !full; t++) {
        sqlite3_stmt *st = yk_db_prepare(db, push_sql[t]);
        if (!st) {
            ok = false;
            break;
        }
        sqlite3_bind_int64(st, 1, (sqlite3_int64)(max_records - out->count));
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (out->count >= max_records || w.len >= YK_SYNC_BATCH_BYTES) {
                full = true;
                break;
            }
            struct yk_sync_item *it = &out->items[out->count++];
            it->type = (enum yk_sync_type)t;
            snprintf(it->id, sizeof it->id, "%s", (const char *)sqlite3_column_text(st, 0));
            yk_jw_obj_begin(&w);
            yk_jw_kstr(&w, "type", type_names[t]);
            int n = sqlite3_column_count(st);
            for (int c = 0; c < n; c++) {
                const char *name = sqlite3_column_name(st, c);
                if (t == YK_SYNC_SIGNUP && strcmp(name, "phone") == 0) {
                    write_phone(&w, st, c, with_phone, phone_key);
                    continue;
                }
                yk_jw_key(&w, name);
                switch (sqlite3_column_type(st, c)) {
                case SQLITE_INTEGER:
                    yk_jw_int(&w, sqlite3_column_int64(st, c));
                    break;
                case SQLITE_NULL:
                    yk_jw_null(&w);
                    break;
                default:
                    yk_jw_strn(&w, (const char *)sqlite3_column_text(st, c),
                               (size_t)sqlite3_column_bytes(st, c));
                    break;
                }
                if (t == YK_SYNC_SIGNUP && strcmp(name, "status") == 0)
                    snprintf(it->status, sizeof it->status, "%s",
                             (const char *)sqlite3_column_text(st, c));
                if (t == YK_SYNC_SIGNUP && strcmp(name, "ticket_code") == 0)
                    it->ticket_set = sqlite3_column_type(st, c) != SQLITE_NULL;
                if (t == YK_SYNC_DUTY && strcmp(name, "off_utc") == 0 &&
                    sqlite3_column_type(st, c) != SQLITE_NULL) {
                    it->off_set = true;
                    it->off_utc = sqlite3_column_int64(st, c);
                }
            }
            yk_jw_obj_end(&w);
        }
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
            yk_error("sync", "reading pending %s: %s", record_tables[t],
                     sqlite3_errmsg(db->handle));
            ok = false;
        }
        sqlite3_finalize(st);
    }
    yk_jw_arr_end(&w);
    yk_jw_obj_end(&w);
    if (!ok || out->count == 0) {
        yk_jw_destroy(&w);
        free(out->items);
        memset(out, 0, sizeof *out);
        return ok;
    }
    out->json = yk_jw_take(&w, &out->len);
    if (!out->json) {
        /* Text that is not UTF-8 in a record: a bug upstream; logged, the batch not sent. */
        yk_error("sync", "cannot write the push batch (invalid text in a record?)");
        yk_sync_batch_free(out);
        return false;
    }
    return true;
}

int yk_sync_apply_decision(struct yk_db *db, sqlite3_stmt **cache, const char *id,
                           const char *status, int64_t updated_utc)
{
    if (strcmp(status, "confirmed") != 0 && strcmp(status, "waitlist") != 0 &&
        strcmp(status, "cancelled") != 0)
        return 0;
    /* A waiting sign-up is decided; any sign-up may be cancelled by the station's staff in
     * the hub's admin (its ticket then comes down in revocations too); nothing is revived. */
    if (!*cache)
        *cache = yk_db_prepare(db, "UPDATE signups SET status = ?2, "
                                   "updated_utc = max(updated_utc, ?3) "
                                   "WHERE id = ?1 AND status <> 'cancelled' AND status <> ?2 "
                                   "AND (status IN ('pending', 'waitlist') OR ?2 = 'cancelled')");
    sqlite3_stmt *st = *cache;
    if (!st)
        return -1;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, status, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, updated_utc);
    if (sqlite3_step(st) != SQLITE_DONE) {
        yk_error("sync", "cannot apply the hub's decision on sign-up %s: %s", id,
                 sqlite3_errmsg(db->handle));
        return -1;
    }
    return sqlite3_changes(db->handle) > 0;
}

bool yk_sync_apply_push(struct yk_db *db, const struct yk_sync_batch *b, const char *body,
                        size_t len, int64_t now_utc_s, struct yk_sync_push_result *out)
{
    memset(out, 0, sizeof *out);
    struct yk_json_doc doc;
    struct yk_json_limits lim = {.max_bytes = YK_SYNC_RESPONSE_MAX};
    if (!yk_json_parse(&doc, body, len, &lim)) {
        yk_error("sync", "push answer is not valid JSON: %s", doc.error);
        yk_json_free(&doc);
        return false;
    }
    const struct yk_json *results = yk_json_get(doc.root, "results");
    bool ok = results && results->type == YK_JSON_ARRAY && results->len == b->count;
    /* Check the whole answer before changing anything. */
    size_t i = 0;
    for (const struct yk_json *r = ok ? results->first : NULL; r && ok; r = r->next, i++) {
        const char *id, *res;
        ok = yk_json_get_str(r, "id", &id) && strcmp(id, b->items[i].id) == 0 &&
             yk_json_get_str(r, "result", &res);
    }
    if (!ok) {
        yk_error("sync", "push answer does not match the batch of %zu records", b->count);
        yk_json_free(&doc);
        return false;
    }
    sqlite3_stmt *synced[YK_SYNC_NTYPES] = {0}, *rejected[YK_SYNC_NTYPES] = {0};
    sqlite3_stmt *note = NULL, *decide = NULL;
    if (!yk_db_begin(db)) {
        yk_json_free(&doc);
        return false;
    }
    i = 0;
    for (const struct yk_json *r = results->first; r && ok; r = r->next, i++) {
        const struct yk_sync_item *it = &b->items[i];
        const char *res = NULL, *reason = NULL, *status = NULL;
        yk_json_get_str(r, "result", &res);
        bool is_rejected = strcmp(res, "rejected") == 0;
        if (!is_rejected && strcmp(res, "accepted") != 0 && strcmp(res, "duplicate") != 0) {
            yk_warn("sync", "unknown push result '%.20s' for %s: kept pending", res, it->id);
            continue;
        }
        sqlite3_stmt **cache = is_rejected ? &rejected[it->type] : &synced[it->type];
        if (!*cache) {
            char sql[256];
            /* A sign-up whose status changed, or that got its ticket, since the batch was
             * built goes up again. */
            const char *guard = it->type == YK_SYNC_SIGNUP
                                    ? " AND status = ?3 AND (ticket_code IS NOT NULL) = ?5"
                                : it->type == YK_SYNC_DUTY ? " AND off_utc IS ?4"
                                                           : "";
            snprintf(sql, sizeof sql,
                     "UPDATE %s SET sync_state = ?2 WHERE id = ?1 AND sync_state = 'pending'%s",
                     record_tables[it->type], guard);
            *cache = yk_db_prepare(db, sql);
            if (!*cache) {
                ok = false;
                break;
            }
        }
        sqlite3_stmt *st = *cache;
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        sqlite3_bind_text(st, 1, it->id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, is_rejected ? "rejected" : "synced", -1, SQLITE_STATIC);
        if (it->type == YK_SYNC_SIGNUP) {
            sqlite3_bind_text(st, 3, it->status, -1, SQLITE_STATIC);
            sqlite3_bind_int(st, 5, it->ticket_set);
        }
        if (it->type == YK_SYNC_DUTY && it->off_set)
            sqlite3_bind_int64(st, 4, it->off_utc);
        if (sqlite3_step(st) != SQLITE_DONE) {
            yk_error("sync", "cannot mark %s %s: %s", type_names[it->type], it->id,
                     sqlite3_errmsg(db->handle));
            ok = false;
            break;
        }
        bool marked = sqlite3_changes(db->handle) > 0;
        if (is_rejected) {
            out->rejected++;
            if (!yk_json_get_str(r, "reason", &reason))
                reason = "unknown";
            if (marked) {
                if (!note)
                    note = yk_db_prepare(db, "INSERT OR REPLACE INTO sync_rejects "
                                             "(record_id, type, reason, rejected_utc) "
                                             "VALUES (?, ?, ?, ?)");
                if (!note) {
                    ok = false;
                    break;
                }
                sqlite3_reset(note);
                sqlite3_bind_text(note, 1, it->id, -1, SQLITE_STATIC);
                sqlite3_bind_text(note, 2, type_names[it->type], -1, SQLITE_STATIC);
                sqlite3_bind_text(note, 3, reason, (int)strnlen(reason, 39), SQLITE_TRANSIENT);
                sqlite3_bind_int64(note, 4, now_utc_s);
                if (sqlite3_step(note) != SQLITE_DONE) {
                    yk_error("sync", "cannot note the rejection of %s: %s", it->id,
                             sqlite3_errmsg(db->handle));
                    ok = false;
                    break;
                }
            }
            yk_warn("sync", "hub rejected %s %s: %.40s", type_names[it->type], it->id, reason);
        } else {
            if (strcmp(res, "accepted") == 0)
                out->accepted++;
            else
                out->duplicate++;
        }
        if (it->type == YK_SYNC_SIGNUP && yk_json_get_str(r, "status", &status)) {
            int d = yk_sync_apply_decision(db, &decide, it->id, status, now_utc_s);
            if (d < 0) {
                ok = false;
                break;
            }
            out->decided += d;
        }
    }
    for (int t = 0; t < YK_SYNC_NTYPES; t++) {
        sqlite3_finalize(synced[t]);
        sqlite3_finalize(rejected[t]);
    }
    sqlite3_finalize(note);
    sqlite3_finalize(decide);
    yk_json_free(&doc);
    if (!ok) {
        yk_db_rollback(db);
        return false;
    }
    return yk_db_commit(db);
}

char *yk_sync_signup_request(struct yk_db *db, const char *signup_id, bool waitlist_ok, size_t *len)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%.*s",
             (int)(strstr(push_sql[YK_SYNC_SIGNUP], " WHERE") - push_sql[YK_SYNC_SIGNUP]),
             push_sql[YK_SYNC_SIGNUP]);
    strcat(sql, " WHERE id = ? AND status = 'pending'");
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW) {
        struct yk_jw w;
        yk_jw_init(&w, 64u << 10);
        yk_jw_obj_begin(&w);
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            yk_jw_key(&w, sqlite3_column_name(st, c));
            if (sqlite3_column_type(st, c) == SQLITE_INTEGER)
                yk_jw_int(&w, sqlite3_column_int64(st, c));
            else if (sqlite3_column_type(st, c) == SQLITE_NULL)
                yk_jw_null(&w);
            else
                yk_jw_strn(&w, (const char *)sqlite3_column_text(st, c),
                           (size_t)sqlite3_column_bytes(st, c));
        }
        yk_jw_kbool(&w, "waitlist_ok", waitlist_ok);
        yk_jw_obj_end(&w);
        out = yk_jw_take(&w, len);
    }
    sqlite3_finalize(st);
    return out;
}

bool yk_sync_apply_signup_answer(struct yk_db *db, const char *signup_id, const char *body,
                                 size_t len, char status[12])
{
    status[0] = '\0';
    struct yk_json_doc doc;
    if (!yk_json_parse(&doc, body, len, NULL)) {
        yk_json_free(&doc);
        return false;
    }
    const char *id, *result, *st;
    bool ok = yk_json_get_str(doc.root, "id", &id) && strcmp(id, signup_id) == 0 &&
              yk_json_get_str(doc.root, "result", &result) &&
              yk_json_get_str(doc.root, "status", &st) && strlen(st) < 12;
    if (ok)
        snprintf(status, 12, "%s", st);
    bool stored = ok && (strcmp(result, "accepted") == 0 || strcmp(result, "duplicate") == 0);
    if (ok && stored && yk_db_begin(db)) {
        sqlite3_stmt *u = yk_db_prepare(db, "UPDATE signups SET sync_state = 'synced' WHERE "
                                            "id = ? AND status = 'pending' AND sync_state = "
                                            "'pending'");
        sqlite3_stmt *decide = NULL;
        ok = u != NULL;
        if (ok) {
            sqlite3_bind_text(u, 1, signup_id, -1, SQLITE_STATIC);
            ok = sqlite3_step(u) == SQLITE_DONE;
        }
        sqlite3_finalize(u);
        ok = ok && yk_sync_apply_decision(db, &decide, signup_id, st, 0) >= 0;
        sqlite3_finalize(decide);
        if (ok)
            ok = yk_db_commit(db);
        else
            yk_db_rollback(db);
    } else if (ok && stored) {
        ok = false;
    }
    yk_json_free(&doc);
    return ok;
}

/* Counts and rejects ------------------------------------------------------------------------- */

bool yk_sync_counts(struct yk_db *db, int *waiting, int *rejected)
{
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT (SELECT count(*) FROM signups WHERE sync_state = 'pending') + "
                          "(SELECT count(*) FROM checkins WHERE sync_state = 'pending') + "
                          "(SELECT count(*) FROM walkins WHERE sync_state = 'pending') + "
                          "(SELECT count(*) FROM duty_log WHERE sync_state = 'pending') + "
                          "(SELECT count(*) FROM audit_log WHERE sync_state = 'pending'), "
                          "(SELECT count(*) FROM signups WHERE sync_state = 'rejected') + "
                          "(SELECT count(*) FROM checkins WHERE sync_state = 'rejected') + "
                          "(SELECT count(*) FROM walkins WHERE sync_state = 'rejected') + "
                          "(SELECT count(*) FROM duty_log WHERE sync_state = 'rejected') + "
                          "(SELECT count(*) FROM audit_log WHERE sync_state = 'rejected')");
    if (!st)
        return false;
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        if (waiting)
            *waiting = sqlite3_column_int(st, 0);
        if (rejected)
            *rejected = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return ok;
}

int yk_sync_rejects(struct yk_db *db, struct yk_sync_reject *out, int max)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT type, record_id, reason, rejected_utc FROM "
                                         "sync_rejects ORDER BY rejected_utc DESC, record_id "
                                         "DESC LIMIT ?");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, max);
    int n = 0, rc;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct yk_sync_reject *r = &out[n++];
        snprintf(r->type, sizeof r->type, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(r->id, sizeof r->id, "%s", (const char *)sqlite3_column_text(st, 1));
        snprintf(r->reason, sizeof r->reason, "%s", (const char *)sqlite3_column_text(st, 2));
        r->rejected_utc = sqlite3_column_int64(st, 3);
    }
    sqlite3_finalize(st);
    return n;
}

int64_t yk_sync_backoff_ms(int attempt, double r)
{
    int64_t ms = 5000;
    for (int i = 1; i < attempt && ms < 600000; i++)
        ms *= 2;
    if (ms > 600000)
        ms = 600000;
    if (r < 0)
        r = 0;
    if (r > 1)
        r = 1;
    return (int64_t)((double)ms * (0.8 + 0.4 * r));
}
