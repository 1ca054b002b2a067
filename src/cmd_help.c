/* cmd_help.c - `help [COMMAND]`: the commands, or one of them. */
#include <cjson/cJSON.h>

#include "commands.h"
#include "term.h"
#include "wrap.h"

static bool run(shell *sh, const words *ws, result *r)
{
    (void)sh;
    const command **topic = result_payload(r, P_HELP);
    if (ws->n < 2)
        return true;
    *topic = command_find(ws->w[1]);
    if (!*topic)
        return result_fail(r, ERR_INVALID_VALUE, "no command named '%.40s' (try 'help')",
                           ws->w[1]);
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const command *t = r->u.topic;
    int width = term_width(out);
    char line[400];
    (void)sh;
    if (t) {
        snprintf(line, sizeof line, "usage: %s%s%s\n  %s", t->name, *t->synopsis ? " " : "",
                 t->synopsis, t->help);
        wrap_print(out, line, width, 2);
        if (command_details(t))
            wrap_print(out, command_details(t), width, 0);
        return;
    }
    size_t n;
    const command *const *all = command_list(&n);
    fprintf(out, "commands:\n");
    for (size_t i = 0; i < n; i++) {
        char use[40];
        snprintf(use, sizeof use, "%s %s", all[i]->name, all[i]->synopsis);
        snprintf(line, sizeof line, "  %-22s %s", use, all[i]->help);
        wrap_print(out, line, width, 23); /* under the descriptions */
    }
    wrap_print(out, "A word starting with # begins a comment.  'help COMMAND' for one.", width, 0);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    size_t n;
    const command *const *all = command_list(&n);
    cJSON *list = cJSON_AddArrayToObject(o, "commands");
    (void)sh;
    for (size_t i = 0; i < n; i++) {
        if (r->u.topic && r->u.topic != all[i])
            continue;
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "name", all[i]->name);
        cJSON_AddStringToObject(c, "synopsis", all[i]->synopsis);
        cJSON_AddStringToObject(c, "help", all[i]->help);
        if (command_details(all[i]))
            cJSON_AddStringToObject(c, "details", command_details(all[i]));
        cJSON_AddItemToArray(list, c);
    }
}

static const command cmd = {
    .name = "help", .order = 190, .synopsis = "[COMMAND]",
    .help = "list the commands, or describe one",
    .max_args = 1, .args = {ARG_COMMAND}, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
