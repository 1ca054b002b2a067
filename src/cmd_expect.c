/* cmd_expect.c - assertions for graders:
 *
 *   expect KEY N [KEY N]...        free, used, largest, extents, pages, blocks
 *   expect block NAME [KEY V]...   page, offset, size, text
 *   expect missing NAME            no live block has that name
 *   expect fail [KIND] COMMAND...  the command fails (with that kind)
 *
 * A failed expectation says what it expected and what it found; every
 * mismatch on the line is listed, so one run shows the whole story.  A
 * malformed expectation counts as a failed one: a grader reading only the
 * summary must never see a pass that was not checked. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "commands.h"
#include "numbers.h"

/* The figures `expect KEY N` compares, and where pa_stats keeps each. */
static const struct figure {
    const char *key;
    size_t at;
} figures[] = {
    {"free", offsetof(pa_stats, bytes_free)},
    {"used", offsetof(pa_stats, bytes_used)},
    {"largest", offsetof(pa_stats, largest)},
    {"extents", offsetof(pa_stats, extents)},
    {"pages", offsetof(pa_stats, pages)},
    {"blocks", offsetof(pa_stats, blocks)},
};
enum { NFIGURES = sizeof figures / sizeof figures[0] };

/* What completion offers after `expect`: the forms, then the figures. */
static const char *const *expect_words(void)
{
    static const char *list[3 + NFIGURES + 1] = {"block", "missing", "fail"};
    for (size_t i = 0; !list[3 + NFIGURES - 1] && i < NFIGURES; i++)
        list[3 + i] = figures[i].key;
    return list;
}

enum { SHOWN = 60, BEFORE = 20 };

static bool continuation(char c)
{
    return ((unsigned char)c & 0xC0) == 0x80;
}

/* A value of a mismatch from byte at on, at most SHOWN bytes of it, with
 * "..." where bytes are left out; cut between UTF-8 characters, never
 * inside one. */
static void window(char *buf, size_t len, const char *s, size_t at)
{
    size_t n = strlen(s), k;
    at = at < n ? at : n;
    while (at > 0 && continuation(s[at]))
        at--;
    k = n - at < SHOWN ? n - at : SHOWN;
    while (k > 0 && at + k < n && continuation(s[at + k]))
        k--;
    snprintf(buf, len, "%s%.*s%s", at ? "..." : "", (int)k, s + at,
             at + k < n ? "..." : "");
}

/* Appends "what: expected X, found Y" to the result's message. */
static void mismatch(result *r, const char *what, const char *want,
                     const char *found)
{
    size_t len = strlen(r->error), d = 0;
    char w[SHOWN + 8], f[SHOWN + 8], where[48] = "";
    while (want[d] && want[d] == found[d])
        d++;
    /* Long texts that differ late would show the same first bytes: show
     * them from just before the first difference, and say where it is. */
    bool is_long = strlen(want) > SHOWN || strlen(found) > SHOWN;
    size_t at = is_long && d > BEFORE ? d - BEFORE : 0;
    if (is_long)
        snprintf(where, sizeof where, " (they differ from byte %zu)", d + 1);
    window(w, sizeof w, want, at);
    window(f, sizeof f, found, at);
    snprintf(r->error + len, sizeof r->error - len, "%s%s: expected %s, found %s%s",
             len ? "; " : "", what, w, f, where);
}

/* The value as it is compared: text as typed, a number in plain decimal
 * (so that 0128 is 128).  False, with r failed, when a number is not one. */
static bool canonical(const char *key, const char *value, char *buf, size_t len,
                      result *r)
{
    char err[128];
    size_t v;
    if (strcmp(key, "text") == 0)
        return true;
    if (parse_count(value, SIZE_MAX, &v, err, sizeof err) != 0)
        return result_fail(r, ERR_INVALID_VALUE, "%s: %s", key, err);
    snprintf(buf, len, "%zu", v);
    return true;
}

/* Reads the truth of a key into buf; false when there is no such key.
 * keys lists them all, for a "did you mean". */
typedef struct getter {
    bool (*get)(const void *ctx, const char *key, char *buf, size_t len);
    const char *const *(*keys)(void);
} getter;

/* A key that is none: with the one it most likely meant (expect fre 0). */
static bool unknown_key(const char *key, const getter *g, result *r)
{
    const char *near = suggest_among(key, g->keys());
    if (near)
        return result_fail(r, ERR_INVALID_VALUE, "nothing called '%.40s' to expect "
                           "(did you mean '%s'?)", key, near);
    return result_fail(r, ERR_INVALID_VALUE, "nothing called '%.40s' to expect "
                       "(try 'help expect')", key);
}

/* Checks that every key is known and every number reads, before any
 * comparison, so that a malformed line names its slip alone. */
