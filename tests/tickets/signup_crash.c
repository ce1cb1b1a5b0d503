/* The victim of the power-loss test (test_signup_crash.c): signs people up in a loop and
 * prints each ticket code, flushed, right after yk_signup_submit returns, so that every code
 * on stdout is a promise that the sign-up is in the database whatever happens next.
 *   signup_crash DIR setup   make DIR/kiosk.db, the key and a large event, then exit
 *   signup_crash DIR run     print "READY", then sign up until killed */
#include "core/db.h"
#include "core/log.h"
#include "core/signup.h"
#include "core/ticket_keys.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define EVENT "crash-event"

static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[2], "setup") != 0 && strcmp(argv[2], "run") != 0)) {
        fprintf(stderr, "usage: signup_crash DIR setup|run\n");
        return 2;
    }
    yk_log_set_level(YK_LOG_WARN);
    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    long long now_ms = wall_ms();
    struct yk_db db;
    struct yk_db_params p = {.path = path, .now_ms = now_ms};
    struct yk_ticket_keys keys;
    if (!yk_db_open(&db, &p) || !yk_ticket_keys_load_or_create(&keys, argv[1], &db, now_ms / 1000))
        return 1;
    if (strcmp(argv[2], "setup") == 0) {
        sqlite3_stmt *st = yk_db_prepare(
            &db, "INSERT INTO events (id, kind, title_zh, starts_utc, ends_utc, capacity, "
                 "max_party, seats_held) VALUES ('" EVENT "', 'other', '断电测试', ?1, ?1 + 7200, "
                 "1000000, 1, 1000000)");
        if (!st)
            return 1;
        sqlite3_bind_int64(st, 1, now_ms / 1000 + 86400);
        int rc = sqlite3_step(st);
        sqlite3_finalize(st);
        yk_ticket_keys_destroy(&keys);
        yk_db_close(&db);
        return rc == SQLITE_DONE ? 0 : 1;
    }
    printf("READY\n");
    fflush(stdout);
    for (;;) {
        char phone[12];
        snprintf(phone, sizeof phone, "139%08u", (unsigned)randombytes_uniform(100000000));
        struct yk_signup_request r = {
            .event_id = EVENT, .phone = phone, .party_size = 1, .consent = true};
        struct yk_signup_result res;
        enum yk_signup_rc rc = yk_signup_submit(&db, &keys, &r, wall_ms(), &res);
        if (rc != YK_SIGNUP_RC_CONFIRMED && rc != YK_SIGNUP_RC_EXISTING) {
            fprintf(stderr, "signup_crash: %s\n", yk_signup_rc_name(rc));
            return 1;
        }
        printf("%s\n", res.signup.ticket_code);
        fflush(stdout);
    }
}
