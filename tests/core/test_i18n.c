#include "check.h"
#include "core/embed.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>

static void test_parse(void)
{
    struct yk_i18n c;
    char err[256];
    const char *text = "# comment\nb.key\t乙\tB\r\na.key\t甲\\n第二行\tA\n\n";
    CHECK(yk_i18n_load(&c, text, strlen(text), err, sizeof err));
    CHECK_EQ_INT(c.count, 2);
    CHECK_EQ_STR(yk_i18n_get(&c, "a.key", YK_LANG_ZH), "甲\n第二行");
    CHECK_EQ_STR(yk_i18n_get(&c, "b.key", YK_LANG_EN), "B");
    CHECK_EQ_STR(yk_i18n_get(&c, "missing.key", YK_LANG_EN), "missing.key");
    CHECK(!yk_i18n_has(&c, "missing.key"));
    yk_i18n_destroy(&c);

    const char *bad = "a\t甲\tA\nb\t乙\n";
    CHECK(!yk_i18n_load(&c, bad, strlen(bad), err, sizeof err));
    CHECK(strncmp(err, "2:", 2) == 0);
    const char *dup = "a\t甲\tA\na\t乙\tB\n";
    CHECK(!yk_i18n_load(&c, dup, strlen(dup), err, sizeof err));
    CHECK(strstr(err, "duplicate") != NULL);
    yk_i18n_destroy(&c); /* safe on an emptied catalog */
}

static void test_fallback(void)
{
    CHECK_EQ_STR(yk_pick(YK_LANG_EN, "卢浦大桥", "Lupu Bridge"), "Lupu Bridge");
    CHECK_EQ_STR(yk_pick(YK_LANG_EN, "卢浦大桥", NULL), "卢浦大桥");
    CHECK_EQ_STR(yk_pick(YK_LANG_EN, "卢浦大桥", ""), "卢浦大桥");
    CHECK_EQ_STR(yk_pick(YK_LANG_ZH, "卢浦大桥", "Lupu Bridge"), "卢浦大桥");
}

/* The shipped catalog parses, and every key the UI source uses exists in it (the key list
 * is extracted from src/ui by the test's CMake rule into YK_UI_KEYS_FILE). */
static void test_shipped_catalog(void)
{
    CHECK(yk_embed_find(yk_embed_assets, "strings.tsv") != NULL);
    struct yk_i18n c;
    char err[256];
    CHECK(yk_i18n_load_embedded(&c, yk_embed_assets, err, sizeof err));
    for (size_t i = 0; i < c.count; i++) {
        CHECK(c.entries[i].text[0][0] != 0);
        CHECK(c.entries[i].text[1][0] != 0);
    }
    const char *keys = getenv("YK_UI_KEYS_FILE");
    FILE *f = keys ? fopen(keys, "r") : NULL;
    CHECK(f != NULL);
    int n = 0;
    char line[256];
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0])
            continue;
        n++;
        if (!yk_i18n_has(&c, line)) {
            fprintf(stderr, "key used in src/ui but missing in assets/strings.tsv: %s\n", line);
            CHECK(0);
        }
    }
    if (f)
        fclose(f);
    CHECK(n >= 10);
    yk_i18n_destroy(&c);
}

int main(void)
{
    test_parse();
    test_fallback();
    test_shipped_catalog();
    return yk_test_done();
}
