#include "check.h"
#include "core/fake_measure.h"
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

static struct yk_ui make(int w, int h)
{
    struct yk_ui ui;
    struct yk_ui_params p = {.width = w,
                             .height = h,
                             .px_per_mm = 5.0f,
                             .measure = fake_measure,
                             .line_height = fake_line_height};
    CHECK(yk_ui_init(&ui, &p));
    return ui;
}

static void test_theme_scales(void)
{
    struct yk_ui a = make(800, 480);
    CHECK_EQ_INT(a.theme.touch_min, 45); /* 9 mm at 5 px/mm */
    int body = a.theme.font_px[YK_FONT_BODY];
    struct yk_ui_params p = a.p;
    p.elder = true;
    yk_ui_configure(&a, &p);
    CHECK(a.theme.font_px[YK_FONT_BODY] * 10 >= body * 14); /* elder: at least 1.4x */
    yk_ui_destroy(&a);
}

static void test_text_clipping(void)
{
    struct yk_ui ui = make(800, 480);
    yk_ui_begin(&ui);
    struct yk_color c = {0, 0, 0, 255};
    int lh = yk_ui_line_height(&ui, YK_FONT_BODY);
    yk_ui_text(&ui, "fits", (struct yk_rect){0, 0, 400, lh}, "短文本", YK_FONT_BODY, c,
               YK_ALIGN_LEFT, false);
    yk_ui_text(&ui, "clipped", (struct yk_rect){0, 100, 60, lh}, "这一段文字放不下一行",
               YK_FONT_BODY, c, YK_ALIGN_LEFT, false);
    yk_ui_end(&ui);
    CHECK(!yk_ui_find(&ui, "fits")->clipped);
    CHECK(yk_ui_find(&ui, "clipped")->clipped);
    char err[512];
    CHECK_EQ_INT(yk_ui_check_layout(&ui, err, sizeof err), 1);
    CHECK(strstr(err, "clipped: text does not fit") != NULL);
    /* Only the lines that fit were drawn. */
    int texts = 0;
    for (size_t i = 0; i < ui.n_cmds; i++)
        texts += ui.cmds[i].type == YK_CMD_TEXT;
    CHECK_EQ_INT(texts, 2);
    yk_ui_destroy(&ui);
}

static void test_targets_and_overlap(void)
{
    struct yk_ui ui = make(800, 480);
    yk_ui_begin(&ui);
    struct yk_button_style st = {
        .bg = {255, 255, 255, 255}, .fg = {0, 0, 0, 255}, .font = YK_FONT_SMALL, .icon = -1};
    yk_ui_button(&ui, "small", (struct yk_rect){0, 0, 30, 30}, "", &st, true);
    yk_ui_button(&ui, "a", (struct yk_rect){100, 100, 200, 80}, "A", &st, true);
    yk_ui_button(&ui, "b", (struct yk_rect){250, 150, 200, 80}, "B", &st, true);
    yk_ui_end(&ui);
    char err[1024];
    int n = yk_ui_check_layout(&ui, err, sizeof err);
    CHECK_EQ_INT(n, 2);
    CHECK(strstr(err, "small: touch target 30x30") != NULL);
    CHECK(strstr(err, "a overlaps b") != NULL);
    /* The later (topmost) widget wins a hit in the overlap. */
    CHECK_EQ_STR(yk_ui_hit(&ui, 260, 160)->id, "b");
    CHECK_EQ_STR(yk_ui_hit(&ui, 110, 110)->id, "a");
    CHECK(yk_ui_hit(&ui, 700, 400) == NULL);
    yk_ui_destroy(&ui);
}

