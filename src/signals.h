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
 * the latest a couple of seconds after it (a second signal changes nothing). */
void signals_install_terminate(void);
/* The terminal on fd as it is now, for the fuse to restore should it
 * strike while the terminal is raw (the prompt, --step). */
void signals_keep_terminal(int fd);
/* Blocks SIGINT, SIGTERM and SIGHUP, the mask before in *was (when not
 * NULL): a wait that unblocks them only inside ppoll() cannot miss one
 * that comes between its look at the flags and its sleep. */
void signals_block_stops(sigset_t *was);
/* "SIGTERM" or "SIGHUP", for the message that says what stopped a run. */
const char *signals_terminated_name(void);
/* After Ctrl-C, SIGTERM or SIGHUP, what a run stopped outside a session
 * (a compile, a grading) says and does: stdout flushed, "interrupted"
 * and EXIT_INTERRUPTED, or "stopped by SIGTERM" and death by the signal.
 * Without one, status. */
int signals_stopped_or(int status);
/* Dies by the signal in sig_terminated, with its default action. */
void signals_die(void);

#endif
