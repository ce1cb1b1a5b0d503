/* 我的报名 / My sign-ups: a person types the mobile number they signed up with (the sign-up's
 * own number step, signup_phone.c: a phone's pad, 境外号码 for a number from abroad, the same
 * wording of what is wrong with a number), sees their sign-ups at this kiosk,
 * and for each one shows the ticket again (the sign-up screen's ticket: the same QR and 入场码)
 * or cancels it after a confirm step (core/signup_mine.c: the rules and the cancel; the seats
 * are free at once and every screen showing them loads them again; the hub learns it with the
 * next push, revokes the ticket and moves its waitlist).
 *
 * Sign-ups made at other kiosks come from the hub's copy (core/sync_mine.h): 查找 lists this
 * kiosk's at once and hands a look-up to the sync worker (only the number's keyed hash goes to
 * the hub), showing a bar that fills over YK_SIGNUP_CONFIRM_WAIT_MS; the hub's are merged in
 * when it answers. When the hub cannot be reached the screen says that only this kiosk's were
 * searched. One of another kiosk's is cancelled at the hub (the same wait and bar; the hub
 * frees the seats, moves its waitlist and tells the kiosk it came from); its ticket is shown
 * from the hub's copy. A number shows only its own sign-ups (masked number, surname and
 * title, event); lookups that find nothing are bounded (the guard below, across people: an
 * idle reset does not clear it; the hub bounds its own). Nothing typed outlives the screen
 * (leave() wipes it).
 *
 * Steps: the number → the list (paged with 更多: every row whole in view) → one sign-up (its
 * details, 出示入场码, 取消这个报名 or why it cannot be cancelled) → 确认取消 → (another
 * kiosk's: 正在取消 with the bar) → done. The bar's 返回 is the previous step.
 *
 * Widget ids: mine.step (the step's heading), mine.phone (the number as typed), mine.note
 * (only this kiosk's sign-ups), mine.error, mine.key.0 … mine.key.9, mine.key.clear,
 * mine.key.del, mine.phone.abroad (境外号码: a number from abroad), mine.find, mine.item.<n> (a
 * sign-up of the list), mine.more, mine.retype (another number), mine.empty, mine.empty.why, mine.d
 * (one sign-up: mine.d.event, .time, .place, .who, .party, .status, .where (another kiosk's),
 * .status.b), mine.why (why it cannot be cancelled), mine.ticket, mine.cancel, mine.keep (do
 * not cancel), mine.confirm, mine.done; the hub: mine.hub (asking, or could not be reached),
 * mine.hub.bar (the wait's "40%"), mine.cancelling.bar. */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/signup_mine.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/sync_mine.h"
#include "ui/page.h"
#include "ui/screens/signup_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

enum mine_step { M_PHONE, M_LIST, M_ITEM, M_CONFIRM, M_CANCELLING, M_DONE };

/* The hub's part of a look-up: none (no hub configured), asked, answered, or not reachable
 * (only this kiosk's sign-ups were searched). */
enum hub_state { HUB_OFF, HUB_ASKING, HUB_ANSWERED, HUB_UNREACHABLE };

#define WAIT_MS YK_SIGNUP_CONFIRM_WAIT_MS
#define POLL_MS YK_SIGNUP_CONFIRM_POLL_MS

struct mine_item {
    struct yk_signup_mine m;
    struct yk_event ev;
    bool have_event;
};

struct mine_state {
    enum mine_step step;
    struct yk_phone_entry phone; /* the number (mainland or from abroad) and what is wrong */
    const char *error;           /* catalog key of the lookup's own message (wait, error) */
    int wait_s;                  /* for mine.e.wait: how long the guard makes one wait */
    struct mine_item items[YK_SIGNUP_MINE_MAX];
    int n, sel, page;
    enum yk_mine_rc result;  /* the last cancel's answer (shown on the item when refused) */
    bool cancel_unreachable; /* another kiosk's cancel: the hub could not be asked */
    bool done_remote;        /* the cancel that is done was made at the hub */
    /* The hub's: this number's sign-ups made at other kiosks, and the request in flight. */
    enum hub_state hub;
    unsigned ask;         /* a look-up or cancel the sync worker has (0: none) */
    int64_t ask_start_ms; /* monotonic */
    struct yk_signup_mine remote[YK_SIGNUP_MINE_MAX];
    int n_remote;
};

