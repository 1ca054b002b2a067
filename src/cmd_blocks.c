/* cmd_blocks.c - the commands on blocks: alloc, free, write, read, dump, list. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "numbers.h"

static bool alloc_failed(shell *sh, result *r, const char *size, pa_status st)
{
    side *sd = shell_side(sh);
    pa_stats s;
    if (st == PA_ESIZE)
        return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be a positive multiple "
                           "of %zu, at most %u", size, pa_arena_unit(sd->arena),
                           PA_PAGE_SIZE);
    if (st != PA_ENOSPACE)
        return result_fail(r, ERR_SYSTEM, "%s", pa_strerror(st));
    pa_get_stats(sd->arena, &s);
    if (pa_arena_kind(sd->arena) == PA_KIND_EALLOC)
        return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %s bytes "
                           "(largest %zu) and all %zu pages are mapped",
                           size, s.largest, pa_arena_max_pages(sd->arena));
    return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %s bytes "
                       "(largest %zu)", size, s.largest);
}

/* The name the new block will have: given and valid, or the next automatic. */
static bool pick_name(side *sd, const words *ws, result *r)
{
    if (ws->n < 3) {
        names_next_auto(&sd->names, r->name, sizeof r->name);
        return true;
    }
    const char *why = names_invalid(ws->w[2]);
    if (why)
        return result_fail(r, ERR_INVALID_NAME, "invalid name '%.40s': %s", ws->w[2], why);
    if (names_get(&sd->names, ws->w[2]))
        return result_fail(r, ERR_NAME_TAKEN, "name '%s' is already taken", ws->w[2]);
    strcpy(r->name, ws->w[2]);
    return true;
}

bool cmd_alloc(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    size_t size;
    char err[128];
    void *p;

    if (parse_count(ws->w[1], SIZE_MAX, &size, err, sizeof err)) {
        /* A number too long for any type is just a size that is too large. */
        if (*ws->w[1] && strspn(ws->w[1], "0123456789") == strlen(ws->w[1]))
            return alloc_failed(sh, r, ws->w[1], PA_ESIZE);
        return result_fail(r, ERR_INVALID_SIZE, "invalid size: %s", err);
    }
    /* Refused here, so that a typo touches no counter of the allocator. */
    if (size == 0 || size % pa_arena_unit(sd->arena) || size > PA_PAGE_SIZE)
        return alloc_failed(sh, r, ws->w[1], PA_ESIZE);
    if (!pick_name(sd, ws, r))
        return false;
    if (names_reserve(&sd->names) != 0)
        return result_fail(r, ERR_SYSTEM, "out of memory for the block's name");
    pa_status st = pa_alloc(sd->arena, size, &p);
    pa_stats after;
    pa_get_stats(sd->arena, &after);
    r->searched = (size_t)after.last_searched;
    r->len = size;
    sh->alloc_failures += st != PA_OK;
    r->explain_as = R_ALLOC;
    if (st != PA_OK)
        return alloc_failed(sh, r, ws->w[1], st);
    names_add(&sd->names, r->name, p); /* cannot fail: room was reserved */
    pa_locate(sd->arena, p, &r->where);
    r->addr = p;
    r->kind = R_ALLOC;
    return true;
}

/* Finds the live block called name, filling r's name, where and addr. */
static bool find_block(shell *sh, const char *name, result *r)
{
    side *sd = shell_side(sh);
    void *p = names_get(&sd->names, name);
    if (!p)
        return result_fail(r, ERR_NO_SUCH_BLOCK, "no block named '%.40s'", name);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->addr = p;
    pa_locate(sd->arena, p, &r->where);
    return true;
}

bool cmd_free(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    if (!find_block(sh, ws->w[1], r))
        return false;
    r->explain_as = R_FREE;
    pa_status st = pa_free(sd->arena, r->addr);
    if (st != PA_OK)
        return result_fail(r, ERR_SYSTEM, "%s", pa_strerror(st));
    names_remove(&sd->names, r->name);
    r->kind = R_FREE;
    return true;
}

bool cmd_write(shell *sh, const words *ws, result *r)
{
    if (!find_block(sh, ws->w[1], r))
        return false;
    char *text = words_join(ws, 2);
    if (!text)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    size_t len = strlen(text);
    if (len > r->where.size) {
        free(text);
        return result_fail(r, ERR_TOO_LONG, "%zu bytes of text do not fit in '%s' (%zu bytes)",
                           len, r->name, r->where.size);
    }
    memcpy(r->addr, text, len);
    if (len < r->where.size)
        ((char *)r->addr)[len] = '\0';
    free(text);
    r->len = len;
    r->kind = R_WRITE;
    return true;
}

bool cmd_read(shell *sh, const words *ws, result *r)
{
    if (!find_block(sh, ws->w[1], r))
        return false;
    r->text = r->addr;
    r->len = strnlen(r->addr, r->where.size);
    r->kind = R_READ;
    return true;
}

bool cmd_dump(shell *sh, const words *ws, result *r)
{
    if (!find_block(sh, ws->w[1], r))
        return false;
    r->kind = R_DUMP;
    return true;
}

bool cmd_list(shell *sh, const words *ws, result *r)
{
    (void)sh;
    (void)ws;
    r->kind = R_LIST;
    return true;
}
