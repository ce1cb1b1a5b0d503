/* Event sign-up, step by step, with no typing of Chinese names: the mobile number on a number pad,
 * how to address the person (a surname from a grid, or none, and 先生/女士), the party
 * size, the privacy notice and consent, a summary to confirm, then the ticket. The header
 * says which step ("活动报名 第2/5步"); every step has 取消报名 and its next action at the
 * bottom, and the bar's 返回 is the previous step. Each step's choices are marked primary and
 * laid out whole in view (check-choices): a grid that does not fit pages with 更多. The
 * number is shown whole only while it is typed; after that only masked (138****5678).
 * Nothing entered outlives the screen (leave() wipes it).
 *
 * Visitors: 境外号码 (signup.phone.abroad) makes the number one from abroad ("+", country
 * code, number; ui/phone_entry.h, rules in core/phone.h), and 输入英文名 (signup.name.latin)
 * opens a keyboard for a short name in Latin letters (signup_name.c).
 *
 * Widget ids: signup.step (the question), signup.phone (the number as typed),
 * signup.phone.why, signup.error, signup.key.0 … signup.key.9, signup.key.del,
 * signup.key.clear, signup.phone.abroad, signup.title.mr, signup.title.ms, signup.title.none,
 * signup.surname.<n> (n: index in the table in signup_name.c), signup.surname.none,
 * signup.name.latin, signup.latin (the Latin name as typed), signup.kb.<A-Z>, signup.kb.space,
 * signup.kb.-, signup.kb.', signup.kb.del, signup.initials, signup.initial.<A-Z>,
 * signup.more (the grid's next page), signup.name.preview, signup.party.<n>,
 * signup.party.note, signup.notice.*, signup.summary.*, signup.result (the ticket's details),
 * signup.result.body, signup.ticket.qr, signup.ticket.code (and .label), signup.ticket.event,
 * .time, .place, .who, .party, .phone, signup.done, signup.cancel, signup.next (its label is
 * the step's action: 下一步, 同意并继续, 确认报名), signup.prev (an alias of the bar's back), and
 * while the hub is asked to confirm a sign-up (online confirmation) signup.confirming.bar (its
 * text: how far the wait has gone, "40%") and signup.confirming.body; signup.result.unreached when
 * the hub could not be asked.
 *
 * Online confirmation: a sign-up this kiosk could not confirm from its held seats (pending, or
 * the waitlist) is handed to the sync worker (yk_sync_request_confirm) and the screen shows
 * "confirming with the service centre" with a bar that fills over CONFIRM_WAIT_MS, polling
 * yk_sync_confirm_result at its tick. The sign-up is already stored: leaving meanwhile loses
 * nothing (the worker finishes, and a confirmed sign-up gets its ticket either way). */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "ui/page.h"
#include "ui/phone_entry.h"
#include "ui/screens/signup_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)
#define STEPS YK_SIGNUP_STEPS
#define CONFIRM_WAIT_MS YK_SIGNUP_CONFIRM_WAIT_MS
#define CONFIRM_POLL_MS YK_SIGNUP_CONFIRM_POLL_MS
#define st yk_signup_ui_state

struct signup_state *(yk_signup_ui_state)(struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_SIGNUP];
}

static void wipe(struct signup_state *s)
{
    yk_store_event_clear(&s->ev);
    /* The number is personal data: leave no copy in freed memory. */
    sodium_memzero(s, sizeof *s);
}

static void enter(struct yk_kiosk *k)
{
    if (k->state[YK_SCREEN_SIGNUP]) {
        wipe(k->state[YK_SCREEN_SIGNUP]);
        free(k->state[YK_SCREEN_SIGNUP]);
    }
    struct signup_state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->surname = -1;
    s->party = 1;
    if (k->p.db && yk_store_get_event(k->p.db, k->sel_event, &s->ev) == YK_STORE_OK)
        s->have_event = true;
    k->state[YK_SCREEN_SIGNUP] = s;
}

