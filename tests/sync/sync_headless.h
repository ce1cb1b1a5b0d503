#ifndef YK_SYNC_HEADLESS_H
#define YK_SYNC_HEADLESS_H

/* A real kiosk, headless, for the sync tests that drive its screens with the real hub: the
 * kiosk binary reading a script from a pipe (one line at a time, as the test goes), waiting
 * until it has run what was sent, and reading a ticket's QR back from a screenshot. Built on
 * sync_test_util.h. */

#include "sync_test_util.h"

#include "core/clock.h"
#include "core/ticket.h"

#include <poll.h>
#include <stdarg.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

struct headless {
    FILE *in;      /* the kiosk's script */
    char dir[400]; /* its data folder (kiosk.log there) */
    char build[400];
    int marks;
};

/* Starts build/src/app/yikong-kiosk --headless at size with config conf on data folder dir,
 * the clock at 2026-12-01T09:00:00+08:00, and extra options (or ""). false when it cannot. */
static inline bool hl_start(struct headless *h, const char *build, const char *dir,
                            const char *conf, const char *size, const char *extra)
{
    memset(h, 0, sizeof *h);
    snprintf(h->build, sizeof h->build, "%s", build);
    snprintf(h->dir, sizeof h->dir, "%s", dir);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "'%s/src/app/yikong-kiosk' --headless --size %s --now "
             "2026-12-01T09:00:00+08:00 --config '%s' --data-dir '%s' %s --script - "
             "> '%s/kiosk.log' 2>&1",
             build, size, conf, dir, extra, dir);
    h->in = popen(cmd, "we"); /* not inherited by a hub restarted later */
    return h->in != NULL;
}

static inline void hl_line(struct headless *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline void hl_line(struct headless *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(h->in, fmt, ap);
    va_end(ap);
    fputc('\n', h->in);
}

/* The end of the kiosk's log (without info lines) on stderr: why it stopped or failed. */
static inline void hl_log_tail(const struct headless *h, int lines)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "grep -av '^yikong info' '%s/kiosk.log' | tail -%d >&2", h->dir,
             lines);
    if (system(cmd) != 0)
        fprintf(stderr, "(no kiosk log)\n");
}

/* Waits until the kiosk has run every line sent so far: it writes a tree file, and the
 * write's close wakes us (inotify, watched before the line is sent, so it cannot be
 * missed). Bounded at 15 s: past that the kiosk is stuck and the test says where. */
static inline bool hl_settled(struct headless *h)
{
    char path[600];
    snprintf(path, sizeof path, "%s/mark-%d.jsonl", h->dir, ++h->marks);
    int fd = inotify_init1(IN_CLOEXEC);
    if (fd < 0 || inotify_add_watch(fd, h->dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
        perror("inotify");
        if (fd >= 0)
            close(fd);
        return false;
    }
    hl_line(h, "tree %s", path);
    fflush(h->in);
    int64_t until = yk_os_mono_ms() + 15000;
    bool done = false;
    for (;;) {
        struct stat st;
        if (stat(path, &st) == 0 && st.st_size > 0) {
            done = true;
            break;
        }
        int64_t left = until - yk_os_mono_ms();
        struct pollfd pf = {fd, POLLIN, 0};
        if (left <= 0 || poll(&pf, 1, (int)left) <= 0)
            break;
        char ev[4096];
        if (read(fd, ev, sizeof ev) < 0)
            break;
    }
    close(fd);
    if (done)
        return true;
    fprintf(stderr, "the kiosk did not reach mark %d:\n", h->marks);
    hl_log_tail(h, 5);
    return false;
}

/* Ends the script and waits for the kiosk; its exit status (0: every line held). */
static inline int hl_stop(struct headless *h)
{
    int st = pclose(h->in);
    h->in = NULL;
    if (st != 0)
        hl_log_tail(h, 20);
    return st;
}

/* Whether zbarimg is there to read QR codes back (said on stderr when not). */
static inline bool hl_have_zbarimg(void)
{
    if (system("command -v zbarimg >/dev/null") == 0)
        return true;
    fprintf(stderr, "zbarimg (Debian zbar-tools) is needed\n");
    return false;
}

/* Reads the QR of shot with zbarimg and verifies it for event with this kiosk's keys
 * (tests/signup's verify_ticket); it must start with url_prefix ("" for any). The ticket
 * code (the last YK_TICKET_DIGITS characters) goes into code. */
static inline bool hl_check_qr(const struct headless *h, const char *shot, const char *event,
                               const char *url_prefix, char code[YK_TICKET_DIGITS + 1])
{
    char cmd[4096], decoded[1100];
    snprintf(decoded, sizeof decoded, "%s.txt", shot);
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' > '%s'", shot, decoded);
    if (system(cmd) != 0) {
        fprintf(stderr, "zbarimg read no QR in %s\n", shot);
        return false;
    }
    snprintf(cmd, sizeof cmd, "'%s/tests/verify_ticket' '%s' %s '%s'", h->build, h->dir, event,
             decoded);
    if (system(cmd) != 0)
        return false;
    FILE *f = fopen(decoded, "r");
    char text[1024] = "";
    if (f) {
        if (!fgets(text, sizeof text, f))
            text[0] = '\0';
        fclose(f);
    }
    text[strcspn(text, "\r\n")] = '\0';
    size_t n = strlen(text);
    if (n < YK_TICKET_DIGITS || strncmp(text, url_prefix, strlen(url_prefix)) != 0) {
        fprintf(stderr, "the QR of %s is not a ticket of %s\n", shot, url_prefix);
        return false;
    }
    memcpy(code, text + n - YK_TICKET_DIGITS, YK_TICKET_DIGITS + 1);
    return true;
}

#endif
