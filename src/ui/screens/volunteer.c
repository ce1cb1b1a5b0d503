/* Volunteer mode: the PIN pad behind the hidden gesture, and the mode itself (check-in at
 * events, the walk-in tally, the duty log, today's figures). Staff use it, but the same
 * layout rules apply: bilingual, elder-mode safe, 9 mm targets, nothing clipped.
 *
 * PIN pad (screen "volunteer_pin"): digits only, shown as dots. 确定 first shows
 * "正在验证…" for one frame, then the slow Argon2id check runs on the next tick. Wrong PINs
 * count down "还可以试 N 次"; the fifth locks the pad with a countdown (one wake a second).
 * Widget ids: vpin.prompt, vpin.dots, vpin.msg (tries left / checking / error),
 * vpin.lock (the locked notice with its countdown), vpin.key.0 … vpin.key.9, vpin.key.del,
 * vpin.key.clear, vpin.ok.
 *
 * Volunteer mode (screen "volunteer", only with k->volunteer_id set; it locks after
 * volunteer_lock without a touch, by 锁定 and by 首页; 返回 goes to the previous step inside
 * it: result or question → check-in entry → event picker, another tab → check-in). Ids:
 *   vol.lock, vol.lock.hint (portrait), vol.tab.checkin, vol.tab.walkin, vol.tab.duty,
 *   vol.tab.today (a rail on the left of a landscape screen; a strip across the top where the
 *   rail would not hold them all, as in elder mode on a 7" panel; rows on top in portrait:
 *   the lock and its hint over one row of tabs where the tabs fit in one, else the tabs
 *   and the lock flowing into two rows, as on the 7" panel upright; always all in view, except while a check-in result or the question is up: then none,
 *   and those fill the area until 下一位, 取消, 返回 or the next scan), vol.tabs (the scroll
 *   region of the tabs, only as a last resort where not even the strip fits; no supported
 *   size does);
 *   check-in: vol.events (the event list), vol.event.<event id>, vol.events.none,
 *   vol.event.title (the chosen event), vol.mode.scan, vol.mode.code, vol.mode.phone,
 *   vol.change (pick another event), vol.scan.icon, vol.scan.prompt, vol.scan.hint,
 *   vol.code (the short code as typed), vol.code.key.<0-9 A-Z>, vol.code.key.del,
 *   vol.code.clear, vol.code.ok, vol.code.keys (scroll region), vol.phone (the last four as
 *   typed), vol.phone.key.0 … 9, vol.phone.key.del, vol.phone.key.clear, vol.phone.msg,
 *   vol.match.<n> (a sign-up found by phone), vol.matches (their list beside the pad),
 *   vol.phone.again,
 *   vol.ask (how many arrive now?), vol.ask.<n>, vol.ask.cancel, vol.ask.list (their scroll
 *   region, where not even the compact layout fits),
 *   vol.result (the coloured result panel, or the scroll region of its text), vol.result.title,
 *   vol.result.who, vol.result.detail, vol.result.todo, vol.result.next (title, who, detail
 *   and 下一位 in view without scrolling at every supported size);
 *   walk-ins: vol.walkin.<kind id> (one button per kind, today's count on it),
 *   vol.walkin.undo, vol.walkin.msg, vol.walkin.total, vol.walkins (the message and the
 *   buttons, scrolling together where the area is short; on a portrait panel in elder mode
 *   the whole tab: the buttons first, then the message, undo and the total; short and wide,
 *   in elder mode at 800x480, one-line buttons beside a column of undo, the total and
 *   vol.walkin.msgs, the last tap's message);
 *   duty: vol.duty.on, vol.duty.off, vol.duty.state, vol.duty.doc (who is on duty, today's
 *   hours), vol.duty.now.<n>, vol.duty.hours.<n>;
 *   today: vol.today (the document), vol.today.event.<n>, vol.today.checkins,
 *   vol.today.walkin (by kind, one line), vol.today.walkins, vol.today.duty.<n>, vol.today.hours;
 *   sync with the hub (a section at the end of the today document): vol.sync.title,
 *   vol.sync.state (no hub configured: the one line "works offline", and nothing else; else
 *   online / offline / stopped), vol.sync.enrolled, vol.sync.last (Shanghai time or never),
 *   vol.sync.waiting, vol.sync.set_aside (records the hub refused, kept here),
 *   vol.sync.error (the last problem in words; left out when there is none),
 *   vol.sync.connect (连接服务中心: with a hub, before enrolment or once refused; opens the
 *   pad), vol.sync.refused (the hub did not take the code typed), vol.sync.set_aside (a row
 *   that opens the list when there are any);
 *   the setup-code pad (in place of the today document): vol.setup (its scroll region),
 *   vol.setup.code (the code grouped XXXX-XXXX-XXXX-XXXX; its tree text says only how many
 *   are typed), vol.setup.ok (连接, enabled with all 16), vol.setup.clear, vol.setup.cancel,
 *   vol.setup.msg (what to type, or why a scan was not a code), vol.setup.key.<0-9 A-Z
 *   without I L O U>, vol.setup.key.del, vol.setup.keys; a scan while it is up fills it;
 *   the set-aside list (in place of the today document): vol.rej.back, vol.rej.head,
 *   vol.rej.todo, vol.rejects (the list), vol.rej.<n>.title (kind · when), vol.rej.<n>.what,
 *   vol.rej.<n>.why (the hub's reason in words). */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/scanner.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "core/volunteer.h"
#include "ui/page.h"
#include "ui/screens/vol_rejects.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

static int64_t mono(const struct yk_kiosk *k)
{
    return yk_clock_mono_ms(k->p.clock);
}

static int64_t utc_ms(const struct yk_kiosk *k)
{
    return yk_clock_utc_ms(k->p.clock);
}

static struct yk_color hex(uint32_t v)
{
    return (struct yk_color){(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, 255};
}


/* Width a button needs for its label in font f (and an icon when icon). */
static int label_w(struct yk_kiosk *k, const char *label, enum yk_font f, bool icon)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = yk_ui_text_width(&k->ui, label, f) + 3 * t->pad;
    if (icon)
        w += yk_ui_line_height(&k->ui, f) + t->gap;
    return w < t->touch_min ? t->touch_min : w;
}

/* A line of text at the top of *area, cut off it. */
static void line(struct yk_kiosk *k, struct yk_rect *area, const char *id, const char *text,
                 enum yk_font f, struct yk_color c, enum yk_align a)
{
    int h = yk_ui_text_height(&k->ui, text, f, area->w);
    yk_ui_text(&k->ui, id, yk_cut_top(area, h), text, f, c, a, false);
    yk_cut_top(area, k->ui.theme.gap);
}

/* ---------------------------------------------------------------- key pads */

/* Lays n keys out over r as a grid as large as fits (at most twice as wide as high), with
 * at least min_cols columns, or exactly -min_cols when it is negative (a phone's 3×4 pad).
 * Returns false when even the smallest targets do not fit (the caller then scrolls). */
static bool pad_grid(struct yk_kiosk *k, struct yk_rect r, int n, int min_cols, enum yk_font f,
                     int *cols, int *kw, int *kh)
{
    const struct yk_theme *t = &k->ui.theme;
    int gap = n > 12 ? t->gap / 2 : t->gap; /* a full keyboard packs closer */
    int best = -1;
    /* A key holds a line of its font inside the button's inset, and is a touch target. */
    int kmin = yk_ui_line_height(&k->ui, f) + 2 * t->gap;
    if (kmin < t->touch_min)
        kmin = t->touch_min;
    for (int rows = 1; rows <= n; rows++) {
        int c = (n + rows - 1) / rows;
        if (min_cols < 0 && c != -min_cols)
            continue;
        if (c < min_cols)
            break;
        int w = (r.w - (c - 1) * gap) / c;
        int h = (r.h - (rows - 1) * gap) / rows;
        if (w < kmin || h < kmin)
            continue;
        if (h > w)
            h = w;
        if (w > 2 * h)
            w = 2 * h;
        int score = w < h ? w : h;
        if (score > best) {
            best = score;
            *cols = c;
            *kw = w;
            *kh = h;
        }
    }
    return best > 0;
}

/* Draws keys (labels; "del" and "clear" are special) named prefix.<key> in a grid over r.
 * When they do not fit, they scroll in a region named scroll_id at the smallest size. */
static void keypad(struct yk_kiosk *k, const char *prefix, const char *scroll_id,
                   struct yk_rect r, const char *const *keys, int n, int min_cols,
                   enum yk_font f, bool enabled)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int g = n > 12 ? t->gap / 2 : t->gap;
    int cols, kw, kh;
    /* Smaller letters before scrolling: a key must stay a whole target. */
    bool scroll = !pad_grid(k, r, n, min_cols, f, &cols, &kw, &kh);
    while (scroll && f > YK_FONT_SMALL) {
        f = (enum yk_font)(f - 1);
        scroll = !pad_grid(k, r, n, min_cols, f, &cols, &kw, &kh);
    }
    int y0 = r.y;
    if (scroll) {
        int kmin = yk_ui_line_height(ui, f) + 2 * t->gap;
        kh = kmin < t->touch_min ? t->touch_min : kmin;
        cols = min_cols < 0 ? -min_cols : (r.w + g) / (kh + g);
        if (cols < 1)
            cols = 1;
        if (cols > n)
            cols = n;
        kw = (r.w - (cols - 1) * g) / cols;
        y0 = yk_ui_scroll_begin(ui, scroll_id, r);
    }
    int total_w = cols * kw + (cols - 1) * g;
    int x0 = r.x + (r.w - total_w) / 2;
    for (int i = 0; i < n; i++) {
        struct yk_rect b = {x0 + (i % cols) * (kw + g), y0 + (i / cols) * (kh + g), kw,
                            kh};
        if (scroll && !yk_ui_visible(ui, b))
            continue;
        struct yk_button_style ks = yk_page_button_style(k, false, f);
        const char *label = keys[i];
        const char *id = yk_ui_fmt(ui, "%s.%s", prefix, keys[i]);
        if (strcmp(keys[i], "clear") == 0) {
            ks.font = f < YK_FONT_BODY ? f : YK_FONT_BODY;
            if (yk_ui_text_width(ui, tr(k, "vol.key.clear"), ks.font) > kw - 2 * t->gap)
                ks.font = YK_FONT_SMALL;
            label = tr(k, "vol.key.clear");
            if (yk_ui_text_width(ui, label, ks.font) > kw - 2 * t->gap ||
                yk_ui_line_height(ui, ks.font) > kh - 2 * t->gap) {
                /* No room for the word: ✕ (the word stays in the tree). */
                ks.icon = YK_ICON_CLOSE;
                label = "";
            }
        } else if (strcmp(keys[i], "del") == 0) {
            ks.icon = YK_ICON_BACKSPACE;
            label = "";
        }
        yk_ui_button(ui, id, b, label, &ks, enabled);
        if (strcmp(keys[i], "del") == 0)
            yk_ui_set_text(ui, id, tr(k, "vol.key.del"));
        else if (!*label)
            yk_ui_set_text(ui, id, tr(k, "vol.key.clear"));
    }
    if (scroll) {
        int rows = (n + cols - 1) / cols;
        yk_ui_scroll_end(ui, y0 + rows * (kh + g));
    }
}

static const char *const digit_keys[12] = {"1", "2", "3", "4", "5", "6",
                                           "7", "8", "9", "clear", "0", "del"};

/* ================================================================ the PIN pad */

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
    line(k, &left, "vpin.prompt", tr(k, "vpin.prompt"), YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT);
    /* Dots for the digits typed: never the digits. */
    char dots[4 * YK_PIN_MAX_LEN + 1] = "";
    size_t n = strlen(s->pin);
    for (size_t i = 0; i < n; i++)
        strcat(dots, "●");
    int dh = yk_ui_line_height(ui, YK_FONT_HUGE) + 2 * t->gap;
    struct yk_rect box = yk_cut_top(&left, dh);
    yk_ui_fill(ui, box, t->card, t->radius);
    yk_ui_text(ui, "vpin.dots", yk_inset(box, t->gap), n ? dots : tr(k, "vpin.hint"),
               n ? YK_FONT_TITLE : YK_FONT_BODY, n ? t->ink : t->ink_soft, YK_ALIGN_CENTER, true);
    yk_cut_top(&left, t->gap);
    if (locked) {
        int64_t left_s = (s->locked_until - mono(k) + 999) / 1000;
        const char *m = yk_ui_fmt(ui, tr(k, "vpin.locked"), (int)(left_s / 60),
                                  (int)(left_s % 60));
        int lh = yk_ui_line_height(ui, YK_FONT_BODY);
        int mh = yk_ui_text_height(ui, m, YK_FONT_BODY, left.w - lh - t->gap);
        struct yk_rect row = yk_cut_top(&left, mh);
        yk_ui_icon_draw(ui, yk_cut_left(&row, lh), YK_ICON_LOCK, t->primary);
        yk_cut_left(&row, t->gap);
        yk_ui_text(ui, "vpin.lock", row, m, YK_FONT_BODY, t->primary, YK_ALIGN_LEFT, false);
    } else if (checking) {
        line(k, &left, "vpin.msg", tr(k, "vpin.checking"), YK_FONT_BODY, t->ink, YK_ALIGN_LEFT);
    } else if (s->msg) {
        const char *m = strcmp(s->msg, "vpin.tries") == 0
                            ? yk_ui_fmt(ui, tr(k, "vpin.tries"), s->tries_left)
                            : tr(k, s->msg);
        line(k, &left, "vpin.msg", m, YK_FONT_BODY, t->primary, YK_ALIGN_LEFT);
    }
    if (!wide) {
        pad = left;
    }
    if (locked) {
        /* No keys while locked (they would do nothing): a big lock instead. */
        int isz = pad.h < pad.w ? pad.h : pad.w;
        if (isz > t->touch_min * 3)
            isz = t->touch_min * 3;
        yk_ui_icon_draw(ui, (struct yk_rect){pad.x + (pad.w - isz) / 2, pad.y + (pad.h - isz) / 2,
                                             isz, isz},
                        YK_ICON_LOCK, t->ink_soft);
    } else {
        /* The pad: a phone's 3×4 keys, as large as fit, centred. Taps while checking are
         * ignored rather than drawn disabled (greyed text would be unreadable). */
        keypad(k, "vpin.key", "vpin.keys", pad, digit_keys, 12, -3, YK_FONT_TITLE, true);
    }
    struct yk_button_style ok = yk_page_button_style(k, !checking, YK_FONT_LARGE);
    if (!locked)
        yk_ui_button(ui, "vpin.ok", okr, tr(k, checking ? "vpin.checking" : "vpin.ok"), &ok,
                     true);
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

