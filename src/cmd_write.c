/* cmd_write.c - `write NAME TEXT`: put a string in a block's memory. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    if (!block_find(sh, ws->w[1], r))
        return false;
    block_payload *b = &r->u.block;
    char *text = words_join(ws, 2);
    if (!text)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    size_t len = strlen(text);
    if (len > b->data) {
        free(text);
        return result_fail(r, ERR_TOO_LONG, "%zu bytes of text do not fit in '%s' (%zu bytes)",
                           len, b->name, b->data);
    }
    /* The terminating NUL goes in too when there is room for it. */
    side_write(shell_side(sh), b->addr, text, len < b->data ? len + 1 : len);
    free(text);
    b->len = len;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "wrote %zu bytes to %s\n", r->u.block.len, r->u.block.name);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "name", r->u.block.name);
    json_add_size(o, "bytes", r->u.block.len);
}

static const command cmd = {
    .name = "write", .order = 30, .synopsis = "NAME TEXT",
    .help = "copy TEXT into the block's memory",
    .min_args = 2, .max_args = -1, .args = {ARG_BLOCK},
    .run = run, .text = text, .json = json,
    .changes_state = command_always_changes,
};
COMMAND(cmd);
