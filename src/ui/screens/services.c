/* Services: the five riverside service lines, the station's services and the 和/美 projects;
 * and a page for each (what it offers, when, where, whom to contact, a QR for its link). */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/store.h"
#include "ui/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr

/* The list has a rhythm: a heading per section with a line saying what is in it, the
 * projects grouped by series, and rows only as tall as what they say that their neighbours do
 * not (a summary every project of a series shares is said once, by the series' heading). */
enum item_kind { ITEM_HEADING, ITEM_SERIES, ITEM_LINE, ITEM_SERVICE };

struct item {
    enum item_kind kind;
    size_t index;        /* into lines or services */
    const char *heading; /* catalog key of a heading or a series' name */
    const char *sum;     /* catalog key of the line under it ("%d 项"), or NULL */
    const char *sum1;    /* the same for a section of one row */
    bool shared_sub;     /* a service whose summary a neighbour in its group has too */
};

struct state {
    struct yk_service_line_list lines;
    struct yk_service_list services;
    struct item *items;
    size_t n_items;
    char **line_subs; /* per line: its services' titles, in the language below, or NULL */
    enum yk_lang line_subs_lang;
    struct yk_rows rows;
};

static struct state *st(struct yk_kiosk *k, enum yk_screen_id id)
{
    return k->state[id];
}

static void load(struct yk_kiosk *k, enum yk_screen_id id)
{
    struct state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    if (k->p.db) {
        yk_store_list_service_lines(k->p.db, &s->lines);
        yk_store_list_services(k->p.db, NULL, &s->services);
    }
    k->state[id] = s;
}

/* Frees the lines' subs (before the lines: their count says how many). */
static void free_line_subs(struct state *s)
{
    if (s->line_subs)
        for (size_t i = 0; i < s->lines.count; i++)
            free(s->line_subs[i]);
    free(s->line_subs);
    s->line_subs = NULL;
}

static void unload(struct yk_kiosk *k, enum yk_screen_id id)
{
    struct state *s = k->state[id];
    if (!s)
        return;
    free_line_subs(s);
    yk_store_free_service_lines(&s->lines);
    yk_store_free_services(&s->services);
    free(s->items);
    yk_rows_free(&s->rows);
    free(s);
    k->state[id] = NULL;
}

/* ---------------------------------------------------------------- the list */

/* A line's picture, by its id (the five lines of the riverside stations); a line the hub
 * adds later gets the services picture. */
static int line_icon(const char *id)
{
    static const struct {
        const char *id;
        enum yk_icon icon;
    } map[] = {
        {"safe", YK_ICON_SHIELD},     {"convenient", YK_ICON_SIGNPOST}, {"warm", YK_ICON_HEART},
        {"cultural", YK_ICON_MUSEUM}, {"civilised", YK_ICON_LEAF},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].id, id) == 0)
            return (int)map[i].icon;
    return YK_ICON_SERVICES;
}

static void add(struct state *s, struct item it)
{
    s->items[s->n_items++] = it;
}

/* Marks the services of items[from..] whose summary another one there has too. */
static void mark_shared(struct state *s, size_t from)
{
    for (size_t i = from; i < s->n_items; i++)
        for (size_t j = from; j < s->n_items; j++) {
            const struct yk_bitext *a = &s->services.items[s->items[i].index].summary,
                                   *b = &s->services.items[s->items[j].index].summary;
            if (i != j && a->zh && b->zh && strcmp(a->zh, b->zh) == 0)
                s->items[i].shared_sub = true;
        }
}

