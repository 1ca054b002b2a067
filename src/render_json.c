/* render_json.c - results as JSON Lines: one object per command on stdout. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "lines.h"
#include "render.h"
#include "utf8.h"

static void add_size(cJSON *o, const char *key, size_t v)
{
    cJSON_AddNumberToObject(o, key, (double)v);
}

static void add_address(cJSON *o, const char *key, const void *p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    cJSON_AddStringToObject(o, key, buf);
}

static cJSON *extent_object(shell *sh, const side *sd, const pa_item *it)
{
    cJSON *o = cJSON_CreateObject();
    if (it->kind == PA_ITEM_BLOCK)
        cJSON_AddStringToObject(o, "name", names_label(&sd->names, it->addr));
    add_size(o, "offset", it->offset);
    add_size(o, "size", it->size);
    if (sh->opt.addresses)
        add_address(o, "address", it->addr);
    return o;
}

/* The layout object of BRIEF.md: pages with their blocks and free extents
 * in ascending offset. */
static cJSON *layout_object(shell *sh, const side *sd)
{
    pa_arena *a = sd->arena;
    cJSON *o = cJSON_CreateObject(), *pages = NULL, *blocks = NULL, *free_ = NULL;
    layout lay;
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(pa_arena_kind(a)));
    cJSON_AddStringToObject(o, "policy", pa_policy_name(pa_arena_policy(a)));
    add_size(o, "unit", pa_arena_unit(a));
    add_size(o, "page_size", PA_PAGE_SIZE);
    add_size(o, "max_pages", pa_arena_max_pages(a));
    pages = cJSON_AddArrayToObject(o, "pages");
    if (layout_collect(sd, &lay) != 0)
        return o;
    for (size_t i = 0; i < lay.n; i++) {
        const pa_item *it = &lay.items[i];
        if (it->kind == PA_ITEM_PAGE) {
            cJSON *pg = cJSON_CreateObject();
            add_size(pg, "index", it->page);
            if (sh->opt.addresses)
                add_address(pg, "address", it->addr);
            blocks = cJSON_AddArrayToObject(pg, "blocks");
            free_ = cJSON_AddArrayToObject(pg, "free");
            cJSON_AddItemToArray(pages, pg);
        } else {
            cJSON_AddItemToArray(it->kind == PA_ITEM_BLOCK ? blocks : free_,
                                 extent_object(sh, sd, it));
        }
    }
    layout_free(&lay);
    return o;
}

static int list_block(const pa_item *it, void *ctx)
{
    void **args = ctx;
    if (it->kind == PA_ITEM_BLOCK) {
        cJSON *o = extent_object(args[0], args[1], it);
        add_size(o, "page", it->page);
        cJSON_AddItemToArray(args[2], o);
    }
    return 0;
}

static void add_stats(cJSON *o, const side *sd)
{
    pa_stats st;
    pa_get_stats(sd->arena, &st);
    cJSON *s = cJSON_AddObjectToObject(o, "stats");
    cJSON_AddStringToObject(s, "allocator", pa_kind_name(pa_arena_kind(sd->arena)));
    cJSON_AddStringToObject(s, "policy", pa_policy_name(pa_arena_policy(sd->arena)));
    add_size(s, "pages", st.pages);
    add_size(s, "peak_pages", st.peak_pages);
    add_size(s, "max_pages", pa_arena_max_pages(sd->arena));
    add_size(s, "used", st.bytes_used);
    add_size(s, "peak_used", st.peak_used);
    add_size(s, "blocks", st.blocks);
    add_size(s, "free", st.bytes_free);
    add_size(s, "extents", st.extents);
    add_size(s, "largest", st.largest);
    cJSON_AddNumberToObject(s, "fragmentation", fragmentation(&st));
    add_size(s, "peak_payload", st.peak_used);
    cJSON_AddNumberToObject(s, "utilization",
                            utilization(st.peak_used, st.peak_pages * PA_PAGE_SIZE));
    add_size(s, "allocs", (size_t)st.allocs);
    add_size(s, "frees", (size_t)st.frees);
    add_size(s, "failures", (size_t)st.failures);
    add_size(s, "searched", (size_t)st.searched);
}

