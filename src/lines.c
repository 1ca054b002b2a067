/* lines.c - the list behind explanations and generated scripts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"

bool lines_add(lines *l, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return lines_add_copy(l, buf);
}

struct lines_chunk {
    struct lines_chunk *next;
    char text[];
};

enum { CHUNK_TEXT = 8192 - sizeof(struct lines_chunk) };

/* Room for len bytes of text, in the newest chunk or a new one. */
static char *room(lines *l, size_t len)
{
    if (len > l->left) {
        size_t size = len > CHUNK_TEXT ? len : CHUNK_TEXT;
        struct lines_chunk *c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->next = l->chunks;
        l->chunks = c;
        l->left = size;
    }
    /* A chunk's text fills from its end, so that its free room starts at
     * the chunk's text and ends left bytes in. */
    l->left -= len;
    return l->chunks->text + l->left;
}

bool lines_add_copy(lines *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    size_t len = strlen(s) + 1;
    char *copy = room(l, len);
    if (!copy)
        return false;
    memcpy(copy, s, len);
    l->v[l->n++] = copy;
    return true;
}

void lines_free(lines *l)
{
    while (l->chunks) {
        struct lines_chunk *c = l->chunks;
        l->chunks = c->next;
        free(c);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}
