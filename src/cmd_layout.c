/* cmd_layout.c - the commands that show the layout: map and stats. */
#include <string.h>

#include "commands.h"

bool cmd_map(shell *sh, const words *ws, result *r)
{
    (void)sh;
    if (ws->n > 1 && strcmp(ws->w[1], "json") != 0)
        return result_fail(r, ERR_INVALID_VALUE, "unknown argument '%.40s' (try 'map' or 'map json')",
                           ws->w[1]);
    r->kind = ws->n > 1 ? R_LAYOUT : R_MAP;
    return true;
}

bool cmd_stats(shell *sh, const words *ws, result *r)
{
    (void)sh;
    (void)ws;
    r->kind = R_STATS;
    return true;
}
