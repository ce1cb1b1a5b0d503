#ifndef YK_HUB_STORE_ADMIN_H
#define YK_HUB_STORE_ADMIN_H

#include "hub/hub_store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The web admin's storage (schema: db/hub/0003_admin.sql): operator accounts, sessions, the
 * sign-in guard, the audit log, and the reads and writes of content the admin pages make.
 * Like hub_store.h: the only SQL of the admin, thread-safe, each call one transaction, times
 * passed in. Every change made here is written to admin_audit in the same transaction
 * (who, when, what, the row before and after as JSON). Passwords arrive here only as
 * crypto_pwhash_str hashes, session ids only to be hashed. */

#define YK_ADMIN_NAME_MAX 64
#define YK_ADMIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */
#define YK_ADMIN_SID_LEN 64   /* session id: 32 random bytes as hex (the cookie's value) */
#define YK_ADMIN_CSRF_LEN 64  /* CSRF token: 32 random bytes as hex */
#define YK_ADMIN_ROW_MAX 48   /* columns of a row */

struct yk_admin_user {
    int64_t id;
    char name[YK_ADMIN_NAME_MAX + 1];
    char role[8];        /* "admin" or "staff" */
    char station_id[64]; /* a staff member's station; "" for admins */
    bool active;
};

/* Accounts --------------------------------------------------------------------------------- */

/* Adds an account (name: 1..64 bytes, unique ignoring case; role "admin" or "staff"; staff
 * need a station that exists). actor names who did it in the audit log. INVALID: the name is
 * taken or a rule is broken (err, for a person, zh + en). */
enum yk_hub_rc yk_admin_user_add(struct yk_hub_store *s, const char *actor, const char *name,
                                 const char *role, const char *station_id, const char *pw_hash,
                                 int64_t now, char err[160]);

/* The account called name (ignoring case) and its password hash. NOT_FOUND when none. */
enum yk_hub_rc yk_admin_user_find(struct yk_hub_store *s, const char *name, struct yk_admin_user *u,
                                  char pw_hash[YK_ADMIN_HASH_MAX]);

/* The account with this id. NOT_FOUND when none. */
enum yk_hub_rc yk_admin_user_get(struct yk_hub_store *s, int64_t id, struct yk_admin_user *u);

/* Up to max accounts into out, by name. Returns how many; -1 on error. */
int yk_admin_users(struct yk_hub_store *s, struct yk_admin_user *out, int max);

/* Sets an account's password hash and ends all its sessions. */
enum yk_hub_rc yk_admin_user_set_password(struct yk_hub_store *s, const char *actor, int64_t id,
                                          const char *pw_hash, int64_t now);

/* (De)activates an account; deactivating ends its sessions. */
enum yk_hub_rc yk_admin_user_set_active(struct yk_hub_store *s, const char *actor, int64_t id,
                                        bool active, int64_t now);

#define YK_ADMIN_RESET_LEN 16 /* one-time reset code: 80 bits, Crockford base32 */
#define YK_ADMIN_RESET_TTL_S (24 * 3600)

/* Starts a password reset of account id: a new one-time code (YK_ADMIN_RESET_LEN symbols + NUL)
 * valid until now + YK_ADMIN_RESET_TTL_S, replacing any earlier one; only its hash is kept. The
 * old password keeps working until the code is used. */
enum yk_hub_rc yk_admin_user_reset_new(struct yk_hub_store *s, const char *actor, int64_t id,
                                       int64_t now, char code[YK_ADMIN_RESET_LEN + 1]);

/* Uses a reset code (as typed: case, '-' and spaces ignored) of account name: sets pw_hash,
 * forgets the code, ends the account's sessions. NOT_FOUND for a wrong, used or expired code,
 * an unknown or inactive account alike. */
enum yk_hub_rc yk_admin_user_reset_use(struct yk_hub_store *s, const char *name, const char *code,
                                       const char *pw_hash, int64_t now);

/* Sessions --------------------------------------------------------------------------------- */

/* Starts a session for user_id: writes a new random session id (the cookie's value; only
 * its hash is stored) and the session's CSRF token. */
enum yk_hub_rc yk_admin_session_new(struct yk_hub_store *s, int64_t user_id, int64_t now,
                                    char sid[YK_ADMIN_SID_LEN + 1],
                                    char csrf[YK_ADMIN_CSRF_LEN + 1]);

