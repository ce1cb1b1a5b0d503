/* The public station page (hub_public.h). Its reads are the content rows every kiosk receives
 * anyway (hub_store_admin.h's row and listing calls, live rows only) and the events' seat
 * figures; it asks the store for nothing else. */
#include "hub/hub_public.h"

#include "core/shtime.h"
#include "hub/hub_kiosk_words.h"
#include "hub/hub_store_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 64 /* stations or sites on the page */

/* Ids of a listing (yk_admin_list), read under the store's lock; their rows are read after. */
struct ids {
    char id[MAX_ROWS][64];
    int n;
};

static void add_id(void *ctx, const char *id, const char *a, const char *b)
{
    (void)a, (void)b;
    struct ids *l = ctx;
    if (l->n < MAX_ROWS && strlen(id) < sizeof l->id[0])
        snprintf(l->id[l->n++], sizeof l->id[0], "%s", id);
}

/* A field of r in Chinese and English (col_zh, col_en), when it has one. */
static void field2(struct yk_hub_html *h, const struct yk_admin_row *r, const char *col,
                   const char *zh, const char *en)
{
    const char *vz, *ve;
    yk_admin_row_val2(r, col, &vz, &ve);
    if (vz && *vz)
        yk_hub_html_field(h, zh, en, vz, ve);
}

/* A heading: the name in Chinese, English beside it when there is one. */
static void name2(struct yk_hub_html *h, const char *tag, const char *zh, const char *en)
{
    yk_hub_html_raw(h, "<");
    yk_hub_html_raw(h, tag);
    yk_hub_html_raw(h, ">");
    yk_hub_html_text(h, zh);
    if (en && *en && strcmp(en, zh) != 0) {
        yk_hub_html_raw(h, " <span class=\"en\" lang=\"en\">");
        yk_hub_html_text(h, en);
        yk_hub_html_raw(h, "</span>");
    }
    yk_hub_html_raw(h, "</");
    yk_hub_html_raw(h, tag);
    yk_hub_html_raw(h, ">");
}

static void station_card(struct yk_hub_html *h, const struct yk_admin_row *r, bool heading)
{
    const char *phone = yk_admin_row_val(r, "phone"); /* the station's own, public number */
    if (!heading && !yk_admin_row_val(r, "address_zh") && !yk_admin_row_val(r, "hours_zh") &&
        !phone)
        return; /* nothing known yet: no empty card */
    yk_hub_html_raw(h, "<div class=\"card\">");
    if (heading) { /* on the page of all stations: each name opens its own page */
        yk_hub_html_raw(h, "<a class=\"stn\" href=\"/s/");
        yk_hub_html_text(h, yk_admin_row_val(r, "id"));
        yk_hub_html_raw(h, "\">");
        name2(h, "h3", yk_admin_row_val(r, "name_zh"), yk_admin_row_val(r, "name_en"));
        yk_hub_html_raw(h, "</a>");
    }
    yk_hub_html_raw(h, "<dl>");
    field2(h, r, "address", "地址", "Address");
    field2(h, r, "hours", "开放时间", "Opening hours");
    if (phone && *phone)
        yk_hub_html_field(h, "电话", "Phone", phone, NULL);
    yk_hub_html_raw(h, "</dl></div>");
}

/* Where an event's sign-up stands (yk_hub_seats_state), in the kiosk's words. */
static void seats(struct yk_hub_html *h, const struct yk_admin_event_item *e, int64_t now)
{
    int64_t left = e->capacity - e->confirmed;
    enum yk_hub_seats st = yk_hub_seats_state(e->cancelled_utc != 0, e->ends_utc, e->capacity,
                                              e->closes_utc, left, now);
    char zh[128], en[128];
    yk_hub_seats_text(st, left, YK_LANG_ZH, zh, sizeof zh);
    yk_hub_seats_text(st, left, YK_LANG_EN, en, sizeof en);
    bool ok = st == YK_HUB_SEATS_OPEN || st == YK_HUB_SEATS_NO_SIGNUP; /* come along */
    yk_hub_html_raw(h, ok ? "<dd class=\"ok\">" : "<dd class=\"no\">");
    yk_hub_html_text(h, zh);
    yk_hub_html_raw(h, " <span class=\"en\" lang=\"en\">");
    yk_hub_html_text(h, en);
    yk_hub_html_raw(h, "</span></dd>");
}

/* One event's card on the page. */
static void event_card(struct yk_hub_html *h, const struct yk_admin_event_item *e, int64_t now)
{
    yk_hub_html_raw(h, "<div class=\"card ev\">");
    name2(h, "h3", e->title_zh, e->title_en);
    yk_hub_html_raw(h, "<dl>");
    char zh[128], en[128];
    yk_format_when(zh, sizeof zh, e->starts_utc, e->ends_utc, now, "zh");
    yk_format_when(en, sizeof en, e->starts_utc, e->ends_utc, now, "en");
    yk_hub_html_field(h, "时间", "When", zh, en);
    if (e->place_zh[0])
        yk_hub_html_field(h, "地点", "Where", e->place_zh, e->place_en);
    yk_hub_html_raw(h, "<dt>名额 <span class=\"en\" lang=\"en\">Places</span></dt>");
    seats(h, e, now);
    yk_hub_html_raw(h, "</dl></div>");
}

