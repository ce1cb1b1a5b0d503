#include "core/volunteer_internal.h"

#include "core/grow.h"
#include "core/log.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

/* volunteer_duty.c: the walk-in tally, the duty log and the day's summary. */

/* Walk-ins ---------------------------------------------------------------------------------- */

/* An id for a new walk-in row that sorts after every existing one (the undo pairs rows in
 * id order, and ids made in one millisecond would otherwise sort at random). Call inside
 * the write transaction. */
static bool next_walkin_id(struct yk_db *db, int64_t now_ms, char id[YK_ID_LEN + 1])
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT max(id) FROM walkins");
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    int64_t ms = now_ms;
    if (rc == SQLITE_ROW) {
        long long last = yk_id_time_ms(col_text(st, 0) ? col_text(st, 0) : "");
        if (last >= ms)
            ms = last + 1;
    } else {
        yk_vol_db_fail(db, "read walk-ins");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return false;
    yk_id_make(id, ms);
    return true;
}

static bool insert_walkin(struct yk_db *db, const char *kind_id, int delta, const char *kiosk_id,
                          int64_t now_ms, char id[YK_ID_LEN + 1])
{
    if (!next_walkin_id(db, now_ms, id))
        return false;
    sqlite3_stmt *st = yk_db_prepare(db, "INSERT INTO walkins (id, kind_id, delta, created_utc, "
                                         "kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return false;
    bind_text(st, 1, id);
    bind_text(st, 2, kind_id);
    sqlite3_bind_int(st, 3, delta);
    sqlite3_bind_int64(st, 4, utc_s(now_ms));
    bind_text(st, 5, kiosk_or_self(db, kiosk_id));
    return yk_vol_exec_done(db, st, "record a walk-in");
}

bool yk_walkin_tap(struct yk_db *db, const char *kind_id, const char *kiosk_id, int64_t now_ms,
                   char out_id[YK_ID_LEN + 1])
{
    char id[YK_ID_LEN + 1] = "";
    if (out_id)
        out_id[0] = '\0';
    if (!yk_db_begin(db))
        return false;
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT 1 FROM walkin_kinds WHERE id = ?1 AND deleted = 0");
    bool ok = st != NULL;
    if (ok) {
        bind_text(st, 1, kind_id);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            yk_error("volunteer", "walk-in tap of unknown kind '%s'", kind_id);
        else if (rc != SQLITE_ROW)
            yk_vol_db_fail(db, "read walk-in kinds");
        ok = rc == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    ok = ok && insert_walkin(db, kind_id, 1, kiosk_id, now_ms, id);
    if (ok)
        ok = yk_db_commit(db);
    else
        yk_db_rollback(db);
    if (ok && out_id)
        memcpy(out_id, id, sizeof id);
    return ok;
}

enum yk_undo_rc yk_walkin_undo_last(struct yk_db *db, const char *kiosk_id, int64_t now_ms,
                                    char *kind_out)
{
    if (kind_out)
        kind_out[0] = '\0';
    long long start, end;
    yk_volunteer_day_bounds(now_ms, &start, &end);
    if (!yk_db_begin(db))
        return YK_UNDO_ERROR;
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT kind_id, delta FROM walkins WHERE kiosk_id = ?1 "
                                         "AND created_utc >= ?2 AND created_utc < ?3 ORDER BY id");
    if (!st) {
        yk_db_rollback(db);
        return YK_UNDO_ERROR;
    }
    bind_text(st, 1, kiosk_or_self(db, kiosk_id));
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);

    /* Taps not yet undone, as a stack: a -1 undoes the latest +1 before it. */
    char(*stack)[YK_VOLUNTEER_ID_MAX + 1] = NULL;
    size_t depth = 0, cap = 0;
    bool ok = true;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 1) < 0) {
            if (depth > 0)
                depth--;
            continue;
        }
        if (!yk_grow((void **)&stack, &cap, depth + 1, sizeof *stack)) {
            yk_error("volunteer", "out of memory reading walk-ins");
            ok = false;
            break;
        }
        yk_utf8_copy(stack[depth++], sizeof *stack, col_text(st, 0));
    }
    if (ok && rc != SQLITE_DONE) {
        yk_vol_db_fail(db, "read walk-ins");
        ok = false;
    }
    sqlite3_finalize(st);

    enum yk_undo_rc result = YK_UNDO_ERROR;
    char id[YK_ID_LEN + 1];
    if (ok && depth == 0) {
        result = YK_UNDO_NOTHING;
        yk_db_rollback(db);
    } else if (ok && insert_walkin(db, stack[depth - 1], -1, kiosk_id, now_ms, id) &&
               yk_db_commit(db)) {
        result = YK_UNDO_OK;
        if (kind_out)
            yk_utf8_copy(kind_out, YK_VOLUNTEER_ID_MAX + 1, stack[depth - 1]);
    } else {
        yk_db_rollback(db);
    }
    free(stack);
    return result;
}

