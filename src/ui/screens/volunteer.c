/* Volunteer mode: the PIN pad behind the hidden gesture, and the mode itself (check-in at
 * events, the walk-in tally, the duty log, today's figures). Staff use it, but the same
 * layout rules apply: bilingual, elder-mode safe, 9 mm targets, nothing clipped.
 *
 * This file keeps the mode's state, the tabs and the lock (the frame), and the dispatch of
 * taps, scans and time; each tab's screens are in their own file behind vol_internal.h
 * (which says which), the PIN pad is volunteer_pin.c, the key pads are ui/keypad.c.
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
 * it: result or question → check-in entry (a pad → the scan view) → event picker, another tab
 * → check-in). Ids:
 *   vol.lock, vol.lock.hint (portrait), vol.tab.checkin, vol.tab.walkin, vol.tab.duty,
 *   vol.tab.today (a rail on the left of a landscape screen; a strip across the top where the
 *   rail would not hold them all, as in elder mode on a 7" panel; rows on top in portrait:
 *   the lock and its hint over one row of tabs where the tabs fit in one, else the tabs
 *   and the lock flowing into two rows, as on the 7" panel upright; always all in view, except
 * while a check-in result or the question is up: then none, and those fill the area until 下一位,
 * 取消, 返回 or the next scan; nor while the code or phone pad would not fit whole beside them:
 * then the pad fills the area alone, without the ways in, until 返回), vol.tabs (the scroll region
 * of the tabs, only as a last resort where not even the strip fits; no supported size does);
 * check-in: vol.events (the event list), vol.event.<event id>, vol.events.none, vol.event.title
 * (the chosen event), vol.mode.scan, vol.mode.code, vol.mode.phone, vol.change (pick another
 * event), vol.scan.icon, vol.scan.prompt, vol.scan.hint, vol.code (the short code as typed),
 * vol.code.key.<0-9 A-Z>, vol.code.key.clear, vol.code.key.del, vol.code.ok, vol.code.keys (scroll
 * region), vol.phone (the last four as typed), vol.phone.key.0 … 9, vol.phone.key.del,
 * vol.phone.key.clear, vol.phone.msg, vol.match.<n> (a sign-up found by phone), vol.matches (their
 * list beside the pad), vol.phone.again, vol.ask (how many arrive now?), vol.ask.<n>,
 * vol.ask.cancel, vol.ask.list (their scroll region, where not even the compact layout fits),
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
#include "ui/screens/vol_internal.h"

#include "core/icons.h"
#include "core/log.h"
#include "ui/keypad.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int yk_vol_label_w(struct yk_kiosk *k, const char *label, enum yk_font f, bool icon)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = yk_ui_text_width(&k->ui, label, f) + 3 * t->pad;
    if (icon)
        w += yk_ui_line_height(&k->ui, f) + t->gap;
    return w < t->touch_min ? t->touch_min : w;
}

int yk_vol_row_h(struct yk_kiosk *k, int least)
{
    const struct yk_theme *t = &k->ui.theme;
    int lh = yk_ui_line_height(&k->ui, YK_FONT_BODY);
    if (yk_kiosk_compact(k))
        return lh + t->gap / 2 > t->touch_min ? lh + t->gap / 2 : t->touch_min;
    return lh + 2 * t->gap > least ? lh + 2 * t->gap : least;
}

int yk_vol_row_space(struct yk_kiosk *k)
{
    return yk_kiosk_compact(k) ? k->ui.theme.gap : k->ui.theme.pad;
}

void yk_vol_line(struct yk_kiosk *k, struct yk_rect *area, const char *id, const char *text,
                 enum yk_font f, struct yk_color c, enum yk_align a)
{
    int h = yk_ui_text_height(&k->ui, text, f, area->w);
    yk_ui_text(&k->ui, id, yk_cut_top(area, h), text, f, c, a, false);
    yk_cut_top(area, k->ui.theme.gap);
}

void yk_vol_keypad(struct yk_kiosk *k, const char *prefix, const char *scroll_id, struct yk_rect r,
                   const char *const *keys, int n, int min_cols, enum yk_font f, bool tight)
{
    struct yk_keypad p = {.prefix = prefix,
                          .scroll_id = scroll_id,
                          .keys = keys,
                          .n = n,
                          .min_cols = min_cols,
                          .font = f,
                          .enabled = true,
                          .clear_text = tr(k, "vol.key.clear"),
                          .del_text = tr(k, "vol.key.del"),
                          .primary = true,
                          .tight = tight};
    yk_keypad_build(k, r, &p);
}

void yk_vol_load_events(struct yk_kiosk *k, struct vstate *s)
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

static void load_tab(struct yk_kiosk *k, struct vstate *s)
{
    if (!k->p.db)
        return;
    switch (s->tab) {
    case TAB_CHECKIN:
        break;
    case TAB_WALKIN:
        yk_vol_load_walkins(k, s);
        break;
    case TAB_DUTY:
        yk_vol_load_duty(k, s);
        break;
    case TAB_TODAY:
        yk_vol_load_today(k, s);
        break;
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
    yk_vol_load_events(k, s);
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

static bool status_changed(const struct yk_sync_status *a, const struct yk_sync_status *b)
{
    return a->configured != b->configured || a->enrolled != b->enrolled || a->online != b->online ||
           a->stopped != b->stopped || a->last_attempt_utc != b->last_attempt_utc ||
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
        yk_vol_handle_scan(k, s, &sc);
    yk_vol_setup_take_scans(k, s);
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
            yk_vol_load_today(k, s);
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
    if (icon && yk_vol_label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > r.w)
        icon = false; /* the words matter more than the picture */
    bs.icon = icon ? tabs[i].icon : -1;
    bs.tight = yk_kiosk_compact(k);
    yk_ui_button(&k->ui, tabs[i].id, r, tr(k, tabs[i].label), &bs, true);
}

