/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_core.c - the instance API doing its normal work: fits, splits,
 * coalescing, the four policies, ealloc growth and limits, reset, walk,
 * statistics, locate, names, the trace hook, and metadata kept off the
 * page.  Every expected offset is worked out by hand in the comments;
 * pa_check runs after every operation. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "pagealloc.h"
#include "arena_tap.h"
#include "tap.h"

/* ---- helpers ------------------------------------------------------------ */

static pa_arena *make(pa_kind kind, pa_policy policy, size_t max_pages)
{
    pa_config cfg;
    pa_arena *a = NULL;
    pa_config_init(&cfg, kind);
    cfg.policy = policy;
    if (max_pages)
        cfg.max_pages = max_pages;
    pa_status st = pa_create(&cfg, &a);
    TAP_EQ(st, PA_OK, "create a %s arena with %s fit", pa_kind_name(kind),
           pa_policy_name(policy));
    check(a, "create");
    return a;
}

/* Finds which page holds p and at what offset, by the page bases alone. */
static int position(const pa_arena *a, const void *p, size_t *page, size_t *off)
{
    for (size_t i = 0; i < pa_arena_page_count(a); i++) {
        uintptr_t base = (uintptr_t)pa_arena_page_base(a, i), q = (uintptr_t)p;
        if (q >= base && q < base + PA_PAGE_SIZE) {
            *page = i;
            *off = q - base;
            return 1;
        }
    }
    return 0;
}

/* Allocates size bytes, which must land at (page, offset). */
static char *alloc_at(pa_arena *a, size_t size, size_t page, size_t offset,
                      const char *what)
{
    void *p = NULL;
    size_t pg = 0, off = 0;
    pa_where said = {99, 99, 99};
    pa_status st = pa_alloc_where(a, size, &p, &said);
    TAP_EQ(st, PA_OK, "%s: alloc %zu succeeds", what, size);
    int at = st == PA_OK && position(a, p, &pg, &off) && pg == page &&
             off == offset;
    TAP_OK(at, "%s: alloc %zu lands at page %zu offset %zu", what, size, page,
           offset);
    if (!at)
        printf("#   got page %zu offset %zu\n", pg, off);
    pa_where w = {0, 0, 0};
    TAP_OK(st == PA_OK && pa_locate(a, p, &w) == PA_OK && w.page == page &&
               w.offset == offset && w.size == size,
           "%s: pa_locate agrees: page %zu offset %zu size %zu", what, page,
           offset, size);
    TAP_OK(said.page == w.page && said.offset == w.offset && said.size == w.size,
           "%s: pa_alloc_where said what pa_locate says", what);
    pa_stats st_now;
    pa_get_stats(a, &st_now);
    TAP_OK(pa_arena_last_searched(a) == st_now.last_searched,
           "%s: pa_arena_last_searched is the stats' last_searched", what);
    check(a, what);
    return p;
}

/* An allocation that must fail with want and leave *out alone. */
static void alloc_fails(pa_arena *a, size_t size, pa_status want,
                        const char *what)
{
    void *p = &p;
    TAP_EQ(pa_alloc(a, size, &p), want, "%s: alloc %zu fails with %s", what,
           size, pa_strerror(want));
    TAP_OK(p == &p, "%s: the failed alloc leaves the out pointer alone", what);
    check(a, what);
}

static void free_ok(pa_arena *a, void *p, const char *what)
{
    TAP_EQ(pa_free(a, p), PA_OK, "%s: free succeeds", what);
    check(a, what);
}

static void expect_pages(const pa_arena *a, size_t want, const char *what)
{
    TAP_EQ(pa_arena_page_count(a), want, "%s: %zu page(s) mapped", what, want);
}

/* ---- exact fit, split, full page, no fit ---------------------------------- */

static void test_split_and_exact_fit(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    expect_layout(a, "[0] f0:4096", "fresh alloc page");
    /* 64 bytes split the page's one extent: the block takes its start. */
    char *p = alloc_at(a, 64, 0, 0, "split");
    expect_layout(a, "[0] b0:64 f64:4032", "split");
    /* 4032 bytes are exactly the remainder: the extent is used up. */
    char *q = alloc_at(a, 4032, 0, 64, "exact fit of the remainder");
    expect_layout(a, "[0] b0:64 b64:4032", "exact fit of the remainder");
    free_ok(a, p, "free the first block");
    expect_layout(a, "[0] f0:64 b64:4032", "free the first block");
    /* An exact fit into a hole between the page start and a block. */
    p = alloc_at(a, 64, 0, 0, "exact fit of a hole");
    expect_layout(a, "[0] b0:64 b64:4032", "exact fit of a hole");
    free_ok(a, p, "free the hole's block");
    free_ok(a, q, "free the big block");
    expect_layout(a, "[0] f0:4096", "all freed");
    pa_destroy(a);
}

static void test_full_page(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    pa_stats st;
    char *p = alloc_at(a, 4096, 0, 0, "a full page");
    expect_layout(a, "[0] b0:4096", "a full page");
    pa_get_stats(a, &st);
    TAP_EQ(st.bytes_free, 0, "full page: no free bytes");
    TAP_EQ(st.extents, 0, "full page: no free extent");
    TAP_EQ(st.largest, 0, "full page: largest free extent is 0");
    alloc_fails(a, 8, PA_ENOSPACE, "full page");
    free_ok(a, p, "free the full page's block");
    expect_layout(a, "[0] f0:4096", "full page freed");
    alloc_at(a, 4096, 0, 0, "the whole page again");
    pa_destroy(a);
}

static void test_no_fit(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    char *b[8];
    pa_stats st;
    /* Eight blocks of 512 fill the page; freeing every other one leaves
     * 2048 free bytes in four separate extents of 512. */
    for (size_t i = 0; i < 8; i++)
        b[i] = alloc_at(a, 512, 0, i * 512, "fill with 512-byte blocks");
    for (size_t i = 0; i < 8; i += 2)
        free_ok(a, b[i], "free every other 512-byte block");
    const char *frag = "[0] f0:512 b512:512 f1024:512 b1536:512 f2048:512 "
                       "b2560:512 f3072:512 b3584:512";
    expect_layout(a, frag, "fragmented");
    /* 1024 bytes would fit in the total but in no single extent; the
     * search visits all four, as malloc.py's does. */
    alloc_fails(a, 1024, PA_ENOSPACE, "no extent of 1024");
    pa_get_stats(a, &st);
    TAP_EQ(st.last_searched, 4, "no fit: every extent was visited");
    TAP_EQ(st.bytes_free, 2048, "no fit: 2048 bytes are free all the same");
    expect_layout(a, frag, "a failed alloc changes nothing");
    alloc_at(a, 512, 0, 0, "512 still fits the first extent");
    pa_destroy(a);
}

/* ---- coalescing ----------------------------------------------------------- */

static void test_coalesce(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    char *b[5];
    for (size_t i = 0; i < 5; i++)
        b[i] = alloc_at(a, 64, 0, i * 64, "five blocks of 64");
    expect_layout(a, "[0] b0:64 b64:64 b128:64 b192:64 b256:64 f320:3776",
                  "five blocks of 64");
    /* b1 has live blocks on both sides: a new extent of its own. */
    free_ok(a, b[1], "free 64 between live blocks");
    expect_layout(a, "[0] b0:64 f64:64 b128:64 b192:64 b256:64 f320:3776",
                  "new extent");
    /* b0 ends where the extent at 64 starts: merge right. */
    free_ok(a, b[0], "free the block left of an extent");
    expect_layout(a, "[0] f0:128 b128:64 b192:64 b256:64 f320:3776",
                  "coalesce right");
    /* b2 starts where the extent 0:128 ends; b3 is live: merge left. */
    free_ok(a, b[2], "free the block right of an extent");
    expect_layout(a, "[0] f0:192 b192:64 b256:64 f320:3776", "coalesce left");
    /* b4 joins the page's tail extent, merging right. */
    free_ok(a, b[4], "free the block before the tail");
    expect_layout(a, "[0] f0:192 b192:64 f256:3840", "coalesce with the tail");
    /* b3 sits between two extents: all three become one. */
    free_ok(a, b[3], "free the block between two extents");
    expect_layout(a, "[0] f0:4096", "coalesce both sides");
    pa_destroy(a);
}

