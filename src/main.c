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
#include "impl_build.h"
#include "grade.h"
#include "ostep.h"
#include "session.h"
#include "signals.h"
#include "step.h"

/* A closed standard descriptor would be handed to the next file opened,
 * and output would land in it.  Hold each with /dev/null opened read-only:
 * writes still fail, and are reported, as they would have. */
static void hold_standard_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDONLY) != fd)
            return;
}

/* A submission path that names nothing a submission can be is the
 * grader's typo: a usage error before anything runs, so that a harness
 * never takes it for a student's compile error. */
static int submissions_usable(const options *opt)
{
    char err[600];
    const char *flag = opt->grade ? "--grade" : "--impl";
    int n = opt->grade ? opt->nscripts : opt->impl_path != NULL;
    for (int i = 0; i < n; i++) {
        const char *path = opt->grade ? opt->scripts[i] : opt->impl_path;
        if (impl_path_usable(path, err, sizeof err) != 0) {
            fprintf(stderr, "allocsh: %s: no submission at %s\n", flag, err);
            return -1;
        }
    }
    return 0;
}

/* --impl: compiles the submission (or finds it in the cache) before any
 * command runs.  A compile error is the submission's, not a usage error:
 * the compiler's own words, and status 1. */
static int build_impl(options *opt)
{
    static impl_objects objs;
    char err[600];
    if (!opt->impl_path)
        return 0;
    int st = impl_build(opt->impl_path, &objs, err, sizeof err);
    if (st == IMPL_BUILD_STOPPED) /* main says so, as a stopped run does */
        return -1;
    if (st == IMPL_BUILD_COMPILE)
        fprintf(stderr, "allocsh: %s\n%s", err, objs.cc_output);
    else if (st != IMPL_BUILD_OK)
        fprintf(stderr, "allocsh: %s\n", err);
    if (st != IMPL_BUILD_OK)
        return -1;
    opt->impl_so[PA_KIND_ALLOC] = objs.alloc_so[0] ? objs.alloc_so : NULL;
    opt->impl_so[PA_KIND_EALLOC] = objs.ealloc_so[0] ? objs.ealloc_so : NULL;
    return 0;
}

/* Output that is not a terminal's goes out 64 KiB at a time: stdio's
 * default for a pipe or file is 4 KiB, and a 100,000-line --json script
 * made 1,900 write calls, a tenth of its time.  Every error message
 * flushes stdout first, so the order of the two streams is kept. */
static void buffer_output(void)
{
    /* glibc ignores the size unless it is given the buffer itself. */
    static char out[64 * 1024], in[64 * 1024];
    if (!isatty(STDOUT_FILENO))
        setvbuf(stdout, out, _IOFBF, sizeof out);
    if (!isatty(STDIN_FILENO))
        setvbuf(stdin, in, _IOFBF, sizeof in);
}

int main(int argc, char **argv)
{
    options opt;
    char err[128];
    hold_standard_fds();
    buffer_output();
    int st = cli_parse(argc, argv, &opt);
    if (st >= 0)
        return st;
    if (faults_from_env(&opt.sys, err, sizeof err) != 0) {
        fprintf(stderr, "allocsh: %s\n", err);
        return EXIT_USAGE;
    }
    if (opt.ostep)
        return ostep_main(&opt, opt.nscripts, opt.scripts);
    if (!opt.grade && session_check_scripts(&opt) != 0)
        return EXIT_USAGE;
    if (submissions_usable(&opt) != 0)
        return EXIT_USAGE;
    if (opt.step && step_check() != 0)
        return EXIT_USAGE;
    /* Caught from here on: Ctrl-C or SIGTERM during a submission's
     * compile stops it, and its half-written object goes. */
    signals_install();
    signals_install_terminate();
    if (!opt.grade && build_impl(&opt) != 0)
        return signals_stopped_or(EXIT_FAILURE);
    if (opt.grade)
        return grade_run(&opt);
    return session_run(&opt);
}
