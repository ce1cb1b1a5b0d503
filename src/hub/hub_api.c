#include "hub/hub_api.h"

#include "hub/admin.h"
#include "hub/hub_api_internal.h"

#include "core/ids.h"
#include "core/log.h"
#include "core/phone.h"
#include "core/signup.h"
#include "hub/hub_page.h"
#include "hub/hub_public.h"
#include "hub/hub_store_mine.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char JSON_TYPE[] = "application/json; charset=utf-8";

static void set_body(struct yk_hub_response *rs, int status, const char *type, char *body,
                     size_t len)
{
    rs->status = status;
    rs->content_type = type;
    rs->body = body;
    rs->len = len;
}

/* {"error": code, "message": msg}: every refusal has this shape. */
void yk_hub_error(struct yk_hub_response *rs, int status, const char *code, const char *msg)
{
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "error", code);
    yk_jw_kstr(&w, "message", msg);
    yk_jw_obj_end(&w);
    size_t len = 0;
    char *b = yk_jw_take(&w, &len);
    set_body(rs, status, JSON_TYPE, b, b ? len : 0);
}

void yk_hub_finish_json(struct yk_hub_response *rs, struct yk_jw *w)
{
    size_t len = 0;
    char *b = yk_jw_take(w, &len);
    if (!b) {
        yk_hub_error(rs, 500, "internal", "the answer could not be written");
        return;
    }
    set_body(rs, 200, JSON_TYPE, b, len);
}

static const struct yk_json_limits body_limits = {
    .max_bytes = YK_HUB_MAX_BODY, .max_depth = 8, .max_nodes = 200000, .max_members = 64};

int yk_hub_parse_object(const struct yk_hub_request *rq, struct yk_json_doc *doc,
                        struct yk_hub_response *rs)
{
    if (!yk_json_parse(doc, rq->body ? rq->body : "", rq->body ? rq->body_len : 0, &body_limits)) {
        yk_hub_error(rs, 400, "bad-json", doc->error);
        return 400;
    }
    if (doc->root->type != YK_JSON_OBJECT) {
        yk_hub_error(rs, 400, "bad-json", "the body must be a JSON object");
        return 400;
    }
    return 0;
}

/* Records --------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    enum yk_hub_kind kind;
} kinds[] = {{"signup", YK_HUB_SIGNUP},
             {"checkin", YK_HUB_CHECKIN},
             {"walkin", YK_HUB_WALKIN},
             {"duty", YK_HUB_DUTY},
             {"audit", YK_HUB_AUDIT}};

/* An optional string field: absent/null → NULL; another type or too long → false. */
static bool opt_str(const struct yk_json *o, const char *key, const char **out)
{
    const struct yk_json *v = yk_json_get(o, key);
    *out = NULL;
    if (yk_json_is_null(v))
        return true;
    if (v->type != YK_JSON_STRING || v->len == 0 || v->len > YK_HUB_MAX_FIELD)
        return false;
    *out = v->str;
    return true;
}

static bool opt_int(const struct yk_json *o, const char *key, int64_t *out, bool *present)
{
    const struct yk_json *v = yk_json_get(o, key);
    *out = 0;
    if (present)
        *present = false;
    if (yk_json_is_null(v))
        return true;
    if (v->type != YK_JSON_INT)
        return false;
    *out = v->num;
    if (present)
        *present = true;
    return true;
}

static bool req_int(const struct yk_json *o, const char *key, int64_t *out)
{
    bool have = false;
    return opt_int(o, key, out, &have) && have;
}

/* Every number the hub takes from outside, with the range it accepts: one table, checked on
 * every object a request carries (out_of_range) before anything reads a number from it. The
 * bounds keep sums far from overflow; the store then checks the event's own limits
 * (max_party). A member with another name is not a number the hub reads. */