/* Extents never merge across pages, even when the pages happen to be
 * neighbours in memory. */
static void test_no_coalesce_across_pages(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 2);
    char *p0 = alloc_at(a, 3840, 0, 0, "page 0 head");
    char *t0 = alloc_at(a, 256, 0, 3840, "page 0 tail");
    char *h1 = alloc_at(a, 256, 1, 0, "page 1 head");
    char *p1 = alloc_at(a, 3840, 1, 256, "page 1 rest");
    free_ok(a, t0, "free page 0's tail");
    free_ok(a, h1, "free page 1's head");
    expect_layout(a, "[0] b0:3840 f3840:256 [1] f0:256 b256:3840",
                  "two extents on two pages");
    /* 512 bytes are free, but never as one extent, and the limit of 2
     * pages forbids a third. */
    alloc_fails(a, 512, PA_ENOSPACE, "no allocation spans two pages");
    free_ok(a, p0, "free page 0's head");
    free_ok(a, p1, "free page 1's rest");
    expect_layout(a, "[0] f0:4096 [1] f0:4096", "each page whole again");
    pa_destroy(a);
}

/* ---- policies ------------------------------------------------------------- */

/* One policy on the same start: expected offsets, searches and layouts of
 * three requests, 32, 64 and 24 bytes. */
typedef struct policy_case {
    pa_policy policy;
    size_t off[3];
    size_t searched[3];
    const char *after[3];
} policy_case;

/* The start, the same for every policy because each setup allocation
 * finds a single extent at the page's end:
 *   a 64@0, b 16@64, c 128@80, d 16@208, e 32@224, f 16@256, g 3776@272,
 *   tail 4048:48 free; then free a, c and e.
 * Free extents: 0:64, 80:128, 224:32, 4048:48.  The next-fit cursor is at
 * 4048, the end of g. */
static const char *const policy_start =
    "[0] f0:64 b64:16 f80:128 b208:16 f224:32 b256:16 b272:3776 f4048:48";

static const policy_case policy_cases[] = {
    /* first: 32 -> 0:64 is first (1 visit), leaves 32:32;
     *        64 -> 32:32 too small, 80:128 (2 visits), leaves 144:64;
     *        24 -> 32:32 (1 visit), leaves 56:8. */
    {PA_FIT_FIRST, {0, 80, 32}, {1, 2, 1},
     {"[0] b0:32 f32:32 b64:16 f80:128 b208:16 f224:32 b256:16 b272:3776 "
      "f4048:48",
      "[0] b0:32 f32:32 b64:16 b80:64 f144:64 b208:16 f224:32 b256:16 "
      "b272:3776 f4048:48",
      "[0] b0:32 b32:24 f56:8 b64:16 b80:64 f144:64 b208:16 f224:32 b256:16 "
      "b272:3776 f4048:48"}},
    /* best:  32 -> 224:32 is exact; the search sees all 4 extents;
     *        64 -> 0:64 is exact (3 visits: every extent);
     *        24 -> 80:128 and 4048:48 fit, 48 is smaller (2 visits). */
    {PA_FIT_BEST, {224, 0, 4048}, {4, 3, 2},
     {"[0] f0:64 b64:16 f80:128 b208:16 b224:32 b256:16 b272:3776 f4048:48",
      "[0] b0:64 b64:16 f80:128 b208:16 b224:32 b256:16 b272:3776 f4048:48",
      "[0] b0:64 b64:16 f80:128 b208:16 b224:32 b256:16 b272:3776 b4048:24 "
      "f4072:24"}},
    /* worst: 32 -> largest is 80:128, leaves 112:96;
     *        64 -> largest is 112:96, leaves 176:32;
     *        24 -> largest is 0:64, leaves 24:40; each visits all 4. */
    {PA_FIT_WORST, {80, 112, 0}, {4, 4, 4},
     {"[0] f0:64 b64:16 b80:32 f112:96 b208:16 f224:32 b256:16 b272:3776 "
      "f4048:48",
      "[0] f0:64 b64:16 b80:32 b112:64 f176:32 b208:16 f224:32 b256:16 "
      "b272:3776 f4048:48",
      "[0] b0:24 f24:40 b64:16 b80:32 b112:64 f176:32 b208:16 f224:32 "
      "b256:16 b272:3776 f4048:48"}},
    /* next:  32 -> the cursor 4048 starts 4048:48 (1 visit); cursor 4080;
     *        64 -> 4080:16 is too small, wrap to 0:64 (2 visits); cursor 64;
     *        24 -> 0:64 is gone, 80:128 follows 64 (1 visit). */
    {PA_FIT_NEXT, {4048, 0, 80}, {1, 2, 1},
     {"[0] f0:64 b64:16 f80:128 b208:16 f224:32 b256:16 b272:3776 b4048:32 "
      "f4080:16",
      "[0] b0:64 b64:16 f80:128 b208:16 f224:32 b256:16 b272:3776 b4048:32 "
      "f4080:16",
      "[0] b0:64 b64:16 b80:24 f104:104 b208:16 f224:32 b256:16 b272:3776 "
      "b4048:32 f4080:16"}},
};

static void policy_setup(pa_arena *a)
{
    static const size_t sizes[] = {64, 16, 128, 16, 32, 16, 3776};
    char *b[7];
    size_t off = 0;
    for (size_t i = 0; i < 7; off += sizes[i], i++)
        b[i] = alloc_at(a, sizes[i], 0, off, "policy setup");
    free_ok(a, b[0], "policy setup: free a");
    free_ok(a, b[2], "policy setup: free c");
    free_ok(a, b[4], "policy setup: free e");
    expect_layout(a, policy_start, "policy setup");
}

static void test_policy(const policy_case *c)
{
    static const size_t req[3] = {32, 64, 24};
    const char *name = pa_policy_name(c->policy);
    char what[64];
    pa_stats st;
    pa_arena *a = make(PA_KIND_ALLOC, c->policy, 0);
    TAP_EQ(pa_arena_policy(a), c->policy, "the arena reports %s fit", name);
    policy_setup(a);
    for (size_t i = 0; i < 3; i++) {
        snprintf(what, sizeof what, "%s fit, request %zu", name, req[i]);
        alloc_at(a, req[i], 0, c->off[i], what);
        pa_get_stats(a, &st);
        TAP_EQ(st.last_searched, c->searched[i], "%s: %zu extent(s) searched",
               what, c->searched[i]);
        expect_layout(a, c->after[i], what);
    }
    pa_destroy(a);
}

/* pa_set_policy switches the policy of a live arena between requests. */
static void test_set_policy(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    policy_setup(a);
    /* Same start as the table: best takes 224, worst then 80, first 0. */
    TAP_EQ(pa_set_policy(a, PA_FIT_BEST), PA_OK, "switch to best fit");
    alloc_at(a, 32, 0, 224, "after switching to best");
    TAP_EQ(pa_set_policy(a, PA_FIT_WORST), PA_OK, "switch to worst fit");
    alloc_at(a, 32, 0, 80, "after switching to worst");
    TAP_EQ(pa_set_policy(a, PA_FIT_FIRST), PA_OK, "switch to first fit");
    alloc_at(a, 32, 0, 0, "after switching to first");
    TAP_EQ(pa_arena_policy(a), PA_FIT_FIRST, "the arena reports first fit");
    pa_destroy(a);
}

