#include "ui/ui.h"

#include "core/grow.h"
#include "core/icons.h"
#include "core/qr.h"
#include "core/utf8.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- arena */

/* The arena is a chain of blocks that never move, so pointers handed out stay valid for
 * the whole build. */
struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
};

static void *arena_alloc(struct yk_ui *ui, size_t n)
{
    struct arena_block *b = (struct arena_block *)ui->arena;
    n = (n + 7) & ~(size_t)7;
    if (!b || b->used + n > b->cap) {
        size_t cap = n > 65536 ? n : 65536;
        struct arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) {
            ui->oom = true;
            return NULL;
        }
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        ui->arena = (char *)nb;
        ui->arena_cap += cap;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    ui->arena_used += n;
    return p;
}

static void arena_reset(struct yk_ui *ui)
{
    struct arena_block *b = (struct arena_block *)ui->arena;
    if (!b)
        return;
    /* Keep the newest block (the one most likely big enough), free the rest. */
    struct arena_block *rest = b->next;
    b->next = NULL;
    b->used = 0;
    while (rest) {
        struct arena_block *n = rest->next;
        free(rest);
        rest = n;
    }
    ui->arena_used = 0;
    ui->arena_cap = b->cap;
}

const char *yk_ui_strdup(struct yk_ui *ui, const char *s)
{
    if (!s)
        return "";
    size_t n = strlen(s) + 1;
    char *p = arena_alloc(ui, n);
    if (!p)
        return "";
    memcpy(p, s, n);
    return p;
}

const char *yk_ui_fmt(struct yk_ui *ui, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return yk_ui_strdup(ui, buf);
}

/* ---------------------------------------------------------------- theme */