/* ================================================================ volunteer mode */

enum tab { TAB_CHECKIN, TAB_WALKIN, TAB_DUTY, TAB_TODAY };

#define YK_SETUP_LEN 16 /* Crockford base32 symbols of the hub's setup code */
#define YK_REJECTS_MAX 500 /* set-aside records listed (the newest) */
enum cmode { CM_SCAN, CM_CODE, CM_PHONE };

/* What the result panel says. */
enum verdict {
    V_NONE,
    V_OK,
    V_ALREADY,
    V_WRONG_EVENT,
    V_INVALID,
    V_REVOKED,
    V_CANCELLED,
    V_NOT_CONFIRMED,
    V_NOT_FOUND,
    V_NOT_TICKET,
    V_NO_EVENT,
    V_ERROR,
};

struct result {
    enum verdict v;
    char who[YK_NAME_MAX + 24];
    int count, party, remaining;
    long long first_utc;
    bool first_here;
    char other_event[160]; /* the event the ticket is for (wrong event), when known */
};

/* A party with more than one person not yet in: how many arrive now? */
struct ask {
    bool up;
    char ticket_code[YK_TICKET_DIGITS + 1];
    char signup_id[YK_ID_LEN + 1];
    char who[YK_NAME_MAX + 24];
    int remaining, party;
};

struct vstate {
    enum tab tab;
    /* check-in */
    struct yk_event_list events;
    struct yk_rows event_rows;
    int sel; /* index into events, -1 none */
    enum cmode mode;
    struct yk_scanner scanner;
    char code[16];  /* short code as typed */
    bool code_short; /* 签到 was tapped before all 8 were typed */
    char phone[8];  /* last four as typed */
    bool searched;  /* the last four were looked up */
    struct yk_signup_match_list matches;
    struct yk_rows match_rows;
    struct result res;
    struct ask ask;
    /* walk-ins */
    struct yk_walkin_kind_list kinds;
    struct yk_walkin_count_list counts;
    const char *walk_msg; /* catalog key */
    char walk_kind[YK_VOLUNTEER_ID_MAX + 1];
    /* duty */
    struct yk_duty_list duty_now, duty_hours;
    const char *duty_msg;
    /* today */
    struct yk_day_summary sum;
    bool sum_ok;
    struct yk_sync_status sync; /* waiting and set_aside live from this kiosk's database */
    struct yk_sync_status sync_seen; /* as published, to notice a new one */
    /* the setup-code pad (Today → 连接服务中心): never logged, wiped when done */
    bool setup_up;
    char setup[YK_SETUP_LEN + 1]; /* the Crockford symbols typed or scanned, no dashes */
    const char *setup_msg;        /* catalog key: a malformed scan */
    struct yk_scanner setup_scan; /* the scanner while the pad is up (16-symbol codes) */
    bool setup_sent;              /* handed to sync; "connecting" until a round answers */
    bool setup_refused;           /* the round after it did not enrol: the hub said no */
    /* the records the hub set aside (Today → 被中心退回 → the list) */
    bool rejects_up;
    struct yk_vol_reject *rejects;
    int n_rejects;
    struct yk_rows reject_rows;
    const char *lock_reason; /* why leave() locks: "button", else worked out there */
};

static struct vstate *vst(const struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_VOLUNTEER];
}

static const struct yk_event *cur_event(const struct vstate *s)
{
    return s->sel >= 0 && (size_t)s->sel < s->events.count ? &s->events.items[s->sel] : NULL;
}

static void load_events(struct yk_kiosk *k, struct vstate *s)
{
    yk_store_free_events(&s->events);
    struct yk_event_list all = {0};
    struct yk_event_filter f = {.now_utc = yk_kiosk_now_utc_s(k), .kind = YK_EVENT_KIND_ANY};
    if (!yk_store_list_upcoming_events(k->p.db, &f, 0, 40, &all))
        return;
    /* Only events that take sign-ups have anyone to check in. */
    size_t n = 0;
    for (size_t i = 0; i < all.count; i++) {
        if (all.items[i].capacity > 0)
            all.items[n++] = all.items[i];
        else
            yk_store_event_clear(&all.items[i]);
    }
    all.count = n;
    s->events = all;
}

static void load_walkins(struct yk_kiosk *k, struct vstate *s)
{
    yk_store_free_walkin_kinds(&s->kinds);
    yk_walkin_counts_free(&s->counts);
    yk_store_list_walkin_kinds(k->p.db, &s->kinds);
    yk_walkin_counts(k->p.db, utc_ms(k), &s->counts);
}

static void load_duty(struct yk_kiosk *k, struct vstate *s)
{
    yk_duty_list_free(&s->duty_now);
    yk_duty_list_free(&s->duty_hours);
    yk_duty_now(k->p.db, &s->duty_now);
    yk_duty_hours(k->p.db, utc_ms(k), utc_ms(k), &s->duty_hours);
}

static void load_today(struct yk_kiosk *k, struct vstate *s)
{
    yk_day_summary_free(&s->sum);
    s->sum_ok = yk_volunteer_summary(k->p.db, utc_ms(k), &s->sum);
    yk_sync_status(&s->sync);
    s->sync_seen = s->sync;
    if (!s->sync.configured && !s->sync.last_attempt_utc && k->p.cfg && k->p.cfg->hub_url[0]) {
        /* No round has run yet (the worker is starting, or headless before `sync`): what
         * the settings and the token file say. */
        char path[600];
        snprintf(path, sizeof path, "%s/hub-token", k->p.cfg->data_dir); /* YK_SYNC_TOKEN_FILE */
        s->sync.configured = true;
        s->sync.enrolled = access(path, F_OK) == 0;
    }
    int waiting = 0, rejected = 0;
    if (yk_sync_counts(k->p.db, &waiting, &rejected)) {
        s->sync.waiting = waiting;
        s->sync.set_aside = rejected;
    }
}

static void load_tab(struct yk_kiosk *k, struct vstate *s)
{
    if (!k->p.db)
        return;
    switch (s->tab) {
    case TAB_CHECKIN: break;
    case TAB_WALKIN: load_walkins(k, s); break;
    case TAB_DUTY: load_duty(k, s); break;
    case TAB_TODAY: load_today(k, s); break;
    }
}

static void free_state(struct vstate *s)
{
    yk_store_free_events(&s->events);
    yk_rows_free(&s->event_rows);
    yk_rows_free(&s->match_rows);
    yk_signup_matches_free(&s->matches);
    yk_store_free_walkin_kinds(&s->kinds);
    yk_walkin_counts_free(&s->counts);
    yk_duty_list_free(&s->duty_now);
    yk_duty_list_free(&s->duty_hours);
    yk_day_summary_free(&s->sum);
    free(s->rejects);
    yk_rows_free(&s->reject_rows);
    /* Names and masked numbers of people, a setup code: leave nothing in freed memory. */
    sodium_memzero(s, sizeof *s);
    free(s);
}

static void vol_leave(struct yk_kiosk *k);

static void vol_enter(struct yk_kiosk *k)
{
    if (!k->volunteer_id[0] || !k->p.db) {
        /* Nothing here without the PIN. */
        yk_warn("volunteer", "volunteer mode without a PIN: home");
        yk_kiosk_reset(k);
        return;
    }
    if (vst(k))
        return; /* back to it (it is never under another screen) */
    struct vstate *s = calloc(1, sizeof *s);
    if (!s) {
        yk_kiosk_reset(k);
        return;
    }
    s->sel = -1;
    struct yk_scanner_params p;
    yk_scanner_params_init(&p, YK_TICKET_DIGITS, YK_TICKET_DIGITS, YK_TICKET_SHORT_LEN);
    yk_scanner_init(&s->scanner, &p);
    k->state[YK_SCREEN_VOLUNTEER] = s;
    load_events(k, s);
    /* One event running now (the usual case at an event): straight to its check-in. */
    long long now = yk_kiosk_now_utc_s(k);
    int running = -1, nrun = 0;
    for (size_t i = 0; i < s->events.count; i++)
        if (s->events.items[i].starts_utc <= now + 3600 && s->events.items[i].ends_utc > now) {
            running = (int)i;
            nrun++;
        }
    if (nrun == 1)
        s->sel = running;
}

static void vol_leave(struct yk_kiosk *k)
{
    struct vstate *s = vst(k);
    if (k->volunteer_id[0] && k->p.db) {
        const char *why = s && s->lock_reason ? s->lock_reason
                          : mono(k) - k->last_input_ms >= k->p.cfg->volunteer_lock_s * 1000LL
                              ? "timeout"
                              : "left";
        yk_volunteer_mode_locked(k->p.db, k->volunteer_id, why, utc_ms(k));
        yk_info("volunteer", "locked (%s)", why);
    }
    /* Leaving by any way (back included) locks volunteer mode. */
    k->volunteer_id[0] = k->volunteer_name[0] = 0;
    if (s) {
        free_state(s);
        k->state[YK_SCREEN_VOLUNTEER] = NULL;
    }
}

/* ---------------------------------------------------------------- check-in logic */

static void who_text(struct yk_kiosk *k, const char *surname, const char *title, char *out,
                     size_t n)
{
    bool mr = strcmp(title, "先生") == 0, ms = strcmp(title, "女士") == 0;
    if (k->lang == YK_LANG_EN) {
        const char *t = mr ? "Mr" : ms ? "Ms" : "";
        snprintf(out, n, "%s%s%s", t, *t && *surname ? " " : "", surname);
    } else {
        snprintf(out, n, "%s%s", surname, title);
    }
}

static void clear_entry(struct vstate *s)
{
    s->code[0] = 0;
    s->phone[0] = 0;
    s->searched = false;
    yk_signup_matches_free(&s->matches);
}

/* Records count people of a party (ticket code or sign-up id), or, with count 0, works out
 * how many are left first: one goes straight in, more are asked about. */
static void admit(struct yk_kiosk *k, struct vstate *s, const char *ticket_code,
                  const char *signup_id, int count)
{
    const struct yk_event *ev = cur_event(s);
    memset(&s->res, 0, sizeof s->res);
    s->ask.up = false;
    if (!ev) {
        s->res.v = V_NO_EVENT;
        return;
    }
    struct yk_checkin_request req = {
        .event_id = ev->id,
        .ticket_code = ticket_code,
        .signup_id = signup_id,
        .count = count > 0 ? count : 1 << 20, /* a probe: nothing is recorded */
        .volunteer_id = k->volunteer_id,
    };
    struct yk_checkin_outcome out;
    yk_checkin_admit(k->p.db, &req, utc_ms(k), &out);
    char who[sizeof s->res.who];
    who_text(k, out.surname, out.title, who, sizeof who);
    if (out.rc == YK_CHECKIN_TOO_MANY && count == 0) {
        if (out.remaining == 1) {
            admit(k, s, ticket_code, signup_id, 1);
            return;
        }
        s->ask.up = true;
        snprintf(s->ask.ticket_code, sizeof s->ask.ticket_code, "%s",
                 ticket_code ? ticket_code : "");
        snprintf(s->ask.signup_id, sizeof s->ask.signup_id, "%s", signup_id ? signup_id : "");
        snprintf(s->ask.who, sizeof s->ask.who, "%s", who);
        s->ask.remaining = out.remaining;
        s->ask.party = out.party_size;
        return;
    }
    snprintf(s->res.who, sizeof s->res.who, "%s", who);
    s->res.count = out.count;
    s->res.party = out.party_size;
    s->res.remaining = out.remaining;
    s->res.first_utc = out.before.first_utc;
    s->res.first_here = strcmp(out.before.first_kiosk, yk_db_kiosk_id(k->p.db)) == 0;
    switch (out.rc) {
    case YK_CHECKIN_OK:
        s->res.v = V_OK;
        yk_sync_wake(); /* push the check-in now (a no-op when no sync worker runs) */
        break;
    case YK_CHECKIN_ALREADY: s->res.v = V_ALREADY; break;
    case YK_CHECKIN_TOO_MANY: s->res.v = V_ALREADY; break; /* the rest came meanwhile */
    case YK_CHECKIN_WRONG_EVENT: s->res.v = V_WRONG_EVENT; break;
    case YK_CHECKIN_CANCELLED: s->res.v = V_CANCELLED; break;
    case YK_CHECKIN_NOT_CONFIRMED: s->res.v = V_NOT_CONFIRMED; break;
    case YK_CHECKIN_NOT_FOUND: s->res.v = V_NOT_FOUND; break;
    case YK_CHECKIN_ERROR: s->res.v = V_ERROR; break;
    }
    yk_info("volunteer", "check-in %s: %d of %d", ev->id, out.count, out.party_size);
}

