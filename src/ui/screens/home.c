/* Home: the station's name, date and time, four large entries, and where there is room the
 * station's own card (address, opening hours, phone: from the stations table).
 * Widget ids: home.welcome, home.services, home.sites, home.events, home.blocks, home.tiles
 * (when the tiles scroll), home.mine (我的报名: find, show again or cancel a sign-up), home.station
 * (the card), home.station.name, .address, .hours, .phone; on large screens a teaching site's
 * photo of the day, home.photo (.photo, .name, .kicker), which opens the site. */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/store.h"
#include "ui/photo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *id;
    enum yk_screen_id screen;
    const char *label, *sub;
    enum yk_icon icon;
} tiles[] = {
    {"home.services", YK_SCREEN_SERVICES, YK_N("home.services"), YK_N("home.services.sub"),
     YK_ICON_SERVICES},
    {"home.sites", YK_SCREEN_SITES, YK_N("home.sites"), YK_N("home.sites.sub"), YK_ICON_SITES},
    {"home.events", YK_SCREEN_EVENTS, YK_N("home.events"), YK_N("home.events.sub"), YK_ICON_EVENTS},
    {"home.blocks", YK_SCREEN_BLOCKS, YK_N("home.blocks"), YK_N("home.blocks.sub"), YK_ICON_BLOCKS},
};

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

struct state {
    struct yk_station station;
    bool found;
    struct yk_photo photo;
};

static void leave(struct yk_kiosk *k)
{
    struct state *s = k->state[YK_SCREEN_HOME];
    if (!s)
        return;
    yk_store_station_clear(&s->station);
    yk_photo_clear(&s->photo);
    free(s);
    k->state[YK_SCREEN_HOME] = NULL;
}

static void enter(struct yk_kiosk *k)
{
    leave(k);
    struct state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->found =
        k->p.db && yk_store_get_station(k->p.db, k->p.cfg->station_id, &s->station) == YK_STORE_OK;
    yk_photo_of_day(k, &s->photo);
    k->state[YK_SCREEN_HOME] = s;
}

/* The card's lines: (icon, id, text) for what the station has filled in. */
struct card_line {
    int icon;
    const char *id, *text;
};

static int card_lines(struct yk_kiosk *k, struct card_line out[3])
{
    struct state *s = k->state[YK_SCREEN_HOME];
    int n = 0;
    if (!s || !s->found)
        return 0;
    if (s->station.address.zh)
        out[n++] =
            (struct card_line){YK_ICON_PIN, "home.station.address", PICK(s->station.address)};
    if (s->station.hours.zh)
        out[n++] = (struct card_line){YK_ICON_CLOCK, "home.station.hours", PICK(s->station.hours)};
    if (s->station.phone)
        out[n++] = (struct card_line){YK_ICON_PHONE, "home.station.phone", s->station.phone};
    return n;
}

/* Height of the station's card at width w (0: nothing to show). */
static int card_h(struct yk_kiosk *k, int w)
{
    struct card_line l[3];
    int n = card_lines(k, l);
    if (!n)
        return 0;
    const struct yk_theme *t = &k->ui.theme;
    struct state *s = k->state[YK_SCREEN_HOME];
    int lh = yk_ui_line_height(&k->ui, YK_FONT_BODY);
    int tw = w - 2 * t->pad - lh - t->gap;
    int h = yk_ui_text_height(&k->ui, PICK(s->station.name), YK_FONT_LARGE, w - 2 * t->pad) +
            2 * t->pad;
    for (int i = 0; i < n; i++)
        h += yk_ui_text_height(&k->ui, l[i].text, YK_FONT_BODY, tw) + t->gap;
    return h;
}

