/* Volunteer mode: the records the hub set aside (Today → 被中心退回 → the list): kind and
 * when, what it was, the hub's reason in words and what to do. The records are read by
 * core/set_aside.c when the list opens. */
#include "ui/screens/vol_internal.h"

#include "core/icons.h"

#include <stdlib.h>
#include <string.h>

#define YK_REJECTS_MAX 500 /* set-aside records listed (the newest) */

/* The catalog key of a record type in words ("vol.rej.k.signup", ...), or NULL. */
static const char *kind_key(const char *type)
{
    if (strcmp(type, "signup") == 0)
        return YK_N("vol.rej.k.signup");
    if (strcmp(type, "checkin") == 0)
        return YK_N("vol.rej.k.checkin");
    if (strcmp(type, "walkin") == 0)
        return YK_N("vol.rej.k.walkin");
    if (strcmp(type, "duty") == 0)
        return YK_N("vol.rej.k.duty");
    if (strcmp(type, "audit") == 0)
        return YK_N("vol.rej.k.audit");
    return NULL;
}

/* The catalog key of a hub reason in words ("vol.rej.r.wrong_kiosk", ...), or NULL for a
 * reason this build does not know (then it is shown as the hub sent it). */
static const char *reason_key(const char *reason)
{
    static const struct {
        const char *code, *key;
    } map[] = {
        {"wrong-kiosk", YK_N("vol.rej.r.wrong_kiosk")},
        {"unknown-kind", YK_N("vol.rej.r.unknown_kind")},
        {"unknown-event", YK_N("vol.rej.r.unknown_event")},
        {"over-allotment", YK_N("vol.rej.r.over_allotment")},
        {"event-closed", YK_N("vol.rej.r.event_closed")},
        {"unknown-volunteer", YK_N("vol.rej.r.unknown_volunteer")},
        {"id-conflict", YK_N("vol.rej.r.id_conflict")},
        {"ticket-conflict", YK_N("vol.rej.r.ticket_conflict")},
        {"missing-ticket", YK_N("vol.rej.r.missing_ticket")},
        {"bad-phone", YK_N("vol.rej.r.bad_phone")},
        {"bad-name", YK_N("vol.rej.r.bad_name")},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].code, reason) == 0)
            return map[i].key;
    return NULL;
}

static const char *reject_title(struct yk_kiosk *k, const struct yk_set_aside *r)
{
    const char *kind = kind_key(r->type);
    return yk_ui_fmt(&k->ui, "%s · %s", kind ? tr(k, kind) : r->type,
                     yk_vol_when_text(k, r->made_utc));
}

static const char *reject_what(struct yk_kiosk *k, const struct yk_set_aside *r)
{
    const char *w = yk_pick(k->lang, r->what_zh, r->what_en);
    return w && *w ? w : tr(k, "vol.rej.gone");
}

static const char *reject_reason(struct yk_kiosk *k, const struct yk_set_aside *r)
{
    const char *key = reason_key(r->reason);
    const char *why = key ? tr(k, key) : yk_ui_fmt(&k->ui, tr(k, "vol.rej.r.other"), r->reason);
    return yk_ui_fmt(&k->ui, tr(k, "vol.rej.why"), why);
}

static int reject_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    struct vstate *s = ctx;
    const struct yk_set_aside *r = &s->rejects[i];
    const struct yk_theme *t = &k->ui.theme;
    int cw = w - 2 * t->pad;
    return yk_ui_text_height(&k->ui, reject_title(k, r), YK_FONT_LARGE, cw) +
           yk_ui_text_height(&k->ui, reject_what(k, r), YK_FONT_BODY, cw) +
           yk_ui_text_height(&k->ui, reject_reason(k, r), YK_FONT_BODY, cw) + 2 * t->pad +
           2 * (t->gap / 2) + t->gap;
}

static void reject_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    struct vstate *s = ctx;
    const struct yk_set_aside *rj = &s->rejects[i];
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    r.h -= t->gap;
    yk_ui_fill(ui, r, t->card, t->radius);
    struct yk_rect in = yk_inset(r, t->pad);
    const char *title = reject_title(k, rj), *what = reject_what(k, rj),
               *why = reject_reason(k, rj);
    int y = in.y;
    int h = yk_ui_text_height(ui, title, YK_FONT_LARGE, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.title", i), (struct yk_rect){in.x, y, in.w, h}, title,
               YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT, false);
    y += h + t->gap / 2;
    h = yk_ui_text_height(ui, what, YK_FONT_BODY, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.what", i), (struct yk_rect){in.x, y, in.w, h}, what,
               YK_FONT_BODY, t->ink, YK_ALIGN_LEFT, false);
    y += h + t->gap / 2;
    h = yk_ui_text_height(ui, why, YK_FONT_BODY, in.w);
    yk_ui_text(ui, yk_ui_fmt(ui, "vol.rej.%zu.why", i), (struct yk_rect){in.x, y, in.w, h}, why,
               YK_FONT_BODY, t->primary, YK_ALIGN_LEFT, false);
}

