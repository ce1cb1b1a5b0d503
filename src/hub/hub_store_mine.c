/* A person's sign-ups at any kiosk by phone hash (hub_store_mine.h): the look-up rows, the
 * list, the person's cancel (through the admin's, hub_store_admin_signups.c) and the count of
 * look-ups that found nothing. */
#include "hub/hub_store_mine.h"

#include "core/log.h"
#include "hub/hub_store_admin.h"
#include "hub/hub_store_admin_sql.h"
#include "hub/hub_store_impl.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void yk_hub_set_phone_key(struct yk_hub_store *s, const uint8_t key[32])
{
    memcpy(s->phone_key, key, sizeof s->phone_key);
    s->has_phone_key = true;
}

bool yk_hub_phone_key_hex(const struct yk_hub_store *s, char hex[YK_HUB_PHONE_HASH_LEN + 1])
{
    hex[0] = '\0';
    if (!s->has_phone_key)
        return false;
    sodium_bin2hex(hex, YK_HUB_PHONE_HASH_LEN + 1, s->phone_key, sizeof s->phone_key);
    return true;
}

bool yk_hs_purge_lookup(struct yk_hub_store *s, int64_t now)
{
    sqlite3_stmt *a = yk_hs_prep(s, "DELETE FROM signup_lookup WHERE purge_after_utc <= ?");
    if (a)
        sqlite3_bind_int64(a, 1, now);
    if (!yk_hs_run(s, a))
        return false;
    sqlite3_stmt *b =
        yk_hs_prep(s, "DELETE FROM signup_lookup_cancelled WHERE purge_after_utc <= ?");
    if (b)
        sqlite3_bind_int64(b, 1, now);
    return yk_hs_run(s, b);
}

bool yk_hs_keep_lookup(struct yk_hub_store *s, const char *id, const char *phone_hash, int64_t now)
{
    sqlite3_stmt *st = yk_hs_prep(
        s, "INSERT INTO signup_lookup (signup_id, phone_hash, purge_after_utc) "
           "SELECT g.id, ?2, e.ends_utc FROM signups g JOIN events e ON e.id = g.event_id "
           "WHERE g.id = ?1 AND g.status <> 'cancelled' AND e.ends_utc > ?3 "
           "ON CONFLICT (signup_id) DO UPDATE SET phone_hash = excluded.phone_hash, "
           "purge_after_utc = excluded.purge_after_utc");
    if (!st)
        return false;
    yk_hs_bind_str(st, 1, id);
    yk_hs_bind_str(st, 2, phone_hash);
    sqlite3_bind_int64(st, 3, now);
    return yk_hs_run(s, st);
}

/* The rules a person meets, in the kiosk's order (core/signup_mine.c, rule): the organiser
 * cancelled the event, it has started, someone of the sign-up was checked in. */
static enum yk_mine_rc rule(int64_t event_cancelled, int64_t starts, bool checked_in, int64_t now)
{
    if (event_cancelled)
        return YK_MINE_EVENT_CANCELLED;
    if (now >= starts)
        return YK_MINE_STARTED;
    return checked_in ? YK_MINE_CHECKED_IN : YK_MINE_OK;
}

/* Whether the hub has a check-in of sign-up g (by its id or its ticket). */
#define CHECKED_IN                                                                                 \
    "(EXISTS (SELECT 1 FROM checkins c WHERE c.signup_id = g.id) OR (g.ticket_code IS NOT NULL "   \
    "AND EXISTS (SELECT 1 FROM checkins c WHERE c.ticket_code = g.ticket_code)))"

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int yk_hub_mine_list(struct yk_hub_store *s, const char *phone_hash, int64_t now,
                     void (*cb)(void *ctx, const struct yk_hub_mine *m), void *ctx)
{
    yk_hs_lock(s);
    int n = -1;
    sqlite3_stmt *st = NULL;
    if (!yk_hs_begin(s) || !yk_hs_purge_lookup(s, now))
        goto out;
    st = yk_hs_prep(
        s, "SELECT g.id, g.event_id, g.kiosk_id, g.status, g.surname, g.title, g.phone_last4, "
           "g.ticket_code, g.short_code, g.party_size, g.created_utc, e.starts_utc, e.ends_utc, "
           "coalesce(e.cancelled_utc, 0), " CHECKED_IN
           " FROM signup_lookup l JOIN signups g ON g.id = l.signup_id "
           "JOIN events e ON e.id = g.event_id WHERE l.phone_hash = ?1 AND g.status <> "
           "'cancelled' AND e.deleted = 0 AND e.ends_utc > ?2 ORDER BY e.starts_utc, g.id "
           "LIMIT ?3");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, phone_hash);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, YK_SIGNUP_MINE_MAX);
    int k, got = 0;
    while ((k = sqlite3_step(st)) == SQLITE_ROW) {
        struct yk_hub_mine m = {
            .id = col(st, 0),
            .event_id = col(st, 1),
            .kiosk_id = col(st, 2),
            .status = col(st, 3),
            .surname = col(st, 4),
            .title = col(st, 5),
            .phone_last4 = col(st, 6),
            .ticket_code = col(st, 7),
            .short_code = col(st, 8),
            .party_size = sqlite3_column_int64(st, 9),
            .created_utc = sqlite3_column_int64(st, 10),
            .starts_utc = sqlite3_column_int64(st, 11),
            .ends_utc = sqlite3_column_int64(st, 12),
        };
        m.can_cancel =
            rule(sqlite3_column_int64(st, 13), m.starts_utc, sqlite3_column_int(st, 14) != 0, now);
        cb(ctx, &m);
        got++;
    }
    if (k == SQLITE_DONE)
        n = got;
    else
        yk_error("hub-store", "look-up by phone hash: %s", sqlite3_errmsg(s->db));
