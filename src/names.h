/* names.h - the shell's names for live blocks, one table per allocator. */
#ifndef ALLOCSH_NAMES_H
#define ALLOCSH_NAMES_H

#include <stddef.h>
#include <stdint.h>

#define NAME_MAXLEN 32

typedef struct name_entry {
    char name[NAME_MAXLEN + 1];
    uint32_t hash;  /* of name (name_index.c), kept: a delete rehashes a
                       cluster's names, and it fits the padding */
    void *ptr;
} name_entry;

/* v[0..n) are the live names in no particular order (readline sorts what
 * completion offers); two hash indexes find an entry by name and by
 * block in O(1) expected time, so no command's cost grows with the number
 * of live blocks.  All zero is an empty table. */
typedef struct names {
    name_entry *v;
    size_t n, cap;
    uint32_t *by_name, *by_ptr; /* index + 1 into v, 0: empty slot */
    unsigned bits;              /* both indexes have 1 << bits slots */
    unsigned long next_auto;    /* automatic names never go back */
    unsigned long first_free;   /* the first n >= next_auto whose name
                                   (names_nth) is not live */
} names;

/* NULL when name is well formed, else why it is not. */
const char *names_invalid(const char *name);
void *names_get(const names *t, const char *name);
/* Copies name into dst, cut at NAME_MAXLEN bytes: snprintf's "%s" was a
 * tenth of an alloc's cost. */
void names_copy(char dst[NAME_MAXLEN + 1], const char *name);
const char *names_of(const names *t, const void *ptr);
/* names_of, or "?" for a block without a name (which --check reports). */
const char *names_label(const names *t, const void *ptr);
/* The next automatic name: a..z, aa, ab, ... skipping live names.  It is
 * consumed only by names_add. */
void names_next_auto(const names *t, char *buf, size_t len);
/* The n-th name of the automatic sequence (0: a, 25: z, 26: aa). */
void names_nth(unsigned long n, char *buf, size_t len);
/* Makes room for one more name, so that the names_add after an
 * allocation cannot fail.  Returns -1 when memory runs out. */
int names_reserve(names *t);
/* Adds name (consuming the automatic sequence when it was its next name).
 * Returns -1 when memory runs out. */
int names_add(names *t, const char *name, void *ptr);
void names_remove(names *t, const char *name);
/* The same for the name of the block at ptr: a free knows its block, and
 * an address hashes in a few instructions where a name is hashed a byte
 * at a time and then compared. */
void names_remove_ptr(names *t, const void *ptr);
void names_clear(names *t);

#endif
