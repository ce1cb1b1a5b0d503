#ifndef YK_KIOSK_STATE_H
#define YK_KIOSK_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/i18n.h"
#include "ui/gesture.h"
#include "ui/ui.h"

/* The kiosk's state as its parts share it: the screen ids, the kiosk struct and two
 * read-only accessors. Parts that only read the kiosk and build into k->ui (ambient.c)
 * include this header; what drives the kiosk (navigation, reset, input, ticks) is in
 * ui/kiosk.h, so such parts never call back into kiosk.c. */

struct yk_db;
struct yk_ticket_keys;

/* Every screen; each is a module in src/ui/screens/ (see screens.h). */
enum yk_screen_id {
    YK_SCREEN_HOME,
    YK_SCREEN_SERVICES,      /* the five riverside lines and the station's services */
    YK_SCREEN_SERVICE,       /* one service (k->sel_service) */
    YK_SCREEN_SITES,         /* the red teaching sites: list and riverside map */
    YK_SCREEN_SITE,          /* one site (k->sel_site) */
    YK_SCREEN_EVENTS,        /* upcoming events with filters */
    YK_SCREEN_EVENT,         /* one event (k->sel_event) */
    YK_SCREEN_BLOCKS,        /* the three harmonious blocks */
    YK_SCREEN_BLOCK,         /* one block (k->sel_block) */
    YK_SCREEN_SIGNUP,        /* signing up for k->sel_event, step by step, to the ticket */
    YK_SCREEN_VOLUNTEER_PIN, /* the PIN pad behind the hidden gesture */
    YK_SCREEN_VOLUNTEER,     /* volunteer mode (only with k->volunteer_id set) */
    YK_SCREEN_COUNT
};

#define YK_NAV_DEPTH 16

struct yk_kiosk_params {
    const struct yk_config *cfg;
    struct yk_clock *clock;
    struct yk_db *db;                  /* may be NULL in UI tests without content */
    const struct yk_ticket_keys *keys; /* this kiosk's ticket-signing key (NULL: no sign-up) */
    const struct yk_i18n *strings;
    int width, height; /* logical screen size */
    float px_per_mm;
    yk_measure_fn measure;
    void *measure_ctx;
    int (*line_height)(void *ctx, int px, bool bold);
};

struct yk_kiosk {
    struct yk_kiosk_params p;
    struct yk_ui ui;
    struct yk_gesture_rec gestures;

    enum yk_lang lang;
    bool elder;
    enum yk_screen_id screen;
    enum yk_screen_id back_stack[YK_NAV_DEPTH];
    int back_depth;

    bool dirty;                       /* the UI must be rebuilt and drawn */
    int64_t last_input_ms;            /* monotonic */
    int64_t shown_minute;             /* UTC minute the clock shows */
    struct yk_scroll_state *dragging; /* the region a drag scrolls, or NULL */
    struct yk_scroll_state *flinging;
    int64_t last_anim_ms;
    bool idle_warning; /* the "还在使用吗？" countdown is up */
    int frames_built;

    /* What the detail screens show (ids of content rows). */
    char sel_service[64], sel_site[64], sel_event[64], sel_block[64];
    /* Per-screen state, owned by the screen module (made in enter, freed in leave). */
    void *state[YK_SCREEN_COUNT];

    /* Ambient modes (src/ui/ambient.c): the attract loop on an idle home screen, and the
     * night schedule that dims or blanks the screen. */
    bool attract, night;
    int attract_slide;
    int64_t attract_next_ms;     /* monotonic: next slide */
    int64_t night_wake_until_ms; /* monotonic: a touch at night wakes the screen until then */
    void *ambient;               /* attract content, owned by ambient.c */

    /* Volunteer mode: who unlocked it (empty = locked). Cleared by every reset. */
    char volunteer_id[64];
    char volunteer_name[96];

    /* Seats and content change under the screens (a sign-up, a cancellation, a check-in, a
     * sync round): data_gen counts those changes; a screen loaded before the last one loads
     * again when it is shown (back) or, when it shows seats, at once. */
    unsigned data_gen;
    unsigned loaded_gen[YK_SCREEN_COUNT];
    int64_t seen_sync_utc; /* the last sync round the screens know of */
};

/* The UI string for key in the current language (never NULL). */
static inline const char *yk_kiosk_tr(const struct yk_kiosk *k, const char *key)
{
    return yk_i18n_get(k->p.strings, key, k->lang);
}

/* Wall-clock UTC seconds from the app's clock. */
static inline int64_t yk_kiosk_now_utc_s(const struct yk_kiosk *k)
{
    return yk_clock_utc_ms(k->p.clock) / 1000;
}

#endif
