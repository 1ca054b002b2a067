/* cmd_set.c - `set KEY VALUE`: the session's settings, one table that set,
 * its messages, help and completion all read. */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "choices.h"
#include "commands.h"
#include "numbers.h"
#include "render.h"

static bool set_policy(shell *sh, const char *value, result *r)
{
    pa_policy p;
    if (shell_side(sh)->impl)
        return result_fail(r, ERR_INVALID_VALUE, "a submission's policy is its own: "
                           "--impl checks it against first fit");
    if (pa_policy_from_name(value, &p) != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "unknown policy '%.40s' (%s)", value,
                           policy_choices());
    if (side_set_policy(shell_side(sh), p) != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "next fit needs the address order: "
                           "set order address first");
    return true;
}

static bool set_max_pages(shell *sh, const char *value, result *r)
{
    side *e = &sh->sides[PA_KIND_EALLOC];
    char err[128];
    size_t n;
    if (parse_count(value, SIZE_MAX / PA_PAGE_SIZE, &n, err, sizeof err))
        return result_fail(r, ERR_INVALID_VALUE, "invalid page count: %s", err);
    pa_status st = side_set_max_pages(e, n);
    if (st == PA_EBUSY) {
        arena_view v;
        side_view(e, &v);
        return result_fail(r, ERR_BUSY, "ealloc has %zu pages mapped; the limit cannot "
                           "go below that", v.pages);
    }
    if (st != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "invalid page count %zu: at least 1", n);
    return true;
}

static const char *const on_off[] = {"on", "off", NULL};

/* The heap's settings apply to it whichever allocator is in use, as
 * max-pages applies to ealloc. */
static side *heap_side(shell *sh)
{
    return &sh->sides[PA_KIND_HEAP];
}

/* Size, alignment and header shape the mapping and every block, so they
 * make a new heap, which must have nothing to lose.  field is the offset
 * of the size_t in pa_config that changes. */
static bool remake_heap(shell *sh, size_t field, size_t n, result *r)
{
    side *h = heap_side(sh);
    pa_config cfg;
    pa_stats st;
    side_stats(h, &st);
    if (st.blocks)
        return result_fail(r, ERR_BUSY, "the heap has %zu live block%s: free %s or "
                           "reset the heap first", st.blocks, st.blocks == 1 ? "" : "s",
                           st.blocks == 1 ? "it" : "them");
    side_config(h, &cfg);
    cfg.sys = sh->opt.sys;
    *(size_t *)((char *)&cfg + field) = n;
    if (cfg.header >= cfg.heap_size)
        return result_fail(r, ERR_INVALID_VALUE, "a header of %zu bytes leaves no room "
                           "in a heap of %zu", cfg.header, cfg.heap_size);
    if (shell_remake(sh, PA_KIND_HEAP, &cfg) != 0)
        return result_fail(r, ERR_SYSTEM, "cannot make a heap of %zu bytes", cfg.heap_size);
    return true;
}

static bool set_heap_number(shell *sh, const char *value, size_t field, size_t max,
                            const char *what, result *r)
{
    char err[128];
    size_t n;
    if (parse_count(value, max, &n, err, sizeof err))
        return result_fail(r, ERR_INVALID_VALUE, "invalid %s: %s", what, err);
    if (field == offsetof(pa_config, heap_size) && n == 0)
        return result_fail(r, ERR_INVALID_VALUE, "invalid %s: at least 1", what);
    return remake_heap(sh, field, n, r);
}

static bool set_heap_size(shell *sh, const char *value, result *r)
{
    return set_heap_number(sh, value, offsetof(pa_config, heap_size), PA_HEAP_MAX_SIZE,
                           "heap size", r);
}

static bool set_header(shell *sh, const char *value, result *r)
{
    return set_heap_number(sh, value, offsetof(pa_config, header), PA_HEAP_MAX_SIZE,
                           "header size", r);
}

/* "none" (or malloc.py's -1, or 0) turns alignment off. */
static bool set_align(shell *sh, const char *value, result *r)
{
    if (strcmp(value, "none") == 0 || strcmp(value, "-1") == 0)
        value = "0";
    return set_heap_number(sh, value, offsetof(pa_config, align), PA_HEAP_MAX_SIZE,
                           "alignment", r);
}

static bool set_base(shell *sh, const char *value, result *r)
{
    char err[128];
    size_t n;
    if (parse_count(value, (size_t)1 << 48, &n, err, sizeof err))
        return result_fail(r, ERR_INVALID_VALUE, "invalid base address: %s", err);
    heap_side(sh)->origin = n;
    return true;
}

static bool set_order(shell *sh, const char *value, result *r)
{
    pa_order o;
    char known[96];
    if (pa_order_from_name(value, &o) != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "unknown order '%.40s' (%s)", value,
                           choices_of(order_names(), known, sizeof known));
    if (pa_set_order(heap_side(sh)->arena, o) != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "next fit needs the address order: "
                           "set policy first, then the order");
    return true;
}

static bool set_coalesce(shell *sh, const char *value, result *r)
{
    if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "coalesce is on or off, not '%.40s'",
                           value);
    pa_set_coalesce(heap_side(sh)->arena, strcmp(value, "on") == 0);
    return true;
}

/* A row: its key, the values completion offers (NULL: a number or the
 * policies), and
 * either a function that applies it or the on/off switch it sets. */
