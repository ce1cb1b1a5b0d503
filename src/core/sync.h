#ifndef YK_SYNC_H
#define YK_SYNC_H

#include "core/db.h"
#include "core/ids.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kiosk side of the hub's sync protocol (src/hub/README.md), without threads or network:
 * build a push batch from the pending records, apply the hub's per-item answers, apply a
 * page of content changes in one transaction together with its cursor, and the media still
 * to fetch. The transport and the background thread are src/app/sync_http.h and
 * src/app/sync_worker.h. How it all fits: src/core/SYNC.md.
 *
 * Also here: the sync status every thread can read (a process-wide record under a mutex,
 * published by whoever runs sync rounds), and the hand-over of a setup code typed in
 * volunteer mode. */

#define YK_SYNC_BATCH_MAX 1000           /* records per push: the hub's limit */
#define YK_SYNC_BATCH_DEFAULT 500        /* records per push normally */
#define YK_SYNC_BATCH_BYTES (3u << 20)   /* a batch stops growing here (the hub takes 4 MiB) */
#define YK_SYNC_RESPONSE_MAX (16u << 20) /* bytes of any answer the client reads */
#define YK_SYNC_PAGE_LIMIT 500           /* rows per changes page asked for */

enum yk_sync_type {
    YK_SYNC_SIGNUP,
    YK_SYNC_CHECKIN,
    YK_SYNC_WALKIN,
    YK_SYNC_DUTY,
    YK_SYNC_AUDIT,
    YK_SYNC_NTYPES
};

/* The protocol's name of a type ("signup", ...). Static. */
const char *yk_sync_type_name(enum yk_sync_type t);

/* One record of a batch, as sent: enough to mark it synced only if it did not change since
 * (a sign-up cancelled or a duty closed while the push was in flight is pushed again). */
struct yk_sync_item {
    enum yk_sync_type type;
    char id[YK_ID_LEN + 1];
    char status[12]; /* signups: the status sent */
    bool ticket_set; /* signups: a ticket_code was sent */
    bool off_set;    /* duty: off_utc was sent */
    int64_t off_utc;
};

struct yk_sync_batch {
    char *json; /* the body of POST /api/v1/push; owned */
    size_t len;
    struct yk_sync_item *items; /* owned; in the order sent */
    size_t count;               /* 0: nothing to push (json is NULL) */
};

/* Builds a batch of at most max_records (1..YK_SYNC_BATCH_MAX) pending records, oldest
 * first per type (sign-ups, then check-ins, walk-ins, duty, audit), and under
 * YK_SYNC_BATCH_BYTES. A sign-up goes without its phone number (phone_last4, surname and
 * title are enough for the hub's ticket page) unless the hub keeps numbers for its call lists
 * (YK_SYNC_META_HUB_PHONE_DAYS > 0); with phone_key (YK_SYNC_PHONE_KEY_LEN bytes, or NULL)
 * it carries the number's keyed hash for 我的报名 at other kiosks (core/sync_mine.h). Returns
 * false on a database error (logged). Free with yk_sync_batch_free. */
bool yk_sync_build_push(struct yk_db *db, size_t max_records, const uint8_t *phone_key,
                        struct yk_sync_batch *out);

/* Frees the batch and zeroes it. NULL-safe. */
void yk_sync_batch_free(struct yk_sync_batch *b);

struct yk_sync_push_result {
    int accepted, duplicate, rejected;
    int decided; /* sign-ups whose status the hub decided (pending -> confirmed/waitlist) */
};

/* Applies the hub's answer to batch b, in one transaction: accepted and duplicate items
 * become 'synced' (unless the row changed since the batch was built), rejected ones
 * 'rejected' with the reason in sync_rejects, and a sign-up's decided status is applied as
 * by a 'signups' change. The answer must list every item of b, in order, with the same ids;
 * otherwise nothing changes and false is returned (the batch stays pending). */
bool yk_sync_apply_push(struct yk_db *db, const struct yk_sync_batch *b, const char *body,
                        size_t len, int64_t now_utc_s, struct yk_sync_push_result *out);

