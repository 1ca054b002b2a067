/* grade.c - allocsh --grade: many submissions against a suite.  Each
 * scenario file of the suite is one test; each test of each submission
 * runs in a fresh child process (a session of its own, in JSON mode, whose
 * submission runs in a runner of its own), several at a time.  What the
 * child printed decides the verdict: pass, fail, crash, timeout or
 * forbidden; a submission that does not compile fails every test so. */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "grade.h"
#include "grade_report.h"
#include "impl_build.h"
#include "session.h"
#include "signals.h"

/* The suite: every *.txt of the directory, in name order. */
static int by_name(const void *a, const void *b)
{
    return strcmp(((const gtest *)a)->name, ((const gtest *)b)->name);
}

/* "# test: TITLE" and "# points: N" among the file's first comments. */
static void read_header(gtest *t)
{
    FILE *f = fopen(t->path, "r");
    char line[256];
    t->points = 1;
    t->title[0] = '\0';
    while (f && fgets(line, sizeof line, f) && line[0] == '#') {
        unsigned n;
        if (sscanf(line, "# points: %u", &n) == 1)
            t->points = n;
        else if (strncmp(line, "# test: ", 8) == 0)
            snprintf(t->title, sizeof t->title, "%.*s", (int)strcspn(line + 8, "\n"),
                     line + 8);
    }
    if (f)
        fclose(f);
}

static int load_suite(const char *dir, gsuite *s, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    if (!d) {
        snprintf(err, errlen, "cannot read the suite '%.200s': %s", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0 || e->d_name[0] == '.')
            continue;
        gtest *v = realloc(s->tests, (s->n + 1) * sizeof *v);
        if (!v)
            break;
        s->tests = v;
        gtest *t = &s->tests[s->n++];
        snprintf(t->name, sizeof t->name, "%.*s", (int)(len - 4), e->d_name);
        snprintf(t->path, sizeof t->path, "%s/%s", dir, e->d_name);
        read_header(t);
    }
    closedir(d);
    qsort(s->tests, s->n, sizeof *s->tests, by_name);
    if (s->n == 0)
        snprintf(err, errlen, "the suite '%.200s' holds no test (*.txt)", dir);
    return s->n ? 0 : -1;
}

/* The suite to use: --suite, the one installed, or the one in the tree
 * beside the running program. */
static const char *suite_dir(const options *opt, char *buf, size_t len)
{
    char exe[4096];
    ssize_t n;
    if (opt->grade_suite)
        return opt->grade_suite;
    snprintf(buf, len, "%s/suite/assignment", PKGDATADIR);
    if (access(buf, R_OK) == 0)
        return buf;
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    snprintf(buf, len, "%s/../suite/assignment", exe);
    return buf;
}

/* ------------------------------------------------------------------ */
/* Building every submission once, before any test runs. */

/* Compiles the submissions in child processes, jobs at a time, into the
 * cache: the parent's own builds after it are then cache hits. */
static void warm_cache(gsub *subs, size_t n, int jobs)
{
    size_t running = 0;
    for (size_t i = 0; i < n && !sig_interrupted; i++) {
        if (running == (size_t)jobs && wait(NULL) > 0)
            running--;
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            static impl_objects objs;
            char err[600];
            int fd = open("/dev/null", O_WRONLY);
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            _exit(impl_build(subs[i].path, &objs, err, sizeof err) != IMPL_BUILD_OK);
        }
        running += pid > 0;
    }
    while (running > 0 && wait(NULL) > 0)
        running--;
}

static void build_all(gsub *subs, size_t n, int jobs)
{
    if (jobs > 1)
        warm_cache(subs, n, jobs);
    for (size_t i = 0; i < n && !sig_interrupted; i++) {
        char err[600];
        gsub *s = &subs[i];
        s->objs = calloc(1, sizeof *s->objs);
        int st = s->objs ? impl_build(s->path, s->objs, err, sizeof err) : IMPL_BUILD_ERROR;
        if (st == IMPL_BUILD_OK)
            continue;
        if (st == IMPL_BUILD_STOPPED) /* the grading stops: its tests are not run */
            break;
        s->broken = true;
        if (asprintf(&s->why, "%s\n%s", s->objs ? err : "out of memory",
                     st == IMPL_BUILD_COMPILE ? s->objs->cc_output : "") < 0)
            s->why = NULL;
    }
}

