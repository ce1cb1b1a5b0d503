#ifndef YK_SIGNUP_MINE_H
#define YK_SIGNUP_MINE_H

#include "core/db.h"
#include "core/signup.h"
#include "core/volunteer.h"

#include <stdbool.h>
#include <stdint.h>

/* "My sign-ups": a person finds their own sign-ups by typing their mobile number, sees the
 * ticket again, or cancels one. This file holds this kiosk's sign-ups (a kiosk pulls only the
 * hub's decisions on its own sign-ups, never other kiosks'); those made at other kiosks come
 * from the hub's copy while it can be reached (core/sync_mine.h) and are merged in with
 * yk_signup_mine_merge.
 * A number finds only its own sign-ups, and the cancel checks again that the sign-up is that
 * number's. Lookups that find nothing are bounded by struct yk_signup_mine_guard. */

/* Whether a sign-up may be cancelled here and now, and if not, why. */
enum yk_mine_rc {
    YK_MINE_OK,              /* may be cancelled (yk_signup_mine_cancel: it was) */
    YK_MINE_STARTED,         /* the event has started: too late to give the place back */
    YK_MINE_CHECKED_IN,      /* someone on this sign-up was already checked in */
    YK_MINE_EVENT_CANCELLED, /* the organiser cancelled the event: nothing to cancel */
    YK_MINE_ALREADY,         /* the sign-up was cancelled before */
    YK_MINE_NOT_FOUND,       /* no sign-up of this number has that id */
    YK_MINE_ERROR,           /* database error (logged); nothing changed */
};

#define YK_SIGNUP_MINE_MAX 24 /* sign-ups listed at most (the soonest events first) */

/* One of the person's sign-ups with what the screen shows beside it. */
struct yk_signup_mine {
    struct yk_signup_info info; /* masked number only; the ticket when confirmed */
    int64_t starts_utc, ends_utc;
    enum yk_mine_rc can_cancel; /* YK_MINE_OK, or why not (STARTED, CHECKED_IN, ...) */
    bool remote;                /* made at another kiosk: from the hub's copy (sync_mine.h) */
    char kiosk_id[64];          /* remote: the kiosk it was made at */
};

/* Adds to list (n entries, room for max) the entries of more (m) whose id it does not hold
 * (this kiosk's own row is newer than the hub's copy), keeping the soonest event first (then
 * the id). Returns the new count (at most max). */
int yk_signup_mine_merge(struct yk_signup_mine *list, int n, int max,
                         const struct yk_signup_mine *more, int m);

/* The live (not cancelled) sign-ups of phone at this kiosk for events that have not ended
 * and are not deleted, soonest first, into out (at most max). phone must pass yk_phone_check
 * (anything else finds nothing). Returns how many were written, or -1 on error (logged).
 * The number is never logged. */
int yk_signup_mine_list(struct yk_db *db, const char *phone, int64_t now_utc_s,
                        struct yk_signup_mine *out, int max);

/* Cancels signup_id for the person who typed phone, when the rules allow (event not started,
 * not cancelled by the organiser, nobody checked in): through yk_signup_cancel, so the seats
 * are free at once and the hub learns it with the next push (it then revokes the ticket and
 * moves its waitlist). Returns YK_MINE_OK when cancelled now, else why not; a second call
 * says YK_MINE_ALREADY and changes nothing. */
enum yk_mine_rc yk_signup_mine_cancel(struct yk_db *db, const char *phone, const char *signup_id,
                                      int64_t now_utc_ms);

/* A bound on lookups that find nothing (someone trying numbers): the PIN pad's guard
 * (core/volunteer.h): the first YK_PIN_FREE_TRIES misses in a row are free, then each further
 * miss makes the next lookup wait, 30 s doubling to 15 min. YK_MINE_FORGET_MS without a miss
 * (and no wait running) forgets the streak, so the people of a busy day who signed up
 * elsewhere do not lock the pad for the next. A lookup that finds sign-ups does not clear it
 * (one's own number must not buy more guesses). Kept in memory by the caller for the kiosk's
 * life, across idle resets; a zeroed struct is a fresh guard. */
#define YK_MINE_FORGET_MS (10 * 60 * 1000LL)
struct yk_signup_mine_guard {
    struct yk_pin_guard pin;
    int64_t last_miss_ms; /* unix ms of the app's clock */
};

/* Milliseconds before a lookup may run (0: now). */
int64_t yk_signup_mine_guard_wait(struct yk_signup_mine_guard *g, int64_t now_ms);

/* Counts a lookup that found nothing at now_ms; returns the wait it starts (0: none). */
int64_t yk_signup_mine_guard_miss(struct yk_signup_mine_guard *g, int64_t now_ms);

/* A short English name of rc ("ok", "started", ...). Static. */
const char *yk_mine_rc_name(enum yk_mine_rc rc);

#endif
