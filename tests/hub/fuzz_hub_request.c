/* Fuzz target for the hub's whole request handling (yk_hub_handle, src/hub/hub_api.c): every
 * endpoint, with no token, a valid one, a revoked kiosk's or any bytes as the Authorization
 * header, and fuzzed paths, query values and bodies, against a real store (in memory, with
 * sample content, an enrolled kiosk and a revoked one). What HTTP itself parses is
 * libmicrohttpd's; this is everything after it.
 *
 * The public page (/, /s/ID) is reached through "any method on any path" (corpus: public*).
 * A person's sign-ups at any kiosk (/api/v1/mine, /api/v1/mine/cancel: corpus mine*) are
 * endpoints 10 and 11; their misses meet the per-kiosk wait (429).
 * Input: byte 0 picks the endpoint, byte 1 the Authorization, then up to two lines (the path
 * suffix, Authorization bytes or `since`; then `limit`) and the rest is the body.
 * Checks: no crash or sanitizer report; the status is one the protocol documents (never a
 * 500: the store is healthy, so a 500 is a bug); a body and a content type always; a JSON
 * answer parses as JSON; an unauthenticated request to an API endpoint never gets a 2xx; an
 * HTML page is valid UTF-8 (names cut between characters) with no script in it; whatever was
 * pushed, no event is overbooked and the store keeps answering (a 503 would be a poisoned
 * event blocking every kiosk). */
#include "fuzz/require.h"
#include "core/ids.h"
#include "core/json.h"
#include "core/utf8.h"
#include "hub/hub_api.h"
#include "hub/hub_store.h"
#include "hub/hub_store_mine.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NOW 1796086800 /* 2026-12-01 09:00 Shanghai */

static struct yk_hub_store *store;
static char token[8 + YK_HUB_TOKEN_LEN + 1], revoked[8 + YK_HUB_TOKEN_LEN + 1];
static unsigned runs;

static const char content[] =
    "INSERT INTO stations (id, name_zh, name_en, rev) VALUES ('s1', '站', 'Station', 1);"
    "INSERT INTO events (id, kind, title_zh, title_en, starts_utc, ends_utc, capacity, max_party, "
    "rev) "
    "VALUES ('e1', 'other', '活动', 'Event', 1796173200, 1796178600, 20, 4, 1);";

/* Enrols kiosk (of station s1) and writes "Bearer <its token>" into out. The ids are fixed
 * so that seeds can push records as the enrolled kiosk. */
#define KIOSK_A "01KB000000000000000000000A"
#define KIOSK_B "01KB000000000000000000000B"
static void enrol(char *out, size_t n, const char *kiosk)
{
    char code[YK_HUB_SETUP_CODE_LEN + 1], tok[YK_HUB_TOKEN_LEN + 1], station[64];
    uint8_t pk[32];
    randombytes_buf(pk, sizeof pk);
    REQUIRE(yk_hub_kiosk_add(store, "s1", NOW, 3600, code) == YK_HUB_OK);
    REQUIRE(yk_hub_enrol(store, code, kiosk, pk, NOW, tok, station) == YK_HUB_OK);
    snprintf(out, n, "Bearer %s", tok);
}

/* A fresh store now and then, so that pushed records do not pile up without end. */
static void setup(void)
{
    yk_hub_store_close(store);
    store = yk_hub_store_open(":memory:");
    REQUIRE(store);
    REQUIRE(yk_hub_load_sql(store, content));
    static const uint8_t phone_key[32] = {1, 2, 3};
    yk_hub_set_phone_key(store, phone_key);
    enrol(token, sizeof token, KIOSK_A);
    enrol(revoked, sizeof revoked, KIOSK_B);
    REQUIRE(yk_hub_kiosk_revoke(store, KIOSK_B, NOW) == YK_HUB_OK);
}

