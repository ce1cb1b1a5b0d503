/* Fuzz target: the kiosk's readers of the hub's answers to 我的报名 across kiosks
 * (yk_sync_mine_parse, yk_sync_mine_cancel_parse; core/sync_mine.h). Whatever the input: no
 * crash, no sanitizer report, at most max sign-ups, each one the protocol allows (a remote
 * sign-up, confirmed or waiting, a party of 1..1000, a rule a person can meet, a ticket only
 * when confirmed, its strings NUL-terminated within their fields). */
#include "fuzz/require.h"
#include "core/log.h"
#include "core/signup.h"
#include "core/sync_mine.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        yk_log_set_level(YK_LOG_ERROR);
        started = true;
    }
    struct yk_signup_mine out[4];
    int n = yk_sync_mine_parse((const char *)data, size, "13812345678", "kiosk-a", out, 4);
    REQUIRE(n >= -1 && n <= 4);
    for (int i = 0; i < n; i++) {
        const struct yk_signup_mine *m = &out[i];
        REQUIRE(m->remote);
        REQUIRE(strcmp(m->kiosk_id, "kiosk-a") != 0);
        REQUIRE(strlen(m->info.id) == 26);
        REQUIRE(m->info.event_id[0] != '\0');
        REQUIRE(m->info.seat == YK_SEAT_CONFIRMED || m->info.seat == YK_SEAT_WAITLIST);
        REQUIRE(m->info.party_size >= 1 && m->info.party_size <= 1000);
        REQUIRE(m->can_cancel == YK_MINE_OK || m->can_cancel == YK_MINE_STARTED ||
                m->can_cancel == YK_MINE_CHECKED_IN || m->can_cancel == YK_MINE_EVENT_CANCELLED);
        REQUIRE(m->info.seat == YK_SEAT_CONFIRMED || m->info.ticket_code[0] == '\0');
        REQUIRE(strcmp(m->info.phone_masked, "138****5678") == 0);
        REQUIRE(!m->info.surname[0] || yk_signup_name_ok(m->info.surname));
    }
    enum yk_mine_rc rc = YK_MINE_ERROR;
    if (yk_sync_mine_cancel_parse((const char *)data, size, &rc))
        REQUIRE(rc != YK_MINE_ERROR);
    return 0;
}
