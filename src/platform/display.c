#include "platform/display.h"

#include "core/icons.h"
#include "core/log.h"
#include "core/qr.h"
#include "platform/evwait.h"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

float yk_display_default_px_per_mm(int w, int h)
{
    int m = w > h ? w : h;
    /* Typical panels of each size: the official 7" 800x480 (about 130 dpi), 7" 1024x600
     * (170), 720x1280 portrait panels (about 180), 1080p monitors of 21.5" (102). */
    float dpi = m <= 800    ? 130.0f
                : m <= 1024 ? 170.0f
                : m <= 1280 ? 180.0f
                : m <= 1920 ? 102.0f
                            : 96.0f;
    return dpi / 25.4f;
}

static void update_sizes(struct yk_display *d)
{
    SDL_GetRendererOutputSize(d->renderer, &d->phys_w, &d->phys_h);
    bool swap = d->p.rotation == 90 || d->p.rotation == 270;
    d->log_w = swap ? d->phys_h : d->phys_w;
    d->log_h = swap ? d->phys_w : d->phys_h;
    d->px_per_mm =
        d->p.dpi > 0 ? (float)d->p.dpi / 25.4f : yk_display_default_px_per_mm(d->phys_w, d->phys_h);
}

static bool make_target(struct yk_display *d, char *err, size_t errn)
{
    if (d->target) {
        SDL_DestroyTexture(d->target);
        d->target = NULL;
    }
    if (d->p.rotation == 0)
        return true;
    d->target = SDL_CreateTexture(d->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                  d->log_w, d->log_h);
    if (!d->target) {
        snprintf(err, errn, "cannot create the rotation target (%dx%d): %s", d->log_w, d->log_h,
                 SDL_GetError());
        return false;
    }
    return true;
}

/* SDL falls back to its offscreen driver when it finds no display (no DISPLAY or
 * WAYLAND_DISPLAY, no usable DRM device), and the kiosk would "run" with nothing on any
 * screen. Outside --headless that is an error; on a terminal systemd retries and the
 * journal says why. A developer who names the driver in SDL_VIDEODRIVER gets a warning. */
static bool visible_driver(const char *drv, char *err, size_t errn)
{
    if (strcmp(drv, "offscreen") != 0 && strcmp(drv, "dummy") != 0)
        return true;
    const char *asked = getenv("SDL_VIDEODRIVER");
    if (asked && strcmp(asked, drv) == 0) {
        yk_warn("display", "SDL_VIDEODRIVER=%s: nothing will be shown on any screen", drv);
        return true;
    }
    snprintf(err, errn,
             "没有可用的显示器：SDL 只找到了不显示画面的“%s”驱动（没有 DISPLAY 或 "
             "WAYLAND_DISPLAY，也没有可用的 /dev/dri/card*）。请检查屏幕连线，终端上确认用户属于 "
             "video 和 render 组；测试请用 --headless。\n"
             "No display: SDL found only its '%s' driver, which shows nothing (no DISPLAY or "
             "WAYLAND_DISPLAY, no usable /dev/dri/card*). Check the screen's cable and, on a "
             "terminal, that the user is in the video and render groups; for tests use "
             "--headless.",
             drv, drv);
    return false;
}

/* The GL implementation behind an OpenGL (ES) renderer, e.g. "V3D 4.2" on a Pi 4 (the GPU)
 * or "llvmpipe (LLVM 15.0.6, 128 bits)" (Mesa's software rasteriser, as in the QEMU boot
 * test): the log line that tells a technician which one a terminal got. The renderer's
 * context is current right after SDL_CreateRenderer. "-" for the other renderers. */
static const char *gl_renderer(const char *renderer_name)
{
    if (strncmp(renderer_name, "opengl", 6) != 0)
        return "-";
    typedef const unsigned char *(*get_string_fn)(unsigned int);
    get_string_fn get_string = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
    const unsigned int gl_renderer_enum = 0x1F01; /* GL_RENDERER, GL and GLES alike */
    const unsigned char *s = get_string ? get_string(gl_renderer_enum) : NULL;
    return s ? (const char *)s : "?";
}

