#include "hub/admin_form.h"

#include "core/json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Valid UTF-8 (yk_json_utf8_valid) without control characters but tab, CR and LF. */
static bool text_ok(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') || s[i] == 0x7f)
            return false;
    return yk_json_utf8_valid((const char *)s, n);
}

/* A copy of s (n bytes) with CR LF as LF, if it is acceptable text; else NULL. */
static char *text_copy(const char *s, size_t n)
{
    if (n > YK_FORM_MAX_VALUE || !text_ok((const unsigned char *)s, n))
        return NULL;
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            out[k++] = s[i];
    out[k] = '\0';
    return out;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decodes s (n bytes; '+' is a space) and checks it as text. NULL when bad. */
static char *url_decode(const char *s, size_t n)
{
    if (n > 3 * YK_FORM_MAX_VALUE)
        return NULL;
    char *raw = malloc(n + 1);
    if (!raw)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            raw[k++] = ' ';
        } else if (s[i] == '%') {
            int h = i + 2 < n ? hexval(s[i + 1]) : -1, l = h >= 0 ? hexval(s[i + 2]) : -1;
            if (l < 0) {
                free(raw);
                return NULL;
            }
            raw[k++] = (char)(h << 4 | l);
            i += 2;
        } else {
            raw[k++] = s[i];
        }
    }
    char *out = text_copy(raw, k);
    free(raw);
    return out;
}

static bool add(struct yk_form *f, char *name, char *value)
{
    if (!name || !value || f->n == YK_FORM_MAX_FIELDS) {
        free(name);
        free(value);
        return false;
    }
    f->name[f->n] = name;
    f->value[f->n++] = value;
    return true;
}

static bool parse_urlencoded(const char *b, size_t len, struct yk_form *f)
{
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(b + i, '&', len - i);
        size_t end = amp ? (size_t)(amp - b) : len;
        if (end > i) {
            const char *eq = memchr(b + i, '=', end - i);
            size_t ne = eq ? (size_t)(eq - b) : end;
            if (!add(f, url_decode(b + i, ne - i),
                     eq ? url_decode(eq + 1, end - ne - 1) : text_copy("", 0)))
                return false;
        }
        i = end + 1;
    }
    return true;
}

static const char *find(const char *h, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || hn < nn)
        return NULL;
    for (size_t i = 0; i + nn <= hn; i++)
        if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
            return h + i;
    return NULL;
}

/* The value of parameter key (e.g. name="x") in a header value, copied; NULL when absent. */
static char *header_param(const char *h, size_t n, const char *key)
{
    size_t kl = strlen(key);
    for (size_t i = 0; i + kl + 1 < n; i++) {
        if ((i == 0 || h[i - 1] == ';' || h[i - 1] == ' ') && strncasecmp(h + i, key, kl) == 0 &&
            h[i + kl] == '=') {
            const char *v = h + i + kl + 1, *end = h + n;
            if (v < end && *v == '"') {
                const char *q = memchr(v + 1, '"', (size_t)(end - v - 1));
                return q ? text_copy(v + 1, (size_t)(q - v - 1)) : NULL;
            }
            const char *e = v;
            while (e < end && *e != ';' && *e != ' ')
                e++;
            return text_copy(v, (size_t)(e - v));
        }
    }
    return NULL;
}

static bool parse_multipart(const char *ctype, const char *b, size_t len, struct yk_form *f)
{
    char *boundary = header_param(ctype, strlen(ctype), "boundary");
    size_t bl = boundary ? strlen(boundary) : 0;
    if (bl == 0 || bl > 70) {
        free(boundary);
        return false;
    }
    char delim[80];
    delim[0] = '-';
    delim[1] = '-';
    memcpy(delim + 2, boundary, bl);
    free(boundary);
    size_t dl = bl + 2;
    const char *p = find(b, len, delim, dl);
    if (!p || p != b)
        return false;
    const char *end = b + len;
    p += dl;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            return true; /* the closing delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
            return false;
        p += 2;
        const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!hend)
            return false;
        char *name = NULL, *filename = NULL, *ptype = NULL;
        bool seen_cd = false, seen_type = false; /* only a part's first of each counts */
        for (const char *h = p; h < hend;) {
            const char *eol = find(h, (size_t)(hend - h), "\r\n", 2);
            if (!eol)
                eol = hend;
            size_t hl = (size_t)(eol - h);
            if (hl > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0 && !seen_cd) {
                seen_cd = true;
                name = header_param(h + 20, hl - 20, "name");
                filename = header_param(h + 20, hl - 20, "filename");
            } else if (hl > 13 && strncasecmp(h, "Content-Type:", 13) == 0 && !seen_type) {
                seen_type = true;
                size_t o = 13;
                while (o < hl && h[o] == ' ')
                    o++;
                ptype = text_copy(h + o, hl - o);
            }
            h = eol + 2;
        }
        const char *data = hend + 4;
        /* The part ends at CR LF + delimiter. */
        char tail[84] = "\r\n";
        memcpy(tail + 2, delim, dl);
        const char *next = find(data, (size_t)(end - data), tail, dl + 2);
        if (!name || !next || f->n == YK_FORM_MAX_FIELDS) {
            free(name);
            free(filename);
            free(ptype);
            return false;
        }
        if (filename) {
            f->file[f->n] = (struct yk_form_file){.filename = filename,
                                                  .content_type = ptype ? ptype : NULL,
                                                  .data = data,
                                                  .len = (size_t)(next - data)};
            if (!add(f, name, text_copy("", 0))) {
                free(filename);
                free(ptype);
                f->file[f->n] = (struct yk_form_file){0};
                return false;
            }
        } else {
            free(ptype);
            if (!add(f, name, text_copy(data, (size_t)(next - data))))
                return false;
        }
        p = next + 2 + dl;
    }
}

bool yk_form_parse(const char *ctype, const char *body, size_t len, struct yk_form *f)
{
    memset(f, 0, sizeof *f);
    if (!ctype)
        return false;
    bool ok = false;
    if (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) == 0)
        ok = parse_urlencoded(body ? body : "", body ? len : 0, f);
    else if (strncasecmp(ctype, "multipart/form-data", 19) == 0 && body)
        ok = parse_multipart(ctype, body, len, f);
    if (!ok)
        yk_form_free(f);
    return ok;
}

const char *yk_form_get(const struct yk_form *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0 && !f->file[i].data)
            return f->value[i];
    return NULL;
}

const struct yk_form_file *yk_form_file(const struct yk_form *f, const char *name)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->name[i], name) == 0 && f->file[i].data)
            return &f->file[i];
    return NULL;
}

void yk_form_free(struct yk_form *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n; i++) {
        free(f->name[i]);
        free(f->value[i]);
        free((char *)f->file[i].filename);
        free((char *)f->file[i].content_type);
    }
    memset(f, 0, sizeof *f);
}

bool yk_cookie_get(const char *header, const char *name, char *out, size_t n)
{
    size_t nl = strlen(name);
    for (const char *p = header; p && *p;) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *e = strchr(p, ';');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            size_t vl = l - nl - 1;
            while (vl && p[nl + 1 + vl - 1] == ' ')
                vl--;
            if (vl == 0 || vl >= n)
                return false;
            memcpy(out, p + nl + 1, vl);
            out[vl] = '\0';
            return true;
        }
        p += l;
    }
    return false;
}
