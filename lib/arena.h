/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* arena.h - the arena's internal layout, shared by the files of lib/ only.
 *
 * The files of lib/ call one another in layers, each only downwards:
 *
 *   alloc.c ealloc.c  the assignment's API   -> seed.c (and pa_sys_default)
 *   seed.c            its calling convention -> arena.c's public functions
 *   arena.c           create, alloc, free    -> fit.c page.c freelist.c nodes.c sys.c
 *   fit.c             the fit policies       -> nothing
 *   page.c            a page and its tables  -> freelist.c sys.c
 *   freelist.c        a page's free list     -> nodes.c sys.c
 *   nodes.c           spare extent nodes     -> sys.c
 *   sys.c             the mmap/malloc hooks  -> nothing
 *   check.c walk.c names.c  read-only        -> nothing (check.c: the
 *                     index's pointer lookup and bitmaps, to verify them)
 *
 * Headers: arena.c check.c fit.c freelist.c nodes.c page.c sys.c walk.c include
 * this one; alloc.c ealloc.c seed.c include seed.h; names.c only
 * pagealloc.h, which both of the others include.  pa_emit is inline below
 * so that fit.c and freelist.c report trace events without calling back
 * up into arena.c. */
#ifndef PA_ARENA_H
#define PA_ARENA_H

#include "pagealloc.h"

/* One free extent: a node of the page's address-ordered free list. */
typedef struct pa_extent {
    size_t offset;
    size_t size;
    struct pa_extent *next;
} pa_extent;

/* ealloc extents come in 16 sizes (1..16 units of 256 bytes); class c is
 * an extent of c units, class 0 the "largest" of a full page. */
#define PA_CLASSES 17

/* One mapped page and its metadata, all in heap memory: the descriptor
 * is followed in the same block by its two unit tables (pa_pg_len,
 * pa_pg_freed), found from pg + 1 rather than stored as pointers.  The
 * counts are 32 bits: a page holds at most PA_HEAP_MAX_SIZE bytes, and a
 * 32-bit mapping index reaches 16 TiB of ealloc pages.  Every byte here
 * is paid once per ealloc page, so the order packs the 8-byte members
 * first. */
typedef struct pa_page {
    char *base;
    pa_extent *free_list;  /* ascending offset, never two adjacent */
    uint32_t index;        /* position in mapping order */
    uint32_t extents;
    uint32_t free_bytes;
    uint32_t largest;      /* ealloc: the largest extent, 0 when full */
    uint32_t clsmask;      /* ealloc: bit c set when ncls[c] is not 0 */
    /* ealloc only (index.c): extents per size class. */
    uint8_t ncls[PA_CLASSES];
} pa_page;

/* Indexed by unit: the length in units of the live block starting at
 * unit u (0 when none starts there), so that a free finds its block in
 * O(1); 32 bits, for a heap of up to 1 MiB in bytes. */
static inline uint32_t *pa_pg_len(const pa_page *pg)
{
    return (uint32_t *)(void *)(uintptr_t)(pg + 1);
}

/* Marks a unit where a freed block began, to tell a double free from a
 * pointer that was never handed out. */
static inline uint8_t *pa_pg_freed(const pa_page *pg, size_t units)
{
    return (uint8_t *)(pa_pg_len(pg) + units);
}

/* A bitmap over page indices with a summary level per 64 words, so that
 * the next set bit from any position is found in O(log64 n), and its
 * lowest set bit kept, so that the search from page 0 (first fit, and
 * best and worst fit's page) is no search at all. */
#define PA_BM_LEVELS 8
typedef struct pa_bitmap {
    uint64_t *lvl[PA_BM_LEVELS];
    size_t words[PA_BM_LEVELS];
    size_t nlev;
    size_t lowest;  /* PA_IX_NONE when no bit is set */
} pa_bitmap;

/* The search index of an ealloc arena (see index.c for why this shape). */
typedef struct pa_index {
    size_t cap;
    void *mem;                      /* one block holding all of the below */
    pa_bitmap has[PA_CLASSES];      /* pages holding an extent of class c */
    size_t pages_with[PA_CLASSES];  /* population of has[c] */
    uint32_t present;               /* bit c set when pages_with[c] is not 0 */
    struct pa_page **frames;        /* open addressing: 2 slots per page */
    size_t fmask;
} pa_index;

struct pa_arena {
    pa_kind kind;
    pa_policy policy;
    int held;           /* a default arena: pa_destroy() leaves it alone */
    size_t unit;
    size_t page_size;   /* 4096, or a heap's size */
    size_t units;       /* page_size / unit: the length of a page's tables */
    size_t max_pages;
    pa_sys sys;

    /* heap only: malloc.py's parameters (see pagealloc.h) */
    size_t align, header;
    pa_order order;
    int coalesce;

    pa_extent *spare;   /* nodes.c's stock, linked by next */
    size_t nspare;

    pa_page **pages;    /* mapping order */
    pa_index ix;
    size_t npages;
    size_t cap;
    size_t nextents;    /* free extents of all pages: what best and worst
                           fit visit */

    /* Next fit resumes at the end of the previous allocation. */
    size_t cursor_page;
    size_t cursor_off;

    pa_trace_fn trace;
    void *trace_ctx;

    size_t bytes_used;
    size_t peak_used;
    size_t blocks;
    size_t peak_pages;
    uint64_t allocs;
    uint64_t frees;
    uint64_t failures;
    uint64_t searched;
    uint64_t last_searched;
};

/* sys.c: the arena's hooks with the real calls filled in. */
void pa_sys_fill(pa_sys *dst, const pa_sys *src);
void *pa_sys_alloc(const pa_arena *a, size_t len);
void pa_sys_release(const pa_arena *a, void *mem);
/* Whether pages go back by munmap itself, which takes any range of them. */
int pa_sys_unmap_is_real(const pa_arena *a);

/* nodes.c: extent nodes, from a small stock before the heap. */
pa_extent *pa_node_get(pa_arena *a);
void pa_node_put(pa_arena *a, pa_extent *e);
void pa_node_drain(pa_arena *a);

/* page.c: mapping and unmapping one page with its tables. */
pa_status pa_page_new(pa_arena *a, pa_page **out);
void pa_page_delete(pa_arena *a, pa_page *pg);
pa_page *pa_page_of(const pa_arena *a, const void *ptr);
pa_status pa_page_attach(pa_arena *a, pa_page *pg);
void pa_page_detach_all(pa_arena *a);

/* index.c: where the fit search looks instead of walking every page. */
/* An index with no memory yet, as a new arena has: no page holds anything. */
void pa_ix_init(pa_index *ix);
size_t pa_ix_bytes(size_t cap);
void pa_ix_rebuild(pa_arena *a, void *mem, size_t cap);
void pa_ix_count(pa_arena *a, pa_page *pg, size_t size, int delta);
void pa_ix_largest(pa_page *pg);
/* Whether the index's bitmaps and pg's class mask hold pg as its class
 * counts say, and whether each class's total, lowest page and bit in the
 * arena's mask agree with its bitmap (pa_check). */
int pa_ix_agrees(const pa_arena *a, const pa_page *pg);
int pa_ix_classes_agree(const pa_arena *a);
void pa_ix_clear(pa_arena *a);
size_t pa_ix_next(const pa_arena *a, size_t k, size_t pos);
size_t pa_ix_first_of(const pa_arena *a, size_t c);
size_t pa_ix_top(const pa_arena *a);
size_t pa_ix_lowest(const pa_arena *a, size_t k);
void pa_ix_add_page(pa_arena *a, pa_page *pg);
pa_page *pa_ix_page_of(const pa_arena *a, uintptr_t p);
#define PA_IX_NONE ((size_t)-1)

/* freelist.c: the free-list core, one page at a time. */
void pa_fl_take(pa_arena *a, pa_page *pg, pa_extent *prev, pa_extent *ext,
                size_t size);
typedef struct pa_gap {
    pa_extent *l, *r; /* the extents either side of a range being freed */
} pa_gap;
int pa_fl_needs_node(const pa_arena *a, const pa_page *pg, size_t offset,
                     size_t size, pa_gap *gap);
void pa_fl_give(pa_arena *a, pa_page *pg, size_t offset, size_t size,
                const pa_gap *gap, pa_extent *spare);
void pa_fl_reset(pa_arena *a, pa_page *pg, pa_extent *node);
/* Puts a heap's list back in address order, for a switch to that order. */
void pa_fl_sort_by_address(pa_page *pg);
void pa_fl_release_all(pa_arena *a, pa_page *pg);

/* fit.c: the search for an extent under the arena's policy. */
typedef struct pa_fit {
    pa_page *page;
    pa_extent *prev; /* the node before ext, NULL at the head */
    pa_extent *ext;
} pa_fit;
int pa_fit_find(pa_arena *a, size_t size, pa_fit *fit);

/* The size of pg's largest extent.  Only ealloc's search needs it on
 * every operation, and keeps it from its class counts; the one-page kinds
 * would rewalk their list (up to 512 extents) whenever an alloc carved
 * the largest, so they work it out here, when a figure asks. */
static inline size_t pa_pg_largest(const pa_arena *a, const pa_page *pg)
{
    size_t largest = 0;
    if (a->kind == PA_KIND_EALLOC)
        return pg->largest;
    for (const pa_extent *e = pg->free_list; e; e = e->next)
        if (e->size > largest)
            largest = e->size;
    return largest;
}

/* The index is ealloc's alone; the kind is tested here, inline, because
 * the one-page kinds would otherwise pay a call that does nothing several
 * times per alloc/free pair. */
static inline void pa_ix_extent(pa_arena *a, pa_page *pg, size_t size,
                                int delta)
{
    if (a->kind == PA_KIND_EALLOC)
        pa_ix_count(a, pg, size, delta);
}

static inline void pa_ix_sync(const pa_arena *a, pa_page *pg)
{
    if (a->kind == PA_KIND_EALLOC)
        pa_ix_largest(pg);
}

/* Report an event to the arena's trace hook, when one is set. */
static inline void pa_emit(const pa_arena *a, pa_event_kind kind, size_t page,
                           size_t offset, size_t size, int fits)
{
    if (a->trace) {
        pa_event ev = {kind, page, offset, size, fits, PA_V_NONE};
        a->trace(&ev, a->trace_ctx);
    }
}

/* Report a visited extent with the policy's verdict on it. */
static inline void pa_emit_visit(const pa_arena *a, size_t page,
                                 const pa_extent *e, pa_verdict verdict)
{
    if (a->trace) {
        pa_event ev = {PA_EV_VISIT, page, e->offset, e->size,
                       verdict != PA_V_TOO_SMALL, verdict};
        a->trace(&ev, a->trace_ctx);
    }
}

#endif /* PA_ARENA_H */
