/* cmd_compare.c - `compare FILE`: the same script under every fit policy,
 * each in a quiet scratch session like the current allocator, side by side. */
#include <stdint.h>
#include <string.h>

#include "commands.h"
#include "render.h"

/* Runs path under policy in a fresh session; false when it cannot. */
static bool run_under(shell *sh, const char *path, pa_policy policy,
                      policy_row *row, result *r)
{
    options opt = sh->opt;
    shell scratch;
    char err[256];
    opt.kind = sh->current;
    opt.policy = policy;
    opt.max_pages = pa_arena_max_pages(sh->sides[PA_KIND_EALLOC].arena);
    opt.quiet = true;
    opt.echo = false;
    opt.strict = false;
    opt.check = false;
    opt.explain = false;
    opt.comparing = true;
    if (shell_init(&scratch, &opt) != 0)
        return result_fail(r, ERR_SYSTEM, "cannot set up a scratch session");
    /* The scripts running out here are running in there too: a script
     * that sources one of them would never end. */
    scratch.where = sh->where;
    int st = shell_run_file(&scratch, path, err, sizeof err);
    if (st >= 0) {
        pa_stats s;
        pa_get_stats(shell_side(&scratch)->arena, &s);
        *row = (policy_row){policy, scratch.alloc_failures, s.peak_used,
                            s.bytes_free, s.extents, s.largest, fragmentation(&s)};
        r->compared = scratch.current; /* the script may have switched */
    }
    sh->interrupted = scratch.interrupted;
    shell_free(&scratch);
    return st >= 0 || result_fail(r, ERR_FILE, "%s", err);
}

bool cmd_compare(shell *sh, const words *ws, result *r)
{
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    if (sh->opt.comparing)
        return result_fail(r, ERR_USAGE, "compare cannot run inside compare");
    r->text = ws->w[1];
    for (int p = PA_FIT_FIRST; p <= PA_FIT_NEXT; p++) {
        if (!run_under(sh, ws->w[1], (pa_policy)p, &r->rows[p], r))
            return false;
        if (sh->interrupted) {
            r->reported = true; /* said once, where the run stops */
            return result_fail(r, ERR_INTERRUPTED, "interrupted");
        }
        r->nrows++;
    }
    r->kind = R_COMPARE;
    return true;
}
