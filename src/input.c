/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input.c - bounded line reading for scripts and traces. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "signals.h"

void input_init(input *in, FILE *f)
{
    memset(in, 0, sizeof *in);
    in->f = f;
}

void input_free(input *in)
{
    free(in->buf);
    in->buf = NULL;
    in->cap = in->len = 0;
}

/* The most a line can need: the limit, one byte past it (the CR of a CR
 * LF) and the NUL. */
enum { CAP_MAX = INPUT_LINE_MAX + 2 };

/* Room for n bytes (at most CAP_MAX); the buffer never grows past that. */
static bool reserve(input *in, size_t n)
{
    if (n <= in->cap)
        return true;
    size_t cap = in->cap ? in->cap * 2 : 256;
    if (cap < n)
        cap = n;
    if (cap > CAP_MAX)
        cap = CAP_MAX;
    char *b = realloc(in->buf, cap);
    if (!b)
        return false;
    in->buf = b;
    in->cap = cap;
    return true;
}

/* A failed getc: Ctrl-C while waiting on a pipe or terminal, or an error. */
static input_status failed(input *in)
{
    in->err = errno;
    return sig_interrupted ? INPUT_INTERRUPTED : INPUT_ERROR;
}

/* Drops a byte-order mark: editors on Windows start UTF-8 files with one,
 * and it would make line 1 an unknown command with an invisible name. */
static void drop_bom(input *in)
{
    if (in->line == 1 && in->len >= 3 && memcmp(in->buf, "\xEF\xBB\xBF", 3) == 0) {
        in->len -= 3;
        memmove(in->buf, in->buf + 3, in->len + 1);
    }
}

input_status input_next(input *in)
{
    FILE *f = in->f;
    size_t len = 0;
    int c;
    in->line++;
    if (!reserve(in, 1)) {
        in->err = ENOMEM;
        return INPUT_ERROR;
    }
    /* The buffer and its size in locals: a store of a char may alias any
     * object, so through in-> they were loaded again for every byte. */
    char *buf = in->buf;
    size_t cap = in->cap;
    /* One byte past the limit may be the CR of a CR LF.  The buffer stops
     * growing at CAP_MAX, so that the limit is tested only when it is
     * full, not for every byte. */
    while ((c = getc_unlocked(f)) != EOF && c != '\n') {
        if (len + 2 > cap) {
            if (len > INPUT_LINE_MAX)
                return INPUT_TOO_LONG;
            if (!reserve(in, len + 2)) {
                in->err = ENOMEM;
                return INPUT_ERROR;
            }
            buf = in->buf;
            cap = in->cap;
        }
        buf[len++] = (char)c;
    }
    if (c == EOF && ferror(f))
        return failed(in);
    if (c == EOF && len == 0) {
        in->line--;
        return INPUT_END;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    if (len > INPUT_LINE_MAX)
        return INPUT_TOO_LONG;
    buf[len] = '\0';
    in->len = len;
    drop_bom(in);
    return INPUT_LINE;
}

const char *input_why(const input *in, input_status st, char *buf, size_t len)
{
    if (st == INPUT_TOO_LONG)
        snprintf(buf, len, "line longer than %d bytes", INPUT_LINE_MAX);
    else if (st == INPUT_INTERRUPTED)
        snprintf(buf, len, "interrupted");
    else
        snprintf(buf, len, "%s", strerror(in->err));
    return buf;
}
