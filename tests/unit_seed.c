/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_seed.c - the assignment's API (alloc.h, ealloc.h) over the default
 * arenas: init/cleanup cycles, calls out of order, errno on every failure,
 * the ealloc page limit and the pages ecleanup_alloc() keeps for reuse. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "ealloc.h"
#include "pagealloc.h"
#include "tap.h"

/* ---- helpers ------------------------------------------------------------ */

static const char *errname(int e)
{
    switch (e) {
    case 0: return "0";
    case EINVAL: return "EINVAL";
    case ENOMEM: return "ENOMEM";
    case EBUSY: return "EBUSY";
    case ENXIO: return "ENXIO";
    default: return "another errno";
    }
}

static void check(const pa_arena *a, const char *after)
{
    char msg[160] = "";
    pa_status st = pa_check(a, msg, sizeof msg);
    TAP_OK(st == PA_OK, "pa_check passes after %s%s%s", after,
           st == PA_OK ? "" : ": ", msg);
}

/* Checks whichever default arenas are initialised. */
static void check_defaults(const char *after)
{
    if (pa_default_alloc())
        check(pa_default_alloc(), after);
    if (pa_default_ealloc())
        check(pa_default_ealloc(), after);
}

typedef char *(*alloc_fn)(int);
typedef void (*free_fn)(char *);

/* The offset of p in page index of a, or -1 when p is elsewhere. */
static long offset_in(const pa_arena *a, size_t index, const char *p)
{
    uintptr_t base = (uintptr_t)pa_arena_page_base(a, index), q = (uintptr_t)p;
    return base && q >= base && q < base + PA_PAGE_SIZE ? (long)(q - base) : -1;
}

static char *alloc_at(alloc_fn fn, const pa_arena *a, int size, size_t page,
                      long offset, const char *what)
{
    char *p = fn(size);
    TAP_OK(p != NULL, "%s: %d bytes are allocated", what, size);
    long got = p ? offset_in(a, page, p) : -1;
    TAP_EQ(got, offset, "%s: %d bytes land at page %zu offset %ld", what, size,
           page, offset);
    check_defaults(what);
    return p;
}

static void alloc_fails(alloc_fn fn, int size, int want, const char *what)
{
    errno = 0;
    char *p = fn(size);
    int e = errno;
    TAP_OK(p == NULL, "%s(%d) returns NULL", what, size);
    TAP_EQ(e, want, "%s(%d) sets errno to %s", what, size, errname(want));
    check_defaults(what);
}

/* A free whose errno must be want (0: errno left alone). */
static void free_errno(free_fn fn, char *p, int want, const char *what)
{
    errno = 0;
    fn(p);
    int e = errno;
    TAP_EQ(e, want, "%s: errno is %s", what, errname(want));
    check_defaults(what);
}

static void status_errno(int ret, int want_ret, int want_errno, const char *what)
{
    int e = errno;
    TAP_EQ(ret, want_ret, "%s returns %d", what, want_ret);
    if (want_ret == -1)
        TAP_EQ(e, want_errno, "%s sets errno to %s", what, errname(want_errno));
}

/* ---- before init ---------------------------------------------------------- */

static void test_before_init(void)
{
    char local[8];
    TAP_OK(pa_default_alloc() == NULL, "no default alloc arena before init");
    TAP_OK(pa_default_ealloc() == NULL, "no default ealloc arena before init");
    alloc_fails(alloc_mem, 8, ENXIO, "alloc_mem before init_alloc");
    alloc_fails(ealloc_mem, 256, ENXIO, "ealloc_mem before einit_alloc");
    free_errno(dealloc_mem, local, ENXIO, "dealloc_mem before init_alloc");
    free_errno(edealloc_mem, local, ENXIO, "edealloc_mem before einit_alloc");
    errno = 0;
    status_errno(cleanup_alloc(), -1, ENXIO, "cleanup_alloc before init_alloc");
    errno = 0;
    status_errno(ecleanup_alloc(), -1, ENXIO, "ecleanup_alloc before einit_alloc");
}

