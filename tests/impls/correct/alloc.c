/*
 * alloc.c - Task 1: a simple allocator on exactly one 4 KB page.
 *
 * Fixture "correct" for allocsh --impl: a clean solution written the way
 * the assignment asks, placing every block exactly where allocsh's own
 * allocator (first fit) does.  A grader must report no fault.
 *
 *   - init_alloc() maps one 4096-byte page with mmap();
 *   - the free list ({offset, size, next}, ordered by offset) and the list
 *     of allocated blocks live in malloc()'d memory, never in the page;
 *   - alloc_mem(size) takes 0 < size <= 4096, size a multiple of 8, from
 *     the first free extent large enough, splitting it from its start;
 *   - dealloc_mem(ptr) merges the block with free neighbours on both
 *     sides; NULL or a pointer it never returned is ignored;
 *   - cleanup_alloc() unmaps the page and frees every metadata node.
 *
 * The faulty fixtures in ../ reuse this file: each defines one FAULT_*
 * switch below and includes it, so that each fault is a few lines here
 * instead of a copy of the whole allocator.
 *
 *   FAULT_NO_COALESCE        frees never merge with a neighbour
 *   FAULT_BEST_FIT           the smallest extent that fits, not the first
 *   FAULT_INLINE_HEADERS     an 8-byte size header in the page before each
 *                            block: pointers are shifted by 8
 *   FAULT_OVERLAP            a split shrinks the extent only when it is the
 *                            head of the free list: overlapping blocks
 *   FAULT_HEAP_NOT_MMAP      the "page" comes from malloc(), not mmap()
 *   FAULT_CRASH_IN_FREE      dealloc_mem() reads through NULL when it frees
 *                            the last allocated block
 *   FAULT_ENDLESS_LOOP       alloc_mem() spins forever when nothing fits
 *   FAULT_FORBIDDEN_FILE     init_alloc() writes a debug log with fopen()
 *   FAULT_FORBIDDEN_PROCESS  init_alloc() runs a command with system()
 *   FAULT_LEAK               cleanup_alloc() forgets the metadata lists
 *   FAULT_SIZES_NOT_ENFORCED sizes are rounded up to 8 (0 becomes 8)
 *                            instead of refused
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"

#define PAGE_SIZE 4096
#define UNIT 8

#ifdef FAULT_INLINE_HEADERS
#define HEADER_SIZE 8 /* a size_t in front of every block */
#else
#define HEADER_SIZE 0
#endif

typedef struct FreeNode {
    size_t offset;
    size_t size;
    struct FreeNode *next;
} FreeNode;

typedef struct AllocNode {
    char *ptr;
    size_t size; /* bytes taken from the page (with the header, if any) */
    struct AllocNode *next;
} AllocNode;

static char *page;            /* the mapped page, NULL before init */
static FreeNode *free_list;   /* free extents in ascending offset */
static AllocNode *alloc_list; /* allocated blocks, newest first */

/* Returns the number of bytes to take from the page for a request of
 * size bytes, or 0 when the size is refused. */
static size_t request_size(int size)
{
#ifdef FAULT_SIZES_NOT_ENFORCED
    /* fault: rounds up instead of refusing, and takes 0 as one unit */
    if (size < 0 || size > PAGE_SIZE)
        return 0;
    if (size == 0)
        size = UNIT;
    size = (size + UNIT - 1) / UNIT * UNIT;
#else
    if (size <= 0 || size > PAGE_SIZE || size % UNIT != 0)
        return 0;
#endif
    return (size_t)size + HEADER_SIZE;
}

/* Finds a free extent of at least need bytes; *prevp gets the node before
 * it in the free list (NULL for the head). */
static FreeNode *find_extent(size_t need, FreeNode **prevp)
{
    FreeNode *prev = NULL;
#ifdef FAULT_BEST_FIT
    /* fault: looks for the smallest extent that fits */
    FreeNode *best = NULL, *best_prev = NULL;
    for (FreeNode *cur = free_list; cur != NULL; prev = cur, cur = cur->next) {
        if (cur->size >= need && (best == NULL || cur->size < best->size)) {
            best = cur;
            best_prev = prev;
        }
    }
    *prevp = best_prev;
    return best;
#else
    for (FreeNode *cur = free_list; cur != NULL; prev = cur, cur = cur->next) {
        if (cur->size >= need) {
            *prevp = prev;
            return cur;
        }
    }
    *prevp = NULL;
    return NULL;
#endif
}

/* Puts [offset, offset + size) back into the free list, keeping it sorted
 * and merging it with the extents just before and just after it. */
