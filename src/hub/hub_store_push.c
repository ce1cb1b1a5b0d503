#include "hub/hub_store_impl.h"

#include "core/log.h"

#include <stdlib.h>
#include <string.h>

/* Records ------------------------------------------------------------------------------------ */

static const char *const kind_table[] = {"signups", "checkins", "walkins", "duty_log", "audit_log"};

static void reject(struct yk_hub_outcome *o, const char *why)
{
    o->result = YK_HUB_REJECTED;
    snprintf(o->reason, sizeof o->reason, "%s", why);
}

static bool owner_of(struct yk_hub_store *s, const char *table, const char *id, char out[64])
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT kiosk_id FROM %s WHERE id = ?", table);
    out[0] = '\0';
    sqlite3_stmt *st = yk_hs_prep(s, sql);
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static bool exists(struct yk_hub_store *s, const char *sql, const char *id)
{
    return yk_hs_query_int(s, sql, id, NULL, 0, NULL) != 0;
}

bool yk_hs_revoke_ticket(struct yk_hub_store *s, const char *code, const char *event_id,
                         int64_t now)
{
    if (!code)
        return true;
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO revocations (ticket_code, event_id, revoked_utc) "
                                     "VALUES (?, ?, ?) ON CONFLICT (ticket_code) DO NOTHING");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, code);
    yk_hs_bind_str(st, 2, event_id);
    sqlite3_bind_int64(st, 3, now);
    return yk_hs_run(s, st);
}

bool yk_hs_purge_phones(struct yk_hub_store *s, int64_t now)
{
    sqlite3_stmt *st = yk_hs_prep(s, "DELETE FROM signup_phones WHERE ?1 = 0 OR "
                                     "purge_after_utc < ?2");
    if (!st)
        return false;
    sqlite3_bind_int(st, 1, s->phone_days);
    sqlite3_bind_int64(st, 2, now);
    return yk_hs_run(s, st);
}

/* The full number of new sign-up r, kept until its event's end + the hub's phone days. */
static bool keep_phone(struct yk_hub_store *s, const struct yk_hub_record *r)
{
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO signup_phones (signup_id, phone, "
                                     "purge_after_utc) VALUES (?1, ?2, coalesce((SELECT ends_utc "
                                     "FROM events WHERE id = ?3), ?4) + ?5) ON CONFLICT DO "
                                     "NOTHING");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, r->id);
    yk_hs_bind_str(st, 2, r->phone);
    yk_hs_bind_str(st, 3, r->event_id);
    sqlite3_bind_int64(st, 4, r->created_utc);
    sqlite3_bind_int64(st, 5, (int64_t)s->phone_days * 86400);
    return yk_hs_run(s, st);
}

