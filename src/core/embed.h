#ifndef YK_EMBED_H
#define YK_EMBED_H

#include <stddef.h>

/* A file compiled into the binary by yk_embed() (src/tools/embed.cmake).
 * data is NUL-terminated (data[size] == 0); tables end with an entry whose name is NULL. */
struct yk_embedded {
    const char *name;
    const unsigned char *data;
    size_t size;
};

extern const struct yk_embedded yk_embed_db[];     /* db/: migrations and sample content */
extern const struct yk_embedded yk_embed_assets[]; /* assets/: string catalog */

/* Returns the entry called name in table, or NULL. */
const struct yk_embedded *yk_embed_find(const struct yk_embedded *table, const char *name);

#endif
