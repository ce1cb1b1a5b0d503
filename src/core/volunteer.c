#include "core/volunteer.h"

#include "core/grow.h"

#include "core/log.h"
#include "core/phone.h"
#include "core/utf8.h"
#include "core/shtime.h"

#include <assert.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUARD_KEY "pin_guard"
#define CODE_CAP 1024 /* a sign-up's ticket code read back (tickets are ~200 digits) */

/* Helpers ------------------------------------------------------------------------------- */

static void db_fail(struct yk_db *db, const char *what)
{
    snprintf(db->error, sizeof db->error, "Cannot %s (%s)", what, sqlite3_errmsg(db->handle));
    yk_error("volunteer", "%s: %s", what, sqlite3_errmsg(db->handle));
}

static const char *col_text(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL
                                                     : (const char *)sqlite3_column_text(st, i);
}

/* A heap copy of a text column (NULL stays NULL); *oom set when the copy fails. */
static char *col_dup(sqlite3_stmt *st, int i, bool *oom)
{
    const char *s = col_text(st, i);
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = true;
    return d;
}

/* What a row reader did with one row. */
enum row_rc {
    ROW_KEEP, /* the item is filled (or half filled, *oom set): it counts */
    ROW_SKIP, /* the row is not wanted (nothing was allocated for it) */
    ROW_FAIL, /* stop: the reader logged why (nothing was allocated for the item) */
};
typedef enum row_rc (*row_fn)(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom);

/* Steps st to its end, appending one zeroed item of size bytes per row to the array *items
 * (*count items, grown with yk_grow) and filling it with fill; finalizes st. Returns false
 * when memory runs out, fill fails or the database does, each logged with what ("read the
 * duty log"). The items made so far stay in *items either way: the caller frees them. */
static bool read_rows(struct yk_db *db, sqlite3_stmt *st, const char *what, void **items,
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
        db_fail(db, what);
    return !oom && !failed && rc == SQLITE_DONE;
}

static long long floor_div(long long a, long long b)
{
    long long q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static long long utc_s(int64_t ms)
{
    return floor_div(ms, 1000);
}

void yk_volunteer_day_bounds(int64_t utc_ms, long long *start_utc, long long *end_utc)
{
    long long day = floor_div(utc_s(utc_ms) + YK_SHANGHAI_OFFSET_S, 86400);
    *start_utc = day * 86400 - YK_SHANGHAI_OFFSET_S;
    *end_utc = *start_utc + 86400;
}

static const char *kiosk_or_self(struct yk_db *db, const char *kiosk_id)
{
    return kiosk_id ? kiosk_id : yk_db_kiosk_id(db);
}

static bool bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return (s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i)) ==
           SQLITE_OK;
}

/* Runs a prepared statement that returns no rows, then finalizes it. */
static bool exec_done(struct yk_db *db, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE)
        db_fail(db, what);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
}

