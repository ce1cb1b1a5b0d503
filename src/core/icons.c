#include "core/icons.h"

#include "core/raster.h"

#include <stddef.h>
#include <string.h>

/* Every design below is drawn on a 24 x 24 grid, y down. Two paths per icon: `s` is stroked
 * (2 units wide, round caps and joins) and `f` is filled; both are rendered as one union so
 * a filled dot touching a line is not darker where they meet. Keep ink within 1..23 (path
 * coordinates of strokes within 2..22) so nothing is clipped at the edge of the square. */

#define PI_F 3.14159265f
#define GRID 24.0f
#define STROKE_UNITS 2.0f

static void poly(struct yk_path *p, bool closed, const float *xy, size_t n)
{
    yk_path_move_to(p, xy[0], xy[1]);
    for (size_t i = 1; i < n; i++)
        yk_path_line_to(p, xy[2 * i], xy[2 * i + 1]);
    if (closed)
        yk_path_close(p);
}

/* LINE(p, x0, y0, x1, y1, ...): an open polyline; SHAPE(...): a closed polygon. */
#define XY(...) ((const float[]){__VA_ARGS__})
#define NXY(...) (sizeof XY(__VA_ARGS__) / (2 * sizeof(float)))
#define LINE(p, ...) poly(p, false, XY(__VA_ARGS__), NXY(__VA_ARGS__))
#define SHAPE(p, ...) poly(p, true, XY(__VA_ARGS__), NXY(__VA_ARGS__))

static void draw_home(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 2.5f, 11.5f, 12, 3.5f, 21.5f, 11.5f);
    LINE(s, 5, 9.5f, 5, 20.5f, 19, 20.5f, 19, 9.5f);
    /* An arched door: reads as a house even at 16 px. */
    yk_path_move_to(s, 10, 20.5f);
    yk_path_line_to(s, 10, 16);
    yk_path_arc(s, 12, 16, 2, PI_F, PI_F);
    yk_path_line_to(s, 14, 20.5f);
}

static void draw_back(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 20, 12, 4.5f, 12);
    LINE(s, 11, 5, 4, 12, 11, 19);
}

static void draw_language(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(s, 12, 12, 9);
    yk_path_ellipse(s, 12, 12, 4, 9);
    LINE(s, 3, 12, 21, 12);
}

static void draw_elder(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(f, 10, 4.5f, 2.5f);
    LINE(s, 10, 8.5f, 9, 14.5f);                /* a slightly bent back */
    LINE(s, 9, 14.5f, 6.5f, 21);                /* rear leg */
    LINE(s, 9, 14.5f, 11.5f, 17.5f, 11.5f, 21); /* front leg */
    LINE(s, 9.8f, 10, 13, 13, 16, 12.5f);       /* arm to the stick */
    /* The walking stick with a crook handle. */
    yk_path_move_to(s, 16, 21);
    yk_path_line_to(s, 16, 12.5f);
    yk_path_arc(s, 17.75f, 12.5f, 1.75f, PI_F, PI_F);
}

static void draw_services(struct yk_path *s, struct yk_path *f)
{
    /* A heart resting on an open hand. */
    yk_path_move_to(s, 13, 12);
    yk_path_cubic_to(s, 13, 12, 8, 9, 8, 6.2f);
    yk_path_cubic_to(s, 8, 4.5f, 9.3f, 3.3f, 10.8f, 3.3f);
    yk_path_cubic_to(s, 11.9f, 3.3f, 12.6f, 4, 13, 4.8f);
    yk_path_cubic_to(s, 13.4f, 4, 14.1f, 3.3f, 15.2f, 3.3f);
    yk_path_cubic_to(s, 16.7f, 3.3f, 18, 4.5f, 18, 6.2f);
    yk_path_cubic_to(s, 18, 9, 13, 12, 13, 12);
    yk_path_close(s);
    LINE(s, 2.5f, 14, 2.5f, 21); /* cuff */
    yk_path_move_to(s, 5.5f, 15);
    yk_path_line_to(s, 8.5f, 15);
    yk_path_cubic_to(s, 9.7f, 15, 11.5f, 16, 13, 17.2f); /* thumb */
    yk_path_move_to(s, 5.5f, 20.5f);
    yk_path_line_to(s, 12.5f, 20.5f);
    yk_path_line_to(s, 19.5f, 16.5f);
    yk_path_cubic_to(s, 20.8f, 15.8f, 20, 13.9f, 18.6f, 14.6f);
    yk_path_line_to(s, 14.8f, 16.7f);
}

