#include "hub/hub_page.h"

#include "core/grow.h"
#include "core/shtime.h"
#include "core/signup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char yk_hub_html_type[] = "text/html; charset=utf-8";

/* Scripts only from the hub's own files (none today: no inline script ever runs), styles
 * inline or from the hub (the admin's /admin/admin.css), images from the hub or data: URLs, forms
 * posting back to the hub only, never framed, no <base>, nothing else. */
const struct yk_hub_header yk_hub_security_headers[] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
     "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
     "base-uri 'none'"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Content-Type-Options", "nosniff"},
    {NULL, NULL},
};

void yk_hub_html_put(struct yk_hub_html *s, const char *t, size_t n)
{
    if (s->failed)
        return;
    void *b = s->b;
    if (!yk_grow(&b, &s->cap, s->len + n + 1, 1)) {
        s->failed = true;
        return;
    }
    s->b = b;
    memcpy(s->b + s->len, t, n);
    s->len += n;
    s->b[s->len] = '\0';
}

void yk_hub_html_raw(struct yk_hub_html *s, const char *t)
{
    yk_hub_html_put(s, t, strlen(t));
}

void yk_hub_html_text(struct yk_hub_html *s, const char *t)
{
    for (; t && *t; t++) {
        switch (*t) {
        case '&':
            yk_hub_html_raw(s, "&amp;");
            break;
        case '<':
            yk_hub_html_raw(s, "&lt;");
            break;
        case '>':
            yk_hub_html_raw(s, "&gt;");
            break;
        case '"':
            yk_hub_html_raw(s, "&quot;");
            break;
        case '\'':
            yk_hub_html_raw(s, "&#39;");
            break;
        default:
            yk_hub_html_put(s, t, 1);
            break;
        }
    }
}

void yk_hub_page_begin(struct yk_hub_html *s, const char *title)
{
    yk_hub_html_raw(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<meta name=\"robots\" content=\"noindex\"><title>");
    yk_hub_html_text(s, title);
    yk_hub_html_raw(s, "</title><style>body{font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;"
                       "margin:0;background:#f6f1ea;color:#222}main{max-width:32rem;margin:0 auto;"
                       "padding:1.2rem}h1{font-size:1.4rem;color:#b3261e;margin:.2rem 0 1rem}"
                       ".card{background:#fff;border-radius:12px;padding:1rem 1.2rem;"
                       "box-shadow:0 1px 4px rgba(0,0,0,.1)}.en{color:#555;font-size:.95rem}"
                       "dt{font-weight:600;margin-top:.8rem}dd{margin:.2rem 0 0}"
                       ".st{font-size:1.3rem;font-weight:700}.ok{color:#1b7f3b}.wait{color:#a66a00}"
                       ".no{color:#b3261e}footer{margin-top:1.5rem;font-size:.85rem;color:#666}"
                       "h2{font-size:1.15rem;margin:1.6rem 0 .6rem}h3{font-size:1.05rem;margin:0}"
                       ".card+.card{margin-top:.8rem}dd.ok,dd.no{font-weight:700}a.stn{color:inherit}"
                       "</style></head><body><main>");
}

void yk_hub_page_end(struct yk_hub_html *s)
{
    yk_hub_html_raw(s, "<footer>益空间 · 五里桥滨江 · Yikong Space, Wuliqiao riverside</footer>"
                       "</main></body></html>\n");
}

void yk_hub_html_field(struct yk_hub_html *s, const char *zh, const char *en, const char *v_zh,
                       const char *v_en)
{
    yk_hub_html_raw(s, "<dt>");
    yk_hub_html_text(s, zh);
    yk_hub_html_raw(s, " <span class=\"en\">");
    yk_hub_html_text(s, en);
    yk_hub_html_raw(s, "</span></dt><dd>");
    yk_hub_html_text(s, v_zh);
    if (v_en && *v_en && strcmp(v_en, v_zh) != 0) {
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, v_en);
        yk_hub_html_raw(s, "</span>");
    }
    yk_hub_html_raw(s, "</dd>");
}

