/* --bench: measures the kiosk in a real window and prints figures as JSON lines:
 * start-up to first frame (wall from YK_BENCH_T0_NS, set by tests/bench/bench.sh just
 * before exec, and CPU), CPU and wall per full redraw, tap to the frame that shows its
 * effect, CPU over an idle period on the home screen, and peak RSS. */
#include "app/app.h"

#include "core/log.h"

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

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
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
    float tx, ty;
    yk_display_logical_to_touch(&app->display, (float)w->vis.x + (float)w->vis.w / 2,
                                (float)w->vis.y + (float)w->vis.h / 2, &tx, &ty);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = tx;
    e.tfinger.y = ty;
    e.type = SDL_FINGERDOWN;
    SDL_PushEvent(&e);
    e.type = SDL_FINGERUP;
    SDL_PushEvent(&e);
}

int yk_app_bench(struct yk_app *app)
{
    const struct yk_config *cfg = app->cfg;
    int w = app->display.phys_w, h = app->display.phys_h;

    /* 1. First frame. */
    yk_app_frame(app, true, NULL);
    printf("{\"metric\":\"first_frame\",\"size\":\"%dx%d\",\"wall_ms\":%.1f,\"cpu_ms\":%.1f,"
           "\"rss_kb\":%ld}\n",
           w, h, since_t0_ms(), cpu_ms(), peak_rss_kb());

    /* 2. Full redraws of the home screen (layout + drawing, warm caches). */
    const int redraws = 60;
    double c0 = cpu_ms(), t0 = now_ms();
    for (int i = 0; i < redraws; i++)
        yk_app_frame(app, true, NULL);
    printf("{\"metric\":\"redraw\",\"size\":\"%dx%d\",\"frames\":%d,\"cpu_ms_per_frame\":%.2f,"
           "\"wall_ms_per_frame\":%.2f}\n",
           w, h, redraws, (cpu_ms() - c0) / redraws, (now_ms() - t0) / redraws);

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
    printf("{\"metric\":\"peak_rss\",\"size\":\"%dx%d\",\"rss_kb\":%ld}\n", w, h, peak_rss_kb());
    fflush(stdout);
    return 0;
}
