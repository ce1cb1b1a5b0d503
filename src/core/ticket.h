#ifndef YK_TICKET_H
#define YK_TICKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Signed tickets: the kiosk's Ed25519 key pair, ticket codes (sign, encode, decode, verify
 * offline), the URL the ticket's QR code carries and the short code for typing. Pure: no
 * files, no database (ticket_keys.h has those). The format and why it is so:
 * src/core/TICKETS.md.
 *
 * A ticket code is YK_TICKET_DIGITS decimal digits: a USB scanner types digits the same on
 * any keyboard layout, and a QR code stores them in numeric mode (3 digits in 10 bits).
 * Any kiosk verifies any ticket offline against the public keys in its kiosk_keys table. */

#define YK_TICKET_VERSION 1
#define YK_TICKET_KEY_ID_LEN 4      /* bytes: the first bytes of BLAKE2b(public key) */
#define YK_TICKET_SIG_LEN 64        /* Ed25519 */
#define YK_TICKET_PUBLIC_KEY_LEN 32 /* Ed25519 */
#define YK_TICKET_SECRET_KEY_LEN 64 /* libsodium's seed + public key */
#define YK_TICKET_BYTES 78          /* the binary ticket after the version, signature included */
/* The code: a version digit, then YK_TICKET_BYTES as a 188-digit decimal number. */
#define YK_TICKET_DIGITS 189
#define YK_TICKET_SHORT_LEN 8 /* Crockford base32 characters */
#define YK_TICKET_URL_MAX 600 /* buffer size for yk_ticket_url (base < 400 bytes) */
/* The QR base when no hub_url is configured: .invalid never resolves (RFC 2606). Upper case
 * so that a QR code stores it in alphanumeric mode; see TICKETS.md. */
#define YK_TICKET_PLACEHOLDER_BASE "HTTPS://YIKONG.INVALID/T/"
#define YK_TICKET_KEY_FILE "ticket-key" /* in the data directory, mode 0600 */

/* A decoded ticket. Fields are plain numbers; signature covers all of them. */
struct yk_ticket {
    uint8_t version;                      /* YK_TICKET_VERSION */
    uint8_t key_id[YK_TICKET_KEY_ID_LEN]; /* which key signed it */
    uint32_t event_hash;                  /* yk_ticket_event_hash(event id) */
    uint32_t serial;                      /* per issuing kiosk, from 1 */
    uint16_t issue_day;                   /* UTC days since 1970-01-01 when issued */
    uint8_t signature[YK_TICKET_SIG_LEN];
};

/* This kiosk's signing key. The secret stays in memory only as long as the struct lives. */
struct yk_ticket_keys {
    uint8_t secret_key[YK_TICKET_SECRET_KEY_LEN];
    uint8_t public_key[YK_TICKET_PUBLIC_KEY_LEN];
    uint8_t key_id[YK_TICKET_KEY_ID_LEN];
    char key_id_hex[2 * YK_TICKET_KEY_ID_LEN + 1]; /* kiosk_keys.key_id: lowercase hex */
    bool created;                                  /* this call made a new key pair */
};

/* A public key a verifier trusts, with the time after which its tickets are refused. */
struct yk_ticket_pubkey {
    uint8_t public_key[YK_TICKET_PUBLIC_KEY_LEN];
    int64_t cutoff_utc; /* 0 = none; else tickets issued on or after its UTC day are refused
                           (kiosk_keys: the earlier of revoked_utc and valid_until_utc) */
};

enum yk_ticket_rc {
    YK_TICKET_OK,
    YK_TICKET_BAD_FORMAT,     /* not a ticket: wrong length, not digits, unknown version */
    YK_TICKET_BAD_SIGNATURE,  /* a known key, but the code was altered or forged */
    YK_TICKET_UNKNOWN_KEY,    /* signed by a key not (yet) in kiosk_keys */
    YK_TICKET_REVOKED_KEY,    /* issued on or after its key's revocation or expiry day */
    YK_TICKET_REVOKED_TICKET, /* listed in revocations, or cancelled on this kiosk */
    YK_TICKET_WRONG_EVENT,    /* valid, but for another event */
    YK_TICKET_ERROR,          /* the database failed (logged) */
};

