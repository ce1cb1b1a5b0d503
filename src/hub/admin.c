/* The admin's front door: static parts, the session, the CSRF check, routing, the page
 * frame, and the one check of who may touch which event. */
#include "hub/admin_internal.h"

#include "core/log.h"
#include "core/shtime.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char HTML[] = "text/html; charset=utf-8";

const char *yk_admin_query(const struct yk_admin_ctx *c, const char *key)
{
    const char *v = c->rq->query ? c->rq->query(c->rq->query_ctx, key) : NULL;
    return v && *v ? v : NULL;
}

bool yk_admin_is_admin(const struct yk_admin_ctx *c)
{
    return c->signed_in && strcmp(c->user.role, "admin") == 0;
}

const char *yk_admin_scope(const struct yk_admin_ctx *c)
{
    return yk_admin_is_admin(c) ? NULL : c->user.station_id;
}

/* THE rule of station staff: they reach only rows of their own station; the rest answers
 * like a missing row (404), so ids of other stations do not leak. */
static bool scoped(struct yk_admin_ctx *c, enum yk_hub_rc rc, const char *station)
{
    if (rc == YK_HUB_OK && (yk_admin_is_admin(c) || strcmp(station, c->user.station_id) == 0))
        return true;
    if (rc == YK_HUB_OK || rc == YK_HUB_NOT_FOUND)
        yk_admin_fail(c, 404, "没有这一项，或不属于你的站点。",
                      "No such item, or it is not your station's.");
    else
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
    return false;
}

bool yk_admin_event_access(struct yk_admin_ctx *c, const char *event_id, char station[64])
{
    return scoped(c, yk_admin_event_station(c->store, event_id, station), station);
}

bool yk_admin_volunteer_access(struct yk_admin_ctx *c, const char *id, char station[64])
{
    return scoped(c, yk_admin_volunteer_station(c->store, id, station), station);
}

bool yk_admin_signup_access(struct yk_admin_ctx *c, const char *id, struct yk_admin_signup *g)
{
    char station[64];
    return scoped(c, yk_admin_signup_get(c->store, id, g, station), station);
}

int yk_admin_page_no(const struct yk_admin_ctx *c)
{
    const char *p = yk_admin_query(c, "page");
    size_t n = p ? strlen(p) : 0;
    if (n == 0 || n > 4 || strspn(p, "0123456789") != n)
        return 1;
    int v = atoi(p);
    return v < 1 ? 1 : v > YK_ADMIN_PAGE_MAX ? YK_ADMIN_PAGE_MAX : v;
}

/* One link of the pager: path?key=value&...&page=N, the values percent-encoded. */
static void page_link(const struct yk_admin_ctx *c, struct yk_hub_html *s, const char *path,
                      const char *const *keys, int page, const char *id, const char *zh,
                      const char *en)
{
    yk_hub_html_raw(s, "<a class=\"btn alt\" id=\"");
    yk_hub_html_raw(s, id);
    yk_hub_html_raw(s, "\" href=\"");
    yk_hub_html_text(s, path);
    yk_hub_html_raw(s, "?");
    for (const char *const *k = keys; *k; k++) {
        const char *v = yk_admin_query(c, *k);
        if (!v)
            continue;
        yk_hub_html_text(s, *k);
        yk_hub_html_raw(s, "=");
        for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
            char e[4];
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '-' || *p == '_' || *p == '.' || *p == '~')
                snprintf(e, sizeof e, "%c", *p);
            else
                snprintf(e, sizeof e, "%%%02X", *p);
            yk_hub_html_raw(s, e);
        }
        yk_hub_html_raw(s, "&amp;");
    }
    yk_hub_html_raw(s, "page=");
    yk_admin_html_int(s, page);
    yk_hub_html_raw(s, "\">");
    yk_admin_html_label(s, zh, en);
    yk_hub_html_raw(s, "</a>");
}

