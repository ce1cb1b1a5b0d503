#include "app/sync_http.h"
#include "app/sync_http_internal.h"

#include "core/grow.h"
#include "core/json.h"
#include "core/log.h"
#include "core/secret_file.h"
#include "core/signup.h"
#include "core/sync_mine.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static const char *const rc_names[] = {"ok", "retry", "need-enrol", "refused", "bug", "local"};

const char *yk_sync_rc_name(enum yk_sync_rc rc)
{
    return (unsigned)rc < sizeof rc_names / sizeof rc_names[0] ? rc_names[rc] : "?";
}

const char *yk_sync_rc_text(enum yk_sync_rc rc, bool zh)
{
    switch (rc) {
    case YK_SYNC_OK:
        return "";
    case YK_SYNC_RETRY:
        return zh ? "暂时连不上中心，稍后自动重试；所有记录都已保存在本机。"
                  : "Cannot reach the hub; retrying automatically. Every record is kept on "
                    "this kiosk.";
    case YK_SYNC_NEED_ENROL:
        return zh ? "本机尚未在中心登记：请在志愿者模式输入设置码。"
                  : "This kiosk is not enrolled with the hub: enter a setup code in volunteer "
                    "mode.";
    case YK_SYNC_REFUSED:
        return zh ? "中心拒绝了本机（设置码无效或已用过，或本机已停用）：请联系管理员。"
                  : "The hub refused this kiosk (setup code wrong or used, or the kiosk was "
                    "revoked): contact the operator.";
    case YK_SYNC_BUG:
        return zh ? "同步出错（中心的回答无法使用），稍后重试。"
                  : "Sync failed (the hub's answer could not be used); retrying later.";
    case YK_SYNC_LOCAL:
        return zh ? "本机数据出错，同步暂停：请联系管理员。"
                  : "The kiosk's own data failed; sync paused: contact the operator.";
    }
    return "";
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static bool curl_ok;
static void curl_start(void)
{
    curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* Secret files: the device token and the hub's phone key ------------------------------------ */

static void secret_path(const struct yk_sync_client *c, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", c->data_dir, name);
}

/* The first line of <data_dir>/name (the token: a line of hex digits) into buf (n bytes),
 * when it is min..n-2 hex digits. */
static bool load_line(const struct yk_sync_client *c, const char *name, size_t min, char *buf,
                      size_t n)
{
    char path[600];
    secret_path(c, name, path, sizeof path);
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false;
    ssize_t got = read(fd, buf, n - 1);
    close(fd);
    if (got <= 0) {
        buf[0] = '\0';
        return false;
    }
    buf[got] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
    size_t len = strlen(buf);
    if (len >= min && len < n - 1 && strspn(buf, "0123456789abcdefABCDEF") == len)
        return true;
    yk_warn("sync", "%s is not what the hub gave: ignored (it comes again)", path);
    sodium_memzero(buf, n);
    return false;
}

/* Writes text and a newline to <data_dir>/name atomically, mode 0600 (core/secret_file.h). */
static bool save_secret(const struct yk_sync_client *c, const char *name, const char *text)
{
    char path[600], line[128];
    secret_path(c, name, path, sizeof path);
    int n = snprintf(line, sizeof line, "%s\n", text);
    bool ok = n > 0 && (size_t)n < sizeof line &&
              yk_secret_file_write(path, line, (size_t)n, true, "sync") == 1;
    sodium_memzero(line, sizeof line);
    return ok;
}

static void load_secrets(struct yk_sync_client *c)
{
    char buf[96];
    if (load_line(c, YK_SYNC_TOKEN_FILE, 16, buf, sizeof buf) && strlen(buf) < sizeof c->token)
        memcpy(c->token, buf, strlen(buf) + 1); /* fits: checked just above */
    sodium_memzero(buf, sizeof buf);
    char path[600];
    secret_path(c, YK_SYNC_PHONE_KEY_FILE, path, sizeof path);
    c->have_phone_key = yk_secret_file_read(path, c->phone_key, sizeof c->phone_key, "sync") == 1;
}

static bool save_token(struct yk_sync_client *c, const char *token)
{
    if (!save_secret(c, YK_SYNC_TOKEN_FILE, token))
        return false;
    snprintf(c->token, sizeof c->token, "%s", token);
    return true;
}

/* The hub's phone key from an enrol or heartbeat answer (an older hub has none: nothing
 * changes). A key that is new here is stored, and the live sign-ups go up again with their
 * hash under it (yk_sync_mine_rehash). false only when it cannot be stored. */
static bool take_phone_key(struct yk_sync_client *c, struct yk_db *db, const struct yk_json *answer)
{
    const char *hex;
    uint8_t key[YK_SYNC_PHONE_KEY_LEN];
    if (!yk_json_get_str(answer, "phone_key", &hex) || !yk_sync_phone_key_parse(hex, key))
        return true;
    bool same = c->have_phone_key && sodium_memcmp(key, c->phone_key, sizeof key) == 0;
    char path[600];
    secret_path(c, YK_SYNC_PHONE_KEY_FILE, path, sizeof path);
    bool ok = same || yk_secret_file_write(path, key, sizeof key, true, "sync") == 1;
    if (ok && !same) {
        memcpy(c->phone_key, key, sizeof key);
        c->have_phone_key = true;
        int64_t now = c->round_utc > 0 ? c->round_utc : (int64_t)time(NULL);
        int n = db ? yk_sync_mine_rehash(db, now) : 0;
        ok = n >= 0;
        yk_info("sync", "the hub's phone key is new here: %d sign-ups go up again with it", n);
    }
    sodium_memzero(key, sizeof key);
    return ok;
}

/* HTTP --------------------------------------------------------------------------------------- */

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    struct yk_sync_body *b = user;
    size_t k = size * n;
    if (b->len + k > YK_SYNC_RESPONSE_MAX) {
        b->too_big = true;
        return 0; /* aborts the transfer */
    }
    if (!yk_grow((void **)&b->data, &b->cap, b->len + k + 1, 1))
        return 0;
    memcpy(b->data + b->len, p, k);
    b->len += k;
    b->data[b->len] = '\0';
    return k;
}

static int on_progress(void *user, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    atomic_bool *flag = user;
    return flag && atomic_load(flag) ? 1 : 0;
}

enum yk_sync_rc yk_sync_request(struct yk_sync_client *c, const char *path, const char *body,
                                size_t len, bool auth, struct yk_sync_body *out)
{
    memset(out, 0, sizeof *out);
    CURL *h = c->curl;
    curl_easy_reset(h);
    char url[1200], header[160];
    snprintf(url, sizeof url, "%s%s", c->base, path);
    struct curl_slist *hd = curl_slist_append(NULL, "Expect:");
    hd = curl_slist_append(hd, "Content-Type: application/json");
    if (auth) {
        snprintf(header, sizeof header, "Authorization: Bearer %s", c->token);
        hd = curl_slist_append(hd, header);
        sodium_memzero(header, sizeof header);
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->connect_timeout_s);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_s);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "yikong-kiosk");
    if (c->abort_flag) {
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, c->abort_flag);
    }
    if (body) {
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    c->requests++;
    CURLcode rc = curl_easy_perform(h);
    curl_slist_free_all(hd);
    c->last_status = 0;
    if (rc != CURLE_OK) {
        snprintf(c->last_error, sizeof c->last_error, "%s: %s", path,
                 out->too_big ? "answer too large" : curl_easy_strerror(rc));
        free(out->data);
        out->data = NULL;
        return out->too_big ? YK_SYNC_BUG : YK_SYNC_RETRY;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    c->last_status = status;
    if (!out->data) {
        out->data = calloc(1, 1);
        if (!out->data)
            return YK_SYNC_LOCAL;
    }
    if (status == 200)
        return YK_SYNC_OK;
    /* The refusal's code, for the log (the hub never puts secrets in it). */
    char code[48] = "";
    struct yk_json_doc doc;
    const char *e;
    if (yk_json_parse(&doc, out->data, out->len, NULL) && yk_json_get_str(doc.root, "error", &e))
        snprintf(code, sizeof code, "%s", e);
    yk_json_free(&doc);
    snprintf(c->last_error, sizeof c->last_error, "%s: HTTP %ld %s", path, status, code);
    if (status >= 500 || status == 429 || status == 408)
        return YK_SYNC_RETRY;
    if (status == 401)
        return YK_SYNC_NEED_ENROL;
    if (status == 403)
        return YK_SYNC_REFUSED;
    return YK_SYNC_BUG; /* 400, 404, 405, 409, 413 (the caller handles 413 first) ... */
}

/* POSTs the JSON w has built to path; w's buffer is taken, wiped (it may hold a setup code)
 * and freed, whatever happens. */
static enum yk_sync_rc post_json(struct yk_sync_client *c, const char *path, struct yk_jw *w,
                                 bool auth, struct yk_sync_body *out)
{
    size_t len;
    char *body = yk_jw_take(w, &len);
    if (!body) {
        memset(out, 0, sizeof *out);
        return YK_SYNC_LOCAL;
    }
    enum yk_sync_rc rc = yk_sync_request(c, path, body, len, auth, out);
    sodium_memzero(body, len);
    free(body);
    return rc;
}

/* Client ------------------------------------------------------------------------------------- */

bool yk_sync_client_init(struct yk_sync_client *c, const struct yk_sync_client_params *p)
{
    memset(c, 0, sizeof *c);
    pthread_once(&curl_once, curl_start);
    if (!curl_ok || sodium_init() < 0) {
        yk_error("sync", "libcurl or libsodium could not start");
        return false;
    }
    c->curl = curl_easy_init();
    if (!c->curl) {
        yk_error("sync", "curl_easy_init failed");
        return false;
    }
    snprintf(c->base, sizeof c->base, "%s", p->hub_url);
    size_t n = strlen(c->base);
    while (n > 0 && c->base[n - 1] == '/')
        c->base[--n] = '\0';
    snprintf(c->data_dir, sizeof c->data_dir, "%s", p->data_dir);
    snprintf(c->version, sizeof c->version, "%s", p->version ? p->version : "0");
    if (p->public_key) {
        memcpy(c->public_key, p->public_key, sizeof c->public_key);
        c->have_key = true;
    }
    c->connect_timeout_s = p->connect_timeout_s > 0 ? p->connect_timeout_s : 5;
    c->timeout_s = p->timeout_s > 0 ? p->timeout_s : 30;
    c->page_limit = p->page_limit > 0 ? p->page_limit : YK_SYNC_PAGE_LIMIT;
    c->batch_max = p->batch_max > 0 ? p->batch_max : YK_SYNC_BATCH_DEFAULT;
    c->seat_block = p->seat_block > 0 ? p->seat_block : 0;
    c->keys = p->keys;
    c->abort_flag = p->abort_flag;
    c->started_ms = mono_ms();
    load_secrets(c);
    return true;
}

void yk_sync_client_destroy(struct yk_sync_client *c)
{
    if (!c)
        return;
    if (c->curl)
        curl_easy_cleanup(c->curl);
    sodium_memzero(c->token, sizeof c->token);
    sodium_memzero(c->phone_key, sizeof c->phone_key);
    memset(c, 0, sizeof *c);
}

void yk_sync_publish_round(const struct yk_sync_client *c, struct yk_db *db, enum yk_sync_rc rc,
                           int64_t now_utc_s, int64_t last_ok_utc, int64_t next_utc)
{
    struct yk_sync_status s = {.configured = true};
    s.enrolled = yk_sync_enrolled(c);
    s.online = rc == YK_SYNC_OK || rc == YK_SYNC_BUG;
    s.stopped = rc == YK_SYNC_NEED_ENROL || rc == YK_SYNC_REFUSED;
    s.last_success_utc = last_ok_utc;
    s.last_attempt_utc = now_utc_s;
    s.next_attempt_utc = next_utc;
    yk_sync_counts(db, &s.waiting, &s.set_aside);
    snprintf(s.error_zh, sizeof s.error_zh, "%s", yk_sync_rc_text(rc, true));
    snprintf(s.error_en, sizeof s.error_en, "%s", yk_sync_rc_text(rc, false));
    yk_sync_status_publish(&s);
}

void yk_sync_publish_configured(const char *data_dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", data_dir, YK_SYNC_TOKEN_FILE);
    struct yk_sync_status s = {.configured = true, .enrolled = access(path, F_OK) == 0};
    yk_sync_status_publish(&s);
}

bool yk_sync_enrolled(const struct yk_sync_client *c)
{
    return c->token[0] != '\0';
}

enum yk_sync_rc yk_sync_enrol(struct yk_sync_client *c, struct yk_db *db, const char *setup_code)
{
    if (!c->have_key) {
        snprintf(c->last_error, sizeof c->last_error, "no ticket key: cannot enrol");
        return YK_SYNC_LOCAL;
    }
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, c->public_key, sizeof c->public_key);
    struct yk_jw w;
    yk_jw_init(&w, 4096);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "setup_code", setup_code);
    yk_jw_kstr(&w, "kiosk_id", yk_db_kiosk_id(db));
    yk_jw_kstr(&w, "public_key", hex);
    yk_jw_obj_end(&w);
    struct yk_sync_body ans;
    enum yk_sync_rc rc = post_json(c, "/api/v1/enrol", &w, false, &ans);
    if (rc == YK_SYNC_NEED_ENROL)
        rc = YK_SYNC_REFUSED;
    if (rc == YK_SYNC_BUG && c->last_status == 409)
        rc = YK_SYNC_REFUSED; /* key-conflict: an operator must look */
    if (rc == YK_SYNC_OK) {
        struct yk_json_doc doc;
        const char *token;
        if (yk_json_parse(&doc, ans.data, ans.len, NULL) &&
            yk_json_get_str(doc.root, "token", &token) && strlen(token) < sizeof c->token &&
            strlen(token) >= 16) {
            rc = save_token(c, token) && take_phone_key(c, db, doc.root) ? YK_SYNC_OK
                                                                         : YK_SYNC_LOCAL;
            if (rc == YK_SYNC_OK)
                yk_info("sync", "enrolled with the hub as kiosk %s", yk_db_kiosk_id(db));
        } else {
            rc = YK_SYNC_BUG;
        }
        yk_json_free(&doc);
    } else {
        yk_warn("sync", "enrolment failed: %s", c->last_error);
    }
    if (ans.data)
        sodium_memzero(ans.data, ans.len);
    free(ans.data);
    return rc;
}

