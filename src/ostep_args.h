/* ostep_args.h - malloc.py's command line, read as its optparse reads it,
 * and checked where malloc.py would assert or crash. */
#ifndef ALLOCSH_OSTEP_ARGS_H
#define ALLOCSH_OSTEP_ARGS_H

#include <stdbool.h>
#include <stddef.h>

/* One operation of -A: an allocation of size, or a free of ptr[index]. */
typedef struct ostep_step {
    bool is_alloc;
    long long n;   /* the size, or the index */
} ostep_step;

typedef struct ostep_args {
    /* malloc.py's options, with its defaults */
    long long seed, size, base, header, align, ops, range, percent;
    const char *policy, *order, *alloc_list;
    bool coalesce, compute;
    /* what allocsh adds */
    bool json, map, explain, help;
    /* -A split into its operations (owned) */
    ostep_step *steps;
    size_t nsteps;
    /* arguments that are no option, which malloc.py ignores */
    int ignored;
    const char *first_ignored;
} ostep_args;

/* Reads argv (the words after --ostep).  Returns 0; or -1 with the
 * message in err: the option and what is wrong with its value. */
int ostep_args_parse(int argc, char **argv, ostep_args *a, char *err, size_t errlen);
void ostep_args_free(ostep_args *a);

extern const char ostep_usage[];

#endif
