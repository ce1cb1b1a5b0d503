/* Power-loss test for sign-ups: runs signup_crash (the path comes from the build) in rounds
 * and kills it with SIGKILL at a random moment 5..80 ms after it is ready. Every ticket code
 * it printed (a line ending in a newline: printed after the commit returned) must then be in
 * the database, which must pass integrity_check; serials must never repeat. A SIGKILL loses
 * what the process had not handed to the kernel; a real power cut also loses what the kernel
 * had not written, which synchronous=FULL covers (fsync at each commit) and this test cannot
 * show on its own. Stops after ROUNDS_MIN rounds once CODES_MIN codes were seen, or after
 * ROUNDS_MAX rounds or TIME_MAX_S seconds. */
#include "check.h"
#include "tickets_util.h"

#include "core/signup.h"
#include "core/ticket_keys.h"

#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <time.h>

#ifndef SIGNUP_CRASH_BIN
#error "SIGNUP_CRASH_BIN must name the signup_crash program"
#endif

#define ROUNDS_MIN 30
#define ROUNDS_MAX 250
#define CODES_MIN 300
#define TIME_MAX_S 45

struct codes {
    char (*items)[YK_TICKET_DIGITS + 1];
    size_t count, cap;
};

static double mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_setup(const char *dir)
{
    pid_t pid = fork();
    if (pid == 0) {
        execl(SIGNUP_CRASH_BIN, SIGNUP_CRASH_BIN, dir, "setup", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One round: start, wait for READY, kill after delay_ms, collect complete lines. */
static bool run_round(const char *dir, int delay_ms, struct codes *c, int *partial)
{
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl(SIGNUP_CRASH_BIN, SIGNUP_CRASH_BIN, dir, "run", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    char line[400];
    bool ready = fgets(line, sizeof line, in) && strcmp(line, "READY\n") == 0;
    if (ready) {
        struct timespec d = {.tv_sec = 0, .tv_nsec = (long)delay_ms * 1000000L};
        nanosleep(&d, NULL); /* the random moment of the "power cut" */
    }
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    /* The rest of the pipe: the kernel keeps what was written before the kill. */
    while (fgets(line, sizeof line, in)) {
        size_t len = strlen(line);
        if (len != YK_TICKET_DIGITS + 1 || line[len - 1] != '\n') {
            (*partial)++; /* cut mid-line by the kill: not a complete promise */
            continue;
        }
        if (c->count == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 256;
            c->items = realloc(c->items, c->cap * sizeof *c->items);
            if (!c->items)
                return false;
        }
        memcpy(c->items[c->count], line, YK_TICKET_DIGITS);
        c->items[c->count][YK_TICKET_DIGITS] = '\0';
        c->count++;
    }
    fclose(in);
    if (!ready)
        fprintf(stderr, "round: the program did not get ready\n");
    return ready && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

int main(void)
{
    char dir[512];
    yk_scratch_dir(dir, sizeof dir, "tickets");
    CHECK_EQ_INT(run_setup(dir), 0);
    if (sodium_init() < 0)
        return 2;

    struct codes c = {0};
    int rounds = 0, partial = 0, bad_rounds = 0;
    double t0 = mono_s();
    while (rounds < ROUNDS_MAX && mono_s() - t0 < TIME_MAX_S &&
           (rounds < ROUNDS_MIN || c.count < CODES_MIN)) {
        int delay = 5 + (int)randombytes_uniform(76);
        if (!run_round(dir, delay, &c, &partial))
            bad_rounds++;
        rounds++;
    }
    CHECK_EQ_INT(bad_rounds, 0);
    printf("%d rounds in %.1f s: %zu codes printed (%d lines cut by the kill)\n", rounds,
           mono_s() - t0, c.count, partial);
    CHECK(rounds >= ROUNDS_MIN);
    CHECK(c.count >= 100);

    struct yk_db db;
    CHECK(tk_open(&db, dir, T0_MS));
    CHECK(yk_db_integrity_check(&db, false));
    size_t missing = 0, invalid = 0;
    for (size_t i = 0; i < c.count; i++) {
        struct yk_signup_info info;
        if (yk_signup_find_by_code(&db, c.items[i], &info) != 1 ||
            strcmp(info.ticket_code, c.items[i]) != 0 || info.seat != YK_SEAT_CONFIRMED)
            missing++;
        struct yk_ticket t;
        if (yk_ticket_verify_db(&db, c.items[i], YK_TICKET_DIGITS, "crash-event", &t) !=
            YK_TICKET_OK)
            invalid++;
    }
    CHECK_EQ_INT(missing, 0);
    CHECK_EQ_INT(invalid, 0);
    /* Serials never repeat and the counter is at least the highest one used. */
    CHECK_EQ_INT(tk_int(&db, "SELECT count(*) - count(DISTINCT ticket_serial) FROM signups"), 0);
    char serial[32];
    CHECK(yk_db_meta_get(&db, "ticket_serial", serial, sizeof serial));
    CHECK_EQ_INT(atoll(serial), tk_int(&db, "SELECT max(ticket_serial) FROM signups"));
    long long stored = tk_int(&db, "SELECT count(*) FROM signups");
    printf("%lld sign-ups stored, %zu codes printed, all found\n", stored, c.count);
    CHECK(stored >= (long long)c.count);
    yk_db_close(&db);

    /* The sqlite3 shell, when installed, agrees about the file. */
    if (system("command -v sqlite3 >/dev/null 2>&1") == 0) {
        char cmd[800];
        snprintf(cmd, sizeof cmd, "test \"$(sqlite3 %s/kiosk.db 'PRAGMA integrity_check')\" = ok",
                 dir);
        CHECK_EQ_INT(system(cmd), 0);
    }
    free(c.items);
    yk_scratch_remove(dir);
    return yk_test_done();
}
