/* Volunteer mode: check-in at an event — the event picker, the scanner, the ticket code on
 * the pad and the last four digits of the phone number (the result and the question are
 * vol_result.c's). */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "ui/keypad.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void who_text(struct yk_kiosk *k, const char *surname, const char *title, char *out,
                     size_t n)
{
    bool mr = strcmp(title, "先生") == 0, ms = strcmp(title, "女士") == 0;
    if (k->lang == YK_LANG_EN) {
        const char *t = mr ? "Mr" : ms ? "Ms" : "";
        snprintf(out, n, "%s%s%s", t, *t && *surname ? " " : "", surname);
    } else if (!yk_signup_addressee(surname, yk_signup_title_parse(title), out, n)) {
        out[0] = '\0';
    }
}

void yk_vol_clear_entry(struct vstate *s)
{
    s->code[0] = 0;
    s->phone[0] = 0;
    s->searched = false;
    yk_signup_matches_free(&s->matches);
}

/* Records count people of a party (ticket code or sign-up id), or, with count 0, works out
 * how many are left first: one goes straight in, more are asked about. */
void yk_vol_admit(struct yk_kiosk *k, struct vstate *s, const char *ticket_code,
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
    if (out.rc == YK_CHECKIN_OK)
        yk_kiosk_data_changed(k); /* e.g. 我的报名 may no longer cancel it: shown anew */
    char who[sizeof s->res.who];
    who_text(k, out.surname, out.title, who, sizeof who);
    if (out.rc == YK_CHECKIN_TOO_MANY && count == 0) {
        if (out.remaining == 1) {
            yk_vol_admit(k, s, ticket_code, signup_id, 1);
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
    case YK_CHECKIN_ALREADY:
        s->res.v = V_ALREADY;
        break;
    case YK_CHECKIN_TOO_MANY:
        s->res.v = V_ALREADY;
        break; /* the rest came meanwhile */
    case YK_CHECKIN_WRONG_EVENT:
        s->res.v = V_WRONG_EVENT;
        break;
    case YK_CHECKIN_CANCELLED:
        s->res.v = V_CANCELLED;
        break;
    case YK_CHECKIN_NOT_CONFIRMED:
        s->res.v = V_NOT_CONFIRMED;
        break;
    case YK_CHECKIN_NOT_FOUND:
        s->res.v = V_NOT_FOUND;
        break;
    case YK_CHECKIN_ERROR:
        s->res.v = V_ERROR;
        break;
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
    case YK_TICKET_OK:
        return V_OK;
    case YK_TICKET_BAD_FORMAT:
    case YK_TICKET_BAD_SIGNATURE:
    case YK_TICKET_UNKNOWN_KEY:
        return V_INVALID;
    case YK_TICKET_REVOKED_KEY:
        return V_REVOKED;
    case YK_TICKET_REVOKED_TICKET:
        return yk_signup_code_cancelled(k->p.db, code) ? V_CANCELLED : V_REVOKED;
    case YK_TICKET_WRONG_EVENT:
        return V_WRONG_EVENT;
    case YK_TICKET_ERROR:
        return V_ERROR;
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
    yk_vol_admit(k, s, code, NULL, 0);
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
        enum yk_ticket_rc rc =
            yk_ticket_verify_db(k->p.db, info.ticket_code, strlen(info.ticket_code), ev->id, &t);
        if (rc != YK_TICKET_OK) {
            s->res.v = ticket_verdict(k, rc, info.ticket_code);
            if (s->res.v == V_WRONG_EVENT)
                other_event(k, s, info.ticket_code);
            sodium_memzero(&info, sizeof info);
            return;
        }
    }
    yk_vol_admit(k, s, NULL, info.id, 0);
    if (s->res.v == V_WRONG_EVENT)
        other_event(k, s, info.id[0] ? info.ticket_code : "");
    sodium_memzero(&info, sizeof info);
}

void yk_vol_handle_scan(struct yk_kiosk *k, struct vstate *s, const struct yk_scan *sc)
{
    s->tab = TAB_CHECKIN;
    yk_vol_clear_entry(s);
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
    const char *sub =
        e->starts_utc <= now ? yk_ui_fmt(&k->ui, "%s · %s", tr(k, "vol.event.now"), when) : when;
    yk_page_row(k, yk_ui_fmt(&k->ui, "vol.event.%s", e->id), r, PICK(e->title), sub,
                YK_ICON_EVENTS);
}

static void build_pick_event(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    const struct yk_theme *t = &k->ui.theme;
    yk_vol_line(k, &in, "vol.events.ask", tr(k, "vol.events.ask"), YK_FONT_LARGE, t->ink,
                YK_ALIGN_LEFT);
    if (!s->events.count) {
        yk_ui_text(&k->ui, "vol.events.none", in, tr(k, "vol.events.none"), YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_CENTER, true);
        return;
    }
    yk_rows_list(k, "vol.events", in, &s->event_rows, s->events.count, event_row_h, event_row, s);
}

int yk_vol_code_bh(struct yk_kiosk *k)
{
    int bh = yk_ui_line_height(&k->ui, YK_FONT_LARGE) + 2 * k->ui.theme.gap;
    return bh < k->ui.theme.touch_min ? k->ui.theme.touch_min : bh;
}

/* The code box and 签到 share a row unless 签到 would leave the box too narrow for a code at
 * body size; then the box has a row of its own above it. (清除 is a key of the pad.) */
static bool code_split(struct yk_kiosk *k, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    int bw = yk_vol_label_w(k, tr(k, "vol.code.ok"), YK_FONT_LARGE, false) + t->gap;
    return w - bw < yk_ui_text_width(&k->ui, "0000-0000", YK_FONT_BODY) + 2 * t->gap;
}

/* The code as typed, grouped XXXX-XXXX like the ticket prints it. */
static const char *code_shown(struct yk_kiosk *k, const char *code)
{
    size_t n = strlen(code);
    if (n <= 4)
        return yk_ui_strdup(&k->ui, code);
    return yk_ui_fmt(&k->ui, "%.4s-%s", code, code + 4);
}

static void build_code(struct yk_kiosk *k, struct vstate *s, struct yk_rect in, bool tight)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    /* [the code][签到] in one row, the 32 symbols, 清除 and ⌫ under it. */
    int bh = yk_vol_code_bh(k);
    bool split = code_split(k, in.w);
    struct yk_rect box_row = split ? yk_cut_top(&in, bh) : (struct yk_rect){0, 0, 0, 0};
    if (split)
        yk_cut_top(&in, t->gap);
    struct yk_rect row = yk_cut_top(&in, bh);
    yk_cut_top(&in, t->gap);
    bool full = strlen(s->code) == YK_TICKET_SHORT_LEN;
    struct yk_button_style ok = yk_page_button_style(k, true, YK_FONT_LARGE);
    const char *okl = tr(k, "vol.code.ok");
    yk_ui_button(ui, "vol.code.ok",
                 yk_cut_right(&row, yk_vol_label_w(k, okl, YK_FONT_LARGE, false)), okl, &ok, true);
    yk_ui_mark_primary(ui, "vol.code.ok");
    yk_cut_right(&row, t->gap);
    if (split)
        row = box_row;
    yk_ui_fill(ui, row, t->card, t->radius);
    bool any = s->code[0] != 0;
    const char *shown = any ? code_shown(k, s->code) : tr(k, "vol.code.hint");
    bool said = s->code_short && !full; /* words rather than the code */
    if (said)
        shown = tr(k, "vol.code.short");
    /* A narrow box (the 7" panel upright in elder mode) says it in fewer words. */
    if ((said || !any) &&
        yk_ui_text_height(ui, shown, YK_FONT_SMALL, row.w - 2 * t->gap) > row.h - t->gap)
        shown = tr(k, said ? "vol.code.short.brief" : "vol.code.hint.brief");
    /* As large as fits on one line (the code must not wrap at its dash). */
    enum yk_font f = any ? YK_FONT_TITLE : YK_FONT_BODY;
    while (f > YK_FONT_SMALL &&
           (yk_ui_text_width(ui, shown, f) > row.w - 2 * t->gap ||
            yk_ui_text_height(ui, shown, f, row.w - 2 * t->gap) > row.h - t->gap))
        f = (enum yk_font)(f - 1);
    yk_ui_text(ui, "vol.code", yk_inset(row, t->gap / 2), shown, f, any ? t->ink : t->ink_soft,
               YK_ALIGN_CENTER, true);
    yk_vol_keypad(k, "vol.code.key", "vol.code.keys", in, yk_keypad_crockford(true), 34, 4,
                  YK_FONT_BODY, tight);
}

