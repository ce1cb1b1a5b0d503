#include "hub/hub_store_impl.h"

#include "core/phone.h"
#include "core/ticket.h"
#include "core/utf8.h"

#include <string.h>

/* Tickets ------------------------------------------------------------------------------------ */

/* Column i as text into out (n bytes), cut at a character boundary if it does not fit. */
static void copy_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
    yk_utf8_copy(out, n, (const char *)sqlite3_column_text(st, i));
}

static bool event_info(struct yk_hub_store *s, sqlite3_stmt *st, int first, struct yk_hub_ticket *t)
{
    (void)s;
    copy_col(st, first, t->event_title_zh, sizeof t->event_title_zh);
    copy_col(st, first + 1, t->event_title_en, sizeof t->event_title_en);
    copy_col(st, first + 2, t->place_zh, sizeof t->place_zh);
    copy_col(st, first + 3, t->place_en, sizeof t->place_en);
    t->starts_utc = sqlite3_column_int64(st, first + 4);
    t->ends_utc = sqlite3_column_int64(st, first + 5);
    return true;
}

#define MAX_KEYS 256

/* The unrevoked-or-cut-off ticket keys of kiosk (NULL: of every kiosk), at most MAX_KEYS,
 * each with its cutoff (the earlier of revocation and expiry; 0 = none). */
static bool load_keys(struct yk_hub_store *s, const char *kiosk,
                      struct yk_ticket_pubkey keys[MAX_KEYS], size_t *n)
{
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT public_key, min(coalesce(revoked_utc, 9e18), "
                                     "coalesce(valid_until_utc, 9e18)) FROM kiosk_keys "
                                     "WHERE deleted = 0 AND length(public_key) = 32 AND "
                                     "(?1 IS NULL OR kiosk_id = ?1)");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, kiosk);
    *n = 0;
    int rc;
    while (*n < MAX_KEYS && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        memcpy(keys[*n].public_key, sqlite3_column_blob(st, 0), 32);
        int64_t cut = sqlite3_column_int64(st, 1);
        keys[*n].cutoff_utc = cut >= (int64_t)9e18 ? 0 : cut;
        (*n)++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

const char *yk_hs_ticket_check(struct yk_hub_store *s, const char *kiosk, const char *code,
                               const char *event_id, int64_t serial, struct yk_hs_ticket *t,
                               bool *db_ok)
{
    memset(t, 0, sizeof *t);
    *db_ok = true;
    struct yk_ticket_pubkey keys[MAX_KEYS];
    size_t n = 0;
    if (!load_keys(s, kiosk, keys, &n)) {
        *db_ok = false;
        return "invalid";
    }
    struct yk_ticket tk;
    if (yk_ticket_verify(code, strlen(code), keys, n, &tk) != YK_TICKET_OK ||
        !yk_ticket_event_matches(&tk, event_id) || (serial && serial != (int64_t)tk.serial))
        return "bad-ticket";
    if (yk_hs_query_int(s, "SELECT count(*) FROM signups WHERE ticket_code = ?", code, NULL, 0,
                        db_ok))
        return "ticket-conflict";
    t->serial = tk.serial;
    yk_ticket_short_code(&tk, t->short_code);
    return NULL;
}

/* A code no sign-up on the hub has: valid when a known key signed it (cutoff: revocation or
 * expiry); the event is found by its hash. */
static enum yk_hub_rc ticket_unsynced(struct yk_hub_store *s, const char *code,
                                      struct yk_hub_ticket *t)
{
    struct yk_ticket_pubkey keys[MAX_KEYS];
    size_t n = 0;
    if (!load_keys(s, NULL, keys, &n))
        return YK_HUB_ERROR;
    struct yk_ticket tk;
    if (yk_ticket_verify(code, strlen(code), keys, n, &tk) != YK_TICKET_OK)
        return YK_HUB_NOT_FOUND;
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT id, title_zh, title_en, place_zh, place_en, starts_utc, ends_utc "
                      "FROM events");
    if (!st)
        return YK_HUB_ERROR;
    enum yk_hub_rc rc = YK_HUB_NOT_FOUND;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (yk_ticket_event_matches(&tk, (const char *)sqlite3_column_text(st, 0))) {
            event_info(s, st, 1, t);
            snprintf(t->status, sizeof t->status, "unsynced");
            rc = YK_HUB_OK;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

enum yk_hub_rc yk_hub_ticket(struct yk_hub_store *s, const char *code, struct yk_hub_ticket *t)
{
    memset(t, 0, sizeof *t);
    if (!code || !*code || strlen(code) > 512)
        return YK_HUB_NOT_FOUND;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT s.status, s.party_size, s.surname, s.title, "
                                     "s.phone_last4, e.title_zh, e.title_en, "
                                     "e.place_zh, e.place_en, e.starts_utc, e.ends_utc "
                                     "FROM signups s LEFT JOIN events e ON e.id = s.event_id "
                                     "WHERE s.ticket_code = ?1 OR s.short_code = ?1");
    if (st) {
        yk_hs_bind_str(st, 1, code);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            copy_col(st, 0, t->status, sizeof t->status);
            t->party_size = sqlite3_column_int64(st, 1);
            copy_col(st, 2, t->surname, sizeof t->surname);
            copy_col(st, 3, t->title, sizeof t->title);
            /* Only the last four digits go up from kiosks: "****5678" (yk_phone_mask). */
            if (!yk_phone_mask((const char *)sqlite3_column_text(st, 4), t->phone_masked))
                t->phone_masked[0] = '\0';
            event_info(s, st, 5, t);
            t->synced = true;
            rc = YK_HUB_OK;
        } else if (r == SQLITE_DONE) {
            rc = ticket_unsynced(s, code, t);
        }
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return rc;
}
