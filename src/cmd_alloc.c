/* cmd_alloc.c - `alloc SIZE [NAME]`: allocate and name a block. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "numbers.h"
#include "render.h"

static bool alloc_failed(shell *sh, result *r, const char *size, pa_status st)
{
    side *sd = shell_side(sh);
    arena_view v;
    side_view(sd, &v);
    if (st == PA_ESIZE && v.kind == PA_KIND_HEAP)
        return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be positive, and "
                           "with alignment and header fit the heap of %zu bytes",
                           size, v.page_size);
    if (st == PA_ESIZE)
        return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be a positive "
                           "multiple of %zu, at most %u", size, v.unit, PA_PAGE_SIZE);
    if (st != PA_ENOSPACE)
        return result_fail(r, ERR_SYSTEM, "%s", pa_strerror(st));
    if (v.kind == PA_KIND_HEAP && (v.align || v.header))
        return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %s "
                           "bytes, %zu with alignment and header (largest %zu)", size,
                           pa_block_size(sd->arena, strtoull(size, NULL, 10)), v.st.largest);
    if (v.kind == PA_KIND_EALLOC)
        return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %s bytes "
                           "(largest %zu) and all %zu pages are mapped",
                           size, v.st.largest, v.max_pages);
    return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %s bytes "
                       "(largest %zu)", size, v.st.largest);
}

/* The name the new block will have: given and valid, or the next automatic. */
static bool pick_name(side *sd, const words *ws, char *name, size_t len, result *r)
{
    if (ws->n < 3) {
        names_next_auto(&sd->names, name, len);
        return true;
    }
    const char *why = names_invalid(ws->w[2]);
    if (why)
        return result_fail(r, ERR_INVALID_NAME, "invalid name '%.40s': %s", ws->w[2], why);
    if (names_get(&sd->names, ws->w[2]))
        return result_fail(r, ERR_NAME_TAKEN, "name '%s' is already taken", ws->w[2]);
    snprintf(name, len, "%s", ws->w[2]);
    return true;
}

/* The size as typed; false, with r failed, when it is none the
 * allocator takes, so that a typo touches no counter of the allocator. */
static bool parse_size(shell *sh, const char *word, size_t *size, result *r)
{
    char err[128];
    if (parse_count(word, SIZE_MAX, size, err, sizeof err)) {
        /* A number too long for any type is just a size that is too large. */
        if (*word && strspn(word, "0123456789") == strlen(word))
            return alloc_failed(sh, r, word, PA_ESIZE);
        return result_fail(r, ERR_INVALID_SIZE, "invalid size: %s", err);
    }
    if (!side_size_ok(shell_side(sh), *size))
        return alloc_failed(sh, r, word, PA_ESIZE);
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    size_t size;
    char name[NAME_MAXLEN + 1];
    void *p;
    if (!parse_size(sh, ws->w[1], &size, r) ||
        !pick_name(sd, ws, name, sizeof name, r))
        return false;
    if (names_reserve(&sd->names) != 0)
        return result_fail(r, ERR_SYSTEM, "out of memory for the block's name");
    pa_status st = side_alloc(sd, size, &p);
    pa_stats after;
    side_stats(sd, &after);
    block_payload *b = result_payload(r, P_BLOCK);
    snprintf(b->name, sizeof b->name, "%s", name);
    b->searched = (size_t)after.last_searched;
    b->len = size;
    sh->alloc_failures += st != PA_OK;
    r->explain_as = EXPLAIN_ALLOC;
    if (st != PA_OK)
        return alloc_failed(sh, r, ws->w[1], st);
    names_add(&sd->names, name, p); /* cannot fail: room was reserved */
    side_locate(sd, p, &b->where);
    b->addr = p;
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    fprintf(out, "%s: ", r->u.block.name);
    render_where(sh, &r->u.block, out);
    fputc('\n', out);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    json_add_block(sh, o, &r->u.block);
    json_add_size(o, "searched", r->u.block.searched);
}

static const command cmd = {
    .name = "alloc", .order = 10, .synopsis = "SIZE [NAME]",
    .help = "allocate SIZE bytes and name the block",
    .min_args = 1, .max_args = 2, .run = run, .text = text, .json = json,
};
COMMAND(cmd);
