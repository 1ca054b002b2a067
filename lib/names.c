/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* names.c - the words a front end shows for statuses, kinds and policies. */
#include <string.h>

#include "pagealloc.h"

const char *pa_strerror(pa_status st)
{
    switch (st) {
    case PA_OK: return "success";
    case PA_ENOSPACE: return "out of memory";
    case PA_ESIZE: return "invalid size";
    case PA_EUNKNOWN: return "unknown pointer";
    case PA_EINTERIOR: return "pointer inside a block";
    case PA_EDOUBLE: return "double free";
    case PA_ENOMEM: return "cannot allocate metadata";
    case PA_EMAP: return "cannot map a page";
    case PA_EBUSY: return "pages in use exceed the limit";
    case PA_EINVAL: return "invalid argument";
    case PA_ECORRUPT: return "inconsistent arena";
    }
    return "unknown status";
}

/* The one spelling of every kind and policy; front ends read these. */
static const char *const kind_names[] = {"alloc", "ealloc", "heap"};
static const char *const policy_names[] = {"first", "best", "worst", "next"};
static const char *const order_names[] = {"address", "size-up", "size-down",
                                          "front", "back"};
/* malloc.py's -l spellings of the same orders. */
static const char *const order_ostep[] = {"ADDRSORT", "SIZESORT+", "SIZESORT-",
                                          "INSERT-FRONT", "INSERT-BACK"};

const char *pa_kind_name(pa_kind kind)
{
    return (unsigned)kind <= PA_KIND_HEAP ? kind_names[kind] : "?";
}

const char *pa_order_name(pa_order order)
{
    return (unsigned)order <= PA_ORDER_BACK ? order_names[order] : "?";
}

const char *pa_policy_name(pa_policy policy)
{
    return (unsigned)policy <= PA_FIT_NEXT ? policy_names[policy] : "?";
}

/* The index of name in a table of n names, or -1. */
static int name_index(const char *const *table, int n, const char *name)
{
    for (int i = 0; name && i < n; i++)
        if (strcmp(table[i], name) == 0)
            return i;
    return -1;
}

pa_status pa_kind_from_name(const char *name, pa_kind *out)
{
    int i = name_index(kind_names, PA_KIND_HEAP + 1, name);
    if (i < 0 || !out)
        return PA_EINVAL;
    *out = (pa_kind)i;
    return PA_OK;
}

pa_status pa_policy_from_name(const char *name, pa_policy *out)
{
    int i = name_index(policy_names, PA_FIT_NEXT + 1, name);
    if (i < 0 || !out)
        return PA_EINVAL;
    *out = (pa_policy)i;
    return PA_OK;
}

pa_status pa_order_from_name(const char *name, pa_order *out)
{
    int i = name_index(order_names, PA_ORDER_BACK + 1, name);
    if (i < 0)
        i = name_index(order_ostep, PA_ORDER_BACK + 1, name);
    if (i < 0 || !out)
        return PA_EINVAL;
    *out = (pa_order)i;
    return PA_OK;
}
