/* Fuzz target for the hub's push body parser (yk_hub_parse_push, src/hub/hub_api.c): the
 * bytes a kiosk (or anyone holding a token) can send to POST /api/v1/push, without network.
 * Checks: no crash or sanitizer report; either an HTTP status of 400/413 with a message, or
 * one answer per record where every accepted-for-store record has a valid id and kiosk. */
#include "fuzz/require.h"
#include "core/ids.h"
#include "hub/hub_api.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct yk_hub_push_body b;
    char err[128] = "";
    int st = yk_hub_parse_push((const char *)data, size, &b, err, sizeof err);
    if (st) {
        REQUIRE(st == 400 || st == 413 || st == 500);
        REQUIRE(err[0]);
    } else {
        REQUIRE(b.n <= YK_HUB_MAX_BATCH);
        for (size_t i = 0; i < b.n; i++) {
            if (b.bad[i])
                continue;
            const struct yk_hub_record *r = &b.records[i];
            REQUIRE(r->id && yk_id_valid(r->id));
            REQUIRE(r->kiosk_id && strlen(r->kiosk_id) <= YK_HUB_MAX_FIELD);
            if (r->kind == YK_HUB_SIGNUP || r->kind == YK_HUB_CHECKIN)
                REQUIRE(r->event_id);
        }
    }
    yk_hub_push_body_free(&b);
    return 0;
}
