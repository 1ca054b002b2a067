/* render_svg.h - the layout as a standalone SVG picture, for slides. */
#ifndef ALLOCSH_RENDER_SVG_H
#define ALLOCSH_RENDER_SVG_H

#include <stdio.h>

#include "side.h"

/* Writes lay to out as one SVG document with no external references: per
 * page, rows of extents drawn to scale in the terminal map's colours and
 * rows, then every block and free-list entry listed.  Each extent is a
 * group with data-page, data-offset, data-size (and data-name for a block)
 * for tests and tools to read. */
void render_svg(const layout *lay, FILE *out);

#endif