static bool well_formed(const words *ws, size_t from, result *r, const getter *g,
                        const void *ctx, char *found, size_t flen)
{
    char want[24];
    if ((ws->n - from) % 2 != 0 || ws->n == from)
        return result_fail(r, ERR_USAGE, "expect wants KEY VALUE pairs (try 'help expect'; "
                           "quote a value with spaces: text \"a b\")");
    for (size_t i = from; i < ws->n; i += 2) {
        if (!g->get(ctx, ws->w[i], found, flen))
            return unknown_key(ws->w[i], g, r);
        if (!canonical(ws->w[i], ws->w[i + 1], want, sizeof want, r))
            return false;
    }
    return true;
}

/* Compares key/value pairs from word `from` on; g reads the truth. */
static bool pairs(const words *ws, size_t from, result *r, const getter *g,
                  const void *ctx, const char *prefix)
{
    char found[PA_PAGE_SIZE + 1], what[80], want[24]; /* a whole block's text */
    if (!well_formed(ws, from, r, g, ctx, found, sizeof found))
        return false;
    for (size_t i = from; i < ws->n; i += 2) {
        const char *expected = ws->w[i + 1];
        if (strcmp(ws->w[i], "text") != 0 &&
            canonical(ws->w[i], ws->w[i + 1], want, sizeof want, r))
            expected = want;
        g->get(ctx, ws->w[i], found, sizeof found);
        if (strcmp(found, expected) != 0) {
            snprintf(what, sizeof what, "%s%s", prefix, ws->w[i]);
            mismatch(r, what, expected, found);
        }
    }
    if (r->error[0]) {
        r->ok = false;
        r->kind_of_error = ERR_EXPECTATION;
    }
    return r->ok;
}

static bool get_figure(const void *ctx, const char *key, char *buf, size_t len)
{
    for (size_t i = 0; i < NFIGURES; i++) {
        if (strcmp(figures[i].key, key) == 0) {
            snprintf(buf, len, "%zu", *(const size_t *)((const char *)ctx + figures[i].at));
            return true;
        }
    }
    return false;
}

static const char *const *block_keys(void)
{
    static const char *const keys[] = {"page", "offset", "size", "text", NULL};
    return keys;
}

static bool get_block(const void *ctx, const char *key, char *buf, size_t len)
{
    const block_payload *b = ctx;
    if (strcmp(key, "page") == 0) snprintf(buf, len, "%zu", b->where.page);
    else if (strcmp(key, "offset") == 0) snprintf(buf, len, "%zu", b->where.offset);
    else if (strcmp(key, "size") == 0) snprintf(buf, len, "%zu", b->where.size);
    else if (strcmp(key, "text") == 0)
        snprintf(buf, len, "%.*s", (int)strnlen((const char *)b->bytes, b->data),
                 (const char *)b->bytes);
    else return false;
    return true;
}

static bool expect_block(shell *sh, const words *ws, result *r)
{
    char prefix[NAME_MAXLEN + 8];
    if (ws->n < 3)
        return result_fail(r, ERR_USAGE, "usage: expect block NAME [KEY VALUE]...");
    if (!names_get(&shell_side(sh)->names, ws->w[2]))
        return result_fail(r, ERR_EXPECTATION, "block %.40s: expected a live block, "
                           "found none", ws->w[2]);
    if (!block_find(sh, ws->w[2], r) || !block_copy_bytes(sh, r))
        return false;
    if (ws->n == 3)
        return true;
    snprintf(prefix, sizeof prefix, "%s ", r->u.block.name);
    static const getter block = {get_block, block_keys};
    return pairs(ws, 3, r, &block, &r->u.block, prefix);
}

/* Refused at once when expect fail names them itself: wrapped, they
 * would fail by refusal and the expectation would pass for nothing. */
static bool wrappable(const char *name, result *r)
{
    static const char *const refused[] = {"expect", "quit", "exit", NULL};
    for (size_t i = 0; refused[i]; i++)
        if (strcmp(name, refused[i]) == 0)
            return result_fail(r, ERR_USAGE, "expect fail cannot run '%s'", name);
    return true;
}

