/* Events: the upcoming events by date, filtered by block and by kind; and a page per event
 * (host, time, place, seats left or 已满, the sign-up button, a QR for its link).
 *
 * Widget ids
 *   events.filter.block.all | events.filter.block.<block id>   chips: which block
 *   events.filter.kind.all  | events.filter.kind.<kind name>    chips: which kind
 *                                           (kind names as in the database: consult, ...)
 *   events.filter.label.block, events.filter.label.kind          the chip groups' labels
 *   events.filter.toggle   where the chips would take over 40 % of the list's height
 *                          (every supported size today): opens and closes the filter
 *                          panel (events.filters, a scroll region); a chip tap closes it
 *   events.list            the scrolling list
 *   events.day.<YYYY-MM-DD> | events.day.now                    date headings
 *   events.item.<event id> a row (tap: the event's page); .title, .meta, .seats inside
 *   events.empty           nothing upcoming (or nothing matching the filter)
 *   event.doc              the page's scroll region
 *   event.seats            first on the page: 剩余 N 位 / 已满 / 无需报名 / 报名已截止
 *   event.time, event.place, event.deadline, event.host, event.block, event.kind,
 *   event.summary          the page's texts; a field whose content is missing is left
 *                          out with its label (".label" is the label's id)
 *   event.signup           the sign-up button: present when the event takes sign-ups,
 *                          enabled while sign-up is open; opens the sign-up screen
 *   event.qr               the event's link as a QR code (when it has one)
 *   event.photo            on a large screen (15 cm tall or more), the event's own photo
 *                          (events.photo_hash), else that of the teaching site its place
 *                          names (ui/photo.c), under the sign-up button or at the end; never
 *                          on a smaller one, where it would push the sign-up out of view
 *   event.leaf.month, .day, .weekday, .hours
 *                          a landscape page's aside with neither photo nor QR: the event's
 *                          day as a calendar leaf under the button, where it fits whole
 *   event.missing          the event is no longer in the database
 *
 * Time: the list holds the events that have not ended at the clock's now. Both screens
 * report the next moment their content changes (an event ends, a sign-up closes) through
 * the deadline hook, rounded up to the minute so that kiosk.c rebuilds then (it redraws on
 * every minute for the clock); build reloads from the database when that moment passed. */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/shtime.h"
#include "core/store.h"
#include "ui/page.h"
#include "ui/photo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

/* The kinds a visitor can filter by, in the order of the chips. */
static const enum yk_event_kind filter_kinds[] = {
    YK_EVENT_CONSULT, YK_EVENT_EXPERIENCE, YK_EVENT_CHARITY,
    YK_EVENT_SUPPORT, YK_EVENT_CEREMONY,   YK_EVENT_ISSUES,
};
#define N_FILTER_KINDS (sizeof filter_kinds / sizeof filter_kinds[0])

static const char *kind_key(enum yk_event_kind kind)
{
    switch (kind) {
    case YK_EVENT_CONSULT:
        return YK_N("event.kind.consult");
    case YK_EVENT_EXPERIENCE:
        return YK_N("event.kind.experience");
    case YK_EVENT_CHARITY:
        return YK_N("event.kind.charity");
    case YK_EVENT_SUPPORT:
        return YK_N("event.kind.support");
    case YK_EVENT_CEREMONY:
        return YK_N("event.kind.ceremony");
    case YK_EVENT_ISSUES:
        return YK_N("event.kind.issues");
    case YK_EVENT_OTHER:
    case YK_EVENT_KIND_COUNT:
        break;
    }
    return YK_N("event.kind.other");
}

/* ---------------------------------------------------------------- shared rules */

/* Sign-up closes at the deadline, or at the start when there is none. */
static long long signup_closes(const struct yk_event *e)
{
    return e->signup_deadline_utc ? e->signup_deadline_utc : e->starts_utc;
}

static bool signup_open(const struct yk_event *e, long long now)
{
    return e->capacity > 0 && !e->cancelled_utc && now < signup_closes(e) && now < e->ends_utc &&
           e->seats_left > 0;
}

/* The seats line: 活动已取消, 剩余 N 位, 已满, 无需报名, 报名已截止, 活动已结束. *open says
 * whether it invites a sign-up (drawn in the primary colour). */
