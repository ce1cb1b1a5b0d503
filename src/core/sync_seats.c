/* Sync, seats: which events to ask the hub for a block of seats, and its answer applied. */
#include "core/sync.h"

#include "core/json.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

/* Seats -------------------------------------------------------------------------------------- */

int yk_sync_seat_plan(struct yk_db *db, int64_t now_utc_s, int block, struct yk_sync_seat_ask *out,
                      int max)
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
            /* Exactly the block free: more is a top-up; fewer gives back seats that
             * cancellations freed beyond it, so the hub's waitlist can take them. */
            if (held - used == block)
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

int yk_sync_apply_seats_answer(struct yk_db *db, const char *event_id, const char *body, size_t len,
                               int64_t *held)
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
