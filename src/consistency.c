/* consistency.c - the check behind --check: the allocators' own invariants,
 * and the shell's names matching the library's live blocks one to one. */
#include <stdio.h>

#include "consistency.h"

static bool names_match(const side *sd, const char *kind, char *msg, size_t len)
{
    pa_stats st;
    side_stats(sd, &st);
    if (sd->names.n != st.blocks) {
        snprintf(msg, len, "%s: %zu names for %zu live blocks", kind,
                 sd->names.n, st.blocks);
        return false;
    }
    for (size_t i = 0; i < sd->names.n; i++) {
        const name_entry *e = &sd->names.v[i];
        if (side_locate(sd, e->ptr, NULL) != PA_OK) {
            snprintf(msg, len, "%s: '%s' names no live block", kind, e->name);
            return false;
        }
        for (size_t j = 0; j < i; j++) {
            if (sd->names.v[j].ptr == e->ptr) {
                snprintf(msg, len, "%s: '%s' and '%s' name one block", kind,
                         sd->names.v[j].name, e->name);
                return false;
            }
        }
    }
    return true;
}

bool shell_consistent(const shell *sh, char *msg, size_t len)
{
    for (int k = PA_KIND_ALLOC; k <= PA_KIND_EALLOC; k++) {
        const side *sd = &sh->sides[k];
        const char *kind = pa_kind_name((pa_kind)k);
        char why[200];
        if (!side_in_use(sd))
            continue;
        if (side_check(sd, why, sizeof why) != PA_OK) {
            snprintf(msg, len, "%s: %s", kind, why);
            return false;
        }
        if (!names_match(sd, kind, msg, len))
            return false;
    }
    return true;
}
