/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_errors.c - everything that must fail, and fail cleanly: invalid
 * sizes, every kind of invalid free, invalid arguments, and fault
 * injection through pa_config.sys at every alloc/map_page call of create,
 * alloc, free and reset.  After each failure the arena must pass pa_check,
 * keep its layout, leak nothing and serve the next operation. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"
#include "ealloc.h"
#include "pagealloc.h"
#include "arena_tap.h"
#include "tap.h"

/* ---- helpers ------------------------------------------------------------ */

static pa_arena *make(pa_kind kind, const pa_sys *sys, size_t max_pages)
{
    pa_config cfg;
    pa_arena *a = NULL;
    pa_config_init(&cfg, kind);
    cfg.sys = sys;
    if (max_pages)
        cfg.max_pages = max_pages;
    TAP_EQ(pa_create(&cfg, &a), PA_OK, "create a %s arena", pa_kind_name(kind));
    check(a, "create");
    return a;
}

static char *alloc_ok(pa_arena *a, size_t size, const char *what)
{
    void *p = NULL;
    TAP_EQ(pa_alloc(a, size, &p), PA_OK, "%s: alloc %zu succeeds", what, size);
    check(a, what);
    return p;
}

static void free_ok(pa_arena *a, void *p, const char *what)
{
    TAP_EQ(pa_free(a, p), PA_OK, "%s: free succeeds", what);
    check(a, what);
}

static uint64_t failures(const pa_arena *a)
{
    pa_stats st;
    pa_get_stats(a, &st);
    return st.failures;
}

/* ---- invalid sizes -------------------------------------------------------- */

/* A bad size fails with PA_ESIZE, counts as a failure, changes nothing. */
static void bad_size(pa_arena *a, size_t size, const char *why)
{
    char before[LAYOUT_MAX];
    void *p = &p;
    uint64_t f = failures(a);
    layout(a, before, sizeof before);
    TAP_EQ(pa_alloc(a, size, &p), PA_ESIZE, "%s alloc of %zu (%s) is PA_ESIZE",
           pa_kind_name(pa_arena_kind(a)), size, why);
    TAP_OK(p == &p, "the refused size %zu leaves the out pointer alone", size);
    TAP_EQ(failures(a), f + 1, "the refused size %zu counts as a failure", size);
    expect_layout(a, before, "a refused size");
    check(a, "a refused size");
}

static void test_invalid_sizes(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, NULL, 0);
    alloc_ok(a, 64, "something live during the size tests");
    bad_size(a, 0, "zero");
    bad_size(a, 1, "not a multiple of 8");
    bad_size(a, 7, "not a multiple of 8");
    bad_size(a, 12, "not a multiple of 8");
    bad_size(a, 4095, "not a multiple of 8");
    bad_size(a, 4097, "over a page");
    bad_size(a, 4104, "a multiple of 8 over a page");
    bad_size(a, 8192, "two pages");
    bad_size(a, SIZE_MAX, "SIZE_MAX");
    bad_size(a, (size_t)-8, "a negative int seen as size_t");
    alloc_ok(a, 8, "the smallest size after the refusals");
    pa_destroy(a);

    a = make(PA_KIND_EALLOC, NULL, 0);
    bad_size(a, 0, "zero");
    bad_size(a, 8, "an alloc unit, not an ealloc one");
    bad_size(a, 255, "not a multiple of 256");
    bad_size(a, 257, "not a multiple of 256");
    bad_size(a, 4097, "over a page");
    bad_size(a, 4352, "a multiple of 256 over a page");
    bad_size(a, (size_t)-256, "a negative int seen as size_t");
    TAP_EQ(pa_arena_page_count(a), 0, "refused sizes map no page");
    alloc_ok(a, 4096, "a whole page is a valid ealloc size");
    pa_destroy(a);
}

/* ---- invalid frees -------------------------------------------------------- */

