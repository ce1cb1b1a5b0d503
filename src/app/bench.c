/* --bench: measures the kiosk in a real window and prints figures as JSON lines:
 * start-up to first frame (wall from YK_BENCH_T0_NS, set by tests/bench/bench.sh just
 * before exec, and CPU), CPU and wall per full redraw, tap to the frame that shows its
 * effect, CPU over an idle period on the home screen, and memory: the resident set now
 * (VmRSS) and its peak so far (VmHWM) at three fixed points of the walk — "start" (after the
 * first frame), "walk" (after the redraws, taps, idle and sign-ups, on the home screen,
 * before volunteer mode) and "pin" (after the volunteer PIN check and the check-ins). */
#include "app/app.h"

#include "core/log.h"
#include "core/store.h"
#include "core/ticket.h"
#include "ui/screens/screens.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

/* A "Field:   N kB" line of /proc/self/status, in KiB; -1 where it cannot be read. */
static long status_kb(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            v = strtol(line + n + 1, NULL, 10);
    fclose(f);
    return v;
}

/* The memory figures at one of the walk's fixed points (see the top of this file). */
static void print_rss(const char *at, int w, int h)
{
    printf("{\"metric\":\"rss\",\"at\":\"%s\",\"size\":\"%dx%d\",\"vmrss_kb\":%ld,"
           "\"vmhwm_kb\":%ld}\n",
           at, w, h, status_kb("VmRSS"), status_kb("VmHWM"));
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double since_t0_ms(void)
{
    const char *t0 = getenv("YK_BENCH_T0_NS");
    if (!t0)
        return -1;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double now = (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
    return now - strtod(t0, NULL) / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void tap_widget(struct yk_app *app, const char *id)
{
    const struct yk_widget *w = yk_ui_find(&app->kiosk.ui, id);
    if (!w)
        return;
    float x = (float)w->vis.x + (float)w->vis.w / 2, y = (float)w->vis.y + (float)w->vis.h / 2;
    yk_display_inject_finger(&app->display, YK_FINGER_DOWN, x, y);
    yk_display_inject_finger(&app->display, YK_FINGER_UP, x, y);
}

int yk_app_bench(struct yk_app *app)
{
    const struct yk_config *cfg = app->cfg;
    int w = app->display.phys_w, h = app->display.phys_h;

    /* 1. First frame. */
    yk_app_frame(app, true, NULL);
    printf("{\"metric\":\"first_frame\",\"size\":\"%dx%d\",\"wall_ms\":%.1f,\"cpu_ms\":%.1f}\n", w,
           h, since_t0_ms(), cpu_ms());
    print_rss("start", w, h);

    /* 2. Full redraws of the home screen (layout + drawing, warm caches). */
    const int redraws = 60;
    double c0 = cpu_ms(), t0 = now_ms();
    unsigned long rz = app->display.text.resized, ms = app->display.text.measured;
    for (int i = 0; i < redraws; i++)
        yk_app_frame(app, true, NULL);
    printf("{\"metric\":\"redraw\",\"size\":\"%dx%d\",\"frames\":%d,\"cpu_ms_per_frame\":%.2f,"
           "\"wall_ms_per_frame\":%.2f,\"font_resizes\":%lu,\"measured\":%lu}\n",
           w, h, redraws, (cpu_ms() - c0) / redraws, (now_ms() - t0) / redraws,
           app->display.text.resized - rz, app->display.text.measured - ms);

    /* 3. Tap to frame: a tap on a home tile until the new screen is presented, then back. */
    enum { TAPS = 20 };
    double lat[TAPS];
    for (int i = 0; i < TAPS; i++) {
        const char *id = i % 2 == 0 ? "home.services" : "nav.home";
        double s = now_ms();
        tap_widget(app, id);
        yk_app_pump(app);
        yk_app_frame(app, false, NULL);
        lat[i] = now_ms() - s;
    }
    qsort(lat, TAPS, sizeof lat[0], cmp_double);
    printf("{\"metric\":\"tap_to_frame\",\"size\":\"%dx%d\",\"taps\":%d,\"median_ms\":%.2f,"
           "\"max_ms\":%.2f}\n",
           w, h, TAPS, lat[TAPS / 2], lat[TAPS - 1]);

    /* 4. Idle on the home screen in the real loop. */
    if (cfg->bench_idle_s > 0) {
        yk_kiosk_reset(&app->kiosk);
        yk_app_frame(app, true, NULL);
        double ci = cpu_ms(), ti = now_ms();
        app->quit_at_ms = yk_clock_mono_ms(&app->clock) + cfg->bench_idle_s * 1000LL;
        unsigned long frames = app->frames;
        yk_app_run(app);
        double wall = now_ms() - ti, cpu = cpu_ms() - ci;
        printf("{\"metric\":\"idle\",\"size\":\"%dx%d\",\"seconds\":%.1f,\"cpu_ms\":%.1f,"
               "\"core_percent\":%.3f,\"frames\":%lu,\"driver\":\"%s\"}\n",
               w, h, wall / 1000.0, cpu, 100.0 * cpu / wall, app->frames - frames,
               app->display.driver);
    }
    /* 5. Sign-up: from the tap on 确认报名 to the frame showing the ticket (durable commit
     * with synchronous=FULL, signing, QR encoding and drawing included). */
    struct yk_event_filter f = {.now_utc = yk_clock_utc_ms(&app->clock) / 1000,
                                .kind = YK_EVENT_KIND_ANY};
    struct yk_event_list evs = {0};
    const char *event = NULL;
    if (yk_store_list_upcoming_events(&app->db, &f, 0, 50, &evs))
        for (size_t i = 0; i < evs.count && !event; i++)
            if (evs.items[i].capacity >= 20 && evs.items[i].max_party >= 1 &&
                evs.items[i].signup_deadline_utc > f.now_utc)
                event = evs.items[i].id;
    enum { SIGNUPS = 15 };
    double sl[SIGNUPS];
    int done = 0;
    for (int i = 0; event && i < SIGNUPS; i++) {
        yk_kiosk_reset(&app->kiosk);
        snprintf(app->kiosk.sel_event, sizeof app->kiosk.sel_event, "%s", event);
        yk_kiosk_go(&app->kiosk, YK_SCREEN_SIGNUP);
        /* A different number each time (139 then 8 digits from the clock and i). */
        char phone[24];
        int pn = snprintf(phone, sizeof phone, "139%08ld",
                          (long)((yk_os_mono_ms() * 31 + i) % 100000000));
        if (pn != 11)
            continue;
        for (int d = 0; d < 11; d++) {
            char id[32];
            snprintf(id, sizeof id, "signup.key.%c", phone[d]);
            yk_kiosk_activate(&app->kiosk, id);
        }
        for (int step = 0; step < 4; step++) /* number, name, party, privacy */
            yk_kiosk_activate(&app->kiosk, "signup.next");
        yk_app_frame(app, false, NULL);
        double s0 = now_ms();
        yk_kiosk_activate(&app->kiosk, "signup.next"); /* 确认报名 */
        yk_app_frame(app, false, NULL);
        sl[done++] = now_ms() - s0;
    }
    if (done) {
        qsort(sl, (size_t)done, sizeof sl[0], cmp_double);
        printf("{\"metric\":\"confirm_to_ticket\",\"size\":\"%dx%d\",\"signups\":%d,"
               "\"median_ms\":%.2f,\"max_ms\":%.2f}\n",
               w, h, done, sl[done / 2], sl[done - 1]);
    }
    /* Memory of the kiosk for residents, on the home screen as a visitor leaves it (before
     * volunteer mode: its PIN check is Argon2id with a 64 MiB working area by design,
     * reported separately below). */
    yk_kiosk_reset(&app->kiosk);
    yk_app_frame(app, true, NULL);
    print_rss("walk", w, h);

    /* 6. Check-in: from the scanner's last character (its Enter) to the frame showing the
     * result, for the tickets just issued, through the real volunteer screen (scanner
     * assembly, signature check, durable check-in record, drawing). */
    if (done) {
        struct yk_kiosk *k = &app->kiosk;
        yk_kiosk_reset(k);
        yk_kiosk_go(k, YK_SCREEN_VOLUNTEER_PIN);
        const char *pin[] = {"vpin.key.2", "vpin.key.4", "vpin.key.6", "vpin.key.8", "vpin.ok"};
        for (size_t i = 0; i < sizeof pin / sizeof pin[0]; i++)
            yk_kiosk_activate(k, pin[i]);
        for (int i = 0; i < 3 && k->screen != YK_SCREEN_VOLUNTEER; i++) {
            yk_app_frame(app, false, NULL); /* "checking…", then the check on the tick */
            yk_kiosk_tick(k);
        }
        char evid[96];
        snprintf(evid, sizeof evid, "vol.event.%s", event);
        yk_kiosk_activate(k, "vol.tab.checkin");
        yk_kiosk_activate(k, evid);
        yk_app_frame(app, false, NULL);
        sqlite3_stmt *q = yk_db_prepare(&app->db, "SELECT ticket_code FROM signups WHERE "
                                                  "event_id = ?1 AND ticket_code IS NOT NULL");
        double cl[SIGNUPS];
        int n = 0;
        if (q && k->screen == YK_SCREEN_VOLUNTEER) {
            sqlite3_bind_text(q, 1, event, -1, SQLITE_TRANSIENT);
            while (n < SIGNUPS && sqlite3_step(q) == SQLITE_ROW) {
                char url[YK_TICKET_URL_MAX];
                if (!yk_ticket_url(cfg->hub_url, (const char *)sqlite3_column_text(q, 0), url,
                                   sizeof url))
                    continue;
                /* As a USB scanner types it: 31-byte text events, then Enter. */
                yk_display_inject_text(&app->display, url);
                yk_app_pump(app);
                double k0 = now_ms();
                yk_display_inject_key(&app->display, "Return");
                yk_app_pump(app);
                yk_kiosk_tick(k);
                yk_app_frame(app, false, NULL);
                cl[n++] = now_ms() - k0;
                yk_kiosk_activate(k, "vol.result.next");
                yk_app_frame(app, false, NULL);
            }
        }
        if (q)
            sqlite3_finalize(q);
        if (n) {
            qsort(cl, (size_t)n, sizeof cl[0], cmp_double);
            printf("{\"metric\":\"scan_to_result\",\"size\":\"%dx%d\",\"scans\":%d,"
                   "\"median_ms\":%.2f,\"max_ms\":%.2f}\n",
                   w, h, n, cl[n / 2], cl[n - 1]);
        }
    }
    yk_store_free_events(&evs);
    yk_kiosk_reset(&app->kiosk);

    print_rss("pin", w, h);
    fflush(stdout);
    return 0;
}
