/* shell.c - a session: its two allocators and the running of one line. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "consistency.h"
#include "explain.h"
#include "impl_side.h"
#include "journal.h"
#include "lines.h"
#include "signals.h"
#include "render.h"
#include "term.h"

/* With --impl, the kind's allocator is the submission, the arena its
 * reference (first fit, as the assignment says).  A submission without
 * that kind's file still gets a side, which says so when it is used. */
static bool attach_impl(shell *sh, pa_kind k)
{
    impl_limits lim = {sh->opt.impl_call_ms, 0, 0};
    const char *so = sh->opt.impl_so[k] ? sh->opt.impl_so[k] : "";
    pa_set_policy(sh->sides[k].arena, PA_FIT_FIRST);
    sh->sides[k].impl = impl_side_new(k, so, &lim, sh->sides[k].arena);
    return sh->sides[k].impl != NULL;
}

int shell_init(shell *sh, const options *opt)
{
    memset(sh, 0, sizeof *sh);
    sh->opt = *opt;
    sh->current = opt->kind;
    sh->color = opt->color == COLOR_ALWAYS ||
                (opt->color == COLOR_AUTO && !opt->json && term_wants_color(stdout));
    sh->sides[PA_KIND_HEAP].origin = SHELL_HEAP_BASE;
    for (int k = PA_KIND_ALLOC; k < SHELL_KINDS; k++) {
        pa_config cfg;
        pa_config_init(&cfg, (pa_kind)k);
        cfg.policy = opt->policy;
        cfg.sys = opt->sys;
        if (k == PA_KIND_EALLOC)
            cfg.max_pages = opt->max_pages;
        if (pa_create(&cfg, &sh->sides[k].arena) != PA_OK) {
            shell_free(sh);
            return -1;
        }
        /* The assignment has no heap: a submission never stands behind it. */
        if (opt->impl_path && k != PA_KIND_HEAP && !attach_impl(sh, (pa_kind)k)) {
            shell_free(sh);
            return -1;
        }
    }
    return 0;
}

void shell_free(shell *sh)
{
    for (int k = PA_KIND_ALLOC; k < SHELL_KINDS; k++) {
        impl_side_free(sh->sides[k].impl);
        sh->sides[k].impl = NULL;
        pa_destroy(sh->sides[k].arena);
        sh->sides[k].arena = NULL;
        names_clear(&sh->sides[k].names);
    }
    packed_free(&sh->journal);
    journal_reads_free(sh);
    free(sh->events);
    sh->events = NULL;
    sh->nevents = sh->capevents = 0;
}

side *shell_side(shell *sh)
{
    return &sh->sides[sh->current];
}

void shell_take_state(shell *sh, shell *from)
{
    for (int k = PA_KIND_ALLOC; k < SHELL_KINDS; k++) {
        side mine = sh->sides[k];
        sh->sides[k] = from->sides[k];
        from->sides[k] = mine;
    }
    /* the explanations of an arena go to the session that owns it */
    shell_set_tracing(sh, sh->tracing);
    shell_set_tracing(from, from->tracing);
    packed journal = sh->journal;
    sh->journal = from->journal;
    from->journal = journal;
    struct source_reads *reads = sh->reads;
    sh->reads = from->reads;
    from->reads = reads;
    bool lost = sh->reads_lost;
    sh->reads_lost = from->reads_lost;
    from->reads_lost = lost;
    /* set round changes what alloc does, so the replay's setting counts */
    bool round = sh->opt.round;
    sh->opt.round = from->opt.round;
    from->opt.round = round;
    sh->current = from->current;
}

void shell_config_like(const shell *sh, pa_config *cfg)
{
    side_config(&sh->sides[sh->current], cfg);
    cfg->sys = sh->opt.sys;
}

const char *shell_prompt(const shell *sh)
{
    static const char *const prompts[SHELL_KINDS] = {"alloc> ", "ealloc> ", "heap> "};
    return prompts[sh->current];
}

/* The trace hook is set only while a command is explained: with none,
 * ealloc answers from its index instead of walking every page, and no
 * visited extent costs a call. */
void shell_set_tracing(shell *sh, bool on)
{
    sh->tracing = on;
    for (int k = PA_KIND_ALLOC; k < SHELL_KINDS; k++)
        pa_set_trace(sh->sides[k].arena, on ? explain_record : NULL, sh);
}

int shell_remake(shell *sh, pa_kind kind, const pa_config *cfg)
{
    pa_arena *a;
    if (pa_create(cfg, &a) != PA_OK)
        return -1;
    pa_destroy(sh->sides[kind].arena);
    sh->sides[kind].arena = a;
    shell_set_tracing(sh, sh->tracing);
    names_clear(&sh->sides[kind].names);
    return 0;
}

/* At most this many bytes of a word that is no command are shown: the
 * line may be a secret (source /etc/shadow) or megabytes long. */