void yk_admin_pager(const struct yk_admin_ctx *c, struct yk_hub_html *s, const char *path,
                    const char *const *keys, int page, bool has_next)
{
    if (page <= 1 && !has_next)
        return;
    yk_hub_html_raw(s, "<nav class=\"pager\">");
    if (page > 1)
        page_link(c, s, path, keys, page - 1, "prev-page", "上一页", "Previous");
    yk_hub_html_raw(s, "<span class=\"hint\">第 ");
    yk_admin_html_int(s, page);
    yk_hub_html_raw(s, " 页 <span class=\"en\">page ");
    yk_admin_html_int(s, page);
    yk_hub_html_raw(s, "</span></span>");
    if (has_next && page < YK_ADMIN_PAGE_MAX)
        page_link(c, s, path, keys, page + 1, "next-page", "下一页", "Next");
    yk_hub_html_raw(s, "</nav>");
}

void yk_admin_header(struct yk_admin_ctx *c, const char *name, const char *value)
{
    size_t old = c->rs->headers ? strlen(c->rs->headers) : 0;
    size_t add = strlen(name) + strlen(value) + 4;
    char *h = realloc(c->rs->headers, old + add + 1);
    if (!h)
        return;
    snprintf(h + old, add + 1, "%s: %s\r\n", name, value);
    c->rs->headers = h;
}

void yk_admin_send(struct yk_admin_ctx *c, int status, const char *type, char *body, size_t len)
{
    c->rs->status = status;
    c->rs->content_type = type;
    c->rs->body = body;
    c->rs->len = len;
    /* The security headers (CSP, frame-ancestors, Referrer-Policy) come from the one list in
     * hub_page.c, on every answer. */
}

void yk_admin_send_csv(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *filename)
{
    if (s->failed) {
        free(s->b);
        s->b = NULL;
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    char disp[160];
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", filename);
    yk_admin_header(c, "Content-Disposition", disp);
    yk_admin_send(c, 200, "text/csv; charset=utf-8", s->b, s->len);
    s->b = NULL;
}

void yk_admin_redirect(struct yk_admin_ctx *c, const char *location)
{
    yk_admin_header(c, "Location", location);
    yk_admin_send(c, 303, HTML, NULL, 0);
}

void yk_admin_fmt_time(int64_t utc, char out[24])
{
    struct yk_localtime t;
    yk_shanghai_time(utc, &t);
    snprintf(out, 24, "%04d-%02d-%02d %02d:%02d", t.year % 10000, t.month % 100, t.day % 100,
             t.hour % 100, t.minute % 100);
}

static void nav_link(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *href,
                     const char *zh, const char *en)
{
    size_t n = strlen(href);
    bool on = strncmp(c->rq->path, href, n) == 0;
    yk_hub_html_raw(s, on ? "<a class=\"on\" href=\"" : "<a href=\"");
    yk_hub_html_text(s, href);
    yk_hub_html_raw(s, "\">");
    yk_admin_html_label(s, zh, en);
    yk_hub_html_raw(s, "</a>");
}

void yk_admin_page_begin(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *title_zh,
                         const char *title_en)
{
    yk_hub_html_raw(s, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<meta name=\"robots\" content=\"noindex\"><title>");
    yk_hub_html_text(s, title_zh);
    yk_hub_html_raw(s, " · ");
    yk_hub_html_text(s, title_en);
    yk_hub_html_raw(s, " · 益空间管理</title><link rel=\"stylesheet\" href=\"/admin/admin.css\">"
                       "</head><body><header><span class=\"brand\">益空间管理 "
                       "<span class=\"en\">Yikong admin</span></span>");
    if (c->signed_in) {
        nav_link(c, s, "/admin/events", "活动", "Events");
        nav_link(c, s, "/admin/volunteers", "志愿者", "Volunteers");
        nav_link(c, s, "/admin/figures", "统计", "Figures");
        nav_link(c, s, "/admin/content", "内容", "Content");
        nav_link(c, s, "/admin/kiosks", "自助机", "Kiosks");
        if (yk_admin_is_admin(c)) {
            nav_link(c, s, "/admin/users", "账号", "Accounts");
            nav_link(c, s, "/admin/audit", "操作记录", "Audit");
        }
        nav_link(c, s, "/admin/password", "密码", "Password");
        yk_hub_html_raw(s, "<span class=\"who\">");
        yk_hub_html_text(s, c->user.name);
        if (!yk_admin_is_admin(c)) {
            yk_hub_html_raw(s, " · ");
            yk_hub_html_text(s, c->user.station_id);
        }
        yk_hub_html_raw(s, "</span><form method=\"post\" action=\"/admin/logout\">");
        yk_admin_csrf_field(c, s);
        yk_hub_html_raw(s, "<button type=\"submit\" id=\"logout\">退出 Sign out</button></form>");
    }
    yk_hub_html_raw(s, "</header><main><h1>");
    yk_admin_html_label(s, title_zh, title_en);
    yk_hub_html_raw(s, "</h1>");
}

void yk_admin_page_send(struct yk_admin_ctx *c, struct yk_hub_html *s, int status)
{
    yk_hub_html_raw(s, "</main></body></html>\n");
    if (s->failed) {
        free(s->b);
        char *b = strdup("out of memory");
        yk_admin_send(c, 500, "text/plain; charset=utf-8", b, b ? strlen(b) : 0);
        return;
    }
    yk_admin_send(c, status, HTML, s->b, s->len);
    s->b = NULL;
}

void yk_admin_page_send_read(struct yk_admin_ctx *c, struct yk_hub_html *s, bool read_ok,
                             int status)
{
    if (read_ok) {
        yk_admin_page_send(c, s, status);
        return;
    }
    free(s->b);
    s->b = NULL;
    yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
}

void yk_admin_csrf_field(const struct yk_admin_ctx *c, struct yk_hub_html *s)
{
    yk_hub_html_raw(s, "<input type=\"hidden\" name=\"csrf\" value=\"");
    yk_hub_html_text(s, c->csrf);
    yk_hub_html_raw(s, "\">");
}

void yk_admin_fail(struct yk_admin_ctx *c, int status, const char *zh, const char *en)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s,
                        status == 403   ? "不允许"
                        : status == 404 ? "未找到"
                                        : "出错了",
                        status == 403   ? "Not allowed"
                        : status == 404 ? "Not found"
                                        : "Something went wrong");
    yk_hub_html_raw(&s, "<div class=\"error\"><p>");
    yk_hub_html_text(&s, zh);
    yk_hub_html_raw(&s, "</p><p class=\"en\">");
    yk_hub_html_text(&s, en);
    yk_hub_html_raw(&s, "</p></div><p><a href=\"/admin/events\">返回活动列表 "
                        "<span class=\"en\">Back to the events</span></a></p>");
    yk_admin_page_send(c, &s, status);
}

