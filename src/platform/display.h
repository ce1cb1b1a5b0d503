#ifndef YK_DISPLAY_H
#define YK_DISPLAY_H

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "platform/abspointer.h"
#include "platform/text.h"
#include "ui/kiosk.h"
#include "ui/ui.h"

/* The SDL side of the kiosk: window and renderer, rotation done in the app (SDL2 cannot
 * rotate a kmsdrm display), drawing the UI's command list, turning SDL events into app
 * input with the same rotation and the touch calibration, and waiting for input without
 * spinning. */

struct yk_display_params {
    bool headless;        /* dummy video driver + software renderer, for tests */
    bool fullscreen;
    int width, height;    /* window size (physical); 0 = the display's size */
    int rotation;         /* 0, 90, 180, 270 (clockwise) */
    struct yk_touch_cal cal;
    int dpi;              /* 0 = by screen size */
};

#define YK_MASK_CACHE 64

struct yk_display {
    struct yk_display_params p;
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *target;  /* the logical (unrotated) frame when rotation != 0 */
    int phys_w, phys_h;   /* output size in pixels */
    int log_w, log_h;     /* logical size (swapped for 90/270) */
    float px_per_mm;
    struct yk_text text;
    struct { uint64_t key; SDL_Texture *tex; uint64_t used; } masks[YK_MASK_CACHE];
    uint64_t frame;
    bool kmsdrm;          /* SDL's wait would poll: use our own (see wait.c) */
    struct yk_evwait *evwait;
    struct yk_abs_range abs; /* kmsdrm: an absolute pointer's axis ranges (abspointer.h) */
    char driver[32];
};

/* Opens the window and renderer and loads the font. On failure writes a message into err
 * (for the font: in Chinese and English, naming the package) and returns false. */
bool yk_display_init(struct yk_display *d, const struct yk_display_params *p, char *err,
                     size_t errn);

/* Frees everything (reverse order). Safe on a zeroed display. */
void yk_display_destroy(struct yk_display *d);

/* Draws the UI's commands and, when shot is non-NULL, saves the frame as PNG there before
 * presenting it. Returns false when saving failed. */
bool yk_display_draw(struct yk_display *d, const struct yk_ui *ui, const char *shot);

/* Turns an SDL event into app input. Returns true when *out was filled. Also reports
 * window size changes through *resized. */
bool yk_display_translate(struct yk_display *d, const SDL_Event *ev, struct yk_input *out,
                          bool *resized);

/* Logical point -> normalised raw touch coordinates (the inverse of what translate
 * applies), so the headless driver can inject real SDL finger events. */
void yk_display_logical_to_touch(const struct yk_display *d, float lx, float ly, float *tx,
                                 float *ty);

/* Waits for the next SDL event for up to timeout_ms (-1: no limit) without spinning.
 * Returns true and fills *ev when there is one. */
bool yk_display_wait(struct yk_display *d, SDL_Event *ev, int timeout_ms);

/* px per mm for a screen of this size when the config gives no DPI. */
float yk_display_default_px_per_mm(int w, int h);

#endif