static void add_hex(cJSON *o, const result *r)
{
    char *hex = malloc(2 * r->where.size + 1);
    if (!hex)
        return;
    for (size_t i = 0; i < r->where.size; i++)
        snprintf(hex + 2 * i, 3, "%02x", ((unsigned char *)r->addr)[i]);
    hex[2 * r->where.size] = '\0';
    cJSON_AddStringToObject(o, "hex", hex);
    free(hex);
}

static void add_block(shell *sh, cJSON *o, const result *r)
{
    cJSON_AddStringToObject(o, "name", r->name);
    add_size(o, "size", r->where.size);
    add_size(o, "page", r->where.page);
    add_size(o, "offset", r->where.offset);
    if (sh->opt.addresses)
        add_address(o, "address", r->addr);
}

static void add_help(cJSON *o, const result *r)
{
    cJSON *list = cJSON_AddArrayToObject(o, "commands");
    for (size_t i = 0; i < ncommands; i++) {
        if (r->topic && r->topic != &commands[i])
            continue;
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "name", commands[i].name);
        cJSON_AddStringToObject(c, "synopsis", commands[i].synopsis);
        cJSON_AddStringToObject(c, "help", commands[i].help);
        if (commands[i].details)
            cJSON_AddStringToObject(c, "details", commands[i].details);
        cJSON_AddItemToArray(list, c);
    }
}

static void add_compare(shell *sh, cJSON *o, const result *r)
{
    cJSON_AddStringToObject(o, "script", r->text);
    (void)sh;
    cJSON_AddStringToObject(o, "allocator", pa_kind_name(r->compared));
    cJSON *a = cJSON_AddArrayToObject(o, "policies");
    for (size_t i = 0; i < r->nrows; i++) {
        const policy_row *w = &r->rows[i];
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, "policy", pa_policy_name(w->policy));
        add_size(p, "failed", w->failed);
        add_size(p, "peak_used", w->peak_used);
        add_size(p, "free", w->free);
        add_size(p, "extents", w->extents);
        add_size(p, "largest", w->largest);
        cJSON_AddNumberToObject(p, "fragmentation", w->fragmentation);
        cJSON_AddItemToArray(a, p);
    }
}

static void add_replay(shell *sh, cJSON *o, const result *r)
{
    const replay_report *p = &r->replay;
    cJSON_AddStringToObject(o, "trace", r->text);
    add_size(o, "operations", p->ops);
    add_size(o, "allocs", p->allocs);
    add_size(o, "frees", p->frees);
    add_size(o, "reallocs", p->reallocs);
    cJSON *f = cJSON_AddObjectToObject(o, "failures");
    add_size(f, "too_large", p->too_large);
    add_size(f, "out_of_memory", p->no_room);
    add_size(f, "bad_id", p->bad_id);
    add_size(f, "corrupted", p->corrupted);
    add_size(o, "peak_payload", p->peak_payload);
    add_size(o, "peak_mapped", p->peak_mapped);
    cJSON_AddNumberToObject(o, "utilization",
                            utilization(p->peak_payload, p->peak_mapped));
    if (sh->opt.timing) {
        cJSON_AddNumberToObject(o, "seconds", p->seconds);
        cJSON_AddNumberToObject(o, "ops_per_sec",
                                p->seconds > 0 ? (double)p->ops / p->seconds : 0.0);
    }
}

static void add_read(cJSON *o, const result *r)
{
    cJSON_AddStringToObject(o, "name", r->name);
    char *text = strndup(r->text, r->len); /* block bytes need not end in NUL */
    cJSON_AddStringToObject(o, "text", text ? text : "");
    free(text);
}

static void add_list(shell *sh, cJSON *o)
{
    side *sd = shell_side(sh);
    void *args[3] = {sh, sd, cJSON_AddArrayToObject(o, "blocks")};
    pa_walk(sd->arena, list_block, args);
}

