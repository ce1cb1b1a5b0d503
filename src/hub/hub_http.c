#include "hub/hub_http.h"

#include "core/log.h"
#include "hub/hub_api.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct yk_hub_server {
    struct MHD_Daemon *daemon;
    struct yk_hub_store *store;
    int port;
    bool tls_proxy;
};

static const char *query_arg(void *ctx, const char *key)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

/* The peer's address as text (IPv4 only: the server binds IPv4). */
static void peer_addr(struct MHD_Connection *c, char out[INET_ADDRSTRLEN])
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    out[0] = '\0';
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
                  INET_ADDRSTRLEN);
}

/* What is kept per request while its body arrives. */
struct upload {
    char *buf;
    size_t len, cap;
    bool too_large;
};

static enum MHD_Result send_response(struct MHD_Connection *c, struct yk_hub_response *rs, bool head)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        head ? 0 : rs->len, head ? (void *)"" : rs->body ? rs->body : (void *)"",
        MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type
                                                                : "text/plain");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* More headers (the admin's cookies, redirects, security headers): "Name: value\r\n". */
    for (char *h = rs->headers, *eol; h && *h; h = eol + 2) {
        eol = strstr(h, "\r\n");
        char *colon = strchr(h, ':');
        if (!eol || !colon || colon > eol)
            break;
        *colon = *eol = '\0';
        MHD_add_response_header(r, h, colon + 2);
        *colon = ':';
        *eol = '\r';
    }
    if (rs->cache_control)
        MHD_add_response_header(r, "Cache-Control", rs->cache_control);
    else
        MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

static bool append(struct upload *u, const char *data, size_t n)
{
    if (u->too_large || u->len + n > YK_HUB_MAX_BODY) {
        u->too_large = true;
        return false;
    }
    if (u->len + n > u->cap) {
        size_t cap = u->cap ? u->cap : 4096;
        while (cap < u->len + n)
            cap *= 2;
        if (cap > YK_HUB_MAX_BODY)
            cap = YK_HUB_MAX_BODY;
        char *b = realloc(u->buf, cap);
        if (!b) {
            u->too_large = true;
            return false;
        }
        u->buf = b;
        u->cap = cap;
    }
    memcpy(u->buf + u->len, data, n);
    u->len += n;
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
    struct yk_hub_server *s = cls;
    struct upload *u = *con_cls;
    if (!u) {
        u = calloc(1, sizeof *u);
        if (!u)
            return MHD_NO;
        *con_cls = u;
        /* Refuse a declared oversize body before reading it. */
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > YK_HUB_MAX_BODY) {
            struct yk_hub_request rq = {.method = method, .path = url, .body_too_large = true};
            struct yk_hub_response rs;
            yk_hub_handle(s->store, &rq, (int64_t)time(NULL), &rs);
            enum MHD_Result r = send_response(c, &rs, false);
            yk_hub_response_free(&rs);
            return r;
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        append(u, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    char addr[INET_ADDRSTRLEN];
    peer_addr(c, addr);
    struct yk_hub_request rq = {
        .method = method,
        .path = url,
        .authorization = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization"),
        .q_since = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "since"),
        .q_limit = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit"),
        .body = u->buf,
        .body_len = u->len,
        .body_too_large = u->too_large,
        .cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Cookie"),
        .content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
        .client_addr = addr,
        .query = query_arg,
        .query_ctx = c,
        .tls = s->tls_proxy,
    };
    struct yk_hub_response rs;
    yk_hub_handle(s->store, &rq, (int64_t)time(NULL), &rs);
    enum MHD_Result r = send_response(c, &rs, strcmp(method, "HEAD") == 0);
    yk_hub_response_free(&rs);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct upload *u = *con_cls;
    if (u) {
        free(u->buf);
        free(u);
        *con_cls = NULL;
    }
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[256];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    if (n && msg[n - 1] == '\n')
        msg[n - 1] = '\0';
    yk_warn("hub-http", "%s", msg);
}

struct yk_hub_server *yk_hub_server_start(const struct yk_hub_server_params *p)
{
    struct yk_hub_server *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->store = p->store;
    s->tls_proxy = p->tls_proxy;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p->port)};
    if (inet_pton(AF_INET, p->listen ? p->listen : "127.0.0.1", &addr.sin_addr) != 1) {
        yk_error("hub-http", "--listen must be an IPv4 address");
        free(s);
        return NULL;
    }
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)p->port,
        NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(p->threads ? p->threads : 4),
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)(p->max_connections ? p->max_connections : 2048),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(64 * 1024), MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    if (!s->daemon) {
        yk_error("hub-http", "could not listen on %s:%d", p->listen ? p->listen : "127.0.0.1",
                 p->port);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : p->port;
    return s;
}

int yk_hub_server_port(const struct yk_hub_server *s)
{
    return s->port;
}

void yk_hub_server_stop(struct yk_hub_server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->daemon);
    free(s);
}
