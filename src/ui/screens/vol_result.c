/* Volunteer mode: a check-in's result (the coloured panel read from two metres) and the
 * "how many arrive now?" question. */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"
#include "core/shtime.h"

#include <string.h>

static struct yk_color verdict_color(enum verdict v)
{
    switch (v) {
    case V_OK:
        return hex(0x1B5E20);
    case V_ALREADY:
    case V_NOT_CONFIRMED:
        return hex(0x6B4300);
    case V_NOT_TICKET:
    case V_NO_EVENT:
    case V_NOT_FOUND:
        return hex(0x37474F);
    default:
        return hex(0x8E0A10);
    }
}

static int verdict_icon(enum verdict v)
{
    switch (v) {
    case V_OK:
        return YK_ICON_CHECK;
    case V_ALREADY:
        return YK_ICON_INFO;
    case V_WRONG_EVENT:
        return YK_ICON_CALENDAR;
    case V_NOT_CONFIRMED:
        return YK_ICON_CLOCK;
    case V_NOT_TICKET:
    case V_NO_EVENT:
    case V_NOT_FOUND:
    case V_ERROR:
        return YK_ICON_WARNING;
    default:
        return YK_ICON_CLOSE;
    }
}

static const char *verdict_key(enum verdict v)
{
    switch (v) {
    case V_NONE:
        break;
    case V_OK:
        return YK_N("vol.r.ok");
    case V_ALREADY:
        return YK_N("vol.r.already");
    case V_WRONG_EVENT:
        return YK_N("vol.r.wrong_event");
    case V_INVALID:
        return YK_N("vol.r.invalid");
    case V_REVOKED:
        return YK_N("vol.r.revoked");
    case V_CANCELLED:
        return YK_N("vol.r.cancelled");
    case V_NOT_CONFIRMED:
        return YK_N("vol.r.not_confirmed");
    case V_NOT_FOUND:
        return YK_N("vol.r.not_found");
    case V_NOT_TICKET:
        return YK_N("vol.r.not_ticket");
    case V_NO_EVENT:
        return YK_N("vol.r.no_event");
    case V_ERROR:
        return YK_N("vol.r.error");
    }
    return YK_N("vol.r.error");
}

/* What to do next, under the result's title. */
static const char *verdict_todo(enum verdict v)
{
    switch (v) {
    case V_NONE:
    case V_OK:
        return NULL;
    case V_ALREADY:
        return YK_N("vol.r.already.b");
    case V_WRONG_EVENT:
        return YK_N("vol.r.wrong_event.b");
    case V_INVALID:
        return YK_N("vol.r.invalid.b");
    case V_REVOKED:
        return YK_N("vol.r.revoked.b");
    case V_CANCELLED:
        return YK_N("vol.r.cancelled.b");
    case V_NOT_CONFIRMED:
        return YK_N("vol.r.not_confirmed.b");
    case V_NOT_FOUND:
        return YK_N("vol.r.not_found.b");
    case V_NOT_TICKET:
        return YK_N("vol.r.not_ticket.b");
    case V_NO_EVENT:
        return YK_N("vol.r.no_event.b");
    case V_ERROR:
        return YK_N("vol.r.error.b");
    }
    return NULL;
}

/* The row of a view's action button (下一位, 取消): under the content, or at the bottom of a
 * column of side_w on its right where a short, wide area (elder mode on a small landscape
 * panel) would leave the content less than two lines of the title font. */
static struct yk_rect action_row(struct yk_kiosk *k, struct yk_rect *in, int side_w)
{
    const struct yk_theme *t = &k->ui.theme;
    int bh = yk_page_button_h(k);
    if (in->w > 2 * in->h && side_w < in->w / 3 &&
        in->h - bh - t->gap < 2 * yk_ui_line_height(&k->ui, YK_FONT_TITLE)) {
        struct yk_rect col = yk_cut_right(in, side_w);
        yk_cut_right(in, t->gap);
        return (struct yk_rect){col.x, col.y + col.h - bh, col.w, bh};
    }
    struct yk_rect row = yk_cut_bottom(in, bh);
    yk_cut_bottom(in, t->gap);
    return row;
}

/* What a result says, from the most to the least important: the title, who, the detail (how
 * many of the party, or when and where they checked in before) and what to do. */
struct rtext {
    const char *title, *who, *detail, *todo;
};

