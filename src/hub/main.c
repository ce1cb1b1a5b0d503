/* yikong-hub: the hub server and its operator commands. Usage: yikong-hub --help;
 * the protocol and the setup: src/hub/README.md. */
#include "core/embed.h"
#include "core/grow.h"
#include "core/log.h"
#include "hub/admin.h"
#include "hub/hub_http.h"
#include "hub/hub_phone_key.h"
#include "hub/hub_store.h"
#include "hub/hub_store_admin.h"
#include "hub/hub_store_mine.h"

#include <errno.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: yikong-hub --db FILE COMMAND [ARGS] [OPTIONS]\n"
    "\n"
    "commands:\n"
    "  serve                       run the HTTP server until SIGINT/SIGTERM\n"
    "      --listen ADDR           IPv4 address to bind (default 127.0.0.1)\n"
    "      --port N                port (default 8080; 0 = any free port)\n"
    "      --port-file FILE        write the port there once listening (for tests)\n"
    "      --threads N             worker threads (default 4)\n"
    "      --max-per-ip N          open connections from one address (default 64)\n"
    "      --request-deadline S    seconds a request's headers and body may take (default 30)\n"
    "      --behind-proxy          count failed guesses per X-Real-IP of a loopback peer\n"
    "      --tls-proxy             served behind a TLS proxy: the admin's cookies get Secure\n"
    "      --phone-days N          keep sign-ups' full phone numbers until N days after the\n"
    "                              event (0..3650; default 0: only the last four digits), for\n"
    "                              the stations' call lists; set N to the kiosks'\n"
    "                              retention_days\n"
    "  user-add NAME --role admin|staff [--station ID]\n"
    "                              add an account of the web admin; the password is read\n"
    "                              twice from the terminal (no echo) or two lines of stdin\n"
    "  kiosk-add STATION_ID        make a one-time setup code for a new kiosk (valid 7 days)\n"
    "  kiosk-replace KIOSK_ID      a one-time code that re-enrols that kiosk (new hardware)\n"
    "  kiosk-revoke KIOSK_ID       revoke a kiosk's token and its ticket keys from now on\n"
    "  kiosks                      list kiosks with their last heartbeat (records waiting\n"
    "                              and set aside on the kiosk: '-' when it did not say)\n"
    "  load FILE.sql               run a content script (INSERT/UPDATE on content tables)\n"
    "  load-sample                 load the kiosk's sample content (db/sample/sample.sql)\n"
    "  delete TABLE ID             tombstone a content row (it travels as deleted = 1)\n"
    "  media-add FILE MIME         store an image; prints its sha256\n";

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "yikong-hub: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    char *b = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (!yk_grow((void **)&b, &cap, n + 2, 1)) { /* room for a byte and the NUL */
            free(b);
            b = NULL;
            break;
        }
        size_t want = cap - 1 - n;
        size_t k = fread(b + n, 1, want, f);
        n += k;
        if (n >= (64u << 20)) {
            fprintf(stderr, "yikong-hub: %s: over 64 MiB\n", path);
            free(b);
            b = NULL;
            break;
        }
        if (k < want)
            break;
    }
    fclose(f);
    if (b) {
        b[n] = '\0';
        *len = n;
    }
    return b;
}

/* Writes the port to path atomically (temp file, rename): a reader never sees half. */
static bool write_port_file(const char *path, int port)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return false;
    fprintf(f, "%d\n", port);
    if (fclose(f) != 0)
        return false;
    return rename(tmp, path) == 0;
}

/* Reads one line (the newline dropped) into buf: from the terminal without echo, or from
 * standard input when it is not a terminal (scripts, tests). */
static bool read_secret(const char *prompt, char *buf, size_t n)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        if (tcgetattr(STDIN_FILENO, &old) != 0)
            return false;
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    bool ok = fgets(buf, (int)n, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    size_t len = ok ? strlen(buf) : 0;
    if (ok && (len == 0 || buf[len - 1] != '\n') && !feof(stdin))
        ok = false; /* longer than the buffer */
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    return ok;
}