/* Lookups that found nothing, across everyone who uses this kiosk (one kiosk per process). */
static struct yk_signup_mine_guard guard;

static struct mine_state *st(struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_MYSIGNUPS];
}

static void clear_items(struct mine_state *s)
{
    for (int i = 0; i < s->n; i++)
        yk_store_event_clear(&s->items[i].ev);
    s->n = 0;
}

/* The number's sign-ups, read again (after a cancel, a sync, back from a ticket); the one
 * selected stays selected by its id, and when it is gone an item or confirm step falls back
 * to the list. */
static bool load(struct yk_kiosk *k, struct mine_state *s)
{
    char was[YK_ID_LEN + 1] = "";
    if (s->sel < s->n)
        memcpy(was, s->items[s->sel].m.info.id, sizeof was);
    clear_items(s);
    if (!k->p.db)
        return false;
    struct yk_signup_mine m[YK_SIGNUP_MINE_MAX];
    int n =
        yk_signup_mine_list(k->p.db, s->phone.typed, yk_kiosk_now_utc_s(k), m, YK_SIGNUP_MINE_MAX);
    if (n < 0)
        return false;
    n = yk_signup_mine_merge(m, n, YK_SIGNUP_MINE_MAX, s->remote, s->n_remote);
    for (int i = 0; i < n; i++) {
        struct mine_item *it = &s->items[i];
        it->m = m[i];
        it->have_event = yk_store_get_event(k->p.db, m[i].info.event_id, &it->ev) == YK_STORE_OK;
    }
    s->n = n;
    sodium_memzero(m, sizeof m);
    int found = -1;
    for (int i = 0; i < n && was[0]; i++)
        if (strcmp(s->items[i].m.info.id, was) == 0)
            found = i;
    s->sel = found >= 0 ? found : 0;
    if (found < 0 && (s->step == M_ITEM || s->step == M_CONFIRM))
        s->step = M_LIST;
    return true;
}

static void enter(struct yk_kiosk *k)
{
    struct mine_state *s = st(k);
    if (s) {
        /* Shown again (back from a ticket) after the data changed: the list anew, the step
         * kept (an item that is gone takes the person back to the list). */
        if (s->step != M_PHONE)
            load(k, s);
        k->dirty = true;
        return;
    }
    s = calloc(1, sizeof *s);
    if (s)
        k->state[YK_SCREEN_MYSIGNUPS] = s;
}

static void leave(struct yk_kiosk *k)
{
    struct mine_state *s = st(k);
    if (!s)
        return;
    clear_items(s);
    sodium_memzero(s, sizeof *s); /* the number and whose sign-ups they were */
    free(s);
    k->state[YK_SCREEN_MYSIGNUPS] = NULL;
}

/* ---------------------------------------------------------------- pieces */

static const char *when_text(struct yk_kiosk *k, const struct mine_item *it)
{
    char when[96] = "";
    yk_format_when(when, sizeof when, it->m.starts_utc, it->m.ends_utc, yk_kiosk_now_utc_s(k),
                   yk_lang_code(k->lang));
    return yk_ui_strdup(&k->ui, when);
}

static const char *who_text(struct yk_kiosk *k, const struct yk_signup_info *in)
{
    char who[64] = "";
    yk_signup_addressee(in->surname, in->title, who, sizeof who);
    if (k->lang == YK_LANG_EN && in->title != YK_TITLE_NONE) {
        /* "Ms 王" as the English ticket says it. */
        snprintf(who, sizeof who, "%s %s",
                 tr(k, in->title == YK_TITLE_MR ? "signup.title.mr" : "signup.title.ms"),
                 in->surname);
    }
    return who[0] ? yk_ui_strdup(&k->ui, who) : NULL;
}

static const char *status_key(const struct yk_signup_info *in)
{
    switch (in->seat) {
    case YK_SEAT_CONFIRMED:
        return in->ticket_code[0] ? YK_N("mine.s.confirmed") : YK_N("mine.s.confirmed.noticket");
    case YK_SEAT_WAITLIST:
        return YK_N("mine.s.waitlist");
    case YK_SEAT_PENDING:
        return YK_N("mine.s.pending");
    case YK_SEAT_CANCELLED:
    case YK_SEAT_NONE:
        break;
    }
    return YK_N("mine.s.cancelled");
}

