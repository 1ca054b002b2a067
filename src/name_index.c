/* name_index.c - open addressing with linear probing over two arrays of
 * 32-bit slots.  Deleting shifts the following cluster back instead of
 * leaving tombstones, so that a long session of allocs and frees keeps
 * probe sequences as short as on the first day. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "name_index.h"

enum table { BY_NAME, BY_PTR };

static size_t mask(const names *t) { return ((size_t)1 << t->bits) - 1; }

/* FNV-1a, then a multiply so that the top bits mix: names differ mostly
 * in their last letters (a, b, ..., aa, ab).  The top 32 bits are kept;
 * a table of 2^bits slots takes the top bits of those. */
uint32_t name_index_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3u;
    return (uint32_t)((h * 0x9E3779B97F4A7C15u) >> 32);
}

static size_t slot_of_hash(const names *t, uint32_t hash)
{
    return (size_t)(hash >> (32 - t->bits));
}

/* Fibonacci hashing of the address; blocks are at least 8-byte aligned. */
static size_t hash_ptr(const names *t, const void *p)
{
    return (size_t)((((uint64_t)(uintptr_t)p >> 3) * 0x9E3779B97F4A7C15u) >> (64 - t->bits));
}

static uint32_t *table(const names *t, enum table which)
{
    return which == BY_NAME ? t->by_name : t->by_ptr;
}

static size_t home(const names *t, enum table which, uint32_t slot)
{
    const name_entry *e = &t->v[slot - 1];
    return which == BY_NAME ? slot_of_hash(t, e->hash) : hash_ptr(t, e->ptr);
}

long name_index_find(const names *t, const char *name)
{
    if (!t->by_name)
        return -1;
    uint32_t hash = name_index_hash(name);
    for (size_t k = slot_of_hash(t, hash);; k = (k + 1) & mask(t)) {
        uint32_t s = t->by_name[k];
        if (!s)
            return -1;
        const name_entry *e = &t->v[s - 1];
        if (e->hash == hash && strcmp(e->name, name) == 0)
            return (long)s - 1;
    }
}

long name_index_find_ptr(const names *t, const void *ptr)
{
    if (!t->by_ptr)
        return -1;
    for (size_t k = hash_ptr(t, ptr);; k = (k + 1) & mask(t)) {
        uint32_t s = t->by_ptr[k];
        if (!s)
            return -1;
        if (t->v[s - 1].ptr == ptr)
            return (long)s - 1;
    }
}

static void put(names *t, enum table which, size_t i)
{
    uint32_t *tab = table(t, which);
    size_t k = home(t, which, (uint32_t)i + 1);
    while (tab[k])
        k = (k + 1) & mask(t);
    tab[k] = (uint32_t)i + 1;
}

void name_index_insert(names *t, size_t i)
{
    put(t, BY_NAME, i);
    put(t, BY_PTR, i);
}

int name_index_reserve(names *t, size_t n)
{
    unsigned bits = t->by_name ? t->bits : 5;
    if (n >= UINT32_MAX / 2)
        return -1; /* slots hold 32-bit indexes */
    while (((size_t)1 << bits) < 2 * n)
        bits++;
    if (t->by_name && bits == t->bits)
        return 0;
    uint32_t *a = calloc((size_t)1 << bits, sizeof *a);
    uint32_t *b = calloc((size_t)1 << bits, sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    free(t->by_name);
    free(t->by_ptr);
    t->by_name = a;
    t->by_ptr = b;
    t->bits = bits;
    for (size_t i = 0; i < t->n; i++)
        name_index_insert(t, i);
    return 0;
}

/* The slot holding value, in the probe sequence of the keys of entry
 * keys_at; it is there. */
static size_t slot_of(const names *t, enum table which, size_t keys_at, uint32_t value)
{
    const uint32_t *tab = table(t, which);
    size_t k = home(t, which, (uint32_t)keys_at + 1);
    while (tab[k] != value)
        k = (k + 1) & mask(t);
    return k;
}

/* Whether home h lies cyclically in (gap, k]: then the entry at k may not
 * move back into the gap, or a probe from h would stop short of it. */
static bool stays(size_t h, size_t gap, size_t k)
{
    return gap < k ? h > gap && h <= k : h > gap || h <= k;
}

static void unslot(names *t, enum table which, size_t gap)
{
    uint32_t *tab = table(t, which);
    for (size_t k = (gap + 1) & mask(t); tab[k]; k = (k + 1) & mask(t)) {
        if (stays(home(t, which, tab[k]), gap, k))
            continue;
        tab[gap] = tab[k];
        gap = k;
    }
    tab[gap] = 0;
}

void name_index_erase(names *t, size_t i)
{
    unslot(t, BY_NAME, slot_of(t, BY_NAME, i, (uint32_t)i + 1));
    unslot(t, BY_PTR, slot_of(t, BY_PTR, i, (uint32_t)i + 1));
}

void name_index_moved(names *t, size_t from, size_t to)
{
    t->by_name[slot_of(t, BY_NAME, to, (uint32_t)from + 1)] = (uint32_t)to + 1;
    t->by_ptr[slot_of(t, BY_PTR, to, (uint32_t)from + 1)] = (uint32_t)to + 1;
}
