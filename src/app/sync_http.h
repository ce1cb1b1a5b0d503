#ifndef YK_SYNC_HTTP_H
#define YK_SYNC_HTTP_H

#include "core/db.h"
#include "core/sync.h"
#include "core/sync_mine.h"
#include "core/ticket.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

/* The kiosk's HTTP client of the hub (libcurl): enrolment, push, pull, media, heartbeat and
 * the online confirmation of a sign-up, each one blocking call on the calling thread's own
 * database connection. Never call it from the UI thread (the sync worker and the headless
 * driver do). The protocol logic is core/sync.h; how it fits: src/core/SYNC.md.
 *
 * Every request has a connect timeout (5 s) and a total timeout (30 s), reads at most
 * YK_SYNC_RESPONSE_MAX bytes of answer, and is never retried here: the caller retries with
 * backoff what yk_sync_rc says is worth retrying. */

#define YK_SYNC_TOKEN_FILE "hub-token" /* in the data directory, mode 0600 */

enum yk_sync_rc {
    YK_SYNC_OK,
    YK_SYNC_RETRY,      /* no answer, 5xx, 429: try again later (backoff) */
    YK_SYNC_NEED_ENROL, /* no token, or the hub does not know it (401): a setup code is needed */
    YK_SYNC_REFUSED,    /* 403: revoked, or the setup code is wrong/used/expired; 409 at
                           enrolment: an operator must act. Never retried in a loop */
    YK_SYNC_BUG,        /* 400/404/405/409 or an answer that cannot be used: logged; not
                           retried with the same bytes (the next round builds new ones) */
    YK_SYNC_LOCAL,      /* the kiosk's own database or files failed */
};

/* A short English name ("ok", "retry", ...). Static. */
const char *yk_sync_rc_name(enum yk_sync_rc rc);

struct yk_sync_client_params {
    const char *hub_url;  /* "http://host:port" or with a path prefix; no trailing '/' needed */
    const char *data_dir; /* where the token file is kept */
    const uint8_t *public_key; /* this kiosk's Ed25519 ticket key (32 bytes), for enrolment;
                                  NULL: the kiosk cannot enrol */
    const char *version;       /* for the heartbeat */
    long connect_timeout_s;    /* 0: 5 */
    long timeout_s;            /* 0: 30 */
    int page_limit;            /* rows per changes page asked for; 0: YK_SYNC_PAGE_LIMIT */
    int batch_max;             /* records per push; 0: YK_SYNC_BATCH_DEFAULT */
    int seat_block;            /* held seats to keep free per open event (config seat_block);
                                  0: never ask for seats */
    const struct yk_ticket_keys *keys; /* borrowed, outlives the client: signs the tickets of
                                          sign-ups the hub confirms; NULL: none are signed */
    atomic_bool *abort_flag;           /* when set, a transfer in progress is abandoned (stop) */
};

struct yk_sync_client {
    void *curl; /* CURL *, kept for keep-alive */
    char base[512];
    char data_dir[512];
    char version[32];
    uint8_t public_key[32];
    bool have_key;
    char token[80];        /* "" until enrolled */
    uint8_t phone_key[32]; /* the hub's key for numbers' hashes (core/sync_mine.h) */
    bool have_phone_key;   /* from <data_dir>/hub-phone-key or the hub's last answer */
    int64_t round_utc;     /* the time of the round in progress (0: none yet) */
    long connect_timeout_s, timeout_s;
    int page_limit, batch_max, seat_block;
    const struct yk_ticket_keys *keys;
    atomic_bool *abort_flag;
    int64_t started_ms;   /* monotonic, for the heartbeat's uptime */
    long last_status;     /* HTTP status of the last request (0: no answer) */
    char last_error[160]; /* the last failure, for the log (English, no secrets) */
    /* Totals since init, for tests and the benchmark. */
    long requests, pushed, pulled_rows, pages;
};

/* Sets the client up and reads the token file if there is one. Returns false when libcurl
 * cannot start (logged). Destroy with yk_sync_client_destroy. */
bool yk_sync_client_init(struct yk_sync_client *c, const struct yk_sync_client_params *p);

/* Frees everything and wipes the token from memory. NULL-safe. */
void yk_sync_client_destroy(struct yk_sync_client *c);

/* True when the client holds a device token. */
bool yk_sync_enrolled(const struct yk_sync_client *c);

