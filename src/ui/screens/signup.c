/* Event sign-up, step by step, with no typing of names: the mobile number on a number pad,
 * how to address the person (a surname from a grid, or none, and 先生/女士), the party
 * size, the privacy notice and consent, a summary to confirm, then the ticket. Every step
 * has 上一步 and 取消. The number is shown whole only while it is typed; after that only
 * masked (138****5678). Nothing entered outlives the screen (leave() wipes it).
 *
 * Widget ids: signup.step (the instruction), signup.progress, signup.phone (the number as
 * typed), signup.error, signup.key.0 … signup.key.9, signup.key.del, signup.key.clear,
 * signup.title.mr, signup.title.ms, signup.title.none, signup.surname.<n> (n: index in the
 * table below), signup.surname.none, signup.initials, signup.initial.<A-Z>, signup.party.<n>,
 * signup.notice, signup.agree, signup.summary.*, signup.confirm, signup.result.title,
 * signup.result.body, signup.ticket.qr, signup.ticket.code, signup.ticket.*, signup.done,
 * signup.prev, signup.cancel, signup.next, and while the hub is asked to confirm a sign-up
 * (online confirmation) signup.confirming.bar (its text: how far the wait has gone, "40%")
 * and signup.confirming.body; signup.result.unreached when the hub could not be asked.
 *
 * Online confirmation: a sign-up this kiosk could not confirm from its held seats (pending, or
 * the waitlist) is handed to the sync worker (yk_sync_request_confirm) and the screen shows
 * "confirming with the service centre" with a bar that fills over CONFIRM_WAIT_MS, polling
 * yk_sync_confirm_result at its tick. The sign-up is already stored: leaving meanwhile loses
 * nothing (the worker finishes, and a confirmed sign-up gets its ticket either way). */
#include "ui/screens/screens.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/store.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "ui/page.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define tr yk_kiosk_tr
#define PICK(bt) yk_pick(k->lang, (bt).zh, (bt).en)

/* The most common surnames, in order of frequency, with the initial of their pinyin so
 * that any other can be found by its first letter. */
static const struct {
    const char *name;
    char initial;
} surnames[] = {
    {"王", 'W'}, {"李", 'L'}, {"张", 'Z'}, {"刘", 'L'}, {"陈", 'C'}, {"杨", 'Y'}, {"黄", 'H'},
    {"赵", 'Z'}, {"吴", 'W'}, {"周", 'Z'}, {"徐", 'X'}, {"孙", 'S'}, {"马", 'M'}, {"朱", 'Z'},
    {"胡", 'H'}, {"郭", 'G'}, {"何", 'H'}, {"高", 'G'}, {"林", 'L'}, {"罗", 'L'}, {"郑", 'Z'},
    {"梁", 'L'}, {"谢", 'X'}, {"宋", 'S'}, {"唐", 'T'}, {"许", 'X'}, {"韩", 'H'}, {"冯", 'F'},
    {"邓", 'D'}, {"曹", 'C'}, {"彭", 'P'}, {"曾", 'Z'}, {"肖", 'X'}, {"田", 'T'}, {"董", 'D'},
    {"袁", 'Y'}, {"潘", 'P'}, {"于", 'Y'}, {"蒋", 'J'}, {"蔡", 'C'}, {"余", 'Y'}, {"杜", 'D'},
    {"叶", 'Y'}, {"程", 'C'}, {"苏", 'S'}, {"魏", 'W'}, {"吕", 'L'}, {"丁", 'D'}, {"任", 'R'},
    {"沈", 'S'}, {"姚", 'Y'}, {"卢", 'L'}, {"姜", 'J'}, {"崔", 'C'}, {"钟", 'Z'}, {"谭", 'T'},
    {"陆", 'L'}, {"汪", 'W'}, {"范", 'F'}, {"金", 'J'}, {"石", 'S'}, {"廖", 'L'}, {"贾", 'J'},
    {"夏", 'X'}, {"韦", 'W'}, {"付", 'F'}, {"方", 'F'}, {"白", 'B'}, {"邹", 'Z'}, {"孟", 'M'},
    {"熊", 'X'}, {"秦", 'Q'}, {"邱", 'Q'}, {"江", 'J'}, {"尹", 'Y'}, {"薛", 'X'}, {"闫", 'Y'},
    {"段", 'D'}, {"雷", 'L'}, {"侯", 'H'}, {"龙", 'L'}, {"史", 'S'}, {"陶", 'T'}, {"黎", 'L'},
    {"贺", 'H'}, {"顾", 'G'}, {"毛", 'M'}, {"郝", 'H'}, {"龚", 'G'}, {"邵", 'S'}, {"万", 'W'},
    {"钱", 'Q'}, {"严", 'Y'}, {"覃", 'Q'}, {"武", 'W'}, {"戴", 'D'}, {"莫", 'M'}, {"孔", 'K'},
    {"向", 'X'}, {"汤", 'T'}, {"常", 'C'}, {"温", 'W'}, {"康", 'K'}, {"施", 'S'}, {"文", 'W'},
    {"牛", 'N'}, {"樊", 'F'}, {"葛", 'G'}, {"邢", 'X'}, {"安", 'A'}, {"齐", 'Q'}, {"易", 'Y'},
    {"乔", 'Q'}, {"伍", 'W'}, {"庞", 'P'}, {"颜", 'Y'}, {"倪", 'N'}, {"庄", 'Z'}, {"聂", 'N'},
    {"章", 'Z'}, {"鲁", 'L'}, {"岳", 'Y'}, {"翟", 'Z'}, {"殷", 'Y'}, {"詹", 'Z'}, {"申", 'S'},
    {"欧阳", 'O'}, {"耿", 'G'}, {"关", 'G'}, {"兰", 'L'}, {"焦", 'J'}, {"俞", 'Y'}, {"左", 'Z'},
    {"柳", 'L'}, {"甘", 'G'}, {"祝", 'Z'}, {"包", 'B'}, {"宁", 'N'}, {"尚", 'S'}, {"符", 'F'},
    {"舒", 'S'}, {"阮", 'R'}, {"柯", 'K'}, {"纪", 'J'}, {"梅", 'M'}, {"童", 'T'}, {"凌", 'L'},
    {"毕", 'B'}, {"单", 'S'}, {"季", 'J'}, {"裴", 'P'}, {"霍", 'H'}, {"涂", 'T'}, {"成", 'C'},
    {"苗", 'M'}, {"谷", 'G'}, {"盛", 'S'}, {"曲", 'Q'}, {"翁", 'W'}, {"冉", 'R'}, {"骆", 'L'},
    {"蓝", 'L'}, {"路", 'L'}, {"游", 'Y'}, {"辛", 'X'}, {"靳", 'J'}, {"管", 'G'}, {"柴", 'C'},
    {"蒙", 'M'}, {"鲍", 'B'}, {"华", 'H'}, {"喻", 'Y'}, {"祁", 'Q'}, {"蒲", 'P'}, {"房", 'F'},
    {"滕", 'T'}, {"屈", 'Q'}, {"饶", 'R'}, {"解", 'X'}, {"牟", 'M'}, {"艾", 'A'}, {"尤", 'Y'},
    {"阳", 'Y'}, {"时", 'S'}, {"穆", 'M'}, {"农", 'N'}, {"司", 'S'}, {"卓", 'Z'}, {"古", 'G'},
    {"吉", 'J'}, {"缪", 'M'}, {"简", 'J'}, {"车", 'C'}, {"项", 'X'}, {"连", 'L'}, {"芦", 'L'},
    {"麦", 'M'}, {"褚", 'C'}, {"娄", 'L'}, {"窦", 'D'}, {"戚", 'Q'}, {"岑", 'C'}, {"景", 'J'},
    {"党", 'D'}, {"宫", 'G'}, {"费", 'F'}, {"卜", 'B'}, {"冷", 'L'}, {"晏", 'Y'}, {"席", 'X'},
    {"卫", 'W'}, {"米", 'M'}, {"柏", 'B'}, {"宗", 'Z'}, {"瞿", 'Q'}, {"桂", 'G'}, {"全", 'Q'},
    {"佟", 'T'}, {"应", 'Y'}, {"臧", 'Z'}, {"闵", 'M'}, {"苟", 'G'}, {"邬", 'W'}, {"边", 'B'},
    {"卞", 'B'}, {"姬", 'J'}, {"师", 'S'}, {"和", 'H'}, {"仇", 'Q'}, {"栾", 'L'}, {"隋", 'S'},
    {"商", 'S'}, {"刁", 'D'}, {"沙", 'S'}, {"荣", 'R'}, {"巫", 'W'}, {"寇", 'K'}, {"桑", 'S'},
    {"郎", 'L'}, {"甄", 'Z'}, {"丛", 'C'}, {"仲", 'Z'}, {"虞", 'Y'}, {"敖", 'A'}, {"巩", 'G'},
    {"明", 'M'}, {"佘", 'S'}, {"池", 'C'}, {"查", 'Z'}, {"麻", 'M'}, {"苑", 'Y'}, {"迟", 'C'},
    {"邝", 'K'}, {"司马", 'S'}, {"上官", 'S'}, {"诸葛", 'Z'}, {"东方", 'D'}, {"皇甫", 'H'},
    {"尉迟", 'Y'}, {"公孙", 'G'}, {"令狐", 'L'}, {"宇文", 'Y'}, {"长孙", 'Z'}, {"慕容", 'M'},
};
#define N_SURNAMES (sizeof surnames / sizeof surnames[0])
#define COMMON 20 /* shown first */

