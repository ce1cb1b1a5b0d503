#include "check.h"
#include "core/fake_measure.h"
#include "core/textlayout.h"

#include <stdlib.h>
#include <string.h>

static int wrap(const char *text, int max_w, struct yk_line *lines, int max)
{
    return yk_text_wrap(text, 10, false, max_w, fake_measure, NULL, lines, max);
}

static void line_text(const char *text, const struct yk_line *l, char *out, size_t n)
{
    size_t len = l->len < n - 1 ? l->len : n - 1;
    memcpy(out, text + l->start, len);
    out[len] = 0;
}

/* No line may start with closing punctuation, whatever the width. */
static void test_no_line_starts_with_punctuation(void)
{
    const char *t = "五里桥街道地处黄浦区西南部，近代民族工业发源地。辖区面积3.09平方公里，"
                    "下设居委会19个，户籍人口6.8万人。";
    for (int w = 20; w <= 400; w += 10) {
        struct yk_line lines[128];
        int n = wrap(t, w, lines, 128);
        CHECK(n > 0 && n <= 128);
        for (int i = 0; i < n; i++) {
            const char *s = t + lines[i].start;
            CHECK(strncmp(s, "，", 3) != 0);
            CHECK(strncmp(s, "。", 3) != 0);
            CHECK(lines[i].width <= w || lines[i].len <= 6); /* one char + punctuation */
        }
        /* Nothing lost: the lines' bytes cover the text (breaks only drop spaces). */
        size_t total = 0;
        for (int i = 0; i < n; i++)
            total += lines[i].len;
        CHECK_EQ_INT(total, strlen(t));
    }
}

static void test_english_words_stay_whole(void)
{
    const char *t = "Welcome to the Yikong service station on the Huangpu riverside";
    struct yk_line lines[32];
    int n = wrap(t, 120, lines, 32); /* 24 characters of 5 px */
    CHECK(n >= 3);
    char buf[128];
    for (int i = 0; i < n; i++) {
        line_text(t, &lines[i], buf, sizeof buf);
        CHECK(buf[0] != ' ');
        CHECK(buf[strlen(buf) - 1] != ' ');
        CHECK(lines[i].width <= 120);
        /* Every line ends at a word end. */
        const char *end = t + lines[i].start + lines[i].len;
        CHECK(*end == ' ' || *end == 0);
    }
    line_text(t, &lines[0], buf, sizeof buf);
    CHECK_EQ_STR(buf, "Welcome to the Yikong");
}

static void test_mixed_and_newlines(void)
{
    const char *t = "世博会博物馆 World Expo Museum\n卢浦大桥";
    struct yk_line lines[8];
    int n = wrap(t, 1000, lines, 8);
    CHECK_EQ_INT(n, 2);
    char buf[128];
    line_text(t, &lines[0], buf, sizeof buf);
    CHECK_EQ_STR(buf, "世博会博物馆 World Expo Museum");
    line_text(t, &lines[1], buf, sizeof buf);
    CHECK_EQ_STR(buf, "卢浦大桥");
}

static void test_overlong_word_is_split(void)
{
    const char *t = "https://hub.example/t/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct yk_line lines[32];
    int n = wrap(t, 50, lines, 32);
    CHECK(n > 1);
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        CHECK(lines[i].width <= 50);
        total += lines[i].len;
    }
    CHECK_EQ_INT(total, strlen(t));
}

static void test_count_beyond_max_lines(void)
{
    const char *t = "一二三四五六七八九十一二三四五六七八九十";
    struct yk_line lines[2];
    CHECK_EQ_INT(wrap(t, 20, lines, 2), 10);
    CHECK_EQ_INT(wrap("", 20, lines, 2), 0);
    CHECK_EQ_INT(yk_text_wrap(t, 10, false, 20, fake_measure, NULL, NULL, 0), 10);
}

static void test_long_text_heap_path(void)
{
    /* Longer than the stack buffers: exercises the heap fallback. */
    size_t n = 3000;
    char *t = malloc(n * 3 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(t + 3 * i, i % 10 == 9 ? "。" : "字", 3);
    t[n * 3] = 0;
    struct yk_line lines[1];
    int count = yk_text_wrap(t, 10, false, 100, fake_measure, NULL, lines, 1);
    CHECK(count >= 300);
    free(t);
}

int main(void)
{
    test_no_line_starts_with_punctuation();
    test_english_words_stay_whole();
    test_mixed_and_newlines();
    test_overlong_word_is_split();
    test_count_beyond_max_lines();
    test_long_text_heap_path();
    return yk_test_done();
}
