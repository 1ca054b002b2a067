/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_names.c - the shell's table of block names: lookups both ways
 * after many inserts and deletes (the hash indexes shift clusters back on
 * delete, wrapping around the table's end), names reused, and the
 * automatic sequence after frees and around explicit names. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "tap.h"

static void *addr(size_t i) { return (void *)(uintptr_t)((i + 1) * 16); }

static void name_of(size_t i, char *buf) { snprintf(buf, 16, "b%zu", i); }

/* Every name of the model maps to its block and back, and no other. */
static int agrees(const names *t, void *const *model, size_t keys)
{
    char buf[16];
    size_t live = 0;
    for (size_t i = 0; i < keys; i++) {
        name_of(i, buf);
        if (names_get(t, buf) != model[i])
            return 0;
        if (model[i] && (!names_of(t, model[i]) || strcmp(names_of(t, model[i]), buf)))
            return 0;
        live += model[i] != NULL;
    }
    return live == t->n;
}

/* Random adds and removes over few keys: small tables, long clusters. */
static void against_model(void)
{
    enum { KEYS = 40, STEPS = 200000 };
    void *model[KEYS] = {0};
    names t = {0};
    uint64_t x = 88172645463325252u;
    int ok = 1;
    char buf[16];
    for (size_t s = 0; s < STEPS && ok; s++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t k = x % KEYS;
        name_of(k, buf);
        if (model[k]) {
            names_remove(&t, buf);
            model[k] = NULL;
        } else {
            model[k] = addr(s);
            ok = names_add(&t, buf, model[k]) == 0;
        }
        if (s % 97 == 0)
            ok = ok && agrees(&t, model, KEYS);
    }
    TAP_OK(ok && agrees(&t, model, KEYS), "%d random adds and removes agree with a model",
           STEPS);
    names_clear(&t);
}

static void many(void)
{
    enum { N = 100000 };
    static void *model[N];
    names t = {0};
    char buf[16];
    int ok = 1;
    for (size_t i = 0; i < N; i++) {
        name_of(i, buf);
        model[i] = addr(i);
        ok = ok && names_add(&t, buf, model[i]) == 0;
    }
    TAP_OK(ok && agrees(&t, model, N), "%d names found both ways", N);
    for (size_t i = 0; i < N; i += 2) {
        name_of(i, buf);
        names_remove(&t, buf);
        model[i] = NULL;
    }
    TAP_OK(agrees(&t, model, N), "every other one deleted, the rest still found");
    for (size_t i = 0; i < N; i += 2) {
        name_of(i, buf);
        model[i] = addr(N + i);
        ok = ok && names_add(&t, buf, model[i]) == 0;
    }
    TAP_OK(ok && agrees(&t, model, N), "the deleted names reused for other blocks");
    TAP_OK(names_of(&t, addr(0)) == NULL, "a freed block has no name");
    names_remove(&t, "nosuch");
    TAP_EQ(t.n, N, "removing an unknown name changes nothing");
    names_clear(&t);
    TAP_OK(t.n == 0 && names_get(&t, "b1") == NULL, "a cleared table is empty");
}

static void expect_next(const names *t, const char *want, const char *what)
{
    char buf[16];
    names_next_auto(t, buf, sizeof buf);
    TAP_OK(strcmp(buf, want) == 0, "%s: next automatic name %s (got %s)", what, want, buf);
}

static void add_auto(names *t, size_t i)
{
    char buf[16];
    names_next_auto(t, buf, sizeof buf);
    names_add(t, buf, addr(i));
}

static void automatic(void)
{
    names t = {0};
    expect_next(&t, "a", "empty");
    for (size_t i = 0; i < 27; i++)
        add_auto(&t, i);
    expect_next(&t, "ab", "after 27");
    names_remove(&t, "b");
    expect_next(&t, "ab", "a free does not send the sequence back");
    names_add(&t, "ad", addr(100));
    names_add(&t, "ac", addr(101));
    expect_next(&t, "ab", "explicit names further on");
    add_auto(&t, 102);
    expect_next(&t, "ae", "live names skipped");
    names_add(&t, "ae", addr(103));
    expect_next(&t, "af", "an explicit name that is the next consumes it");
    names_add(&t, "ah", addr(104));
    names_add(&t, "ag", addr(105));
    expect_next(&t, "af", "skipped ones wait");
    names_add(&t, "af", addr(106));
    expect_next(&t, "ai", "consumed past the live run");
    names_add(&t, "ak", addr(107));
    names_add(&t, "aj", addr(108));
    names_remove(&t, "ah");
    expect_next(&t, "ah", "a skipped name, once freed, is next again");
    add_auto(&t, 109);
    expect_next(&t, "ai", "after it");
    add_auto(&t, 110);
    expect_next(&t, "al", "after ai, with aj and ak live");
    names_remove(&t, "ai");
    expect_next(&t, "al", "a consumed name is not offered again");
    names_remove(&t, "ak");
    expect_next(&t, "ak", "an explicit name skipped, then freed, is");
    names_add(&t, "an", addr(111));
    names_add(&t, "am", addr(112));
    add_auto(&t, 113);
    expect_next(&t, "al", "before a live run");
    names_remove(&t, "am");
    add_auto(&t, 114);
    expect_next(&t, "am", "a name freed inside the run");
    names_clear(&t);
    expect_next(&t, "a", "a cleared table starts over");
    char buf[16];
    names_nth(26 * 27 + 25, buf, sizeof buf);
    TAP_OK(strcmp(buf, "aaz") == 0, "names_nth counts in bijective base 26 (%s)", buf);
}

int main(void)
{
    against_model();
    many();
    automatic();
    return tap_done();
}
