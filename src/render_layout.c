/* render_layout.c - the layout as one JSON object (allocsh(1), JSON
 * OUTPUT): pages with their blocks and free extents in ascending offset.
 * `map json` prints it alone in text mode and inside its line in JSON
 * mode; both come here. */
#include <cjson/cJSON.h>

#include "render.h"

static cJSON *extent_object(const shell *sh, const layout *lay, size_t i)
{
    const pa_item *it = &lay->items[i];
    cJSON *o = cJSON_CreateObject();
    if (it->kind == PA_ITEM_BLOCK)
        cJSON_AddStringToObject(o, "name", lay->labels[i]);
    json_add_size(o, "offset", it->offset);
    json_add_size(o, "size", it->size);
    if (sh->opt.addresses)
        json_add_address(o, "address", it->addr);
    return o;
}

/* A heap's parameters, and its free list in the order the search follows
 * (the pages' "free" arrays stay in address order). */
static void add_heap(cJSON *o, const layout *lay)
{
    const arena_view *v = &lay->view;
    json_add_size(o, "base", v->origin);
    json_add_size(o, "align", v->align);
    json_add_size(o, "header", v->header);
    cJSON_AddStringToObject(o, "order", pa_order_name(v->order));
    cJSON_AddBoolToObject(o, "coalesce", v->coalesce);
    cJSON *list = cJSON_AddArrayToObject(o, "free_list");
    for (size_t i = 0; i < lay->nfree; i++) {
        cJSON *e = cJSON_CreateObject();
        json_add_size(e, "offset", lay->free_list[i].offset);
        json_add_size(e, "size", lay->free_list[i].size);
        cJSON_AddItemToArray(list, e);
    }
}

cJSON *render_layout_json(const shell *sh, const layout *lay)
{
    const arena_view *v = &lay->view;
    cJSON *o = cJSON_CreateObject(), *pages, *blocks = NULL, *free_ = NULL;
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(v->kind));
    cJSON_AddStringToObject(o, "policy", pa_policy_name(v->policy));
    json_add_size(o, "unit", v->unit);
    json_add_size(o, "page_size", v->page_size);
    json_add_size(o, "max_pages", v->max_pages);
    if (v->kind == PA_KIND_HEAP)
        add_heap(o, lay);
    pages = cJSON_AddArrayToObject(o, "pages");
    for (size_t i = 0; i < lay->n; i++) {
        const pa_item *it = &lay->items[i];
        if (it->kind == PA_ITEM_PAGE) {
            cJSON *pg = cJSON_CreateObject();
            json_add_size(pg, "index", it->page);
            if (sh->opt.addresses)
                json_add_address(pg, "address", it->addr);
            blocks = cJSON_AddArrayToObject(pg, "blocks");
            free_ = cJSON_AddArrayToObject(pg, "free");
            cJSON_AddItemToArray(pages, pg);
        } else {
            cJSON_AddItemToArray(it->kind == PA_ITEM_BLOCK ? blocks : free_,
                                 extent_object(sh, lay, i));
        }
    }
    return o;
}
