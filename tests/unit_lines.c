/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_lines.c - the two lists of lines.  `lines` (explanations,
 * generated scripts): every line, long ones too, must read back as
 * added, and after lines_free the list is empty and reusable.  `packed`
 * (the undo journal) keeps lines end to end: its last line and its index
 * must be right, empty lines included, across the buffer's growth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "packed.h"
#include "tap.h"

/* Line i: its number, then i % 97 letters, and every 1000th line 20,000. */
static size_t make(size_t i, char *buf)
{
    size_t n = (size_t)sprintf(buf, "%zu:", i), extra = i % 1000 == 999 ? 20000 : i % 97;
    memset(buf + n, 'a' + (int)(i % 26), extra);
    buf[n + extra] = '\0';
    return n + extra;
}

static void packed_lines(void)
{
    enum { N = 3000 };
    static char buf[20100];
    packed p = {0};
    int added = 1, last_ok = 1, same = 1;
    for (size_t i = 0; i < N; i++) {
        if (i % 500 == 7)
            buf[0] = '\0'; /* an empty line now and then */
        else
            make(i, buf);
        added &= packed_add(&p, 0, buf);
        last_ok &= strcmp(packed_last(&p), buf) == 0;
    }
    TAP_OK(added && p.n == N, "3000 lines packed, some empty, some of 20,000 bytes");
    TAP_OK(last_ok, "after each, the last line is the one just added");
    const char *e = p.text;
    for (size_t i = 0; i < N && same; i++, e += strlen(e) + 1) {
        if (i % 500 == 7)
            buf[0] = '\0';
        else
            make(i, buf);
        same = strcmp(e, buf) == 0;
    }
    TAP_OK(same, "the lines follow one another in order, each ended by its NUL");
    packed_free(&p);
    TAP_OK(p.n == 0 && p.text == NULL, "packed_free leaves an empty list");
    TAP_OK(packed_add(&p, 0, "one") && strcmp(packed_last(&p), "one") == 0,
           "a single line is its own last");
    TAP_OK(packed_add(&p, 0x81, "two") && strcmp(packed_last(&p), "\x81two") == 0 &&
               p.len == 4 + 5 && p.n == 2,
           "a code byte goes before its line, in the same entry");
    TAP_OK(packed_add(&p, 0x80, "") && strcmp(packed_last(&p), "\x80") == 0,
           "a code byte alone is an entry of its own");
    packed_free(&p);
}

int main(void)
{
    packed_lines();
    enum { N = 5000 };
    static char buf[20100];
    lines l = {0};
    int added = 1, same = 1;
    for (size_t i = 0; i < N; i++) {
        make(i, buf);
        added &= lines_add_copy(&l, buf);
    }
    TAP_OK(added && l.n == N, "5000 lines added, some of 20,000 bytes");
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
    TAP_OK(l.n == 0 && l.v == NULL, "lines_free leaves an empty list");
    TAP_OK(lines_add_copy(&l, "again") && l.n == 1 && strcmp(l.v[0], "again") == 0,
           "and the list takes lines again");
    lines_free(&l);
    return tap_done();
}