static struct yk_color rgb(unsigned v)
{
    return (struct yk_color){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
}

static void make_theme(struct yk_ui *ui)
{
    struct yk_theme *t = &ui->theme;
    const struct yk_ui_params *p = &ui->p;
    int s = p->width < p->height ? p->width : p->height;
    float mm = p->px_per_mm > 0 ? p->px_per_mm : 4.0f;
    /* Body text scales with the screen's short side (people stand further from big
     * screens) but never below 4 mm, which elderly readers need at arm's length. */
    float body = (float)s / 21.0f;
    if (body < 4.0f * mm)
        body = 4.0f * mm;
    /* ...and not beyond 8 mm: on a 21" monitor a twenty-first of the short side is 13 mm,
     * which leaves no room for elder mode's 1.4x. */
    if (body > 8.0f * mm)
        body = 8.0f * mm;
    static const float scale[YK_FONT_COUNT] = {0.8f, 1.0f, 1.2f, 1.45f, 1.9f};
    for (int i = 0; i < YK_FONT_COUNT; i++) {
        t->font_px[i] = (int)lroundf(body * scale[i]);
        /* Elder mode: at least 1.4x every size, after rounding. */
        if (p->elder)
            t->font_px[i] = (int)ceilf((float)t->font_px[i] * 1.4f);
        t->font_bold[i] = i >= YK_FONT_LARGE;
    }
    if (p->elder)
        body *= 1.4f;
    t->px_per_mm = mm;
    t->touch_min = (int)ceilf(9.0f * mm);
    t->pad = (int)lroundf(body * 0.6f);
    t->gap = (int)lroundf(body * 0.4f);
    t->radius = (int)lroundf(body * 0.45f);
    int bar_line = p->line_height ? p->line_height(p->measure_ctx, t->font_px[YK_FONT_BODY], false)
                                  : t->font_px[YK_FONT_BODY] * 3 / 2;
    t->bar_h = bar_line + 3 * t->gap; /* buttons inset gap/2 in the bar, text gap in them */
    if (t->bar_h < t->touch_min + t->gap)
        t->bar_h = t->touch_min + t->gap;
    if (p->elder) {
        /* Elder mode: every text/background pair at least 7:1 (WCAG AAA). */
        t->bg = rgb(0xFFFFFF);
        t->card = rgb(0xFFF6E5);
        t->ink = rgb(0x000000);
        t->ink_soft = rgb(0x2B2118);
        t->primary = rgb(0x8E0A10);
        t->on_primary = rgb(0xFFFFFF);
        t->accent = rgb(0x6B4300);
        t->line = rgb(0x6B5B4B);
        t->bar = rgb(0xE9DDC9);
        t->pressed = rgb(0xF2D9B8);
        t->disabled = rgb(0x4A4038);
    } else {
        t->bg = rgb(0xF7F1E8);
        t->card = rgb(0xFFFFFF);
        t->ink = rgb(0x2A2420);
        t->ink_soft = rgb(0x5E5249);
        t->primary = rgb(0xB8141B);
        t->on_primary = rgb(0xFFFFFF);
        t->accent = rgb(0xC98A1B);
        t->line = rgb(0xE4D8C6);
        t->bar = rgb(0xE4D8C6);
        t->pressed = rgb(0xF1E0C8);
        t->disabled = rgb(0x5A4F46);
    }
}

/* ---------------------------------------------------------------- life cycle */

bool yk_ui_init(struct yk_ui *ui, const struct yk_ui_params *p)
{
    memset(ui, 0, sizeof *ui);
    ui->cap_widgets = 256;
    ui->cap_cmds = 1024;
    ui->widgets = malloc(ui->cap_widgets * sizeof *ui->widgets);
    ui->cmds = malloc(ui->cap_cmds * sizeof *ui->cmds);
    if (!ui->widgets || !ui->cmds) {
        yk_ui_destroy(ui);
        return false;
    }
    yk_ui_configure(ui, p);
    return true;
}

void yk_ui_destroy(struct yk_ui *ui)
{
    free(ui->widgets);
    free(ui->cmds);
    struct arena_block *b = (struct arena_block *)ui->arena;
    while (b) {
        struct arena_block *n = b->next;
        free(b);
        b = n;
    }
    memset(ui, 0, sizeof *ui);
}

void yk_ui_configure(struct yk_ui *ui, const struct yk_ui_params *p)
{
    ui->p = *p;
    make_theme(ui);
}

void yk_ui_begin(struct yk_ui *ui)
{
    ui->n_widgets = 0;
    ui->n_cmds = 0;
    ui->clip_depth = 0;
    ui->scroll_depth = 0;
    ui->oom = false;
    arena_reset(ui);
    for (int i = 0; i < YK_UI_MAX_SCROLL; i++)
        ui->scroll[i].seen = false;
}

void yk_ui_end(struct yk_ui *ui)
{
    assert(ui->clip_depth == 0 && ui->scroll_depth == 0);
    for (int i = 0; i < YK_UI_MAX_SCROLL; i++)
        if (!ui->scroll[i].seen)
            ui->scroll[i].key = 0;
}

/* ---------------------------------------------------------------- commands */

static struct yk_cmd *push_cmd(struct yk_ui *ui, enum yk_cmd_type type)
{
    if (!yk_grow((void **)&ui->cmds, &ui->cap_cmds, ui->n_cmds + 1, sizeof *ui->cmds)) {
        ui->oom = true;
        return NULL;
    }
    struct yk_cmd *c = &ui->cmds[ui->n_cmds++];
    memset(c, 0, sizeof *c);
    c->type = type;
    return c;
}

static struct yk_rect current_clip(const struct yk_ui *ui)
{
    if (ui->clip_depth)
        return ui->clip[ui->clip_depth - 1];
    return (struct yk_rect){0, 0, ui->p.width, ui->p.height};
}

static bool visible(const struct yk_ui *ui, struct yk_rect r)
{
    return yk_ui_visible(ui, r);
}

bool yk_ui_visible(const struct yk_ui *ui, struct yk_rect r)
{
    struct yk_rect v = yk_rect_intersect(r, current_clip(ui));
    return v.w > 0 && v.h > 0;
}

void yk_ui_fill(struct yk_ui *ui, struct yk_rect r, struct yk_color col, int radius)
{
    if (!visible(ui, r))
        return;
    struct yk_cmd *c = push_cmd(ui, YK_CMD_FILL);
    if (!c)
        return;
    c->r = r;
    c->color = col;
    int maxr = (r.w < r.h ? r.w : r.h) / 2;
    c->radius = radius > maxr ? maxr : radius;
}

void yk_ui_icon_draw(struct yk_ui *ui, struct yk_rect r, int icon, struct yk_color col)
{
    if (icon < 0 || !visible(ui, r))
        return;
    struct yk_cmd *c = push_cmd(ui, YK_CMD_ICON);
    if (!c)
        return;
    c->r = r;
    c->color = col;
    c->icon = icon;
}

static struct yk_widget *add_widget(struct yk_ui *ui, const char *id, enum yk_role role,
                                    struct yk_rect r)
{
    if (!yk_grow((void **)&ui->widgets, &ui->cap_widgets, ui->n_widgets + 1, sizeof *ui->widgets)) {
        ui->oom = true;
        return NULL;
    }
    struct yk_widget *w = &ui->widgets[ui->n_widgets++];
    memset(w, 0, sizeof *w);
    w->id = yk_ui_strdup(ui, id);
    w->role = role;
    w->r = r;
    w->vis = yk_rect_intersect(r, current_clip(ui));
    w->text = "";
    w->enabled = true;
    return w;
}

/* ---------------------------------------------------------------- text */

int yk_ui_line_height(struct yk_ui *ui, enum yk_font f)
{
    int px = ui->theme.font_px[f];
    if (ui->p.line_height)
        return ui->p.line_height(ui->p.measure_ctx, px, ui->theme.font_bold[f]);
    return px * 3 / 2;
}

int yk_ui_text_width(struct yk_ui *ui, const char *text, enum yk_font f)
{
    if (!text || !*text)
        return 0;
    return ui->p.measure(ui->p.measure_ctx, text, strlen(text), ui->theme.font_px[f],
                         ui->theme.font_bold[f]);
}

#define MAX_LINES 256

int yk_ui_text_height(struct yk_ui *ui, const char *text, enum yk_font f, int w)
{
    if (!text || !*text || w <= 0)
        return 0;
    int n = yk_text_wrap(text, ui->theme.font_px[f], ui->theme.font_bold[f], w, ui->p.measure,
                         ui->p.measure_ctx, NULL, 0);
    return n * yk_ui_line_height(ui, f);
}

/* Bytes of the space or sentence mark that s[0..n) ends with; 0 when none. */
static size_t trailing_mark(const char *s, size_t n)
{
    static const char *const marks[] = {" ",      ".",      ",",      ";",      ":",
                                        "\u3002", "\uff0c", "\uff1b", "\u3001", "\uff1a"};
    for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
        size_t m = strlen(marks[i]);
        if (n >= m && memcmp(s + n - m, marks[i], m) == 0)
            return m;
    }
    return 0;
}

