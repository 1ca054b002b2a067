/* cmd_free.c - `free NAME`: release a block. */
#include <string.h>

#include "blocks.h"
#include "commands.h"
#include "json_out.h"
#include "numbers.h"
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
    names_remove_ptr(&sd->names, r->u.block.addr);
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    char line[NAME_MAXLEN + WHERE_MAX + 16];
    char *p = APPEND_LITERAL(stpcpy(APPEND_LITERAL(line, "freed "), r->u.block.name), ": ");
    p = render_where_to(sh, &r->u.block, p);
    *p++ = '\n';
    fwrite_unlocked(line, 1, (size_t)(p - line), out); /* one thread: no lock */
}

static void write_json(const shell *sh, const result *r, json_out *o)
{
    json_out_block(sh, o, &r->u.block);
}

static const command cmd = {
    .name = "free", .order = 20, .synopsis = "NAME", .help = "release a block",
    .min_args = 1, .max_args = 1, .args = {ARG_BLOCK},
    .run = run, .text = text, .write_json = write_json,
    .changes_state = command_always_changes,
};
COMMAND(cmd);