static const char *seats_text(struct yk_kiosk *k, const struct yk_event *e, long long now,
                              bool *open)
{
    *open = false;
    if (e->cancelled_utc)
        return tr(k, "event.cancelled");
    if (now >= e->ends_utc)
        return tr(k, "event.ended");
    if (e->capacity <= 0)
        return tr(k, "event.no_signup");
    if (now >= signup_closes(e))
        return tr(k, "event.closed");
    if (e->seats_left <= 0)
        return tr(k, "event.full");
    *open = true;
    if (e->seats_left == 1)
        return tr(k, "event.seats_left1");
    return yk_ui_fmt(&k->ui, tr(k, "event.seats_left"), e->seats_left);
}

/* The next moment after now at which what e shows changes, or 0. */
static long long next_change(const struct yk_event *e, long long now)
{
    long long best = 0;
    long long c[3] = {e->capacity > 0 ? signup_closes(e) : 0, e->ends_utc, e->starts_utc};
    for (int i = 0; i < 3; i++)
        if (c[i] > now && (!best || c[i] < best))
            best = c[i];
    return best;
}

/* The monotonic ms of the minute boundary at or after expiry (UTC s), or -1. kiosk.c redraws
 * on each minute, so a rebuild happens then, and build reloads. */
static int64_t expiry_deadline(const struct yk_kiosk *k, long long expiry)
{
    if (expiry <= 0)
        return -1;
    int64_t at_ms = (int64_t)((expiry + 59) / 60) * 60000;
    int64_t utc_ms = yk_clock_utc_ms(k->p.clock);
    if (at_ms <= utc_ms)
        return -1; /* due now: the minute's own rebuild reloads */
    return yk_clock_mono_ms(k->p.clock) + (at_ms - utc_ms);
}

static const char *block_name(struct yk_kiosk *k, const struct yk_block_list *bl, const char *id)
{
    for (size_t i = 0; id && i < bl->count; i++)
        if (strcmp(bl->items[i].id, id) == 0)
            return PICK(bl->items[i].name);
    return NULL;
}

/* Local day number of a UTC time in Shanghai. */
static long long local_day(long long utc)
{
    long long l = utc + YK_SHANGHAI_OFFSET_S;
    return l >= 0 ? l / 86400 : (l - 86399) / 86400;
}

/* ---------------------------------------------------------------- the list */

struct item {
    bool heading;
    bool now;  /* heading: "happening now" */
    size_t ev; /* index into events (a row), or of the day's first event (a heading) */
};

struct list_state {
    struct yk_block_list blocks;
    struct yk_event_list events;
    struct item *items;
    size_t n_items;
    struct yk_rows rows;
    long long loaded_at; /* the now the list was loaded with */
    long long expiry;    /* the next moment the list changes, 0 = never */
    char block[64];      /* filter: block id, "" = all */
    int kind;            /* filter: enum yk_event_kind or YK_EVENT_KIND_ANY */
    bool collapsible;    /* the last build put the filters behind events.filter.toggle */
    bool filters_open;
};

static struct list_state *lst(struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_EVENTS];
}

static void free_events(struct list_state *s)
{
    yk_store_free_events(&s->events);
    free(s->items);
    s->items = NULL;
    s->n_items = 0;
}

/* Loads the upcoming events matching the filter at now, with a heading per day. */
static void reload(struct yk_kiosk *k, struct list_state *s)
{
    free_events(s);
    long long now = yk_kiosk_now_utc_s(k);
    s->loaded_at = now;
    s->expiry = 0;
    if (!k->p.db)
        return;
    struct yk_event_filter f = {
        .now_utc = now, .block_id = s->block[0] ? s->block : NULL, .kind = s->kind};
    int count = 0;
    if (!yk_store_count_upcoming_events(k->p.db, &f, &count) || count <= 0)
        return;
    if (!yk_store_list_upcoming_events(k->p.db, &f, 0, count, &s->events))
        return;
    size_t n = s->events.count;
    s->items = calloc(2 * n + 1, sizeof *s->items);
    if (!s->items) {
        yk_store_free_events(&s->events);
        return;
    }
    long long day = -1;
    bool in_now = false;
    for (size_t i = 0; i < n; i++) {
        const struct yk_event *e = &s->events.items[i];
        bool running = e->starts_utc <= now;
        if (running && !in_now) {
            s->items[s->n_items++] = (struct item){true, true, i};
            in_now = true;
        } else if (!running && local_day(e->starts_utc) != day) {
            day = local_day(e->starts_utc);
            s->items[s->n_items++] = (struct item){true, false, i};
        }
        s->items[s->n_items++] = (struct item){false, false, i};
        long long c = next_change(e, now);
        if (c && (!s->expiry || c < s->expiry))
            s->expiry = c;
    }
}