static void lock_button(struct yk_kiosk *k, struct yk_rect r)
{
    const struct yk_theme *t = &k->ui.theme;
    struct yk_button_style bs = {.bg = t->ink,
                                 .fg = t->bg,
                                 .font = YK_FONT_BODY,
                                 .icon = YK_ICON_LOCK,
                                 .tight = yk_kiosk_compact(k)};
    yk_ui_button(&k->ui, "vol.lock", r, tr(k, "vol.lock"), &bs, true);
}

/* Width of a button in a tight row: its words (and picture) inside the button's inset with
 * a margin, never under a touch target. */
int yk_vol_snug_w(struct yk_kiosk *k, const char *label, bool icon)
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
        w[i] = yk_vol_snug_w(k, tr(k, tabs[i].label), false);
        sum += w[i];
    }
    const char *ll = tr(k, "vol.lock");
    int room = in->w - sum - 4 * t->gap;
    int lock_w = yk_vol_snug_w(k, ll, true);
    bool lock_icon = true, lock_word = true;
    if (lock_w > room) {
        lock_icon = false;
        lock_w = yk_vol_snug_w(k, ll, false);
    }
    if (lock_w > room) {
        lock_icon = true;
        lock_word = false;
        lock_w = h;
    }
    if (lock_w > room)
        return false;
    struct yk_rect row = yk_cut_top(in, h);
    yk_cut_top(in, yk_vol_row_space(k));
    struct yk_button_style bs = {.bg = t->ink,
                                 .fg = t->bg,
                                 .font = YK_FONT_BODY,
                                 .icon = lock_icon ? YK_ICON_LOCK : -1,
                                 .tight = yk_kiosk_compact(k)};
    yk_ui_button(&k->ui, "vol.lock", yk_cut_right(&row, lock_w), lock_word ? ll : "", &bs, true);
    if (!lock_word)
        yk_ui_set_text(&k->ui, "vol.lock", ll);
    yk_cut_right(&row, t->gap);
    /* What is left over goes to the tabs evenly. */
    int extra = row.w - 3 * t->gap - sum;
    bool icons = true;
    for (int i = 0; i < 4; i++)
        if (yk_vol_label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > w[i] + extra / 4)
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
 * each w[i] wide (its words) plus an even share of what the row leaves. The tabs show their
 * pictures only where every one has room; the lock its padlock where it has. */
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
        if (yk_vol_label_w(k, tr(k, tabs[j].label), YK_FONT_BODY, true) > cw[j])
            icons = false;
    i = 0;
    for (int r = 0; r < rows; r++) {
        struct yk_rect row = yk_cut_top(in, bh);
        yk_cut_top(in, r == rows - 1 ? yk_vol_row_space(k) : t->gap);
        int x = row.x;
        for (int j = 0; j < n[r]; j++, i++) {
            struct yk_rect b = {x, row.y, cw[i], row.h};
            if (i < 4) {
                tab_button(k, i, b, icons);
            } else {
                const char *ll = tr(k, "vol.lock");
                struct yk_button_style bs = {
                    .bg = t->ink,
                    .fg = t->bg,
                    .font = YK_FONT_BODY,
                    .icon = yk_vol_label_w(k, ll, YK_FONT_BODY, true) <= b.w ? YK_ICON_LOCK : -1,
                    .tight = yk_kiosk_compact(k)};
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
    int bh = yk_vol_row_h(k, t->touch_min * 5 / 4);
    /* The rail only where its words fit in a third of the width (elder mode on a portrait
     * panel leaves a wide but short area whose third is too narrow). */
    bool rail_fits = yk_vol_label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, false) <= in.w / 3;
    for (int i = 0; i < 4; i++)
        if (yk_vol_label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, false) > in.w / 3)
            rail_fits = false;
    int rbh = yk_vol_row_h(k, t->touch_min);
    if (in.w > in.h && 5 * rbh + 4 * t->gap > in.h) {
        /* Too short for a rail of four tabs and the lock (elder mode on a small landscape
         * panel): a strip across the top, every tab in view, rather than a rail that
         * scrolls and hides tabs. */
        struct yk_rect rest = in;
        if (tab_strip(k, &rest, rbh))
            return rest;
    }
    if (in.w > in.h && rail_fits) {
        int rw = yk_vol_label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true);
        for (int i = 0; i < 4; i++) {
            int w = yk_vol_label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true);
            if (w > rw)
                rw = w;
        }
        if (rw > in.w / 3)
            rw = in.w / 3;
        struct yk_rect rail = yk_cut_left(&in, rw);
        yk_cut_left(&in, t->pad);
        bool icons = true;
        for (int i = 0; i < 4; i++)
            if (yk_vol_label_w(k, tr(k, tabs[i].label), YK_FONT_BODY, true) > rw)
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
        tw[i] = yk_vol_snug_w(k, tr(k, tabs[i].label), false);
        sum += tw[i];
    }
    if (sum + 3 * t->gap <= in.w) {
        int lw = yk_vol_label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true);
        struct yk_rect top = yk_cut_top(&in, bh);
        yk_cut_top(&in, t->gap);
        lock_button(k, yk_cut_right(&top, lw));
        yk_cut_right(&top, t->gap);
        const char *hint = tr(k, "vol.lock.hint");
        if (yk_ui_text_height(ui, hint, YK_FONT_SMALL, top.w) <= top.h)
            yk_ui_text(ui, "vol.lock.hint", top, hint, YK_FONT_SMALL, t->ink_soft, YK_ALIGN_LEFT,
                       true);
        tab_rows(k, &in, bh, tw, 1, (int[]){4});
        return in;
    }
    /* Narrow portrait (the 7" panel upright, elder mode): the four tabs and the lock flow
     * into as few rows as hold them with their words (two on the 7" panel in elder mode,
     * rather than a 2×2 grid under a row for the lock). */
    int w[5];
    for (int i = 0; i < 4; i++)
        w[i] = tw[i];
    w[4] = yk_vol_snug_w(k, tr(k, "vol.lock"), false);
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
    lock_button(k, yk_cut_right(&top, yk_vol_label_w(k, tr(k, "vol.lock"), YK_FONT_BODY, true)));
    struct yk_rect grid = yk_cut_top(&in, 2 * bh + t->gap);
    for (int i = 0; i < 4; i++)
        tab_button(k, i, yk_grid_cell(grid, 2, 2, i % 2, i / 2, t->gap), true);
    yk_cut_top(&in, yk_vol_row_space(k));
    return in;
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
    /* The tabs, unless a result, the question or a pad that would not fit beside them
     * takes the whole area (the tabs are laid out first to see what they leave). */
    struct yk_rect all = yk_inset(area, t->pad);
    struct yk_ui_mark before = yk_ui_mark(&k->ui);
    struct yk_rect in = frame(k, all, transient(s));
    s->pad_full = !transient(s) && yk_vol_pad_full(k, s, in);
    if (s->pad_full) {
        yk_ui_undo(&k->ui, before);
        in = all;
    }
    switch (s->tab) {
    case TAB_CHECKIN:
        yk_vol_build_checkin(k, s, in);
        break;
    case TAB_WALKIN:
        yk_vol_build_walkin(k, s, in);
        break;
    case TAB_DUTY:
        yk_vol_build_duty(k, s, in);
        break;
    case TAB_TODAY:
        yk_vol_build_today(k, s, in);
        break;
    }
}