static const struct {
    const char *key;
    int64_t min, max;
    const char *reason; /* a push item's rejection reason */
} bounds[] = {
    {"party_size", 1, YK_HUB_PARTY_MAX, "bad-party-size"},
    {"count", 1, YK_HUB_PARTY_MAX, "bad-count"},
    {"delta", -1, 1, "bad-delta"},
    {"ticket_serial", 1, UINT32_MAX, "bad-ticket"},
    {"created_utc", 0, YK_HUB_TIME_MAX, "bad-times"},
    {"updated_utc", 0, YK_HUB_TIME_MAX, "bad-times"},
    {"on_utc", 0, YK_HUB_TIME_MAX, "bad-times"},
    {"off_utc", 0, YK_HUB_TIME_MAX, "bad-times"},
    {"last_sync_utc", 0, YK_HUB_TIME_MAX, "bad-times"},
    {"uptime_s", 0, YK_HUB_TIME_MAX, "malformed"},
    {"free_disk_bytes", 0, INT64_C(1) << 53, "malformed"},
    {"records_waiting", 0, INT32_MAX, "malformed"},
    {"records_set_aside", 0, INT32_MAX, "malformed"},
    {"seats", 0, YK_HUB_SEATS_MAX, "malformed"},
};

/* The reason o breaks the table above (a number member out of its range), or NULL. */
static const char *out_of_range(const struct yk_json *o)
{
    if (!o || o->type != YK_JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
        const struct yk_json *v = yk_json_get(o, bounds[i].key);
        if (v && v->type == YK_JSON_INT && (v->num < bounds[i].min || v->num > bounds[i].max))
            return bounds[i].reason;
    }
    return NULL;
}

bool yk_hub_hex64(const char *s)
{
    bool ok = s && strlen(s) == 64;
    for (const char *p = s; ok && *p; p++)
        ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f');
    return ok;
}

/* The phone of a sign-up: phone_last4 must be exactly four digits, and a whole number (sent
 * by kiosks before issue 11, and by kiosks whose hub keeps numbers for its staff: phone_days)
 * a valid one by core/phone.h's rule (mainland or "+" from abroad). r->phone_last4 gets its
 * last four digits; r->phone the number (the store keeps it only when the hub is set to,
 * yk_hub_set_phone_days). hash, the member phone_hash (NULL when absent), must be null or
 * exactly 64 lowercase hex (yk_hub_hex64: the HMAC of the number under the hub's phone key,
 * for the person's own look-up): r->phone_hash. False: "bad-phone". */
static bool take_phone(struct yk_hub_record *r, const char *phone, const struct yk_json *hash)
{
    if (!yk_json_is_null(hash)) {
        if (hash->type != YK_JSON_STRING || !yk_hub_hex64(hash->str))
            return false;
        r->phone_hash = hash->str;
    }
    if (r->phone_last4) {
        const char *d = r->phone_last4;
        bool four = strlen(d) == 4;
        for (size_t i = 0; four && i < 4; i++)
            four = d[i] >= '0' && d[i] <= '9';
        if (!four)
            return false;
    }
    char l4[5];
    if (phone) {
        if (!yk_phone_last4(phone, l4))
            return false;
        if (!r->phone_last4) /* a valid number's last four characters are its last digits */
            r->phone_last4 = phone + strlen(phone) - 4;
        r->phone = phone;
    }
    return true;
}

/* Who a sign-up addresses: a name by the kiosk's rule (yk_signup_name_ok) and a title that
 * is 先生, 女士 or none. False: "bad-name". */
static bool take_name(const struct yk_hub_record *r)
{
    return yk_signup_name_ok(r->surname) &&
           (!r->title || !*r->title || strcmp(r->title, "先生") == 0 ||
            strcmp(r->title, "女士") == 0);
}