static void leave(struct yk_kiosk *k)
{
    struct signup_state *s = yk_signup_ui_state(k);
    if (!s)
        return;
    wipe(s);
    free(s);
    k->state[YK_SCREEN_SIGNUP] = NULL;
}

static const char *title(struct yk_kiosk *k)
{
    /* The step counter lives here, in the header, on every step: one place to look. The
     * event is named in the summary and on the ticket. */
    struct signup_state *s = yk_signup_ui_state(k);
    if (!s || s->step >= STEP_RESULT)
        return tr(k, s && s->reshown ? "mine.title" : "signup.title");
    return yk_ui_fmt(&k->ui, tr(k, "signup.title.step"), tr(k, "signup.title"), (int)s->step + 1,
                     STEPS);
}

/* ---------------------------------------------------------------- helpers */

/* Where the frame is compact (elder mode on the 7" panel), buttons are one text line high
 * with a small inset, never under 1.25 touch targets. */
int yk_signup_ui_action_h(struct yk_kiosk *k)
{
    if (!yk_kiosk_compact(k))
        return yk_page_button_h(k);
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_line_height(&k->ui, YK_FONT_LARGE) + t->gap / 2;
    return h < t->touch_min * 5 / 4 ? t->touch_min * 5 / 4 : h;
}

struct yk_button_style yk_signup_ui_bstyle(struct yk_kiosk *k, bool primary, enum yk_font f)
{
    struct yk_button_style b = yk_page_button_style(k, primary, f);
    b.tight = yk_kiosk_compact(k);
    return b;
}

/* The row at the bottom: 取消报名 on the left, the next action on the right, and between
 * them, where it fits, a short line (mid: what the ticket will say). The bar's 返回 is the
 * previous step. */
void yk_signup_ui_action_row(struct yk_kiosk *k, struct yk_rect *area, const char *next_label,
                             bool next_enabled, const char *mid)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect row = yk_cut_bottom(area, yk_signup_ui_action_h(k));
    yk_cut_bottom(area, t->gap);
    int ipad = yk_kiosk_compact(k) ? 2 * t->pad : 3 * t->pad;
    struct yk_button_style plain = yk_signup_ui_bstyle(k, false, YK_FONT_BODY);
    const char *c = tr(k, "signup.cancel");
    int w = yk_ui_text_width(ui, c, YK_FONT_BODY) + ipad;
    yk_ui_button(ui, "signup.cancel", yk_cut_left(&row, w), c, &plain, true);
    yk_ui_mark_primary(ui, "signup.cancel");
    yk_cut_left(&row, t->gap);
    if (next_label) {
        struct yk_button_style p = yk_signup_ui_bstyle(k, true, YK_FONT_LARGE);
        int nw = yk_ui_text_width(ui, next_label, YK_FONT_LARGE) + ipad + t->pad;
        if (nw > row.w)
            nw = row.w;
        yk_ui_button(ui, "signup.next", yk_cut_right(&row, nw), next_label, &p, next_enabled);
        yk_ui_mark_primary(ui, "signup.next");
        yk_cut_right(&row, t->gap);
    }
    if (mid && yk_ui_text_width(ui, mid, YK_FONT_BODY) <= row.w)
        yk_ui_text(ui, "signup.name.preview", row, mid, YK_FONT_BODY, t->ink_soft, YK_ALIGN_CENTER,
                   true);
    else if (mid && yk_ui_text_height(ui, mid, YK_FONT_SMALL, row.w) <= row.h)
        yk_ui_text(ui, "signup.name.preview", row, mid, YK_FONT_SMALL, t->ink_soft, YK_ALIGN_CENTER,
                   true);
}

/* The step's question at the top, in one line where it fits (a smaller font on a compact
 * frame before it wraps). Returns the rest of the area. */
struct yk_rect yk_signup_ui_heading(struct yk_kiosk *k, struct yk_rect area, const char *text)
{
    return yk_signup_ui_heading_as(k, area, "signup.step", text);
}

