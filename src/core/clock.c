#include "core/clock.h"

#include <assert.h>
#include <time.h>

int64_t yk_os_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t os_utc_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void yk_clock_init_real(struct yk_clock *c, int64_t start_utc_s)
{
    c->driven = false;
    c->mono_ms = 0;
    c->mono_base_ms = yk_os_mono_ms();
    c->utc_base_ms = start_utc_s > 0 ? start_utc_s * 1000 : 0;
}

void yk_clock_init_driven(struct yk_clock *c, int64_t start_utc_s)
{
    c->driven = true;
    c->mono_ms = 0;
    c->mono_base_ms = 0;
    c->utc_base_ms = start_utc_s * 1000;
}

int64_t yk_clock_mono_ms(const struct yk_clock *c)
{
    return c->driven ? c->mono_ms : yk_os_mono_ms() - c->mono_base_ms;
}

int64_t yk_clock_utc_ms(const struct yk_clock *c)
{
    if (c->driven)
        return c->utc_base_ms + c->mono_ms;
    /* Without --now the wall clock follows the OS, so NTP corrections show up. */
    if (c->utc_base_ms == 0)
        return os_utc_ms();
    return c->utc_base_ms + (yk_os_mono_ms() - c->mono_base_ms);
}

void yk_clock_advance(struct yk_clock *c, int64_t ms)
{
    assert(c->driven && ms >= 0);
    c->mono_ms += ms;
}
