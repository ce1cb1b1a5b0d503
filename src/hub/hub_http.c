#include "hub/hub_http.h"

#include "core/log.h"
#include "hub/hub_api.h"
#include "hub/hub_limit.h"
#include "hub/hub_page.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#define NO_DEADLINE INT64_MAX

/* One open connection, for the request deadline: the watchdog shuts down a connection whose
 * request (headers and body) has not fully arrived by deadline_ms. */
struct conn {
    int fd;
    int64_t deadline_ms; /* NO_DEADLINE while a request is being answered */
    struct conn *prev, *next;
};

struct yk_hub_server {
    struct MHD_Daemon *daemon;
    struct yk_hub_store *store;
    struct yk_hub_limit *limit;
    int port;
    int64_t deadline_ms;  /* a request's whole time to arrive */
    bool behind_proxy;    /* a loopback peer's X-Real-IP names the client */
    bool tls_proxy;       /* reached through TLS: the admin's cookies get Secure */
    pthread_mutex_t lock; /* conns, stopping */
    pthread_cond_t wake;
    struct conn *conns;
    bool stopping, watchdog_started;
    pthread_t watchdog;
};

/* What is kept per request while its body arrives. */
struct upload {
    char *buf;
    size_t len, cap;
    bool too_large;
    bool answered; /* a refusal was queued before the body was read */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct yk_hub_response *rs,
                                     bool head)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(head ? 0 : rs->len,
                                                             head       ? (void *)""
                                                             : rs->body ? rs->body
                                                                        : (void *)"",
                                                             MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", rs->content_type ? rs->content_type : "text/plain");
    /* The one list of protective headers, on every answer (hub_page.h). */
    for (const struct yk_hub_header *h = yk_hub_security_headers; h->name; h++)
        MHD_add_response_header(r, h->name, h->value);
    /* The answer's own headers (the admin's cookies, redirects, downloads): "Name: value\r\n". */
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
    if (rs->retry_after_s > 0) {
        char v[24];
        snprintf(v, sizeof v, "%lld", (long long)rs->retry_after_s);
        MHD_add_response_header(r, "Retry-After", v);
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* Answers a refusal made here (not by yk_hub_handle). */
static enum MHD_Result refuse(struct MHD_Connection *c, int status, const char *code,
                              const char *msg, int64_t retry_after_s)
{
    struct yk_hub_response rs;
    memset(&rs, 0, sizeof rs);
    yk_hub_error(&rs, status, code, msg);
    rs.retry_after_s = retry_after_s;
    enum MHD_Result r = send_response(c, &rs, false);
    yk_hub_response_free(&rs);
    return r;
}

static bool append(struct upload *u, const char *data, size_t n)
{
    if (u->too_large || n > YK_HUB_MAX_BODY - u->len) {
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

/* Request deadline ---------------------------------------------------------------------------- */

static struct conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return i ? i->socket_context : NULL;
}

static void set_deadline(struct yk_hub_server *s, struct MHD_Connection *c, int64_t when)
{
    pthread_mutex_lock(&s->lock);
    struct conn *k = conn_of(c);
    if (k)
        k->deadline_ms = when;
    pthread_mutex_unlock(&s->lock);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct yk_hub_server *s = cls;
    pthread_mutex_lock(&s->lock);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *i =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn *k = i ? calloc(1, sizeof *k) : NULL;
        if (k) {
            k->fd = i->connect_fd;
            k->deadline_ms = now_ms() + s->deadline_ms;
            k->next = s->conns;
            if (s->conns)
                s->conns->prev = k;
            s->conns = k;
        }
        *socket_context = k;
    } else if (*socket_context) {
        /* Closed: MHD calls this before it closes the socket, so the watchdog never touches
         * a descriptor that was reused. */
        struct conn *k = *socket_context;
        if (k->prev)
            k->prev->next = k->next;
        else
            s->conns = k->next;
        if (k->next)
            k->next->prev = k->prev;
        free(k);
        *socket_context = NULL;
    }
    pthread_mutex_unlock(&s->lock);
}

/* Shuts down every connection whose request is late: a slow client (a few header or body
 * bytes at a time) cannot hold a connection beyond the deadline, however often it sends. */
static void *watchdog(void *arg)
{
    struct yk_hub_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->stopping) {
        int64_t now = now_ms();
        unsigned late = 0;
        for (struct conn *k = s->conns; k; k = k->next) {
            if (k->deadline_ms <= now) {
                shutdown(k->fd, SHUT_RDWR);
                k->deadline_ms = NO_DEADLINE;
                late++;
            }
        }
        if (late)
            yk_warn("hub-http", "closed %u connection(s) whose request took over %lld s", late,
                    (long long)(s->deadline_ms / 1000));
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&s->wake, &s->lock, &ts);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Guessing limits ------------------------------------------------------------------------------ */

/* What a path lets a stranger guess (ticket codes, setup codes; station ids: not secret, but
 * each miss costs the store a look-up like a ticket's), NULL for the rest. *station: a station
 * page, whose misses are counted apart from the secrets' (guess_key). */
static const char *guessable(const char *url, bool *station)
{
    *station = false;
    if (strncmp(url, "/t/", 3) == 0 || strncmp(url, "/T/", 3) == 0)
        return "ticket look-up";
    if (strcmp(url, "/api/v1/enrol") == 0)
        return "enrolment";
    *station = true;
    if (strncmp(url, "/s/", 3) == 0)
        return "station page";
    return NULL;
}

static const char *query_arg(void *ctx, const char *key)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

/* The client's address: the peer's, or behind the reverse proxy (a loopback peer, with
 * --behind-proxy) the X-Real-IP it sets, when that is an address. */
static void client_addr(struct yk_hub_server *s, struct MHD_Connection *c,
                        char out[INET6_ADDRSTRLEN])
{
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, INET6_ADDRSTRLEN, "?");
    if (!i || !i->client_addr)
        return;
    const struct sockaddr *a = i->client_addr;
    if (a->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)a)->sin_addr, out,
                  INET6_ADDRSTRLEN);
    else if (a->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)a)->sin6_addr, out,
                  INET6_ADDRSTRLEN);
    const char *real = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Real-IP");
    uint8_t any[sizeof(struct in6_addr)];
    if (s->behind_proxy && strncmp(out, "127.", 4) == 0 && real &&
        (inet_pton(AF_INET, real, any) == 1 || inet_pton(AF_INET6, real, any) == 1))
        snprintf(out, INET6_ADDRSTRLEN, "%s", real);
}

