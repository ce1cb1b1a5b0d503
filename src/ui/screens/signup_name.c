/* The sign-up's name step: 先生/女士/不写称谓 and a paged grid of surnames (the common ones,
 * those of one initial, or the initials), or a short name in Latin letters typed on a
 * keyboard (A-Z, space, hyphen, apostrophe; core's yk_signup_latin_add decides what may
 * come next), and how the ticket addresses the person. */
#include "ui/screens/signup_internal.h"

#include "core/icons.h"
#include "core/shtime.h"
#include "ui/keypad.h"
#include "ui/page.h"
#include "ui/screens/screens.h"

#include <stdio.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)
#define st yk_signup_ui_state

/* The most common surnames, in order of frequency, with the initial of their pinyin so
 * that any other can be found by its first letter. */
const struct yk_signup_surname yk_signup_surnames[] = {
    {"王", 'W'},   {"李", 'L'},   {"张", 'Z'},   {"刘", 'L'},   {"陈", 'C'},   {"杨", 'Y'},
    {"黄", 'H'},   {"赵", 'Z'},   {"吴", 'W'},   {"周", 'Z'},   {"徐", 'X'},   {"孙", 'S'},
    {"马", 'M'},   {"朱", 'Z'},   {"胡", 'H'},   {"郭", 'G'},   {"何", 'H'},   {"高", 'G'},
    {"林", 'L'},   {"罗", 'L'},   {"郑", 'Z'},   {"梁", 'L'},   {"谢", 'X'},   {"宋", 'S'},
    {"唐", 'T'},   {"许", 'X'},   {"韩", 'H'},   {"冯", 'F'},   {"邓", 'D'},   {"曹", 'C'},
    {"彭", 'P'},   {"曾", 'Z'},   {"肖", 'X'},   {"田", 'T'},   {"董", 'D'},   {"袁", 'Y'},
    {"潘", 'P'},   {"于", 'Y'},   {"蒋", 'J'},   {"蔡", 'C'},   {"余", 'Y'},   {"杜", 'D'},
    {"叶", 'Y'},   {"程", 'C'},   {"苏", 'S'},   {"魏", 'W'},   {"吕", 'L'},   {"丁", 'D'},
    {"任", 'R'},   {"沈", 'S'},   {"姚", 'Y'},   {"卢", 'L'},   {"姜", 'J'},   {"崔", 'C'},
    {"钟", 'Z'},   {"谭", 'T'},   {"陆", 'L'},   {"汪", 'W'},   {"范", 'F'},   {"金", 'J'},
    {"石", 'S'},   {"廖", 'L'},   {"贾", 'J'},   {"夏", 'X'},   {"韦", 'W'},   {"付", 'F'},
    {"方", 'F'},   {"白", 'B'},   {"邹", 'Z'},   {"孟", 'M'},   {"熊", 'X'},   {"秦", 'Q'},
    {"邱", 'Q'},   {"江", 'J'},   {"尹", 'Y'},   {"薛", 'X'},   {"闫", 'Y'},   {"段", 'D'},
    {"雷", 'L'},   {"侯", 'H'},   {"龙", 'L'},   {"史", 'S'},   {"陶", 'T'},   {"黎", 'L'},
    {"贺", 'H'},   {"顾", 'G'},   {"毛", 'M'},   {"郝", 'H'},   {"龚", 'G'},   {"邵", 'S'},
    {"万", 'W'},   {"钱", 'Q'},   {"严", 'Y'},   {"覃", 'Q'},   {"武", 'W'},   {"戴", 'D'},
    {"莫", 'M'},   {"孔", 'K'},   {"向", 'X'},   {"汤", 'T'},   {"常", 'C'},   {"温", 'W'},
    {"康", 'K'},   {"施", 'S'},   {"文", 'W'},   {"牛", 'N'},   {"樊", 'F'},   {"葛", 'G'},
    {"邢", 'X'},   {"安", 'A'},   {"齐", 'Q'},   {"易", 'Y'},   {"乔", 'Q'},   {"伍", 'W'},
    {"庞", 'P'},   {"颜", 'Y'},   {"倪", 'N'},   {"庄", 'Z'},   {"聂", 'N'},   {"章", 'Z'},
    {"鲁", 'L'},   {"岳", 'Y'},   {"翟", 'Z'},   {"殷", 'Y'},   {"詹", 'Z'},   {"申", 'S'},
    {"欧阳", 'O'}, {"耿", 'G'},   {"关", 'G'},   {"兰", 'L'},   {"焦", 'J'},   {"俞", 'Y'},
    {"左", 'Z'},   {"柳", 'L'},   {"甘", 'G'},   {"祝", 'Z'},   {"包", 'B'},   {"宁", 'N'},
    {"尚", 'S'},   {"符", 'F'},   {"舒", 'S'},   {"阮", 'R'},   {"柯", 'K'},   {"纪", 'J'},
    {"梅", 'M'},   {"童", 'T'},   {"凌", 'L'},   {"毕", 'B'},   {"单", 'S'},   {"季", 'J'},
    {"裴", 'P'},   {"霍", 'H'},   {"涂", 'T'},   {"成", 'C'},   {"苗", 'M'},   {"谷", 'G'},
    {"盛", 'S'},   {"曲", 'Q'},   {"翁", 'W'},   {"冉", 'R'},   {"骆", 'L'},   {"蓝", 'L'},
    {"路", 'L'},   {"游", 'Y'},   {"辛", 'X'},   {"靳", 'J'},   {"管", 'G'},   {"柴", 'C'},
    {"蒙", 'M'},   {"鲍", 'B'},   {"华", 'H'},   {"喻", 'Y'},   {"祁", 'Q'},   {"蒲", 'P'},
    {"房", 'F'},   {"滕", 'T'},   {"屈", 'Q'},   {"饶", 'R'},   {"解", 'X'},   {"牟", 'M'},
    {"艾", 'A'},   {"尤", 'Y'},   {"阳", 'Y'},   {"时", 'S'},   {"穆", 'M'},   {"农", 'N'},
    {"司", 'S'},   {"卓", 'Z'},   {"古", 'G'},   {"吉", 'J'},   {"缪", 'M'},   {"简", 'J'},
    {"车", 'C'},   {"项", 'X'},   {"连", 'L'},   {"芦", 'L'},   {"麦", 'M'},   {"褚", 'C'},
    {"娄", 'L'},   {"窦", 'D'},   {"戚", 'Q'},   {"岑", 'C'},   {"景", 'J'},   {"党", 'D'},
    {"宫", 'G'},   {"费", 'F'},   {"卜", 'B'},   {"冷", 'L'},   {"晏", 'Y'},   {"席", 'X'},
    {"卫", 'W'},   {"米", 'M'},   {"柏", 'B'},   {"宗", 'Z'},   {"瞿", 'Q'},   {"桂", 'G'},
    {"全", 'Q'},   {"佟", 'T'},   {"应", 'Y'},   {"臧", 'Z'},   {"闵", 'M'},   {"苟", 'G'},
    {"邬", 'W'},   {"边", 'B'},   {"卞", 'B'},   {"姬", 'J'},   {"师", 'S'},   {"和", 'H'},
    {"仇", 'Q'},   {"栾", 'L'},   {"隋", 'S'},   {"商", 'S'},   {"刁", 'D'},   {"沙", 'S'},
    {"荣", 'R'},   {"巫", 'W'},   {"寇", 'K'},   {"桑", 'S'},   {"郎", 'L'},   {"甄", 'Z'},
    {"丛", 'C'},   {"仲", 'Z'},   {"虞", 'Y'},   {"敖", 'A'},   {"巩", 'G'},   {"明", 'M'},
    {"佘", 'S'},   {"池", 'C'},   {"查", 'Z'},   {"麻", 'M'},   {"苑", 'Y'},   {"迟", 'C'},
    {"邝", 'K'},   {"司马", 'S'}, {"上官", 'S'}, {"诸葛", 'Z'}, {"东方", 'D'}, {"皇甫", 'H'},
    {"尉迟", 'Y'}, {"公孙", 'G'}, {"令狐", 'L'}, {"宇文", 'Y'}, {"长孙", 'Z'}, {"慕容", 'M'},
};
const size_t yk_signup_n_surnames = sizeof yk_signup_surnames / sizeof yk_signup_surnames[0];