static const char *why_key(enum yk_mine_rc rc)
{
    switch (rc) {
    case YK_MINE_STARTED:
        return YK_N("mine.why.started");
    case YK_MINE_CHECKED_IN:
        return YK_N("mine.why.checkedin");
    case YK_MINE_EVENT_CANCELLED:
        return YK_N("mine.why.eventcancelled");
    case YK_MINE_ALREADY:
        return YK_N("mine.why.already");
    case YK_MINE_NOT_FOUND:
        return YK_N("mine.why.gone");
    case YK_MINE_ERROR:
        return YK_N("mine.why.error");
    case YK_MINE_OK:
        break;
    }
    return NULL;
}

static const char *masked(struct yk_kiosk *k, const struct mine_state *s)
{
    char m[YK_PHONE_MASKED_LEN + 1];
    yk_phone_mask(s->phone.typed, m);
    return yk_ui_strdup(&k->ui, m);
}

/* A step's heading at the top of *in (one line where it fits: a smaller font on a compact
 * frame). */
static void heading(struct yk_kiosk *k, struct yk_rect *in, const char *text)
{
    *in = yk_signup_ui_heading_as(k, *in, "mine.step", text);
}

/* The width a bottom-row button needs for its words. */
static int action_w(struct yk_kiosk *k, const char *label, bool primary)
{
    const struct yk_theme *t = &k->ui.theme;
    enum yk_font f = primary ? YK_FONT_LARGE : YK_FONT_BODY;
    return yk_ui_text_width(&k->ui, label, f) + (yk_kiosk_compact(k) ? 2 * t->pad : 3 * t->pad);
}

/* A button of the bottom row (cut from the right, or from the left when left). */
static void action(struct yk_kiosk *k, struct yk_rect *row, const char *id, const char *label,
                   bool primary, bool left)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    enum yk_font f = primary ? YK_FONT_LARGE : YK_FONT_BODY;
    int w = action_w(k, label, primary);
    if (w > row->w)
        w = row->w;
    struct yk_button_style b = yk_signup_ui_bstyle(k, primary, f);
    yk_ui_button(ui, id, left ? yk_cut_left(row, w) : yk_cut_right(row, w), label, &b, true);
    yk_ui_mark_primary(ui, id);
    if (left)
        yk_cut_left(row, t->gap);
    else
        yk_cut_right(row, t->gap);
}

static struct yk_rect bottom_row(struct yk_kiosk *k, struct yk_rect *area)
{
    struct yk_rect row = yk_cut_bottom(area, yk_signup_ui_action_h(k));
    yk_cut_bottom(area, k->ui.theme.gap);
    return row;
}

/* A document over what is left of area (the margins given back, as the sign-up does). */
static void doc_begin(struct yk_kiosk *k, struct yk_doc *d, const char *id, struct yk_rect in)
{
    const struct yk_theme *t = &k->ui.theme;
    in.x -= t->pad;
    in.w += 2 * t->pad;
    in.y -= t->pad;
    in.h += t->pad;
    yk_doc_begin(d, k, id, in, false);
    d->inline_fields = yk_kiosk_compact(k);
}

/* ---------------------------------------------------------------- steps */

static void phone_actions(struct yk_kiosk *k, struct yk_rect *left, bool typed)
{
    (void)typed; /* 查找 says what is missing rather than waiting disabled */
    struct yk_rect row = bottom_row(k, left);
    action(k, &row, "mine.find", tr(k, "mine.find"), true, false);
}

/* The number: the sign-up's own number step (境外号码 too), with 查找. */
static void build_phone(struct yk_kiosk *k, struct yk_rect area)
{
    struct mine_state *s = st(k);
    const char *error = s->error         ? yk_ui_fmt(&k->ui, tr(k, s->error), s->wait_s)
                        : s->phone.error ? tr(k, s->phone.error)
                                         : NULL;
    /* What 查找 will search: every station's sign-ups while the hub is reachable. */
    struct yk_sync_status ss;
    yk_sync_status(&ss);
    const char *note = !ss.configured ? YK_N("mine.note")
                       : ss.online    ? YK_N("mine.note.hub")
                                      : YK_N("mine.note.offline");
    struct yk_signup_phone_view v = {.prefix = "mine",
                                     .ask = tr(k, "mine.phone.ask"),
                                     .ask_abroad = tr(k, "mine.phone.ask_abroad"),
                                     .note_id = "mine.note",
                                     .note = tr(k, note),
                                     .error = error,
                                     .actions = phone_actions};
    yk_signup_ui_build_phone(k, area, &s->phone, &v);
}