static void card(struct yk_kiosk *k, struct yk_rect r)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = k->state[YK_SCREEN_HOME];
    struct card_line l[3];
    int n = card_lines(k, l);
    yk_ui_fill(ui, r, t->card, t->radius);
    yk_ui_fill(ui, (struct yk_rect){r.x, r.y, r.w, t->gap / 2 > 3 ? t->gap / 2 : 3}, t->primary, 0);
    struct yk_rect in = yk_inset(r, t->pad);
    const char *name = PICK(s->station.name);
    int nh = yk_ui_text_height(ui, name, YK_FONT_LARGE, in.w);
    yk_ui_text(ui, "home.station.name", yk_cut_top(&in, nh), name, YK_FONT_LARGE, t->ink,
               YK_ALIGN_LEFT, false);
    yk_cut_top(&in, t->gap);
    int lh = yk_ui_line_height(ui, YK_FONT_BODY);
    for (int i = 0; i < n; i++) {
        int th = yk_ui_text_height(ui, l[i].text, YK_FONT_BODY, in.w - lh - t->gap);
        struct yk_rect row = yk_cut_top(&in, th);
        yk_ui_icon_draw(ui, (struct yk_rect){row.x, row.y, lh, lh}, l[i].icon, t->primary);
        yk_cut_left(&row, lh + t->gap);
        yk_ui_text(ui, l[i].id, row, l[i].text, YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
        yk_cut_top(&in, t->gap);
    }
}

/* Height a tile needs for its label and line at width w (picture left out). */
static int tile_need(struct yk_kiosk *k, int i, int w, bool sub)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int inner = w - 2 * t->gap;
    int h = yk_ui_text_height(ui, tr(k, tiles[i].label), YK_FONT_LARGE, inner) +
            (sub ? yk_ui_text_height(ui, tr(k, tiles[i].sub), YK_FONT_SMALL, inner) : 0) +
            4 * t->gap;
    return h < t->touch_min ? t->touch_min : h;
}

/* 我的报名 (find, show again or cancel a sign-up): a one-line strip at the bottom of *in, a
 * choice of home like the tiles (always whole in view); its words shorten to 我的报名 where
 * the whole line does not fit. */
