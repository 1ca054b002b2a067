/* render_text.c - the pieces of text that several commands print. */
#include "render.h"

void render_where(const shell *sh, const block_payload *b, FILE *out)
{
    fprintf(out, "%zu bytes at page %zu, offset %zu", b->where.size,
            b->where.page, b->where.offset);
    if (sh->opt.addresses)
        fprintf(out, " (%p)", b->addr);
}

/* Control characters escaped; everything else, UTF-8 included, as is. */
void render_escaped(const char *s, size_t len, FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\')
            fputs("\\\\", out);
        else
            render_controls(s + i, 1, out);
    }
}

void render_controls(const char *s, size_t len, FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
}
