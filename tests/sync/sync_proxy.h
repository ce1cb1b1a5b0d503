#ifndef YK_SYNC_PROXY_H
#define YK_SYNC_PROXY_H

/* A tiny TCP proxy on 127.0.0.1 for the sync tests: forwards each connection to the hub's
 * current port (which may change when the hub restarts), and, when told, cuts the next
 * connections after N bytes of answer (the hub may have committed; the kiosk never hears).
 * One thread per connection; proxy_stop returns once every one has ended. Header-only. */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct proxy {
    int listen_fd;
    int port;
    atomic_int target_port;
    atomic_long cut_after; /* > 0: close a connection after this many bytes from the hub */
    atomic_int cuts_left;  /* connections still to cut */
    atomic_int cuts_done;
    atomic_int too_large_left; /* answer the next connections' first request with 413 */
    atomic_int too_large_done;
    atomic_bool stop;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t idle; /* signalled when a connection thread ends */
    int live;            /* connection threads running */
};

struct proxy_conn {
    struct proxy *p;
    int client;
};

static void *proxy_conn_run(void *arg)
{
    struct proxy_conn *pc = arg;
    struct proxy *p = pc->p;
    int client = pc->client;
    free(pc);
    int up = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)atomic_load(&p->target_port))};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (up < 0 || connect(up, (struct sockaddr *)&a, sizeof a) != 0) {
        if (up >= 0)
            close(up);
        up = -1;
        goto done;
    }
    if (atomic_load(&p->too_large_left) > 0 && atomic_fetch_sub(&p->too_large_left, 1) > 0) {
        /* Read the whole request (headers, then Content-Length bytes), answer 413, close. */
        static char req[1 << 22];
        size_t got = 0;
        long want = -1;
        while (got < sizeof req - 1) {
            struct pollfd pf = {client, POLLIN, 0};
            if (poll(&pf, 1, 2000) <= 0)
                break;
            ssize_t n = read(client, req + got, sizeof req - 1 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
            req[got] = '\0';
            char *end = strstr(req, "\r\n\r\n");
            if (end && want < 0) {
                char *cl = strstr(req, "Content-Length:");
                want = (long)(end + 4 - req) + (cl && cl < end ? atol(cl + 15) : 0);
            }
            if (want >= 0 && (long)got >= want)
                break;
        }
        const char *body = "{\"error\": \"too-large\", \"message\": \"too many records\"}";
        char head[256];
        int hn = snprintf(head, sizeof head,
                          "HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                          "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                          strlen(body));
        if (write(client, head, (size_t)hn) == hn && write(client, body, strlen(body)) > 0)
            atomic_fetch_add(&p->too_large_done, 1);
        goto done;
    }
    long limit = 0;
    if (atomic_load(&p->cut_after) > 0 && atomic_fetch_sub(&p->cuts_left, 1) > 0)
        limit = atomic_load(&p->cut_after);
    long down = 0;
    char buf[16384];
    for (;;) {
        struct pollfd fds[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
        if (poll(fds, 2, 200) < 0 || atomic_load(&p->stop))
            break;
        if (fds[0].revents) {
            ssize_t n = read(client, buf, sizeof buf);
            if (n <= 0 || write(up, buf, (size_t)n) != n)
                break;
        }
        if (fds[1].revents) {
            ssize_t n = read(up, buf, sizeof buf);
            if (n <= 0)
                break;
            if (limit > 0 && down + n >= limit) {
                ssize_t part = (ssize_t)(limit - down);
                if (part > 0 && write(client, buf, (size_t)part) != part)
                    break;
                atomic_fetch_add(&p->cuts_done, 1);
                break;
            }
            if (write(client, buf, (size_t)n) != n)
                break;
            down += n;
        }
    }
done:
    if (up >= 0)
        close(up);
    close(client);
    pthread_mutex_lock(&p->lock);
    p->live--;
    pthread_cond_broadcast(&p->idle);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void *proxy_run(void *arg)
{
    struct proxy *p = arg;
    while (!atomic_load(&p->stop)) {
        struct pollfd pf = {p->listen_fd, POLLIN, 0};
        if (poll(&pf, 1, 100) <= 0)
            continue;
        int c = accept(p->listen_fd, NULL, NULL);
        if (c < 0)
            continue;
        struct proxy_conn *pc = malloc(sizeof *pc);
        pc->p = p;
        pc->client = c;
        pthread_t t;
        pthread_mutex_lock(&p->lock);
        p->live++;
        pthread_mutex_unlock(&p->lock);
        if (pthread_create(&t, NULL, proxy_conn_run, pc) == 0) {
            pthread_detach(t);
        } else {
            close(c);
            free(pc);
            pthread_mutex_lock(&p->lock);
            p->live--;
            pthread_mutex_unlock(&p->lock);
        }
    }
    return NULL;
}

static inline bool proxy_start(struct proxy *p, int target_port)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->idle, NULL);
    atomic_init(&p->target_port, target_port);
    p->listen_fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(p->listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(p->listen_fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(p->listen_fd, 16) != 0 ||
        getsockname(p->listen_fd, (struct sockaddr *)&a, &len) != 0)
        return false;
    p->port = ntohs(a.sin_port);
    return pthread_create(&p->thread, NULL, proxy_run, p) == 0;
}

/* Cut the next n connections after bytes bytes of answer. */
static inline void proxy_cut(struct proxy *p, long bytes, int n)
{
    atomic_store(&p->cuts_left, n);
    atomic_store(&p->cut_after, bytes);
}

static inline void proxy_stop(struct proxy *p)
{
    atomic_store(&p->stop, true);
    pthread_join(p->thread, NULL);
    close(p->listen_fd);
    /* Connection threads notice stop within one poll (200 ms; 2 s for a request being read
     * for a 413): wait until the last has ended, not a guess at how long that takes. */
    pthread_mutex_lock(&p->lock);
    while (p->live > 0)
        pthread_cond_wait(&p->idle, &p->lock);
    pthread_mutex_unlock(&p->lock);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->idle);
}

#endif
