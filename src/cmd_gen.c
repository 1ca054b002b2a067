/* cmd_gen.c - `gen`: a random scenario, in the manner of OSTEP's malloc.py
 * (-n ops, -s seed, -r size range, -P share of allocations).  A scratch
 * arena like the current allocator plays the script as it is written, so
 * that frees only name live blocks.
 * An allocation that finds no room stays in the script, as in malloc.py:
 * it fails there too, which is part of what students work out. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "lines.h"
#include "numbers.h"
#include "prng.h"
#include "render.h"
#include "signals.h"

typedef struct gen_params {
    size_t n, seed, lo, hi, share;
} gen_params;

static bool parse_param(const char *word, gen_params *p, result *r)
{
    char err[128];
    const char *eq = strchr(word, '=');
    if (!eq)
        return result_fail(r, ERR_USAGE, "'%.40s' is not KEY=VALUE (try 'help gen')", word);
    size_t klen = (size_t)(eq - word);
    const char *v = eq + 1;
    if (klen == 1 && word[0] == 'n')
        return parse_count(v, 100000, &p->n, err, sizeof err) == 0 ||
               result_fail(r, ERR_INVALID_VALUE, "n: %s", err);
    if (klen == 4 && strncmp(word, "seed", 4) == 0)
        return parse_count(v, SIZE_MAX, &p->seed, err, sizeof err) == 0 ||
               result_fail(r, ERR_INVALID_VALUE, "seed: %s", err);
    if (klen == 5 && strncmp(word, "alloc", 5) == 0)
        return parse_count(v, 100, &p->share, err, sizeof err) == 0 ||
               result_fail(r, ERR_INVALID_VALUE, "alloc (a percentage): %s", err);
    if (klen == 4 && strncmp(word, "size", 4) == 0) {
        char lo[24], *dash = strchr(v, '-');
        size_t len = dash ? (size_t)(dash - v) : 0;
        if (!dash || len >= sizeof lo)
            return result_fail(r, ERR_INVALID_VALUE, "size wants LO-HI, not '%.40s'", v);
        memcpy(lo, v, len);
        lo[len] = '\0';
        if (parse_count(lo, PA_PAGE_SIZE, &p->lo, err, sizeof err) ||
            parse_count(dash + 1, PA_PAGE_SIZE, &p->hi, err, sizeof err) ||
            p->lo == 0 || p->lo > p->hi)
            return result_fail(r, ERR_INVALID_VALUE, "size wants LO-HI with "
                               "1 <= LO <= HI <= %u, not '%.40s'", PA_PAGE_SIZE, v);
        return true;
    }
    return result_fail(r, ERR_INVALID_VALUE, "unknown gen setting '%.*s' (n, seed, "
                       "size, alloc)", (int)klen, word);
}

/* A live block of the play: the n-th name of the sequence, and where. */
typedef struct live_block {
    unsigned long nth;
    void *ptr;
} live_block;

/* The play of a script: the scratch arena, its live blocks in the order
 * they were made (a name table would look each name up: quadratic in
 * 100000 operations), the script written so far, and how it is going
 * (PA_OK; PA_ENOMEM also when the shell's own memory runs out). */
typedef struct play_state {
    pa_arena *a;
    live_block *live;
    size_t nlive, cap;
    lines *out;
    pa_status st;
    bool interrupted;
} play_state;

static void play_free(play_state *ps, prng *g)
{
    char name[16];
    size_t i = prng_range(g, 0, ps->nlive - 1);
    live_block b = ps->live[i];
    memmove(&ps->live[i], &ps->live[i + 1], (ps->nlive - i - 1) * sizeof *ps->live);
    ps->nlive--;
    ps->st = pa_free(ps->a, b.ptr);
    names_nth(b.nth, name, sizeof name);
    if (ps->st == PA_OK && !lines_add(ps->out, "free %s", name))
        ps->st = PA_ENOMEM;
}

static bool keep_live(play_state *ps, unsigned long nth, void *ptr)
{
    if (ps->nlive == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 64;
        live_block *v = realloc(ps->live, cap * sizeof *v);
        if (!v)
            return false;
        ps->live = v;
        ps->cap = cap;
    }
    ps->live[ps->nlive++] = (live_block){nth, ptr};
    return true;
}

/* An allocation that finds no room stays in the script; one that the
 * system refused (memory, a page) would make a script that is not what
 * the allocator does, so it stops the play. */
static void play_alloc(play_state *ps, size_t size, unsigned long nth)
{
    char name[16];
    void *ptr;
    names_nth(nth, name, sizeof name);
    pa_status st = pa_alloc(ps->a, size, &ptr);
    if (st == PA_OK && !keep_live(ps, nth, ptr))
        st = PA_ENOMEM;
    else if (st == PA_ENOSPACE)
        st = PA_OK;
    ps->st = st;
    if (st == PA_OK && !lines_add(ps->out, "alloc %zu %s", size, name))
        ps->st = PA_ENOMEM;
}

