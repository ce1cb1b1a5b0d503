#include "ui/page.h"

#include "core/grow.h"
#include "core/icons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rows */

/* A row's line under its title shows at most this many lines (the rest is on the page the
 * row opens), so a long address cannot make one row fill a 7" screen in elder mode. */
#define ROW_SUB_LINES 2

static int row_text_w(struct yk_kiosk *k, bool icon, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    int iw = icon ? yk_ui_line_height(&k->ui, YK_FONT_LARGE) + t->pad : 0;
    int chevron = yk_ui_line_height(&k->ui, YK_FONT_BODY);
    return w - 2 * t->pad - iw - chevron - t->gap;
}

int yk_page_row_height(struct yk_kiosk *k, const char *title, const char *sub, bool icon, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    int tw = row_text_w(k, icon, w);
    sub = yk_ui_text_clamp(&k->ui, sub, YK_FONT_SMALL, tw, ROW_SUB_LINES);
    int h = yk_ui_text_height(&k->ui, title, YK_FONT_LARGE, tw) +
            (sub && *sub ? yk_ui_text_height(&k->ui, sub, YK_FONT_SMALL, tw) : 0) + 2 * t->pad;
    return h < t->touch_min ? t->touch_min : h;
}

void yk_page_row(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *title,
                 const char *sub, int icon)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_button_style st = {.bg = t->card, .fg = t->ink, .font = YK_FONT_LARGE, .icon = -1};
    /* The card is the button; its words are drawn here so they can be laid out in rows. */
    yk_ui_button(ui, id, r, "", &st, true);
    int tw = row_text_w(k, icon >= 0, r.w);
    int x = r.x + t->pad;
    int lh = yk_ui_line_height(ui, YK_FONT_LARGE);
    if (icon >= 0) {
        yk_ui_icon_draw(ui, (struct yk_rect){x, r.y + (r.h - lh) / 2, lh, lh}, icon, t->primary);
        x += lh + t->pad;
    }
    const char *full = sub;
    sub = yk_ui_text_clamp(ui, sub, YK_FONT_SMALL, tw, ROW_SUB_LINES);
    int th = yk_ui_text_height(ui, title, YK_FONT_LARGE, tw);
    int sh = sub && *sub ? yk_ui_text_height(ui, sub, YK_FONT_SMALL, tw) : 0;
    int y = r.y + (r.h - th - sh) / 2;
    char tid[96];
    snprintf(tid, sizeof tid, "%s.title", id);
    yk_ui_text(ui, tid, (struct yk_rect){x, y, tw, th}, title, YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT,
               false);
    if (sh) {
        snprintf(tid, sizeof tid, "%s.sub", id);
        yk_ui_text(ui, tid, (struct yk_rect){x, y + th, tw, sh}, sub, YK_FONT_SMALL, t->ink_soft,
                   YK_ALIGN_LEFT, false);
    }
    int cw = yk_ui_line_height(ui, YK_FONT_BODY);
    yk_ui_icon_draw(ui, (struct yk_rect){r.x + r.w - t->pad - cw, r.y + (r.h - cw) / 2, cw, cw},
                    YK_ICON_CHEVRON_RIGHT, t->ink_soft);
    yk_ui_set_text(ui, id, full && *full ? yk_ui_fmt(ui, "%s %s", title, full) : title);
    if (icon >= 0)
        yk_ui_set_icon(ui, id, icon);
}

/* ---------------------------------------------------------------- long lists */

void yk_rows_free(struct yk_rows *rows)
{
    free(rows->top);
    memset(rows, 0, sizeof *rows);
}

