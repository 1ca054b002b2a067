/* cmd_state.c - the commands that change settings: use, set, reset. */
#include <stdint.h>
#include <string.h>

#include "commands.h"
#include "numbers.h"

static bool kind_from(const char *word, pa_kind *kind)
{
    if (strcmp(word, "alloc") == 0)
        *kind = PA_KIND_ALLOC;
    else if (strcmp(word, "ealloc") == 0)
        *kind = PA_KIND_EALLOC;
    else
        return false;
    return true;
}

bool cmd_use(shell *sh, const words *ws, result *r)
{
    pa_kind kind;
    if (!kind_from(ws->w[1], &kind))
        return result_fail(r, ERR_INVALID_VALUE, "unknown allocator '%.40s' (alloc or ealloc)",
                           ws->w[1]);
    sh->current = kind;
    r->kind = R_USE;
    return true;
}

static bool set_policy(shell *sh, const char *value, result *r)
{
    for (int p = PA_FIT_FIRST; p <= PA_FIT_NEXT; p++) {
        if (strcmp(value, pa_policy_name((pa_policy)p)) == 0) {
            pa_set_policy(shell_side(sh)->arena, (pa_policy)p);
            return true;
        }
    }
    return result_fail(r, ERR_INVALID_VALUE, "unknown policy '%.40s' (first, best, worst or next)",
                       value);
}

static bool set_max_pages(shell *sh, const char *value, result *r)
{
    pa_arena *e = sh->sides[PA_KIND_EALLOC].arena;
    char err[128];
    size_t n;
    if (parse_count(value, SIZE_MAX / PA_PAGE_SIZE, &n, err, sizeof err))
        return result_fail(r, ERR_INVALID_VALUE, "invalid page count: %s", err);
    pa_status st = pa_set_max_pages(e, n);
    if (st == PA_EBUSY)
        return result_fail(r, ERR_BUSY, "ealloc has %zu pages mapped; the limit cannot "
                           "go below that", pa_page_count(e));
    if (st != PA_OK)
        return result_fail(r, ERR_INVALID_VALUE, "invalid page count %zu: at least 1", n);
    return true;
}

static bool set_switch(bool *flag, const char *key, const char *value,
                       result *r)
{
    if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "%s is on or off, not '%.40s'", key, value);
    *flag = strcmp(value, "on") == 0;
    return true;
}

bool cmd_set(shell *sh, const words *ws, result *r)
{
    const char *key = ws->w[1], *value = ws->w[2];
    bool ok;
    if (strcmp(key, "policy") == 0)
        ok = set_policy(sh, value, r);
    else if (strcmp(key, "max-pages") == 0)
        ok = set_max_pages(sh, value, r);
    else if (strcmp(key, "addresses") == 0)
        ok = set_switch(&sh->opt.addresses, key, value, r);
    else if (strcmp(key, "check") == 0)
        ok = set_switch(&sh->opt.check, key, value, r);
    else if (strcmp(key, "explain") == 0)
        ok = set_switch(&sh->opt.explain, key, value, r);
    else if (strcmp(key, "timing") == 0)
        ok = set_switch(&sh->opt.timing, key, value, r);
    else
        return result_fail(r, ERR_INVALID_VALUE, "unknown setting '%.40s' (policy, "
                           "max-pages, addresses, check, explain or timing)", key);
    if (!ok)
        return false;
    r->key = key;
    snprintf(r->value, sizeof r->value, "%s", value);
    r->kind = R_SET;
    return true;
}

bool cmd_reset(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    (void)ws;
    if (pa_reset(sd->arena) != PA_OK)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    names_clear(&sd->names);
    r->kind = R_RESET;
    return true;
}
