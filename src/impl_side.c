/* impl_side.c - the submission as an allocator of the session, checked
 * against the assignment after every call (impl_side.h). */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "impl_side.h"

/* One mapping the submission made: a "page" of the layout. */
typedef struct ipage {
    uint64_t base, len;
    size_t index;          /* in mapping order since the last init */
} ipage;

/* One live block the submission returned. */
typedef struct iblock {
    uint64_t addr;
    size_t size, page, offset;
    void *ref;             /* the reference's block for it, or NULL */
    unsigned char *shadow; /* what its bytes must be */
} iblock;

struct impl_side {
    pa_kind kind;
    char *so;
    impl_limits lim;
    pa_arena *ref;
    impl_proc *proc;
    bool started, dead;
    bool no_api;           /* dead for good: it lacks this allocator */
    ipage *pages;
    size_t npages, next_index;
    iblock *blocks;        /* ascending address */
    size_t nblocks;
    uint64_t heap_before;  /* heap in use before the first init */
    bool diverged;         /* placements differ: later ones are not compared */
    size_t peak_used, peak_pages;
    uint64_t allocs, frees, failures;
    long long vsz_start;
    impl_check fail;
    char msg[400];
};

static const char *const check_names[IMPL_CHK_COUNT] = {
    "none", "crash", "timeout", "forbidden", "gone", "no-api", "bad-pointer",
    "overlap", "corrupted", "placement", "size-rule", "page-rule", "leak",
};

const char *impl_check_name(impl_check c)
{
    return (unsigned)c < IMPL_CHK_COUNT ? check_names[c] : "none";
}

int impl_checks_parse(const char *list, unsigned *soft, char *err, size_t errlen)
{
    unsigned failing = 0;
    const char *w = list;
    while (*w) {
        size_t len = strcspn(w, ",");
        bool known = len == 6 && strncmp(w, "safety", 6) == 0;
        if (len == 3 && strncmp(w, "all", 3) == 0)
            failing = IMPL_CHK_SOFTENABLE, known = true;
        for (int c = IMPL_CHK_PLACEMENT; !known && c <= IMPL_CHK_LEAK; c++) {
            if (strlen(check_names[c]) == len && strncmp(w, check_names[c], len) == 0) {
                failing |= 1u << c;
                known = true;
            }
        }
        if (!known) {
            snprintf(err, errlen, "unknown check '%.*s' (all, safety, placement, "
                     "size-rule, page-rule or leak)", (int)(len < 40 ? len : 40), w);
            return -1;
        }
        w += len + (w[len] == ',');
    }
    *soft = IMPL_CHK_SOFTENABLE & ~failing;
    return 0;
}

static const char *fn_name(const impl_side *is, const char *alloc_name)
{
    static char buf[32];
    snprintf(buf, sizeof buf, "%s%s", is->kind == PA_KIND_EALLOC ? "e" : "", alloc_name);
    return buf;
}

static bool soft_kind(impl_check c)
{
    return (IMPL_CHK_SOFTENABLE >> c) & 1;
}

/* Keeps the first failure of a command, as later ones follow from it,
 * except that a failure of safety replaces one that --impl-checks may
 * make a warning: a placement warning must not hide a bad pointer. */
__attribute__((format(printf, 3, 4)))
static void note(impl_side *is, impl_check c, const char *fmt, ...)
{
    va_list ap;
    if (is->fail != IMPL_CHK_NONE && !(soft_kind(is->fail) && !soft_kind(c)))
        return;
    is->fail = c;
    va_start(ap, fmt);
    vsnprintf(is->msg, sizeof is->msg, fmt, ap);
    va_end(ap);
}

impl_check impl_side_take(impl_side *is, char *msg, size_t len)
{
    impl_check c = is->fail;
    snprintf(msg, len, "%s", is->msg);
    is->fail = IMPL_CHK_NONE;
    is->msg[0] = '\0';
    return c;
}

/* Whether a call went through; otherwise the runner is gone and the
 * command that made the call fails with what happened. */
