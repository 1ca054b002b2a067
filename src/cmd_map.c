/* cmd_map.c - `map [json | page N[-M] | svg FILE]`: the layout diagram,
 * some pages of it, the layout as JSON, or as an SVG picture. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json_out.h"
#include "numbers.h"
#include "render.h"
#include "render_svg.h"

/* Reads "N" or "N-M" into the page range [*lo, *hi]. */
static bool parse_pages(const char *spec, size_t *lo, size_t *hi, result *r)
{
    char first[32], err[128];
    size_t len = strcspn(spec, "-");
    if (len >= sizeof first)
        len = sizeof first - 1;
    memcpy(first, spec, len);
    first[len] = '\0';
    if (parse_count(first, (size_t)-1 / 2, lo, err, sizeof err) < 0 ||
        parse_count(spec[len] == '-' ? spec + len + 1 : first, (size_t)-1 / 2, hi, err,
                    sizeof err) < 0)
        return result_fail(r, ERR_INVALID_VALUE, "page '%.40s' is not N or N-M: %s", spec,
                           err);
    if (*hi < *lo)
        return result_fail(r, ERR_INVALID_VALUE, "pages %zu-%zu: an empty range", *lo, *hi);
    return true;
}

/* Keeps only the pages [lo, hi] of lay; false when none of them is mapped. */
static bool keep_pages(layout *lay, size_t lo, size_t hi)
{
    size_t kept = 0;
    bool keep = false;
    for (size_t i = 0; i < lay->n; i++) {
        if (lay->items[i].kind == PA_ITEM_PAGE)
            keep = lay->items[i].page >= lo && lay->items[i].page <= hi;
        if (!keep)
            continue;
        lay->items[kept] = lay->items[i];
        lay->labels[kept++] = lay->labels[i];
    }
    lay->n = kept;
    return kept > 0;
}

static bool zoom(shell *sh, const char *spec, result *r)
{
    size_t lo, hi;
    if (!parse_pages(spec, &lo, &hi, r))
        return false;
    layout *lay = result_payload(r, P_LAYOUT);
    if (layout_collect(shell_side(sh), lay) < 0)
        return true; /* the map says memory ran out */
    size_t pages = lay->view.pages;
    if (!keep_pages(lay, lo, hi)) {
        layout_free(lay);
        result_payload(r, P_NONE);
        if (pages == 0)
            return result_fail(r, ERR_INVALID_VALUE, "no page is mapped yet");
        if (pages == 1)
            return result_fail(r, ERR_INVALID_VALUE, "no page %.40s (only page 0 is "
                               "mapped)", spec);
        return result_fail(r, ERR_INVALID_VALUE, "no page %.40s (pages 0-%zu are "
                           "mapped)", spec, pages - 1);
    }
    lay->zoomed = true;
    return true;
}

static bool svg(shell *sh, const char *file, result *r)
{
    layout lay = {0};
    if (sh->opt.no_files) /* the script fuzzer must not write where it runs */
        return result_fail(r, ERR_FILE, "writing files is disabled here");
    if (layout_collect(shell_side(sh), &lay) < 0)
        return result_fail(r, ERR_SYSTEM, "out of memory collecting the layout");
    FILE *f = fopen(file, "w");
    if (!f) {
        layout_free(&lay);
        return result_fail(r, ERR_FILE, "cannot write '%.200s': %s", file, strerror(errno));
    }
    render_svg(&lay, f);
    layout_free(&lay);
    if (fclose(f) != 0)
        return result_fail(r, ERR_FILE, "cannot write '%.200s': %s", file, strerror(errno));
    char *name = strdup(file);
    if (!name)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    *(char **)result_payload(r, P_TEXT) = name;
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    const char *what = ws->n > 1 ? ws->w[1] : "";
    bool wants_arg = !strcmp(what, "page") || !strcmp(what, "svg");
    if (ws->n > 1 && !wants_arg && strcmp(what, "json") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "unknown argument '%.40s' (try 'help map')", what);
    if (wants_arg != (ws->n == 3))
        return result_fail(r, ERR_USAGE, "%s: usage: map [json | page N[-M] | svg FILE]",
                           wants_arg ? "missing argument" : "too many arguments");
    if (!strcmp(what, "page"))
        return zoom(sh, ws->w[2], r);
    if (!strcmp(what, "svg"))
        return svg(sh, ws->w[2], r);
    layout *lay = result_payload(r, P_LAYOUT);
    layout_collect(shell_side(sh), lay);
    lay->as_json = ws->n > 1;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    if (r->tag == P_TEXT) {
        fprintf(out, "wrote the map to %s (SVG)\n", r->u.text);
        return;
    }
    if (!r->u.layout.as_json) {
        render_map(sh, &r->u.layout, out);
        return;
    }
    json_out o = {0};
    jo_begin(&o);
    render_layout_write(sh, &r->u.layout, &o);
    jo_print_line(&o, out);
    free(o.s);
}

static void write_json(const shell *sh, const result *r, json_out *o)
{
    if (r->tag == P_TEXT) {
        jo_string(o, "svg", r->u.text);
        return;
    }
    jo_object(o, "map");
    render_layout_write(sh, &r->u.layout, o);
    jo_end(o);
}

static const char *const words_[] = {"json", "page", "svg", NULL};

static const command cmd = {
    .name = "map", .order = 70, .synopsis = "[VIEW]",
    .help = "the layout diagram (or page N[-M], json, svg FILE)",
    .details =
        "  map              each page as a grid of its units (a proportional bar\n"
        "                   when they are too many), then its blocks and free-list\n"
        "                   entries as one list in address order\n"
        "  map page N[-M]   only page N (to M), in full however many blocks\n"
        "  map json         the layout as one JSON object (see allocsh(1))\n"
        "  map svg FILE     the layout as a standalone SVG picture, for slides\n"
        "Past 8 pages or 1000 blocks, map shows one summary line a page.  In the\n"
        "picture '.' is free, '=' and '-' are blocks (alternating), ':' a cell\n"
        "part free and part block, '%' a cell of two or more blocks; a block\n"
        "too small for its name shows its number, which the list gives after it.",
    .max_args = 2, .args = {ARG_WORDS, ARG_FILE}, .words = words_,
    .run = run, .text = text, .write_json = write_json,
};
COMMAND(cmd);
