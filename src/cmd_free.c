/* cmd_free.c - `free NAME`: release a block. */
#include <cjson/cJSON.h>

#include "blocks.h"
#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    if (!block_find(sh, ws->w[1], r))
        return false;
    r->explain_as = EXPLAIN_FREE;
    pa_status st = side_free(sd, r->u.block.addr);
    if (st != PA_OK)
        return result_fail(r, ERR_SYSTEM, "%s", pa_strerror(st));
    names_remove(&sd->names, r->u.block.name);
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    fprintf(out, "freed %s: ", r->u.block.name);
    render_where(sh, &r->u.block, out);
    fputc('\n', out);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    json_add_block(sh, o, &r->u.block);
}

static const command cmd = {
    .name = "free", .order = 20, .synopsis = "NAME", .help = "release a block",
    .min_args = 1, .max_args = 1, .args = {ARG_BLOCK},
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