/* Publishes the status after a round that ended with rc at now_utc_s (yk_sync_status_publish):
 * enrolled, online (the hub answered), stopped (it needs a setup code or an operator), the
 * last success and the next attempt as given (0: none), the records waiting and set aside,
 * and the problem in words. For the sync worker and the headless driver alike. */
void yk_sync_publish_round(const struct yk_sync_client *c, struct yk_db *db, enum yk_sync_rc rc,
                           int64_t now_utc_s, int64_t last_ok_utc, int64_t next_utc);

/* Before the first round: publishes that sync is configured, and enrolled when
 * <data_dir>/hub-token exists, so that volunteer mode says so from the start. */
void yk_sync_publish_configured(const char *data_dir);

/* Exchanges setup_code for a device token (POST /api/v1/enrol with the kiosk id and the
 * ticket public key) and stores it in <data_dir>/hub-token (mode 0600, written atomically).
 * The code is never logged. */
enum yk_sync_rc yk_sync_enrol(struct yk_sync_client *c, struct yk_db *db, const char *setup_code);

/* Pushes every pending record, in batches (a 413 halves the batch), applying each answer
 * before the next batch. Adds to *out when not NULL. */
enum yk_sync_rc yk_sync_push(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s,
                             struct yk_sync_push_result *out);

/* Pulls pages from the saved cursor until the hub says there is no more, each applied in its
 * own transaction with its cursor; then fetches the wanted media (each checked against its
 * hash). rows (or NULL) gets the number of rows applied. */
enum yk_sync_rc yk_sync_pull(struct yk_sync_client *c, struct yk_db *db, long *rows);

/* POST /api/v1/heartbeat: version, uptime, last_sync_utc, free disk of the data dir, and
 * (db not NULL) the records still waiting to be pushed and those set aside. */
enum yk_sync_rc yk_sync_heartbeat(struct yk_sync_client *c, struct yk_db *db,
                                  int64_t last_sync_utc);

/* Allotments: asks the hub for the seats yk_sync_seat_plan says (POST /api/v1/seats, one
 * request per event) and stores what it holds in events.seats_held. An event the hub no
 * longer knows or that takes no sign-ups (404/409) is skipped. Nothing when seat_block is 0. */
enum yk_sync_rc yk_sync_seats(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s);

/* One whole round: enrol first when there is no token and a setup code is given (else
 * YK_SYNC_NEED_ENROL), push, pull, seats, then the tickets of sign-ups the hub confirmed
 * (with keys; pushed at once), then the heartbeat when heartbeat is true. Stops at the first
 * failure. Saves meta 'sync.last_success_utc' on success. */
enum yk_sync_rc yk_sync_round(struct yk_sync_client *c, struct yk_db *db, int64_t now_utc_s,
                              const char *setup_code, bool heartbeat);

/* Asks the hub to confirm the pending sign-up signup_id now (POST /api/v1/signup) and
 * applies its answer locally; status (12 bytes) gets "confirmed", "waitlist" or "full".
 * A confirmed sign-up gets its ticket signed here at once (with keys, issued at now_utc_s).
 * Blocking (at most the timeouts): call it from the sync worker, never the UI thread. */
enum yk_sync_rc yk_sync_confirm_online(struct yk_sync_client *c, struct yk_db *db,
                                       const char *signup_id, bool waitlist_ok, int64_t now_utc_s,
                                       char status[12]);

/* 我的报名 across kiosks (core/sync_mine.h; sync_mine_http.c). Blocking, like the above.
 * The look-up: the sign-ups of phone the hub holds from other kiosks (this kiosk's own left
 * out) into out (at most max; *n how many). The cancel: the hub cancels signup_id (made at
 * another kiosk) when phone's hash is its own and the rules allow; *result says what it did.
 * Both send only the number's keyed hash; without the hub's phone key they fail (RETRY). */
enum yk_sync_rc yk_sync_mine_lookup(struct yk_sync_client *c, struct yk_db *db, const char *phone,
                                    struct yk_signup_mine *out, int max, int *n);
enum yk_sync_rc yk_sync_mine_cancel_remote(struct yk_sync_client *c, const char *phone,
                                           const char *signup_id, enum yk_mine_rc *result);

/* Serves the request a screen handed over (yk_sync_request_mine), if any: runs it and posts
 * its outcome. Returns whether there was one. For the sync worker and the headless driver. */
bool yk_sync_serve_mine(struct yk_sync_client *c, struct yk_db *db);

/* The status texts for people of rc, in Chinese and English ("" for OK). Static. */
const char *yk_sync_rc_text(enum yk_sync_rc rc, bool chinese);

#endif
