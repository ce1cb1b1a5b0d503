/* The sync protocol logic (src/core/sync.c) with canned JSON: push batches and answers
 * (accepted, duplicate, rejected, a rejected record never blocks the queue, a record changed
 * in flight stays pending), changes pages (upsert by rev, tombstones, allotments, decisions,
 * keys as hex, media wanted, unknown tables), a page failing half-way (nothing applied,
 * cursor unchanged), the sample content retired, media hash checks, backoff, status. */
#include "sync_test_util.h"

#include "core/json.h"
#include "core/signup.h"
#include "core/sync.h"
#include "core/ticket.h"
#include "core/volunteer.h"

#include <sodium.h>

static char dir[512];

/* The answer to batch b: result per item from results ('a' accepted, 'd' duplicate,
 * 'r' rejected), cycling. */
static char *answer(const struct yk_sync_batch *b, const char *results, const char *status)
{
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_key(&w, "results");
    yk_jw_arr_begin(&w);
    for (size_t i = 0; i < b->count; i++) {
        char r = results[i % strlen(results)];
        yk_jw_obj_begin(&w);
        yk_jw_kstr(&w, "id", b->items[i].id);
        yk_jw_kstr(&w, "type", yk_sync_type_name(b->items[i].type));
        yk_jw_kstr(&w, "result", r == 'a' ? "accepted" : r == 'd' ? "duplicate" : "rejected");
        if (r == 'r')
            yk_jw_kstr(&w, "reason", "unknown-kind");
        if (status && b->items[i].type == YK_SYNC_SIGNUP)
            yk_jw_kstr(&w, "status", status);
        yk_jw_obj_end(&w);
    }
    yk_jw_arr_end(&w);
    yk_jw_obj_end(&w);
    return yk_jw_take(&w, NULL);
}

