/* The headless driver: runs the real app (dummy video driver, software renderer, driven
 * clock) from a script of one command a line. Touches are injected as SDL finger events
 * (yk_display_inject_*) so they take the same path as on a terminal (calibration, rotation,
 * gestures). Commands are listed in README.md ("Headless driver"). */
#include "app/app.h"

#include "app/sync_http.h"
#include "core/utf8.h"
#include "core/log.h"
#include "core/sync.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct run {
    struct yk_app *app;
    const char *name;
    int line;
};

static bool fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct run *r, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", r->name, r->line, msg);
    return false;
}

/* Moves the driven clock forward by ms, running every deadline on the way (long presses,
 * flings, idle countdown) at its own time, and drawing frames as the real loop would. */
static void advance(struct yk_app *app, int64_t ms)
{
    while (ms > 0) {
        int64_t now = yk_clock_mono_ms(&app->clock);
        int64_t d = yk_kiosk_deadline(&app->kiosk);
        int64_t step = ms;
        if (d >= 0 && d - now < step)
            step = d - now < 1 ? 1 : d - now;
        yk_clock_advance(&app->clock, step);
        ms -= step;
        yk_kiosk_tick(&app->kiosk);
        yk_app_pump(app);
        yk_app_frame(app, false, NULL);
    }
}

static bool sync_round(struct run *r, bool round, const char *expect);

static void finger(struct yk_app *app, enum yk_finger phase, float lx, float ly)
{
    yk_display_inject_finger(&app->display, phase, lx, ly);
    yk_app_pump(app);
    yk_app_frame(app, false, NULL);
}

static void press_at(struct yk_app *app, float x, float y, int64_t ms)
{
    finger(app, YK_FINGER_DOWN, x, y);
    advance(app, ms);
    finger(app, YK_FINGER_UP, x, y);
}

static void swipe(struct yk_app *app, const long v[5])
{
    int steps = v[4] / 16 > 1 ? (int)(v[4] / 16) : 1;
    finger(app, YK_FINGER_DOWN, (float)v[0], (float)v[1]);
    for (int i = 1; i <= steps; i++) {
        advance(app, v[4] / steps);
        float t = (float)i / (float)steps;
        finger(app, YK_FINGER_MOVE, (float)v[0] + t * (float)(v[2] - v[0]),
               (float)v[1] + t * (float)(v[3] - v[1]));
    }
    finger(app, YK_FINGER_UP, (float)v[2], (float)v[3]);
}

static const struct yk_widget *visible_widget(const struct yk_ui *ui, const char *id)
{
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (strcmp(w->id, id) == 0 && w->vis.w > 0 && w->vis.h > 0)
            return w;
    }
    return NULL;
}

/* Where a person would drag the list l: its middle, unless another list inside it is there
 * (it would take the drag), then the nearest vertical line clear of such lists. */
static long drag_x(const struct yk_ui *ui, const struct yk_widget *l)
{
    static const int eighths[] = {4, 3, 5, 2, 6, 1, 7};
    for (size_t f = 0; f < sizeof eighths / sizeof eighths[0]; f++) {
        long x = l->vis.x + (long)l->vis.w * eighths[f] / 8;
        bool free = true;
        for (size_t i = 0; i < ui->n_widgets && free; i++) {
            const struct yk_widget *w = &ui->widgets[i];
            if (w == l || w->role != YK_ROLE_LIST || w->vis.w <= 0 || w->vis.h <= 0)
                continue;
            bool inside = w->vis.x >= l->vis.x && w->vis.x + w->vis.w <= l->vis.x + l->vis.w &&
                          w->vis.y >= l->vis.y && w->vis.y + w->vis.h <= l->vis.y + l->vis.h;
            if (inside && x >= w->vis.x && x < w->vis.x + w->vis.w)
                free = false;
        }
        if (free)
            return x;
    }
    return l->vis.x + l->vis.w / 2;
}

/* The visible widget whose text is text (tappable ones first), else the first whose text
 * contains it. */