/* A sign-up: *dirty set when its event needs settling. Returns false on a database error. */
static bool push_signup(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                        struct yk_hub_outcome *o, int64_t now, bool *dirty)
{
    char owner[64];
    if (!owner_of(s, "signups", r->id, owner))
        return false;
    const char *st_in = r->status ? r->status : "pending";
    if (owner[0]) {
        if (strcmp(owner, kiosk) != 0) {
            reject(o, "id-conflict");
            return true;
        }
        /* Known: only a cancellation or the first ticket of a confirmed sign-up changes it. */
        o->result = YK_HUB_DUPLICATE;
        sqlite3_stmt *q = yk_hs_prep(s, "SELECT status, ticket_code, event_id "
                                        "FROM signups WHERE id = ?");
        if (!q)
            return false;
        yk_hs_bind_str(q, 1, r->id);
        if (sqlite3_step(q) != SQLITE_ROW) {
            sqlite3_finalize(q);
            return false;
        }
        const char *stored = (const char *)sqlite3_column_text(q, 0);
        bool was_cancelled = strcmp(stored, "cancelled") == 0;
        bool was_confirmed = strcmp(stored, "confirmed") == 0;
        char code[256] = "", event[1040] = "";
        if (sqlite3_column_type(q, 1) != SQLITE_NULL)
            snprintf(code, sizeof code, "%s", (const char *)sqlite3_column_text(q, 1));
        snprintf(event, sizeof event, "%s", (const char *)sqlite3_column_text(q, 2));
        sqlite3_finalize(q);
        if (strcmp(st_in, "cancelled") == 0 && !was_cancelled) {
            sqlite3_stmt *u =
                yk_hs_prep(s, "UPDATE signups SET status = 'cancelled', updated_utc = ? "
                              "WHERE id = ?");
            if (!u)
                return false;
            sqlite3_bind_int64(u, 1, now);
            yk_hs_bind_str(u, 2, r->id);
            if (!yk_hs_run(s, u) || !yk_hs_revoke_ticket(s, code[0] ? code : NULL, event, now))
                return false;
            o->result = YK_HUB_ACCEPTED;
            *dirty = true;
        }
        if (r->ticket_code && !code[0] && strcmp(st_in, "confirmed") == 0 && was_confirmed) {
            /* The kiosk signed the ticket of a sign-up the hub confirmed from its pool (the
             * hub had none): stored. An existing ticket is never changed. */
            struct yk_hs_ticket tk;
            bool db_ok = true;
            const char *bad =
                yk_hs_ticket_check(s, kiosk, r->ticket_code, event, r->ticket_serial, &tk, &db_ok);
            if (!db_ok)
                return false;
            if (bad) {
                reject(o, bad);
                return true;
            }
            sqlite3_stmt *u =
                yk_hs_prep(s, "UPDATE signups SET ticket_code = ?, ticket_serial = ?, "
                              "short_code = ?, updated_utc = ? "
                              "WHERE id = ? AND ticket_code IS NULL");
            if (!u)
                return false;
            yk_hs_bind_str(u, 1, r->ticket_code);
            sqlite3_bind_int64(u, 2, tk.serial);
            yk_hs_bind_str(u, 3, tk.short_code);
            sqlite3_bind_int64(u, 4, r->updated_utc > 0 ? r->updated_utc : now);
            yk_hs_bind_str(u, 5, r->id);
            if (!yk_hs_run(s, u))
                return false;
            o->result = YK_HUB_ACCEPTED;
        }
        return true;
    }
    if (!r->event_id) {
        reject(o, "missing-event");
        return true;
    }
    struct seats x;
    if (!yk_hs_event_seats(s, r->event_id, &x))
        return false;
    if (!x.exists) {
        reject(o, "unknown-event");
        return true;
    }
    /* The event's own limit (the API bounded it to 1..YK_HUB_PARTY_MAX already). */
    if (r->party_size < 1 || r->party_size > x.max_party) {
        reject(o, "bad-party-size");
        return true;
    }
    const char *status;
    bool from_allot = false;
    if (strcmp(st_in, "cancelled") == 0) {
        status = "cancelled";
    } else if (strcmp(st_in, "confirmed") == 0 || strcmp(st_in, "pending") == 0 ||
               strcmp(st_in, "waitlist") == 0) {
        if (strcmp(st_in, "confirmed") != 0 && x.deleted) {
            reject(o, "event-closed");
            return true;
        }
        if (x.capacity < 0) {
            status = "confirmed"; /* no sign-up limit */
        } else if (strcmp(st_in, "confirmed") == 0) {
            /* Confirmed offline: it must fit in what this kiosk holds. */
            bool ok = true;
            int64_t held = yk_hs_query_int(s,
                                           "SELECT seats FROM allotments WHERE event_id = ? AND "
                                           "kiosk_id = ?",
                                           r->event_id, kiosk, 0, &ok);
            int64_t used = yk_hs_query_int(s,
                                           "SELECT sum(party_size) FROM signups WHERE kiosk_id = ? "
                                           "AND event_id = ? AND status = 'confirmed' AND "
                                           "from_allotment = 1",
                                           kiosk, r->event_id, 0, &ok);
            if (!ok)
                return false;
            if (used + r->party_size <= held) {
                status = "confirmed";
                from_allot = true;
            } else {
                status = "waitlist"; /* beyond its seats: the pool decides, in order */
                snprintf(o->reason, sizeof o->reason, "over-allotment");
                *dirty = true;
            }
        } else {
            status = "waitlist";
            *dirty = true;
        }
    } else {
        reject(o, "bad-status");
        return true;
    }
    /* A ticket must be this kiosk's, for this event: another kiosk's genuine code, or any
     * other string, is refused (it would show "confirmed" on /T/ or block the real one). */
    struct yk_hs_ticket tk = {0};
    if (r->ticket_code) {
        bool db_ok = true;
        const char *bad = yk_hs_ticket_check(s, kiosk, r->ticket_code, r->event_id,
                                             r->ticket_serial, &tk, &db_ok);
        if (!db_ok)
            return false;
        if (bad) {
            reject(o, bad);
            *dirty = false;
            return true;
        }
    }
    sqlite3_stmt *in =
        yk_hs_prep(s, "INSERT INTO signups (id, event_id, kiosk_id, phone, phone_last4, "
                      "surname, title, party_size, status, from_allotment, ticket_code, "
                      "ticket_serial, short_code, created_utc, updated_utc, "
                      "received_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!in)
        return false;
    yk_hs_bind_str(in, 1, r->id);
    yk_hs_bind_str(in, 2, r->event_id);
    yk_hs_bind_str(in, 3, kiosk);
    sqlite3_bind_null(in, 4); /* phone: only the last four digits reach the hub */
    yk_hs_bind_str(in, 5, r->phone_last4);
    yk_hs_bind_str(in, 6, r->surname);
    yk_hs_bind_str(in, 7, r->title);
    sqlite3_bind_int64(in, 8, r->party_size);
    yk_hs_bind_str(in, 9, status);
    sqlite3_bind_int(in, 10, from_allot);
    yk_hs_bind_str(in, 11, r->ticket_code);
    if (r->ticket_code) {
        sqlite3_bind_int64(in, 12, tk.serial);
        yk_hs_bind_str(in, 13, tk.short_code);
    }
    sqlite3_bind_int64(in, 14, r->created_utc);
    sqlite3_bind_int64(in, 15, r->updated_utc ? r->updated_utc : r->created_utc);
    sqlite3_bind_int64(in, 16, now);
    if (!yk_hs_run(s, in)) {
        reject(o, "invalid");
        *dirty = false;
        return true;
    }
    if (strcmp(status, "cancelled") == 0 &&
        !yk_hs_revoke_ticket(s, r->ticket_code, r->event_id, now))
        return false;
    if (s->phone_days > 0 && r->phone && !keep_phone(s, r))
        return false;
    o->result = YK_HUB_ACCEPTED;
    return true;
}

static bool push_other(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                       struct yk_hub_outcome *o, int64_t now)
{
    const char *table = kind_table[r->kind];
    char owner[64];
    if (!owner_of(s, table, r->id, owner))
        return false;
    if (owner[0] && strcmp(owner, kiosk) != 0) {
        reject(o, "id-conflict");
        return true;
    }
    if (owner[0]) {
        o->result = YK_HUB_DUPLICATE;
        if (r->kind == YK_HUB_DUTY && r->has_off) {
            /* The end of a duty arrives later, as a change of the same row. */
            sqlite3_stmt *u = yk_hs_prep(s, "UPDATE duty_log SET off_utc = ? WHERE id = ? AND "
                                            "off_utc IS NULL AND on_utc <= ?");
            if (!u)
                return false;
            sqlite3_bind_int64(u, 1, r->off_utc);
            yk_hs_bind_str(u, 2, r->id);
            sqlite3_bind_int64(u, 3, r->off_utc);
            if (!yk_hs_run(s, u))
                return false;
            if (sqlite3_changes(s->db))
                o->result = YK_HUB_ACCEPTED;
        }
        return true;
    }
    sqlite3_stmt *in = NULL;
    switch (r->kind) {
    case YK_HUB_CHECKIN:
        if (!r->event_id || !exists(s, "SELECT count(*) FROM events WHERE id = ?", r->event_id)) {
            reject(o, "unknown-event");
            return true;
        }
        if (!r->signup_id && !r->ticket_code) {
            reject(o, "missing-ticket");
            return true;
        }
        if (r->count < 1 || r->count > YK_HUB_PARTY_MAX) {
            reject(o, "bad-count");
            return true;
        }
        in = yk_hs_prep(s, "INSERT INTO checkins (id, kiosk_id, signup_id, ticket_code, event_id, "
                           "count, volunteer_id, created_utc, received_utc, conflict) VALUES "
                           "(?1,?2,?3,?4,?5,?6,?7,?8,?9, EXISTS (SELECT 1 FROM checkins WHERE "
                           "kiosk_id <> ?2 AND (ticket_code = ?4 OR signup_id = ?3)))");
        if (!in)
            return false;
        yk_hs_bind_str(in, 1, r->id);
        yk_hs_bind_str(in, 2, kiosk);
        yk_hs_bind_str(in, 3, r->signup_id);
        yk_hs_bind_str(in, 4, r->ticket_code);
        yk_hs_bind_str(in, 5, r->event_id);
        sqlite3_bind_int64(in, 6, r->count);
        yk_hs_bind_str(in, 7, r->volunteer_id);
        sqlite3_bind_int64(in, 8, r->created_utc);
        sqlite3_bind_int64(in, 9, now);
        break;
    case YK_HUB_WALKIN:
        if (!r->kind_id ||
            !exists(s, "SELECT count(*) FROM walkin_kinds WHERE id = ?", r->kind_id)) {
            reject(o, "unknown-kind");
            return true;
        }
        if (r->delta != 1 && r->delta != -1) {
            reject(o, "bad-delta");
            return true;
        }
        in = yk_hs_prep(s, "INSERT INTO walkins (id, kiosk_id, kind_id, delta, created_utc, "
                           "received_utc) VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        yk_hs_bind_str(in, 1, r->id);
        yk_hs_bind_str(in, 2, kiosk);
        yk_hs_bind_str(in, 3, r->kind_id);
        sqlite3_bind_int64(in, 4, r->delta);
        sqlite3_bind_int64(in, 5, r->created_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_DUTY:
        if (!r->volunteer_id ||
            !exists(s, "SELECT count(*) FROM volunteers WHERE id = ?", r->volunteer_id)) {
            reject(o, "unknown-volunteer");
            return true;
        }
        if (r->has_off && r->off_utc < r->on_utc) {
            reject(o, "bad-times");
            return true;
        }
        in = yk_hs_prep(s, "INSERT INTO duty_log (id, kiosk_id, volunteer_id, on_utc, off_utc, "
                           "received_utc) VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        yk_hs_bind_str(in, 1, r->id);
        yk_hs_bind_str(in, 2, kiosk);
        yk_hs_bind_str(in, 3, r->volunteer_id);
        sqlite3_bind_int64(in, 4, r->on_utc);
        if (r->has_off)
            sqlite3_bind_int64(in, 5, r->off_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_AUDIT:
        if (!r->what || !*r->what) {
            reject(o, "missing-what");
            return true;
        }
        in = yk_hs_prep(
            s, "INSERT INTO audit_log (id, kiosk_id, what, ref, created_utc, received_utc) "
               "VALUES (?,?,?,?,?,?)");
        if (!in)
            return false;
        yk_hs_bind_str(in, 1, r->id);
        yk_hs_bind_str(in, 2, kiosk);
        yk_hs_bind_str(in, 3, r->what);
        yk_hs_bind_str(in, 4, r->ref);
        sqlite3_bind_int64(in, 5, r->created_utc);
        sqlite3_bind_int64(in, 6, now);
        break;
    case YK_HUB_SIGNUP:
        return false;
    }
    if (!yk_hs_run(s, in)) {
        reject(o, "invalid");
        return true;
    }
    o->result = YK_HUB_ACCEPTED;
    return true;
}

static bool note_reject(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                        const struct yk_hub_outcome *o, int64_t now)
{
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO push_rejects (kiosk_id, kind, item_id, reason, "
                                     "received_utc) VALUES (?,?,?,?,?)");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, kiosk);
    yk_hs_bind_str(st, 2, kind_table[r->kind]);
    yk_hs_bind_str(st, 3, r->id);
    yk_hs_bind_str(st, 4, o->reason);
    sqlite3_bind_int64(st, 5, now);
    return yk_hs_run(s, st);
}

/* Processing order: sign-ups first, in id order (= sign-up order), then the rest as sent. */
struct order {
    const struct yk_hub_record *r;
    size_t i;
};

static int cmp_order(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    bool sx = x->r->kind == YK_HUB_SIGNUP, sy = y->r->kind == YK_HUB_SIGNUP;
    if (sx != sy)
        return sx ? -1 : 1;
    if (sx) {
        int c = strcmp(x->r->id ? x->r->id : "", y->r->id ? y->r->id : "");
        if (c)
            return c;
    }
    return (x->i > y->i) - (x->i < y->i);
}

/* The body of yk_hub_push, inside the caller's transaction. */
bool yk_hs_push_locked(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                       size_t n, struct yk_hub_outcome *out, int64_t now)
{
    struct order *ord = calloc(n ? n : 1, sizeof *ord);
    char(*dirty)[128] = calloc(n ? n : 1, sizeof *dirty);
    size_t ndirty = 0;
    /* Numbers past their time go first (src/hub/README.md, "The full phone number"). */
    bool ok = ord && dirty && yk_hs_purge_phones(s, now) && yk_hs_purge_lookup(s, now);
    for (size_t i = 0; ok && i < n; i++)
        ord[i] = (struct order){&r[i], i};
    if (ok)
        qsort(ord, n, sizeof *ord, cmp_order);
    for (size_t k = 0; ok && k < n; k++) {
        const struct yk_hub_record *x = ord[k].r;
        struct yk_hub_outcome *o = &out[ord[k].i];
        memset(o, 0, sizeof *o);
        if (!x->kiosk_id || strcmp(x->kiosk_id, kiosk) != 0)
            reject(o, "wrong-kiosk");
        else if (!x->id || !yk_id_valid(x->id))
            reject(o, "bad-id");
        else if (!yk_hs_exec(s, "SAVEPOINT item"))
            ok = false;
        else {
            bool d = false;
            ok = x->kind == YK_HUB_SIGNUP ? push_signup(s, kiosk, x, o, now, &d)
                                          : push_other(s, kiosk, x, o, now);
            /* A new or known sign-up's phone hash (kiosks push again when the key changed). */
            if (ok && o->result != YK_HUB_REJECTED && x->kind == YK_HUB_SIGNUP && x->phone_hash)
                ok = yk_hs_keep_lookup(s, x->id, x->phone_hash, now);
            if (ok && o->result == YK_HUB_REJECTED)
                ok = yk_hs_exec(s, "ROLLBACK TO item");
            ok = ok && yk_hs_exec(s, "RELEASE item");
            if (ok && d && x->event_id && strlen(x->event_id) < sizeof dirty[0]) {
                bool seen = false;
                for (size_t j = 0; j < ndirty; j++)
                    seen = seen || strcmp(dirty[j], x->event_id) == 0;
                if (!seen)
                    snprintf(dirty[ndirty++], sizeof dirty[0], "%s", x->event_id);
            }
        }
        if (ok && o->result == YK_HUB_REJECTED)
            ok = note_reject(s, kiosk, x, o, now);
    }
    for (size_t j = 0; ok && j < ndirty; j++)
        ok = yk_hs_settle(s, dirty[j], now);
    /* The decisions, after settling. */
    for (size_t i = 0; ok && i < n; i++) {
        if (r[i].kind != YK_HUB_SIGNUP || out[i].result == YK_HUB_REJECTED)
            continue;
        sqlite3_stmt *q = yk_hs_prep(s, "SELECT status FROM signups WHERE id = ?");
        ok = q != NULL;
        if (ok) {
            yk_hs_bind_str(q, 1, r[i].id);
            if (sqlite3_step(q) == SQLITE_ROW)
                snprintf(out[i].status, sizeof out[i].status, "%s", sqlite3_column_text(q, 0));
            sqlite3_finalize(q);
        }
    }
    free(ord);
    free(dirty);
    return ok;
}

bool yk_hub_signup_online(struct yk_hub_store *s, const char *auth_kiosk,
                          const struct yk_hub_record *r, bool waitlist_ok,
                          struct yk_hub_outcome *out, int64_t now)
{
    struct yk_hub_record one = *r;
    one.kind = YK_HUB_SIGNUP;
    one.status = "pending";
    yk_hs_lock(s);
    char owner[64] = "";
    bool ok = yk_hs_begin(s) && owner_of(s, "signups", one.id ? one.id : "", owner) &&
              yk_hs_push_locked(s, auth_kiosk, &one, 1, out, now);
    if (ok && !owner[0] && out->result == YK_HUB_ACCEPTED && strcmp(out->status, "waitlist") == 0 &&
        !waitlist_ok) {
        yk_hs_rollback(s);
        snprintf(out->status, sizeof out->status, "full");
    } else {
        ok = ok && yk_hs_commit(s);
    }
    yk_hs_end(s);
    return ok;
}