enum yk_sync_rc yk_sync_push(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s,
                             struct yk_sync_push_result *out)
{
    int limit = c->batch_max;
    for (int guard = 0; guard < 100000; guard++) {
        struct yk_sync_batch b;
        if (!yk_sync_build_push(db, (size_t)limit, c->have_phone_key ? c->phone_key : NULL, &b))
            return YK_SYNC_LOCAL;
        if (b.count == 0)
            return YK_SYNC_OK;
        struct yk_sync_body ans;
        enum yk_sync_rc rc = yk_sync_request(c, "/api/v1/push", b.json, b.len, true, &ans);
        if (rc != YK_SYNC_OK && c->last_status == 413) {
            free(ans.data);
            size_t n = b.count;
            yk_sync_batch_free(&b);
            if (n <= 1) {
                yk_error("sync", "the hub refuses even a single record as too large");
                return YK_SYNC_BUG;
            }
            limit = (int)(n / 2);
            yk_info("sync", "batch too large for the hub: trying %d records", limit);
            continue;
        }
        if (rc != YK_SYNC_OK) {
            free(ans.data);
            yk_sync_batch_free(&b);
            return rc;
        }
        struct yk_sync_push_result r;
        bool ok = yk_sync_apply_push(db, &b, ans.data, ans.len, now_utc_s, &r);
        free(ans.data);
        size_t sent = b.count;
        yk_sync_batch_free(&b);
        if (!ok) {
            /* A 200 whose body is cut or wrong: nothing was marked; the next round pushes
             * the same records again and the hub answers "duplicate". */
            snprintf(c->last_error, sizeof c->last_error, "/api/v1/push: unusable answer");
            return YK_SYNC_BUG;
        }
        c->pushed += (long)sent;
        if (out) {
            out->accepted += r.accepted;
            out->duplicate += r.duplicate;
            out->rejected += r.rejected;
            out->decided += r.decided;
        }
        if (r.accepted + r.duplicate + r.rejected == 0)
            return YK_SYNC_BUG; /* nothing moved: do not loop */
    }
    return YK_SYNC_BUG;
}

