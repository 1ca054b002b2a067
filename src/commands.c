/* commands.c - the command table and the lookups over it. */
#include <string.h>

#include "commands.h"

static const char EXPECT_DETAILS[] =
    "  expect KEY N [KEY N]...       free, used, largest, extents, pages, blocks\n"
    "  expect block NAME [KEY V]...  page, offset, size, text (of a live block)\n"
    "  expect missing NAME           no live block has that name\n"
    "  expect fail [KIND] COMMAND... the command fails, with that kind of error:\n"
    "      unknown-command, usage, invalid-size, out-of-memory, system,\n"
    "      invalid-name, name-taken, no-such-block, too-long, invalid-value,\n"
    "      busy, file, trace, interrupted, check, script\n"
    "  (the command really runs; it may not be expect, quit or exit)\n"
    "A failed expectation says what was expected and found, and makes the\n"
    "exit status 1.  A run with expectations ends with how many passed.";

static const char EXPLAIN_DETAILS[] =
    "An alloc lists the free extents its search visited, in order, and why each\n"
    "was skipped or chosen under the policy, then the split and the number of\n"
    "extents searched; a free says which neighbours it merged with.\n"
    "'set explain on' explains every alloc and free.";

static const char SET_DETAILS[] =
    "  set policy first|best|worst|next  how the current allocator picks an extent\n"
    "  set max-pages N                   ealloc's page limit (not below pages in use)\n"
    "  set addresses on|off              show real addresses beside offsets\n"
    "  set check on|off                  check every invariant after each command\n"
    "  set explain on|off                explain every alloc and free\n"
    "  set timing on|off                 show replay's elapsed time";

static const char GEN_DETAILS[] =
    "  n=N        operations (default 10)\n"
    "  seed=S     the random seed (default 0); the same seed, the same script\n"
    "  size=LO-HI request sizes, rounded up to the unit (default 1 to 16 units)\n"
    "  alloc=PCT  share of allocations among the operations (default 50)\n"
    "The script starts with 'use', 'reset' (and ealloc's page limit) and frees\n"
    "only live blocks: it is played on a scratch allocator like the current\n"
    "one as it is written.  Allocations that find no room stay in, and fail.";

static const char REPLAY_DETAILS[] =
    "A trace is four header lines (heap size, number of ids, number of\n"
    "operations, weight), then 'a ID SIZE', 'f ID' or 'r ID SIZE' a line.\n"
    "It runs on a fresh allocator like the current one: sizes round up to the\n"
    "unit, a realloc allocates, copies and frees, and every block's bytes are\n"
    "checked before it goes.  'set timing on' adds the elapsed time.";

const command commands[] = {
    {"alloc", "SIZE [NAME]", "allocate SIZE bytes and name the block",
     NULL, 1, 2, {ARG_NONE, ARG_NONE}, cmd_alloc},
    {"free", "NAME", "release a block",
     NULL, 1, 1, {ARG_BLOCK, ARG_NONE}, cmd_free},
    {"write", "NAME TEXT", "copy TEXT into the block's memory",
     NULL, 2, -1, {ARG_BLOCK, ARG_NONE}, cmd_write},
    {"read", "NAME", "print the string stored in a block",
     NULL, 1, 1, {ARG_BLOCK, ARG_NONE}, cmd_read},
    {"dump", "NAME", "hex and ASCII dump of a block's bytes",
     NULL, 1, 1, {ARG_BLOCK, ARG_NONE}, cmd_dump},
    {"list", "", "live blocks in address order",
     NULL, 0, 0, {ARG_NONE, ARG_NONE}, cmd_list},
    {"map", "[json]", "layout diagram of every page (or the layout as JSON)",
     NULL, 0, 1, {ARG_MAP, ARG_NONE}, cmd_map},
    {"stats", "", "bytes used and free, extents, pages, peaks",
     NULL, 0, 0, {ARG_NONE, ARG_NONE}, cmd_stats},
    {"use", "alloc|ealloc", "switch allocator (each keeps its own state)",
     NULL, 1, 1, {ARG_ALLOCATOR, ARG_NONE}, cmd_use},
    {"set", "KEY VALUE", "change a setting: policy, max-pages, addresses, ...",
     SET_DETAILS, 2, 2, {ARG_SETKEY, ARG_SETVALUE}, cmd_set},
    {"reset", "", "drop every block and name of the current allocator",
     NULL, 0, 0, {ARG_NONE, ARG_NONE}, cmd_reset},
    {"expect", "WHAT...", "check a fact: free N, block NAME offset N, fail [KIND] CMD...",
     EXPECT_DETAILS, 1, -1, {ARG_EXPECT, ARG_NONE}, cmd_expect},
    {"explain", "COMMAND...", "run an alloc or free and say why it went where it did",
     EXPLAIN_DETAILS, 1, -1, {ARG_COMMAND, ARG_NONE}, cmd_explain},
    {"gen", "[KEY=VALUE]...", "print a random scenario script (n, seed, size, alloc)",
     GEN_DETAILS, 0, 4, {ARG_NONE, ARG_NONE}, cmd_gen},
    {"compare", "FILE", "run a script under every fit policy, side by side",
     NULL, 1, 1, {ARG_FILE, ARG_NONE}, cmd_compare},
    {"replay", "FILE", "run a CS:APP malloc-lab trace and measure it",
     REPLAY_DETAILS, 1, 1, {ARG_FILE, ARG_NONE}, cmd_replay},
    {"source", "FILE", "run the commands in FILE",
     NULL, 1, 1, {ARG_FILE, ARG_NONE}, cmd_source},
    {"echo", "[TEXT]", "print TEXT",
     NULL, 0, -1, {ARG_NONE, ARG_NONE}, cmd_echo},
    {"help", "[COMMAND]", "list the commands, or describe one",
     NULL, 0, 1, {ARG_COMMAND, ARG_NONE}, cmd_help},
    {"quit", "", "leave allocsh",
     NULL, 0, 0, {ARG_NONE, ARG_NONE}, cmd_quit},
    {"exit", "", "leave allocsh (same as quit)",
     NULL, 0, 0, {ARG_NONE, ARG_NONE}, cmd_quit},
};
const size_t ncommands = sizeof commands / sizeof commands[0];

const command *command_find(const char *name)
{
    for (size_t i = 0; i < ncommands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}
