/* impl_side.h - a student's allocator (allocsh --impl) as one side of the
 * session.  Every call goes to the submission in its sandboxed runner
 * (impl_client.h); the library's own allocator runs alongside as the
 * reference the assignment describes (first fit, split, coalesce; ealloc
 * maps a page only when no mapped page can hold the request).
 *
 * The layout is derived from what the submission returns: a block's page
 * is the submission's mapping that holds the pointer, numbered in the
 * order they were mapped, its offset the distance from that mapping's
 * base; free space is what lies between live blocks.  After every call the
 * pointer, the pages and the bytes of every live block are checked, and a
 * departure from the assignment is recorded for the shell to report as the
 * failure (or warning) of the command that caused it. */
#ifndef ALLOCSH_IMPL_SIDE_H
#define ALLOCSH_IMPL_SIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "impl_client.h"
#include "pagealloc.h"

typedef struct impl_side impl_side;

/* What the submission did wrong, by check; the names are error kinds. */
typedef enum {
    IMPL_CHK_NONE,
    IMPL_CHK_CRASH,      /* "crash": it died of a signal */
    IMPL_CHK_TIMEOUT,    /* "timeout": a call did not return in time */
    IMPL_CHK_FORBIDDEN,  /* "forbidden": a system call outside the sandbox */
    IMPL_CHK_GONE,       /* "gone": it is no longer running */
    IMPL_CHK_NO_API,     /* "no-api": it lacks this allocator's functions */
    IMPL_CHK_POINTER,    /* "bad-pointer": outside its mapped pages, misaligned */
    IMPL_CHK_OVERLAP,    /* "overlap": a block over a live block */
    IMPL_CHK_CORRUPTED,  /* "corrupted": a live block's bytes changed */
    IMPL_CHK_PLACEMENT,  /* "placement": not where the assignment puts it */
    IMPL_CHK_SIZE,       /* "size-rule": a size the assignment refuses taken */
    IMPL_CHK_PAGES,      /* "page-rule": pages mapped or unmapped against the rules */
    IMPL_CHK_LEAK,       /* "leak": heap memory kept after cleanup */
    IMPL_CHK_COUNT
} impl_check;

/* The checks a TA may make reports instead of failures. */
#define IMPL_CHK_SOFTENABLE ((1u << IMPL_CHK_PLACEMENT) | (1u << IMPL_CHK_SIZE) | \
                             (1u << IMPL_CHK_PAGES) | (1u << IMPL_CHK_LEAK))

/* The runner starts at the first call; ref is the side's reference arena. */
impl_side *impl_side_new(pa_kind kind, const char *so_path, const impl_limits *lim,
                         pa_arena *ref);
void impl_side_free(impl_side *is);
/* Whether the runner was started: a side never used is not checked. */
bool impl_side_started(const impl_side *is);

/* The operations of side.h.  Statuses follow the submission: PA_OK, or
 * PA_ENOSPACE when it returned NULL, PA_ESIZE for a size it refused as it
 * should; whatever broke the assignment is kept for impl_side_take(). */
bool impl_side_size_ok(impl_side *is, size_t size);
pa_status impl_side_alloc(impl_side *is, size_t size, void **out);
pa_status impl_side_free_block(impl_side *is, void *ptr);
pa_status impl_side_reset(impl_side *is);
pa_status impl_side_locate(const impl_side *is, const void *ptr, pa_where *where);
/* The figures of the derived layout; the extents searched are the
 * reference's, since a submission does not report its search. */
void impl_side_stats(impl_side *is, pa_stats *st);
int impl_side_walk(impl_side *is, pa_walk_fn fn, void *ctx);
void impl_side_read(impl_side *is, const void *addr, void *buf, size_t len);
void impl_side_write(impl_side *is, void *addr, const void *buf, size_t len);
/* What the `impl` command shows of the submission behind a side. */
typedef struct impl_info {
    const char *object;          /* "" when the submission lacks this kind */
    bool started, running;
    long long vsz, vsz_start;    /* the runner's address space, bytes */
    unsigned long long heap, heap_before; /* malloc heap in use */
    size_t pages, peak_pages;
    const char *kind_name, *path; /* filled by the command */
} impl_info;
void impl_side_info(impl_side *is, impl_info *out);

/* The first failure since the last take (IMPL_CHK_NONE: none), with its
 * message; clears it.  Later failures of the same call are dropped: the
 * first is the cause. */
impl_check impl_side_take(impl_side *is, char *msg, size_t len);
const char *impl_check_name(impl_check c);

/* Reads --impl-checks / `set impl-checks`: a comma-separated list of the
 * checks that fail a command, of "all", "safety" (crash, timeout,
 * forbidden, bad-pointer, overlap and corrupted always fail) and the names
 * placement, size-rule, page-rule and leak.  Sets *soft to the mask of
 * checks only reported.  0, or -1 with err. */
int impl_checks_parse(const char *list, unsigned *soft, char *err, size_t errlen);

#endif
