/* cmd_read.c - `read NAME`: the string stored in a block. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    if (!block_find(sh, ws->w[1], r) || !block_copy_bytes(sh, r))
        return false;
    r->u.block.len = strnlen((const char *)r->u.block.bytes, r->u.block.data);
    return true;
}

/* Block memory may hold anything: control bytes show visibly. */
static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    render_escaped((const char *)r->u.block.bytes, r->u.block.len, out);
    fputc('\n', out);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "name", r->u.block.name);
    /* block bytes need not end in NUL */
    char *text = strndup((const char *)r->u.block.bytes, r->u.block.len);
    cJSON_AddStringToObject(o, "text", text ? text : "");
    free(text);
}

static const command cmd = {
    .name = "read", .order = 40, .synopsis = "NAME",
    .help = "print the string stored in a block",
    .min_args = 1, .max_args = 1, .args = {ARG_BLOCK},
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
