/* Unit tests of the strict JSON parser and writer (src/core/json.c). */
#include "check.h"
#include "core/json.h"

#include <stdlib.h>

static bool parses(const char *s)
{
    struct yk_json_doc d;
    bool ok = yk_json_parse(&d, s, strlen(s), NULL);
    yk_json_free(&d);
    return ok;
}

static void test_accepts(void)
{
    struct yk_json_doc d;
    const char *s = " {\"a\": [1, -2, 9223372036854775807, -9223372036854775808], \"b\": "
                    "\"x\\u00e9\\ud83d\\ude00\\n\\\"\", \"c\": true, \"d\": null, \"e\": {}, "
                    "\"f\": [], \"中\": \"文\"} ";
    CHECK(yk_json_parse(&d, s, strlen(s), NULL));
    const struct yk_json *a = yk_json_get(d.root, "a");
    CHECK(a && a->type == YK_JSON_ARRAY && a->len == 4);
    CHECK_EQ_INT(a->first->num, 1);
    CHECK_EQ_INT(a->first->next->num, -2);
    CHECK(a->first->next->next->num == INT64_MAX);
    CHECK(a->first->next->next->next->num == INT64_MIN);
    const char *b = NULL;
    CHECK(yk_json_get_str(d.root, "b", &b));
    CHECK_EQ_STR(b, "x\xc3\xa9\xf0\x9f\x98\x80\n\"");
    bool c = false;
    CHECK(yk_json_get_bool(d.root, "c", &c) && c);
    CHECK(yk_json_is_null(yk_json_get(d.root, "d")));
    CHECK(yk_json_is_null(yk_json_get(d.root, "absent")));
    CHECK(yk_json_get(d.root, "e")->type == YK_JSON_OBJECT);
    const char *zh = NULL;
    CHECK(yk_json_get_str(d.root, "中", &zh));
    CHECK_EQ_STR(zh, "文");
    int64_t n;
    CHECK(!yk_json_get_int(d.root, "b", &n)); /* wrong type */
    yk_json_free(&d);
    yk_json_free(&d); /* idempotent */
    CHECK(parses("0"));
    CHECK(parses("\"\""));
    CHECK(parses("[[[]]]"));
}

static void test_rejects(void)
{
    const char *bad[] = {
        "",
        " ",
        "{",
        "}",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{a:1}",
        "'x'",
        "01",
        "-",
        "-0",
        "1.5",
        "1e3",
        "9223372036854775808",
        "-9223372036854775809",
        "tru",
        "nul",
        "[1] 2",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\u0000\"",
        "\"a\tb\"",
        "\"\xc3\"",
        "\"\xc0\xaf\"",
        "\"\xed\xa0\x80\"",
        "\"\xf4\x90\x80\x80\"",
        "\"\xff\"",
        "{\"a\":1,\"a\":2}",
        "NaN",
        "[1 2]",
        "\"abc",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (parses(bad[i])) {
            fprintf(stderr, "accepted: %s\n", bad[i]);
            CHECK(false);
        }
    }
    /* depth: 32 levels pass, 33 fail */
    char deep[80];
    memset(deep, '[', 32);
    memset(deep + 32, ']', 32);
    deep[64] = '\0';
    CHECK(parses(deep));
    memset(deep, '[', 33);
    memset(deep + 33, ']', 33);
    deep[66] = '\0';
    CHECK(!parses(deep));
    /* a NUL byte inside the input */
    struct yk_json_doc d;
    CHECK(!yk_json_parse(&d, "[1]\0", 4, NULL));
    CHECK(strstr(d.error, "byte 3") != NULL);
    yk_json_free(&d);
    /* limits */
    struct yk_json_limits lim = {.max_bytes = 4};
    CHECK(!yk_json_parse(&d, "[1,2]", 5, &lim));
    yk_json_free(&d);
    lim = (struct yk_json_limits){.max_nodes = 3};
    CHECK(!yk_json_parse(&d, "[1,2,3]", 7, &lim));
    yk_json_free(&d);
    lim = (struct yk_json_limits){.max_members = 1};
    CHECK(!yk_json_parse(&d, "{\"a\":1,\"b\":2}", 13, &lim));
    yk_json_free(&d);
}

static bool parses_lim(const char *s, const struct yk_json_limits *lim)
{
    struct yk_json_doc d;
    bool ok = yk_json_parse(&d, s, strlen(s), lim);
    yk_json_free(&d);
    return ok;
}

/* The parser is jansson under a check: each rule of src/hub/README.md ("Limits and
 * strictness") that jansson alone would not keep, or keeps differently, refused here. */
