/* The PIN pad behind the hidden gesture (screen "volunteer_pin"): see volunteer.c's header
 * for what it shows and its widget ids. */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"
#include "core/log.h"
#include "ui/keypad.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum pin_phase { PIN_ENTRY, PIN_CHECKING };

struct pin_state {
    enum pin_phase phase;
    char pin[YK_PIN_MAX_LEN + 1];
    int64_t check_after_frame; /* the "checking" frame must be built before the check */
    const char *msg;           /* catalog key of the message, or NULL */
    int tries_left;            /* shown with vpin.wrong; -1 unknown */
    int64_t locked_until;      /* monotonic ms; 0 = open */
    int64_t shown_s;           /* the countdown second on screen */
};

static struct pin_state *pst(const struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_VOLUNTEER_PIN];
}

static void pin_lock_for(struct yk_kiosk *k, struct pin_state *s, int64_t wait_ms)
{
    s->locked_until = wait_ms > 0 ? mono(k) + wait_ms : 0;
    s->shown_s = (wait_ms + 999) / 1000;
}

static void pin_enter(struct yk_kiosk *k)
{
    struct pin_state *s = pst(k);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (!s)
            return;
        k->state[YK_SCREEN_VOLUNTEER_PIN] = s;
    }
    sodium_memzero(s, sizeof *s);
    s->tries_left = -1;
    /* A PIN screen never shows while volunteer mode is unlocked. */
    k->volunteer_id[0] = k->volunteer_name[0] = 0;
    if (!k->p.db)
        return;
    int64_t w = yk_volunteer_pin_wait_ms(k->p.db, utc_ms(k));
    if (w > 0) {
        pin_lock_for(k, s, w);
        s->msg = YK_N("vpin.locked");
    } else {
        struct yk_pin_guard g;
        yk_pin_guard_load(k->p.db, &g);
        if (g.failures > 0) {
            s->tries_left = g.lockouts ? 1 : YK_PIN_FREE_TRIES - g.failures;
            if (s->tries_left < 1)
                s->tries_left = 1;
            s->msg = YK_N("vpin.tries");
        }
    }
}

static void pin_leave(struct yk_kiosk *k)
{
    struct pin_state *s = pst(k);
    if (!s)
        return;
    sodium_memzero(s, sizeof *s);
    free(s);
    k->state[YK_SCREEN_VOLUNTEER_PIN] = NULL;
}

static bool pin_locked(const struct yk_kiosk *k, const struct pin_state *s)
{
    return s->locked_until && mono(k) < s->locked_until;
}

