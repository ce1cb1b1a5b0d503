#include "hub/hub_store_impl.h"

#include "core/log.h"

#include <string.h>

/* Seats ---------------------------------------------------------------------------------------- */

bool yk_hs_event_seats(struct yk_hub_store *s, const char *event_id, struct seats *x)
{
    memset(x, 0, sizeof *x);
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT coalesce(capacity, -1), deleted, max_party, cancelled_utc IS NOT "
                      "NULL FROM events WHERE id = ?");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, event_id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        x->exists = true;
        x->capacity = sqlite3_column_int64(st, 0);
        x->deleted = sqlite3_column_int(st, 1) != 0;
        x->max_party = sqlite3_column_int64(st, 2);
        if (x->max_party > YK_HUB_PARTY_MAX)
            x->max_party = YK_HUB_PARTY_MAX;
        x->cancelled = sqlite3_column_int(st, 3) != 0;
    }
    sqlite3_finalize(st);
    if (!x->exists)
        return true;
    bool ok = true;
    x->allotted = yk_hs_query_int(s, "SELECT sum(seats) FROM allotments WHERE event_id = ?",
                                  event_id, NULL, 0, &ok);
    x->pool_used = yk_hs_query_int(s,
                                   "SELECT sum(party_size) FROM signups WHERE event_id = ? AND "
                                   "status = 'confirmed' AND from_allotment = 0",
                                   event_id, NULL, 0, &ok);
    x->confirmed = yk_hs_query_int(s,
                                   "SELECT sum(party_size) FROM signups WHERE event_id = ? AND "
                                   "status = 'confirmed'",
                                   event_id, NULL, 0, &ok);
    return ok;
}

int64_t yk_hs_pool_free(const struct seats *x)
{
    return x->capacity - x->allotted - x->pool_used;
}

/* Confirms waitlisted sign-ups of the event in id order (= sign-up order: ids are ULIDs)
 * while seats remain in the common pool; one that does not fit waits and a smaller one after
 * it may still fit. */
bool yk_hs_settle(struct yk_hub_store *s, const char *event_id, int64_t now)
{
    struct seats x;
    if (!yk_hs_event_seats(s, event_id, &x))
        return false;
    if (!x.exists || x.deleted || x.capacity < 0)
        return true;
    int64_t free_seats = yk_hs_pool_free(&x);
    if (free_seats <= 0)
        return true;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT id, party_size FROM signups WHERE event_id = ? AND "
                                     "status = 'waitlist' ORDER BY id");
    sqlite3_stmt *up = yk_hs_prep(s, "UPDATE signups SET status = 'confirmed', from_allotment = 0, "
                                     "updated_utc = ? WHERE id = ?");
    bool ok = st && up;
    if (ok) {
        yk_hs_bind_str(st, 1, event_id);
        while (free_seats > 0 && sqlite3_step(st) == SQLITE_ROW) {
            int64_t party = sqlite3_column_int64(st, 1);
            if (party > free_seats)
                continue;
            sqlite3_bind_int64(up, 1, now);
            sqlite3_bind_text(up, 2, (const char *)sqlite3_column_text(st, 0), -1,
                              SQLITE_TRANSIENT);
            if (sqlite3_step(up) != SQLITE_DONE) {
                yk_error("hub-store", "settle: %s", sqlite3_errmsg(s->db));
                ok = false;
                break;
            }
            sqlite3_reset(up);
            free_seats -= party;
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    return ok;
}

enum yk_hub_rc yk_hub_seats(struct yk_hub_store *s, const char *kiosk_id, const char *event_id,
                            int64_t want, int64_t now, int64_t *held, int64_t *used, int64_t *pool)
{
    *held = *used = *pool = 0;
    if (want < 0)
        return YK_HUB_INVALID;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    struct seats x;
    bool ok = true;
    if (!yk_hs_begin(s) || !yk_hs_event_seats(s, event_id, &x))
        goto out;
    if (!x.exists || x.deleted) {
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    if (x.capacity < 0) {
        rc = YK_HUB_INVALID;
        goto out;
    }
    int64_t have =
        yk_hs_query_int(s, "SELECT seats FROM allotments WHERE event_id = ? AND kiosk_id = ?",
                        event_id, kiosk_id, 0, &ok);
    *used =
        yk_hs_query_int(s,
                        "SELECT sum(party_size) FROM signups WHERE kiosk_id = ? AND event_id = ? "
                        "AND status = 'confirmed' AND from_allotment = 1",
                        kiosk_id, event_id, 0, &ok);
    if (!ok)
        goto out;
    int64_t give = want;
    if (give > have + yk_hs_pool_free(&x))
        give = have + yk_hs_pool_free(&x);
    if (give < *used)
        give = *used;
    if (give != have) {
        sqlite3_stmt *st =
            yk_hs_prep(s, "INSERT INTO allotments (event_id, kiosk_id, seats, updated_utc) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (event_id, kiosk_id) DO "
                          "UPDATE SET seats = excluded.seats, updated_utc = "
                          "excluded.updated_utc");
        if (!st)
            goto out;
        yk_hs_bind_str(st, 1, event_id);
        yk_hs_bind_str(st, 2, kiosk_id);
        sqlite3_bind_int64(st, 3, give);
        sqlite3_bind_int64(st, 4, now);
        if (!yk_hs_run(s, st))
            goto out;
        /* Seats given back may let the waitlist in. */
        if (give < have && !yk_hs_settle(s, event_id, now))
            goto out;
    }
    if (!yk_hs_event_seats(s, event_id, &x) || !yk_hs_commit(s))
        goto out;
    *held = give;
    *pool = yk_hs_pool_free(&x);
    rc = YK_HUB_OK;
out:
    yk_hs_end(s);
    return rc;
}

enum yk_hub_rc yk_hub_event_seats(struct yk_hub_store *s, const char *event_id, int64_t *capacity,
                                  int64_t *confirmed, int64_t *allotted)
{
    yk_hs_lock(s);
    struct seats x;
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (yk_hs_event_seats(s, event_id, &x))
        rc = x.exists ? YK_HUB_OK : YK_HUB_NOT_FOUND;
    yk_hs_unlock(s);
    *capacity = x.capacity < 0 ? 0 : x.capacity;
    *confirmed = x.confirmed;
    *allotted = x.allotted;
    return rc;
}
