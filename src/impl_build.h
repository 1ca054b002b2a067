/* impl_build.h - turning allocsh --impl PATH into shared objects that
 * allocsh-runner can load.
 *
 * PATH is one of:
 *   - a directory holding alloc.c and/or ealloc.c: each is compiled into an
 *     object of its own (students' two files often define the same global
 *     names);
 *   - one .c file: one object, for whichever APIs it defines;
 *   - a shared object (.so): used as it is.
 * Compiled with $CC (default cc, split on blanks) and
 *   -shared -fPIC -O1 -std=gnu11 -w -I<cache>/include-<hash> -I<PATH's dir>
 * where the include directory holds the assignment's alloc.h and ealloc.h,
 * so a submission compiles against the official prototypes even when it
 * ships its own copies.
 *
 * Objects are cached in $ALLOCSH_CACHE_DIR, else $XDG_CACHE_HOME/allocsh/impl
 * (when that is absolute), else $HOME/.cache/allocsh/impl; directories made
 * 0700, and a cache writable by others is refused.  The key is a 64-bit
 * FNV-1a hash of a format version, the CC string, the flags and the
 * preprocessed source (so included files count, and the submission's
 * location does not).  Objects appear under their final name by rename(),
 * so graders running in parallel share the cache safely.  The hash guards
 * against accidents, not against a submission crafted to collide. */
#ifndef ALLOCSH_IMPL_BUILD_H
#define ALLOCSH_IMPL_BUILD_H

#include <stddef.h>

#define IMPL_PATH_MAX 4096
#define IMPL_CC_OUTPUT_MAX 16384

enum {
    IMPL_BUILD_OK = 0,
    IMPL_BUILD_ERROR = -1,  /* PATH unusable, no cache, no compiler: err says */
    IMPL_BUILD_COMPILE = -2, /* the submission does not compile: err, cc_* say */
    IMPL_BUILD_STOPPED = -3  /* Ctrl-C, SIGTERM or SIGHUP stopped the compiler */
};

typedef struct {
    /* Object providing alloc.h's API and ealloc.h's, "" when the submission
     * has no such file.  For a single .c or .so both name the same object,
     * whose HELLO (impl_client.h) tells which APIs it really defines. */
    char alloc_so[IMPL_PATH_MAX];
    char ealloc_so[IMPL_PATH_MAX];
    unsigned compiled; /* objects compiled by this call, not taken from the cache */
    /* On IMPL_BUILD_COMPILE, about the first file that failed: the
     * compiler's exit status (128 + N when signal N ended it) and its
     * standard error, NUL-terminated, cut to IMPL_CC_OUTPUT_MAX - 1 bytes.
     * The other file's object, if it built, is still named above. */
    int cc_status;
    char cc_output[IMPL_CC_OUTPUT_MAX];
} impl_objects;

/* Whether PATH can be a submission at all: it exists and is a directory,
 * a .c file or a .so file.  0, or -1 with the reason in err: a path that
 * is not is the grader's mistake (a usage error), not the submission's. */
int impl_path_usable(const char *path, char *err, size_t errlen);

/* Builds PATH (see above) into *out.  IMPL_BUILD_OK, or one of the errors
 * with a one-line message in err (for a compile error, naming the file and
 * the compiler's status; the compiler's own text is in out->cc_output). */
int impl_build(const char *path, impl_objects *out, char *err, size_t errlen);

/* The cache directory, created if needed and checked to be private, as an
 * absolute path.  0, or -1 with err. */
int impl_cache_dir(char *buf, size_t len, char *err, size_t errlen);

#endif /* ALLOCSH_IMPL_BUILD_H */
