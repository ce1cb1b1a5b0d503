/* 我的报名 across kiosks, the kiosk's side without network: the number's keyed hash, the
 * bodies and answers of /api/v1/mine and /api/v1/mine/cancel, the re-push after a new key,
 * and the one request in flight between the screen and the sync worker. */
#include "core/sync_mine.h"

#include "core/json.h"
#include "core/log.h"
#include "core/signup.h"
#include "core/sync_internal.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool yk_sync_phone_hash(const uint8_t key[YK_SYNC_PHONE_KEY_LEN], const char *phone,
                        char hex[YK_SYNC_PHONE_HASH_HEX + 1])
{
    hex[0] = '\0';
    char stored[YK_PHONE_MAX + 1];
    if (yk_phone_normalize(phone, stored) != YK_PHONE_OK)
        return false;
    uint8_t mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, YK_SYNC_PHONE_KEY_LEN);
    crypto_auth_hmacsha256_update(&st, (const uint8_t *)stored, strlen(stored));
    crypto_auth_hmacsha256_final(&st, mac);
    sodium_bin2hex(hex, YK_SYNC_PHONE_HASH_HEX + 1, mac, sizeof mac);
    sodium_memzero(stored, sizeof stored);
    sodium_memzero(&st, sizeof st);
    return true;
}

/* Exactly n lowercase hex digits. */
static bool lower_hex(const char *s, size_t n)
{
    return s && strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

bool yk_sync_phone_key_parse(const char *hex, uint8_t key[YK_SYNC_PHONE_KEY_LEN])
{
    if (!lower_hex(hex, 2 * YK_SYNC_PHONE_KEY_LEN))
        return false;
    size_t got = 0;
    return sodium_hex2bin(key, YK_SYNC_PHONE_KEY_LEN, hex, 2 * YK_SYNC_PHONE_KEY_LEN, NULL, &got,
                          NULL) == 0 &&
           got == YK_SYNC_PHONE_KEY_LEN;
}

int yk_sync_mine_rehash(struct yk_db *db, int64_t now_utc_s)
{
    sqlite3_stmt *st =
        yk_db_prepare(db, "UPDATE signups SET sync_state = 'pending' WHERE sync_state = 'synced' "
                          "AND status <> 'cancelled' AND phone IS NOT NULL "
                          "AND event_id IN (SELECT id FROM events WHERE ends_utc > ?1)");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now_utc_s);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        yk_error("sync", "cannot mark sign-ups for their hash: %s", sqlite3_errmsg(db->handle));
        return -1;
    }
    return sqlite3_changes(db->handle);
}

char *yk_sync_mine_body(const char *hash, const char *signup_id, size_t *len)
{
    struct yk_jw w;
    yk_jw_init(&w, 1024);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "phone_hash", hash);
    if (signup_id)
        yk_jw_kstr(&w, "signup_id", signup_id);
    yk_jw_obj_end(&w);
    return yk_jw_take(&w, len);
}

/* A string member of at most max bytes into out (n bytes); null or absent gives "" when
 * nullable. false when absent (and not nullable), not a string, or too long. */
static bool get_text(const struct yk_json *o, const char *key, bool nullable, size_t max, char *out,
                     size_t n)
{
    out[0] = '\0';
    const struct yk_json *v = yk_json_get(o, key);
    if (!v || yk_json_is_null(v))
        return nullable;
    if (v->type != YK_JSON_STRING || v->len > max || v->len >= n)
        return false;
    memcpy(out, v->str, v->len + 1);
    return true;
}

/* The rule names the hub shares with yk_mine_rc_name; -1 for anything else. */
static int rc_parse(const char *s)
{
    for (int r = YK_MINE_OK; r <= YK_MINE_ERROR; r++)
        if (strcmp(s, yk_mine_rc_name((enum yk_mine_rc)r)) == 0)
            return r;
    return -1;
}