/* The event a ticket or sign-up is for, when this kiosk knows it (wrong event). */
static void other_event(struct yk_kiosk *k, struct vstate *s, const char *code)
{
    struct yk_signup_info info;
    if (yk_signup_find_by_code(k->p.db, code, &info) != 1)
        return;
    struct yk_event e;
    if (yk_store_get_event(k->p.db, info.event_id, &e) == YK_STORE_OK) {
        snprintf(s->res.other_event, sizeof s->res.other_event, "%s", PICK(e.title));
        yk_store_event_clear(&e);
    }
    sodium_memzero(&info, sizeof info);
}

static enum verdict ticket_verdict(struct yk_kiosk *k, enum yk_ticket_rc rc, const char *code)
{
    switch (rc) {
    case YK_TICKET_OK: return V_OK;
    case YK_TICKET_BAD_FORMAT:
    case YK_TICKET_BAD_SIGNATURE:
    case YK_TICKET_UNKNOWN_KEY: return V_INVALID;
    case YK_TICKET_REVOKED_KEY: return V_REVOKED;
    case YK_TICKET_REVOKED_TICKET:
        return yk_signup_code_cancelled(k->p.db, code) ? V_CANCELLED : V_REVOKED;
    case YK_TICKET_WRONG_EVENT: return V_WRONG_EVENT;
    case YK_TICKET_ERROR: return V_ERROR;
    }
    return V_ERROR;
}

/* A ticket code (digits), scanned. */
static void check_ticket(struct yk_kiosk *k, struct vstate *s, const char *code)
{
    const struct yk_event *ev = cur_event(s);
    struct yk_ticket t;
    enum yk_ticket_rc rc = yk_ticket_verify_db(k->p.db, code, strlen(code), ev->id, &t);
    yk_info("volunteer", "ticket: %s", yk_ticket_rc_name(rc));
    if (rc != YK_TICKET_OK) {
        s->ask.up = false;
        memset(&s->res, 0, sizeof s->res);
        s->res.v = ticket_verdict(k, rc, code);
        if (s->res.v == V_WRONG_EVENT)
            other_event(k, s, code);
        return;
    }
    admit(k, s, code, NULL, 0);
}

/* A short code, scanned or typed. */
static void check_short(struct yk_kiosk *k, struct vstate *s, const char *typed)
{
    const struct yk_event *ev = cur_event(s);
    struct yk_signup_info info;
    int found = yk_signup_find_by_code(k->p.db, typed, &info);
    memset(&s->res, 0, sizeof s->res);
    s->ask.up = false;
    if (found != 1) {
        s->res.v = found < 0 ? V_ERROR : V_NOT_FOUND;
        return;
    }
    if (info.seat != YK_SEAT_CANCELLED && info.ticket_code[0]) {
        /* The ticket behind it may be revoked, or for another event. */
        struct yk_ticket t;
        enum yk_ticket_rc rc = yk_ticket_verify_db(k->p.db, info.ticket_code,
                                                   strlen(info.ticket_code), ev->id, &t);
        if (rc != YK_TICKET_OK) {
            s->res.v = ticket_verdict(k, rc, info.ticket_code);
            if (s->res.v == V_WRONG_EVENT)
                other_event(k, s, info.ticket_code);
            sodium_memzero(&info, sizeof info);
            return;
        }
    }
    admit(k, s, NULL, info.id, 0);
    if (s->res.v == V_WRONG_EVENT)
        other_event(k, s, info.id[0] ? info.ticket_code : "");
    sodium_memzero(&info, sizeof info);
}

static void handle_scan(struct yk_kiosk *k, struct vstate *s, const struct yk_scan *sc)
{
    s->tab = TAB_CHECKIN;
    clear_entry(s);
    memset(k->ui.scroll, 0, sizeof k->ui.scroll); /* a new result from its top */
    if (!cur_event(s)) {
        memset(&s->res, 0, sizeof s->res);
        s->ask.up = false;
        s->res.v = V_NO_EVENT;
    } else if (sc->kind == YK_SCAN_TICKET) {
        check_ticket(k, s, sc->code);
    } else if (sc->kind == YK_SCAN_SHORT_CODE) {
        check_short(k, s, sc->code);
    } else {
        memset(&s->res, 0, sizeof s->res);
        s->ask.up = false;
        s->res.v = V_NOT_TICKET;
        yk_info("volunteer", "scan: not a ticket (%s)", yk_scan_error_str(sc->error));
    }
    k->dirty = true;
}

/* ---------------------------------------------------------------- hooks */

static void vol_input(struct yk_kiosk *k, const struct yk_input *in)
{
    struct vstate *s = vst(k);
    if (!s)
        return;
    /* While the setup pad is up, a scan is a setup code (never a ticket). */
    struct yk_scanner *sc = s->setup_up ? &s->setup_scan : &s->scanner;
    if (in->type == YK_IN_TEXT)
        yk_scanner_feed_text(sc, in->text, mono(k));
    else if (in->type == YK_IN_KEY && in->key == YK_KEY_RETURN)
        yk_scanner_feed_key(sc, YK_SCANNER_KEY_ENTER, mono(k));
    else if (in->type == YK_IN_KEY && in->key == YK_KEY_TAB)
        yk_scanner_feed_key(sc, YK_SCANNER_KEY_TAB, mono(k));
}

/* ---------------------------------------------------------------- the setup code */

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
static void setup_close(struct vstate *s)
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
    snprintf(grouped, sizeof grouped, "%.4s-%.4s-%.4s-%.4s", s->setup, s->setup + 4,
             s->setup + 8, s->setup + 12);
    bool ok = yk_sync_enter_setup_code(grouped);
    sodium_memzero(grouped, sizeof grouped);
    if (!ok) {
        s->setup_msg = YK_N("vol.setup.bad");
        sodium_memzero(s->setup, sizeof s->setup);
        return;
    }
    setup_close(s);
    s->setup_sent = true;
    s->setup_refused = false;
    yk_info("volunteer", "a setup code was entered for the hub"); /* never the code */
    load_today(k, s);
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

static bool status_changed(const struct yk_sync_status *a, const struct yk_sync_status *b)
{
    return a->configured != b->configured || a->enrolled != b->enrolled ||
           a->online != b->online || a->stopped != b->stopped ||
           a->last_attempt_utc != b->last_attempt_utc ||
           a->last_success_utc != b->last_success_utc || a->set_aside != b->set_aside ||
           strcmp(a->error_en, b->error_en) != 0;
}

static void vol_tick(struct yk_kiosk *k)
{
    struct vstate *s = vst(k);
    if (!k->volunteer_id[0]) {
        yk_kiosk_reset(k);
        return;
    }
    if (!s)
        return;
    struct yk_scan sc;
    while (yk_scanner_take(&s->scanner, mono(k), &sc))
        handle_scan(k, s, &sc);
    while (s->setup_up && yk_scanner_take(&s->setup_scan, mono(k), &sc)) {
        setup_scanned(s, &sc);
        k->dirty = true;
    }
    /* A sync round published a new status: the Today tab shows it. */
    if (s->tab == TAB_TODAY && k->p.db) {
        struct yk_sync_status now;
        yk_sync_status(&now);
        if (status_changed(&now, &s->sync_seen)) {
            if (s->setup_sent) {
                /* The round that took the code: enrolled, or the hub said no. */
                s->setup_sent = false;
                s->setup_refused = !now.enrolled && now.stopped;
            }
            load_today(k, s);
            k->dirty = true;
        }
    }
}

static int64_t vol_deadline(const struct yk_kiosk *k)
{
    const struct vstate *s = vst(k);
    if (!s)
        return -1;
    int64_t d = yk_scanner_deadline(&s->scanner);
    if (s->setup_up) {
        int64_t d2 = yk_scanner_deadline(&s->setup_scan);
        if (d2 < d)
            d = d2;
    }
    /* The Today tab shows the sync status the worker publishes: a look once a second
     * (volunteer mode locks itself after two minutes without a touch). */
    if (s->tab == TAB_TODAY && mono(k) + 1000 < d)
        d = mono(k) + 1000;
    return d == YK_SCANNER_NO_DEADLINE ? -1 : d;
}

/* ---------------------------------------------------------------- building: the frame */

static const struct {
    const char *id, *label;
    int icon;
} tabs[4] = {
    {"vol.tab.checkin", YK_N("vol.tab.checkin"), YK_ICON_SCAN},
    {"vol.tab.walkin", YK_N("vol.tab.walkin"), YK_ICON_WALK},
    {"vol.tab.duty", YK_N("vol.tab.duty"), YK_ICON_CLOCK},
    {"vol.tab.today", YK_N("vol.tab.today"), YK_ICON_INFO},
};

static void tab_button(struct yk_kiosk *k, int i, struct yk_rect r, bool icon)
{
    struct vstate *s = vst(k);
    struct yk_button_style bs = yk_page_button_style(k, (int)s->tab == i, YK_FONT_BODY);
    if (icon && label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > r.w)
        icon = false; /* the words matter more than the picture */
    bs.icon = icon ? tabs[i].icon : -1;
    yk_ui_button(&k->ui, tabs[i].id, r, tr(k, tabs[i].label), &bs, true);
}

static void lock_button(struct yk_kiosk *k, struct yk_rect r)
{
    const struct yk_theme *t = &k->ui.theme;
    struct yk_button_style bs = {.bg = t->ink, .fg = t->bg, .font = YK_FONT_BODY,
                                 .icon = YK_ICON_LOCK};
    yk_ui_button(&k->ui, "vol.lock", r, tr(k, "vol.lock"), &bs, true);
}

/* Width of a button in a tight row: its words (and picture) inside the button's inset with
 * a margin, never under a touch target. */
static int snug_w(struct yk_kiosk *k, const char *label, bool icon)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = yk_ui_text_width(&k->ui, label, YK_FONT_BODY) + 2 * t->pad;
    if (icon)
        w += yk_ui_line_height(&k->ui, YK_FONT_BODY) + t->gap;
    return w < t->touch_min ? t->touch_min : w;
}

/* The four tabs and the lock in one row across the top of in (a landscape screen too short
 * for the rail): every tab in view with its words at the theme's size. The lock gives up
 * its padlock, then its word (kept in the tree), before the row is given up; the tabs share
 * what is left, with their pictures where all of them have room. Cuts the row off *in and
 * returns true, or false (nothing drawn) when even that does not fit. */
static bool tab_strip(struct yk_kiosk *k, struct yk_rect *in, int h)
{
    const struct yk_theme *t = &k->ui.theme;
    int w[4], sum = 0;
    for (int i = 0; i < 4; i++) {
        w[i] = snug_w(k, tr(k, tabs[i].label), false);
        sum += w[i];
    }
    const char *ll = tr(k, "vol.lock");
    int room = in->w - sum - 4 * t->gap;
    int lock_w = snug_w(k, ll, true);
    bool lock_icon = true, lock_word = true;
    if (lock_w > room) {
        lock_icon = false;
        lock_w = snug_w(k, ll, false);
    }
    if (lock_w > room) {
        lock_icon = true;
        lock_word = false;
        lock_w = h;
    }
    if (lock_w > room)
        return false;
    struct yk_rect row = yk_cut_top(in, h);
    yk_cut_top(in, t->pad);
    struct yk_button_style bs = {.bg = t->ink, .fg = t->bg, .font = YK_FONT_BODY,
                                 .icon = lock_icon ? YK_ICON_LOCK : -1};
    yk_ui_button(&k->ui, "vol.lock", yk_cut_right(&row, lock_w), lock_word ? ll : "", &bs, true);
    if (!lock_word)
        yk_ui_set_text(&k->ui, "vol.lock", ll);
    yk_cut_right(&row, t->gap);
    /* What is left over goes to the tabs evenly. */
    int extra = row.w - 3 * t->gap - sum;
    bool icons = true;
    for (int i = 0; i < 4; i++)
        if (label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > w[i] + extra / 4)
            icons = false;
    int x = row.x;
    for (int i = 0; i < 4; i++) {
        int cw = w[i] + extra / 4 + (i == 3 ? extra % 4 : 0);
        tab_button(k, i, (struct yk_rect){x, row.y, cw, row.h}, icons);
        x += cw + t->gap;
    }
    return true;
}

/* Rows of bh across the top of *in (cut off it): n[r] buttons in row r, taken in order
 * from the four tabs and then the lock: equal widths where the words of each fit, else
 * each w[i] wide (its words) plus an even share of what the row leaves. The tabs show their pictures only where every one has room; the
 * lock its padlock where it has. */
