/* cmd_source.c - `source FILE`: run the commands in FILE. */
#include <cjson/cJSON.h>

#include "commands.h"
#include "journal.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    unsigned long commands = sh->commands, failures = sh->failures;
    unsigned long changed = sh->changed, counted = sh->counted;
    char err[256];
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    int st = journal_source(sh, ws->w[1], err, sizeof err);
    source_payload *p = result_payload(r, P_SOURCE);
    p->file = ws->w[1];
    p->count = sh->commands - commands;
    p->failed = sh->failures - failures;
    if (st < 0)
        return result_fail(r, ERR_FILE, "%s", err);
    /* What its lines did, for undo: a script of refusals, or of commands
     * that all failed or only looked, changed nothing to take back. */
    r->effect = sh->changed != changed   ? EFFECT_CHANGED
                : sh->counted != counted ? EFFECT_COUNTED
                                         : EFFECT_NONE;
    if (sh->interrupted) {
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (st > 0) {
        /* Each failing command has spoken for itself already. */
        r->reported = true;
        if (sh->cut_short) /* its last failure stopped the reading */
            return result_fail(r, ERR_SCRIPT, "the rest of '%.200s' was not run "
                               "(%lu of %lu commands failed)", ws->w[1], p->failed,
                               p->count);
        return result_fail(r, ERR_SCRIPT, "%lu of %lu commands failed in '%.200s'",
                           p->failed, p->count, ws->w[1]);
    }
    return true;
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "script", r->u.source.file);
    json_add_size(o, "commands", r->u.source.count);
    json_add_size(o, "failed", r->u.source.failed);
}

static const command cmd = {
    .name = "source", .order = 170, .synopsis = "FILE", .help = "run the commands in FILE",
    .min_args = 1, .max_args = 1, .args = {ARG_FILE}, .run = run, .json = json,
    .changes_state = command_always_changes,
    .payload_on_failure = true,
};
COMMAND(cmd);