/* Under the list: the hub being asked (words and the wait's bar) or not reachable (only this
 * kiosk's were searched), cut from the bottom of *area; nothing otherwise. */
static void hub_line(struct yk_kiosk *k, struct yk_rect *area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct mine_state *s = st(k);
    if (s->hub != HUB_ASKING && s->hub != HUB_UNREACHABLE)
        return;
    const char *text = tr(k, s->hub == HUB_ASKING ? "mine.hub.asking" : "mine.hub.offline");
    int th = yk_ui_text_height(ui, text, YK_FONT_SMALL, area->w);
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    struct yk_rect box = yk_cut_bottom(area, th + (s->hub == HUB_ASKING ? lh : 0));
    yk_cut_bottom(area, t->gap);
    yk_ui_text(ui, "mine.hub", yk_cut_top(&box, th), text, YK_FONT_SMALL, t->ink_soft,
               YK_ALIGN_LEFT, false);
    if (s->hub == HUB_ASKING)
        yk_signup_ui_wait_bar(k, &box, "mine.hub.bar", s->ask_start_ms, WAIT_MS, POLL_MS);
}

static const char *row_sub(struct yk_kiosk *k, const struct mine_item *it)
{
    const char *who = who_text(k, &it->m.info);
    return yk_ui_fmt(&k->ui, "%s · %s%s%s · %s%s%s", when_text(k, it), who ? who : "",
                     who ? " · " : "", yk_signup_ui_party_text(k, it->m.info.party_size),
                     tr(k, status_key(&it->m.info)), it->m.remote ? " · " : "",
                     it->m.remote ? tr(k, "mine.where.other") : "");
}

static const char *row_title(struct yk_kiosk *k, const struct mine_item *it)
{
    return it->have_event ? PICK(it->ev.title) : tr(k, "section.gone");
}

static void build_list(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct mine_state *s = st(k);
    struct yk_rect row = bottom_row(k, &area);
    if (!s->n && s->hub == HUB_ASKING) {
        action(k, &row, "mine.retype", tr(k, "mine.retype"), false, true);
        heading(k, &area, yk_ui_fmt(ui, tr(k, "mine.asking"), masked(k, s)));
        yk_signup_ui_wait_bar(k, &area, "mine.hub.bar", s->ask_start_ms, WAIT_MS, POLL_MS);
        return;
    }
    if (!s->n) {
        action(k, &row, "mine.retype", tr(k, "mine.retype"), true, false);
        bool all = s->hub == HUB_ANSWERED;
        heading(k, &area, yk_ui_fmt(ui, tr(k, all ? "mine.none.all" : "mine.none"), masked(k, s)));
        struct yk_doc d;
        doc_begin(k, &d, "mine.empty", area);
        yk_doc_text(&d, "mine.empty.why",
                    tr(k, all                         ? "mine.none.b.all"
                          : s->hub == HUB_UNREACHABLE ? "mine.none.b.offline"
                                                      : "mine.none.b"),
                    false);
        yk_doc_end(&d);
        return;
    }
    action(k, &row, "mine.retype", tr(k, "mine.retype"), false, true);
    heading(k, &area, yk_ui_fmt(ui, tr(k, "mine.found"), masked(k, s), s->n));
    hub_line(k, &area);
    /* Rows as many as fit whole; the rest on the next page (更多), never scrolled. */
    int hmax = 0;
    for (int i = 0; i < s->n; i++) {
        int h = yk_page_row_height(k, row_title(k, &s->items[i]), row_sub(k, &s->items[i]), false,
                                   area.w);
        hmax = h > hmax ? h : hmax;
    }
    int per = (area.h + t->gap) / (hmax + t->gap);
    if (per < 1)
        per = 1;
    int pages = (s->n + per - 1) / per;
    if (s->page >= pages)
        s->page = 0;
    if (pages > 1)
        action(k, &row, "mine.more", yk_ui_fmt(ui, tr(k, "mine.more"), s->page + 1, pages), true,
               false);
    for (int j = 0, i = s->page * per; j < per && i < s->n; j++, i++) {
        struct yk_rect r = yk_cut_top(&area, hmax);
        yk_cut_top(&area, t->gap);
        const char *id = yk_ui_fmt(ui, "mine.item.%d", i);
        yk_page_row(k, id, r, row_title(k, &s->items[i]), row_sub(k, &s->items[i]), -1);
        yk_ui_mark_primary(ui, id);
    }
}