static void draw_sites(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 5, 21, 5, 3.5f);
    /* A waving flag, filled: the red flag of the teaching sites. */
    struct yk_path *ps[2] = {s, f};
    for (int i = 0; i < 2; i++) {
        struct yk_path *p = ps[i];
        yk_path_move_to(p, 5, 4.5f);
        yk_path_cubic_to(p, 8, 3, 11, 3, 13, 4.5f);
        yk_path_cubic_to(p, 15, 6, 17.5f, 6, 20, 4.5f);
        yk_path_line_to(p, 20, 13.5f);
        yk_path_cubic_to(p, 17.5f, 15, 15, 15, 13, 13.5f);
        yk_path_cubic_to(p, 11, 12, 8, 12, 5, 13.5f);
        yk_path_close(p);
    }
}

static void calendar_frame(struct yk_path *s)
{
    yk_path_rounded_rect(s, 3.5f, 5, 17, 16, 2.5f);
    LINE(s, 3.5f, 10, 20.5f, 10);
    LINE(s, 8, 3, 8, 7);
    LINE(s, 16, 3, 16, 7);
}

static void draw_events(struct yk_path *s, struct yk_path *f)
{
    calendar_frame(s);
    LINE(s, 8.5f, 15.5f, 11, 18, 15.5f, 13.5f);
}

static void draw_blocks(struct yk_path *s, struct yk_path *f)
{
    /* A house beside a block of flats, on a common ground line: a neighbourhood. */
    LINE(s, 2, 20.5f, 22, 20.5f);
    LINE(s, 2.5f, 12, 7.2f, 7.3f, 11.9f, 12);
    LINE(s, 4.2f, 10.8f, 4.2f, 20.5f);
    LINE(s, 10.2f, 10.8f, 10.2f, 20.5f);
    yk_path_rect(f, 6.2f, 14, 2, 2);
    LINE(s, 14.5f, 20.5f, 14.5f, 4, 21, 4, 21, 20.5f);
    /* One band of windows per floor: separate windows would blur together below 48 px. */
    yk_path_rect(f, 16.1f, 6.8f, 3.3f, 1.6f);
    yk_path_rect(f, 16.1f, 10.8f, 3.3f, 1.6f);
    yk_path_rect(f, 16.1f, 14.8f, 3.3f, 1.6f);
}

static void draw_clock(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(s, 12, 12, 9);
    LINE(s, 12, 7, 12, 12, 15.5f, 14);
}

static void draw_pin(struct yk_path *s, struct yk_path *f)
{
    /* A circle of radius 7 around (12, 9.5) with tangents to the tip at (12, 21.5): the
     * tangent points are acos(7/12) either side of straight down. */
    const float a = 0.9495f; /* acos(7 / 12) */
    const float cx = 12, cy = 9.5f, r = 7;
    const float start = PI_F / 2 + a, end = PI_F / 2 - a + 2 * PI_F;
    yk_path_move_to(s, 12, 21.5f);
    yk_path_arc(s, cx, cy, r, start, end - start);
    yk_path_close(s);
    yk_path_circle(s, cx, cy, 2.5f);
}

