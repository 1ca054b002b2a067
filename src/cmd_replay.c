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

#include "commands.h"
#include "numbers.h"
#include "signals.h"
#include "trace.h"

typedef struct slot {
    unsigned char *p;
    size_t size;      /* as requested */
    bool failed;      /* its allocation failed: its free is no error */
} slot;

typedef struct run {
    pa_arena *a;
    slot *slots;
    replay_report *rep;
    size_t payload;
} run;

static unsigned char pattern(size_t id, size_t i)
{
    return (unsigned char)(id * 131 + i * 7 + 1);
}

static void fill(unsigned char *p, size_t id, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        p[i] = pattern(id, i);
}

static bool intact(const unsigned char *p, size_t id, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != pattern(id, i))
            return false;
    return true;
}

/* Allocates for size bytes, counting why when it cannot. */
static unsigned char *get(run *rn, size_t size)
{
    size_t unit = pa_arena_unit(rn->a);
    size_t rounded = size == 0 ? unit : round_up(size, unit);
    void *p;
    if (rounded > PA_PAGE_SIZE) {
        rn->rep->too_large++;
        return NULL;
    }
    if (pa_alloc(rn->a, rounded, &p) != PA_OK) {
        rn->rep->no_room++;
        return NULL;
    }
    return p;
}

static void release(run *rn, size_t id)
{
    slot *s = &rn->slots[id];
    if (!intact(s->p, id, s->size))
        rn->rep->corrupted++;
    pa_free(rn->a, s->p);
    rn->payload -= s->size;
    s->p = NULL;
}

/* One operation.  A realloc of an id that is not live allocates, as
 * realloc(NULL, n) does; freeing a dead id or allocating a live one is a
 * bad id, and changes nothing. */
static void step(run *rn, const trace_op *op)
{
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
        s->failed = !s->p;
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
static void progress(size_t done, size_t total, bool last)
{
    if (total < 20000 || !isatty(STDERR_FILENO))
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

static void play(run *rn, const trace *t, shell *sh)
{
    double start = now();
    for (size_t i = 0; i < t->nops; i++) {
        if ((i & 1023) == 0 && sig_interrupted) {
            sh->interrupted = true;
            break;
        }
        const trace_op *op = &t->ops[i];
        rn->rep->allocs += op->kind == 'a';
        rn->rep->frees += op->kind == 'f';
        rn->rep->reallocs += op->kind == 'r';
        step(rn, op);
        rn->rep->ops++;
        progress(i + 1, t->nops, false);
    }
    progress(rn->rep->ops, t->nops, true);
    rn->rep->seconds = now() - start;
    for (size_t id = 0; id < t->ids; id++)
        if (rn->slots[id].p)
            release(rn, id);
}

bool cmd_replay(shell *sh, const words *ws, result *r)
{
    char err[300];
    trace t;
    pa_config cfg;
    pa_stats st;
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
    run rn = {NULL, calloc(t.ids ? t.ids : 1, sizeof(slot)), &r->replay, 0};
    if (!rn.slots || pa_create(&cfg, &rn.a) != PA_OK) {
        free(rn.slots);
        trace_free(&t);
        return result_fail(r, ERR_SYSTEM, "cannot set up the replay");
    }
    play(&rn, &t, sh);
    pa_get_stats(rn.a, &st);
    r->replay.peak_mapped = st.peak_pages * PA_PAGE_SIZE;
    pa_destroy(rn.a);
    free(rn.slots);
    trace_free(&t);
    r->text = ws->w[1];
    r->kind = R_REPLAY;
    if (sh->interrupted) {
        r->reported = true; /* said once, where the run stops */
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    }
    if (r->replay.corrupted)
        return result_fail(r, ERR_CHECK, "%lu blocks lost their bytes", r->replay.corrupted);
    return true;
}
