#include "ui/keypad.h"

#include "core/base32.h"
#include "core/icons.h"
#include "ui/page.h"

#include <string.h>

/* The smallest side of a key: a line of its font inside the button's inset (a small one when
 * tight), and a touch target. */
static int key_min(struct yk_kiosk *k, enum yk_font f, bool tight)
{
    const struct yk_theme *t = &k->ui.theme;
    int kmin = yk_ui_line_height(&k->ui, f) + (tight ? t->gap / 2 : 2 * t->gap);
    return kmin < t->touch_min ? t->touch_min : kmin;
}

/* Lays n keys out over r as a grid as large as fits (at most twice as wide as high), with
 * at least min_cols columns, or exactly -min_cols when it is negative (a phone's 3×4 pad).
 * Returns false when even the smallest targets do not fit (the caller then scrolls). */
static bool pad_grid(struct yk_kiosk *k, struct yk_rect r, int n, int min_cols, enum yk_font f,
                     bool tight, int *cols, int *kw, int *kh)
{
    const struct yk_theme *t = &k->ui.theme;
    int gap = n > 12 ? t->gap / 2 : t->gap; /* a full keyboard packs closer */
    int best = -1;
    int kmin = key_min(k, f, tight);
    for (int rows = 1; rows <= n; rows++) {
        int c = (n + rows - 1) / rows;
        if (min_cols < 0 && c != -min_cols)
            continue;
        if (c < min_cols)
            break;
        int w = (r.w - (c - 1) * gap) / c;
        int h = (r.h - (rows - 1) * gap) / rows;
        if (w < kmin || h < kmin)
            continue;
        if (h > w)
            h = w;
        if (w > 2 * h)
            w = 2 * h;
        int score = w < h ? w : h;
        if (score > best) {
            best = score;
            *cols = c;
            *kw = w;
            *kh = h;
        }
    }
    return best > 0;
}

void yk_keypad_build(struct yk_kiosk *k, struct yk_rect r, const struct yk_keypad *p)
{
    const char *const *keys = p->keys;
    int n = p->n, min_cols = p->min_cols;
    enum yk_font f = p->font;
    struct yk_ui *ui = &k->ui;
    const struct yk_theme *t = &ui->theme;
    int g = n > 12 ? t->gap / 2 : t->gap;
    int cols, kw, kh;
    /* Smaller letters before scrolling: a key must stay a whole target. */
    bool scroll = !pad_grid(k, r, n, min_cols, f, p->tight, &cols, &kw, &kh);
    while (scroll && f > YK_FONT_SMALL) {
        f = (enum yk_font)(f - 1);
        scroll = !pad_grid(k, r, n, min_cols, f, p->tight, &cols, &kw, &kh);
    }
    int y0 = r.y;
    if (scroll) {
        kh = key_min(k, f, p->tight);
        cols = min_cols < 0 ? -min_cols : (r.w + g) / (kh + g);
        if (cols < 1)
            cols = 1;
        if (cols > n)
            cols = n;
        kw = (r.w - (cols - 1) * g) / cols;
        y0 = yk_ui_scroll_begin(ui, p->scroll_id, r);
    }
    int total_w = cols * kw + (cols - 1) * g;
    int x0 = r.x + (r.w - total_w) / 2;
    for (int i = 0; i < n; i++) {
        struct yk_rect b = {x0 + (i % cols) * (kw + g), y0 + (i / cols) * (kh + g), kw, kh};
        if (scroll && !yk_ui_visible(ui, b)) {
            if (p->primary) /* a choice out of view: check-choices must see it missing */
                yk_ui_mark_primary(ui, yk_ui_fmt(ui, "%s.%s", p->prefix, keys[i]));
            continue;
        }
        struct yk_button_style ks = yk_page_button_style(k, false, f);
        ks.tight = p->tight;
        const char *label = p->labels ? p->labels[i] : keys[i];
        const char *id = yk_ui_fmt(ui, "%s.%s", p->prefix, keys[i]);
        if (yk_ui_text_width(ui, label, ks.font) > kw - 2 * t->gap)
            ks.font = YK_FONT_SMALL; /* a word on a letter's key */
        if (strcmp(keys[i], "clear") == 0) {
            ks.font = f < YK_FONT_BODY ? f : YK_FONT_BODY;
            if (yk_ui_text_width(ui, p->clear_text, ks.font) > kw - 2 * t->gap)
                ks.font = YK_FONT_SMALL;
            label = p->clear_text;
            if (yk_ui_text_width(ui, label, ks.font) > kw - 2 * t->gap ||
                yk_ui_line_height(ui, ks.font) > kh - 2 * t->gap) {
                /* No room for the word: ✕ (the word stays in the tree). */
                ks.icon = YK_ICON_CLOSE;
                label = "";
            }
        } else if (strcmp(keys[i], "del") == 0) {
            ks.icon = YK_ICON_BACKSPACE;
            label = "";
        } else if (strcmp(keys[i], "space") == 0 &&
                   (yk_ui_text_width(ui, label, ks.font) > kw - 2 * t->gap ||
                    yk_ui_line_height(ui, ks.font) > kh - 2 * t->gap)) {
            ks.icon = YK_ICON_SPACE; /* no room for the word: the space bar's mark */
            label = "";
        }
        const char *word = label; /* what the tree says: the words of a key drawn as a mark */
        if (strcmp(keys[i], "del") == 0)
            word = p->del_text;
        else if (strcmp(keys[i], "clear") == 0)
            word = p->clear_text;
        else if (strcmp(keys[i], "space") == 0)
            word = p->labels ? p->labels[i] : keys[i];
        yk_ui_button(ui, id, b, label, &ks, p->enabled);
        if (!*label)
            yk_ui_set_text(ui, id, word);
        if (p->primary)
            yk_ui_mark_primary(ui, id);
    }
    if (scroll) {
        int rows = (n + cols - 1) / cols;
        yk_ui_scroll_end(ui, y0 + rows * (kh + g));
    }
}