static void test_push(void)
{
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    struct yk_ticket_keys keys;
    uint8_t seed[32] = {1};
    yk_ticket_keys_from_seed(&keys, seed);

    struct yk_sync_batch b;
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK_EQ_INT(b.count, 0);
    CHECK(b.json == NULL);

    struct yk_signup_result res;
    enum yk_signup_rc rc = sync_sign_up(&db, &keys, "13912345678", 2, SYNC_T0_MS, &res);
    CHECK(rc == YK_SIGNUP_RC_CONFIRMED || rc == YK_SIGNUP_RC_PENDING);
    char signup_id[32];
    snprintf(signup_id, sizeof signup_id, "%s", res.signup.id);
    char w1[32], w2[32], w3[32];
    CHECK(yk_walkin_tap(&db, "consult", NULL, SYNC_T0_MS + 1000, w1));
    CHECK(yk_walkin_tap(&db, "visit", NULL, SYNC_T0_MS + 2000, w2));
    CHECK(yk_walkin_tap(&db, "consult", NULL, SYNC_T0_MS + 3000, w3));
    CHECK(yk_duty_on(&db, "demo", SYNC_T0_MS) == YK_DUTY_OK);

    int waiting = -1, aside = -1;
    CHECK(yk_sync_counts(&db, &waiting, &aside));
    CHECK_EQ_INT(waiting, 5);
    CHECK_EQ_INT(aside, 0);

    /* A batch: sign-ups first, valid JSON, no full phone number. */
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK_EQ_INT(b.count, 5);
    CHECK(b.items[0].type == YK_SYNC_SIGNUP);
    CHECK_EQ_STR(b.items[0].id, signup_id);
    CHECK(strstr(b.json, "13912345678") == NULL);
    CHECK(strstr(b.json, "\"phone\"") == NULL);
    CHECK(strstr(b.json, "\"phone_last4\":\"5678\"") != NULL);
    struct yk_json_doc doc;
    CHECK(yk_json_parse(&doc, b.json, b.len, NULL));
    const struct yk_json *recs = yk_json_get(doc.root, "records");
    CHECK(recs && recs->len == 5);
    const char *s;
    CHECK(yk_json_get_str(recs->first, "kiosk_id", &s) && strcmp(s, yk_db_kiosk_id(&db)) == 0);
    yk_json_free(&doc);
    /* A hub that keeps full numbers for its call lists (its heartbeat answer said so): the
     * sign-up carries the number as the kiosk holds it; a hub that says 0: not any more. */
    yk_sync_batch_free(&b);
    CHECK(yk_db_meta_set(&db, YK_SYNC_META_HUB_PHONE_DAYS, "30"));
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK(strstr(b.json, "\"phone\":\"13912345678\"") != NULL);
    CHECK(strstr(b.json, "\"phone_last4\":\"5678\"") != NULL);
    yk_sync_batch_free(&b);
    CHECK(yk_db_meta_set(&db, YK_SYNC_META_HUB_PHONE_DAYS, "0"));
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK(strstr(b.json, "13912345678") == NULL);

    /* A smaller limit: the oldest first. */
    struct yk_sync_batch small;
    CHECK(yk_sync_build_push(&db, 2, NULL, &small));
    CHECK_EQ_INT(small.count, 2);
    yk_sync_batch_free(&small);

    /* An answer that does not match the batch changes nothing. */
    char *bad = strdup("{\"results\": []}");
    struct yk_sync_push_result pr;
    CHECK(!yk_sync_apply_push(&db, &b, bad, strlen(bad), 1796090000, &pr));
    free(bad);
    CHECK(!yk_sync_apply_push(&db, &b, "nonsense", 8, 1796090000, &pr));
    CHECK(yk_sync_counts(&db, &waiting, &aside) && waiting == 5);

    /* The sign-up is cancelled while the push is in flight: it stays pending. */
    CHECK_EQ_INT(yk_signup_cancel(&db, signup_id, SYNC_T0_MS + 5000), 1);
    /* Items: signup a, walkin d, walkin r, walkin a, duty a. */
    char *ans = answer(&b, "adra", NULL);
    CHECK(yk_sync_apply_push(&db, &b, ans, strlen(ans), 1796090000, &pr));
    free(ans);
    CHECK_EQ_INT(pr.accepted, 3);
    CHECK_EQ_INT(pr.duplicate, 1);
    CHECK_EQ_INT(pr.rejected, 1);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM signups WHERE sync_state = 'pending'"), 1);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM walkins WHERE sync_state = 'synced'"), 2);
    CHECK_EQ_INT(q_int(&db,
                       "SELECT count(*) FROM walkins WHERE sync_state = 'rejected' AND "
                       "id = '%s'",
                       b.items[2].id),
                 1);
    char buf[64];
    CHECK_EQ_STR(q_str(&db, buf, sizeof buf,
                       "SELECT reason FROM sync_rejects WHERE record_id "
                       "= '%s'",
                       b.items[2].id),
                 "unknown-kind");
    struct yk_sync_reject rj[4];
    CHECK_EQ_INT(yk_sync_rejects(&db, rj, 4), 1);
    CHECK_EQ_STR(rj[0].type, "walkin");
    CHECK(yk_sync_counts(&db, &waiting, &aside));
    CHECK_EQ_INT(waiting, 1);
    CHECK_EQ_INT(aside, 1);
    yk_sync_batch_free(&b);

    /* The rejected record never comes back; the cancelled sign-up and a new tap do. */
    CHECK(yk_walkin_tap(&db, "visit", NULL, SYNC_T0_MS + 9000, NULL));
    CHECK(yk_duty_off(&db, "demo", SYNC_T0_MS + 10000) == YK_DUTY_OK);
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK_EQ_INT(b.count, 3);
    CHECK_EQ_STR(b.items[0].status, "cancelled");
    CHECK(b.items[2].type == YK_SYNC_DUTY && b.items[2].off_set);
    for (size_t i = 0; i < b.count; i++)
        CHECK(strcmp(b.items[i].id, w2) != 0);
    ans = answer(&b, "a", NULL);
    CHECK(yk_sync_apply_push(&db, &b, ans, strlen(ans), 1796090000, &pr));
    free(ans);
    yk_sync_batch_free(&b);
    CHECK(yk_sync_counts(&db, &waiting, &aside) && waiting == 0 && aside == 1);

    /* The hub's decision on a pending sign-up comes back with the answer. */
    CHECK(yk_db_begin(&db));
    sqlite3_exec(db.handle, "UPDATE events SET seats_held = 0 WHERE id = 'srd-2026-12'", 0, 0, 0);
    CHECK(yk_db_commit(&db));
    CHECK(sync_sign_up(&db, &keys, "13800000001", 1, SYNC_T0_MS, &res) == YK_SIGNUP_RC_PENDING);
    CHECK(yk_sync_build_push(&db, 100, NULL, &b));
    CHECK_EQ_INT(b.count, 1);
    ans = answer(&b, "a", "confirmed");
    CHECK(yk_sync_apply_push(&db, &b, ans, strlen(ans), 1796090000, &pr));
    free(ans);
    CHECK_EQ_INT(pr.decided, 1);
    CHECK_EQ_STR(q_str(&db, buf, sizeof buf,
                       "SELECT status || '/' || sync_state FROM signups "
                       "WHERE id = '%s'",
                       res.signup.id),
                 "confirmed/synced");
    yk_sync_batch_free(&b);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
}

