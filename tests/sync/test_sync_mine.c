/* 我的报名 across kiosks, the kiosk's side without network (src/core/sync_mine.c): the
 * number's keyed hash against a known answer, the key as the hub sends it, the hash in a push
 * (never the number), the re-push after a new key, the hub's answers (a usable one, and each
 * way one can be wrong), the merge with this kiosk's own, and the hand-over between the
 * screen and the worker. */
#include "sync_test_util.h"

#include "core/json.h"
#include "core/signup.h"
#include "core/signup_mine.h"
#include "core/sync.h"
#include "core/sync_mine.h"
#include "core/ticket.h"

#include <sodium.h>

static char dir[512];

/* HMAC-SHA-256 under the key 00 01 .. 1f, computed apart from this code (Python's hmac). */
static const char HASH_139[] = "baf81872a460f666ac8a9036fbd3681355c4d50df8e311e29e2826846afad74c";
static const char HASH_852[] = "29958d9d4a8b2665e4e4c90456db89cb17cc1ba94432d4b5bb7c0dbfb7b369be";

static void test_key(uint8_t key[32])
{
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
}

static void test_hash(void)
{
    uint8_t key[32];
    test_key(key);
    char hex[65];
    CHECK(yk_sync_phone_hash(key, "13912345678", hex));
    CHECK_EQ_STR(hex, HASH_139);
    /* The stored form is hashed: a mainland number typed with +86 is the same person. */
    CHECK(yk_sync_phone_hash(key, "+8613912345678", hex));
    CHECK_EQ_STR(hex, HASH_139);
    CHECK(yk_sync_phone_hash(key, "+85291234567", hex));
    CHECK_EQ_STR(hex, HASH_852);
    CHECK(!yk_sync_phone_hash(key, "1391234567", hex)); /* ten digits: not a number */
    CHECK_EQ_STR(hex, "");
    CHECK(!yk_sync_phone_hash(key, "", hex));
    /* Another key, another hash. */
    key[0] ^= 1;
    CHECK(yk_sync_phone_hash(key, "13912345678", hex));
    CHECK(strcmp(hex, HASH_139) != 0);

    uint8_t k2[32] = {0}, want[32];
    test_key(want);
    char good[65];
    sodium_bin2hex(good, sizeof good, want, sizeof want);
    CHECK(yk_sync_phone_key_parse(good, k2));
    CHECK(memcmp(k2, want, 32) == 0);
    uint8_t untouched[32] = {7};
    memcpy(k2, untouched, 32);
    char bad[80];
    snprintf(bad, sizeof bad, "%s", good);
    bad[10] = 'A'; /* upper case: not the protocol's */
    CHECK(!yk_sync_phone_key_parse(bad, k2));
    CHECK(!yk_sync_phone_key_parse(good + 1, k2)); /* 63 digits */
    snprintf(bad, sizeof bad, "%s0", good);        /* 65 */
    CHECK(!yk_sync_phone_key_parse(bad, k2));
    snprintf(bad, sizeof bad, "%s", good);
    bad[0] = 'g';
    CHECK(!yk_sync_phone_key_parse(bad, k2));
    CHECK(!yk_sync_phone_key_parse(NULL, k2));
    CHECK(memcmp(k2, untouched, 32) == 0);
}

/* A confirmed sign-up of phone for the sample event; its id into id. */
static void sign_up(struct yk_db *db, const struct yk_ticket_keys *keys, const char *phone,
                    int64_t at_ms, char id[32])
{
    struct yk_signup_result res;
    enum yk_signup_rc rc = sync_sign_up(db, keys, phone, 1, at_ms, &res);
    CHECK(rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING);
    snprintf(id, 32, "%s", res.signup.id);
}

