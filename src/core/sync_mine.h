#ifndef YK_SYNC_MINE_H
#define YK_SYNC_MINE_H

#include "core/db.h"
#include "core/phone.h"
#include "core/signup_mine.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 我的报名 across kiosks: a person's sign-ups made at other kiosks, found in the hub's copy
 * (POST /api/v1/mine) and cancelled there (POST /api/v1/mine/cancel); src/core/SYNC.md,
 * "My sign-ups at other kiosks", and the hub's README.
 *
 * The hub never receives a number for this. Both sides use HMAC-SHA-256 of the number in its
 * stored form (yk_phone_normalize) under the hub's phone key: the kiosk pushes it with each
 * sign-up (phone_hash) and sends it to look one up. The key comes in the hub's enrol and
 * heartbeat answers and is kept in <data_dir>/hub-phone-key (mode 0600, like the device
 * token; not in the database, which gets copied for support). Without the key neither the
 * hub's hashes nor a copy of them can be turned back into numbers by trying them all.
 *
 * No threads and no network here: the hash, the request bodies, the answers, and the
 * process-wide hand-over between the screen and the sync worker (as for the online
 * confirmation, core/sync.h): the screen asks and polls, never waits. The transport is
 * src/app/sync_mine_http.c. */

#define YK_SYNC_PHONE_KEY_FILE "hub-phone-key" /* in the data directory: the 32 bytes, 0600 */
#define YK_SYNC_PHONE_KEY_LEN 32
#define YK_SYNC_PHONE_HASH_HEX 64

/* hex = HMAC-SHA-256(key, the stored form of phone) in lowercase hex. false (hex "") when
 * phone is not a number (yk_phone_normalize). */
bool yk_sync_phone_hash(const uint8_t key[YK_SYNC_PHONE_KEY_LEN], const char *phone,
                        char hex[YK_SYNC_PHONE_HASH_HEX + 1]);

/* A key as the hub sends it: exactly 64 lowercase hex digits. false (key untouched)
 * otherwise. */
bool yk_sync_phone_key_parse(const char *hex, uint8_t key[YK_SYNC_PHONE_KEY_LEN]);

/* After a new phone key: the live sign-ups of events not yet ended that still hold their
 * number and were pushed already go up again (sync_state 'pending'), so that the hub gets
 * their hash under the new key (it answers "duplicate" and keeps the hash). Returns how many,
 * -1 on error (logged). */
int yk_sync_mine_rehash(struct yk_db *db, int64_t now_utc_s);

/* The body of POST /api/v1/mine ({"phone_hash"}) or, with signup_id, of
 * POST /api/v1/mine/cancel ({"phone_hash", "signup_id"}). Caller frees; NULL on error. */
char *yk_sync_mine_body(const char *hash, const char *signup_id, size_t *len);

/* The look-up's answer {"signups": [...]} into out (at most max, in the hub's order: soonest
 * first), each with remote = true and its origin kiosk. Sign-ups of own_kiosk are left out
 * (this kiosk lists its own from its database, which is newer). phone is the number the
 * person typed: its mask is what the screen shows (the hub sends only the last four). An
 * answer that is not exactly the protocol's (a missing or mistyped field, a status other than
 * confirmed/waitlist, an id of the wrong length, a party outside 1..1000) is refused whole:
 * -1. Returns how many were written. */
int yk_sync_mine_parse(const char *body, size_t len, const char *phone, const char *own_kiosk,
                       struct yk_signup_mine *out, int max);

/* The cancel's answer {"result": "ok" | "already" | "started" | "checked-in" |
 * "event-cancelled" | "not-found"} as *rc. false when it is none of these. */
bool yk_sync_mine_cancel_parse(const char *body, size_t len, enum yk_mine_rc *rc);

/* The hand-over ------------------------------------------------------------------------------ */

/* Asks the sync worker to look phone up on the hub (cancel_id NULL) or to cancel the sign-up
 * cancel_id made at another kiosk, and wakes it. Returns the request's number (> 0) for
 * yk_sync_mine_result, or 0 at once when no worker runs, the last round did not reach the hub,
 * or phone is not a number. One request at a time (one person at the screen): a new one
 * replaces an unanswered one. The number is kept in memory until the worker takes it, then
 * wiped. */
unsigned yk_sync_request_mine(const char *phone, const char *cancel_id);

enum yk_sync_mine_state {
    YK_SYNC_MINE_WAITING, /* asked, no answer yet */
    YK_SYNC_MINE_ANSWERED,
    YK_SYNC_MINE_FAILED, /* the hub could not be reached or refused; or not asked (replaced) */
};

/* Polls request ask: when answered, a look-up's sign-ups are copied into out (at most max;
 * *n how many) and a cancel's outcome into *rc (either may be NULL). */
enum yk_sync_mine_state yk_sync_mine_result(unsigned ask, struct yk_signup_mine *out, int max,
                                            int *n, enum yk_mine_rc *rc);

/* The worker's side: takes the request (false when none): its number, the typed phone and
 * the sign-up to cancel ("" for a look-up). The caller wipes phone after use. */
bool yk_sync_take_mine_request(unsigned *ask, char phone[YK_PHONE_MAX + 1],
                               char cancel_id[YK_ID_LEN + 1]);

/* Posts the outcome of request ask (ok false: failed). */
void yk_sync_mine_done(unsigned ask, bool ok, const struct yk_signup_mine *found, int n,
                       enum yk_mine_rc rc);

#endif
