/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* freelist.c - the free-list core shared by both kinds of arena.
 *
 * Each page keeps its free space as an address-ordered singly linked list
 * of (offset, size) extents.  Allocation carves from the start of the
 * extent the fit search chose; freeing inserts the range in address order
 * and merges it with the extent on either side, so no two extents ever
 * touch.  Nodes live in heap memory, never inside the page.
 *
 * A heap arena keeps malloc.py's list instead (listed_give below): the
 * freed range goes in where the list's order puts it, a size order is
 * restored by a stable sort of the whole list, and coalescing, when on,
 * is one pass merging list neighbours that touch.  In address order with
 * coalescing on that is exactly the merge above, but a heap may have had
 * coalescing off before, and then the pass also joins what it left.
 */
#include "arena.h"

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
        pa_node_put(a, ext);
        pg->extents--;
        a->nextents--;
    } else {
        ext->offset += size;
        ext->size -= size;
        pa_ix_extent(a, pg, ext->size, 1);
        pa_emit(a, PA_EV_SPLIT, pg->index, ext->offset, ext->size, 1);
    }
    pg->free_bytes -= size;
    pa_ix_sync(a, pg); /* ealloc's largest from class counts, no walk */
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
 * list a single time.  A heap always takes a node (listed_give). */
int pa_fl_needs_node(const pa_arena *a, const pa_page *pg, size_t offset,
                     size_t size, pa_gap *gap)
{
    if (a->kind == PA_KIND_HEAP)
        return 1;
    neighbours(pg, offset, &gap->l, &gap->r);
    return !touches_left(gap->l, offset) && !touches_right(gap->r, offset, size);
}

/* The stable merge sort of a list by size, ascending or descending:
 * equal sizes keep their order, as Python's sorted() does either way. */
/* How a list is sorted: by size up or down (stable), or by offset. */
enum { BY_SIZE_UP, BY_SIZE_DOWN, BY_OFFSET };

static pa_extent *merge_by_size(pa_extent *x, pa_extent *y, int down)
{
    pa_extent head = {0, 0, NULL}, *t = &head;
    while (x && y) {
        int take_x = down == BY_OFFSET     ? x->offset <= y->offset
                     : down == BY_SIZE_DOWN ? x->size >= y->size
                                            : x->size <= y->size;
        pa_extent **from = take_x ? &x : &y;
        t->next = *from;
        t = *from;
        *from = (*from)->next;
    }
    t->next = x ? x : y;
    return head.next;
}

static pa_extent *sort_by_size(pa_extent *list, size_t n, int down)
{
    if (n < 2)
        return list;
    pa_extent *mid = list;
    for (size_t i = 1; i < n / 2; i++)
        mid = mid->next;
    pa_extent *rest = mid->next;
    mid->next = NULL;
    return merge_by_size(sort_by_size(list, n / 2, down),
                         sort_by_size(rest, n - n / 2, down), down);
}

/* Puts node into pg's list where the heap's order says. */
static void listed_insert(const pa_arena *a, pa_page *pg, pa_extent *node)
{
    pa_extent **link = &pg->free_list;
    if (a->order == PA_ORDER_ADDRESS)
        while (*link && (*link)->offset < node->offset)
            link = &(*link)->next;
    else if (a->order != PA_ORDER_FRONT)
        while (*link)
            link = &(*link)->next;
    node->next = *link;
    *link = node;
    if (a->order == PA_ORDER_SIZE_UP || a->order == PA_ORDER_SIZE_DOWN)
        pg->free_list = sort_by_size(pg->free_list, pg->extents + 1,
                                     a->order == PA_ORDER_SIZE_DOWN);
}

/* One pass joining each extent with the list neighbour after it that
 * starts where it ends; reports the joins the freed range took part in. */
static void coalesce_pass(pa_arena *a, pa_page *pg, const pa_extent *freed)
{
    pa_extent *c = pg->free_list;
    while (c && c->next) {
        pa_extent *n = c->next;
        if (n->offset != c->offset + c->size) {
            c = n;
            continue;
        }
        if (n == freed)
            pa_emit(a, PA_EV_MERGE_LEFT, pg->index, c->offset, c->size, 1);
        else if (c == freed)
            pa_emit(a, PA_EV_MERGE_RIGHT, pg->index, n->offset, n->size, 1);
        if (n == freed)
            freed = c;
        c->size += n->size;
        c->next = n->next;
        pa_node_put(a, n);
        pg->extents--;
        a->nextents--;
    }
}

static void listed_give(pa_arena *a, pa_page *pg, size_t offset, size_t size,
                        pa_extent *node)
{
    node->offset = offset;
    node->size = size;
    listed_insert(a, pg, node);
    pg->extents++;
    a->nextents++;
    pg->free_bytes += size;
    pa_emit(a, PA_EV_NEW_EXTENT, pg->index, offset, size, 1);
    if (a->coalesce)
        coalesce_pass(a, pg, node);
}

void pa_fl_give(pa_arena *a, pa_page *pg, size_t offset, size_t size,
                const pa_gap *gap, pa_extent *spare)
{
    if (a->kind == PA_KIND_HEAP) {
        listed_give(a, pg, offset, size, spare);
        return;
    }
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
        pa_node_put(a, r);
        pg->extents--;
        a->nextents--;
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
        a->nextents++;
        joined = spare;
        spare = NULL;
        pa_emit(a, PA_EV_NEW_EXTENT, pg->index, offset, size, 1);
    }
    pa_node_put(a, spare);
    pg->free_bytes += size;
    pa_ix_extent(a, pg, joined->size, 1);
    pa_ix_sync(a, pg);
}

void pa_fl_sort_by_address(pa_page *pg)
{
    pg->free_list = sort_by_size(pg->free_list, pg->extents, BY_OFFSET);
}

void pa_fl_reset(pa_arena *a, pa_page *pg, pa_extent *node)
{
    node->offset = 0;
    node->size = a->page_size;
    node->next = NULL;
    pg->free_list = node;
    a->nextents += 1 - pg->extents;
    pg->extents = 1;
    pg->free_bytes = a->page_size;
    pg->largest = a->page_size;
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
    a->nextents -= pg->extents;
    pg->extents = 0;
    pg->free_bytes = 0;
    pg->largest = 0;
}
