/* Seats on the hub (src/hub/hub_store.c), without the network: sign-up order, and a property
 * test in which three fake kiosks make sign-ups (confirmed offline from their allotment, or
 * pending), cancel some, ask for allotments and push in random batches, in random order,
 * with retries, under a fixed seed. After every push:
 *   - no event is overbooked (confirmed seats <= capacity);
 *   - a sign-up once confirmed stays confirmed until its own kiosk cancels it;
 *   - a sign-up a kiosk confirmed offline within its allotment is confirmed by the hub;
 *   - no waitlisted sign-up would fit in the seats left (the waitlist is settled);
 * and at the end every sign-up is stored exactly once. */
#include "check.h"
#include "core/ids.h"
#include "core/ticket.h"
#include "hub/hub_store.h"

#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

static char dir[64];

static struct yk_hub_store *fresh_store(int cap)
{
    char path[128], sql[512];
    snprintf(path, sizeof path, "%s/hub-%u.db", dir, rnd(1u << 30));
    struct yk_hub_store *s = yk_hub_store_open(path);
    snprintf(sql, sizeof sql,
             "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity, max_party) "
             "VALUES ('ev', 'other', '活动', 1790000000, 1790003600, %d, 4)",
             cap);
    CHECK(s && yk_hub_load_sql(s, sql));
    return s;
}

/* Each fake kiosk's ticket key, derived from its id. */
static void keys_of(const char *kiosk, struct yk_ticket_keys *k)
{
    uint8_t seed[32];
    crypto_generichash(seed, sizeof seed, (const unsigned char *)kiosk, strlen(kiosk), NULL, 0);
    yk_ticket_keys_from_seed(k, seed);
}

/* A genuine ticket of kiosk for the event "ev": the hub takes no other. */
static char *ticket(const char *kiosk, uint32_t serial, char out[YK_TICKET_DIGITS + 1])
{
    struct yk_ticket_keys k;
    struct yk_ticket t;
    keys_of(kiosk, &k);
    yk_ticket_sign(&k, "ev", serial, 1790000000, &t);
    yk_ticket_encode(&t, out);
    yk_ticket_keys_destroy(&k);
    return out;
}

static void enrol(struct yk_hub_store *s, const char *kiosk)
{
    char code[YK_HUB_SETUP_CODE_LEN + 1], tok[YK_HUB_TOKEN_LEN + 1], st[64];
    struct yk_ticket_keys k;
    keys_of(kiosk, &k);
    CHECK(yk_hub_kiosk_add(s, "st", 1, 1000, code) == YK_HUB_OK);
    CHECK(yk_hub_enrol(s, code, kiosk, k.public_key, 2, tok, st) == YK_HUB_OK);
    yk_ticket_keys_destroy(&k);
}

static void signup(struct yk_hub_record *r, const char *id, const char *kiosk, const char *status,
                   int party, const char *code)
{
    memset(r, 0, sizeof *r);
    r->kind = YK_HUB_SIGNUP;
    r->id = id;
    r->kiosk_id = kiosk;
    r->event_id = "ev";
    r->status = status;
    r->party_size = party;
    r->created_utc = 1790000000;
    r->ticket_code = code;
}

static const char *status_of(struct yk_hub_store *s, const char *code, char out[16])
{
    struct yk_hub_ticket t;
    out[0] = '\0';
    if (yk_hub_ticket(s, code, &t) == YK_HUB_OK)
        snprintf(out, 16, "%s", t.status);
    return out;
}