enum step { STEP_PHONE, STEP_NAME, STEP_PARTY, STEP_PRIVACY, STEP_CONFIRM, STEP_RESULT };
#define STEPS 5 /* counted for the "step n of 5" line; the result is not a step */
#define CONFIRM_WAIT_MS 8000 /* then the sign-up is shown as pending */
#define CONFIRM_POLL_MS 200  /* the bar moves and the answer is looked for this often */

struct state {
    enum step step;
    struct yk_event ev;
    bool have_event;
    char phone[YK_PHONE_LEN + 2]; /* one extra so "too long" can be explained */
    const char *error;            /* catalog key of the message under the number */
    int surname;                  /* index into surnames, -1 none chosen, -2 "no surname" */
    enum yk_title title;
    int initial;                  /* 0: the common grid; else the letter picked */
    bool picking_initial;         /* the A–Z picker is up */
    int page;                     /* the page of the grid where it takes more than one */
    int party;
    struct yk_signup_result result;
    bool submitted;
    bool confirming;          /* waiting for the hub's answer (online confirmation) */
    bool confirm_failed;      /* the hub could not be asked, or did not answer in time */
    int64_t confirm_start_ms; /* monotonic */
};

static struct state *st(struct yk_kiosk *k)
{
    return k->state[YK_SCREEN_SIGNUP];
}

static void wipe(struct state *s)
{
    yk_store_event_clear(&s->ev);
    /* The number is personal data: leave no copy in freed memory. */
    sodium_memzero(s, sizeof *s);
}

static void enter(struct yk_kiosk *k)
{
    if (k->state[YK_SCREEN_SIGNUP]) {
        wipe(k->state[YK_SCREEN_SIGNUP]);
        free(k->state[YK_SCREEN_SIGNUP]);
    }
    struct state *s = calloc(1, sizeof *s);
    if (!s)
        return;
    s->surname = -1;
    s->party = 1;
    if (k->p.db && yk_store_get_event(k->p.db, k->sel_event, &s->ev) == YK_STORE_OK)
        s->have_event = true;
    k->state[YK_SCREEN_SIGNUP] = s;
}

static void leave(struct yk_kiosk *k)
{
    struct state *s = st(k);
    if (!s)
        return;
    wipe(s);
    free(s);
    k->state[YK_SCREEN_SIGNUP] = NULL;
}

static const char *title(struct yk_kiosk *k)
{
    /* The step counter lives here, in the header, on every step: one place to look. The
     * event is named in the summary and on the ticket. */
    struct state *s = st(k);
    if (!s || s->step >= STEP_RESULT)
        return tr(k, "signup.title");
    return yk_ui_fmt(&k->ui, tr(k, "signup.title.step"), tr(k, "signup.title"), (int)s->step + 1,
                     STEPS);
}

/* ---------------------------------------------------------------- helpers */

/* Where the frame is compact (elder mode on the 7" panel), buttons are one text line high
 * with a small inset, never under 1.25 touch targets. */
static int action_h(struct yk_kiosk *k)
{
    if (!yk_kiosk_compact(k))
        return yk_page_button_h(k);
    const struct yk_theme *t = &k->ui.theme;
    int h = yk_ui_line_height(&k->ui, YK_FONT_LARGE) + t->gap / 2;
    return h < t->touch_min * 5 / 4 ? t->touch_min * 5 / 4 : h;
}

static struct yk_button_style bstyle(struct yk_kiosk *k, bool primary, enum yk_font f)
{
    struct yk_button_style b = yk_page_button_style(k, primary, f);
    b.tight = yk_kiosk_compact(k);
    return b;
}

/* The row at the bottom: 取消报名 on the left, the next action on the right, and between
 * them, where it fits, a short line (mid: what the ticket will say). The bar's 返回 is the
 * previous step. */
static void action_row(struct yk_kiosk *k, struct yk_rect *area, const char *next_label,
                       bool next_enabled, const char *mid)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect row = yk_cut_bottom(area, action_h(k));
    yk_cut_bottom(area, t->gap);
    int ipad = yk_kiosk_compact(k) ? 2 * t->pad : 3 * t->pad;
    struct yk_button_style plain = bstyle(k, false, YK_FONT_BODY);
    const char *c = tr(k, "signup.cancel");
    int w = yk_ui_text_width(ui, c, YK_FONT_BODY) + ipad;
    yk_ui_button(ui, "signup.cancel", yk_cut_left(&row, w), c, &plain, true);
    yk_ui_mark_primary(ui, "signup.cancel");
    yk_cut_left(&row, t->gap);
    if (next_label) {
        struct yk_button_style p = bstyle(k, true, YK_FONT_LARGE);
        int nw = yk_ui_text_width(ui, next_label, YK_FONT_LARGE) + ipad + t->pad;
        if (nw > row.w)
            nw = row.w;
        yk_ui_button(ui, "signup.next", yk_cut_right(&row, nw), next_label, &p, next_enabled);
        yk_ui_mark_primary(ui, "signup.next");
        yk_cut_right(&row, t->gap);
    }
    if (mid && yk_ui_text_width(ui, mid, YK_FONT_BODY) <= row.w)
        yk_ui_text(ui, "signup.name.preview", row, mid, YK_FONT_BODY, t->ink_soft,
                   YK_ALIGN_CENTER, true);
}

