/* SPDX-License-Identifier: GPL-3.0-or-later */
/* render_free.c - the free list in the order the fit search follows, as
 * OSTEP's malloc.py prints it after every operation ("set show-free on"):
 *   Free List [ Size 2 ]: [ addr:1000 sz:3 ][ addr:1003 sz:97 ]
 * Addresses count from the heap's base; alloc's are page offsets, and
 * ealloc's name their page too. */
#include <cjson/cJSON.h>

#include "render.h"

typedef struct free_walk {
    const side *sd;
    bool paged;      /* ealloc: say which page */
    FILE *out;       /* text, or */
    cJSON *list;     /* JSON */
    size_t n;
} free_walk;

static int count_one(const pa_item *it, void *ctx)
{
    (void)it;
    ((free_walk *)ctx)->n++;
    return 0;
}

static int print_one(const pa_item *it, void *ctx)
{
    free_walk *w = ctx;
    size_t addr = w->sd->origin + it->offset;
    if (w->paged)
        fprintf(w->out, "[ page:%zu addr:%zu sz:%zu ]", it->page, addr, it->size);
    else
        fprintf(w->out, "[ addr:%zu sz:%zu ]", addr, it->size);
    return 0;
}

static int add_one(const pa_item *it, void *ctx)
{
    free_walk *w = ctx;
    cJSON *e = cJSON_CreateObject();
    if (w->paged)
        json_add_size(e, "page", it->page);
    json_add_size(e, "addr", w->sd->origin + it->offset);
    json_add_size(e, "size", it->size);
    cJSON_AddItemToArray(w->list, e);
    return 0;
}

static free_walk start(const shell *sh)
{
    const side *sd = &sh->sides[sh->current];
    free_walk w = {sd, pa_arena_kind(sd->arena) == PA_KIND_EALLOC, NULL, NULL, 0};
    return w;
}

void render_free_list_text(const shell *sh, FILE *out)
{
    free_walk w = start(sh);
    w.out = out;
    side_walk_free_list(w.sd, count_one, &w);
    fprintf(out, "Free List [ Size %zu ]: ", w.n);
    side_walk_free_list(w.sd, print_one, &w);
    fputc('\n', out);
}

void json_add_free_list(const shell *sh, cJSON *o)
{
    free_walk w = start(sh);
    w.list = cJSON_AddArrayToObject(o, "free_list");
    side_walk_free_list(w.sd, add_one, &w);
}