struct yk_rect yk_signup_ui_heading_as(struct yk_kiosk *k, struct yk_rect area, const char *id,
                                       const char *text)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = area;
    enum yk_font f = YK_FONT_LARGE;
    if (yk_kiosk_compact(k) && yk_ui_text_width(ui, text, f) > in.w)
        f = YK_FONT_BODY;
    int th = yk_ui_text_height(ui, text, f, in.w);
    yk_ui_text(ui, id, yk_cut_top(&in, th), text, f, t->ink, YK_ALIGN_LEFT, false);
    yk_cut_top(&in, t->gap);
    return in;
}

/* "1 person", "3 people" (一位, 3 位). */
const char *yk_signup_ui_party_text(struct yk_kiosk *k, int n)
{
    return yk_ui_fmt(&k->ui, tr(k, n == 1 ? "signup.party.n1" : "signup.party.n"), n);
}

void yk_signup_ui_event_fields(struct yk_kiosk *k, struct yk_doc *d, const char *prefix)
{
    struct signup_state *s = st(k);
    char when[96] = "", who[64];
    if (s->have_event)
        yk_format_when(when, sizeof when, s->ev.starts_utc, s->ev.ends_utc, yk_kiosk_now_utc_s(k),
                       yk_lang_code(k->lang));
    yk_signup_ui_addressee(k, s, who, sizeof who);
    struct yk_ui *ui = &k->ui;
    yk_doc_field(d, yk_ui_fmt(ui, "%s.event", prefix), tr(k, "signup.f.event"),
                 s->have_event ? PICK(s->ev.title) : NULL);
    yk_doc_field(d, yk_ui_fmt(ui, "%s.time", prefix), tr(k, "signup.f.time"), when);
    yk_doc_field(d, yk_ui_fmt(ui, "%s.place", prefix), tr(k, "signup.f.place"),
                 s->have_event ? PICK(s->ev.place) : NULL);
    yk_doc_field(d, yk_ui_fmt(ui, "%s.who", prefix), tr(k, "signup.f.who"), who);
}

/* ---------------------------------------------------------------- steps */

/* The number step: the shared number step (signup_phone.c) with 取消报名 and 下一步. */
static void phone_actions(struct yk_kiosk *k, struct yk_rect *left, bool typed)
{
    yk_signup_ui_action_row(k, left, tr(k, "signup.next"), typed, NULL);
}

static void build_phone(struct yk_kiosk *k, struct yk_rect area)
{
    struct signup_state *s = yk_signup_ui_state(k);
    struct yk_signup_phone_view v = {.prefix = "signup",
                                     .ask = tr(k, "signup.phone.ask"),
                                     .ask_abroad = tr(k, "signup.phone.ask_abroad"),
                                     .note_id = "signup.phone.why",
                                     .note = tr(k, "signup.phone.why"),
                                     .error = s->phone.error ? tr(k, s->phone.error) : NULL,
                                     .actions = phone_actions};
    yk_signup_ui_build_phone(k, area, &s->phone, &v);
}

