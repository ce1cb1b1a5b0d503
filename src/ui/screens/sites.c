/* The riverside red teaching sites (滨江红色教学点): a list, a schematic map of the 3 km
 * riverside strip with "you are here", and a page per site (photo, introduction, opening
 * hours, where it is, walking distance from this station, a QR code to take along).
 * Any number of sites: the list builds only visible rows; with too many sites for the map's
 * markers to be 9 mm targets, the map becomes a picture and the list is the way in.
 *
 * Widget ids:
 *   sites.tab.list, sites.tab.map      the two views (chips)
 *   sites.count                        "共 12 处教学点"
 *   sites.empty                        no sites at all
 *   sites.list                         the list view's scrolling region
 *   sites.item.<id>                    a site's row (list view and the map view's list)
 *   sites.map                          the map's heading (left out when the screen is short)
 *   sites.here                         "您在这里" legend, or sites.here.unknown when this
 *                                      station's position is not known
 *   sites.legend.site                  the marker legend
 *   sites.marker.<id>                  a tappable marker (only when every marker is 9 mm)
 *   sites.marker.<id>.n                its number (also on non-tappable numbered markers)
 *   sites.river, sites.scale.start, sites.scale.end   the river and the bridges at its ends
 *   sites.metro, sites.metro.badge     the metro station at the Lupu Bridge end
 *   sites.maplist                      the map view's list (sites along the river, then
 *                                      sites.unplaced: those whose position is not known);
 *                                      where the map would not fit beside or above it whole
 *                                      (big text on a small screen), the map is its first row,
 *                                      across the width
 *   sites.hint                         how to open a site from the map view
 *   site.doc                           the site page's scrolling region
 *   site.photo, site.intro, site.hours, site.location, site.distance, site.qr
 *   site.booking                       how to book a visit, when known
 *   site.ask                           where what it is or where is not known: ask here
 *   site.missing                       the site is no longer in the database
 */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/store.h"
#include "ui/page.h"
#include "ui/photo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

#define RIVER_M 3000      /* the strip's length */
#define WALK_M_PER_MIN 75 /* about 4.5 km/h */

enum view { VIEW_LIST, VIEW_MAP };

/* A row of the map view's list: a site (index into sites) or the "position to be added"
 * heading. */
struct map_item {
    bool heading;
    size_t site;
    int number; /* 1.. for sites with a position (their marker's number), else 0 */
    int pos;    /* the site's river position */
};

struct state {
    /* both screens */
    int here_m; /* this station's river position, or -1 */
    /* the list screen */
    struct yk_site_list sites;
    struct map_item *items; /* the map view's list */
    size_t n_items, n_placed;
    enum view view;
    bool numbered; /* markers (and the map list) carry numbers */
    bool tappable; /* markers are 9 mm targets */
    bool map_row;  /* cramped (big text on a small screen): the map is the map list's first
                      row, across the whole width, and scrolls away with it */
    struct yk_rows rows, map_rows;
    /* the site screen */
    struct yk_site site;
    bool have_site;
    struct yk_media photo;
    bool have_photo;
    int photo_w, photo_h;
};

static int station_pos(struct yk_kiosk *k)
{
    if (!k->p.db)
        return -1;
    struct yk_station stn;
    int pos = -1;
    if (yk_store_get_station(k->p.db, k->p.cfg->station_id, &stn) == YK_STORE_OK) {
        pos = stn.river_pos_m;
        yk_store_station_clear(&stn);
    }
    return pos;
}

static void unload(struct yk_kiosk *k, enum yk_screen_id id)
{
    struct state *s = k->state[id];
    if (!s)
        return;
    yk_store_free_sites(&s->sites);
    free(s->items);
    yk_rows_free(&s->rows);
    yk_rows_free(&s->map_rows);
    yk_store_site_clear(&s->site);
    yk_store_media_clear(&s->photo);
    free(s);
    k->state[id] = NULL;
}

