/* impl_client.c - starting allocsh-runner and making requests of it (see
 * impl_client.h; the wire format is impl_proto.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "impl_client.h"
#include "impl_proto.h"
#include "signals.h"

#ifndef PKGLIBEXECDIR
#define PKGLIBEXECDIR "/usr/local/libexec/allocsh"
#endif

#define DEFAULT_CALL_MS 2000
#define DEFAULT_AS_MIB 512u
#define DEFAULT_CPU_S 10u
#define STARTUP_MS 10000 /* exec, dynamic linking, sandbox */

_Static_assert(IMPL_EVENTS_MAX == IMPL_WIRE_EVENTS_MAX, "event lists differ");

struct impl_proc {
    pid_t pid; /* -1 once reaped */
    int sock;  /* -1 once closed */
    int out_pipe; /* the runner's stdout and stderr, read end, or -1 */
    int out_fd;   /* where they go: a copy of the caller's out_fd, or -1 */
    uint64_t printed; /* bytes passed on to out_fd (OUTPUT_MAX at most) */
    int call_ms;
    unsigned cpu_s;
    int loaded; /* 0 before HELLO, 1 after, -1 when loading failed */
    unsigned apis;
    uint32_t seq;
    char msg[1024];
    char load_msg[1024]; /* why loading failed, for every later call */
    char gone_msg[1024]; /* how the runner ended, for every later call */
    struct {
        struct impl_req h;
        unsigned char data[IMPL_WIRE_DATA_MAX];
    } q;
    struct {
        struct impl_rep h;
        unsigned char data[IMPL_WIRE_DATA_MAX + 1]; /* + 1 shows oversize */
    } r;
};

static const char *const fn_names[2][4] = {
    {"init_alloc", "cleanup_alloc", "alloc_mem", "dealloc_mem"},
    {"einit_alloc", "ecleanup_alloc", "ealloc_mem", "edealloc_mem"},
};

/* ---- messages ----------------------------------------------------------- */

static void say(impl_proc *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
}

static const char *signal_name(int sig, char *buf, size_t len)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {
        {SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"},   {SIGABRT, "SIGABRT"},
        {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"},
        {SIGTRAP, "SIGTRAP"}, {SIGSYS, "SIGSYS"},   {SIGPIPE, "SIGPIPE"},
        {SIGTERM, "SIGTERM"}, {SIGINT, "SIGINT"},   {SIGHUP, "SIGHUP"},
        {SIGQUIT, "SIGQUIT"}, {SIGALRM, "SIGALRM"}, {SIGUSR1, "SIGUSR1"},
        {SIGUSR2, "SIGUSR2"}, {SIGXCPU, "SIGXCPU"}, {SIGXFSZ, "SIGXFSZ"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].sig == sig)
            return names[i].name;
    snprintf(buf, len, "signal %d", sig);
    return buf;
}

static const char *duration(int ms, char *buf, size_t len)
{
    if (ms % 1000 == 0)
        snprintf(buf, len, "%d s", ms / 1000);
    else
        snprintf(buf, len, "%d ms", ms);
    return buf;
}

/* ---- the runner's end ------------------------------------------------------ */

/* Output that cannot be written is dropped: it is the submission's.  So
 * is the rest of it once Ctrl-C or SIGTERM breaks off a write to a reader
 * that has stopped reading (a pager, say), or allocsh could not stop. */
static void write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR && !sig_interrupted)
            continue;
        if (w <= 0)
            return;
        buf += w;
        n -= (size_t)w;
    }
}

/* A submission printing in a loop writes hundreds of MB within one
 * timeout: past this much in all, the rest is read and dropped, so that
 * it neither floods a grader's log nor blocks on a full pipe. */
#define OUTPUT_MAX ((uint64_t)16 << 20)

static void pass_on(impl_proc *p, const char *buf, size_t n)
{
    static const char cut[] = "\n[allocsh: the submission's output reached 16 MiB; "
                              "any more is dropped]\n";
    if (p->printed >= OUTPUT_MAX)
        return;
    size_t room = (size_t)(OUTPUT_MAX - p->printed);
    write_all(p->out_fd, buf, n < room ? n : room);
    p->printed += n < room ? n : room;
    if (p->printed == OUTPUT_MAX)
        write_all(p->out_fd, cut, sizeof cut - 1);
}

