/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_map.c - the map's geometry and cells (src/map_grid.c) for pages the
 * two allocators do not have: a large page drawn as a proportional bar
 * (cells shared by blocks and free space must say so) and small byte-unit
 * pages, like the "heap" arena's; and word wrapping (src/wrap.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/map_grid.h"
#include "../src/wrap.h"
#include "tap.h"

#define MIB (1024u * 1024u)

static pa_item item(pa_item_kind kind, size_t offset, size_t size)
{
    return (pa_item){.kind = kind, .offset = offset, .size = size};
}

static void geometry(void)
{
    map_geom g;
    map_geom_init(&g, 4096, 8, 80);
    TAP_OK(map_geom_exact(&g) && g.cells == 512 && g.row_cells == 64 && g.cell_chars == 1,
           "alloc's page: 512 exact cells, 64 a row");
    map_geom_init(&g, 4096, 8, 40);
    TAP_OK(map_geom_exact(&g) && g.row_cells == 32, "at 40 columns, 32 a row");
    map_geom_init(&g, 4096, 256, 80);
    TAP_OK(g.cells == 16 && g.row_cells == 16 && g.cell_chars == 4,
           "ealloc's page: 16 cells of 4 characters");
    map_geom_init(&g, 100, 1, 80);
    TAP_OK(map_geom_exact(&g) && g.cells == 100 && g.row_cells == 64 && g.digits == 3,
           "a 100-byte page of 1-byte units: exact, two rows");
    map_geom_init(&g, 10, 1, 80);
    TAP_OK(g.cells == 10 && g.cell_chars == 6, "a 10-byte page: 10 cells of 6 characters");
    map_geom_init(&g, MIB, 1, 80);
    TAP_OK(!map_geom_exact(&g) && g.cell_bytes == 2048 && g.cells == 512,
           "a 1 MiB page: a bar of 512 cells of 2048 bytes");
    /* A submission's mapping may be any length: rounding up must not wrap. */
    map_geom_init(&g, SIZE_MAX - 3, 256, 80);
    TAP_OK(g.cells > 0 && g.cells <= 512 && g.cell_bytes > 0 &&
               g.cells - 1 <= (SIZE_MAX - 3) / g.cell_bytes,
           "a page of nearly SIZE_MAX bytes: a bar of at most 512 cells, none of 0 bytes");
}

static void shared_cells(void)
{
    map_geom g;
    map_geom_init(&g, MIB, 1, 80);
    map_cell *cells = malloc(g.cells * sizeof *cells);
    pa_item items[] = {
        item(PA_ITEM_BLOCK, 0, 1), item(PA_ITEM_FREE, 1, 99),
        item(PA_ITEM_BLOCK, 100, 4000), item(PA_ITEM_BLOCK, 4100, 2100),
        item(PA_ITEM_FREE, 6200, 1), item(PA_ITEM_BLOCK, 6201, MIB - 6201 - 3000),
        item(PA_ITEM_FREE, MIB - 3000, 3000),
    };
    map_grid_fill(&g, items, sizeof items / sizeof *items, cells);
    TAP_OK(cells[0].free && cells[0].blocks == 2, "a cell of free bytes and blocks is mixed");
    TAP_OK(map_cell_owned(&cells[1], 2), "a cell inside one block is that block's");
    TAP_OK(!cells[2].free && cells[2].blocks == 2, "a cell of two blocks and no free byte");
    TAP_OK(cells[2].block == 2, "it names the first of them");
    TAP_OK(cells[6200 / 2048].free, "a one-byte hole inside a cell still marks it");
    TAP_OK(cells[g.cells - 2].free && cells[g.cells - 2].blocks == 1 && cells[g.cells - 1].free &&
               cells[g.cells - 1].blocks == 0, "the free tail: one mixed cell, then free");
    free(cells);
}

static void wrapping(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    wrap_print(f, "used 10 bytes in 2 blocks, largest" WRAP_GLUE "4000", 24, 2);
    wrap_print(f, "  name    a description that goes on", 24, 0);
    fclose(f);
    TAP_OK(strcmp(buf, "used 10 bytes in 2\n  blocks, largest 4000\n"
                       "  name    a description\n          that goes on\n") == 0,
           "wrap breaks between words, keeps glued ones, aligns a second column");
    free(buf);
}

int main(void)
{
    geometry();
    shared_cells();
    wrapping();
    return tap_done();
}
