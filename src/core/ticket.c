#include "core/ticket.h"

#include "core/base32.h"
#include "core/log.h"
#include "core/signup.h"

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

static void to_hex(const uint8_t *b, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[b[i] >> 4];
        out[2 * i + 1] = hex[b[i] & 15];
    }
    out[2 * n] = '\0';
}

/* Keys ------------------------------------------------------------------------------------- */

static void keys_fill(struct yk_ticket_keys *k)
{
    memcpy(k->public_key, k->secret_key + 32, YK_TICKET_PUBLIC_KEY_LEN);
    yk_ticket_key_id(k->public_key, k->key_id);
    to_hex(k->key_id, YK_TICKET_KEY_ID_LEN, k->key_id_hex);
}

void yk_ticket_keys_from_seed(struct yk_ticket_keys *k, const uint8_t seed[32])
{
    sodium_ready();
    memset(k, 0, sizeof *k);
    uint8_t pk[YK_TICKET_PUBLIC_KEY_LEN];
    crypto_sign_seed_keypair(pk, k->secret_key, seed);
    keys_fill(k);
}

void yk_ticket_keys_destroy(struct yk_ticket_keys *k)
{
    if (k)
        sodium_memzero(k, sizeof *k);
}

/* Reads the key file. 1 = read, 0 = absent, -1 = unusable (logged: never overwrite it, it
 * may have signed tickets that are still to be checked in). */
static int read_key_file(const char *path, struct yk_ticket_keys *k)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        yk_error("ticket", "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        yk_error("ticket", "cannot stat %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid()) {
        yk_error("ticket", "%s is not a regular file owned by this user: refusing to use it", path);
        close(fd);
        return -1;
    }
    if (sb.st_mode & 077) {
        /* Anyone who reads the secret can sign tickets for every kiosk to accept. */
        yk_warn("ticket", "%s was readable by others (mode %03o): now 0600", path,
                (unsigned)(sb.st_mode & 0777));
        if (fchmod(fd, 0600) != 0) {
            yk_error("ticket", "cannot chmod %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
    }
    uint8_t buf[YK_TICKET_SECRET_KEY_LEN + 1];
    ssize_t got = read(fd, buf, sizeof buf);
    int err = errno;
    close(fd);
    if (got != YK_TICKET_SECRET_KEY_LEN) {
        yk_error("ticket", "%s is damaged (%zd bytes, expected %d%s%s)", path, got,
                 YK_TICKET_SECRET_KEY_LEN, got < 0 ? ": " : "", got < 0 ? strerror(err) : "");
        sodium_memzero(buf, sizeof buf);
        return -1;
    }
    /* The file holds seed || public key: the public key must follow from the seed. */
    uint8_t pk[YK_TICKET_PUBLIC_KEY_LEN];
    crypto_sign_seed_keypair(pk, k->secret_key, buf);
    bool same = sodium_memcmp(pk, buf + 32, sizeof pk) == 0;
    sodium_memzero(buf, sizeof buf);
    if (!same) {
        yk_error("ticket", "%s is damaged (its public key does not match its seed)", path);
        sodium_memzero(k, sizeof *k);
        return -1;
    }
    keys_fill(k);
    return 1;
}

static bool fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0) {
        yk_error("ticket", "cannot sync directory %s: %s", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    close(fd);
    return true;
}

/* Writes the key to path atomically: a reader sees no file or a whole one, even after a
 * power cut. replace=false links (never replaces a key another process just wrote: that is
 * 0 = exists); replace=true renames over the old (revoked) key. 1 = written, -1 = error. */
static int write_key_file(const char *dir, const char *path, const struct yk_ticket_keys *k,
                          bool replace)
{
    char tmp[1100];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
        yk_error("ticket", "data directory path too long");
        return -1;
    }
    int fd = mkstemp(tmp); /* mode 0600 whatever the umask */
    if (fd < 0) {
        yk_error("ticket", "cannot create a key file in %s: %s", dir, strerror(errno));
        return -1;
    }
    bool ok = fchmod(fd, 0600) == 0 &&
              write(fd, k->secret_key, YK_TICKET_SECRET_KEY_LEN) == YK_TICKET_SECRET_KEY_LEN &&
              fsync(fd) == 0;
    int err = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        yk_error("ticket", "cannot write the key file %s: %s", tmp, strerror(err));
        unlink(tmp);
        return -1;
    }
    int rc = 1;
    if (replace) {
        if (rename(tmp, path) != 0) {
            yk_error("ticket", "cannot rename %s to %s: %s", tmp, path, strerror(errno));
            unlink(tmp);
            return -1;
        }
    } else {
        if (link(tmp, path) != 0) {
            if (errno == EEXIST) {
                rc = 0;
            } else {
                yk_error("ticket", "cannot link %s to %s: %s", tmp, path, strerror(errno));
                rc = -1;
            }
        }
        unlink(tmp);
    }
    if (rc == 1 && !fsync_dir(dir))
        return -1;
    return rc;
}

