/* Shared content: teaching sites (with a photo and a place along the riverside), stations,
 * blocks, service lines and services. Admins edit; station staff read. Edits travel to the
 * kiosks through the change log like any content. A photo (a site's, and an event's through
 * yk_admin_photo_field / yk_admin_photo_take) is checked by its bytes (PNG, JPEG or WebP;
 * YK_ADMIN_PHOTO_MAX at most), stored once under its SHA-256 (media), and named by the row's
 * photo_hash. Admins may delete sites, services, service lines and blocks (a tombstone:
 * kiosks drop it at their next sync) after a confirming page; stations stay (their kiosks
 * and accounts hang on them). */
#include "hub/admin_fields.h"

#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RIVER_HINT "沿江位置：离上游端的米数（0–3000）· metres from the upstream end (0–3000)"
#define SORT_HINT "越小越靠前 · smaller comes first"

static const char *const service_kinds[] = {"service", "project", NULL};
static const char *const series[] = {"he", "mei", NULL};

#define T2(col, zh, en) YK_ADMIN_TEXT2(col, zh, en, 300)
#define A2(col, zh, en) YK_ADMIN_AREA2(col, zh, en, 8000)
/* The name: Chinese required, English beside it. */
#define NAME2(zh, en)                                                                              \
    {"name_zh", zh "（中文）", en " (Chinese)", YK_F_TEXT, true, 0, 200, NULL, NULL, NULL, NULL},  \
    {                                                                                              \
        "name_en", zh "（英文）", en " (English)", YK_F_TEXT, false, 0, 200, NULL, "name_zh",      \
            NULL, NULL                                                                             \
    }
#define SORT                                                                                       \
    {                                                                                              \
        "sort", "排序", "Order", YK_F_INT, true, -100000, 100000, SORT_HINT, NULL, NULL, NULL      \
    }
#define RIVER                                                                                      \
    {                                                                                              \
        "river_pos_m", "沿江位置（米）", "Place along the riverside (m)", YK_F_INT, false, 0,      \
            3000, RIVER_HINT, NULL, NULL, NULL                                                     \
    }
#define LINK                                                                                       \
    {                                                                                              \
        "link_url", "链接（二维码）", "Link (QR code)", YK_F_URL, false, 0, 500, "https://…",      \
            NULL, NULL, NULL                                                                       \
    }

/* Each table's fields: what the kiosk shows of it, in Chinese and English. */
static const struct yk_admin_field site_fields[] = {
    NAME2("名称", "Name"),
    RIVER,
    SORT,
    A2("intro", "介绍", "Guide"),
    T2("location", "位置", "Where"),
    T2("hours", "开放时间", "Opening hours"),
    A2("booking", "预约方式", "Booking"),
    LINK,
};

static const struct yk_admin_field station_fields[] = {
    NAME2("名称", "Name"),
    T2("address", "地址", "Address"),
    T2("hours", "开放时间", "Opening hours"),
    {"phone", "电话", "Phone", YK_F_TEXT, false, 0, 40, NULL, NULL, NULL, NULL},
    RIVER,
    A2("intro", "介绍", "About"),
    SORT,
};

static const struct yk_admin_field block_fields[] = {
    NAME2("名称", "Name"),
    A2("where", "范围", "Where"),
    A2("character", "特色", "What it is"),
    A2("alliance", "党建联盟", "Alliance"),
    A2("convention", "街区公约", "Convention"),
    SORT,
};

static const struct yk_admin_field line_fields[] = {
    NAME2("名称", "Name"),
    A2("summary", "简介", "Summary"),
    SORT,
};

