/* step.c - lecture mode: an instructor on a projector steps through a
 * script.  Each step shows its narration (the comments above it) and the
 * command on a numbered prompt line, waits for a key, runs it, and draws
 * the map when the layout changed.  Going back replays the steps before
 * in a fresh session (journal.c): every run is deterministic. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "journal.h"
#include "render.h"
#include "script_steps.h"
#include "signals.h"
#include "step.h"
#include "term.h"

typedef enum { KEY_NEXT, KEY_BACK, KEY_QUIT, KEY_OTHER } key;

int step_check(void)
{
    if (isatty(STDIN_FILENO))
        return 0;
    fprintf(stderr, "allocsh: --step reads keys from a terminal, and standard input "
                    "is not one (to run a script straight through, leave out --step)\n");
    return -1;
}

/* The rest of an escape sequence: the arrows and the page keys, which
 * are what a presenter's clicker sends. */
static key escape_key(void)
{
    char c[3] = "";
    if (read(STDIN_FILENO, c, 1) != 1 || (c[0] != '[' && c[0] != 'O'))
        return KEY_OTHER;
    if (read(STDIN_FILENO, c + 1, 1) != 1)
        return KEY_OTHER;
    if (c[1] == 'C' || c[1] == 'B')
        return KEY_NEXT;
    if (c[1] == 'D' || c[1] == 'A')
        return KEY_BACK;
    if ((c[1] == '5' || c[1] == '6') && read(STDIN_FILENO, c + 2, 1) == 1 && c[2] == '~')
        return c[1] == '6' ? KEY_NEXT : KEY_BACK;
    return KEY_OTHER;
}

/* One key, with the terminal in non-canonical mode without echo just for
 * the read (Ctrl-C still interrupts).  End of input quits. */
static key read_key(shell *sh)
{
    struct termios was, raw;
    char c = 0;
    key k = KEY_QUIT;
    fflush(stdout);
    if (sig_terminated) /* it came while the step ran: no key will do */
        signals_die();
    if (tcgetattr(STDIN_FILENO, &was) != 0)
        return KEY_QUIT;
    raw = was;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    ssize_t got = read(STDIN_FILENO, &c, 1);
    if (got == 1 && c == 27)
        k = escape_key();
    else if (got == 1)
        k = c == '\n' || c == '\r' || c == ' ' ? KEY_NEXT
          : c == 'b' || c == 'B' ? KEY_BACK
          : c == 'q' || c == 'Q' || c == 4 ? KEY_QUIT : KEY_OTHER;
    tcsetattr(STDIN_FILENO, TCSANOW, &was);
    if (got < 0 && errno == EINTR && sig_terminated)
        signals_die(); /* the terminal is already as it was */
    if (got < 0 && sig_interrupted)
        sh->interrupted = true;
    return k;
}

static bool same_layout(const layout *a, const layout *b)
{
    if (a->lost || b->lost || a->n != b->n || a->view.kind != b->view.kind)
        return false;
    for (size_t i = 0; i < a->n; i++) {
        const pa_item *x = &a->items[i], *y = &b->items[i];
        const char *lx = a->labels[i] ? a->labels[i] : "";
        const char *ly = b->labels[i] ? b->labels[i] : "";
        if (x->kind != y->kind || x->page != y->page || x->offset != y->offset ||
            x->size != y->size || strcmp(lx, ly) != 0)
            return false;
    }
    return true;
}

static void show_map(shell *sh)
{
    layout lay;
    layout_collect(shell_side(sh), &lay);
    render_map(sh, &lay, stdout);
    layout_free(&lay);
}

/* Text of the script, with its control characters escaped, as batch
 * mode shows a line in a message, but its tabs as they are: they only
 * lay the line out. */
static void show_text(const char *s, size_t len)
{
    for (size_t k; len > 0; s += k, len -= k) {
        k = strcspn(s, "\t");
        k = k < len ? k : len;
        render_controls(s, k, stdout);
        if (k < len) {
            putchar('\t');
            k++;
        }
    }
}