/* Appends an audit entry (an action code and the id it touched; never personal data). */
static bool audit(struct yk_db *db, const char *what, const char *ref, int64_t now_ms)
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
    return exec_done(db, st, "write the audit log");
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
    if (!read_rows(db, st, "read volunteers", (void **)list, n, sizeof **list, candidate_row,
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
        ok = yk_pin_guard_save(db, &g) && audit(db, "volunteer.unlock", match->id, now_ms);
    } else if (ok) {
        ok = audit(db, "volunteer.pin_wrong", NULL, now_ms) &&
             (lock == 0 || audit(db, "volunteer.pin_lock", NULL, now_ms));
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
    return audit(db, what, volunteer_id, now_ms);
}

/* Check-in -------------------------------------------------------------------------------- */

bool yk_checkin_status(struct yk_db *db, const char *signup_id, const char *ticket_code,
                       struct yk_checkin_status *out)
{
    assert(signup_id || ticket_code);
    memset(out, 0, sizeof *out);
    /* Two arms so that each uses its partial index; UNION drops a row matching both. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, count, created_utc, kiosk_id FROM checkins WHERE signup_id = ?1 "
            "UNION SELECT id, count, created_utc, kiosk_id FROM checkins WHERE ticket_code = ?2 "
            "ORDER BY 3, 1");
    if (!st)
        return false;
    bind_text(st, 1, signup_id);
    bind_text(st, 2, ticket_code);
    long long people = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        people += sqlite3_column_int64(st, 1);
        long long t = sqlite3_column_int64(st, 2);
        if (out->visits == 0) {
            out->first_utc = t;
            yk_utf8_copy(out->first_kiosk, sizeof out->first_kiosk, col_text(st, 3));
        }
        out->last_utc = t;
        yk_utf8_copy(out->last_kiosk, sizeof out->last_kiosk, col_text(st, 3));
        if (out->visits < INT_MAX)
            out->visits++;
    }
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        db_fail(db, "read check-ins");
    sqlite3_finalize(st);
    out->checked_in = people > INT_MAX ? INT_MAX : (int)people;
    return ok;
}

bool yk_checkin_record(struct yk_db *db, const char *event_id, const char *signup_id,
                       const char *ticket_code, int count, const char *kiosk_id,
                       const char *volunteer_id, int64_t now_ms, char out_id[YK_ID_LEN + 1])
{
    assert(event_id && (signup_id || ticket_code) && count >= 1);
    yk_id_make(out_id, now_ms);
    sqlite3_stmt *st = yk_db_prepare(
        db, "INSERT INTO checkins (id, signup_id, ticket_code, event_id, count, volunteer_id, "
            "created_utc, kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!st) {
        out_id[0] = '\0';
        return false;
    }
    bind_text(st, 1, out_id);
    bind_text(st, 2, signup_id);
    bind_text(st, 3, ticket_code);
    bind_text(st, 4, event_id);
    sqlite3_bind_int(st, 5, count);
    bind_text(st, 6, volunteer_id);
    sqlite3_bind_int64(st, 7, utc_s(now_ms));
    bind_text(st, 8, kiosk_or_self(db, kiosk_id));
    if (!exec_done(db, st, "record a check-in")) {
        out_id[0] = '\0';
        return false;
    }
    return true;
}

static enum yk_signup_state parse_state(const char *s)
{
    if (s && strcmp(s, "confirmed") == 0)
        return YK_SIGNUP_CONFIRMED;
    if (s && strcmp(s, "waitlist") == 0)
        return YK_SIGNUP_WAITLIST;
    if (s && strcmp(s, "pending") == 0)
        return YK_SIGNUP_PENDING;
    return YK_SIGNUP_CANCELLED;
}

/* The local sign-up by id or else by ticket code. 1 found, 0 none, -1 error. Its ticket
 * code goes to code (cap bytes; "" when none or too long). */
static int find_signup(struct yk_db *db, const char *signup_id, const char *ticket_code,
                       struct yk_checkin_outcome *out, char *event_id, size_t event_cap,
                       enum yk_signup_state *state, char *code, size_t code_cap)
{
    sqlite3_stmt *st = yk_db_prepare(
        db, signup_id ? "SELECT id, event_id, surname, title, party_size, status, ticket_code "
                        "FROM signups WHERE id = ?1"
                      : "SELECT id, event_id, surname, title, party_size, status, ticket_code "
                        "FROM signups WHERE ticket_code = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, signup_id ? signup_id : ticket_code);
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        found = 1;
        yk_utf8_copy(out->signup_id, sizeof out->signup_id, col_text(st, 0));
        yk_utf8_copy(event_id, event_cap, col_text(st, 1));
        yk_utf8_copy(out->surname, sizeof out->surname, col_text(st, 2));
        yk_utf8_copy(out->title, sizeof out->title, col_text(st, 3));
        out->party_size = sqlite3_column_int(st, 4);
        *state = parse_state(col_text(st, 5));
        const char *c = col_text(st, 6);
        if (c && strlen(c) < code_cap)
            memcpy(code, c, strlen(c) + 1);
    } else if (rc != SQLITE_DONE) {
        db_fail(db, "read a sign-up");
        found = -1;
    }
    sqlite3_finalize(st);
    return found;
}

/* The event's max_party: >= 1, 0 when there is no such event, -1 on error. */
static int event_max_party(struct yk_db *db, const char *event_id)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT max_party FROM events WHERE id = ?1");
    if (!st)
        return -1;
    bind_text(st, 1, event_id);
    int rc = sqlite3_step(st), v = 0;
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int(st, 0) > 0 ? sqlite3_column_int(st, 0) : 1;
    else if (rc != SQLITE_DONE) {
        db_fail(db, "read an event");
        v = -1;
    }
    sqlite3_finalize(st);
    return v;
}

enum yk_checkin_rc yk_checkin_admit(struct yk_db *db, const struct yk_checkin_request *req,
                                    int64_t now_ms, struct yk_checkin_outcome *out)
{
    assert(db && req && out && req->event_id && (req->ticket_code || req->signup_id));
    assert(req->count >= 1);
    memset(out, 0, sizeof *out);
    out->rc = YK_CHECKIN_ERROR;
    out->remaining = -1;

    if (req->ticket_event_id && strcmp(req->ticket_event_id, req->event_id) != 0) {
        out->rc = YK_CHECKIN_WRONG_EVENT;
        return out->rc;
    }
    if (!yk_db_begin(db))
        return out->rc;

    enum yk_checkin_rc rc = YK_CHECKIN_ERROR;
    char signup_event[128] = "", row_code[CODE_CAP] = "";
    enum yk_signup_state state = YK_SIGNUP_CONFIRMED;
    int found;
    const char *sid, *code;
    int max_party = event_max_party(db, req->event_id);
    if (max_party == 0)
        yk_error("volunteer", "check-in for unknown event %s", req->event_id);
    if (max_party <= 0)
        goto done;

    found = find_signup(db, req->signup_id, req->ticket_code, out, signup_event,
                        sizeof signup_event, &state, row_code, sizeof row_code);
    if (found < 0)
        goto done;
    if (found == 0 && req->signup_id) {
        rc = YK_CHECKIN_NOT_FOUND;
        goto done;
    }
    if (found) {
        if (strcmp(signup_event, req->event_id) != 0) {
            rc = YK_CHECKIN_WRONG_EVENT;
            goto done;
        }
        if (state == YK_SIGNUP_CANCELLED) {
            rc = YK_CHECKIN_CANCELLED;
            goto done;
        }
        if (state != YK_SIGNUP_CONFIRMED) {
            rc = YK_CHECKIN_NOT_CONFIRMED;
            goto done;
        }
    } else {
        out->party_size = req->ticket_party_size > 0 ? req->ticket_party_size : max_party;
    }

    sid = found ? out->signup_id : NULL;
    code = req->ticket_code ? req->ticket_code : (row_code[0] ? row_code : NULL);
    if (!yk_checkin_status(db, sid, code, &out->before))
        goto done;
    out->remaining =
        out->party_size > out->before.checked_in ? out->party_size - out->before.checked_in : 0;
    if (out->remaining == 0) {
        rc = YK_CHECKIN_ALREADY;
        goto done;
    }
    if (req->count > out->remaining) {
        rc = YK_CHECKIN_TOO_MANY;
        goto done;
    }
    if (!yk_checkin_record(db, req->event_id, sid, code, req->count, req->kiosk_id,
                           req->volunteer_id, now_ms, out->checkin_id))
        goto done;
    out->count = req->count;
    out->remaining -= req->count;
    rc = YK_CHECKIN_OK;

done:
    if (rc == YK_CHECKIN_OK) {
        if (!yk_db_commit(db)) {
            rc = YK_CHECKIN_ERROR;
            out->checkin_id[0] = '\0';
            out->count = 0;
        }
    } else {
        yk_db_rollback(db);
    }
    out->rc = rc;
    return rc;
}

/* yk_phone_mask's "138****5678" (or "+852 ****4567"), or "****5678" from the last four
 * once the number is purged. */
static void mask_phone(char out[YK_PHONE_MASKED_LEN + 1], const char *phone, const char *last4)
{
    if (!yk_phone_mask(phone, out) && !yk_phone_mask(last4, out))
        snprintf(out, YK_PHONE_MASKED_LEN + 1, "****????");
}

static bool four_digits(const char *s)
{
    if (!s || strlen(s) != 4)
        return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* (id, surname, title, phone, phone_last4, party_size, status, ticket_code); ctx: last4. */
static enum row_rc match_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom)
{
    (void)oom;
    struct yk_signup_match *m = item;
    yk_utf8_copy(m->id, sizeof m->id, col_text(st, 0));
    yk_utf8_copy(m->surname, sizeof m->surname, col_text(st, 1));
    yk_utf8_copy(m->title, sizeof m->title, col_text(st, 2));
    mask_phone(m->phone_masked, col_text(st, 3), col_text(st, 4) ? col_text(st, 4) : ctx);
    m->party_size = sqlite3_column_int(st, 5);
    m->state = parse_state(col_text(st, 6));
    struct yk_checkin_status cs;
    if (!yk_checkin_status(db, m->id, col_text(st, 7), &cs))
        return ROW_FAIL;
    m->checked_in = cs.checked_in;
    return ROW_KEEP;
}

bool yk_checkin_find_by_phone(struct yk_db *db, const char *event_id, const char *last4,
                              struct yk_signup_match_list *out)
{
    memset(out, 0, sizeof *out);
    if (!four_digits(last4)) {
        yk_error("volunteer", "phone lookup needs exactly 4 digits");
        return false;
    }
    /* phone_last4 is what survives the purge; a row without it is matched on the phone. */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT id, surname, title, phone, phone_last4, party_size, status, ticket_code "
            "FROM signups WHERE event_id = ?1 AND (phone_last4 = ?2 OR "
            "(phone_last4 IS NULL AND substr(phone, -4) = ?2)) "
            "ORDER BY surname, created_utc, id");
    if (!st)
        return false;
    bind_text(st, 1, event_id);
    bind_text(st, 2, last4);
    if (!read_rows(db, st, "look up sign-ups by phone", (void **)&out->items, &out->count,
                   sizeof *out->items, match_row, (void *)last4)) {
        yk_signup_matches_free(out);
        return false;
    }
    return true;
}