static void mine_strip(struct yk_kiosk *k, struct yk_rect *in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int lh = yk_ui_line_height(ui, YK_FONT_BODY);
    const char *label = tr(k, "home.mine");
    if (yk_ui_text_width(ui, label, YK_FONT_BODY) > in->w - 2 * t->gap - lh - t->gap)
        label = tr(k, "mine.title");
    /* One line with a small inset on a compact frame (the tiles keep the room). */
    bool compact = yk_kiosk_compact(k);
    int h = lh + (compact ? t->gap / 2 : 2 * t->gap);
    if (h < t->touch_min * 5 / 4)
        h = t->touch_min * 5 / 4;
    struct yk_button_style st = {.bg = t->card,
                                 .fg = t->ink,
                                 .font = YK_FONT_BODY,
                                 .icon = YK_ICON_TICKET,
                                 .tight = compact};
    yk_ui_button(ui, "home.mine", yk_cut_bottom(in, h), label, &st, true);
    yk_ui_mark_primary(ui, "home.mine");
    yk_cut_bottom(in, t->gap);
}

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = yk_inset(area, t->pad);
    /* The station's card: a column on the right of a wide screen, else under the tiles
     * where they leave room for it (never at the tiles' expense). */
    bool wide = in.w > in.h * 3 / 2 && (float)in.w >= 180.0f * t->px_per_mm;
    int cw = in.w * 30 / 100;
    struct state *s = k->state[YK_SCREEN_HOME];
    const struct yk_photo *photo = s && s->photo.ok ? &s->photo : NULL;
    const char *kicker = tr(k, "home.photo.kicker");
    if (wide && card_h(k, cw) <= in.h) {
        /* A column: the station's card, then the photo of the day in what is left. */
        struct yk_rect col = in;
        col.x += in.w - cw;
        col.w = cw;
        int ch = card_h(k, cw);
        int ph = yk_photo_card_h(k, photo, cw, col.h - (ch ? ch + t->pad : 0), kicker);
        if (ch || ph) {
            yk_cut_right(&in, cw + t->pad);
            if (ch)
                card(k, yk_cut_top(&col, ch));
            if (ph)
                yk_photo_card(k, "home.photo",
                              (struct yk_rect){col.x, col.y + (ch ? t->pad : 0), col.w, ph}, photo,
                              kicker);
        }
    }
    bool portrait = in.h > in.w * 5 / 4; /* (the screen's shape, before the strip) */
    mine_strip(k, &in);
    int cols = portrait ? 1 : 2, rows = 4 / cols;
    int cell_w = (in.w - (cols - 1) * t->gap) / cols;
    /* The four tiles are the choices: all four in view. Their second lines go first where
     * the tiles would not fit with them (elder mode on the 7" panel, in English). */
    int need = 0, need_bare = 0;
    for (int i = 0; i < 4; i++) {
        int n = tile_need(k, i, cell_w, true), nb = tile_need(k, i, cell_w, false);
        need = n > need ? n : need;
        need_bare = nb > need_bare ? nb : need_bare;
    }
    bool subs = rows * need + (rows - 1) * t->gap <= in.h; /* (before the greeting) */
    if (!subs)
        need = need_bare;
    int grid_h = rows * need + (rows - 1) * t->gap;
    /* The greeting is the first thing to go when space is short. */
    const char *welcome = tr(k, "home.welcome");
    int wh = yk_ui_text_height(ui, welcome, YK_FONT_LARGE, in.w);
    if (subs && grid_h + wh + t->gap <= in.h) {
        yk_ui_text(ui, "home.welcome", yk_cut_top(&in, wh), welcome, YK_FONT_LARGE, t->ink,
                   YK_ALIGN_LEFT, false);
        yk_cut_top(&in, t->gap);
    }
    /* The card under the tiles where they leave room for it. */
    int ch = wide ? 0 : card_h(k, in.w);
    if (ch > 0 && grid_h + t->gap + ch <= in.h) {
        card(k, yk_cut_bottom(&in, ch));
        yk_cut_bottom(&in, t->gap);
    }
    /* A tall screen (20 cm or more): the photo of the day under tiles half again as tall as
     * they need to be. */
    int room = in.h - grid_h * 3 / 2 - t->pad;
    int ph = !wide && (float)in.h >= 200.0f * t->px_per_mm
                 ? yk_photo_card_h(k, photo, in.w, room, kicker)
                 : 0;
    if (ph > 0 && ph <= room) {
        yk_photo_card(k, "home.photo", yk_cut_bottom(&in, ph), photo, kicker);
        yk_cut_bottom(&in, t->pad);
    }
    bool scroll = grid_h > in.h;
    struct yk_rect grid = in;
    if (scroll) {
        /* Elder mode on a small panel: the tiles keep their size and the page scrolls. */
        grid.y = yk_ui_scroll_begin(ui, "home.tiles", in);
        grid.h = grid_h;
    }
    /* Pictures on all four tiles or on none, so the page looks even. */
    bool icons = true;
    for (int i = 0; i < 4; i++) {
        struct yk_rect cell = yk_grid_cell(grid, cols, rows, i % cols, i / cols, t->gap);
        icons = icons && yk_ui_tile_fits_icon(ui, cell, tr(k, tiles[i].label), YK_FONT_LARGE,
                                              subs ? tr(k, tiles[i].sub) : NULL);
    }
    for (int i = 0; i < 4; i++) {
        struct yk_rect cell = yk_grid_cell(grid, cols, rows, i % cols, i / cols, t->gap);
        struct yk_button_style st = {.bg = t->card,
                                     .fg = t->ink,
                                     .font = YK_FONT_LARGE,
                                     .icon = icons ? (int)tiles[i].icon : -1,
                                     .icon_above = true,
                                     .sub = subs ? tr(k, tiles[i].sub) : NULL};
        if (yk_ui_visible(ui, cell))
            yk_ui_button(ui, tiles[i].id, cell, tr(k, tiles[i].label), &st, true);
        yk_ui_mark_primary(ui, tiles[i].id);
    }
    if (scroll)
        yk_ui_scroll_end(ui, grid.y + grid_h);
}

static bool activate(struct yk_kiosk *k, const char *id)
{
    if (strcmp(id, "home.mine") == 0) {
        yk_kiosk_go(k, YK_SCREEN_MYSIGNUPS);
        return true;
    }
    struct state *s = k->state[YK_SCREEN_HOME];
    if (strcmp(id, "home.photo") == 0 && s && s->photo.ok) {
        snprintf(k->sel_site, sizeof k->sel_site, "%s", s->photo.site_id);
        yk_kiosk_go(k, YK_SCREEN_SITE);
        return true;
    }
    for (size_t i = 0; i < sizeof tiles / sizeof tiles[0]; i++) {
        if (strcmp(id, tiles[i].id) == 0) {
            yk_kiosk_go(k, tiles[i].screen);
            return true;
        }
    }
    return false;
}

const struct yk_screen_def yk_screen_home = {
    .key = "home",
    .enter = enter,
    .leave = leave,
    .build = build,
    .activate = activate,
};