static bool call_ok(impl_side *is, impl_status st)
{
    static const impl_check by_status[] = {
        [IMPL_CRASH] = IMPL_CHK_CRASH, [IMPL_EXITED] = IMPL_CHK_CRASH,
        [IMPL_TIMEOUT] = IMPL_CHK_TIMEOUT, [IMPL_FORBIDDEN] = IMPL_CHK_FORBIDDEN,
        [IMPL_GONE] = IMPL_CHK_GONE, [IMPL_PROTOCOL] = IMPL_CHK_CRASH,
        [IMPL_MISSING] = IMPL_CHK_NO_API, [IMPL_REFUSED] = IMPL_CHK_POINTER,
    };
    if (st == IMPL_OK)
        return true;
    note(is, by_status[st], "%s", impl_message(is->proc));
    if (st != IMPL_MISSING && st != IMPL_REFUSED)
        is->dead = true;
    return false;
}

impl_side *impl_side_new(pa_kind kind, const char *so_path, const impl_limits *lim,
                         pa_arena *ref)
{
    impl_side *is = calloc(1, sizeof *is);
    if (!is || !(is->so = strdup(so_path))) {
        free(is);
        return NULL;
    }
    is->kind = kind;
    is->ref = ref;
    if (lim)
        is->lim = *lim;
    return is;
}

bool impl_side_started(const impl_side *is)
{
    return is->started;
}

static void drop_blocks(impl_side *is)
{
    for (size_t i = 0; i < is->nblocks; i++)
        free(is->blocks[i].shadow);
    free(is->blocks);
    is->blocks = NULL;
    is->nblocks = 0;
}

void impl_side_free(impl_side *is)
{
    if (!is)
        return;
    impl_close(is->proc);
    drop_blocks(is);
    free(is->pages);
    free(is->so);
    free(is);
}

/* ------------------------------------------------------------------ */
/* Pages: the mappings the runner saw the submission make. */

static long page_at(const impl_side *is, uint64_t addr)
{
    for (size_t i = 0; i < is->npages; i++)
        if (addr >= is->pages[i].base && addr - is->pages[i].base < is->pages[i].len)
            return (long)i;
    return -1;
}

static void add_page(impl_side *is, uint64_t base, uint64_t len)
{
    ipage *v = realloc(is->pages, (is->npages + 1) * sizeof *v);
    if (!v)
        return; /* then its blocks read as outside any page: reported */
    is->pages = v;
    len = (len + PA_PAGE_SIZE - 1) / PA_PAGE_SIZE * PA_PAGE_SIZE;
    is->pages[is->npages++] = (ipage){base, len, is->next_index++};
    if (is->npages > is->peak_pages)
        is->peak_pages = is->npages;
}

/* Drops every page the range touches; returns how many. */
static size_t drop_pages(impl_side *is, uint64_t addr, uint64_t len)
{
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < is->npages; i++) {
        const ipage *p = &is->pages[i];
        if (p->base < addr + len && addr < p->base + p->len)
            dropped++;
        else
            is->pages[kept++] = *p;
    }
    is->npages = kept;
    return dropped;
}

typedef struct mapped { size_t maps, unmaps; } mapped;

static mapped apply(impl_side *is, const impl_events *ev)
{
    mapped m = {0, 0};
    /* Past the reply's room the runner only counts them: the pages known
     * here are no longer the submission's, and eager mapping could hide. */
    if (ev->lost)
        note(is, IMPL_CHK_PAGES, "the submission mapped or unmapped memory %u times more "
             "than allocsh can follow in one call (%u); the assignment maps at most one "
             "page per call", ev->lost, IMPL_EVENTS_MAX);
    for (unsigned i = 0; i < ev->n; i++) {
        if (ev->ev[i].type == IMPL_EV_MAP) {
            add_page(is, ev->ev[i].addr, ev->ev[i].len);
            m.maps++;
        } else {
            m.unmaps += drop_pages(is, ev->ev[i].addr, ev->ev[i].len);
        }
    }
    return m;
}