void yk_signup_matches_free(struct yk_signup_match_list *l)
{
    if (!l)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Walk-ins ---------------------------------------------------------------------------------- */

/* An id for a new walk-in row that sorts after every existing one (the undo pairs rows in
 * id order, and ids made in one millisecond would otherwise sort at random). Call inside
 * the write transaction. */
static bool next_walkin_id(struct yk_db *db, int64_t now_ms, char id[YK_ID_LEN + 1])
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT max(id) FROM walkins");
    if (!st)
        return false;
    int rc = sqlite3_step(st);
    int64_t ms = now_ms;
    if (rc == SQLITE_ROW) {
        long long last = yk_id_time_ms(col_text(st, 0) ? col_text(st, 0) : "");
        if (last >= ms)
            ms = last + 1;
    } else {
        db_fail(db, "read walk-ins");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return false;
    yk_id_make(id, ms);
    return true;
}

static bool insert_walkin(struct yk_db *db, const char *kind_id, int delta, const char *kiosk_id,
                          int64_t now_ms, char id[YK_ID_LEN + 1])
{
    if (!next_walkin_id(db, now_ms, id))
        return false;
    sqlite3_stmt *st = yk_db_prepare(db, "INSERT INTO walkins (id, kind_id, delta, created_utc, "
                                         "kiosk_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!st)
        return false;
    bind_text(st, 1, id);
    bind_text(st, 2, kind_id);
    sqlite3_bind_int(st, 3, delta);
    sqlite3_bind_int64(st, 4, utc_s(now_ms));
    bind_text(st, 5, kiosk_or_self(db, kiosk_id));
    return exec_done(db, st, "record a walk-in");
}

bool yk_walkin_tap(struct yk_db *db, const char *kind_id, const char *kiosk_id, int64_t now_ms,
                   char out_id[YK_ID_LEN + 1])
{
    char id[YK_ID_LEN + 1] = "";
    if (out_id)
        out_id[0] = '\0';
    if (!yk_db_begin(db))
        return false;
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT 1 FROM walkin_kinds WHERE id = ?1 AND deleted = 0");
    bool ok = st != NULL;
    if (ok) {
        bind_text(st, 1, kind_id);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            yk_error("volunteer", "walk-in tap of unknown kind '%s'", kind_id);
        else if (rc != SQLITE_ROW)
            db_fail(db, "read walk-in kinds");
        ok = rc == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    ok = ok && insert_walkin(db, kind_id, 1, kiosk_id, now_ms, id);
    if (ok)
        ok = yk_db_commit(db);
    else
        yk_db_rollback(db);
    if (ok && out_id)
        memcpy(out_id, id, sizeof id);
    return ok;
}

enum yk_undo_rc yk_walkin_undo_last(struct yk_db *db, const char *kiosk_id, int64_t now_ms,
                                    char *kind_out)
{
    if (kind_out)
        kind_out[0] = '\0';
    long long start, end;
    yk_volunteer_day_bounds(now_ms, &start, &end);
    if (!yk_db_begin(db))
        return YK_UNDO_ERROR;
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT kind_id, delta FROM walkins WHERE kiosk_id = ?1 "
                                         "AND created_utc >= ?2 AND created_utc < ?3 ORDER BY id");
    if (!st) {
        yk_db_rollback(db);
        return YK_UNDO_ERROR;
    }
    bind_text(st, 1, kiosk_or_self(db, kiosk_id));
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);

    /* Taps not yet undone, as a stack: a -1 undoes the latest +1 before it. */
    char(*stack)[YK_VOLUNTEER_ID_MAX + 1] = NULL;
    size_t depth = 0, cap = 0;
    bool ok = true;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_int(st, 1) < 0) {
            if (depth > 0)
                depth--;
            continue;
        }
        if (!yk_grow((void **)&stack, &cap, depth + 1, sizeof *stack)) {
            yk_error("volunteer", "out of memory reading walk-ins");
            ok = false;
            break;
        }
        yk_utf8_copy(stack[depth++], sizeof *stack, col_text(st, 0));
    }
    if (ok && rc != SQLITE_DONE) {
        db_fail(db, "read walk-ins");
        ok = false;
    }
    sqlite3_finalize(st);

    enum yk_undo_rc result = YK_UNDO_ERROR;
    char id[YK_ID_LEN + 1];
    if (ok && depth == 0) {
        result = YK_UNDO_NOTHING;
        yk_db_rollback(db);
    } else if (ok && insert_walkin(db, stack[depth - 1], -1, kiosk_id, now_ms, id) &&
               yk_db_commit(db)) {
        result = YK_UNDO_OK;
        if (kind_out)
            yk_utf8_copy(kind_out, YK_VOLUNTEER_ID_MAX + 1, stack[depth - 1]);
    } else {
        yk_db_rollback(db);
    }
    free(stack);
    return result;
}

