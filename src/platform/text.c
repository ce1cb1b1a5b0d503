#include "platform/text.h"

#include "core/log.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef YK_FONTS_DIR
#define YK_FONTS_DIR "/usr/share/yikong/fonts"
#endif

struct yk_text_cache_entry {
    uint64_t key; /* 0 = empty */
    SDL_Texture *tex;
    int w, h;
    uint64_t used;
};

static uint64_t hash_run(const char *s, size_t len, int px, bool bold)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a 64 */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    h ^= ((uint64_t)px << 1 | bold) * 0x9E3779B97F4A7C15ull;
    h ^= len * 0xC2B2AE3D27D4EB4Full;
    return h ? h : 1;
}

/* Reads "regular<TAB>bold" lines from DIR/fonts.list; the first pair of existing files wins.
 * A relative path is taken relative to DIR. */
static bool from_list(struct yk_text *t, const char *dir)
{
    char path[600];
    snprintf(path, sizeof path, "%s/fonts.list", dir);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    char line[1200];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        const char *reg = line, *bold = tab ? tab + 1 : line;
        if (tab)
            *tab = 0;
        char r[512], b[512];
        int rn = snprintf(r, sizeof r, "%s%s%s", reg[0] == '/' ? "" : dir, reg[0] == '/' ? "" : "/",
                          reg);
        int bn = snprintf(b, sizeof b, "%s%s%s", bold[0] == '/' ? "" : dir,
                          bold[0] == '/' ? "" : "/", bold);
        if (rn < 0 || (size_t)rn >= sizeof r || bn < 0 || (size_t)bn >= sizeof b)
            continue; /* a path too long to be real */
        if (access(r, R_OK) == 0) {
            snprintf(t->regular_path, sizeof t->regular_path, "%s", r);
            snprintf(t->bold_path, sizeof t->bold_path, "%s", access(b, R_OK) == 0 ? b : r);
            found = true;
        }
    }
    fclose(f);
    return found;
}

static bool find_face(struct yk_text *t)
{
    /* The .ttc holds JP, KR, SC, TC, HK faces; Simplified Chinese glyph forms are SC. */
    for (int i = 0; i < 10; i++) {
        TTF_Font *f = TTF_OpenFontIndex(t->regular_path, 12, i);
        if (!f)
            break;
        const char *fam = TTF_FontFaceFamilyName(f);
        bool sc = fam && strcmp(fam, "Noto Sans CJK SC") == 0;
        bool any = i == 0 && fam && strstr(fam, "CJK") == NULL;
        TTF_CloseFont(f);
        if (sc || any) {
            t->face_index = i;
            return true;
        }
    }
    return false;
}

bool yk_text_init(struct yk_text *t, SDL_Renderer *r, size_t budget_bytes, char *err, size_t errn)
{
    memset(t, 0, sizeof *t);
    t->renderer = r;
    t->budget = budget_bytes;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errn, "SDL_ttf: %s", TTF_GetError());
        return false;
    }
    const char *env = getenv("YK_FONTS_DIR");
    bool found = (env && from_list(t, env)) || from_list(t, YK_FONTS_DIR);
    if (!found || !find_face(t)) {
        snprintf(err, errn,
                 "找不到字体 Noto Sans CJK SC。请安装 Debian 软件包 fonts-noto-cjk"
                 "（sudo apt-get install fonts-noto-cjk）。\n"
                 "No usable font: Noto Sans CJK SC was not found (looked in %s/fonts.list). "
                 "Install the Debian package fonts-noto-cjk (sudo apt-get install fonts-noto-cjk).",
                 env ? env : YK_FONTS_DIR);
        return false;
    }
    t->widths_cap = 8192;
    t->widths = calloc(t->widths_cap, sizeof *t->widths);
    t->runs_cap = 2048;
    t->runs = calloc(t->runs_cap, sizeof *t->runs);
    if (!t->widths || !t->runs) {
        snprintf(err, errn, "out of memory");
        yk_text_destroy(t);
        return false;
    }
    yk_info("text", "font %s (face %d)", t->regular_path, t->face_index);
    return true;
}

void yk_text_flush(struct yk_text *t)
{
    for (size_t i = 0; i < t->runs_cap; i++) {
        if (t->runs && t->runs[i].key && t->runs[i].tex)
            SDL_DestroyTexture(t->runs[i].tex);
    }
    if (t->runs)
        memset(t->runs, 0, t->runs_cap * sizeof *t->runs);
    t->runs_count = 0;
    t->bytes = 0;
}

void yk_text_destroy(struct yk_text *t)
{
    yk_text_flush(t);
    for (int i = 0; i < 2; i++)
        if (t->faces[i].font)
            TTF_CloseFont(t->faces[i].font);
    free(t->widths);
    free(t->runs);
    memset(t, 0, sizeof *t);
}

/* The face of that weight at px: opened on first use, else set to px when it is at another
 * size (TTF_SetFontSize: SDL_ttf drops its glyph cache; widths and lines are cached above). */
