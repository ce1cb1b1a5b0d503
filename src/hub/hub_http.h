#ifndef YK_HUB_HTTP_H
#define YK_HUB_HTTP_H

#include "hub/hub_store.h"

#include <stdbool.h>

/* The HTTP server (libmicrohttpd): reads each request (body capped at YK_HUB_MAX_BODY),
 * hands it to yk_hub_handle (hub_api.h) and sends the answer. A pool of threads, each polling
 * many connections with epoll; a connection idle for 30 s is closed. Plain HTTP: TLS is the
 * job of a reverse proxy in front (src/hub/README.md). */

struct yk_hub_server_params {
    struct yk_hub_store *store; /* borrowed: must outlive the server */
    const char *listen;         /* IPv4 address to bind, e.g. "127.0.0.1" or "0.0.0.0" */
    int port;                   /* 0: the system picks one (yk_hub_server_port tells) */
    unsigned threads;           /* worker threads (0: 4) */
    unsigned max_connections;   /* (0: 2048) */
    bool tls_proxy;             /* behind a TLS proxy: the admin's cookies get Secure */
};

struct yk_hub_server;

/* Starts listening and serving in the background. NULL on failure (logged). */
struct yk_hub_server *yk_hub_server_start(const struct yk_hub_server_params *p);

/* The port it listens on. */
int yk_hub_server_port(const struct yk_hub_server *s);

/* Stops serving (open connections are closed) and frees the server. NULL-safe. */
void yk_hub_server_stop(struct yk_hub_server *s);

#endif
