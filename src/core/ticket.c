#include "core/ticket.h"

#include "core/base32.h"
#include "core/log.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

_Static_assert(YK_TICKET_SIG_LEN == crypto_sign_BYTES, "Ed25519 signature size");
_Static_assert(YK_TICKET_PUBLIC_KEY_LEN == crypto_sign_PUBLICKEYBYTES, "Ed25519 public key");
_Static_assert(YK_TICKET_SECRET_KEY_LEN == crypto_sign_SECRETKEYBYTES, "Ed25519 secret key");

/* Binary layout, version 1 (TICKETS.md): after the version digit, 78 bytes, big-endian. The
 * version is a digit of its own rather than a byte of the number: as the number's top byte
 * it would cost three digits that are always 000. */
#define OFF_KEY_ID 0
#define OFF_EVENT (OFF_KEY_ID + YK_TICKET_KEY_ID_LEN)
#define OFF_SERIAL (OFF_EVENT + 4)
#define OFF_DAY (OFF_SERIAL + 4)
#define OFF_SIG (OFF_DAY + 2)
#define SIGNED_LEN OFF_SIG
#define NUM_DIGITS (YK_TICKET_DIGITS - 1)
_Static_assert(OFF_SIG + YK_TICKET_SIG_LEN == YK_TICKET_BYTES, "ticket layout");
_Static_assert(YK_TICKET_VERSION >= 1 && YK_TICKET_VERSION <= 9, "one version digit");

/* Domain separation: a signature over a ticket can never be replayed as a signature over
 * anything else this key may sign one day (and vice versa). */
static const char SIGN_DOMAIN[] = "yikong-ticket"; /* the NUL is signed too */
static const char EVENT_DOMAIN[] = "yikong-event";
static const char SHORT_DOMAIN[] = "yikong-short";

#define DAY_S 86400

static void sodium_ready(void)
{
    /* sodium_init is idempotent and thread-safe; < 0 means no entropy source at all. */
    if (sodium_init() < 0) {
        yk_error("ticket", "libsodium cannot start (no random source?)");
        abort();
    }
}

const char *yk_ticket_rc_name(enum yk_ticket_rc rc)
{
    switch (rc) {
    case YK_TICKET_OK:
        return "ok";
    case YK_TICKET_BAD_FORMAT:
        return "bad-format";
    case YK_TICKET_BAD_SIGNATURE:
        return "bad-signature";
    case YK_TICKET_UNKNOWN_KEY:
        return "unknown-key";
    case YK_TICKET_REVOKED_KEY:
        return "revoked-key";
    case YK_TICKET_REVOKED_TICKET:
        return "revoked-ticket";
    case YK_TICKET_WRONG_EVENT:
        return "wrong-event";
    case YK_TICKET_ERROR:
        return "error";
    }
    return "?";
}

/* Hashing --------------------------------------------------------------------------------- */

static void hash16(const char *domain, const void *data, size_t len, uint8_t out[16])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 16);
    if (domain)
        crypto_generichash_update(&st, (const uint8_t *)domain, strlen(domain) + 1);
    crypto_generichash_update(&st, data, len);
    crypto_generichash_final(&st, out, 16);
}

void yk_ticket_key_id(const uint8_t public_key[YK_TICKET_PUBLIC_KEY_LEN],
                      uint8_t out[YK_TICKET_KEY_ID_LEN])
{
    uint8_t h[16];
    hash16(NULL, public_key, YK_TICKET_PUBLIC_KEY_LEN, h);
    memcpy(out, h, YK_TICKET_KEY_ID_LEN);
}

uint32_t yk_ticket_event_hash(const char *event_id)
{
    assert(event_id);
    uint8_t h[16];
    hash16(EVENT_DOMAIN, event_id, strlen(event_id), h);
    return (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];
}

bool yk_ticket_event_matches(const struct yk_ticket *t, const char *event_id)
{
    return event_id && t->event_hash == yk_ticket_event_hash(event_id);
}

