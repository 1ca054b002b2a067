/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* sys.c - the system calls behind an arena, replaceable for fault tests. */
#include <stdlib.h>
#include <sys/mman.h>

#include "arena.h"

static void *real_map(size_t len, void *ctx)
{
    (void)ctx;
    void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void real_unmap(void *page, size_t len, void *ctx)
{
    (void)ctx;
    munmap(page, len);
}

static void *real_alloc(size_t len, void *ctx)
{
    (void)ctx;
    return malloc(len);
}

static void real_release(void *mem, void *ctx)
{
    (void)ctx;
    free(mem);
}

static const pa_sys real = {real_map, real_unmap, real_alloc, real_release, NULL};

const pa_sys *pa_sys_default(void)
{
    return &real;
}

void pa_sys_fill(pa_sys *dst, const pa_sys *src)
{
    static const pa_sys none = {0};
    if (!src)
        src = &none;
    dst->map_page = src->map_page ? src->map_page : real_map;
    dst->unmap_page = src->unmap_page ? src->unmap_page : real_unmap;
    dst->alloc = src->alloc ? src->alloc : real_alloc;
    dst->release = src->release ? src->release : real_release;
    dst->ctx = src->ctx;
}

int pa_sys_unmap_is_real(const pa_arena *a)
{
    return a->sys.unmap_page == real_unmap;
}

void *pa_sys_alloc(const pa_arena *a, size_t len)
{
    return a->sys.alloc(len, a->sys.ctx);
}

void pa_sys_release(const pa_arena *a, void *mem)
{
    if (mem)
        a->sys.release(mem, a->sys.ctx);
}
