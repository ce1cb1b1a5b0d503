/* The hub over HTTP, end to end: the real yikong-hub on 127.0.0.1 (ephemeral port, temp
 * dir), driven with libcurl. Enrolment, tokens, push idempotency, refusals that change
 * nothing, cursor paging with tombstones and a change committed between pages, seats, the
 * ticket page, media, heartbeat and the kiosks listing. */
#include "check.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/ticket.h"
#include "hub/hub_store.h"
#include "hub_client.h"

#include <sodium.h>

#define KA "01KB00000000000000000000A1"
#define KB "01KB00000000000000000000B1"
#define KC "01KB00000000000000000000C1"
#define NOW 1790000000LL

static struct hub H;

static const char content[] =
    "INSERT INTO events (id, kind, title_zh, title_en, place_zh, place_en, starts_utc, ends_utc, "
    "capacity, max_party) VALUES ('t-event', 'other', '滨江读书会', 'Riverside book club', "
    "'益空间一号站', 'Station 1', 1790000000, 1790003600, 5, 4);"
    "INSERT INTO volunteers (id, name_zh, pin_hash) VALUES ('v1', '志愿者', 'x');";

/* Parses r's body as JSON into d (the test fails if it is not). */
static bool body_json(const struct resp *r, struct yk_json_doc *d)
{
    bool ok = yk_json_parse(d, r->body, r->len, NULL);
    if (!ok)
        fprintf(stderr, "not JSON (%s): %.200s\n", d->error, r->body);
    CHECK(ok);
    return ok;
}

static const char *jstr(const struct yk_json *o, const char *k)
{
    const char *s = NULL;
    return yk_json_get_str(o, k, &s) ? s : "";
}

static bool enrol(const char *code, const char *kiosk, const uint8_t pk[32], char token[65],
                  long *status)
{
    char hex[65], body[512];
    sodium_bin2hex(hex, sizeof hex, pk, 32);
    snprintf(body, sizeof body, "{\"setup_code\":\"%s\",\"kiosk_id\":\"%s\",\"public_key\":\"%s\"}",
             code, kiosk, hex);
    struct resp r = hub_post(&H, "/api/v1/enrol", NULL, body);
    *status = r.status;
    bool ok = false;
    struct yk_json_doc d;
    if (r.status == 200 && body_json(&r, &d)) {
        const char *t = jstr(d.root, "token");
        ok = strlen(t) == 64;
        if (ok)
            memcpy(token, t, 65);
        CHECK_EQ_STR(jstr(d.root, "kiosk_id"), kiosk);
        yk_json_free(&d);
    }
    resp_free(&r);
    return ok;
}

static uint8_t pk_a[32], pk_b[32], pk_c[32];
static struct yk_ticket_keys keys_a;
static char tok_a[65], tok_b[65], tok_c[65];

