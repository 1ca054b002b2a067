/* cmd_explain.c - `explain COMMAND...`: run an alloc or free and say why
 * it went where it did (explain.c turns the trace into words). */
#include "commands.h"

static bool run(shell *sh, const words *ws, result *r)
{
    words inner = {.n = ws->n - 1, .w = ws->w + 1};
    shell_set_tracing(sh, true);
    shell_dispatch(sh, &inner, r);
    return r->ok;
}

/* explain alloc 16 allocates: it changes what its command changes. */
static bool changes_state(const words *ws)
{
    words inner = {.n = ws->n - 1, .w = ws->w + 1};
    return command_words_change_state(&inner);
}

static const char DETAILS[] =
    "An alloc lists the free extents its search visited, in order, and why each\n"
    "was skipped or chosen under the policy, then the split and the number of\n"
    "extents searched; a free says which neighbours it merged with.\n"
    "'set explain on' explains every alloc and free.";

static const command cmd = {
    .name = "explain", .order = 130, .synopsis = "COMMAND...",
    .help = "run an alloc or free and say why it went where it did",
    .details = DETAILS, .min_args = 1, .max_args = -1, .args = {ARG_COMMAND},
    .run = run, .changes_state = changes_state,
};
COMMAND(cmd);