static void list_enter(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICES);
    load(k, YK_SCREEN_SERVICES);
    struct state *s = st(k, YK_SCREEN_SERVICES);
    if (!s)
        return;
    size_t cap = s->lines.count + 2 * s->services.count + 4;
    s->items = calloc(cap, sizeof *s->items);
    if (!s->items)
        return;
    /* Sections: the riverside lines (each with its services), the station's services that
     * are in no line, the 和/美 projects by series; a section with nothing in it is left out. */
    if (s->lines.count)
        add(s, (struct item){ITEM_HEADING, 0, YK_N("services.lines"), YK_N("services.lines.sum"),
                             YK_N("services.lines.sum1"), false});
    for (size_t i = 0; i < s->lines.count; i++)
        add(s, (struct item){ITEM_LINE, i, NULL, NULL, NULL, false});
    size_t from = s->n_items;
    for (size_t i = 0; i < s->services.count; i++) {
        const struct yk_service *v = &s->services.items[i];
        if (v->kind != YK_SERVICE_KIND_SERVICE || v->line_id)
            continue;
        if (s->n_items == from)
            add(s,
                (struct item){ITEM_HEADING, 0, YK_N("services.station"),
                              YK_N("services.station.sum"), YK_N("services.station.sum1"), false});
        add(s, (struct item){ITEM_SERVICE, i, NULL, NULL, NULL, false});
    }
    static const char *const series[] = {"he", "mei", NULL};
    static const char *const series_key[] = {
        YK_N("services.series.he"), YK_N("services.series.mei"), YK_N("services.series.other")};
    static const char *const series_sum[] = {YK_N("services.series.he.sum"),
                                             YK_N("services.series.mei.sum"), NULL};
    bool heading = false;
    for (int g = 0; g < 3; g++) {
        size_t group = 0;
        for (size_t i = 0; i < s->services.count; i++) {
            const struct yk_service *v = &s->services.items[i];
            bool in = series[g]
                          ? v->series && strcmp(v->series, series[g]) == 0
                          : !v->series || (strcmp(v->series, "he") && strcmp(v->series, "mei"));
            if (v->kind != YK_SERVICE_KIND_PROJECT || !in)
                continue;
            if (!heading)
                add(s, (struct item){ITEM_HEADING, 0, YK_N("services.projects"),
                                     YK_N("services.projects.sum"), YK_N("services.projects.sum1"),
                                     false});
            heading = true;
            if (!group) {
                add(s, (struct item){ITEM_SERIES, 0, series_key[g], series_sum[g], series_sum[g],
                                     false});
                group = s->n_items;
            }
            add(s, (struct item){ITEM_SERVICE, i, NULL, NULL, NULL, false});
        }
        if (group)
            mark_shared(s, group);
    }
}

static void list_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICES);
}

/* "紧急电话 · AED · 急救": the titles of a line's services, else NULL. Kept per language. */
static const char *line_sub(struct yk_kiosk *k, struct state *s, size_t line)
{
    if (s->line_subs_lang != k->lang)
        free_line_subs(s);
    if (!s->line_subs) {
        s->line_subs = calloc(s->lines.count ? s->lines.count : 1, sizeof *s->line_subs);
        s->line_subs_lang = k->lang;
        for (size_t i = 0; s->line_subs && i < s->lines.count; i++) {
            size_t n = 0;
            for (size_t j = 0; j < s->services.count; j++) {
                const struct yk_service *v = &s->services.items[j];
                if (v->line_id && strcmp(v->line_id, s->lines.items[i].id) == 0)
                    n += strlen(yk_pick(k->lang, v->title.zh, v->title.en)) + 8;
            }
            char *b = n ? malloc(n + 1) : NULL;
            if (!b)
                continue;
            b[0] = 0;
            for (size_t j = 0; j < s->services.count; j++) {
                const struct yk_service *v = &s->services.items[j];
                if (v->line_id && strcmp(v->line_id, s->lines.items[i].id) == 0) {
                    if (b[0])
                        strcat(b, " · ");
                    strcat(b, yk_pick(k->lang, v->title.zh, v->title.en));
                }
            }
            s->line_subs[i] = b;
        }
    }
    return s->line_subs ? s->line_subs[line] : NULL;
}

/* The line under heading i: what the section holds ("9 项服务"), what a series is. */
static const char *heading_sum(struct yk_kiosk *k, const struct state *s, size_t i)
{
    const struct item *it = &s->items[i];
    if (!it->sum)
        return NULL;
    if (it->kind == ITEM_SERIES)
        return tr(k, it->sum);
    int n = 0;
    for (size_t j = i + 1; j < s->n_items && s->items[j].kind != ITEM_HEADING; j++)
        n += s->items[j].kind != ITEM_SERIES;
    return yk_ui_fmt(&k->ui, tr(k, n == 1 ? it->sum1 : it->sum), n);
}