static void pin_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct pin_state *s = pst(k);
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s)
        return;
    bool locked = pin_locked(k, s);
    bool checking = s->phase == PIN_CHECKING;
    bool wide = in.w > in.h * 5 / 4;
    struct yk_rect left = in, pad = in;
    if (wide) {
        left = yk_cut_left(&pad, in.w * 45 / 100);
        yk_cut_left(&pad, t->pad);
    }
    /* 确定 at the bottom of the left column (landscape) or of the screen (portrait). */
    struct yk_rect okr = yk_cut_bottom(&left, yk_page_button_h(k));
    yk_cut_bottom(&left, t->gap);
    /* Upright and short (the 7" panel in elder mode): the prompt and the dots' box shrink to
     * body text before the keys would have to scroll (a message line under them kept free). */
    enum yk_font pf = YK_FONT_LARGE, df = YK_FONT_TITLE;
    int dh = yk_ui_line_height(ui, YK_FONT_HUGE) + 2 * t->gap;
    int above = yk_ui_text_height(ui, tr(k, "vpin.prompt"), pf, left.w) + dh + 2 * t->gap +
                yk_ui_line_height(ui, YK_FONT_BODY) + t->gap;
    if (!wide && left.h - above < yk_keypad_min_h(k, left.w, 12, -3, YK_FONT_SMALL, false)) {
        pf = df = YK_FONT_BODY;
        dh = yk_ui_line_height(ui, df) + 2 * t->gap;
    }
    yk_vol_line(k, &left, "vpin.prompt", tr(k, "vpin.prompt"), pf, t->ink, YK_ALIGN_LEFT);
    /* Dots for the digits typed: never the digits. */
    char dots[4 * YK_PIN_MAX_LEN + 1] = "";
    size_t n = strlen(s->pin);
    for (size_t i = 0; i < n; i++)
        strcat(dots, "●");
    struct yk_rect box = yk_cut_top(&left, dh);
    yk_ui_fill(ui, box, t->card, t->radius);
    yk_ui_text(ui, "vpin.dots", yk_inset(box, t->gap), n ? dots : tr(k, "vpin.hint"),
               n ? df : YK_FONT_BODY, n ? t->ink : t->ink_soft, YK_ALIGN_CENTER, true);
    yk_cut_top(&left, t->gap);
    if (locked) {
        int64_t left_s = (s->locked_until - mono(k) + 999) / 1000;
        const char *m = yk_ui_fmt(ui, tr(k, "vpin.locked"), (int)(left_s / 60), (int)(left_s % 60));
        int lh = yk_ui_line_height(ui, YK_FONT_BODY);
        int mh = yk_ui_text_height(ui, m, YK_FONT_BODY, left.w - lh - t->gap);
        struct yk_rect row = yk_cut_top(&left, mh);
        yk_ui_icon_draw(ui, yk_cut_left(&row, lh), YK_ICON_LOCK, t->primary);
        yk_cut_left(&row, t->gap);
        yk_ui_text(ui, "vpin.lock", row, m, YK_FONT_BODY, t->primary, YK_ALIGN_LEFT, false);
    } else if (checking) {
        yk_vol_line(k, &left, "vpin.msg", tr(k, "vpin.checking"), YK_FONT_BODY, t->ink,
                    YK_ALIGN_LEFT);
    } else if (s->msg) {
        const char *m = strcmp(s->msg, "vpin.tries") == 0
                            ? yk_ui_fmt(ui, tr(k, "vpin.tries"), s->tries_left)
                            : tr(k, s->msg);
        yk_vol_line(k, &left, "vpin.msg", m, YK_FONT_BODY, t->primary, YK_ALIGN_LEFT);
    }
    if (!wide) {
        pad = left;
    }
    if (locked) {
        /* No keys while locked (they would do nothing): a big lock instead. */
        int isz = pad.h < pad.w ? pad.h : pad.w;
        if (isz > t->touch_min * 3)
            isz = t->touch_min * 3;
        yk_ui_icon_draw(
            ui, (struct yk_rect){pad.x + (pad.w - isz) / 2, pad.y + (pad.h - isz) / 2, isz, isz},
            YK_ICON_LOCK, t->ink_soft);
    } else {
        /* The pad: a phone's 3×4 keys, as large as fit, centred. Taps while checking are
         * ignored rather than drawn disabled (greyed text would be unreadable). */
        yk_vol_keypad(k, "vpin.key", "vpin.keys", pad, yk_keypad_digits, 12, -3, YK_FONT_TITLE,
                      false);
    }
    struct yk_button_style ok = yk_page_button_style(k, !checking, YK_FONT_LARGE);
    if (!locked)
        yk_ui_button(ui, "vpin.ok", okr, tr(k, checking ? "vpin.checking" : "vpin.ok"), &ok, true);
}