/* ---- alloc ------------------------------------------------------------------ */

static void test_alloc_errors(void)
{
    const pa_arena *a;
    char local[8];
    status_errno(init_alloc(), 0, 0, "init_alloc");
    a = pa_default_alloc();
    TAP_OK(a != NULL, "init_alloc creates the default alloc arena");
    TAP_EQ(pa_arena_kind(a), PA_KIND_ALLOC, "the default arena is an alloc");
    TAP_EQ(pa_arena_page_count(a), 1, "init_alloc maps its one page");
    char *p = alloc_at(alloc_mem, a, 64, 0, 0, "alloc_mem first block");
    char *q = alloc_at(alloc_mem, a, 128, 0, 64, "alloc_mem second block");

    /* A second init fails and leaves the arena and its blocks alone. */
    errno = 0;
    status_errno(init_alloc(), -1, EBUSY, "a second init_alloc");
    TAP_OK(pa_default_alloc() == a, "a second init_alloc keeps the arena");
    TAP_EQ(pa_locate(a, q, NULL), PA_OK, "a second init_alloc keeps the blocks");
    check_defaults("a second init_alloc");

    alloc_fails(alloc_mem, 0, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, 1, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, 12, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, 4097, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, 4104, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, -8, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, -1, EINVAL, "alloc_mem");
    alloc_fails(alloc_mem, INT_MIN, EINVAL, "alloc_mem");
    /* 192 bytes are used: 4096 is a valid size with no room. */
    alloc_fails(alloc_mem, 4096, ENOMEM, "alloc_mem");
    alloc_fails(alloc_mem, 3912, ENOMEM, "alloc_mem");
    alloc_at(alloc_mem, a, 3904, 0, 192, "alloc_mem fills the page");
    alloc_fails(alloc_mem, 8, ENOMEM, "alloc_mem on a full page");

    free_errno(dealloc_mem, p + 8, EINVAL, "dealloc_mem inside a block");
    free_errno(dealloc_mem, p + 1, EINVAL, "dealloc_mem misaligned");
    free_errno(dealloc_mem, local, EINVAL, "dealloc_mem of a stack address");
    free_errno(dealloc_mem, NULL, 0, "dealloc_mem of NULL");
    free_errno(dealloc_mem, p, 0, "dealloc_mem of a live block");
    free_errno(dealloc_mem, p, EINVAL, "dealloc_mem twice");
    TAP_EQ(pa_locate(a, q, NULL), PA_OK, "the failed frees kept the other block");

    status_errno(cleanup_alloc(), 0, 0, "cleanup_alloc");
    TAP_OK(pa_default_alloc() == NULL, "cleanup_alloc drops the arena");
    errno = 0;
    status_errno(cleanup_alloc(), -1, ENXIO, "a second cleanup_alloc");
    alloc_fails(alloc_mem, 8, ENXIO, "alloc_mem after cleanup_alloc");
    free_errno(dealloc_mem, q, ENXIO, "dealloc_mem after cleanup_alloc");
}

/* Each cycle starts from a fresh page: the same requests land at the same
 * offsets, and nothing is left over from the previous cycle. */
static void test_alloc_cycles(void)
{
    for (int cycle = 1; cycle <= 3; cycle++) {
        const pa_arena *a;
        char what[64];
        snprintf(what, sizeof what, "alloc cycle %d", cycle);
        status_errno(init_alloc(), 0, 0, what);
        a = pa_default_alloc();
        char *p = alloc_at(alloc_mem, a, 8, 0, 0, what);
        char *q = alloc_at(alloc_mem, a, 4000, 0, 8, what);
        alloc_at(alloc_mem, a, 88, 0, 4008, what);
        free_errno(dealloc_mem, p, 0, what);
        free_errno(dealloc_mem, q, 0, what);
        /* 0:8 and 8:4000 coalesced: 4008 fits at 0. */
        alloc_at(alloc_mem, a, 4008, 0, 0, what);
        status_errno(cleanup_alloc(), 0, 0, what);
    }
}

