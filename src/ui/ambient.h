#ifndef YK_AMBIENT_H
#define YK_AMBIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/kiosk_state.h"

/* What the kiosk shows when nobody is using it (a part of the kiosk that reads its state and
 * builds into k->ui, never calling back into kiosk.c: see ui/kiosk_state.h). After attract_after
 * seconds without a touch on the home screen, an attract loop cycles upcoming events and teaching
 * sites; within the configured night window the screen dims or goes black. A touch wakes either,
 * and is used up by waking (it does not also press what was under the finger). */

/* Updates the modes for the clock's current time; sets k->dirty when the screen changes.
 * Returns true when the night has just begun: the caller then resets the kiosk to a clean
 * home screen (yk_kiosk_reset), so nothing of the day stays up; k->night stays set. */
bool yk_ambient_tick(struct yk_kiosk *k);

/* Called on a finger down: returns true when it woke the screen (swallow the touch). */
bool yk_ambient_wake(struct yk_kiosk *k);

/* Builds the attract or night screen when one is active; false when the normal UI shows. */
bool yk_ambient_build(struct yk_kiosk *k);

/* Monotonic ms of the next change the ambient modes need a tick for, or -1. */
int64_t yk_ambient_deadline(const struct yk_kiosk *k);

/* True when local minute-of-day m lies in the night window [start, end) (which may wrap
 * past midnight). */
bool yk_ambient_in_window(int m, int start, int end);

/* Frees the attract content; safe to call any time. */
void yk_ambient_release(struct yk_kiosk *k);

#endif
