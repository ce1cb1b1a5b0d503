#include "core/signup.h"

#include "core/log.h"
#include "core/utf8.h"
#include "core/store.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* All SQL on the signups table. The event's own columns come from store.c (the read side). */

#define SIGNUP_COLS                                                                                \
    "id, event_id, status, party_size, surname, title, phone, phone_last4, ticket_code, "          \
    "short_code, created_utc"

#define TITLE_MR "先生"
#define TITLE_MS "女士"
#define DAY_S 86400

const char *yk_signup_rc_name(enum yk_signup_rc s)
{
    switch (s) {
    case YK_SIGNUP_RC_CONFIRMED:
        return "confirmed";
    case YK_SIGNUP_RC_PENDING:
        return "pending";
    case YK_SIGNUP_RC_WAITLIST:
        return "waitlist";
    case YK_SIGNUP_RC_EXISTING:
        return "existing";
    case YK_SIGNUP_RC_FULL:
        return "full";
    case YK_SIGNUP_RC_CLOSED:
        return "closed";
    case YK_SIGNUP_RC_NOT_NEEDED:
        return "not-needed";
    case YK_SIGNUP_RC_BAD_PARTY:
        return "bad-party";
    case YK_SIGNUP_RC_BAD_PHONE:
        return "bad-phone";
    case YK_SIGNUP_RC_BAD_NAME:
        return "bad-name";
    case YK_SIGNUP_RC_NO_CONSENT:
        return "no-consent";
    case YK_SIGNUP_RC_NO_EVENT:
        return "no-event";
    case YK_SIGNUP_RC_ERROR:
        return "error";
    }
    return "?";
}

static const char *state_sql(enum yk_seat s)
{
    switch (s) {
    case YK_SEAT_CONFIRMED:
        return "confirmed";
    case YK_SEAT_PENDING:
        return "pending";
    case YK_SEAT_WAITLIST:
        return "waitlist";
    case YK_SEAT_CANCELLED:
        return "cancelled";
    case YK_SEAT_NONE:
        break;
    }
    assert(!"no database spelling");
    return NULL;
}

enum yk_seat yk_signup_seat_parse(const char *s)
{
    if (!s)
        return YK_SEAT_NONE;
    if (strcmp(s, "confirmed") == 0)
        return YK_SEAT_CONFIRMED;
    if (strcmp(s, "pending") == 0)
        return YK_SEAT_PENDING;
    if (strcmp(s, "waitlist") == 0)
        return YK_SEAT_WAITLIST;
    if (strcmp(s, "cancelled") == 0)
        return YK_SEAT_CANCELLED;
    return YK_SEAT_NONE;
}

static const char *title_sql(enum yk_title t)
{
    return t == YK_TITLE_MR ? TITLE_MR : t == YK_TITLE_MS ? TITLE_MS : NULL;
}

enum yk_title yk_signup_title_parse(const char *s)
{
    if (s && strcmp(s, TITLE_MR) == 0)
        return YK_TITLE_MR;
    if (s && strcmp(s, TITLE_MS) == 0)
        return YK_TITLE_MS;
    return YK_TITLE_NONE;
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(out, n, "%s", t ? (const char *)t : "");
}

/* One row of SIGNUP_COLS into *out. The full phone number never leaves this file. */
static void read_info(sqlite3_stmt *st, struct yk_signup_info *out)
{
    memset(out, 0, sizeof *out);
    copy_col(st, 0, out->id, sizeof out->id);
    copy_col(st, 1, out->event_id, sizeof out->event_id);
    out->seat = yk_signup_seat_parse((const char *)sqlite3_column_text(st, 2));
    out->party_size = sqlite3_column_int(st, 3);
    copy_col(st, 4, out->surname, sizeof out->surname);
    out->title = yk_signup_title_parse((const char *)sqlite3_column_text(st, 5));
    const char *phone = (const char *)sqlite3_column_text(st, 6);
    yk_phone_mask(phone ? phone : (const char *)sqlite3_column_text(st, 7), out->phone_masked);
    copy_col(st, 8, out->ticket_code, sizeof out->ticket_code);
    copy_col(st, 9, out->short_code, sizeof out->short_code);
    out->created_utc = sqlite3_column_int64(st, 10);
}

