/* utf8.c - a strict UTF-8 validator (no overlong forms, no surrogates,
 * nothing above U+10FFFF), as RFC 3629 defines it. */
#include <string.h>

#include "utf8.h"

static int cont(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && cont(s[1]) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || !cont(s[1]) || !cont(s[2]))
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || !cont(s[1]) || !cont(s[2]) || !cont(s[3]))
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

/* Valid runs go out in one fwrite each: most lines are one run. */
void utf8_put_json(const char *s, FILE *f)
{
    const unsigned char *p = (const unsigned char *)s, *run = p;
    size_t n = strlen(s);
    while (n > 0) {
        size_t k = *p < 0x80 ? 1 : utf8_seq_len(p, n);
        if (k == 0) {
            fwrite(run, 1, (size_t)(p - run), f);
            fputs("\\ufffd", f);
            k = 1;
            run = p + 1;
        }
        p += k;
        n -= k;
    }
    fwrite(run, 1, (size_t)(p - run), f);
}
