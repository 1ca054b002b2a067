/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_api.c - libFuzzer harness: arbitrary operation sequences on the
 * instance API, each result compared with a small reference model that
 * keeps one flag per unit instead of a free list.  Any disagreement in a
 * status, a placement, the layout or the figures is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pagealloc.h"

/* Thousands of ealloc pages (16 units each), so that the index over
 * pages is exercised well past its first summary level; the one alloc
 * page (512 units) fits in the same tables. */
#define MAXP 4096
#define MAXUNITS (MAXP * (PA_PAGE_SIZE / PA_EALLOC_UNIT))
#define MAXLIVE MAXUNITS

typedef struct model {
    pa_kind kind;
    pa_policy policy;
    size_t unit, units, npages, max_pages, cur_page, cur_off;
    /* Indexed by page * units + unit. */
    uint16_t len[MAXUNITS];  /* block length in units at its start */
    uint8_t used[MAXUNITS];
    uint8_t freed[MAXUNITS];
} model;

#define AT(m, p, u) ((p) * (m)->units + (u))

typedef struct extent { size_t page, off, size; } extent;

static void check(int cond)
{
    if (!cond)
        abort();
}

/* The model's free extents, in page then address order. */
static size_t extents(const model *m, extent *out)
{
    size_t n = 0;
    for (size_t p = 0; p < m->npages; p++) {
        for (size_t u = 0; u < m->units;) {
            if (m->used[AT(m, p, u)]) {
                u++;
                continue;
            }
            size_t v = u;
            while (v < m->units && !m->used[AT(m, p, v)])
                v++;
            out[n++] = (extent){p, u * m->unit, (v - u) * m->unit};
            u = v;
        }
    }
    return n;
}

/* Where next fit's walk starts in the extent list: the cursor's page from
 * the end of the previous allocation on. */
static size_t next_start(const model *m, const extent *e, size_t n)
{
    size_t start = 0;
    while (start < n && e[start].page < m->cur_page)
        start++;
    while (start < n && e[start].page == m->cur_page &&
           e[start].off + e[start].size <= m->cur_off)
        start++;
    return start;
}

static long choose(const model *m, const extent *e, size_t n, size_t need)
{
    long pick = -1;
    size_t start = m->policy == PA_FIT_NEXT ? next_start(m, e, n) : 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = m->policy == PA_FIT_NEXT ? (start + k) % n : k;
        if (e[i].size < need)
            continue;
        if (m->policy == PA_FIT_FIRST || m->policy == PA_FIT_NEXT)
            return (long)i;
        if (pick < 0 || (m->policy == PA_FIT_BEST && e[i].size < e[pick].size) ||
            (m->policy == PA_FIT_WORST && e[i].size > e[pick].size))
            pick = (long)i;
    }
    return pick;
}

/* "searched" as documented: best and worst fit visit every extent; first
 * and next fit visit extents in walk order up to their pick (all of them
 * when none fits), ealloc skipping each page whose largest extent cannot
 * serve. */
static size_t model_searched(const model *m, const extent *e, size_t n,
                             size_t need, long pick)
{
    static size_t largest[MAXP];
    size_t visited = 0;
    if (m->policy == PA_FIT_BEST || m->policy == PA_FIT_WORST)
        return n;
    memset(largest, 0, m->npages * sizeof *largest);
    for (size_t i = 0; i < n; i++)
        if (e[i].size > largest[e[i].page])
            largest[e[i].page] = e[i].size;
    size_t start = m->policy == PA_FIT_NEXT ? next_start(m, e, n) : 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = (start + k) % n;
        if (m->kind == PA_KIND_EALLOC && largest[e[i].page] < need)
            continue;
        visited++;
        if ((long)i == pick)
            break;
    }
    return visited;
}

