/* journal.c - keeping the state-changing commands, and replaying them. */
#include <string.h>

#include "commands.h"
#include "journal.h"
#include "lines.h"
#include "result.h"
#include "signals.h"

/* Whether a command of these words changes what undo takes back: the
 * blocks, their names and bytes, the current allocator, its policy and
 * page limit. */
static bool journal_counts(const command *c, const words *ws)
{
    return c && c->changes_state && c->changes_state(ws);
}

/* A command that runs others changes state even when it fails: a source
 * by the lines before its failing one, an expect fail (or an explain) by
 * what its command did. */
static bool runs_others(const words *ws)
{
    return strcmp(ws->w[0], "source") == 0 || strcmp(ws->w[0], "expect") == 0 ||
           strcmp(ws->w[0], "explain") == 0;
}

void journal_note(shell *sh, const command *c, const words *ws,
                  const char *line, bool ok)
{
    if (!journal_counts(c, ws) || !(ok || runs_others(ws)))
        return;
    if (!packed_add(&sh->journal, line))
        shell_note_trouble(sh, ERR_SYSTEM, ws->w[0], "out of memory: undo may "
                           "not take this command back");
}

int journal_fresh(const shell *sh, shell *fresh)
{
    options opt = sh->opt;
    opt.quiet = true;
    opt.echo = false;
    opt.strict = false;
    opt.check = false;
    opt.explain = false;
    opt.round = false; /* no option sets it: the journal's set round does */
    if (shell_init(fresh, &opt) != 0)
        return -1;
    fresh->where = sh->where;
    return 0;
}

int journal_rebuild(shell *sh, char *const *v, size_t n, char *err, size_t errlen)
{
    shell fresh;
    snprintf(err, errlen, "cannot set up a fresh session");
    if (journal_fresh(sh, &fresh) != 0)
        return -1;
    for (size_t i = 0; i < n && !fresh.quit && !sig_interrupted; i++)
        shell_run_line(&fresh, v[i]);
    fresh.where = NULL;
    bool interrupted = sig_interrupted || fresh.interrupted;
    /* Half a replay, or one the system refused memory or a page, is not
     * the state to go back to. */
    bool failed = !interrupted && fresh.trouble_kind == ERR_SYSTEM;
    if (interrupted)
        sh->interrupted = true;
    else if (failed)
        snprintf(err, errlen, "the replay failed: %.300s", fresh.trouble);
    else
        shell_take_state(sh, &fresh);
    shell_free(&fresh);
    return interrupted ? 1 : failed ? -1 : 0;
}