const char *yk_ui_text_clamp(struct yk_ui *ui, const char *text, enum yk_font f, int w,
                             int max_lines)
{
    if (!text || !*text || w <= 0 || max_lines <= 0)
        return text;
    if (max_lines > MAX_LINES)
        max_lines = MAX_LINES;
    struct yk_line lines[MAX_LINES];
    int px = ui->theme.font_px[f];
    bool bold = ui->theme.font_bold[f];
    int n = yk_text_wrap(text, px, bold, w, ui->p.measure, ui->p.measure_ctx, lines, max_lines);
    if (n <= max_lines)
        return text;
    static const char ellipsis[] = "\u2026";
    int ew = ui->p.measure(ui->p.measure_ctx, ellipsis, sizeof ellipsis - 1, px, bold);
    const struct yk_line *last = &lines[max_lines - 1];
    size_t keep = last->len;
    while (keep > 0 &&
           ui->p.measure(ui->p.measure_ctx, text + last->start, keep, px, bold) + ew > w)
        keep = yk_utf8_prefix(text + last->start, last->len, keep - 1);
    /* No space or sentence mark just before the "…". */
    size_t m;
    while ((m = trailing_mark(text + last->start, keep)) > 0)
        keep -= m;
    size_t head = last->start + keep;
    char *out = arena_alloc(ui, head + sizeof ellipsis);
    if (!out)
        return text;
    memcpy(out, text, head);
    memcpy(out + head, ellipsis, sizeof ellipsis);
    return out;
}

