/* Events: the list (upcoming / past, by station, block and kind), the form (new, edit,
 * copy) with a message per field and the event's photo (the site photo's checks and code:
 * yk_admin_photo_take), and cancelling. Who may touch an event is decided in one
 * place, yk_admin_event_access (admin.c); lists are limited by yk_admin_scope. */
#include "hub/admin_fields.h"

#include "core/embed.h"
#include "core/i18n.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/shtime.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every field of an event the kiosk shows. */
static const struct yk_admin_field fields[] = {
    {"title_zh", "标题（中文）", "Title (Chinese)", YK_F_TEXT, true, 0, 200, NULL, NULL, NULL,
     NULL},
    {"title_en", "标题（英文）", "Title (English)", YK_F_TEXT, false, 0, 200, NULL, "title_zh",
     NULL, NULL},
    {"kind", "类型", "Kind", YK_F_KIND, true, 0, 0, NULL, NULL, NULL, NULL},
    {"block_id", "街区", "Block", YK_F_REF, false, 0, 0, NULL, NULL, "blocks", NULL},
    {"starts_utc", "开始", "Starts", YK_F_TIME, true, 0, 0, "2026-12-20 09:30", NULL, NULL, NULL},
    {"ends_utc", "结束", "Ends", YK_F_TIME, true, 0, 0, "2026-12-20 11:30", NULL, NULL, NULL},
    YK_ADMIN_TEXT2("place", "地点", "Place", 200),
    YK_ADMIN_TEXT2("host", "主办单位", "Host", 200),
    {"capacity", "名额", "Places", YK_F_INT, false, 1, 100000, "空 = 不需报名 · empty: no sign-up",
     NULL, NULL, NULL},
    {"max_party", "每次报名最多人数", "Most people per sign-up", YK_F_INT, true, 1, 20, NULL, NULL,
     NULL, NULL},
    {"signup_deadline_utc", "报名截止", "Sign-up closes", YK_F_TIME, false, 0, 0,
     "空 = 开始前都可报名 · empty: until it starts", NULL, NULL, NULL},
    {"seat_block", "每台自助机离线名额", "Seats each kiosk holds offline", YK_F_INT, false, 0, 1000,
     "空 = 自助机的默认设置 · empty: the kiosk's setting", NULL, NULL, NULL},
    YK_ADMIN_AREA2("summary", "介绍", "Description", 4000),
    {"link_url", "链接（自助机显示为二维码）", "Link (a QR code on the kiosk)", YK_F_URL, false, 0,
     500, "https://…", NULL, NULL, NULL},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

struct form {
    struct yk_admin_form f;
    const char *station; /* the station field's value */
    const char *photo;   /* the event's photo now (media hash), or NULL */
    const char *err;     /* a refusal beyond the fields (the photo's), or NULL */
};

/* Checks the posted fields into set (the columns to write), and the rules across fields. */
static void validate(struct yk_admin_ctx *c, struct form *e, struct yk_admin_row *set)
{
    struct yk_admin_form *f = &e->f;
    yk_admin_form_check(c, f, set);
    int s = yk_admin_form_index(f, "starts_utc"), en = yk_admin_form_index(f, "ends_utc");
    int dl = yk_admin_form_index(f, "signup_deadline_utc"),
        cap = yk_admin_form_index(f, "capacity");
    int mp = yk_admin_form_index(f, "max_party");
    if (f->has[s] && f->has[en] && f->num[en] < f->num[s])
        yk_admin_form_bad(f, "ends_utc", "结束不能早于开始。", "It cannot end before it starts.");
    if (f->has[dl] && f->has[en] && f->num[dl] > f->num[en])
        yk_admin_form_bad(f, "signup_deadline_utc", "报名截止不能晚于结束。",
                          "Sign-up cannot close after the end.");
    if (f->has[cap] && f->has[mp] && f->num[mp] > f->num[cap])
        yk_admin_form_bad(f, "max_party", "不能多于名额。", "Cannot be more than the places.");
    e->station = yk_form_get(&c->form, "station");
    if (yk_admin_scope(c)) {
        e->station = yk_admin_scope(c); /* staff: always their own */
    } else if (e->station && *e->station && !yk_admin_ref_exists(c, "stations", e->station)) {
        f->bad = true;
        e->station = NULL;
    }
}

static void form_page(struct yk_admin_ctx *c, int status, const struct form *e, const char *action,
                      const char *id, const char *title_zh, const char *title_en, bool cancelled)
{
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, title_zh, title_en);
    if (e->f.bad || e->err) {
        yk_hub_html_raw(&s,
                        "<div class=\"error\" id=\"form-error\">有些内容需要修改，请看标红的栏目。"
                        " <span class=\"en\">Some fields need changes: see the ones marked in "
                        "red.</span>");
        if (e->err) {
            yk_hub_html_raw(&s, "<p>");
            yk_hub_html_text(&s, e->err);
            yk_hub_html_raw(&s, "</p>");
        }
        yk_hub_html_raw(&s, "</div>");
    }
    if (cancelled)
        yk_hub_html_raw(&s, "<div class=\"notice\" id=\"cancelled\">此活动已取消。 <span "
                            "class=\"en\">This event is cancelled.</span></div>");
    yk_hub_html_raw(&s, "<form class=\"card\" method=\"post\" action=\"");
    yk_hub_html_text(&s, action);
    yk_hub_html_raw(&s, "\" enctype=\"multipart/form-data\">");
    yk_admin_csrf_field(c, &s);
    yk_hub_html_raw(&s, "<div class=\"grid2\">");
    if (!yk_admin_scope(c)) {
        yk_hub_html_raw(
            &s, "<div><label for=\"station\">站点 <span class=\"en\">Station</span></label>"
                "<select id=\"station\" name=\"station\"><option value=\"\">街道（全部站点）· "
                "subdistrict</option>");
        yk_admin_options(c, &s, "stations", e->station);
        yk_hub_html_raw(&s, "</select></div><div></div>");
    }
    yk_admin_form_draw(c, &s, &e->f, false);
    /* A new event (a copy) keeps the photo it shows unless another comes or it is removed. */
    yk_admin_photo_field(&s, e->photo, false, !id && e->photo);
    yk_hub_html_raw(&s, "</div><p class=\"hint\">时间均为北京时间 · all times are Shanghai time</p>"
                        "<button type=\"submit\" id=\"save\">保存并发布 Save and publish</button>"
                        "<a class=\"btn alt\" href=\"/admin/events\">返回 Back</a></form>");
    if (id && !cancelled) {
        yk_hub_html_raw(&s, "<h2>取消活动 <span class=\"en\">Cancel the event</span></h2><form "
                            "class=\"card\" method=\"post\" action=\"/admin/events/");
        yk_hub_html_text(&s, id);
        yk_hub_html_raw(&s, "/cancel\">");
        yk_admin_csrf_field(c, &s);
        yk_hub_html_raw(&s,
                        "<p>自助机下次同步后会显示“已取消”，不再接受报名。已报名的人请按报名名单"
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
    struct form f = {.station = NULL};
    yk_admin_form_init(&f.f, fields, NFIELDS);
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
    /* The photo only once the fields passed: a refused form stores nothing. */
    if (!f.f.bad)
        f.err = yk_admin_photo_take(c, &set);
    char err[160] = "";
    enum yk_hub_rc rc = YK_HUB_INVALID;
    if (!f.f.bad && !f.err)
        rc =
            yk_admin_row_save(c->store, c->user.name, id ? "event.edit" : "event.create", "events",
                              id ? id : new_id, &set, !id, f.station ? f.station : "", c->now, err);
    yk_admin_row_free(&set);
    if (rc == YK_HUB_OK) {
        yk_admin_redirect(c, "/admin/events?done=1");
        return;
    }
    if (rc == YK_HUB_NOT_FOUND && err[0]) { /* deleted (the store refuses to write it) */
        yk_admin_fail_msg(c, 404, err);
        return;
    }
    if (rc != YK_HUB_INVALID) {
        yk_admin_fail(c, rc == YK_HUB_NOT_FOUND ? 404 : 503, "保存失败：没有这个活动或数据库出错。",
                      "Not saved: no such event, or the database failed.");
        return;
    }
    if (!f.err && err[0])
        f.err = err;
    /* Shown again with the photo it has (an edit) or carries (a copy). */
    struct yk_admin_row cur = {0};
    const char *keep = yk_form_get(&c->form, "photo_keep");
    if (id && yk_admin_row_get(c->store, "events", id, &cur) == YK_HUB_OK)
        f.photo = yk_admin_row_val(&cur, "photo_hash");
    else if (!id && keep && *keep)
        f.photo = keep;
    form_page(c, 400, &f, action, id, id ? "编辑活动" : "新活动", id ? "Edit event" : "New event",
              false);
    yk_admin_row_free(&cur);
}

static void filter_select(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *name,
                          const char *zh, const char *en, const char *table)
{
    yk_hub_html_raw(s, "<label>");
    yk_admin_html_label(s, zh, en);
    yk_hub_html_raw(s, "<br><select name=\"");
    yk_hub_html_raw(s, name);
    yk_hub_html_raw(s, "\">");
    const char *sel = yk_admin_query(c, name);
    yk_hub_html_raw(s, "<option value=\"\">全部 · all</option>");
    if (table) {
        yk_admin_options(c, s, table, sel);
    } else {
        for (const char *const *k = yk_admin_kinds; *k; k++) {
            yk_hub_html_raw(s, "<option value=\"");
            yk_hub_html_raw(s, *k);
            yk_hub_html_raw(s, sel && strcmp(sel, *k) == 0 ? "\" selected>" : "\">");
            yk_admin_kind_label(s, *k, true);
            yk_hub_html_raw(s, "</option>");
        }
    }
    yk_hub_html_raw(s, "</select></label>");
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
    int page = yk_admin_page_no(c);
    flt.offset = (page - 1) * YK_ADMIN_PAGE_ROWS;
    /* One row more than a page: whether a next page exists. */
    struct yk_admin_event_item *ev = calloc(YK_ADMIN_PAGE_ROWS + 1, sizeof *ev);
    int n = ev ? yk_admin_events(c->store, &flt, ev, YK_ADMIN_PAGE_ROWS + 1) : -1;
    bool more = n > YK_ADMIN_PAGE_ROWS;
    if (more)
        n = YK_ADMIN_PAGE_ROWS;
    if (n < 0) {
        free(ev);
        yk_admin_fail(c, 503, "数据库暂时不可用，请稍后再试。",
                      "The database is unavailable; please try again later.");
        return;
    }
    struct yk_hub_html s = {0};
    yk_admin_page_begin(c, &s, "活动", "Events");
    yk_admin_notice_saved(c, &s);
    yk_hub_html_raw(&s,
                    "<p><a class=\"btn\" id=\"new-event\" href=\"/admin/events/new\">新活动 New "
                    "event</a></p><div class=\"tabs\">");
    yk_hub_html_raw(&s, past ? "<a href=\"/admin/events\">即将开始 Upcoming</a><a class=\"on\" "
                               "href=\"/admin/events?when=past\">已结束 Past</a>"
                             : "<a class=\"on\" href=\"/admin/events\">即将开始 Upcoming</a><a "
                               "href=\"/admin/events?when=past\">已结束 Past</a>");
    yk_hub_html_raw(&s,
                    "</div><form class=\"filters card\" method=\"get\" action=\"/admin/events\">");
    if (past)
        yk_hub_html_raw(&s, "<input type=\"hidden\" name=\"when\" value=\"past\">");
    if (!yk_admin_scope(c))
        filter_select(c, &s, "station", "站点", "Station", "stations");
    filter_select(c, &s, "block", "街区", "Block", "blocks");
    filter_select(c, &s, "kind", "类型", "Kind", NULL);
    yk_hub_html_raw(&s, "<button type=\"submit\">筛选 Filter</button></form>");
    if (n == 0)
        yk_hub_html_raw(&s, "<p class=\"card\" id=\"no-events\">没有符合条件的活动。 <span "
                            "class=\"en\">No events match.</span></p>");
    else
        yk_hub_html_raw(&s,
                        "<table class=\"rows\" id=\"events\"><thead><tr><th>时间 When</th><th>活动 "
                        "Event</th><th>类型 Kind</th><th>站点 Station</th><th>报名 Signed up</th>"
                        "<th></th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        const struct yk_admin_event_item *e = &ev[i];
        char when_s[24], zh[96];
        yk_admin_fmt_time(e->starts_utc, when_s);
        yk_hub_html_raw(&s, "<tr><td data-h=\"时间 When\">");
        yk_hub_html_text(&s, when_s);
        yk_hub_html_raw(&s, "</td><td data-h=\"活动 Event\"><a href=\"/admin/events/");
        yk_hub_html_text(&s, e->id);
        yk_hub_html_raw(&s, "/edit\">");
        yk_hub_html_text(&s, e->title_zh);
        yk_hub_html_raw(&s, "</a>");
        if (e->title_en[0]) {
            yk_hub_html_raw(&s, "<br><span class=\"en\">");
            yk_hub_html_text(&s, e->title_en);
            yk_hub_html_raw(&s, "</span>");
        }
        if (e->cancelled_utc)
            yk_hub_html_raw(&s, " <span class=\"tag no\">已取消 cancelled</span>");
        yk_hub_html_raw(&s, "</td><td data-h=\"类型 Kind\">");
        yk_admin_kind_label(&s, e->kind, false);
        yk_hub_html_raw(&s, "</td><td data-h=\"站点 Station\">");
        yk_hub_html_text(&s, e->station_id[0] ? e->station_id : "街道 subdistrict");
        yk_hub_html_raw(&s, "</td><td data-h=\"报名 Signed up\">");
        if (e->capacity > 0) {
            snprintf(zh, sizeof zh, "%lld / %lld", (long long)e->confirmed, (long long)e->capacity);
            yk_hub_html_raw(&s, zh);
            if (e->waitlist) {
                yk_hub_html_raw(&s, " <span class=\"tag wait\">候补 ");
                yk_admin_html_int(&s, e->waitlist);
                yk_hub_html_raw(&s, "</span>");
            }
        } else {
            yk_hub_html_raw(&s, "<span class=\"en\">不需报名 no sign-up</span>");
        }
        yk_hub_html_raw(&s, "</td><td><a href=\"/admin/events/");
        yk_hub_html_text(&s, e->id);
        yk_hub_html_raw(&s, "/signups\">报名名单 Sign-ups</a> · <a href=\"/admin/events/");
        yk_hub_html_text(&s, e->id);
        yk_hub_html_raw(&s, "/preview\">预览 Preview</a> · <a href=\"/admin/events/");
        yk_hub_html_text(&s, e->id);
        yk_hub_html_raw(&s, "/copy\">复制 Copy</a></td></tr>");
    }
    if (n > 0)
        yk_hub_html_raw(&s, "</tbody></table>");
    static const char *const keys[] = {"when", "station", "block", "kind", NULL};
    yk_admin_pager(c, &s, "/admin/events", keys, page, more);
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
    struct form f;
    yk_admin_form_init(&f.f, fields, NFIELDS);
    yk_admin_form_from_row(&f.f, &r, copy && st ? month_shift(strtoll(st, NULL, 10)) : 0);
    f.station = station;
    f.photo = yk_admin_row_val(&r, "photo_hash");
    f.err = NULL;
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

/* signups/SIGNUP_ID/cancel or /promote (ULIDs). False when it is neither. */
static bool signup_action(struct yk_admin_ctx *c, const char *event_id, const char *p)
{
    char sid[32];
    size_t n = strspn(p, "0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    if (n == 0 || n >= sizeof sid || p[n] != '/')
        return false;
    memcpy(sid, p, n);
    sid[n] = '\0';
    if (strcmp(p + n + 1, "cancel") == 0)
        yk_admin_signup_action(c, event_id, sid, false);
    else if (strcmp(p + n + 1, "promote") == 0)
        yk_admin_signup_action(c, event_id, sid, true);
    else
        return false;
    return true;
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
            struct form f = {.station = NULL, .photo = NULL, .err = NULL};
            yk_admin_form_init(&f.f, fields, NFIELDS);
            f.f.shown[yk_admin_form_index(&f.f, "max_party")] = "1";
            f.f.shown[yk_admin_form_index(&f.f, "kind")] = "other";
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
    } else if (strcmp(what, "preview") == 0 && !post) {
        yk_admin_event_preview(c, id);
    } else if (strcmp(what, "calls") == 0 && !post) {
        yk_admin_calls_page(c, id);
    } else if (strcmp(what, "sheet") == 0 && !post) {
        yk_admin_sheet_page(c, id);
    } else if (strncmp(what, "signups/", 8) == 0 && signup_action(c, id, what + 8)) {
        /* answered */
    } else {
        yk_admin_fail(c, 404, "没有这一页。", "There is no such page.");
    }
}
