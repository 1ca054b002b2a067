/* impl_memo.c - a submission's object found again by the files its source
 * read (impl_memo.h). */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "impl_memo.h"

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

/* The memo's file: one per source path and compile settings. */
static int memo_path(const char *cache, const char *src, uint64_t context,
                     char *buf, size_t len)
{
    char real[PATH_MAX];
    if (!realpath(src, real))
        return -1;
    uint64_t h = fnv1a(context ^ 0xcbf29ce484222325ULL, real);
    return snprintf(buf, len, "%s/memo-%016llx", cache, (unsigned long long)h) <
           (int)len ? 0 : -1;
}

static void stamp(const struct stat *st, char *buf, size_t len)
{
    snprintf(buf, len, "%lld %lld.%09ld %llu", (long long)st->st_size,
             (long long)st->st_mtim.tv_sec, st->st_mtim.tv_nsec,
             (unsigned long long)st->st_ino);
}

int impl_memo_lookup(const char *cache, const char *src, uint64_t context,
                     char *so, size_t solen)
{
    char path[PATH_MAX + 64], line[PATH_MAX + 128], now[96];
    FILE *f;
    int fresh = 1, lines = 0;
    if (memo_path(cache, src, context, path, sizeof path) < 0 || !(f = fopen(path, "r")))
        return 0;
    if (!fgets(so, (int)solen, f)) {
        fclose(f);
        return 0;
    }
    so[strcspn(so, "\n")] = '\0';
    /* Each line: the stamp (three words), a space, the path. */
    while (fresh && fgets(line, sizeof line, f)) {
        struct stat st;
        char *p = line;
        line[strcspn(line, "\n")] = '\0';
        for (int w = 0; w < 3 && p; w++)
            p = strchr(p + 1, ' ');
        if (!p || stat(p + 1, &st) != 0)
            fresh = 0;
        else {
            *p = '\0';
            stamp(&st, now, sizeof now);
            fresh = strcmp(now, line) == 0;
        }
        lines++;
    }
    fclose(f);
    return fresh && lines > 0 && access(so, R_OK) == 0;
}

/* The next file name of a make rule's prerequisites, or NULL at the end. */
static char *next_dep(char **p)
{
    char *s = *p;
    while (*s == ' ' || *s == '\t' || *s == '\n' || (*s == '\\' && s[1] == '\n'))
        s += *s == '\\' ? 2 : 1;
    if (!*s)
        return NULL;
    char *start = s;
    while (*s && *s != ' ' && *s != '\t' && *s != '\n' && !(*s == '\\' && s[1] == '\n'))
        s++;
    if (*s)
        *s++ = '\0';
    *p = s;
    return start;
}

void impl_memo_store(const char *cache, const char *src, uint64_t context,
                     const char *depfile, const char *so)
{
    char path[PATH_MAX + 64], tmp[PATH_MAX + 80], deps[65536], real[PATH_MAX], st_[96];
    FILE *d = fopen(depfile, "r"), *f;
    size_t n = d ? fread(deps, 1, sizeof deps - 1, d) : 0;
    if (d)
        fclose(d);
    deps[n] = '\0';
    char *p = strchr(deps, ':'), *dep;
    if (!p || n == sizeof deps - 1 || memo_path(cache, src, context, path, sizeof path) < 0)
        return;
    p++;
    snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
    if (!(f = fopen(tmp, "w")))
        return;
    int ok = fprintf(f, "%s\n", so) > 0;
    while (ok && (dep = next_dep(&p))) {
        struct stat st;
        ok = realpath(dep, real) && stat(real, &st) == 0;
        if (ok)
            stamp(&st, st_, sizeof st_);
        ok = ok && fprintf(f, "%s %s\n", st_, real) > 0;
    }
    if (fclose(f) != 0 || !ok || rename(tmp, path) != 0)
        unlink(tmp);
}
