/* packed.h - lines kept end to end in one buffer, for the undo journal:
 * it holds every state-changing line of a session, and a pointer a line
 * (as `lines` keeps) was 40% of its memory, which a long script touches
 * page by page.  The pointers are made only when a rebuild asks. */
#ifndef ALLOCSH_PACKED_H
#define ALLOCSH_PACKED_H

#include <stdbool.h>
#include <stddef.h>

typedef struct packed {
    char *text;      /* n NUL-terminated lines, one after another */
    size_t len, cap;
    size_t n;
} packed;

/* Appends a copy of line, after the byte code when that is not 0 (the
 * journal's own shorthand); false when memory runs out. */
bool packed_add(packed *p, unsigned code, const char *line);
/* The last line; p holds at least one. */
const char *packed_last(const packed *p);
void packed_free(packed *p);

#endif
