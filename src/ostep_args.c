/* ostep_args.c - reading malloc.py's options: short ones alone, clustered
 * (-Cc) or with the value attached (-s5); long ones whole or by a unique
 * prefix, with the value after '=' or as the next word.  Integers follow
 * optparse: 0x hexadecimal, 0b binary, a leading 0 octal. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ostep_args.h"
#include "pagealloc.h"

const char ostep_usage[] =
    "usage: allocsh [ALLOCSH OPTIONS] --ostep [MALLOC.PY OPTIONS]\n"
    "Run OSTEP's malloc.py free-space simulation on allocsh's heap arena,\n"
    "printing what malloc.py prints.\n"
    "\n"
    "  -s, --seed=N            the random seed (default 0)\n"
    "  -S, --size=N            size of the heap (default 100)\n"
    "  -b, --baseAddr=N        base address of the heap (default 1000)\n"
    "  -H, --headerSize=N      size of the header (default 0)\n"
    "  -a, --alignment=N       align allocated sizes to N; -1: none (default)\n"
    "  -p, --policy=P          list search: BEST (default), WORST, FIRST\n"
    "  -l, --listOrder=O       ADDRSORT (default), SIZESORT+, SIZESORT-,\n"
    "                          INSERT-FRONT, INSERT-BACK\n"
    "  -C, --coalesce          coalesce the free list\n"
    "  -n, --numOps=N          number of random operations (default 10)\n"
    "  -r, --range=N           largest random allocation (default 10)\n"
    "  -P, --percentAlloc=N    percent of operations that allocate (default 50)\n"
    "  -A, --allocList=LIST    these operations instead: +SIZE allocates,\n"
    "                          -INDEX frees ptr[INDEX] (e.g. +10,+20,-0)\n"
    "  -c, --compute           show the answers\n"
    "      --json              one JSON object per operation, with the answers\n"
    "      --map               allocsh's map after every operation\n"
    "      --explain           why each block went where it did (explain)\n"
    "  -h, --help              show this help and exit\n";

typedef enum { T_INT, T_STRING, T_FLAG } opt_type;

typedef struct opt_spec {
    char short_name;     /* 0: long only */
    const char *long_name;
    opt_type type;
    size_t field;        /* offset of the value in ostep_args */
} opt_spec;

#define AT(f) offsetof(ostep_args, f)
static const opt_spec specs[] = {
    {'s', "seed", T_INT, AT(seed)},
    {'S', "size", T_INT, AT(size)},
    {'b', "baseAddr", T_INT, AT(base)},
    {'H', "headerSize", T_INT, AT(header)},
    {'a', "alignment", T_INT, AT(align)},
    {'p', "policy", T_STRING, AT(policy)},
    {'l', "listOrder", T_STRING, AT(order)},
    {'C', "coalesce", T_FLAG, AT(coalesce)},
    {'n', "numOps", T_INT, AT(ops)},
    {'r', "range", T_INT, AT(range)},
    {'P', "percentAlloc", T_INT, AT(percent)},
    {'A', "allocList", T_STRING, AT(alloc_list)},
    {'c', "compute", T_FLAG, AT(compute)},
    {0, "json", T_FLAG, AT(json)},
    {0, "map", T_FLAG, AT(map)},
    {0, "explain", T_FLAG, AT(explain)},
    {'h', "help", T_FLAG, AT(help)},
};
enum { NSPECS = sizeof specs / sizeof specs[0] };

static int fail(char *err, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, len, fmt, ap);
    va_end(ap);
    return -1;
}

/* The digits of s in radix, all of them, into a long long. */
static int digits_in(const char *s, int radix, bool negative, long long *out)
{
    if (!*s || *s == '+' || *s == '-' || *s == ' ')
        return -1;
    char *end;
    errno = 0;
    unsigned long long m = strtoull(s, &end, radix);
    if (*end || errno || m > (unsigned long long)LLONG_MAX + negative)
        return -1;
    *out = negative ? (long long)(0 - m) : (long long)m;
    return 0;
}

/* optparse's rule: the prefix picks the radix, and only a plain decimal
 * number may carry a sign. */
