/* cmd_echo.c - `echo [--answer] [TEXT]`: print TEXT. */
#include <cjson/cJSON.h>
#include <string.h>

#include "commands.h"

/* A teaching script explains each result next to the command; marked
 * --answer, that explanation is left off a quiz's question sheet, which
 * it would give away, and shown everywhere else (the answer sheet too). */
static bool run(shell *sh, const words *ws, result *r)
{
    bool answer = ws->n > 1 && strcmp(ws->w[1], "--answer") == 0;
    if (answer && sh->opt.quiz && !sh->opt.answers)
        return true; /* no payload, so nothing is printed */
    char *text = words_join(ws, answer ? 2 : 1);
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
    .name = "echo", .order = 180, .synopsis = "[--answer] [TEXT]", .help = "print TEXT",
    .details = "With --answer, TEXT explains a result: --quiz leaves it out, since it\n"
               "would give the answer away; every other run, --answers too, prints it.",
    .max_args = -1, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