/* Copies what the runner printed to out_fd: one read when `once`, else
 * until the pipe is empty (or, with the runner gone, at its end). */
static void forward_output(impl_proc *p, int once)
{
    char buf[65536];
    while (p->out_pipe >= 0) {
        ssize_t n = read(p->out_pipe, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0 || (n < 0 && errno != EAGAIN)) {
            close(p->out_pipe);
            p->out_pipe = -1;
        }
        if (n <= 0)
            return;
        pass_on(p, buf, (size_t)n);
        if (once)
            return;
    }
}

/* Kills the runner (no effect on one that has ended), waits for it, and
 * passes on its last output; its wait status. */
static int reap(impl_proc *p)
{
    int st = 0;
    if (p->pid <= 0)
        return 0;
    kill(p->pid, SIGKILL);
    while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR)
        ;
    p->pid = -1;
    if (p->sock >= 0)
        close(p->sock);
    p->sock = -1;
    forward_output(p, 0);
    return st;
}

/* The runner is gone: later calls repeat why. */
static impl_status gone(impl_proc *p, impl_status s)
{
    snprintf(p->gone_msg, sizeof p->gone_msg, "%s", p->msg);
    return s;
}

/* The runner closed the socket without a reply: it has ended; why, from
 * its status.  A forbidden call is reported on the socket before the
 * runner exits (and handled where replies are), so an exit status here
 * is the submission's own, even IMPL_EXIT_FORBIDDEN.  A submission that
 * blocked SIGSYS is killed by the kernel with it at its first forbidden
 * call, the handler never running: that death is the forbidden call. */
static impl_status ended(impl_proc *p, const char *what)
{
    char buf[32];
    int st = reap(p);
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS) {
        say(p, "%s made a forbidden system call (with SIGSYS blocked, so the "
            "kernel killed it)", what);
        return gone(p, IMPL_FORBIDDEN);
    }
    if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        say(p, "%s died of %s%s", what, signal_name(sig, buf, sizeof buf),
            sig == SIGXCPU ? " (it used up its CPU time)" : "");
        return gone(p, IMPL_CRASH);
    }
    say(p, "%s ended the process with exit status %d", what, WEXITSTATUS(st));
    return gone(p, IMPL_EXITED);
}

static impl_status timed_out(impl_proc *p, const char *what, int ms)
{
    char buf[32];
    reap(p);
    say(p, "%s did not return within %s", what, duration(ms, buf, sizeof buf));
    return gone(p, IMPL_TIMEOUT);
}

/* Ctrl-C, SIGTERM or SIGHUP: the call is cut short like a timeout. */
static impl_status cut_short(impl_proc *p, const char *what)
{
    reap(p);
    say(p, "%s was cut short %s", what,
        sig_terminated ? "as allocsh was told to stop" : "by Ctrl-C");
    return gone(p, IMPL_TIMEOUT);
}

static impl_status bad_reply(impl_proc *p, const char *what, const char *why)
{
    reap(p);
    say(p, "%s: malformed reply from the runner (%s)", what, why);
    return gone(p, IMPL_PROTOCOL);
}

static impl_status forbidden(impl_proc *p, const char *what)
{
    uint32_t arch = p->r.h.arch ? p->r.h.arch : SCMP_ARCH_NATIVE;
    char *name = seccomp_syscall_resolve_num_arch(arch, p->r.h.sysno);
    reap(p);
    if (name)
        say(p, "%s made a forbidden system call: %s%s", what, name,
            arch == seccomp_arch_native() ? "" : " (of another architecture)");
    else
        say(p, "%s made a forbidden system call: number %d", what, (int)p->r.h.sysno);
    free(name);
    return gone(p, IMPL_FORBIDDEN);
}

/* ---- one reply ---------------------------------------------------------- */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* How long a call may still take after Ctrl-C: one that is merely slow
 * ends well within it and leaves the submission running; one that hangs
 * is cut short then, not at the end of a long --impl-timeout. */