/* Keys ------------------------------------------------------------------------------------- */

static void keys_fill(struct yk_ticket_keys *k)
{
    memcpy(k->public_key, k->secret_key + 32, YK_TICKET_PUBLIC_KEY_LEN);
    yk_ticket_key_id(k->public_key, k->key_id);
    sodium_bin2hex(k->key_id_hex, sizeof k->key_id_hex, k->key_id, YK_TICKET_KEY_ID_LEN);
}

void yk_ticket_keys_from_seed(struct yk_ticket_keys *k, const uint8_t seed[32])
{
    sodium_ready();
    memset(k, 0, sizeof *k);
    uint8_t pk[YK_TICKET_PUBLIC_KEY_LEN];
    crypto_sign_seed_keypair(pk, k->secret_key, seed);
    keys_fill(k);
}

void yk_ticket_keys_generate(struct yk_ticket_keys *k)
{
    sodium_ready();
    memset(k, 0, sizeof *k);
    uint8_t pk[YK_TICKET_PUBLIC_KEY_LEN];
    crypto_sign_keypair(pk, k->secret_key);
    keys_fill(k);
}

void yk_ticket_keys_destroy(struct yk_ticket_keys *k)
{
    if (k)
        sodium_memzero(k, sizeof *k);
}

/* Codes ------------------------------------------------------------------------------------- */

static void pack(const struct yk_ticket *t, uint8_t b[YK_TICKET_BYTES])
{
    memcpy(b + OFF_KEY_ID, t->key_id, YK_TICKET_KEY_ID_LEN);
    for (int i = 0; i < 4; i++) {
        b[OFF_EVENT + i] = (uint8_t)(t->event_hash >> (24 - 8 * i));
        b[OFF_SERIAL + i] = (uint8_t)(t->serial >> (24 - 8 * i));
    }
    b[OFF_DAY] = (uint8_t)(t->issue_day >> 8);
    b[OFF_DAY + 1] = (uint8_t)t->issue_day;
    memcpy(b + OFF_SIG, t->signature, YK_TICKET_SIG_LEN);
}

static void unpack(const uint8_t b[YK_TICKET_BYTES], struct yk_ticket *t)
{
    t->version = YK_TICKET_VERSION;
    memcpy(t->key_id, b + OFF_KEY_ID, YK_TICKET_KEY_ID_LEN);
    t->event_hash = 0;
    t->serial = 0;
    for (int i = 0; i < 4; i++) {
        t->event_hash = t->event_hash << 8 | b[OFF_EVENT + i];
        t->serial = t->serial << 8 | b[OFF_SERIAL + i];
    }
    t->issue_day = (uint16_t)(b[OFF_DAY] << 8 | b[OFF_DAY + 1]);
    memcpy(t->signature, b + OFF_SIG, YK_TICKET_SIG_LEN);
}

/* The message a signature covers: the domain, the version, then every field before the
 * signature. */
#define MSG_LEN (sizeof SIGN_DOMAIN + 1 + SIGNED_LEN)
static void signed_message(uint8_t version, const uint8_t b[YK_TICKET_BYTES], uint8_t msg[MSG_LEN])
{
    memcpy(msg, SIGN_DOMAIN, sizeof SIGN_DOMAIN);
    msg[sizeof SIGN_DOMAIN] = version;
    memcpy(msg + sizeof SIGN_DOMAIN + 1, b, SIGNED_LEN);
}

