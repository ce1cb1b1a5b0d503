#ifndef YK_SET_ASIDE_H
#define YK_SET_ASIDE_H

/* The records the hub set aside (sync_state 'rejected', the hub's reason in sync_rejects;
 * src/core/SYNC.md), described for people: for each, what kind of record it is, when it was
 * made and a line that tells it apart, read from the record's own table. Names only: no
 * phone number or other personal data is read. Volunteer mode lists them. */

#include "core/db.h"

#include <stdint.h>

struct yk_set_aside {
    char type[12];     /* "signup", "checkin", "walkin", "duty", "audit" */
    int64_t made_utc;  /* when the record was made (UTC seconds); when refused if it is gone */
    char what_zh[200]; /* event title, walk-in kind, volunteer or audit action; "" unknown */
    char what_en[200]; /* "" when the content has no English */
    char reason[40];   /* the hub's reason code */
};

/* The newest (at most max) set-aside records into out (the caller's array), newest first.
 * Returns how many, or -1 on a database or memory error (logged). */
int yk_set_aside_load(struct yk_db *db, struct yk_set_aside *out, int max);

#endif