static void pin_check(struct yk_kiosk *k, struct pin_state *s)
{
    struct yk_pin_result r;
    enum yk_pin_rc rc = yk_volunteer_pin_check(k->p.db, s->pin, utc_ms(k), &r);
    sodium_memzero(s->pin, sizeof s->pin);
    s->phase = PIN_ENTRY;
    k->dirty = true;
    switch (rc) {
    case YK_PIN_OK:
        snprintf(k->volunteer_id, sizeof k->volunteer_id, "%s", r.volunteer_id);
        snprintf(k->volunteer_name, sizeof k->volunteer_name, "%s",
                 k->lang == YK_LANG_EN && r.name.en[0] ? r.name.en : r.name.zh);
        s->msg = NULL;
        s->tries_left = -1;
        yk_info("volunteer", "unlocked by %s", r.volunteer_id);
        yk_kiosk_go(k, YK_SCREEN_VOLUNTEER);
        break;
    case YK_PIN_WRONG:
        s->tries_left = r.tries_left;
        s->msg = YK_N("vpin.tries");
        if (r.wait_ms > 0) {
            pin_lock_for(k, s, r.wait_ms);
            s->msg = YK_N("vpin.locked");
        }
        break;
    case YK_PIN_LOCKED:
        pin_lock_for(k, s, r.wait_ms);
        s->msg = YK_N("vpin.locked");
        break;
    case YK_PIN_ERROR:
        s->msg = YK_N("vpin.error");
        break;
    }
}

static void pin_tick(struct yk_kiosk *k)
{
    struct pin_state *s = pst(k);
    if (!s)
        return;
    if (s->phase == PIN_CHECKING && k->frames_built > s->check_after_frame) {
        if (k->p.db)
            pin_check(k, s);
        else {
            s->phase = PIN_ENTRY;
            s->msg = YK_N("vpin.error");
        }
        return;
    }
    if (s->locked_until) {
        int64_t left = s->locked_until - mono(k);
        if (left <= 0) {
            s->locked_until = 0;
            s->msg = NULL;
            s->tries_left = 1; /* from now on each wrong PIN locks again */
            s->msg = YK_N("vpin.tries");
            k->dirty = true;
        } else if ((left + 999) / 1000 != s->shown_s) {
            s->shown_s = (left + 999) / 1000;
            k->dirty = true;
        }
    }
}

static int64_t pin_deadline(const struct yk_kiosk *k)
{
    const struct pin_state *s = pst(k);
    if (!s)
        return -1;
    int64_t now = mono(k);
    if (s->phase == PIN_CHECKING)
        return now;
    if (s->locked_until) {
        int64_t left = s->locked_until - now;
        if (left <= 0)
            return now;
        return now + (left % 1000 ? left % 1000 : 1000);
    }
    return -1;
}

static bool pin_activate(struct yk_kiosk *k, const char *id)
{
    struct pin_state *s = pst(k);
    if (!s || strncmp(id, "vpin.", 5) != 0)
        return false;
    if (pin_locked(k, s) || s->phase == PIN_CHECKING)
        return true;
    k->dirty = true;
    size_t n = strlen(s->pin);
    if (strncmp(id, "vpin.key.", 9) == 0) {
        const char *key = id + 9;
        if (strcmp(key, "del") == 0) {
            if (n)
                s->pin[n - 1] = 0;
        } else if (strcmp(key, "clear") == 0) {
            sodium_memzero(s->pin, sizeof s->pin);
        } else if (key[0] >= '0' && key[0] <= '9' && !key[1] && n < YK_PIN_MAX_LEN) {
            s->pin[n] = key[0];
        }
        return true;
    }
    if (strcmp(id, "vpin.ok") == 0 && n < YK_PIN_MIN_LEN) {
        s->msg = YK_N("vpin.short");
        return true;
    }
    if (strcmp(id, "vpin.ok") == 0) {
        s->phase = PIN_CHECKING;
        s->check_after_frame = k->frames_built;
        return true;
    }
    return false;
}

const struct yk_screen_def yk_screen_volunteer_pin = {
    .key = "volunteer_pin",
    .title_key = "vpin.title",
    .enter = pin_enter,
    .leave = pin_leave,
    .build = pin_build,
    .activate = pin_activate,
    .tick = pin_tick,
    .deadline = pin_deadline,
};
