/* ostep_print.h - what --ostep prints: malloc.py's lines exactly, or one
 * JSON object per operation, and allocsh's map when asked. */
#ifndef ALLOCSH_OSTEP_PRINT_H
#define ALLOCSH_OSTEP_PRINT_H

#include <stdbool.h>

#include "lines.h"
#include "ostep_args.h"
#include "shell.h"
#include "side.h"

typedef enum { OSTEP_ALLOC, OSTEP_FREE, OSTEP_SKIP, OSTEP_CRASH } ostep_op_kind;

/* One operation as malloc.py reports it. */
typedef struct ostep_op {
    ostep_op_kind kind;
    long long index;
    long long size;      /* alloc: as requested */
    long long returned;  /* the number malloc.py prints after "returned" */
    long long block;     /* alloc: the block's address, header included */
    unsigned long long searched;
    bool ok;
    lines why;           /* --explain: the explanation, else empty */
} ostep_op;

/* Where the printer finds the heap, and how to show it. */
typedef struct ostep_out {
    const ostep_args *a;
    const shell *view;   /* a session whose current side is the heap, for
                            the renderers of the free list and the map */
    bool random_mode;    /* malloc.py words its "List?" one way in each mode */
} ostep_out;

void ostep_print_params(const ostep_out *o);
void ostep_print_op(const ostep_out *o, const ostep_op *op);
/* The error that ends a run where malloc.py would crash. */
void ostep_print_crash(const ostep_out *o, const ostep_op *op, const char *msg);

#endif
