/* runner.c - running scripts: files, standard input, and `source`, with
 * the file and line of every command kept for its error messages. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "result.h"
#include "shell.h"
#include "signals.h"
#include "words.h"

bool shell_run_stream(shell *sh, FILE *f, const char *name)
{
    location loc = {name, 0, sh->where, false, 0, 0};
    struct stat st;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    bool ok = true;

    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        loc.known = true;
        loc.dev = st.st_dev;
        loc.ino = st.st_ino;
    }
    sh->where = &loc;
    while (!sh->quit && !sh->interrupted) {
        len = getline(&line, &cap, f);
        if (sig_interrupted)
            sh->interrupted = true;
        if (len < 0 || sh->interrupted)
            break;
        loc.line++;
        bool done = false;
        if (words_clean_line(line, (long)len))
            done = shell_run_line(sh, line);
        else
            shell_fail_line(sh, "", ERR_SYNTAX, "line holds a NUL byte");
        ok = ok && done;
        if (!done && sh->opt.strict)
            break;
    }
    int read_errno = errno;
    free(line);
    sh->where = loc.outer;
    if (ferror(f) && !sh->interrupted) {
        /* Blamed on the line that opened the file, not on a line of it. */
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read '%.200s': %s", name,
                 strerror(read_errno));
        shell_fail_line(sh, "", ERR_FILE, msg);
        ok = false;
    }
    return ok && !sh->interrupted;
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

int shell_run_file(shell *sh, const char *path, char *err, size_t errlen)
{
    struct stat st;
    FILE *f = fopen(path, "r");
    if (!f && errno == EINTR && sig_interrupted) {
        sh->interrupted = true; /* Ctrl-C while a FIFO waited for a writer */
        return 1;
    }
    if (!f) {
        snprintf(err, errlen, "cannot open '%.200s': %s", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "cannot read '%.200s': %s", path,
                 S_ISDIR(st.st_mode) ? "it is a directory" : strerror(errno));
        fclose(f);
        return -1;
    }
    if (refuse(sh, &st, path, err, errlen)) {
        fclose(f);
        return -1;
    }
    bool ok = shell_run_stream(sh, f, path);
    fclose(f);
    return ok ? 0 : 1;
}
