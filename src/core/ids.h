#ifndef YK_IDS_H
#define YK_IDS_H

#include <stdbool.h>

/* Ids for every row the kiosk makes (sign-ups, check-ins, walk-ins, duty log, audit log)
 * and for the kiosk itself. The format is ULID: 48 bits of unix milliseconds then 80 random
 * bits (libsodium randombytes_buf), as 26 Crockford base32 characters, upper case
 * ("0123456789ABCDEFGHJKMNPQRSTVWXYZ"). 80 random bits make a collision between kiosks
 * negligible, so the hub can use the id as the idempotency key of an upload; ids sort by
 * creation time (ids made in the same millisecond sort in random order). */

#define YK_ID_LEN 26

/* Writes a new id for the time unix_ms (0 <= unix_ms < 2^48) into out, NUL-terminated.
 * The time comes from the caller so that tests can drive the clock. Thread-safe. */
void yk_id_make(char out[YK_ID_LEN + 1], long long unix_ms);

/* True when s is exactly YK_ID_LEN characters of the upper-case alphabet and fits in
 * 128 bits (first character 0..7). */
bool yk_id_valid(const char *s);

/* The unix milliseconds encoded in the id s, or -1 when s is not a valid id. */
long long yk_id_time_ms(const char *s);

#endif
