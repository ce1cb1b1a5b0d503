/* "My sign-ups": a person's own sign-ups found by their number, and their cancellation with
 * the rules a person meets. The rows are read back through yk_signup_get (one reader of a
 * sign-up's columns, signup.c) and cancelled through yk_signup_cancel; the lookup by number
 * and the rules are here. */
#include "core/signup_mine.h"

#include "core/log.h"
#include "core/phone.h"
#include "core/volunteer.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *yk_mine_rc_name(enum yk_mine_rc rc)
{
    switch (rc) {
    case YK_MINE_OK:
        return "ok";
    case YK_MINE_STARTED:
        return "started";
    case YK_MINE_CHECKED_IN:
        return "checked-in";
    case YK_MINE_EVENT_CANCELLED:
        return "event-cancelled";
    case YK_MINE_ALREADY:
        return "already";
    case YK_MINE_NOT_FOUND:
        return "not-found";
    case YK_MINE_ERROR:
        return "error";
    }
    return "?";
}

/* What a row of the lookup holds besides the sign-up itself. */
struct row {
    char id[YK_ID_LEN + 1];
    bool cancelled;
    int64_t starts, ends, event_cancelled;
};

#define ROW_SQL                                                                                    \
    "SELECT s.id, s.status = 'cancelled', e.starts_utc, e.ends_utc, "                              \
    "coalesce(e.cancelled_utc, 0) FROM signups s JOIN events e ON e.id = s.event_id "

static void read_row(sqlite3_stmt *st, struct row *r)
{
    const unsigned char *id = sqlite3_column_text(st, 0);
    snprintf(r->id, sizeof r->id, "%s", id ? (const char *)id : "");
    r->cancelled = sqlite3_column_int(st, 1) != 0;
    r->starts = sqlite3_column_int64(st, 2);
    r->ends = sqlite3_column_int64(st, 3);
    r->event_cancelled = sqlite3_column_int64(st, 4);
}

/* The rules, in the order a person would want to hear them. */
static enum yk_mine_rc rule(struct yk_db *db, const struct row *r, const char *ticket_code,
                            int64_t now_s)
{
    if (r->cancelled)
        return YK_MINE_ALREADY;
    if (r->event_cancelled)
        return YK_MINE_EVENT_CANCELLED;
    if (now_s >= r->starts)
        return YK_MINE_STARTED;
    struct yk_checkin_status cs;
    if (!yk_checkin_status(db, r->id, ticket_code && *ticket_code ? ticket_code : NULL, &cs))
        return YK_MINE_ERROR;
    return cs.checked_in > 0 ? YK_MINE_CHECKED_IN : YK_MINE_OK;
}

int yk_signup_mine_list(struct yk_db *db, const char *phone, int64_t now_utc_s,
                        struct yk_signup_mine *out, int max)
{
    assert(db && out && max >= 0);
    if (yk_phone_check(phone) != YK_PHONE_OK || max == 0)
        return 0;
    /* Uses signups_one_per_phone (event_id, phone): one probe per event at most. */
    sqlite3_stmt *st = yk_db_prepare(db, ROW_SQL "WHERE s.phone = ?1 AND s.status <> 'cancelled' "
                                                 "AND e.deleted = 0 AND e.ends_utc > ?2 "
                                                 "ORDER BY e.starts_utc, s.id LIMIT ?3");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, phone, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_utc_s);
    sqlite3_bind_int(st, 3, max);
    struct row rows[YK_SIGNUP_MINE_MAX];
    int n = 0, rc;
    while (n < max && n < YK_SIGNUP_MINE_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW)
        read_row(st, &rows[n++]);
    bool ok = n == max || n == YK_SIGNUP_MINE_MAX || rc == SQLITE_DONE;
    if (!ok)
        yk_error("signup", "cannot look up a number's sign-ups: %s", sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    if (!ok)
        return -1;
    /* Read back after the statement is done: the rules run queries of their own. */
    int written = 0;
    for (int i = 0; i < n; i++) {
        struct yk_signup_mine *m = &out[written];
        memset(m, 0, sizeof *m);
        int g = yk_signup_get(db, rows[i].id, &m->info);
        if (g < 0)
            return -1;
        if (g == 0)
            continue; /* gone between the two reads: not listed */
        m->starts_utc = rows[i].starts;
        m->ends_utc = rows[i].ends;
        m->can_cancel = rule(db, &rows[i], m->info.ticket_code, now_utc_s);
        if (m->can_cancel == YK_MINE_ERROR)
            return -1;
        written++;
    }
    return written;
}

