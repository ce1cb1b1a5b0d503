#ifndef YK_VOLUNTEER_INTERNAL_H
#define YK_VOLUNTEER_INTERNAL_H

/* Private to volunteer.c (the PIN pad, the shared SQL helpers), volunteer_checkin.c
 * (check-in) and volunteer_duty.c (walk-ins, duty, the day's summary); the public API is
 * volunteer.h. */

#include "core/volunteer.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Logs a failed database step with what was being done ("read the duty log") and leaves the
 * message in db->error. */
void yk_vol_db_fail(struct yk_db *db, const char *what);

/* Runs a prepared statement that returns no rows, then finalizes it; false (logged) when it
 * does not finish. */
bool yk_vol_exec_done(struct yk_db *db, sqlite3_stmt *st, const char *what);

/* Appends an audit entry (an action code and the id it touched; never personal data). */
bool yk_vol_audit(struct yk_db *db, const char *what, const char *ref, int64_t now_ms);

/* What a row reader did with one row. */
enum row_rc {
    ROW_KEEP, /* the item is filled (or half filled, *oom set): it counts */
    ROW_SKIP, /* the row is not wanted (nothing was allocated for it) */
    ROW_FAIL, /* stop: the reader logged why (nothing was allocated for the item) */
};
typedef enum row_rc (*row_fn)(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom);

/* Steps st to its end, appending one zeroed item of size bytes per row to the array *items
 * (*count items, grown with yk_grow) and filling it with fill; finalizes st. Returns false
 * when memory runs out, fill fails or the database does, each logged with what ("read the
 * duty log"). The items made so far stay in *items either way: the caller frees them. */
bool yk_vol_read_rows(struct yk_db *db, sqlite3_stmt *st, const char *what, void **items,
                      size_t *count, size_t size, row_fn fill, void *ctx);

/* A text column, or NULL for SQL NULL (owned by st until its next step). */
static inline const char *col_text(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
                                                     : (const char *)sqlite3_column_text(st, i);
}

/* A heap copy of a text column (NULL stays NULL); *oom set when the copy fails. */
static inline char *col_dup(sqlite3_stmt *st, int i, bool *oom)
{
    const char *s = col_text(st, i);
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = true;
    return d;
}

/* Binds s as text, or NULL when s is NULL. */
static inline bool bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return (s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i)) ==
           SQLITE_OK;
}

/* a / b rounded towards minus infinity. */
static inline long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Unix seconds of unix milliseconds (rounded down, also before 1970). */
static inline long long utc_s(int64_t ms)
{
    return floor_div(ms, 1000);
}

/* The kiosk a record is written for: the given one, or this kiosk. */
static inline const char *kiosk_or_self(struct yk_db *db, const char *kiosk_id)
{
    return kiosk_id ? kiosk_id : yk_db_kiosk_id(db);
}

#endif
