/* Volunteer mode: the walk-in tally (one button per kind with today's count, undo). */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"

#include <stdio.h>
#include <string.h>

void yk_vol_load_walkins(struct yk_kiosk *k, struct vstate *s)
{
    yk_store_free_walkin_kinds(&s->kinds);
    yk_walkin_counts_free(&s->counts);
    yk_store_list_walkin_kinds(k->p.db, &s->kinds);
    yk_walkin_counts(k->p.db, utc_ms(k), &s->counts);
}

static int walkin_count(const struct vstate *s, const char *kind)
{
    for (size_t i = 0; i < s->counts.count; i++)
        if (strcmp(s->counts.items[i].kind_id, kind) == 0)
            return s->counts.items[i].count;
    return 0;
}

/* One kind's tile: its name first and large (what the volunteer looks for), today's count
 * under it in the accent colour; both as large as the tile holds. The tree text is
 * "name count" (read aloud, tests). */
static void walkin_tile(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *name,
                        int count)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_BODY);
    yk_ui_button(ui, id, r, "", &bs, true);
    yk_ui_set_text(ui, id, yk_ui_fmt(ui, "%s %d", name, count));
    struct yk_rect in = yk_inset(r, t->gap);
    const char *c = yk_ui_fmt(ui, tr(k, "vol.walkin.today"), count);
    enum yk_font nf = YK_FONT_TITLE, cf = YK_FONT_LARGE;
    int nh = 0, chh = 0;
    for (;;) {
        nh = yk_ui_text_height(ui, name, nf, in.w);
        chh = yk_ui_text_height(ui, c, cf, in.w);
        bool fits = nh + chh <= in.h && nh <= 2 * yk_ui_line_height(ui, nf) &&
                    yk_ui_text_width(ui, c, cf) <= in.w;
        if (fits || (nf == YK_FONT_SMALL && cf == YK_FONT_SMALL))
            break;
        /* The count gives way first: the name matters more. */
        if (cf > YK_FONT_BODY || nf == YK_FONT_SMALL)
            cf = (enum yk_font)(cf - 1);
        else
            nf = (enum yk_font)(nf - 1);
    }
    int y = in.y + (in.h - nh - chh) / 2;
    if (y < in.y)
        y = in.y;
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.name", id), (struct yk_rect){in.x, y, in.w, nh}, name, nf,
               t->ink, YK_ALIGN_CENTER, false);
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.count", id), (struct yk_rect){in.x, y + nh, in.w, chh}, c, cf,
               t->primary, YK_ALIGN_CENTER, false);
}

/* The kind buttons in a grid of cols columns from y, each ch tall. */
static void walkin_buttons(struct yk_kiosk *k, struct vstate *s, struct yk_rect in, int y, int cols,
                           int ch)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int cw = (in.w - (cols - 1) * t->gap) / cols;
    for (size_t i = 0; i < s->kinds.count; i++) {
        const struct yk_walkin_kind *kd = &s->kinds.items[i];
        struct yk_rect r = {in.x + (int)(i % (size_t)cols) * (cw + t->gap),
                            y + (int)(i / (size_t)cols) * (ch + t->gap), cw, ch};
        walkin_tile(k, yk_ui_fmt(ui, "vol.walkin.%s", kd->id), r, PICK(kd->name),
                    walkin_count(s, kd->id));
    }
}

/* Where today's total goes in an undo row: cut from the right of row (what is left of it is
 * the undo button's); an empty rect where it does not fit beside undo. */
static struct yk_rect walkin_total_rect(struct yk_kiosk *k, struct vstate *s, struct yk_rect *row)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect r = *row;
    yk_cut_left(&r, yk_vol_label_w(k, tr(k, "vol.walkin.undo"), YK_FONT_BODY, true) + t->pad);
    const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
    int tw = yk_ui_text_width(ui, total, YK_FONT_BODY);
    if (tw > r.w / 2)
        tw = r.w / 2;
    struct yk_rect trc = yk_cut_right(&r, tw);
    if (yk_ui_text_height(ui, total, YK_FONT_BODY, trc.w) > trc.h)
        return (struct yk_rect){0};
    return trc;
}

/* The undo button on the left of row, today's total on the right where it fits (false where
 * it does not). */
static bool walkin_undo_row(struct yk_kiosk *k, struct vstate *s, struct yk_rect row)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect trc = walkin_total_rect(k, s, &row);
    struct yk_button_style ub = yk_page_button_style(k, false, YK_FONT_BODY);
    ub.icon = YK_ICON_BACK;
    const char *ul = tr(k, "vol.walkin.undo");
    yk_ui_button(ui, "vol.walkin.undo",
                 yk_cut_left(&row, yk_vol_label_w(k, ul, YK_FONT_BODY, true)), ul, &ub, true);
    if (trc.w <= 0)
        return false;
    const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
    yk_ui_text(ui, "vol.walkin.total", trc, total, YK_FONT_BODY, t->ink, YK_ALIGN_RIGHT, true);
    return true;
}

