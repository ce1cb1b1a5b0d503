/* Operator accounts (admins only; the router refuses staff): list, add, (de)activate. */
#include "hub/admin_fields.h"

#include "core/log.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void page(struct yk_admin_ctx *c, int status, const char *err, const char *done)
{
    struct yk_admin_user users[200];
    int n = yk_admin_users(c->store, users, 200);
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "账号", "Accounts");
    if (done) {
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"done\">");
        yk_hub_html_text(&s, done);
        yk_hub_html_raw(&s, "</div>");
    }
    yk_hub_html_raw(&s,
                    "<table class=\"rows\" id=\"users\"><thead><tr><th>账号 Name</th><th>角色 Role"
                    "</th><th>站点 Station</th><th>状态 State</th><th></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct yk_admin_user *u = &users[i];
        yk_hub_html_raw(&s, "<tr><td data-h=\"账号 Name\">");
        yk_hub_html_text(&s, u->name);
        yk_hub_html_raw(&s, "</td><td data-h=\"角色 Role\">");
        yk_hub_html_raw(&s, strcmp(u->role, "admin") == 0
                                ? "街道管理员 <span class=\"en\">admin</span>"
                                : "站点工作人员 <span class=\"en\">staff</span>");
        yk_hub_html_raw(&s, "</td><td data-h=\"站点 Station\">");
        yk_hub_html_text(&s, u->station_id);
        yk_hub_html_raw(&s, "</td><td data-h=\"状态 State\">");
        yk_hub_html_raw(&s, u->active ? "<span class=\"tag ok\">启用 active</span>"
                                      : "<span class=\"tag no\">停用 inactive</span>");
        yk_hub_html_raw(&s, "</td><td>");
        if (u->id != c->user.id) {
            yk_hub_html_raw(&s, "<form class=\"inline\" method=\"post\" action=\"/admin/users/");
            yk_admin_html_int(&s, u->id);
            yk_hub_html_raw(&s, "/active\">");
            yk_admin_csrf_field(c, &s);
            yk_hub_html_raw(
                &s, u->active ? "<input type=\"hidden\" name=\"active\" value=\"0\">"
                                "<button class=\"alt\" type=\"submit\">停用 Deactivate</button>"
                              : "<input type=\"hidden\" name=\"active\" value=\"1\">"
                                "<button class=\"alt\" type=\"submit\">启用 Activate</button>");
            yk_hub_html_raw(&s, "</form><form class=\"inline\" method=\"post\" "
                                "action=\"/admin/users/");
            yk_admin_html_int(&s, u->id);
            yk_hub_html_raw(&s, "/reset\">");
            yk_admin_csrf_field(c, &s);
            yk_hub_html_raw(&s, "<button class=\"alt\" type=\"submit\">重置密码 Reset password"
                                "</button></form>");
        }
        yk_hub_html_raw(&s, "</td></tr>");
    }
    yk_hub_html_raw(&s,
                    "</tbody></table><h2>添加账号 <span class=\"en\">Add an account</span></h2>");
    if (err) {
        yk_hub_html_raw(&s, "<div class=\"error\" id=\"user-error\">");
        yk_hub_html_text(&s, err);
        yk_hub_html_raw(&s, "</div>");
    }
    const char *name = err ? yk_form_get(&c->form, "name") : NULL;
    const char *role = err ? yk_form_get(&c->form, "role") : NULL;
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" action=\"/admin/users\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<div class=\"grid2\"><div><label for=\"name\">账号 <span class=\"en\">Name"
                        "</span></label><input id=\"name\" name=\"name\" required maxlength=\"64\" "
                        "autocomplete=\"off\" value=\"");
    yk_hub_html_text(&s, name);
    yk_hub_html_raw(&s,
                    "\"></div><div><label for=\"role\">角色 <span class=\"en\">Role</span></label>"
                    "<select id=\"role\" name=\"role\"><option value=\"staff\">站点工作人员 · "
                    "station staff</option><option value=\"admin\"");
    yk_hub_html_raw(&s, role && strcmp(role, "admin") == 0 ? " selected" : "");
    yk_hub_html_raw(&s,
                    ">街道管理员 · subdistrict admin</option></select></div><div><label "
                    "for=\"station\">站点 <span class=\"en\">Station (staff)</span></label><select "
                    "id=\"station\" name=\"station\"><option value=\"\">—</option>");
    yk_admin_options(c, &s, "stations", err ? yk_form_get(&c->form, "station") : NULL);
    yk_hub_html_raw(&s,
                    "</select></div><div></div><div><label for=\"password\">初始密码 <span "
                    "class=\"en\">First password</span></label><input id=\"password\" "
                    "name=\"password\" type=\"password\" autocomplete=\"new-password\" required "
                    "minlength=\"10\"><p class=\"hint\">至少 10 个字符；本人登录后可自行修改 · at "
                    "least 10 characters; they change it after signing in</p></div><div><label "
                    "for=\"password2\">再输一次 <span class=\"en\">Again</span></label><input "
                    "id=\"password2\" name=\"password2\" type=\"password\" "
                    "autocomplete=\"new-password\" required minlength=\"10\"></div></div>"
                    "<button type=\"submit\" id=\"add-user\">添加 Add</button></form>");
    yk_admin_page_send(c, &s, status);
}

