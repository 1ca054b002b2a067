/* cmd_compare.c - `compare FILE`: the same script under every fit policy,
 * each in a quiet scratch session like the current allocator, side by side. */
#include <stdint.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "render.h"

/* Whether next fit cannot run on this session's heap: a free list kept
 * in size or insertion order has no "after the last allocation" for it
 * to resume at. */
static bool heap_refuses(const shell *sh, pa_policy policy)
{
    return policy == PA_FIT_NEXT &&
           pa_arena_order(sh->sides[PA_KIND_HEAP].arena) != PA_ORDER_ADDRESS;
}

/* Gives the scratch session a heap like this session's (size, base,
 * alignment, header, order, coalescing): the script may use it.  It takes
 * the row's policy, as the other allocators do, unless its order refuses
 * it; then it keeps its own, and figures the script ends with on it are
 * not the row's (see run_under). */
static int copy_heap(const shell *sh, pa_policy policy, shell *scratch)
{
    const side *h = &sh->sides[PA_KIND_HEAP];
    pa_config cfg;
    side_config(h, &cfg);
    cfg.sys = sh->opt.sys;
    if (!heap_refuses(sh, policy))
        cfg.policy = policy;
    if (shell_remake(scratch, PA_KIND_HEAP, &cfg) != 0)
        return -1;
    scratch->sides[PA_KIND_HEAP].origin = h->origin;
    return 0;
}

/* A scratch session like this one, for one policy: quiet, and free of
 * the settings that would make it stop or fail on its own. */
static int scratch_init(shell *sh, pa_policy policy, shell *scratch)
{
    options opt = sh->opt;
    arena_view e;
    side_view(&sh->sides[PA_KIND_EALLOC], &e);
    opt.kind = sh->current;
    opt.policy = policy;
    opt.max_pages = e.max_pages;
    opt.quiet = true;
    opt.echo = false;
    opt.strict = false;
    opt.check = false;
    opt.explain = false;
    opt.comparing = true;
    opt.impl_path = NULL; /* a submission is graded, not compared */
    if (shell_init(scratch, &opt) != 0)
        return -1;
    if (copy_heap(sh, policy, scratch) != 0) {
        shell_free(scratch);
        return -1;
    }
    /* The scripts running out here are running in there too: a script
     * that sources one of them would never end. */
    scratch->where = sh->where;
    scratch->depth = sh->depth; /* its commands run inside this one */
    return 0;
}

/* Runs the script under policy in a fresh session; false when it cannot,
 * or when something other than the script itself failed in there (a
 * fault, or the script given up part-way): its figures would mislead. */
static bool run_under(shell *sh, const script_copy *script, pa_policy policy,
                      policy_row *row, compare_payload *cp, result *r)
{
    shell scratch;
    if (scratch_init(sh, policy, &scratch) != 0)
        return result_fail(r, ERR_SYSTEM, "cannot set up a scratch session");
    shell_run_copy(&scratch, script);
    pa_stats s;
    side_stats(shell_side(&scratch), &s);
    *row = (policy_row){policy, NULL, scratch.alloc_failures, scratch.errors, s.peak_used,
                        s.bytes_free, s.extents, s.largest, fragmentation(&s)};
    cp->kind = scratch.current; /* the script may have switched */
    if (scratch.current == PA_KIND_HEAP && heap_refuses(sh, policy))
        row->not_run = "next fit needs the heap's free list in address order";
    sh->interrupted = scratch.interrupted;
    bool troubled = scratch.trouble_kind != 0 && !scratch.interrupted;
    if (troubled)
        result_fail(r, (error_kind)scratch.trouble_kind, "under %s fit: %s",
                    pa_policy_name(policy), scratch.trouble);
    shell_free(&scratch);
    return !troubled;
}

static bool interrupted(result *r)
{
    r->reported = true; /* said once, where the run stops */
    return result_fail(r, ERR_INTERRUPTED, "interrupted");
}

/* The script is read once, whole, and each policy runs the copy: a pipe or
 * a FIFO could not be read again. */
static bool run(shell *sh, const words *ws, result *r)
{
    script_copy script;
    char err[300];
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    if (sh->opt.comparing)
        return result_fail(r, ERR_USAGE, "compare cannot run inside compare");
    int st = shell_copy_script(sh, ws->w[1], &script, err, sizeof err);
    if (st < 0)
        return result_fail(r, ERR_FILE, "%s", err);
    if (st > 0)
        return interrupted(r);
    compare_payload *cp = result_payload(r, P_COMPARE);
    cp->file = ws->w[1];
    bool ok = true;
    for (int p = PA_FIT_FIRST; ok && p <= PA_FIT_NEXT; p++) {
        ok = run_under(sh, &script, (pa_policy)p, &cp->rows[p], cp, r);
        if (ok && sh->interrupted)
            ok = interrupted(r);
        cp->nrows += ok;
    }
    script_copy_free(&script);
    return ok;
}

/* The figures of a script whose commands failed for other reasons than
 * room (a typo, an undo, which compare's sessions refuse) are not those of
 * the script as written: said under the table, policy by policy. */
static void other_failures(const compare_payload *cp, FILE *out)
{
    const char *sep = "note: commands of the script failed other than for room (";
    for (size_t i = 0; i < cp->nrows; i++) {
        if (cp->rows[i].not_run || !cp->rows[i].errors)
            continue;
        fprintf(out, "%s%s %lu", sep, pa_policy_name(cp->rows[i].policy),
                cp->rows[i].errors);
        sep = ", ";
    }
    if (sep[0] == ',')
        fprintf(out, "): run it alone to see why\n");
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
        if (w->not_run) {
            fprintf(out, "%-7s not run: %s\n", pa_policy_name(w->policy), w->not_run);
            continue;
        }
        fprintf(out, "%-7s %7lu %10zu %6zu %8zu %8zu %13.1f%%\n",
                pa_policy_name(w->policy), w->failed, w->peak_used, w->free,
                w->extents, w->largest, 100.0 * w->fragmentation);
    }
    other_failures(cp, out);
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
        cJSON_AddItemToArray(a, p);
        if (w->not_run) {
            cJSON_AddStringToObject(p, "not_run", w->not_run);
            continue;
        }
        json_add_size(p, "failed", w->failed);
        json_add_size(p, "errors", w->errors);
        json_add_size(p, "peak_used", w->peak_used);
        json_add_size(p, "free", w->free);
        json_add_size(p, "extents", w->extents);
        json_add_size(p, "largest", w->largest);
        cJSON_AddNumberToObject(p, "fragmentation", w->fragmentation);
    }
}

static const command cmd = {
    .name = "compare", .order = 150, .synopsis = "FILE",
    .help = "run a script under every fit policy, side by side",
    .min_args = 1, .max_args = 1, .args = {ARG_FILE}, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
