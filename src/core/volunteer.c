#include "core/volunteer_internal.h"

#include "core/grow.h"
#include "core/log.h"
#include "core/shtime.h"
#include "core/utf8.h"

#include <assert.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* volunteer.c: the PIN pad (guard, hashing, the check), the day's bounds and the SQL helpers
 * the volunteer_*.c files share (volunteer_internal.h). */

#define GUARD_KEY "pin_guard"

/* Shared helpers -------------------------------------------------------------------------- */

void yk_vol_db_fail(struct yk_db *db, const char *what)
{
    snprintf(db->error, sizeof db->error, "Cannot %s (%s)", what, sqlite3_errmsg(db->handle));
    yk_error("volunteer", "%s: %s", what, sqlite3_errmsg(db->handle));
}

bool yk_vol_read_rows(struct yk_db *db, sqlite3_stmt *st, const char *what, void **items,
                      size_t *count, size_t size, row_fn fill, void *ctx)
{
    size_t cap = *count;
    bool oom = false, failed = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!yk_grow(items, &cap, *count + 1, size)) {
            oom = true;
            break;
        }
        void *item = (char *)*items + *count * size;
        memset(item, 0, size);
        enum row_rc r = fill(db, st, item, ctx, &oom);
        if (r == ROW_KEEP)
            (*count)++;
        if (r == ROW_FAIL)
            failed = true;
        if (oom || failed)
            break;
    }
    sqlite3_finalize(st);
    if (oom)
        yk_error("volunteer", "out of memory: %s", what);
    else if (!failed && rc != SQLITE_DONE && rc != SQLITE_ROW)
        yk_vol_db_fail(db, what);
    return !oom && !failed && rc == SQLITE_DONE;
}

