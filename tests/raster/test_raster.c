/* Tests of the rasteriser (core/raster.h) and the icon set (core/icons.h): coverage areas
 * against geometry, saturation, clipping into guard-banded buffers, hostile input, stroke
 * joins and caps, masks, and every icon at every size. */
#include "check.h"
#include "core/icons.h"
#include "core/raster.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PI 3.14159265358979323846
#define GUARD 24
#define GUARD_BYTE 0xA5

/* A w x h buffer inside a band of GUARD_BYTE on every side, including the stride padding:
 * any write outside the w x h area shows up in guard_intact(). */
struct gbuf {
    uint8_t *mem;
    uint8_t *px;
    int w, h, stride, rows;
};

static struct gbuf gbuf_new(int w, int h)
{
    struct gbuf b = {.w = w, .h = h, .stride = w + 2 * GUARD + 3, .rows = h + 2 * GUARD};
    b.mem = malloc((size_t)b.stride * b.rows);
    if (!b.mem)
        abort();
    memset(b.mem, GUARD_BYTE, (size_t)b.stride * b.rows);
    b.px = b.mem + (size_t)GUARD * b.stride + GUARD;
    for (int y = 0; y < h; y++)
        memset(b.px + (size_t)y * b.stride, 0, (size_t)w);
    return b;
}

static void gbuf_clear(struct gbuf *b)
{
    for (int y = 0; y < b->h; y++)
        memset(b->px + (size_t)y * b->stride, 0, (size_t)b->w);
}

static bool guard_intact(const struct gbuf *b)
{
    for (int y = 0; y < b->rows; y++)
        for (int x = 0; x < b->stride; x++) {
            bool inside = y >= GUARD && y < GUARD + b->h && x >= GUARD && x < GUARD + b->w;
            if (!inside && b->mem[(size_t)y * b->stride + x] != GUARD_BYTE)
                return false;
        }
    return true;
}

static uint8_t at(const struct gbuf *b, int x, int y)
{
    return b->px[(size_t)y * b->stride + x];
}

/* Covered area in pixels. */
static double area_of(const struct gbuf *b)
{
    double sum = 0;
    for (int y = 0; y < b->h; y++)
        for (int x = 0; x < b->w; x++)
            sum += at(b, x, y);
    return sum / 255.0;
}

static bool near(double got, double want, double rel)
{
    return fabs(got - want) <= rel * fabs(want);
}

static double fill_area(struct gbuf *b, struct yk_path *p)
{
    gbuf_clear(b);
    bool ok = yk_raster_fill(p, b->px, b->w, b->h, b->stride);
    CHECK_MSG(ok, "fill failed");
    CHECK_MSG(guard_intact(b), "wrote outside the buffer");
    return area_of(b);
}

static double stroke_area(struct gbuf *b, struct yk_path *p, float width, enum yk_line_cap cap,
                          enum yk_line_join join)
{
    gbuf_clear(b);
    struct yk_stroke st = {.width = width, .cap = cap, .join = join};
    bool ok = yk_raster_stroke(p, &st, b->px, b->w, b->h, b->stride);
    CHECK_MSG(ok, "stroke failed");
    CHECK_MSG(guard_intact(b), "wrote outside the buffer");
    return area_of(b);
}