static struct rtext result_text(struct yk_kiosk *k, const struct result *r)
{
    struct yk_ui *ui = &k->ui;
    struct rtext x = {.title = tr(k, verdict_key(r->v))};
    char when[16] = "";
    if (r->first_utc)
        yk_format_hhmm(when, sizeof when, r->first_utc);
    switch (r->v) {
    case V_OK:
        x.who = r->who[0] ? r->who : NULL;
        x.detail = r->remaining > 0
                       ? yk_ui_fmt(ui, tr(k, "vol.r.ok.part"), r->count, r->party, r->remaining)
                   : r->party > 1 && r->count < r->party
                       ? yk_ui_fmt(ui, tr(k, "vol.r.ok.rest"), r->count, r->party)
                       : yk_ui_fmt(ui, tr(k, "vol.r.ok.n"), r->count);
        break;
    case V_ALREADY:
        x.who = r->who[0] ? r->who : NULL;
        x.detail =
            yk_ui_fmt(ui, tr(k, r->first_here ? "vol.r.already.here" : "vol.r.already.other"), when,
                      r->party);
        break;
    case V_WRONG_EVENT:
        x.detail = r->other_event[0] ? yk_ui_fmt(ui, tr(k, "vol.r.wrong_event.for"), r->other_event)
                                     : NULL;
        break;
    case V_CANCELLED:
    case V_NOT_CONFIRMED:
        x.who = r->who[0] ? r->who : NULL;
        break;
    default:
        break;
    }
    x.todo = verdict_todo(r->v) ? tr(k, verdict_todo(r->v)) : NULL;
    return x;
}

/* The icon and the title (font tf) in a row w wide, with who beside the title when inline:
 * the row's height. */
static int result_head_h(struct yk_kiosk *k, const struct rtext *x, enum yk_font tf,
                         bool inline_who, int w)
{
    struct yk_ui *ui = &k->ui;
    int ih = yk_ui_line_height(ui, tf);
    int th = yk_ui_text_height(ui, x->title, tf, w - ih - ui->theme.pad);
    if (inline_who) {
        int wh = yk_ui_line_height(ui, YK_FONT_TITLE);
        if (wh > th)
            th = wh;
    }
    return th;
}

/* True when the title fits on one line beside the icon with who after it, in a row w wide. */
static bool result_inline_fits(struct yk_kiosk *k, const struct rtext *x, enum yk_font tf, int w)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    if (!x->who)
        return false;
    int ih = yk_ui_line_height(ui, tf);
    return ih + t->pad + yk_ui_text_width(ui, x->title, tf) + 2 * t->pad +
               yk_ui_text_width(ui, x->who, YK_FONT_TITLE) <=
           w;
}

/* Draws the icon and the title (and who beside it when inline) in a row of height th at y. */
static void result_head(struct yk_kiosk *k, const struct result *r, const struct rtext *x,
                        enum yk_font tf, bool inline_who, struct yk_rect head, struct yk_color fg)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int ih = yk_ui_line_height(ui, tf);
    int th = yk_ui_text_height(ui, x->title, tf, head.w - ih - t->pad);
    int ty = head.y + (head.h - th) / 2;
    int isz = ih < th ? ih : th;
    yk_ui_icon_draw(ui, (struct yk_rect){head.x, ty + (th > ih ? 0 : (th - isz) / 2), isz, isz},
                    verdict_icon(r->v), fg);
    yk_cut_left(&head, ih + t->pad);
    if (inline_who) {
        int tw = yk_ui_text_width(ui, x->title, tf);
        yk_ui_text(ui, "vol.result.title", (struct yk_rect){head.x, ty, tw, th}, x->title, tf, fg,
                   YK_ALIGN_LEFT, false);
        yk_cut_left(&head, tw + 2 * t->pad);
        int wh = yk_ui_line_height(ui, YK_FONT_TITLE);
        yk_ui_text(ui, "vol.result.who",
                   (struct yk_rect){head.x, head.y + (head.h - wh) / 2, head.w, wh}, x->who,
                   YK_FONT_TITLE, fg, YK_ALIGN_LEFT, false);
        return;
    }
    yk_ui_text(ui, "vol.result.title", (struct yk_rect){head.x, ty, head.w, th}, x->title, tf, fg,
               YK_ALIGN_LEFT, false);
}

/* Who (when with_who), the detail (in df) and what to do, stacked from y in a column w wide
 * at px (heights as result_rest_h). Returns the y under them. */
