#include "core/sync.h"

#include "core/base32.h"
#include "core/json.h"
#include "core/log.h"

#include <ctype.h>
#include <pthread.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All SQL of the sync client is in this file (the record tables' other SQL is in signup.c
 * and volunteer.c; sync only reads them and moves sync_state). */

static const char *const type_names[YK_SYNC_NTYPES] = {"signup", "checkin", "walkin", "duty",
                                                       "audit"};
static const char *const record_tables[YK_SYNC_NTYPES] = {"signups", "checkins", "walkins",
                                                          "duty_log", "audit_log"};
/* The columns pushed, named as the protocol names them (the same as the kiosk's). The
 * phone is not among them: the hub does not need the full number. */
static const char *const push_sql[YK_SYNC_NTYPES] = {
    "SELECT id, kiosk_id, event_id, party_size, created_utc, status, phone_last4, surname, "
    "title, ticket_code, ticket_serial, short_code, updated_utc "
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

static bool exec_sql(struct yk_db *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db->handle, sql, NULL, NULL, &msg) != SQLITE_OK) {
        yk_error("sync", "%s: %s", sql, msg ? msg : sqlite3_errmsg(db->handle));
        sqlite3_free(msg);
        return false;
    }
    return true;
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

bool yk_sync_build_push(struct yk_db *db, size_t max_records, struct yk_sync_batch *out)
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

/* A sign-up's status as the hub decided it. Only pending or waitlisted sign-ups change,
 * only to confirmed or waitlist: a confirmed sign-up is never taken back, and a cancelled
 * one stays cancelled. Returns 1 changed, 0 not, -1 error. */
static int apply_decision(struct yk_db *db, sqlite3_stmt **cache, const char *id,
                          const char *status, int64_t updated_utc)
{
    if (strcmp(status, "confirmed") != 0 && strcmp(status, "waitlist") != 0)
        return 0;
    if (!*cache)
        *cache = yk_db_prepare(db, "UPDATE signups SET status = ?2, "
                                   "updated_utc = max(updated_utc, ?3) "
                                   "WHERE id = ?1 AND status IN ('pending', 'waitlist') "
                                   "AND status <> ?2");
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
            int d = apply_decision(db, &decide, it->id, status, now_utc_s);
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

char *yk_sync_signup_request(struct yk_db *db, const char *signup_id, bool waitlist_ok,
                             size_t *len)
{
    char sql[512];
    snprintf(sql, sizeof sql, "%.*s", (int)(strstr(push_sql[YK_SYNC_SIGNUP], " WHERE") -
                                            push_sql[YK_SYNC_SIGNUP]),
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
        ok = ok && apply_decision(db, &decide, signup_id, st, 0) >= 0;
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

/* Pull -------------------------------------------------------------------------------------- */

#define MAX_COLS 40

/* A content table as this build's schema has it (PRAGMA table_info), and the upsert last
 * used for it (pages send every column of a table, so one statement serves a whole page). */
struct table {
    const char *name;
    bool loaded;
    int ncols, pk, rev;
    char cols[MAX_COLS][32];
    char kinds[MAX_COLS]; /* 'i' INTEGER, 't' TEXT, 'b' BLOB (hex on the wire) */
    bool notnull[MAX_COLS];
    uint64_t mask;
    sqlite3_stmt *upsert;
};

/* Content tables a page may bring, with their upserts. Others are 'media', 'allotments' and
 * 'signups' (handled apart) and tables a newer hub may add (ignored). */
static const char *const content_tables[] = {
    "stations", "blocks",       "service_lines", "services",    "sites",
    "events",   "walkin_kinds", "volunteers",    "kiosk_keys",  "revocations",
};
#define NCONTENT (sizeof content_tables / sizeof content_tables[0])
/* Tables the sample content fills (kiosk_keys is not one: this kiosk's own key is rev 0). */
static const char *const sample_tables[] = {"stations", "blocks",       "service_lines",
                                            "services", "sites",        "events",
                                            "walkin_kinds", "volunteers"};

static bool load_table(struct yk_db *db, struct table *t)
{
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", t->name);
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return false;
    t->ncols = 0;
    t->pk = t->rev = -1;
    while (sqlite3_step(st) == SQLITE_ROW && t->ncols < MAX_COLS) {
        int i = t->ncols++;
        snprintf(t->cols[i], sizeof t->cols[i], "%s", (const char *)sqlite3_column_text(st, 1));
        const char *type = (const char *)sqlite3_column_text(st, 2);
        t->kinds[i] = strcmp(type, "INTEGER") == 0 ? 'i' : strcmp(type, "BLOB") == 0 ? 'b' : 't';
        t->notnull[i] = sqlite3_column_int(st, 3) != 0;
        if (sqlite3_column_int(st, 5) == 1)
            t->pk = i;
        if (strcmp(t->cols[i], "rev") == 0)
            t->rev = i;
    }
    sqlite3_finalize(st);
    t->loaded = true;
    return t->pk >= 0 && t->rev >= 0;
}

static int col_index(const struct table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i], name) == 0)
            return i;
    return -1;
}

