/* result.h - what a command produced, for a renderer to print. */
#ifndef ALLOCSH_RESULT_H
#define ALLOCSH_RESULT_H

#include <stdbool.h>

#include "names.h"
#include "pagealloc.h"

struct command;

/* Why a command failed, for graders: `expect fail KIND` and JSON "kind". */
typedef enum {
    ERR_NONE,
    ERR_SYNTAX,          /* the line does not split into words */
    ERR_UNKNOWN_COMMAND,
    ERR_USAGE,           /* missing or extra arguments */
    ERR_INVALID_SIZE,
    ERR_OUT_OF_MEMORY,   /* no free extent is large enough */
    ERR_SYSTEM,          /* mmap() or malloc() failed */
    ERR_INVALID_NAME,
    ERR_NAME_TAKEN,
    ERR_NO_SUCH_BLOCK,
    ERR_TOO_LONG,        /* text longer than its block */
    ERR_INVALID_VALUE,   /* a word that is not one of the choices */
    ERR_BUSY,            /* a page limit below the pages in use */
    ERR_FILE,            /* a file that cannot be read */
    ERR_EXPECTATION,     /* an expect that did not hold */
    ERR_TRACE,           /* a malformed malloc-lab trace */
    ERR_INTERRUPTED,
    ERR_CHECK,           /* --check found an inconsistency */
    ERR_SCRIPT,          /* commands failed in a sourced script */
    ERR_KINDS
} error_kind;

const char *error_kind_name(error_kind kind);
/* ERR_NONE when name is not a kind. */
error_kind error_kind_from(const char *name);

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
    R_HELP,   /* topic, or NULL for all */
    R_EXPECT, /* nothing to show when it holds */
    R_GEN,    /* script */
    R_COMPARE,/* text (file), rows */
    R_REPLAY  /* text (file), replay */
} result_kind;

/* One policy's figures after a script (compare). */
typedef struct policy_row {
    pa_policy policy;
    unsigned long failed;   /* allocations that failed */
    size_t peak_used, free, extents, largest;
    double fragmentation;
} policy_row;

/* What a malloc-lab trace replay measured. */
typedef struct replay_report {
    unsigned long ops, allocs, frees, reallocs;
    unsigned long too_large, no_room, bad_id, corrupted;
    size_t peak_payload, peak_mapped;
    double seconds;
} replay_report;

struct lines;

typedef struct result {
    const char *cmd;        /* the command word as typed */
    result_kind kind;
    bool ok;
    error_kind kind_of_error;
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
    size_t searched;        /* extents the allocation's search visited */
    char *owned;            /* heap text the result owns (echo) */
    result_kind explain_as; /* R_ALLOC or R_FREE: what to explain */
    struct lines *script;   /* owned: gen's output */
    policy_row rows[4];
    size_t nrows;
    pa_kind compared;       /* the allocator compare's figures are of */
    replay_report replay;
    bool reported;          /* the failure was already shown (source) */
} result;

/* Marks r failed with a message; returns false for the handler to return. */
bool result_fail(result *r, error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Frees what the result owns. */
void result_release(result *r);

#endif