static void build_party(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    yk_signup_ui_action_row(k, &area, tr(k, "signup.next"), true, NULL);
    struct yk_rect in = yk_signup_ui_heading(k, area, tr(k, "signup.party.ask"));
    int max = s->have_event && s->ev.max_party > 0 ? s->ev.max_party : 1;
    if (max > 10)
        max = 10;
    /* The numbers first, square and as large as the room allows; the note under them where
     * there is room (the numbers say the most already). */
    const char *note = yk_ui_fmt(ui, tr(k, "signup.party.note"), max);
    int want =
        yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_SMALL) + 4 * t->gap;
    /* The number of columns that gives the largest squares (all of them in view). */
    int cols = 1, rows = max, side = 0;
    for (int c = max; c >= 1; c--) {
        int r = (max + c - 1) / c;
        int sd = (in.w - (c - 1) * t->gap) / c, by_h = (in.h - (r - 1) * t->gap) / r;
        sd = sd < by_h ? sd : by_h;
        sd = sd < want ? sd : want;
        if (sd > side)
            side = sd, cols = c, rows = r;
    }
    /* The number in the largest font the square holds with its word under it. */
    enum yk_font nf = YK_FONT_HUGE;
    int inset = yk_kiosk_compact(k) ? 2 * (t->gap / 4) : 2 * t->gap;
    while (nf > YK_FONT_BODY &&
           yk_ui_line_height(ui, nf) + yk_ui_line_height(ui, YK_FONT_SMALL) + inset > side)
        nf--;
    for (int i = 0; i < max; i++) {
        struct yk_rect r = {in.x + (i % cols) * (side + t->gap),
                            in.y + (i / cols) * (side + t->gap), side, side};
        struct yk_button_style bs = yk_page_button_style(k, s->party == i + 1, nf);
        bs.sub = tr(k, i == 0 ? "signup.party.unit1" : "signup.party.unit");
        bs.icon_above = true;
        bs.icon = -1;
        bs.tight = yk_kiosk_compact(k);
        const char *id = yk_ui_fmt(ui, "signup.party.%d", i + 1);
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, "%d", i + 1), &bs, true);
        yk_ui_mark_primary(ui, id);
    }
    yk_cut_top(&in, rows * (side + t->gap));
    int nh = yk_ui_text_height(ui, note, YK_FONT_BODY, in.w);
    if (nh <= in.h)
        yk_ui_text(ui, "signup.party.note", yk_cut_top(&in, nh), note, YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_LEFT, false);
}

static void build_privacy(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    struct yk_rect rest = area;
    yk_signup_ui_action_row(k, &rest, tr(k, "signup.agree"), true, NULL);
    struct yk_rect in = yk_signup_ui_heading(k, rest, tr(k, "signup.privacy.ask"));
    struct yk_doc d;
    in.x -= ui->theme.pad;
    in.w += 2 * ui->theme.pad;
    in.y -= ui->theme.pad;
    in.h += ui->theme.pad;
    yk_doc_begin(&d, k, "signup.notice", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    yk_doc_field(&d, "signup.notice.what", tr(k, "signup.privacy.what.l"),
                 tr(k, "signup.privacy.what"));
    yk_doc_field(&d, "signup.notice.why", tr(k, "signup.privacy.why.l"),
                 tr(k, "signup.privacy.why"));
    yk_doc_field(&d, "signup.notice.keep", tr(k, "signup.privacy.keep.l"),
                 yk_ui_fmt(ui, tr(k, "signup.privacy.keep"), k->p.cfg->retention_days));
    yk_doc_field(&d, "signup.notice.who", tr(k, "signup.privacy.who.l"),
                 tr(k, "signup.privacy.who"));
    yk_doc_end(&d);
}

static void build_confirm(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    struct signup_state *s = yk_signup_ui_state(k);
    struct yk_rect rest = area;
    bool full = s->have_event && s->ev.seats_left < s->party;
    yk_signup_ui_action_row(k, &rest, tr(k, full ? "signup.confirm.waitlist" : "signup.confirm"),
                            true, NULL);
    struct yk_rect in = yk_signup_ui_heading(k, rest, tr(k, "signup.confirm.ask"));
    in.x -= ui->theme.pad;
    in.w += 2 * ui->theme.pad;
    in.y -= ui->theme.pad;
    in.h += ui->theme.pad;
    struct yk_doc d;
    yk_doc_begin(&d, k, "signup.summary", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    char masked[YK_PHONE_MASKED_LEN + 1];
    yk_phone_mask(s->phone.typed, masked);
    yk_signup_ui_event_fields(k, &d, "signup.summary");
    yk_doc_field(&d, "signup.summary.phone", tr(k, "signup.f.phone"), masked);
    yk_doc_field(&d, "signup.summary.party", tr(k, "signup.f.party"),
                 yk_signup_ui_party_text(k, s->party));
    if (full)
        yk_doc_text(&d, "signup.summary.full", tr(k, "signup.full.note"), false);
    yk_doc_end(&d);
}

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    struct signup_state *s = yk_signup_ui_state(k);
    const struct yk_theme *t = &k->ui.theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s || !s->have_event) {
        yk_ui_text(&k->ui, "signup.missing", in, tr(k, "section.gone"), YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_CENTER, true);
        return;
    }
    switch (s->step) {
    case STEP_PHONE:
        build_phone(k, in);
        break;
    case STEP_NAME:
        yk_signup_ui_build_name(k, in);
        break;
    case STEP_PARTY:
        build_party(k, in);
        break;
    case STEP_PRIVACY:
        build_privacy(k, in);
        break;
    case STEP_CONFIRM:
        build_confirm(k, in);
        break;
    case STEP_RESULT:
        yk_signup_ui_build_result(k, in);
        break;
    }
}