void yk_signup_ui_addressee(struct yk_kiosk *k, const struct signup_state *s, char *out, size_t n)
{
    const char *sn = s->surname >= 0               ? yk_signup_surnames[s->surname].name
                     : s->surname == SURNAME_LATIN ? s->latin
                                                   : "";
    if (k->lang == YK_LANG_EN) {
        /* English speakers read "Ms Wang" ("Ms SMITH"); the surname stays as it is. */
        const char *t = s->title == YK_TITLE_MR ? "Mr " : s->title == YK_TITLE_MS ? "Ms " : "";
        snprintf(out, n, "%s%s", *sn ? t : (*t ? (s->title == YK_TITLE_MR ? "Mr" : "Ms") : ""), sn);
        return;
    }
    if (!yk_signup_addressee(sn, s->title, out, n))
        out[0] = 0;
}

/* A paged grid of choices: the cells of one page, then "more" (the next page, round to the
 * first) where they do not all fit, and the fixed buttons across the last row. */
struct grid {
    struct yk_rect r;
    int cols, rows, cw, ch;
};

static struct yk_rect grid_cell(const struct grid *g, const struct yk_theme *t, int i, int span)
{
    int col = i % g->cols, row = i / g->cols;
    return (struct yk_rect){g->r.x + col * (g->cw + t->gap), g->r.y + row * (g->ch + t->gap),
                            span * g->cw + (span - 1) * t->gap, g->ch};
}

