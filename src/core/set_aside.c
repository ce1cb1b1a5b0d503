#include "core/set_aside.h"

#include "core/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per type: when the record was made and its identifying line (zh, en). */
static const struct {
    const char *type, *sql;
} details[] = {
    {"signup", "SELECT s.created_utc, e.title_zh, e.title_en FROM signups s "
               "LEFT JOIN events e ON e.id = s.event_id WHERE s.id = ?1"},
    {"checkin", "SELECT c.created_utc, e.title_zh, e.title_en FROM checkins c "
                "LEFT JOIN events e ON e.id = c.event_id WHERE c.id = ?1"},
    {"walkin", "SELECT w.created_utc, k.name_zh, k.name_en FROM walkins w "
               "LEFT JOIN walkin_kinds k ON k.id = w.kind_id WHERE w.id = ?1"},
    {"duty", "SELECT d.on_utc, v.name_zh, v.name_en FROM duty_log d "
             "LEFT JOIN volunteers v ON v.id = d.volunteer_id WHERE d.id = ?1"},
    {"audit", "SELECT created_utc, what, what FROM audit_log WHERE id = ?1"},
};

static void col(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const unsigned char *v = sqlite3_column_text(st, i);
    snprintf(out, n, "%s", v ? (const char *)v : "");
}

#define NDETAILS (sizeof details / sizeof details[0])

/* Fills what the record was and when from its own row; each type's statement is prepared once
 * per load (in sts) and reset for the next record. */
static void detail(struct yk_db *db, sqlite3_stmt *sts[NDETAILS], const char *id,
                   struct yk_set_aside *r)
{
    for (size_t i = 0; i < NDETAILS; i++) {
        if (strcmp(details[i].type, r->type) != 0)
            continue;
        if (!sts[i] && !(sts[i] = yk_db_prepare(db, details[i].sql)))
            return;
        sqlite3_stmt *st = sts[i];
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            r->made_utc = sqlite3_column_int64(st, 0);
            col(st, 1, r->what_zh, sizeof r->what_zh);
            col(st, 2, r->what_en, sizeof r->what_en);
        }
        return;
    }
}

int yk_set_aside_load(struct yk_db *db, struct yk_set_aside *out, int max)
{
    if (max <= 0)
        return 0;
    struct yk_sync_reject *raw = calloc((size_t)max, sizeof *raw);
    if (!raw)
        return -1;
    int n = yk_sync_rejects(db, raw, max);
    sqlite3_stmt *sts[NDETAILS] = {0};
    for (int i = 0; i < n; i++) {
        struct yk_set_aside *r = &out[i];
        memset(r, 0, sizeof *r);
        snprintf(r->type, sizeof r->type, "%s", raw[i].type);
        snprintf(r->reason, sizeof r->reason, "%s", raw[i].reason);
        detail(db, sts, raw[i].id, r);
        if (!r->made_utc)
            r->made_utc = raw[i].rejected_utc; /* the record itself is gone: when refused */
    }
    for (size_t i = 0; i < NDETAILS; i++)
        sqlite3_finalize(sts[i]);
    free(raw);
    return n;
}