static const struct yk_admin_field service_fields[] = {
    {"title_zh", "名称（中文）", "Title (Chinese)", YK_F_TEXT, true, 0, 200, NULL, NULL, NULL,
     NULL},
    {"title_en", "名称（英文）", "Title (English)", YK_F_TEXT, false, 0, 200, NULL, "title_zh",
     NULL, NULL},
    {"kind", "类别", "Kind", YK_F_CHOICE, true, 0, 0, "service = 服务, project = 项目", NULL, NULL,
     service_kinds},
    {"series", "系列", "Series", YK_F_CHOICE, false, 0, 0, "he = 和, mei = 美", NULL, NULL, series},
    {"line_id", "服务条线", "Service line", YK_F_REF, false, 0, 0, NULL, NULL, "service_lines",
     NULL},
    {"block_id", "街区", "Block", YK_F_REF, false, 0, 0, NULL, NULL, "blocks", NULL},
    A2("summary", "简介", "Summary"),
    A2("offers", "提供什么", "What it offers"),
    T2("audience", "对象", "For whom"),
    T2("hours", "时间", "Hours"),
    T2("place", "地点", "Place"),
    T2("contact", "联系方式", "Contact"),
    LINK,
    SORT,
};

struct kind {
    const char *table, *zh, *en;
    const struct yk_admin_field *fields;
    size_t n;
    const char *name_col, *name_en_col;
};

#define KIND(t, zh, en, f, a, b)                                                                   \
    {                                                                                              \
        t, zh, en, f, sizeof f / sizeof f[0], a, b                                                 \
    }
static const struct kind kinds[] = {
    KIND("sites", "红色教学点", "Teaching sites", site_fields, "name_zh", "name_en"),
    KIND("stations", "站点", "Stations", station_fields, "name_zh", "name_en"),
    KIND("blocks", "街区", "Blocks", block_fields, "name_zh", "name_en"),
    KIND("service_lines", "服务条线", "Service lines", line_fields, "name_zh", "name_en"),
    KIND("services", "服务项目", "Services", service_fields, "title_zh", "title_en"),
};

static const struct kind *kind_of(const char *table, size_t n)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strlen(kinds[i].table) == n && strncmp(kinds[i].table, table, n) == 0)
            return &kinds[i];
    return NULL;
}

static void tabs(struct yk_hub_html *s, const struct kind *on)
{
    yk_hub_html_raw(s, "<div class=\"tabs\">");
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        yk_hub_html_raw(s, &kinds[i] == on ? "<a class=\"on\" href=\"/admin/content/"
                                           : "<a href=\"/admin/content/");
        yk_hub_html_raw(s, kinds[i].table);
        yk_hub_html_raw(s, "\">");
        yk_admin_html_label(s, kinds[i].zh, kinds[i].en);
        yk_hub_html_raw(s, "</a>");
    }
    yk_hub_html_raw(s, "</div>");
}

struct list {
    struct yk_hub_html *s;
    const struct kind *k;
    int n;
};

static void list_row(void *ctx, const char *id, const char *zh, const char *en)
{
    struct list *l = ctx;
    l->n++;
    yk_hub_html_raw(l->s, "<tr><td data-h=\"名称 Name\"><a href=\"/admin/content/");
    yk_hub_html_raw(l->s, l->k->table);
    yk_hub_html_raw(l->s, "/");
    yk_hub_html_text(l->s, id);
    yk_hub_html_raw(l->s, "/edit\">");
    yk_hub_html_text(l->s, zh);
    yk_hub_html_raw(l->s, "</a>");
    if (en) {
        yk_hub_html_raw(l->s, "<br><span class=\"en\">");
        yk_hub_html_text(l->s, en);
        yk_hub_html_raw(l->s, "</span>");
    }
    yk_hub_html_raw(l->s, "</td><td data-h=\"编号 Id\">");
    yk_hub_html_text(l->s, id);
    yk_hub_html_raw(l->s, "</td></tr>");
}

