#include "ui/kiosk.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/sync.h"
#include "ui/ambient.h"
#include "ui/screens/screens.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- helpers */

static const char *tr(const struct yk_kiosk *k, const char *key)
{
    return yk_i18n_get(k->p.strings, key, k->lang);
}

static int64_t now_mono(const struct yk_kiosk *k)
{
    return yk_clock_mono_ms(k->p.clock);
}

static int64_t now_utc_s(const struct yk_kiosk *k)
{
    return yk_clock_utc_ms(k->p.clock) / 1000;
}

static struct yk_ui_params ui_params(const struct yk_kiosk *k)
{
    return (struct yk_ui_params){
        .width = k->p.width,
        .height = k->p.height,
        .px_per_mm = k->p.px_per_mm,
        .elder = k->elder,
        .measure = k->p.measure,
        .measure_ctx = k->p.measure_ctx,
        .line_height = k->p.line_height,
    };
}

static void gesture_setup(struct yk_kiosk *k)
{
    struct yk_gesture_params gp = {
        .slop_px = 2.5f * k->p.px_per_mm, /* 2.5 mm: shaky fingers still tap */
        .long_press_ms = 600,
        .hold_ms = 3000,
        .fling_min_v = 40.0f * k->p.px_per_mm, /* 4 cm/s */
    };
    yk_gesture_init(&k->gestures, &gp);
}

static void enter(struct yk_kiosk *k, enum yk_screen_id s);
static void leave_all(struct yk_kiosk *k, int keep);

/* ---------------------------------------------------------------- life cycle */

bool yk_kiosk_init(struct yk_kiosk *k, const struct yk_kiosk_params *p)
{
    memset(k, 0, sizeof *k);
    k->p = *p;
    k->lang = strcmp(p->cfg->lang, "en") == 0 ? YK_LANG_EN : YK_LANG_ZH;
    struct yk_ui_params up = ui_params(k);
    if (!yk_ui_init(&k->ui, &up)) {
        yk_error("kiosk", "out of memory setting up the UI");
        return false;
    }
    gesture_setup(k);
    k->screen = YK_SCREEN_HOME;
    enter(k, YK_SCREEN_HOME);
    k->dirty = true;
    k->last_input_ms = now_mono(k);
    /* Started inside the night window: dimmed from the first frame (README), not from the
     * first tick, which may be a minute away. */
    if (yk_ambient_tick(k))
        yk_kiosk_reset(k);
    return true;
}

void yk_kiosk_destroy(struct yk_kiosk *k)
{
    leave_all(k, -1);
    yk_ambient_release(k);
    yk_ui_destroy(&k->ui);
    memset(k, 0, sizeof *k);
}

void yk_kiosk_resize(struct yk_kiosk *k, int width, int height, float px_per_mm)
{
    k->p.width = width;
    k->p.height = height;
    k->p.px_per_mm = px_per_mm;
    struct yk_ui_params up = ui_params(k);
    yk_ui_configure(&k->ui, &up);
    gesture_setup(k);
    k->dirty = true;
}

/* ---------------------------------------------------------------- navigation */

static void enter(struct yk_kiosk *k, enum yk_screen_id s)
{
    const struct yk_screen_def *d = yk_screen_def(s);
    k->loaded_gen[s] = k->data_gen;
    if (d->enter)
        d->enter(k);
}

/* Screens that show seats and hold nothing a person entered: loaded again at once when the
 * data changes under them (the sign-up and volunteer screens keep what is being typed). */
static bool reload_at_once(enum yk_screen_id s)
{
    return s == YK_SCREEN_EVENTS || s == YK_SCREEN_EVENT;
}

void yk_kiosk_data_changed(struct yk_kiosk *k)
{
    k->data_gen++;
    if (reload_at_once(k->screen) && k->state[k->screen]) {
        enter(k, k->screen);
        k->dirty = true;
    }
}

static void leave(struct yk_kiosk *k, enum yk_screen_id s)
{
    const struct yk_screen_def *d = yk_screen_def(s);
    if (d->leave)
        d->leave(k);
}

/* Closes every screen that holds state except keep. */
static void leave_all(struct yk_kiosk *k, int keep)
{
    for (int s = 0; s < YK_SCREEN_COUNT; s++)
        if (s != keep && k->state[s])
            leave(k, (enum yk_screen_id)s);
}

