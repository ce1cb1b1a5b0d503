/* Sync, pull: pages of content changes from the hub applied in one transaction each, the
 * cursor, and the media files the content names. */
#include "core/sync_internal.h"

#include "core/json.h"
#include "core/log.h"

#include <ctype.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    "stations", "blocks",       "service_lines", "services",   "sites",
    "events",   "walkin_kinds", "volunteers",    "kiosk_keys", "revocations",
};
#define NCONTENT (sizeof content_tables / sizeof content_tables[0])
/* Tables the sample content fills (kiosk_keys is not one: this kiosk's own key is rev 0). */
static const char *const sample_tables[] = {"stations", "blocks", "service_lines", "services",
                                            "sites",    "events", "walkin_kinds",  "volunteers"};

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
    n +=
        (size_t)snprintf(sql + n, cap - n, ") ON CONFLICT (\"%s\") DO UPDATE SET ", t->cols[t->pk]);
    first = true;
    for (int i = 0; i < t->ncols; i++)
        if ((mask & (1ull << i)) && i != t->pk) {
            n += (size_t)snprintf(sql + n, cap - n, "%s\"%s\" = excluded.\"%s\"", first ? "" : ", ",
                                  t->cols[i], t->cols[i]);
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
static int apply_content(struct yk_db *db, struct table *t, const struct yk_json *row, char *err,
                         size_t errn)
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
                    : t->kinds[c] == 'b'
                        ? m->type == YK_JSON_STRING && m->len % 2 == 0 && m->len <= 256
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
    int d = yk_sync_apply_decision(db, &ps->decide, id, status, updated);
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
    if (!changes || changes->type != YK_JSON_ARRAY ||
        !yk_json_get_int(doc.root, "cursor", &cursor) || cursor < 0 ||
        !yk_json_get_bool(doc.root, "more", &more)) {
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
                snprintf(sql, sizeof sql, "UPDATE %s SET deleted = 1 WHERE rev = 0 AND deleted = 0",
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
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT hash, mime FROM sync_media_wanted ORDER BY hash LIMIT 1 OFFSET ?");
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

bool yk_sync_media_store(struct yk_db *db, const char *hash, const char *mime, const void *bytes,
                         size_t len)
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
