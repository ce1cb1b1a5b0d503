#ifndef YK_HUB_STORE_H
#define YK_HUB_STORE_H

#include "core/ids.h"
#include "core/json.h"
#include "core/phone.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The hub's storage: the only code of the hub that knows SQL (schema: db/hub/NNNN_name.sql).
 * Everything the server and the operator commands do to the database goes through these
 * functions, so another database server can take SQLite's place behind them later.
 *
 * Thread-safe: one connection, and every call holds the store's mutex for its whole
 * transaction (SQLite has one writer at a time anyway). Each call that changes something is
 * one transaction: it commits whole or not at all. Times are passed in (unix seconds). */

struct yk_hub_store;

#define YK_HUB_TOKEN_LEN 64      /* device token: 32 random bytes as lowercase hex */
#define YK_HUB_SETUP_CODE_LEN 16 /* one-time setup code: 80 bits, Crockford base32 */
#define YK_HUB_STATION_MAX 63
#define YK_HUB_SETUP_TTL_S (7 * 24 * 3600)
/* Absolute bounds of what a kiosk may send (the event's own max_party is checked too): party
 * sizes and check-in counts 1..YK_HUB_PARTY_MAX, times 0..YK_HUB_TIME_MAX. Sums of such
 * numbers cannot overflow int64. */
#define YK_HUB_PARTY_MAX 1000
#define YK_HUB_TIME_MAX 4102444800LL /* 2100-01-01 */

enum yk_hub_rc {
    YK_HUB_OK,
    YK_HUB_NOT_FOUND, /* unknown token, code, kiosk, event, media */
    YK_HUB_REVOKED,   /* the kiosk's token was revoked */
    YK_HUB_USED,      /* the setup code was used or has expired */
    YK_HUB_INVALID,   /* the arguments break a rule (message in the log) */
    YK_HUB_ERROR,     /* the database failed (logged) */
    YK_HUB_EXISTS,    /* enrolment: this kiosk id is enrolled already (never rebound) */
};

/* Opens or creates the hub database at path (WAL, foreign keys, busy timeout) and applies
 * the pending hub migrations. Returns NULL on failure (logged). Close with
 * yk_hub_store_close. */
struct yk_hub_store *yk_hub_store_open(const char *path);

#define YK_HUB_PHONE_DAYS_MAX 3650

/* Keep the full phone number of sign-ups pushed from now on, apart from the sign-up (table
 * signup_phones), until days after their event ends (0, the default: keep only the last four
 * digits, as before). Set before serving. */
void yk_hub_set_phone_days(struct yk_hub_store *s, int days);

/* The days set by yk_hub_set_phone_days. */
int yk_hub_phone_days(const struct yk_hub_store *s);

/* Closes the store. NULL-safe. */
void yk_hub_store_close(struct yk_hub_store *s);

/* Operator commands ---------------------------------------------------------------------------- */

/* Makes a one-time setup code for a new kiosk at station_id (1..63 of a-z 0-9 -), valid for
 * ttl_s seconds from now, into code (YK_HUB_SETUP_CODE_LEN chars + NUL). Only its hash is
 * stored. */
enum yk_hub_rc yk_hub_kiosk_add(struct yk_hub_store *s, const char *station_id, int64_t now,
                                int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1]);

/* Makes a one-time setup code that re-enrols the enrolled kiosk kiosk_id (at its station) on
 * new hardware that keeps its id: the one way an enrolled id gets a new token and key. The old
 * token stops working when the code is used. NOT_FOUND: no such kiosk; REVOKED. */
enum yk_hub_rc yk_hub_kiosk_replace(struct yk_hub_store *s, const char *kiosk_id, int64_t now,
                                    int64_t ttl_s, char code[YK_HUB_SETUP_CODE_LEN + 1]);

/* Revokes the kiosk: its token is refused from now on (403), and its ticket-signing keys get
 * revoked_utc = now, which travels to every kiosk with the content, so tickets it issues
 * after now are refused everywhere. Its allotments shrink to the seats its confirmed
 * sign-ups use, and the seats returned to the pool settle the waitlists. NOT_FOUND for an
 * unknown kiosk; revoking twice is OK and keeps the first time. */
enum yk_hub_rc yk_hub_kiosk_revoke(struct yk_hub_store *s, const char *kiosk_id, int64_t now);

/* Runs a script of SQL statements on the content tables in one transaction (loading
 * content; the triggers put every row in the change log). */