static void insert_free(size_t offset, size_t size)
{
    FreeNode *prev = NULL, *next = free_list;
    while (next != NULL && next->offset < offset) {
        prev = next;
        next = next->next;
    }
#ifndef FAULT_NO_COALESCE
    int left = prev != NULL && prev->offset + prev->size == offset;
    int right = next != NULL && offset + size == next->offset;
    if (left && right) {
        prev->size += size + next->size;
        prev->next = next->next;
        free(next);
        return;
    }
    if (left) {
        prev->size += size;
        return;
    }
    if (right) {
        next->offset = offset;
        next->size += size;
        return;
    }
#endif
    FreeNode *node = malloc(sizeof *node);
    if (node == NULL)
        return; /* out of heap memory: the space is lost, nothing breaks */
    node->offset = offset;
    node->size = size;
    node->next = next;
    if (prev != NULL)
        prev->next = node;
    else
        free_list = node;
}

int init_alloc(void)
{
    if (page != NULL)
        return -1; /* already initialised */
#ifdef FAULT_HEAP_NOT_MMAP
    page = malloc(PAGE_SIZE); /* fault: heap memory, not a mapped page */
    if (page == NULL)
        return -1;
#else
    void *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    page = p;
#endif
    free_list = malloc(sizeof *free_list);
    if (free_list == NULL) {
#ifdef FAULT_HEAP_NOT_MMAP
        free(page);
#else
        munmap(page, PAGE_SIZE);
#endif
        page = NULL;
        return -1;
    }
    free_list->offset = 0;
    free_list->size = PAGE_SIZE;
    free_list->next = NULL;
    alloc_list = NULL;
#ifdef FAULT_FORBIDDEN_FILE
    /* fault: a debug log, written with stdio from inside the allocator */
    FILE *log = fopen("alloc-debug.log", "a");
    if (log != NULL) {
        fprintf(log, "init_alloc: page at %p\n", (void *)page);
        fclose(log);
    }
#endif
#ifdef FAULT_FORBIDDEN_PROCESS
    /* fault: starts a shell (and so a new process) from the allocator */
    (void)system(":");
#endif
    return 0;
}

char *alloc_mem(int size)
{
    size_t need = request_size(size);
    if (page == NULL || need == 0)
        return NULL;

    FreeNode *prev;
    FreeNode *ext = find_extent(need, &prev);
    if (ext == NULL) {
#ifdef FAULT_ENDLESS_LOOP
        /* fault: waits for space that no one can free */
        while (ext == NULL)
            ext = find_extent(need, &prev);
#else
        return NULL;
#endif
    }

    AllocNode *node = malloc(sizeof *node);
    if (node == NULL)
        return NULL;

    size_t offset = ext->offset;
    if (ext->size == need) {
        /* exact fit: the extent disappears */
        if (prev != NULL)
            prev->next = ext->next;
        else
            free_list = ext->next;
        free(ext);
    } else {
        /* split: the block comes from the start, the rest stays free */
#ifdef FAULT_OVERLAP
        if (prev == NULL) /* fault: forgets extents after the head */
#endif
        {
            ext->offset += need;
            ext->size -= need;
        }
    }

#if HEADER_SIZE > 0
    size_t header = (size_t)size;
    memcpy(page + offset, &header, sizeof header);
#endif
    node->ptr = page + offset + HEADER_SIZE;
    node->size = need;
    node->next = alloc_list;
    alloc_list = node;
    return node->ptr;
}

void dealloc_mem(char *ptr)
{
    if (ptr == NULL || page == NULL)
        return;

    AllocNode *prev = NULL, *node = alloc_list;
    while (node != NULL && node->ptr != ptr) {
        prev = node;
        node = node->next;
    }
    if (node == NULL)
        return; /* not a block of ours, or freed already */
    if (prev != NULL)
        prev->next = node->next;
    else
        alloc_list = node->next;

    size_t offset = (size_t)(ptr - HEADER_SIZE - page);
    size_t size = node->size;
    free(node);
#ifdef FAULT_CRASH_IN_FREE
    /* fault: assumes another block is still allocated and looks at it,
     * which reads through NULL when the last block is freed */
    if (alloc_list->size == 0)
        return;
#endif
    insert_free(offset, size);
}

int cleanup_alloc(void)
{
    if (page == NULL)
        return -1;
#ifdef FAULT_HEAP_NOT_MMAP
    free(page);
#else
    munmap(page, PAGE_SIZE);
#endif
    page = NULL;
#ifndef FAULT_LEAK
    while (free_list != NULL) {
        FreeNode *next = free_list->next;
        free(free_list);
        free_list = next;
    }
    while (alloc_list != NULL) {
        AllocNode *next = alloc_list->next;
        free(alloc_list);
        alloc_list = next;
    }
#endif
    /* with FAULT_LEAK: the nodes are forgotten, not freed */
    free_list = NULL;
    alloc_list = NULL;
    return 0;
}
