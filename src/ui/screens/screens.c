#include "ui/screens/screens.h"

#include <assert.h>

const struct yk_screen_def *yk_screen_def(enum yk_screen_id s)
{
    static const struct yk_screen_def *const defs[YK_SCREEN_COUNT] = {
        [YK_SCREEN_HOME] = &yk_screen_home,
        [YK_SCREEN_SERVICES] = &yk_screen_services,
        [YK_SCREEN_SERVICE] = &yk_screen_service,
        [YK_SCREEN_SITES] = &yk_screen_sites,
        [YK_SCREEN_SITE] = &yk_screen_site,
        [YK_SCREEN_EVENTS] = &yk_screen_events,
        [YK_SCREEN_EVENT] = &yk_screen_event,
        [YK_SCREEN_BLOCKS] = &yk_screen_blocks,
        [YK_SCREEN_BLOCK] = &yk_screen_block,
        [YK_SCREEN_SIGNUP] = &yk_screen_signup,
        [YK_SCREEN_VOLUNTEER_PIN] = &yk_screen_volunteer_pin,
        [YK_SCREEN_VOLUNTEER] = &yk_screen_volunteer,
        [YK_SCREEN_MYSIGNUPS] = &yk_screen_mysignups,
    };
    assert(s >= 0 && s < YK_SCREEN_COUNT && defs[s]);
    return defs[s];
}