/* One sign-up's details as fields of d (the event's name too unless the heading says it). */
static void item_fields(struct yk_kiosk *k, struct yk_doc *d, const struct mine_item *it,
                        bool event)
{
    const struct yk_signup_info *in = &it->m.info;
    if (event)
        yk_doc_field(d, "mine.d.event", tr(k, "signup.f.event"), row_title(k, it));
    yk_doc_field(d, "mine.d.status", tr(k, "mine.f.status"), tr(k, status_key(in)));
    if (it->m.remote) /* made at another station: cancelling it needs the hub */
        yk_doc_field(d, "mine.d.where", tr(k, "mine.f.where"), tr(k, "mine.where.other"));
    yk_doc_field(d, "mine.d.time", tr(k, "signup.f.time"), when_text(k, it));
    yk_doc_field(d, "mine.d.place", tr(k, "signup.f.place"),
                 it->have_event ? PICK(it->ev.place) : NULL);
    yk_doc_field(d, "mine.d.who", tr(k, "signup.f.who"), who_text(k, in));
    yk_doc_field(d, "mine.d.party", tr(k, "signup.f.party"),
                 yk_signup_ui_party_text(k, in->party_size));
}

static void build_item(struct yk_kiosk *k, struct yk_rect area)
{
    struct mine_state *s = st(k);
    const struct mine_item *it = &s->items[s->sel];
    const struct yk_signup_info *in = &it->m.info;
    struct yk_rect row = bottom_row(k, &area);
    bool ticket = in->seat == YK_SEAT_CONFIRMED && in->ticket_code[0];
    enum yk_mine_rc why = s->result != YK_MINE_OK ? s->result : it->m.can_cancel;
    bool may_cancel = why == YK_MINE_OK;
    const char *show = tr(k, "mine.ticket.show"), *cancel = tr(k, "mine.cancel");
    if (ticket)
        action(k, &row, "mine.ticket", show, true, false);
    /* Both on one row where they fit, else 取消 on a row of its own above. */
    if (may_cancel && ticket &&
        action_w(k, show, true) + k->ui.theme.gap + action_w(k, cancel, false) > area.w)
        row = bottom_row(k, &area);
    if (may_cancel)
        action(k, &row, "mine.cancel", cancel, false, true);
    heading(k, &area, row_title(k, it));
    struct yk_doc d;
    doc_begin(k, &d, "mine.d", area);
    if (!may_cancel)
        yk_doc_text(&d, "mine.why", tr(k, why_key(why)), false);
    else if (s->cancel_unreachable)
        yk_doc_text(&d, "mine.why", tr(k, "mine.why.offline"), false);
    item_fields(k, &d, it, false);
    const char *b = in->seat == YK_SEAT_WAITLIST  ? YK_N("signup.r.waitlist.b")
                    : in->seat == YK_SEAT_PENDING ? YK_N("signup.r.pending.b")
                    : !ticket                     ? YK_N("signup.r.confirmed.noticket.b")
                                                  : NULL;
    if (b)
        yk_doc_text(&d, "mine.d.status.b", tr(k, b), true);
    yk_doc_end(&d);
}