enum { INTERRUPT_GRACE_MS = 200 };

/* Waits until the socket is readable, passing on the runner's output
 * meanwhile: 1, or 0 at the deadline, however much it prints; -1 when
 * Ctrl-C (after the grace above), SIGTERM or SIGHUP (at once) cut the
 * wait short.  The flags are looked at before every wait, and the
 * signals are blocked but inside ppoll(), so that one coming between
 * the look and the wait still ends the wait. */
static int wait_readable(impl_proc *p, int ms)
{
    long long deadline = now_ms() + ms;
    bool cut = false;
    int ready;
    sigset_t open;
    signals_block_stops(&open);
    for (;;) {
        if (sig_terminated) {
            ready = -1;
            break;
        }
        if (sig_interrupted && !cut) {
            cut = true;
            if (now_ms() + INTERRUPT_GRACE_MS < deadline)
                deadline = now_ms() + INTERRUPT_GRACE_MS;
        }
        struct pollfd pf[2] = {{p->sock, POLLIN, 0}, {p->out_pipe, POLLIN, 0}};
        long long left = deadline - now_ms();
        struct timespec ts = {left > 0 ? left / 1000 : 0, left > 0 ? left % 1000 * 1000000 : 0};
        int n = ppoll(pf, 2, &ts, &open);
        if (n < 0 && errno != EINTR) {
            ready = 0;
            break;
        }
        if (n > 0 && pf[1].revents) {
            /* A reader that stopped reading must not hold a signal off. */
            sigprocmask(SIG_SETMASK, &open, NULL);
            forward_output(p, 1);
            signals_block_stops(NULL);
        }
        if (n > 0 && pf[0].revents) {
            ready = 1;
            break;
        }
        if (left <= 0) {
            ready = cut ? -1 : 0;
            break;
        }
    }
    sigprocmask(SIG_SETMASK, &open, NULL);
    return ready;
}

/* The runner reports the mappings the submission made; a submission
 * that scribbles over the runner could forge them.  Any real one lies
 * in a 57-bit address space, starts on a page and has a length: the
 * rest of allocsh may then add and round without overflow. */
static bool event_possible(const struct impl_wire_event *e)
{
    const uint64_t top = (uint64_t)1 << 57;
    return e->len > 0 && e->len <= top && e->addr <= top - e->len &&
           (e->type == IMPL_WIRE_UNMAP || e->addr % 4096 == 0);
}

static const char *check_reply(const impl_proc *p, size_t got, uint32_t op)
{
    const struct impl_rep *h = &p->r.h;
    if (got < sizeof *h)
        return "short packet";
    if (h->magic != IMPL_PROTO_MAGIC)
        return "bad magic number";
    if (h->seq != p->seq || h->op != op)
        return "reply to another request";
    if (h->len > IMPL_WIRE_DATA_MAX || got != sizeof *h + h->len)
        return "wrong length";
    if (h->nevents > IMPL_WIRE_EVENTS_MAX)
        return "too many events";
    for (unsigned i = 0; i < h->nevents; i++)
        if (!event_possible(&h->ev[i]))
            return "a mapping no process could make";
    return NULL;
}

static void copy_events(const impl_proc *p, impl_events *ev)
{
    if (!ev)
        return;
    ev->n = p->r.h.nevents;
    ev->lost = p->r.h.lost;
    for (unsigned i = 0; i < ev->n; i++) {
        ev->ev[i].type = p->r.h.ev[i].type == IMPL_WIRE_UNMAP ? IMPL_EV_UNMAP : IMPL_EV_MAP;
        ev->ev[i].addr = p->r.h.ev[i].addr;
        ev->ev[i].len = p->r.h.ev[i].len;
    }
}

/* The reply to request op (seq p->seq) into p->r; anything but IMPL_OK
 * has ended the runner. */
