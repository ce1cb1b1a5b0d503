/* Rectangle arithmetic for layouts: cutting a rect into parts, insets, grids. Declared in
 * ui/ui.h. */
#include "ui/ui.h"

struct yk_rect yk_cut_top(struct yk_rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    struct yk_rect out = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return out;
}

struct yk_rect yk_cut_bottom(struct yk_rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    r->h -= h;
    return (struct yk_rect){r->x, r->y + r->h, r->w, h};
}

struct yk_rect yk_cut_left(struct yk_rect *r, int w)
{
    if (w > r->w)
        w = r->w;
    struct yk_rect out = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return out;
}

struct yk_rect yk_cut_right(struct yk_rect *r, int w)
{
    if (w > r->w)
        w = r->w;
    r->w -= w;
    return (struct yk_rect){r->x + r->w, r->y, w, r->h};
}

struct yk_rect yk_inset(struct yk_rect r, int d)
{
    r.x += d;
    r.y += d;
    r.w -= 2 * d;
    r.h -= 2 * d;
    if (r.w < 0)
        r.w = 0;
    if (r.h < 0)
        r.h = 0;
    return r;
}

struct yk_rect yk_rect_intersect(struct yk_rect a, struct yk_rect b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
    int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    if (x1 <= x0 || y1 <= y0)
        return (struct yk_rect){x0, y0, 0, 0};
    return (struct yk_rect){x0, y0, x1 - x0, y1 - y0};
}

bool yk_rect_contains(struct yk_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

struct yk_rect yk_grid_cell(struct yk_rect r, int cols, int rows, int col, int row, int gap)
{
    int cw = (r.w - gap * (cols - 1)) / cols;
    int ch = (r.h - gap * (rows - 1)) / rows;
    return (struct yk_rect){r.x + col * (cw + gap), r.y + row * (ch + gap), cw, ch};
}
