/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_lines.c - the list of lines keeps its text in shared chunks: every
 * line must read back as added, across chunk boundaries, for lines longer
 * than a chunk, and after lines_free the list is empty and reusable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "tap.h"

/* Line i: its number, then i % 97 letters, and every 1000th line 20,000. */
static size_t make(size_t i, char *buf)
{
    size_t n = (size_t)sprintf(buf, "%zu:", i), extra = i % 1000 == 999 ? 20000 : i % 97;
    memset(buf + n, 'a' + (int)(i % 26), extra);
    buf[n + extra] = '\0';
    return n + extra;
}

int main(void)
{
    enum { N = 5000 };
    static char buf[20100];
    lines l = {0};
    int added = 1, same = 1;
    for (size_t i = 0; i < N; i++) {
        make(i, buf);
        added &= lines_add_copy(&l, buf);
    }
    TAP_OK(added && l.n == N, "5000 lines added, some longer than a chunk");
    for (size_t i = 0; i < N && same; i++) {
        make(i, buf);
        same = strcmp(l.v[i], buf) == 0;
        if (!same)
            printf("#   line %zu differs\n", i);
    }
    TAP_OK(same, "every line reads back as it was added");
    TAP_OK(lines_add(&l, "%s %d", "formatted", 42) && strcmp(l.v[N], "formatted 42") == 0,
           "lines_add formats into the same list");
    lines_free(&l);
    TAP_OK(l.n == 0 && l.v == NULL && l.chunks == NULL, "lines_free leaves an empty list");
    TAP_OK(lines_add_copy(&l, "again") && l.n == 1 && strcmp(l.v[0], "again") == 0,
           "and the list takes lines again");
    lines_free(&l);
    return tap_done();
}