/* The riverside as a line, with each site and station at its place (server-drawn SVG). */
struct river {
    struct yk_hub_html *s;
    bool station;
};
static void river_mark(void *ctx, const char *id, const char *name, const char *pos)
{
    struct river *r = ctx;
    if (!pos)
        return;
    long m = strtol(pos, NULL, 10);
    yk_hub_html_raw(r->s, "<g><title>");
    yk_hub_html_text(r->s, id);
    yk_hub_html_raw(r->s, "</title><circle cx=\"");
    yk_admin_html_int(r->s, 20 + m * 960 / 3000);
    yk_hub_html_raw(r->s, r->station ? "\" cy=\"40\" r=\"9\" fill=\"#1b5e20\"/>"
                                     : "\" cy=\"40\" r=\"7\" fill=\"#b3261e\"/>");
    yk_hub_html_raw(r->s, "<text x=\"");
    yk_admin_html_int(r->s, 20 + m * 960 / 3000);
    yk_hub_html_raw(r->s, r->station ? "\" y=\"72\" font-size=\"13\" text-anchor=\"middle\">"
                                     : "\" y=\"20\" font-size=\"13\" text-anchor=\"middle\">");
    yk_hub_html_text(r->s, name);
    yk_hub_html_raw(r->s, "</text></g>");
}

static void river_map(struct yk_admin_ctx *c, struct yk_hub_html *s)
{
    yk_hub_html_raw(s,
                    "<div class=\"card\"><p>滨江沿线（红：教学点，绿：站点）<span class=\"en\">The "
                    "riverside (red: sites, green: stations)</span></p><svg id=\"river\" "
                    "viewBox=\"0 0 1000 80\" width=\"100%\" role=\"img\"><line x1=\"20\" y1=\"40\" "
                    "x2=\"980\" y2=\"40\" stroke=\"#5b8fb9\" stroke-width=\"6\"/>");
    struct river r = {s, false};
    yk_admin_list(c->store, "sites", "name_zh", "river_pos_m", river_mark, &r);
    r.station = true;
    yk_admin_list(c->store, "stations", "name_zh", "river_pos_m", river_mark, &r);
    yk_hub_html_raw(s,
                    "<text x=\"20\" y=\"78\" font-size=\"11\">0 m</text><text x=\"980\" y=\"78\" "
                    "font-size=\"11\" text-anchor=\"end\">3000 m</text></svg></div>");
}

static void list_page(struct yk_admin_ctx *c, const struct kind *k)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "内容", "Content");
    tabs(&s, k);
    yk_admin_notice_saved(c, &s);
    if (yk_admin_query(c, "deleted"))
        yk_hub_html_raw(&s,
                        "<div class=\"notice\" id=\"deleted\">已删除，自助机下次同步后不再显示。 "
                        "<span class=\"en\">Deleted; kiosks stop showing it after their next "
                        "sync.</span></div>");
    if (strcmp(k->table, "sites") == 0 || strcmp(k->table, "stations") == 0)
        river_map(c, &s);
    if (yk_admin_is_admin(c)) {
        yk_hub_html_raw(&s, "<p><a class=\"btn\" id=\"new-item\" href=\"/admin/content/");
        yk_hub_html_raw(&s, k->table);
        yk_hub_html_raw(&s, "/new\">新建 New</a></p>");
    } else {
        yk_hub_html_raw(&s,
                        "<p class=\"hint\">共享内容由街道管理员维护，站点工作人员只读。 <span "
                        "class=\"en\">Shared content is kept by the subdistrict's admins; staff "
                        "read it.</span></p>");
    }
    yk_hub_html_raw(&s,
                    "<table class=\"rows\" id=\"items\"><thead><tr><th>名称 Name</th><th>编号 Id"
                    "</th></tr></thead><tbody>");
    struct list l = {&s, k, 0};
    yk_admin_list(c->store, k->table, k->name_col, k->name_en_col, list_row, &l);
    yk_hub_html_raw(&s, "</tbody></table>");
    yk_admin_page_send(c, &s, 200);
}

