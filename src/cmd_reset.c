/* cmd_reset.c - `reset`: drop every block and name of the current allocator. */
#include <cjson/cJSON.h>

#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    (void)ws;
    if (side_reset(sd) != PA_OK)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    layout_of_view(sd, result_payload(r, P_LAYOUT));
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "%s reset: no blocks\n", pa_kind_name(r->u.layout.view.kind));
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(r->u.layout.view.kind));
}

static const command cmd = {
    .name = "reset", .order = 110, .synopsis = "",
    .help = "drop every block and name of the current allocator",
    .run = run, .text = text, .json = json,
    .changes_state = command_always_changes,
};
COMMAND(cmd);