static void build_confirm(struct yk_kiosk *k, struct yk_rect area)
{
    struct mine_state *s = st(k);
    const struct mine_item *it = &s->items[s->sel];
    struct yk_rect row = bottom_row(k, &area);
    action(k, &row, "mine.keep", tr(k, "mine.keep"), false, true);
    action(k, &row, "mine.confirm", tr(k, "mine.confirm"), true, false);
    heading(k, &area, tr(k, "mine.confirm.ask"));
    struct yk_doc d;
    doc_begin(k, &d, "mine.d", area);
    yk_doc_text(&d, "mine.confirm.b", tr(k, "mine.confirm.b"), false);
    item_fields(k, &d, it, true);
    yk_doc_end(&d);
}

/* Another kiosk's sign-up being cancelled at the hub: what is happening and the wait's bar. */
static void build_cancelling(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    struct mine_state *s = st(k);
    heading(k, &area, tr(k, "mine.cancelling"));
    yk_signup_ui_wait_bar(k, &area, "mine.cancelling.bar", s->ask_start_ms, WAIT_MS, POLL_MS);
    yk_cut_top(&area, ui->theme.gap);
    const char *b = tr(k, "mine.cancelling.b");
    int th = yk_ui_text_height(ui, b, YK_FONT_BODY, area.w);
    yk_ui_text(ui, "mine.cancelling.body", yk_cut_top(&area, th), b, YK_FONT_BODY, ui->theme.ink,
               YK_ALIGN_LEFT, false);
}

static void build_done(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect row = bottom_row(k, &area);
    action(k, &row, "mine.done", tr(k, "signup.done"), true, false);
    /* The mark and the words: done, like the ticket's 报名成功. */
    const char *head = tr(k, "mine.cancelled");
    int lh = yk_ui_line_height(ui, YK_FONT_TITLE);
    struct yk_rect hr =
        yk_cut_top(&area, yk_ui_text_height(ui, head, YK_FONT_TITLE, area.w - lh - t->gap));
    struct yk_rect ir = yk_cut_left(&hr, lh);
    yk_ui_fill(ui, (struct yk_rect){ir.x, ir.y, lh, lh}, t->primary, lh / 2);
    yk_ui_icon_draw(ui, yk_inset((struct yk_rect){ir.x, ir.y, lh, lh}, lh / 6), YK_ICON_CHECK,
                    t->on_primary);
    yk_cut_left(&hr, t->gap);
    yk_ui_text(ui, "mine.step", hr, head, YK_FONT_TITLE, t->primary, YK_ALIGN_LEFT, false);
    yk_cut_top(&area, t->gap);
    struct yk_doc d;
    doc_begin(k, &d, "mine.result", area);
    yk_doc_text(&d, "mine.result.b",
                tr(k, st(k)->done_remote ? "mine.cancelled.b.hub" : "mine.cancelled.b"), false);
    yk_doc_end(&d);
}

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    struct mine_state *s = st(k);
    struct yk_rect in = yk_inset(area, k->ui.theme.pad);
    if (!s)
        return;
    if ((s->step == M_ITEM || s->step == M_CONFIRM) && s->sel >= s->n)
        s->step = M_LIST; /* the sign-up is gone (e.g. its event ended meanwhile) */
    switch (s->step) {
    case M_PHONE:
        build_phone(k, in);
        break;
    case M_LIST:
        build_list(k, in);
        break;
    case M_ITEM:
        build_item(k, in);
        break;
    case M_CONFIRM:
        build_confirm(k, in);
        break;
    case M_CANCELLING:
        build_cancelling(k, in);
        break;
    case M_DONE:
        build_done(k, in);
        break;
    }
}

/* ---------------------------------------------------------------- actions */

/* A lookup that found nothing (here and, where asked, at the hub) counts for the guard. */
static void count_miss(const struct mine_state *s, int64_t now_ms)
{
    if (!s->n && yk_signup_mine_guard_miss(&guard, now_ms) > 0)
        yk_info("mine", "lookups found nothing %d times in a row: the next one waits",
                guard.pin.failures);
}

