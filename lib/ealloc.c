/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* ealloc.c - the assignment's elastic allocator: pages on demand.
 *
 * The assignment has ecleanup_alloc() free the metadata but leave the
 * pages mapped.  Those pages are not lost: the default arena's unmap hook
 * keeps them here, and its map hook hands them out again before asking
 * mmap() for more, so init/cleanup cycles never map more pages than were
 * ever needed at once.
 */
#include <stdlib.h>

#include "ealloc.h"
#include "seed.h"

static void **kept;
static size_t nkept, capkept;

static void *reuse_or_map(size_t len, void *ctx)
{
    if (nkept)
        return kept[--nkept];
    return pa_sys_default()->map_page(len, ctx);
}

static void keep(void *page, size_t len, void *ctx)
{
    if (nkept == capkept) {
        size_t cap = capkept ? capkept * 2 : 4;
        void **grown = realloc(kept, cap * sizeof *grown);
        if (!grown) {
            pa_sys_default()->unmap_page(page, len, ctx);
            return;
        }
        kept = grown;
        capkept = cap;
    }
    kept[nkept++] = page;
}

static const pa_sys keeping = {reuse_or_map, keep, NULL, NULL, NULL};
static pa_seed_slot slot = {NULL, PA_KIND_EALLOC, PA_EALLOC_DEFAULT_MAX_PAGES,
                            &keeping};

int einit_alloc(void) { return pa_seed_init(&slot); }
int ecleanup_alloc(void) { return pa_seed_cleanup(&slot); }
char *ealloc_mem(int size) { return pa_seed_alloc(&slot, size); }
void edealloc_mem(char *ptr) { pa_seed_free(&slot, ptr); }
pa_arena *pa_default_ealloc(void) { return slot.arena; }
pa_status ealloc_set_max_pages(size_t n)
{
    return pa_seed_set_max_pages(&slot, n);
}
