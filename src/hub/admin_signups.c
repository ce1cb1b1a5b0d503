/* An event's sign-ups: the list (phone masked), totals against capacity, the CSV export
 * (UTF-8 with a BOM so that Excel and WPS read it right; every cell quoted; a cell that a
 * spreadsheet would run as a formula gets a leading apostrophe), cancelling a sign-up and
 * moving one up from the waitlist (a page to confirm, then a POST), and the printable
 * sign-in sheet. */
#include "hub/admin_internal.h"

#include "core/signup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *status_zh(const char *st)
{
    return strcmp(st, "confirmed") == 0   ? "已确认"
           : strcmp(st, "waitlist") == 0  ? "候补"
           : strcmp(st, "cancelled") == 0 ? "已取消"
                                          : st;
}

struct acc {
    struct yk_hub_html *s;
    bool csv;
    int64_t confirmed, waitlist, cancelled, checked, n;
};

/* A link to the page that confirms an action on sign-up g. */
static void action_link(struct yk_hub_html *s, const struct yk_admin_signup *g, const char *what,
                        const char *zh, const char *en)
{
    yk_hub_html_raw(s, "<a class=\"act\" href=\"/admin/events/");
    yk_hub_html_text(s, g->event_id);
    yk_hub_html_raw(s, "/signups/");
    yk_hub_html_text(s, g->id);
    yk_hub_html_raw(s, "/");
    yk_hub_html_raw(s, what);
    yk_hub_html_raw(s, "\">");
    yk_admin_html_label(s, zh, en);
    yk_hub_html_raw(s, "</a> ");
}

static void row(void *ctx, const struct yk_admin_signup *g)
{
    struct acc *a = ctx;
    struct yk_hub_html *s = a->s;
    a->n++;
    if (strcmp(g->status, "confirmed") == 0)
        a->confirmed += g->party_size;
    else if (strcmp(g->status, "waitlist") == 0)
        a->waitlist += g->party_size;
    else
        a->cancelled++;
    if (g->checkin_utc)
        a->checked += g->party_size;
    char name[96], party[24], created[24], checked[24];
    yk_signup_addressee(g->surname, yk_signup_title_parse(g->title), name, sizeof name);
    snprintf(party, sizeof party, "%lld", (long long)g->party_size);
    yk_admin_fmt_time(g->created_utc, created);
    checked[0] = '\0';
    if (g->checkin_utc)
        yk_admin_fmt_time(g->checkin_utc, checked);
    if (a->csv) {
        yk_admin_csv_cell(s, name, false);
        yk_admin_csv_cell(s, g->phone_masked, false);
        yk_admin_csv_cell(s, party, false);
        yk_admin_csv_cell(s, status_zh(g->status), false);
        yk_admin_csv_cell(s, created, false);
        yk_admin_csv_cell(s, g->kiosk_id, false);
        yk_admin_csv_cell(s, checked, false);
        yk_admin_csv_cell(s, g->checkin_kiosk, true);
        return;
    }
    yk_hub_html_raw(s, "<tr><td data-h=\"姓名 Name\">");
    yk_hub_html_text(s, name[0] ? name : "—");
    yk_hub_html_raw(s, "</td><td data-h=\"手机 Phone\">");
    yk_hub_html_text(s, g->phone_masked[0] ? g->phone_masked : "—");
    yk_hub_html_raw(s, "</td><td data-h=\"人数 People\">");
    yk_admin_html_int(s, g->party_size);
    yk_hub_html_raw(s, "</td><td data-h=\"状态 Status\"><span class=\"tag ");
    yk_hub_html_raw(s, strcmp(g->status, "confirmed") == 0  ? "ok"
                       : strcmp(g->status, "waitlist") == 0 ? "wait"
                                                            : "no");
    yk_hub_html_raw(s, "\">");
    yk_hub_html_text(s, status_zh(g->status));
    yk_hub_html_raw(s, " ");
    yk_hub_html_text(s, g->status);
    yk_hub_html_raw(s, "</span></td><td data-h=\"报名时间 Signed up\">");
    yk_hub_html_text(s, created);
    yk_hub_html_raw(s, "<br><span class=\"en\">");
    yk_hub_html_text(s, g->kiosk_id);
    yk_hub_html_raw(s, "</span></td><td data-h=\"签到 Checked in\">");
    if (g->checkin_utc) {
        yk_hub_html_text(s, checked);
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, g->checkin_kiosk);
        yk_hub_html_raw(s, "</span>");
    } else {
        yk_hub_html_raw(s, "—");
    }
    yk_hub_html_raw(s, "</td><td class=\"acts\">");
    if (strcmp(g->status, "cancelled") != 0) {
        action_link(s, g, "cancel", "取消", "Cancel");
        if (strcmp(g->status, "waitlist") == 0)
            action_link(s, g, "promote", "转为确认", "Move up");
    }
    yk_hub_html_raw(s, "</td></tr>");
}