static const struct yk_widget *widget_by_text(const struct yk_ui *ui, const char *text)
{
    const struct yk_widget *exact = NULL, *partial = NULL;
    for (size_t i = 0; i < ui->n_widgets; i++) {
        const struct yk_widget *w = &ui->widgets[i];
        if (w->vis.w <= 0 || w->vis.h <= 0 || w->role == YK_ROLE_SCREEN)
            continue;
        if (strcmp(w->text, text) == 0 && (!exact || (w->tappable && !exact->tappable)))
            exact = w;
        if (!partial && strstr(w->text, text))
            partial = w;
    }
    return exact ? exact : partial;
}

static bool parse_int(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = v;
    return true;
}

/* Splits off the first word of *rest. */
static char *word(char **rest)
{
    char *s = *rest;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return NULL;
    char *e = s;
    while (*e && *e != ' ' && *e != '\t')
        e++;
    if (*e)
        *e++ = 0;
    *rest = e;
    return s;
}

static void center(const struct yk_widget *w, float *x, float *y)
{
    *x = (float)w->vis.x + (float)w->vis.w / 2.0f;
    *y = (float)w->vis.y + (float)w->vis.h / 2.0f;
}

static bool point_args(struct run *r, char *rest, float *x, float *y, long *ms, bool want_ms,
                       const char *cmd)
{
    const struct yk_ui *ui = &r->app->kiosk.ui;
    char *a = word(&rest), *b = word(&rest), *c = word(&rest);
    long lx, ly;
    if (a && b && parse_int(a, &lx) && parse_int(b, &ly)) {
        *x = (float)lx;
        *y = (float)ly;
        if (want_ms && (!c || !parse_int(c, ms) || *ms < 0))
            return fail(r, "%s X Y MS: MS must be a number of milliseconds", cmd);
        return true;
    }
    if (!a)
        return fail(r, "%s needs a widget id or X Y", cmd);
    const struct yk_widget *w = visible_widget(ui, a);
    if (!w)
        return fail(r, "%s: no visible widget '%s'", cmd, a);
    center(w, x, y);
    if (want_ms && (!b || !parse_int(b, ms) || *ms < 0))
        return fail(r, "%s ID MS: MS must be a number of milliseconds", cmd);
    return true;
}

static bool text_input(struct yk_app *app, const char *s)
{
    yk_display_inject_text(&app->display, s);
    yk_app_pump(app);
    yk_app_frame(app, false, NULL);
    return true;
}

