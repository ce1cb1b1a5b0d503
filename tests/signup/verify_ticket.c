/* Reads what zbarimg decoded from a ticket screenshot and checks, against the kiosk's own
 * database, that it is the hub's ticket URL (with a hub) or the bare ticket code (without one:
 * what a phone can keep as a photo), that the code verifies for the event, and that changing
 * any one character of the code makes verification fail.
 * Usage: verify_ticket DATA_DIR EVENT_ID DECODED_TEXT_FILE [url|bare] */
#include "check.h"
#include "core/db.h"
#include "core/ticket.h"
#include "core/ticket_keys.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: verify_ticket DATA_DIR EVENT_ID DECODED [url|bare]\n");
        return 2;
    }
    char text[1024] = "";
    FILE *f = fopen(argv[3], "r");
    CHECK(f != NULL);
    if (f) {
        if (!fgets(text, sizeof text, f))
            text[0] = 0;
        fclose(f);
    }
    text[strcspn(text, "\r\n")] = 0;
    printf("decoded: %s\n", text);
    bool bare = strspn(text, "0123456789") == strlen(text);
    if (argc == 5)
        CHECK(bare == (strcmp(argv[4], "bare") == 0));
    if (bare) {
        CHECK_EQ_INT((int)strlen(text), YK_TICKET_DIGITS);
    } else {
        /* https in the field; a test hub on 127.0.0.1 is plain http. */
        CHECK(strncmp(text, "HTTPS://", 8) == 0 || strncmp(text, "https://", 8) == 0 ||
              strncmp(text, "HTTP://127.0.0.1:", 17) == 0);
        CHECK(strstr(text, "/T/") != NULL);
    }

    char path[600];
    snprintf(path, sizeof path, "%s/kiosk.db", argv[1]);
    struct yk_db db;
    struct yk_db_params p = {.path = path};
    CHECK(yk_db_open(&db, &p));
    struct yk_ticket t;
    enum yk_ticket_rc rc = yk_ticket_verify_db(&db, text, strlen(text), argv[2], &t);
    printf("verify: %s\n", yk_ticket_rc_name(rc));
    CHECK_EQ_INT(rc, YK_TICKET_OK);
    /* The code is the last YK_TICKET_DIGITS characters; change each in turn. */
    size_t n = strlen(text);
    CHECK(n >= YK_TICKET_DIGITS);
    int refused = 0, tried = 0;
    for (size_t i = n - YK_TICKET_DIGITS; i < n; i++) {
        char saved = text[i];
        text[i] = saved == '9' ? '0' : (char)(saved + 1);
        tried++;
        refused += yk_ticket_verify_db(&db, text, n, argv[2], &t) != YK_TICKET_OK;
        text[i] = saved;
    }
    printf("changed characters refused: %d of %d\n", refused, tried);
    CHECK_EQ_INT(refused, tried);
    /* The same ticket is for this event only. */
    CHECK_EQ_INT(yk_ticket_verify_db(&db, text, n, "srd-2027-01", &t), YK_TICKET_WRONG_EVENT);
    yk_db_close(&db);
    return yk_test_done();
}
