#include "app/app.h"

#include "app/sync_http.h"
#include "app/sync_worker.h"
#include "core/embed.h"
#include "core/log.h"
#include "core/signup.h"
#include "core/ticket_keys.h"
#include "platform/notify.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The background sync (src/core/SYNC.md): one per process, started once the database is open
 * when a hub is configured; headless scripts sync with their own `sync` command instead. */
static struct yk_sync_worker *sync_worker;

/* mkdir -p */
static bool make_dirs(const char *path)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(buf, 0755) == 0 || errno == EEXIST;
}

int yk_app_init(struct yk_app *app, const struct yk_config *cfg)
{
    memset(app, 0, sizeof *app);
    app->cfg = cfg;
    if (cfg->headless)
        yk_clock_init_driven(&app->clock, cfg->start_time > 0 ? cfg->start_time : 1796083200);
    else
        yk_clock_init_real(&app->clock, cfg->start_time);

    if (!make_dirs(cfg->data_dir)) {
        fprintf(stderr,
                "无法创建数据目录 %s：%s。请检查磁盘和权限，或用 --data-dir 指定其他目录。\n"
                "Cannot create the data directory %s: %s. Check the disk and its permissions, "
                "or choose another with --data-dir.\n",
                cfg->data_dir, strerror(errno), cfg->data_dir, strerror(errno));
        return 1;
    }
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", cfg->data_dir);
    struct yk_db_params dp = {
        .path = path, .seed_sample = true, .now_ms = yk_clock_utc_ms(&app->clock)};
    if (!yk_db_open(&app->db, &dp)) {
        fprintf(stderr,
                "无法打开数据库 %s：%s。请检查磁盘空间和权限。\n"
                "Cannot open the database %s: %s. Check free disk space and permissions.\n",
                path, app->db.error, path, app->db.error);
        return 1;
    }
    app->db_open = true;
    int64_t now_s = yk_clock_utc_ms(&app->clock) / 1000;
    if (!yk_ticket_keys_load_or_create(&app->keys, cfg->data_dir, &app->db, now_s)) {
        /* The kiosk still shows everything; only sign-up needs the key. */
        yk_error("app", "no ticket-signing key in %s: sign-up is off until this is fixed",
                 cfg->data_dir);
    } else {
        app->keys_open = true;
    }
    /* Phone numbers are kept only as long as needed (PIPL): purge at every start; the
     * loop does it again each day. */
    int purged = yk_signup_purge_phones(&app->db, now_s, cfg->retention_days);
    if (purged > 0)
        yk_info("app", "cleared %d phone numbers past retention", purged);
    if (cfg->hub_url[0])
        yk_sync_publish_configured(cfg->data_dir); /* what volunteer mode shows until a round */
    if (cfg->hub_url[0] && !cfg->headless) {
        struct yk_sync_worker_params sp = {
            .db_path = path,
            .hub_url = cfg->hub_url,
            .data_dir = cfg->data_dir,
            .setup_code = cfg->setup_code,
            .public_key = app->keys_open ? app->keys.public_key : NULL,
            .version = YK_VERSION,
            .interval_s = cfg->sync_interval_s,
            .heartbeat_s = cfg->heartbeat_interval_s,
            .seat_block = cfg->seat_block,
            .keys = app->keys_open ? &app->keys : NULL,
            /* Its times follow --now as the screens' do; a driven clock (headless) is the
             * UI thread's alone. */
            .clock = app->clock.driven ? NULL : &app->clock,
        };
        sync_worker = yk_sync_worker_start(&sp); /* NULL: the kiosk runs offline (logged) */
    }

    char err[1024];
    if (!yk_i18n_load_embedded(&app->strings, yk_embed_assets, err, sizeof err)) {
        fprintf(stderr, "assets/strings*.tsv: %s\n", err);
        return 1;
    }

    struct yk_display_params pp = {
        .headless = cfg->headless,
        .fullscreen = cfg->fullscreen && !cfg->headless,
        .width = cfg->window_w,
        .height = cfg->window_h,
        .rotation = cfg->rotation,
        .cal = cfg->touch_cal,
        .dpi = cfg->dpi,
    };
    if (!yk_display_init(&app->display, &pp, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    app->display_open = true;

    struct yk_kiosk_params kp = {
        .cfg = cfg,
        .clock = &app->clock,
        .db = &app->db,
        .keys = app->keys_open ? &app->keys : NULL,
        .strings = &app->strings,
        .width = app->display.log_w,
        .height = app->display.log_h,
        .px_per_mm = app->display.px_per_mm,
        .measure = yk_text_measure,
        .measure_ctx = &app->display.text,
        .line_height = yk_text_line_height,
    };
    if (!yk_kiosk_init(&app->kiosk, &kp))
        return 1;
    app->kiosk_open = true;
    return 0;
}

void yk_app_destroy(struct yk_app *app)
{
    if (app->kiosk_open)
        yk_kiosk_destroy(&app->kiosk);
    if (app->display_open)
        yk_display_destroy(&app->display);
    yk_i18n_destroy(&app->strings);
    yk_sync_worker_stop(sync_worker);
    sync_worker = NULL;
    if (app->keys_open)
        yk_ticket_keys_destroy(&app->keys);
    if (app->db_open)
        yk_db_close(&app->db);
    memset(app, 0, sizeof *app);
}

static void handle_event(struct yk_app *app, const struct yk_display_event *ev)
{
    if (ev->quit) {
        app->quit = true;
        return;
    }
    if (ev->has_input)
        yk_kiosk_input(&app->kiosk, &ev->input);
    if (ev->resized) {
        if (app->display.log_w != app->kiosk.p.width || app->display.log_h != app->kiosk.p.height)
            yk_kiosk_resize(&app->kiosk, app->display.log_w, app->display.log_h,
                            app->display.px_per_mm);
        app->kiosk.dirty = true;
    }
}

bool yk_app_pump(struct yk_app *app)
{
    struct yk_display_event ev;
    while (yk_display_next(&app->display, &ev, 0))
        handle_event(app, &ev);
    return app->kiosk.dirty;
}

bool yk_app_frame(struct yk_app *app, bool force, const char *shot)
{
    if (force)
        app->kiosk.dirty = true;
    if (!yk_kiosk_build(&app->kiosk) && !shot)
        return true;
    app->frames++;
    return yk_display_draw(&app->display, &app->kiosk.ui, shot);
}

int yk_app_run(struct yk_app *app)
{
    yk_app_frame(app, true, NULL);
    app->quit = false;
    /* Under systemd: ready once the first frame is up, then a watchdog ping at half the
     * unit's WatchdogSec from the loop itself, so a hung loop gets the kiosk restarted. */
    yk_notify("READY=1");
    int64_t wd_period = yk_notify_watchdog_ms() / 2;
    int64_t wd_next = wd_period ? yk_clock_mono_ms(&app->clock) + wd_period : 0;
    while (!app->quit) {
        yk_kiosk_tick(&app->kiosk);
        yk_app_frame(app, false, NULL);
        int64_t deadline = yk_kiosk_deadline(&app->kiosk);
        int64_t now = yk_clock_mono_ms(&app->clock);
        if (wd_next) {
            if (now >= wd_next) {
                yk_notify("WATCHDOG=1");
                wd_next = now + wd_period;
            }
            if (deadline < 0 || deadline > wd_next)
                deadline = wd_next;
        }
        if (app->quit_at_ms) {
            if (now >= app->quit_at_ms)
                break;
            if (deadline < 0 || deadline > app->quit_at_ms)
                deadline = app->quit_at_ms;
        }
        int timeout = deadline < 0 ? -1 : deadline <= now ? 0 : (int)(deadline - now);
        struct yk_display_event ev;
        if (yk_display_next(&app->display, &ev, timeout)) {
            handle_event(app, &ev);
            yk_app_pump(app);
        }
    }
    yk_notify("STOPPING=1");
    yk_info("app", "quitting after %lu frames", app->frames);
    return 0;
}
