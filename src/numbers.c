/* numbers.c - strict decimal numbers, so that "1e3" or "0x10" is an error
 * the user sees rather than a value they did not mean. */
#include <ctype.h>
#include <stdio.h>

#include "numbers.h"

int parse_count(const char *s, size_t max, size_t *out, char *err,
                size_t errlen)
{
    size_t v = 0;
    if (*s == '-') {
        snprintf(err, errlen, "'%.40s' is negative", s);
        return -1;
    }
    if (!*s || !isdigit((unsigned char)*s)) {
        snprintf(err, errlen, "'%.40s' is not a number", s);
        return -1;
    }
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p)) {
            snprintf(err, errlen,
                     "'%.40s' is not a plain decimal number", s);
            return -1;
        }
        unsigned d = (unsigned)(*p - '0');
        if (v > (max - d) / 10) {
            snprintf(err, errlen, "'%.40s' is too large (at most %zu)", s, max);
            return -1;
        }
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

size_t round_up(size_t n, size_t unit)
{
    return (n + unit - 1) / unit * unit;
}