/* (kind_id, name_zh, name_en, count); ctx: the list, for its total. */
static enum row_rc walkin_count_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx,
                                    bool *oom)
{
    (void)db;
    struct yk_walkin_count *c = item;
    c->kind_id = col_dup(st, 0, oom);
    c->name.zh = col_dup(st, 1, oom);
    c->name.en = col_dup(st, 2, oom);
    c->count = sqlite3_column_int(st, 3);
    ((struct yk_walkin_count_list *)ctx)->total += c->count;
    return ROW_KEEP;
}

bool yk_walkin_counts(struct yk_db *db, int64_t day_ms, struct yk_walkin_count_list *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(day_ms, &start, &end);
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT k.id, k.name_zh, k.name_en, COALESCE(SUM(w.delta), 0) FROM walkin_kinds k "
            "LEFT JOIN walkins w ON w.kind_id = k.id AND w.created_utc >= ?1 "
            "AND w.created_utc < ?2 WHERE k.deleted = 0 OR w.id IS NOT NULL "
            "GROUP BY k.id ORDER BY k.sort, k.id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    if (!read_rows(db, st, "count walk-ins", (void **)&out->items, &out->count, sizeof *out->items,
                   walkin_count_row, out)) {
        yk_walkin_counts_free(out);
        return false;
    }
    return true;
}

