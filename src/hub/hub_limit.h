#ifndef YK_HUB_LIMIT_H
#define YK_HUB_LIMIT_H

#include <stdint.h>

/* Failed guesses per client address and kind of guess, with a growing delay: after
 * YK_HUB_LIMIT_FREE failures in a row an address must wait 1 s before its next try of that
 * kind, then 2 s, 4 s, ... up to YK_HUB_LIMIT_MAX_WAIT_S; an hour without a failure forgets
 * it. Used for what can be guessed: ticket look-ups (/T/) and enrolment (setup codes), and
 * station ids of the public page (/s/). Thread-safe; a fixed table (YK_HUB_LIMIT_SLOTS
 * counts, placed by a keyed hash, so addresses cannot be chosen to push each other out). */

#define YK_HUB_LIMIT_FREE 10
#define YK_HUB_LIMIT_MAX_WAIT_S (15 * 60)
#define YK_HUB_LIMIT_SLOTS 4096

/* What is guessed. Each kind is counted apart for an address, so that a visitor who mistypes
 * a station link never has to wait for their own ticket. The two secrets (ticket codes,
 * setup codes) share one count: guessing either spends the same tries. */
enum yk_hub_guess {
    YK_HUB_GUESS_SECRET,  /* /T/ ticket look-ups, enrolment */
    YK_HUB_GUESS_STATION, /* the public page's /s/STATION_ID: not secret, but each miss costs a
                             look-up */
};

struct yk_hub_limit;

/* A new, empty table; NULL when out of memory. Free with yk_hub_limit_free (NULL-safe). */
struct yk_hub_limit *yk_hub_limit_new(void);
void yk_hub_limit_free(struct yk_hub_limit *l);

/* 0 when addr may try a guess of kind at now_ms, else the whole seconds it must still wait
 * (>= 1). */
int64_t yk_hub_limit_wait(struct yk_hub_limit *l, enum yk_hub_guess kind, const char *addr,
                          int64_t now_ms);

/* Records a failed guess of kind by addr at now_ms; returns its failures of that kind in a
 * row (its delay grows). */
unsigned yk_hub_limit_fail(struct yk_hub_limit *l, enum yk_hub_guess kind, const char *addr,
                           int64_t now_ms);

#endif
