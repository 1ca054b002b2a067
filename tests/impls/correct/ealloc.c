/*
 * ealloc.c - Task 2: an elastic allocator that maps pages on demand.
 *
 * Fixture "correct" for allocsh --impl: a clean solution written the way
 * the assignment asks, placing every block exactly where allocsh's own
 * ealloc (first fit) does.  A grader must report no fault.
 *
 *   - einit_alloc() maps nothing: it only starts empty lists;
 *   - ealloc_mem(size) takes 0 < size <= 4096, size a multiple of 256,
 *     from the first free extent large enough, looking at the pages in the
 *     order they were mapped and at each page's free list in ascending
 *     offset, and splits the extent from its start;
 *   - only when no mapped page can hold the request is a new 4096-byte
 *     page mapped with mmap() and appended, at most MAX_PAGES (4) of them;
 *   - edealloc_mem(ptr) merges the block with free neighbours in its page;
 *     NULL or a pointer it never returned is ignored;
 *   - ecleanup_alloc() frees every metadata node (the PageDesc list, the
 *     free lists, the allocated list) but leaves the pages mapped, as the
 *     assignment's note asks.
 *
 * All metadata lives in malloc()'d memory, never in the pages.
 *
 * The faulty fixtures in ../ reuse this file: each defines one FAULT_*
 * switch below and includes it.
 *
 *   FAULT_NO_COALESCE        frees never merge with a neighbour
 *   FAULT_BEST_FIT           the smallest extent that fits in any page
 *   FAULT_INLINE_HEADERS     a 16-byte header in the page before each
 *                            block: pointers are shifted by 16
 *   FAULT_OVERLAP            a split shrinks the extent only when it is the
 *                            head of its page's free list
 *   FAULT_HEAP_NOT_MMAP      the "pages" come from malloc(), not mmap()
 *   FAULT_CRASH_IN_FREE      edealloc_mem() reads through NULL when it
 *                            frees the last allocated block
 *   FAULT_ENDLESS_LOOP       ealloc_mem() spins forever when nothing fits
 *                            and no page may be mapped
 *   FAULT_FORBIDDEN_FILE     einit_alloc() writes a debug log with fopen()
 *   FAULT_FORBIDDEN_PROCESS  einit_alloc() calls fork()
 *   FAULT_EAGER_PAGES        einit_alloc() maps all MAX_PAGES pages at once
 *   FAULT_NO_PAGE_LIMIT      pages are mapped beyond MAX_PAGES
 *   FAULT_LEAK               ecleanup_alloc() frees no metadata
 *   FAULT_SIZES_NOT_ENFORCED sizes are rounded up to 256 (0 becomes 256)
 *                            instead of refused
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS under -std=c11 */

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ealloc.h"

#define PAGE_SIZE 4096
#define UNIT 256
#ifndef MAX_PAGES
#define MAX_PAGES 4 /* the default limit; -DMAX_PAGES=N changes it */
#endif

#ifdef FAULT_INLINE_HEADERS
#define HEADER_SIZE 16 /* size and offset of the block, in front of it */
#else
#define HEADER_SIZE 0
#endif

typedef struct FreeNode {
    size_t offset;
    size_t size;
    struct FreeNode *next;
} FreeNode;

typedef struct PageDesc {
    char *base;
    struct FreeNode *free_list; /* this page's free extents, by offset */
    struct PageDesc *next;
} PageDesc;

typedef struct AllocNode {
    char *ptr;
    size_t size; /* bytes taken from the page (with the header, if any) */
    PageDesc *page;
    struct AllocNode *next;
} AllocNode;

static int initialised;
static PageDesc *pages;       /* mapped pages, in the order of mapping */
static int npages;
static AllocNode *alloc_list; /* allocated blocks, newest first */

/* Returns the number of bytes to take from a page for a request of size
 * bytes, or 0 when the size is refused. */
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
    if ((size_t)size + HEADER_SIZE > PAGE_SIZE)
        return 0; /* a block never spans two pages */
    return (size_t)size + HEADER_SIZE;
}

static int may_map_another_page(void)
{
#ifdef FAULT_NO_PAGE_LIMIT
    return 1; /* fault: no limit */
#else
    return npages < MAX_PAGES;
#endif
}

/* Maps one more page, entirely free, and appends it to the page list. */
static PageDesc *map_page(void)
{
    PageDesc *pg = malloc(sizeof *pg);
    FreeNode *all = malloc(sizeof *all);
    if (pg == NULL || all == NULL) {
        free(pg);
        free(all);
        return NULL;
    }
#ifdef FAULT_HEAP_NOT_MMAP
    pg->base = malloc(PAGE_SIZE); /* fault: heap memory, not a mapped page */
    if (pg->base == NULL) {
        free(pg);
        free(all);
        return NULL;
    }
#else
    void *p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        free(pg);
        free(all);
        return NULL;
    }
    pg->base = p;
