/* cmd_replay.c - `replay FILE`: a CS:APP malloc-lab trace run against a
 * scratch arena configured like the current allocator.  Sizes round up to
 * the unit; a realloc allocates, copies and frees; every block is filled
 * with a pattern of its id and checked before it goes, so that an
 * allocator that hands out the same bytes twice is caught. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "numbers.h"
#include "render.h"
#include "signals.h"
#include "trace.h"

typedef struct slot {
    unsigned char *p;
    size_t size;      /* as requested */
    bool failed;      /* its allocation failed: its free is no error */
} slot;

typedef struct replay_state {
    pa_arena *a;
    slot *slots;
    replay_report *rep;
    size_t payload;
    pa_status broke;  /* the system refused memory or a page: the figures
                         would not be the allocator's, so the replay stops */
} replay_state;

/* Block id's byte i is id * 131 + i * 7 + 1 (mod 256).  As 7 is odd, that
 * is byte (i + shift(id)) of the one sequence k * 7 + 1, which repeats
 * every 256 bytes: filling and checking a block are then one memcpy and
 * one memcmp from a table of that sequence long enough for any block. */
enum { PERIOD = 256, INVERSE_OF_7 = 183 /* 7 * 183 = 5 * 256 + 1 */ };

static const unsigned char *sequence(void)
{
    static unsigned char seq[PA_PAGE_SIZE + PERIOD];
    if (seq[0] == 0)
        for (size_t k = 0; k < sizeof seq; k++)
            seq[k] = (unsigned char)(k * 7 + 1);
    return seq;
}

static size_t shift(size_t id)
{
    return id * 131 * INVERSE_OF_7 % PERIOD;
}

/* A heap block may be larger than the table: a page at a time, each
 * piece starting where the sequence stands at its first byte. */
static void fill(unsigned char *p, size_t id, size_t from, size_t to)
{
    for (size_t n; from < to; from += n) {
        n = to - from < PA_PAGE_SIZE ? to - from : PA_PAGE_SIZE;
        memcpy(p + from, sequence() + (from + shift(id)) % PERIOD, n);
    }
}

static bool intact(const unsigned char *p, size_t id, size_t size)
{
    for (size_t at = 0, n; at < size; at += n) {
        n = size - at < PA_PAGE_SIZE ? size - at : PA_PAGE_SIZE;
        if (memcmp(p + at, sequence() + (at + shift(id)) % PERIOD, n) != 0)
            return false;
    }
    return true;
}

/* Allocates for size bytes, counting why when it cannot. */
static unsigned char *get(replay_state *rn, size_t size)
{
    size_t unit = pa_arena_unit(rn->a);
    size_t rounded = size == 0 ? unit : round_up(size, unit);
    void *p;
    /* Past a page on alloc and ealloc, or on the heap past what its size,
     * alignment and header allow, the allocator would refuse. */
    if (!pa_size_ok(rn->a, rounded)) {
        rn->rep->too_large++;
        return NULL;
    }
    pa_status st = pa_alloc(rn->a, rounded, &p);
    if (st == PA_ENOSPACE)
        rn->rep->no_room++;
    else if (st != PA_OK)
        rn->broke = st;
    return st == PA_OK ? p : NULL;
}

static void release(replay_state *rn, size_t id)
{
    slot *s = &rn->slots[id];
    if (!intact(s->p, id, s->size))
        rn->rep->corrupted++;
    pa_status st = pa_free(rn->a, s->p);
    if (st != PA_OK && !rn->broke)
        rn->broke = st;
    rn->payload -= s->size;
    s->p = NULL;
}

/* One operation.  A realloc of an id that is not live allocates, as
 * realloc(NULL, n) does; freeing a dead id or allocating a live one is a
 * bad id, and changes nothing. */
