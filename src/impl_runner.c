/* impl_runner.c - allocsh-runner: runs one shared object of a student's
 * allocator in a sandbox and calls its functions on allocsh's requests.
 *
 *   allocsh-runner [-m MIB] [-t SECONDS] SO_PATH
 *
 * -m caps the address space (RLIMIT_AS, default 512 MiB), -t the CPU time
 * (RLIMIT_CPU, default 10 s).  The protocol socket is fd 3 (impl_proto.h);
 * allocsh starts this program, people do not.
 *
 * The object is loaded inside the sandbox, not before it: dlopen() runs the
 * object's constructors and IFUNC resolvers, which are the submission's code
 * too.  The loader must open the file, and open is not allowed, so the
 * runner opens it beforehand and its SIGSYS handler answers the loader's one
 * openat of that path with the open fd (every other open during loading
 * fails with EACCES, and after loading is a forbidden call like any other).
 *
 * The runner exports mmap, munmap, mremap and mmap64 (--dynamic-list): the
 * executable comes first in the global scope, so the submission's calls
 * bind here.  Each makes the system call itself and, while a request is
 * served, records what was mapped or unmapped, for the reply.  glibc's
 * internal calls (malloc, the loader) do not come through here.
 *
 * So that the virtual size allocsh measures moves only with the submission's
 * own mappings, malloc is kept on brk with a heap reserved in advance, and
 * the stack is grown in advance. */
#define _GNU_SOURCE
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "impl_proto.h"
#include "impl_sandbox.h"

#define HEAP_RESERVE (4u << 20)   /* bytes of brk heap grown before serving */
#define STACK_RESERVE (256u << 10) /* bytes of stack touched before serving */
#define MMAP_THRESHOLD (32 << 20)  /* glibc's maximum on 64-bit systems */

/* ---- the submission ---------------------------------------------------- */

struct api {
    int (*init)(void);
    int (*cleanup)(void);
    char *(*alloc)(int);
    void (*dealloc)(char *);
};

static struct api apis[2];
static int loaded;                 /* 1 after dlopen succeeded */
static char load_error[1024];      /* why it did not, for every HELLO */
static char load_name[PATH_MAX];   /* the name given to dlopen */
static int load_fd = -1;

/* The SIGSYS handler's answer to an open: off after loading. */
enum { OPEN_FORBIDDEN, OPEN_OBJECT, OPEN_REFUSED };
static volatile sig_atomic_t open_mode = OPEN_FORBIDDEN;

/* ---- mapping events ------------------------------------------------------ */

static int recording;
static struct impl_wire_event events[IMPL_WIRE_EVENTS_MAX];
static uint32_t nevents, lost;

static void record(uint32_t type, const void *addr, size_t len)
{
    if (!recording)
        return;
    if (nevents == IMPL_WIRE_EVENTS_MAX) {
        lost++;
        return;
    }
    events[nevents].addr = (uintptr_t)addr;
    events[nevents].len = len;
    events[nevents].type = type;
    events[nevents].pad = 0;
    nevents++;
}

/* Lengths are recorded as passed; the kernel works in whole pages. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    long r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    if (r == -1)
        return MAP_FAILED;
    record(IMPL_WIRE_MAP, (void *)r, len);
    return (void *)r;
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
    return mmap(addr, len, prot, flags, fd, (off_t)off);
}

int munmap(void *addr, size_t len)
{
    if (syscall(SYS_munmap, addr, len) == -1)
        return -1;
    record(IMPL_WIRE_UNMAP, addr, len);
    return 0;
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    void *wanted = NULL;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        wanted = va_arg(ap, void *);
        va_end(ap);
    }
    long r = syscall(SYS_mremap, old, old_len, new_len, flags, wanted);
    if (r == -1)
        return MAP_FAILED;
#ifdef MREMAP_DONTUNMAP
    if (!(flags & MREMAP_DONTUNMAP))
#endif
        record(IMPL_WIRE_UNMAP, old, old_len);
    record(IMPL_WIRE_MAP, (void *)r, new_len);
    return (void *)r;
}

/* ---- packets ---------------------------------------------------------------- */

