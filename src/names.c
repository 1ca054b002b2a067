/* names.c - naming live blocks: explicit names and the automatic a, b, ... */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

const char *names_invalid(const char *name)
{
    if (!isalpha((unsigned char)name[0]))
        return "must start with a letter";
    if (strlen(name) > NAME_MAXLEN)
        return "is longer than 32 characters";
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_')
            return "may hold only letters, digits and '_'";
    return NULL;
}

static long find(const names *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].name, name) == 0)
            return (long)i;
    return -1;
}

void *names_get(const names *t, const char *name)
{
    long i = find(t, name);
    return i < 0 ? NULL : t->v[i].ptr;
}

const char *names_of(const names *t, const void *ptr)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].ptr == ptr)
            return t->v[i].name;
    return NULL;
}

const char *names_label(const names *t, const void *ptr)
{
    const char *name = names_of(t, ptr);
    return name ? name : "?";
}

/* The n-th name of the sequence a..z, aa..zz, aaa..: bijective base 26. */
void names_nth(unsigned long n, char *buf, size_t len)
{
    char tmp[16];
    size_t k = 0;
    n++;
    while (n > 0 && k < sizeof tmp) {
        n--;
        tmp[k++] = (char)('a' + n % 26);
        n /= 26;
    }
    size_t i = 0;
    while (k > 0 && i + 1 < len)
        buf[i++] = tmp[--k];
    buf[i] = '\0';
}

static unsigned long next_free(const names *t)
{
    char buf[16];
    unsigned long n = t->next_auto;
    for (;; n++) {
        names_nth(n, buf, sizeof buf);
        if (find(t, buf) < 0)
            return n;
    }
}

void names_next_auto(const names *t, char *buf, size_t len)
{
    names_nth(next_free(t), buf, len);
}

int names_reserve(names *t)
{
    if (t->n < t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 16;
    name_entry *v = realloc(t->v, cap * sizeof *v);
    if (!v)
        return -1;
    t->v = v;
    t->cap = cap;
    return 0;
}

int names_add(names *t, const char *name, void *ptr)
{
    char next[16];
    if (names_reserve(t) != 0)
        return -1;
    unsigned long n = next_free(t);
    names_nth(n, next, sizeof next);
    if (strcmp(next, name) == 0)
        t->next_auto = n + 1;
    name_entry *e = &t->v[t->n++];
    strcpy(e->name, name);
    e->ptr = ptr;
    return 0;
}

void names_remove(names *t, const char *name)
{
    long i = find(t, name);
    if (i < 0)
        return;
    /* Keep insertion order: completion offers names as they were made. */
    memmove(&t->v[i], &t->v[i + 1], (t->n - (size_t)i - 1) * sizeof *t->v);
    t->n--;
}

void names_clear(names *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}
