#ifndef YK_PLATFORM_TEXT_H
#define YK_PLATFORM_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Fonts, text measurement and rasterised text runs (SDL_ttf with HarfBuzz).
 * SDL_ttf keeps only 256 glyphs and Chinese uses thousands, so every line of text is
 * rasterised once into a texture and kept (LRU, bounded bytes) until it leaves the screen
 * long enough; widths are cached the same way. */

/* SDL's and SDL_ttf's types by name only (see display.h). */
struct SDL_Renderer;
struct SDL_Texture;
struct _TTF_Font;

struct yk_text_cache_entry;

struct yk_text {
    char regular_path[512], bold_path[512];
    int face_index; /* of Noto Sans CJK SC inside the .ttc */
    /* One open face per weight ([0] regular, [1] bold), set to the size last asked for: each
     * face opened holds its own parsed copy of the CJK font's tables (FreeType's and
     * HarfBuzz's, MiBs), so sizes share a face rather than each opening one. */
    struct {
        struct _TTF_Font *font;
        int px;
    } faces[2];
    struct yk_text_skip {
        int px; /* 0 = empty */
        bool bold;
        int skip;
    } skips[16];    /* line skips by size: layout asks often, a face's size need not change */
    uint64_t frame; /* the renderer's frame number, for the run LRU */

    struct {
        uint64_t key;
        int width;
    } * widths; /* open addressing, power of two */
    size_t widths_cap;

    struct yk_text_cache_entry *runs; /* texture cache, open hash + LRU by tick */
    size_t runs_cap, runs_count;
    size_t bytes, budget; /* texture bytes held / allowed */
    struct SDL_Renderer *renderer;
    /* figures for benchmarks */
    unsigned long rasterised, measured, resized; /* resized: a face set to another size */
};

/* Finds the font (see fonts/README.md) and opens it. On failure writes a message for
 * people (Chinese and English, with the package to install) into err and returns false. */
bool yk_text_init(struct yk_text *t, struct SDL_Renderer *r, size_t budget_bytes, char *err,
                  size_t errn);

/* Closes fonts and frees textures. Safe on a zeroed struct. */
void yk_text_destroy(struct yk_text *t);

/* yk_measure_fn: width of s[0..len) in px. */
int yk_text_measure(void *ctx, const char *s, size_t len, int px, bool bold);

/* The font's line height (line skip) at px. */
int yk_text_line_height(void *ctx, int px, bool bold);

/* The texture of one line of text, rendered white (tint with SDL_SetTextureColorMod).
 * Owned by the cache: valid until the next call. NULL if it could not be made. */
struct SDL_Texture *yk_text_texture(struct yk_text *t, const char *s, size_t len, int px, bool bold,
                                    int *w, int *h);

/* Drops all textures (e.g. the renderer was recreated). */
void yk_text_flush(struct yk_text *t);

#endif
