#include "platform/abspointer.h"

#include "core/log.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define BITS_LONG (8 * sizeof(unsigned long))
#define NLONGS(n) (((n) + BITS_LONG - 1) / BITS_LONG)

static bool has_bit(const unsigned long *bits, unsigned bit)
{
    return (bits[bit / BITS_LONG] >> (bit % BITS_LONG)) & 1ul;
}

static bool probe_fd(int fd, struct yk_abs_range *out)
{
    unsigned long ev[NLONGS(EV_CNT)] = {0}, abs[NLONGS(ABS_CNT)] = {0}, key[NLONGS(KEY_CNT)] = {0};
    if (ioctl(fd, EVIOCGBIT(0, sizeof ev), ev) < 0 || !has_bit(ev, EV_ABS) ||
        ioctl(fd, EVIOCGBIT(EV_ABS, sizeof abs), abs) < 0)
        return false;
    if (!has_bit(abs, ABS_X) || !has_bit(abs, ABS_Y) || has_bit(abs, ABS_MT_POSITION_X))
        return false;
    /* Joysticks have ABS_X/Y too: a pointer has a left button or reports touch. */
    if (!has_bit(ev, EV_KEY) || ioctl(fd, EVIOCGBIT(EV_KEY, sizeof key), key) < 0 ||
        !(has_bit(key, BTN_LEFT) || has_bit(key, BTN_TOUCH)))
        return false;
    struct input_absinfo ax, ay;
    if (ioctl(fd, EVIOCGABS(ABS_X), &ax) < 0 || ioctl(fd, EVIOCGABS(ABS_Y), &ay) < 0 ||
        ax.maximum <= ax.minimum || ay.maximum <= ay.minimum)
        return false;
    *out = (struct yk_abs_range){.valid = true,
                                 .min_x = ax.minimum,
                                 .max_x = ax.maximum,
                                 .min_y = ay.minimum,
                                 .max_y = ay.maximum,
                                 .fd = fd,
                                 .x = ax.value,
                                 .y = ay.value};
    return true;
}

bool yk_abs_probe(const char *dir, struct yk_abs_range *out)
{
    memset(out, 0, sizeof *out);
    out->fd = -1;
    if (!dir) {
        const char *env = getenv("YK_INPUT_DIR");
        dir = env && *env ? env : "/dev/input";
    }
    DIR *d = opendir(dir);
    if (!d)
        return false;
    struct dirent *e;
    while (!out->valid && (e = readdir(d))) {
        if (strncmp(e->d_name, "event", 5) != 0)
            continue;
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (probe_fd(fd, out))
            yk_info("input", "absolute pointer %s: x %d..%d, y %d..%d (scaled to the screen)", path,
                    out->min_x, out->max_x, out->min_y, out->max_y);
        else
            close(fd);
    }
    closedir(d);
    return out->valid;
}

bool yk_abs_position(struct yk_abs_range *r, float *x, float *y)
{
    if (!r || r->fd < 0)
        return false;
    struct input_event ev[32];
    ssize_t n;
    while ((n = read(r->fd, ev, sizeof ev)) >= (ssize_t)sizeof ev[0]) {
        for (size_t i = 0; i < (size_t)n / sizeof ev[0]; i++) {
            if (ev[i].type == EV_ABS && ev[i].code == ABS_X)
                r->x = ev[i].value;
            else if (ev[i].type == EV_ABS && ev[i].code == ABS_Y)
                r->y = ev[i].value;
        }
    }
    *x = (float)r->x;
    *y = (float)r->y;
    return true;
}

void yk_abs_close(struct yk_abs_range *r)
{
    if (r && r->fd >= 0)
        close(r->fd);
    if (r)
        r->fd = -1;
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void yk_abs_to_pixels(const struct yk_abs_range *r, float x, float y, int w, int h, float *px,
                      float *py)
{
    if (!r || !r->valid) {
        *px = x;
        *py = y;
        return;
    }
    /* max is the last valid position: it maps into the last pixel. */
    *px = (x - (float)r->min_x) * (float)w / (float)(r->max_x - r->min_x + 1);
    *py = (y - (float)r->min_y) * (float)h / (float)(r->max_y - r->min_y + 1);
    *px = clampf(*px, 0, w > 0 ? (float)w - 1 : 0);
    *py = clampf(*py, 0, h > 0 ? (float)h - 1 : 0);
}
