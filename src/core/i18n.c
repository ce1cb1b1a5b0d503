#include "core/i18n.h"

#include "core/embed.h"
#include "core/grow.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const struct yk_i18n_entry *)a)->key, ((const struct yk_i18n_entry *)b)->key);
}

/* Turns the two-character escape "\n" into a newline, in place. */
static void unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (r[0] == '\\' && r[1] == 'n') {
            *w++ = '\n';
            r++;
        } else {
            *w++ = *r;
        }
    }
    *w = 0;
}

bool yk_i18n_load(struct yk_i18n *cat, const char *text, size_t len, char *err, size_t errn)
{
    memset(cat, 0, sizeof *cat);
    cat->storage = malloc(len + 1);
    size_t cap = 0;
    if (!cat->storage || !yk_grow((void **)&cat->entries, &cap, 64, sizeof *cat->entries)) {
        snprintf(err, errn, "out of memory");
        goto fail;
    }
    memcpy(cat->storage, text, len);
    cat->storage[len] = 0;
    int lineno = 0;
    char *save = NULL;
    for (char *p = cat->storage; p && *p;) {
        char *line = p;
        char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        lineno++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = 0;
        if (l == 0 || line[0] == '#')
            continue;
        char *f[3];
        f[0] = strtok_r(line, "\t", &save);
        f[1] = strtok_r(NULL, "\t", &save);
        f[2] = strtok_r(NULL, "\t", &save);
        if (!f[0] || !f[1] || !f[2] || strtok_r(NULL, "\t", &save)) {
            snprintf(err, errn, "%d: expected key<TAB>zh<TAB>en", lineno);
            goto fail;
        }
        if (!yk_grow((void **)&cat->entries, &cap, (size_t)cat->count + 1, sizeof *cat->entries)) {
            snprintf(err, errn, "out of memory");
            goto fail;
        }
        unescape(f[1]);
        unescape(f[2]);
        cat->entries[cat->count++] = (struct yk_i18n_entry){f[0], {f[1], f[2]}};
    }
    qsort(cat->entries, cat->count, sizeof *cat->entries, cmp_entry);
    for (size_t i = 1; i < cat->count; i++) {
        if (strcmp(cat->entries[i - 1].key, cat->entries[i].key) == 0) {
            snprintf(err, errn, "duplicate key '%s'", cat->entries[i].key);
            goto fail;
        }
    }
    return true;
fail:
    yk_i18n_destroy(cat);
    return false;
}

bool yk_i18n_load_embedded(struct yk_i18n *cat, const struct yk_embedded *table, char *err,
                           size_t errn)
{
    memset(cat, 0, sizeof *cat);
    size_t total = 0;
    for (const struct yk_embedded *e = table; e->name; e++)
        if (strstr(e->name, ".tsv"))
            total += e->size + 1;
    if (total == 0) {
        snprintf(err, errn, "no string catalog in the build");
        return false;
    }
    char *all = malloc(total + 1);
    if (!all) {
        snprintf(err, errn, "out of memory");
        return false;
    }
    size_t n = 0;
    for (const struct yk_embedded *e = table; e->name; e++) {
        if (!strstr(e->name, ".tsv"))
            continue;
        memcpy(all + n, e->data, e->size);
        n += e->size;
        all[n++] = '\n'; /* a file without a final newline must not join the next one */
    }
    all[n] = 0;
    bool ok = yk_i18n_load(cat, all, n, err, errn);
    free(all);
    return ok;
}

void yk_i18n_destroy(struct yk_i18n *cat)
{
    free(cat->entries);
    free(cat->storage);
    memset(cat, 0, sizeof *cat);
}

static const struct yk_i18n_entry *find(const struct yk_i18n *cat, const char *key)
{
    if (!cat->count)
        return NULL;
    struct yk_i18n_entry k = {key, {NULL, NULL}};
    return bsearch(&k, cat->entries, cat->count, sizeof k, cmp_entry);
}

const char *yk_i18n_get(const struct yk_i18n *cat, const char *key, enum yk_lang lang)
{
    const struct yk_i18n_entry *e = find(cat, key);
    if (!e) {
        yk_warn("i18n", "missing string '%s'", key);
        return key;
    }
    return e->text[lang];
}

bool yk_i18n_has(const struct yk_i18n *cat, const char *key)
{
    return find(cat, key) != NULL;
}

const char *yk_pick(enum yk_lang lang, const char *zh, const char *en)
{
    if (lang == YK_LANG_EN && en && *en)
        return en;
    return zh;
}

const char *yk_lang_code(enum yk_lang lang)
{
    return lang == YK_LANG_EN ? "en" : "zh";
}
