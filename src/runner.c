/* runner.c - running scripts: files, standard input, `source`, and the
 * copies compare runs, with the file and line of every command kept for
 * its error messages.  A script is read a bounded line at a time
 * (input.c); whatever stops the reading early is an error. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input.h"
#include "result.h"
#include "shell.h"
#include "signals.h"
#include "words.h"

/* Lines in a row that are no command before a file is taken for something
 * other than a script (a binary, /etc/shadow): running on would print a
 * piece of every line of it. */
enum { NOT_COMMANDS_MAX = 3 };

/* Says why the rest of a script is not run, at the line where it stopped,
 * and keeps the reason for compare, whose sessions print nothing. */
static void give_up(shell *sh, const char *msg)
{
    shell_fail_line(sh, "", ERR_FILE, msg);
    shell_note_trouble(sh, ERR_FILE, "", msg);
}

static void too_long(shell *sh, const char *name)
{
    char msg[300];
    snprintf(msg, sizeof msg, "line longer than %d bytes: the rest of '%.200s' "
             "is not run", INPUT_LINE_MAX, name);
    give_up(sh, msg);
}

shell_line_verdict shell_line_judge(const char *line, size_t len, unsigned *strays)
{
    bool whole = strlen(line) == len;
    *strays = whole && shell_line_plausible(line, len) ? 0 : *strays + 1;
    if (*strays == NOT_COMMANDS_MAX)
        return SHELL_LINE_NOT_SCRIPT;
    return whole ? SHELL_LINE_RUN : SHELL_LINE_NUL;
}

int shell_line_refusal(shell_line_verdict v, const char *name, char *msg, size_t len)
{
    if (v == SHELL_LINE_NUL) {
        snprintf(msg, len, "line holds a NUL byte");
        return ERR_SYNTAX;
    }
    snprintf(msg, len, "%d lines in a row are not commands: '%.200s' is "
             "not a script, and the rest of it is not run", NOT_COMMANDS_MAX, name);
    return ERR_FILE;
}

/* A read that failed is blamed on the line that opened the file, not on
 * a line of it (the caller has gone back out to that line). */
static void unreadable(shell *sh, const input *in, input_status st, const char *name)
{
    char why[128], msg[400];
    snprintf(msg, sizeof msg, "cannot read '%.200s': %s", name,
             input_why(in, st, why, sizeof why));
    give_up(sh, msg);
}

/* Runs one line that was read, as the verdict on it says; false when it
 * failed. */
static bool run_read_line(shell *sh, const input *in, shell_line_verdict v)
{
    if (v == SHELL_LINE_NUL) {
        char msg[64];
        shell_fail_line(sh, "", shell_line_refusal(v, "", msg, sizeof msg), msg);
        return false;
    }
    return shell_run_line(sh, in->buf);
}

/* Appends the line read to c's text, with a newline; c->cap is how much
 * the text has room for. */
static bool keep_line(script_copy *c, const input *in)
{
    if (c->size + in->len + 1 > c->cap) {
        size_t want = (c->cap ? c->cap * 2 : 4096) + in->len + 1;
        char *t = realloc(c->text, want);
        if (!t)
            return false;
        c->text = t;
        c->cap = want;
    }
    memcpy(c->text + c->size, in->buf, in->len);
    c->size += in->len;
    c->text[c->size++] = '\n';
    return true;
}

/* Reads and runs f's lines to its end, under loc (already sh->where). */
static bool run_input(shell *sh, FILE *f, location *loc)
{
    input in;
    input_status st = INPUT_LINE;
    unsigned strays = 0;
    char msg[300];
    bool ok = true, cut = false;
    input_init(&in, f);
    while (!sh->quit && !sh->interrupted) {
        st = input_next(&in);
        loc->line = in.line;
        if (sig_interrupted || st == INPUT_INTERRUPTED)
            sh->interrupted = true;
        if (st != INPUT_LINE || sh->interrupted)
            break;
        shell_line_verdict v = shell_line_judge(in.buf, in.len, &strays);
        if (v == SHELL_LINE_NOT_SCRIPT) {
            shell_line_refusal(v, loc->file, msg, sizeof msg);
            give_up(sh, msg);
            ok = false;
            cut = true;
            break;
        }
        if (loc->record && !sh->reads_lost && !keep_line(loc->record, &in)) {
            sh->reads_lost = true;
            shell_note_trouble(sh, ERR_SYSTEM, "source", "out of memory: undo may not "
                               "take this source back");
        }
        bool done = run_read_line(sh, &in, v);
        ok = ok && done;
        if (!done && sh->opt.strict) {
            cut = true; /* what follows is not read */
            break;
        }
    }
    if (st == INPUT_TOO_LONG)
        too_long(sh, loc->file);
    sh->where = loc->outer;
    if (st == INPUT_ERROR)
        unreadable(sh, &in, st, loc->file);
    input_free(&in);
    /* Set last, after the runs of any sources it ran. */
    sh->cut_short = cut || st == INPUT_TOO_LONG || st == INPUT_ERROR;
    return ok && st != INPUT_TOO_LONG && st != INPUT_ERROR && !sh->interrupted;
}

/* Runs f under a location that, for a regular file, knows its identity,
 * so that a script sourcing itself is refused; keeping the lines read in
 * record when it is not NULL. */