static pa_status model_alloc(model *m, size_t size, size_t *page, size_t *off,
                             size_t *searched)
{
    static extent e[MAXUNITS];
    if (size == 0 || size % m->unit || size > PA_PAGE_SIZE)
        return PA_ESIZE;
    size_t n = extents(m, e);
    long i = choose(m, e, n, size);
    *searched = model_searched(m, e, n, size, i);
    if (i < 0) {
        if (m->npages >= m->max_pages)
            return PA_ENOSPACE;
        e[0] = (extent){m->npages++, 0, PA_PAGE_SIZE};
        i = 0;
    }
    size_t p = e[i].page, u = e[i].off / m->unit;
    for (size_t k = 0; k < size / m->unit; k++)
        m->used[AT(m, p, u + k)] = 1;
    m->len[AT(m, p, u)] = (uint16_t)(size / m->unit);
    m->freed[AT(m, p, u)] = 0;
    m->cur_page = p;
    m->cur_off = e[i].off + size;
    *page = p;
    *off = e[i].off;
    return PA_OK;
}

static pa_status model_free(model *m, size_t p, size_t off)
{
    size_t u = AT(m, p, off / m->unit);
    if (off % m->unit == 0 && m->len[u]) {
        for (size_t k = 0; k < m->len[u]; k++)
            m->used[u + k] = 0;
        m->len[u] = 0;
        m->freed[u] = 1;
        return PA_OK;
    }
    if (m->used[u])
        return PA_EINTERIOR;
    return off % m->unit == 0 && m->freed[u] ? PA_EDOUBLE : PA_EUNKNOWN;
}

static void model_reset(model *m)
{
    memset(m->len, 0, sizeof m->len);
    memset(m->used, 0, sizeof m->used);
    memset(m->freed, 0, sizeof m->freed);
    m->npages = m->kind == PA_KIND_ALLOC ? 1 : 0;
    m->cur_page = m->cur_off = 0;
}

typedef struct walk_state {
    const model *m;
    extent e[MAXUNITS];
    size_t n, k, blocks;
} walk_state;

static int compare_item(const pa_item *it, void *ctx)
{
    walk_state *w = ctx;
    if (it->kind == PA_ITEM_FREE) {
        check(w->k < w->n && w->e[w->k].page == it->page &&
              w->e[w->k].off == it->offset && w->e[w->k].size == it->size);
        w->k++;
    } else if (it->kind == PA_ITEM_BLOCK) {
        check(w->m->len[AT(w->m, it->page, it->offset / w->m->unit)] *
                  w->m->unit == it->size);
        w->blocks++;
    }
    return 0;
}

static void compare_layout(const model *m, pa_arena *a)
{
    static walk_state w;
    char why[200];
    check(pa_check(a, why, sizeof why) == PA_OK);
    check(pa_arena_page_count(a) == m->npages);
    w.m = m;
    w.n = extents(m, w.e);
    w.k = w.blocks = 0;
    pa_walk(a, compare_item, &w);
    check(w.k == w.n);
    pa_stats st;
    pa_get_stats(a, &st);
    check(st.blocks == w.blocks && st.extents == w.n);
}

/* A pointer to free: a live block, inside one, just past a start, or a
 * pointer the arena never gave. */
static void *pick_pointer(pa_arena *a, void **live, size_t nlive, uint8_t b)
{
    static char outside;
    if (nlive == 0 || b % 8 == 7)
        return &outside;
    char *p = live[(b >> 3) % nlive];
    switch (b % 8) {
    case 4: return p + 1;
    case 5: return p + pa_arena_unit(a);
    case 6: return (char *)pa_arena_page_base(a, 0) + (size_t)(b >> 3) * pa_arena_unit(a);
    default: return p;
    }
}

static void locate(pa_arena *a, const void *ptr, size_t *page, size_t *off)
{
    for (size_t i = 0; i < pa_arena_page_count(a); i++) {
        uintptr_t base = (uintptr_t)pa_arena_page_base(a, i);
        if ((uintptr_t)ptr >= base && (uintptr_t)ptr < base + PA_PAGE_SIZE) {
            *page = i;
            *off = (uintptr_t)ptr - base;
            return;
        }
    }
    *page = SIZE_MAX;
}

static void do_free(model *m, pa_arena *a, void **live, size_t *nlive, uint8_t b)
{
    void *ptr = pick_pointer(a, live, *nlive, b);
    size_t page, off;
    locate(a, ptr, &page, &off);
    pa_status want = page == SIZE_MAX ? PA_EUNKNOWN : model_free(m, page, off);
    check(pa_free(a, ptr) == want);
    for (size_t i = 0; want == PA_OK && i < *nlive; i++)
        if (live[i] == ptr)
            live[i] = live[--*nlive];
}

