#include "hub/hub_limit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORGET_MS (3600 * 1000LL)
#define PROBE 16 /* slots an address may take, from its hash on */

struct slot {
    char addr[48]; /* "" = free */
    unsigned fails;
    int64_t last_ms, until_ms;
};

struct yk_hub_limit {
    pthread_mutex_t lock;
    uint8_t key[crypto_shorthash_KEYBYTES];
    struct slot slots[YK_HUB_LIMIT_SLOTS];
};

struct yk_hub_limit *yk_hub_limit_new(void)
{
    if (sodium_init() < 0)
        return NULL;
    struct yk_hub_limit *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    pthread_mutex_init(&l->lock, NULL);
    crypto_shorthash_keygen(l->key);
    return l;
}

void yk_hub_limit_free(struct yk_hub_limit *l)
{
    if (!l)
        return;
    pthread_mutex_destroy(&l->lock);
    free(l);
}

/* addr's slot (under the lock), among the PROBE slots from its keyed hash on. create: when
 * it has none, take the first of them that is free or forgotten, else the first that holds
 * another address that failed only once. NULL when addr has no slot (every one of its slots holds
 * another address failing now: a client cannot escape its count by landing on a busy slot, as it
 * could with one slot per hash). */
static struct slot *find(struct yk_hub_limit *l, const char *addr, int64_t now_ms, bool create)
{
    uint8_t h[crypto_shorthash_BYTES];
    crypto_shorthash(h, (const unsigned char *)addr, strlen(addr), l->key);
    uint64_t v;
    memcpy(&v, h, sizeof v);
    struct slot *take = NULL, *weak = NULL;
    for (unsigned i = 0; i < PROBE; i++) {
        struct slot *s = &l->slots[(v + i) % YK_HUB_LIMIT_SLOTS];
        bool stale = s->addr[0] && now_ms - s->last_ms > FORGET_MS;
        if (s->addr[0] && strncmp(s->addr, addr, sizeof s->addr - 1) == 0) {
            if (stale) {
                s->fails = 0;
                s->until_ms = 0;
            }
            return s;
        }
        if (!take && (!s->addr[0] || stale))
            take = s;
        if (!weak && s->fails <= 1)
            weak = s;
    }
    if (!take)
        take = weak;
    if (!create || !take)
        return NULL;
    memset(take, 0, sizeof *take);
    snprintf(take->addr, sizeof take->addr, "%s", addr);
    return take;
}

int64_t yk_hub_limit_wait(struct yk_hub_limit *l, const char *addr, int64_t now_ms)
{
    pthread_mutex_lock(&l->lock);
    struct slot *s = find(l, addr ? addr : "", now_ms, false);
    int64_t wait = s && s->until_ms > now_ms ? (s->until_ms - now_ms + 999) / 1000 : 0;
    pthread_mutex_unlock(&l->lock);
    return wait;
}

unsigned yk_hub_limit_fail(struct yk_hub_limit *l, const char *addr, int64_t now_ms)
{
    pthread_mutex_lock(&l->lock);
    struct slot *s = find(l, addr ? addr : "", now_ms, true);
    unsigned n = 0;
    if (s) {
        n = ++s->fails;
        s->last_ms = now_ms;
        if (n > YK_HUB_LIMIT_FREE) {
            unsigned shift = n - YK_HUB_LIMIT_FREE - 1;
            int64_t wait = shift >= 20 ? YK_HUB_LIMIT_MAX_WAIT_S : (int64_t)1 << shift;
            if (wait > YK_HUB_LIMIT_MAX_WAIT_S)
                wait = YK_HUB_LIMIT_MAX_WAIT_S;
            s->until_ms = now_ms + wait * 1000;
        }
    }
    pthread_mutex_unlock(&l->lock);
    return n;
}