static void test_push_and_rehash(void)
{
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    struct yk_ticket_keys keys;
    uint8_t seed[32] = {3};
    yk_ticket_keys_from_seed(&keys, seed);
    uint8_t key[32];
    test_key(key);
    char a[32], b[32];
    sign_up(&db, &keys, "13912345678", SYNC_T0_MS, a);
    sign_up(&db, &keys, "+85291234567", SYNC_T0_MS + 1000, b);

    /* With the hub's key: the hash goes up, the number does not. */
    struct yk_sync_batch batch;
    CHECK(yk_sync_build_push(&db, 100, key, &batch));
    CHECK_EQ_INT(batch.count, 2);
    CHECK(strstr(batch.json, HASH_139) != NULL);
    CHECK(strstr(batch.json, HASH_852) != NULL);
    CHECK(strstr(batch.json, "13912345678") == NULL);
    CHECK(strstr(batch.json, "91234567\"") == NULL);
    CHECK(strstr(batch.json, "\"phone\"") == NULL);
    yk_sync_batch_free(&batch);
    /* Without it: no hash. */
    CHECK(yk_sync_build_push(&db, 100, NULL, &batch));
    CHECK(strstr(batch.json, "phone_hash") == NULL);
    /* The hub took both. */
    char ans[1024];
    snprintf(ans, sizeof ans,
             "{\"results\":[{\"id\":\"%s\",\"type\":\"signup\",\"result\":\"accepted\"},"
             "{\"id\":\"%s\",\"type\":\"signup\",\"result\":\"accepted\"}]}",
             batch.items[0].id, batch.items[1].id);
    struct yk_sync_push_result pr;
    CHECK(yk_sync_apply_push(&db, &batch, ans, strlen(ans), SYNC_T0_MS / 1000, &pr));
    yk_sync_batch_free(&batch);
    int waiting = -1, aside = -1;
    CHECK(yk_sync_counts(&db, &waiting, &aside));
    CHECK_EQ_INT(waiting, 0);

    /* A new key: the live ones go up again; a cancelled one and one whose number was purged
     * do not; nor any once the event has ended. */
    CHECK_EQ_INT(yk_signup_cancel(&db, b, SYNC_T0_MS + 2000), 1);
    CHECK(yk_sync_build_push(&db, 100, key, &batch)); /* the cancel itself goes up */
    snprintf(ans, sizeof ans,
             "{\"results\":[{\"id\":\"%s\",\"type\":\"signup\",\"result\":\"accepted\"}]}",
             batch.items[0].id);
    CHECK(yk_sync_apply_push(&db, &batch, ans, strlen(ans), SYNC_T0_MS / 1000, &pr));
    yk_sync_batch_free(&batch);
    CHECK_EQ_INT(yk_sync_mine_rehash(&db, SYNC_T0_MS / 1000), 1);
    CHECK(yk_sync_build_push(&db, 100, key, &batch));
    CHECK_EQ_INT(batch.count, 1);
    CHECK_EQ_STR(batch.items[0].id, a);
    CHECK(strstr(batch.json, HASH_139) != NULL);
    yk_sync_batch_free(&batch);
    CHECK_EQ_INT(yk_sync_mine_rehash(&db, 4102444000LL), 0); /* every event ended */
    CHECK(sqlite3_exec(db.handle, "UPDATE signups SET phone = NULL", NULL, NULL, NULL) ==
          SQLITE_OK);
    CHECK(yk_sync_build_push(&db, 100, key, &batch));
    CHECK(strstr(batch.json, "phone_hash") == NULL); /* purged: nothing to hash */
    yk_sync_batch_free(&batch);
    yk_db_close(&db);
}

/* One sign-up as the hub lists it, with the fields of extra ("key":value, ...) added; the
 * name is 李先生 unless extra names a surname. */
static void entry(char *out, size_t n, const char *id, const char *kiosk, const char *extra)
{
    bool named = strstr(extra, "\"surname\"") != NULL;
    snprintf(out, n,
             "{\"id\":\"%s\",\"event_id\":\"srd-2026-12\",\"kiosk_id\":\"%s\","
             "\"party_size\":2,%s\"phone_last4\":\"5678\","
             "\"ticket_code\":\"123456\",\"short_code\":\"ABCD2345\",\"created_utc\":1796086800,"
             "\"starts_utc\":1796200000,\"ends_utc\":1796207200%s%s}",
             id, kiosk, named ? "" : "\"surname\":\"李\",\"title\":\"先生\",", extra[0] ? "," : "",
             extra);
}

static const char ID1[] = "01KAAAAAAAAAAAAAAAAAAAAAA1", ID2[] = "01KAAAAAAAAAAAAAAAAAAAAAA2";

static int parse_with(const char *extra, struct yk_signup_mine *out)
{
    char e[1024], body[1200];
    entry(e, sizeof e, ID1, "kiosk-b", extra);
    snprintf(body, sizeof body, "{\"signups\":[%s]}", e);
    return yk_sync_mine_parse(body, strlen(body), "13812345678", "kiosk-a", out, 8);
}

