/* Shared content in the admin beyond its forms: the preview of each kind as a kiosk shows it
 * (sites, stations, blocks, service lines, services), and deleting (tombstoning) one, which a
 * headless kiosk no longer shows after its next sync. Against the real hub on the sample
 * content. */
#include "admin_client.h"

#include <sys/stat.h>

/* GET path as s (NULL: no session), which must answer 200. */
static struct ans get_ok(const char *path, const struct session *s)
{
    struct ans a = req(path, s ? s->cookie : NULL, NULL);
    CHECK_EQ_INT(a.status, 200);
    return a;
}

/* The Chinese and English screens of a preview page: zh before en, each ending at the next. */
static void screens(const struct ans *a, const char **zh, const char **en)
{
    *zh = strstr(a->body, "id=\"preview-zh\"");
    *en = strstr(a->body, "id=\"preview-en\"");
    CHECK(*zh && *en && *zh < *en);
    if (!*zh || !*en)
        *zh = *en = "";
}

static void previews(const struct session *adm, const struct session *st)
{
    const char *zh, *en;
    /* A site: the kiosk's labels in its order, its texts in each language. */
    struct ans a = get_ok("/admin/content/sites/expo-museum/preview", adm);
    screens(&a, &zh, &en);
    CHECK(strstr(zh, "<div class=\"k-head\">世博会博物馆</div>") != NULL);
    CHECK(strstr(en, "<div class=\"k-head\">World Expo Museum</div>") != NULL);
    const char *loc = strstr(zh, "<dt>位置</dt>"), *hours = strstr(zh, "<dt>开放时间</dt>");
    const char *book = strstr(zh, "<dt>预约</dt>");
    CHECK(loc && hours && book && loc < hours && hours < book && book < en);
    CHECK(strstr(zh, "周二至周日") != NULL && strstr(en, "Tuesday to Sunday") != NULL);
    CHECK(strstr(en, "<dt>Opening hours</dt>") != NULL);
    CHECK(strstr(a.body, "href=\"/admin/content/sites/expo-museum/edit\"") != NULL);
    ans_free(&a);
    /* The edit form links to it. */
    a = get_ok("/admin/content/sites/expo-museum/edit", adm);
    CHECK(strstr(a.body, "href=\"/admin/content/sites/expo-museum/preview\"") != NULL);
    ans_free(&a);

    /* A service: contact under the kiosk's label. */
    a = get_ok("/admin/content/services/emergency-numbers/preview", adm);
    screens(&a, &zh, &en);
    CHECK(strstr(zh, "<dt>联系方式</dt><dd>110 · 119 · 120</dd>") != NULL);
    CHECK(strstr(en, "<dt>Contact</dt><dd>110 · 119 · 120</dd>") != NULL);
    CHECK(strstr(zh, "报警 110") != NULL && strstr(en, "Police 110") != NULL);
    ans_free(&a);

    /* A service line: its summary, then its own services and no other line's. */
    a = get_ok("/admin/content/service_lines/safe/preview", adm);
    screens(&a, &zh, &en);
    CHECK(strstr(zh, "<div class=\"k-head\">平安滨江</div>") != NULL);
    CHECK(strstr(zh, "紧急电话") != NULL && strstr(zh, "AED 自动体外除颤器") != NULL);
    CHECK(strstr(en, "Emergency numbers") != NULL && strstr(a.body, "公共厕所") == NULL);
    ans_free(&a);

    /* A block: the four parts the kiosk shows. */
    a = get_ok("/admin/content/blocks/chuangyi/preview", adm);
    screens(&a, &zh, &en);
    CHECK(strstr(zh, "<dt>位置</dt>") && strstr(zh, "<dt>街区特点</dt>") &&
          strstr(zh, "<dt>党建（共治）联盟</dt>") && strstr(zh, "<dt>街区公约</dt>"));
    CHECK(strstr(en, "<dt>Block agreement</dt>") != NULL);
    ans_free(&a);

    /* A station: the card of its kiosks' home screen; a <script> in a field is text. */
    char form[1024];
    snprintf(
        form, sizeof form,
        "csrf=%s&name_zh=%%E6%%BB%%A8%%E6%%B1%%9F%%E7%%AB%%99&address_zh=%%3Cscript%%3Ealert(1)"
        "%%3C%%2Fscript%%3E&address_en=Riverside+Rd+1&hours_zh=9%%3A00-17%%3A00&phone="
        "021-1234&sort=1",
        adm->csrf);
    a = req("/admin/content/stations/binjiang/edit", adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    a = get_ok("/admin/content/stations/binjiang/preview", adm);
    screens(&a, &zh, &en);
    CHECK(strstr(zh, "滨江站") != NULL && strstr(zh, "021-1234") != NULL);
    CHECK(strstr(zh, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CHECK(strstr(a.body, "<script>") == NULL);
    CHECK(strstr(en, "Riverside Rd 1") != NULL && strstr(en, "9:00-17:00") != NULL);
    ans_free(&a);

    /* Staff read shared content, so they may look; nobody may POST to it. */
    a = get_ok("/admin/content/blocks/chuangyi/preview", st);
    ans_free(&a);
    snprintf(form, sizeof form, "csrf=%s", adm->csrf);
    a = req("/admin/content/blocks/chuangyi/preview", adm->cookie, form);
    CHECK_EQ_INT(a.status, 405);
    ans_free(&a);
    snprintf(form, sizeof form, "csrf=%s", st->csrf);
    a = req("/admin/content/blocks/chuangyi/preview", st->cookie, form);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    /* No session: the sign-in page. Unknown items and kinds: 404. */
    a = req("/admin/content/blocks/chuangyi/preview", NULL, NULL);
    CHECK_EQ_INT(a.status, 303);
    CHECK(strcmp(a.location, "/admin/login") == 0);
    CHECK(strstr(a.body, "街区公约") == NULL);
    ans_free(&a);
    a = req("/admin/content/blocks/no-such-block/preview", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    a = req("/admin/content/volunteers/x/preview", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
}

/* A headless kiosk of binjiang (yikong-kiosk --headless), enrolled with a setup code from the
 * hub, its folder in the hub's (removed with it). */
static char kiosk_conf[600], kiosk_dir[512];

static void kiosk_setup(void)
{
    char code[64];
    snprintf(kiosk_dir, sizeof kiosk_dir, "%s/kiosk", h.dir);
    CHECK_EQ_INT(mkdir(kiosk_dir, 0700), 0);
    CHECK_EQ_INT(hub_cmd(&h, code, sizeof code, "kiosk-add binjiang"), 0);
    snprintf(kiosk_conf, sizeof kiosk_conf, "%s/k.conf", kiosk_dir);
    FILE *f = fopen(kiosk_conf, "w");
    CHECK(f != NULL);
    if (f) {
        fprintf(f, "hub_url = http://127.0.0.1:%d\nsetup_code = %s\n", h.port, code);
        fclose(f);
    }
}

/* Runs script on the kiosk; its standard output (the `tree -` dumps) into out (n bytes). */
static void kiosk_run(const char *script, char *out, size_t n)
{
    const char *build = getenv("YK_BUILD_DIR");
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "printf '%s' | '%s/src/app/yikong-kiosk' --headless --size 800x480 --config '%s' "
             "--data-dir '%s' --script - 2>'%s/err.log'",
             script, build ? build : "build", kiosk_conf, kiosk_dir, kiosk_dir);
    FILE *p = popen(cmd, "r");
    size_t len = p ? fread(out, 1, n - 1, p) : 0;
    out[len] = '\0';
    CHECK(p && pclose(p) == 0);
}

/* POST form (after csrf=TOKEN&) to path as s; the status. */
static long post(const char *path, const struct session *s, const char *csrf)
{
    char form[256];
    snprintf(form, sizeof form, "csrf=%s", csrf);
    struct ans a = req(path, s->cookie, form);
    long st = a.status;
    ans_free(&a);
    return st;
}

static long long live(const char *table, const char *id)
{
    char sql[128], out[64];
    snprintf(sql, sizeof sql, "SELECT 1 - deleted FROM %s WHERE id = ?", table);
    db_text(sql, id, out);
    return atoll(out);
}

/* The kiosk's sites list and the "Safe Riverside" line (the widgets on screen), after a sync. */
static void kiosk_sync_tree(char *tree, size_t n)
{
    kiosk_run("sync\\ntap home.sites\\ntree -\\ntap-if nav.home\\ntap home.services\\n"
              "tap services.line.safe\\ntree -\\n",
              tree, n);
}

/* Deleting shared content: admins only, confirmed by a form with the CSRF token, refused while
 * other rows point at it, audited; a kiosk no longer shows it after its next sync. */
static void deletion(const struct session *adm, const struct session *st)
{
    static char tree[1 << 20];
    kiosk_setup();
    kiosk_sync_tree(tree, sizeof tree);
    CHECK(strstr(tree, "\"sites.item.expo-museum\"") != NULL);
    CHECK(strstr(tree, "\"service.part.emergency-numbers\"") != NULL);

    const char *site = "/admin/content/sites/expo-museum/delete";
    /* The edit form links to the confirming page, which is a plain form (works without JS). */
    struct ans a = get_ok("/admin/content/sites/expo-museum/edit", adm);
    CHECK(strstr(a.body, "id=\"delete\" href=\"/admin/content/sites/expo-museum/delete\"") != NULL);
    ans_free(&a);
    a = get_ok(site, adm);
    CHECK(strstr(a.body, "<form class=\"card\" method=\"post\" id=\"delete-form\"") != NULL);
    CHECK(strstr(a.body, "name=\"csrf\"") != NULL);
    CHECK(strstr(a.body, "<strong id=\"delete-name\">世博会博物馆</strong>") != NULL);
    CHECK(strstr(a.body, "<script") == NULL);
    ans_free(&a);
    CHECK_EQ_INT(live("sites", "expo-museum"), 1); /* looking deletes nothing */
    /* Staff: neither the page nor the POST; no token: 403; a station cannot be deleted. */
    a = req(site, st->cookie, NULL);
    CHECK_EQ_INT(a.status, 403);
    ans_free(&a);
    CHECK_EQ_INT(post(site, st, st->csrf), 403);
    CHECK_EQ_INT(post(site, adm, "wrong"), 403);
    CHECK_EQ_INT(live("sites", "expo-museum"), 1);
    a = get_ok("/admin/content/sites/expo-museum/edit", st);
    CHECK(strstr(a.body, "id=\"delete\"") == NULL);
    ans_free(&a);
    a = req("/admin/content/stations/binjiang/delete", adm->cookie, NULL);
    CHECK_EQ_INT(a.status, 404);
    ans_free(&a);
    CHECK_EQ_INT(post("/admin/content/stations/binjiang/delete", adm, adm->csrf), 404);
    CHECK_EQ_INT(live("stations", "binjiang"), 1);
    a = get_ok("/admin/content/stations/binjiang/edit", adm);
    CHECK(strstr(a.body, "id=\"delete\"") == NULL);
    ans_free(&a);
    /* A line with services: refused with how many, nothing changed. */
    char form[256];
    snprintf(form, sizeof form, "csrf=%s", adm->csrf);
    a = req("/admin/content/service_lines/safe/delete", adm->cookie, form);
    CHECK_EQ_INT(a.status, 409);
    CHECK(strstr(a.body, "id=\"delete-error\"") != NULL);
    CHECK(strstr(a.body, "项服务属于这一项") != NULL && strstr(a.body, "still belong") != NULL);
    ans_free(&a);
    CHECK_EQ_INT(live("service_lines", "safe"), 1);

    /* The site and a service go. */
    a = req(site, adm->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    CHECK(strcmp(a.location, "/admin/content/sites?deleted=1") == 0);
    ans_free(&a);
    CHECK_EQ_INT(post("/admin/content/services/emergency-numbers/delete", adm, adm->csrf), 303);
    CHECK_EQ_INT(live("sites", "expo-museum"), 0);
    CHECK_EQ_INT(live("services", "emergency-numbers"), 0);
    /* The audit log: who, and the row before and after. */
    char out[64];
    db_text("SELECT user_name FROM admin_audit WHERE action = 'sites.delete' AND target = ?",
            "sites/expo-museum", out);
    CHECK(strcmp(out, "boss") == 0);
    db_text("SELECT instr(before, '\"deleted\":0') > 0 AND instr(after, '\"deleted\":1') > 0 "
            "FROM admin_audit WHERE target = ?",
            "sites/expo-museum", out);
    CHECK(strcmp(out, "1") == 0);
    /* Gone from the admin: the list, its form, its preview, a second delete, an edit. */
    a = get_ok("/admin/content/sites?deleted=1", adm);
    CHECK(strstr(a.body, "id=\"deleted\"") != NULL);
    CHECK(strstr(a.body, "/admin/content/sites/expo-museum/edit") == NULL);
    ans_free(&a);
    const char *gone[] = {"/admin/content/sites/expo-museum/edit",
                          "/admin/content/sites/expo-museum/preview", site};
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
        a = req(gone[i], adm->cookie, NULL);
        CHECK_EQ_INT(a.status, 404);
        ans_free(&a);
    }
    CHECK_EQ_INT(post(site, adm, adm->csrf), 404);
    snprintf(form, sizeof form, "csrf=%s&name_zh=x&sort=1", adm->csrf);
    a = req("/admin/content/sites/expo-museum/edit", adm->cookie, form);
    CHECK_EQ_INT(a.status, 404); /* the store refuses to write a tombstone, and says so */
    CHECK(a.body && strstr(a.body, "已被删除") && strstr(a.body, "was deleted"));
    ans_free(&a);
    a = get_ok("/admin/content/service_lines/safe/preview", adm);
    CHECK(strstr(a.body, "紧急电话") == NULL && strstr(a.body, "AED") != NULL);
    ans_free(&a);

    /* The kiosk, after its next sync, shows neither. */
    kiosk_sync_tree(tree, sizeof tree);
    CHECK(strstr(tree, "\"sites.item.table-tennis-museum\"") != NULL);
    CHECK(strstr(tree, "\"sites.item.expo-museum\"") == NULL);
    CHECK(strstr(tree, "\"service.part.aed\"") != NULL);
    CHECK(strstr(tree, "\"service.part.emergency-numbers\"") == NULL);
}

int main(void)
{
    struct session adm, st;
    admin_hub_up_staff(&adm, &st);
    previews(&adm, &st);
    deletion(&adm, &st);
    hub_stop(&h);
    hub_cleanup(&h);
    return yk_test_done();
}