static void list_enter(struct yk_kiosk *k)
{
    struct list_state *s = lst(k);
    if (!s) {
        s = calloc(1, sizeof *s);
        if (!s)
            return;
        s->kind = YK_EVENT_KIND_ANY;
        if (k->p.db)
            yk_store_list_blocks(k->p.db, &s->blocks);
        k->state[YK_SCREEN_EVENTS] = s;
    }
    reload(k, s);
}

static void list_leave(struct yk_kiosk *k)
{
    struct list_state *s = lst(k);
    if (!s)
        return;
    free_events(s);
    yk_store_free_blocks(&s->blocks);
    yk_rows_free(&s->rows);
    free(s);
    k->state[YK_SCREEN_EVENTS] = NULL;
}

/* A row's lines: title, "time · kind · place", seats. */
struct row_texts {
    const char *title, *meta, *seats;
    bool open;
};

static void row_texts(struct yk_kiosk *k, struct list_state *s, const struct yk_event *e,
                      struct row_texts *rt)
{
    char span[96];
    if (local_day(e->starts_utc) == local_day(e->ends_utc)) {
        char a[16], b[16];
        yk_format_hhmm(a, sizeof a, e->starts_utc);
        yk_format_hhmm(b, sizeof b, e->ends_utc);
        snprintf(span, sizeof span, "%s–%s", a, b);
    } else {
        yk_format_when(span, sizeof span, e->starts_utc, e->ends_utc, yk_kiosk_now_utc_s(k),
                       yk_lang_code(k->lang));
    }
    const char *place = PICK(e->place);
    const char *kind = tr(k, kind_key(e->kind));
    rt->title = PICK(e->title);
    rt->meta = place && *place ? yk_ui_fmt(&k->ui, "%s · %s · %s", span, kind, place)
                               : yk_ui_fmt(&k->ui, "%s · %s", span, kind);
    rt->seats = seats_text(k, e, s->loaded_at, &rt->open);
}

/* On a wide row the seats go at the right of the title's line (one line less a row). */
static bool seats_beside_title(struct yk_kiosk *k, const struct row_texts *rt, int tw)
{
    return yk_ui_text_width(&k->ui, rt->title, YK_FONT_LARGE) + 2 * k->ui.theme.pad +
               yk_ui_text_width(&k->ui, rt->seats, YK_FONT_BODY) <=
           tw;
}

static int row_text_w(struct yk_kiosk *k, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    return w - 2 * t->pad - yk_ui_line_height(&k->ui, YK_FONT_BODY) - t->gap;
}

static const char *heading_text(struct yk_kiosk *k, struct list_state *s, const struct item *it)
{
    if (it->now)
        return tr(k, "events.now");
    char date[64];
    yk_format_day(date, sizeof date, s->events.items[it->ev].starts_utc, yk_kiosk_now_utc_s(k),
                  yk_lang_code(k->lang));
    return yk_ui_strdup(&k->ui, date);
}

static int row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct list_state *s = ctx;
    const struct item *it = &s->items[i];
    const struct yk_theme *t = &k->ui.theme;
    if (it->heading)
        return yk_ui_text_height(&k->ui, heading_text(k, s, it), YK_FONT_LARGE, w) +
               (i ? t->pad : 0);
    struct row_texts rt;
    row_texts(k, s, &s->events.items[it->ev], &rt);
    int tw = row_text_w(k, w);
    int h = yk_ui_text_height(&k->ui, rt.title, YK_FONT_LARGE, tw) +
            yk_ui_text_height(&k->ui, rt.meta, YK_FONT_SMALL, tw) + 2 * t->pad;
    if (!seats_beside_title(k, &rt, tw))
        h += yk_ui_text_height(&k->ui, rt.seats, YK_FONT_BODY, tw) + t->gap / 2;
    return h < t->touch_min ? t->touch_min : h;
}

