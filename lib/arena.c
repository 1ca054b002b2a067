/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* arena.c - creating arenas, allocating and freeing across their pages. */
#include <stdint.h>
#include <string.h>

#include "arena.h"

void pa_config_init(pa_config *cfg, pa_kind kind)
{
    cfg->kind = kind;
    cfg->policy = PA_FIT_FIRST;
    cfg->max_pages = kind == PA_KIND_EALLOC ? PA_EALLOC_DEFAULT_MAX_PAGES : 1;
    cfg->sys = NULL;
    cfg->heap_size = PA_HEAP_DEFAULT_SIZE;
    cfg->align = 0;
    cfg->header = 0;
    cfg->order = PA_ORDER_ADDRESS;
    cfg->coalesce = 0;
}

/* Next fit resumes at an address, which only address order can find. */
static int order_fits(pa_order order, pa_policy policy)
{
    return order == PA_ORDER_ADDRESS || policy != PA_FIT_NEXT;
}

static int valid_heap(const pa_config *cfg)
{
    return cfg->heap_size > 0 && cfg->heap_size <= PA_HEAP_MAX_SIZE &&
           cfg->align <= PA_HEAP_MAX_SIZE && cfg->header < cfg->heap_size &&
           (unsigned)cfg->order <= PA_ORDER_BACK &&
           order_fits(cfg->order, cfg->policy);
}

static int valid_config(const pa_config *cfg)
{
    if ((unsigned)cfg->kind > PA_KIND_HEAP)
        return 0;
    if ((unsigned)cfg->policy > PA_FIT_NEXT || cfg->max_pages == 0)
        return 0;
    if (cfg->kind == PA_KIND_HEAP && !valid_heap(cfg))
        return 0;
    return cfg->kind == PA_KIND_EALLOC || cfg->max_pages == 1;
}

/* The fields that differ by kind; alloc and ealloc keep address order
 * and always coalesce. */
static void set_geometry(pa_arena *a, const pa_config *cfg)
{
    a->unit = cfg->kind == PA_KIND_ALLOC    ? PA_ALLOC_UNIT
              : cfg->kind == PA_KIND_EALLOC ? PA_EALLOC_UNIT
                                            : 1;
    a->page_size = PA_PAGE_SIZE;
    a->order = PA_ORDER_ADDRESS;
    a->coalesce = 1;
    if (cfg->kind == PA_KIND_HEAP) {
        a->page_size = cfg->heap_size;
        a->align = cfg->align;
        a->header = cfg->header;
        a->order = cfg->order;
        a->coalesce = cfg->coalesce != 0;
    }
    a->units = a->page_size / a->unit;
}

/* Maps a page and appends it; nothing changes when that fails. */
static pa_status grow(pa_arena *a)
{
    pa_page *pg;
    pa_status st = pa_page_new(a, &pg);
    if (st != PA_OK)
        return st;
    st = pa_page_attach(a, pg);
    if (st != PA_OK)
        pa_page_delete(a, pg);
    return st;
}

pa_status pa_create(const pa_config *cfg, pa_arena **out)
{
    pa_sys sys;
    if (!cfg || !out || !valid_config(cfg))
        return PA_EINVAL;
    pa_sys_fill(&sys, cfg->sys);
    pa_arena *a = sys.alloc(sizeof *a, sys.ctx);
    if (!a)
        return PA_ENOMEM;
    memset(a, 0, sizeof *a);
    pa_ix_init(&a->ix);
    a->kind = cfg->kind;
    a->policy = cfg->policy;
    set_geometry(a, cfg);
    a->max_pages = cfg->max_pages;
    a->sys = sys;
    if (a->kind != PA_KIND_EALLOC) {
        pa_status st = grow(a);
        if (st != PA_OK) {
            pa_destroy(a);
            return st;
        }
    }
    *out = a;
    return PA_OK;
}

void pa_destroy(pa_arena *a)
{
    /* A default arena belongs to the assignment's API, which would go on
     * using it: only its cleanup function may end it. */
    if (!a || a->held)
        return;
    pa_page_detach_all(a);
    pa_node_drain(a);
    pa_sys_release(a, a->pages);
    pa_sys_release(a, a->ix.mem);
    pa_sys sys = a->sys;
    sys.release(a, sys.ctx);
}

static void clear_counters(pa_arena *a)
{
    a->cursor_page = a->cursor_off = 0;
    a->bytes_used = a->peak_used = a->blocks = 0;
    a->peak_pages = a->npages;
    a->allocs = a->frees = a->failures = 0;
    a->searched = a->last_searched = 0;
}

