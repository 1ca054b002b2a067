/* session.h - one run of allocsh over its options. */
#ifndef ALLOCSH_SESSION_H
#define ALLOCSH_SESSION_H

#include "shell.h"

/* Every script can be read (and none is a directory): 0, or -1 having
 * said which cannot.  No command should run before this holds. */
int session_check_scripts(const options *opt);
/* Runs the session the options describe; returns its exit status. */
int session_run(const options *opt);

#endif
