/* result.h - what a command produced, for a renderer to print. */
#ifndef ALLOCSH_RESULT_H
#define ALLOCSH_RESULT_H

#include <stdbool.h>

#include "names.h"
#include "pagealloc.h"

struct command;

typedef enum {
    R_NONE,   /* nothing to show beyond success */
    R_ALLOC,  /* name, where, addr */
    R_FREE,   /* name, where, addr */
    R_WRITE,  /* name, len */
    R_READ,   /* name, text, len */
    R_DUMP,   /* name, where, addr */
    R_LIST,
    R_MAP,
    R_LAYOUT, /* map json in text mode: the bare layout object */
    R_STATS,
    R_USE,
    R_SET,    /* key, value */
    R_RESET,
    R_SOURCE, /* text (file), count, failed */
    R_ECHO,   /* text */
    R_HELP    /* topic, or NULL for all */
} result_kind;

typedef struct result {
    const char *cmd;        /* the command word as typed */
    result_kind kind;
    bool ok;
    char error[512];
    char name[NAME_MAXLEN + 1];
    pa_where where;
    void *addr;
    const char *text;
    size_t len;
    const char *key;
    char value[32];
    const struct command *topic;
    unsigned long count, failed;
    char *owned;            /* heap text the result owns (echo) */
    bool reported;          /* the failure was already shown (source) */
} result;

/* Marks r failed with a message; returns false for the handler to return. */
bool result_fail(result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
