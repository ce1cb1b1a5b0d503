#ifndef YK_HUB_KIOSK_WORDS_H
#define YK_HUB_KIOSK_WORDS_H

#include "core/i18n.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kiosk's own words on the hub: its compiled-in string catalog (assets/strings*.tsv, the
 * one the kiosk loads), and THE decision of what an event's seat line says, in the kiosk's
 * order of reasons (src/ui/screens/events.c, seats_text). The public page (hub_public.c) and
 * the admin's preview (admin_preview.c) both say it with these; neither keeps its own. */

/* The kiosk's text for key in lang, or key itself (the same pointer) when the catalog has
 * none. Static; thread-safe (the catalog is loaded once, on first use). */
const char *yk_hub_kiosk_text(const char *key, enum yk_lang lang);

/* Where an event's sign-up stands: the first of these that holds. */
enum yk_hub_seats {
    YK_HUB_SEATS_CANCELLED, /* the event is cancelled */
    YK_HUB_SEATS_ENDED,     /* it has ended */
    YK_HUB_SEATS_NO_SIGNUP, /* no capacity: come along, no sign-up needed */
    YK_HUB_SEATS_CLOSED,    /* sign-up has closed (its deadline, else its start, has come) */
    YK_HUB_SEATS_FULL,      /* no place left */
    YK_HUB_SEATS_OPEN,      /* places left: sign-up is open */
};

/* The state of an event at now: cancelled, its end, its capacity (<= 0: none), when sign-up
 * closes, and the places left (capacity - seats confirmed). */
enum yk_hub_seats yk_hub_seats_state(bool cancelled, int64_t ends_utc, int64_t capacity,
                                     int64_t closes_utc, int64_t left, int64_t now);

/* The kiosk's words for state in lang into out (n bytes): "活动已取消", "剩余 7 位" /
 * "7 seats left" (left fills the catalog's %d), "仅剩 1 位". Plain text, to be escaped. */
void yk_hub_seats_text(enum yk_hub_seats state, int64_t left, enum yk_lang lang, char *out,
                       size_t n);

#endif