static void draw_phone(struct yk_path *s, struct yk_path *f)
{
    /* A telephone handset, earpiece top left, mouthpiece bottom right. */
    yk_path_move_to(s, 6.2f, 3);
    yk_path_cubic_to(s, 5.3f, 3, 4.7f, 3.4f, 4.2f, 4);
    yk_path_line_to(s, 3.5f, 5);
    yk_path_cubic_to(s, 2.8f, 6, 2.8f, 7.5f, 3.2f, 8.8f);
    yk_path_cubic_to(s, 5, 14, 10, 19, 15.2f, 20.8f);
    yk_path_cubic_to(s, 16.5f, 21.2f, 18, 21.2f, 19, 20.5f);
    yk_path_line_to(s, 20, 19.8f);
    yk_path_cubic_to(s, 20.6f, 19.3f, 21, 18.7f, 21, 17.8f);
    yk_path_cubic_to(s, 21, 17, 20.6f, 16.4f, 20, 16);
    yk_path_line_to(s, 17.5f, 14.3f);
    yk_path_cubic_to(s, 16.8f, 13.8f, 15.8f, 13.8f, 15.1f, 14.3f);
    yk_path_line_to(s, 13.8f, 15.5f);
    yk_path_cubic_to(s, 11.4f, 14.2f, 9.8f, 12.6f, 8.5f, 10.2f);
    yk_path_line_to(s, 9.7f, 8.9f);
    yk_path_cubic_to(s, 10.2f, 8.2f, 10.2f, 7.2f, 9.7f, 6.5f);
    yk_path_line_to(s, 8, 4);
    yk_path_cubic_to(s, 7.6f, 3.4f, 6.9f, 3, 6.2f, 3);
    yk_path_close(s);
}

static void draw_qr(struct yk_path *s, struct yk_path *f)
{
    yk_path_rounded_rect(s, 3, 3, 7, 7, 1.5f);
    yk_path_rounded_rect(s, 14, 3, 7, 7, 1.5f);
    yk_path_rounded_rect(s, 3, 14, 7, 7, 1.5f);
    yk_path_rect(f, 5.5f, 5.5f, 2, 2);
    yk_path_rect(f, 16.5f, 5.5f, 2, 2);
    yk_path_rect(f, 5.5f, 16.5f, 2, 2);
    yk_path_rect(f, 13, 13, 3, 3);
    yk_path_rect(f, 18, 13, 3, 3);
    yk_path_rect(f, 15.5f, 15.5f, 3, 3);
    yk_path_rect(f, 13, 18, 3, 3);
    yk_path_rect(f, 18, 18, 3, 3);
}

static void draw_chevron_right(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 9, 5, 16, 12, 9, 19);
}

static void draw_close(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 6, 6, 18, 18);
    LINE(s, 18, 6, 6, 18);
}

static void draw_check(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 4.5f, 12.5f, 9.5f, 17.5f, 19.5f, 6.5f);
}

static void draw_people(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(s, 8.5f, 8, 3.2f);
    yk_path_move_to(s, 2.5f, 20.5f);
    yk_path_line_to(s, 2.5f, 19.5f);
    yk_path_cubic_to(s, 2.5f, 16, 5.2f, 13.8f, 8.5f, 13.8f);
    yk_path_cubic_to(s, 11.8f, 13.8f, 14.5f, 16, 14.5f, 19.5f);
    yk_path_line_to(s, 14.5f, 20.5f);
    /* The second person stands behind: only the shoulder beside the first one shows. */
    yk_path_circle(s, 16.8f, 7.5f, 2.7f);
    yk_path_move_to(s, 17.5f, 13.2f);
    yk_path_cubic_to(s, 19.8f, 13.6f, 21.5f, 15.6f, 21.5f, 18.5f);
    yk_path_line_to(s, 21.5f, 20.5f);
}

static void draw_calendar(struct yk_path *s, struct yk_path *f)
{
    calendar_frame(s);
    const float r = 1.15f;
    yk_path_circle(f, 8, 14, r);
    yk_path_circle(f, 12, 14, r);
    yk_path_circle(f, 16, 14, r);
    yk_path_circle(f, 8, 17.5f, r);
    yk_path_circle(f, 12, 17.5f, r);
}

static void draw_info(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(s, 12, 12, 9);
    LINE(s, 12, 11, 12, 16.5f);
    yk_path_circle(f, 12, 7.8f, 1.35f);
}

static void draw_lock(struct yk_path *s, struct yk_path *f)
{
    yk_path_rounded_rect(s, 4.5f, 10.5f, 15, 10.5f, 2.5f);
    yk_path_move_to(s, 8, 10.5f);
    yk_path_line_to(s, 8, 7.5f);
    yk_path_arc(s, 12, 7.5f, 4, PI_F, PI_F);
    yk_path_line_to(s, 16, 10.5f);
    yk_path_circle(f, 12, 15, 1.5f);
    LINE(s, 12, 15, 12, 17.5f);
}