static void test_enrol(void)
{
    char code[32], code2[32], code3[32];
    CHECK_EQ_INT(hub_cmd(&H, code, sizeof code, "kiosk-add station-1"), 0);
    CHECK_EQ_INT(strlen(code), YK_HUB_SETUP_CODE_LEN);
    CHECK_EQ_INT(hub_cmd(&H, code2, sizeof code2, "kiosk-add station-2"), 0);
    CHECK_EQ_INT(hub_cmd(&H, code3, sizeof code3, "kiosk-add station-3"), 0);
    CHECK(hub_cmd(&H, NULL, 0, "kiosk-add Bad_Station") != 0);

    uint8_t seed[32] = {1};
    yk_ticket_keys_from_seed(&keys_a, seed);
    memcpy(pk_a, keys_a.public_key, 32);
    randombytes_buf(pk_b, 32);
    randombytes_buf(pk_c, 32);
    long st = 0;
    char tok[65];
    /* a wrong code */
    CHECK(!enrol("ZZZZZZZZZZZZZZZZ", KA, pk_a, tok, &st));
    CHECK_EQ_INT(st, 403);
    /* the good code, typed in lower case with a hyphen */
    char typed[80];
    snprintf(typed, sizeof typed, "%.8s-%s", code, code + 8);
    for (char *p = typed; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    CHECK(enrol(typed, KA, pk_a, tok_a, &st));
    CHECK_EQ_INT(st, 200);
    /* the same code again */
    CHECK(!enrol(code, KB, pk_b, tok, &st));
    CHECK_EQ_INT(st, 403);
    CHECK(enrol(code2, KB, pk_b, tok_b, &st));
    CHECK(enrol(code3, KC, pk_c, tok_c, &st));
    /* malformed */
    struct resp r = hub_post(&H, "/api/v1/enrol", NULL, "{\"setup_code\":1}");
    CHECK_EQ_INT(r.status, 400);
    resp_free(&r);
    r = hub_post(&H, "/api/v1/enrol", NULL, "not json");
    CHECK_EQ_INT(r.status, 400);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/enrol", NULL);
    CHECK_EQ_INT(r.status, 405);
    resp_free(&r);
}

static void test_tokens(void)
{
    struct resp r = hub_get(&H, "/api/v1/changes", NULL);
    CHECK_EQ_INT(r.status, 401);
    resp_free(&r);
    char forged[65];
    uint8_t raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(forged, sizeof forged, raw, sizeof raw);
    r = hub_get(&H, "/api/v1/changes", forged);
    CHECK_EQ_INT(r.status, 401);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/changes", "not-a-token");
    CHECK_EQ_INT(r.status, 401);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1", tok_a);
    CHECK_EQ_INT(r.status, 200);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/nothing", tok_a);
    CHECK_EQ_INT(r.status, 404);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/push", tok_a);
    CHECK_EQ_INT(r.status, 405);
    resp_free(&r);
}

/* Counts in the hub's database, read by a second connection. */
static int64_t count(const char *table)
{
    struct yk_hub_store *s = yk_hub_store_open(H.db);
    int64_t n = s ? yk_hub_count(s, table) : -1;
    yk_hub_store_close(s);
    return n;
}

static const char *result_at(const struct yk_json *root, size_t i, const char *key)
{
    const struct yk_json *a = yk_json_get(root, "results");
    const struct yk_json *o = a ? a->first : NULL;
    for (size_t k = 0; o && k < i; k++)
        o = o->next;
    return o ? jstr(o, key) : "(none)";
}

static void test_push(void)
{
    char batch[4096];
    snprintf(
        batch, sizeof batch,
        "{\"records\":["
        "{\"type\":\"signup\",\"id\":\"01KB0000000000000000000S01\",\"kiosk_id\":\"%s\","
        "\"event_id\":\"t-event\",\"party_size\":1,\"status\":\"pending\","
        "\"phone\":\"13800138000\",\"surname\":\"王\",\"title\":\"女士\",\"created_utc\":%lld},"
        "{\"type\":\"checkin\",\"id\":\"01KB0000000000000000000C01\",\"kiosk_id\":\"%s\","
        "\"event_id\":\"t-event\",\"signup_id\":\"01KB0000000000000000000S01\",\"count\":1,"
        "\"created_utc\":%lld},"
        "{\"type\":\"walkin\",\"id\":\"01KB0000000000000000000W01\",\"kiosk_id\":\"%s\","
        "\"kind_id\":\"visit\",\"delta\":1,\"created_utc\":%lld},"
        "{\"type\":\"duty\",\"id\":\"01KB0000000000000000000D01\",\"kiosk_id\":\"%s\","
        "\"volunteer_id\":\"v1\",\"on_utc\":%lld},"
        "{\"type\":\"audit\",\"id\":\"01KB0000000000000000000A01\",\"kiosk_id\":\"%s\","
        "\"what\":\"volunteer.login\",\"ref\":\"v1\",\"created_utc\":%lld},"
        "{\"type\":\"walkin\",\"id\":\"01KB0000000000000000000W02\",\"kiosk_id\":\"%s\","
        "\"kind_id\":\"visit\",\"delta\":1,\"created_utc\":%lld},"
        "{\"type\":\"walkin\",\"id\":\"01KB0000000000000000000W03\",\"kiosk_id\":\"%s\","
        "\"kind_id\":\"no-such-kind\",\"delta\":1,\"created_utc\":%lld},"
        "{\"type\":\"walkin\",\"id\":\"01KB0000000000000000000W04\",\"kiosk_id\":\"%s\","
        "\"kind_id\":\"visit\",\"delta\":\"one\",\"created_utc\":%lld}"
        "]}",
        KA, NOW, KA, NOW, KA, NOW, KA, NOW, KA, NOW, KB, NOW, KA, NOW, KA, NOW);
    int64_t before_w = count("walkins");
    for (int round = 0; round < 2; round++) {
        struct resp r = hub_post(&H, "/api/v1/push", tok_a, batch);
        CHECK_EQ_INT(r.status, 200);
        struct yk_json_doc d;
        if (body_json(&r, &d)) {
            const char *want = round == 0 ? "accepted" : "duplicate";
            for (size_t i = 0; i < 5; i++)
                CHECK_EQ_STR(result_at(d.root, i, "result"), want);
            CHECK_EQ_STR(result_at(d.root, 0, "status"), "confirmed");
            /* another kiosk's record: refused, and the others went through */
            CHECK_EQ_STR(result_at(d.root, 5, "result"), "rejected");
            CHECK_EQ_STR(result_at(d.root, 5, "reason"), "wrong-kiosk");
            CHECK_EQ_STR(result_at(d.root, 6, "reason"), "unknown-kind");
            CHECK_EQ_STR(result_at(d.root, 7, "reason"), "malformed");
            CHECK_EQ_STR(result_at(d.root, 7, "id"), "01KB0000000000000000000W04");
            yk_json_free(&d);
        }
        resp_free(&r);
    }
    CHECK_EQ_INT(count("signups"), 1);
    CHECK_EQ_INT(count("checkins"), 1);
    CHECK_EQ_INT(count("walkins"), before_w + 1);
    CHECK_EQ_INT(count("duty_log"), 1);
    CHECK_EQ_INT(count("audit_log"), 1);

    /* the end of a duty arrives later: the same id, now with off_utc */
    char duty[512];
    snprintf(duty, sizeof duty,
             "{\"records\":[{\"type\":\"duty\",\"id\":\"01KB0000000000000000000D01\","
             "\"kiosk_id\":\"%s\",\"volunteer_id\":\"v1\",\"on_utc\":%lld,\"off_utc\":%lld}]}",
             KA, NOW, NOW + 3600);
    struct resp r = hub_post(&H, "/api/v1/push", tok_a, duty);
    CHECK(strstr(r.body, "\"accepted\"") != NULL);
    resp_free(&r);
    /* kiosk B cannot take over kiosk A's id */
    snprintf(duty, sizeof duty,
             "{\"records\":[{\"type\":\"walkin\",\"id\":\"01KB0000000000000000000W01\","
             "\"kiosk_id\":\"%s\",\"kind_id\":\"visit\",\"delta\":1,\"created_utc\":1}]}",
             KB);
    r = hub_post(&H, "/api/v1/push", tok_b, duty);
    CHECK(strstr(r.body, "id-conflict") != NULL);
    resp_free(&r);
}

static void test_refusals(void)
{
    int64_t w = count("walkins"), s = count("signups"), rej = count("push_rejects");
    const char *bad[] = {"",
                         "{",
                         "[]",
                         "{\"records\":{}}",
                         "{\"records\":[1,]}",
                         "null",
                         "{\"records\":[],\"records\":[]}",
                         "\xff\xfe"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct resp r = hub_post(&H, "/api/v1/push", tok_a, bad[i]);
        CHECK_EQ_INT(r.status, 400);
        resp_free(&r);
    }
    /* 4 MiB + 1 byte of an otherwise fine body */
    size_t big = (4u << 20) + 1;
    char *b = malloc(big);
    memset(b, ' ', big);
    memcpy(b, "{\"records\":[]}", 14);
    struct resp r = hub_http(&H, "POST", "/api/v1/push", tok_a, b, big);
    CHECK_EQ_INT(r.status, 413);
    resp_free(&r);
    /* too many records */
    size_t n = 1001, cap = n * 4 + 32, len = 0;
    char *many = malloc(cap);
    len += (size_t)snprintf(many, cap, "{\"records\":[");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(many + len, cap - len, "%s{}", i ? "," : "");
    len += (size_t)snprintf(many + len, cap - len, "]}");
    r = hub_http(&H, "POST", "/api/v1/push", tok_a, many, len);
    CHECK_EQ_INT(r.status, 413);
    resp_free(&r);
    free(many);
    free(b);
    r = hub_get(&H, "/api/v1/changes?since=-1", tok_a);
    CHECK_EQ_INT(r.status, 400);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/changes?limit=abc", tok_a);
    CHECK_EQ_INT(r.status, 400);
    resp_free(&r);
    CHECK_EQ_INT(count("walkins"), w);
    CHECK_EQ_INT(count("signups"), s);
    CHECK_EQ_INT(count("push_rejects"), rej);
}

/* Pulls every page from since with limit k; fills seen (table/id -> last row's deleted and
 * seq) via callback-less arrays. Returns the final cursor, or -1. */
struct pulled {
    char key[64];
    int64_t rev;
    int deleted;
};

static int64_t pull_all(const char *token, int64_t since, int k, struct pulled *p, size_t *np,
                        size_t max, int *pages, bool (*between)(int page))
{
    int64_t cursor = since;
    for (int page = 0; page < 1000; page++) {
        char path[128];
        snprintf(path, sizeof path, "/api/v1/changes?since=%lld&limit=%d", (long long)cursor, k);
        struct resp r = hub_get(&H, path, token);
        CHECK_EQ_INT(r.status, 200);
        struct yk_json_doc d;
        if (r.status != 200 || !body_json(&r, &d)) {
            resp_free(&r);
            return -1;
        }
        const struct yk_json *ch = yk_json_get(d.root, "changes");
        CHECK(ch && ch->len <= (size_t)k);
        int64_t last = cursor;
        for (const struct yk_json *c = ch ? ch->first : NULL; c; c = c->next) {
            int64_t seq = 0, del = 0;
            CHECK(yk_json_get_int(c, "seq", &seq) && seq > last);
            last = seq;
            const struct yk_json *row = yk_json_get(c, "row");
            int64_t rev = 0;
            CHECK(yk_json_get_int(row, "rev", &rev) && rev == seq);
            yk_json_get_int(row, "deleted", &del);
            char key[64];
            snprintf(key, sizeof key, "%s/%s", jstr(c, "table"), jstr(c, "id"));
            size_t i = 0;
            while (i < *np && strcmp(p[i].key, key) != 0)
                i++;
            if (i == *np && *np < max)
                snprintf(p[(*np)++].key, sizeof p[0].key, "%s", key);
            if (i < max) {
                p[i].rev = rev;
                p[i].deleted = (int)del;
            }
        }
        int64_t cur = 0;
        bool more = true;
        CHECK(yk_json_get_int(d.root, "cursor", &cur) && cur == last);
        CHECK(yk_json_get_bool(d.root, "more", &more));
        cursor = cur;
        yk_json_free(&d);
        resp_free(&r);
        if (pages)
            (*pages)++;
        if (between && between(page))
            more = true;
        if (!more)
            return cursor;
    }
    return -1;
}

static bool change_between(int page)
{
    if (page != 0)
        return false;
    /* After the first page: a new row, an update of a row already pulled, a tombstone. */
    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "load %s/late.sql", H.dir), 0);
    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "delete walkin_kinds wk-00"), 0);
    return true;
}

