#ifndef YK_TEST_BENCH_H
#define YK_TEST_BENCH_H

/* Timing helpers for the benchmarks (figures, not assertions: tests/bench/bench.sh prints
 * them): a monotonic clock, sorting samples, reading a quantile. */

#include <stddef.h>
#include <stdlib.h>
#include <time.h>

/* Monotonic milliseconds. */
static inline double yk_bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Monotonic seconds. */
static inline double yk_bench_now_s(void)
{
    return yk_bench_now_ms() / 1e3;
}

static inline int yk_bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts n samples, smallest first. */
static inline void yk_bench_sort(double *v, size_t n)
{
    if (n)
        qsort(v, n, sizeof *v, yk_bench_cmp);
}

/* The p quantile (0..1) of n sorted samples, by nearest rank; 0 when there are none. */
static inline double yk_bench_pct(const double *sorted, size_t n, double p)
{
    if (!n)
        return 0;
    size_t i = (size_t)(p * (double)(n - 1) + 0.5);
    return sorted[i < n ? i : n - 1];
}

#endif