struct yk_sync_page_result {
    int64_t cursor; /* the page's cursor, saved in the same transaction */
    bool more;      /* the hub has more: ask again from cursor */
    int applied;    /* rows written */
    int stale;      /* rows not newer than the one held (rev) */
    int ignored;    /* rows of tables this kiosk does not know (a newer hub) */
    int media;      /* media rows whose bytes are wanted */
};

/* meta key: the days the hub keeps sign-ups' full phone numbers, as its last heartbeat answer
 * said ("0" or absent: the hub keeps only the last four digits, and pushes carry only them). */
#define YK_SYNC_META_HUB_PHONE_DAYS "sync.hub_phone_days"

/* Applies one answer of GET /api/v1/changes in one transaction with its cursor: each row is
 * upserted by its primary key only when its rev is newer than the one held (tombstones are
 * rows with deleted = 1); kiosk_keys' public_key comes as hex; 'allotments' set
 * events.seats_held; 'signups' carry the hub's decisions on this kiosk's sign-ups (pending
 * or waitlist -> confirmed or waitlist; any -> cancelled, by the station's staff in the hub's
 * admin; a cancelled sign-up is never revived, a confirmed one only cancelled);
 * 'media' rows not held are queued in sync_media_wanted. When the last page (more = false)
 * arrives and the database still holds the sample content, the sample rows (rev 0) are
 * tombstoned. Anything malformed rolls the whole page back: false, nothing applied, cursor
 * unchanged (err gets why, for the log). */
bool yk_sync_apply_page(struct yk_db *db, const char *body, size_t len,
                        struct yk_sync_page_result *out, char *err, size_t errn);

/* Online confirmation (POST /api/v1/signup): the body for the pending sign-up signup_id
 * (the push fields of a sign-up, without "type", plus "waitlist_ok"). Returns the body
 * (caller frees; *len its length) or NULL when there is no such sign-up or on error. */
char *yk_sync_signup_request(struct yk_db *db, const char *signup_id, bool waitlist_ok,
                             size_t *len);

/* Applies the hub's answer {"id", "result", "status"} to signup_id: accepted/duplicate make
 * it synced (if unchanged since) and a confirmed/waitlist status is applied as a decision;
 * "full" changes nothing. status (12 bytes) gets the hub's status. false when the answer is
 * malformed or on error. */
bool yk_sync_apply_signup_answer(struct yk_db *db, const char *signup_id, const char *body,
                                 size_t len, char status[12]);

/* Seats (allotments, POST /api/v1/seats): what to ask the hub for. */
struct yk_sync_seat_ask {
    char event_id[64];
    int held; /* events.seats_held now */
    int used; /* people in live sign-ups confirmed here from the held seats */
    int want; /* the seats to ask for */
};

/* The allotment requests a round should make, at most max, soonest deadline first, for
 * events from the hub (rev > 0, not deleted, with a capacity):
 *   - sign-up open (now < the deadline, or the start when there is none) and fewer than
 *     block held seats free (held - used): ask for used + block, at most the capacity;
 *   - sign-up closed, event ended at most 7 days ago, and held > used: ask for used (the
 *     unused seats go back to the hub's pool for the waitlist).
 * Never below used (what is confirmed here). block 0: nothing. Returns how many, -1 on
 * error. */
int yk_sync_seat_plan(struct yk_db *db, int64_t now_utc_s, int block, struct yk_sync_seat_ask *out,
                      int max);

/* Applies the hub's answer {"event_id", "held", ...} to a seats request for event_id:
 * events.seats_held = held, also written to *held. 1 applied, 0 the answer is malformed
 * (not this event, no usable "held"; nothing changed), -1 database error. */
int yk_sync_apply_seats_answer(struct yk_db *db, const char *event_id, const char *body, size_t len,
                               int64_t *held);

/* The cursor of the last committed page (0 before any). */
int64_t yk_sync_cursor(struct yk_db *db);

/* The next wanted media row: its hash (64 hex) and mime. Returns 1 found, 0 none, -1 error.
 * skip: hashes already tried this round are skipped by passing the number tried. */
int yk_sync_media_next(struct yk_db *db, int skip, char hash[65], char *mime, size_t mime_n);

/* Stores media bytes for a wanted hash when SHA-256(bytes) matches it, and forgets the
 * want. Returns false (nothing stored) on a mismatch or error. */