/* (kind_id, name_zh, name_en, count); ctx: the list, for its total. */
static enum row_rc walkin_count_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx,
                                    bool *oom)
{
    (void)db;
    struct yk_walkin_count *c = item;
    c->kind_id = col_dup(st, 0, oom);
    c->name.zh = col_dup(st, 1, oom);
    c->name.en = col_dup(st, 2, oom);
    c->count = sqlite3_column_int(st, 3);
    ((struct yk_walkin_count_list *)ctx)->total += c->count;
    return ROW_KEEP;
}

bool yk_walkin_counts(struct yk_db *db, int64_t day_ms, struct yk_walkin_count_list *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(day_ms, &start, &end);
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT k.id, k.name_zh, k.name_en, COALESCE(SUM(w.delta), 0) FROM walkin_kinds k "
            "LEFT JOIN walkins w ON w.kind_id = k.id AND w.created_utc >= ?1 "
            "AND w.created_utc < ?2 WHERE k.deleted = 0 OR w.id IS NOT NULL "
            "GROUP BY k.id ORDER BY k.sort, k.id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    if (!yk_vol_read_rows(db, st, "count walk-ins", (void **)&out->items, &out->count,
                          sizeof *out->items, walkin_count_row, out)) {
        yk_walkin_counts_free(out);
        return false;
    }
    return true;
}

void yk_walkin_counts_free(struct yk_walkin_count_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].kind_id);
        free(l->items[i].name.zh);
        free(l->items[i].name.en);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Duty -------------------------------------------------------------------------------------- */

enum yk_duty_rc yk_duty_on(struct yk_db *db, const char *volunteer_id, int64_t now_ms)
{
    if (!yk_db_begin(db))
        return YK_DUTY_ERROR;
    enum yk_duty_rc result = YK_DUTY_ERROR;
    char id[YK_ID_LEN + 1];
    int rc;
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT 1 FROM duty_log WHERE volunteer_id = ?1 AND off_utc IS NULL");
    if (!st)
        goto done;
    bind_text(st, 1, volunteer_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) {
        result = YK_DUTY_NO_CHANGE;
        goto done;
    }
    if (rc != SQLITE_DONE) {
        yk_vol_db_fail(db, "read the duty log");
        goto done;
    }
    yk_id_make(id, now_ms);
    st = yk_db_prepare(db, "INSERT INTO duty_log (id, volunteer_id, on_utc, kiosk_id) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        goto done;
    bind_text(st, 1, id);
    bind_text(st, 2, volunteer_id);
    sqlite3_bind_int64(st, 3, utc_s(now_ms));
    bind_text(st, 4, yk_db_kiosk_id(db));
    if (yk_vol_exec_done(db, st, "go on duty"))
        result = YK_DUTY_OK;
done:
    if (result == YK_DUTY_OK) {
        if (!yk_db_commit(db))
            result = YK_DUTY_ERROR;
    } else {
        yk_db_rollback(db);
    }
    return result;
}

enum yk_duty_rc yk_duty_off(struct yk_db *db, const char *volunteer_id, int64_t now_ms)
{
    /* One statement, so no explicit transaction. The row changed: it is pushed again. */
    sqlite3_stmt *st = yk_db_prepare(db, "UPDATE duty_log SET off_utc = max(on_utc, ?2), "
                                         "sync_state = 'pending' "
                                         "WHERE volunteer_id = ?1 AND off_utc IS NULL");
    if (!st)
        return YK_DUTY_ERROR;
    bind_text(st, 1, volunteer_id);
    sqlite3_bind_int64(st, 2, utc_s(now_ms));
    if (!yk_vol_exec_done(db, st, "go off duty"))
        return YK_DUTY_ERROR;
    return sqlite3_changes(db->handle) > 0 ? YK_DUTY_OK : YK_DUTY_NO_CHANGE;
}

/* (volunteer_id, name_zh, name_en, since_utc, seconds, on_duty); ctx: the list. */
static enum row_rc duty_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom)
{
    (void)db;
    struct yk_duty_entry *e = item;
    e->volunteer_id = col_dup(st, 0, oom);
    e->name.zh = col_dup(st, 1, oom);
    e->name.en = col_dup(st, 2, oom);
    e->since_utc = sqlite3_column_int64(st, 3);
    e->seconds = sqlite3_column_int64(st, 4);
    e->on_duty = sqlite3_column_int(st, 5) != 0;
    ((struct yk_duty_list *)ctx)->total_seconds += e->seconds;
    return ROW_KEEP;
}