/* The session with this id, if it was used within idle_s and started within max_s, and its
 * account is active: fills u and csrf and counts now as its last use. NOT_FOUND otherwise
 * (an expired session is deleted). */
enum yk_hub_rc yk_admin_session_get(struct yk_hub_store *s, const char *sid, int64_t now,
                                    int64_t idle_s, int64_t max_s, struct yk_admin_user *u,
                                    char csrf[YK_ADMIN_CSRF_LEN + 1]);

/* Ends the session (logout). Unknown ids are fine. */
void yk_admin_session_end(struct yk_hub_store *s, const char *sid);

/* Sign-in guard: yk_pin_guard (src/core/volunteer.h) per key ------------------------------- */

/* Milliseconds before key may try to sign in again (0: now). */
int64_t yk_admin_guard_wait_ms(struct yk_hub_store *s, const char *key, int64_t now_ms);

/* Counts a failed sign-in for key; returns the lock it starts (ms, 0 = none). */
int64_t yk_admin_guard_fail(struct yk_hub_store *s, const char *key, int64_t now_ms);

/* Forgets key's failures (a right password). */
void yk_admin_guard_clear(struct yk_hub_store *s, const char *key);

/* Rows of content tables ------------------------------------------------------------------- */

#define YK_ADMIN_ERR_MAX 400 /* a refusal's message for a person, zh + en */

/* A row as column names and text values (NULL = SQL NULL). Owns its strings. */
struct yk_admin_row {
    int n;
    char *col[YK_ADMIN_ROW_MAX];
    char *val[YK_ADMIN_ROW_MAX];
};

/* Reads row id of table (a content table: stations, blocks, service_lines, services, sites,
 * events, walkin_kinds, volunteers) into r (free with yk_admin_row_free). NOT_FOUND when
 * absent; INVALID for another table. */
enum yk_hub_rc yk_admin_row_get(struct yk_hub_store *s, const char *table, const char *id,
                                struct yk_admin_row *r);

/* The value of col in r, NULL when NULL or absent. */
const char *yk_admin_row_val(const struct yk_admin_row *r, const char *col);

/* The values of the two columns of a text in Chinese and English, col_zh and col_en (col: at
 * most 40 bytes), into *zh and *en, as yk_admin_row_val gives them (borrowed from r). */
void yk_admin_row_val2(const struct yk_admin_row *r, const char *col, const char **zh,
                       const char **en);

/* Sets col to val (copied; NULL = SQL NULL) in r, adding the column if new. False when out
 * of memory or full. */
bool yk_admin_row_set(struct yk_admin_row *r, const char *col, const char *val);

/* Frees r's strings. NULL-safe. */
void yk_admin_row_free(struct yk_admin_row *r);

/* Writes the columns of set to row id of table (a content table as above): INSERT when
 * create (INVALID when the id exists), else UPDATE (NOT_FOUND when no row, and when the row
 * is deleted — tombstoned rows are never written: err then says so, zh + en).
 * Column names come from the caller's code, never from a request. For events and
 * volunteers, station records their station ("" = the subdistrict; NULL = unchanged). The change
 * travels to kiosks by the change log's triggers; the audit log gets action, "table/id" and the row
 * before and after. INVALID when the database refuses the row (err: its reason). */
enum yk_hub_rc yk_admin_row_save(struct yk_hub_store *s, const char *actor, const char *action,
                                 const char *table, const char *id, const struct yk_admin_row *set,
                                 bool create, const char *station, int64_t now, char err[160]);

/* yk_admin_row_get of a live row: NOT_FOUND also for a deleted (tombstoned) one. */
enum yk_hub_rc yk_admin_live_row_get(struct yk_hub_store *s, const char *table, const char *id,
                                     struct yk_admin_row *r);

/* True for the tables whose rows yk_admin_row_delete tombstones: sites, services,
 * service_lines, blocks (stations stay: kiosks and accounts hang on them). THE list: the
 * admin's pages ask it whether to offer a deletion. */
bool yk_admin_row_deletable(const char *table);

/* Tombstones row id of a deletable table (yk_admin_row_deletable; deleted = 1: kiosks drop it
 * at their next sync, SYNC.md), with its audit entry (action "TABLE.delete", the row before
 * and after) in the same transaction. NOT_FOUND: no live row; INVALID: another table, or
 * live rows still point at it (a line's or block's services, a block's events not yet over;
 * err says how many, zh + en, for a person), and nothing changed. */