/* 先生 / 女士 / 不写称谓 as chips: their labels, ids and values, and the width they take. */
static const char *const chip_id[3] = {"signup.title.mr", "signup.title.ms", "signup.title.none"};
static const enum yk_title chip_title[3] = {YK_TITLE_MR, YK_TITLE_MS, YK_TITLE_NONE};

static int chips_w(struct yk_kiosk *k)
{
    const struct yk_theme *t = &k->ui.theme;
    int w = 2 * t->gap;
    for (int i = 0; i < 3; i++)
        w += yk_page_chip_w(k, tr(k, chip_id[i])) + t->pad;
    return w;
}

/* The chips, from the left of row. */
static void title_chips(struct yk_kiosk *k, struct yk_rect row)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    for (int i = 0; i < 3; i++) {
        const char *label = tr(k, chip_id[i]);
        int w = yk_page_chip_w(k, label) + t->pad;
        struct yk_button_style cs = yk_signup_ui_bstyle(k, s->title == chip_title[i], YK_FONT_BODY);
        yk_ui_button(ui, chip_id[i], yk_cut_left(&row, w), label, &cs, true);
        yk_ui_mark_primary(ui, chip_id[i]);
        yk_cut_left(&row, t->gap);
    }
}

/* The question (ask) with the title chips: beside it where the line holds both, else under
 * it. Returns the rest of area. */
static struct yk_rect title_row(struct yk_kiosk *k, struct yk_rect area, const char *ask)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int chip_h = yk_signup_ui_action_h(k), cw = chips_w(k);
    struct yk_rect in = area, row;
    enum yk_font qf = YK_FONT_LARGE;
    if (yk_kiosk_compact(k) && yk_ui_text_width(ui, ask, qf) + t->pad + cw > in.w)
        qf = YK_FONT_BODY;
    if (yk_ui_text_width(ui, ask, qf) + t->pad + cw <= in.w) {
        row = yk_cut_top(&in, chip_h);
        struct yk_rect q = yk_cut_left(&row, row.w - cw);
        yk_ui_text(ui, "signup.step", q, ask, qf, t->ink, YK_ALIGN_LEFT, true);
        yk_cut_left(&row, t->pad);
        yk_cut_top(&in, t->gap);
    } else {
        in = yk_signup_ui_heading(k, in, ask);
        row = yk_cut_top(&in, chip_h);
        yk_cut_top(&in, t->gap);
    }
    title_chips(k, row);
    return in;
}

/* The Latin-name keyboard: the question and the title chips, the name as typed (and what
 * was refused, beside it), then A-Z, space, hyphen, apostrophe and ⌫ as large as fits. */
