/* ostep.h - allocsh --ostep: OSTEP's malloc.py, its command line and its
 * output, computed by the library's heap arena. */
#ifndef ALLOCSH_OSTEP_H
#define ALLOCSH_OSTEP_H

#include "shell.h"

/* Runs malloc.py's command line (the words after --ostep) with allocsh's
 * own options opt.  Returns the exit status: 0, 1 where malloc.py would
 * crash, 2 for a command line malloc.py would refuse or assert on. */
int ostep_main(const options *opt, int argc, char **argv);

#endif