/* After an alloc or a free: ealloc's pages are 4096 bytes each, and no
 * live block may lose its page (its bytes would be gone for good). */
static mapped apply_call(impl_side *is, const impl_events *ev)
{
    mapped m = apply(is, ev);
    size_t first_new = m.maps < is->npages ? is->npages - m.maps : 0;
    for (size_t p = first_new; is->kind == PA_KIND_EALLOC && p < is->npages; p++)
        if (is->pages[p].len != PA_PAGE_SIZE)
            note(is, IMPL_CHK_PAGES, "the submission mapped %llu bytes at once; ealloc "
                 "maps pages of %u bytes, one at a time",
                 (unsigned long long)is->pages[p].len, PA_PAGE_SIZE);
    /* By the mapping, not the address: a page mapped again where the old
     * one was holds none of its bytes. */
    for (size_t i = 0; m.unmaps && i < is->nblocks; i++) {
        const iblock *b = &is->blocks[i];
        long p = page_at(is, b->addr);
        if (p < 0 || is->pages[p].index != b->page) {
            note(is, IMPL_CHK_CORRUPTED, "the submission unmapped the memory of the live "
                 "block at page %zu offset %zu", b->page, b->offset);
            break;
        }
    }
    return m;
}

/* ------------------------------------------------------------------ */
/* Starting the runner, init and cleanup. */

static void check_init_pages(impl_side *is, mapped m)
{
    if (is->kind == PA_KIND_ALLOC && (m.maps != 1 || is->npages != 1 ||
                                      is->pages[0].len != PA_PAGE_SIZE))
        note(is, IMPL_CHK_PAGES, "init_alloc mapped %zu page%s of %llu bytes; the "
             "assignment maps one page of %u bytes", m.maps, m.maps == 1 ? "" : "s",
             is->npages ? (unsigned long long)is->pages[0].len : 0ULL, PA_PAGE_SIZE);
    if (is->kind == PA_KIND_EALLOC && m.maps)
        note(is, IMPL_CHK_PAGES, "einit_alloc mapped %zu page%s; the assignment maps "
             "none before the first allocation", m.maps, m.maps == 1 ? "" : "s");
}

static bool init(impl_side *is)
{
    impl_events ev;
    int ret;
    if (!call_ok(is, impl_init(is->proc, (int)is->kind, &ret, &ev)))
        return false;
    check_init_pages(is, apply(is, &ev));
    return true;
}

/* The submission's output goes where allocsh's errors go, unless that is
 * a regular file, which the runner may not grow. */
static int output_fd(void)
{
    struct stat st;
    if (fstat(STDERR_FILENO, &st) != 0 || S_ISREG(st.st_mode))
        return -1;
    return STDERR_FILENO;
}

static bool no_api(impl_side *is)
{
    note(is, IMPL_CHK_NO_API, "the submission has no %s (%s.h's init, cleanup, alloc "
         "and dealloc functions)", is->kind == PA_KIND_EALLOC ? "ealloc.c" : "alloc.c",
         pa_kind_name(is->kind));
    is->dead = is->no_api = true;
    return false;
}

static bool start(impl_side *is)
{
    char err[300];
    unsigned apis = 0;
    if (is->started)
        goto running;
    is->started = true;
    if (!is->so[0])
        return no_api(is);
    if (impl_spawn(is->so, &is->lim, output_fd(), &is->proc, err, sizeof err) != 0) {
        note(is, IMPL_CHK_CRASH, "%s", err);
        is->dead = true;
        return false;
    }
    if (!call_ok(is, impl_hello(is->proc, &apis)))
        return false;
    if (!(apis & (1u << is->kind)))
        return no_api(is);
    is->vsz_start = impl_vsz(is->proc);
    if (!call_ok(is, impl_heap(is->proc, &is->heap_before)) || !init(is))
        return false;
running:
    /* A missing allocator stays what it is: "gone" would read as a crash. */
    if (is->no_api)
        return no_api(is);
    if (is->dead)
        note(is, IMPL_CHK_GONE, "the submission is no longer running");
    return !is->dead;
}

