/* A person's sign-ups at any kiosk (src/hub/README.md, "A person's sign-ups at any kiosk"),
 * through yk_hub_handle without the network: the phone key file (made once, the same across
 * restarts, a damaged one refused by `serve`), phone_key in the answers of enrol and
 * heartbeat, phone_hash in pushes (anything but 64 lowercase hex is bad-phone), the look-up
 * from a third kiosk (exactly the live sign-ups of that hash, soonest first, with tickets; not
 * cancelled, deleted or ended ones), the person's cancel (ticket revoked, waitlist moved, the
 * origin kiosk told, audited without name or phone; again: already; wrong hash: not-found;
 * started, checked-in and event-cancelled refused with nothing changed), the growing wait
 * after 10 misses, and the look-up rows leaving the database with the cancel and the event's
 * end. */
#include "check.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/ticket.h"
#include "hub/hub_api.h"
#include "hub/hub_limit.h"
#include "hub/hub_phone_key.h"
#include "hub/hub_store.h"
#include "hub/hub_store_admin.h"
#include "hub/hub_store_mine.h"
#include "scratch.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define NOW 1796086800LL /* 2026-12-01 09:00 Shanghai */

static char dir[256], db_path[300];
static struct yk_hub_store *store;
static uint8_t key[YK_HUB_PHONE_KEY_LEN];

#define KA "01KB00000000000000000000KA"
#define KB "01KB00000000000000000000KB"
#define KC "01KB00000000000000000000KC"
#define KD "01KB00000000000000000000KD"
static const char *kiosks[4] = {KA, KB, KC, KD};
static char tokens[4][8 + YK_HUB_TOKEN_LEN + 1];

static const char *tok(const char *kiosk)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(kiosks[i], kiosk) == 0)
            return tokens[i];
    return NULL;
}

/* One request; the answer's JSON into doc (freed by the caller) when doc is not NULL. */
static int call(const char *method, const char *path, const char *auth, const char *body,
                int64_t now, struct yk_json_doc *doc, int64_t *retry)
{
    struct yk_hub_request rq = {.method = method,
                                .path = path,
                                .authorization = auth,
                                .body = body,
                                .body_len = body ? strlen(body) : 0};
    struct yk_hub_response rs;
    yk_hub_handle(store, &rq, now, &rs);
    if (doc && !yk_json_parse(doc, rs.body, rs.len, NULL))
        fprintf(stderr, "not JSON: %.*s\n", (int)rs.len, rs.body);
    if (retry)
        *retry = rs.retry_after_s;
    int st = rs.status;
    yk_hub_response_free(&rs);
    return st;
}

static const char *str_of(const struct yk_json *o, const char *k)
{
    const char *v = NULL;
    return yk_json_get_str(o, k, &v) ? v : NULL;
}

