/* How an event or a piece of shared content (a site, a station, a block, a service line, a
 * service) will look on a kiosk: drawn here in HTML with the kiosk's own texts (its
 * compiled-in catalog, the same labels, the same date wording from yk_format_when and the
 * same Chinese/English pick as the kiosk), once in Chinese and once in English, in a frame of
 * the 7" panel's shape, the fields in the order of the kiosk's screens (src/ui/screens/).
 * Not a pixel copy (fonts and layout are the browser's): rendering with
 * `yikong-kiosk --headless` on the hub would need SDL, fonts and a process per preview on
 * the server; what staff check here is the wording, the fields shown and their order. */
#include "hub/admin_fields.h"

#include "core/shtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends format (a kiosk text) with each %d or %s replaced by the next of args, as text. */
static void put_format(struct yk_hub_html *s, const char *format, const char *const *args, int n)
{
    const char *p = format;
    for (int i = 0; i < n; i++) {
        const char *d = strstr(p, "%d"), *t = strstr(p, "%s");
        const char *at = d && (!t || d < t) ? d : t;
        if (!at)
            break;
        char part[256]; /* the catalog's texts are short */
        snprintf(part, sizeof part, "%.*s", (int)(at - p < 255 ? at - p : 255), p);
        yk_hub_html_text(s, part);
        yk_hub_html_text(s, args[i]);
        p = at + 2;
    }
    yk_hub_html_text(s, p);
}

/* A labelled line of the kiosk's page (label: a catalog key), when v has something. */
static void field(struct yk_hub_html *s, const char *key, enum yk_lang lang, const char *v)
{
    if (!v || !*v)
        return;
    yk_hub_html_raw(s, "<dt>");
    yk_hub_html_text(s, yk_hub_kiosk_text(key, lang));
    yk_hub_html_raw(s, "</dt><dd>");
    yk_hub_html_text(s, v);
    yk_hub_html_raw(s, "</dd>");
}

static int64_t num(const struct yk_admin_row *r, const char *col, int64_t def)
{
    const char *v = yk_admin_row_val(r, col);
    return v ? strtoll(v, NULL, 10) : def;
}

/* The column col_zh / col_en of r as the kiosk picks it in lang. */
static const char *pick(const struct yk_admin_row *r, enum yk_lang lang, const char *col)
{
    const char *zh, *en;
    yk_admin_row_val2(r, col, &zh, &en);
    return yk_pick(lang, zh, en);
}

/* One language's screen: the frame, its title bar, the body's start (k_frame_end closes). */
static void k_frame(struct yk_hub_html *s, enum yk_lang lang, const char *title)
{
    yk_hub_html_raw(s, lang == YK_LANG_ZH
                           ? "<section class=\"kiosk\" lang=\"zh-CN\" id=\"preview-zh\">"
                           : "<section class=\"kiosk\" lang=\"en\" id=\"preview-en\">");
    yk_hub_html_raw(s, "<div class=\"k-head\">");
    yk_hub_html_text(s, title);
    yk_hub_html_raw(s, "</div><div class=\"k-body\">");
}

static void k_frame_end(struct yk_hub_html *s)
{
    yk_hub_html_raw(s, "</div></section>");
}

/* A text of its own (a summary, a guide), as the kiosk sets it. */
static void k_text(struct yk_hub_html *s, const char *v)
{
    if (!v || !*v)
        return;
    yk_hub_html_raw(s, "<p class=\"k-sum\">");
    yk_hub_html_text(s, v);
    yk_hub_html_raw(s, "</p>");
}

/* The row's photo (photo_hash), as a large kiosk screen shows it; nothing without one. */
static void k_photo(struct yk_hub_html *s, const struct yk_admin_row *r)
{
    yk_admin_photo_img(s, yk_admin_row_val(r, "photo_hash"), NULL);
}

/* The "take it along" QR code of a link: the kiosk draws the code, the preview says where. */
static void k_qr(struct yk_hub_html *s, enum yk_lang lang, const char *link)
{
    if (!link || !*link)
        return;
    yk_hub_html_raw(s, "<p class=\"k-qr\">▦ ");
    yk_hub_html_text(s, yk_hub_kiosk_text("qr.take_along", lang));
    yk_hub_html_raw(s, "<br><span class=\"en\">");
    yk_hub_html_text(s, link);
    yk_hub_html_raw(s, "</span></p>");
}

/* The page around the two screens: the note on what it is, then (after them) the way back to
 * the edit form at edit (a path the code made). */
