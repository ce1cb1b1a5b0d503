#ifndef YK_HUB_STORE_DB_H
#define YK_HUB_STORE_DB_H

#include "hub/hub_store.h"

#include <sqlite3.h>

/* The store's connection, for the store's own files only (hub_store_*.c): nothing outside
 * them includes this. */

/* Takes the store for one call (its mutex; an open group commit is committed first) and
 * returns its connection, outside any transaction. Pair with yk_hub_store_release. */
sqlite3 *yk_hub_store_acquire(struct yk_hub_store *s);

/* Gives the store back. */
void yk_hub_store_release(struct yk_hub_store *s);

#endif
