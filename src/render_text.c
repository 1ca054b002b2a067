/* render_text.c - results as text: one short line where one will do. */
#include <ctype.h>
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "lines.h"
#include "render.h"
#include "term.h"

static void where_text(shell *sh, const result *r, FILE *out)
{
    fprintf(out, "%zu bytes at page %zu, offset %zu", r->where.size,
            r->where.page, r->where.offset);
    if (sh->opt.addresses)
        fprintf(out, " (%p)", r->addr);
}

/* Control characters escaped; everything else, UTF-8 included, as is. */
static void print_escaped(const char *s, size_t len, FILE *out)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\\')
            fputs("\\\\", out);
        else if (c < 0x20 || c == 0x7f)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
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
static void render_dump(shell *sh, const result *r, FILE *out)
{
    const unsigned char *p = r->addr;
    int folded = 0;
    fprintf(out, "%s: ", r->name);
    where_text(sh, r, out);
    fputc('\n', out);
    for (size_t i = 0; i < r->where.size; i += 16) {
        size_t n = r->where.size - i < 16 ? r->where.size - i : 16;
        if (i > 0 && n == 16 && i + 16 < r->where.size &&
            memcmp(p + i, p + i - 16, 16) == 0) {
            if (!folded++)
                fputs("     *\n", out);
            continue;
        }
        folded = 0;
        dump_line(p + i, n, r->where.offset + i, out);
    }
}

typedef struct list_ctx {
    const side *sd;
    FILE *out;
    int width; /* of the name column */
} list_ctx;

static int list_block(const pa_item *it, void *ctx)
{
    list_ctx *l = ctx;
    if (it->kind != PA_ITEM_BLOCK)
        return 0;
    fprintf(l->out, "%-*s %4zu %6zu %6zu\n", l->width,
            names_label(&l->sd->names, it->addr), it->page, it->offset, it->size);
    return 0;
}

static void render_list(shell *sh, FILE *out)
{
    list_ctx l = {shell_side(sh), out, 8};
    if (l.sd->names.n == 0) {
        fprintf(out, "no blocks\n");
        return;
    }
    for (size_t i = 0; i < l.sd->names.n; i++)
        if ((int)strlen(l.sd->names.v[i].name) > l.width)
            l.width = (int)strlen(l.sd->names.v[i].name);
    fprintf(out, "%-*s %4s %6s %6s\n", l.width, "NAME", "PAGE", "OFFSET", "SIZE");
    pa_walk(l.sd->arena, list_block, &l);
}

static void render_stats(shell *sh, FILE *out)
{
    side *sd = shell_side(sh);
    pa_arena *a = sd->arena;
    pa_stats st;
    pa_get_stats(a, &st);
    fprintf(out, "allocator      %s, %zu-byte units, %s fit\n",
            pa_kind_name(pa_arena_kind(a)), pa_arena_unit(a),
            pa_policy_name(pa_arena_policy(a)));
    fprintf(out, "pages          %zu mapped, peak %zu, limit %zu\n", st.pages,
            st.peak_pages, pa_arena_max_pages(a));
    fprintf(out, "used           %zu bytes in %zu block%s, peak %zu\n",
            st.bytes_used, st.blocks, plural(st.blocks), st.peak_used);
    fprintf(out, "free           %zu bytes in %zu extent%s, largest %zu\n",
            st.bytes_free, st.extents, plural(st.extents), st.largest);
    fprintf(out, "fragmentation  %.1f%%\n", 100.0 * fragmentation(&st));
    fprintf(out, "utilization    %.1f%% (peak payload %zu / peak mapped %zu)\n",
            100.0 * utilization(st.peak_used, st.peak_pages * PA_PAGE_SIZE),
            st.peak_used, st.peak_pages * PA_PAGE_SIZE);
    fprintf(out, "operations     %llu alloc%s, %llu free%s, %llu failed, "
            "%llu extent%s searched\n", (unsigned long long)st.allocs,
            plural(st.allocs), (unsigned long long)st.frees, plural(st.frees),
            (unsigned long long)st.failures, (unsigned long long)st.searched,
            plural(st.searched));
}

static void render_help(const result *r, FILE *out)
{
    if (r->topic) {
        fprintf(out, "usage: %s%s%s\n  %s\n", r->topic->name,
                *r->topic->synopsis ? " " : "", r->topic->synopsis, r->topic->help);
        if (r->topic->details)
            fprintf(out, "%s\n", r->topic->details);
        return;
    }
    fprintf(out, "commands:\n");
    for (size_t i = 0; i < ncommands; i++) {
        char use[40];
        snprintf(use, sizeof use, "%s %s", commands[i].name, commands[i].synopsis);
        fprintf(out, "  %-22s %s\n", use, commands[i].help);
    }
    fprintf(out, "A word starting with # begins a comment.  'help COMMAND' for one.\n");
}

