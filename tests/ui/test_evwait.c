/* The kmsdrm idle path: waiting in poll() on input devices. Devices here are FIFOs in a
 * temporary folder (YK_INPUT_DIR): a write to one is an input event. What it does, not how
 * fast: the idle wait's wall time and CPU and the wake-up latency are figures of
 * bench_evwait (tests/bench/bench.sh), which asserts nothing. */
#include "check.h"
#include "platform/evwait.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

    /* Nothing happens: the wait ends at its timeout, saying so. */
    CHECK(!yk_evwait_wait(w, 50));

    /* Input wakes it (the timeout is far longer than the test runs). */
    CHECK(write(wr0, "\x01\x02\x03", 3) == 3);
    CHECK(yk_evwait_wait(w, 60000));
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
