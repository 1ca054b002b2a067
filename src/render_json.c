/* render_json.c - results as JSON Lines: one object per command on stdout,
 * the envelope (cmd, ok, error, kind, file, line) here and the payload
 * from the command that made it. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "json_out.h"
#include "lines.h"
#include "numbers.h"
#include "render.h"

/* Below 10^15, cJSON's "%1.15g" prints a number as its decimal digits, so
 * writing them here, as a raw item, changes no output and spares the
 * printf and the sscanf that checks it.  Larger ones keep cJSON's form. */
#define DIGITS_EXACT 1000000000000000u

void json_add_size(cJSON *o, const char *key, size_t v)
{
    char buf[SIZE_DIGITS];
    if (v >= DIGITS_EXACT) {
        cJSON_AddNumberToObject(o, key, (double)v);
        return;
    }
    /* The key is not copied: every caller passes a literal, and a map of
     * 100k blocks makes half a million of them. */
    append_size(buf, v);
    cJSON *item = cJSON_CreateRaw(buf);
    if (item && !cJSON_AddItemToObjectCS(o, key, item))
        cJSON_Delete(item);
}

void json_add_address(cJSON *o, const char *key, const void *p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    cJSON_AddStringToObject(o, key, buf);
}

void json_out_block(const shell *sh, json_out *o, const block_payload *b)
{
    jo_string(o, "name", b->name);
    jo_size(o, "size", b->where.size);
    jo_size(o, "page", b->where.page);
    jo_size(o, "offset", b->where.offset);
    /* A heap's blocks also by the address malloc.py would show. */
    const side *sd = &sh->sides[sh->current];
    if (pa_arena_kind(sd->arena) == PA_KIND_HEAP)
        jo_size(o, "at", sd->origin + b->where.offset + pa_arena_header(sd->arena));
    if (sh->opt.addresses)
        json_out_address(o, b->addr);
}

void json_out_address(json_out *o, const void *p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    jo_string(o, "address", buf);
}

void json_add_lines(cJSON *o, const char *key, const lines *l)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    for (size_t i = 0; i < l->n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(l->v[i]));
}

static void add_explanation(const shell *sh, cJSON *o, const result *r)
{
    lines l;
    explain_lines(sh, r, &l);
    if (l.n)
        json_add_lines(o, "explain", &l);
    lines_free(&l);
}

/* One buffer serves every line.  One line, always: when memory runs out,
 * jo_print_line writes a line that says so, which keeps the promise of
 * one object per command to whoever reads it. */
static json_out line;

void render_json_print(cJSON *o)
{
    jo_begin(&line);
    if (o)
        jo_members(&line, o);
    else
        line.failed = true;
    jo_print_line(&line, stdout);
    cJSON_Delete(o);
}

/* The members still built as cJSON: a command's payload, the
 * explanation, the free list; NULL when there are none. */
static cJSON *tree_members(const shell *sh, const result *r, bool payload)
{
    bool tree = payload && r->by->json;
    bool free_list = sh->opt.show_free && r->explain_as != EXPLAIN_NONE;
    if (!tree && !sh->tracing && !free_list)
        return NULL;
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (tree)
        r->by->json(sh, r, o);
    if (sh->tracing)
        add_explanation(sh, o, r);
    if (free_list)
        json_add_free_list(sh, o);
    return o;
}

void render_json(const shell *sh, const result *r, const char *input)
{
    json_out *o = &line;
    jo_begin(o);
    jo_string(o, "cmd", r->cmd ? r->cmd : "");
    jo_bool(o, "ok", r->ok);
    if (input && sh->opt.echo)
        jo_string(o, "input", input);
    if (!r->ok) {
        jo_string(o, "error", r->error);
        jo_string(o, "kind", error_kind_name(r->kind_of_error));
        if (sh->where && sh->where->file) {
            jo_string(o, "file", sh->where->file);
            jo_size(o, "line", sh->where->line);
        }
    }
    if (r->warning[0])
        jo_string(o, "warning", r->warning);
    bool payload = r->tag != P_NONE && r->by && (r->ok || r->by->payload_on_failure);
    if (payload && r->by->write_json)
        r->by->write_json(sh, r, o);
    cJSON *rest = tree_members(sh, r, payload);
    if (rest) {
        jo_members(o, rest);
        cJSON_Delete(rest);
    }
    jo_print_line(o, stdout);
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
    json_add_size(o, "passed", passed);
    json_add_size(o, "failed", failed);
    render_json_print(o);
}