/* kiosk_keys: all its SQL is here. */

struct key_row {
    bool found;
    bool same_key;      /* the row's public key is k's */
    int64_t cutoff_utc; /* 0 = none */
};

static int64_t cutoff_of(sqlite3_stmt *st, int col_until, int col_revoked)
{
    int64_t until =
        sqlite3_column_type(st, col_until) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, col_until);
    int64_t revoked = sqlite3_column_type(st, col_revoked) == SQLITE_NULL
                          ? 0
                          : sqlite3_column_int64(st, col_revoked);
    if (until && revoked)
        return until < revoked ? until : revoked;
    return until ? until : revoked;
}

static bool key_row_get(struct yk_db *db, const struct yk_ticket_keys *k, struct key_row *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT public_key, valid_until_utc, revoked_utc "
                                         "FROM kiosk_keys WHERE key_id = ?1");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, k->key_id_hex, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->found = true;
        out->same_key =
            sqlite3_column_bytes(st, 0) == YK_TICKET_PUBLIC_KEY_LEN &&
            memcmp(sqlite3_column_blob(st, 0), k->public_key, YK_TICKET_PUBLIC_KEY_LEN) == 0;
        out->cutoff_utc = cutoff_of(st, 1, 2);
    } else if (rc != SQLITE_DONE) {
        yk_error("ticket", "cannot read kiosk_keys: %s", sqlite3_errmsg(db->handle));
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

static bool key_row_insert(struct yk_db *db, const struct yk_ticket_keys *k, int64_t now_utc_s)
{
    sqlite3_stmt *st = yk_db_prepare(db, "INSERT INTO kiosk_keys (key_id, kiosk_id, public_key, "
                                         "valid_from_utc) VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, k->key_id_hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, yk_db_kiosk_id(db), -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, k->public_key, YK_TICKET_PUBLIC_KEY_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now_utc_s);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        yk_error("ticket", "cannot register the ticket key %s in kiosk_keys: %s", k->key_id_hex,
                 sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* A new key pair whose id is not taken in kiosk_keys (a 32-bit id: a clash is rare, but
 * kiosk_keys.key_id is the primary key). */
static bool make_new_key(struct yk_db *db, struct yk_ticket_keys *k)
{
    for (int tries = 0; tries < 8; tries++) {
        uint8_t pk[YK_TICKET_PUBLIC_KEY_LEN];
        crypto_sign_keypair(pk, k->secret_key);
        keys_fill(k);
        struct key_row row;
        if (!key_row_get(db, k, &row))
            return false;
        if (!row.found)
            return true;
    }
    yk_error("ticket", "cannot make a key pair with a free key id");
    return false;
}

bool yk_ticket_keys_load_or_create(struct yk_ticket_keys *k, const char *data_dir, struct yk_db *db,
                                   int64_t now_utc_s)
{
    assert(k && data_dir && db);
    sodium_ready();
    memset(k, 0, sizeof *k);
    char path[1024];
    if (snprintf(path, sizeof path, "%s/%s", data_dir, YK_TICKET_KEY_FILE) >= (int)sizeof path) {
        yk_error("ticket", "data directory path too long");
        return false;
    }
    bool replace = false;
    for (int attempt = 0; attempt < 3; attempt++) {
        int got = replace ? 0 : read_key_file(path, k);
        if (got < 0)
            goto fail;
        if (got == 1) {
            struct key_row row;
            if (!key_row_get(db, k, &row))
                goto fail;
            if (row.found && !row.same_key) {
                yk_error("ticket",
                         "kiosk_keys has another public key under this kiosk's key id "
                         "%s: not signing with it",
                         k->key_id_hex);
                goto fail;
            }
            if (row.found && row.cutoff_utc && row.cutoff_utc <= now_utc_s) {
                /* The hub revoked or retired this key: tickets it signs from now on would be
                 * refused everywhere. Replace it (its old tickets stay valid). */
                yk_warn("ticket", "ticket key %s is revoked or expired: making a new one",
                        k->key_id_hex);
                replace = true;
                continue;
            }
            if (!row.found && !key_row_insert(db, k, now_utc_s))
                goto fail;
            yk_info("ticket", "ticket key %s loaded", k->key_id_hex);
            return true;
        }
        if (!make_new_key(db, k))
            goto fail;
        int w = write_key_file(data_dir, path, k, replace);
        if (w < 0)
            goto fail;
        if (w == 0) {
            replace = false;
            continue; /* another process made one first: use it */
        }
        if (!key_row_insert(db, k, now_utc_s))
            goto fail; /* the file stays; the next start registers it */
        k->created = true;
        yk_info("ticket", "new ticket key %s made", k->key_id_hex);
        return true;
    }
    yk_error("ticket", "cannot settle on a ticket key in %s", data_dir);
fail:
    sodium_memzero(k, sizeof *k);
    return false;
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

/* The trusted keys from kiosk_keys (caller frees *out); -1 on error. */
static long load_pubkeys(struct yk_db *db, struct yk_ticket_pubkey **out)
{
    *out = NULL;
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT public_key, valid_until_utc, revoked_utc "
                                         "FROM kiosk_keys WHERE deleted = 0");
    if (!st)
        return -1;
    size_t n = 0, cap = 0;
    struct yk_ticket_pubkey *keys = NULL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_bytes(st, 0) != YK_TICKET_PUBLIC_KEY_LEN)
            continue; /* the CHECK forbids it; never trust a blob's length anyway */
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            struct yk_ticket_pubkey *more = realloc(keys, cap * sizeof *keys);
            if (!more) {
                yk_error("ticket", "out of memory reading kiosk_keys");
                rc = SQLITE_NOMEM;
                break;
            }
            keys = more;
        }
        memcpy(keys[n].public_key, sqlite3_column_blob(st, 0), YK_TICKET_PUBLIC_KEY_LEN);
        keys[n].cutoff_utc = cutoff_of(st, 1, 2);
        n++;
    }
    if (rc != SQLITE_DONE) {
        if (rc != SQLITE_NOMEM)
            yk_error("ticket", "cannot read kiosk_keys: %s", sqlite3_errmsg(db->handle));
        sqlite3_finalize(st);
        free(keys);
        return -1;
    }
    sqlite3_finalize(st);
    *out = keys;
    return (long)n;
}

