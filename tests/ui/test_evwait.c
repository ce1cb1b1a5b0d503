/* The kmsdrm idle path: waiting in poll() on input devices. Devices here are FIFOs in a
 * temporary folder (YK_INPUT_DIR): a write to one is an input event. */
#include "check.h"
#include "platform/evwait.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int main(void)
{
    char dir[] = "/tmp/yk-evwait-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char dev0[300], dev1[300];
    snprintf(dev0, sizeof dev0, "%s/event0", dir);
    snprintf(dev1, sizeof dev1, "%s/event1", dir);
    CHECK(mkfifo(dev0, 0600) == 0);
    setenv("YK_INPUT_DIR", dir, 1);

    struct yk_evwait *w = yk_evwait_open();
    CHECK(w != NULL);
    if (!w)
        return yk_test_done();
    CHECK_EQ_INT(yk_evwait_count(w), 1);
    /* A writer keeps the FIFO open, as a device stays present. */
    int wr0 = open(dev0, O_WRONLY | O_NONBLOCK);
    CHECK(wr0 >= 0);

    /* Nothing happens: the wait sleeps for its timeout and costs (almost) no CPU. */
    double t0 = now_ms(), c0 = cpu_ms();
    CHECK(!yk_evwait_wait(w, 500));
    double waited = now_ms() - t0, cpu = cpu_ms() - c0;
    printf("idle wait: %.0f ms wall, %.2f ms CPU\n", waited, cpu);
    CHECK(waited >= 490 && waited < 2000);
    CHECK(cpu < 5.0);

    /* Input wakes it at once. */
    CHECK(write(wr0, "\x01\x02\x03", 3) == 3);
    t0 = now_ms();
    CHECK(yk_evwait_wait(w, 5000));
    CHECK(now_ms() - t0 < 100);
    /* It drained its copy: the next wait sleeps again. */
    CHECK(!yk_evwait_wait(w, 50));

    /* A device plugged in later (a USB scanner) is picked up. */
    CHECK(mkfifo(dev1, 0600) == 0);
    CHECK(yk_evwait_wait(w, 2000)); /* inotify reports it */
    CHECK_EQ_INT(yk_evwait_count(w), 2);
    int wr1 = open(dev1, O_WRONLY | O_NONBLOCK);
    CHECK(wr1 >= 0);
    CHECK(write(wr1, "x", 1) == 1);
    CHECK(yk_evwait_wait(w, 2000));

    yk_evwait_close(w);
    close(wr0);
    close(wr1);
    unlink(dev0);
    unlink(dev1);
    rmdir(dir);
    /* No devices at all: the caller is told to fall back. */
    char empty[] = "/tmp/yk-evwait-empty-XXXXXX";
    CHECK(mkdtemp(empty) != NULL);
    setenv("YK_INPUT_DIR", empty, 1);
    CHECK(yk_evwait_open() == NULL);
    rmdir(empty);
    return yk_test_done();
}
