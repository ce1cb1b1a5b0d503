/* Volunteer mode: the hub's setup-code pad (Today → 连接服务中心). The code is never logged
 * and is wiped from memory when the pad closes. */
#include "ui/screens/vol_internal.h"

#include "core/log.h"
#include "ui/keypad.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* Opens the pad with nothing in it and a scanner for setup codes: the scanner's cleaning
 * (AIM prefixes, dashes and spaces, any case, I/L read as 1 and O as 0) with codes of 16
 * Crockford symbols. */
static void setup_open(struct yk_kiosk *k, struct vstate *s)
{
    sodium_memzero(s->setup, sizeof s->setup);
    sodium_memzero(&s->setup_scan, sizeof s->setup_scan);
    struct yk_scanner_params p;
    yk_scanner_params_init(&p, YK_TICKET_DIGITS, YK_TICKET_DIGITS, YK_SETUP_LEN);
    yk_scanner_init(&s->setup_scan, &p);
    s->setup_msg = NULL;
    s->setup_up = true;
    s->rejects_up = false;
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

/* Closes the pad and wipes what was typed or scanned. */
void yk_vol_setup_close(struct vstate *s)
{
    sodium_memzero(s->setup, sizeof s->setup);
    sodium_memzero(&s->setup_scan, sizeof s->setup_scan);
    s->setup_msg = NULL;
    s->setup_up = false;
}

/* 连接: hands the code to sync (grouped as printed) and forgets it here. */
static void setup_confirm(struct yk_kiosk *k, struct vstate *s)
{
    if (strlen(s->setup) != YK_SETUP_LEN)
        return;
    char grouped[YK_SETUP_LEN + 4];
    snprintf(grouped, sizeof grouped, "%.4s-%.4s-%.4s-%.4s", s->setup, s->setup + 4, s->setup + 8,
             s->setup + 12);
    bool ok = yk_sync_enter_setup_code(grouped);
    sodium_memzero(grouped, sizeof grouped);
    if (!ok) {
        s->setup_msg = YK_N("vol.setup.bad");
        sodium_memzero(s->setup, sizeof s->setup);
        return;
    }
    yk_vol_setup_close(s);
    s->setup_sent = true;
    s->setup_refused = false;
    yk_info("volunteer", "a setup code was entered for the hub"); /* never the code */
    yk_vol_load_today(k, s);
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

/* A scan while the pad is up: a whole code fills it (连接 still confirms), anything else
 * says what a setup code looks like. */
static void setup_scanned(struct vstate *s, struct yk_scan *sc)
{
    sodium_memzero(s->setup, sizeof s->setup);
    if (sc->kind == YK_SCAN_SHORT_CODE && strlen(sc->code) == YK_SETUP_LEN) {
        memcpy(s->setup, sc->code, YK_SETUP_LEN);
        s->setup_msg = NULL;
    } else {
        s->setup_msg = YK_N("vol.setup.bad");
        yk_info("volunteer", "setup pad: not a setup code (%s)", yk_scan_error_str(sc->error));
    }
    sodium_memzero(sc, sizeof *sc);
}

void yk_vol_setup_take_scans(struct yk_kiosk *k, struct vstate *s)
{
    struct yk_scan sc;
    while (s->setup_up && yk_scanner_take(&s->setup_scan, mono(k), &sc)) {
        setup_scanned(s, &sc);
        k->dirty = true;
    }
}

/* The setup code as the operator's slip prints it, XXXX-XXXX-XXXX-XXXX, a _ for each
 * symbol still to come. */
static const char *setup_shown(struct yk_kiosk *k, const char *code)
{
    char out[YK_SETUP_LEN + 4] = "";
    size_t n = strlen(code), o = 0;
    for (size_t i = 0; i < YK_SETUP_LEN; i++) {
        if (i && i % 4 == 0)
            out[o++] = '-';
        if (i < n) {
            out[o++] = code[i];
        } else {
            out[o++] = '_';
        }
    }
    out[o] = 0;
    const char *r = yk_ui_strdup(&k->ui, out);
    sodium_memzero(out, sizeof out);
    return r;
}

/* The code box shares its row with 取消 · 清除 · 连接 where they leave it room for a whole
 * code in the body font; else it has a row of its own above them. */
static bool setup_split(struct yk_kiosk *k, int w)
{
    int bw = yk_vol_label_w(k, tr(k, "vol.setup.ok"), YK_FONT_LARGE, false) +
             yk_vol_snug_w(k, tr(k, "vol.key.clear"), false) +
             yk_vol_snug_w(k, tr(k, "vol.setup.cancel"), false) + 3 * k->ui.theme.gap;
    int cw = yk_ui_text_width(&k->ui, "0000-0000-0000-0000", YK_FONT_LARGE) + 2 * k->ui.theme.gap;
    return bw + cw > w;
}

/* The height the pad's code box and buttons take at width w. */
static int setup_head_h(struct yk_kiosk *k, int w)
{
    return setup_split(k, w) ? 2 * yk_vol_code_bh(k) + k->ui.theme.gap : yk_vol_code_bh(k);
}

/* The setup-code pad, in place of the Today document: the code (grouped), 取消 · 清除 ·
 * 连接 (only with all 16), what it is or what went wrong, the 32 Crockford symbols and ⌫.
 * All of it scrolls as one where the area is short. */
void yk_vol_build_setup(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool full = strlen(s->setup) == YK_SETUP_LEN;
    const char *msg = tr(k, s->setup_msg ? s->setup_msg : "vol.setup.how");
    int mh = yk_ui_text_height(ui, msg, YK_FONT_BODY, in.w);
    int need = setup_head_h(k, in.w) + t->gap + mh + t->gap +
               yk_keypad_min_h(k, in.w, 33, 4, YK_FONT_SMALL, false);
    bool compact = need > in.h;
    struct yk_rect view = in;
    int y0 = yk_ui_scroll_begin(ui, "vol.setup", view);
    in.y = y0;
    if (compact)
        in.h = need;
    int bh = yk_vol_code_bh(k);
    bool split = setup_split(k, in.w);
    struct yk_rect box = split ? yk_cut_top(&in, bh) : (struct yk_rect){0, 0, 0, 0};
    if (split)
        yk_cut_top(&in, t->gap);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    const char *okl = tr(k, "vol.setup.ok"), *cl = tr(k, "vol.key.clear"),
               *xl = tr(k, "vol.setup.cancel");
    struct yk_button_style ok = yk_page_button_style(k, true, YK_FONT_LARGE);
    yk_ui_button(ui, "vol.setup.ok",
                 yk_cut_right(&row, yk_vol_label_w(k, okl, YK_FONT_LARGE, false)), okl, &ok, full);
    yk_cut_right(&row, t->gap);
    struct yk_button_style cb = yk_page_button_style(k, false, YK_FONT_BODY);
    if (split) {
        yk_ui_button(ui, "vol.setup.cancel", yk_cut_left(&row, yk_vol_snug_w(k, xl, false)), xl,
                     &cb, true);
        yk_cut_left(&row, t->gap);
        yk_ui_button(ui, "vol.setup.clear", yk_cut_left(&row, yk_vol_snug_w(k, cl, false)), cl, &cb,
                     true);
    } else {
        yk_ui_button(ui, "vol.setup.clear", yk_cut_right(&row, yk_vol_snug_w(k, cl, false)), cl,
                     &cb, true);
        yk_cut_right(&row, t->gap);
        yk_ui_button(ui, "vol.setup.cancel", yk_cut_right(&row, yk_vol_snug_w(k, xl, false)), xl,
                     &cb, true);
        yk_cut_right(&row, t->gap);
        box = row;
    }
    yk_ui_fill(ui, box, t->card, t->radius);
    const char *shown = setup_shown(k, s->setup);
    /* As large as fits on one line (the code must not wrap at a dash). */
    struct yk_rect cb_in = yk_inset(box, t->gap / 2);
    enum yk_font f = YK_FONT_TITLE;
    while (f > YK_FONT_SMALL && (yk_ui_text_width(ui, shown, f) > cb_in.w - t->gap ||
                                 yk_ui_line_height(ui, f) > cb_in.h))
        f = (enum yk_font)(f - 1);
    yk_ui_text(ui, "vol.setup.code", cb_in, shown, f, s->setup[0] ? t->ink : t->ink_soft,
               YK_ALIGN_CENTER, true);
    yk_ui_set_text(ui, "vol.setup.code",
                   yk_ui_fmt(ui, tr(k, "vol.setup.typed"), (int)strlen(s->setup), YK_SETUP_LEN));
    yk_ui_text(ui, "vol.setup.msg", yk_cut_top(&in, mh), msg, YK_FONT_BODY,
               s->setup_msg ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
    yk_cut_top(&in, t->gap);
    yk_vol_keypad(k, "vol.setup.key", "vol.setup.keys", in, yk_keypad_crockford(false), 33, 4,
                  YK_FONT_BODY, false);
    yk_ui_scroll_end(ui, in.y + in.h);
}

bool yk_vol_setup_activate(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strcmp(a, "sync.connect") == 0) {
        if (s->sync.configured)
            setup_open(k, s);
        return true;
    }
    if (strncmp(a, "setup.", 6) != 0 || !s->setup_up)
        return false;
    const char *key = a + 6;
    size_t n = strlen(s->setup);
    s->setup_msg = NULL;
    if (strcmp(key, "cancel") == 0) {
        yk_vol_setup_close(s);
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    } else if (strcmp(key, "clear") == 0) {
        sodium_memzero(s->setup, sizeof s->setup);
    } else if (strcmp(key, "ok") == 0) {
        setup_confirm(k, s);
    } else if (strcmp(key, "key.del") == 0) {
        if (n)
            s->setup[n - 1] = 0;
    } else if (strncmp(key, "key.", 4) == 0 && key[4] && !key[5] && n < YK_SETUP_LEN) {
        s->setup[n] = key[4];
        s->setup[n + 1] = 0;
    }
    return true;
}