/* revocations: 1 listed, 0 not, -1 error. */
static int revocation_listed(struct yk_db *db, const char *code)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT 1 FROM revocations "
                                         "WHERE ticket_code = ?1 AND deleted = 0");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        yk_error("ticket", "cannot read revocations: %s", sqlite3_errmsg(db->handle));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum yk_ticket_rc yk_ticket_verify_db(struct yk_db *db, const char *text, size_t len,
                                      const char *expect_event_id, struct yk_ticket *out)
{
    struct yk_ticket_pubkey *keys;
    long n = load_pubkeys(db, &keys);
    if (n < 0) {
        memset(out, 0, sizeof *out);
        return YK_TICKET_ERROR;
    }
    enum yk_ticket_rc rc = yk_ticket_verify(text, len, keys, (size_t)n, out);
    free(keys);
    if (rc != YK_TICKET_OK)
        return rc;
    char code[YK_TICKET_DIGITS + 1];
    yk_ticket_encode(out, code); /* canonical form, as stored in revocations and signups */
    int listed = revocation_listed(db, code);
    if (listed < 0)
        return YK_TICKET_ERROR;
    if (listed || yk_signup_code_cancelled(db, code))
        return YK_TICKET_REVOKED_TICKET;
    if (expect_event_id && !yk_ticket_event_matches(out, expect_event_id))
        return YK_TICKET_WRONG_EVENT;
    return YK_TICKET_OK;
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

/* Phones -------------------------------------------------------------------------------------- */

enum yk_phone_rc yk_phone_check(const char *phone)
{
    size_t len = phone ? strlen(phone) : 0;
    for (size_t i = 0; i < len; i++)
        if (!is_digit(phone[i]))
            return YK_PHONE_NOT_DIGITS;
    if ((len >= 1 && phone[0] != '1') || (len >= 2 && phone[1] < '3'))
        return YK_PHONE_BAD_PREFIX;
    if (len < YK_PHONE_LEN)
        return YK_PHONE_TOO_SHORT;
    if (len > YK_PHONE_LEN)
        return YK_PHONE_TOO_LONG;
    return YK_PHONE_OK;
}

bool yk_phone_mask(const char *phone, char out[YK_PHONE_MASKED_LEN + 1])
{
    memset(out, '*', YK_PHONE_MASKED_LEN);
    out[YK_PHONE_MASKED_LEN] = '\0';
    size_t len = phone ? strlen(phone) : 0;
    for (size_t i = 0; i < len; i++)
        if (!is_digit(phone[i]))
            return false;
    if (len == YK_PHONE_LEN) {
        memcpy(out, phone, 3);
        memcpy(out + 7, phone + 7, 4);
        return true;
    }
    if (len == 4) {
        memcpy(out + 7, phone, 4);
        return true;
    }
    return false;
}
