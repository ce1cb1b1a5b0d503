#include "core/json.h"

#include "core/utf8.h"

#include <inttypes.h>
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
    const unsigned char *s;
    size_t len, pos;
    struct yk_json_doc *doc;
    struct yk_json_limits lim;
    size_t str_used;
    bool failed;
};

static bool fail(struct parser *p, const char *why)
{
    if (!p->failed) {
        p->failed = true;
        snprintf(p->doc->error, sizeof p->doc->error, "%s at byte %zu", why, p->pos);
    }
    return false;
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

static void skip_ws(struct parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
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

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool read_u4(struct parser *p, unsigned *out)
{
    if (p->len - p->pos < 4)
        return fail(p, "short \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p->s[p->pos + (size_t)i]);
        if (h < 0)
            return fail(p, "bad \\u escape");
        v = v * 16 + (unsigned)h;
    }
    p->pos += 4;
    *out = v;
    return true;
}

/* Reads a string at p->pos (the opening quote) into the doc's string buffer. The decoded
 * form is never longer than the encoded one, so the buffer (input length + 1) suffices. */
static bool parse_string(struct parser *p, const char **out, size_t *out_len)
{
    p->pos++; /* opening quote */
    char *o = p->doc->strings + p->str_used;
    size_t n = 0;
    for (;;) {
        if (p->pos >= p->len)
            return fail(p, "unterminated string");
        unsigned char c = p->s[p->pos];
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20)
            return fail(p, "control character in string");
        if (c == '\\') {
            if (++p->pos >= p->len)
                return fail(p, "unterminated string");
            unsigned char e = p->s[p->pos++];
            unsigned cp;
            switch (e) {
            case '"': o[n++] = '"'; break;
            case '\\': o[n++] = '\\'; break;
            case '/': o[n++] = '/'; break;
            case 'b': o[n++] = '\b'; break;
            case 'f': o[n++] = '\f'; break;
            case 'n': o[n++] = '\n'; break;
            case 'r': o[n++] = '\r'; break;
            case 't': o[n++] = '\t'; break;
            case 'u':
                if (!read_u4(p, &cp))
                    return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(p, "lone low surrogate");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
                        return fail(p, "lone high surrogate");
                    p->pos += 2;
                    if (!read_u4(p, &lo))
                        return false;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return fail(p, "bad surrogate pair");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (cp == 0)
                    return fail(p, "\\u0000 in string");
                n += yk_utf8_encode(cp, o + n);
                break;
            default:
                p->pos--;
                return fail(p, "bad escape");
            }
            continue;
        }
        size_t k = yk_utf8_seq((const char *)p->s + p->pos, p->len - p->pos);
        if (!k)
            return fail(p, "invalid UTF-8");
        memcpy(o + n, p->s + p->pos, k);
        n += k;
        p->pos += k;
    }
    o[n] = '\0';
    p->str_used += n + 1;
    *out = o;
    *out_len = n;
    return true;
}

static bool parse_number(struct parser *p, int64_t *out)
{
    bool neg = false;
    if (p->s[p->pos] == '-') {
        neg = true;
        p->pos++;
    }
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, "bad number");
    if (p->s[p->pos] == '0' && p->pos + 1 < p->len && p->s[p->pos + 1] >= '0' &&
        p->s[p->pos + 1] <= '9')
        return fail(p, "leading zero");
    /* Accumulate as a negative number: its range includes INT64_MIN. */
    int64_t v = 0;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        int d = p->s[p->pos] - '0';
        if (v < (INT64_MIN + d) / 10)
            return fail(p, "number out of range");
        v = v * 10 - d;
        p->pos++;
    }
    if (p->pos < p->len && (p->s[p->pos] == '.' || p->s[p->pos] == 'e' || p->s[p->pos] == 'E'))
        return fail(p, "only integers are allowed");
    if (neg) {
        if (v == 0)
            return fail(p, "negative zero");
        *out = v;
    } else {
        if (v == INT64_MIN)
            return fail(p, "number out of range");
        *out = -v;
    }
    return true;
}

