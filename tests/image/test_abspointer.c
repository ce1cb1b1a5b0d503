/* Absolute pointers on kmsdrm (src/platform/abspointer.c): SDL reports a virtio tablet's or
 * a USB touch monitor's raw axis values; the kiosk scales them by the device's range. */
#include "check.h"
#include "platform/abspointer.h"

#include <fcntl.h>
#include <linux/input.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    /* QEMU's virtio tablet: 0..32767 on both axes; an 800x480 output. */
    struct yk_abs_range r = {.valid = true, .min_x = 0, .max_x = 32767, .min_y = 0, .max_y = 32767};
    float x, y;
    yk_abs_to_pixels(&r, 0, 0, 800, 480, &x, &y);
    CHECK(x == 0 && y == 0);
    yk_abs_to_pixels(&r, 16384, 16384, 800, 480, &x, &y);
    CHECK(x == 400 && y == 240);
    yk_abs_to_pixels(&r, 32767, 32767, 800, 480, &x, &y);
    CHECK(x >= 799 && x < 800 && y >= 479 && y < 480);
    /* QMP's input-send-event puts the centre of pixel (X, Y) of a W-wide screen at
     * X * 32768 / W (+ half a pixel): it must land on that pixel. */
    yk_abs_to_pixels(&r, 137 * 32768 / 800 + 20, 301 * 32768 / 480 + 34, 800, 480, &x, &y);
    CHECK((int)x == 137 && (int)y == 301);
    /* A touch monitor with an offset range (e.g. 200..3900 x 150..3950), clamped at its edges. */
    struct yk_abs_range t = {
        .valid = true, .min_x = 200, .max_x = 3899, .min_y = 150, .max_y = 3949};
    yk_abs_to_pixels(&t, 200 + 1850, 150 + 1900, 1920, 1080, &x, &y);
    CHECK(x == 960 && y == 540);
    yk_abs_to_pixels(&t, 100, 5000, 1920, 1080, &x, &y);
    CHECK(x == 0 && y == 1079);
    /* No absolute pointer known: positions are pixels already (a desktop mouse). */
    struct yk_abs_range none = {0};
    yk_abs_to_pixels(&none, 123, 45, 800, 480, &x, &y);
    CHECK(x == 123 && y == 45);

    /* Probing: a folder with no devices, and one whose "event0" is not a device (a FIFO,
     * as the evwait tests use), find nothing. */
    char dir[] = "/tmp/yk-abs-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    struct yk_abs_range p;
    CHECK(!yk_abs_probe(dir, &p) && !p.valid);
    char fifo[64];
    snprintf(fifo, sizeof fifo, "%s/event0", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    CHECK(!yk_abs_probe(dir, &p) && !p.valid);
    CHECK(p.fd == -1);
    unlink(fifo);
    rmdir(dir);

    /* Following the device's position: the events read from its fd (here a pipe), the last
     * ABS_X and ABS_Y win, other events are skipped; nothing new keeps the last position.
     * SDL's own position is not used (abspointer.h says why). */
    int fds[2];
    CHECK(pipe(fds) == 0);
    CHECK(fcntl(fds[0], F_SETFL, O_NONBLOCK) == 0);
    struct yk_abs_range dev = {.valid = true, .max_x = 32767, .max_y = 32767, .fd = fds[0]};
    struct input_event evs[] = {
        {.type = EV_ABS, .code = ABS_X, .value = 8622},
        {.type = EV_ABS, .code = ABS_Y, .value = 23244},
        {.type = EV_SYN, .code = SYN_REPORT},
        {.type = EV_KEY, .code = BTN_LEFT, .value = 1},
        {.type = EV_REL, .code = REL_X, .value = 5},
        {.type = EV_SYN, .code = SYN_REPORT},
    };
    CHECK(write(fds[1], evs, sizeof evs) == (ssize_t)sizeof evs);
    CHECK(yk_abs_position(&dev, &x, &y) && x == 8622 && y == 23244);
    yk_abs_to_pixels(&dev, x, y, 800, 480, &x, &y);
    CHECK((int)x == 210 && (int)y == 340);
    CHECK(yk_abs_position(&dev, &x, &y) && x == 8622 && y == 23244);
    struct input_event mv = {.type = EV_ABS, .code = ABS_X, .value = 100};
    CHECK(write(fds[1], &mv, sizeof mv) == (ssize_t)sizeof mv);
    CHECK(yk_abs_position(&dev, &x, &y) && x == 100 && y == 23244);
    yk_abs_close(&dev);
    CHECK(dev.fd == -1 && !yk_abs_position(&dev, &x, &y));
    close(fds[1]);
    return yk_test_done();
}