/* A bad free fails with want, and pa_locate agrees; nothing changes. */
static void bad_free(pa_arena *a, void *p, pa_status want, const char *what)
{
    char before[LAYOUT_MAX];
    uint64_t f = failures(a);
    layout(a, before, sizeof before);
    TAP_EQ(pa_free(a, p), want, "%s free of %s is %s",
           pa_kind_name(pa_arena_kind(a)), what, pa_strerror(want));
    TAP_EQ(pa_locate(a, p, NULL), want, "pa_locate of %s says %s too", what,
           pa_strerror(want));
    TAP_EQ(failures(a), f + 1, "the free of %s counts as a failure", what);
    expect_layout(a, before, what);
    check(a, what);
}

/* An address as an integer: a pointer just outside a page is not one we
 * may form by pointer arithmetic. */
static void *addr(const void *base, intptr_t delta)
{
    return (void *)((uintptr_t)base + (uintptr_t)delta);
}

static void test_invalid_frees_alloc(void)
{
    pa_arena *a = make(PA_KIND_ALLOC, NULL, 0);
    pa_arena *other = make(PA_KIND_ALLOC, NULL, 0);
    char *base = pa_arena_page_base(a, 0), local = 0;
    char *p = alloc_ok(a, 64, "a block at 0");
    char *q = alloc_ok(a, 32, "a block at 64");
    char *elsewhere = alloc_ok(other, 64, "a block of another arena");
    /* Layout: b0:64 b64:32 f96:4000. */
    bad_free(a, &local, PA_EUNKNOWN, "a stack address");
    bad_free(a, addr(base, -8), PA_EUNKNOWN, "the unit before the page");
    bad_free(a, addr(base, PA_PAGE_SIZE), PA_EUNKNOWN, "the byte after the page");
    bad_free(a, elsewhere, PA_EUNKNOWN, "a block of another arena");
    bad_free(a, base + 96, PA_EUNKNOWN, "free space never handed out");
    bad_free(a, base + 4088, PA_EUNKNOWN, "the last unit, never handed out");
    bad_free(a, p + 8, PA_EINTERIOR, "an aligned pointer inside a block");
    bad_free(a, q + 24, PA_EINTERIOR, "the last unit of a block");
    bad_free(a, p + 1, PA_EINTERIOR, "a misaligned pointer inside a block");
    bad_free(a, q + 31, PA_EINTERIOR, "the last byte of a block");
    bad_free(a, base + 99, PA_EUNKNOWN, "a misaligned pointer in free space");
    free_ok(a, p, "free the block at 0");
    bad_free(a, p, PA_EDOUBLE, "a block freed twice");
    bad_free(a, p + 3, PA_EUNKNOWN, "a misaligned pointer in a freed block");
    bad_free(a, p + 8, PA_EUNKNOWN, "inside a freed block, never handed out");
    /* 16 bytes now reuse offset 0: the pointer is live again. */
    char *r = alloc_ok(a, 16, "reuse offset 0");
    TAP_OK(r == p, "the reused block starts where the freed one did");
    free_ok(a, r, "free the reused block");
    bad_free(a, r, PA_EDOUBLE, "the reused block freed twice");
    /* A block covering an old freed start: its interior wins. */
    char *big = alloc_ok(a, 64, "a block over offset 0 again");
    char *s = alloc_ok(a, 8, "a block at 96");
    free_ok(a, s, "free the block at 96");
    free_ok(a, q, "free the block at 64");
    char *cover = alloc_ok(a, 128, "a block over 64 and 96");
    bad_free(a, s, PA_EINTERIOR, "an old freed start inside a live block");
    free_ok(a, cover, "free the covering block");
    bad_free(a, s, PA_EDOUBLE, "the old freed start after its cover is freed");
    free_ok(a, big, "free the block at 0");
    uint64_t f = failures(a);
    TAP_EQ(pa_free(a, NULL), PA_OK, "free of NULL is PA_OK");
    TAP_EQ(failures(a), f, "free of NULL is not a failure");
    check(a, "free of NULL");
    expect_layout(a, "[0] f0:4096", "after the bad frees");
    pa_destroy(other);
    pa_destroy(a);
}

