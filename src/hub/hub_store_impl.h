#ifndef YK_HUB_STORE_IMPL_H
#define YK_HUB_STORE_IMPL_H

/* Private to the hub_store*.c files (the hub's only code with SQL): the store's state and the
 * small SQLite helpers they share. Nothing outside src/hub/hub_store*.c includes this.
 *
 *   hub_store.c          helpers, open + migrations, group commit (yk_hub_push), operator
 *                        commands on content (load, tombstone, media, counts)
 *   hub_store_kiosks.c   setup codes, enrolment, auth, revocation, the kiosk listing
 *   hub_store_push.c     records from kiosks (push, online sign-up)
 *   hub_store_seats.c    capacity, allotments, the waitlist
 *   hub_store_changes.c  content down (changes, media, heartbeat)
 *   hub_store_tickets.c  ticket look-up for /T/
 *   hub_store_mine.c     a person's sign-ups at any kiosk by phone hash (hub_store_mine.h)
 *   hub_store_admin*.c   the web admin's storage (hub_store_admin.h)
 *
 * Every yk_hs_ function expects the caller to hold the store (yk_hs_lock) unless it says
 * otherwise. */

#include "core/ticket.h"
#include "hub/hub_limit.h"
#include "hub/hub_store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>

/* Pushes that arrive while others are being stored share one commit (group commit): each
 * push runs in a savepoint of an open transaction; the last of a run of pushes (no other
 * push waiting for the lock, or GROUP_MAX of them) commits it, with its one fsync, and tells
 * the others how it went; they answer only then. Any other call commits an open group
 * first, so it always works outside one. */
#define GROUP_MAX 64

struct yk_hub_store {
    sqlite3 *db;
    pthread_mutex_t lock;
    pthread_cond_t committed;      /* a group's commit is done: group_gen moved on */
    atomic_int arriving;           /* pushes on their way to the lock */
    bool group_open;               /* a group transaction is open */
    unsigned long group_gen;       /* the open (or next) group's number */
    int group_n;                   /* pushes of the open group waiting for its commit */
    bool *group_result[GROUP_MAX]; /* where to write the commit's outcome for each */
    unsigned long pushes;          /* pushes stored (for yk_hub_push_stats) */
    int phone_days;                /* yk_hub_set_phone_days */
    /* Not SQL, but the hub's state the API reaches through the store (hub_store_mine.h): */
    uint8_t phone_key[32]; /* yk_hub_set_phone_key; zeroed at close */
    bool has_phone_key;
    struct yk_hub_limit *mine_misses; /* look-ups that found nothing, per kiosk */
};

/* Takes the store for one call (committing an open push group first); yk_hs_unlock gives it
 * back. */
void yk_hs_lock(struct yk_hub_store *s);
void yk_hs_unlock(struct yk_hub_store *s);

/* Prepares sql; NULL on error (logged). The caller finalizes. */
sqlite3_stmt *yk_hs_prep(struct yk_hub_store *s, const char *sql);

/* Runs sql (one or more statements without results); false on error (logged). */
bool yk_hs_exec(struct yk_hub_store *s, const char *sql);

/* Binds v as text, or NULL when v is NULL. v must outlive the statement's step. */
void yk_hs_bind_str(sqlite3_stmt *st, int i, const char *v);

/* BEGIN IMMEDIATE / COMMIT (rolls back when the commit fails) / ROLLBACK if a transaction is
 * open (harmless otherwise). */
bool yk_hs_begin(struct yk_hub_store *s);
bool yk_hs_commit(struct yk_hub_store *s);
void yk_hs_rollback(struct yk_hub_store *s);

/* Ends a call that may have begun a transaction: rolls back what was not committed, then
 * yk_hs_unlock. */
void yk_hs_end(struct yk_hub_store *s);

/* Takes the store, runs sql with one text parameter arg and calls read on its first row
 * (read returns OK, or ERROR when it cannot keep the row, e.g. out of memory), gives the store
 * back. NOT_FOUND when there is no row, ERROR on a database error. */