bool yk_display_init(struct yk_display *d, const struct yk_display_params *p, char *err,
                     size_t errn)
{
    memset(d, 0, sizeof *d);
    d->abs.fd = -1;
    d->p = *p;
    if (p->headless)
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    /* Touches are handled as touches; no synthetic mouse events either way. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_DOUBLE_BUFFER, "1");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    const char *rd = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (p->headless || (rd && strcmp(rd, "software") == 0)) {
        /* Otherwise SDL backs the software renderer's window surface with an OpenGL
         * texture, loading Mesa and LLVM (some 60 MiB) for nothing. */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(err, errn, "cannot start SDL video: %s", SDL_GetError());
        return false;
    }
    const char *drv = SDL_GetCurrentVideoDriver();
    snprintf(d->driver, sizeof d->driver, "%s", drv ? drv : "?");
    d->kmsdrm = drv && strcmp(drv, "KMSDRM") == 0;
    if (!p->headless && !visible_driver(d->driver, err, errn)) {
        SDL_Quit();
        return false;
    }
    if (d->kmsdrm)
        yk_abs_probe(NULL, &d->abs);

    int w = p->width, h = p->height;
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (p->fullscreen && !p->headless) {
        SDL_DisplayMode mode;
        if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
            w = mode.w;
            h = mode.h;
        }
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    if (w <= 0 || h <= 0) {
        w = 800;
        h = 480;
    }
    d->window = SDL_CreateWindow("益空间 Yikong Kiosk", SDL_WINDOWPOS_CENTERED,
                                 SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!d->window) {
        snprintf(err, errn, "cannot open a %dx%d window (%s driver): %s", w, h, d->driver,
                 SDL_GetError());
        goto fail;
    }
    Uint32 rflags = p->headless ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_PRESENTVSYNC;
    d->renderer = SDL_CreateRenderer(d->window, -1, rflags | SDL_RENDERER_TARGETTEXTURE);
    if (!d->renderer && !p->headless)
        d->renderer = SDL_CreateRenderer(d->window, -1, SDL_RENDERER_SOFTWARE);
    if (!d->renderer) {
        snprintf(err, errn, "cannot create a renderer: %s", SDL_GetError());
        goto fail;
    }
    if (p->fullscreen && !p->headless)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_SetRenderDrawBlendMode(d->renderer, SDL_BLENDMODE_BLEND);
    update_sizes(d);
    if (!make_target(d, err, errn))
        goto fail;
    size_t budget = (size_t)d->log_w * d->log_h * 4 * 2;
    if (budget < 4u << 20)
        budget = 4u << 20;
    if (!yk_text_init(&d->text, d->renderer, budget, err, errn))
        goto fail;
    /* kmsdrm (and dummy) have no blocking wait in SDL 2.26: sleep on the input devices.
     * YK_WAIT=evdev forces this path elsewhere (tests and benchmarks of it). */
    const char *wait = getenv("YK_WAIT");
    if (d->kmsdrm || (wait && strcmp(wait, "evdev") == 0))
        d->evwait = yk_evwait_open();
    SDL_StartTextInput(); /* USB barcode scanners type their codes */
    SDL_RendererInfo info;
    SDL_GetRendererInfo(d->renderer, &info);
    yk_info("display",
            "%s driver, %s renderer (%s), %dx%d output, %dx%d logical, rotation %d, "
            "%.2f px/mm",
            d->driver, info.name, gl_renderer(info.name), d->phys_w, d->phys_h, d->log_w, d->log_h,
            p->rotation, d->px_per_mm);
    return true;
fail:
    yk_display_destroy(d);
    return false;
}

void yk_display_destroy(struct yk_display *d)
{
    yk_evwait_close(d->evwait);
    yk_abs_close(&d->abs);
    yk_text_destroy(&d->text);
    for (int i = 0; i < YK_MASK_CACHE; i++)
        if (d->masks[i].tex)
            SDL_DestroyTexture(d->masks[i].tex);
    if (d->target)
        SDL_DestroyTexture(d->target);
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    if (d->window)
        SDL_DestroyWindow(d->window);
    if (TTF_WasInit())
        TTF_Quit();
    if (SDL_WasInit(SDL_INIT_VIDEO))
        SDL_Quit();
    memset(d, 0, sizeof *d);
    d->abs.fd = -1;
}

/* ---------------------------------------------------------------- masks (icons, corners, QR) */

static SDL_Texture *texture_from_alpha(SDL_Renderer *r, const uint8_t *a, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < w; x++)
            row[x] = (Uint32)a[y * w + x] << 24 | 0xFFFFFFu;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

static SDL_Texture *texture_from_gray(SDL_Renderer *r, const uint8_t *g, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < w; x++) {
            Uint32 v = g[y * w + x];
            row[x] = 0xFF000000u | v << 16 | v << 8 | v;
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
    SDL_FreeSurface(s);
    return t;
}

