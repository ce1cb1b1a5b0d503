#include "ui/gesture.h"

#include <math.h>
#include <string.h>

void yk_gesture_init(struct yk_gesture_rec *g, const struct yk_gesture_params *p)
{
    memset(g, 0, sizeof *g);
    g->p = *p;
    if (g->p.long_press_ms <= 0)
        g->p.long_press_ms = 600;
    if (g->p.hold_ms <= 0)
        g->p.hold_ms = 3000;
    if (g->p.slop_px <= 0)
        g->p.slop_px = 10;
    if (g->p.fling_min_v <= 0)
        g->p.fling_min_v = 300;
}

void yk_gesture_reset(struct yk_gesture_rec *g)
{
    struct yk_gesture_params p = g->p;
    yk_gesture_init(g, &p);
}

static void sample(struct yk_gesture_rec *g, float x, float y, int64_t t)
{
    if (g->n_samples == YK_GESTURE_SAMPLES) {
        memmove(g->samples, g->samples + 1, sizeof g->samples[0] * (YK_GESTURE_SAMPLES - 1));
        g->n_samples--;
    }
    g->samples[g->n_samples].x = x;
    g->samples[g->n_samples].y = y;
    g->samples[g->n_samples].t = t;
    g->n_samples++;
}

int yk_gesture_down(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                    struct yk_gesture *out)
{
    if (g->down)
        return 0; /* a second finger: ignored */
    g->down = true;
    g->dragging = g->long_fired = g->hold_fired = false;
    g->id = pointer;
    g->t_down = t;
    g->x0 = g->lx = x;
    g->y0 = g->ly = y;
    g->n_samples = 0;
    sample(g, x, y, t);
    out[0] = (struct yk_gesture){.type = YK_G_DOWN, .x = (int)x, .y = (int)y};
    return 1;
}

int yk_gesture_move(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                    struct yk_gesture *out)
{
    if (!g->down || pointer != g->id)
        return 0;
    sample(g, x, y, t);
    int n = 0;
    if (!g->dragging) {
        if (hypotf(x - g->x0, y - g->y0) < g->p.slop_px)
            return 0;
        g->dragging = true;
        out[n++] = (struct yk_gesture){.type = YK_G_DRAG_BEGIN, .x = (int)g->x0, .y = (int)g->y0};
    }
    out[n++] = (struct yk_gesture){
        .type = YK_G_DRAG, .x = (int)x, .y = (int)y, .dx = x - g->lx, .dy = y - g->ly};
    g->lx = x;
    g->ly = y;
    return n;
}

/* Release velocity from the samples of the last 100 ms. */
static void velocity(const struct yk_gesture_rec *g, int64_t t, float *vx, float *vy)
{
    *vx = *vy = 0;
    int first = g->n_samples - 1;
    while (first > 0 && t - g->samples[first - 1].t <= 100)
        first--;
    int last = g->n_samples - 1;
    int64_t dt = g->samples[last].t - g->samples[first].t;
    if (dt <= 0)
        return;
    *vx = (g->samples[last].x - g->samples[first].x) * 1000.0f / (float)dt;
    *vy = (g->samples[last].y - g->samples[first].y) * 1000.0f / (float)dt;
}

int yk_gesture_up(struct yk_gesture_rec *g, int64_t pointer, float x, float y, int64_t t,
                  struct yk_gesture *out)
{
    if (!g->down || pointer != g->id)
        return 0;
    int n = yk_gesture_move(g, pointer, x, y, t, out);
    g->down = false;
    int64_t dur = t - g->t_down;
    if (g->dragging) {
        float vx, vy;
        velocity(g, t, &vx, &vy);
        if (hypotf(vx, vy) >= g->p.fling_min_v)
            out[n++] = (struct yk_gesture){.type = YK_G_FLING,
                                           .x = (int)x,
                                           .y = (int)y,
                                           .vx = vx,
                                           .vy = vy,
                                           .duration_ms = dur};
        else
            out[n++] = (struct yk_gesture){
                .type = YK_G_DRAG_END, .x = (int)x, .y = (int)y, .duration_ms = dur};
    } else if (g->long_fired) {
        out[n++] =
            (struct yk_gesture){.type = YK_G_CANCEL, .x = (int)x, .y = (int)y, .duration_ms = dur};
    } else {
        out[n++] = (struct yk_gesture){
            .type = YK_G_TAP, .x = (int)g->x0, .y = (int)g->y0, .duration_ms = dur};
    }
    return n;
}

int yk_gesture_tick(struct yk_gesture_rec *g, int64_t t, struct yk_gesture *out)
{
    if (!g->down || g->dragging)
        return 0;
    int n = 0;
    int64_t dur = t - g->t_down;
    if (!g->long_fired && dur >= g->p.long_press_ms) {
        g->long_fired = true;
        out[n++] = (struct yk_gesture){
            .type = YK_G_LONG_PRESS, .x = (int)g->x0, .y = (int)g->y0, .duration_ms = dur};
    }
    if (!g->hold_fired && dur >= g->p.hold_ms) {
        g->hold_fired = true;
        out[n++] = (struct yk_gesture){
            .type = YK_G_HOLD, .x = (int)g->x0, .y = (int)g->y0, .duration_ms = dur};
    }
    return n;
}

int64_t yk_gesture_deadline(const struct yk_gesture_rec *g)
{
    if (!g->down || g->dragging)
        return -1;
    if (!g->long_fired)
        return g->t_down + g->p.long_press_ms;
    if (!g->hold_fired)
        return g->t_down + g->p.hold_ms;
    return -1;
}