/* The event's title (zh, en), time and, when place, its place: a <p>. */
static void event_head(struct yk_hub_html *s, const struct yk_admin_row *ev, bool place)
{
    yk_hub_html_raw(s, "<p><strong>");
    yk_hub_html_text(s, yk_admin_row_val(ev, "title_zh"));
    yk_hub_html_raw(s, "</strong>");
    const char *en = yk_admin_row_val(ev, "title_en");
    if (en) {
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, en);
        yk_hub_html_raw(s, "</span>");
    }
    const char *st = yk_admin_row_val(ev, "starts_utc"), *end = yk_admin_row_val(ev, "ends_utc");
    if (st) {
        char when[24];
        yk_admin_fmt_time(strtoll(st, NULL, 10), when);
        yk_hub_html_raw(s, "<br><span id=\"when\">");
        yk_hub_html_text(s, when);
        if (end) {
            yk_admin_fmt_time(strtoll(end, NULL, 10), when);
            yk_hub_html_raw(s, " – ");
            yk_hub_html_text(s, when + 11); /* the time: events end on their day */
        }
        yk_hub_html_raw(s, "</span>");
    }
    const char *pz = yk_admin_row_val(ev, "place_zh"), *pe = yk_admin_row_val(ev, "place_en");
    if (place && (pz || pe)) {
        yk_hub_html_raw(s, "<br><span id=\"place\">");
        yk_admin_html_label(s, pz ? pz : "", pe);
        yk_hub_html_raw(s, "</span>");
    }
    yk_hub_html_raw(s, "</p>");
}

/* Event event_id into ev when the user may see it; else the request is answered. */
static bool load_event(struct yk_admin_ctx *c, const char *event_id, struct yk_admin_row *ev)
{
    char station[64];
    if (!yk_admin_event_access(c, event_id, station))
        return false;
    if (yk_admin_row_get(c->store, "events", event_id, ev) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return false;
    }
    return true;
}

/* Starts a page about event event_id: its title, then a <div class=cls> with the event's head
 * (and place); ev holds the event (the caller frees it). False when the request was answered
 * (not the user's event, a database error). */
static bool event_page(struct yk_admin_ctx *c, const char *event_id, const char *zh, const char *en,
                       const char *cls, bool place, struct yk_hub_html *s, struct yk_admin_row *ev)
{
    if (!load_event(c, event_id, ev))
        return false;
    yk_admin_page_begin(c, s, zh, en);
    yk_hub_html_raw(s, "<div class=\"");
    yk_hub_html_raw(s, cls);
    yk_hub_html_raw(s, "\">");
    event_head(s, ev, place);
    return true;
}

