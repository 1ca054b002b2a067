/* signals.c - turning SIGINT into a flag that the runner polls. */
#include <string.h>

#include "signals.h"

volatile sig_atomic_t sig_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    sig_interrupted = 1;
}

void signals_install(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    /* A job started in the background ignores Ctrl-C, and keeps doing so. */
    if (sigaction(SIGINT, &sa, &old) == 0 && old.sa_handler == SIG_IGN)
        sigaction(SIGINT, &old, NULL);
}
