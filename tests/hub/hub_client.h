#ifndef YK_TEST_HUB_CLIENT_H
#define YK_TEST_HUB_CLIENT_H

/* A test's view of a running yikong-hub: starts the real binary on 127.0.0.1 with a port
 * the system picks (--port 0 --port-file), in a temporary directory, runs its operator
 * commands, and talks HTTP to it with libcurl. Header-only: each test is one file. */

#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct hub {
    char dir[256], db[320], bin[512], port_file[320], log[320];
    pid_t pid;
    int port;
    const char *serve_args; /* more `serve` options (split on spaces), or NULL */
    bool capture_log;       /* the server's stderr goes to log instead of the test's */
    const char *source;     /* the loopback address requests come from (NULL: the default) */
};

struct resp {
    long status;
    char *body; /* NUL-terminated; free with resp_free */
    size_t len;
    char *headers; /* the response's header lines, NUL-terminated */
    size_t hlen;
};

static inline void resp_free(struct resp *r)
{
    free(r->body);
    free(r->headers);
    r->body = r->headers = NULL;
}

static inline void hub_init(struct hub *h)
{
    memset(h, 0, sizeof *h);
    /* The hub is on 127.0.0.1: no proxy of the environment may stand between (curl reads
     * these in the test's requests and the kiosk's sync client alike). */
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("all_proxy");
    unsetenv("ALL_PROXY");
    const char *build = getenv("YK_BUILD_DIR");
    snprintf(h->bin, sizeof h->bin, "%s/src/hub/yikong-hub", build ? build : "build");
    snprintf(h->dir, sizeof h->dir, "/tmp/yk-hub-test-XXXXXX");
    if (!mkdtemp(h->dir)) {
        perror("mkdtemp");
        exit(1);
    }
    snprintf(h->db, sizeof h->db, "%s/hub.db", h->dir);
    snprintf(h->port_file, sizeof h->port_file, "%s/port", h->dir);
    snprintf(h->log, sizeof h->log, "%s/hub.log", h->dir);
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* Runs `yikong-hub --db DB ARGS...` (args formatted, split on spaces), stdout into out. */
static inline int hub_cmd(struct hub *h, char *out, size_t n, const char *fmt, ...)
{
    char args[1024], cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' --db '%s' %s", h->bin, h->db, args);
    FILE *p = popen(cmd, "r");
    if (!p)
        return -1;
    size_t len = 0;
    if (out && n) {
        len = fread(out, 1, n - 1, p);
        out[len] = '\0';
        while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
            out[--len] = '\0';
    } else {
        char sink[256];
        while (fread(sink, 1, sizeof sink, p) > 0) {
        }
    }
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Starts the server; waits (at most 10 s, polling) for its port file. */
static inline bool hub_start(struct hub *h)
{
    unlink(h->port_file);
    h->pid = fork();
    if (h->pid == 0) {
        char *argv[32] = {"yikong-hub", "--db",   h->db, "serve",       "--listen",
                          "127.0.0.1",  "--port", "0",   "--port-file", h->port_file};
        int argc = 10;
        char extra[512];
        snprintf(extra, sizeof extra, "%s", h->serve_args ? h->serve_args : "");
        for (char *tok = strtok(extra, " "); tok && argc < 31; tok = strtok(NULL, " "))
            argv[argc++] = tok;
        argv[argc] = NULL;
        if (h->capture_log && !freopen(h->log, "a", stderr))
            _exit(126);
        execv(h->bin, argv);
        _exit(127);
    }
    for (int i = 0; i < 1000; i++) {
        FILE *f = fopen(h->port_file, "r");
        if (f) {
            int ok = fscanf(f, "%d", &h->port);
            fclose(f);
            if (ok == 1 && h->port > 0)
                return true;
        }
        int st;
        if (waitpid(h->pid, &st, WNOHANG) == h->pid) {
            h->pid = 0;
            return false;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return false;
}

static inline void hub_stop(struct hub *h)
{
    if (h->pid > 0) {
        kill(h->pid, SIGTERM);
        int st;
        waitpid(h->pid, &st, 0);
        h->pid = 0;
    }
}

static inline void hub_cleanup(struct hub *h)
{
    hub_stop(h);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", h->dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", h->dir);
    curl_global_cleanup();
}

static size_t append_to(char **buf, size_t *len, const char *p, size_t k)
{
    char *b = realloc(*buf, *len + k + 1);
    if (!b)
        return 0;
    memcpy(b + *len, p, k);
    *buf = b;
    *len += k;
    b[*len] = '\0';
    return k;
}

static size_t on_data(char *p, size_t size, size_t n, void *user)
{
    struct resp *r = user;
    return append_to(&r->body, &r->len, p, size * n);
}

static size_t on_header(char *p, size_t size, size_t n, void *user)
{
    struct resp *r = user;
    return append_to(&r->headers, &r->hlen, p, size * n);
}

/* One request. body NULL: none. token NULL: no Authorization header. status 0: no answer. */
static inline struct resp hub_http(const struct hub *h, const char *method, const char *path,
                                   const char *token, const char *body, size_t len)
{
    struct resp r = {0};
    r.body = calloc(1, 1);
    r.headers = calloc(1, 1);
    CURL *c = curl_easy_init();
    char url[1024], auth[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", h->port, path);
    struct curl_slist *hd = curl_slist_append(NULL, "Expect:");
    hd = curl_slist_append(hd, "Content-Type: application/json");
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        hd = curl_slist_append(hd, auth);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    char source[64];
    if (h->source) {
        snprintf(source, sizeof source, "host!%s", h->source);
        curl_easy_setopt(c, CURLOPT_INTERFACE, source);
    }
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    }
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(hd);
    curl_easy_cleanup(c);
    return r;
}

static inline struct resp hub_post(const struct hub *h, const char *path, const char *token,
                                   const char *body)
{
    return hub_http(h, "POST", path, token, body, strlen(body));
}

static inline struct resp hub_get(const struct hub *h, const char *path, const char *token)
{
    return hub_http(h, "GET", path, token, NULL, 0);
}

#endif
