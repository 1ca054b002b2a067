/* consistency.h - checking the whole session after a command (--check). */
#ifndef ALLOCSH_CONSISTENCY_H
#define ALLOCSH_CONSISTENCY_H

#include "shell.h"

/* True when both allocators and the names are consistent; else false
 * with the first broken invariant in msg. */
bool shell_consistent(const shell *sh, char *msg, size_t len);

#endif