void yk_admin_signups_page(struct yk_admin_ctx *c, const char *event_id, bool csv)
{
    struct yk_admin_row ev;
    if (!load_event(c, event_id, &ev))
        return;
    struct yk_hub_html s = {0};
    struct acc a = {.s = &s, .csv = csv};
    if (csv) {
        yk_hub_html_raw(&s, "\xEF\xBB\xBF");
        yk_hub_html_raw(&s,
                        "\"姓名 Name\",\"手机 Phone\",\"人数 People\",\"状态 Status\",\"报名时间 "
                        "Signed up\",\"自助机 Kiosk\",\"签到 Checked in\",\"签到自助机 Check-in "
                        "kiosk\"\r\n");
        if (!yk_admin_signups(c->store, event_id, row, &a))
            s.failed = true;
        yk_admin_row_free(&ev);
        char name[96];
        snprintf(name, sizeof name, "signups-%s.csv", event_id);
        yk_admin_send_csv(c, &s, name);
        return;
    }
    yk_admin_page_begin(c, &s, "报名名单", "Sign-ups");
    yk_hub_html_raw(&s, "<div class=\"card\">");
    event_head(&s, &ev, false);
    const char *done = yk_admin_query(c, "done");
    if (done && strcmp(done, "cancel") == 0)
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"done\">报名已取消，自助机下次同步时更新。 "
                            "<span class=\"en\">The sign-up is cancelled; its kiosk learns it at "
                            "the next sync.</span></div>");
    else if (done && strcmp(done, "promote") == 0)
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"done\">已转为确认，自助机下次同步时更新。 "
                            "<span class=\"en\">Moved up to confirmed; its kiosk learns it at "
                            "the next sync.</span></div>");
    if (yk_admin_row_val(&ev, "cancelled_utc"))
        yk_hub_html_raw(&s,
                        "<div class=\"notice\" id=\"cancelled\">此活动已取消。请逐一通知下列已报名"
                        "的人。 <span class=\"en\">This event is cancelled. Call the people listed "
                        "below.</span></div>");
    yk_hub_html_raw(&s,
                    "</div><table class=\"rows\" id=\"signups\"><thead><tr><th>姓名 Name</th><th>"
                    "手机 Phone</th><th>人数 People</th><th>状态 Status</th><th>报名时间 Signed "
                    "up</th><th>签到 Checked in</th><th></th></tr></thead><tbody>");
    bool ok = yk_admin_signups(c->store, event_id, row, &a);
    yk_hub_html_raw(&s, "</tbody></table>");
    if (a.n == 0)
        yk_hub_html_raw(&s,
                        "<p class=\"card\">还没有人报名。 <span class=\"en\">Nobody has signed up "
                        "yet.</span></p>");
    yk_hub_html_raw(&s,
                    "<div class=\"card\" id=\"totals\">已确认 <span class=\"en\">confirmed</span> "
                    "<strong>");
    yk_admin_html_int(&s, a.confirmed);
    const char *cap = yk_admin_row_val(&ev, "capacity");
    if (cap) {
        yk_hub_html_raw(&s, " / ");
        yk_hub_html_text(&s, cap);
    }
    yk_hub_html_raw(&s, "</strong> 人 · 候补 <span class=\"en\">waiting</span> ");
    yk_admin_html_int(&s, a.waitlist);
    yk_hub_html_raw(&s, " · 已签到 <span class=\"en\">checked in</span> ");
    yk_admin_html_int(&s, a.checked);
    yk_hub_html_raw(&s, " · 已取消 <span class=\"en\">cancelled</span> ");
    yk_admin_html_int(&s, a.cancelled);
    yk_hub_html_raw(&s, "</div><p><a class=\"btn\" id=\"csv\" href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/signups.csv\">导出 CSV Export</a><a class=\"btn\" id=\"sheet\" "
                        "href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/sheet\">签到表 Sign-in sheet</a><a class=\"btn\" id=\"calls\" "
                        "href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/calls\">电话名单 Call list</a><a class=\"btn alt\" "
                        "href=\"/admin/events\">返回 Back</a></p>");
    yk_admin_row_free(&ev);
    yk_admin_page_send_read(c, &s, ok, 200);
}