static void row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct list_state *s = ctx;
    const struct item *it = &s->items[i];
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    if (it->heading) {
        const char *text = heading_text(k, s, it);
        const char *id;
        if (it->now) {
            id = "events.day.now";
        } else {
            struct yk_localtime lt;
            yk_shanghai_time(s->events.items[it->ev].starts_utc, &lt);
            id = yk_ui_fmt(ui, "events.day.%04d-%02d-%02d", lt.year, lt.month, lt.day);
        }
        int top = i ? t->pad : 0;
        yk_ui_text(ui, id, (struct yk_rect){r.x, r.y + top, r.w, r.h - top}, text, YK_FONT_LARGE,
                   t->primary, YK_ALIGN_LEFT, true);
        return;
    }
    const struct yk_event *e = &s->events.items[it->ev];
    struct row_texts rt;
    row_texts(k, s, e, &rt);
    const char *id = yk_ui_fmt(ui, "events.item.%s", e->id);
    struct yk_button_style st = {.bg = t->card, .fg = t->ink, .font = YK_FONT_LARGE, .icon = -1};
    yk_ui_button(ui, id, r, "", &st, true);
    int tw = row_text_w(k, r.w);
    int x = r.x + t->pad, y = r.y + t->pad;
    int th = yk_ui_text_height(ui, rt.title, YK_FONT_LARGE, tw);
    int mh = yk_ui_text_height(ui, rt.meta, YK_FONT_SMALL, tw);
    int sh = yk_ui_text_height(ui, rt.seats, YK_FONT_BODY, tw);
    struct yk_color sc = rt.open ? t->primary : t->ink_soft;
    if (seats_beside_title(k, &rt, tw)) {
        int sw = yk_ui_text_width(ui, rt.seats, YK_FONT_BODY);
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.seats", id), (struct yk_rect){x + tw - sw, y, sw, th},
                   rt.seats, YK_FONT_BODY, sc, YK_ALIGN_RIGHT, true);
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.title", id),
                   (struct yk_rect){x, y, tw - sw - 2 * t->pad, th}, rt.title, YK_FONT_LARGE,
                   t->ink, YK_ALIGN_LEFT, false);
        y += th;
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.meta", id), (struct yk_rect){x, y, tw, mh}, rt.meta,
                   YK_FONT_SMALL, t->ink_soft, YK_ALIGN_LEFT, false);
    } else {
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.title", id), (struct yk_rect){x, y, tw, th}, rt.title,
                   YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT, false);
        y += th;
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.meta", id), (struct yk_rect){x, y, tw, mh}, rt.meta,
                   YK_FONT_SMALL, t->ink_soft, YK_ALIGN_LEFT, false);
        y += mh + t->gap / 2;
        yk_ui_text(ui, yk_ui_fmt(ui, "%s.seats", id), (struct yk_rect){x, y, tw, sh}, rt.seats,
                   YK_FONT_BODY, sc, YK_ALIGN_LEFT, false);
    }
    int cw = yk_ui_line_height(ui, YK_FONT_BODY);
    yk_ui_icon_draw(ui, (struct yk_rect){r.x + r.w - t->pad - cw, r.y + (r.h - cw) / 2, cw, cw},
                    YK_ICON_CHEVRON_RIGHT, t->ink_soft);
    yk_ui_set_text(ui, id, yk_ui_fmt(ui, "%s %s %s", rt.title, rt.meta, rt.seats));
}

/* ---- filters */

static int chip_h(struct yk_kiosk *k)
{
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_line_height(&k->ui, YK_FONT_BODY) + 2 * t->gap;
    return h < t->touch_min ? t->touch_min : h;
}

/* Lays out (and when draw, builds) the two chip groups in width w from (x, y); returns
 * the height used. Chips wrap onto more lines. */
