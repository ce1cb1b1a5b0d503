#include "hub/admin_fields.h"

#include "core/i18n.h"
#include "core/shtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const yk_admin_kinds[] = {"consult",  "experience", "charity", "support",
                                      "ceremony", "issues",     "other",   NULL};

void yk_admin_kind_label(struct yk_hub_html *s, const char *kind, bool plain)
{
    char key[48];
    snprintf(key, sizeof key, "event.kind.%s", kind);
    const char *zh = yk_hub_kiosk_text(key, YK_LANG_ZH), *en = yk_hub_kiosk_text(key, YK_LANG_EN);
    if (zh == key) { /* the kiosk has no name for it */
        yk_hub_html_text(s, kind);
    } else if (plain) {
        yk_hub_html_text(s, zh);
        yk_hub_html_raw(s, " · ");
        yk_hub_html_text(s, en);
    } else {
        yk_admin_html_label(s, zh, en);
    }
}

bool yk_admin_parse_time(const char *v, int64_t *out)
{
    int y, mo, d, h, mi;
    char sep, extra;
    if (sscanf(v, "%4d-%2d-%2d%c%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &extra) != 6 ||
        (sep != ' ' && sep != 'T') || y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h < 0 ||
        h > 23 || mi < 0 || mi > 59)
        return false;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
        return false;
    *out = yk_shanghai_to_utc(y, mo, d, h, mi, 0);
    return true;
}

void yk_admin_form_init(struct yk_admin_form *f, const struct yk_admin_field *fields, size_t n)
{
    memset(f, 0, sizeof *f);
    f->fields = fields;
    f->n = n < YK_ADMIN_FIELDS_MAX ? n : YK_ADMIN_FIELDS_MAX;
}

int yk_admin_form_index(const struct yk_admin_form *f, const char *col)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].col, col) == 0)
            return (int)i;
    return -1;
}

void yk_admin_form_bad(struct yk_admin_form *f, const char *col, const char *zh, const char *en)
{
    int i = yk_admin_form_index(f, col);
    if (i >= 0 && !f->msg_zh[i]) {
        f->msg_zh[i] = zh;
        f->msg_en[i] = en;
    }
    f->bad = true;
}

struct find {
    const char *want;
    bool found;
};
static void find_id(void *ctx, const char *id, const char *a, const char *b)
{
    (void)a, (void)b;
    struct find *k = ctx;
    if (strcmp(id, k->want) == 0)
        k->found = true;
}

bool yk_admin_ref_exists(struct yk_admin_ctx *c, const char *table, const char *id)
{
    struct find k = {id, false};
    return id && yk_admin_list(c->store, table, "id", "id", find_id, &k) && k.found;
}

static bool in_list(const char *const *list, const char *v)
{
    for (; list && *list; list++)
        if (strcmp(*list, v) == 0)
            return true;
    return false;
}

void yk_admin_form_check(struct yk_admin_ctx *c, struct yk_admin_form *f, struct yk_admin_row *set)
{
    for (size_t i = 0; i < f->n; i++) {
        const struct yk_admin_field *d = &f->fields[i];
        const char *v = yk_form_get(&c->form, d->col);
        if (!v)
            continue; /* not sent at all: left as it is (a partial form) */
        while (v && (*v == ' ' || *v == '\t'))
            v++;
        f->shown[i] = v;
        bool empty = !v || !*v;
        const char *store = empty ? NULL : v;
        bool text = d->type == YK_F_TEXT || d->type == YK_F_AREA || d->type == YK_F_URL;
        if (empty && d->required) {
            yk_admin_form_bad(f, d->col, "必须填写。", "Required.");
        } else if (empty) {
        } else if (text && strlen(v) > (size_t)d->max) {
            yk_admin_form_bad(f, d->col, "太长了。", "Too long.");
        } else if (d->type == YK_F_TEXT && strchr(v, '\n')) {
            yk_admin_form_bad(f, d->col, "只能写一行。", "One line only.");
        } else if (d->type == YK_F_URL && strncmp(v, "https://", 8) != 0 &&
                   strncmp(v, "http://", 7) != 0) {
            yk_admin_form_bad(f, d->col, "链接须以 https:// 开头。",
                              "A link starts with https://.");
        } else if ((d->type == YK_F_KIND && !in_list(yk_admin_kinds, v)) ||
                   (d->type == YK_F_CHOICE && !in_list(d->choices, v))) {
            yk_admin_form_bad(f, d->col, "请从列表中选择。", "Choose one from the list.");
        } else if (d->type == YK_F_REF && !yk_admin_ref_exists(c, d->ref, v)) {
            yk_admin_form_bad(f, d->col, "没有这一项。", "There is no such item.");
        } else if (d->type == YK_F_INT) {
            char *end;
            long long n = strtoll(v, &end, 10);
            if (*end || end == v || n < d->min || n > d->max) {
                yk_admin_form_bad(f, d->col, "请填写范围内的整数。",
                                  "Enter a whole number in range.");
            } else {
                f->num[i] = n;
                f->has[i] = true;
                snprintf(f->buf[i], sizeof f->buf[i], "%lld", n);
                store = f->buf[i];
            }
        } else if (d->type == YK_F_TIME) {
            if (!yk_admin_parse_time(v, &f->num[i])) {
                yk_admin_form_bad(f, d->col, "格式：2026-12-20 09:30", "Format: 2026-12-20 09:30");
            } else {
                f->has[i] = true;
                snprintf(f->buf[i], sizeof f->buf[i], "%lld", (long long)f->num[i]);
                store = f->buf[i];
            }
        }
        if (!empty && d->needs) {
            const char *zh = yk_form_get(&c->form, d->needs);
            if (!zh || !*zh)
                yk_admin_form_bad(f, d->col, "请先填写中文。", "Fill in the Chinese first.");
        }
        yk_admin_row_set(set, d->col, store);
    }
}