static bool expect_fail(shell *sh, const words *ws, result *r)
{
    size_t from = 2;
    error_kind want = ws->n > 2 ? error_kind_from(ws->w[2]) : ERR_NONE;
    if (want != ERR_NONE)
        from = 3;
    if (ws->n <= from)
        return result_fail(r, ERR_USAGE, "usage: expect fail [KIND] COMMAND...");
    /* A misspelt kind must not pass as a command that fails. */
    if (want == ERR_NONE && !command_find(ws->w[2]))
        return result_fail(r, ERR_USAGE, "'%.40s' is neither a kind of error nor "
                           "a command (try 'help expect')", ws->w[2]);
    if (!wrappable(ws->w[from], r))
        return false;
    words inner = {.n = ws->n - from, .w = ws->w + from};
    result got;
    memset(&got, 0, sizeof got);
    got.cmd = inner.w[0];
    got.ok = true;
    /* Whatever runs inside (through explain or source too) may neither
     * count expectations nor end the session: cmd_expect and cmd_quit
     * refuse while this is set, so the verdict stays this one's.  Nor may
     * it print (one command, one JSON object) or count as a failed
     * command: its failures are what this expectation judges. */
    bool quiet = sh->opt.quiet;
    unsigned long failures = sh->failures;
    sh->opt.quiet = true;
    sh->in_expect_fail++;
    shell_dispatch(sh, &inner, &got);
    sh->in_expect_fail--;
    sh->opt.quiet = quiet;
    sh->failures = failures;
    r->effect = result_effect_of(&got); /* what its command did, for undo */
    result_release(&got);
    if (got.ok)
        return result_fail(r, ERR_EXPECTATION, "'%.40s' succeeded, expected it to fail%s%s",
                           inner.w[0], want ? " with " : "",
                           want ? error_kind_name(want) : "");
    if (want && got.kind_of_error != want)
        return result_fail(r, ERR_EXPECTATION, "'%.40s' failed with %s (%.200s), "
                           "expected %s", inner.w[0], error_kind_name(got.kind_of_error),
                           got.error, error_kind_name(want));
    return true;
}

static bool run(shell *sh, const words *ws, result *r)
{
    bool ok;
    pa_stats st;
    if (sh->in_expect_fail)
        return result_fail(r, ERR_USAGE, "expect cannot run inside expect fail");
    side_stats(shell_side(sh), &st);
    /* A bare expect is malformed, and counted as a failed expectation as
     * every malformed one is: min_args 0 lets it get here. */
    const char *what = ws->n > 1 ? ws->w[1] : "";
    if (ws->n == 1)
        ok = result_fail(r, ERR_USAGE, "missing argument: usage: expect WHAT...");
    else if (strcmp(what, "block") == 0)
        ok = expect_block(sh, ws, r);
    else if (strcmp(what, "fail") == 0)
        ok = expect_fail(sh, ws, r);
    else if (strcmp(what, "missing") == 0 && ws->n != 3)
        ok = result_fail(r, ERR_USAGE, "usage: expect missing NAME");
    else if (strcmp(what, "missing") == 0)
        ok = !names_get(&shell_side(sh)->names, ws->w[2]) ||
             result_fail(r, ERR_EXPECTATION, "block %.40s: expected none, found a "
                         "live block", ws->w[2]);
    else
        ok = pairs(ws, 1, r, &(const getter){get_figure, expect_words}, &st, "");
    ok ? sh->expect_passed++ : sh->expect_failed++;
    result_release(r); /* nothing to show: the block was only looked at */
    return ok;
}

/* expect fail COMMAND runs the command for real, so it changes what the
 * command changes, whether the expectation holds or not: undo must
 * replay it. */
static bool changes_state(const words *ws)
{
    if (ws->n < 3 || strcmp(ws->w[1], "fail") != 0)
        return false;
    size_t from = error_kind_from(ws->w[2]) != ERR_NONE ? 3 : 2;
    words inner = {.n = ws->n > from ? ws->n - from : 0, .w = ws->w + from};
    return command_words_change_state(&inner);
}

/* The help text, with the kinds of error from their one table, wrapped. */
static const char *details(void)
{
    static char text[1400];
    if (text[0])
        return text;
    snprintf(text, sizeof text, "%s",
             "  expect KEY N [KEY N]...       free, used, largest, extents, pages, blocks\n"
             "  expect block NAME [KEY V]...  page, offset, size, text (of a live block)\n"
             "  expect missing NAME           no live block has that name\n"
             "  expect fail [KIND] COMMAND... the command fails, with that kind of error:\n"
             "     ");
    const char *kinds = error_kind_list();
    size_t col = 5;
    while (*kinds) {
        size_t word = strcspn(kinds, " ");
        if (col + 1 + word > 74) {
            snprintf(text + strlen(text), sizeof text - strlen(text), "\n     ");
            col = 5;
        }
        snprintf(text + strlen(text), sizeof text - strlen(text), " %.*s", (int)word, kinds);
        col += 1 + word;
        kinds += word + (kinds[word] == ' ');
    }
    snprintf(text + strlen(text), sizeof text - strlen(text), "%s",
             "\n  (the command really runs; it may not be expect, quit or exit)\n"
             "A failed expectation says what was expected and found, and makes the\n"
             "exit status 1.  A run with expectations ends with how many passed.");
    return text;
}

static const command cmd = {
    .name = "expect", .order = 120, .synopsis = "WHAT...",
    .help = "check a fact: free N, block NAME offset N, fail [KIND] CMD...",
    .make_details = details, .min_args = 0, .max_args = -1, .args = {ARG_WORDS},
    .words_of = expect_words, .run = run, .changes_state = changes_state,
};
COMMAND(cmd);
