/* render_svg.c - the layout as a standalone SVG picture, for slides. */
#include <string.h>

#include "map_grid.h"
#include "render.h"
#include "render_svg.h"
#include "term.h"

#define MARGIN 16
#define LEFT 72        /* where rows start: room for their offsets */
#define ROW_PX 768     /* a row's width */
#define ROW_H 22
#define ROW_GAP 4
#define LINE_H 16
#define TITLE_H 26
#define CHAR_PX 7.3    /* of the 12px monospace font */
#define MIN_PX 2.0     /* no extent drawn thinner: none may vanish */
#define FREE_FILL "#e4e4e4"
#define FREE_EDGE "#8a8a8a"

/* One page's share of the layout. */
typedef struct svg_page {
    map_page m;
    map_geom g;
} svg_page;

/* The page starting at lay->items[i]; returns the index after it. */
static size_t page_at(const layout *lay, size_t i, svg_page *p)
{
    size_t next = map_page_at(lay, i, &p->m);
    /* the rows of the map as piped output draws them */
    map_geom_init(&p->g, p->m.page->size, lay->view.unit, 80);
    return next;
}

static size_t rows_of(const map_geom *g)
{
    return (g->cells + g->row_cells - 1) / g->row_cells;
}

static double page_height(const svg_page *p)
{
    return TITLE_H + (double)rows_of(&p->g) * (ROW_H + ROW_GAP) + LINE_H * ((double)p->m.n + 1);
}

static double total_height(const layout *lay)
{
    double h = 2 * MARGIN + 2 * TITLE_H;
    svg_page p;
    for (size_t i = 0; i < lay->n;) {
        i = page_at(lay, i, &p);
        h += page_height(&p);
    }
    return h;
}

/* s with the characters XML reserves escaped. */
static void xml_text(const char *s, FILE *out)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

static void text_at(double x, double y, const char *cls, const char *s, FILE *out)
{
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\">", x, y, cls);
    xml_text(s, out);
    fputs("</text>\n", out);
}

/* The rects of extent it, one for each row it crosses; its label in the
 * first when it fits there. */
static void extent_rects(const svg_page *p, const pa_item *it, const char *name,
                         double top, FILE *out)
{
    size_t row_bytes = p->g.row_cells * p->g.cell_bytes, end = it->offset + it->size;
    bool labelled = name == NULL;
    for (size_t at = it->offset; at < end;) {
        size_t row = at / row_bytes, stop = (row + 1) * row_bytes < end ? (row + 1) * row_bytes : end;
        double x = LEFT + (double)(at - row * row_bytes) * ROW_PX / (double)row_bytes;
        double w = (double)(stop - at) * ROW_PX / (double)row_bytes;
        double y = top + (double)row * (ROW_H + ROW_GAP);
        fprintf(out, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\"/>\n", x, y,
                w < MIN_PX ? MIN_PX : w, ROW_H);
        if (!labelled && strlen(name) * CHAR_PX + 4 <= w) {
            text_at(x + 3, y + ROW_H - 7, "label", name, out);
            labelled = true;
        }
        at = stop;
    }
}

static void extent(const svg_page *p, size_t i, unsigned color, double top, FILE *out)
{
    const pa_item *it = &p->m.items[i];
    bool block = it->kind == PA_ITEM_BLOCK;
    fprintf(out, "<g class=\"%s\" data-page=\"%zu\" data-offset=\"%zu\" data-size=\"%zu\"",
            block ? "block" : "free", p->m.page->page, it->offset, it->size);
    if (block) {
        fputs(" data-name=\"", out);
        xml_text(p->m.labels[i], out);
        fprintf(out, "\" fill=\"%s\" stroke=\"#ffffff\"", term_block_rgb(color));
    } else {
        fputs(" fill=\"" FREE_FILL "\" stroke=\"" FREE_EDGE "\"", out);
    }
    fprintf(out, "><title>%s%s [%zu, %zu) %zu bytes</title>\n", block ? "" : "free",
            block ? p->m.labels[i] : "", it->offset, it->offset + it->size, it->size);
    extent_rects(p, it, block ? p->m.labels[i] : NULL, top, out);
    fputs("</g>\n", out);
}

/* One line of the list: a swatch, the name or free-list entry, the range
 * and the size, in columns. */
