/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tap.h - a few macros that make a C test program speak TAP, so that
 * Automake's tap-driver counts every check instead of every program. */
#ifndef TESTS_TAP_H
#define TESTS_TAP_H

#include <stdio.h>
#include <stdlib.h>

static int tap_count, tap_failed;

/* One test point: prints "ok N - name" or "not ok N - name". */
#define TAP_OK(cond, ...)                                              \
    do {                                                               \
        int tap_c_ = !!(cond);                                         \
        printf("%sok %d - ", tap_c_ ? "" : "not ", ++tap_count);       \
        printf(__VA_ARGS__);                                           \
        printf("\n");                                                  \
        if (!tap_c_) {                                                 \
            tap_failed++;                                              \
            printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__,    \
                   #cond);                                             \
        }                                                              \
        fflush(stdout);                                                \
    } while (0)

/* Equality of two integers, showing both on failure. */
#define TAP_EQ(got, want, ...)                                         \
    do {                                                               \
        long long tap_g_ = (long long)(got), tap_w_ = (long long)(want); \
        TAP_OK(tap_g_ == tap_w_, __VA_ARGS__);                         \
        if (tap_g_ != tap_w_)                                          \
            printf("#   got %lld, want %lld\n", tap_g_, tap_w_);       \
    } while (0)

/* Ends the program with the plan line; exit status says if all passed. */
static inline int tap_done(void)
{
    printf("1..%d\n", tap_count);
    return tap_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif /* TESTS_TAP_H */
