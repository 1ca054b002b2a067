/* render.c - choosing how a result is shown: JSON, a quiz line, or text
 * (with its explanation first when the command was explained). */
#include "render.h"

void render(shell *sh, const result *r, const char *input)
{
    if (sh->opt.quiet)
        return;
    if (sh->opt.json) {
        render_json(sh, r, input);
        return;
    }
    if (sh->opt.quiz && input && render_quiz(sh, r, input))
        return;
    if (sh->tracing)
        render_text_explanation(sh, r);
    if (r->ok)
        render_text(sh, r);
    else
        render_text_error(sh, r);
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
