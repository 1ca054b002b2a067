/* render_quiz.c - quiz mode, in the manner of malloc.py without -c: each
 * question (alloc, free, map, list, stats) prints one numbered line whose
 * answer is "?", or, with --answers, the answer.  Everything else prints
 * as usual, so a question sheet and its answer sheet line up.  An
 * allocation that finds no room is a question like any other, whose
 * answer is that it fails: a quiz of a gen script is full of them. */
#include <string.h>

#include "commands.h"
#include "render.h"

/* The commands whose results are questions, and what their answer shows. */
typedef enum { A_NONE, A_BLOCK, A_BLOCKS, A_FIGURES, A_FREE_LIST } answer_kind;

static answer_kind answer_of(const result *r)
{
    static const struct { const char *name; answer_kind a; } questions[] = {
        {"alloc", A_BLOCK}, {"free", A_FREE_LIST}, {"map", A_FREE_LIST},
        {"list", A_BLOCKS}, {"stats", A_FIGURES},
    };
    if (!r->ok && r->kind_of_error == ERR_OUT_OF_MEMORY)
        return A_BLOCK;
    for (size_t i = 0; r->ok && r->by && i < sizeof questions / sizeof questions[0]; i++)
        if (strcmp(r->by->name, questions[i].name) == 0)
            return questions[i].a;
    return A_NONE;
}

/* Prints the blocks or the free extents, with the page when not page 0. */
static void list_of(const layout *lay, pa_item_kind want, FILE *out)
{
    size_t page = 0, n = 0;
    for (size_t i = 0; i < lay->n; i++) {
        const pa_item *it = &lay->items[i];
        if (it->kind == PA_ITEM_PAGE)
            page = it->page;
        if (it->kind != want)
            continue;
        fputs(n++ ? ", " : "", out);
        if (it->kind == PA_ITEM_BLOCK)
            fprintf(out, "%s ", lay->labels[i]);
        if (page)
            fprintf(out, "p%zu", page);
        size_t at = lay->view.origin + it->offset; /* a heap's by address */
        fprintf(out, "[%zu, %zu)", at, at + it->size);
    }
    if (!n)
        fputs("none", out);
}

/* Why an allocation failed, as a student should say it. */
static void no_room(const layout *after, FILE *out)
{
    const arena_view *v = &after->view;
    fprintf(out, "fails: no free extent is large enough (largest %zu)", v->st.largest);
    if (v->kind == PA_KIND_EALLOC)
        fprintf(out, " and all pages are mapped (limit %zu)", v->max_pages);
}

static void answer(const result *r, answer_kind a, const layout *after, FILE *out)
{
    const pa_stats *st = &r->u.layout.view.st;
    if (!r->ok) {
        no_room(after, out);
        return;
    }
    switch (a) {
    case A_BLOCK:
        if (after->view.kind == PA_KIND_HEAP) /* its data's address */
            fprintf(out, "%s at %zu", r->u.block.name, after->view.origin +
                    r->u.block.where.offset + after->view.header);
        else
            fprintf(out, "%s at page %zu, offset %zu", r->u.block.name,
                    r->u.block.where.page, r->u.block.where.offset);
        break;
    case A_BLOCKS:
        fputs("blocks ", out);
        list_of(&r->u.layout, PA_ITEM_BLOCK, out);
        break;
    case A_FIGURES:
        fprintf(out, "used %zu, free %zu in %zu extent%s, largest %zu",
                st->bytes_used, st->bytes_free, st->extents, plural(st->extents),
                st->largest);
        break;
    default: /* free and map: the free list is the point */
        fputs("free list ", out);
        list_of(after, PA_ITEM_FREE, out);
        break;
    }
}

bool render_quiz_answered(const shell *sh, const result *r)
{
    return sh->opt.quiz && !r->ok && answer_of(r) != A_NONE;
}

bool render_quiz(shell *sh, const result *r, const char *input, const layout *after)
{
    answer_kind a = answer_of(r);
    if (a == A_NONE)
        return false;
    sh->questions++;
    printf("%3lu. %-22s -> ", sh->questions, input + strspn(input, " \t"));
    if (sh->opt.answers)
        answer(r, a, after, stdout);
    else
        fputc('?', stdout);
    fputc('\n', stdout);
    /* With show-free, the free list is part of the exercise, as in
     * malloc.py: asked for on the sheet, given on the key. */
    if (sh->opt.show_free && r->explain_as != EXPLAIN_NONE) {
        printf("%3s  ", "");
        if (sh->opt.answers)
            render_free_list_text(sh, stdout);
        else
            printf("Free List? \n");
    }
    return true;
}
