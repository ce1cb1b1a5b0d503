/* Figures of the kmsdrm idle path (src/platform/evwait.c), asserting nothing: the wall time
 * and CPU of an idle wait, and how long input takes to wake it. FIFOs in a temporary folder
 * stand in for the input devices (YK_INPUT_DIR). Prints JSON lines; tests/bench/bench.sh
 * runs it. What the wait does is tested by test_evwait. */
#include "platform/evwait.h"
#include "bench.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

int main(void)
{
    char dir[] = "/tmp/yk-bench-evwait-XXXXXX", dev[300];
    if (!mkdtemp(dir))
        return 1;
    snprintf(dev, sizeof dev, "%s/event0", dir);
    if (mkfifo(dev, 0600) != 0)
        return 1;
    setenv("YK_INPUT_DIR", dir, 1);
    struct yk_evwait *w = yk_evwait_open();
    int wr = open(dev, O_WRONLY | O_NONBLOCK);
    if (!w || wr < 0)
        return 1;
    double t0 = yk_bench_now_ms(), c0 = cpu_ms();
    yk_evwait_wait(w, 500);
    printf("{\"metric\":\"evwait_idle\",\"timeout_ms\":500,\"wall_ms\":%.1f,\"cpu_ms\":%.2f}\n",
           yk_bench_now_ms() - t0, cpu_ms() - c0);
    double worst = 0, sum = 0;
    const int n = 20;
    for (int i = 0; i < n; i++) {
        if (write(wr, "x", 1) != 1)
            return 1;
        t0 = yk_bench_now_ms();
        yk_evwait_wait(w, 5000);
        double d = yk_bench_now_ms() - t0;
        sum += d;
        worst = d > worst ? d : worst;
    }
    printf("{\"metric\":\"evwait_wake\",\"n\":%d,\"mean_ms\":%.3f,\"max_ms\":%.3f}\n", n, sum / n,
           worst);
    yk_evwait_close(w);
    close(wr);
    unlink(dev);
    rmdir(dir);
    return 0;
}