/* Equal candidates on two pages: every policy prefers the lower page,
 * even where the higher page's extent has the lower offset. */
static void test_ties_across_pages(void)
{
    static const pa_policy pols[] = {PA_FIT_FIRST, PA_FIT_BEST, PA_FIT_WORST};
    for (size_t i = 0; i < 3; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s fit tie", pa_policy_name(pols[i]));
        pa_arena *a = make(PA_KIND_EALLOC, pols[i], 0);
        alloc_at(a, 3584, 0, 0, what);
        char *y = alloc_at(a, 256, 0, 3584, what);
        char *z = alloc_at(a, 256, 0, 3840, what);
        char *u = alloc_at(a, 512, 1, 0, what);
        alloc_at(a, 3584, 1, 512, what);
        free_ok(a, y, what);
        free_ok(a, z, what);
        free_ok(a, u, what);
        expect_layout(a, "[0] b0:3584 f3584:512 [1] f0:512 b512:3584", what);
        /* Two extents of 512: page 0's at 3584 and page 1's at 0. */
        alloc_at(a, 256, 0, 3584, what);
        pa_destroy(a);
    }
}

/* ---- pages at scrambled addresses ------------------------------------------ */

/* Hands out the pages of one mapping in a scrambled order, so that mapping
 * order and address order disagree and pointer lookup must use the
 * address index. */
typedef struct pool {
    char *region;
    size_t next;
} pool;

static const size_t pool_order[8] = {5, 1, 7, 3, 0, 6, 2, 4};

static void *pool_map(size_t len, void *ctx)
{
    pool *pl = ctx;
    (void)len;
    return pl->next < 8 ? pl->region + pool_order[pl->next++] * PA_PAGE_SIZE
                        : NULL;
}

static void pool_unmap(void *page, size_t len, void *ctx)
{
    (void)page, (void)len, (void)ctx;
}

static void test_scrambled_pages(void)
{
    pool pl = {mmap(NULL, 8 * PA_PAGE_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), 0};
    TAP_OK(pl.region != MAP_FAILED, "map a pool of 8 pages");
    if (pl.region == MAP_FAILED)
        return;
    pa_sys sys = {pool_map, pool_unmap, NULL, NULL, &pl};
    pa_config cfg;
    pa_arena *a = NULL;
    char *b[8], *c[8];
    pa_config_init(&cfg, PA_KIND_EALLOC);
    cfg.max_pages = 8;
    cfg.sys = &sys;
    TAP_EQ(pa_create(&cfg, &a), PA_OK, "create an ealloc over the pool");
    /* 3840 then 256 per page: each 3840 maps the next page. */
    for (size_t i = 0; i < 8; i++)
        b[i] = alloc_at(a, 3840, i, 0, "scrambled pages: a page's head");
    for (size_t i = 0; i < 8; i++)
        c[i] = alloc_at(a, 256, i, 3840, "scrambled pages: a page's tail");
    for (size_t i = 0; i < 8; i++)
        TAP_OK(pa_arena_page_base(a, i) == pl.region + pool_order[i] * PA_PAGE_SIZE,
               "page %zu is pool page %zu", i, pool_order[i]);
    for (size_t i = 0; i < 8; i++) {
        TAP_EQ(pa_locate(a, c[i] + 8, NULL), PA_EINTERIOR,
               "page %zu: an interior pointer is found on its page", i);
        free_ok(a, b[(i * 3) % 8], "scrambled pages: free a head");
    }
    expect_layout(a, "[0] f0:3840 b3840:256 [1] f0:3840 b3840:256 "
                     "[2] f0:3840 b3840:256 [3] f0:3840 b3840:256 "
                     "[4] f0:3840 b3840:256 [5] f0:3840 b3840:256 "
                     "[6] f0:3840 b3840:256 [7] f0:3840 b3840:256",
                  "scrambled pages, heads freed");
    pa_destroy(a);
    munmap(pl.region, 8 * PA_PAGE_SIZE);
}

/* ---- next fit in detail --------------------------------------------------- */

static void test_next_fit_wrap(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_NEXT, 0);
    /* The cursor ends at 4096, the very end of the page. */
    char *p = alloc_at(a, 2048, 0, 0, "next fit: first half");
    alloc_at(a, 2048, 0, 2048, "next fit: second half");
    free_ok(a, p, "next fit: free the first half");
    /* Nothing follows 4096: the search wraps to 0:2048. */
    char *r0 = alloc_at(a, 8, 0, 0, "next fit wraps from the page end");
    alloc_at(a, 8, 0, 8, "next fit resumes after the previous block");
    char *r2 = alloc_at(a, 8, 0, 16, "next fit again after it");
    /* The cursor is 24; freeing 0 and 16 leaves 0:8 and 16:2032, and the
     * cursor lies strictly inside the second. */
    free_ok(a, r0, "next fit: free the block at 0");
    free_ok(a, r2, "next fit: free the block at 16");
    expect_layout(a, "[0] f0:8 b8:8 f16:2032 b2048:2048", "next fit holes");
    /* First fit would take 0; next fit takes the extent holding the
     * cursor, from its start. */
    alloc_at(a, 8, 0, 16, "next fit takes the extent holding the cursor");
    pa_destroy(a);

    /* The cursor is the end of the previous block, not its start: with
     * that block freed again, the search passes over it. */
    a = make(PA_KIND_ALLOC, PA_FIT_NEXT, 0);
    p = alloc_at(a, 8, 0, 0, "next fit: a");
    alloc_at(a, 8, 0, 8, "next fit: b");
    char *rest = alloc_at(a, 4080, 0, 16, "next fit: the rest");
    free_ok(a, p, "next fit: free a");
    p = alloc_at(a, 8, 0, 0, "next fit wraps to 0, cursor 8");
    free_ok(a, p, "next fit: free the block at 0 again");
    free_ok(a, rest, "next fit: free the rest");
    expect_layout(a, "[0] f0:8 b8:8 f16:4080", "next fit around b");
    /* 0:8 ends at the cursor, 8: it comes last; 16:4080 comes first. */
    alloc_at(a, 8, 0, 16, "next fit resumes at the end of the previous block");
    pa_destroy(a);

    /* Across pages: the search goes on to later pages, then wraps to page 0. */
    a = make(PA_KIND_EALLOC, PA_FIT_NEXT, 0);
    p = alloc_at(a, 4096, 0, 0, "next fit ealloc: page 0 full");
    char *r = alloc_at(a, 2048, 1, 0, "next fit ealloc: page 1 head");
    alloc_at(a, 2048, 1, 2048, "next fit ealloc: page 1 tail");
    free_ok(a, p, "next fit ealloc: free page 0");
    /* Cursor (1, 4096): nothing after it on page 1, wrap to page 0 at 0. */
    alloc_at(a, 256, 0, 0, "next fit wraps from the last page to page 0");
    free_ok(a, r, "next fit ealloc: free page 1 head");
    /* Cursor (0, 256): page 0's 256:3840 comes before page 1's 0:2048. */
    alloc_at(a, 256, 0, 256, "next fit resumes on page 0, not at page 1");
    expect_layout(a, "[0] b0:256 b256:256 f512:3584 [1] f0:2048 b2048:2048",
                  "next fit ealloc");
    expect_pages(a, 2, "next fit ealloc never maps while room remains");
    pa_destroy(a);
}

/* ---- ealloc growth and limit ---------------------------------------------- */