const char *yk_hub_parse_record(const struct yk_json *o, enum yk_hub_kind kind,
                                struct yk_hub_record *r)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    if (!o || o->type != YK_JSON_OBJECT)
        return "malformed";
    if (!opt_str(o, "id", &r->id) || !r->id || !yk_id_valid(r->id))
        return "bad-id";
    if (!opt_str(o, "kiosk_id", &r->kiosk_id) || !r->kiosk_id)
        return "missing-kiosk";
    const char *range = out_of_range(o);
    if (range)
        return range;
    bool ok = true;
    const char *phone = NULL;
    switch (kind) {
    case YK_HUB_SIGNUP:
        ok = opt_str(o, "event_id", &r->event_id) && r->event_id && opt_str(o, "phone", &phone) &&
             opt_str(o, "phone_last4", &r->phone_last4) && opt_str(o, "surname", &r->surname) &&
             opt_str(o, "title", &r->title) && opt_str(o, "status", &r->status) &&
             opt_str(o, "ticket_code", &r->ticket_code) &&
             opt_str(o, "short_code", &r->short_code) && req_int(o, "party_size", &r->party_size) &&
             opt_int(o, "ticket_serial", &r->ticket_serial, NULL) &&
             req_int(o, "created_utc", &r->created_utc) &&
             opt_int(o, "updated_utc", &r->updated_utc, NULL);
        /* Only the last four digits of a number may reach the store. */
        if (ok && !take_phone(r, phone, yk_json_get(o, "phone_hash")))
            return "bad-phone";
        if (ok && !take_name(r))
            return "bad-name";
        break;
    case YK_HUB_CHECKIN:
        ok = opt_str(o, "event_id", &r->event_id) && r->event_id &&
             opt_str(o, "signup_id", &r->signup_id) && opt_str(o, "ticket_code", &r->ticket_code) &&
             opt_str(o, "volunteer_id", &r->volunteer_id) && req_int(o, "count", &r->count) &&
             req_int(o, "created_utc", &r->created_utc);
        break;
    case YK_HUB_WALKIN:
        ok = opt_str(o, "kind_id", &r->kind_id) && r->kind_id && req_int(o, "delta", &r->delta) &&
             req_int(o, "created_utc", &r->created_utc);
        break;
    case YK_HUB_DUTY:
        ok = opt_str(o, "volunteer_id", &r->volunteer_id) && r->volunteer_id &&
             req_int(o, "on_utc", &r->on_utc) && opt_int(o, "off_utc", &r->off_utc, &r->has_off);
        break;
    case YK_HUB_AUDIT:
        ok = opt_str(o, "what", &r->what) && r->what && opt_str(o, "ref", &r->ref) &&
             req_int(o, "created_utc", &r->created_utc);
        break;
    }
    return ok ? NULL : "malformed";
}

void yk_hub_push_body_free(struct yk_hub_push_body *b)
{
    if (!b)
        return;
    yk_json_free(&b->doc);
    free(b->records);
    free(b->bad);
    free(b->types);
    b->records = NULL;
    b->bad = NULL;
    b->types = NULL;
    b->n = 0;
}

int yk_hub_parse_push(const char *body, size_t len, struct yk_hub_push_body *b, char *err,
                      size_t errn)
{
    memset(b, 0, sizeof *b);
    if (len > YK_HUB_MAX_BODY) {
        snprintf(err, errn, "the body is over %u bytes", YK_HUB_MAX_BODY);
        return 413;
    }
    if (!yk_json_parse(&b->doc, body ? body : "", body ? len : 0, &body_limits)) {
        snprintf(err, errn, "%s", b->doc.error);
        return 400;
    }
    const struct yk_json *recs = yk_json_get(b->doc.root, "records");
    if (!recs || recs->type != YK_JSON_ARRAY) {
        snprintf(err, errn, "the body must be {\"records\": [...]}");
        return 400;
    }
    if (recs->len > YK_HUB_MAX_BATCH) {
        snprintf(err, errn, "more than %d records in one push", YK_HUB_MAX_BATCH);
        return 413;
    }
    size_t n = recs->len;
    b->records = calloc(n ? n : 1, sizeof *b->records);
    b->bad = calloc(n ? n : 1, sizeof *b->bad);
    b->types = calloc(n ? n : 1, sizeof *b->types);
    if (!b->records || !b->bad || !b->types) {
        snprintf(err, errn, "out of memory");
        return 500;
    }
    size_t i = 0;
    for (const struct yk_json *o = recs->first; o; o = o->next, i++) {
        const char *type = NULL;
        if (!yk_json_get_str(o, "type", &type)) {
            b->bad[i] = "unknown-type";
            continue;
        }
        b->types[i] = type;
        size_t k = 0;
        while (k < sizeof kinds / sizeof kinds[0] && strcmp(kinds[k].name, type) != 0)
            k++;
        if (k == sizeof kinds / sizeof kinds[0]) {
            b->bad[i] = "unknown-type";
            continue;
        }
        b->bad[i] = yk_hub_parse_record(o, kinds[k].kind, &b->records[i]);
    }
    b->n = n;
    return 0;
}

