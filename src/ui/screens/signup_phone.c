/* The number step of the sign-up and of 我的报名: the question, the number's box, the 境外号码
 * switch, what is wrong with the number (or a note), and a phone's pad, laid out so that the
 * pad, the switch and the caller's buttons are whole in view (check-choices). The number
 * being typed is a ui/phone_entry.h; every rule is core/phone.h's. */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/phone.h"
#include "ui/page.h"
#include "ui/phone_entry.h"
#include "ui/screens/signup_internal.h"

#include <string.h>

#define tr yk_kiosk_tr

/* The pad: 1-9, then 清除 0 ⌫, a phone's layout, filling r. */
static void phone_pad(struct yk_kiosk *k, const char *prefix, struct yk_rect pad)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int kh = (pad.h - 3 * t->gap) / 4;
    int kw = (pad.w - 2 * t->gap) / 3;
    if (kw > kh * 2) {
        pad.x += (pad.w - (kh * 2 * 3 + 2 * t->gap)) / 2;
        kw = kh * 2;
    }
    enum yk_font kf = YK_FONT_TITLE;
    while (kf > YK_FONT_SMALL && yk_ui_line_height(ui, kf) + 2 * (t->gap / 4) > kh)
        kf--;
    static const char *const keys[12] = {"1", "2", "3", "4",     "5", "6",
                                         "7", "8", "9", "clear", "0", "del"};
    for (int i = 0; i < 12; i++) {
        struct yk_rect r = {pad.x + (i % 3) * (kw + t->gap), pad.y + (i / 3) * (kh + t->gap), kw,
                            kh};
        struct yk_button_style ks = yk_page_button_style(k, false, kf);
        ks.tight = true;
        const char *label = keys[i];
        if (strcmp(keys[i], "clear") == 0) {
            ks.font = YK_FONT_SMALL;
            label = tr(k, "signup.key.clear");
            if (yk_ui_text_width(ui, label, YK_FONT_SMALL) > kw - 2 * (t->gap / 4) ||
                yk_ui_line_height(ui, YK_FONT_SMALL) + 2 * (t->gap / 4) > kh) {
                ks.icon = YK_ICON_CLOSE; /* no room for the word: a cross, words in the tree */
                label = "";
            }
        } else if (strcmp(keys[i], "del") == 0) {
            ks.icon = YK_ICON_BACKSPACE;
            label = "";
        }
        const char *id = yk_ui_fmt(ui, "%s.key.%s", prefix, keys[i]);
        yk_ui_button(ui, id, r, label, &ks, true);
        if (strcmp(keys[i], "del") == 0)
            yk_ui_set_text(ui, id, tr(k, "signup.key.del"));
        else if (strcmp(keys[i], "clear") == 0)
            yk_ui_set_text(ui, id, tr(k, "signup.key.clear"));
        yk_ui_mark_primary(ui, id);
    }
}

/* The 境外号码 switch: a number from abroad ("+", country code, number) or back to a
 * mainland one; a whole touch target in its own row, cut from the top of *r. */
static void abroad_switch(struct yk_kiosk *k, const char *prefix, bool abroad, struct yk_rect *r)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *id = yk_ui_fmt(ui, "%s.phone.abroad", prefix);
    const char *label = tr(k, abroad ? "signup.phone.mainland" : "signup.phone.abroad");
    struct yk_rect row = yk_cut_top(r, yk_signup_ui_action_h(k));
    yk_cut_top(r, t->gap);
    int ipad = yk_kiosk_compact(k) ? 2 * t->pad : 3 * t->pad;
    int w = yk_ui_text_width(ui, label, YK_FONT_BODY) + ipad;
    struct yk_button_style bs = yk_signup_ui_bstyle(k, false, YK_FONT_BODY);
    if (w > row.w || yk_ui_line_height(ui, YK_FONT_BODY) > row.h - t->gap)
        bs.font = YK_FONT_SMALL;
    yk_ui_button(ui, id, yk_cut_left(&row, w < row.w ? w : row.w), label, &bs, true);
    yk_ui_mark_primary(ui, id);
}

