/* cmd_list.c - `list`: the live blocks in address order. */
#include <cjson/cJSON.h>
#include <string.h>

#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    (void)ws;
    layout_collect(shell_side(sh), result_payload(r, P_LAYOUT));
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const layout *lay = &r->u.layout;
    int width = 8; /* of the name column */
    (void)sh;
    if (lay->view.st.blocks == 0) {
        fprintf(out, "no blocks\n");
        return;
    }
    for (size_t i = 0; i < lay->n; i++)
        if (lay->labels[i] && (int)strlen(lay->labels[i]) > width)
            width = (int)strlen(lay->labels[i]);
    fprintf(out, "%-*s %4s %6s %6s\n", width, "NAME", "PAGE", "OFFSET", "SIZE");
    for (size_t i = 0; i < lay->n; i++) {
        const pa_item *it = &lay->items[i];
        if (it->kind == PA_ITEM_BLOCK)
            fprintf(out, "%-*s %4zu %6zu %6zu\n", width, lay->labels[i], it->page,
                    it->offset, it->size);
    }
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    const layout *lay = &r->u.layout;
    cJSON *blocks = cJSON_AddArrayToObject(o, "blocks");
    for (size_t i = 0; i < lay->n; i++) {
        const pa_item *it = &lay->items[i];
        if (it->kind != PA_ITEM_BLOCK)
            continue;
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "name", lay->labels[i]);
        json_add_size(b, "offset", it->offset);
        json_add_size(b, "size", it->size);
        if (sh->opt.addresses)
            json_add_address(b, "address", it->addr);
        json_add_size(b, "page", it->page);
        cJSON_AddItemToArray(blocks, b);
    }
}

static const command cmd = {
    .name = "list", .order = 60, .synopsis = "", .help = "live blocks in address order",
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
