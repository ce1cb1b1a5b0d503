#ifndef YK_HUB_STORE_ADMIN_SQL_H
#define YK_HUB_STORE_ADMIN_SQL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* SQL helpers shared by hub_store_admin.c and hub_store_admin_content.c only. Each is called
 * with the store taken (yk_hub_store_acquire). */

/* Prepares sql; NULL on error (logged). */
sqlite3_stmt *yk_as_prep(sqlite3 *db, const char *sql);

/* Runs sql (no parameters); false on error (logged). */
bool yk_as_exec(sqlite3 *db, const char *sql);

/* Binds v (copied) or NULL. */
void yk_as_bind_str(sqlite3_stmt *st, int i, const char *v);

/* Steps st once (to its end or first row) and finalizes it; NULL st is false. */
bool yk_as_run(sqlite3 *db, sqlite3_stmt *st);

/* Commits when ok, else (or when the commit fails) rolls back. True when committed. */
bool yk_as_finish(sqlite3 *db, bool ok);

/* Column i as text into out (n bytes; "" for NULL). */
void yk_as_copy_col(sqlite3_stmt *st, int i, char *out, size_t n);

/* True for the content tables the admin edits. */
bool yk_as_is_content(const char *t);

/* True for a column name as the admin's code writes them ([a-z0-9_], 1..40). */
bool yk_as_col_ok(const char *c);

/* Row id of table (a content table) as JSON, hashes shown as "***"; NULL when absent. The
 * caller frees. */
char *yk_as_row_json(sqlite3 *db, const char *table, const char *id);

/* Writes an audit entry (inside the caller's transaction). */
bool yk_as_audit(sqlite3 *db, const char *actor, const char *action, const char *target,
                 const char *before, const char *after, int64_t now);

#endif
