/* The checks the headless driver runs on the last build (check-layout, check-choices,
 * check-contrast): the rules every screen keeps, said once. Read-only on the UI. */
#include "ui/ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static bool overlap(struct yk_rect a, struct yk_rect b)
{
    struct yk_rect i = yk_rect_intersect(a, b);
    return i.w > 0 && i.h > 0;
}

int yk_ui_check_layout(const struct yk_ui *ui, char *err, size_t errn)
{
    int problems = 0;
    size_t used = 0;
    if (errn)
        err[0] = 0;
#define REPORT(...)                                                                                \
    do {                                                                                           \
        problems++;                                                                                \
        if (used < errn) {                                                                         \
            int k = snprintf(err + used, errn - used, __VA_ARGS__);                                \
            if (k > 0)                                                                             \
                used += (size_t)k;                                                                 \
        }                                                                                          \
    } while (0)
    struct yk_rect screen = {0, 0, ui->p.width, ui->p.height};
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (w->vis.w <= 0 || w->vis.h <= 0)
            continue;
        if (w->clipped)
            REPORT("%s: text does not fit its box (%dx%d)\n", w->id, w->r.w, w->r.h);
        struct yk_rect in = yk_rect_intersect(w->r, screen);
        if (in.w != w->r.w || in.h != w->r.h)
            if (!w->tappable || w->vis.w == w->r.w) /* scrolled-off parts are fine */
                if (w->role != YK_ROLE_LIST && w->vis.h == w->r.h)
                    REPORT("%s: outside the screen\n", w->id);
        if (!w->tappable)
            continue;
        /* A target partly scrolled out of view is still full-size on the panel. */
        if (w->r.w < ui->theme.touch_min || w->r.h < ui->theme.touch_min)
            REPORT("%s: touch target %dx%d px is under %d px (9 mm)\n", w->id, w->r.w, w->r.h,
                   ui->theme.touch_min);
        for (size_t j = i + 1; j < ui->n_widgets; j++) {
            const struct yk_widget *o = &ui->widgets[j];
            if (o->tappable && o->vis.w > 0 && overlap(w->vis, o->vis))
                REPORT("%s overlaps %s\n", w->id, o->id);
        }
    }
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if ((w->role != YK_ROLE_TEXT && w->role != YK_ROLE_HEADING) || w->vis.w <= 0)
            continue;
        for (size_t j = i + 1; j < ui->n_widgets; j++) {
            const struct yk_widget *o = &ui->widgets[j];
            if (o->vis.w <= 0 || !overlap(w->vis, o->vis))
                continue;
            /* Words inside a button are its label: only a partial overlap is wrong. */
            if (o->tappable && yk_rect_intersect(w->vis, o->vis).w == w->vis.w &&
                yk_rect_intersect(w->vis, o->vis).h == w->vis.h)
                continue;
            if (o->role == YK_ROLE_TEXT || o->role == YK_ROLE_HEADING || o->tappable)
                REPORT("%s overlaps %s\n", w->id, o->id);
        }
    }
#undef REPORT
    return problems;
}

int yk_ui_check_choices(const struct yk_ui *ui, char *err, size_t errn)
{
    int problems = 0, marked = 0;
    size_t used = 0;
    if (errn)
        err[0] = 0;
    struct yk_rect screen = {0, 0, ui->p.width, ui->p.height};
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (!w->primary)
            continue;
        marked++;
        struct yk_rect on = yk_rect_intersect(w->r, screen);
        const char *why = NULL;
        if (w->vis.w <= 0 || w->vis.h <= 0)
            why = "not in view";
        else if (w->vis.w != w->r.w || w->vis.h != w->r.h || on.w != w->r.w || on.h != w->r.h)
            why = "only partly in view";
        else if (w->clipped)
            why = "its text does not fit";
        if (!why)
            continue;
        problems++;
        if (used < errn) {
            int k =
                snprintf(err + used, errn - used, "%s (%s): %s (%dx%d at %d,%d; %dx%d shown)\n",
                         w->id, w->text, why, w->r.w, w->r.h, w->r.x, w->r.y, w->vis.w, w->vis.h);
            if (k > 0)
                used += (size_t)k;
        }
    }
    return marked ? problems : -1;
}

