/* pyrandom.h - the numbers Python's random module gives after
 * random.seed(n) for an integer n, so that a front end can replay a
 * program written in Python (malloc.py) draw for draw. */
#ifndef ALLOCSH_PYRANDOM_H
#define ALLOCSH_PYRANDOM_H

#include <stdint.h>

enum { PYRANDOM_N = 624 };

typedef struct pyrandom {
    uint32_t mt[PYRANDOM_N];
    int next;   /* index of the next word to temper; N: regenerate first */
} pyrandom;

/* random.seed(n): Python seeds with abs(n), so magnitude is |n|. */
void pyrandom_seed(pyrandom *r, uint64_t magnitude);
/* random.random(): a double in [0, 1) with 53 random bits. */
double pyrandom_random(pyrandom *r);
/* The generator's raw 32-bit output (Python's getrandbits(32)). */
uint32_t pyrandom_u32(pyrandom *r);

#endif