/* ---- ealloc ----------------------------------------------------------------- */

static void *first_bases[5];

static void test_ealloc_errors(void)
{
    const pa_arena *a;
    char local[8];
    status_errno(einit_alloc(), 0, 0, "einit_alloc");
    a = pa_default_ealloc();
    TAP_OK(a != NULL, "einit_alloc creates the default ealloc arena");
    TAP_EQ(pa_arena_kind(a), PA_KIND_EALLOC, "the default arena is an ealloc");
    TAP_EQ(pa_arena_page_count(a), 0, "einit_alloc maps no page");
    TAP_EQ(pa_arena_max_pages(a), 4, "the default limit is 4 pages");
    errno = 0;
    status_errno(einit_alloc(), -1, EBUSY, "a second einit_alloc");
    TAP_OK(pa_default_ealloc() == a, "a second einit_alloc keeps the arena");

    char *p = alloc_at(ealloc_mem, a, 256, 0, 0, "ealloc_mem maps page 0");
    alloc_fails(ealloc_mem, 0, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, 8, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, 100, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, 257, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, 4352, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, -256, EINVAL, "ealloc_mem");
    alloc_fails(ealloc_mem, INT_MIN, EINVAL, "ealloc_mem");
    alloc_at(ealloc_mem, a, 3840, 0, 256, "ealloc_mem fills page 0");
    for (size_t i = 1; i < 4; i++)
        alloc_at(ealloc_mem, a, 4096, i, 0, "ealloc_mem maps a page");
    TAP_EQ(pa_arena_page_count(a), 4, "four pages mapped");
    alloc_fails(ealloc_mem, 256, ENOMEM, "ealloc_mem past 4 pages");

    free_errno(edealloc_mem, p + 8, EINVAL, "edealloc_mem inside a block");
    free_errno(edealloc_mem, local, EINVAL, "edealloc_mem of a stack address");
    free_errno(edealloc_mem, NULL, 0, "edealloc_mem of NULL");
    free_errno(edealloc_mem, p, 0, "edealloc_mem of a live block");
    free_errno(edealloc_mem, p, EINVAL, "edealloc_mem twice");
    alloc_at(ealloc_mem, a, 256, 0, 0, "ealloc_mem reuses the freed space");

    /* The limit: refused below the pages in use, raised at once. */
    TAP_EQ(ealloc_set_max_pages(3), PA_EBUSY, "limit 3 with 4 pages in use");
    TAP_EQ(pa_arena_max_pages(a), 4, "the refused limit changes nothing");
    TAP_EQ(ealloc_set_max_pages(0), PA_EINVAL, "limit 0 is invalid");
    TAP_EQ(ealloc_set_max_pages(5), PA_OK, "raise the limit to 5");
    TAP_EQ(pa_arena_max_pages(a), 5, "the raised limit applies at once");
    alloc_at(ealloc_mem, a, 4096, 4, 0, "ealloc_mem maps a fifth page");
    alloc_fails(ealloc_mem, 256, ENOMEM, "ealloc_mem past 5 pages");
    for (size_t i = 0; i < 5; i++)
        first_bases[i] = pa_arena_page_base(a, i);

    status_errno(ecleanup_alloc(), 0, 0, "ecleanup_alloc");
    TAP_OK(pa_default_ealloc() == NULL, "ecleanup_alloc drops the arena");
    errno = 0;
    status_errno(ecleanup_alloc(), -1, ENXIO, "a second ecleanup_alloc");
    alloc_fails(ealloc_mem, 256, ENXIO, "ealloc_mem after ecleanup_alloc");
}

/* ecleanup_alloc() leaves the pages mapped; the next arena takes them back
 * in their first order before mapping any new one. */