static bool read_duty(struct yk_db *db, sqlite3_stmt *st, struct yk_duty_list *out)
{
    if (!yk_vol_read_rows(db, st, "read the duty log", (void **)&out->items, &out->count,
                          sizeof *out->items, duty_row, out)) {
        yk_duty_list_free(out);
        return false;
    }
    return true;
}

bool yk_duty_now(struct yk_db *db, struct yk_duty_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT d.volunteer_id, v.name_zh, v.name_en, min(d.on_utc), 0, 1 "
                          "FROM duty_log d JOIN volunteers v ON v.id = d.volunteer_id "
                          "WHERE d.off_utc IS NULL GROUP BY d.volunteer_id ORDER BY 4, 1");
    return st && read_duty(db, st, out);
}

bool yk_duty_hours(struct yk_db *db, int64_t day_ms, int64_t now_ms, struct yk_duty_list *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(day_ms, &start, &end);
    /* Each shift clipped to the day; an open one ends now (never before it began), and is
     * listed from its first second on (as the duty tab says "on duty" from then). */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT d.volunteer_id, v.name_zh, v.name_en, 0, "
            "sum(max(0, min(coalesce(d.off_utc, max(d.on_utc, ?3)), ?2) - max(d.on_utc, ?1))) "
            "AS secs, max(d.off_utc IS NULL) "
            "FROM duty_log d JOIN volunteers v ON v.id = d.volunteer_id "
            "WHERE d.on_utc < ?2 AND (d.off_utc IS NULL OR d.off_utc > ?1) "
            "GROUP BY d.volunteer_id HAVING secs > 0 OR max(d.off_utc IS NULL) "
            "ORDER BY v.name_zh, d.volunteer_id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    sqlite3_bind_int64(st, 3, utc_s(now_ms));
    return read_duty(db, st, out);
}

void yk_duty_list_free(struct yk_duty_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].volunteer_id);
        free(l->items[i].name.zh);
        free(l->items[i].name.en);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Summary ----------------------------------------------------------------------------------- */

/* (event_id, title_zh, title_en, people, parties); ctx: the summary. */
static enum row_rc checkins_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx,
                                bool *oom)
{
    (void)db;
    struct yk_event_checkins *e = item;
    e->event_id = col_dup(st, 0, oom);
    e->title.zh = col_dup(st, 1, oom);
    e->title.en = col_dup(st, 2, oom);
    e->people = sqlite3_column_int(st, 3);
    e->parties = sqlite3_column_int(st, 4);
    ((struct yk_day_summary *)ctx)->checkin_people += e->people;
    return ROW_KEEP;
}

static bool event_checkins(struct yk_db *db, long long start, long long end,
                           struct yk_day_summary *out)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT c.event_id, e.title_zh, e.title_en, sum(c.count), "
                                         "count(DISTINCT coalesce(c.signup_id, c.ticket_code)) "
                                         "FROM checkins c JOIN events e ON e.id = c.event_id "
                                         "WHERE c.created_utc >= ?1 AND c.created_utc < ?2 "
                                         "GROUP BY c.event_id ORDER BY e.starts_utc, c.event_id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    return yk_vol_read_rows(db, st, "count check-ins", (void **)&out->events, &out->event_count,
                            sizeof *out->events, checkins_row, out);
}

bool yk_volunteer_summary(struct yk_db *db, int64_t now_ms, struct yk_day_summary *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(now_ms, &start, &end);
    out->day_start_utc = start;
    out->day_end_utc = end;
    if (!event_checkins(db, start, end, out) || !yk_walkin_counts(db, now_ms, &out->walkins) ||
        !yk_duty_hours(db, now_ms, now_ms, &out->duty)) {
        yk_day_summary_free(out);
        return false;
    }
    return true;
}

void yk_day_summary_free(struct yk_day_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->event_count; i++) {
        free(s->events[i].event_id);
        free(s->events[i].title.zh);
        free(s->events[i].title.en);
    }
    free(s->events);
    yk_walkin_counts_free(&s->walkins);
    yk_duty_list_free(&s->duty);
    memset(s, 0, sizeof *s);
}
