/* How an event will look on a kiosk: drawn here in HTML with the kiosk's own texts (its
 * compiled-in catalog, the same labels, the same date wording from yk_format_when and the
 * same Chinese/English pick as the kiosk), once in Chinese and once in English, in a frame of
 * the 7" panel's shape. Not a pixel copy (fonts and layout are the browser's): rendering with
 * `yikong-kiosk --headless` on the hub would need SDL, fonts and a process per preview on
 * the server; what staff check here is the wording, the fields shown and their order. */
#include "hub/admin_fields.h"

#include "core/shtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kiosk's text for key with its %d replaced by n. */
static void text_n(struct yk_hub_html *s, const char *key, enum yk_lang lang, int64_t n)
{
    const char *t = yk_admin_kiosk_text(key, lang), *d = strstr(t, "%d");
    if (!d) {
        yk_hub_html_text(s, t);
        return;
    }
    char head[128];
    snprintf(head, sizeof head, "%.*s", (int)(d - t) < 127 ? (int)(d - t) : 127, t);
    yk_hub_html_text(s, head);
    yk_admin_html_int(s, n);
    yk_hub_html_text(s, d + 2);
}

static void field(struct yk_hub_html *s, const char *key, enum yk_lang lang, const char *v)
{
    if (!v || !*v)
        return;
    yk_hub_html_raw(s, "<dt>");
    yk_hub_html_text(s, yk_admin_kiosk_text(key, lang));
    yk_hub_html_raw(s, "</dt><dd>");
    yk_hub_html_text(s, v);
    yk_hub_html_raw(s, "</dd>");
}

static int64_t num(const struct yk_admin_row *r, const char *col, int64_t def)
{
    const char *v = yk_admin_row_val(r, col);
    return v ? strtoll(v, NULL, 10) : def;
}

/* One language's kiosk page of event ev (block: its block's row, may be empty). */
static void panel(struct yk_admin_ctx *c, struct yk_hub_html *s, const struct yk_admin_row *ev,
                  const struct yk_admin_row *block, int64_t confirmed, enum yk_lang lang)
{
#define PICK(col) yk_pick(lang, yk_admin_row_val(ev, col "_zh"), yk_admin_row_val(ev, col "_en"))
    yk_hub_html_raw(s, lang == YK_LANG_ZH
                           ? "<section class=\"kiosk\" lang=\"zh-CN\" id=\"preview-zh\">"
                           : "<section class=\"kiosk\" lang=\"en\" id=\"preview-en\">");
    yk_hub_html_raw(s, "<div class=\"k-head\">");
    yk_hub_html_text(s, PICK("title"));
    yk_hub_html_raw(s, "</div><div class=\"k-body\">");
    int64_t starts = num(ev, "starts_utc", 0), ends = num(ev, "ends_utc", starts);
    int64_t cap = num(ev, "capacity", 0), closes = num(ev, "signup_deadline_utc", starts);
    bool cancelled = yk_admin_row_val(ev, "cancelled_utc") != NULL;
    int64_t left = cap - confirmed;
    /* The kiosk's order of reasons (events.c, seats_text). */
    const char *key = cancelled          ? "event.cancelled"
                      : ends <= c->now   ? "event.ended"
                      : cap <= 0         ? "event.no_signup"
                      : closes <= c->now ? "event.closed"
                      : left <= 0        ? "event.full"
                      : left == 1        ? "event.seats_left1"
                                         : "event.seats_left";
    bool open = strcmp(key, "event.seats_left") == 0 || strcmp(key, "event.seats_left1") == 0;
    yk_hub_html_raw(s, open ? "<p class=\"k-seats open\">" : "<p class=\"k-seats\">");
    text_n(s, key, lang, left);
    yk_hub_html_raw(s, "</p>");
    if (cap > 0 && !cancelled) {
        yk_hub_html_raw(s, open ? "<p><span class=\"k-btn\">" : "<p><span class=\"k-btn off\">");
        yk_hub_html_text(s, yk_admin_kiosk_text("event.signup", lang));
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
    field(s, "event.kind", lang, yk_admin_kiosk_text(kind, lang));
    yk_hub_html_raw(s, "</dl><p class=\"k-sum\">");
    yk_hub_html_text(s, PICK("summary"));
    yk_hub_html_raw(s, "</p>");
    const char *link = yk_admin_row_val(ev, "link_url");
    if (link) {
        yk_hub_html_raw(s, "<p class=\"k-qr\">▦ ");
        yk_hub_html_text(s, yk_admin_kiosk_text("qr.take_along", lang));
        yk_hub_html_raw(s, "<br><span class=\"en\">");
        yk_hub_html_text(s, link);
        yk_hub_html_raw(s, "</span></p>");
    }
    yk_hub_html_raw(s, "</div></section>");
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
    yk_admin_page_begin(c, &s, "自助机上的样子", "How it looks on a kiosk");
    yk_hub_html_raw(
        &s, "<p class=\"hint\">用自助机自己的文字绘制，版式近似。名额按中心现有的报名计算。 "
            "<span class=\"en\">Drawn with the kiosk's own texts; the layout is close, "
            "not exact. Seats as the hub counts them now.</span></p>");
    panel(c, &s, &ev, &block, confirmed, YK_LANG_ZH);
    panel(c, &s, &ev, &block, confirmed, YK_LANG_EN);
    yk_hub_html_raw(&s, "<p><a class=\"btn alt\" href=\"/admin/events/");
    yk_hub_html_text(&s, event_id);
    yk_hub_html_raw(&s, "/edit\">编辑 Edit</a></p>");
    yk_admin_row_free(&ev);
    yk_admin_row_free(&block);
    yk_admin_page_send(c, &s, 200);
}
