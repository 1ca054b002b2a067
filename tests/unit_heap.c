/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_heap.c - the heap kind against a model of OSTEP malloc.py's rules.
 *
 * The model is written here from malloc.py's documented behaviour: a
 * Python list of (address, size) pairs, searched front to back; a split
 * keeps the remainder in the chosen entry's place; a free appends (or
 * prepends) and, for the sorted orders, sorts the whole list stably; with
 * coalescing, one pass joins each entry with the next when they touch.
 * First, a few hand-checked cases (the homework's own first command lines
 * give these answers); then many random runs over every parameter, each
 * operation compared on its address, its "searched" count and the whole
 * free list, in order. */
#include <stdio.h>
#include <string.h>

#include "pagealloc.h"
#include "tap.h"

#define MAXE 4096

typedef struct { size_t addr, size; } entry;

typedef struct model {
    size_t heap, align, header;
    pa_policy policy;
    pa_order order;
    int coalesce;
    entry list[MAXE];
    size_t n;
    size_t live_at[MAXE], live_size[MAXE], nlive; /* blocks by start */
} model;

static size_t round_size(const model *m, size_t size)
{
    if (m->align > 1 && size % m->align)
        size += m->align - size % m->align;
    return size + m->header;
}

/* Returns the block's start or -1, and the entries looked at. */
static long model_alloc(model *m, size_t size, size_t *searched)
{
    size_t need = round_size(m, size);
    long pick = -1;
    *searched = 0;
    for (size_t i = 0; i < m->n; i++) {
        (*searched)++;
        size_t s = m->list[i].size;
        if (s < need)
            continue;
        if (pick < 0 || (m->policy == PA_FIT_BEST && s < m->list[pick].size) ||
            (m->policy == PA_FIT_WORST && s > m->list[pick].size))
            pick = (long)i;
        if (m->policy == PA_FIT_FIRST)
            break;
    }
    if (pick < 0)
        return -1;
    entry *e = &m->list[pick];
    size_t at = e->addr;
    if (e->size > need) {
        e->addr += need;
        e->size -= need;
    } else {
        memmove(e, e + 1, (m->n - (size_t)pick - 1) * sizeof *e);
        m->n--;
    }
    m->live_at[m->nlive] = at;
    m->live_size[m->nlive++] = need;
    return (long)at;
}

/* Insertion sort is stable, as Python's sort is. */
static void sort_list(model *m, int down)
{
    for (size_t i = 1; i < m->n; i++) {
        entry x = m->list[i];
        size_t j = i;
        while (j > 0 && (down ? m->list[j - 1].size < x.size
                              : m->list[j - 1].size > x.size)) {
            m->list[j] = m->list[j - 1];
            j--;
        }
        m->list[j] = x;
    }
}

static void sort_by_addr(model *m)
{
    for (size_t i = 1; i < m->n; i++) {
        entry x = m->list[i];
        size_t j = i;
        while (j > 0 && m->list[j - 1].addr > x.addr) {
            m->list[j] = m->list[j - 1];
            j--;
        }
        m->list[j] = x;
    }
}

static void model_free(model *m, size_t k)
{
    entry x = {m->live_at[k], m->live_size[k]};
    m->live_at[k] = m->live_at[--m->nlive];
    m->live_size[k] = m->live_size[m->nlive];
    if (m->order == PA_ORDER_FRONT) {
        memmove(m->list + 1, m->list, m->n * sizeof *m->list);
        m->list[0] = x;
        m->n++;
    } else {
        m->list[m->n++] = x;
    }
    if (m->order == PA_ORDER_ADDRESS)
        sort_by_addr(m);
    else if (m->order == PA_ORDER_SIZE_UP || m->order == PA_ORDER_SIZE_DOWN)
        sort_list(m, m->order == PA_ORDER_SIZE_DOWN);
    if (!m->coalesce)
        return;
    size_t out = 0;
    for (size_t i = 1; i < m->n; i++) {
        if (m->list[i].addr == m->list[out].addr + m->list[out].size)
            m->list[out].size += m->list[i].size;
        else
            m->list[++out] = m->list[i];
    }
    m->n = out + 1;
}