#endif
    all->offset = 0;
    all->size = PAGE_SIZE;
    all->next = NULL;
    pg->free_list = all;
    pg->next = NULL;

    PageDesc **tail = &pages;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = pg;
    npages++;
    return pg;
}

/* Finds a free extent of at least need bytes in the mapped pages; *pgp
 * gets its page and *prevp the node before it in that page's free list. */
static FreeNode *find_extent(size_t need, PageDesc **pgp, FreeNode **prevp)
{
#ifdef FAULT_BEST_FIT
    /* fault: looks for the smallest extent that fits, in any page */
    FreeNode *best = NULL;
    for (PageDesc *pg = pages; pg != NULL; pg = pg->next) {
        FreeNode *prev = NULL;
        for (FreeNode *cur = pg->free_list; cur != NULL;
             prev = cur, cur = cur->next) {
            if (cur->size >= need && (best == NULL || cur->size < best->size)) {
                best = cur;
                *pgp = pg;
                *prevp = prev;
            }
        }
    }
    return best;
#else
    for (PageDesc *pg = pages; pg != NULL; pg = pg->next) {
        FreeNode *prev = NULL;
        for (FreeNode *cur = pg->free_list; cur != NULL;
             prev = cur, cur = cur->next) {
            if (cur->size >= need) {
                *pgp = pg;
                *prevp = prev;
                return cur;
            }
        }
    }
    return NULL;
#endif
}

/* Puts [offset, offset + size) back into the free list of page pg,
 * keeping it sorted and merging it with its neighbours. */
static void insert_free(PageDesc *pg, size_t offset, size_t size)
{
    FreeNode *prev = NULL, *next = pg->free_list;
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
        pg->free_list = node;
}

int einit_alloc(void)
{
    if (initialised)
        return -1;
    initialised = 1;
    pages = NULL;
    npages = 0;
    alloc_list = NULL;
#ifdef FAULT_EAGER_PAGES
    /* fault: maps every page now instead of on demand */
    for (int i = 0; i < MAX_PAGES; i++)
        if (map_page() == NULL)
            break;
#endif
#ifdef FAULT_FORBIDDEN_FILE
    /* fault: a debug log, written with stdio from inside the allocator */
    FILE *log = fopen("ealloc-debug.log", "a");
    if (log != NULL) {
        fputs("einit_alloc\n", log);
        fclose(log);
    }
#endif
#ifdef FAULT_FORBIDDEN_PROCESS
    /* fault: forks a child from inside the allocator */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    if (child > 0)
        waitpid(child, NULL, 0);
#endif
    return 0;
}

char *ealloc_mem(int size)
{
    size_t need = request_size(size);
    if (!initialised || need == 0)
        return NULL;

    PageDesc *pg = NULL;
    FreeNode *prev = NULL;
    FreeNode *ext = find_extent(need, &pg, &prev);
    if (ext == NULL) {
        if (!may_map_another_page()) {
#ifdef FAULT_ENDLESS_LOOP
            /* fault: waits for space that no one can free */
            while (ext == NULL)
                ext = find_extent(need, &pg, &prev);
#else
            return NULL;
#endif
        } else {
            pg = map_page();
            if (pg == NULL)
                return NULL;
            prev = NULL;
            ext = pg->free_list; /* the whole new page */
        }
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
            pg->free_list = ext->next;
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
    size_t header[2] = {(size_t)size, offset};
    memcpy(pg->base + offset, header, sizeof header);
#endif
    node->ptr = pg->base + offset + HEADER_SIZE;
    node->size = need;
    node->page = pg;
    node->next = alloc_list;
    alloc_list = node;
    return node->ptr;
}

void edealloc_mem(char *ptr)
{
    if (ptr == NULL || !initialised)
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

    PageDesc *pg = node->page;
    size_t offset = (size_t)(ptr - HEADER_SIZE - pg->base);
    size_t size = node->size;
    free(node);
#ifdef FAULT_CRASH_IN_FREE
    /* fault: assumes another block is still allocated and looks at it,
     * which reads through NULL when the last block is freed */
    if (alloc_list->size == 0)
        return;
#endif
    insert_free(pg, offset, size);
}

int ecleanup_alloc(void)
{
    if (!initialised)
        return -1;
#ifndef FAULT_LEAK
    while (pages != NULL) {
        PageDesc *next = pages->next;
        while (pages->free_list != NULL) {
            FreeNode *fn = pages->free_list->next;
            free(pages->free_list);
            pages->free_list = fn;
        }
#ifdef FAULT_HEAP_NOT_MMAP
        free(pages->base); /* heap "pages" go back to the heap */
#endif
        /* the page itself stays mapped, as the assignment says */
        free(pages);
        pages = next;
    }
    while (alloc_list != NULL) {
        AllocNode *next = alloc_list->next;
        free(alloc_list);
        alloc_list = next;
    }
#endif
    /* with FAULT_LEAK: the nodes are forgotten, not freed */
    pages = NULL;
    npages = 0;
    alloc_list = NULL;
    initialised = 0;
    return 0;
}