enum yk_mine_rc yk_signup_mine_cancel(struct yk_db *db, const char *phone, const char *signup_id,
                                      int64_t now_utc_ms)
{
    assert(db && signup_id);
    if (yk_phone_check(phone) != YK_PHONE_OK)
        return YK_MINE_NOT_FOUND;
    /* The number is checked again here: an id alone (from anywhere) cancels nothing. */
    sqlite3_stmt *st = yk_db_prepare(db, ROW_SQL "WHERE s.id = ?1 AND s.phone = ?2");
    if (!st)
        return YK_MINE_ERROR;
    sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, phone, -1, SQLITE_STATIC);
    struct row r = {0};
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_row(st, &r);
    else if (rc != SQLITE_DONE)
        yk_error("signup", "cannot read sign-up %s: %s", signup_id, sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? YK_MINE_NOT_FOUND : YK_MINE_ERROR;
    struct yk_signup_info info;
    if (yk_signup_get(db, signup_id, &info) != 1)
        return YK_MINE_ERROR;
    enum yk_mine_rc why = rule(db, &r, info.ticket_code, now_utc_ms / 1000);
    if (why != YK_MINE_OK) {
        yk_info("signup", "sign-up %s not cancelled: %s", signup_id, yk_mine_rc_name(why));
        return why;
    }
    /* Between the check and the cancel only the sync worker writes sign-ups (the hub's
     * decisions: never a check-in, never a cancellation), and check-ins are made by the UI
     * thread that calls this: the rules still hold when the row changes. */
    int c = yk_signup_cancel(db, signup_id, now_utc_ms);
    return c == 1 ? YK_MINE_OK : c == 0 ? YK_MINE_ALREADY : YK_MINE_ERROR;
}

int64_t yk_signup_mine_guard_wait(struct yk_signup_mine_guard *g, int64_t now_ms)
{
    int64_t wait = yk_pin_guard_wait_ms(&g->pin, now_ms);
    if (wait == 0 && g->pin.failures && now_ms - g->last_miss_ms >= YK_MINE_FORGET_MS)
        yk_pin_guard_reset(&g->pin);
    return wait;
}

int64_t yk_signup_mine_guard_miss(struct yk_signup_mine_guard *g, int64_t now_ms)
{
    yk_signup_mine_guard_wait(g, now_ms); /* forgets an old streak first */
    g->last_miss_ms = now_ms;
    return yk_pin_guard_fail(&g->pin, now_ms);
}

/* Soonest event first, then the id: the lookup's own order. */
static int mine_cmp(const void *a, const void *b)
{
    const struct yk_signup_mine *x = a, *y = b;
    if (x->starts_utc != y->starts_utc)
        return x->starts_utc < y->starts_utc ? -1 : 1;
    return strcmp(x->info.id, y->info.id);
}

int yk_signup_mine_merge(struct yk_signup_mine *list, int n, int max,
                         const struct yk_signup_mine *more, int m)
{
    assert(list && n >= 0 && n <= max && m >= 0 && (more || m == 0));
    struct yk_signup_mine *all = malloc(((size_t)n + (size_t)m + 1) * sizeof *all);
    if (!all)
        return n; /* out of memory: this kiosk's own, as they were */
    memcpy(all, list, (size_t)n * sizeof *all);
    int t = n;
    for (int j = 0; j < m; j++) {
        bool held = false;
        for (int i = 0; i < n && !held; i++)
            held = strcmp(list[i].info.id, more[j].info.id) == 0;
        if (!held)
            all[t++] = more[j];
    }
    qsort(all, (size_t)t, sizeof *all, mine_cmp);
    if (t > max)
        t = max; /* the latest fall off */
    memcpy(list, all, (size_t)t * sizeof *all);
    sodium_memzero(all, ((size_t)n + (size_t)m + 1) * sizeof *all);
    free(all);
    return t;
}