/* The count of hub_limit.h a guess goes to: the client's address (addr) for the secrets,
 * which share one count; for station pages the address under "s ", a count of its own, so
 * that a visitor who mistypes a station link never has to wait for their own ticket. */
static void guess_key(struct yk_hub_server *s, struct MHD_Connection *c, bool station,
                      char addr[INET6_ADDRSTRLEN], char key[INET6_ADDRSTRLEN + 2])
{
    client_addr(s, c, addr);
    snprintf(key, INET6_ADDRSTRLEN + 2, "%s%s", station ? "s " : "", addr);
}

/* Counts a failed guess (logged without what was guessed). */
static void note_failure(struct yk_hub_server *s, struct MHD_Connection *c, const char *what,
                         bool station)
{
    char addr[INET6_ADDRSTRLEN], key[INET6_ADDRSTRLEN + 2];
    guess_key(s, c, station, addr, key);
    unsigned n = yk_hub_limit_fail(s->limit, key, now_ms());
    yk_warn("hub", "failed %s from %s (%u in a row%s)", what, addr, n,
            n > YK_HUB_LIMIT_FREE ? "; it must now wait" : "");
}

/* Headers ------------------------------------------------------------------------------------ */

static enum MHD_Result count_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    if (strcasecmp(key, "Content-Length") == 0)
        (*(int *)cls)++;
    return MHD_YES;
}

/* The first call for a request (headers complete, no body read): refusals that need no body.
 * True when one was queued (into *ret). */
static bool refuse_early(struct yk_hub_server *s, struct MHD_Connection *c, const char *url,
                         enum MHD_Result *ret)
{
    /* Two Content-Length headers: which one frames the body is ambiguous (request
     * smuggling behind a proxy that reads the other one). */
    int lengths = 0;
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_length, &lengths);
    if (lengths > 1) {
        *ret = refuse(c, 400, "bad-request", "more than one Content-Length header", 0);
        return true;
    }
    /* Refuse a declared oversize body before reading it. */
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > YK_HUB_MAX_BODY) {
        *ret = refuse(c, 413, "too-large", "the request body is over 4 MiB", 0);
        return true;
    }
    bool station;
    if (guessable(url, &station)) {
        char addr[INET6_ADDRSTRLEN], key[INET6_ADDRSTRLEN + 2];
        guess_key(s, c, station, addr, key);
        int64_t wait = yk_hub_limit_wait(s->limit, key, now_ms());
        if (wait > 0) {
            *ret = refuse(c, 429, "too-many-failures",
                          "too many failed attempts from this address; wait and try again", wait);
            return true;
        }
    }
    return false;
}

