/* Kiosks (the fleet: last heartbeat, silent ones marked; admins add one, getting its setup
 * code once, and revoke) and the audit log page. */
#include "hub/admin_fields.h"

#include "core/log.h"
#include "core/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SILENT_S (2 * 3600) /* no heartbeat for this long: marked silent */

struct list {
    struct yk_admin_ctx *c;
    struct yk_hub_html *s;
    int n;
};

static void when_cell(struct yk_hub_html *s, const char *h, int64_t t)
{
    char b[24];
    yk_hub_html_raw(s, "<td data-h=\"");
    yk_hub_html_raw(s, h);
    yk_hub_html_raw(s, "\">");
    if (t) {
        yk_admin_fmt_time(t, b);
        yk_hub_html_text(s, b);
    } else {
        yk_hub_html_raw(s, "—");
    }
    yk_hub_html_raw(s, "</td>");
}

static void kiosk_row(void *ctx, const struct yk_admin_kiosk *k)
{
    struct list *l = ctx;
    struct yk_hub_html *s = l->s;
    l->n++;
    yk_hub_html_raw(s, "<tr><td data-h=\"自助机 Kiosk\">");
    yk_hub_html_text(s, k->id);
    yk_hub_html_raw(s, "<br><span class=\"en\">");
    yk_hub_html_text(s, k->version[0] ? k->version : "?");
    yk_hub_html_raw(s, "</span></td><td data-h=\"站点 Station\">");
    yk_hub_html_text(s, k->station_id);
    yk_hub_html_raw(s, "</td><td data-h=\"状态 State\">");
    if (k->revoked_utc) {
        yk_hub_html_raw(s, "<span class=\"tag no\">已停用 revoked</span>");
    } else if (!k->seen_utc) {
        yk_hub_html_raw(s, "<span class=\"tag wait silent\">从未联系 never heard</span>");
    } else if (l->c->now - k->seen_utc > SILENT_S) {
        yk_hub_html_raw(s, "<span class=\"tag wait silent\">失联 silent ");
        yk_admin_html_int(s, (l->c->now - k->seen_utc) / 3600);
        yk_hub_html_raw(s, " h</span>");
    } else
        yk_hub_html_raw(s, "<span class=\"tag ok\">在线 online</span>");
    yk_hub_html_raw(s, "</td>");
    when_cell(s, "最后心跳 Last heartbeat", k->seen_utc);
    when_cell(s, "最后同步 Last sync", k->last_sync_utc);
    yk_hub_html_raw(s, "<td data-h=\"剩余空间 Free disk\">");
    if (k->free_disk_bytes > 0) {
        yk_admin_html_int(s, k->free_disk_bytes >> 20);
        yk_hub_html_raw(s, " MiB");
    } else {
        yk_hub_html_raw(s, "—");
    }
    yk_hub_html_raw(s, "</td><td data-h=\"待上传 Waiting\" class=\"waiting\">");
    if (k->records_waiting >= 0)
        yk_admin_html_int(s, k->records_waiting);
    else
        yk_hub_html_raw(s, "—");
    /* Set aside: what the kiosk says it holds aside, else what the hub refused from it;
     * the reasons are the hub's own (push_rejects). */
    int64_t aside = k->records_set_aside >= 0 ? k->records_set_aside : k->refused;
    yk_hub_html_raw(s, "</td><td data-h=\"已搁置 Set aside\" class=\"aside\">");
    yk_hub_html_raw(s, aside > 0 ? "<span class=\"tag wait\">" : "<span>");
    yk_admin_html_int(s, aside);
    yk_hub_html_raw(s, "</span>");
    if (k->refused_why[0]) {
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, k->refused_why);
        yk_hub_html_raw(s, "</span>");
    }
    yk_hub_html_raw(s, "</td><td>");
    if (yk_admin_is_admin(l->c) && !k->revoked_utc) {
        yk_hub_html_raw(s, "<form class=\"inline\" method=\"post\" action=\"/admin/kiosks/");
        yk_hub_html_text(s, k->id);
        yk_hub_html_raw(s, "/revoke\">");
        yk_admin_csrf_field(l->c, s);
        yk_hub_html_raw(s, "<button class=\"alt\" type=\"submit\">停用 Revoke</button></form>");
    }
    yk_hub_html_raw(s, "</td></tr>");
}

/* text as a QR code in SVG (dark modules on white, the quiet zone, whole modules): what a
 * kiosk's USB scanner reads off the screen or a print-out. */
static void qr_svg(struct yk_hub_html *s, const char *text)
{
    struct yk_qr q;
    if (!yk_qr_encode(&q, text, YK_QR_ECC_M))
        return;
    int side = q.size + 2 * YK_QR_QUIET_ZONE;
    yk_hub_html_raw(s, "<svg id=\"setup-qr\" class=\"qr\" role=\"img\" viewBox=\"0 0 ");
    yk_admin_html_int(s, side);
    yk_hub_html_raw(s, " ");
    yk_admin_html_int(s, side);
    yk_hub_html_raw(s, "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
                       "fill=\"#fff\"/><path fill=\"#000\" d=\"");
    char m[48];
    for (int y = 0; y < q.size; y++)
        for (int x = 0; x < q.size; x++)
            if (q.modules[y * q.size + x]) {
                snprintf(m, sizeof m, "M%d %dh1v1h-1z", x + YK_QR_QUIET_ZONE, y + YK_QR_QUIET_ZONE);
                yk_hub_html_raw(s, m);
            }
    yk_hub_html_raw(s, "\"/></svg>");
    yk_qr_destroy(&q);
}

