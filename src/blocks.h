/* blocks.h - what the commands on named blocks share. */
#ifndef ALLOCSH_BLOCKS_H
#define ALLOCSH_BLOCKS_H

#include "result.h"
#include "shell.h"

/* Finds the live block called name in the current allocator, making r's
 * payload that block; false, with r failed, when there is none. */
bool block_find(shell *sh, const char *name, result *r);
/* Copies the block's bytes into its payload, for renderers to print. */
bool block_copy_bytes(shell *sh, result *r);

#endif