/* A page of changes as the hub writes it. */
static const char page1[] =
    "{\"changes\": ["
    "{\"seq\": 10, \"table\": \"events\", \"id\": \"ev-new\", \"row\": {\"id\": \"ev-new\", "
    "\"kind\": \"charity\", \"title_zh\": \"新活动\", \"title_en\": null, \"starts_utc\": "
    "1796100000, \"ends_utc\": 1796107200, \"capacity\": 30, \"max_party\": 4, \"seats_held\": "
    "5, \"rev\": 10, \"deleted\": 0, \"future_column\": \"ignored\"}},"
    "{\"seq\": 11, \"table\": \"walkin_kinds\", \"id\": \"visit\", \"row\": {\"id\": \"visit\", "
    "\"name_zh\": \"参观\", \"name_en\": \"Visit\", \"sort\": 2, \"rev\": 11, \"deleted\": 1}},"
    "{\"seq\": 12, \"table\": \"kiosk_keys\", \"id\": \"0a0b0c0d\", \"row\": {\"key_id\": "
    "\"0a0b0c0d\", \"kiosk_id\": \"01KBOTHERKIOSK000000000000\", \"public_key\": "
    "\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\", \"valid_from_utc\": "
    "1790000000, \"valid_until_utc\": null, \"revoked_utc\": null, \"rev\": 12, \"deleted\": 0}},"
    "{\"seq\": 13, \"table\": \"allotments\", \"id\": \"srd-2026-12\", \"row\": {\"event_id\": "
    "\"srd-2026-12\", \"seats_held\": 7, \"rev\": 13}},"
    "{\"seq\": 14, \"table\": \"media\", \"id\": "
    "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\", \"row\": {\"hash\": "
    "\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\", \"mime\": "
    "\"text/plain\", \"size\": 5, \"rev\": 14}},"
    "{\"seq\": 15, \"table\": \"martian\", \"id\": \"x\", \"row\": {\"id\": \"x\"}}"
    "], \"cursor\": 15, \"more\": true}";

