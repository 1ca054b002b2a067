/* name_index.h - the two hash indexes of a names table: by name and by
 * block address, each slot holding an entry's index in v plus one. */
#ifndef ALLOCSH_NAME_INDEX_H
#define ALLOCSH_NAME_INDEX_H

#include "names.h"

/* The index in t->v of the entry called name, or of the entry for ptr;
 * -1 when there is none. */
/* The hash an entry keeps of its name. */
uint32_t name_index_hash(const char *name);
long name_index_find(const names *t, const char *name);
long name_index_find_ptr(const names *t, const void *ptr);
/* Indexes at most half full once n entries are in; -1 without memory,
 * the indexes unchanged. */
int name_index_reserve(names *t, size_t n);
/* Indexes entry i of t->v, or drops it from the indexes. */
void name_index_insert(names *t, size_t i);
void name_index_erase(names *t, size_t i);
/* Entry from moved to index to of t->v: its slots follow. */
void name_index_moved(names *t, size_t from, size_t to);

#endif