static int result_rest(struct yk_kiosk *k, const struct rtext *x, bool with_who, enum yk_font df,
                       int px, int y, int w, struct yk_color fg)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    if (with_who && x->who) {
        int h = yk_ui_text_height(ui, x->who, YK_FONT_TITLE, w);
        yk_ui_text(ui, "vol.result.who", (struct yk_rect){px, y, w, h}, x->who, YK_FONT_TITLE, fg,
                   YK_ALIGN_LEFT, false);
        y += h + t->gap;
    }
    if (x->detail) {
        int h = yk_ui_text_height(ui, x->detail, df, w);
        yk_ui_text(ui, "vol.result.detail", (struct yk_rect){px, y, w, h}, x->detail, df, fg,
                   YK_ALIGN_LEFT, false);
        y += h + t->gap;
    }
    if (x->todo) {
        int h = yk_ui_text_height(ui, x->todo, YK_FONT_BODY, w);
        yk_ui_text(ui, "vol.result.todo", (struct yk_rect){px, y, w, h}, x->todo, YK_FONT_BODY, fg,
                   YK_ALIGN_LEFT, false);
        y += h + t->gap;
    }
    return y;
}

/* Heights of who (when with_who) and the detail in df (*key: what must be in view) and of
 * all of them with what to do (the return value), stacked in a column w wide, each with a
 * gap above it. */
static int result_rest_h(struct yk_kiosk *k, const struct rtext *x, bool with_who, enum yk_font df,
                         int w, int *key)
{
    struct yk_ui *ui = &k->ui;
    int gap = ui->theme.gap;
    *key = 0;
    if (with_who && x->who)
        *key += gap + yk_ui_text_height(ui, x->who, YK_FONT_TITLE, w);
    if (x->detail)
        *key += gap + yk_ui_text_height(ui, x->detail, df, w);
    return *key + (x->todo ? gap + yk_ui_text_height(ui, x->todo, YK_FONT_BODY, w) : 0);
}

/* The result where stacking does not show the title, who and the detail together (elder
 * mode on a small landscape panel): the panel over all of in, inset by ins, 下一位 in its
 * bottom-right corner; the title's row across the whole width (who beside the title when
 * the column under it would not hold who as well), who, the detail (in df) and what to do in
 * the column beside 下一位, which scrolls when all of it does not fit (the most important at
 * its top). Returns false (nothing drawn) when it does not show whole what need says: 2 all
 * of it, 1 the title, who and the detail, 0 the title's row above 下一位. */
static bool result_compact(struct yk_kiosk *k, const struct result *r, const struct rtext *x,
                           struct yk_rect in, int ins, enum yk_font df, int need)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect p = yk_inset(in, ins);
    const char *nl = tr(k, "vol.result.next");
    int nw = yk_vol_label_w(k, nl, YK_FONT_LARGE, false), bh = yk_page_button_h(k);
    int cw = p.w - nw - t->gap;
    if (cw < p.w / 2 || p.h < bh)
        return false;
    static const enum yk_font fonts[2] = {YK_FONT_HUGE, YK_FONT_TITLE};
    for (int fi = 0; fi < 2; fi++) {
        enum yk_font tf = fonts[fi];
        for (int il = 0; il < 2; il++) {
            bool inline_who = il == 1;
            if (inline_who && !result_inline_fits(k, x, tf, p.w))
                continue;
            int th = result_head_h(k, x, tf, inline_who, p.w);
            int key, all = result_rest_h(k, x, !inline_who, df, cw, &key);
            /* The title's row stays above 下一位; who and the detail are whole in view. */
            if (th + t->gap + bh > p.h || (need >= 1 && th + key > p.h) ||
                (need >= 2 && th + all > p.h))
                continue;
            struct yk_color fg = hex(0xFFFFFF);
            yk_ui_fill(ui, in, verdict_color(r->v), t->radius);
            result_head(k, r, x, tf, inline_who, (struct yk_rect){p.x, p.y, p.w, th}, fg);
            struct yk_button_style nb = yk_page_button_style(k, false, YK_FONT_LARGE);
            yk_ui_button(ui, "vol.result.next",
                         (struct yk_rect){p.x + p.w - nw, p.y + p.h - bh, nw, bh}, nl, &nb, true);
            struct yk_rect col = {p.x, p.y + th, cw, p.h - th};
            if (th + all > p.h) {
                int y = yk_ui_scroll_begin(ui, "vol.result", col);
                y = result_rest(k, x, !inline_who, df, col.x, y + t->gap, col.w, fg);
                yk_ui_scroll_end(ui, y);
            } else {
                yk_ui_text(ui, "vol.result", (struct yk_rect){p.x, p.y, 0, 0}, "", YK_FONT_SMALL,
                           fg, YK_ALIGN_LEFT, false);
                result_rest(k, x, !inline_who, df, col.x, col.y + t->gap, col.w, fg);
            }
            return true;
        }
    }
    return false;
}

