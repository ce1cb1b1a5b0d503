#ifndef YK_SYNC_INTERNAL_H
#define YK_SYNC_INTERNAL_H

/* Private to the sync_*.c files (the public API is sync.h). */

#include "core/sync.h"

/* A sign-up's status as the hub decided it (in a push answer, a confirmation or a page).
 * Pending or waitlisted sign-ups become confirmed or waitlist; any sign-up may become
 * cancelled (the station's staff cancelled it in the hub's admin); a confirmed sign-up is
 * never taken back otherwise, and a cancelled one stays cancelled. *cache holds the
 * prepared statement between calls (the caller finalizes it). Returns 1 changed, 0 not,
 * -1 error (logged). */
int yk_sync_apply_decision(struct yk_db *db, sqlite3_stmt **cache, const char *id,
                           const char *status, int64_t updated_utc);

/* The mailbox (sync_mailbox.c) for the other hand-overs (sync_mine.c): whether a request may
 * be made now (a worker runs and the last round reached the hub), and a change to count for
 * yk_sync_wait_change. Both thread-safe. */
bool yk_sync_mailbox_can_ask(void);
void yk_sync_mailbox_changed(void);

#endif
