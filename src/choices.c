/* choices.c - lists of the library's names, made once from its own. */
#include <stdio.h>
#include <string.h>

#include "choices.h"
#include "pagealloc.h"

const char *const *kind_names(void)
{
    static const char *list[PA_KIND_HEAP + 2];
    for (int k = PA_KIND_ALLOC; !list[PA_KIND_HEAP] && k <= PA_KIND_HEAP; k++)
        list[k] = pa_kind_name((pa_kind)k);
    return list;
}

const char *const *order_names(void)
{
    static const char *list[PA_ORDER_BACK + 2];
    for (int o = PA_ORDER_ADDRESS; !list[PA_ORDER_BACK] && o <= PA_ORDER_BACK; o++)
        list[o] = pa_order_name((pa_order)o);
    return list;
}

const char *const *policy_names(void)
{
    static const char *list[PA_FIT_NEXT + 2];
    for (int p = PA_FIT_FIRST; !list[PA_FIT_NEXT] && p <= PA_FIT_NEXT; p++)
        list[p] = pa_policy_name((pa_policy)p);
    return list;
}

const char *choices_of(const char *const *list, char *buf, unsigned long len)
{
    buf[0] = '\0';
    for (size_t i = 0; list[i]; i++)
        snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
                 i == 0 ? "" : list[i + 1] ? ", " : " or ", list[i]);
    return buf;
}

const char *kind_choices(void)
{
    static char buf[64];
    return buf[0] ? buf : choices_of(kind_names(), buf, sizeof buf);
}

const char *policy_choices(void)
{
    static char buf[64];
    return buf[0] ? buf : choices_of(policy_names(), buf, sizeof buf);
}