void yk_ticket_sign(const struct yk_ticket_keys *k, const char *event_id, uint32_t serial,
                    int64_t now_utc_s, struct yk_ticket *out)
{
    assert(k && event_id && out);
    sodium_ready();
    memset(out, 0, sizeof *out);
    out->version = YK_TICKET_VERSION;
    memcpy(out->key_id, k->key_id, YK_TICKET_KEY_ID_LEN);
    out->event_hash = yk_ticket_event_hash(event_id);
    out->serial = serial;
    int64_t day = now_utc_s / DAY_S;
    /* 16 bits of days last until 2149; a clock before 1970 is clamped rather than wrapped. */
    out->issue_day = (uint16_t)(day < 0 ? 0 : day > 0xffff ? 0xffff : day);
    uint8_t b[YK_TICKET_BYTES], msg[MSG_LEN];
    pack(out, b);
    signed_message(out->version, b, msg);
    crypto_sign_detached(out->signature, NULL, msg, sizeof msg, k->secret_key);
}

/* The version digit, then the bytes as one big-endian number in exactly NUM_DIGITS decimal
 * digits (leading zeros kept): repeated division by 10, 15k steps. */
void yk_ticket_encode(const struct yk_ticket *t, char out[YK_TICKET_DIGITS + 1])
{
    assert(t->version >= 1 && t->version <= 9);
    uint8_t n[YK_TICKET_BYTES];
    pack(t, n);
    out[0] = (char)('0' + t->version);
    for (int i = NUM_DIGITS - 1; i >= 0; i--) {
        unsigned rem = 0;
        for (int j = 0; j < YK_TICKET_BYTES; j++) {
            unsigned cur = rem << 8 | n[j];
            n[j] = (uint8_t)(cur / 10);
            rem = cur % 10;
        }
        out[1 + i] = (char)('0' + rem);
    }
    out[YK_TICKET_DIGITS] = '\0';
}

/* NUM_DIGITS digits back to bytes; false when the number needs more than YK_TICKET_BYTES
 * bytes (10^188 > 2^624: about 29% of digit strings are not tickets). */