/* The step's question at the top, in one line where it fits (a smaller font on a compact
 * frame before it wraps). Returns the rest of the area. */
static struct yk_rect heading(struct yk_kiosk *k, struct yk_rect area, const char *text)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct yk_rect in = area;
    enum yk_font f = YK_FONT_LARGE;
    if (yk_kiosk_compact(k) && yk_ui_text_width(ui, text, f) > in.w)
        f = YK_FONT_BODY;
    int th = yk_ui_text_height(ui, text, f, in.w);
    yk_ui_text(ui, "signup.step", yk_cut_top(&in, th), text, f, t->ink, YK_ALIGN_LEFT, false);
    yk_cut_top(&in, t->gap);
    return in;
}

static void addressee(struct yk_kiosk *k, const struct state *s, char *out, size_t n)
{
    const char *sn = s->surname >= 0 ? surnames[s->surname].name : "";
    if (k->lang == YK_LANG_EN) {
        /* English speakers read "Ms Wang"; the surname stays in Chinese characters. */
        const char *t = s->title == YK_TITLE_MR ? "Mr " : s->title == YK_TITLE_MS ? "Ms " : "";
        snprintf(out, n, "%s%s", *sn ? t : (*t ? (s->title == YK_TITLE_MR ? "Mr" : "Ms") : ""),
                 sn);
        return;
    }
    if (!yk_signup_addressee(sn, s->title, out, n))
        out[0] = 0;
}

/* "1 person", "3 people" (一位, 3 位). */
static const char *party_text(struct yk_kiosk *k, int n)
{
    return yk_ui_fmt(&k->ui, tr(k, n == 1 ? "signup.party.n1" : "signup.party.n"), n);
}

/* ---------------------------------------------------------------- steps */

/* The pad: 1-9, then 清除 0 ⌫, a phone's layout, filling r. */
static void phone_pad(struct yk_kiosk *k, struct yk_rect pad)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int kh = (pad.h - 3 * t->gap) / 4;
    int kw = (pad.w - 2 * t->gap) / 3;
    if (kw > kh * 2) {
        pad.x += (pad.w - (kh * 2 * 3 + 2 * t->gap)) / 2;
        kw = kh * 2;
    }
    enum yk_font kf = YK_FONT_TITLE;
    while (kf > YK_FONT_SMALL && yk_ui_line_height(ui, kf) + 2 * (t->gap / 4) > kh)
        kf--;
    static const char *const keys[12] = {"1", "2", "3", "4", "5", "6",
                                         "7", "8", "9", "clear", "0", "del"};
    for (int i = 0; i < 12; i++) {
        struct yk_rect r = {pad.x + (i % 3) * (kw + t->gap), pad.y + (i / 3) * (kh + t->gap), kw,
                            kh};
        struct yk_button_style ks = yk_page_button_style(k, false, kf);
        ks.tight = true;
        const char *label = keys[i];
        if (strcmp(keys[i], "clear") == 0) {
            ks.font = YK_FONT_SMALL;
            label = tr(k, "signup.key.clear");
            if (yk_ui_text_width(ui, label, YK_FONT_SMALL) > kw - 2 * (t->gap / 4) ||
                yk_ui_line_height(ui, YK_FONT_SMALL) + 2 * (t->gap / 4) > kh) {
                ks.icon = YK_ICON_CLOSE; /* no room for the word: a cross, words in the tree */
                label = "";
            }
        } else if (strcmp(keys[i], "del") == 0) {
            ks.icon = YK_ICON_BACKSPACE;
            label = "";
        }
        const char *id = yk_ui_fmt(ui, "signup.key.%s", keys[i]);
        yk_ui_button(ui, id, r, label, &ks, true);
        if (strcmp(keys[i], "del") == 0)
            yk_ui_set_text(ui, id, tr(k, "signup.key.del"));
        else if (strcmp(keys[i], "clear") == 0)
            yk_ui_set_text(ui, id, tr(k, "signup.key.clear"));
        yk_ui_mark_primary(ui, id);
    }
}

