/* render_map.c - the layout diagram: per page, a picture of cells (exact
 * units where they fit, a proportional bar otherwise), then its blocks and
 * free-list entries as one list in address order; a key and a summary
 * line.  Piped output is 80 columns and colourless, so that it is the same
 * on every machine. */
#include <stdlib.h>
#include <string.h>

#include "map_grid.h"
#include "render.h"
#include "term.h"
#include "wrap.h"

/* Past this many pages or blocks, a map shows one line a page: `map page`
 * draws the ones asked for. */
#define FULL_MAX_PAGES 8
#define FULL_MAX_BLOCKS 1000

/* What the picture used, for the key. */
enum { SEEN_PART = 1, SEEN_SHARED = 2, SEEN_KEY = 4 };

/* One page being drawn. */
typedef struct page_view {
    const shell *sh;
    FILE *out;
    int width;
    map_page m;
    map_geom g;
    map_cell *cells;
    size_t *ordinal;           /* a block's number in the page, from 0 */
    bool *keyed;               /* a block shown by its number */
    unsigned first_color;      /* colour index of the page's first block */
    unsigned seen;
    size_t first_key;          /* the first key drawn, for the legend's example */
    /* a heap's free-list order, for entry_number: its extents sorted by
     * offset, each with its place in the list (NULL: address order) */
    const size_t (*place)[2];
    size_t nplace;
} page_view;

static int by_first(const void *x, const void *y)
{
    const size_t *a = x, *b = y;
    return (a[0] > b[0]) - (a[0] < b[0]);
}

/* A heap keeps its list in an order of its own: look each hole's place
 * up by offset, in O(log n), rather than searching the list per hole. */
static size_t (*places_of(const layout *lay, size_t *n))[2]
{
    *n = 0;
    if (lay->view.kind != PA_KIND_HEAP || lay->nfree == 0)
        return NULL;
    size_t (*p)[2] = malloc(lay->nfree * sizeof *p);
    if (!p)
        return NULL; /* then holes are numbered in address order */
    for (size_t k = 0; k < lay->nfree; k++) {
        p[k][0] = lay->free_list[k].offset;
        p[k][1] = k + 1;
    }
    qsort(p, lay->nfree, sizeof *p, by_first);
    *n = lay->nfree;
    return p;
}

/* The number of a hole as a free-list entry: its place in address order,
 * or in a heap's list. */
static size_t entry_number(const page_view *v, const pa_item *it, size_t in_address)
{
    size_t key[2] = {it->offset, 0};
    const size_t(*hit)[2] = v->place ? bsearch(key, v->place, v->nplace, sizeof *v->place,
                                                by_first)
                                      : NULL;
    return hit ? (*hit)[1] : in_address;
}

/* Where a block's label goes: the cells it alone owns in the first row it
 * owns any.  Labels never abut a neighbour's, so that "ab" next to "c"
 * cannot read "abc"; a name that does not fit gives way to the block's
 * number, which no name can be (names start with a letter). */
static void choose_label(page_view *v, size_t c, char *buf, size_t len)
{
    size_t i = v->cells[c].block, row_end = (c / v->g.row_cells + 1) * v->g.row_cells, e = c;
    if (row_end > v->g.cells)
        row_end = v->g.cells;
    while (e < row_end && map_cell_owned(&v->cells[e], i))
        e++;
    size_t room = (e - c) * (size_t)v->g.cell_chars;
    bool abuts = e < row_end && !v->cells[e].free && v->cells[e].blocks == 1;
    size_t fits = abuts ? room - 1 : room;
    buf[0] = '\0';
    if (strlen(v->m.labels[i]) <= fits) {
        snprintf(buf, len, "%s", v->m.labels[i]);
        return;
    }
    char key[24];
    snprintf(key, sizeof key, "%zu", v->ordinal[i] + 1);
    if (strlen(key) <= fits) {
        snprintf(buf, len, "%s", key);
        v->keyed[i] = true;
        if (!(v->seen & SEEN_KEY))
            v->first_key = v->ordinal[i] + 1;
        v->seen |= SEEN_KEY;
    }
}

/* Escape sequences only where the style changes: style -1 is free space,
 * -2 plain, k >= 0 the k-th block colour. */