static void preview_begin(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *note_zh,
                          const char *note_en)
{
    yk_admin_page_begin(c, s, "自助机上的样子", "How it looks on a kiosk");
    yk_hub_html_raw(s, "<p class=\"hint\">用自助机自己的文字绘制，版式近似。");
    yk_hub_html_raw(s, note_zh);
    yk_hub_html_raw(s, " <span class=\"en\">Drawn with the kiosk's own texts; the layout is close, "
                       "not exact.");
    yk_hub_html_raw(s, note_en);
    yk_hub_html_raw(s, "</span></p>");
}

static void preview_end(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *edit)
{
    yk_hub_html_raw(s, "<p><a class=\"btn alt\" id=\"preview-edit\" href=\"");
    yk_hub_html_text(s, edit);
    yk_hub_html_raw(s, "\">编辑 Edit</a></p>");
    yk_admin_page_send(c, s, 200);
}

/* One language's kiosk page of event ev (block: its block's row, may be empty). */
static void panel(struct yk_admin_ctx *c, struct yk_hub_html *s, const struct yk_admin_row *ev,
                  const struct yk_admin_row *block, int64_t confirmed, enum yk_lang lang)
{
#define PICK(col) pick(ev, lang, col)
    k_frame(s, lang, PICK("title"));
    k_photo(s, ev); /* its own photo; the kiosk falls back to its site's, which it knows */
    int64_t starts = num(ev, "starts_utc", 0), ends = num(ev, "ends_utc", starts);
    int64_t cap = num(ev, "capacity", 0), closes = num(ev, "signup_deadline_utc", starts);
    bool cancelled = yk_admin_row_val(ev, "cancelled_utc") != NULL;
    int64_t left = cap - confirmed;
    enum yk_hub_seats state = yk_hub_seats_state(cancelled, ends, cap, closes, left, c->now);
    bool open = state == YK_HUB_SEATS_OPEN;
    char seats[128];
    yk_hub_seats_text(state, left, lang, seats, sizeof seats);
    yk_hub_html_raw(s, open ? "<p class=\"k-seats open\">" : "<p class=\"k-seats\">");
    yk_hub_html_text(s, seats);
    yk_hub_html_raw(s, "</p>");
    if (cap > 0 && !cancelled) {
        yk_hub_html_raw(s, open ? "<p><span class=\"k-btn\">" : "<p><span class=\"k-btn off\">");
        yk_hub_html_text(s, yk_hub_kiosk_text("event.signup", lang));
        yk_hub_html_raw(s, "</span></p>");
    }
    yk_hub_html_raw(s, "<dl class=\"k\">");
    char when[128];
    yk_format_when(when, sizeof when, starts, ends, c->now, yk_lang_code(lang));
    field(s, "event.time", lang, when);
    field(s, "event.place", lang, PICK("place"));
    if (open) {
        char date[64], hhmm[16], both[96];
        yk_format_date(date, sizeof date, closes, yk_lang_code(lang));
        yk_format_hhmm(hhmm, sizeof hhmm, closes);
        snprintf(both, sizeof both, "%s %s", date, hhmm);
        field(s, "event.deadline", lang, both);
    }
    field(s, "event.host", lang, PICK("host"));
    field(s, "event.block", lang,
          yk_pick(lang, yk_admin_row_val(block, "name_zh"), yk_admin_row_val(block, "name_en")));
    char kind[48];
    snprintf(kind, sizeof kind, "event.kind.%s",
             yk_admin_row_val(ev, "kind") ? yk_admin_row_val(ev, "kind") : "other");
    field(s, "event.kind", lang, yk_hub_kiosk_text(kind, lang));
    yk_hub_html_raw(s, "</dl>");
    k_text(s, PICK("summary"));
    k_qr(s, lang, yk_admin_row_val(ev, "link_url"));
    k_frame_end(s);
#undef PICK
}

