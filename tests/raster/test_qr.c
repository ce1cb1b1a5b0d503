/* Tests of the QR wrapper (core/qr.h): module size arithmetic, the versions FIELD-NOTES
 * predicts, rendering (quiet zone, whole-pixel modules), and a real round trip through
 * zbarimg. zbarimg (Debian zbar-tools) is required: without it this test fails. */
#include "check.h"
#include "core/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_module_px(void)
{
    CHECK_MSG(yk_qr_module_px(25, 330, 1) == 10, "25 + 8 modules in 330 px");
    CHECK_MSG(yk_qr_module_px(25, 329, 1) == 9, "one pixel short");
    CHECK_MSG(yk_qr_module_px(25, 33, 1) == 1, "exactly one pixel per module");
    CHECK_MSG(yk_qr_module_px(25, 32, 1) == 0, "does not fit");
    CHECK_MSG(yk_qr_module_px(25, 65, 2) == 0, "min 2 px per module not reachable");
    CHECK_MSG(yk_qr_module_px(25, 66, 2) == 2, "min 2 px per module reached");
    CHECK_MSG(yk_qr_module_px(25, 100, 0) == 3, "min 0 treated as 1");
    CHECK_MSG(yk_qr_module_px(0, 100, 1) == 0 && yk_qr_module_px(-3, 100, 1) == 0, "bad size");
    CHECK_MSG(yk_qr_module_px(21, 0, 1) == 0 && yk_qr_module_px(21, -5, 1) == 0, "bad max");
    /* Exhaustive: the largest whole size that fits with the quiet zone, never more. */
    for (int size = 21; size <= 177; size += 4)
        for (int max = 1; max <= 1200; max++)
            for (int min = 1; min <= 3; min++) {
                int px = yk_qr_module_px(size, max, min);
                int total = size + 2 * YK_QR_QUIET_ZONE;
                if (px == 0) {
                    CHECK_MSG(total * min > max, "size %d max %d min %d: fits but 0", size, max,
                              min);
                } else {
                    CHECK_MSG(px >= min && px * total <= max && (px + 1) * total > max,
                              "size %d max %d min %d: got %d", size, max, min, px);
                }
            }
}

static void test_versions(void)
{
    struct yk_qr qr;
    /* FIELD-NOTES: a 26-character base32 code at level M is version 2 (25 x 25). */
    CHECK_MSG(yk_qr_encode(&qr, "MFRGGZDFMZTWQ2LKNNWG23TPOA", YK_QR_ECC_M), "base32 26");
    CHECK_MSG(qr.version == 2 && qr.size == 25, "26 base32 chars: version %d size %d", qr.version,
              qr.size);
    yk_qr_destroy(&qr);

    /* An Ed25519-signed ticket of about 78 bytes: version 6 as base32 (125 characters), version
     * 5 as digits (188 of them). */
    char b32[126], digits[189];
    for (int i = 0; i < 125; i++)
        b32[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[(i * 7 + 3) % 32];
    b32[125] = 0;
    for (int i = 0; i < 188; i++)
        digits[i] = (char)('0' + (i * 7 + 1) % 10);
    digits[188] = 0;
    CHECK_MSG(yk_qr_encode(&qr, b32, YK_QR_ECC_M) && qr.version == 6 && qr.size == 41,
              "78-byte ticket as base32: version %d", qr.version);
    yk_qr_destroy(&qr);
    CHECK_MSG(yk_qr_encode(&qr, digits, YK_QR_ECC_M) && qr.version == 5 && qr.size == 37,
              "78-byte ticket as digits: version %d", qr.version);
    yk_qr_destroy(&qr);

    /* Smallest version: a short text is version 1, a higher level never gives a smaller one. */
    CHECK_MSG(yk_qr_encode(&qr, "HELLO", YK_QR_ECC_L) && qr.version == 1 && qr.size == 21,
              "version 1");
    for (int i = 0; i < qr.size * qr.size; i++)
        if (qr.modules[i] > 1) {
            CHECK_MSG(0, "module %d is %d, not 0/1", i, qr.modules[i]);
            break;
        }
    yk_qr_destroy(&qr);
    int last = 0;
    for (int level = YK_QR_ECC_L; level <= YK_QR_ECC_H; level++) {
        CHECK_MSG(yk_qr_encode(&qr, "https://hub.example/t/ABC123", (enum yk_qr_level)level),
                  "level %d", level);
        CHECK_MSG(qr.version >= last && qr.size == 17 + 4 * qr.version, "level %d: version %d",
                  level, qr.version);
        last = qr.version;
        yk_qr_destroy(&qr);
    }

    /* Failures leave a zeroed struct; destroy is NULL-safe and idempotent. */
    CHECK_MSG(!yk_qr_encode(&qr, "", YK_QR_ECC_M) && qr.modules == NULL && qr.size == 0, "empty");
    CHECK_MSG(!yk_qr_encode(&qr, NULL, YK_QR_ECC_M) && qr.modules == NULL, "NULL text");
    size_t n = 8000;
    char *big = malloc(n + 1);
    memset(big, 'x', n);
    big[n] = 0;
    CHECK_MSG(!yk_qr_encode(&qr, big, YK_QR_ECC_L) && qr.modules == NULL,
              "too long for version 40");
    free(big);
    yk_qr_destroy(&qr);
    yk_qr_destroy(&qr);
    yk_qr_destroy(NULL);

    const unsigned char bin[] = {0, 1, 2, 0xff, 0, 'a'};
    CHECK_MSG(yk_qr_encode_data(&qr, bin, sizeof bin, YK_QR_ECC_M) && qr.version == 1, "binary");
    yk_qr_destroy(&qr);
    CHECK_MSG(!yk_qr_encode_data(&qr, bin, 0, YK_QR_ECC_M), "zero-length binary");
}

static void test_render(void)
{
    struct yk_qr qr;
    CHECK_MSG(yk_qr_encode(&qr, "TICKET-42", YK_QR_ECC_M), "encode");
    const int px = 3, pad = 5;
    int side = yk_qr_side_px(&qr, px);
    CHECK_MSG(side == (qr.size + 8) * px, "side %d", side);
    int stride = side + pad;
    uint8_t *g = malloc((size_t)stride * (side + 1));
    memset(g, 77, (size_t)stride * (side + 1));
    CHECK_MSG(yk_qr_render_gray(&qr, px, g, stride), "render");
    bool quiet = true, modules = true, pure = true, untouched = true;
    for (int y = 0; y < side + 1; y++)
        for (int x = 0; x < stride; x++) {
            uint8_t v = g[(size_t)y * stride + x];
            if (y >= side || x >= side) {
                untouched &= v == 77;
                continue;
            }
            pure &= v == 0 || v == 255;
            int mx = x / px - 4, my = y / px - 4;
            if (mx < 0 || my < 0 || mx >= qr.size || my >= qr.size)
                quiet &= v == 255;
            else
                modules &= v == (qr.modules[my * qr.size + mx] ? 0 : 255);
        }
    CHECK_MSG(quiet, "quiet zone not all light");
    CHECK_MSG(modules, "module pixels do not match the modules");
    CHECK_MSG(pure, "pixels other than 0 and 255");
    CHECK_MSG(untouched, "wrote past the code's square");
    CHECK_MSG(!yk_qr_render_gray(&qr, 0, g, stride), "module_px 0 accepted");
    free(g);
    yk_qr_destroy(&qr);
    struct yk_qr empty = {0};
    uint8_t one = 9;
    CHECK_MSG(!yk_qr_render_gray(&empty, 2, &one, 1) && one == 9, "empty code rendered");
}

static bool write_pgm(const char *path, const uint8_t *g, int side)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    fprintf(f, "P5\n%d %d\n255\n", side, side);
    bool ok = fwrite(g, 1, (size_t)side * side, f) == (size_t)side * side;
    return fclose(f) == 0 && ok;
}

