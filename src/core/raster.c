#include "core/raster.h"

#include "core/grow.h"

#include "core/log.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* How it works (a sparse scanline rasteriser):
 * - the path is already flattened, so filling is a list of straight edges; a stroke becomes
 *   the outline of the union of its pieces (see "strokes" below);
 * - each pixel row is sampled on SUBSAMPLES horizontal lines; on each, the active edges are
 *   kept sorted by x and walked with a winding count, and every span where the winding is
 *   non-zero adds its exact horizontal coverage (fractional at both ends) to the row;
 * - fill and stroke keep separate winding counts, so a pixel is inside when either is
 *   non-zero: an exact union. Summing signed areas per pixel (the font-rasteriser method) is
 *   faster but only approximates non-zero where two edges share a pixel, which in icons is
 *   everywhere strokes cross or meet filled dots. */

#define SUBSAMPLES 16
#define DEFAULT_TOLERANCE 0.2f
#define MAX_CURVE_SEGMENTS 512 /* caps the work for absurdly large curves */
#define MAX_ARC_SEGMENTS 1024
#define MAX_WEDGE_SEGMENTS 256
#define TWO_PI 6.28318530717958647692
#define PI 3.14159265358979323846
#define DEDUP_EPS 1e-3 /* px: shorter stroke segments have no reliable direction */

/* ---- path building ----------------------------------------------------------------------- */

void yk_path_init(struct yk_path *p)
{
    assert(p);
    memset(p, 0, sizeof *p);
    p->scale = 1.0f;
    p->tolerance = DEFAULT_TOLERANCE;
}

void yk_path_destroy(struct yk_path *p)
{
    if (!p)
        return;
    free(p->pts);
    free(p->contours);
    yk_path_init(p);
}

void yk_path_reset(struct yk_path *p)
{
    p->npts = 0;
    p->ncontours = 0;
    p->has_cur = false;
    p->in_contour = false;
    p->failed = false;
    p->rejected = false;
}

void yk_path_set_transform(struct yk_path *p, float scale, float tx, float ty)
{
    if (!isfinite(scale) || !isfinite(tx) || !isfinite(ty)) {
        p->rejected = true;
        return;
    }
    p->scale = scale;
    p->tx = tx;
    p->ty = ty;
}

void yk_path_set_tolerance(struct yk_path *p, float tolerance_px)
{
    if (!(tolerance_px >= 0.01f)) /* also catches NaN */
        tolerance_px = 0.01f;
    if (tolerance_px > 10.0f)
        tolerance_px = 10.0f;
    p->tolerance = tolerance_px;
}

bool yk_path_ok(const struct yk_path *p)
{
    return !p->failed;
}

bool yk_path_rejected(const struct yk_path *p)
{
    return p->rejected;
}

/* Coordinates are kept as floats; anything that would not fit is treated like NaN. */
static bool representable(double x, double y)
{
    return isfinite(x) && isfinite(y) && fabs(x) <= FLT_MAX && fabs(y) <= FLT_MAX;
}

static bool xform(struct yk_path *p, float x, float y, double *ox, double *oy)
{
    *ox = (double)x * p->scale + p->tx;
    *oy = (double)y * p->scale + p->ty;
    if (!representable(*ox, *oy)) {
        p->rejected = true;
        return false;
    }
    return true;
}

/* Appends a point (output pixels) to the open contour. */
static void push_point(struct yk_path *p, double x, double y)
{
    if (p->failed || !p->in_contour)
        return;
    if (!representable(x, y)) {
        p->rejected = true;
        return;
    }
    if (!yk_grow((void **)&p->pts, &p->pts_cap, p->npts + 1, sizeof *p->pts)) {
        p->failed = true;
        return;
    }
    p->pts[p->npts++] = (struct yk_point){(float)x, (float)y};
    p->contours[p->ncontours - 1].count++;
    p->cur = p->pts[p->npts - 1];
    p->has_cur = true;
}

/* Returns false if no contour was started (bad point, or out of memory). */
static bool begin_contour(struct yk_path *p, double x, double y)
{
    if (p->failed)
        return false;
    if (!representable(x, y)) {
        p->rejected = true;
        return false;
    }
    /* A move_to right after a move_to replaces it: a lone point is not a contour. */
    if (p->in_contour && p->contours[p->ncontours - 1].count == 1) {
        p->npts--;
        p->contours[p->ncontours - 1].count = 0;
    } else {
        if (!yk_grow((void **)&p->contours, &p->contours_cap, p->ncontours + 1,
                     sizeof *p->contours)) {
            p->failed = true;
            return false;
        }
        p->contours[p->ncontours++] = (struct yk_contour){p->npts, 0, false};
        p->in_contour = true;
    }
    push_point(p, x, y);
    return !p->failed;
}