void yk_rows_list(struct yk_kiosk *k, const char *id, struct yk_rect view, struct yk_rows *rows,
                  size_t n, yk_row_height_fn height, yk_row_build_fn build, void *ctx)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int w = view.w - t->gap; /* room for the scroll bar */
    uint32_t key = (uint32_t)w * 2654435761u ^ (uint32_t)n * 40503u ^ (uint32_t)k->lang * 7u ^
                   (uint32_t)k->elder * 131u ^ (uint32_t)t->font_px[YK_FONT_BODY];
    if (rows->key != key || rows->n != n || !rows->top) {
        if (!yk_grow((void **)&rows->top, &rows->cap, n + 1, sizeof *rows->top))
            return;
        int y = 0;
        for (size_t i = 0; i < n; i++) {
            rows->top[i] = y;
            y += height(k, ctx, i, w) + t->gap;
        }
        rows->top[n] = y;
        rows->n = n;
        rows->key = key;
    }
    int y0 = yk_ui_scroll_begin(ui, id, view);
    /* Binary search the first row on screen; build until past the bottom. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (y0 + rows->top[mid + 1] <= view.y)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < n; i++) {
        int top = y0 + rows->top[i];
        if (top >= view.y + view.h)
            break;
        build(k, ctx, i,
              (struct yk_rect){view.x, top, w, rows->top[i + 1] - rows->top[i] - t->gap});
    }
    yk_ui_scroll_end(ui, y0 + (n ? rows->top[n] - t->gap : 0));
}

/* ---------------------------------------------------------------- documents */

static int qr_side(struct yk_kiosk *k, int avail)
{
    /* Large enough for a phone held at arm's length: at least 30 mm on the panel (the
     * 25 mm minimum with a margin), more where the room allows, never more than the room. */
    int min = (int)(30.0f * k->ui.theme.px_per_mm);
    int want = avail * 3 / 5;
    if (want < min)
        want = min;
    return want < avail ? want : avail;
}

void yk_doc_begin(struct yk_doc *d, struct yk_kiosk *k, const char *id, struct yk_rect area,
                  bool with_aside)
{
    const struct yk_theme *t = &k->ui.theme;
    memset(d, 0, sizeof *d);
    d->k = k;
    snprintf(d->id, sizeof d->id, "%s", id);
    struct yk_rect in = yk_inset(area, t->pad);
    /* On a large screen the page is a centred column of a readable measure (about 40
     * characters of body text a line, with its aside), not a strip along the left edge. */
    int measure = 40 * t->font_px[YK_FONT_BODY] * (with_aside ? 3 : 2) / 2;
    if (in.w > measure) {
        in.x += (in.w - measure) / 2;
        in.w = measure;
    }
    /* Landscape, and wide enough for a 30 mm code and a button's label. */
    int aw = in.w * 36 / 100;
    if (with_aside && in.w > in.h && (float)aw >= 50.0f * t->px_per_mm) {
        d->aside = yk_cut_right(&in, aw);
        yk_cut_right(&in, t->pad);
    }
    d->aside_y = d->aside.y;
    d->view = (struct yk_rect){area.x, in.y, in.x + in.w - area.x, in.h};
    d->start = yk_ui_scroll_begin(&k->ui, id, d->view);
    d->x = in.x;
    d->w = in.w - t->gap; /* room for the scroll bar */
    d->y = d->start;
}

void yk_doc_title(struct yk_doc *d, const char *id, const char *text)
{
    struct yk_ui *ui = &d->k->ui;
    int h = yk_ui_text_height(ui, text, YK_FONT_TITLE, d->w);
    yk_ui_text(ui, id, (struct yk_rect){d->x, d->y, d->w, h}, text, YK_FONT_TITLE, ui->theme.ink,
               YK_ALIGN_LEFT, false);
    d->y += h + ui->theme.gap;
}

void yk_doc_text(struct yk_doc *d, const char *id, const char *text, bool soft)
{
    if (!text || !*text)
        return;
    struct yk_ui *ui = &d->k->ui;
    enum yk_font f = soft ? YK_FONT_SMALL : YK_FONT_BODY;
    int h = yk_ui_text_height(ui, text, f, d->w);
    yk_ui_text(ui, id, (struct yk_rect){d->x, d->y, d->w, h}, text, f,
               soft ? ui->theme.ink_soft : ui->theme.ink, YK_ALIGN_LEFT, false);
    d->y += h + ui->theme.pad;
}