/* Draws wrapped lines of text inside r; returns whether everything fit and the height. */
static bool draw_text(struct yk_ui *ui, struct yk_rect r, const char *text, enum yk_font f,
                      struct yk_color col, enum yk_align align, bool vcenter, int *used_h)
{
    *used_h = 0;
    if (!text || !*text)
        return true;
    struct yk_line lines[MAX_LINES];
    int px = ui->theme.font_px[f];
    bool bold = ui->theme.font_bold[f];
    int n = yk_text_wrap(text, px, bold, r.w, ui->p.measure, ui->p.measure_ctx, lines, MAX_LINES);
    int lh = yk_ui_line_height(ui, f);
    int fit = lh > 0 ? r.h / lh : 0;
    bool all = n <= fit && n <= MAX_LINES;
    int shown = n < fit ? n : fit;
    if (shown > MAX_LINES)
        shown = MAX_LINES;
    int y = r.y;
    if (vcenter && shown * lh < r.h)
        y += (r.h - shown * lh) / 2;
    for (int i = 0; i < shown; i++) {
        struct yk_rect lr = {r.x, y + i * lh, lines[i].width, lh};
        if (align == YK_ALIGN_CENTER)
            lr.x += (r.w - lines[i].width) / 2;
        else if (align == YK_ALIGN_RIGHT)
            lr.x += r.w - lines[i].width;
        if (!visible(ui, lr))
            continue;
        struct yk_cmd *c = push_cmd(ui, YK_CMD_TEXT);
        if (!c)
            break;
        c->r = lr;
        c->color = col;
        c->text = text + lines[i].start;
        c->len = lines[i].len;
        c->px = px;
        c->bold = bold;
    }
    *used_h = (all ? n : shown) * lh;
    return all;
}

int yk_ui_text(struct yk_ui *ui, const char *id, struct yk_rect r, const char *text, enum yk_font f,
               struct yk_color c, enum yk_align align, bool valign_center)
{
    if (!text || !*text)
        return 0;
    const char *copy = yk_ui_strdup(ui, text);
    int h;
    bool fit = draw_text(ui, r, copy, f, c, align, valign_center, &h);
    struct yk_widget *w =
        add_widget(ui, id, f >= YK_FONT_TITLE ? YK_ROLE_HEADING : YK_ROLE_TEXT, r);
    if (w) {
        w->text = copy;
        w->clipped = !fit;
        /* The widget's box is the text's own extent, so the tree shows what is read. */
        if (fit && !valign_center)
            w->r.h = h;
        w->vis = yk_rect_intersect(w->r, current_clip(ui));
    }
    return h;
}

/* ---------------------------------------------------------------- widgets */

void yk_ui_button_colors(const struct yk_theme *t, struct yk_color st_bg, struct yk_color st_fg,
                         bool pressed, bool enabled, struct yk_color *bg, struct yk_color *fg,
                         struct yk_color *sub)
{
    *bg = st_bg;
    *fg = enabled ? st_fg : t->disabled;
    if (!enabled) {
        *bg = t->bar; /* flat and pale, with words still readable (contrast checked) */
    } else if (pressed) {
        /* Pressed: pale under dark words; under light words (a red or black button) the
         * colour darkens instead (a black one lifts a little), so the words stay readable. */
        bool light_words = yk_contrast_ratio(st_fg, (struct yk_color){0, 0, 0, 255}) >
                           yk_contrast_ratio(st_fg, (struct yk_color){255, 255, 255, 255});
        if (!light_words)
            *bg = t->pressed;
        else
            *bg =
                (struct yk_color){(uint8_t)(st_bg.r * 3 / 4 + 12), (uint8_t)(st_bg.g * 3 / 4 + 12),
                                  (uint8_t)(st_bg.b * 3 / 4 + 12), 255};
    }
    /* The second line is softer where the softer ink still reads on this background (7:1
     * covers elder mode too); on a filled (selected) button it is the label's colour. */
    *sub = enabled && yk_contrast_ratio(t->ink_soft, *bg) >= 7.0 ? t->ink_soft : *fg;
}