void yk_walkin_counts_free(struct yk_walkin_count_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].kind_id);
        free(l->items[i].name.zh);
        free(l->items[i].name.en);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Duty -------------------------------------------------------------------------------------- */

enum yk_duty_rc yk_duty_on(struct yk_db *db, const char *volunteer_id, int64_t now_ms)
{
    if (!yk_db_begin(db))
        return YK_DUTY_ERROR;
    enum yk_duty_rc result = YK_DUTY_ERROR;
    char id[YK_ID_LEN + 1];
    int rc;
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT 1 FROM duty_log WHERE volunteer_id = ?1 AND off_utc IS NULL");
    if (!st)
        goto done;
    bind_text(st, 1, volunteer_id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) {
        result = YK_DUTY_NO_CHANGE;
        goto done;
    }
    if (rc != SQLITE_DONE) {
        db_fail(db, "read the duty log");
        goto done;
    }
    yk_id_make(id, now_ms);
    st = yk_db_prepare(db, "INSERT INTO duty_log (id, volunteer_id, on_utc, kiosk_id) "
                           "VALUES (?1, ?2, ?3, ?4)");
    if (!st)
        goto done;
    bind_text(st, 1, id);
    bind_text(st, 2, volunteer_id);
    sqlite3_bind_int64(st, 3, utc_s(now_ms));
    bind_text(st, 4, yk_db_kiosk_id(db));
    if (exec_done(db, st, "go on duty"))
        result = YK_DUTY_OK;
done:
    if (result == YK_DUTY_OK) {
        if (!yk_db_commit(db))
            result = YK_DUTY_ERROR;
    } else {
        yk_db_rollback(db);
    }
    return result;
}