void yk_vol_build_result(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct result *r = &s->res;
    struct rtext x = result_text(k, r);
    const char *nl = tr(k, "vol.result.next");
    int nw = yk_vol_label_w(k, nl, YK_FONT_LARGE, false);
    /* Stacked: 下一位 under the panel (or beside it, action_row), in the panel the icon and
     * the title (huge), who, the detail and what to do. */
    struct yk_rect area = in;
    struct yk_rect row = action_row(k, &in, nw);
    struct yk_rect p = yk_inset(in, t->pad);
    enum yk_font tf = YK_FONT_HUGE;
    int ih = yk_ui_line_height(ui, tf);
    if (yk_ui_text_height(ui, x.title, tf, p.w - ih - t->pad) > 2 * ih)
        tf = YK_FONT_TITLE;
    int key, total = result_rest_h(k, &x, true, YK_FONT_LARGE, p.w, &key);
    int th = result_head_h(k, &x, tf, false, p.w);
    if (th + key > p.h && tf == YK_FONT_HUGE) {
        tf = YK_FONT_TITLE;
        th = result_head_h(k, &x, tf, false, p.w);
    }
    /* Where that would scroll, compact when it shows all; where stacking does not even show
     * the title, who and the detail whole, compact with a narrower margin, then with the
     * detail in the body font; where nothing shows them whole (a long event name), compact
     * still gives the title the whole width and the rest scrolls beside 下一位. */
    if (th + total > p.h) {
        const struct {
            int ins;
            enum yk_font df;
            int need;
        } tries[7] = {{t->pad, YK_FONT_LARGE, 2}, {t->gap, YK_FONT_LARGE, 2},
                      {t->pad, YK_FONT_LARGE, 1}, {t->gap, YK_FONT_LARGE, 1},
                      {t->pad, YK_FONT_BODY, 1},  {t->gap, YK_FONT_BODY, 1},
                      {t->gap, YK_FONT_LARGE, 0}};
        for (int i = 0; i < 7; i++) {
            if (tries[i].need < 2 && th + key <= p.h)
                break; /* stacking shows what matters, the rest scrolling */
            if (result_compact(k, r, &x, area, tries[i].ins, tries[i].df, tries[i].need))
                return; /* it fit, and is drawn */
        }
    }
    total += th;

    struct yk_button_style nb = yk_page_button_style(k, false, YK_FONT_LARGE);
    yk_ui_button(ui, "vol.result.next", yk_cut_right(&row, nw > row.w ? row.w : nw), nl, &nb, true);
    yk_cut_right(&row, t->pad);
    const struct yk_event *ev = cur_event(s);
    if (ev && row.w > 0 && yk_ui_text_height(ui, PICK(ev->title), YK_FONT_SMALL, row.w) <= row.h)
        yk_ui_text(ui, "vol.event.title", row, PICK(ev->title), YK_FONT_SMALL, t->ink_soft,
                   YK_ALIGN_LEFT, true);

    struct yk_color fg = hex(0xFFFFFF);
    yk_ui_fill(ui, in, verdict_color(r->v), t->radius);
    bool scroll = total > p.h;
    int y = scroll ? yk_ui_scroll_begin(ui, "vol.result", p) : p.y + (p.h - total) / 2;
    if (!scroll) {
        /* The panel as a widget, so tests and read-aloud find it. */
        yk_ui_text(ui, "vol.result", (struct yk_rect){p.x, p.y, 0, 0}, "", YK_FONT_SMALL, fg,
                   YK_ALIGN_LEFT, false);
    }
    result_head(k, r, &x, tf, false, (struct yk_rect){p.x, y, p.w, th}, fg);
    y = result_rest(k, &x, true, YK_FONT_LARGE, p.x, y + th + t->gap, p.w, fg);
    if (scroll)
        yk_ui_scroll_end(ui, y);
}

