/* packed.c - lines end to end in one buffer (packed.h). */
#include <stdlib.h>
#include <string.h>

#include "packed.h"

bool packed_add(packed *p, const char *line)
{
    size_t len = strlen(line) + 1;
    if (p->len + len > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (cap < p->len + len)
            cap *= 2;
        char *text = realloc(p->text, cap);
        if (!text)
            return false;
        p->text = text;
        p->cap = cap;
    }
    memcpy(p->text + p->len, line, len);
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

char **packed_index(const packed *p, size_t n)
{
    char **v = malloc((n ? n : 1) * sizeof *v);
    char *s = p->text;
    for (size_t i = 0; v && i < n; i++) {
        v[i] = s;
        s += strlen(s) + 1;
    }
    return v;
}

void packed_free(packed *p)
{
    free(p->text);
    memset(p, 0, sizeof *p);
}