static void build_latin(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    /* The name's box (the question inside it until a letter is typed) with the chips
     * beside it where the line holds both, else under it: the keys get the rest. */
    int h = yk_signup_ui_action_h(k), cw = chips_w(k);
    struct yk_rect in = area, box = yk_cut_top(&in, h);
    yk_cut_top(&in, t->gap);
    if (box.w - cw >= yk_ui_text_width(ui, "MMMMMMMM", YK_FONT_BODY)) {
        title_chips(k, yk_cut_right(&box, cw - t->gap));
        yk_cut_right(&box, t->gap);
    } else {
        title_chips(k, yk_cut_top(&in, h));
        yk_cut_top(&in, t->gap);
    }
    yk_ui_fill(ui, box, t->card, t->radius);
    int bi = t->gap / 4;
    struct yk_rect tb = yk_inset(box, bi);
    if (s->latin_error) {
        /* Why the key did nothing, where the eye is; the name stays in the bottom row's
         * "your ticket says". */
        const char *msg = tr(k, s->latin_error);
        enum yk_font f =
            yk_ui_text_height(ui, msg, YK_FONT_BODY, tb.w) <= tb.h ? YK_FONT_BODY : YK_FONT_SMALL;
        yk_ui_text(ui, "signup.error", tb, msg, f, t->primary, YK_ALIGN_CENTER, true);
    } else {
        bool empty = !s->latin[0];
        const char *text = empty ? tr(k, "signup.name.latin_ask") : s->latin;
        enum yk_font f = empty ? YK_FONT_BODY : YK_FONT_LARGE;
        while (f > YK_FONT_SMALL && yk_ui_text_width(ui, text, f) > tb.w)
            f--;
        yk_ui_text(ui, "signup.latin", tb, text, f, empty ? t->ink_soft : t->ink, YK_ALIGN_CENTER,
                   true);
    }
    const char *labels[30];
    yk_keypad_latin_labels(labels, tr(k, "signup.key.space"));
    struct yk_keypad p = {.prefix = "signup.kb",
                          .scroll_id = "signup.kb",
                          .keys = yk_keypad_latin,
                          .n = 30,
                          .min_cols = area.h > area.w ? -5 : 5, /* upright: wide keys */
                          .font = YK_FONT_LARGE,
                          .enabled = true,
                          .clear_text = tr(k, "signup.key.clear"),
                          .del_text = tr(k, "signup.key.del"),
                          .labels = labels,
                          .primary = true,
                          .tight = yk_kiosk_compact(k)};
    yk_keypad_build(k, in, &p);
}

