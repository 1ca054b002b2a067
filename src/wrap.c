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

/* Where a line set out in two columns ("  name    what it does") has its
 * second, or 0: the text after its last run of two or more spaces. */
static int second_column(const char *s, size_t len, size_t lead)
{
    int at = 0;
    for (size_t i = lead; i + 1 < len; i++)
        if (s[i] == ' ' && s[i + 1] == ' ') {
            while (i < len && s[i] == ' ')
                i++;
            at = columns(s, i);
        }
    return at;
}

/* Prints one line (no newline in it) broken to width. */
static void wrap_line(FILE *out, const char *s, size_t len, int width, int hang)
{
    size_t lead = strspn(s, " ");
    if (lead > len)
        lead = len;
    int indent = (int)lead, col = 0, second = lead ? second_column(s, len, lead) : 0;
    /* continue a two-column line under its second column when that leaves
     * room, else under the line's own indentation and hang */
    int next = second > 0 && second <= width / 2 ? second : (int)lead + hang;
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
            indent = next;
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