enum yk_hub_rc yk_hs_one_row(struct yk_hub_store *s, const char *sql, const char *arg,
                             enum yk_hub_rc (*read)(sqlite3_stmt *st, void *ctx), void *ctx);

/* Steps a prepared statement once and finalizes it (NULL-safe: false). */
bool yk_hs_run(struct yk_hub_store *s, sqlite3_stmt *st);

/* A single integer from sql with up to two text parameters (a, b: NULL = not bound); def
 * when no row or NULL. *ok (may be NULL) is set false on an error. */
int64_t yk_hs_query_int(struct yk_hub_store *s, const char *sql, const char *a, const char *b,
                        int64_t def, bool *ok);

/* n bytes as lowercase hex into out (2n + 1 bytes). */
void yk_hs_hex(const uint8_t *b, size_t n, char *out);

/* Lowercase hex BLAKE2b-256 of s: tokens and setup codes are stored only as this. */
void yk_hs_hash_hex(const char *s, char out[65]);

/* Push (hub_store_push.c): the body of yk_hub_push inside the caller's transaction. */
/* Deletes the full phone numbers whose time is over (all of them when the hub keeps none). */
bool yk_hs_purge_phones(struct yk_hub_store *s, int64_t now);

/* A person's sign-ups (hub_store_mine.c) ----------------------------------------------------- */

/* Deletes the look-up rows (signup_lookup, signup_lookup_cancelled) whose event has ended. */
bool yk_hs_purge_lookup(struct yk_hub_store *s, int64_t now);

/* Stores (or replaces) the phone hash of sign-up id, while it is not cancelled and its event
 * has not ended; nothing otherwise. */
bool yk_hs_keep_lookup(struct yk_hub_store *s, const char *id, const char *phone_hash, int64_t now);

/* Lists ticket code (NULL: nothing to do) of event_id in revocations (kiosks then refuse it
 * offline). False on a database error. */
bool yk_hs_revoke_ticket(struct yk_hub_store *s, const char *code, const char *event_id,
                         int64_t now);

bool yk_hs_push_locked(struct yk_hub_store *s, const char *kiosk, const struct yk_hub_record *r,
                       size_t n, struct yk_hub_outcome *out, int64_t now);

/* Tickets (hub_store_tickets.c) -------------------------------------------------------------- */

/* A ticket code a kiosk pushed, once checked. */
struct yk_hs_ticket {
    int64_t serial;
    char short_code[YK_TICKET_SHORT_LEN + 1];
};

/* Checks code as a sign-up's ticket pushed by kiosk for event_id: signed by a key of that
 * kiosk (not revoked or expired on its issue day), for that event, with that serial (0: not
 * given), and on no other sign-up. NULL when it is, with its serial and short code in *t;
 * else the reason to refuse the record ("bad-ticket", "ticket-conflict"). *db_ok false on a
 * database error. */
const char *yk_hs_ticket_check(struct yk_hub_store *s, const char *kiosk, const char *code,
                               const char *event_id, int64_t serial, struct yk_hs_ticket *t,
                               bool *db_ok);

/* Seats (hub_store_seats.c) ------------------------------------------------------------------ */

/* Seats of an event: capacity (-1: none), seats allotted, seats confirmed from the pool; and
 * whether it exists, is deleted, is cancelled. */
struct seats {
    int64_t capacity, allotted, pool_used, confirmed;
    int64_t max_party; /* the event's party-size limit, at most YK_HUB_PARTY_MAX */
    bool exists, deleted, cancelled;
};

/* Reads the seat figures of event_id into *x (x->exists false when there is none). */
bool yk_hs_event_seats(struct yk_hub_store *s, const char *event_id, struct seats *x);

/* Seats left in the common pool: capacity - allotments - pool confirmations. */
int64_t yk_hs_pool_free(const struct seats *x);

/* Confirms waitlisted sign-ups of the event in id order while the pool has seats. */
bool yk_hs_settle(struct yk_hub_store *s, const char *event_id, int64_t now);

#endif