/* Makes sure there is an open contour starting at the current point (after close(), SVG
 * style), or at (x, y) when there is no current point at all. Returns false if none. */
static bool ensure_contour(struct yk_path *p, double x, double y)
{
    if (p->in_contour)
        return true;
    if (p->has_cur)
        begin_contour(p, p->cur.x, p->cur.y);
    else
        begin_contour(p, x, y);
    return p->in_contour && !p->failed;
}

void yk_path_move_to(struct yk_path *p, float x, float y)
{
    double X, Y;
    if (xform(p, x, y, &X, &Y))
        begin_contour(p, X, Y);
}

void yk_path_line_to(struct yk_path *p, float x, float y)
{
    double X, Y;
    if (!xform(p, x, y, &X, &Y) || !ensure_contour(p, X, Y))
        return;
    push_point(p, X, Y);
}

static int segments_for(double v)
{
    /* v may be huge: compare as a double before converting. */
    if (!(v > 1.0))
        return 1;
    if (v >= MAX_CURVE_SEGMENTS)
        return MAX_CURVE_SEGMENTS;
    return (int)ceil(v);
}

void yk_path_quad_to(struct yk_path *p, float cx, float cy, float x, float y)
{
    double X1, Y1, X2, Y2;
    if (!xform(p, cx, cy, &X1, &Y1) || !xform(p, x, y, &X2, &Y2))
        return;
    if (!ensure_contour(p, X1, Y1))
        return;
    double X0 = p->cur.x, Y0 = p->cur.y;
    /* The chord of a parameter step h deviates at most |P0 - 2P1 + P2| h^2 / 4. */
    double dd = hypot(X0 - 2 * X1 + X2, Y0 - 2 * Y1 + Y2);
    int n = segments_for(sqrt(dd / (4.0 * p->tolerance)));
    for (int i = 1; i <= n; i++) {
        double t = (double)i / n, mt = 1.0 - t;
        push_point(p, mt * mt * X0 + 2 * mt * t * X1 + t * t * X2,
                   mt * mt * Y0 + 2 * mt * t * Y1 + t * t * Y2);
    }
}

void yk_path_cubic_to(struct yk_path *p, float c1x, float c1y, float c2x, float c2y, float x,
                      float y)
{
    double X1, Y1, X2, Y2, X3, Y3;
    if (!xform(p, c1x, c1y, &X1, &Y1) || !xform(p, c2x, c2y, &X2, &Y2) || !xform(p, x, y, &X3, &Y3))
        return;
    if (!ensure_contour(p, X1, Y1))
        return;
    double X0 = p->cur.x, Y0 = p->cur.y;
    /* |B''| <= 6 max(|P0 - 2P1 + P2|, |P1 - 2P2 + P3|); chord error <= |B''| h^2 / 8. */
    double d1 = hypot(X0 - 2 * X1 + X2, Y0 - 2 * Y1 + Y2);
    double d2 = hypot(X1 - 2 * X2 + X3, Y1 - 2 * Y2 + Y3);
    double m = d1 > d2 ? d1 : d2;
    int n = segments_for(sqrt(3.0 * m / (4.0 * p->tolerance)));
    for (int i = 1; i <= n; i++) {
        double t = (double)i / n, mt = 1.0 - t;
        double a = mt * mt * mt, b = 3 * mt * mt * t, c = 3 * mt * t * t, d = t * t * t;
        push_point(p, a * X0 + b * X1 + c * X2 + d * X3, a * Y0 + b * Y1 + c * Y2 + d * Y3);
    }
}

void yk_path_close(struct yk_path *p)
{
    if (!p->in_contour)
        return;
    struct yk_contour *c = &p->contours[p->ncontours - 1];
    c->closed = true;
    p->in_contour = false;
    p->cur = p->pts[c->start];
    p->has_cur = true;
}

/* Angle step so that a chord of a circle of radius r deviates at most tol from it. */
static double arc_step(double r, double tol)
{
    if (!(r > tol))
        return PI / 2;
    return 2.0 * acos(1.0 - tol / r);
}