static TTF_Font *font_for(struct yk_text *t, int px, bool bold)
{
    TTF_Font **f = &t->faces[bold].font;
    if (!*f) {
        *f = TTF_OpenFontIndex(bold ? t->bold_path : t->regular_path, px, t->face_index);
        if (!*f) {
            yk_error("text", "cannot open font at %d px: %s", px, TTF_GetError());
            return NULL;
        }
        TTF_SetFontHinting(*f, TTF_HINTING_LIGHT);
    } else if (t->faces[bold].px != px) {
        if (TTF_SetFontSize(*f, px) != 0) {
            yk_error("text", "cannot set the font to %d px: %s", px, TTF_GetError());
            t->faces[bold].px = 0;
            return NULL;
        }
        t->resized++;
    }
    t->faces[bold].px = px;
    return *f;
}

int yk_text_measure(void *ctx, const char *s, size_t len, int px, bool bold)
{
    struct yk_text *t = ctx;
    if (len == 0)
        return 0;
    uint64_t key = hash_run(s, len, px, bold);
    size_t mask = t->widths_cap - 1, i = key & mask;
    /* A small fixed table: a miss simply overwrites (bounded memory, no rehash). */
    for (size_t probe = 0; probe < 4; probe++, i = (i + 1) & mask)
        if (t->widths[i].key == key)
            return t->widths[i].width;
    TTF_Font *f = font_for(t, px, bold);
    if (!f)
        return (int)len * px;
    char stack[512];
    char *buf = len < sizeof stack ? stack : malloc(len + 1);
    if (!buf)
        return (int)len * px;
    memcpy(buf, s, len);
    buf[len] = 0;
    int w = 0, h = 0;
    if (TTF_SizeUTF8(f, buf, &w, &h) != 0)
        w = (int)len * px;
    if (buf != stack)
        free(buf);
    t->measured++;
    i = key & mask;
    for (size_t probe = 0; probe < 4; probe++, i = (i + 1) & mask) {
        if (!t->widths[i].key)
            break;
    }
    if (t->widths[i].key)
        i = key & mask;
    t->widths[i].key = key;
    t->widths[i].width = w;
    return w;
}

int yk_text_line_height(void *ctx, int px, bool bold)
{
    struct yk_text *t = ctx;
    size_t n = sizeof t->skips / sizeof t->skips[0], i = 0;
    for (; i < n && t->skips[i].px; i++)
        if (t->skips[i].px == px && t->skips[i].bold == bold)
            return t->skips[i].skip;
    TTF_Font *f = font_for(t, px, bold);
    if (!f)
        return px * 3 / 2;
    int skip = TTF_FontLineSkip(f);
    if (i < n) /* a full table (more sizes than a theme has) just asks the face */
        t->skips[i] = (struct yk_text_skip){px, bold, skip};
    return skip;
}

/* Evicts least recently used runs until the cache is under budget and has room. */
static void evict(struct yk_text *t, size_t need)
{
    while ((t->bytes + need > t->budget || t->runs_count * 2 >= t->runs_cap) && t->runs_count) {
        size_t lru = SIZE_MAX;
        for (size_t i = 0; i < t->runs_cap; i++)
            if (t->runs[i].key && (lru == SIZE_MAX || t->runs[i].used < t->runs[lru].used))
                lru = i;
        if (lru == SIZE_MAX)
            break;
        /* Never evict what this frame already drew. */
        if (t->runs[lru].used == t->frame)
            break;
        t->bytes -= (size_t)t->runs[lru].w * t->runs[lru].h * 4;
        SDL_DestroyTexture(t->runs[lru].tex);
        t->runs[lru].key = 0;
        t->runs_count--;
        /* Re-insert the rest of the cluster so lookups stay correct (linear probing). */
        size_t mask = t->runs_cap - 1;
        for (size_t j = (lru + 1) & mask; t->runs[j].key; j = (j + 1) & mask) {
            struct yk_text_cache_entry e = t->runs[j];
            t->runs[j].key = 0;
            size_t k = e.key & mask;
            while (t->runs[k].key)
                k = (k + 1) & mask;
            t->runs[k] = e;
        }
    }
}

SDL_Texture *yk_text_texture(struct yk_text *t, const char *s, size_t len, int px, bool bold,
                             int *w, int *h)
{
    uint64_t key = hash_run(s, len, px, bold);
    size_t mask = t->runs_cap - 1, i = key & mask;
    for (; t->runs[i].key; i = (i + 1) & mask) {
        if (t->runs[i].key == key) {
            t->runs[i].used = t->frame;
            *w = t->runs[i].w;
            *h = t->runs[i].h;
            return t->runs[i].tex;
        }
    }
    TTF_Font *f = font_for(t, px, bold);
    if (!f)
        return NULL;
    char stack[512];
    char *buf = len < sizeof stack ? stack : malloc(len + 1);
    if (!buf)
        return NULL;
    memcpy(buf, s, len);
    buf[len] = 0;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, buf, (SDL_Color){255, 255, 255, 255});
    if (buf != stack)
        free(buf);
    if (!surf) {
        yk_error("text", "cannot render text: %s", TTF_GetError());
        return NULL;
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(t->renderer, surf);
    int sw = surf->w, sh = surf->h;
    SDL_FreeSurface(surf);
    if (!tex) {
        yk_error("text", "cannot make a texture: %s", SDL_GetError());
        return NULL;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    t->rasterised++;
    evict(t, (size_t)sw * sh * 4);
    i = key & mask;
    while (t->runs[i].key)
        i = (i + 1) & mask;
    t->runs[i] = (struct yk_text_cache_entry){key, tex, sw, sh, t->frame};
    t->runs_count++;
    t->bytes += (size_t)sw * sh * 4;
    *w = sw;
    *h = sh;
    return tex;
}
