/* script_steps.c - cutting a script into steps and their narration. */
#include <stdlib.h>
#include <string.h>

#include "script_steps.h"

/* Appends a comment line (its text after '#' and one space) to note. */
static char *add_note(char *note, const char *comment)
{
    comment += strspn(comment, " \t") + 1;
    comment += *comment == ' ';
    size_t had = note ? strlen(note) : 0, len = strlen(comment);
    char *n = realloc(note, had + len + 2);
    if (!n)
        return note;
    if (had)
        n[had++] = '\n';
    memcpy(n + had, comment, len + 1);
    return n;
}

static int add_step(script_steps *s, const char *line, unsigned long lineno,
                    char **note, size_t *cap, shell_line_verdict verdict)
{
    if (s->n == *cap) {
        size_t want = *cap ? *cap * 2 : 32;
        script_step *v = realloc(s->v, want * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        *cap = want;
    }
    s->v[s->n++] = (script_step){line, lineno, *note ? *note : strdup(""), verdict};
    *note = NULL;
    return s->v[s->n - 1].note ? 0 : -1;
}

/* The copy's lines end in '\n'; each becomes a string of its own.  A
 * line a batch run would refuse (one holding a NUL byte, or the line
 * where it finds the script is none) is a step that fails so, and the
 * script's steps end where a batch run stops. */
static int cut(script_steps *s)
{
    char *note = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    unsigned strays = 0;
    shell_line_verdict v = SHELL_LINE_RUN;
    for (char *p = s->copy.text, *end = p + s->copy.size;
         p < end && v != SHELL_LINE_NOT_SCRIPT;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        *nl = '\0';
        lineno++;
        v = shell_line_judge(p, (size_t)(nl - p), &strays);
        const char *text = p + strspn(p, " \t");
        if (v == SHELL_LINE_RUN && *text == '#') {
            note = add_note(note, text);
        } else if (v == SHELL_LINE_RUN && *text == '\0') {
            free(note); /* a blank line ends a paragraph of narration */
            note = NULL;
        } else if (add_step(s, p, lineno, &note, &cap, v) != 0) {
            free(note);
            return -1;
        }
        p = nl + 1;
    }
    free(note);
    return 0;
}

int script_steps_read(shell *sh, const char *path, script_steps *s, char *err,
                      size_t errlen)
{
    memset(s, 0, sizeof *s);
    int st = shell_copy_script(sh, path, &s->copy, err, errlen);
    if (st != 0)
        return st;
    if (cut(s) != 0) {
        script_steps_free(s);
        snprintf(err, errlen, "out of memory reading '%.200s'", path);
        return -1;
    }
    return 0;
}

void script_steps_free(script_steps *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].note);
    free(s->v);
    script_copy_free(&s->copy);
    memset(s, 0, sizeof *s);
}