/* "约 600 米 · 步行 8 分钟" into buf, or "" unless both positions are known. */
static const char *distance_text(struct yk_kiosk *k, int here_m, int site_m, char *buf, size_t n)
{
    buf[0] = 0;
    if (here_m < 0 || site_m < 0)
        return buf;
    int d = abs(site_m - here_m);
    if (d < 50)
        return snprintf(buf, n, "%s", tr(k, "sites.dist.near")), buf;
    int min = (d + WALK_M_PER_MIN - 1) / WALK_M_PER_MIN;
    if (d < 1000) {
        int r = (d + 5) / 10 * 10;
        snprintf(buf, n, tr(k, "sites.dist.m"), r, min);
    } else {
        int hm = (d + 50) / 100; /* hundreds of metres */
        snprintf(buf, n, tr(k, "sites.dist.km"), hm / 10, hm % 10, min);
    }
    return buf;
}

/* ---------------------------------------------------------------- the list screen */

static int by_position(const void *a, const void *b)
{
    const struct map_item *x = a, *y = b;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x->site < y->site ? -1 : x->site > y->site;
}

static void list_enter(struct yk_kiosk *k)
{
    enum view view = VIEW_LIST;
    if (k->state[YK_SCREEN_SITES])
        view = ((struct state *)k->state[YK_SCREEN_SITES])->view;
    unload(k, YK_SCREEN_SITES);
    struct state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    k->state[YK_SCREEN_SITES] = s;
    s->view = view;
    s->here_m = station_pos(k);
    int count = 0;
    if (!k->p.db || !yk_store_count_sites(k->p.db, &count) || count <= 0)
        return;
    if (!yk_store_list_sites(k->p.db, 0, count, &s->sites))
        return;
    /* The map view's list: sites along the river in order, then the heading and the sites
     * whose position is not known yet (in display order). */
    s->items = calloc(s->sites.count + 1, sizeof *s->items);
    if (!s->items)
        return;
    for (size_t i = 0; i < s->sites.count; i++)
        if (s->sites.items[i].river_pos_m >= 0)
            s->items[s->n_items++] = (struct map_item){false, i, 0, s->sites.items[i].river_pos_m};
    qsort(s->items, s->n_items, sizeof *s->items, by_position);
    s->n_placed = s->n_items;
    for (size_t i = 0; i < s->n_placed; i++)
        s->items[i].number = (int)i + 1;
    if (s->n_placed < s->sites.count) {
        s->items[s->n_items++] = (struct map_item){true, 0, 0, -1};
        for (size_t i = 0; i < s->sites.count; i++)
            if (s->sites.items[i].river_pos_m < 0)
                s->items[s->n_items++] = (struct map_item){false, i, 0, -1};
    }
}

static void list_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SITES);
}

/* The words under a site's name: the walk from here, else where it is. */
static const char *site_sub(struct yk_kiosk *k, const struct state *s, const struct yk_site *site,
                            char *buf, size_t n)
{
    distance_text(k, s->here_m, site->river_pos_m, buf, n);
    if (*buf)
        return buf;
    const char *loc = PICK(site->location);
    return loc && *loc ? loc : NULL;
}

static int row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct state *s = ctx;
    const struct yk_site *site = &s->sites.items[i];
    char buf[96];
    return yk_page_row_height(k, PICK(site->name), site_sub(k, s, site, buf, sizeof buf), true, w);
}

static void row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct state *s = ctx;
    const struct yk_site *site = &s->sites.items[i];
    char buf[96];
    yk_page_row(k, yk_ui_fmt(&k->ui, "sites.item.%s", site->id), r, PICK(site->name),
                site_sub(k, s, site, buf, sizeof buf), YK_ICON_SITES);
}

/* Side of the numbered disc of a marker or a map-list row. */
static int disc_side(struct yk_kiosk *k, int largest)
{
    struct yk_ui *ui = &k->ui;
    char num[16];
    snprintf(num, sizeof num, "%d", largest);
    int d = yk_ui_line_height(ui, YK_FONT_SMALL) + 4;
    int w = yk_ui_text_width(ui, num, YK_FONT_SMALL) + ui->theme.gap + 4;
    return d > w ? d : w;
}

/* A numbered disc centred in r (id names its number). */
static void disc(struct yk_kiosk *k, const char *id, struct yk_rect box, int side, int number)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect c = {box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    yk_ui_fill(ui, yk_inset(c, -2), t->card, side / 2 + 2);
    yk_ui_fill(ui, c, t->primary, side / 2);
    yk_ui_text(ui, id, c, yk_ui_fmt(ui, "%d", number), YK_FONT_SMALL, t->on_primary,
               YK_ALIGN_CENTER, true);
}

