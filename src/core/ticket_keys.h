#ifndef YK_TICKET_KEYS_H
#define YK_TICKET_KEYS_H

#include "core/db.h"
#include "core/ticket.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tickets against this kiosk's files and database: its signing key in the data directory
 * (and its row in kiosk_keys), and verification against the keys, revocations and
 * cancelled sign-ups the database holds. Above ticket.h (the format) and signup.h (a
 * cancelled sign-up's ticket is refused); see TICKETS.md. */

/* Reads <data_dir>/ticket-key, or makes a new key pair and writes it there atomically
 * (temp file, fsync, link; mode 0600, never replacing an existing file) when it is absent or
 * when kiosk_keys says this key is revoked or expired at now_utc_s. Registers the public key
 * in kiosk_keys (this kiosk's row, valid from now) when missing. A file that exists but is
 * malformed, or is not owned by this user, is an error (never overwritten: it may have signed
 * tickets). A group/world-readable file is tightened to 0600 with a warning.
 * Returns false on error (logged with the cause); *k is then zeroed. Destroy with
 * yk_ticket_keys_destroy. */
bool yk_ticket_keys_load_or_create(struct yk_ticket_keys *k, const char *data_dir, struct yk_db *db,
                                   int64_t now_utc_s);

/* yk_ticket_verify against the kiosk_keys table (rows not deleted), then refuses tickets in
 * revocations or cancelled on this kiosk (REVOKED_TICKET), then, when expect_event_id is not
 * NULL, tickets for another event (WRONG_EVENT). Offline: reads only the local database. */
enum yk_ticket_rc yk_ticket_verify_db(struct yk_db *db, const char *text, size_t len,
                                      const char *expect_event_id, struct yk_ticket *out);

#endif
