/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* walk.c - visiting the layout in address order, and the summary figures. */
#include <string.h>

#include "arena.h"

/* Visits one page's blocks and extents in ascending offset.  A hole that
 * is neither (only possible in a corrupted arena) ends the page early;
 * pa_check reports it. */
static int walk_page(const pa_arena *a, const pa_page *pg, pa_walk_fn fn,
                     void *ctx)
{
    pa_item it = {PA_ITEM_PAGE, pg->index, 0, PA_PAGE_SIZE, pg->base};
    int stop = fn(&it, ctx);
    const pa_extent *e = pg->free_list;
    size_t off = 0;

    while (!stop && off < PA_PAGE_SIZE) {
        it.offset = off;
        it.addr = pg->base + off;
        if (e && e->offset == off) {
            it.kind = PA_ITEM_FREE;
            it.size = e->size;
            e = e->next;
        } else if (pg->len[off / a->unit]) {
            it.kind = PA_ITEM_BLOCK;
            it.size = (size_t)pg->len[off / a->unit] * a->unit;
        } else {
            break;
        }
        off += it.size;
        stop = fn(&it, ctx);
    }
    return stop;
}

int pa_walk(const pa_arena *a, pa_walk_fn fn, void *ctx)
{
    int stop = 0;
    for (size_t i = 0; a && fn && !stop && i < a->npages; i++)
        stop = walk_page(a, a->pages[i], fn, ctx);
    return stop;
}

void pa_get_stats(const pa_arena *a, pa_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!a)
        return;
    for (size_t i = 0; i < a->npages; i++) {
        const pa_page *pg = a->pages[i];
        st->bytes_free += pg->free_bytes;
        st->extents += pg->extents;
        if (pg->largest > st->largest)
            st->largest = pg->largest;
    }
    st->pages = a->npages;
    st->peak_pages = a->peak_pages;
    st->bytes_used = a->bytes_used;
    st->peak_used = a->peak_used;
    st->blocks = a->blocks;
    st->allocs = a->allocs;
    st->frees = a->frees;
    st->failures = a->failures;
    st->searched = a->searched;
    st->last_searched = a->last_searched;
}
