/* cmd_record.c - `record FILE.html SCRIPT`: one self-contained HTML page
 * that steps through a script, the command, its result and the layout
 * after each step.  A command rather than an option, so that it works at
 * the prompt and in scripts as well as from the shell; the script runs in
 * a fresh session, which leaves this one as it was. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "commands.h"
#include "explain.h"
#include "journal.h"
#include "lines.h"
#include "record.h"
#include "render.h"
#include "script_steps.h"

/* What a result prints as text, the way its command renders it. */
static char *output_of(const shell *sc, const result *r)
{
    char *buf = NULL;
    size_t len = 0;
    if (r->tag == P_LAYOUT && r->u.layout.as_json) /* it prints to stdout */
        return render_layout_text(sc, &r->u.layout);
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return NULL;
    if (sc->tracing) { /* explain: the why before the what, as on a terminal */
        lines l;
        explain_lines(sc, r, &l);
        for (size_t i = 0; i < l.n; i++)
            fprintf(f, "%s\n", l.v[i]);
        lines_free(&l);
    }
    if (r->ok && r->tag != P_NONE && r->by && r->by->text)
        r->by->text(sc, r, f);
    fclose(f);
    return buf;
}

/* The layout the step left, as map json shows it. */
static cJSON *map_of(shell *sc)
{
    layout lay;
    layout_collect(shell_side(sc), &lay);
    cJSON *m = render_layout_json(sc, &lay);
    layout_free(&lay);
    return m;
}

/* Runs one step in the scratch session and adds what it showed to o. */
static void run_step(shell *sc, const script_step *st, cJSON *o)
{
    words ws = {0}; /* words_free may take it unsplit */
    result r;
    memset(&r, 0, sizeof r);
    r.ok = true;
    r.cmd = "";
    cJSON_AddStringToObject(o, "prompt", shell_prompt(sc));
    if (st->verdict != SHELL_LINE_RUN) {
        r.ok = false;
        r.kind_of_error = shell_line_refusal(st->verdict, sc->where->file, r.error,
                                             sizeof r.error);
    } else if (words_split(st->line, &ws, r.error, sizeof r.error) != 0)
        r.ok = false;
    else if (ws.n > 0) {
        r.cmd = ws.w[0];
        sc->nevents = 0;
        shell_dispatch(sc, &ws, &r);
    }
    char *out = output_of(sc, &r);
    shell_set_tracing(sc, false);
    cJSON_AddStringToObject(o, "out", out ? out : "");
    free(out);
    if (!r.ok) {
        char msg[700];
        snprintf(msg, sizeof msg, "%s:%lu: %s%s%s", sc->where->file, st->lineno, r.cmd,
                 *r.cmd ? ": " : "", r.error);
        cJSON_AddStringToObject(o, "error", msg);
        sc->failures++;
    }
    cJSON_AddBoolToObject(o, "ok", r.ok);
    result_release(&r);
    words_free(&ws);
}

/* The page's data: the script's name and, from the start on, each step;
 * *ran is how many steps ran (a quit or Ctrl-C ends them early). */
static cJSON *record_steps(shell *sc, const script_steps *s, size_t *ran)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "script", s->copy.name);
    cJSON *a = cJSON_AddArrayToObject(root, "steps");
    cJSON *start = cJSON_CreateObject();
    cJSON_AddItemToObject(start, "map", map_of(sc));
    cJSON_AddItemToArray(a, start);
    location loc = {s->copy.name, 0, sc->where, false, 0, 0, NULL};
    sc->where = &loc;
    size_t i = 0;
    for (; i < s->n && !sc->quit && !sc->interrupted; i++) {
        cJSON *o = cJSON_CreateObject();
        loc.line = s->v[i].lineno;
        cJSON_AddNumberToObject(o, "line", (double)s->v[i].lineno);
        cJSON_AddStringToObject(o, "note", s->v[i].note);
        cJSON_AddStringToObject(o, "cmd", s->v[i].line);
        run_step(sc, &s->v[i], o);
        cJSON_AddItemToObject(o, "map", map_of(sc));
        cJSON_AddItemToArray(a, o);
    }
    sc->where = loc.outer;
    *ran = i;
    return root;
}