static void test_order(void)
{
    struct yk_hub_store *s = fresh_store(3);
    const char *k = "01KB00000000000000000000K1";
    enrol(s, k);
    /* ids in sign-up order 1..5; sent shuffled */
    static const char *ids[5] = {"01KB0000000000000000000001", "01KB0000000000000000000002",
                                 "01KB0000000000000000000003", "01KB0000000000000000000004",
                                 "01KB0000000000000000000005"};
    static char codes[6][YK_TICKET_DIGITS + 1];
    for (int i = 0; i < 6; i++)
        ticket(k, (uint32_t)i + 1, codes[i]);
    int order[5] = {4, 1, 3, 0, 2};
    struct yk_hub_record r[5];
    struct yk_hub_outcome o[5];
    for (int i = 0; i < 5; i++)
        signup(&r[i], ids[order[i]], k, "pending", 1, codes[order[i]]);
    CHECK(yk_hub_push(s, k, r, 5, o, 10));
    char st[16];
    CHECK_EQ_STR(status_of(s, codes[0], st), "confirmed");
    CHECK_EQ_STR(status_of(s, codes[1], st), "confirmed");
    CHECK_EQ_STR(status_of(s, codes[2], st), "confirmed");
    CHECK_EQ_STR(status_of(s, codes[3], st), "waitlist");
    CHECK_EQ_STR(status_of(s, codes[4], st), "waitlist");
    CHECK_EQ_STR(o[0].status, "waitlist"); /* id 5, answered in the order sent */
    CHECK_EQ_STR(o[3].status, "confirmed");
    /* a cancellation lets the first in line in, and revokes the cancelled ticket */
    signup(&r[0], ids[1], k, "cancelled", 1, codes[1]);
    CHECK(yk_hub_push(s, k, r, 1, o, 11));
    CHECK(o[0].result == YK_HUB_ACCEPTED);
    CHECK_EQ_STR(status_of(s, codes[1], st), "cancelled");
    CHECK_EQ_STR(status_of(s, codes[3], st), "confirmed");
    CHECK_EQ_STR(status_of(s, codes[4], st), "waitlist");
    /* an offline confirmation beyond what the kiosk holds is not honoured blindly */
    signup(&r[0], "01KB0000000000000000000006", k, "confirmed", 1, codes[5]);
    CHECK(yk_hub_push(s, k, r, 1, o, 12));
    CHECK_EQ_STR(o[0].status, "waitlist");
    CHECK_EQ_STR(o[0].reason, "over-allotment");
    int64_t cap, conf, allot;
    CHECK(yk_hub_event_seats(s, "ev", &cap, &conf, &allot) == YK_HUB_OK);
    CHECK_EQ_INT(conf, 3);
    yk_hub_store_close(s);
}

/* A sign-up the hub confirmed from its pool has no ticket until its kiosk signs one and pushes
 * it again: stored once, never changed after; not for a waitlisted sign-up; no seat moves. */
static void test_ticket_later(void)
{
    struct yk_hub_store *s = fresh_store(1);
    const char *k = "01KB00000000000000000000K1", *k2 = "01KB00000000000000000000K2";
    enrol(s, k);
    enrol(s, k2);
    const char *a = "01KB0000000000000000000011", *b = "01KB0000000000000000000012";
    struct yk_hub_record r[2];
    struct yk_hub_outcome o[2];
    signup(&r[0], a, k, "pending", 1, NULL);
    signup(&r[1], b, k, "pending", 1, NULL);
    CHECK(yk_hub_push(s, k, r, 2, o, 10));
    CHECK_EQ_STR(o[0].status, "confirmed");
    CHECK_EQ_STR(o[1].status, "waitlist");
    /* The kiosk signed a's ticket: stored. */
    char code_a[YK_TICKET_DIGITS + 1], code_o[YK_TICKET_DIGITS + 1], code_b[YK_TICKET_DIGITS + 1];
    char code_x[YK_TICKET_DIGITS + 1], short_a[YK_TICKET_SHORT_LEN + 1];
    ticket(k, 7, code_a);
    ticket(k, 8, code_o);
    ticket(k, 9, code_b);
    ticket(k2, 1, code_x);
    struct yk_ticket tk;
    CHECK(yk_ticket_decode(code_a, strlen(code_a), &tk) == YK_TICKET_OK);
    yk_ticket_short_code(&tk, short_a);
    /* Not its own ticket (another kiosk's key), or another serial: refused alone. */
    signup(&r[0], a, k, "confirmed", 1, code_x);
    CHECK(yk_hub_push(s, k, r, 1, o, 11));
    CHECK_EQ_STR(o[0].reason, "bad-ticket");
    signup(&r[0], a, k, "confirmed", 1, code_a);
    r[0].ticket_serial = 8;
    CHECK(yk_hub_push(s, k, r, 1, o, 11));
    CHECK_EQ_STR(o[0].reason, "bad-ticket");
    /* The kiosk signed a's ticket: stored, with the short code the hub derives from it (a
     * short code sent along is not believed). */
    signup(&r[0], a, k, "confirmed", 1, code_a);
    r[0].short_code = "ABCD1234";
    r[0].ticket_serial = 7;
    CHECK(yk_hub_push(s, k, r, 1, o, 11));
    CHECK(o[0].result == YK_HUB_ACCEPTED);
    CHECK_EQ_STR(o[0].status, "confirmed");
    char st[16];
    CHECK_EQ_STR(status_of(s, code_a, st), "confirmed");
    CHECK_EQ_STR(status_of(s, short_a, st), "confirmed");
    CHECK_EQ_STR(status_of(s, "ABCD1234", st), "");
    /* Never changed afterwards. */
    signup(&r[0], a, k, "confirmed", 1, code_o);
    CHECK(yk_hub_push(s, k, r, 1, o, 12));
    CHECK(o[0].result == YK_HUB_DUPLICATE);
    CHECK_EQ_STR(status_of(s, code_o, st), "unsynced");
    CHECK_EQ_STR(status_of(s, code_a, st), "confirmed");
    /* A waitlisted sign-up pushed with a ticket gets no ticket and no seat. */
    signup(&r[0], b, k, "confirmed", 1, code_b);
    CHECK(yk_hub_push(s, k, r, 1, o, 13));
    CHECK(o[0].result == YK_HUB_DUPLICATE);
    CHECK_EQ_STR(o[0].status, "waitlist");
    CHECK_EQ_STR(status_of(s, code_b, st), "unsynced");
    /* Another kiosk cannot attach a ticket to it. */
    signup(&r[0], a, k2, "confirmed", 1, code_x);
    CHECK(yk_hub_push(s, k2, r, 1, o, 14));
    CHECK(o[0].result == YK_HUB_REJECTED);
    int64_t cap, conf, allot;
    CHECK(yk_hub_event_seats(s, "ev", &cap, &conf, &allot) == YK_HUB_OK);
    CHECK_EQ_INT(conf, 1);
    yk_hub_store_close(s);
}

