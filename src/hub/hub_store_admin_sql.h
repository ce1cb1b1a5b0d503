#ifndef YK_HUB_STORE_ADMIN_SQL_H
#define YK_HUB_STORE_ADMIN_SQL_H

#include "hub/hub_store.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The admin's SQL helpers, shared by hub_store_admin*.c (and hub_store_mine.c: the person's
 * own cancel goes through the admin's, yk_as_signup_change) only,
 * beside the store's own (hub_store_impl.h: yk_hs_lock, yk_hs_prep, ...). Each is called
 * with the store taken (yk_hs_lock). */

struct yk_hub_store;

/* Commits when ok, else (or when the commit fails) rolls back. True when committed. */
bool yk_as_finish(struct yk_hub_store *s, bool ok);

/* Column i as text into out (n bytes; "" for NULL), cut between characters when long. */
void yk_as_copy_col(sqlite3_stmt *st, int i, char *out, size_t n);

/* True for the content tables the admin edits. */
bool yk_as_is_content(const char *t);

/* True for a column name as the admin's code writes them ([a-z0-9_], 1..40). */
bool yk_as_col_ok(const char *c);

/* Row id of table (a content table) as JSON, hashes shown as "***"; NULL when absent. The
 * caller frees. */
char *yk_as_row_json(struct yk_hub_store *s, const char *table, const char *id);

/* The end of a change: when ok (and after is not NULL) writes its audit entry, then commits
 * if all went well, else rolls back. Frees before and after (JSON, NULL-safe). OK or ERROR. */
enum yk_hub_rc yk_as_audit_finish(struct yk_hub_store *s, bool ok, const char *actor,
                                  const char *action, const char *target, char *before, char *after,
                                  int64_t now);

/* Writes an audit entry (inside the caller's transaction). */
bool yk_as_audit(struct yk_hub_store *s, const char *actor, const char *action, const char *target,
                 const char *before, const char *after, int64_t now);

/* The body of yk_admin_signup_change (hub_store_admin.h: cancel, or move up from the
 * waitlist) inside the caller's transaction: the one home of a cancel's rule on the hub (the
 * ticket into revocations, the freed seats to the waitlist in order, the kiosk told through
 * the change log, the audit entry under actor without name or phone). OK: done, the caller
 * commits; INVALID (already cancelled, or a move up that does not fit: err, YK_ADMIN_ERR_MAX
 * bytes (hub_store_admin.h; not included here, which includes this), says why for a person)
 * and NOT_FOUND: nothing changed; ERROR: roll back. */
enum yk_hub_rc yk_as_signup_change(struct yk_hub_store *s, const char *actor, const char *id,
                                   bool promote, int64_t now, char *err);

#endif