static void test_invalid_frees_ealloc(void)
{
    pa_arena *a = make(PA_KIND_EALLOC, NULL, 0);
    bad_free(a, &a, PA_EUNKNOWN, "any pointer while no page is mapped");
    char *p = alloc_ok(a, 512, "page 0 block");
    char *q = alloc_ok(a, 4096, "page 1 block");
    char *base0 = pa_arena_page_base(a, 0);
    bad_free(a, p + 256, PA_EINTERIOR, "the second unit of a block");
    bad_free(a, p + 8, PA_EINTERIOR, "an alloc-aligned pointer in a block");
    bad_free(a, q + 4095, PA_EINTERIOR, "the last byte of page 1");
    bad_free(a, base0 + 1024, PA_EUNKNOWN, "free space of page 0");
    bad_free(a, base0 + 1025, PA_EUNKNOWN, "misaligned free space");
    pa_arena *other = make(PA_KIND_EALLOC, NULL, 0);
    char *elsewhere = alloc_ok(other, 256, "a block of another ealloc arena");
    bad_free(a, elsewhere, PA_EUNKNOWN, "a block of another ealloc arena");
    pa_destroy(other);
    free_ok(a, q, "free page 1's block");
    bad_free(a, q, PA_EDOUBLE, "page 1's block freed twice");
    TAP_EQ(pa_free(a, NULL), PA_OK, "ealloc free of NULL is PA_OK");
    free_ok(a, p, "free page 0's block");
    pa_destroy(a);
}

/* ---- invalid arguments ---------------------------------------------------- */

/* Queries on no arena, and pa_destroy() on the assignment's default
 * arenas, which must stay usable through alloc.h and ealloc.h. */
static void test_null_queries_and_defaults(void)
{
    TAP_EQ(pa_arena_unit(NULL), 0, "unit of no arena is 0");
    TAP_EQ(pa_arena_page_count(NULL), 0, "page count of no arena is 0");
    TAP_EQ(pa_arena_max_pages(NULL), 0, "page limit of no arena is 0");
    TAP_OK(pa_arena_page_base(NULL, 0) == NULL, "page base of no arena is NULL");
    TAP_EQ(init_alloc(), 0, "init_alloc");
    pa_destroy(pa_default_alloc());
    TAP_OK(pa_default_alloc() != NULL, "pa_destroy leaves the default alloc arena");
    char *p = alloc_mem(64);
    TAP_OK(p != NULL && pa_locate(pa_default_alloc(), p, NULL) == PA_OK,
           "alloc_mem works after pa_destroy(pa_default_alloc())");
    TAP_EQ(cleanup_alloc(), 0, "cleanup_alloc still ends it");
    TAP_EQ(einit_alloc(), 0, "einit_alloc");
    pa_destroy(pa_default_ealloc());
    TAP_OK(ealloc_mem(256) != NULL, "ealloc_mem works after pa_destroy(pa_default_ealloc())");
    TAP_EQ(ecleanup_alloc(), 0, "ecleanup_alloc still ends it");
}