static impl_status await(impl_proc *p, uint32_t op, const char *what, int ms,
                         impl_events *ev)
{
    ssize_t got;
    do {
        int ready = wait_readable(p, ms);
        if (ready <= 0)
            return ready < 0 ? cut_short(p, what) : timed_out(p, what, ms);
        got = recv(p->sock, &p->r, sizeof p->r, MSG_DONTWAIT);
    } while (got < 0 && (errno == EAGAIN || errno == EINTR));
    if (got == 0 || (got < 0 && errno == ECONNRESET))
        return ended(p, what);
    if (got < 0)
        return bad_reply(p, what, strerror(errno));
    const char *why = check_reply(p, (size_t)got, op);
    if (why)
        return bad_reply(p, what, why);
    copy_events(p, ev);
    if (p->r.h.status == IMPL_R_FORBIDDEN)
        return forbidden(p, what);
    /* One request, one packet: more means the submission wrote to fd 3. */
    char extra;
    if (recv(p->sock, &extra, 1, MSG_PEEK | MSG_DONTWAIT) > 0)
        return bad_reply(p, what, "more than one reply");
    /* It printed before it replied: all of that is in the pipe now. */
    forward_output(p, 0);
    return IMPL_OK;
}

/* ---- starting -------------------------------------------------------------- */

/* 1 when dir holds an executable allocsh-runner, named then in buf. */
static int beside(char *buf, size_t len, const char *dir)
{
    int n = snprintf(buf, len, "%s/allocsh-runner", dir);
    return n > 0 && (size_t)n < len && access(buf, X_OK) == 0;
}

/* $ALLOCSH_RUNNER, the runner beside this executable (libtool keeps
 * in-tree executables in .libs/, so also one level up), or the installed
 * one. */