/* Steps a query that returns at most one sign-up: 1 found, 0 none, -1 error. */
static int step_one(struct yk_db *db, sqlite3_stmt *st, struct yk_signup_info *out)
{
    memset(out, 0, sizeof *out);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        read_info(st, out);
    else if (rc != SQLITE_DONE)
        yk_error("signup", "cannot read signups: %s", sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int yk_signup_find(struct yk_db *db, const char *event_id, const char *phone,
                   struct yk_signup_info *out)
{
    memset(out, 0, sizeof *out);
    /* Rows hold the stored form: "+8613812345678" finds the sign-up of "13812345678". */
    char canon[YK_PHONE_MAX + 1];
    if (yk_phone_normalize(phone, canon) != YK_PHONE_OK)
        return 0;
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT " SIGNUP_COLS " FROM signups "
                                         "WHERE event_id = ?1 AND phone = ?2 "
                                         "AND status <> 'cancelled'");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, canon, -1, SQLITE_STATIC);
    return step_one(db, st, out);
}

int yk_signup_find_by_code(struct yk_db *db, const char *code, struct yk_signup_info *out)
{
    memset(out, 0, sizeof *out);
    if (!code)
        return 0;
    char digits[YK_TICKET_DIGITS + 1], short_code[YK_TICKET_SHORT_LEN + 1];
    sqlite3_stmt *st;
    if (yk_ticket_extract(code, strlen(code), digits)) {
        st = yk_db_prepare(db, "SELECT " SIGNUP_COLS " FROM signups WHERE ticket_code = ?1");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, digits, -1, SQLITE_TRANSIENT);
    } else if (yk_ticket_short_normalize(code, short_code)) {
        /* 40 bits: two tickets sharing one among a kiosk's few thousand is a 1-in-10^5
         * chance; the newest live one wins rather than failing the volunteer. */
        st = yk_db_prepare(db, "SELECT " SIGNUP_COLS " FROM signups WHERE short_code = ?1 "
                               "ORDER BY status = 'cancelled', created_utc DESC LIMIT 1");
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, short_code, -1, SQLITE_TRANSIENT);
    } else {
        return 0;
    }
    return step_one(db, st, out);
}

bool yk_signup_code_cancelled(struct yk_db *db, const char *ticket_code)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT 1 FROM signups "
                                         "WHERE ticket_code = ?1 AND status = 'cancelled'");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, ticket_code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        yk_error("signup", "cannot read signups: %s", sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

/* People per state for the event, with what is left computed from the event's numbers. */
static bool count_seats(struct yk_db *db, const char *event_id, int capacity, int held,
                        struct yk_signup_seats *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT coalesce(sum(party_size) FILTER (WHERE status = 'confirmed'), 0), "
            "coalesce(sum(party_size) FILTER (WHERE status = 'pending'), 0), "
            "coalesce(sum(party_size) FILTER (WHERE status = 'waitlist'), 0), "
            "coalesce(sum(party_size) FILTER (WHERE status = 'confirmed' AND from_allotment = 1), "
            "0) FROM signups WHERE event_id = ?1");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->capacity = capacity;
        out->held = held;
        out->confirmed = sqlite3_column_int(st, 0);
        out->pending = sqlite3_column_int(st, 1);
        out->waitlist = sqlite3_column_int(st, 2);
        out->from_held = sqlite3_column_int(st, 3);
        /* The held seats are this kiosk's alone (the hub keeps them out of its pool), so
         * what is left of them is held - from_held; sign-ups the hub confirmed from its pool
         * do not use them. Never past the capacity either way. */
        int by_held = held - out->from_held, by_cap = capacity - out->confirmed;
        int limit = by_held < by_cap ? by_held : by_cap;
        out->confirm_left = limit > 0 ? limit : 0;
        int room = capacity - out->confirmed - out->pending;
        out->room_left = room > 0 ? room : 0;
    } else {
        yk_error("signup", "cannot count the seats taken: %s", sqlite3_errmsg(db->handle));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW;
}