static const struct pulled *find(const struct pulled *p, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p[i].key, key) == 0)
            return &p[i];
    return NULL;
}

static void test_paging(void)
{
    /* Everything before: where kiosk B is now. */
    static struct pulled p[256];
    size_t np = 0;
    int64_t start = pull_all(tok_b, 0, 1000, p, &np, 256, NULL, NULL);
    CHECK(start > 0);
    /* N = 25 new rows. */
    char path[400], sql[8192];
    size_t len = 0;
    for (int i = 0; i < 25; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len,
                                "INSERT INTO walkin_kinds (id, name_zh, sort) VALUES "
                                "('wk-%02d', '类别%d', %d);",
                                i, i, i);
    snprintf(path, sizeof path, "%s/rows.sql", H.dir);
    FILE *f = fopen(path, "w");
    fputs(sql, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/late.sql", H.dir);
    f = fopen(path, "w");
    fputs("INSERT INTO walkin_kinds (id, name_zh) VALUES ('wk-late', '迟到');"
          "UPDATE walkin_kinds SET name_zh = '改名' WHERE id = 'wk-01';",
          f);
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "load %s/rows.sql", H.dir), 0);
    CHECK(hub_cmd(&H, NULL, 0, "delete walkin_kinds no-such-row") != 0);

    np = 0;
    int pages = 0;
    int64_t end = pull_all(tok_b, start, 7, p, &np, 256, &pages, change_between);
    CHECK(end > start);
    /* 25 rows + the late one; pages of 7 */
    for (int i = 0; i < 25; i++) {
        char key[64];
        snprintf(key, sizeof key, "walkin_kinds/wk-%02d", i);
        CHECK(find(p, np, key) != NULL);
    }
    CHECK(find(p, np, "walkin_kinds/wk-late") != NULL);
    const struct pulled *t = find(p, np, "walkin_kinds/wk-00");
    CHECK(t && t->deleted == 1);
    CHECK(pages >= 4);
    /* up to date: an empty page, cursor unchanged */
    np = 0;
    CHECK_EQ_INT(pull_all(tok_b, end, 7, p, &np, 256, NULL, NULL), end);
    CHECK_EQ_INT(np, 0);
    /* a content row cannot be hard-deleted (tombstones only) */
    f = fopen(path, "w");
    fputs("DELETE FROM walkin_kinds WHERE id = 'wk-02';", f);
    fclose(f);
    CHECK(hub_cmd(&H, NULL, 0, "load %s/late.sql", H.dir) != 0);
}

