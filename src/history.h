/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.h - the prompt's history file.  Its path is resolved here, link
 * by link, each relative link against the link's own directory, and only
 * through links the user owns; it is read and appended without blocking
 * (a FIFO is refused), and cut to its last lines by writing a new file
 * beside it and renaming that over it, so no other file is ever written. */
#ifndef ALLOCSH_HISTORY_H
#define ALLOCSH_HISTORY_H

/* The lines kept, in memory and in the file. */
enum { HISTORY_LINES = 1000 };

/* Finds the file ($ALLOCSH_HISTORY, $XDG_STATE_HOME/allocsh/history or
 * ~/.allocsh_history), creates it private to the user, and loads it into
 * readline's history.  When it cannot be used, says why on stderr, and
 * the session keeps its history in memory only. */
void history_load(void);
/* Adds a line typed at the prompt, and appends it to the file at once. */
void history_remember(const char *line);
/* Cuts the file to its last HISTORY_LINES lines (other sessions may have
 * appended to it too) and forgets the history: at the end of a session,
 * and when a signal ends it. */
void history_save(void);

#endif
