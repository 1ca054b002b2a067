/* cmd_alloc.c - `alloc SIZE [NAME]`: allocate and name a block. */
#include <stdint.h>
#include <string.h>

#include "commands.h"
#include "json_out.h"
#include "numbers.h"
#include "render.h"

/* size rounded up to the allocator's unit, or 0 when even that is a size
 * it refuses (0, or past the largest block). */
static size_t rounded(const side *sd, size_t size)
{
    arena_view v;
    side_view(sd, &v);
    if (size == 0 || size > SIZE_MAX / 2)
        return 0;
    size_t up = round_up(size, v.unit);
    return side_size_ok(sd, up) ? up : 0;
}

/* A size the allocator refuses; when rounding up to the unit would make
 * it one it takes, say so, since that is most likely what was meant. */
static bool size_refused(shell *sh, result *r, const char *word, size_t size)
{
    arena_view v;
    side_view(shell_side(sh), &v);
    if (v.kind == PA_KIND_HEAP) /* sizes in bytes: nothing to round */
        return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be positive, and "
                           "with alignment and header fit the heap of %zu bytes",
                           word, v.page_size);
    size_t up = rounded(shell_side(sh), size);
    if (up)
        return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be a positive "
                           "multiple of %zu, at most %u; use %zu, or set round on",
                           word, v.unit, PA_PAGE_SIZE, up);
    return result_fail(r, ERR_INVALID_SIZE, "invalid size %.40s: must be a positive "
                       "multiple of %zu, at most %u", word, v.unit, PA_PAGE_SIZE);
}

static bool alloc_failed(shell *sh, result *r, size_t size, pa_status st)
{
    arena_view v;
    side_view(shell_side(sh), &v);
    if (st != PA_ENOSPACE)
        return result_fail(r, ERR_SYSTEM, "%s", pa_strerror(st));
    if (v.kind == PA_KIND_HEAP && (v.align || v.header))
        return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %zu "
                           "bytes, %zu with alignment and header (largest %zu)", size,
                           pa_block_size(shell_side(sh)->arena, size), v.st.largest);
    if (v.kind == PA_KIND_EALLOC)
        return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %zu "
                           "bytes (largest %zu) and all %zu pages are mapped",
                           size, v.st.largest, v.max_pages);
    return result_fail(r, ERR_OUT_OF_MEMORY, "out of memory: no free extent holds %zu "
                       "bytes (largest %zu)", size, v.st.largest);
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
    names_copy(name, ws->w[2]);
    return true;
}

/* The size as typed (asked) and the size to allocate: the same, or
 * rounded up to the unit when rounding is on; false, with r failed, when
 * it is none the allocator takes, so that a typo touches no counter of
 * the allocator. */
static bool parse_size(shell *sh, const char *word, size_t *asked, size_t *size,
                       result *r)
{
    char err[128];
    if (parse_count(word, SIZE_MAX, asked, err, sizeof err)) {
        /* A number too long for any type is just a size that is too large. */
        if (*word && strspn(word, "0123456789") == strlen(word))
            return size_refused(sh, r, word, 0);
        return result_fail(r, ERR_INVALID_SIZE, "invalid size: %s", err);
    }
    size_t up = sh->opt.round ? rounded(shell_side(sh), *asked) : 0;
    *size = up ? up : *asked;
    if (!side_size_ok(shell_side(sh), *size))
        return size_refused(sh, r, word, *size);
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    size_t asked = 0, size = 0;
    char name[NAME_MAXLEN + 1];
    void *p;
    if (!parse_size(sh, ws->w[1], &asked, &size, r) ||
        !pick_name(sd, ws, name, sizeof name, r))
        return false;
    if (names_reserve(&sd->names) != 0)
        return result_fail(r, ERR_SYSTEM, "out of memory for the block's name");
    block_payload *b = result_payload(r, P_BLOCK);
    pa_status st = side_alloc_where(sd, size, &p, &b->where);
    names_copy(b->name, name);
    b->searched = side_last_searched(sd);
    b->len = size;
    b->asked = asked;
    sh->alloc_failures += st != PA_OK;
    r->explain_as = EXPLAIN_ALLOC;
    if (st != PA_OK)
        return alloc_failed(sh, r, size, st);
    names_add(&sd->names, name, p); /* cannot fail: room was reserved */
    b->addr = p;
    return true;
}

/* One write per line: scripts print one of these per command. */
static void text(const shell *sh, const result *r, FILE *out)
{
    const block_payload *b = &r->u.block;
    char line[NAME_MAXLEN + WHERE_MAX + 64];
    char *p = render_where_to(sh, b, APPEND_LITERAL(stpcpy(line, b->name), ": "));
    if (b->asked != b->len)
        p += sprintf(p, " (%zu rounded up)", b->asked);
    *p++ = '\n';
    fwrite_unlocked(line, 1, (size_t)(p - line), out); /* one thread: no lock */
}

static void write_json(const shell *sh, const result *r, json_out *o)
{
    json_out_block(sh, o, &r->u.block);
    jo_size(o, "searched", r->u.block.searched);
    if (r->u.block.asked != r->u.block.len)
        jo_size(o, "rounded_from", r->u.block.asked);
}

static const char DETAILS[] =
    "SIZE is a positive multiple of the allocator's unit (8 bytes for alloc,\n"
    "256 for ealloc), at most 4096.  Any other size is refused with the\n"
    "multiple to use instead; after 'set round on' it is rounded up to that\n"
    "multiple, and the result says so: a: 104 bytes at ... (100 rounded up).\n"
    "On the heap, SIZE is any number of bytes that fits it with its alignment\n"
    "and header.\n"
    "NAME defaults to the next of a, b, ... z, aa, ab, ...; names are never reused.";

static const command cmd = {
    .name = "alloc", .order = 10, .synopsis = "SIZE [NAME]",
    .help = "allocate SIZE bytes and name the block", .details = DETAILS,
    .min_args = 1, .max_args = 2, .run = run, .text = text, .write_json = write_json,
    .changes_state = command_always_changes,
};
COMMAND(cmd);
