/* cmd_map.c - `map [json]`: the layout diagram, or the layout as JSON. */
#include <cjson/cJSON.h>
#include <string.h>

#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    if (ws->n > 1 && strcmp(ws->w[1], "json") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "unknown argument '%.40s' (try 'map' "
                           "or 'map json')", ws->w[1]);
    layout *lay = result_payload(r, P_LAYOUT);
    layout_collect(shell_side(sh), lay);
    lay->as_json = ws->n > 1;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    if (!r->u.layout.as_json) {
        render_map(sh, &r->u.layout, out);
        return;
    }
    fflush(out);
    render_json_print(render_layout_json(sh, &r->u.layout));
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    cJSON_AddItemToObject(o, "map", render_layout_json(sh, &r->u.layout));
}

static const char *const words_[] = {"json", NULL};

static const command cmd = {
    .name = "map", .order = 70, .synopsis = "[json]",
    .help = "layout diagram of every page (or the layout as JSON)",
    .max_args = 1, .args = {ARG_WORDS}, .words = words_,
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
