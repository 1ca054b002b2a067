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

void result_release(result *r)
{
    free(r->owned);
    r->owned = NULL;
    if (r->script) {
        lines_free(r->script);
        free(r->script);
        r->script = NULL;
    }
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
};

const char *error_kind_name(error_kind kind)
{
    return (unsigned)kind < ERR_KINDS ? kind_names[kind] : "none";
}

error_kind error_kind_from(const char *name)
{
    for (int k = ERR_NONE + 1; k < ERR_KINDS; k++)
        if (strcmp(kind_names[k], name) == 0)
            return (error_kind)k;
    return ERR_NONE;
}
