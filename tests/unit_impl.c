/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_impl.c - allocsh --impl's machinery, on throwaway submissions that
 * this test writes into a temporary directory: building and the cache
 * (impl_build), and the runner in its sandbox (impl_client), with an
 * allocator that works, and others that crash, hang, exit, open files,
 * fork, forge replies, use malloc, or act in a constructor.
 *
 * Needs the runner: $ALLOCSH_RUNNER, else $top_builddir/src/allocsh-runner.
 * Compiles with $CC like allocsh would.  By hand, from the build directory:
 * top_builddir=. tests/unit-impl */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "impl_build.h"
#include "impl_client.h"
#include "tap.h"

/* ---- the submissions -------------------------------------------------------- */

#define MAP_PAGE "mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)"

/* Both APIs, bumping through one page each; init_alloc says hello. */
static const char good_c[] =
    "#include <stdio.h>\n#include <sys/mman.h>\n#include \"alloc.h\"\n#include \"ealloc.h\"\n"
    "static char *page, *epage; static int used, eused;\n"
    "int init_alloc(void) { page = " MAP_PAGE "; used = 0;\n"
    "  printf(\"hello from init\\n\"); return page == MAP_FAILED ? -1 : 0; }\n"
    "int cleanup_alloc(void) { return munmap(page, 4096); }\n"
    "char *alloc_mem(int n) { n = (n + 7) / 8 * 8;\n"
    "  if (n <= 0 || used + n > 4096) return NULL; used += n; return page + used - n; }\n"
    "void dealloc_mem(char *p) { (void)p; }\n"
    "int einit_alloc(void) { epage = NULL; return 0; }\n"
    "int ecleanup_alloc(void) { return 0; }\n"
    "char *ealloc_mem(int n) { n = (n + 255) / 256 * 256;\n"
    "  if (!epage) { epage = " MAP_PAGE "; eused = 0; }\n"
    "  if (n <= 0 || eused + n > 4096) return NULL; eused += n; return epage + eused - n; }\n"
    "void edealloc_mem(char *p) { (void)p; }\n";

/* A directory submission whose two files share a global name. */
static const char dir_alloc_c[] =
    "#include \"alloc.h\"\nchar buf[64];\n"
    "int init_alloc(void) { return 0; }\nint cleanup_alloc(void) { return 0; }\n"
    "char *alloc_mem(int n) { (void)n; return buf; }\nvoid dealloc_mem(char *p) { (void)p; }\n";
static const char dir_ealloc_c[] =
    "#include \"ealloc.h\"\nchar buf[64];\n"
    "int einit_alloc(void) { return 0; }\nint ecleanup_alloc(void) { return 0; }\n"
    "char *ealloc_mem(int n) { (void)n; return buf; }\nvoid edealloc_mem(char *p) { (void)p; }\n";

/* Misbehaving on demand, one object for several tests (each compile costs
 * a good part of a second): dealloc_mem segfaults; alloc_mem(13) aborts,
 * (9) exits with status 3, (7) writes to the protocol socket, (64) never
 * returns.  The ealloc API is plain malloc and free. */
static const char misbehave_c[] =
    "#include <stdlib.h>\n#include <unistd.h>\n#include \"alloc.h\"\n#include \"ealloc.h\"\n"
    "static char buf[64];\n"
    "int init_alloc(void) { return 0; }\nint cleanup_alloc(void) { return 0; }\n"
    "char *alloc_mem(int n) { if (n == 13) abort(); if (n == 9) exit(3);\n"
    "  if (n == 7 && write(3, \"junk\", 4) < 0) return NULL;\n"
    "  while (n == 64) ; return buf; }\n"
    "void dealloc_mem(char *p) { (void)p; *(volatile int *)0 = 1; }\n"
    "int einit_alloc(void) { return 0; }\nint ecleanup_alloc(void) { return 0; }\n"
    "char *ealloc_mem(int n) { return malloc(n); }\n"
    "void edealloc_mem(char *p) { free(p); }\n";

/* Reaching out of the sandbox: alloc_mem(1) opens a file, (2) forks, (3)
 * creates PLANT with fopen, (4) tells the errno its constructor got when
 * it tried to create CTOR_PLANT at load time.  The paths are defined in
 * front by test_forbidden(). */