static void test_ealloc_growth(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    expect_pages(a, 0, "ealloc at create");
    expect_layout(a, "", "ealloc at create");
    TAP_OK(pa_arena_page_base(a, 0) == NULL, "ealloc at create: no page base");
    char *pa = alloc_at(a, 2048, 0, 0, "first ealloc maps page 0");
    expect_pages(a, 1, "after the first ealloc");
    alloc_at(a, 2048, 0, 2048, "second 2048 fits page 0");
    expect_pages(a, 1, "page 0 held the second 2048");
    char *pc = alloc_at(a, 256, 1, 0, "page 0 is full: 256 maps page 1");
    expect_pages(a, 2, "page 1 mapped");
    alloc_at(a, 3840, 1, 256, "3840 fills page 1");
    free_ok(a, pa, "free page 0's first half");
    /* 2048 bytes are free on page 0, but 4096 needs a page of its own. */
    alloc_at(a, 4096, 2, 0, "4096 maps page 2");
    expect_pages(a, 3, "page 2 mapped");
    alloc_at(a, 1024, 0, 0, "1024 reuses page 0");
    expect_pages(a, 3, "no page mapped for 1024");
    alloc_at(a, 2048, 3, 0, "2048 fits no mapped page: page 3");
    alloc_at(a, 2048, 3, 2048, "2048 fills page 3");
    expect_pages(a, 4, "page 3 mapped");
    expect_layout(a, "[0] b0:1024 f1024:1024 b2048:2048 [1] b0:256 b256:3840 "
                     "[2] b0:4096 [3] b0:2048 b2048:2048",
                  "four pages in mapping order");
    alloc_fails(a, 2048, PA_ENOSPACE, "the default limit of 4 pages");
    free_ok(a, pc, "free page 1's head");
    /* Page 0's tail 1024:1024 and page 1's head 0:256 are not one extent. */
    alloc_fails(a, 1280, PA_ENOSPACE, "an allocation never spans pages");
    alloc_at(a, 1024, 0, 1024, "1024 fills page 0's tail");
    /* Pages are distinct and appended in order. */
    int distinct = 1;
    for (size_t i = 0; i < 4; i++)
        for (size_t j = i + 1; j < 4; j++)
            distinct &= pa_arena_page_base(a, i) != pa_arena_page_base(a, j);
    TAP_OK(distinct, "the four pages are distinct");
    TAP_OK(pa_arena_page_base(a, 4) == NULL, "no page base past the last page");
    pa_destroy(a);
}

static void test_ealloc_limit(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    TAP_EQ(pa_arena_max_pages(a), PA_EALLOC_DEFAULT_MAX_PAGES, "default limit is 4");
    for (size_t i = 0; i < 3; i++)
        alloc_at(a, 4096, i, 0, "a page per 4096 bytes");
    TAP_EQ(pa_set_max_pages(a, 2), PA_EBUSY, "limit 2 is below 3 pages in use");
    TAP_EQ(pa_arena_max_pages(a), 4, "the limit stays 4 after PA_EBUSY");
    check(a, "a refused limit");
    TAP_EQ(pa_set_max_pages(a, 3), PA_OK, "limit 3 equals the pages in use");
    alloc_fails(a, 256, PA_ENOSPACE, "limit 3 reached");
    TAP_EQ(pa_set_max_pages(a, 5), PA_OK, "raise the limit to 5");
    alloc_at(a, 4096, 3, 0, "limit 5 allows page 3");
    alloc_at(a, 4096, 4, 0, "limit 5 allows page 4");
    alloc_fails(a, 256, PA_ENOSPACE, "limit 5 reached");
    TAP_EQ(pa_set_max_pages(a, 0), PA_EINVAL, "limit 0 is invalid");
    TAP_EQ(pa_arena_max_pages(a), 5, "the limit stays 5");
    pa_destroy(a);

    a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 1);
    TAP_EQ(pa_arena_max_pages(a), 1, "a configured limit of 1");
    alloc_at(a, 4096, 0, 0, "one page under limit 1");
    alloc_fails(a, 256, PA_ENOSPACE, "limit 1 reached");
    pa_destroy(a);

    a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    TAP_EQ(pa_arena_max_pages(a), 1, "alloc always has 1 page");
    TAP_EQ(pa_set_max_pages(a, 1), PA_OK, "alloc accepts limit 1");
    TAP_EQ(pa_set_max_pages(a, 2), PA_EINVAL, "alloc refuses limit 2");
    TAP_EQ(pa_arena_max_pages(a), 1, "alloc keeps limit 1");
    pa_destroy(a);
}

/* ---- reset ------------------------------------------------------------------ */

static void test_reset_alloc(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_NEXT, 0);
    pa_stats st;
    void *base = pa_arena_page_base(a, 0);
    char *p = alloc_at(a, 64, 0, 0, "before reset");
    char *q = alloc_at(a, 128, 0, 64, "before reset");
    free_ok(a, p, "before reset");
    TAP_EQ(pa_reset(a), PA_OK, "reset an alloc arena");
    check(a, "reset");
    expect_layout(a, "[0] f0:4096", "after reset");
    TAP_OK(pa_arena_page_base(a, 0) == base, "alloc keeps its page across reset");
    pa_get_stats(a, &st);
    TAP_EQ(st.bytes_used, 0, "reset: nothing used");
    TAP_EQ(st.blocks, 0, "reset: no blocks");
    TAP_EQ(st.peak_used, 0, "reset: peak starts again");
    TAP_EQ(st.allocs + st.frees + st.failures, 0, "reset: counters start again");
    TAP_EQ(st.pages, 1, "reset: one page");
    TAP_EQ(st.peak_pages, 1, "reset: peak pages is 1");
    /* The blocks are gone: neither pointer is live or a known freed one. */
    TAP_EQ(pa_free(a, q), PA_EUNKNOWN, "a block from before reset is unknown");
    TAP_EQ(pa_free(a, p), PA_EUNKNOWN, "a freed block from before reset too");
    check(a, "stale frees");
    /* The next-fit cursor started again as well. */
    alloc_at(a, 64, 0, 0, "next fit after reset starts at 0");

    /* A full page has no extent node left: reset must make one. */
    TAP_EQ(pa_reset(a), PA_OK, "reset again");
    alloc_at(a, 4096, 0, 0, "fill the page");
    TAP_EQ(pa_reset(a), PA_OK, "reset a full alloc page");
    check(a, "reset a full page");
    expect_layout(a, "[0] f0:4096", "after reset of a full page");
    pa_destroy(a);
}

static void test_reset_ealloc(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    pa_stats st;
    alloc_at(a, 4096, 0, 0, "before reset: page 0");
    alloc_at(a, 256, 1, 0, "before reset: page 1");
    TAP_EQ(pa_reset(a), PA_OK, "reset an ealloc arena");
    check(a, "ealloc reset");
    expect_pages(a, 0, "ealloc reset unmaps every page");
    expect_layout(a, "", "after ealloc reset");
    pa_get_stats(a, &st);
    TAP_EQ(st.pages, 0, "ealloc reset: no pages");
    TAP_EQ(st.peak_pages, 0, "ealloc reset: peak pages starts again");
    TAP_EQ(st.bytes_free, 0, "ealloc reset: no free bytes without pages");
    TAP_EQ(st.allocs, 0, "ealloc reset: allocs start again");
    alloc_at(a, 256, 0, 0, "ealloc after reset maps page 0 again");
    expect_pages(a, 1, "after reset and one alloc");
    TAP_EQ(pa_reset(a), PA_OK, "reset again");
    TAP_EQ(pa_reset(a), PA_OK, "reset an arena with no pages");
    check(a, "reset with no pages");
    pa_destroy(a);
}

/* ---- metadata off the page ------------------------------------------------ */