/* One sign-up of the answer into *m; false when it is not the protocol's. */
static bool parse_one(const struct yk_json *o, const char *masked, struct yk_signup_mine *m)
{
    memset(m, 0, sizeof *m);
    struct yk_signup_info *in = &m->info;
    char status[16], title[16], rule[24];
    int64_t party, created, starts, ends;
    if (!o || o->type != YK_JSON_OBJECT ||
        !get_text(o, "id", false, YK_ID_LEN, in->id, sizeof in->id) ||
        strlen(in->id) != YK_ID_LEN ||
        !get_text(o, "event_id", false, sizeof in->event_id - 1, in->event_id,
                  sizeof in->event_id) ||
        !in->event_id[0] ||
        !get_text(o, "kiosk_id", false, sizeof m->kiosk_id - 1, m->kiosk_id, sizeof m->kiosk_id) ||
        !get_text(o, "status", false, sizeof status - 1, status, sizeof status) ||
        !get_text(o, "surname", true, YK_SURNAME_MAX, in->surname, sizeof in->surname) ||
        !get_text(o, "title", true, sizeof title - 1, title, sizeof title) ||
        !get_text(o, "ticket_code", true, YK_TICKET_DIGITS, in->ticket_code,
                  sizeof in->ticket_code) ||
        !get_text(o, "short_code", true, YK_TICKET_SHORT_LEN, in->short_code,
                  sizeof in->short_code) ||
        !get_text(o, "can_cancel", false, sizeof rule - 1, rule, sizeof rule) ||
        !yk_json_get_int(o, "party_size", &party) || !yk_json_get_int(o, "created_utc", &created) ||
        !yk_json_get_int(o, "starts_utc", &starts) || !yk_json_get_int(o, "ends_utc", &ends))
        return false;
    in->seat = yk_signup_seat_parse(status);
    int r = rc_parse(rule);
    if ((in->seat != YK_SEAT_CONFIRMED && in->seat != YK_SEAT_WAITLIST) || party < 1 ||
        party > 1000 || r < 0 || r == YK_MINE_ALREADY || r == YK_MINE_NOT_FOUND ||
        r == YK_MINE_ERROR || (in->surname[0] && !yk_signup_name_ok(in->surname)))
        return false;
    if (in->seat != YK_SEAT_CONFIRMED ||
        strspn(in->ticket_code, "0123456789") != strlen(in->ticket_code))
        in->ticket_code[0] = in->short_code[0] = '\0'; /* only a confirmed ticket is shown */
    in->title = yk_signup_title_parse(title[0] ? title : NULL);
    in->party_size = (int)party;
    in->created_utc = created;
    snprintf(in->phone_masked, sizeof in->phone_masked, "%s", masked);
    m->starts_utc = starts;
    m->ends_utc = ends;
    m->can_cancel = (enum yk_mine_rc)r;
    m->remote = true;
    return true;
}

int yk_sync_mine_parse(const char *body, size_t len, const char *phone, const char *own_kiosk,
                       struct yk_signup_mine *out, int max)
{
    struct yk_json_doc doc;
    int n = -1;
    if (!body || !yk_json_parse(&doc, body, len, NULL)) {
        yk_json_free(&doc);
        return -1;
    }
    const struct yk_json *list = yk_json_get(doc.root, "signups");
    char masked[YK_PHONE_MASKED_LEN + 1];
    yk_phone_mask(phone, masked);
    if (list && list->type == YK_JSON_ARRAY) {
        n = 0;
        for (const struct yk_json *o = list->first; o; o = o->next) {
            struct yk_signup_mine m;
            if (!parse_one(o, masked, &m)) {
                n = -1;
                break;
            }
            if (own_kiosk && strcmp(m.kiosk_id, own_kiosk) == 0)
                continue;
            if (n < max)
                out[n++] = m;
        }
    }
    if (n < 0)
        yk_warn("sync", "the hub's answer to a look-up is not usable: ignored");
    yk_json_free(&doc);
    return n;
}