static void form_page(struct yk_admin_ctx *c, const struct kind *k, int status,
                      const struct yk_admin_form *f, const char *id, const char *new_id,
                      const char *photo, const char *err)
{
    bool ro = !yk_admin_is_admin(c);
    bool site = strcmp(k->table, "sites") == 0;
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, k->zh, k->en);
    tabs(&s, k);
    if (f->bad || err) {
        yk_hub_html_raw(&s,
                        "<div class=\"error\" id=\"form-error\">有些内容需要修改，请看标红的栏目。"
                        " <span class=\"en\">Some fields need changes: see the ones marked in "
                        "red.</span>");
        if (err) {
            yk_hub_html_raw(&s, "<p>");
            yk_hub_html_text(&s, err);
            yk_hub_html_raw(&s, "</p>");
        }
        yk_hub_html_raw(&s, "</div>");
    }
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" action=\"/admin/content/");
    yk_hub_html_raw(&s, k->table);
    if (id) {
        yk_hub_html_raw(&s, "/");
        yk_hub_html_text(&s, id);
        yk_hub_html_raw(&s, "/edit\"");
    } else {
        yk_hub_html_raw(&s, "/new\"");
    }
    yk_hub_html_raw(&s, site ? " enctype=\"multipart/form-data\">" : ">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<div class=\"grid2\">");
    if (!id) {
        yk_hub_html_raw(&s,
                        "<div><label for=\"id\">编号 <span class=\"en\">Id</span> *</label><input "
                        "id=\"id\" name=\"id\" required maxlength=\"40\" pattern=\"[a-z0-9-]+\" "
                        "value=\"");
        yk_hub_html_text(&s, new_id);
        yk_hub_html_raw(&s,
                        "\"><p class=\"hint\">小写字母、数字和 - · lower-case letters, digits and "
                        "-; cannot change later</p></div><div></div>");
    }
    yk_admin_form_draw(c, &s, f, ro);
    if (site)
        yk_admin_photo_field(&s, photo, ro, false);
    yk_hub_html_raw(&s, "</div>");
    if (!ro)
        yk_hub_html_raw(&s,
                        "<button type=\"submit\" id=\"save\">保存并发布 Save and publish</button>");
    yk_hub_html_raw(&s, "<a class=\"btn alt\" href=\"/admin/content/");
    yk_hub_html_raw(&s, k->table);
    yk_hub_html_raw(&s, "\">返回 Back</a>");
    if (id) {
        yk_hub_html_raw(&s, " <a class=\"btn alt\" id=\"preview\" href=\"/admin/content/");
        yk_hub_html_raw(&s, k->table);
        yk_hub_html_raw(&s, "/");
        yk_hub_html_text(&s, id);
        yk_hub_html_raw(&s, "/preview\">预览 Preview</a>");
    }
    if (id && !ro && yk_admin_row_deletable(k->table)) {
        yk_hub_html_raw(&s, " <a class=\"btn alt\" id=\"delete\" href=\"/admin/content/");
        yk_hub_html_raw(&s, k->table);
        yk_hub_html_raw(&s, "/");
        yk_hub_html_text(&s, id);
        yk_hub_html_raw(&s, "/delete\">删除 Delete</a>");
    }
    yk_hub_html_raw(&s, "</form>");
    yk_admin_page_send(c, &s, status);
}

/* The image type of bytes by their first bytes, or NULL when none the kiosk shows. */
static const char *image_type(const char *b, size_t n)
{
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "image/png";
    if (n >= 3 && memcmp(b, "\xFF\xD8\xFF", 3) == 0)
        return "image/jpeg";
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WEBP", 4) == 0)
        return "image/webp";
    return NULL;
}

void yk_admin_photo_img(struct yk_hub_html *s, const char *photo, const char *id)
{
    if (!photo)
        return;
    yk_hub_html_raw(s, "<img ");
    if (id) {
        yk_hub_html_raw(s, "id=\"");
        yk_hub_html_raw(s, id);
        yk_hub_html_raw(s, "\" ");
    }
    yk_hub_html_raw(s, "class=\"photo\" alt=\"\" src=\"/admin/media/");
    yk_hub_html_text(s, photo);
    yk_hub_html_raw(s, "\">");
}

