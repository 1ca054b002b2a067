/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arena_tap.h - TAP checks on an arena shared by the unit tests: its
 * consistency, and its whole layout compared as one readable string. */
#ifndef TESTS_ARENA_TAP_H
#define TESTS_ARENA_TAP_H

#include <stdio.h>
#include <string.h>

#include "pagealloc.h"
#include "tap.h"

/* One test point: the arena is consistent after the operation named. */
static inline void check(const pa_arena *a, const char *after)
{
    char msg[160] = "";
    pa_status st = pa_check(a, msg, sizeof msg);
    TAP_OK(st == PA_OK, "pa_check passes after %s%s%s", after,
           st == PA_OK ? "" : ": ", msg);
}

#define LAYOUT_MAX 8192

typedef struct layout_buf {
    const pa_arena *a;
    char *s;
    size_t cap, len;
} layout_buf;

/* Renders one walk item; a "!" flags an address that does not match the
 * page base plus the offset, so that it shows up as a layout mismatch. */
static inline int add_item(const pa_item *it, void *ctx)
{
    layout_buf *b = ctx;
    char *base = pa_arena_page_base(b->a, it->page);
    const char *bad = (char *)it->addr == base + it->offset ? "" : "!";
    size_t room = b->cap - b->len;
    int n;
    if (it->kind == PA_ITEM_PAGE)
        n = snprintf(b->s + b->len, room, "%s[%zu]%s%s", b->len ? " " : "",
                     it->page, bad, it->size == PA_PAGE_SIZE ? "" : "?");
    else
        n = snprintf(b->s + b->len, room, " %c%zu:%zu%s",
                     it->kind == PA_ITEM_BLOCK ? 'b' : 'f', it->offset,
                     it->size, bad);
    b->len = n > 0 && (size_t)n < room ? b->len + (size_t)n : b->cap - 1;
    return 0;
}

/* The layout as text: "[page] bOFFSET:SIZE fOFFSET:SIZE ..." (b a block,
 * f a free extent), pages in mapping order, items by ascending offset. */
static inline void layout(const pa_arena *a, char *s, size_t cap)
{
    layout_buf b = {a, s, cap, 0};
    s[0] = '\0';
    pa_walk(a, add_item, &b);
}

static inline void expect_layout(const pa_arena *a, const char *want, const char *what)
{
    char got[LAYOUT_MAX];
    layout(a, got, sizeof got);
    int same = strcmp(got, want) == 0;
    TAP_OK(same, "%s: layout is \"%s\"", what, want);
    if (!same)
        printf("#   got \"%s\"\n", got);
}

#endif /* TESTS_ARENA_TAP_H */
