/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_signals.c - what signals.c promises, each in a child process:
 * SIGTERM and SIGHUP only raise the flags at first, so that the session
 * can write its output out, and a second one (timeout sends two) changes
 * nothing; work that never looks at the flags is still ended by the fuse,
 * by the signal; a stray SIGALRM kills as it did; and a signal that was
 * ignored when allocsh started stays ignored (nohup). */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals.h"
#include "tap.h"

/* Runs body in a child; its wait status, or -1 when it has not ended
 * within 20 s (a bound against a hang: the fuse takes 2 s). */
static int in_child(void (*body)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        body();
        _exit(0);
    }
    int st;
    for (int i = 0; i < 2000; i++) {
        if (waitpid(pid, &st, WNOHANG) == pid)
            return st;
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    return -1;
}

static int died_of(int st, int sig)
{
    return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

static void first_sets_flags(void)
{
    /* Under nohup the test inherits SIGHUP ignored, which allocsh keeps
     * (the last point): this one is about a SIGHUP that can arrive. */
    signal(SIGHUP, SIG_DFL);
    signals_install_terminate();
    raise(SIGHUP);
    alarm(0);
    _exit(sig_terminated == SIGHUP && sig_interrupted ? 0 : 1);
}

/* timeout(1) sends SIGTERM to allocsh and then to its process group:
 * the second must not cut short the writing out of the output. */
static void second_ignored(void)
{
    signals_install_terminate();
    raise(SIGTERM);
    raise(SIGTERM);
    alarm(0);
    _exit(sig_terminated == SIGTERM ? 0 : 1);
}

static void stray_alarm(void)
{
    signals_install_terminate();
    raise(SIGALRM); /* no termination came: not the fuse */
    _exit(0);
}

static void spins(void)
{
    signals_install_terminate();
    raise(SIGTERM);
    for (;;) /* work that never polls: only the fuse can end it */
        pause();
}

static void ignored_stays(void)
{
    signal(SIGHUP, SIG_IGN);
    signals_install_terminate();
    raise(SIGHUP);
    _exit(sig_terminated == 0 ? 0 : 1);
}

int main(void)
{
    int st = in_child(first_sets_flags);
    TAP_OK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "the first SIGHUP sets sig_terminated and sig_interrupted, and kills nothing");
    st = in_child(second_ignored);
    TAP_OK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "a second SIGTERM (timeout sends two) does not cut the grace short");
    TAP_OK(died_of(in_child(stray_alarm), SIGALRM),
           "a SIGALRM with no termination pending still kills as SIGALRM does");
    TAP_OK(died_of(in_child(spins), SIGTERM),
           "work that never polls the flags is ended by the fuse, by SIGTERM");
    st = in_child(ignored_stays);
    TAP_OK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "a SIGHUP ignored at the start (nohup) stays ignored");
    return tap_done();
}
