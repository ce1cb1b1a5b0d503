#include "core/json.h"

#include "core/grow.h"
#include "core/utf8.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODE_BLOCK 256

struct yk_node_block {
    struct yk_node_block *next;
    size_t used;
    struct yk_json nodes[NODE_BLOCK];
};

struct parser {
    const char *s;
    size_t len;
    struct yk_json_doc *doc;
    struct yk_json_limits lim;
    size_t str_used;
    bool failed;
};

/* Records why the parse failed (the first reason only); pos is a byte offset or -1. */
static bool fail_at(struct parser *p, const char *why, long long pos)
{
    if (!p->failed) {
        p->failed = true;
        if (pos >= 0)
            snprintf(p->doc->error, sizeof p->doc->error, "%.64s at byte %lld", why, pos);
        else
            snprintf(p->doc->error, sizeof p->doc->error, "%.64s", why);
    }
    return false;
}

static bool fail(struct parser *p, const char *why)
{
    return fail_at(p, why, -1);
}

static struct yk_json *new_node(struct parser *p)
{
    struct yk_json_doc *d = p->doc;
    if (d->nodes >= p->lim.max_nodes) {
        fail(p, "too many values");
        return NULL;
    }
    if (!d->blocks || d->blocks->used == NODE_BLOCK) {
        struct yk_node_block *b = malloc(sizeof *b);
        if (!b) {
            fail(p, "out of memory");
            return NULL;
        }
        b->next = d->blocks;
        b->used = 0;
        d->blocks = b;
    }
    struct yk_json *n = &d->blocks->nodes[d->blocks->used++];
    memset(n, 0, sizeof *n);
    d->nodes++;
    return n;
}

