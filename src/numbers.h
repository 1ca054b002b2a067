/* numbers.h - reading the numbers users type. */
#ifndef ALLOCSH_NUMBERS_H
#define ALLOCSH_NUMBERS_H

#include <stddef.h>

/* Reads a plain decimal number (digits only: no sign, hex or exponent)
 * no larger than max.  Returns 0, or -1 with the reason in err. */
int parse_count(const char *s, size_t max, size_t *out, char *err,
                size_t errlen);

/* n rounded up to a multiple of unit (n at most SIZE_MAX / 2). */
size_t round_up(size_t n, size_t unit);

#endif