bool yk_sync_mine_cancel_parse(const char *body, size_t len, enum yk_mine_rc *rc)
{
    struct yk_json_doc doc;
    const char *result;
    int r = -1;
    if (body && yk_json_parse(&doc, body, len, NULL) &&
        yk_json_get_str(doc.root, "result", &result))
        r = rc_parse(result);
    yk_json_free(&doc);
    if (r < 0 || r == YK_MINE_ERROR)
        return false;
    *rc = (enum yk_mine_rc)r;
    return true;
}

/* The hand-over ------------------------------------------------------------------------------ */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
    unsigned ask, last; /* the request now (0: none); the last number given */
    bool taken;         /* the worker has it */
    enum yk_sync_mine_state state;
    char phone[YK_PHONE_MAX + 1];
    char cancel_id[YK_ID_LEN + 1];
    struct yk_signup_mine found[YK_SIGNUP_MINE_MAX];
    int n;
    enum yk_mine_rc rc;
} box;

unsigned yk_sync_request_mine(const char *phone, const char *cancel_id)
{
    char stored[YK_PHONE_MAX + 1];
    if (yk_phone_normalize(phone, stored) != YK_PHONE_OK ||
        (cancel_id && strlen(cancel_id) != YK_ID_LEN) || !yk_sync_mailbox_can_ask())
        return 0;
    pthread_mutex_lock(&lock);
    sodium_memzero(&box.found, sizeof box.found);
    box.ask = ++box.last ? box.last : ++box.last; /* never 0 */
    box.taken = false;
    box.state = YK_SYNC_MINE_WAITING;
    memcpy(box.phone, stored, sizeof stored);
    snprintf(box.cancel_id, sizeof box.cancel_id, "%s", cancel_id ? cancel_id : "");
    box.n = 0;
    box.rc = YK_MINE_ERROR;
    unsigned ask = box.ask;
    pthread_mutex_unlock(&lock);
    sodium_memzero(stored, sizeof stored);
    yk_sync_wake();
    return ask;
}

enum yk_sync_mine_state yk_sync_mine_result(unsigned ask, struct yk_signup_mine *out, int max,
                                            int *n, enum yk_mine_rc *rc)
{
    if (n)
        *n = 0;
    pthread_mutex_lock(&lock);
    enum yk_sync_mine_state s = ask && ask == box.ask ? box.state : YK_SYNC_MINE_FAILED;
    if (s == YK_SYNC_MINE_ANSWERED) {
        int k = box.n < max ? box.n : max;
        if (out && k > 0)
            memcpy(out, box.found, (size_t)k * sizeof *out);
        if (n)
            *n = out ? k : 0;
        if (rc)
            *rc = box.rc;
    }
    pthread_mutex_unlock(&lock);
    return s;
}

bool yk_sync_take_mine_request(unsigned *ask, char phone[YK_PHONE_MAX + 1],
                               char cancel_id[YK_ID_LEN + 1])
{
    pthread_mutex_lock(&lock);
    bool have = box.ask && !box.taken && box.state == YK_SYNC_MINE_WAITING;
    if (have) {
        box.taken = true;
        *ask = box.ask;
        memcpy(phone, box.phone, sizeof box.phone);
        memcpy(cancel_id, box.cancel_id, sizeof box.cancel_id);
    }
    sodium_memzero(box.phone, sizeof box.phone);
    pthread_mutex_unlock(&lock);
    return have;
}

void yk_sync_mine_done(unsigned ask, bool ok, const struct yk_signup_mine *found, int n,
                       enum yk_mine_rc rc)
{
    pthread_mutex_lock(&lock);
    bool current = ask == box.ask && box.state == YK_SYNC_MINE_WAITING;
    if (current) {
        box.state = ok ? YK_SYNC_MINE_ANSWERED : YK_SYNC_MINE_FAILED;
        box.n = ok && found ? (n < YK_SIGNUP_MINE_MAX ? n : YK_SIGNUP_MINE_MAX) : 0;
        if (box.n > 0)
            memcpy(box.found, found, (size_t)box.n * sizeof *found);
        box.rc = rc;
    }
    pthread_mutex_unlock(&lock);
    if (current)
        yk_sync_mailbox_changed();
}