static void tab_rows(struct yk_kiosk *k, struct yk_rect *in, int bh, const int *w, int rows,
                     const int *n)
{
    const struct yk_theme *t = &k->ui.theme;
    int cw[5];
    int i = 0;
    for (int r = 0; r < rows; r++) {
        int sum = 0;
        for (int j = 0; j < n[r]; j++)
            sum += w[i + j];
        int room = in->w - (n[r] - 1) * t->gap, extra = room - sum;
        bool even = true; /* equal widths where each one's words fit in them */
        for (int j = 0; j < n[r]; j++)
            if (w[i + j] > room / n[r])
                even = false;
        for (int j = 0; j < n[r]; j++)
            cw[i + j] = even ? room / n[r] + (j == n[r] - 1 ? room % n[r] : 0)
                             : w[i + j] + extra / n[r] + (j == n[r] - 1 ? extra % n[r] : 0);
        i += n[r];
    }
    bool icons = true;
    for (int j = 0; j < 4 && j < i; j++)
        if (label_w(k, tr(k, tabs[j].label), YK_FONT_BODY, true) > cw[j])
            icons = false;
    i = 0;
    for (int r = 0; r < rows; r++) {
        struct yk_rect row = yk_cut_top(in, bh);
        yk_cut_top(in, r == rows - 1 ? t->pad : t->gap);
        int x = row.x;
        for (int j = 0; j < n[r]; j++, i++) {
            struct yk_rect b = {x, row.y, cw[i], row.h};
            if (i < 4) {
                tab_button(k, i, b, icons);
            } else {
                const char *ll = tr(k, "vol.lock");
                struct yk_button_style bs = {
                    .bg = t->ink, .fg = t->bg, .font = YK_FONT_BODY,
                    .icon = label_w(k, ll, YK_FONT_BODY, true) <= b.w ? YK_ICON_LOCK : -1};
                yk_ui_button(&k->ui, "vol.lock", b, ll, &bs, true);
            }
            x += cw[i] + t->gap;
        }
    }
}

/* The tabs and the lock: a rail on the left of a landscape screen (a strip across its top
 * when the rail would not hold all four and the lock), rows on top of a portrait one. None
 * when bare (a check-in result or the question is up: it fills the area, to be read from
 * two metres, until 下一位, 取消, 返回 or the next scan; 首页 and volunteer_lock without a
 * touch still lock). Returns the area left for the content. */
static struct yk_rect frame(struct yk_kiosk *k, struct yk_rect in, bool bare)
{
    struct yk_ui *ui = &k->ui;
    if (bare)
        return in;
    const struct yk_theme *t = &ui->theme;
    int bh = t->touch_min * 5 / 4;
    int lbh = yk_ui_line_height(ui, YK_FONT_BODY) + 2 * t->gap;
    if (bh < lbh)
        bh = lbh;
    /* The rail only where its words fit in a third of the width (elder mode on a portrait
     * panel leaves a wide but short area whose third is too narrow). */
    bool rail_fits = label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, false) <= in.w / 3;
    for (int i = 0; i < 4; i++)
        if (label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, false) > in.w / 3)
            rail_fits = false;
    int rbh = t->touch_min;
    if (rbh < lbh)
        rbh = lbh;
    if (in.w > in.h && 5 * rbh + 4 * t->gap > in.h) {
        /* Too short for a rail of four tabs and the lock (elder mode on a small landscape
         * panel): a strip across the top, every tab in view, rather than a rail that
         * scrolls and hides tabs. */
        struct yk_rect rest = in;
        if (tab_strip(k, &rest, rbh))
            return rest;
    }
    if (in.w > in.h && rail_fits) {
        int rw = label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true);
        for (int i = 0; i < 4; i++) {
            int w = label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true);
            if (w > rw)
                rw = w;
        }
        if (rw > in.w / 3)
            rw = in.w / 3;
        struct yk_rect rail = yk_cut_left(&in, rw);
        yk_cut_left(&in, t->pad);
        bool icons = true;
        for (int i = 0; i < 4; i++)
            if (label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > rw)
                icons = false;
        lock_button(k, yk_cut_bottom(&rail, rbh));
        yk_cut_bottom(&rail, t->gap);
        if (4 * rbh + 3 * t->gap <= rail.h) {
            for (int i = 0; i < 4; i++) {
                tab_button(k, i, yk_cut_top(&rail, rbh), icons);
                yk_cut_top(&rail, t->gap);
            }
        } else {
            /* Elder mode on a small panel: the tabs scroll, the lock stays in view. */
            int y = yk_ui_scroll_begin(ui, "vol.tabs", rail);
            for (int i = 0; i < 4; i++) {
                tab_button(k, i, (struct yk_rect){rail.x, y, rail.w, rbh}, icons);
                y += rbh + t->gap;
            }
            yk_ui_scroll_end(ui, y);
        }
        return in;
    }
    /* Portrait: the hint and the lock, then the four tabs in a row, each as wide as its
     * words need and the rest shared (wide portrait panels). */
    int tw[4], sum = 0;
    for (int i = 0; i < 4; i++) {
        tw[i] = snug_w(k, tr(k, tabs[i].label), false);
        sum += tw[i];
    }
    if (sum + 3 * t->gap <= in.w) {
        int lw = label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true);
        struct yk_rect top = yk_cut_top(&in, bh);
        yk_cut_top(&in, t->gap);
        lock_button(k, yk_cut_right(&top, lw));
        yk_cut_right(&top, t->gap);
        const char *hint = tr(k, "vol.lock.hint");
        if (yk_ui_text_height(ui, hint, YK_FONT_SMALL, top.w) <= top.h)
            yk_ui_text(ui, "vol.lock.hint", top, hint, YK_FONT_SMALL, t->ink_soft,
                       YK_ALIGN_LEFT, true);
        tab_rows(k, &in, bh, tw, 1, (int[]){4});
        return in;
    }
    /* Narrow portrait (the 7" panel upright, elder mode): the four tabs and the lock flow
     * into as few rows as hold them with their words (two on the 7" panel in elder mode,
     * rather than a 2×2 grid under a row for the lock). */
    int w[5];
    for (int i = 0; i < 4; i++)
        w[i] = tw[i];
    w[4] = snug_w(k, tr(k, "vol.lock"), false);
    int per_row[5] = {0}, rows = 0, used = 0;
    for (int i = 0; i < 5; i++) {
        if (per_row[rows] > 0 && used + t->gap + w[i] > in.w) {
            rows++;
            used = 0;
        }
        used += (per_row[rows] > 0 ? t->gap : 0) + w[i];
        per_row[rows]++;
    }
    rows++;
    if (rows <= 2) {
        tab_rows(k, &in, bh, w, rows, per_row);
        return in;
    }
    /* Narrower still: the lock on its own row, the tabs 2×2 under it. */
    struct yk_rect top = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    lock_button(k, yk_cut_right(&top, label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true)));
    struct yk_rect grid = yk_cut_top(&in, 2 * bh + t->gap);
    for (int i = 0; i < 4; i++)
        tab_button(k, i, yk_grid_cell(grid, 2, 2, i % 2, i / 2, t->gap), true);
    yk_cut_top(&in, t->pad);
    return in;
}

/* ---------------------------------------------------------------- building: check-in */

static int event_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct vstate *s = ctx;
    const struct yk_event *e = &s->events.items[i];
    char when[96];
    yk_format_span(when, sizeof when, e->starts_utc, e->ends_utc, yk_lang_code(k->lang));
    return yk_page_row_height(k, PICK(e->title), when, true, w) + k->ui.theme.gap;
}

static void event_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct vstate *s = ctx;
    const struct yk_event *e = &s->events.items[i];
    char when[96];
    yk_format_span(when, sizeof when, e->starts_utc, e->ends_utc, yk_lang_code(k->lang));
    r.h -= k->ui.theme.gap;
    long long now = yk_kiosk_now_utc_s(k);
    const char *sub = e->starts_utc <= now ? yk_ui_fmt(&k->ui, "%s · %s", tr(k, "vol.event.now"),
                                                       when)
                                           : when;
    yk_page_row(k, yk_ui_fmt(&k->ui, "vol.event.%s", e->id), r, PICK(e->title), sub,
                YK_ICON_EVENTS);
}

static void build_pick_event(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    const struct yk_theme *t = &k->ui.theme;
    line(k, &in, "vol.events.ask", tr(k, "vol.events.ask"), YK_FONT_LARGE, t->ink,
         YK_ALIGN_LEFT);
    if (!s->events.count) {
        yk_ui_text(&k->ui, "vol.events.none", in, tr(k, "vol.events.none"), YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_CENTER, true);
        return;
    }
    yk_rows_list(k, "vol.events", in, &s->event_rows, s->events.count, event_row_h, event_row, s);
}

static struct yk_color verdict_color(enum verdict v)
{
    switch (v) {
    case V_OK: return hex(0x1B5E20);
    case V_ALREADY:
    case V_NOT_CONFIRMED: return hex(0x6B4300);
    case V_NOT_TICKET:
    case V_NO_EVENT:
    case V_NOT_FOUND: return hex(0x37474F);
    default: return hex(0x8E0A10);
    }
}

static int verdict_icon(enum verdict v)
{
    switch (v) {
    case V_OK: return YK_ICON_CHECK;
    case V_ALREADY: return YK_ICON_INFO;
    case V_WRONG_EVENT: return YK_ICON_CALENDAR;
    case V_NOT_CONFIRMED: return YK_ICON_CLOCK;
    case V_NOT_TICKET:
    case V_NO_EVENT:
    case V_NOT_FOUND:
    case V_ERROR: return YK_ICON_WARNING;
    default: return YK_ICON_CLOSE;
    }
}

static const char *verdict_key(enum verdict v)
{
    switch (v) {
    case V_NONE: break;
    case V_OK: return YK_N("vol.r.ok");
    case V_ALREADY: return YK_N("vol.r.already");
    case V_WRONG_EVENT: return YK_N("vol.r.wrong_event");
    case V_INVALID: return YK_N("vol.r.invalid");
    case V_REVOKED: return YK_N("vol.r.revoked");
    case V_CANCELLED: return YK_N("vol.r.cancelled");
    case V_NOT_CONFIRMED: return YK_N("vol.r.not_confirmed");
    case V_NOT_FOUND: return YK_N("vol.r.not_found");
    case V_NOT_TICKET: return YK_N("vol.r.not_ticket");
    case V_NO_EVENT: return YK_N("vol.r.no_event");
    case V_ERROR: return YK_N("vol.r.error");
    }
    return YK_N("vol.r.error");
}