static void test_seats_http(void)
{
    struct resp r = hub_post(&H, "/api/v1/seats", tok_c, "{\"event_id\":\"t-event\",\"seats\":2}");
    CHECK_EQ_INT(r.status, 200);
    CHECK(strstr(r.body, "\"held\":2") != NULL);
    resp_free(&r);
    r = hub_post(&H, "/api/v1/seats", tok_c, "{\"event_id\":\"nope\",\"seats\":2}");
    CHECK_EQ_INT(r.status, 404);
    resp_free(&r);
    /* capacity 5: 1 confirmed (test_push), 2 held by C: 2 left in the pool */
    char body[512];
    snprintf(body, sizeof body,
             "{\"id\":\"01KB0000000000000000000S10\",\"kiosk_id\":\"%s\",\"event_id\":\"t-event\","
             "\"party_size\":2,\"created_utc\":%lld}",
             KB, NOW);
    r = hub_post(&H, "/api/v1/signup", tok_b, body);
    CHECK(strstr(r.body, "\"status\":\"confirmed\"") != NULL);
    resp_free(&r);
    snprintf(body, sizeof body,
             "{\"id\":\"01KB0000000000000000000S11\",\"kiosk_id\":\"%s\",\"event_id\":\"t-event\","
             "\"party_size\":1,\"created_utc\":%lld,\"waitlist_ok\":false}",
             KB, NOW);
    r = hub_post(&H, "/api/v1/signup", tok_b, body);
    CHECK(strstr(r.body, "\"status\":\"full\"") != NULL);
    resp_free(&r);
    CHECK_EQ_INT(count("signups"), 2);
    snprintf(body, sizeof body,
             "{\"id\":\"01KB0000000000000000000S12\",\"kiosk_id\":\"%s\",\"event_id\":\"t-event\","
             "\"party_size\":1,\"created_utc\":%lld}",
             KB, NOW);
    r = hub_post(&H, "/api/v1/signup", tok_b, body);
    CHECK(strstr(r.body, "\"status\":\"waitlist\"") != NULL);
    resp_free(&r);
    /* C gives its seats back: the waitlisted sign-up is confirmed, and B hears of it */
    static struct pulled p[64];
    size_t np = 0;
    char pathc[64];
    (void)pathc;
    int64_t cur_b = pull_all(tok_b, 0, 1000, p, &np, 64, NULL, NULL);
    r = hub_post(&H, "/api/v1/seats", tok_c, "{\"event_id\":\"t-event\",\"seats\":0}");
    CHECK(strstr(r.body, "\"held\":0") != NULL);
    resp_free(&r);
    np = 0;
    pull_all(tok_b, cur_b, 1000, p, &np, 64, NULL, NULL);
    CHECK(find(p, np, "signups/01KB0000000000000000000S12") != NULL);
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1000", tok_b);
    CHECK(strstr(r.body, "01KB0000000000000000000S12\",\"row\":{\"id\":\"01KB0000000000000000000S12"
                         "\",\"event_id\":\"t-event\",\"status\":\"confirmed\"") != NULL);
    resp_free(&r);
    /* A does not see B's sign-ups, C sees its own allotment */
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1000", tok_a);
    CHECK(strstr(r.body, "01KB0000000000000000000S12") == NULL);
    CHECK(strstr(r.body, "\"allotments\"") == NULL);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1000", tok_c);
    CHECK(strstr(r.body, "\"table\":\"allotments\"") != NULL);
    resp_free(&r);
    int64_t cap, conf, allot;
    struct yk_hub_store *s = yk_hub_store_open(H.db);
    CHECK(s && yk_hub_event_seats(s, "t-event", &cap, &conf, &allot) == YK_HUB_OK);
    CHECK(conf <= cap);
    CHECK_EQ_INT(conf, 4);
    yk_hub_store_close(s);
}