static void entry(const svg_page *p, size_t i, size_t nth, unsigned color, double y, FILE *out)
{
    const pa_item *it = &p->m.items[i];
    bool block = it->kind == PA_ITEM_BLOCK;
    char name[48], range[64];
    if (block)
        snprintf(name, sizeof name, "block %s", p->m.labels[i]);
    else
        snprintf(name, sizeof name, "free  #%zu", nth);
    snprintf(range, sizeof range, "[%zu, %zu)  %zu bytes", it->offset, it->offset + it->size,
             it->size);
    fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\" "
            "stroke=\"%s\"/>\n", LEFT, y - 9, block ? term_block_rgb(color) : FREE_FILL,
            block ? "#ffffff" : FREE_EDGE);
    text_at(LEFT + 16, y, "entry", name, out);
    text_at(LEFT + 16 + 40 * CHAR_PX, y, "range", range, out);
}

/* Draws page p from top; returns the next page's top. */
static double page(const svg_page *p, unsigned *color, double top, FILE *out)
{
    char title[96];
    size_t blocks = 0, rows = rows_of(&p->g);
    for (size_t i = 0; i < p->m.n; i++)
        blocks += p->m.items[i].kind == PA_ITEM_BLOCK;
    snprintf(title, sizeof title, "page %zu: %zu block%s, %zu free extent%s", p->m.page->page,
             blocks, plural(blocks), p->m.n - blocks, plural(p->m.n - blocks));
    text_at(MARGIN, top + 16, "title", title, out);
    top += TITLE_H;
    for (size_t r = 0; r < rows; r++) {
        char at[32];
        snprintf(at, sizeof at, "%zu", r * p->g.row_cells * p->g.cell_bytes);
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"offset\">%s</text>\n", LEFT - 6,
                top + (double)r * (ROW_H + ROW_GAP) + ROW_H - 7, at);
    }
    /* where the last row ends: the page's size, as the text map has it */
    size_t last = p->g.cells - (rows - 1) * p->g.row_cells;
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" class=\"end\">%zu</text>\n",
            LEFT + (double)last * ROW_PX / (double)p->g.row_cells + 4,
            top + (double)(rows - 1) * (ROW_H + ROW_GAP) + ROW_H - 7, p->g.page_size);
    unsigned k = *color;
    for (size_t i = 0; i < p->m.n; i++)
        extent(p, i, p->m.items[i].kind == PA_ITEM_BLOCK ? k++ : 0, top, out);
    top += (double)rows * (ROW_H + ROW_GAP) + LINE_H;
    size_t nth = 0;
    k = *color;
    for (size_t i = 0; i < p->m.n; i++, top += LINE_H) {
        bool block = p->m.items[i].kind == PA_ITEM_BLOCK;
        entry(p, i, block ? 0 : ++nth, block ? k++ : 0, top, out);
    }
    *color = k;
    return top;
}

static void header(const layout *lay, double width, double height, FILE *out)
{
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans Mono, Menlo, monospace\" "
            "font-size=\"12\">\n", width, height, width, height);
    fputs("<style>.title{font-weight:bold;font-size:14px}.offset{text-anchor:end;fill:#555}"
          "text{stroke:none}.label{fill:#000}</style>\n", out);
    fprintf(out, "<title>allocsh map: %s, %s fit</title>\n", pa_kind_name(lay->view.kind),
            pa_policy_name(lay->view.policy));
    fprintf(out, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
}

void render_svg(const layout *lay, FILE *out)
{
    double width = LEFT + ROW_PX + MARGIN + 48, top = MARGIN;
    char line[200];
    header(lay, width, total_height(lay), out);
    snprintf(line, sizeof line, "%s: %zu-byte units, %s fit, %zu page%s", pa_kind_name(lay->view.kind),
             lay->view.unit, pa_policy_name(lay->view.policy), lay->view.pages,
             plural(lay->view.pages));
    text_at(MARGIN, top + 16, "title", line, out);
    top += TITLE_H;
    unsigned color = 0;
    svg_page p;
    for (size_t i = 0; i < lay->n;) {
        i = page_at(lay, i, &p);
        top = page(&p, &color, top, out);
    }
    const pa_stats *st = &lay->view.st;
    snprintf(line, sizeof line, "used %zu bytes in %zu block%s, free %zu bytes in %zu extent%s, "
             "largest %zu", st->bytes_used, st->blocks, plural(st->blocks), st->bytes_free,
             st->extents, plural(st->extents), st->largest);
    text_at(MARGIN, top + 16, "summary", line, out);
    fputs("</svg>\n", out);
}