out:
    sqlite3_finalize(st);
    if (!yk_as_finish(s, n >= 0))
        n = -1;
    yk_hs_unlock(s);
    return n;
}

/* What a second cancel of the same number finds once the look-up row is gone: it links
 * neither to the number nor to the person's other sign-ups. */
static void cancel_proof(const char *phone_hash, const char *signup_id, char out[65])
{
    crypto_generichash_state h;
    uint8_t d[32];
    crypto_generichash_init(&h, NULL, 0, sizeof d);
    crypto_generichash_update(&h, (const unsigned char *)phone_hash, strlen(phone_hash));
    crypto_generichash_update(&h, (const unsigned char *)signup_id, strlen(signup_id));
    crypto_generichash_final(&h, d, sizeof d);
    sodium_bin2hex(out, 65, d, sizeof d);
}

/* The sign-up of this hash and id, and why it may (not) be cancelled: NOT_FOUND when the hash
 * has no live sign-up with that id; ALREADY when this number cancelled it here before. */
static enum yk_mine_rc find_locked(struct yk_hub_store *s, const char *phone_hash,
                                   const char *signup_id, const char proof[65], int64_t now)
{
    sqlite3_stmt *st =
        yk_hs_prep(s, "SELECT coalesce(e.cancelled_utc, 0), e.starts_utc, " CHECKED_IN
                      " FROM signup_lookup l JOIN signups g ON g.id = l.signup_id "
                      "JOIN events e ON e.id = g.event_id WHERE l.signup_id = ?1 AND "
                      "l.phone_hash = ?2 AND g.status <> 'cancelled' AND e.deleted = 0");
    if (!st)
        return YK_MINE_ERROR;
    yk_hs_bind_str(st, 1, signup_id);
    yk_hs_bind_str(st, 2, phone_hash);
    int k = sqlite3_step(st);
    enum yk_mine_rc rc = YK_MINE_ERROR;
    if (k == SQLITE_ROW)
        rc = rule(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                  sqlite3_column_int(st, 2) != 0, now);
    sqlite3_finalize(st);
    if (k != SQLITE_DONE)
        return rc;
    bool ok = true;
    int64_t before = yk_hs_query_int(s,
                                     "SELECT count(*) FROM signup_lookup_cancelled WHERE "
                                     "signup_id = ? AND proof = ?",
                                     signup_id, proof, 0, &ok);
    return !ok ? YK_MINE_ERROR : before ? YK_MINE_ALREADY : YK_MINE_NOT_FOUND;
}

enum yk_mine_rc yk_hub_mine_cancel(struct yk_hub_store *s, const char *kiosk_id,
                                   const char *phone_hash, const char *signup_id, int64_t now)
{
    char proof[65], actor[16 + YK_ID_LEN], err[YK_ADMIN_ERR_MAX];
    cancel_proof(phone_hash, signup_id, proof);
    snprintf(actor, sizeof actor, "kiosk:%s", kiosk_id);
    yk_hs_lock(s);
    enum yk_mine_rc rc = YK_MINE_ERROR;
    if (yk_hs_begin(s) && yk_hs_purge_lookup(s, now))
        rc = find_locked(s, phone_hash, signup_id, proof, now);
    if (rc == YK_MINE_OK) {
        /* The event's end, read before the cancel deletes the look-up row. */
        bool ok = true;
        int64_t until = yk_hs_query_int(s,
                                        "SELECT purge_after_utc FROM signup_lookup WHERE "
                                        "signup_id = ?",
                                        signup_id, NULL, now, &ok);
        enum yk_hub_rc c =
            ok ? yk_as_signup_change(s, actor, signup_id, false, now, err) : YK_HUB_ERROR;
        sqlite3_stmt *st = c == YK_HUB_OK
                               ? yk_hs_prep(s, "INSERT OR REPLACE INTO signup_lookup_cancelled "
                                               "(signup_id, proof, purge_after_utc) VALUES (?,?,?)")
                               : NULL;
        if (st) {
            yk_hs_bind_str(st, 1, signup_id);
            yk_hs_bind_str(st, 2, proof);
            sqlite3_bind_int64(st, 3, until);
        }
        rc = c == YK_HUB_INVALID ? YK_MINE_ALREADY : yk_hs_run(s, st) ? YK_MINE_OK : YK_MINE_ERROR;
    }
    if (!yk_as_finish(s, rc != YK_MINE_ERROR))
        rc = YK_MINE_ERROR;
    yk_hs_unlock(s);
    if (rc == YK_MINE_OK)
        yk_info("hub", "sign-up %s cancelled by its person at kiosk %s", signup_id, kiosk_id);
    return rc;
}

/* The key of a kiosk in the guess table (apart from the client addresses of hub_http.c). */
static void miss_key(const char *kiosk_id, char out[48])
{
    snprintf(out, 48, "kiosk:%s", kiosk_id);
}

int64_t yk_hub_mine_wait(struct yk_hub_store *s, const char *kiosk_id, int64_t now_ms)
{
    char key[48];
    miss_key(kiosk_id, key);
    return yk_hub_limit_wait(s->mine_misses, key, now_ms);
}

unsigned yk_hub_mine_miss(struct yk_hub_store *s, const char *kiosk_id, int64_t now_ms)
{
    char key[48];
    miss_key(kiosk_id, key);
    unsigned n = yk_hub_limit_fail(s->mine_misses, key, now_ms);
    yk_warn("hub", "a look-up of kiosk %s found nothing (%u in a row%s)", kiosk_id, n,
            n > YK_HUB_LIMIT_FREE ? "; it must now wait" : "");
    return n;
}