static void draw_walk(struct yk_path *s, struct yk_path *f)
{
    yk_path_circle(f, 13.5f, 4.2f, 2.3f);
    LINE(s, 12.5f, 8.5f, 11, 14);
    LINE(s, 11, 14, 9, 17.5f, 7, 20.5f);
    LINE(s, 11, 14, 13.8f, 17, 14.8f, 21);
    LINE(s, 7.5f, 13.5f, 9, 10, 12.5f, 8.5f, 15, 11.5f, 17.5f, 12.5f);
}

static void draw_star(struct yk_path *s, struct yk_path *f)
{
    /* Five points at radius 9.5, inner corners at 0.42 of it. */
    static const float c[10][2] = {
        {0.0f, -1.0f},        {0.2245f, -0.3090f},  {0.9511f, -0.3090f}, {0.3633f, 0.1180f},
        {0.5878f, 0.8090f},   {0.0f, 0.3820f},      {-0.5878f, 0.8090f}, {-0.3633f, 0.1180f},
        {-0.9511f, -0.3090f}, {-0.2245f, -0.3090f},
    };
    const float cx = 12, cy = 12.8f, r = 9.5f;
    for (int i = 0; i < 10; i++) {
        float k = (i % 2) ? 1.1f : 1.0f; /* slightly fuller inner corners */
        float x = cx + c[i][0] * r * k, y = cy + c[i][1] * r * k;
        if (i == 0)
            yk_path_move_to(s, x, y);
        else
            yk_path_line_to(s, x, y);
    }
    yk_path_close(s);
}

static void draw_filter(struct yk_path *s, struct yk_path *f)
{
    SHAPE(s, 3, 4.5f, 21, 4.5f, 14, 12.5f, 14, 19, 10, 21, 10, 12.5f);
}

static void draw_ticket(struct yk_path *s, struct yk_path *f)
{
    /* A ticket with a half-round notch in each side and a perforation. */
    yk_path_move_to(s, 2.5f, 6.5f);
    yk_path_line_to(s, 21.5f, 6.5f);
    yk_path_line_to(s, 21.5f, 9.5f);
    yk_path_arc(s, 21.5f, 12, 2.5f, -PI_F / 2, -PI_F);
    yk_path_line_to(s, 21.5f, 17.5f);
    yk_path_line_to(s, 2.5f, 17.5f);
    yk_path_line_to(s, 2.5f, 14.5f);
    yk_path_arc(s, 2.5f, 12, 2.5f, PI_F / 2, -PI_F);
    yk_path_close(s);
    LINE(s, 15, 9, 15, 9);
    LINE(s, 15, 12, 15, 12);
    LINE(s, 15, 15, 15, 15);
}

static void draw_scan(struct yk_path *s, struct yk_path *f)
{
    yk_path_move_to(s, 3, 8);
    yk_path_line_to(s, 3, 5.5f);
    yk_path_quad_to(s, 3, 3, 5.5f, 3);
    yk_path_line_to(s, 8, 3);
    yk_path_move_to(s, 16, 3);
    yk_path_line_to(s, 18.5f, 3);
    yk_path_quad_to(s, 21, 3, 21, 5.5f);
    yk_path_line_to(s, 21, 8);
    yk_path_move_to(s, 21, 16);
    yk_path_line_to(s, 21, 18.5f);
    yk_path_quad_to(s, 21, 21, 18.5f, 21);
    yk_path_line_to(s, 16, 21);
    yk_path_move_to(s, 8, 21);
    yk_path_line_to(s, 5.5f, 21);
    yk_path_quad_to(s, 3, 21, 3, 18.5f);
    yk_path_line_to(s, 3, 16);
    LINE(s, 6.5f, 12, 17.5f, 12);
}

static void draw_warning(struct yk_path *s, struct yk_path *f)
{
    SHAPE(s, 12, 3.5f, 21.5f, 20, 2.5f, 20);
    LINE(s, 12, 9.5f, 12, 13.5f);
    yk_path_circle(f, 12, 16.8f, 1.3f);
}

