/* Home: the station's name, date and time, and four large entries. */
#include "ui/screens/screens.h"

#include "core/icons.h"

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
    {"home.events", YK_SCREEN_EVENTS, YK_N("home.events"), YK_N("home.events.sub"),
     YK_ICON_EVENTS},
    {"home.blocks", YK_SCREEN_BLOCKS, YK_N("home.blocks"), YK_N("home.blocks.sub"),
     YK_ICON_BLOCKS},
};

#define tr yk_kiosk_tr

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

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = yk_inset(area, t->pad);
    bool portrait = in.h > in.w * 5 / 4;
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
        struct yk_button_style st = {.bg = t->card, .fg = t->ink, .font = YK_FONT_LARGE,
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
    .build = build,
    .activate = activate,
};
