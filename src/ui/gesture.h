#ifndef YK_GESTURE_H
#define YK_GESTURE_H

#include <stdbool.h>
#include <stdint.h>

/* Turns pointer samples (finger or mouse, already in logical screen pixels) into gestures:
 * tap, long press (and a longer hold), drag, and fling with a release velocity. Pure logic:
 * time is passed in, so tests drive it without waiting. Only one pointer is tracked: a
 * second finger on the glass is ignored until the first lifts. */

enum yk_gesture_type {
    YK_G_NONE,
    YK_G_DOWN,       /* a finger touched: x, y (for pressed feedback) */
    YK_G_TAP,        /* released quickly without moving: x, y */
    YK_G_LONG_PRESS, /* held still for long_press_ms: x, y (fires while held) */
    YK_G_HOLD,       /* held still for hold_ms: x, y (fires while held) */
    YK_G_DRAG_BEGIN, /* moved past the slop: x, y = start point */
    YK_G_DRAG,       /* dx, dy since the previous drag event */
    YK_G_DRAG_END,   /* released after dragging slowly */
    YK_G_FLING,      /* released after dragging fast: vx, vy (px/s) */
    YK_G_CANCEL,     /* the press ended without a tap (moved, or after a long press) */
};

struct yk_gesture {
    enum yk_gesture_type type;
    int x, y;
    float dx, dy;
    float vx, vy;
    int64_t duration_ms; /* how long the finger was down (TAP, LONG_PRESS, HOLD, releases) */
};

struct yk_gesture_params {
    float slop_px;     /* movement that turns a press into a drag */
    int long_press_ms; /* default 600 */
    int hold_ms;       /* default 3000 */
    float fling_min_v; /* px/s */
};

#define YK_GESTURE_SAMPLES 8

struct yk_gesture_rec {
    struct yk_gesture_params p;
    bool down, dragging, long_fired, hold_fired;
    int64_t id; /* which pointer is tracked */
    int64_t t_down;
    float x0, y0, lx, ly;
    struct {
        float x, y;
        int64_t t;
    } samples[YK_GESTURE_SAMPLES];
    int n_samples;
};

/* Sets up a recogniser. */
void yk_gesture_init(struct yk_gesture_rec *g, const struct yk_gesture_params *p);

/* Feeds a pointer sample. Writes up to 2 gestures into out and returns how many. */
int yk_gesture_down(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                    struct yk_gesture *out);
int yk_gesture_move(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                    struct yk_gesture *out);
int yk_gesture_up(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                  struct yk_gesture *out);

/* Time-driven gestures (long press, hold) due at time t. Returns how many were written. */
int yk_gesture_tick(struct yk_gesture_rec *g, int64_t t, struct yk_gesture *out);

/* When yk_gesture_tick next needs to run, or -1 if nothing is pending. */
int64_t yk_gesture_deadline(const struct yk_gesture_rec *g);

/* Forgets the current press (e.g. when the screen changes under the finger). */
void yk_gesture_reset(struct yk_gesture_rec *g);

#endif