void yk_doc_field(struct yk_doc *d, const char *id, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    struct yk_ui *ui = &d->k->ui;
    char lid[96];
    snprintf(lid, sizeof lid, "%s.label", id);
    int lw = yk_ui_text_width(ui, label, YK_FONT_SMALL);
    if (d->inline_fields && lw <= d->w / 4) {
        /* The label in a column of a quarter of the width, the value beside it: a line for
         * a field where the room is short. */
        const struct yk_theme *t = &ui->theme;
        int col = d->w / 4, vw = d->w - col - t->gap;
        int vh = yk_ui_text_height(ui, value, YK_FONT_BODY, vw);
        int lhh = yk_ui_line_height(ui, YK_FONT_BODY);
        yk_ui_text(ui, lid, (struct yk_rect){d->x, d->y, col, lhh}, label, YK_FONT_SMALL,
                   t->ink_soft, YK_ALIGN_LEFT, true);
        yk_ui_text(ui, id, (struct yk_rect){d->x + col + t->gap, d->y, vw, vh}, value, YK_FONT_BODY,
                   t->ink, YK_ALIGN_LEFT, false);
        d->y += vh + t->gap;
        return;
    }
    int lh = yk_ui_text_height(ui, label, YK_FONT_SMALL, d->w);
    yk_ui_text(ui, lid, (struct yk_rect){d->x, d->y, d->w, lh}, label, YK_FONT_SMALL,
               ui->theme.ink_soft, YK_ALIGN_LEFT, false);
    d->y += lh;
    int vh = yk_ui_text_height(ui, value, YK_FONT_BODY, d->w);
    yk_ui_text(ui, id, (struct yk_rect){d->x, d->y, d->w, vh}, value, YK_FONT_BODY, ui->theme.ink,
               YK_ALIGN_LEFT, false);
    d->y += vh + ui->theme.pad;
}

/* The side of a QR card's code w wide (and at most max_h high with its caption, when
 * max_h > 0), and the caption's height in *ch. */
static int qr_card_side(struct yk_kiosk *k, int w, int max_h, const char *caption, int *ch)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    *ch = caption ? yk_ui_text_height(ui, caption, YK_FONT_SMALL, w - 2 * t->gap) : 0;
    int avail = w - 2 * t->gap;
    if (max_h > 0) {
        int room = max_h - *ch - 3 * t->gap;
        avail = avail < room ? avail : room;
    }
    return qr_side(k, avail);
}

/* Draws a QR card at (x, *y), w wide, and moves *y below it. max_h > 0 limits its height. */
static void qr_card_at(struct yk_kiosk *k, const char *id, int x, int *y, int w, int max_h,
                       const char *url, const char *caption)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int ch;
    int side = qr_card_side(k, w, max_h, caption, &ch);
    int card_h = side + ch + 3 * t->gap;
    /* A white card: the QR needs a light background whatever the theme. */
    yk_ui_fill(ui, (struct yk_rect){x, *y, w, card_h}, (struct yk_color){255, 255, 255, 255},
               t->radius);
    yk_ui_qr(ui, id, (struct yk_rect){x + (w - side) / 2, *y + t->gap, side, side}, url);
    if (caption) {
        char cid[96];
        snprintf(cid, sizeof cid, "%s.caption", id);
        yk_ui_text(ui, cid,
                   (struct yk_rect){x + t->gap, *y + side + 2 * t->gap, w - 2 * t->gap, ch},
                   caption, YK_FONT_SMALL, (struct yk_color){0x2A, 0x24, 0x20, 255},
                   YK_ALIGN_CENTER, false);
    }
    *y += card_h + t->pad;
}

static int button_h(struct yk_kiosk *k, const char *label, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_text_height(&k->ui, label, YK_FONT_LARGE, w - 2 * t->gap) + 2 * t->gap;
    return h < t->touch_min * 5 / 4 ? t->touch_min * 5 / 4 : h;
}

static void button_at(struct yk_kiosk *k, const char *id, int x, int *y, int w, const char *label,
                      bool enabled)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int h = button_h(k, label, w);
    struct yk_button_style st = {
        .bg = t->primary, .fg = t->on_primary, .font = YK_FONT_LARGE, .icon = -1};
    yk_ui_button(ui, id, (struct yk_rect){x, *y, w, h}, label, &st, enabled);
    *y += h + t->pad;
}

/* Queues an item for the aside (drawn by yk_doc_end, outside the scroll clip); false when
 * there is no aside, or no room left in it (a QR code would be under 20 mm there): the item
 * then goes in the flow. */