static struct {
    struct impl_req h;
    unsigned char data[IMPL_WIRE_DATA_MAX + 1]; /* + 1 shows an oversized packet */
} in;

static struct {
    struct impl_rep h;
    unsigned char data[IMPL_WIRE_DATA_MAX];
} out;

/* The request being served, for the SIGSYS handler's reply. */
static volatile uint32_t cur_op = IMPL_OP_READY, cur_seq;

static void send_reply(void)
{
    size_t n = sizeof out.h + out.h.len;
    while (write(IMPL_RUNNER_FD, &out, n) < 0 && errno == EINTR)
        ;
}

static void begin_reply(uint32_t op, uint32_t seq)
{
    memset(&out.h, 0, sizeof out.h);
    out.h.magic = IMPL_PROTO_MAGIC;
    out.h.op = op;
    out.h.seq = seq;
    cur_op = op;
    cur_seq = seq;
}

/* A reply whose payload is text, cut to fit. */
static void reply_text(int32_t status, const char *text)
{
    size_t n = strlen(text);
    if (n > IMPL_WIRE_DATA_MAX)
        n = IMPL_WIRE_DATA_MAX;
    memcpy(out.data, text, n);
    out.h.status = status;
    out.h.len = (uint32_t)n;
    send_reply();
}

/* Before the sandbox: report on the socket when there is one, then exit. */
static _Noreturn void fail_setup(int code, const char *text)
{
    fprintf(stderr, "allocsh-runner: %s\n", text);
    begin_reply(IMPL_OP_READY, 0);
    reply_text(IMPL_R_SETUP, text);
    _exit(code);
}

/* ---- forbidden system calls -------------------------------------------- */

static int is_open(int nr)
{
#ifdef SYS_open
    if (nr == SYS_open)
        return 1;
#endif
    return nr == SYS_openat;
}

/* While loading: the loader's open of the object gets load_fd, any other
 * open EACCES.  1 when the call was answered so. */
static int emulate_open(int nr, void *uc)
{
    if (open_mode == OPEN_FORBIDDEN || !is_open(nr))
        return 0;
    unsigned long path;
    long ret = -EACCES;
    if (open_mode == OPEN_OBJECT &&
        impl_sandbox_syscall_arg(uc, nr == SYS_openat ? 1 : 0, &path) == 0 &&
        strcmp((const char *)path, load_name) == 0) {
        ret = load_fd;
        open_mode = OPEN_REFUSED;
    }
    return impl_sandbox_set_return(uc, ret) == 0;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    static struct impl_rep r;
    (void)sig;
    if (emulate_open(si->si_syscall, uc))
        return;
    r.magic = IMPL_PROTO_MAGIC;
    r.op = cur_op;
    r.seq = cur_seq;
    r.status = IMPL_R_FORBIDDEN;
    r.sysno = si->si_syscall;
    r.arch = si->si_arch;
    r.nevents = nevents;
    r.lost = lost;
    memcpy(r.ev, events, sizeof r.ev);
    while (write(IMPL_RUNNER_FD, &r, sizeof r) < 0 && errno == EINTR)
        ;
    _exit(IMPL_EXIT_FORBIDDEN);
}

/* ---- loading ---------------------------------------------------------------- */

static const char *const fn_names[2][4] = {
    {"init_alloc", "cleanup_alloc", "alloc_mem", "dealloc_mem"},
    {"einit_alloc", "ecleanup_alloc", "ealloc_mem", "edealloc_mem"},
};

static void find_api(void *h, int kind)
{
    struct api *a = &apis[kind];
    const char *const *n = fn_names[kind];
    a->init = (int (*)(void))dlsym(h, n[0]);
    a->cleanup = (int (*)(void))dlsym(h, n[1]);
    a->alloc = (char *(*)(int))dlsym(h, n[2]);
    a->dealloc = (void (*)(char *))dlsym(h, n[3]);
}