static void set_style(const page_view *v, long *cur, long style)
{
    bool col = v->sh->color;
    if (!col || *cur == style)
        return;
    if (*cur != -2)
        fputs(term_reset(col), v->out);
    if (style == -1)
        fputs(term_dim(col), v->out);
    else if (style >= 0)
        fputs(term_block(col, (unsigned)style), v->out);
    *cur = style;
}

/* The label of the block run being drawn and how far into it we are. */
typedef struct run_state {
    size_t block;
    bool in_run;
    char label[40];
    size_t at;
} run_state;

static void draw_cell(page_view *v, size_t c, run_state *rs, long *style)
{
    const map_cell *m = &v->cells[c];
    int glyph;
    if (m->free) {
        glyph = m->blocks ? ':' : '.';
        if (m->blocks)
            v->seen |= SEEN_PART;
        set_style(v, style, -1);
        rs->in_run = false;
    } else if (m->blocks > 1) {
        glyph = '%';
        v->seen |= SEEN_SHARED;
        set_style(v, style, -2);
        rs->in_run = false;
    } else {
        /* a block owns one run of cells, which may go on in the next row */
        if (!rs->in_run || rs->block != m->block) {
            rs->block = m->block;
            rs->in_run = true;
            rs->at = 0;
            choose_label(v, c, rs->label, sizeof rs->label);
        }
        size_t k = v->ordinal[m->block];
        set_style(v, style, (long)(v->first_color + k));
        for (int i = 0; i < v->g.cell_chars; i++, rs->at++) {
            int ch = v->sh->color ? ' ' : k % 2 ? '-' : '=';
            fputc(rs->at < strlen(rs->label) ? rs->label[rs->at] : ch, v->out);
        }
        return;
    }
    for (int i = 0; i < v->g.cell_chars; i++)
        fputc(glyph, v->out);
}

static void draw_picture(page_view *v)
{
    run_state rs = {0, false, "", 0};
    const map_geom *g = &v->g;
    for (size_t c = 0; c < g->cells;) {
        size_t row_end = c + g->row_cells < g->cells ? c + g->row_cells : g->cells;
        long style = -2;
        fprintf(v->out, "%*zu |", g->digits, c * g->cell_bytes);
        for (; c < row_end; c++)
            draw_cell(v, c, &rs, &style);
        set_style(v, &style, -2);
        fputc('|', v->out);
        int used = g->digits + 3 + (int)(g->row_cells * (size_t)g->cell_chars);
        if (c == g->cells && used + 1 + g->digits <= v->width)
            fprintf(v->out, " %zu", g->page_size);
        fputc('\n', v->out);
    }
}

/* Column widths of the list, from what it will show. */
typedef struct list_cols {
    int name, range, size;
} list_cols;

static int range_text(const pa_item *it, char *buf, size_t len)
{
    return snprintf(buf, len, "[%zu, %zu)", it->offset, it->offset + it->size);
}

/* A block's name in the list, with its key when the picture shows that. */
static int name_text(const page_view *v, size_t i, char *buf, size_t len)
{
    if (v->keyed[i])
        return snprintf(buf, len, "%s (%zu)", v->m.labels[i], v->ordinal[i] + 1);
    return snprintf(buf, len, "%s", v->m.labels[i]);
}

static list_cols measure(const page_view *v)
{
    list_cols w = {4, 0, 0};
    size_t entry = 0;
    for (size_t i = 0; i < v->m.n; i++) {
        char buf[48];
        int name = v->m.items[i].kind == PA_ITEM_BLOCK
                       ? name_text(v, i, buf, sizeof buf)
                       : snprintf(buf, sizeof buf, "#%zu", ++entry);
        int range = range_text(&v->m.items[i], buf, sizeof buf);
        int size = snprintf(buf, sizeof buf, "%zu", v->m.items[i].size);
        w.name = name > w.name ? name : w.name;
        w.range = range > w.range ? range : w.range;
        w.size = size > w.size ? size : w.size;
    }
    return w;
}

