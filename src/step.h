/* step.h - lecture mode (--step SCRIPT): the script one command at a time
 * on a terminal, Enter or Space for the next, b to go back, q to stop. */
#ifndef ALLOCSH_STEP_H
#define ALLOCSH_STEP_H

#include "shell.h"

/* Whether standard input is a terminal to read keys from: 0, or -1 having
 * said why lecture mode cannot run. */
int step_check(void);
/* Steps through the one script of sh's options. */
void step_run(shell *sh);

#endif