static const char *result_name(enum yk_hub_result r)
{
    return r == YK_HUB_ACCEPTED ? "accepted" : r == YK_HUB_DUPLICATE ? "duplicate" : "rejected";
}

static void write_outcome(struct yk_jw *w, const char *id, const char *type,
                          const struct yk_hub_outcome *o)
{
    yk_jw_obj_begin(w);
    yk_jw_kstr(w, "id", id);
    if (type)
        yk_jw_kstr(w, "type", type);
    yk_jw_kstr(w, "result", result_name(o->result));
    if (o->reason[0])
        yk_jw_kstr(w, "reason", o->reason);
    if (o->status[0])
        yk_jw_kstr(w, "status", o->status);
    yk_jw_obj_end(w);
}

static void do_push(struct yk_hub_store *store, const char *kiosk, const struct yk_hub_request *rq,
                    int64_t now, struct yk_hub_response *rs)
{
    struct yk_hub_push_body b;
    char err[128];
    int st = yk_hub_parse_push(rq->body, rq->body_len, &b, err, sizeof err);
    if (st) {
        yk_hub_error(rs, st, st == 413 ? "too-large" : "bad-request", err);
        yk_hub_push_body_free(&b);
        return;
    }
    /* Well-formed items go to the store together; the others are answered here. */
    struct yk_hub_record *good = calloc(b.n ? b.n : 1, sizeof *good);
    struct yk_hub_outcome *res = calloc(b.n ? b.n : 1, sizeof *res);
    struct yk_hub_outcome *all = calloc(b.n ? b.n : 1, sizeof *all);
    size_t ng = 0;
    if (!good || !res || !all) {
        yk_hub_error(rs, 500, "internal", "out of memory");
        goto out;
    }
    for (size_t i = 0; i < b.n; i++)
        if (!b.bad[i])
            good[ng++] = b.records[i];
    if (!yk_hub_push(store, kiosk, good, ng, res, now)) {
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        goto out;
    }
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_key(&w, "results");
    yk_jw_arr_begin(&w);
    size_t g = 0;
    for (size_t i = 0; i < b.n; i++) {
        if (b.bad[i]) {
            all[i].result = YK_HUB_REJECTED;
            snprintf(all[i].reason, sizeof all[i].reason, "%s", b.bad[i]);
        } else {
            all[i] = res[g++];
        }
        write_outcome(&w, b.records[i].id, b.types[i], &all[i]);
    }
    yk_jw_arr_end(&w);
    yk_jw_obj_end(&w);
    yk_hub_finish_json(rs, &w);
out:
    free(good);
    free(res);
    free(all);
    yk_hub_push_body_free(&b);
}

/* Other endpoints --------------------------------------------------------------------------- */

/* "phone_key": the key kiosks hash numbers with for the look-up of a person's sign-ups
 * (hub_store_mine.h), to an enrolled kiosk only; nothing when the store has none. */
static void write_phone_key(struct yk_hub_store *store, struct yk_jw *w)
{
    char hex[YK_HUB_PHONE_HASH_LEN + 1];
    if (yk_hub_phone_key_hex(store, hex))
        yk_jw_kstr(w, "phone_key", hex);
    sodium_memzero(hex, sizeof hex);
}

