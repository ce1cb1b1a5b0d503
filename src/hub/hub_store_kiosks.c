#include "hub/hub_store_impl.h"

#include "core/base32.h"
#include "core/log.h"
#include "core/ticket.h"

#include <sodium.h>
#include <string.h>

/* Kiosks: setup codes, revocation, the listing ---------------------------------------------- */

static bool station_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > YK_HUB_STATION_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') || id[i] == '-'))
            return false;
    return true;
}

/* Makes and stores a setup code for station_id (replaces: the enrolled kiosk it may re-enrol,
 * or NULL). The caller holds the store. */
static enum yk_hub_rc new_code(struct yk_hub_store *s, const char *station_id, const char *replaces,
                               int64_t now, int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1])
{
    uint8_t r[10];
    randombytes_buf(r, sizeof r);
    yk_base32_encode(r, sizeof r, code, YK_HUB_SETUP_CODE_LEN); /* 80 bits, 16 symbols */
    char h[65];
    yk_hs_hash_hex(code, h);
    sqlite3_stmt *st = yk_hs_prep(s, "INSERT INTO setup_codes (code_hash, station_id, created_utc, "
                                     "expires_utc, replaces_kiosk) VALUES (?, ?, ?, ?, ?)");
    bool ok = false;
    if (st) {
        yk_hs_bind_str(st, 1, h);
        yk_hs_bind_str(st, 2, station_id);
        sqlite3_bind_int64(st, 3, now);
        sqlite3_bind_int64(st, 4, now + ttl_s);
        yk_hs_bind_str(st, 5, replaces);
        ok = yk_hs_run(s, st);
    }
    if (!ok)
        sodium_memzero(code, YK_HUB_SETUP_CODE_LEN + 1);
    return ok ? YK_HUB_OK : YK_HUB_ERROR;
}

enum yk_hub_rc yk_hub_kiosk_add(struct yk_hub_store *s, const char *station_id, int64_t now,
                                int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1])
{
    code[0] = '\0';
    if (!station_valid(station_id) || ttl_s <= 0) {
        yk_error("hub-store", "station id must be 1..63 of a-z 0-9 -");
        return YK_HUB_INVALID;
    }
    yk_hs_lock(s);
    enum yk_hub_rc rc = new_code(s, station_id, NULL, now, ttl_s, code);
    yk_hs_unlock(s);
    return rc;
}

