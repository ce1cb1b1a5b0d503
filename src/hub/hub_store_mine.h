#ifndef YK_HUB_STORE_MINE_H
#define YK_HUB_STORE_MINE_H

#include "core/signup_mine.h"
#include "hub/hub_store.h"

#include <stdbool.h>
#include <stdint.h>

/* A person's sign-ups at any kiosk (src/hub/README.md, "A person's sign-ups at any kiosk"):
 * kiosks push each sign-up's phone_hash (HMAC-SHA-256 of the number under the hub's phone
 * key); a kiosk asks for the live sign-ups of a hash, and cancels one for the person. The
 * hashes live in signup_lookup (db/hub/0008_signup_lookup.sql), apart from the sign-ups,
 * until the sign-up is cancelled or its event ends. Part of the store (hub_store.h): the SQL
 * is in hub_store_mine.c; thread-safe like the rest. */

#define YK_HUB_PHONE_HASH_LEN 64 /* lowercase hex of 32 bytes */

/* The phone key (hub_phone_key.h) handed to enrolled kiosks in the answers of enrol and
 * heartbeat. Copied; set before serving. A store without one hands none out. */
void yk_hub_set_phone_key(struct yk_hub_store *s, const uint8_t key[32]);

/* The phone key as 64 lowercase hex and a NUL into hex; false (hex "") when none is set. */
bool yk_hub_phone_key_hex(const struct yk_hub_store *s, char hex[YK_HUB_PHONE_HASH_LEN + 1]);

/* One of the person's sign-ups. Strings are valid during the callback only; NULL = none. */
struct yk_hub_mine {
    const char *id, *event_id, *kiosk_id, *status; /* status: confirmed or waitlist */
    const char *surname, *title, *phone_last4, *ticket_code, *short_code;
    int64_t party_size, created_utc, starts_utc, ends_utc;
    enum yk_mine_rc can_cancel; /* OK, STARTED, CHECKED_IN or EVENT_CANCELLED */
};

/* Calls cb for each sign-up with this phone hash that is not cancelled and whose event is not
 * deleted and not ended at now, soonest event first, at most YK_SIGNUP_MINE_MAX; the look-up
 * rows of ended events are deleted first. Returns how many, or -1 on a database error. */
int yk_hub_mine_list(struct yk_hub_store *s, const char *phone_hash, int64_t now,
                     void (*cb)(void *ctx, const struct yk_hub_mine *m), void *ctx);

/* Cancels signup_id for the person at kiosk_id whose number has this phone hash, when the
 * rules a person meets allow it (the event not cancelled by the organiser, not started, nobody
 * of it checked in: the kiosk's own, core/signup_mine.h), through the admin's cancel
 * (yk_as_signup_change: ticket revoked, waitlist settled, the origin kiosk told, audited as
 * "kiosk:<kiosk_id>" without name or phone). YK_MINE_OK: cancelled now; ALREADY: this number
 * cancelled it here before; NOT_FOUND: no live sign-up of this hash has that id (a wrong hash
 * never hints that the id exists); STARTED, CHECKED_IN, EVENT_CANCELLED: refused, nothing
 * changed; ERROR: nothing changed. */
enum yk_mine_rc yk_hub_mine_cancel(struct yk_hub_store *s, const char *kiosk_id,
                                   const char *phone_hash, const char *signup_id, int64_t now);

/* Look-ups and cancels that find nothing are guesses, counted per kiosk (hub_limit.h: the
 * first YK_HUB_LIMIT_FREE in a row are free, then 1 s doubling to 15 min; an hour without a
 * miss forgets them). The seconds kiosk_id must still wait (0: it may ask now). */
int64_t yk_hub_mine_wait(struct yk_hub_store *s, const char *kiosk_id, int64_t now_ms);

/* Counts a look-up or cancel of kiosk_id that found nothing; returns its misses in a row. */
unsigned yk_hub_mine_miss(struct yk_hub_store *s, const char *kiosk_id, int64_t now_ms);

#endif