/* Runs the script in a fresh session, without colour, and writes the page. */
static bool write_page(shell *sh, const char *path, const script_steps *s, result *r)
{
    shell sc;
    char err[300];
    if (journal_fresh(sh, &sc) != 0)
        return result_fail(r, ERR_SYSTEM, "cannot set up a scratch session");
    sc.color = false;
    sc.depth = sh->depth; /* its commands run inside this one */
    size_t ran = 0;
    cJSON *root = record_steps(&sc, s, &ran);
    char *text = root ? cJSON_PrintUnformatted(root) : NULL;
    source_payload *p = result_payload(r, P_SOURCE);
    p->file = path;
    p->count = ran;
    p->failed = sc.failures;
    sh->interrupted = sc.interrupted;
    cJSON_Delete(root);
    shell_free(&sc);
    if (!text)
        return result_fail(r, ERR_SYSTEM, "out of memory");
    int st = record_write_page(path, text, err, sizeof err);
    free(text);
    return st == 0 || result_fail(r, ERR_FILE, "%s", err);
}

/* False, with r failed, when the page may not be written: over its own
 * script (record s.txt s.txt), or for a file that is no script, as with
 * the page and the script swapped (record s.txt page.html would write
 * over s.txt). */
static bool refuse_page(const char *path, const char *script, const script_steps *s,
                        result *r)
{
    struct stat page, from;
    /* By the two paths, not the copy's identity, which only a regular
     * file has: a page written into its own FIFO would wait forever. */
    if (stat(path, &page) == 0 && stat(script, &from) == 0 &&
        page.st_dev == from.st_dev && page.st_ino == from.st_ino)
        return result_fail(r, ERR_FILE, "'%.200s' is the script itself: the page would "
                           "be written over it", path);
    if (s->n > 0 && s->v[s->n - 1].verdict == SHELL_LINE_NOT_SCRIPT)
        return result_fail(r, ERR_FILE, "'%.200s' is not a script (line %lu is the third "
                           "in a row that is no command): no page written",
                           s->copy.name, s->v[s->n - 1].lineno);
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    script_steps s;
    char err[300];
    if (sh->opt.no_files)
        return result_fail(r, ERR_FILE, "writing files is disabled here");
    int st = script_steps_read(sh, ws->w[2], &s, err, sizeof err);
    if (st < 0)
        return result_fail(r, ERR_FILE, "%s", err);
    if (st > 0)
        return result_fail(r, ERR_INTERRUPTED, "interrupted");
    bool ok = refuse_page(ws->w[1], ws->w[2], &s, r) && write_page(sh, ws->w[1], &s, r);
    script_steps_free(&s);
    return ok;
}

static void text(const shell *sh, const result *r, FILE *out)
{
    const source_payload *p = &r->u.source;
    (void)sh;
    fprintf(out, "recorded %lu step%s in %s", p->count, plural(p->count), p->file);
    if (p->failed)
        fprintf(out, " (%lu failed)", p->failed);
    fputc('\n', out);
}

static void json(const shell *sh, const result *r, cJSON *o)
{
    (void)sh;
    cJSON_AddStringToObject(o, "file", r->u.source.file);
    json_add_size(o, "steps", r->u.source.count);
    json_add_size(o, "failed", r->u.source.failed);
}

static const char DETAILS[] =
    "Runs SCRIPT in a fresh session with the command line's settings (this\n"
    "session is left as it was) and writes FILE, one HTML page with no\n"
    "network access and no other files: each step's narration (the comments\n"
    "above it), command, result and layout, drawn from the same data as\n"
    "`map json`.  In a browser the right arrow, Space or Enter go forward,\n"
    "the left arrow back, Home and End to either end; a URL ending in\n"
    "#step=N opens at step N, and #keys=nnp presses those keys (n next, p back).\n"
    "A line that a batch run refuses (one holding a NUL byte, or the third\n"
    "in a row that is no command) is a step that fails the same way.  No page\n"
    "is written over SCRIPT itself, nor for a SCRIPT that is no script (the\n"
    "two swapped: record s.txt page.html would write over s.txt).";

static const command cmd = {
    .name = "record", .order = 155, .synopsis = "FILE SCRIPT",
    .help = "write a web page that steps through a script", .details = DETAILS,
    .min_args = 2, .max_args = 2, .args = {ARG_FILE, ARG_FILE},
    .run = run, .text = text, .json = json, .payload_on_failure = false,
};
COMMAND(cmd);