void yk_admin_signup_action(struct yk_admin_ctx *c, const char *event_id, const char *signup_id,
                            bool promote)
{
    struct yk_admin_signup g;
    if (!yk_admin_signup_access(c, signup_id, &g))
        return;
    if (strcmp(g.event_id, event_id) != 0) {
        yk_admin_fail(c, 404, "没有这一项，或不属于你的站点。",
                      "No such item, or it is not your station's.");
        return;
    }
    char back[160];
    snprintf(back, sizeof back, "/admin/events/%s/signups", event_id);
    if (strcmp(c->rq->method, "POST") == 0) {
        char err[YK_ADMIN_ERR_MAX];
        enum yk_hub_rc rc =
            yk_admin_signup_change(c->store, c->user.name, signup_id, promote, c->now, err);
        if (rc == YK_HUB_OK) {
            char to[200];
            snprintf(to, sizeof to, "%s?done=%s", back, promote ? "promote" : "cancel");
            yk_admin_redirect(c, to);
        } else if (rc == YK_HUB_INVALID) {
            yk_admin_fail_msg(c, 409, err);
        } else if (rc == YK_HUB_NOT_FOUND) {
            yk_admin_fail(c, 404, "没有这一项。", "No such item.");
        } else {
            yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        }
        return;
    }
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, promote ? "转为确认" : "取消报名",
                        promote ? "Move up from the waitlist" : "Cancel a sign-up");
    yk_hub_html_raw(&s, "<div class=\"card\"><p><strong>");
    char name[96];
    snprintf(name, sizeof name, "%s%s", g.surname, g.title);
    yk_hub_html_text(&s, name[0] ? name : "—");
    yk_hub_html_raw(&s, "</strong> · ");
    yk_hub_html_text(&s, g.phone_masked[0] ? g.phone_masked : "—");
    yk_hub_html_raw(&s, " · ");
    yk_admin_html_int(&s, g.party_size);
    yk_hub_html_raw(&s, " 人 <span class=\"en\">people</span> · ");
    yk_hub_html_text(&s, status_zh(g.status));
    yk_hub_html_raw(&s, " <span class=\"en\">");
    yk_hub_html_text(&s, g.status);
    yk_hub_html_raw(&s, "</span></p><p>");
    if (promote)
        yk_admin_html_label(&s, "确认后此人的名额从公共余位中扣除；报名的自助机下次同步时出票。",
                            "The places come from the event's free places; the kiosk it was "
                            "made on issues the ticket at its next sync.");
    else
        yk_admin_html_label(&s, "取消后入场码作废，空出的名额按顺序给候补的人。请通知本人。",
                            "Its ticket stops working and the freed places go to the waitlist in "
                            "order. Let the person know.");
    yk_hub_html_raw(&s, "</p><form method=\"post\" action=\"");
    yk_hub_html_text(&s, back);
    yk_hub_html_raw(&s, "/");
    yk_hub_html_text(&s, signup_id);
    yk_hub_html_raw(&s, promote ? "/promote\">" : "/cancel\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, promote ? "<button type=\"submit\" id=\"do\">转为确认 Move up</button>"
                                : "<button type=\"submit\" class=\"danger\" id=\"do\">取消这条报名 "
                                  "Cancel this sign-up</button>");
    yk_hub_html_raw(&s, "<a class=\"btn alt\" href=\"");
    yk_hub_html_text(&s, back);
    yk_hub_html_raw(&s, "\">返回 Back</a></form></div>");
    yk_admin_page_send(c, &s, 200);
}

/* The sign-in sheet: the confirmed people, then the waitlist, each row with a box to tick;
 * one pass over the sign-ups writes each list into its own buffer. */
struct sheet_list {
    struct yk_hub_html *s;
    int64_t n, people;
};
struct sheet {
    struct sheet_list confirmed, waitlist;
};

