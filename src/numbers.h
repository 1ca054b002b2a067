/* numbers.h - reading the numbers users type. */
#ifndef ALLOCSH_NUMBERS_H
#define ALLOCSH_NUMBERS_H

#include <stddef.h>

/* Reads a plain decimal number (digits only: no sign, hex or exponent)
 * no larger than max.  Returns 0, or -1 with the reason in err. */
int parse_count(const char *s, size_t max, size_t *out, char *err,
                size_t errlen);

/* v's decimal digits, written at the end of buf and returned: what
 * printf's %zu gives, at a tenth of its cost, for output of many lines. */
#define SIZE_DIGITS 21
const char *size_digits(size_t v, char buf[SIZE_DIGITS]);
/* Writes v's digits at p, NUL-terminated; returns where the NUL is. */
char *append_size(char *p, size_t v);

/* n rounded up to a multiple of unit (n at most SIZE_MAX / 2). */
size_t round_up(size_t n, size_t unit);

#endif