static enum yk_sync_rc fetch_media(struct yk_sync_client *c, struct yk_db *db)
{
    int skip = 0;
    for (int guard = 0; guard < 100000; guard++) {
        char hash[65], mime[128], path[128];
        int f = yk_sync_media_next(db, skip, hash, mime, sizeof mime);
        if (f < 0)
            return YK_SYNC_LOCAL;
        if (f == 0)
            return YK_SYNC_OK;
        snprintf(path, sizeof path, "/api/v1/media/%s", hash);
        struct yk_sync_body ans;
        enum yk_sync_rc rc = yk_sync_request(c, path, NULL, 0, true, &ans);
        if (rc == YK_SYNC_OK) {
            if (!yk_sync_media_store(db, hash, mime, ans.data, ans.len))
                skip++; /* wrong bytes: asked again next round */
        } else if (rc == YK_SYNC_BUG) {
            skip++; /* 404: the hub lost it; asked again next round */
        } else {
            free(ans.data);
            return rc;
        }
        free(ans.data);
    }
    return YK_SYNC_OK;
}

enum yk_sync_rc yk_sync_pull(struct yk_sync_client *c, struct yk_db *db, long *rows)
{
    long total = 0;
    for (int guard = 0; guard < 1000000; guard++) {
        char path[128], err[256];
        snprintf(path, sizeof path, "/api/v1/changes?since=%lld&limit=%d",
                 (long long)yk_sync_cursor(db), c->page_limit);
        struct yk_sync_body ans;
        enum yk_sync_rc rc = yk_sync_request(c, path, NULL, 0, true, &ans);
        if (rc != YK_SYNC_OK) {
            free(ans.data);
            return rc;
        }
        struct yk_sync_page_result pr;
        bool ok = yk_sync_apply_page(db, ans.data, ans.len, &pr, err, sizeof err);
        free(ans.data);
        if (!ok) {
            yk_error("sync", "a changes page could not be applied (nothing of it was): %s", err);
            snprintf(c->last_error, sizeof c->last_error, "page: %.140s", err);
            return YK_SYNC_BUG;
        }
        c->pages++;
        c->pulled_rows += pr.applied + pr.stale;
        total += pr.applied;
        if (!pr.more)
            break;
    }
    if (rows)
        *rows = total;
    return fetch_media(c, db);
}