static void test_ticket_page(void)
{
    struct yk_ticket t;
    char code[YK_TICKET_DIGITS + 1], body[1024], path[300];
    yk_ticket_sign(&keys_a, "t-event", 1, NOW, &t);
    yk_ticket_encode(&t, code);
    snprintf(body, sizeof body,
             "{\"records\":[{\"type\":\"signup\",\"id\":\"01KB0000000000000000000S20\","
             "\"kiosk_id\":\"%s\",\"event_id\":\"t-event\",\"party_size\":1,\"status\":"
             "\"pending\",\"phone\":\"13912345678\",\"surname\":\"李\",\"title\":\"先生\","
             "\"ticket_code\":\"%s\",\"created_utc\":%lld}]}",
             KA, code, NOW);
    struct resp r = hub_post(&H, "/api/v1/push", tok_a, body);
    CHECK(strstr(r.body, "\"accepted\"") != NULL);
    resp_free(&r);
    snprintf(path, sizeof path, "/t/%s", code);
    r = hub_get(&H, path, NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(strstr(r.body, "滨江读书会") && strstr(r.body, "Riverside book club"));
    /* Masked as kiosks send it (the last four digits only), even when a full number came. */
    CHECK(strstr(r.body, "****5678") != NULL);
    CHECK(strstr(r.body, "139****5678") == NULL);
    CHECK(strstr(r.body, "13912345678") == NULL);
    CHECK(strstr(r.body, "viewport") != NULL);
    resp_free(&r);
    /* the QR's upper-case path works too */
    snprintf(path, sizeof path, "/T/%s", code);
    r = hub_get(&H, path, NULL);
    CHECK_EQ_INT(r.status, 200);
    resp_free(&r);
    /* signed by an enrolled kiosk but not pushed yet: valid, event only */
    yk_ticket_sign(&keys_a, "t-event", 2, NOW, &t);
    yk_ticket_encode(&t, code);
    snprintf(path, sizeof path, "/t/%s", code);
    r = hub_get(&H, path, NULL);
    CHECK_EQ_INT(r.status, 200);
    CHECK(strstr(r.body, "滨江读书会") != NULL);
    resp_free(&r);
    /* forged: one digit changed */
    code[100] = code[100] == '1' ? '2' : '1';
    snprintf(path, sizeof path, "/t/%s", code);
    r = hub_get(&H, path, NULL);
    CHECK_EQ_INT(r.status, 404);
    CHECK(strstr(r.body, "未找到此票") && strstr(r.body, "Ticket not found"));
    resp_free(&r);
    r = hub_get(&H, "/t/12345", NULL);
    CHECK_EQ_INT(r.status, 404);
    resp_free(&r);
    r = hub_get(&H, "/t/%3Cscript%3E", NULL);
    CHECK_EQ_INT(r.status, 404);
    CHECK(strstr(r.body, "<script>") == NULL);
    resp_free(&r);
}

static void test_media(void)
{
    char path[400], hash[128];
    snprintf(path, sizeof path, "%s/photo.png", H.dir);
    FILE *f = fopen(path, "wb");
    fwrite("\x89PNG\r\n\x1a\n-fake-", 1, 15, f);
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&H, hash, sizeof hash, "media-add %s image/png", path), 0);
    CHECK_EQ_INT(strlen(hash), 64);
    snprintf(path, sizeof path, "/api/v1/media/%s", hash);
    struct resp r = hub_get(&H, path, tok_a);
    CHECK_EQ_INT(r.status, 200);
    CHECK(r.len == 15 && memcmp(r.body, "\x89PNG", 4) == 0);
    resp_free(&r);
    r = hub_get(&H,
                "/api/v1/media/0000000000000000000000000000000000000000000000000000000000000000",
                tok_a);
    CHECK_EQ_INT(r.status, 404);
    resp_free(&r);
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1000", tok_a);
    CHECK(strstr(r.body, hash) != NULL);
    resp_free(&r);
}