static void test_invalid_arguments(void)
{
    static char sentinel;
    pa_config cfg;
    pa_arena *a = (pa_arena *)(void *)&sentinel;
    void *p = NULL;

    TAP_EQ(pa_create(NULL, &a), PA_EINVAL, "create without a config");
    pa_config_init(&cfg, PA_KIND_ALLOC);
    TAP_EQ(pa_create(&cfg, NULL), PA_EINVAL, "create without an out pointer");
    cfg.kind = (pa_kind)3;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "create of an unknown kind");
    pa_config_init(&cfg, PA_KIND_ALLOC);
    cfg.policy = (pa_policy)4;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "create with an unknown policy");
    pa_config_init(&cfg, PA_KIND_ALLOC);
    cfg.max_pages = 2;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "create alloc with 2 pages");
    pa_config_init(&cfg, PA_KIND_EALLOC);
    cfg.max_pages = 0;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "create ealloc with 0 pages");
    TAP_OK(a == (pa_arena *)(void *)&sentinel,
           "a refused create leaves the out pointer alone");

    TAP_EQ(pa_alloc(NULL, 8, &p), PA_EINVAL, "alloc in no arena");
    TAP_EQ(pa_free(NULL, &p), PA_EINVAL, "free in no arena");
    TAP_EQ(pa_reset(NULL), PA_EINVAL, "reset of no arena");
    TAP_EQ(pa_check(NULL, NULL, 0), PA_EINVAL, "check of no arena");
    TAP_EQ(pa_set_policy(NULL, PA_FIT_BEST), PA_EINVAL, "policy of no arena");
    TAP_EQ(pa_set_max_pages(NULL, 4), PA_EINVAL, "limit of no arena");
    pa_stats st;
    memset(&st, 0xFF, sizeof st);
    pa_get_stats(NULL, &st);
    TAP_OK(st.pages == 0 && st.allocs == 0 && st.bytes_used == 0,
           "stats of no arena are all zero");
    TAP_OK(!pa_size_ok(NULL, 8), "no arena takes any size");
    /* They return nothing to check: getting past them is the test. */
    pa_set_trace(NULL, NULL, NULL);
    pa_destroy(NULL);

    a = make(PA_KIND_ALLOC, NULL, 0);
    TAP_EQ(pa_alloc(a, 8, NULL), PA_EINVAL, "alloc without an out pointer");
    TAP_EQ(failures(a), 0, "an argument error is not an allocation failure");
    TAP_EQ(pa_set_policy(a, (pa_policy)4), PA_EINVAL, "set an unknown policy");
    TAP_EQ(pa_set_policy(a, (pa_policy)-1), PA_EINVAL, "set policy -1");
    TAP_EQ(pa_arena_policy(a), PA_FIT_FIRST, "the policy stays first");
    TAP_EQ(pa_set_max_pages(a, 0), PA_EINVAL, "alloc limit 0");
    TAP_OK(pa_arena_page_base(a, 1) == NULL, "alloc has no page 1");
    TAP_EQ(pa_check(a, NULL, 0), PA_OK, "check without a message buffer");
    char msg[8] = "junk";
    TAP_EQ(pa_check(a, msg, sizeof msg), PA_OK, "check with a message buffer");
    TAP_OK(msg[0] == '\0', "a passing check leaves an empty message");
    check(a, "argument errors");
    pa_destroy(a);
}

/* ---- fault injection ------------------------------------------------------ */

/* A pa_sys that fails its n-th alloc or map_page call and counts what is
 * live, so that a leak or a stray mapping shows as a count that is off. */
typedef struct fault {
    unsigned long calls;   /* alloc and map_page calls so far */
    unsigned long fail_at; /* the call that fails; 0 for none */
    int failed_map;        /* the failed call was map_page */
    long live_allocs;
    long live_pages;
} fault;

static void *f_alloc(size_t len, void *ctx)
{
    fault *f = ctx;
    if (++f->calls == f->fail_at) {
        f->failed_map = 0;
        return NULL;
    }
    void *p = malloc(len);
    f->live_allocs += p != NULL;
    return p;
}

static void f_release(void *mem, void *ctx)
{
    fault *f = ctx;
    f->live_allocs--;
    free(mem);
}

static void *f_map(size_t len, void *ctx)
{
    fault *f = ctx;
    if (++f->calls == f->fail_at) {
        f->failed_map = 1;
        return NULL;
    }
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    f->live_pages++;
    return p;
}

static void f_unmap(void *page, size_t len, void *ctx)
{
    fault *f = ctx;
    f->live_pages--;
    munmap(page, len);
}

static pa_status expected(const fault *f)
{
    return f->failed_map ? PA_EMAP : PA_ENOMEM;
}

