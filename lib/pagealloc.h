/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* pagealloc.h - the instance API of libpagealloc.
 *
 * An arena is one allocator of kind alloc (one 4096-byte page, 8-byte
 * units) or ealloc (pages mapped on demand, 256-byte units).  The
 * assignment's functions in alloc.h and ealloc.h are thin wrappers over one
 * default arena of each kind; this header offers what they cannot: error
 * codes, several independent arenas, fit policies, a walk over the layout,
 * statistics and a consistency check.
 *
 * Every piece of metadata lives in heap memory obtained through the
 * arena's pa_sys hooks; the mapped pages hold nothing but user data.
 * No function prints, reads the environment or exits the process.
 *
 * Threads.  The library takes no locks.
 *  - One arena: never from two threads at once.  Every function taking a
 *    pa_arena reads or changes it (the queries read what pa_alloc and
 *    pa_free change), so the caller serialises all calls on one arena.
 *  - Different arenas from pa_create() may be used from different threads
 *    at the same time, as long as their pa_sys hooks may be called so (the
 *    real ones, mmap and malloc, may; a hook sharing a ctx between arenas
 *    must lock).  A trace hook runs on the thread that called pa_alloc or
 *    pa_free.
 *  - Any thread, any time: the functions that take no arena and touch no
 *    global state, pa_config_init, pa_sys_default, pa_strerror,
 *    pa_kind_name, pa_policy_name, pa_kind_from_name, pa_policy_from_name.
 *  - Process-wide state: init_alloc, cleanup_alloc, alloc_mem, dealloc_mem
 *    and pa_default_alloc share the default alloc arena; einit_alloc,
 *    ecleanup_alloc, ealloc_mem, edealloc_mem, pa_default_ealloc and
 *    ealloc_set_max_pages share the default ealloc arena, its page limit
 *    and the pages ecleanup_alloc keeps for reuse.  Within each group, one
 *    thread at a time (and that includes using the arena pa_default_*
 *    returns); the two groups are independent of each other and of every
 *    arena from pa_create().  The errno they set is the calling thread's.
 */
#ifndef PAGEALLOC_H
#define PAGEALLOC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PA_PAGE_SIZE 4096u
#define PA_ALLOC_UNIT 8u
#define PA_EALLOC_UNIT 256u
#define PA_EALLOC_DEFAULT_MAX_PAGES 4u
#define PA_HEAP_DEFAULT_SIZE 100u    /* malloc.py's default heap */
#define PA_HEAP_MAX_SIZE (1u << 20)

typedef struct pa_arena pa_arena;

typedef enum { PA_KIND_ALLOC, PA_KIND_EALLOC, PA_KIND_HEAP } pa_kind;

/* Which free extent an allocation takes, searching the free list in its
 * order.  In address order (alloc and ealloc always) ties go to the
 * lowest page (in mapping order), then to the lowest offset; in any order
 * to the extent met first.  Best and worst fit look at the whole list
 * ("searched" counts every extent, as malloc.py does); first and next fit
 * stop at the first that fits. */
typedef enum {
    PA_FIT_FIRST, /* the first extent that is large enough */
    PA_FIT_BEST,  /* the smallest extent that is large enough */
    PA_FIT_WORST, /* the largest extent */
    PA_FIT_NEXT   /* first fit, resuming where the previous one ended
                     (address order only) */
} pa_policy;

/* The order a heap arena keeps its free list in (malloc.py's -l); alloc
 * and ealloc keep address order.  A free puts the block into the list and
 * then, for the two size orders, sorts the whole list stably, as
 * malloc.py does: an allocation shrinks the extent it splits in place,
 * so the list can be out of size order until the next free. */
