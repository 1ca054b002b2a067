/* signals.c - turning SIGINT into a flag that the runner polls, and
 * SIGTERM and SIGHUP into one that ends the session once its output is
 * out (a grader's timeout should still see how far a script got). */
#include <string.h>
#include <unistd.h>

#include "signals.h"

volatile sig_atomic_t sig_interrupted;
volatile sig_atomic_t sig_terminated;

static void on_sigint(int sig)
{
    (void)sig;
    sig_interrupted = 1;
}

/* Work that never polls the flag (a submission's call waiting out a long
 * --impl-timeout, say) must not hold a termination off: the fuse kills
 * by the signal after a grace period, and so does a second signal. */
enum { TERMINATE_GRACE_S = 2 };

static void on_fuse(int sig)
{
    (void)sig;
    signals_die();
}

static void on_terminate(int sig)
{
    if (sig_terminated) {
        signals_die();
        return;
    }
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

/* Only async-signal-safe calls: the fuse and a second signal die here. */
void signals_die(void)
{
    int sig = sig_terminated;
    signal(sig, SIG_DFL);
    raise(sig);
}
