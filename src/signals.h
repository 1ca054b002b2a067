/* signals.h - Ctrl-C: a flag that long work polls, never a longjmp. */
#ifndef ALLOCSH_SIGNALS_H
#define ALLOCSH_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* The exit status of a batch run stopped by Ctrl-C (128 + SIGINT). */
enum { EXIT_INTERRUPTED = 130 };

extern volatile sig_atomic_t sig_interrupted;

/* Catches SIGINT into sig_interrupted.  System calls are not restarted,
 * so a blocked read returns and the flag is seen at once. */
void signals_install(void);

#endif