static void test_squares(void)
{
    struct gbuf b = gbuf_new(100, 100);
    struct yk_path p;
    yk_path_init(&p);

    /* Pixel-aligned: exact, every pixel fully in or out. */
    yk_path_rect(&p, 8, 8, 16, 16);
    double a = fill_area(&b, &p);
    CHECK_MSG(a == 256.0, "aligned 16x16 square covers %f px", a);
    CHECK_MSG(at(&b, 8, 8) == 255 && at(&b, 23, 23) == 255 && at(&b, 7, 8) == 0 &&
                  at(&b, 24, 8) == 0,
              "aligned square edges");

    /* Fractional edges. */
    yk_path_reset(&p);
    yk_path_rect(&p, 10.25f, 10.5f, 30.5f, 19.8f);
    a = fill_area(&b, &p);
    CHECK_MSG(near(a, 30.5 * 19.8, 0.005), "fractional rect: %f vs %f", a, 30.5 * 19.8);
    CHECK_MSG(at(&b, 20, 20) == 255 && at(&b, 5, 5) == 0, "fractional rect inside/outside");
    CHECK_MSG(abs((int)at(&b, 10, 20) - 191) <= 2, "left edge pixel 3/4 covered: %d",
              at(&b, 10, 20));

    /* Rotated squares: side 40 at 30 and 45 degrees, either winding. */
    const double angles[] = {30, 45, 12.3};
    for (int k = 0; k < 3; k++) {
        for (int dir = 0; dir < 2; dir++) {
            double t = angles[k] * PI / 180, s = 20;
            yk_path_reset(&p);
            for (int i = 0; i < 4; i++) {
                int j = dir ? i : 3 - i;
                double cx = (j == 0 || j == 3) ? -s : s, cy = (j < 2) ? -s : s;
                float x = (float)(50.3 + cx * cos(t) - cy * sin(t));
                float y = (float)(49.7 + cx * sin(t) + cy * cos(t));
                if (i == 0)
                    yk_path_move_to(&p, x, y);
                else
                    yk_path_line_to(&p, x, y);
            }
            a = fill_area(&b, &p);
            CHECK_MSG(near(a, 1600, 0.01), "square rotated %g deg: %f", angles[k], a);
            CHECK_MSG(at(&b, 50, 50) == 255, "rotated square centre");
        }
    }
    yk_path_destroy(&p);
    free(b.mem);
}

