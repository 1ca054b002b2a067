/* cmd_quit.c - `quit` and `exit`: leave allocsh. */
#include "commands.h"

static bool run(shell *sh, const words *ws, result *r)
{
    if (sh->in_expect_fail)
        return result_fail(r, ERR_USAGE, "%s cannot run inside expect fail", ws->w[0]);
    sh->quit = true;
    return true;
}

static const command quit = {
    .name = "quit", .order = 200, .synopsis = "", .help = "leave allocsh", .run = run,
};
COMMAND(quit);

static const command exit_ = {
    .name = "exit", .order = 210, .synopsis = "", .help = "leave allocsh (same as quit)",
    .run = run,
};
COMMAND(exit_);
