/* map_grid.h - how a page is cut into the cells of its map, and what each
 * cell holds: the geometry and the facts that render_map.c draws. */
#ifndef ALLOCSH_MAP_GRID_H
#define ALLOCSH_MAP_GRID_H

#include <stdbool.h>
#include <stddef.h>

#include "pagealloc.h"
#include "side.h"

/* A page drawn as rows of cells.  Where the page has few enough units,
 * a cell is one unit (exact); otherwise it is several, a proportional
 * bar.  A page of fewer units than a row draws each unit wider. */
typedef struct map_geom {
    size_t page_size, unit;
    size_t cell_bytes;   /* a multiple of unit */
    size_t cells;        /* in the page; the last may be partly beyond it */
    size_t row_cells;    /* cells a row */
    int cell_chars;      /* characters each cell is drawn with */
    int digits;          /* of the widest offset at a row's start */
} map_geom;

/* The geometry of a page of page_size bytes in units of unit bytes, for
 * lines of width columns. */
void map_geom_init(map_geom *g, size_t page_size, size_t unit, int width);
/* Whether each cell is one unit, so that no cell can be shared. */
bool map_geom_exact(const map_geom *g);

/* What a cell holds: free bytes, and how many blocks (2: two or more),
 * the first of which is block. */
typedef struct map_cell {
    size_t block;        /* index into the page's items */
    unsigned char blocks;
    bool free;
} map_cell;

/* Fills cells (g->cells of them) from a page's items, in O(items +
 * cells). */
void map_grid_fill(const map_geom *g, const pa_item *items, size_t n, map_cell *cells);
/* Whether cell c belongs to item i alone. */
bool map_cell_owned(const map_cell *c, size_t i);

/* One page's share of a layout: its PA_ITEM_PAGE, then its blocks and
 * extents with their names. */
typedef struct map_page {
    const pa_item *page, *items;
    const char *const *labels;
    size_t n;
} map_page;

/* The page whose PA_ITEM_PAGE is lay->items[i]; returns the index of the
 * next page's. */
size_t map_page_at(const layout *lay, size_t i, map_page *p);

#endif