enum yk_hub_rc yk_admin_row_delete(struct yk_hub_store *s, const char *actor, const char *table,
                                   const char *id, int64_t now, char err[YK_ADMIN_ERR_MAX]);

/* Calls cb for each live row of a content table with its id and the values of two columns
 * (e.g. name_zh, name_en; NULL when NULL), in sort order when the table has one. */
bool yk_admin_list(struct yk_hub_store *s, const char *table, const char *col_a, const char *col_b,
                   void (*cb)(void *ctx, const char *id, const char *a, const char *b), void *ctx);

/* Events ----------------------------------------------------------------------------------- */

struct yk_admin_event_filter {
    const char *station; /* only this station's events; NULL: every event */
    const char *block;   /* NULL: any */
    const char *kind;    /* NULL: any */
    bool past;           /* false: not yet ended at now, by start; true: ended, latest first */
    int64_t now;
    int offset;           /* rows of the order to skip (paging) */
    bool and_subdistrict; /* with station: the subdistrict's events (no station) too */
};

struct yk_admin_event_item {
    char id[64], kind[16], block_id[64], station_id[64];
    char title_zh[256], title_en[256], place_zh[256], place_en[256]; /* cut between characters */
    int64_t starts_utc, ends_utc, cancelled_utc; /* cancelled_utc: 0 = not cancelled */
    int64_t closes_utc;                          /* sign-up closes: the deadline, else the start */
    int64_t capacity;                            /* 0: no sign-up */
    int64_t confirmed, waitlist;                 /* seats confirmed, people waiting */
};

/* Up to max events matching f (after its first offset) into out. Returns how many; -1 on
 * error. */
int yk_admin_events(struct yk_hub_store *s, const struct yk_admin_event_filter *f,
                    struct yk_admin_event_item *out, int max);

/* The station that runs event_id into station ("" when the subdistrict's). NOT_FOUND when
 * there is no such event. */
enum yk_hub_rc yk_admin_event_station(struct yk_hub_store *s, const char *event_id,
                                      char station[64]);

/* Cancels the event (cancelled_utc = now; it travels; kiosks show it cancelled and take no
 * more sign-ups). INVALID when already cancelled. */
enum yk_hub_rc yk_admin_event_cancel(struct yk_hub_store *s, const char *actor,
                                     const char *event_id, int64_t now);

/* Sign-ups --------------------------------------------------------------------------------- */

struct yk_admin_signup {
    char id[32], event_id[64], status[16], surname[64], title[16];
    char phone_masked[YK_PHONE_MASKED_LEN + 1]; /* yk_phone_mask: ****5678 from the last four */
    char kiosk_id[32], checkin_kiosk[32];
    int64_t party_size, created_utc, checkin_utc; /* checkin_utc: 0 = not checked in */
};

/* Calls cb for each sign-up of event_id, oldest first (under the store's lock: cb must not
 * call the store). */
bool yk_admin_signups(struct yk_hub_store *s, const char *event_id,
                      void (*cb)(void *ctx, const struct yk_admin_signup *g), void *ctx);

/* Sign-up id into g, with its event's station in station ("" = the subdistrict's).
 * NOT_FOUND when there is none. */
enum yk_hub_rc yk_admin_signup_get(struct yk_hub_store *s, const char *id,
                                   struct yk_admin_signup *g, char station[64]);

/* The call list of event_id: cb for each sign-up that is not cancelled, oldest first, with
 * its full phone number when the hub still keeps it (yk_hub_set_phone_days; else NULL: the
 * masked one is in g). Numbers past their time are deleted first. The viewing itself goes
 * into the audit log (actor, the event, how many numbers were shown; never a number), in the
 * same transaction. cb runs under the store's lock: it must not call the store. */
bool yk_admin_call_list(struct yk_hub_store *s, const char *actor, const char *event_id,
                        int64_t now,
                        void (*cb)(void *ctx, const struct yk_admin_signup *g, const char *phone),
                        void *ctx);

/* Cancels sign-up id (promote false) or moves it up from the waitlist to confirmed (promote
 * true), in one transaction with its audit entry (before/after: event, status, party size,
 * kiosk; never name or phone). A cancellation lists its ticket in revocations and lets the
 * event's waitlist in (yk_hs_settle); a promotion takes seats from the common pool only
 * (seats kiosks hold stay theirs). Either reaches the sign-up's kiosk as a `signups` change.
 * NOT_FOUND: no such sign-up. INVALID with err (zh + en, for a person): already cancelled,
 * not on the waitlist, the event cancelled, or not enough free places. */
