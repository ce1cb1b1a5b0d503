#ifndef YK_RASTER_H
#define YK_RASTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An anti-aliased vector rasteriser into 8-bit coverage (alpha) buffers, for icons, rounded
 * panels and anything else the renderer uploads as a mask and tints. Pure C, no SDL.
 *
 * Paths are built in float coordinates, passed through the path's transform (uniform scale,
 * then translate) and flattened to polylines at once, so every curve is flattened in output
 * pixels (tolerance 0.2 px by default). Filling uses the non-zero rule; coverage is exact
 * horizontally and sampled on 16 sub-scanlines per pixel row, and the union of overlapping
 * contours is computed properly (no double-dark seams where stroke pieces overlap).
 *
 * Drawing ADDS coverage to the buffer, saturating at 255, so several shapes combine.
 * Everything is clipped to the buffer; coordinates far outside it, zero-length segments and
 * non-finite numbers never crash and never write outside w x h. Non-finite coordinates are
 * dropped when they are added (yk_path_rejected() tells).
 *
 * Angles are in radians, measured from +x towards +y; with y pointing down on screen, a
 * positive sweep runs clockwise. Not thread-safe per path; separate paths are independent. */

/* Largest buffer side the rasteriser accepts (drawing into a larger one returns false). */
#define YK_RASTER_MAX_DIM (1 << 20)

struct yk_point {
    float x, y;
};

struct yk_contour {
    size_t start; /* index of the first point in yk_path.pts */
    size_t count; /* number of points */
    bool closed;  /* yk_path_close() was called: strokes join the ends */
};

/* Treat the fields as read-only: use the functions below. */
struct yk_path {
    struct yk_point *pts; /* owned, flattened points in output pixels */
    size_t npts, pts_cap;
    struct yk_contour *contours; /* owned */
    size_t ncontours, contours_cap;
    float scale, tx, ty; /* transform of incoming coordinates: p * scale + (tx, ty) */
    float tolerance;     /* maximum flattening error, output pixels */
    struct yk_point cur; /* current point (output pixels), valid when has_cur */
    bool has_cur;
    bool in_contour; /* the last contour is open and takes line_to */
    bool failed;     /* an allocation failed: the path is incomplete (sticky) */
    bool rejected;   /* a command with a non-finite coordinate was dropped */
};

/* Makes an empty path with the identity transform. Never allocates; cannot fail. */
void yk_path_init(struct yk_path *p);

/* Frees the path's memory (NULL-safe) and leaves it empty and reusable. */
void yk_path_destroy(struct yk_path *p);

/* Empties the path but keeps its memory and transform, for building the next shape. */
void yk_path_reset(struct yk_path *p);

/* Sets the transform applied to coordinates added from now on: p * scale + (tx, ty). */
void yk_path_set_transform(struct yk_path *p, float scale, float tx, float ty);

/* Sets the flattening tolerance in output pixels (clamped to 0.01..10; default 0.2). */
void yk_path_set_tolerance(struct yk_path *p, float tolerance_px);

/* True unless an allocation failed while building (drawing such a path returns false). */
bool yk_path_ok(const struct yk_path *p);

/* True if some command was dropped because a coordinate was NaN or infinite. */
bool yk_path_rejected(const struct yk_path *p);

/* Starts a new contour at (x, y). */
void yk_path_move_to(struct yk_path *p, float x, float y);

/* Adds a straight segment from the current point (acts as move_to when there is none). */
void yk_path_line_to(struct yk_path *p, float x, float y);

/* Adds a quadratic Bezier with control point (cx, cy), flattened at once. */
void yk_path_quad_to(struct yk_path *p, float cx, float cy, float x, float y);

/* Adds a cubic Bezier with control points (c1x, c1y), (c2x, c2y), flattened at once. */
void yk_path_cubic_to(struct yk_path *p, float c1x, float c1y, float c2x, float c2y, float x,
                      float y);

/* Closes the current contour; the next segment starts again from its first point. */
void yk_path_close(struct yk_path *p);

/* Adds a circular arc of radius r around (cx, cy) from angle a0 sweeping by sweep radians
 * (clamped to +-2pi). Joins the current contour with a line to the arc's start, or starts a
 * new contour when there is none. */
void yk_path_arc(struct yk_path *p, float cx, float cy, float r, float a0, float sweep);

/* Adds an elliptical arc (axis-aligned radii rx, ry); otherwise as yk_path_arc(). */
void yk_path_ellipse_arc(struct yk_path *p, float cx, float cy, float rx, float ry, float a0,
                         float sweep);

/* Adds a closed circle as its own contour (clockwise on screen). Area-exact flattening. */
void yk_path_circle(struct yk_path *p, float cx, float cy, float r);

/* Adds a closed axis-aligned ellipse as its own contour (clockwise on screen). */
void yk_path_ellipse(struct yk_path *p, float cx, float cy, float rx, float ry);

/* Adds a closed rectangle as its own contour; negative w/h are normalised. */
void yk_path_rect(struct yk_path *p, float x, float y, float w, float h);

/* Adds a closed rectangle with corner radius r (clamped to 0..min(w,h)/2). */
void yk_path_rounded_rect(struct yk_path *p, float x, float y, float w, float h, float r);

/* Adds a ring (annulus): the outer circle clockwise and the inner one counter-clockwise, so
 * filling leaves the hole. r_inner >= r_outer gives nothing. */
void yk_path_ring(struct yk_path *p, float cx, float cy, float r_outer, float r_inner);

enum yk_line_cap { YK_CAP_BUTT, YK_CAP_ROUND, YK_CAP_SQUARE };
enum yk_line_join { YK_JOIN_ROUND, YK_JOIN_MITER, YK_JOIN_BEVEL };

struct yk_stroke {
    float width; /* full line width in output pixels (not scaled by the transform) */
    enum yk_line_cap cap;
    enum yk_line_join join;
    float miter_limit; /* miter length / width above which a miter becomes a bevel; <1 = 4 */
};

/* Adds the non-zero fill of path to alpha (w x h bytes, rows stride bytes apart), saturating
 * at 255. Every contour is implicitly closed. Returns false (drawing nothing) if the path is
 * incomplete, memory runs out or w or h exceeds YK_RASTER_MAX_DIM. w or h <= 0 draws nothing
 * and returns true. */
bool yk_raster_fill(const struct yk_path *path, uint8_t *alpha, int w, int h, int stride);

/* Adds the stroke of path (each contour as a polyline, closed ones joined all round) to
 * alpha. A contour that is a single point becomes a dot with round or square caps. Returns
 * as yk_raster_fill(). */
bool yk_raster_stroke(const struct yk_path *path, const struct yk_stroke *style, uint8_t *alpha,
                      int w, int h, int stride);

/* Adds the union of the fill of `fill` and the stroke of `stroke` in one pass, so pixels
 * where the two overlap are not counted twice. Either path may be NULL. */
bool yk_raster_draw(const struct yk_path *fill, const struct yk_path *stroke,
                    const struct yk_stroke *style, uint8_t *alpha, int w, int h, int stride);

/* Clears alpha (w x h, stride w) and fills a rounded rectangle covering all of it, with corner
 * radius `radius` pixels (clamped to half the shorter side). For panels and buttons. */
bool yk_raster_rounded_rect_mask(int w, int h, float radius, uint8_t *alpha);

/* Clears alpha (size x size, stride size) and fills the disc inscribed in it. */
bool yk_raster_circle_mask(int size, uint8_t *alpha);

#endif
