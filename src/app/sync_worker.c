#include "app/sync_worker.h"

#include "app/sync_http.h"
#include "core/db.h"
#include "core/log.h"
#include "core/sync.h"

#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct yk_sync_worker {
    struct yk_sync_worker_params p;
    char db_path[600], hub_url[512], data_dir[512], setup_code[64], version[32];
    uint8_t public_key[32];
    bool have_key;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond; /* CLOCK_MONOTONIC */
    bool wake, stop;
    atomic_bool abort_transfer;
    struct yk_clock clock;
};

/* The worker's copy of the app's clock: a real clock is only read, so the copy is safe
 * to use on this thread. */
static int64_t mono_ms(const struct yk_sync_worker *w)
{
    return yk_clock_mono_ms(&w->clock);
}

static int64_t utc_s(const struct yk_sync_worker *w)
{
    return yk_clock_utc_ms(&w->clock) / 1000;
}

static void waker(void *ctx)
{
    yk_sync_worker_wake(ctx);
}

/* Waits until deadline (monotonic ms), a wake or stop. Returns false when stopping. */
static bool wait_until(struct yk_sync_worker *w, int64_t deadline)
{
    /* The condition variable runs on the OS monotonic clock; the real clock's monotonic
     * time differs from it only by a constant. */
    int64_t os_deadline = yk_os_mono_ms() + (deadline - mono_ms(w));
    pthread_mutex_lock(&w->lock);
    while (!w->stop && !w->wake && mono_ms(w) < deadline) {
        struct timespec ts = {.tv_sec = os_deadline / 1000,
                              .tv_nsec = (os_deadline % 1000) * 1000000};
        pthread_cond_timedwait(&w->cond, &w->lock, &ts);
    }
    w->wake = false;
    bool go_on = !w->stop;
    pthread_mutex_unlock(&w->lock);
    return go_on;
}

static void *run(void *arg)
{
    struct yk_sync_worker *w = arg;
    struct yk_db db;
    struct yk_db_params dp = {.path = w->db_path};
    if (!yk_db_open(&db, &dp)) {
        yk_error("sync", "the sync worker cannot open the database: %s; no sync", db.error);
        return NULL;
    }
    struct yk_sync_client c;
    struct yk_sync_client_params cp = {.hub_url = w->hub_url,
                                       .data_dir = w->data_dir,
                                       .public_key = w->have_key ? w->public_key : NULL,
                                       .version = w->version,
                                       .abort_flag = &w->abort_transfer,
                                       .seat_block = w->p.seat_block,
                                       .keys = w->p.keys};
    if (!yk_sync_client_init(&c, &cp)) {
        yk_db_close(&db);
        return NULL;
    }
    char buf[24];
    int64_t last_ok =
        yk_db_meta_get(&db, "sync.last_success_utc", buf, sizeof buf) ? strtoll(buf, NULL, 10) : 0;
    int64_t next_heartbeat = 0;
    int failures = 0;
    yk_sync_set_waker(waker, w);
    for (;;) {
        char typed[64];
        bool have_typed = yk_sync_take_setup_code(typed, sizeof typed);
        if (have_typed) {
            /* A code typed in volunteer mode means: enrol (again) with it now. */
            enum yk_sync_rc erc = yk_sync_enrol(&c, &db, typed);
            sodium_memzero(typed, sizeof typed);
            if (erc != YK_SYNC_OK) {
                yk_sync_publish_round(&c, &db, erc, utc_s(w), last_ok, 0);
                if (!wait_until(w, mono_ms(w) + 3600 * 1000LL))
                    break;
                continue;
            }
        }
        char signup_id[YK_ID_LEN + 1];
        bool waitlist_ok;
        if (yk_sync_take_confirm_request(signup_id, &waitlist_ok)) {
            /* A person is waiting at the screen: before anything else. */
            char status[12];
            enum yk_sync_rc crc =
                yk_sync_confirm_online(&c, &db, signup_id, waitlist_ok, utc_s(w), status);
            yk_sync_confirm_done(signup_id, crc == YK_SYNC_OK, status);
        }
        yk_sync_serve_mine(&c, &db); /* 我的报名: a person is waiting too */
        bool hb = mono_ms(w) >= next_heartbeat;
        enum yk_sync_rc rc = yk_sync_round(&c, &db, utc_s(w), w->setup_code, hb);
        int64_t delay_ms;
        if (rc == YK_SYNC_OK) {
            failures = 0;
            last_ok = utc_s(w);
            if (hb)
                next_heartbeat = mono_ms(w) + (int64_t)w->p.heartbeat_s * 1000;
            delay_ms = (int64_t)w->p.interval_s * 1000;
        } else if (rc == YK_SYNC_NEED_ENROL || rc == YK_SYNC_REFUSED) {
            /* Never retried in a loop: wait for a setup code (a wake), or an hour. */
            delay_ms = 3600 * 1000LL;
        } else {
            failures++;
            double r = (double)randombytes_uniform(1000000) / 1000000.0;
            delay_ms = yk_sync_backoff_ms(failures, r);
        }
        yk_sync_publish_round(&c, &db, rc, utc_s(w), last_ok, utc_s(w) + delay_ms / 1000);
        if (!wait_until(w, mono_ms(w) + delay_ms))
            break;
    }
    yk_sync_set_waker(NULL, NULL);
    yk_sync_client_destroy(&c);
    yk_db_close(&db);
    return NULL;
}

struct yk_sync_worker *yk_sync_worker_start(const struct yk_sync_worker_params *p)
{
    struct yk_sync_worker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->p = *p;
    snprintf(w->db_path, sizeof w->db_path, "%s", p->db_path);
    snprintf(w->hub_url, sizeof w->hub_url, "%s", p->hub_url);
    snprintf(w->data_dir, sizeof w->data_dir, "%s", p->data_dir);
    snprintf(w->setup_code, sizeof w->setup_code, "%s", p->setup_code ? p->setup_code : "");
    snprintf(w->version, sizeof w->version, "%s", p->version ? p->version : "0");
    if (p->public_key) {
        memcpy(w->public_key, p->public_key, sizeof w->public_key);
        w->have_key = true;
    }
    assert(!p->clock || !p->clock->driven);
    if (p->clock)
        w->clock = *p->clock;
    else
        yk_clock_init_real(&w->clock, 0);
    if (w->p.interval_s <= 0)
        w->p.interval_s = 60;
    if (w->p.heartbeat_s <= 0)
        w->p.heartbeat_s = 300;
    atomic_init(&w->abort_transfer, false);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, &ca);
    pthread_condattr_destroy(&ca);
    struct yk_sync_status s = {.configured = true, .online = false};
    yk_sync_status_publish(&s);
    int err = pthread_create(&w->thread, NULL, run, w);
    if (err != 0) {
        yk_error("sync", "cannot start the sync thread: %s", strerror(err));
        pthread_cond_destroy(&w->cond);
        pthread_mutex_destroy(&w->lock);
        sodium_memzero(w->setup_code, sizeof w->setup_code);
        free(w);
        return NULL;
    }
    return w;
}

void yk_sync_worker_wake(struct yk_sync_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->wake = true;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

void yk_sync_worker_stop(struct yk_sync_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    atomic_store(&w->abort_transfer, true);
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    sodium_memzero(w->setup_code, sizeof w->setup_code);
    free(w);
}