void yk_kiosk_go(struct yk_kiosk *k, enum yk_screen_id s)
{
    if (s == YK_SCREEN_HOME) {
        k->back_depth = 0;
        leave_all(k, -1);
    } else if (k->back_depth < YK_NAV_DEPTH) {
        k->back_stack[k->back_depth++] = k->screen;
    }
    k->screen = s;
    enter(k, s); /* (re)load content: a detail screen may show another row now */
    k->dragging = k->flinging = NULL;
    k->dirty = true;
}

static void go(struct yk_kiosk *k, enum yk_screen_id s)
{
    if (s != k->screen)
        yk_kiosk_go(k, s);
}

static void back(struct yk_kiosk *k)
{
    enum yk_screen_id from = k->screen;
    k->screen = k->back_depth ? k->back_stack[--k->back_depth] : YK_SCREEN_HOME;
    if (from != k->screen)
        leave(k, from);
    /* Loaded again when the seats may have changed since (back from a ticket). */
    if (!k->state[k->screen] || k->loaded_gen[k->screen] != k->data_gen)
        enter(k, k->screen);
    k->dragging = k->flinging = NULL;
    k->dirty = true;
}

void yk_kiosk_reset(struct yk_kiosk *k)
{
    leave_all(k, -1);
    k->back_depth = 0;
    k->screen = YK_SCREEN_HOME;
    k->idle_warning = false;
    k->attract = false;
    yk_ambient_release(k);
    k->dragging = k->flinging = NULL;
    k->ui.pressed_id[0] = 0;
    k->sel_service[0] = k->sel_site[0] = k->sel_event[0] = k->sel_block[0] = 0;
    /* Leaving volunteer mode (by any way) leaves nothing of it behind. */
    k->volunteer_id[0] = k->volunteer_name[0] = 0;
    /* Forget scroll positions: the next person starts at the top. */
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    k->lang = strcmp(k->p.cfg->lang, "en") == 0 ? YK_LANG_EN : YK_LANG_ZH;
    if (k->elder) {
        k->elder = false;
        struct yk_ui_params up = ui_params(k);
        yk_ui_configure(&k->ui, &up);
    }
    yk_gesture_reset(&k->gestures);
    enter(k, YK_SCREEN_HOME);
    k->dirty = true;
}

bool yk_kiosk_activate(struct yk_kiosk *k, const char *id)
{
    if (strcmp(id, "nav.home") == 0) {
        if (yk_screen_def(k->screen)->volunteer || k->volunteer_id[0])
            yk_kiosk_reset(k); /* home locks volunteer mode */
        else
            go(k, YK_SCREEN_HOME);
    } else if (strcmp(id, "nav.back") == 0) {
        /* A screen with steps of its own (sign-up, volunteer mode) may take "back" to mean
         * its previous step. */
        const struct yk_screen_def *d = yk_screen_def(k->screen);
        if (!(d->activate && d->activate(k, id)))
            back(k);
    } else if (strcmp(id, "nav.lang") == 0) {
        k->lang = k->lang == YK_LANG_ZH ? YK_LANG_EN : YK_LANG_ZH;
        k->dirty = true;
    } else if (strcmp(id, "nav.elder") == 0) {
        k->elder = !k->elder;
        struct yk_ui_params up = ui_params(k);
        yk_ui_configure(&k->ui, &up);
        k->dirty = true;
    } else if (strcmp(id, "idle.continue") == 0) {
        k->idle_warning = false;
        k->dirty = true;
    } else {
        const struct yk_screen_def *d = yk_screen_def(k->screen);
        return d->activate && d->activate(k, id);
    }
    return true;
}

/* ---------------------------------------------------------------- input */

static void set_pressed(struct yk_kiosk *k, const char *id)
{
    if (strcmp(k->ui.pressed_id, id) != 0) {
        snprintf(k->ui.pressed_id, sizeof k->ui.pressed_id, "%s", id);
        k->dirty = true;
    }
}

