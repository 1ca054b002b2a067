/* render_json.c - results as JSON Lines: one object per command on stdout,
 * the envelope (cmd, ok, error, kind, file, line) here and the payload
 * from the command that made it. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "lines.h"
#include "render.h"
#include "utf8.h"

/* Below 10^15, cJSON's "%1.15g" prints a number as its decimal digits, so
 * writing them here, as a raw item, changes no output and spares the
 * printf and the sscanf that checks it.  Larger ones keep cJSON's form. */
#define DIGITS_EXACT 1000000000000000u

void json_add_size(cJSON *o, const char *key, size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    if (v >= DIGITS_EXACT) {
        cJSON_AddNumberToObject(o, key, (double)v);
        return;
    }
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    /* The key is not copied: every caller passes a literal, and a map of
     * 100k blocks makes half a million of them. */
    cJSON *item = cJSON_CreateRaw(p);
    if (item && !cJSON_AddItemToObjectCS(o, key, item))
        cJSON_Delete(item);
}

void json_add_address(cJSON *o, const char *key, const void *p)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%p", p);
    cJSON_AddStringToObject(o, key, buf);
}

void json_add_block(const shell *sh, cJSON *o, const block_payload *b)
{
    cJSON_AddStringToObject(o, "name", b->name);
    json_add_size(o, "size", b->where.size);
    json_add_size(o, "page", b->where.page);
    json_add_size(o, "offset", b->where.offset);
    /* A heap's blocks also by the address malloc.py would show. */
    const side *sd = &sh->sides[sh->current];
    if (pa_arena_kind(sd->arena) == PA_KIND_HEAP)
        json_add_size(o, "at", sd->origin + b->where.offset + pa_arena_header(sd->arena));
    if (sh->opt.addresses)
        json_add_address(o, "address", b->addr);
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

/* One line, always: when memory runs out for the object, a line that says
 * so keeps the promise of one object per command to whoever reads it. */
/* The object printed into a buffer kept from line to line, which most
 * lines fit; a larger one (a map of many blocks) gets its own. */
static char *print(cJSON *o, char *reuse, int len)
{
    if (cJSON_PrintPreallocated(o, reuse, len, false))
        return reuse;
    return cJSON_PrintUnformatted(o);
}

void render_json_print(cJSON *o)
{
    static char line[8192];
    char *s = o ? print(o, line, (int)sizeof line) : NULL;
    if (s) {
        utf8_put_json(s, stdout);
        if (s != line)
            free(s);
    } else {
        fputs("{\"cmd\":\"\",\"ok\":false,\"error\":\"out of memory\","
              "\"kind\":\"system\"}", stdout);
    }
    fputc('\n', stdout);
    cJSON_Delete(o);
}

void render_json(const shell *sh, const result *r, const char *input)
{
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
            json_add_size(o, "line", sh->where->line);
        }
    }
    if (r->warning[0])
        cJSON_AddStringToObject(o, "warning", r->warning);
    if (r->tag != P_NONE && r->by && r->by->json &&
        (r->ok || r->by->payload_on_failure))
        r->by->json(sh, r, o);
    if (sh->tracing)
        add_explanation(sh, o, r);
    if (sh->opt.show_free && r->explain_as != EXPLAIN_NONE)
        json_add_free_list(sh, o);
    render_json_print(o);
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