static void test_readme_refusals(void)
{
    /* integers only, int64: jansson reads these as reals or as the integer 0 */
    const char *not_int[] = {"-0",
                             " -0 ",
                             "[-0]",
                             "{\"a\":-0}",
                             "[1,-0]",
                             "-0.0",
                             "0.0",
                             "1.0",
                             "1E3",
                             "1e-2",
                             "-1.5e10",
                             "1E400",
                             "[0.5]",
                             "9223372036854775808",
                             "-9223372036854775809",
                             "1e19"};
    for (size_t i = 0; i < sizeof not_int / sizeof not_int[0]; i++) {
        if (parses(not_int[i])) {
            fprintf(stderr, "accepted: %s\n", not_int[i]);
            CHECK(false);
        }
    }
    /* ... and "-0" inside a string or a key is just text */
    CHECK(parses("\"-0\""));
    CHECK(parses("{\"-0\":[\"a\\\"-0\", -1, 0, -10]}"));
    CHECK(!parses("[\"\\\\\", -0]")); /* a string ending in an escaped backslash */
    /* valid UTF-8 only, surrogates paired, no \u0000 */
    const char *bad_text[] = {"\"\\ud800\"",        "\"\\udfff\"",      "\"\\ud800\\ud800\"",
                              "\"\\udc00\\ud800\"", "{\"\\ud800\":1}",  "\"a\\u0000b\"",
                              "{\"\\u0000\":1}",    "{\"\xc0\xaf\":1}", "\"\xed\xb0\x80\""};
    for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
        if (parses(bad_text[i])) {
            fprintf(stderr, "accepted: %s\n", bad_text[i]);
            CHECK(false);
        }
    }
    CHECK(parses("\"\\ud83d\\ude00\""));
    /* no duplicate keys, at any depth, also when spelled differently */
    CHECK(!parses("{\"a\":{\"b\":1,\"b\":1}}"));
    CHECK(!parses("{\"a\":1,\"\\u0061\":2}"));
    /* depth <= 8 in requests (the hub's limits), 32 in general */
    struct yk_json_limits hub = {
        .max_bytes = 4u << 20, .max_depth = 8, .max_nodes = 200000, .max_members = 64};
    CHECK(parses_lim("[[[[[[[[1]]]]]]]]", &hub));
    CHECK(!parses_lim("[[[[[[[[[1]]]]]]]]]", &hub));
    CHECK(!parses_lim("{\"a\":[{\"b\":[{\"c\":[{\"d\":[{}]}]}]}]}", &hub));
    /* one value and nothing after it (a NUL byte is something) */
    CHECK(!parses("{} {}"));
    CHECK(!parses("1 2"));
    CHECK(!parses("{}\x0c"));
    /* the caps count exactly: 3 values, 1 member each */
    struct yk_json_limits lim = {.max_nodes = 3};
    CHECK(parses_lim("[1,2]", &lim));
    CHECK(parses_lim("[[],[]]", &lim));
    CHECK(parses_lim("{\"a\":[ ]}", &lim));
    CHECK(!parses_lim("[[1],[]]", &lim));
    CHECK(!parses_lim("{\"a\":1,\"b\":[0]}", &lim));
    lim = (struct yk_json_limits){.max_members = 1};
    CHECK(parses_lim("{\"a\":{\"b\":1}}", &lim));
    CHECK(parses_lim("[{\"a\":1},{\"b\":1}]", &lim));
    CHECK(!parses_lim("[{\"a\":1,\"b\":1}]", &lim));

    /* The reason may be sent back to whoever sent the body: it never carries their bytes. */
    struct yk_json_doc d;
    const char *evil = "[SECRET\xff\xfe]";
    CHECK(!yk_json_parse(&d, evil, strlen(evil), NULL));
    CHECK(d.error[0] && strstr(d.error, "SECRET") == NULL);
    CHECK(yk_json_utf8_valid(d.error, strlen(d.error)));
    yk_json_free(&d);
    CHECK(!yk_json_parse(&d, "-0", 2, NULL));
    CHECK_EQ_STR(d.error, "negative zero at byte 0");
    yk_json_free(&d);
    CHECK(!yk_json_parse(&d, "[1.5]", 5, NULL));
    CHECK_EQ_STR(d.error, "only integers are allowed");
    yk_json_free(&d);
}

static void test_writer(void)
{
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "s", "a\"b\\c\n\x01\x7f中");
    yk_jw_kint(&w, "min", INT64_MIN);
    yk_jw_kbool(&w, "t", true);
    yk_jw_key(&w, "n");
    yk_jw_null(&w);
    yk_jw_key(&w, "arr");
    yk_jw_arr_begin(&w);
    yk_jw_int(&w, 1);
    yk_jw_str(&w, NULL);
    yk_jw_obj_begin(&w);
    yk_jw_obj_end(&w);
    yk_jw_arr_end(&w);
    yk_jw_obj_end(&w);
    CHECK(yk_jw_ok(&w));
    size_t len = 0;
    char *out = yk_jw_take(&w, &len);
    CHECK_EQ_STR(out, "{\"s\":\"a\\\"b\\\\c\\n\\u0001\\u007f中\",\"min\":-9223372036854775808,"
                      "\"t\":true,\"n\":null,\"arr\":[1,null,{}]}");
    /* round trip */
    struct yk_json_doc d;
    CHECK(yk_json_parse(&d, out, len, NULL));
    const char *s = NULL;
    CHECK(yk_json_get_str(d.root, "s", &s));
    CHECK_EQ_STR(s, "a\"b\\c\n\x01\x7f中");
    yk_json_free(&d);
    free(out);

    /* invalid UTF-8, misuse and the size cap void the document */
    yk_jw_init(&w, 0);
    yk_jw_arr_begin(&w);
    yk_jw_str(&w, "\xc3(");
    yk_jw_arr_end(&w);
    CHECK(!yk_jw_ok(&w));
    CHECK(yk_jw_take(&w, NULL) == NULL);
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_int(&w, 1); /* value without a key */
    yk_jw_obj_end(&w);
    CHECK(yk_jw_take(&w, NULL) == NULL);
    yk_jw_init(&w, 0);
    yk_jw_arr_begin(&w);
    yk_jw_key(&w, "k"); /* key in an array */
    yk_jw_arr_end(&w);
    CHECK(yk_jw_take(&w, NULL) == NULL);
    yk_jw_init(&w, 0);
    yk_jw_arr_begin(&w); /* never closed */
    CHECK(yk_jw_take(&w, NULL) == NULL);
    yk_jw_init(&w, 8);
    yk_jw_str(&w, "far too long for eight bytes");
    CHECK(yk_jw_take(&w, NULL) == NULL);
    yk_jw_destroy(NULL);
}

int main(void)
{
    test_accepts();
    test_rejects();
    test_readme_refusals();
    test_writer();
    return yk_test_done();
}