enum yk_sync_rc yk_sync_heartbeat(struct yk_sync_client *c, struct yk_db *db, int64_t last_sync_utc)
{
    int waiting = -1, aside = -1;
    if (db && !yk_sync_counts(db, &waiting, &aside))
        waiting = aside = -1;
    struct statvfs vfs;
    long long free_bytes = -1;
    if (statvfs(c->data_dir, &vfs) == 0)
        free_bytes = (long long)vfs.f_bavail * (long long)vfs.f_frsize;
    struct yk_jw w;
    yk_jw_init(&w, 4096);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "version", c->version);
    yk_jw_kint(&w, "uptime_s", (mono_ms() - c->started_ms) / 1000);
    if (last_sync_utc > 0)
        yk_jw_kint(&w, "last_sync_utc", last_sync_utc);
    if (free_bytes >= 0)
        yk_jw_kint(&w, "free_disk_bytes", free_bytes);
    if (waiting >= 0 && aside >= 0) {
        /* The queue as this round leaves it: the hub's kiosk list shows it. */
        yk_jw_kint(&w, "records_waiting", waiting);
        yk_jw_kint(&w, "records_set_aside", aside);
    }
    yk_jw_obj_end(&w);
    struct yk_sync_body ans;
    enum yk_sync_rc rc = post_json(c, "/api/v1/heartbeat", &w, true, &ans);
    struct yk_json_doc doc;
    if (rc == YK_SYNC_OK && db && ans.data) {
        /* Whether the hub keeps full numbers for its call lists (an older hub: it does not). */
        int64_t days = 0;
        bool parsed = yk_json_parse(&doc, ans.data, ans.len, NULL);
        if (!parsed || !yk_json_get_int(doc.root, "phone_days", &days) || days < 0 || days > 3650)
            days = 0;
        if (parsed && !take_phone_key(c, db, doc.root))
            rc = YK_SYNC_LOCAL;
        yk_json_free(&doc);
        char v[16];
        snprintf(v, sizeof v, "%d", (int)days);
        if (rc == YK_SYNC_OK && !yk_db_meta_set(db, YK_SYNC_META_HUB_PHONE_DAYS, v))
            rc = YK_SYNC_LOCAL;
    }
    free(ans.data);
    return rc;
}