static void check_cleanup(impl_side *is, size_t pages_before, mapped m)
{
    if (is->kind == PA_KIND_ALLOC && is->npages)
        note(is, IMPL_CHK_PAGES, "cleanup_alloc left its page mapped; the assignment "
             "unmaps it");
    if (is->kind == PA_KIND_EALLOC && m.unmaps)
        note(is, IMPL_CHK_PAGES, "ecleanup_alloc unmapped %zu of %zu page%s; the "
             "assignment leaves them mapped", m.unmaps, pages_before,
             pages_before == 1 ? "" : "s");
}

static bool cleanup(impl_side *is)
{
    impl_events ev;
    uint64_t heap;
    int ret;
    size_t before = is->npages;
    if (!call_ok(is, impl_cleanup(is->proc, (int)is->kind, &ret, &ev)))
        return false;
    check_cleanup(is, before, apply(is, &ev));
    if (!call_ok(is, impl_heap(is->proc, &heap)))
        return false;
    if (heap > is->heap_before)
        note(is, IMPL_CHK_LEAK, "%scleanup_alloc left %llu bytes of heap memory in use "
             "(metadata not freed)", is->kind == PA_KIND_EALLOC ? "e" : "",
             (unsigned long long)(heap - is->heap_before));
    return true;
}

/* ------------------------------------------------------------------ */
/* Blocks and their bytes. */

