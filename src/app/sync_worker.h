#ifndef YK_SYNC_WORKER_H
#define YK_SYNC_WORKER_H

#include "core/clock.h"

#include <stdbool.h>
#include <stdint.h>

struct yk_ticket_keys;

/* The background sync: its own thread and its own database connection (WAL lets the UI
 * read and write meanwhile), one round (push, pull, media, heartbeat when due) every
 * sync_interval, at once when woken (yk_sync_wake() after a record is made, or a setup code
 * typed), and with exponential backoff and jitter (5 s doubling to 10 min, +-20%) while the
 * hub is away. After the hub refuses the kiosk (401/403) it waits for a new setup code
 * instead of retrying. The UI never waits on it: it reads yk_sync_status() (core/sync.h).
 * See src/core/SYNC.md. */

struct yk_sync_worker_params {
    const char *db_path; /* the kiosk's database file (opened again by the worker) */
    const char *hub_url;
    const char *data_dir;      /* the device token's folder */
    const char *setup_code;    /* from the config, or NULL/"" (copied; never logged) */
    const uint8_t *public_key; /* the ticket key (32 bytes) for enrolment, or NULL */
    const char *version;
    int interval_s;  /* between rounds when idle (config sync_interval) */
    int heartbeat_s; /* between heartbeats (config heartbeat_interval) */
    int seat_block;  /* held seats to keep free per open event (config seat_block); 0: none */
    const struct yk_ticket_keys *keys; /* signs the tickets of sign-ups the hub confirms;
                                          borrowed: must outlive the worker; NULL: none */
    const struct yk_clock *clock;      /* the app's clock (real, perhaps started at --now;
                                          copied); NULL: the OS clock. Never a driven clock:
                                          the UI thread moves it */
};

struct yk_sync_worker;

/* Starts the thread. Returns NULL when it cannot (logged); the kiosk then runs without sync.
 * The caller stops it with yk_sync_worker_stop before closing its own database. */
struct yk_sync_worker *yk_sync_worker_start(const struct yk_sync_worker_params *p);

/* Asks for a round now. Thread-safe; never blocks on the network. */
void yk_sync_worker_wake(struct yk_sync_worker *w);

/* Stops the thread (abandoning a transfer in progress: every step is idempotent), joins it
 * and frees w. NULL-safe. */
void yk_sync_worker_stop(struct yk_sync_worker *w);

#endif