static void test_heartbeat_and_revoke(void)
{
    struct resp r = hub_post(&H, "/api/v1/heartbeat", tok_a,
                             "{\"version\":\"0.1.0-test\",\"uptime_s\":3600,\"last_sync_utc\":"
                             "1790000000,\"free_disk_bytes\":123456789}");
    CHECK_EQ_INT(r.status, 200);
    resp_free(&r);
    r = hub_post(&H, "/api/v1/heartbeat", tok_a, "{\"uptime_s\":\"long\"}");
    CHECK_EQ_INT(r.status, 400);
    resp_free(&r);
    char out[4096];
    CHECK_EQ_INT(hub_cmd(&H, out, sizeof out, "kiosks"), 0);
    CHECK(strstr(out, KA) && strstr(out, "0.1.0-test") && strstr(out, "123456789"));
    CHECK(strstr(out, "station-2") != NULL);

    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "kiosk-revoke %s", KC), 0);
    CHECK(hub_cmd(&H, NULL, 0, "kiosk-revoke 01KB00000000000000000000Z9") != 0);
    r = hub_get(&H, "/api/v1/changes", tok_c);
    CHECK_EQ_INT(r.status, 403);
    resp_free(&r);
    r = hub_post(&H, "/api/v1/heartbeat", tok_c, "{}");
    CHECK_EQ_INT(r.status, 403);
    resp_free(&r);
    /* every other kiosk learns of it: C's key now carries revoked_utc */
    r = hub_get(&H, "/api/v1/changes?since=0&limit=1000", tok_a);
    struct yk_json_doc d;
    bool found = false;
    if (body_json(&r, &d)) {
        for (const struct yk_json *c = yk_json_get(d.root, "changes")->first; c; c = c->next) {
            const struct yk_json *row = yk_json_get(c, "row");
            if (strcmp(jstr(c, "table"), "kiosk_keys") == 0 &&
                strcmp(jstr(row, "kiosk_id"), KC) == 0) {
                int64_t when = 0;
                found = yk_json_get_int(row, "revoked_utc", &when) && when > 0;
                char hex[65];
                sodium_bin2hex(hex, sizeof hex, pk_c, 32);
                CHECK_EQ_STR(jstr(row, "public_key"), hex);
            }
        }
        yk_json_free(&d);
    }
    CHECK(found);
    resp_free(&r);
    /* a revoked kiosk cannot enrol again */
    char code[64];
    long st = 0;
    char tok[65];
    CHECK_EQ_INT(hub_cmd(&H, code, sizeof code, "kiosk-add station-3"), 0);
    CHECK(!enrol(code, KC, pk_c, tok, &st));
    CHECK_EQ_INT(st, 403);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    hub_init(&H);
    char path[400];
    snprintf(path, sizeof path, "%s/content.sql", H.dir);
    FILE *f = fopen(path, "w");
    fputs(content, f);
    fclose(f);
    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "load-sample"), 0);
    CHECK_EQ_INT(hub_cmd(&H, NULL, 0, "load %s", path), 0);
    if (!hub_start(&H)) {
        fprintf(stderr, "the hub did not start (%s)\n", H.bin);
        hub_cleanup(&H);
        return 1;
    }
    test_enrol();
    test_tokens();
    test_push();
    test_refusals();
    test_paging();
    test_seats_http();
    test_ticket_page();
    test_media();
    test_heartbeat_and_revoke();
    yk_ticket_keys_destroy(&keys_a);
    hub_cleanup(&H);
    return yk_test_done();
}
