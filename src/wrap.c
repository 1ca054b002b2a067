/* wrap.c - running text broken at word boundaries to fit the terminal. */
#include <string.h>

#include "wrap.h"

/* Columns of len bytes of UTF-8: continuation bytes take none. */
static int columns(const char *s, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Prints one line (no newline in it) broken to width. */
static void wrap_line(FILE *out, const char *s, size_t len, int width, int hang)
{
    size_t lead = strspn(s, " ");
    if (lead > len)
        lead = len;
    int indent = (int)lead, col = 0;
    const char *end = s + len, *p = s;
    while (p < end) {
        const char *word = p + strspn(p, " "), *stop = word;
        if (word > end)
            word = end;
        while (stop < end && *stop != ' ')
            stop++;
        if (stop == word)
            break; /* trailing spaces */
        int gap = columns(p, (size_t)(word - p)), wlen = columns(word, (size_t)(stop - word));
        if (col > indent && col + gap + wlen > width) {
            indent = (int)lead + hang;
            fprintf(out, "\n%*s", indent, "");
            col = indent;
            gap = 0;
            p = word;
        }
        for (const char *q = p; q < stop; q++)
            fputc(*q == WRAP_GLUE[0] ? ' ' : *q, out);
        col += gap + wlen;
        p = stop;
    }
    fputc('\n', out);
}

void wrap_print(FILE *out, const char *text, int width, int hang)
{
    while (*text) {
        size_t len = strcspn(text, "\n");
        wrap_line(out, text, len, width, hang);
        text += len + (text[len] == '\n');
    }
}
