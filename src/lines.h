/* lines.h - a growing list of text lines (explanations, generated scripts). */
#ifndef ALLOCSH_LINES_H
#define ALLOCSH_LINES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lines {
    char **v;
    size_t n, cap;
} lines;

/* Appends a formatted line; false when memory runs out. */
bool lines_add(lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a copy of s, however long; false when memory runs out. */
bool lines_add_copy(lines *l, const char *s);
void lines_free(lines *l);

#endif
