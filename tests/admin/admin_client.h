#ifndef YK_TEST_ADMIN_CLIENT_H
#define YK_TEST_ADMIN_CLIENT_H

/* A test's browser for the admin, on the real hub (hub/hub_client.h): requests with a Cookie
 * header and a form body, the answer's Location, yk_admin cookie and headers, signing in,
 * and `yikong-hub user-add` with the password on stdin. Header-only, one hub per test. */

#include "check.h"
#include "hub/hub_client.h"
#include "sync/sync_test_util.h"

#include "core/json.h"
#include "core/ticket.h"

#include <sodium.h>
#include <strings.h>

static struct hub h;                 /* the test's hub */
static const char *admin_serve_args; /* more `serve` options for admin_hub_up, or NULL */

struct ans {
    long status;
    char *body;
    size_t len;
    char location[256];
    char cookie[256]; /* the last Set-Cookie's name=value */
    char headers[4096];
};

static inline size_t admin_on_header(char *p, size_t size, size_t n, void *user)
{
    struct ans *a = user;
    size_t k = size * n;
    size_t have = strlen(a->headers);
    if (have + k < sizeof a->headers) {
        memcpy(a->headers + have, p, k);
        a->headers[have + k] = '\0';
    }
    if (k > 10 && strncasecmp(p, "Location: ", 10) == 0)
        snprintf(a->location, sizeof a->location, "%.*s", (int)(k - 12), p + 10);
    if (k > 12 && strncasecmp(p, "Set-Cookie: ", 12) == 0) {
        const char *semi = memchr(p, ';', k);
        int len = semi ? (int)(semi - p - 12) : (int)(k - 14);
        if (!a->cookie[0] || strncmp(p + 12, "yk_admin=", 9) == 0)
            snprintf(a->cookie, sizeof a->cookie, "%.*s", len, p + 12);
    }
    return k;
}

static inline size_t admin_on_body(char *p, size_t size, size_t n, void *user)
{
    struct ans *a = user;
    return append_to(&a->body, &a->len, p, size * n);
}

/* One request with a Cookie header (or none) and a form body (POST when not NULL). */
static inline struct ans req(const char *path, const char *cookie, const char *form)
{
    struct ans a = {0};
    a.body = calloc(1, 1);
    CURL *c = curl_easy_init();
    char url[1024];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", h.port, path);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, admin_on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, admin_on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    if (cookie)
        curl_easy_setopt(c, CURLOPT_COOKIE, cookie);
    if (form)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    curl_easy_cleanup(c);
    return a;
}

static inline void ans_free(struct ans *a)
{
    free(a->body);
}

/* The value="..." after marker in body into out. */
static inline bool value_after(const char *body, const char *marker, char *out, size_t n)
{
    const char *p = body ? strstr(body, marker) : NULL;
    p = p ? strstr(p, "value=\"") : NULL;
    if (!p)
        return false;
    p += 7;
    const char *e = strchr(p, '"');
    if (!e || (size_t)(e - p) >= n)
        return false;
    snprintf(out, n, "%.*s", (int)(e - p), p);
    return true;
}

struct session {
    char cookie[300]; /* yk_admin=... */
    char csrf[80];
};

/* Signs in; returns the HTTP status of the sign-in POST (303 when it worked). */
static inline long login(const char *name, const char *pw, struct session *s)
{
    memset(s, 0, sizeof *s);
    struct ans a = req("/admin/login", NULL, NULL);
    char token[64] = "", form[512];
    value_after(a.body, "name=\"login_token\"", token, sizeof token);
    char pre[300];
    snprintf(pre, sizeof pre, "%s", a.cookie);
    ans_free(&a);
    snprintf(form, sizeof form, "login_token=%s&name=%s&password=%s", token, name, pw);
    a = req("/admin/login", pre, form);
    long st = a.status;
    if (st == 303 && strncmp(a.cookie, "yk_admin=", 9) == 0) {
        snprintf(s->cookie, sizeof s->cookie, "%s", a.cookie);
        CHECK(strstr(a.headers, "HttpOnly") != NULL);
        CHECK(strstr(a.headers, "SameSite=Strict") != NULL);
        CHECK(strstr(a.headers, "Path=/admin") != NULL);
        ans_free(&a);
        a = req("/admin/events", s->cookie, NULL);
        value_after(a.body, "name=\"csrf\"", s->csrf, sizeof s->csrf);
    }
    ans_free(&a);
    return st;
}