enum yk_duty_rc yk_duty_off(struct yk_db *db, const char *volunteer_id, int64_t now_ms)
{
    /* One statement, so no explicit transaction. The row changed: it is pushed again. */
    sqlite3_stmt *st = yk_db_prepare(db, "UPDATE duty_log SET off_utc = max(on_utc, ?2), "
                                         "sync_state = 'pending' "
                                         "WHERE volunteer_id = ?1 AND off_utc IS NULL");
    if (!st)
        return YK_DUTY_ERROR;
    bind_text(st, 1, volunteer_id);
    sqlite3_bind_int64(st, 2, utc_s(now_ms));
    if (!exec_done(db, st, "go off duty"))
        return YK_DUTY_ERROR;
    return sqlite3_changes(db->handle) > 0 ? YK_DUTY_OK : YK_DUTY_NO_CHANGE;
}

/* (volunteer_id, name_zh, name_en, since_utc, seconds, on_duty); ctx: the list. */
static enum row_rc duty_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx, bool *oom)
{
    (void)db;
    struct yk_duty_entry *e = item;
    e->volunteer_id = col_dup(st, 0, oom);
    e->name.zh = col_dup(st, 1, oom);
    e->name.en = col_dup(st, 2, oom);
    e->since_utc = sqlite3_column_int64(st, 3);
    e->seconds = sqlite3_column_int64(st, 4);
    e->on_duty = sqlite3_column_int(st, 5) != 0;
    ((struct yk_duty_list *)ctx)->total_seconds += e->seconds;
    return ROW_KEEP;
}

static bool read_duty(struct yk_db *db, sqlite3_stmt *st, struct yk_duty_list *out)
{
    if (!read_rows(db, st, "read the duty log", (void **)&out->items, &out->count,
                   sizeof *out->items, duty_row, out)) {
        yk_duty_list_free(out);
        return false;
    }
    return true;
}

