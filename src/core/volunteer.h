#ifndef YK_VOLUNTEER_H
#define YK_VOLUNTEER_H

#include "core/db.h"
#include "core/ids.h"
#include "core/store.h"
#include "core/ticket_keys.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Volunteer mode, the core without the screens: the PIN pad's check and lockout, event
 * check-in records, the walk-in tally, the duty log and today's summary.
 *
 * All SQL for checkins, walkins, duty_log and the volunteer audit entries is in
 * volunteer.c (PIN), volunteer_checkin.c (check-in) and volunteer_duty.c (walk-ins, duty,
 * summary); signups are only read here: the sign-up module writes them.
 * Times are passed in as unix milliseconds (the app's clock, core/clock.h), stored as UTC
 * seconds; "today" is the Shanghai day (UTC+8) that contains now_ms.
 * Every function that writes opens its own transaction (BEGIN IMMEDIATE): do not call them
 * inside one. Errors are logged with sqlite3_errmsg and returned (false / *_ERROR).
 * Lists are heap arrays owned by the caller: free each with its free function, which is
 * NULL-safe, zeroes the list, and may be called twice. Fixed-size strings in results are
 * NUL-terminated and cut at a UTF-8 character boundary. */

#define YK_VOLUNTEER_ID_MAX 63 /* bytes of a volunteer id (the hub's slug); longer are skipped */
#define YK_NAME_MAX 95         /* bytes of a display name or surname in a result */

/* PIN pad --------------------------------------------------------------------------------
 * PINs are 4..12 digits, stored as crypto_pwhash_str (Argon2id, OPSLIMIT/MEMLIMIT
 * INTERACTIVE: 64 MiB and ~0.1 s on a desktop, up to ~1 s on a Pi). A PIN names no account:
 * yk_volunteer_pin_check verifies it against every active volunteer in turn, so a wrong
 * PIN costs one verification per volunteer. Fine for the handful of volunteers a station
 * has; with dozens, a failure would take tens of seconds and the pad would need an account
 * picker first. Two volunteers with the same PIN: the first by id wins.
 *
 * Lockout (struct yk_pin_guard): YK_PIN_FREE_TRIES (5) wrong PINs in a row lock the pad for
 * 30 s; from then on, until a right PIN, every further wrong PIN locks it again for twice
 * as long (60 s, 120 s, ... capped at 15 min). A right PIN clears everything. The state
 * lives in meta (pin_guard), so a restart does not hand out free tries, and the attempt is
 * counted there *before* the slow verification, so cutting the power during it does not
 * either. Every unlock, wrong PIN and lock goes to audit_log (never the PIN). */

#define YK_PIN_MIN_LEN 4
#define YK_PIN_MAX_LEN 12
#define YK_PIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES, NUL included */
#define YK_PIN_FREE_TRIES 5
#define YK_PIN_FIRST_LOCK_MS 30000LL
#define YK_PIN_MAX_LOCK_MS (15 * 60 * 1000LL)

struct yk_pin_guard {
    int failures;            /* wrong PINs since the last right one */
    int lockouts;            /* locks since the last right PIN (sets the next lock's length) */
    int64_t locked_until_ms; /* unix ms; 0 = never locked */
};

/* Clears g: no failures, not locked. */
void yk_pin_guard_reset(struct yk_pin_guard *g);

/* Milliseconds until the pad may be tried again (0 = now). A lock reaching further than
 * its own length (the wall clock went back: a Pi has no RTC) is shortened to that length
 * from now_ms, in g. */
int64_t yk_pin_guard_wait_ms(struct yk_pin_guard *g, int64_t now_ms);

/* Counts a wrong PIN at now_ms. Returns the lock it starts, in ms (0 = no lock). */
int64_t yk_pin_guard_fail(struct yk_pin_guard *g, int64_t now_ms);

/* Length of the lock that the n-th lock (0-based) since the last right PIN lasts. */
int64_t yk_pin_guard_lock_ms(int n);

/* Reads the guard from meta into g. Absent (never failed), malformed or unreadable: a
 * clean guard (the last two logged; a database that cannot be read will not take the save
 * that every attempt makes first, so this hands out no free tries). */
void yk_pin_guard_load(struct yk_db *db, struct yk_pin_guard *g);

/* Writes the guard to meta. Returns false on error (logged). */
bool yk_pin_guard_save(struct yk_db *db, const struct yk_pin_guard *g);

enum yk_pin_rc {
    YK_PIN_OK,     /* unlocked: volunteer_id and name say who */
    YK_PIN_WRONG,  /* no active volunteer has this PIN (wait_ms > 0 if it started a lock) */
    YK_PIN_LOCKED, /* the pad is locked: the PIN was not looked at; wait_ms to go */
    YK_PIN_ERROR,  /* database error (logged); nothing was counted */
};

struct yk_pin_result {
    enum yk_pin_rc rc;
    char volunteer_id[YK_VOLUNTEER_ID_MAX + 1]; /* YK_PIN_OK only, else "" */
    struct {
        char zh[YK_NAME_MAX + 1], en[YK_NAME_MAX + 1]; /* en "" = no translation */
    } name;
    int failures;    /* wrong PINs in a row after this attempt */
    int tries_left;  /* wrong PINs left before the pad locks (0 once it has locked) */
    int64_t wait_ms; /* how long the pad is locked from now_ms (0 = not locked) */
};

/* Checks pin against every active volunteer at now_ms, applying and persisting the
 * lockout and writing the audit entries. Slow (see above): call it off the frame path or
 * show a spinner. Fills *out; returns out->rc. */
enum yk_pin_rc yk_volunteer_pin_check(struct yk_db *db, const char *pin, int64_t now_ms,
                                      struct yk_pin_result *out);

/* The pad's lock at now_ms without trying a PIN, for the UI to show a countdown: ms to
 * wait (0 = open), or -1 on error (logged). */
int64_t yk_volunteer_pin_wait_ms(struct yk_db *db, int64_t now_ms);

/* Hashes pin (4..12 digits) for volunteers.pin_hash into out. Slow (as above). Returns
 * false when pin is not 4..12 digits or hashing fails (out of memory; logged). */
bool yk_volunteer_hash_pin(const char *pin, char out[YK_PIN_HASH_MAX]);

/* Records in audit_log that volunteer mode locked again (timeout or the lock button);
 * reason is a short code such as "timeout" or "button". Returns false on error. */
bool yk_volunteer_mode_locked(struct yk_db *db, const char *volunteer_id, const char *reason,
                              int64_t now_ms);

/* Check-in --------------------------------------------------------------------------------
 * The ticket itself (signature, format, revocation, and the event, which a ticket names
 * only by hash) is checked by core/ticket.h (yk_ticket_verify_db with the screen's event)
 * before anything here is called; this part takes the verified facts and keeps the count.
 * The three ways in:
 *   scanned ticket  -> yk_ticket_verify_db OK -> request.ticket_code = the code;
 *   typed short code -> yk_signup_find_by_code (core/signup.h) -> request.signup_id;
 *   phone last four -> yk_checkin_find_by_phone -> the volunteer picks -> request.signup_id.
 * Results the UI shows: OK (签到成功 + surname/title + count of party), ALREADY (when and
 * where from .before), TOO_MANY (how many are left), WRONG_EVENT, CANCELLED, NOT_CONFIRMED;
 * "not valid" and "revoked" come from ticket.h before this is reached.
 * A party may arrive in parts (2 of 3 now, 1 later); the check-ins of one party are all rows
 * with its sign-up id or its ticket code, from any kiosk whose records this database holds.
 * Check-ins are append-only rows with ids made here (the hub's idempotency key). */

enum yk_checkin_rc {
    YK_CHECKIN_OK,            /* 签到成功: recorded */
    YK_CHECKIN_ALREADY,       /* the whole party is in already (status says when, where) */
    YK_CHECKIN_TOO_MANY,      /* more people than the party has left: nothing recorded */
    YK_CHECKIN_WRONG_EVENT,   /* the ticket or sign-up is for another event */
    YK_CHECKIN_CANCELLED,     /* the sign-up was cancelled */
    YK_CHECKIN_NOT_CONFIRMED, /* waitlisted or pending: no seat was given */
    YK_CHECKIN_NOT_FOUND,     /* no sign-up with that id */
    YK_CHECKIN_ERROR,         /* database error or unknown event (logged) */
};

/* What is known about one party's arrivals. */
struct yk_checkin_status {
    int checked_in;                  /* people checked in so far (sum of counts) */
    int visits;                      /* check-in rows */
    long long first_utc;             /* first check-in (0 = none) */
    char first_kiosk[YK_ID_LEN + 1]; /* where ("" = none) */
    long long last_utc;              /* latest check-in (0 = none) */
    char last_kiosk[YK_ID_LEN + 1];
};

struct yk_checkin_request {
    const char *event_id;        /* the event this screen checks in (required) */
    const char *ticket_code;     /* the verified ticket's code, or NULL (found by phone) */
    const char *ticket_event_id; /* the event id the ticket names when known as an id, or
                                    NULL (ticket.h's tickets carry a hash, checked there) */
    int ticket_party_size;       /* party size the ticket states, 0 = not stated (ticket.h's
                                    tickets state none today); used only when the sign-up
                                    was made elsewhere (no row here) */
    const char *signup_id;       /* a sign-up found by phone, or NULL: then the sign-up is
                                    looked up by ticket_code (none: made on another kiosk) */
    int count;                   /* people arriving now, >= 1 */
    const char *kiosk_id;        /* NULL = this kiosk (yk_db_kiosk_id) */
    const char *volunteer_id;    /* the volunteer on the pad, or NULL */
};

struct yk_checkin_outcome {
    enum yk_checkin_rc rc;
    char checkin_id[YK_ID_LEN + 1];  /* YK_CHECKIN_OK: the new row */
    char signup_id[YK_ID_LEN + 1];   /* the local sign-up, "" when made elsewhere */
    char surname[YK_NAME_MAX + 1];   /* from the local sign-up, "" when unknown */
    char title[16];                  /* "先生" / "女士" / "" */
    int party_size;                  /* the limit applied (see yk_checkin_admit) */
    int count;                       /* people recorded now (0 unless OK) */
    int remaining;                   /* people of the party not yet in, after this call */
    struct yk_checkin_status before; /* arrivals before this call */
};

/* The one call the check-in screen makes after verifying a ticket or picking a sign-up:
 * checks event, sign-up status and party size, and appends the check-in, all in one
 * transaction. The party size is the local sign-up's; for a sign-up made elsewhere the
 * ticket's, or, when the ticket states none, the event's max_party. Fills *out; returns
 * out->rc. Nothing is recorded unless YK_CHECKIN_OK. */
enum yk_checkin_rc yk_checkin_admit(struct yk_db *db, const struct yk_checkin_request *req,
                                    int64_t now_ms, struct yk_checkin_outcome *out);

/* Appends one check-in row as is, with no checks beyond the schema's (use yk_checkin_admit
 * for arrivals; this is for tests and sync). At least one of signup_id and ticket_code is
 * non-NULL; count >= 1; kiosk_id NULL = this kiosk; volunteer_id may be NULL. Writes the
 * new id into out_id. Returns false on error (logged). */
bool yk_checkin_record(struct yk_db *db, const char *event_id, const char *signup_id,
                       const char *ticket_code, int count, const char *kiosk_id,
                       const char *volunteer_id, int64_t now_ms, char out_id[YK_ID_LEN + 1]);

/* The arrivals so far of the party with signup_id and/or ticket_code (either may be NULL,
 * not both): rows matching either count. Returns false on error (logged). */
bool yk_checkin_status(struct yk_db *db, const char *signup_id, const char *ticket_code,
                       struct yk_checkin_status *out);

enum yk_signup_state {
    YK_SIGNUP_CONFIRMED,
    YK_SIGNUP_WAITLIST,
    YK_SIGNUP_PENDING,
    YK_SIGNUP_CANCELLED,
};

struct yk_signup_match {
    char id[YK_ID_LEN + 1];
    char surname[YK_NAME_MAX + 1]; /* "" when unknown */
    char title[16];                /* "先生" / "女士" / "" */
    char phone_masked[32];         /* "138****5678"; "*******5678" once the phone is purged */
    int party_size;
    enum yk_signup_state state;
    int checked_in; /* people of this party already in */
};
struct yk_signup_match_list {
    struct yk_signup_match *items;
    size_t count;
};

/* This event's sign-ups (cancelled ones too, so the volunteer sees why) whose phone ends in
 * last4 (exactly 4 digits), by surname then time of sign-up. Returns false when last4 is not
 * 4 digits or on error (logged). Free with yk_signup_matches_free. */
bool yk_checkin_find_by_phone(struct yk_db *db, const char *event_id, const char *last4,
                              struct yk_signup_match_list *out);
/* Frees the list and zeroes it. NULL-safe. */
void yk_signup_matches_free(struct yk_signup_match_list *l);

/* Walk-ins ----------------------------------------------------------------------------------
 * One row per tap (+1); an undo appends a -1 for the kind of the latest +1 of this kiosk
 * today that no -1 has undone yet (undos pair with taps like a stack, in id order; the ids
 * of walk-in rows are kept strictly increasing so that order is the order of the taps even
 * within one millisecond or when the clock steps back). Nothing is ever deleted. */

/* Appends a +1 of kind_id (an existing, not deleted walk-in kind). kiosk_id NULL = this
 * kiosk. out_id (or NULL) receives the row id. Returns false on error or unknown kind
 * (logged). */
bool yk_walkin_tap(struct yk_db *db, const char *kind_id, const char *kiosk_id, int64_t now_ms,
                   char out_id[YK_ID_LEN + 1]);

enum yk_undo_rc { YK_UNDO_OK, YK_UNDO_NOTHING, YK_UNDO_ERROR };

/* Undoes the latest not yet undone tap of kiosk_id (NULL = this kiosk) in the Shanghai day
 * of now_ms by appending a -1. kind_out (size YK_VOLUNTEER_ID_MAX + 1, or NULL) receives
 * the kind undone. YK_UNDO_NOTHING when there is nothing to undo today. */
enum yk_undo_rc yk_walkin_undo_last(struct yk_db *db, const char *kiosk_id, int64_t now_ms,
                                    char *kind_out);

struct yk_walkin_count {
    char *kind_id;
    struct yk_bitext name;
    int count; /* taps minus undos */
};
struct yk_walkin_count_list {
    struct yk_walkin_count *items;
    size_t count;
    int total;
};

/* Walk-ins per kind (every kiosk's rows in this database) in the Shanghai day containing
 * day_ms, in display order: every current kind, plus deleted kinds that have rows that day.
 * Returns false on error. Free with yk_walkin_counts_free. */
bool yk_walkin_counts(struct yk_db *db, int64_t day_ms, struct yk_walkin_count_list *out);
/* Frees the list and zeroes it. NULL-safe. */
void yk_walkin_counts_free(struct yk_walkin_count_list *l);

/* Duty ----------------------------------------------------------------------------------------
 * A shift is one duty_log row: on_utc, and off_utc once the volunteer goes off duty. */

enum yk_duty_rc {
    YK_DUTY_OK,
    YK_DUTY_NO_CHANGE, /* on: was on duty already; off: was not on duty */
    YK_DUTY_ERROR,
};

/* Puts volunteer_id (an existing volunteer) on duty at now_ms on this kiosk. */
enum yk_duty_rc yk_duty_on(struct yk_db *db, const char *volunteer_id, int64_t now_ms);

/* Ends volunteer_id's open shift at now_ms (not before its start if the clock went back). */
enum yk_duty_rc yk_duty_off(struct yk_db *db, const char *volunteer_id, int64_t now_ms);

struct yk_duty_entry {
    char *volunteer_id;
    struct yk_bitext name;
    long long since_utc; /* yk_duty_now: start of the open shift; yk_duty_hours: 0 */
    long long seconds;   /* yk_duty_hours: seconds on duty that day; yk_duty_now: 0 */
    bool on_duty;        /* has an open shift */
};
struct yk_duty_list {
    struct yk_duty_entry *items;
    size_t count;
    long long total_seconds;
};

/* Who is on duty (open shifts), earliest first. Free with yk_duty_list_free. */
bool yk_duty_now(struct yk_db *db, struct yk_duty_list *out);

/* Seconds on duty per volunteer within the Shanghai day containing day_ms: a shift across
 * midnight counts on each day for its part; an open shift counts up to now_ms. Only
 * volunteers with time that day or an open shift (listed from its first second), by name. Free with
 * yk_duty_list_free. */
bool yk_duty_hours(struct yk_db *db, int64_t day_ms, int64_t now_ms, struct yk_duty_list *out);
/* Frees the list and zeroes it. NULL-safe. */
void yk_duty_list_free(struct yk_duty_list *l);

/* Today's summary -------------------------------------------------------------------------- */

struct yk_event_checkins {
    char *event_id;
    struct yk_bitext title;
    int people;  /* sum of counts */
    int parties; /* distinct sign-ups / tickets */
};

struct yk_day_summary {
    long long day_start_utc, day_end_utc; /* the Shanghai day [start, end) */
    struct yk_event_checkins *events;     /* events with check-ins that day, by start time */
    size_t event_count;
    int checkin_people;                  /* all events */
    struct yk_walkin_count_list walkins; /* as yk_walkin_counts */
    struct yk_duty_list duty;            /* as yk_duty_hours, open shifts up to now */
};

/* Check-ins per event, walk-ins per kind and volunteer hours for the Shanghai day of now_ms.
 * Returns false on error (out zeroed). Free with yk_day_summary_free. */
bool yk_volunteer_summary(struct yk_db *db, int64_t now_ms, struct yk_day_summary *out);
/* Frees the summary and zeroes it. NULL-safe. */
void yk_day_summary_free(struct yk_day_summary *s);

/* The Shanghai day containing utc_ms as UTC seconds [*start, *end). */
void yk_volunteer_day_bounds(int64_t utc_ms, long long *start_utc, long long *end_utc);

#endif