static void list_page(struct yk_admin_ctx *c, const char *code, const char *code_station)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "自助机", "Kiosks");
    if (code) {
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"setup\"><p>新自助机（站点 ");
        yk_hub_html_text(&s, code_station);
        yk_hub_html_raw(&s,
                        "）的设置码，只显示这一次，7 天内有效，只能用一次：<br><span class=\"en\">"
                        "The new kiosk's setup code, shown only this once, valid for 7 days, for "
                        "one use:</span></p><p class=\"code\" id=\"setup-code\">");
        yk_hub_html_text(&s, code);
        yk_hub_html_raw(&s, "</p>");
        qr_svg(&s, code);
        yk_hub_html_raw(&s, "<p>在自助机上：志愿者模式 → 今日统计 → 与中心同步 → 连接服务中心，"
                            "输入这 16 个字符，或用扫码枪扫这个二维码。 <span class=\"en\">On the "
                            "kiosk: volunteer mode → today → sync with the hub → connect, and "
                            "type these 16 characters or scan this QR code.</span></p></div>");
    }
    struct list l = {c, &s, 0};
    /* ?sort= one of these; anything else is the first. */
    static const struct {
        const char *key, *zh, *en;
    } sorts[] = {[YK_ADMIN_KIOSKS_SILENT] = {"silent", "失联最久", "Silent longest"},
                 [YK_ADMIN_KIOSKS_STATION] = {"station", "按站点", "By station"},
                 [YK_ADMIN_KIOSKS_WAITING] = {"waiting", "待处理记录", "Records waiting"}};
    const char *want = yk_admin_query(c, "sort");
    enum yk_admin_kiosk_order order = YK_ADMIN_KIOSKS_SILENT;
    for (size_t i = 0; want && i < sizeof sorts / sizeof sorts[0]; i++)
        if (strcmp(want, sorts[i].key) == 0)
            order = (enum yk_admin_kiosk_order)i;
    yk_hub_html_raw(&s, "<div class=\"tabs\" id=\"sort\">排序 <span class=\"en\">Sort</span> ");
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++) {
        yk_hub_html_raw(&s, i == (size_t)order ? "<a class=\"on\" href=\"/admin/kiosks?sort="
                                               : "<a href=\"/admin/kiosks?sort=");
        yk_hub_html_raw(&s, sorts[i].key);
        yk_hub_html_raw(&s, "\">");
        yk_admin_html_label(&s, sorts[i].zh, sorts[i].en);
        yk_hub_html_raw(&s, "</a>");
    }
    yk_hub_html_raw(&s,
                    "</div><p class=\"hint\">超过 2 小时没有心跳的自助机标为失联；待上传和已搁置"
                    "的记录数来自自助机最后一次心跳，搁置原因来自中心。 <span class=\"en\">A "
                    "kiosk with no heartbeat for 2 hours is marked silent; records waiting and "
                    "set aside are as its last heartbeat said, the reasons are the hub's."
                    "</span></p>");
    yk_hub_html_raw(&s,
                    "<table class=\"rows\" id=\"kiosks\"><thead><tr><th>自助机 Kiosk</th><th>站点 "
                    "Station</th><th>状态 State</th><th>最后心跳 Last heartbeat</th><th>最后同步 "
                    "Last sync</th><th>剩余空间 Free disk</th><th>待上传 Waiting</th><th>已搁置 "
                    "Set aside</th><th></th></tr></thead><tbody>");
    bool ok = yk_admin_kiosks(c->store, yk_admin_scope(c), order, kiosk_row, &l);
    yk_hub_html_raw(&s, "</tbody></table>");
    if (l.n == 0)
        yk_hub_html_raw(&s,
                        "<p class=\"card\">还没有自助机。 <span class=\"en\">No kiosks yet.</span>"
                        "</p>");
    if (yk_admin_is_admin(c)) {
        yk_hub_html_raw(&s, "<h2>添加自助机 <span class=\"en\">Add a kiosk</span></h2><form "
                            "class=\"card\" method=\"post\" action=\"/admin/kiosks\">");
        yk_admin_csrf_field(c, &s);
        yk_hub_html_raw(&s, "<label for=\"station\">站点 <span class=\"en\">Station</span></label>"
                            "<select id=\"station\" name=\"station\" required>");
        yk_admin_options(c, &s, "stations", NULL);
        yk_hub_html_raw(&s, "</select><button type=\"submit\" id=\"add-kiosk\">生成设置码 Make a "
                            "setup code</button></form>");
    }
    yk_admin_page_send_read(c, &s, ok, 200);
}