/* A quarter-circle-friendly full circle of diameter 2r, 4x4 supersampled. */
static uint8_t *circle_alpha(int r)
{
    int n = 2 * r;
    uint8_t *a = malloc((size_t)n * n);
    if (!a)
        return NULL;
    for (int y = 0; y < n; y++)
        for (int x = 0; x < n; x++) {
            int in = 0;
            for (int sy = 0; sy < 4; sy++)
                for (int sx = 0; sx < 4; sx++) {
                    float fx = (float)x + (sx + 0.5f) / 4.0f - (float)r;
                    float fy = (float)y + (sy + 0.5f) / 4.0f - (float)r;
                    in += fx * fx + fy * fy <= (float)r * (float)r;
                }
            a[y * n + x] = (uint8_t)(in * 255 / 16);
        }
    return a;
}

enum mask_kind { MASK_CIRCLE = 1, MASK_ICON = 2, MASK_QR = 3 };

static SDL_Texture *cached_mask(struct yk_display *d, uint64_t key)
{
    for (int i = 0; i < YK_MASK_CACHE; i++)
        if (d->masks[i].tex && d->masks[i].key == key) {
            d->masks[i].used = d->frame;
            return d->masks[i].tex;
        }
    return NULL;
}

static void cache_mask(struct yk_display *d, uint64_t key, SDL_Texture *t)
{
    int lru = 0;
    for (int i = 0; i < YK_MASK_CACHE; i++) {
        if (!d->masks[i].tex) {
            lru = i;
            break;
        }
        if (d->masks[i].used < d->masks[lru].used)
            lru = i;
    }
    if (d->masks[lru].tex)
        SDL_DestroyTexture(d->masks[lru].tex);
    d->masks[lru].key = key;
    d->masks[lru].tex = t;
    d->masks[lru].used = d->frame;
}

static uint64_t mask_key(int kind, int a, int b, uint64_t c)
{
    return (uint64_t)kind << 60 ^ (uint64_t)(unsigned)a << 40 ^ (uint64_t)(unsigned)b << 20 ^ c;
}

static void tint(SDL_Texture *t, struct yk_color c)
{
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(t, c.a);
}

static void fill_rect(SDL_Renderer *r, int x, int y, int w, int h)
{
    if (w > 0 && h > 0)
        SDL_RenderFillRect(r, &(SDL_Rect){x, y, w, h});
}

static void draw_fill(struct yk_display *d, const struct yk_cmd *c)
{
    SDL_Renderer *r = d->renderer;
    SDL_SetRenderDrawColor(r, c->color.r, c->color.g, c->color.b, c->color.a);
    int rad = c->radius;
    const struct yk_rect b = c->r;
    if (rad <= 1) {
        fill_rect(r, b.x, b.y, b.w, b.h);
        return;
    }
    uint64_t key = mask_key(MASK_CIRCLE, rad, 0, 0);
    SDL_Texture *t = cached_mask(d, key);
    if (!t) {
        uint8_t *a = circle_alpha(rad);
        t = a ? texture_from_alpha(r, a, 2 * rad, 2 * rad) : NULL;
        free(a);
        if (!t) {
            fill_rect(r, b.x, b.y, b.w, b.h);
            return;
        }
        cache_mask(d, key, t);
    }
    tint(t, c->color);
    /* Four corners from the circle's quarters, then the cross between them. */
    SDL_RenderCopy(r, t, &(SDL_Rect){0, 0, rad, rad}, &(SDL_Rect){b.x, b.y, rad, rad});
    SDL_RenderCopy(r, t, &(SDL_Rect){rad, 0, rad, rad},
                   &(SDL_Rect){b.x + b.w - rad, b.y, rad, rad});
    SDL_RenderCopy(r, t, &(SDL_Rect){0, rad, rad, rad},
                   &(SDL_Rect){b.x, b.y + b.h - rad, rad, rad});
    SDL_RenderCopy(r, t, &(SDL_Rect){rad, rad, rad, rad},
                   &(SDL_Rect){b.x + b.w - rad, b.y + b.h - rad, rad, rad});
    fill_rect(r, b.x + rad, b.y, b.w - 2 * rad, b.h);
    fill_rect(r, b.x, b.y + rad, rad, b.h - 2 * rad);
    fill_rect(r, b.x + b.w - rad, b.y + rad, rad, b.h - 2 * rad);
}