/* What to do next, under the result's title. */
static const char *verdict_todo(enum verdict v)
{
    switch (v) {
    case V_NONE:
    case V_OK: return NULL;
    case V_ALREADY: return YK_N("vol.r.already.b");
    case V_WRONG_EVENT: return YK_N("vol.r.wrong_event.b");
    case V_INVALID: return YK_N("vol.r.invalid.b");
    case V_REVOKED: return YK_N("vol.r.revoked.b");
    case V_CANCELLED: return YK_N("vol.r.cancelled.b");
    case V_NOT_CONFIRMED: return YK_N("vol.r.not_confirmed.b");
    case V_NOT_FOUND: return YK_N("vol.r.not_found.b");
    case V_NOT_TICKET: return YK_N("vol.r.not_ticket.b");
    case V_NO_EVENT: return YK_N("vol.r.no_event.b");
    case V_ERROR: return YK_N("vol.r.error.b");
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
        x.detail = yk_ui_fmt(
            ui, tr(k, r->first_here ? "vol.r.already.here" : "vol.r.already.other"), when,
            r->party);
        break;
    case V_WRONG_EVENT:
        x.detail = r->other_event[0] ? yk_ui_fmt(ui, tr(k, "vol.r.wrong_event.for"), r->other_event)
                                     : NULL;
        break;
    case V_CANCELLED:
    case V_NOT_CONFIRMED: x.who = r->who[0] ? r->who : NULL; break;
    default: break;
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
        yk_ui_text(ui, "vol.result.who", (struct yk_rect){head.x, head.y + (head.h - wh) / 2,
                                                          head.w, wh},
                   x->who, YK_FONT_TITLE, fg, YK_ALIGN_LEFT, false);
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
    int nw = label_w(k, nl, YK_FONT_LARGE, false), bh = yk_page_button_h(k);
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

static void build_result(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct result *r = &s->res;
    struct rtext x = result_text(k, r);
    const char *nl = tr(k, "vol.result.next");
    int nw = label_w(k, nl, YK_FONT_LARGE, false);
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
    yk_ui_button(ui, "vol.result.next", yk_cut_right(&row, nw > row.w ? row.w : nw), nl, &nb,
                 true);
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
    struct yk_rect row = action_row(k, &in, label_w(k, cl, YK_FONT_BODY, false));
    if (draw)
        yk_ui_button(ui, "vol.ask.cancel",
                     yk_cut_left(&row, label_w(k, cl, YK_FONT_BODY, false)), cl, &cb, true);
    /* The question in the title font, smaller when it would take more than a third. */
    enum yk_font qf = YK_FONT_TITLE;
    while (qf > YK_FONT_BODY && yk_ui_text_height(ui, q, qf, in.w) > in.h / 3)
        qf = (enum yk_font)(qf - 1);
    int side = t->touch_min * 2;
    int need = yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_SMALL) +
               3 * t->gap;
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
    line(k, &in, "vol.ask", q, qf, t->ink, YK_ALIGN_LEFT);
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
                const char *label = i == 0  ? yk_ui_fmt(ui, tr(k, "vol.ask.all"), c)
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
                    const char *label = i == 0  ? yk_ui_fmt(ui, tr(k, "vol.ask.all"), c)
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

static void build_ask(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const char *q = s->ask.who[0]
                        ? yk_ui_fmt(ui, tr(k, "vol.ask.who"), s->ask.who, s->ask.party,
                                    s->ask.remaining)
                        : yk_ui_fmt(ui, tr(k, "vol.ask"), s->ask.party, s->ask.remaining);
    int n = s->ask.remaining > 12 ? 12 : s->ask.remaining;
    if (ask_roomy(k, q, n, in, false) || !ask_compact(k, q, n, in))
        ask_roomy(k, q, n, in, true);
}

static int code_bh(struct yk_kiosk *k)
{
    int bh = yk_ui_line_height(&k->ui, YK_FONT_LARGE) + 2 * k->ui.theme.gap;
    return bh < k->ui.theme.touch_min ? k->ui.theme.touch_min : bh;
}

/* The code box and its two buttons share a row unless the buttons would leave the box less
 * than half of it; then the box has a row of its own above them. */
static bool code_split(struct yk_kiosk *k, int w)
{
    int bw = label_w(k, tr(k, "vol.code.ok"), YK_FONT_LARGE, false) +
             label_w(k, tr(k, "vol.key.clear"), YK_FONT_BODY, false) + 2 * k->ui.theme.gap;
    return bw > w / 2;
}

/* The code as typed, grouped XXXX-XXXX like the ticket prints it. */
static const char *code_shown(struct yk_kiosk *k, const char *code)
{
    size_t n = strlen(code);
    if (n <= 4)
        return yk_ui_strdup(&k->ui, code);
    return yk_ui_fmt(&k->ui, "%.4s-%s", code, code + 4);
}

static const char *const code_keys[33] = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F", "G",
    "H", "J", "K", "M", "N", "P", "Q", "R", "S", "T", "V", "W", "X", "Y", "Z", "del"};

static void build_code(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    /* [the code][清除][签到] in one row, the 32 symbols and ⌫ under it. */
    int bh = code_bh(k);
    bool split = code_split(k, in.w);
    struct yk_rect box_row = split ? yk_cut_top(&in, bh) : (struct yk_rect){0, 0, 0, 0};
    if (split)
        yk_cut_top(&in, t->gap);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    bool full = strlen(s->code) == YK_TICKET_SHORT_LEN;
    struct yk_button_style ok = yk_page_button_style(k, true, YK_FONT_LARGE);
    const char *okl = tr(k, "vol.code.ok");
    yk_ui_button(ui, "vol.code.ok", yk_cut_right(&row, label_w(k, okl, YK_FONT_LARGE, false)),
                 okl, &ok, true);
    yk_cut_right(&row, t->gap);
    struct yk_button_style cb = yk_page_button_style(k, false, YK_FONT_BODY);
    const char *cl = tr(k, "vol.key.clear");
    yk_ui_button(ui, "vol.code.clear", yk_cut_right(&row, label_w(k, cl, YK_FONT_BODY, false)),
                 cl, &cb, true);
    yk_cut_right(&row, t->gap);
    if (split)
        row = box_row;
    yk_ui_fill(ui, row, t->card, t->radius);
    bool any = s->code[0] != 0;
    const char *shown = any ? code_shown(k, s->code) : tr(k, "vol.code.hint");
    if (s->code_short && !full)
        shown = tr(k, "vol.code.short");
    /* As large as fits on one line (the code must not wrap at its dash). */
    enum yk_font f = any ? YK_FONT_TITLE : YK_FONT_BODY;
    while (f > YK_FONT_SMALL && (yk_ui_text_width(ui, shown, f) > row.w - 2 * t->gap ||
                                 yk_ui_text_height(ui, shown, f, row.w - 2 * t->gap) >
                                     row.h - t->gap))
        f = (enum yk_font)(f - 1);
    yk_ui_text(ui, "vol.code", yk_inset(row, t->gap / 2), shown, f, any ? t->ink : t->ink_soft,
               YK_ALIGN_CENTER, true);
    keypad(k, "vol.code.key", "vol.code.keys", in, code_keys, 33, 4, YK_FONT_BODY, true);
}

static int match_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    (void)ctx;
    (void)i;
    return yk_page_row_height(k, "X", "X", false, w) + k->ui.theme.gap;
}

static void match_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct vstate *s = ctx;
    const struct yk_signup_match *m = &s->matches.items[i];
    char who[YK_NAME_MAX + 24];
    who_text(k, m->surname, m->title, who, sizeof who);
    const char *title = yk_ui_fmt(&k->ui, tr(k, "vol.match.title"), who[0] ? who : "—",
                                  m->party_size);
    const char *state = m->state == YK_SIGNUP_CANCELLED   ? tr(k, "vol.match.cancelled")
                        : m->state != YK_SIGNUP_CONFIRMED ? tr(k, "vol.match.not_confirmed")
                        : m->checked_in >= m->party_size  ? tr(k, "vol.match.in")
                        : m->checked_in ? yk_ui_fmt(&k->ui, tr(k, "vol.match.part"), m->checked_in)
                                        : "";
    const char *sub = *state ? yk_ui_fmt(&k->ui, "%s · %s", m->phone_masked, state)
                             : m->phone_masked;
    r.h -= k->ui.theme.gap;
    yk_page_row(k, yk_ui_fmt(&k->ui, "vol.match.%zu", i), r, title, sub, -1);
}

/* The phone pad beside the digits and matches (a wide, short area) rather than above them,
 * where the column beside it still holds "pick the person" on one line (not on the 7"
 * panel upright in elder mode, whose short area would squeeze the matches into a sliver). */
static bool phone_wide(struct yk_kiosk *k, int w, int h_avail)
{
    int rw = w - w * 9 / 20 - k->ui.theme.pad;
    return w > h_avail * 6 / 5 &&
           yk_ui_text_width(&k->ui, tr(k, "vol.phone.pick"), YK_FONT_BODY) <= rw;
}

static void build_phone(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool wide = phone_wide(k, in.w, in.h);
    struct yk_rect left = in, right = in;
    if (wide) {
        left = yk_cut_left(&right, in.w * 9 / 20);
        yk_cut_left(&right, t->pad);
    }
    int bh = yk_page_button_h(k);
    /* Landscape: the keys take the left column's whole height, the digits go right. */
    struct yk_rect box = yk_cut_top(wide ? &right : &left, bh);
    yk_cut_top(wide ? &right : &left, t->gap);
    yk_ui_fill(ui, box, t->card, t->radius);
    bool any = s->phone[0] != 0;
    const char *hint = tr(k, "vol.phone.hint");
    enum yk_font hf = yk_ui_text_height(ui, hint, YK_FONT_BODY, box.w - t->gap) <= box.h - t->gap
                          ? YK_FONT_BODY
                          : YK_FONT_SMALL;
    yk_ui_text(ui, "vol.phone", yk_inset(box, t->gap / 2), any ? s->phone : hint,
               any ? YK_FONT_TITLE : hf, any ? t->ink : t->ink_soft, YK_ALIGN_CENTER, true);
    bool list = s->searched && s->matches.count > 0;
    if (!wide) {
        right = left;
    }
    if (s->searched && !list) {
        line(k, wide ? &right : &left, "vol.phone.msg",
             yk_ui_fmt(ui, tr(k, "vol.phone.none"), s->phone), YK_FONT_BODY, t->primary,
             YK_ALIGN_LEFT);
        if (!wide)
            right = left;
    }
    if (list) {
        struct yk_rect *lr = wide ? &right : &left;
        line(k, lr, "vol.phone.msg", tr(k, "vol.phone.pick"), YK_FONT_BODY, t->ink,
             YK_ALIGN_LEFT);
        if (!wide) {
            struct yk_rect again = yk_cut_bottom(lr, bh);
            yk_cut_bottom(lr, t->gap);
            struct yk_button_style ab = yk_page_button_style(k, false, YK_FONT_BODY);
            const char *al = tr(k, "vol.phone.again");
            yk_ui_button(ui, "vol.phone.again",
                         yk_cut_left(&again, label_w(k, al, YK_FONT_BODY, false)), al, &ab, true);
        }
        if (!wide) {
            /* Stacked, the check-in holds every match (phone_min_h) and scrolls as a whole
             * where it must: no list scrolling inside it to catch the drags. */
            int y = lr->y;
            for (size_t i = 0; i < s->matches.count; i++) {
                int h = match_row_h(k, s, i, lr->w);
                struct yk_rect r = {lr->x, y, lr->w, h};
                if (yk_ui_visible(ui, r))
                    match_row(k, s, i, r);
                y += h;
            }
            return;
        }
        yk_rows_list(k, "vol.matches", *lr, &s->match_rows, s->matches.count, match_row_h,
                     match_row, s);
    }
    if (wide && !list && !s->searched) {
        line(k, &right, "vol.phone.how", tr(k, "vol.phone.how"), YK_FONT_BODY, t->ink_soft,
             YK_ALIGN_LEFT);
    }
    keypad(k, "vol.phone.key", "vol.phone.keys", left, digit_keys, 12, -3, YK_FONT_TITLE, true);
}

static void build_scan(struct yk_kiosk *k, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *p = tr(k, "vol.scan.prompt"), *h = tr(k, "vol.scan.hint");
    int ph = yk_ui_text_height(ui, p, YK_FONT_TITLE, in.w);
    int hh = yk_ui_text_height(ui, h, YK_FONT_BODY, in.w);
    int isz = in.h - ph - hh - 2 * t->gap;
    if (isz > t->touch_min * 3)
        isz = t->touch_min * 3;
    int y = in.y + (in.h - isz - ph - hh - 2 * t->gap) / 2;
    if (isz > t->touch_min / 2) {
        yk_ui_icon_draw(ui, (struct yk_rect){in.x + (in.w - isz) / 2, y, isz, isz}, YK_ICON_SCAN,
                        t->primary);
        y += isz + t->gap;
    }
    yk_ui_text(ui, "vol.scan.prompt", (struct yk_rect){in.x, y, in.w, ph}, p, YK_FONT_TITLE,
               t->ink, YK_ALIGN_CENTER, false);
    y += ph + t->gap;
    yk_ui_text(ui, "vol.scan.hint", (struct yk_rect){in.x, y, in.w, hh}, h, YK_FONT_BODY,
               t->ink_soft, YK_ALIGN_CENTER, false);
}

/* The height a key pad of n keys needs at its smallest whole size at width w. */
static int keypad_min_h(struct yk_kiosk *k, int w, int n, int min_cols, enum yk_font f)
{
    const struct yk_theme *t = &k->ui.theme;
    int g = n > 12 ? t->gap / 2 : t->gap;
    int kmin = yk_ui_line_height(&k->ui, f) + 2 * t->gap;
    if (kmin < t->touch_min)
        kmin = t->touch_min;
    int cols = min_cols < 0 ? -min_cols : (w + g) / (kmin + g);
    if (cols < min_cols)
        cols = min_cols;
    if (cols < 1)
        cols = 1;
    int rows = (n + cols - 1) / cols;
    return rows * kmin + (rows - 1) * g;
}

static int code_row_h(struct yk_kiosk *k, int w)
{
    return code_split(k, w) ? 2 * code_bh(k) + k->ui.theme.gap : code_bh(k);
}

/* What each way in needs at least, at width w (below that, the check-in scrolls). */
static int code_min_h(struct yk_kiosk *k, int w)
{
    /* The pads take smaller letters before they scroll. */
    return code_row_h(k, w) + k->ui.theme.gap + keypad_min_h(k, w, 33, 4, YK_FONT_SMALL);
}

static int phone_min_h(struct yk_kiosk *k, const struct vstate *s, int w, int h_avail)
{
    const struct yk_theme *t = &k->ui.theme;
    /* As build_phone lays it out: side by side when wide, else stacked. */
    bool wide = phone_wide(k, w, h_avail);
    int lw = wide ? w * 9 / 20 : w, rw = wide ? w - lw - t->pad : w;
    int pad = keypad_min_h(k, lw, 12, -3, YK_FONT_SMALL);
    int h = yk_page_button_h(k) + t->gap;
    if (s->searched && s->matches.count > 0) {
        h += yk_ui_text_height(&k->ui, tr(k, "vol.phone.pick"), YK_FONT_BODY, rw) + t->gap;
        if (!wide)
            h += yk_page_button_h(k) + t->gap;
        h += (int)s->matches.count * (yk_page_row_height(k, "X", "X", false, rw) + t->gap);
        return wide && pad > h ? pad : h;
    }
    if (s->searched)
        h += yk_ui_text_height(&k->ui, yk_ui_fmt(&k->ui, tr(k, "vol.phone.none"), s->phone),
                               YK_FONT_BODY, rw) +
             t->gap;
    if (wide)
        return pad > h ? pad : h;
    return h + pad;
}

static int scan_min_h(struct yk_kiosk *k, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    return yk_ui_text_height(&k->ui, tr(k, "vol.scan.prompt"), YK_FONT_TITLE, w) +
           yk_ui_text_height(&k->ui, tr(k, "vol.scan.hint"), YK_FONT_BODY, w) + 2 * t->gap;
}

