/* journal.h - the commands of a session that changed its allocators, in
 * order.  Every run is deterministic, so replaying them in a fresh session
 * rebuilds the state exactly: that is how undo and --step go back. */
#ifndef ALLOCSH_JOURNAL_H
#define ALLOCSH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "result.h"
#include "shell.h"
#include "words.h"

struct command;

/* Keeps line when it is a top-level command that may change state and,
 * as its result r says (result_effect_of), did: changed blocks or
 * settings, or only the failure and search counts of an alloc the
 * allocator refused, which undo replays but does not take back alone.
 * At any depth it counts what the command did in sh->changed and
 * sh->counted. */
void journal_note(shell *sh, const struct command *c, const words *ws,
                  const char *line, const result *r);
/* How many lines the journal holds up to and with the last one undo may
 * take back (any but a refused alloc's); 0 when there is none. */
size_t journal_undoable(const shell *sh);
/* Line i of the journal, in a malloc'd string (NULL when memory runs
 * out); the journal holds more than i. */
char *journal_line(const shell *sh, size_t i);
/* The first n lines kept, in one malloc'd block that a free() releases
 * (NULL when memory runs out). */
char **journal_lines(const shell *sh, size_t n);
/* A fresh session with the command line's allocators and settings, and
 * nothing that prints, stops or fails on its own (as compare's scratch
 * sessions): 0, or -1 when it cannot be set up. */
int journal_fresh(const shell *sh, shell *fresh);
/* Replaces sh's allocators, names and journal by those of a fresh session
 * (the command line's settings) that ran the n lines quietly: lines of
 * the journal, whose sources run what they read then when as_read is
 * set.  0; -1 with the reason in err when the fresh session cannot be set
 * up or the system failed it; 1 when Ctrl-C broke off the replay
 * (sh->interrupted is set).  Unless it returns 0, sh is left as it was. */
int journal_rebuild(shell *sh, char *const *v, size_t n, bool as_read, char *err,
                    size_t errlen);
/* source's part: runs the file at path as shell_run_file does and keeps
 * the lines it read for undo; in a rebuild from the journal, runs the
 * lines that the source it replays read instead. */
int journal_source(shell *sh, const char *path, char *err, size_t errlen);
void journal_reads_free(shell *sh);

#endif
