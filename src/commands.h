/* commands.h - the command table: one entry per command, which help,
 * completion, dispatch and the man page all follow. */
#ifndef ALLOCSH_COMMANDS_H
#define ALLOCSH_COMMANDS_H

#include "result.h"
#include "shell.h"
#include "words.h"

/* What an argument position completes to at the prompt. */
typedef enum {
    ARG_NONE, ARG_BLOCK, ARG_FILE, ARG_COMMAND, ARG_ALLOCATOR, ARG_MAP,
    ARG_SETKEY, ARG_SETVALUE, ARG_EXPECT
} arg_kind;

typedef struct command {
    const char *name;
    const char *synopsis;   /* the arguments, as help shows them */
    const char *help;       /* one line */
    const char *details;    /* more for `help NAME`, or NULL */
    int min_args, max_args; /* words after the name; -1: no limit */
    arg_kind args[2];       /* completion of the first two arguments */
    bool (*run)(shell *sh, const words *ws, result *r);
} command;

extern const command commands[];
extern const size_t ncommands;
const command *command_find(const char *name);

/* The set keys (i-th, NULL past the last) and their values, for
 * completion; cmd_state.c holds the table. */
const char *set_key(size_t i);
const char *const *set_values(const char *key);

bool cmd_alloc(shell *sh, const words *ws, result *r);
bool cmd_free(shell *sh, const words *ws, result *r);
bool cmd_write(shell *sh, const words *ws, result *r);
bool cmd_read(shell *sh, const words *ws, result *r);
bool cmd_dump(shell *sh, const words *ws, result *r);
bool cmd_list(shell *sh, const words *ws, result *r);
bool cmd_map(shell *sh, const words *ws, result *r);
bool cmd_stats(shell *sh, const words *ws, result *r);
bool cmd_use(shell *sh, const words *ws, result *r);
bool cmd_set(shell *sh, const words *ws, result *r);
bool cmd_reset(shell *sh, const words *ws, result *r);
bool cmd_source(shell *sh, const words *ws, result *r);
bool cmd_echo(shell *sh, const words *ws, result *r);
bool cmd_help(shell *sh, const words *ws, result *r);
bool cmd_quit(shell *sh, const words *ws, result *r);
bool cmd_expect(shell *sh, const words *ws, result *r);
bool cmd_explain(shell *sh, const words *ws, result *r);
bool cmd_gen(shell *sh, const words *ws, result *r);
bool cmd_compare(shell *sh, const words *ws, result *r);
bool cmd_replay(shell *sh, const words *ws, result *r);

#endif
