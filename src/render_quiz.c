/* render_quiz.c - quiz mode, in the manner of malloc.py without -c: each
 * question (alloc, free, map, list, stats) prints one numbered line whose
 * answer is "?", or, with --answers, the answer.  Everything else prints
 * as usual, so a question sheet and its answer sheet line up. */
#include <string.h>

#include "render.h"

static bool is_question(result_kind k, error_kind e)
{
    return k == R_ALLOC || k == R_FREE || k == R_MAP || k == R_LIST ||
           k == R_STATS || e == ERR_OUT_OF_MEMORY;
}

typedef struct summary {
    FILE *out;
    const side *sd;
    pa_item_kind want;
    size_t page, n;
} summary;

/* Prints the blocks or the free extents, with the page when not page 0. */
static int summarise(const pa_item *it, void *ctx)
{
    summary *s = ctx;
    if (it->kind == PA_ITEM_PAGE)
        s->page = it->page;
    if (it->kind != s->want)
        return 0;
    fputs(s->n++ ? ", " : "", s->out);
    if (it->kind == PA_ITEM_BLOCK)
        fprintf(s->out, "%s ", names_label(&s->sd->names, it->addr));
    if (s->page)
        fprintf(s->out, "p%zu", s->page);
    fprintf(s->out, "[%zu, %zu)", it->offset, it->offset + it->size);
    return 0;
}

static void list_of(const side *sd, pa_item_kind want, FILE *out)
{
    summary s = {out, sd, want, 0, 0};
    pa_walk(sd->arena, summarise, &s);
    if (!s.n)
        fputs("none", out);
}

static void answer(shell *sh, const result *r, FILE *out)
{
    const side *sd = shell_side(sh);
    pa_stats st;
    if (!r->ok) {
        fprintf(out, "fails: %s", error_kind_name(r->kind_of_error));
        return;
    }
    switch (r->kind) {
    case R_ALLOC:
        fprintf(out, "%s at page %zu, offset %zu", r->name, r->where.page,
                r->where.offset);
        break;
    case R_LIST:
        fputs("blocks ", out);
        list_of(sd, PA_ITEM_BLOCK, out);
        break;
    case R_STATS:
        pa_get_stats(sd->arena, &st);
        fprintf(out, "used %zu, free %zu in %zu extent%s, largest %zu",
                st.bytes_used, st.bytes_free, st.extents, plural(st.extents),
                st.largest);
        break;
    default: /* free and map: the free list is the point */
        fputs("free list ", out);
        list_of(sd, PA_ITEM_FREE, out);
        break;
    }
}

bool render_quiz(shell *sh, const result *r, const char *input)
{
    if (!is_question(r->kind, r->ok ? ERR_NONE : r->kind_of_error))
        return false;
    sh->questions++;
    printf("%3lu. %-22s -> ", sh->questions, input + strspn(input, " \t"));
    if (sh->opt.answers)
        answer(sh, r, stdout);
    else
        fputc('?', stdout);
    fputc('\n', stdout);
    return true;
}
