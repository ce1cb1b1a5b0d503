#ifndef YK_QR_H
#define YK_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* QR codes for tickets and device set-up, over libqrencode. The encoder always picks the
 * smallest version that fits. Rendering follows what phone and handheld scanners need
 * (FIELD-NOTES, QR section): dark modules on light, a 4-module quiet zone, and a whole number
 * of pixels per module so every module has the same width on screen. Safe to call from
 * several threads: Debian's libqrencode is built with pthreads (its own note: only builds
 * without them are thread-unsafe). */

/* Error correction: about 7%, 15%, 25% or 30% of the code may be damaged and still read. */
enum yk_qr_level { YK_QR_ECC_L, YK_QR_ECC_M, YK_QR_ECC_Q, YK_QR_ECC_H };

#define YK_QR_QUIET_ZONE 4 /* modules of light margin on each side */

struct yk_qr {
    int version;      /* 1..40 */
    int size;         /* modules per side, without the quiet zone (17 + 4 * version) */
    uint8_t *modules; /* owned: size * size bytes, row by row, 1 = dark, 0 = light */
};

/* Encodes NUL-terminated text (UTF-8 kept as bytes, case-sensitive) into *out, which the
 * caller releases with yk_qr_destroy(). Returns false, with *out zeroed, for empty or too
 * long text or when memory runs out (logged). */
bool yk_qr_encode(struct yk_qr *out, const char *text, enum yk_qr_level level);

/* Encodes len bytes of binary data (NUL allowed) in 8-bit mode; otherwise as yk_qr_encode(). */
bool yk_qr_encode_data(struct yk_qr *out, const void *data, size_t len, enum yk_qr_level level);

/* Frees the modules and zeroes *qr. NULL-safe; safe on a zeroed struct. */
void yk_qr_destroy(struct yk_qr *qr);

/* Pixels per module so that a code of qr_size modules plus the quiet zone on both sides fits
 * in max_px: the largest whole number, or 0 if even min_module_px (at least 1) does not fit. */
int yk_qr_module_px(int qr_size, int max_px, int min_module_px);

/* Side in pixels of a code rendered at module_px, quiet zone included. */
int yk_qr_side_px(const struct yk_qr *qr, int module_px);

/* Writes the code with its quiet zone into gray (yk_qr_side_px() square, rows stride bytes
 * apart): 0 for dark, 255 for light, every module exactly module_px x module_px. Returns
 * false (writing nothing) if module_px < 1 or the code is empty. */
bool yk_qr_render_gray(const struct yk_qr *qr, int module_px, uint8_t *gray, int stride);

#endif
