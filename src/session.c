/* session.c - one run of allocsh over its options: -c's commands, the
 * scripts, or standard input (a prompt on a terminal), and the exit
 * status that says how it went.  main() runs one; the grader one a test. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "cli.h"
#include "interactive.h"
#include "render.h"
#include "session.h"
#include "signals.h"
#include "step.h"
#include "words.h"

/* Runs -c's commands, one at a time: the lexer says where each ends. */
static void run_commands(shell *sh, const char *cmds)
{
    location loc = {"-c", 0, NULL, false, 0, 0, NULL};
    char *buf = strdup(cmds);
    if (!buf) {
        shell_fail_line(sh, "", ERR_SYSTEM, "out of memory");
        return;
    }
    sh->where = &loc;
    for (char *start = buf; !sh->quit && !sh->interrupted;) {
        size_t len = words_command_length(start);
        char end = start[len];
        start[len] = '\0';
        loc.line++;
        if (sig_interrupted)
            sh->interrupted = true;
        else if (!shell_run_line(sh, start + strspn(start, " \t")) && sh->opt.strict)
            break;
        if (!end)
            break;
        start += len + 1;
    }
    sh->where = NULL;
    free(buf);
}

/* Opens every script before running any: an unreadable one is a usage
 * error, and no command should have run by then. */
/* A script named '-' is standard input, as for cat and sh. */
static bool is_stdin(const char *path)
{
    return strcmp(path, "-") == 0;
}

int session_check_scripts(const options *opt)
{
    for (int i = 0; i < opt->nscripts; i++) {
        struct stat st;
        if (is_stdin(opt->scripts[i]))
            continue;
        if (stat(opt->scripts[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "allocsh: cannot read '%s': it is a directory\n",
                    opt->scripts[i]);
            return -1;
        }
        if (access(opt->scripts[i], R_OK) != 0) {
            fprintf(stderr, "allocsh: cannot read '%s': %s\n", opt->scripts[i],
                    strerror(errno));
            return -1;
        }
    }
    return 0;
}

static void run_scripts(shell *sh)
{
    char err[256];
    for (int i = 0; i < sh->opt.nscripts && !sh->quit && !sh->interrupted; i++) {
        int st;
        if (is_stdin(sh->opt.scripts[i])) {
            clearerr(stdin); /* a terminal reads on after a Ctrl-D, as for cat */
            st = !shell_run_stream(sh, stdin, "<stdin>");
        } else {
            st = shell_run_file(sh, sh->opt.scripts[i], err, sizeof err);
        }
        if (st < 0)
            shell_fail_line(sh, "", ERR_FILE, err);
        if (st != 0 && sh->opt.strict)
            break;
    }
}

/* The exit status, after saying what went wrong with the run as a whole. */
static int finish(shell *sh)
{
    int failed_write = fflush(stdout) == EOF || ferror(stdout);
    int err = errno;
    if (failed_write && !sig_interrupted) {
        fprintf(stderr, "allocsh: cannot write to standard output: %s\n",
                strerror(err));
        return EXIT_FAILURE;
    }
    if (sig_terminated) {
        fprintf(stderr, "allocsh: stopped by %s\n", signals_terminated_name());
        return EXIT_INTERRUPTED;
    }
    if (sh->interrupted || sig_interrupted) {
        fprintf(stderr, "allocsh: interrupted\n");
        return EXIT_INTERRUPTED;
    }
    return sh->failures || sh->expect_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static void run(shell *sh, const options *opt)
{
    if (opt->step) {
        step_run(sh);
        return;
    }
    if (opt->commands)
        run_commands(sh, opt->commands);
    if (!(opt->commands && opt->strict && sh->failures))
        run_scripts(sh);
    if (!opt->commands && opt->nscripts == 0) {
        if (isatty(STDIN_FILENO))
            interactive_run(sh);
        else
            shell_run_stream(sh, stdin, "<stdin>");
    }
}

/* SIGTERM and SIGHUP stop the run like Ctrl-C, so that what it printed
 * is written out, and then kill allocsh by themselves, so that whoever
 * waits sees how it ended. */
int session_run(const options *opt)
{
    shell sh; /* main has the handlers installed, before any --impl build */
    if (shell_init(&sh, opt) != 0) {
        fprintf(stderr, "allocsh: cannot set up the allocators\n");
        return EXIT_FAILURE;
    }
    run(&sh, opt);
    render_expect_summary(&sh);
    int st = finish(&sh);
    shell_free(&sh);
    if (sig_terminated)
        signals_die();
    return st;
}
