/* impl_client.h - allocsh's side of a student's allocator: each shared
 * object (impl_build.h) runs in an allocsh-runner process of its own, in a
 * sandbox, and every call of its API is a request to that process.  The
 * submission never runs inside allocsh.
 *
 * Every request waits at most lim->call_ms.  A call that crashes, hangs,
 * makes a forbidden system call or garbles the protocol ends the runner;
 * the status says which, impl_message() says it in a sentence for the user
 * ("alloc_mem(128) died of SIGSEGV"), and every later call returns
 * IMPL_GONE at once.  Messages hold no addresses, so output stays
 * reproducible.  The runner is always reaped; allocsh never gets SIGPIPE.
 *
 * The runner program is $ALLOCSH_RUNNER, else allocsh-runner beside the
 * running executable (the build tree), else the installed one in
 * $(pkglibexecdir). */
#ifndef ALLOCSH_IMPL_CLIENT_H
#define ALLOCSH_IMPL_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef enum {
    IMPL_OK = 0,
    IMPL_CRASH,     /* the runner died of a signal during the call */
    IMPL_EXITED,    /* the submission ended the process (exit, _exit) */
    IMPL_TIMEOUT,   /* no reply within call_ms; the runner was killed */
    IMPL_FORBIDDEN, /* a system call outside the sandbox's list; runner gone */
    IMPL_GONE,      /* the runner had already ended; nothing was sent */
    IMPL_PROTOCOL,  /* a malformed reply; the runner was killed */
    IMPL_MISSING,   /* the object lacks the function, or (impl_hello) could
                       not be loaded; the runner still serves */
    IMPL_REFUSED    /* a malformed request (bad kind, address 0); nothing
                       was done and the runner still serves */
} impl_status;

/* Which of the assignment's APIs a call addresses. */
enum { IMPL_KIND_ALLOC = 0, IMPL_KIND_EALLOC = 1 };
#define IMPL_API_ALLOC (1u << IMPL_KIND_ALLOC)   /* init_alloc ... dealloc_mem */
#define IMPL_API_EALLOC (1u << IMPL_KIND_EALLOC) /* einit_alloc ... edealloc_mem */

typedef struct {
    int call_ms;     /* limit per call in milliseconds; 0 means 2000 */
    unsigned as_mib; /* the runner's address space (RLIMIT_AS); 0 means 512 */
    unsigned cpu_s;  /* its CPU time in all (RLIMIT_CPU); 0 means 10 */
} impl_limits;

/* The mmap, munmap and mremap calls the submission made during one request,
 * in call order (an mremap is an unmap of the old range, then a map of the
 * new).  Lengths are as passed; the kernel rounds them up to whole pages. */
#define IMPL_EVENTS_MAX 32
typedef enum { IMPL_EV_MAP = 1, IMPL_EV_UNMAP = 2 } impl_event_type;
typedef struct {
    impl_event_type type;
    uint64_t addr, len;
} impl_event;
typedef struct {
    unsigned n;    /* entries of ev in use */
    unsigned lost; /* calls beyond IMPL_EVENTS_MAX, not listed */
    impl_event ev[IMPL_EVENTS_MAX];
} impl_events;

typedef struct impl_proc impl_proc;

/* Starts a runner for so_path and waits until it is in its sandbox.
 * What the submission prints (stdout and stderr) is written to out_fd
 * (-1: thrown away): the runner writes into a pipe, which each call
 * empties into a copy of out_fd before it returns, so output comes before
 * the outcome of the call that printed it.  out_fd may be any writable
 * fd, a regular file too; a pipe without reader gives allocsh SIGPIPE, as
 * its own output would.  lim may be NULL for the defaults.  0 with *out,
 * or -1 with err. */
int impl_spawn(const char *so_path, const impl_limits *lim, int out_fd,
               impl_proc **out, char *err, size_t errlen);

/* Loads the object in the runner (its constructors run there) and says
 * which APIs it defines completely, as IMPL_API_* bits.  The other calls
 * do this first when it has not been done. */
impl_status impl_hello(impl_proc *p, unsigned *apis);

/* The assignment's functions.  ret, addr and ev may be NULL. */
impl_status impl_init(impl_proc *p, int kind, int *ret, impl_events *ev);
impl_status impl_cleanup(impl_proc *p, int kind, int *ret, impl_events *ev);
impl_status impl_alloc(impl_proc *p, int kind, int size, uint64_t *addr,
                       impl_events *ev);
impl_status impl_free(impl_proc *p, int kind, uint64_t addr, impl_events *ev);

/* Copies the submission's memory.  The runner does not check addresses:
 * read and write only ranges inside mappings the events reported (a bad
 * address is an IMPL_CRASH). */
impl_status impl_read(impl_proc *p, uint64_t addr, void *buf, size_t len);
impl_status impl_write(impl_proc *p, uint64_t addr, const void *buf, size_t len);

/* Bytes of malloc heap in use in the runner (mallinfo2: uordblks plus
 * hblkhd), after loading the object; the runner's own use is constant
 * between requests, and freed chunks are not cached (tcache is off). */
impl_status impl_heap(impl_proc *p, uint64_t *bytes);

/* The runner's virtual size in bytes from /proc/PID/statm, -1 when it is
 * gone.  Only the submission's mappings move it: the runner's heap and
 * stack are grown before the submission runs. */
long long impl_vsz(const impl_proc *p);

/* What the last call did wrong, as a sentence without a final period; ""
 * after IMPL_OK. */
const char *impl_message(const impl_proc *p);

/* The runner's process id, or -1 once it has ended. */
pid_t impl_pid(const impl_proc *p);

/* Kills and reaps the runner, frees p.  NULL is fine. */
void impl_close(impl_proc *p);

/* "OK", "CRASH", ...: for logs and JSON. */
const char *impl_status_name(impl_status s);

#endif /* ALLOCSH_IMPL_CLIENT_H */