/* A sign-up found by the last four: "who · party" and "phone · state" (in the frame's arena). */
static void match_texts(struct yk_kiosk *k, const struct vstate *s, size_t i, const char **title,
                        const char **sub)
{
    const struct yk_signup_match *m = &s->matches.items[i];
    char who[YK_NAME_MAX + 24];
    who_text(k, m->surname, m->title, who, sizeof who);
    *title = yk_ui_fmt(&k->ui, tr(k, "vol.match.title"), who[0] ? who : "—", m->party_size);
    const char *state = m->state == YK_SIGNUP_CANCELLED   ? tr(k, "vol.match.cancelled")
                        : m->state != YK_SIGNUP_CONFIRMED ? tr(k, "vol.match.not_confirmed")
                        : m->checked_in >= m->party_size  ? tr(k, "vol.match.in")
                        : m->checked_in ? yk_ui_fmt(&k->ui, tr(k, "vol.match.part"), m->checked_in)
                                        : "";
    *sub = *state ? yk_ui_fmt(&k->ui, "%s · %s", m->phone_masked, state) : m->phone_masked;
}

static int match_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    const char *title, *sub;
    match_texts(k, ctx, i, &title, &sub);
    return yk_page_row_height(k, title, sub, false, w) + k->ui.theme.gap;
}