static void do_enrol(struct yk_hub_store *store, const struct yk_hub_request *rq, int64_t now,
                     struct yk_hub_response *rs)
{
    struct yk_json_doc doc;
    if (yk_hub_parse_object(rq, &doc, rs)) {
        yk_json_free(&doc);
        return;
    }
    const char *code = NULL, *kiosk = NULL, *pk = NULL;
    uint8_t key[32];
    size_t key_len = 0;
    if (!yk_json_get_str(doc.root, "setup_code", &code) ||
        !yk_json_get_str(doc.root, "kiosk_id", &kiosk) ||
        !yk_json_get_str(doc.root, "public_key", &pk) || !yk_id_valid(kiosk)) {
        yk_hub_error(rs, 400, "bad-request",
                     "setup_code, kiosk_id (ULID) and public_key are needed");
        yk_json_free(&doc);
        return;
    }
    size_t pl = strlen(pk);
    bool key_ok = false;
    if (pl == 64)
        key_ok =
            sodium_hex2bin(key, sizeof key, pk, pl, NULL, &key_len, NULL) == 0 && key_len == 32;
    else if (pl == 43 || pl == 44)
        key_ok = sodium_base642bin(key, sizeof key, pk, pl, NULL, &key_len, NULL,
                                   pl == 44 ? sodium_base64_VARIANT_ORIGINAL
                                            : sodium_base64_VARIANT_ORIGINAL_NO_PADDING) == 0 &&
                 key_len == 32;
    if (!key_ok) {
        yk_hub_error(rs, 400, "bad-key", "public_key must be 32 bytes as hex or base64");
        yk_json_free(&doc);
        return;
    }
    char token[YK_HUB_TOKEN_LEN + 1], station[64];
    enum yk_hub_rc rc = yk_hub_enrol(store, code, kiosk, key, now, token, station);
    switch (rc) {
    case YK_HUB_OK: {
        struct yk_jw w;
        yk_jw_init(&w, 0);
        yk_jw_obj_begin(&w);
        yk_jw_kstr(&w, "kiosk_id", kiosk);
        yk_jw_kstr(&w, "station_id", station);
        yk_jw_kstr(&w, "token", token);
        write_phone_key(store, &w);
        yk_jw_obj_end(&w);
        yk_hub_finish_json(rs, &w);
        sodium_memzero(token, sizeof token);
        yk_info("hub", "kiosk %s enrolled at station %s", kiosk, station);
        break;
    }
    case YK_HUB_NOT_FOUND:
        yk_hub_error(rs, 403, "bad-setup-code", "this setup code is not known to the hub");
        break;
    case YK_HUB_USED:
        yk_hub_error(rs, 403, "setup-code-used",
                     "this setup code was used or has expired; "
                     "ask the operator for a new one");
        break;
    case YK_HUB_REVOKED:
        yk_hub_error(rs, 403, "revoked", "this kiosk was revoked");
        break;
    case YK_HUB_INVALID:
        yk_hub_error(rs, 409, "key-conflict", "this public key belongs to another kiosk");
        break;
    case YK_HUB_EXISTS:
        yk_hub_error(rs, 409, "kiosk-exists",
                     "this kiosk id is enrolled already; the operator makes a code for it with "
                     "yikong-hub kiosk-replace KIOSK_ID");
        break;
    case YK_HUB_ERROR:
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        break;
    }
    yk_json_free(&doc);
}