static void test_pull(void)
{
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    char err[256], buf[128];
    struct yk_sync_page_result pr;
    CHECK_EQ_INT(yk_sync_cursor(&db), 0);
    CHECK(yk_sync_apply_page(&db, page1, strlen(page1), &pr, err, sizeof err));
    CHECK_EQ_INT(pr.cursor, 15);
    CHECK(pr.more);
    CHECK_EQ_INT(pr.applied, 5);
    CHECK_EQ_INT(pr.ignored, 1);
    CHECK_EQ_INT(pr.media, 1);
    CHECK_EQ_INT(yk_sync_cursor(&db), 15);
    CHECK_EQ_STR(q_str(&db, buf, sizeof buf, "SELECT title_zh FROM events WHERE id = 'ev-new'"),
                 "新活动");
    CHECK_EQ_INT(q_int(&db, "SELECT deleted FROM walkin_kinds WHERE id = 'visit'"), 1);
    CHECK_EQ_INT(q_int(&db, "SELECT length(public_key) FROM kiosk_keys WHERE key_id = "
                            "'0a0b0c0d'"),
                 32);
    CHECK_EQ_INT(q_int(&db, "SELECT seats_held FROM events WHERE id = 'srd-2026-12'"), 7);

    /* The same page again (a crash after commit, before the answer was used): harmless. */
    CHECK(yk_sync_apply_page(&db, page1, strlen(page1), &pr, err, sizeof err));
    CHECK_EQ_INT(pr.stale, 3); /* events, walkin_kinds, kiosk_keys */

    /* An older revision never overwrites a newer one. */
    const char older[] = "{\"changes\": [{\"seq\": 3, \"table\": \"walkin_kinds\", \"id\": "
                         "\"visit\", \"row\": {\"id\": \"visit\", \"name_zh\": \"旧\", \"rev\": 3, "
                         "\"deleted\": 0}}], \"cursor\": 16, \"more\": true}";
    CHECK(yk_sync_apply_page(&db, older, strlen(older), &pr, err, sizeof err));
    CHECK_EQ_INT(pr.stale, 1);
    CHECK_EQ_INT(q_int(&db, "SELECT deleted FROM walkin_kinds WHERE id = 'visit'"), 1);
    CHECK_EQ_INT(yk_sync_cursor(&db), 16);

    /* A page failing half-way: the first rows are not applied, the cursor does not move. */
    const char broken[] =
        "{\"changes\": ["
        "{\"seq\": 20, \"table\": \"walkin_kinds\", \"id\": \"consult\", \"row\": {\"id\": "
        "\"consult\", \"name_zh\": \"改过\", \"rev\": 20, \"deleted\": 0}},"
        "{\"seq\": 21, \"table\": \"events\", \"id\": \"ev-2\", \"row\": {\"id\": \"ev-2\", "
        "\"kind\": \"charity\", \"title_zh\": \"二\", \"starts_utc\": 1796100000, \"ends_utc\": "
        "1796107200, \"rev\": 21, \"deleted\": 0}},"
        "{\"seq\": 22, \"table\": \"events\", \"id\": \"ev-3\", \"row\": {\"id\": \"ev-3\", "
        "\"kind\": \"not-a-kind\", \"title_zh\": \"三\", \"starts_utc\": 1796100000, "
        "\"ends_utc\": 1796107200, \"rev\": 22, \"deleted\": 0}}"
        "], \"cursor\": 22, \"more\": false}";
    CHECK(!yk_sync_apply_page(&db, broken, strlen(broken), &pr, err, sizeof err));
    CHECK(err[0] != '\0');
    CHECK_EQ_INT(yk_sync_cursor(&db), 16);
    CHECK_EQ_STR(q_str(&db, buf, sizeof buf,
                       "SELECT name_zh FROM walkin_kinds WHERE id = "
                       "'consult'"),
                 "咨询");
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM events WHERE id = 'ev-2'"), 0);
    CHECK_EQ_INT(q_int(&db, "SELECT value FROM meta WHERE key = 'sample_content'"), 1);

    /* Malformed in other ways: wrong types, no rev, hex that is not hex, not a page. */
    const char *bad[] = {
        "{\"changes\": [{\"table\": \"events\", \"row\": {\"id\": 5, \"rev\": 30}}], "
        "\"cursor\": 30, \"more\": false}",
        "{\"changes\": [{\"table\": \"blocks\", \"row\": {\"id\": \"b\", \"name_zh\": \"x\"}}], "
        "\"cursor\": 30, \"more\": false}",
        "{\"changes\": [{\"table\": \"kiosk_keys\", \"row\": {\"key_id\": \"k\", \"kiosk_id\": "
        "\"x\", \"public_key\": \"zz\", \"valid_from_utc\": 1, \"rev\": 30}}], \"cursor\": 30, "
        "\"more\": false}",
        "{\"changes\": [], \"cursor\": \"30\", \"more\": false}",
        "{\"changes\": [], \"cursor\": 30}",
        "[1, 2]",
        "{\"changes\": [{\"table\": \"media\", \"row\": {\"hash\": \"../../etc\", \"mime\": "
        "\"x\", \"size\": 1}}], \"cursor\": 30, \"more\": false}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(!yk_sync_apply_page(&db, bad[i], strlen(bad[i]), &pr, err, sizeof err));
        CHECK_EQ_INT(yk_sync_cursor(&db), 16);
    }

    /* The last page retires the sample content (the demo volunteer goes). */
    const char last[] = "{\"changes\": [], \"cursor\": 40, \"more\": false}";
    CHECK(yk_sync_apply_page(&db, last, strlen(last), &pr, err, sizeof err));
    CHECK(!pr.more);
    CHECK_EQ_INT(yk_sync_cursor(&db), 40);
    CHECK_EQ_INT(q_int(&db, "SELECT deleted FROM volunteers WHERE id = 'demo'"), 1);
    CHECK_EQ_INT(q_int(&db, "SELECT deleted FROM events WHERE id = 'ev-new'"), 0);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM events WHERE rev = 0 AND deleted = 0"), 0);
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM kiosk_keys WHERE deleted = 1"), 0);

    /* Media: fetched after the commit, checked against the hash. */
    char hash[65], mime[64];
    CHECK_EQ_INT(yk_sync_media_next(&db, 0, hash, mime, sizeof mime), 1);
    CHECK_EQ_STR(mime, "text/plain");
    CHECK(!yk_sync_media_store(&db, hash, mime, "hellO", 5));
    CHECK_EQ_INT(q_int(&db, "SELECT count(*) FROM media WHERE hash = '%s'", hash), 0);
    CHECK(yk_sync_media_store(&db, hash, mime, "hello", 5));
    CHECK_EQ_INT(q_int(&db, "SELECT rev FROM media WHERE hash = '%s'", hash), 14);
    CHECK_EQ_INT(yk_sync_media_next(&db, 0, hash, mime, sizeof mime), 0);
    /* Held media is not wanted again. */
    CHECK(yk_sync_apply_page(&db, page1, strlen(page1), &pr, err, sizeof err));
    CHECK_EQ_INT(pr.media, 0);
    yk_db_close(&db);
}