static void on_gesture(struct yk_kiosk *k, const struct yk_gesture *g)
{
    switch (g->type) {
    case YK_G_DOWN: {
        const struct yk_widget *w = yk_ui_hit(&k->ui, g->x, g->y);
        set_pressed(k, w ? w->id : "");
        if (k->flinging) {
            /* A touch stops a fling, as on a phone. */
            k->flinging->velocity = 0;
            k->flinging = NULL;
        }
        break;
    }
    case YK_G_TAP: {
        const struct yk_widget *w = yk_ui_hit(&k->ui, g->x, g->y);
        set_pressed(k, "");
        if (w) {
            char id[96];
            snprintf(id, sizeof id, "%s", w->id); /* the tree is rebuilt by the action */
            yk_kiosk_activate(k, id);
        }
        break;
    }
    case YK_G_DRAG_BEGIN:
        set_pressed(k, "");
        k->dragging = yk_ui_scroll_at(&k->ui, g->x, g->y);
        break;
    case YK_G_DRAG:
        if (k->dragging && yk_ui_scroll_by(k->dragging, -g->dy))
            k->dirty = true;
        break;
    case YK_G_FLING:
        if (k->dragging) {
            k->dragging->velocity = -g->vy;
            k->flinging = k->dragging;
            k->last_anim_ms = now_mono(k);
        }
        k->dragging = NULL;
        break;
    case YK_G_DRAG_END:
    case YK_G_CANCEL:
        k->dragging = NULL;
        set_pressed(k, "");
        break;
    case YK_G_HOLD: {
        /* The hidden way into volunteer mode: 3 s in the top-left corner. */
        float corner = YK_VOLUNTEER_CORNER_MM * k->p.px_per_mm;
        if (g->x < corner && g->y < corner && !yk_screen_def(k->screen)->volunteer &&
            k->screen != YK_SCREEN_VOLUNTEER_PIN) {
            set_pressed(k, "");
            yk_info("kiosk", "volunteer gesture: PIN pad");
            yk_kiosk_go(k, YK_SCREEN_VOLUNTEER_PIN);
        }
        break;
    }
    case YK_G_LONG_PRESS:
    case YK_G_NONE:
        break;
    }
}

void yk_kiosk_input(struct yk_kiosk *k, const struct yk_input *in)
{
    int64_t t = now_mono(k);
    k->last_input_ms = t;
    if (in->type == YK_IN_DOWN && yk_ambient_wake(k)) {
        yk_gesture_reset(&k->gestures);
        return;
    }
    if (k->idle_warning && in->type == YK_IN_DOWN) {
        /* Any touch answers "still there?": it keeps the screen as it was, and the touch
         * does nothing else (it was aimed at the question, not at what is under it). */
        k->idle_warning = false;
        k->dirty = true;
        yk_gesture_reset(&k->gestures);
        return;
    }
    struct yk_gesture out[3];
    int n = 0;
    switch (in->type) {
    case YK_IN_DOWN:
        n = yk_gesture_down(&k->gestures, in->pointer, in->x, in->y, t, out);
        break;
    case YK_IN_MOVE:
        n = yk_gesture_move(&k->gestures, in->pointer, in->x, in->y, t, out);
        break;
    case YK_IN_UP:
        n = yk_gesture_up(&k->gestures, in->pointer, in->x, in->y, t, out);
        break;
    case YK_IN_TEXT:
    case YK_IN_KEY: {
        const struct yk_screen_def *d = yk_screen_def(k->screen);
        if (d->input)
            d->input(k, in); /* a scanner's code, wherever the focus is */
        else if (in->type == YK_IN_KEY && in->key == YK_KEY_ESCAPE && k->screen != YK_SCREEN_HOME)
            back(k);
        break;
    }
    }
    for (int i = 0; i < n; i++)
        on_gesture(k, &out[i]);
}

/* ---------------------------------------------------------------- time */

