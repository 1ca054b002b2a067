/* interactive.c - the prompt: readline's callback interface, so that Ctrl-C
 * can abandon a half-typed line and leave the shell running. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "config.h"
#include "interactive.h"
#include "signals.h"

#define HISTORY_LINES 1000

static shell *session;
static char *history_path;
static bool line_done;

/* mkdir -p, private to the user; failures show when the file is opened. */
static void make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    }
    mkdir(path, 0700);
}

/* $ALLOCSH_HISTORY (empty: no history), else $XDG_STATE_HOME/allocsh/history,
 * else ~/.allocsh_history.  The file is created private to the user. */
static char *find_history(void)
{
    const char *env = getenv("ALLOCSH_HISTORY"), *dir;
    char *path = NULL;
    if (env)
        return *env ? strdup(env) : NULL;
    if ((dir = getenv("XDG_STATE_HOME")) && *dir) {
        size_t len = strlen(dir) + sizeof "/allocsh/history";
        if ((path = malloc(len))) {
            snprintf(path, len, "%s/allocsh", dir);
            make_dirs(path);
            snprintf(path, len, "%s/allocsh/history", dir);
        }
    } else if ((dir = getenv("HOME")) && *dir) {
        size_t len = strlen(dir) + sizeof "/.allocsh_history";
        if ((path = malloc(len)))
            snprintf(path, len, "%s/.allocsh_history", dir);
    }
    return path;
}

static void open_history(void)
{
    history_path = find_history();
    if (!history_path)
        return;
    int fd = open(history_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (fd < 0) {
        free(history_path);
        history_path = NULL;
        return;
    }
    close(fd);
    read_history(history_path);
}

static void remember(const char *line)
{
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!*line || (last && strcmp(last->line, line) == 0))
        return;
    add_history(line);
    if (history_path)
        append_history(1, history_path);
}

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
    remember(line);
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

void interactive_run(shell *sh)
{
    session = sh;
    sh->opt.timing = true; /* a person at a prompt wants to see the time */
    rl_readline_name = "allocsh";
    rl_catch_signals = 0;
    complete_install(sh);
    open_history();
    printf("allocsh %s: two mmap() allocators at a prompt. "
           "Type 'help' for commands, Ctrl-D to leave.\n", PACKAGE_VERSION);
    while (!sh->quit)
        read_one_line();
    if (history_path)
        history_truncate_file(history_path, HISTORY_LINES);
    free(history_path);
    clear_history();
}