/* ---------------------------------------------------------------- actions */

static void submit(struct yk_kiosk *k, struct signup_state *s)
{
    struct yk_signup_request req = {
        .event_id = s->ev.id,
        .phone = s->phone.typed,
        .surname = s->surname >= 0               ? yk_signup_surnames[s->surname].name
                   : s->surname == SURNAME_LATIN ? s->latin
                                                 : NULL,
        .title = s->title,
        .party_size = s->party,
        .consent = true,
        .waitlist_ok = true, /* the confirm step said so when the event was full */
    };
    if (!k->p.keys) {
        s->result.rc = YK_SIGNUP_RC_ERROR;
    } else {
        yk_signup_submit(k->p.db, k->p.keys, &req, yk_clock_utc_ms(k->p.clock), &s->result);
    }
    yk_info("signup", "event %s: %s", s->ev.id, yk_signup_rc_name(s->result.rc));
    /* Not confirmed here (no held seat left, or the event looked full from here): while the
     * hub is reachable, ask it now. The answer is polled at the tick; the sign-up is stored
     * already. The waitlist is accepted: a pending sign-up the hub cannot seat waits in line
     * exactly as it would after the next push. */
    enum yk_signup_rc rc = s->result.rc;
    enum yk_seat seat = s->result.signup.seat;
    bool unconfirmed =
        rc == YK_SIGNUP_RC_PENDING || rc == YK_SIGNUP_RC_WAITLIST ||
        (rc == YK_SIGNUP_RC_EXISTING && (seat == YK_SEAT_PENDING || seat == YK_SEAT_WAITLIST));
    if (unconfirmed && yk_sync_request_confirm(s->result.signup.id, true)) {
        s->confirming = true;
        s->confirm_start_ms = yk_clock_mono_ms(k->p.clock);
        yk_info("signup", "sign-up %s: asking the hub to confirm it", s->result.signup.id);
    } else if (rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING ||
               rc == YK_SIGNUP_RC_WAITLIST) {
        /* A new sign-up is committed: push it up now (a no-op when no sync worker runs). */
        yk_sync_wake();
    }
    /* The seats changed (or may have): the screens showing them load them again. */
    yk_kiosk_data_changed(k);
    /* The number has done its job; from here on only the masked form is shown. */
    yk_phone_entry_clear(&s->phone);
    s->step = STEP_RESULT;
}

/* The hub's answer to an online confirmation, as the screen shows it. */
static void confirm_answered(struct yk_kiosk *k, struct signup_state *s, const char *status)
{
    const char *id = s->result.signup.id;
    int64_t now_ms = yk_clock_utc_ms(k->p.clock);
    struct yk_signup_info info;
    if (strcmp(status, "confirmed") == 0) {
        /* The kiosk signs the ticket (the worker may have done it already: then this only
         * reads it back). Shown exactly like one confirmed from the held seats. */
        int r = k->p.keys ? yk_signup_issue_ticket(k->p.db, k->p.keys, id, now_ms, &info)
                          : yk_signup_get(k->p.db, id, &info);
        if (r >= 0 && info.seat == YK_SEAT_CONFIRMED) {
            s->result.signup = info;
            s->result.rc = YK_SIGNUP_RC_CONFIRMED;
        }
    } else if (strcmp(status, "waitlist") == 0) {
        if (yk_signup_get(k->p.db, id, &info) == 1 && info.seat == YK_SEAT_WAITLIST) {
            s->result.signup = info;
            s->result.rc = YK_SIGNUP_RC_WAITLIST;
        }
    } else if (strcmp(status, "full") == 0) {
        /* No seat and no place in line (the hub stored nothing): nothing is kept here
         * either, and the screen says so. */
        if (yk_signup_cancel(k->p.db, id, now_ms) >= 0) {
            memset(&s->result.signup, 0, sizeof s->result.signup);
            s->result.rc = YK_SIGNUP_RC_FULL;
        }
    }
    yk_info("signup", "sign-up %s: the hub says %s", id, status);
}

