#include "core/volunteer_internal.h"

#include "core/log.h"
#include "core/phone.h"
#include "core/utf8.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* volunteer_checkin.c: check-in (a sign-up's status, admitting a party by ticket or sign-up,
 * finding sign-ups by the phone's last four digits). */

#define CODE_CAP 1024 /* a sign-up's ticket code read back (tickets are ~200 digits) */

/* Check-in -------------------------------------------------------------------------------- */

bool yk_checkin_status(struct yk_db *db, const char *signup_id, const char *ticket_code,
                       struct yk_checkin_status *out)
{
    assert(signup_id || ticket_code);
    memset(out, 0, sizeof *out);
    /* Two arms so that each uses its partial index; UNION drops a row matching both. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, count, created_utc, kiosk_id FROM checkins WHERE signup_id = ?1 "
            "UNION SELECT id, count, created_utc, kiosk_id FROM checkins WHERE ticket_code = ?2 "
            "ORDER BY 3, 1");
    if (!st)
        return false;
    bind_text(st, 1, signup_id);
    bind_text(st, 2, ticket_code);
    long long people = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        people += sqlite3_column_int64(st, 1);
        long long t = sqlite3_column_int64(st, 2);
        if (out->visits == 0) {
            out->first_utc = t;
            yk_utf8_copy(out->first_kiosk, sizeof out->first_kiosk, col_text(st, 3));
        }
        out->last_utc = t;
        yk_utf8_copy(out->last_kiosk, sizeof out->last_kiosk, col_text(st, 3));
        if (out->visits < INT_MAX)
            out->visits++;
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        yk_vol_db_fail(db, "read check-ins");
    sqlite3_finalize(st);
    out->checked_in = people > INT_MAX ? INT_MAX : (int)people;
    return ok;
}

bool yk_checkin_record(struct yk_db *db, const char *event_id, const char *signup_id,
                       const char *ticket_code, int count, const char *kiosk_id,
                       const char *volunteer_id, int64_t now_ms, char out_id[YK_ID_LEN + 1])
{
    assert(event_id && (signup_id || ticket_code) && count >= 1);
    yk_id_make(out_id, now_ms);
    sqlite3_stmt *st = yk_db_prepare(
        db, "INSERT INTO checkins (id, signup_id, ticket_code, event_id, count, volunteer_id, "
            "created_utc, kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!st) {
        out_id[0] = '\0';
        return false;
    }
    bind_text(st, 1, out_id);
    bind_text(st, 2, signup_id);
    bind_text(st, 3, ticket_code);
    bind_text(st, 4, event_id);
    sqlite3_bind_int(st, 5, count);
    bind_text(st, 6, volunteer_id);
    sqlite3_bind_int64(st, 7, utc_s(now_ms));
    bind_text(st, 8, kiosk_or_self(db, kiosk_id));
    if (!yk_vol_exec_done(db, st, "record a check-in")) {
        out_id[0] = '\0';
        return false;
    }
    return true;
}

static enum yk_signup_state parse_state(const char *s)
{
    if (s && strcmp(s, "confirmed") == 0)
        return YK_SIGNUP_CONFIRMED;
    if (s && strcmp(s, "waitlist") == 0)
        return YK_SIGNUP_WAITLIST;
    if (s && strcmp(s, "pending") == 0)
        return YK_SIGNUP_PENDING;
    return YK_SIGNUP_CANCELLED;
}

/* The local sign-up by id or else by ticket code. 1 found, 0 none, -1 error. Its ticket
 * code goes to code (cap bytes; "" when none or too long). */
static int find_signup(struct yk_db *db, const char *signup_id, const char *ticket_code,
                       struct yk_checkin_outcome *out, char *event_id, size_t event_cap,
                       enum yk_signup_state *state, char *code, size_t code_cap)
{
    sqlite3_stmt *st = yk_db_prepare(
        db, signup_id ? "SELECT id, event_id, surname, title, party_size, status, ticket_code "
                        "FROM signups WHERE id = ?1"
                      : "SELECT id, event_id, surname, title, party_size, status, ticket_code "
                        "FROM signups WHERE ticket_code = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, signup_id ? signup_id : ticket_code);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        found = 1;
        yk_utf8_copy(out->signup_id, sizeof out->signup_id, col_text(st, 0));
        yk_utf8_copy(event_id, event_cap, col_text(st, 1));
        yk_utf8_copy(out->surname, sizeof out->surname, col_text(st, 2));
        yk_utf8_copy(out->title, sizeof out->title, col_text(st, 3));
        out->party_size = sqlite3_column_int(st, 4);
        *state = parse_state(col_text(st, 5));
        const char *c = col_text(st, 6);
        if (c && strlen(c) < code_cap)
            memcpy(code, c, strlen(c) + 1);
    } else if (rc != SQLITE_DONE) {
        yk_vol_db_fail(db, "read a sign-up");
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

/* The event's max_party: >= 1, 0 when there is no such event, -1 on error. */
static int event_max_party(struct yk_db *db, const char *event_id)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT max_party FROM events WHERE id = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, event_id);
    int rc = sqlite3_step(st), v = 0;
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int(st, 0) > 0 ? sqlite3_column_int(st, 0) : 1;
    else if (rc != SQLITE_DONE) {
        yk_vol_db_fail(db, "read an event");
        v = -1;
    }
    sqlite3_finalize(st);
    return v;
}

enum yk_checkin_rc yk_checkin_admit(struct yk_db *db, const struct yk_checkin_request *req,
                                    int64_t now_ms, struct yk_checkin_outcome *out)
{
    assert(db && req && out && req->event_id && (req->ticket_code || req->signup_id));
    assert(req->count >= 1);
    memset(out, 0, sizeof *out);
    out->rc = YK_CHECKIN_ERROR;
    out->remaining = -1;

    if (req->ticket_event_id && strcmp(req->ticket_event_id, req->event_id) != 0) {
        out->rc = YK_CHECKIN_WRONG_EVENT;
        return out->rc;
    }
    if (!yk_db_begin(db))
        return out->rc;

    enum yk_checkin_rc rc = YK_CHECKIN_ERROR;
    char signup_event[128] = "", row_code[CODE_CAP] = "";
    enum yk_signup_state state = YK_SIGNUP_CONFIRMED;
    int found;
    const char *sid, *code;
    int max_party = event_max_party(db, req->event_id);
    if (max_party == 0)
        yk_error("volunteer", "check-in for unknown event %s", req->event_id);
    if (max_party <= 0)
        goto done;

    found = find_signup(db, req->signup_id, req->ticket_code, out, signup_event,
                        sizeof signup_event, &state, row_code, sizeof row_code);
    if (found < 0)
        goto done;
    if (found == 0 && req->signup_id) {
        rc = YK_CHECKIN_NOT_FOUND;
        goto done;
    }
    if (found) {
        if (strcmp(signup_event, req->event_id) != 0) {
            rc = YK_CHECKIN_WRONG_EVENT;
            goto done;
        }
        if (state == YK_SIGNUP_CANCELLED) {
            rc = YK_CHECKIN_CANCELLED;
            goto done;
        }
        if (state != YK_SIGNUP_CONFIRMED) {
            rc = YK_CHECKIN_NOT_CONFIRMED;
            goto done;
        }
    } else {
        out->party_size = req->ticket_party_size > 0 ? req->ticket_party_size : max_party;
    }

    sid = found ? out->signup_id : NULL;
    code = req->ticket_code ? req->ticket_code : (row_code[0] ? row_code : NULL);
    if (!yk_checkin_status(db, sid, code, &out->before))
        goto done;
    out->remaining =
        out->party_size > out->before.checked_in ? out->party_size - out->before.checked_in : 0;
    if (out->remaining == 0) {
        rc = YK_CHECKIN_ALREADY;
        goto done;
    }
    if (req->count > out->remaining) {
        rc = YK_CHECKIN_TOO_MANY;
        goto done;
    }
    if (!yk_checkin_record(db, req->event_id, sid, code, req->count, req->kiosk_id,
                           req->volunteer_id, now_ms, out->checkin_id))
        goto done;
    out->count = req->count;
    out->remaining -= req->count;
    rc = YK_CHECKIN_OK;

done:
    if (rc == YK_CHECKIN_OK) {
        if (!yk_db_commit(db)) {
            rc = YK_CHECKIN_ERROR;
            out->checkin_id[0] = '\0';
            out->count = 0;
        }
    } else {
        yk_db_rollback(db);
    }
    out->rc = rc;
    return rc;
}

/* "138****5678", or "*******5678" from the last four once the number is purged. */
static void mask_phone(char out[YK_PHONE_MASKED_LEN + 1], const char *phone, const char *last4)
{
    if (!yk_phone_mask(phone, out) && !yk_phone_mask(last4, out))
        memcpy(out + YK_PHONE_MASKED_LEN - 4, "????", 4);
}

static bool four_digits(const char *s)
{
    if (!s || strlen(s) != 4)
        return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* (id, surname, title, phone, phone_last4, party_size, status, ticket_code); ctx: last4. */
static enum row_rc match_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom)
{
    (void)oom;
    struct yk_signup_match *m = item;
    yk_utf8_copy(m->id, sizeof m->id, col_text(st, 0));
    yk_utf8_copy(m->surname, sizeof m->surname, col_text(st, 1));
    yk_utf8_copy(m->title, sizeof m->title, col_text(st, 2));
    mask_phone(m->phone_masked, col_text(st, 3), col_text(st, 4) ? col_text(st, 4) : ctx);
    m->party_size = sqlite3_column_int(st, 5);
    m->state = parse_state(col_text(st, 6));
    struct yk_checkin_status cs;
    if (!yk_checkin_status(db, m->id, col_text(st, 7), &cs))
        return ROW_FAIL;
    m->checked_in = cs.checked_in;
    return ROW_KEEP;
}

bool yk_checkin_find_by_phone(struct yk_db *db, const char *event_id, const char *last4,
                              struct yk_signup_match_list *out)
{
    memset(out, 0, sizeof *out);
    if (!four_digits(last4)) {
        yk_error("volunteer", "phone lookup needs exactly 4 digits");
        return false;
    }
    /* phone_last4 is what survives the purge; a row without it is matched on the phone. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, surname, title, phone, phone_last4, party_size, status, ticket_code "
            "FROM signups WHERE event_id = ?1 AND (phone_last4 = ?2 OR "
            "(phone_last4 IS NULL AND substr(phone, -4) = ?2)) "
            "ORDER BY surname, created_utc, id");
    if (!st)
        return false;
    bind_text(st, 1, event_id);
    bind_text(st, 2, last4);
    if (!yk_vol_read_rows(db, st, "look up sign-ups by phone", (void **)&out->items, &out->count,
                          sizeof *out->items, match_row, (void *)last4)) {
        yk_signup_matches_free(out);
        return false;
    }
    return true;
}

void yk_signup_matches_free(struct yk_signup_match_list *l)
{
    if (!l)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}
