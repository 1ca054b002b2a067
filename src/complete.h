/* complete.h - tab completion of commands, keywords and block names. */
#ifndef ALLOCSH_COMPLETE_H
#define ALLOCSH_COMPLETE_H

#include "shell.h"

/* Hooks completion into readline for this session. */
void complete_install(shell *sh);

#endif