/* dlopen, in the sandbox; the submission's constructors run here. */
static void load(void)
{
    if (load_fd < 0)
        return; /* load_error says why */
    open_mode = OPEN_OBJECT;
    void *h = dlopen(load_name, RTLD_NOW | RTLD_LOCAL);
    open_mode = OPEN_FORBIDDEN;
    load_fd = -1; /* the loader closed it */
    if (!h) {
        const char *e = dlerror();
        snprintf(load_error, sizeof load_error, "%s", e ? e : "dlopen failed");
        return;
    }
    find_api(h, IMPL_WIRE_ALLOC);
    find_api(h, IMPL_WIRE_EALLOC);
    loaded = 1;
}

static uint32_t api_mask(void)
{
    uint32_t mask = 0;
    for (int k = 0; k < 2; k++)
        if (apis[k].init && apis[k].cleanup && apis[k].alloc && apis[k].dealloc)
            mask |= IMPL_WIRE_API_BIT(k);
    return mask;
}

/* ---- requests ---------------------------------------------------------------- */

static int uses_kind(uint32_t op)
{
    return op == IMPL_OP_INIT || op == IMPL_OP_CLEANUP || op == IMPL_OP_ALLOC ||
           op == IMPL_OP_FREE;
}

static int well_formed(const struct impl_req *q, size_t n)
{
    size_t payload = q->op == IMPL_OP_WRITE ? q->len : 0;
    if (q->magic != IMPL_PROTO_MAGIC || q->op < IMPL_OP_HELLO || q->op > IMPL_OP_HEAP)
        return 0;
    if (uses_kind(q->op) && q->kind > IMPL_WIRE_EALLOC)
        return 0;
    if (q->op == IMPL_OP_READ || q->op == IMPL_OP_WRITE) {
        if (q->len > IMPL_WIRE_DATA_MAX || q->addr == 0 || q->addr + q->len < q->addr)
            return 0;
    }
    return n == sizeof in.h + payload;
}

/* Calls the function the request names; 0, or -1 when it is missing. */
static int call(const struct impl_req *q)
{
    const struct api *a = &apis[q->kind];
    switch (q->op) {
    case IMPL_OP_INIT:
        if (!a->init)
            return -1;
        out.h.ret = a->init();
        return 0;
    case IMPL_OP_CLEANUP:
        if (!a->cleanup)
            return -1;
        out.h.ret = a->cleanup();
        return 0;
    case IMPL_OP_ALLOC:
        if (!a->alloc)
            return -1;
        out.h.value = (uintptr_t)a->alloc(q->size);
        return 0;
    default: /* IMPL_OP_FREE */
        if (!a->dealloc)
            return -1;
        a->dealloc((char *)(uintptr_t)q->addr);
        return 0;
    }
}

static uint64_t heap_in_use(void)
{
#ifdef HAVE_MALLINFO2
    struct mallinfo2 mi = mallinfo2();
    return (uint64_t)mi.uordblks + mi.hblkhd;
#else
    struct mallinfo mi = mallinfo();
    return (uint64_t)(unsigned)mi.uordblks + (unsigned)mi.hblkhd;
#endif
}

/* Fills out.h (and out.data) for a well-formed request. */
static void dispatch(const struct impl_req *q)
{
    switch (q->op) {
    case IMPL_OP_HELLO:
        if (!loaded && !load_error[0])
            load();
        if (!loaded) {
            out.h.status = IMPL_R_LOADFAIL;
            out.h.len = (uint32_t)strlen(load_error);
            memcpy(out.data, load_error, out.h.len);
            return;
        }
        out.h.ret = api_mask();
        return;
    case IMPL_OP_READ:
        /* A bad address faults here: allocsh reports a crash. */
        memcpy(out.data, (const void *)(uintptr_t)q->addr, q->len);
        out.h.len = q->len;
        return;
    case IMPL_OP_WRITE:
        memcpy((void *)(uintptr_t)q->addr, in.data, q->len);
        return;
    case IMPL_OP_HEAP:
        out.h.value = heap_in_use();
        return;
    default:
        if (call(q) < 0)
            out.h.status = IMPL_R_NOFUNC;
    }
}

