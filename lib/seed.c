/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* seed.c - the assignment's calling convention over the instance API.
 *
 * The seed functions can only return NULL or -1, so the reason goes to
 * errno: EINVAL for a bad size or pointer, ENOMEM when there is no room,
 * EBUSY for a second init, ENXIO when the allocator is not initialised.
 */
#include <errno.h>

#include "arena.h"
#include "seed.h"

static int to_errno(pa_status st)
{
    switch (st) {
    case PA_ENOSPACE:
    case PA_ENOMEM:
    case PA_EMAP:
        return ENOMEM;
    case PA_EBUSY:
        return EBUSY;
    default:
        return EINVAL;
    }
}

int pa_seed_init(pa_seed_slot *s)
{
    pa_config cfg;
    if (s->arena) {
        errno = EBUSY;
        return -1;
    }
    pa_config_init(&cfg, s->kind);
    if (s->kind == PA_KIND_EALLOC && s->max_pages)
        cfg.max_pages = s->max_pages;
    cfg.sys = s->sys;
    pa_status st = pa_create(&cfg, &s->arena);
    if (st != PA_OK) {
        s->arena = NULL;
        errno = to_errno(st);
        return -1;
    }
    s->arena->held = 1;
    return 0;
}

int pa_seed_cleanup(pa_seed_slot *s)
{
    if (!s->arena) {
        errno = ENXIO;
        return -1;
    }
    s->arena->held = 0;
    pa_destroy(s->arena);
    s->arena = NULL;
    return 0;
}

char *pa_seed_alloc(pa_seed_slot *s, int size)
{
    void *p;
    if (!s->arena) {
        errno = ENXIO;
        return NULL;
    }
    if (size <= 0) {
        errno = EINVAL;
        return NULL;
    }
    pa_status st = pa_alloc(s->arena, (size_t)size, &p);
    if (st != PA_OK) {
        errno = to_errno(st);
        return NULL;
    }
    return p;
}

void pa_seed_free(pa_seed_slot *s, char *ptr)
{
    if (!ptr)
        return; /* as free(NULL), whatever the state */
    if (!s->arena) {
        errno = ENXIO;
        return;
    }
    pa_status st = pa_free(s->arena, ptr);
    if (st != PA_OK)
        errno = to_errno(st);
}

pa_status pa_seed_set_max_pages(pa_seed_slot *s, size_t max_pages)
{
    if (max_pages == 0)
        return PA_EINVAL;
    if (s->arena) {
        pa_status st = pa_set_max_pages(s->arena, max_pages);
        if (st != PA_OK)
            return st;
    }
    s->max_pages = max_pages;
    return PA_OK;
}