static void test_circles_and_triangle(void)
{
    struct gbuf b = gbuf_new(100, 100);
    struct yk_path p;
    yk_path_init(&p);
    const float radii[] = {30, 12.5f, 4, 1.5f};
    for (int i = 0; i < 4; i++) {
        yk_path_reset(&p);
        yk_path_circle(&p, 50.3f, 49.6f, radii[i]);
        double want = PI * radii[i] * radii[i];
        double a = fill_area(&b, &p);
        CHECK_MSG(near(a, want, radii[i] >= 4 ? 0.01 : 0.03), "circle r=%g: %f vs %f", radii[i], a,
                  want);
    }

    /* A circle from four cubics (the usual 0.5523 handle length) checks cubic flattening. */
    const float r = 30, k = 0.55228475f * r, cx = 50, cy = 50;
    yk_path_reset(&p);
    yk_path_move_to(&p, cx + r, cy);
    yk_path_cubic_to(&p, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    yk_path_cubic_to(&p, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    yk_path_cubic_to(&p, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    yk_path_cubic_to(&p, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    yk_path_close(&p);
    double a = fill_area(&b, &p);
    CHECK_MSG(near(a, PI * r * r, 0.01), "cubic circle: %f", a);

    /* A ring leaves its hole empty. */
    yk_path_reset(&p);
    yk_path_ring(&p, 50, 50, 30, 20);
    a = fill_area(&b, &p);
    CHECK_MSG(near(a, PI * (900 - 400), 0.01), "ring: %f", a);
    CHECK_MSG(at(&b, 50, 50) == 0 && at(&b, 50, 25) == 255, "ring hole and body");

    /* Triangle with fractional vertices, both windings. */
    const double tx[3] = {10.3, 80.9, 22.1}, ty[3] = {5.7, 20.2, 94.6};
    double want = fabs((tx[1] - tx[0]) * (ty[2] - ty[0]) - (tx[2] - tx[0]) * (ty[1] - ty[0])) / 2;
    for (int dir = 0; dir < 2; dir++) {
        yk_path_reset(&p);
        for (int i = 0; i < 3; i++) {
            int j = dir ? 2 - i : i;
            (i == 0 ? yk_path_move_to : yk_path_line_to)(&p, (float)tx[j], (float)ty[j]);
        }
        a = fill_area(&b, &p);
        CHECK_MSG(near(a, want, 0.005), "triangle: %f vs %f", a, want);
    }

    /* Quadratic flattening stays within tolerance: every chord midpoint is near the curve. */
    yk_path_reset(&p);
    yk_path_move_to(&p, 0, 0);
    yk_path_quad_to(&p, 50, 100, 100, 0);
    double worst = 0;
    for (size_t i = 0; i + 1 < p.npts; i++) {
        double mx = (p.pts[i].x + p.pts[i + 1].x) / 2, my = (p.pts[i].y + p.pts[i + 1].y) / 2;
        double best = 1e9;
        for (int s = 0; s <= 20000; s++) {
            double t = s / 20000.0, u = 1 - t;
            double x = 2 * u * t * 50 + t * t * 100, y = 2 * u * t * 100;
            double d = hypot(x - mx, y - my);
            if (d < best)
                best = d;
        }
        if (best > worst)
            worst = best;
    }
    CHECK_MSG(worst <= 0.21, "quad flattening error %f px", worst);
    CHECK_MSG(p.npts < 60, "quad flattened into %zu points: not adaptive", p.npts);

    yk_path_destroy(&p);
    free(b.mem);
}

static void test_saturation(void)
{
    struct gbuf b = gbuf_new(40, 40);
    struct yk_path p;
    yk_path_init(&p);
    yk_path_rect(&p, 10.5f, 10, 20, 20);
    gbuf_clear(&b);
    yk_raster_fill(&p, b.px, b.w, b.h, b.stride);
    CHECK_MSG(abs((int)at(&b, 10, 20) - 128) <= 1, "half pixel: %d", at(&b, 10, 20));
    CHECK_MSG(at(&b, 20, 20) == 255, "inside: %d", at(&b, 20, 20));
    yk_raster_fill(&p, b.px, b.w, b.h, b.stride);
    CHECK_MSG(at(&b, 10, 20) == 255, "two halves add up: %d", at(&b, 10, 20));
    CHECK_MSG(at(&b, 20, 20) == 255, "saturates, no wrap: %d", at(&b, 20, 20));
    yk_raster_fill(&p, b.px, b.w, b.h, b.stride);
    CHECK_MSG(at(&b, 10, 20) == 255 && at(&b, 20, 20) == 255, "stays saturated");
    CHECK_MSG(at(&b, 5, 5) == 0, "outside untouched");
    CHECK_MSG(guard_intact(&b), "guard");

    /* Two shapes side by side combine. */
    gbuf_clear(&b);
    yk_path_reset(&p);
    yk_path_rect(&p, 0, 0, 10.5f, 40);
    yk_raster_fill(&p, b.px, b.w, b.h, b.stride);
    yk_path_reset(&p);
    yk_path_rect(&p, 10.5f, 0, 10, 40);
    yk_raster_fill(&p, b.px, b.w, b.h, b.stride);
    CHECK_MSG(at(&b, 10, 5) >= 254, "adjacent shapes meet without a seam: %d", at(&b, 10, 5));
    yk_path_destroy(&p);
    free(b.mem);
}

static void test_clipping(void)
{
    struct gbuf b = gbuf_new(60, 60);
    struct yk_path p;
    yk_path_init(&p);

    /* A circle cut by the left edge: area of the circular segment inside. */
    const double r = 25, d = 10;
    double seg = r * r * acos(d / r) - d * sqrt(r * r - d * d);
    yk_path_circle(&p, -10, 30, 25);
    double a = fill_area(&b, &p);
    CHECK_MSG(near(a, seg, 0.015), "left-clipped circle: %f vs %f", a, seg);

    yk_path_reset(&p);
    yk_path_circle(&p, 30, -10, 25);
    a = fill_area(&b, &p);
    CHECK_MSG(near(a, seg, 0.015), "top-clipped circle: %f vs %f", a, seg);

    yk_path_reset(&p);
    yk_path_circle(&p, 70, 30, 25);
    a = fill_area(&b, &p);
    CHECK_MSG(near(a, seg, 0.015), "right-clipped circle: %f vs %f", a, seg);

    yk_path_reset(&p);
    yk_path_circle(&p, 30, 70, 25);
    a = fill_area(&b, &p);
    CHECK_MSG(near(a, seg, 0.015), "bottom-clipped circle: %f vs %f", a, seg);

    /* Entirely outside, on every side. */
    yk_path_reset(&p);
    yk_path_rect(&p, -50, 10, 20, 20);
    yk_path_rect(&p, 60, 10, 20, 20);
    yk_path_rect(&p, 10, -20, 20, 20); /* touching the edge from outside */
    yk_path_rect(&p, 10, 60, 20, 20);
    a = fill_area(&b, &p);
    CHECK_MSG(a == 0, "outside shapes drew %f px", a);

    /* Much bigger than the buffer: everything covered. */
    yk_path_reset(&p);
    yk_path_rect(&p, -1e6f, -1e6f, 2e6f, 2e6f);
    a = fill_area(&b, &p);
    CHECK_MSG(a == 60 * 60, "huge rect covers %f of %d", a, 60 * 60);

    /* Wide strokes clipped too. */
    yk_path_reset(&p);
    yk_path_move_to(&p, -100, -100);
    yk_path_line_to(&p, 200, 300);
    stroke_area(&b, &p, 30, YK_CAP_ROUND, YK_JOIN_ROUND);
    yk_path_destroy(&p);
    free(b.mem);
}

static uint32_t rng_state = 12345;

static uint32_t rnd(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

static float wild(void)
{
    static const float specials[] = {0,        -0.0f,    1e-30f,    1e30f, -1e30f,      FLT_MAX,
                                     -FLT_MAX, INFINITY, -INFINITY, NAN,   16777217.0f, -3e38f};
    switch (rnd() % 4) {
    case 0:
        return specials[rnd() % (sizeof specials / sizeof *specials)];
    case 1:
        return (float)(rnd() % 2000) / 10.0f - 50.0f;
    case 2:
        return (float)(rnd() % 64);
    default:
        return (float)(rnd() % 40000) - 20000.0f;
    }
}

static void test_hostile_input(void)
{
    struct gbuf b = gbuf_new(32, 24);
    struct yk_path p;
    yk_path_init(&p);

    /* NaN and infinities are dropped and reported. */
    yk_path_move_to(&p, NAN, 3);
    yk_path_line_to(&p, 10, INFINITY);
    yk_path_line_to(&p, 20, 20);
    yk_path_quad_to(&p, NAN, 1, 2, 3);
    yk_path_cubic_to(&p, 1, 2, 3, -INFINITY, 5, 6);
    yk_path_arc(&p, 10, 10, NAN, 0, 1);
    yk_path_arc(&p, 10, 10, 5, 0, INFINITY);
    yk_path_circle(&p, INFINITY, 0, 3);
    yk_path_close(&p);
    CHECK_MSG(yk_path_rejected(&p), "non-finite input not reported");
    fill_area(&b, &p);
    stroke_area(&b, &p, 3, YK_CAP_ROUND, YK_JOIN_MITER);

    /* Huge but finite coordinates, huge curves and arcs: clipped, bounded work. */
    yk_path_reset(&p);
    yk_path_move_to(&p, -3e38f, 5);
    yk_path_line_to(&p, 3e38f, 10);
    yk_path_line_to(&p, 16, 3e38f);
    yk_path_cubic_to(&p, 1e30f, -1e30f, -1e30f, 1e30f, 10, 10);
    yk_path_quad_to(&p, FLT_MAX, FLT_MAX, 5, 5);
    yk_path_arc(&p, 16, 12, 1e30f, 0, 1);
    yk_path_circle(&p, 0, 0, 3e38f);
    CHECK_MSG(p.npts < 5000, "huge curves flattened into %zu points", p.npts);
    fill_area(&b, &p);
    stroke_area(&b, &p, 5, YK_CAP_SQUARE, YK_JOIN_MITER);
    stroke_area(&b, &p, 1e30f, YK_CAP_ROUND, YK_JOIN_ROUND);

    /* A transform that overflows rejects the point rather than storing infinity. */
    yk_path_reset(&p);
    yk_path_set_transform(&p, 1e30f, 0, 0);
    yk_path_move_to(&p, 1e30f, 1e30f);
    CHECK_MSG(p.npts == 0 && yk_path_rejected(&p), "overflowing transform kept a point");
    yk_path_set_transform(&p, 1, 0, 0);

    /* Degenerate shapes: nothing, or a dot where a zero-length stroke has round caps. */
    yk_path_reset(&p);
    double a = fill_area(&b, &p);
    CHECK_MSG(a == 0, "empty path drew %f", a);
    yk_path_move_to(&p, 5, 5);
    a = stroke_area(&b, &p, 4, YK_CAP_ROUND, YK_JOIN_ROUND);
    CHECK_MSG(a == 0, "lone move_to drew %f", a);
    yk_path_line_to(&p, 5, 5);
    yk_path_line_to(&p, 5, 5);
    a = stroke_area(&b, &p, 6, YK_CAP_ROUND, YK_JOIN_ROUND);
    CHECK_MSG(near(a, PI * 9, 0.03), "zero-length round-capped stroke is a dot: %f", a);
    a = stroke_area(&b, &p, 6, YK_CAP_BUTT, YK_JOIN_ROUND);
    CHECK_MSG(a == 0, "zero-length butt stroke drew %f", a);
    a = fill_area(&b, &p);
    CHECK_MSG(a == 0, "zero-area fill drew %f", a);
    a = stroke_area(&b, &p, 0, YK_CAP_ROUND, YK_JOIN_ROUND);
    CHECK_MSG(a == 0, "zero width drew %f", a);
    a = stroke_area(&b, &p, NAN, YK_CAP_ROUND, YK_JOIN_ROUND);
    CHECK_MSG(a == 0, "NaN width drew %f", a);
    yk_path_reset(&p);
    yk_path_rect(&p, 0, 0, 0, 10);
    yk_path_rounded_rect(&p, 3, 3, -5, -5, 100);
    yk_path_rounded_rect(&p, 3, 3, 5, 5, NAN);
    yk_path_ring(&p, 5, 5, 2, 4);
    yk_path_circle(&p, 5, 5, 0);
    fill_area(&b, &p);
    stroke_area(&b, &p, 2, YK_CAP_ROUND, YK_JOIN_ROUND);
    /* Empty buffers. */
    CHECK_MSG(yk_raster_fill(&p, b.px, 0, 10, b.stride), "w = 0");
    CHECK_MSG(yk_raster_fill(&p, b.px, 10, -1, b.stride), "h < 0");
    CHECK_MSG(guard_intact(&b), "guard after empty buffers");

    /* Random soup of commands with wild numbers: must never write outside or crash. */
    struct yk_stroke st = {.width = 3};
    for (int iter = 0; iter < 3000; iter++) {
        yk_path_reset(&p);
        int n = 1 + (int)(rnd() % 12);
        for (int i = 0; i < n; i++) {
            switch (rnd() % 9) {
            case 0:
                yk_path_move_to(&p, wild(), wild());
                break;
            case 1:
            case 2:
                yk_path_line_to(&p, wild(), wild());
                break;
            case 3:
                yk_path_quad_to(&p, wild(), wild(), wild(), wild());
                break;
            case 4:
                yk_path_cubic_to(&p, wild(), wild(), wild(), wild(), wild(), wild());
                break;
            case 5:
                yk_path_arc(&p, wild(), wild(), wild(), wild(), wild());
                break;
            case 6:
                yk_path_close(&p);
                break;
            case 7:
                yk_path_rounded_rect(&p, wild(), wild(), wild(), wild(), wild());
                break;
            default:
                yk_path_ring(&p, wild(), wild(), wild(), wild());
                break;
            }
        }
        st.width = (iter % 5 == 0) ? wild() : (float)(rnd() % 12);
        st.cap = (enum yk_line_cap)(rnd() % 3);
        st.join = (enum yk_line_join)(rnd() % 3);
        st.miter_limit = (float)(rnd() % 8);
        yk_raster_draw(&p, &p, &st, b.px, b.w, b.h, b.stride);
    }
    CHECK_MSG(guard_intact(&b), "random paths wrote outside the buffer");
    yk_path_destroy(&p);
    yk_path_destroy(&p); /* destroy twice is harmless */
    yk_path_destroy(NULL);
    free(b.mem);
}

static void test_strokes(void)
{
    struct gbuf b = gbuf_new(80, 60);
    struct yk_path p;
    yk_path_init(&p);

    yk_path_move_to(&p, 10, 20);
    yk_path_line_to(&p, 50, 20);
    double a = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_ROUND);
    CHECK_MSG(near(a, 160, 0.005), "butt line: %f", a);
    a = stroke_area(&b, &p, 4, YK_CAP_SQUARE, YK_JOIN_ROUND);
    CHECK_MSG(near(a, 176, 0.005), "square-capped line: %f", a);
    a = stroke_area(&b, &p, 4, YK_CAP_ROUND, YK_JOIN_ROUND);
    CHECK_MSG(near(a, 160 + PI * 4, 0.01), "round-capped line: %f", a);

    /* The same line cut into many collinear pieces: the union, not a sum of overlaps. */
    uint8_t one[80 * 60];
    for (int y = 0; y < 60; y++)
        memcpy(one + y * 80, b.px + (size_t)y * b.stride, 80);
    yk_path_reset(&p);
    yk_path_move_to(&p, 10, 20);
    for (int i = 1; i <= 40; i++)
        yk_path_line_to(&p, 10 + i, 20);
    stroke_area(&b, &p, 4, YK_CAP_ROUND, YK_JOIN_ROUND);
    int worst = 0;
    for (int y = 0; y < 60; y++)
        for (int x = 0; x < 80; x++) {
            int d = abs(one[y * 80 + x] - at(&b, x, y));
            if (d > worst)
                worst = d;
        }
    CHECK_MSG(worst <= 2, "pieced line differs by %d", worst);

    /* A right angle: joins add exactly the outer corner piece. */
    yk_path_reset(&p);
    yk_path_move_to(&p, 10, 10);
    yk_path_line_to(&p, 40, 10);
    yk_path_line_to(&p, 40, 40);
    a = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_MITER);
    CHECK_MSG(near(a, 240, 0.005), "miter corner: %f", a);
    a = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_BEVEL);
    CHECK_MSG(near(a, 238, 0.005), "bevel corner: %f", a);
    a = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_ROUND);
    CHECK_MSG(near(a, 236 + PI, 0.005), "round corner: %f", a);

    /* Closed square outline: outer minus inner square. */
    yk_path_reset(&p);
    yk_path_rect(&p, 20, 20, 20, 20);
    a = stroke_area(&b, &p, 2, YK_CAP_BUTT, YK_JOIN_MITER);
    CHECK_MSG(near(a, 22 * 22 - 18 * 18, 0.005), "closed outline: %f", a);
    CHECK_MSG(at(&b, 30, 30) == 0 && at(&b, 20, 30) == 255, "outline is hollow");

    /* A sharp spike falls back from miter to bevel at the limit. */
    yk_path_reset(&p);
    yk_path_move_to(&p, 10, 30);
    yk_path_line_to(&p, 70, 32);
    yk_path_line_to(&p, 10, 34);
    double miter = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_MITER);
    double bevel = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_BEVEL);
    CHECK_MSG(fabs(miter - bevel) < 0.5, "miter limit not applied: %f vs %f", miter, bevel);

    /* A U-turn with round joins gets a round end, not a gap. */
    yk_path_reset(&p);
    yk_path_move_to(&p, 10, 30);
    yk_path_line_to(&p, 40, 30);
    yk_path_line_to(&p, 20, 30);
    a = stroke_area(&b, &p, 4, YK_CAP_BUTT, YK_JOIN_ROUND);
    CHECK_MSG(near(a, 120 + 2 * PI, 0.01), "U-turn: %f", a);

    /* Fill and stroke drawn together overlap without doubling. */
    yk_path_reset(&p);
    yk_path_circle(&p, 40, 30, 10);
    struct yk_stroke st = {.width = 4, .cap = YK_CAP_ROUND, .join = YK_JOIN_ROUND};
    gbuf_clear(&b);
    CHECK_MSG(yk_raster_draw(&p, &p, &st, b.px, b.w, b.h, b.stride), "draw");
    a = area_of(&b);
    CHECK_MSG(near(a, PI * 144, 0.01), "fill + stroke union: %f vs %f", a, PI * 144);
    yk_path_destroy(&p);
    free(b.mem);
}