#define SEAT_ASKS_MAX 64

enum yk_sync_rc yk_sync_seats(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s)
{
    if (c->seat_block <= 0)
        return YK_SYNC_OK;
    struct yk_sync_seat_ask asks[SEAT_ASKS_MAX];
    int n = yk_sync_seat_plan(db, now_utc_s, c->seat_block, asks, SEAT_ASKS_MAX);
    if (n < 0)
        return YK_SYNC_LOCAL;
    for (int i = 0; i < n; i++) {
        struct yk_jw w;
        yk_jw_init(&w, 4096);
        yk_jw_obj_begin(&w);
        yk_jw_kstr(&w, "event_id", asks[i].event_id);
        yk_jw_kint(&w, "seats", asks[i].want);
        yk_jw_obj_end(&w);
        struct yk_sync_body ans;
        enum yk_sync_rc rc = post_json(c, "/api/v1/seats", &w, true, &ans);
        if (rc == YK_SYNC_BUG && (c->last_status == 404 || c->last_status == 409)) {
            /* Deleted on the hub, or no sign-up any more: the next pull says so. */
            yk_info("sync", "seats for %s: %s; skipped", asks[i].event_id, c->last_error);
            free(ans.data);
            continue;
        }
        if (rc != YK_SYNC_OK) {
            free(ans.data);
            return rc;
        }
        int64_t held;
        int applied = yk_sync_apply_seats_answer(db, asks[i].event_id, ans.data, ans.len, &held);
        free(ans.data);
        if (applied == 0) {
            snprintf(c->last_error, sizeof c->last_error, "/api/v1/seats: unusable answer");
            return YK_SYNC_BUG;
        }
        if (applied < 0)
            return YK_SYNC_LOCAL;
        yk_info("sync", "seats for %s: asked %d (held %d, used %d), the hub holds %lld",
                asks[i].event_id, asks[i].want, asks[i].held, asks[i].used, (long long)held);
    }
    return YK_SYNC_OK;
}