static int filters(struct yk_kiosk *k, struct list_state *s, int x, int y, int w, bool draw)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int ch = chip_h(k), y0 = y;
    for (int group = 0; group < 2; group++) {
        const char *label = tr(k, group ? "events.filter.kind" : "events.filter.block");
        int lh = yk_ui_text_height(ui, label, YK_FONT_SMALL, w);
        if (draw)
            yk_ui_text(ui, group ? "events.filter.label.kind" : "events.filter.label.block",
                       (struct yk_rect){x, y, w, lh}, label, YK_FONT_SMALL, t->ink_soft,
                       YK_ALIGN_LEFT, false);
        y += lh + t->gap / 2;
        size_t n = 1 + (group ? N_FILTER_KINDS : s->blocks.count);
        int cx = x;
        for (size_t i = 0; i < n; i++) {
            const char *text, *id;
            bool sel;
            if (group == 0) {
                text = i ? PICK(s->blocks.items[i - 1].name) : tr(k, "events.filter.all_blocks");
                id = i ? yk_ui_fmt(ui, "events.filter.block.%s", s->blocks.items[i - 1].id)
                       : "events.filter.block.all";
                sel = i ? strcmp(s->block, s->blocks.items[i - 1].id) == 0 : !s->block[0];
            } else {
                enum yk_event_kind kd = i ? filter_kinds[i - 1] : YK_EVENT_OTHER;
                text = i ? tr(k, kind_key(kd)) : tr(k, "events.filter.all_kinds");
                id = i ? yk_ui_fmt(ui, "events.filter.kind.%s", yk_event_kind_name(kd))
                       : "events.filter.kind.all";
                sel = i ? s->kind == (int)kd : s->kind == YK_EVENT_KIND_ANY;
            }
            int cw = yk_page_chip_w(k, text);
            if (cw > w)
                cw = w;
            if (cx > x && cx + cw > x + w) {
                cx = x;
                y += ch + t->gap;
            }
            if (draw)
                yk_page_chip(k, id, (struct yk_rect){cx, y, cw, ch}, text, sel);
            cx += cw + t->gap;
        }
        y += ch + (group ? 0 : t->pad);
    }
    return y - y0;
}

/* "筛选：创意家园 · 咨询服务类" for the toggle. */
static const char *filter_summary(struct yk_kiosk *k, struct list_state *s)
{
    const char *b = s->block[0] ? block_name(k, &s->blocks, s->block) : NULL;
    const char *kd = s->kind != YK_EVENT_KIND_ANY ? tr(k, kind_key(s->kind)) : NULL;
    const char *what = b && kd ? yk_ui_fmt(&k->ui, "%s · %s", b, kd)
                       : b     ? b
                       : kd    ? kd
                               : tr(k, "events.filter.everything");
    return yk_ui_fmt(&k->ui, tr(k, "events.filter.summary"), what);
}

static void list_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct list_state *s = lst(k);
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s) {
        yk_ui_text(ui, "events.empty", in, tr(k, "events.none"), YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_CENTER, true);
        return;
    }
    if (s->expiry && yk_kiosk_now_utc_s(k) >= s->expiry)
        reload(k, s); /* an event ended or a sign-up closed since the list was loaded */

    /* The chips sit above the list when they take little room, else behind a toggle. */
    int fh = filters(k, s, in.x, in.y, in.w, false);
    s->collapsible = fh > in.h * 2 / 5;
    if (s->collapsible) {
        const char *label = s->filters_open ? tr(k, "events.filter.close") : filter_summary(k, s);
        struct yk_button_style st = {.bg = s->filters_open ? t->primary : t->card,
                                     .fg = s->filters_open ? t->on_primary : t->ink,
                                     .font = YK_FONT_BODY,
                                     .icon = -1};
        int bh = yk_ui_text_height(ui, label, YK_FONT_BODY, in.w - 2 * t->gap) + 2 * t->gap;
        if (bh < chip_h(k))
            bh = chip_h(k);
        yk_ui_button(ui, "events.filter.toggle", yk_cut_top(&in, bh), label, &st, true);
        yk_cut_top(&in, t->gap);
        if (s->filters_open) {
            struct yk_rect view = in;
            view.w += t->pad - t->gap;
            int y0 = yk_ui_scroll_begin(ui, "events.filters", view);
            int h = filters(k, s, in.x, y0, in.w - t->gap, true);
            yk_ui_scroll_end(ui, y0 + h);
            return;
        }
    } else {
        s->filters_open = false;
        filters(k, s, in.x, in.y, in.w, true);
        yk_cut_top(&in, fh + t->pad);
    }
    if (!s->n_items) {
        const char *msg = s->block[0] || s->kind != YK_EVENT_KIND_ANY ? tr(k, "events.none_match")
                                                                      : tr(k, "events.none");
        int h = yk_ui_text_height(ui, msg, YK_FONT_BODY, in.w);
        yk_ui_text(ui, "events.empty", yk_cut_top(&in, h < in.h ? h : in.h), msg, YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_LEFT, false);
        return;
    }
    in.w += t->pad - t->gap; /* the scroll bar sits in the margin */
    yk_rows_list(k, "events.list", in, &s->rows, s->n_items, row_h, row_build, s);
}