/* Flattens an elliptical arc in output pixels. Interior vertices are pushed out by
 * sqrt(d / sin d) so that the polygon keeps the area of the true curve (a plain inscribed
 * polygon loses about 1% of a 30 px circle at 0.2 px tolerance); the end points stay exact so
 * that the arc meets the lines around it. full: a closed contour of its own. */
static void add_arc_px(struct yk_path *p, double cx, double cy, double rx, double ry, double a0,
                       double sweep, bool full)
{
    if (!isfinite(cx) || !isfinite(cy) || !isfinite(rx) || !isfinite(ry) || !isfinite(a0) ||
        !isfinite(sweep)) {
        p->rejected = true;
        return;
    }
    if (sweep > TWO_PI)
        sweep = TWO_PI;
    if (sweep < -TWO_PI)
        sweep = -TWO_PI;
    double rmax = fabs(rx) > fabs(ry) ? fabs(rx) : fabs(ry);
    double steps = fabs(sweep) / arc_step(rmax, p->tolerance);
    int n = steps >= MAX_ARC_SEGMENTS ? MAX_ARC_SEGMENTS : (int)ceil(steps);
    if (n < 1)
        n = 1;
    if (full && n < 8)
        n = 8;
    double delta = sweep / n;
    double k = fabs(delta) > 1e-9 ? sqrt(delta / sin(delta)) : 1.0;
    if (full) {
        if (!begin_contour(p, cx + k * rx * cos(a0), cy + k * ry * sin(a0)))
            return;
        for (int i = 1; i < n; i++) {
            double a = a0 + i * delta;
            push_point(p, cx + k * rx * cos(a), cy + k * ry * sin(a));
        }
        yk_path_close(p);
        return;
    }
    double sx = cx + rx * cos(a0), sy = cy + ry * sin(a0);
    if (p->in_contour)
        push_point(p, sx, sy);
    else if (!begin_contour(p, sx, sy))
        return;
    for (int i = 1; i <= n; i++) {
        double a = a0 + i * delta, f = i == n ? 1.0 : k;
        push_point(p, cx + f * rx * cos(a), cy + f * ry * sin(a));
    }
}

void yk_path_ellipse_arc(struct yk_path *p, float cx, float cy, float rx, float ry, float a0,
                         float sweep)
{
    double X, Y;
    if (!xform(p, cx, cy, &X, &Y))
        return;
    add_arc_px(p, X, Y, (double)rx * p->scale, (double)ry * p->scale, a0, sweep, false);
}

void yk_path_arc(struct yk_path *p, float cx, float cy, float r, float a0, float sweep)
{
    yk_path_ellipse_arc(p, cx, cy, r, r, a0, sweep);
}

void yk_path_ellipse(struct yk_path *p, float cx, float cy, float rx, float ry)
{
    double X, Y;
    if (!xform(p, cx, cy, &X, &Y))
        return;
    add_arc_px(p, X, Y, (double)rx * p->scale, (double)ry * p->scale, 0.0, TWO_PI, true);
}

void yk_path_circle(struct yk_path *p, float cx, float cy, float r)
{
    yk_path_ellipse(p, cx, cy, r, r);
}

void yk_path_rect(struct yk_path *p, float x, float y, float w, float h)
{
    yk_path_rounded_rect(p, x, y, w, h, 0.0f);
}

void yk_path_rounded_rect(struct yk_path *p, float x, float y, float w, float h, float r)
{
    if (w < 0) {
        x += w;
        w = -w;
    }
    if (h < 0) {
        y += h;
        h = -h;
    }
    float rmax = (w < h ? w : h) / 2;
    if (!(r > 0)) /* also NaN */
        r = 0;
    if (r > rmax)
        r = rmax;
    if (r == 0) {
        yk_path_move_to(p, x, y);
        yk_path_line_to(p, x + w, y);
        yk_path_line_to(p, x + w, y + h);
        yk_path_line_to(p, x, y + h);
        yk_path_close(p);
        return;
    }
    const float q = (float)(PI / 2);
    /* Each corner arc continues the contour started here. */
    yk_path_move_to(p, x + r, y);
    yk_path_arc(p, x + w - r, y + r, r, -q, q);
    yk_path_arc(p, x + w - r, y + h - r, r, 0, q);
    yk_path_arc(p, x + r, y + h - r, r, q, q);
    yk_path_arc(p, x + r, y + r, r, 2 * q, q);
    yk_path_close(p);
}