static int user_add(struct yk_hub_store *store, const char *name, const char *role,
                    const char *station, int64_t now)
{
    char pw[YK_ADMIN_PASSWORD_MAX + 2], pw2[YK_ADMIN_PASSWORD_MAX + 2], hash[128], err[200];
    int rc = 1;
    if (!read_secret("Password (at least 10 characters): ", pw, sizeof pw) ||
        !read_secret("Again: ", pw2, sizeof pw2)) {
        fprintf(stderr, "yikong-hub: no password read\n");
    } else if (strcmp(pw, pw2) != 0) {
        fprintf(stderr, "yikong-hub: the two passwords differ\n");
    } else if (!yk_admin_password_hash(pw, hash, err)) {
        fprintf(stderr, "yikong-hub: %s\n", err);
    } else {
        char e2[160];
        enum yk_hub_rc r =
            yk_admin_user_add(store, "(command line)", name, role, station, hash, now, e2);
        if (r == YK_HUB_OK)
            rc = 0;
        else
            fprintf(stderr, "yikong-hub: %s\n", r == YK_HUB_INVALID ? e2 : "database error");
    }
    explicit_bzero(pw, sizeof pw);
    explicit_bzero(pw2, sizeof pw2);
    explicit_bzero(hash, sizeof hash);
    return rc;
}

/* A number of the kiosk listing as text: "-" for none (below min). */
static const char *num_text(char buf[24], int64_t v, int64_t min)
{
    if (v < min)
        return "-";
    snprintf(buf, 24, "%lld", (long long)v);
    return buf;
}

/* One line of `kiosks`: what the admin's kiosk page shows, as text (yk_admin_kiosks). */
static void print_kiosk(void *ctx, const struct yk_admin_kiosk *k)
{
    char b[9][24];
    fprintf(ctx, "%-26s %-20s %-10s %-10s %-10s %-10s %-10s %-12s %-8s %-9s %s\n", k->id,
            k->station_id, num_text(b[0], k->enrolled_utc, 1), num_text(b[1], k->revoked_utc, 1),
            k->version[0] ? k->version : "-", num_text(b[2], k->uptime_s, 0),
            num_text(b[3], k->last_sync_utc, 1), num_text(b[4], k->free_disk_bytes, 1),
            num_text(b[5], k->records_waiting, 0), num_text(b[6], k->records_set_aside, 0),
            num_text(b[7], k->seen_utc, 1));
}