static void build_phone(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = st(k);
    /* Wide screens: the question, the number, the message and the buttons on the left, the
     * pad using the full height on the right. Tall screens: all stacked, the pad above the
     * buttons. */
    bool wide = area.w > area.h * 5 / 4;
    struct yk_rect left = area, pad = area;
    if (wide) {
        left = yk_cut_left(&pad, area.w * 48 / 100);
        yk_cut_left(&pad, t->pad);
    }
    action_row(k, &left, tr(k, "signup.next"), strlen(s->phone) > 0, NULL);
    left = heading(k, left, tr(k, "signup.phone.ask"));
    /* The number as typed, grouped 3-4-4 the way people read numbers aloud. */
    char shown[32] = "";
    size_t n = strlen(s->phone);
    for (size_t i = 0, o = 0; i < n && o + 2 < sizeof shown; i++) {
        if (i == 3 || i == 7)
            shown[o++] = ' ';
        shown[o++] = s->phone[i];
        shown[o] = 0;
    }
    enum yk_font nf = YK_FONT_HUGE;
    int bi = t->gap / 4; /* the number's box: a small inset, the digits matter */
    while (nf > YK_FONT_BODY && (yk_ui_text_width(ui, "138 1234 56789", nf) > left.w - 2 * bi ||
                                 yk_ui_line_height(ui, nf) + 2 * bi > left.h))
        nf--;
    int ph = yk_ui_line_height(ui, nf) + 2 * bi;
    struct yk_rect box = yk_cut_top(&left, ph);
    yk_ui_fill(ui, box, t->card, t->radius);
    const char *hint = tr(k, "signup.phone.hint");
    enum yk_font hf = yk_ui_text_width(ui, hint, YK_FONT_BODY) <= box.w - 2 * bi &&
                              yk_ui_line_height(ui, YK_FONT_BODY) <= box.h - 2 * bi
                          ? YK_FONT_BODY
                          : YK_FONT_SMALL;
    yk_ui_text(ui, "signup.phone", yk_inset(box, bi), n ? shown : hint, n ? nf : hf,
               n ? t->ink : t->ink_soft, YK_ALIGN_CENTER, true);
    yk_cut_top(&left, t->gap);
    if (!wide) {
        /* The pad takes what the message and the explanation leave, never under 4 keys of
         * a touch target each. */
        int min_pad = 4 * (t->touch_min * 5 / 4) + 3 * t->gap;
        const char *msg = s->error ? tr(k, s->error) : tr(k, "signup.phone.why");
        enum yk_font mf = s->error ? YK_FONT_BODY : YK_FONT_SMALL;
        int mh = yk_ui_text_height(ui, msg, mf, left.w);
        if (left.h - mh - t->gap >= min_pad || s->error) {
            struct yk_rect mr = yk_cut_bottom(&left, mh);
            yk_ui_text(ui, s->error ? "signup.error" : "signup.phone.why", mr, msg, mf,
                       s->error ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
            yk_cut_bottom(&left, t->gap);
        }
        phone_pad(k, left);
        return;
    }
    const char *msg = s->error ? tr(k, s->error) : tr(k, "signup.phone.why");
    enum yk_font mf = s->error ? YK_FONT_BODY : YK_FONT_SMALL;
    int mh = yk_ui_text_height(ui, msg, mf, left.w);
    if (mh > left.h && !s->error) {
        mf = YK_FONT_SMALL;
        mh = yk_ui_text_height(ui, msg, mf, left.w);
    }
    if (mh <= left.h || s->error)
        yk_ui_text(ui, s->error ? "signup.error" : "signup.phone.why", left, msg, mf,
                   s->error ? t->primary : t->ink_soft, YK_ALIGN_LEFT, false);
    phone_pad(k, pad);
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

static void build_name(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = st(k);
    char who[64];
    addressee(k, s, who, sizeof who);
    const char *line = yk_ui_fmt(ui, tr(k, "signup.name.preview"),
                                 *who ? who : tr(k, "signup.name.preview_none"));
    action_row(k, &area, tr(k, "signup.next"), true, line);
    /* 先生 / 女士 / 不写称谓 as chips: beside the question where the line holds both. */
    const char *tl[3] = {tr(k, "signup.title.mr"), tr(k, "signup.title.ms"),
                         tr(k, "signup.title.none")};
    const char *tid[3] = {"signup.title.mr", "signup.title.ms", "signup.title.none"};
    enum yk_title tv[3] = {YK_TITLE_MR, YK_TITLE_MS, YK_TITLE_NONE};
    int chip_h = action_h(k);
    int chips_w = 2 * t->gap;
    for (int i = 0; i < 3; i++)
        chips_w += yk_page_chip_w(k, tl[i]) + t->pad;
    const char *ask = tr(k, "signup.name.ask");
    struct yk_rect in = area, row;
    enum yk_font qf = YK_FONT_LARGE;
    if (yk_kiosk_compact(k) && yk_ui_text_width(ui, ask, qf) + t->pad + chips_w > in.w)
        qf = YK_FONT_BODY;
    if (yk_ui_text_width(ui, ask, qf) + t->pad + chips_w <= in.w) {
        row = yk_cut_top(&in, chip_h);
        struct yk_rect q = yk_cut_left(&row, row.w - chips_w);
        yk_ui_text(ui, "signup.step", q, ask, qf, t->ink, YK_ALIGN_LEFT, true);
        yk_cut_left(&row, t->pad);
        yk_cut_top(&in, t->gap);
    } else {
        in = heading(k, in, ask);
        row = yk_cut_top(&in, chip_h);
        yk_cut_top(&in, t->gap);
    }
    for (int i = 0; i < 3; i++) {
        int w = yk_page_chip_w(k, tl[i]) + t->pad;
        struct yk_button_style cs = bstyle(k, s->title == tv[i], YK_FONT_BODY);
        yk_ui_button(ui, tid[i], yk_cut_left(&row, w), tl[i], &cs, true);
        yk_ui_mark_primary(ui, tid[i]);
        yk_cut_left(&row, t->gap);
    }
    /* The grid: the common surnames, or those of one initial, or the initials. Cells fit a
     * two-character surname (欧阳) in the large font, and a finger. */
    struct grid g = {.r = in};
    g.ch = yk_kiosk_compact(k) ? action_h(k) : yk_ui_line_height(ui, YK_FONT_LARGE) + 2 * t->gap + 2;
    if (g.ch < t->touch_min * 5 / 4)
        g.ch = t->touch_min * 5 / 4;
    int min_w = s->picking_initial ? g.ch
                                   : yk_ui_text_width(ui, "欧阳", YK_FONT_LARGE) + 2 * t->gap + 2;
    if (min_w < g.ch && !s->picking_initial)
        min_w = g.ch;
    g.cols = (in.w + t->gap) / (min_w + t->gap);
    if (g.cols < 2)
        g.cols = 2;
    g.cw = (in.w - (g.cols - 1) * t->gap) / g.cols;
    g.rows = (in.h + t->gap) / (g.ch + t->gap);
    if (g.rows < 2)
        g.rows = 2;
    /* The two fixed buttons (other/common surnames, no surname) span the columns their
     * words need, on the last row (or two). */
    const char *other = tr(k, s->initial || s->picking_initial ? "signup.name.common"
                                                               : "signup.name.other");
    const char *none = tr(k, "signup.name.none");
    int need = yk_ui_text_width(ui, other, YK_FONT_BODY);
    int nn = yk_ui_text_width(ui, none, YK_FONT_BODY);
    need = (need > nn ? need : nn) + 2 * t->gap;
    int span = (need + t->gap + g.cw + t->gap - 1) / (g.cw + t->gap);
    if (span > g.cols)
        span = g.cols;
    int fixed_rows = 2 * span <= g.cols ? 1 : 2;
    if (2 * span <= g.cols)
        span = g.cols / 2;
    else
        span = g.cols;
    int cells = (g.rows - fixed_rows) * g.cols;
    /* The choices of this mode. */
    int items[N_SURNAMES > 26 ? N_SURNAMES : 26];
    int n = 0;
    if (s->picking_initial) {
        for (char c = 'A'; c <= 'Z'; c++)
            for (size_t j = 0; j < N_SURNAMES; j++)
                if (surnames[j].initial == c) {
                    items[n++] = c;
                    break;
                }
    } else {
        for (size_t j = 0; j < N_SURNAMES; j++)
            if (s->initial ? surnames[j].initial == s->initial : j < COMMON)
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
            struct yk_button_style bs = bstyle(k, false, YK_FONT_LARGE);
            id = yk_ui_fmt(ui, "signup.initial.%c", items[j]);
            yk_ui_button(ui, id, r, l, &bs, true);
        } else {
            struct yk_button_style bs = bstyle(k, items[j] == s->surname, YK_FONT_LARGE);
            id = yk_ui_fmt(ui, "signup.surname.%d", items[j]);
            yk_ui_button(ui, id, r, surnames[items[j]].name, &bs, true);
        }
        yk_ui_mark_primary(ui, id);
    }
    if (pages > 1) {
        struct yk_button_style bs = bstyle(k, false, YK_FONT_BODY);
        bs.tight = true;
        yk_ui_button(ui, "signup.more", grid_cell(&g, t, i, more_span), more, &bs, true);
        yk_ui_set_text(ui, "signup.more",
                       yk_ui_fmt(ui, "%s (%d/%d)", more, s->page + 1, pages));
        yk_ui_mark_primary(ui, "signup.more");
    }
    int at = (g.rows - fixed_rows) * g.cols;
    if (n <= cells) /* the fixed buttons right under the choices */
        at = (i + g.cols - 1) / g.cols * g.cols;
    struct yk_button_style bs = bstyle(k, false, YK_FONT_BODY);
    yk_ui_button(ui, "signup.initials", grid_cell(&g, t, at, span), other, &bs, true);
    yk_ui_mark_primary(ui, "signup.initials");
    bs = bstyle(k, s->surname == -2, YK_FONT_BODY);
    yk_ui_button(ui, "signup.surname.none", grid_cell(&g, t, at + span, span), none, &bs, true);
    yk_ui_mark_primary(ui, "signup.surname.none");
}

static void build_party(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = st(k);
    action_row(k, &area, tr(k, "signup.next"), true, NULL);
    struct yk_rect in = heading(k, area, tr(k, "signup.party.ask"));
    int max = s->have_event && s->ev.max_party > 0 ? s->ev.max_party : 1;
    if (max > 10)
        max = 10;
    /* The numbers first, square and as large as the room allows; the note under them where
     * there is room (the numbers say the most already). */
    const char *note = yk_ui_fmt(ui, tr(k, "signup.party.note"), max);
    int want = yk_ui_line_height(ui, YK_FONT_HUGE) + yk_ui_line_height(ui, YK_FONT_SMALL) +
               4 * t->gap;
    /* The number of columns that gives the largest squares (all of them in view). */
    int cols = 1, rows = max, side = 0;
    for (int c = max; c >= 1; c--) {
        int r = (max + c - 1) / c;
        int sd = (in.w - (c - 1) * t->gap) / c, by_h = (in.h - (r - 1) * t->gap) / r;
        sd = sd < by_h ? sd : by_h;
        sd = sd < want ? sd : want;
        if (sd > side)
            side = sd, cols = c, rows = r;
    }
    /* The number in the largest font the square holds with its word under it. */
    enum yk_font nf = YK_FONT_HUGE;
    int inset = yk_kiosk_compact(k) ? 2 * (t->gap / 4) : 2 * t->gap;
    while (nf > YK_FONT_BODY && yk_ui_line_height(ui, nf) + yk_ui_line_height(ui, YK_FONT_SMALL) +
                                        inset > side)
        nf--;
    for (int i = 0; i < max; i++) {
        struct yk_rect r = {in.x + (i % cols) * (side + t->gap), in.y + (i / cols) * (side + t->gap),
                            side, side};
        struct yk_button_style bs = yk_page_button_style(k, s->party == i + 1, nf);
        bs.sub = tr(k, i == 0 ? "signup.party.unit1" : "signup.party.unit");
        bs.icon_above = true;
        bs.icon = -1;
        bs.tight = yk_kiosk_compact(k);
        const char *id = yk_ui_fmt(ui, "signup.party.%d", i + 1);
        yk_ui_button(ui, id, r, yk_ui_fmt(ui, "%d", i + 1), &bs, true);
        yk_ui_mark_primary(ui, id);
    }
    yk_cut_top(&in, rows * (side + t->gap));
    int nh = yk_ui_text_height(ui, note, YK_FONT_BODY, in.w);
    if (nh <= in.h)
        yk_ui_text(ui, "signup.party.note", yk_cut_top(&in, nh), note, YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_LEFT, false);
}

static void build_privacy(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    struct yk_rect rest = area;
    action_row(k, &rest, tr(k, "signup.agree"), true, NULL);
    struct yk_rect in = heading(k, rest, tr(k, "signup.privacy.ask"));
    struct yk_doc d;
    in.x -= ui->theme.pad;
    in.w += 2 * ui->theme.pad;
    in.y -= ui->theme.pad;
    in.h += ui->theme.pad;
    yk_doc_begin(&d, k, "signup.notice", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    yk_doc_field(&d, "signup.notice.what", tr(k, "signup.privacy.what.l"),
                 tr(k, "signup.privacy.what"));
    yk_doc_field(&d, "signup.notice.why", tr(k, "signup.privacy.why.l"),
                 tr(k, "signup.privacy.why"));
    yk_doc_field(&d, "signup.notice.keep", tr(k, "signup.privacy.keep.l"),
                 yk_ui_fmt(ui, tr(k, "signup.privacy.keep"), k->p.cfg->retention_days));
    yk_doc_field(&d, "signup.notice.who", tr(k, "signup.privacy.who.l"),
                 tr(k, "signup.privacy.who"));
    yk_doc_end(&d);
}

static void build_confirm(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    struct state *s = st(k);
    struct yk_rect rest = area;
    bool full = s->have_event && s->ev.seats_left < s->party;
    action_row(k, &rest, tr(k, full ? "signup.confirm.waitlist" : "signup.confirm"), true, NULL);
    struct yk_rect in = heading(k, rest, tr(k, "signup.confirm.ask"));
    in.x -= ui->theme.pad;
    in.w += 2 * ui->theme.pad;
    in.y -= ui->theme.pad;
    in.h += ui->theme.pad;
    struct yk_doc d;
    yk_doc_begin(&d, k, "signup.summary", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    char when[96] = "", masked[YK_PHONE_MASKED_LEN + 1], who[64];
    if (s->have_event)
        yk_format_when(when, sizeof when, s->ev.starts_utc, s->ev.ends_utc, yk_kiosk_now_utc_s(k), yk_lang_code(k->lang));
    yk_phone_mask(s->phone, masked);
    addressee(k, s, who, sizeof who);
    yk_doc_field(&d, "signup.summary.event", tr(k, "signup.f.event"),
                 s->have_event ? PICK(s->ev.title) : NULL);
    yk_doc_field(&d, "signup.summary.time", tr(k, "signup.f.time"), when);
    yk_doc_field(&d, "signup.summary.place", tr(k, "signup.f.place"),
                 s->have_event ? PICK(s->ev.place) : NULL);
    yk_doc_field(&d, "signup.summary.who", tr(k, "signup.f.who"), who);
    yk_doc_field(&d, "signup.summary.phone", tr(k, "signup.f.phone"), masked);
    yk_doc_field(&d, "signup.summary.party", tr(k, "signup.f.party"),
                 party_text(k, s->party));
    if (full)
        yk_doc_text(&d, "signup.summary.full", tr(k, "signup.full.note"), false);
    yk_doc_end(&d);
}

/* While the hub is asked: what is happening, a bar that fills, and that the sign-up is kept
 * whatever happens. No button: the bar's home and back work and lose nothing. */
static void build_confirming(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = st(k);
    struct yk_rect in = heading(k, area, tr(k, "signup.confirming"));
    int64_t spent = yk_clock_mono_ms(k->p.clock) - s->confirm_start_ms;
    if (spent < 0)
        spent = 0;
    if (spent > CONFIRM_WAIT_MS)
        spent = CONFIRM_WAIT_MS;
    /* The bar, and how far the wait has gone beside it ("40%": also what tests read). */
    int lh = yk_ui_line_height(ui, YK_FONT_SMALL);
    struct yk_rect row = yk_cut_top(&in, lh);
    const char *pct = yk_ui_fmt(ui, "%d%%", (int)(spent * 100 / CONFIRM_WAIT_MS));
    int pw = yk_ui_text_width(ui, "100%", YK_FONT_SMALL);
    yk_ui_text(ui, "signup.confirming.bar", yk_cut_right(&row, pw), pct, YK_FONT_SMALL,
               t->ink_soft, YK_ALIGN_RIGHT, true);
    yk_cut_right(&row, t->gap);
    int bh = lh / 2;
    struct yk_rect bar = {row.x, row.y + (row.h - bh) / 2, row.w, bh};
    yk_ui_fill(ui, bar, t->line, bh / 2);
    struct yk_rect done = bar;
    /* Never empty: something visibly started. */
    done.w = (int)((int64_t)bar.w * (spent + CONFIRM_POLL_MS) / (CONFIRM_WAIT_MS + CONFIRM_POLL_MS));
    yk_ui_fill(ui, done, t->primary, bh / 2);
    yk_cut_top(&in, t->gap);
    const char *b = tr(k, "signup.confirming.b");
    int th = yk_ui_text_height(ui, b, YK_FONT_BODY, in.w);
    yk_ui_text(ui, "signup.confirming.body", yk_cut_top(&in, th), b, YK_FONT_BODY, t->ink,
               YK_ALIGN_LEFT, false);
}

/* The ticket: a success mark and 报名成功, the code people keep (large, in two spaced groups),
 * the QR, what and when and where, and 完成 where the eye ends (bottom right). Wide screens put
 * the QR as tall as the page on the right. With no hub the QR holds the bare ticket code (a
 * phone keeps it as a photo); with one, the hub's ticket page. */
static void ticket_head(struct yk_kiosk *k, struct yk_rect *in, const char *head, bool ok)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int lh = yk_ui_line_height(ui, YK_FONT_TITLE);
    int icon = ok ? lh : 0;
    int tw = in->w - (icon ? icon + t->gap : 0);
    int th = yk_ui_text_height(ui, head, YK_FONT_TITLE, tw);
    struct yk_rect row = yk_cut_top(in, th);
    if (icon) {
        struct yk_rect ir = yk_cut_left(&row, icon);
        yk_ui_fill(ui, (struct yk_rect){ir.x, ir.y + (lh - icon) / 2, icon, icon}, t->primary,
                   icon / 2);
        yk_ui_icon_draw(ui, yk_inset((struct yk_rect){ir.x, ir.y + (lh - icon) / 2, icon, icon},
                                     icon / 6),
                        YK_ICON_CHECK, t->on_primary);
        yk_cut_left(&row, t->gap);
    }
    yk_ui_text(ui, "signup.step", row, head, YK_FONT_TITLE, ok ? t->primary : t->ink,
               YK_ALIGN_LEFT, false);
    yk_cut_top(in, t->gap);
}

/* The code, "ABCD EFGH" beside its label, in the largest font that holds it, on a card with
 * a red edge: the thing to keep. */
static void ticket_code(struct yk_kiosk *k, struct yk_rect *in, const char *code8)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    const char *label = tr(k, "signup.f.code");
    const char *code = yk_ui_fmt(ui, "%.4s %.4s", code8, code8 + 4);
    int lw = yk_ui_text_width(ui, label, YK_FONT_SMALL);
    enum yk_font f = YK_FONT_HUGE;
    while (f > YK_FONT_BODY && lw + yk_ui_text_width(ui, code, f) + 3 * t->pad > in->w)
        f--;
    int ch = yk_ui_line_height(ui, f);
    struct yk_rect card = yk_cut_top(in, ch + t->gap / 2);
    yk_ui_fill(ui, card, t->card, t->radius);
    yk_ui_fill(ui, (struct yk_rect){card.x, card.y, t->gap / 2 > 3 ? t->gap / 2 : 3, card.h},
               t->primary, 0);
    struct yk_rect c = card;
    c.x += t->pad;
    c.w -= 2 * t->pad;
    yk_ui_text(ui, "signup.ticket.code.label", yk_cut_left(&c, lw), label, YK_FONT_SMALL,
               t->ink_soft, YK_ALIGN_LEFT, true);
    yk_cut_left(&c, t->pad);
    yk_ui_text(ui, "signup.ticket.code", c, code, f, t->ink, YK_ALIGN_LEFT, true);
    yk_ui_set_text(ui, "signup.ticket.code", yk_ui_fmt(ui, "%s %s", label, code));
    yk_ui_mark_primary(ui, "signup.ticket.code");
    yk_cut_top(in, t->gap);
}

static void build_result(struct yk_kiosk *k, struct yk_rect area)
{
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    struct state *s = st(k);
    if (s->confirming) {
        build_confirming(k, area);
        return;
    }
    const struct yk_signup_info *info = &s->result.signup;
    enum yk_signup_rc rc = s->result.rc;
    bool ticket = (rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_EXISTING) &&
                  info->seat == YK_SEAT_CONFIRMED && info->ticket_code[0];
    const char *head, *body = NULL;
    switch (rc) {
    case YK_SIGNUP_RC_CONFIRMED:
        head = "signup.r.confirmed";
        body = ticket ? NULL : "signup.r.confirmed.noticket.b";
        break;
    case YK_SIGNUP_RC_EXISTING:
        head = "signup.r.existing";
        body = info->seat == YK_SEAT_CONFIRMED
                   ? (ticket ? NULL : "signup.r.confirmed.noticket.b")
               : info->seat == YK_SEAT_WAITLIST ? "signup.r.waitlist.b"
                                                : "signup.r.pending.b";
        break;
    case YK_SIGNUP_RC_PENDING: head = "signup.r.pending"; body = "signup.r.pending.b"; break;
    case YK_SIGNUP_RC_WAITLIST: head = "signup.r.waitlist"; body = "signup.r.waitlist.b"; break;
    case YK_SIGNUP_RC_FULL: head = "signup.r.full"; body = "signup.r.full.b"; break;
    case YK_SIGNUP_RC_CLOSED: head = "signup.r.closed"; body = "signup.r.closed.b"; break;
    case YK_SIGNUP_RC_NOT_NEEDED: head = "signup.r.notneeded"; break;
    default: head = "signup.r.error"; body = "signup.r.error.b"; break;
    }
    struct yk_rect rest = area;
    /* With a hub, its ticket page; without one, the bare code: a phone keeps it as a photo,
     * and a volunteer's scanner reads it either way. */
    char url[YK_TICKET_URL_MAX] = "";
    bool hub = k->p.cfg->hub_url[0] != 0;
    if (ticket && hub && !yk_ticket_url(k->p.cfg->hub_url, info->ticket_code, url, sizeof url))
        url[0] = 0;
    if (ticket && !hub)
        snprintf(url, sizeof url, "%s", info->ticket_code);
    const char *cap = tr(k, hub ? "signup.qr.save" : "signup.qr.photo");
    bool wide = area.w > area.h * 5 / 4;
    if (ticket && wide) {
        /* Wide screens: the QR code as tall as the page on the right, the rest beside it. */
        int side = area.h < area.w * 40 / 100 ? area.h : area.w * 40 / 100;
        yk_page_qr_card(k, "signup.ticket.qr", yk_cut_right(&rest, side), url, cap);
        yk_ui_mark_primary(ui, "signup.ticket.qr");
        yk_cut_right(&rest, t->pad);
    }
    struct yk_rect row = yk_cut_bottom(&rest, action_h(k));
    yk_cut_bottom(&rest, t->gap);
    struct yk_button_style p = bstyle(k, true, YK_FONT_LARGE);
    const char *dl = tr(k, "signup.done");
    int dw = yk_ui_text_width(ui, dl, YK_FONT_LARGE) + 4 * t->pad;
    yk_ui_button(ui, "signup.done", yk_cut_right(&row, dw > row.w ? row.w : dw), dl, &p, true);
    yk_ui_mark_primary(ui, "signup.done");
    struct yk_rect in = rest;
    ticket_head(k, &in, tr(k, head), ticket);
    if (ticket) {
        ticket_code(k, &in, info->short_code);
        if (!wide) {
            /* Upright: the QR card under the code, as large as leaves a line of the details
             * (they scroll under it), at most 45 mm of code. */
            int side = in.h - yk_ui_line_height(ui, YK_FONT_BODY) - t->gap;
            int most = (int)(45.0f * t->px_per_mm) + 2 * t->gap;
            side = side < most ? side : most;
            side = side < in.w ? side : in.w;
            int ch = yk_ui_text_height(ui, cap, YK_FONT_SMALL, side - 2 * t->gap);
            struct yk_rect q = yk_cut_top(&in, side + ch);
            q.x += (q.w - side) / 2;
            q.w = side;
            yk_page_qr_card(k, "signup.ticket.qr", q, url, cap);
            yk_ui_mark_primary(ui, "signup.ticket.qr");
            yk_cut_top(&in, t->gap);
        }
    }
    in.x -= t->pad;
    in.w += 2 * t->pad;
    in.y -= t->pad;
    in.h += t->pad;
    struct yk_doc d;
    yk_doc_begin(&d, k, "signup.result", in, false);
    d.inline_fields = yk_kiosk_compact(k);
    if (s->confirm_failed)
        yk_doc_text(&d, "signup.result.unreached", tr(k, "signup.r.unreached"), false);
    if (body)
        yk_doc_text(&d, "signup.result.body", tr(k, body), false);
    if (ticket) {
        char who[64], when[96] = "";
        addressee(k, s, who, sizeof who);
        if (s->have_event)
            yk_format_when(when, sizeof when, s->ev.starts_utc, s->ev.ends_utc, yk_kiosk_now_utc_s(k),
                           yk_lang_code(k->lang));
        yk_doc_field(&d, "signup.ticket.event", tr(k, "signup.f.event"),
                     s->have_event ? PICK(s->ev.title) : NULL);
        yk_doc_field(&d, "signup.ticket.time", tr(k, "signup.f.time"), when);
        yk_doc_field(&d, "signup.ticket.place", tr(k, "signup.f.place"),
                     s->have_event ? PICK(s->ev.place) : NULL);
        yk_doc_field(&d, "signup.ticket.who", tr(k, "signup.f.who"), who);
        yk_doc_field(&d, "signup.ticket.party", tr(k, "signup.f.party"), party_text(k, info->party_size));
        yk_doc_field(&d, "signup.ticket.phone", tr(k, "signup.f.phone"), info->phone_masked);
        yk_doc_text(&d, "signup.result.body", tr(k, "signup.r.confirmed.b"), true);
    } else if (info->id[0]) {
        yk_doc_field(&d, "signup.ticket.phone", tr(k, "signup.f.phone"), info->phone_masked);
        yk_doc_field(&d, "signup.ticket.party", tr(k, "signup.f.party"), party_text(k, info->party_size));
    }
    yk_doc_end(&d);
}

static void build(struct yk_kiosk *k, struct yk_rect area)
{
    struct state *s = st(k);
    const struct yk_theme *t = &k->ui.theme;
    struct yk_rect in = yk_inset(area, t->pad);
    if (!s || !s->have_event) {
        yk_ui_text(&k->ui, "signup.missing", in, tr(k, "section.gone"), YK_FONT_BODY,
                   t->ink_soft, YK_ALIGN_CENTER, true);
        return;
    }
    switch (s->step) {
    case STEP_PHONE: build_phone(k, in); break;
    case STEP_NAME: build_name(k, in); break;
    case STEP_PARTY: build_party(k, in); break;
    case STEP_PRIVACY: build_privacy(k, in); break;
    case STEP_CONFIRM: build_confirm(k, in); break;
    case STEP_RESULT: build_result(k, in); break;
    }
}

/* ---------------------------------------------------------------- actions */

static const char *phone_error(enum yk_phone_rc rc)
{
    switch (rc) {
    case YK_PHONE_OK: return NULL;
    case YK_PHONE_NOT_DIGITS: return "signup.phone.e.digits";
    case YK_PHONE_BAD_PREFIX: return "signup.phone.e.prefix";
    case YK_PHONE_TOO_SHORT: return "signup.phone.e.short";
    case YK_PHONE_TOO_LONG: return "signup.phone.e.long";
    }
    return "signup.phone.e.short";
}

static void submit(struct yk_kiosk *k, struct state *s)
{
    struct yk_signup_request req = {
        .event_id = s->ev.id,
        .phone = s->phone,
        .surname = s->surname >= 0 ? surnames[s->surname].name : NULL,
        .title = s->title,
        .party_size = s->party,
        .consent = true,
        .waitlist_ok = true, /* the confirm step said so when the event was full */
    };
    if (!k->p.keys) {
        s->result.rc = YK_SIGNUP_RC_ERROR;
    } else {
        yk_signup_submit(k->p.db, k->p.keys, &req, yk_clock_utc_ms(k->p.clock), &s->result);
    }
    yk_info("signup", "event %s: %s", s->ev.id, yk_signup_rc_name(s->result.rc));
    /* Not confirmed here (no held seat left, or the event looked full from here): while the
     * hub is reachable, ask it now. The answer is polled at the tick; the sign-up is stored
     * already. The waitlist is accepted: a pending sign-up the hub cannot seat waits in line
     * exactly as it would after the next push. */
    enum yk_signup_rc rc = s->result.rc;
    enum yk_seat seat = s->result.signup.seat;
    bool unconfirmed = rc == YK_SIGNUP_RC_PENDING || rc == YK_SIGNUP_RC_WAITLIST ||
                       (rc == YK_SIGNUP_RC_EXISTING &&
                        (seat == YK_SEAT_PENDING || seat == YK_SEAT_WAITLIST));
    if (unconfirmed && yk_sync_request_confirm(s->result.signup.id, true)) {
        s->confirming = true;
        s->confirm_start_ms = yk_clock_mono_ms(k->p.clock);
        yk_info("signup", "sign-up %s: asking the hub to confirm it", s->result.signup.id);
    } else if (rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING ||
               rc == YK_SIGNUP_RC_WAITLIST) {
        /* A new sign-up is committed: push it up now (a no-op when no sync worker runs). */
        yk_sync_wake();
    }
    /* The seats changed (or may have): the screens showing them load them again. */
    yk_kiosk_data_changed(k);
    /* The number has done its job; from here on only the masked form is shown. */
    sodium_memzero(s->phone, sizeof s->phone);
    s->step = STEP_RESULT;
}

/* The hub's answer to an online confirmation, as the screen shows it. */
static void confirm_answered(struct yk_kiosk *k, struct state *s, const char *status)
{
    const char *id = s->result.signup.id;
    int64_t now_ms = yk_clock_utc_ms(k->p.clock);
    struct yk_signup_info info;
    if (strcmp(status, "confirmed") == 0) {
        /* The kiosk signs the ticket (the worker may have done it already: then this only
         * reads it back). Shown exactly like one confirmed from the held seats. */
        int r = k->p.keys ? yk_signup_issue_ticket(k->p.db, k->p.keys, id, now_ms, &info)
                          : yk_signup_get(k->p.db, id, &info);
        if (r >= 0 && info.seat == YK_SEAT_CONFIRMED) {
            s->result.signup = info;
            s->result.rc = YK_SIGNUP_RC_CONFIRMED;
        }
    } else if (strcmp(status, "waitlist") == 0) {
        if (yk_signup_get(k->p.db, id, &info) == 1 && info.seat == YK_SEAT_WAITLIST) {
            s->result.signup = info;
            s->result.rc = YK_SIGNUP_RC_WAITLIST;
        }
    } else if (strcmp(status, "full") == 0) {
        /* No seat and no place in line (the hub stored nothing): nothing is kept here
         * either, and the screen says so. */
        if (yk_signup_cancel(k->p.db, id, now_ms) >= 0) {
            memset(&s->result.signup, 0, sizeof s->result.signup);
            s->result.rc = YK_SIGNUP_RC_FULL;
        }
    }
    yk_info("signup", "sign-up %s: the hub says %s", id, status);
}

static void tick(struct yk_kiosk *k)
{
    struct state *s = st(k);
    if (!s || !s->confirming)
        return;
    k->dirty = true; /* the bar moves */
    char status[12];
    int r = yk_sync_confirm_result(s->result.signup.id, status);
    bool timed_out = yk_clock_mono_ms(k->p.clock) - s->confirm_start_ms >= CONFIRM_WAIT_MS;
    if (r == 0 && !timed_out)
        return;
    s->confirming = false;
    if (r == 1) {
        confirm_answered(k, s, status);
    } else {
        /* Failed or too slow: the sign-up stays as stored (pending or waitlist) and goes up
         * with the next push; the worker may still get an answer, which lands in the row. */
        s->confirm_failed = true;
        yk_info("signup", "sign-up %s: no answer from the hub (%s); shown as stored",
                s->result.signup.id, r < 0 ? "failed" : "timed out");
    }
    yk_kiosk_data_changed(k);
    yk_sync_wake();
    memset(k->ui.scroll, 0, sizeof k->ui.scroll);
}

static int64_t deadline(const struct yk_kiosk *k)
{
    const struct state *s = k->state[YK_SCREEN_SIGNUP];
    if (!s || !s->confirming)
        return -1;
    int64_t now = yk_clock_mono_ms(k->p.clock), end = s->confirm_start_ms + CONFIRM_WAIT_MS;
    int64_t next = now + CONFIRM_POLL_MS;
    return next < end ? next : end;
}

static bool activate(struct yk_kiosk *k, const char *id)
{
    struct state *s = st(k);
    if (s && strcmp(id, "nav.back") == 0) {
        /* The bar's back is the previous step, until the first step or the result. */
        if (s->step == STEP_PHONE || s->step == STEP_RESULT)
            return false;
        id = "signup.prev";
    }
    if (!s || strncmp(id, "signup.", 7) != 0)
        return false;
    const char *a = id + 7;
    k->dirty = true;
    enum step before = s->step;
    bool picking = s->picking_initial;
    int initial = s->initial;
    if (strcmp(a, "cancel") == 0 || strcmp(a, "done") == 0) {
        yk_kiosk_go(k, YK_SCREEN_HOME);
        return true; /* leave() has freed s: touch nothing more */
    } else if (strcmp(a, "prev") == 0) {
        if (s->step == STEP_NAME && (s->picking_initial || s->initial)) {
            s->picking_initial = false;
            s->initial = 0;
            s->page = 0;
        } else if (s->step > STEP_PHONE && s->step < STEP_RESULT) {
            s->step--;
        }
    } else if (strncmp(a, "key.", 4) == 0) {
        size_t n = strlen(s->phone);
        const char *key = a + 4;
        s->error = NULL;
        if (strcmp(key, "del") == 0) {
            if (n)
                s->phone[n - 1] = 0;
        } else if (strcmp(key, "clear") == 0) {
            sodium_memzero(s->phone, sizeof s->phone);
        } else if (key[0] >= '0' && key[0] <= '9' && !key[1]) {
            if (n < YK_PHONE_LEN)
                s->phone[n] = key[0];
            else
                s->error = "signup.phone.e.long";
            if (n == 1 && !(key[0] >= '3' && key[0] <= '9') && s->phone[0] == '1')
                s->error = "signup.phone.e.prefix";
            if (n == 0 && key[0] != '1')
                s->error = "signup.phone.e.prefix";
        }
    } else if (strcmp(a, "next") == 0 || strcmp(a, "agree") == 0 || strcmp(a, "confirm") == 0) {
        switch (s->step) {
        case STEP_PHONE:
            s->error = phone_error(yk_phone_check(s->phone));
            if (!s->error)
                s->step = STEP_NAME;
            break;
        case STEP_NAME: s->step = STEP_PARTY; break;
        case STEP_PARTY: s->step = STEP_PRIVACY; break;
        case STEP_PRIVACY: s->step = STEP_CONFIRM; break;
        case STEP_CONFIRM: submit(k, s); break;
        case STEP_RESULT: break;
        }
    } else if (strncmp(a, "title.", 6) == 0) {
        s->title = strcmp(a + 6, "mr") == 0 ? YK_TITLE_MR
                   : strcmp(a + 6, "ms") == 0 ? YK_TITLE_MS
                                              : YK_TITLE_NONE;
    } else if (strcmp(a, "surname.none") == 0) {
        s->surname = -2;
    } else if (strncmp(a, "surname.", 8) == 0) {
        long j = strtol(a + 8, NULL, 10);
        if (j >= 0 && (size_t)j < N_SURNAMES)
            s->surname = (int)j;
    } else if (strcmp(a, "initials") == 0) {
        if (s->initial || s->picking_initial)
            s->initial = 0, s->picking_initial = false;
        else
            s->picking_initial = true;
        s->page = 0;
    } else if (strcmp(a, "more") == 0) {
        s->page++; /* the grid goes round to its first page after the last */
    } else if (strncmp(a, "initial.", 8) == 0 && a[8] >= 'A' && a[8] <= 'Z') {
        s->initial = a[8];
        s->picking_initial = false;
        s->page = 0;
    } else if (strncmp(a, "party.", 6) == 0) {
        long n = strtol(a + 6, NULL, 10);
        if (n >= 1 && n <= (s->ev.max_party > 0 ? s->ev.max_party : 1))
            s->party = (int)n;
    } else {
        return false;
    }
    /* Each step (and each surname page) starts at its top. */
    if (s->step != before || s->picking_initial != picking || s->initial != initial)
        memset(k->ui.scroll, 0, sizeof k->ui.scroll);
    return true;
}

const struct yk_screen_def yk_screen_signup = {
    .key = "signup",
    .title = title,
    .enter = enter,
    .leave = leave,
    .build = build,
    .activate = activate,
    .deadline = deadline,
    .tick = tick,
};