/* Back to the top of the list (a new filter shows a new list). */
static void scroll_top(struct yk_kiosk *k, const char *id)
{
    uint32_t key = yk_ui_hash(id);
    for (int i = 0; i < YK_UI_MAX_SCROLL; i++)
        if (k->ui.scroll[i].key == key) {
            k->ui.scroll[i].offset = 0;
            k->ui.scroll[i].velocity = 0;
        }
}

static bool list_activate(struct yk_kiosk *k, const char *id)
{
    struct list_state *s = lst(k);
    if (strncmp(id, "events.item.", 12) == 0) {
        snprintf(k->sel_event, sizeof k->sel_event, "%s", id + 12);
        yk_kiosk_go(k, YK_SCREEN_EVENT);
        return true;
    }
    if (!s)
        return false;
    if (strcmp(id, "events.filter.toggle") == 0) {
        s->filters_open = !s->filters_open;
        scroll_top(k, "events.filters");
        k->dirty = true;
        return true;
    }
    bool changed = false;
    if (strncmp(id, "events.filter.block.", 20) == 0) {
        const char *b = id + 20;
        snprintf(s->block, sizeof s->block, "%s", strcmp(b, "all") == 0 ? "" : b);
        changed = true;
    } else if (strncmp(id, "events.filter.kind.", 19) == 0) {
        const char *kd = id + 19;
        s->kind = strcmp(kd, "all") == 0 ? YK_EVENT_KIND_ANY : (int)yk_event_kind_parse(kd);
        changed = true;
    }
    if (!changed)
        return false;
    if (s->collapsible)
        s->filters_open = false; /* one tap: the chosen events show at once */
    reload(k, s);
    scroll_top(k, "events.list");
    k->dirty = true;
    return true;
}

static int64_t list_deadline(const struct yk_kiosk *k)
{
    const struct list_state *s = k->state[YK_SCREEN_EVENTS];
    return s ? expiry_deadline(k, s->expiry) : -1;
}

const struct yk_screen_def yk_screen_events = {
    .key = "events",
    .title_key = YK_N("home.events"),
    .enter = list_enter,
    .leave = list_leave,
    .build = list_build,
    .activate = list_activate,
    .deadline = list_deadline,
};

/* ---------------------------------------------------------------- one event */

struct detail_state {
    struct yk_event ev;
    bool found;
    struct yk_photo photo; /* its own, else the teaching site's its place names, if any */
    struct yk_block_list blocks;
    long long loaded_at, expiry;
};

static struct detail_state *dst(struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_EVENT];
}

static void detail_load(struct yk_kiosk *k, struct detail_state *s)
{
    yk_store_event_clear(&s->ev);
    s->found = k->p.db && yk_store_get_event(k->p.db, k->sel_event, &s->ev) == YK_STORE_OK;
    s->loaded_at = yk_kiosk_now_utc_s(k);
    s->expiry = s->found ? next_change(&s->ev, s->loaded_at) : 0;
}

static void detail_leave(struct yk_kiosk *k)
{
    struct detail_state *s = dst(k);
    if (!s)
        return;
    yk_store_event_clear(&s->ev);
    yk_store_free_blocks(&s->blocks);
    yk_photo_clear(&s->photo);
    free(s);
    k->state[YK_SCREEN_EVENT] = NULL;
}

static void detail_enter(struct yk_kiosk *k)
{
    detail_leave(k);
    struct detail_state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    if (k->p.db)
        yk_store_list_blocks(k->p.db, &s->blocks);
    k->state[YK_SCREEN_EVENT] = s;
    detail_load(k, s);
    if (s->found)
        yk_photo_of_event(k, &s->ev, &s->photo);
}