static void test_fault_create(pa_kind kind, unsigned long want_calls)
{
    const char *name = pa_kind_name(kind);
    for (unsigned long n = 1;; n++) {
        fault f = {0, n, 0, 0, 0};
        pa_sys sys = {f_map, f_unmap, f_alloc, f_release, &f};
        pa_config cfg;
        pa_arena *a = NULL;
        pa_config_init(&cfg, kind);
        cfg.sys = &sys;
        pa_status st = pa_create(&cfg, &a);
        if (f.calls < n) {
            TAP_EQ(st, PA_OK, "create %s succeeds when none of its %lu calls "
                   "fail", name, f.calls);
            TAP_EQ(f.calls, want_calls, "create %s makes %lu calls", name,
                   want_calls);
            check(a, "create");
            pa_destroy(a);
            TAP_OK(f.live_allocs == 0 && f.live_pages == 0,
                   "create %s then destroy leaks nothing", name);
            return;
        }
        TAP_EQ(st, expected(&f), "create %s with call %lu failing is %s", name,
               n, pa_strerror(expected(&f)));
        TAP_OK(a == NULL, "create %s failing at call %lu gives no arena", name, n);
        TAP_EQ(f.live_allocs, 0, "create %s failing at call %lu leaks no "
               "heap block", name, n);
        TAP_EQ(f.live_pages, 0, "create %s failing at call %lu leaves no page "
               "mapped", name, n);
        f.fail_at = 0;
        TAP_EQ(pa_create(&cfg, &a), PA_OK, "the next create %s works", name);
        check(a, "the next create");
        pa_destroy(a);
        TAP_OK(f.live_allocs == 0 && f.live_pages == 0,
               "the next create %s then destroy leaks nothing", name);
    }
}

/* An operation on an arena brought to a known state by prepare. */
typedef struct scenario {
    const char *name;
    pa_kind kind;
    size_t max_pages;
    void (*prepare)(pa_arena *a);
    pa_status (*op)(pa_arena *a);
    unsigned long want_calls; /* alloc and map_page calls op makes */
    int counted;              /* a failure shows in the failures figure */
} scenario;

static void *target; /* the block a free scenario frees */

/* Faults every call of the scenario's operation in turn, on a fresh arena
 * each time: the failure is reported, leaves the arena as it was, and the
 * same operation then succeeds. */
static void run_faults(const scenario *sc)
{
    for (unsigned long n = 1;; n++) {
        fault f = {0, 0, 0, 0, 0};
        pa_sys sys = {f_map, f_unmap, f_alloc, f_release, &f};
        char before[LAYOUT_MAX];
        pa_arena *a = make(sc->kind, &sys, sc->max_pages);
        sc->prepare(a);
        layout(a, before, sizeof before);
        long allocs = f.live_allocs, pages = f.live_pages;
        unsigned long start = f.calls;
        uint64_t failed = failures(a);
        size_t npages = pa_arena_page_count(a);
        f.fail_at = start + n;
        pa_status st = sc->op(a);
        if (f.calls < f.fail_at) {
            TAP_EQ(st, PA_OK, "%s succeeds when none of its calls fail", sc->name);
            TAP_EQ(f.calls - start, sc->want_calls, "%s makes %lu calls",
                   sc->name, sc->want_calls);
            check(a, sc->name);
            pa_destroy(a);
            TAP_OK(f.live_allocs == 0 && f.live_pages == 0,
                   "%s then destroy leaks nothing", sc->name);
            return;
        }
        TAP_EQ(st, expected(&f), "%s with call %lu failing is %s", sc->name, n,
               pa_strerror(expected(&f)));
        check(a, sc->name);
        TAP_EQ(failures(a), failed + (uint64_t)sc->counted,
               "%s failing at call %lu %s", sc->name, n,
               sc->counted ? "counts as a failure" : "is not an alloc failure");
        expect_layout(a, before, "a failed operation");
        TAP_EQ(pa_arena_page_count(a), npages, "%s failing at call %lu maps no page",
               sc->name, n);
        TAP_EQ(f.live_allocs, allocs, "%s failing at call %lu leaks no heap "
               "block", sc->name, n);
        TAP_EQ(f.live_pages, pages, "%s failing at call %lu leaves no page "
               "mapped", sc->name, n);
        f.fail_at = 0;
        TAP_EQ(sc->op(a), PA_OK, "after call %lu failed, the next %s works", n,
               sc->name);
        check(a, "the retried operation");
        pa_destroy(a);
        TAP_OK(f.live_allocs == 0 && f.live_pages == 0,
               "%s: destroy after the retry leaks nothing", sc->name);
    }
}

static void nothing(pa_arena *a) { (void)a; }

static pa_status op_alloc_256(pa_arena *a)
{
    void *p;
    return pa_alloc(a, 256, &p);
}

static pa_status op_alloc_4096(pa_arena *a)
{
    void *p;
    return pa_alloc(a, 4096, &p);
}

