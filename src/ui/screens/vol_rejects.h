#ifndef YK_VOL_REJECTS_H
#define YK_VOL_REJECTS_H

/* Volunteer mode's list of the records the hub set aside (sync_state 'rejected', the hub's
 * reason in sync_rejects; src/core/SYNC.md): for each, what kind of record it is, when it
 * was made and a line that tells it apart, read once when the list opens. Names only: no
 * phone number or other personal data is read. */

#include "core/db.h"

#include <stdint.h>

struct yk_vol_reject {
    char type[12];        /* "signup", "checkin", "walkin", "duty", "audit" */
    int64_t made_utc;     /* when the record was made (UTC seconds); 0 when not found */
    char what_zh[200];    /* event title, walk-in kind, volunteer or audit action; "" unknown */
    char what_en[200];    /* "" when the content has no English */
    char reason[40];      /* the hub's reason code */
};

/* The newest (at most max) set-aside records into out, newest first. Returns how many, or
 * -1 on a database error (logged). */
int yk_vol_rejects_load(struct yk_db *db, struct yk_vol_reject *out, int max);

/* The catalog key of a record type in words ("vol.rej.k.signup", ...), or NULL. */
const char *yk_vol_reject_kind_key(const char *type);

/* The catalog key of a hub reason in words ("vol.rej.r.wrong_kiosk", ...), or NULL for a
 * reason this build does not know (then it is shown as the hub sent it). */
const char *yk_vol_reject_reason_key(const char *reason);

#endif