/* Plays the operations on a scratch arena, writing them as commands.
 * Every allocation names its block, so that where one fails (here, or
 * under another policy in compare) the later names keep their blocks.
 * Ctrl-C is polled at every operation: on a large arena one can be slow. */
static void play(play_state *ps, const gen_params *p)
{
    size_t unit = pa_arena_unit(ps->a);
    prng g = {p->seed};
    unsigned long made = 0;
    for (size_t i = 0; ps->st == PA_OK && !ps->interrupted && i < p->n; i++) {
        if (sig_interrupted)
            ps->interrupted = true;
        else if (ps->nlive > 0 && prng_range(&g, 1, 100) > p->share)
            play_free(ps, &g);
        else
            play_alloc(ps, round_up(prng_range(&g, p->lo, p->hi), unit), made++);
    }
    free(ps->live);
    ps->live = NULL;
}

/* A heap's parameters, after the reset that lets them make a new heap. */
static bool heap_head(lines *out, const pa_config *cfg)
{
    return lines_add(out, "set heap-size %zu", cfg->heap_size) &&
           lines_add(out, "set align %zu", cfg->align) &&
           lines_add(out, "set header %zu", cfg->header) &&
           lines_add(out, "set order %s", pa_order_name(cfg->order)) &&
           lines_add(out, "set coalesce %s", cfg->coalesce ? "on" : "off");
}

/* The comment that records the settings, and the commands that start
 * from an empty allocator like the scratch one; false without memory. */
static bool script_head(lines *out, const gen_params *p, const pa_config *cfg)
{
    char room[48];
    if (cfg->kind == PA_KIND_HEAP)
        snprintf(room, sizeof room, "a heap of %zu bytes", cfg->heap_size);
    else
        snprintf(room, sizeof room, "%zu page%s at most", cfg->max_pages,
                 cfg->max_pages == 1 ? "" : "s");
    return lines_add(out, "# allocsh gen n=%zu seed=%zu size=%zu-%zu alloc=%zu "
                     "(%s, %s fit, %s)", p->n, p->seed, p->lo, p->hi, p->share,
                     pa_kind_name(cfg->kind), pa_policy_name(cfg->policy), room) &&
           lines_add(out, "use %s", pa_kind_name(cfg->kind)) &&
           lines_add(out, "reset") &&
           (cfg->kind != PA_KIND_EALLOC ||
            lines_add(out, "set max-pages %zu", cfg->max_pages)) &&
           (cfg->kind != PA_KIND_HEAP || heap_head(out, cfg));
}

/* Why the play stopped, as the command's failure. */
static bool played_badly(shell *sh, const play_state *ps, result *r)
{
    if (ps->interrupted) {
        sh->interrupted = true;
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (ps->st == PA_ENOMEM)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    return result_fail(r, ERR_SYSTEM, "the scratch allocator failed while playing "
                       "the script: %s", pa_strerror(ps->st));
}

static bool run(shell *sh, const words *ws, result *r)
{
    pa_config cfg;
    shell_config_like(sh, &cfg);
    gen_params p = {10, 0, 0, 0, 50};
    pa_arena *scratch;
    for (size_t i = 1; i < ws->n; i++)
        if (!parse_param(ws->w[i], &p, r))
            return false;
    if (pa_create(&cfg, &scratch) != PA_OK)
        return result_fail(r, ERR_SYSTEM, "cannot set up a scratch allocator");
    if (p.lo == 0) { /* the default range: 1 to 16 units */
        p.lo = pa_arena_unit(scratch);
        p.hi = 16 * p.lo;
    }
    lines *out = calloc(1, sizeof *out);
    bool ok = out && script_head(out, &p, &cfg);
    play_state ps = {scratch, NULL, 0, 0, out, ok ? PA_OK : PA_ENOMEM, false};
    if (ok)
        play(&ps, &p);
    pa_destroy(scratch);
    if (ps.st == PA_OK && !ps.interrupted) {
        *(lines **)result_payload(r, P_SCRIPT) = out;
        return true;
    }
    if (out)
        lines_free(out);
    free(out);
    return played_badly(sh, &ps, r);
}

static void text(const shell *sh, const result *r, FILE *o)
{
    (void)sh;
    for (size_t i = 0; i < r->u.script->n; i++)
        fprintf(o, "%s\n", r->u.script->v[i]);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    json_add_lines(o, "script", r->u.script);
}

static const char DETAILS[] =
    "  n=N        operations (default 10)\n"
    "  seed=S     the random seed (default 0); the same seed, the same script\n"
    "  size=LO-HI request sizes, rounded up to the unit (default 1 to 16 units)\n"
    "  alloc=PCT  share of allocations among the operations (default 50)\n"
    "The script starts with 'use', 'reset' (and ealloc's page limit) and frees\n"
    "only live blocks: it is played on a scratch allocator like the current\n"
    "one as it is written.  Allocations that find no room stay in, and fail.";

static const command cmd = {
    .name = "gen", .order = 140, .synopsis = "[KEY=VALUE]...",
    .help = "print a random scenario script (n, seed, size, alloc)", .details = DETAILS,
    .max_args = 4, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