void yk_admin_form_from_row(struct yk_admin_form *f, const struct yk_admin_row *r, int64_t shift)
{
    for (size_t i = 0; i < f->n; i++) {
        const char *v = yk_admin_row_val(r, f->fields[i].col);
        f->shown[i] = v;
        if (v && f->fields[i].type == YK_F_TIME) {
            yk_admin_fmt_time(strtoll(v, NULL, 10) + shift, f->buf[i]);
            f->shown[i] = f->buf[i];
        }
    }
}

struct opts {
    struct yk_hub_html *s;
    const char *selected;
};
static void option(void *ctx, const char *id, const char *zh, const char *en)
{
    struct opts *o = ctx;
    yk_hub_html_raw(o->s, "<option value=\"");
    yk_hub_html_text(o->s, id);
    yk_hub_html_raw(o->s, o->selected && strcmp(o->selected, id) == 0 ? "\" selected>" : "\">");
    yk_hub_html_text(o->s, zh);
    if (en) {
        yk_hub_html_raw(o->s, " · ");
        yk_hub_html_text(o->s, en);
    }
    yk_hub_html_raw(o->s, "</option>");
}

void yk_admin_options(struct yk_admin_ctx *c, struct yk_hub_html *s, const char *table,
                      const char *selected)
{
    struct opts o = {s, selected};
    yk_admin_list(c->store, table, strcmp(table, "services") == 0 ? "title_zh" : "name_zh",
                  strcmp(table, "services") == 0 ? "title_en" : "name_en", option, &o);
}

static void open_tag(struct yk_hub_html *s, const char *tag, const struct yk_admin_field *d,
                     bool read_only)
{
    yk_hub_html_raw(s, "<");
    yk_hub_html_raw(s, tag);
    yk_hub_html_raw(s, " id=\"");
    yk_hub_html_raw(s, d->col);
    yk_hub_html_raw(s, "\" name=\"");
    yk_hub_html_raw(s, d->col);
    yk_hub_html_raw(s, read_only ? "\" disabled" : "\"");
}

void yk_admin_form_draw(struct yk_admin_ctx *c, struct yk_hub_html *s,
                        const struct yk_admin_form *f, bool read_only)
{
    for (size_t i = 0; i < f->n; i++) {
        const struct yk_admin_field *d = &f->fields[i];
        yk_hub_html_raw(s, f->msg_zh[i] ? "<div class=\"bad\">" : "<div>");
        yk_hub_html_raw(s, "<label for=\"");
        yk_hub_html_raw(s, d->col);
        yk_hub_html_raw(s, "\">");
        yk_admin_html_label(s, d->zh, d->en);
        if (d->required)
            yk_hub_html_raw(s, " *");
        yk_hub_html_raw(s, "</label>");
        if (d->type == YK_F_AREA) {
            open_tag(s, "textarea", d, read_only);
            yk_hub_html_raw(s, ">");
            yk_hub_html_text(s, f->shown[i]);
            yk_hub_html_raw(s, "</textarea>");
        } else if (d->type == YK_F_KIND || d->type == YK_F_REF || d->type == YK_F_CHOICE) {
            open_tag(s, "select", d, read_only);
            yk_hub_html_raw(s, "><option value=\"\">—</option>");
            const char *sel = f->shown[i];
            if (d->type == YK_F_REF) {
                yk_admin_options(c, s, d->ref, sel);
            } else {
                const char *const *list = d->type == YK_F_KIND ? yk_admin_kinds : d->choices;
                for (; list && *list; list++) {
                    yk_hub_html_raw(s, "<option value=\"");
                    yk_hub_html_text(s, *list);
                    yk_hub_html_raw(s, sel && strcmp(sel, *list) == 0 ? "\" selected>" : "\">");
                    if (d->type == YK_F_KIND)
                        yk_admin_kind_label(s, *list, true);
                    else
                        yk_hub_html_text(s, *list);
                    yk_hub_html_raw(s, "</option>");
                }
            }
            yk_hub_html_raw(s, "</select>");
        } else {
            open_tag(s, "input", d, read_only);
            yk_hub_html_raw(s, d->type == YK_F_INT || d->type == YK_F_TIME
                                   ? " inputmode=\"numeric\""
                               : d->type == YK_F_URL ? " type=\"url\""
                                                     : "");
            if (d->hint && (d->type == YK_F_TIME || d->type == YK_F_URL)) {
                yk_hub_html_raw(s, " placeholder=\"");
                yk_hub_html_text(s, d->hint);
                yk_hub_html_raw(s, "\"");
            }
            yk_hub_html_raw(s, " value=\"");
            yk_hub_html_text(s, f->shown[i]);
            yk_hub_html_raw(s, "\">");
        }
        if (d->hint && d->type != YK_F_TIME && d->type != YK_F_URL) {
            yk_hub_html_raw(s, "<p class=\"hint\">");
            yk_hub_html_text(s, d->hint);
            yk_hub_html_raw(s, "</p>");
        }
        if (f->msg_zh[i]) {
            yk_hub_html_raw(s, "<p class=\"msg\" id=\"msg-");
            yk_hub_html_raw(s, d->col);
            yk_hub_html_raw(s, "\">");
            yk_admin_html_label(s, f->msg_zh[i], f->msg_en[i]);
            yk_hub_html_raw(s, "</p>");
        }
        yk_hub_html_raw(s, "</div>");
    }
}
