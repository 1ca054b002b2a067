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

static bool set_policy(shell *sh, const char *key, const char *value, result *r)
{
    (void)key;
    for (int p = PA_FIT_FIRST; p <= PA_FIT_NEXT; p++) {
        if (strcmp(value, pa_policy_name((pa_policy)p)) == 0) {
            pa_set_policy(shell_side(sh)->arena, (pa_policy)p);
            return true;
        }
    }
    return result_fail(r, ERR_INVALID_VALUE, "unknown policy '%.40s' (first, best, worst or next)",
                       value);
}

static bool set_max_pages(shell *sh, const char *key, const char *value, result *r)
{
    (void)key;
    pa_arena *e = sh->sides[PA_KIND_EALLOC].arena;
    char err[128];
    size_t n;
    if (parse_count(value, SIZE_MAX / PA_PAGE_SIZE, &n, err, sizeof err))
        return result_fail(r, ERR_INVALID_VALUE, "invalid page count: %s", err);
    pa_status st = pa_set_max_pages(e, n);
    if (st == PA_EBUSY)
        return result_fail(r, ERR_BUSY, "ealloc has %zu pages mapped; the limit cannot "
                           "go below that", pa_arena_page_count(e));
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

/* The settings: adding one is adding a row, which set, its error
 * message and completion all follow. */
static bool set_on_off(shell *sh, const char *key, const char *value, result *r);

static const char *const policies[] = {"first", "best", "worst", "next", NULL};
static const char *const on_off[] = {"on", "off", NULL};

static const struct setting {
    const char *key;
    const char *const *values; /* for completion; NULL: a number */
    bool (*apply)(shell *sh, const char *key, const char *value, result *r);
} settings[] = {
    {"policy", policies, set_policy},
    {"max-pages", NULL, set_max_pages},
    {"addresses", on_off, set_on_off},
    {"check", on_off, set_on_off},
    {"explain", on_off, set_on_off},
    {"timing", on_off, set_on_off},
};
enum { NSETTINGS = sizeof settings / sizeof settings[0] };

const char *set_key(size_t i)
{
    return i < NSETTINGS ? settings[i].key : NULL;
}

static bool *switch_of(shell *sh, const char *key)
{
    if (strcmp(key, "addresses") == 0) return &sh->opt.addresses;
    if (strcmp(key, "check") == 0) return &sh->opt.check;
    if (strcmp(key, "explain") == 0) return &sh->opt.explain;
    return &sh->opt.timing;
}

static bool set_on_off(shell *sh, const char *key, const char *value, result *r)
{
    return set_switch(switch_of(sh, key), key, value, r);
}

const char *const *set_values(const char *key)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (strcmp(settings[i].key, key) == 0)
            return settings[i].values;
    return NULL;
}

bool cmd_set(shell *sh, const words *ws, result *r)
{
    const char *key = ws->w[1], *value = ws->w[2];
    const struct setting *s = NULL;
    for (size_t i = 0; i < NSETTINGS && !s; i++)
        if (strcmp(settings[i].key, key) == 0)
            s = &settings[i];
    if (!s) {
        char known[128] = "";
        for (size_t i = 0; i < NSETTINGS; i++)
            snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s",
                     i == 0 ? "" : i + 1 < NSETTINGS ? ", " : " or ", settings[i].key);
        return result_fail(r, ERR_INVALID_VALUE, "unknown setting '%.40s' (%s)",
                           key, known);
    }
    bool ok = s->apply(sh, key, value, r);
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
