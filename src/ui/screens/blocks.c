/* The three 和美街区 (harmonious blocks): what each is, its alliance, its convention. */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/store.h"
#include "ui/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

struct state {
    struct yk_block_list blocks;
    struct yk_rows rows;
};

static void unload(struct yk_kiosk *k, enum yk_screen_id id)
{
    struct state *s = k->state[id];
    if (!s)
        return;
    yk_store_free_blocks(&s->blocks);
    yk_rows_free(&s->rows);
    free(s);
    k->state[id] = NULL;
}

static void load(struct yk_kiosk *k, enum yk_screen_id id)
{
    unload(k, id);
    struct state *s = calloc(1, sizeof *s);
    if (s && k->p.db)
        yk_store_list_blocks(k->p.db, &s->blocks);
    k->state[id] = s;
}

static void list_enter(struct yk_kiosk *k)
{
    load(k, YK_SCREEN_BLOCKS);
}

static void list_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_BLOCKS);
}

static int row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct state *s = ctx;
    const struct yk_block *b = &s->blocks.items[i];
    return yk_page_row_height(k, PICK(b->name), PICK(b->where), true, w);
}

static void row_build(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct state *s = ctx;
    const struct yk_block *b = &s->blocks.items[i];
    yk_page_row(k, yk_ui_fmt(&k->ui, "blocks.item.%s", b->id), r, PICK(b->name), PICK(b->where),
                YK_ICON_BLOCKS);
}

static void list_build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = k->state[YK_SCREEN_BLOCKS];
    const struct yk_theme *t = &k->ui.theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s || !s->blocks.count) {
        yk_ui_text(&k->ui, "blocks.empty", in, tr(k, "section.empty"), YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_CENTER, true);
        return;
    }
    const char *intro = tr(k, "blocks.intro");
    int ih = yk_ui_text_height(&k->ui, intro, YK_FONT_BODY, in.w);
    if (ih < in.h / 3) {
        yk_ui_text(&k->ui, "blocks.intro", yk_cut_top(&in, ih), intro, YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_LEFT, false);
        yk_cut_top(&in, t->gap);
    }
    in.w += t->pad - t->gap;
    yk_rows_list(k, "blocks.list", in, &s->rows, s->blocks.count, row_h, row_build, s);
}

static bool list_activate(struct yk_kiosk *k, const char *id)
{
    if (strncmp(id, "blocks.item.", 12) != 0)
        return false;
    snprintf(k->sel_block, sizeof k->sel_block, "%s", id + 12);
    yk_kiosk_go(k, YK_SCREEN_BLOCK);
    return true;
}

const struct yk_screen_def yk_screen_blocks = {
    .key = "blocks",
    .title_key = YK_N("home.blocks"),
    .enter = list_enter,
    .leave = list_leave,
    .build = list_build,
    .activate = list_activate,
};

static const struct yk_block *selected(struct yk_kiosk *k)
{
    struct state *s = k->state[YK_SCREEN_BLOCK];
    for (size_t i = 0; s && i < s->blocks.count; i++)
        if (strcmp(s->blocks.items[i].id, k->sel_block) == 0)
            return &s->blocks.items[i];
    return NULL;
}

static void detail_enter(struct yk_kiosk *k)
{
    load(k, YK_SCREEN_BLOCK);
}

static void detail_leave(struct yk_kiosk *k)
{
    unload(k, YK_SCREEN_BLOCK);
}

static const char *detail_title(struct yk_kiosk *k)
{
    const struct yk_block *b = selected(k);
    return b ? PICK(b->name) : tr(k, "home.blocks");
}

static void detail_build(struct yk_kiosk *k, struct yk_rect area)
{
    const struct yk_block *b = selected(k);
    struct yk_doc d;
    yk_doc_begin(&d, k, "block.doc", area, false);
    if (!b) {
        yk_doc_text(&d, "block.missing", tr(k, "section.gone"), true);
    } else {
        yk_doc_field(&d, "block.where", tr(k, "block.where"), PICK(b->where));
        yk_doc_field(&d, "block.character", tr(k, "block.character"), PICK(b->character));
        yk_doc_field(&d, "block.alliance", tr(k, "block.alliance"), PICK(b->alliance));
        yk_doc_field(&d, "block.convention", tr(k, "block.convention"), PICK(b->convention));
    }
    yk_doc_end(&d);
}

const struct yk_screen_def yk_screen_block = {
    .key = "block",
    .title = detail_title,
    .enter = detail_enter,
    .leave = detail_leave,
    .build = detail_build,
};
