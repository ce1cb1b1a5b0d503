/* The sign-up's result: the wait while the hub confirms, the ticket (a success mark, the
 * code large, the QR, what and when and where, 完成), or why there is no ticket. */
#include "ui/screens/signup_internal.h"

#include "core/icons.h"
#include "core/shtime.h"
#include "ui/page.h"
#include "ui/screens/screens.h"

#include <stdio.h>
#include <string.h>

#define CONFIRM_WAIT_MS YK_SIGNUP_CONFIRM_WAIT_MS
#define CONFIRM_POLL_MS YK_SIGNUP_CONFIRM_POLL_MS

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)
#define st yk_signup_ui_state

void yk_signup_ui_wait_bar(struct yk_kiosk *k, struct yk_rect *in, const char *id, int64_t start_ms,
                           int64_t wait_ms, int64_t poll_ms)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int64_t spent = yk_clock_mono_ms(k->p.clock) - start_ms;
    if (spent < 0)
        spent = 0;
    if (spent > wait_ms)
        spent = wait_ms;
    /* The bar, and how far the wait has gone beside it ("40%": also what tests read). */
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    struct yk_rect row = yk_cut_top(in, lh);
    const char *pct = yk_ui_fmt(ui, "%d%%", (int)(spent * 100 / wait_ms));
    int pw = yk_ui_text_width(ui, "100%", YK_FONT_SMALL);
    yk_ui_text(ui, id, yk_cut_right(&row, pw), pct, YK_FONT_SMALL, t->ink_soft, YK_ALIGN_RIGHT,
               true);
    yk_cut_right(&row, t->gap);
    int bh = lh / 2;
    struct yk_rect bar = {row.x, row.y + (row.h - bh) / 2, row.w, bh};
    yk_ui_fill(ui, bar, t->line, bh / 2);
    struct yk_rect done = bar;
    /* Never empty: something visibly started. */
    done.w = (int)((int64_t)bar.w * (spent + poll_ms) / (wait_ms + poll_ms));
    yk_ui_fill(ui, done, t->primary, bh / 2);
}

int64_t yk_signup_ui_wait_deadline(const struct yk_kiosk *k, int64_t start_ms, int64_t wait_ms,
                                   int64_t poll_ms)
{
    int64_t next = yk_clock_mono_ms(k->p.clock) + poll_ms, end = start_ms + wait_ms;
    return next < end ? next : end;
}

/* While the hub is asked: what is happening, a bar that fills, and that the sign-up is kept
 * whatever happens. No button: the bar's home and back work and lose nothing. */
static void build_confirming(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    struct yk_rect in = yk_signup_ui_heading(k, area, tr(k, "signup.confirming"));
    yk_signup_ui_wait_bar(k, &in, "signup.confirming.bar", s->confirm_start_ms, CONFIRM_WAIT_MS,
                          CONFIRM_POLL_MS);
    yk_cut_top(&in, t->gap);
    const char *b = tr(k, "signup.confirming.b");
    int th = yk_ui_text_height(ui, b, YK_FONT_BODY, in.w);
    yk_ui_text(ui, "signup.confirming.body", yk_cut_top(&in, th), b, YK_FONT_BODY, t->ink,
               YK_ALIGN_LEFT, false);
}

/* The ticket: a success mark and 报名成功, the code people keep (large, in two spaced groups),
 * the QR, what and when and where, and 完成 where the eye ends (bottom right). Wide screens put
 * the QR as tall as the page on the right. With no hub the QR holds the bare ticket code (a
 * phone keeps it as a photo); with one, the hub's ticket page. */
