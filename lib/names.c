/* names.c - the words a front end shows for statuses, kinds and policies. */
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

const char *pa_kind_name(pa_kind kind)
{
    return kind == PA_KIND_ALLOC ? "alloc" : kind == PA_KIND_EALLOC ? "ealloc" : "?";
}

const char *pa_policy_name(pa_policy policy)
{
    static const char *const names[] = {"first", "best", "worst", "next"};
    return (unsigned)policy <= PA_FIT_NEXT ? names[policy] : "?";
}
