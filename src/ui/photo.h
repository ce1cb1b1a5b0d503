#ifndef YK_PHOTO_H
#define YK_PHOTO_H

#include <stdbool.h>
#include <stddef.h>

#include "core/store.h"
#include "ui/kiosk.h"
#include "ui/ui.h"

/* Teaching sites' and events' photos on screens with room for them (home on large screens, a
 * site's page, an event's page): which photo to show, its shape, and a tappable photo card.
 * The sample content has no photos (db/README.md); they come from the hub (sites.photo_hash,
 * events.photo_hash, media). */

/* A site's (or an event's) photo held by a screen's state (it owns the bytes until
 * yk_photo_clear). */
struct yk_photo {
    struct yk_media media;
    char site_id[64];      /* "" for an event's own photo */
    struct yk_bitext name; /* the site's name, or the event's title (owned) */
    int w, h;              /* pixel size from the image's header */
    bool ok;
};

/* Pixel size of a PNG or JPEG from its header. Returns false when it cannot tell (bytes that
 * are not such an image). */
bool yk_photo_image_size(const unsigned char *b, size_t n, int *w, int *h);

/* Loads the photo of the day: among the sites with a photo that is there and readable, the
 * one the day's number picks (the same all day, another tomorrow). Returns false (and
 * leaves *out cleared) when no site has one. Free with yk_photo_clear. */
bool yk_photo_of_day(struct yk_kiosk *k, struct yk_photo *out);

/* Loads the photo of the site an event's place names (place_zh holds the site's Chinese
 * name, e.g. "世博会博物馆2号馆"), when that site has a readable one. Returns false (and
 * leaves *out cleared) otherwise. Free with yk_photo_clear. */
bool yk_photo_of_place(struct yk_kiosk *k, const char *place_zh, struct yk_photo *out);

/* Loads the photo an event's page shows: its own (events.photo_hash, named by its title,
 * site_id "") when the bytes are here and an image, else that of the site its place names
 * (yk_photo_of_place). Returns false (and leaves *out cleared) when neither. Free with
 * yk_photo_clear. */
bool yk_photo_of_event(struct yk_kiosk *k, const struct yk_event *e, struct yk_photo *out);

/* Frees the photo's bytes and name and zeroes it. Safe on a zeroed one. */
void yk_photo_clear(struct yk_photo *p);

/* Height of a photo card (yk_photo_card with this kicker) of width w and at most max_h: the
 * picture as tall as its shape asks, or less; 0 when no photo or no room for a picture worth
 * showing (under a quarter of the width tall). */
int yk_photo_card_h(struct yk_kiosk *k, const struct yk_photo *p, int w, int max_h,
                    const char *kicker);

/* A tappable card filling r: the photo across its width, then the site's name and "kicker"
 * (what the card leads to) under it. The widget id is the action. */
void yk_photo_card(struct yk_kiosk *k, const char *id, struct yk_rect r, const struct yk_photo *p,
                   const char *kicker);

#endif
