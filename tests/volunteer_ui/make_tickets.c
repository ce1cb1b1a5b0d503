/* Test data for the volunteer UI: opens (creating it with the sample content) the database
 * of a data directory, loads or makes this kiosk's ticket key the way the app does, and signs
 * people up for the December social-responsibility day (srd-2026-12, 2026-12-12 09:30), as
 * on 2026-12-05 when sign-up was open:
 *   A  王女士, party of 1           (scanned bare, then again: already checked in)
 *   B  李先生, party of 3           (scanned: 2 of 3 now, then the last 1)
 *   C  张, party of 1               (its short code typed on the pad)
 *   D  陈女士, party of 2, ...4444  (found by the last four)
 *   E  party of 1, cancelled       (scanned: cancelled)
 *   F  赵先生, party of 1           (scanned as the whole URL, ECI prefix, Tab)
 *   G  party of 1 for srd-2027-01  (scanned: wrong event)
 *   H  party of 1, ...6666, put on the waitlist (found by phone: not confirmed)
 *   U  a ticket for srd-2026-12 signed by a key this kiosk does not know
 *   X  ticket A with one digit changed (forged)
 *   make_tickets DATA_DIR OUT_SED
 * writes OUT_SED, a sed script that replaces @A@ (the code), @A_URL@ (the QR's URL),
 * @C_SHORT@ (the short code), @C_TAPS@ (taps typing it on the pad) ... in the scripts. */
#include "core/db.h"
#include "core/shtime.h"
#include "core/signup.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct person {
    const char *tag, *event, *phone, *surname;
    enum yk_title title;
    int party;
};

static const struct person people[] = {
    {"A", "srd-2026-12", "13800001111", "王", YK_TITLE_MS, 1},
    {"B", "srd-2026-12", "13900002222", "李", YK_TITLE_MR, 3},
    {"C", "srd-2026-12", "13700003333", "张", YK_TITLE_NONE, 1},
    {"D", "srd-2026-12", "13600004444", "陈", YK_TITLE_MS, 2},
    {"E", "srd-2026-12", "13500005555", "刘", YK_TITLE_MR, 1},
    {"F", "srd-2026-12", "13400007777", "赵", YK_TITLE_MR, 1},
    {"G", "srd-2027-01", "13200008888", "孙", YK_TITLE_MS, 1},
    {"H", "srd-2026-12", "13300006666", "周", YK_TITLE_MS, 1},
};
#define N_PEOPLE (sizeof people / sizeof people[0])

static void var(FILE *f, const char *name, const char *value)
{
    fprintf(f, "s|@%s@|%s|g\n", name, value);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_tickets DATA_DIR OUT_SED\n");
        return 2;
    }
    char path[4096];
    mkdir(argv[1], 0700);
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    int64_t now = yk_shanghai_to_utc(2026, 12, 5, 10, 0, 0);
    struct yk_db db;
    struct yk_db_params p = {.path = path, .seed_sample = true, .now_ms = now * 1000};
    if (!yk_db_open(&db, &p))
        return 1;
    struct yk_ticket_keys keys;
    if (!yk_ticket_keys_load_or_create(&keys, argv[1], &db, now)) {
        yk_db_close(&db);
        return 1;
    }
    FILE *f = fopen(argv[2], "w");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    int rc = 0;
    char code_a[YK_TICKET_DIGITS + 1] = "";
    for (size_t i = 0; i < N_PEOPLE && !rc; i++) {
        const struct person *pp = &people[i];
        struct yk_signup_request req = {.event_id = pp->event,
                                        .phone = pp->phone,
                                        .surname = pp->surname,
                                        .title = pp->title,
                                        .party_size = pp->party,
                                        .consent = true};
        struct yk_signup_result res;
        if (yk_signup_submit(&db, &keys, &req, (now + (int64_t)i) * 1000, &res) !=
            YK_SIGNUP_RC_CONFIRMED) {
            fprintf(stderr, "make_tickets: %s: %s\n", pp->tag, yk_signup_rc_name(res.rc));
            rc = 1;
            break;
        }
        char name[32], url[YK_TICKET_URL_MAX];
        var(f, pp->tag, res.signup.ticket_code);
        snprintf(name, sizeof name, "%s_SHORT", pp->tag);
        var(f, name, res.signup.short_code);
        yk_ticket_url(NULL, res.signup.ticket_code, url, sizeof url);
        snprintf(name, sizeof name, "%s_URL", pp->tag);
        var(f, name, url);
        if (strcmp(pp->tag, "A") == 0)
            memcpy(code_a, res.signup.ticket_code, sizeof code_a);
        /* The short code as taps on the pad, one line each (GNU sed turns \n into one). */
        fprintf(f, "s|@%s_TAPS@|", pp->tag);
        for (const char *c = res.signup.short_code; *c; c++)
            fprintf(f, "%stap vol.code.key.%c", c == res.signup.short_code ? "" : "\\n", *c);
        fprintf(f, "|g\n");
        if (strcmp(pp->tag, "E") == 0 && yk_signup_cancel(&db, res.signup.id, now * 1000) != 1)
            rc = 1;
        if (strcmp(pp->tag, "H") == 0) {
            char sql[160];
            snprintf(sql, sizeof sql, "UPDATE signups SET status = 'waitlist' WHERE id = '%s'",
                     res.signup.id);
            if (sqlite3_exec(db.handle, sql, NULL, NULL, NULL) != SQLITE_OK)
                rc = 1;
        }
    }
    /* A ticket from a kiosk this one has never heard of. */
    uint8_t seed[32];
    memset(seed, 0x5a, sizeof seed);
    struct yk_ticket_keys stranger;
    yk_ticket_keys_from_seed(&stranger, seed);
    struct yk_ticket t;
    yk_ticket_sign(&stranger, "srd-2026-12", 7, now, &t);
    char code[YK_TICKET_DIGITS + 1];
    yk_ticket_encode(&t, code);
    var(f, "U", code);
    yk_ticket_keys_destroy(&stranger);
    /* Ticket A with one digit of its signature changed. */
    code_a[120] = (char)('0' + (code_a[120] - '0' + 1) % 10);
    var(f, "X", code_a);
    fclose(f);
    yk_ticket_keys_destroy(&keys);
    yk_db_close(&db);
    return rc;
}