pa_status pa_reset(pa_arena *a)
{
    if (!a)
        return PA_EINVAL;
    if (a->kind == PA_KIND_EALLOC) {
        pa_page_detach_all(a);
    } else {
        pa_page *pg = a->pages[0];
        pa_extent *keep = pg->free_list;
        if (!keep && !(keep = pa_sys_alloc(a, sizeof *keep)))
            return PA_ENOMEM;
        if (keep == pg->free_list)
            pg->free_list = keep->next;
        pa_fl_release_all(a, pg);
        pa_fl_reset(a, pg, keep);
        memset(pa_pg_len(pg), 0, a->units * sizeof(uint32_t));
        memset(pa_pg_freed(pg, a->units), 0, a->units);
    }
    pa_node_drain(a);
    clear_counters(a);
    return PA_OK;
}

static pa_status fail(pa_arena *a, pa_status st)
{
    a->failures++;
    return st;
}

/* Finds room for size bytes, mapping a page when ealloc may and must. */
static pa_status find_room(pa_arena *a, size_t size, pa_fit *fit)
{
    if (pa_fit_find(a, size, fit))
        return PA_OK;
    if (a->npages >= a->max_pages)
        return PA_ENOSPACE;
    pa_status st = grow(a);
    if (st != PA_OK)
        return st;
    fit->page = a->pages[a->npages - 1];
    fit->prev = NULL;
    fit->ext = fit->page->free_list;
    pa_emit(a, PA_EV_MAP_PAGE, fit->page->index, 0, a->page_size, 1);
    pa_emit(a, PA_EV_CHOOSE, fit->page->index, 0, a->page_size, 1);
    return PA_OK;
}

/* The bytes a request takes in a heap: rounded up to the alignment, with
 * the header; 0 when that overflows. */
static size_t block_bytes(const pa_arena *a, size_t size)
{
    if (a->align > 1 && size % a->align) {
        size_t up = a->align - size % a->align;
        if (size > SIZE_MAX - up)
            return 0;
        size += up;
    }
    return size > SIZE_MAX - a->header ? 0 : size + a->header;
}

_Static_assert((PA_ALLOC_UNIT & (PA_ALLOC_UNIT - 1)) == 0 &&
                   (PA_EALLOC_UNIT & (PA_EALLOC_UNIT - 1)) == 0,
               "checked_size masks with unit - 1");

/* The bytes a request takes, or 0 when it may not be asked.  Inline, as
 * pa_alloc's first step: the public pa_size_ok and pa_block_size cost two
 * calls and a division per allocation.  Units are powers of two. */
static inline size_t checked_size(const pa_arena *a, size_t size)
{
    if (a->kind != PA_KIND_HEAP)
        return size && !(size & (a->unit - 1)) && size <= PA_PAGE_SIZE ? size : 0;
    size_t need = size ? block_bytes(a, size) : 0;
    return need <= a->page_size ? need : 0;
}

pa_status pa_alloc(pa_arena *a, size_t size, void **out)
{
    return pa_alloc_where(a, size, out, NULL);
}

pa_status pa_alloc_where(pa_arena *a, size_t size, void **out, pa_where *where)
{
    pa_fit fit;
    if (!a || !out)
        return PA_EINVAL;
    size = checked_size(a, size);
    if (!size)
        return fail(a, PA_ESIZE);
    pa_status st = find_room(a, size, &fit);
    if (st != PA_OK)
        return fail(a, st);

    pa_page *pg = fit.page;
    size_t off = fit.ext->offset, u = off / a->unit;
    pa_fl_take(a, pg, fit.prev, fit.ext, size);
    pa_pg_len(pg)[u] = (uint32_t)(size / a->unit);
    pa_pg_freed(pg, a->units)[u] = 0;
    a->bytes_used += size;
    if (a->bytes_used > a->peak_used)
        a->peak_used = a->bytes_used;
    a->blocks++;
    a->allocs++;
    a->cursor_page = pg->index;
    a->cursor_off = off + size;
    *out = pg->base + off + a->header;
    if (where) {
        where->page = pg->index;
        where->offset = off;
        where->size = size;
    }
    return PA_OK;
}

/* Why off in pg is not the start of a live block's data. */
static pa_status classify(const pa_arena *a, const pa_page *pg, size_t off)
{
    size_t u = off / a->unit;
    size_t start = off >= a->header ? (off - a->header) / a->unit : SIZE_MAX;
    const uint32_t *len = pa_pg_len(pg);
    for (size_t s = u + 1; s-- > 0;) {
        if (len[s]) {
            if ((s + len[s]) * a->unit > off)
                return PA_EINTERIOR;
            break;
        }
    }
    if (start != SIZE_MAX && (off - a->header) % a->unit == 0 &&
        pa_pg_freed(pg, a->units)[start])
        return PA_EDOUBLE;
    return PA_EUNKNOWN;
}

/* The page and unit of the live block starting at ptr, or why there is none. */
static pa_status find_block(const pa_arena *a, const void *ptr, pa_page **pgp,
                            size_t *unit)
{
    pa_page *pg = pa_page_of(a, ptr);
    if (!pg)
        return PA_EUNKNOWN;
    size_t off = (size_t)((uintptr_t)ptr - (uintptr_t)pg->base);
    if (off < a->header)
        return classify(a, pg, off);
    off -= a->header; /* the block starts with its header */
    if (off % a->unit || !pa_pg_len(pg)[off / a->unit])
        return classify(a, pg, off + a->header);
    *pgp = pg;
    *unit = off / a->unit;
    return PA_OK;
}

