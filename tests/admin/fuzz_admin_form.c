/* Fuzz target for the admin's parsers of outside input (src/hub/admin_form.c): form bodies
 * (urlencoded and multipart/form-data) and the Cookie header.
 *
 * Input: byte 0 picks the Content-Type (urlencoded; multipart with the boundary "XyZ"; or the
 * first line of the rest as the Content-Type), the rest is the body; the whole input is also
 * read as a Cookie header. Checks: no crash or sanitizer report; every text value is valid
 * UTF-8 without NUL and at most YK_FORM_MAX_VALUE bytes; every file part lies inside the body;
 * a cookie value fits its buffer and has no ';'. */
#include "fuzz/require.h"
#include "core/json.h"
#include "hub/admin_form.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char ctype[256] = "application/x-www-form-urlencoded";
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    if (data[0] % 3 == 1) {
        strcpy(ctype, "multipart/form-data; boundary=XyZ");
    } else if (data[0] % 3 == 2) {
        const char *nl = memchr(body, '\n', len);
        size_t n = nl ? (size_t)(nl - body) : len;
        if (n >= sizeof ctype)
            n = sizeof ctype - 1;
        memcpy(ctype, body, n);
        ctype[n] = '\0';
        size_t skip = nl ? n + 1 : len;
        body += skip > len ? len : skip;
        len -= skip > len ? len : skip;
    }
    /* A copy of exactly len bytes, so that ASan sees any read past the body. */
    char *b = malloc(len ? len : 1);
    REQUIRE(b != NULL);
    memcpy(b, body, len);
    struct yk_form f;
    if (yk_form_parse(ctype, b, len, &f)) {
        for (int i = 0; i < f.n; i++) {
            size_t vl = strlen(f.value[i]);
            REQUIRE(vl <= YK_FORM_MAX_VALUE);
            REQUIRE(yk_json_utf8_valid(f.value[i], vl));
            REQUIRE(yk_json_utf8_valid(f.name[i], strlen(f.name[i])));
            if (f.file[i].data) {
                REQUIRE(f.file[i].data >= b && f.file[i].data + f.file[i].len <= b + len);
                (void)yk_form_file(&f, f.name[i]);
            } else {
                REQUIRE(yk_form_get(&f, f.name[i]) != NULL);
            }
        }
    } else {
        REQUIRE(f.n == 0);
    }
    yk_form_free(&f);
    free(b);
    char *hdr = malloc(size + 1);
    REQUIRE(hdr != NULL);
    memcpy(hdr, data, size);
    hdr[size] = '\0';
    char out[65];
    if (yk_cookie_get(hdr, "yk_admin", out, sizeof out))
        REQUIRE(strlen(out) < sizeof out && strchr(out, ';') == NULL && out[0]);
    free(hdr);
    return 0;
}
