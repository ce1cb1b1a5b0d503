/* Signing in and out, and passwords. The session id lives only in an HttpOnly,
 * SameSite=Strict cookie (Secure behind TLS) and as a hash in the store; the sign-in form
 * carries a token that must match a cookie it set (double submit), so a foreign page cannot
 * sign a browser in. Failed sign-ins lock the account and the address with growing pauses
 * (the kiosk's PIN guard: 5 free tries, then 30 s doubling up to 15 min). Neither passwords
 * nor session ids are ever logged. */
#include "hub/admin_internal.h"

#include "core/json.h"
#include "core/log.h"

#include <ctype.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool yk_admin_password_hash(const char *pw, char hash[128], char err[200])
{
    size_t n = pw ? strlen(pw) : 0, cps = 0;
    for (size_t i = 0; i < n; i++)
        cps += ((unsigned char)pw[i] & 0xc0) != 0x80;
    if (cps < YK_ADMIN_PASSWORD_MIN || n > YK_ADMIN_PASSWORD_MAX || !yk_json_utf8_valid(pw, n)) {
        snprintf(err, 200,
                 "密码至少 %d 个字符（最多 %d 字节）。 / A password needs at least %d "
                 "characters (%d bytes at most).",
                 YK_ADMIN_PASSWORD_MIN, YK_ADMIN_PASSWORD_MAX, YK_ADMIN_PASSWORD_MIN,
                 YK_ADMIN_PASSWORD_MAX);
        return false;
    }
    if (sodium_init() < 0 || crypto_pwhash_str(hash, pw, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                               crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        snprintf(err, 200,
                 "服务器内存不足，请稍后再试。 / The server is out of memory; try "
                 "again later.");
        return false;
    }
    return true;
}

/* A hash to verify against when the account does not exist, so that an unknown name takes
 * as long as a wrong password. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static void make_dummy(void)
{
    char pw[33];
    uint8_t b[16];
    randombytes_buf(b, sizeof b);
    for (int i = 0; i < 16; i++)
        snprintf(pw + 2 * i, 3, "%02x", b[i]);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

static void cookie(struct yk_admin_ctx *c, const char *name, const char *value, const char *path,
                   int max_age)
{
    char h[256];
    snprintf(h, sizeof h, "%s=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Strict%s", name, value,
             path, max_age, c->rq->tls ? "; Secure" : "");
    yk_admin_header(c, "Set-Cookie", h);
}

/* The forms used without a session (sign in, reset) carry a token that must match the
 * yk_login cookie the page set (double submit): a page elsewhere can post neither. */
static void pre_token_field(struct yk_admin_ctx *c, struct yk_hub_html *s)
{
    uint8_t b[16];
    char token[33];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(token, sizeof token, b, sizeof b);
    cookie(c, "yk_login", token, "/admin", 3600);
    yk_hub_html_raw(s, "<input type=\"hidden\" name=\"login_token\" value=\"");
    yk_hub_html_raw(s, token);
    yk_hub_html_raw(s, "\">");
}

static bool pre_token_ok(struct yk_admin_ctx *c)
{
    const char *token = yk_form_get(&c->form, "login_token");
    char want[40];
    if (token && strlen(token) == 32 && c->rq->cookie &&
        yk_cookie_get(c->rq->cookie, "yk_login", want, sizeof want) && strlen(want) == 32 &&
        sodium_memcmp(token, want, 32) == 0)
        return true;
    yk_admin_fail(c, 403, "表单已过期，请重新打开这一页。",
                  "The form has expired; open the page again.");
    return false;
}

static void message(struct yk_hub_html *s, const char *err_zh, const char *err_en)
{
    if (!err_zh)
        return;
    yk_hub_html_raw(s, "<div class=\"error\" id=\"login-error\"><p>");
    yk_hub_html_text(s, err_zh);
    yk_hub_html_raw(s, "</p><p class=\"en\">");
    yk_hub_html_text(s, err_en);
    yk_hub_html_raw(s, "</p></div>");
}

static void login_page(struct yk_admin_ctx *c, int status, const char *name, const char *err_zh,
                       const char *err_en)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "登录", "Sign in");
    yk_hub_html_raw(&s, "<div class=\"card login\">");
    if (yk_admin_query(c, "reset") && !err_zh)
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"reset-done\">新密码已设置，请登录。 "
                            "<span class=\"en\">Your new password is set: sign in.</span></div>");
    message(&s, err_zh, err_en);
    yk_hub_html_raw(&s, "<form method=\"post\" action=\"/admin/login\">");
    pre_token_field(c, &s);
    yk_hub_html_raw(&s, "<label for=\"name\">账号 <span class=\"en\">Name</span></label>"
                        "<input id=\"name\" name=\"name\" autocomplete=\"username\" required "
                        "maxlength=\"64\" value=\"");
    yk_hub_html_text(&s, name);
    yk_hub_html_raw(&s, "\"><label for=\"password\">密码 <span class=\"en\">Password</span></label>"
                        "<input id=\"password\" name=\"password\" type=\"password\" "
                        "autocomplete=\"current-password\" required>"
                        "<button type=\"submit\" id=\"login\">登录 Sign in</button></form>"
                        "<p class=\"hint\"><a href=\"/admin/reset\">用重置码设置新密码 <span "
                        "class=\"en\">Set a new password with a reset code</span></a></p></div>");
    yk_admin_page_send(c, &s, status);
}