static bool digits_to_bytes(const char *d, uint8_t n[YK_TICKET_BYTES])
{
    memset(n, 0, YK_TICKET_BYTES);
    for (int i = 0; i < NUM_DIGITS; i++) {
        unsigned carry = (unsigned)(d[i] - '0');
        for (int j = YK_TICKET_BYTES - 1; j >= 0; j--) {
            unsigned cur = n[j] * 10u + carry;
            n[j] = (uint8_t)cur;
            carry = cur >> 8;
        }
        if (carry)
            return false;
    }
    return true;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_space_or_control(unsigned char c)
{
    return c <= ' ' || c == 0x7f;
}

bool yk_ticket_extract(const char *text, size_t len, char out[YK_TICKET_DIGITS + 1])
{
    out[0] = '\0';
    if (!text)
        return false;
    size_t start = 0, end = len;
    while (start < end && is_space_or_control((unsigned char)text[start]))
        start++;
    while (end > start && is_space_or_control((unsigned char)text[end - 1]))
        end--;
    /* What some scanners put before the data: an AIM symbology identifier ("]Q1") or an ECI
     * designator ("\000026"). Before bare digits they would run into the code. */
    if (end - start >= 3 && text[start] == ']' && text[start + 1] == 'Q' &&
        is_digit(text[start + 2]))
        start += 3;
    if (end - start >= 7 && text[start] == '\\') {
        bool eci = true;
        for (size_t i = 1; i <= 6; i++)
            eci = eci && is_digit(text[start + i]);
        if (eci)
            start += 7;
    }
    size_t run = end;
    while (run > start && is_digit(text[run - 1]))
        run--;
    if (end - run != YK_TICKET_DIGITS)
        return false; /* strict: exactly the length, digits only, at the end */
    memcpy(out, text + run, YK_TICKET_DIGITS);
    out[YK_TICKET_DIGITS] = '\0';
    return true;
}

enum yk_ticket_rc yk_ticket_decode(const char *text, size_t len, struct yk_ticket *out)
{
    memset(out, 0, sizeof *out);
    char code[YK_TICKET_DIGITS + 1];
    uint8_t b[YK_TICKET_BYTES];
    if (!yk_ticket_extract(text, len, code) || code[0] != '0' + YK_TICKET_VERSION ||
        !digits_to_bytes(code + 1, b))
        return YK_TICKET_BAD_FORMAT;
    unpack(b, out);
    return YK_TICKET_OK;
}

enum yk_ticket_rc yk_ticket_verify(const char *text, size_t len,
                                   const struct yk_ticket_pubkey *keys, size_t n,
                                   struct yk_ticket *out)
{
    sodium_ready();
    enum yk_ticket_rc rc = yk_ticket_decode(text, len, out);
    if (rc != YK_TICKET_OK)
        return rc;
    uint8_t b[YK_TICKET_BYTES], msg[MSG_LEN];
    pack(out, b);
    signed_message(out->version, b, msg);
    bool candidate = false;
    /* Key ids are short: two keys may share one, so try each; the signature decides. */
    for (size_t i = 0; i < n; i++) {
        uint8_t id[YK_TICKET_KEY_ID_LEN];
        yk_ticket_key_id(keys[i].public_key, id);
        if (memcmp(id, out->key_id, sizeof id) != 0)
            continue;
        candidate = true;
        if (crypto_sign_verify_detached(out->signature, msg, sizeof msg, keys[i].public_key) != 0)
            continue;
        /* A thief with the key could backdate a ticket, so the cutoff bounds the damage to
         * the days before it; TICKETS.md says how the hub narrows that further. */
        if (keys[i].cutoff_utc && out->issue_day >= keys[i].cutoff_utc / DAY_S)
            return YK_TICKET_REVOKED_KEY;
        return YK_TICKET_OK;
    }
    return candidate ? YK_TICKET_BAD_SIGNATURE : YK_TICKET_UNKNOWN_KEY;
}
void yk_ticket_short_code(const struct yk_ticket *t, char out[YK_TICKET_SHORT_LEN + 1])
{
    uint8_t b[YK_TICKET_BYTES], h[16];
    pack(t, b);
    hash16(SHORT_DOMAIN, b, sizeof b, h);
    yk_base32_encode(h, 5, out, YK_TICKET_SHORT_LEN); /* the hash's first 40 bits */
}

bool yk_ticket_short_normalize(const char *in, char out[YK_TICKET_SHORT_LEN + 1])
{
    return yk_base32_normalize(in, out, YK_TICKET_SHORT_LEN);
}

bool yk_ticket_url(const char *hub_url, const char *code, char *out, size_t n)
{
    assert(code && out && n > 0);
    out[0] = '\0';
    int w;
    if (!hub_url || !*hub_url) {
        w = snprintf(out, n, "%s%s", YK_TICKET_PLACEHOLDER_BASE, code);
    } else {
        size_t skip;
        if (strncasecmp(hub_url, "https://", 8) == 0)
            skip = 8;
        else if (strncasecmp(hub_url, "http://", 7) == 0)
            skip = 7;
        else
            return false;
        size_t len = strlen(hub_url);
        while (len > skip && hub_url[len - 1] == '/')
            len--;
        size_t host_end = skip;
        while (host_end < len && hub_url[host_end] != '/' && hub_url[host_end] != '?' &&
               hub_url[host_end] != '#')
            host_end++;
        if (host_end == skip || len > INT32_MAX)
            return false;
        w = snprintf(out, n, "%.*s/T/%s", (int)len, hub_url, code);
        if (w >= 0 && (size_t)w < n) {
            /* Scheme and host are case-insensitive (RFC 3986, 6.2.2.1); upper case lets the
             * QR store them in alphanumeric mode, which keeps a hub URL within version 6. */
            for (size_t i = 0; i < host_end; i++)
                if (out[i] >= 'a' && out[i] <= 'z')
                    out[i] = (char)(out[i] - 'a' + 'A');
        }
    }
    if (w < 0 || (size_t)w >= n) {
        out[0] = '\0';
        return false;
    }
    return true;
}
