/* signals.c - turning SIGINT into a flag that the runner polls, and
 * SIGTERM and SIGHUP into one that ends the session once its output is
 * out (a grader's timeout should still see how far a script got). */
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "signals.h"

volatile sig_atomic_t sig_interrupted;
volatile sig_atomic_t sig_terminated;

static void on_sigint(int sig)
{
    (void)sig;
    sig_interrupted = 1;
}

/* Work that never polls the flag must not hold a termination off: the
 * fuse kills by the signal after a grace period.  A second signal does
 * not cut the grace short: timeout(1) sends SIGTERM twice at once, to
 * allocsh and to its process group. */
enum { TERMINATE_GRACE_S = 2 };

/* The terminal as it was, for the fuse to give back (tcsetattr is
 * async-signal-safe): it may strike while the terminal is raw. */
static struct termios tty_saved;
static int tty_fd = -1;

void signals_keep_terminal(int fd)
{
    if (tcgetattr(fd, &tty_saved) == 0)
        tty_fd = fd;
}

static void on_fuse(int sig)
{
    if (!sig_terminated) { /* an alarm of someone else's: as it was */
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    /* Not from the background: tcsetattr() would stop it with SIGTTOU. */
    if (tty_fd >= 0 && tcgetpgrp(tty_fd) == getpgrp())
        tcsetattr(tty_fd, TCSANOW, &tty_saved);
    signals_die();
}

static void on_terminate(int sig)
{
    if (sig_terminated)
        return;
    sig_terminated = sig;
    sig_interrupted = 1; /* a long command stops, as for Ctrl-C */
    alarm(TERMINATE_GRACE_S);
}

/* Catches sig with handler, unless it was ignored when allocsh started:
 * a job started in the background ignores Ctrl-C, one under nohup
 * SIGHUP, and keeps doing so. */
static void catch(int sig, void (*handler)(int))
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, &old) == 0 && old.sa_handler == SIG_IGN)
        sigaction(sig, &old, NULL);
}

void signals_install(void)
{
    catch(SIGINT, on_sigint);
}

void signals_install_terminate(void)
{
    catch(SIGALRM, on_fuse);
    catch(SIGTERM, on_terminate);
    catch(SIGHUP, on_terminate);
}

const char *signals_terminated_name(void)
{
    return sig_terminated == SIGHUP ? "SIGHUP" : "SIGTERM";
}

int signals_stopped_or(int status)
{
    if (!sig_interrupted)
        return status;
    fflush(stdout);
    if (!sig_terminated) {
        fprintf(stderr, "allocsh: interrupted\n");
        return EXIT_INTERRUPTED;
    }
    fprintf(stderr, "allocsh: stopped by %s\n", signals_terminated_name());
    signals_die();
    return EXIT_INTERRUPTED;
}

/* Only async-signal-safe calls: the fuse dies here. */
void signals_die(void)
{
    int sig = sig_terminated;
    signal(sig, SIG_DFL);
    raise(sig);
}

void signals_block_stops(sigset_t *was)
{
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGHUP);
    sigprocmask(SIG_BLOCK, &stops, was);
}