static pa_status op_free_target(pa_arena *a) { return pa_free(a, target); }
static pa_status op_reset(pa_arena *a) { return pa_reset(a); }

static void one_full_page(pa_arena *a)
{
    alloc_ok(a, 4096, "prepare: a full page");
}

static void four_full_pages(pa_arena *a)
{
    for (int i = 0; i < 4; i++)
        alloc_ok(a, 4096, "prepare: four full pages");
}

/* Three blocks; freeing the middle one touches no extent and needs a node. */
static void isolated_block(pa_arena *a, size_t unit)
{
    alloc_ok(a, unit, "prepare: left block");
    target = alloc_ok(a, unit, "prepare: middle block");
    alloc_ok(a, unit, "prepare: right block");
}

static void isolated_alloc_block(pa_arena *a) { isolated_block(a, 8); }
static void isolated_ealloc_block(pa_arena *a) { isolated_block(a, 256); }

/* A block whose free merges with the tail extent: no node is needed. */
static void merging_block(pa_arena *a)
{
    target = alloc_ok(a, 8, "prepare: a block");
}

static void several_blocks(pa_arena *a)
{
    isolated_block(a, 8);
    free_ok(a, target, "prepare: two extents");
}

static const scenario scenarios[] = {
    /* The first ealloc page: descriptor, extent node, the mapping, then
     * the two page arrays (capacity 4). */
    {"ealloc mapping its first page", PA_KIND_EALLOC, 0, nothing,
     op_alloc_256, 5, 1},
    /* A second page: the arrays still have room. */
    {"ealloc mapping a second page", PA_KIND_EALLOC, 0, one_full_page,
     op_alloc_4096, 3, 1},
    /* A fifth page under a limit of 8: the arrays grow to 8. */
    {"ealloc mapping a fifth page", PA_KIND_EALLOC, 8, four_full_pages,
     op_alloc_256, 5, 1},
    /* An alloc arena carves from existing extents: no call at all. */
    {"alloc in an alloc page", PA_KIND_ALLOC, 0, several_blocks, op_alloc_256,
     0, 1},
    {"alloc free needing a new extent node", PA_KIND_ALLOC, 0,
     isolated_alloc_block, op_free_target, 1, 1},
    {"ealloc free needing a new extent node", PA_KIND_EALLOC, 0,
     isolated_ealloc_block, op_free_target, 1, 1},
    {"free merging into an extent", PA_KIND_ALLOC, 0, merging_block,
     op_free_target, 0, 1},
    /* A full alloc page has no extent node left to reuse. */
    {"reset of a full alloc page", PA_KIND_ALLOC, 0, one_full_page, op_reset,
     1, 0},
    {"reset of an alloc page with extents", PA_KIND_ALLOC, 0, several_blocks,
     op_reset, 0, 0},
    {"reset of an ealloc arena", PA_KIND_EALLOC, 0, four_full_pages, op_reset,
     0, 0},
};

/* A pa_sys with only some members set uses the real calls for the rest. */
static void test_partial_sys(void)
{
    fault f = {0, 0, 0, 0, 0};
    pa_sys sys = {NULL, NULL, f_alloc, f_release, &f};
    pa_arena *a = make(PA_KIND_EALLOC, &sys, 0);
    alloc_ok(a, 256, "real mmap behind a partial pa_sys");
    TAP_EQ(pa_arena_page_count(a), 1, "the page came from the real mmap");
    TAP_OK(f.live_allocs > 0, "the metadata came from the hook");
    pa_destroy(a);
    TAP_EQ(f.live_allocs, 0, "destroy gave every block back to the hook");
}

int main(void)
{
    test_invalid_sizes();
    test_invalid_frees_alloc();
    test_invalid_frees_ealloc();
    test_invalid_arguments();
    test_null_queries_and_defaults();
    /* alloc: the arena, page descriptor, extent node, mapping, two arrays;
     * ealloc: the arena only. */
    test_fault_create(PA_KIND_ALLOC, 6);
    test_fault_create(PA_KIND_EALLOC, 1);
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        run_faults(&scenarios[i]);
    test_partial_sys();
    return tap_done();
}