static struct yk_color river_color(const struct yk_kiosk *k)
{
    /* A calm river blue that sits with the warm palette; darker in elder mode so the band
     * still reads against the white card. */
    return k->elder ? (struct yk_color){0x9D, 0xC0, 0xD0, 255}
                    : (struct yk_color){0xCF, 0xE2, 0xEA, 255};
}

/* The rows of the map card at width w; compact leaves out the title (small landscape
 * screens, where the tab already says "map") and, where the bridges' and the river's names
 * fit on one line, the metro's line under them (big text on the 7" panel). */
struct map_layout {
    int vpad; /* above and below the card's rows */
    int title_h, legend_h, pin_h, mark_h, river_h;
    bool legend_one_line;
    bool metro; /* the river band has a second line, for the metro (or the far bridge) */
};

/* Where the strip's ends are in a card at x of width w: markers may reach half a target
 * past either end. */
static void strip_ends(struct yk_kiosk *k, const struct state *s, int x, int w, int *x0, int *x1)
{
    const struct yk_theme *t = &k->ui.theme;
    int d = disc_side(k, (int)s->n_placed);
    int margin = (t->touch_min > d ? t->touch_min : d) / 2 + 2;
    *x0 = x + t->pad + margin;
    *x1 = x + w - t->pad - margin;
}

/* Width of the river band's lines between the bridges, for a card of width w. */
static int band_w(struct yk_kiosk *k, const struct state *s, int w)
{
    const struct yk_theme *t = &k->ui.theme;
    int lh = yk_ui_line_height(&k->ui, YK_FONT_SMALL);
    int x0, x1, bw = lh / 4 > 4 ? lh / 4 : 4;
    strip_ends(k, s, 0, w, &x0, &x1);
    return x1 - x0 - bw - t->gap;
}

/* The two bridges' names (and the river's between them) fit on the band's first line. */
static bool ends_one_line(struct yk_kiosk *k, const struct state *s, int w)
{
    struct yk_ui *ui = &k->ui;
    int w0 = yk_ui_text_width(ui, tr(k, "sites.scale.start"), YK_FONT_SMALL) + 2;
    int w1 = yk_ui_text_width(ui, tr(k, "sites.scale.end"), YK_FONT_SMALL) + 2;
    return w0 + w1 + 2 * ui->theme.gap <= band_w(k, s, w);
}

static int legend_w(struct yk_kiosk *k, const char *text)
{
    int lh = yk_ui_line_height(&k->ui, YK_FONT_SMALL);
    return lh + k->ui.theme.gap / 2 + yk_ui_text_width(&k->ui, text, YK_FONT_SMALL) + 2;
}

static int map_layout(struct yk_kiosk *k, const struct state *s, int w, bool compact,
                      struct map_layout *m)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int iw = w - 2 * t->pad;
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    memset(m, 0, sizeof *m);
    m->title_h = compact ? 0 : yk_ui_text_height(ui, tr(k, "sites.map.title"), YK_FONT_LARGE, iw);
    if (s->here_m < 0) {
        m->legend_h = yk_ui_text_height(ui, tr(k, "sites.here.unknown"), YK_FONT_SMALL, iw);
    } else {
        m->legend_one_line = !s->n_placed || legend_w(k, tr(k, "sites.here")) + 2 * t->pad +
                                                     legend_w(k, tr(k, "sites.legend.site")) <=
                                                 iw;
        m->legend_h = m->legend_one_line ? lh : 2 * lh;
    }
    m->vpad = compact ? t->gap : t->pad;
    m->pin_h = s->here_m < 0 ? 0 : yk_ui_line_height(ui, compact ? YK_FONT_SMALL : YK_FONT_BODY);
    int d = disc_side(k, (int)s->n_placed) + 4;
    m->mark_h = d > t->touch_min ? d : t->touch_min;
    m->metro = !compact || !ends_one_line(k, s, w);
    m->river_h = lh * (m->metro ? 2 : 1) + t->gap;
    return m->vpad + (m->title_h ? m->title_h + t->gap : 0) + m->legend_h + t->gap + m->pin_h +
           m->mark_h + m->river_h + m->vpad;
}