bool yk_json_utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = yk_utf8_seq(s + i, len - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* One pass over the raw text before jansson allocates anything: the caps (depth, values,
 * members per object), and what jansson takes but the protocol refuses (-0, which jansson
 * reads as the integer 0, and a NUL byte outside strings). The counts are exact for valid
 * JSON; text that is not JSON may stop here or go on to jansson, which refuses it. */
static bool prescan(struct parser *p)
{
    const char *s = p->s;
    bool in_array[33];
    size_t members[33];
    int depth = 0;
    size_t values = 1; /* the top value */
    for (size_t i = 0; i < p->len; i++) {
        char c = s[i];
        switch (c) {
        case '"': /* skip the string: escapes are two bytes or \uXXXX, all after a '\\' */
            for (i++; i < p->len && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            break;
        case '[':
        case '{':
            if (depth >= p->lim.max_depth)
                return fail_at(p, "nested too deep", (long long)i);
            in_array[depth] = c == '[';
            members[depth++] = 0;
            if (c == '[') { /* a non-empty array holds one more value than it has commas */
                size_t j = i + 1;
                while (j < p->len && is_ws(s[j]))
                    j++;
                values += j < p->len && s[j] != ']';
            }
            break;
        case ']':
        case '}':
            depth -= depth > 0;
            break;
        case ',':
            values += depth > 0 && in_array[depth - 1];
            break;
        case ':':
            if (depth > 0 && !in_array[depth - 1]) {
                values++;
                if (++members[depth - 1] > p->lim.max_members)
                    return fail_at(p, "too many members in an object", (long long)i);
            }
            break;
        case '-': /* "-0" alone; "-0.5" and "-0e1" are refused below as not integers */
            if (i + 1 < p->len && s[i + 1] == '0' &&
                (i + 2 == p->len || !strchr(".eE0123456789", s[i + 2]) || s[i + 2] == '\0'))
                return fail_at(p, "negative zero", (long long)i);
            break;
        case '\0':
            return fail_at(p, "unexpected character", (long long)i);
        default:
            break;
        }
        if (values > p->lim.max_nodes)
            return fail_at(p, "too many values", (long long)i);
    }
    return true;
}

/* Copies a decoded string of jansson's into the document's string buffer. Every string and
 * key of n bytes took at least n + 2 bytes of input, so the buffer (input + 1) always has
 * room; the check guards that reasoning. */
static const char *keep_str(struct parser *p, const char *s, size_t n)
{
    if (!yk_utf8_valid(s, n)) { /* jansson checks UTF-8 too: this is the project's rule */
        fail(p, "invalid UTF-8 or \\u0000 in a string");
        return NULL;
    }
    if (p->str_used + n + 1 > p->len + 1) {
        fail(p, "internal: string buffer");
        return NULL;
    }
    char *o = p->doc->strings + p->str_used;
    memcpy(o, s, n);
    o[n] = '\0';
    p->str_used += n + 1;
    return o;
}

/* Turns jansson's value into the document's tree, refusing what the protocol does not
 * have (numbers that are not integers). */
static struct yk_json *convert(struct parser *p, json_t *j)
{
    struct yk_json *v = new_node(p);
    if (!v)
        return NULL;
    struct yk_json **tail = &v->first;
    switch (json_typeof(j)) {
    case JSON_OBJECT: {
        v->type = YK_JSON_OBJECT;
        const char *key;
        json_t *m;
        json_object_foreach(j, key, m)
        {
            size_t key_len = strlen(key);
            const char *k = keep_str(p, key, key_len);
            struct yk_json *c = k ? convert(p, m) : NULL;
            if (!c)
                return NULL;
            c->key = k;
            c->key_len = key_len;
            *tail = c;
            tail = &c->next;
            v->len++;
        }
        break;
    }
    case JSON_ARRAY: {
        v->type = YK_JSON_ARRAY;
        size_t i;
        json_t *e;
        json_array_foreach(j, i, e)
        {
            struct yk_json *c = convert(p, e);
            if (!c)
                return NULL;
            *tail = c;
            tail = &c->next;
            v->len++;
        }
        break;
    }
    case JSON_STRING:
        v->type = YK_JSON_STRING;
        v->len = json_string_length(j);
        v->str = keep_str(p, json_string_value(j), v->len);
        if (!v->str)
            return NULL;
        break;
    case JSON_INTEGER:
        v->type = YK_JSON_INT;
        v->num = json_integer_value(j);
        break;
    case JSON_REAL:
        fail(p, "only integers are allowed");
        return NULL;
    case JSON_TRUE:
    case JSON_FALSE:
        v->type = YK_JSON_BOOL;
        v->b = json_is_true(j);
        break;
    case JSON_NULL:
        v->type = YK_JSON_NULL;
        break;
    }
    return v;
}

void yk_json_free(struct yk_json_doc *doc)
{
    if (!doc)
        return;
    struct yk_node_block *b = doc->blocks;
    while (b) {
        struct yk_node_block *next = b->next;
        free(b);
        b = next;
    }
    free(doc->strings);
    doc->blocks = NULL;
    doc->strings = NULL;
    doc->root = NULL;
    doc->nodes = 0;
}

bool yk_json_parse(struct yk_json_doc *doc, const char *text, size_t len,
                   const struct yk_json_limits *lim)
{
    memset(doc, 0, sizeof *doc);
    struct parser p = {.s = text, .len = len, .doc = doc};
    if (lim)
        p.lim = *lim;
    if (!p.lim.max_bytes)
        p.lim.max_bytes = 4u << 20;
    if (p.lim.max_depth <= 0 || p.lim.max_depth > 32)
        p.lim.max_depth = 32;
    if (!p.lim.max_nodes)
        p.lim.max_nodes = 1u << 20;
    if (!p.lim.max_members)
        p.lim.max_members = 128;
    if (len > p.lim.max_bytes)
        return fail_at(&p, "document too large", 0);
    if (!prescan(&p))
        return false;
    /* jansson: the grammar, UTF-8, escapes and surrogate pairs, int64 range, duplicate keys,
     * \u0000 (refused without JSON_ALLOW_NUL) and nothing after the value. */
    json_error_t err;
    json_t *j = json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
    if (!j) {
        /* Its message goes on "near '<the input>'": cut that, the error may be sent back
         * to whoever sent the bytes and must not carry them. */
        char *near = strstr(err.text, " near ");
        if (near)
            *near = '\0';
        return fail_at(&p, err.text, err.position);
    }
    doc->strings = malloc(len + 1);
    struct yk_json *root = NULL;
    if (!doc->strings)
        fail(&p, "out of memory");
    else
        root = convert(&p, j);
    json_decref(j);
    if (!root) {
        char keep[sizeof doc->error];
        memcpy(keep, doc->error, sizeof keep);
        yk_json_free(doc);
        memcpy(doc->error, keep, sizeof keep);
        return false;
    }
    doc->root = root;
    return true;
}

const struct yk_json *yk_json_get(const struct yk_json *obj, const char *key)
{
    if (!obj || obj->type != YK_JSON_OBJECT)
        return NULL;
    size_t n = strlen(key);
    for (const struct yk_json *m = obj->first; m; m = m->next)
        if (m->key_len == n && memcmp(m->key, key, n) == 0)
            return m;
    return NULL;
}

bool yk_json_get_int(const struct yk_json *obj, const char *key, int64_t *out)
{
    const struct yk_json *v = yk_json_get(obj, key);
    if (!v || v->type != YK_JSON_INT)
        return false;
    *out = v->num;
    return true;
}

bool yk_json_get_str(const struct yk_json *obj, const char *key, const char **out)
{
    const struct yk_json *v = yk_json_get(obj, key);
    if (!v || v->type != YK_JSON_STRING)
        return false;
    *out = v->str;
    return true;
}

bool yk_json_get_bool(const struct yk_json *obj, const char *key, bool *out)
{
    const struct yk_json *v = yk_json_get(obj, key);
    if (!v || v->type != YK_JSON_BOOL)
        return false;
    *out = v->b;
    return true;
}

bool yk_json_is_null(const struct yk_json *v)
{
    return !v || v->type == YK_JSON_NULL;
}

/* Writer ------------------------------------------------------------------------------------ */

void yk_jw_init(struct yk_jw *w, size_t max)
{
    memset(w, 0, sizeof *w);
    w->max = max;
    w->first[0] = true;
}

void yk_jw_destroy(struct yk_jw *w)
{
    if (!w)
        return;
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

static void put(struct yk_jw *w, const char *s, size_t n)
{
    if (w->failed)
        return;
    if (w->max && w->len + n > w->max) {
        w->failed = true;
        return;
    }
    if (!yk_grow((void **)&w->buf, &w->cap, w->len + n + 1, 1)) {
        w->failed = true;
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

/* Before any value: the comma, and the check that a value may stand here. */
static void before_value(struct yk_jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->is_obj[w->depth]) {
        w->failed = true; /* a value in an object without its key */
        return;
    }
    if (w->depth == 0) {
        if (!w->first[0])
            w->failed = true; /* a second top-level value */
        w->first[0] = false;
        return;
    }
    if (!w->first[w->depth])
        put(w, ",", 1);
    w->first[w->depth] = false;
}

static void jw_open(struct yk_jw *w, char c)
{
    before_value(w);
    if (w->depth >= 32) {
        w->failed = true;
        return;
    }
    put(w, &c, 1);
    w->depth++;
    w->first[w->depth] = true;
    w->is_obj[w->depth] = c == '{';
}

static void jw_close(struct yk_jw *w, char c)
{
    if (w->depth == 0 || w->after_key || w->is_obj[w->depth] != (c == '}')) {
        w->failed = true;
        return;
    }
    put(w, &c, 1);
    w->depth--;
}

void yk_jw_obj_begin(struct yk_jw *w)
{
    jw_open(w, '{');
}
void yk_jw_obj_end(struct yk_jw *w)
{
    jw_close(w, '}');
}
void yk_jw_arr_begin(struct yk_jw *w)
{
    jw_open(w, '[');
}
void yk_jw_arr_end(struct yk_jw *w)
{
    jw_close(w, ']');
}

static void put_escaped(struct yk_jw *w, const char *s, size_t len)
{
    if (!yk_json_utf8_valid(s, len)) {
        w->failed = true;
        return;
    }
    put(w, "\"", 1);
    size_t run = 0; /* bytes copied as they are, flushed before each escape */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            snprintf(u, sizeof u, "\\u%04x", c);
            esc = u;
        }
        if (!esc)
            continue;
        put(w, s + run, i - run);
        put(w, esc, strlen(esc));
        run = i + 1;
    }
    put(w, s + run, len - run);
    put(w, "\"", 1);
}

void yk_jw_key(struct yk_jw *w, const char *key)
{
    if (w->depth == 0 || w->after_key || !w->is_obj[w->depth]) {
        w->failed = true;
        return;
    }
    if (!w->first[w->depth])
        put(w, ",", 1);
    w->first[w->depth] = false;
    put_escaped(w, key, strlen(key));
    put(w, ":", 1);
    w->after_key = true;
}

void yk_jw_strn(struct yk_jw *w, const char *s, size_t len)
{
    if (!s) {
        yk_jw_null(w);
        return;
    }
    before_value(w);
    put_escaped(w, s, len);
}

void yk_jw_str(struct yk_jw *w, const char *s)
{
    yk_jw_strn(w, s, s ? strlen(s) : 0);
}

void yk_jw_int(struct yk_jw *w, int64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%" PRId64, v);
    before_value(w);
    put(w, b, (size_t)n);
}

void yk_jw_bool(struct yk_jw *w, bool v)
{
    before_value(w);
    put(w, v ? "true" : "false", v ? 4 : 5);
}

void yk_jw_null(struct yk_jw *w)
{
    before_value(w);
    put(w, "null", 4);
}

void yk_jw_kstr(struct yk_jw *w, const char *key, const char *s)
{
    yk_jw_key(w, key);
    yk_jw_str(w, s);
}

void yk_jw_kint(struct yk_jw *w, const char *key, int64_t v)
{
    yk_jw_key(w, key);
    yk_jw_int(w, v);
}

void yk_jw_kbool(struct yk_jw *w, const char *key, bool v)
{
    yk_jw_key(w, key);
    yk_jw_bool(w, v);
}

bool yk_jw_ok(const struct yk_jw *w)
{
    return !w->failed && w->depth == 0 && !w->after_key && !w->first[0] && w->buf;
}

char *yk_jw_take(struct yk_jw *w, size_t *len)
{
    char *b = NULL;
    if (yk_jw_ok(w)) {
        b = w->buf;
        if (len)
            *len = w->len;
    } else {
        free(w->buf);
    }
    w->buf = NULL;
    w->len = w->cap = 0;
    return b;
}
