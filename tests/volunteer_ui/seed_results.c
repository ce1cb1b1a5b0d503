/* More test data for the check-in results (a VUI_PREP after make_tickets): in the data
 * directory make_tickets made,
 *   F's ticket is revoked, as the hub's list of revocations would say (scanned: revoked)
 *   P  吴先生, party of 4, signed up like the others (the question with four counts)
 * and @P@ (P's ticket code) is added to DATA_DIR/vars.sed.
 *   seed_results DATA_DIR */
#include "core/db.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: seed_results DATA_DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    int64_t now = yk_shanghai_to_utc(2026, 12, 5, 11, 0, 0);
    struct yk_db db;
    struct yk_db_params p = {.path = path, .now_ms = now * 1000};
    if (!yk_db_open(&db, &p))
        return 1;
    struct yk_ticket_keys keys;
    if (!yk_ticket_keys_load_or_create(&keys, argv[1], &db, now)) {
        yk_db_close(&db);
        return 1;
    }
    int rc = 0;
    struct yk_signup_request req = {.event_id = "srd-2026-12",
                                    .phone = "13100009999",
                                    .surname = "吴",
                                    .title = YK_TITLE_MR,
                                    .party_size = 4,
                                    .consent = true};
    struct yk_signup_result res = {0};
    if (yk_signup_submit(&db, &keys, &req, now * 1000, &res) != YK_SIGNUP_RC_CONFIRMED) {
        fprintf(stderr, "seed_results: P: %s\n", yk_signup_rc_name(res.rc));
        rc = 1;
    }
    snprintf(path, sizeof path, "%s/vars.sed", argv[1]);
    FILE *f = fopen(path, "a");
    if (!f || fprintf(f, "s|@P@|%s|g\n", res.signup.ticket_code) < 0 || fclose(f) != 0) {
        perror(path);
        rc = 1;
    }
    char sql[300];
    snprintf(sql, sizeof sql,
             "INSERT INTO revocations (ticket_code, event_id, revoked_utc) SELECT ticket_code, "
             "event_id, %lld FROM signups WHERE phone_last4 = '7777'",
             (long long)now);
    char *err = NULL;
    if (sqlite3_exec(db.handle, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "seed_results: %s\n", err ? err : "?");
        rc = 1;
    }
    sqlite3_free(err);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    return rc;
}
