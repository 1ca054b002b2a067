/* signals.c - turning SIGINT into a flag that the runner polls, and, at
 * the prompt, SIGTERM and SIGHUP into one that ends the session. */
#include <string.h>

#include "signals.h"

volatile sig_atomic_t sig_interrupted;
volatile sig_atomic_t sig_terminated;

static void on_sigint(int sig)
{
    (void)sig;
    sig_interrupted = 1;
}

static void on_terminate(int sig)
{
    sig_terminated = sig;
    sig_interrupted = 1; /* a long command stops, as for Ctrl-C */
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
    catch(SIGTERM, on_terminate);
    catch(SIGHUP, on_terminate);
}

void signals_die(void)
{
    int sig = sig_terminated;
    signal(sig, SIG_DFL);
    raise(sig);
}
