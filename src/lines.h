/* lines.h - a growing list of text lines (explanations, generated scripts). */
#ifndef ALLOCSH_LINES_H
#define ALLOCSH_LINES_H

#include <stdbool.h>
#include <stddef.h>

/* The text of the lines lives in chunks the list owns, not in a malloc
 * per line: the undo journal keeps every command of a script, and a
 * strdup and its free were a tenth of a command's cost.  So v[i] is not
 * the caller's to free or keep past lines_free.  All zero is empty. */
struct lines_chunk;

typedef struct lines {
    char **v;
    size_t n, cap;
    struct lines_chunk *chunks; /* newest first */
    size_t left;                /* bytes free at the end of the newest */
} lines;

/* Appends a formatted line; false when memory runs out. */
bool lines_add(lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a copy of s, however long; false when memory runs out. */
bool lines_add_copy(lines *l, const char *s);
void lines_free(lines *l);

#endif