/* The next '\n'-ended line of the input as a NUL-terminated copy (in buf), or NULL. */
static const char *line(const uint8_t **p, size_t *left, char *buf, size_t n)
{
    const uint8_t *nl = memchr(*p, '\n', *left);
    if (!nl)
        return NULL;
    size_t len = (size_t)(nl - *p);
    if (len >= n)
        len = n - 1;
    memcpy(buf, *p, len);
    buf[len] = '\0';
    *left -= (size_t)(nl - *p) + 1;
    *p = nl + 1;
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!store || ++runs % 2000 == 0) {
        REQUIRE(sodium_init() >= 0);
        setup();
    }
    if (size < 2)
        return 0;
    unsigned endpoint = data[0] % 12, auth_kind = data[1] % 4;
    const uint8_t *p = data + 2;
    size_t left = size - 2;
    char l1[512], l2[64], path[600], auth_any[512];
    const char *f1 = line(&p, &left, l1, sizeof l1);
    const char *f2 = f1 ? line(&p, &left, l2, sizeof l2) : NULL;

    struct yk_hub_request rq = {.method = "POST", .body = (const char *)p, .body_len = left};
    switch (endpoint) {
    case 0:
        rq.path = "/api/v1/enrol";
        break;
    case 1:
        rq.path = "/api/v1/push";
        break;
    case 2:
        rq.method = "GET";
        rq.path = "/api/v1/changes";
        rq.q_since = f1;
        rq.q_limit = f2;
        break;
    case 3:
        rq.path = "/api/v1/seats";
        break;
    case 4:
        rq.path = "/api/v1/signup";
        break;
    case 5:
        rq.path = "/api/v1/heartbeat";
        break;
    case 6:
        rq.method = "GET";
        snprintf(path, sizeof path, "/t/%s", f1 ? f1 : "");
        rq.path = path;
        break;
    case 7:
        rq.method = "GET";
        snprintf(path, sizeof path, "/api/v1/media/%s", f1 ? f1 : "");
        rq.path = path;
        break;
    case 8: /* any method on any path */
        rq.method = f2 ? f2 : "PUT";
        rq.path = f1 ? f1 : "/";
        break;
    case 10:
        rq.path = "/api/v1/mine";
        break;
    case 11:
        rq.path = "/api/v1/mine/cancel";
        break;
    default:
        rq.body_too_large = true, rq.path = "/api/v1/push";
        break;
    }
    switch (auth_kind) {
    case 1:
        rq.authorization = token;
        break;
    case 2:
        rq.authorization = revoked;
        break;
    case 3:
        snprintf(auth_any, sizeof auth_any, "%s", f1 ? f1 : "");
        rq.authorization = auth_any;
        break;
    default:
        break;
    }

    struct yk_hub_response rs;
    yk_hub_handle(store, &rq, NOW, &rs);
    if (getenv("YK_FUZZ_VERBOSE"))
        fprintf(stderr, "%s %s -> %d %.*s\n", rq.method, rq.path, rs.status,
                (int)(rs.len > 160 ? 160 : rs.len), rs.body);
    static const int known[] = {200, 201, 400, 401, 403, 404, 405, 409, 410, 413, 429};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        ok |= rs.status == known[i];
    if (!ok)
        fprintf(stderr, "status %d for %s %s\n", rs.status, rq.method, rq.path);
    REQUIRE(ok);
    REQUIRE(rs.content_type && rs.body && rs.len > 0);
    REQUIRE(rs.status != 429 || rs.retry_after_s > 0);
    if (strncmp(rs.content_type, "application/json", 16) == 0) {
        struct yk_json_doc doc;
        bool parsed = yk_json_parse(&doc, rs.body, rs.len, NULL);
        yk_json_free(&doc);
        REQUIRE(parsed);
    }
    if (strncmp(rs.content_type, "text/html", 9) == 0) {
        REQUIRE(yk_utf8_valid(rs.body, rs.len));
        REQUIRE(!strstr(rs.body, "<script")); /* the page builder ends with a NUL */
    }
    int64_t cap, confirmed, allotted;
    REQUIRE(yk_hub_event_seats(store, "e1", &cap, &confirmed, &allotted) == YK_HUB_OK);
    REQUIRE(confirmed <= cap && allotted <= cap);
    bool api = strncmp(rq.path, "/api/", 5) == 0 && strcmp(rq.path, "/api/v1/enrol") != 0;
    if (api && auth_kind != 1 && auth_kind != 3)
        REQUIRE(rs.status >= 400);
    yk_hub_response_free(&rs);
    return 0;
}
