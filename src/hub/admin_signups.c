/* An event's sign-ups: the list (phone masked), totals against capacity, and the CSV export
 * (UTF-8 with a BOM so that Excel and WPS read it right; every cell quoted; a cell that a
 * spreadsheet would run as a formula gets a leading apostrophe). */
#include "hub/admin_ctx.h"

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
    yk_hub_html_raw(s, "</td></tr>");
}

void yk_admin_signups_page(struct yk_admin_ctx *c, const char *event_id, bool csv)
{
    char station[64];
    if (!yk_admin_event_access(c, event_id, station))
        return;
    struct yk_admin_row ev;
    if (yk_admin_row_get(c->store, "events", event_id, &ev) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    struct yk_hub_html s = {0};
    struct acc a = {.s = &s, .csv = csv};
    if (csv) {
        yk_hub_html_raw(&s, "\xEF\xBB\xBF");
        yk_hub_html_raw(&s,
                        "\"姓名 Name\",\"手机 Phone\",\"人数 People\",\"状态 Status\",\"报名时间 "
                        "Signed up\",\"自助机 Kiosk\",\"签到 Checked in\",\"签到自助机 Check-in "
                        "kiosk\"\r\n");
        bool ok = yk_admin_signups(c->store, event_id, row, &a);
        yk_admin_row_free(&ev);
        if (!ok || s.failed) {
            free(s.b);
            yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
            return;
        }
        char disp[128];
        snprintf(disp, sizeof disp, "attachment; filename=\"signups-%s.csv\"", event_id);
        yk_admin_header(c, "Content-Disposition", disp);
        yk_admin_send(c, 200, "text/csv; charset=utf-8", s.b, s.len);
        return;
    }
    yk_admin_page_begin(c, &s, "报名名单", "Sign-ups");
    yk_hub_html_raw(&s, "<div class=\"card\"><p><strong>");
    yk_hub_html_text(&s, yk_admin_row_val(&ev, "title_zh"));
    yk_hub_html_raw(&s, "</strong>");
    const char *en = yk_admin_row_val(&ev, "title_en");
    if (en) {
        yk_hub_html_raw(&s, "<br><span class=\"en\">");
        yk_hub_html_text(&s, en);
        yk_hub_html_raw(&s, "</span>");
    }
    const char *st = yk_admin_row_val(&ev, "starts_utc");
    if (st) {
        char when[24];
        yk_admin_fmt_time(strtoll(st, NULL, 10), when);
        yk_hub_html_raw(&s, "<br>");
        yk_hub_html_text(&s, when);
    }
    yk_hub_html_raw(&s, "</p>");
    if (yk_admin_row_val(&ev, "cancelled_utc"))
        yk_hub_html_raw(&s,
                        "<div class=\"notice\" id=\"cancelled\">此活动已取消。请逐一通知下列已报名"
                        "的人。 <span class=\"en\">This event is cancelled. Call the people listed "
                        "below.</span></div>");
    yk_hub_html_raw(&s,
                    "</div><table class=\"rows\" id=\"signups\"><thead><tr><th>姓名 Name</th><th>"
                    "手机 Phone</th><th>人数 People</th><th>状态 Status</th><th>报名时间 Signed "
                    "up</th><th>签到 Checked in</th></tr></thead><tbody>");
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
    yk_hub_html_raw(&s, "/signups.csv\">导出 CSV Export</a><a class=\"btn alt\" "
                        "href=\"/admin/events\">返回 Back</a></p>");
    yk_admin_row_free(&ev);
    if (!ok) {
        free(s.b);
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    yk_admin_page_send(c, &s, 200);
}
