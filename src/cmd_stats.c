/* cmd_stats.c - `stats`: bytes used and free, extents, pages, peaks. */
#include <cjson/cJSON.h>

#include "commands.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    (void)ws;
    layout_of_view(shell_side(sh), result_payload(r, P_LAYOUT));
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const arena_view *v = &r->u.layout.view;
    const pa_stats *st = &v->st;
    (void)sh;
    if (v->kind == PA_KIND_HEAP) {
        fprintf(out, "allocator      heap, ");
        render_heap_settings(v, out);
        fputc('\n', out);
    } else {
        fprintf(out, "allocator      %s, %zu-byte units, %s fit\n", pa_kind_name(v->kind),
                v->unit, pa_policy_name(v->policy));
    }
    fprintf(out, "pages          %zu mapped, peak %zu, limit %zu\n", st->pages,
            st->peak_pages, v->max_pages);
    fprintf(out, "used           %zu bytes in %zu block%s, peak %zu\n",
            st->bytes_used, st->blocks, plural(st->blocks), st->peak_used);
    fprintf(out, "free           %zu bytes in %zu extent%s, largest %zu\n",
            st->bytes_free, st->extents, plural(st->extents), st->largest);
    fprintf(out, "fragmentation  %.1f%%\n", 100.0 * fragmentation(st));
    fprintf(out, "utilization    %.1f%% (peak payload %zu / peak mapped %zu)\n",
            100.0 * utilization(st->peak_used, st->peak_pages * v->page_size),
            st->peak_used, st->peak_pages * v->page_size);
    fprintf(out, "operations     %llu alloc%s, %llu free%s, %llu failed, "
            "%llu extent%s searched\n", (unsigned long long)st->allocs,
            plural(st->allocs), (unsigned long long)st->frees, plural(st->frees),
            (unsigned long long)st->failures, (unsigned long long)st->searched,
            plural(st->searched));
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    const arena_view *v = &r->u.layout.view;
    const pa_stats *st = &v->st;
    (void)sh;
    cJSON *s = cJSON_AddObjectToObject(o, "stats");
    cJSON_AddStringToObject(s, "allocator", pa_kind_name(v->kind));
    cJSON_AddStringToObject(s, "policy", pa_policy_name(v->policy));
    json_add_size(s, "pages", st->pages);
    json_add_size(s, "peak_pages", st->peak_pages);
    json_add_size(s, "max_pages", v->max_pages);
    json_add_size(s, "used", st->bytes_used);
    json_add_size(s, "peak_used", st->peak_used);
    json_add_size(s, "blocks", st->blocks);
    json_add_size(s, "free", st->bytes_free);
    json_add_size(s, "extents", st->extents);
    json_add_size(s, "largest", st->largest);
    cJSON_AddNumberToObject(s, "fragmentation", fragmentation(st));
    json_add_size(s, "peak_payload", st->peak_used);
    cJSON_AddNumberToObject(s, "utilization",
                            utilization(st->peak_used, st->peak_pages * v->page_size));
    json_add_size(s, "allocs", (size_t)st->allocs);
    json_add_size(s, "frees", (size_t)st->frees);
    json_add_size(s, "failures", (size_t)st->failures);
    json_add_size(s, "searched", (size_t)st->searched);
}

static const command cmd = {
    .name = "stats", .order = 80, .synopsis = "",
    .help = "bytes used and free, extents, pages, peaks",
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
