/* interactive.h - the readline prompt. */
#ifndef ALLOCSH_INTERACTIVE_H
#define ALLOCSH_INTERACTIVE_H

#include "shell.h"

/* Reads and runs commands at a prompt until quit or end of input. */
void interactive_run(shell *sh);

#endif