static void build_checkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct yk_event *ev = cur_event(s);
    if (!ev) {
        if (s->res.v != V_NONE) {
            build_result(k, s, in);
            return;
        }
        build_pick_event(k, s, in);
        return;
    }
    /* A result or the question fills the area: it is read from two metres. */
    if (s->ask.up) {
        build_ask(k, s, in);
        return;
    }
    if (s->res.v != V_NONE) {
        build_result(k, s, in);
        return;
    }
    /* The event (its own line when there is room, else between the chips), then the three
     * ways in and "another event" as chips, then the way in that is chosen. All of it is one
     * region "vol.checkin" that scrolls when it does not fit (elder mode on a small panel):
     * then everything keeps its natural size instead of being squeezed. */
    bool title_line = s->mode == CM_SCAN || in.h >= 7 * t->touch_min;
    static const char *const ids[4] = {"vol.mode.scan", "vol.mode.code", "vol.mode.phone",
                                       "vol.change"};
    static const char *const keys[4] = {YK_N("vol.mode.scan"), YK_N("vol.mode.code"),
                                        YK_N("vol.mode.phone"), YK_N("vol.change")};
    int ch = t->touch_min * 5 / 4;
    int lbh = yk_ui_line_height(ui, YK_FONT_BODY) + 2 * t->gap;
    if (ch < lbh)
        ch = lbh;
    int need = 3 * t->gap;
    for (int i = 0; i < 4; i++)
        need += yk_page_chip_w(k, tr(k, keys[i]));
    bool two = need > in.w;
    int title_h = title_line ? yk_ui_text_height(ui, PICK(ev->title), YK_FONT_BODY, in.w) + t->gap
                             : 0;
    int chips_h = two ? 2 * ch + t->gap : ch;
    int body_min = s->mode == CM_CODE    ? code_min_h(k, in.w)
                   : s->mode == CM_PHONE ? phone_min_h(k, s, in.w, in.h - title_h - chips_h - t->pad)
                                         : scan_min_h(k, in.w);
    bool compact = title_h + chips_h + t->pad + body_min > in.h;
    struct yk_rect view = in;
    int y0 = yk_ui_scroll_begin(ui, "vol.checkin", view);
    in.y = y0;
    if (compact)
        in.h = title_h + chips_h + t->pad + body_min;
    if (title_line)
        line(k, &in, "vol.event.title", PICK(ev->title), YK_FONT_BODY, t->ink, YK_ALIGN_LEFT);
    struct yk_rect row = yk_cut_top(&in, chips_h);
    yk_cut_top(&in, t->pad);
    for (int i = 0; i < 4; i++) {
        struct yk_rect r;
        if (two) {
            r = yk_grid_cell(row, 2, 2, i % 2, i / 2, t->gap);
        } else {
            int w = yk_page_chip_w(k, tr(k, keys[i]));
            r = i == 3 ? yk_cut_right(&row, w) : yk_cut_left(&row, w);
            if (i < 2)
                yk_cut_left(&row, t->gap);
        }
        yk_page_chip(k, ids[i], r, tr(k, keys[i]), i < 3 && (int)s->mode == i);
    }
    if (!title_line && !two) {
        struct yk_rect mid = yk_inset(row, t->gap / 2);
        if (mid.w > 0 && yk_ui_text_height(ui, PICK(ev->title), YK_FONT_SMALL, mid.w) <= mid.h &&
            yk_ui_text_width(ui, PICK(ev->title), YK_FONT_SMALL) <= mid.w)
            yk_ui_text(ui, "vol.event.title", mid, PICK(ev->title), YK_FONT_SMALL, t->ink_soft,
                       YK_ALIGN_CENTER, true);
    }
    if (s->mode == CM_CODE)
        build_code(k, s, in);
    else if (s->mode == CM_PHONE)
        build_phone(k, s, in);
    else
        build_scan(k, in);
    yk_ui_scroll_end(ui, in.y + in.h);
}

/* ---------------------------------------------------------------- building: walk-ins */

static int walkin_count(const struct vstate *s, const char *kind)
{
    for (size_t i = 0; i < s->counts.count; i++)
        if (strcmp(s->counts.items[i].kind_id, kind) == 0)
            return s->counts.items[i].count;
    return 0;
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
        struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_HUGE);
        bs.sub = PICK(kd->name);
        bs.icon_above = true;
        const char *id = yk_ui_fmt(ui, "vol.walkin.%s", kd->id);
        int c = walkin_count(s, kd->id);
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, "%d", c), &bs, true);
        yk_ui_set_text(ui, id, yk_ui_fmt(ui, "%s %d", PICK(kd->name), c));
    }
}

/* The undo button on the left of row, today's total on the right where it fits (false where
 * it does not). */
static bool walkin_undo_row(struct yk_kiosk *k, struct vstate *s, struct yk_rect row)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_button_style ub = yk_page_button_style(k, false, YK_FONT_BODY);
    ub.icon = YK_ICON_BACK;
    const char *ul = tr(k, "vol.walkin.undo");
    yk_ui_button(ui, "vol.walkin.undo", yk_cut_left(&row, label_w(k, ul, YK_FONT_BODY, true)), ul,
                 &ub, true);
    yk_cut_left(&row, t->pad);
    const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
    int tw = yk_ui_text_width(ui, total, YK_FONT_BODY);
    if (tw > row.w / 2)
        tw = row.w / 2;
    struct yk_rect trc = yk_cut_right(&row, tw);
    if (yk_ui_text_height(ui, total, YK_FONT_BODY, trc.w) > trc.h)
        return false;
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
    int side = label_w(k, ul, YK_FONT_BODY, false);
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

static void build_walkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int bh = yk_page_button_h(k);
    struct yk_rect all = in;
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
    int min_h = yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_BODY) +
                2 * t->gap;
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
            const char *total = yk_ui_fmt(ui, tr(k, "vol.walkin.total"), s->counts.total);
            int th = yk_ui_text_height(ui, total, YK_FONT_BODY, all.w);
            yk_ui_text(ui, "vol.walkin.total", (struct yk_rect){all.x, y, all.w, th}, total,
                       YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
            y += th - bh;
        }
        yk_ui_scroll_end(ui, y + bh);
        return;
    }
    walkin_undo_row(k, s, row);
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

/* ---------------------------------------------------------------- building: duty, today */

static const char *hours_text(struct yk_kiosk *k, long long seconds)
{
    long long m = seconds / 60;
    return yk_ui_fmt(&k->ui, tr(k, "vol.hours"), (int)(m / 60), (int)(m % 60));
}

static bool on_duty(const struct yk_kiosk *k, const struct vstate *s)
{
    for (size_t i = 0; i < s->duty_now.count; i++)
        if (strcmp(s->duty_now.items[i].volunteer_id, k->volunteer_id) == 0)
            return true;
    return false;
}

/* This volunteer's hours today (open shift up to now included), or 0. */
static long long my_seconds(const struct yk_kiosk *k, const struct vstate *s)
{
    for (size_t i = 0; i < s->duty_hours.count; i++)
        if (strcmp(s->duty_hours.items[i].volunteer_id, k->volunteer_id) == 0)
            return s->duty_hours.items[i].seconds;
    return 0;
}

static void build_duty(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool on = on_duty(k, s);
    /* The two buttons, then a card with where this volunteer stands (state, since when, hours
     * today: what they came to this tab for), then everybody's in a document that scrolls. */
    int bh = yk_page_button_h(k);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    struct yk_button_style a = yk_page_button_style(k, !on, YK_FONT_LARGE), b = yk_page_button_style(k, on, YK_FONT_LARGE);
    struct yk_rect cell = yk_grid_cell(row, 2, 1, 0, 0, t->gap);
    bool icons = label_w(k, tr(k, "vol.duty.on"), YK_FONT_LARGE, true) <= cell.w &&
                 label_w(k, tr(k, "vol.duty.off"), YK_FONT_LARGE, true) <= cell.w;
    a.icon = icons ? YK_ICON_CHECK : -1;
    b.icon = icons ? YK_ICON_CLOSE : -1;
    /* Both stay tappable (greyed words would be unreadable); the one that applies is red. */
    yk_ui_button(ui, "vol.duty.on", yk_grid_cell(row, 2, 1, 0, 0, t->gap), tr(k, "vol.duty.on"),
                 &a, true);
    yk_ui_button(ui, "vol.duty.off", yk_grid_cell(row, 2, 1, 1, 0, t->gap), tr(k, "vol.duty.off"),
                 &b, true);
    const char *st_text = s->duty_msg ? tr(k, s->duty_msg)
                                      : tr(k, on ? "vol.duty.is_on" : "vol.duty.is_off");
    const char *state = yk_ui_fmt(ui, st_text, k->volunteer_name);
    const char *mine = yk_ui_fmt(ui, tr(k, "vol.duty.mine"), hours_text(k, my_seconds(k, s)));
    for (size_t i = 0; on && i < s->duty_now.count; i++)
        if (strcmp(s->duty_now.items[i].volunteer_id, k->volunteer_id) == 0) {
            char hm[16];
            yk_format_hhmm(hm, sizeof hm, s->duty_now.items[i].since_utc);
            mine = yk_ui_fmt(ui, "%s · %s", yk_ui_fmt(ui, tr(k, "vol.duty.since"), hm), mine);
        }
    /* The card scrolls with the rest where the area is short (elder mode, small panels). */
    struct yk_doc d;
    in.x -= t->pad;
    in.w += 2 * t->pad;
    yk_doc_begin(&d, k, "vol.duty.doc", in, false);
    int cw = d.w - 2 * t->pad;
    int sh = yk_ui_text_height(ui, state, YK_FONT_LARGE, cw);
    int mh = yk_ui_text_height(ui, mine, YK_FONT_BODY, cw);
    struct yk_rect card = {d.x, d.y, d.w, sh + mh + 3 * t->gap};
    yk_ui_fill(ui, card, t->card, t->radius);
    yk_ui_text(ui, "vol.duty.state", (struct yk_rect){card.x + t->pad, card.y + t->gap, cw, sh},
               state, YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT, false);
    yk_ui_text(ui, "vol.duty.mine",
               (struct yk_rect){card.x + t->pad, card.y + 2 * t->gap + sh, cw, mh}, mine,
               YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
    d.y += card.h + t->pad;
    yk_doc_title(&d, "vol.duty.now", tr(k, "vol.duty.now"));
    if (!s->duty_now.count)
        yk_doc_text(&d, "vol.duty.nobody", tr(k, "vol.duty.nobody"), true);
    for (size_t i = 0; i < s->duty_now.count; i++) {
        const struct yk_duty_entry *e = &s->duty_now.items[i];
        char hm[16];
        yk_format_hhmm(hm, sizeof hm, e->since_utc);
        yk_doc_field(&d, yk_ui_fmt(ui, "vol.duty.now.%zu", i), PICK(e->name),
                     yk_ui_fmt(ui, tr(k, "vol.duty.since"), hm));
    }
    yk_doc_title(&d, "vol.duty.today", tr(k, "vol.duty.today"));
    if (!s->duty_hours.count)
        yk_doc_text(&d, "vol.duty.none", tr(k, "vol.duty.none"), true);
    for (size_t i = 0; i < s->duty_hours.count; i++) {
        const struct yk_duty_entry *e = &s->duty_hours.items[i];
        yk_doc_field(&d, yk_ui_fmt(ui, "vol.duty.hours.%zu", i), PICK(e->name),
                     hours_text(k, e->seconds));
    }
    yk_doc_end(&d);
}

/* A figure on a card: the number as large as fits, what it counts under it. The tree text
 * is the whole sentence (read aloud, tests). */
static void stat_tile(struct yk_kiosk *k, const char *id, struct yk_rect r, const char *figure,
                      const char *label, const char *sentence)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    yk_ui_fill(ui, r, t->card, t->radius);
    struct yk_rect in = yk_inset(r, t->gap);
    int lh = yk_ui_text_height(ui, label, YK_FONT_BODY, in.w);
    enum yk_font f = YK_FONT_HUGE;
    while (f > YK_FONT_BODY && (yk_ui_text_width(ui, figure, f) > in.w ||
                                yk_ui_line_height(ui, f) + lh > in.h))
        f = (enum yk_font)(f - 1);
    int fh = yk_ui_text_height(ui, figure, f, in.w);
    int y = in.y + (in.h - fh - lh) / 2;
    if (y < in.y)
        y = in.y;
    yk_ui_text(ui, id, (struct yk_rect){in.x, y, in.w, fh}, figure, f, t->primary,
               YK_ALIGN_CENTER, false);
    yk_ui_set_text(ui, id, sentence);
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.label", id), (struct yk_rect){in.x, y + fh, in.w, lh}, label,
               YK_FONT_BODY, t->ink, YK_ALIGN_CENTER, false);
}

/* "YYYY-MM-DD HH:MM", Shanghai time. */
static const char *when_text(struct yk_kiosk *k, int64_t utc_s)
{
    struct yk_localtime lt;
    yk_shanghai_time(utc_s, &lt);
    return yk_ui_fmt(&k->ui, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                     lt.minute);
}

/* The sync section of the today document: is there a hub, is this kiosk enrolled and
 * online, when did it last sync, what waits to go up, what the hub refused (a button to the
 * list), and why not; with a hub, 连接服务中心 opens the setup-code pad. */