void yk_ui_button(struct yk_ui *ui, const char *id, struct yk_rect r, const char *label,
                  const struct yk_button_style *st, bool enabled)
{
    const struct yk_theme *t = &ui->theme;
    bool pressed = enabled && strcmp(ui->pressed_id, id) == 0;
    struct yk_color bg, fg, subc;
    yk_ui_button_colors(t, st->bg, st->fg, pressed, enabled, &bg, &fg, &subc);
    yk_ui_fill(ui, r, bg, t->radius);
    const char *text = yk_ui_strdup(ui, label);
    struct yk_rect in = yk_inset(r, st->tight ? t->gap / 4 : t->gap);
    bool fit = true;
    int h;
    int lh = yk_ui_line_height(ui, st->font);
    if (st->icon_above && r.w >= 2 * r.h) {
        /* A wide tile: the picture on the left, label and line under it to its right. */
        int icon = st->icon < 0 ? 0 : in.h < lh * 2 ? in.h : lh * 2;
        int text_w = icon ? in.w - icon - t->pad - t->gap : in.w;
        int label_h = yk_ui_text_height(ui, text, st->font, text_w);
        int sub_h = st->sub ? yk_ui_text_height(ui, st->sub, YK_FONT_SMALL, text_w) : 0;
        if (label_h + sub_h > in.h) {
            icon = 0; /* no room: text matters more than the picture */
            text_w = in.w;
            label_h = yk_ui_text_height(ui, text, st->font, text_w);
            sub_h = st->sub ? yk_ui_text_height(ui, st->sub, YK_FONT_SMALL, text_w) : 0;
        }
        int x = in.x + (icon ? t->gap : 0);
        if (icon)
            yk_ui_icon_draw(ui, (struct yk_rect){x, in.y + (in.h - icon) / 2, icon, icon}, st->icon,
                            enabled ? t->primary : fg);
        int tx = icon ? x + icon + t->pad : in.x;
        int y = in.y + (in.h - label_h - sub_h) / 2;
        if (y < in.y)
            y = in.y;
        struct yk_rect lr = {tx, y, in.x + in.w - tx, in.y + in.h - y};
        fit = draw_text(ui, lr, text, st->font, fg, YK_ALIGN_LEFT, false, &h);
        if (st->sub) {
            struct yk_rect sr = {tx, y + h, lr.w, in.y + in.h - y - h};
            int h2;
            fit = draw_text(ui, sr, st->sub, YK_FONT_SMALL, subc, YK_ALIGN_LEFT, false, &h2) && fit;
        }
    } else if (st->icon_above) {
        int sub_h = st->sub ? yk_ui_text_height(ui, st->sub, YK_FONT_SMALL, in.w) : 0;
        int label_h = yk_ui_text_height(ui, text, st->font, in.w);
        int icon = st->icon < 0 ? 0 : in.h - label_h - sub_h - t->gap;
        int max_icon = in.w / 2 < lh * 2 ? in.w / 2 : lh * 2;
        if (icon > max_icon)
            icon = max_icon;
        if (icon < lh * 2 / 3)
            icon = 0; /* no room: text matters more than the picture */
        int total = (icon ? icon + t->gap : 0) + label_h + sub_h;
        int y = in.y + (in.h - total) / 2;
        if (y < in.y)
            y = in.y;
        if (icon) {
            yk_ui_icon_draw(ui, (struct yk_rect){in.x + (in.w - icon) / 2, y, icon, icon}, st->icon,
                            enabled ? t->primary : fg);
            y += icon + t->gap;
        }
        struct yk_rect lr = {in.x, y, in.w, in.y + in.h - y};
        fit = draw_text(ui, lr, text, st->font, fg, YK_ALIGN_CENTER, false, &h);
        if (st->sub) {
            struct yk_rect sr = {in.x, y + h, in.w, in.y + in.h - y - h};
            int h2;
            fit =
                draw_text(ui, sr, st->sub, YK_FONT_SMALL, subc, YK_ALIGN_CENTER, false, &h2) && fit;
        }
    } else if (st->icon >= 0) {
        int icon = lh;
        if (icon > in.h)
            icon = in.h;
        int tw = text[0] ? yk_ui_text_width(ui, text, st->font) : 0;
        int gap = text[0] ? t->gap : 0;
        int avail = in.w - icon - gap;
        if (tw > avail)
            tw = avail;
        int x = in.x + (in.w - icon - gap - tw) / 2;
        if (x < in.x)
            x = in.x;
        yk_ui_icon_draw(ui, (struct yk_rect){x, in.y + (in.h - icon) / 2, icon, icon}, st->icon,
                        fg);
        struct yk_rect lr = {x + icon + gap, in.y, avail, in.h};
        fit = draw_text(ui, lr, text, st->font, fg, YK_ALIGN_LEFT, true, &h);
    } else {
        fit = draw_text(ui, in, text, st->font, fg, YK_ALIGN_CENTER, true, &h);
    }
    struct yk_widget *w = add_widget(ui, id, YK_ROLE_BUTTON, r);
    if (w) {
        w->text = st->sub ? yk_ui_fmt(ui, "%s %s", text, st->sub) : text;
        w->enabled = enabled;
        w->tappable = true;
        w->clipped = !fit;
        w->has_colors = true;
        w->st_bg = st->bg;
        w->st_fg = st->fg;
        w->has_sub = st->sub != NULL;
    }
}

