#ifndef YK_ABSPOINTER_H
#define YK_ABSPOINTER_H

#include <stdbool.h>

/* Absolute pointers on kmsdrm. SDL 2.26's evdev layer turns a device with ABS_X/ABS_Y and
 * buttons but no multitouch (QEMU's virtio tablet, USB touch monitors that present as a
 * "mouse" with absolute axes) into mouse events whose x/y are the device's raw axis values
 * (often 0..32767), not screen pixels. The range comes from the device itself (EVIOCGABS);
 * the app scales with it. Multitouch panels are not affected: they arrive as SDL finger
 * events already normalised to 0..1. */

struct yk_abs_range {
    bool valid;
    int min_x, max_x, min_y, max_y;
    /* The device, kept open (non-blocking) to follow its position: SDL's own mouse position
     * cannot be trusted for such a device. SDL takes the raw axis values for pixels; while
     * its window has mouse focus, the first move lands "outside" the window and is dropped
     * together with the focus, so the first touch after a start was taken at the old
     * position (seen in the QEMU boot test: the first tap on 活动报名 did nothing).
     * -1 when none; x, y the last axis values read. */
    int fd;
    int x, y;
};

/* Looks in dir (NULL: $YK_INPUT_DIR or /dev/input) for the first event device that is an
 * absolute pointer (ABS_X, ABS_Y, a button or BTN_TOUCH, no ABS_MT_POSITION_X) and fills
 * *out with its axis ranges, its current position and its open fd (close with
 * yk_abs_close). Returns false (out->valid false, out->fd -1) when there is none or the
 * devices cannot be read (not in the 'input' group). */
bool yk_abs_probe(const char *dir, struct yk_abs_range *out);

/* Reads what the device has sent since the last call and returns its latest position in
 * *x, *y (raw axis values). False if there is no device (r->fd < 0). */
bool yk_abs_position(struct yk_abs_range *r, float *x, float *y);

/* Closes the device (r->fd), if open. */
void yk_abs_close(struct yk_abs_range *r);

/* Maps a raw axis position to a pixel of an output w x h pixels, clamped to the output.
 * With an invalid range (or r NULL) the position is returned as it is. */
void yk_abs_to_pixels(const struct yk_abs_range *r, float x, float y, int w, int h, float *px,
                      float *py);

#endif