/* Fills every block, or every byte of every page, with one byte. */
typedef struct fill {
    int byte;
    int whole_page;
} fill;

static int fill_item(const pa_item *it, void *ctx)
{
    const fill *f = ctx;
    if (it->kind == PA_ITEM_BLOCK || (f->whole_page && it->kind == PA_ITEM_PAGE))
        memset(it->addr, f->byte, it->size);
    return 0;
}

/* Runs the same operations on a scribbled arena and on a clean control;
 * the layouts must stay the same at every step. */
static void same_layouts(const pa_arena *x, const pa_arena *ctl, const char *what)
{
    char lx[LAYOUT_MAX], lc[LAYOUT_MAX];
    layout(x, lx, sizeof lx);
    layout(ctl, lc, sizeof lc);
    TAP_OK(strcmp(lx, lc) == 0, "%s: layout as without the scribbling", what);
    if (strcmp(lx, lc) != 0)
        printf("#   got  \"%s\"\n#   want \"%s\"\n", lx, lc);
    check(x, what);
}

static void scribble(pa_arena *x, int byte, int whole_page, const char *what)
{
    char before[LAYOUT_MAX];
    fill f = {byte, whole_page};
    layout(x, before, sizeof before);
    pa_walk(x, fill_item, &f);
    expect_layout(x, before, what);
    check(x, what);
}

/* Both arenas do the same alloc or free; p[i] and c[i] are the blocks. */
static void twin_alloc(pa_arena *x, pa_arena *ctl, size_t size, char **p,
                       char **c, const char *what)
{
    void *vx = NULL, *vc = NULL;
    pa_status sx = pa_alloc(x, size, &vx), sc = pa_alloc(ctl, size, &vc);
    TAP_EQ(sx, sc, "%s: alloc %zu gives %s as without scribbling", what, size,
           pa_strerror(sc));
    *p = vx;
    *c = vc;
    same_layouts(x, ctl, what);
}

static void twin_free(pa_arena *x, pa_arena *ctl, char **p, char **c,
                      const char *what)
{
    TAP_EQ(pa_free(x, *p), PA_OK, "%s: free succeeds", what);
    pa_free(ctl, *c);
    *p = *c = NULL;
    same_layouts(x, ctl, what);
}

static void metadata_run(pa_kind kind, const size_t *sizes, size_t n)
{
    pa_arena *x = make(kind, PA_FIT_FIRST, 0), *ctl = make(kind, PA_FIT_FIRST, 0);
    char *p[16], *c[16], what[80];
    const char *name = pa_kind_name(kind);
    for (size_t i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s scribbled: alloc block %zu", name, i);
        twin_alloc(x, ctl, sizes[i], &p[i], &c[i], what);
    }
    snprintf(what, sizeof what, "%s: every block filled with 0xFF", name);
    scribble(x, 0xFF, 0, what);
    for (size_t i = 1; i < n; i += 2) {
        snprintf(what, sizeof what, "%s after 0xFF: free block %zu", name, i);
        twin_free(x, ctl, &p[i], &c[i], what);
    }
    snprintf(what, sizeof what, "%s: every block filled with 0x00", name);
    scribble(x, 0x00, 0, what);
    for (size_t i = 1; i < n; i += 2) {
        snprintf(what, sizeof what, "%s after 0x00: realloc block %zu", name, i);
        twin_alloc(x, ctl, sizes[i], &p[i], &c[i], what);
    }
    snprintf(what, sizeof what, "%s: whole pages filled with 0xFF", name);
    scribble(x, 0xFF, 1, what);
    for (size_t i = 0; i < n; i++) {
        snprintf(what, sizeof what, "%s after whole-page 0xFF: free %zu", name, i);
        twin_free(x, ctl, &p[i], &c[i], what);
    }
    pa_destroy(x);
    pa_destroy(ctl);
}

/* The library never writes into a page: a block's bytes survive every
 * operation on the blocks around it. */
static void test_block_contents_survive(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    char *keep = alloc_at(a, 64, 0, 0, "a block to keep");
    char *left = alloc_at(a, 64, 0, 64, "a neighbour");
    memset(keep, 0x5A, 64);
    free_ok(a, left, "free the neighbour");
    char *big = alloc_at(a, 4032, 0, 64, "fill the rest");
    memset(big, 0xC3, 4032);
    free_ok(a, big, "free the rest");
    int intact = 1;
    for (size_t i = 0; i < 64; i++)
        intact &= (unsigned char)keep[i] == 0x5A;
    TAP_OK(intact, "the kept block's bytes are untouched by the library");
    pa_destroy(a);
}

static void test_metadata_off_page(void)
{
    static const size_t alloc_sizes[] = {8, 64, 24, 512, 8, 128, 1024, 40, 16};
    static const size_t ealloc_sizes[] = {256, 1024, 512, 2048, 4096, 256, 768};
    metadata_run(PA_KIND_ALLOC, alloc_sizes, 9);
    metadata_run(PA_KIND_EALLOC, ealloc_sizes, 7);
    test_block_contents_survive();
}

/* ---- walk ------------------------------------------------------------------ */

typedef struct walk_log {
    pa_item items[16];
    size_t n;
    size_t stop_at; /* return non-zero on this item number, 0 never */
} walk_log;

static int log_item(const pa_item *it, void *ctx)
{
    walk_log *w = ctx;
    if (w->n < 16)
        w->items[w->n] = *it;
    w->n++;
    return w->n == w->stop_at ? 7 : 0;
}

static void test_walk(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    walk_log w = {0};
    TAP_EQ(pa_walk(a, log_item, &w), 0, "walk of an ealloc without pages");
    TAP_EQ(w.n, 0, "walk of no pages visits nothing");
    /* a 256 on page 0; b 4096 cannot fit page 0's 3840: page 1; c 512 goes
     * to page 0 after a. */
    char *pa = alloc_at(a, 256, 0, 0, "walk: a");
    alloc_at(a, 4096, 1, 0, "walk: b");
    alloc_at(a, 512, 0, 256, "walk: c");
    free_ok(a, pa, "walk: free a");
    char *b0 = pa_arena_page_base(a, 0), *b1 = pa_arena_page_base(a, 1);
    const pa_item want[] = {
        {PA_ITEM_PAGE, 0, 0, 4096, b0},
        {PA_ITEM_FREE, 0, 0, 256, b0},
        {PA_ITEM_BLOCK, 0, 256, 512, b0 + 256},
        {PA_ITEM_FREE, 0, 768, 3328, b0 + 768},
        {PA_ITEM_PAGE, 1, 0, 4096, b1},
        {PA_ITEM_BLOCK, 1, 0, 4096, b1},
    };
    TAP_EQ(pa_walk(a, log_item, &w), 0, "a full walk returns 0");
    TAP_EQ(w.n, 6, "the walk visits 2 pages, 2 blocks and 2 extents");
    for (size_t i = 0; i < 6 && i < w.n; i++) {
        const pa_item *g = &w.items[i], *e = &want[i];
        TAP_OK(g->kind == e->kind && g->page == e->page &&
                   g->offset == e->offset && g->size == e->size &&
                   g->addr == e->addr,
               "walk item %zu: kind %d page %zu offset %zu size %zu at its "
               "address", i, (int)e->kind, e->page, e->offset, e->size);
    }
    w = (walk_log){.stop_at = 3};
    TAP_OK(pa_walk(a, log_item, &w) != 0, "a stopped walk returns non-zero");
    TAP_EQ(w.n, 3, "the walk stops at the item that returned non-zero");
    TAP_EQ(pa_walk(a, NULL, NULL), 0, "a walk without a function does nothing");
    TAP_EQ(pa_walk(NULL, log_item, &w), 0, "a walk of no arena does nothing");
    pa_destroy(a);
}