/* One legend entry: a small picture, then words; returns the width used. */
static int legend(struct yk_kiosk *k, const char *id, int x, int y, bool pin, const char *text)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    if (pin) {
        yk_ui_icon_draw(ui, (struct yk_rect){x, y, lh, lh}, YK_ICON_PIN, t->primary);
    } else {
        int dd = lh / 2;
        yk_ui_fill(ui, (struct yk_rect){x + (lh - dd) / 2, y + (lh - dd) / 2, dd, dd}, t->primary,
                   dd / 2);
    }
    int tw = yk_ui_text_width(ui, text, YK_FONT_SMALL) + 2;
    yk_ui_text(ui, id, (struct yk_rect){x + lh + t->gap / 2, y, tw, lh}, text, YK_FONT_SMALL,
               t->ink, YK_ALIGN_LEFT, false);
    return lh + t->gap / 2 + tw;
}

/* The schematic map of the strip in card r, laid out by m. */
static void map_build(struct yk_kiosk *k, struct state *s, struct yk_rect r,
                      const struct map_layout *m)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    yk_ui_fill(ui, r, t->card, t->radius);
    struct yk_rect in = yk_inset(r, t->pad);
    in.y += m->vpad - t->pad;
    if (m->title_h) {
        yk_ui_text(ui, "sites.map", yk_cut_top(&in, m->title_h), tr(k, "sites.map.title"),
                   YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT, false);
        yk_cut_top(&in, t->gap);
    }

    /* Legend, or why there is no "you are here". */
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    struct yk_rect lg = yk_cut_top(&in, m->legend_h);
    if (s->here_m < 0) {
        yk_ui_text(ui, "sites.here", lg, tr(k, "sites.here.unknown"), YK_FONT_SMALL, t->ink_soft,
                   YK_ALIGN_LEFT, false);
    } else {
        const char *a = tr(k, "sites.here"), *b = tr(k, "sites.legend.site");
        int wa = legend(k, "sites.here", lg.x, lg.y, true, a);
        if (s->n_placed) {
            if (m->legend_one_line)
                legend(k, "sites.legend.site", lg.x + wa + 2 * t->pad, lg.y, false, b);
            else
                legend(k, "sites.legend.site", lg.x, lg.y + lh, false, b);
        }
    }
    yk_cut_top(&in, t->gap);

    int pin_h = m->pin_h;
    struct yk_rect pin_row = yk_cut_top(&in, pin_h);
    struct yk_rect mark_row = yk_cut_top(&in, m->mark_h);
    struct yk_rect river = yk_cut_top(&in, m->river_h);

    /* The strip from 0 to 3000 m. */
    int d = disc_side(k, (int)s->n_placed);
    int x0, x1;
    strip_ends(k, s, r.x, r.w, &x0, &x1);
    int span = x1 - x0;
    int cy = mark_row.y + mark_row.h / 2;

    /* The river under the path, the bridges that end the strip crossing it (Lupu at the
     * upstream end, 0 m; Nanpu at 3 km), their names at the ends and the river's in the
     * middle; under them the metro station, which is at the Lupu Bridge end. */
    yk_ui_fill(ui, river, river_color(k), t->radius);
    struct yk_color river_ink = k->elder ? t->ink : (struct yk_color){0x3A, 0x55, 0x63, 255};
    int bw = lh / 4 > 4 ? lh / 4 : 4;
    for (int e = 0; e < 2; e++)
        yk_ui_fill(ui, (struct yk_rect){(e ? x1 : x0) - bw / 2, river.y, bw, river.h}, river_ink,
                   0);
    const char *s0 = tr(k, "sites.scale.start"), *s1 = tr(k, "sites.scale.end");
    const char *rn = tr(k, "sites.river");
    int w0 = yk_ui_text_width(ui, s0, YK_FONT_SMALL) + 2;
    int w1 = yk_ui_text_width(ui, s1, YK_FONT_SMALL) + 2;
    int wr = yk_ui_text_width(ui, rn, YK_FONT_SMALL) + 2;
    int bx = x0 + bw / 2 + t->gap / 2, bwid = x1 - x0 - bw - t->gap;
    struct yk_rect top = {bx, river.y + t->gap / 2, bwid, lh},
                   low = {bx, river.y + t->gap / 2 + lh, bwid, lh};
    /* The two bridges' names on one line where they fit side by side, else the far one on
     * the second line (and no metro). */
    bool one_line = ends_one_line(k, s, r.w);
    struct yk_rect end_row = one_line ? top : low;
    if (w0 > top.w)
        w0 = top.w;
    if (w1 > top.w)
        w1 = top.w;
    yk_ui_text(ui, "sites.scale.start", (struct yk_rect){top.x, top.y, w0, top.h}, s0,
               YK_FONT_SMALL, river_ink, YK_ALIGN_LEFT, true);
    yk_ui_text(ui, "sites.scale.end",
               (struct yk_rect){end_row.x + end_row.w - w1, end_row.y, w1, end_row.h}, s1,
               YK_FONT_SMALL, river_ink, YK_ALIGN_RIGHT, true);
    if (one_line && w0 + w1 + wr + 4 * t->gap <= top.w)
        yk_ui_text(ui, "sites.river", (struct yk_rect){top.x + (top.w - wr) / 2, top.y, wr, top.h},
                   rn, YK_FONT_SMALL, river_ink, YK_ALIGN_CENTER, true);
    const char *mt = tr(k, "sites.metro");
    int wm = lh + t->gap / 2 + yk_ui_text_width(ui, mt, YK_FONT_SMALL) + 2;
    if (one_line && m->metro && wm <= low.w) {
        /* A round "M" badge, as the metro's signs have. */
        int bd = lh * 4 / 5;
        struct yk_rect badge = {low.x, low.y + (lh - bd) / 2, bd, bd};
        yk_ui_fill(ui, badge, t->primary, bd / 2);
        yk_ui_text(ui, "sites.metro.badge", (struct yk_rect){low.x, low.y, lh, lh}, "M",
                   YK_FONT_SMALL, (struct yk_color){255, 255, 255, 255}, YK_ALIGN_CENTER, true);
        yk_ui_text(ui, "sites.metro", (struct yk_rect){low.x + lh + t->gap / 2, low.y, wm - lh, lh},
                   mt, YK_FONT_SMALL, river_ink, YK_ALIGN_LEFT, true);
    }
    /* The riverside path, in the accent colour, with its ends rounded. */
    int pw = lh / 4 > 3 ? lh / 4 : 3;
    yk_ui_fill(ui, (struct yk_rect){x0 - pw, cy - pw / 2, span + 2 * pw, pw}, t->accent, pw / 2);

    /* Markers: 9 mm targets when they all fit, else numbered discs, else dots. */
    int min_dx = span;
    int prev = -1;
    for (size_t i = 0; i < s->n_placed; i++) {
        int x = x0 + s->sites.items[s->items[i].site].river_pos_m * span / RIVER_M;
        if (prev >= 0 && x - prev < min_dx)
            min_dx = x - prev;
        prev = x;
    }
    int target = t->touch_min > d ? t->touch_min : d;
    bool tappable = min_dx > target + 4;
    bool numbered = min_dx >= d + 4;
    s->tappable = tappable;
    if (numbered != s->numbered) {
        s->numbered = numbered;
        s->map_rows.key = 0; /* row widths change with the discs */
    }
    for (size_t i = 0; i < s->n_placed; i++) {
        const struct yk_site *site = &s->sites.items[s->items[i].site];
        int x = x0 + site->river_pos_m * span / RIVER_M;
        struct yk_rect box = {x - target / 2, mark_row.y + (mark_row.h - target) / 2, target,
                              target};
        if (tappable) {
            const char *id = yk_ui_fmt(ui, "sites.marker.%s", site->id);
            /* Clear: the disc is what shows. Its colours are the card's and the ink's, so
             * the site's name it carries for read-aloud is judged as on the card. */
            struct yk_button_style st = {.bg = {t->card.r, t->card.g, t->card.b, 0},
                                         .fg = t->ink,
                                         .font = YK_FONT_SMALL,
                                         .icon = -1};
            yk_ui_button(ui, id, box, "", &st, true);
            disc(k, yk_ui_fmt(ui, "%s.n", id), box, d, s->items[i].number);
            yk_ui_set_text(ui, id, PICK(site->name));
        } else if (numbered) {
            disc(k, yk_ui_fmt(ui, "sites.marker.%s.n", site->id), box, d, s->items[i].number);
        } else {
            /* Too close for discs: a thin tick per site, so the path reads as where the
             * sites gather rather than one red bar. */
            int th = d * 3 / 4;
            yk_ui_fill(ui, (struct yk_rect){x - 1, cy - th / 2, 2, th}, t->primary, 0);
        }
    }
    if (s->here_m >= 0) {
        int x = x0 + s->here_m * span / RIVER_M;
        /* A stem from the pin down to the path, so the spot reads even among markers. */
        yk_ui_fill(ui,
                   (struct yk_rect){x - 1, pin_row.y + pin_h / 2, 3, cy - pin_row.y - pin_h / 2},
                   t->primary, 0);
        yk_ui_icon_draw(ui, (struct yk_rect){x - pin_h / 2, pin_row.y, pin_h, pin_h}, YK_ICON_PIN,
                        t->primary);
    }
}

