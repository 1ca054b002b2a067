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
    side_set_policy(shell_side(sh), p);
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

/* A row: its key, the values completion offers (NULL: a number or the
 * policies), and
 * either a function that applies it or the on/off switch it sets. */
static const struct setting {
    const char *key;
    const char *const *values;
    bool (*apply)(shell *sh, const char *value, result *r);
    size_t flag;            /* offsetof the bool in options, for on/off */
    const char *note;       /* said after the value, or "" */
} settings[] = {
    {"policy", NULL, set_policy, 0, ""},
    {"max-pages", NULL, set_max_pages, 0, " (ealloc's page limit)"},
    {"addresses", on_off, NULL, offsetof(options, addresses), ""},
    {"check", on_off, NULL, offsetof(options, check), ""},
    {"explain", on_off, NULL, offsetof(options, explain), ""},
    {"timing", on_off, NULL, offsetof(options, timing), ""},
    {"round", on_off, NULL, offsetof(options, round), ""},
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

const char *const *set_values(const char *key)
{
    const struct setting *s = setting_find(key);
    if (s && s->apply == set_policy)
        return policy_names();
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
    char known[128];
    for (size_t i = 0; i < NSETTINGS; i++)
        keys[i] = settings[i].key;
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
    "  set round on|off                  round alloc sizes up to the unit (default off)";

static const command cmd = {
    .name = "set", .order = 100, .synopsis = "KEY VALUE",
    .help = "change a setting: policy, max-pages, addresses, ...", .details = DETAILS,
    .min_args = 2, .max_args = 2, .args = {ARG_SETKEY, ARG_SETVALUE},
    .run = run, .text = text, .json = json,
};
COMMAND(cmd);