enum yk_hub_rc yk_admin_signup_change(struct yk_hub_store *s, const char *actor, const char *id,
                                      bool promote, int64_t now, char err[YK_ADMIN_ERR_MAX]);

/* Volunteers ------------------------------------------------------------------------------- */

struct yk_admin_volunteer {
    char id[64], name_zh[128], name_en[128], station_id[64]; /* station "": none */
    bool active;
    int64_t duty_min, duties; /* on duty in the range asked for (at any kiosk): minutes of the
                                 duties that began in it and ended, and how many began */
};

/* Calls cb for each live volunteer (of station, or all when NULL), active ones first, with
 * their duty records (pushed by the kiosks) that began in [from, to) (unix seconds). */
bool yk_admin_volunteers(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                         void (*cb)(void *ctx, const struct yk_admin_volunteer *v), void *ctx);

/* The station of volunteer id into station ("" when none). NOT_FOUND: no such volunteer. */
enum yk_hub_rc yk_admin_volunteer_station(struct yk_hub_store *s, const char *id, char station[64]);

/* Figures ---------------------------------------------------------------------------------- */

/* One station's month: sign-ups made for its events (not cancelled) and the people in them,
 * people checked in at its kiosks, confirmed sign-ups of its events that ended with no
 * check-in, walk-ins counted at its kiosks, and volunteers' minutes on duty there. */
struct yk_admin_figures {
    char station_id[64], name_zh[128], name_en[128];
    int64_t signups, people, checked_in, no_shows, walkins, duty_min;
};

/* The figures of [from, to) (unix seconds) per live station (only station when not NULL),
 * up to max, into out, by the stations' order. Returns how many; -1 on error. now: events
 * that ended before it count for no-shows. */
int yk_admin_figures(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                     int64_t now, struct yk_admin_figures *out, int max);

/* Calls cb for each station and walk-in kind with walk-ins counted in [from, to). */
bool yk_admin_walkins_by_kind(struct yk_hub_store *s, const char *station, int64_t from, int64_t to,
                              void (*cb)(void *ctx, const char *station, const char *kind_zh,
                                         const char *kind_en, int64_t n),
                              void *ctx);

/* Kiosks and the audit log ------------------------------------------------------------------ */

struct yk_admin_kiosk {
    char id[32], station_id[64], version[32];
    int64_t enrolled_utc, revoked_utc, seen_utc, last_sync_utc, free_disk_bytes; /* 0: never */
    int64_t uptime_s;                           /* from its last heartbeat; -1: not said */
    int64_t records_waiting, records_set_aside; /* from its last heartbeat; -1: not said */
    int64_t refused;                            /* records the hub refused from it */
    char refused_why[160]; /* the hub's reasons, most frequent first: "unknown-event ×2, ..." */
};

/* The orders of the kiosk list. */
enum yk_admin_kiosk_order {
    YK_ADMIN_KIOSKS_SILENT,  /* longest silent first */
    YK_ADMIN_KIOSKS_STATION, /* by station, then longest silent first */
    YK_ADMIN_KIOSKS_WAITING, /* most records waiting or set aside first */
};

/* Calls cb for each kiosk (of station, or all when NULL) in the order asked for: THE kiosk
 * listing (the admin's page and `yikong-hub kiosks` both print it). */
bool yk_admin_kiosks(struct yk_hub_store *s, const char *station, enum yk_admin_kiosk_order order,
                     void (*cb)(void *ctx, const struct yk_admin_kiosk *k), void *ctx);

/* The station of kiosk_id into station. NOT_FOUND when no such kiosk. */
enum yk_hub_rc yk_admin_kiosk_station(struct yk_hub_store *s, const char *kiosk_id,
                                      char station[64]);

/* Adds an entry to the audit log for a change made through another store call. */
bool yk_admin_audit_add(struct yk_hub_store *s, const char *actor, const char *action,
                        const char *target, const char *before, const char *after, int64_t now);

struct yk_admin_audit_item {
    int64_t id, at_utc;
    const char *user_name, *action, *target, *before, *after; /* valid during the call */
};

/* Calls cb for up to limit entries (whose action, target or account contains q, when q is
 * not NULL or empty), newest first, after the newest offset. */
bool yk_admin_audit(struct yk_hub_store *s, const char *q, int offset, int limit,
                    void (*cb)(void *ctx, const struct yk_admin_audit_item *a), void *ctx);

#endif
