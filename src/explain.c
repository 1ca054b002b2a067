/* explain.c - why the allocator did what it did: the extents a search
 * visited and the verdict on each under the policy, the split, and the
 * merges of a free, in words a student can follow. */
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

/* The verdict on one visited extent; best tracks the best fit so far. */
static const char *verdict(pa_policy policy, const pa_event *ev, size_t need,
                           size_t threshold, size_t *best)
{
    if (!ev->fits)
        return "too small";
    switch (policy) {
    case PA_FIT_BEST:
        if (*best && ev->size >= *best)
            return "fits, but is no smaller than the best so far";
        *best = ev->size;
        return ev->size == need ? "fits exactly: the best there can be"
                                : "fits: the best so far";
    case PA_FIT_WORST:
        return ev->size < threshold ? "fits, but is not the largest" : "the largest";
    default:
        return "fits";
    }
}

/* What a search knows as it goes, for the words on each event. */
typedef struct search {
    pa_policy policy;
    size_t need;
    size_t threshold;      /* worst fit: the largest extent there is */
    size_t best;           /* best fit: the smallest fit so far */
    size_t from_page, from_off; /* next fit: where it resumed */
    bool wrapped;
    size_t visited;
} search;

/* Worst fit takes the largest extent: the largest one the search saw. */
static size_t largest_visited(const shell *sh, size_t need)
{
    size_t largest = need;
    for (size_t i = 0; i < sh->nevents; i++)
        if (sh->events[i].kind == PA_EV_VISIT && sh->events[i].size > largest)
            largest = sh->events[i].size;
    return largest;
}

/* Next fit has wrapped once it looks before where it resumed. */
static void note_wrap(search *s, const pa_event *ev, lines *l)
{
    bool looks = ev->kind == PA_EV_VISIT || ev->kind == PA_EV_SKIP_PAGE;
    bool before = ev->page < s->from_page ||
                  (ev->kind == PA_EV_VISIT && ev->page == s->from_page &&
                   ev->offset + ev->size <= s->from_off);
    if (s->policy == PA_FIT_NEXT && !s->wrapped && looks && before) {
        s->wrapped = true;
        lines_add(l, "  wrapped around to the first page");
    }
}

static void describe(search *s, const pa_event *ev, lines *l)
{
    size_t end = ev->offset + ev->size;
    switch (ev->kind) {
    case PA_EV_RESUME:
        s->from_page = ev->page;
        s->from_off = ev->offset;
        lines_add(l, "  resuming where the last allocation ended: page %zu offset %zu",
                  ev->page, ev->offset);
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
        lines_add(l, "  page %zu [%zu, %zu) %zu bytes: %s", ev->page, ev->offset, end,
                  ev->size, verdict(s->policy, ev, s->need, s->threshold, &s->best));
        break;
    case PA_EV_MAP_PAGE:
        lines_add(l, "  no mapped page can hold it, so page %zu is mapped", ev->page);
        break;
    case PA_EV_CHOOSE:
        lines_add(l, "  chosen: page %zu [%zu, %zu)", ev->page, ev->offset, end);
        break;
    case PA_EV_SPLIT:
        lines_add(l, "  split: %zu bytes taken from its start, [%zu, %zu) stays free",
                  s->need, ev->offset, end);
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
    search s = {pa_arena_policy(sh->sides[sh->current].arena), r->u.block.len,
                largest_visited(sh, r->u.block.len), 0, 0, 0, false, 0};
    lines_add(l, "%s fit for %zu bytes:", pa_policy_name(s.policy), s.need);
    for (size_t i = 0; i < sh->nevents; i++) {
        note_wrap(&s, &sh->events[i], l);
        describe(&s, &sh->events[i], l);
    }
    if (!r->ok && r->kind_of_error == ERR_OUT_OF_MEMORY)
        lines_add(l, "  no free extent is large enough");
    lines_add(l, "  searched %zu extent%s", s.visited, plural(s.visited));
}

static void explain_free(const shell *sh, const result *r, lines *l)
{
    size_t start = r->u.block.where.offset, end = start + r->u.block.where.size;
    lines_add(l, "freeing [%zu, %zu) on page %zu:", start, end, r->u.block.where.page);
    for (size_t i = 0; i < sh->nevents; i++) {
        const pa_event *ev = &sh->events[i];
        if (ev->kind == PA_EV_MERGE_LEFT) {
            lines_add(l, "  merges with the free extent [%zu, %zu) on its left",
                ev->offset, ev->offset + ev->size);
            start = ev->offset;
        } else if (ev->kind == PA_EV_MERGE_RIGHT) {
            lines_add(l, "  merges with the free extent [%zu, %zu) on its right",
                ev->offset, ev->offset + ev->size);
            end = ev->offset + ev->size;
        } else if (ev->kind == PA_EV_NEW_EXTENT) {
            lines_add(l, "  no free neighbour: it becomes a free extent of its own");
        }
    }
    lines_add(l, "  free extent now [%zu, %zu), %zu bytes", start, end, end - start);
}

void explain_lines(const shell *sh, const result *r, lines *out)
{
    memset(out, 0, sizeof *out);
    if (r->explain_as == EXPLAIN_ALLOC)
        explain_alloc(sh, r, out);
    else if (r->explain_as == EXPLAIN_FREE && r->ok)
        explain_free(sh, r, out);
}