void yk_admin_event_preview(struct yk_admin_ctx *c, const char *event_id)
{
    char station[64];
    if (!yk_admin_event_access(c, event_id, station))
        return;
    struct yk_admin_row ev, block = {0};
    int64_t cap, confirmed = 0, allotted;
    if (yk_admin_row_get(c->store, "events", event_id, &ev) != YK_HUB_OK) {
        yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
        return;
    }
    const char *b = yk_admin_row_val(&ev, "block_id");
    if (b && yk_admin_row_get(c->store, "blocks", b, &block) != YK_HUB_OK)
        block.n = 0;
    yk_hub_event_seats(c->store, event_id, &cap, &confirmed, &allotted);
    struct yk_hub_html s = {0};
    preview_begin(c, &s, "名额按中心现有的报名计算。", " Seats as the hub counts them now.");
    panel(c, &s, &ev, &block, confirmed, YK_LANG_ZH);
    panel(c, &s, &ev, &block, confirmed, YK_LANG_EN);
    yk_admin_row_free(&ev);
    yk_admin_row_free(&block);
    char edit[128];
    snprintf(edit, sizeof edit, "/admin/events/%s/edit", event_id);
    preview_end(c, &s, edit);
}

/* Shared content ---------------------------------------------------------------------------- */

/* The services of a service line, collected under the store's lock (their rows read after). */
struct line_services {
    const char *line;
    char ids[64][48];
    int n;
};

static void line_service(void *ctx, const char *id, const char *line_id, const char *unused)
{
    (void)unused;
    struct line_services *l = ctx;
    if (line_id && strcmp(line_id, l->line) == 0 && l->n < 64 && strlen(id) < sizeof l->ids[0])
        snprintf(l->ids[l->n++], sizeof l->ids[0], "%s", id);
}

/* A teaching site (sites.c, detail_build): photo, guide, where, hours, booking, QR; what is
 * missing is asked at the station (the kiosk names its own; here "this station"). */
static void site_panel(struct yk_hub_html *s, const struct yk_admin_row *r, enum yk_lang lang)
{
    k_photo(s, r);
    const char *intro = pick(r, lang, "intro"), *where = pick(r, lang, "location");
    k_text(s, intro);
    yk_hub_html_raw(s, "<dl class=\"k\">");
    field(s, "site.location", lang, where);
    field(s, "site.hours", lang, pick(r, lang, "hours"));
    field(s, "site.booking", lang, pick(r, lang, "booking"));
    if (!intro || !*intro || !where || !*where) {
        const char *stn = lang == YK_LANG_ZH ? "本站" : "this station";
        const char *args[] = {pick(r, lang, "name"), stn};
        yk_hub_html_raw(s, "<dt>");
        yk_hub_html_text(s, yk_hub_kiosk_text("site.ask", lang));
        yk_hub_html_raw(s, "</dt><dd>");
        if (intro && *intro)
            put_format(s, yk_hub_kiosk_text("site.ask.body", lang), args + 1, 1);
        else
            put_format(s, yk_hub_kiosk_text("site.ask.all", lang), args, 2);
        yk_hub_html_raw(s, "</dd>");
    }
    yk_hub_html_raw(s, "</dl>");
    k_qr(s, lang, yk_admin_row_val(r, "link_url"));
}

/* A service (services.c, detail_build). */
static void service_panel(struct yk_hub_html *s, const struct yk_admin_row *r, enum yk_lang lang)
{
    k_text(s, pick(r, lang, "summary"));
    yk_hub_html_raw(s, "<dl class=\"k\">");
    field(s, "service.offers", lang, pick(r, lang, "offers"));
    field(s, "service.audience", lang, pick(r, lang, "audience"));
    field(s, "service.hours", lang, pick(r, lang, "hours"));
    field(s, "service.place", lang, pick(r, lang, "place"));
    field(s, "service.contact", lang, pick(r, lang, "contact"));
    yk_hub_html_raw(s, "</dl>");
    k_qr(s, lang, yk_admin_row_val(r, "link_url"));
}

/* A service line: its summary, then each of its services with when, where and whom to ask. */
static void line_panel(struct yk_hub_html *s, const struct yk_admin_row *r,
                       const struct yk_admin_row *services, int n, enum yk_lang lang)
{
    k_text(s, pick(r, lang, "summary"));
    yk_hub_html_raw(s, "<dl class=\"k\">");
    for (int i = 0; i < n; i++) {
        const char *title = pick(&services[i], lang, "title");
        yk_hub_html_raw(s, "<dt class=\"k-part\">");
        yk_hub_html_text(s, title);
        yk_hub_html_raw(s, "</dt><dd>");
        yk_hub_html_text(s, pick(&services[i], lang, "summary"));
        yk_hub_html_raw(s, "</dd>");
        field(s, "service.hours", lang, pick(&services[i], lang, "hours"));
        field(s, "service.place", lang, pick(&services[i], lang, "place"));
        field(s, "service.contact", lang, pick(&services[i], lang, "contact"));
    }
    yk_hub_html_raw(s, "</dl>");
}

