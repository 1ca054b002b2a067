/* side.h - one allocator of the session, as the commands see it: every
 * command reaches its allocator through these functions, never through
 * the library directly, so that another back end can stand behind them. */
#ifndef ALLOCSH_SIDE_H
#define ALLOCSH_SIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "names.h"
#include "pagealloc.h"

struct impl_side;

/* One allocator and the names of its live blocks.  With --impl the
 * allocator is the submission, and arena is its reference. */
typedef struct side {
    pa_arena *arena;
    struct impl_side *impl;
    names names;
    size_t origin;    /* the address shown for offset 0 of a heap, else 0 */
} side;

/* What the renderers show of an allocator: its settings and figures,
 * taken when the command ran. */
typedef struct arena_view {
    pa_kind kind;
    pa_policy policy;
    size_t unit, max_pages, pages;
    size_t page_size;         /* 4096, or a heap's size */
    size_t origin;            /* side.origin */
    size_t align, header;     /* a heap's; 0 otherwise */
    pa_order order;
    bool coalesce;
    pa_stats st;
} arena_view;

/* Every page, block and free extent of a side, with each block's name,
 * collected by one walk so that renderers can read it more than once. */
typedef struct layout {
    arena_view view;
    pa_item *items;
    const char **labels;   /* a block's name, NULL for pages and extents */
    size_t n, cap;
    pa_item *free_list;    /* the free extents in the list's own order */
    size_t nfree;
    bool lost;             /* memory ran out collecting the walk */
    bool as_json;          /* map json: shown as the JSON object */
    bool zoomed;           /* map page: these pages drawn in full */
} layout;

/* Whether the side has been used: a submission's runner starts at its
 * first use, and a side never used is not checked. */
bool side_in_use(const side *sd);
/* Whether the allocator takes size (pa_size_ok). */
bool side_size_ok(const side *sd, size_t size);
pa_status side_alloc(side *sd, size_t size, void **out);
/* side_alloc, and where the block went, as side_locate would say. */
pa_status side_alloc_where(side *sd, size_t size, void **out, pa_where *where);
/* The extents the latest search visited (pa_stats's last_searched). */
size_t side_last_searched(const side *sd);
/* The configuration that makes an allocator like sd's: kind, policy, page
 * limit and a heap's size, alignment, header, order and coalescing (no
 * hooks: the caller's sys). */
void side_config(const side *sd, pa_config *cfg);
pa_status side_free(side *sd, void *ptr);
pa_status side_reset(side *sd);
pa_status side_locate(const side *sd, const void *ptr, pa_where *where);
void side_stats(const side *sd, pa_stats *st);
void side_view(const side *sd, arena_view *v);
/* pa_walk, but a block's addr is the pointer its alloc returned (past a
 * heap's header). */
int side_walk(const side *sd, pa_walk_fn fn, void *ctx);
/* The free extents in the order the fit search follows. */
int side_walk_free_list(const side *sd, pa_walk_fn fn, void *ctx);
pa_status side_set_policy(side *sd, pa_policy policy);
pa_status side_set_max_pages(side *sd, size_t max_pages);
pa_status side_check(const side *sd, char *msg, size_t len);
/* The bytes of a live block: copy out of, or into, its memory. */
void side_read(const side *sd, const void *addr, void *buf, size_t len);
void side_write(side *sd, void *addr, const void *buf, size_t len);

/* Fills lay with the side's view and walk; -1, with only the view and
 * lost set, when memory runs out. */
int layout_collect(const side *sd, layout *lay);
/* Only the view, for results that show no walk. */
void layout_of_view(const side *sd, layout *lay);
void layout_free(layout *lay);

#endif