static void serve(size_t n)
{
    const struct impl_req *q = &in.h;
    int whole = n >= sizeof in.h;
    begin_reply(whole ? q->op : 0, whole ? q->seq : 0);
    if (!whole || !well_formed(q, n)) {
        out.h.status = IMPL_R_BADREQ;
        send_reply();
        return;
    }
    nevents = lost = 0;
    recording = 1;
    dispatch(q);
    recording = 0;
    out.h.nevents = nevents;
    out.h.lost = lost;
    memcpy(out.h.ev, events, sizeof out.h.ev);
    send_reply();
}

static _Noreturn void serve_forever(void)
{
    for (;;) {
        ssize_t n = read(IMPL_RUNNER_FD, &in, sizeof in);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            _exit(0); /* allocsh closed the socket, or is gone */
        serve((size_t)n);
    }
}

/* ---- setup ------------------------------------------------------------------ */

struct options {
    unsigned long long as_bytes;
    unsigned cpu_seconds;
    const char *path;
};

static int parse_number(const char *s, unsigned long max, unsigned long *val)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > max || *s == '-')
        return -1;
    *val = v;
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
    unsigned long v;
    int c;
    o->as_bytes = 512ull << 20;
    o->cpu_seconds = 10;
    while ((c = getopt(argc, argv, "m:t:")) != -1) {
        if (c == 'm' && parse_number(optarg, 1ul << 20, &v) == 0)
            o->as_bytes = (unsigned long long)v << 20;
        else if (c == 't' && parse_number(optarg, 86400, &v) == 0)
            o->cpu_seconds = (unsigned)v;
        else {
            snprintf(err, errlen, "usage: allocsh-runner [-m MIB] [-t SECONDS] SO_PATH");
            return -1;
        }
    }
    if (optind != argc - 1) {
        snprintf(err, errlen, "usage: allocsh-runner [-m MIB] [-t SECONDS] SO_PATH");
        return -1;
    }
    o->path = argv[optind];
    return 0;
}

static int is_seqpacket(int fd)
{
    int type;
    socklen_t len = sizeof type;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
           type == SOCK_SEQPACKET;
}

static void touch_stack(void)
{
    volatile char buf[STACK_RESERVE];
    for (size_t i = 0; i < sizeof buf; i += 4096)
        buf[i] = 0;
}

/* Dispositions and the mask survive exec: a SIGPIPE or SIGSEGV that
 * allocsh ignored or blocked must still end the runner. */
static void reset_signals(void)
{
    sigset_t none;
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Keeps the process's own memory still while the submission runs. */
static void settle_memory(void)
{
    mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    mallopt(M_TRIM_THRESHOLD, INT_MAX);
    free(malloc(HEAP_RESERVE));
    touch_stack();
    /* Students' printf reaches allocsh at once, even if the process dies. */
    setvbuf(stdout, NULL, _IONBF, 0);
}

/* Opens the object now, while open is still allowed; the loader gets this
 * fd later.  The name is made absolute: the loader would call getcwd() for
 * a relative one, and search the library path for one without '/'. */
static void open_object(const char *path)
{
    if (!realpath(path, load_name)) {
        snprintf(load_error, sizeof load_error, "cannot open %.900s: %s", path,
                 strerror(errno));
        return;
    }
    load_fd = open(load_name, O_RDONLY | O_CLOEXEC);
    if (load_fd < 0)
        snprintf(load_error, sizeof load_error, "cannot open %.900s: %s", load_name,
                 strerror(errno));
}

int main(int argc, char **argv)
{
    struct options o;
    char err[512];
    if (!is_seqpacket(IMPL_RUNNER_FD)) {
        fprintf(stderr, "allocsh-runner: fd 3 is not a SOCK_SEQPACKET socket; "
                        "allocsh starts this program\n");
        return IMPL_EXIT_USAGE;
    }
    if (parse_args(argc, argv, &o, err, sizeof err) < 0)
        fail_setup(IMPL_EXIT_USAGE, err);
    reset_signals();
    settle_memory();
    open_object(o.path);
    impl_sandbox sb = {o.as_bytes, o.cpu_seconds, load_fd, on_sigsys};
    if (impl_sandbox_enter(&sb, err, sizeof err) < 0)
        fail_setup(IMPL_EXIT_SETUP, err);
    begin_reply(IMPL_OP_READY, 0);
    send_reply();
    serve_forever();
}
