#include "ui/ambient.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLIDE_MS 8000
#define tr yk_kiosk_tr

struct content {
    struct yk_event_list events;
    struct yk_site_list sites;
};

bool yk_ambient_in_window(int m, int start, int end)
{
    if (start == end)
        return false;
    return start < end ? m >= start && m < end : m >= start || m < end;
}

static int64_t mono(const struct yk_kiosk *k)
{
    return yk_clock_mono_ms(k->p.clock);
}

static bool night_now(const struct yk_kiosk *k)
{
    const struct yk_config *c = k->p.cfg;
    if (c->night_mode == YK_NIGHT_OFF || mono(k) < k->night_wake_until_ms)
        return false;
    struct yk_localtime lt;
    yk_shanghai_time(yk_kiosk_now_utc_s(k), &lt);
    return yk_ambient_in_window(lt.minute_of_day, c->night_start_min, c->night_end_min);
}

void yk_ambient_release(struct yk_kiosk *k)
{
    struct content *c = k->ambient;
    if (!c)
        return;
    yk_store_free_events(&c->events);
    yk_store_free_sites(&c->sites);
    free(c);
    k->ambient = NULL;
}

static void load(struct yk_kiosk *k)
{
    yk_ambient_release(k);
    struct content *c = calloc(1, sizeof *c);
    if (!c)
        return;
    if (k->p.db) {
        struct yk_event_filter f = {.now_utc = yk_kiosk_now_utc_s(k), .kind = YK_EVENT_KIND_ANY};
        yk_store_list_upcoming_events(k->p.db, &f, 0, 6, &c->events);
        yk_store_list_sites(k->p.db, 0, 12, &c->sites);
    }
    k->ambient = c;
}

static size_t slides(const struct yk_kiosk *k)
{
    const struct content *c = k->ambient;
    return 1 + (c ? c->events.count + c->sites.count : 0); /* the welcome slide first */
}

bool yk_ambient_tick(struct yk_kiosk *k)
{
    int64_t t = mono(k);
    bool night = night_now(k);
    bool began = night && !k->night;
    if (night != k->night) {
        k->night = night;
        k->dirty = true;
        if (night)
            yk_info("kiosk", "night schedule: screen %s",
                    k->p.cfg->night_mode == YK_NIGHT_BLANK ? "off" : "dimmed");
    }
    bool idle_home = k->screen == YK_SCREEN_HOME && k->back_depth == 0 && !k->idle_warning;
    int after = k->p.cfg->attract_after_s;
    bool want = !k->night && idle_home && after > 0 && t - k->last_input_ms >= after * 1000LL;
    if (want && !k->attract) {
        load(k);
        k->attract = true;
        k->attract_slide = 0;
        k->attract_next_ms = t + SLIDE_MS;
        k->dirty = true;
    } else if (!want && k->attract) {
        k->attract = false;
        yk_ambient_release(k);
        k->dirty = true;
    } else if (k->attract && t >= k->attract_next_ms) {
        k->attract_slide = (int)((size_t)(k->attract_slide + 1) % slides(k));
        k->attract_next_ms = t + SLIDE_MS;
        k->dirty = true;
    }
    return began;
}

bool yk_ambient_wake(struct yk_kiosk *k)
{
    if (k->night) {
        k->night = false;
        k->night_wake_until_ms = mono(k) + k->p.cfg->idle_timeout_s * 1000LL;
        k->dirty = true;
        return true;
    }
    if (k->attract) {
        k->attract = false;
        yk_ambient_release(k);
        k->dirty = true;
        return true;
    }
    return false;
}

int64_t yk_ambient_deadline(const struct yk_kiosk *k)
{
    if (k->attract)
        return k->attract_next_ms;
    int64_t best = -1;
    if (k->night_wake_until_ms > mono(k))
        best = k->night_wake_until_ms;
    int after = k->p.cfg->attract_after_s;
    if (!k->night && after > 0 && k->screen == YK_SCREEN_HOME && k->back_depth == 0) {
        int64_t d = k->last_input_ms + after * 1000LL;
        if (best < 0 || d < best)
            best = d;
    }
    return best; /* night boundaries fall on minute ticks, which kiosk.c already wakes for */
}

#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

/* An attract slide: the station's name and the clock across the top of a red screen, the
 * slide on a light card (a picture in a red disc, what it is, its name, when and where), the
 * slide's link as a QR where it has one, and "touch the screen to start" as a large pill at
 * the bottom. */
