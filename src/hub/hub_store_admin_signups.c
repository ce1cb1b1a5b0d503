/* The admin's sign-ups (hub_store_admin.h): the list with phones masked, and the two changes
 * station staff make: cancelling a sign-up and moving one up from the waitlist. Both go
 * through the same rules as a kiosk's own cancellation and the waitlist's settling
 * (hub_store_seats.c): a cancelled ticket is listed in revocations, freed pool seats let the
 * waitlist in, and no event is ever overbooked. */
#include "hub/hub_store_admin.h"

#include "core/json.h"
#include "core/phone.h"
#include "hub/hub_store_admin_sql.h"
#include "hub/hub_store_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* yk_phone_mask's one format (the kiosk's): "138****5678" or "+852 ****4567" from a whole
 * number (a hub from before issue 11 may still hold one), "****5678" from the last four, ""
 * when neither is known. */
static void mask_phone(const char *phone, const char *last4, char out[YK_PHONE_MASKED_LEN + 1])
{
    if (!yk_phone_mask(phone, out) && !yk_phone_mask(last4, out))
        out[0] = '\0';
}

/* The columns read_signup reads, g = signups, c = its first check-in. */
#define SIGNUP_COLS                                                                                \
    "g.id, g.event_id, g.status, g.surname, g.title, g.phone, g.phone_last4, g.kiosk_id, "         \
    "g.party_size, g.created_utc, c.created_utc, c.kiosk_id"
#define SIGNUP_FROM                                                                                \
    " FROM signups g LEFT JOIN checkins c ON c.rowid = (SELECT rowid FROM checkins x WHERE "       \
    "x.signup_id = g.id OR (g.ticket_code IS NOT NULL AND x.ticket_code = g.ticket_code) "         \
    "ORDER BY x.created_utc LIMIT 1) "

static void read_signup(sqlite3_stmt *st, struct yk_admin_signup *g)
{
    memset(g, 0, sizeof *g);
    yk_as_copy_col(st, 0, g->id, sizeof g->id);
    yk_as_copy_col(st, 1, g->event_id, sizeof g->event_id);
    yk_as_copy_col(st, 2, g->status, sizeof g->status);
    yk_as_copy_col(st, 3, g->surname, sizeof g->surname);
    yk_as_copy_col(st, 4, g->title, sizeof g->title);
    mask_phone((const char *)sqlite3_column_text(st, 5), (const char *)sqlite3_column_text(st, 6),
               g->phone_masked);
    yk_as_copy_col(st, 7, g->kiosk_id, sizeof g->kiosk_id);
    g->party_size = sqlite3_column_int64(st, 8);
    g->created_utc = sqlite3_column_int64(st, 9);
    g->checkin_utc = sqlite3_column_int64(st, 10);
    yk_as_copy_col(st, 11, g->checkin_kiosk, sizeof g->checkin_kiosk);
}

bool yk_admin_signups(struct yk_hub_store *s, const char *event_id,
                      void (*cb)(void *ctx, const struct yk_admin_signup *g), void *ctx)
{
    yk_hs_lock(s);
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT " SIGNUP_COLS SIGNUP_FROM "WHERE g.event_id = ? ORDER BY g.id");
    bool ok = st != NULL;
    if (st)
        yk_hs_bind_str(st, 1, event_id);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_signup g;
        read_signup(st, &g);
        cb(ctx, &g);
    }
    sqlite3_finalize(st);
    yk_hs_unlock(s);
    return ok;
}

/* Sign-up id and its event's station ("" = the subdistrict's), with the store taken. */
/* The sign-up, its event's station, and its ticket code into code (code_n bytes; NULL: not
 * wanted; "" when it has none). */
