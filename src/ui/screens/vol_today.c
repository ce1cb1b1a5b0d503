/* Volunteer mode: the duty log (on/off, who is on, today's hours) and today's figures, with
 * the sync section at the end of the today document. */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"
#include "core/shtime.h"

#include <stdio.h>
#include <string.h>

void yk_vol_load_duty(struct yk_kiosk *k, struct vstate *s)
{
    yk_duty_list_free(&s->duty_now);
    yk_duty_list_free(&s->duty_hours);
    yk_duty_now(k->p.db, &s->duty_now);
    yk_duty_hours(k->p.db, utc_ms(k), utc_ms(k), &s->duty_hours);
}

void yk_vol_load_today(struct yk_kiosk *k, struct vstate *s)
{
    yk_day_summary_free(&s->sum);
    s->sum_ok = yk_volunteer_summary(k->p.db, utc_ms(k), &s->sum);
    yk_sync_status(&s->sync);
    s->sync_seen = s->sync;
    int waiting = 0, rejected = 0;
    if (yk_sync_counts(k->p.db, &waiting, &rejected)) {
        s->sync.waiting = waiting;
        s->sync.set_aside = rejected;
    }
}

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

void yk_vol_build_duty(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    bool on = on_duty(k, s);
    /* The two buttons, then a card with where this volunteer stands (state, since when, hours
     * today: what they came to this tab for), then everybody's in a document that scrolls. */
    int bh = yk_page_button_h(k);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    struct yk_button_style a = yk_page_button_style(k, !on, YK_FONT_LARGE),
                           b = yk_page_button_style(k, on, YK_FONT_LARGE);
    struct yk_rect cell = yk_grid_cell(row, 2, 1, 0, 0, t->gap);
    bool icons = yk_vol_label_w(k, tr(k, "vol.duty.on"), YK_FONT_LARGE, true) <= cell.w &&
                 yk_vol_label_w(k, tr(k, "vol.duty.off"), YK_FONT_LARGE, true) <= cell.w;
    a.icon = icons ? YK_ICON_CHECK : -1;
    b.icon = icons ? YK_ICON_CLOSE : -1;
    /* Both stay tappable (greyed words would be unreadable); the one that applies is red. */
    yk_ui_button(ui, "vol.duty.on", yk_grid_cell(row, 2, 1, 0, 0, t->gap), tr(k, "vol.duty.on"), &a,
                 true);
    yk_ui_button(ui, "vol.duty.off", yk_grid_cell(row, 2, 1, 1, 0, t->gap), tr(k, "vol.duty.off"),
                 &b, true);
    const char *st_text =
        s->duty_msg ? tr(k, s->duty_msg) : tr(k, on ? "vol.duty.is_on" : "vol.duty.is_off");
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
    while (f > YK_FONT_BODY &&
           (yk_ui_text_width(ui, figure, f) > in.w || yk_ui_line_height(ui, f) + lh > in.h))
        f = (enum yk_font)(f - 1);
    int fh = yk_ui_text_height(ui, figure, f, in.w);
    int y = in.y + (in.h - fh - lh) / 2;
    if (y < in.y)
        y = in.y;
    yk_ui_text(ui, id, (struct yk_rect){in.x, y, in.w, fh}, figure, f, t->primary, YK_ALIGN_CENTER,
               false);
    yk_ui_set_text(ui, id, sentence);
    yk_ui_text(ui, yk_ui_fmt(ui, "%s.label", id), (struct yk_rect){in.x, y + fh, in.w, lh}, label,
               YK_FONT_BODY, t->ink, YK_ALIGN_CENTER, false);
}

/* "YYYY-MM-DD HH:MM", Shanghai time. */
const char *yk_vol_when_text(struct yk_kiosk *k, int64_t utc_s)
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
        yk_ui_text(ui, "vol.sync.refused", (struct yk_rect){d->x, d->y, d->w, h}, m, YK_FONT_BODY,
                   t->primary, YK_ALIGN_LEFT, false);
        d->y += h + t->pad;
    }
    /* A setup code is what is needed before enrolling and once the hub refused the kiosk;
     * an enrolled kiosk that merely cannot reach its hub needs no new one. */
    if (!s->setup_sent && (!st->enrolled || st->stopped))
        yk_doc_button(d, "vol.sync.connect", tr(k, "vol.sync.connect"), true);
    yk_doc_field(d, "vol.sync.last", tr(k, "vol.sync.t.last"),
                 st->last_success_utc > 0 ? yk_vol_when_text(k, st->last_success_utc)
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

void yk_vol_build_today(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_doc d;
    if (s->setup_up) {
        yk_vol_build_setup(k, s, in);
        return;
    }
    if (s->rejects_up) {
        yk_vol_build_rejects(k, s, in);
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
            kinds = yk_ui_fmt(ui, "%s%s%s %d", kinds, *kinds ? " · " : "", PICK(w->name), w->count);
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

bool yk_vol_duty_activate(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strcmp(a, "duty.on") == 0 || strcmp(a, "duty.off") == 0) {
        enum yk_duty_rc rc = a[6] == 'n' ? yk_duty_on(k->p.db, k->volunteer_id, utc_ms(k))
                                         : yk_duty_off(k->p.db, k->volunteer_id, utc_ms(k));
        if (rc == YK_DUTY_OK)
            yk_sync_wake();
        s->duty_msg = rc == YK_DUTY_ERROR       ? YK_N("vol.duty.error")
                      : rc == YK_DUTY_NO_CHANGE ? (a[6] == 'n' ? YK_N("vol.duty.already_on")
                                                               : YK_N("vol.duty.already_off"))
                                                : NULL;
        yk_vol_load_duty(k, s);
        return true;
    }
    return false;
}