static void tick(struct yk_kiosk *k)
{
    struct signup_state *s = yk_signup_ui_state(k);
    if (!s || !s->confirming)
        return;
    k->dirty = true; /* the bar moves */
    char status[12];
    int r = yk_sync_confirm_result(s->result.signup.id, status);
    bool timed_out = yk_clock_mono_ms(k->p.clock) - s->confirm_start_ms >= CONFIRM_WAIT_MS;
    if (r == 0 && !timed_out)
        return;
    s->confirming = false;
    if (r == 1) {
        confirm_answered(k, s, status);
    } else {
        /* Failed or too slow: the sign-up stays as stored (pending or waitlist) and goes up
         * with the next push; the worker may still get an answer, which lands in the row. */
        s->confirm_failed = true;
        yk_info("signup", "sign-up %s: no answer from the hub (%s); shown as stored",
                s->result.signup.id, r < 0 ? "failed" : "timed out");
    }
    yk_kiosk_data_changed(k);
    yk_sync_wake();
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

static int64_t deadline(const struct yk_kiosk *k)
{
    const struct signup_state *s = k->state[YK_SCREEN_SIGNUP];
    if (!s || !s->confirming)
        return -1;
    return yk_signup_ui_wait_deadline(k, s->confirm_start_ms, CONFIRM_WAIT_MS, CONFIRM_POLL_MS);
}

/* A key of the Latin keyboard ("A".."Z", "space", "-", "'", "del"): the rule is core's. */
static void latin_key(struct signup_state *s, const char *key)
{
    size_t n = strlen(s->latin);
    s->latin_error = NULL;
    if (strcmp(key, "del") == 0) {
        if (n)
            s->latin[n - 1] = '\0';
    } else {
        char c = strcmp(key, "space") == 0 ? ' ' : key[0];
        if ((key[0] && key[1] && c != ' ') || !yk_signup_latin_add(s->latin, c))
            s->latin_error =
                n >= YK_LATIN_NAME_MAX ? "signup.name.e.latin_full" : "signup.name.e.latin_sep";
    }
    s->surname = s->latin[0] ? SURNAME_LATIN : SURNAME_NONE_CHOSEN;
}

/* Leaving the keyboard: the name loses a trailing separator; an empty one is no name. */
static void latin_done(struct signup_state *s)
{
    if (!s->typing_latin)
        return;
    s->typing_latin = false;
    s->latin_error = NULL;
    yk_signup_latin_trim(s->latin);
    if (s->surname == SURNAME_LATIN && !s->latin[0])
        s->surname = SURNAME_NONE_CHOSEN;
}

static bool activate(struct yk_kiosk *k, const char *id)
{
    struct signup_state *s = yk_signup_ui_state(k);
    if (s && strcmp(id, "nav.back") == 0) {
        /* The bar's back is the previous step, until the first step or the result. */
        if (s->step == STEP_PHONE || s->step == STEP_RESULT)
            return false;
        id = "signup.prev";
    }
    if (!s || strncmp(id, "signup.", 7) != 0)
        return false;
    const char *a = id + 7;
    k->dirty = true;
    enum yk_signup_step before = s->step;
    bool picking = s->picking_initial, latin = s->typing_latin;
    int initial = s->initial;
    if (strcmp(a, "done") == 0 && s->reshown) {
        yk_kiosk_activate(k, "nav.back"); /* back to 我的报名; leave() frees s */
        return true;
    }
    if (strcmp(a, "cancel") == 0 || strcmp(a, "done") == 0) {
        yk_kiosk_go(k, YK_SCREEN_HOME);
        return true; /* leave() has freed s: touch nothing more */
    } else if (strcmp(a, "prev") == 0) {
        if (s->step == STEP_NAME && s->typing_latin) {
            latin_done(s);
        } else if (s->step == STEP_NAME && (s->picking_initial || s->initial)) {
            s->picking_initial = false;
            s->initial = 0;
            s->page = 0;
        } else if (s->step > STEP_PHONE && s->step < STEP_RESULT) {
            s->step--;
        }
    } else if (strncmp(a, "key.", 4) == 0) {
        yk_phone_entry_key(&s->phone, a + 4);
    } else if (strcmp(a, "phone.abroad") == 0) {
        yk_phone_entry_key(&s->phone, "abroad");
    } else if (strcmp(a, "next") == 0 || strcmp(a, "agree") == 0 || strcmp(a, "confirm") == 0) {
        switch (s->step) {
        case STEP_PHONE:
            if (yk_phone_entry_done(&s->phone))
                s->step = STEP_NAME;
            break;
        case STEP_NAME:
            latin_done(s);
            s->step = STEP_PARTY;
            break;
        case STEP_PARTY:
            s->step = STEP_PRIVACY;
            break;
        case STEP_PRIVACY:
            s->step = STEP_CONFIRM;
            break;
        case STEP_CONFIRM:
            submit(k, s);
            break;
        case STEP_RESULT:
            break;
        }
    } else if (strncmp(a, "title.", 6) == 0) {
        s->title = strcmp(a + 6, "mr") == 0   ? YK_TITLE_MR
                   : strcmp(a + 6, "ms") == 0 ? YK_TITLE_MS
                                              : YK_TITLE_NONE;
    } else if (strcmp(a, "surname.none") == 0) {
        s->surname = SURNAME_NO;
    } else if (strcmp(a, "name.latin") == 0) {
        s->typing_latin = true;
        s->latin_error = NULL;
        if (s->latin[0])
            s->surname = SURNAME_LATIN;
    } else if (strncmp(a, "kb.", 3) == 0) {
        latin_key(s, a + 3);
    } else if (strncmp(a, "surname.", 8) == 0) {
        long j = strtol(a + 8, NULL, 10);
        if (j >= 0 && (size_t)j < yk_signup_n_surnames)
            s->surname = (int)j;
    } else if (strcmp(a, "initials") == 0) {
        if (s->initial || s->picking_initial)
            s->initial = 0, s->picking_initial = false;
        else
            s->picking_initial = true;
        s->page = 0;
    } else if (strcmp(a, "more") == 0) {
        s->page++; /* the grid goes round to its first page after the last */
    } else if (strncmp(a, "initial.", 8) == 0 && a[8] >= 'A' && a[8] <= 'Z') {
        s->initial = a[8];
        s->picking_initial = false;
        s->page = 0;
    } else if (strncmp(a, "party.", 6) == 0) {
        long n = strtol(a + 6, NULL, 10);
        if (n >= 1 && n <= (s->ev.max_party > 0 ? s->ev.max_party : 1))
            s->party = (int)n;
    } else {
        return false;
    }
    /* Each step (and each surname page) starts at its top. */
    if (s->step != before || s->picking_initial != picking || s->initial != initial ||
        s->typing_latin != latin)
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    return true;
}

void yk_signup_ui_show_ticket(struct yk_kiosk *k, const struct yk_signup_info *info)
{
    snprintf(k->sel_event, sizeof k->sel_event, "%s", info->event_id);
    yk_kiosk_go(k, YK_SCREEN_SIGNUP);
    struct signup_state *s = yk_signup_ui_state(k);
    if (!s)
        return;
    s->step = STEP_RESULT;
    s->reshown = true;
    s->result.rc = YK_SIGNUP_RC_EXISTING;
    s->result.signup = *info;
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

const struct yk_screen_def yk_screen_signup = {
    .key = "signup",
    .title = title,
    .enter = enter,
    .leave = leave,
    .build = build,
    .activate = activate,
    .deadline = deadline,
    .tick = tick,
};