/* A body that passes the cap while it arrives: libmicrohttpd 0.9.75 cannot queue an answer
 * in the middle of a body, so the 413 is written to the socket here, the sending side is shut
 * and the caller returns MHD_NO (MHD closes the connection without reading the rest). The
 * socket is MHD's, idle at this point (no answer queued); a short write is the client's loss. */
static void refuse_mid_body(struct MHD_Connection *c)
{
    static const char body[] = "{\"error\":\"too-large\",\"message\":\"the request body is "
                               "over 4 MiB\"}";
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 413 Content Too Large\r\nConnection: close\r\nContent-Type: "
                     "application/json; charset=utf-8\r\nCache-Control: no-store\r\n"
                     "Content-Length: %zu\r\n",
                     sizeof body - 1);
    for (const struct yk_hub_header *h = yk_hub_security_headers; h->name; h++)
        n += snprintf(head + n, sizeof head - (size_t)n, "%s: %s\r\n", h->name, h->value);
    n += snprintf(head + n, sizeof head - (size_t)n, "\r\n%s", body);
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (i && n > 0 && (size_t)n < sizeof head) {
        if (send(i->connect_fd, head, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) == n)
            shutdown(i->connect_fd, SHUT_WR);
    }
    yk_warn("hub-http", "a request body passed %u bytes: refused (413) without reading on",
            YK_HUB_MAX_BODY);
}

/* Requests ----------------------------------------------------------------------------------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct yk_hub_server *s = cls;
    struct upload *u = *con_cls;
    if (!u) {
        u = calloc(1, sizeof *u);
        if (!u)
            return MHD_NO;
        *con_cls = u;
        enum MHD_Result r;
        if (refuse_early(s, c, url, &r)) {
            u->answered = true;
            return r;
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!u->answered && !append(u, upload_data, *upload_data_size)) {
            /* Over the cap (a chunked body says no length first): read no more of it. */
            refuse_mid_body(c);
            return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (u->answered)
        return MHD_YES;
    set_deadline(s, c, NO_DEADLINE); /* all of it arrived: answering takes what it takes */
    char addr[INET6_ADDRSTRLEN];
    client_addr(s, c, addr);
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
    bool station;
    const char *what = guessable(url, &station);
    if (what && (rs.status == 403 || rs.status == 404 || rs.status == 409))
        note_failure(s, c, what, station);
    enum MHD_Result r = send_response(c, &rs, strcmp(method, "HEAD") == 0);
    yk_hub_response_free(&rs);
    return r;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct yk_hub_server *s = cls;
    struct upload *u = *con_cls;
    if (u) {
        free(u->buf);
        free(u);
        *con_cls = NULL;
    }
    /* The next request on this connection has its own whole deadline. */
    set_deadline(s, c, now_ms() + s->deadline_ms);
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

static void server_free(struct yk_hub_server *s)
{
    if (s->watchdog_started) {
        pthread_mutex_lock(&s->lock);
        s->stopping = true;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->watchdog, NULL);
    }
    yk_hub_limit_free(s->limit);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    free(s);
}

struct yk_hub_server *yk_hub_server_start(const struct yk_hub_server_params *p)
{
    struct yk_hub_server *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    s->store = p->store;
    s->limit = yk_hub_limit_new();
    s->deadline_ms = 1000LL * (p->request_deadline_s ? p->request_deadline_s : 30);
    s->behind_proxy = p->behind_proxy;
    s->tls_proxy = p->tls_proxy;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p->port)};
    if (!s->limit || inet_pton(AF_INET, p->listen ? p->listen : "127.0.0.1", &addr.sin_addr) != 1) {
        yk_error("hub-http", "--listen must be an IPv4 address");
        server_free(s);
        return NULL;
    }
    if (pthread_create(&s->watchdog, NULL, watchdog, s) != 0) {
        server_free(s);
        return NULL;
    }
    s->watchdog_started = true;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)p->port,
        NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(p->threads ? p->threads : 4), MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)(p->max_connections ? p->max_connections : 2048),
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)(p->max_per_ip ? p->max_per_ip : 64),
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)(64 * 1024), MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        s, MHD_OPTION_END);
    if (!s->daemon) {
        yk_error("hub-http", "could not listen on %s:%d", p->listen ? p->listen : "127.0.0.1",
                 p->port);
        server_free(s);
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
    server_free(s);
}
