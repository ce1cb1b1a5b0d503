/* 我的报名 across kiosks, the transport: the look-up and the cancel at the hub
 * (POST /api/v1/mine, /api/v1/mine/cancel), and serving the one request a screen handed over
 * (core/sync_mine.h). The number never leaves the kiosk: only its keyed hash does. */
#include "app/sync_http.h"
#include "app/sync_http_internal.h"

#include "core/log.h"
#include "core/sync_mine.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* POSTs the body for phone (and signup_id) to path; *out is the answer. */
static enum yk_sync_rc ask(struct yk_sync_client *c, const char *path, const char *phone,
                           const char *signup_id, struct yk_sync_body *out)
{
    memset(out, 0, sizeof *out);
    if (!yk_sync_enrolled(c))
        return YK_SYNC_NEED_ENROL;
    char hash[YK_SYNC_PHONE_HASH_HEX + 1];
    if (!c->have_phone_key) {
        /* An older hub, or no heartbeat answered yet: nothing to ask with. */
        snprintf(c->last_error, sizeof c->last_error, "%s: the hub gave no phone key yet", path);
        return YK_SYNC_RETRY;
    }
    if (!yk_sync_phone_hash(c->phone_key, phone, hash))
        return YK_SYNC_LOCAL;
    size_t len;
    char *body = yk_sync_mine_body(hash, signup_id, &len);
    sodium_memzero(hash, sizeof hash);
    if (!body)
        return YK_SYNC_LOCAL;
    enum yk_sync_rc rc = yk_sync_request(c, path, body, len, true, out);
    sodium_memzero(body, len);
    free(body);
    return rc;
}

enum yk_sync_rc yk_sync_mine_lookup(struct yk_sync_client *c, struct yk_db *db, const char *phone,
                                    struct yk_signup_mine *out, int max, int *n)
{
    *n = 0;
    struct yk_sync_body ans;
    enum yk_sync_rc rc = ask(c, "/api/v1/mine", phone, NULL, &ans);
    if (rc == YK_SYNC_OK) {
        int got = yk_sync_mine_parse(ans.data, ans.len, phone, yk_db_kiosk_id(db), out, max);
        if (got < 0) {
            snprintf(c->last_error, sizeof c->last_error, "/api/v1/mine: unusable answer");
            rc = YK_SYNC_BUG;
        } else {
            *n = got;
        }
    }
    if (ans.data)
        sodium_memzero(ans.data, ans.len); /* names and ticket codes */
    free(ans.data);
    return rc;
}

enum yk_sync_rc yk_sync_mine_cancel_remote(struct yk_sync_client *c, const char *phone,
                                           const char *signup_id, enum yk_mine_rc *result)
{
    *result = YK_MINE_ERROR;
    struct yk_sync_body ans;
    enum yk_sync_rc rc = ask(c, "/api/v1/mine/cancel", phone, signup_id, &ans);
    if (rc == YK_SYNC_OK && !yk_sync_mine_cancel_parse(ans.data, ans.len, result)) {
        snprintf(c->last_error, sizeof c->last_error, "/api/v1/mine/cancel: unusable answer");
        rc = YK_SYNC_BUG;
    }
    free(ans.data);
    if (rc == YK_SYNC_OK)
        yk_info("sync", "the hub's answer to cancelling sign-up %s: %s", signup_id,
                yk_mine_rc_name(*result));
    return rc;
}

bool yk_sync_serve_mine(struct yk_sync_client *c, struct yk_db *db)
{
    unsigned n_ask;
    char phone[YK_PHONE_MAX + 1], cancel_id[YK_ID_LEN + 1];
    if (!yk_sync_take_mine_request(&n_ask, phone, cancel_id))
        return false;
    struct yk_signup_mine found[YK_SIGNUP_MINE_MAX];
    int n = 0;
    enum yk_mine_rc result = YK_MINE_OK;
    enum yk_sync_rc rc = cancel_id[0]
                             ? yk_sync_mine_cancel_remote(c, phone, cancel_id, &result)
                             : yk_sync_mine_lookup(c, db, phone, found, YK_SIGNUP_MINE_MAX, &n);
    sodium_memzero(phone, sizeof phone);
    if (rc != YK_SYNC_OK)
        yk_warn("sync", "%s at the hub failed (%s): %s", cancel_id[0] ? "a cancel" : "a look-up",
                yk_sync_rc_name(rc), c->last_error);
    yk_sync_mine_done(n_ask, rc == YK_SYNC_OK, found, n, result);
    sodium_memzero(found, sizeof found);
    return true;
}