void yk_admin_photo_field(struct yk_hub_html *s, const char *photo, bool read_only, bool keep)
{
    yk_hub_html_raw(s, "<div><label for=\"photo\">照片 <span class=\"en\">Photo</span></label>");
    if (photo) {
        yk_admin_photo_img(s, photo, "photo-now");
        if (keep) {
            yk_hub_html_raw(s, "<input type=\"hidden\" name=\"photo_keep\" value=\"");
            yk_hub_html_text(s, photo);
            yk_hub_html_raw(s, "\">");
        }
    }
    if (!read_only) {
        yk_hub_html_raw(s, "<input id=\"photo\" name=\"photo\" type=\"file\" "
                           "accept=\"image/png,image/jpeg,image/webp\"><p class=\"hint\">PNG、JPEG "
                           "或 WebP，最大 2 MiB · PNG, JPEG or WebP, 2 MiB at most</p>");
        if (photo)
            yk_hub_html_raw(s, "<label><input type=\"checkbox\" id=\"photo-remove\" "
                               "name=\"photo_remove\" value=\"1\"> 删除照片 <span "
                               "class=\"en\">Remove the photo</span></label>");
    }
    yk_hub_html_raw(s, "</div>");
}

static bool hash_ok(const char *h)
{
    return h && strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64;
}

#define NO_MEMORY "内存不足，请稍后再试。 / Out of memory; try again later."

const char *yk_admin_photo_take(struct yk_admin_ctx *c, struct yk_admin_row *set)
{
    const struct yk_form_file *ph = yk_form_file(&c->form, "photo");
    const char *remove = yk_form_get(&c->form, "photo_remove");
    const char *keep = yk_form_get(&c->form, "photo_keep");
    char hash[65];
    if (ph && ph->len > 0) {
        const char *mime = image_type(ph->data, ph->len);
        if (!mime)
            return "照片须为 PNG、JPEG 或 WebP 图片。 / The photo must be a PNG, JPEG or WebP "
                   "image.";
        if (ph->len > YK_ADMIN_PHOTO_MAX)
            return "照片太大（最大 2 MiB）。 / The photo is too large (2 MiB at most).";
        if (yk_hub_media_add(c->store, ph->data, ph->len, mime, hash) != YK_HUB_OK)
            return "照片无法保存，请稍后再试。 / The photo could not be stored; try again later.";
        return yk_admin_row_set(set, "photo_hash", hash) ? NULL : NO_MEMORY;
    }
    if (remove && strcmp(remove, "1") == 0)
        return yk_admin_row_set(set, "photo_hash", NULL) ? NULL : NO_MEMORY;
    if (keep && *keep) {
        /* A copy keeps its original's photo: only a hash this hub holds. */
        if (hash_ok(keep) && yk_hub_media_has(c->store, keep))
            return yk_admin_row_set(set, "photo_hash", keep) ? NULL : NO_MEMORY;
    }
    return NULL;
}