static void draw_icon(struct yk_display *d, const struct yk_cmd *c)
{
    int size = c->r.w < c->r.h ? c->r.w : c->r.h;
    if (size <= 0)
        return;
    uint64_t key = mask_key(MASK_ICON, c->icon, size, 0);
    SDL_Texture *t = cached_mask(d, key);
    if (!t) {
        uint8_t *a = calloc((size_t)size * size, 1);
        if (!a)
            return;
        if (yk_icon_render((enum yk_icon)c->icon, size, a))
            t = texture_from_alpha(d->renderer, a, size, size);
        free(a);
        if (!t)
            return;
        cache_mask(d, key, t);
    }
    tint(t, c->color);
    SDL_RenderCopy(
        d->renderer, t, NULL,
        &(SDL_Rect){c->r.x + (c->r.w - size) / 2, c->r.y + (c->r.h - size) / 2, size, size});
}

static uint64_t str_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    return h & 0xFFFFFFFFFFull;
}

static void draw_qr(struct yk_display *d, const struct yk_cmd *c)
{
    uint64_t key = mask_key(MASK_QR, c->module_px, c->r.w, str_hash(c->text, c->len));
    SDL_Texture *t = cached_mask(d, key);
    if (!t) {
        struct yk_qr qr;
        if (!yk_qr_encode(&qr, c->text, YK_QR_ECC_M))
            return;
        int px = (qr.size + 8) * c->module_px;
        uint8_t *g = malloc((size_t)px * px);
        if (g) {
            yk_qr_render_gray(&qr, c->module_px, g, px);
            t = texture_from_gray(d->renderer, g, px, px);
            free(g);
        }
        yk_qr_destroy(&qr);
        if (!t)
            return;
        cache_mask(d, key, t);
    }
    int w, h;
    SDL_QueryTexture(t, NULL, NULL, &w, &h);
    /* Copied 1:1: every module keeps exactly module_px pixels. */
    SDL_RenderCopy(d->renderer, t, NULL, &(SDL_Rect){c->r.x, c->r.y, w, h});
}

static void draw_text(struct yk_display *d, const struct yk_cmd *c)
{
    int w, h;
    SDL_Texture *t = yk_text_texture(&d->text, c->text, c->len, c->px, c->bold, &w, &h);
    if (!t)
        return;
    tint(t, c->color);
    SDL_RenderCopy(d->renderer, t, NULL, &(SDL_Rect){c->r.x, c->r.y + (c->r.h - h) / 2, w, h});
}

/* A photo: decoded once with SDL2_image and cached by its content hash in the mask cache,
 * drawn fitted inside the box keeping its aspect ratio. An image that does not decode
 * draws nothing and is logged once (remembered here so it is not decoded every frame). */
static void draw_image(struct yk_display *d, const struct yk_cmd *c)
{
    enum { MASK_IMAGE = 4 };
    static uint64_t broken[16]; /* keys never 0: the kind is in the top bits */
    static unsigned next_broken;
    if (!c->blob || !c->blob_len || c->r.w <= 0 || c->r.h <= 0)
        return;
    uint64_t key = mask_key(MASK_IMAGE, 0, 0, str_hash(c->text, c->len));
    SDL_Texture *t = cached_mask(d, key);
    if (!t) {
        for (int i = 0; i < 16; i++)
            if (broken[i] == key)
                return;
        SDL_RWops *rw =
            c->blob_len <= INT32_MAX ? SDL_RWFromConstMem(c->blob, (int)c->blob_len) : NULL;
        SDL_Surface *s = rw ? IMG_Load_RW(rw, 1) : NULL;
        if (s) {
            t = SDL_CreateTextureFromSurface(d->renderer, s);
            SDL_FreeSurface(s);
        }
        if (!t) {
            yk_error("display", "cannot show image %.*s: %s", (int)c->len, c->text, IMG_GetError());
            broken[next_broken++ % 16] = key;
            return;
        }
        SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
        cache_mask(d, key, t);
    }
    int w, h;
    if (SDL_QueryTexture(t, NULL, NULL, &w, &h) != 0 || w <= 0 || h <= 0)
        return;
    /* Fit: the whole image inside the box, centred. */
    int dw = c->r.w, dh = (int)((long long)c->r.w * h / w);
    if (dh > c->r.h) {
        dh = c->r.h;
        dw = (int)((long long)c->r.h * w / h);
    }
    SDL_RenderCopy(d->renderer, t, NULL,
                   &(SDL_Rect){c->r.x + (c->r.w - dw) / 2, c->r.y + (c->r.h - dh) / 2, dw, dh});
}