static int map_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct state *s = ctx;
    const struct yk_theme *t = &k->ui.theme;
    if (s->map_row && i-- == 0) {
        struct map_layout ml;
        return map_layout(k, s, w, true, &ml) + t->pad;
    }
    const struct map_item *it = &s->items[i];
    if (it->heading)
        return yk_ui_text_height(&k->ui, tr(k, "sites.unplaced"), YK_FONT_LARGE, w) + t->gap;
    if (s->numbered && it->number)
        w -= disc_side(k, (int)s->n_placed) + t->gap;
    const struct yk_site *site = &s->sites.items[it->site];
    char buf[96];
    return yk_page_row_height(k, PICK(site->name), site_sub(k, s, site, buf, sizeof buf), false, w);
}

static void map_row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct state *s = ctx;
    const struct yk_theme *t = &k->ui.theme;
    if (s->map_row && i-- == 0) {
        struct map_layout ml;
        r.h = map_layout(k, s, r.w, true, &ml);
        map_build(k, s, r, &ml);
        return;
    }
    const struct map_item *it = &s->items[i];
    if (it->heading) {
        r.y += t->gap;
        r.h -= t->gap;
        yk_ui_text(&k->ui, "sites.unplaced", r, tr(k, "sites.unplaced"), YK_FONT_LARGE, t->primary,
                   YK_ALIGN_LEFT, false);
        return;
    }
    if (s->numbered && it->number) {
        int d = disc_side(k, (int)s->n_placed);
        struct yk_rect box = yk_cut_left(&r, d);
        yk_cut_left(&r, t->gap);
        disc(k, yk_ui_fmt(&k->ui, "sites.num.%s", s->sites.items[it->site].id), box, d, it->number);
    }
    const struct yk_site *site = &s->sites.items[it->site];
    char buf[96];
    yk_page_row(k, yk_ui_fmt(&k->ui, "sites.item.%s", site->id), r, PICK(site->name),
                site_sub(k, s, site, buf, sizeof buf), -1);
}