/* ------------------------------------------------------------------ */
/* One test of one submission, in a child. */

typedef struct job {
    pid_t pid;
    gsub *sub;
    size_t test;
    FILE *out;   /* the child's stdout and stderr */
} job;

static void child(const options *opt, const gsub *s, const gtest *t, FILE *out)
{
    options o = *opt;
    char *scripts[] = {(char *)t->path, NULL};
    dup2(fileno(out), STDOUT_FILENO);
    dup2(fileno(out), STDERR_FILENO);
    o.grade = false;
    o.json = true;
    o.commands = NULL;
    o.scripts = scripts;
    o.nscripts = 1;
    o.impl_path = s->path;
    o.impl_so[0] = s->objs->alloc_so[0] ? s->objs->alloc_so : NULL;
    o.impl_so[1] = s->objs->ealloc_so[0] ? s->objs->ealloc_so : NULL;
    int st = session_run(&o);
    fflush(NULL);
    _exit(st);
}

static int start(const options *opt, job *j)
{
    j->out = tmpfile();
    if (!j->out)
        return -1;
    fflush(NULL);
    pid_t parent = getpid();
    j->pid = fork();
    if (j->pid == 0) {
        /* A test outliving the grading (killed by the fuse, say) ends,
         * and its submission's runner with it.  Without prctl() it runs
         * on to its own timeouts, as before. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(EXIT_INTERRUPTED);
        signal(SIGCHLD, SIG_DFL); /* the session waits for its runner itself */
        child(opt, j->sub, &opt->grade_tests->tests[j->test], j->out);
    }
    return j->pid < 0 ? -1 : 0;
}

static char *slurp(FILE *f)
{
    long len;
    char *buf;
    if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        return strdup("");
    buf = malloc((size_t)len + 1);
    if (!buf)
        return NULL;
    buf[fread(buf, 1, (size_t)len, f)] = '\0';
    return buf;
}

/* SIGTERM or SIGHUP came: the tests still running are stopped too, so
 * that the grades are printed before allocsh dies (see signals.h). */
static void stop_running(const job *jobs, size_t njobs)
{
    for (size_t i = 0; i < njobs; i++)
        if (jobs[i].pid > 0)
            kill(jobs[i].pid, SIGTERM);
}

/* A child's end wakes wait_child()'s ppoll(): SIGCHLD needs a handler
 * for that, one that does nothing. */
static void on_child(int sig)
{
    (void)sig;
}

/* Waits for a child: its pid, or -1 when none is left.  SIGTERM stops
 * the tests running, whenever it came: the flag is looked at before
 * every wait, with SIGCHLD and the stopping signals unblocked only
 * inside ppoll(), so that none coming between look and sleep is lost. */
static pid_t wait_child(const job *jobs, size_t njobs, int *status)
{
    static bool stopped;
    sigset_t open, chld;
    pid_t pid;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    signals_block_stops(&open);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    for (;;) {
        if (sig_terminated && !stopped) {
            stop_running(jobs, njobs);
            stopped = true;
        }
        pid = waitpid(-1, status, WNOHANG);
        if (pid != 0 && !(pid < 0 && errno == EINTR))
            break;
        ppoll(NULL, 0, NULL, &open);
    }
    sigprocmask(SIG_SETMASK, &open, NULL);
    return pid;
}

/* A test the grading did not run, or stopped, for the signal it got. */
static void not_run(gresult *g)
{
    grade_not_run(g, sig_terminated ? "not run: allocsh --grade was told to stop"
                                    : "not run: the grading was interrupted");
}

/* A test that ended by the signal that stops the grading (sent to the
 * whole process group from a terminal, say) did not get to its end. */
static bool stopped_by_us(int status)
{
    if (!sig_interrupted)
        return false;
    if (WIFEXITED(status))
        return WEXITSTATUS(status) == EXIT_INTERRUPTED;
    return WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT ||
                                   WTERMSIG(status) == SIGTERM || WTERMSIG(status) == SIGHUP);
}

/* Waits for one child and files its verdict; false when no child is
 * left. */