void yk_path_ring(struct yk_path *p, float cx, float cy, float r_outer, float r_inner)
{
    if (!(r_inner < r_outer) || !(r_outer > 0))
        return;
    yk_path_circle(p, cx, cy, r_outer);
    if (r_inner > 0) {
        double X, Y;
        if (!xform(p, cx, cy, &X, &Y))
            return;
        /* Counter-clockwise, so that non-zero filling cuts the hole. */
        double r = (double)r_inner * p->scale;
        add_arc_px(p, X, Y, r, r, 0.0, -TWO_PI, true);
    }
}

/* ---- edges ------------------------------------------------------------------------------- */

struct edge {
    double ytop, ybot; /* ytop < ybot */
    double xtop, dxdy;
    int dir;   /* +1 going down in the original orientation, -1 going up */
    int group; /* 0: fill, 1: stroke; each has its own winding count */
};

struct edges {
    struct edge *e;
    size_t n, cap;
    int h;
    double ymin, ymax;
    bool oom;
};

static void add_edge(struct edges *el, double x0, double y0, double x1, double y1, int dir,
                     int group)
{
    if (y0 == y1 || el->oom)
        return;
    if (y0 > y1) {
        double t = x0;
        x0 = x1;
        x1 = t;
        t = y0;
        y0 = y1;
        y1 = t;
        dir = -dir;
    }
    /* Never crossed by a sample line inside the buffer: cannot change any winding there. */
    if (y1 <= 0 || y0 >= el->h)
        return;
    if (!yk_grow((void **)&el->e, &el->cap, el->n + 1, sizeof *el->e)) {
        el->oom = true;
        return;
    }
    el->e[el->n++] = (struct edge){y0, y1, x0, (x1 - x0) / (y1 - y0), dir, group};
    if (el->n == 1 || y0 < el->ymin)
        el->ymin = y0;
    if (el->n == 1 || y1 > el->ymax)
        el->ymax = y1;
}

static void fill_edges(struct edges *el, const struct yk_path *p, int group)
{
    for (size_t c = 0; c < p->ncontours; c++) {
        const struct yk_contour *ct = &p->contours[c];
        if (ct->count < 2)
            continue;
        const struct yk_point *pt = p->pts + ct->start;
        for (size_t i = 0; i < ct->count; i++) {
            const struct yk_point *a = &pt[i], *b = &pt[(i + 1) % ct->count];
            add_edge(el, a->x, a->y, b->x, b->y, 1, group);
        }
    }
}

/* ---- strokes ----------------------------------------------------------------------------- */

/* A stroke is drawn as the outline of the union of its pieces: one rectangle per segment, a
 * wedge at the outer side of each join, a cap at each end. Instead of rasterising all those
 * overlapping pieces, the outline below is their boundary sum, which has the same winding
 * number everywhere (the number of pieces covering a point), so non-zero filling gives the
 * exact union with a fraction of the edges:
 * - on the outer side of a join the rectangle ends and the wedge edges cancel, leaving the arc
 *   (or miter point) between the two offset lines;
 * - on the inner side the two rectangle ends meet at the vertex: the outline goes in to the
 *   vertex and out again. When both segments are long enough that each offset end lies inside
 *   the other rectangle, the shortcut straight across only changes the winding of a triangle
 *   already covered twice, and is taken. */

struct pts {
    double *xy; /* x, y pairs */
    size_t n, cap;
    bool oom;
};

static void pt_add(struct pts *b, double x, double y)
{
    if (b->oom)
        return;
    if (!yk_grow((void **)&b->xy, &b->cap, b->n + 1, 2 * sizeof(double))) {
        b->oom = true;
        return;
    }
    b->xy[2 * b->n] = x;
    b->xy[2 * b->n + 1] = y;
    b->n++;
}

/* Twice the signed area of the closed polygon xy[0..n). */
static double twice_area(const double *xy, size_t n)
{
    double a = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 == n ? 0 : i + 1;
        a += xy[2 * i] * xy[2 * j + 1] - xy[2 * j] * xy[2 * i + 1];
    }
    return a;
}

static void add_loop(struct edges *el, const double *xy, size_t n, int sign, int group)
{
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1 == n ? 0 : i + 1;
        add_edge(el, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1], sign, group);
    }
}

struct stroker {
    struct edges *el;
    double hw; /* half width */
    double tol;
    enum yk_line_cap cap;
    enum yk_line_join join;
    double miter_limit;
    int group;
    struct pts out; /* the outline being built */
    double *dir;    /* per segment: unit direction x, y and length */
    size_t dir_cap;
};

