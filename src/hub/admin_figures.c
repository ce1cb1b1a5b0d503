/* Figures per station and month: sign-ups, people, check-ins, no-shows, walk-ins (also by
 * kind) and duty hours, as a table, a server-drawn SVG bar chart, and CSV. Staff see their own
 * station's. */
#include "hub/admin_fields.h"

#include "core/shtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_STATIONS 64

void yk_admin_month(struct yk_admin_ctx *c, char label[8], int64_t *from, int64_t *to)
{
    const char *m = yk_admin_query(c, "month");
    int y = 0, mo = 0;
    char extra;
    if (!m || sscanf(m, "%4d-%2d%c", &y, &mo, &extra) != 2 || y < 2000 || y > 2100 || mo < 1 ||
        mo > 12) {
        struct yk_localtime t;
        yk_shanghai_time(c->now, &t);
        y = t.year;
        mo = t.month;
    }
    snprintf(label, 8, "%04d-%02d", y, mo);
    *from = yk_shanghai_to_utc(y, mo, 1, 0, 0, 0);
    *to = yk_shanghai_to_utc(mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1, 1, 0, 0, 0);
}

void yk_admin_duty_text(int64_t min, char out[24])
{
    snprintf(out, 24, "%lld:%02lld", (long long)(min / 60), (long long)(min % 60));
}

struct kinds {
    struct yk_hub_html *s;
};
static void kind_row(void *ctx, const char *station, const char *zh, const char *en, int64_t n)
{
    struct kinds *k = ctx;
    yk_hub_html_raw(k->s, "<tr><td data-h=\"站点 Station\">");
    yk_hub_html_text(k->s, station);
    yk_hub_html_raw(k->s, "</td><td data-h=\"类别 Kind\">");
    yk_admin_html_label(k->s, zh, en);
    yk_hub_html_raw(k->s, "</td><td data-h=\"人次 Count\">");
    yk_admin_html_int(k->s, n);
    yk_hub_html_raw(k->s, "</td></tr>");
}

/* Bars per station: people signed up, checked in, walk-ins. */
static void chart(struct yk_hub_html *s, const struct yk_admin_figures *f, int n)
{
    int64_t top = 1;
    for (int i = 0; i < n; i++) {
        int64_t v[] = {f[i].people, f[i].checked_in, f[i].walkins};
        for (int j = 0; j < 3; j++)
            top = v[j] > top ? v[j] : top;
    }
    int w = 40 + n * 110;
    yk_hub_html_raw(s, "<div class=\"card\"><svg id=\"chart\" role=\"img\" width=\"100%\" "
                       "viewBox=\"0 0 ");
    yk_admin_html_int(s, w < 400 ? 400 : w);
    yk_hub_html_raw(s, " 200\"><line x1=\"30\" y1=\"170\" x2=\"100%\" y2=\"170\" "
                       "stroke=\"#999\"/>");
    static const char *const fill[] = {"#b3261e", "#1b5e20", "#5b8fb9"};
    for (int i = 0; i < n; i++) {
        int64_t v[] = {f[i].people, f[i].checked_in, f[i].walkins};
        for (int j = 0; j < 3; j++) {
            int64_t h = v[j] * 150 / top;
            yk_hub_html_raw(s, "<rect x=\"");
            yk_admin_html_int(s, 40 + i * 110 + j * 28);
            yk_hub_html_raw(s, "\" y=\"");
            yk_admin_html_int(s, 170 - h);
            yk_hub_html_raw(s, "\" width=\"24\" height=\"");
            yk_admin_html_int(s, h);
            yk_hub_html_raw(s, "\" fill=\"");
            yk_hub_html_raw(s, fill[j]);
            yk_hub_html_raw(s, "\"><title>");
            yk_admin_html_int(s, v[j]);
            yk_hub_html_raw(s, "</title></rect>");
        }
        yk_hub_html_raw(s, "<text x=\"");
        yk_admin_html_int(s, 40 + i * 110);
        yk_hub_html_raw(s, "\" y=\"190\" font-size=\"12\">");
        yk_hub_html_text(s, f[i].station_id);
        yk_hub_html_raw(s, "</text>");
    }
    yk_hub_html_raw(s, "</svg><p class=\"hint\"><span class=\"tag no\">报名人数 people signed "
                       "up</span> <span class=\"tag ok\">签到人数 checked in</span> <span "
                       "class=\"tag\">到访 walk-ins</span> · 最高 max ");
    yk_admin_html_int(s, top);
    yk_hub_html_raw(s, "</p></div>");
}

