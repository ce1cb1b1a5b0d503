#ifndef YK_DISPLAY_H
#define YK_DISPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/config.h"
#include "platform/abspointer.h"
#include "platform/text.h"
#include "ui/input.h"
#include "ui/ui.h"

/* SDL's types by name only: this header is included above the platform layer (src/app),
 * which must not see SDL itself. The .c files include SDL. */
struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

/* The SDL side of the kiosk: window and renderer, rotation done in the app (SDL2 cannot
 * rotate a kmsdrm display), drawing the UI's command list, turning SDL events into app
 * input with the same rotation and the touch calibration, and waiting for input without
 * spinning. */

struct yk_display_params {
    bool headless; /* dummy video driver + software renderer, for tests */
    bool fullscreen;
    int width, height; /* window size (physical); 0 = the display's size */
    int rotation;      /* 0, 90, 180, 270 (clockwise) */
    struct yk_touch_cal cal;
    int dpi; /* 0 = by screen size */
};

#define YK_MASK_CACHE 64

struct yk_display {
    struct yk_display_params p;
    struct SDL_Window *window;
    struct SDL_Renderer *renderer;
    struct SDL_Texture *target; /* the logical (unrotated) frame when rotation != 0 */
    int phys_w, phys_h;         /* output size in pixels */
    int log_w, log_h;           /* logical size (swapped for 90/270) */
    float px_per_mm;
    struct yk_text text;
    struct {
        uint64_t key;
        struct SDL_Texture *tex;
        uint64_t used;
    } masks[YK_MASK_CACHE];
    uint64_t frame;
    bool kmsdrm; /* SDL's wait would poll: use our own (see wait.c) */
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
 * window size changes through *resized. (Within src/platform; above it, yk_display_next.) */
bool yk_display_translate(struct yk_display *d, const union SDL_Event *ev, struct yk_input *out,
                          bool *resized);

/* Logical point -> normalised raw touch coordinates (the inverse of what translate
 * applies), so the headless driver can inject real SDL finger events. */
void yk_display_logical_to_touch(const struct yk_display *d, float lx, float ly, float *tx,
                                 float *ty);

/* Waits for the next SDL event for up to timeout_ms (-1: no limit) without spinning.
 * Returns true and fills *ev when there is one. (Within src/platform; above it,
 * yk_display_next.) */
bool yk_display_wait(struct yk_display *d, union SDL_Event *ev, int timeout_ms);

/* The event pump and injection (events.c) ------------------------------------------------ */

/* What the platform hands the loop: at most one of these per event. */
struct yk_display_event {
    bool quit;             /* the window was closed or the process asked to stop */
    bool resized;          /* the output changed size: log_w, log_h and px_per_mm are new */
    bool has_input;        /* input holds a touch, text or key for the UI */
    struct yk_input input; /* in logical pixels, rotation and calibration applied */
};

/* Takes the next event, waiting up to timeout_ms for one (0: only what is queued; -1: no
 * limit) without spinning. True with *ev filled when there was one (which may carry
 * nothing for the UI: an event SDL reports that the kiosk ignores). */
bool yk_display_next(struct yk_display *d, struct yk_display_event *ev, int timeout_ms);

enum yk_finger { YK_FINGER_DOWN, YK_FINGER_MOVE, YK_FINGER_UP };

/* Queues a touch of finger 1 at logical point (lx, ly) as the panel would report it
 * (inverse rotation and calibration), so it goes through the same translation as a real
 * touch: for the headless driver and the benchmark. */
void yk_display_inject_finger(struct yk_display *d, enum yk_finger phase, float lx, float ly);

/* Queues text as a keyboard or a USB scanner delivers it: SDL text events of at most 31
 * bytes each, cut at UTF-8 character boundaries. */
void yk_display_inject_text(struct yk_display *d, const char *utf8);

/* Queues a press and release of the key SDL calls name ("Return", "Escape", "BackSpace",
 * "Tab", ...). False (nothing queued) for a name SDL does not know. */
bool yk_display_inject_key(struct yk_display *d, const char *name);

/* px per mm for a screen of this size when the config gives no DPI. */
float yk_display_default_px_per_mm(int w, int h);

#endif
