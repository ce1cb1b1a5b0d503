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

enum item_kind { ITEM_HEADING, ITEM_LINE, ITEM_SERVICE };

struct item {
    enum item_kind kind;
    size_t index;        /* into lines or services */
    const char *heading; /* catalog key of a heading */
};

struct state {
    struct yk_service_line_list lines;
    struct yk_service_list services;
    struct item *items;
    size_t n_items;
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

static void unload(struct yk_kiosk *k, enum yk_screen_id id)
{
    struct state *s = k->state[id];
    if (!s)
        return;
    yk_store_free_service_lines(&s->lines);
    yk_store_free_services(&s->services);
    free(s->items);
    yk_rows_free(&s->rows);
    free(s);
    k->state[id] = NULL;
}

/* ---------------------------------------------------------------- the list */

static void list_enter(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICES);
    load(k, YK_SCREEN_SERVICES);
    struct state *s = st(k, YK_SCREEN_SERVICES);
    if (!s)
        return;
    size_t cap = s->lines.count + s->services.count + 3;
    s->items = calloc(cap, sizeof *s->items);
    if (!s->items)
        return;
    /* Sections: the riverside lines, the station's services, the 和/美 projects; a section
     * with nothing in it is left out. */
    if (s->lines.count) {
        s->items[s->n_items++] = (struct item){ITEM_HEADING, 0, YK_N("services.lines")};
        for (size_t i = 0; i < s->lines.count; i++)
            s->items[s->n_items++] = (struct item){ITEM_LINE, i, NULL};
    }
    for (int pass = 0; pass < 2; pass++) {
        enum yk_service_kind want = pass ? YK_SERVICE_KIND_PROJECT : YK_SERVICE_KIND_SERVICE;
        bool any = false;
        for (size_t i = 0; i < s->services.count; i++) {
            if (s->services.items[i].kind != want)
                continue;
            if (!any)
                s->items[s->n_items++] = (struct item){
                    ITEM_HEADING, 0, pass ? YK_N("services.projects") : YK_N("services.station")};
            any = true;
            s->items[s->n_items++] = (struct item){ITEM_SERVICE, i, NULL};
        }
    }
}

static void list_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_SERVICES);
}

static void item_texts(struct yk_kiosk *k, const struct state *s, const struct item *it,
                       const char **title, const char **sub)
{
    if (it->kind == ITEM_LINE) {
        const struct yk_service_line *l = &s->lines.items[it->index];
        *title = yk_pick(k->lang, l->name.zh, l->name.en);
        *sub = yk_pick(k->lang, l->summary.zh, l->summary.en);
    } else {
        const struct yk_service *v = &s->services.items[it->index];
        *title = yk_pick(k->lang, v->title.zh, v->title.en);
        *sub = yk_pick(k->lang, v->summary.zh, v->summary.en);
    }
}

static int row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct state *s = ctx;
    const struct item *it = &s->items[i];
    if (it->kind == ITEM_HEADING)
        return yk_ui_text_height(&k->ui, tr(k, it->heading), YK_FONT_TITLE, w) + k->ui.theme.gap;
    const char *title, *sub;
    item_texts(k, s, it, &title, &sub);
    return yk_page_row_height(k, title, sub, it->kind == ITEM_LINE, w);
}

static void row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct state *s = ctx;
    const struct item *it = &s->items[i];
    if (it->kind == ITEM_HEADING) {
        r.y += k->ui.theme.gap;
        r.h -= k->ui.theme.gap;
        yk_ui_text(&k->ui, yk_ui_fmt(&k->ui, "%s", it->heading), r, tr(k, it->heading),
                   YK_FONT_TITLE, k->ui.theme.primary, YK_ALIGN_LEFT, false);
        return;
    }
    const char *title, *sub;
    item_texts(k, s, it, &title, &sub);
    const char *id = it->kind == ITEM_LINE
                         ? yk_ui_fmt(&k->ui, "services.line.%s", s->lines.items[it->index].id)
                         : yk_ui_fmt(&k->ui, "services.item.%s", s->services.items[it->index].id);
    yk_page_row(k, id, r, title, sub, it->kind == ITEM_LINE ? YK_ICON_SERVICES : -1);
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
                yk_doc_field(&d, yk_ui_fmt(&k->ui, "service.part.%s", v->id), PICK(v->title),
                             PICK(v->summary));
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