/* 返回 inside volunteer mode: the previous step (the question or a result → the check-in
 * entry, a pad → the scan view → the event picker), another tab → check-in. It never leaves
 * the mode (锁定 and 首页 do): at the event picker it stays. */
static bool vol_back(struct yk_kiosk *k, struct vstate *s)
{
    k->dirty = true;
    if (s->setup_up) {
        yk_vol_setup_close(s);
    } else if (s->rejects_up) {
        s->rejects_up = false;
    } else if (s->tab != TAB_CHECKIN) {
        s->tab = TAB_CHECKIN;
        s->walk_msg = s->duty_msg = NULL;
    } else if (s->ask.up) {
        s->ask.up = false;
    } else if (s->res.v != V_NONE) {
        memset(&s->res, 0, sizeof s->res);
        yk_vol_clear_entry(s);
    } else if (cur_event(s) && s->mode != CM_SCAN) {
        s->mode = CM_SCAN; /* a pad → the scan view, where the tabs and the ways in are */
        yk_vol_clear_entry(s);
    } else if (cur_event(s)) {
        s->sel = -1;
        yk_vol_clear_entry(s);
        yk_vol_load_events(k, s);
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
        yk_vol_setup_close(s);
        s->rejects_up = false;
        s->walk_msg = NULL;
        s->duty_msg = NULL;
        load_tab(k, s);
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
        return true;
    }
    return yk_vol_setup_activate(k, s, a) || yk_vol_rejects_activate(k, s, a) ||
           yk_vol_walkin_activate(k, s, a) || yk_vol_duty_activate(k, s, a) ||
           yk_vol_checkin_activate(k, s, a);
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
