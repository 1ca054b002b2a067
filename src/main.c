/* main.c - allocsh: choose the mode, run, and say how it went. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/stat.h>

#include "cli.h"
#include "result.h"
#include "faults.h"
#include "interactive.h"
#include "render.h"
#include "signals.h"
#include "words.h"

/* Runs -c's commands, one at a time: the lexer says where each ends. */
static void run_commands(shell *sh, const char *cmds)
{
    location loc = {"-c", 0, NULL, false, 0, 0};
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
static int check_scripts(const options *opt)
{
    for (int i = 0; i < opt->nscripts; i++) {
        struct stat st;
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
        int st = shell_run_file(sh, sh->opt.scripts[i], err, sizeof err);
        if (st < 0)
            shell_fail_line(sh, "", ERR_FILE, err);
        if (st != 0 && sh->opt.strict)
            break;
    }
}

/* A closed standard descriptor would be handed to the next file opened,
 * and output would land in it.  Hold each with /dev/null opened read-only:
 * writes still fail, and are reported, as they would have. */
static void hold_standard_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDONLY) != fd)
            return;
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
    if (sh->interrupted || sig_interrupted) {
        fprintf(stderr, "allocsh: interrupted\n");
        return EXIT_INTERRUPTED;
    }
    return sh->failures || sh->expect_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static void run(shell *sh, const options *opt)
{
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

int main(int argc, char **argv)
{
    options opt;
    shell sh;
    char err[128];
    hold_standard_fds();
    int st = cli_parse(argc, argv, &opt);
    if (st >= 0)
        return st;
    if (faults_from_env(&opt.sys, err, sizeof err) != 0) {
        fprintf(stderr, "allocsh: %s\n", err);
        return EXIT_USAGE;
    }
    if (check_scripts(&opt) != 0)
        return EXIT_USAGE;
    if (shell_init(&sh, &opt) != 0) {
        fprintf(stderr, "allocsh: cannot set up the allocators\n");
        return EXIT_FAILURE;
    }
    signals_install();
    run(&sh, &opt);
    render_expect_summary(&sh);
    st = finish(&sh);
    shell_free(&sh);
    return st;
}
