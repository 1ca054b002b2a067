/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* alloc.c - the assignment's simple allocator: one page, 8-byte units. */
#include "alloc.h"
#include "seed.h"

static pa_seed_slot slot = {NULL, PA_KIND_ALLOC, 1, NULL};

int init_alloc(void) { return pa_seed_init(&slot); }
int cleanup_alloc(void) { return pa_seed_cleanup(&slot); }
char *alloc_mem(int size) { return pa_seed_alloc(&slot, size); }
void dealloc_mem(char *ptr) { pa_seed_free(&slot, ptr); }
pa_arena *pa_default_alloc(void) { return slot.arena; }
