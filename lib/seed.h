/* seed.h - what the assignment's two APIs share: one default arena each. */
#ifndef PA_SEED_H
#define PA_SEED_H

#include "pagealloc.h"

typedef struct seed_slot {
    pa_arena *arena;      /* NULL while not initialised */
    pa_kind kind;
    size_t max_pages;     /* for the next init */
    const pa_sys *sys;    /* NULL: the real calls */
} seed_slot;

int seed_init(seed_slot *s);
int seed_cleanup(seed_slot *s);
char *seed_alloc(seed_slot *s, int size);
void seed_free(seed_slot *s, char *ptr);
pa_status seed_set_max_pages(seed_slot *s, size_t max_pages);

#endif /* PA_SEED_H */
