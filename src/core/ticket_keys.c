/* This kiosk's ticket key (file and kiosk_keys row) and verification against the
 * database. */
#include "core/ticket_keys.h"

#include "core/grow.h"
#include "core/log.h"
#include "core/secret_file.h"
#include "core/signup.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads the key file. 1 = read, 0 = absent, -1 = unusable (logged: never overwrite it, it
 * may have signed tickets that are still to be checked in). */
static int read_key_file(const char *path, struct yk_ticket_keys *k)
{
    uint8_t buf[YK_TICKET_SECRET_KEY_LEN];
    int got = yk_secret_file_read(path, buf, sizeof buf, "ticket");
    if (got != 1)
        return got;
    /* The file holds seed || public key: the public key must follow from the seed. */
    yk_ticket_keys_from_seed(k, buf);
    bool same = sodium_memcmp(k->public_key, buf + 32, YK_TICKET_PUBLIC_KEY_LEN) == 0;
    sodium_memzero(buf, sizeof buf);
    if (!same) {
        yk_error("ticket", "%s is damaged (its public key does not match its seed)", path);
        sodium_memzero(k, sizeof *k);
        return -1;
    }
    return 1;
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
        yk_ticket_keys_generate(k);
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
        int w =
            yk_secret_file_write(path, k->secret_key, YK_TICKET_SECRET_KEY_LEN, replace, "ticket");
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

/* Verification ------------------------------------------------------------------------------ */

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
        if (!yk_grow((void **)&keys, &cap, n + 1, sizeof *keys)) {
            yk_error("ticket", "out of memory reading kiosk_keys");
            rc = SQLITE_NOMEM;
            break;
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