static void tabs_build(struct yk_kiosk *k, struct state *s, struct yk_rect *in)
{
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_line_height(&k->ui, YK_FONT_BODY) + 2 * t->gap;
    struct yk_rect row = yk_cut_top(in, h < t->touch_min ? t->touch_min : h);
    yk_cut_top(in, t->pad);
    const char *a = tr(k, "sites.tab.list"), *b = tr(k, "sites.tab.map");
    int wa = yk_page_chip_w(k, a), wb = yk_page_chip_w(k, b);
    yk_page_chip(k, "sites.tab.list", (struct yk_rect){row.x, row.y, wa, row.h}, a,
                 s->view == VIEW_LIST);
    yk_page_chip(k, "sites.tab.map", (struct yk_rect){row.x + wa + t->gap, row.y, wb, row.h}, b,
                 s->view == VIEW_MAP);
    const char *count = yk_ui_fmt(&k->ui, tr(k, "sites.count"), (int)s->sites.count);
    int used = wa + t->gap + wb + t->pad;
    int cw = yk_ui_text_width(&k->ui, count, YK_FONT_BODY) + 2;
    if (used + cw <= row.w)
        yk_ui_text(&k->ui, "sites.count", (struct yk_rect){row.x + row.w - cw, row.y, cw, row.h},
                   count, YK_FONT_BODY, t->ink_soft, YK_ALIGN_RIGHT, true);
}

