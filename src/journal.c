/* journal.c - keeping the state-changing commands, and replaying them. */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "journal.h"
#include "lines.h"
#include "result.h"
#include "signals.h"

/* Whether a command of these words changes what undo takes back: the
 * blocks, their names and bytes, the current allocator, its policy and
 * page limit. */
static bool journal_counts(const command *c, const words *ws)
{
    return c && c->changes_state && c->changes_state(ws);
}

/* A journal entry starting with a byte of CODED is the line "NAME REST"
 * (or "NAME" when REST is empty), NAME being command number b & ~CODED.
 * A line kept as it is never starts so: it starts with a blank, a quote
 * or a command's ASCII letter.  Every page a long script's journal grows
 * by is a page fault, which costs a virtual machine some 18 us: the name
 * in one byte halves a typical entry ("alloc 3072 a", "free c"), and
 * with it the time a script of 100,000 lines spends on its journal. */
#define CODED 0x80u

/* An entry starting with this byte is an alloc the allocator refused
 * (or an explain or expect fail of one), kept as it was typed: it
 * changed no block, but it did count in the allocator's failures and
 * "searched" figures, which a replay gets back only by running it again,
 * and it fails again the same way.  undo never takes such an entry back
 * on its own: it goes with the command before it. */
#define FAILED 0x01u

/* The byte that stands for c's name at the start of line, or 0; *skip
 * is then how many bytes of line the byte replaces. */
static unsigned code_for(const command *c, const char *line, size_t *skip)
{
    static const command *const *all;
    static size_t n;
    const char *name = c->name, *p = line;
    while (*name && *p == *name)
        name++, p++;
    if (*name || !(*p == '\0' || (*p == ' ' && p[1] != '\0')))
        return 0;
    if (!all)
        all = command_list(&n);
    for (size_t i = 0; i < n && i < CODED; i++) {
        if (all[i] == c) {
            *skip = (size_t)(p - line) + (*p == ' ');
            return CODED | (unsigned)i;
        }
    }
    return 0;
}

/* What the sources of the journal's commands read, in the order they
 * ran (a command that sources a file that sources another has two):
 * undo replays them from here, since a file may have changed since, and
 * a FIFO or /dev/stdin reads only once.  copy[i] was read by the command
 * of journal entry entry[i]; a command not kept drops its reads. */
struct source_reads {
    script_copy **copy; /* each its own block: a source keeps its lines in
                           one while the sources it runs add others */
    size_t *entry;
    size_t n, cap;
};

/* Drops the reads of journal entries from on. */
static void drop_reads(shell *sh, size_t from)
{
    struct source_reads *r = sh->reads;
    while (r && r->n > 0 && r->entry[r->n - 1] >= from) {
        script_copy *c = r->copy[--r->n];
        script_copy_free(c);
        free(c);
    }
}

void journal_reads_free(shell *sh)
{
    drop_reads(sh, 0);
    if (sh->reads) {
        free(sh->reads->copy);
        free(sh->reads->entry);
        free(sh->reads);
    }
    sh->reads = NULL;
}

/* A new, empty read for the command running now; NULL when memory runs out. */
static script_copy *new_read(shell *sh)
{
    struct source_reads *r = sh->reads;
    if (!r && !(r = sh->reads = calloc(1, sizeof *r)))
        return NULL;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        script_copy **c = realloc(r->copy, cap * sizeof *c);
        if (c)
            r->copy = c;
        size_t *e = c ? realloc(r->entry, cap * sizeof *e) : NULL;
        if (!e)
            return NULL;
        r->entry = e;
        r->cap = cap;
    }
    script_copy *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    r->copy[r->n] = c;
    r->entry[r->n++] = sh->journal.n;
    return c;
}

/* The copy that a rebuild runs for its next source, or NULL. */
static const script_copy *next_fed(shell *sh)
{
    return sh->feed && sh->fed < sh->feed->n ? sh->feed->copy[sh->fed++] : NULL;
}

int journal_source(shell *sh, const char *path, char *err, size_t errlen)
{
    const script_copy *fed = next_fed(sh);
    script_copy *keep = sh->reads_lost ? NULL : new_read(sh);
    if (!keep && !sh->reads_lost) {
        sh->reads_lost = true; /* the reads would no longer match the sources */
        shell_note_trouble(sh, ERR_SYSTEM, "source", "out of memory: undo may not take "
                           "this source back");
    }
    if (!fed)
        return shell_run_file_kept(sh, path, keep, err, errlen);
    script_copy run = *fed;
    run.name = path; /* as the line names it, for messages */
    if (keep) {
        *keep = run;
        keep->name = NULL; /* the line's words go when the command ends */
        keep->text = fed->size ? malloc(fed->size) : NULL;
        keep->cap = keep->size = keep->text ? fed->size : 0;
        if (keep->text)
            memcpy(keep->text, fed->text, fed->size);
        else if (fed->size)
            sh->reads_lost = true;
    }
    err[0] = '\0';
    return shell_run_copy(sh, &run) ? 0 : 1;
}