static void sheet_row(void *ctx, const struct yk_admin_signup *g)
{
    struct sheet *sh = ctx;
    struct sheet_list *a = strcmp(g->status, "confirmed") == 0  ? &sh->confirmed
                           : strcmp(g->status, "waitlist") == 0 ? &sh->waitlist
                                                                : NULL;
    if (!a)
        return;
    a->n++;
    a->people += g->party_size;
    char name[96];
    snprintf(name, sizeof name, "%s%s", g->surname, g->title);
    yk_hub_html_raw(a->s, "<tr><td>");
    yk_admin_html_int(a->s, a->n);
    yk_hub_html_raw(a->s, "</td><td>");
    yk_hub_html_text(a->s, name[0] ? name : "—");
    yk_hub_html_raw(a->s, "</td><td>");
    yk_hub_html_text(a->s, g->phone_masked[0] ? g->phone_masked : "—");
    yk_hub_html_raw(a->s, "</td><td class=\"num\">");
    yk_admin_html_int(a->s, g->party_size);
    yk_hub_html_raw(a->s, g->checkin_utc ? "</td><td class=\"box\"><span class=\"tick on\">✓</span>"
                                         : "</td><td class=\"box\"><span class=\"tick\"></span>");
    yk_hub_html_raw(a->s, "</td><td class=\"note\"></td></tr>");
}

static void sheet_table(struct yk_hub_html *s, const char *id)
{
    yk_hub_html_raw(s, "<table class=\"sheet\" id=\"");
    yk_hub_html_raw(s, id);
    yk_hub_html_raw(s, "\"><thead><tr><th>#</th><th>姓名 Name</th><th>手机 Phone</th><th>人数 "
                       "People</th><th>到场 Here</th><th>备注 Note</th></tr></thead><tbody>");
}

void yk_admin_sheet_page(struct yk_admin_ctx *c, const char *event_id)
{
    struct yk_admin_row ev;
    struct yk_hub_html s = {0};
    if (!event_page(c, event_id, "签到表", "Sign-in sheet", "sheet-head", true, &s, &ev))
        return;
    if (yk_admin_row_val(&ev, "cancelled_utc"))
        yk_hub_html_raw(&s, "<p class=\"tag no\">此活动已取消 · This event is cancelled</p>");
    yk_hub_html_raw(&s, "</div><p class=\"hint noprint\">用浏览器的“打印”（Ctrl+P）打印本页。 "
                        "<span class=\"en\">Print this page with the browser's Print (Ctrl+P)."
                        "</span></p>");
    sheet_table(&s, "sheet");
    struct yk_hub_html wait_rows = {0};
    struct sheet sh = {.confirmed = {.s = &s}, .waitlist = {.s = &wait_rows}};
    bool ok = yk_admin_signups(c->store, event_id, sheet_row, &sh);
    const struct sheet_list a = sh.confirmed, w = sh.waitlist;
    /* Rows for people who come without signing up. */
    for (int i = 0; i < 5; i++)
        yk_hub_html_raw(&s, "<tr class=\"blank\"><td></td><td></td><td></td><td></td><td "
                            "class=\"box\"><span class=\"tick\"></span></td><td></td></tr>");
    yk_hub_html_raw(&s, "</tbody></table>");
    yk_hub_html_raw(&s, "<h2>候补 <span class=\"en\">Waitlist</span></h2>");
    sheet_table(&s, "sheet-wait");
    if (wait_rows.len)
        yk_hub_html_put(&s, wait_rows.b, wait_rows.len);
    s.failed = s.failed || wait_rows.failed;
    free(wait_rows.b);
    if (w.n == 0)
        yk_hub_html_raw(&s, "<tr><td colspan=\"6\">无 <span class=\"en\">none</span></td></tr>");
    yk_hub_html_raw(&s, "</tbody></table><p class=\"totals\" id=\"sheet-totals\">已确认 "
                        "<span class=\"en\">confirmed</span> <strong>");
    yk_admin_html_int(&s, a.n);
    yk_hub_html_raw(&s, "</strong> 条 <span class=\"en\">sign-ups</span>, <strong>");
    yk_admin_html_int(&s, a.people);
    yk_hub_html_raw(&s, "</strong> 人 <span class=\"en\">people</span>");
    const char *cap = yk_admin_row_val(&ev, "capacity");
    if (cap) {
        yk_hub_html_raw(&s, " / 名额 <span class=\"en\">places</span> ");
        yk_hub_html_text(&s, cap);
    }
    yk_hub_html_raw(&s, " · 候补 <span class=\"en\">waiting</span> ");
    yk_admin_html_int(&s, w.n);
    yk_hub_html_raw(&s, " 条 <span class=\"en\">sign-ups</span>, ");
    yk_admin_html_int(&s, w.people);
    yk_hub_html_raw(&s, " 人 <span class=\"en\">people</span> · 到场合计 <span class=\"en\">here "
                        "in all</span> ______</p>"
                        "<p class=\"noprint\"><a class=\"btn alt\" href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/signups\">返回 Back</a></p>");
    yk_admin_row_free(&ev);
    yk_admin_page_send_read(c, &s, ok, 200);
}