static bool run_line(struct run *r, char *line)
{
    struct yk_app *app = r->app;
    struct yk_ui *ui = &app->kiosk.ui;
    char *rest = line;
    char *cmd = word(&rest);
    if (!cmd || cmd[0] == '#')
        return true;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    float x, y;
    long ms = 0;
    if (strcmp(cmd, "tap") == 0) {
        if (!point_args(r, rest, &x, &y, &ms, false, "tap"))
            return false;
        press_at(app, x, y, 60);
    } else if (strcmp(cmd, "tap-if") == 0) {
        /* For layouts that adapt: tap ID when this size shows it (e.g. a filter toggle that
         * only narrow screens have), else do nothing. */
        const struct yk_widget *w = visible_widget(ui, rest);
        if (w) {
            center(w, &x, &y);
            press_at(app, x, y, 60);
        }
    } else if (strcmp(cmd, "tap-until") == 0) {
        /* A paged grid: tap MORE (its next page) until ID shows, at most 20 times. */
        const char *target = word(&rest), *more = word(&rest);
        if (!target || !more)
            return fail(r, "tap-until ID MORE");
        for (int i = 0; i < 20 && !visible_widget(ui, target); i++) {
            const struct yk_widget *m = visible_widget(ui, more);
            if (!m)
                return fail(r, "tap-until: no visible widget '%s'", more);
            center(m, &x, &y);
            press_at(app, x, y, 60);
        }
        if (!visible_widget(ui, target))
            return fail(r, "tap-until: '%s' did not show", target);
    } else if (strcmp(cmd, "tap-text") == 0) {
        const struct yk_widget *w = widget_by_text(ui, rest);
        if (!w)
            return fail(r, "tap-text: no visible widget with text '%s'", rest);
        center(w, &x, &y);
        press_at(app, x, y, 60);
    } else if (strcmp(cmd, "press") == 0) {
        if (!point_args(r, rest, &x, &y, &ms, true, "press"))
            return false;
        press_at(app, x, y, ms);
    } else if (strcmp(cmd, "swipe") == 0) {
        long v[5];
        for (int i = 0; i < 5; i++) {
            char *w = word(&rest);
            if (!w || !parse_int(w, &v[i]))
                return fail(r, "swipe X1 Y1 X2 Y2 MS: five numbers");
        }
        swipe(app, v);
    } else if (strcmp(cmd, "fling") == 0) {
        /* A fast flick inside the list widget LIST (up by default): the finger leaves while
         * moving, so the list glides on by itself. */
        const char *list = word(&rest), *dir = word(&rest);
        const struct yk_widget *l = list ? visible_widget(ui, list) : NULL;
        if (!l)
            return fail(r, "fling LIST [up|down]: no visible list '%s'", list ? list : "");
        bool down = dir && strcmp(dir, "down") == 0;
        long cx = drag_x(ui, l);
        long lo = l->vis.y + l->vis.h / 5, hi = l->vis.y + l->vis.h * 4 / 5;
        long v[5] = {cx, down ? lo : hi, cx, down ? hi : lo, 48};
        swipe(app, v);
    } else if (strcmp(cmd, "swipe-until") == 0 || strcmp(cmd, "step-until") == 0) {
        /* step-until: the same with slow drags of half the view and no fling, for lists of
         * rows taller than a fling's step (the rows in between are checked one by one). */
        bool slow = cmd[1] == 't';
        /* Drags the list LIST (up by default) a screenful at a time, letting each fling
         * settle, until widget ID shows: lists differ in length at every size and text
         * size, so tests name what they want rather than how far to drag. */
        const char *target = word(&rest), *list = word(&rest), *dir = word(&rest);
        if (!target || !list)
            return fail(r, "swipe-until ID LIST [up|down]");
        bool down = dir && strcmp(dir, "down") == 0;
        /* Until the widget shows whole (a screenshot of a QR code needs all of it), or shows
         * and the list has stopped moving (it is taller than the view, or at the end). */
        for (int round = 0; round < (slow ? 400 : 60); round++) {
            const struct yk_widget *t = visible_widget(ui, target);
            if (t && t->vis.w == t->r.w && t->vis.h == t->r.h)
                break;
            const struct yk_widget *l = visible_widget(ui, list);
            if (!l)
                return fail(r, "swipe-until: no visible list '%s'", list);
            long cx = drag_x(ui, l);
            long lo = l->vis.y + l->vis.h / 5, hi = l->vis.y + l->vis.h * 4 / 5;
            if (t) {
                /* In view but cut: a slow drag (no fling) by just what is missing. */
                long miss = down ? t->vis.y - t->r.y : (t->r.y + t->r.h) - (t->vis.y + t->vis.h);
                long span = hi - lo;
                if (miss > span)
                    miss = span;
                if (miss <= 0)
                    break;
                struct yk_rect before = t->vis;
                /* Less than the gesture's slop (2.5 mm) would be taken for a shaky tap: go
                 * the other way by more than the slop first, then back past the start. */
                long slop = (long)(3.0f * ui->theme.px_per_mm) + 1;
                if (miss < slop) {
                    long b[5] = {cx, down ? lo + slop : hi - slop, cx, down ? lo : hi, 900};
                    swipe(app, b);
                    advance(app, 500);
                    miss += slop;
                }
                long v[5] = {cx, down ? lo : hi, cx, down ? lo + miss : hi - miss, 900};
                swipe(app, v);
                advance(app, 500);
                t = visible_widget(ui, target);
                if (t && t->vis.y == before.y && t->vis.h == before.h)
                    break; /* the list cannot move further: as much as it can show */
                continue;
            }
            long step = slow ? (hi - lo) * 5 / 8 : hi - lo;
            long v[5] = {cx, down ? lo : hi, cx, down ? lo + step : hi - step, slow ? 900 : 300};
            swipe(app, v);
            advance(app, slow ? 500 : 2000);
        }
        if (!visible_widget(ui, target))
            return fail(r, "swipe-until: '%s' did not come into view", target);
    } else if (strcmp(cmd, "type") == 0) {
        text_input(app, rest);
    } else if (strcmp(cmd, "key") == 0) {
        if (!yk_display_inject_key(&app->display, rest))
            return fail(r, "key: unknown key name '%s' (Return, Escape, BackSpace, Tab, ...)",
                        rest);
        yk_app_pump(app);
        yk_app_frame(app, false, NULL);
    } else if (strcmp(cmd, "wait") == 0) {
        if (!parse_int(rest, &ms) || ms < 0)
            return fail(r, "wait MS: a number of milliseconds");
        advance(app, ms);
    } else if (strcmp(cmd, "shot") == 0) {
        if (!*rest)
            return fail(r, "shot FILE.png");
        if (!yk_app_frame(app, true, rest))
            return fail(r, "shot: cannot write %s", rest);
    } else if (strcmp(cmd, "tree") == 0) {
        yk_app_frame(app, false, NULL);
        if (!*rest || strcmp(rest, "-") == 0) {
            yk_ui_write_tree(ui, stdout);
            fflush(stdout);
        } else {
            FILE *f = fopen(rest, "w");
            if (!f)
                return fail(r, "tree: cannot write %s: %s", rest, strerror(errno));
            yk_ui_write_tree(ui, f);
            fclose(f);
        }
    } else if (strcmp(cmd, "expect-id") == 0) {
        if (!visible_widget(ui, rest))
            return fail(r, "expect-id: no visible widget '%s'", rest);
    } else if (strcmp(cmd, "expect-text") == 0) {
        if (!widget_by_text(ui, rest))
            return fail(r, "expect-text: '%s' is not on screen", rest);
    } else if (strcmp(cmd, "expect-no-text") == 0) {
        if (widget_by_text(ui, rest))
            return fail(r, "expect-no-text: '%s' is on screen", rest);
    } else if (strcmp(cmd, "check-layout") == 0) {
        char err[4096];
        int n = yk_ui_check_layout(ui, err, sizeof err);
        if (n)
            return fail(r, "check-layout: %d problem(s) at %dx%d:\n%s", n, ui->p.width,
                        ui->p.height, err);
    } else if (strcmp(cmd, "check-choices") == 0) {
        /* The step's choices and actions whole in view: those the screen marked, and any ids
         * (or id prefixes ending in '*') named on the line, of which at least one must show. */
        char err[4096];
        int n = yk_ui_check_choices(ui, err, sizeof err);
        if (n > 0)
            return fail(r, "check-choices: %d choice(s) not whole in view at %dx%d:\n%s", n,
                        ui->p.width, ui->p.height, err);
        bool named = false;
        for (char *id = word(&rest); id; id = word(&rest)) {
            named = true;
            size_t len = strlen(id);
            bool prefix = len && id[len - 1] == '*';
            int seen = 0;
            for (size_t i = 0; i < ui->n_widgets; i++) {
                const struct yk_widget *w = &ui->widgets[i];
                if (prefix ? strncmp(w->id, id, len - 1) != 0 : strcmp(w->id, id) != 0)
                    continue;
                seen++;
                if (w->vis.w != w->r.w || w->vis.h != w->r.h || w->r.w <= 0 || w->r.h <= 0 ||
                    w->r.x < 0 || w->r.y < 0 || w->r.x + w->r.w > ui->p.width ||
                    w->r.y + w->r.h > ui->p.height)
                    return fail(r,
                                "check-choices: '%s' is not whole in view at %dx%d (%dx%d, "
                                "%dx%d shown)",
                                w->id, ui->p.width, ui->p.height, w->r.w, w->r.h, w->vis.w,
                                w->vis.h);
            }
            if (!seen)
                return fail(r, "check-choices: no widget '%s' on this screen", id);
        }
        if (n < 0 && !named)
            return fail(r, "check-choices: this screen marks no choices");
    } else if (strcmp(cmd, "check-contrast") == 0) {
        char *end;
        double min = strtod(rest, &end);
        if (end == rest || min < 1 || min > 21)
            return fail(r, "check-contrast MIN: a ratio such as 4.5 or 7");
        char err[4096];
        int n = yk_ui_check_contrast(ui, min, err, sizeof err);
        if (n)
            return fail(r, "check-contrast: %d text line(s) under %.1f:1:\n%s", n, min, err);
    } else if (strcmp(cmd, "sync") == 0) {
        return sync_round(r, true, *rest ? rest : NULL);
    } else if (strcmp(cmd, "sync-confirm") == 0) {
        return sync_round(r, false, NULL);
    } else {
        return fail(r, "unknown command '%s'", cmd);
    }
    return true;
}

