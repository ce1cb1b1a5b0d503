#include "core/embed.h"

#include <string.h>

const struct yk_embedded *yk_embed_find(const struct yk_embedded *table, const char *name)
{
    for (; table->name; table++)
        if (strcmp(table->name, name) == 0)
            return table;
    return NULL;
}