typedef enum {
    PA_ORDER_ADDRESS,   /* ascending address (ADDRSORT) */
    PA_ORDER_SIZE_UP,   /* ascending size (SIZESORT+) */
    PA_ORDER_SIZE_DOWN, /* descending size (SIZESORT-) */
    PA_ORDER_FRONT,     /* a freed block goes first (INSERT-FRONT) */
    PA_ORDER_BACK       /* a freed block goes last (INSERT-BACK) */
} pa_order;

typedef enum {
    PA_OK = 0,
    PA_ENOSPACE,  /* no free extent is large enough and no page may be mapped */
    PA_ESIZE,     /* size is 0, not a multiple of the unit, or over a page */
    PA_EUNKNOWN,  /* the pointer was never returned by this arena */
    PA_EINTERIOR, /* the pointer lies inside a live block, not at its start */
    PA_EDOUBLE,   /* the block at the pointer was already freed */
    PA_ENOMEM,    /* heap memory for metadata could not be had */
    PA_EMAP,      /* mmap() refused a page */
    PA_EBUSY,     /* the page limit would fall below the pages in use */
    PA_EINVAL,    /* an argument is out of range (NULL arena, bad enum) */
    PA_ECORRUPT   /* pa_check found a broken invariant */
} pa_status;

/* The system calls an arena makes, replaceable so that tests can make the
 * n-th one fail.  A NULL pa_sys, or a NULL member, means the real one. */
typedef struct pa_sys {
    void *(*map_page)(size_t len, void *ctx);    /* NULL on failure */
    void (*unmap_page)(void *page, size_t len, void *ctx);
    void *(*alloc)(size_t len, void *ctx);       /* NULL on failure */
    void (*release)(void *mem, void *ctx);
    void *ctx;
} pa_sys;

/* The real calls (mmap, munmap, malloc, free), for hooks that wrap them. */
const pa_sys *pa_sys_default(void);

typedef struct pa_config {
    pa_kind kind;
    pa_policy policy;
    size_t max_pages;   /* ealloc only; alloc and heap always have one */
    const pa_sys *sys;  /* NULL: mmap() and malloc() */
    /* heap only; pa_config_init sets malloc.py's defaults */
    size_t heap_size;   /* bytes, 1..PA_HEAP_MAX_SIZE (default 100) */
    size_t align;       /* sizes round up to a multiple; 0: none (default) */
    size_t header;      /* bytes each block carries before its data (0) */
    pa_order order;     /* of the free list (address) */
    int coalesce;       /* a free merges list neighbours that touch (0) */
} pa_config;

/* What pa_trace reports while an allocation searches and a free merges,
 * so that a front end can explain each decision. */
typedef enum {
    PA_EV_SKIP_PAGE,  /* page's largest extent is too small; not searched */
    PA_EV_VISIT,      /* an extent was looked at; verdict says what the policy made of it */
    PA_EV_CHOOSE,     /* the extent the policy picked */
    PA_EV_SPLIT,      /* the chosen extent keeps a remainder of size bytes at offset */
    PA_EV_EXACT,      /* the chosen extent was used up whole */
    PA_EV_MAP_PAGE,   /* a new page was mapped for the request */
    PA_EV_MERGE_LEFT, /* the freed block joined the extent before it */
    PA_EV_MERGE_RIGHT,/* the freed block joined the extent after it */
    PA_EV_NEW_EXTENT, /* the freed block became an extent of its own */
    PA_EV_RESUME,     /* next fit starts here: page, offset */
    PA_EV_WRAP        /* next fit went past the last page and goes on from
                         page 0; reported before the first page or extent
                         it looks at there (page, offset, size are 0) */
} pa_event_kind;

/* What the policy decided about a visited extent (PA_EV_VISIT). */
typedef enum {
    PA_V_NONE,        /* not a visit */
    PA_V_TOO_SMALL,   /* smaller than the request */
    PA_V_NOT_BETTER,  /* large enough, but passed over: best fit has a
                         smaller one already, worst fit will find a larger */
    PA_V_CANDIDATE,   /* best fit: the smallest so far, the search goes on */
    PA_V_CHOSEN       /* taken, and the search stops (first and next fit:
                         the first that fits; best fit: an exact fit; worst
                         fit: the largest there is).  A best-fit search
                         without an exact fit ends by taking its last
                         candidate, as PA_EV_CHOOSE says. */
} pa_verdict;