/* One "how many" button: "all n" first (red), then n-1 … 1. */
static void ask_button(struct yk_kiosk *k, int i, int c, struct yk_rect r)
{
    struct yk_ui *ui = &k->ui;
    const char *id = yk_ui_fmt(ui, "vol.ask.%d", c);
    if (i == 0) {
        struct yk_button_style bs = yk_page_button_style(k, true, YK_FONT_TITLE);
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, tr(k, "vol.ask.all"), c), &bs, true);
    } else {
        struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_HUGE);
        bs.sub = tr(k, "vol.ask.unit");
        bs.icon_above = true;
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, "%d", c), &bs, true);
    }
    yk_ui_set_text(ui, id, yk_ui_fmt(ui, tr(k, "vol.ask.n"), c));
}

/* The question with the buttons as tiles (the count huge over its unit) and 取消 under them
 * or beside them (action_row). Returns whether all of it is in view without scrolling; draws
 * it only when draw (scrolling what does not fit). */
static bool ask_roomy(struct yk_kiosk *k, const char *q, int n, struct yk_rect in, bool draw)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_button_style cb = yk_page_button_style(k, false, YK_FONT_BODY);
    const char *cl = tr(k, "vol.ask.cancel");
    struct yk_rect row = action_row(k, &in, yk_vol_label_w(k, cl, YK_FONT_BODY, false));
    if (draw)
        yk_ui_button(ui, "vol.ask.cancel",
                     yk_cut_left(&row, yk_vol_label_w(k, cl, YK_FONT_BODY, false)), cl, &cb, true);
    /* The question in the title font, smaller when it would take more than a third. */
    enum yk_font qf = YK_FONT_TITLE;
    while (qf > YK_FONT_BODY && yk_ui_text_height(ui, q, qf, in.w) > in.h / 3)
        qf = (enum yk_font)(qf - 1);
    int side = t->touch_min * 2;
    int need =
        yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_SMALL) + 3 * t->gap;
    if (side < need)
        side = need;
    int qh = yk_ui_text_height(ui, q, qf, in.w) + t->gap;
    if (qh + need > in.h) {
        if (!draw)
            return false;
        /* Too short for the question and one row of buttons: all of it scrolls. */
        int y = yk_ui_scroll_begin(ui, "vol.ask.list", in);
        yk_ui_text(ui, "vol.ask", (struct yk_rect){in.x, y, in.w, qh - t->gap}, q, qf, t->ink,
                   YK_ALIGN_LEFT, false);
        y += qh;
        int x = in.x;
        for (int i = 0; i < n; i++) {
            int c = n - i;
            int w = i == 0 ? 2 * need + t->gap : need;
            if (x + w > in.x + in.w && x > in.x) {
                x = in.x;
                y += need + t->gap;
            }
            if (w > in.w)
                w = in.w;
            ask_button(k, i, c, (struct yk_rect){x, y, w, need});
            x += w + t->gap;
        }
        yk_ui_scroll_end(ui, y + need + t->gap);
        return false;
    }
    struct yk_rect rest = in;
    yk_cut_top(&rest, qh);
    /* Smaller when the buttons would not fit above 取消 (never under their words); when even
     * that does not fit, they scroll. */
    int rows;
    for (;;) {
        rows = 1;
        int x = rest.x;
        for (int i = 0; i < n; i++) {
            int w = i == 0 ? 2 * side + t->gap : side;
            if (x + w > rest.x + rest.w && x > rest.x) {
                rows++;
                x = rest.x;
            }
            x += w + t->gap;
        }
        if (rows * (side + t->gap) - t->gap <= rest.h || side == need)
            break;
        side = side - t->gap < need ? need : side - t->gap;
    }
    bool scroll = rows * (side + t->gap) - t->gap > rest.h;
    if (!draw)
        return !scroll;
    yk_vol_line(k, &in, "vol.ask", q, qf, t->ink, YK_ALIGN_LEFT);
    /* "All n" first, twice as wide and red (everyone has come is the usual case), then
     * n-1 … 1; a flow that wraps. */
    int x = in.x, y = scroll ? yk_ui_scroll_begin(ui, "vol.ask.list", in) : in.y;
    for (int i = 0; i < n; i++) {
        int c = n - i;
        int w = i == 0 ? 2 * side + t->gap : side;
        if (x + w > in.x + in.w && x > in.x) {
            x = in.x;
            y += side + t->gap;
        }
        if (w > in.w)
            w = in.w;
        ask_button(k, i, c, (struct yk_rect){x, y, w, side});
        x += w + t->gap;
    }
    if (scroll)
        yk_ui_scroll_end(ui, y + side + t->gap);
    return !scroll;
}