static void alloc_size(model *m, pa_arena *a, void **live, size_t *nlive,
                       size_t size)
{
    size_t page = 0, off = 0, searched = 0;
    void *p = NULL;
    pa_status want = model_alloc(m, size, &page, &off, &searched);
    check(pa_alloc(a, size, &p) == want);
    if (want != PA_ESIZE) {
        pa_stats st;
        pa_get_stats(a, &st);
        check(st.last_searched == searched);
    }
    if (want != PA_OK)
        return;
    check(p == (char *)pa_arena_page_base(a, page) + off);
    if (*nlive < MAXLIVE)
        live[(*nlive)++] = p;
}

static void do_alloc(model *m, pa_arena *a, void **live, size_t *nlive, uint8_t b)
{
    alloc_size(m, a, live, nlive, (size_t)(b % 18) * m->unit + (b >= 250 ? 1 : 0));
}

/* Many allocations of mixed sizes, then frees at a stride: how pages
 * reach the thousands within a short input. */
static void do_bulk(model *m, pa_arena *a, void **live, size_t *nlive, uint8_t b)
{
    size_t count = ((size_t)(b >> 3) + 1) * 64;
    for (size_t i = 0; i < count; i++)
        alloc_size(m, a, live, nlive, (i * 7 % 16 + 1) * m->unit);
    size_t stride = (size_t)(b & 7) + 2;
    for (size_t i = 0; i < *nlive; i += stride) {
        size_t page, off;
        locate(a, live[i], &page, &off);
        check(pa_free(a, live[i]) == model_free(m, page, off));
        live[i] = live[--*nlive];
    }
}

static void trace_nothing(const pa_event *ev, void *ctx)
{
    (void)ev;
    (void)ctx;
}

static void do_setting(model *m, pa_arena *a, void **live, size_t *nlive,
                       uint8_t b)
{
    if (b % 4 == 0) {
        m->policy = (pa_policy)((b >> 2) % 4);
        check(pa_set_policy(a, m->policy) == PA_OK);
    } else if (b % 4 == 1) {
        size_t n = (size_t)(b >> 2) * (b >> 2) * 2 % MAXP;
        pa_status want = n == 0 ? PA_EINVAL
                         : m->kind == PA_KIND_ALLOC ? (n == 1 ? PA_OK : PA_EINVAL)
                         : n < m->npages ? PA_EBUSY : PA_OK;
        check(pa_set_max_pages(a, n) == want);
        if (want == PA_OK)
            m->max_pages = n;
    } else if (b % 4 == 2) {
        check(pa_reset(a) == PA_OK);
        model_reset(m);
        *nlive = 0;
    } else if (b & 4) {
        /* The traced walk and the index must agree with the same model. */
        pa_set_trace(a, b & 8 ? trace_nothing : NULL, NULL);
    } else {
        do_bulk(m, a, live, nlive, b);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static model m;
    static void *live[MAXLIVE];
    size_t nlive = 0;
    pa_config cfg;
    pa_arena *a;
    if (size < 1)
        return 0;
    memset(&m, 0, sizeof m);
    m.kind = data[0] & 1 ? PA_KIND_EALLOC : PA_KIND_ALLOC;
    m.policy = (pa_policy)((data[0] >> 1) & 3);
    m.unit = m.kind == PA_KIND_ALLOC ? PA_ALLOC_UNIT : PA_EALLOC_UNIT;
    m.units = PA_PAGE_SIZE / m.unit;
    m.max_pages = m.kind == PA_KIND_ALLOC ? 1
                  : data[0] >> 7 ? MAXP : 1 + (data[0] >> 3) % 6;
    model_reset(&m);
    pa_config_init(&cfg, m.kind);
    cfg.policy = m.policy;
    cfg.max_pages = m.max_pages;
    check(pa_create(&cfg, &a) == PA_OK);
    for (size_t i = 1; i + 1 < size; i += 2) {
        uint8_t op = data[i], arg = data[i + 1];
        if (op % 16 < 8)
            do_alloc(&m, a, live, &nlive, arg);
        else if (op % 16 < 15)
            do_free(&m, a, live, &nlive, arg);
        else
            do_setting(&m, a, live, &nlive, arg);
        compare_layout(&m, a);
    }
    pa_destroy(a);
    return 0;
}
