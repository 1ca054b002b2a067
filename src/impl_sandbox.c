/* impl_sandbox.c - what allocsh-runner does to itself before a submission
 * runs: resource limits, no inherited files, and a seccomp filter.
 *
 * This is process isolation, not a container.  The runner is an ordinary
 * process of the user who runs allocsh: same uid, same file system view,
 * same network namespace.  What keeps a submission in check is:
 *
 *   - rlimits: no core files (RLIMIT_CORE 0), no growing regular files
 *     (RLIMIT_FSIZE 0, which is why impl_client.c gives fds 1 and 2 a pipe
 *     and copies the output on itself),
 *     no new processes (RLIMIT_NPROC 0, which does not bind root or
 *     CAP_SYS_RESOURCE; seccomp does), a cap on address space (RLIMIT_AS)
 *     and on CPU time (RLIMIT_CPU, a backstop behind allocsh's per-call
 *     timeout: it also ends a runner looping after allocsh is gone);
 *   - only fds 0-3 stay open (plus the object to load until the loader
 *     closes it): 0 is /dev/null, 1 and 2 a pipe to allocsh or /dev/null,
 *     3 the protocol socket;
 *   - a seccomp filter whose default is SECCOMP_RET_TRAP, so any system call
 *     not listed below raises SIGSYS, and the runner's handler reports it
 *     and exits.  Allowed: read on fd 3 (and the object's fd), write on fds
 *     1-3, writev on 1-2 (glibc's fatal-error messages), fstat and
 *     newfstatat with AT_EMPTY_PATH (stdio, the loader), pread64 and close
 *     of the object's fd (the loader), mmap, munmap, mremap, mprotect,
 *     madvise, brk, exit, exit_group, rt_sigreturn, rt_sigprocmask,
 *     getrandom, clock_gettime, getpid, gettid, and tgkill of this process
 *     only (so that abort() dies of SIGABRT).  Calls of a foreign
 *     architecture (int 0x80 on x86-64) trap too.
 *
 * Known gaps: newfstatat with a non-empty path still stats any file (it
 * reveals metadata, never contents); the submission can mmap fds 0-2; it
 * shares the runner's memory and can therefore forge protocol replies. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/ucontext.h>
#include <unistd.h>

#include "impl_sandbox.h"

/* Lowers a limit; a hard limit already below the wish is kept. */
static int lower_limit(int resource, rlim_t soft, rlim_t hard, const char *name,
                       char *err, size_t errlen)
{
    struct rlimit now, want;
    if (getrlimit(resource, &now) == 0 && now.rlim_max != RLIM_INFINITY &&
        now.rlim_max < hard)
        hard = now.rlim_max;
    want.rlim_cur = soft < hard ? soft : hard;
    want.rlim_max = hard;
    if (setrlimit(resource, &want) == 0)
        return 0;
    snprintf(err, errlen, "setrlimit(%s): %s", name, strerror(errno));
    return -1;
}

static int set_limits(const impl_sandbox *sb, char *err, size_t errlen)
{
    rlim_t cpu = sb->cpu_seconds;
    if (lower_limit(RLIMIT_CORE, 0, 0, "RLIMIT_CORE", err, errlen) < 0 ||
        lower_limit(RLIMIT_FSIZE, 0, 0, "RLIMIT_FSIZE", err, errlen) < 0 ||
        lower_limit(RLIMIT_NPROC, 0, 0, "RLIMIT_NPROC", err, errlen) < 0 ||
        lower_limit(RLIMIT_AS, sb->as_bytes, sb->as_bytes, "RLIMIT_AS", err,
                    errlen) < 0 ||
        lower_limit(RLIMIT_CPU, cpu, cpu + 1, "RLIMIT_CPU", err, errlen) < 0)
        return -1;
    return 0;
}

static int close_range_of(unsigned first, unsigned last)
{
#ifdef SYS_close_range
    if (first > last || syscall(SYS_close_range, first, last, 0) == 0)
        return 0;
#else
    (void)first;
    (void)last;
#endif
    return -1;
}

/* Closes every fd above 3 but keep (-1: none). */
static void close_inherited(int keep)
{
    int ok = keep > 3 ? close_range_of(4, (unsigned)keep - 1) == 0 &&
                            close_range_of((unsigned)keep + 1, ~0u) == 0
                      : close_range_of(4, ~0u) == 0;
    if (ok)
        return;
    /* Kernels before 5.9: one by one, up to the fd limit. */
    long max = sysconf(_SC_OPEN_MAX);
    for (long fd = 4; fd < (max > 0 ? max : 1024); fd++)
        if (fd != keep)
            close((int)fd);
}

static int install_handler(const impl_sandbox *sb, char *err, size_t errlen)
{
    struct sigaction sa;
    sigset_t set;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sb->on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    sigemptyset(&set);
    sigaddset(&set, SIGSYS);
    /* A blocked SIGSYS would make the kernel kill us without a report. */
    if (sigaction(SIGSYS, &sa, NULL) == 0 &&
        sigprocmask(SIG_UNBLOCK, &set, NULL) == 0)
        return 0;
    snprintf(err, errlen, "cannot handle SIGSYS: %s", strerror(errno));
    return -1;
}

