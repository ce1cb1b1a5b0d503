/* Events: the list (upcoming / past, by station, block and kind), the form (new, edit,
 * copy) with a message per field, and cancelling. Who may touch an event is decided in one
 * place, yk_admin_event_access (admin.c); lists are limited by yk_admin_scope. */
#include "hub/admin_ctx.h"

#include "core/embed.h"
#include "core/i18n.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/shtime.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST 300

static const char *const kinds[] = {"consult",  "experience", "charity", "support",
                                    "ceremony", "issues",     "other"};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* The kiosk's own names for the kinds (assets/strings-events.tsv: one home). */
static struct yk_i18n catalog;
static bool catalog_ok;
static void load_catalog(void)
{
    char err[128];
    catalog_ok = yk_i18n_load_embedded(&catalog, yk_embed_assets, err, sizeof err);
    if (!catalog_ok)
        yk_error("hub-admin", "string catalog: %s", err);
}

/* plain: "zh · en" (inside an <option>, which holds no markup). */
static void kind_label(struct yk_sb *s, const char *kind, bool plain)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, load_catalog);
    char key[48];
    snprintf(key, sizeof key, "event.kind.%s", kind);
    if (catalog_ok && yk_i18n_has(&catalog, key) && !plain) {
        yk_sb_label(s, yk_i18n_get(&catalog, key, YK_LANG_ZH),
                    yk_i18n_get(&catalog, key, YK_LANG_EN));
    } else if (catalog_ok && yk_i18n_has(&catalog, key)) {
        yk_sb_text(s, yk_i18n_get(&catalog, key, YK_LANG_ZH));
        yk_sb_raw(s, " · ");
        yk_sb_text(s, yk_i18n_get(&catalog, key, YK_LANG_EN));
    } else
        yk_sb_text(s, kind);
}

static bool kind_valid(const char *k)
{
    for (size_t i = 0; k && i < NKINDS; i++)
        if (strcmp(k, kinds[i]) == 0)
            return true;
    return false;
}

/* The form's fields: every field of an event the kiosk shows. */
enum ftype { F_TEXT, F_AREA, F_INT, F_TIME, F_KIND, F_BLOCK, F_URL };
struct field {
    const char *col, *zh, *en;
    enum ftype type;
    bool required;
    long long min, max; /* F_INT: range; F_TEXT/F_AREA/F_URL: max bytes */
    const char *hint;
    const char *needs; /* an _en field: its _zh column */
};