static void find(struct yk_kiosk *k, struct mine_state *s)
{
    s->error = NULL;
    if (!yk_phone_entry_done(&s->phone))
        return;
    int64_t now = yk_clock_utc_ms(k->p.clock);
    int64_t wait = yk_signup_mine_guard_wait(&guard, now);
    if (wait > 0) {
        s->wait_s = (int)((wait + 999) / 1000);
        s->error = YK_N("mine.e.wait");
        if (s->wait_s >= 120) {
            s->wait_s = (s->wait_s + 59) / 60;
            s->error = YK_N("mine.e.wait.min");
        }
        yk_info("mine", "lookup refused: %d s to wait after lookups that found nothing", s->wait_s);
        return;
    }
    /* This kiosk's at once; the hub's (other kiosks') when it answers. */
    s->n_remote = 0;
    s->ask = yk_sync_request_mine(s->phone.typed, NULL);
    struct yk_sync_status ss;
    yk_sync_status(&ss);
    s->hub = s->ask ? HUB_ASKING : ss.configured ? HUB_UNREACHABLE : HUB_OFF;
    s->ask_start_ms = yk_clock_mono_ms(k->p.clock);
    if (!load(k, s)) {
        s->ask = 0;
        s->error = YK_N("mine.e.error");
        return;
    }
    if (s->hub != HUB_ASKING)
        count_miss(s, now);
    s->step = M_LIST;
    s->page = s->sel = 0;
}

static void cancel(struct yk_kiosk *k, struct mine_state *s)
{
    const char *id = s->items[s->sel].m.info.id;
    s->cancel_unreachable = false;
    s->done_remote = false;
    if (s->items[s->sel].m.remote) {
        /* Made at another kiosk: the hub cancels it (the worker asks; the tick reads). */
        s->ask = yk_sync_request_mine(s->phone.typed, id);
        s->ask_start_ms = yk_clock_mono_ms(k->p.clock);
        s->result = YK_MINE_OK;
        s->cancel_unreachable = s->ask == 0;
        s->step = s->ask ? M_CANCELLING : M_ITEM;
        yk_info("mine", "cancel of sign-up %s (another kiosk's): %s", id,
                s->ask ? "asking the hub" : "the hub cannot be reached");
        return;
    }
    s->result = yk_signup_mine_cancel(k->p.db, s->phone.typed, id, yk_clock_utc_ms(k->p.clock));
    yk_info("mine", "cancel of sign-up %s: %s", id, yk_mine_rc_name(s->result));
    if (s->result == YK_MINE_OK) {
        yk_sync_wake();           /* up to the hub within seconds where one is reachable */
        yk_kiosk_data_changed(k); /* the seats are free: screens showing them load again */
        s->step = M_DONE;
    } else {
        s->step = M_ITEM; /* says why */
    }
}

/* The hub's answer to a cancel of another kiosk's sign-up. */
static void remote_cancelled(struct yk_kiosk *k, struct mine_state *s, bool answered,
                             enum yk_mine_rc rc)
{
    const char *id = s->sel < s->n ? s->items[s->sel].m.info.id : "";
    yk_info("mine", "cancel of sign-up %s at the hub: %s", id,
            answered ? yk_mine_rc_name(rc) : "no answer");
    s->step = M_ITEM;
    if (!answered) {
        s->cancel_unreachable = true;
        return;
    }
    if (rc == YK_MINE_OK || rc == YK_MINE_ALREADY || rc == YK_MINE_NOT_FOUND) {
        /* Not the hub's any more: off the list. */
        for (int i = 0; i < s->n_remote; i++)
            if (strcmp(s->remote[i].info.id, id) == 0)
                s->remote[i--] = s->remote[--s->n_remote];
    }
    if (rc == YK_MINE_OK) {
        s->done_remote = true;
        s->step = M_DONE;
        yk_sync_wake(); /* the next pull brings the seats the hub now has */
        return;
    }
    s->result = rc; /* says why, on the item */
}