/* ---- statistics ------------------------------------------------------------ */

typedef struct stats_want {
    size_t pages, peak_pages, used, free, peak_used, blocks, extents, largest;
    uint64_t allocs, frees, failures, searched, last_searched;
} stats_want;

static void expect_stats(const pa_arena *a, const stats_want *w, const char *what)
{
    pa_stats s;
    pa_get_stats(a, &s);
    TAP_EQ(s.pages, w->pages, "%s: pages %zu", what, w->pages);
    TAP_EQ(s.peak_pages, w->peak_pages, "%s: peak_pages %zu", what, w->peak_pages);
    TAP_EQ(s.bytes_used, w->used, "%s: bytes_used %zu", what, w->used);
    TAP_EQ(s.bytes_free, w->free, "%s: bytes_free %zu", what, w->free);
    TAP_EQ(s.peak_used, w->peak_used, "%s: peak_used %zu", what, w->peak_used);
    TAP_EQ(s.blocks, w->blocks, "%s: blocks %zu", what, w->blocks);
    TAP_EQ(s.extents, w->extents, "%s: extents %zu", what, w->extents);
    TAP_EQ(s.largest, w->largest, "%s: largest %zu", what, w->largest);
    TAP_EQ(s.allocs, w->allocs, "%s: allocs %llu", what,
           (unsigned long long)w->allocs);
    TAP_EQ(s.frees, w->frees, "%s: frees %llu", what, (unsigned long long)w->frees);
    TAP_EQ(s.failures, w->failures, "%s: failures %llu", what,
           (unsigned long long)w->failures);
    TAP_EQ(s.searched, w->searched, "%s: searched %llu", what,
           (unsigned long long)w->searched);
    TAP_EQ(s.last_searched, w->last_searched, "%s: last_searched %llu", what,
           (unsigned long long)w->last_searched);
}

static void test_stats_alloc(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    /*                  pg pk used  free peak blk ext largest al fr fl se ls */
    expect_stats(a, &(stats_want){1, 1, 0, 4096, 0, 0, 1, 4096, 0, 0, 0, 0, 0},
                 "fresh");
    char *p = alloc_at(a, 64, 0, 0, "stats: a 64");
    alloc_at(a, 128, 0, 64, "stats: b 128");
    alloc_at(a, 32, 0, 192, "stats: c 32");
    /* Each alloc visited the one extent: 3 searched. */
    expect_stats(a, &(stats_want){1, 1, 224, 3872, 224, 3, 1, 3872, 3, 0, 0, 3, 1},
                 "three allocs");
    free_ok(a, p, "stats: free a");
    /* Extents 0:64 and 224:3872. */
    expect_stats(a, &(stats_want){1, 1, 160, 3936, 224, 2, 2, 3872, 3, 1, 0, 3, 1},
                 "free a");
    /* 128 visits 0:64 (too small), then 224:3872: 2 more searched. */
    alloc_at(a, 128, 0, 224, "stats: d 128");
    expect_stats(a, &(stats_want){1, 1, 288, 3808, 288, 3, 2, 3744, 4, 1, 0, 5, 2},
                 "d 128");
    /* A bad size fails before any search: searched figures unchanged. */
    alloc_fails(a, 12, PA_ESIZE, "stats: bad size");
    /* 4000 exceeds the page's largest extent, 3744: both extents are
     * visited in vain. */
    alloc_fails(a, 4000, PA_ENOSPACE, "stats: no room");
    TAP_EQ(pa_free(a, p), PA_EDOUBLE, "stats: a double free");
    TAP_EQ(pa_free(a, NULL), PA_OK, "stats: freeing NULL");
    check(a, "stats failures");
    expect_stats(a, &(stats_want){1, 1, 288, 3808, 288, 3, 2, 3744, 4, 1, 3, 7, 2},
                 "three failures, NULL free not counted");
    pa_destroy(a);
}