/* Short and wide (elder mode on a small landscape panel): the kind buttons as one line each
 * ("Consultation  3", body font, at least 1.25 touch targets tall) in a grid on the left,
 * and undo (its short word), today's total and the last tap's message in a column on the
 * right. False where even that does not fit. */
static bool walkin_compact(struct yk_kiosk *k, struct vstate *s, struct yk_rect in, const char *m)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    size_t n = s->kinds.count;
    if (!n || in.w < in.h * 2)
        return false;
    int ch = yk_ui_line_height(ui, YK_FONT_BODY) + 2 * t->gap;
    if (ch < t->touch_min * 5 / 4)
        ch = t->touch_min * 5 / 4;
    const char *ul = tr(k, "vol.walkin.undo.short");
    const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
    int side = yk_vol_label_w(k, ul, YK_FONT_BODY, false);
    int tw = yk_ui_text_width(ui, total, YK_FONT_BODY);
    if (side < tw)
        side = tw;
    if (side < in.w / 5)
        side = in.w / 5;
    struct yk_rect col = yk_cut_right(&in, side);
    yk_cut_right(&in, t->pad);
    int cols = n > 4 ? 3 : 2, rows = (int)(n + (size_t)cols - 1) / cols;
    int cw = (in.w - (cols - 1) * t->gap) / cols;
    /* Every label on one line, every row in view, and undo with the total under it. */
    if (rows * ch + (rows - 1) * t->gap > in.h ||
        ch + t->gap + yk_ui_line_height(ui, YK_FONT_BODY) > col.h)
        return false;
    for (size_t i = 0; i < n; i++)
        if (yk_ui_text_width(ui,
                             yk_ui_fmt(ui, "%s  %d", PICK(s->kinds.items[i].name),
                                       walkin_count(s, s->kinds.items[i].id)),
                             YK_FONT_BODY) +
                2 * t->gap >
            cw)
            return false;
    for (size_t i = 0; i < n; i++) {
        const struct yk_walkin_kind *kd = &s->kinds.items[i];
        struct yk_rect r = {in.x + (int)(i % (size_t)cols) * (cw + t->gap),
                            in.y + (int)(i / (size_t)cols) * (ch + t->gap), cw, ch};
        struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_BODY);
        const char *id = yk_ui_fmt(ui, "vol.walkin.%s", kd->id);
        int c = walkin_count(s, kd->id);
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, "%s  %d", PICK(kd->name), c), &bs, true);
        yk_ui_set_text(ui, id, yk_ui_fmt(ui, "%s %d", PICK(kd->name), c));
    }
    /* The column: undo, the total, then the message (scrolling if long). */
    struct yk_button_style ub = yk_page_button_style(k, false, YK_FONT_BODY);
    yk_ui_button(ui, "vol.walkin.undo", yk_cut_top(&col, ch), ul, &ub, true);
    yk_ui_set_text(ui, "vol.walkin.undo", tr(k, "vol.walkin.undo"));
    yk_cut_top(&col, t->gap);
    int lh = yk_ui_line_height(ui, YK_FONT_BODY);
    yk_ui_text(ui, "vol.walkin.total", yk_cut_top(&col, lh), total, YK_FONT_BODY, t->ink,
               YK_ALIGN_LEFT, false);
    /* The last tap's message (recorded, undone, an error); the hint is the buttons' own. */
    if (s->walk_msg && col.h > t->gap) {
        int mh = yk_ui_text_height(ui, m, YK_FONT_SMALL, col.w - t->gap);
        int y = yk_ui_scroll_begin(ui, "vol.walkin.msgs", col);
        yk_ui_text(ui, "vol.walkin.msg", (struct yk_rect){col.x, y, col.w - t->gap, mh}, m,
                   YK_FONT_SMALL, t->ink_soft, YK_ALIGN_LEFT, false);
        yk_ui_scroll_end(ui, y + mh);
    }
    return true;
}