static bool id_ok(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    return n > 0 && n <= 40 && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static void save(struct yk_admin_ctx *c, const struct kind *k, const char *id)
{
    struct yk_admin_form f;
    yk_admin_form_init(&f, k->fields, k->n);
    struct yk_admin_row set = {0};
    yk_admin_form_check(c, &f, &set);
    const char *new_id = id ? id : yk_form_get(&c->form, "id");
    const char *err = NULL;
    if (!id && !id_ok(new_id))
        err =
            "编号只能用小写字母、数字和 -（1–40 个）。 / An id is 1–40 lower-case letters, digits "
            "and -.";
    if (!err && !f.bad && strcmp(k->table, "sites") == 0)
        err = yk_admin_photo_take(c, &set);
    char dberr[160] = "";
    enum yk_hub_rc rc = YK_HUB_INVALID;
    if (!err && !f.bad) {
        char action[48];
        snprintf(action, sizeof action, "%.20s.%s", k->table, id ? "edit" : "create");
        rc = yk_admin_row_save(c->store, c->user.name, action, k->table, new_id, &set, !id, NULL,
                               c->now, dberr);
    }
    yk_admin_row_free(&set);
    if (rc == YK_HUB_OK) {
        char to[96];
        snprintf(to, sizeof to, "/admin/content/%s?done=1", k->table);
        yk_admin_redirect(c, to);
        return;
    }
    if (rc == YK_HUB_NOT_FOUND && dberr[0]) { /* deleted (the store refuses to write it) */
        yk_admin_fail_msg(c, 404, dberr);
        return;
    }
    if (rc == YK_HUB_NOT_FOUND || rc == YK_HUB_ERROR) {
        yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "保存失败：没有这一项或数据库出错。",
                      "Not saved: no such item, or the database failed.");
        return;
    }
    struct yk_admin_row cur;
    const char *photo = NULL;
    if (id && yk_admin_row_get(c->store, k->table, id, &cur) == YK_HUB_OK)
        photo = yk_admin_row_val(&cur, "photo_hash");
    form_page(c, k, 400, &f, id, new_id, photo, err ? err : dberr[0] ? dberr : NULL);
    if (id)
        yk_admin_row_free(&cur);
}

static void edit_page(struct yk_admin_ctx *c, const struct kind *k, const char *id)
{
    struct yk_admin_row r;
    enum yk_hub_rc rc = yk_admin_live_row_get(c->store, k->table, id, &r);
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "没有这一项。", "No such item.");
        return;
    }
    struct yk_admin_form f;
    yk_admin_form_init(&f, k->fields, k->n);
    yk_admin_form_from_row(&f, &r, 0);
    form_page(c, k, 200, &f, id, NULL, yk_admin_row_val(&r, "photo_hash"), NULL);
    yk_admin_row_free(&r);
}

/* The confirming page of a deletion (GET), or again with the store's refusal (err, status);
 * JS-off: a plain form POST with the CSRF token. */
static void delete_page(struct yk_admin_ctx *c, const struct kind *k, const char *id,
                        const char *err, int status)
{
    struct yk_admin_row r;
    enum yk_hub_rc rc = yk_admin_live_row_get(c->store, k->table, id, &r);
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "没有这一项（或已删除）。",
                      "No such item (or it was deleted).");
        return;
    }
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "删除", "Delete");
    if (err) {
        yk_hub_html_raw(&s, "<div class=\"error\" id=\"delete-error\"><p>");
        yk_hub_html_text(&s, err);
        yk_hub_html_raw(&s, "</p></div>");
    }
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" id=\"delete-form\" "
                        "action=\"/admin/content/");
    yk_hub_html_raw(&s, k->table);
    yk_hub_html_raw(&s, "/");
    yk_hub_html_text(&s, id);
    yk_hub_html_raw(&s, "/delete\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<p>删除");
    yk_hub_html_text(&s, k->zh);
    yk_hub_html_raw(&s, "「<strong id=\"delete-name\">");
    yk_hub_html_text(&s, yk_admin_row_val(&r, k->name_col));
    yk_hub_html_raw(&s, "</strong>」（");
    yk_hub_html_text(&s, id);
    yk_hub_html_raw(&s,
                    "）？自助机下次同步后不再显示它；记录保留，审计日志记下删除前的内容。</p><p "
                    "class=\"en\">Delete it? Kiosks stop showing it after their next sync; its "
                    "record stays, and the audit log keeps what it was.</p><button type=\"submit\" "
                    "id=\"confirm-delete\">确认删除 Delete</button> <a class=\"btn alt\" "
                    "href=\"/admin/content/");
    yk_hub_html_raw(&s, k->table);
    yk_hub_html_raw(&s, "/");
    yk_hub_html_text(&s, id);
    yk_hub_html_raw(&s, "/edit\">取消 Cancel</a></form>");
    yk_admin_row_free(&r);
    yk_admin_page_send(c, &s, status);
}