typedef struct pa_event {
    pa_event_kind kind;
    size_t page;     /* page index in mapping order */
    size_t offset;   /* of the extent concerned */
    size_t size;     /* of the extent concerned */
    int fits;        /* PA_EV_VISIT: the extent can hold the request */
    pa_verdict verdict; /* PA_EV_VISIT: the policy's decision; else PA_V_NONE */
} pa_event;

typedef void (*pa_trace_fn)(const pa_event *ev, void *ctx);

/* Life cycle */
void pa_config_init(pa_config *cfg, pa_kind kind);
pa_status pa_create(const pa_config *cfg, pa_arena **out);
void pa_destroy(pa_arena *a);
/* Drop every block; alloc keeps its page, ealloc unmaps all of its pages.
 * Counters and peaks start again.  Fails only with PA_ENOMEM, when a full
 * alloc page needs a fresh extent node; the arena is then unchanged. */
pa_status pa_reset(pa_arena *a);

/* Allocation.  alloc and ealloc: size must be > 0, a multiple of the
 * unit and <= 4096.  heap: size > 0; it rounds up to the alignment and
 * gains the header (pa_block_size), which must fit the heap; the pointer
 * returned is the block's start plus the header. */
pa_status pa_alloc(pa_arena *a, size_t size, void **out);
/* Freeing NULL does nothing and returns PA_OK, as free(3) does. */
pa_status pa_free(pa_arena *a, void *ptr);

/* Settings */
pa_status pa_set_policy(pa_arena *a, pa_policy policy);
pa_status pa_set_max_pages(pa_arena *a, size_t max_pages);
/* heap only (alloc and ealloc accept only address order and coalescing
 * on).  A new order applies from the next free, which sorts the list;
 * next fit needs address order (PA_EINVAL otherwise, either way round). */
pa_status pa_set_order(pa_arena *a, pa_order order);
pa_status pa_set_coalesce(pa_arena *a, int on);
void pa_set_trace(pa_arena *a, pa_trace_fn fn, void *ctx);

/* Queries: the arena must not be NULL. */
pa_kind pa_arena_kind(const pa_arena *a);
pa_policy pa_arena_policy(const pa_arena *a);
size_t pa_arena_unit(const pa_arena *a);
size_t pa_arena_max_pages(const pa_arena *a);
size_t pa_arena_page_count(const pa_arena *a);
/* Bytes in each page: 4096, or the heap's size. */
size_t pa_arena_page_size(const pa_arena *a);
size_t pa_arena_align(const pa_arena *a);   /* 0: none */
size_t pa_arena_header(const pa_arena *a);
pa_order pa_arena_order(const pa_arena *a);
int pa_arena_coalesce(const pa_arena *a);
/* The base address of page index (mapping order), or NULL. */
void *pa_arena_page_base(const pa_arena *a, size_t index);

/* Where a live block lies, its header included (ptr is offset + header).
 * Any of the out pointers may be NULL. */
typedef struct pa_where {
    size_t page;    /* index in mapping order */
    size_t offset;  /* bytes from the page start */
    size_t size;    /* bytes */
} pa_where;
pa_status pa_locate(const pa_arena *a, const void *ptr, pa_where *where);
/* pa_alloc, also saying where the block went (as pa_locate then would),
 * so that a caller that shows it needs no second lookup; where may be
 * NULL, and is left alone when the allocation fails. */
pa_status pa_alloc_where(pa_arena *a, size_t size, void **out, pa_where *where);
/* The extents the latest search visited, as pa_stats's last_searched,
 * without gathering the rest of the figures. */
uint64_t pa_arena_last_searched(const pa_arena *a);