/* The arena's free list in its order, as "addr:size " pairs. */
typedef struct listing { char s[MAXE * 16]; size_t len; } listing;

static int add_item(const pa_item *it, void *ctx)
{
    listing *l = ctx;
    if (l->len < sizeof l->s - 32)
        l->len += (size_t)snprintf(l->s + l->len, sizeof l->s - l->len,
                                   "%zu:%zu ", it->offset, it->size);
    return 0;
}

static void model_listing(const model *m, listing *l)
{
    l->len = 0;
    l->s[0] = '\0';
    for (size_t i = 0; i < m->n; i++) {
        pa_item it = {PA_ITEM_FREE, 0, m->list[i].addr, m->list[i].size, NULL};
        add_item(&it, l);
    }
}

static void arena_listing(const pa_arena *a, listing *l)
{
    l->len = 0;
    l->s[0] = '\0';
    pa_walk_free_list(a, add_item, l);
}

static pa_arena *make_heap(const model *m)
{
    pa_config cfg;
    pa_arena *a = NULL;
    pa_config_init(&cfg, PA_KIND_HEAP);
    cfg.policy = m->policy;
    cfg.heap_size = m->heap;
    cfg.align = m->align;
    cfg.header = m->header;
    cfg.order = m->order;
    cfg.coalesce = m->coalesce;
    if (pa_create(&cfg, &a) != PA_OK)
        return NULL;
    return a;
}

static void model_init(model *m, size_t heap, size_t align, size_t header,
                       pa_policy policy, pa_order order, int coalesce)
{
    memset(m, 0, sizeof *m);
    m->heap = heap;
    m->align = align;
    m->header = header;
    m->policy = policy;
    m->order = order;
    m->coalesce = coalesce;
    m->list[0] = (entry){0, heap};
    m->n = 1;
}

/* xorshift: the runs must be the same every time. */
static unsigned long long rng = 88172645463325252ull;
static size_t rnd(size_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (size_t)(rng % n);
}

/* One random run; returns 0 when arena and model agreed throughout, and
 * describes the first disagreement in why. */
static int differential_run(model *m, size_t ops, size_t range, char *why,
                            size_t whylen)
{
    static listing got, want;
    void *ptrs[MAXE];
    pa_arena *a = make_heap(m);
    if (!a) {
        snprintf(why, whylen, "create refused");
        return 1;
    }
    char *base = pa_arena_page_base(a, 0);
    int bad = 0;
    for (size_t op = 0; op < ops && !bad; op++) {
        if (m->nlive == 0 || rnd(100) < 55) {
            size_t size = 1 + rnd(range), searched;
            long at = model_alloc(m, size, &searched);
            void *p = NULL;
            pa_status st = pa_alloc(a, size, &p);
            pa_stats s;
            pa_get_stats(a, &s);
            if ((at < 0) != (st != PA_OK) ||
                (at >= 0 && (char *)p - base != at + (long)m->header) ||
                s.last_searched != searched) {
                snprintf(why, whylen, "op %zu alloc(%zu): model %ld/%zu, arena %s %td/%llu",
                         op, size, at, searched, pa_strerror(st),
                         p ? (char *)p - base : -1, (unsigned long long)s.last_searched);
                bad = 1;
            } else if (at >= 0) {
                ptrs[m->nlive - 1] = p;
            }
        } else {
            size_t k = rnd(m->nlive);
            void *p = ptrs[k];
            ptrs[k] = ptrs[m->nlive - 1];
            model_free(m, k);
            if (pa_free(a, p) != PA_OK) {
                snprintf(why, whylen, "op %zu: free refused", op);
                bad = 1;
            }
        }
        model_listing(m, &want);
        arena_listing(a, &got);
        if (!bad && strcmp(got.s, want.s) != 0) {
            snprintf(why, whylen, "op %zu: list %.200s, model %.200s", op,
                     got.s, want.s);
            bad = 1;
        }
        char msg[200];
        if (!bad && pa_check(a, msg, sizeof msg) != PA_OK) {
            snprintf(why, whylen, "op %zu: pa_check: %s", op, msg);
            bad = 1;
        }
    }
    pa_destroy(a);
    return bad;
}