static void test_ealloc_reuse(void)
{
    const pa_arena *a;
    status_errno(einit_alloc(), 0, 0, "einit_alloc again");
    a = pa_default_ealloc();
    TAP_EQ(pa_arena_page_count(a), 0, "the new ealloc arena starts without pages");
    TAP_EQ(pa_arena_max_pages(a), 5, "the limit set before cleanup carries over");
    for (size_t i = 0; i < 5; i++) {
        alloc_at(ealloc_mem, a, 4096, i, 0, "a page per 4096 after re-init");
        TAP_OK(pa_arena_page_base(a, i) == first_bases[i],
               "page %zu is the kept page %zu of the previous arena", i, i);
    }
    /* A limit given without an arena waits for the next einit_alloc. */
    TAP_EQ(ealloc_set_max_pages(4), PA_EBUSY, "limit 4 with 5 pages in use");
    status_errno(ecleanup_alloc(), 0, 0, "ecleanup_alloc");
    TAP_EQ(ealloc_set_max_pages(4), PA_OK, "limit 4 without an arena");
    status_errno(einit_alloc(), 0, 0, "einit_alloc with limit 4");
    a = pa_default_ealloc();
    TAP_EQ(pa_arena_max_pages(a), 4, "the arena takes the limit set meanwhile");
    TAP_EQ(ealloc_set_max_pages(1), PA_OK, "limit 1 with no page in use");
    alloc_at(ealloc_mem, a, 256, 0, 0, "one page under limit 1");
    alloc_fails(ealloc_mem, 4096, ENOMEM, "ealloc_mem past limit 1");
    TAP_EQ(ealloc_set_max_pages(4), PA_OK, "back to the default limit");
    status_errno(ecleanup_alloc(), 0, 0, "ecleanup_alloc");
}

static void test_ealloc_cycles(void)
{
    for (int cycle = 1; cycle <= 3; cycle++) {
        const pa_arena *a;
        char what[64];
        snprintf(what, sizeof what, "ealloc cycle %d", cycle);
        status_errno(einit_alloc(), 0, 0, what);
        a = pa_default_ealloc();
        TAP_EQ(pa_arena_page_count(a), 0, "%s: no page at init", what);
        char *p = alloc_at(ealloc_mem, a, 2048, 0, 0, what);
        alloc_at(ealloc_mem, a, 4096, 1, 0, what);
        alloc_at(ealloc_mem, a, 2048, 0, 2048, what);
        free_errno(edealloc_mem, p, 0, what);
        alloc_at(ealloc_mem, a, 1024, 0, 0, what);
        TAP_EQ(pa_arena_page_count(a), 2, "%s: two pages", what);
        status_errno(ecleanup_alloc(), 0, 0, what);
    }
}

/* ---- both at once ------------------------------------------------------------ */

static void test_both(void)
{
    const pa_arena *a, *e;
    status_errno(init_alloc(), 0, 0, "init_alloc beside ealloc");
    status_errno(einit_alloc(), 0, 0, "einit_alloc beside alloc");
    a = pa_default_alloc();
    e = pa_default_ealloc();
    TAP_OK(a != NULL && e != NULL && (const void *)a != (const void *)e,
           "both default arenas live at once");
    char *p = alloc_at(alloc_mem, a, 256, 0, 0, "alloc beside ealloc");
    char *q = alloc_at(ealloc_mem, e, 256, 0, 0, "ealloc beside alloc");
    free_errno(edealloc_mem, p, EINVAL, "edealloc_mem of an alloc block");
    free_errno(dealloc_mem, q, EINVAL, "dealloc_mem of an ealloc block");
    free_errno(dealloc_mem, p, 0, "dealloc_mem of its own block");
    free_errno(edealloc_mem, q, 0, "edealloc_mem of its own block");
    status_errno(cleanup_alloc(), 0, 0, "cleanup_alloc beside ealloc");
    TAP_OK(pa_default_ealloc() == e, "cleanup_alloc leaves ealloc alone");
    status_errno(ecleanup_alloc(), 0, 0, "ecleanup_alloc");
}

int main(void)
{
    test_before_init();
    test_alloc_errors();
    test_alloc_cycles();
    test_ealloc_errors();
    test_ealloc_reuse();
    test_ealloc_cycles();
    test_both();
    return tap_done();
}