/* One integer from the database file, read on a connection of its own. */
static int64_t q(const char *sql)
{
    sqlite3 *d;
    int64_t v = -1;
    if (sqlite3_open_v2(db_path, &d, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(d, sql, -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        else
            fprintf(stderr, "query failed: %s: %s\n", sql, sqlite3_errmsg(d));
        sqlite3_finalize(st);
    }
    sqlite3_close(d);
    return v;
}

static int64_t qf(const char *fmt, const char *a)
{
    char sql[512];
    snprintf(sql, sizeof sql, fmt, a);
    return q(sql);
}

static void hash_of(const char *phone, char out[65])
{
    uint8_t mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, (const unsigned char *)phone, strlen(phone), key);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

static void keys_of(const char *kiosk, struct yk_ticket_keys *k)
{
    uint8_t seed[32];
    crypto_generichash(seed, sizeof seed, (const unsigned char *)kiosk, strlen(kiosk), NULL, 0);
    yk_ticket_keys_from_seed(k, seed);
}

static void ticket(const char *kiosk, const char *event, uint32_t serial, char *out)
{
    struct yk_ticket_keys k;
    struct yk_ticket t;
    keys_of(kiosk, &k);
    yk_ticket_sign(&k, event, serial, NOW, &t);
    yk_ticket_encode(&t, out);
    yk_ticket_keys_destroy(&k);
}

static char key_hex[65];

static void enrol_all(void)
{
    for (int i = 0; i < 4; i++) {
        char code[YK_HUB_SETUP_CODE_LEN + 1], pk[65], body[512];
        struct yk_ticket_keys k;
        keys_of(kiosks[i], &k);
        sodium_bin2hex(pk, sizeof pk, k.public_key, 32);
        yk_ticket_keys_destroy(&k);
        CHECK(yk_hub_kiosk_add(store, "st", NOW - 86400, 3600, code) == YK_HUB_OK);
        snprintf(body, sizeof body,
                 "{\"setup_code\":\"%s\",\"kiosk_id\":\"%s\",\"public_key\":\"%s\"}", code,
                 kiosks[i], pk);
        struct yk_json_doc d;
        CHECK_EQ_INT(call("POST", "/api/v1/enrol", NULL, body, NOW - 86400, &d, NULL), 200);
        snprintf(tokens[i], sizeof tokens[i], "Bearer %s", str_of(d.root, "token"));
        /* The phone key travels to an enrolled kiosk, as 64 lowercase hex. */
        CHECK_EQ_STR(str_of(d.root, "phone_key"), key_hex);
        yk_json_free(&d);
    }
}

static void heartbeat_key(const char *kiosk, char out[65])
{
    struct yk_json_doc d;
    out[0] = '\0';
    CHECK_EQ_INT(call("POST", "/api/v1/heartbeat", tok(kiosk), "{}", NOW, &d, NULL), 200);
    const char *k = str_of(d.root, "phone_key");
    snprintf(out, 65, "%s", k ? k : "");
    yk_json_free(&d);
}

/* Pushes one sign-up of kiosk; extra is more members (",\"phone_hash\":...") or "". Returns
 * the result and writes the reason or status into what. */
static void push_signup(const char *kiosk, const char *id, const char *event, const char *status,
                        const char *code, const char *extra, int64_t now, char result[16],
                        char what[40])
{
    char body[2048], ticket_member[256] = "";
    if (code)
        snprintf(ticket_member, sizeof ticket_member, ",\"ticket_code\":\"%s\"", code);
    snprintf(body, sizeof body,
             "{\"records\":[{\"type\":\"signup\",\"id\":\"%s\",\"kiosk_id\":\"%s\","
             "\"event_id\":\"%s\",\"party_size\":1,\"created_utc\":%lld,\"status\":\"%s\","
             "\"surname\":\"王\",\"title\":\"女士\",\"phone_last4\":\"5678\"%s%s}]}",
             id, kiosk, event, (long long)now, status, ticket_member, extra);
    struct yk_json_doc d;
    result[0] = what[0] = '\0';
    CHECK_EQ_INT(call("POST", "/api/v1/push", tok(kiosk), body, now, &d, NULL), 200);
    const struct yk_json *r = yk_json_get(d.root, "results");
    if (r && r->first) {
        const char *v = str_of(r->first, "result"), *w = str_of(r->first, "reason");
        snprintf(result, 16, "%s", v ? v : "");
        if (!w)
            w = str_of(r->first, "status");
        snprintf(what, 40, "%s", w ? w : "");
    }
    yk_json_free(&d);
}

/* Pushes a sign-up with phone hash h that must be accepted. */
static void push_ok(const char *kiosk, const char *id, const char *event, const char *code,
                    const char *h)
{
    char extra[128], res[16], what[40];
    snprintf(extra, sizeof extra, ",\"phone_hash\":\"%s\"", h);
    push_signup(kiosk, id, event, "pending", code, extra, NOW, res, what);
    CHECK_MSG(strcmp(res, "accepted") == 0, "push of %s: %s %s", id, res, what);
}

/* POST /api/v1/mine from kiosk with hash h at now: the status; the answer in d when 200. */
static int mine(const char *kiosk, const char *h, int64_t now, struct yk_json_doc *d,
                int64_t *retry)
{
    char body[200];
    snprintf(body, sizeof body, "{\"phone_hash\":\"%s\"}", h);
    return call("POST", "/api/v1/mine", tok(kiosk), body, now, d, retry);
}

/* The ids listed for h, comma-separated, into out. */
static const char *listed(const char *kiosk, const char *h, int64_t now, char *out, size_t n)
{
    struct yk_json_doc d;
    out[0] = '\0';
    if (mine(kiosk, h, now, &d, NULL) == 200) {
        const struct yk_json *a = yk_json_get(d.root, "signups");
        for (const struct yk_json *o = a ? a->first : NULL; o; o = o->next) {
            size_t l = strlen(out);
            snprintf(out + l, n - l, "%s%s", l ? "," : "", str_of(o, "id"));
        }
    }
    yk_json_free(&d);
    return out;
}

static const char *cancel(const char *kiosk, const char *h, const char *id, int64_t now,
                          char out[24])
{
    char body[300];
    snprintf(body, sizeof body, "{\"phone_hash\":\"%s\",\"signup_id\":\"%s\"}", h, id);
    struct yk_json_doc d;
    out[0] = '\0';
    int st = call("POST", "/api/v1/mine/cancel", tok(kiosk), body, now, &d, NULL);
    const char *r = st == 200 ? str_of(d.root, "result") : NULL;
    snprintf(out, 24, "%s", r ? r : "(none)");
    yk_json_free(&d);
    return out;
}

/* The key file ------------------------------------------------------------------------------ */

static void test_key_file(void)
{
    bool made = false;
    char err[1024];
    CHECK(yk_hub_phone_key_load(db_path, key, &made, err, sizeof err));
    CHECK(made);
    char path[400];
    snprintf(path, sizeof path, "%s" YK_HUB_PHONE_KEY_SUFFIX, db_path);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && sb.st_size == 32 && (sb.st_mode & 0777) == 0600);
    uint8_t again[32];
    CHECK(yk_hub_phone_key_load(db_path, again, &made, err, sizeof err));
    CHECK(!made && memcmp(again, key, 32) == 0);
    sodium_bin2hex(key_hex, sizeof key_hex, key, sizeof key);

    /* A key file of 31 bytes: refused, with words for the operator, and left as it is. */
    char bad_db[400], bad[420];
    snprintf(bad_db, sizeof bad_db, "%s/bad.db", dir);
    snprintf(bad, sizeof bad, "%s" YK_HUB_PHONE_KEY_SUFFIX, bad_db);
    FILE *f = fopen(bad, "wb");
    CHECK(f && fwrite(key, 1, 31, f) == 31);
    if (f)
        fclose(f);
    fprintf(stderr, "(errors about a damaged phone key file are expected)\n");
    CHECK(!yk_hub_phone_key_load(bad_db, again, &made, err, sizeof err));
    CHECK(strstr(err, "32 bytes") && strstr(err, "备份"));
    CHECK(stat(bad, &sb) == 0 && sb.st_size == 31);
    /* ... and `serve` does not start on it. */
    const char *build = getenv("YK_BUILD_DIR");
    char cmd[1400], out[400];
    snprintf(out, sizeof out, "%s/serve.err", dir);
    snprintf(cmd, sizeof cmd, "timeout 20 %s/src/hub/yikong-hub --db %s serve --port 0 2>%s",
             build ? build : "build", bad_db, out);
    int rc = system(cmd);
    CHECK(WIFEXITED(rc) && WEXITSTATUS(rc) == 1);
    char msg[2048] = "";
    f = fopen(out, "r");
    if (f) {
        size_t n = fread(msg, 1, sizeof msg - 1, f);
        msg[n] = '\0';
        fclose(f);
    }
    CHECK_MSG(strstr(msg, "phone key file") && strstr(msg, "手机号密钥"), "serve said: %s", msg);
}

/* The scenario -------------------------------------------------------------------------------- */

static const char content[] =
    "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity, max_party) VALUES "
    "('e1', 'other', '活动一', 1796173200, 1796176800, 2, 4),"  /* NOW + 1 day, 2 places */
    "('e2', 'other', '活动二', 1796094000, 1796101200, 10, 4)," /* NOW + 2 h: soonest */
    "('e3', 'other', '活动三', 1796096800, 1796106800, 10, 4)," /* deleted below */
    "('e4', 'other', '活动四', 1796090400, 1796092200, 10, 4)," /* NOW + 1 h .. 1.5 h */
    "('e5', 'other', '活动五', 1796136800, 1796140800, 10, 4)"; /* cancelled by organiser */

#define A1 "01KB000000000000000000A001"
#define A2 "01KB000000000000000000A002"
#define A3 "01KB000000000000000000A003"
#define A4 "01KB000000000000000000A004"
#define A5 "01KB000000000000000000A005"
#define B1 "01KB000000000000000000B001"
#define B2 "01KB000000000000000000B002"
#define C1 "01KB000000000000000000C001"

static void test_mine(void)
{
    CHECK((store = yk_hub_store_open(db_path)) != NULL);
    yk_hub_set_phone_key(store, key);
    CHECK(yk_hub_load_sql(store, content));
    enrol_all();
    char hb[65];
    heartbeat_key(KA, hb);
    CHECK_EQ_STR(hb, key_hex);
    /* A restart with the same key file hands out the same key. */
    yk_hub_store_close(store);
    uint8_t k2[32];
    bool made;
    char err[1024];
    CHECK(yk_hub_phone_key_load(db_path, k2, &made, err, sizeof err) && !made);
    CHECK((store = yk_hub_store_open(db_path)) != NULL);
    yk_hub_set_phone_key(store, k2);
    heartbeat_key(KB, hb);
    CHECK_EQ_STR(hb, key_hex);

    char h1[65], h2[65], h3[65], h4[65];
    hash_of("13812345678", h1);
    hash_of("13900001111", h2);
    hash_of("+85291234567", h3);
    hash_of("13700002222", h4);
    char ca1[YK_TICKET_DIGITS + 1], cb1[YK_TICKET_DIGITS + 1], cb2[YK_TICKET_DIGITS + 1];
    ticket(KA, "e1", 1, ca1);
    ticket(KB, "e2", 1, cb1);
    ticket(KB, "e1", 2, cb2);
    push_ok(KA, A1, "e1", ca1, h1);
    push_ok(KB, B1, "e2", cb1, h1);
    push_ok(KB, B2, "e1", cb2, h2);
    push_ok(KC, C1, "e1", NULL, h3); /* e1 is full: waitlisted */
    CHECK_EQ_INT(qf("SELECT status = 'waitlist' FROM signups WHERE id = '%s'", C1), 1);

    /* A hash that is not exactly 64 lowercase hex: bad-phone, nothing stored. */
    static const char *bad_hashes[] = {
        ",\"phone_hash\":\"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789\"",
        ",\"phone_hash\":\"abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678\"",
        ",\"phone_hash\":\"abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567890\"",
        ",\"phone_hash\":\"\"",
        ",\"phone_hash\":12",
        ",\"phone_hash\":true"};
    for (size_t i = 0; i < sizeof bad_hashes / sizeof bad_hashes[0]; i++) {
        char res[16], why[40];
        push_signup(KA, "01KB000000000000000000A0X9", "e2", "pending", NULL, bad_hashes[i], NOW,
                    res, why);
        CHECK_MSG(strcmp(res, "rejected") == 0 && strcmp(why, "bad-phone") == 0, "hash %zu: %s %s",
                  i, res, why);
    }
    CHECK_EQ_INT(q("SELECT count(*) FROM signups WHERE id = '01KB000000000000000000A0X9'"), 0);

    /* From a third kiosk: exactly the two of h1, soonest first, with their tickets. */
    struct yk_json_doc d;
    CHECK_EQ_INT(mine(KC, h1, NOW, &d, NULL), 200);
    const struct yk_json *a = yk_json_get(d.root, "signups");
    CHECK(a && a->type == YK_JSON_ARRAY && a->len == 2);
    if (a && a->len == 2) {
        const struct yk_json *x = a->first, *y = a->first->next;
        CHECK_EQ_STR(str_of(x, "id"), B1);
        CHECK_EQ_STR(str_of(x, "event_id"), "e2");
        CHECK_EQ_STR(str_of(x, "kiosk_id"), KB);
        CHECK_EQ_STR(str_of(x, "status"), "confirmed");
        CHECK_EQ_STR(str_of(x, "ticket_code"), cb1);
        CHECK(str_of(x, "short_code") && strlen(str_of(x, "short_code")) > 0);
        CHECK_EQ_STR(str_of(x, "surname"), "王");
        CHECK_EQ_STR(str_of(x, "title"), "女士");
        CHECK_EQ_STR(str_of(x, "phone_last4"), "5678");
        CHECK_EQ_STR(str_of(x, "can_cancel"), "ok");
        int64_t v = 0;
        CHECK(yk_json_get_int(x, "party_size", &v) && v == 1);
        CHECK(yk_json_get_int(x, "starts_utc", &v) && v == 1796094000);
        CHECK(yk_json_get_int(x, "ends_utc", &v) && v == 1796101200);
        CHECK(yk_json_get_int(x, "created_utc", &v) && v == NOW);
        CHECK_EQ_STR(str_of(y, "id"), A1);
        CHECK_EQ_STR(str_of(y, "ticket_code"), ca1);
        CHECK_EQ_STR(str_of(y, "kiosk_id"), KA);
    }
    yk_json_free(&d);
    char ids[600];
    CHECK_EQ_STR(listed(KA, h2, NOW, ids, sizeof ids), B2);
    CHECK_EQ_STR(listed(KA, h4, NOW, ids, sizeof ids), "");

    /* Malformed look-ups: 400; the wrong method 405; no token 401. */
    CHECK_EQ_INT(mine(KC, "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", NOW,
                      NULL, NULL),
                 400);
    CHECK_EQ_INT(mine(KC, "abc", NOW, NULL, NULL), 400);
    CHECK_EQ_INT(call("POST", "/api/v1/mine", tok(KC), "{}", NOW, NULL, NULL), 400);
    CHECK_EQ_INT(call("POST", "/api/v1/mine", tok(KC), "[1]", NOW, NULL, NULL), 400);
    CHECK_EQ_INT(call("POST", "/api/v1/mine", tok(KC), "{\"phone_hash\":1}", NOW, NULL, NULL), 400);
    CHECK_EQ_INT(call("GET", "/api/v1/mine", tok(KC), NULL, NOW, NULL, NULL), 405);
    CHECK_EQ_INT(call("GET", "/api/v1/mine/cancel", tok(KC), NULL, NOW, NULL, NULL), 405);
    CHECK_EQ_INT(call("POST", "/api/v1/mine", NULL, "{}", NOW, NULL, NULL), 401);
    CHECK_EQ_INT(call("POST", "/api/v1/mine/cancel", "Bearer nope", "{}", NOW, NULL, NULL), 401);

    /* Cancelled (by its kiosk) and deleted-event sign-ups are not listed. */
    push_ok(KA, A2, "e2", NULL, h1);
    push_ok(KA, A3, "e3", NULL, h1);
    push_ok(KA, A4, "e4", NULL, h1);
    CHECK_EQ_STR(listed(KC, h1, NOW, ids, sizeof ids), A4 "," A2 "," B1 "," A3 "," A1);
    char res[16], what[40];
    push_signup(KA, A2, "e2", "cancelled", NULL, "", NOW, res, what);
    CHECK_EQ_STR(res, "accepted");
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A2), 0);
    CHECK(yk_hub_tombstone(store, "events", "e3") == YK_HUB_OK);
    CHECK_EQ_STR(listed(KC, h1, NOW, ids, sizeof ids), A4 "," B1 "," A1);

    /* The person cancels A1 (kiosk A's) at kiosk C. */
    int64_t audits = q("SELECT count(*) FROM admin_audit");
    char r[24];
    CHECK_EQ_STR(cancel(KC, h1, A1, NOW, r), "ok");
    CHECK_EQ_INT(qf("SELECT status = 'cancelled' FROM signups WHERE id = '%s'", A1), 1);
    CHECK_EQ_INT(qf("SELECT count(*) FROM revocations WHERE ticket_code = '%s'", ca1), 1);
    CHECK_EQ_INT(qf("SELECT status = 'confirmed' FROM signups WHERE id = '%s'", C1), 1);
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A1), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM admin_audit"), audits + 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM admin_audit WHERE user_name = 'kiosk:" KC "' AND "
                   "action = 'signup.cancel' AND target = 'signups/" A1 "' AND "
                   "instr(before || after, '王') = 0 AND instr(before || after, '5678') = 0 "
                   "AND instr(before || after, 'hash') = 0"),
                 1);
    char like[200];
    snprintf(like, sizeof like,
             "SELECT count(*) FROM admin_audit WHERE instr(before || after, '%.16s')", h1);
    CHECK_EQ_INT(q(like), 0);
    /* Kiosk A learns it in its change feed: its sign-up cancelled. */
    CHECK_EQ_INT(call("GET", "/api/v1/changes", tok(KA), NULL, NOW, &d, NULL), 200);
    bool told = false;
    const struct yk_json *ch = yk_json_get(d.root, "changes");
    for (const struct yk_json *c = ch ? ch->first : NULL; c; c = c->next) {
        const struct yk_json *row = yk_json_get(c, "row");
        const char *t = str_of(c, "table"), *id = row ? str_of(row, "id") : NULL;
        if (t && id && strcmp(t, "signups") == 0 && strcmp(id, A1) == 0)
            told = strcmp(str_of(row, "status"), "cancelled") == 0;
    }
    CHECK(told);
    yk_json_free(&d);
    CHECK_EQ_STR(listed(KC, h1, NOW, ids, sizeof ids), A4 "," B1);

    /* Again: already, nothing changes. A wrong hash: not-found. A bad id: 400. */
    CHECK_EQ_STR(cancel(KC, h1, A1, NOW, r), "already");
    CHECK_EQ_STR(cancel(KB, h1, A1, NOW, r), "already");
    CHECK_EQ_STR(cancel(KC, h2, A1, NOW, r), "not-found");
    CHECK_EQ_STR(cancel(KC, h2, B1, NOW, r), "not-found");
    CHECK_EQ_STR(cancel(KC, h1, "01KB000000000000000000ZZZZ", NOW, r), "not-found");
    CHECK_EQ_STR(cancel(KC, h1, "not-an-id", NOW, r), "(none)");
    CHECK_EQ_INT(q("SELECT count(*) FROM admin_audit"), audits + 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM revocations"), 1); /* A1's (A2 had no ticket) */

    /* Started: refused, nothing changed. */
    CHECK_EQ_STR(cancel(KC, h1, A4, 1796090400, r), "started");
    CHECK_EQ_INT(qf("SELECT status = 'confirmed' FROM signups WHERE id = '%s'", A4), 1);
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A4), 1);
    /* Checked in at the hub: listed as such, refused. */
    char body[512];
    snprintf(body, sizeof body,
             "{\"records\":[{\"type\":\"checkin\",\"id\":\"01KB000000000000000000B0C1\","
             "\"kiosk_id\":\"" KB "\",\"event_id\":\"e1\",\"signup_id\":\"" B2 "\",\"count\":1,"
             "\"created_utc\":%lld}]}",
             (long long)NOW);
    CHECK_EQ_INT(call("POST", "/api/v1/push", tok(KB), body, NOW, NULL, NULL), 200);
    CHECK_EQ_INT(mine(KA, h2, NOW, &d, NULL), 200);
    a = yk_json_get(d.root, "signups");
    CHECK(a && a->first && strcmp(str_of(a->first, "can_cancel"), "checked-in") == 0);
    yk_json_free(&d);
    CHECK_EQ_STR(cancel(KA, h2, B2, NOW, r), "checked-in");
    CHECK_EQ_INT(qf("SELECT status = 'confirmed' FROM signups WHERE id = '%s'", B2), 1);
    /* The organiser cancelled the event. */
    push_ok(KA, A5, "e5", NULL, h4);
    CHECK(yk_hub_load_sql(store, "UPDATE events SET cancelled_utc = 1796086000 WHERE id = 'e5'"));
    CHECK_EQ_INT(mine(KC, h4, NOW, &d, NULL), 200);
    a = yk_json_get(d.root, "signups");
    CHECK(a && a->first && strcmp(str_of(a->first, "can_cancel"), "event-cancelled") == 0);
    yk_json_free(&d);
    CHECK_EQ_STR(cancel(KC, h4, A5, NOW, r), "event-cancelled");
    CHECK_EQ_INT(qf("SELECT status = 'confirmed' FROM signups WHERE id = '%s'", A5), 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM admin_audit"), audits + 1);
    /* The admin's cancel deletes the look-up row too. */
    char aerr[YK_ADMIN_ERR_MAX];
    CHECK(yk_admin_signup_change(store, "wang", A5, false, NOW, aerr) == YK_HUB_OK);
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A5), 0);

    /* A kiosk pushes a known sign-up again with a new hash (a new key): replaced. */
    char extra[128];
    snprintf(extra, sizeof extra, ",\"phone_hash\":\"%s\"", h4);
    push_signup(KB, B1, "e2", "confirmed", cb1, extra, NOW, res, what);
    CHECK_EQ_STR(res, "duplicate");
    CHECK_EQ_STR(listed(KC, h4, NOW, ids, sizeof ids), B1);
    CHECK_EQ_STR(listed(KC, h1, NOW, ids, sizeof ids), A4);

    /* Kiosk D guesses: 10 misses free, then a growing wait that passes with the clock. */
    int64_t t = NOW + 100, retry = 0;
    for (int i = 0; i < 11; i++) {
        char h[65];
        snprintf(h, sizeof h, "%064d", i);
        CHECK_EQ_INT(mine(KD, h, t, NULL, NULL), 200);
    }
    CHECK_EQ_INT(mine(KD, h4, t, &d, &retry), 429);
    CHECK_EQ_INT(retry, 1);
    CHECK_EQ_STR(str_of(d.root, "error"), "too-many");
    int64_t ra = 0;
    CHECK(yk_json_get_int(d.root, "retry_after_s", &ra) && ra == 1);
    CHECK(strstr(str_of(d.root, "message"), "秒") &&
          strstr(str_of(d.root, "message"), "try again"));
    yk_json_free(&d);
    CHECK_EQ_STR(cancel(KD, h4, B1, t, r), "(none)"); /* the cancel waits too */
    CHECK_EQ_INT(mine(KC, h4, t, NULL, NULL), 200);   /* another kiosk does not */
    t += 1;
    /* A find does not clear the streak: the next miss waits 2 s. */
    CHECK_EQ_STR(listed(KD, h4, t, ids, sizeof ids), B1);
    CHECK_EQ_STR(cancel(KD, h1, "01KB000000000000000000ZZZZ", t, r), "not-found");
    CHECK_EQ_INT(mine(KD, h4, t + 1, NULL, &retry), 429);
    CHECK_EQ_INT(retry, 1);
    CHECK_EQ_INT(mine(KD, h4, t + 2, NULL, NULL), 200);

    /* The event's end takes its look-up rows out of the database. */
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A4), 1);
    CHECK_EQ_STR(listed(KC, h1, 1796092200, ids, sizeof ids), "");
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", A4), 0);
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", B1), 1);
    /* ... at a push too. */
    CHECK_EQ_INT(call("POST", "/api/v1/push", tok(KB), "{\"records\":[]}", 1796101200, NULL, NULL),
                 200);
    CHECK_EQ_INT(qf("SELECT count(*) FROM signup_lookup WHERE signup_id = '%s'", B1), 0);
    CHECK_EQ_INT(q("SELECT count(*) FROM signup_lookup_cancelled"), 1);
    CHECK_EQ_INT(q("SELECT count(*) FROM signup_lookup WHERE purge_after_utc <= 1796101200"), 0);
    yk_hub_store_close(store);
    store = NULL;
}

/* Clients that collide in the guess table are still counted: 1000 clients (a quarter of the
 * slots), each failing three times, all have their count (one slot per hash lost ~100). */
static void test_limit_collisions(void)
{
    struct yk_hub_limit *l = yk_hub_limit_new();
    CHECK(l != NULL);
    int counted = 0;
    for (int round = 1; l && round <= 3; round++)
        for (int i = 0; i < 1000; i++) {
            char a[48];
            snprintf(a, sizeof a, "kiosk:%d", i);
            unsigned n = yk_hub_limit_fail(l, a, 1000);
            counted += round == 3 && n == 3;
        }
    CHECK_EQ_INT(counted, 1000);
    yk_hub_limit_free(l);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    yk_scratch_dir(dir, sizeof dir, "hub-mine");
    snprintf(db_path, sizeof db_path, "%s/hub.db", dir);
    test_limit_collisions();
    test_key_file();
    test_mine();
    sodium_memzero(key, sizeof key);
    yk_scratch_remove(dir);
    return yk_test_done();
}