/* Appends the points of an arc of radius hw around (cx, cy) from angle a0 sweeping by sweep,
 * without its end points (the caller adds those exactly). Interior points are pushed out as in
 * add_arc_px() so that round parts keep their true area. */
static void emit_arc(struct stroker *s, double cx, double cy, double a0, double sweep)
{
    double steps = fabs(sweep) / arc_step(s->hw, s->tol);
    int n = steps >= MAX_WEDGE_SEGMENTS ? MAX_WEDGE_SEGMENTS : (int)ceil(steps);
    if (n < 2)
        return;
    double delta = sweep / n;
    double r = s->hw * sqrt(delta / sin(delta));
    for (int i = 1; i < n; i++) {
        double a = a0 + i * delta;
        pt_add(&s->out, cx + r * cos(a), cy + r * sin(a));
    }
}

/* Outline points at vertex (x, y) on one side: arriving at offset a, leaving at offset b (both
 * hw long), turning by sweep as seen from this side. outer: this side is the outside of the
 * turn; shortcut: an inner corner may go straight across (see above). */
static void emit_join(struct stroker *s, double x, double y, double ax, double ay, double bx,
                      double by, double sweep, bool outer, bool shortcut)
{
    pt_add(&s->out, x + ax, y + ay);
    if (outer && s->join == YK_JOIN_ROUND) {
        emit_arc(s, x, y, atan2(ay, ax), sweep);
    } else if (outer && s->join == YK_JOIN_MITER) {
        double c = (ax * bx + ay * by) / (s->hw * s->hw);
        double cos_half = sqrt((1.0 + c) / 2.0);
        double mx = ax + bx, my = ay + by, ml = hypot(mx, my);
        /* Miter ratio = 1 / cos(turn / 2); past the limit this is a bevel. */
        if (cos_half > 1e-9 && 1.0 / cos_half <= s->miter_limit && ml > 0) {
            double t = s->hw / cos_half / ml;
            pt_add(&s->out, x + mx * t, y + my * t);
        }
    } else if (!outer && !shortcut) {
        pt_add(&s->out, x, y);
    }
    pt_add(&s->out, x + bx, y + by);
}

/* Cap at (x, y) with unit direction (dx, dy) pointing out of the line: the outline arrives at
 * (x, y) + n and leaves from (x, y) - n, with n = (-dy, dx) * hw. */
static void emit_cap(struct stroker *s, double x, double y, double dx, double dy)
{
    double nx = -dy * s->hw, ny = dx * s->hw;
    pt_add(&s->out, x + nx, y + ny);
    if (s->cap == YK_CAP_ROUND) {
        emit_arc(s, x, y, atan2(ny, nx), -PI); /* from +n sweeping -pi passes through +d */
    } else if (s->cap == YK_CAP_SQUARE) {
        pt_add(&s->out, x + nx + dx * s->hw, y + ny + dy * s->hw);
        pt_add(&s->out, x - nx + dx * s->hw, y - ny + dy * s->hw);
    }
    pt_add(&s->out, x - nx, y - ny);
}

/* The join at vertex q[v] between segments i (arriving) and j (leaving), on the side of +n
 * (plus) or -n, where n = d rotated +90 degrees. */
static void join_at(struct stroker *s, const double *q, size_t v, size_t i, size_t j, bool plus)
{
    const double *d1 = s->dir + 3 * i, *d2 = s->dir + 3 * j;
    double cross = d1[0] * d2[1] - d1[1] * d2[0], dot = d1[0] * d2[0] + d1[1] * d2[1];
    bool straight = fabs(cross) < 1e-9 && dot > 0;
    bool reversal = fabs(cross) < 1e-9 && dot < 0;
    double turn = reversal ? -PI : atan2(cross, dot);
    /* A positive cross turns towards +n: then the +n side is inside. A U-turn is rounded on
     * the +n side. */
    bool plus_outer = !straight && (cross < 0 || reversal);
    double overlap = s->hw * fabs(cross); /* hw * |sin(turn)| */
    bool shortcut = straight || (d1[2] >= overlap && d2[2] >= overlap);
    double h = s->hw;
    double n1x = -d1[1] * h, n1y = d1[0] * h, n2x = -d2[1] * h, n2y = d2[0] * h;
    double x = q[2 * v], y = q[2 * v + 1];
    if (plus)
        emit_join(s, x, y, n1x, n1y, n2x, n2y, turn, plus_outer, shortcut);
    else /* walked backwards: from segment j's offset to segment i's */
        emit_join(s, x, y, -n2x, -n2y, -n1x, -n1y, -turn, !straight && !plus_outer, shortcut);
}