/* The narration and the prompt line of step i (0-based) of n. */
static void show_step(const shell *sh, const script_step *st, size_t i, size_t n)
{
    const char *note = st->note;
    while (*note) {
        size_t len = strcspn(note, "\n");
        printf("%s# ", term_dim(sh->color));
        show_text(note, len);
        printf("%s\n", term_reset(sh->color));
        note += len + (note[len] == '\n');
    }
    printf("%s[step %zu/%zu]%s %s%s", term_dim(sh->color), i + 1, n,
           term_reset(sh->color), shell_prompt(sh), term_bold(sh->color));
    show_text(st->line, strlen(st->line));
    printf("%s", term_reset(sh->color));
}

/* Runs step i where the script has it, for its messages' file:line. */
static void run_step(shell *sh, const script_steps *s, size_t i)
{
    layout before, after;
    location loc = {s->copy.name, s->v[i].lineno, NULL, false, 0, 0, NULL};
    layout_collect(shell_side(sh), &before);
    sh->where = &loc;
    if (s->v[i].verdict == SHELL_LINE_RUN) {
        shell_run_line(sh, s->v[i].line);
    } else {
        char msg[300];
        int kind = shell_line_refusal(s->v[i].verdict, s->copy.name, msg, sizeof msg);
        shell_fail_line(sh, "", kind, msg);
    }
    sh->where = NULL;
    layout_collect(shell_side(sh), &after);
    if (!same_layout(&before, &after))
        render_map(sh, &after, stdout);
    layout_free(&before);
    layout_free(&after);
}

/* Back to where the first done steps have run, replayed quietly. */
static bool go_back(shell *sh, const script_steps *s, size_t done)
{
    char **v = malloc((done ? done : 1) * sizeof *v);
    for (size_t i = 0; v && i < done; i++)
        v[i] = s->v[i].verdict == SHELL_LINE_RUN ? (char *)s->v[i].line : "";
    char err[400] = "out of memory";
    int st = v ? journal_rebuild(sh, v, done, false, err, sizeof err) : -1;
    free(v);
    if (st < 0) {
        char msg[450];
        snprintf(msg, sizeof msg, "%s: cannot go back", err);
        shell_fail_line(sh, "", ERR_SYSTEM, msg);
    }
    if (st != 0)
        return false;
    printf("%s[back: %zu of %zu steps done]%s\n", term_dim(sh->color), done, s->n,
           term_reset(sh->color));
    show_map(sh);
    return true;
}

/* Waits at the end of the script, where b still goes back. */
static key at_end(shell *sh, size_t n)
{
    printf("%s[end of script: %zu step%s; b goes back, q quits]%s", term_dim(sh->color),
           n, plural(n), term_reset(sh->color));
    key k;
    while ((k = read_key(sh)) == KEY_OTHER && !sh->interrupted)
        ;
    putchar('\n');
    return k;
}

static void lecture(shell *sh, const script_steps *s)
{
    size_t done = 0;
    printf("%s: %zu step%s. Enter or Space runs the next, b goes back, q quits.\n",
           s->copy.name, s->n, plural(s->n));
    while (!sh->quit && !sh->interrupted) {
        key k = KEY_NEXT;
        if (done < s->n) {
            show_step(sh, &s->v[done], done, s->n);
            while ((k = read_key(sh)) == KEY_OTHER && !sh->interrupted)
                ;
            putchar('\n');
        } else {
            k = at_end(sh, s->n);
            if (k == KEY_NEXT)
                k = KEY_QUIT;
        }
        if (sh->interrupted || k == KEY_QUIT)
            break;
        if (k == KEY_NEXT)
            run_step(sh, s, done++);
        else if (done > 0 && go_back(sh, s, done - 1))
            done--;
        else if (done == 0)
            printf("%s[already at the start]%s\n", term_dim(sh->color),
                   term_reset(sh->color));
    }
}

void step_run(shell *sh)
{
    script_steps s;
    char err[300];
    signals_keep_terminal(STDIN_FILENO); /* session_run caught the signals */
    sh->opt.echo = false; /* each step's prompt line already shows it */
    int st = script_steps_read(sh, sh->opt.scripts[0], &s, err, sizeof err);
    if (st < 0)
        shell_fail_line(sh, "", ERR_FILE, err);
    if (st != 0)
        return;
    lecture(sh, &s);
    script_steps_free(&s);
}
