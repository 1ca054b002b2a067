/* interactive.c - the prompt: readline's callback interface, so that Ctrl-C
 * can abandon a half-typed line and leave the shell running. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "config.h"
#include "history.h"
#include "interactive.h"
#include "signals.h"
#include "term.h"
#include "wrap.h"

static shell *session;
static bool line_done;

static void on_line(char *line)
{
    line_done = true;
    if (!line) {
        /* Ctrl-D: give the terminal back as readline found it. */
        rl_callback_handler_remove();
        session->quit = true;
        putchar('\n');
        return;
    }
    history_remember(line);
    rl_callback_handler_remove();
    shell_run_line(session, line);
    free(line);
    if (session->interrupted) {
        /* Ctrl-C stopped a long command: back to the prompt. */
        fprintf(stderr, "\nallocsh: interrupted\n"); /* after the echoed ^C */
        session->interrupted = false;
    }
    sig_interrupted = 0;
    fflush(stdout);
}

/* Drops the half-typed line and shows a fresh prompt. */
static void abandon_line(void)
{
    sig_interrupted = 0;
    rl_free_line_state();
    rl_callback_sigcleanup();
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}

static void read_one_line(void)
{
    line_done = false;
    rl_callback_handler_install(shell_prompt(session), on_line);
    while (!line_done) {
        fd_set fds;
        FD_ZERO(&fds);
        FD_SET(STDIN_FILENO, &fds);
        int n = select(STDIN_FILENO + 1, &fds, NULL, NULL, NULL);
        if (n < 0 && errno == EINTR && sig_terminated)
            break;
        if (n < 0 && errno == EINTR) {
            if (sig_interrupted)
                abandon_line();
            continue;
        }
        if (n < 0)
            break;
        rl_callback_read_char();
    }
    if (!line_done) {
        rl_callback_handler_remove();
        session->quit = true;
    }
}

/* SIGTERM or SIGHUP: the terminal back as readline found it (a shell such
 * as sh does not restore it), the history saved, and then death by the
 * signal, so that whoever waits sees it. */
static void die_by_signal(void)
{
    rl_callback_sigcleanup();
    rl_cleanup_after_signal();
    rl_callback_handler_remove();
    fflush(stdout);
    history_save();
    signals_die();
}

void interactive_run(shell *sh)
{
    session = sh;
    sh->opt.timing = true; /* a person at a prompt wants to see the time */
    rl_readline_name = "allocsh";
    rl_catch_signals = 0;
    signals_keep_terminal(STDIN_FILENO); /* session_run caught the signals */
    complete_install(sh);
    history_load();
    char greeting[200];
    snprintf(greeting, sizeof greeting, "allocsh %s: two mmap() allocators at a prompt. "
             "Type 'help' for commands, Ctrl-D to leave.", PACKAGE_VERSION);
    wrap_print(stdout, greeting, term_width(stdout), 0);
    while (!sh->quit && !sig_terminated)
        read_one_line();
    if (sig_terminated)
        die_by_signal();
    history_save();
}