static const char forbid_c[] =
    "#include <errno.h>\n#include <fcntl.h>\n#include <stdio.h>\n#include <unistd.h>\n"
    "#include \"alloc.h\"\n"
    "int init_alloc(void) { return 0; }\nint cleanup_alloc(void) { return 0; }\n"
    "void dealloc_mem(char *p) { (void)p; }\n"
    "static int seen;\n"
    "__attribute__((constructor)) static void early(void) {\n"
    "  int fd = open(CTOR_PLANT, O_WRONLY | O_CREAT, 0600); seen = fd < 0 ? errno : -1; }\n"
    "char *alloc_mem(int n) {\n"
    "  if (n == 1) return (char *)(long)open(\"/etc/passwd\", O_RDONLY);\n"
    "  if (n == 2) return (char *)(long)fork();\n"
    "  if (n == 3) { FILE *f = fopen(PLANT, \"w\"); if (f) fputs(\"planted\", f); return (char *)f; }\n"
    "  return (char *)(long)seen; }\n";

static const char broken_c[] =
    "#include \"alloc.h\"\nint init_alloc(void) { return 0 }\n";

/* Counts its included parameter into the key. */
static const char inc_c[] =
    "#include \"param.h\"\n#include \"alloc.h\"\n"
    "int init_alloc(void) { return PARAM; }\nint cleanup_alloc(void) { return 0; }\n"
    "char *alloc_mem(int n) { (void)n; return 0; }\nvoid dealloc_mem(char *p) { (void)p; }\n";

/* ---- helpers -------------------------------------------------------------- */

static char top[PATH_MAX];
static impl_objects objs; /* big: not on the stack */

static const char *in_tmp(const char *name)
{
    static char buf[4][PATH_MAX + 256];
    static int next;
    char *b = buf[next++ % 4];
    snprintf(b, sizeof buf[0], "%.*s/%s", PATH_MAX - 1, top, name);
    return b;
}

static void put(const char *name, const char *prefix, const char *text)
{
    FILE *f = fopen(in_tmp(name), "w");
    if (!f || fputs(prefix, f) < 0 || fputs(text, f) < 0 || fclose(f) != 0) {
        printf("Bail out! cannot write %s\n", in_tmp(name));
        exit(1);
    }
}

static int build(const char *name)
{
    char err[512];
    int rc = impl_build(in_tmp(name), &objs, err, sizeof err);
    if (rc != IMPL_BUILD_OK)
        printf("# impl_build(%s): %s\n# %s\n", name, err, objs.cc_output);
    return rc;
}

static impl_proc *spawn(const char *so, int call_ms, int out_fd)
{
    impl_limits lim = {call_ms, 0, 0};
    impl_proc *p = NULL;
    char err[512];
    if (impl_spawn(so, &lim, out_fd, &p, err, sizeof err) < 0)
        printf("# impl_spawn(%s): %s\n", so, err);
    return p;
}

static int has(const char *haystack, const char *needle)
{
    int yes = haystack && strstr(haystack, needle) != NULL;
    if (!yes)
        printf("#   '%s' lacks '%s'\n", haystack ? haystack : "(null)", needle);
    return yes;
}

/* A call's status as an int, or -1 when there is no process to call. */
#define CALL(p, call) ((p) ? (int)(call) : -1)