static void test_differential(void)
{
    static const size_t heaps[] = {100, 256, 1000, 4096, 5000, 70000};
    static const size_t aligns[] = {0, 4, 8, 16};
    static const size_t headers[] = {0, 4, 8, 16};
    static model m;
    char why[600] = "";
    size_t runs = 0, failed = 0;
    for (int p = PA_FIT_FIRST; p <= PA_FIT_WORST; p++)
        for (int o = PA_ORDER_ADDRESS; o <= PA_ORDER_BACK; o++)
            for (int c = 0; c <= 1; c++)
                for (size_t r = 0; r < 12; r++) {
                    size_t heap = heaps[rnd(6)], align = aligns[rnd(4)];
                    size_t header = headers[rnd(4)];
                    size_t range = 1 + rnd(heap / 8 + 1);
                    model_init(&m, heap, align, header, (pa_policy)p,
                               (pa_order)o, c);
                    runs++;
                    if (differential_run(&m, 60 + rnd(200), range, why,
                                         sizeof why) && failed++ == 0)
                        TAP_OK(0, "%s fit, %s order, coalesce %d, heap %zu, "
                                  "align %zu, header %zu: %s",
                               pa_policy_name(p), pa_order_name(o), c, heap,
                               align, header, why);
                }
    TAP_EQ(failed, 0, "%zu random runs agree with the model of malloc.py", runs);
}

/* The homework's first command line (-n 10 -H 0 -p BEST -s 0): its first
 * operations, on a heap of 100 bytes. */
static void test_homework_best(void)
{
    static listing l;
    model m;
    model_init(&m, 100, 0, 0, PA_FIT_BEST, PA_ORDER_ADDRESS, 0);
    pa_arena *a = make_heap(&m);
    char *base = pa_arena_page_base(a, 0);
    void *p0, *p1, *p2;
    TAP_EQ(pa_alloc(a, 3, &p0), PA_OK, "Alloc(3)");
    TAP_EQ((char *)p0 - base, 0, "Alloc(3) returns the heap's start");
    pa_free(a, p0);
    pa_alloc(a, 5, &p1);
    TAP_EQ((char *)p1 - base, 3, "Alloc(5): 3 bytes are too few, 97 split");
    pa_free(a, p1);
    arena_listing(a, &l);
    TAP_OK(strcmp(l.s, "0:3 3:5 8:92 ") == 0,
           "no coalescing: three extents side by side (%s)", l.s);
    pa_alloc(a, 8, &p2);
    pa_stats st;
    pa_get_stats(a, &st);
    TAP_EQ(st.last_searched, 3, "best fit searched the whole list");
    pa_destroy(a);
}

static void test_header_and_align(void)
{
    model m;
    model_init(&m, 100, 4, 4, PA_FIT_FIRST, PA_ORDER_ADDRESS, 1);
    pa_arena *a = make_heap(&m);
    char *base = pa_arena_page_base(a, 0);
    void *p, *q;
    pa_where w;
    TAP_EQ(pa_block_size(a, 1), 8, "1 byte rounds to 4, plus a 4-byte header");
    TAP_EQ(pa_alloc(a, 1, &p), PA_OK, "alloc 1 with header and alignment");
    TAP_EQ((char *)p - base, 4, "the pointer follows the header");
    TAP_EQ(pa_locate(a, p, &w), PA_OK, "locate by the data pointer");
    TAP_EQ(w.offset, 0, "the block starts at its header");
    TAP_EQ(w.size, 8, "and holds header and data");
    TAP_EQ(pa_free(a, base), PA_EINTERIOR, "the header's address is inside");
    TAP_EQ(pa_alloc(a, 97, &q), PA_ESIZE, "100 + 4 is more than the heap");
    TAP_EQ(pa_size_ok(a, 92), 1, "92 + 4 fits the heap of 100");
    TAP_EQ(pa_alloc(a, 92, &q), PA_ENOSPACE, "but not the 92 bytes left");
    TAP_EQ(pa_free(a, p), PA_OK, "free by the data pointer");
    TAP_EQ(pa_free(a, p), PA_EDOUBLE, "twice is a double free");
    TAP_EQ(pa_alloc(a, 96, &q), PA_OK, "coalesced: the whole heap again");
    pa_destroy(a);
}