static void tick(struct yk_kiosk *k)
{
    struct mine_state *s = st(k);
    if (!s || !s->ask)
        return;
    k->dirty = true; /* the bar moves */
    struct yk_signup_mine got[YK_SIGNUP_MINE_MAX];
    int n = 0;
    enum yk_mine_rc rc = YK_MINE_ERROR;
    enum yk_sync_mine_state r = yk_sync_mine_result(s->ask, got, YK_SIGNUP_MINE_MAX, &n, &rc);
    bool timed_out = yk_clock_mono_ms(k->p.clock) - s->ask_start_ms >= WAIT_MS;
    if (r == YK_SYNC_MINE_WAITING && !timed_out)
        return;
    s->ask = 0;
    bool answered = r == YK_SYNC_MINE_ANSWERED;
    if (s->step == M_CANCELLING) {
        remote_cancelled(k, s, answered, rc);
    } else {
        s->hub = answered ? HUB_ANSWERED : HUB_UNREACHABLE;
        memcpy(s->remote, got, (size_t)n * sizeof *got);
        s->n_remote = n;
        yk_info("mine", "the hub %s", answered ? "answered the look-up" : "could not be asked");
        if (!load(k, s))
            s->error = YK_N("mine.e.error");
        count_miss(s, yk_clock_utc_ms(k->p.clock));
    }
    sodium_memzero(got, sizeof got);
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

static int64_t deadline(const struct yk_kiosk *k)
{
    const struct mine_state *s = k->state[YK_SCREEN_MYSIGNUPS];
    if (!s || !s->ask)
        return -1;
    return yk_signup_ui_wait_deadline(k, s->ask_start_ms, WAIT_MS, POLL_MS);
}

static bool activate(struct yk_kiosk *k, const char *id)
{
    struct mine_state *s = st(k);
    if (!s)
        return false;
    enum mine_step before = s->step;
    if (s->step == M_CANCELLING && strncmp(id, "mine.", 5) == 0)
        return true; /* the hub is being asked: nothing here but the wait */
    if (strcmp(id, "nav.back") == 0) {
        /* The bar's back is the previous step. */
        if (s->step == M_PHONE)
            return false;
        id = s->step == M_LIST                                 ? "mine.retype"
             : s->step == M_CONFIRM || s->step == M_CANCELLING ? "mine.keep"
             : s->step == M_DONE                               ? "mine.done"
                                                               : "mine.list";
    }
    if (strncmp(id, "mine.", 5) != 0)
        return false;
    const char *a = id + 5;
    k->dirty = true;
    if (strncmp(a, "key.", 4) == 0) {
        s->error = NULL;
        yk_phone_entry_key(&s->phone, a + 4);
    } else if (strcmp(a, "phone.abroad") == 0) {
        s->error = NULL;
        yk_phone_entry_key(&s->phone, "abroad");
    } else if (strcmp(a, "find") == 0) {
        find(k, s);
    } else if (strcmp(a, "retype") == 0) {
        yk_phone_entry_clear(&s->phone);
        clear_items(s);
        sodium_memzero(s->remote, sizeof s->remote);
        s->n_remote = 0;
        s->ask = 0;
        s->hub = HUB_OFF;
        s->error = NULL;
        s->step = M_PHONE;
    } else if (strcmp(a, "more") == 0) {
        s->page++; /* round to the first page after the last */
    } else if (strncmp(a, "item.", 5) == 0) {
        long i = strtol(a + 5, NULL, 10);
        if (i < 0 || i >= s->n)
            return true;
        s->sel = (int)i;
        s->result = YK_MINE_OK;
        s->cancel_unreachable = false;
        s->step = M_ITEM;
    } else if (strcmp(a, "list") == 0) {
        s->step = M_LIST;
    } else if (strcmp(a, "ticket") == 0 && s->step == M_ITEM) {
        yk_signup_ui_show_ticket(k, &s->items[s->sel].m.info);
        return true;
    } else if (strcmp(a, "cancel") == 0 && s->step == M_ITEM) {
        s->step = M_CONFIRM;
    } else if (strcmp(a, "keep") == 0) {
        if (s->step == M_CANCELLING)
            s->ask = 0; /* back while the hub cancels: its late answer is not awaited */
        s->step = M_ITEM;
    } else if (strcmp(a, "confirm") == 0 && s->step == M_CONFIRM) {
        cancel(k, s);
    } else if (strcmp(a, "done") == 0) {
        /* Back to what is left of the list, or home when nothing is. */
        if (!load(k, s) || !s->n) {
            yk_kiosk_go(k, YK_SCREEN_HOME);
            return true;
        }
        s->sel = 0;
        s->step = M_LIST;
    } else {
        return false;
    }
    if (s->step != before)
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    return true;
}

const struct yk_screen_def yk_screen_mysignups = {
    .key = "mine",
    .title_key = YK_N("mine.title"),
    .enter = enter,
    .leave = leave,
    .build = build,
    .activate = activate,
    .deadline = deadline,
    .tick = tick,
};
