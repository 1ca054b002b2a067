/* ostep.c - malloc.py's simulation: which operations it makes (random
 * ones depend on the allocations that succeeded) and what it reports for
 * each.  Every answer comes from a heap arena of the library; this file
 * only keeps malloc.py's books, its ptr[] table and list of live indices. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "explain.h"
#include "ostep.h"
#include "ostep_print.h"
#include "pyrandom.h"

/* One entry of malloc.py's ptr[] table. */
typedef struct slot {
    long long index;
    void *ptr;
} slot;

typedef struct sim {
    const ostep_args *a;
    ostep_out out;
    shell view;          /* only its heap side is used */
    side *sd;
    pyrandom rng;
    slot *slots;         /* random: live ones, in order; -A: successes */
    size_t n, cap;
    long long next;      /* the next ptr[] index */
} sim;

static pa_status sim_open(sim *s, const ostep_args *a, const options *opt)
{
    pa_config cfg;
    pa_config_init(&cfg, PA_KIND_HEAP);
    cfg.sys = opt->sys;
    cfg.heap_size = (size_t)a->size;
    cfg.align = a->align > 0 ? (size_t)a->align : 0;
    cfg.header = (size_t)a->header;
    cfg.coalesce = a->coalesce;
    cfg.policy = strcmp(a->policy, "FIRST") == 0   ? PA_FIT_FIRST
                 : strcmp(a->policy, "WORST") == 0 ? PA_FIT_WORST
                                                   : PA_FIT_BEST;
    pa_order_from_name(a->order, &cfg.order);
    memset(s, 0, sizeof *s);
    s->view.opt = *opt;
    s->view.current = PA_KIND_HEAP;
    s->sd = &s->view.sides[PA_KIND_HEAP];
    s->sd->origin = (size_t)a->base;
    s->a = a;
    s->out = (ostep_out){a, &s->view, a->nsteps == 0};
    s->view.opt.explain = a->explain;
    pyrandom_seed(&s->rng, a->seed < 0 ? 0ULL - (unsigned long long)a->seed
                                       : (unsigned long long)a->seed);
    pa_status st = pa_create(&cfg, &s->sd->arena);
    if (st == PA_OK)
        pa_set_trace(s->sd->arena, explain_record, &s->view);
    return st;
}

/* The library reports each decision of an operation as it makes it;
 * the session's explain words them, from a result shaped as alloc's or
 * free's would be. */
static void start_trace(sim *s)
{
    s->view.nevents = 0;
    s->view.tracing = s->a->explain;
}

static void explain_op(sim *s, ostep_op *op, size_t len, const pa_where *where)
{
    result r = {.ok = op->ok, .tag = P_BLOCK};
    if (!s->view.tracing)
        return;
    r.explain_as = op->kind == OSTEP_ALLOC ? EXPLAIN_ALLOC : EXPLAIN_FREE;
    r.kind_of_error = op->ok ? ERR_NONE : ERR_OUT_OF_MEMORY;
    r.u.block.len = len;
    if (where)
        r.u.block.where = *where;
    explain_lines(&s->view, &r, &op->why);
    s->view.tracing = false;
}

static void sim_close(sim *s)
{
    pa_destroy(s->sd->arena);
    names_clear(&s->sd->names);
    free(s->slots);
}

static int keep(sim *s, long long index, void *ptr)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        slot *v = realloc(s->slots, cap * sizeof *v);
        if (!v)
            return -1;
        s->slots = v;
        s->cap = cap;
    }
    s->slots[s->n++] = (slot){index, ptr};
    return 0;
}

static int count_extent(const pa_item *it, void *ctx)
{
    (void)it;
    ++*(unsigned long long *)ctx;
    return 0;
}

/* ptr[index] = Alloc(size).  A search that fails looks at every extent
 * in malloc.py, whatever the policy; a block too large for the heap is
 * refused by the library before it searches, so that count is made here. */
static int alloc_op(sim *s, long long size, ostep_op *op)
{
    void *p = NULL;
    char name[NAME_MAXLEN + 1];
    *op = (ostep_op){.kind = OSTEP_ALLOC, .index = s->next++, .size = size, .block = -1};
    snprintf(name, sizeof name, "ptr%lld", op->index);
    if (names_reserve(&s->sd->names) != 0)
        return -1;
    start_trace(s);
    op->ok = side_alloc(s->sd, (size_t)size, &p) == PA_OK;
    if (!op->ok) {
        explain_op(s, op, (size_t)size, NULL);
        side_walk_free_list(s->sd, count_extent, &op->searched);
        return 0;
    }
    pa_stats st;
    pa_where w;
    side_stats(s->sd, &st);
    side_locate(s->sd, p, &w);
    explain_op(s, op, (size_t)size, &w);
    op->searched = st.last_searched;
    op->block = s->a->base + (long long)w.offset;
    names_add(&s->sd->names, name, p);
    return keep(s, op->index, p);
}