bool yk_display_draw(struct yk_display *d, const struct yk_ui *ui, const char *shot)
{
    SDL_Renderer *r = d->renderer;
    d->frame++;
    d->text.frame = d->frame;
    SDL_SetRenderTarget(r, d->target);
    SDL_RenderSetClipRect(r, NULL);
    /* Screens start with an opaque fill of the whole screen: then clearing first would
     * only cost another full-screen pass. */
    const struct yk_cmd *c0 = ui->n_cmds ? &ui->cmds[0] : NULL;
    if (!c0 || c0->type != YK_CMD_FILL || c0->color.a != 255 || c0->radius || c0->r.x > 0 ||
        c0->r.y > 0 || c0->r.w < d->log_w || c0->r.h < d->log_h) {
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
    }
    for (size_t i = 0; i < ui->n_cmds; i++) {
        const struct yk_cmd *c = &ui->cmds[i];
        switch (c->type) {
        case YK_CMD_FILL:
            draw_fill(d, c);
            break;
        case YK_CMD_TEXT:
            draw_text(d, c);
            break;
        case YK_CMD_ICON:
            draw_icon(d, c);
            break;
        case YK_CMD_QR:
            draw_qr(d, c);
            break;
        case YK_CMD_IMAGE:
            draw_image(d, c);
            break;
        case YK_CMD_CLIP:
            if (c->r.w > 0 && c->r.h > 0)
                SDL_RenderSetClipRect(r, &(SDL_Rect){c->r.x, c->r.y, c->r.w, c->r.h});
            else
                SDL_RenderSetClipRect(r, NULL);
            break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
    if (d->target) {
        SDL_SetRenderTarget(r, NULL);
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
        /* Rotate about the centre so the logical frame covers the panel exactly. */
        SDL_Rect dst = {(d->phys_w - d->log_w) / 2, (d->phys_h - d->log_h) / 2, d->log_w, d->log_h};
        SDL_RenderCopyEx(r, d->target, NULL, &dst, d->p.rotation, NULL, SDL_FLIP_NONE);
    }
    bool ok = true;
    if (shot) {
        SDL_Surface *s =
            SDL_CreateRGBSurfaceWithFormat(0, d->phys_w, d->phys_h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!s ||
            SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0 ||
            IMG_SavePNG(s, shot) != 0) {
            yk_error("display", "cannot save screenshot %s: %s", shot, SDL_GetError());
            ok = false;
        }
        SDL_FreeSurface(s);
    }
    SDL_RenderPresent(r);
    return ok;
}

/* ---------------------------------------------------------------- input */

/* Physical pixel -> logical pixel, undoing the clockwise rotation applied when drawing. */
static void phys_to_logical(const struct yk_display *d, float px, float py, float *lx, float *ly)
{
    switch (d->p.rotation) {
    case 90:
        *lx = py;
        *ly = (float)d->phys_w - px;
        break;
    case 180:
        *lx = (float)d->phys_w - px;
        *ly = (float)d->phys_h - py;
        break;
    case 270:
        *lx = (float)d->phys_h - py;
        *ly = px;
        break;
    default:
        *lx = px;
        *ly = py;
        break;
    }
}

static void logical_to_phys(const struct yk_display *d, float lx, float ly, float *px, float *py)
{
    switch (d->p.rotation) {
    case 90:
        *px = (float)d->phys_w - ly;
        *py = lx;
        break;
    case 180:
        *px = (float)d->phys_w - lx;
        *py = (float)d->phys_h - ly;
        break;
    case 270:
        *px = ly;
        *py = (float)d->phys_h - lx;
        break;
    default:
        *px = lx;
        *py = ly;
        break;
    }
}

void yk_display_logical_to_touch(const struct yk_display *d, float lx, float ly, float *tx,
                                 float *ty)
{
    float px, py;
    logical_to_phys(d, lx, ly, &px, &py);
    double nx = px / d->phys_w, ny = py / d->phys_h;
    /* Invert the calibration: raw = M^-1 (display - t). */
    const struct yk_touch_cal *c = &d->p.cal;
    double det = c->a * c->e - c->b * c->d;
    double x = nx - c->c, y = ny - c->f;
    *tx = (float)((c->e * x - c->b * y) / det);
    *ty = (float)((-c->d * x + c->a * y) / det);
}

static void touch_to_logical(const struct yk_display *d, float tx, float ty, float *lx, float *ly)
{
    const struct yk_touch_cal *c = &d->p.cal;
    double nx = c->a * tx + c->b * ty + c->c;
    double ny = c->d * tx + c->e * ty + c->f;
    phys_to_logical(d, (float)(nx * d->phys_w), (float)(ny * d->phys_h), lx, ly);
}

/* Mouse position -> logical point. On kmsdrm an absolute pointer's position is its raw
 * axis value (abspointer.h): scale by the device's range. A position beyond the output with
 * no range known means such a device was plugged in after start: look again. */
static void mouse_to_logical(struct yk_display *d, float x, float y, float *lx, float *ly)
{
    float px, py;
    if (d->kmsdrm && !d->abs.valid && (x >= (float)d->phys_w || y >= (float)d->phys_h))
        yk_abs_probe(NULL, &d->abs);
    if (d->abs.valid) {
        yk_abs_position(&d->abs, &x, &y); /* the device's own position, not SDL's */
        yk_abs_to_pixels(&d->abs, x, y, d->phys_w, d->phys_h, &px, &py);
    } else {
        int ww, wh;
        SDL_GetWindowSize(d->window, &ww, &wh);
        px = x * (ww ? (float)d->phys_w / ww : 1);
        py = y * (wh ? (float)d->phys_h / wh : 1);
    }
    phys_to_logical(d, px, py, lx, ly);
}

static enum yk_key map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return YK_KEY_RETURN;
    case SDLK_ESCAPE:
        return YK_KEY_ESCAPE;
    case SDLK_BACKSPACE:
        return YK_KEY_BACKSPACE;
    case SDLK_TAB:
        return YK_KEY_TAB;
    default:
        return YK_KEY_OTHER;
    }
}