void yk_ui_qr_card(struct yk_ui *ui, const char *id, struct yk_rect r, const char *url,
                   const char *caption)
{
    const struct yk_theme *t = &ui->theme;
    yk_ui_fill(ui, r, (struct yk_color){255, 255, 255, 255}, t->radius);
    struct yk_rect in = yk_inset(r, t->gap);
    if (caption && *caption) {
        int ch = yk_ui_text_height(ui, caption, YK_FONT_SMALL, in.w);
        char cid[96];
        snprintf(cid, sizeof cid, "%s.caption", id);
        yk_ui_text(ui, cid, yk_cut_bottom(&in, ch), caption, YK_FONT_SMALL,
                   (struct yk_color){0x2A, 0x24, 0x20, 255}, YK_ALIGN_CENTER, false);
    }
    yk_ui_qr(ui, id, in, url);
}

void yk_ui_image(struct yk_ui *ui, const char *id, struct yk_rect r, const char *hash,
                 const void *bytes, size_t len, const char *alt)
{
    if (visible(ui, r) && bytes && len) {
        struct yk_cmd *c = push_cmd(ui, YK_CMD_IMAGE);
        if (c) {
            c->r = r;
            c->text = yk_ui_strdup(ui, hash);
            c->len = strlen(c->text);
            c->blob = bytes;
            c->blob_len = len;
        }
    }
    struct yk_widget *w = add_widget(ui, id, YK_ROLE_IMAGE, r);
    if (w) {
        w->text = yk_ui_strdup(ui, alt);
        w->data = yk_ui_strdup(ui, hash); /* the tree says which image it is */
    }
}

bool yk_ui_tile_fits_icon(struct yk_ui *ui, struct yk_rect r, const char *label, enum yk_font f,
                          const char *sub)
{
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = yk_inset(r, t->gap);
    int lh = yk_ui_line_height(ui, f);
    if (r.w >= 2 * r.h) {
        int icon = in.h < lh * 2 ? in.h : lh * 2;
        int w = in.w - icon - t->pad - t->gap;
        return yk_ui_text_height(ui, label, f, w) +
                   (sub ? yk_ui_text_height(ui, sub, YK_FONT_SMALL, w) : 0) <=
               in.h;
    }
    int icon = in.h - yk_ui_text_height(ui, label, f, in.w) -
               (sub ? yk_ui_text_height(ui, sub, YK_FONT_SMALL, in.w) : 0) - t->gap;
    return icon >= lh * 2 / 3;
}

void yk_ui_qr(struct yk_ui *ui, const char *id, struct yk_rect r, const char *data)
{
    struct yk_qr qr;
    if (!yk_qr_encode(&qr, data, YK_QR_ECC_M))
        return;
    int side = r.w < r.h ? r.w : r.h;
    int mpx = yk_qr_module_px(qr.size, side, 1);
    struct yk_widget *w;
    if (mpx > 0) {
        int px = (qr.size + 8) * mpx;
        struct yk_rect q = {r.x + (r.w - px) / 2, r.y + (r.h - px) / 2, px, px};
        struct yk_cmd *c = visible(ui, q) ? push_cmd(ui, YK_CMD_QR) : NULL;
        if (c) {
            c->r = q;
            c->text = yk_ui_strdup(ui, data);
            c->len = strlen(data);
            c->module_px = mpx;
        }
        w = add_widget(ui, id, YK_ROLE_QR, q);
    } else {
        w = add_widget(ui, id, YK_ROLE_QR, r);
        if (w)
            w->clipped = true;
    }
    if (w)
        w->data = yk_ui_strdup(ui, data);
    yk_qr_destroy(&qr);
}

/* ---------------------------------------------------------------- scrolling */

uint32_t yk_ui_hash(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 16777619u;
    return h ? h : 1;
}

static struct yk_scroll_state *scroll_state(struct yk_ui *ui, uint32_t key)
{
    struct yk_scroll_state *free_slot = NULL;
    for (int i = 0; i < YK_UI_MAX_SCROLL; i++) {
        if (ui->scroll[i].key == key)
            return &ui->scroll[i];
        if (!ui->scroll[i].key && !free_slot)
            free_slot = &ui->scroll[i];
    }
    if (free_slot) {
        memset(free_slot, 0, sizeof *free_slot);
        free_slot->key = key;
    }
    return free_slot;
}