static const char *detail_title(struct yk_kiosk *k)
{
    struct detail_state *s = dst(k);
    return s && s->found ? PICK(s->ev.title) : tr(k, "home.events");
}

/* The event's (or its site's) photo in the top left of box, its shape kept; returns the height
 * used. */
static int event_photo(struct yk_kiosk *k, struct detail_state *s, struct yk_rect box)
{
    const struct yk_photo *p = &s->photo;
    int w = box.w, h = (int)((long long)box.w * p->h / p->w);
    if (h > box.h) {
        h = box.h;
        w = (int)((long long)h * p->w / p->h);
    }
    yk_ui_image(&k->ui, "event.photo", (struct yk_rect){box.x, box.y, w, h}, p->media.hash,
                p->media.bytes, p->media.size, yk_pick(k->lang, p->name.zh, p->name.en));
    return h;
}

/* A calendar leaf of the event's day at the top of box (a landscape screen's aside with no
 * photo): the month on a band, the day large, the weekday and the hours; nothing unless it
 * fits whole. Read from across the room; the fields say the same in words. */
static void date_leaf(struct yk_kiosk *k, const struct yk_event *e, struct yk_rect box)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    char month[32], hours[32] = "";
    const char *weekday;
    int day = yk_format_leaf(month, sizeof month, &weekday, e->starts_utc, yk_kiosk_now_utc_s(k),
                             yk_lang_code(k->lang));
    struct yk_localtime a, b;
    yk_shanghai_time(e->starts_utc, &a);
    yk_shanghai_time(e->ends_utc, &b);
    bool one_day = a.year == b.year && a.month == b.month && a.day == b.day;
    if (one_day && e->ends_utc > e->starts_utc)
        snprintf(hours, sizeof hours, "%02d:%02d–%02d:%02d", a.hour, a.minute, b.hour, b.minute);
    /* Large type where there is room, a size smaller where not. */
    enum yk_font fd = YK_FONT_HUGE, fl = YK_FONT_LARGE;
    int band, big, line, h;
    for (;;) {
        line = yk_ui_line_height(ui, fl);
        band = line + t->gap;
        big = yk_ui_line_height(ui, fd) + 2 * t->gap;
        h = band + big + line * (hours[0] ? 2 : 1) + 2 * t->gap;
        if (h <= box.h || fd == YK_FONT_TITLE)
            break;
        fd = YK_FONT_TITLE;
        fl = YK_FONT_BODY;
    }
    int w = box.w < h * 3 / 2 ? box.w : h * 3 / 2;
    if (h > box.h || w < t->touch_min * 2)
        return;
    struct yk_rect card = {box.x + (box.w - w) / 2, box.y, w, h};
    yk_ui_fill(ui, card, t->card, t->radius);
    struct yk_rect top = yk_cut_top(&card, band);
    yk_ui_fill(ui, top, t->primary, t->radius);
    yk_ui_text(ui, "event.leaf.month", top, month, fl, t->on_primary, YK_ALIGN_CENTER, true);
    char num[8];
    snprintf(num, sizeof num, "%d", day);
    yk_ui_text(ui, "event.leaf.day", yk_cut_top(&card, big), num, fd, t->ink, YK_ALIGN_CENTER,
               true);
    yk_ui_text(ui, "event.leaf.weekday", yk_cut_top(&card, line), weekday, fl, t->ink_soft,
               YK_ALIGN_CENTER, true);
    if (hours[0])
        yk_ui_text(ui, "event.leaf.hours", yk_cut_top(&card, line), hours, fl, t->ink,
                   YK_ALIGN_CENTER, true);
}

