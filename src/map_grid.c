/* map_grid.c - how a page is cut into the cells of its map, and what each
 * cell holds. */
#include "map_grid.h"

/* A unit grid as long as it takes at most this many cells: alloc's page
 * (512 units) and a small byte-unit page draw exactly. */
#define GRID_MAX_CELLS 1024
/* A proportional bar gets this many rows. */
#define BAR_ROWS 8
#define ROW_MAX 64
#define ROW_MIN 8

static int digits_of(size_t v)
{
    int d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

/* The widest power of two, from ROW_MIN to ROW_MAX, that fits avail: rows
 * of round sizes start at round offsets. */
static size_t row_fitting(int avail)
{
    size_t r = ROW_MAX;
    while (r > ROW_MIN && (int)r > avail)
        r /= 2;
    return r;
}

/* a / b rounded up, without the overflow of a + b - 1 near SIZE_MAX. */
static size_t ceil_div(size_t a, size_t b)
{
    return a / b + (a % b != 0);
}

void map_geom_init(map_geom *g, size_t page_size, size_t unit, int width)
{
    g->page_size = page_size ? page_size : 1;
    g->unit = unit ? unit : 1;
    g->digits = digits_of(g->page_size);
    /* "4096 |" before a row and "|" after it */
    size_t row = row_fitting(width - g->digits - 3);
    size_t units = ceil_div(g->page_size, g->unit);
    size_t per_cell = 1;
    if (units > GRID_MAX_CELLS)
        per_cell = (units + BAR_ROWS * row - 1) / (BAR_ROWS * row);
    g->cell_bytes = per_cell * g->unit;
    g->cells = ceil_div(g->page_size, g->cell_bytes);
    g->cell_chars = 1;
    g->row_cells = row;
    if (g->cells < row) {
        g->cell_chars = (int)(row / g->cells);
        g->row_cells = g->cells;
    }
}

bool map_geom_exact(const map_geom *g)
{
    return g->cell_bytes == g->unit;
}

void map_grid_fill(const map_geom *g, const pa_item *items, size_t n, map_cell *cells)
{
    for (size_t c = 0; c < g->cells; c++)
        cells[c] = (map_cell){0, 0, false};
    for (size_t i = 0; i < n; i++) {
        const pa_item *it = &items[i];
        if (it->size == 0 || it->offset >= g->page_size)
            continue;
        size_t c0 = it->offset / g->cell_bytes;
        size_t c1 = (it->offset + it->size - 1) / g->cell_bytes;
        if (c1 >= g->cells)
            c1 = g->cells - 1;
        for (size_t c = c0; c <= c1; c++) {
            map_cell *m = &cells[c];
            if (it->kind == PA_ITEM_FREE) {
                m->free = true;
            } else if (m->blocks < 2) {
                if (m->blocks++ == 0)
                    m->block = i;
            }
        }
    }
}

bool map_cell_owned(const map_cell *c, size_t i)
{
    return !c->free && c->blocks == 1 && c->block == i;
}

size_t map_page_at(const layout *lay, size_t i, map_page *p)
{
    size_t j = i + 1;
    while (j < lay->n && lay->items[j].kind != PA_ITEM_PAGE)
        j++;
    p->page = &lay->items[i];
    p->items = &lay->items[i + 1];
    p->labels = &lay->labels[i + 1];
    p->n = j - i - 1;
    return j;
}