static void list_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = k->state[YK_SCREEN_SITES];
    const struct yk_theme *t = &k->ui.theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s || !s->sites.count) {
        const char *msg = tr(k, "sites.empty");
        int mh = yk_ui_text_height(&k->ui, msg, YK_FONT_LARGE, in.w);
        int ih = yk_ui_line_height(&k->ui, YK_FONT_HUGE) * 2;
        if (ih > in.h - mh - t->pad)
            ih = in.h - mh - t->pad;
        if (ih < yk_ui_line_height(&k->ui, YK_FONT_BODY))
            ih = 0; /* no room for the picture: the words matter more */
        int y = in.y + (in.h - ih - (ih ? t->pad : 0) - mh) / 2;
        if (y < in.y)
            y = in.y;
        if (ih)
            yk_ui_icon_draw(&k->ui, (struct yk_rect){in.x + (in.w - ih) / 2, y, ih, ih},
                            YK_ICON_SITES, t->accent);
        y += ih ? ih + t->pad : 0;
        yk_ui_text(&k->ui, "sites.empty", (struct yk_rect){in.x, y, in.w, in.y + in.h - y}, msg,
                   YK_FONT_LARGE, t->ink_soft, YK_ALIGN_CENTER, false);
        return;
    }
    tabs_build(k, s, &in);
    if (s->view == VIEW_LIST) {
        in.w += t->pad - t->gap; /* the scroll bar sits in the margin */
        yk_rows_list(k, "sites.list", in, &s->rows, s->sites.count, row_h, row_build, s);
        return;
    }
    /* The map, and beside it (landscape) or under it (portrait) the sites in river order. */
    bool beside = in.w * 10 >= in.h * 13;
    struct yk_rect left = in;
    if (beside) {
        left = yk_cut_left(&in, in.w * 52 / 100);
        yk_cut_left(&in, t->pad);
    }
    struct yk_rect list = in;
    struct map_layout ml;
    int room = beside ? left.h : left.h / 2;
    int mh = map_layout(k, s, left.w, false, &ml);
    if (mh > room)
        mh = map_layout(k, s, left.w, true, &ml);
    bool map_row = mh > room;
    if (map_row != s->map_row) {
        s->map_row = map_row;
        s->map_rows.key = 0; /* one row more or less */
    }
    if (map_row) {
        /* Big text on a small screen: the map across the whole width, in view whole at
         * first, and the sites in river order under it in the same scrolling list, so
         * neither is squeezed into a half with its words broken over lines. */
        list = (struct yk_rect){left.x, left.y, in.x + in.w - left.x, left.h};
        list.w += t->pad - t->gap;
        yk_rows_list(k, "sites.maplist", list, &s->map_rows, s->n_items + 1, map_row_h,
                     map_row_build, s);
        return;
    }
    struct yk_rect card =
        beside ? (struct yk_rect){left.x, left.y, left.w, mh} : yk_cut_top(&list, mh);
    map_build(k, s, card, &ml);
    /* How to open a site from here: the markers, or only the list. */
    const char *hint =
        s->n_placed ? tr(k, s->tappable ? "sites.map.tap" : "sites.map.list_only") : NULL;
    if (beside) {
        int hh = hint ? yk_ui_text_height(&k->ui, hint, YK_FONT_BODY, left.w) : 0;
        if (hint && card.y + mh + t->pad + hh <= left.y + left.h)
            yk_ui_text(&k->ui, "sites.hint",
                       (struct yk_rect){left.x, card.y + mh + t->pad, left.w, hh}, hint,
                       YK_FONT_BODY, t->ink_soft, YK_ALIGN_LEFT, false);
    } else {
        yk_cut_top(&list, t->pad);
        int hh = hint ? yk_ui_text_height(&k->ui, hint, YK_FONT_BODY, list.w) : 0;
        if (hint && hh < list.h / 3) {
            yk_ui_text(&k->ui, "sites.hint", yk_cut_top(&list, hh), hint, YK_FONT_BODY, t->ink_soft,
                       YK_ALIGN_LEFT, false);
            yk_cut_top(&list, t->gap);
        }
    }
    list.w += t->pad - t->gap;
    yk_rows_list(k, "sites.maplist", list, &s->map_rows, s->n_items, map_row_h, map_row_build, s);
}

static bool list_activate(struct yk_kiosk *k, const char *id)
{
    struct state *s = k->state[YK_SCREEN_SITES];
    if (s && strcmp(id, "sites.tab.list") == 0) {
        s->view = VIEW_LIST;
        k->dirty = true;
        return true;
    }
    if (s && strcmp(id, "sites.tab.map") == 0) {
        s->view = VIEW_MAP;
        k->dirty = true;
        return true;
    }
    const char *p;
    if (strncmp(id, "sites.item.", 11) == 0)
        p = id + 11;
    else if (strncmp(id, "sites.marker.", 13) == 0)
        p = id + 13;
    else
        return false;
    snprintf(k->sel_site, sizeof k->sel_site, "%s", p);
    yk_kiosk_go(k, YK_SCREEN_SITE);
    return true;
}