void journal_note(shell *sh, const command *c, const words *ws,
                  const char *line, const result *r)
{
    size_t skip = 0;
    result_effect e = journal_counts(c, ws) ? result_effect_of(r) : EFFECT_NONE;
    /* Counted at every depth, for a source to tell what its lines did. */
    sh->changed += e == EFFECT_CHANGED;
    sh->counted += e == EFFECT_COUNTED;
    if (sh->depth > 0)
        return;
    if (e == EFFECT_NONE) {
        drop_reads(sh, sh->journal.n);
        return;
    }
    unsigned code = e == EFFECT_COUNTED ? FAILED : code_for(c, line, &skip);
    if (!packed_add(&sh->journal, code, line + skip)) {
        drop_reads(sh, sh->journal.n);
        shell_note_trouble(sh, ERR_SYSTEM, ws->w[0], "out of memory: undo may "
                           "not take this command back");
    }
}

/* The line entry e stands for, written at out (when not NULL); returns
 * its length. */
static size_t decode(const char *e, char *out)
{
    unsigned char b = (unsigned char)*e;
    size_t n, len = strlen(e);
    if (b == FAILED)
        return decode(e + 1, out);
    if (!(b & CODED)) {
        if (out)
            memcpy(out, e, len + 1);
        return len;
    }
    const char *name = command_list(&n)[b & ~CODED]->name;
    size_t nlen = strlen(name), rest = len - 1;
    if (out) {
        memcpy(out, name, nlen);
        out[nlen] = ' ';
        memcpy(out + nlen + (rest > 0), e + 1, rest + 1);
    }
    return nlen + (rest > 0) + rest;
}

size_t journal_undoable(const shell *sh)
{
    const char *e = sh->journal.text;
    size_t k = 0;
    for (size_t i = 0; i < sh->journal.n; i++, e += strlen(e) + 1)
        if ((unsigned char)*e != FAILED)
            k = i + 1;
    return k;
}

char *journal_line(const shell *sh, size_t i)
{
    const char *e = sh->journal.text;
    while (i-- > 0)
        e += strlen(e) + 1;
    char *line = malloc(decode(e, NULL) + 1);
    if (line)
        decode(e, line);
    return line;
}

char **journal_lines(const shell *sh, size_t n)
{
    const char *e = sh->journal.text;
    size_t text = 0;
    for (size_t i = 0; i < n; i++, e += strlen(e) + 1)
        text += decode(e, NULL) + 1;
    char **v = malloc((n ? n : 1) * sizeof *v + text);
    if (!v)
        return NULL;
    char *d = (char *)(v + (n ? n : 1));
    e = sh->journal.text;
    for (size_t i = 0; i < n; i++, e += strlen(e) + 1) {
        v[i] = d;
        d += decode(e, d) + 1;
    }
    return v;
}

int journal_fresh(const shell *sh, shell *fresh)
{
    options opt = sh->opt;
    opt.quiet = true;
    opt.echo = false;
    opt.strict = false;
    opt.check = false;
    opt.explain = false;
    opt.round = false; /* no option sets it: the journal's set round does */
    if (shell_init(fresh, &opt) != 0)
        return -1;
    fresh->where = sh->where;
    return 0;
}

int journal_rebuild(shell *sh, char *const *v, size_t n, bool as_read, char *err,
                    size_t errlen)
{
    shell fresh;
    snprintf(err, errlen, "cannot set up a fresh session");
    if (journal_fresh(sh, &fresh) != 0)
        return -1;
    /* Reads that memory cut short would replay something else: then the
     * files are read again, as they were before reads were kept. */
    fresh.feed = as_read && !sh->reads_lost ? sh->reads : NULL;
    for (size_t i = 0; i < n && !fresh.quit && !sig_interrupted; i++)
        shell_run_line(&fresh, v[i]);
    fresh.where = NULL;
    bool interrupted = sig_interrupted || fresh.interrupted;
    /* Half a replay, or one the system refused memory or a page, is not
     * the state to go back to. */
    bool failed = !interrupted && fresh.trouble_kind == ERR_SYSTEM;
    if (interrupted)
        sh->interrupted = true;
    else if (failed)
        snprintf(err, errlen, "the replay failed: %.300s", fresh.trouble);
    else
        shell_take_state(sh, &fresh);
    shell_free(&fresh);
    return interrupted ? 1 : failed ? -1 : 0;
}