static void match_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    const char *title, *sub;
    match_texts(k, ctx, i, &title, &sub);
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

static void build_phone(struct yk_kiosk *k, struct vstate *s, struct yk_rect in, bool tight)
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
        yk_vol_line(k, wide ? &right : &left, "vol.phone.msg",
                    yk_ui_fmt(ui, tr(k, "vol.phone.none"), s->phone), YK_FONT_BODY, t->primary,
                    YK_ALIGN_LEFT);
        if (!wide)
            right = left;
    }
    if (list) {
        struct yk_rect *lr = wide ? &right : &left;
        /* "Pick the person", unless beside the pad it would push the first match out of view
         * (elder mode on the 7" panel: the rows with their arrows say it). */
        const char *pick = tr(k, "vol.phone.pick");
        int pick_h = yk_ui_text_height(ui, pick, YK_FONT_BODY, lr->w) + t->gap;
        if (!wide || pick_h + match_row_h(k, s, 0, lr->w) - t->gap <= lr->h)
            yk_vol_line(k, lr, "vol.phone.msg", pick, YK_FONT_BODY, t->ink, YK_ALIGN_LEFT);
        if (!wide) {
            struct yk_rect again = yk_cut_bottom(lr, bh);
            yk_cut_bottom(lr, t->gap);
            struct yk_button_style ab = yk_page_button_style(k, false, YK_FONT_BODY);
            const char *al = tr(k, "vol.phone.again");
            yk_ui_button(ui, "vol.phone.again",
                         yk_cut_left(&again, yk_vol_label_w(k, al, YK_FONT_BODY, false)), al, &ab,
                         true);
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
        /* How it works, where there is room for it (elder mode in English has less). */
        const char *how = tr(k, "vol.phone.how");
        enum yk_font howf = YK_FONT_BODY;
        if (yk_ui_text_height(ui, how, howf, right.w) > right.h)
            howf = YK_FONT_SMALL;
        if (yk_ui_text_height(ui, how, howf, right.w) <= right.h)
            yk_vol_line(k, &right, "vol.phone.how", how, howf, t->ink_soft, YK_ALIGN_LEFT);
    }
    yk_vol_keypad(k, "vol.phone.key", "vol.phone.keys", left, yk_keypad_digits, 12, -3,
                  YK_FONT_TITLE, tight);
}

