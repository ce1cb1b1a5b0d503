#ifndef YK_SYNC_KIOSK_H
#define YK_SYNC_KIOSK_H

/* A kiosk for the sync tests that drive yk_sync_round themselves: its own scratch folder and
 * database (the sample content), ticket key, setup code from the test's hub, and sync client.
 * Built on sync_test_util.h and hub/hub_client.h. */

#include "hub/hub_client.h"
#include "sync_test_util.h"

#include "app/sync_http.h"
#include "core/sync.h"
#include "core/ticket_keys.h"

struct sync_kiosk {
    char dir[256];
    struct yk_db db;
    struct yk_ticket_keys keys;
    struct yk_sync_client c;
    char code[64];
};

/* Sets k up against hub at url at now_s (what names its scratch folder); page_limit and
 * batch_max 0 = the client's defaults. Exits with status 2 when it cannot. */
static inline void sk_open(struct sync_kiosk *k, struct hub *hub, const char *url, const char *what,
                           int64_t now_s, int seat_block, int page_limit, int batch_max)
{
    sync_tmpdir(k->dir, sizeof k->dir, what);
    sync_open(&k->db, k->dir, now_s * 1000);
    if (!yk_ticket_keys_load_or_create(&k->keys, k->dir, &k->db, now_s) ||
        hub_cmd(hub, k->code, sizeof k->code, "kiosk-add station-1") != 0) {
        fprintf(stderr, "kiosk set-up failed\n");
        exit(2);
    }
    struct yk_sync_client_params cp = {.hub_url = url,
                                       .data_dir = k->dir,
                                       .public_key = k->keys.public_key,
                                       .version = "test",
                                       .page_limit = page_limit,
                                       .batch_max = batch_max,
                                       .seat_block = seat_block,
                                       .keys = &k->keys};
    if (!yk_sync_client_init(&k->c, &cp)) {
        fprintf(stderr, "client init failed\n");
        exit(2);
    }
}

/* Frees k and removes its folder. */
static inline void sk_close(struct sync_kiosk *k)
{
    yk_sync_client_destroy(&k->c);
    yk_ticket_keys_destroy(&k->keys);
    yk_db_close(&k->db);
    char dir[sizeof k->dir];
    memcpy(dir, k->dir, sizeof dir); /* (a copy GCC can see the size of) */
    sync_rmtree(dir);
}

/* One sync round of k at now_s. */
static inline enum yk_sync_rc sk_round(struct sync_kiosk *k, int64_t now_s)
{
    return yk_sync_round(&k->c, &k->db, now_s, k->code, true);
}

/* Starts hub and writes its url. Returns false (said on stderr, the hub cleaned up) when it
 * cannot start. */
static inline bool sk_hub_start(struct hub *hub, char *url, size_t n)
{
    hub_init(hub);
    if (!hub_start(hub)) {
        fprintf(stderr, "cannot start the hub\n");
        hub_cleanup(hub);
        return false;
    }
    snprintf(url, n, "http://127.0.0.1:%d", hub->port);
    return true;
}

#endif
