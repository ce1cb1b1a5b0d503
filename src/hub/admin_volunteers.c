/* Volunteers per station: add (with a PIN), rename, deactivate, set a new PIN, and their
 * duty hours per month (from the duty records kiosks push; also as CSV). Only the PIN's hash
 * (crypto_pwhash_str, as the kiosk checks it) is stored and travels to kiosks; the PIN itself
 * is never stored, shown again or logged. Staff manage their own station's. */
#include "hub/admin_fields.h"

#include "core/ids.h"
#include "core/log.h"
#include "core/volunteer.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct list {
    struct yk_admin_ctx *c;
    struct yk_hub_html *s;
    int n;
};

static void row(void *ctx, const struct yk_admin_volunteer *v)
{
    struct list *l = ctx;
    struct yk_hub_html *s = l->s;
    l->n++;
    yk_hub_html_raw(s, "<tr><td data-h=\"姓名 Name\"><a href=\"/admin/volunteers/");
    yk_hub_html_text(s, v->id);
    yk_hub_html_raw(s, "\">");
    yk_hub_html_text(s, v->name_zh);
    yk_hub_html_raw(s, "</a>");
    if (v->name_en[0]) {
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, v->name_en);
        yk_hub_html_raw(s, "</span>");
    }
    yk_hub_html_raw(s, "</td><td data-h=\"站点 Station\">");
    yk_hub_html_text(s, v->station_id[0] ? v->station_id : "—");
    yk_hub_html_raw(s, "</td><td data-h=\"状态 State\">");
    yk_hub_html_raw(s, v->active ? "<span class=\"tag ok\">在岗 active</span>"
                                 : "<span class=\"tag no\">停用 inactive</span>");
    char duty[24];
    yk_admin_duty_text(v->duty_min, duty);
    yk_hub_html_raw(s, "</td><td data-h=\"值班 Duty\" class=\"duty\">");
    yk_hub_html_text(s, duty);
    yk_hub_html_raw(s, " <span class=\"en\">· ");
    yk_admin_html_int(s, v->duties);
    yk_hub_html_raw(s, " 次 shifts</span></td></tr>");
}

/* One CSV line per volunteer: the month, station, names, duty (h:mm, minutes), shifts. */
struct csv {
    struct yk_hub_html *s;
    const char *month;
};

static void csv_row(void *ctx, const struct yk_admin_volunteer *v)
{
    struct csv *x = ctx;
    char duty[24], min[24], n[24];
    yk_admin_duty_text(v->duty_min, duty);
    snprintf(min, sizeof min, "%lld", (long long)v->duty_min);
    snprintf(n, sizeof n, "%lld", (long long)v->duties);
    yk_admin_csv_cell(x->s, x->month, false);
    yk_admin_csv_cell(x->s, v->station_id, false);
    yk_admin_csv_cell(x->s, v->name_zh, false);
    yk_admin_csv_cell(x->s, v->name_en, false);
    yk_admin_csv_cell(x->s, duty, false);
    yk_admin_csv_cell(x->s, min, false);
    yk_admin_csv_cell(x->s, n, true);
}

void yk_admin_volunteers_csv(struct yk_admin_ctx *c)
{
    char month[8];
    int64_t from, to;
    yk_admin_month(c, month, &from, &to);
    struct yk_hub_html s = {0};
    yk_hub_html_raw(&s, "\xEF\xBB\xBF\"月份 Month\",\"站点 Station\",\"姓名 Name\",\"英文名 Name "
                        "(English)\",\"值班 Duty (h:mm)\",\"分钟 Minutes\",\"次数 Shifts\"\r\n");
    struct csv x = {&s, month};
    if (!yk_admin_volunteers(c->store, yk_admin_scope(c), from, to, csv_row, &x))
        s.failed = true;
    char name[32];
    snprintf(name, sizeof name, "duty-%s.csv", month);
    yk_admin_send_csv(c, &s, name);
}

static void pin_inputs(struct yk_hub_html *s)
{
    yk_hub_html_raw(
        s, "<div><label for=\"pin\">PIN（4–12 位数字）<span class=\"en\">PIN (4–12 "
           "digits)</span></label><input id=\"pin\" name=\"pin\" type=\"password\" "
           "inputmode=\"numeric\" autocomplete=\"new-password\" required minlength=\"4\" "
           "maxlength=\"12\"></div><div><label for=\"pin2\">再输一次 <span "
           "class=\"en\">Again</span></label><input id=\"pin2\" name=\"pin2\" "
           "type=\"password\" inputmode=\"numeric\" autocomplete=\"new-password\" required "
           "minlength=\"4\" maxlength=\"12\"></div>");
}

