/* render.c - choosing how a result is shown: JSON, a quiz line, or text
 * (with its explanation first when the command was explained); the
 * command that made the payload prints it. */
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "lines.h"
#include "render.h"
#include "term.h"

static void render_text_explanation(const shell *sh, const result *r)
{
    lines l;
    explain_lines(sh, r, &l);
    for (size_t i = 0; i < l.n; i++)
        printf("%s%s%s\n", term_dim(sh->color), l.v[i], term_reset(sh->color));
    lines_free(&l);
}

void render(shell *sh, const result *r, const char *input)
{
    if (sh->opt.quiet)
        return;
    if (sh->opt.json) {
        render_json(sh, r, input);
        return;
    }
    if (sh->opt.quiz && input) {
        layout after;
        layout_collect(shell_side(sh), &after);
        bool asked = render_quiz(sh, r, input, &after);
        layout_free(&after);
        if (asked)
            return;
    }
    if (sh->tracing)
        render_text_explanation(sh, r);
    if (!r->ok)
        render_text_error(sh, r);
    else if (r->tag != P_NONE && r->by && r->by->text)
        r->by->text(sh, r, stdout);
    if (sh->opt.show_free && r->explain_as != EXPLAIN_NONE)
        render_free_list_text(sh, stdout);
    if (r->warning[0])
        render_text_warning(sh, r);
}

void render_text_error(const shell *sh, const result *r)
{
    if (r->reported)
        return;
    fflush(stdout);
    fputs("allocsh: ", stderr);
    if (sh->where && sh->where->file)
        fprintf(stderr, "%s:%lu: ", sh->where->file, sh->where->line);
    if (r->cmd && *r->cmd) {
        render_controls(r->cmd, strlen(r->cmd), stderr);
        fputs(": ", stderr);
    }
    render_controls(r->error, strlen(r->error), stderr);
    fputc('\n', stderr);
}

void render_text_warning(const shell *sh, const result *r)
{
    fflush(stdout);
    fputs("allocsh: ", stderr);
    if (sh->where && sh->where->file)
        fprintf(stderr, "%s:%lu: ", sh->where->file, sh->where->line);
    if (r->cmd && *r->cmd)
        fprintf(stderr, "%s: ", r->cmd);
    fprintf(stderr, "warning: %s\n", r->warning);
}

void render_expect_summary(shell *sh)
{
    unsigned long passed = sh->expect_passed, failed = sh->expect_failed;
    if (passed + failed == 0)
        return;
    if (sh->opt.json)
        render_json_expectations(passed, failed);
    else
        printf("%lu expectation%s passed, %lu failed\n", passed, plural(passed), failed);
}

double fragmentation(const pa_stats *st)
{
    if (st->bytes_free == 0)
        return 0.0;
    return 1.0 - (double)st->largest / (double)st->bytes_free;
}

const char *plural(unsigned long long n)
{
    return n == 1 ? "" : "s";
}

double utilization(size_t payload, size_t mapped)
{
    return mapped ? (double)payload / (double)mapped : 0.0;
}
