/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_pyrandom.c - src/pyrandom.c against numbers CPython 3 printed:
 *   import random; random.seed(S); [random.random() for _ in range(3)]
 * and random.getrandbits(32) after them.  Python's repr of a float reads
 * back as the same double, so the comparisons are exact. */
#include <string.h>

#include "../src/pyrandom.h"
#include "tap.h"

typedef struct known {
    int negative;
    uint64_t magnitude;
    double first[3];
    uint32_t then_bits;
} known;

static const known table[] = {
    {0, 0, {0.8444218515250481, 0.7579544029403025, 0.420571580830845}, 1112038970u},
    {0, 1, {0.13436424411240122, 0.8474337369372327, 0.763774618976614}, 1095513148u},
    {0, 5, {0.6229016948897019, 0.7417869892607294, 0.7951935655656966}, 4047793130u},
    {0, 182628, {0.7669578303941912, 0.22194876072410397, 0.377461443289299}, 556450286u},
    /* two key words: the seed's high word is 1, its low word 0 */
    {0, 4294967296u, {0.11299430095636409, 0.41782886486292836, 0.0166763664992291},
     2627323657u},
    {0, 1099511627783u, {0.6137037779936511, 0.8149162973309487, 0.9450115087592873},
     2449809396u},
    /* Python seeds with abs(n) */
    {1, 3, {0.23796462709189137, 0.5442292252959519, 0.36995516654807925}, 2593816829u},
    {0, UINT64_MAX, {0.021825695401270107, 0.3380953268613758, 0.21196748656082065},
     2641946051u},
};

static void check_known(const known *k)
{
    pyrandom r;
    pyrandom_seed(&r, k->magnitude);
    for (int i = 0; i < 3; i++) {
        double got = pyrandom_random(&r);
        TAP_OK(got == k->first[i], "seed %s%llu: random() #%d is %.17g (got %.17g)",
               k->negative ? "-" : "", (unsigned long long)k->magnitude, i + 1,
               k->first[i], got);
    }
    TAP_EQ(pyrandom_u32(&r), k->then_bits, "seed %llu: then getrandbits(32)",
           (unsigned long long)k->magnitude);
}

/* Past the first 624 words the state is regenerated: the 701st double
 * after seed 0 reads words 1401 and 1402. */
static void check_regeneration(void)
{
    pyrandom r;
    pyrandom_seed(&r, 0);
    for (int i = 0; i < 700; i++)
        pyrandom_random(&r);
    TAP_OK(pyrandom_random(&r) == 0.6380736282281027, "seed 0: random() #701");
}

/* Seeding again starts the same sequence over. */
static void check_reseed(void)
{
    pyrandom r;
    pyrandom_seed(&r, 5);
    pyrandom_random(&r);
    pyrandom_seed(&r, 5);
    TAP_OK(pyrandom_random(&r) == 0.6229016948897019, "seeding again restarts");
}

int main(void)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        check_known(&table[i]);
    check_regeneration();
    check_reseed();
    return tap_done();
}