static void push_clip(struct yk_ui *ui, struct yk_rect r)
{
    assert(ui->clip_depth < YK_UI_MAX_CLIP);
    r = yk_rect_intersect(r, current_clip(ui));
    ui->clip[ui->clip_depth++] = r;
    struct yk_cmd *c = push_cmd(ui, YK_CMD_CLIP);
    if (c)
        c->r = r;
}

static void pop_clip(struct yk_ui *ui)
{
    assert(ui->clip_depth > 0);
    ui->clip_depth--;
    struct yk_cmd *c = push_cmd(ui, YK_CMD_CLIP);
    if (c)
        c->r = ui->clip_depth ? ui->clip[ui->clip_depth - 1] : (struct yk_rect){0, 0, 0, 0};
}

int yk_ui_scroll_begin(struct yk_ui *ui, const char *id, struct yk_rect view)
{
    struct yk_scroll_state *s = scroll_state(ui, yk_ui_hash(id));
    int idx = s ? (int)(s - ui->scroll) : -1;
    assert(ui->scroll_depth < YK_UI_MAX_CLIP);
    ui->scroll_open[ui->scroll_depth++] = idx;
    struct yk_widget *w = add_widget(ui, id, YK_ROLE_LIST, view);
    (void)w;
    push_clip(ui, view);
    if (!s)
        return view.y;
    s->seen = true;
    s->view = view;
    s->view_h = view.h;
    return view.y - (int)lroundf(s->offset);
}

void yk_ui_scroll_end(struct yk_ui *ui, int content_bottom)
{
    assert(ui->scroll_depth > 0);
    int idx = ui->scroll_open[--ui->scroll_depth];
    pop_clip(ui);
    if (idx < 0)
        return;
    struct yk_scroll_state *s = &ui->scroll[idx];
    s->content_h = content_bottom - (s->view.y - (int)lroundf(s->offset));
    float max = (float)(s->content_h - s->view_h);
    if (max < 0)
        max = 0;
    if (s->offset > max)
        s->offset = max;
    if (max > 0) {
        /* A slim bar at the right edge says there is more to see, and where one is. */
        const struct yk_theme *t = &ui->theme;
        int bw = t->gap / 4 > 3 ? t->gap / 4 : 3;
        int bh = (int)((long)s->view_h * s->view_h / s->content_h);
        if (bh < t->touch_min / 2)
            bh = t->touch_min / 2;
        int by = s->view.y + (int)((float)(s->view_h - bh) * (s->offset / max));
        struct yk_color c = t->ink_soft;
        c.a = 110; /* a hint of where one is, not a divider */
        yk_ui_fill(ui, (struct yk_rect){s->view.x + s->view.w - bw - 2, by, bw, bh}, c, bw / 2);
    }
}

bool yk_ui_scroll_by(struct yk_scroll_state *s, float dy)
{
    float max = (float)(s->content_h - s->view_h);
    if (max < 0)
        max = 0;
    float o = s->offset + dy;
    if (o < 0)
        o = 0;
    if (o > max)
        o = max;
    bool changed = fabsf(o - s->offset) >= 0.5f;
    s->offset = o;
    return changed;
}

bool yk_ui_scroll_animate(struct yk_scroll_state *s, int dt_ms)
{
    if (fabsf(s->velocity) < 20.0f) {
        s->velocity = 0;
        return false;
    }
    float dt = (float)dt_ms / 1000.0f;
    bool moved = yk_ui_scroll_by(s, s->velocity * dt);
    /* Exponential decay with a time constant of about 325 ms, as touch platforms use. */
    s->velocity *= expf(-dt / 0.325f);
    if (!moved)
        s->velocity = 0; /* hit an end */
    return s->velocity != 0;
}

struct yk_scroll_state *yk_ui_scroll_at(struct yk_ui *ui, int x, int y)
{
    struct yk_scroll_state *best = NULL;
    for (int i = 0; i < YK_UI_MAX_SCROLL; i++) {
        struct yk_scroll_state *s = &ui->scroll[i];
        if (s->key && s->seen && yk_rect_contains(s->view, x, y))
            if (!best || (s->view.w * s->view.h < best->view.w * best->view.h))
                best = s;
    }
    return best;
}

