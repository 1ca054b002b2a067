/* packed.c - lines end to end in one buffer (packed.h). */
#include <stdlib.h>
#include <string.h>

#include "packed.h"

enum { PACKED_FIRST_CAP = 256 << 10 };

bool packed_add(packed *p, unsigned code, const char *line)
{
    size_t len = strlen(line) + 1 + (code != 0);
    if (p->len + len > p->cap) {
        /* Past glibc's mmap threshold from the start: a page of it costs
         * nothing until written, and growing it is mremap, not a copy
         * (from 4 KiB the copies were a third of the pages it touched). */
        size_t cap = p->cap ? p->cap * 2 : PACKED_FIRST_CAP;
        while (cap < p->len + len)
            cap *= 2;
        char *text = realloc(p->text, cap);
        if (!text)
            return false;
        p->text = text;
        p->cap = cap;
    }
    char *d = p->text + p->len;
    if (code)
        *d++ = (char)code;
    memcpy(d, line, len - (code != 0));
    p->len += len;
    p->n++;
    return true;
}

const char *packed_last(const packed *p)
{
    const char *end = p->text + p->len - 1; /* the last line's NUL */
    const char *start = end;
    while (start > p->text && start[-1] != '\0')
        start--;
    return start;
}

void packed_free(packed *p)
{
    free(p->text);
    memset(p, 0, sizeof *p);
}
