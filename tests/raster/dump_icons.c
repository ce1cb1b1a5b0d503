/* Writes a contact sheet of every icon (96 px, and 48, 24, 16 px below it) as a grayscale
 * PNG, dark ink on white, so that people can look at the designs:
 *     yk_dump_icons /tmp/yk-icons.png
 * Cells are in enum order, left to right, nine per row. With icon names after the path, it
 * shows those icons close up instead: at 200 px, then 24 and 16 px magnified 8 times, to
 * judge small sizes pixel by pixel. The PNG is written by hand (stored,
 * uncompressed deflate blocks) so the tool needs no image library. */
#include "core/icons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COLS 9
#define CELL_W 112
#define CELL_H 160

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc_update(uint32_t crc, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return crc;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void chunk(FILE *out, const char *type, const uint8_t *data, size_t n)
{
    uint8_t hdr[8];
    put32(hdr, (uint32_t)n);
    memcpy(hdr + 4, type, 4);
    fwrite(hdr, 1, 8, out);
    if (n > 0)
        fwrite(data, 1, n, out);
    uint32_t crc = crc_update(0xffffffffu, hdr + 4, 4);
    if (n > 0)
        crc = crc_update(crc, data, n);
    crc ^= 0xffffffffu;
    uint8_t c[4];
    put32(c, crc);
    fwrite(c, 1, 4, out);
}

static bool write_png(const char *path, const uint8_t *gray, int w, int h)
{
    /* Raw scanlines (filter byte 0 + pixels) in a zlib stream of stored blocks. */
    size_t raw_n = (size_t)h * (size_t)(w + 1);
    uint8_t *raw = malloc(raw_n);
    size_t nblocks = raw_n / 65535 + 1;
    uint8_t *z = malloc(raw_n + nblocks * 5 + 6);
    if (!raw || !z) {
        free(raw);
        free(z);
        return false;
    }
    for (int y = 0; y < h; y++) {
        raw[(size_t)y * (w + 1)] = 0;
        memcpy(raw + (size_t)y * (w + 1) + 1, gray + (size_t)y * w, (size_t)w);
    }
    size_t zn = 0;
    z[zn++] = 0x78;
    z[zn++] = 0x01;
    uint32_t a = 1, b = 0;
    for (size_t off = 0; off < raw_n;) {
        size_t len = raw_n - off > 65535 ? 65535 : raw_n - off;
        z[zn++] = off + len == raw_n ? 1 : 0;
        z[zn++] = (uint8_t)len;
        z[zn++] = (uint8_t)(len >> 8);
        z[zn++] = (uint8_t)~len;
        z[zn++] = (uint8_t)(~len >> 8);
        memcpy(z + zn, raw + off, len);
        zn += len;
        for (size_t i = 0; i < len; i++) {
            a = (a + raw[off + i]) % 65521;
            b = (b + a) % 65521;
        }
        off += len;
    }
    put32(z + zn, (b << 16) | a);
    zn += 4;

    FILE *out = fopen(path, "wb");
    bool ok = out != NULL;
    if (ok) {
        static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        uint8_t ihdr[13];
        put32(ihdr, (uint32_t)w);
        put32(ihdr + 4, (uint32_t)h);
        ihdr[8] = 8; /* bit depth */
        ihdr[9] = 0; /* grayscale */
        ihdr[10] = ihdr[11] = ihdr[12] = 0;
        fwrite(sig, 1, 8, out);
        chunk(out, "IHDR", ihdr, sizeof ihdr);
        chunk(out, "IDAT", z, zn);
        chunk(out, "IEND", NULL, 0);
        ok = fclose(out) == 0;
    }
    free(raw);
    free(z);
    return ok;
}

static bool blit(enum yk_icon icon, int size, uint8_t *sheet, int sw, int x0, int y0)
{
    uint8_t *a = malloc((size_t)size * size);
    if (!a || !yk_icon_render(icon, size, a)) {
        free(a);
        return false;
    }
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
            sheet[(size_t)(y0 + y) * sw + x0 + x] = (uint8_t)(255 - a[y * size + x]);
    free(a);
    return true;
}

/* Draws icon at size px, magnified zoom times (nearest pixel), with its top left at x0, y0. */
static bool blit_zoom(enum yk_icon icon, int size, int zoom, uint8_t *sheet, int sw, int x0, int y0)
{
    uint8_t *a = malloc((size_t)size * size);
    if (!a || !yk_icon_render(icon, size, a)) {
        free(a);
        return false;
    }
    for (int y = 0; y < size * zoom; y++)
        for (int x = 0; x < size * zoom; x++)
            sheet[(size_t)(y0 + y) * sw + x0 + x] =
                (uint8_t)(255 - a[(y / zoom) * size + x / zoom]);
    free(a);
    return true;
}

static int close_ups(const char *path, int n, char **names)
{
    int sw = 200 + 8 + 24 * 8 + 8 + 16 * 8 + 16, sh = n * 208;
    uint8_t *sheet = malloc((size_t)sw * sh);
    if (!sheet)
        return 1;
    memset(sheet, 255, (size_t)sw * sh);
    for (int i = 0; i < n; i++) {
        enum yk_icon icon = yk_icon_from_name(names[i]);
        if (icon == YK_ICON_COUNT) {
            fprintf(stderr, "no icon called %s\n", names[i]);
            return 1;
        }
        int y0 = i * 208 + 4;
        if (!blit_zoom(icon, 200, 1, sheet, sw, 4, y0) ||
            !blit_zoom(icon, 24, 8, sheet, sw, 212, y0) ||
            !blit_zoom(icon, 16, 8, sheet, sw, 212 + 200, y0))
            return 1;
    }
    if (!write_png(path, sheet, sw, sh)) {
        fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    free(sheet);
    printf("%s: %d close-ups\n", path, n);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "/tmp/yk-icons.png";
    crc_init();
    if (argc > 2)
        return close_ups(path, argc - 2, argv + 2);
    int rows = (YK_ICON_COUNT + COLS - 1) / COLS;
    int sw = COLS * CELL_W, sh = rows * CELL_H;
    uint8_t *sheet = malloc((size_t)sw * sh);
    if (!sheet)
        return 1;
    memset(sheet, 255, (size_t)sw * sh);
    for (int i = 0; i < YK_ICON_COUNT; i++) {
        int cx = (i % COLS) * CELL_W, cy = (i / COLS) * CELL_H;
        /* A faint frame shows each icon's square, to judge margins. */
        for (int k = 0; k < 98; k++) {
            sheet[(size_t)(cy + 7) * sw + cx + 7 + k] = 225;
            sheet[(size_t)(cy + 104) * sw + cx + 7 + k] = 225;
            sheet[(size_t)(cy + 7 + k) * sw + cx + 7] = 225;
            sheet[(size_t)(cy + 7 + k) * sw + cx + 104] = 225;
        }
        if (!blit((enum yk_icon)i, 96, sheet, sw, cx + 8, cy + 8) ||
            !blit((enum yk_icon)i, 48, sheet, sw, cx + 8, cy + 108) ||
            !blit((enum yk_icon)i, 24, sheet, sw, cx + 60, cy + 108) ||
            !blit((enum yk_icon)i, 16, sheet, sw, cx + 88, cy + 108)) {
            fprintf(stderr, "icon %s failed to render\n", yk_icon_name((enum yk_icon)i));
            return 1;
        }
    }
    if (!write_png(path, sheet, sw, sh)) {
        fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    free(sheet);
    printf("%s: %d icons, %dx%d\n", path, YK_ICON_COUNT, sw, sh);
    return 0;
}
