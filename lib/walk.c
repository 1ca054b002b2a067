/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* walk.c - visiting the layout in address order, and the summary figures. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The free extents of a page in address order: the list itself, or for a
 * heap kept in another order a sorted copy (NULL when none could be had:
 * then extent_at searches the list). */
typedef struct in_order {
    const pa_extent *next;     /* address-ordered list */
    const pa_extent **sorted;  /* or this array, at i of n */
    size_t i, n;
    int search;                /* or neither: search the list each time */
    const pa_page *pg;
} in_order;

static int by_offset(const void *x, const void *y)
{
    const pa_extent *a = *(const pa_extent *const *)x;
    const pa_extent *b = *(const pa_extent *const *)y;
    return (a->offset > b->offset) - (a->offset < b->offset);
}

static void order_open(const pa_arena *a, const pa_page *pg, in_order *io)
{
    memset(io, 0, sizeof *io);
    io->pg = pg;
    if (a->order == PA_ORDER_ADDRESS) {
        io->next = pg->free_list;
        return;
    }
    io->sorted = pa_sys_alloc(a, (pg->extents + 1) * sizeof *io->sorted);
    if (!io->sorted) {
        io->search = 1;
        return;
    }
    for (const pa_extent *e = pg->free_list; e; e = e->next)
        io->sorted[io->n++] = e;
    qsort(io->sorted, io->n, sizeof *io->sorted, by_offset);
}

/* The extent starting at off, if any, taken from the front of the order. */
static const pa_extent *extent_at(in_order *io, size_t off)
{
    const pa_extent *e = NULL;
    if (io->search) {
        for (e = io->pg->free_list; e && e->offset != off; e = e->next)
            ;
    } else if (io->sorted) {
        if (io->i < io->n && io->sorted[io->i]->offset == off)
            e = io->sorted[io->i++];
    } else if (io->next && io->next->offset == off) {
        e = io->next;
        io->next = e->next;
    }
    return e;
}

/* Visits one page's blocks and extents in ascending offset.  A hole that
 * is neither (only possible in a corrupted arena) ends the page early;
 * pa_check reports it. */
static int walk_page(const pa_arena *a, const pa_page *pg, pa_walk_fn fn,
                     void *ctx)
{
    pa_item it = {PA_ITEM_PAGE, pg->index, 0, a->page_size, pg->base};
    int stop = fn(&it, ctx);
    const pa_extent *e;
    size_t off = 0;
    in_order io;

    order_open(a, pg, &io);
    while (!stop && off < a->page_size) {
        it.offset = off;
        it.addr = pg->base + off;
        if ((e = extent_at(&io, off)) != NULL) {
            it.kind = PA_ITEM_FREE;
            it.size = e->size;
        } else if (pa_pg_len(pg)[off / a->unit]) {
            it.kind = PA_ITEM_BLOCK;
            it.size = (size_t)pa_pg_len(pg)[off / a->unit] * a->unit;
        } else {
            break;
        }
        off += it.size;
        stop = fn(&it, ctx);
    }
    pa_sys_release(a, io.sorted);
    return stop;
}

int pa_walk(const pa_arena *a, pa_walk_fn fn, void *ctx)
{
    int stop = 0;
    for (size_t i = 0; a && fn && !stop && i < a->npages; i++)
        stop = walk_page(a, a->pages[i], fn, ctx);
    return stop;
}

int pa_walk_free_list(const pa_arena *a, pa_walk_fn fn, void *ctx)
{
    int stop = 0;
    for (size_t i = 0; a && fn && !stop && i < a->npages; i++) {
        const pa_page *pg = a->pages[i];
        for (const pa_extent *e = pg->free_list; e && !stop; e = e->next) {
            pa_item it = {PA_ITEM_FREE, pg->index, e->offset, e->size,
                          pg->base + e->offset};
            stop = fn(&it, ctx);
        }
    }
    return stop;
}

void pa_get_stats(const pa_arena *a, pa_stats *st)
{
    memset(st, 0, sizeof *st);
    if (!a)
        return;
    /* O(1) whatever the pages: front ends ask after every command. */
    st->bytes_free = a->npages * a->page_size - a->bytes_used;
    st->extents = a->nextents;
    if (a->kind == PA_KIND_EALLOC)
        st->largest = pa_ix_top(a) * a->unit;
    else if (a->npages)
        st->largest = pa_pg_largest(a, a->pages[0]);
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
