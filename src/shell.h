/* shell.h - the state of one allocsh session, shared by its commands. */
#ifndef ALLOCSH_SHELL_H
#define ALLOCSH_SHELL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "lines.h"
#include "names.h"
#include "packed.h"
#include "pagealloc.h"
#include "side.h"

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color_mode;

/* The allocators of a session, one per kind: alloc, ealloc and heap. */
enum { SHELL_KINDS = PA_KIND_HEAP + 1 };
/* Where a heap starts, as malloc.py counts addresses (its -b default). */
enum { SHELL_HEAP_BASE = 1000 };

/* How deep commands may run one another (explain, expect fail, source,
 * compare): one limit for all, so that no way of nesting can exhaust the
 * stack, and a nested command past it fails with ERR_TOO_DEEP. */
enum { SHELL_DEPTH_MAX = 32 };

/* What the command line asked for. */
typedef struct options {
    pa_kind kind;
    pa_policy policy;
    size_t max_pages;
    const char *commands;  /* -c */
    bool json, strict, echo, addresses, check, explain;
    bool show_free;        /* the free list after every alloc and free */
    color_mode color;
    const pa_sys *sys;     /* the allocators' system calls (fault tests) */
    bool no_files;         /* refuse commands that open files (fuzzing) */
    bool quiet;            /* print nothing (compare's scratch sessions) */
    bool timing;           /* show elapsed times (not deterministic) */
    bool quiz, answers;    /* questions with "?", or with their answers */
    bool round;            /* alloc rounds sizes up to the unit */
    bool comparing;        /* inside compare's scratch session */
    bool step;             /* --step: lecture mode over the one script */
    char **scripts;
    int nscripts;
    /* --impl: the submission's object for each kind (NULL: the library's
     * allocator), its limits, and the checks only reported (a mask of
     * 1 << impl_check). */
    const char *impl_so[2];
    const char *impl_path;
    int impl_call_ms;
    unsigned impl_soft;
    /* --grade: the suite, how many tests at once, the output formats. */
    bool grade, grade_tap;
    const char *grade_suite;
    const char *gradescope;
    int grade_jobs;
    const struct gsuite *grade_tests;
    bool ostep;            /* --ostep: scripts are malloc.py's arguments */
} options;

/* Where the command being run came from, for error messages. */
typedef struct location {
    const char *file;       /* NULL when typed at the prompt */
    unsigned long line;
    struct location *outer; /* the file that sourced this one */
    bool known;             /* a regular file, identified by dev and ino, */
    dev_t dev;              /* so that a loop of scripts sourcing each */
    ino_t ino;              /* other is refused */
    struct script_copy *record; /* the lines read are kept here, or NULL */
} location;

typedef struct shell {
    side sides[SHELL_KINDS]; /* indexed by pa_kind */
    pa_kind current;
    options opt;
    bool color;             /* resolved from opt.color */
    bool interactive;
    bool quit;             /* stop reading: quit, end of input, Ctrl-C */
    bool interrupted;      /* Ctrl-C stopped the run */
    bool output_failed;    /* standard output could not be written */
    location *where;
    unsigned long commands; /* commands run (blank lines are not), and
                               lines that failed unrun */
    unsigned long failures; /* commands that failed */
    unsigned long errors;   /* those that failed other than by a refused
                               alloc or, for a source, by its lines */
    unsigned long changed, counted; /* commands, at any depth, that changed
                               state or only counted a refusal (journal.c) */
    bool cut_short;         /* the script that ran last stopped before
                               its end (runner.c) */
    unsigned long broken;   /* commands after which --check failed */
    unsigned long expect_passed, expect_failed;
    int in_expect_fail;     /* depth of expect fail running a command */
    unsigned depth;         /* commands running now, one inside another */
    unsigned long alloc_failures;
    unsigned long questions; /* numbered so far in quiz mode */
    /* The first failure that makes a run's figures meaningless: memory or
     * a page the system refused, or a script abandoned part-way.  compare
     * fails with it, since its sessions print nothing. */
    int trouble_kind;       /* an error_kind; 0 while there is none */
    char trouble[400];      /* "file:line: command: message" */
    bool tracing;           /* recording the allocators' events */
    pa_event *events;       /* ... of the command being run */
    size_t nevents, capevents;
    packed journal;         /* the commands undo can take back (journal.h) */
    struct source_reads *reads;       /* what each source read (journal.c) */
    bool reads_lost;                  /* memory ran out keeping one */
    const struct source_reads *feed;  /* a rebuild's: its sources run these */
    size_t fed;                       /* ... of which so many have run */
} shell;

