/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* freelist.c - the free-list core shared by both kinds of arena.
 *
 * Each page keeps its free space as an address-ordered singly linked list
 * of (offset, size) extents.  Allocation carves from the start of the
 * extent the fit search chose; freeing inserts the range in address order
 * and merges it with the extent on either side, so no two extents ever
 * touch.  Nodes live in heap memory, never inside the page.
 */
#include "arena.h"

static void recompute_largest(pa_page *pg)
{
    size_t largest = 0;
    for (const pa_extent *e = pg->free_list; e; e = e->next)
        if (e->size > largest)
            largest = e->size;
    pg->largest = largest;
}

void pa_fl_take(pa_arena *a, pa_page *pg, pa_extent *prev, pa_extent *ext,
                size_t size)
{
    size_t was = ext->size;

    pa_ix_extent(a, pg, was, -1);
    if (was == size) {
        pa_emit(a, PA_EV_EXACT, pg->index, ext->offset, was, 1);
        if (prev)
            prev->next = ext->next;
        else
            pg->free_list = ext->next;
        pa_sys_release(a, ext);
        pg->extents--;
    } else {
        ext->offset += size;
        ext->size -= size;
        pa_ix_extent(a, pg, ext->size, 1);
        pa_emit(a, PA_EV_SPLIT, pg->index, ext->offset, ext->size, 1);
    }
    pg->free_bytes -= size;
    if (a->kind == PA_KIND_EALLOC)
        pa_ix_sync(a, pg); /* the largest from class counts, no walk */
    else if (was == pg->largest)
        recompute_largest(pg); /* one page of at most 512 extents */
}

/* The extents on either side of [offset, offset+size): *left ends at or
 * before offset, *right starts at or after its end. */
static void neighbours(const pa_page *pg, size_t offset, pa_extent **left,
                       pa_extent **right)
{
    pa_extent *l = NULL, *r = pg->free_list;
    while (r && r->offset < offset) {
        l = r;
        r = r->next;
    }
    *left = l;
    *right = r;
}

static int touches_left(const pa_extent *l, size_t offset)
{
    return l && l->offset + l->size == offset;
}

static int touches_right(const pa_extent *r, size_t offset, size_t size)
{
    return r && offset + size == r->offset;
}

/* Finds the neighbours once, for pa_fl_give to reuse: a free walks the
 * list a single time. */
int pa_fl_needs_node(const pa_page *pg, size_t offset, size_t size,
                     pa_gap *gap)
{
    neighbours(pg, offset, &gap->l, &gap->r);
    return !touches_left(gap->l, offset) && !touches_right(gap->r, offset, size);
}

void pa_fl_give(pa_arena *a, pa_page *pg, size_t offset, size_t size,
                const pa_gap *gap, pa_extent *spare)
{
    pa_extent *l = gap->l, *r = gap->r, *joined;
    int left = touches_left(l, offset), right = touches_right(r, offset, size);

    /* The index counts extents by size: the ones merged into the freed
     * range leave their class, the result joins its own below. */
    if (left)
        pa_ix_extent(a, pg, l->size, -1);
    if (right)
        pa_ix_extent(a, pg, r->size, -1);

    if (left)
        pa_emit(a, PA_EV_MERGE_LEFT, pg->index, l->offset, l->size, 1);
    if (right)
        pa_emit(a, PA_EV_MERGE_RIGHT, pg->index, r->offset, r->size, 1);

    if (left && right) {
        l->size += size + r->size;
        l->next = r->next;
        pa_sys_release(a, r);
        pg->extents--;
        joined = l;
    } else if (left) {
        l->size += size;
        joined = l;
    } else if (right) {
        r->offset = offset;
        r->size += size;
        joined = r;
    } else {
        spare->offset = offset;
        spare->size = size;
        spare->next = r;
        if (l)
            l->next = spare;
        else
            pg->free_list = spare;
        pg->extents++;
        joined = spare;
        spare = NULL;
        pa_emit(a, PA_EV_NEW_EXTENT, pg->index, offset, size, 1);
    }
    pa_sys_release(a, spare);
    pg->free_bytes += size;
    pa_ix_extent(a, pg, joined->size, 1);
    if (a->kind == PA_KIND_EALLOC)
        pa_ix_sync(a, pg);
    else if (joined->size > pg->largest)
        pg->largest = joined->size;
}

void pa_fl_reset(pa_page *pg, pa_extent *node)
{
    node->offset = 0;
    node->size = PA_PAGE_SIZE;
    node->next = NULL;
    pg->free_list = node;
    pg->extents = 1;
    pg->free_bytes = PA_PAGE_SIZE;
    pg->largest = PA_PAGE_SIZE;
}

void pa_fl_release_all(pa_arena *a, pa_page *pg)
{
    pa_extent *e = pg->free_list;
    while (e) {
        pa_extent *next = e->next;
        pa_sys_release(a, e);
        e = next;
    }
    pg->free_list = NULL;
    pg->extents = 0;
    pg->free_bytes = 0;
    pg->largest = 0;
}