const struct yk_screen_def yk_screen_sites = {
    .key = "sites",
    .title_key = YK_N("home.sites"),
    .enter = list_enter,
    .leave = list_leave,
    .build = list_build,
    .activate = list_activate,
};

/* ---------------------------------------------------------------- one site */

static void detail_enter(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SITE);
    struct state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    k->state[YK_SCREEN_SITE] = s;
    s->here_m = station_pos(k);
    if (!k->p.db || yk_store_get_site(k->p.db, k->sel_site, &s->site) != YK_STORE_OK)
        return;
    s->have_site = true;
    if (s->site.photo_hash && *s->site.photo_hash &&
        yk_store_get_media(k->p.db, s->site.photo_hash, &s->photo) == YK_STORE_OK) {
        s->have_photo = true;
        if (!yk_photo_image_size(s->photo.bytes, s->photo.size, &s->photo_w, &s->photo_h)) {
            s->photo_w = 4;
            s->photo_h = 3;
        }
    }
}

static void detail_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SITE);
}

static const char *detail_title(struct yk_kiosk *k)
{
    struct state *s = k->state[YK_SCREEN_SITE];
    return s && s->have_site ? PICK(s->site.name) : tr(k, "home.sites");
}

static void detail_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = k->state[YK_SCREEN_SITE];
    const struct yk_theme *t = &k->ui.theme;
    struct yk_doc d;
    bool ok = s && s->have_site;
    const struct yk_site *site = ok ? &s->site : NULL;
    bool link = ok && site->link_url && *site->link_url;
    /* Landscape: the QR code in a column on the right, always in view. */
    yk_doc_begin(&d, k, "site.doc", area, link);
    if (!ok) {
        yk_doc_text(&d, "site.missing", tr(k, "section.gone"), true);
        yk_doc_end(&d);
        return;
    }
    if (s->have_photo) {
        /* As wide as the column, but never more than about half the view's height. */
        int w = d.w, h = (int)((long long)d.w * s->photo_h / s->photo_w);
        int max_h = d.view.h * 55 / 100;
        if (h > max_h) {
            h = max_h;
            w = (int)((long long)h * s->photo_w / s->photo_h);
        }
        yk_ui_image(&k->ui, "site.photo", (struct yk_rect){d.x, d.y, w, h}, site->photo_hash,
                    s->photo.bytes, s->photo.size, PICK(site->name));
        yk_doc_space(&d, h + t->pad);
    }
    yk_doc_text(&d, "site.intro", PICK(site->intro), false);
    char dist[96];
    distance_text(k, s->here_m, site->river_pos_m, dist, sizeof dist);
    yk_doc_field(&d, "site.distance", tr(k, "site.distance"), dist);
    yk_doc_field(&d, "site.location", tr(k, "site.location"), PICK(site->location));
    yk_doc_field(&d, "site.hours", tr(k, "site.hours"), PICK(site->hours));
    yk_doc_field(&d, "site.booking", tr(k, "site.booking"), PICK(site->booking));
    yk_doc_qr(&d, "site.qr", site->link_url, tr(k, "qr.take_along"));
    /* What is not known yet is asked here: a finished page, not a placeholder (after the
     * QR code, which stays where it was). */
    const char *intro = PICK(site->intro), *loc = PICK(site->location);
    if (!intro || !*intro || !loc || !*loc) {
        const char *stn = yk_pick(k->lang, k->p.cfg->station_name, k->p.cfg->station_name_en);
        const char *body = intro && *intro
                               ? yk_ui_fmt(&k->ui, tr(k, "site.ask.body"), stn)
                               : yk_ui_fmt(&k->ui, tr(k, "site.ask.all"), PICK(site->name), stn);
        yk_doc_field(&d, "site.ask", tr(k, "site.ask"), body);
    }
    yk_doc_end(&d);
}

const struct yk_screen_def yk_screen_site = {
    .key = "site",
    .title = detail_title,
    .enter = detail_enter,
    .leave = detail_leave,
    .build = detail_build,
};