/* The next YK_HUB_PUBLIC_EVENTS events not yet ended: of station and the subdistrict's, or
 * every event when station is NULL (one query, however many other stations' events come
 * first). False on a store error. */
static bool events(struct yk_hub_html *h, struct yk_hub_store *store, const char *station,
                   int64_t now)
{
    struct yk_admin_event_item *ev = calloc(YK_HUB_PUBLIC_EVENTS, sizeof *ev);
    if (!ev)
        return false;
    struct yk_admin_event_filter f = {.station = station, .and_subdistrict = true, .now = now};
    int n = yk_admin_events(store, &f, ev, YK_HUB_PUBLIC_EVENTS);
    if (n < 0) {
        free(ev);
        return false;
    }
    yk_hub_html_raw(h, "<h2>近期活动 <span class=\"en\" lang=\"en\">Coming up</span></h2>");
    for (int i = 0; i < n; i++)
        event_card(h, &ev[i], now);
    free(ev);
    if (!n)
        yk_hub_html_raw(h, "<p>暂无活动。 <span class=\"en\" lang=\"en\">Nothing is planned just "
                           "now.</span></p>");
    else
        yk_hub_html_raw(h,
                        "<p>报名请到服务站的自助机，或问工作人员。 <span class=\"en\" "
                        "lang=\"en\">Sign up at a station's kiosk, or ask the staff.</span></p>");
    return true;
}

static bool sites(struct yk_hub_html *h, struct yk_hub_store *store, struct ids *l)
{
    l->n = 0;
    if (!yk_admin_list(store, "sites", "name_zh", "name_en", add_id, l))
        return false;
    if (!l->n)
        return true;
    yk_hub_html_raw(h, "<h2>滨江红色教学点 <span class=\"en\" lang=\"en\">Red heritage sites "
                       "along the riverside</span></h2>");
    for (int i = 0; i < l->n; i++) {
        struct yk_admin_row r;
        if (yk_admin_live_row_get(store, "sites", l->id[i], &r) != YK_HUB_OK)
            continue;
        yk_hub_html_raw(h, "<div class=\"card\">");
        name2(h, "h3", yk_admin_row_val(&r, "name_zh"), yk_admin_row_val(&r, "name_en"));
        yk_hub_html_raw(h, "<dl>");
        field2(h, &r, "location", "位置", "Where");
        field2(h, &r, "hours", "开放时间", "Opening hours");
        field2(h, &r, "booking", "预约", "Booking");
        yk_hub_html_raw(h, "</dl></div>");
        yk_admin_row_free(&r);
    }
    return true;
}

static bool id_ok(const char *id)
{
    size_t n = strlen(id);
    return n > 0 && n < 64 && strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

int yk_hub_page_public(struct yk_hub_html *h, struct yk_hub_store *store, const char *station_id,
                       int64_t now)
{
    struct ids *l = calloc(1, sizeof *l);
    struct yk_admin_row one;
    enum yk_hub_rc rc = !l                                 ? YK_HUB_ERROR
                        : station_id && !id_ok(station_id) ? YK_HUB_NOT_FOUND
                        : station_id ? yk_admin_live_row_get(store, "stations", station_id, &one)
                        : yk_admin_list(store, "stations", "name_zh", "name_en", add_id, l)
                            ? YK_HUB_OK
                            : YK_HUB_ERROR;
    if (rc == YK_HUB_NOT_FOUND) {
        free(l);
        yk_hub_page_begin(h, "没有这个服务站 · No such station");
        yk_hub_html_raw(h, "<h1>没有这个服务站 <span class=\"en\">No such station</span></h1>"
                           "<div class=\"card\"><p>请核对链接，或打开<a href=\"/\">全部服务站</a>。"
                           "</p><p class=\"en\">Please check the link, or open <a href=\"/\">all "
                           "the stations</a>.</p></div>");
        yk_hub_page_end(h);
        return 404;
    }
    bool ok = rc == YK_HUB_OK;
    if (ok && station_id) {
        const char *zh = yk_admin_row_val(&one, "name_zh");
        yk_hub_page_begin(h, zh ? zh : station_id);
        name2(h, "h1", zh ? zh : station_id, yk_admin_row_val(&one, "name_en"));
        station_card(h, &one, false);
        yk_admin_row_free(&one);
    } else if (ok) {
        yk_hub_page_begin(h, "益空间服务站 · Yikong Space stations");
        yk_hub_html_raw(h, "<h1>益空间 · 五里桥滨江服务站 <span class=\"en\">Yikong Space: "
                           "the Wuliqiao riverside stations</span></h1>");
        for (int i = 0; i < l->n; i++) {
            struct yk_admin_row r;
            if (yk_admin_live_row_get(store, "stations", l->id[i], &r) == YK_HUB_OK) {
                station_card(h, &r, true);
                yk_admin_row_free(&r);
            }
        }
    }
    ok = ok && events(h, store, station_id, now) && sites(h, store, l);
    free(l);
    if (!ok) {
        free(h->b);
        memset(h, 0, sizeof *h);
        yk_hub_page_unavailable(h);
        return 503;
    }
    yk_hub_page_end(h);
    return 200;
}
