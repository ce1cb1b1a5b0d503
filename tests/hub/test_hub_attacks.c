/* Issue 11's findings, each as the attack that found it, against the real yikong-hub on
 * loopback (tests/hub/hub_attacks.h): an unused setup code taking over a kiosk, absurd numbers,
 * foreign or forged ticket codes, slow clients, a revoked kiosk's seats, guessing /T/ and setup
 * codes, file modes, full phone numbers, an endless chunked body, the page headers and UTF-8
 * cuts, and two Content-Length headers. Each fails against the hub before the fixes. */
#include "hub_attacks.h"

static const struct {
    const char *name;
    void (*run)(struct hub *h);
} attacks[] = {
    {"rebind", attack_rebind},
    {"numbers", attack_numbers},
    {"tickets", attack_tickets},
    {"slow-clients", attack_slow_clients},
    {"revoked-seats", attack_revoked_seats},
    {"guessing", attack_guessing},
    {"file-modes", attack_file_modes},
    {"phone", attack_phone},
    {"names", attack_names},
    {"chunked", attack_chunked},
    {"page", attack_page},
    {"content-length", attack_content_length},
};

int main(int argc, char **argv)
{
    if (sodium_init() < 0)
        return 1;
    struct hub h;
    hub_init(&h);
    h.serve_args = ATTACK_SERVE_ARGS;
    h.capture_log = true;
    CHECK_EQ_INT(hub_cmd(&h, NULL, 0, "load-sample"), 0);
    if (!hub_start(&h)) {
        fprintf(stderr, "the hub did not start (%s)\n", h.bin);
        hub_cleanup(&h);
        return 1;
    }
    atk_content_load(&h);
    for (size_t i = 0; i < sizeof attacks / sizeof attacks[0]; i++) {
        if (argc > 1 && strcmp(argv[1], attacks[i].name) != 0)
            continue; /* one by name: test_hub_attacks NAME */
        int before = yk_failures;
        attacks[i].run(&h);
        fprintf(stderr, "%-16s %s\n", attacks[i].name, yk_failures == before ? "held" : "FAILED");
    }
    hub_cleanup(&h);
    return yk_test_done();
}