/* The question in a short, wide area (elder mode on a small landscape panel), where the
 * tiles would scroll: the question across the top, then one flow of buttons of a line each
 * ("全部 n 人" red and at least twice as wide, "n 人", or the bare count where the units do
 * not fit) ending with 取消 on the right. Fonts from the largest that shows all of it: the
 * buttons' (title, then large) before the question's (title, large, body). Returns false
 * (nothing drawn) when not even that fits. */
static bool ask_compact(struct yk_kiosk *k, const char *q, int n, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *cl = tr(k, "vol.ask.cancel");
    int cw = yk_ui_text_width(ui, cl, YK_FONT_BODY) + 2 * t->pad;
    static const enum yk_font bfs[2] = {YK_FONT_TITLE, YK_FONT_LARGE};
    for (int bi = 0; bi < 2; bi++) {
        enum yk_font bf = bfs[bi];
        int bh = yk_ui_line_height(ui, bf) + 2 * t->gap;
        if (bh < t->touch_min)
            bh = t->touch_min;
        if (cw < bh)
            cw = bh;
        for (int unit = 1; unit >= 0; unit--) {
            /* The buttons' widths, and the rows they and 取消 take. */
            int w[12], rows = 1, x = 0;
            for (int i = 0; i < n; i++) {
                int c = n - i;
                const char *label = i == 0 ? yk_ui_fmt(ui, tr(k, "vol.ask.all"), c)
                                    : unit ? yk_ui_fmt(ui, tr(k, "vol.ask.num"), c)
                                           : yk_ui_fmt(ui, "%d", c);
                w[i] = yk_ui_text_width(ui, label, bf) + 2 * t->pad;
                int min = i == 0 ? 2 * bh + t->gap : bh;
                if (w[i] < min)
                    w[i] = min;
            }
            bool wide = true;
            for (int i = 0; i <= n; i++) {
                int bw = i < n ? w[i] : cw;
                if (bw > in.w)
                    wide = false;
                if (x > 0 && x + bw > in.w) {
                    rows++;
                    x = 0;
                }
                x += bw + t->gap;
            }
            int flow_h = rows * bh + (rows - 1) * t->gap;
            if (!wide)
                continue;
            for (enum yk_font qf = YK_FONT_TITLE; qf >= YK_FONT_BODY; qf = (enum yk_font)(qf - 1)) {
                int qh = yk_ui_text_height(ui, q, qf, in.w);
                if (qh + t->gap + flow_h > in.h)
                    continue;
                yk_ui_text(ui, "vol.ask", (struct yk_rect){in.x, in.y, in.w, qh}, q, qf, t->ink,
                           YK_ALIGN_LEFT, false);
                int y = in.y + qh + t->gap;
                x = in.x;
                for (int i = 0; i < n; i++) {
                    int c = n - i;
                    if (x > in.x && x + w[i] > in.x + in.w) {
                        x = in.x;
                        y += bh + t->gap;
                    }
                    const char *id = yk_ui_fmt(ui, "vol.ask.%d", c);
                    struct yk_button_style bs = yk_page_button_style(k, i == 0, bf);
                    const char *label = i == 0 ? yk_ui_fmt(ui, tr(k, "vol.ask.all"), c)
                                        : unit ? yk_ui_fmt(ui, tr(k, "vol.ask.num"), c)
                                               : yk_ui_fmt(ui, "%d", c);
                    yk_ui_button(ui, id, (struct yk_rect){x, y, w[i], bh}, label, &bs, true);
                    yk_ui_set_text(ui, id, yk_ui_fmt(ui, tr(k, "vol.ask.n"), c));
                    x += w[i] + t->gap;
                }
                if (x > in.x && x + cw > in.x + in.w)
                    y += bh + t->gap;
                struct yk_button_style cb = yk_page_button_style(k, false, YK_FONT_BODY);
                yk_ui_button(ui, "vol.ask.cancel", (struct yk_rect){in.x + in.w - cw, y, cw, bh},
                             cl, &cb, true);
                return true;
            }
        }
    }
    return false;
}

void yk_vol_build_ask(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const char *q = s->ask.who[0] ? yk_ui_fmt(ui, tr(k, "vol.ask.who"), s->ask.who, s->ask.party,
                                              s->ask.remaining)
                                  : yk_ui_fmt(ui, tr(k, "vol.ask"), s->ask.party, s->ask.remaining);
    int n = s->ask.remaining > 12 ? 12 : s->ask.remaining;
    if (ask_roomy(k, q, n, in, false) || !ask_compact(k, q, n, in))
        ask_roomy(k, q, n, in, true);
}