/* The scan view's words: the prompt, and under it the hint (what to do without a QR code) in
 * the largest form that fits — the prompt at title size with the whole hint, then the prompt
 * a size down, then the hint in fewer words (elder mode on the 7" panel), the hint's words a
 * size down last; the scan picture only where room is left. */
struct scan_words {
    enum yk_font pf, hf;
    const char *hint; /* NULL: no room for any form of it */
    int ph, hh;       /* heights of the prompt and of the hint with its gap (0 without one) */
};

static struct scan_words scan_words(struct yk_kiosk *k, int w, int h)
{
    const struct yk_theme *t = &k->ui.theme;
    const char *p = tr(k, "vol.scan.prompt");
    static const struct {
        enum yk_font pf, hf;
        const char *key;
    } tries[] = {
        {YK_FONT_TITLE, YK_FONT_BODY, YK_N("vol.scan.hint")},
        {YK_FONT_LARGE, YK_FONT_BODY, YK_N("vol.scan.hint")},
        {YK_FONT_LARGE, YK_FONT_BODY, YK_N("vol.scan.hint.brief")},
        {YK_FONT_LARGE, YK_FONT_SMALL, YK_N("vol.scan.hint.brief")},
    };
    struct scan_words sw = {YK_FONT_LARGE, YK_FONT_BODY, NULL, 0, 0};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        const char *hs = tr(k, tries[i].key);
        int ph = yk_ui_text_height(&k->ui, p, tries[i].pf, w);
        int hh = yk_ui_text_height(&k->ui, hs, tries[i].hf, w) + t->gap;
        if (ph + hh <= h)
            return (struct scan_words){tries[i].pf, tries[i].hf, hs, ph, hh};
    }
    sw.ph = yk_ui_text_height(&k->ui, p, sw.pf, w);
    return sw;
}

static void build_scan(struct yk_kiosk *k, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct scan_words sw = scan_words(k, in.w, in.h);
    int ph = sw.ph, hh = sw.hh;
    int isz = in.h - ph - hh - t->gap;
    if (isz > t->touch_min * 3)
        isz = t->touch_min * 3;
    int y = in.y + (in.h - isz - ph - hh - t->gap) / 2;
    if (isz > t->touch_min / 2) {
        yk_ui_icon_draw(ui, (struct yk_rect){in.x + (in.w - isz) / 2, y, isz, isz}, YK_ICON_SCAN,
                        t->primary);
        y += isz + t->gap;
    } else {
        y = in.y + (in.h - ph - hh) / 2;
    }
    yk_ui_text(ui, "vol.scan.prompt", (struct yk_rect){in.x, y, in.w, ph}, tr(k, "vol.scan.prompt"),
               sw.pf, t->ink, YK_ALIGN_CENTER, false);
    y += ph + t->gap;
    if (sw.hint)
        yk_ui_text(ui, "vol.scan.hint", (struct yk_rect){in.x, y, in.w, hh - t->gap}, sw.hint,
                   sw.hf, t->ink_soft, YK_ALIGN_CENTER, false);
}

static int code_row_h(struct yk_kiosk *k, int w)
{
    return code_split(k, w) ? 2 * yk_vol_code_bh(k) + k->ui.theme.gap : yk_vol_code_bh(k);
}

/* What each way in needs at least, at width w (below that, the check-in scrolls); tight:
 * the pads' keys with a small inset. */
static int code_min_h(struct yk_kiosk *k, int w, bool tight)
{
    /* The pads take smaller letters before they scroll. */
    return code_row_h(k, w) + k->ui.theme.gap + yk_keypad_min_h(k, w, 34, 4, YK_FONT_SMALL, tight);
}

