/* ostep_print.c - malloc.py's output, byte for byte, and allocsh's
 * additions (JSON, the map) beside it. */
#include <cjson/cJSON.h>
#include <stdio.h>

#include "ostep_print.h"
#include "render.h"
#include "result.h"

static const char *py_bool(bool b)
{
    return b ? "True" : "False";
}

static void text_params(const ostep_args *a)
{
    printf("seed %lld\nsize %lld\nbaseAddr %lld\nheaderSize %lld\nalignment %lld\n",
           a->seed, a->size, a->base, a->header, a->align);
    printf("policy %s\nlistOrder %s\ncoalesce %s\n", a->policy, a->order,
           py_bool(a->coalesce));
    printf("numOps %lld\nrange %lld\npercentAlloc %lld\nallocList %s\ncompute %s\n\n",
           a->ops, a->range, a->percent, a->alloc_list, py_bool(a->compute));
}

static void json_num(cJSON *o, const char *key, long long v)
{
    cJSON_AddNumberToObject(o, key, (double)v);
}

static void json_params(const ostep_args *a)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "cmd", "ostep");
    cJSON_AddBoolToObject(o, "ok", true);
    json_num(o, "seed", a->seed);
    json_num(o, "size", a->size);
    json_num(o, "base", a->base);
    json_num(o, "header", a->header);
    json_num(o, "align", a->align);
    cJSON_AddStringToObject(o, "policy", a->policy);
    cJSON_AddStringToObject(o, "order", a->order);
    cJSON_AddBoolToObject(o, "coalesce", a->coalesce);
    json_num(o, "ops", a->ops);
    json_num(o, "range", a->range);
    json_num(o, "percent_alloc", a->percent);
    cJSON_AddStringToObject(o, "alloc_list", a->alloc_list);
    cJSON_AddBoolToObject(o, "compute", a->compute);
    render_json_print(o);
}

void ostep_print_params(const ostep_out *o)
{
    if (o->a->json)
        json_params(o->a);
    else
        text_params(o->a);
}

static const side *heap(const ostep_out *o)
{
    return &o->view->sides[PA_KIND_HEAP];
}

static void text_map(const ostep_out *o)
{
    layout lay;
    if (layout_collect(heap(o), &lay) == 0)
        render_map(o->view, &lay, stdout);
    layout_free(&lay);
}

static void text_answer(const ostep_out *o, const ostep_op *op)
{
    bool solve = o->a->compute;
    if (op->kind == OSTEP_ALLOC && solve)
        printf("ptr[%lld] = Alloc(%lld) returned %lld (searched %llu elements)\n",
               op->index, op->size, op->returned, op->searched);
    else if (op->kind == OSTEP_ALLOC)
        printf("ptr[%lld] = Alloc(%lld) returned ?\n", op->index, op->size);
    else if (solve)
        printf("Free(ptr[%lld])\nreturned %lld\n", op->index, op->returned);
    else
        printf("Free(ptr[%lld])\nreturned ?\n", op->index);
}

static void text_op(const ostep_out *o, const ostep_op *op)
{
    if (op->kind == OSTEP_SKIP) {
        puts("Invalid Free: Skipping");
        return;
    }
    text_answer(o, op);
    for (size_t i = 0; i < op->why.n; i++)
        puts(op->why.v[i]);
    if (o->a->compute)
        render_free_list_text(o->view, stdout);
    else
        puts(o->random_mode ? "List? " : "List?");
    if (o->a->map)
        text_map(o);
    putchar('\n');
}

static const char *op_name(const ostep_op *op)
{
    return op->kind == OSTEP_ALLOC ? "alloc" : "free";
}

static cJSON *json_head(const ostep_op *op, const char *error, error_kind kind)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "cmd", op_name(op));
    cJSON_AddBoolToObject(j, "ok", !error);
    if (error) {
        cJSON_AddStringToObject(j, "error", error);
        cJSON_AddStringToObject(j, "kind", error_kind_name(kind));
    }
    json_num(j, "index", op->index);
    return j;
}

static void json_answer(const ostep_out *o, const ostep_op *op, cJSON *j)
{
    if (op->kind == OSTEP_ALLOC) {
        json_num(j, "size", op->size);
        json_num(j, "returned", op->returned);
        if (op->ok)
            json_num(j, "block", op->block);
        cJSON_AddNumberToObject(j, "searched", (double)op->searched);
    } else {
        json_num(j, "returned", op->returned);
    }
    json_add_free_list(o->view, j);
    if (op->why.n)
        json_add_lines(j, "explain", &op->why);
    if (o->a->map) {
        layout lay;
        if (layout_collect(heap(o), &lay) == 0)
            cJSON_AddItemToObject(j, "map", render_layout_json(o->view, &lay));
        layout_free(&lay);
    }
}

static void json_op(const ostep_out *o, const ostep_op *op)
{
    char why[160] = "";
    if (op->kind == OSTEP_SKIP)
        snprintf(why, sizeof why, "invalid free: ptr[%lld] is past the %s, skipped",
                 op->index, "allocations that succeeded");
    else if (!op->ok && op->kind == OSTEP_ALLOC)
        snprintf(why, sizeof why, "out of memory: no free extent holds %lld bytes",
                 op->size);
    else if (!op->ok)
        snprintf(why, sizeof why, "ptr[%lld] is not the start of a live block", op->index);
    cJSON *j = json_head(op, why[0] ? why : NULL,
                         op->kind == OSTEP_ALLOC ? ERR_OUT_OF_MEMORY : ERR_NO_SUCH_BLOCK);
    if (op->kind == OSTEP_SKIP)
        cJSON_AddBoolToObject(j, "skipped", true);
    else
        json_answer(o, op, j);
    render_json_print(j);
}

void ostep_print_op(const ostep_out *o, const ostep_op *op)
{
    if (o->a->json)
        json_op(o, op);
    else
        text_op(o, op);
}

void ostep_print_crash(const ostep_out *o, const ostep_op *op, const char *msg)
{
    if (o->a->json) {
        render_json_print(json_head(op, msg, ERR_NO_SUCH_BLOCK));
        return;
    }
    printf("Free(ptr[%lld])\n", op->index);
    fflush(stdout);
    fprintf(stderr, "allocsh: --ostep: %s\n", msg);
}