static void step(replay_state *rn, const trace_op *op)
{
    if (op->id == TRACE_NULL)
        return; /* f -1: free(NULL) */
    slot *s = &rn->slots[op->id];
    unsigned char *p;
    if (op->kind == 'f' && !s->p && s->failed) {
        s->failed = false; /* the failure was counted when it happened */
        return;
    }
    if ((op->kind == 'f' && !s->p) || (op->kind == 'a' && s->p)) {
        rn->rep->bad_id++;
        return;
    }
    if (op->kind == 'f') {
        release(rn, op->id);
        return;
    }
    if (!(p = get(rn, op->size))) {
        s->failed = !s->p && !rn->broke;
        return;
    }
    s->failed = false;
    size_t keep = s->p ? (s->size < op->size ? s->size : op->size) : 0;
    if (s->p) {
        memcpy(p, s->p, keep);
        release(rn, op->id);
    }
    fill(p, op->id, keep, op->size);
    s->p = p;
    s->size = op->size;
    rn->payload += op->size;
    if (rn->payload > rn->rep->peak_payload)
        rn->rep->peak_payload = rn->payload;
}

/* A percentage on a terminal's stderr for long traces; the last call
 * (done == total, or an interrupted run's) ends the line. */
static void progress(size_t done, size_t total, bool last, bool shown)
{
    if (!shown)
        return;
    if (last || done % (total / 100) == 0)
        fprintf(stderr, "\rreplay: %3zu%%%s", done * 100 / total, last ? "\n" : "");
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Ctrl-C is polled at every operation: on an arena of many pages one
 * operation can take long. */
static void play(replay_state *rn, const trace *t, shell *sh)
{
    /* Asked once: isatty is a system call, and traces have 300,000 lines. */
    bool shown = t->nops >= 20000 && isatty(STDERR_FILENO);
    double start = now();
    for (size_t i = 0; i < t->nops && !rn->broke; i++) {
        if (sig_interrupted) {
            sh->interrupted = true;
            break;
        }
        const trace_op *op = &t->ops[i];
        rn->rep->allocs += op->kind == 'a';
        rn->rep->frees += op->kind == 'f';
        rn->rep->reallocs += op->kind == 'r';
        step(rn, op);
        rn->rep->ops++;
        progress(i + 1, t->nops, false, shown);
    }
    progress(rn->rep->ops, t->nops, true, shown);
    rn->rep->seconds = now() - start;
    /* The blocks still live are checked and freed; after Ctrl-C, or once
     * the system failed, pa_destroy frees them unchecked. */
    for (size_t id = 0; id < t->ids && !sh->interrupted && !rn->broke; id++)
        if (rn->slots[id].p)
            release(rn, id);
}

/* Replays t on a fresh arena of cfg into rep; false when the arena cannot
 * be had.  *broke says whether the system failed it part-way. */
static bool replay_on(const trace *t, const pa_config *cfg, shell *sh,
                      replay_report *rep, pa_status *broke)
{
    pa_stats st;
    replay_state rn = {NULL, calloc(t->ids ? t->ids : 1, sizeof(slot)), rep, 0, PA_OK};
    if (!rn.slots || pa_create(cfg, &rn.a) != PA_OK) {
        free(rn.slots);
        return false;
    }
    play(&rn, t, sh);
    pa_get_stats(rn.a, &st);
    rep->peak_mapped = st.peak_pages * pa_arena_page_size(rn.a);
    pa_destroy(rn.a);
    free(rn.slots);
    *broke = rn.broke;
    return true;
}

/* When requests found no room: the pages an ealloc without a limit, and
 * with the same policy, maps for the trace, which is the -m that would
 * let it fit. */
static bool probe_fit(const trace *t, const pa_config *like, shell *sh,
                      replay_report *rep, pa_status *broke)
{
    pa_config cfg = *like;
    replay_report probe;
    memset(&probe, 0, sizeof probe);
    cfg.kind = PA_KIND_EALLOC;
    cfg.max_pages = SIZE_MAX / PA_PAGE_SIZE;
    if (!replay_on(t, &cfg, sh, &probe, broke))
        return false;
    if (!*broke && !sh->interrupted && probe.no_room == 0)
        rep->fit_pages = probe.peak_mapped / PA_PAGE_SIZE;
    return true;
}

/* The command's verdict once the replay ran: the figures stand unless
 * Ctrl-C or the system cut it short, or a block lost its bytes. */
static bool verdict(shell *sh, replay_payload *rp, pa_status broke, result *r)
{
    if (sh->interrupted) {
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (broke)
        return result_fail(r, ERR_SYSTEM, "the scratch allocator failed after %lu "
                           "operations: %s", rp->rep.ops, pa_strerror(broke));
    if (rp->rep.corrupted)
        return result_fail(r, ERR_CHECK, "%lu blocks lost their bytes", rp->rep.corrupted);
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    char err[300];
    trace t;
    pa_config cfg;
    pa_status broke = PA_OK;
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "reading files is disabled here");
    int loaded = trace_load(ws->w[1], &t, err, sizeof err);
    if (loaded == TRACE_INTERRUPTED) {
        sh->interrupted = true;
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (loaded != 0)
        return result_fail(r, loaded < -1 ? ERR_FILE : ERR_TRACE, "%s", err);
    shell_config_like(sh, &cfg);
    replay_payload *rp = result_payload(r, P_REPLAY);
    bool set_up = replay_on(&t, &cfg, sh, &rp->rep, &broke);
    /* More pages are the answer for alloc and ealloc; a heap is one
     * mapping, which a page limit does not change. */
    if (set_up && rp->rep.no_room && !broke && !sh->interrupted && cfg.kind != PA_KIND_HEAP)
        set_up = probe_fit(&t, &cfg, sh, &rp->rep, &broke);
    trace_free(&t);
    if (!set_up) {
        result_release(r);
        return result_fail(r, ERR_SYSTEM, "cannot set up the replay");
    }
    side_view(shell_side(sh), &rp->view);
    rp->file = ws->w[1];
    return verdict(sh, rp, broke, r);
}

/* Allocation requests (allocs and reallocs), and those that failed. */
static unsigned long requests(const replay_report *p) { return p->allocs + p->reallocs; }
static unsigned long failed(const replay_report *p) { return p->too_large + p->no_room; }

/* What would let the trace fit: an ealloc of enough pages, found by
 * replaying it without a limit; requests over a page fit nowhere. */
static void text_fit(const replay_payload *rp, FILE *out)
{
    const replay_report *p = &rp->rep;
    size_t n = p->fit_pages;
    if (n && rp->view.kind == PA_KIND_ALLOC)
        fprintf(out, "  it fits on ealloc with %zu page%s: -a ealloc -m %zu, or use ealloc; "
                "set max-pages %zu\n", n, plural(n), n, n);
    else if (n)
        fprintf(out, "  it fits with %zu page%s: -m %zu, or set max-pages %zu\n",
                n, plural(n), n, n);
    if (p->too_large && rp->view.kind == PA_KIND_HEAP)
        fprintf(out, "  %lu request%s too large for this heap never fit\n",
                p->too_large, plural(p->too_large));
    else if (p->too_large)
        fprintf(out, "  %lu request%s over %u bytes never fit, on either allocator\n",
                p->too_large, plural(p->too_large), PA_PAGE_SIZE);
}

/* "(12.5%)", and never "(0.0%)" for a share that is not nothing. */
static void text_share(unsigned long part, unsigned long whole, FILE *out)
{
    double share = 100.0 * (double)part / (double)whole;
    if (share < 0.1)
        fputs(" (under 0.1%)\n", out);
    else
        fprintf(out, " (%.1f%%)\n", share);
}

/* Failed requests come first: a replay that mostly failed must not read
 * as a good utilization. */
static void text(const shell *sh, const result *r, FILE *out)
{
    const replay_report *p = &r->u.replay.rep;
    const arena_view *v = &r->u.replay.view;
    fprintf(out, "replay %s: %lu operation%s on %s, %s fit\n", r->u.replay.file, p->ops,
            plural(p->ops), pa_kind_name(v->kind), pa_policy_name(v->policy));
    if (failed(p)) {
        fprintf(out, "  %lu of %lu allocation request%s failed", failed(p),
                requests(p), plural(requests(p)));
        text_share(failed(p), requests(p), out);
        text_fit(&r->u.replay, out);
    }
    fprintf(out, "  %lu alloc%s, %lu free%s, %lu realloc%s\n", p->allocs,
            plural(p->allocs), p->frees, plural(p->frees), p->reallocs,
            plural(p->reallocs));
    fprintf(out, "  failures: %lu too large, %lu out of memory, %lu bad id%s, "
            "%lu corrupted\n", p->too_large, p->no_room, p->bad_id,
            plural(p->bad_id), p->corrupted);
    fprintf(out, "  peak payload %zu bytes, peak mapped %zu bytes: utilization %.1f%%%s\n",
            p->peak_payload, p->peak_mapped,
            100.0 * utilization(p->peak_payload, p->peak_mapped),
            failed(p) ? " (of what succeeded)" : "");
    if (sh->opt.timing)
        fprintf(out, "  %.3f ms, %.0f operations/s\n", p->seconds * 1e3,
                p->seconds > 0 ? (double)p->ops / p->seconds : 0.0);
}

/* The failure share and what would let the trace fit, first of the
 * figures; only when a request failed. */
static void json_failed(const replay_payload *rp, cJSON *o)
{
    const replay_report *p = &rp->rep;
    if (!failed(p))
        return;
    cJSON_AddNumberToObject(o, "failed_share", (double)failed(p) / (double)requests(p));
    json_add_size(o, "failed_requests", failed(p));
    json_add_size(o, "requests", requests(p));
    if (p->fit_pages) {
        cJSON *fit = cJSON_AddObjectToObject(o, "fit_with");
        cJSON_AddStringToObject(fit, "allocator", pa_kind_name(PA_KIND_EALLOC));
        json_add_size(fit, "max_pages", p->fit_pages);
    }
    if (p->too_large)
        json_add_size(o, "never_fit", p->too_large);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    const replay_report *p = &r->u.replay.rep;
    cJSON_AddStringToObject(o, "trace", r->u.replay.file);
    json_failed(&r->u.replay, o);
    json_add_size(o, "operations", p->ops);
    json_add_size(o, "allocs", p->allocs);
    json_add_size(o, "frees", p->frees);
    json_add_size(o, "reallocs", p->reallocs);
    cJSON *f = cJSON_AddObjectToObject(o, "failures");
    json_add_size(f, "too_large", p->too_large);
    json_add_size(f, "out_of_memory", p->no_room);
    json_add_size(f, "bad_id", p->bad_id);
    json_add_size(f, "corrupted", p->corrupted);
    json_add_size(o, "peak_payload", p->peak_payload);
    json_add_size(o, "peak_mapped", p->peak_mapped);
    cJSON_AddNumberToObject(o, "utilization", utilization(p->peak_payload, p->peak_mapped));
    if (sh->opt.timing) {
        cJSON_AddNumberToObject(o, "seconds", p->seconds);
        cJSON_AddNumberToObject(o, "ops_per_sec",
                                p->seconds > 0 ? (double)p->ops / p->seconds : 0.0);
    }
}

static const char DETAILS[] =
    "A trace is four header lines (heap size, number of ids, number of\n"
    "operations, weight), then 'a ID SIZE', 'f ID' or 'r ID SIZE' a line;\n"
    "'f -1' frees NULL, as traces of real programs do after a failed request.\n"
    "It runs on a fresh allocator like the current one: sizes round up to the\n"
    "unit, a realloc allocates, copies and frees, and every block's bytes are\n"
    "checked before it goes.  Failed requests come first, with the page limit\n"
    "that would let the trace fit.  'set timing on' adds the elapsed time.";

static const command cmd = {
    .name = "replay", .order = 160, .synopsis = "FILE",
    .help = "run a CS:APP malloc-lab trace and measure it", .details = DETAILS,
    .min_args = 1, .max_args = 1, .args = {ARG_FILE}, .run = run, .text = text, .json = json,
    .payload_on_failure = true,
};
COMMAND(cmd);
