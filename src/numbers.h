/* numbers.h - reading the numbers users type. */
#ifndef ALLOCSH_NUMBERS_H
#define ALLOCSH_NUMBERS_H

#include <stddef.h>

/* Reads a plain decimal number (digits only: no sign, hex or exponent)
 * no larger than max.  Returns 0, or -1 with the reason in err. */
int parse_count(const char *s, size_t max, size_t *out, char *err,
                size_t errlen);

#endif