/* The records the hub set aside, newest first, in place of the Today document: what to do
 * and 返回今日统计 on top, then one card each (kind · when, what it was, the hub's reason). */
/* The list's heading: how many (or that they cannot be read). */
static const char *rejects_head(struct yk_kiosk *k, const struct vstate *s)
{
    return s->n_rejects < 0 ? tr(k, "vol.rej.error")
                            : yk_ui_fmt(&k->ui, tr(k, "vol.rej.head"), s->n_rejects);
}

/* Where the area is short the heading and what to do are row 0 of the list, and scroll with
 * it; the records follow as rows 1..n. */
static int rejects_led_row_h(struct yk_kiosk *k, void *ctx, size_t i, int w)
{
    if (i > 0)
        return reject_row_h(k, ctx, i - 1, w);
    return yk_ui_text_height(&k->ui, rejects_head(k, ctx), YK_FONT_LARGE, w) + k->ui.theme.gap +
           yk_ui_text_height(&k->ui, tr(k, "vol.rej.todo"), YK_FONT_BODY, w);
}

static void rejects_led_row(struct yk_kiosk *k, void *ctx, size_t i, struct yk_rect r)
{
    if (i > 0) {
        reject_row(k, ctx, i - 1, r);
        return;
    }
    struct yk_ui *ui = &k->ui;
    const char *head = rejects_head(k, ctx), *todo = tr(k, "vol.rej.todo");
    int hh = yk_ui_text_height(ui, head, YK_FONT_LARGE, r.w);
    yk_ui_text(ui, "vol.rej.head", (struct yk_rect){r.x, r.y, r.w, hh}, head, YK_FONT_LARGE,
               ui->theme.ink, YK_ALIGN_LEFT, false);
    yk_ui_text(ui, "vol.rej.todo",
               (struct yk_rect){r.x, r.y + hh + ui->theme.gap, r.w, r.h - hh - ui->theme.gap}, todo,
               YK_FONT_BODY, ui->theme.ink, YK_ALIGN_LEFT, false);
}

void yk_vol_build_rejects(struct yk_kiosk *k, struct vstate *s, struct yk_rect in)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *bl = tr(k, "vol.rej.back");
    struct yk_button_style bs = yk_page_button_style(k, false, YK_FONT_BODY);
    bs.icon = YK_ICON_BACK;
    int bw = yk_vol_label_w(k, bl, YK_FONT_BODY, true);
    if (bw > in.w)
        bw = in.w;
    struct yk_rect row = yk_cut_top(&in, yk_page_button_h(k));
    yk_cut_top(&in, t->gap);
    yk_ui_button(ui, "vol.rej.back", yk_cut_left(&row, bw), bl, &bs, true);
    const char *head = rejects_head(k, s), *todo = tr(k, "vol.rej.todo");
    /* The header and what to do scroll with the list when the area is short. */
    int hh = yk_ui_text_height(ui, head, YK_FONT_LARGE, in.w);
    int th = yk_ui_text_height(ui, todo, YK_FONT_BODY, in.w);
    int first = s->n_rejects > 0 ? reject_row_h(k, s, 0, in.w - t->gap) : 0;
    if (hh + th + 2 * t->gap + first <= in.h) {
        yk_vol_line(k, &in, "vol.rej.head", head, YK_FONT_LARGE, t->ink, YK_ALIGN_LEFT);
        yk_vol_line(k, &in, "vol.rej.todo", todo, YK_FONT_BODY, t->ink, YK_ALIGN_LEFT);
        if (s->n_rejects > 0)
            yk_rows_list(k, "vol.rejects", in, &s->reject_rows, (size_t)s->n_rejects, reject_row_h,
                         reject_row, s);
        return;
    }
    yk_rows_list(k, "vol.rejects", in, &s->reject_rows,
                 (size_t)(s->n_rejects > 0 ? s->n_rejects : 0) + 1, rejects_led_row_h,
                 rejects_led_row, s);
}

static void open_rejects(struct yk_kiosk *k, struct vstate *s)
{
    if (!s->rejects)
        s->rejects = calloc(YK_REJECTS_MAX, sizeof *s->rejects);
    s->n_rejects = s->rejects ? yk_set_aside_load(k->p.db, s->rejects, YK_REJECTS_MAX) : -1;
    yk_rows_free(&s->reject_rows);
    s->rejects_up = true;
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

bool yk_vol_rejects_activate(struct yk_kiosk *k, struct vstate *s, const char *a)
{
    if (strcmp(a, "sync.set_aside") == 0) {
        open_rejects(k, s);
        return true;
    }
    if (strcmp(a, "rej.back") == 0) {
        s->rejects_up = false;
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
        return true;
    }
    return false;
}
