/* result.h - what a command produced, for a renderer to print: a common
 * head (success, the error and its kind) and one payload, tagged. */
#ifndef ALLOCSH_RESULT_H
#define ALLOCSH_RESULT_H

#include <stdbool.h>

#include "impl_side.h"
#include "names.h"
#include "pagealloc.h"
#include "side.h"

struct command;
struct lines;

/* Why a command failed, for graders: `expect fail KIND` and JSON "kind".
 * Their names are in result.c, the one list that help and expect read. */
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
    ERR_TOO_DEEP,        /* commands nested past SHELL_DEPTH_MAX */
    /* --impl: what the submission did (impl_side.h names each) */
    ERR_CRASH, ERR_TIMEOUT, ERR_FORBIDDEN, ERR_GONE, ERR_NO_API, ERR_BAD_POINTER,
    ERR_OVERLAP, ERR_CORRUPTED, ERR_PLACEMENT, ERR_SIZE_RULE, ERR_PAGE_RULE, ERR_LEAK,
    ERR_KINDS
} error_kind;

const char *error_kind_name(error_kind kind);
/* ERR_NONE when name is not a kind. */
error_kind error_kind_from(const char *name);
/* "a, b, ... or z": every kind's name, for help and messages. */
const char *error_kind_list(void);

/* Which member of the payload union holds.  P_NONE: nothing to show
 * beyond success (or failure). */
typedef enum {
    P_NONE, P_BLOCK, P_LAYOUT, P_SETTING, P_SOURCE, P_TEXT, P_HELP,
    P_SCRIPT, P_COMPARE, P_REPLAY, P_IMPL
} payload_kind;

/* One block: alloc, free, write, read, dump, expect block. */
typedef struct block_payload {
    char name[NAME_MAXLEN + 1];
    pa_where where;
    void *addr;
    size_t len;          /* requested (alloc), written (write), read (read) */
    size_t asked;        /* alloc: the size as typed, before any rounding */
    size_t searched;     /* extents the allocation's search visited */
    size_t data;         /* bytes from addr on: where.size less a heap's header */
    unsigned char *bytes;/* owned copy of the block's bytes (read, dump) */
} block_payload;

typedef struct setting_payload {
    const char *key;
    const char *note;    /* said after the value */
    char value[32];
} setting_payload;

typedef struct source_payload {
    const char *file;
    unsigned long count, failed;
} source_payload;

/* One policy's figures after a script (compare). */
typedef struct policy_row {
    pa_policy policy;
    const char *not_run;    /* why the policy could not run, or NULL */
    unsigned long failed;   /* allocations that failed */
    unsigned long errors;   /* the script's other failed commands */
    size_t peak_used, free, extents, largest;
    double fragmentation;
} policy_row;

typedef struct compare_payload {
    const char *file;
    pa_kind kind;           /* the allocator the figures are of */
    policy_row rows[4];
    size_t nrows;
} compare_payload;

/* What a malloc-lab trace replay measured. */
typedef struct replay_report {
    unsigned long ops, allocs, frees, reallocs;
    unsigned long too_large, no_room, bad_id, corrupted;
    size_t peak_payload, peak_mapped;
    size_t fit_pages;       /* no room: the ealloc pages it needs, else 0 */
    double seconds;
} replay_report;

typedef struct replay_payload {
    const char *file;
    arena_view view;        /* the allocator it ran on */
    replay_report rep;
} replay_payload;

/* What a command did to the allocators, for undo's journal.  Most
 * commands leave it to their outcome (result_effect_of); one that runs
 * others says what they did. */
typedef enum {
    EFFECT_BY_OUTCOME = 0,
    EFFECT_CHANGED,         /* blocks or settings changed: undo takes it back */
    EFFECT_COUNTED,         /* only the allocator's failure and search counts:
                               an alloc it refused */
    EFFECT_NONE,
} result_effect;

typedef struct result {
    const char *cmd;        /* the command word as typed */
    const struct command *by; /* the command whose payload this is */
    bool ok;
    error_kind kind_of_error;
    char error[512];
    char warning[400];      /* --impl: a check that is only reported */
    bool reported;          /* the failure was already shown (source) */
    result_effect effect;
    /* explain: the command whose search or merges to explain. */
    enum { EXPLAIN_NONE, EXPLAIN_ALLOC, EXPLAIN_FREE } explain_as;
    payload_kind tag;
    union {
        block_payload block;
        layout layout;      /* list, map, stats, use, reset */
        setting_payload setting;
        source_payload source;
        char *text;         /* echo: owned */
        const struct command *topic; /* help: NULL for all */
        struct lines *script;        /* gen: owned */
        compare_payload compare;
        replay_payload replay;
        impl_info impl;
    } u;
} result;

/* Marks r failed with a message; returns false for the handler to return. */
bool result_fail(result *r, error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A successful result with no payload.  Only the head is set: a script
 * runs one per line, and zeroing the messages' kilobyte each time was a
 * twentieth of a command. */
void result_init(result *r);
/* Makes r's payload the given kind, zeroed, and returns it. */
void *result_payload(result *r, payload_kind tag);
/* Frees what the result owns. */
void result_release(result *r);
/* What the command did, when it did not say: a success changed state, an
 * alloc the allocator refused counted, any other failure did nothing. */
result_effect result_effect_of(const result *r);

#endif