static bool run_kept(shell *sh, FILE *f, const char *name, const struct stat *id,
                     script_copy *record)
{
    location loc = {name, 0, sh->where, false, 0, 0, record};
    if (id) {
        loc.known = true;
        loc.dev = id->st_dev;
        loc.ino = id->st_ino;
    }
    sh->where = &loc;
    return run_input(sh, f, &loc);
}

static bool run_identified(shell *sh, FILE *f, const char *name, const struct stat *id)
{
    return run_kept(sh, f, name, id, NULL);
}

bool shell_run_stream(shell *sh, FILE *f, const char *name)
{
    struct stat st;
    bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    return run_identified(sh, f, name, regular ? &st : NULL);
}

/* Whether path is already running further out.  (How deep scripts nest
 * is bounded by the depth of the commands that source them.) */
static bool refuse(const shell *sh, const struct stat *st, const char *path,
                   char *err, size_t errlen)
{
    for (const location *l = sh->where; l; l = l->outer) {
        if (l->known && l->dev == st->st_dev && l->ino == st->st_ino) {
            snprintf(err, errlen, "'%.200s' is already running (it would "
                     "source itself)", path);
            return true;
        }
    }
    return false;
}

/* Opens a script to run: NULL, with the reason in err (or nothing in err
 * when Ctrl-C broke off the wait for a FIFO's writer). */
static FILE *open_script(shell *sh, const char *path, struct stat *st,
                         char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    err[0] = '\0';
    if (!f && errno == EINTR && sig_interrupted) {
        sh->interrupted = true;
        return NULL;
    }
    if (!f) {
        snprintf(err, errlen, "cannot open '%.200s': %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fileno(f), st) != 0 || S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, "cannot read '%.200s': %s", path,
                 S_ISDIR(st->st_mode) ? "it is a directory" : strerror(errno));
        fclose(f);
        return NULL;
    }
    if (refuse(sh, st, path, err, errlen)) {
        fclose(f);
        return NULL;
    }
    return f;
}

int shell_run_file_kept(shell *sh, const char *path, script_copy *c, char *err,
                        size_t errlen)
{
    struct stat st;
    FILE *f = open_script(sh, path, &st, err, errlen);
    if (!f)
        return err[0] ? -1 : 1;
    if (c && S_ISREG(st.st_mode)) {
        c->known = true;
        c->dev = st.st_dev;
        c->ino = st.st_ino;
    }
    bool ok = run_kept(sh, f, path, S_ISREG(st.st_mode) ? &st : NULL, c);
    fclose(f);
    return ok ? 0 : 1;
}

int shell_run_file(shell *sh, const char *path, char *err, size_t errlen)
{
    return shell_run_file_kept(sh, path, NULL, err, errlen);
}

/* Reads all of f into c; INPUT_END when it is all there. */
static input_status copy_lines(FILE *f, script_copy *c, char *err, size_t errlen)
{
    input in;
    input_status st;
    char why[128];
    input_init(&in, f);
    while ((st = input_next(&in)) == INPUT_LINE && !sig_interrupted) {
        if (!keep_line(c, &in)) {
            in.err = ENOMEM;
            st = INPUT_ERROR;
            break;
        }
    }
    if (sig_interrupted)
        st = INPUT_INTERRUPTED;
    if (st == INPUT_TOO_LONG)
        snprintf(err, errlen, "%.200s:%lu: %s", c->name, in.line,
                 input_why(&in, st, why, sizeof why));
    else if (st == INPUT_ERROR)
        snprintf(err, errlen, "cannot read '%.200s': %s", c->name,
                 input_why(&in, st, why, sizeof why));
    input_free(&in);
    return st;
}

int shell_copy_script(shell *sh, const char *path, script_copy *c, char *err,
                      size_t errlen)
{
    struct stat st;
    memset(c, 0, sizeof *c);
    c->name = path;
    FILE *f = open_script(sh, path, &st, err, errlen);
    if (!f)
        return err[0] ? -1 : 1;
    if (S_ISREG(st.st_mode)) {
        c->known = true;
        c->dev = st.st_dev;
        c->ino = st.st_ino;
    }
    input_status got = copy_lines(f, c, err, errlen);
    fclose(f);
    if (got == INPUT_END)
        return 0;
    script_copy_free(c);
    if (got == INPUT_INTERRUPTED) {
        sh->interrupted = true;
        return 1;
    }
    return -1;
}

bool shell_run_copy(shell *sh, const script_copy *c)
{
    struct stat id;
    if (c->size == 0) /* fmemopen() may refuse an empty buffer */
        return true;
    FILE *f = fmemopen(c->text, c->size, "r");
    if (!f) {
        shell_fail_line(sh, "", ERR_SYSTEM, "out of memory");
        shell_note_trouble(sh, ERR_SYSTEM, "", "out of memory");
        sh->cut_short = true;
        return false;
    }
    memset(&id, 0, sizeof id);
    id.st_dev = c->dev;
    id.st_ino = c->ino;
    bool ok = run_identified(sh, f, c->name, c->known ? &id : NULL);
    fclose(f);
    return ok;
}

void script_copy_free(script_copy *c)
{
    free(c->text);
    c->text = NULL;
    c->size = c->cap = 0;
}