static void test_settings(void)
{
    model m;
    pa_config cfg;
    pa_arena *a = NULL;
    model_init(&m, 100, 0, 0, PA_FIT_FIRST, PA_ORDER_SIZE_UP, 0);
    a = make_heap(&m);
    TAP_EQ(pa_arena_kind(a), PA_KIND_HEAP, "a heap arena");
    TAP_EQ(pa_arena_page_size(a), 100, "its page is the heap");
    TAP_EQ(pa_arena_unit(a), 1, "in bytes");
    TAP_EQ(pa_set_policy(a, PA_FIT_NEXT), PA_EINVAL,
           "next fit needs address order");
    TAP_EQ(pa_set_order(a, PA_ORDER_ADDRESS), PA_OK, "address order");
    TAP_EQ(pa_set_policy(a, PA_FIT_NEXT), PA_OK, "then next fit is fine");
    TAP_EQ(pa_set_order(a, PA_ORDER_BACK), PA_EINVAL,
           "and a list order it cannot follow is refused");
    TAP_EQ(pa_set_coalesce(a, 1), PA_OK, "coalescing on");
    TAP_EQ(pa_arena_coalesce(a), 1, "reported on");
    pa_destroy(a);

    pa_config_init(&cfg, PA_KIND_HEAP);
    TAP_EQ(cfg.heap_size, 100, "malloc.py's default heap size");
    cfg.heap_size = PA_HEAP_MAX_SIZE + 1;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "a heap over 1 MiB is refused");
    cfg.heap_size = 16;
    cfg.header = 16;
    TAP_EQ(pa_create(&cfg, &a), PA_EINVAL, "a header filling the heap is refused");
    pa_config_init(&cfg, PA_KIND_ALLOC);
    TAP_EQ(pa_create(&cfg, &a), PA_OK, "an alloc arena");
    TAP_EQ(pa_set_order(a, PA_ORDER_SIZE_UP), PA_EINVAL,
           "alloc keeps address order");
    TAP_EQ(pa_set_coalesce(a, 0), PA_EINVAL, "and always coalesces");
    pa_destroy(a);

    pa_order o;
    TAP_EQ(pa_order_from_name("SIZESORT-", &o), PA_OK, "malloc.py's name");
    TAP_EQ(o, PA_ORDER_SIZE_DOWN, "SIZESORT- is size-down");
    TAP_EQ(pa_order_from_name("front", &o), PA_OK, "allocsh's name");
    TAP_EQ(o, PA_ORDER_FRONT, "front");
    TAP_EQ(pa_order_from_name("sideways", &o), PA_EINVAL, "an unknown order");
}

/* A heap of many extents with another order: the walk still visits them
 * in address order, every unit once. */
static void test_walk_in_address_order(void)
{
    model m;
    model_init(&m, 1000, 0, 0, PA_FIT_FIRST, PA_ORDER_FRONT, 0);
    pa_arena *a = make_heap(&m);
    void *p[50];
    for (int i = 0; i < 50; i++)
        pa_alloc(a, 10, &p[i]);
    for (int i = 0; i < 50; i += 2)
        pa_free(a, p[i]);
    static listing l;
    l.len = 0;
    pa_walk(a, add_item, &l);
    TAP_OK(strncmp(l.s, "0:1000 0:10 10:10 20:10 ", 24) == 0,
           "the walk is in address order (%.40s)", l.s);
    arena_listing(a, &l);
    TAP_OK(strncmp(l.s, "480:10 460:10 ", 14) == 0,
           "the free list is in its own order (%.40s)", l.s);
    pa_destroy(a);
}

int main(void)
{
    test_homework_best();
    test_header_and_align();
    test_settings();
    test_walk_in_address_order();
    test_differential();
    return tap_done();
}