int shell_init(shell *sh, const options *opt);
void shell_free(shell *sh);
side *shell_side(shell *sh);
/* Moves from's allocators, names and journal (with what its sources
 * read) into sh, and sh's old ones
 * into from, for shell_free(from) (undo and --step going back). */
void shell_take_state(shell *sh, shell *from);
/* A config like the current allocator's (kind, policy, page limit, a
 * heap's parameters and the system calls), for the scratch arenas of gen
 * and replay. */
void shell_config_like(const shell *sh, pa_config *cfg);
const char *shell_prompt(const shell *sh);
/* Replaces kind's allocator by a new one made from cfg (a heap's new size,
 * alignment or header): 0, or -1 with nothing changed.  The caller makes
 * sure it has no live blocks. */
int shell_remake(shell *sh, pa_kind kind, const pa_config *cfg);
/* Starts or stops recording the allocators' events for explain. */
void shell_set_tracing(shell *sh, bool on);

/* Runs one line.  Returns true when it succeeded (blank lines do). */
bool shell_run_line(shell *sh, const char *line);
struct words;
struct result;
/* Runs split words as one command into r, printing nothing. */
void shell_dispatch(shell *sh, const struct words *ws, struct result *r);
/* Reports a line that could not be run at all (cmd may be ""). */
void shell_fail_line(shell *sh, const char *cmd, int kind, const char *msg);
/* Runs every line of f, named name in messages.  Returns false when any
 * command failed (or, with --strict, stops at the first that did). */
bool shell_run_stream(shell *sh, FILE *f, const char *name);
/* Runs a script file: 0 when every command succeeded, 1 when one failed,
 * -1 when it could not be run at all (the reason in err). */
int shell_run_file(shell *sh, const char *path, char *err, size_t errlen);
/* shell_run_file, keeping each line read in *c (zeroed), and the file's
 * identity when it is a regular one. */
int shell_run_file_kept(shell *sh, const char *path, struct script_copy *c, char *err,
                        size_t errlen);

/* A script read whole into memory, to be run more than once: a pipe or a
 * FIFO can be read only once. */
typedef struct script_copy {
    const char *name;
    char *text;             /* its lines, each ending in a newline */
    size_t size, cap;
    bool known;             /* a regular file: its identity, as location's */
    dev_t dev;
    ino_t ino;
} script_copy;

/* Reads the script at path into c: 0; -1 with the reason in err when it
 * cannot be opened or read to its end (a line past the limit, too); 1
 * when Ctrl-C broke off the reading (sh->interrupted is set). */
int shell_copy_script(shell *sh, const char *path, script_copy *c, char *err,
                      size_t errlen);
/* Runs a copy as shell_run_stream runs a file. */
bool shell_run_copy(shell *sh, const script_copy *c);
void script_copy_free(script_copy *c);

/* Whether a line may be a command: blank, a comment, or one that starts
 * with a command word or a word shaped like one (a typo).  A file whose
 * lines are not (a binary, /etc/shadow) is no script.  len is
 * strlen(line), which the reader already knows. */
bool shell_line_plausible(const char *line, size_t len);
/* What a run of a script makes of its next line, of len bytes up to its
 * line ending: SHELL_LINE_RUN, or why it is not run as read, counting
 * the lines in a row that are not commands in *strays (0 at the start).
 * A batch run and the steps of a lecture judge lines alike. */
typedef enum {
    SHELL_LINE_RUN,
    SHELL_LINE_NUL,         /* it holds a NUL byte: it fails, not its prefix */
    SHELL_LINE_NOT_SCRIPT,  /* too many lines in a row are not commands: the
                               script stops here */
} shell_line_verdict;
shell_line_verdict shell_line_judge(const char *line, size_t len, unsigned *strays);
/* The message for a verdict that is not SHELL_LINE_RUN, in a script
 * named name, and its error kind. */
int shell_line_refusal(shell_line_verdict v, const char *name, char *msg, size_t len);
/* Keeps the first trouble of the run (see shell.trouble), where the
 * session stands now. */
void shell_note_trouble(shell *sh, int kind, const char *cmd, const char *msg);


#endif