/* A decision never takes back a confirmed sign-up (but the admin's cancellation) nor revives
 * a cancelled one. */
static void test_decisions(void)
{
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    struct yk_ticket_keys keys;
    uint8_t seed[32] = {2};
    yk_ticket_keys_from_seed(&keys, seed);
    struct yk_signup_request rq = {.event_id = "srd-2026-12",
                                   .phone = "13912340001",
                                   .party_size = 1,
                                   .consent = true,
                                   .waitlist_ok = true};
    struct yk_signup_result a, c;
    CHECK(sqlite3_exec(db.handle, "UPDATE events SET seats_held = 0", 0, 0, 0) == SQLITE_OK);
    CHECK(yk_signup_submit(&db, &keys, &rq, SYNC_T0_MS, &a) == YK_SIGNUP_RC_PENDING);
    rq.phone = "13912340002";
    CHECK(yk_signup_submit(&db, &keys, &rq, SYNC_T0_MS, &c) == YK_SIGNUP_RC_PENDING);
    CHECK_EQ_INT(yk_signup_cancel(&db, c.signup.id, SYNC_T0_MS), 1);
    char page[1024], err[256], buf[64];
    snprintf(page, sizeof page,
             "{\"changes\": [{\"table\": \"signups\", \"row\": {\"id\": \"%s\", \"event_id\": "
             "\"srd-2026-12\", \"status\": \"waitlist\", \"ticket_code\": null, \"updated_utc\": 1,"
             " \"rev\": 50}}, {\"table\": \"signups\", \"row\": {\"id\": \"%s\", \"status\": "
             "\"confirmed\", \"rev\": 51}}, {\"table\": \"signups\", \"row\": {\"id\": \"%s\", "
             "\"status\": \"waitlist\", \"rev\": 52}}], \"cursor\": 52, \"more\": true}",
             a.signup.id, a.signup.id, c.signup.id);
    struct yk_sync_page_result pr;
    CHECK(yk_sync_apply_page(&db, page, strlen(page), &pr, err, sizeof err));
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", a.signup.id),
        "confirmed");
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", c.signup.id),
        "cancelled");
    snprintf(page, sizeof page,
             "{\"changes\": [{\"table\": \"signups\", \"row\": {\"id\": \"%s\", \"status\": "
             "\"waitlist\", \"rev\": 60}}], \"cursor\": 60, \"more\": true}",
             a.signup.id);
    CHECK(yk_sync_apply_page(&db, page, strlen(page), &pr, err, sizeof err));
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", a.signup.id),
        "confirmed");
    /* The station's staff cancel it in the hub's admin: the decision cancels the confirmed
     * sign-up here; a later "confirmed" does not revive it. */
    snprintf(page, sizeof page,
             "{\"changes\": [{\"table\": \"signups\", \"row\": {\"id\": \"%s\", \"status\": "
             "\"cancelled\", \"updated_utc\": 1790000000, \"rev\": 70}}], \"cursor\": 70, "
             "\"more\": true}",
             a.signup.id);
    CHECK(yk_sync_apply_page(&db, page, strlen(page), &pr, err, sizeof err));
    CHECK_EQ_INT(pr.applied, 1);
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", a.signup.id),
        "cancelled");
    snprintf(page, sizeof page,
             "{\"changes\": [{\"table\": \"signups\", \"row\": {\"id\": \"%s\", \"status\": "
             "\"confirmed\", \"rev\": 71}}], \"cursor\": 71, \"more\": true}",
             a.signup.id);
    CHECK(yk_sync_apply_page(&db, page, strlen(page), &pr, err, sizeof err));
    CHECK_EQ_STR(
        q_str(&db, buf, sizeof buf, "SELECT status FROM signups WHERE id = '%s'", a.signup.id),
        "cancelled");
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
}