static void test_parse(void)
{
    struct yk_signup_mine out[8];
    char e1[1024], e2[1024], e3[1024], body[4096];
    entry(e1, sizeof e1, ID1, "kiosk-b", "\"status\":\"confirmed\",\"can_cancel\":\"ok\"");
    entry(e2, sizeof e2, ID2, "kiosk-c",
          "\"status\":\"waitlist\",\"can_cancel\":\"started\",\"surname\":null,\"title\":null");
    entry(e3, sizeof e3, "01KAAAAAAAAAAAAAAAAAAAAAA3", "kiosk-a",
          "\"status\":\"confirmed\",\"can_cancel\":\"ok\"");
    snprintf(body, sizeof body, "{\"signups\":[%s,%s,%s]}", e1, e2, e3);
    int n = yk_sync_mine_parse(body, strlen(body), "13812345678", "kiosk-a", out, 8);
    CHECK_EQ_INT(n, 2); /* this kiosk's own left out */
    CHECK(out[0].remote && out[1].remote);
    CHECK_EQ_STR(out[0].info.id, ID1);
    CHECK_EQ_STR(out[0].kiosk_id, "kiosk-b");
    CHECK_EQ_STR(out[0].info.event_id, "srd-2026-12");
    CHECK(out[0].info.seat == YK_SEAT_CONFIRMED);
    CHECK_EQ_INT(out[0].info.party_size, 2);
    CHECK_EQ_STR(out[0].info.surname, "李");
    CHECK(out[0].info.title == YK_TITLE_MR);
    CHECK_EQ_STR(out[0].info.ticket_code, "123456");
    CHECK_EQ_STR(out[0].info.short_code, "ABCD2345");
    CHECK_EQ_STR(out[0].info.phone_masked, "138****5678"); /* from the number typed */
    CHECK(out[0].starts_utc == 1796200000 && out[0].ends_utc == 1796207200);
    CHECK(out[0].can_cancel == YK_MINE_OK);
    CHECK(out[1].info.seat == YK_SEAT_WAITLIST);
    CHECK(out[1].can_cancel == YK_MINE_STARTED);
    CHECK_EQ_STR(out[1].info.ticket_code, ""); /* only a confirmed one shows a ticket */
    CHECK_EQ_STR(out[1].info.surname, "");
    CHECK(out[1].info.title == YK_TITLE_NONE);
    /* At most max. */
    CHECK_EQ_INT(yk_sync_mine_parse(body, strlen(body), "13812345678", "kiosk-a", out, 1), 1);
    /* Nothing found is an answer too. */
    CHECK_EQ_INT(yk_sync_mine_parse("{\"signups\":[]}", 14, "13812345678", "k", out, 8), 0);

    /* Each way an answer can be wrong refuses it whole. */
    CHECK_EQ_INT(parse_with("\"status\":\"confirmed\",\"can_cancel\":\"ok\"", out), 1);
    CHECK_EQ_INT(parse_with("\"status\":\"pending\",\"can_cancel\":\"ok\"", out), -1);
    CHECK_EQ_INT(parse_with("\"status\":\"cancelled\",\"can_cancel\":\"ok\"", out), -1);
    CHECK_EQ_INT(parse_with("\"status\":\"confirmed\",\"can_cancel\":\"already\"", out), -1);
    CHECK_EQ_INT(parse_with("\"status\":\"confirmed\",\"can_cancel\":\"maybe\"", out), -1);
    CHECK_EQ_INT(parse_with("\"status\":\"confirmed\"", out), -1);
    CHECK_EQ_INT(parse_with("\"status\":1,\"can_cancel\":\"ok\"", out), -1);
    const char *bad_bodies[] = {
        "",
        "[]",
        "{}",
        "{\"signups\":{}}",
        "{\"signups\":[1]}",
        "{\"signups\":[{}]}",
        "{\"signups\":[]}x",
    };
    for (size_t i = 0; i < sizeof bad_bodies / sizeof *bad_bodies; i++)
        CHECK_EQ_INT(
            yk_sync_mine_parse(bad_bodies[i], strlen(bad_bodies[i]), "13812345678", "k", out, 8),
            -1);
    char e[1024], b2[1200];
    /* A party out of range, an id of the wrong length, a name the kiosk's rule refuses. */
    const char *fields[] = {"\"party_size\":0", "\"party_size\":1001"};
    for (int i = 0; i < 2; i++) {
        snprintf(e, sizeof e,
                 "{\"signups\":[{\"id\":\"%s\",\"event_id\":\"e\",\"kiosk_id\":\"k\","
                 "\"status\":\"confirmed\",\"can_cancel\":\"ok\",%s,\"surname\":null,"
                 "\"title\":null,\"ticket_code\":null,\"short_code\":null,\"created_utc\":1,"
                 "\"starts_utc\":2,\"ends_utc\":3}]}",
                 ID1, fields[i]);
        CHECK_EQ_INT(yk_sync_mine_parse(e, strlen(e), "13812345678", "x", out, 8), -1);
    }
    entry(e, sizeof e, "01KAAAAAAAAAAAAAAAAAAAAAA", "k",
          "\"status\":\"confirmed\",\"can_cancel\":\"ok\"");
    snprintf(b2, sizeof b2, "{\"signups\":[%s]}", e);
    CHECK_EQ_INT(yk_sync_mine_parse(b2, strlen(b2), "13812345678", "x", out, 8), -1);
    CHECK_EQ_INT(
        parse_with(
            "\"status\":\"confirmed\",\"can_cancel\":\"ok\",\"surname\":\" 李\",\"title\":null",
            out),
        -1);

    /* The cancel's answer. */
    enum yk_mine_rc rc = YK_MINE_ERROR;
    const char *names[] = {"ok",         "already",         "started",
                           "checked-in", "event-cancelled", "not-found"};
    enum yk_mine_rc want[] = {YK_MINE_OK,         YK_MINE_ALREADY,         YK_MINE_STARTED,
                              YK_MINE_CHECKED_IN, YK_MINE_EVENT_CANCELLED, YK_MINE_NOT_FOUND};
    for (int i = 0; i < 6; i++) {
        char a[64];
        snprintf(a, sizeof a, "{\"result\":\"%s\"}", names[i]);
        CHECK(yk_sync_mine_cancel_parse(a, strlen(a), &rc));
        CHECK(rc == want[i]);
    }
    CHECK(!yk_sync_mine_cancel_parse("{\"result\":\"error\"}", 18, &rc));
    CHECK(!yk_sync_mine_cancel_parse("{\"result\":\"yes\"}", 16, &rc));
    CHECK(!yk_sync_mine_cancel_parse("{\"result\":1}", 12, &rc));
    CHECK(!yk_sync_mine_cancel_parse("", 0, &rc));
    CHECK(!yk_sync_mine_cancel_parse(NULL, 0, &rc));
}

