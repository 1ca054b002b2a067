/*
 * placement.c - play an allocsh script on a submission's alloc.c/ealloc.c
 * and print where each block went, in allocsh's words.
 *
 * A test helper for the fixtures in this directory, independent of the
 * --impl machinery: it links the submission directly, with no sandbox, so
 * use it only on code you trust (not on endless-loop or the forbidden ones).
 *
 *   cc -I lib -o /tmp/placement tests/impls/placement.c \
 *      tests/impls/correct/alloc.c tests/impls/correct/ealloc.c
 *   /tmp/placement < script.txt
 *
 * It understands the commands that place blocks: use alloc|ealloc, reset
 * (cleanup, then init), alloc SIZE NAME (the name is required), free NAME,
 * write NAME TEXT (one word) and read NAME; other lines (comments, set,
 * expect, ...) are skipped.  For each alloc and free it prints the line
 * allocsh prints, "a: 64 bytes at page 0, offset 0", with the page found
 * by rounding the pointer down to 4096 bytes and numbered in the order
 * pages are first seen since the last reset.  A NULL from alloc goes to
 * stderr.  tests/impls/compare-placement.sh diffs this against allocsh.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ealloc.h"

#define MAX_BLOCKS 4096
#define MAX_PAGES_SEEN 64

typedef struct block {
    char name[40];
    char *ptr;
    int size;
} block;

typedef struct allocator {
    const char *name;
    int (*init)(void);
    int (*cleanup)(void);
    char *(*alloc)(int);
    void (*dealloc)(char *);
    block blocks[MAX_BLOCKS];
    int nblocks;
    uintptr_t pages[MAX_PAGES_SEEN];
    int npages;
} allocator;

static allocator allocators[2] = {
    {"alloc", init_alloc, cleanup_alloc, alloc_mem, dealloc_mem, {{"", 0, 0}}, 0, {0}, 0},
    {"ealloc", einit_alloc, ecleanup_alloc, ealloc_mem, edealloc_mem, {{"", 0, 0}}, 0, {0}, 0},
};

static void where(allocator *a, char *ptr, int *page, size_t *offset)
{
    uintptr_t base = (uintptr_t)ptr & ~(uintptr_t)4095;
    int i;
    for (i = 0; i < a->npages && a->pages[i] != base; i++)
        ;
    if (i == a->npages && a->npages < MAX_PAGES_SEEN)
        a->pages[a->npages++] = base;
    *page = i;
    *offset = (size_t)((uintptr_t)ptr - base);
}

static block *find(allocator *a, const char *name)
{
    for (int i = 0; i < a->nblocks; i++)
        if (strcmp(a->blocks[i].name, name) == 0)
            return &a->blocks[i];
    return NULL;
}

int main(void)
{
    allocator *cur = &allocators[0];
    char line[1024];
    int status = 0;

    for (int i = 0; i < 2; i++)
        if (allocators[i].init() != 0) {
            fprintf(stderr, "placement: %s: init failed\n", allocators[i].name);
            return 1;
        }
    while (fgets(line, sizeof line, stdin)) {
        char cmd[32], arg1[64], arg2[256];
        int n = sscanf(line, "%31s %63s %255s", cmd, arg1, arg2);
        if (n < 1 || cmd[0] == '#')
            continue;
        if (strcmp(cmd, "use") == 0 && n >= 2) {
            cur = &allocators[strcmp(arg1, "ealloc") == 0];
        } else if (strcmp(cmd, "reset") == 0) {
            cur->cleanup();
            cur->nblocks = cur->npages = 0;
            if (cur->init() != 0) {
                fprintf(stderr, "placement: %s: init failed\n", cur->name);
                return 1;
            }
        } else if (strcmp(cmd, "alloc") == 0 && n == 3) {
            int size = atoi(arg1), page;
            size_t offset;
            char *p = cur->alloc(size);
            if (p == NULL) {
                fprintf(stderr, "placement: alloc %d %s: NULL\n", size, arg2);
                status = 1;
                continue;
            }
            if (cur->nblocks == MAX_BLOCKS || strlen(arg2) >= sizeof cur->blocks[0].name) {
                fprintf(stderr, "placement: too many blocks or name too long\n");
                return 1;
            }
            block *b = &cur->blocks[cur->nblocks++];
            memcpy(b->name, arg2, strlen(arg2) + 1);
            b->ptr = p;
            b->size = size;
            where(cur, p, &page, &offset);
            printf("%s: %d bytes at page %d, offset %zu\n", arg2, size, page, offset);
        } else if (strcmp(cmd, "free") == 0 && n == 2) {
            block *b = find(cur, arg1);
            int page;
            size_t offset;
            if (b == NULL) {
                fprintf(stderr, "placement: free: no block named '%s'\n", arg1);
                status = 1;
                continue;
            }
            where(cur, b->ptr, &page, &offset);
            cur->dealloc(b->ptr);
            printf("freed %s: %d bytes at page %d, offset %zu\n", b->name, b->size, page, offset);
            *b = cur->blocks[--cur->nblocks];
        } else if (strcmp(cmd, "write") == 0 && n == 3) {
            block *b = find(cur, arg1);
            if (b != NULL && strlen(arg2) <= (size_t)b->size)
                memcpy(b->ptr, arg2, strlen(arg2) < (size_t)b->size ? strlen(arg2) + 1 : strlen(arg2));
        } else if (strcmp(cmd, "read") == 0 && n == 2) {
            block *b = find(cur, arg1);
            if (b != NULL)
                printf("%.*s\n", (int)strnlen(b->ptr, (size_t)b->size), b->ptr);
        }
    }
    allocators[0].cleanup();
    allocators[1].cleanup();
    return status;
}