static sqlite3_stmt *upsert_for(struct yk_db *db, struct table *t, uint64_t mask)
{
    if (t->upsert && t->mask == mask)
        return t->upsert;
    sqlite3_finalize(t->upsert);
    t->upsert = NULL;
    size_t cap = 8192;
    char *sql = malloc(cap);
    if (!sql)
        return NULL;
    size_t n = (size_t)snprintf(sql, cap, "INSERT INTO \"%s\" (", t->name);
    bool first = true;
    for (int i = 0; i < t->ncols; i++)
        if (mask & (1ull << i)) {
            n += (size_t)snprintf(sql + n, cap - n, "%s\"%s\"", first ? "" : ", ", t->cols[i]);
            first = false;
        }
    n += (size_t)snprintf(sql + n, cap - n, ") VALUES (");
    first = true;
    for (int i = 0; i < t->ncols; i++)
        if (mask & (1ull << i)) {
            n += (size_t)snprintf(sql + n, cap - n, "%s?%d", first ? "" : ", ", i + 1);
            first = false;
        }
    n += (size_t)snprintf(sql + n, cap - n, ") ON CONFLICT (\"%s\") DO UPDATE SET ",
                          t->cols[t->pk]);
    first = true;
    for (int i = 0; i < t->ncols; i++)
        if ((mask & (1ull << i)) && i != t->pk) {
            n += (size_t)snprintf(sql + n, cap - n, "%s\"%s\" = excluded.\"%s\"",
                                  first ? "" : ", ", t->cols[i], t->cols[i]);
            first = false;
        }
    snprintf(sql + n, cap - n, " WHERE excluded.rev > \"%s\".rev", t->name);
    t->upsert = yk_db_prepare(db, sql);
    t->mask = mask;
    free(sql);
    return t->upsert;
}