void yk_vol_build_walkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int bh = yk_page_button_h(k);
    struct yk_rect all = in;
    /* Today's total beside undo, or on a line of its own under it where it does not fit. */
    const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
    struct yk_rect probe = {in.x, in.y, in.w, bh}, total_row = {0};
    if (walkin_total_rect(k, s, &probe).w <= 0) {
        total_row = yk_cut_bottom(&in, yk_ui_text_height(ui, total, YK_FONT_BODY, in.w));
        yk_cut_bottom(&in, t->gap);
    }
    struct yk_rect row = yk_cut_bottom(&in, bh);
    yk_cut_bottom(&in, t->gap);
    const char *m = tr(k, "vol.walkin.how");
    if (s->walk_msg)
        m = strcmp(s->walk_msg, "vol.walkin.undone") == 0
                ? yk_ui_fmt(ui, tr(k, s->walk_msg), s->walk_kind)
                : tr(k, s->walk_msg);
    size_t n = s->kinds.count;
    int cols = in.w > in.h ? 2 : 1;
    if (n > 4 && in.w > in.h * 2)
        cols = 3;
    int rows = n ? (int)(n + (size_t)cols - 1) / cols : 1;
    int mh = yk_ui_text_height(ui, m, YK_FONT_BODY, in.w);
    int min_h =
        yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_BODY) + 2 * t->gap;
    int ch = (in.h - mh - t->gap - (rows - 1) * t->gap) / rows;
    /* Too short for the message and even one row of buttons at their smallest, and wide
     * (elder mode on a small landscape panel): one-line buttons beside a column with undo,
     * where they fit. */
    if (ch < min_h && in.h < mh + t->gap + min_h && walkin_compact(k, s, all, m))
        return;
    /* Decided on the hint, so that the layout does not change with the message. */
    int hint_h = yk_ui_text_height(ui, tr(k, "vol.walkin.how"), YK_FONT_BODY, in.w);
    if (n && in.h < hint_h + t->gap + min_h && all.h >= min_h) {
        /* Too short for the message and a row of buttons at their smallest above the undo
         * row, and tall enough for such a row alone (elder mode on a portrait panel, the 7"
         * one upright above all): the whole area scrolls, the buttons first so that the first
         * row of them is whole in view as it opens, then the message (a tap's count shows on
         * its button) and undo, the last tap's message just above it. Elsewhere undo stays
         * in view under the message and the buttons, as below. */
        cols = all.w > all.h ? 2 : 1;
        if (n > 4 && all.w > all.h * 2)
            cols = 3;
        rows = (int)(n + (size_t)cols - 1) / cols;
        int y = yk_ui_scroll_begin(ui, "vol.walkins", all);
        walkin_buttons(k, s, all, y, cols, min_h);
        y += rows * (min_h + t->gap);
        yk_ui_text(ui, "vol.walkin.msg", (struct yk_rect){all.x, y, all.w, mh}, m, YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_LEFT, false);
        y += mh + t->gap;
        if (!walkin_undo_row(k, s, (struct yk_rect){all.x, y, all.w, bh})) {
            /* Today's total does not fit beside undo: on its own line under it. */
            y += bh + t->gap;
            int th = yk_ui_text_height(ui, total, YK_FONT_BODY, all.w);
            yk_ui_text(ui, "vol.walkin.total", (struct yk_rect){all.x, y, all.w, th}, total,
                       YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
            y += th - bh;
        }
        yk_ui_scroll_end(ui, y + bh);
        return;
    }
    if (!walkin_undo_row(k, s, row))
        yk_ui_text(ui, "vol.walkin.total", total_row, total, YK_FONT_BODY, t->ink, YK_ALIGN_LEFT,
                   false);
    /* Else the message and the buttons scroll together, each at its natural size. */
    bool scroll = ch < min_h;
    if (scroll)
        ch = min_h;
    int y = scroll ? yk_ui_scroll_begin(ui, "vol.walkins", in) : in.y;
    yk_ui_text(ui, "vol.walkin.msg", (struct yk_rect){in.x, y, in.w, mh}, m, YK_FONT_BODY,
               t->ink_soft, YK_ALIGN_LEFT, false);
    y += mh + t->gap;
    if (!n) {
        int nh = yk_ui_text_height(ui, tr(k, "vol.walkin.none"), YK_FONT_BODY, in.w);
        int room = in.y + in.h - y;
        yk_ui_text(ui, "vol.walkin.none", (struct yk_rect){in.x, y, in.w, room > nh ? room : nh},
                   tr(k, "vol.walkin.none"), YK_FONT_BODY, t->ink_soft, YK_ALIGN_CENTER, true);
        if (scroll)
            yk_ui_scroll_end(ui, y + nh);
        return;
    }
    walkin_buttons(k, s, in, y, cols, ch);
    if (scroll)
        yk_ui_scroll_end(ui, y + rows * (ch + t->gap) - t->gap);
}

bool yk_vol_walkin_activate(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strcmp(a, "walkin.undo") == 0) {
        char kind[YK_VOLUNTEER_ID_MAX + 1] = "";
        enum yk_undo_rc rc = yk_walkin_undo_last(k->p.db, NULL, utc_ms(k), kind);
        if (rc == YK_UNDO_OK)
            yk_sync_wake();
        s->walk_msg = rc == YK_UNDO_OK        ? YK_N("vol.walkin.undone")
                      : rc == YK_UNDO_NOTHING ? YK_N("vol.walkin.nothing")
                                              : YK_N("vol.walkin.error");
        s->walk_kind[0] = 0;
        for (size_t i = 0; i < s->kinds.count; i++)
            if (strcmp(s->kinds.items[i].id, kind) == 0)
                snprintf(s->walk_kind, sizeof s->walk_kind, "%s", PICK(s->kinds.items[i].name));
        yk_vol_load_walkins(k, s);
        return true;
    }
    if (strncmp(a, "walkin.", 7) == 0) {
        bool added = yk_walkin_tap(k->p.db, a + 7, NULL, utc_ms(k), NULL);
        if (added)
            yk_sync_wake();
        s->walk_msg = added ? YK_N("vol.walkin.added") : YK_N("vol.walkin.error");
        yk_vol_load_walkins(k, s);
        return true;
    }
    return false;
}
