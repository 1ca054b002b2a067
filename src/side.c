/* side.c - the session's access to one allocator, and the snapshots of it
 * that results carry to the renderers. */
#include <stdlib.h>
#include <string.h>

#include "impl_side.h"
#include "side.h"

bool side_in_use(const side *sd)
{
    return !sd->impl || impl_side_started(sd->impl);
}

bool side_size_ok(const side *sd, size_t size)
{
    return sd->impl ? impl_side_size_ok(sd->impl, size) : pa_size_ok(sd->arena, size);
}

pa_status side_alloc(side *sd, size_t size, void **out)
{
    if (sd->impl)
        return impl_side_alloc(sd->impl, size, out);
    return pa_alloc(sd->arena, size, out);
}

pa_status side_alloc_where(side *sd, size_t size, void **out, pa_where *where)
{
    if (!sd->impl)
        return pa_alloc_where(sd->arena, size, out, where);
    pa_status st = impl_side_alloc(sd->impl, size, out);
    if (st == PA_OK)
        impl_side_locate(sd->impl, *out, where);
    return st;
}

size_t side_last_searched(const side *sd)
{
    pa_stats st;
    if (!sd->impl)
        return (size_t)pa_arena_last_searched(sd->arena);
    impl_side_stats(sd->impl, &st);
    return (size_t)st.last_searched;
}

void side_config(const side *sd, pa_config *cfg)
{
    const pa_arena *a = sd->arena;
    pa_config_init(cfg, pa_arena_kind(a));
    cfg->policy = pa_arena_policy(a);
    cfg->max_pages = pa_arena_max_pages(a);
    cfg->heap_size = pa_arena_page_size(a);
    cfg->align = pa_arena_align(a);
    cfg->header = pa_arena_header(a);
    cfg->order = pa_arena_order(a);
    cfg->coalesce = pa_arena_coalesce(a);
}

pa_status side_free(side *sd, void *ptr)
{
    if (sd->impl)
        return impl_side_free_block(sd->impl, ptr);
    return pa_free(sd->arena, ptr);
}

pa_status side_reset(side *sd)
{
    pa_status st = sd->impl ? impl_side_reset(sd->impl) : pa_reset(sd->arena);
    if (st == PA_OK)
        names_clear(&sd->names);
    return st;
}

pa_status side_locate(const side *sd, const void *ptr, pa_where *where)
{
    if (sd->impl)
        return impl_side_locate(sd->impl, ptr, where);
    return pa_locate(sd->arena, ptr, where);
}

void side_stats(const side *sd, pa_stats *st)
{
    if (sd->impl)
        impl_side_stats(sd->impl, st);
    else
        pa_get_stats(sd->arena, st);
}

void side_view(const side *sd, arena_view *v)
{
    const pa_arena *a = sd->arena;
    v->kind = pa_arena_kind(a);
    v->policy = pa_arena_policy(a);
    v->unit = pa_arena_unit(a);
    v->max_pages = pa_arena_max_pages(a);
    v->page_size = pa_arena_page_size(a);
    v->origin = sd->origin;
    v->align = pa_arena_align(a);
    v->header = pa_arena_header(a);
    v->order = pa_arena_order(a);
    v->coalesce = pa_arena_coalesce(a);
    side_stats(sd, &v->st);
    v->pages = v->st.pages;
}

/* A walk whose blocks carry the pointer alloc returned, past a heap's
 * header, so that names (kept by that pointer) find them. */
typedef struct past_header {
    pa_walk_fn fn;
    void *ctx;
    size_t header;
} past_header;

static int shift_block(const pa_item *it, void *ctx)
{
    const past_header *ph = ctx;
    pa_item moved = *it;
    if (it->kind == PA_ITEM_BLOCK)
        moved.addr = (char *)it->addr + ph->header;
    return ph->fn(&moved, ph->ctx);
}

int side_walk(const side *sd, pa_walk_fn fn, void *ctx)
{
    if (sd->impl)
        return impl_side_walk(sd->impl, fn, ctx);
    past_header ph = {fn, ctx, pa_arena_header(sd->arena)};
    if (ph.header)
        return pa_walk(sd->arena, shift_block, &ph);
    return pa_walk(sd->arena, fn, ctx);
}

int side_walk_free_list(const side *sd, pa_walk_fn fn, void *ctx)
{
    /* A submission's list is its own business; its reference's is what
     * it is checked against. */
    return pa_walk_free_list(sd->arena, fn, ctx);
}

pa_status side_set_policy(side *sd, pa_policy policy)
{
    return pa_set_policy(sd->arena, policy);
}

pa_status side_set_max_pages(side *sd, size_t max_pages)
{
    return pa_set_max_pages(sd->arena, max_pages);
}

pa_status side_check(const side *sd, char *msg, size_t len)
{
    if (sd->impl)
        return PA_OK; /* its bytes and pages are checked after every call */
    return pa_check(sd->arena, msg, len);
}

void side_read(const side *sd, const void *addr, void *buf, size_t len)
{
    if (sd->impl)
        impl_side_read(sd->impl, addr, buf, len);
    else
        memcpy(buf, addr, len);
}

void side_write(side *sd, void *addr, const void *buf, size_t len)
{
    if (sd->impl)
        impl_side_write(sd->impl, addr, buf, len);
    else
        memcpy(addr, buf, len);
}

typedef struct collector {
    const side *sd;
    layout *lay;
} collector;

static int add_item(const pa_item *it, void *ctx)
{
    collector *c = ctx;
    layout *lay = c->lay;
    if (lay->n == lay->cap) {
        size_t cap = lay->cap ? lay->cap * 2 : 64;
        pa_item *v = realloc(lay->items, cap * sizeof *v);
        if (v)
            lay->items = v;
        const char **l = v ? realloc(lay->labels, cap * sizeof *l) : NULL;
        if (!l)
            return 1;
        lay->labels = l;
        lay->cap = cap;
    }
    lay->labels[lay->n] = it->kind == PA_ITEM_BLOCK
                              ? names_label(&c->sd->names, it->addr) : NULL;
    lay->items[lay->n++] = *it;
    return 0;
}

void layout_of_view(const side *sd, layout *lay)
{
    memset(lay, 0, sizeof *lay);
    side_view(sd, &lay->view);
}

static int add_free(const pa_item *it, void *ctx)
{
    layout *lay = ctx;
    pa_item *v = realloc(lay->free_list, (lay->nfree + 1) * sizeof *v);
    if (!v)
        return 1;
    lay->free_list = v;
    v[lay->nfree++] = *it;
    return 0;
}

int layout_collect(const side *sd, layout *lay)
{
    collector c = {sd, lay};
    layout_of_view(sd, lay);
    /* Only a heap keeps its list in an order of its own; the others'
     * is the walk's address order. */
    if (side_walk(sd, add_item, &c) ||
        (lay->view.kind == PA_KIND_HEAP && side_walk_free_list(sd, add_free, lay))) {
        layout_free(lay);
        lay->lost = true;
        return -1;
    }
    return 0;
}

void layout_free(layout *lay)
{
    free(lay->items);
    free(lay->labels);
    free(lay->free_list);
    lay->items = NULL;
    lay->labels = NULL;
    lay->free_list = NULL;
    lay->n = lay->cap = lay->nfree = 0;
}