void yk_signup_ui_build_phone(struct yk_kiosk *k, struct yk_rect area,
                              const struct yk_phone_entry *e, const struct yk_signup_phone_view *v)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool abroad = yk_phone_entry_abroad(e);
    const char *error = v->error;
    const char *error_id = yk_ui_fmt(ui, "%s.error", v->prefix);
    /* Wide screens: the question, the number, the switch, the message and the buttons on the
     * left, the pad using the full height on the right. Tall screens: all stacked, the pad
     * above the buttons. */
    bool wide = area.w > area.h * 5 / 4;
    struct yk_rect left = area, pad = area;
    if (wide) {
        left = yk_cut_left(&pad, area.w * 48 / 100);
        yk_cut_left(&pad, t->pad);
    }
    size_t n = strlen(e->typed);
    v->actions(k, &left, n > (size_t)abroad);
    /* The number's box: as high as a mainland number in the largest font that fits (a small
     * inset, the digits matter); a longer number from abroad in a smaller font inside it. */
    enum yk_font nf = YK_FONT_HUGE;
    int bi = t->gap / 4;
    while (nf > YK_FONT_BODY && (yk_ui_text_width(ui, "138 1234 56789", nf) > left.w - 2 * bi ||
                                 yk_ui_line_height(ui, nf) + 2 * bi > left.h))
        nf--;
    int ph = yk_ui_line_height(ui, nf) + 2 * bi;
    const char *ask = abroad ? v->ask_abroad : v->ask;
    const char *msg = error ? error : v->note;
    enum yk_font mf = error ? YK_FONT_BODY : YK_FONT_SMALL;
    /* Where the screen is short (the 7" panel in elder mode, either way up), an error with
     * no room under the switch (above a whole pad when stacked) takes the question's place:
     * it says what to do now. The number's box gives way before the pad or the switch do. */
    int min_pad = wide ? 0 : 4 * (t->touch_min * 5 / 4) + 4 * t->gap;
    int fixed = yk_signup_ui_action_h(k) + 2 * t->gap + min_pad;
    int hh = yk_ui_text_height(ui, ask, YK_FONT_LARGE, left.w) + t->gap;
    bool error_on_top = false;
    if (error) {
        if (yk_ui_text_height(ui, msg, mf, left.w) + t->gap > left.h - ph - fixed - hh)
            mf = YK_FONT_SMALL;
        int mh = yk_ui_text_height(ui, msg, mf, left.w) + t->gap;
        error_on_top = mh > left.h - ph - fixed - hh;
        while (error_on_top && nf > YK_FONT_BODY && mh > left.h - ph - fixed) {
            nf--;
            ph = yk_ui_line_height(ui, nf) + 2 * bi;
        }
    }
    /* A question on two lines also costs the box its size, before the switch or the pad. */
    int top = error_on_top ? yk_ui_text_height(ui, msg, mf, left.w) + t->gap : hh;
    while (nf > YK_FONT_BODY && top + ph + fixed > left.h) {
        nf--;
        ph = yk_ui_line_height(ui, nf) + 2 * bi;
    }
    if (error_on_top) {
        int mh = yk_ui_text_height(ui, msg, mf, left.w);
        yk_ui_text(ui, error_id, yk_cut_top(&left, mh), msg, mf, t->primary, YK_ALIGN_LEFT, false);
        yk_cut_top(&left, t->gap);
    } else {
        left = yk_signup_ui_heading_as(k, left, yk_ui_fmt(ui, "%s.step", v->prefix), ask);
    }
    /* The number as typed, grouped the way people read it back (core/phone.h). */
    char shown[32];
    yk_phone_format(e->typed, shown, sizeof shown);
    struct yk_rect box = yk_cut_top(&left, ph);
    yk_ui_fill(ui, box, t->card, t->radius);
    bool empty = n <= (size_t)abroad;
    const char *text =
        empty ? tr(k, abroad ? "signup.phone.hint_abroad" : "signup.phone.hint") : shown;
    enum yk_font tf = empty ? YK_FONT_BODY : nf;
    while (tf > YK_FONT_SMALL && (yk_ui_text_width(ui, text, tf) > box.w - 2 * bi ||
                                  yk_ui_line_height(ui, tf) > box.h - 2 * bi))
        tf--;
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.phone", v->prefix), yk_inset(box, bi), text, tf,
               empty ? t->ink_soft : t->ink, YK_ALIGN_CENTER, true);
    yk_cut_top(&left, t->gap);
    abroad_switch(k, v->prefix, abroad, &left);
    if (!wide) {
        /* The pad takes what the message and the explanation leave, never under 4 keys of
         * a touch target each. */
        int mh = yk_ui_text_height(ui, msg, mf, left.w);
        if (!error_on_top && (left.h - mh - t->gap >= min_pad || error)) {
            struct yk_rect mr = yk_cut_bottom(&left, mh);
            yk_ui_text(ui, error ? error_id : v->note_id, mr, msg, mf,
                       error ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
            yk_cut_bottom(&left, t->gap);
        }
        phone_pad(k, v->prefix, left);
        return;
    }
    if (!error_on_top) {
        int mh = yk_ui_text_height(ui, msg, mf, left.w);
        if (mh > left.h) {
            mf = YK_FONT_SMALL;
            mh = yk_ui_text_height(ui, msg, mf, left.w);
        }
        if (mh <= left.h || error)
            yk_ui_text(ui, error ? error_id : v->note_id, left, msg, mf,
                       error ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
    }
    phone_pad(k, v->prefix, pad);
}