static int serve(struct yk_hub_server_params *p, const char *port_file)
{
    /* Block the stop signals in every thread (the server's inherit the mask) and wait for
     * them here. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct yk_hub_server *srv = yk_hub_server_start(p);
    if (!srv)
        return 1;
    yk_info("hub", "listening on %s:%d", p->listen, yk_hub_server_port(srv));
    if (port_file && !write_port_file(port_file, yk_hub_server_port(srv))) {
        yk_error("hub", "could not write %s", port_file);
        yk_hub_server_stop(srv);
        return 1;
    }
    int sig = 0;
    sigwait(&set, &sig);
    yk_info("hub", "stopping (signal %d)", sig);
    yk_hub_server_stop(srv);
    return 0;
}

/* A number option's value in lo..hi, else a message and false. */
static bool num_opt(const char *name, const char *v, long lo, long hi, unsigned *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < lo || n > hi) {
        fprintf(stderr, "yikong-hub: %s must be %ld..%ld\n", name, lo, hi);
        return false;
    }
    *out = (unsigned)n;
    return true;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *listen = "127.0.0.1", *port_file = NULL, *role = NULL, *station = NULL;
    bool tls_proxy = false;
    int port = 8080;
    unsigned threads = 4, max_per_ip = 64, deadline_s = 30, phone_days = 0;
    bool behind_proxy = false;
    const char *pos[4] = {0};
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("yikong-hub %s\n", YK_VERSION);
            return 0;
        } else if (strcmp(a, "--db") == 0 && has_val) {
            db = argv[++i];
        } else if (strcmp(a, "--listen") == 0 && has_val) {
            listen = argv[++i];
        } else if (strcmp(a, "--port-file") == 0 && has_val) {
            port_file = argv[++i];
        } else if (strcmp(a, "--port") == 0 && has_val) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 0 || v > 65535) {
                fprintf(stderr, "yikong-hub: --port must be 0..65535\n");
                return 2;
            }
            port = (int)v;
        } else if (strcmp(a, "--threads") == 0 && has_val) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 256) {
                fprintf(stderr, "yikong-hub: --threads must be 1..256\n");
                return 2;
            }
            threads = (unsigned)v;
        } else if (strcmp(a, "--role") == 0 && has_val) {
            role = argv[++i];
        } else if (strcmp(a, "--station") == 0 && has_val) {
            station = argv[++i];
        } else if (strcmp(a, "--tls-proxy") == 0) {
            tls_proxy = true;
        } else if (strcmp(a, "--behind-proxy") == 0) {
            behind_proxy = true;
        } else if (strcmp(a, "--max-per-ip") == 0 && has_val) {
            if (!num_opt(a, argv[++i], 1, 100000, &max_per_ip))
                return 2;
        } else if (strcmp(a, "--phone-days") == 0 && has_val) {
            if (!num_opt(a, argv[++i], 0, YK_HUB_PHONE_DAYS_MAX, &phone_days))
                return 2;
        } else if (strcmp(a, "--request-deadline") == 0 && has_val) {
            if (!num_opt(a, argv[++i], 1, 3600, &deadline_s))
                return 2;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "yikong-hub: unknown option or missing value: %s\n%s", a, usage);
            return 2;
        } else if (npos < 4) {
            pos[npos++] = a;
        } else {
            fprintf(stderr, "yikong-hub: too many arguments\n%s", usage);
            return 2;
        }
    }
    if (!db || npos == 0) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = pos[0];
    int want = strcmp(cmd, "kiosk-add") == 0 || strcmp(cmd, "kiosk-revoke") == 0 ||
                       strcmp(cmd, "kiosk-replace") == 0 || strcmp(cmd, "load") == 0 ||
                       strcmp(cmd, "user-add") == 0
                   ? 2
               : strcmp(cmd, "delete") == 0 || strcmp(cmd, "media-add") == 0 ? 3
                                                                             : 1;
    if (npos != want) {
        fprintf(stderr, "yikong-hub: %s takes %d argument(s)\n%s", cmd, want - 1, usage);
        return 2;
    }
    if (strcmp(cmd, "user-add") == 0 &&
        (!role || (strcmp(role, "admin") != 0 && strcmp(role, "staff") != 0) ||
         (strcmp(role, "staff") == 0) != (station != NULL))) {
        fprintf(stderr, "yikong-hub: user-add needs --role admin, or --role staff --station ID\n");
        return 2;
    }
    /* hub.db, its -wal and -shm, and every other file the hub makes are its own: 0600. */
    umask(077);
    struct yk_hub_store *store = yk_hub_store_open(db);
    if (!store)
        return 1;
    int64_t now = (int64_t)time(NULL);
    int rc = 0;
    yk_hub_set_phone_days(store, (int)phone_days);
    uint8_t phone_key[YK_HUB_PHONE_KEY_LEN];
    bool key_made = false;
    char key_err[1024];
    if (strcmp(cmd, "serve") == 0 &&
        !yk_hub_phone_key_load(db, phone_key, &key_made, key_err, sizeof key_err)) {
        fprintf(stderr, "yikong-hub: %s\n", key_err);
        rc = 1;
    } else if (strcmp(cmd, "serve") == 0) {
        /* The key is in a file beside the database, never in it (README: "A person's
         * sign-ups at any kiosk"): it belongs in the hub's backups with hub.db. */
        if (key_made)
            yk_warn("hub", "made a new phone key in %s%s: keep it in the hub's backups", db,
                    YK_HUB_PHONE_KEY_SUFFIX);
        yk_hub_set_phone_key(store, phone_key);
        sodium_memzero(phone_key, sizeof phone_key);
        struct yk_hub_server_params p = {.store = store,
                                         .listen = listen,
                                         .port = port,
                                         .threads = threads,
                                         .max_per_ip = max_per_ip,
                                         .request_deadline_s = deadline_s,
                                         .behind_proxy = behind_proxy,
                                         .tls_proxy = tls_proxy};
        rc = serve(&p, port_file);
    } else if (strcmp(cmd, "user-add") == 0) {
        rc = user_add(store, pos[1], role, station, now);
    } else if (strcmp(cmd, "kiosk-add") == 0) {
        char code[YK_HUB_SETUP_CODE_LEN + 1];
        if (yk_hub_kiosk_add(store, pos[1], now, YK_HUB_SETUP_TTL_S, code) == YK_HUB_OK)
            printf("%s\n", code);
        else
            rc = 1;
    } else if (strcmp(cmd, "kiosk-replace") == 0) {
        char code[YK_HUB_SETUP_CODE_LEN + 1];
        enum yk_hub_rc r = yk_hub_kiosk_replace(store, pos[1], now, YK_HUB_SETUP_TTL_S, code);
        if (r == YK_HUB_OK)
            printf("%s\n", code);
        else if (r == YK_HUB_NOT_FOUND || r == YK_HUB_REVOKED)
            fprintf(stderr, "yikong-hub: no enrolled, unrevoked kiosk %s\n", pos[1]);
        rc = r == YK_HUB_OK ? 0 : 1;
    } else if (strcmp(cmd, "kiosk-revoke") == 0) {
        enum yk_hub_rc r = yk_hub_kiosk_revoke(store, pos[1], now);
        if (r == YK_HUB_NOT_FOUND)
            fprintf(stderr, "yikong-hub: no kiosk %s\n", pos[1]);
        rc = r == YK_HUB_OK ? 0 : 1;
    } else if (strcmp(cmd, "kiosks") == 0) {
        printf("%-26s %-20s %-10s %-10s %-10s %-10s %-10s %-12s %-8s %-9s %s\n", "kiosk", "station",
               "enrolled", "revoked", "version", "uptime_s", "last_sync", "free_disk", "waiting",
               "set_aside", "seen");
        rc = yk_admin_kiosks(store, NULL, YK_ADMIN_KIOSKS_STATION, print_kiosk, stdout) ? 0 : 1;
    } else if (strcmp(cmd, "load") == 0) {
        size_t len;
        char *sql = read_file(pos[1], &len);
        rc = sql && yk_hub_load_sql(store, sql) ? 0 : 1;
        free(sql);
    } else if (strcmp(cmd, "load-sample") == 0) {
        const struct yk_embedded *e = yk_embed_find(yk_embed_db, "sample/sample.sql");
        rc = e && yk_hub_load_sql(store, (const char *)e->data) ? 0 : 1;
    } else if (strcmp(cmd, "delete") == 0) {
        enum yk_hub_rc r = yk_hub_tombstone(store, pos[1], pos[2]);
        if (r == YK_HUB_NOT_FOUND)
            fprintf(stderr, "yikong-hub: no live row %s in %s\n", pos[2], pos[1]);
        else if (r == YK_HUB_INVALID)
            fprintf(stderr, "yikong-hub: %s is not a content table with tombstones\n", pos[1]);
        rc = r == YK_HUB_OK ? 0 : 1;
    } else if (strcmp(cmd, "media-add") == 0) {
        size_t len;
        char *b = read_file(pos[1], &len);
        char hash[65];
        rc = b && yk_hub_media_add(store, b, len, pos[2], hash) == YK_HUB_OK ? 0 : 1;
        if (!rc)
            printf("%s\n", hash);
        free(b);
    } else {
        fprintf(stderr, "yikong-hub: unknown command %s\n%s", cmd, usage);
        rc = 2;
    }
    yk_hub_store_close(store);
    return rc;
}
