/* SPDX-License-Identifier: GPL-3.0-or-later */
/* consumer.c - a program from outside the tree, built by tests/pkgconfig.sh
 * against the INSTALLED library with nothing but pkg-config's flags.
 *
 * It touches each installed header and both APIs once, so that a header
 * left out of the install, a symbol missing from the shared library or a
 * wrong path in pagealloc.pc fails the build or the run.  Its output holds
 * page indexes and offsets, never addresses, so the test can compare it
 * exactly.  Any failed step prints why on stderr and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ealloc.h"
#include "pagealloc.h"

static _Noreturn void fail(const char *what)
{
    fprintf(stderr, "consumer: %s\n", what);
    exit(EXIT_FAILURE);
}

int main(void)
{
    pa_where w;

    /* The assignment's API, inspected through the instance API. */
    if (init_alloc() != 0)
        fail("init_alloc failed");
    char *s = alloc_mem(24);
    if (!s)
        fail("alloc_mem(24) failed");
    strcpy(s, "alloc ok");
    if (pa_locate(pa_default_alloc(), s, &w) != PA_OK)
        fail("pa_locate on the default alloc arena failed");
    printf("alloc_mem: %s at offset %zu\n", s, w.offset);
    dealloc_mem(s);
    if (cleanup_alloc() != 0)
        fail("cleanup_alloc failed");

    if (einit_alloc() != 0)
        fail("einit_alloc failed");
    char *q = ealloc_mem(512), *r = ealloc_mem(256);
    if (!q || !r)
        fail("ealloc_mem failed");
    if (pa_locate(pa_default_ealloc(), r, &w) != PA_OK)
        fail("pa_locate on the default ealloc arena failed");
    printf("ealloc_mem: %zu bytes at page %zu, offset %zu\n", w.size, w.page,
           w.offset);
    if (ecleanup_alloc() != 0)
        fail("ecleanup_alloc failed");

    /* An arena of one's own, with a status for every call. */
    pa_config cfg;
    pa_arena *a;
    void *p;
    char msg[128];
    pa_config_init(&cfg, PA_KIND_ALLOC);
    cfg.policy = PA_FIT_WORST;
    if (pa_create(&cfg, &a) != PA_OK)
        fail("pa_create failed");
    if (pa_alloc(a, 64, &p) != PA_OK)
        fail("pa_alloc(64) failed");
    if (pa_check(a, msg, sizeof msg) != PA_OK)
        fail(msg);
    printf("pa_alloc: 64 bytes, %s fit, check passed\n",
           pa_policy_name(pa_arena_policy(a)));
    printf("pa_free(inside a block): %s\n",
           pa_strerror(pa_free(a, (char *)p + 8)));
    pa_destroy(a);

    printf("consumer done\n");
    return EXIT_SUCCESS;
}
