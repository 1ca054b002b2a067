/* impl_sandbox.h - the restrictions allocsh-runner puts on itself before it
 * runs any of a submission's code.  See impl_sandbox.c for what they are
 * and what they are not. */
#ifndef ALLOCSH_IMPL_SANDBOX_H
#define ALLOCSH_IMPL_SANDBOX_H

#include <signal.h>
#include <stddef.h>

typedef struct {
    unsigned long long as_bytes; /* RLIMIT_AS */
    unsigned cpu_seconds;        /* RLIMIT_CPU: SIGXCPU then, SIGKILL 1 s later */
    int load_fd;                 /* the object to load, kept open and readable, or -1 */
    /* Runs on every system call outside the allow list (SIGSYS). */
    void (*on_sigsys)(int, siginfo_t *, void *);
} impl_sandbox;

/* Sets the limits, closes every fd but 0-3 and load_fd, installs the
 * handler and the seccomp filter.  Irreversible.  0, or -1 with err. */
int impl_sandbox_enter(const impl_sandbox *sb, char *err, size_t errlen);

/* For a SIGSYS handler that emulates a trapped call instead of reporting
 * it: argument i (0-5) of the call, and the value the call returns.  Both
 * return -1 on architectures this file does not know. */
int impl_sandbox_syscall_arg(const void *ucontext, int i, unsigned long *val);
int impl_sandbox_set_return(void *ucontext, long val);

#endif /* ALLOCSH_IMPL_SANDBOX_H */