static void runner_path(char *buf, size_t len)
{
    const char *env = getenv("ALLOCSH_RUNNER");
    char exe[PATH_MAX];
    ssize_t n;
    if (env && *env) {
        snprintf(buf, len, "%s", env);
        return;
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? memrchr(exe, '/', (size_t)n) : NULL;
    if (slash) {
        *slash = '\0';
        if (beside(buf, len, exe))
            return;
        size_t dlen = strlen(exe);
        if (dlen >= 6 && strcmp(exe + dlen - 6, "/.libs") == 0) {
            exe[dlen - 6] = '\0';
            if (beside(buf, len, exe))
                return;
        }
    }
    snprintf(buf, len, "%s/allocsh-runner", PKGLIBEXECDIR);
}

/* In the child: fds 0-3 as the runner wants them (out_fd: the output
 * pipe, or -1 for /dev/null), then exec.  Sources are first moved above 3
 * so that no dup2() overwrites another's source. */
static _Noreturn void start_runner(const char *path, char *const argv[], int sock,
                                   int out_fd)
{
    static char *const envp[] = {"GLIBC_TUNABLES=glibc.malloc.tcache_count=0", NULL};
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    int n = fcntl(null, F_DUPFD_CLOEXEC, 10);
    int o = out_fd >= 0 ? fcntl(out_fd, F_DUPFD_CLOEXEC, 10) : n;
    int s = fcntl(sock, F_DUPFD_CLOEXEC, 10);
    if (null >= 0 && n >= 0 && o >= 0 && s >= 0 && dup2(n, 0) == 0 &&
        dup2(o, 1) == 1 && dup2(o, 2) == 2 && dup2(s, IMPL_RUNNER_FD) == IMPL_RUNNER_FD) {
        setpgid(0, 0); /* the terminal's Ctrl-C is for allocsh to handle */
        execve(path, argv, envp);
    }
    /* Tell the parent why, in the runner's own words. */
    struct impl_rep r;
    memset(&r, 0, sizeof r);
    r.magic = IMPL_PROTO_MAGIC;
    r.op = IMPL_OP_READY;
    r.status = IMPL_R_SETUP;
    r.ret = errno;
    if (write(s >= 0 ? s : sock, &r, sizeof r) < 0)
        _exit(127);
    _exit(127);
}

/* Waits for READY; 0, or -1 with err. */
static int handshake(impl_proc *p, const char *runner, char *err, size_t errlen)
{
    if (await(p, IMPL_OP_READY, "starting the runner", STARTUP_MS, NULL) != IMPL_OK) {
        snprintf(err, errlen, "%s", p->msg);
        return -1;
    }
    if (p->r.h.status == IMPL_R_OK)
        return 0;
    if (p->r.h.len)
        snprintf(err, errlen, "cannot start %s: %.*s", runner, (int)p->r.h.len,
                 (const char *)p->r.data);
    else
        snprintf(err, errlen, "cannot run %s: %s", runner, strerror((int)p->r.h.ret));
    reap(p);
    return -1;
}

/* The runner's stdout and stderr: a pipe that allocsh empties into out_fd
 * (a pipe, so that RLIMIT_FSIZE never applies to them), or /dev/null. */
static int output_pipe(impl_proc *p, int out_fd, int w[1], char *err, size_t errlen)
{
    int fds[2];
    *w = -1;
    if (out_fd < 0)
        return 0;
    if (pipe2(fds, O_CLOEXEC) < 0 ||
        (p->out_fd = fcntl(out_fd, F_DUPFD_CLOEXEC, 3)) < 0) {
        snprintf(err, errlen, "cannot pass on the submission's output: %s", strerror(errno));
        return -1;
    }
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    p->out_pipe = fds[0];
    *w = fds[1];
    return 0;
}

static impl_proc *new_proc(void)
{
    impl_proc *p = calloc(1, sizeof *p);
    if (p)
        p->pid = p->sock = p->out_pipe = p->out_fd = -1;
    return p;
}

int impl_spawn(const char *so_path, const impl_limits *lim, int out_fd,
               impl_proc **out, char *err, size_t errlen)
{
    char runner[PATH_MAX], as[24], cpu[24];
    int sv[2], w;
    impl_proc *p = new_proc();
    *out = NULL;
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->call_ms = lim && lim->call_ms > 0 ? lim->call_ms : DEFAULT_CALL_MS;
    snprintf(as, sizeof as, "%u", lim && lim->as_mib ? lim->as_mib : DEFAULT_AS_MIB);
    snprintf(cpu, sizeof cpu, "%u", lim && lim->cpu_s ? lim->cpu_s : DEFAULT_CPU_S);
    runner_path(runner, sizeof runner);
    char *argv[] = {runner, "-m", as, "-t", cpu, "--", (char *)so_path, NULL};
    if (output_pipe(p, out_fd, &w, err, errlen) < 0) {
        impl_close(p);
        return -1;
    }
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
        snprintf(err, errlen, "socketpair: %s", strerror(errno));
        if (w >= 0)
            close(w);
        impl_close(p);
        return -1;
    }
    pid_t parent = getpid();
    p->pid = fork();
    if (p->pid == 0) {
        /* If allocsh dies (a fuse, a SIGKILL), the submission must not
         * spin on alone until its CPU limit: the kernel kills it too. */
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* a nicety: not fatal when refused */
        if (getppid() != parent)
            _exit(127);
        start_runner(runner, argv, sv[1], w);
    }
    close(sv[1]);
    if (w >= 0)
        close(w);
    p->sock = sv[0];
    if (p->pid < 0)
        snprintf(err, errlen, "fork: %s", strerror(errno));
    if (p->pid < 0 || handshake(p, runner, err, errlen) < 0) {
        impl_close(p);
        return -1;
    }
    *out = p;
    return 0;
}

/* ---- requests ---------------------------------------------------------------- */

static impl_status already_gone(impl_proc *p)
{
    say(p, "the submission is no longer running (%s)", p->gone_msg);
    return IMPL_GONE;
}