/* A walk visits each page in mapping order, and inside it every block and
 * free extent in ascending offset.  Return non-zero from fn to stop. */
typedef enum { PA_ITEM_PAGE, PA_ITEM_BLOCK, PA_ITEM_FREE } pa_item_kind;
typedef struct pa_item {
    pa_item_kind kind;
    size_t page;
    size_t offset;  /* 0 for PA_ITEM_PAGE */
    size_t size;    /* page size for PA_ITEM_PAGE */
    void *addr;     /* the real address of offset */
} pa_item;
typedef int (*pa_walk_fn)(const pa_item *item, void *ctx);
int pa_walk(const pa_arena *a, pa_walk_fn fn, void *ctx);
/* Visits the free extents (PA_ITEM_FREE) in the order of the free list
 * the fit search follows, page by page: what malloc.py prints as "Free
 * List".  For alloc and ealloc that is address order. */
int pa_walk_free_list(const pa_arena *a, pa_walk_fn fn, void *ctx);

typedef struct pa_stats {
    size_t pages;          /* mapped now */
    size_t peak_pages;
    size_t bytes_used;     /* in live blocks */
    size_t bytes_free;     /* in free extents of mapped pages */
    size_t peak_used;
    size_t blocks;
    size_t extents;        /* free extents */
    size_t largest;        /* largest free extent */
    uint64_t allocs;       /* successful allocations */
    uint64_t frees;        /* successful frees */
    uint64_t failures;     /* failed pa_alloc and pa_free calls */
    uint64_t searched;     /* extents visited by all searches */
    uint64_t last_searched;/* extents visited by the latest search */
} pa_stats;
void pa_get_stats(const pa_arena *a, pa_stats *st);

/* Checks every invariant: extents sorted, non-overlapping, coalesced and
 * inside their page; every unit in exactly one block or extent; cached
 * figures and ealloc's search index match.  On failure writes the first
 * broken invariant into msg. */
pa_status pa_check(const pa_arena *a, char *msg, size_t msglen);

/* Names, for messages and front ends */
const char *pa_strerror(pa_status st);
const char *pa_kind_name(pa_kind kind);
const char *pa_policy_name(pa_policy policy);
/* "address", "size-up", "size-down", "front", "back" */
const char *pa_order_name(pa_order order);
/* The inverse of the two above: PA_OK with *out set when name is one of
 * the names they return, PA_EINVAL otherwise (out untouched). */
pa_status pa_kind_from_name(const char *name, pa_kind *out);
pa_status pa_policy_from_name(const char *name, pa_policy *out);
/* Also takes malloc.py's spellings: ADDRSORT, SIZESORT+, SIZESORT-,
 * INSERT-FRONT, INSERT-BACK. */
pa_status pa_order_from_name(const char *name, pa_order *out);
/* Whether pa_alloc() takes size on this arena: positive, a multiple of
 * the unit, at most a page.  Front ends check it to refuse a size before
 * it touches any counter. */
int pa_size_ok(const pa_arena *a, size_t size);
/* The bytes a request of size takes from the free list: size itself for
 * alloc and ealloc; for heap, rounded up to the alignment plus the header.
 * 0 when the arena is NULL or the sum overflows. */
size_t pa_block_size(const pa_arena *a, size_t size);

/* The default arenas behind alloc.h and ealloc.h: NULL while not
 * initialised.  Lets a program inspect what the assignment's API did. */
pa_arena *pa_default_alloc(void);
pa_arena *pa_default_ealloc(void);
/* The page limit the next einit_alloc() uses (default 4); it also applies
 * at once to an initialised default ealloc.  PA_EINVAL for 0, PA_EBUSY
 * below the pages in use: then nothing changes, for now or the next init. */
pa_status ealloc_set_max_pages(size_t max_pages);

#ifdef __cplusplus
}
#endif
#endif /* PAGEALLOC_H */