void yk_admin_notice_saved(const struct yk_admin_ctx *c, struct yk_hub_html *s)
{
    if (yk_admin_query(c, "done"))
        yk_hub_html_raw(s, "<div class=\"notice\" id=\"done\">已保存，自助机下次同步时更新。 <span "
                           "class=\"en\">Saved; kiosks get it at their next sync.</span></div>");
}

void yk_admin_fail_msg(struct yk_admin_ctx *c, int status, const char *msg)
{
    char zh[YK_ADMIN_ERR_MAX];
    snprintf(zh, sizeof zh, "%s", msg);
    char *sep = strstr(zh, " / ");
    if (sep)
        *sep = '\0';
    yk_admin_fail(c, status, zh, sep ? sep + 3 : "");
}

/* A POST of a signed-in page must carry its session's CSRF token. */
static bool csrf_ok(const struct yk_admin_ctx *c)
{
    const char *t = yk_form_get(&c->form, "csrf");
    return t && strlen(t) == YK_ADMIN_CSRF_LEN && strlen(c->csrf) == YK_ADMIN_CSRF_LEN &&
           sodium_memcmp(t, c->csrf, YK_ADMIN_CSRF_LEN) == 0;
}

static bool starts(const char *path, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0 || (path[n] != '\0' && path[n] != '/'))
        return false;
    *rest = path + n;
    return true;
}