/* since/limit: digits only, no sign, in range. */
static bool parse_uint(const char *s, int64_t max, int64_t *out)
{
    if (!s || !*s || strlen(s) > 18)
        return false;
    int64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (*s - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

static void do_changes(struct yk_hub_store *store, const char *kiosk,
                       const struct yk_hub_request *rq, struct yk_hub_response *rs)
{
    int64_t since = 0, limit = YK_HUB_PAGE_DEFAULT;
    if ((rq->q_since && !parse_uint(rq->q_since, INT64_MAX / 2, &since)) ||
        (rq->q_limit && (!parse_uint(rq->q_limit, INT64_MAX / 2, &limit) || limit < 1))) {
        yk_hub_error(rs, 400, "bad-request",
                     "since and limit are non-negative integers, limit >= 1");
        return;
    }
    if (limit > YK_HUB_PAGE_MAX)
        limit = YK_HUB_PAGE_MAX;
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    if (!yk_hub_changes(store, kiosk, since, (int)limit, &w)) {
        yk_jw_destroy(&w);
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        return;
    }
    yk_jw_obj_end(&w);
    yk_hub_finish_json(rs, &w);
}

static void do_media(struct yk_hub_store *store, const char *hash, struct yk_hub_response *rs)
{
    if (!yk_hub_hex64(hash)) {
        yk_hub_error(rs, 404, "not-found", "media are named by the lowercase hex SHA-256");
        return;
    }
    void *bytes = NULL;
    size_t len = 0;
    char mime[64];
    switch (yk_hub_media_get(store, hash, &bytes, &len, mime)) {
    case YK_HUB_OK:
        set_body(rs, 200, "application/octet-stream", bytes, len);
        /* The content type is the stored one: copied to a static by kind. */
        rs->content_type = strcmp(mime, "image/png") == 0    ? "image/png"
                           : strcmp(mime, "image/jpeg") == 0 ? "image/jpeg"
                           : strcmp(mime, "image/webp") == 0 ? "image/webp"
                                                             : "application/octet-stream";
        rs->cache_control = "public, max-age=31536000, immutable";
        break;
    case YK_HUB_NOT_FOUND:
        yk_hub_error(rs, 404, "not-found", "no media with this hash");
        break;
    default:
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        break;
    }
}

static void do_signup(struct yk_hub_store *store, const char *kiosk,
                      const struct yk_hub_request *rq, int64_t now, struct yk_hub_response *rs)
{
    struct yk_json_doc doc;
    if (yk_hub_parse_object(rq, &doc, rs)) {
        yk_json_free(&doc);
        return;
    }
    struct yk_hub_record r;
    const char *bad = yk_hub_parse_record(doc.root, YK_HUB_SIGNUP, &r);
    bool waitlist_ok = true;
    const struct yk_json *wv = yk_json_get(doc.root, "waitlist_ok");
    if (!bad && wv && !yk_json_get_bool(doc.root, "waitlist_ok", &waitlist_ok))
        bad = "malformed";
    struct yk_hub_outcome o = {0};
    if (bad) {
        yk_hub_error(rs, 400, "bad-request", bad);
    } else if (!yk_hub_signup_online(store, kiosk, &r, waitlist_ok, &o, now)) {
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
    } else {
        struct yk_jw w;
        yk_jw_init(&w, 0);
        write_outcome(&w, r.id, NULL, &o);
        yk_hub_finish_json(rs, &w);
    }
    yk_json_free(&doc);
}

static void do_seats(struct yk_hub_store *store, const char *kiosk, const struct yk_hub_request *rq,
                     int64_t now, struct yk_hub_response *rs)
{
    struct yk_json_doc doc;
    if (yk_hub_parse_object(rq, &doc, rs)) {
        yk_json_free(&doc);
        return;
    }
    const char *event = NULL;
    int64_t want = 0, held, used, pool;
    if (!yk_json_get_str(doc.root, "event_id", &event) ||
        !yk_json_get_int(doc.root, "seats", &want) || out_of_range(doc.root)) {
        yk_hub_error(rs, 400, "bad-request", "event_id and seats (0..100000) are needed");
        yk_json_free(&doc);
        return;
    }
    switch (yk_hub_seats(store, kiosk, event, want, now, &held, &used, &pool)) {
    case YK_HUB_OK: {
        struct yk_jw w;
        yk_jw_init(&w, 0);
        yk_jw_obj_begin(&w);
        yk_jw_kstr(&w, "event_id", event);
        yk_jw_kint(&w, "held", held);
        yk_jw_kint(&w, "used", used);
        yk_jw_kint(&w, "pool_free", pool);
        yk_jw_obj_end(&w);
        yk_hub_finish_json(rs, &w);
        break;
    }
    case YK_HUB_NOT_FOUND:
        yk_hub_error(rs, 404, "unknown-event", "no such event, or it was deleted");
        break;
    case YK_HUB_INVALID:
        yk_hub_error(rs, 409, "no-capacity", "this event takes no sign-ups");
        break;
    default:
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        break;
    }
    yk_json_free(&doc);
}

static void do_heartbeat(struct yk_hub_store *store, const char *kiosk,
                         const struct yk_hub_request *rq, int64_t now, struct yk_hub_response *rs)
{
    struct yk_json_doc doc;
    if (yk_hub_parse_object(rq, &doc, rs)) {
        yk_json_free(&doc);
        return;
    }
    struct yk_hub_beat b = {0};
    bool has_waiting = false, has_aside = false;
    bool bad = out_of_range(doc.root) || !opt_str(doc.root, "version", &b.version) ||
               !opt_int(doc.root, "uptime_s", &b.uptime_s, NULL) ||
               !opt_int(doc.root, "last_sync_utc", &b.last_sync_utc, NULL) ||
               !opt_int(doc.root, "free_disk_bytes", &b.free_disk_bytes, NULL) ||
               !opt_int(doc.root, "records_waiting", &b.records_waiting, &has_waiting) ||
               !opt_int(doc.root, "records_set_aside", &b.records_set_aside, &has_aside) ||
               (b.version && strlen(b.version) > 64);
    if (!has_waiting)
        b.records_waiting = -1; /* an older kiosk: not said */
    if (!has_aside)
        b.records_set_aside = -1;
    if (bad) {
        yk_hub_error(rs, 400, "bad-request",
                     "version (string), uptime_s, last_sync_utc, free_disk_bytes, "
                     "records_waiting, records_set_aside (integers)");
    } else if (!yk_hub_heartbeat(store, kiosk, &b, now)) {
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
    } else {
        struct yk_jw w;
        yk_jw_init(&w, 0);
        yk_jw_obj_begin(&w);
        yk_jw_kbool(&w, "ok", true);
        yk_jw_kint(&w, "time_utc", now);
        /* Whether kiosks should push sign-ups' full numbers (the hub keeps them this long). */
        yk_jw_kint(&w, "phone_days", yk_hub_phone_days(store));
        write_phone_key(store, &w);
        yk_jw_obj_end(&w);
        yk_hub_finish_json(rs, &w);
    }
    yk_json_free(&doc);
}

/* The ticket page --------------------------------------------------------------------------- */

static void do_ticket(struct yk_hub_store *store, const char *code, struct yk_hub_response *rs)
{
    struct yk_hub_ticket t;
    enum yk_hub_rc rc = yk_hub_ticket(store, code, &t);
    struct yk_hub_html h = {0};
    int status = yk_hub_page_ticket(&h, rc, &t);
    if (h.failed) {
        free(h.b);
        yk_hub_error(rs, 500, "internal", "out of memory");
        return;
    }
    set_body(rs, status, yk_hub_html_type, h.b, h.len);
    rs->cache_control = "no-store";
}

/* The public page of the stations (hub_public.h): read-only, GET (and HEAD) only. */
static void do_public(struct yk_hub_store *store, const struct yk_hub_request *rq,
                      const char *station, int64_t now, struct yk_hub_response *rs)
{
    if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
        yk_hub_error(rs, 405, "method", "GET only");
        rs->headers = strdup("Allow: GET, HEAD\r\n");
        return;
    }
    struct yk_hub_html h = {0};
    int status = yk_hub_page_public(&h, store, station, now);
    if (h.failed) {
        free(h.b);
        yk_hub_error(rs, 500, "internal", "out of memory");
        return;
    }
    set_body(rs, status, yk_hub_html_type, h.b, h.len);
    /* Many phones scan the same kiosk's code: a minute's caching spares the store; seats
     * left may be that old. */
    rs->cache_control = status == 200 ? "public, max-age=60" : "no-store";
}

/* Routing ------------------------------------------------------------------------------------ */

static bool is(const struct yk_hub_request *rq, const char *method, const char *path)
{
    return strcmp(rq->path, path) == 0 && strcmp(rq->method, method) == 0;
}

void yk_hub_handle(struct yk_hub_store *store, const struct yk_hub_request *rq, int64_t now,
                   struct yk_hub_response *rs)
{
    memset(rs, 0, sizeof *rs);
    const char *path = rq->path ? rq->path : "";
    if (strncmp(path, "/t/", 3) == 0 || strncmp(path, "/T/", 3) == 0) {
        if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0) {
            yk_hub_error(rs, 405, "method", "GET only");
            return;
        }
        do_ticket(store, path + 3, rs);
        return;
    }
    if (strcmp(path, "/") == 0 || strncmp(path, "/s/", 3) == 0) {
        do_public(store, rq, path[1] ? path + 3 : NULL, now, rs);
        return;
    }
    if (strcmp(path, "/admin") == 0 || strncmp(path, "/admin/", 7) == 0) {
        yk_admin_handle(store, rq, now, rs);
        return;
    }
    if (strcmp(path, "/healthz") == 0) {
        char *b = strdup("{\"ok\":true}");
        set_body(rs, b ? 200 : 500, JSON_TYPE, b, b ? strlen(b) : 0);
        return;
    }
    if (strncmp(path, "/api/v1/", 8) != 0) {
        yk_hub_error(rs, 404, "not-found", "no such page");
        return;
    }
    if (rq->body_too_large) {
        yk_hub_error(rs, 413, "too-large", "the request body is over 4 MiB");
        return;
    }
    if (strcmp(path, "/api/v1/enrol") == 0) {
        if (strcmp(rq->method, "POST") != 0)
            yk_hub_error(rs, 405, "method", "POST only");
        else
            do_enrol(store, rq, now, rs);
        return;
    }
    /* Everything else needs a device token. */
    const char *auth = rq->authorization;
    if (!auth || strncmp(auth, "Bearer ", 7) != 0) {
        yk_hub_error(rs, 401, "unauthorized", "Authorization: Bearer <device token> is needed");
        return;
    }
    char kiosk[YK_ID_LEN + 1];
    switch (yk_hub_auth(store, auth + 7, kiosk)) {
    case YK_HUB_OK:
        break;
    case YK_HUB_REVOKED:
        yk_hub_error(rs, 403, "revoked", "this kiosk's token was revoked");
        return;
    case YK_HUB_NOT_FOUND:
        yk_hub_error(rs, 401, "unauthorized", "unknown device token");
        return;
    default:
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        return;
    }
    if (is(rq, "GET", "/api/v1/changes"))
        do_changes(store, kiosk, rq, rs);
    else if (is(rq, "POST", "/api/v1/push"))
        do_push(store, kiosk, rq, now, rs);
    else if (is(rq, "POST", "/api/v1/signup"))
        do_signup(store, kiosk, rq, now, rs);
    else if (is(rq, "POST", "/api/v1/seats"))
        do_seats(store, kiosk, rq, now, rs);
    else if (is(rq, "POST", "/api/v1/heartbeat"))
        do_heartbeat(store, kiosk, rq, now, rs);
    else if (is(rq, "POST", "/api/v1/mine"))
        yk_hub_do_mine(store, kiosk, rq, now, rs);
    else if (is(rq, "POST", "/api/v1/mine/cancel"))
        yk_hub_do_mine_cancel(store, kiosk, rq, now, rs);
    else if (strncmp(path, "/api/v1/media/", 14) == 0 && strcmp(rq->method, "GET") == 0)
        do_media(store, path + 14, rs);
    else if (strcmp(path, "/api/v1/changes") == 0 || strcmp(path, "/api/v1/push") == 0 ||
             strcmp(path, "/api/v1/signup") == 0 || strcmp(path, "/api/v1/seats") == 0 ||
             strcmp(path, "/api/v1/heartbeat") == 0 || strcmp(path, "/api/v1/mine") == 0 ||
             strcmp(path, "/api/v1/mine/cancel") == 0 || strncmp(path, "/api/v1/media/", 14) == 0)
        yk_hub_error(rs, 405, "method", "wrong method for this endpoint");
    else
        yk_hub_error(rs, 404, "not-found", "no such endpoint");
}