static struct yk_signup_mine mk(const char *id, int64_t starts)
{
    struct yk_signup_mine m;
    memset(&m, 0, sizeof m);
    snprintf(m.info.id, sizeof m.info.id, "%s", id);
    m.starts_utc = starts;
    return m;
}

static void test_merge(void)
{
    struct yk_signup_mine list[4] = {mk("B", 200), mk("D", 400)};
    struct yk_signup_mine more[3] = {mk("A", 100), mk("D", 400), mk("C", 300)};
    more[1].remote = true; /* the hub's copy of this kiosk's own: the local one stays */
    int n = yk_signup_mine_merge(list, 2, 4, more, 3);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_STR(list[0].info.id, "A");
    CHECK_EQ_STR(list[1].info.id, "B");
    CHECK_EQ_STR(list[2].info.id, "C");
    CHECK_EQ_STR(list[3].info.id, "D");
    CHECK(!list[3].remote);
    /* Full: the soonest stay, the latest fall off. */
    struct yk_signup_mine two[2] = {mk("X", 500), mk("Y", 600)};
    struct yk_signup_mine early[1] = {mk("Z", 50)};
    n = yk_signup_mine_merge(two, 2, 2, early, 1);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(two[0].info.id, "Z");
    CHECK_EQ_STR(two[1].info.id, "X");
    CHECK_EQ_INT(yk_signup_mine_merge(two, 2, 2, NULL, 0), 2);
}

static int woken;
static void count_wake(void *ctx)
{
    (void)ctx;
    woken++;
}

static void online(bool on, bool stopped)
{
    struct yk_sync_status s = {.configured = true, .enrolled = true};
    s.online = on;
    s.stopped = stopped;
    yk_sync_status_publish(&s);
}

