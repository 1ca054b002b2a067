/* names.c - naming live blocks: explicit names and the automatic a, b, ...
 * Lookups go through the hash indexes of name_index.c; the next automatic
 * name is kept up to date as names come and go, so that asking for it
 * does not walk the sequence past the live names each time. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "name_index.h"
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

void *names_get(const names *t, const char *name)
{
    long i = name_index_find(t, name);
    return i < 0 ? NULL : t->v[i].ptr;
}

const char *names_of(const names *t, const void *ptr)
{
    long i = name_index_find_ptr(t, ptr);
    return i < 0 ? NULL : t->v[i].name;
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

/* The inverse of names_nth: false for a name outside the sequence (or so
 * far along it that no session gets there). */
static bool nth_of(const char *name, unsigned long *n)
{
    unsigned long v = 0;
    size_t len = strlen(name);
    if (len > 12)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < 'a' || name[i] > 'z')
            return false;
        v = v * 26 + (unsigned long)(name[i] - 'a' + 1);
    }
    *n = v - 1;
    return true;
}

static bool nth_live(const names *t, unsigned long n)
{
    char buf[16];
    names_nth(n, buf, sizeof buf);
    return name_index_find(t, buf) >= 0;
}

void names_next_auto(const names *t, char *buf, size_t len)
{
    names_nth(t->first_free, buf, len);
}

int names_reserve(names *t)
{
    if (name_index_reserve(t, t->n + 1) != 0)
        return -1;
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

void names_copy(char dst[NAME_MAXLEN + 1], const char *name)
{
    size_t n = strnlen(name, NAME_MAXLEN);
    memcpy(dst, name, n);
    dst[n] = '\0';
}

int names_add(names *t, const char *name, void *ptr)
{
    unsigned long n;
    if (names_reserve(t) != 0)
        return -1;
    name_entry *e = &t->v[t->n];
    strcpy(e->name, name);
    e->hash = name_index_hash(name);
    e->ptr = ptr;
    name_index_insert(t, t->n++);
    if (nth_of(name, &n) && n == t->first_free) {
        /* Consumed: the sequence resumes after it, past the live names. */
        t->next_auto = n + 1;
        for (t->first_free = n + 1; nth_live(t, t->first_free); t->first_free++)
            ;
    }
    return 0;
}

/* Drops entry i, moving the last entry into its place. */
static void remove_at(names *t, long i)
{
    unsigned long n;
    bool in_sequence = nth_of(t->v[i].name, &n); /* before the entry moves */
    name_index_erase(t, (size_t)i);
    if ((size_t)i != --t->n) {
        t->v[i] = t->v[t->n];
        name_index_moved(t, t->n, (size_t)i);
    }
    /* A name the sequence skipped while it was live is its next again. */
    if (in_sequence && n >= t->next_auto && n < t->first_free)
        t->first_free = n;
}

void names_remove(names *t, const char *name)
{
    long i = name_index_find(t, name);
    if (i >= 0)
        remove_at(t, i);
}

void names_remove_ptr(names *t, const void *ptr)
{
    long i = name_index_find_ptr(t, ptr);
    if (i >= 0)
        remove_at(t, i);
}

void names_clear(names *t)
{
    free(t->v);
    free(t->by_name);
    free(t->by_ptr);
    memset(t, 0, sizeof *t);
}