bool yk_hub_load_sql(struct yk_hub_store *s, const char *sql);

/* Tombstones row id of a content table (deleted = 1; the change travels). NOT_FOUND when
 * no live row has that id; INVALID for a table that is not content or has no tombstone. */
enum yk_hub_rc yk_hub_tombstone(struct yk_hub_store *s, const char *table, const char *id);

/* Stores an image under the lowercase hex SHA-256 of its bytes, into hash_hex (65 bytes).
 * Storing the same bytes twice changes nothing. */
enum yk_hub_rc yk_hub_media_add(struct yk_hub_store *s, const void *bytes, size_t len,
                                const char *mime, char hash_hex[65]);

/* Enrolment and auth ----------------------------------------------------------------------------
 */

/* Exchanges a setup code (case and hyphens ignored) for a device token: binds kiosk_id (a
 * valid ULID, the kiosk's own id) to the code's station, registers its Ed25519 public key in
 * kiosk_keys (travels with the content) and writes the new token (YK_HUB_TOKEN_LEN + NUL)
 * and the station id (64 bytes). The code is then used. An enrolled id is never rebound
 * (EXISTS, the code stays unused) unless the code was made for it by yk_hub_kiosk_replace;
 * a revoked kiosk cannot enrol again. NOT_FOUND: no such code; USED: used or expired;
 * REVOKED; EXISTS; INVALID: bad id, or the key belongs to another kiosk. */
enum yk_hub_rc yk_hub_enrol(struct yk_hub_store *s, const char *code, const char *kiosk_id,
                            const uint8_t public_key[32], int64_t now,
                            char token[YK_HUB_TOKEN_LEN + 1], char station_id[64]);

/* Finds the kiosk whose token this is: OK with its id in kiosk_id, NOT_FOUND (missing or
 * forged token) or REVOKED. */
enum yk_hub_rc yk_hub_auth(struct yk_hub_store *s, const char *token, char kiosk_id[YK_ID_LEN + 1]);

/* Records from kiosks -------------------------------------------------------------------------- */

enum yk_hub_kind { YK_HUB_SIGNUP, YK_HUB_CHECKIN, YK_HUB_WALKIN, YK_HUB_DUTY, YK_HUB_AUDIT };

/* One pushed record. Strings point into the request (owned by the caller), NULL = absent. */
struct yk_hub_record {
    enum yk_hub_kind kind;
    const char *id;       /* the kiosk-made ULID: the idempotency key */
    const char *kiosk_id; /* must be the pushing kiosk */
    /* signups */
    const char *event_id;    /* also checkins */
    const char *phone_last4; /* the part of a phone number every sign-up keeps */
    const char *phone;       /* the full number as the kiosk holds it: kept only with
                                yk_hub_set_phone_days (signup_phones), else dropped */
    const char *phone_hash;  /* HMAC-SHA-256 of the number under the hub's phone key, 64
                                lowercase hex: kept apart for the person's own look-up
                                (hub_store_mine.h) */
    const char *surname, *title;
    const char *status; /* confirmed (offline, from the allotment), pending, waitlist, cancelled */
    const char *ticket_code; /* also checkins; a sign-up's must be signed by its kiosk's key */
    const char *short_code;  /* ignored: the hub derives it from the verified ticket */
    int64_t party_size, ticket_serial, created_utc, updated_utc; /* created_utc: all kinds */
    /* checkins */
    const char *signup_id, *volunteer_id; /* volunteer_id: duty_log too */
    int64_t count;
    /* walkins */
    const char *kind_id;
    int64_t delta;
    /* duty_log */
    int64_t on_utc, off_utc;
    bool has_off;
    /* audit_log */
    const char *what, *ref;
};

enum yk_hub_result { YK_HUB_ACCEPTED, YK_HUB_DUPLICATE, YK_HUB_REJECTED };

struct yk_hub_outcome {
    enum yk_hub_result result;
    char reason[40]; /* REJECTED: a short code such as "wrong-kiosk", "unknown-event" */
    char status[16]; /* signups: the hub's decision (confirmed, waitlist, cancelled), else "" */
};

/* Stores n records from kiosk auth_kiosk, each once however often it arrives, and answers
 * each in out[i]: ACCEPTED (stored or updated now), DUPLICATE (already had it; nothing
 * changed), REJECTED (reason; logged in push_rejects; never blocks the others). A sign-up's
 * party size must fit the event's max_party; its ticket_code must be signed by an unrevoked
 * key of auth_kiosk for its event and serial (else "bad-ticket"); the short code stored is
 * derived from that ticket. Pending
 * sign-ups (and confirmed ones beyond the kiosk's allotment) are confirmed in id order
 * (= sign-up order) while seats remain, else waitlisted; a cancellation frees its seats and
 * lists its ticket in revocations. One transaction; false (out undefined) on a database
 * error, nothing stored. */