static bool reap(job *jobs, size_t njobs, const gsuite *suite)
{
    int status;
    pid_t pid = wait_child(jobs, njobs, &status);
    if (pid < 0)
        return false;
    for (size_t i = 0; i < njobs; i++) {
        job *j = &jobs[i];
        if (j->pid != pid)
            continue;
        gresult *g = &j->sub->results[j->test];
        char *raw = slurp(j->out);
        fclose(j->out);
        if (stopped_by_us(status))
            not_run(g);
        else
            grade_verdict(g, &suite->tests[j->test], raw ? raw : "", status);
        free(raw);
        j->pid = 0;
        break;
    }
    return true;
}

/* A free slot of jobs, reaping one child first when all are taken. */
static size_t free_slot(job *jobs, size_t width, size_t *running, const gsuite *suite)
{
    while (*running == width && reap(jobs, width, suite))
        --*running;
    size_t slot = 0;
    while (slot < width && jobs[slot].pid)
        slot++;
    return slot;
}

static void run_all(const options *opt, gsub *subs, size_t nsubs)
{
    const gsuite *suite = opt->grade_tests;
    size_t width = opt->grade_jobs > 0 ? (size_t)opt->grade_jobs : 1, running = 0;
    job *jobs = calloc(width, sizeof *jobs);
    struct sigaction sa, was;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, &was);
    for (size_t s = 0; jobs && s < nsubs; s++) {
        for (size_t t = 0; t < suite->n && !subs[s].broken; t++) {
            gresult *g = &subs[s].results[t];
            size_t slot = sig_interrupted ? width : free_slot(jobs, width, &running, suite);
            if (sig_interrupted) { /* also when it came while a slot came free */
                not_run(g);
                continue;
            }
            if (slot < width) {
                jobs[slot] = (job){0, &subs[s], t, NULL};
                if (start(opt, &jobs[slot]) == 0) {
                    running++;
                    continue;
                }
                if (jobs[slot].out)
                    fclose(jobs[slot].out);
                jobs[slot] = (job){0, NULL, 0, NULL};
            }
            grade_verdict(g, &suite->tests[t], "", -1);
        }
    }
    while (running > 0 && reap(jobs, width, suite))
        running--;
    sigaction(SIGCHLD, &was, NULL);
    free(jobs);
}

/* ------------------------------------------------------------------ */

static void free_subs(gsub *subs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t t = 0; subs[i].results && t < subs[i].ntests; t++)
            free(subs[i].results[t].output);
        free(subs[i].results);
        free(subs[i].objs);
        free(subs[i].why);
    }
    free(subs);
}


int grade_run(const options *opt)
{
    gsuite suite = {NULL, 0};
    char dir[4200], err[600];
    options o = *opt;
    if (opt->nscripts == 0) {
        fprintf(stderr, "allocsh: --grade wants one or more submissions\n");
        return 2;
    }
    if (load_suite(suite_dir(opt, dir, sizeof dir), &suite, err, sizeof err) != 0) {
        fprintf(stderr, "allocsh: %s\n", err);
        free(suite.tests);
        return 2;
    }
    o.grade_tests = &suite;
    size_t n = (size_t)opt->nscripts;
    gsub *subs = calloc(n, sizeof *subs);
    for (size_t i = 0; subs && i < n; i++) {
        subs[i].path = opt->scripts[i];
        subs[i].ntests = suite.n;
        subs[i].results = calloc(suite.n, sizeof *subs[i].results);
    }
    if (!subs) {
        fprintf(stderr, "allocsh: out of memory\n");
        return 1;
    }
    /* Two files of one name would keep one student's grades only. */
    if (opt->gradescope && grade_gradescope_names(subs, n, err, sizeof err) != 0) {
        fprintf(stderr, "allocsh: %s\n", err);
        free_subs(subs, n);
        free(suite.tests);
        return 2;
    }
    build_all(subs, n, opt->grade_jobs);
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; subs[i].broken && t < suite.n; t++)
            grade_compile_error(&subs[i].results[t], &suite.tests[t], subs[i].why);
    run_all(&o, subs, n);
    int st = grade_report(&o, &suite, subs, n);
    free_subs(subs, n);
    free(suite.tests);
    return signals_stopped_or(st);
}
