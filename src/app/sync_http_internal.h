#ifndef YK_SYNC_HTTP_INTERNAL_H
#define YK_SYNC_HTTP_INTERNAL_H

/* Private to the kiosk's HTTP client (sync_http.c and sync_mine_http.c). */

#include "app/sync_http.h"

#include <stdbool.h>
#include <stddef.h>

/* An answer's bytes (NUL-terminated; the caller frees data). */
struct yk_sync_body {
    char *data;
    size_t len, cap;
    bool too_big;
};

/* One request to the hub at path (body NULL: GET; else a POST of len bytes of JSON), with the
 * device token when auth. Fills *out and c->last_status; maps the answer's status to
 * yk_sync_rc (200 OK; 5xx/429/408 and no answer RETRY; 401 NEED_ENROL; 403 REFUSED; others
 * BUG) and writes c->last_error on failure. */
enum yk_sync_rc yk_sync_request(struct yk_sync_client *c, const char *path, const char *body,
                                size_t len, bool auth, struct yk_sync_body *out);

#endif