static const char *msg(impl_proc *p)
{
    return p ? impl_message(p) : "(no process)";
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static long long mtime_ns(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    return st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

/* ---- building ---------------------------------------------------------------- */

static void test_build_and_cache(void)
{
    char first[IMPL_PATH_MAX];
    struct stat st;
    put("good.c", "", good_c);
    TAP_EQ(build("good.c"), IMPL_BUILD_OK, "good.c builds");
    TAP_EQ(objs.compiled, 1, "one object compiled");
    TAP_OK(objs.alloc_so[0] && strcmp(objs.alloc_so, objs.ealloc_so) == 0,
           "a single file gives one object for both APIs");
    TAP_OK(strncmp(objs.alloc_so, top, strlen(top)) == 0 && exists(objs.alloc_so),
           "the object is in ALLOCSH_CACHE_DIR");
    TAP_OK(stat(in_tmp("cache/impl"), &st) == 0 && (st.st_mode & 0777) == 0700,
           "the cache directory is created with mode 0700");
    snprintf(first, sizeof first, "%s", objs.alloc_so);
    long long before = mtime_ns(first);

    TAP_EQ(build("good.c"), IMPL_BUILD_OK, "good.c builds again");
    TAP_EQ(objs.compiled, 0, "the second build compiles nothing");
    TAP_OK(strcmp(objs.alloc_so, first) == 0, "and names the same object");
    TAP_EQ(mtime_ns(first), before, "which was not rewritten");

    mkdir(in_tmp("elsewhere"), 0700);
    put("elsewhere/good.c", "", good_c);
    TAP_EQ(build("elsewhere/good.c"), IMPL_BUILD_OK, "a copy elsewhere builds");
    TAP_OK(objs.compiled == 0 && strcmp(objs.alloc_so, first) == 0,
           "from the cache: the location is not part of the key");

    char err[256];
    TAP_EQ(impl_build(first, &objs, err, sizeof err), IMPL_BUILD_OK,
           "a .so path is accepted");
    TAP_OK(strcmp(objs.alloc_so, first) == 0 && strcmp(objs.ealloc_so, first) == 0 &&
               objs.compiled == 0,
           "and used as it is for both APIs");
}

static void test_build_includes(void)
{
    char one[IMPL_PATH_MAX];
    put("param.h", "", "#define PARAM 1\n");
    put("inc.c", "", inc_c);
    TAP_EQ(build("inc.c"), IMPL_BUILD_OK, "a file including its own header builds");
    snprintf(one, sizeof one, "%s", objs.alloc_so);
    put("param.h", "", "#define PARAM 2\n");
    TAP_EQ(build("inc.c"), IMPL_BUILD_OK, "and builds after the header changed");
    TAP_OK(objs.compiled == 1 && strcmp(one, objs.alloc_so) != 0,
           "into another object: included files are part of the key");
}

static void test_build_errors(void)
{
    char err[512] = "";
    put("broken.c", "", broken_c);
    int rc = impl_build(in_tmp("broken.c"), &objs, err, sizeof err);
    TAP_EQ(rc, IMPL_BUILD_COMPILE, "a syntax error is a compile error");
    TAP_OK(objs.cc_status != 0, "with the compiler's status (%d)", objs.cc_status);
    TAP_OK(has(objs.cc_output, "broken.c:2") && has(objs.cc_output, "error"),
           "and its own message");
    TAP_OK(has(err, "broken.c does not compile"), "err names the file");
    TAP_OK(objs.alloc_so[0] == '\0', "and no object is named");

    rc = impl_build(in_tmp("nothing-here"), &objs, err, sizeof err);
    TAP_OK(rc == IMPL_BUILD_ERROR && has(err, "nothing-here"),
           "a missing PATH is an error naming it");
    rc = impl_build(in_tmp("elsewhere"), &objs, err, sizeof err);
    TAP_OK(rc == IMPL_BUILD_ERROR && has(err, "neither alloc.c nor ealloc.c"),
           "so is a directory without sources");
}

/* ---- running --------------------------------------------------------------- */

static void test_directory(void)
{
    char a[IMPL_PATH_MAX];
    unsigned apis = 99;
    mkdir(in_tmp("sub"), 0700);
    put("sub/alloc.c", "", dir_alloc_c);
    put("sub/ealloc.c", "", dir_ealloc_c);
    TAP_EQ(build("sub"), IMPL_BUILD_OK, "a directory with clashing globals builds");
    TAP_OK(objs.compiled == 2 && objs.alloc_so[0] && objs.ealloc_so[0] &&
               strcmp(objs.alloc_so, objs.ealloc_so) != 0,
           "into two objects");
    snprintf(a, sizeof a, "%s", objs.alloc_so);
    impl_proc *p = spawn(a, 0, -1);
    TAP_EQ(CALL(p, impl_hello(p, &apis)), IMPL_OK, "alloc.c's object loads");
    TAP_EQ(apis, IMPL_API_ALLOC, "HELLO: it provides alloc.h's API only");
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_EALLOC, 8, NULL, NULL)), IMPL_MISSING,
           "ealloc_mem there is missing");
    TAP_OK(has(msg(p), "does not define ealloc_mem"), "and says so");
    TAP_EQ(CALL(p, impl_init(p, IMPL_KIND_ALLOC, NULL, NULL)), IMPL_OK,
           "and the runner still serves");
    impl_close(p);
    p = spawn(objs.ealloc_so, 0, -1);
    TAP_EQ(CALL(p, impl_hello(p, &apis)), IMPL_OK, "ealloc.c's object loads");
    TAP_EQ(apis, IMPL_API_EALLOC, "HELLO: it provides ealloc.h's API only");
    impl_close(p);
}

