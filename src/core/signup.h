#ifndef YK_SIGNUP_H
#define YK_SIGNUP_H

#include "core/db.h"
#include "core/ids.h"
#include "core/phone.h"
#include "core/ticket.h"

#include <stdbool.h>
#include <stdint.h>

/* Event sign-ups made at this kiosk: the rules (one sign-up per number and event, capacity
 * in people, seats held for offline confirmation, waitlist, deadline), the signed ticket of
 * a confirmed sign-up, cancellation and the purge of phone numbers after retention. All SQL
 * on the signups table is here, except a person's lookup by number (signup_mine.c). Rules and
 * retention: src/core/TICKETS.md. */

enum yk_title { YK_TITLE_NONE, YK_TITLE_MR /* 先生 */, YK_TITLE_MS /* 女士 */ };

/* Bytes of UTF-8 a name may have: a compound surname such as 欧阳 is 6, a short name in
 * Latin letters (a visitor's, typed on the kiosk's keyboard) up to 20. */
#define YK_SURNAME_MAX 20
#define YK_LATIN_NAME_MAX 20 /* letters, spaces, hyphens and apostrophes */

struct yk_signup_request {
    const char *event_id;
    const char *phone;   /* as typed; checked with yk_phone_check */
    const char *surname; /* NULL or "" = none; else yk_signup_name_ok */
    enum yk_title title;
    int party_size;   /* people, 1..the event's max_party */
    bool consent;     /* the privacy notice was shown and accepted: nothing is kept without */
    bool waitlist_ok; /* the person accepted a waitlist place if the event is full */
};

/* What a sign-up holds. (Not volunteer.h's enum yk_signup_state, the check-in's view.) */
enum yk_seat {
    YK_SEAT_NONE,
    YK_SEAT_CONFIRMED, /* has a ticket */
    YK_SEAT_PENDING,   /* beyond this kiosk's held seats: the hub decides; no ticket */
    YK_SEAT_WAITLIST,  /* no ticket */
    YK_SEAT_CANCELLED,
};

enum yk_signup_rc {
    YK_SIGNUP_RC_CONFIRMED,  /* stored, seat confirmed, ticket issued */
    YK_SIGNUP_RC_PENDING,    /* stored, not confirmed: beyond the seats this kiosk holds */
    YK_SIGNUP_RC_WAITLIST,   /* stored on the waitlist (asked for with waitlist_ok) */
    YK_SIGNUP_RC_EXISTING,   /* this number already has a sign-up here: it is returned */
    YK_SIGNUP_RC_FULL,       /* no room for this party; nothing stored; offer the waitlist */
    YK_SIGNUP_RC_CLOSED,     /* the sign-up deadline (or the start) has passed */
    YK_SIGNUP_RC_NOT_NEEDED, /* the event takes no sign-ups (no capacity) */
    YK_SIGNUP_RC_BAD_PARTY,  /* party_size outside 1..max_party (result.max_party says) */
    YK_SIGNUP_RC_BAD_PHONE,  /* result.phone_rc says why */
    YK_SIGNUP_RC_BAD_NAME,   /* surname refused by yk_signup_name_ok */
    YK_SIGNUP_RC_NO_CONSENT, /* nothing is stored without consent */
    YK_SIGNUP_RC_NO_EVENT,   /* no such event (or the hub deleted it) */
    YK_SIGNUP_RC_ERROR,      /* database failure (logged); nothing stored */
};

/* A sign-up as the screens show it. No full phone number: only the masked one. */
struct yk_signup_info {
    char id[YK_ID_LEN + 1];
    char event_id[64]; /* truncated if longer (hub ids are short slugs) */
    enum yk_seat seat;
    int party_size;
    char surname[YK_SURNAME_MAX + 1];
    enum yk_title title;
    char phone_masked[YK_PHONE_MASKED_LEN + 1]; /* "138****5678" */
    char ticket_code[YK_TICKET_DIGITS + 1];     /* "" unless confirmed */
    char short_code[YK_TICKET_SHORT_LEN + 1];   /* "" unless confirmed */
    int64_t created_utc;
};

/* The seats of an event from this kiosk's view (its own sign-ups only). */
struct yk_signup_seats {
    int capacity;     /* people; 0 = no sign-up */
    int held;         /* seats this kiosk may confirm offline (events.seats_held) */
    int confirmed;    /* people in confirmed sign-ups here (from the held seats or the hub) */
    int from_held;    /* of those, people confirmed here from the held seats (from_allotment) */
    int pending;      /* people in pending sign-ups here */
    int waitlist;     /* people on the waitlist here */
    int confirm_left; /* people this kiosk can still confirm offline: the smaller of
                         held - from_held and capacity - confirmed */
    int room_left;    /* people who can still sign up at all: capacity - confirmed - pending */
};

struct yk_signup_result {
    enum yk_signup_rc rc;
    enum yk_phone_rc phone_rc;    /* for YK_SIGNUP_RC_BAD_PHONE */
    int max_party;                /* the event's, when known */
    struct yk_signup_seats seats; /* the event's seats after this call, when known */
    struct yk_signup_info signup; /* the stored (or existing) sign-up; zeroed otherwise */
};

