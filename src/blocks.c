/* blocks.c - finding a named block and taking a copy of its bytes. */
#include <stdlib.h>

#include "blocks.h"

bool block_find(shell *sh, const char *name, result *r)
{
    side *sd = shell_side(sh);
    void *p = names_get(&sd->names, name);
    if (!p)
        return result_fail(r, ERR_NO_SUCH_BLOCK, "no block named '%.40s'", name);
    block_payload *b = result_payload(r, P_BLOCK);
    names_copy(b->name, name);
    b->addr = p;
    side_locate(sd, p, &b->where);
    /* where spans a heap block's header too; its data starts at p. */
    b->data = b->where.size - pa_arena_header(sd->arena);
    return true;
}

bool block_copy_bytes(shell *sh, result *r)
{
    block_payload *b = &r->u.block;
    b->bytes = malloc(b->data ? b->data : 1);
    if (!b->bytes)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    side_read(shell_side(sh), b->addr, b->bytes, b->data);
    return true;
}