/* Adds the outline(s) in s->out, split at `split` points when there are two loops, wound
 * positively together. */
static void flush_outline(struct stroker *s, size_t split)
{
    const double *xy = s->out.xy;
    size_t n = s->out.n;
    double a = split < n ? twice_area(xy, split) + twice_area(xy + 2 * split, n - split)
                         : twice_area(xy, n);
    if (!(fabs(a) > 1e-12)) /* no area (or NaN): nothing to draw */
        return;
    int sign = a > 0 ? 1 : -1;
    if (split < n) {
        add_loop(s->el, xy, split, sign, s->group);
        add_loop(s->el, xy + 2 * split, n - split, sign, s->group);
    } else {
        add_loop(s->el, xy, n, sign, s->group);
    }
}

/* q: the contour's points with near-duplicates removed (m of them). */
static void stroke_polyline(struct stroker *s, const double *q, size_t m, bool closed)
{
    s->out.n = 0;
    if (m == 1) {
        if (s->cap == YK_CAP_ROUND) {
            pt_add(&s->out, q[0] + s->hw, q[1]);
            emit_arc(s, q[0], q[1], 0.0, TWO_PI);
        } else if (s->cap == YK_CAP_SQUARE) {
            double x = q[0], y = q[1], h = s->hw;
            pt_add(&s->out, x - h, y - h);
            pt_add(&s->out, x + h, y - h);
            pt_add(&s->out, x + h, y + h);
            pt_add(&s->out, x - h, y + h);
        }
        if (!s->out.oom)
            flush_outline(s, s->out.n);
        return;
    }
    size_t nseg = closed ? m : m - 1;
    if (!yk_grow((void **)&s->dir, &s->dir_cap, nseg, 3 * sizeof(double))) {
        s->el->oom = true;
        return;
    }
    for (size_t i = 0; i < nseg; i++) {
        size_t j = i + 1 == m ? 0 : i + 1;
        double dx = q[2 * j] - q[2 * i], dy = q[2 * j + 1] - q[2 * i + 1], len = hypot(dx, dy);
        s->dir[3 * i] = dx / len;
        s->dir[3 * i + 1] = dy / len;
        s->dir[3 * i + 2] = len;
    }
    size_t split;
    if (closed) {
        for (size_t v = 0; v < m; v++)
            join_at(s, q, v, v == 0 ? m - 1 : v - 1, v, true);
        split = s->out.n;
        for (size_t v = m; v-- > 0;)
            join_at(s, q, v, v == 0 ? m - 1 : v - 1, v, false);
    } else {
        const double *d0 = s->dir, *dl = s->dir + 3 * (nseg - 1);
        for (size_t v = 1; v + 1 < m; v++)
            join_at(s, q, v, v - 1, v, true);
        emit_cap(s, q[2 * (m - 1)], q[2 * (m - 1) + 1], dl[0], dl[1]);
        for (size_t v = m - 1; v-- > 1;)
            join_at(s, q, v, v - 1, v, false);
        emit_cap(s, q[0], q[1], -d0[0], -d0[1]);
        split = s->out.n;
    }
    if (s->out.oom) {
        s->el->oom = true;
        return;
    }
    flush_outline(s, split);
}

static void stroke_edges(struct edges *el, const struct yk_path *p, const struct yk_stroke *st,
                         int group)
{
    if (!(st->width > 0) || !isfinite(st->width))
        return;
    struct stroker s = {
        .el = el,
        .hw = st->width / 2.0,
        .tol = p->tolerance,
        .cap = st->cap,
        .join = st->join,
        .miter_limit = st->miter_limit >= 1.0f ? st->miter_limit : 4.0,
        .group = group,
    };
    size_t maxc = 0;
    for (size_t c = 0; c < p->ncontours; c++)
        if (p->contours[c].count > maxc)
            maxc = p->contours[c].count;
    double *q = maxc ? calloc(maxc, 2 * sizeof *q) : NULL;
    if (maxc && !q) {
        el->oom = true;
        return;
    }
    for (size_t c = 0; c < p->ncontours && !el->oom; c++) {
        const struct yk_contour *ct = &p->contours[c];
        if (ct->count < 2)
            continue; /* a lone move_to draws nothing; move_to + line_to in place is a dot */
        const struct yk_point *pt = p->pts + ct->start;
        size_t m = 0;
        for (size_t i = 0; i < ct->count; i++) {
            if (m > 0 && hypot(pt[i].x - q[2 * m - 2], pt[i].y - q[2 * m - 1]) < DEDUP_EPS)
                continue;
            q[2 * m] = pt[i].x;
            q[2 * m + 1] = pt[i].y;
            m++;
        }
        if (ct->closed && m > 1 && hypot(q[0] - q[2 * m - 2], q[1] - q[2 * m - 1]) < DEDUP_EPS)
            m--;
        stroke_polyline(&s, q, m, ct->closed);
    }
    free(q);
    free(s.out.xy);
    free(s.dir);
}

