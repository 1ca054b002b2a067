/* result.c - results: failing one, releasing what it owns, and the names
 * of the kinds of failure, as graders write them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "result.h"

bool result_fail(result *r, error_kind kind, const char *fmt, ...)
{
    va_list ap;
    r->kind_of_error = kind;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->ok = false;
    return false;
}

void result_init(result *r)
{
    r->cmd = NULL;
    r->by = NULL;
    r->ok = true;
    r->kind_of_error = ERR_NONE;
    r->error[0] = r->warning[0] = '\0';
    r->reported = false;
    r->effect = EFFECT_BY_OUTCOME;
    r->explain_as = EXPLAIN_NONE;
    r->tag = P_NONE;
}

/* The bytes of each kind's member: only those are zeroed, since a block's
 * are a tenth of the union (a replay's and a comparison's are large) and
 * a script makes one per line. */
static const size_t payload_bytes[] = {
    [P_NONE] = 0,
    [P_BLOCK] = sizeof(block_payload),
    [P_LAYOUT] = sizeof(layout),
    [P_SETTING] = sizeof(setting_payload),
    [P_SOURCE] = sizeof(source_payload),
    [P_TEXT] = sizeof(char *),
    [P_HELP] = sizeof(const struct command *),
    [P_SCRIPT] = sizeof(struct lines *),
    [P_COMPARE] = sizeof(compare_payload),
    [P_REPLAY] = sizeof(replay_payload),
    [P_IMPL] = sizeof(impl_info),
};
_Static_assert(sizeof payload_bytes / sizeof payload_bytes[0] == P_IMPL + 1,
               "a size for every payload kind");

void *result_payload(result *r, payload_kind tag)
{
    result_release(r);
    memset(&r->u, 0, payload_bytes[tag]);
    r->tag = tag;
    return &r->u;
}

void result_release(result *r)
{
    switch (r->tag) {
    case P_BLOCK: free(r->u.block.bytes); break;
    case P_LAYOUT: layout_free(&r->u.layout); break;
    case P_TEXT: free(r->u.text); break;
    case P_SCRIPT:
        if (r->u.script)
            lines_free(r->u.script);
        free(r->u.script);
        break;
    default: break;
    }
    r->tag = P_NONE;
}


static const char *const kind_names[ERR_KINDS] = {
    [ERR_NONE] = "none",
    [ERR_SYNTAX] = "syntax",
    [ERR_UNKNOWN_COMMAND] = "unknown-command",
    [ERR_USAGE] = "usage",
    [ERR_INVALID_SIZE] = "invalid-size",
    [ERR_OUT_OF_MEMORY] = "out-of-memory",
    [ERR_SYSTEM] = "system",
    [ERR_INVALID_NAME] = "invalid-name",
    [ERR_NAME_TAKEN] = "name-taken",
    [ERR_NO_SUCH_BLOCK] = "no-such-block",
    [ERR_TOO_LONG] = "too-long",
    [ERR_INVALID_VALUE] = "invalid-value",
    [ERR_BUSY] = "busy",
    [ERR_FILE] = "file",
    [ERR_EXPECTATION] = "expectation",
    [ERR_TRACE] = "trace",
    [ERR_INTERRUPTED] = "interrupted",
    [ERR_CHECK] = "check",
    [ERR_SCRIPT] = "script",
    [ERR_TOO_DEEP] = "too-deep",
    [ERR_CRASH] = "crash",
    [ERR_TIMEOUT] = "timeout",
    [ERR_FORBIDDEN] = "forbidden",
    [ERR_GONE] = "gone",
    [ERR_NO_API] = "no-api",
    [ERR_BAD_POINTER] = "bad-pointer",
    [ERR_OVERLAP] = "overlap",
    [ERR_CORRUPTED] = "corrupted",
    [ERR_PLACEMENT] = "placement",
    [ERR_SIZE_RULE] = "size-rule",
    [ERR_PAGE_RULE] = "page-rule",
    [ERR_LEAK] = "leak",
};

const char *error_kind_name(error_kind kind)
{
    return (unsigned)kind < ERR_KINDS ? kind_names[kind] : "none";
}

const char *error_kind_list(void)
{
    static char list[400];
    if (!list[0])
        for (int k = ERR_UNKNOWN_COMMAND; k < ERR_KINDS; k++)
            if (k != ERR_EXPECTATION)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
                         k == ERR_UNKNOWN_COMMAND ? "" : ", ", kind_names[k]);
    return list;
}

error_kind error_kind_from(const char *name)
{
    for (int k = ERR_NONE + 1; k < ERR_KINDS; k++)
        if (strcmp(kind_names[k], name) == 0)
            return (error_kind)k;
    return ERR_NONE;
}

result_effect result_effect_of(const result *r)
{
    if (r->effect != EFFECT_BY_OUTCOME)
        return r->effect;
    if (r->ok)
        return EFFECT_CHANGED;
    return r->kind_of_error == ERR_OUT_OF_MEMORY ? EFFECT_COUNTED : EFFECT_NONE;
}
