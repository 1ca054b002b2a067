/* commands.c - the commands the files of src/cmd_*.c registered, found
 * through the linker's bounds of their section, in help's order. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"

/* GNU ld and gold define these for a section named like a C identifier. */
extern const command *const __start_allocsh_commands[];
extern const command *const __stop_allocsh_commands[];

static int by_order(const void *a, const void *b)
{
    const command *x = *(const command *const *)a;
    const command *y = *(const command *const *)b;
    return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
                                : strcmp(x->name, y->name);
}

/* Sorted once: the section holds them in link order. */
const command *const *command_list(size_t *n)
{
    enum { MAX_COMMANDS = 64 };
    static const command *sorted[MAX_COMMANDS];
    static size_t count;
    if (!count) {
        for (const command *const *c = __start_allocsh_commands;
             c < __stop_allocsh_commands && count < MAX_COMMANDS; c++)
            sorted[count++] = *c;
        qsort(sorted, count, sizeof sorted[0], by_order);
    }
    *n = count;
    return sorted;
}

bool command_always_changes(const words *ws)
{
    (void)ws;
    return true;
}

bool command_words_change_state(const words *inner)
{
    const command *c = inner->n ? command_find(inner->w[0]) : NULL;
    return c && c->changes_state && c->changes_state(inner);
}

const command *command_find(const char *name)
{
    size_t n;
    const command *const *all = command_list(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}

/* ASCII letters without their case: a word typed with caps lock on
 * (ALLOC, Use) is as near its command as a typo. */
static char fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool same(const char *a, const char *b)
{
    while (*a && fold(*a) == fold(*b))
        a++, b++;
    return fold(*a) == fold(*b);
}

/* One substitution, insertion, deletion or swap of neighbours apart,
 * letters' case aside. */
static bool one_edit(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0;
    if (la > lb + 1 || lb > la + 1)
        return false;
    while (i < la && i < lb && fold(a[i]) == fold(b[i]))
        i++;
    if (i == la && i == lb)
        return true;
    if (la == lb)
        return same(a + i + 1, b + i + 1) ||
               (i + 1 < la && fold(a[i]) == fold(b[i + 1]) &&
                fold(a[i + 1]) == fold(b[i]) && same(a + i + 2, b + i + 2));
    return la > lb ? same(a + i + 1, b + i) : same(a + i, b + i + 1);
}

const char *command_suggest(const char *word)
{
    size_t n;
    const command *const *all = command_list(&n);
    for (size_t i = 0; i < n; i++)
        if (one_edit(word, all[i]->name))
            return all[i]->name;
    return NULL;
}

const char *suggest_among(const char *word, const char *const *list)
{
    for (; *list; list++)
        if (one_edit(word, *list))
            return *list;
    return NULL;
}

const char *command_details(const command *c)
{
    return c->make_details ? c->make_details() : c->details;
}
