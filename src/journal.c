/* journal.c - keeping the state-changing commands, and replaying them. */
#include <string.h>

#include "journal.h"
#include "lines.h"
#include "result.h"
#include "signals.h"

/* Commands that change the allocators whatever their arguments. */
static const char *const changing[] = {"alloc", "free", "write", "reset", "use", NULL};

/* set's keys that belong to the allocators, or to how alloc reads a size;
 * the others (addresses, check, explain, timing, show-free) change how the
 * session shows things, which undo keeps. */
static bool set_changes(const words *ws)
{
    static const char *const keys[] = {"policy", "max-pages", "round", "heap-size",
                                       "base", "align", "header", "order",
                                       "coalesce", NULL};
    for (size_t i = 0; ws->n > 1 && keys[i]; i++)
        if (strcmp(ws->w[1], keys[i]) == 0)
            return true;
    return false;
}

static bool counts_from(const words *ws, size_t from)
{
    if (from >= ws->n)
        return false;
    const char *w = ws->w[from];
    for (size_t i = 0; changing[i]; i++)
        if (strcmp(w, changing[i]) == 0)
            return true;
    if (strcmp(w, "set") == 0) {
        words rest = {.n = ws->n - from, .w = ws->w + from};
        return set_changes(&rest);
    }
    if (strcmp(w, "explain") == 0) /* explain alloc 16 allocates */
        return counts_from(ws, from + 1);
    return strcmp(w, "source") == 0;
}

bool journal_counts(const words *ws)
{
    return counts_from(ws, 0);
}

void journal_note(shell *sh, const words *ws, const char *line, bool ok)
{
    if (!journal_counts(ws) || !(ok || strcmp(ws->w[0], "source") == 0))
        return;
    if (!lines_add_copy(&sh->journal, line))
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