/* Signs a person up following every rule, in one IMMEDIATE transaction committed with
 * synchronous=FULL, so a CONFIRMED result (and its ticket) survives a power cut once this
 * returns. The ticket is signed with keys and numbered from meta.ticket_serial, advanced in
 * the same transaction. Fills *out (always; zeroed first). The phone is never logged. */
enum yk_signup_rc yk_signup_submit(struct yk_db *db, const struct yk_ticket_keys *keys,
                                   const struct yk_signup_request *req, int64_t now_utc_ms,
                                   struct yk_signup_result *out);

/* Signs the ticket of a sign-up the hub confirmed (online, or as a decision pulled later):
 * with keys, numbered from meta.ticket_serial, issued today, stored on the row (ticket_code,
 * ticket_serial, short_code) and the row marked to be pushed again, in one IMMEDIATE
 * transaction committed with synchronous=FULL. Only for a confirmed sign-up of this kiosk
 * that has no ticket yet; an existing ticket is never changed. Fills *out (when not NULL)
 * with the row as it is afterwards. Returns 1 issued, 0 nothing to do (no such sign-up, not
 * confirmed, or it already has a ticket), -1 error (logged; nothing changed). */
int yk_signup_issue_ticket(struct yk_db *db, const struct yk_ticket_keys *keys,
                           const char *signup_id, int64_t now_utc_ms, struct yk_signup_info *out);

/* yk_signup_issue_ticket for every confirmed sign-up of this kiosk without a ticket whose
 * event has not ended. Returns how many were issued, or -1 on error. */
int yk_signup_issue_missing_tickets(struct yk_db *db, const struct yk_ticket_keys *keys,
                                    int64_t now_utc_ms);

/* The sign-up with this id into *out: 1 found, 0 none, -1 error. */
int yk_signup_get(struct yk_db *db, const char *signup_id, struct yk_signup_info *out);

/* The live (not cancelled) sign-up of phone for event_id into *out (zeroed unless found):
 * 1 found, 0 none, -1 error (logged). */
int yk_signup_find(struct yk_db *db, const char *event_id, const char *phone,
                   struct yk_signup_info *out);

/* The sign-up with this short code (as typed: normalised here) or ticket code:
 * 1 found, 0 none, -1 error. Only sign-ups made here (or synced here) are found. */
int yk_signup_find_by_code(struct yk_db *db, const char *code, struct yk_signup_info *out);

/* The seats of event_id into *out. Returns false if there is no such event or on error. */
bool yk_signup_seats(struct yk_db *db, const char *event_id, struct yk_signup_seats *out);

/* Cancels the sign-up id (its seats are free again; its ticket is refused here from now on
 * and by other kiosks once the hub lists it). Returns 1 done, 0 no such live sign-up,
 * -1 error. Committed with synchronous=FULL. */
int yk_signup_cancel(struct yk_db *db, const char *signup_id, int64_t now_utc_ms);

/* True when ticket_code belongs to a sign-up cancelled on this kiosk; false otherwise or on
 * error (logged). For yk_ticket_verify_db. */
bool yk_signup_code_cancelled(struct yk_db *db, const char *ticket_code);

/* Clears the phone numbers (keeping the last 4 digits) of sign-ups whose event ended more
 * than retention_days (>= 1) before now_utc_s, with secure_delete on so the number does not
 * linger in free space, then checkpoints the WAL. Returns how many were cleared, or -1 on
 * error (logged). */
int yk_signup_purge_phones(struct yk_db *db, int64_t now_utc_s, int retention_days);

/* The one rule for a name a sign-up carries (the kiosk's, and the hub's for what kiosks
 * push): NULL or "" (none), or at most YK_SURNAME_MAX bytes of valid UTF-8 without control
 * or invisible characters (C0, DEL, C1, zero-width, bidirectional, separators, BOM), with
 * no space at either end and no two in a row. A surname from the grid and a Latin name
 * typed with yk_signup_latin_add both pass. */
bool yk_signup_name_ok(const char *name);

/* The Latin-name keyboard's rule: appends c to name (NUL-terminated, at most
 * YK_LATIN_NAME_MAX characters) when it may come next: a letter A-Z (a-z is made upper
 * case, as names are on passports), or a space, hyphen or apostrophe after a letter.
 * Returns false (name unchanged) otherwise. */
bool yk_signup_latin_add(char name[YK_LATIN_NAME_MAX + 1], char c);

/* Removes the separators a name typed with yk_signup_latin_add may end with ("ANNE-" gives
 * "ANNE"), so that it passes yk_signup_name_ok. */
void yk_signup_latin_trim(char *name);

/* A status as stored and as the hub says it ("confirmed", "pending", "waitlist", "cancelled")
 * as the enum; anything else (or NULL) is YK_SEAT_NONE. */
enum yk_seat yk_signup_seat_parse(const char *s);

/* The title stored as text ("先生", "女士") as the enum; anything else is YK_TITLE_NONE. */
enum yk_title yk_signup_title_parse(const char *s);

/* How a ticket addresses the person: surname + title ("王女士"), the title alone, or "".
 * Returns false if it does not fit in n. */
bool yk_signup_addressee(const char *surname, enum yk_title title, char *out, size_t n);

/* A short English name of rc ("confirmed", ...). Static. */
const char *yk_signup_rc_name(enum yk_signup_rc s);

#endif