static enum yk_hub_rc get_locked(struct yk_hub_store *s, const char *id, struct yk_admin_signup *g,
                                 char station[64], char *code, size_t code_n)
{
    station[0] = '\0';
    sqlite3_stmt *st = yk_hs_prep(
        s, "SELECT " SIGNUP_COLS
           ", coalesce(es.station_id, ''), coalesce(g.ticket_code, '')" SIGNUP_FROM
           "LEFT JOIN admin_event_station es ON es.event_id = g.event_id WHERE g.id = ?");
    if (!st)
        return YK_HUB_ERROR;
    yk_hs_bind_str(st, 1, id);
    int k = sqlite3_step(st);
    if (k == SQLITE_ROW) {
        read_signup(st, g);
        yk_as_copy_col(st, 12, station, 64);
        if (code)
            yk_as_copy_col(st, 13, code, code_n);
    }
    sqlite3_finalize(st);
    return k == SQLITE_ROW ? YK_HUB_OK : k == SQLITE_DONE ? YK_HUB_NOT_FOUND : YK_HUB_ERROR;
}

enum yk_hub_rc yk_admin_signup_get(struct yk_hub_store *s, const char *id,
                                   struct yk_admin_signup *g, char station[64])
{
    yk_hs_lock(s);
    enum yk_hub_rc rc = get_locked(s, id, g, station, NULL, 0);
    yk_hs_unlock(s);
    return rc;
}

/* What the audit log keeps of a sign-up: no name, no phone. */
static char *signup_json(const struct yk_admin_signup *g, const char *status)
{
    struct yk_jw w;
    yk_jw_init(&w, 4096);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "event_id", g->event_id);
    yk_jw_kstr(&w, "status", status);
    yk_jw_kint(&w, "party_size", g->party_size);
    yk_jw_kstr(&w, "kiosk_id", g->kiosk_id);
    yk_jw_obj_end(&w);
    return yk_jw_take(&w, NULL);
}

/* Refuses a promotion that does not fit: INVALID with the figures in err. */
static enum yk_hub_rc promote_check(struct yk_hub_store *s, const struct yk_admin_signup *g,
                                    char err[YK_ADMIN_ERR_MAX])
{
    if (strcmp(g->status, "waitlist") != 0) {
        snprintf(err, YK_ADMIN_ERR_MAX,
                 "只有候补的报名可以转为确认。 / Only a sign-up on the waitlist can be moved up.");
        return YK_HUB_INVALID;
    }
    struct seats x;
    if (!yk_hs_event_seats(s, g->event_id, &x))
        return YK_HUB_ERROR;
    if (x.cancelled) {
        snprintf(err, YK_ADMIN_ERR_MAX,
                 "活动已取消，不能再确认报名。 / The event is cancelled: nobody can be moved up.");
        return YK_HUB_INVALID;
    }
    if (!x.exists || x.deleted) {
        snprintf(err, YK_ADMIN_ERR_MAX, "活动已删除。 / The event was deleted.");
        return YK_HUB_INVALID;
    }
    int64_t free_seats = yk_hs_pool_free(&x);
    if (x.capacity >= 0 && g->party_size > free_seats) {
        /* Seats kiosks hold but have not used yet stay theirs (they confirm offline). */
        int64_t held_unused = x.allotted - (x.confirmed - x.pool_used);
        snprintf(
            err, YK_ADMIN_ERR_MAX,
            "名额不够：需要 %lld 个，空余 %lld 个（另有 %lld 个由自助机预留）。请先提高名额。 / "
            "Not enough places: %lld needed, %lld free (%lld more held by kiosks for "
            "offline sign-ups). Raise the places first.",
            (long long)g->party_size, (long long)(free_seats > 0 ? free_seats : 0),
            (long long)(held_unused > 0 ? held_unused : 0), (long long)g->party_size,
            (long long)(free_seats > 0 ? free_seats : 0),
            (long long)(held_unused > 0 ? held_unused : 0));
        return YK_HUB_INVALID;
    }
    return YK_HUB_OK;
}