void yk_kiosk_tick(struct yk_kiosk *k)
{
    int64_t t = now_mono(k);
    struct yk_gesture out[2];
    int n = yk_gesture_tick(&k->gestures, t, out);
    for (int i = 0; i < n; i++)
        on_gesture(k, &out[i]);

    if (k->flinging) {
        int dt = (int)(t - k->last_anim_ms);
        k->last_anim_ms = t;
        if (dt > 0) {
            if (!yk_ui_scroll_animate(k->flinging, dt > 100 ? 100 : dt))
                k->flinging = NULL;
            k->dirty = true;
        }
    }

    int64_t minute = now_utc_s(k) / 60;
    if (minute != k->shown_minute) {
        /* The clock on screen changes (a black night screen shows none). */
        if (!(k->night && k->p.cfg->night_mode == YK_NIGHT_BLANK))
            k->dirty = true;
        k->shown_minute = minute;
    }
    if (yk_ambient_tick(k))
        yk_kiosk_reset(k); /* the night starts from a clean home screen */

    /* A sync round brings seats and content: the screens learn of it here. */
    struct yk_sync_status sync;
    yk_sync_status(&sync);
    if (sync.last_success_utc != k->seen_sync_utc) {
        k->seen_sync_utc = sync.last_success_utc;
        yk_kiosk_data_changed(k);
    }

    const struct yk_screen_def *cur = yk_screen_def(k->screen);
    if (cur->tick)
        cur->tick(k);
    if (cur->volunteer || k->screen == YK_SCREEN_VOLUNTEER_PIN) {
        /* Volunteer mode locks itself after volunteer_lock without a touch. */
        if (t - k->last_input_ms >= k->p.cfg->volunteer_lock_s * 1000LL) {
            yk_info("kiosk", "volunteer mode locked after %d s without a touch",
                    k->p.cfg->volunteer_lock_s);
            yk_kiosk_reset(k);
        }
    } else if ((k->screen != YK_SCREEN_HOME || k->back_depth) && !k->night) {
        int64_t idle = t - k->last_input_ms;
        int64_t timeout = (int64_t)k->p.cfg->idle_timeout_s * 1000;
        int64_t warn = timeout - (int64_t)k->p.cfg->idle_warning_s * 1000;
        if (idle >= timeout) {
            yk_info("kiosk", "idle for %d s: back to the home screen", k->p.cfg->idle_timeout_s);
            yk_kiosk_reset(k);
        } else if (idle >= warn) {
            k->idle_warning = true;
            k->dirty = true; /* the countdown changes every second */
        }
    }
}

int64_t yk_kiosk_deadline(const struct yk_kiosk *k)
{
    int64_t t = now_mono(k);
    int64_t best = -1;
#define CONSIDER(d)                                                                                \
    do {                                                                                           \
        int64_t d_ = (d);                                                                          \
        if (d_ >= 0 && (best < 0 || d_ < best))                                                    \
            best = d_;                                                                             \
    } while (0)
    CONSIDER(yk_gesture_deadline(&k->gestures));
    const struct yk_screen_def *def = yk_screen_def(k->screen);
    if (def->deadline)
        CONSIDER(def->deadline(k));
    CONSIDER(yk_ambient_deadline(k));
    if (k->flinging)
        CONSIDER(t + 16);
    /* The next minute boundary, for the clock on the home screen and the header. */
    int64_t utc_ms = yk_clock_utc_ms(k->p.clock);
    CONSIDER(t + (60000 - utc_ms % 60000));
    if (def->volunteer || k->screen == YK_SCREEN_VOLUNTEER_PIN) {
        CONSIDER(k->last_input_ms + k->p.cfg->volunteer_lock_s * 1000LL);
    } else if (k->screen != YK_SCREEN_HOME || k->back_depth) {
        int64_t timeout = (int64_t)k->p.cfg->idle_timeout_s * 1000;
        int64_t warn = timeout - (int64_t)k->p.cfg->idle_warning_s * 1000;
        if (k->idle_warning) {
            /* Wake on each second of the countdown. */
            int64_t idle = t - k->last_input_ms;
            CONSIDER(t + (1000 - (idle - warn) % 1000));
        } else {
            CONSIDER(k->last_input_ms + warn);
        }
    }
#undef CONSIDER
    return best;
}

/* ---------------------------------------------------------------- drawing */

/* ---------------------------------------------------------------- the frame */

/* The frame around every screen is the red header at the top and the bar at the bottom.
 * Where the usual ones would take over a third of the height (elder mode on the 7" panel,
 * either way up), the frame is compact: a one-line header (the title and the clock) and a
 * bar whose buttons are one text line high, so that a step's choices keep the room. */
bool yk_kiosk_compact(struct yk_kiosk *k)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    /* The usual header on one line (title, time over the date), and the usual bar: one row,
     * or two where back, home and the switches do not fit in one with their words. */
    int words = 0;
    const char *labels[4] = {tr(k, "nav.back"), tr(k, "nav.home"), tr(k, "nav.lang"),
                             tr(k, k->elder ? "nav.elder.off" : "nav.elder.on")};
    for (int i = 0; i < 4; i++)
        words += yk_ui_text_width(ui, labels[i], YK_FONT_BODY) + 4 * t->gap + t->gap;
    int rows = words + 4 * t->gap > k->p.width ? 2 : 1;
    int frame = yk_ui_line_height(ui, YK_FONT_TITLE) + yk_ui_line_height(ui, YK_FONT_SMALL) +
                2 * t->gap + rows * t->bar_h;
    return frame * 100 > k->p.height * 34;
}