static void render_use(shell *sh, FILE *out)
{
    pa_arena *a = shell_side(sh)->arena;
    fprintf(out, "using %s: %zu-byte units, %s fit, %zu of %zu page%s mapped\n",
            pa_kind_name(pa_arena_kind(a)), pa_arena_unit(a),
            pa_policy_name(pa_arena_policy(a)), pa_arena_page_count(a),
            pa_arena_max_pages(a), pa_arena_max_pages(a) == 1 ? "" : "s");
}

static void render_compare(shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "%s under each policy (%s):\n", r->text, pa_kind_name(r->compared));
    fprintf(out, "%-7s %7s %10s %6s %8s %8s %14s\n", "policy", "failed",
            "peak used", "free", "extents", "largest", "fragmentation");
    for (size_t i = 0; i < r->nrows; i++) {
        const policy_row *w = &r->rows[i];
        fprintf(out, "%-7s %7lu %10zu %6zu %8zu %8zu %13.1f%%\n",
                pa_policy_name(w->policy), w->failed, w->peak_used, w->free,
                w->extents, w->largest, 100.0 * w->fragmentation);
    }
}

static void render_replay(shell *sh, const result *r, FILE *out)
{
    const replay_report *p = &r->replay;
    pa_arena *a = shell_side(sh)->arena;
    fprintf(out, "replay %s: %lu operation%s on %s, %s fit\n", r->text, p->ops,
            plural(p->ops), pa_kind_name(pa_arena_kind(a)),
            pa_policy_name(pa_arena_policy(a)));
    fprintf(out, "  %lu alloc%s, %lu free%s, %lu realloc%s\n", p->allocs,
            plural(p->allocs), p->frees, plural(p->frees), p->reallocs,
            plural(p->reallocs));
    fprintf(out, "  failures: %lu too large, %lu out of memory, %lu bad id%s, "
            "%lu corrupted\n", p->too_large, p->no_room, p->bad_id,
            plural(p->bad_id), p->corrupted);
    fprintf(out, "  peak payload %zu bytes, peak mapped %zu bytes: utilization %.1f%%\n",
            p->peak_payload, p->peak_mapped,
            100.0 * utilization(p->peak_payload, p->peak_mapped));
    if (sh->opt.timing)
        fprintf(out, "  %.3f ms, %.0f operations/s\n", p->seconds * 1e3,
                p->seconds > 0 ? (double)p->ops / p->seconds : 0.0);
}

void render_text(shell *sh, const result *r)
{
    FILE *out = stdout;
    switch (r->kind) {
    case R_ALLOC:
        fprintf(out, "%s: ", r->name);
        where_text(sh, r, out);
        fputc('\n', out);
        break;
    case R_FREE:
        fprintf(out, "freed %s: ", r->name);
        where_text(sh, r, out);
        fputc('\n', out);
        break;
    case R_WRITE:
        fprintf(out, "wrote %zu bytes to %s\n", r->len, r->name);
        break;
    case R_READ:
        /* Block memory may hold anything: show control bytes visibly. */
        print_escaped(r->text, r->len, out);
        fputc('\n', out);
        break;
    case R_ECHO: fprintf(out, "%s\n", r->text); break;
    case R_DUMP: render_dump(sh, r, out); break;
    case R_LIST: render_list(sh, out); break;
    case R_MAP: render_map(sh, out); break;
    case R_LAYOUT: render_json(sh, r, NULL); break;
    case R_STATS: render_stats(sh, out); break;
    case R_USE: render_use(sh, out); break;
    case R_SET:
        fprintf(out, "%s = %s%s\n", r->key, r->value,
                strcmp(r->key, "max-pages") == 0 ? " (ealloc's page limit)" : "");
        break;
    case R_RESET:
        fprintf(out, "%s reset: no blocks\n",
                pa_kind_name(pa_arena_kind(shell_side(sh)->arena)));
        break;
    case R_HELP: render_help(r, out); break;
    case R_GEN:
        for (size_t i = 0; i < r->script->n; i++)
            fprintf(out, "%s\n", r->script->v[i]);
        break;
    case R_COMPARE: render_compare(sh, r, out); break;
    case R_REPLAY: render_replay(sh, r, out); break;
    case R_SOURCE:
    case R_EXPECT:
    case R_NONE:
        break;
    }
}

void render_text_explanation(shell *sh, const result *r)
{
    lines l;
    explain_lines(sh, r, &l);
    for (size_t i = 0; i < l.n; i++)
        printf("%s%s%s\n", term_dim(sh->color), l.v[i], term_reset(sh->color));
    lines_free(&l);
}

void render_text_error(shell *sh, const result *r)
{
    if (r->reported)
        return;
    fflush(stdout);
    fputs("allocsh: ", stderr);
    if (sh->where && sh->where->file)
        fprintf(stderr, "%s:%lu: ", sh->where->file, sh->where->line);
    if (r->cmd && *r->cmd)
        fprintf(stderr, "%s: ", r->cmd);
    fprintf(stderr, "%s\n", r->error);
}
