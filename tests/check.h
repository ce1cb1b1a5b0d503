#ifndef YK_TEST_CHECK_H
#define YK_TEST_CHECK_H

/* The one test harness of the unit tests: CHECK records a failure with its place and goes
 * on; main returns yk_test_done(), which prints "N passed, N failed" and the exit status.
 * CHECK_MSG adds a printf-style message; yk_check() serves loops over many cases that say
 * what failed in their own words. (Fuzz targets use REQUIRE from fuzz/require.h, which
 * aborts so libFuzzer keeps the input.) */

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int yk_checks, yk_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        yk_checks++;                                                                               \
        if (!(cond)) {                                                                             \
            yk_failures++;                                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);               \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        yk_checks++;                                                                               \
        if (a_ != b_) {                                                                            \
            yk_failures++;                                                                         \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a,    \
                    a_, #b, b_);                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                         \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        yk_checks++;                                                                               \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            yk_failures++;                                                                         \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                       \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b) CHECK_EQ_STR(a, b)

/* Counts one check; when !ok prints FILE:LINE: and the message, and counts a failure.
 * Returns ok. */
static inline bool yk_check(bool ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline bool yk_check(bool ok, const char *file, int line, const char *fmt, ...)
{
    yk_checks++;
    if (!ok) {
        yk_failures++;
        fprintf(stderr, "%s:%d: ", file, line);
        va_list ap;
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
    }
    return ok;
}

#define CHECK_MSG(cond, ...) yk_check((cond) ? true : false, __FILE__, __LINE__, __VA_ARGS__)

static inline int yk_test_done(void)
{
    printf("%d passed, %d failed\n", yk_checks - yk_failures, yk_failures);
    return yk_failures ? 1 : 0;
}

#endif
