#include "hub/hub_store_impl.h"

#include <stdlib.h>
#include <string.h>

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
                yk_hs_hex(sqlite3_column_blob(st, i), len, hex);
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
        "SELECT * FROM stations WHERE id = ?",
        "SELECT * FROM blocks WHERE id = ?",
        "SELECT * FROM service_lines WHERE id = ?",
        "SELECT * FROM services WHERE id = ?",
        "SELECT * FROM sites WHERE id = ?",
        "SELECT * FROM events WHERE id = ?",
        "SELECT * FROM walkin_kinds WHERE id = ?",
        "SELECT * FROM volunteers WHERE id = ?",
        "SELECT * FROM kiosk_keys WHERE key_id = ?",
        "SELECT * FROM revocations WHERE ticket_code = ?",
    };
    static const char *const names[] = {"stations",   "blocks",     "service_lines", "services",
                                        "sites",      "events",     "walkin_kinds",  "volunteers",
                                        "kiosk_keys", "revocations"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(tbl, names[i]) == 0)
            return plain[i];
    return NULL;
}

bool yk_hub_changes(struct yk_hub_store *s, const char *kiosk_id, int64_t since, int limit,
                    struct yk_jw *w)
{
    yk_hs_lock(s);
    /* One read transaction: the page and the rows it names are one snapshot. */
    bool ok = yk_hs_exec(s, "BEGIN");
    sqlite3_stmt *st = ok ? yk_hs_prep(s, "SELECT seq, tbl, row_id FROM changes WHERE seq > ? AND "
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
        yk_hs_bind_str(st, 2, kiosk_id);
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
                if (ncache == 16 || !(cache[c] = yk_hs_prep(s, sql))) {
                    ok = false;
                    break;
                }
                cache_sql[ncache++] = sql;
            }
            sqlite3_stmt *r = cache[c];
            sqlite3_reset(r);
            sqlite3_clear_bindings(r);
            yk_hs_bind_str(r, 1, id);
            if (sqlite3_bind_parameter_count(r) >= 2)
                yk_hs_bind_str(r, 2, kiosk_id);
            if (sqlite3_step(r) == SQLITE_ROW) {
                int64_t held = -1;
                if (strcmp(tbl, "events") == 0) {
                    if (!allot && !(allot = yk_hs_prep(s, "SELECT seats FROM allotments WHERE "
                                                          "event_id = ? AND kiosk_id = ?"))) {
                        ok = false;
                        break;
                    }
                    sqlite3_reset(allot);
                    yk_hs_bind_str(allot, 1, id);
                    yk_hs_bind_str(allot, 2, kiosk_id);
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
        more = yk_hs_query_int(s,
                               "SELECT EXISTS (SELECT 1 FROM changes WHERE seq > ? AND "
                               "audience IN ('', ?))",
                               c, kiosk_id, 0, &ok) != 0;
    }
    if (ok) {
        yk_jw_kint(w, "cursor", cursor);
        yk_jw_kbool(w, "more", more);
    }
    yk_hs_exec(s, "COMMIT");
    yk_hs_unlock(s);
    return ok;
}

/* Where yk_hub_media_get puts a media row. */
struct media {
    void **bytes;
    size_t *len;
    char *mime;
};

static enum yk_hub_rc read_media(sqlite3_stmt *st, void *ctx)
{
    struct media *m = ctx;
    snprintf(m->mime, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    size_t n = (size_t)sqlite3_column_bytes(st, 1);
    *m->bytes = malloc(n ? n : 1);
    if (!*m->bytes)
        return YK_HUB_ERROR;
    if (n)
        memcpy(*m->bytes, sqlite3_column_blob(st, 1), n);
    *m->len = n;
    return YK_HUB_OK;
}

bool yk_hub_media_has(struct yk_hub_store *s, const char *hash)
{
    yk_hs_lock(s);
    bool ok = true;
    int64_t n = yk_hs_query_int(s, "SELECT count(*) FROM media WHERE hash = ?", hash, NULL, 0, &ok);
    yk_hs_unlock(s);
    return ok && n > 0;
}

enum yk_hub_rc yk_hub_media_get(struct yk_hub_store *s, const char *hash, void **bytes, size_t *len,
                                char mime[64])
{
    *bytes = NULL;
    *len = 0;
    mime[0] = '\0';
    struct media m = {bytes, len, mime};
    return yk_hs_one_row(s, "SELECT mime, bytes FROM media WHERE hash = ?", hash, read_media, &m);
}

bool yk_hub_heartbeat(struct yk_hub_store *s, const char *kiosk_id, const struct yk_hub_beat *b,
                      int64_t now)
{
    yk_hs_lock(s);
    /* A heartbeat is worth no fsync of its own: in WAL mode it is then durable at the next
     * commit made with synchronous=FULL (a lost one costs nothing; the next comes soon). */
    yk_hs_exec(s, "PRAGMA synchronous=NORMAL");
    sqlite3_stmt *st =
        yk_hs_prep(s, "UPDATE kiosks SET version = ?, uptime_s = ?, last_sync_utc = ?, "
                      "free_disk_bytes = ?, seen_utc = ?, records_waiting = ?, "
                      "records_set_aside = ? WHERE id = ?");
    bool ok = false;
    if (st) {
        yk_hs_bind_str(st, 1, b->version);
        sqlite3_bind_int64(st, 2, b->uptime_s > 0 ? b->uptime_s : 0);
        if (b->last_sync_utc > 0)
            sqlite3_bind_int64(st, 3, b->last_sync_utc);
        sqlite3_bind_int64(st, 4, b->free_disk_bytes > 0 ? b->free_disk_bytes : 0);
        sqlite3_bind_int64(st, 5, now);
        if (b->records_waiting >= 0)
            sqlite3_bind_int64(st, 6, b->records_waiting);
        if (b->records_set_aside >= 0)
            sqlite3_bind_int64(st, 7, b->records_set_aside);
        yk_hs_bind_str(st, 8, kiosk_id);
        ok = yk_hs_run(s, st);
    }
    yk_hs_exec(s, "PRAGMA synchronous=FULL");
    yk_hs_unlock(s);
    return ok;
}