bool yk_sync_media_store(struct yk_db *db, const char *hash, const char *mime, const void *bytes,
                         size_t len);

/* Counts records waiting to be pushed and records set aside (rejected). false on error. */
bool yk_sync_counts(struct yk_db *db, int *waiting, int *rejected);

/* One record the hub refused, for volunteer mode. */
struct yk_sync_reject {
    char type[12];
    char id[YK_ID_LEN + 1];
    char reason[40];
    int64_t rejected_utc;
};

/* The newest (at most max) rejected records into out; returns how many, -1 on error. */
int yk_sync_rejects(struct yk_db *db, struct yk_sync_reject *out, int max);

/* Backoff before retry number attempt (1, 2, ...): 5 s doubling to 10 min, times a jitter
 * factor from r in [0, 1) mapped to 0.8..1.2. In milliseconds. */
int64_t yk_sync_backoff_ms(int attempt, double r);

/* Status ----------------------------------------------------------------------------------- */

struct yk_sync_status {
    bool configured;          /* a hub_url is set and sync runs */
    bool enrolled;            /* the kiosk holds a device token */
    bool online;              /* the last round reached the hub */
    bool stopped;             /* the hub refused this kiosk (401/403): an operator must act */
    int64_t last_success_utc; /* end of the last complete round; 0 = never */
    int64_t last_attempt_utc;
    int64_t next_attempt_utc; /* when the worker tries next (0 = unknown) */
    int waiting;              /* records to push */
    int set_aside;            /* records the hub refused */
    char error_zh[160];       /* the last problem, for people; "" when none */
    char error_en[160];
};

/* Copies the current status (zeroed when nothing was ever published). Thread-safe. */
void yk_sync_status(struct yk_sync_status *out);

/* Replaces the status (the sync worker and the driver's sync command do this). */
void yk_sync_status_publish(const struct yk_sync_status *s);

/* How many times the mailbox changed: a status published or an online confirmation
 * answered. Thread-safe. */
unsigned yk_sync_changes(void);

/* Blocks until the mailbox changes after the count seen (from yk_sync_changes or the last
 * call), or timeout_ms (OS monotonic) pass; returns the count then (== seen on timeout).
 * For whoever must wait for the worker (tests) instead of polling. */
unsigned yk_sync_wait_change(unsigned seen, int timeout_ms);

/* Volunteer mode: hands a typed setup code to the sync worker and wakes it. Returns false
 * when the code is not 16 Crockford characters (ignoring '-' and spaces). The code is kept
 * in memory only, and never logged. */
bool yk_sync_enter_setup_code(const char *code);

/* The worker's side: takes the code entered (and forgets it). false when none. */
bool yk_sync_take_setup_code(char *out, size_t n);

/* Online confirmation for the sign-up screen, without waiting on the network: asks the sync
 * worker to confirm the pending sign-up signup_id with the hub now (POST /api/v1/signup,
 * src/app/sync_http.h yk_sync_confirm_online) and wakes it. Returns false at once when no
 * worker runs or the last round did not reach the hub: the sign-up then stays pending and
 * goes up with the next push (the hub decides in sign-up order). One request at a time; a
 * new one replaces an unanswered one. */
bool yk_sync_request_confirm(const char *signup_id, bool waitlist_ok);

/* Polls the answer for signup_id (call it from the screen's tick): 1 answered, status (12
 * bytes) is "confirmed", "waitlist" or "full" and the local row already says so; 0 still
 * waiting; -1 failed or not asked (the sign-up stays pending). */
int yk_sync_confirm_result(const char *signup_id, char status[12]);

/* The worker's side of the above: takes the request (false when none) and posts its
 * outcome (ok false: failed; status as the hub said). */
bool yk_sync_take_confirm_request(char signup_id[YK_ID_LEN + 1], bool *waitlist_ok);
void yk_sync_confirm_done(const char *signup_id, bool ok, const char *status);

/* Wakes the sync worker (e.g. after a sign-up: push it now). No-op without a worker. */
void yk_sync_wake(void);

/* The worker registers how to wake it (NULL to unregister). */
void yk_sync_set_waker(void (*fn)(void *ctx), void *ctx);

#endif
