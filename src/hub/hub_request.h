#ifndef YK_HUB_REQUEST_H
#define YK_HUB_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One request to the hub and its answer, apart from HTTP: hub_http.c fills the request from
 * libmicrohttpd and sends the response; the API (hub_api.h), the web admin (admin.h) and the
 * public pages answer it. Its own header so that those answerers need not include each
 * other. */

struct yk_hub_request {
    const char *method;        /* "GET", "POST", ... */
    const char *path;          /* without the query */
    const char *authorization; /* the Authorization header, NULL if absent */
    const char *q_since;       /* query parameters, NULL if absent */
    const char *q_limit;
    const char *body; /* need not be NUL-terminated */
    size_t body_len;
    bool body_too_large; /* the server stopped reading at YK_HUB_MAX_BODY */
    /* For the web admin (src/hub/admin.h); NULL when absent. */
    const char *cookie;       /* the Cookie header */
    const char *content_type; /* the Content-Type header */
    const char *client_addr;  /* the client's address as text (the sign-in guard) */
    const char *(*query)(void *ctx, const char *key); /* a query parameter, or NULL */
    void *query_ctx;
    bool tls; /* reached through TLS (serve --tls-proxy): cookies get Secure */
};

struct yk_hub_response {
    int status;
    const char *content_type; /* static string */
    char *body;               /* owned: yk_hub_response_free */
    size_t len;
    const char *cache_control; /* static string or NULL */
    int64_t retry_after_s;     /* > 0: sent as Retry-After (429) */
    char *headers; /* owned: more header lines, "Name: value\r\n" each (the admin's cookies,
                    * redirects, downloads), or NULL */
};

/* Frees the body and the extra headers. NULL-safe. */
void yk_hub_response_free(struct yk_hub_response *rs);

#endif