static bool literal(struct parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "unexpected character");
    p->pos += n;
    return true;
}

static struct yk_json *parse_value(struct parser *p, int depth);

static bool parse_container(struct parser *p, struct yk_json *v, int depth)
{
    bool obj = v->type == YK_JSON_OBJECT;
    char close = obj ? '}' : ']';
    if (depth >= p->lim.max_depth)
        return fail(p, "nested too deep");
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return true;
    }
    struct yk_json *last = NULL;
    for (;;) {
        const char *key = NULL;
        size_t key_len = 0;
        skip_ws(p);
        if (obj) {
            if (p->pos >= p->len || p->s[p->pos] != '"')
                return fail(p, "expected a member name");
            if (!parse_string(p, &key, &key_len))
                return false;
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':')
                return fail(p, "expected ':'");
            p->pos++;
            if (v->len >= p->lim.max_members)
                return fail(p, "too many members in an object");
            for (const struct yk_json *m = v->first; m; m = m->next)
                if (m->key_len == key_len && memcmp(m->key, key, key_len) == 0)
                    return fail(p, "duplicate key");
        }
        struct yk_json *c = parse_value(p, depth + 1);
        if (!c)
            return false;
        c->key = key;
        c->key_len = key_len;
        if (last)
            last->next = c;
        else
            v->first = c;
        last = c;
        v->len++;
        skip_ws(p);
        if (p->pos >= p->len)
            return fail(p, obj ? "unterminated object" : "unterminated array");
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == close) {
            p->pos++;
            return true;
        }
        return fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

static struct yk_json *parse_value(struct parser *p, int depth)
{
    skip_ws(p);
    if (p->pos >= p->len) {
        fail(p, "expected a value");
        return NULL;
    }
    struct yk_json *v = new_node(p);
    if (!v)
        return NULL;
    unsigned char c = p->s[p->pos];
    bool ok;
    switch (c) {
    case '{':
        v->type = YK_JSON_OBJECT;
        ok = parse_container(p, v, depth);
        break;
    case '[':
        v->type = YK_JSON_ARRAY;
        ok = parse_container(p, v, depth);
        break;
    case '"':
        v->type = YK_JSON_STRING;
        ok = parse_string(p, &v->str, &v->len);
        break;
    case 't':
        v->type = YK_JSON_BOOL;
        v->b = true;
        ok = literal(p, "true");
        break;
    case 'f':
        v->type = YK_JSON_BOOL;
        ok = literal(p, "false");
        break;
    case 'n':
        v->type = YK_JSON_NULL;
        ok = literal(p, "null");
        break;
    default:
        v->type = YK_JSON_INT;
        if (c == '-' || (c >= '0' && c <= '9'))
            ok = parse_number(p, &v->num);
        else
            ok = fail(p, "unexpected character");
        break;
    }
    return ok ? v : NULL;
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
    struct parser p = {.s = (const unsigned char *)text, .len = len, .doc = doc};
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
    if (len > p.lim.max_bytes) {
        fail(&p, "document too large");
        return false;
    }
    doc->strings = malloc(len + 1);
    if (!doc->strings) {
        fail(&p, "out of memory");
        return false;
    }
    struct yk_json *root = parse_value(&p, 0);
    if (root) {
        skip_ws(&p);
        if (p.pos != p.len) {
            fail(&p, "data after the value");
            root = NULL;
        }
    }
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
    if (w->len + n + 1 > w->cap) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap < w->len + n + 1)
            cap *= 2;
        char *b = realloc(w->buf, cap);
        if (!b) {
            w->failed = true;
            return;
        }
        w->buf = b;
        w->cap = cap;
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

void yk_jw_obj_begin(struct yk_jw *w) { jw_open(w, '{'); }
void yk_jw_obj_end(struct yk_jw *w) { jw_close(w, '}'); }
void yk_jw_arr_begin(struct yk_jw *w) { jw_open(w, '['); }
void yk_jw_arr_end(struct yk_jw *w) { jw_close(w, ']'); }

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