static const struct field fields[] = {
    {"title_zh", "标题（中文）", "Title (Chinese)", F_TEXT, true, 0, 200, NULL, NULL},
    {"title_en", "标题（英文）", "Title (English)", F_TEXT, false, 0, 200, NULL, "title_zh"},
    {"kind", "类型", "Kind", F_KIND, true, 0, 0, NULL, NULL},
    {"block_id", "街区", "Block", F_BLOCK, false, 0, 0, NULL, NULL},
    {"starts_utc", "开始", "Starts", F_TIME, true, 0, 0, "2026-12-20 09:30", NULL},
    {"ends_utc", "结束", "Ends", F_TIME, true, 0, 0, "2026-12-20 11:30", NULL},
    {"place_zh", "地点（中文）", "Place (Chinese)", F_TEXT, false, 0, 200, NULL, NULL},
    {"place_en", "地点（英文）", "Place (English)", F_TEXT, false, 0, 200, NULL, "place_zh"},
    {"host_zh", "主办单位（中文）", "Host (Chinese)", F_TEXT, false, 0, 200, NULL, NULL},
    {"host_en", "主办单位（英文）", "Host (English)", F_TEXT, false, 0, 200, NULL, "host_zh"},
    {"capacity", "名额", "Places", F_INT, false, 1, 100000, "空 = 不需报名 · empty: no sign-up",
     NULL},
    {"max_party", "每次报名最多人数", "Most people per sign-up", F_INT, true, 1, 20, NULL, NULL},
    {"signup_deadline_utc", "报名截止", "Sign-up closes", F_TIME, false, 0, 0,
     "空 = 开始前都可报名 · empty: until it starts", NULL},
    {"seat_block", "每台自助机离线名额", "Seats each kiosk holds offline", F_INT, false, 0, 1000,
     "空 = 自助机的默认设置 · empty: the kiosk's setting", NULL},
    {"summary_zh", "介绍（中文）", "Description (Chinese)", F_AREA, false, 0, 4000, NULL, NULL},
    {"summary_en", "介绍（英文）", "Description (English)", F_AREA, false, 0, 4000, NULL,
     "summary_zh"},
    {"link_url", "链接（自助机显示为二维码）", "Link (a QR code on the kiosk)", F_URL, false, 0,
     500, "https://…", NULL},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

struct form {
    const char *shown[NFIELDS]; /* what each input shows */
    char buf[NFIELDS][24];      /* times and numbers formatted for shown */
    const char *msg_zh[NFIELDS], *msg_en[NFIELDS];
    const char *station; /* the station field's value */
    bool bad;
};

/* "YYYY-MM-DD HH:MM" (or with a T), Shanghai time, to UTC. */
static bool parse_time(const char *v, int64_t *out)
{
    int y, mo, d, h, mi;
    char sep, extra;
    if (sscanf(v, "%4d-%2d-%2d%c%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &extra) != 6 ||
        (sep != ' ' && sep != 'T') || y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h < 0 ||
        h > 23 || mi < 0 || mi > 59)
        return false;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return false;
    *out = yk_shanghai_to_utc(y, mo, d, h, mi, 0);
    return true;
}

static int field_index(const char *col)
{
    for (size_t i = 0; i < NFIELDS; i++)
        if (strcmp(fields[i].col, col) == 0)
            return (int)i;
    return -1;
}

static void bad(struct form *f, const char *col, const char *zh, const char *en)
{
    int i = field_index(col);
    if (i >= 0 && !f->msg_zh[i]) {
        f->msg_zh[i] = zh;
        f->msg_en[i] = en;
    }
    f->bad = true;
}

struct block_check {
    const char *want;
    bool found;
};
static void find_block(void *ctx, const char *id, const char *a, const char *b)
{
    (void)a, (void)b;
    struct block_check *k = ctx;
    if (strcmp(id, k->want) == 0)
        k->found = true;
}

/* Reads and checks the posted fields into set (the columns to write). */
static void validate(struct yk_admin_ctx *c, struct form *f, struct yk_admin_row *set)
{
    int64_t t[NFIELDS] = {0};
    bool has[NFIELDS] = {0};
    for (size_t i = 0; i < NFIELDS; i++) {
        const struct field *d = &fields[i];
        const char *v = yk_form_get(&c->form, d->col);
        while (v && (*v == ' ' || *v == '\t'))
            v++;
        f->shown[i] = v;
        bool empty = !v || !*v;
        const char *store = empty ? NULL : v;
        if (empty && d->required) {
            bad(f, d->col, "必须填写。", "Required.");
        } else if (!empty && (d->type == F_TEXT || d->type == F_AREA || d->type == F_URL) &&
                   strlen(v) > (size_t)d->max) {
            bad(f, d->col, "太长了。", "Too long.");
        } else if (!empty && d->type == F_TEXT && strchr(v, '\n')) {
            bad(f, d->col, "只能写一行。", "One line only.");
        } else if (!empty && d->type == F_URL && strncmp(v, "https://", 8) != 0 &&
                   strncmp(v, "http://", 7) != 0) {
            bad(f, d->col, "链接须以 https:// 开头。", "A link starts with https://.");
        } else if (!empty && d->type == F_KIND && !kind_valid(v)) {
            bad(f, d->col, "请选择一个类型。", "Choose a kind.");
        } else if (!empty && d->type == F_BLOCK) {
            struct block_check k = {v, false};
            yk_admin_list(c->store, "blocks", "name_zh", "name_en", find_block, &k);
            if (!k.found)
                bad(f, d->col, "没有这个街区。", "No such block.");
        } else if (!empty && d->type == F_INT) {
            char *end;
            long long n = strtoll(v, &end, 10);
            if (*end || end == v || n < d->min || n > d->max) {
                bad(f, d->col, "请填写范围内的整数。", "Enter a whole number in range.");
            } else {
                t[i] = n;
                has[i] = true;
                snprintf(f->buf[i], sizeof f->buf[i], "%lld", n);
                store = f->buf[i];
            }
        } else if (!empty && d->type == F_TIME) {
            if (!parse_time(v, &t[i])) {
                bad(f, d->col, "格式：2026-12-20 09:30", "Format: 2026-12-20 09:30");
            } else {
                has[i] = true;
                snprintf(f->buf[i], sizeof f->buf[i], "%lld", (long long)t[i]);
                store = f->buf[i];
            }
        }
        if (!empty && d->needs) {
            const char *zh = yk_form_get(&c->form, d->needs);
            if (!zh || !*zh)
                bad(f, d->col, "请先填写中文。", "Fill in the Chinese first.");
        }
        yk_admin_row_set(set, d->col, store);
    }
    int s = field_index("starts_utc"), e = field_index("ends_utc");
    int dl = field_index("signup_deadline_utc"), cap = field_index("capacity");
    int mp = field_index("max_party");
    if (has[s] && has[e] && t[e] < t[s])
        bad(f, "ends_utc", "结束不能早于开始。", "It cannot end before it starts.");
    if (has[dl] && has[e] && t[dl] > t[e])
        bad(f, "signup_deadline_utc", "报名截止不能晚于结束。",
            "Sign-up cannot close after the end.");
    if (has[cap] && has[mp] && t[mp] > t[cap])
        bad(f, "max_party", "不能多于名额。", "Cannot be more than the places.");
    f->station = yk_form_get(&c->form, "station");
    if (yk_admin_scope(c))
        f->station = yk_admin_scope(c); /* staff: always their own */
    else if (f->station && *f->station) {
        struct block_check k = {f->station, false};
        yk_admin_list(c->store, "stations", "name_zh", "name_en", find_block, &k);
        if (!k.found) {
            f->bad = true;
            f->station = NULL;
        }
    }
}

/* The inputs show the row's values (times as Shanghai "YYYY-MM-DD HH:MM"). */
static void from_row(struct form *f, const struct yk_admin_row *r, int64_t shift)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        const char *v = yk_admin_row_val(r, fields[i].col);
        f->shown[i] = v;
        if (v && fields[i].type == F_TIME) {
            yk_admin_fmt_time(strtoll(v, NULL, 10) + shift, f->buf[i]);
            f->shown[i] = f->buf[i];
        }
    }
}

