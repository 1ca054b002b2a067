/* numbers.h - reading the numbers users type; writing output without printf. */
#ifndef ALLOCSH_NUMBERS_H
#define ALLOCSH_NUMBERS_H

#include <stddef.h>
#include <string.h>

/* Reads a plain decimal number (digits only: no sign, hex or exponent)
 * no larger than max.  Returns 0, or -1 with the reason in err. */
int parse_count(const char *s, size_t max, size_t *out, char *err,
                size_t errlen);

/* Writes v's decimal digits at p, NUL-terminated (SIZE_DIGITS bytes at
 * most), and returns where the NUL is: what printf's %zu gives, at a
 * tenth of its cost, for output of many lines.  Inline: --json writes
 * several a line. */
#define SIZE_DIGITS 21
static inline char *append_size(char *p, size_t v)
{
    size_t digits = 1;
    for (size_t rest = v; rest >= 10; rest /= 10)
        digits++;
    p[digits] = '\0';
    for (size_t i = digits; i-- > 0; v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + digits;
}

/* Copies a string literal's bytes (not its NUL) to p and returns where
 * they end: stpcpy looked for the NUL of " bytes at page " through a
 * call, four times a line of a script's output. */
static inline char *append_bytes(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}
#define APPEND_LITERAL(p, lit) append_bytes((p), "" lit, sizeof(lit) - 1)

/* n rounded up to a multiple of unit (n at most SIZE_MAX / 2). */
size_t round_up(size_t n, size_t unit);

#endif