static void route(struct yk_admin_ctx *c)
{
    const char *path = c->rq->path, *rest = NULL;
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (strcmp(path, "/admin/admin.css") == 0) {
        char *b = strdup(yk_admin_css);
        yk_admin_send(c, b ? 200 : 500, "text/css; charset=utf-8", b, b ? strlen(b) : 0);
        c->rs->cache_control = "max-age=600";
        return;
    }
    if (strcmp(path, "/admin/login") == 0) {
        yk_admin_login(c);
        return;
    }
    if (strcmp(path, "/admin/reset") == 0) {
        yk_admin_reset(c);
        return;
    }
    if (!c->signed_in) {
        yk_admin_redirect(c, "/admin/login");
        return;
    }
    if (post && !csrf_ok(c)) {
        yk_warn("hub-admin", "%s %s without a valid CSRF token (user %s): refused", c->rq->method,
                path, c->user.name);
        yk_admin_fail(c, 403, "表单已过期或来源不明，未做任何更改。请返回页面重新提交。",
                      "The form has expired or did not come from this admin: nothing was "
                      "changed. Go back, reload the page and submit again.");
        return;
    }
    if (strcmp(path, "/admin") == 0 || strcmp(path, "/admin/") == 0)
        yk_admin_redirect(c, "/admin/events");
    else if (strcmp(path, "/admin/logout") == 0 && post)
        yk_admin_logout(c);
    else if (strcmp(path, "/admin/password") == 0)
        yk_admin_password(c);
    else if (starts(path, "/admin/events", &rest))
        yk_admin_events_page(c, rest);
    else if (starts(path, "/admin/kiosks", &rest))
        yk_admin_kiosks_page(c, rest);
    else if (starts(path, "/admin/content", &rest))
        yk_admin_content_page(c, rest);
    else if ((strcmp(path, "/admin/figures") == 0 || strcmp(path, "/admin/figures.csv") == 0) &&
             !post)
        yk_admin_figures_page(c, path[14] == '.');
    else if (strcmp(path, "/admin/volunteers.csv") == 0 && !post)
        yk_admin_volunteers_csv(c);
    else if (starts(path, "/admin/volunteers", &rest))
        yk_admin_volunteers_page(c, rest);
    else if (strncmp(path, "/admin/media/", 13) == 0 && !post)
        yk_admin_media_page(c, path + 13);
    else if (!yk_admin_is_admin(c) &&
             (starts(path, "/admin/users", &rest) || starts(path, "/admin/audit", &rest)))
        yk_admin_fail(c, 403, "只有街道管理员可以打开这一页。",
                      "Only the subdistrict's admins may open this page.");
    else if (starts(path, "/admin/users", &rest))
        yk_admin_users_page(c, rest);
    else if (strcmp(path, "/admin/audit") == 0)
        yk_admin_audit_page(c);
    else
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
}

void yk_admin_handle(struct yk_hub_store *store, const struct yk_hub_request *rq, int64_t now,
                     struct yk_hub_response *rs)
{
    memset(rs, 0, sizeof *rs);
    struct yk_admin_ctx c = {.store = store, .rq = rq, .rs = rs, .now = now};
    bool post = strcmp(rq->method, "POST") == 0;
    char sid[YK_ADMIN_SID_LEN + 1];
    if (rq->cookie && yk_cookie_get(rq->cookie, "yk_admin", sid, sizeof sid))
        c.signed_in = yk_admin_session_get(store, sid, now, YK_ADMIN_IDLE_S, YK_ADMIN_MAX_S,
                                           &c.user, c.csrf) == YK_HUB_OK;
    sodium_memzero(sid, sizeof sid);
    if (rq->body_too_large) {
        yk_admin_fail(&c, 413, "上传的内容太大（上限 4 MiB）。",
                      "The upload is too large (4 MiB at most).");
        return;
    }
    if (!post && strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        yk_admin_fail(&c, 405, "不支持这种请求。", "This method is not supported here.");
        return;
    }
    if (post && !yk_form_parse(rq->content_type, rq->body, rq->body_len, &c.form)) {
        yk_admin_fail(&c, 400, "无法读取表单（格式不对或有不允许的字符）。",
                      "The form could not be read (malformed, or characters that are not "
                      "allowed).");
        return;
    }
    route(&c);
    yk_form_free(&c.form);
    sodium_memzero(c.csrf, sizeof c.csrf);
}