static void test_masks(void)
{
    enum { W = 40, H = 30 };
    uint8_t m[W * H];
    memset(m, 7, sizeof m);
    CHECK_MSG(yk_raster_rounded_rect_mask(W, H, 8, m), "rounded rect mask");
    CHECK_MSG(m[0] == 0 && m[W - 1] == 0 && m[(H - 1) * W] == 0 && m[H * W - 1] == 0,
              "corners transparent: %d %d %d %d", m[0], m[W - 1], m[(H - 1) * W], m[H * W - 1]);
    CHECK_MSG(m[15 * W + 20] == 255, "centre opaque");
    CHECK_MSG(m[20] == 255 && m[15 * W] == 255 && m[15 * W + W - 1] == 255 &&
                  m[(H - 1) * W + 20] == 255,
              "middle of each side opaque");
    double sum = 0;
    for (int i = 0; i < W * H; i++)
        sum += m[i];
    double want = W * H - (4 - PI) * 64;
    CHECK_MSG(near(sum / 255, want, 0.005), "rounded rect area %f vs %f", sum / 255, want);

    CHECK_MSG(yk_raster_rounded_rect_mask(W, H, 1000, m), "radius too large");
    CHECK_MSG(m[0] == 0 && m[15 * W + 20] == 255 && m[15 * W] >= 230,
              "clamped to a pill shape: %d %d %d", m[0], m[15 * W + 20], m[15 * W]);
    CHECK_MSG(yk_raster_rounded_rect_mask(W, H, 0, m), "radius 0");
    CHECK_MSG(m[0] == 255, "radius 0 is a plain rectangle");

    enum { S = 50 };
    uint8_t c[S * S];
    CHECK_MSG(yk_raster_circle_mask(S, c), "circle mask");
    sum = 0;
    for (int i = 0; i < S * S; i++)
        sum += c[i];
    CHECK_MSG(near(sum / 255, PI * 625, 0.01), "circle mask area %f", sum / 255);
    CHECK_MSG(c[0] == 0 && c[S - 1] == 0 && c[S * S - 1] == 0 && c[25 * S + 25] == 255,
              "circle mask corners and centre");
}