static void list_item(const page_view *v, size_t i, size_t entry, const list_cols *w)
{
    bool col = v->sh->color;
    const pa_item *it = &v->m.items[i];
    char range[48], name[64];
    range_text(it, range, sizeof range);
    if (it->kind == PA_ITEM_BLOCK) {
        int len = name_text(v, i, name, sizeof name);
        fprintf(v->out, "  block %s%-*s%s", term_block(col, v->first_color + (unsigned)v->ordinal[i]),
                w->name, name, term_reset(col));
        if (len > w->name)
            fprintf(v->out, "\n%*s", 8 + w->name, "");
    } else {
        snprintf(name, sizeof name, "#%zu", entry);
        fprintf(v->out, "  free  %s%-*s%s", term_dim(col), w->name, name, term_reset(col));
    }
    fprintf(v->out, " %-*s %*zu bytes", w->range, range, w->size, it->size);
    if (v->sh->opt.addresses)
        fprintf(v->out, "  %p", it->addr);
    fputc('\n', v->out);
}

/* Blocks and holes as one list in address order, as the free list is
 * taught: each hole is numbered as its entry in the page's free list. */
static void list_items(const page_view *v)
{
    list_cols w = measure(v);
    /* a long name must not push every line past the width: it takes a
     * line of its own instead */
    int room = v->width - (8 + 1 + w.range + 1 + w.size + 6);
    if (w.name > room)
        w.name = room > 4 ? room : 4;
    size_t entry = 0;
    for (size_t i = 0; i < v->m.n; i++)
        list_item(v, i, v->m.items[i].kind == PA_ITEM_FREE
                            ? entry_number(v, &v->m.items[i], ++entry) : 0, &w);
    if (entry == 0)
        fprintf(v->out, "  free list is empty\n");
}

static size_t count_blocks(const pa_item *items, size_t n)
{
    size_t blocks = 0;
    for (size_t i = 0; i < n; i++)
        blocks += items[i].kind == PA_ITEM_BLOCK;
    return blocks;
}

static void page_line(const page_view *v, bool brief)
{
    size_t blocks = count_blocks(v->m.items, v->m.n), used = 0, largest = 0;
    fprintf(v->out, "%spage %zu%s: %zu block%s, %zu free extent%s",
            term_bold(v->sh->color), v->m.page->page, term_reset(v->sh->color),
            blocks, plural(blocks), v->m.n - blocks, plural(v->m.n - blocks));
    if (brief) {
        for (size_t i = 0; i < v->m.n; i++) {
            const pa_item *it = &v->m.items[i];
            if (it->kind == PA_ITEM_BLOCK)
                used += it->size;
            else if (it->size > largest)
                largest = it->size;
        }
        fprintf(v->out, ", %zu bytes used, largest free %zu", used, largest);
    }
    if (v->sh->opt.addresses)
        fprintf(v->out, " (at %p)", v->m.page->addr);
    fputc('\n', v->out);
}

static bool draw_page(page_view *v, size_t unit)
{
    page_line(v, false);
    map_geom_init(&v->g, v->m.page->size, unit, v->width);
    v->cells = malloc(v->g.cells * sizeof *v->cells);
    v->ordinal = malloc((v->m.n + 1) * sizeof *v->ordinal);
    v->keyed = calloc(v->m.n + 1, sizeof *v->keyed);
    bool ok = v->cells && v->ordinal && v->keyed;
    if (ok) {
        size_t k = 0;
        for (size_t i = 0; i < v->m.n; i++)
            v->ordinal[i] = v->m.items[i].kind == PA_ITEM_BLOCK ? k++ : 0;
        map_grid_fill(&v->g, v->m.items, v->m.n, v->cells);
        draw_picture(v);
        list_items(v);
        v->first_color += (unsigned)k;
    }
    free(v->cells);
    free(v->ordinal);
    free(v->keyed);
    return ok;
}

