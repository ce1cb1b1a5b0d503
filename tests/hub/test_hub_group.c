/* The hub's group commit (src/hub/hub_store.c): pushes from many threads at once share
 * commits, and yet each push is answered only for what it stored, a rejected item or a
 * wrong kiosk's record changes nothing for the others, other calls (heartbeats, seats, reads)
 * interleave with open groups, and after the store is closed and opened again every record
 * answered "accepted" is there exactly once. */
#include "check.h"
#include "core/ids.h"
#include "hub/hub_store.h"
#include "scratch.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>

#define THREADS 8
#define PUSHES 60 /* per thread */
#define PER_PUSH 5

static struct yk_hub_store *store;
static char kiosks[THREADS][YK_ID_LEN + 1];
static atomic_int accepted, failed_calls, wrong_answers;

static void *pusher(void *arg)
{
    int t = (int)(intptr_t)arg;
    char ids[PER_PUSH][YK_ID_LEN + 1];
    for (int p = 0; p < PUSHES; p++) {
        struct yk_hub_record r[PER_PUSH + 1];
        struct yk_hub_outcome out[PER_PUSH + 1];
        memset(r, 0, sizeof r);
        for (int i = 0; i < PER_PUSH; i++) {
            yk_id_make(ids[i], 1796086800000LL + p);
            r[i].kind = YK_HUB_WALKIN;
            r[i].id = ids[i];
            r[i].kiosk_id = kiosks[t];
            r[i].kind_id = "visit";
            r[i].delta = 1;
            r[i].created_utc = 1796086800;
        }
        /* One item in each push is refused (another kiosk's): it must not spoil the rest. */
        r[PER_PUSH] = r[0];
        r[PER_PUSH].kiosk_id = kiosks[(t + 1) % THREADS];
        if (!yk_hub_push(store, kiosks[t], r, PER_PUSH + 1, out, 1796086800 + p)) {
            atomic_fetch_add(&failed_calls, 1);
            continue;
        }
        for (int i = 0; i < PER_PUSH; i++) {
            if (out[i].result == YK_HUB_ACCEPTED)
                atomic_fetch_add(&accepted, 1);
            else
                atomic_fetch_add(&wrong_answers, 1);
        }
        if (out[PER_PUSH].result != YK_HUB_REJECTED ||
            strcmp(out[PER_PUSH].reason, "wrong-kiosk") != 0)
            atomic_fetch_add(&wrong_answers, 1);
        /* Between pushes, the calls that must close an open group first. */
        struct yk_hub_beat beat = {"0.1.0", p, 0, 1000, -1, -1};
        if (p % 7 == 0)
            CHECK(yk_hub_heartbeat(store, kiosks[t], &beat, 1796086800 + p));
        if (p % 11 == 0)
            CHECK(yk_hub_count(store, "walkins") >= 0);
    }
    return NULL;
}

int main(void)
{
    CHECK(sodium_init() >= 0);
    char dir[256], path[512];
    yk_scratch_dir(dir, sizeof dir, "hub-group");
    snprintf(path, sizeof path, "%s/hub.db", dir);
    store = yk_hub_store_open(path);
    CHECK(store);
    CHECK(yk_hub_load_sql(store, "INSERT INTO walkin_kinds (id, name_zh, rev) "
                                 "VALUES ('visit', '参观', 1)"));
    for (int t = 0; t < THREADS; t++) {
        char code[YK_HUB_SETUP_CODE_LEN + 1], tok[YK_HUB_TOKEN_LEN + 1], st[64];
        uint8_t pk[32];
        randombytes_buf(pk, sizeof pk);
        yk_id_make(kiosks[t], 1796086800000LL);
        CHECK(yk_hub_kiosk_add(store, "st", 1, 1000, code) == YK_HUB_OK);
        CHECK(yk_hub_enrol(store, code, kiosks[t], pk, 2, tok, st) == YK_HUB_OK);
    }

    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++)
        CHECK(pthread_create(&th[t], NULL, pusher, (void *)(intptr_t)t) == 0);
    for (int t = 0; t < THREADS; t++)
        pthread_join(th[t], NULL);

    CHECK_EQ_INT(atomic_load(&failed_calls), 0);
    CHECK_EQ_INT(atomic_load(&wrong_answers), 0);
    CHECK_EQ_INT(atomic_load(&accepted), THREADS * PUSHES * PER_PUSH);
    CHECK_EQ_INT(yk_hub_count(store, "push_rejects"), THREADS * PUSHES);
    unsigned long pushes, commits;
    yk_hub_push_stats(store, &pushes, &commits);
    CHECK_EQ_INT(pushes, THREADS * PUSHES);
    CHECK(commits >= 1 && commits <= pushes);
    printf("%lu pushes from %d threads in %lu commits\n", pushes, THREADS, commits);

    /* Closed and opened again: every accepted record is there, once. */
    yk_hub_store_close(store);
    store = yk_hub_store_open(path);
    CHECK(store);
    CHECK_EQ_INT(yk_hub_count(store, "walkins"), THREADS * PUSHES * PER_PUSH);
    yk_hub_store_close(store);
    yk_scratch_remove(dir);
    return yk_test_done();
}