/* What the file holds so far. */
static void read_all(int fd, char *buf, size_t len)
{
    ssize_t n = pread(fd, buf, len - 1, 0);
    buf[n > 0 ? n : 0] = '\0';
}

static void check_map_events(const impl_events *ev, impl_event_type type, uint64_t addr,
                             const char *what)
{
    TAP_OK(ev->n == 1 && ev->lost == 0 && ev->ev[0].type == type &&
               ev->ev[0].len == 4096 && (!addr || ev->ev[0].addr == addr) &&
               ev->ev[0].addr != 0 && ev->ev[0].addr % 4096 == 0,
           "%s: one %s of 4096 bytes reported", what, type == IMPL_EV_MAP ? "map" : "unmap");
}

static void test_good_memory(impl_proc *p, uint64_t page)
{
    uint64_t a = 0, b = 0;
    impl_events ev;
    char got[16] = "";
    TAP_EQ(impl_alloc(p, IMPL_KIND_ALLOC, 100, &a, &ev), IMPL_OK, "alloc_mem(100)");
    TAP_OK(a == page && ev.n == 0, "returns the page's start and maps nothing");
    TAP_EQ(impl_alloc(p, IMPL_KIND_ALLOC, 8, &b, NULL), IMPL_OK, "alloc_mem(8)");
    TAP_EQ(b, page + 104, "comes after the first block, rounded to 8");
    TAP_EQ(impl_write(p, b, "hello", 6), IMPL_OK, "WRITE into the block");
    TAP_EQ(impl_read(p, b, got, 6), IMPL_OK, "READ it back");
    TAP_OK(strcmp(got, "hello") == 0, "the same bytes (%s)", got);
    TAP_EQ(impl_free(p, IMPL_KIND_ALLOC, a, &ev), IMPL_OK, "dealloc_mem");
    TAP_EQ(impl_read(p, 0, got, 4), IMPL_REFUSED, "READ at address 0 is refused");
    TAP_EQ(impl_heap(p, &a), IMPL_OK, "and the runner still serves");
}

static void test_good(void)
{
    int out, ret = -1;
    unsigned apis = 0;
    impl_events ev;
    uint64_t e = 0;
    char text[256];
    /* A regular file, which the runner itself could not write to. */
    out = open(in_tmp("out.txt"), O_RDWR | O_CREAT | O_TRUNC, 0600);
    TAP_OK(build("good.c") == IMPL_BUILD_OK && out >= 0, "good.c again");
    impl_proc *p = spawn(objs.alloc_so, 0, out);
    close(out);
    out = open(in_tmp("out.txt"), O_RDONLY);
    TAP_OK(p && impl_pid(p) > 0, "the runner starts");
    if (!p)
        return;
    TAP_EQ(impl_hello(p, &apis), IMPL_OK, "HELLO");
    TAP_EQ(apis, IMPL_API_ALLOC | IMPL_API_EALLOC, "both APIs are there");
    TAP_EQ(impl_init(p, IMPL_KIND_ALLOC, &ret, &ev), IMPL_OK, "init_alloc()");
    TAP_EQ(ret, 0, "returns 0");
    check_map_events(&ev, IMPL_EV_MAP, 0, "init_alloc");
    uint64_t page = ev.ev[0].addr;
    read_all(out, text, sizeof text);
    TAP_OK(strcmp(text, "hello from init\n") == 0, "its printf is in out_fd when it returns");
    test_good_memory(p, page);

    long long vsz = impl_vsz(p);
    TAP_OK(vsz > 0, "VSZ is known (%lld)", vsz);
    TAP_EQ(impl_alloc(p, IMPL_KIND_EALLOC, 300, &e, &ev), IMPL_OK, "ealloc_mem(300)");
    check_map_events(&ev, IMPL_EV_MAP, e, "ealloc_mem");
    TAP_EQ(impl_vsz(p) - vsz, 4096, "VSZ grows by the submission's one page, no more");
    TAP_EQ(impl_cleanup(p, IMPL_KIND_ALLOC, &ret, &ev), IMPL_OK, "cleanup_alloc()");
    check_map_events(&ev, IMPL_EV_UNMAP, page, "cleanup_alloc");
    pid_t pid = impl_pid(p);
    impl_close(p);
    TAP_OK(kill(pid, 0) < 0 && errno == ESRCH, "impl_close ends and reaps the runner");
    close(out);
}

