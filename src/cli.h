/* cli.h - the command line of allocsh. */
#ifndef ALLOCSH_CLI_H
#define ALLOCSH_CLI_H

#include "shell.h"

enum { EXIT_USAGE = 2 };

/* Fills opt from argv.  Returns -1 to go on, or the exit status when the
 * command line was handled (help, version) or wrong. */
int cli_parse(int argc, char **argv, options *opt);

#endif