int yk_hub_page_ticket(struct yk_hub_html *s, enum yk_hub_rc rc, const struct yk_hub_ticket *t)
{
    int status = 200;
    if (rc == YK_HUB_OK) {
        yk_hub_page_begin(s, "益空间活动票 · Event ticket");
        yk_hub_html_raw(
            s, "<h1>益空间活动票 <span class=\"en\">Event ticket</span></h1><div class=\"card\">");
        const char *cls = "ok", *zh = "已确认", *en = "Confirmed";
        if (strcmp(t->status, "waitlist") == 0)
            cls = "wait", zh = "候补中", en = "On the waiting list";
        else if (strcmp(t->status, "cancelled") == 0)
            cls = "no", zh = "已取消", en = "Cancelled";
        else if (strcmp(t->status, "unsynced") == 0)
            cls = "ok", zh = "有效票（详情稍后同步）",
            en = "Valid ticket (details follow when the "
                 "kiosk next syncs)";
        yk_hub_html_raw(s, "<p class=\"st ");
        yk_hub_html_raw(s, cls);
        yk_hub_html_raw(s, "\">");
        yk_hub_html_text(s, zh);
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, en);
        yk_hub_html_raw(s, "</span></p><dl>");
        yk_hub_html_field(s, "活动", "Event", t->event_title_zh[0] ? t->event_title_zh : "—",
              t->event_title_en);
        if (t->starts_utc) {
            char zd[96], ed[96], tm[32];
            yk_format_date(zd, sizeof zd, t->starts_utc, "zh");
            yk_format_date(ed, sizeof ed, t->starts_utc, "en");
            struct yk_localtime a, b;
            yk_shanghai_time(t->starts_utc, &a);
            yk_shanghai_time(t->ends_utc, &b);
            snprintf(tm, sizeof tm, " %02d:%02d–%02d:%02d", a.hour, a.minute, b.hour, b.minute);
            char zfull[160], efull[160];
            snprintf(zfull, sizeof zfull, "%s%s", zd, tm);
            snprintf(efull, sizeof efull, "%s%s", ed, tm);
            yk_hub_html_field(s, "时间", "When", zfull, efull);
        }
        if (t->place_zh[0])
            yk_hub_html_field(s, "地点", "Where", t->place_zh, t->place_en);
        if (t->synced) {
            char party[32], name[sizeof t->surname + sizeof t->title + 1];
            snprintf(party, sizeof party, "%lld", (long long)t->party_size);
            yk_hub_html_field(s, "人数", "People", party, NULL);
            if (t->surname[0]) {
                yk_signup_addressee(t->surname, yk_signup_title_parse(t->title), name, sizeof name);
                yk_hub_html_field(s, "姓名", "Name", name, NULL);
            }
            if (t->phone_masked[0])
                yk_hub_html_field(s, "手机", "Phone", t->phone_masked, NULL);
        }
        yk_hub_html_raw(
            s, "</dl><p>入场时请出示此页或票上的二维码。<br><span class=\"en\">Show this page "
               "or the ticket's QR code at the entrance.</span></p></div>");
    } else if (rc == YK_HUB_NOT_FOUND) {
        status = 404;
        yk_hub_page_begin(s, "未找到此票 · Ticket not found");
        yk_hub_html_raw(s,
                        "<h1>未找到此票 <span class=\"en\">Ticket not found</span></h1>"
                        "<div class=\"card\"><p>这个票码无效，或者还没有同步到服务中心。"
                        "请核对链接，或到益空间服务站咨询工作人员。</p><p class=\"en\">This ticket "
                        "code is not valid, or has not reached the hub yet. Please check the link, "
                        "or ask the staff at a Yikong Space station.</p></div>");
    } else {
        yk_hub_page_unavailable(s);
        return 503;
    }
    yk_hub_page_end(s);
    return status;
}

void yk_hub_page_unavailable(struct yk_hub_html *s)
{
    yk_hub_page_begin(s, "请稍后再试 · Please try again");
    yk_hub_html_raw(s, "<h1>请稍后再试 <span class=\"en\">Please try again later</span></h1>"
                       "<div class=\"card\"><p>服务暂时不可用。</p><p class=\"en\">The service is "
                       "busy just now.</p></div>");
    yk_hub_page_end(s);
}
