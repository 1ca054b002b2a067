/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* seed.h - what the assignment's two APIs share: one default arena each. */
#ifndef PA_SEED_H
#define PA_SEED_H

#include "pagealloc.h"

typedef struct pa_seed_slot {
    pa_arena *arena;      /* NULL while not initialised */
    pa_kind kind;
    size_t max_pages;     /* for the next init */
    const pa_sys *sys;    /* NULL: the real calls */
} pa_seed_slot;

int pa_seed_init(pa_seed_slot *s);
int pa_seed_cleanup(pa_seed_slot *s);
char *pa_seed_alloc(pa_seed_slot *s, int size);
void pa_seed_free(pa_seed_slot *s, char *ptr);
pa_status pa_seed_set_max_pages(pa_seed_slot *s, size_t max_pages);

#endif /* PA_SEED_H */
