/* commands.h - a command is one self-contained entry, in a file of its own
 * (src/cmd_NAME.c): its words for help and the man page, how its arguments
 * complete, its handler and its renderers.  COMMAND() registers the entry
 * in a link-time section, so no central table lists them. */
#ifndef ALLOCSH_COMMANDS_H
#define ALLOCSH_COMMANDS_H

#include <stdio.h>

#include "result.h"
#include "shell.h"
#include "words.h"

struct cJSON;
struct json_out;

/* What an argument position completes to at the prompt. */
typedef enum {
    ARG_NONE, ARG_BLOCK, ARG_FILE, ARG_COMMAND, ARG_ALLOCATOR, ARG_WORDS,
    ARG_SETKEY, ARG_SETVALUE
} arg_kind;

typedef struct command {
    const char *name;
    int order;              /* place in help: lower first */
    const char *synopsis;   /* the arguments, as help shows them */
    const char *help;       /* one line */
    const char *details;    /* more for `help NAME`, or NULL */
    const char *(*make_details)(void); /* details made from other tables */
    int min_args, max_args; /* words after the name; -1: no limit */
    arg_kind args[2];       /* completion of the first two arguments */
    const char *const *words; /* ARG_WORDS: the keywords offered, */
    const char *const *(*words_of)(void); /* or made from another table */
    bool (*run)(shell *sh, const words *ws, result *r);
    /* Print a successful result (or, with payload_on_failure, any result
     * with a payload); NULL: nothing to print. */
    void (*text)(const shell *sh, const result *r, FILE *out);
    void (*json)(const shell *sh, const result *r, struct cJSON *o);
    /* Or, for the payloads of the commands a script runs most, written
     * straight into the line (json_out.h); a command has one of the two. */
    void (*write_json)(const shell *sh, const result *r, struct json_out *o);
    bool payload_on_failure;
    /* Whether these words change what undo takes back (the blocks, their
     * names and bytes, the current allocator and its settings): the
     * journal keeps such lines.  NULL: never. */
    bool (*changes_state)(const words *ws);
} command;

#define COMMAND_SECTION "allocsh_commands"
/* Registers the command entry e (a static const command). */
#define COMMAND(e) \
    static const command *const e##_registered \
    __attribute__((used, section(COMMAND_SECTION))) = &e

/* Every command, in help's order, and their number. */
const command *const *command_list(size_t *n);
const command *command_find(const char *name);
/* changes_state for the commands that change state whatever their words. */
bool command_always_changes(const words *ws);
/* Whether the command these words make changes state (for commands that
 * run another: explain, expect fail). */
bool command_words_change_state(const words *inner);
/* The details of c, made or as written; NULL when it has none. */
const char *command_details(const command *c);
/* The known name closest to word (one edit or transposition), or NULL. */
const char *command_suggest(const char *word);
/* The same among the words of list (NULL-terminated): for keys, say. */
const char *suggest_among(const char *word, const char *const *list);

/* The set keys (i-th, NULL past the last) and their values, for
 * completion; cmd_set.c holds the table. */
const char *set_key(size_t i);
const char *const *set_values(const char *key);

#endif