static void test_backoff_and_status(void)
{
    CHECK_EQ_INT(yk_sync_backoff_ms(1, 0.5), 5000);
    CHECK_EQ_INT(yk_sync_backoff_ms(2, 0.5), 10000);
    CHECK_EQ_INT(yk_sync_backoff_ms(1, 0.0), 4000);
    CHECK_EQ_INT(yk_sync_backoff_ms(1, 0.999999), 5999);
    CHECK_EQ_INT(yk_sync_backoff_ms(8, 0.5), 600000);
    CHECK_EQ_INT(yk_sync_backoff_ms(1000, 0.5), 600000);
    CHECK(yk_sync_backoff_ms(1000, 1.0) <= 720000);

    struct yk_sync_status s = {.configured = true, .waiting = 3};
    snprintf(s.error_en, sizeof s.error_en, "hub unreachable");
    yk_sync_status_publish(&s);
    struct yk_sync_status t;
    yk_sync_status(&t);
    CHECK(t.configured && t.waiting == 3);
    CHECK_EQ_STR(t.error_en, "hub unreachable");

    char code[64];
    CHECK(!yk_sync_take_setup_code(code, sizeof code));
    CHECK(!yk_sync_enter_setup_code("ABC"));
    CHECK(!yk_sync_enter_setup_code("SZKX-NTPX-ZAY7-Q7Y!"));
    CHECK(!yk_sync_enter_setup_code("SZKX-NTPX-ZAY7-Q7YU")); /* U is never in a code */
    CHECK(yk_sync_enter_setup_code("szkx-ntpx-zay7-q7y5"));
    CHECK(yk_sync_take_setup_code(code, sizeof code));
    CHECK_EQ_STR(code, "szkx-ntpx-zay7-q7y5");
    CHECK(!yk_sync_take_setup_code(code, sizeof code));
}

/* The hub's answer to a seats request: applied only when it is about this event and holds a
 * usable "held"; a malformed one changes nothing. */
static void test_seats_answer(void)
{
    struct yk_db db;
    sync_open(&db, dir, SYNC_T0_MS);
    int64_t held = 0;
    const char *ok = "{\"event_id\":\"srd-2026-12\",\"held\":6,\"used\":0,\"pool_free\":30}";
    CHECK_EQ_INT(yk_sync_apply_seats_answer(&db, "srd-2026-12", ok, strlen(ok), &held), 1);
    CHECK_EQ_INT(held, 6);
    CHECK_EQ_INT(q_int(&db, "SELECT seats_held FROM events WHERE id = 'srd-2026-12'"), 6);
    static const char *const bad[] = {
        "{\"event_id\":\"srd-2027-01\",\"held\":9}", /* another event */
        "{\"event_id\":\"srd-2026-12\",\"held\":-1}",
        "{\"event_id\":\"srd-2026-12\",\"held\":\"9\"}",
        "{\"event_id\":\"srd-2026-12\"}",
        "{\"event_id\":\"srd-2026-12\",\"held\":9",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_EQ_INT(yk_sync_apply_seats_answer(&db, "srd-2026-12", bad[i], strlen(bad[i]), &held),
                     0);
    CHECK_EQ_INT(q_int(&db, "SELECT seats_held FROM events WHERE id = 'srd-2026-12'"), 6);
    yk_db_close(&db);
}

int main(void)
{
    if (sodium_init() < 0)
        return 2;
    sync_tmpdir(dir, sizeof dir, "unit");
    test_push();
    sync_rmtree(dir);
    sync_tmpdir(dir, sizeof dir, "unit");
    test_pull();
    sync_rmtree(dir);
    sync_tmpdir(dir, sizeof dir, "unit");
    test_decisions();
    sync_rmtree(dir);
    sync_tmpdir(dir, sizeof dir, "unit");
    test_seats_answer();
    sync_rmtree(dir);
    test_backoff_and_status();
    return yk_test_done();
}
