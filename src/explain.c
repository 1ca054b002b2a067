/* SPDX-License-Identifier: GPL-3.0-or-later */
/* explain.c - why the allocator did what it did: the extents a search
 * visited and the policy's verdict on each, the split, and the merges of
 * a free, in words a student can follow.  The library's trace events say
 * what was decided (pa_event.verdict, PA_EV_WRAP); this file only words
 * them, and decides nothing again. */
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "render.h"

void explain_record(const pa_event *ev, void *ctx)
{
    shell *sh = ctx;
    if (!sh->tracing)
        return;
    if (sh->nevents == sh->capevents) {
        size_t cap = sh->capevents ? sh->capevents * 2 : 32;
        pa_event *v = realloc(sh->events, cap * sizeof *v);
        if (!v)
            return; /* an explanation with a gap beats a failed command */
        sh->events = v;
        sh->capevents = cap;
    }
    sh->events[sh->nevents++] = *ev;
}

/* The policy's verdict on one visited extent, in words. */
static const char *verdict(pa_policy policy, const pa_event *ev)
{
    switch (ev->verdict) {
    case PA_V_TOO_SMALL:
        return "too small";
    case PA_V_NOT_BETTER:
        return policy == PA_FIT_WORST ? "fits, but is no larger than the largest so far"
                                      : "fits, but is no smaller than the smallest so far";
    case PA_V_CANDIDATE:
        if (policy == PA_FIT_WORST)
            return "fits: the largest so far";
        return "fits: the smallest so far";
    case PA_V_CHOSEN:
        return "fits";
    default:
        return ev->fits ? "fits" : "too small";
    }
}

/* What a search knows as it goes, for the words on each event. */
typedef struct search {
    pa_policy policy;
    size_t need;
    size_t visited;
    bool heap;        /* one page, shown by address from origin */
    size_t origin;
    char at[64];      /* where the event is, in words */
} search;

/* "page 0 [256, 512)", or a heap's "[1256, 1512)". */
static const char *where(search *s, size_t page, size_t off, size_t end)
{
    if (s->heap)
        snprintf(s->at, sizeof s->at, "[%zu, %zu)", s->origin + off, s->origin + end);
    else
        snprintf(s->at, sizeof s->at, "page %zu [%zu, %zu)", page, off, end);
    return s->at;
}

static search search_of(const shell *sh, size_t need)
{
    const side *sd = &sh->sides[sh->current];
    search s = {pa_arena_policy(sd->arena), need, 0,
                pa_arena_kind(sd->arena) == PA_KIND_HEAP, sd->origin, ""};
    return s;
}

static void describe(search *s, const pa_event *ev, lines *l)
{
    size_t end = ev->offset + ev->size;
    switch (ev->kind) {
    case PA_EV_RESUME:
        lines_add(l, "  resuming where the last allocation ended: page %zu offset %zu",
                  ev->page, ev->offset);
        break;
    case PA_EV_WRAP:
        lines_add(l, "  wrapped around to the first page");
        break;
    case PA_EV_SKIP_PAGE:
        if (ev->size == 0)
            lines_add(l, "  page %zu skipped: it is full", ev->page);
        else
            lines_add(l, "  page %zu skipped: its largest free extent is %zu bytes",
                      ev->page, ev->size);
        break;
    case PA_EV_VISIT:
        s->visited++;
        lines_add(l, "  %s %zu bytes: %s", where(s, ev->page, ev->offset, end),
                  ev->size, verdict(s->policy, ev));
        break;
    case PA_EV_MAP_PAGE:
        lines_add(l, "  no mapped page can hold it, so page %zu is mapped", ev->page);
        break;
    case PA_EV_CHOOSE:
        lines_add(l, "  chosen: %s", where(s, ev->page, ev->offset, end));
        break;
    case PA_EV_SPLIT:
        where(s, ev->page, ev->offset, end);
        lines_add(l, "  split: %zu bytes taken from its start, %s stays free", s->need,
                  s->heap ? s->at : strchr(s->at, '['));
        break;
    case PA_EV_EXACT:
        lines_add(l, "  exact fit: the whole extent is used, no split");
        break;
    default:
        break;
    }
}

static void explain_alloc(const shell *sh, const result *r, lines *l)
{
    const pa_arena *a = sh->sides[sh->current].arena;
    search s = search_of(sh, pa_block_size(a, r->u.block.len));
    if (s.need != r->u.block.len)
        lines_add(l, "%s fit for %zu bytes (%zu with alignment and header):",
                  pa_policy_name(s.policy), r->u.block.len, s.need);
    else
        lines_add(l, "%s fit for %zu bytes:", pa_policy_name(s.policy), s.need);
    for (size_t i = 0; i < sh->nevents; i++)
        describe(&s, &sh->events[i], l);
    if (!r->ok && r->kind_of_error == ERR_OUT_OF_MEMORY)
        lines_add(l, "  no free extent is large enough");
    lines_add(l, "  searched %zu extent%s", s.visited, plural(s.visited));
}

/* Where a heap's free puts the block in its list, in words. */
static const char *placed(pa_order order)
{
    switch (order) {
    case PA_ORDER_FRONT: return "at the front";
    case PA_ORDER_BACK: return "at the back";
    case PA_ORDER_SIZE_UP: return "at the back, then the list is sorted by size, smallest first";
    case PA_ORDER_SIZE_DOWN: return "at the back, then the list is sorted by size, largest first";
    default: return "in address order";
    }
}

static void explain_free(const shell *sh, const result *r, lines *l)
{
    const pa_arena *a = sh->sides[sh->current].arena;
    search s = search_of(sh, 0);
    size_t start = r->u.block.where.offset, end = start + r->u.block.where.size;
    if (s.heap)
        lines_add(l, "freeing %s:", where(&s, 0, start, end));
    else
        lines_add(l, "freeing [%zu, %zu) on page %zu:", start, end, r->u.block.where.page);
    for (size_t i = 0; i < sh->nevents; i++) {
        const pa_event *ev = &sh->events[i];
        if (ev->kind == PA_EV_MERGE_LEFT) {
            where(&s, ev->page, ev->offset, ev->offset + ev->size);
            lines_add(l, "  merges with the free extent %s on its left",
                      strchr(s.at, '['));
            start = ev->offset;
        } else if (ev->kind == PA_EV_MERGE_RIGHT) {
            where(&s, ev->page, ev->offset, ev->offset + ev->size);
            lines_add(l, "  merges with the free extent %s on its right",
                      strchr(s.at, '['));
            end = ev->offset + ev->size;
        } else if (ev->kind == PA_EV_NEW_EXTENT && s.heap) {
            lines_add(l, "  it joins the free list %s", placed(pa_arena_order(a)));
            if (!pa_arena_coalesce(a))
                lines_add(l, "  coalescing is off: no extent merges with it");
        } else if (ev->kind == PA_EV_NEW_EXTENT) {
            lines_add(l, "  no free neighbour: it becomes a free extent of its own");
        }
    }
    lines_add(l, "  free extent now %s, %zu bytes", strchr(where(&s, 0, start, end), '['),
              end - start);
}

void explain_lines(const shell *sh, const result *r, lines *out)
{
    memset(out, 0, sizeof *out);
    if (r->explain_as == EXPLAIN_ALLOC)
        explain_alloc(sh, r, out);
    else if (r->explain_as == EXPLAIN_FREE && r->ok)
        explain_free(sh, r, out);
}