/* A block (blocks.c, detail_build). */
static void block_panel(struct yk_hub_html *s, const struct yk_admin_row *r, enum yk_lang lang)
{
    yk_hub_html_raw(s, "<dl class=\"k\">");
    field(s, "block.where", lang, pick(r, lang, "where"));
    field(s, "block.character", lang, pick(r, lang, "character"));
    field(s, "block.alliance", lang, pick(r, lang, "alliance"));
    field(s, "block.convention", lang, pick(r, lang, "convention"));
    yk_hub_html_raw(s, "</dl>");
}

/* A station: the card on its kiosks' home screen (home.c): address, hours, phone, each after
 * its icon (the kiosk has no words for them). */
static void station_panel(struct yk_hub_html *s, const struct yk_admin_row *r, enum yk_lang lang)
{
    static const struct {
        const char *icon, *col;
        bool both;
    } lines[] = {{"📍", "address", true}, {"🕘", "hours", true}, {"☎", "phone", false}};
    yk_hub_html_raw(s, "<p class=\"k-seats\">");
    yk_hub_html_text(s, pick(r, lang, "name"));
    yk_hub_html_raw(s, "</p><dl class=\"k\">");
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        const char *v =
            lines[i].both ? pick(r, lang, lines[i].col) : yk_admin_row_val(r, lines[i].col);
        if (!v || !*v)
            continue;
        yk_hub_html_raw(s, "<dt>");
        yk_hub_html_raw(s, lines[i].icon);
        yk_hub_html_raw(s, "</dt><dd>");
        yk_hub_html_text(s, v);
        yk_hub_html_raw(s, "</dd>");
    }
    yk_hub_html_raw(s, "</dl>");
}

void yk_admin_content_preview(struct yk_admin_ctx *c, const char *table, const char *id)
{
    struct yk_admin_row r;
    enum yk_hub_rc rc = yk_admin_live_row_get(c->store, table, id, &r);
    if (rc != YK_HUB_OK) {
        yk_admin_fail(c, rc == YK_HUB_ERROR ? 503 : 404, "没有这一项。", "No such item.");
        return;
    }
    bool line = strcmp(table, "service_lines") == 0;
    struct line_services *ls = line ? calloc(1, sizeof *ls) : NULL;
    struct yk_admin_row *services = NULL;
    int n = 0;
    if (line) {
        /* A line's page lists its services: a preview without them would mislead. */
        bool listed = ls;
        if (ls) {
            ls->line = id;
            listed = yk_admin_list(c->store, "services", "line_id", "sort", line_service, ls);
            services = listed ? calloc((size_t)ls->n + 1, sizeof *services) : NULL;
        }
        if (!services) {
            free(ls);
            yk_admin_row_free(&r);
            yk_admin_fail(c, 503, "数据库暂时不可用。", "The database is unavailable.");
            return;
        }
        for (int i = 0; i < ls->n; i++)
            if (yk_admin_live_row_get(c->store, "services", ls->ids[i], &services[n]) == YK_HUB_OK)
                n++;
    }
    struct yk_hub_html s = {0};
    preview_begin(c, &s, "", "");
    for (int l = 0; l < 2; l++) {
        enum yk_lang lang = l == 0 ? YK_LANG_ZH : YK_LANG_EN;
        /* The kiosk's title bar: the item's name (a service's title); a station's kiosk shows
         * its home screen. */
        const char *title = strcmp(table, "services") == 0   ? pick(&r, lang, "title")
                            : strcmp(table, "stations") == 0 ? yk_hub_kiosk_text("nav.home", lang)
                                                             : pick(&r, lang, "name");
        k_frame(&s, lang, title);
        if (strcmp(table, "sites") == 0)
            site_panel(&s, &r, lang);
        else if (strcmp(table, "services") == 0)
            service_panel(&s, &r, lang);
        else if (line)
            line_panel(&s, &r, services, n, lang);
        else if (strcmp(table, "blocks") == 0)
            block_panel(&s, &r, lang);
        else
            station_panel(&s, &r, lang);
        k_frame_end(&s);
    }
    for (int i = 0; i < n; i++)
        yk_admin_row_free(&services[i]);
    free(services);
    free(ls);
    yk_admin_row_free(&r);
    char edit[128];
    snprintf(edit, sizeof edit, "/admin/content/%s/%s/edit", table, id);
    preview_end(c, &s, edit);
}
