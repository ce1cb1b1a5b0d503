#ifndef YK_KIOSK_H
#define YK_KIOSK_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/input.h"
#include "ui/kiosk_state.h"

/* The kiosk application: screens, navigation, language and elder mode, idle handling.
 * It is fed app input events (already in logical pixels) and the clock; it builds the UI
 * (widgets + draw commands) when something changed. No SDL here: the platform layer turns
 * SDL events into yk_input and executes ui.cmds. */

/* Sets up the app on the home screen. Returns false (logged) when out of memory. */
bool yk_kiosk_init(struct yk_kiosk *k, const struct yk_kiosk_params *p);

/* Frees everything; safe on a zeroed kiosk. */
void yk_kiosk_destroy(struct yk_kiosk *k);

/* Changes the logical screen size or DPI (e.g. the window was resized). */
void yk_kiosk_resize(struct yk_kiosk *k, int width, int height, float px_per_mm);

/* Feeds one input event (at the clock's current time). */
void yk_kiosk_input(struct yk_kiosk *k, const struct yk_input *in);

/* Runs whatever is due at the clock's current time (long press, idle, fling, clock). */
void yk_kiosk_tick(struct yk_kiosk *k);

/* The monotonic ms at which yk_kiosk_tick next has work, or -1 for none. */
int64_t yk_kiosk_deadline(const struct yk_kiosk *k);

/* Rebuilds widgets and draw commands if anything changed; returns true when it did (the
 * platform then draws k->ui.cmds). */
bool yk_kiosk_build(struct yk_kiosk *k);

/* Performs the action of the widget with this id, as a tap on it would. Returns false when
 * the id names no action. */
bool yk_kiosk_activate(struct yk_kiosk *k, const char *id);

/* Opens screen s (pushing the current one for "back"); home clears the history. */
void yk_kiosk_go(struct yk_kiosk *k, enum yk_screen_id s);

/* Says that stored content or seats changed (after a sign-up, a cancellation, a check-in):
 * screens showing them load them again. */
void yk_kiosk_data_changed(struct yk_kiosk *k);

/* True when the frame is compact: the usual header and bar would take over a third of the
 * height (elder mode on the 7" panel), so the header is one line and the bar one text line
 * high; screens then put a step's choices first and keep explanations short. */
bool yk_kiosk_compact(struct yk_kiosk *k);

/* The hidden gesture that opens the volunteer PIN pad: a 3-second hold within this many mm
 * of the top-left corner of the screen. */
#define YK_VOLUNTEER_CORNER_MM 15

/* Goes to the home screen and forgets anything entered (the idle reset). */
void yk_kiosk_reset(struct yk_kiosk *k);

#endif