static void item_texts(struct yk_kiosk *k, struct state *s, const struct item *it,
                       const char **title, const char **sub)
{
    if (it->kind == ITEM_LINE) {
        const struct yk_service_line *l = &s->lines.items[it->index];
        *title = yk_pick(k->lang, l->name.zh, l->name.en);
        *sub = line_sub(k, s, it->index);
        if (!*sub)
            *sub = yk_pick(k->lang, l->summary.zh, l->summary.en);
    } else {
        const struct yk_service *v = &s->services.items[it->index];
        *title = yk_pick(k->lang, v->title.zh, v->title.en);
        *sub = it->shared_sub ? NULL : yk_pick(k->lang, v->summary.zh, v->summary.en);
    }
}

static enum yk_font heading_font(const struct item *it)
{
    return it->kind == ITEM_SERIES ? YK_FONT_LARGE : YK_FONT_TITLE;
}

static int row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct state *s = ctx;
    const struct item *it = &s->items[i];
    const struct yk_theme *t = &k->ui.theme;
    if (it->kind == ITEM_HEADING || it->kind == ITEM_SERIES) {
        const char *sum = heading_sum(k, s, i);
        return (i ? t->pad : 0) +
               yk_ui_text_height(&k->ui, tr(k, it->heading), heading_font(it), w) +
               (sum ? yk_ui_text_height(&k->ui, sum, YK_FONT_SMALL, w) : 0) + t->gap;
    }
    const char *title, *sub;
    item_texts(k, s, it, &title, &sub);
    return yk_page_row_height(k, title, sub, it->kind == ITEM_LINE, w) + t->gap;
}

static void row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct state *s = ctx;
    const struct item *it = &s->items[i];
    const struct yk_theme *t = &k->ui.theme;
    if (it->kind == ITEM_HEADING || it->kind == ITEM_SERIES) {
        if (i)
            yk_cut_top(&r, t->pad);
        const char *title = tr(k, it->heading), *sum = heading_sum(k, s, i);
        enum yk_font f = heading_font(it);
        int th = yk_ui_text_height(&k->ui, title, f, r.w);
        yk_ui_text(&k->ui, it->heading, yk_cut_top(&r, th), title, f,
                   it->kind == ITEM_SERIES ? t->ink : t->primary, YK_ALIGN_LEFT, false);
        if (sum)
            yk_ui_text(&k->ui, yk_ui_fmt(&k->ui, "%s.sum", it->heading),
                       yk_cut_top(&r, yk_ui_text_height(&k->ui, sum, YK_FONT_SMALL, r.w)), sum,
                       YK_FONT_SMALL, t->ink_soft, YK_ALIGN_LEFT, false);
        return;
    }
    r.h -= t->gap;
    const char *title, *sub;
    item_texts(k, s, it, &title, &sub);
    if (it->kind == ITEM_LINE) {
        const struct yk_service_line *l = &s->lines.items[it->index];
        yk_page_row(k, yk_ui_fmt(&k->ui, "services.line.%s", l->id), r, title, sub,
                    line_icon(l->id));
    } else {
        yk_page_row(k, yk_ui_fmt(&k->ui, "services.item.%s", s->services.items[it->index].id), r,
                    title, sub, -1);
    }
}

static void list_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = st(k, YK_SCREEN_SERVICES);
    const struct yk_theme *t = &k->ui.theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s || !s->n_items) {
        yk_ui_text(&k->ui, "services.empty", in, tr(k, "section.empty"), YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_CENTER, true);
        return;
    }
    in.w += t->pad - t->gap; /* the scroll bar sits in the margin */
    yk_rows_list(k, "services.list", in, &s->rows, s->n_items, row_h, row_build, s);
}

static bool list_activate(struct yk_kiosk *k, const char *id)
{
    const char *p;
    if (strncmp(id, "services.line.", 14) == 0)
        p = id + 14;
    else if (strncmp(id, "services.item.", 14) == 0)
        p = id + 14;
    else
        return false;
    snprintf(k->sel_service, sizeof k->sel_service, "%s%s", id[9] == 'l' ? "line:" : "", p);
    yk_kiosk_go(k, YK_SCREEN_SERVICE);
    return true;
}