/* Encodes text, renders it at module_px, and returns what zbarimg reads (malloc'd), or NULL. */
static char *round_trip(const char *dir, const char *text, int module_px)
{
    struct yk_qr qr;
    if (!yk_qr_encode(&qr, text, YK_QR_ECC_M))
        return NULL;
    int side = yk_qr_side_px(&qr, module_px);
    uint8_t *g = malloc((size_t)side * side);
    yk_qr_render_gray(&qr, module_px, g, side);
    yk_qr_destroy(&qr);
    char path[512], cmd[700];
    snprintf(path, sizeof path, "%s/code.pgm", dir);
    bool ok = write_pgm(path, g, side);
    free(g);
    if (!ok)
        return NULL;
    /* stderr apart: zbarimg's image loader may chatter there (e.g. about D-Bus). */
    snprintf(cmd, sizeof cmd, "zbarimg --raw -q '%s' 2>'%s/stderr.txt'", path, dir);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 4096, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - 1 - n, p)) > 0)
        n += got;
    out[n] = 0;
    int status = pclose(p);
    unlink(path);
    snprintf(path, sizeof path, "%s/stderr.txt", dir);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "zbarimg exited with %d (stdout: %s); its stderr:\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, out);
        snprintf(cmd, sizeof cmd, "cat '%s' >&2", path);
        if (system(cmd) != 0)
            fprintf(stderr, "(none)\n");
        unlink(path);
        free(out);
        return NULL;
    }
    unlink(path);
    if (n > 0 && out[n - 1] == '\n') /* --raw ends each symbol with a newline */
        out[n - 1] = 0;
    return out;
}

static void test_zbar_round_trip(void)
{
    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        CHECK_MSG(0, "zbarimg not found: install zbar-tools (the round trip is required)");
        return;
    }
    char dir[] = "/tmp/yk-qr-test-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return;
    }
    const char *texts[] = {
        "https://hub.example/t/ABC123",
        "益空间党群服务站·五里桥：周六上午九点，滨江红色寻访，欢迎报名！",
        "MFRGGZDFMZTWQ2LKNNWG23TPOA",
        "0123456789012345678901234567890123456789",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        for (int px = 2; px <= 5; px += 3) {
            char *got = round_trip(dir, texts[i], px);
            CHECK_MSG(got && strcmp(got, texts[i]) == 0,
                      "round trip at %d px/module: sent \"%s\", read \"%s\"", px, texts[i],
                      got ? got : "(nothing)");
            free(got);
        }
    }
    rmdir(dir);
}

int main(void)
{
    test_module_px();
    test_versions();
    test_render();
    test_zbar_round_trip();
    return yk_test_done();
}