struct yk_ui_mark yk_ui_mark(const struct yk_ui *ui)
{
    return (struct yk_ui_mark){ui->n_widgets, ui->n_cmds, ui->clip_depth, ui->scroll_depth};
}

void yk_ui_undo(struct yk_ui *ui, struct yk_ui_mark m)
{
    assert(m.clip_depth == ui->clip_depth && m.scroll_depth == ui->scroll_depth);
    assert(m.widgets <= ui->n_widgets && m.cmds <= ui->n_cmds);
    ui->n_widgets = m.widgets;
    ui->n_cmds = m.cmds;
}

void yk_ui_modal(struct yk_ui *ui)
{
    for (size_t i = 0; i < ui->n_widgets; i++)
        if (ui->widgets[i].role != YK_ROLE_SCREEN)
            ui->widgets[i].vis = (struct yk_rect){0, 0, 0, 0};
}

void yk_ui_mark_primary(struct yk_ui *ui, const char *id)
{
    for (size_t i = ui->n_widgets; i-- > 0;)
        if (strcmp(ui->widgets[i].id, id) == 0) {
            ui->widgets[i].primary = true;
            return;
        }
    struct yk_widget *w = add_widget(ui, id, YK_ROLE_BUTTON, (struct yk_rect){0, 0, 0, 0});
    if (w) {
        w->vis = (struct yk_rect){0, 0, 0, 0};
        w->primary = true;
    }
}

void yk_ui_set_text(struct yk_ui *ui, const char *id, const char *text)
{
    for (size_t i = ui->n_widgets; i-- > 0;)
        if (strcmp(ui->widgets[i].id, id) == 0) {
            ui->widgets[i].text = yk_ui_strdup(ui, text);
            return;
        }
}

void yk_ui_set_icon(struct yk_ui *ui, const char *id, int icon)
{
    for (size_t i = ui->n_widgets; i-- > 0;)
        if (strcmp(ui->widgets[i].id, id) == 0) {
            ui->widgets[i].icon = yk_icon_name((enum yk_icon)icon);
            return;
        }
}

/* ---------------------------------------------------------------- queries */

const struct yk_widget *yk_ui_hit(const struct yk_ui *ui, int x, int y)
{
    for (size_t i = ui->n_widgets; i-- > 0;) {
        const struct yk_widget *w = &ui->widgets[i];
        if (w->tappable && w->enabled && yk_rect_contains(w->vis, x, y))
            return w;
    }
    return NULL;
}

const struct yk_widget *yk_ui_find(const struct yk_ui *ui, const char *id)
{
    for (size_t i = 0; i < ui->n_widgets; i++)
        if (strcmp(ui->widgets[i].id, id) == 0)
            return &ui->widgets[i];
    return NULL;
}

static const char *role_name(enum yk_role r)
{
    static const char *const names[] = {"screen", "button", "text",  "heading", "image",
                                        "qr",     "list",   "input", "icon"};
    return names[r];
}

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void yk_ui_write_tree(const struct yk_ui *ui, void *fp)
{
    FILE *f = fp;
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (w->role != YK_ROLE_SCREEN && (w->vis.w <= 0 || w->vis.h <= 0))
            continue;
        fputs("{\"id\":", f);
        json_str(f, w->id);
        fprintf(f, ",\"role\":\"%s\",\"text\":", role_name(w->role));
        json_str(f, w->text);
        fprintf(f, ",\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"enabled\":%s,\"clipped\":%s", w->r.x,
                w->r.y, w->r.w, w->r.h, w->enabled ? "true" : "false",
                w->clipped ? "true" : "false");
        if (w->primary)
            fputs(",\"primary\":true", f);
        if (w->icon)
            fprintf(f, ",\"icon\":\"%s\"", w->icon);
        if (w->role == YK_ROLE_QR || (w->role == YK_ROLE_IMAGE && w->data)) {
            fputs(",\"data\":", f);
            json_str(f, w->data);
        }
        if (w->role == YK_ROLE_SCREEN)
            fprintf(f, ",\"px_per_mm\":%.3f,\"touch_min\":%d", ui->theme.px_per_mm,
                    ui->theme.touch_min);
        fputs("}\n", f);
    }
}

void yk_ui_screen_widget(struct yk_ui *ui, const char *id)
{
    add_widget(ui, id, YK_ROLE_SCREEN, (struct yk_rect){0, 0, ui->p.width, ui->p.height});
}
