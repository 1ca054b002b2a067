/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history.c - the prompt's history file, handled by allocsh itself rather
 * than by readline's file functions: those resolve a relative symbolic
 * link against the working directory, so that truncating the history
 * replaced a file of the same name wherever allocsh was left. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>

#include "history.h"
#include "input.h"

/* The file itself, its links followed; NULL while there is none. */
static char *history_path;

enum { LINKS_MAX = 40 };

/* mkdir -p, private to the user; failures show when the file is opened. */
static void make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0700);
            *p = '/';
        }
    }
    mkdir(path, 0700);
}

/* a/b, in new memory. */
static char *joined(const char *a, size_t alen, const char *b)
{
    size_t len = alen + 1 + strlen(b) + 1;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%.*s/%s", (int)alen, a, b);
    return s;
}

/* $ALLOCSH_HISTORY (empty: no history), else $XDG_STATE_HOME/allocsh/history
 * when that is absolute (the XDG spec says to ignore a relative one), else
 * ~/.allocsh_history. */
static char *configured_path(void)
{
    const char *env = getenv("ALLOCSH_HISTORY"), *dir;
    if (env)
        return *env ? strdup(env) : NULL;
    if ((dir = getenv("XDG_STATE_HOME")) && dir[0] == '/') {
        char *path = joined(dir, strlen(dir), "allocsh");
        if (path)
            make_dirs(path);
        char *file = path ? joined(path, strlen(path), "history") : NULL;
        free(path);
        return file;
    }
    if ((dir = getenv("HOME")) && *dir)
        return joined(dir, strlen(dir), ".allocsh_history");
    return NULL;
}

/* Where the link at path leads: a relative target is taken from the
 * link's own directory, as the kernel does. */
static char *link_target(const char *path)
{
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    const char *slash = strrchr(path, '/');
    if (buf[0] == '/' || !slash)
        return strdup(buf);
    return joined(path, (size_t)(slash - path), buf);
}

/* path (taken over) with its links followed; NULL, with the reason in
 * why, when a link is not the user's (one planted in a shared directory
 * would make allocsh write where its owner chose), or the end is no
 * regular file (a FIFO would block start-up).  A path that does not
 * exist yet is fine: it is created. */
static char *resolve(char *path, const char **why)
{
    struct stat st;
    for (int hops = 0; path; hops++) {
        if (lstat(path, &st) != 0) {
            if (errno == ENOENT)
                return path;
            *why = strerror(errno);
        } else if (S_ISREG(st.st_mode)) {
            return path;
        } else if (!S_ISLNK(st.st_mode)) {
            *why = "it is not a regular file";
        } else if (st.st_uid != geteuid()) {
            *why = "it is a symbolic link that someone else owns";
        } else if (hops == LINKS_MAX) {
            *why = "too many levels of symbolic links";
        } else {
            char *next = link_target(path);
            *why = next ? NULL : strerror(errno);
            free(path);
            path = next;
            continue;
        }
        break;
    }
    free(path);
    return NULL;
}

/* Opens the file, never through a link and never waiting; -1 unless it
 * is a regular file. */
static int open_file(const char *path, int flags)
{
    struct stat st;
    int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

/* Calls each() on every line of the file; false when it cannot be read
 * to its end. */
static bool read_lines(const char *path, void (*each)(const char *line, void *ctx),
                       void *ctx)
{
    int fd = open_file(path, O_RDONLY);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    input in;
    input_status st = INPUT_ERROR;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return false;
    }
    input_init(&in, f);
    while ((st = input_next(&in)) == INPUT_LINE)
        each(in.buf, ctx);
    input_free(&in);
    fclose(f);
    return st == INPUT_END;
}

static void add_line(const char *line, void *ctx)
{
    (void)ctx;
    add_history(line);
}

void history_load(void)
{
    const char *why = NULL;
    char *path = configured_path();
    stifle_history(HISTORY_LINES);
    if (!path)
        return;
    char *shown = strdup(path);
    history_path = resolve(path, &why);
    int fd = history_path ? open_file(history_path, O_WRONLY | O_CREAT | O_APPEND) : -1;
    if (fd < 0) {
        fprintf(stderr, "allocsh: history is not kept in '%s': %s\n",
                shown ? shown : "?", why ? why : strerror(errno));
        free(history_path);
        history_path = NULL;
    } else {
        close(fd);
        read_lines(history_path, add_line, NULL);
    }
    free(shown);
}

void history_remember(const char *line)
{
    HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    if (!*line || (last && strcmp(last->line, line) == 0))
        return;
    add_history(line);
    int fd = history_path ? open_file(history_path, O_WRONLY | O_APPEND) : -1;
    if (fd < 0)
        return;
    size_t len = strlen(line);
    char *buf = malloc(len + 1);
    if (buf) {
        memcpy(buf, line, len);
        buf[len] = '\n'; /* one write: lines of two sessions never mix */
        if (write(fd, buf, len + 1) < 0) {
            /* a full disk: the line stays in memory only */
        }
        free(buf);
    }
    close(fd);
}

/* The last HISTORY_LINES lines read, round a ring. */
typedef struct tail {
    char *line[HISTORY_LINES];
    size_t total;
    bool lost;              /* memory ran out */
} tail;

static void keep_last(const char *line, void *ctx)
{
    tail *t = ctx;
    char **slot = &t->line[t->total++ % HISTORY_LINES];
    free(*slot);
    if (!(*slot = strdup(line)))
        t->lost = true;
}

/* Writes the tail to a new file beside path and renames it over path: the
 * file is whole at every moment, and no other file is touched. */
static void rewrite(const char *path, const tail *t)
{
    size_t len = strlen(path) + sizeof ".XXXXXX";
    char *tmp = malloc(len);
    if (!tmp)
        return;
    snprintf(tmp, len, "%s.XXXXXX", path);
    int fd = mkstemp(tmp); /* created 0600 */
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    bool ok = f != NULL;
    for (size_t i = t->total - HISTORY_LINES; ok && i < t->total; i++)
        ok = fprintf(f, "%s\n", t->line[i % HISTORY_LINES]) >= 0;
    ok = ok && fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (f)
        ok = fclose(f) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (fd >= 0 && (!ok || rename(tmp, path) != 0))
        unlink(tmp);
    free(tmp);
}

void history_save(void)
{
    if (history_path) {
        tail *t = calloc(1, sizeof *t);
        if (t && read_lines(history_path, keep_last, t) && !t->lost &&
            t->total > HISTORY_LINES)
            rewrite(history_path, t);
        for (size_t i = 0; t && i < HISTORY_LINES; i++)
            free(t->line[i]);
        free(t);
    }
    free(history_path);
    history_path = NULL;
    clear_history();
}
