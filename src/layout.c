/* layout.c - collecting the allocator's walk into an array that the
 * renderers can read more than once. */
#include <stdlib.h>

#include "render.h"

static int add_item(const pa_item *it, void *ctx)
{
    layout *lay = ctx;
    if (lay->n == lay->cap) {
        size_t cap = lay->cap ? lay->cap * 2 : 64;
        pa_item *v = realloc(lay->items, cap * sizeof *v);
        if (!v)
            return 1;
        lay->items = v;
        lay->cap = cap;
    }
    lay->items[lay->n++] = *it;
    return 0;
}

int layout_collect(const side *sd, layout *lay)
{
    lay->items = NULL;
    lay->n = lay->cap = 0;
    if (pa_walk(sd->arena, add_item, lay)) {
        layout_free(lay);
        return -1;
    }
    return 0;
}

void layout_free(layout *lay)
{
    free(lay->items);
    lay->items = NULL;
    lay->n = lay->cap = 0;
}

double fragmentation(const pa_stats *st)
{
    if (st->bytes_free == 0)
        return 0.0;
    return 1.0 - (double)st->largest / (double)st->bytes_free;
}

const char *plural(unsigned long long n)
{
    return n == 1 ? "" : "s";
}

double utilization(size_t payload, size_t mapped)
{
    return mapped ? (double)payload / (double)mapped : 0.0;
}
