/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* nodes.c - a small per-arena stock of spare extent nodes.
 *
 * An alloc that uses an extent up gives its node back, and a free that
 * merges with no neighbour needs one: in a steady alloc/free mix that is
 * a heap call on most operations, several times the cost of the rest of
 * the pair.  Nodes given back are kept (at most PA_SPARE_NODES, so the
 * stock never holds more than a few KiB) and handed out again before
 * the heap is asked.  The stock only ever serves frees: a new page and a
 * reset still ask the heap for their node, so the heap calls they make,
 * and where an injected failure can hit them, are what they always were.
 * pa_destroy and pa_reset give the stock back. */
#include "arena.h"

#define PA_SPARE_NODES 64

pa_extent *pa_node_get(pa_arena *a)
{
    pa_extent *e = a->spare;
    if (!e)
        return pa_sys_alloc(a, sizeof *e);
    a->spare = e->next;
    a->nspare--;
    return e;
}

void pa_node_put(pa_arena *a, pa_extent *e)
{
    if (!e)
        return;
    if (a->nspare >= PA_SPARE_NODES) {
        pa_sys_release(a, e);
        return;
    }
    e->next = a->spare;
    a->spare = e;
    a->nspare++;
}

void pa_node_drain(pa_arena *a)
{
    while (a->spare) {
        pa_extent *e = a->spare;
        a->spare = e->next;
        pa_sys_release(a, e);
    }
    a->nspare = 0;
}