void yk_signup_ui_build_name(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct signup_state *s = yk_signup_ui_state(k);
    char who[64];
    yk_signup_ui_addressee(k, s, who, sizeof who);
    const char *line =
        yk_ui_fmt(ui, tr(k, "signup.name.preview"), *who ? who : tr(k, "signup.name.preview_none"));
    yk_signup_ui_action_row(k, &area, tr(k, "signup.next"), true, line);
    if (s->typing_latin) {
        build_latin(k, area);
        return;
    }
    struct yk_rect in = title_row(k, area, tr(k, "signup.name.ask"));
    /* The grid: the common surnames, or those of one initial, or the initials. Cells fit a
     * two-character surname (欧阳) in the large font, and a finger. */
    struct grid g = {.r = in};
    g.ch = yk_kiosk_compact(k) ? yk_signup_ui_action_h(k)
                               : yk_ui_line_height(ui, YK_FONT_LARGE) + 2 * t->gap + 2;
    if (g.ch < t->touch_min * 5 / 4)
        g.ch = t->touch_min * 5 / 4;
    int min_w =
        s->picking_initial ? g.ch : yk_ui_text_width(ui, "欧阳", YK_FONT_LARGE) + 2 * t->gap + 2;
    if (min_w < g.ch && !s->picking_initial)
        min_w = g.ch;
    g.cols = (in.w + t->gap) / (min_w + t->gap);
    if (g.cols < 2)
        g.cols = 2;
    g.cw = (in.w - (g.cols - 1) * t->gap) / g.cols;
    g.rows = (in.h + t->gap) / (g.ch + t->gap);
    if (g.rows < 2)
        g.rows = 2;
    /* The three fixed buttons (other/common surnames, a name in letters, no surname) span
     * the columns their words need, as many to a row as fit, on the last row (or rows). */
    const char *fixed[3] = {
        tr(k, s->initial || s->picking_initial ? "signup.name.common" : "signup.name.other"),
        tr(k, "signup.name.latin"), tr(k, "signup.name.none")};
    const char *fixed_id[3] = {"signup.initials", "signup.name.latin", "signup.surname.none"};
    bool fixed_on[3] = {false, s->surname == SURNAME_LATIN, s->surname == SURNAME_NO};
    int need = 0;
    for (int f = 0; f < 3; f++) {
        int w = yk_ui_text_width(ui, fixed[f], YK_FONT_BODY);
        need = w > need ? w : need;
    }
    need += 2 * t->gap;
    int span = (need + t->gap + g.cw + t->gap - 1) / (g.cw + t->gap);
    if (span > g.cols)
        span = g.cols;
    int per_row = g.cols / span < 3 ? g.cols / span : 3;
    if (g.rows - (3 + per_row - 1) / per_row < 1)
        per_row = 3; /* the choices keep a row: the words get a smaller font instead */
    int fixed_rows = (3 + per_row - 1) / per_row;
    int cells = (g.rows - fixed_rows) * g.cols;
    /* The choices of this mode. */
    int items[yk_signup_n_surnames > 26 ? yk_signup_n_surnames : 26];
    int n = 0;
    if (s->picking_initial) {
        for (char c = 'A'; c <= 'Z'; c++)
            for (size_t j = 0; j < yk_signup_n_surnames; j++)
                if (yk_signup_surnames[j].initial == c) {
                    items[n++] = c;
                    break;
                }
    } else {
        for (size_t j = 0; j < yk_signup_n_surnames; j++)
            if (s->initial ? yk_signup_surnames[j].initial == s->initial : j < YK_SIGNUP_COMMON)
                items[n++] = (int)j;
    }
    const char *more = tr(k, "signup.name.more");
    int more_span =
        yk_ui_text_width(ui, more, YK_FONT_BODY) + 2 * (t->gap / 4) <= g.cw || g.cols < 2 ? 1 : 2;
    int per = n <= cells ? n : cells - more_span;
    if (per < 1)
        per = 1;
    int pages = (n + per - 1) / per;
    if (s->page >= pages)
        s->page = 0;
    int first = s->page * per, i = 0;
    for (int j = first; j < n && j < first + per; j++, i++) {
        struct yk_rect r = grid_cell(&g, t, i, 1);
        const char *id;
        if (s->picking_initial) {
            char l[2] = {(char)items[j], 0};
            struct yk_button_style bs = yk_signup_ui_bstyle(k, false, YK_FONT_LARGE);
            id = yk_ui_fmt(ui, "signup.initial.%c", items[j]);
            yk_ui_button(ui, id, r, l, &bs, true);
        } else {
            struct yk_button_style bs =
                yk_signup_ui_bstyle(k, items[j] == s->surname, YK_FONT_LARGE);
            id = yk_ui_fmt(ui, "signup.surname.%d", items[j]);
            yk_ui_button(ui, id, r, yk_signup_surnames[items[j]].name, &bs, true);
        }
        yk_ui_mark_primary(ui, id);
    }
    if (pages > 1) {
        struct yk_button_style bs = yk_signup_ui_bstyle(k, false, YK_FONT_BODY);
        bs.tight = true;
        yk_ui_button(ui, "signup.more", grid_cell(&g, t, i, more_span), more, &bs, true);
        yk_ui_set_text(ui, "signup.more", yk_ui_fmt(ui, "%s (%d/%d)", more, s->page + 1, pages));
        yk_ui_mark_primary(ui, "signup.more");
    }
    int at = (g.rows - fixed_rows) * g.cols;
    if (n <= cells) /* the fixed buttons right under the choices */
        at = (i + g.cols - 1) / g.cols * g.cols;
    for (int f = 0; f < 3; f++) {
        struct yk_button_style bs = yk_signup_ui_bstyle(k, fixed_on[f], YK_FONT_BODY);
        /* Each takes an equal part of its row's whole width. */
        struct yk_rect r = grid_cell(&g, t, at + f / per_row * g.cols, g.cols);
        int pw = (r.w - (per_row - 1) * t->gap) / per_row;
        r.x += f % per_row * (pw + t->gap);
        r.w = pw;
        if (yk_ui_text_width(ui, fixed[f], YK_FONT_BODY) + 2 * t->gap > pw)
            bs.font = YK_FONT_SMALL;
        yk_ui_button(ui, fixed_id[f], r, fixed[f], &bs, true);
        yk_ui_mark_primary(ui, fixed_id[f]);
    }
}