static void build_attract(struct yk_kiosk *k)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const struct content *c = k->ambient;
    yk_ui_screen_widget(ui, "screen.attract");
    struct yk_rect screen = {0, 0, k->p.width, k->p.height};
    yk_ui_fill(ui, screen, t->primary, 0);
    struct yk_rect in = yk_inset(screen, t->pad);
    /* The top line: who we are, and the time. */
    char hhmm[16];
    yk_format_hhmm(hhmm, sizeof hhmm, yk_kiosk_now_utc_s(k));
    const char *station = yk_pick(k->lang, k->p.cfg->station_name, k->p.cfg->station_name_en);
    int top_h = yk_ui_line_height(ui, YK_FONT_HUGE);
    struct yk_rect top = yk_cut_top(&in, top_h);
    yk_ui_text(ui, "attract.time", yk_cut_right(&top, yk_ui_text_width(ui, hhmm, YK_FONT_HUGE)),
               hhmm, YK_FONT_HUGE, t->on_primary, YK_ALIGN_RIGHT, true);
    yk_cut_right(&top, t->pad);
    enum yk_font sf =
        yk_ui_text_width(ui, station, YK_FONT_TITLE) <= top.w ? YK_FONT_TITLE : YK_FONT_BODY;
    yk_ui_text(ui, "attract.station", top, station, sf, t->on_primary, YK_ALIGN_LEFT, true);
    yk_cut_top(&in, t->gap);
    /* The call at the bottom: a light pill, as wide as its words. */
    const char *hint = tr(k, "attract.touch");
    int pill_h = yk_ui_line_height(ui, YK_FONT_LARGE) + 2 * t->gap;
    int pill_w = yk_ui_text_width(ui, hint, YK_FONT_LARGE) + pill_h + 3 * t->pad;
    if (pill_w > in.w)
        pill_w = in.w;
    struct yk_rect pill_row = yk_cut_bottom(&in, pill_h);
    struct yk_rect pill = {pill_row.x + (pill_row.w - pill_w) / 2, pill_row.y, pill_w, pill_h};
    yk_ui_fill(ui, pill, t->card, pill_h / 2);
    struct yk_rect pin = yk_inset(pill, t->gap);
    pin.x += t->pad;
    pin.w -= t->pad;
    yk_ui_icon_draw(ui, yk_cut_left(&pin, pin.h), YK_ICON_CHEVRON_RIGHT, t->primary);
    yk_cut_left(&pin, t->gap);
    yk_ui_text(ui, "attract.touch", pin, hint, YK_FONT_LARGE, t->primary, YK_ALIGN_LEFT, true);
    yk_cut_bottom(&in, t->pad);
    /* The slide. */
    struct yk_rect card = in;
    yk_ui_fill(ui, card, t->card, t->radius * 2);
    struct yk_rect cin = yk_inset(card, t->pad * 2);
    const char *kicker, *title, *line1 = NULL, *line2 = NULL, *link = NULL;
    int icon = YK_ICON_STAR;
    char when[96];
    size_t i = (size_t)k->attract_slide;
    size_t ne = c ? c->events.count : 0;
    if (i == 0 || !c) {
        kicker = tr(k, "attract.welcome");
        title = station;
        icon = YK_ICON_HOME;
        line1 = tr(k, "home.welcome");
    } else if (i - 1 < ne) {
        const struct yk_event *e = &c->events.items[i - 1];
        kicker = tr(k, "attract.event");
        icon = YK_ICON_EVENTS;
        title = PICK(e->title);
        yk_format_when(when, sizeof when, e->starts_utc, e->ends_utc, yk_kiosk_now_utc_s(k),
                       yk_lang_code(k->lang));
        line1 = when;
        line2 = PICK(e->place);
        link = e->link_url;
    } else {
        const struct yk_site *s = &c->sites.items[i - 1 - ne];
        kicker = tr(k, "attract.site");
        icon = YK_ICON_SITES;
        title = PICK(s->name);
        line1 = PICK(s->intro);
        link = s->link_url;
    }
    /* The picture in a red disc on the left (or above, on a narrow card). */
    bool narrow = cin.w < cin.h;
    int disc = yk_ui_line_height(ui, YK_FONT_HUGE) * 3 / 2;
    if (disc > cin.w / 4 && !narrow)
        disc = cin.w / 4;
    struct yk_rect dr = narrow ? yk_cut_top(&cin, disc) : yk_cut_left(&cin, disc);
    dr.w = dr.h = disc;
    yk_ui_fill(ui, dr, t->primary, disc / 2);
    yk_ui_icon_draw(ui, yk_inset(dr, disc / 5), icon, t->on_primary);
    if (narrow)
        yk_cut_top(&cin, t->pad);
    else
        yk_cut_left(&cin, t->pad * 2);
    /* A QR code with what it opens said under it: the slide's own link, else the station's
     * page on the hub (HUB_URL/s/STATION_ID: its address, hours, coming events); with no hub
     * there is no page to open, and no QR. On the right (landscape) or at the foot of the card
     * (portrait), where there is room for 25 mm of code. */
    const char *hub = k->p.cfg->hub_url;
    const char *qr_url = link && *link ? link : NULL;
    if (!qr_url && hub[0]) {
        int n = (int)strlen(hub);
        while (n > 0 && hub[n - 1] == '/')
            n--;
        qr_url = yk_ui_fmt(ui, "%.*s/s/%s", n, hub, k->p.cfg->station_id);
    }
    const char *qr_caption = tr(k, link && *link ? "qr.take_along" : "attract.qr.station");
    if (qr_url) {
        /* The card: the code, its caption under it, a gap of white all round. */
        int qside = (int)(34.0f * t->px_per_mm); /* 25 mm or more in whole-pixel modules */
        int big = narrow ? cin.w / 3 : (cin.h / 2 < cin.w / 4 ? cin.h / 2 : cin.w / 4);
        if (big > qside)
            qside = big; /* a large screen: a code to scan from a step away */
        int cw = narrow || qside + 2 * t->gap > cin.w / 3 ? qside + 2 * t->gap : cin.w / 3;
        int ch = yk_ui_text_height(ui, qr_caption, YK_FONT_SMALL, cw - 2 * t->gap);
        int qh = qside + ch + 2 * t->gap;
        if (!narrow && cin.w - cw >= cin.w / 2 && cin.h >= qh) {
            struct yk_rect q = yk_cut_right(&cin, cw);
            yk_ui_qr_card(&k->ui, "attract.qr", (struct yk_rect){q.x, q.y, q.w, qh}, qr_url,
                          qr_caption);
            yk_cut_right(&cin, t->pad);
        } else if (narrow && cin.h >= qh * 2 && cin.w >= cw) {
            struct yk_rect q = yk_cut_bottom(&cin, qh);
            yk_ui_qr_card(&k->ui, "attract.qr", (struct yk_rect){q.x + (q.w - cw) / 2, q.y, cw, qh},
                          qr_url, qr_caption);
            yk_cut_bottom(&cin, t->pad);
        }
    }
    int kh = yk_ui_text_height(ui, kicker, YK_FONT_BODY, cin.w);
    yk_ui_text(ui, "attract.kicker", yk_cut_top(&cin, kh), kicker, YK_FONT_BODY, t->primary,
               YK_ALIGN_LEFT, false);
    yk_cut_top(&cin, t->gap);
    enum yk_font tf = YK_FONT_HUGE;
    while (tf > YK_FONT_LARGE && yk_ui_text_height(ui, title, tf, cin.w) > cin.h / 2)
        tf--;
    int th = yk_ui_text_height(ui, title, tf, cin.w);
    if (th > cin.h / 2)
        th = cin.h / 2 / yk_ui_line_height(ui, tf) * yk_ui_line_height(ui, tf);
    yk_ui_text(ui, "attract.title", yk_cut_top(&cin, th), title, tf, t->ink, YK_ALIGN_LEFT, false);
    ui->widgets[ui->n_widgets - 1].clipped = false; /* a long name: its beginning */
    yk_cut_top(&cin, t->pad);
    const char *lines[2] = {line1, line2};
    for (int j = 0; j < 2; j++) {
        if (!lines[j] || !*lines[j])
            continue;
        int h = yk_ui_text_height(ui, lines[j], YK_FONT_LARGE, cin.w);
        if (h > cin.h) {
            /* A long introduction: as many whole lines as fit, never a cut line. */
            int lh = yk_ui_line_height(ui, YK_FONT_LARGE);
            h = cin.h / lh * lh;
            if (h <= 0)
                break;
            yk_ui_text(ui, j ? "attract.line2" : "attract.line1", yk_cut_top(&cin, h), lines[j],
                       YK_FONT_LARGE, t->ink_soft, YK_ALIGN_LEFT, false);
            /* Marked clipped by the text widget; an attract slide may show a beginning. */
            ui->widgets[ui->n_widgets - 1].clipped = false;
            break;
        }
        yk_ui_text(ui, j ? "attract.line2" : "attract.line1", yk_cut_top(&cin, h), lines[j],
                   YK_FONT_LARGE, t->ink_soft, YK_ALIGN_LEFT, false);
        yk_cut_top(&cin, t->gap);
    }
}

static void build_night(struct yk_kiosk *k)
{
    struct yk_ui *ui = &k->ui;
    struct yk_rect screen = {0, 0, k->p.width, k->p.height};
    yk_ui_screen_widget(ui, "screen.night");
    yk_ui_fill(ui, screen, (struct yk_color){0, 0, 0, 255}, 0);
    if (k->p.cfg->night_mode == YK_NIGHT_DIM) {
        /* Dim: only the time, small and grey, so the screen is clearly alive. */
        char hhmm[16];
        yk_format_hhmm(hhmm, sizeof hhmm, yk_kiosk_now_utc_s(k));
        int h = yk_ui_line_height(ui, YK_FONT_TITLE);
        yk_ui_text(ui, "night.time", (struct yk_rect){0, (k->p.height - h) / 2, k->p.width, h},
                   hhmm, YK_FONT_TITLE, (struct yk_color){0x70, 0x70, 0x70, 255}, YK_ALIGN_CENTER,
                   false);
    }
}

bool yk_ambient_build(struct yk_kiosk *k)
{
    if (k->night) {
        build_night(k);
        return true;
    }
    if (k->attract) {
        build_attract(k);
        return true;
    }
    return false;
}