static void draw_backspace(struct yk_path *s, struct yk_path *f)
{
    yk_path_move_to(s, 8, 5);
    yk_path_line_to(s, 19, 5);
    yk_path_quad_to(s, 21.5f, 5, 21.5f, 7.5f);
    yk_path_line_to(s, 21.5f, 16.5f);
    yk_path_quad_to(s, 21.5f, 19, 19, 19);
    yk_path_line_to(s, 8, 19);
    yk_path_line_to(s, 2, 12);
    yk_path_close(s);
    LINE(s, 11.5f, 9, 17.5f, 15);
    LINE(s, 17.5f, 9, 11.5f, 15);
}

static void draw_map(struct yk_path *s, struct yk_path *f)
{
    SHAPE(s, 3, 6, 9, 3.5f, 15, 6, 21, 3.5f, 21, 18, 15, 20.5f, 9, 18, 3, 20.5f);
    LINE(s, 9, 3.5f, 9, 18);
    LINE(s, 15, 6, 15, 20.5f);
}

static void draw_shield(struct yk_path *s, struct yk_path *f)
{
    yk_path_move_to(s, 12, 2.5f);
    yk_path_line_to(s, 20, 5.5f);
    yk_path_line_to(s, 20, 11);
    yk_path_cubic_to(s, 20, 16, 16.5f, 19.5f, 12, 21.5f);
    yk_path_cubic_to(s, 7.5f, 19.5f, 4, 16, 4, 11);
    yk_path_line_to(s, 4, 5.5f);
    yk_path_close(s);
    LINE(s, 8.5f, 12, 11, 14.5f, 15.5f, 9.5f);
}

static void draw_signpost(struct yk_path *s, struct yk_path *f)
{
    /* A sign pointing right above one pointing left, on one pole. */
    SHAPE(s, 4, 4.5f, 17, 4.5f, 20, 7.25f, 17, 10, 4, 10);
    SHAPE(s, 20, 12.5f, 7, 12.5f, 4, 15.25f, 7, 18, 20, 18);
    LINE(s, 12, 2.5f, 12, 4.5f);
    LINE(s, 12, 10, 12, 12.5f);
    LINE(s, 12, 18, 12, 21.5f);
}

static void draw_heart(struct yk_path *s, struct yk_path *f)
{
    yk_path_move_to(s, 12, 20);
    yk_path_cubic_to(s, 12, 20, 3, 14.5f, 3, 8.6f);
    yk_path_cubic_to(s, 3, 5.7f, 5.2f, 3.8f, 7.8f, 3.8f);
    yk_path_cubic_to(s, 9.7f, 3.8f, 11.2f, 4.9f, 12, 6.4f);
    yk_path_cubic_to(s, 12.8f, 4.9f, 14.3f, 3.8f, 16.2f, 3.8f);
    yk_path_cubic_to(s, 18.8f, 3.8f, 21, 5.7f, 21, 8.6f);
    yk_path_cubic_to(s, 21, 14.5f, 12, 20, 12, 20);
    yk_path_close(s);
}

static void draw_museum(struct yk_path *s, struct yk_path *f)
{
    /* A pediment on four columns, on a base: a hall of culture. */
    SHAPE(s, 3, 8.5f, 12, 3, 21, 8.5f);
    for (int i = 0; i < 4; i++) {
        float x = 5.5f + (float)i * 13.0f / 3.0f;
        LINE(s, x, 11.5f, x, 17.5f);
    }
    LINE(s, 2.5f, 20.5f, 21.5f, 20.5f);
}

static void draw_leaf(struct yk_path *s, struct yk_path *f)
{
    yk_path_move_to(s, 6, 18);
    yk_path_cubic_to(s, 5, 10, 10, 4.5f, 20.5f, 3.5f);
    yk_path_cubic_to(s, 20.5f, 13, 15, 19, 6, 18);
    yk_path_close(s);
    LINE(s, 3, 21, 14, 10);
}

static void draw_space(struct yk_path *s, struct yk_path *f)
{
    LINE(s, 3.5f, 11, 3.5f, 16.5f, 20.5f, 16.5f, 20.5f, 11);
}

