/* script_steps.h - a script cut into the steps a lecture shows one at a
 * time (--step, record): each command line with its line number, and the
 * comment lines right above it, which are its narration. */
#ifndef ALLOCSH_SCRIPT_STEPS_H
#define ALLOCSH_SCRIPT_STEPS_H

#include <stddef.h>

#include "shell.h"

typedef struct script_step {
    const char *line;       /* the command, as written */
    unsigned long lineno;
    char *note;             /* the comments above it, '#' taken off, one
                               a line; "" when there are none */
    shell_line_verdict verdict; /* not SHELL_LINE_RUN: the step fails as a
                               batch run fails the line, without running it
                               (shell_line_refusal), and a NOT_SCRIPT one
                               is the last */
} script_step;

typedef struct script_steps {
    script_copy copy;       /* the text the steps point into */
    script_step *v;
    size_t n;
} script_steps;

/* Reads the script at path and cuts it: 0; -1 with the reason in err; 1
 * when Ctrl-C broke off the reading (as shell_copy_script). */
int script_steps_read(shell *sh, const char *path, script_steps *s, char *err,
                      size_t errlen);
void script_steps_free(script_steps *s);

#endif