static void test_handover(void)
{
    struct yk_signup_mine out[4];
    int n = -1;
    enum yk_mine_rc rc = YK_MINE_ERROR;
    /* No worker: refused at once. */
    online(true, false);
    CHECK_EQ_INT(yk_sync_request_mine("13812345678", NULL), 0);
    yk_sync_set_waker(count_wake, NULL);
    online(false, false);
    CHECK_EQ_INT(yk_sync_request_mine("13812345678", NULL), 0); /* the hub not reached */
    online(true, true);
    CHECK_EQ_INT(yk_sync_request_mine("13812345678", NULL), 0); /* the hub refused us */
    online(true, false);
    CHECK_EQ_INT(yk_sync_request_mine("1381234567", NULL), 0);     /* not a number */
    CHECK_EQ_INT(yk_sync_request_mine("13812345678", "short"), 0); /* not an id */

    int before = woken;
    unsigned ask = yk_sync_request_mine("+8613812345678", NULL);
    CHECK(ask > 0);
    CHECK_EQ_INT(woken, before + 1);
    CHECK(yk_sync_mine_result(ask, out, 4, &n, &rc) == YK_SYNC_MINE_WAITING);
    unsigned got;
    char phone[YK_PHONE_MAX + 1], cancel_id[YK_ID_LEN + 1];
    CHECK(yk_sync_take_mine_request(&got, phone, cancel_id));
    CHECK(got == ask);
    CHECK_EQ_STR(phone, "13812345678"); /* the stored form */
    CHECK_EQ_STR(cancel_id, "");
    CHECK(!yk_sync_take_mine_request(&got, phone, cancel_id)); /* taken once */
    unsigned seen = yk_sync_changes();
    struct yk_signup_mine found[2] = {mk(ID1, 10), mk(ID2, 20)};
    yk_sync_mine_done(ask, true, found, 2, YK_MINE_OK);
    CHECK(yk_sync_changes() != seen);
    CHECK(yk_sync_mine_result(ask, out, 4, &n, &rc) == YK_SYNC_MINE_ANSWERED);
    CHECK_EQ_INT(n, 2);
    CHECK_EQ_STR(out[1].info.id, ID2);
    CHECK(yk_sync_mine_result(ask, out, 1, &n, NULL) == YK_SYNC_MINE_ANSWERED);
    CHECK_EQ_INT(n, 1);

    /* A cancel; then a newer request replaces it: the old one's late answer is dropped. */
    unsigned c1 = yk_sync_request_mine("13812345678", ID1);
    CHECK(c1 > 0 && c1 != ask);
    CHECK(yk_sync_take_mine_request(&got, phone, cancel_id));
    CHECK_EQ_STR(cancel_id, ID1);
    unsigned c2 = yk_sync_request_mine("13812345678", ID2);
    yk_sync_mine_done(c1, true, NULL, 0, YK_MINE_OK);
    CHECK(yk_sync_mine_result(c1, out, 4, &n, &rc) == YK_SYNC_MINE_FAILED);
    CHECK(yk_sync_mine_result(c2, out, 4, &n, &rc) == YK_SYNC_MINE_WAITING);
    CHECK(yk_sync_take_mine_request(&got, phone, cancel_id));
    CHECK(got == c2);
    yk_sync_mine_done(c2, true, NULL, 0, YK_MINE_STARTED);
    rc = YK_MINE_OK;
    CHECK(yk_sync_mine_result(c2, NULL, 0, &n, &rc) == YK_SYNC_MINE_ANSWERED);
    CHECK(rc == YK_MINE_STARTED);
    /* A failure. */
    unsigned f = yk_sync_request_mine("13812345678", NULL);
    CHECK(yk_sync_take_mine_request(&got, phone, cancel_id));
    yk_sync_mine_done(f, false, NULL, 0, YK_MINE_ERROR);
    CHECK(yk_sync_mine_result(f, out, 4, &n, &rc) == YK_SYNC_MINE_FAILED);
    CHECK_EQ_INT(n, 0);
    CHECK(yk_sync_mine_result(0, out, 4, &n, &rc) == YK_SYNC_MINE_FAILED);
    yk_sync_set_waker(NULL, NULL);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    sync_tmpdir(dir, sizeof dir, "mine");
    test_hash();
    test_push_and_rehash();
    test_parse();
    test_merge();
    test_handover();
    sync_rmtree(dir);
    return yk_test_done();
}