bool yk_duty_now(struct yk_db *db, struct yk_duty_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st =
        yk_db_prepare(db, "SELECT d.volunteer_id, v.name_zh, v.name_en, min(d.on_utc), 0, 1 "
                          "FROM duty_log d JOIN volunteers v ON v.id = d.volunteer_id "
                          "WHERE d.off_utc IS NULL GROUP BY d.volunteer_id ORDER BY 4, 1");
    return st && read_duty(db, st, out);
}

bool yk_duty_hours(struct yk_db *db, int64_t day_ms, int64_t now_ms, struct yk_duty_list *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(day_ms, &start, &end);
    /* Each shift clipped to the day; an open one ends now (never before it began). */
    sqlite3_stmt *st = yk_db_prepare(
        db, "SELECT d.volunteer_id, v.name_zh, v.name_en, 0, "
            "sum(max(0, min(coalesce(d.off_utc, max(d.on_utc, ?3)), ?2) - max(d.on_utc, ?1))) "
            "AS secs, max(d.off_utc IS NULL) "
            "FROM duty_log d JOIN volunteers v ON v.id = d.volunteer_id "
            "WHERE d.on_utc < ?2 AND (d.off_utc IS NULL OR d.off_utc > ?1) "
            "GROUP BY d.volunteer_id HAVING secs > 0 ORDER BY v.name_zh, d.volunteer_id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    sqlite3_bind_int64(st, 3, utc_s(now_ms));
    return read_duty(db, st, out);
}

void yk_duty_list_free(struct yk_duty_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].volunteer_id);
        free(l->items[i].name.zh);
        free(l->items[i].name.en);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Summary ----------------------------------------------------------------------------------- */

/* (event_id, title_zh, title_en, people, parties); ctx: the summary. */
static enum row_rc checkins_row(struct yk_db *db, sqlite3_stmt *st, void *item, void *ctx,
                                bool *oom)
{
    (void)db;
    struct yk_event_checkins *e = item;
    e->event_id = col_dup(st, 0, oom);
    e->title.zh = col_dup(st, 1, oom);
    e->title.en = col_dup(st, 2, oom);
    e->people = sqlite3_column_int(st, 3);
    e->parties = sqlite3_column_int(st, 4);
    ((struct yk_day_summary *)ctx)->checkin_people += e->people;
    return ROW_KEEP;
}

static bool event_checkins(struct yk_db *db, long long start, long long end,
                           struct yk_day_summary *out)
{
    sqlite3_stmt *st = yk_db_prepare(db, "SELECT c.event_id, e.title_zh, e.title_en, sum(c.count), "
                                         "count(DISTINCT coalesce(c.signup_id, c.ticket_code)) "
                                         "FROM checkins c JOIN events e ON e.id = c.event_id "
                                         "WHERE c.created_utc >= ?1 AND c.created_utc < ?2 "
                                         "GROUP BY c.event_id ORDER BY e.starts_utc, c.event_id");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, start);
    sqlite3_bind_int64(st, 2, end);
    return read_rows(db, st, "count check-ins", (void **)&out->events, &out->event_count,
                     sizeof *out->events, checkins_row, out);
}

bool yk_volunteer_summary(struct yk_db *db, int64_t now_ms, struct yk_day_summary *out)
{
    memset(out, 0, sizeof *out);
    long long start, end;
    yk_volunteer_day_bounds(now_ms, &start, &end);
    out->day_start_utc = start;
    out->day_end_utc = end;
    if (!event_checkins(db, start, end, out) || !yk_walkin_counts(db, now_ms, &out->walkins) ||
        !yk_duty_hours(db, now_ms, now_ms, &out->duty)) {
        yk_day_summary_free(out);
        return false;
    }
    return true;
}

void yk_day_summary_free(struct yk_day_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->event_count; i++) {
        free(s->events[i].event_id);
        free(s->events[i].title.zh);
        free(s->events[i].title.en);
    }
    free(s->events);
    yk_walkin_counts_free(&s->walkins);
    yk_duty_list_free(&s->duty);
    memset(s, 0, sizeof *s);
}
