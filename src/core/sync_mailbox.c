/* The process-wide sync mailbox: the worker's published status, a typed setup code, the
 * one online confirmation in flight and the waker, shared between the UI thread and the
 * sync worker under one lock. */
#include "core/sync_internal.h"

#include "core/base32.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Status ------------------------------------------------------------------------------------ */

static pthread_mutex_t status_lock = PTHREAD_MUTEX_INITIALIZER;
static struct yk_sync_status status_now;
static char setup_code[64];
static void (*waker)(void *);
static void *waker_ctx;
/* Counts changes (a status published, a confirmation answered) for yk_sync_wait_change. */
static unsigned changes;
static pthread_cond_t changed; /* on CLOCK_MONOTONIC */
static pthread_once_t changed_once = PTHREAD_ONCE_INIT;

static void changed_init(void)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&changed, &ca);
    pthread_condattr_destroy(&ca);
}

/* Under status_lock. */
static void note_change(void)
{
    pthread_once(&changed_once, changed_init);
    changes++;
    pthread_cond_broadcast(&changed);
}
/* The one online confirmation in flight (a kiosk signs up one person at a time). */
enum confirm_state { CONFIRM_NONE, CONFIRM_ASKED, CONFIRM_RUNNING, CONFIRM_DONE, CONFIRM_FAILED };
static struct {
    char id[YK_ID_LEN + 1];
    bool waitlist_ok;
    enum confirm_state state;
    char status[12];
} confirm;

void yk_sync_status(struct yk_sync_status *out)
{
    pthread_mutex_lock(&status_lock);
    *out = status_now;
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_status_publish(const struct yk_sync_status *s)
{
    pthread_mutex_lock(&status_lock);
    status_now = *s;
    note_change();
    pthread_mutex_unlock(&status_lock);
}

bool yk_sync_enter_setup_code(const char *code)
{
    size_t n = strlen(code);
    if (n >= sizeof setup_code || yk_base32_symbols(code) != 16)
        return false;
    pthread_mutex_lock(&status_lock);
    memcpy(setup_code, code, n + 1);
    pthread_mutex_unlock(&status_lock);
    yk_sync_wake();
    return true;
}

bool yk_sync_take_setup_code(char *out, size_t n)
{
    pthread_mutex_lock(&status_lock);
    bool have = setup_code[0] != '\0' && strlen(setup_code) < n;
    if (have)
        memcpy(out, setup_code, strlen(setup_code) + 1);
    sodium_memzero(setup_code, sizeof setup_code);
    pthread_mutex_unlock(&status_lock);
    return have;
}

/* Under status_lock: whether a worker runs and the last round reached the hub. */
static bool can_ask(void)
{
    return waker != NULL && status_now.online && !status_now.stopped;
}

bool yk_sync_mailbox_can_ask(void)
{
    pthread_mutex_lock(&status_lock);
    bool ok = can_ask();
    pthread_mutex_unlock(&status_lock);
    return ok;
}

void yk_sync_mailbox_changed(void)
{
    pthread_mutex_lock(&status_lock);
    note_change();
    pthread_mutex_unlock(&status_lock);
}

bool yk_sync_request_confirm(const char *signup_id, bool waitlist_ok)
{
    if (strlen(signup_id) != YK_ID_LEN)
        return false;
    pthread_mutex_lock(&status_lock);
    bool ok = can_ask();
    if (ok) {
        memcpy(confirm.id, signup_id, YK_ID_LEN + 1);
        confirm.waitlist_ok = waitlist_ok;
        confirm.state = CONFIRM_ASKED;
        confirm.status[0] = '\0';
    }
    pthread_mutex_unlock(&status_lock);
    if (ok)
        yk_sync_wake();
    return ok;
}

int yk_sync_confirm_result(const char *signup_id, char status[12])
{
    status[0] = '\0';
    pthread_mutex_lock(&status_lock);
    int r = -1;
    if (strcmp(confirm.id, signup_id) == 0) {
        if (confirm.state == CONFIRM_ASKED || confirm.state == CONFIRM_RUNNING)
            r = 0;
        else if (confirm.state == CONFIRM_DONE) {
            r = 1;
            memcpy(status, confirm.status, sizeof confirm.status);
        }
    }
    pthread_mutex_unlock(&status_lock);
    return r;
}

bool yk_sync_take_confirm_request(char signup_id[YK_ID_LEN + 1], bool *waitlist_ok)
{
    pthread_mutex_lock(&status_lock);
    bool have = confirm.state == CONFIRM_ASKED;
    if (have) {
        memcpy(signup_id, confirm.id, YK_ID_LEN + 1);
        *waitlist_ok = confirm.waitlist_ok;
        confirm.state = CONFIRM_RUNNING;
    }
    pthread_mutex_unlock(&status_lock);
    return have;
}

void yk_sync_confirm_done(const char *signup_id, bool ok, const char *status)
{
    pthread_mutex_lock(&status_lock);
    if (strcmp(confirm.id, signup_id) == 0 && confirm.state == CONFIRM_RUNNING) {
        confirm.state = ok ? CONFIRM_DONE : CONFIRM_FAILED;
        snprintf(confirm.status, sizeof confirm.status, "%s", ok && status ? status : "");
        note_change();
    }
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_wake(void)
{
    pthread_mutex_lock(&status_lock);
    void (*fn)(void *) = waker;
    void *ctx = waker_ctx;
    if (fn)
        fn(ctx);
    pthread_mutex_unlock(&status_lock);
}

void yk_sync_set_waker(void (*fn)(void *ctx), void *ctx)
{
    pthread_mutex_lock(&status_lock);
    waker = fn;
    waker_ctx = ctx;
    pthread_mutex_unlock(&status_lock);
}

unsigned yk_sync_changes(void)
{
    pthread_mutex_lock(&status_lock);
    unsigned n = changes;
    pthread_mutex_unlock(&status_lock);
    return n;
}

unsigned yk_sync_wait_change(unsigned seen, int timeout_ms)
{
    pthread_once(&changed_once, changed_init);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t ns = (int64_t)ts.tv_nsec + (int64_t)(timeout_ms > 0 ? timeout_ms : 0) * 1000000;
    ts.tv_sec += (time_t)(ns / 1000000000);
    ts.tv_nsec = (long)(ns % 1000000000);
    pthread_mutex_lock(&status_lock);
    while (changes == seen && pthread_cond_timedwait(&changed, &status_lock, &ts) == 0)
        ;
    unsigned n = changes;
    pthread_mutex_unlock(&status_lock);
    return n;
}