static struct yk_button_style nav_style(struct yk_kiosk *k, int icon)
{
    const struct yk_theme *t = &k->ui.theme;
    return (struct yk_button_style){.bg = t->card,
                                    .fg = t->ink,
                                    .font = YK_FONT_BODY,
                                    .icon = icon,
                                    .tight = yk_kiosk_compact(k)};
}

/* Width a bar button needs for its label, and its icon when icon. */
static int nav_label_w(struct yk_kiosk *k, const char *label, bool icon)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = yk_ui_text_width(&k->ui, label, YK_FONT_BODY) + 2 * t->gap +
            (icon ? yk_ui_line_height(&k->ui, YK_FONT_BODY) + 3 * t->gap : 2 * t->gap);
    return w < t->touch_min ? t->touch_min : w;
}

/* Width of a back/home button showing only its picture: square on the bar. */
static int nav_icon_w(struct yk_kiosk *k, int bar_h)
{
    const struct yk_theme *t = &k->ui.theme;
    int h = bar_h - t->gap;
    return h > t->touch_min * 5 / 4 ? h : t->touch_min * 5 / 4;
}

/* Height of one row of the bar. */
static int bar_row_h(struct yk_kiosk *k)
{
    const struct yk_theme *t = &k->ui.theme;
    if (!yk_kiosk_compact(k))
        return t->bar_h;
    int b = yk_ui_line_height(&k->ui, YK_FONT_BODY) + t->gap / 2;
    return (b > t->touch_min ? b : t->touch_min) + t->gap;
}

struct nav_layout {
    bool back_icon;  /* back and home show their pictures */
    bool back_words; /* back and home show their words */
    bool bare;       /* the language and elder switches as words only */
    int rows;        /* 1, or 2 when even that does not fit (back/home above the switches) */
};

/* The bar keeps words before pictures: a visitor looks for "English" and "返回", not for a
 * globe or an arrow. Pictures go first from the switches, then from back and home; only
 * then back and home become pictures alone, and last the bar takes two rows. */
static struct nav_layout nav_layout(struct yk_kiosk *k, int width)
{
    const struct yk_theme *t = &k->ui.theme;
    int avail = width - 2 * t->gap;
    const char *el = k->elder ? tr(k, "nav.elder.off") : tr(k, "nav.elder.on");
    const char *ll = tr(k, "nav.lang");
    int sw_full = nav_label_w(k, el, true) + nav_label_w(k, ll, true) + t->gap;
    int sw_bare = nav_label_w(k, el, false) + nav_label_w(k, ll, false) + t->gap;
    if (k->screen == YK_SCREEN_HOME)
        return (struct nav_layout){true, true, sw_full > avail, 1};
    const char *bl = tr(k, "nav.back"), *hl = tr(k, "nav.home");
    int nav_full = nav_label_w(k, bl, true) + nav_label_w(k, hl, true) + t->gap;
    int nav_bare = nav_label_w(k, bl, false) + nav_label_w(k, hl, false) + t->gap;
    int icons = 2 * nav_icon_w(k, bar_row_h(k)) + t->gap;
    int room = avail - 2 * t->gap;
    if (nav_full + sw_full <= room)
        return (struct nav_layout){true, true, false, 1};
    if (nav_full + sw_bare <= room)
        return (struct nav_layout){true, true, true, 1};
    if (nav_bare + sw_bare <= room)
        return (struct nav_layout){false, true, true, 1};
    if (icons + sw_bare <= room)
        return (struct nav_layout){true, false, true, 1};
    return (struct nav_layout){true, true, sw_full > avail, 2};
}

static int navbar_h(struct yk_kiosk *k)
{
    return nav_layout(k, k->p.width).rows * bar_row_h(k);
}

/* The bar at the bottom of every screen: back and home (not on the home screen), then the
 * language and elder-mode switches on the right. */