static void test_stats_ealloc(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    /*                  pg pk used  free peak blk ext largest al fr fl se ls */
    expect_stats(a, &(stats_want){0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, "empty");
    /* No page to search: the first alloc visits nothing and maps. */
    char *p = alloc_at(a, 3840, 0, 0, "stats: 3840");
    expect_stats(a, &(stats_want){1, 1, 3840, 256, 3840, 1, 1, 256, 1, 0, 0, 0, 0},
                 "one page");
    /* 512: page 0 (largest 256) is skipped, unvisited; page 1 mapped. */
    char *q = alloc_at(a, 512, 1, 0, "stats: 512");
    expect_stats(a, &(stats_want){2, 2, 4352, 3840, 4352, 2, 2, 3584, 2, 0, 0, 0, 0},
                 "two pages");
    /* 256: page 0's 3840:256 is visited and exact. */
    alloc_at(a, 256, 0, 3840, "stats: 256");
    expect_stats(a, &(stats_want){2, 2, 4608, 3584, 4608, 3, 1, 3584, 3, 0, 0, 1, 1},
                 "page 0 full");
    free_ok(a, p, "stats: free 3840");
    free_ok(a, q, "stats: free 512");
    expect_stats(a, &(stats_want){2, 2, 256, 7936, 4608, 1, 2, 4096, 3, 2, 0, 1, 1},
                 "two frees");
    pa_destroy(a);
}

/* ---- locate ---------------------------------------------------------------- */

static void test_locate(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    pa_where w = {99, 99, 99};
    alloc_at(a, 64, 0, 0, "locate: a");
    char *b = alloc_at(a, 128, 0, 64, "locate: b");
    TAP_EQ(pa_locate(a, b, &w), PA_OK, "locate a live block");
    TAP_OK(w.page == 0 && w.offset == 64 && w.size == 128,
           "locate gives page 0 offset 64 size 128");
    TAP_EQ(pa_locate(a, b, NULL), PA_OK, "locate without a where");
    TAP_EQ(pa_locate(a, b + 8, &w), PA_EINTERIOR, "locate inside a block");
    TAP_EQ(pa_locate(a, b + 1, &w), PA_EINTERIOR, "locate a misaligned interior");
    TAP_EQ(pa_locate(a, b + 128, &w), PA_EUNKNOWN, "locate in free space");
    TAP_EQ(pa_locate(a, NULL, &w), PA_EUNKNOWN, "locate NULL");
    TAP_EQ(pa_locate(a, &w, &w), PA_EUNKNOWN, "locate outside the page");
    free_ok(a, b, "locate: free b");
    TAP_EQ(pa_locate(a, b, &w), PA_EDOUBLE, "locate a freed block");
    TAP_EQ(pa_locate(NULL, b, &w), PA_EINVAL, "locate in no arena");
    pa_destroy(a);

    a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    alloc_at(a, 4096, 0, 0, "locate: ealloc page 0");
    char *c = alloc_at(a, 768, 1, 0, "locate: ealloc page 1");
    char *d = alloc_at(a, 256, 1, 768, "locate: ealloc page 1 again");
    TAP_EQ(pa_locate(a, d, &w), PA_OK, "locate on page 1");
    TAP_OK(w.page == 1 && w.offset == 768 && w.size == 256,
           "locate gives page 1 offset 768 size 256");
    TAP_EQ(pa_locate(a, c + 256, &w), PA_EINTERIOR, "ealloc interior");
    void *none = &none;
    w.page = w.offset = w.size = 77;
    TAP_EQ(pa_alloc_where(a, 100, &none, &w), PA_ESIZE, "alloc_where of a bad size");
    TAP_OK(none == &none && w.page == 77 && w.offset == 77 && w.size == 77,
           "a failed alloc_where leaves the pointer and where alone");
    TAP_EQ(pa_alloc_where(a, 256, &none, NULL), PA_OK, "alloc_where without a where");
    TAP_EQ(pa_alloc_where(NULL, 256, &none, &w), PA_EINVAL, "alloc_where in no arena");
    TAP_EQ(pa_arena_last_searched(NULL), 0, "no arena has searched nothing");
    pa_destroy(a);

    /* A heap's where spans the header: the pointer is offset + header. */
    pa_config cfg;
    pa_config_init(&cfg, PA_KIND_HEAP);
    cfg.header = 8;
    TAP_EQ(pa_create(&cfg, &a), PA_OK, "a heap with 8-byte headers");
    char *h = NULL, *k = NULL;
    TAP_EQ(pa_alloc(a, 10, (void **)&h), PA_OK, "heap: a first block");
    TAP_EQ(pa_alloc_where(a, 20, (void **)&k, &w), PA_OK, "heap: alloc_where");
    TAP_OK(w.offset == 18 && w.size == 28 && h && k == h + 18 &&
               k == (char *)pa_arena_page_base(a, 0) + 18 + 8,
           "heap: where is offset 18 size 28, the pointer past the header");
    pa_destroy(a);
}

/* ---- names and settings ---------------------------------------------------- */

static void test_names(void)
{
    static const struct { pa_status st; const char *s; } st[] = {
        {PA_OK, "success"},
        {PA_ENOSPACE, "out of memory"},
        {PA_ESIZE, "invalid size"},
        {PA_EUNKNOWN, "unknown pointer"},
        {PA_EINTERIOR, "pointer inside a block"},
        {PA_EDOUBLE, "double free"},
        {PA_ENOMEM, "cannot allocate metadata"},
        {PA_EMAP, "cannot map a page"},
        {PA_EBUSY, "pages in use exceed the limit"},
        {PA_EINVAL, "invalid argument"},
        {PA_ECORRUPT, "inconsistent arena"},
    };
    for (size_t i = 0; i < sizeof st / sizeof st[0]; i++)
        TAP_OK(strcmp(pa_strerror(st[i].st), st[i].s) == 0,
               "pa_strerror(%d) is \"%s\"", (int)st[i].st, st[i].s);
    TAP_OK(strcmp(pa_strerror((pa_status)99), "unknown status") == 0,
           "pa_strerror of an unknown status");
    TAP_OK(strcmp(pa_kind_name(PA_KIND_ALLOC), "alloc") == 0, "kind alloc");
    TAP_OK(strcmp(pa_kind_name(PA_KIND_EALLOC), "ealloc") == 0, "kind ealloc");
    TAP_OK(strcmp(pa_kind_name((pa_kind)5), "?") == 0, "unknown kind is ?");
    static const char *const pol[] = {"first", "best", "worst", "next"};
    for (int p = PA_FIT_FIRST; p <= PA_FIT_NEXT; p++)
        TAP_OK(strcmp(pa_policy_name((pa_policy)p), pol[p]) == 0,
               "policy %d is \"%s\"", p, pol[p]);
    TAP_OK(strcmp(pa_policy_name((pa_policy)4), "?") == 0, "policy 4 is ?");
    TAP_OK(strcmp(pa_policy_name((pa_policy)-1), "?") == 0, "policy -1 is ?");
}

static void test_config(void)
{
    pa_config cfg;
    pa_config_init(&cfg, PA_KIND_ALLOC);
    TAP_OK(cfg.kind == PA_KIND_ALLOC && cfg.policy == PA_FIT_FIRST &&
               cfg.max_pages == 1 && cfg.sys == NULL,
           "alloc config defaults: first fit, 1 page, real calls");
    pa_config_init(&cfg, PA_KIND_EALLOC);
    TAP_OK(cfg.kind == PA_KIND_EALLOC && cfg.policy == PA_FIT_FIRST &&
               cfg.max_pages == 4 && cfg.sys == NULL,
           "ealloc config defaults: first fit, 4 pages, real calls");
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    TAP_EQ(pa_arena_kind(a), PA_KIND_ALLOC, "alloc arena kind");
    TAP_EQ(pa_arena_unit(a), 8, "alloc unit is 8");
    expect_pages(a, 1, "alloc at create");
    pa_destroy(a);
    a = make(PA_KIND_EALLOC, PA_FIT_WORST, 0);
    TAP_EQ(pa_arena_kind(a), PA_KIND_EALLOC, "ealloc arena kind");
    TAP_EQ(pa_arena_unit(a), 256, "ealloc unit is 256");
    TAP_EQ(pa_arena_policy(a), PA_FIT_WORST, "configured policy kept");
    pa_destroy(a);
}

/* ---- trace ----------------------------------------------------------------- */

typedef struct trace_log {
    char s[1024];
    size_t len;
} trace_log;

static void record(const pa_event *ev, void *ctx)
{
    static const char *const names[] = {
        "skip", "visit", "choose", "split", "exact", "map",
        "left", "right", "new", "resume", "wrap"};
    static const char *const verdicts[] = {"none", "small", "notbetter",
                                           "candidate", "chosen"};
    trace_log *t = ctx;
    size_t room = sizeof t->s - t->len;
    int known = (unsigned)ev->kind < sizeof names / sizeof names[0] &&
                (unsigned)ev->verdict < sizeof verdicts / sizeof verdicts[0];
    /* A "!" marks an event whose fits or verdict contradicts its kind. */
    int odd = !known || (ev->kind == PA_EV_VISIT
                             ? ev->verdict == PA_V_NONE ||
                                   ev->fits != (ev->verdict != PA_V_TOO_SMALL)
                             : ev->verdict != PA_V_NONE);
    int n = !known ? snprintf(t->s + t->len, room, "%s?%d:%d", t->len ? " " : "",
                              (int)ev->kind, (int)ev->verdict)
            : ev->kind == PA_EV_VISIT
                ? snprintf(t->s + t->len, room, "%s%s:%zu:%zu:%zu:%s%s",
                           t->len ? " " : "", names[ev->kind], ev->page,
                           ev->offset, ev->size, verdicts[ev->verdict],
                           odd ? "!" : "")
                : snprintf(t->s + t->len, room, "%s%s:%zu:%zu:%zu%s",
                           t->len ? " " : "", names[ev->kind], ev->page,
                           ev->offset, ev->size, odd ? "!" : "");
    t->len = n > 0 && (size_t)n < room ? t->len + (size_t)n : sizeof t->s - 1;
}

static void expect_trace(trace_log *t, const char *want, const char *what)
{
    int same = strcmp(t->s, want) == 0;
    TAP_OK(same, "trace of %s: \"%s\"", what, want);
    if (!same)
        printf("#   got \"%s\"\n", t->s);
    t->s[0] = '\0';
    t->len = 0;
}

/* Events as name:page:offset:size, visits with :verdict. */
static void test_trace_alloc_search(void)
{
    trace_log t = {"", 0};
    pa_arena *a = make(PA_KIND_EALLOC, PA_FIT_FIRST, 0);
    pa_set_trace(a, record, &t);
    /* An empty ealloc searches nothing and maps page 0. */
    alloc_at(a, 3840, 0, 0, "trace: page 0 head");
    expect_trace(&t, "map:0:0:4096 choose:0:0:4096 split:0:3840:256",
                 "the first ealloc");
    char *tail = alloc_at(a, 256, 0, 3840, "trace: page 0 tail");
    expect_trace(&t, "visit:0:3840:256:chosen choose:0:3840:256 exact:0:3840:256",
                 "an exact fit");
    alloc_at(a, 256, 1, 0, "trace: page 1 a");
    expect_trace(&t, "skip:0:0:0 map:1:0:4096 choose:1:0:4096 split:1:256:3840",
                 "a full page skipped and page 1 mapped");
    char *b = alloc_at(a, 256, 1, 256, "trace: page 1 b");
    alloc_at(a, 256, 1, 512, "trace: page 1 c");
    free_ok(a, tail, "trace: free page 0 tail");
    free_ok(a, b, "trace: free page 1 b");
    t.s[0] = '\0';
    t.len = 0;
    /* 512: page 0's largest is 256, skipped; on page 1, 256:256 is too
     * small, 768:3328 fits and splits, leaving 1280:2816. */
    alloc_at(a, 512, 1, 768, "trace: a skip, a visit too small, a split");
    expect_trace(&t, "skip:0:0:256 visit:1:256:256:small visit:1:768:3328:chosen "
                     "choose:1:768:3328 split:1:1280:2816",
                 "a first-fit search with a skip");
    pa_set_trace(a, NULL, NULL);
    alloc_at(a, 256, 0, 3840, "trace off");
    expect_trace(&t, "", "an alloc with the trace off");
    pa_destroy(a);
}

/* Free extents 256:256 768:512 1536:1024 2816:384 between blocks. */
static pa_arena *four_holes(pa_policy policy)
{
    static const size_t sizes[] = {256, 256, 256, 512, 256, 1024, 256, 384, 896};
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    char *b[9];
    size_t off = 0;
    for (size_t i = 0; i < 9; i++) {
        b[i] = alloc_at(a, sizes[i], 0, off, "verdicts: lay out blocks");
        off += sizes[i];
    }
    for (size_t i = 1; i < 9; i += 2)
        free_ok(a, b[i], "verdicts: free every other block");
    expect_layout(a, "[0] b0:256 f256:256 b512:256 f768:512 b1280:256 "
                     "f1536:1024 b2560:256 f2816:384 b3200:896",
                  "verdicts: four holes");
    TAP_EQ(pa_set_policy(a, policy), PA_OK, "verdicts: %s fit",
           pa_policy_name(policy));
    return a;
}

/* The policy's verdict on each visited extent, and where next fit wraps. */
static void test_trace_verdicts(void)
{
    trace_log t = {"", 0};
    pa_arena *a = four_holes(PA_FIT_FIRST);
    pa_set_trace(a, record, &t);
    alloc_at(a, 320, 0, 768, "verdicts: first fit");
    expect_trace(&t, "visit:0:256:256:small visit:0:768:512:chosen "
                     "choose:0:768:512 split:0:1088:192",
                 "first fit: too small, then the first that fits");
    pa_destroy(a);

    a = four_holes(PA_FIT_BEST);
    pa_set_trace(a, record, &t);
    void *p = alloc_at(a, 320, 0, 2816, "verdicts: best fit");
    expect_trace(&t, "visit:0:256:256:small visit:0:768:512:candidate "
                     "visit:0:1536:1024:notbetter visit:0:2816:384:candidate "
                     "choose:0:2816:384 split:0:3136:64",
                 "best fit: candidates, one no better, the last one chosen");
    free_ok(a, p, "verdicts: best fit, free it again");
    t.s[0] = '\0';
    t.len = 0;
    alloc_at(a, 512, 0, 768, "verdicts: best fit, exact");
    expect_trace(&t, "visit:0:256:256:small visit:0:768:512:candidate "
                     "visit:0:1536:1024:notbetter visit:0:2816:384:small "
                     "choose:0:768:512 exact:0:768:512",
                 "best fit: an exact fit, and the search goes on to the end");
    pa_destroy(a);

    a = four_holes(PA_FIT_WORST);
    pa_set_trace(a, record, &t);
    alloc_at(a, 320, 0, 1536, "verdicts: worst fit");
    expect_trace(&t, "visit:0:256:256:small visit:0:768:512:candidate "
                     "visit:0:1536:1024:candidate visit:0:2816:384:notbetter "
                     "choose:0:1536:1024 split:0:1856:704",
                 "worst fit: larger candidates, then one no better");
    pa_destroy(a);

    /* Next fit on one page: the cursor is the page's end, so the search
     * wraps to its start; no wrap when nothing past the end is looked at. */
    a = make(PA_KIND_ALLOC, PA_FIT_NEXT, 0);
    p = alloc_at(a, 2048, 0, 0, "verdicts: next fit, first half");
    alloc_at(a, 2048, 0, 2048, "verdicts: next fit, second half");
    free_ok(a, p, "verdicts: next fit, free the first half");
    pa_set_trace(a, record, &t);
    alloc_at(a, 8, 0, 0, "verdicts: next fit wraps on its page");
    expect_trace(&t, "resume:0:4096:0 wrap:0:0:0 visit:0:0:2048:chosen "
                     "choose:0:0:2048 split:0:8:2040",
                 "next fit: a wrap back to the start of page 0");
    alloc_fails(a, 4096, PA_ENOSPACE, "verdicts: next fit, no room");
    expect_trace(&t, "resume:0:8:0 visit:0:8:2040:small",
                 "next fit: the one extent, too small, and no wrap");
    pa_destroy(a);

    /* Across pages: page 1, where the search resumes, is full and
     * skipped; the wrap is reported before page 0 is looked at. */
    a = make(PA_KIND_EALLOC, PA_FIT_NEXT, 0);
    p = alloc_at(a, 4096, 0, 0, "verdicts: next fit ealloc, page 0 full");
    alloc_at(a, 2048, 1, 0, "verdicts: next fit ealloc, page 1 head");
    alloc_at(a, 2048, 1, 2048, "verdicts: next fit ealloc, page 1 tail");
    free_ok(a, p, "verdicts: next fit ealloc, free page 0");
    pa_set_trace(a, record, &t);
    alloc_at(a, 256, 0, 0, "verdicts: next fit ealloc wraps to page 0");
    expect_trace(&t, "resume:1:4096:0 skip:1:0:0 wrap:0:0:0 "
                     "visit:0:0:4096:chosen choose:0:0:4096 split:0:256:3840",
                 "next fit: skips the last page, then wraps to page 0");
    pa_destroy(a);
}

static void test_trace_merges(void)
{
    trace_log t = {"", 0};
    pa_arena *a = make(PA_KIND_ALLOC, PA_FIT_FIRST, 0);
    char *b[4];
    for (size_t i = 0; i < 4; i++)
        b[i] = alloc_at(a, 8, 0, i * 8, "trace: four blocks of 8");
    pa_set_trace(a, record, &t);
    /* Blocks 0:8 8:8 16:8 24:8, free 32:4064. */
    free_ok(a, b[0], "trace: free 0");
    expect_trace(&t, "new:0:0:8", "a free between a page start and a block");
    free_ok(a, b[1], "trace: free 8");
    expect_trace(&t, "left:0:0:8", "a merge left (16 still live)");
    free_ok(a, b[3], "trace: free 24");
    expect_trace(&t, "right:0:32:4064", "a merge right with the tail");
    free_ok(a, b[2], "trace: free 16");
    expect_trace(&t, "left:0:0:16 right:0:24:4072", "a merge on both sides");
    pa_destroy(a);
}

int main(void)
{
    test_split_and_exact_fit();
    test_full_page();
    test_no_fit();
    test_coalesce();
    test_no_coalesce_across_pages();
    for (size_t i = 0; i < sizeof policy_cases / sizeof policy_cases[0]; i++)
        test_policy(&policy_cases[i]);
    test_set_policy();
    test_ties_across_pages();
    test_scrambled_pages();
    test_next_fit_wrap();
    test_ealloc_growth();
    test_ealloc_limit();
    test_reset_alloc();
    test_reset_ealloc();
    test_metadata_off_page();
    test_walk();
    test_stats_alloc();
    test_stats_ealloc();
    test_locate();
    test_names();
    test_config();
    test_trace_alloc_search();
    test_trace_verdicts();
    test_trace_merges();
    return tap_done();
}
