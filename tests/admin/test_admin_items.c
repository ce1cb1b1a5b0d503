/* Shared content in the admin beyond its forms: the preview of each kind as a kiosk shows it
 * (sites, stations, blocks, service lines, services), and deleting (tombstoning) one, which a
 * headless kiosk no longer shows after its next sync. Against the real hub on the sample
 * content. */
#include "admin_client.h"

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
    snprintf(form, sizeof form,
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

int main(void)
{
    struct session adm, st;
    admin_hub_up_staff(&adm, &st);
    previews(&adm, &st);
    hub_stop(&h);
    hub_cleanup(&h);
    return yk_test_done();
}
