#ifndef YK_APP_H
#define YK_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "core/clock.h"
#include "core/config.h"
#include "core/db.h"
#include "core/i18n.h"
#include "core/ticket.h"
#include "platform/display.h"
#include "ui/kiosk.h"

/* The running program: config, clock, database, display and the kiosk, wired together.
 * yk_app_run is the real event loop; yk_app_run_script is the headless driver. */
struct yk_app {
    const struct yk_config *cfg;
    struct yk_clock clock;
    struct yk_db db;
    struct yk_i18n strings;
    struct yk_ticket_keys keys;
    bool keys_open;
    struct yk_display display;
    struct yk_kiosk kiosk;
    bool db_open, display_open, kiosk_open;
    bool quit;
    int64_t quit_at_ms; /* the loop ends at this monotonic time (benchmarks); 0 = never */
    unsigned long frames;
};

/* Opens everything in order: data directory, database, strings, display, kiosk. On failure
 * prints what happened and what to do to stderr and returns the exit status (1); 0 on
 * success. */
int yk_app_init(struct yk_app *app, const struct yk_config *cfg);

/* Closes everything in reverse order. Safe after a failed init. */
void yk_app_destroy(struct yk_app *app);

/* The event loop: waits for input or the next deadline without spinning, redraws only
 * when something changed. Returns the exit status when asked to quit (SIGTERM, window
 * closed). */
int yk_app_run(struct yk_app *app);

/* Runs the headless script read from f (name for messages). Returns 0 when every line
 * succeeded, 1 at the first failing line (reported on stderr with its line number). */
int yk_app_run_script(struct yk_app *app, FILE *f, const char *name);

/* Handles every input event already queued; returns true if the UI must be redrawn. */
bool yk_app_pump(struct yk_app *app);

/* Builds and draws a frame if anything changed (or always when force); shot: PNG path to
 * save the frame to, or NULL. Returns false only when the screenshot could not be saved. */
bool yk_app_frame(struct yk_app *app, bool force, const char *shot);

/* Benchmark mode (--bench): prints figures as JSON lines on stdout. */
int yk_app_bench(struct yk_app *app);

#endif