static void delete_item(struct yk_admin_ctx *c, const struct kind *k, const char *id, bool post)
{
    if (!yk_admin_row_deletable(k->table)) {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    if (!yk_admin_is_admin(c)) { /* a POST of staff was refused already */
        yk_admin_fail(c, 403, "共享内容只有街道管理员可以删除。",
                      "Only the subdistrict's admins may delete shared content.");
        return;
    }
    if (!post) {
        delete_page(c, k, id, NULL, 200);
        return;
    }
    char err[YK_ADMIN_ERR_MAX];
    enum yk_hub_rc rc = yk_admin_row_delete(c->store, c->user.name, k->table, id, c->now, err);
    if (rc == YK_HUB_OK) {
        char to[96];
        snprintf(to, sizeof to, "/admin/content/%s?deleted=1", k->table);
        yk_admin_redirect(c, to);
    } else if (rc == YK_HUB_INVALID && err[0]) {
        delete_page(c, k, id, err, 409);
    } else {
        yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503,
                      "没有这一项（或已删除），或数据库出错。",
                      "No such item (or it was deleted), or the database failed.");
    }
}

void yk_admin_content_page(struct yk_admin_ctx *c, const char *rest)
{
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (*rest == '\0') {
        yk_admin_redirect(c, "/admin/content/sites");
        return;
    }
    const char *t = rest + 1, *slash = strchr(t, '/');
    const struct kind *k = kind_of(t, slash ? (size_t)(slash - t) : strlen(t));
    if (!k) {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    if (post && !yk_admin_is_admin(c)) {
        yk_admin_fail(c, 403, "共享内容只有街道管理员可以修改。",
                      "Only the subdistrict's admins may change shared content.");
        return;
    }
    if (!slash) {
        if (post)
            yk_admin_fail(c, 405, "不支持这种请求。", "This method is not supported here.");
        else
            list_page(c, k);
        return;
    }
    if (strcmp(slash, "/new") == 0) {
        if (post) {
            save(c, k, NULL);
        } else if (!yk_admin_is_admin(c)) {
            yk_admin_fail(c, 403, "共享内容只有街道管理员可以修改。",
                          "Only the subdistrict's admins may change shared content.");
        } else {
            struct yk_admin_form f;
            yk_admin_form_init(&f, k->fields, k->n);
            f.shown[yk_admin_form_index(&f, "sort")] = "0";
            form_page(c, k, 200, &f, NULL, "", NULL, NULL);
        }
        return;
    }
    char id[48];
    const char *end = strchr(slash + 1, '/');
    size_t n = end ? (size_t)(end - slash - 1) : 0;
    bool edit = end && strcmp(end, "/edit") == 0, preview = end && strcmp(end, "/preview") == 0;
    bool del = end && strcmp(end, "/delete") == 0;
    if (!(edit || preview || del) || n == 0 || n >= sizeof id) {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    memcpy(id, slash + 1, n);
    id[n] = '\0';
    if (del)
        delete_item(c, k, id, post);
    else if (preview && post)
        yk_admin_fail(c, 405, "不支持这种请求。", "This method is not supported here.");
    else if (preview)
        yk_admin_content_preview(c, k->table, id);
    else if (post)
        save(c, k, id);
    else
        edit_page(c, k, id);
}

void yk_admin_media_page(struct yk_admin_ctx *c, const char *hash)
{
    void *bytes = NULL;
    size_t len = 0;
    char mime[64];
    if (!hash_ok(hash) || yk_hub_media_get(c->store, hash, &bytes, &len, mime) != YK_HUB_OK ||
        !image_type(bytes, len)) {
        free(bytes);
        yk_admin_fail(c, 404, "没有这张图片。", "No such image.");
        return;
    }
    yk_admin_send(c, 200, image_type(bytes, len), bytes, len);
    c->rs->cache_control = "private, max-age=86400, immutable";
}