bool yk_hub_push(struct yk_hub_store *s, const char *auth_kiosk, const struct yk_hub_record *r,
                 size_t n, struct yk_hub_outcome *out, int64_t now);

/* Pushes from many threads share commits (one fsync for a run of them; each is answered
 * only once its commit is done). How many pushes were stored and in how many commits. */
void yk_hub_push_stats(struct yk_hub_store *s, unsigned long *pushes, unsigned long *commits);

/* Online sign-up: yk_hub_push of one pending sign-up, except that when it would be
 * waitlisted and !waitlist_ok nothing is stored and out->status is "full". */
bool yk_hub_signup_online(struct yk_hub_store *s, const char *auth_kiosk,
                          const struct yk_hub_record *r, bool waitlist_ok,
                          struct yk_hub_outcome *out, int64_t now);

/* Sets the seats kiosk may confirm offline for event_id to want: more only as far as free
 * seats allow, fewer never below what it has confirmed from them. Writes what it holds, what
 * it has used and the seats free in the common pool. NOT_FOUND: no such live event;
 * INVALID: no capacity or want < 0. */
enum yk_hub_rc yk_hub_seats(struct yk_hub_store *s, const char *kiosk_id, const char *event_id,
                            int64_t want, int64_t now, int64_t *held, int64_t *used,
                            int64_t *pool_free);

/* Seat figures of an event, for tests and the operator: capacity (0 = none), seats
 * confirmed, seats allotted in all. */
enum yk_hub_rc yk_hub_event_seats(struct yk_hub_store *s, const char *event_id, int64_t *capacity,
                                  int64_t *confirmed, int64_t *allotted);

/* Counts rows of a record table (signups, checkins, walkins, duty_log, audit_log,
 * push_rejects) or of changes; -1 on error. For tests and the operator. */
int64_t yk_hub_count(struct yk_hub_store *s, const char *table);

/* Content down ----------------------------------------------------------------------------------
 */

/* Writes a page of the changes after cursor since that kiosk may see, at most limit, to w
 * as the members "changes" (array) , "cursor" and "more" of an open object. A row is written
 * as it is now, with rev = its change's seq. */
bool yk_hub_changes(struct yk_hub_store *s, const char *kiosk_id, int64_t since, int limit,
                    struct yk_jw *w);

/* Whether the hub holds media with this hash (false on an error too). */
bool yk_hub_media_has(struct yk_hub_store *s, const char *hash);

/* The media with this hash: the caller frees *bytes. NOT_FOUND when absent. */
enum yk_hub_rc yk_hub_media_get(struct yk_hub_store *s, const char *hash, void **bytes, size_t *len,
                                char mime[64]);

/* What a kiosk's heartbeat says (src/hub/README.md, "Heartbeat"); -1: not said. */
struct yk_hub_beat {
    const char *version; /* may be NULL */
    int64_t uptime_s, last_sync_utc, free_disk_bytes;
    int64_t records_waiting;   /* records not yet on the hub */
    int64_t records_set_aside; /* records the hub refused, set aside on the kiosk */
};

/* Heartbeat of kiosk_id, seen now. */
bool yk_hub_heartbeat(struct yk_hub_store *s, const char *kiosk_id, const struct yk_hub_beat *b,
                      int64_t now);

/* Tickets ---------------------------------------------------------------------------------- */

struct yk_hub_ticket {
    char status[16];
    int64_t party_size;
    char surname[64], title[16], phone_masked[YK_PHONE_MASKED_LEN + 1]; /* yk_phone_mask */
    char event_title_zh[256], event_title_en[256], place_zh[256], place_en[256];
    int64_t starts_utc, ends_utc;
    bool synced; /* false: not on the hub yet, only its signature checked */
};

/* Looks up a ticket code: a sign-up the hub has (synced), or else a code whose signature a
 * known kiosk key verifies (not yet synced: the event only). NOT_FOUND otherwise (unknown,
 * forged, or issued after its key was revoked). */
enum yk_hub_rc yk_hub_ticket(struct yk_hub_store *s, const char *code, struct yk_hub_ticket *t);

#endif