/* A short English name of rc ("ok", "bad-format", ...), for logs and tests. Static. */
const char *yk_ticket_rc_name(enum yk_ticket_rc rc);

/* Keys ------------------------------------------------------------------------------------ */

/* Makes keys from a 32-byte seed, in memory only (tests, the fuzzer, the benchmark). */
void yk_ticket_keys_from_seed(struct yk_ticket_keys *k, const uint8_t seed[32]);

/* Makes a new random key pair, in memory only (ticket_keys.h stores one). */
void yk_ticket_keys_generate(struct yk_ticket_keys *k);

/* Wipes the secret key. NULL-safe. */
void yk_ticket_keys_destroy(struct yk_ticket_keys *k);

/* The key id of a public key (the first YK_TICKET_KEY_ID_LEN bytes of its BLAKE2b hash). */
void yk_ticket_key_id(const uint8_t public_key[YK_TICKET_PUBLIC_KEY_LEN],
                      uint8_t out[YK_TICKET_KEY_ID_LEN]);

/* Codes ------------------------------------------------------------------------------------ */

/* The 32-bit reference a ticket carries for the event id (BLAKE2b, domain-separated). */
uint32_t yk_ticket_event_hash(const char *event_id);

/* True when ticket t is for the event event_id. */
bool yk_ticket_event_matches(const struct yk_ticket *t, const char *event_id);

/* Signs a ticket for event_id and serial, issued at now_utc_s, into *out. */
void yk_ticket_sign(const struct yk_ticket_keys *k, const char *event_id, uint32_t serial,
                    int64_t now_utc_s, struct yk_ticket *out);

/* Writes t (signature included, not checked; version 1..9) as YK_TICKET_DIGITS digits and a
 * NUL. */
void yk_ticket_encode(const struct yk_ticket *t, char out[YK_TICKET_DIGITS + 1]);

/* Finds the code in text (len bytes, NUL not needed): the whole text, or a URL ending in
 * "/" + code, as a scanner types it (leading and trailing whitespace and control characters
 * such as a scanner's Enter are ignored; the part before the code is not, since other
 * keyboard layouts change its letters and punctuation, only required to end in a non-digit).
 * The code must be exactly YK_TICKET_DIGITS digits. Copies it into out; false if none. */
bool yk_ticket_extract(const char *text, size_t len, char out[YK_TICKET_DIGITS + 1]);

/* Decodes the code in text (see yk_ticket_extract) into *out without checking the signature:
 * YK_TICKET_OK or YK_TICKET_BAD_FORMAT (*out then zeroed). */
enum yk_ticket_rc yk_ticket_decode(const char *text, size_t len, struct yk_ticket *out);

/* Decodes and verifies text against the n trusted keys (the key id picks the candidates; the
 * signature decides): OK, BAD_FORMAT, UNKNOWN_KEY, BAD_SIGNATURE or REVOKED_KEY. *out holds
 * the decoded fields whenever the format was right (zeroed on BAD_FORMAT). Pure: no database,
 * no clock. */
enum yk_ticket_rc yk_ticket_verify(const char *text, size_t len,
                                   const struct yk_ticket_pubkey *keys, size_t n,
                                   struct yk_ticket *out);

/* The short code people type on the volunteer pad: YK_TICKET_SHORT_LEN Crockford base32
 * characters derived from the whole ticket (40 bits of its hash). Show it as XXXX-XXXX. */
void yk_ticket_short_code(const struct yk_ticket *t, char out[YK_TICKET_SHORT_LEN + 1]);

/* Normalises what a person typed as a short code: case, hyphens and spaces ignored, I and L
 * read as 1, O as 0 (Crockford). False (out "") unless exactly YK_TICKET_SHORT_LEN symbols. */
bool yk_ticket_short_normalize(const char *in, char out[YK_TICKET_SHORT_LEN + 1]);

/* The QR text for a code: hub_url (config; NULL or "" = YK_TICKET_PLACEHOLDER_BASE) with its
 * trailing '/' dropped, then "/T/" and the code; the scheme and host are upper-cased (they are
 * case-insensitive) so the QR stores them compactly. Returns false if it does not fit in n or
 * hub_url is not http(s)://host... (out is then ""). */
bool yk_ticket_url(const char *hub_url, const char *code, char *out, size_t n);

#endif