struct opts {
    struct yk_sb *s;
    const char *selected;
};
static void option(void *ctx, const char *id, const char *zh, const char *en)
{
    struct opts *o = ctx;
    yk_sb_raw(o->s, "<option value=\"");
    yk_sb_text(o->s, id);
    yk_sb_raw(o->s, o->selected && strcmp(o->selected, id) == 0 ? "\" selected>" : "\">");
    yk_sb_text(o->s, zh);
    if (en) {
        yk_sb_raw(o->s, " · ");
        yk_sb_text(o->s, en);
    }
    yk_sb_raw(o->s, "</option>");
}

static void kind_options(struct yk_sb *s, const char *selected, bool any)
{
    yk_sb_raw(s, any ? "<option value=\"\">全部 · all</option>" : "<option value=\"\">—</option>");
    for (size_t k = 0; k < NKINDS; k++) {
        yk_sb_raw(s, "<option value=\"");
        yk_sb_raw(s, kinds[k]);
        yk_sb_raw(s, selected && strcmp(selected, kinds[k]) == 0 ? "\" selected>" : "\">");
        kind_label(s, kinds[k], true);
        yk_sb_raw(s, "</option>");
    }
}

static void form_page(struct yk_admin_ctx *c, int status, const struct form *f, const char *action,
                      const char *id, const char *title_zh, const char *title_en, bool cancelled)
{
    struct yk_sb s = {0};
    yk_admin_page_begin(c, &s, title_zh, title_en);
    if (f->bad)
        yk_sb_raw(&s, "<div class=\"error\" id=\"form-error\">有些内容需要修改，请看标红的栏目。"
                      " <span class=\"en\">Some fields need changes: see the ones marked in "
                      "red.</span></div>");
    if (cancelled)
        yk_sb_raw(&s, "<div class=\"notice\" id=\"cancelled\">此活动已取消。 <span "
                      "class=\"en\">This event is cancelled.</span></div>");
    yk_sb_raw(&s, "<form class=\"card\" method=\"post\" action=\"");
    yk_sb_text(&s, action);
    yk_sb_raw(&s, "\">");
    yk_admin_csrf_field(c, &s);
    yk_sb_raw(&s, "<div class=\"grid2\">");
    if (!yk_admin_scope(c)) {
        yk_sb_raw(&s,
                  "<div><label for=\"station\">站点 <span class=\"en\">Station</span></label>"
                  "<select id=\"station\" name=\"station\"><option value=\"\">街道（全部站点）· "
                  "subdistrict</option>");
        struct opts o = {&s, f->station};
        yk_admin_list(c->store, "stations", "name_zh", "name_en", option, &o);
        yk_sb_raw(&s, "</select></div><div></div>");
    }
    for (size_t i = 0; i < NFIELDS; i++) {
        const struct field *d = &fields[i];
        yk_sb_raw(&s, f->msg_zh[i] ? "<div class=\"bad\">" : "<div>");
        yk_sb_raw(&s, "<label for=\"");
        yk_sb_raw(&s, d->col);
        yk_sb_raw(&s, "\">");
        yk_sb_label(&s, d->zh, d->en);
        if (d->required)
            yk_sb_raw(&s, " *");
        yk_sb_raw(&s, "</label>");
        if (d->type == F_AREA) {
            yk_sb_raw(&s, "<textarea id=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\" name=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\">");
            yk_sb_text(&s, f->shown[i]);
            yk_sb_raw(&s, "</textarea>");
        } else if (d->type == F_KIND || d->type == F_BLOCK) {
            yk_sb_raw(&s, "<select id=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\" name=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\">");
            if (d->type == F_KIND) {
                kind_options(&s, f->shown[i], false);
            } else {
                yk_sb_raw(&s, "<option value=\"\">—</option>");
                struct opts o = {&s, f->shown[i]};
                yk_admin_list(c->store, "blocks", "name_zh", "name_en", option, &o);
            }
            yk_sb_raw(&s, "</select>");
        } else {
            yk_sb_raw(&s, "<input id=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\" name=\"");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, d->type == F_INT    ? "\" inputmode=\"numeric\""
                          : d->type == F_URL  ? "\" type=\"url\""
                          : d->type == F_TIME ? "\" inputmode=\"numeric\""
                                              : "\"");
            if (d->hint && (d->type == F_TIME || d->type == F_URL)) {
                yk_sb_raw(&s, " placeholder=\"");
                yk_sb_text(&s, d->hint);
                yk_sb_raw(&s, "\"");
            }
            yk_sb_raw(&s, " value=\"");
            yk_sb_text(&s, f->shown[i]);
            yk_sb_raw(&s, "\">");
        }
        if (d->hint && d->type != F_TIME && d->type != F_URL) {
            yk_sb_raw(&s, "<p class=\"hint\">");
            yk_sb_text(&s, d->hint);
            yk_sb_raw(&s, "</p>");
        }
        if (f->msg_zh[i]) {
            yk_sb_raw(&s, "<p class=\"msg\" id=\"msg-");
            yk_sb_raw(&s, d->col);
            yk_sb_raw(&s, "\">");
            yk_sb_label(&s, f->msg_zh[i], f->msg_en[i]);
            yk_sb_raw(&s, "</p>");
        }
        yk_sb_raw(&s, "</div>");
    }
    yk_sb_raw(&s, "</div><p class=\"hint\">时间均为北京时间 · all times are Shanghai time</p>"
                  "<button type=\"submit\" id=\"save\">保存并发布 Save and publish</button>"
                  "<a class=\"btn alt\" href=\"/admin/events\">返回 Back</a></form>");
    if (id && !cancelled) {
        yk_sb_raw(&s, "<h2>取消活动 <span class=\"en\">Cancel the event</span></h2><form "
                      "class=\"card\" method=\"post\" action=\"/admin/events/");
        yk_sb_text(&s, id);
        yk_sb_raw(&s, "/cancel\">");
        yk_admin_csrf_field(c, &s);
        yk_sb_raw(&s, "<p>自助机下次同步后会显示“已取消”，不再接受报名。已报名的人请按报名名单"
                      "逐一通知。 <span class=\"en\">Kiosks show it cancelled after their next "
                      "sync and take no more sign-ups. Call the people on the sign-up list."
                      "</span></p><label><input type=\"checkbox\" name=\"confirm\" value=\"1\" "
                      "required id=\"confirm-cancel\"> 确认取消 <span class=\"en\">I confirm"
                      "</span></label><button class=\"danger\" type=\"submit\" "
                      "id=\"cancel\">取消活动 Cancel the event</button></form>");
    }
    yk_admin_page_send(c, &s, status);
}