/* The sync commands, on this thread at the driven clock's time (the background worker does
 * not run headless, so scripts decide when sync happens). First the online confirmation the
 * sign-up screen asked for and the look-up or cancel 我的报名 asked for, if any (the worker's
 * job on a terminal); then, when round is
 * true, one whole round (push, seats, pull, media, tickets, heartbeat). `sync` fails the line
 * when the round fails, or, given expect, when its outcome is not that one ("retry",
 * "refused", ...: yk_sync_rc_name), so that scripts can show failures; `sync-confirm` serves
 * only those requests and fails the line only when nothing was asked for (a failed one is the
 * screen's to show). */
static bool sync_round(struct run *r, bool round, const char *expect)
{
    const struct yk_config *cfg = r->app->cfg;
    if (!cfg->hub_url[0])
        return fail(r, "%s: no hub_url is configured", round ? "sync" : "sync-confirm");
    struct yk_sync_client c;
    struct yk_sync_client_params cp = {
        .hub_url = cfg->hub_url,
        .data_dir = cfg->data_dir,
        .public_key = r->app->keys_open ? r->app->keys.public_key : NULL,
        .version = YK_VERSION,
        .seat_block = cfg->seat_block,
        .keys = r->app->keys_open ? &r->app->keys : NULL,
    };
    if (!yk_sync_client_init(&c, &cp))
        return fail(r, "sync: the HTTP client cannot start");
    int64_t now = yk_clock_utc_ms(&r->app->clock) / 1000;
    char signup_id[YK_ID_LEN + 1], status[12] = "";
    bool waitlist_ok, asked = yk_sync_take_confirm_request(signup_id, &waitlist_ok);
    if (asked) {
        enum yk_sync_rc crc =
            yk_sync_confirm_online(&c, &r->app->db, signup_id, waitlist_ok, now, status);
        yk_sync_confirm_done(signup_id, crc == YK_SYNC_OK, status);
        if (crc != YK_SYNC_OK)
            fprintf(stderr, "%s:%d: online confirmation failed: %s (%s)\n", r->name, r->line,
                    yk_sync_rc_name(crc), c.last_error);
    }
    bool mine = yk_sync_serve_mine(&c, &r->app->db);
    if (!round) {
        yk_sync_client_destroy(&c);
        if (!asked && !mine)
            return fail(r, "sync-confirm: the screen asked for nothing");
        /* Let the screen see the answer at its next tick. */
        advance(r->app, 1);
        return true;
    }
    char typed[64];
    const char *code = yk_sync_take_setup_code(typed, sizeof typed) ? typed : cfg->setup_code;
    enum yk_sync_rc rc = yk_sync_round(&c, &r->app->db, now, code, true);
    yk_sync_publish_round(&c, &r->app->db, rc, now, rc == YK_SYNC_OK ? now : 0, 0);
    char why[160];
    snprintf(why, sizeof why, "%s", c.last_error);
    yk_sync_client_destroy(&c);
    r->app->kiosk.dirty = true;
    if (asked || mine)
        advance(r->app, 1); /* the screen's tick sees the answer */
    if (expect && strcmp(expect, yk_sync_rc_name(rc)) != 0)
        return fail(r, "sync: %s (%s), not %s", yk_sync_rc_name(rc), why, expect);
    if (!expect && rc != YK_SYNC_OK)
        return fail(r, "sync: %s (%s)", yk_sync_rc_name(rc), why);
    return true;
}

/* Headless, the driver stands in for the sync worker: screens may hand it an online
 * confirmation (taken by the next sync or sync-confirm line). */
static void driver_waker(void *ctx)
{
    (void)ctx;
}

int yk_app_run_script(struct yk_app *app, FILE *f, const char *name)
{
    struct run r = {app, name, 0};
    if (app->cfg->hub_url[0])
        yk_sync_set_waker(driver_waker, NULL);
    yk_app_frame(app, true, NULL);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        r.line++;
        line[strcspn(line, "\r\n")] = 0;
        if (!run_line(&r, line)) {
            yk_sync_set_waker(NULL, NULL);
            return 1;
        }
    }
    yk_sync_set_waker(NULL, NULL);
    return 0;
}
