#ifndef YK_SCREENS_H
#define YK_SCREENS_H

#include <stdbool.h>

#include "ui/kiosk.h"
#include "ui/ui.h"

/* One screen of the kiosk. kiosk.c draws the header (title, clock) and the bar (back, home,
 * language, elder mode) around every screen and calls build() for the area between them.
 * A screen names its widgets "<key>.<part>" (see src/ui/README.md) and receives taps on
 * them through activate(). enter() runs when the screen opens (load content into
 * k->state[id]); leave() when it closes or the kiosk resets (free it). Content comes from the
 * database on enter, so building a frame never waits on SQL. */
struct yk_screen_def {
    const char *key;       /* "services": the root widget is "screen.services" */
    const char *title_key; /* catalog key of the header title, or NULL: title() */
    const char *(*title)(struct yk_kiosk *k); /* a title from content (detail screens) */
    void (*enter)(struct yk_kiosk *k);
    void (*leave)(struct yk_kiosk *k);
    void (*build)(struct yk_kiosk *k, struct yk_rect area);
    bool (*activate)(struct yk_kiosk *k, const char *id); /* true when it took the tap */
    /* Time-driven work (e.g. the map's animation); the next deadline or -1. Optional. */
    int64_t (*deadline)(const struct yk_kiosk *k);
    /* Runs at every kiosk tick while the screen shows (e.g. a scanner's quiet gap). */
    void (*tick)(struct yk_kiosk *k);
    /* Text and keys (USB barcode scanners type like a keyboard) while the screen shows.
     * Screens without it ignore typing. */
    void (*input)(struct yk_kiosk *k, const struct yk_input *in);
    /* Volunteer screens: the idle limit is the config's volunteer_lock (no countdown), and
     * hitting it locks volunteer mode and returns home. */
    bool volunteer;
};

extern const struct yk_screen_def yk_screen_home;
extern const struct yk_screen_def yk_screen_services;
extern const struct yk_screen_def yk_screen_service;
extern const struct yk_screen_def yk_screen_sites;
extern const struct yk_screen_def yk_screen_site;
extern const struct yk_screen_def yk_screen_events;
extern const struct yk_screen_def yk_screen_event;
extern const struct yk_screen_def yk_screen_blocks;
extern const struct yk_screen_def yk_screen_block;
extern const struct yk_screen_def yk_screen_signup;
extern const struct yk_screen_def yk_screen_volunteer_pin;
extern const struct yk_screen_def yk_screen_volunteer;
extern const struct yk_screen_def yk_screen_mysignups;

/* The definition of screen s. */
const struct yk_screen_def *yk_screen_def(enum yk_screen_id s);

#endif