static void sync_section(struct yk_kiosk *k, const struct vstate *s, struct yk_doc *d)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct yk_sync_status *st = &s->sync;
    yk_doc_title(d, "vol.sync.title", tr(k, "vol.sync.title"));
    if (!st->configured) {
        yk_doc_text(d, "vol.sync.state", tr(k, "vol.sync.none"), false);
        return;
    }
    yk_doc_field(d, "vol.sync.state", tr(k, "vol.sync.t.state"),
                 tr(k, s->setup_sent ? YK_N("vol.sync.connecting")
                       : st->stopped ? YK_N("vol.sync.stopped")
                       : st->online  ? YK_N("vol.sync.online")
                                     : YK_N("vol.sync.offline")));
    yk_doc_field(d, "vol.sync.enrolled", tr(k, "vol.sync.t.enrolled"),
                 tr(k, st->enrolled ? YK_N("vol.sync.enrolled") : YK_N("vol.sync.not_enrolled")));
    if (s->setup_refused) {
        const char *m = tr(k, "vol.sync.code_refused");
        int h = yk_ui_text_height(ui, m, YK_FONT_BODY, d->w);
        yk_ui_text(ui, "vol.sync.refused", (struct yk_rect){d->x, d->y, d->w, h}, m,
                   YK_FONT_BODY, t->primary, YK_ALIGN_LEFT, false);
        d->y += h + t->pad;
    }
    /* A setup code is what is needed before enrolling and once the hub refused the kiosk;
     * an enrolled kiosk that merely cannot reach its hub needs no new one. */
    if (!s->setup_sent && (!st->enrolled || st->stopped))
        yk_doc_button(d, "vol.sync.connect", tr(k, "vol.sync.connect"), true);
    yk_doc_field(d, "vol.sync.last", tr(k, "vol.sync.t.last"),
                 st->last_success_utc > 0 ? when_text(k, st->last_success_utc)
                                          : tr(k, "vol.sync.never"));
    yk_doc_field(d, "vol.sync.waiting", tr(k, "vol.sync.t.waiting"),
                 yk_ui_fmt(ui, tr(k, "vol.sync.count"), st->waiting));
    if (st->set_aside > 0) {
        /* What the hub refused: a row that opens the list. */
        const char *title = tr(k, "vol.sync.t.set_aside");
        const char *sub = yk_ui_fmt(ui, tr(k, "vol.sync.set_aside.open"), st->set_aside);
        int h = yk_page_row_height(k, title, sub, true, d->w);
        yk_page_row(k, "vol.sync.set_aside", (struct yk_rect){d->x, d->y, d->w, h}, title, sub,
                    YK_ICON_WARNING);
        d->y += h + t->pad;
    } else {
        yk_doc_field(d, "vol.sync.set_aside", tr(k, "vol.sync.t.set_aside"),
                     yk_ui_fmt(ui, tr(k, "vol.sync.count"), st->set_aside));
    }
    yk_doc_field(d, "vol.sync.error", tr(k, "vol.sync.t.error"),
                 yk_pick(k->lang, st->error_zh, st->error_en));
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
    int bw = label_w(k, tr(k, "vol.setup.ok"), YK_FONT_LARGE, false) +
             snug_w(k, tr(k, "vol.key.clear"), false) +
             snug_w(k, tr(k, "vol.setup.cancel"), false) + 3 * k->ui.theme.gap;
    int cw = yk_ui_text_width(&k->ui, "0000-0000-0000-0000", YK_FONT_LARGE) + 2 * k->ui.theme.gap;
    return bw + cw > w;
}

/* The height the pad's code box and buttons take at width w. */
static int setup_head_h(struct yk_kiosk *k, int w)
{
    return setup_split(k, w) ? 2 * code_bh(k) + k->ui.theme.gap : code_bh(k);
}

/* The setup-code pad, in place of the Today document: the code (grouped), 取消 · 清除 ·
 * 连接 (only with all 16), what it is or what went wrong, the 32 Crockford symbols and ⌫.
 * All of it scrolls as one where the area is short. */
static void build_setup(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool full = strlen(s->setup) == YK_SETUP_LEN;
    const char *msg = tr(k, s->setup_msg ? s->setup_msg : "vol.setup.how");
    int mh = yk_ui_text_height(ui, msg, YK_FONT_BODY, in.w);
    int need = setup_head_h(k, in.w) + t->gap + mh + t->gap + keypad_min_h(k, in.w, 33, 4, YK_FONT_SMALL);
    bool compact = need > in.h;
    struct yk_rect view = in;
    int y0 = yk_ui_scroll_begin(ui, "vol.setup", view);
    in.y = y0;
    if (compact)
        in.h = need;
    int bh = code_bh(k);
    bool split = setup_split(k, in.w);
    struct yk_rect box = split ? yk_cut_top(&in, bh) : (struct yk_rect){0, 0, 0, 0};
    if (split)
        yk_cut_top(&in, t->gap);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    const char *okl = tr(k, "vol.setup.ok"), *cl = tr(k, "vol.key.clear"),
               *xl = tr(k, "vol.setup.cancel");
    struct yk_button_style ok = yk_page_button_style(k, true, YK_FONT_LARGE);
    yk_ui_button(ui, "vol.setup.ok", yk_cut_right(&row, label_w(k, okl, YK_FONT_LARGE, false)),
                 okl, &ok, full);
    yk_cut_right(&row, t->gap);
    struct yk_button_style cb = yk_page_button_style(k, false, YK_FONT_BODY);
    if (split) {
        yk_ui_button(ui, "vol.setup.cancel",
                     yk_cut_left(&row, snug_w(k, xl, false)), xl, &cb, true);
        yk_cut_left(&row, t->gap);
        yk_ui_button(ui, "vol.setup.clear", yk_cut_left(&row, snug_w(k, cl, false)),
                     cl, &cb, true);
    } else {
        yk_ui_button(ui, "vol.setup.clear",
                     yk_cut_right(&row, snug_w(k, cl, false)), cl, &cb, true);
        yk_cut_right(&row, t->gap);
        yk_ui_button(ui, "vol.setup.cancel",
                     yk_cut_right(&row, snug_w(k, xl, false)), xl, &cb, true);
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
    yk_ui_text(ui, "vol.setup.code", cb_in, shown, f,
               s->setup[0] ? t->ink : t->ink_soft, YK_ALIGN_CENTER, true);
    yk_ui_set_text(ui, "vol.setup.code",
                   yk_ui_fmt(ui, tr(k, "vol.setup.typed"), (int)strlen(s->setup), YK_SETUP_LEN));
    yk_ui_text(ui, "vol.setup.msg", yk_cut_top(&in, mh), msg, YK_FONT_BODY,
               s->setup_msg ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
    yk_cut_top(&in, t->gap);
    keypad(k, "vol.setup.key", "vol.setup.keys", in, code_keys, 33, 4, YK_FONT_BODY, true);
    yk_ui_scroll_end(ui, in.y + in.h);
}

/* ---------------------------------------------------------------- the set-aside list */

static const char *reject_title(struct yk_kiosk *k, const struct yk_vol_reject *r)
{
    const char *kind = yk_vol_reject_kind_key(r->type);
    return yk_ui_fmt(&k->ui, "%s · %s", kind ? tr(k, kind) : r->type, when_text(k, r->made_utc));
}

static const char *reject_what(struct yk_kiosk *k, const struct yk_vol_reject *r)
{
    const char *w = yk_pick(k->lang, r->what_zh, r->what_en);
    return w && *w ? w : tr(k, "vol.rej.gone");
}

static const char *reject_reason(struct yk_kiosk *k, const struct yk_vol_reject *r)
{
    const char *key = yk_vol_reject_reason_key(r->reason);
    const char *why = key ? tr(k, key) : yk_ui_fmt(&k->ui, tr(k, "vol.rej.r.other"), r->reason);
    return yk_ui_fmt(&k->ui, tr(k, "vol.rej.why"), why);
}

static int reject_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct vstate *s = ctx;
    const struct yk_vol_reject *r = &s->rejects[i];
    const struct yk_theme *t = &k->ui.theme;
    int cw = w - 2 * t->pad;
    return yk_ui_text_height(&k->ui, reject_title(k, r), YK_FONT_LARGE, cw) +
           yk_ui_text_height(&k->ui, reject_what(k, r), YK_FONT_BODY, cw) +
           yk_ui_text_height(&k->ui, reject_reason(k, r), YK_FONT_BODY, cw) + 2 * t->pad +
           2 * (t->gap / 2) + t->gap;
}

static void reject_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct vstate *s = ctx;
    const struct yk_vol_reject *rj = &s->rejects[i];
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    r.h -= t->gap;
    yk_ui_fill(ui, r, t->card, t->radius);
    struct yk_rect in = yk_inset(r, t->pad);
    const char *title = reject_title(k, rj), *what = reject_what(k, rj),
               *why = reject_reason(k, rj);
    int y = in.y;
    int h = yk_ui_text_height(ui, title, YK_FONT_LARGE, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.title", i), (struct yk_rect){in.x, y, in.w, h},
               title, YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT, false);
    y += h + t->gap / 2;
    h = yk_ui_text_height(ui, what, YK_FONT_BODY, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.what", i), (struct yk_rect){in.x, y, in.w, h}, what,
               YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
    y += h + t->gap / 2;
    h = yk_ui_text_height(ui, why, YK_FONT_BODY, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.why", i), (struct yk_rect){in.x, y, in.w, h}, why,
               YK_FONT_BODY, t->primary, YK_ALIGN_LEFT, false);
}

/* The records the hub set aside, newest first, in place of the Today document: what to do
 * and 返回今日统计 on top, then one card each (kind · when, what it was, the hub's reason). */
/* The list's heading: how many (or that they cannot be read). */
static const char *rejects_head(struct yk_kiosk *k, const struct vstate *s)
{
    return s->n_rejects < 0 ? tr(k, "vol.rej.error")
                            : yk_ui_fmt(&k->ui, tr(k, "vol.rej.head"), s->n_rejects);
}

/* Where the area is short the heading and what to do are row 0 of the list, and scroll with
 * it; the records follow as rows 1..n. */
static int rejects_led_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    if (i > 0)
        return reject_row_h(k, ctx, i - 1, w);
    return yk_ui_text_height(&k->ui, rejects_head(k, ctx), YK_FONT_LARGE, w) + k->ui.theme.gap +
           yk_ui_text_height(&k->ui, tr(k, "vol.rej.todo"), YK_FONT_BODY, w);
}

static void rejects_led_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    if (i > 0) {
        reject_row(k, ctx, i - 1, r);
        return;
    }
    struct yk_ui *ui = &k->ui;
    const char *head = rejects_head(k, ctx), *todo = tr(k, "vol.rej.todo");
    int hh = yk_ui_text_height(ui, head, YK_FONT_LARGE, r.w);
    yk_ui_text(ui, "vol.rej.head", (struct yk_rect){r.x, r.y, r.w, hh}, head, YK_FONT_LARGE,
               ui->theme.ink, YK_ALIGN_LEFT, false);
    yk_ui_text(ui, "vol.rej.todo",
               (struct yk_rect){r.x, r.y + hh + ui->theme.gap, r.w, r.h - hh - ui->theme.gap}, todo,
               YK_FONT_BODY, ui->theme.ink, YK_ALIGN_LEFT, false);
}

static void build_rejects(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *bl = tr(k, "vol.rej.back");
    struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_BODY);
    bs.icon = YK_ICON_BACK;
    int bw = label_w(k, bl, YK_FONT_BODY, true);
    if (bw > in.w)
        bw = in.w;
    struct yk_rect row = yk_cut_top(&in, yk_page_button_h(k));
    yk_cut_top(&in, t->gap);
    yk_ui_button(ui, "vol.rej.back", yk_cut_left(&row, bw), bl, &bs, true);
    const char *head = rejects_head(k, s), *todo = tr(k, "vol.rej.todo");
    /* The header and what to do scroll with the list when the area is short. */
    int hh = yk_ui_text_height(ui, head, YK_FONT_LARGE, in.w);
    int th = yk_ui_text_height(ui, todo, YK_FONT_BODY, in.w);
    int first = s->n_rejects > 0 ? reject_row_h(k, s, 0, in.w - t->gap) : 0;
    if (hh + th + 2 * t->gap + first <= in.h) {
        line(k, &in, "vol.rej.head", head, YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT);
        line(k, &in, "vol.rej.todo", todo, YK_FONT_BODY, t->ink, YK_ALIGN_LEFT);
        if (s->n_rejects > 0)
            yk_rows_list(k, "vol.rejects", in, &s->reject_rows, (size_t)s->n_rejects,
                         reject_row_h, reject_row, s);
        return;
    }
    yk_rows_list(k, "vol.rejects", in, &s->reject_rows,
                 (size_t)(s->n_rejects > 0 ? s->n_rejects : 0) + 1, rejects_led_row_h,
                 rejects_led_row, s);
}