/* ---------------------------------------------------------------- contrast */

static double lin(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(struct yk_color c)
{
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

double yk_contrast_ratio(struct yk_color a, struct yk_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static struct yk_color blend(struct yk_color top, struct yk_color under)
{
    unsigned a = top.a;
    return (struct yk_color){(uint8_t)((top.r * a + under.r * (255 - a)) / 255),
                             (uint8_t)((top.g * a + under.g * (255 - a)) / 255),
                             (uint8_t)((top.b * a + under.b * (255 - a)) / 255), 255};
}

/* The colour under point (x, y) just before command index end. */
static struct yk_color colour_under(const struct yk_ui *ui, size_t end, int x, int y)
{
    for (size_t j = end; j-- > 0;) {
        const struct yk_cmd *c = &ui->cmds[j];
        if (c->type != YK_CMD_FILL || !yk_rect_contains(c->r, x, y))
            continue;
        if (c->color.a == 255)
            return c->color;
        return blend(c->color, colour_under(ui, j, x, y));
    }
    return (struct yk_color){0, 0, 0, 255}; /* the cleared screen */
}

int yk_ui_check_contrast(const struct yk_ui *ui, double min, char *err, size_t errn)
{
    int bad = 0;
    size_t used = 0;
    if (errn)
        err[0] = 0;
    struct yk_rect screen = {0, 0, ui->p.width, ui->p.height}, clip = screen;
    for (size_t i = 0; i < ui->n_cmds; i++) {
        const struct yk_cmd *c = &ui->cmds[i];
        if (c->type == YK_CMD_CLIP)
            clip = c->r.w > 0 ? c->r : screen;
        if (c->type != YK_CMD_TEXT)
            continue;
        /* Judge the part that shows: a line scrolled half under the header is seen only
         * inside its list. */
        struct yk_rect v = yk_rect_intersect(c->r, clip);
        if (v.w <= 0 || v.h <= 0)
            continue;
        int x = v.x + v.w / 2, y = v.y + v.h / 2;
        struct yk_color bg = colour_under(ui, i, x, y);
        struct yk_color fg = c->color.a == 255 ? c->color : blend(c->color, bg);
        double r = yk_contrast_ratio(fg, bg);
        if (r + 1e-9 >= min)
            continue;
        bad++;
        if (used < errn) {
            size_t shown = 0; /* up to about 40 bytes, ending on a character boundary */
            while (shown < c->len && shown < 40)
                shown += yk_utf8_len(c->text + shown);
            if (shown > c->len)
                shown = c->len;
            int k = snprintf(err + used, errn - used,
                             "'%.*s': contrast %.2f:1 (#%02x%02x%02x on #%02x%02x%02x)\n",
                             (int)shown, c->text, r, fg.r, fg.g, fg.b, bg.r, bg.g, bg.b);
            if (k > 0)
                used += (size_t)k;
        }
    }
    /* Each button in the state it is not in now: pressed under a finger, or not. A line
     * drawn in the button's colours (its label, its second line) is judged against the
     * button's background in that state. */
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (!w->has_colors || !w->enabled || !w->text[0] || w->vis.w <= 0 || w->vis.h <= 0)
            continue;
        for (int pressed = 0; pressed < 2; pressed++) {
            struct yk_color bg, fg, sub;
            yk_ui_button_colors(&ui->theme, w->st_bg, w->st_fg, pressed, true, &bg, &fg, &sub);
            double r = yk_contrast_ratio(fg, bg);
            double r2 = w->has_sub ? yk_contrast_ratio(sub, bg) : 21.0;
            if (r + 1e-9 >= min && r2 + 1e-9 >= min)
                continue;
            bad++;
            if (used < errn) {
                int k = snprintf(err + used, errn - used, "%s%s: contrast %.2f:1%s\n", w->id,
                                 pressed ? " (pressed)" : "", r < r2 ? r : r2,
                                 r2 < r ? " (its second line)" : "");
                if (k > 0)
                    used += (size_t)k;
            }
        }
    }
    return bad;
}