static bool fail_msg(char *err, size_t errn, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail_msg(char *err, size_t errn, const char *fmt, ...)
{
    if (err && errn) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errn, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* Upserts one content row. 1 written, 0 stale (not newer), -1 malformed or error. */
static int apply_content(struct yk_db *db, struct table *t, const struct yk_json *row,
                         char *err, size_t errn)
{
    if (!t->loaded && !load_table(db, t)) {
        fail_msg(err, errn, "table %s: unknown layout", t->name);
        return -1;
    }
    uint64_t mask = 0;
    for (const struct yk_json *m = row->first; m; m = m->next) {
        int c = col_index(t, m->key);
        if (c < 0)
            continue; /* a column this build does not have: a newer hub */
        bool fits = m->type == YK_JSON_NULL ? !t->notnull[c]
                    : t->kinds[c] == 'i'    ? m->type == YK_JSON_INT
                    : t->kinds[c] == 'b'    ? m->type == YK_JSON_STRING && m->len % 2 == 0 &&
                                               m->len <= 256
                                            : m->type == YK_JSON_STRING;
        if (!fits) {
            fail_msg(err, errn, "%s.%s: wrong type", t->name, t->cols[c]);
            return -1;
        }
        mask |= 1ull << c;
    }
    if (!(mask & (1ull << t->pk)) || !(mask & (1ull << t->rev)) ||
        yk_json_get(row, t->cols[t->pk])->type != YK_JSON_STRING) {
        fail_msg(err, errn, "%s: a row without its key or rev", t->name);
        return -1;
    }
    sqlite3_stmt *st = upsert_for(db, t, mask);
    if (!st) {
        fail_msg(err, errn, "%s: cannot prepare the upsert", t->name);
        return -1;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (const struct yk_json *m = row->first; m; m = m->next) {
        int c = col_index(t, m->key);
        if (c < 0)
            continue;
        if (m->type == YK_JSON_NULL) {
            sqlite3_bind_null(st, c + 1);
        } else if (m->type == YK_JSON_INT) {
            sqlite3_bind_int64(st, c + 1, m->num);
        } else if (t->kinds[c] == 'b') {
            unsigned char bin[128];
            size_t bl = 0;
            if (sodium_hex2bin(bin, sizeof bin, m->str, m->len, NULL, &bl, NULL) != 0 ||
                bl * 2 != m->len) {
                fail_msg(err, errn, "%s.%s: not hex", t->name, t->cols[c]);
                return -1;
            }
            sqlite3_bind_blob(st, c + 1, bin, (int)bl, SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_text(st, c + 1, m->str, (int)m->len, SQLITE_STATIC);
        }
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        fail_msg(err, errn, "%s: %s", t->name, sqlite3_errmsg(db->handle));
        sqlite3_reset(st);
        return -1;
    }
    int changed = sqlite3_changes(db->handle) > 0;
    sqlite3_reset(st);
    return changed;
}

static bool is_hex64(const char *s, size_t len)
{
    if (len != 64)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
            return false;
    return true;
}

struct page_stmts {
    sqlite3_stmt *media_have, *media_want, *allot, *decide;
};

static int apply_special(struct yk_db *db, struct page_stmts *ps, const char *table,
                         const struct yk_json *row, struct yk_sync_page_result *out, char *err,
                         size_t errn)
{
    if (strcmp(table, "media") == 0) {
        const char *hash, *mime;
        int64_t size, rev = 0;
        if (!yk_json_get_str(row, "hash", &hash) || !is_hex64(hash, strlen(hash)) ||
            !yk_json_get_str(row, "mime", &mime) || strlen(mime) > 100 ||
            !yk_json_get_int(row, "size", &size) || size < 0 || size > (64 << 20)) {
            fail_msg(err, errn, "media: malformed row");
            return -1;
        }
        yk_json_get_int(row, "rev", &rev);
        if (!ps->media_have)
            ps->media_have = yk_db_prepare(db, "SELECT 1 FROM media WHERE hash = ?");
        if (!ps->media_want)
            ps->media_want = yk_db_prepare(db, "INSERT OR IGNORE INTO sync_media_wanted "
                                               "(hash, mime, size, rev) VALUES (?, ?, ?, ?)");
        if (!ps->media_have || !ps->media_want)
            return -1;
        sqlite3_reset(ps->media_have);
        sqlite3_bind_text(ps->media_have, 1, hash, -1, SQLITE_STATIC);
        bool have = sqlite3_step(ps->media_have) == SQLITE_ROW;
        sqlite3_reset(ps->media_have);
        if (have)
            return 0;
        sqlite3_reset(ps->media_want);
        sqlite3_bind_text(ps->media_want, 1, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(ps->media_want, 2, mime, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ps->media_want, 3, size);
        sqlite3_bind_int64(ps->media_want, 4, rev);
        if (sqlite3_step(ps->media_want) != SQLITE_DONE) {
            fail_msg(err, errn, "media: %s", sqlite3_errmsg(db->handle));
            return -1;
        }
        out->media++;
        return 1;
    }
    if (strcmp(table, "allotments") == 0) {
        const char *event_id;
        int64_t held;
        if (!yk_json_get_str(row, "event_id", &event_id) ||
            !yk_json_get_int(row, "seats_held", &held) || held < 0 || held > 1000000) {
            fail_msg(err, errn, "allotments: malformed row");
            return -1;
        }
        if (!ps->allot)
            ps->allot = yk_db_prepare(db, "UPDATE events SET seats_held = ?2 WHERE id = ?1");
        if (!ps->allot)
            return -1;
        sqlite3_reset(ps->allot);
        sqlite3_bind_text(ps->allot, 1, event_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ps->allot, 2, held);
        if (sqlite3_step(ps->allot) != SQLITE_DONE) {
            fail_msg(err, errn, "allotments: %s", sqlite3_errmsg(db->handle));
            return -1;
        }
        return sqlite3_changes(db->handle) > 0;
    }
    /* signups: the hub's decision on one of this kiosk's sign-ups. */
    const char *id, *status;
    int64_t updated = 0;
    if (!yk_json_get_str(row, "id", &id) || !yk_json_get_str(row, "status", &status)) {
        fail_msg(err, errn, "signups: malformed row");
        return -1;
    }
    yk_json_get_int(row, "updated_utc", &updated);
    int d = apply_decision(db, &ps->decide, id, status, updated);
    if (d < 0)
        fail_msg(err, errn, "signups: cannot apply a decision");
    return d;
}

bool yk_sync_apply_page(struct yk_db *db, const char *body, size_t len,
                        struct yk_sync_page_result *out, char *err, size_t errn)
{
    memset(out, 0, sizeof *out);
    if (err && errn)
        err[0] = '\0';
    struct yk_json_doc doc;
    struct yk_json_limits lim = {.max_bytes = YK_SYNC_RESPONSE_MAX, .max_depth = 8};
    if (!yk_json_parse(&doc, body, len, &lim)) {
        fail_msg(err, errn, "not valid JSON: %s", doc.error);
        yk_json_free(&doc);
        return false;
    }
    const struct yk_json *changes = yk_json_get(doc.root, "changes");
    int64_t cursor;
    bool more;
    if (!changes || changes->type != YK_JSON_ARRAY || !yk_json_get_int(doc.root, "cursor", &cursor) ||
        cursor < 0 || !yk_json_get_bool(doc.root, "more", &more)) {
        fail_msg(err, errn, "not a changes page (changes, cursor, more)");
        yk_json_free(&doc);
        return false;
    }
    struct table tables[NCONTENT];
    memset(tables, 0, sizeof tables);
    for (size_t i = 0; i < NCONTENT; i++)
        tables[i].name = content_tables[i];
    struct page_stmts ps = {0};
    bool ok = yk_db_begin(db);
    if (!ok)
        fail_msg(err, errn, "cannot begin: %s", db->error[0] ? db->error : "database busy");
    for (const struct yk_json *c = ok ? changes->first : NULL; c && ok; c = c->next) {
        const char *table;
        const struct yk_json *row = yk_json_get(c, "row");
        if (!yk_json_get_str(c, "table", &table) || !row || row->type != YK_JSON_OBJECT) {
            ok = fail_msg(err, errn, "a change without table or row");
            break;
        }
        int r = 0;
        struct table *t = NULL;
        for (size_t i = 0; i < NCONTENT; i++)
            if (strcmp(tables[i].name, table) == 0)
                t = &tables[i];
        if (t) {
            r = apply_content(db, t, row, err, errn);
        } else if (strcmp(table, "media") == 0 || strcmp(table, "allotments") == 0 ||
                   strcmp(table, "signups") == 0) {
            r = apply_special(db, &ps, table, row, out, err, errn);
        } else {
            out->ignored++;
            continue;
        }
        if (r < 0)
            ok = false;
        else if (r > 0)
            out->applied++;
        else
            out->stale++;
    }
    for (size_t i = 0; i < NCONTENT; i++)
        sqlite3_finalize(tables[i].upsert);
    sqlite3_finalize(ps.media_have);
    sqlite3_finalize(ps.media_want);
    sqlite3_finalize(ps.allot);
    sqlite3_finalize(ps.decide);

    if (ok && !more) {
        /* The hub is the authority once its content is complete here: the sample rows (rev
         * 0, including the demo volunteer) go. Tombstones, not deletes: records may point
         * at them. */
        char flag[8];
        if (yk_db_meta_get(db, "sample_content", flag, sizeof flag) && strcmp(flag, "1") == 0) {
            for (size_t i = 0; ok && i < sizeof sample_tables / sizeof sample_tables[0]; i++) {
                char sql[128];
                snprintf(sql, sizeof sql,
                         "UPDATE %s SET deleted = 1 WHERE rev = 0 AND deleted = 0",
                         sample_tables[i]);
                ok = exec_sql(db, sql);
            }
            ok = ok && yk_db_meta_set(db, "sample_content", "0");
            if (!ok)
                fail_msg(err, errn, "cannot retire the sample content");
        }
    }
    if (ok) {
        char buf[24];
        snprintf(buf, sizeof buf, "%lld", (long long)cursor);
        ok = yk_db_meta_set(db, "sync.cursor", buf);
        if (!ok)
            fail_msg(err, errn, "cannot save the cursor");
    }
    if (ok) {
        ok = yk_db_commit(db);
        if (!ok)
            fail_msg(err, errn, "commit failed: %s", db->error);
    } else if (sqlite3_get_autocommit(db->handle) == 0) {
        yk_db_rollback(db);
    }
    yk_json_free(&doc);
    if (ok) {
        out->cursor = cursor;
        out->more = more;
    } else {
        memset(out, 0, sizeof *out);
    }
    return ok;
}

/* Seats -------------------------------------------------------------------------------------- */

int yk_sync_seat_plan(struct yk_db *db, int64_t now_utc_s, int block,
                      struct yk_sync_seat_ask *out, int max)
{
    if (block <= 0 || max <= 0)
        return 0;
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, seats_held, capacity, coalesce(signup_deadline_utc, starts_utc) AS dl, "
            "coalesce((SELECT sum(party_size) FROM signups s WHERE s.event_id = e.id AND "
            "s.status = 'confirmed' AND s.from_allotment = 1), 0) AS used "
            "FROM events e WHERE deleted = 0 AND rev > 0 AND capacity > 0 "
            "AND ends_utc > ?1 - 7 * 86400 ORDER BY dl, id");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now_utc_s);
    int n = 0, rc = SQLITE_DONE;
    while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        int held = sqlite3_column_int(st, 1), capacity = sqlite3_column_int(st, 2);
        int64_t deadline = sqlite3_column_int64(st, 3);
        int used = sqlite3_column_int(st, 4);
        int want;
        if (now_utc_s < deadline) {
            if (held - used >= block)
                continue;
            want = used + block;
            if (want > capacity)
                want = capacity > used ? capacity : used;
        } else {
            if (held <= used)
                continue;
            want = used;
        }
        if (want == held || strlen(id) >= sizeof out[0].event_id)
            continue;
        struct yk_sync_seat_ask *a = &out[n++];
        snprintf(a->event_id, sizeof a->event_id, "%s", id);
        a->held = held;
        a->used = used;
        a->want = want;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        yk_error("sync", "cannot plan the seats to ask for: %s", sqlite3_errmsg(db->handle));
        n = -1;
    }
    sqlite3_finalize(st);
    return n;
}

int yk_sync_apply_seats_answer(struct yk_db *db, const char *event_id, const char *body,
                               size_t len, int64_t *held)
{
    struct yk_json_doc doc;
    const char *ev;
    *held = -1;
    bool usable = yk_json_parse(&doc, body, len, NULL) &&
                  yk_json_get_str(doc.root, "event_id", &ev) && strcmp(ev, event_id) == 0 &&
                  yk_json_get_int(doc.root, "held", held) && *held >= 0 && *held <= 1000000;
    yk_json_free(&doc);
    if (!usable)
        return 0;
    sqlite3_stmt *st = yk_db_prepare(db, "UPDATE events SET seats_held = ?2 WHERE id = ?1");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, *held);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    if (!ok)
        yk_error("sync", "cannot store the seats held for %s: %s", event_id,
                 sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return ok ? 1 : -1;
}

int64_t yk_sync_cursor(struct yk_db *db)
{
    char buf[24];
    if (!yk_db_meta_get(db, "sync.cursor", buf, sizeof buf))
        return 0;
    long long v = strtoll(buf, NULL, 10);
    return v > 0 ? v : 0;
}

/* Media ------------------------------------------------------------------------------------- */

int yk_sync_media_next(struct yk_db *db, int skip, char hash[65], char *mime, size_t mime_n)
{
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT hash, mime FROM sync_media_wanted ORDER BY hash LIMIT 1 OFFSET ?");
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, skip);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(mime, mime_n, "%s", (const char *)sqlite3_column_text(st, 1));
        found = 1;
    } else if (rc != SQLITE_DONE) {
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

bool yk_sync_media_store(struct yk_db *db, const char *hash, const char *mime,
                         const void *bytes, size_t len)
{
    unsigned char sum[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(sum, bytes, len);
    sodium_bin2hex(hex, sizeof hex, sum, sizeof sum);
    if (strcmp(hex, hash) != 0) {
        yk_warn("sync", "media %.16s...: the bytes do not match the hash; not stored", hash);
        return false;
    }
    if (!yk_db_begin(db))
        return false;
    sqlite3_stmt *in = yk_db_prepare(db, "INSERT OR IGNORE INTO media (hash, mime, bytes, rev) "
                                         "SELECT ?1, ?2, ?3, coalesce((SELECT rev FROM "
                                         "sync_media_wanted WHERE hash = ?1), 0)");
    sqlite3_stmt *del = yk_db_prepare(db, "DELETE FROM sync_media_wanted WHERE hash = ?");
    bool ok = in && del;
    if (ok) {
        sqlite3_bind_text(in, 1, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(in, 2, mime, -1, SQLITE_STATIC);
        sqlite3_bind_blob(in, 3, len ? bytes : "", (int)len, SQLITE_STATIC);
        sqlite3_bind_text(del, 1, hash, -1, SQLITE_STATIC);
        ok = sqlite3_step(in) == SQLITE_DONE && sqlite3_step(del) == SQLITE_DONE;
        if (!ok)
            yk_error("sync", "cannot store media: %s", sqlite3_errmsg(db->handle));
    }
    sqlite3_finalize(in);
    sqlite3_finalize(del);
    if (!ok) {
        yk_db_rollback(db);
        return false;
    }
    return yk_db_commit(db);
}

/* Counts and rejects ------------------------------------------------------------------------- */

bool yk_sync_counts(struct yk_db *db, int *waiting, int *rejected)
{
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT (SELECT count(*) FROM signups WHERE sync_state = 'pending') + "
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

/* Status ------------------------------------------------------------------------------------ */

static pthread_mutex_t status_lock = PTHREAD_MUTEX_INITIALIZER;
static struct yk_sync_status status_now;
static char setup_code[64];
static void (*waker)(void *);
static void *waker_ctx;
/* The one online confirmation in flight (a kiosk signs up one person at a time). */
enum confirm_state { CONFIRM_NONE, CONFIRM_ASKED, CONFIRM_RUNNING, CONFIRM_DONE, CONFIRM_FAILED };
static struct {
    char id[YK_ID_LEN + 1];
    bool waitlist_ok;
    enum confirm_state state;
    char status[12];
} confirm;

void yk_sync_status(struct yk_sync_status *out)
{
    pthread_mutex_lock(&status_lock);
    *out = status_now;
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_status_publish(const struct yk_sync_status *s)
{
    pthread_mutex_lock(&status_lock);
    status_now = *s;
    pthread_mutex_unlock(&status_lock);
}

bool yk_sync_enter_setup_code(const char *code)
{
    size_t n = strlen(code);
    if (n >= sizeof setup_code || yk_base32_symbols(code) != 16)
        return false;
    pthread_mutex_lock(&status_lock);
    memcpy(setup_code, code, n + 1);
    pthread_mutex_unlock(&status_lock);
    yk_sync_wake();
    return true;
}

bool yk_sync_take_setup_code(char *out, size_t n)
{
    pthread_mutex_lock(&status_lock);
    bool have = setup_code[0] != '\0' && strlen(setup_code) < n;
    if (have)
        memcpy(out, setup_code, strlen(setup_code) + 1);
    sodium_memzero(setup_code, sizeof setup_code);
    pthread_mutex_unlock(&status_lock);
    return have;
}

bool yk_sync_request_confirm(const char *signup_id, bool waitlist_ok)
{
    if (strlen(signup_id) != YK_ID_LEN)
        return false;
    pthread_mutex_lock(&status_lock);
    bool ok = waker != NULL && status_now.online && !status_now.stopped;
    if (ok) {
        memcpy(confirm.id, signup_id, YK_ID_LEN + 1);
        confirm.waitlist_ok = waitlist_ok;
        confirm.state = CONFIRM_ASKED;
        confirm.status[0] = '\0';
    }
    pthread_mutex_unlock(&status_lock);
    if (ok)
        yk_sync_wake();
    return ok;
}

int yk_sync_confirm_result(const char *signup_id, char status[12])
{
    status[0] = '\0';
    pthread_mutex_lock(&status_lock);
    int r = -1;
    if (strcmp(confirm.id, signup_id) == 0) {
        if (confirm.state == CONFIRM_ASKED || confirm.state == CONFIRM_RUNNING)
            r = 0;
        else if (confirm.state == CONFIRM_DONE) {
            r = 1;
            memcpy(status, confirm.status, sizeof confirm.status);
        }
    }
    pthread_mutex_unlock(&status_lock);
    return r;
}

bool yk_sync_take_confirm_request(char signup_id[YK_ID_LEN + 1], bool *waitlist_ok)
{
    pthread_mutex_lock(&status_lock);
    bool have = confirm.state == CONFIRM_ASKED;
    if (have) {
        memcpy(signup_id, confirm.id, YK_ID_LEN + 1);
        *waitlist_ok = confirm.waitlist_ok;
        confirm.state = CONFIRM_RUNNING;
    }
    pthread_mutex_unlock(&status_lock);
    return have;
}

void yk_sync_confirm_done(const char *signup_id, bool ok, const char *status)
{
    pthread_mutex_lock(&status_lock);
    if (strcmp(confirm.id, signup_id) == 0 && confirm.state == CONFIRM_RUNNING) {
        confirm.state = ok ? CONFIRM_DONE : CONFIRM_FAILED;
        snprintf(confirm.status, sizeof confirm.status, "%s", ok && status ? status : "");
    }
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_wake(void)
{
    pthread_mutex_lock(&status_lock);
    void (*fn)(void *) = waker;
    void *ctx = waker_ctx;
    if (fn)
        fn(ctx);
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_set_waker(void (*fn)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&status_lock);
    waker = fn;
    waker_ctx = ctx;
    pthread_mutex_unlock(&status_lock);
}
