#ifndef YK_EVWAIT_H
#define YK_EVWAIT_H

#include <stdbool.h>

/* Blocking wait for input on Linux input devices, for SDL video drivers whose
 * SDL_WaitEventTimeout polls every millisecond (kmsdrm, dummy: SDL_events.c). We open the
 * same /dev/input/event* nodes read-only (each reader gets its own copy of the events),
 * sleep in poll() until one is readable or the timeout passes, drain ours, and let SDL read
 * its own. inotify on /dev/input follows devices plugged in later (a USB scanner).
 * $YK_INPUT_DIR names another folder (tests use FIFOs there). */

struct yk_evwait;

/* Opens the devices. Returns NULL (logged) when none can be opened; the caller then falls
 * back to SDL's own wait. The caller frees with yk_evwait_close. */
struct yk_evwait *yk_evwait_open(void);

/* NULL-safe. */
void yk_evwait_close(struct yk_evwait *w);

/* Sleeps until input arrives or timeout_ms passes (-1: no limit). Returns true on input. */
bool yk_evwait_wait(struct yk_evwait *w, int timeout_ms);

/* How many devices are watched. */
int yk_evwait_count(const struct yk_evwait *w);

#endif
