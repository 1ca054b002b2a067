/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_check.c - pa_check must see what it promises to: each invariant is
 * broken by hand, through the arena's internal layout (this test alone
 * reads lib/arena.h), and pa_check must name it; put right again, it must
 * pass.  A check that cannot fail would let --check and the fuzz harness
 * pass over real corruption. */
#include <string.h>

#include "arena.h"
#include "tap.h"

/* An ealloc arena with two pages, a hole in each and a block either side. */
static pa_arena *two_pages(void)
{
    pa_config cfg;
    pa_arena *a;
    void *p[4];
    pa_config_init(&cfg, PA_KIND_EALLOC);
    pa_create(&cfg, &a);
    pa_alloc(a, 2048, &p[0]);
    pa_alloc(a, 3072, &p[1]); /* does not fit page 0's rest: page 1 */
    pa_alloc(a, 512, &p[2]);
    pa_alloc(a, 256, &p[3]);
    pa_free(a, p[2]);
    return a;
}

/* pa_check fails with a message holding want, then passes once undone. */
static void caught(pa_arena *a, const char *what, const char *want)
{
    char msg[160] = "";
    pa_status st = pa_check(a, msg, sizeof msg);
    TAP_OK(st == PA_ECORRUPT && strstr(msg, want), "%s: caught (%s)", what, msg);
}

static void passes(const pa_arena *a, const char *what)
{
    char msg[160] = "";
    TAP_OK(pa_check(a, msg, sizeof msg) == PA_OK, "%s: passes%s%s", what,
           *msg ? ": " : "", msg);
}

int main(void)
{
    pa_arena *a = two_pages();
    pa_page *pg = a->pages[0];
    passes(a, "the arena as built");

    uint64_t *word = &a->ix.has[pg->largest / PA_EALLOC_UNIT].lvl[0][0];
    *word ^= 1; /* page 0's bit for its largest class */
    caught(a, "an index bit dropped", "search index is stale");
    *word ^= 1;
    passes(a, "the index bit restored");

    uint32_t top = (uint32_t)1 << (pg->largest / PA_EALLOC_UNIT);
    pg->clsmask ^= top;
    caught(a, "a page's class bit dropped", "search index is stale");
    pg->clsmask ^= top;

    a->ix.present ^= top;
    caught(a, "a class present dropped", "class summary is stale");
    a->ix.present ^= top;

    a->ix.present ^= (uint32_t)1 << PA_CLASSES;
    caught(a, "a class past the last present", "class summary is stale");
    a->ix.present ^= (uint32_t)1 << PA_CLASSES;

    pg->clsmask ^= (uint32_t)1 << PA_CLASSES;
    caught(a, "a page's class past the last", "search index is stale");
    pg->clsmask ^= (uint32_t)1 << PA_CLASSES;

    size_t *lowest = &a->ix.has[pg->largest / PA_EALLOC_UNIT].lowest;
    (*lowest)++;
    caught(a, "a class's lowest page moved", "class summary is stale");
    (*lowest)--;

    a->ix.pages_with[1]++;
    caught(a, "a class total miscounted", "class summary is stale");
    a->ix.pages_with[1]--;
    passes(a, "the class figures restored");

    pg->largest += PA_EALLOC_UNIT;
    caught(a, "a largest extent overstated", "cached extent figures are stale");
    pg->largest -= PA_EALLOC_UNIT;

    pg->free_bytes += 8;
    caught(a, "free bytes overstated", "cached extent figures are stale");
    pg->free_bytes -= 8;

    pa_pg_len(pg)[0]--; /* the 2048-byte block at offset 0 */
    caught(a, "a block's length cut short", "unit at 1792 is lost");
    pa_pg_len(pg)[0]++;

    pg->free_list->offset += PA_EALLOC_UNIT;
    caught(a, "an extent moved onto a block", "page 0");
    pg->free_list->offset -= PA_EALLOC_UNIT;

    a->bytes_used++;
    caught(a, "the bytes in use miscounted", "block totals are stale");
    a->bytes_used--;

    a->nextents++;
    caught(a, "the extent count miscounted", "count of free extents is stale");
    a->nextents--;
    passes(a, "every corruption undone");
    pa_destroy(a);
    return tap_done();
}
