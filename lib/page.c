/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* page.c - mapping a page, its metadata tables, and finding a pointer's page. */
#include <stdint.h>
#include <string.h>

#include "arena.h"

/* A heap of any size is mapped as whole pages. */
static size_t mapped_bytes(const pa_arena *a)
{
    return (a->page_size + PA_PAGE_SIZE - 1) / PA_PAGE_SIZE * PA_PAGE_SIZE;
}

pa_status pa_page_new(pa_arena *a, pa_page **out)
{
    /* One heap block holds the descriptor and both unit tables. */
    size_t bytes = sizeof(pa_page) + a->units * (sizeof(uint32_t) + 1);
    pa_page *pg = pa_sys_alloc(a, bytes);
    pa_extent *node = pa_sys_alloc(a, sizeof *node);
    void *base = pg && node ? a->sys.map_page(mapped_bytes(a), a->sys.ctx) : NULL;

    if (!base) {
        pa_sys_release(a, node);
        pa_sys_release(a, pg);
        return pg && node ? PA_EMAP : PA_ENOMEM;
    }
    memset(pg, 0, bytes);
    pg->base = base;
    pa_fl_reset(a, pg, node);
    *out = pg;
    return PA_OK;
}

void pa_page_delete(pa_arena *a, pa_page *pg)
{
    pa_fl_release_all(a, pg);
    a->sys.unmap_page(pg->base, mapped_bytes(a), a->sys.ctx);
    pa_sys_release(a, pg);
}

/* Grows the page table and the index together: two heap blocks, as the
 * page table and its address-sorted copy once took (unit-errors counts
 * the calls). */
static pa_status reserve(pa_arena *a)
{
    if (a->npages < a->cap)
        return PA_OK;
    size_t cap = a->cap ? a->cap * 2 : 4;
    pa_page **pages = pa_sys_alloc(a, cap * sizeof *pages);
    void *ix = pa_sys_alloc(a, pa_ix_bytes(cap));
    if (!pages || !ix) {
        pa_sys_release(a, pages);
        pa_sys_release(a, ix);
        return PA_ENOMEM;
    }
    if (a->npages)
        memcpy(pages, a->pages, a->npages * sizeof *pages);
    pa_sys_release(a, a->pages);
    pa_sys_release(a, a->ix.mem);
    a->pages = pages;
    a->cap = cap;
    pa_ix_rebuild(a, ix, cap);
    return PA_OK;
}

pa_status pa_page_attach(pa_arena *a, pa_page *pg)
{
    pa_status st = reserve(a);
    if (st != PA_OK)
        return st;
    pg->index = (uint32_t)a->npages;
    a->pages[a->npages++] = pg;
    pa_ix_add_page(a, pg);
    pa_ix_extent(a, pg, a->page_size, 1);
    pa_ix_sync(a, pg);
    if (a->npages > a->peak_pages)
        a->peak_pages = a->npages;
    return PA_OK;
}

pa_page *pa_page_of(const pa_arena *a, const void *ptr)
{
    /* alloc and heap have one page, of any size for a heap. */
    if (a->kind != PA_KIND_EALLOC) {
        uintptr_t p = (uintptr_t)ptr, b;
        if (a->npages == 0)
            return NULL;
        b = (uintptr_t)a->pages[0]->base;
        return p >= b && p - b < a->page_size ? a->pages[0] : NULL;
    }
    /* By the frame hash (index.c), in O(1) expected; it compares as
     * integers, since relational operators on pointers into different
     * objects are undefined. */
    return pa_ix_page_of(a, (uintptr_t)ptr);
}

/* A run of adjacent mapped pages, unmapped in one call when it ends. */
typedef struct run {
    uintptr_t start, end;
} run;

static void run_flush(pa_arena *a, const run *r)
{
    if (r->end != r->start)
        a->sys.unmap_page((void *)r->start, r->end - r->start, a->sys.ctx);
}

/* Adds the page at base to the run when it touches either end, else
 * unmaps the run and starts another with it. */
static void run_add(pa_arena *a, run *r, uintptr_t base, size_t len)
{
    if (r->end != r->start && base == r->end) {
        r->end += len;
    } else if (r->end != r->start && base + len == r->start) {
        r->start = base;
    } else {
        run_flush(a, r);
        r->start = base;
        r->end = base + len;
    }
}

/* Unmaps in reverse order, so that a hook keeping pages for reuse (see
 * ealloc.c) hands them back in their first order.  With the real munmap,
 * adjacent pages go in one call: the kernel keeps neighbouring anonymous
 * mappings as one area, and unmapping needle.rep's 5,500 pages one by one
 * split that area 5,500 times, a sixth of the whole replay. */
void pa_page_detach_all(pa_arena *a)
{
    size_t len = mapped_bytes(a);
    run r = {0, 0};
    int batch = pa_sys_unmap_is_real(a);
    while (a->npages > 0) {
        pa_page *pg = a->pages[--a->npages];
        if (!batch) {
            pa_page_delete(a, pg);
            continue;
        }
        run_add(a, &r, (uintptr_t)pg->base, len);
        pa_fl_release_all(a, pg);
        pa_sys_release(a, pg);
    }
    run_flush(a, &r);
    pa_ix_clear(a);
}
