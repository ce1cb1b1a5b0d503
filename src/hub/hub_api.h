#ifndef YK_HUB_API_H
#define YK_HUB_API_H

#include "core/json.h"
#include "hub/hub_request.h"
#include "hub/hub_store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The hub's HTTP API, apart from HTTP itself: a parsed request in, a response out. The
 * server (hub_http.c) fills the request from libmicrohttpd; tests and the fuzzer can call
 * these directly. The protocol is documented in src/hub/README.md. */

#define YK_HUB_MAX_BODY (4u << 20) /* request body cap (413 above) */
#define YK_HUB_MAX_BATCH 1000      /* records in one push (413 above) */
#define YK_HUB_MAX_FIELD 1024      /* bytes in one string field of a record */
#define YK_HUB_PAGE_DEFAULT 500    /* changes per page when limit is not given */
#define YK_HUB_PAGE_MAX 1000       /* larger limits are cut to this */
#define YK_HUB_SEATS_MAX 100000    /* seats one kiosk may ask to hold for an event */

/* Fills rs with the refusal {"error": code, "message": msg} and status: every refusal of the
 * hub has this shape. */
void yk_hub_error(struct yk_hub_response *rs, int status, const char *code, const char *msg);

/* Answers one request against store at time now (unix seconds). Always fills rs (at worst a
 * 500 with a JSON error); free it with yk_hub_response_free. Thread-safe. */
void yk_hub_handle(struct yk_hub_store *store, const struct yk_hub_request *rq, int64_t now,
                   struct yk_hub_response *rs);

/* A parsed push body: records[i] is well-formed when bad[i] is NULL, else bad[i] says why
 * the item is refused (it is answered "rejected" and never reaches the store). Strings in
 * records point into doc. */
struct yk_hub_push_body {
    struct yk_json_doc doc;
    struct yk_hub_record *records;
    const char **bad;
    const char **types; /* the item's "type" as sent, for the answer; NULL if not a string */
    size_t n;
};

/* Parses a push body ({"records": [...]}). Returns 0 on success, else the HTTP status to
 * answer (400 malformed, 413 too many records) with err filled. b needs no initialisation;
 * free it with yk_hub_push_body_free in every case. Pure: no store, no network (fuzzed). */
int yk_hub_parse_push(const char *body, size_t len, struct yk_hub_push_body *b, char *err,
                      size_t errn);

/* Frees what yk_hub_parse_push made. NULL-safe. */
void yk_hub_push_body_free(struct yk_hub_push_body *b);

/* True when s is exactly 64 lowercase hex digits (a SHA-256 or HMAC-SHA-256 as the protocol
 * writes them: media names, phone hashes). */
bool yk_hub_hex64(const char *s);

/* Parses one record object of type kind (the fields of its kind; src/hub/README.md) into
 * *r: NULL when well-formed, else the reason it is not. Strings point into the document. */
const char *yk_hub_parse_record(const struct yk_json *o, enum yk_hub_kind kind,
                                struct yk_hub_record *r);

#endif
