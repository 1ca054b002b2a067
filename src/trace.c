/* trace.c - a strict reader of malloc-lab traces: every line is checked,
 * and a bad one is named by file and line. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input.h"
#include "numbers.h"
#include "signals.h"
#include "trace.h"
#include "words.h"

#define TRACE_MAX_OPS 10000000u
#define TRACE_MAX_IDS 10000000u

typedef struct reader {
    input in;
    const char *path;
    unsigned long line;
    char *err;
    size_t errlen;
} reader;

static int fail(reader *rd, const char *why, const char *what)
{
    snprintf(rd->err, rd->errlen, "%.200s:%lu: %s%.40s", rd->path, rd->line, why, what);
    return -1;
}

/* The next line, in rd->in.buf; at the end of the file, *end.  A read
 * that fails, a line past the limit or one holding a NUL byte is an
 * error, and Ctrl-C (while waiting, or between lines of a long trace) is
 * TRACE_INTERRUPTED. */
static int next_line(reader *rd, bool *end)
{
    char why[128];
    input_status st = input_next(&rd->in);
    rd->line = rd->in.line;
    *end = st == INPUT_END;
    if (st == INPUT_INTERRUPTED || sig_interrupted)
        return TRACE_INTERRUPTED;
    if (st == INPUT_END)
        return 0;
    if (st == INPUT_ERROR)
        return fail(rd, "cannot read: ", input_why(&rd->in, st, why, sizeof why));
    if (st == INPUT_TOO_LONG)
        return fail(rd, input_why(&rd->in, st, why, sizeof why), "");
    if (strlen(rd->in.buf) != rd->in.len)
        return fail(rd, "line holds a NUL byte", "");
    return 0;
}

/* The next line split into words; at the end of the file, no words and
 * no buffer (ws->buf NULL). */
static int next_words(reader *rd, words *ws)
{
    char why[128];
    bool end;
    int st = next_line(rd, &end);
    memset(ws, 0, sizeof *ws);
    if (st != 0 || end)
        return st;
    if (words_split(rd->in.buf, ws, why, sizeof why) != 0)
        return fail(rd, why, "");
    return 0;
}

/* Up to 15 digits and the character after them: every such number is one
 * that parse_count takes. */
static const char *digits(const char *p, size_t *v)
{
    const char *start = p;
    *v = 0;
    while (*p >= '0' && *p <= '9' && p - start < 15)
        *v = *v * 10 + (size_t)(*p++ - '0');
    return p > start ? p : NULL;
}

/* The common line, "a 12 345", "f 12" or "r 12 345" with single spaces,
 * read without splitting it into words; false for anything else, which
 * the strict reading then accepts or names. */
static bool plain_operation(const trace *t, const char *s, trace_op *op)
{
    char kind = s[0];
    const char *p;
    if ((kind != 'a' && kind != 'f' && kind != 'r') || s[1] != ' ')
        return false;
    if (!(p = digits(s + 2, &op->id)) || op->id >= t->ids)
        return false;
    op->kind = kind;
    op->size = 0;
    if (kind == 'f')
        return *p == '\0';
    return *p == ' ' && (p = digits(p + 1, &op->size)) && *p == '\0';
}

static int number(reader *rd, const char *word, size_t max, size_t *out)
{
    char why[128];
    if (parse_count(word, max, out, why, sizeof why) != 0)
        return fail(rd, why, "");
    return 0;
}

static int header(reader *rd, trace *t)
{
    static const char *const names[] = {"heap size", "number of ids",
                                        "number of operations", "weight"};
    size_t v[4];
    for (int i = 0; i < 4; i++) {
        words ws;
        int st = next_words(rd, &ws);
        if (st != 0)
            return st;
        if (!ws.buf) { /* the end of the file */
            rd->line++;
            return fail(rd, "the file ends before the ", names[i]);
        }
        int bad = ws.n != 1 || number(rd, ws.w[0], SIZE_MAX, &v[i]) != 0;
        words_free(&ws);
        if (bad)
            return fail(rd, "expected the ", names[i]);
        if ((i == 1 && v[i] > TRACE_MAX_IDS) || (i == 2 && v[i] > TRACE_MAX_OPS))
            return fail(rd, "too large for a replay: the ", names[i]);
    }
    t->ids = v[1];
    t->nops = v[2];
    return 0;
}

static int operation(reader *rd, const trace *t, const words *ws, trace_op *op)
{
    const char *shape = "expected 'a ID SIZE', 'f ID' or 'r ID SIZE'";
    if (ws->n == 0 || strlen(ws->w[0]) != 1 || !strchr("afr", ws->w[0][0]))
        return fail(rd, shape, "");
    op->kind = ws->w[0][0];
    if (ws->n != (op->kind == 'f' ? 2u : 3u))
        return fail(rd, shape, "");
    op->size = 0;
    if (op->kind == 'f' && strcmp(ws->w[1], "-1") == 0) {
        op->id = TRACE_NULL;
        return 0;
    }
    if (number(rd, ws->w[1], SIZE_MAX, &op->id) != 0)
        return -1;
    if (op->id >= t->ids)
        return fail(rd, "id beyond the number of ids in the header: ", ws->w[1]);
    return op->kind == 'f' ? 0 : number(rd, ws->w[2], SIZE_MAX / 2, &op->size);
}

static int body(reader *rd, trace *t)
{
    t->ops = calloc(t->nops ? t->nops : 1, sizeof *t->ops);
    if (!t->ops)
        return fail(rd, "out of memory", "");
    for (size_t i = 0;; ) {
        char why[128];
        words ws;
        bool end;
        int st = next_line(rd, &end);
        if (st != 0)
            return st;
        if (end)
            return i == t->nops ? 0 : fail(rd, "fewer operations than the header says", "");
        if (i < t->nops && plain_operation(t, rd->in.buf, &t->ops[i])) {
            i++;
            continue;
        }
        if (words_split(rd->in.buf, &ws, why, sizeof why) != 0)
            return fail(rd, why, "");
        if (ws.n > 0 && i == t->nops)
            st = fail(rd, "more operations than the header says", "");
        else if (ws.n > 0)
            st = operation(rd, t, &ws, &t->ops[i++]);
        words_free(&ws);
        if (st != 0)
            return -1;
    }
}

int trace_load(const char *path, trace *t, char *err, size_t errlen)
{
    reader rd = {.path = path, .err = err, .errlen = errlen};
    struct stat info;
    FILE *f;
    memset(t, 0, sizeof *t);
    if (!(f = fopen(path, "r"))) {
        if (errno == EINTR && sig_interrupted)
            return TRACE_INTERRUPTED; /* a FIFO that no one writes */
        snprintf(err, errlen, "cannot open '%.200s': %s", path, strerror(errno));
        return -2;
    }
    if (fstat(fileno(f), &info) == 0 && S_ISDIR(info.st_mode)) {
        snprintf(err, errlen, "cannot read '%.200s': it is a directory", path);
        fclose(f);
        return -2;
    }
    input_init(&rd.in, f);
    int st = header(&rd, t);
    if (st == 0)
        st = body(&rd, t);
    input_free(&rd.in);
    fclose(f);
    if (st != 0)
        trace_free(t);
    return st;
}

void trace_free(trace *t)
{
    free(t->ops);
    memset(t, 0, sizeof *t);
}