static void add(struct yk_admin_ctx *c)
{
    const char *name = yk_form_get(&c->form, "name"), *role = yk_form_get(&c->form, "role"),
               *station = yk_form_get(&c->form, "station"), *pw = yk_form_get(&c->form, "password"),
               *pw2 = yk_form_get(&c->form, "password2");
    if (!pw || !pw2 || strcmp(pw, pw2) != 0) {
        page(c, 400, "两次输入的密码不一样。 / The two passwords differ.", NULL);
        return;
    }
    bool staff = role && strcmp(role, "staff") == 0;
    if (staff && (!station || !*station)) {
        page(c, 400, "站点工作人员需要选择站点。 / Staff need a station.", NULL);
        return;
    }
    char hash[YK_ADMIN_HASH_MAX], err[200];
    if (!yk_admin_password_hash(pw, hash, err)) {
        page(c, 400, err, NULL);
        return;
    }
    char e2[160];
    enum yk_hub_rc rc = yk_admin_user_add(c->store, c->user.name, name, role,
                                          staff ? station : NULL, hash, c->now, e2);
    sodium_memzero(hash, sizeof hash);
    if (rc == YK_HUB_INVALID) {
        page(c, 400, e2, NULL);
        return;
    }
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    yk_info("hub-admin", "%s added the account %s (%s)", c->user.name, name, role);
    yk_admin_redirect(c, "/admin/users?done=1");
}

void yk_admin_users_page(struct yk_admin_ctx *c, const char *rest)
{
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (*rest == '\0') {
        if (post)
            add(c);
        else
            page(c, 200, NULL, yk_admin_query(c, "done") ? "已保存。 Saved." : NULL);
        return;
    }
    char *end = NULL;
    long long id = strtoll(rest + 1, &end, 10);
    if (post && end && strcmp(end, "/active") == 0 && id > 0) {
        const char *a = yk_form_get(&c->form, "active");
        if (id == c->user.id || !a || (strcmp(a, "0") != 0 && strcmp(a, "1") != 0)) {
            yk_admin_fail(c, 400, "不能这样更改这个账号。", "This account cannot be changed so.");
            return;
        }
        enum yk_hub_rc rc =
            yk_admin_user_set_active(c->store, c->user.name, id, a[0] == '1', c->now);
        if (rc == YK_HUB_OK)
            yk_admin_redirect(c, "/admin/users?done=1");
        else
            yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "没有这个账号，或数据库出错。",
                          "No such account, or the database failed.");
        return;
    }
    if (post && end && strcmp(end, "/reset") == 0 && id > 0 && id != c->user.id) {
        char code[YK_ADMIN_RESET_LEN + 1];
        struct yk_admin_user u;
        enum yk_hub_rc rc = yk_admin_user_get(c->store, id, &u);
        if (rc == YK_HUB_OK)
            rc = yk_admin_user_reset_new(c->store, c->user.name, id, c->now, code);
        if (rc != YK_HUB_OK) {
            yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "没有这个账号，或数据库出错。",
                          "No such account, or the database failed.");
            return;
        }
        struct yk_hub_html s = {0};
        yk_admin_page_begin(c, &s, "重置密码", "Password reset");
        yk_hub_html_raw(&s, "<div class=\"notice\"><p>把这个一次性重置码交给 ");
        yk_hub_html_text(&s, u.name);
        yk_hub_html_raw(&s, "（只显示这一次，24 小时内有效）。本人在登录页点“用重置码设置新密码”，"
                            "输入账号、重置码和新密码。旧密码在重置码使用前仍然有效。<br><span "
                            "class=\"en\">Give this one-time code to the account's owner (shown "
                            "only this once, valid for 24 hours). They choose \"Set a new password "
                            "with a reset code\" on the sign-in page. The old password works until "
                            "the code is used.</span></p><p class=\"code\" id=\"reset-code\">");
        char shown[YK_ADMIN_RESET_LEN + 4];
        snprintf(shown, sizeof shown, "%.4s-%.4s-%.4s-%.4s", code, code + 4, code + 8, code + 12);
        yk_hub_html_text(&s, shown);
        yk_hub_html_raw(&s, "</p></div><p><a class=\"btn alt\" href=\"/admin/users\">返回 "
                            "Back</a></p>");
        sodium_memzero(code, sizeof code);
        sodium_memzero(shown, sizeof shown);
        yk_admin_page_send(c, &s, 200);
        return;
    }
    yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
}