static long block_at(const impl_side *is, uint64_t addr)
{
    size_t lo = 0, hi = is->nblocks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (is->blocks[mid].addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < is->nblocks && is->blocks[lo].addr == addr ? (long)lo : -1;
}

/* The live block whose bytes hold addr, or -1. */
static long block_holding(const impl_side *is, uint64_t addr)
{
    for (size_t i = 0; i < is->nblocks; i++)
        if (addr >= is->blocks[i].addr && addr - is->blocks[i].addr < is->blocks[i].size)
            return (long)i;
    return -1;
}

/* The first live block sharing a byte with [addr, addr + size), or -1. */
static long block_overlapping(const impl_side *is, uint64_t addr, size_t size)
{
    for (size_t i = 0; i < is->nblocks; i++)
        if (is->blocks[i].addr < addr + size && addr < is->blocks[i].addr + is->blocks[i].size)
            return (long)i;
    return -1;
}

/* Every live block's bytes, as the shell last left them. */
static void verify(impl_side *is)
{
    static unsigned char buf[PA_PAGE_SIZE * 4], one[PA_PAGE_SIZE];
    for (size_t p = 0; p < is->npages && !is->dead; p++) {
        const ipage *pg = &is->pages[p];
        size_t len = pg->len < sizeof buf ? (size_t)pg->len : sizeof buf;
        bool any = false;
        for (size_t i = 0; i < is->nblocks; i++)
            any = any || is->blocks[i].page == pg->index;
        if (!any || !call_ok(is, impl_read(is->proc, pg->base, buf, len)))
            continue;
        for (size_t i = 0; i < is->nblocks; i++) {
            const iblock *b = &is->blocks[i];
            const unsigned char *have = buf + b->offset;
            if (b->page != pg->index)
                continue;
            /* Past what one read of the mapping brought: its own read. */
            if (b->offset + b->size > len) {
                if (b->size > sizeof one) /* no block is over a page */
                    continue;
                if (!call_ok(is, impl_read(is->proc, b->addr, one, b->size)))
                    return;
                have = one;
            }
            for (size_t k = 0; k < b->size; k++) {
                if (have[k] != b->shadow[k]) {
                    note(is, IMPL_CHK_CORRUPTED, "the block at page %zu offset %zu lost "
                         "its bytes (byte %zu changed): metadata kept in the page, or "
                         "blocks that overlap", b->page, b->offset, k);
                    break;
                }
            }
        }
    }
}

/* Where the pointer lies; false, with the failure noted, when it is not a
 * place the assignment allows. */
static bool place(impl_side *is, uint64_t addr, size_t size, iblock *b)
{
    size_t unit = pa_arena_unit(is->ref);
    long p = page_at(is, addr);
    if (p < 0) {
        note(is, IMPL_CHK_POINTER, "%s(%zu) returned a pointer that is not in a page it "
             "mapped with mmap (heap or stack memory?)", fn_name(is, "alloc_mem"), size);
        return false;
    }
    const ipage *pg = &is->pages[p];
    *b = (iblock){addr, size, pg->index, (size_t)(addr - pg->base), NULL, NULL};
    if (b->offset + size > pg->len) {
        note(is, IMPL_CHK_POINTER, "%s(%zu) returned page %zu offset %zu, which runs past "
             "the end of its page", fn_name(is, "alloc_mem"), size, b->page, b->offset);
        return false;
    }
    if (b->offset % unit) {
        note(is, IMPL_CHK_POINTER, "%s(%zu) returned page %zu offset %zu, which is not "
             "a multiple of %zu", fn_name(is, "alloc_mem"), size, b->page, b->offset, unit);
        return false;
    }
    long o = block_overlapping(is, addr, size);
    if (o >= 0) {
        note(is, IMPL_CHK_OVERLAP, "%s(%zu) returned page %zu offset %zu, inside the "
             "live block at page %zu offset %zu", fn_name(is, "alloc_mem"), size,
             b->page, b->offset, is->blocks[o].page, is->blocks[o].offset);
        return false;
    }
    return true;
}

static bool insert_block(impl_side *is, iblock *b)
{
    iblock *v = realloc(is->blocks, (is->nblocks + 1) * sizeof *v);
    if (!v)
        return false;
    is->blocks = v;
    size_t at = is->nblocks;
    while (at > 0 && is->blocks[at - 1].addr > b->addr)
        at--;
    memmove(is->blocks + at + 1, is->blocks + at, (is->nblocks - at) * sizeof *v);
    is->blocks[at] = *b;
    is->nblocks++;
    return true;
}

static size_t bytes_used(const impl_side *is)
{
    size_t used = 0;
    for (size_t i = 0; i < is->nblocks; i++)
        used += is->blocks[i].size;
    return used;
}

/* Takes the new block's bytes as they are as what they must stay: the
 * shell prints them as allocsh's own allocator would (a fresh page is
 * zero, a reused extent holds what it held), and any later change that
 * the shell did not write shows. */
static bool adopt(impl_side *is, iblock *b)
{
    b->shadow = malloc(b->size);
    if (!b->shadow)
        return false;
    if (!call_ok(is, impl_read(is->proc, b->addr, b->shadow, b->size)) ||
        !insert_block(is, b)) {
        free(b->shadow);
        return false;
    }
    if (bytes_used(is) > is->peak_used)
        is->peak_used = bytes_used(is);
    return true;
}

/* ------------------------------------------------------------------ */
/* The operations. */

bool impl_side_size_ok(impl_side *is, size_t size)
{
    uint64_t addr = 0;
    impl_events ev;
    if (pa_size_ok(is->ref, size))
        return true;
    if (size > 0x7fffffff || !start(is))
        return false;
    if (!call_ok(is, impl_alloc(is->proc, (int)is->kind, (int)size, &addr, &ev)))
        return false;
    apply_call(is, &ev);
    if (addr) {
        note(is, IMPL_CHK_SIZE, "%s(%zu) returned a block; the assignment refuses sizes "
             "that are 0, not a multiple of %zu or over %u", fn_name(is, "alloc_mem"),
             size, pa_arena_unit(is->ref), PA_PAGE_SIZE);
        if (call_ok(is, impl_free(is->proc, (int)is->kind, addr, &ev)))
            apply_call(is, &ev);
    }
    verify(is);
    return false;
}

/* What the reference did with the same request. */
typedef struct ref_step {
    pa_status st;
    void *p;
    pa_where where;
    size_t pages_before;
} ref_step;

static void compare(impl_side *is, const ref_step *rs, const iblock *b, mapped m)
{
    const char *fn = fn_name(is, "alloc_mem");
    if (rs->st != PA_OK && is->kind == PA_KIND_EALLOC &&
        is->npages > pa_arena_max_pages(is->ref))
        note(is, IMPL_CHK_PAGES, "%s(%zu) mapped page %zu; the limit is %zu pages", fn,
             b->size, is->npages - 1, pa_arena_max_pages(is->ref));
    else if (rs->st != PA_OK)
        note(is, IMPL_CHK_PLACEMENT, "%s(%zu) returned page %zu offset %zu; the "
             "assignment has no room for it", fn, b->size, b->page, b->offset);
    else if (!is->diverged && (rs->where.page != b->page || rs->where.offset != b->offset))
        note(is, IMPL_CHK_PLACEMENT, "%s(%zu): expected page %zu offset %zu, got page %zu "
             "offset %zu", fn, b->size, rs->where.page, rs->where.offset, b->page, b->offset);
    else if (!is->diverged && m.maps && pa_arena_page_count(is->ref) == rs->pages_before)
        note(is, IMPL_CHK_PAGES, "%s(%zu) mapped a new page although a mapped page could "
             "hold it", fn, b->size);
    if (is->fail == IMPL_CHK_PLACEMENT)
        is->diverged = true;
}

static pa_status refused(impl_side *is, ref_step *rs)
{
    is->failures++;
    if (rs->st == PA_OK && !is->diverged)
        note(is, IMPL_CHK_PLACEMENT, "%s(%zu) returned NULL; the assignment places it at "
             "page %zu offset %zu", fn_name(is, "alloc_mem"), rs->where.size,
             rs->where.page, rs->where.offset);
    if (rs->st == PA_OK)
        pa_free(is->ref, rs->p); /* keep the reference in step */
    verify(is);
    return PA_ENOSPACE;
}

pa_status impl_side_alloc(impl_side *is, size_t size, void **out)
{
    ref_step rs = {PA_ENOSPACE, NULL, {0, 0, size}, pa_arena_page_count(is->ref)};
    uint64_t addr = 0;
    impl_events ev;
    iblock b;
    if (!start(is))
        return PA_ENOSPACE;
    rs.st = pa_alloc(is->ref, size, &rs.p);
    if (rs.st == PA_OK)
        pa_locate(is->ref, rs.p, &rs.where);
    if (!call_ok(is, impl_alloc(is->proc, (int)is->kind, (int)size, &addr, &ev)))
        return refused(is, &rs);
    mapped m = apply_call(is, &ev);
    if (!addr || !place(is, addr, size, &b))
        return refused(is, &rs);
    compare(is, &rs, &b, m);
    b.ref = rs.st == PA_OK ? rs.p : NULL;
    if (!adopt(is, &b))
        return refused(is, &rs);
    is->allocs++;
    verify(is);
    *out = (void *)(uintptr_t)addr;
    return PA_OK;
}

pa_status impl_side_free_block(impl_side *is, void *ptr)
{
    long i = block_at(is, (uint64_t)(uintptr_t)ptr);
    impl_events ev;
    if (i < 0)
        return PA_EUNKNOWN;
    iblock b = is->blocks[i];
    memmove(is->blocks + i, is->blocks + i + 1, (is->nblocks - (size_t)i - 1) * sizeof b);
    is->nblocks--;
    if (b.ref)
        pa_free(is->ref, b.ref);
    free(b.shadow);
    is->frees++;
    if (!start(is) || !call_ok(is, impl_free(is->proc, (int)is->kind, b.addr, &ev)))
        return PA_OK; /* the block is gone with the submission */
    apply_call(is, &ev);
    verify(is);
    return PA_OK;
}

pa_status impl_side_reset(impl_side *is)
{
    pa_status st = pa_reset(is->ref);
    if (st != PA_OK)
        return st;
    if (start(is) && cleanup(is)) {
        drop_blocks(is);
        is->npages = 0;
        is->next_index = 0;
        init(is);
    }
    drop_blocks(is);
    is->diverged = false;
    is->peak_used = 0;
    is->peak_pages = is->npages;
    is->allocs = is->frees = is->failures = 0;
    return PA_OK;
}

pa_status impl_side_locate(const impl_side *is, const void *ptr, pa_where *where)
{
    long i = block_at(is, (uint64_t)(uintptr_t)ptr);
    if (i < 0)
        return PA_EUNKNOWN;
    if (where)
        *where = (pa_where){is->blocks[i].page, is->blocks[i].offset, is->blocks[i].size};
    return PA_OK;
}

/* Calls fn on the gap [from, to) of a page as a free extent. */
static int gap(const ipage *pg, size_t from, size_t to, pa_walk_fn fn, void *ctx)
{
    if (to <= from)
        return 0;
    pa_item it = {PA_ITEM_FREE, pg->index, from, to - from,
                  (void *)(uintptr_t)(pg->base + from)};
    return fn(&it, ctx);
}

int impl_side_walk(impl_side *is, pa_walk_fn fn, void *ctx)
{
    if (!start(is))
        return 0;
    for (size_t p = 0; p < is->npages; p++) {
        const ipage *pg = &is->pages[p];
        pa_item page = {PA_ITEM_PAGE, pg->index, 0, (size_t)pg->len,
                        (void *)(uintptr_t)pg->base};
        size_t at = 0;
        int stop = fn(&page, ctx);
        for (size_t i = 0; !stop && i < is->nblocks; i++) {
            const iblock *b = &is->blocks[i];
            if (b->page != pg->index)
                continue;
            pa_item it = {PA_ITEM_BLOCK, pg->index, b->offset, b->size,
                          (void *)(uintptr_t)b->addr};
            stop = gap(pg, at, b->offset, fn, ctx) || fn(&it, ctx);
            at = b->offset + b->size;
        }
        if (stop || gap(pg, at, (size_t)pg->len, fn, ctx))
            return 1;
    }
    return 0;
}

static int count(const pa_item *it, void *ctx)
{
    pa_stats *st = ctx;
    if (it->kind == PA_ITEM_FREE) {
        st->bytes_free += it->size;
        st->extents++;
        if (it->size > st->largest)
            st->largest = it->size;
    }
    return 0;
}

void impl_side_stats(impl_side *is, pa_stats *st)
{
    pa_stats ref;
    memset(st, 0, sizeof *st);
    start(is);
    pa_get_stats(is->ref, &ref);
    st->searched = ref.searched;
    st->last_searched = ref.last_searched;
    impl_side_walk(is, count, st);
    st->pages = is->npages;
    st->peak_pages = is->peak_pages;
    st->bytes_used = bytes_used(is);
    st->peak_used = is->peak_used;
    st->blocks = is->nblocks;
    st->allocs = is->allocs;
    st->frees = is->frees;
    st->failures = is->failures;
}

void impl_side_read(impl_side *is, const void *addr, void *buf, size_t len)
{
    memset(buf, 0, len);
    if (start(is))
        call_ok(is, impl_read(is->proc, (uint64_t)(uintptr_t)addr, buf, len));
}

void impl_side_write(impl_side *is, void *addr, const void *buf, size_t len)
{
    uint64_t a = (uint64_t)(uintptr_t)addr;
    long i = block_holding(is, a);
    if (i >= 0 && a + len <= is->blocks[i].addr + is->blocks[i].size)
        memcpy(is->blocks[i].shadow + (a - is->blocks[i].addr), buf, len);
    if (start(is) && call_ok(is, impl_write(is->proc, a, buf, len)))
        verify(is);
}

void impl_side_info(impl_side *is, impl_info *out)
{
    uint64_t heap = 0;
    bool running = is->started && !is->dead;
    if (running && !call_ok(is, impl_heap(is->proc, &heap)))
        running = false;
    *out = (impl_info){is->so, is->started, running,
                       running ? impl_vsz(is->proc) : 0, is->vsz_start, heap,
                       is->heap_before, is->npages, is->peak_pages, NULL, NULL};
}