static bool to_aside(struct yk_doc *d, bool qr, const char *id, const char *text,
                     const char *caption, bool enabled)
{
    if (d->aside.w <= 0 || d->n_aside >= YK_DOC_ASIDE_MAX)
        return false;
    struct yk_kiosk *k = d->k;
    const struct yk_theme *t = &k->ui.theme;
    int room = d->aside.y + d->aside.h - d->aside_y;
    if (qr) {
        int ch, side = qr_card_side(k, d->aside.w, room, caption, &ch);
        if ((float)side < 20.0f * t->px_per_mm)
            return false;
        d->aside_y += side + ch + 3 * t->gap + t->pad;
    } else {
        int h = button_h(k, text, d->aside.w);
        if (h > room)
            return false;
        d->aside_y += h + t->pad;
    }
    struct yk_ui *ui = &k->ui;
    d->aside_items[d->n_aside++] =
        (struct yk_doc_aside_item){qr, yk_ui_strdup(ui, id), yk_ui_strdup(ui, text),
                                   caption ? yk_ui_strdup(ui, caption) : NULL, enabled};
    return true;
}

void yk_doc_qr(struct yk_doc *d, const char *id, const char *url, const char *caption)
{
    if (!url || !*url)
        return;
    if (!to_aside(d, true, id, url, caption, true))
        qr_card_at(d->k, id, d->x, &d->y, d->w, 0, url, caption);
}

void yk_doc_button(struct yk_doc *d, const char *id, const char *label, bool enabled)
{
    if (!to_aside(d, false, id, label, NULL, enabled))
        button_at(d->k, id, d->x, &d->y, d->w, label, enabled);
}

void yk_doc_space(struct yk_doc *d, int px)
{
    d->y += px;
}

void yk_doc_end(struct yk_doc *d)
{
    if (d->y == d->start) {
        /* Nothing known yet: say so rather than show an empty page. */
        struct yk_ui *ui = &d->k->ui;
        const char *msg = yk_kiosk_tr(d->k, YK_N("section.no_details"));
        int h = yk_ui_text_height(ui, msg, YK_FONT_BODY, d->w);
        yk_ui_text(ui, "doc.no_details", (struct yk_rect){d->x, d->y, d->w, h}, msg, YK_FONT_BODY,
                   ui->theme.ink_soft, YK_ALIGN_LEFT, false);
        d->y += h;
    }
    yk_ui_scroll_end(&d->k->ui, d->y);
    /* The aside, outside the scrolling column's clip: QR codes and actions stay put. */
    int y = d->aside.y;
    for (int i = 0; i < d->n_aside; i++) {
        const struct yk_doc_aside_item *it = &d->aside_items[i];
        if (it->qr)
            qr_card_at(d->k, it->id, d->aside.x, &y, d->aside.w, d->aside.y + d->aside.h - y,
                       it->text, it->caption);
        else
            button_at(d->k, it->id, d->aside.x, &y, d->aside.w, it->text, it->enabled);
    }
}

void yk_page_qr_card(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *url,
                     const char *caption)
{
    yk_ui_qr_card(&k->ui, id, r, url, caption);
}

/* ---------------------------------------------------------------- buttons */

struct yk_button_style yk_page_button_style(struct yk_kiosk *k, bool primary, enum yk_font f)
{
    const struct yk_theme *t = &k->ui.theme;
    return (struct yk_button_style){.bg = primary ? t->primary : t->card,
                                    .fg = primary ? t->on_primary : t->ink,
                                    .font = f,
                                    .icon = -1};
}

int yk_page_button_h(struct yk_kiosk *k)
{
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_line_height(&k->ui, YK_FONT_LARGE) + 2 * t->gap;
    return h < t->touch_min * 5 / 4 ? t->touch_min * 5 / 4 : h;
}

/* ---------------------------------------------------------------- chips */

int yk_page_chip_w(struct yk_kiosk *k, const char *label)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = yk_ui_text_width(&k->ui, label, YK_FONT_BODY) + 2 * t->pad;
    return w < t->touch_min ? t->touch_min : w;
}

void yk_page_chip(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *label,
                  bool selected)
{
    const struct yk_theme *t = &k->ui.theme;
    /* A chip one text line high (a compact frame's) keeps its words with a small inset. */
    struct yk_button_style st = {.bg = selected ? t->primary : t->card,
                                 .fg = selected ? t->on_primary : t->ink,
                                 .font = YK_FONT_BODY,
                                 .icon = -1,
                                 .tight =
                                     r.h < yk_ui_line_height(&k->ui, YK_FONT_BODY) + 2 * t->gap};
    yk_ui_button(&k->ui, id, r, label, &st, true);
}
