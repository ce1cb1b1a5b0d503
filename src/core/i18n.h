#ifndef YK_I18N_H
#define YK_I18N_H

#include <stdbool.h>
#include <stddef.h>

/* UI strings come from the catalog assets/strings.tsv (compiled in): one string per line,
 * "key<TAB>中文<TAB>English"; '#' starts a comment line. "\n" in a field is a line break. */

enum yk_lang { YK_LANG_ZH = 0, YK_LANG_EN = 1 };

struct yk_i18n_entry {
    const char *key;
    const char *text[2]; /* indexed by enum yk_lang */
};

struct yk_i18n {
    struct yk_i18n_entry *entries; /* sorted by key */
    size_t count;
    char *storage;
};

/* Parses a catalog. On error (a line without three fields, an empty field, a duplicate
 * key) writes "LINE: message" into err and returns false, leaving *cat empty. */
bool yk_i18n_load(struct yk_i18n *cat, const char *text, size_t len, char *err, size_t errn);

struct yk_embedded;

/* Loads every ".tsv" entry of an embedded table (assets/: one file per area of the UI) as
 * one catalog; keys must be unique across the files. As yk_i18n_load otherwise. */
bool yk_i18n_load_embedded(struct yk_i18n *cat, const struct yk_embedded *table, char *err,
                           size_t errn);

/* Frees the catalog's memory. Safe on a zeroed or destroyed catalog. */
void yk_i18n_destroy(struct yk_i18n *cat);

/* The string for key in lang. A missing key returns the key itself (so the gap is visible
 * in screenshots and caught by tests), never NULL. */
const char *yk_i18n_get(const struct yk_i18n *cat, const char *key, enum yk_lang lang);

/* True when key is in the catalog. */
bool yk_i18n_has(const struct yk_i18n *cat, const char *key);

/* Content fallback, the same everywhere: English when asked for and present, else Chinese.
 * Returns NULL only when zh is NULL and en is not used. */
const char *yk_pick(enum yk_lang lang, const char *zh, const char *en);

/* Marks a catalog key that the code looks up indirectly (from a table), so the test that
 * checks every key used exists in assets/strings.tsv finds it too. */
#define YK_N(key) key

/* "zh" or "en". */
const char *yk_lang_code(enum yk_lang lang);

#endif
