/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_alloc.c - the assignment's test program for the simple allocator.
 *
 * It uses nothing but alloc.h, as a student's program would, and prints
 * exactly the lines the assignment shows.  Every step is also checked, so
 * that a wrong layout fails the program instead of merely printing oddly:
 * stdout carries only the expected lines (tests/seed-programs.sh compares
 * them), and each failure is explained on stderr before exiting 1.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* Stops at the first failure: later steps depend on earlier pointers, and
 * going on with a NULL one would crash instead of explaining. */
#define CHECK(cond, what)                                                   \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "test_alloc:%d: %s (%s)\n", __LINE__, what,     \
                    #cond);                                                 \
            exit(EXIT_FAILURE);                                             \
        }                                                                   \
    } while (0)

int main(void)
{
    CHECK(init_alloc() == 0, "init_alloc failed");
    CHECK(init_alloc() != 0, "a second init_alloc succeeded");

    char *a = alloc_mem(32);
    CHECK(a != NULL, "alloc_mem(32) failed");
    strcpy(a, "hello from a");

    char *b = alloc_mem(128);
    CHECK(b != NULL, "alloc_mem(128) failed");
    memset(b, 'b', 128);

    char *c = alloc_mem(64);
    CHECK(c != NULL, "alloc_mem(64) failed");
    memset(c, 'c', 64);

    /* First fit on an empty page lays the blocks out back to back, so the
     * distance from b to c is the size b really occupies. */
    CHECK((uintptr_t)b == (uintptr_t)a + 32, "b does not follow a");
    ptrdiff_t b_size = c - b;
    CHECK(b_size == 128, "b does not occupy 128 bytes");

    /* Sizes must be multiples of 8; a refused request changes nothing. */
    CHECK(alloc_mem(12) == NULL, "alloc_mem(12) was not refused");
    CHECK(alloc_mem(0) == NULL, "alloc_mem(0) was not refused");

    printf("%s\n", a);
    printf("b-size:%d\n", (int)b_size);

    /* Freeing b leaves a hole at its offset; first fit must fill it with
     * the next request that fits, rather than carve from the page's tail. */
    dealloc_mem(b);
    char *d = alloc_mem(64);
    CHECK(d != NULL, "alloc_mem(64) for d failed");
    CHECK(d == b, "d did not reuse the space freed by b");
    strcpy(d, "this is d");
    printf("allocated d at %p\n", (void *)d);

    /* Writing d must not have touched its neighbours. */
    CHECK(strcmp(a, "hello from a") == 0, "a was overwritten");
    for (int i = 0; i < 64; i++)
        CHECK(c[i] == 'c', "c was overwritten");

    /* Once every block is freed, coalescing must leave one extent the size
     * of the page: a 4096-byte request then succeeds at the page start. */
    dealloc_mem(d);
    dealloc_mem(a);
    dealloc_mem(c);
    char *whole = alloc_mem(4096);
    CHECK(whole == a, "freed blocks did not coalesce into the whole page");
    CHECK(alloc_mem(8) == NULL, "a full page still handed out 8 bytes");
    memset(whole, 0, 4096);
    dealloc_mem(whole);

    CHECK(cleanup_alloc() == 0, "cleanup_alloc failed");
    CHECK(cleanup_alloc() != 0, "a second cleanup_alloc succeeded");
    printf("Done\n");
    return EXIT_SUCCESS;
}
