#ifndef YK_TEST_CHECK_H
#define YK_TEST_CHECK_H

/* A minimal test harness: CHECK records a failure with its place and goes on;
 * main returns yk_test_done(), which prints "N passed, N failed" and the exit status. */

#include <stdio.h>
#include <string.h>

static int yk_checks, yk_failures;

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        yk_checks++;                                                                           \
        if (!(cond)) {                                                                         \
            yk_failures++;                                                                     \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                                      \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                     \
    do {                                                                                       \
        long long a_ = (long long)(a), b_ = (long long)(b);                                    \
        yk_checks++;                                                                           \
        if (a_ != b_) {                                                                        \
            yk_failures++;                                                                     \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__,    \
                    #a, a_, #b, b_);                                                           \
        }                                                                                      \
    } while (0)

#define CHECK_EQ_STR(a, b)                                                                     \
    do {                                                                                       \
        const char *a_ = (a), *b_ = (b);                                                       \
        yk_checks++;                                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                               \
            yk_failures++;                                                                     \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,  \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                   \
        }                                                                                      \
    } while (0)

static inline int yk_test_done(void)
{
    printf("%d passed, %d failed\n", yk_checks - yk_failures, yk_failures);
    return yk_failures ? 1 : 0;
}

#endif
