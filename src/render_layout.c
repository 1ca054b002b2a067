/* render_layout.c - the layout as one JSON object (allocsh(1), JSON
 * OUTPUT): pages with their blocks and free extents in ascending offset.
 * `map json` writes it alone in text mode and inside its line in JSON
 * mode; record and --ostep take it as a cJSON tree.  It is written with
 * json_out, not built as a tree: a map of 100,000 blocks made half a
 * million cJSON items and took a third of a second. */
#include <cjson/cJSON.h>
#include <stdlib.h>

#include "json_out.h"
#include "render.h"

static void extent(const shell *sh, json_out *o, const layout *lay, size_t i)
{
    const pa_item *it = &lay->items[i];
    jo_element_object(o);
    if (it->kind == PA_ITEM_BLOCK)
        jo_string(o, "name", lay->labels[i]);
    jo_size(o, "offset", it->offset);
    jo_size(o, "size", it->size);
    if (sh->opt.addresses)
        json_out_address(o, it->addr);
    jo_end(o);
}

/* A heap's parameters, and its free list in the order the search follows
 * (the pages' "free" arrays stay in address order). */
static void heap(json_out *o, const layout *lay)
{
    const arena_view *v = &lay->view;
    jo_size(o, "base", v->origin);
    jo_size(o, "align", v->align);
    jo_size(o, "header", v->header);
    jo_string(o, "order", pa_order_name(v->order));
    jo_bool(o, "coalesce", v->coalesce);
    jo_array(o, "free_list");
    for (size_t i = 0; i < lay->nfree; i++) {
        jo_element_object(o);
        jo_size(o, "offset", lay->free_list[i].offset);
        jo_size(o, "size", lay->free_list[i].size);
        jo_end(o);
    }
    jo_end(o);
}

/* The items in [from, to) of the given kind. */
static void extents(const shell *sh, json_out *o, const layout *lay, size_t from,
                    size_t to, pa_item_kind kind)
{
    for (size_t k = from; k < to; k++)
        if (lay->items[k].kind == kind)
            extent(sh, o, lay, k);
}

/* The page whose item is at i: its blocks, then its free extents, each
 * in ascending offset (its items up to the next page's). */
static size_t page(const shell *sh, json_out *o, const layout *lay, size_t i)
{
    const pa_item *pg = &lay->items[i];
    size_t end = i + 1;
    while (end < lay->n && lay->items[end].kind != PA_ITEM_PAGE)
        end++;
    jo_element_object(o);
    jo_size(o, "index", pg->page);
    if (sh->opt.addresses)
        json_out_address(o, pg->addr);
    jo_array(o, "blocks");
    extents(sh, o, lay, i + 1, end, PA_ITEM_BLOCK);
    jo_end(o);
    jo_array(o, "free");
    extents(sh, o, lay, i + 1, end, PA_ITEM_FREE);
    jo_end(o);
    jo_end(o);
    return end;
}

void render_layout_write(const shell *sh, const layout *lay, json_out *o)
{
    const arena_view *v = &lay->view;
    jo_string(o, "allocator", pa_kind_name(v->kind));
    jo_string(o, "policy", pa_policy_name(v->policy));
    jo_size(o, "unit", v->unit);
    jo_size(o, "page_size", v->page_size);
    jo_size(o, "max_pages", v->max_pages);
    if (v->kind == PA_KIND_HEAP)
        heap(o, lay);
    jo_array(o, "pages");
    for (size_t i = 0; i < lay->n;)
        i = lay->items[i].kind == PA_ITEM_PAGE ? page(sh, o, lay, i) : i + 1;
    jo_end(o);
}

char *render_layout_text(const shell *sh, const layout *lay)
{
    json_out o = {0};
    jo_begin(&o);
    render_layout_write(sh, lay, &o);
    if (!jo_finish(&o)) {
        free(o.s);
        return NULL;
    }
    return o.s;
}

cJSON *render_layout_json(const shell *sh, const layout *lay)
{
    char *text = render_layout_text(sh, lay);
    cJSON *tree = text ? cJSON_Parse(text) : NULL;
    free(text);
    return tree;
}