static void navbar(struct yk_kiosk *k, struct yk_rect bar)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    yk_ui_fill(ui, bar, t->bar, 0);
    struct nav_layout lay = nav_layout(k, bar.w);
    struct yk_rect r = yk_inset(bar, t->gap / 2);
    r.x += t->gap / 2;
    r.w -= t->gap;
    struct yk_rect r2 = r;
    if (lay.rows == 2) {
        r2 = yk_cut_bottom(&r, r.h / 2);
        r.h -= t->gap / 2;
        r2.y += t->gap / 2;
        r2.h -= t->gap / 2;
    }
    const char *back_l = tr(k, "nav.back"), *home_l = tr(k, "nav.home");
    const char *el = k->elder ? tr(k, "nav.elder.off") : tr(k, "nav.elder.on");
    const char *ll = tr(k, "nav.lang");
    /* Back and home as pictures alone where nothing else fits (the tree keeps the words). */
    int icon_w = nav_icon_w(k, bar_row_h(k));
    struct yk_button_style st;
    if (k->screen != YK_SCREEN_HOME) {
        const char *ids[2] = {"nav.back", "nav.home"}, *labels[2] = {back_l, home_l};
        int icons[2] = {YK_ICON_BACK, YK_ICON_HOME};
        for (int i = 0; i < 2; i++) {
            st = nav_style(k, lay.back_icon ? icons[i] : -1);
            int w = lay.back_words ? nav_label_w(k, labels[i], lay.back_icon) : icon_w;
            yk_ui_button(ui, ids[i], yk_cut_left(&r, w), lay.back_words ? labels[i] : "", &st,
                         true);
            yk_ui_set_text(ui, ids[i], labels[i]);
            yk_ui_mark_primary(ui, ids[i]);
            yk_cut_left(&r, t->gap);
        }
    }
    st = nav_style(k, lay.bare ? -1 : YK_ICON_ELDER);
    yk_ui_button(ui, "nav.elder", yk_cut_right(&r2, nav_label_w(k, el, !lay.bare)), el, &st, true);
    yk_ui_mark_primary(ui, "nav.elder");
    yk_cut_right(&r2, t->gap);
    st = nav_style(k, lay.bare ? -1 : YK_ICON_LANGUAGE);
    yk_ui_button(ui, "nav.lang", yk_cut_right(&r2, nav_label_w(k, ll, !lay.bare)), ll, &st, true);
    yk_ui_mark_primary(ui, "nav.lang");
}

/* The red header: the title, and the time and date. Side by side when the title fits on
 * one line beside the clock, else the title above a line with the time and date. */
struct header_layout {
    bool stacked;
    bool compact;         /* one line: the title and the clock (the date where the line holds it) */
    enum yk_font title_f; /* compact: the title's font */
    int h;
};

/* The stacked header's lines under the title: the time, then the date beside it; where a
 * narrow panel in elder mode has no room for both on one line, the date on a line of its own
 * under the time (wrapped only if even that is too narrow). Its height. */
static bool clock_one_line(struct yk_kiosk *k, const char *date, int inner)
{
    struct yk_ui *ui = &k->ui;
    return yk_ui_text_width(ui, "00:00", YK_FONT_BODY) + k->ui.theme.pad +
               yk_ui_text_width(ui, date, YK_FONT_BODY) <=
           inner;
}

static int stacked_clock_h(struct yk_kiosk *k, const char *date, int inner)
{
    int lh = yk_ui_line_height(&k->ui, YK_FONT_BODY);
    if (clock_one_line(k, date, inner))
        return lh;
    return lh + yk_ui_text_height(&k->ui, date, YK_FONT_BODY, inner);
}

static struct header_layout std_header_layout(struct yk_kiosk *k, const char *title, int width)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int inner = width - 2 * t->pad;
    char date[64];
    yk_format_date(date, sizeof date, now_utc_s(k), yk_lang_code(k->lang));
    int tw = yk_ui_text_width(ui, "00:00", YK_FONT_TITLE);
    int dw = yk_ui_text_width(ui, date, YK_FONT_SMALL);
    int cw = tw > dw ? tw : dw;
    int clock_h = yk_ui_line_height(ui, YK_FONT_TITLE) + yk_ui_line_height(ui, YK_FONT_SMALL);
    struct header_layout lay = {false, false, YK_FONT_TITLE, clock_h + 2 * t->gap};
    if (yk_ui_text_width(ui, title, YK_FONT_TITLE) + t->pad + cw > inner) {
        int th = yk_ui_text_height(ui, title, YK_FONT_TITLE, inner);
        lay = (struct header_layout){true, false, YK_FONT_TITLE,
                                     th + stacked_clock_h(k, date, inner) + 2 * t->gap};
    }
    return lay;
}

