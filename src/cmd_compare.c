/* cmd_compare.c - `compare FILE`: the same script under every fit policy,
 * each in a quiet scratch session like the current allocator, side by side. */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "render.h"

/* Runs path under policy in a fresh session; false when it cannot. */
static bool run_under(shell *sh, const char *path, pa_policy policy,
                      policy_row *row, compare_payload *cp, result *r)
{
    options opt = sh->opt;
    shell scratch;
    char err[256];
    opt.kind = sh->current;
    opt.policy = policy;
    arena_view e;
    side_view(&sh->sides[PA_KIND_EALLOC], &e);
    opt.max_pages = e.max_pages;
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
    scratch.depth = sh->depth; /* its commands run inside this one */
    int st = shell_run_file(&scratch, path, err, sizeof err);
    if (st >= 0) {
        pa_stats s;
        side_stats(shell_side(&scratch), &s);
        *row = (policy_row){policy, scratch.alloc_failures, s.peak_used,
                            s.bytes_free, s.extents, s.largest, fragmentation(&s)};
        cp->kind = scratch.current; /* the script may have switched */
    }
    sh->interrupted = scratch.interrupted;
    shell_free(&scratch);
    return st >= 0 || result_fail(r, ERR_FILE, "%s", err);
}

static bool run(shell *sh, const words *ws, result *r)
{
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    if (sh->opt.comparing)
        return result_fail(r, ERR_USAGE, "compare cannot run inside compare");
    compare_payload *cp = result_payload(r, P_COMPARE);
    cp->file = ws->w[1];
    for (int p = PA_FIT_FIRST; p <= PA_FIT_NEXT; p++) {
        if (!run_under(sh, ws->w[1], (pa_policy)p, &cp->rows[p], cp, r))
            return false;
        if (sh->interrupted) {
            r->reported = true; /* said once, where the run stops */
            return result_fail(r, ERR_INTERRUPTED, "interrupted");
        }
        cp->nrows++;
    }
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const compare_payload *cp = &r->u.compare;
    (void)sh;
    fprintf(out, "%s under each policy (%s):\n", cp->file, pa_kind_name(cp->kind));
    fprintf(out, "%-7s %7s %10s %6s %8s %8s %14s\n", "policy", "failed",
            "peak used", "free", "extents", "largest", "fragmentation");
    for (size_t i = 0; i < cp->nrows; i++) {
        const policy_row *w = &cp->rows[i];
        fprintf(out, "%-7s %7lu %10zu %6zu %8zu %8zu %13.1f%%\n",
                pa_policy_name(w->policy), w->failed, w->peak_used, w->free,
                w->extents, w->largest, 100.0 * w->fragmentation);
    }
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    const compare_payload *cp = &r->u.compare;
    (void)sh;
    cJSON_AddStringToObject(o, "script", cp->file);
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(cp->kind));
    cJSON *a = cJSON_AddArrayToObject(o, "policies");
    for (size_t i = 0; i < cp->nrows; i++) {
        const policy_row *w = &cp->rows[i];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "policy", pa_policy_name(w->policy));
        json_add_size(p, "failed", w->failed);
        json_add_size(p, "peak_used", w->peak_used);
        json_add_size(p, "free", w->free);
        json_add_size(p, "extents", w->extents);
        json_add_size(p, "largest", w->largest);
        cJSON_AddNumberToObject(p, "fragmentation", w->fragmentation);
        cJSON_AddItemToArray(a, p);
    }
}

static const command cmd = {
    .name = "compare", .order = 150, .synopsis = "FILE",
    .help = "run a script under every fit policy, side by side",
    .min_args = 1, .max_args = 1, .args = {ARG_FILE}, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