pa_status pa_free(pa_arena *a, void *ptr)
{
    pa_page *pg;
    size_t u;
    if (!a)
        return PA_EINVAL;
    if (!ptr)
        return PA_OK;
    pa_status st = find_block(a, ptr, &pg, &u);
    if (st != PA_OK)
        return fail(a, st);

    size_t off = u * a->unit, size = (size_t)pa_pg_len(pg)[u] * a->unit;
    pa_extent *spare = NULL;
    pa_gap gap;
    if (pa_fl_needs_node(a, pg, off, size, &gap) &&
        !(spare = pa_node_get(a)))
        return fail(a, PA_ENOMEM);
    pa_fl_give(a, pg, off, size, &gap, spare);
    pa_pg_len(pg)[u] = 0;
    pa_pg_freed(pg, a->units)[u] = 1;
    a->bytes_used -= size;
    a->blocks--;
    a->frees++;
    return PA_OK;
}

pa_status pa_locate(const pa_arena *a, const void *ptr, pa_where *where)
{
    pa_page *pg;
    size_t u;
    if (!a)
        return PA_EINVAL;
    pa_status st = find_block(a, ptr, &pg, &u);
    if (st == PA_OK && where) {
        where->page = pg->index;
        where->offset = u * a->unit;
        where->size = (size_t)pa_pg_len(pg)[u] * a->unit;
    }
    return st;
}

pa_status pa_set_policy(pa_arena *a, pa_policy policy)
{
    if (!a || (unsigned)policy > PA_FIT_NEXT || !order_fits(a->order, policy))
        return PA_EINVAL;
    a->policy = policy;
    return PA_OK;
}

pa_status pa_set_max_pages(pa_arena *a, size_t max_pages)
{
    if (!a || max_pages == 0)
        return PA_EINVAL;
    if (a->kind != PA_KIND_EALLOC)
        return max_pages == 1 ? PA_OK : PA_EINVAL;
    if (max_pages < a->npages)
        return PA_EBUSY;
    a->max_pages = max_pages;
    return PA_OK;
}

pa_status pa_set_order(pa_arena *a, pa_order order)
{
    if (!a || (unsigned)order > PA_ORDER_BACK || !order_fits(order, a->policy))
        return PA_EINVAL;
    if (a->kind != PA_KIND_HEAP)
        return order == PA_ORDER_ADDRESS ? PA_OK : PA_EINVAL;
    /* The other orders wait for the next free, as malloc.py's sort does;
     * address order is what the walk, next fit and a free's insertion
     * rely on, so it holds from now. */
    if (order == PA_ORDER_ADDRESS && a->order != order && a->npages)
        pa_fl_sort_by_address(a->pages[0]);
    a->order = order;
    return PA_OK;
}

pa_status pa_set_coalesce(pa_arena *a, int on)
{
    if (!a)
        return PA_EINVAL;
    if (a->kind != PA_KIND_HEAP)
        return on ? PA_OK : PA_EINVAL;
    a->coalesce = on != 0;
    return PA_OK;
}

void pa_set_trace(pa_arena *a, pa_trace_fn fn, void *ctx)
{
    if (!a)
        return;
    a->trace = fn;
    a->trace_ctx = ctx;
}

/* Queries on no arena answer 0 (NULL for a page), like a new empty one. */
pa_kind pa_arena_kind(const pa_arena *a) { return a ? a->kind : PA_KIND_ALLOC; }
pa_policy pa_arena_policy(const pa_arena *a) { return a ? a->policy : PA_FIT_FIRST; }
size_t pa_arena_unit(const pa_arena *a) { return a ? a->unit : 0; }
uint64_t pa_arena_last_searched(const pa_arena *a) { return a ? a->last_searched : 0; }
size_t pa_arena_max_pages(const pa_arena *a) { return a ? a->max_pages : 0; }
size_t pa_arena_page_count(const pa_arena *a) { return a ? a->npages : 0; }
size_t pa_arena_page_size(const pa_arena *a) { return a ? a->page_size : 0; }
size_t pa_arena_align(const pa_arena *a) { return a ? a->align : 0; }
size_t pa_arena_header(const pa_arena *a) { return a ? a->header : 0; }
pa_order pa_arena_order(const pa_arena *a) { return a ? a->order : PA_ORDER_ADDRESS; }
int pa_arena_coalesce(const pa_arena *a) { return a ? a->coalesce : 1; }

size_t pa_block_size(const pa_arena *a, size_t size)
{
    return a ? block_bytes(a, size) : 0;
}

int pa_size_ok(const pa_arena *a, size_t size)
{
    return a && checked_size(a, size) != 0;
}

void *pa_arena_page_base(const pa_arena *a, size_t index)
{
    return a && index < a->npages ? a->pages[index]->base : NULL;
}