static void ticket_head(struct yk_kiosk *k, struct yk_rect *in, const char *head, bool ok)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int lh = yk_ui_line_height(ui, YK_FONT_TITLE);
    int icon = ok ? lh : 0;
    int tw = in->w - (icon ? icon + t->gap : 0);
    int th = yk_ui_text_height(ui, head, YK_FONT_TITLE, tw);
    struct yk_rect row = yk_cut_top(in, th);
    if (icon) {
        struct yk_rect ir = yk_cut_left(&row, icon);
        yk_ui_fill(ui, (struct yk_rect){ir.x, ir.y + (lh - icon) / 2, icon, icon}, t->primary,
                   icon / 2);
        yk_ui_icon_draw(
            ui, yk_inset((struct yk_rect){ir.x, ir.y + (lh - icon) / 2, icon, icon}, icon / 6),
            YK_ICON_CHECK, t->on_primary);
        yk_cut_left(&row, t->gap);
    }
    yk_ui_text(ui, "signup.step", row, head, YK_FONT_TITLE, ok ? t->primary : t->ink, YK_ALIGN_LEFT,
               false);
    yk_cut_top(in, t->gap);
}

/* The code, "ABCD EFGH" beside its label, in the largest font that holds it, on a card with
 * a red edge: the thing to keep. */
static void ticket_code(struct yk_kiosk *k, struct yk_rect *in, const char *code8)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *label = tr(k, "signup.f.code");
    const char *code = yk_ui_fmt(ui, "%.4s %.4s", code8, code8 + 4);
    int lw = yk_ui_text_width(ui, label, YK_FONT_SMALL);
    enum yk_font f = YK_FONT_HUGE;
    while (f > YK_FONT_BODY && lw + yk_ui_text_width(ui, code, f) + 3 * t->pad > in->w)
        f--;
    int ch = yk_ui_line_height(ui, f);
    struct yk_rect card = yk_cut_top(in, ch + t->gap / 2);
    yk_ui_fill(ui, card, t->card, t->radius);
    yk_ui_fill(ui, (struct yk_rect){card.x, card.y, t->gap / 2 > 3 ? t->gap / 2 : 3, card.h},
               t->primary, 0);
    struct yk_rect c = card;
    c.x += t->pad;
    c.w -= 2 * t->pad;
    yk_ui_text(ui, "signup.ticket.code.label", yk_cut_left(&c, lw), label, YK_FONT_SMALL,
               t->ink_soft, YK_ALIGN_LEFT, true);
    yk_cut_left(&c, t->pad);
    yk_ui_text(ui, "signup.ticket.code", c, code, f, t->ink, YK_ALIGN_LEFT, true);
    yk_ui_set_text(ui, "signup.ticket.code", yk_ui_fmt(ui, "%s %s", label, code));
    yk_ui_mark_primary(ui, "signup.ticket.code");
    yk_cut_top(in, t->gap);
}