static void key_for(char *out, size_t n, const char *kind, const char *v)
{
    snprintf(out, n, "%s:", kind);
    size_t k = strlen(out);
    for (; v && *v && k + 1 < n; v++)
        out[k++] = (char)tolower((unsigned char)*v);
    out[k] = '\0';
}

/* The sign-in guard's keys for an attempt on account name from the client's address (ukey,
 * akey), and how long (ms) the longer of their locks still runs (0: it may try now). */
static int64_t guard_wait(struct yk_admin_ctx *c, const char *name, char ukey[80], char akey[80])
{
    key_for(ukey, 80, "u", name);
    key_for(akey, 80, "a", c->rq->client_addr ? c->rq->client_addr : "?");
    int64_t wait = yk_admin_guard_wait_ms(c->store, ukey, c->now * 1000);
    int64_t wait_a = yk_admin_guard_wait_ms(c->store, akey, c->now * 1000);
    return wait_a > wait ? wait_a : wait;
}

static void login_post(struct yk_admin_ctx *c)
{
    if (!pre_token_ok(c))
        return;
    const char *name = yk_form_get(&c->form, "name");
    const char *pw = yk_form_get(&c->form, "password");
    if (!name || !*name || strlen(name) > YK_ADMIN_NAME_MAX || !pw || !*pw ||
        strlen(pw) > YK_ADMIN_PASSWORD_MAX) {
        login_page(c, 400, name && strlen(name) <= YK_ADMIN_NAME_MAX ? name : "",
                   "请填写账号和密码。", "Enter your name and password.");
        return;
    }
    char ukey[80], akey[80];
    int64_t now_ms = c->now * 1000, wait = guard_wait(c, name, ukey, akey);
    if (wait > 0) {
        char zh[160], en[160];
        long long sec = (long long)((wait + 999) / 1000);
        snprintf(zh, sizeof zh, "密码错误次数太多。请 %lld 秒后再试。", sec);
        snprintf(en, sizeof en, "Too many wrong passwords. Try again in %lld s.", sec);
        c->rs->retry_after_s = sec;
        login_page(c, 429, name, zh, en);
        return;
    }
    struct yk_admin_user u;
    char hash[YK_ADMIN_HASH_MAX];
    enum yk_hub_rc rc = yk_admin_user_find(c->store, name, &u, hash);
    if (rc == YK_HUB_ERROR) {
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    bool known = rc == YK_HUB_OK && u.active;
    if (!known) {
        static pthread_once_t once = PTHREAD_ONCE_INIT;
        pthread_once(&once, make_dummy);
        snprintf(hash, sizeof hash, "%s", dummy_hash);
    }
    bool right = hash[0] && crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0 && known;
    sodium_memzero(hash, sizeof hash);
    if (!right) {
        int64_t lock = yk_admin_guard_fail(c->store, ukey, now_ms);
        int64_t lock_a = yk_admin_guard_fail(c->store, akey, now_ms);
        yk_warn("hub-admin", "sign-in refused%s%s from %s%s", known ? " for " : "",
                known ? u.name : " (no such active account)",
                c->rq->client_addr ? c->rq->client_addr : "?",
                lock || lock_a ? ": locked for a while" : "");
        login_page(c, 200, name, "账号或密码不对。", "Wrong name or password.");
        return;
    }
    yk_admin_guard_clear(c->store, ukey);
    char sid[YK_ADMIN_SID_LEN + 1], csrf[YK_ADMIN_CSRF_LEN + 1];
    if (yk_admin_session_new(c->store, u.id, c->now, sid, csrf) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    yk_info("hub-admin", "%s signed in from %s", u.name,
            c->rq->client_addr ? c->rq->client_addr : "?");
    cookie(c, "yk_admin", sid, "/admin", YK_ADMIN_MAX_S);
    cookie(c, "yk_login", "x", "/admin", 0);
    sodium_memzero(sid, sizeof sid);
    sodium_memzero(csrf, sizeof csrf);
    yk_admin_redirect(c, "/admin/events");
}

void yk_admin_login(struct yk_admin_ctx *c)
{
    if (strcmp(c->rq->method, "POST") == 0)
        login_post(c);
    else if (c->signed_in)
        yk_admin_redirect(c, "/admin/events");
    else
        login_page(c, 200, "", NULL, NULL);
}

void yk_admin_logout(struct yk_admin_ctx *c)
{
    char sid[YK_ADMIN_SID_LEN + 1];
    if (c->rq->cookie && yk_cookie_get(c->rq->cookie, "yk_admin", sid, sizeof sid))
        yk_admin_session_end(c->store, sid);
    sodium_memzero(sid, sizeof sid);
    cookie(c, "yk_admin", "x", "/admin", 0);
    yk_admin_redirect(c, "/admin/login");
}

/* The new password and its repetition, as the password change and the reset both ask them. */
/* The end of a form that sets a password: the new password twice, then end (the submit
 * button and the closing tags, from the code); sends the page with status. */
static void new_password_end(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *end,
                             int status)
{
    yk_hub_html_raw(
        s, "<label for=\"new\">新密码 <span class=\"en\">New password</span></label>"
           "<input id=\"new\" name=\"new\" type=\"password\" autocomplete=\"new-password\" "
           "required minlength=\"10\"><p class=\"hint\">至少 10 个字符 · at least 10 "
           "characters</p><label for=\"new2\">再输一次 <span class=\"en\">Again</span>"
           "</label><input id=\"new2\" name=\"new2\" type=\"password\" "
           "autocomplete=\"new-password\" required minlength=\"10\">");
    yk_hub_html_raw(s, end);
    yk_admin_page_send(c, s, status);
}

static void password_form(struct yk_admin_ctx *c, int status, const char *err, bool done)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "修改密码", "Change your password");
    if (done)
        yk_hub_html_raw(&s,
                        "<div class=\"notice\" id=\"done\">密码已修改。 <span class=\"en\">Your "
                        "password was changed.</span></div>");
    if (err) {
        yk_hub_html_raw(&s, "<div class=\"error\">");
        yk_hub_html_text(&s, err);
        yk_hub_html_raw(&s, "</div>");
    }
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" action=\"/admin/password\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<label for=\"current\">当前密码 <span class=\"en\">Current password</span>"
                        "</label><input id=\"current\" name=\"current\" type=\"password\" "
                        "autocomplete=\"current-password\" required>");
    new_password_end(c, &s, "<button type=\"submit\">保存 Save</button></form>", status);
}

