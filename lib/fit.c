/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* fit.c - choosing a free extent: the fit policy is a parameter of one scan.
 *
 * Every policy walks pages in mapping order and each page's free list in
 * its order (address order, but for a heap kept otherwise), so ties go to
 * the extent met first.  First fit stops at the first extent large enough;
 * next fit does the same from the extent holding or following the end of
 * the previous allocation, wrapping around; best and worst fit look at the
 * whole list and keep the first smallest (largest) extent that fits, which
 * is how malloc.py searches and counts.  Only ealloc skips a page whose
 * largest extent cannot serve first or next fit: that is what its index
 * lets it do, and "searched" counts what it visits.
 *
 * That walk is what explain traces, so it runs whenever a trace hook is
 * set.  Otherwise an ealloc arena asks its index (index.c) and scans one
 * page, and the one-page kinds scan their page directly.
 */
#include <stdint.h>

#include "arena.h"

typedef struct scan {
    size_t need;     /* the request */
    pa_policy policy;
} scan;

static pa_verdict verdict(const scan *s, const pa_extent *e, const pa_fit *fit)
{
    if (e->size < s->need)
        return PA_V_TOO_SMALL;
    if (s->policy == PA_FIT_FIRST || s->policy == PA_FIT_NEXT)
        return PA_V_CHOSEN;
    if (!fit->ext || (s->policy == PA_FIT_BEST ? e->size < fit->ext->size
                                               : e->size > fit->ext->size))
        return PA_V_CANDIDATE;
    return PA_V_NOT_BETTER;
}

/* Looks at one extent, reports the verdict on it and keeps it in fit when
 * it is the best so far; returns non-zero when the search may stop. */
static int judge(pa_arena *a, const scan *s, pa_page *pg, pa_extent *prev,
                 pa_extent *e, pa_fit *fit)
{
    pa_verdict v = verdict(s, e, fit);
    a->last_searched++;
    pa_emit_visit(a, pg->index, e, v);
    if (v == PA_V_CANDIDATE || v == PA_V_CHOSEN) {
        fit->page = pg;
        fit->prev = prev;
        fit->ext = e;
    }
    return v == PA_V_CHOSEN;
}

/* Reports PA_EV_WRAP once, before the first thing looked at past the
 * last page. */
static void note_wrap(const pa_arena *a, int past_end, int *wrapped)
{
    if (past_end && !*wrapped) {
        *wrapped = 1;
        pa_emit(a, PA_EV_WRAP, 0, 0, 0, 0);
    }
}

/* Walks from (page cp, offset co) around to just before it again. */
static void walk_from(pa_arena *a, const scan *s, size_t cp, size_t co,
                      pa_fit *fit)
{
    size_t n = a->npages;
    int wrapped = 0;
    for (size_t k = 0; k <= n && n > 0; k++) {
        pa_page *pg = a->pages[(cp + k) % n];
        int first = k == 0, last = k == n, past_end = cp + k >= n;
        if (a->kind == PA_KIND_EALLOC && pg->largest < s->need &&
            (s->policy == PA_FIT_FIRST || s->policy == PA_FIT_NEXT)) {
            if (!last) {
                note_wrap(a, past_end, &wrapped);
                pa_emit(a, PA_EV_SKIP_PAGE, pg->index, 0, pg->largest, 0);
            }
            continue;
        }
        pa_extent *prev = NULL;
        for (pa_extent *e = pg->free_list; e; prev = e, e = e->next) {
            size_t end = e->offset + e->size;
            if (first && end <= co)
                continue;
            if (last && end > co)
                break;
            note_wrap(a, past_end, &wrapped);
            if (judge(a, s, pg, prev, e, fit))
                return;
        }
    }
}

/* The fast path (ealloc, no trace hook): the index names the page, a scan
 * of that page's list (at most 16 extents) names the extent.  Each
 * returns the number of extents the walk above would have visited, so
 * that "searched" stays the teaching figure without the walk. */

/* Visits the extents of pg ending after lo and at most at hi, stopping at
 * the first whose size is in [min, max]; returns how many it visited. */
static size_t scan_page(pa_page *pg, size_t lo, size_t hi, size_t min,
                        size_t max, pa_fit *fit)
{
    size_t visited = 0;
    pa_extent *prev = NULL;
    for (pa_extent *e = pg->free_list; e; prev = e, e = e->next) {
        size_t end = e->offset + e->size;
        if (end <= lo)
            continue;
        if (end > hi)
            break;
        visited++;
        if (e->size >= min && e->size <= max) {
            fit->page = pg;
            fit->prev = prev;
            fit->ext = e;
            break;
        }
    }
    return visited;
}

/* First fit: every page before the first that can serve is skipped. */
static size_t fast_first(pa_arena *a, size_t need, pa_fit *fit)
{
    size_t p = pa_ix_next(a, need / a->unit, 0);
    if (p == PA_IX_NONE)
        return 0;
    return scan_page(a->pages[p], 0, SIZE_MAX, need, SIZE_MAX, fit);
}