/* The key under the pictures: the scale, and each mark they used. */
static void legend(const page_view *v)
{
    char text[600];
    size_t len = 0;
    const map_geom *g = &v->g;
    if (map_geom_exact(g) && g->cell_chars > 1)
        len += (size_t)snprintf(text + len, sizeof text - len, "cell = %zu byte%s (%d chars):",
                                g->unit, plural(g->unit), g->cell_chars);
    else if (map_geom_exact(g))
        len += (size_t)snprintf(text + len, sizeof text - len, "cell = %zu byte%s:", g->unit,
                                plural(g->unit));
    else
        len += (size_t)snprintf(text + len, sizeof text - len, "cell = %zu bytes (%zu units):",
                                g->cell_bytes, g->cell_bytes / g->unit);
    len += (size_t)snprintf(text + len, sizeof text - len, " . free, %s block (name at its start)",
                            v->sh->color ? "colour" : "= -");
    if (v->seen & SEEN_PART)
        len += (size_t)snprintf(text + len, sizeof text - len, ", : part free");
    if (v->seen & SEEN_SHARED)
        len += (size_t)snprintf(text + len, sizeof text - len, ", %% several blocks");
    if (v->seen & SEEN_KEY)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                ", %zu" WRAP_GLUE "a block's key, as in \"name" WRAP_GLUE
                                "(%zu)\"", v->first_key, v->first_key);
    snprintf(text + len, sizeof text - len, ", #N free-list" WRAP_GLUE "entry");
    wrap_print(v->out, text, v->width, 2);
}

static void header(const layout *lay, FILE *out, int width)
{
    const arena_view *a = &lay->view;
    char text[200];
    int len = snprintf(text, sizeof text, "%s: %zu-byte units, %s fit, ", pa_kind_name(a->kind),
                       a->unit, pa_policy_name(a->policy));
    if (a->kind == PA_KIND_HEAP)
        snprintf(text, sizeof text, "heap: %zu bytes at %zu (offsets below count from there), "
                 "%s fit, %s order, coalescing %s", a->page_size, a->origin,
                 pa_policy_name(a->policy), pa_order_name(a->order),
                 a->coalesce ? "on" : "off");
    else if (a->kind == PA_KIND_ALLOC)
        snprintf(text + len, sizeof text - (size_t)len, "1 page of %zu bytes",
                 lay->n ? lay->items[0].size : (size_t)PA_PAGE_SIZE);
    else
        snprintf(text + len, sizeof text - (size_t)len, "%zu of %zu pages mapped", a->pages,
                 a->max_pages);
    wrap_print(out, text, width, 2);
}

static void summary(const pa_stats *st, FILE *out, int width)
{
    char text[300];
    snprintf(text, sizeof text, "used %zu bytes in %zu block%s, free %zu bytes in %zu extent%s, "
             "largest" WRAP_GLUE "%zu, fragmentation" WRAP_GLUE "%.1f%%", st->bytes_used, st->blocks,
             plural(st->blocks), st->bytes_free, st->extents, plural(st->extents),
             st->largest, 100.0 * fragmentation(st));
    wrap_print(out, text, width, 2);
}

/* Calls each page of lay in turn, v set to it. */
static bool each_page(const layout *lay, page_view *v, bool (*fn)(page_view *, size_t))
{
    bool ok = true;
    for (size_t i = 0; i < lay->n;) {
        i = map_page_at(lay, i, &v->m);
        ok = fn(v, lay->view.unit) && ok;
    }
    return ok;
}

static bool brief_page(page_view *v, size_t unit)
{
    (void)unit;
    page_line(v, true);
    return true;
}

static bool too_many(const layout *lay)
{
    return lay->view.st.pages > FULL_MAX_PAGES || lay->view.st.blocks > FULL_MAX_BLOCKS;
}

void render_map(const shell *sh, const layout *lay, FILE *out)
{
    int width = term_width(out);
    header(lay, out, width);
    if (lay->lost) {
        fprintf(out, "(out of memory drawing the map)\n");
        return;
    }
    if (lay->n == 0)
        fprintf(out, "no page mapped yet: the first alloc maps one\n");
    size_t nplace;
    size_t (*place)[2] = places_of(lay, &nplace);
    page_view v = {.sh = sh, .out = out, .width = width, .place = place, .nplace = nplace};
    if (!lay->zoomed && too_many(lay)) {
        each_page(lay, &v, brief_page);
        wrap_print(out, "('map page N' or 'map page N-M' draws pages in full)", v.width, 2);
    } else if (!each_page(lay, &v, draw_page)) {
        fprintf(out, "(out of memory drawing the map)\n");
    } else if (lay->n) {
        legend(&v);
    }
    free(place);
    summary(&lay->view.st, out, v.width);
}