/* ---- scan conversion --------------------------------------------------------------------- */

struct active {
    double x;    /* where the edge crosses the current sample line */
    double step; /* x change from one sample line to the next */
    double ybot;
    int wfill, wstroke; /* winding change for the fill and the stroke count: one is 0 */
};

static int cmp_edge(const void *a, const void *b)
{
    double ya = ((const struct edge *)a)->ytop, yb = ((const struct edge *)b)->ytop;
    return (ya > yb) - (ya < yb);
}

/* Coverage of one pixel row, in fixed point: 1/256 px per sample line, so a fully covered
 * pixel sums to SUBSAMPLES * 256. It is kept as differences: a span edge at pixel i with
 * fraction f adds (256 - f) at i and f at i + 1 (negated for the end of a span), and the
 * running sum along the row is the coverage. Two adds per span end, no branches, integers:
 * this is the innermost loop on the Pi. */
#define FIX 256
#define FULL (SUBSAMPLES * FIX)

struct row {
    int32_t *d; /* w + 2 differences */
    int w;
    int minx, maxx; /* pixels touched since the last flush */
};

/* Adds the horizontal span [xa, xb) of one sample line, clipped to the row. */
static void add_span(struct row *r, double xa, double xb)
{
    if (xa < 0)
        xa = 0;
    if (xb > r->w)
        xb = r->w;
    if (!(xa < xb))
        return;
    int fa = (int)(xa * FIX + 0.5), fb = (int)(xb * FIX + 0.5);
    int ia = fa / FIX, ib = fb / FIX; /* both >= 0 */
    r->d[ia] += FIX - fa % FIX;
    r->d[ia + 1] += fa % FIX;
    r->d[ib] -= FIX - fb % FIX;
    r->d[ib + 1] -= fb % FIX;
    if (ia < r->minx)
        r->minx = ia;
    if (ib > r->maxx)
        r->maxx = ib;
}

/* Turns the accumulated row into coverage, adds it to out, and clears the row for reuse. */
static void flush_row(struct row *r, uint8_t *out)
{
    int end = r->maxx < r->w ? r->maxx : r->w - 1;
    int32_t acc = 0;
    for (int x = r->minx; x <= end; x++) {
        acc += r->d[x];
        int32_t a = (acc * 255 + FULL / 2) / FULL;
        if (a > 0) {
            int32_t sum = out[x] + a;
            out[x] = (uint8_t)(sum > 255 ? 255 : sum);
        }
    }
    memset(r->d + r->minx, 0, (size_t)(r->maxx - r->minx + 2) * sizeof *r->d);
    r->minx = r->w + 1;
    r->maxx = -1;
}