enum { SHOWN_MAX = 24 };

/* word, or its first SHOWN_MAX bytes (not cutting a UTF-8 sequence) and
 * "...", in buf. */
static const char *shown(const char *word, size_t len, char buf[SHOWN_MAX + 4])
{
    if (len <= SHOWN_MAX) {
        memcpy(buf, word, len);
        buf[len] = '\0';
        return buf;
    }
    len = SHOWN_MAX;
    while (len > 0 && ((unsigned char)word[len] & 0xC0) == 0x80)
        len--;
    memcpy(buf, word, len);
    memcpy(buf + len, "...", 4);
    return buf;
}

/* The first word of a line that did not split, for its error message. */
static const char *first_word(const char *line, char buf[SHOWN_MAX + 4])
{
    line += strspn(line, " \t");
    return shown(line, strcspn(line, " \t\"'"), buf);
}

/* Names the word when it is not the one the line began with (explain
 * frob), where the message's prefix would not show it, and suggests the
 * command it most likely meant. */
static void unknown_command(const char *word, result *r)
{
    const char *near = command_suggest(word);
    char hint[64], buf[SHOWN_MAX + 4];
    snprintf(hint, sizeof hint, near ? "did you mean '%s'?" : "try 'help'", near);
    shown(word, strlen(word), buf);
    if (strcmp(r->cmd, buf) == 0)
        result_fail(r, ERR_UNKNOWN_COMMAND, "unknown command (%s)", hint);
    else
        result_fail(r, ERR_UNKNOWN_COMMAND, "unknown command '%s' (%s)", buf, hint);
}

/* Runs ws as c, the command its first word names (NULL: none does). */
static void dispatch_as(shell *sh, const command *c, const words *ws, result *r)
{
    int argc = (int)ws->n - 1;
    if (sh->depth > SHELL_DEPTH_MAX)
        result_fail(r, ERR_TOO_DEEP, "commands nested deeper than %d (through explain, "
                    "expect fail, source or compare)", SHELL_DEPTH_MAX);
    else if (!c)
        unknown_command(ws->w[0], r);
    else if (argc < c->min_args)
        result_fail(r, ERR_USAGE, "missing argument: usage: %s%s%s", c->name,
                    *c->synopsis ? " " : "", c->synopsis);
    else if (c->max_args >= 0 && argc > c->max_args)
        result_fail(r, ERR_USAGE, "too many arguments: usage: %s%s%s", c->name,
                    *c->synopsis ? " " : "", c->synopsis);
    else {
        r->by = c;
        sh->depth++;
        c->run(sh, ws, r);
        sh->depth--;
    }
}

void shell_dispatch(shell *sh, const words *ws, result *r)
{
    dispatch_as(sh, command_find(ws->w[0]), ws, r);
}

/* --impl: what the submission did against the assignment during the
 * command becomes the command's failure (or, for a check the TA made a
 * report only, its warning), said once on the line that caused it. */
static void impl_after(shell *sh, result *r)
{
    for (int k = PA_KIND_ALLOC; k <= PA_KIND_EALLOC; k++) {
        char msg[300];
        impl_side *is = sh->sides[k].impl;
        impl_check c = is ? impl_side_take(is, msg, sizeof msg) : IMPL_CHK_NONE;
        if (c == IMPL_CHK_NONE)
            continue;
        if (sh->opt.impl_soft & (1u << c))
            snprintf(r->warning, sizeof r->warning, "%s: %.300s", impl_check_name(c), msg);
        /* Up to a bad pointer or an overlap, the command failed because of
         * it: its own message ("out of memory", say) would mislead. */
        else if (r->ok || c <= IMPL_CHK_OVERLAP)
            result_fail(r, error_kind_from(impl_check_name(c)), "%s: %s",
                        impl_check_name(c), msg);
        else {
            char was[200];
            snprintf(was, sizeof was, "%.199s", r->error);
            result_fail(r, error_kind_from(impl_check_name(c)), "%s: %s (%s)",
                        impl_check_name(c), msg, was);
        }
    }
}

/* --check: an inconsistency after the command becomes the command's own
 * failure, so that it is reported once, on the line that caused it. */
static void check_after(shell *sh, result *r)
{
    char why[256];
    if (!sh->opt.check || shell_consistent(sh, why, sizeof why))
        return;
    sh->broken++;
    if (r->ok)
        result_fail(r, ERR_CHECK, "inconsistent after this command: %s", why);
    else
        result_fail(r, ERR_CHECK, "%.200s; and inconsistent after it: %s", r->error, why);
}

/* Output that can no longer be written ends the run; Ctrl-C breaking off a
 * write is an interruption, not a failing disk. */
static void watch_output(shell *sh)
{
    if (!ferror(stdout) || sh->output_failed)
        return;
    if (sig_interrupted) {
        clearerr(stdout);
        sh->interrupted = true;
        return;
    }
    sh->output_failed = true;
    sh->quit = true;
}

