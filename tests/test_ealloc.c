/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_ealloc.c - the assignment's test program for the elastic allocator.
 *
 * It uses nothing but ealloc.h, as a student's program would, and prints
 * exactly the lines the assignment shows.  Every step is also checked:
 * stdout carries only the expected lines (tests/seed-programs.sh compares
 * them), and each failure is explained on stderr before exiting 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ealloc.h"

#define PAGE 4096
#define MAX_PAGES 4 /* the assignment's default page limit */

/* Stops at the first failure: later steps depend on earlier pointers, and
 * going on with a NULL one would crash instead of explaining. */
#define CHECK(cond, what)                                                   \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "test_ealloc:%d: %s (%s)\n", __LINE__, what,    \
                    #cond);                                                 \
            exit(EXIT_FAILURE);                                             \
        }                                                                   \
    } while (0)

/* Whether p lies in the page that starts at base.  Compared as integers,
 * because ordering pointers into different mappings is undefined in C. */
static int in_page(const char *p, const char *base)
{
    uintptr_t q = (uintptr_t)p, b = (uintptr_t)base;
    return q >= b && q < b + PAGE;
}

int main(void)
{
    CHECK(einit_alloc() == 0, "einit_alloc failed");

    /* The first block of a fresh allocator starts its first page. */
    char *a = ealloc_mem(256);
    CHECK(a != NULL, "ealloc_mem(256) failed");
    strcpy(a, "hello elastic");

    char *b = ealloc_mem(512);
    char *c = ealloc_mem(1024);
    CHECK(b != NULL && c != NULL, "ealloc_mem(512/1024) failed");
    CHECK(b == a + 256 && c == b + 512, "blocks are not laid out back to back");
    memset(b, 'b', 512);
    memset(c, 'c', 1024);

    /* Sizes must be multiples of 256. */
    CHECK(ealloc_mem(100) == NULL, "ealloc_mem(100) was not refused");

    /* 2304 bytes are left in the first page, so a whole page's worth must
     * come from a newly mapped page. */
    char *pages[MAX_PAGES] = {a};
    pages[1] = ealloc_mem(PAGE);
    CHECK(pages[1] != NULL, "no second page was mapped");
    CHECK(!in_page(pages[1], a), "the 4096-byte block overlaps the first page");
    memset(pages[1], 'e', PAGE);

    printf("%s\n", a);

    /* Freeing b leaves a 512-byte hole; first fit must put the next small
     * request there, not after c and not in a later page. */
    edealloc_mem(b);
    char *d = ealloc_mem(256);
    CHECK(d == b, "d did not reuse the space freed by b");
    strcpy(d, "this is d");
    printf("d allocated at %p\n", (void *)d);

    CHECK(strcmp(a, "hello elastic") == 0, "a was overwritten");
    for (int i = 0; i < 1024; i++)
        CHECK(c[i] == 'c', "c was overwritten");

    /* Up to the page limit, every full-page request maps a page; past it,
     * the request fails, yet what still fits in a mapped page succeeds. */
    for (int i = 2; i < MAX_PAGES; i++) {
        pages[i] = ealloc_mem(PAGE);
        CHECK(pages[i] != NULL, "a page below the limit was refused");
        memset(pages[i], 'p', PAGE);
    }
    CHECK(ealloc_mem(PAGE) == NULL, "a page beyond the limit was mapped");
    char *tail = ealloc_mem(2048);
    CHECK(tail != NULL && in_page(tail, a),
          "the first page's free tail was not used once the limit was hit");

    edealloc_mem(tail);
    edealloc_mem(d);
    edealloc_mem(c);
    for (int i = 1; i < MAX_PAGES; i++)
        edealloc_mem(pages[i]);
    CHECK(ecleanup_alloc() == 0, "ecleanup_alloc failed");

    /* ecleanup_alloc leaves the pages mapped (as the assignment says) and a
     * new einit_alloc hands out those same pages again, so all four
     * full-page blocks must land on pages this program saw before. */
    CHECK(einit_alloc() == 0, "einit_alloc after ecleanup_alloc failed");
    for (int i = 0; i < MAX_PAGES; i++) {
        char *p = ealloc_mem(PAGE);
        int known = 0;
        CHECK(p != NULL, "a page was refused after re-initialising");
        for (int j = 0; j < MAX_PAGES; j++)
            known |= p == pages[j];
        CHECK(known, "a page was mapped anew instead of reused");
        memset(p, 0, PAGE);
    }
    CHECK(ecleanup_alloc() == 0, "the second ecleanup_alloc failed");

    printf("elastic done\n");
    return EXIT_SUCCESS;
}
