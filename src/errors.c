/* errors.c - the names of the kinds of failure, as graders write them. */
#include <string.h>

#include "result.h"

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