static struct header_layout header_layout(struct yk_kiosk *k, const char *title, int width)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct header_layout lay = std_header_layout(k, title, width);
    /* Volunteer mode on a short panel gives the header's room to the work too. */
    bool short_vol = yk_screen_def(k->screen)->volunteer && lay.h > k->p.height / 5;
    if (!yk_kiosk_compact(k) && !short_vol)
        return lay;
    int inner = width - 2 * t->pad;
    int room = inner - t->pad - yk_ui_text_width(ui, "00:00", YK_FONT_LARGE);
    enum yk_font f = YK_FONT_LARGE;
    if (yk_ui_text_width(ui, title, f) > room)
        f = YK_FONT_BODY;
    int th = yk_ui_text_height(ui, title, f, room);
    int lh = yk_ui_line_height(ui, YK_FONT_LARGE);
    return (struct header_layout){false, true, f, (th > lh ? th : lh) + t->gap};
}

static void header(struct yk_kiosk *k, struct yk_rect hr, const char *title)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    yk_ui_fill(ui, hr, t->primary, 0);
    struct header_layout lay = header_layout(k, title, hr.w);
    int64_t now = now_utc_s(k);
    char hhmm[16], date[64];
    yk_format_hhmm(hhmm, sizeof hhmm, now);
    yk_format_date(date, sizeof date, now, yk_lang_code(k->lang));
    k->shown_minute = now / 60;
    if (lay.compact) {
        struct yk_rect in = {hr.x + t->pad, hr.y + t->gap / 2, hr.w - 2 * t->pad, hr.h - t->gap};
        struct yk_rect tr_ = yk_cut_right(&in, yk_ui_text_width(ui, hhmm, YK_FONT_LARGE));
        yk_ui_text(ui, "header.time", tr_, hhmm, YK_FONT_LARGE, t->on_primary, YK_ALIGN_RIGHT,
                   true);
        yk_cut_right(&in, t->pad);
        /* The date where the line still holds it beside a one-line title. */
        int dw = yk_ui_text_width(ui, date, YK_FONT_BODY);
        if (yk_ui_text_width(ui, title, lay.title_f) + t->pad + dw <= in.w) {
            yk_ui_text(ui, "header.date", yk_cut_right(&in, dw), date, YK_FONT_BODY, t->on_primary,
                       YK_ALIGN_RIGHT, true);
            yk_cut_right(&in, t->pad);
        }
        yk_ui_text(ui, "header.title", in, title, lay.title_f, t->on_primary, YK_ALIGN_LEFT, true);
        return;
    }
    struct yk_rect in = {hr.x + t->pad, hr.y + t->gap, hr.w - 2 * t->pad, hr.h - 2 * t->gap};
    if (lay.stacked) {
        int lh = yk_ui_line_height(ui, YK_FONT_BODY);
        struct yk_rect row = yk_cut_bottom(&in, stacked_clock_h(k, date, in.w));
        int tw = yk_ui_text_width(ui, "00:00", YK_FONT_BODY);
        yk_ui_text(ui, "header.time", (struct yk_rect){row.x, row.y, tw, lh}, hhmm, YK_FONT_BODY,
                   t->on_primary, YK_ALIGN_LEFT, false);
        if (clock_one_line(k, date, in.w))
            yk_cut_left(&row, tw + t->pad);
        else
            yk_cut_top(&row, lh);
        yk_ui_text(ui, "header.date", row, date, YK_FONT_BODY, t->on_primary, YK_ALIGN_LEFT, false);
        yk_ui_text(ui, "header.title", in, title, YK_FONT_TITLE, t->on_primary, YK_ALIGN_LEFT,
                   true);
        return;
    }
    int tw = yk_ui_text_width(ui, hhmm, YK_FONT_TITLE);
    int dw = yk_ui_text_width(ui, date, YK_FONT_SMALL);
    struct yk_rect clock = yk_cut_right(&in, tw > dw ? tw : dw);
    int th = yk_ui_line_height(ui, YK_FONT_TITLE), dh = yk_ui_line_height(ui, YK_FONT_SMALL);
    int cy = clock.y + (clock.h - th - dh) / 2;
    yk_ui_text(ui, "header.time", (struct yk_rect){clock.x, cy, clock.w, th}, hhmm, YK_FONT_TITLE,
               t->on_primary, YK_ALIGN_RIGHT, false);
    yk_ui_text(ui, "header.date", (struct yk_rect){clock.x, cy + th, clock.w, dh}, date,
               YK_FONT_SMALL, t->on_primary, YK_ALIGN_RIGHT, false);
    yk_cut_right(&in, t->pad);
    yk_ui_text(ui, "header.title", in, title, YK_FONT_TITLE, t->on_primary, YK_ALIGN_LEFT, true);
}