static void list_page(struct yk_admin_ctx *c, int status, const char *err)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "志愿者", "Volunteers");
    yk_admin_notice_saved(c, &s);
    char month[8];
    int64_t from, to;
    yk_admin_month(c, month, &from, &to);
    yk_hub_html_raw(&s, "<form class=\"filters card\" method=\"get\" action=\"/admin/volunteers\">"
                        "<label>值班月份 <span class=\"en\">Duty in the month</span><br><input "
                        "name=\"month\" id=\"month\" inputmode=\"numeric\" placeholder=\"2026-12\" "
                        "value=\"");
    yk_hub_html_text(&s, month);
    yk_hub_html_raw(&s, "\"></label><button type=\"submit\">查看 Show</button><a class=\"btn alt\" "
                        "id=\"duty-csv\" href=\"/admin/volunteers.csv?month=");
    yk_hub_html_text(&s, month);
    yk_hub_html_raw(&s, "\">导出 CSV Export</a></form>");
    yk_hub_html_raw(&s, "<table class=\"rows\" id=\"volunteers\"><thead><tr><th>姓名 Name</th><th>"
                        "站点 Station</th><th>状态 State</th><th>值班 ");
    yk_hub_html_text(&s, month);
    yk_hub_html_raw(&s, " <span class=\"en\">Duty (h:mm)</span></th></tr></thead><tbody>");
    struct list l = {c, &s, 0};
    bool ok = yk_admin_volunteers(c->store, yk_admin_scope(c), from, to, row, &l);
    yk_hub_html_raw(&s,
                    "</tbody></table><p class=\"hint\">值班时长来自各自助机上传的值班记录，按开始"
                    "的月份计；尚未结束的值班计次数不计时长。 <span class=\"en\">Duty comes "
                    "from the records kiosks push, by the month it began; a duty not yet ended "
                    "counts as a shift without hours.</span></p>");
    yk_hub_html_raw(&s, "<h2>添加志愿者 <span class=\"en\">Add a volunteer</span></h2>");
    if (err) {
        yk_hub_html_raw(&s, "<div class=\"error\" id=\"form-error\">");
        yk_hub_html_text(&s, err);
        yk_hub_html_raw(&s, "</div>");
    }
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" action=\"/admin/volunteers\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s,
                    "<div class=\"grid2\"><div><label for=\"name_zh\">姓名 <span class=\"en\">Name"
                    "</span> *</label><input id=\"name_zh\" name=\"name_zh\" required "
                    "maxlength=\"60\" value=\"");
    yk_hub_html_text(&s, err ? yk_form_get(&c->form, "name_zh") : NULL);
    yk_hub_html_raw(&s,
                    "\"></div><div><label for=\"name_en\">英文名 <span class=\"en\">Name in "
                    "English</span></label><input id=\"name_en\" name=\"name_en\" maxlength=\"60\" "
                    "value=\"");
    yk_hub_html_text(&s, err ? yk_form_get(&c->form, "name_en") : NULL);
    yk_hub_html_raw(&s, "\"></div>");
    if (!yk_admin_scope(c)) {
        yk_hub_html_raw(&s, "<div><label for=\"station\">站点 <span class=\"en\">Station</span> *"
                            "</label><select id=\"station\" name=\"station\" required>");
        yk_admin_options(c, &s, "stations", err ? yk_form_get(&c->form, "station") : NULL);
        yk_hub_html_raw(&s, "</select></div><div></div>");
    }
    pin_inputs(&s);
    yk_hub_html_raw(&s,
                    "</div><button type=\"submit\" id=\"add-volunteer\">添加 Add</button></form>");
    yk_admin_page_send_read(c, &s, ok, status);
}

/* The posted PIN, checked and hashed into hash; else the message. */
static const char *pin_hash(struct yk_admin_ctx *c, char hash[YK_PIN_HASH_MAX])
{
    const char *pin = yk_form_get(&c->form, "pin"), *pin2 = yk_form_get(&c->form, "pin2");
    size_t n = pin ? strlen(pin) : 0;
    if (!pin || !pin2 || strcmp(pin, pin2) != 0)
        return "两次输入的 PIN 不一样。 / The two PINs differ.";
    if (n < YK_PIN_MIN_LEN || n > YK_PIN_MAX_LEN || strspn(pin, "0123456789") != n)
        return "PIN 须为 4–12 位数字。 / A PIN is 4–12 digits.";
    if (!yk_volunteer_hash_pin(pin, hash))
        return "服务器内存不足，请稍后再试。 / The server is out of memory; try again later.";
    return NULL;
}

static void add(struct yk_admin_ctx *c)
{
    const char *zh = yk_form_get(&c->form, "name_zh"), *en = yk_form_get(&c->form, "name_en");
    const char *station = yk_admin_scope(c) ? yk_admin_scope(c) : yk_form_get(&c->form, "station");
    if (!zh || !*zh || strlen(zh) > 180 || (en && strlen(en) > 180)) {
        list_page(c, 400, "请填写姓名（最多 60 个字）。 / Enter a name (60 characters at most).");
        return;
    }
    if (!station || !yk_admin_ref_exists(c, "stations", station)) {
        list_page(c, 400, "请选择站点。 / Choose a station.");
        return;
    }
    char hash[YK_PIN_HASH_MAX];
    const char *err = pin_hash(c, hash);
    if (err) {
        list_page(c, 400, err);
        return;
    }
    char id[YK_ID_LEN + 1], e2[160];
    yk_id_make(id, (long long)c->now * 1000);
    struct yk_admin_row set = {0};
    yk_admin_row_set(&set, "name_zh", zh);
    yk_admin_row_set(&set, "name_en", en && *en ? en : NULL);
    yk_admin_row_set(&set, "pin_hash", hash);
    sodium_memzero(hash, sizeof hash);
    enum yk_hub_rc rc = yk_admin_row_save(c->store, c->user.name, "volunteer.add", "volunteers", id,
                                          &set, true, station, c->now, e2);
    yk_admin_row_free(&set);
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, 503, "保存失败。", "Not saved.");
        return;
    }
    yk_admin_redirect(c, "/admin/volunteers?done=1");
}

