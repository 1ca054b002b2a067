/* cmd_undo.c - `undo`: take back the last command that changed the
 * allocators, by replaying the ones before it in a fresh session (every
 * run is deterministic, so the state, names included, comes back exactly). */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "journal.h"

static bool run(shell *sh, const words *ws, result *r)
{
    (void)ws;
    size_t k = journal_undoable(sh);
    /* Inside source the journal holds the source line, not the lines
     * before this one: taking back the wrong command would be worse. */
    if (sh->depth > 1)
        return result_fail(r, ERR_USAGE, "undo works at the prompt and in the scripts "
                           "allocsh runs, not in one that a command runs (source, "
                           "explain, expect, compare, record)");
    if (k == 0)
        return result_fail(r, ERR_USAGE, "nothing to undo (no command has changed the "
                           "allocators yet)");
    /* The journal's text goes with it when the rebuild replaces it.  The
     * refused allocs after entry k - 1 go with it: they failed in the
     * state it made. */
    char *last = journal_line(sh, k - 1);
    char **before = journal_lines(sh, k - 1);
    if (!last || !before) {
        free(last);
        free(before);
        return result_fail(r, ERR_SYSTEM, "out of memory: nothing undone");
    }
    char err[400];
    int st = journal_rebuild(sh, before, k - 1, true, err, sizeof err);
    free(before);
    if (st != 0) {
        free(last);
        return st > 0 ? result_fail(r, ERR_INTERRUPTED, "interrupted: nothing undone")
                      : result_fail(r, ERR_SYSTEM, "%s: nothing undone", err);
    }
    *(char **)result_payload(r, P_TEXT) = last;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "undone: %s\n", r->u.text);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "undone", r->u.text);
}

static const char DETAILS[] =
    "Takes back the last alloc, free, write, reset, use, set of what the\n"
    "allocators do (policy, max-pages, round, the heap's settings) or source\n"
    "(or explain or expect fail of one of them): the session is rebuilt by\n"
    "replaying the commands before it, so blocks, names and bytes come back\n"
    "exactly.  A command that changed nothing is not kept: a failed one, or a\n"
    "setting of what is shown (addresses, check, explain, show-free, timing).\n"
    "An alloc the allocator refused (also in explain or expect fail) is\n"
    "replayed, so that stats' failures and extents searched come back, but\n"
    "never taken back alone: undo takes back the command before it, and the\n"
    "refusals after that go with it.  A source runs the lines it read then,\n"
    "not its file as it is now (it may have changed, or be a FIFO).  Repeat\n"
    "it to go further back; with nothing left to take back it fails with\n"
    "'nothing to undo'.";

static const command cmd = {
    .name = "undo", .order = 115, .synopsis = "",
    .help = "take back the last command that changed the allocators", .details = DETAILS,
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
