#ifndef YK_FUZZ_REQUIRE_H
#define YK_FUZZ_REQUIRE_H

/* REQUIRE(cond) for fuzz targets: a property that must hold for every input. When it does
 * not, it names the file, line and condition and aborts, so libFuzzer saves the input. */

#include <stdio.h>
#include <stdlib.h>

#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond);             \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