static void build_list(struct yk_ui *ui, int items)
{
    yk_ui_begin(ui);
    int y = yk_ui_scroll_begin(ui, "list", (struct yk_rect){0, 100, 400, 300});
    struct yk_button_style st = {
        .bg = {255, 255, 255, 255}, .fg = {0, 0, 0, 255}, .font = YK_FONT_BODY, .icon = -1};
    for (int i = 0; i < items; i++) {
        char id[32];
        snprintf(id, sizeof id, "item.%d", i);
        struct yk_rect r = {0, y + i * 60, 400, 50};
        if (yk_ui_visible(ui, r))
            yk_ui_button(ui, id, r, id, &st, true);
    }
    yk_ui_scroll_end(ui, y + items * 60);
    yk_ui_end(ui);
}

static void test_scrolling(void)
{
    struct yk_ui ui = make(800, 480);
    build_list(&ui, 100);
    struct yk_scroll_state *s = yk_ui_scroll_at(&ui, 10, 150);
    CHECK(s != NULL);
    CHECK(yk_ui_scroll_at(&ui, 10, 50) == NULL);
    CHECK_EQ_INT(s->content_h, 6000);
    /* Only the visible rows are built. */
    CHECK(ui.n_widgets < 12);
    CHECK(yk_ui_find(&ui, "item.0") != NULL);
    CHECK(!yk_ui_scroll_by(s, -50)); /* already at the top */
    CHECK(yk_ui_scroll_by(s, 1000));
    build_list(&ui, 100);
    CHECK(yk_ui_find(&ui, "item.0") == NULL);
    const struct yk_widget *w = yk_ui_find(&ui, "item.17");
    CHECK(w && w->r.y == 100 + 17 * 60 - 1000);
    /* The end clamps. */
    yk_ui_scroll_by(s, 1e9f);
    CHECK(s->offset == 5700.0f);
    /* A fling slows down and stops by itself. */
    s->offset = 0;
    s->velocity = 3000;
    int frames = 0;
    while (yk_ui_scroll_animate(s, 16) && frames < 1000)
        frames++;
    CHECK(frames > 10 && frames < 1000);
    CHECK(s->offset > 500 && s->offset < 1500); /* about v * tau */
    /* A shorter list shrinks the offset to its end. */
    s->offset = 5000;
    build_list(&ui, 10);
    s = yk_ui_scroll_at(&ui, 10, 150);
    CHECK(s->offset == 300.0f);
    yk_ui_destroy(&ui);
}

static void test_tree_json(void)
{
    struct yk_ui ui = make(800, 480);
    yk_ui_begin(&ui);
    yk_ui_screen_widget(&ui, "screen.test");
    yk_ui_text(&ui, "quote", (struct yk_rect){0, 0, 800, 100}, "他说\"你好\"\\", YK_FONT_BODY,
               (struct yk_color){0, 0, 0, 255}, YK_ALIGN_LEFT, false);
    yk_ui_qr(&ui, "qr", (struct yk_rect){0, 200, 200, 200}, "https://hub.example/t/X");
    yk_ui_end(&ui);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    yk_ui_write_tree(&ui, f);
    fclose(f);
    CHECK(strstr(buf, "{\"id\":\"screen.test\",\"role\":\"screen\"") != NULL);
    CHECK(strstr(buf, "\"text\":\"他说\\\"你好\\\"\\\\\"") != NULL);
    CHECK(strstr(buf, "\"role\":\"qr\"") != NULL);
    CHECK(strstr(buf, "\"data\":\"https://hub.example/t/X\"") != NULL);
    int lines = 0;
    for (char *p = buf; *p; p++)
        lines += *p == '\n';
    CHECK_EQ_INT(lines, 3);
    free(buf);
    yk_ui_destroy(&ui);
}