static void test_icon_names(void)
{
    for (int i = 0; i < YK_ICON_COUNT; i++) {
        const char *name = yk_icon_name((enum yk_icon)i);
        CHECK_MSG(name && *name, "icon %d has no name", i);
        if (name)
            CHECK_MSG(yk_icon_from_name(name) == (enum yk_icon)i, "%s does not round-trip", name);
    }
    CHECK_MSG(strcmp(yk_icon_name(YK_ICON_HOME), "home") == 0, "home");
    CHECK_MSG(strcmp(yk_icon_name(YK_ICON_CHEVRON_RIGHT), "chevron_right") == 0, "chevron_right");
    CHECK_MSG(yk_icon_name(YK_ICON_COUNT) == NULL, "name of COUNT");
    CHECK_MSG(yk_icon_from_name("no-such-icon") == YK_ICON_COUNT, "unknown name");
    CHECK_MSG(yk_icon_from_name("") == YK_ICON_COUNT, "empty name");
    CHECK_MSG(yk_icon_from_name(NULL) == YK_ICON_COUNT, "NULL name");
    CHECK_MSG(yk_icon_from_name("HOME") == YK_ICON_COUNT, "names are exact");
}

static void test_icons_render(void)
{
    const int sizes[] = {16, 24, 48, 96, 200};
    for (int si = 0; si < 5; si++) {
        int size = sizes[si], off = size / 2;
        /* Drawn into the middle of a buffer twice the size: any ink outside the icon's own
         * square would show up around it. */
        struct gbuf b = gbuf_new(2 * size, 2 * size);
        uint8_t *own = malloc((size_t)size * size);
        for (int i = 0; i < YK_ICON_COUNT; i++) {
            const char *name = yk_icon_name((enum yk_icon)i);
            gbuf_clear(&b);
            CHECK_MSG(yk_icon_draw((enum yk_icon)i, (float)off, (float)off, (float)size, b.px, b.w,
                                   b.h, b.stride),
                      "%s at %d", name, size);
            CHECK_MSG(guard_intact(&b), "%s wrote outside", name);
            double ink = 0, outside = 0;
            int empty = 0, solid = 0;
            for (int y = 0; y < b.h; y++)
                for (int x = 0; x < b.w; x++) {
                    int v = at(&b, x, y);
                    bool in = x >= off && x < off + size && y >= off && y < off + size;
                    if (!in) {
                        outside += v;
                        continue;
                    }
                    ink += v / 255.0;
                    empty += v == 0;
                    solid += v == 255;
                }
            double frac = ink / (size * size);
            CHECK_MSG(outside == 0, "%s at %d: ink outside its square", name, size);
            CHECK_MSG(frac > 0.05, "%s at %d: only %.1f%% ink", name, size, 100 * frac);
            CHECK_MSG(frac < 0.6, "%s at %d: %.1f%% ink, nearly filled", name, size, 100 * frac);
            CHECK_MSG(empty > size * size / 4, "%s at %d: too few empty pixels", name, size);
            CHECK_MSG(size < 48 || solid > 0, "%s at %d: no solid pixel", name, size);
            /* yk_icon_render() is the same drawing into its own square. */
            CHECK_MSG(yk_icon_render((enum yk_icon)i, size, own), "render %s", name);
            /* Float rounding of the offset may move an edge by a hair: allow +-2 levels. */
            int worst = 0;
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++) {
                    int d = abs(own[y * size + x] - at(&b, x + off, y + off));
                    worst = d > worst ? d : worst;
                }
            CHECK_MSG(worst <= 2, "%s at %d: render differs from draw by %d", name, size, worst);
        }
        free(own);
        free(b.mem);
    }
    uint8_t tiny[4];
    CHECK_MSG(!yk_icon_render(YK_ICON_COUNT, 2, tiny), "unknown icon renders");
    CHECK_MSG(!yk_icon_render(YK_ICON_HOME, 0, tiny), "size 0 renders");
    CHECK_MSG(yk_icon_render(YK_ICON_HOME, 1, tiny), "size 1");
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Not asserted (sanitizer builds are slow): printed for the record. */
static void report_speed(void)
{
    static uint8_t buf[96 * 96];
    const int rounds = 20;
    double t0 = now_s();
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < YK_ICON_COUNT; i++)
            yk_icon_render((enum yk_icon)i, 96, buf);
    double per = (now_s() - t0) / (rounds * YK_ICON_COUNT);
    printf("icon render at 96 px: %.1f us per icon (average over all icons)\n", per * 1e6);
}

int main(void)
{
    test_squares();
    test_circles_and_triangle();
    test_saturation();
    test_clipping();
    test_hostile_input();
    test_strokes();
    test_masks();
    test_icon_names();
    test_icons_render();
    report_speed();
    return yk_test_done();
}
