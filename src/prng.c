/* prng.c - splitmix64 (Steele, Lea and Flood), and unbiased ranges. */
#include "prng.h"

uint64_t prng_next(prng *g)
{
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t prng_range(prng *g, uint64_t lo, uint64_t hi)
{
    uint64_t span = hi - lo + 1, x;
    if (span == 0)
        return prng_next(g); /* the whole 64-bit range */
    /* Reject the top partial block so that every value is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    do
        x = prng_next(g);
    while (x >= limit);
    return lo + x % span;
}
