#ifndef YK_HUB_HTTP_H
#define YK_HUB_HTTP_H

#include "hub/hub_store.h"

#include <stdbool.h>

/* The HTTP server (libmicrohttpd): reads each request (body capped at YK_HUB_MAX_BODY, a
 * chunked body cut off at the cap), hands it to yk_hub_handle (hub_api.h) and sends the
 * answer with the security headers of hub_page.h. A pool of threads, each polling many
 * connections with epoll. Written as if attacked: at most max_per_ip connections per client
 * address; a connection idle for 30 s is closed, and so is one whose request (headers and
 * body) has not wholly arrived request_deadline_s after it began, however slowly it trickles;
 * two Content-Length headers are refused (400); failed ticket look-ups and enrolments count
 * per address, with a growing wait (429 + Retry-After, hub_limit.h), logged without the code.
 * Plain HTTP: TLS is the job of a reverse proxy in front (src/hub/README.md). */

struct yk_hub_server_params {
    struct yk_hub_store *store;  /* borrowed: must outlive the server */
    const char *listen;          /* IPv4 address to bind, e.g. "127.0.0.1" or "0.0.0.0" */
    int port;                    /* 0: the system picks one (yk_hub_server_port tells) */
    unsigned threads;            /* worker threads (0: 4) */
    unsigned max_connections;    /* (0: 2048) */
    unsigned max_per_ip;         /* connections from one address (0: 64) */
    unsigned request_deadline_s; /* a request's whole time to arrive (0: 30) */
    bool behind_proxy; /* guessing limits count per X-Real-IP of a loopback peer (nginx) */
    bool tls_proxy;    /* reached through TLS (nginx): the admin's cookies get Secure */
};

struct yk_hub_server;

/* Starts listening and serving in the background. NULL on failure (logged). */
struct yk_hub_server *yk_hub_server_start(const struct yk_hub_server_params *p);

/* The port it listens on. */
int yk_hub_server_port(const struct yk_hub_server *s);

/* Stops serving (open connections are closed) and frees the server. NULL-safe. */
void yk_hub_server_stop(struct yk_hub_server *s);

#endif
