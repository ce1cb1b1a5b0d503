/* A person's sign-ups at any kiosk (src/hub/README.md, "A person's sign-ups at any kiosk"):
 * POST /api/v1/mine lists the live sign-ups of a phone hash, POST /api/v1/mine/cancel cancels
 * one of them for the person. Requests of a kiosk that find nothing are guesses and meet a
 * growing wait (hub_store_mine.h). No HTTP, no SQL: routed by yk_hub_handle (hub_api.c). */
#include "core/ids.h"
#include "hub/hub_api.h"
#include "hub/hub_api_internal.h"
#include "hub/hub_store_mine.h"

#include <stdio.h>
#include <string.h>

/* 429 too-many while kiosk must wait after its misses; false when it may ask. */
static bool must_wait(struct yk_hub_store *store, const char *kiosk, int64_t now,
                      struct yk_hub_response *rs)
{
    int64_t wait = yk_hub_mine_wait(store, kiosk, now * 1000);
    if (wait <= 0)
        return false;
    char msg[320];
    snprintf(msg, sizeof msg,
             "查询没有结果的次数太多，请 %lld 秒后再试。 / Too many look-ups found nothing; "
             "try again in %lld s.",
             (long long)wait, (long long)wait);
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "error", "too-many");
    yk_jw_kstr(&w, "message", msg);
    yk_jw_kint(&w, "retry_after_s", wait);
    yk_jw_obj_end(&w);
    yk_hub_finish_json(rs, &w);
    if (rs->status == 200)
        rs->status = 429;
    rs->retry_after_s = wait;
    return true;
}

/* The body's phone_hash (and signup_id when id is not NULL), parsed into doc (the caller frees
 * it); false with 400 answered when either is missing or malformed. */
static bool parse_body(const struct yk_hub_request *rq, struct yk_json_doc *doc, const char **hash,
                       const char **id, struct yk_hub_response *rs)
{
    if (yk_hub_parse_object(rq, doc, rs))
        return false;
    *hash = NULL;
    bool ok = yk_json_get_str(doc->root, "phone_hash", hash) && yk_hub_hex64(*hash);
    if (ok && id)
        ok = yk_json_get_str(doc->root, "signup_id", id) && yk_id_valid(*id);
    if (!ok)
        yk_hub_error(rs, 400, "bad-request",
                     id ? "phone_hash (64 lowercase hex) and signup_id (a 26-character id) "
                          "are needed"
                        : "phone_hash (64 lowercase hex) is needed");
    return ok;
}

static void write_one(void *ctx, const struct yk_hub_mine *m)
{
    struct yk_jw *w = ctx;
    yk_jw_obj_begin(w);
    yk_jw_kstr(w, "id", m->id);
    yk_jw_kstr(w, "event_id", m->event_id);
    yk_jw_kstr(w, "kiosk_id", m->kiosk_id);
    yk_jw_kstr(w, "status", m->status);
    yk_jw_kint(w, "party_size", m->party_size);
    yk_jw_kstr(w, "surname", m->surname);
    yk_jw_kstr(w, "title", m->title);
    yk_jw_kstr(w, "phone_last4", m->phone_last4);
    yk_jw_kstr(w, "ticket_code", m->ticket_code);
    yk_jw_kstr(w, "short_code", m->short_code);
    yk_jw_kint(w, "created_utc", m->created_utc);
    yk_jw_kint(w, "starts_utc", m->starts_utc);
    yk_jw_kint(w, "ends_utc", m->ends_utc);
    yk_jw_kstr(w, "can_cancel", yk_mine_rc_name(m->can_cancel));
    yk_jw_obj_end(w);
}

void yk_hub_do_mine(struct yk_hub_store *store, const char *kiosk, const struct yk_hub_request *rq,
                    int64_t now, struct yk_hub_response *rs)
{
    if (must_wait(store, kiosk, now, rs))
        return;
    struct yk_json_doc doc;
    const char *hash;
    if (!parse_body(rq, &doc, &hash, NULL, rs)) {
        yk_json_free(&doc);
        return;
    }
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_key(&w, "signups");
    yk_jw_arr_begin(&w);
    int n = yk_hub_mine_list(store, hash, now, write_one, &w);
    yk_json_free(&doc);
    if (n < 0) {
        yk_jw_destroy(&w);
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        return;
    }
    if (n == 0)
        yk_hub_mine_miss(store, kiosk, now * 1000);
    yk_jw_arr_end(&w);
    yk_jw_obj_end(&w);
    yk_hub_finish_json(rs, &w);
}

void yk_hub_do_mine_cancel(struct yk_hub_store *store, const char *kiosk,
                           const struct yk_hub_request *rq, int64_t now, struct yk_hub_response *rs)
{
    if (must_wait(store, kiosk, now, rs))
        return;
    struct yk_json_doc doc;
    const char *hash, *id;
    if (!parse_body(rq, &doc, &hash, &id, rs)) {
        yk_json_free(&doc);
        return;
    }
    enum yk_mine_rc rc = yk_hub_mine_cancel(store, kiosk, hash, id, now);
    yk_json_free(&doc);
    if (rc == YK_MINE_ERROR) {
        yk_hub_error(rs, 503, "unavailable", "the hub's database failed; retry later");
        return;
    }
    if (rc == YK_MINE_NOT_FOUND)
        yk_hub_mine_miss(store, kiosk, now * 1000);
    struct yk_jw w;
    yk_jw_init(&w, 0);
    yk_jw_obj_begin(&w);
    yk_jw_kstr(&w, "result", yk_mine_rc_name(rc));
    yk_jw_obj_end(&w);
    yk_hub_finish_json(rs, &w);
}
