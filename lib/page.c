/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* page.c - mapping a page, its metadata tables, and finding a pointer's page. */
#include <string.h>

#include "arena.h"

pa_status pa_page_new(pa_arena *a, pa_page **out)
{
    size_t units = PA_PAGE_SIZE / a->unit;
    /* One heap block holds the descriptor and both unit tables. */
    size_t bytes = sizeof(pa_page) + units * (sizeof(uint16_t) + 1);
    pa_page *pg = pa_sys_alloc(a, bytes);
    pa_extent *node = pa_sys_alloc(a, sizeof *node);
    void *base = pg && node ? a->sys.map_page(PA_PAGE_SIZE, a->sys.ctx) : NULL;

    if (!base) {
        pa_sys_release(a, node);
        pa_sys_release(a, pg);
        return pg && node ? PA_EMAP : PA_ENOMEM;
    }
    memset(pg, 0, bytes);
    pg->base = base;
    pg->len = (uint16_t *)(pg + 1);
    pg->freed = (uint8_t *)(pg->len + units);
    pa_fl_reset(pg, node);
    *out = pg;
    return PA_OK;
}

void pa_page_delete(pa_arena *a, pa_page *pg)
{
    pa_fl_release_all(a, pg);
    a->sys.unmap_page(pg->base, PA_PAGE_SIZE, a->sys.ctx);
    pa_sys_release(a, pg);
}

static pa_status reserve(pa_arena *a)
{
    if (a->npages < a->cap)
        return PA_OK;
    size_t cap = a->cap ? a->cap * 2 : 4;
    pa_page **pages = pa_sys_alloc(a, cap * sizeof *pages);
    pa_page **by_addr = pa_sys_alloc(a, cap * sizeof *by_addr);
    if (!pages || !by_addr) {
        pa_sys_release(a, pages);
        pa_sys_release(a, by_addr);
        return PA_ENOMEM;
    }
    if (a->npages) {
        memcpy(pages, a->pages, a->npages * sizeof *pages);
        memcpy(by_addr, a->by_addr, a->npages * sizeof *by_addr);
    }
    pa_sys_release(a, a->pages);
    pa_sys_release(a, a->by_addr);
    a->pages = pages;
    a->by_addr = by_addr;
    a->cap = cap;
    return PA_OK;
}

pa_status pa_page_attach(pa_arena *a, pa_page *pg)
{
    pa_status st = reserve(a);
    if (st != PA_OK)
        return st;
    size_t i = a->npages;
    while (i > 0 && (uintptr_t)a->by_addr[i - 1]->base > (uintptr_t)pg->base) {
        a->by_addr[i] = a->by_addr[i - 1];
        i--;
    }
    a->by_addr[i] = pg;
    pg->index = a->npages;
    a->pages[a->npages++] = pg;
    if (a->npages > a->peak_pages)
        a->peak_pages = a->npages;
    return PA_OK;
}

pa_page *pa_page_of(const pa_arena *a, const void *ptr)
{
    /* Compare as integers: relational operators on pointers into
     * different objects are undefined. */
    uintptr_t p = (uintptr_t)ptr;
    size_t lo = 0, hi = a->npages;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uintptr_t base = (uintptr_t)a->by_addr[mid]->base;
        if (p < base)
            hi = mid;
        else if (p >= base + PA_PAGE_SIZE)
            lo = mid + 1;
        else
            return a->by_addr[mid];
    }
    return NULL;
}

/* Unmaps in reverse order, so that a hook keeping pages for reuse (see
 * ealloc.c) hands them back in their first order. */
void pa_page_detach_all(pa_arena *a)
{
    while (a->npages > 0)
        pa_page_delete(a, a->pages[--a->npages]);
}