bool shell_run_line(shell *sh, const char *line)
{
    words ws;
    char word[SHOWN_MAX + 4];
    result r;
    result_init(&r);
    if (words_split(line, &ws, r.error, sizeof r.error) != 0) {
        r.cmd = first_word(line, word);
        r.ok = false;
        r.kind_of_error = ERR_SYNTAX;
    } else if (ws.n == 0) {
        words_free(&ws);
        return true;
    } else {
        r.cmd = shown(ws.w[0], strlen(ws.w[0]), word);
    }
    sh->commands++;
    if (sh->opt.echo && !sh->opt.json && !sh->opt.quiz && !sh->opt.quiet)
        printf("%s%s\n", shell_prompt(sh), line);
    sh->nevents = 0;
    if (sh->opt.explain != sh->tracing)
        shell_set_tracing(sh, sh->opt.explain);
    bool split = r.ok;
    /* Found once: the journal asks about the same command. */
    const command *c = split ? command_find(ws.w[0]) : NULL;
    if (split)
        dispatch_as(sh, c, &ws, &r);
    impl_after(sh, &r);
    check_after(sh, &r);
    if (!r.ok && r.kind_of_error == ERR_SYSTEM)
        shell_note_trouble(sh, ERR_SYSTEM, r.cmd, r.error);
    if (split)
        journal_note(sh, c, &ws, line, &r);
    render(sh, &r, line);
    if (sh->tracing)
        shell_set_tracing(sh, false);
    bool ok = r.ok || render_quiz_answered(sh, &r);
    if (!ok)
        sh->failures++;
    if (!ok && r.kind_of_error != ERR_OUT_OF_MEMORY && r.kind_of_error != ERR_SCRIPT)
        sh->errors++;
    result_release(&r);
    words_free(&ws);
    watch_output(sh);
    return ok;
}

void shell_fail_line(shell *sh, const char *cmd, int kind, const char *msg)
{
    result r;
    memset(&r, 0, sizeof r);
    r.cmd = cmd;
    result_fail(&r, (error_kind)kind, "%s", msg);
    /* A line that fails unrun counts as a command that failed: a source's
     * summary says how many of its commands failed, never more than ran. */
    sh->commands++;
    sh->failures++;
    sh->errors++;
    render(sh, &r, NULL);
}

/* isalnum, not an ASCII test: at the prompt readline sets the locale's
 * character classes, and in an 8-bit locale a word of its letters is as
 * plausible a misspelt command as it always was. */
static inline bool word_char(char c)
{
    /* ASCII letters and digits are alphanumeric in every locale: they
     * are decided without isalnum's table lookup, once per byte. */
    unsigned char u = (unsigned char)c;
    if ((unsigned)((u | 32) - 'a') < 26 || (unsigned)(u - '0') < 10)
        return true;
    return isalnum(u) || c == '-' || c == '_';
}

/* Whether word could be a misspelt command: letters, digits, '-', '_'. */
static bool word_shaped(const char *word)
{
    for (; *word; word++)
        if (!word_char(*word))
            return false;
    return true;
}

static bool plausible_split(const char *line)
{
    words ws;
    char err[64];
    if (words_split(line, &ws, err, sizeof err) != 0)
        return false;
    bool plausible = ws.n == 0 || command_find(ws.w[0]) || word_shaped(ws.w[0]);
    words_free(&ws);
    return plausible;
}

bool shell_line_plausible(const char *line, size_t len)
{
    /* Every command's name is word-shaped, so a first word without quotes
     * decides, once the rest of the line is known to split: without
     * quotes it always does.  Most lines are judged without splitting. */
    const char *p = line, *end = line + len;
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    if (*p == '\0' || *p == '#')
        return true;
    /* The plain run holds no quote: its bytes are judged first, as the
     * first word's bytes always were in order, so that a word such as
     * a!"b" is refused without a split. */
    const char *q = p + words_plain_length(p);
    for (; p < q; p++)
        if (!word_char(*p))
            return false;
    if (*q == '"' || *q == '\'')
        return plausible_split(line);
    /* memchr, not strpbrk: its setup costs more than a short line's scan. */
    return (!memchr(q, '"', (size_t)(end - q)) && !memchr(q, '\'', (size_t)(end - q))) ||
           plausible_split(line);
}

void shell_note_trouble(shell *sh, int kind, const char *cmd, const char *msg)
{
    char at[300] = "";
    if (sh->trouble_kind)
        return;
    if (sh->where && sh->where->file)
        snprintf(at, sizeof at, "%.200s:%lu: ", sh->where->file, sh->where->line);
    sh->trouble_kind = kind;
    snprintf(sh->trouble, sizeof sh->trouble, "%s%s%s%.300s", at, cmd,
             *cmd ? ": " : "", msg);
}
