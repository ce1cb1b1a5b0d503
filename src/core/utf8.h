#ifndef YK_UTF8_H
#define YK_UTF8_H

/* The one UTF-8 decoder of the project. Strict everywhere it says "valid": a sequence is
 * valid only in its shortest form (no overlongs such as C0 AF), never a surrogate
 * (U+D800..U+DFFF), never above U+10FFFF, and never cut short. Every parser of outside
 * text (JSON, config, scanner input, sign-up names) decides with these functions, so they
 * cannot disagree. Nothing here allocates. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the valid UTF-8 sequence at s[0..n), or 0 when it is invalid, truncated
 * or n == 0. Reads bytes only while they can still belong to the sequence, so a
 * NUL-terminated string may be passed with n = SIZE_MAX. A NUL byte is a valid sequence. */
size_t yk_utf8_seq(const char *s, size_t n);

/* Decodes the code point at s[*i] (s holds n bytes) and advances *i past it. Returns the code
 * point, or -1 for an invalid or truncated sequence (then *i is unchanged). */
int32_t yk_utf8_next(const char *s, size_t n, size_t *i);

/* True when s[0..n) is valid UTF-8 and has no NUL byte. */
bool yk_utf8_valid(const char *s, size_t n);

/* Bytes to step over at s (NUL-terminated, s[0] != 0) when walking text for display: the
 * length of a valid sequence, else 1 (each invalid byte stands alone). */
size_t yk_utf8_len(const char *s);

/* Decodes the code point at s (NUL-terminated, s[0] != 0) for display: the code point of a
 * valid sequence, else U+FFFD; *len gets yk_utf8_len(s). */
unsigned yk_utf8_decode(const char *s, size_t *len);

/* Writes code point cp (<= U+10FFFF, not a surrogate) to out (room for 4 bytes) as UTF-8 and
 * returns the number of bytes (1..4), or 0 (nothing written) when cp cannot be encoded. */
size_t yk_utf8_encode(uint32_t cp, char out[4]);

/* The longest prefix of s[0..n) that is at most max bytes and does not end inside a
 * character: max when s[max] starts a character (or max >= n), else the start of the
 * character that straddles max. Looks only at continuation bytes, so it is safe on any
 * input and never cuts a valid sequence. */
size_t yk_utf8_prefix(const char *s, size_t n, size_t max);

/* Copies the NUL-terminated src (NULL = "") into dst of cap bytes (cap >= 1), cut at a
 * character boundary when it does not fit; dst is always NUL-terminated. Returns true
 * when the whole of src fitted. */
bool yk_utf8_copy(char *dst, size_t cap, const char *src);

#endif
