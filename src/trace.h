/* trace.h - reading CS:APP malloc-lab traces. */
#ifndef ALLOCSH_TRACE_H
#define ALLOCSH_TRACE_H

#include <stddef.h>

typedef struct trace_op {
    char kind;      /* 'a' allocate, 'f' free, 'r' reallocate */
    size_t id;      /* TRACE_NULL for 'f -1' */
    size_t size;    /* 'a' and 'r' */
} trace_op;

/* The id of 'f -1': traces recorded from real programs free the NULL that
 * a failed request returned, and free(NULL) does nothing. */
#define TRACE_NULL ((size_t)-1)

typedef struct trace {
    size_t ids;     /* ids run from 0 to ids - 1 */
    size_t nops;
    trace_op *ops;
} trace;

enum { TRACE_INTERRUPTED = -3 };

/* Reads a trace: four header lines (heap size, ids, operations, weight),
 * then one operation a line.  Returns 0; -1 for a malformed trace, with
 * "FILE:LINE: why" in err; -2 when the file cannot be opened at all;
 * TRACE_INTERRUPTED when Ctrl-C broke off the reading. */
int trace_load(const char *path, trace *t, char *err, size_t errlen);
void trace_free(trace *t);

#endif