enum yk_hub_rc yk_hub_kiosk_replace(struct yk_hub_store *s, const char *kiosk_id, int64_t now,
                                    int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1])
{
    code[0] = '\0';
    if (!kiosk_id || ttl_s <= 0)
        return YK_HUB_INVALID;
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT station_id, revoked_utc FROM kiosks WHERE id = ?");
    if (st) {
        yk_hs_bind_str(st, 1, kiosk_id);
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            rc = YK_HUB_NOT_FOUND;
        else if (r == SQLITE_ROW && sqlite3_column_type(st, 1) != SQLITE_NULL)
            rc = YK_HUB_REVOKED;
        else if (r == SQLITE_ROW) {
            char station[YK_HUB_STATION_MAX + 1];
            snprintf(station, sizeof station, "%s", (const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
            st = NULL;
            rc = new_code(s, station, kiosk_id, now, ttl_s, code);
        }
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return rc;
}

/* A revoked kiosk keeps only the seats its confirmed sign-ups use; the rest go back to the
 * pool, whose waitlists are then settled. */
static bool release_allotments(struct yk_hub_store *s, const char *kiosk_id, int64_t now)
{
#define USED_SEATS                                                                                 \
    "(SELECT coalesce(sum(party_size), 0) FROM signups g WHERE g.kiosk_id = a.kiosk_id AND "       \
    "g.event_id = a.event_id AND g.status = 'confirmed' AND g.from_allotment = 1)"
    sqlite3_stmt *ev = yk_hs_prep(s, "SELECT event_id FROM allotments a WHERE kiosk_id = ? AND "
                                     "seats > " USED_SEATS);
    sqlite3_stmt *up = yk_hs_prep(s, "UPDATE allotments AS a SET seats = " USED_SEATS
                                     ", updated_utc = ?1 WHERE kiosk_id = ?2 AND event_id = ?3");
#undef USED_SEATS
    bool ok = ev && up;
    int rc = SQLITE_DONE;
    if (ok)
        yk_hs_bind_str(ev, 1, kiosk_id);
    while (ok && (rc = sqlite3_step(ev)) == SQLITE_ROW) {
        const char *event = (const char *)sqlite3_column_text(ev, 0);
        sqlite3_reset(up);
        sqlite3_bind_int64(up, 1, now);
        yk_hs_bind_str(up, 2, kiosk_id);
        yk_hs_bind_str(up, 3, event);
        ok = sqlite3_step(up) == SQLITE_DONE && yk_hs_settle(s, event, now);
    }
    ok = ok && rc == SQLITE_DONE;
    sqlite3_finalize(ev);
    sqlite3_finalize(up);
    return ok;
}

enum yk_hub_rc yk_hub_kiosk_revoke(struct yk_hub_store *s, const char *kiosk_id, int64_t now)
{
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    sqlite3_stmt *st = yk_hs_prep(s, "UPDATE kiosks SET revoked_utc = coalesce(revoked_utc, ?) "
                                     "WHERE id = ?");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    yk_hs_bind_str(st, 2, kiosk_id);
    if (!yk_hs_run(s, st))
        goto out;
    if (sqlite3_changes(s->db) == 0) {
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    st = yk_hs_prep(
        s, "UPDATE kiosk_keys SET revoked_utc = ? WHERE kiosk_id = ? AND revoked_utc IS NULL");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    yk_hs_bind_str(st, 2, kiosk_id);
    if (!yk_hs_run(s, st) || !release_allotments(s, kiosk_id, now) || !yk_hs_commit(s))
        goto out;
    rc = YK_HUB_OK;
out:
    yk_hs_end(s);
    return rc;
}

/* Enrolment and auth ------------------------------------------------------------------------ */

enum yk_hub_rc yk_hub_enrol(struct yk_hub_store *s, const char *code, const char *kiosk_id,
                            const uint8_t public_key[32], int64_t now,
                            char token[YK_HUB_TOKEN_LEN + 1], char station_id[64])
{
    token[0] = station_id[0] = '\0';
    char norm[YK_HUB_SETUP_CODE_LEN + 1];
    if (!yk_base32_normalize(code, norm, YK_HUB_SETUP_CODE_LEN))
        return YK_HUB_NOT_FOUND;
    if (!kiosk_id || !yk_id_valid(kiosk_id))
        return YK_HUB_INVALID;
    char code_hash[65], tok_hash[65], key_hex[2 * YK_TICKET_KEY_ID_LEN + 1];
    yk_hs_hash_hex(norm, code_hash);
    uint8_t raw[32], kid[YK_TICKET_KEY_ID_LEN];
    randombytes_buf(raw, sizeof raw);
    yk_hs_hex(raw, sizeof raw, token);
    yk_hs_hash_hex(token, tok_hash);
    yk_ticket_key_id(public_key, kid);
    yk_hs_hex(kid, sizeof kid, key_hex);

    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    if (!yk_hs_begin(s))
        goto out;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT station_id, expires_utc, used_utc, "
                                     "coalesce(replaces_kiosk, '') FROM setup_codes "
                                     "WHERE code_hash = ?");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, code_hash);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        rc = YK_HUB_NOT_FOUND;
        goto out;
    }
    snprintf(station_id, 64, "%s", (const char *)sqlite3_column_text(st, 0));
    bool used = sqlite3_column_type(st, 2) != SQLITE_NULL || sqlite3_column_int64(st, 1) <= now;
    bool replaces = strcmp((const char *)sqlite3_column_text(st, 3), kiosk_id) == 0;
    sqlite3_finalize(st);
    if (used) {
        rc = YK_HUB_USED;
        goto out;
    }
    bool ok = true;
    if (yk_hs_query_int(s, "SELECT revoked_utc IS NOT NULL FROM kiosks WHERE id = ?", kiosk_id,
                        NULL, 0, &ok)) {
        rc = YK_HUB_REVOKED;
        goto out;
    }
    /* An enrolled id is never taken over: only a code made for it (kiosk-replace) rebinds it. */
    if (!replaces &&
        yk_hs_query_int(s, "SELECT count(*) FROM kiosks WHERE id = ?", kiosk_id, NULL, 0, &ok)) {
        rc = YK_HUB_EXISTS;
        goto out;
    }
    /* The key must not already belong to another kiosk. */
    sqlite3_stmt *k = yk_hs_prep(s, "SELECT kiosk_id FROM kiosk_keys WHERE key_id = ?");
    if (!k || !ok)
        goto out;
    yk_hs_bind_str(k, 1, key_hex);
    if (sqlite3_step(k) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(k, 0), kiosk_id) != 0) {
        sqlite3_finalize(k);
        rc = YK_HUB_INVALID;
        goto out;
    }
    sqlite3_finalize(k);
    st = yk_hs_prep(s, "UPDATE setup_codes SET used_utc = ?, kiosk_id = ? WHERE code_hash = ?");
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, now);
    yk_hs_bind_str(st, 2, kiosk_id);
    yk_hs_bind_str(st, 3, code_hash);
    if (!yk_hs_run(s, st))
        goto out;
    st = yk_hs_prep(
        s, "INSERT INTO kiosks (id, station_id, token_hash, enrolled_utc) VALUES (?, ?, ?, ?) "
           "ON CONFLICT (id) DO UPDATE SET station_id = excluded.station_id, "
           "token_hash = excluded.token_hash, enrolled_utc = excluded.enrolled_utc");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, kiosk_id);
    yk_hs_bind_str(st, 2, station_id);
    yk_hs_bind_str(st, 3, tok_hash);
    sqlite3_bind_int64(st, 4, now);
    if (!yk_hs_run(s, st))
        goto out;
    st = yk_hs_prep(s, "INSERT INTO kiosk_keys (key_id, kiosk_id, public_key, valid_from_utc) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO NOTHING");
    if (!st)
        goto out;
    yk_hs_bind_str(st, 1, key_hex);
    yk_hs_bind_str(st, 2, kiosk_id);
    sqlite3_bind_blob(st, 3, public_key, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    if (!yk_hs_run(s, st) || !yk_hs_commit(s))
        goto out;
    rc = YK_HUB_OK;
out:
    yk_hs_end(s);
    if (rc != YK_HUB_OK) {
        sodium_memzero(token, YK_HUB_TOKEN_LEN + 1);
        if (rc != YK_HUB_USED && rc != YK_HUB_REVOKED && rc != YK_HUB_EXISTS)
            station_id[0] = '\0';
    }
    return rc;
}

enum yk_hub_rc yk_hub_auth(struct yk_hub_store *s, const char *token, char kiosk_id[YK_ID_LEN + 1])
{
    kiosk_id[0] = '\0';
    if (!token || strlen(token) != YK_HUB_TOKEN_LEN)
        return YK_HUB_NOT_FOUND;
    for (const char *p = token; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return YK_HUB_NOT_FOUND;
    char h[65];
    yk_hs_hash_hex(token, h);
    yk_hs_lock(s);
    enum yk_hub_rc rc = YK_HUB_ERROR;
    sqlite3_stmt *st = yk_hs_prep(s, "SELECT id, revoked_utc FROM kiosks WHERE token_hash = ?");
    if (st) {
        yk_hs_bind_str(st, 1, h);
        int r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            snprintf(kiosk_id, YK_ID_LEN + 1, "%s", (const char *)sqlite3_column_text(st, 0));
            rc = sqlite3_column_type(st, 1) == SQLITE_NULL ? YK_HUB_OK : YK_HUB_REVOKED;
        } else if (r == SQLITE_DONE) {
            rc = YK_HUB_NOT_FOUND;
        }
        sqlite3_finalize(st);
    }
    yk_hs_unlock(s);
    return rc;
}
