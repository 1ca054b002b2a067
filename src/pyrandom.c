/* pyrandom.c - MT19937 as CPython seeds and reads it: init_by_array over
 * the 32-bit words of the seed's magnitude (least significant first, at
 * least one word), and doubles made of 27 + 26 bits of two outputs. */
#include "pyrandom.h"

enum { M = 397 };
#define MATRIX_A 0x9908b0dfu
#define UPPER 0x80000000u
#define LOWER 0x7fffffffu

static void init_genrand(pyrandom *r, uint32_t s)
{
    r->mt[0] = s;
    for (int i = 1; i < PYRANDOM_N; i++)
        r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->next = PYRANDOM_N;
}

/* The reference algorithm's init_by_array: two passes that mix the key
 * into the state, then a most significant bit set so the state is never
 * all zero. */
static void init_by_array(pyrandom *r, const uint32_t *key, int len)
{
    uint32_t *mt = r->mt;
    init_genrand(r, 19650218u);
    int i = 1, j = 0;
    for (int k = PYRANDOM_N > len ? PYRANDOM_N : len; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        if (++i >= PYRANDOM_N) {
            mt[0] = mt[PYRANDOM_N - 1];
            i = 1;
        }
        if (++j >= len)
            j = 0;
    }
    for (int k = PYRANDOM_N - 1; k; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        if (++i >= PYRANDOM_N) {
            mt[0] = mt[PYRANDOM_N - 1];
            i = 1;
        }
    }
    mt[0] = UPPER;
}

void pyrandom_seed(pyrandom *r, uint64_t magnitude)
{
    uint32_t key[2] = {(uint32_t)magnitude, (uint32_t)(magnitude >> 32)};
    init_by_array(r, key, key[1] ? 2 : 1);
}

static uint32_t twist_word(uint32_t hi, uint32_t lo, uint32_t far)
{
    uint32_t y = (hi & UPPER) | (lo & LOWER);
    return far ^ (y >> 1) ^ ((y & 1u) ? MATRIX_A : 0u);
}

static void regenerate(pyrandom *r)
{
    uint32_t *mt = r->mt;
    for (int k = 0; k < PYRANDOM_N; k++)
        mt[k] = twist_word(mt[k], mt[(k + 1) % PYRANDOM_N], mt[(k + M) % PYRANDOM_N]);
    r->next = 0;
}

uint32_t pyrandom_u32(pyrandom *r)
{
    if (r->next >= PYRANDOM_N)
        regenerate(r);
    uint32_t y = r->mt[r->next++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double pyrandom_random(pyrandom *r)
{
    uint32_t a = pyrandom_u32(r) >> 5, b = pyrandom_u32(r) >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}