bool yk_vol_exec_done(struct yk_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        yk_vol_db_fail(db, what);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

bool yk_vol_audit(struct yk_db *db, const char *what, const char *ref, int64_t now_ms)
{
    char id[YK_ID_LEN + 1];
    yk_id_make(id, now_ms);
    sqlite3_stmt *st = yk_db_prepare(db, "INSERT INTO audit_log (id, what, ref, created_utc, "
                                         "kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return false;
    bind_text(st, 1, id);
    bind_text(st, 2, what);
    bind_text(st, 3, ref);
    sqlite3_bind_int64(st, 4, utc_s(now_ms));
    bind_text(st, 5, yk_db_kiosk_id(db));
    return yk_vol_exec_done(db, st, "write the audit log");
}

void yk_volunteer_day_bounds(int64_t utc_ms, long long *start_utc, long long *end_utc)
{
    long long day = floor_div(utc_s(utc_ms) + YK_SHANGHAI_OFFSET_S, 86400);
    *start_utc = day * 86400 - YK_SHANGHAI_OFFSET_S;
    *end_utc = *start_utc + 86400;
}

/* PIN guard (pure) ------------------------------------------------------------------------ */

void yk_pin_guard_reset(struct yk_pin_guard *g)
{
    *g = (struct yk_pin_guard){0};
}

int64_t yk_pin_guard_lock_ms(int n)
{
    int64_t ms = YK_PIN_FIRST_LOCK_MS;
    for (int i = 0; i < n && ms < YK_PIN_MAX_LOCK_MS; i++)
        ms *= 2;
    return ms < YK_PIN_MAX_LOCK_MS ? ms : YK_PIN_MAX_LOCK_MS;
}

int64_t yk_pin_guard_wait_ms(struct yk_pin_guard *g, int64_t now_ms)
{
    if (g->locked_until_ms <= now_ms)
        return 0;
    int64_t cap = yk_pin_guard_lock_ms(g->lockouts > 0 ? g->lockouts - 1 : 0);
    if (g->locked_until_ms - now_ms > cap)
        g->locked_until_ms = now_ms + cap;
    return g->locked_until_ms - now_ms;
}

int64_t yk_pin_guard_fail(struct yk_pin_guard *g, int64_t now_ms)
{
    if (g->failures < INT_MAX)
        g->failures++;
    if (g->failures < YK_PIN_FREE_TRIES)
        return 0;
    int64_t lock = yk_pin_guard_lock_ms(g->lockouts);
    if (g->lockouts < 64)
        g->lockouts++;
    g->locked_until_ms = now_ms + lock;
    return lock;
}

void yk_pin_guard_load(struct yk_db *db, struct yk_pin_guard *g)
{
    yk_pin_guard_reset(g);
    char v[96];
    if (!yk_db_meta_get(db, GUARD_KEY, v, sizeof v))
        return;
    int failures, lockouts, end;
    long long until;
    if (sscanf(v, "%d,%d,%lld%n", &failures, &lockouts, &until, &end) != 3 || v[end] != '\0' ||
        failures < 0 || lockouts < 0 || lockouts > 64 || until < 0) {
        yk_warn("volunteer", "meta %s is malformed: starting a clean PIN guard", GUARD_KEY);
        return;
    }
    *g = (struct yk_pin_guard){failures, lockouts, until};
}

bool yk_pin_guard_save(struct yk_db *db, const struct yk_pin_guard *g)
{
    char v[96];
    snprintf(v, sizeof v, "%d,%d,%lld", g->failures, g->lockouts, (long long)g->locked_until_ms);
    return yk_db_meta_set(db, GUARD_KEY, v);
}

/* PIN check ------------------------------------------------------------------------------- */

static bool pin_format_ok(const char *pin)
{
    size_t n = strlen(pin);
    if (n < YK_PIN_MIN_LEN || n > YK_PIN_MAX_LEN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

static bool sodium_ready(void)
{
    if (sodium_init() < 0) {
        yk_error("volunteer", "sodium_init failed");
        return false;
    }
    return true;
}

bool yk_volunteer_hash_pin(const char *pin, char out[YK_PIN_HASH_MAX])
{
    static_assert(YK_PIN_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");
    out[0] = '\0';
    if (!pin_format_ok(pin)) {
        yk_error("volunteer", "a PIN must be %d..%d digits", YK_PIN_MIN_LEN, YK_PIN_MAX_LEN);
        return false;
    }
    if (!sodium_ready())
        return false;
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        yk_error("volunteer", "crypto_pwhash_str failed (out of memory?)");
        out[0] = '\0';
        return false;
    }
    return true;
}

struct candidate {
    char id[YK_VOLUNTEER_ID_MAX + 1];
    char zh[YK_NAME_MAX + 1], en[YK_NAME_MAX + 1];
    char hash[YK_PIN_HASH_MAX];
};

static enum row_rc candidate_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx,
                                 bool *oom)
{
    (void)db, (void)ctx, (void)oom;
    const char *id = col_text(st, 0), *hash = col_text(st, 3);
    if (!id || strlen(id) > YK_VOLUNTEER_ID_MAX || !hash || strlen(hash) >= YK_PIN_HASH_MAX) {
        yk_warn("volunteer", "volunteer row with an overlong id or hash skipped");
        return ROW_SKIP;
    }
    struct candidate *c = item;
    yk_utf8_copy(c->id, sizeof c->id, id);
    yk_utf8_copy(c->zh, sizeof c->zh, col_text(st, 1));
    yk_utf8_copy(c->en, sizeof c->en, col_text(st, 2));
    yk_utf8_copy(c->hash, sizeof c->hash, hash);
    return ROW_KEEP;
}

/* The active volunteers with a usable hash, read before the slow verification so no
 * statement stays open during it. *list is malloc'd (caller frees). */
static bool load_candidates(struct yk_db *db, struct candidate **list, size_t *n)
{
    *list = NULL;
    *n = 0;
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT id, name_zh, name_en, pin_hash FROM volunteers "
                                         "WHERE active = 1 AND deleted = 0 ORDER BY id");
    if (!st)
        return false;
    if (!yk_vol_read_rows(db, st, "read volunteers", (void **)list, n, sizeof **list, candidate_row,
                          NULL)) {
        free(*list);
        *list = NULL;
        *n = 0;
        return false;
    }
    return true;
}

enum yk_pin_rc yk_volunteer_pin_check(struct yk_db *db, const char *pin, int64_t now_ms,
                                      struct yk_pin_result *out)
{
    assert(db && pin && out);
    memset(out, 0, sizeof *out);
    out->rc = YK_PIN_ERROR;

    struct yk_pin_guard g;
    yk_pin_guard_load(db, &g);
    int64_t before_clamp = g.locked_until_ms;
    int64_t wait = yk_pin_guard_wait_ms(&g, now_ms);
    if (wait > 0) {
        if (g.locked_until_ms != before_clamp && !yk_pin_guard_save(db, &g))
            return out->rc;
        out->rc = YK_PIN_LOCKED;
        out->failures = g.failures;
        out->wait_ms = wait;
        return out->rc;
    }

    /* Counted as wrong before the slow verification: cutting the power during it must not
     * give a free try. A right PIN clears it below. */
    struct yk_pin_guard failed = g;
    int64_t lock = yk_pin_guard_fail(&failed, now_ms);
    if (!yk_pin_guard_save(db, &failed))
        return out->rc;

    struct candidate *cands = NULL;
    size_t n = 0;
    if (!load_candidates(db, &cands, &n)) {
        (void)yk_pin_guard_save(db, &g); /* an error is not a wrong PIN */
        return out->rc;
    }
    const struct candidate *match = NULL;
    if (pin_format_ok(pin) && sodium_ready()) {
        for (size_t i = 0; i < n && !match; i++)
            if (crypto_pwhash_str_verify(cands[i].hash, pin, strlen(pin)) == 0)
                match = &cands[i];
    }

    bool ok = yk_db_begin(db);
    if (ok && match) {
        yk_pin_guard_reset(&g);
        ok = yk_pin_guard_save(db, &g) && yk_vol_audit(db, "volunteer.unlock", match->id, now_ms);
    } else if (ok) {
        ok = yk_vol_audit(db, "volunteer.pin_wrong", NULL, now_ms) &&
             (lock == 0 || yk_vol_audit(db, "volunteer.pin_lock", NULL, now_ms));
    }
    if (ok)
        ok = yk_db_commit(db);
    else
        yk_db_rollback(db);

    if (ok && match) {
        out->rc = YK_PIN_OK;
        yk_utf8_copy(out->volunteer_id, sizeof out->volunteer_id, match->id);
        yk_utf8_copy(out->name.zh, sizeof out->name.zh, match->zh);
        yk_utf8_copy(out->name.en, sizeof out->name.en, match->en);
        out->tries_left = YK_PIN_FREE_TRIES;
        yk_info("volunteer", "PIN pad unlocked by volunteer %s", match->id);
    } else if (ok) {
        out->rc = YK_PIN_WRONG;
        out->failures = failed.failures;
        out->tries_left =
            failed.failures < YK_PIN_FREE_TRIES ? YK_PIN_FREE_TRIES - failed.failures : 0;
        out->wait_ms = lock;
        yk_info("volunteer", "wrong PIN (%d in a row)%s", failed.failures,
                lock ? ", pad locked" : "");
    }
    /* The hashes are not secret, but there is no reason to leave them around. */
    if (cands)
        sodium_memzero(cands, n * sizeof *cands);
    free(cands);
    return out->rc;
}

int64_t yk_volunteer_pin_wait_ms(struct yk_db *db, int64_t now_ms)
{
    struct yk_pin_guard g;
    yk_pin_guard_load(db, &g);
    int64_t before = g.locked_until_ms;
    int64_t wait = yk_pin_guard_wait_ms(&g, now_ms);
    if (g.locked_until_ms != before && !yk_pin_guard_save(db, &g))
        return -1;
    return wait;
}

bool yk_volunteer_mode_locked(struct yk_db *db, const char *volunteer_id, const char *reason,
                              int64_t now_ms)
{
    char what[64];
    snprintf(what, sizeof what, "volunteer.lock.%s", reason ? reason : "other");
    return yk_vol_audit(db, what, volunteer_id, now_ms);
}
