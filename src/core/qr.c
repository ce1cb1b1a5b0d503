#include "core/qr.h"

#include "core/log.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

static QRecLevel to_qrencode(enum yk_qr_level level)
{
    switch (level) {
    case YK_QR_ECC_L:
        return QR_ECLEVEL_L;
    case YK_QR_ECC_M:
        return QR_ECLEVEL_M;
    case YK_QR_ECC_Q:
        return QR_ECLEVEL_Q;
    case YK_QR_ECC_H:
        return QR_ECLEVEL_H;
    }
    assert(!"bad yk_qr_level");
    return QR_ECLEVEL_M;
}

/* Copies libqrencode's symbol into *out (bit 0 of each byte is the module) and frees it. */
static bool take(struct yk_qr *out, QRcode *code, size_t len)
{
    if (!code) {
        /* errno tells why: ERANGE when the data does not fit even version 40. */
        yk_warn("qr", "cannot encode %zu bytes: %s", len,
                errno == ERANGE ? "too long for a QR code" : strerror(errno));
        return false;
    }
    size_t n = (size_t)code->width * (size_t)code->width;
    out->modules = malloc(n);
    if (!out->modules) {
        yk_error("qr", "out of memory for a %dx%d code", code->width, code->width);
        QRcode_free(code);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        out->modules[i] = code->data[i] & 1;
    out->size = code->width;
    out->version = code->version;
    QRcode_free(code);
    return true;
}

bool yk_qr_encode(struct yk_qr *out, const char *text, enum yk_qr_level level)
{
    memset(out, 0, sizeof *out);
    if (!text || !*text) {
        yk_warn("qr", "nothing to encode");
        return false;
    }
    /* QR_MODE_8: bytes other than digits and upper-case alphanumerics go as they are, so
     * UTF-8 survives; digit runs still get the compact numeric mode. */
    errno = 0;
    return take(out, QRcode_encodeString(text, 0, to_qrencode(level), QR_MODE_8, 1), strlen(text));
}

bool yk_qr_encode_data(struct yk_qr *out, const void *data, size_t len, enum yk_qr_level level)
{
    memset(out, 0, sizeof *out);
    if (!data || len == 0 || len > INT_MAX) {
        yk_warn("qr", "cannot encode %zu bytes", len);
        return false;
    }
    errno = 0;
    return take(out, QRcode_encodeData((int)len, data, 0, to_qrencode(level)), len);
}

void yk_qr_destroy(struct yk_qr *qr)
{
    if (!qr)
        return;
    free(qr->modules);
    memset(qr, 0, sizeof *qr);
}

int yk_qr_module_px(int qr_size, int max_px, int min_module_px)
{
    if (qr_size <= 0 || max_px <= 0)
        return 0;
    if (min_module_px < 1)
        min_module_px = 1;
    int px = max_px / (qr_size + 2 * YK_QR_QUIET_ZONE);
    return px >= min_module_px ? px : 0;
}

int yk_qr_side_px(const struct yk_qr *qr, int module_px)
{
    return (qr->size + 2 * YK_QR_QUIET_ZONE) * module_px;
}

bool yk_qr_render_gray(const struct yk_qr *qr, int module_px, uint8_t *gray, int stride)
{
    if (!qr || !qr->modules || qr->size <= 0 || module_px < 1 ||
        module_px > INT_MAX / (qr->size + 2 * YK_QR_QUIET_ZONE))
        return false;
    int side = yk_qr_side_px(qr, module_px);
    assert(gray && stride >= side);
    int q = YK_QR_QUIET_ZONE * module_px;
    for (int y = 0; y < side; y++)
        memset(gray + (size_t)y * (size_t)stride, 255, (size_t)side);
    for (int my = 0; my < qr->size; my++) {
        uint8_t *row = gray + (size_t)(q + my * module_px) * (size_t)stride + q;
        const uint8_t *m = qr->modules + (size_t)my * (size_t)qr->size;
        for (int mx = 0; mx < qr->size; mx++)
            if (m[mx])
                memset(row + mx * module_px, 0, (size_t)module_px);
        /* The other module_px - 1 pixel rows of this module row are copies of the first. */
        for (int k = 1; k < module_px; k++)
            memcpy(row + (size_t)k * (size_t)stride, row, (size_t)qr->size * (size_t)module_px);
    }
    return true;
}