/* A fresh runner of the misbehaving object for each way of failing. */
static impl_proc *misbehave(int call_ms)
{
    static char so[IMPL_PATH_MAX];
    if (!so[0]) {
        put("misbehave.c", "", misbehave_c);
        if (build("misbehave.c") != IMPL_BUILD_OK)
            return NULL;
        snprintf(so, sizeof so, "%s", objs.alloc_so);
    }
    return spawn(so, call_ms, -1);
}

static void test_crash(void)
{
    impl_proc *p = misbehave(0);
    uint64_t a = 0;
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 16, &a, NULL)), IMPL_OK,
           "misbehave.c allocates");
    TAP_EQ(CALL(p, impl_free(p, IMPL_KIND_ALLOC, a, NULL)), IMPL_CRASH,
           "dealloc_mem crashes");
    TAP_OK(has(msg(p), "dealloc_mem died of SIGSEGV"), "named with its signal");
    long long t = now_ms();
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 8, NULL, NULL)), IMPL_GONE,
           "the next call finds it gone");
    TAP_OK(now_ms() - t < 100, "at once (%lld ms)", now_ms() - t);
    TAP_OK(has(msg(p), "no longer running") && has(msg(p), "SIGSEGV"), "and says why");
    TAP_EQ(p ? impl_pid(p) : 0, -1, "the runner was reaped");
    impl_close(p);

    p = misbehave(0);
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 13, NULL, NULL)), IMPL_CRASH,
           "abort() in alloc_mem");
    TAP_OK(has(msg(p), "alloc_mem(13) died of SIGABRT"), "dies of SIGABRT");
    impl_close(p);
    p = misbehave(0);
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 9, NULL, NULL)), IMPL_EXITED,
           "exit(3) in alloc_mem");
    TAP_OK(has(msg(p), "alloc_mem(9) ended the process with exit status 3"), "is told");
    impl_close(p);
    p = misbehave(0);
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 7, NULL, NULL)), IMPL_PROTOCOL,
           "writing to the protocol socket");
    TAP_OK(has(msg(p), "malformed reply"), "is a malformed reply");
    impl_close(p);
}

static void test_timeout(void)
{
    impl_proc *p = misbehave(300);
    long long t = now_ms();
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 64, NULL, NULL)), IMPL_TIMEOUT,
           "an endless alloc_mem times out");
    t = now_ms() - t;
    TAP_OK(t >= 290 && t < 2000, "after call_ms (%lld ms)", t);
    TAP_OK(has(msg(p), "alloc_mem(64) did not return within 300 ms"), "and says so");
    TAP_EQ(p ? impl_pid(p) : 0, -1, "the runner was killed and reaped");
    impl_close(p);
}

static void test_heap(void)
{
    uint64_t before = 0, after = 0, freed = 0, a = 0;
    impl_proc *p = misbehave(0);
    TAP_EQ(CALL(p, impl_heap(p, &before)), IMPL_OK, "HEAP");
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_EALLOC, 1000, &a, NULL)), IMPL_OK,
           "malloc-based ealloc_mem(1000)");
    TAP_EQ(CALL(p, impl_heap(p, &after)), IMPL_OK, "HEAP again");
    TAP_OK(after >= before + 1000 && after < before + 1100,
           "grew by the block (%llu -> %llu)", (unsigned long long)before,
           (unsigned long long)after);
    TAP_EQ(CALL(p, impl_free(p, IMPL_KIND_EALLOC, a, NULL)), IMPL_OK, "free it");
    TAP_EQ(CALL(p, impl_heap(p, &freed)), IMPL_OK, "HEAP once more");
    TAP_EQ(freed, before, "back where it was (no cache of freed chunks hides it)");
    impl_close(p);
}