/* The call list: the people to tell of a change, with the full number while the hub keeps it. */
static void call_row(void *ctx, const struct yk_admin_signup *g, const char *phone)
{
    struct yk_hub_html *s = ctx;
    char name[96];
    snprintf(name, sizeof name, "%s%s", g->surname, g->title);
    yk_hub_html_raw(s, "<tr><td data-h=\"姓名 Name\">");
    yk_hub_html_text(s, name[0] ? name : "—");
    yk_hub_html_raw(s, "</td><td data-h=\"电话 Phone\">");
    if (phone) {
        yk_hub_html_raw(s, "<a class=\"tel\" href=\"tel:");
        yk_hub_html_text(s, phone);
        yk_hub_html_raw(s, "\">");
        yk_hub_html_text(s, phone);
        yk_hub_html_raw(s, "</a>");
    } else {
        yk_hub_html_text(s, g->phone_masked[0] ? g->phone_masked : "—");
    }
    yk_hub_html_raw(s, "</td><td data-h=\"人数 People\">");
    yk_admin_html_int(s, g->party_size);
    yk_hub_html_raw(s, "</td><td data-h=\"状态 Status\">");
    yk_admin_html_label(s, status_zh(g->status), g->status);
    yk_hub_html_raw(s, "</td></tr>");
}

void yk_admin_calls_page(struct yk_admin_ctx *c, const char *event_id)
{
    struct yk_admin_row ev;
    struct yk_hub_html s = {0};
    if (!event_page(c, event_id, "电话名单", "Call list", "card", false, &s, &ev))
        return;
    yk_admin_row_free(&ev);
    int days = yk_hub_phone_days(c->store);
    if (days > 0) {
        yk_hub_html_raw(&s, "<p class=\"notice\" id=\"retention\">完整号码只保存到活动结束后 ");
        yk_admin_html_int(&s, days);
        yk_hub_html_raw(&s, " 天，只用于通知本人活动变动；每次打开本页都记入操作记录。 <span "
                            "class=\"en\">Full numbers are kept until ");
        yk_admin_html_int(&s, days);
        yk_hub_html_raw(&s, " days after the event, only to tell people of changes; every "
                            "opening of this page goes into the audit log.</span></p>");
    } else {
        yk_hub_html_raw(&s, "<p class=\"notice\" id=\"retention\">本中心只保存号码后四位（未设置 "
                            "serve --phone-days）。 <span class=\"en\">This hub keeps only the "
                            "last four digits (serve without --phone-days).</span></p>");
    }
    yk_hub_html_raw(&s, "</div><table class=\"rows\" id=\"calls\"><thead><tr><th>姓名 Name</th>"
                        "<th>电话 Phone</th><th>人数 People</th><th>状态 Status</th></tr></thead>"
                        "<tbody>");
    bool ok = yk_admin_call_list(c->store, c->user.name, event_id, c->now, call_row, &s);
    yk_hub_html_raw(&s, "</tbody></table><p><a class=\"btn alt\" href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/signups\">返回 Back</a></p>");
    yk_admin_page_send_read(c, &s, ok, 200);
}
