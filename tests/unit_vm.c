/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_vm.c - the pages are real: the process's virtual size grows by
 * exactly one page per page ealloc maps, not at all when freed space is
 * reused, and not after ecleanup_alloc() and einit_alloc(), whose kept
 * pages serve again.
 *
 * Measuring must not disturb the measure: the size is read with open() and
 * read() into a static buffer, stdio and malloc are warmed up first, and
 * each check is measure, operate, measure, then print. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "ealloc.h"
#include "pagealloc.h"
#include "tap.h"

static char stat_buf[1024];

/* Field 23 of /proc/self/stat, vsize in bytes; 0 when it cannot be read. */
static unsigned long long vsize(void)
{
    int fd = open("/proc/self/stat", O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, stat_buf, sizeof stat_buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    stat_buf[n] = '\0';
    /* Field 2, the command name, may hold spaces and parentheses: count
     * from its last ')'.  After the step for field f, p is on the space
     * before field f. */
    char *p = strrchr(stat_buf, ')');
    for (int field = 3; p && field <= 23; field++)
        p = strchr(p + 1, ' ');
    return p ? strtoull(p + 1, NULL, 10) : 0;
}

/* What one operation did to the virtual size, printed afterwards. */
static long long grown;

#define MEASURE(op)                                   \
    do {                                              \
        unsigned long long vm_before_ = vsize();      \
        op;                                           \
        grown = (long long)(vsize() - vm_before_);    \
    } while (0)

/* Under valgrind (make check-valgrind sets VALGRIND), the heap is
 * valgrind's, whose superblocks move the virtual size at moments of their
 * own: the operations still run, for valgrind to watch, but the sizes
 * are not compared. */
static void expect_growth(long long want, const char *what)
{
    const char *vg = getenv("VALGRIND");
    if (vg && *vg) {
        printf("ok %d - %s: virtual size grows by %lld bytes # SKIP under valgrind\n",
               ++tap_count, what, want);
        return;
    }
    TAP_EQ(grown, want, "%s: virtual size grows by %lld bytes", what, want);
}

/* Touches stack well below anything the measured calls reach, so that
 * the stack mapping does not grow while measuring. */
static void grow_stack(void)
{
    volatile char deep[64 * 1024];
    for (size_t i = 0; i < sizeof deep; i += 512)
        deep[i] = 0;
}

/* Puts stdio's buffer, the heap and the stack in place before anything is
 * measured, and resolves the library's symbols, without mapping any arena
 * page (an ealloc_mem() between these two calls would). */
static void warm_up(void)
{
    printf("# measuring /proc/self/stat vsize\n");
    fflush(stdout);
    free(malloc(64 * 1024));
    grow_stack();
    einit_alloc();
    ecleanup_alloc();
    ealloc_mem(256);
    edealloc_mem(NULL);
    vsize();
}

static char *ea(int size)
{
    char *p = ealloc_mem(size);
    /* Touch the memory: it is there to be used. */
    if (p)
        memset(p, 0xA5, (size_t)size);
    return p;
}

static void test_ealloc_growth(void)
{
    char *p[8];
    int rc = 0;
    TAP_OK(vsize() > 0, "/proc/self/stat gives a virtual size");
    MEASURE(rc = einit_alloc());
    TAP_EQ(rc, 0, "einit_alloc");
    expect_growth(0, "einit_alloc maps no page");
    MEASURE(p[0] = ea(256));
    TAP_OK(p[0] != NULL, "first ealloc_mem");
    expect_growth(4096, "the first ealloc_mem maps one page");
    MEASURE(p[1] = ea(3840));
    TAP_OK(p[1] != NULL, "ealloc_mem of the rest of page 0");
    expect_growth(0, "the rest of page 0 maps nothing");
    MEASURE(p[2] = ea(256));
    TAP_OK(p[2] != NULL, "ealloc_mem with page 0 full");
    expect_growth(4096, "a full page 0 makes ealloc_mem map page 1");
    MEASURE(edealloc_mem(p[0]); p[0] = ea(256));
    TAP_OK(p[0] != NULL, "ealloc_mem after a free");
    expect_growth(0, "reusing freed space maps nothing");
    MEASURE(p[3] = ea(4096));
    expect_growth(4096, "a whole page maps page 2");
    MEASURE(p[4] = ea(4096));
    expect_growth(4096, "another whole page maps page 3");
    TAP_EQ(pa_arena_page_count(pa_default_ealloc()), 4, "four pages mapped");
    MEASURE(p[5] = ea(4096));
    TAP_OK(p[5] == NULL, "no fifth page under the default limit");
    expect_growth(0, "a refused ealloc_mem maps nothing");
    MEASURE(edealloc_mem(p[3]); edealloc_mem(p[4]));
    expect_growth(0, "frees unmap nothing");
    MEASURE(rc = ecleanup_alloc());
    TAP_EQ(rc, 0, "ecleanup_alloc");
    expect_growth(0, "ecleanup_alloc leaves the pages mapped");
}

/* The second arena takes the four kept pages before mapping a fifth. */
static void test_kept_pages(void)
{
    char *p[6];
    int rc = 0;
    MEASURE(rc = einit_alloc());
    TAP_EQ(rc, 0, "einit_alloc again");
    expect_growth(0, "einit_alloc again maps nothing");
    MEASURE(for (int i = 0; i < 4; i++) p[i] = ea(4096));
    TAP_OK(p[0] && p[1] && p[2] && p[3], "four whole pages again");
    expect_growth(0, "the kept pages serve four whole pages");
    ealloc_set_max_pages(5);
    MEASURE(p[4] = ea(256));
    TAP_OK(p[4] != NULL, "a fifth page under limit 5");
    expect_growth(4096, "only a fifth page is new");
    MEASURE(rc = ecleanup_alloc(); rc |= einit_alloc(); p[5] = ea(4096));
    TAP_EQ(rc, 0, "ecleanup_alloc and einit_alloc");
    expect_growth(0, "a cycle and a page's worth reuse a kept page");
    ecleanup_alloc();
    ealloc_set_max_pages(4);
}

/* alloc maps its page at init and unmaps it at cleanup. */
static void test_alloc_page(void)
{
    int rc = 0;
    char *p = NULL;
    MEASURE(rc = init_alloc());
    TAP_EQ(rc, 0, "init_alloc");
    expect_growth(4096, "init_alloc maps one page");
    MEASURE(p = alloc_mem(4096));
    TAP_OK(p != NULL, "alloc_mem of the whole page");
    expect_growth(0, "alloc_mem maps nothing");
    MEASURE(rc = cleanup_alloc());
    TAP_EQ(rc, 0, "cleanup_alloc");
    expect_growth(-4096, "cleanup_alloc unmaps its page");
}

int main(void)
{
    warm_up();
    test_ealloc_growth();
    test_kept_pages();
    test_alloc_page();
    return tap_done();
}
