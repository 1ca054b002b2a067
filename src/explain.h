/* explain.h - turning the allocator's trace events into sentences. */
#ifndef ALLOCSH_EXPLAIN_H
#define ALLOCSH_EXPLAIN_H

#include "lines.h"
#include "result.h"
#include "shell.h"

/* The explanation of the command that produced r, from the events the
 * session recorded while it ran (none: no lines). */
void explain_lines(const shell *sh, const result *r, lines *out);

/* The trace hook the session gives both arenas. */
void explain_record(const pa_event *ev, void *ctx);

#endif