static bool rasterize(struct edges *el, uint8_t *alpha, int w, int h, int stride)
{
    if (el->n == 0)
        return true;
    qsort(el->e, el->n, sizeof *el->e, cmp_edge);
    /* ymin < h and ymax > 0 hold for every kept edge. */
    double fy0 = floor(el->ymin), fy1 = ceil(el->ymax);
    int y0 = fy0 < 0 ? 0 : (int)fy0;
    int y1 = fy1 > h ? h : (int)fy1;

    /* The active edges carry all they need (no lookups into the edge list in the inner loop)
     * and stay sorted by x from one sample line to the next, so re-sorting them by insertion
     * is close to linear. */
    struct active *act = malloc(el->n * sizeof *act);
    struct row r = {
        .d = calloc((size_t)w + 2, sizeof(int32_t)),
        .w = w,
        .minx = w + 1,
        .maxx = -1,
    };
    bool ok = act && r.d;
    size_t next = 0, nact = 0;
    const struct edge *E = el->e;
    const double dy = 1.0 / SUBSAMPLES;
    for (int py = y0; ok && py < y1; py++) {
        for (int sub = 0; sub < SUBSAMPLES; sub++) {
            double ys = py + (sub + 0.5) * dy;
            size_t k = 0;
            for (size_t i = 0; i < nact; i++) {
                if (act[i].ybot <= ys)
                    continue;
                if (k != i)
                    act[k] = act[i];
                act[k].x += act[k].step;
                k++;
            }
            nact = k;
            for (; next < el->n && E[next].ytop <= ys; next++) {
                const struct edge *e = &E[next];
                if (e->ybot > ys)
                    act[nact++] =
                        (struct active){e->xtop + (ys - e->ytop) * e->dxdy, e->dxdy * dy, e->ybot,
                                        e->group ? 0 : e->dir, e->group ? e->dir : 0};
            }
            for (size_t i = 1; i < nact; i++) {
                if (!(act[i - 1].x > act[i].x))
                    continue;
                struct active t = act[i];
                size_t j = i;
                for (; j > 0 && act[j - 1].x > t.x; j--)
                    act[j] = act[j - 1];
                act[j] = t;
            }
            int wf = 0, ws = 0;
            double start = 0;
            for (size_t i = 0; i < nact; i++) {
                bool was = (wf | ws) != 0;
                wf += act[i].wfill;
                ws += act[i].wstroke;
                bool now = (wf | ws) != 0;
                if (was != now) {
                    if (now)
                        start = act[i].x;
                    else
                        add_span(&r, start, act[i].x);
                }
            }
        }
        if (r.maxx >= 0)
            flush_row(&r, alpha + (size_t)py * (size_t)stride);
    }
    free(act);
    free(r.d);
    return ok;
}

/* ---- public drawing ---------------------------------------------------------------------- */

bool yk_raster_draw(const struct yk_path *fill, const struct yk_path *stroke,
                    const struct yk_stroke *style, uint8_t *alpha, int w, int h, int stride)
{
    assert(!stroke || style);
    if (w <= 0 || h <= 0)
        return true;
    assert(alpha && stride >= w);
    if (w > YK_RASTER_MAX_DIM || h > YK_RASTER_MAX_DIM) {
        yk_error("raster", "buffer %dx%d larger than %d", w, h, YK_RASTER_MAX_DIM);
        return false;
    }
    if ((fill && fill->failed) || (stroke && stroke->failed)) {
        yk_warn("raster", "path incomplete (out of memory while building): not drawn");
        return false;
    }
    struct edges el = {.h = h};
    if (fill)
        fill_edges(&el, fill, 0);
    if (stroke)
        stroke_edges(&el, stroke, style, 1);
    bool ok = !el.oom && rasterize(&el, alpha, w, h, stride);
    free(el.e);
    if (!ok)
        yk_error("raster", "out of memory rasterising %zu edges into %dx%d", el.n, w, h);
    return ok;
}

bool yk_raster_fill(const struct yk_path *path, uint8_t *alpha, int w, int h, int stride)
{
    return yk_raster_draw(path, NULL, NULL, alpha, w, h, stride);
}

bool yk_raster_stroke(const struct yk_path *path, const struct yk_stroke *style, uint8_t *alpha,
                      int w, int h, int stride)
{
    return yk_raster_draw(NULL, path, style, alpha, w, h, stride);
}

bool yk_raster_rounded_rect_mask(int w, int h, float radius, uint8_t *alpha)
{
    if (w <= 0 || h <= 0)
        return true;
    memset(alpha, 0, (size_t)w * (size_t)h);
    struct yk_path p;
    yk_path_init(&p);
    yk_path_rounded_rect(&p, 0, 0, (float)w, (float)h, radius);
    bool ok = yk_raster_fill(&p, alpha, w, h, w);
    yk_path_destroy(&p);
    return ok;
}

bool yk_raster_circle_mask(int size, uint8_t *alpha)
{
    if (size <= 0)
        return true;
    memset(alpha, 0, (size_t)size * (size_t)size);
    struct yk_path p;
    yk_path_init(&p);
    yk_path_circle(&p, size / 2.0f, size / 2.0f, size / 2.0f);
    bool ok = yk_raster_fill(&p, alpha, size, size, size);
    yk_path_destroy(&p);
    return ok;
}