void yk_admin_figures_page(struct yk_admin_ctx *c, bool csv)
{
    char month[8];
    int64_t from, to;
    yk_admin_month(c, month, &from, &to);
    struct yk_admin_figures f[MAX_STATIONS];
    int n = yk_admin_figures(c->store, yk_admin_scope(c), from, to, c->now, f, MAX_STATIONS);
    if (n < 0) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    struct yk_hub_html s = {0};
    char duty[24];
    if (csv) {
        yk_hub_html_raw(&s, "\xEF\xBB\xBF\"月份 Month\",\"站点 Station\",\"报名 Sign-ups\",\"人数 "
                            "People\",\"签到 Checked in\",\"未到 No-shows\",\"到访 Walk-ins\","
                            "\"值班 Duty (h:mm)\"\r\n");
        for (int i = 0; i < n; i++) {
            int64_t v[] = {f[i].signups, f[i].people, f[i].checked_in, f[i].no_shows, f[i].walkins};
            yk_admin_csv_cell(&s, month, false);
            yk_admin_csv_cell(&s, f[i].station_id, false);
            for (int j = 0; j < 5; j++) {
                char b[24];
                snprintf(b, sizeof b, "%lld", (long long)v[j]);
                yk_admin_csv_cell(&s, b, false);
            }
            yk_admin_duty_text(f[i].duty_min, duty);
            yk_admin_csv_cell(&s, duty, true);
        }
        char name[32];
        snprintf(name, sizeof name, "figures-%s.csv", month);
        yk_admin_send_csv(c, &s, name);
        return;
    }
    yk_admin_page_begin(c, &s, "统计", "Figures");
    yk_hub_html_raw(&s, "<form class=\"filters card\" method=\"get\" action=\"/admin/figures\">"
                        "<label>月份 <span class=\"en\">Month</span><br><input name=\"month\" "
                        "id=\"month\" inputmode=\"numeric\" placeholder=\"2026-12\" value=\"");
    yk_hub_html_text(&s, month);
    yk_hub_html_raw(&s, "\"></label><button type=\"submit\">查看 Show</button></form>");
    chart(&s, f, n);
    yk_hub_html_raw(&s, "<table class=\"rows\" id=\"figures\"><thead><tr><th>站点 Station</th>"
                        "<th>报名 Sign-ups</th><th>人数 People</th><th>签到 Checked in</th><th>"
                        "未到 No-shows</th><th>到访 Walk-ins</th><th>值班 Duty</th></tr></thead>"
                        "<tbody>");
    static const char *const heads[] = {"报名 Sign-ups", "人数 People", "签到 Checked in",
                                        "未到 No-shows", "到访 Walk-ins"};
    for (int i = 0; i < n; i++) {
        int64_t v[] = {f[i].signups, f[i].people, f[i].checked_in, f[i].no_shows, f[i].walkins};
        yk_hub_html_raw(&s, "<tr><td data-h=\"站点 Station\">");
        yk_admin_html_label(&s, f[i].name_zh, f[i].name_en);
        yk_hub_html_raw(&s, "</td>");
        for (int j = 0; j < 5; j++) {
            yk_hub_html_raw(&s, "<td data-h=\"");
            yk_hub_html_raw(&s, heads[j]);
            yk_hub_html_raw(&s, "\">");
            yk_admin_html_int(&s, v[j]);
            yk_hub_html_raw(&s, "</td>");
        }
        yk_admin_duty_text(f[i].duty_min, duty);
        yk_hub_html_raw(&s, "<td data-h=\"值班 Duty\">");
        yk_hub_html_text(&s, duty);
        yk_hub_html_raw(&s, "</td></tr>");
    }
    yk_hub_html_raw(&s, "</tbody></table><h2>到访（按类别）<span class=\"en\">Walk-ins by "
                        "kind</span></h2><table class=\"rows\" id=\"walkins\"><thead><tr><th>站点 "
                        "Station</th><th>类别 Kind</th><th>人次 Count</th></tr></thead><tbody>");
    struct kinds k = {&s};
    yk_admin_walkins_by_kind(c->store, yk_admin_scope(c), from, to, kind_row, &k);
    yk_hub_html_raw(&s, "</tbody></table><p><a class=\"btn\" id=\"figures-csv\" "
                        "href=\"/admin/figures.csv?month=");
    yk_hub_html_text(&s, month);
    yk_hub_html_raw(&s, "\">导出 CSV Export</a></p>");
    yk_admin_page_send(c, &s, 200);
}