static void open_rejects(struct yk_kiosk *k, struct vstate *s)
{
    if (!s->rejects)
        s->rejects = calloc(YK_REJECTS_MAX, sizeof *s->rejects);
    s->n_rejects = s->rejects ? yk_vol_rejects_load(k->p.db, s->rejects, YK_REJECTS_MAX) : -1;
    yk_rows_free(&s->reject_rows);
    s->rejects_up = true;
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

static void build_today(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_doc d;
    if (s->setup_up) {
        build_setup(k, s, in);
        return;
    }
    if (s->rejects_up) {
        build_rejects(k, s, in);
        return;
    }
    if (!s->sum_ok) {
        in.x -= t->pad;
        in.w += 2 * t->pad;
        yk_doc_begin(&d, k, "vol.today", in, false);
        yk_doc_text(&d, "vol.today.error", tr(k, "vol.today.error"), false);
        sync_section(k, s, &d);
        yk_doc_end(&d);
        return;
    }
    /* The three totals as figures across the top, the breakdown under them. */
    const char *hours = hours_text(k, s->sum.duty.total_seconds);
    const char *fig[3] = {yk_ui_fmt(ui, "%d", s->sum.checkin_people),
                          yk_ui_fmt(ui, "%d", s->sum.walkins.total), hours};
    const char *lab[3] = {tr(k, "vol.today.t.checkins"), tr(k, "vol.today.t.walkins"),
                          tr(k, "vol.today.t.hours")};
    const char *sen[3] = {yk_ui_fmt(ui, tr(k, "vol.today.checkins"), s->sum.checkin_people),
                          yk_ui_fmt(ui, tr(k, "vol.today.walkins"), s->sum.walkins.total),
                          yk_ui_fmt(ui, tr(k, "vol.today.hours"), hours)};
    static const char *const ids[3] = {"vol.today.checkins", "vol.today.walkins",
                                       "vol.today.hours"};
    /* The tiles are the top of the document, so they scroll with it where it is short. */
    in.x -= t->pad;
    in.w += 2 * t->pad;
    yk_doc_begin(&d, k, "vol.today", in, false);
    /* Three across where each label fits its tile on one line, else one under another. */
    int cols = 3;
    for (int i = 0; i < 3; i++)
        if (yk_ui_text_width(ui, lab[i], YK_FONT_BODY) > (d.w - 2 * t->gap) / 3 - 2 * t->gap ||
            yk_ui_text_width(ui, fig[i], YK_FONT_LARGE) > (d.w - 2 * t->gap) / 3 - 2 * t->gap)
            cols = 1;
    int cw = cols == 3 ? (d.w - 2 * t->gap) / 3 : d.w;
    int tile_h = 0;
    for (int i = 0; i < 3; i++) {
        int lh = yk_ui_text_height(ui, lab[i], YK_FONT_BODY, cw - 2 * t->gap);
        enum yk_font f = YK_FONT_HUGE;
        while (f > YK_FONT_BODY && yk_ui_text_width(ui, fig[i], f) > cw - 2 * t->gap)
            f = (enum yk_font)(f - 1);
        int h = yk_ui_text_height(ui, fig[i], f, cw - 2 * t->gap) + lh + 4 * t->gap;
        if (h > tile_h)
            tile_h = h;
    }
    int rows = cols == 3 ? 1 : 3;
    struct yk_rect row = {d.x, d.y, d.w, rows * tile_h + (rows - 1) * t->gap};
    for (int i = 0; i < 3; i++)
        stat_tile(k, ids[i], yk_grid_cell(row, cols, rows, i % cols, i / cols, t->gap), fig[i],
                  lab[i], sen[i]);
    d.y += row.h + t->pad;
    if (!s->sum.event_count)
        yk_doc_text(&d, "vol.today.nocheckins", tr(k, "vol.today.nocheckins"), true);
    for (size_t i = 0; i < s->sum.event_count; i++) {
        const struct yk_event_checkins *e = &s->sum.events[i];
        yk_doc_field(&d, yk_ui_fmt(ui, "vol.today.event.%zu", i), PICK(e->title),
                     yk_ui_fmt(ui, tr(k, "vol.today.people"), e->people, e->parties));
    }
    /* Walk-ins by kind, the kinds with none left out, on one line. */
    const char *kinds = "";
    for (size_t i = 0; i < s->sum.walkins.count; i++) {
        const struct yk_walkin_count *w = &s->sum.walkins.items[i];
        if (w->count > 0)
            kinds = yk_ui_fmt(ui, "%s%s%s %d", kinds, *kinds ? " · " : "", PICK(w->name),
                              w->count);
    }
    yk_doc_field(&d, "vol.today.walkin", tr(k, "vol.today.t.walkins"), kinds);
    if (!s->sum.duty.count)
        yk_doc_text(&d, "vol.today.noduty", tr(k, "vol.duty.none"), true);
    for (size_t i = 0; i < s->sum.duty.count; i++) {
        const struct yk_duty_entry *e = &s->sum.duty.items[i];
        const char *v = hours_text(k, e->seconds);
        if (e->on_duty)
            v = yk_ui_fmt(ui, "%s · %s", v, tr(k, "vol.today.on_duty"));
        yk_doc_field(&d, yk_ui_fmt(ui, "vol.today.duty.%zu", i), PICK(e->name), v);
    }
    sync_section(k, s, &d);
    yk_doc_end(&d);
}

/* A check-in result or the "how many" question is up (as build_checkin shows them): states
 * left by 下一位/取消, 返回 or the next scan. */
static bool transient(const struct vstate *s)
{
    return s->tab == TAB_CHECKIN && (s->res.v != V_NONE || (cur_event(s) && s->ask.up));
}

/* The header says who unlocked volunteer mode: "志愿者：name", or just the name where that
 * would wrap to a second line of the header's title size and the name alone would not (a
 * narrow portrait panel in elder mode: the tabs and the lock say it is volunteer mode). */
static const char *vol_title(struct yk_kiosk *k)
{
    if (!k->volunteer_id[0])
        return tr(k, "vol.title");
    const char *full = yk_ui_fmt(&k->ui, tr(k, "vol.who"), k->volunteer_name);
    int inner = k->p.width - 2 * k->ui.theme.pad;
    if (yk_ui_text_width(&k->ui, full, YK_FONT_TITLE) > inner &&
        yk_ui_text_width(&k->ui, k->volunteer_name, YK_FONT_TITLE) <= inner)
        return k->volunteer_name;
    return full;
}

static void vol_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct vstate *s = vst(k);
    const struct yk_theme *t = &k->ui.theme;
    if (!s || !k->volunteer_id[0])
        return; /* locked: nothing of it is drawn (the next tick goes home) */
    struct yk_rect in = frame(k, yk_inset(area, t->pad), transient(s));
    switch (s->tab) {
    case TAB_CHECKIN: build_checkin(k, s, in); break;
    case TAB_WALKIN: build_walkin(k, s, in); break;
    case TAB_DUTY: build_duty(k, s, in); break;
    case TAB_TODAY: build_today(k, s, in); break;
    }
}

/* ---------------------------------------------------------------- actions */

static bool act_checkin(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strncmp(a, "event.", 6) == 0) {
        for (size_t i = 0; i < s->events.count; i++)
            if (strcmp(s->events.items[i].id, a + 6) == 0) {
                s->sel = (int)i;
                memset(&s->res, 0, sizeof s->res);
                clear_entry(s);
            }
        return true;
    }
    if (strcmp(a, "change") == 0) {
        s->sel = -1;
        s->ask.up = false;
        memset(&s->res, 0, sizeof s->res);
        clear_entry(s);
        load_events(k, s);
        return true;
    }
    if (strncmp(a, "mode.", 5) == 0) {
        s->mode = strcmp(a + 5, "code") == 0    ? CM_CODE
                  : strcmp(a + 5, "phone") == 0 ? CM_PHONE
                                                : CM_SCAN;
        s->ask.up = false;
        memset(k->ui.scroll, 0, sizeof k->ui.scroll); /* the new way in from its top */
        memset(&s->res, 0, sizeof s->res);
        clear_entry(s);
        return true;
    }
    if (strcmp(a, "result.next") == 0) {
        memset(&s->res, 0, sizeof s->res);
        clear_entry(s);
        return true;
    }
    if (strcmp(a, "ask.cancel") == 0) {
        s->ask.up = false;
        return true;
    }
    if (strncmp(a, "ask.", 4) == 0 && s->ask.up) {
        int n = atoi(a + 4);
        if (n >= 1 && n <= s->ask.remaining) {
            struct ask q = s->ask;
            admit(k, s, q.ticket_code[0] ? q.ticket_code : NULL,
                  q.signup_id[0] ? q.signup_id : NULL, n);
        }
        return true;
    }
    if (strncmp(a, "code.key.", 9) == 0) {
        size_t n = strlen(s->code);
        const char *key = a + 9;
        s->code_short = false;
        if (strcmp(key, "del") == 0) {
            if (n)
                s->code[n - 1] = 0;
        } else if (key[0] && !key[1] && n < YK_TICKET_SHORT_LEN) {
            s->code[n] = key[0];
            s->code[n + 1] = 0;
        }
        return true;
    }
    if (strcmp(a, "code.clear") == 0) {
        s->code[0] = 0;
        return true;
    }
    if (strcmp(a, "code.ok") == 0) {
        char norm[YK_TICKET_SHORT_LEN + 1];
        s->code_short = !yk_ticket_short_normalize(s->code, norm);
        if (cur_event(s) && !s->code_short)
            check_short(k, s, norm);
        return true;
    }
    if (strncmp(a, "phone.key.", 10) == 0) {
        size_t n = strlen(s->phone);
        const char *key = a + 10;
        if (strcmp(key, "del") == 0) {
            if (n)
                s->phone[n - 1] = 0;
            s->searched = false;
        } else if (strcmp(key, "clear") == 0) {
            s->phone[0] = 0;
            s->searched = false;
        } else if (key[0] >= '0' && key[0] <= '9' && !key[1]) {
            if (n >= 4) { /* a fifth digit starts again */
                s->phone[0] = 0;
                n = 0;
            }
            s->phone[n] = key[0];
            s->phone[n + 1] = 0;
            s->searched = false;
            if (n + 1 == 4 && cur_event(s)) {
                yk_signup_matches_free(&s->matches);
                yk_checkin_find_by_phone(k->p.db, cur_event(s)->id, s->phone, &s->matches);
                s->searched = true;
                memset(k->ui.scroll, 0, sizeof k->ui.scroll);
            }
        }
        return true;
    }
    if (strcmp(a, "phone.again") == 0) {
        s->phone[0] = 0;
        s->searched = false;
        yk_signup_matches_free(&s->matches);
        return true;
    }
    if (strncmp(a, "match.", 6) == 0) {
        char *end;
        unsigned long i = strtoul(a + 6, &end, 10);
        if (!*end && i < s->matches.count) {
            char id[YK_ID_LEN + 1];
            snprintf(id, sizeof id, "%s", s->matches.items[i].id);
            admit(k, s, NULL, id, 0);
            if (s->res.v != V_NONE || s->ask.up)
                clear_entry(s);
        }
        return true;
    }
    return false;
}

/* 返回 inside volunteer mode: the previous step (the question or a result → the check-in
 * entry → the event picker), another tab → check-in. It never leaves the mode (锁定 and 首页
 * do): at the event picker it stays. */
static bool vol_back(struct yk_kiosk *k, struct vstate *s)
{
    k->dirty = true;
    if (s->setup_up) {
        setup_close(s);
    } else if (s->rejects_up) {
        s->rejects_up = false;
    } else if (s->tab != TAB_CHECKIN) {
        s->tab = TAB_CHECKIN;
        s->walk_msg = s->duty_msg = NULL;
    } else if (s->ask.up) {
        s->ask.up = false;
    } else if (s->res.v != V_NONE) {
        memset(&s->res, 0, sizeof s->res);
        clear_entry(s);
    } else if (cur_event(s)) {
        s->sel = -1;
        clear_entry(s);
        load_events(k, s);
    }
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    return true;
}

static bool vol_activate(struct yk_kiosk *k, const char *id)
{
    struct vstate *s = vst(k);
    if (s && strcmp(id, "nav.back") == 0)
        return vol_back(k, s);
    if (!s || strncmp(id, "vol.", 4) != 0)
        return false;
    const char *a = id + 4;
    k->dirty = true;
    if (strcmp(a, "lock") == 0) {
        s->lock_reason = "button";
        yk_kiosk_reset(k);
        return true;
    }
    if (strncmp(a, "tab.", 4) == 0) {
        for (int i = 0; i < 4; i++)
            if (strcmp(id, tabs[i].id) == 0)
                s->tab = (enum tab)i;
        setup_close(s);
        s->rejects_up = false;
        s->walk_msg = NULL;
        s->duty_msg = NULL;
        load_tab(k, s);
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
        return true;
    }
    if (strcmp(a, "sync.connect") == 0) {
        if (s->sync.configured)
            setup_open(k, s);
        return true;
    }
    if (strncmp(a, "setup.", 6) == 0 && s->setup_up) {
        const char *key = a + 6;
        size_t n = strlen(s->setup);
        s->setup_msg = NULL;
        if (strcmp(key, "cancel") == 0) {
            setup_close(s);
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
    if (strcmp(a, "sync.set_aside") == 0) {
        open_rejects(k, s);
        return true;
    }
    if (strcmp(a, "rej.back") == 0) {
        s->rejects_up = false;
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
        return true;
    }
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
        load_walkins(k, s);
        return true;
    }
    if (strncmp(a, "walkin.", 7) == 0) {
        bool added = yk_walkin_tap(k->p.db, a + 7, NULL, utc_ms(k), NULL);
        if (added)
            yk_sync_wake();
        s->walk_msg = added ? YK_N("vol.walkin.added") : YK_N("vol.walkin.error");
        load_walkins(k, s);
        return true;
    }
    if (strcmp(a, "duty.on") == 0 || strcmp(a, "duty.off") == 0) {
        enum yk_duty_rc rc = a[6] == 'n' ? yk_duty_on(k->p.db, k->volunteer_id, utc_ms(k))
                                         : yk_duty_off(k->p.db, k->volunteer_id, utc_ms(k));
        if (rc == YK_DUTY_OK)
            yk_sync_wake();
        s->duty_msg = rc == YK_DUTY_ERROR       ? YK_N("vol.duty.error")
                      : rc == YK_DUTY_NO_CHANGE ? (a[6] == 'n' ? YK_N("vol.duty.already_on")
                                                               : YK_N("vol.duty.already_off"))
                                                : NULL;
        load_duty(k, s);
        return true;
    }
    return act_checkin(k, s, a);
}

const struct yk_screen_def yk_screen_volunteer = {
    .key = "volunteer",
    .title = vol_title,
    .enter = vol_enter,
    .leave = vol_leave,
    .build = vol_build,
    .activate = vol_activate,
    .deadline = vol_deadline,
    .tick = vol_tick,
    .input = vol_input,
    .volunteer = true,
};