static const struct setting {
    const char *key;
    const char *const *values;
    bool (*apply)(shell *sh, const char *value, result *r);
    size_t flag;            /* offsetof the bool in options, for on/off */
    const char *note;       /* said after the value, or "" */
    /* It belongs to the allocators, or to how alloc reads a size, so undo
     * replays it; the others change how the session shows things. */
    bool changes_state;
} settings[] = {
    {"policy", NULL, set_policy, 0, "", true},
    {"max-pages", NULL, set_max_pages, 0, " (ealloc's page limit)", true},
    {"addresses", on_off, NULL, offsetof(options, addresses), "", false},
    {"check", on_off, NULL, offsetof(options, check), "", false},
    {"explain", on_off, NULL, offsetof(options, explain), "", false},
    {"timing", on_off, NULL, offsetof(options, timing), "", false},
    {"round", on_off, NULL, offsetof(options, round), "", true},
    {"show-free", on_off, NULL, offsetof(options, show_free), "", false},
    {"heap-size", NULL, set_heap_size, 0, " (a new heap)", true},
    {"base", NULL, set_base, 0, " (the heap's first address)", true},
    {"align", NULL, set_align, 0, " (a new heap)", true},
    {"header", NULL, set_header, 0, " (a new heap)", true},
    {"order", NULL, set_order, 0, " (the heap's free list)", true},
    {"coalesce", on_off, set_coalesce, 0, " (the heap's frees)", true},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0] };

const char *set_key(size_t i)
{
    return i < NSETTINGS ? settings[i].key : NULL;
}

static const struct setting *setting_find(const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].key, key) == 0)
            return &settings[i];
    return NULL;
}

static bool changes_state(const words *ws)
{
    const struct setting *s = ws->n > 1 ? setting_find(ws->w[1]) : NULL;
    return s && s->changes_state;
}

const char *const *set_values(const char *key)
{
    const struct setting *s = setting_find(key);
    if (s && s->apply == set_policy)
        return policy_names();
    if (s && s->apply == set_order)
        return order_names();
    return s ? s->values : NULL;
}

static bool set_switch(shell *sh, const struct setting *s, const char *value,
                       result *r)
{
    if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "%s is on or off, not '%.40s'", s->key,
                           value);
    *(bool *)((char *)&sh->opt + s->flag) = strcmp(value, "on") == 0;
    return true;
}

static bool unknown(const char *key, result *r)
{
    const char *keys[NSETTINGS + 1] = {NULL};
    char known[256];
    for (size_t i = 0; i < NSETTINGS; i++)
        keys[i] = settings[i].key;
    const char *near = suggest_among(key, keys);
    if (near)
        return result_fail(r, ERR_INVALID_VALUE, "unknown setting '%.40s' (did you mean "
                           "'%s'?)", key, near);
    choices_of(keys, known, sizeof known);
    return result_fail(r, ERR_INVALID_VALUE, "unknown setting '%.40s' (%s)", key, known);
}

static bool run(shell *sh, const words *ws, result *r)
{
    const char *key = ws->w[1], *value = ws->w[2];
    const struct setting *s = setting_find(key);
    if (!s)
        return unknown(key, r);
    if (!(s->apply ? s->apply(sh, value, r) : set_switch(sh, s, value, r)))
        return false;
    setting_payload *p = result_payload(r, P_SETTING);
    p->key = s->key;
    p->note = s->note;
    snprintf(p->value, sizeof p->value, "%s", value);
    return true;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    (void)sh;
    fprintf(out, "%s = %s%s\n", r->u.setting.key, r->u.setting.value, r->u.setting.note);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "key", r->u.setting.key);
    cJSON_AddStringToObject(o, "value", r->u.setting.value);
}

static const char DETAILS[] =
    "  set policy first|best|worst|next  how the current allocator picks an extent\n"
    "  set max-pages N                   ealloc's page limit (not below pages in use)\n"
    "  set addresses on|off              show real addresses beside offsets\n"
    "  set check on|off                  check every invariant after each command\n"
    "  set explain on|off                explain every alloc and free\n"
    "  set timing on|off                 show replay's elapsed time\n"
    "  set round on|off                  round alloc sizes up to the unit (off)\n"
    "  set show-free on|off              the free list after each alloc and free\n"
    "The heap's (see 'help use'), whichever allocator is in use; a new size,\n"
    "alignment or header makes a new heap, and needs the old one empty:\n"
    "  set heap-size N                   bytes, 1 to 1048576 (default 100)\n"
    "  set base N                        the address shown for its first byte (1000)\n"
    "  set align N|none                  sizes round up to a multiple of N (none)\n"
    "  set header N                      bytes each block carries before its data (0)\n"
    "  set order address|size-up|size-down|front|back\n"
    "                                    the free list's order (address); malloc.py's\n"
    "                                    ADDRSORT, SIZESORT+, ... are taken too\n"
    "  set coalesce on|off               a free merges touching list neighbours (off)";

static const command cmd = {
    .name = "set", .order = 100, .synopsis = "KEY VALUE",
    .help = "change a setting: policy, max-pages, heap-size, ...", .details = DETAILS,
    .min_args = 2, .max_args = 2, .args = {ARG_SETKEY, ARG_SETVALUE},
    .run = run, .text = text, .json = json, .changes_state = changes_state,
};
COMMAND(cmd);