/* Free(ptr): 0 when ptr is a live block's, as malloc.py's table of
 * block addresses says; -1, and nothing changes, otherwise. */
static void free_ptr(sim *s, void *ptr, ostep_op *op)
{
    const char *name = names_of(&s->sd->names, ptr);
    char copy[NAME_MAXLEN + 1];
    pa_where w = {0, 0, 0};
    snprintf(copy, sizeof copy, "%s", name ? name : "");
    side_locate(s->sd, ptr, &w);
    start_trace(s);
    op->ok = side_free(s->sd, ptr) == PA_OK;
    op->returned = op->ok ? 0 : -1;
    explain_op(s, op, 0, &w);
    if (op->ok)
        names_remove(&s->sd->names, copy);
}

/* Random mode: allocate with probability percent, else free a live
 * pointer picked at random (and draw again when there is none). */
static int random_run(sim *s)
{
    double percent = (double)s->a->percent / 100.0;
    for (long long j = 0; j < s->a->ops;) {
        ostep_op op;
        if (pyrandom_random(&s->rng) < percent) {
            long long size = (long long)(pyrandom_random(&s->rng) * (double)s->a->range) + 1;
            if (alloc_op(s, size, &op) != 0)
                return -1;
            op.returned = (op.ok ? op.block : -1) + s->a->header;
        } else if (s->n) {
            size_t d = (size_t)(pyrandom_random(&s->rng) * (double)s->n);
            op = (ostep_op){.kind = OSTEP_FREE, .index = s->slots[d].index};
            free_ptr(s, s->slots[d].ptr, &op);
            memmove(&s->slots[d], &s->slots[d + 1], (s->n - d - 1) * sizeof *s->slots);
            s->n--;
        } else {
            continue;
        }
        ostep_print_op(&s->out, &op);
        lines_free(&op.why);
        j++;
    }
    return 0;
}

static const slot *find_slot(const sim *s, long long index)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->slots[i].index == index)
            return &s->slots[i];
    return NULL;
}

/* -A: malloc.py skips a free of an index past the number of allocations
 * that succeeded, and crashes on one below it whose allocation failed. */
static int list_free(sim *s, long long index)
{
    ostep_op op = {.kind = OSTEP_FREE, .index = index};
    if (index >= (long long)s->n) {
        op.kind = OSTEP_SKIP;
        ostep_print_op(&s->out, &op);
        return 0;
    }
    const slot *sl = find_slot(s, index);
    if (!sl) {
        char msg[200];
        snprintf(msg, sizeof msg, "-A: -%lld frees ptr[%lld], whose allocation failed "
                 "(malloc.py crashes here)", index, index);
        op.kind = OSTEP_CRASH;
        ostep_print_crash(&s->out, &op, msg);
        return 1;
    }
    free_ptr(s, sl->ptr, &op);
    ostep_print_op(&s->out, &op);
    lines_free(&op.why);
    return 0;
}

static int list_run(sim *s)
{
    for (size_t i = 0; i < s->a->nsteps; i++) {
        const ostep_step *st = &s->a->steps[i];
        int rc = 0;
        if (st->is_alloc) {
            ostep_op op;
            if (alloc_op(s, st->n, &op) != 0)
                return -1;
            op.returned = op.ok ? op.block : -1;
            ostep_print_op(&s->out, &op);
            lines_free(&op.why);
        } else {
            rc = list_free(s, st->n);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static void warn_ignored(const ostep_args *a)
{
    if (a->ignored)
        fprintf(stderr, "allocsh: --ostep: ignoring '%s'%s: malloc.py takes options only\n",
                a->first_ignored, a->ignored > 1 ? " and the words after it" : "");
}

static int simulate(const ostep_args *a, const options *opt)
{
    sim s;
    pa_status st = sim_open(&s, a, opt);
    if (st != PA_OK) {
        sim_close(&s);
        fprintf(stderr, "allocsh: --ostep: the heap: %s\n", pa_strerror(st));
        return EXIT_FAILURE;
    }
    ostep_print_params(&s.out);
    int rc = a->nsteps ? list_run(&s) : random_run(&s);
    sim_close(&s);
    free(s.view.events);
    if (rc < 0)
        fprintf(stderr, "allocsh: --ostep: out of memory\n");
    return rc ? EXIT_FAILURE : EXIT_SUCCESS;
}

int ostep_main(const options *opt, int argc, char **argv)
{
    ostep_args a;
    char err[300];
    if (ostep_args_parse(argc, argv, &a, err, sizeof err) != 0) {
        fprintf(stderr, "allocsh: --ostep: %s\nTry 'allocsh --ostep --help' for more "
                "information.\n", err);
        return EXIT_USAGE;
    }
    if (a.help) {
        fputs(ostep_usage, stdout);
        return EXIT_SUCCESS;
    }
    warn_ignored(&a);
    a.json = a.json || opt->json;
    int rc = simulate(&a, opt);
    ostep_args_free(&a);
    return rc;
}