static void test_contrast(void)
{
    struct yk_color white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
    CHECK(yk_contrast_ratio(white, black) > 20.99);
    CHECK(yk_contrast_ratio((struct yk_color){0x77, 0x77, 0x77, 255}, white) < 4.5);
    CHECK(yk_contrast_ratio((struct yk_color){0x76, 0x76, 0x76, 255}, white) >= 4.5);
    struct yk_ui ui = make(800, 480);
    yk_ui_begin(&ui);
    yk_ui_fill(&ui, (struct yk_rect){0, 0, 800, 480}, white, 0);
    yk_ui_text(&ui, "ok", (struct yk_rect){0, 0, 400, 40}, "黑字", YK_FONT_BODY, black,
               YK_ALIGN_LEFT, false);
    yk_ui_text(&ui, "grey", (struct yk_rect){0, 100, 400, 40}, "灰字", YK_FONT_BODY,
               (struct yk_color){0x99, 0x99, 0x99, 255}, YK_ALIGN_LEFT, false);
    /* Black text under a translucent black veil: the veil darkens the background. */
    yk_ui_fill(&ui, (struct yk_rect){0, 200, 800, 100}, (struct yk_color){0, 0, 0, 200}, 0);
    yk_ui_text(&ui, "veiled", (struct yk_rect){0, 200, 400, 40}, "暗处", YK_FONT_BODY, black,
               YK_ALIGN_LEFT, false);
    yk_ui_end(&ui);
    char err[1024];
    CHECK_EQ_INT(yk_ui_check_contrast(&ui, 4.5, err, sizeof err), 2);
    CHECK(strstr(err, "灰字") != NULL);
    CHECK(strstr(err, "暗处") != NULL);
    CHECK(strstr(err, "黑字") == NULL);
    yk_ui_destroy(&ui);
}

/* A row's summary cut to two lines ends in "…" without a sentence mark before it; text that
 * fits is handed back as it is. */
static void test_text_clamp(void)
{
    struct yk_ui ui = make(800, 480);
    yk_ui_begin(&ui);
    int px = ui.theme.font_px[YK_FONT_SMALL];
    int w = 10 * px; /* ten CJK characters a line */
    const char *shortt = "短短的一行";
    CHECK(yk_ui_text_clamp(&ui, shortt, YK_FONT_SMALL, w, 2) == shortt);
    CHECK(yk_ui_text_clamp(&ui, NULL, YK_FONT_SMALL, w, 2) == NULL);
    const char *two = "一二三四五六七八九十一二三四五六七八九十";
    CHECK(yk_ui_text_clamp(&ui, two, YK_FONT_SMALL, w, 2) == two);
    const char *four = "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三";
    const char *c = yk_ui_text_clamp(&ui, four, YK_FONT_SMALL, w, 2);
    /* The second line keeps nine characters: ten and the "…" would not fit. */
    CHECK_EQ_STR(c, "一二三四五六七八九十一二三四五六七八九\u2026");
    CHECK_EQ_INT(yk_ui_text_height(&ui, c, YK_FONT_SMALL, w),
                 2 * yk_ui_line_height(&ui, YK_FONT_SMALL));
    const char *mark = "一二三四五六七八九十一二三四五六七八。十一二三四五六七八九十一二";
    CHECK_EQ_STR(yk_ui_text_clamp(&ui, mark, YK_FONT_SMALL, w, 2),
                 "一二三四五六七八九十一二三四五六七八\u2026");
    const char *latin =
        "818 Mengzi Road, Huangpu. Metro Line 13, exit 2, about two minutes on foot.";
    c = yk_ui_text_clamp(&ui, latin, YK_FONT_SMALL, w, 1);
    CHECK_EQ_INT(yk_ui_text_height(&ui, c, YK_FONT_SMALL, w),
                 yk_ui_line_height(&ui, YK_FONT_SMALL));
    CHECK(strncmp(c, "818 Mengzi Road", 15) == 0);
    CHECK(strstr(c, ", \u2026") == NULL && strstr(c, ",\u2026") == NULL);
    yk_ui_end(&ui);
    yk_ui_destroy(&ui);
}

int main(void)
{
    test_contrast();
    test_theme_scales();
    test_text_clipping();
    test_text_clamp();
    test_targets_and_overlap();
    test_scrolling();
    test_tree_json();
    return yk_test_done();
}
