/* Fuzz target for the hub's push body parser (yk_hub_parse_push, src/hub/hub_api.c): the
 * bytes a kiosk (or anyone holding a token) can send to POST /api/v1/push, without network.
 * Checks: no crash or sanitizer report; either an HTTP status of 400/413 with a message, or
 * one answer per record where every accepted-for-store record has a valid id and kiosk, every
 * number inside the hub's bounds (party sizes, counts, deltas, times, serials: so no sum of
 * them can overflow in the store), of a phone number at most its last four digits, a phone
 * hash exactly 64 lowercase hex, and a name and title by the kiosk's rule. */
#include "fuzz/require.h"
#include "core/ids.h"
#include "core/signup.h"
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
            if (r->kind == YK_HUB_SIGNUP)
                REQUIRE(r->party_size >= 1 && r->party_size <= YK_HUB_PARTY_MAX);
            if (r->kind == YK_HUB_CHECKIN)
                REQUIRE(r->count >= 1 && r->count <= YK_HUB_PARTY_MAX);
            if (r->kind == YK_HUB_WALKIN)
                REQUIRE(r->delta >= -1 && r->delta <= 1);
            REQUIRE(r->ticket_serial >= 0 && r->ticket_serial <= UINT32_MAX);
            const int64_t times[] = {r->created_utc, r->updated_utc, r->on_utc, r->off_utc};
            for (size_t k = 0; k < sizeof times / sizeof times[0]; k++)
                REQUIRE(times[k] >= 0 && times[k] <= YK_HUB_TIME_MAX);
            if (r->phone_last4) {
                REQUIRE(strlen(r->phone_last4) == 4);
                for (int k = 0; k < 4; k++)
                    REQUIRE(r->phone_last4[k] >= '0' && r->phone_last4[k] <= '9');
            }
            if (r->phone_hash) {
                REQUIRE(r->kind == YK_HUB_SIGNUP && strlen(r->phone_hash) == 64);
                for (int k = 0; k < 64; k++)
                    REQUIRE(strchr("0123456789abcdef", r->phone_hash[k]));
            }
            /* A sign-up's name is one the kiosk could have made (core's one rule), and its
             * title 先生, 女士 or none. */
            if (r->kind == YK_HUB_SIGNUP) {
                REQUIRE(yk_signup_name_ok(r->surname));
                REQUIRE(!r->title || !*r->title || !strcmp(r->title, "先生") ||
                        !strcmp(r->title, "女士"));
            }
        }
    }
    yk_hub_push_body_free(&b);
    return 0;
}
