/* render_text.c - the pieces of text that several commands print. */
#include <string.h>

#include "numbers.h"
#include "render.h"

/* A heap block is shown as malloc.py shows it: the address of its data
 * from the heap's base, its header (if any) just before. */
static char *heap_where(const arena_view *v, const block_payload *b, char *p)
{
    size_t at = v->origin + b->where.offset;
    p += sprintf(p, "%zu bytes at %zu", b->where.size - v->header, at + v->header);
    if (v->header)
        p += sprintf(p, ", header at %zu", at);
    return p;
}

/* Built in place rather than printed: a script prints one per line, and
 * printf's pieces were half of a command's cost. */
char *render_where_to(const shell *sh, const block_payload *b, char *p)
{
    const side *sd = &sh->sides[sh->current];
    if (pa_arena_kind(sd->arena) == PA_KIND_HEAP) {
        arena_view v;
        side_view(sd, &v); /* one page: its figures cost nothing */
        p = heap_where(&v, b, p);
    } else {
        p = append_size(p, b->where.size);
        p = APPEND_LITERAL(p, " bytes at page ");
        p = append_size(p, b->where.page);
        p = APPEND_LITERAL(p, ", offset ");
        p = append_size(p, b->where.offset);
    }
    if (sh->opt.addresses)
        p += sprintf(p, " (%p)", b->addr);
    return p;
}

void render_where(const shell *sh, const block_payload *b, FILE *out)
{
    char buf[WHERE_MAX];
    render_where_to(sh, b, buf);
    fputs(buf, out);
}

void render_heap_settings(const arena_view *v, FILE *out)
{
    fprintf(out, "%zu bytes at %zu, %s fit, %s order, ", v->page_size, v->origin,
            pa_policy_name(v->policy), pa_order_name(v->order));
    if (v->align)
        fprintf(out, "aligned to %zu, ", v->align);
    if (v->header)
        fprintf(out, "%zu-byte headers, ", v->header);
    fprintf(out, "coalescing %s", v->coalesce ? "on" : "off");
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

/* U+0080 to U+009F in UTF-8: C1 controls, which a terminal may take as
 * escape sequences too (0xC2 0x9B is CSI). */
static bool c1_control(const unsigned char *s, size_t i, size_t len)
{
    return s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F;
}

void render_controls(const char *s, size_t len, FILE *out)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = u[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else if (c1_control(u, i, len)) {
            fprintf(out, "\\xc2\\x%02x", u[i + 1]);
            i++;
        } else
            fputc(c, out);
    }
}