void yk_admin_password(struct yk_admin_ctx *c)
{
    if (strcmp(c->rq->method, "POST") != 0) {
        password_form(c, 200, NULL, false);
        return;
    }
    const char *cur = yk_form_get(&c->form, "current"), *pw = yk_form_get(&c->form, "new"),
               *pw2 = yk_form_get(&c->form, "new2");
    struct yk_admin_user u;
    char hash[YK_ADMIN_HASH_MAX], err[200];
    if (!cur || !pw || !pw2 || yk_admin_user_find(c->store, c->user.name, &u, hash) != YK_HUB_OK ||
        crypto_pwhash_str_verify(hash, cur, strlen(cur)) != 0) {
        password_form(c, 400, "当前密码不对。 / The current password is wrong.", false);
        return;
    }
    if (strcmp(pw, pw2) != 0) {
        password_form(c, 400, "两次输入的新密码不一样。 / The two new passwords differ.", false);
        return;
    }
    if (!yk_admin_password_hash(pw, hash, err)) {
        password_form(c, 400, err, false);
        return;
    }
    enum yk_hub_rc rc = yk_admin_user_set_password(c->store, c->user.name, u.id, hash, c->now);
    sodium_memzero(hash, sizeof hash);
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    /* Every session of the account ended with the change: sign in again. */
    cookie(c, "yk_admin", "x", "/admin", 0);
    yk_admin_redirect(c, "/admin/login");
}