/* Next fit: the cursor's page from the cursor on, the pages after it,
 * the pages before it, and last the cursor's page up to the cursor. */
static size_t fast_next(pa_arena *a, size_t need, size_t cp, size_t co,
                        pa_fit *fit)
{
    size_t visited = 0, k = need / a->unit;
    pa_page *cur = a->pages[cp];
    if (cur->largest >= need) {
        visited = scan_page(cur, co, SIZE_MAX, need, SIZE_MAX, fit);
        if (fit->ext)
            return visited;
    }
    size_t p = pa_ix_next(a, k, cp + 1);
    if (p == PA_IX_NONE) {
        p = pa_ix_next(a, k, 0); /* wrapped: nothing fits after cp */
        if (p == PA_IX_NONE)
            return visited;
        if (p == cp)
            return visited + scan_page(cur, 0, co, need, SIZE_MAX, fit);
    }
    return visited + scan_page(a->pages[p], 0, SIZE_MAX, need, SIZE_MAX, fit);
}

/* Worst and best fit visit every extent: the index names the lowest page
 * holding the largest extent there is (worst) or the smallest that fits
 * (best), and that page's scan names the extent. */
static size_t fast_worst(pa_arena *a, size_t need, pa_fit *fit)
{
    size_t top = pa_ix_top(a) * a->unit;
    if (top >= need) {
        size_t p = pa_ix_first_of(a, top / a->unit);
        scan_page(a->pages[p], 0, SIZE_MAX, top, top, fit);
    }
    return a->nextents;
}

static size_t fast_best(pa_arena *a, size_t need, pa_fit *fit)
{
    size_t c = pa_ix_lowest(a, need / a->unit);
    if (c != 0) {
        size_t p = pa_ix_first_of(a, c);
        scan_page(a->pages[p], 0, SIZE_MAX, c * a->unit, c * a->unit, fit);
    }
    return a->nextents;
}

/* The one-page kinds without a trace: the walk's choice and count
 * without its per-page bookkeeping.  Best and worst fit keep the first
 * smallest (largest) extent that fits, and visit every one. */
static size_t scan_extreme(pa_page *pg, size_t need, int worst, pa_fit *fit)
{
    pa_extent *prev = NULL;
    for (pa_extent *e = pg->free_list; e; prev = e, e = e->next) {
        if (e->size < need)
            continue;
        if (!fit->ext || (worst ? e->size > fit->ext->size
                                : e->size < fit->ext->size)) {
            fit->page = pg;
            fit->prev = prev;
            fit->ext = e;
        }
    }
    return pg->extents;
}

static size_t fast_one(pa_arena *a, size_t need, size_t co, pa_fit *fit)
{
    pa_page *pg = a->pages[0];
    size_t visited;
    switch (a->policy) {
    case PA_FIT_BEST:
    case PA_FIT_WORST:
        return scan_extreme(pg, need, a->policy == PA_FIT_WORST, fit);
    case PA_FIT_NEXT:
        visited = scan_page(pg, co, SIZE_MAX, need, SIZE_MAX, fit);
        if (fit->ext)
            return visited;
        return visited + scan_page(pg, 0, co, need, SIZE_MAX, fit);
    default:
        return scan_page(pg, 0, SIZE_MAX, need, SIZE_MAX, fit);
    }
}

static size_t fast_find(pa_arena *a, size_t need, size_t cp, size_t co,
                        pa_fit *fit)
{
    if (a->npages == 0)
        return 0;
    if (a->kind != PA_KIND_EALLOC)
        return fast_one(a, need, co, fit);
    switch (a->policy) {
    case PA_FIT_BEST:
        return fast_best(a, need, fit);
    case PA_FIT_WORST:
        return fast_worst(a, need, fit);
    case PA_FIT_NEXT:
        return fast_next(a, need, cp, co, fit);
    default:
        return fast_first(a, need, fit);
    }
}

int pa_fit_find(pa_arena *a, size_t size, pa_fit *fit)
{
    scan s = {size, a->policy};
    size_t cp = 0, co = 0;

    fit->page = NULL;
    fit->prev = fit->ext = NULL;
    a->last_searched = 0;
    if (a->policy == PA_FIT_NEXT && a->cursor_page < a->npages) {
        cp = a->cursor_page;
        co = a->cursor_off;
    }
    if (!a->trace) {
        a->last_searched = fast_find(a, size, cp, co, fit);
        a->searched += a->last_searched;
        return fit->ext != NULL;
    }
    if (a->policy == PA_FIT_NEXT)
        pa_emit(a, PA_EV_RESUME, cp, co, 0, 0);
    walk_from(a, &s, cp, co, fit);
    a->searched += a->last_searched;
    if (fit->ext)
        pa_emit(a, PA_EV_CHOOSE, fit->page->index, fit->ext->offset,
                fit->ext->size, 1);
    return fit->ext != NULL;
}
