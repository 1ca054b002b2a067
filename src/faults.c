/* faults.c - counting the allocators' system calls to fail the N-th one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "faults.h"
#include "numbers.h"

static size_t fail_map_at, fail_alloc_at, maps, allocs;

/* Tells a test that the fault was injected (ALLOCSH_FAULT_LOG names the
 * file): a walk over the failure points ends at the first that is never
 * reached, not at the first whose failure nobody sees. */
static void injected(const char *what, size_t n)
{
    const char *log = getenv("ALLOCSH_FAULT_LOG");
    FILE *f = log && *log ? fopen(log, "a") : NULL;
    if (f) {
        fprintf(f, "%s:%zu\n", what, n);
        fclose(f);
    }
}

static void *map_page(size_t len, void *ctx)
{
    (void)ctx;
    if (++maps == fail_map_at) {
        injected("mmap", maps);
        return NULL;
    }
    return pa_sys_default()->map_page(len, NULL);
}

static void *alloc_mem(size_t len, void *ctx)
{
    (void)ctx;
    if (++allocs == fail_alloc_at) {
        injected("malloc", allocs);
        return NULL;
    }
    return pa_sys_default()->alloc(len, NULL);
}

static const pa_sys faulty = {map_page, NULL, alloc_mem, NULL, NULL};

int faults_from_env(const pa_sys **sys, char *err, size_t errlen)
{
    const char *env = getenv("ALLOCSH_FAULT");
    size_t n;
    *sys = NULL;
    if (!env || !*env)
        return 0;
    const char *colon = strchr(env, ':');
    if (colon && parse_count(colon + 1, SIZE_MAX, &n, err, errlen) == 0 && n > 0) {
        if (strncmp(env, "mmap:", 5) == 0) {
            fail_map_at = n;
            *sys = &faulty;
            return 0;
        }
        if (strncmp(env, "malloc:", 7) == 0) {
            fail_alloc_at = n;
            *sys = &faulty;
            return 0;
        }
    }
    snprintf(err, errlen, "ALLOCSH_FAULT is mmap:N or malloc:N, not '%.40s'", env);
    return -1;
}