void yk_admin_kiosks_page(struct yk_admin_ctx *c, const char *rest)
{
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (!post && *rest == '\0') {
        list_page(c, NULL, NULL);
        return;
    }
    if (post && !yk_admin_is_admin(c)) {
        yk_admin_fail(c, 403, "只有街道管理员可以添加或停用自助机。",
                      "Only the subdistrict's admins may add or revoke kiosks.");
        return;
    }
    if (post && *rest == '\0') {
        const char *station = yk_form_get(&c->form, "station");
        char code[YK_HUB_SETUP_CODE_LEN + 1], shown[YK_HUB_SETUP_CODE_LEN + 4];
        enum yk_hub_rc rc =
            station ? yk_hub_kiosk_add(c->store, station, c->now, YK_HUB_SETUP_TTL_S, code)
                    : YK_HUB_INVALID;
        if (rc != YK_HUB_OK) {
            yk_admin_fail(c, rc == YK_HUB_INVALID ? 400 : 503,
                          "无法生成设置码（站点无效或数据库出错）。",
                          "No setup code made (a bad station, or the database failed).");
            return;
        }
        char target[96];
        snprintf(target, sizeof target, "setup_codes/%s", station);
        yk_admin_audit_add(c->store, c->user.name, "kiosk.add", target, NULL, NULL, c->now);
        snprintf(shown, sizeof shown, "%.4s-%.4s-%.4s-%.4s", code, code + 4, code + 8, code + 12);
        list_page(c, shown, station);
        return;
    }
    char id[32];
    const char *end = strchr(rest + 1, '/');
    size_t n = end ? (size_t)(end - rest - 1) : 0;
    if (post && end && strcmp(end, "/revoke") == 0 && n > 0 && n < sizeof id) {
        memcpy(id, rest + 1, n);
        id[n] = '\0';
        enum yk_hub_rc rc = yk_hub_kiosk_revoke(c->store, id, c->now);
        if (rc == YK_HUB_OK) {
            char target[64];
            snprintf(target, sizeof target, "kiosks/%s", id);
            yk_admin_audit_add(c->store, c->user.name, "kiosk.revoke", target, NULL, NULL, c->now);
            yk_admin_redirect(c, "/admin/kiosks");
        } else {
            yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "没有这台自助机，或数据库出错。",
                          "No such kiosk, or the database failed.");
        }
        return;
    }
    yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
}

static void audit_row(void *ctx, const struct yk_admin_audit_item *a)
{
    struct list *l = ctx;
    struct yk_hub_html *s = l->s;
    char when[24];
    yk_admin_fmt_time(a->at_utc, when);
    if (++l->n > YK_ADMIN_PAGE_ROWS)
        return; /* the row after a page: there is a next one */
    yk_hub_html_raw(s, "<tr><td data-h=\"时间 When\">");
    yk_hub_html_text(s, when);
    yk_hub_html_raw(s, "</td><td data-h=\"账号 Who\">");
    yk_hub_html_text(s, a->user_name);
    yk_hub_html_raw(s, "</td><td data-h=\"操作 What\">");
    yk_hub_html_text(s, a->action);
    yk_hub_html_raw(s, "<br><span class=\"en\">");
    yk_hub_html_text(s, a->target);
    yk_hub_html_raw(s, "</span></td><td data-h=\"之前 Before\"><pre>");
    yk_hub_html_text(s, a->before ? a->before : "—");
    yk_hub_html_raw(s, "</pre></td><td data-h=\"之后 After\"><pre>");
    yk_hub_html_text(s, a->after ? a->after : "—");
    yk_hub_html_raw(s, "</pre></td></tr>");
}

void yk_admin_audit_page(struct yk_admin_ctx *c)
{
    const char *q = yk_admin_query(c, "q");
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "操作记录", "Audit log");
    yk_hub_html_raw(&s,
                    "<form class=\"filters card\" method=\"get\" action=\"/admin/audit\"><label>"
                    "筛选 <span class=\"en\">Filter (who, what, which)</span><br><input name=\"q\" "
                    "value=\"");
    yk_hub_html_text(&s, q);
    yk_hub_html_raw(
        &s, "\"></label><button type=\"submit\">筛选 Filter</button></form><table "
            "class=\"rows\" id=\"audit\"><thead><tr><th>时间 When</th><th>账号 Who</th>"
            "<th>操作 What</th><th>之前 Before</th><th>之后 After</th></tr></thead><tbody>");
    struct list l = {c, &s, 0};
    int page = yk_admin_page_no(c);
    bool ok = yk_admin_audit(c->store, q, (page - 1) * YK_ADMIN_PAGE_ROWS, YK_ADMIN_PAGE_ROWS + 1,
                             audit_row, &l);
    yk_hub_html_raw(&s, "</tbody></table>");
    static const char *const keys[] = {"q", NULL};
    yk_admin_pager(c, &s, "/admin/audit", keys, page, l.n > YK_ADMIN_PAGE_ROWS);
    yk_admin_page_send_read(c, &s, ok, 200);
}