static void one_page(struct yk_admin_ctx *c, const char *id, const char *station, int status,
                     const char *err)
{
    struct yk_admin_row r;
    if (yk_admin_row_get(c->store, "volunteers", id, &r) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "志愿者", "Volunteer");
    if (err) {
        yk_hub_html_raw(&s, "<div class=\"error\" id=\"form-error\">");
        yk_hub_html_text(&s, err);
        yk_hub_html_raw(&s, "</div>");
    }
    yk_hub_html_raw(&s, "<div class=\"card\"><p><strong>");
    yk_hub_html_text(&s, yk_admin_row_val(&r, "name_zh"));
    yk_hub_html_raw(&s, "</strong> ");
    yk_hub_html_text(&s, yk_admin_row_val(&r, "name_en"));
    yk_hub_html_raw(&s, "<br>");
    yk_hub_html_text(&s, station[0] ? station : "—");
    bool active =
        yk_admin_row_val(&r, "active") && strcmp(yk_admin_row_val(&r, "active"), "1") == 0;
    yk_hub_html_raw(&s, "</p><form method=\"post\" action=\"/admin/volunteers/");
    yk_hub_html_text(&s, id);
    yk_hub_html_raw(&s, "/active\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(
        &s, active ? "<input type=\"hidden\" name=\"active\" value=\"0\"><button "
                     "class=\"alt\" type=\"submit\" id=\"deactivate\">停用 Deactivate</button>"
                   : "<input type=\"hidden\" name=\"active\" value=\"1\"><button "
                     "class=\"alt\" type=\"submit\" id=\"activate\">启用 Activate</button>");
    yk_hub_html_raw(&s,
                    "</form></div><h2>设置新 PIN <span class=\"en\">Set a new PIN</span></h2><form "
                    "class=\"card\" method=\"post\" action=\"/admin/volunteers/");
    yk_hub_html_text(&s, id);
    yk_hub_html_raw(&s, "/pin\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<div class=\"grid2\">");
    pin_inputs(&s);
    yk_hub_html_raw(&s,
                    "</div><button type=\"submit\" id=\"set-pin\">保存 Save</button><a class=\"btn "
                    "alt\" href=\"/admin/volunteers\">返回 Back</a></form>");
    yk_admin_row_free(&r);
    yk_admin_page_send(c, &s, status);
}

void yk_admin_volunteers_page(struct yk_admin_ctx *c, const char *rest)
{
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (*rest == '\0') {
        if (post)
            add(c);
        else
            list_page(c, 200, NULL);
        return;
    }
    char id[64], station[64];
    const char *p = rest + 1, *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    if (n == 0 || n >= sizeof id) {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    memcpy(id, p, n);
    id[n] = '\0';
    if (!yk_admin_volunteer_access(c, id, station))
        return;
    struct yk_admin_row set = {0};
    const char *action = NULL, *err = NULL;
    char hash[YK_PIN_HASH_MAX];
    if (!slash && !post) {
        one_page(c, id, station, 200, NULL);
        return;
    } else if (slash && post && strcmp(slash, "/active") == 0) {
        const char *a = yk_form_get(&c->form, "active");
        if (!a || (strcmp(a, "0") != 0 && strcmp(a, "1") != 0))
            err = "不能这样更改。 / This cannot be changed so.";
        yk_admin_row_set(&set, "active", a);
        action = a && a[0] == '1' ? "volunteer.activate" : "volunteer.deactivate";
    } else if (slash && post && strcmp(slash, "/pin") == 0) {
        err = pin_hash(c, hash);
        if (!err)
            yk_admin_row_set(&set, "pin_hash", hash);
        sodium_memzero(hash, sizeof hash);
        action = "volunteer.pin";
    } else {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    char e2[160];
    if (err) {
        yk_admin_row_free(&set);
        one_page(c, id, station, 400, err);
        return;
    }
    enum yk_hub_rc rc = yk_admin_row_save(c->store, c->user.name, action, "volunteers", id, &set,
                                          false, NULL, c->now, e2);
    yk_admin_row_free(&set);
    if (rc == YK_HUB_OK)
        yk_admin_redirect(c, "/admin/volunteers?done=1");
    else if (rc == YK_HUB_NOT_FOUND && e2[0]) /* deleted meanwhile */
        yk_admin_fail_msg(c, 404, e2);
    else
        yk_admin_fail(c, 503, "保存失败。", "Not saved.");
}