bool yk_display_translate(struct yk_display *d, const SDL_Event *ev, struct yk_input *out,
                          bool *resized)
{
    memset(out, 0, sizeof *out);
    *resized = false;
    switch (ev->type) {
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        out->type = ev->type == SDL_FINGERDOWN ? YK_IN_DOWN
                    : ev->type == SDL_FINGERUP ? YK_IN_UP
                                               : YK_IN_MOVE;
        out->pointer = (int64_t)ev->tfinger.fingerId;
        touch_to_logical(d, ev->tfinger.x, ev->tfinger.y, &out->x, &out->y);
        return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
            return false;
        out->type = ev->type == SDL_MOUSEBUTTONDOWN ? YK_IN_DOWN : YK_IN_UP;
        out->pointer = -1;
        mouse_to_logical(d, (float)ev->button.x, (float)ev->button.y, &out->x, &out->y);
        return true;
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK))
            return false;
        out->type = YK_IN_MOVE;
        out->pointer = -1;
        mouse_to_logical(d, (float)ev->motion.x, (float)ev->motion.y, &out->x, &out->y);
        return true;
    case SDL_TEXTINPUT:
        out->type = YK_IN_TEXT;
        snprintf(out->text, sizeof out->text, "%s", ev->text.text);
        return true;
    case SDL_KEYDOWN:
        out->type = YK_IN_KEY;
        out->key = map_key(ev->key.keysym.sym);
        return out->key != YK_KEY_OTHER;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            update_sizes(d);
            char err[256];
            if (!make_target(d, err, sizeof err))
                yk_error("display", "%s", err);
            *resized = true;
        } else if (ev->window.event == SDL_WINDOWEVENT_EXPOSED) {
            *resized = true; /* redraw */
        }
        return false;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        yk_text_flush(&d->text);
        for (int i = 0; i < YK_MASK_CACHE; i++) {
            if (d->masks[i].tex)
                SDL_DestroyTexture(d->masks[i].tex);
            d->masks[i].tex = NULL;
        }
        *resized = true;
        return false;
    default:
        return false;
    }
}

bool yk_display_wait(struct yk_display *d, SDL_Event *ev, int timeout_ms)
{
    if (SDL_PollEvent(ev))
        return true;
    if (timeout_ms == 0)
        return false;
    if (d->evwait) {
        /* SDL would poll every millisecond here; sleep in poll() on the devices instead. */
        yk_evwait_wait(d->evwait, timeout_ms);
        return SDL_PollEvent(ev) != 0;
    }
    return SDL_WaitEventTimeout(ev, timeout_ms < 0 ? 60000 : timeout_ms) != 0;
}
