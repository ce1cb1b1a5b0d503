#ifndef YK_HUB_PUBLIC_H
#define YK_HUB_PUBLIC_H

#include "hub/hub_page.h"
#include "hub/hub_store.h"

#include <stdint.h>

/* The hub's public, read-only page: what a phone opens from the QR code on a kiosk's attract
 * screen (the kiosk encodes its hub_url, so "/"), and one station's page (/s/STATION_ID).
 * Chinese and English, no script, on the hub's page builder (hub_page.h: escaping, the one
 * style, the security headers). It shows content only: the station(s) (name, address, hours,
 * phone), the upcoming events (title, time, place, seats left; the events of that station and
 * the subdistrict's on a station's page) and the teaching sites. It never reads a sign-up,
 * a volunteer or an account: no personal data can reach it. */

#define YK_HUB_PUBLIC_EVENTS 20 /* upcoming events on the page, soonest first */

/* Writes the page into h (the caller frees h->b) for station_id (NULL: every station) at now
 * (unix seconds). Returns the HTTP status: 200; 404 (a page saying so) for a station id that
 * is malformed, unknown or deleted; 503 when the store fails. */
int yk_hub_page_public(struct yk_hub_html *h, struct yk_hub_store *store, const char *station_id,
                       int64_t now);

#endif
