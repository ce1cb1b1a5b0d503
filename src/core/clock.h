#ifndef YK_CLOCK_H
#define YK_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* The one clock of the app. Real: monotonic time from the OS, wall time optionally shifted
 * to start at a given instant (--now). Driven: time moves only when yk_clock_advance() is
 * called, so tests never sleep and always see the same times. */
struct yk_clock {
    bool driven;
    int64_t mono_ms;     /* driven: current monotonic ms */
    int64_t utc_base_ms; /* wall time at mono_base_ms */
    int64_t mono_base_ms;
};

/* A real clock. start_utc_s > 0 makes the wall clock start at that instant. */
void yk_clock_init_real(struct yk_clock *c, int64_t start_utc_s);

/* A driven clock that reads start_utc_s (wall) and 0 (monotonic) until advanced. */
void yk_clock_init_driven(struct yk_clock *c, int64_t start_utc_s);

/* Monotonic milliseconds: never goes back; use for timeouts and animation. */
int64_t yk_clock_mono_ms(const struct yk_clock *c);

/* Wall-clock milliseconds since the Unix epoch (UTC). */
int64_t yk_clock_utc_ms(const struct yk_clock *c);

/* Moves a driven clock forward by ms (>= 0). A programmer error on a real clock. */
void yk_clock_advance(struct yk_clock *c, int64_t ms);

/* Milliseconds of the OS monotonic clock, for benchmarks and the real clock. */
int64_t yk_os_mono_ms(void);

#endif