const struct yk_screen_def yk_screen_services = {
    .key = "services",
    .title_key = YK_N("home.services"),
    .enter = list_enter,
    .leave = list_leave,
    .build = list_build,
    .activate = list_activate,
};

/* ---------------------------------------------------------------- one service or line */

static void detail_enter(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICE);
    load(k, YK_SCREEN_SERVICE);
}

static void detail_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICE);
}

static const struct yk_service_line *find_line(const struct state *s, const char *id)
{
    for (size_t i = 0; s && i < s->lines.count; i++)
        if (strcmp(s->lines.items[i].id, id) == 0)
            return &s->lines.items[i];
    return NULL;
}

static const struct yk_service *find_service(const struct state *s, const char *id)
{
    for (size_t i = 0; s && i < s->services.count; i++)
        if (strcmp(s->services.items[i].id, id) == 0)
            return &s->services.items[i];
    return NULL;
}

static const char *detail_title(struct yk_kiosk *k)
{
    struct state *s = st(k, YK_SCREEN_SERVICE);
    if (strncmp(k->sel_service, "line:", 5) == 0) {
        const struct yk_service_line *l = find_line(s, k->sel_service + 5);
        if (l)
            return yk_pick(k->lang, l->name.zh, l->name.en);
    } else {
        const struct yk_service *v = find_service(s, k->sel_service);
        if (v)
            return yk_pick(k->lang, v->title.zh, v->title.en);
    }
    return tr(k, "home.services");
}

#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

static void detail_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = st(k, YK_SCREEN_SERVICE);
    struct yk_doc d;
    if (strncmp(k->sel_service, "line:", 5) == 0) {
        const struct yk_service_line *l = find_line(s, k->sel_service + 5);
        yk_doc_begin(&d, k, "service.doc", area, false);
        if (l) {
            yk_doc_text(&d, "service.summary", PICK(l->summary), false);
            /* The services that belong to this line. */
            for (size_t i = 0; i < s->services.count; i++) {
                const struct yk_service *v = &s->services.items[i];
                if (!v->line_id || strcmp(v->line_id, l->id) != 0)
                    continue;
                /* What it is, then where, when and whom to ask, where known: a line's
                 * services are not listed again under the station's (services list). */
                const char *part = yk_ui_fmt(&k->ui, "service.part.%s", v->id);
                yk_doc_field(&d, part, PICK(v->title), PICK(v->summary));
                yk_doc_field(&d, yk_ui_fmt(&k->ui, "%s.hours", part), tr(k, "service.hours"),
                             PICK(v->hours));
                yk_doc_field(&d, yk_ui_fmt(&k->ui, "%s.place", part), tr(k, "service.place"),
                             PICK(v->place));
                yk_doc_field(&d, yk_ui_fmt(&k->ui, "%s.contact", part), tr(k, "service.contact"),
                             PICK(v->contact));
            }
        } else {
            yk_doc_text(&d, "service.missing", tr(k, "section.gone"), true);
        }
        yk_doc_end(&d);
        return;
    }
    const struct yk_service *v = find_service(s, k->sel_service);
    yk_doc_begin(&d, k, "service.doc", area, v && v->link_url && *v->link_url);
    if (!v) {
        yk_doc_text(&d, "service.missing", tr(k, "section.gone"), true);
        yk_doc_end(&d);
        return;
    }
    yk_doc_text(&d, "service.summary", PICK(v->summary), false);
    yk_doc_field(&d, "service.offers", tr(k, "service.offers"), PICK(v->offers));
    yk_doc_field(&d, "service.audience", tr(k, "service.audience"), PICK(v->audience));
    yk_doc_field(&d, "service.hours", tr(k, "service.hours"), PICK(v->hours));
    yk_doc_field(&d, "service.place", tr(k, "service.place"), PICK(v->place));
    yk_doc_field(&d, "service.contact", tr(k, "service.contact"), PICK(v->contact));
    yk_doc_qr(&d, "service.qr", v->link_url, tr(k, "qr.take_along"));
    yk_doc_end(&d);
}

const struct yk_screen_def yk_screen_service = {
    .key = "service",
    .title = detail_title,
    .enter = detail_enter,
    .leave = detail_leave,
    .build = detail_build,
};
