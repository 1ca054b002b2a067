/* cmd_session.c - the commands about the session: source, echo, help, quit. */
#include <string.h>

#include "commands.h"

bool cmd_source(shell *sh, const words *ws, result *r)
{
    unsigned long commands = sh->commands, failures = sh->failures;
    char err[256];
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    int st = shell_run_file(sh, ws->w[1], err, sizeof err);
    r->text = ws->w[1];
    r->count = sh->commands - commands;
    r->failed = sh->failures - failures;
    r->kind = R_SOURCE;
    if (st < 0)
        return result_fail(r, ERR_FILE, "%s", err);
    if (sh->interrupted) {
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (st > 0) {
        /* Each failing command has spoken for itself already. */
        r->reported = true;
        if (r->failed > r->count) /* the file itself failed to read */
            return result_fail(r, ERR_SCRIPT, "'%.200s' could not be read to the end",
                               ws->w[1]);
        return result_fail(r, ERR_SCRIPT, "%lu of %lu commands failed in '%.200s'",
                           r->failed, r->count, ws->w[1]);
    }
    return true;
}

bool cmd_echo(shell *sh, const words *ws, result *r)
{
    (void)sh;
    r->owned = words_join(ws, 1);
    if (!r->owned)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    r->text = r->owned;
    r->kind = R_ECHO;
    return true;
}

bool cmd_help(shell *sh, const words *ws, result *r)
{
    (void)sh;
    r->kind = R_HELP;
    if (ws->n < 2)
        return true;
    r->topic = command_find(ws->w[1]);
    if (!r->topic)
        return result_fail(r, ERR_INVALID_VALUE, "no command named '%.40s' (try 'help')", ws->w[1]);
    return true;
}

bool cmd_explain(shell *sh, const words *ws, result *r)
{
    words inner = {ws->n - 1, ws->w + 1, NULL};
    sh->tracing = true;
    shell_dispatch(sh, &inner, r);
    return r->ok;
}

bool cmd_quit(shell *sh, const words *ws, result *r)
{
    if (sh->in_expect_fail)
        return result_fail(r, ERR_USAGE, "%s cannot run inside expect fail", ws->w[0]);
    sh->quit = true;
    return true;
}