static void save(struct yk_admin_ctx *c, const char *id)
{
    struct form f = {0};
    struct yk_admin_row set = {0};
    validate(c, &f, &set);
    char new_id[YK_ID_LEN + 1];
    char action[160];
    if (!id) {
        yk_id_make(new_id, (long long)c->now * 1000);
        snprintf(action, sizeof action, "/admin/events/new");
    } else {
        snprintf(action, sizeof action, "/admin/events/%s/edit", id);
    }
    if (f.bad) {
        form_page(c, 400, &f, action, id, id ? "编辑活动" : "新活动",
                  id ? "Edit event" : "New event", false);
        yk_admin_row_free(&set);
        return;
    }
    char err[160];
    enum yk_hub_rc rc =
        yk_admin_row_save(c->store, c->user.name, id ? "event.edit" : "event.create", "events",
                          id ? id : new_id, &set, !id, f.station ? f.station : "", c->now, err);
    yk_admin_row_free(&set);
    if (rc == YK_HUB_OK) {
        yk_admin_redirect(c, "/admin/events?done=1");
        return;
    }
    if (rc == YK_HUB_INVALID) {
        f.bad = true;
        form_page(c, 400, &f, action, id, id ? "编辑活动" : "新活动",
                  id ? "Edit event" : "New event", false);
        return;
    }
    yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "保存失败：没有这个活动或数据库出错。",
                  "Not saved: no such event, or the database failed.");
}