static inline int user_add(const char *name, const char *role, const char *station, const char *pw1,
                           const char *pw2)
{
    char cmd[1024];
    snprintf(
        cmd, sizeof cmd,
        "printf '%%s\\n%%s\\n' '%s' '%s' | '%s' --db '%s' user-add %s --role %s%s%s 2>/dev/null",
        pw1, pw2, h.bin, h.db, name, role, station ? " --station " : "", station ? station : "");
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The first column of the first row of sql (arg bound to its one ?, when not NULL) on the
 * hub's database into out (64 bytes; "" when none). */
static inline void db_text(const char *sql, const char *arg, char out[64])
{
    sqlite3 *d;
    out[0] = '\0';
    if (sqlite3_open_v2(h.db, &d, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(d, sql, -1, &st, NULL) == SQLITE_OK) {
            if (arg)
                sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
            if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                snprintf(out, 64, "%s", (const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(d);
}

/* The set-up both admin tests share: the test's hub (h) on the sample content, its log
 * captured, with the first admin "boss" (password ADMIN_PW). The caller adds what else it
 * needs, then starts the hub (hub_start). */
#define ADMIN_PW "first-admin-pw"
static inline void admin_hub_prepare(void)
{
    hub_init(&h);
    h.capture_log = true;
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "load-sample"), 0);
    CHECK(user_add("boss", "admin", NULL, ADMIN_PW, ADMIN_PW) == 0);
}

/* Stops the hub and reads (the first n - 1 bytes of) its log into log, NUL-terminated;
 * returns how many bytes it read. The hub's files stay until hub_cleanup. */
static inline size_t admin_hub_stop(char *log, size_t n)
{
    hub_stop(&h);
    FILE *f = fopen(h.log, "r");
    size_t len = f ? fread(log, 1, n - 1, f) : 0;
    log[len] = '\0';
    if (f)
        fclose(f);
    return len;
}

/* A multipart POST of path as s (the browser's way with a file input): the CSRF token, then
 * fields (name, value, ..., NULL), then a file part "photo" of len bytes declared as type
 * (none when photo is NULL). */
static inline struct ans mime_post(const struct session *s, const char *path,
                                   const char *const *fields, const void *photo, size_t len,
                                   const char *type)
{
    struct ans a = {0};
    a.body = calloc(1, 1);
    CURL *c = curl_easy_init();
    char url[512];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", h.port, path);
    curl_mime *m = curl_mime_init(c);
    curl_mimepart *p = curl_mime_addpart(m);
    curl_mime_name(p, "csrf");
    curl_mime_data(p, s->csrf, CURL_ZERO_TERMINATED);
    for (int i = 0; fields && fields[i] && fields[i + 1]; i += 2) {
        p = curl_mime_addpart(m);
        curl_mime_name(p, fields[i]);
        curl_mime_data(p, fields[i + 1], CURL_ZERO_TERMINATED);
    }
    if (photo) {
        p = curl_mime_addpart(m);
        curl_mime_name(p, "photo");
        curl_mime_filename(p, "photo.png");
        curl_mime_type(p, type);
        curl_mime_data(p, photo, len);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_COOKIE, s->cookie);
    curl_easy_setopt(c, CURLOPT_MIMEPOST, m);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, admin_on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, admin_on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    curl_mime_free(m);
    curl_easy_cleanup(c);
    return a;
}

/* A tiny valid PNG (1 x 1). */
static const unsigned char PNG[] = {
    0x89, 'P',  'N',  'G',  0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 'I',  'H',
    'D',  'R',  0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 'I',  'D',  'A',  'T',  0x78,
    0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
    0x00, 0x00, 0x00, 'I',  'E',  'N',  'D',  0xae, 0x42, 0x60, 0x82};

struct kiosk {
    char id[32], token[65];
};

/* A kiosk of station enrolled through the API with a fresh setup code (id: a ULID). */
static inline void kiosk_new(struct kiosk *k, const char *id, const char *station)
{
    snprintf(k->id, sizeof k->id, "%s", id);
    uint8_t seed[32];
    crypto_generichash(seed, sizeof seed, (const unsigned char *)id, strlen(id), NULL, 0);
    struct yk_ticket_keys keys;
    yk_ticket_keys_from_seed(&keys, seed);
    char code[32], hex[65], body[400];
    CHECK_EQ_INT(hub_cmd(&h, code, sizeof code, "kiosk-add %s", station), 0);
    sodium_bin2hex(hex, sizeof hex, keys.public_key, 32);
    yk_ticket_keys_destroy(&keys);
    snprintf(body, sizeof body, "{\"setup_code\":\"%s\",\"kiosk_id\":\"%s\",\"public_key\":\"%s\"}",
             code, id, hex);
    struct resp r = hub_post(&h, "/api/v1/enrol", NULL, body);
    CHECK_EQ_INT(r.status, 200);
    struct yk_json_doc d;
    const char *tok = "";
    if (r.status == 200 && yk_json_parse(&d, r.body, r.len, NULL)) {
        if (yk_json_get_str(d.root, "token", &tok))
            snprintf(k->token, sizeof k->token, "%s", tok);
        yk_json_free(&d);
    }
    resp_free(&r);
}

/* The events every test makes: a charity event on 2027-03-06, 20 places, 2 per sign-up. */
static const char EVENT_FIELDS[] = "kind=charity&starts_utc=2027-03-06+09%3A30&ends_utc=2027-03-"
                                   "06+11%3A30&capacity=20&max_party=2";

/* admin_hub_prepare, then the hub serving (with admin_serve_args). */
static inline void admin_hub_up(void)
{
    admin_hub_prepare();
    h.serve_args = admin_serve_args;
    CHECK(hub_start(&h));
}

/* admin_hub_up, then a staff account "staff-a" of binjiang (staff-a-pw-123); both signed in. */
static inline void admin_hub_up_staff(struct session *adm, struct session *st)
{
    admin_hub_up();
    CHECK(user_add("staff-a", "staff", "binjiang", "staff-a-pw-123", "staff-a-pw-123") == 0);
    CHECK_EQ_INT(login("boss", ADMIN_PW, adm), 303);
    CHECK_EQ_INT(login("staff-a", "staff-a-pw-123", st), 303);
}

/* Creates an event as s (station: "" or an id; the title URL-encoded, also its English title
 * and place); its id from the database into id. */
static inline void create_event(const struct session *s, const char *title_enc, const char *station,
                                char id[64])
{
    char form[2048];
    snprintf(form, sizeof form, "csrf=%s&station=%s&title_zh=%s&title_en=%s&place_zh=%s&%s",
             s->csrf, station, title_enc, title_enc, title_enc, EVENT_FIELDS);
    struct ans a = req("/admin/events/new", s->cookie, form);
    CHECK_EQ_INT(a.status, 303);
    ans_free(&a);
    db_text("SELECT id FROM events ORDER BY rowid DESC LIMIT 1", NULL, id);
}

#endif
