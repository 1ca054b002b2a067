/* words.c - the command-line lexer: words, quotes and comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The bytes that end a plain run: the end, a blank, or a quote. */
static const bool ends_run[256] = {
    [0] = true, [' '] = true, ['\t'] = true, ['\r'] = true,
    ['"'] = true, ['\''] = true,
};

size_t words_plain_length(const char *s)
{
    const char *p = s;
    while (!ends_run[(unsigned char)*p])
        p++;
    return (size_t)(p - s);
}

static char unescape(char c)
{
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    default: return c;
    }
}

/* Copies one word starting at *sp into *dp; returns the quote character
 * left open, or 0. */
static char scan_word(const char **sp, char **dp)
{
    const char *s = *sp;
    char *d = *dp, quote = 0;
    /* Most words are one plain run: copied with one test a byte, of a
     * table of the bytes that end it (or open a quote). */
    while (!ends_run[(unsigned char)*s])
        *d++ = *s++;
    for (; *s && (quote || !is_blank(*s)); s++) {
        if (quote == '"' && *s == '\\' && s[1]) {
            *d++ = unescape(*++s);
        } else if (quote && *s == quote) {
            quote = 0;
        } else if (!quote && (*s == '"' || *s == '\'')) {
            quote = *s;
        } else {
            *d++ = *s;
        }
    }
    *d++ = '\0';
    *sp = s;
    *dp = d;
    return quote;
}

/* At most one word starts per two bytes of line, so one allocation of
 * the pointers suffices. */
int words_split(const char *line, words *out, char *err, size_t errlen)
{
    size_t len = strlen(line);
    out->n = 0;
    if (len <= WORDS_INLINE) {
        out->buf = out->inline_buf;
        out->w = out->inline_w;
    } else {
        out->buf = malloc(len + 1);
        out->w = malloc((len / 2 + 1) * sizeof *out->w);
    }
    if (!out->buf || !out->w) {
        words_free(out);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char *d = out->buf;
    const char *s = line;
    for (;;) {
        while (is_blank(*s))
            s++;
        if (!*s || *s == '#')
            return 0;
        out->w[out->n++] = d;
        char quote = scan_word(&s, &d);
        if (quote) {
            snprintf(err, errlen, "unterminated %c quote", quote);
            words_free(out);
            return -1;
        }
    }
}

void words_free(words *ws)
{
    if (ws->w != ws->inline_w)
        free(ws->w);
    if (ws->buf != ws->inline_buf)
        free(ws->buf);
    ws->n = 0;
    ws->w = NULL;
    ws->buf = NULL;
}

char *words_join(const words *ws, size_t from)
{
    size_t len = 1;
    for (size_t i = from; i < ws->n; i++)
        len += strlen(ws->w[i]) + 1;
    char *s = malloc(len), *d = s;
    if (!s)
        return NULL;
    *d = '\0';
    for (size_t i = from; i < ws->n; i++) {
        size_t n = strlen(ws->w[i]);
        if (i > from)
            *d++ = ' ';
        memcpy(d, ws->w[i], n + 1);
        d += n;
    }
    return s;
}

bool words_clean_line(char *line, long len)
{
    if (len > 0 && line[len - 1] == '\n')
        line[--len] = '\0';
    if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
    return strlen(line) == (size_t)len;
}

size_t words_command_length(const char *s)
{
    const char *p = s;
    char quote = 0;
    bool word_start = true;
    for (; *p; p++) {
        if (quote == '"' && *p == '\\' && p[1]) {
            p++;
        } else if (quote) {
            quote = *p == quote ? 0 : quote;
        } else if (*p == ';' || *p == '\n') {
            break;
        } else if (word_start && *p == '#') {
            p += strcspn(p, "\n"); /* a comment runs to the end of the line */
            break;
        } else if (*p == '"' || *p == '\'') {
            quote = *p;
        }
        word_start = !quote && is_blank(*p);
    }
    return (size_t)(p - s);
}
