#ifndef YK_NOTIFY_H
#define YK_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* systemd's notification protocol (sd_notify(3)), spoken directly: one datagram to the
 * socket named in $NOTIFY_SOCKET. The unit is Type=notify with WatchdogSec: the kiosk says
 * READY=1 after its first frame and WATCHDOG=1 from its loop, so a hung kiosk is restarted.
 * Outside systemd (no $NOTIFY_SOCKET) every call does nothing. */

/* Sends one state string, e.g. "READY=1". Returns false if there is no socket or the send
 * failed. */
bool yk_notify(const char *state);

/* The watchdog period in ms from $WATCHDOG_USEC (for this process), or 0 when none. The
 * loop pings at half this period. */
int64_t yk_notify_watchdog_ms(void);

#endif
