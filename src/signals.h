/* signals.h - Ctrl-C: a flag that long work polls, never a longjmp. */
#ifndef ALLOCSH_SIGNALS_H
#define ALLOCSH_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* The exit status of a batch run stopped by Ctrl-C (128 + SIGINT). */
enum { EXIT_INTERRUPTED = 130 };

extern volatile sig_atomic_t sig_interrupted;
/* SIGTERM or SIGHUP: the signal, 0 while none came. */
extern volatile sig_atomic_t sig_terminated;

/* Catches SIGINT into sig_interrupted.  System calls are not restarted,
 * so a blocked read returns and the flag is seen at once. */
void signals_install(void);
/* Catches SIGTERM and SIGHUP into sig_terminated (and sig_interrupted),
 * so that a session can flush its output, and at the prompt give the
 * terminal back and save the history, before it dies by the signal: at
 * the latest a couple of seconds after it, or at a second signal. */
void signals_install_terminate(void);
/* Dies by the signal in sig_terminated, with its default action. */
void signals_die(void);

#endif