#define MAX_SU 400

struct su {
    char id[YK_ID_LEN + 1], code[YK_TICKET_DIGITS + 1];
    int kiosk, party;
    bool offline_confirmed; /* confirmed by its kiosk offline, from its allotment */
    bool cancelled;         /* by its kiosk */
    bool hub_confirmed;     /* the hub said confirmed at some point */
    bool pushed_once;
};

static void property_run(int run)
{
    int cap = 4 + (int)rnd(20);
    struct yk_hub_store *s = fresh_store(cap);
    static const char *kiosks[3] = {"01KB00000000000000000000K1", "01KB00000000000000000000K2",
                                    "01KB00000000000000000000K3"};
    for (int k = 0; k < 3; k++)
        enrol(s, kiosks[k]);
    static struct su su[MAX_SU];
    int nsu = 0;
    int held[3] = {0}, local_used[3] = {0};
    int queue[3][MAX_SU], nq[3] = {0};
    long long ms = 1790000000000LL + run * 100000LL;
    int failures_before = yk_failures;
    for (int step = 0; step < 300 && yk_failures == failures_before; step++) {
        int k = (int)rnd(3), a = (int)rnd(100);
        if (a < 35 && nsu < MAX_SU) {
            struct su *x = &su[nsu];
            memset(x, 0, sizeof *x);
            yk_id_make(x->id, ms += 1 + rnd(50));
            ticket(kiosks[k], (uint32_t)nsu + 1, x->code);
            x->kiosk = k;
            x->party = 1 + (int)rnd(3);
            if (local_used[k] + x->party <= held[k]) {
                x->offline_confirmed = true;
                local_used[k] += x->party;
            }
            queue[k][nq[k]++] = nsu++;
        } else if (a < 45 && nsu > 0) {
            int i = (int)rnd((uint32_t)nsu);
            if (su[i].kiosk != k || su[i].cancelled)
                continue;
            su[i].cancelled = true;
            if (su[i].offline_confirmed)
                local_used[k] -= su[i].party;
            queue[k][nq[k]++] = i;
        } else if (a < 85 && nq[k] > 0) {
            /* push a random part of the queue, shuffled, sometimes twice (a lost answer) */
            int n = 1 + (int)rnd((uint32_t)nq[k]);
            struct yk_hub_record r[2 * MAX_SU];
            struct yk_hub_outcome o[2 * MAX_SU];
            int idx[2 * MAX_SU], m = 0;
            for (int j = 0; j < n; j++)
                idx[m++] = queue[k][j];
            if (rnd(4) == 0)
                for (int j = 0; j < n; j++)
                    idx[m++] = queue[k][j];
            for (int j = m - 1; j > 0; j--) {
                int t = (int)rnd((uint32_t)j + 1), tmp = idx[j];
                idx[j] = idx[t];
                idx[t] = tmp;
            }
            for (int j = 0; j < m; j++) {
                struct su *x = &su[idx[j]];
                signup(&r[j], x->id, kiosks[k],
                       x->cancelled           ? "cancelled"
                       : x->offline_confirmed ? "confirmed"
                                              : "pending",
                       x->party, x->code);
            }
            CHECK(yk_hub_push(s, kiosks[k], r, (size_t)m, o, 100 + step));
            for (int j = 0; j < m; j++) {
                struct su *x = &su[idx[j]];
                CHECK(o[j].result != YK_HUB_REJECTED);
                if (x->offline_confirmed && !x->cancelled &&
                    strcmp(o[j].status, "confirmed") != 0) {
                    fprintf(stderr, "run %d: offline-confirmed %s came back %s\n", run, x->id,
                            o[j].status);
                    CHECK(false);
                }
            }
            memmove(queue[k], queue[k] + n, (size_t)(nq[k] - n) * sizeof queue[k][0]);
            nq[k] -= n;
            /* invariants */
            int64_t c, conf, allot, h, used, pool;
            CHECK(yk_hub_event_seats(s, "ev", &c, &conf, &allot) == YK_HUB_OK);
            CHECK(conf <= c);
            CHECK(allot <= c);
            CHECK(yk_hub_seats(s, kiosks[0], "ev", held[0], 0, &h, &used, &pool) == YK_HUB_OK);
            CHECK_EQ_INT(h, held[0]);
            int64_t sum = 0;
            for (int i = 0; i < nsu; i++) {
                char st[16];
                status_of(s, su[i].code, st);
                if (!st[0])
                    continue; /* not pushed yet */
                su[i].pushed_once = true;
                if (strcmp(st, "confirmed") == 0) {
                    su[i].hub_confirmed = true;
                    sum += su[i].party;
                } else if (su[i].hub_confirmed && strcmp(st, "cancelled") != 0) {
                    fprintf(stderr, "run %d: %s was confirmed, now %s\n", run, su[i].id, st);
                    CHECK(false);
                } else if (strcmp(st, "cancelled") == 0) {
                    CHECK(su[i].cancelled);
                }
                if (strcmp(st, "waitlist") == 0)
                    CHECK(su[i].party > pool);
            }
            CHECK_EQ_INT(sum, conf);
        } else if (a >= 85) {
            int64_t h, used, pool;
            int want = local_used[k] + (int)rnd(5);
            CHECK(yk_hub_seats(s, kiosks[k], "ev", want, 0, &h, &used, &pool) == YK_HUB_OK);
            CHECK(h >= local_used[k]);
            held[k] = (int)h;
        }
    }
    /* drain: every queue pushed; every sign-up stored exactly once */
    for (int k = 0; k < 3; k++) {
        struct yk_hub_record r[MAX_SU];
        struct yk_hub_outcome o[MAX_SU];
        for (int j = 0; j < nq[k]; j++) {
            struct su *x = &su[queue[k][j]];
            signup(&r[j], x->id, kiosks[k],
                   x->cancelled           ? "cancelled"
                   : x->offline_confirmed ? "confirmed"
                                          : "pending",
                   x->party, x->code);
        }
        CHECK(yk_hub_push(s, kiosks[k], r, (size_t)nq[k], o, 1000));
    }
    CHECK_EQ_INT(yk_hub_count(s, "signups"), nsu);
    CHECK_EQ_INT(yk_hub_count(s, "push_rejects"), 0);
    int64_t c, conf, allot;
    CHECK(yk_hub_event_seats(s, "ev", &c, &conf, &allot) == YK_HUB_OK && conf <= c);
    yk_hub_store_close(s);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    snprintf(dir, sizeof dir, "/tmp/yk-hub-seats-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_order();
    test_ticket_later();
    for (int run = 0; run < 8; run++)
        property_run(run);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return yk_test_done();
}