bool yk_signup_seats(struct yk_db *db, const char *event_id, struct yk_signup_seats *out)
{
    memset(out, 0, sizeof *out);
    struct yk_event ev;
    if (yk_store_get_event(db, event_id, &ev) != YK_STORE_OK)
        return false;
    bool ok = count_seats(db, event_id, ev.capacity, ev.seats_held, out);
    yk_store_event_clear(&ev);
    return ok;
}

/* Characters a name never holds: C0 and C1 controls, DEL, and the invisible ones that
 * reorder or hide text where it is shown (zero-width, bidirectional marks and overrides,
 * line and paragraph separators, the BOM). */
static bool hidden_char(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) ||
           (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff;
}

bool yk_signup_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n == 0)
        return true;
    if (n > YK_SURNAME_MAX || name[0] == ' ' || name[n - 1] == ' ' || strstr(name, "  "))
        return false;
    for (size_t i = 0; i < n;) {
        int32_t cp = yk_utf8_next(name, n, &i);
        if (cp < 0 || hidden_char(cp))
            return false;
    }
    return true;
}

/* A separator of a Latin name: space, hyphen, apostrophe. */
static bool latin_sep(char c)
{
    return c == ' ' || c == '-' || c == '\'';
}

bool yk_signup_latin_add(char name[YK_LATIN_NAME_MAX + 1], char c)
{
    size_t n = strlen(name);
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    bool letter = c >= 'A' && c <= 'Z';
    if (n >= YK_LATIN_NAME_MAX || (!letter && !latin_sep(c)))
        return false;
    if (!letter && (n == 0 || latin_sep(name[n - 1])))
        return false; /* a name starts with a letter; separators come one at a time */
    name[n] = c;
    name[n + 1] = '\0';
    return true;
}

void yk_signup_latin_trim(char *name)
{
    size_t n = strlen(name);
    while (n > 0 && latin_sep(name[n - 1]))
        name[--n] = '\0';
}

bool yk_signup_addressee(const char *surname, enum yk_title title, char *out, size_t n)
{
    const char *t = title_sql(title);
    const char *sn = surname ? surname : "";
    size_t l = strlen(sn);
    /* A Latin name keeps a space before 先生/女士 ("SMITH 女士"), as mixed text is set. */
    bool gap = t && l &&
               ((sn[l - 1] >= 'A' && sn[l - 1] <= 'Z') || (sn[l - 1] >= 'a' && sn[l - 1] <= 'z'));
    int w = snprintf(out, n, "%s%s%s", sn, gap ? " " : "", t ? t : "");
    return w >= 0 && (size_t)w < n;
}

/* The next ticket serial from meta, advanced in the caller's transaction. 0 on error. */
static uint32_t next_serial(struct yk_db *db)
{
    char buf[32];
    unsigned long long last = 0;
    db->error[0] = '\0'; /* meta_get says "absent" and "failed" alike; error tells them apart */
    if (yk_db_meta_get(db, "ticket_serial", buf, sizeof buf)) {
        char *end;
        last = strtoull(buf, &end, 10);
        if (end == buf || *end) {
            yk_error("signup", "meta.ticket_serial is not a number: not issuing tickets");
            return 0;
        }
    } else if (db->error[0]) {
        return 0;
    }
    if (last >= UINT32_MAX) {
        /* 4 billion tickets from one kiosk: never in practice; never wrap (codes would
         * repeat). */
        yk_error("signup", "ticket serials exhausted");
        return 0;
    }
    snprintf(buf, sizeof buf, "%llu", last + 1);
    if (!yk_db_meta_set(db, "ticket_serial", buf))
        return 0;
    return (uint32_t)(last + 1);
}

/* Signs a ticket for event_id with the next serial (advanced in the caller's transaction),
 * issued on now_s's day. Returns the serial, 0 on error. */