static int phone_min_h(struct yk_kiosk *k, const struct vstate *s, int w, int h_avail, bool tight)
{
    const struct yk_theme *t = &k->ui.theme;
    /* As build_phone lays it out: side by side when wide, else stacked. */
    bool wide = phone_wide(k, w, h_avail);
    int lw = wide ? w * 9 / 20 : w, rw = wide ? w - lw - t->pad : w;
    int pad = yk_keypad_min_h(k, lw, 12, -3, YK_FONT_SMALL, tight);
    int h = yk_page_button_h(k) + t->gap;
    if (s->searched && s->matches.count > 0) {
        /* Stacked, "pick the person", 重新输入 and every match (the check-in scrolls as a
         * whole); beside the pad, the first match whole (the rest scroll in their own list;
         * the words go where they do not fit). */
        if (!wide)
            h += yk_ui_text_height(&k->ui, tr(k, "vol.phone.pick"), YK_FONT_BODY, rw) + t->gap +
                 yk_page_button_h(k) + t->gap;
        for (size_t i = 0; i < (wide ? 1 : s->matches.count); i++) {
            const char *mt, *ms;
            match_texts(k, s, i, &mt, &ms);
            h += yk_page_row_height(k, mt, ms, false, rw) + (wide ? 0 : t->gap);
        }
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
    /* The prompt a size down; the hint goes where there is no room for it. */
    return yk_ui_text_height(&k->ui, tr(k, "vol.scan.prompt"), YK_FONT_LARGE, w);
}

/* How the check-in entry lays out in an area: the event's own line, the chips of the ways in
 * (one row or two), and what the chosen way in needs at least. A pad that takes the whole
 * area (full) has neither the line nor the chips, and its keys a small inset. */
struct entry {
    bool title_line, two;
    int title_h, chips_h, ch, body_min;
};

static const char *const mode_ids[4] = {"vol.mode.scan", "vol.mode.code", "vol.mode.phone",
                                        "vol.change"};
static const char *const mode_keys[4] = {YK_N("vol.mode.scan"), YK_N("vol.mode.code"),
                                         YK_N("vol.mode.phone"), YK_N("vol.change")};

static struct entry entry_layout(struct yk_kiosk *k, const struct vstate *s,
                                 const struct yk_event *ev, struct yk_rect in, bool full)
{
    const struct yk_theme *t = &k->ui.theme;
    struct entry e = {0};
    if (!full) {
        e.title_line = s->mode == CM_SCAN || in.h >= 7 * t->touch_min;
        e.ch = yk_vol_row_h(k, t->touch_min * 5 / 4);
        int need = 3 * t->gap;
        for (int i = 0; i < 4; i++)
            need += yk_page_chip_w(k, tr(k, mode_keys[i]));
        e.two = need > in.w;
        e.title_h = e.title_line
                        ? yk_ui_text_height(&k->ui, PICK(ev->title), YK_FONT_BODY, in.w) + t->gap
                        : 0;
        e.chips_h = (e.two ? 2 * e.ch + t->gap : e.ch) + yk_vol_row_space(k);
    }
    e.body_min = s->mode == CM_CODE    ? code_min_h(k, in.w, full)
                 : s->mode == CM_PHONE ? phone_min_h(k, s, in.w, in.h - e.title_h - e.chips_h, full)
                                       : scan_min_h(k, in.w);
    return e;
}

bool yk_vol_pad_full(struct yk_kiosk *k, const struct vstate *s, struct yk_rect in)
{
    const struct yk_event *ev = cur_event(s);
    if (s->tab != TAB_CHECKIN || !ev || s->mode == CM_SCAN || s->ask.up || s->res.v != V_NONE)
        return false;
    struct entry e = entry_layout(k, s, ev, in, false);
    return e.title_h + e.chips_h + e.body_min > in.h;
}

void yk_vol_build_checkin(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct yk_event *ev = cur_event(s);
    if (!ev) {
        if (s->res.v != V_NONE) {
            yk_vol_build_result(k, s, in);
            return;
        }
        build_pick_event(k, s, in);
        return;
    }
    /* A result or the question fills the area: it is read from two metres. */
    if (s->ask.up) {
        yk_vol_build_ask(k, s, in);
        return;
    }
    if (s->res.v != V_NONE) {
        yk_vol_build_result(k, s, in);
        return;
    }
    /* The event (its own line when there is room, else between the chips), then the three
     * ways in and "another event" as chips, then the way in that is chosen; or, where that
     * would not fit (s->pad_full, decided by vol_build), the pad alone, 返回 going back to
     * the scan view. All of it is one region "vol.checkin" that scrolls when it still does not
     * fit: then everything keeps its natural size instead of being squeezed. */
    bool full = s->pad_full;
    struct entry e = entry_layout(k, s, ev, in, full);
    bool compact = e.title_h + e.chips_h + e.body_min > in.h;
    struct yk_rect view = in;
    int y0 = yk_ui_scroll_begin(ui, "vol.checkin", view);
    in.y = y0;
    if (compact)
        in.h = e.title_h + e.chips_h + e.body_min;
    if (!full) {
        if (e.title_line)
            yk_vol_line(k, &in, "vol.event.title", PICK(ev->title), YK_FONT_BODY, t->ink,
                        YK_ALIGN_LEFT);
        struct yk_rect row = yk_cut_top(&in, e.chips_h - yk_vol_row_space(k));
        yk_cut_top(&in, yk_vol_row_space(k));
        for (int i = 0; i < 4; i++) {
            struct yk_rect r;
            if (e.two) {
                r = yk_grid_cell(row, 2, 2, i % 2, i / 2, t->gap);
            } else {
                int w = yk_page_chip_w(k, tr(k, mode_keys[i]));
                r = i == 3 ? yk_cut_right(&row, w) : yk_cut_left(&row, w);
                if (i < 2)
                    yk_cut_left(&row, t->gap);
            }
            yk_page_chip(k, mode_ids[i], r, tr(k, mode_keys[i]), i < 3 && (int)s->mode == i);
        }
        if (!e.title_line && !e.two) {
            struct yk_rect mid = yk_inset(row, t->gap / 2);
            if (mid.w > 0 &&
                yk_ui_text_height(ui, PICK(ev->title), YK_FONT_SMALL, mid.w) <= mid.h &&
                yk_ui_text_width(ui, PICK(ev->title), YK_FONT_SMALL) <= mid.w)
                yk_ui_text(ui, "vol.event.title", mid, PICK(ev->title), YK_FONT_SMALL, t->ink_soft,
                           YK_ALIGN_CENTER, true);
        }
    }
    if (s->mode == CM_CODE)
        build_code(k, s, in, full);
    else if (s->mode == CM_PHONE)
        build_phone(k, s, in, full);
    else
        build_scan(k, in);
    yk_ui_scroll_end(ui, in.y + in.h);
}

bool yk_vol_checkin_activate(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strncmp(a, "event.", 6) == 0) {
        for (size_t i = 0; i < s->events.count; i++)
            if (strcmp(s->events.items[i].id, a + 6) == 0) {
                s->sel = (int)i;
                memset(&s->res, 0, sizeof s->res);
                yk_vol_clear_entry(s);
            }
        return true;
    }
    if (strcmp(a, "change") == 0) {
        s->sel = -1;
        s->ask.up = false;
        memset(&s->res, 0, sizeof s->res);
        yk_vol_clear_entry(s);
        yk_vol_load_events(k, s);
        return true;
    }
    if (strncmp(a, "mode.", 5) == 0) {
        s->mode = strcmp(a + 5, "code") == 0    ? CM_CODE
                  : strcmp(a + 5, "phone") == 0 ? CM_PHONE
                                                : CM_SCAN;
        s->ask.up = false;
        memset(k->ui.scroll, 0, sizeof k->ui.scroll); /* the new way in from its top */
        memset(&s->res, 0, sizeof s->res);
        yk_vol_clear_entry(s);
        return true;
    }
    if (strcmp(a, "result.next") == 0) {
        memset(&s->res, 0, sizeof s->res);
        yk_vol_clear_entry(s);
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
            yk_vol_admit(k, s, q.ticket_code[0] ? q.ticket_code : NULL,
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
        } else if (strcmp(key, "clear") == 0) {
            s->code[0] = 0;
        } else if (key[0] && !key[1] && n < YK_TICKET_SHORT_LEN) {
            s->code[n] = key[0];
            s->code[n + 1] = 0;
        }
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
            yk_vol_admit(k, s, NULL, id, 0);
            if (s->res.v != V_NONE || s->ask.up)
                yk_vol_clear_entry(s);
        }
        return true;
    }
    return false;
}
