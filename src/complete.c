/* complete.c - what Tab offers: it follows the command table, so a new
 * command completes as soon as it has an entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "choices.h"
#include "commands.h"
#include "complete.h"

static shell *session;

/* The candidates for the word being completed, gathered once per Tab. */
static const char *cands[512];
static size_t ncands;

static void offer(const char *s)
{
    if (ncands < sizeof cands / sizeof cands[0])
        cands[ncands++] = s;
}

static char *generate(const char *text, int state)
{
    static size_t i;
    if (state == 0)
        i = 0;
    while (i < ncands) {
        const char *c = cands[i++];
        if (strncmp(c, text, strlen(text)) == 0)
            return strdup(c);
    }
    return NULL;
}

static void offer_list(const char *const *list)
{
    for (size_t i = 0; list && list[i]; i++)
        offer(list[i]);
}

static void offer_arg(const command *c, arg_kind kind, const char *prev)
{
    const names *t = &shell_side(session)->names;
    size_t n;
    const command *const *all = command_list(&n);
    switch (kind) {
    case ARG_BLOCK:
        for (size_t i = 0; i < t->n; i++)
            offer(t->v[i].name);
        break;
    case ARG_COMMAND:
        for (size_t i = 0; i < n; i++)
            offer(all[i]->name);
        break;
    case ARG_ALLOCATOR: offer_list(kind_names()); break;
    case ARG_WORDS: offer_list(c->words_of ? c->words_of() : c->words); break;
    case ARG_SETKEY:
        for (size_t i = 0; set_key(i); i++)
            offer(set_key(i));
        break;
    case ARG_SETVALUE: offer_list(set_values(prev)); break;
    case ARG_FILE:
    case ARG_NONE: break;
    }
}

/* Splits the line before the cursor into at most three words. */
static int words_before(int start, char out[3][40])
{
    int n = 0, i = 0;
    while (i < start && n < 3) {
        while (i < start && (rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t'))
            i++;
        if (i >= start)
            break;
        int k = 0;
        while (i < start && rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t') {
            if (k < 39)
                out[n][k++] = rl_line_buffer[i];
            i++;
        }
        out[n++][k] = '\0';
    }
    return n;
}

static char **complete(const char *text, int start, int end)
{
    char before[3][40];
    (void)end;
    int n = words_before(start, before);
    ncands = 0;
    if (n == 0) {
        offer_arg(NULL, ARG_COMMAND, NULL);
    } else {
        const command *c = command_find(before[0]);
        if (c && n <= 2 && c->args[n - 1] == ARG_FILE)
            return NULL; /* readline's own filename completion */
        if (c && n <= 2)
            offer_arg(c, c->args[n - 1], before[n - 1]);
    }
    rl_attempted_completion_over = 1;
    return rl_completion_matches(text, generate);
}

void complete_install(shell *sh)
{
    session = sh;
    rl_attempted_completion_function = complete;
}
