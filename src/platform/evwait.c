#include "platform/evwait.h"

#include "core/log.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define MAX_DEVICES 32

struct yk_evwait {
    int fds[MAX_DEVICES];
    int n;
    int inotify;
    char dir[256]; /* /dev/input, or $YK_INPUT_DIR (tests use a folder of FIFOs) */
};

static void close_devices(struct yk_evwait *w)
{
    for (int i = 0; i < w->n; i++)
        close(w->fds[i]);
    w->n = 0;
}

static void open_devices(struct yk_evwait *w)
{
    close_devices(w);
    DIR *d = opendir(w->dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && w->n < MAX_DEVICES) {
        if (strncmp(e->d_name, "event", 5) != 0)
            continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", w->dir, e->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            w->fds[w->n++] = fd;
    }
    closedir(d);
}

struct yk_evwait *yk_evwait_open(void)
{
    struct yk_evwait *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    const char *dir = getenv("YK_INPUT_DIR");
    snprintf(w->dir, sizeof w->dir, "%s", dir && *dir ? dir : "/dev/input");
    w->inotify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->inotify >= 0 &&
        inotify_add_watch(w->inotify, w->dir, IN_CREATE | IN_DELETE | IN_ATTRIB) < 0) {
        close(w->inotify);
        w->inotify = -1;
    }
    open_devices(w);
    if (w->n == 0) {
        yk_warn("input",
                "cannot open any %s/event* device (is the user in the 'input' "
                "group?): waiting falls back to SDL's polling",
                w->dir);
        yk_evwait_close(w);
        return NULL;
    }
    yk_info("input", "waiting on %d input devices", w->n);
    return w;
}

void yk_evwait_close(struct yk_evwait *w)
{
    if (!w)
        return;
    close_devices(w);
    if (w->inotify >= 0)
        close(w->inotify);
    free(w);
}

int yk_evwait_count(const struct yk_evwait *w)
{
    return w ? w->n : 0;
}

bool yk_evwait_wait(struct yk_evwait *w, int timeout_ms)
{
    struct pollfd p[MAX_DEVICES + 1];
    int n = 0;
    for (int i = 0; i < w->n; i++)
        p[n++] = (struct pollfd){.fd = w->fds[i], .events = POLLIN};
    if (w->inotify >= 0)
        p[n++] = (struct pollfd){.fd = w->inotify, .events = POLLIN};
    int r = poll(p, (nfds_t)n, timeout_ms);
    if (r <= 0)
        return false;
    bool input = false, replug = false;
    char buf[4096];
    for (int i = 0; i < n; i++) {
        if (!p[i].revents)
            continue;
        if (p[i].fd == w->inotify) {
            while (read(w->inotify, buf, sizeof buf) > 0)
                ;
            replug = true;
            continue;
        }
        if (p[i].revents & (POLLERR | POLLHUP | POLLNVAL)) {
            replug = true; /* unplugged */
            continue;
        }
        /* Drain our copy; SDL reads its own descriptor for the same events. */
        while (read(p[i].fd, buf, sizeof buf) > 0)
            ;
        input = true;
    }
    if (replug) {
        open_devices(w);
        input = true; /* let SDL notice the new device too */
    }
    return input;
}