static void detail_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct detail_state *s = dst(k);
    struct yk_doc d;
    if (s && s->found && s->expiry && yk_kiosk_now_utc_s(k) >= s->expiry)
        detail_load(k, s); /* a sign-up closed or the event ended: show it */
    if (!s || !s->found) {
        yk_doc_begin(&d, k, "event.doc", area, false);
        yk_doc_text(&d, "event.missing", tr(k, "section.gone"), true);
        yk_doc_end(&d);
        return;
    }
    const struct yk_event *e = &s->ev;
    const struct yk_theme *t = &k->ui.theme;
    long long now = s->loaded_at;
    bool takes_signups = e->capacity > 0 && !e->cancelled_utc; /* cancelled: no button */
    bool has_link = e->link_url && *e->link_url;
    /* Landscape: the sign-up button and the QR in a fixed column on the right. */
    yk_doc_begin(&d, k, "event.doc", area, takes_signups || has_link);
    /* First what decides whether to come: can one still sign up; then when and where. */
    bool open;
    const char *seats = seats_text(k, e, now, &open);
    int sh = yk_ui_text_height(&k->ui, seats, YK_FONT_LARGE, d.w);
    yk_ui_text(&k->ui, "event.seats", (struct yk_rect){d.x, d.y, d.w, sh}, seats, YK_FONT_LARGE,
               open ? t->primary : t->ink, YK_ALIGN_LEFT, false);
    d.y += sh + t->gap;
    if (takes_signups) /* enabled while sign-up is open */
        yk_doc_button(&d, "event.signup", tr(k, "event.signup"), signup_open(e, s->loaded_at));
    char span[128];
    yk_format_when(span, sizeof span, e->starts_utc, e->ends_utc, yk_kiosk_now_utc_s(k),
                   yk_lang_code(k->lang));
    yk_doc_field(&d, "event.time", tr(k, "event.time"), span);
    yk_doc_field(&d, "event.place", tr(k, "event.place"), PICK(e->place));
    if (open) {
        char closes_at[96];
        long long closes = signup_closes(e);
        yk_format_when(closes_at, sizeof closes_at, closes, closes, yk_kiosk_now_utc_s(k),
                       yk_lang_code(k->lang));
        yk_doc_field(&d, "event.deadline", tr(k, "event.deadline"), closes_at);
    }
    yk_doc_field(&d, "event.host", tr(k, "event.host"), PICK(e->host));
    yk_doc_field(&d, "event.block", tr(k, "event.block"), block_name(k, &s->blocks, e->block_id));
    yk_doc_field(&d, "event.kind", tr(k, "event.kind"), tr(k, kind_key(e->kind)));
    yk_doc_text(&d, "event.summary", PICK(e->summary), false);
    /* A large screen: its photo (its own, else the teaching site's where it takes place), under
     * the sign-up button in the aside, else at the end of the page (two fifths of its height). */
    bool photo = s->photo.ok && (float)d.view.h >= 150.0f * t->px_per_mm;
    if (photo && d.aside.w <= 0) {
        yk_doc_space(&d, t->gap);
        yk_doc_space(&d,
                     event_photo(k, s, (struct yk_rect){d.x, d.y, d.w, d.view.h * 2 / 5}) + t->pad);
    }
    yk_doc_qr(&d, "event.qr", e->link_url, tr(k, "qr.take_along"));
    yk_doc_end(&d);
    int room = d.aside.y + d.aside.h - d.aside_y - t->pad;
    struct yk_rect rest = {d.aside.x, d.aside_y + t->pad, d.aside.w, room};
    if (photo && d.aside.w > 0 && room >= d.aside.w / 4)
        event_photo(k, s, rest);
    else if (d.aside.w > 0 && room > 0)
        date_leaf(k, e, rest);
}

/* The sign-up flow (src/ui/screens/signup.c) takes over from here for k->sel_event. */
static void start_signup(struct yk_kiosk *k)
{
    yk_kiosk_go(k, YK_SCREEN_SIGNUP);
}

static bool detail_activate(struct yk_kiosk *k, const char *id)
{
    struct detail_state *s = dst(k);
    if (strcmp(id, "event.signup") != 0 || !s || !s->found)
        return false;
    if (signup_open(&s->ev, yk_kiosk_now_utc_s(k)))
        start_signup(k);
    return true;
}

static int64_t detail_deadline(const struct yk_kiosk *k)
{
    const struct detail_state *s = k->state[YK_SCREEN_EVENT];
    return s ? expiry_deadline(k, s->expiry) : -1;
}

const struct yk_screen_def yk_screen_event = {
    .key = "event",
    .title = detail_title,
    .enter = detail_enter,
    .leave = detail_leave,
    .build = detail_build,
    .activate = detail_activate,
    .deadline = detail_deadline,
};
