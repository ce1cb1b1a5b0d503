#ifndef YK_HUB_API_INTERNAL_H
#define YK_HUB_API_INTERNAL_H

/* Shared by the API's files only (hub_api.c: routing, records and most endpoints;
 * hub_api_mine.c: a person's sign-ups at any kiosk). No HTTP, no SQL. */

#include "core/json.h"
#include "hub/hub_request.h"
#include "hub/hub_store.h"

/* Parses a body that must be one JSON object into doc (free it with yk_json_free in every
 * case): 0, or the status answered in rs (400 bad-json). */
int yk_hub_parse_object(const struct yk_hub_request *rq, struct yk_json_doc *doc,
                        struct yk_hub_response *rs);

/* Answers 200 with what w holds (taken), or 500 when it could not be written. */
void yk_hub_finish_json(struct yk_hub_response *rs, struct yk_jw *w);

/* POST /api/v1/mine and POST /api/v1/mine/cancel for the authenticated kiosk (hub_api_mine.c;
 * src/hub/README.md, "A person's sign-ups at any kiosk"). */
void yk_hub_do_mine(struct yk_hub_store *store, const char *kiosk, const struct yk_hub_request *rq,
                    int64_t now, struct yk_hub_response *rs);
void yk_hub_do_mine_cancel(struct yk_hub_store *store, const char *kiosk,
                           const struct yk_hub_request *rq, int64_t now,
                           struct yk_hub_response *rs);

#endif
