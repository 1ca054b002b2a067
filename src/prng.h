/* prng.h - a generator of our own (splitmix64), so that `gen` prints the
 * same script for the same seed on every machine and C library. */
#ifndef ALLOCSH_PRNG_H
#define ALLOCSH_PRNG_H

#include <stdint.h>

typedef struct prng { uint64_t state; } prng;

uint64_t prng_next(prng *g);
/* A number in [lo, hi], without modulo bias. */
uint64_t prng_range(prng *g, uint64_t lo, uint64_t hi);

#endif
