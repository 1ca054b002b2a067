/* cmd_use.c - `use alloc|ealloc|heap`: switch allocator; each keeps its
 * state. */
#include <cjson/cJSON.h>

#include "choices.h"
#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    pa_kind kind;
    if (pa_kind_from_name(ws->w[1], &kind) != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "unknown allocator '%.40s' (%s)",
                           ws->w[1], kind_choices());
    sh->current = kind;
    layout_of_view(shell_side(sh), result_payload(r, P_LAYOUT));
    return true;
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(r->u.layout.view.kind));
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const arena_view *v = &r->u.layout.view;
    (void)sh;
    if (v->kind == PA_KIND_HEAP) {
        fprintf(out, "using heap: ");
        render_heap_settings(v, out);
        fputc('\n', out);
        return;
    }
    fprintf(out, "using %s: %zu-byte units, %s fit, %zu of %zu page%s mapped\n",
            pa_kind_name(v->kind), v->unit, pa_policy_name(v->policy), v->pages,
            v->max_pages, v->max_pages == 1 ? "" : "s");
}

static const char DETAILS[] =
    "  alloc   one 4096-byte page in 8-byte units (the assignment's alloc)\n"
    "  ealloc  pages mapped on demand, 256-byte units (the assignment's ealloc)\n"
    "  heap    OSTEP malloc.py's heap: one mapping of 'set heap-size' bytes\n"
    "          (default 100) shown from 'set base' (1000), sizes in bytes rounded\n"
    "          to 'set align', a 'set header' per block, the free list kept in\n"
    "          'set order' and merged on free when 'set coalesce on'";

static const command cmd = {
    .name = "use", .order = 90, .synopsis = "alloc|ealloc|heap",
    .help = "switch allocator (each keeps its own state)", .details = DETAILS,
    .min_args = 1, .max_args = 1, .args = {ARG_ALLOCATOR},
    .run = run, .text = text, .json = json,
    .changes_state = command_always_changes,
};
COMMAND(cmd);