static void idle_overlay(struct yk_kiosk *k)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect screen = {0, 0, k->p.width, k->p.height};
    yk_ui_modal(ui); /* what is under the question can be neither read nor touched */
    yk_ui_fill(ui, screen, (struct yk_color){0, 0, 0, 140}, 0);
    int btn_h = yk_ui_line_height(ui, YK_FONT_LARGE) + 2 * t->gap;
    if (btn_h < t->touch_min * 3 / 2)
        btn_h = t->touch_min * 3 / 2;
    int w = k->p.width * 4 / 5, pad = t->pad;
    const char *title = tr(k, "idle.title");
    int64_t idle = now_mono(k) - k->last_input_ms;
    int left = (int)((k->p.cfg->idle_timeout_s * 1000LL - idle + 999) / 1000);
    if (left < 0)
        left = 0;
    char body[128];
    snprintf(body, sizeof body, tr(k, "idle.body"), left);
    int inner = w - 2 * pad;
    int h = yk_ui_text_height(ui, title, YK_FONT_TITLE, inner) +
            yk_ui_text_height(ui, body, YK_FONT_LARGE, inner) + btn_h + 4 * pad;
    struct yk_rect box = {(k->p.width - w) / 2, (k->p.height - h) / 2, w, h};
    yk_ui_fill(ui, box, t->card, t->radius);
    struct yk_rect in = yk_inset(box, pad);
    int th = yk_ui_text(ui, "idle.title", in, title, YK_FONT_TITLE, t->ink, YK_ALIGN_CENTER, false);
    yk_cut_top(&in, th + pad);
    int bh = yk_ui_text(ui, "idle.body", in, body, YK_FONT_LARGE, t->ink, YK_ALIGN_CENTER, false);
    yk_cut_top(&in, bh + pad);
    struct yk_button_style st = {
        .bg = t->primary, .fg = t->on_primary, .font = YK_FONT_LARGE, .icon = -1};
    const char *l = tr(k, "idle.continue");
    int bw = yk_ui_text_width(ui, l, YK_FONT_LARGE) + 4 * pad;
    if (bw > in.w)
        bw = in.w;
    yk_ui_button(ui, "idle.continue", (struct yk_rect){in.x + (in.w - bw) / 2, in.y, bw, btn_h}, l,
                 &st, true);
}

bool yk_kiosk_build(struct yk_kiosk *k)
{
    if (!k->dirty)
        return false;
    k->dirty = false;
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    yk_ui_begin(ui);
    if (yk_ambient_build(k)) {
        yk_ui_end(ui);
        k->frames_built++;
        return true;
    }
    const struct yk_screen_def *def = yk_screen_def(k->screen);
    char sid[48];
    snprintf(sid, sizeof sid, "screen.%s", def->key);
    yk_ui_screen_widget(ui, sid);
    struct yk_rect screen = {0, 0, k->p.width, k->p.height};
    yk_ui_fill(ui, screen, t->bg, 0);
    struct yk_rect area = screen;
    struct yk_rect bar = yk_cut_bottom(&area, navbar_h(k));
    const char *title;
    if (k->screen == YK_SCREEN_HOME)
        title = yk_pick(k->lang, k->p.cfg->station_name, k->p.cfg->station_name_en);
    else if (def->title_key)
        title = tr(k, def->title_key);
    else
        title = def->title(k);
    title = yk_ui_strdup(ui, title);
    struct yk_rect hr = yk_cut_top(&area, header_layout(k, title, k->p.width).h);
    header(k, hr, title);
    def->build(k, area);
    navbar(k, bar);
    if (k->idle_warning)
        idle_overlay(k);
    yk_ui_end(ui);
    k->frames_built++;
    return true;
}
