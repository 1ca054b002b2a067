/* cmd_impl.c - `impl`: the submission behind the current allocator
 * (allocsh --impl): its object, whether it runs, and the address space and
 * heap it uses, as the course's own tests measure them (VSZ). */
#include <cjson/cJSON.h>

#include "commands.h"
#include "impl_side.h"
#include "render.h"

static bool run(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    (void)ws;
    if (!sd->impl)
        return result_fail(r, ERR_USAGE, "no submission: start allocsh with --impl PATH");
    impl_info *in = result_payload(r, P_IMPL);
    impl_side_info(sd->impl, in);
    in->kind_name = pa_kind_name(sh->current);
    in->path = sh->opt.impl_path;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const impl_info *in = &r->u.impl;
    (void)sh;
    fprintf(out, "submission %s, %s: %s\n", in->path, in->kind_name,
            !in->object[0] ? "not provided" : !in->started ? "not started yet"
            : in->running ? "running" : "no longer running");
    if (!in->running)
        return;
    fprintf(out, "  pages mapped   %zu now, %zu at most\n", in->pages, in->peak_pages);
    fprintf(out, "  address space  %lld KiB (VSZ), %+lld KiB since it started\n",
            in->vsz / 1024, (in->vsz - in->vsz_start) / 1024);
    fprintf(out, "  heap in use    %llu bytes, %llu before init\n", in->heap,
            in->heap_before);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    const impl_info *in = &r->u.impl;
    (void)sh;
    cJSON_AddStringToObject(o, "submission", in->path);
    cJSON_AddStringToObject(o, "allocator", in->kind_name);
    cJSON_AddBoolToObject(o, "provided", in->object[0] != '\0');
    cJSON_AddBoolToObject(o, "running", in->running);
    json_add_size(o, "pages", in->pages);
    json_add_size(o, "peak_pages", in->peak_pages);
    cJSON_AddNumberToObject(o, "vsz", (double)in->vsz);
    cJSON_AddNumberToObject(o, "vsz_growth", (double)(in->vsz - in->vsz_start));
    cJSON_AddNumberToObject(o, "heap", (double)in->heap);
    cJSON_AddNumberToObject(o, "heap_before", (double)in->heap_before);
}

static const command cmd = {
    .name = "impl", .order = 115, .synopsis = "",
    .help = "the submission being graded (--impl): pages, VSZ, heap",
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
