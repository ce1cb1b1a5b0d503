/* Fuzz target for the JSON parser and writer (src/core/json.c).
 * Checks: no crash or sanitizer report; a document that parses is written back by the writer
 * (every string valid UTF-8), and that output parses again to the same tree. */
#include "fuzz/require.h"
#include "core/json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void emit(struct yk_jw *w, const struct yk_json *v)
{
    switch (v->type) {
    case YK_JSON_NULL:
        yk_jw_null(w);
        break;
    case YK_JSON_BOOL:
        yk_jw_bool(w, v->b);
        break;
    case YK_JSON_INT:
        yk_jw_int(w, v->num);
        break;
    case YK_JSON_STRING:
        yk_jw_strn(w, v->str, v->len);
        break;
    case YK_JSON_ARRAY:
    case YK_JSON_OBJECT:
        if (v->type == YK_JSON_ARRAY)
            yk_jw_arr_begin(w);
        else
            yk_jw_obj_begin(w);
        for (const struct yk_json *c = v->first; c; c = c->next) {
            if (v->type == YK_JSON_OBJECT)
                yk_jw_key(w, c->key);
            emit(w, c);
        }
        if (v->type == YK_JSON_ARRAY)
            yk_jw_arr_end(w);
        else
            yk_jw_obj_end(w);
        break;
    }
}

static bool same(const struct yk_json *a, const struct yk_json *b)
{
    if (a->type != b->type || a->len != b->len || a->key_len != b->key_len)
        return false;
    if (a->key && memcmp(a->key, b->key, a->key_len) != 0)
        return false;
    switch (a->type) {
    case YK_JSON_BOOL:
        return a->b == b->b;
    case YK_JSON_INT:
        return a->num == b->num;
    case YK_JSON_STRING:
        return memcmp(a->str, b->str, a->len) == 0;
    case YK_JSON_ARRAY:
    case YK_JSON_OBJECT:
        for (const struct yk_json *x = a->first, *y = b->first; x || y; x = x->next, y = y->next)
            if (!x || !y || !same(x, y))
                return false;
        return true;
    default:
        return true;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct yk_json_doc d;
    if (!yk_json_parse(&d, (const char *)data, size, NULL)) {
        REQUIRE(d.root == NULL && d.error[0]);
        yk_json_free(&d);
        return 0;
    }
    struct yk_jw w;
    yk_jw_init(&w, 0);
    emit(&w, d.root);
    size_t len = 0;
    char *out = yk_jw_take(&w, &len);
    REQUIRE(out != NULL);
    struct yk_json_doc d2;
    REQUIRE(yk_json_parse(&d2, out, len, NULL));
    REQUIRE(same(d.root, d2.root));
    yk_json_free(&d2);
    yk_json_free(&d);
    free(out);
    return 0;
}