static void filter_select(struct yk_admin_ctx *c, struct yk_sb *s, const char *name, const char *zh,
                          const char *en, const char *table)
{
    yk_sb_raw(s, "<label>");
    yk_sb_label(s, zh, en);
    yk_sb_raw(s, "<br><select name=\"");
    yk_sb_raw(s, name);
    yk_sb_raw(s, "\">");
    const char *sel = yk_admin_query(c, name);
    if (table) {
        yk_sb_raw(s, "<option value=\"\">全部 · all</option>");
        struct opts o = {s, sel};
        yk_admin_list(c->store, table, "name_zh", "name_en", option, &o);
    } else {
        kind_options(s, sel, true);
    }
    yk_sb_raw(s, "</select></label>");
}

static void list_page(struct yk_admin_ctx *c)
{
    const char *when = yk_admin_query(c, "when");
    bool past = when && strcmp(when, "past") == 0;
    struct yk_admin_event_filter flt = {
        .station = yk_admin_scope(c) ? yk_admin_scope(c) : yk_admin_query(c, "station"),
        .block = yk_admin_query(c, "block"),
        .kind = yk_admin_query(c, "kind"),
        .past = past,
        .now = c->now,
    };
    struct yk_admin_event_item *ev = calloc(MAX_LIST, sizeof *ev);
    int n = ev ? yk_admin_events(c->store, &flt, ev, MAX_LIST) : -1;
    if (n < 0) {
        free(ev);
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    struct yk_sb s = {0};
    yk_admin_page_begin(c, &s, "活动", "Events");
    if (yk_admin_query(c, "done"))
        yk_sb_raw(&s, "<div class=\"notice\" id=\"done\">已保存，自助机下次同步时更新。 <span "
                      "class=\"en\">Saved; kiosks get it at their next sync.</span></div>");
    yk_sb_raw(&s, "<p><a class=\"btn\" id=\"new-event\" href=\"/admin/events/new\">新活动 New "
                  "event</a></p><div class=\"tabs\">");
    yk_sb_raw(&s, past ? "<a href=\"/admin/events\">即将开始 Upcoming</a><a class=\"on\" "
                         "href=\"/admin/events?when=past\">已结束 Past</a>"
                       : "<a class=\"on\" href=\"/admin/events\">即将开始 Upcoming</a><a "
                         "href=\"/admin/events?when=past\">已结束 Past</a>");
    yk_sb_raw(&s, "</div><form class=\"filters card\" method=\"get\" action=\"/admin/events\">");
    if (past)
        yk_sb_raw(&s, "<input type=\"hidden\" name=\"when\" value=\"past\">");
    if (!yk_admin_scope(c))
        filter_select(c, &s, "station", "站点", "Station", "stations");
    filter_select(c, &s, "block", "街区", "Block", "blocks");
    filter_select(c, &s, "kind", "类型", "Kind", NULL);
    yk_sb_raw(&s, "<button type=\"submit\">筛选 Filter</button></form>");
    if (n == 0)
        yk_sb_raw(&s, "<p class=\"card\" id=\"no-events\">没有符合条件的活动。 <span "
                      "class=\"en\">No events match.</span></p>");
    else
        yk_sb_raw(&s, "<table class=\"rows\" id=\"events\"><thead><tr><th>时间 When</th><th>活动 "
                      "Event</th><th>类型 Kind</th><th>站点 Station</th><th>报名 Signed up</th>"
                      "<th></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct yk_admin_event_item *e = &ev[i];
        char when_s[24], zh[96];
        yk_admin_fmt_time(e->starts_utc, when_s);
        yk_sb_raw(&s, "<tr><td data-h=\"时间 When\">");
        yk_sb_text(&s, when_s);
        yk_sb_raw(&s, "</td><td data-h=\"活动 Event\"><a href=\"/admin/events/");
        yk_sb_text(&s, e->id);
        yk_sb_raw(&s, "/edit\">");
        yk_sb_text(&s, e->title_zh);
        yk_sb_raw(&s, "</a>");
        if (e->title_en[0]) {
            yk_sb_raw(&s, "<br><span class=\"en\">");
            yk_sb_text(&s, e->title_en);
            yk_sb_raw(&s, "</span>");
        }
        if (e->cancelled_utc)
            yk_sb_raw(&s, " <span class=\"tag no\">已取消 cancelled</span>");
        yk_sb_raw(&s, "</td><td data-h=\"类型 Kind\">");
        kind_label(&s, e->kind, false);
        yk_sb_raw(&s, "</td><td data-h=\"站点 Station\">");
        yk_sb_text(&s, e->station_id[0] ? e->station_id : "街道 subdistrict");
        yk_sb_raw(&s, "</td><td data-h=\"报名 Signed up\">");
        if (e->capacity > 0) {
            snprintf(zh, sizeof zh, "%lld / %lld", (long long)e->confirmed, (long long)e->capacity);
            yk_sb_raw(&s, zh);
            if (e->waitlist) {
                yk_sb_raw(&s, " <span class=\"tag wait\">候补 ");
                yk_sb_int(&s, e->waitlist);
                yk_sb_raw(&s, "</span>");
            }
        } else {
            yk_sb_raw(&s, "<span class=\"en\">不需报名 no sign-up</span>");
        }
        yk_sb_raw(&s, "</td><td><a href=\"/admin/events/");
        yk_sb_text(&s, e->id);
        yk_sb_raw(&s, "/signups\">报名名单 Sign-ups</a> · <a href=\"/admin/events/");
        yk_sb_text(&s, e->id);
        yk_sb_raw(&s, "/copy\">复制 Copy</a></td></tr>");
    }
    if (n > 0)
        yk_sb_raw(&s, "</tbody></table>");
    free(ev);
    yk_admin_page_send(c, &s, 200);
}

/* "Same as last month": the copy keeps the weekday, four or five weeks on. */
static int64_t month_shift(int64_t starts)
{
    struct yk_localtime a, b;
    yk_shanghai_time(starts, &a);
    yk_shanghai_time(starts + 28 * 86400, &b);
    return (b.month == a.month ? 35 : 28) * 86400;
}

static void edit_or_copy(struct yk_admin_ctx *c, const char *id, bool copy)
{
    char station[64];
    if (!yk_admin_event_access(c, id, station))
        return;
    struct yk_admin_row r;
    if (yk_admin_row_get(c->store, "events", id, &r) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    const char *st = yk_admin_row_val(&r, "starts_utc");
    struct form f = {0};
    from_row(&f, &r, copy && st ? month_shift(strtoll(st, NULL, 10)) : 0);
    f.station = station;
    char action[160];
    snprintf(action, sizeof action, copy ? "/admin/events/new" : "/admin/events/%s/edit", id);
    form_page(c, 200, &f, action, copy ? NULL : id, copy ? "复制活动" : "编辑活动",
              copy ? "Copy of an event" : "Edit event",
              !copy && yk_admin_row_val(&r, "cancelled_utc"));
    yk_admin_row_free(&r);
}

static void cancel(struct yk_admin_ctx *c, const char *id)
{
    char station[64];
    if (!yk_admin_event_access(c, id, station))
        return;
    const char *ok = yk_form_get(&c->form, "confirm");
    if (!ok || strcmp(ok, "1") != 0) {
        yk_admin_fail(c, 400, "请勾选“确认取消”。", "Tick \"I confirm\" to cancel.");
        return;
    }
    enum yk_hub_rc rc = yk_admin_event_cancel(c->store, c->user.name, id, c->now);
    if (rc != YK_HUB_OK && rc != YK_HUB_INVALID) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    char to[160];
    snprintf(to, sizeof to, "/admin/events/%s/signups?cancelled=1", id);
    yk_admin_redirect(c, to);
}

void yk_admin_events_page(struct yk_admin_ctx *c, const char *rest)
{
    bool post = strcmp(c->rq->method, "POST") == 0;
    if (*rest == '\0' && !post) {
        list_page(c);
        return;
    }
    if (strcmp(rest, "/new") == 0) {
        if (post) {
            save(c, NULL);
        } else {
            struct form f = {0};
            f.shown[field_index("max_party")] = "1";
            f.shown[field_index("kind")] = "other";
            form_page(c, 200, &f, "/admin/events/new", NULL, "新活动", "New event", false);
        }
        return;
    }
    /* /ID/what: ids are the kiosk's (a-z 0-9 - _, ULIDs) */
    char id[64];
    const char *p = rest + 1, *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : 0;
    if (*rest != '/' || !slash || n == 0 || n >= sizeof id ||
        strspn(p, "abcdefghijklmnopqrstuvwxyz"
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789-_") < n) {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
        return;
    }
    memcpy(id, p, n);
    id[n] = '\0';
    const char *what = slash + 1;
    if (strcmp(what, "edit") == 0 && post) {
        char station[64];
        if (yk_admin_event_access(c, id, station))
            save(c, id);
    } else if (strcmp(what, "edit") == 0 || strcmp(what, "copy") == 0) {
        if (post)
            yk_admin_fail(c, 405, "不支持这种请求。", "This method is not supported here.");
        else
            edit_or_copy(c, id, what[0] == 'c');
    } else if (strcmp(what, "cancel") == 0 && post) {
        cancel(c, id);
    } else if (strcmp(what, "signups") == 0 && !post) {
        yk_admin_signups_page(c, id, false);
    } else if (strcmp(what, "signups.csv") == 0 && !post) {
        yk_admin_signups_page(c, id, true);
    } else {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
    }
}
