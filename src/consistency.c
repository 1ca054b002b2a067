/* consistency.c - the check behind --check: the allocators' own invariants,
 * and the shell's names matching the library's live blocks one to one.
 * It runs after every command, so the names are matched through a hash
 * set of the blocks' addresses, in time linear in the blocks: comparing
 * each name with every other made a script of 4000 blocks take seconds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "consistency.h"

/* The live blocks' addresses by open addressing, each with the index + 1
 * of the name found for it (0: none yet). */
typedef struct block_set {
    const void **addr;
    size_t *named;
    size_t mask, n, max;
} block_set;

static size_t slot_of(const block_set *s, const void *p)
{
    /* Fibonacci hashing of the address; blocks are at least 8 aligned. */
    size_t i = (size_t)(((uint64_t)(uintptr_t)p >> 3) * 0x9E3779B97F4A7C15u >> 20) & s->mask;
    while (s->addr[i] && s->addr[i] != p)
        i = (i + 1) & s->mask;
    return i;
}

static int add_block(const pa_item *it, void *ctx)
{
    block_set *s = ctx;
    if (it->kind != PA_ITEM_BLOCK)
        return 0;
    if (s->n == s->max)
        return 1; /* more blocks than the statistics said */
    s->addr[slot_of(s, it->addr)] = it->addr;
    s->n++;
    return 0;
}

/* A set of room for max blocks at most half full; false without memory. */
static bool set_init(block_set *s, size_t max)
{
    size_t cap = 16;
    while (cap < 2 * max)
        cap *= 2;
    s->addr = calloc(cap, sizeof *s->addr);
    s->named = calloc(cap, sizeof *s->named);
    s->mask = cap - 1;
    s->n = 0;
    s->max = max;
    return s->addr && s->named;
}

/* Every name is of a live block, and no block has two. */
static bool one_to_one(const names *t, block_set *s, const char *kind, char *msg,
                       size_t len)
{
    for (size_t i = 0; i < t->n; i++) {
        const name_entry *e = &t->v[i];
        size_t k = slot_of(s, e->ptr);
        if (!s->addr[k]) {
            snprintf(msg, len, "%s: '%s' names no live block", kind, e->name);
            return false;
        }
        if (s->named[k]) {
            snprintf(msg, len, "%s: '%s' and '%s' name one block", kind,
                     t->v[s->named[k] - 1].name, e->name);
            return false;
        }
        s->named[k] = i + 1;
    }
    return true;
}

/* Without the memory for the set, the names go unchecked: a check that
 * cannot be made is no inconsistency. */
static bool names_match(const side *sd, const char *kind, char *msg, size_t len)
{
    pa_stats st;
    block_set set;
    side_stats(sd, &st);
    if (sd->names.n != st.blocks) {
        snprintf(msg, len, "%s: %zu names for %zu live blocks", kind,
                 sd->names.n, st.blocks);
        return false;
    }
    bool ok = true;
    if (set_init(&set, st.blocks)) {
        if (side_walk(sd, add_block, &set) != 0 || set.n != st.blocks) {
            snprintf(msg, len, "%s: a walk does not find the %zu live blocks",
                     kind, st.blocks);
            ok = false;
        } else {
            ok = one_to_one(&sd->names, &set, kind, msg, len);
        }
    }
    free(set.addr);
    free(set.named);
    return ok;
}

bool shell_consistent(const shell *sh, char *msg, size_t len)
{
    for (int k = PA_KIND_ALLOC; k < SHELL_KINDS; k++) {
        const side *sd = &sh->sides[k];
        const char *kind = pa_kind_name((pa_kind)k);
        char why[200];
        if (!side_in_use(sd))
            continue;
        if (side_check(sd, why, sizeof why) != PA_OK) {
            snprintf(msg, len, "%s: %s", kind, why);
            return false;
        }
        if (!names_match(sd, kind, msg, len))
            return false;
    }
    return true;
}