/* A password reset with the one-time code an admin gave (no session): the same guard as
 * signing in (a wrong code counts as a wrong password). */
static void reset_page(struct yk_admin_ctx *c, int status, const char *err_zh, const char *err_en)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "设置新密码", "Set a new password");
    yk_hub_html_raw(&s, "<div class=\"card login\">");
    message(&s, err_zh, err_en);
    yk_hub_html_raw(&s, "<form method=\"post\" action=\"/admin/reset\">");
    pre_token_field(c, &s);
    yk_hub_html_raw(
        &s, "<label for=\"name\">账号 <span class=\"en\">Name</span></label><input id=\"name\" "
            "name=\"name\" autocomplete=\"username\" required maxlength=\"64\"><label "
            "for=\"code\">重置码 <span class=\"en\">Reset code</span></label><input id=\"code\" "
            "name=\"code\" autocomplete=\"one-time-code\" required maxlength=\"40\">");
    new_password_end(c, &s, "<button type=\"submit\" id=\"reset\">保存 Save</button></form></div>",
                     status);
}

void yk_admin_reset(struct yk_admin_ctx *c)
{
    if (strcmp(c->rq->method, "POST") != 0) {
        reset_page(c, 200, NULL, NULL);
        return;
    }
    if (!pre_token_ok(c))
        return;
    const char *name = yk_form_get(&c->form, "name"), *code = yk_form_get(&c->form, "code"),
               *pw = yk_form_get(&c->form, "new"), *pw2 = yk_form_get(&c->form, "new2");
    if (!name || !*name || strlen(name) > YK_ADMIN_NAME_MAX || !code || !pw || !pw2) {
        reset_page(c, 400, "请填写每一项。", "Fill in every field.");
        return;
    }
    char ukey[80], akey[80];
    int64_t now_ms = c->now * 1000, wait = guard_wait(c, name, ukey, akey);
    if (wait > 0) {
        c->rs->retry_after_s = (wait + 999) / 1000;
        reset_page(c, 429, "尝试次数太多，请稍后再试。", "Too many tries; try again later.");
        return;
    }
    char hash[YK_ADMIN_HASH_MAX], err[200];
    if (strcmp(pw, pw2) != 0) {
        reset_page(c, 400, "两次输入的新密码不一样。", "The two new passwords differ.");
        return;
    }
    if (!yk_admin_password_hash(pw, hash, err)) {
        reset_page(c, 400, err, "");
        return;
    }
    enum yk_hub_rc rc = yk_admin_user_reset_use(c->store, name, code, hash, c->now);
    sodium_memzero(hash, sizeof hash);
    if (rc == YK_HUB_NOT_FOUND) {
        yk_admin_guard_fail(c->store, ukey, now_ms);
        yk_admin_guard_fail(c->store, akey, now_ms);
        yk_warn("hub-admin", "password reset refused from %s",
                c->rq->client_addr ? c->rq->client_addr : "?");
        reset_page(c, 400, "账号或重置码不对，或重置码已过期。",
                   "Wrong name or code, or the code has expired.");
        return;
    }
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    yk_admin_guard_clear(c->store, ukey);
    yk_info("hub-admin", "%s set a new password with a reset code", name);
    yk_admin_redirect(c, "/admin/login?reset=1");
}
