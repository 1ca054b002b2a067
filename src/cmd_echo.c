/* cmd_echo.c - `echo [TEXT]`: print TEXT. */
#include <cjson/cJSON.h>

#include "commands.h"

static bool run(shell *sh, const words *ws, result *r)
{
    (void)sh;
    char *text = words_join(ws, 1);
    if (!text)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    *(char **)result_payload(r, P_TEXT) = text;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "%s\n", r->u.text);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "text", r->u.text);
}

static const command cmd = {
    .name = "echo", .order = 180, .synopsis = "[TEXT]", .help = "print TEXT",
    .max_args = -1, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