static int python_int(const char *s, long long *out)
{
    if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X')))
        return digits_in(s + 2, 16, false, out);
    if ((s[0] == '0' && (s[1] == 'b' || s[1] == 'B')))
        return digits_in(s[2] ? s + 2 : "0", 2, false, out);
    if (s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
        return digits_in(s + 2, 8, false, out);
    if (s[0] == '0')
        return digits_in(s, 8, false, out);
    bool negative = s[0] == '-';
    if (s[0] == '-' || s[0] == '+')
        s++;
    if (strspn(s, "0123456789") != strlen(s))
        return -1;
    return digits_in(s, 10, negative, out);
}

static int store(const opt_spec *o, const char *shown, const char *value,
                 ostep_args *a, char *err, size_t len)
{
    char *field = (char *)a + o->field;
    if (o->type == T_FLAG)
        *(bool *)field = true;
    else if (o->type == T_STRING)
        *(const char **)field = value;
    else if (python_int(value, (long long *)field) != 0)
        return fail(err, len, "option %s: invalid integer value: '%s'", shown, value);
    return 0;
}

/* The long option name names: itself, or the one option it begins. */
static const opt_spec *find_long(const char *name, size_t n, char *err, size_t len)
{
    const opt_spec *hit = NULL;
    int hits = 0;
    for (int i = 0; i < NSPECS; i++) {
        if (strncmp(specs[i].long_name, name, n) != 0)
            continue;
        if (strlen(specs[i].long_name) == n)
            return &specs[i];
        hit = &specs[i];
        hits++;
    }
    if (hits == 1)
        return hit;
    fail(err, len, hits ? "ambiguous option: --%.*s" : "no such option: --%.*s",
         (int)n, name);
    return NULL;
}

static const opt_spec *find_short(char c)
{
    for (int i = 0; i < NSPECS; i++)
        if (specs[i].short_name == c)
            return &specs[i];
    return NULL;
}

/* --name, --name=value or --name value; returns the words it used. */
static int take_long(int argc, char **argv, int i, ostep_args *a, char *err, size_t len)
{
    const char *name = argv[i] + 2;
    size_t n = strcspn(name, "=");
    const opt_spec *o = find_long(name, n, err, len);
    if (!o)
        return -1;
    char shown[64];
    snprintf(shown, sizeof shown, "--%s", o->long_name);
    if (o->type == T_FLAG && name[n])
        return fail(err, len, "%s option does not take a value", shown);
    if (o->type == T_FLAG || name[n])
        return store(o, shown, name + n + 1, a, err, len) ? -1 : 1;
    if (i + 1 >= argc)
        return fail(err, len, "%s option requires 1 argument", shown);
    return store(o, shown, argv[i + 1], a, err, len) ? -1 : 2;
}

/* -x, -xVALUE, -x VALUE, or flags run together (-Cc, -Cs5). */
static int take_short(int argc, char **argv, int i, ostep_args *a, char *err, size_t len)
{
    for (const char *p = argv[i] + 1; *p; p++) {
        const opt_spec *o = find_short(*p);
        char shown[3] = {'-', *p, 0};
        if (!o)
            return fail(err, len, "no such option: %s", shown);
        if (o->type == T_FLAG) {
            store(o, shown, NULL, a, err, len);
            continue;
        }
        if (p[1])
            return store(o, shown, p + 1, a, err, len) ? -1 : 1;
        if (i + 1 >= argc)
            return fail(err, len, "%s option requires 1 argument", shown);
        return store(o, shown, argv[i + 1], a, err, len) ? -1 : 2;
    }
    return 1;
}

static void set_defaults(ostep_args *a)
{
    memset(a, 0, sizeof *a);
    a->size = 100;
    a->base = 1000;
    a->align = -1;
    a->ops = 10;
    a->range = 10;
    a->percent = 50;
    a->policy = "BEST";
    a->order = "ADDRSORT";
    a->alloc_list = "";
}

static void ignore(ostep_args *a, const char *word)
{
    if (!a->ignored++)
        a->first_ignored = word;
}

static int read_words(int argc, char **argv, ostep_args *a, char *err, size_t len)
{
    for (int i = 0; i < argc;) {
        const char *w = argv[i];
        int used = 1;
        if (strcmp(w, "--") == 0) {
            while (++i < argc)
                ignore(a, argv[i]);
            break;
        }
        if (strncmp(w, "--", 2) == 0)
            used = take_long(argc, argv, i, a, err, len);
        else if (w[0] == '-' && w[1])
            used = take_short(argc, argv, i, a, err, len);
        else
            ignore(a, w);
        if (used < 0)
            return -1;
        i += used;
    }
    return 0;
}

static bool one_of(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

/* A number malloc.py's int() reads from one -A operation: digits only
 * here, so that a typo is an error and not a crash half-way through. */
static int step_number(const char *s, size_t n, long long *out)
{
    if (n == 0 || n > 18 || strspn(s, "0123456789") < n)
        return -1;
    *out = 0;
    for (size_t i = 0; i < n; i++)
        *out = *out * 10 + (s[i] - '0');
    return 0;
}

static int parse_step(const char *op, size_t n, ostep_step *st, char *err, size_t len)
{
    if (n == 0 || (op[0] != '+' && op[0] != '-') ||
        step_number(op + 1, n - 1, &st->n) != 0)
        return fail(err, len, "option -A: bad operation '%.*s': must be +SIZE or -INDEX",
                    (int)n, op);
    st->is_alloc = op[0] == '+';
    if (st->is_alloc && st->n == 0)
        return fail(err, len, "option -A: bad operation '%.*s': a size must be at least 1",
                    (int)n, op);
    return 0;
}

/* -A's comma-separated operations, each checked before any runs. */
static int split_steps(ostep_args *a, char *err, size_t len)
{
    const char *s = a->alloc_list;
    if (!*s)
        return 0;
    size_t count = 1;
    for (const char *p = s; *p; p++)
        count += *p == ',';
    a->steps = calloc(count, sizeof *a->steps);
    if (!a->steps)
        return fail(err, len, "out of memory for -A's operations");
    for (;;) {
        size_t n = strcspn(s, ",");
        if (parse_step(s, n, &a->steps[a->nsteps], err, len) != 0)
            return -1;
        a->nsteps++;
        if (!s[n])
            return 0;
        s += n + 1;
    }
}

/* Where malloc.py asserts, or computes nonsense from a negative size,
 * the value is refused before anything is printed. */
static int check_values(const ostep_args *a, char *err, size_t len)
{
    static const char *const policies[] = {"BEST", "WORST", "FIRST", NULL};
    static const char *const orders[] = {"ADDRSORT", "SIZESORT+", "SIZESORT-",
                                         "INSERT-FRONT", "INSERT-BACK", NULL};
    if (!one_of(a->policy, policies))
        return fail(err, len, "option -p: unknown policy '%s' (BEST, WORST or FIRST)",
                    a->policy);
    if (!one_of(a->order, orders))
        return fail(err, len, "option -l: unknown list order '%s' (ADDRSORT, SIZESORT+, "
                    "SIZESORT-, INSERT-FRONT or INSERT-BACK)", a->order);
    if (a->size < 1 || a->size > (long long)PA_HEAP_MAX_SIZE)
        return fail(err, len, "option -S: the heap size must be from 1 to %u, not %lld",
                    PA_HEAP_MAX_SIZE, a->size);
    /* as set base takes it: addresses are counts */
    if (a->base < 0 || a->base > (1LL << 48))
        return fail(err, len, "option -b: the base address must be from 0 to 2^48, "
                    "not %lld", a->base);
    /* The library wants room for a block's data after its header. */
    if (a->header < 0 || a->header >= a->size)
        return fail(err, len, "option -H: the header size must be from 0 to the heap "
                    "size less 1 (%lld), not %lld", a->size - 1, a->header);
    if (a->align == 0 || a->align < -1 || a->align > (long long)PA_HEAP_MAX_SIZE)
        return fail(err, len, "option -a: the alignment must be -1 (none) or from 1 to "
                    "%u, not %lld", PA_HEAP_MAX_SIZE, a->align);
    if (a->percent <= 0)
        return fail(err, len, "option -P: the percentage of allocations must be more "
                    "than 0, not %lld", a->percent);
    if (a->range < 0 || a->range > (1LL << 40))
        return fail(err, len, "option -r: the largest allocation must be from 0 to "
                    "2^40, not %lld", a->range);
    return 0;
}

int ostep_args_parse(int argc, char **argv, ostep_args *a, char *err, size_t errlen)
{
    set_defaults(a);
    if (read_words(argc, argv, a, err, errlen) != 0)
        return -1;
    if (a->help)
        return 0;
    if (check_values(a, err, errlen) != 0 || split_steps(a, err, errlen) != 0) {
        ostep_args_free(a);
        return -1;
    }
    return 0;
}

void ostep_args_free(ostep_args *a)
{
    free(a->steps);
    a->steps = NULL;
    a->nsteps = 0;
}