static const struct {
    const char *name;
    void (*draw)(struct yk_path *stroke, struct yk_path *fill);
} icons[YK_ICON_COUNT] = {
    [YK_ICON_HOME] = {"home", draw_home},
    [YK_ICON_BACK] = {"back", draw_back},
    [YK_ICON_LANGUAGE] = {"language", draw_language},
    [YK_ICON_ELDER] = {"elder", draw_elder},
    [YK_ICON_SERVICES] = {"services", draw_services},
    [YK_ICON_SITES] = {"sites", draw_sites},
    [YK_ICON_EVENTS] = {"events", draw_events},
    [YK_ICON_BLOCKS] = {"blocks", draw_blocks},
    [YK_ICON_CLOCK] = {"clock", draw_clock},
    [YK_ICON_PIN] = {"pin", draw_pin},
    [YK_ICON_PHONE] = {"phone", draw_phone},
    [YK_ICON_QR] = {"qr", draw_qr},
    [YK_ICON_CHEVRON_RIGHT] = {"chevron_right", draw_chevron_right},
    [YK_ICON_CLOSE] = {"close", draw_close},
    [YK_ICON_CHECK] = {"check", draw_check},
    [YK_ICON_PEOPLE] = {"people", draw_people},
    [YK_ICON_CALENDAR] = {"calendar", draw_calendar},
    [YK_ICON_INFO] = {"info", draw_info},
    [YK_ICON_LOCK] = {"lock", draw_lock},
    [YK_ICON_WALK] = {"walk", draw_walk},
    [YK_ICON_STAR] = {"star", draw_star},
    [YK_ICON_FILTER] = {"filter", draw_filter},
    [YK_ICON_TICKET] = {"ticket", draw_ticket},
    [YK_ICON_SCAN] = {"scan", draw_scan},
    [YK_ICON_WARNING] = {"warning", draw_warning},
    [YK_ICON_BACKSPACE] = {"backspace", draw_backspace},
    [YK_ICON_MAP] = {"map", draw_map},
    [YK_ICON_SHIELD] = {"shield", draw_shield},
    [YK_ICON_SIGNPOST] = {"signpost", draw_signpost},
    [YK_ICON_HEART] = {"heart", draw_heart},
    [YK_ICON_MUSEUM] = {"museum", draw_museum},
    [YK_ICON_LEAF] = {"leaf", draw_leaf},
    [YK_ICON_SPACE] = {"space", draw_space},
};

const char *yk_icon_name(enum yk_icon icon)
{
    if ((unsigned)icon >= YK_ICON_COUNT)
        return NULL;
    return icons[icon].name;
}

enum yk_icon yk_icon_from_name(const char *name)
{
    if (!name)
        return YK_ICON_COUNT;
    for (int i = 0; i < YK_ICON_COUNT; i++)
        if (strcmp(icons[i].name, name) == 0)
            return (enum yk_icon)i;
    return YK_ICON_COUNT;
}

bool yk_icon_draw(enum yk_icon icon, float x, float y, float size, uint8_t *alpha, int w, int h,
                  int stride)
{
    if ((unsigned)icon >= YK_ICON_COUNT || !(size > 0))
        return false;
    float k = size / GRID;
    struct yk_path s, f;
    yk_path_init(&s);
    yk_path_init(&f);
    yk_path_set_transform(&s, k, x, y);
    yk_path_set_transform(&f, k, x, y);
    icons[icon].draw(&s, &f);
    struct yk_stroke st = {.width = STROKE_UNITS * k, .cap = YK_CAP_ROUND, .join = YK_JOIN_ROUND};
    bool ok = yk_raster_draw(&f, &s, &st, alpha, w, h, stride);
    yk_path_destroy(&s);
    yk_path_destroy(&f);
    return ok;
}

bool yk_icon_render(enum yk_icon icon, int size_px, uint8_t *alpha)
{
    if ((unsigned)icon >= YK_ICON_COUNT || size_px < 1)
        return false;
    memset(alpha, 0, (size_t)size_px * (size_t)size_px);
    return yk_icon_draw(icon, 0, 0, (float)size_px, alpha, size_px, size_px, size_px);
}