const char *const yk_keypad_digits[12] = {"1", "2", "3", "4",     "5", "6",
                                          "7", "8", "9", "clear", "0", "del"};

const char *const yk_keypad_latin[30] = {"A", "B", "C", "D", "E", "F", "G",     "H", "I", "J",
                                         "K", "L", "M", "N", "O", "P", "Q",     "R", "S", "T",
                                         "U", "V", "W", "X", "Y", "Z", "space", "-", "'", "del"};

void yk_keypad_latin_labels(const char *labels[30], const char *space_word)
{
    for (int i = 0; i < 30; i++)
        labels[i] = strcmp(yk_keypad_latin[i], "space") == 0 ? space_word : yk_keypad_latin[i];
}

const char *const *yk_keypad_crockford(bool clear)
{
    /* Each symbol of the one alphabet (core/base32.h) as a label of its own; the UI runs
     * on one thread, so filling them on first use needs no lock. */
    static char syms[32][2];
    static const char *keys[33], *with_clear[34];
    if (!keys[0]) {
        for (int i = 0; i < 32; i++) {
            syms[i][0] = yk_base32_alphabet[i];
            keys[i] = with_clear[i] = syms[i];
        }
        keys[32] = "del";
        with_clear[32] = "clear";
        with_clear[33] = "del";
    }
    return clear ? with_clear : keys;
}

int yk_keypad_min_h(struct yk_kiosk *k, int w, int n, int min_cols, enum yk_font f, bool tight)
{
    const struct yk_theme *t = &k->ui.theme;
    int g = n > 12 ? t->gap / 2 : t->gap;
    int kmin = key_min(k, f, tight);
    int cols = min_cols < 0 ? -min_cols : (w + g) / (kmin + g);
    if (cols < min_cols)
        cols = min_cols;
    if (cols < 1)
        cols = 1;
    int rows = (n + cols - 1) / cols;
    return rows * kmin + (rows - 1) * g;
}
