#ifndef YK_HUB_LIMIT_H
#define YK_HUB_LIMIT_H

#include <stdint.h>

/* Failed guesses per client address, with a growing delay: after YK_HUB_LIMIT_FREE failures
 * in a row an address must wait 1 s before its next try, then 2 s, 4 s, ... up to
 * YK_HUB_LIMIT_MAX_WAIT_S; an hour without a failure forgets it. Used for what can be
 * guessed: ticket look-ups (/T/), enrolment (setup codes), unknown /s/ station ids, and (in
 * a table of the store's, keyed "kiosk:<id>") a kiosk's look-ups of a person's sign-ups that
 * found nothing. Thread-safe; a fixed table (YK_HUB_LIMIT_SLOTS addresses, placed by a keyed
 * hash into one of 16 slots from it, so addresses cannot be chosen to push each other out, and
 * one lands on a busy slot's neighbour rather than escaping its count). */

#define YK_HUB_LIMIT_FREE 10
#define YK_HUB_LIMIT_MAX_WAIT_S (15 * 60)
#define YK_HUB_LIMIT_SLOTS 4096

struct yk_hub_limit;

/* A new, empty table; NULL when out of memory. Free with yk_hub_limit_free (NULL-safe). */
struct yk_hub_limit *yk_hub_limit_new(void);
void yk_hub_limit_free(struct yk_hub_limit *l);

/* addr is the key of a count: a client's address (at most 47 bytes), or one of its counts
 * kept apart under a short prefix (hub_http.c: "s <address>" for station pages).
 * 0 when addr may try at now_ms, else the whole seconds it must still wait (>= 1). */
int64_t yk_hub_limit_wait(struct yk_hub_limit *l, const char *addr, int64_t now_ms);

/* Records a failure of addr at now_ms; returns its failures in a row (its delay grows). */
unsigned yk_hub_limit_fail(struct yk_hub_limit *l, const char *addr, int64_t now_ms);

#endif
