/* render_map.c - the layout diagram: a bar per page, its blocks, its free
 * list, and a summary line.  Piped output is 80 columns and colourless, so
 * that it is the same on every machine. */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "term.h"

#define LEFT "0 |"
#define RIGHT "| 4096"

typedef struct page_view {
    const shell *sh;
    FILE *out;
    const pa_item *items; /* this page's blocks and extents */
    const char *const *labels; /* their names */
    size_t n;
    unsigned first_color; /* colour index of the page's first block */
    size_t page_size;
} page_view;

/* Which block owns each cell of the bar (-1: free).  A block too small for
 * a cell of its own still gets one, pushed right past its neighbour when
 * they would share it, so that every block is seen while cells last. */
static void fill_cells(const page_view *v, int *owner, int width)
{
    for (int c = 0; c < width; c++)
        owner[c] = -1;
    int k = 0, taken = 0;
    for (size_t i = 0; i < v->n; i++) {
        const pa_item *it = &v->items[i];
        if (it->kind != PA_ITEM_BLOCK)
            continue;
        int c0 = (int)(it->offset * (size_t)width / v->page_size);
        int c1 = (int)((it->offset + it->size) * (size_t)width / v->page_size);
        if (c0 < taken)
            c0 = taken;
        if (c0 >= width)
            c0 = width - 1;
        if (c1 <= c0)
            c1 = c0 + 1;
        for (int c = c0; c < c1; c++)
            owner[c] = k;
        taken = c1;
        k++;
    }
}

/* The name of the k-th block of the page. */
static const char *nth_label(const page_view *v, int k)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->items[i].kind == PA_ITEM_BLOCK && k-- == 0)
            return v->labels[i];
    return "?";
}

static void draw_bar(const page_view *v, int width)
{
    bool col = v->sh->color;
    int *owner = malloc((size_t)width * sizeof *owner);
    if (!owner)
        return;
    fill_cells(v, owner, width);
    fputs(LEFT, v->out);
    for (int c = 0; c < width;) {
        int k = owner[c], run = 0;
        while (c + run < width && owner[c + run] == k)
            run++;
        if (k < 0) {
            fputs(term_dim(col), v->out);
            for (int i = 0; i < run; i++)
                fputc('.', v->out);
            fputs(term_reset(col), v->out);
        } else {
            const char *name = nth_label(v, k);
            int len = (int)strlen(name);
            fputs(term_block(col, v->first_color + (unsigned)k), v->out);
            for (int i = 0; i < run; i++)
                fputc(i < len ? name[i] : (col ? ' ' : '='), v->out);
            fputs(term_reset(col), v->out);
        }
        c += run;
    }
    fputs(RIGHT "\n", v->out);
    free(owner);
}

static void list_items(const page_view *v, pa_item_kind kind)
{
    bool col = v->sh->color;
    unsigned k = v->first_color;
    for (size_t i = 0; i < v->n; i++) {
        const pa_item *it = &v->items[i];
        if (it->kind != kind)
            continue;
        char range[48];
        snprintf(range, sizeof range, "[%zu, %zu)", it->offset,
                 it->offset + it->size);
        if (kind == PA_ITEM_BLOCK)
            fprintf(v->out, "  block %s%-8s%s %-14s %5zu bytes", term_block(col, k++),
                    v->labels[i], term_reset(col), range, it->size);
        else
            fprintf(v->out, "  free  %s%-8s%s %-14s %5zu bytes", term_dim(col),
                    "-", term_reset(col), range, it->size);
        if (v->sh->opt.addresses)
            fprintf(v->out, "  %p", it->addr);
        fputc('\n', v->out);
    }
}

static void draw_page(page_view *v, const pa_item *page)
{
    size_t blocks = 0;
    for (size_t i = 0; i < v->n; i++)
        blocks += v->items[i].kind == PA_ITEM_BLOCK;
    fprintf(v->out, "%spage %zu%s: %zu block%s, %zu free extent%s",
            term_bold(v->sh->color), page->page, term_reset(v->sh->color),
            blocks, plural(blocks), v->n - blocks, plural(v->n - blocks));
    if (v->sh->opt.addresses)
        fprintf(v->out, " (at %p)", page->addr);
    fputc('\n', v->out);
    int width = term_width(v->out) - (int)strlen(LEFT) - (int)strlen(RIGHT);
    draw_bar(v, width);
    list_items(v, PA_ITEM_BLOCK);
    if (v->n == blocks)
        fprintf(v->out, "  free list is empty\n");
    list_items(v, PA_ITEM_FREE);
    v->first_color += (unsigned)blocks;
}

static void header(const arena_view *a, FILE *out)
{
    fprintf(out, "%s: %zu-byte units, %s fit, ", pa_kind_name(a->kind), a->unit,
            pa_policy_name(a->policy));
    if (a->kind == PA_KIND_HEAP)
        fprintf(out, "1 heap of %zu bytes at %zu\n", a->page_size, a->origin);
    else if (a->kind == PA_KIND_ALLOC)
        fprintf(out, "1 page of %u bytes\n", PA_PAGE_SIZE);
    else
        fprintf(out, "%zu of %zu pages mapped\n", a->pages, a->max_pages);
}

static void summary(const pa_stats *st, FILE *out)
{
    fprintf(out, "used %zu bytes in %zu block%s, free %zu bytes in %zu extent%s, "
            "largest %zu, fragmentation %.1f%%\n", st->bytes_used, st->blocks,
            plural(st->blocks), st->bytes_free, st->extents, plural(st->extents),
            st->largest, 100.0 * fragmentation(st));
}

void render_map(const shell *sh, const layout *lay, FILE *out)
{
    header(&lay->view, out);
    if (lay->lost) {
        fprintf(out, "(out of memory drawing the map)\n");
        return;
    }
    if (lay->n == 0)
        fprintf(out, "no page mapped yet: the first alloc maps one\n");
    page_view v = {sh, out, NULL, NULL, 0, 0, lay->view.page_size};
    for (size_t i = 0; i < lay->n;) {
        size_t j = i + 1;
        while (j < lay->n && lay->items[j].kind != PA_ITEM_PAGE)
            j++;
        v.items = &lay->items[i + 1];
        v.labels = &lay->labels[i + 1];
        v.n = j - i - 1;
        draw_page(&v, &lay->items[i]);
        i = j;
    }
    summary(&lay->view.st, out);
}