static uint32_t sign_next(struct yk_db *db, const struct yk_ticket_keys *keys, const char *event_id,
                          int64_t now_s, char code[YK_TICKET_DIGITS + 1],
                          char short_code[YK_TICKET_SHORT_LEN + 1])
{
    uint32_t serial = next_serial(db);
    if (!serial)
        return 0;
    struct yk_ticket t;
    yk_ticket_sign(keys, event_id, serial, now_s, &t);
    yk_ticket_encode(&t, code);
    yk_ticket_short_code(&t, short_code);
    return serial;
}

struct new_row {
    const char *id, *event_id, *phone, *surname, *title, *status, *code, *short_code;
    char last4[5];
    int party_size;
    uint32_t serial;
    int64_t now_s;
};

static bool insert_row(struct yk_db *db, const struct new_row *r)
{
    sqlite3_stmt *st = yk_db_prepare(
        db, "INSERT INTO signups (id, event_id, phone, phone_last4, surname, title, party_size, "
            "status, ticket_code, ticket_serial, short_code, created_utc, updated_utc, kiosk_id, "
            "from_allotment) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, r->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, r->event_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, r->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->last4, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, r->surname, -1, SQLITE_STATIC); /* NULL binds NULL */
    sqlite3_bind_text(st, 6, r->title, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 7, r->party_size);
    sqlite3_bind_text(st, 8, r->status, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, r->code, -1, SQLITE_STATIC);
    if (r->serial)
        sqlite3_bind_int64(st, 10, r->serial);
    else
        sqlite3_bind_null(st, 10);
    sqlite3_bind_text(st, 11, r->short_code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 12, r->now_s);
    sqlite3_bind_text(st, 13, yk_db_kiosk_id(db), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, r->serial != 0); /* confirmed here: from the held seats */
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        yk_error("signup", "cannot store the sign-up %s: %s", r->id, sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* Decides and stores within the open transaction. Returns the status; on a stored sign-up
 * fills out->signup. */
static enum yk_signup_rc decide(struct yk_db *db, const struct yk_ticket_keys *keys,
                                const struct yk_signup_request *req, int64_t now_ms,
                                struct yk_signup_result *out)
{
    int64_t now_s = now_ms / 1000;
    struct yk_event ev;
    enum yk_store_rc erc = yk_store_get_event(db, req->event_id, &ev);
    if (erc == YK_STORE_NOT_FOUND)
        return YK_SIGNUP_RC_NO_EVENT;
    if (erc != YK_STORE_OK)
        return YK_SIGNUP_RC_ERROR;
    int capacity = ev.capacity, held = ev.seats_held, max_party = ev.max_party;
    int64_t deadline = ev.signup_deadline_utc ? ev.signup_deadline_utc : ev.starts_utc;
    yk_store_event_clear(&ev);
    out->max_party = max_party;

    /* Before the deadline and seat checks: a person who comes back (even after sign-up has
     * closed) gets the ticket they already have, never a second one. */
    int found = yk_signup_find(db, req->event_id, req->phone, &out->signup);
    if (found < 0)
        return YK_SIGNUP_RC_ERROR;
    if (found) {
        count_seats(db, req->event_id, capacity, held, &out->seats);
        return YK_SIGNUP_RC_EXISTING;
    }
    if (capacity <= 0)
        return YK_SIGNUP_RC_NOT_NEEDED;
    if (now_s >= deadline)
        return YK_SIGNUP_RC_CLOSED;
    if (req->party_size < 1 || req->party_size > max_party)
        return YK_SIGNUP_RC_BAD_PARTY;
    if (!count_seats(db, req->event_id, capacity, held, &out->seats))
        return YK_SIGNUP_RC_ERROR;

    enum yk_signup_rc status;
    if (req->party_size <= out->seats.confirm_left)
        status = YK_SIGNUP_RC_CONFIRMED;
    else if (req->party_size <= out->seats.room_left)
        status = YK_SIGNUP_RC_PENDING; /* there may be room, but not in the seats held here */
    else if (req->waitlist_ok)
        status = YK_SIGNUP_RC_WAITLIST;
    else
        return YK_SIGNUP_RC_FULL;

    char id[YK_ID_LEN + 1], code[YK_TICKET_DIGITS + 1], short_code[YK_TICKET_SHORT_LEN + 1];
    yk_id_make(id, now_ms);
    struct new_row row = {
        .id = id,
        .event_id = req->event_id,
        .phone = req->phone,
        .surname = req->surname && *req->surname ? req->surname : NULL,
        .title = title_sql(req->title),
        .party_size = req->party_size,
        .now_s = now_s,
    };
    yk_phone_last4(req->phone, row.last4); /* req->phone is in its stored form here */
    if (status == YK_SIGNUP_RC_CONFIRMED) {
        row.status = state_sql(YK_SEAT_CONFIRMED);
        row.serial = sign_next(db, keys, req->event_id, now_s, code, short_code);
        if (!row.serial)
            return YK_SIGNUP_RC_ERROR;
        row.code = code;
        row.short_code = short_code;
        out->seats.confirmed += req->party_size;
        out->seats.confirm_left -= req->party_size;
        out->seats.room_left -= req->party_size;
    } else if (status == YK_SIGNUP_RC_PENDING) {
        row.status = state_sql(YK_SEAT_PENDING);
        out->seats.pending += req->party_size;
        out->seats.room_left -= req->party_size;
    } else {
        row.status = state_sql(YK_SEAT_WAITLIST);
        out->seats.waitlist += req->party_size;
    }
    if (!insert_row(db, &row))
        return YK_SIGNUP_RC_ERROR;

    struct yk_signup_info *s = &out->signup;
    snprintf(s->id, sizeof s->id, "%s", id);
    snprintf(s->event_id, sizeof s->event_id, "%s", req->event_id);
    s->seat = yk_signup_seat_parse(row.status);
    s->party_size = req->party_size;
    snprintf(s->surname, sizeof s->surname, "%s", row.surname ? row.surname : "");
    s->title = row.title ? req->title : YK_TITLE_NONE;
    yk_phone_mask(req->phone, s->phone_masked);
    snprintf(s->ticket_code, sizeof s->ticket_code, "%s", row.code ? row.code : "");
    snprintf(s->short_code, sizeof s->short_code, "%s", row.short_code ? row.short_code : "");
    s->created_utc = now_s;
    return status;
}

enum yk_signup_rc yk_signup_submit(struct yk_db *db, const struct yk_ticket_keys *keys,
                                   const struct yk_signup_request *req, int64_t now_utc_ms,
                                   struct yk_signup_result *out)
{
    assert(db && keys && req && out);
    memset(out, 0, sizeof *out);
    /* Checks that need no database first: nothing is stored or even looked up without
     * consent and a well-formed number. */
    if (!req->consent)
        return out->rc = YK_SIGNUP_RC_NO_CONSENT;
    char canon[YK_PHONE_MAX + 1];
    out->phone_rc = yk_phone_normalize(req->phone, canon);
    if (out->phone_rc != YK_PHONE_OK)
        return out->rc = YK_SIGNUP_RC_BAD_PHONE;
    if (!yk_signup_name_ok(req->surname))
        return out->rc = YK_SIGNUP_RC_BAD_NAME;
    if (!req->event_id || !*req->event_id)
        return out->rc = YK_SIGNUP_RC_NO_EVENT;

    if (!yk_db_set_synchronous_full(db, true))
        return out->rc = YK_SIGNUP_RC_ERROR;
    enum yk_signup_rc status = YK_SIGNUP_RC_ERROR;
    if (yk_db_begin(db)) {
        struct yk_signup_request stored_form = *req;
        stored_form.phone = canon;
        status = decide(db, keys, &stored_form, now_utc_ms, out);
        bool stored = status == YK_SIGNUP_RC_CONFIRMED || status == YK_SIGNUP_RC_PENDING ||
                      status == YK_SIGNUP_RC_WAITLIST;
        if (stored) {
            if (!yk_db_commit(db)) {
                yk_error("signup", "sign-up for %s not stored: the commit failed", req->event_id);
                status = YK_SIGNUP_RC_ERROR;
            }
        } else {
            yk_db_rollback(db); /* nothing was written; ends the read transaction */
        }
    }
    yk_db_set_synchronous_full(db, false);
    if (status == YK_SIGNUP_RC_ERROR) {
        /* Nothing of a failed attempt may be shown as if it were stored. */
        memset(out, 0, sizeof *out);
    } else if (status == YK_SIGNUP_RC_CONFIRMED || status == YK_SIGNUP_RC_PENDING ||
               status == YK_SIGNUP_RC_WAITLIST) {
        yk_info("signup", "sign-up %s for %s: %s, %d people", out->signup.id, req->event_id,
                yk_signup_rc_name(status), req->party_size);
    }
    return out->rc = status;
}

int yk_signup_get(struct yk_db *db, const char *signup_id, struct yk_signup_info *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT " SIGNUP_COLS " FROM signups WHERE id = ?1");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
    return step_one(db, st, out);
}

/* Within the open transaction: signs and stores the ticket of signup_id when it is a
 * confirmed sign-up of this kiosk without one. 1 issued, 0 nothing to do, -1 error. */
static int issue_locked(struct yk_db *db, const struct yk_ticket_keys *keys, const char *signup_id,
                        int64_t now_s)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT event_id FROM signups WHERE id = ?1 AND "
                                         "status = 'confirmed' AND ticket_code IS NULL AND "
                                         "kiosk_id = ?2");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, yk_db_kiosk_id(db), -1, SQLITE_STATIC);
    char event_id[256] = "";
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        copy_col(st, 0, event_id, sizeof event_id);
    else if (rc != SQLITE_DONE)
        yk_error("signup", "cannot read sign-up %s: %s", signup_id, sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? 0 : -1;
    char code[YK_TICKET_DIGITS + 1], short_code[YK_TICKET_SHORT_LEN + 1];
    uint32_t serial = sign_next(db, keys, event_id, now_s, code, short_code);
    if (!serial)
        return -1;
    /* sync_state 'pending': the hub gets the ticket with the next push (it stores a ticket
     * for a confirmed sign-up that has none, and never changes one). */
    st = yk_db_prepare(db, "UPDATE signups SET ticket_code = ?2, ticket_serial = ?3, "
                           "short_code = ?4, sync_state = 'pending' "
                           "WHERE id = ?1 AND ticket_code IS NULL");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, serial);
    sqlite3_bind_text(st, 4, short_code, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    int changed = sqlite3_changes(db->handle);
    if (rc != SQLITE_DONE)
        yk_error("signup", "cannot store the ticket of sign-up %s: %s", signup_id,
                 sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE && changed == 1 ? 1 : -1;
}

int yk_signup_issue_ticket(struct yk_db *db, const struct yk_ticket_keys *keys,
                           const char *signup_id, int64_t now_utc_ms, struct yk_signup_info *out)
{
    assert(db && keys && signup_id);
    if (!yk_db_set_synchronous_full(db, true))
        return -1;
    int r = -1;
    if (yk_db_begin(db)) {
        r = issue_locked(db, keys, signup_id, now_utc_ms / 1000);
        if (r == 1 && !yk_db_commit(db)) {
            yk_error("signup", "the ticket of sign-up %s was not stored: the commit failed",
                     signup_id);
            r = -1;
        }
        if (r != 1)
            yk_db_rollback(db);
    }
    yk_db_set_synchronous_full(db, false);
    if (r == 1)
        yk_info("signup", "ticket issued for sign-up %s (confirmed by the hub)", signup_id);
    if (out && yk_signup_get(db, signup_id, out) < 0 && r == 0)
        r = -1;
    return r;
}

int yk_signup_issue_missing_tickets(struct yk_db *db, const struct yk_ticket_keys *keys,
                                    int64_t now_utc_ms)
{
    /* A handful at most (sign-ups the hub confirmed since the last round): the ids first,
     * then one durable transaction each, like a sign-up at the screen. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT s.id FROM signups s JOIN events e ON e.id = s.event_id "
            "WHERE s.status = 'confirmed' AND s.ticket_code IS NULL AND s.kiosk_id = ?1 "
            "AND e.ends_utc > ?2 ORDER BY s.id LIMIT 200");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, yk_db_kiosk_id(db), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_utc_ms / 1000);
    char(*ids)[YK_ID_LEN + 1] = calloc(200, sizeof *ids);
    int n = 0, rc = SQLITE_DONE;
    while (ids && n < 200 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        copy_col(st, 0, ids[n++], sizeof ids[0]);
    sqlite3_finalize(st);
    if (!ids || (rc != SQLITE_ROW && rc != SQLITE_DONE)) {
        yk_error("signup", "cannot list the sign-ups waiting for a ticket");
        free(ids);
        return -1;
    }
    int issued = 0;
    for (int i = 0; i < n; i++) {
        int r = yk_signup_issue_ticket(db, keys, ids[i], now_utc_ms, NULL);
        if (r < 0) {
            issued = -1;
            break;
        }
        issued += r;
    }
    free(ids);
    return issued;
}

int yk_signup_cancel(struct yk_db *db, const char *signup_id, int64_t now_utc_ms)
{
    if (!yk_db_set_synchronous_full(db, true))
        return -1;
    sqlite3_stmt *st = yk_db_prepare(db, "UPDATE signups SET status = 'cancelled', "
                                         "updated_utc = ?2, sync_state = 'pending' "
                                         "WHERE id = ?1 AND status <> 'cancelled'");
    int result = -1;
    if (st) {
        sqlite3_bind_text(st, 1, signup_id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 2, now_utc_ms / 1000);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            result = sqlite3_changes(db->handle) > 0;
        else
            yk_error("signup", "cannot cancel sign-up %s: %s", signup_id,
                     sqlite3_errmsg(db->handle));
        sqlite3_finalize(st);
    }
    yk_db_set_synchronous_full(db, false);
    if (result == 1)
        yk_info("signup", "sign-up %s cancelled", signup_id);
    return result;
}

/* Runs a PRAGMA that answers one integer (-1 on error, logged). */
static int pragma_int(struct yk_db *db, const char *sql)
{
    sqlite3_stmt *st = yk_db_prepare(db, sql);
    if (!st)
        return -1;
    int v = -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    else
        yk_error("signup", "%s failed: %s", sql, sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return v;
}

int yk_signup_purge_phones(struct yk_db *db, int64_t now_utc_s, int retention_days)
{
    assert(retention_days >= 1);
    int64_t cutoff = now_utc_s - (int64_t)retention_days * DAY_S;
    /* secure_delete zeroes the bytes an update frees, so the number does not linger in the
     * page's free space; the checkpoint below then drops the WAL's older copies of the page. */
    int was_secure = pragma_int(db, "PRAGMA secure_delete");
    if (was_secure < 0 || pragma_int(db, "PRAGMA secure_delete = 1") != 1)
        return -1;
    sqlite3_stmt *st =
        yk_db_prepare(db, "UPDATE signups SET phone = NULL, "
                          "phone_last4 = coalesce(phone_last4, substr(phone, -4)) "
                          "WHERE phone IS NOT NULL "
                          "AND event_id IN (SELECT id FROM events WHERE ends_utc < ?1)");
    int purged = -1;
    if (st) {
        sqlite3_bind_int64(st, 1, cutoff);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            purged = sqlite3_changes(db->handle);
        else
            yk_error("signup", "cannot purge phone numbers: %s", sqlite3_errmsg(db->handle));
        sqlite3_finalize(st);
    }
    if (purged > 0) {
        sqlite3_stmt *cp = yk_db_prepare(db, "PRAGMA wal_checkpoint(TRUNCATE)");
        if (cp) {
            /* busy = 1: a reader holds old frames; the next purge or checkpoint gets them. */
            if (sqlite3_step(cp) == SQLITE_ROW && sqlite3_column_int(cp, 0) != 0)
                yk_warn("signup", "WAL checkpoint after the purge was blocked by a reader");
            sqlite3_finalize(cp);
        }
        yk_info("signup", "purged %d phone numbers (events ended over %d days ago)", purged,
                retention_days);
    }
    if (!was_secure)
        pragma_int(db, "PRAGMA secure_delete = 0");
    return purged;
}
