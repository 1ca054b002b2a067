/* commands.c - the command table and the lookups over it. */
#include <string.h>

#include "commands.h"

const command commands[] = {
    {"alloc", "SIZE [NAME]", "allocate SIZE bytes and name the block",
     1, 2, {ARG_NONE, ARG_NONE}, cmd_alloc},
    {"free", "NAME", "release a block",
     1, 1, {ARG_BLOCK, ARG_NONE}, cmd_free},
    {"write", "NAME TEXT", "copy TEXT into the block's memory",
     2, -1, {ARG_BLOCK, ARG_NONE}, cmd_write},
    {"read", "NAME", "print the string stored in a block",
     1, 1, {ARG_BLOCK, ARG_NONE}, cmd_read},
    {"dump", "NAME", "hex and ASCII dump of a block's bytes",
     1, 1, {ARG_BLOCK, ARG_NONE}, cmd_dump},
    {"list", "", "live blocks in address order",
     0, 0, {ARG_NONE, ARG_NONE}, cmd_list},
    {"map", "[json]", "layout diagram of every page (or the layout as JSON)",
     0, 1, {ARG_MAP, ARG_NONE}, cmd_map},
    {"stats", "", "bytes used and free, extents, pages, peaks",
     0, 0, {ARG_NONE, ARG_NONE}, cmd_stats},
    {"use", "alloc|ealloc", "switch allocator (each keeps its own state)",
     1, 1, {ARG_ALLOCATOR, ARG_NONE}, cmd_use},
    {"set", "KEY VALUE", "policy first|best|worst|next, max-pages N, addresses on|off, check on|off",
     2, 2, {ARG_SETKEY, ARG_SETVALUE}, cmd_set},
    {"reset", "", "drop every block and name of the current allocator",
     0, 0, {ARG_NONE, ARG_NONE}, cmd_reset},
    {"source", "FILE", "run the commands in FILE",
     1, 1, {ARG_FILE, ARG_NONE}, cmd_source},
    {"echo", "[TEXT]", "print TEXT",
     0, -1, {ARG_NONE, ARG_NONE}, cmd_echo},
    {"help", "[COMMAND]", "list the commands, or describe one",
     0, 1, {ARG_COMMAND, ARG_NONE}, cmd_help},
    {"quit", "", "leave allocsh",
     0, 0, {ARG_NONE, ARG_NONE}, cmd_quit},
    {"exit", "", "leave allocsh (same as quit)",
     0, 0, {ARG_NONE, ARG_NONE}, cmd_quit},
};
const size_t ncommands = sizeof commands / sizeof commands[0];

const command *command_find(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

const char *const set_keys[] = {"policy", "max-pages", "addresses", "check", NULL};

const char *const *set_values(const char *key)
{
    static const char *const policies[] = {"first", "best", "worst", "next", NULL};
    static const char *const onoff[] = {"on", "off", NULL};
    if (strcmp(key, "policy") == 0)
        return policies;
    if (strcmp(key, "addresses") == 0 || strcmp(key, "check") == 0)
        return onoff;
    return NULL;
}