/* Sends p->q (with len payload bytes) and awaits its reply. */
static impl_status request(impl_proc *p, size_t len, const char *what, impl_events *ev)
{
    if (ev)
        ev->n = ev->lost = 0;
    if (p->pid <= 0)
        return already_gone(p);
    p->q.h.magic = IMPL_PROTO_MAGIC;
    p->q.h.seq = ++p->seq;
    size_t n = sizeof p->q.h + len;
    ssize_t sent = send(p->sock, &p->q, n, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (sent < 0 && (errno == EPIPE || errno == ECONNRESET))
        return ended(p, what);
    if (sent != (ssize_t)n)
        return bad_reply(p, what, sent < 0 ? strerror(errno) : "short send");
    return await(p, p->q.h.op, what, p->call_ms, ev);
}

static void set_request(impl_proc *p, uint32_t op, int kind)
{
    memset(&p->q.h, 0, sizeof p->q.h);
    p->q.h.op = op;
    p->q.h.kind = (uint32_t)kind;
    p->msg[0] = '\0';
}

impl_status impl_hello(impl_proc *p, unsigned *apis)
{
    if (p->loaded < 0) {
        say(p, "%s", p->load_msg);
        return IMPL_MISSING;
    }
    set_request(p, IMPL_OP_HELLO, 0);
    impl_status s = request(p, 0, "loading the submission", NULL);
    if (s != IMPL_OK)
        return s;
    if (p->r.h.status != IMPL_R_OK) {
        say(p, "cannot load the submission: %.*s", (int)p->r.h.len,
            (const char *)p->r.data);
        snprintf(p->load_msg, sizeof p->load_msg, "%s", p->msg);
        p->loaded = -1;
        return IMPL_MISSING;
    }
    p->loaded = 1;
    p->apis = (unsigned)p->r.h.ret & (IMPL_API_ALLOC | IMPL_API_EALLOC);
    if (apis)
        *apis = p->apis;
    return IMPL_OK;
}

/* Loads the object on first use; IMPL_OK or why not. */
static impl_status ensure_loaded(impl_proc *p)
{
    unsigned apis;
    return p->loaded == 1 ? IMPL_OK : impl_hello(p, &apis);
}

static const char *fn_name(int kind, int fn)
{
    return fn_names[kind == IMPL_KIND_EALLOC][fn];
}

/* A call of one of the assignment's functions. */
struct call {
    uint32_t op;
    int kind;
    int fn; /* index in fn_names */
    int32_t size;
    uint64_t addr;
    char what[64]; /* "alloc_mem(128)" */
};

static impl_status call_api(impl_proc *p, const struct call *c, impl_events *ev)
{
    if (ev)
        ev->n = ev->lost = 0;
    if (c->kind != IMPL_KIND_ALLOC && c->kind != IMPL_KIND_EALLOC) {
        say(p, "%s: no allocator of kind %d", c->what, c->kind);
        return IMPL_REFUSED;
    }
    impl_status s = ensure_loaded(p);
    if (s != IMPL_OK)
        return s;
    set_request(p, c->op, c->kind);
    p->q.h.size = c->size;
    p->q.h.addr = c->addr;
    s = request(p, 0, c->what, ev);
    if (s == IMPL_OK && p->r.h.status == IMPL_R_NOFUNC) {
        say(p, "the submission does not define %s", fn_name(c->kind, c->fn));
        return IMPL_MISSING;
    }
    if (s == IMPL_OK && p->r.h.status != IMPL_R_OK) {
        say(p, "the runner refused %s", c->what);
        return IMPL_REFUSED;
    }
    return s;
}

/* init and cleanup: no argument, an int back. */
static impl_status life_call(impl_proc *p, int op, int kind, int *ret, impl_events *ev)
{
    int fn = op == IMPL_OP_CLEANUP;
    struct call c = {op, kind, fn, 0, 0, ""};
    snprintf(c.what, sizeof c.what, "%s()", fn_name(kind, fn));
    impl_status s = call_api(p, &c, ev);
    if (s == IMPL_OK && ret)
        *ret = (int)p->r.h.ret;
    return s;
}

impl_status impl_init(impl_proc *p, int kind, int *ret, impl_events *ev)
{
    return life_call(p, IMPL_OP_INIT, kind, ret, ev);
}

impl_status impl_cleanup(impl_proc *p, int kind, int *ret, impl_events *ev)
{
    return life_call(p, IMPL_OP_CLEANUP, kind, ret, ev);
}

impl_status impl_alloc(impl_proc *p, int kind, int size, uint64_t *addr, impl_events *ev)
{
    struct call c = {IMPL_OP_ALLOC, kind, 2, size, 0, ""};
    snprintf(c.what, sizeof c.what, "%s(%d)", fn_name(kind, 2), size);
    impl_status s = call_api(p, &c, ev);
    if (s == IMPL_OK && addr)
        *addr = p->r.h.value;
    return s;
}

/* The message leaves the address out: it changes from run to run. */
impl_status impl_free(impl_proc *p, int kind, uint64_t addr, impl_events *ev)
{
    struct call c = {IMPL_OP_FREE, kind, 3, 0, addr, ""};
    snprintf(c.what, sizeof c.what, "%s", fn_name(kind, 3));
    return call_api(p, &c, ev);
}

/* READ or WRITE of one packet's worth. */
static impl_status copy_chunk(impl_proc *p, uint32_t op, uint64_t addr, size_t len,
                              const void *src)
{
    char what[96];
    snprintf(what, sizeof what, "%s %zu bytes of the submission's memory",
             op == IMPL_OP_READ ? "reading" : "writing", len);
    set_request(p, op, 0);
    p->q.h.addr = addr;
    p->q.h.len = (uint32_t)len;
    if (src)
        memcpy(p->q.data, src, len);
    impl_status s = request(p, src ? len : 0, what, NULL);
    if (s == IMPL_OK && p->r.h.status != IMPL_R_OK) {
        say(p, "the runner refused %s", what);
        return IMPL_REFUSED;
    }
    if (s == IMPL_OK && op == IMPL_OP_READ && p->r.h.len != len)
        return bad_reply(p, what, "wrong length");
    return s;
}

static impl_status copy_mem(impl_proc *p, uint32_t op, uint64_t addr, unsigned char *dst,
                            const unsigned char *src, size_t len)
{
    if (addr + len < addr) {
        say(p, "%s past the end of the address space", op == IMPL_OP_READ ? "reading" : "writing");
        return IMPL_REFUSED;
    }
    while (len > 0) {
        size_t n = len < IMPL_WIRE_DATA_MAX ? len : IMPL_WIRE_DATA_MAX;
        impl_status s = copy_chunk(p, op, addr, n, src);
        if (s != IMPL_OK)
            return s;
        if (dst) {
            memcpy(dst, p->r.data, n);
            dst += n;
        } else {
            src += n;
        }
        addr += n;
        len -= n;
    }
    p->msg[0] = '\0';
    return IMPL_OK;
}

impl_status impl_read(impl_proc *p, uint64_t addr, void *buf, size_t len)
{
    return copy_mem(p, IMPL_OP_READ, addr, buf, NULL, len);
}

impl_status impl_write(impl_proc *p, uint64_t addr, const void *buf, size_t len)
{
    return copy_mem(p, IMPL_OP_WRITE, addr, NULL, buf, len);
}

impl_status impl_heap(impl_proc *p, uint64_t *bytes)
{
    /* After loading, so that the loader's own allocations are in every
     * measure, not in the difference between two. */
    impl_status s = ensure_loaded(p);
    if (s != IMPL_OK)
        return s;
    set_request(p, IMPL_OP_HEAP, 0);
    s = request(p, 0, "measuring the heap", NULL);
    if (s == IMPL_OK && bytes)
        *bytes = p->r.h.value;
    return s;
}

/* ---- the rest ------------------------------------------------------------------ */

long long impl_vsz(const impl_proc *p)
{
    char path[64];
    unsigned long long pages;
    if (p->pid <= 0)
        return -1;
    snprintf(path, sizeof path, "/proc/%d/statm", (int)p->pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int ok = fscanf(f, "%llu", &pages) == 1;
    fclose(f);
    return ok ? (long long)(pages * (unsigned long long)sysconf(_SC_PAGESIZE)) : -1;
}

const char *impl_message(const impl_proc *p)
{
    return p->msg;
}

pid_t impl_pid(const impl_proc *p)
{
    return p->pid > 0 ? p->pid : -1;
}

void impl_close(impl_proc *p)
{
    if (!p)
        return;
    reap(p);
    if (p->sock >= 0)
        close(p->sock);
    if (p->out_pipe >= 0)
        close(p->out_pipe);
    if (p->out_fd >= 0)
        close(p->out_fd);
    free(p);
}

const char *impl_status_name(impl_status s)
{
    static const char *const names[] = {"OK",   "CRASH",    "EXITED",  "TIMEOUT", "FORBIDDEN",
                                        "GONE", "PROTOCOL", "MISSING", "REFUSED"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}