/* A rule allowing system call nr when its argument arg equals val (arg < 0:
 * whatever the arguments). */
struct allow_rule {
    int nr;
    int arg;
    scmp_datum_t val;
};

static int add_rule(scmp_filter_ctx ctx, const struct allow_rule *r)
{
    if (r->arg < 0)
        return seccomp_rule_add(ctx, SCMP_ACT_ALLOW, r->nr, 0);
    struct scmp_arg_cmp cmp = {(unsigned)r->arg, SCMP_CMP_EQ, r->val, 0};
    return seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, r->nr, 1, &cmp);
}

static int add_rules(scmp_filter_ctx ctx, int load_fd)
{
    scmp_datum_t pid = (scmp_datum_t)getpid();
    const struct allow_rule rules[] = {
        {SCMP_SYS(read), 0, 3},         {SCMP_SYS(write), 0, 1},
        {SCMP_SYS(write), 0, 2},        {SCMP_SYS(write), 0, 3},
        {SCMP_SYS(writev), 0, 1},       {SCMP_SYS(writev), 0, 2},
        {SCMP_SYS(fstat), -1, 0},       {SCMP_SYS(mmap), -1, 0},
        {SCMP_SYS(munmap), -1, 0},      {SCMP_SYS(mremap), -1, 0},
        {SCMP_SYS(mprotect), -1, 0},    {SCMP_SYS(madvise), -1, 0},
        {SCMP_SYS(brk), -1, 0},         {SCMP_SYS(exit), -1, 0},
        {SCMP_SYS(exit_group), -1, 0},  {SCMP_SYS(rt_sigreturn), -1, 0},
        {SCMP_SYS(rt_sigprocmask), -1, 0}, {SCMP_SYS(getrandom), -1, 0},
        {SCMP_SYS(clock_gettime), -1, 0}, {SCMP_SYS(getpid), -1, 0},
        {SCMP_SYS(gettid), -1, 0},      {SCMP_SYS(tgkill), 0, pid},
    };
    /* The loader reads the object through load_fd, then closes it. */
    const struct allow_rule loader[] = {
        {SCMP_SYS(read), 0, (scmp_datum_t)load_fd},
        {SCMP_SYS(pread64), 0, (scmp_datum_t)load_fd},
        {SCMP_SYS(close), 0, (scmp_datum_t)load_fd},
    };
    struct scmp_arg_cmp empty_path = {3, SCMP_CMP_MASKED_EQ, AT_EMPTY_PATH,
                                      AT_EMPTY_PATH};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof rules / sizeof rules[0]; i++)
        rc = add_rule(ctx, &rules[i]);
    for (size_t i = 0; rc == 0 && load_fd >= 0 && i < sizeof loader / sizeof loader[0]; i++)
        rc = add_rule(ctx, &loader[i]);
    if (rc == 0)
        rc = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, SCMP_SYS(newfstatat), 1,
                                    &empty_path);
    return rc;
}

static int load_filter(int load_fd, char *err, size_t errlen)
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_TRAP);
    if (!ctx) {
        snprintf(err, errlen, "seccomp_init failed");
        return -1;
    }
    const char *step = "seccomp_attr_set";
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_TRAP);
    if (rc == 0) {
        step = "seccomp_rule_add";
        rc = add_rules(ctx, load_fd);
    }
    if (rc == 0) {
        step = "seccomp_load";
        rc = seccomp_load(ctx);
    }
    seccomp_release(ctx);
    if (rc == 0)
        return 0;
    snprintf(err, errlen, "%s: %s", step, strerror(-rc));
    return -1;
}

int impl_sandbox_enter(const impl_sandbox *sb, char *err, size_t errlen)
{
    if (set_limits(sb, err, errlen) < 0)
        return -1;
    close_inherited(sb->load_fd);
    if (install_handler(sb, err, errlen) < 0)
        return -1;
    return load_filter(sb->load_fd, err, errlen);
}

/* The registers of a trapped system call, by architecture. */
int impl_sandbox_syscall_arg(const void *ucontext, int i, unsigned long *val)
{
    const ucontext_t *uc = ucontext;
    if (i < 0 || i > 5)
        return -1;
#if defined(__x86_64__)
    static const int reg[6] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
    *val = (unsigned long)uc->uc_mcontext.gregs[reg[i]];
    return 0;
#elif defined(__aarch64__)
    *val = (unsigned long)uc->uc_mcontext.regs[i];
    return 0;
#else
    (void)uc;
    (void)val;
    return -1;
#endif
}

int impl_sandbox_set_return(void *ucontext, long val)
{
    ucontext_t *uc = ucontext;
#if defined(__x86_64__)
    uc->uc_mcontext.gregs[REG_RAX] = val;
    return 0;
#elif defined(__aarch64__)
    uc->uc_mcontext.regs[0] = (unsigned long)val;
    return 0;
#else
    (void)uc;
    (void)val;
    return -1;
#endif
}