void yk_signup_ui_build_result(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    if (s->confirming) {
        build_confirming(k, area);
        return;
    }
    const struct yk_signup_info *info = &s->result.signup;
    enum yk_signup_rc rc = s->result.rc;
    bool ticket = (rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_EXISTING) &&
                  info->seat == YK_SEAT_CONFIRMED && info->ticket_code[0];
    const char *head, *body = NULL;
    switch (rc) {
    case YK_SIGNUP_RC_CONFIRMED:
        head = "signup.r.confirmed";
        body = ticket ? NULL : "signup.r.confirmed.noticket.b";
        break;
    case YK_SIGNUP_RC_EXISTING:
        head = s->reshown ? "mine.ticket" : "signup.r.existing";
        body = info->seat == YK_SEAT_CONFIRMED  ? (ticket ? NULL : "signup.r.confirmed.noticket.b")
               : info->seat == YK_SEAT_WAITLIST ? "signup.r.waitlist.b"
                                                : "signup.r.pending.b";
        break;
    case YK_SIGNUP_RC_PENDING:
        head = "signup.r.pending";
        body = "signup.r.pending.b";
        break;
    case YK_SIGNUP_RC_WAITLIST:
        head = "signup.r.waitlist";
        body = "signup.r.waitlist.b";
        break;
    case YK_SIGNUP_RC_FULL:
        head = "signup.r.full";
        body = "signup.r.full.b";
        break;
    case YK_SIGNUP_RC_CLOSED:
        head = "signup.r.closed";
        body = "signup.r.closed.b";
        break;
    case YK_SIGNUP_RC_NOT_NEEDED:
        head = "signup.r.notneeded";
        break;
    default:
        head = "signup.r.error";
        body = "signup.r.error.b";
        break;
    }
    struct yk_rect rest = area;
    /* With a hub, its ticket page; without one, the bare code: a phone keeps it as a photo,
     * and a volunteer's scanner reads it either way. */
    char url[YK_TICKET_URL_MAX] = "";
    bool hub = k->p.cfg->hub_url[0] != 0;
    if (ticket && hub && !yk_ticket_url(k->p.cfg->hub_url, info->ticket_code, url, sizeof url))
        url[0] = 0;
    if (ticket && !hub)
        snprintf(url, sizeof url, "%s", info->ticket_code);
    const char *cap = tr(k, hub ? "signup.qr.save" : "signup.qr.photo");
    bool wide = area.w > area.h * 5 / 4;
    if (ticket && wide) {
        /* Wide screens: the QR code as tall as the page on the right, the rest beside it. */
        int side = area.h < area.w * 34 / 100 ? area.h : area.w * 34 / 100;
        yk_page_qr_card(k, "signup.ticket.qr", yk_cut_right(&rest, side), url, cap);
        yk_ui_mark_primary(ui, "signup.ticket.qr");
        yk_cut_right(&rest, t->pad);
    }
    struct yk_rect row = yk_cut_bottom(&rest, yk_signup_ui_action_h(k));
    yk_cut_bottom(&rest, t->gap);
    struct yk_button_style p = yk_signup_ui_bstyle(k, true, YK_FONT_LARGE);
    const char *dl = tr(k, "signup.done");
    int dw = yk_ui_text_width(ui, dl, YK_FONT_LARGE) + 4 * t->pad;
    yk_ui_button(ui, "signup.done", yk_cut_right(&row, dw > row.w ? row.w : dw), dl, &p, true);
    yk_ui_mark_primary(ui, "signup.done");
    struct yk_rect in = rest;
    ticket_head(k, &in, tr(k, head), ticket);
    if (ticket) {
        ticket_code(k, &in, info->short_code);
        if (!wide) {
            /* Upright: the QR card under the code, as large as leaves a line of the details
             * (they scroll under it), at most 45 mm of code. */
            int side = in.h - yk_ui_line_height(ui, YK_FONT_BODY) - t->gap;
            int most = (int)(45.0f * t->px_per_mm) + 2 * t->gap;
            side = side < most ? side : most;
            side = side < in.w ? side : in.w;
            int ch = yk_ui_text_height(ui, cap, YK_FONT_SMALL, side - 2 * t->gap);
            struct yk_rect q = yk_cut_top(&in, side + ch);
            q.x += (q.w - side) / 2;
            q.w = side;
            yk_page_qr_card(k, "signup.ticket.qr", q, url, cap);
            yk_ui_mark_primary(ui, "signup.ticket.qr");
            yk_cut_top(&in, t->gap);
        }
    }
    in.x -= t->pad;
    in.w += 2 * t->pad;
    in.y -= t->pad;
    in.h += t->pad;
    struct yk_doc d;
    yk_doc_begin(&d, k, "signup.result", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    if (s->confirm_failed)
        yk_doc_text(&d, "signup.result.unreached", tr(k, "signup.r.unreached"), false);
    if (body)
        yk_doc_text(&d, "signup.result.body", tr(k, body), false);
    if (ticket) {
        yk_signup_ui_event_fields(k, &d, "signup.ticket");
        yk_doc_field(&d, "signup.ticket.party", tr(k, "signup.f.party"),
                     yk_signup_ui_party_text(k, info->party_size));
        yk_doc_field(&d, "signup.ticket.phone", tr(k, "signup.f.phone"), info->phone_masked);
        yk_doc_text(&d, "signup.result.body", tr(k, "signup.r.confirmed.b"), true);
    } else if (info->id[0]) {
        yk_doc_field(&d, "signup.ticket.phone", tr(k, "signup.f.phone"), info->phone_masked);
        yk_doc_field(&d, "signup.ticket.party", tr(k, "signup.f.party"),
                     yk_signup_ui_party_text(k, info->party_size));
    }
    yk_doc_end(&d);
}
