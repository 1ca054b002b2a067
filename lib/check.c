/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* check.c - the consistency check: every invariant the arena relies on. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"

static pa_status broken(char *msg, size_t len, const char *fmt, ...)
{
    if (msg && len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, len, fmt, ap);
        va_end(ap);
    }
    return PA_ECORRUPT;
}

/* Marks units [off, off+size) in cover; fails when one is already taken. */
static int cover_range(uint8_t *cover, size_t unit, size_t off, size_t size)
{
    for (size_t u = off / unit; u < (off + size) / unit; u++)
        if (cover[u]++)
            return 0;
    return 1;
}

static pa_status check_extents(const pa_arena *a, const pa_page *pg,
                               uint8_t *cover, char *msg, size_t len)
{
    size_t n = 0, sum = 0, largest = 0, end = 0, at = pg->index;
    uint8_t ncls[PA_CLASSES] = {0};
    for (const pa_extent *e = pg->free_list; e; e = e->next, n++) {
        if (e->size == 0 || e->offset % a->unit || e->size % a->unit)
            return broken(msg, len, "page %zu: extent at %zu is misaligned",
                          at, e->offset);
        if (e->offset + e->size > a->page_size || e->offset + e->size < e->offset)
            return broken(msg, len, "page %zu: extent at %zu runs past the page",
                          at, e->offset);
        if (n && a->order == PA_ORDER_ADDRESS &&
            (e->offset < end || (e->offset == end && a->kind != PA_KIND_HEAP)))
            return broken(msg, len, "page %zu: extent at %zu is %s", at,
                          e->offset, e->offset == end ? "not coalesced"
                                                      : "out of order");
        if (!cover_range(cover, a->unit, e->offset, e->size))
            return broken(msg, len, "page %zu: extent at %zu overlaps a block",
                          at, e->offset);
        end = e->offset + e->size;
        if (a->kind == PA_KIND_EALLOC)
            ncls[e->size / a->unit]++;
        sum += e->size;
        if (e->size > largest)
            largest = e->size;
    }
    if (n != pg->extents || sum != pg->free_bytes ||
        (a->kind == PA_KIND_EALLOC && (largest != pg->largest ||
                                       memcmp(ncls, pg->ncls, sizeof ncls) != 0)))
        return broken(msg, len, "page %zu: cached extent figures are stale",
                      at);
    if (a->kind == PA_KIND_EALLOC && !pa_ix_agrees(a, pg))
        return broken(msg, len, "page %zu: the search index is stale", at);
    return PA_OK;
}

static pa_status check_blocks(const pa_arena *a, const pa_page *pg,
                              uint8_t *cover, size_t *used, size_t *blocks,
                              char *msg, size_t len)
{
    size_t units = a->units, at = pg->index;
    const uint32_t *len_of = pa_pg_len(pg);
    for (size_t u = 0; u < units; u++) {
        if (!len_of[u])
            continue;
        size_t off = u * a->unit, size = (size_t)len_of[u] * a->unit;
        if (pa_pg_freed(pg, units)[u])
            return broken(msg, len, "page %zu: block at %zu is marked freed",
                          at, off);
        if (off + size > a->page_size || !cover_range(cover, a->unit, off, size))
            return broken(msg, len, "page %zu: block at %zu overlaps", at,
                          off);
        *used += size;
        (*blocks)++;
    }
    for (size_t u = 0; u < units; u++)
        if (cover[u] != 1)
            return broken(msg, len, "page %zu: unit at %zu is %s", at,
                          u * a->unit, cover[u] ? "claimed twice" : "lost");
    return PA_OK;
}

static size_t count_extents(const pa_arena *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->npages; i++)
        n += a->pages[i]->extents;
    return n;
}

static pa_status check_pages(const pa_arena *a, char *msg, size_t len)
{
    if (a->npages > a->max_pages)
        return broken(msg, len, "%zu pages mapped over a limit of %zu",
                      a->npages, a->max_pages);
    for (size_t i = 0; i < a->npages; i++) {
        if (a->pages[i]->index != i)
            return broken(msg, len, "page %zu records index %zu", i,
                          (size_t)a->pages[i]->index);
    }
    /* Every page is where a pointer lookup goes: that also tells two
     * pages sharing a base. */
    for (size_t i = 0; a->kind == PA_KIND_EALLOC && i < a->npages; i++)
        if (pa_ix_page_of(a, (uintptr_t)a->pages[i]->base) != a->pages[i])
            return broken(msg, len, "page %zu is not found at its address", i);
    return PA_OK;
}

pa_status pa_check(const pa_arena *a, char *msg, size_t len)
{
    size_t used = 0, blocks = 0;
    if (!a)
        return PA_EINVAL;
    pa_status st = check_pages(a, msg, len);
    /* One map of a page's units: on the stack for a 4096-byte page, in
     * heap memory for a heap of up to 1 MiB units. */
    size_t units = a->page_size / a->unit;
    uint8_t small[PA_PAGE_SIZE / PA_ALLOC_UNIT];
    uint8_t *cover = units <= sizeof small ? small : pa_sys_alloc(a, units);
    if (!cover)
        return PA_ENOMEM;
    for (size_t i = 0; st == PA_OK && i < a->npages; i++) {
        memset(cover, 0, units);
        st = check_extents(a, a->pages[i], cover, msg, len);
        if (st == PA_OK)
            st = check_blocks(a, a->pages[i], cover, &used, &blocks, msg, len);
    }
    if (cover != small)
        pa_sys_release(a, cover);
    if (st == PA_OK && (used != a->bytes_used || blocks != a->blocks))
        st = broken(msg, len, "block totals are stale (%zu bytes in %zu blocks)",
                    used, blocks);
    if (st == PA_OK && a->nextents != count_extents(a))
        st = broken(msg, len, "the count of free extents is stale");
    /* After the pages, so that a stale bit is first named with its page. */
    if (st == PA_OK && a->kind == PA_KIND_EALLOC && !pa_ix_classes_agree(a))
        st = broken(msg, len, "the search index's class summary is stale");
    if (st == PA_OK && msg && len)
        msg[0] = '\0';
    return st;
}
