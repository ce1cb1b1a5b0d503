#ifndef YK_BASE32_H
#define YK_BASE32_H

/* The one Crockford base32 of the project (https://www.crockford.com/base32.html): the
 * 32 symbols 0-9 A-Z without I, L, O and U, five bits each, most significant first.
 * Record ids (ids.h), ticket short codes (ticket.h) and the hub's setup codes are written
 * with it; what people type or scan is read back through yk_base32_fold /
 * yk_base32_normalize, which forgive case, '-' and spaces, and I/L/O for 1/1/0.
 * Nothing here allocates. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The 32 symbols in value order, NUL-terminated. */
extern const char yk_base32_alphabet[33];

/* Value 0..31 of a canonical symbol (upper case, one of the 32), or -1 for anything else
 * (lower case, I, L, O, U, '-', NUL, ...). */
int yk_base32_value(char c);

/* The canonical symbol a typed or scanned character stands for: a-z folded to upper case,
 * I and L read as 1, O as 0; 0 for any other character (U, '-', space and NUL included). */
char yk_base32_fold(char c);

/* Writes the big-endian number in bytes[0..nbytes) as exactly nchars symbols to out
 * (nchars + 1 bytes with the NUL), zero-padded at the front. nchars * 5 must be at least
 * nbytes * 8 (asserted). */
void yk_base32_encode(const uint8_t *bytes, size_t nbytes, char *out, size_t nchars);

/* Reads exactly nchars canonical symbols of s as the big-endian number of bytes[0..nbytes)
 * (nchars * 5 >= nbytes * 8, asserted). False (bytes zeroed) when a character is not
 * canonical or the number needs more than nbytes bytes (padding bits not zero). */
bool yk_base32_decode(const char *s, size_t nchars, uint8_t *bytes, size_t nbytes);

/* True when s is exactly len canonical symbols and nothing else (strict: the form this
 * program writes and stores). */
bool yk_base32_valid(const char *s, size_t len);

/* The number of symbols in a code as typed or scanned ('-' and spaces not counted), or -1
 * when it holds a character yk_base32_fold refuses. in must not be NULL. */
long yk_base32_symbols(const char *in);

/* Reads a code as a person typed or a scanner sent it: '-' and spaces dropped anywhere,
 * every other character through yk_base32_fold. Writes the len canonical symbols and a NUL
 * to out (len + 1 bytes) and returns true only when exactly len symbols remain; otherwise
 * returns false with out "" (a wrong character or count is never half-written). in may be
 * NULL (false). */
bool yk_base32_normalize(const char *in, char *out, size_t len);

#endif