enum yk_sync_rc yk_sync_round(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s,
                              const char *setup_code, bool heartbeat)
{
    enum yk_sync_rc rc = YK_SYNC_OK;
    c->round_utc = now_utc_s;
    if (!yk_sync_enrolled(c)) {
        if (!setup_code || !setup_code[0]) {
            snprintf(c->last_error, sizeof c->last_error, "not enrolled and no setup code");
            return YK_SYNC_NEED_ENROL;
        }
        rc = yk_sync_enrol(c, db, setup_code);
        if (rc != YK_SYNC_OK)
            return rc;
    }
    rc = yk_sync_push(c, db, now_utc_s, NULL);
    if (rc == YK_SYNC_OK)
        rc = yk_sync_pull(c, db, NULL);
    /* After the pull: the events as the hub has them now (new ones, deadlines); the answer
     * is stored at once (the allotment change also comes with the next pull). */
    if (rc == YK_SYNC_OK)
        rc = yk_sync_seats(c, db, now_utc_s);
    if (rc == YK_SYNC_OK && c->keys) {
        /* Sign-ups the hub confirmed (decisions in the push answers or the pull) get their
         * ticket here, and the hub gets it at once. */
        int issued = yk_signup_issue_missing_tickets(db, c->keys, now_utc_s * 1000);
        if (issued < 0)
            rc = YK_SYNC_LOCAL;
        else if (issued > 0)
            rc = yk_sync_push(c, db, now_utc_s, NULL);
    }
    if (rc == YK_SYNC_OK) {
        char buf[24];
        snprintf(buf, sizeof buf, "%lld", (long long)now_utc_s);
        if (!yk_db_meta_set(db, "sync.last_success_utc", buf))
            rc = YK_SYNC_LOCAL;
    }
    if (rc == YK_SYNC_OK && heartbeat)
        rc = yk_sync_heartbeat(c, db, now_utc_s);
    if (rc != YK_SYNC_OK)
        yk_warn("sync", "round failed (%s): %s", yk_sync_rc_name(rc), c->last_error);
    return rc;
}

enum yk_sync_rc yk_sync_confirm_online(struct yk_sync_client *c, struct yk_db *db,
                                       const char *signup_id, bool waitlist_ok, int64_t now_utc_s,
                                       char status[12])
{
    status[0] = '\0';
    if (!yk_sync_enrolled(c))
        return YK_SYNC_NEED_ENROL;
    size_t len;
    char *body = yk_sync_signup_request(db, signup_id, waitlist_ok, &len);
    if (!body)
        return YK_SYNC_LOCAL;
    struct yk_sync_body ans;
    enum yk_sync_rc rc = yk_sync_request(c, "/api/v1/signup", body, len, true, &ans);
    free(body);
    if (rc == YK_SYNC_OK && !yk_sync_apply_signup_answer(db, signup_id, ans.data, ans.len, status))
        rc = YK_SYNC_BUG;
    free(ans.data);
    /* The person is at the screen: the ticket now (the screen does the same if it gets there
     * first; only one of them signs). It goes up with the next push. */
    if (rc == YK_SYNC_OK && c->keys && strcmp(status, "confirmed") == 0 &&
        yk_signup_issue_ticket(db, c->keys, signup_id, now_utc_s * 1000, NULL) < 0)
        yk_warn("sync", "sign-up %s is confirmed; its ticket is signed later", signup_id);
    return rc;
}