static void expect_forbidden(const char *so, int how, const char *call1,
                             const char *call2)
{
    impl_proc *p = spawn(so, 0, -1);
    char call[32];
    snprintf(call, sizeof call, "alloc_mem(%d)", how);
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, how, NULL, NULL)), IMPL_FORBIDDEN,
           "%s: a forbidden system call", call);
    TAP_OK(has(msg(p), "made a forbidden system call: ") && has(msg(p), call) &&
               (strstr(msg(p), call1) || strstr(msg(p), call2)),
           "%s: named %s", call, call1);
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 4, NULL, NULL)), IMPL_GONE,
           "%s: and the runner is gone", call);
    impl_close(p);
}

static void test_forbidden(void)
{
    char define[2 * PATH_MAX + 64], so[IMPL_PATH_MAX];
    uint64_t seen = 0;
    unsigned apis = 0;
    snprintf(define, sizeof define, "#define PLANT \"%s\"\n#define CTOR_PLANT \"%s\"\n",
             in_tmp("planted.txt"), in_tmp("ctor.txt"));
    put("forbid.c", define, forbid_c);
    if (build("forbid.c") != IMPL_BUILD_OK)
        objs.alloc_so[0] = '\0';
    snprintf(so, sizeof so, "%s", objs.alloc_so);
    expect_forbidden(so, 1, "openat", ": open");
    expect_forbidden(so, 2, "clone", "fork");
    expect_forbidden(so, 3, "openat", ": open");
    TAP_OK(!exists(in_tmp("planted.txt")), "fopen created no file");

    impl_proc *p = spawn(so, 0, -1);
    TAP_EQ(CALL(p, impl_hello(p, &apis)), IMPL_OK, "a constructor's open fails, not the load");
    TAP_EQ(CALL(p, impl_alloc(p, IMPL_KIND_ALLOC, 4, &seen, NULL)), IMPL_OK,
           "and the object serves");
    TAP_EQ(seen, EACCES, "the constructor ran in the sandbox: open gave EACCES");
    TAP_OK(!exists(in_tmp("ctor.txt")), "and created no file");
    impl_close(p);
}

static void test_spawn_errors(void)
{
    char err[512] = "";
    unsigned apis;
    impl_proc *p = spawn(in_tmp("no-such.so"), 0, -1);
    TAP_EQ(CALL(p, impl_hello(p, &apis)), IMPL_MISSING, "a missing object does not load");
    TAP_OK(has(msg(p), "cannot load the submission") && has(msg(p), "no-such.so"),
           "and says which");
    TAP_EQ(CALL(p, impl_init(p, IMPL_KIND_ALLOC, NULL, NULL)), IMPL_MISSING,
           "later calls say so too");
    impl_close(p);

    const char *saved = getenv("ALLOCSH_RUNNER");
    char keep[PATH_MAX];
    snprintf(keep, sizeof keep, "%s", saved ? saved : "");
    setenv("ALLOCSH_RUNNER", in_tmp("no-runner"), 1);
    p = NULL;
    TAP_EQ(impl_spawn(objs.alloc_so, NULL, -1, &p, err, sizeof err), -1,
           "a missing runner fails impl_spawn");
    TAP_OK(p == NULL && has(err, "no-runner") && has(err, "No such file"), "naming it");
    setenv("ALLOCSH_RUNNER", keep, 1);
}

/* ---- setup ------------------------------------------------------------------- */

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void setup(void)
{
    const char *build = getenv("top_builddir");
    char runner[PATH_MAX];
    snprintf(top, sizeof top, "%s/unit-impl.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(top)) {
        printf("Bail out! mkdtemp: %s\n", strerror(errno));
        exit(1);
    }
    setenv("ALLOCSH_CACHE_DIR", in_tmp("cache/impl"), 1);
    if (!getenv("ALLOCSH_RUNNER")) {
        snprintf(runner, sizeof runner, "%s/src/allocsh-runner", build ? build : ".");
        setenv("ALLOCSH_RUNNER", runner, 1);
    }
}

int main(void)
{
    setup();
    test_build_and_cache();
    test_build_includes();
    test_build_errors();
    test_directory();
    test_good();
    test_crash();
    test_timeout();
    test_forbidden();
    test_heap();
    test_spawn_errors();
    nftw(top, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    return tap_done();
}
