/* cmd_dump.c - `dump NAME`: a block's bytes in hex and ASCII. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "commands.h"
#include "json_out.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    return block_find(sh, ws->w[1], r) && block_copy_bytes(sh, r);
}

static void dump_line(const unsigned char *p, size_t n, size_t off, FILE *out)
{
    fprintf(out, "%6zu ", off);
    for (size_t i = 0; i < 16; i++) {
        if (i % 8 == 0)
            fputc(' ', out);
        if (i < n)
            fprintf(out, "%02x ", p[i]);
        else
            fputs("   ", out);
    }
    fputs(" |", out);
    for (size_t i = 0; i < n; i++)
        fputc(isprint(p[i]) ? p[i] : '.', out);
    fputs("|\n", out);
}

/* Offsets are the page's, as in the map; repeated lines fold into '*'. */
static void text(const shell *sh, const result *r, FILE *out)
{
    const block_payload *b = &r->u.block;
    const unsigned char *p = b->bytes;
    size_t size = b->data;
    int folded = 0;
    fprintf(out, "%s: ", b->name);
    render_where(sh, b, out);
    fputc('\n', out);
    for (size_t i = 0; i < size; i += 16) {
        size_t n = size - i < 16 ? size - i : 16;
        if (i > 0 && n == 16 && i + 16 < size && memcmp(p + i, p + i - 16, 16) == 0) {
            if (!folded++)
                fputs("     *\n", out);
            continue;
        }
        folded = 0;
        dump_line(p + i, n, b->where.offset + i, out);
    }
}

static void write_json(const shell *sh, const result *r, json_out *o)
{
    const block_payload *b = &r->u.block;
    static const char digits[] = "0123456789abcdef";
    json_out_block(sh, o, b);
    char *hex = malloc(2 * b->data + 1);
    if (!hex)
        return;
    for (size_t i = 0; i < b->data; i++) {
        hex[2 * i] = digits[b->bytes[i] >> 4];
        hex[2 * i + 1] = digits[b->bytes[i] & 15];
    }
    hex[2 * b->data] = '\0';
    jo_string(o, "hex", hex);
    free(hex);
}

static const command cmd = {
    .name = "dump", .order = 50, .synopsis = "NAME",
    .help = "hex and ASCII dump of a block's bytes",
    .min_args = 1, .max_args = 1, .args = {ARG_BLOCK},
    .run = run, .text = text, .write_json = write_json,
};
COMMAND(cmd);