enum yk_hub_rc yk_as_signup_change(struct yk_hub_store *s, const char *actor, const char *id,
                                   bool promote, int64_t now, char *err)
{
    err[0] = '\0';
    struct yk_admin_signup g;
    char station[64], code[256] = "";
    enum yk_hub_rc rc = get_locked(s, id, &g, station, code, sizeof code);
    if (rc == YK_HUB_OK && strcmp(g.status, "cancelled") == 0) {
        snprintf(err, YK_ADMIN_ERR_MAX,
                 "这条报名已经取消了。 / This sign-up is cancelled already.");
        rc = YK_HUB_INVALID;
    }
    if (rc == YK_HUB_OK && promote)
        rc = promote_check(s, &g, err);
    if (rc != YK_HUB_OK)
        return rc;
    const char *to = promote ? "confirmed" : "cancelled";
    /* A promoted sign-up takes its seats from the common pool (from_allotment = 0). The
     * trigger signups_upd puts the decision in the change log for the kiosk it came from. */
    sqlite3_stmt *st = yk_hs_prep(s, "UPDATE signups SET status = ?1, updated_utc = ?2, "
                                     "from_allotment = CASE WHEN ?1 = 'confirmed' THEN 0 ELSE "
                                     "from_allotment END WHERE id = ?3 AND status = ?4");
    if (st) {
        yk_hs_bind_str(st, 1, to);
        sqlite3_bind_int64(st, 2, now);
        yk_hs_bind_str(st, 3, id);
        yk_hs_bind_str(st, 4, g.status);
    }
    bool ok = yk_hs_run(s, st);
    if (ok && !promote)
        ok = yk_hs_revoke_ticket(s, code[0] ? code : NULL, g.event_id, now) &&
             yk_hs_settle(s, g.event_id, now);
    char target[64];
    snprintf(target, sizeof target, "signups/%s", id);
    char *before = signup_json(&g, g.status), *after = signup_json(&g, to);
    ok = ok && before && after &&
         yk_as_audit(s, actor, promote ? "signup.promote" : "signup.cancel", target, before, after,
                     now);
    free(before);
    free(after);
    return ok ? YK_HUB_OK : YK_HUB_ERROR;
}

enum yk_hub_rc yk_admin_signup_change(struct yk_hub_store *s, const char *actor, const char *id,
                                      bool promote, int64_t now, char err[YK_ADMIN_ERR_MAX])
{
    err[0] = '\0';
    yk_hs_lock(s);
    enum yk_hub_rc rc =
        yk_hs_begin(s) ? yk_as_signup_change(s, actor, id, promote, now, err) : YK_HUB_ERROR;
    if (!yk_as_finish(s, rc == YK_HUB_OK) && rc == YK_HUB_OK)
        rc = YK_HUB_ERROR;
    yk_hs_unlock(s);
    return rc;
}

bool yk_admin_call_list(struct yk_hub_store *s, const char *actor, const char *event_id,
                        int64_t now,
                        void (*cb)(void *ctx, const struct yk_admin_signup *g, const char *phone),
                        void *ctx)
{
    yk_hs_lock(s);
    bool ok = yk_hs_begin(s) && yk_hs_purge_phones(s, now);
    sqlite3_stmt *st =
        ok ? yk_hs_prep(s, "SELECT " SIGNUP_COLS ", p.phone" SIGNUP_FROM
                           "LEFT JOIN signup_phones p ON p.signup_id = g.id WHERE g.event_id = ? "
                           "AND g.status <> 'cancelled' ORDER BY g.id")
           : NULL;
    ok = st != NULL;
    int64_t shown = 0;
    if (st)
        yk_hs_bind_str(st, 1, event_id);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct yk_admin_signup g;
        read_signup(st, &g);
        const char *phone = (const char *)sqlite3_column_text(st, 12);
        shown += phone != NULL;
        cb(ctx, &g, phone);
    }
    sqlite3_finalize(st);
    char target[96], after[48];
    snprintf(target, sizeof target, "events/%s", event_id);
    snprintf(after, sizeof after, "{\"numbers_shown\":%lld}", (long long)shown);
    ok = ok && yk_as_audit(s, actor, "signup.call-list", target, NULL, after, now);
    ok = yk_as_finish(s, ok);
    yk_hs_unlock(s);
    return ok;
}