static void add_lines(cJSON *o, const char *key, const lines *l)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
}

static void add_payload(shell *sh, cJSON *o, const result *r)
{
    side *sd = shell_side(sh);
    switch (r->kind) {
    case R_ALLOC:
    case R_FREE:
    case R_DUMP:
        add_block(sh, o, r);
        if (r->kind == R_ALLOC)
            add_size(o, "searched", r->searched);
        if (r->kind == R_DUMP)
            add_hex(o, r);
        break;
    case R_WRITE:
        cJSON_AddStringToObject(o, "name", r->name);
        add_size(o, "bytes", r->len);
        break;
    case R_READ: add_read(o, r); break;
    case R_LIST: add_list(sh, o); break;
    case R_MAP:
    case R_LAYOUT: cJSON_AddItemToObject(o, "map", layout_object(sh, sd)); break;
    case R_STATS: add_stats(o, sd); break;
    case R_USE:
    case R_RESET:
        cJSON_AddStringToObject(o, "allocator", pa_kind_name(sh->current));
        break;
    case R_SET:
        cJSON_AddStringToObject(o, "key", r->key);
        cJSON_AddStringToObject(o, "value", r->value);
        break;
    case R_SOURCE:
        cJSON_AddStringToObject(o, "script", r->text);
        add_size(o, "commands", r->count);
        add_size(o, "failed", r->failed);
        break;
    case R_ECHO: cJSON_AddStringToObject(o, "text", r->text); break;
    case R_HELP: add_help(o, r); break;
    case R_GEN: add_lines(o, "script", r->script); break;
    case R_COMPARE: add_compare(sh, o, r); break;
    case R_REPLAY: add_replay(sh, o, r); break;
    case R_EXPECT:
    case R_NONE: break;
    }
}

static void add_explanation(shell *sh, cJSON *o, const result *r)
{
    lines l;
    explain_lines(sh, r, &l);
    if (l.n)
        add_lines(o, "explain", &l);
    lines_free(&l);
}

/* One line, always: when memory runs out for the object, a line that says
 * so keeps the promise of one object per command to whoever reads it. */
static void print_object(cJSON *o)
{
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    if (s) {
        utf8_put_json(s, stdout);
        free(s);
    } else {
        fputs("{\"cmd\":\"\",\"ok\":false,\"error\":\"out of memory\","
              "\"kind\":\"system\"}", stdout);
    }
    fputc('\n', stdout);
    cJSON_Delete(o);
}

void render_json(shell *sh, const result *r, const char *input)
{
    if (!sh->opt.json && r->kind == R_LAYOUT) {
        print_object(layout_object(sh, shell_side(sh)));
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cmd", r->cmd ? r->cmd : "");
    cJSON_AddBoolToObject(o, "ok", r->ok);
    if (input && sh->opt.echo)
        cJSON_AddStringToObject(o, "input", input);
    if (!r->ok) {
        cJSON_AddStringToObject(o, "error", r->error);
        cJSON_AddStringToObject(o, "kind", error_kind_name(r->kind_of_error));
        if (sh->where && sh->where->file) {
            cJSON_AddStringToObject(o, "file", sh->where->file);
            add_size(o, "line", sh->where->line);
        }
    }
    if (r->ok || r->kind == R_SOURCE || r->kind == R_REPLAY)
        add_payload(sh, o, r);
    if (sh->tracing)
        add_explanation(sh, o, r);
    print_object(o);
}

void render_json_expectations(unsigned long passed, unsigned long failed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cmd", "expectations");
    cJSON_AddBoolToObject(o, "ok", failed == 0);
    if (failed) {
        char msg[64];
        snprintf(msg, sizeof msg, "%lu expectation%s failed", failed, plural(failed));
        cJSON_AddStringToObject(o, "error", msg);
        cJSON_AddStringToObject(o, "kind", error_kind_name(ERR_EXPECTATION));
    }
    add_size(o, "passed", passed);
    add_size(o, "failed", failed);
    print_object(o);
}
