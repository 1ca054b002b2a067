/* cmd_expect.c - assertions for graders:
 *
 *   expect KEY N [KEY N]...        free, used, largest, extents, pages, blocks
 *   expect block NAME [KEY V]...   page, offset, size, text
 *   expect missing NAME            no live block has that name
 *   expect fail [KIND] COMMAND...  the command fails (with that kind)
 *
 * A failed expectation says what it expected and what it found; every
 * mismatch on the line is listed, so one run shows the whole story. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "numbers.h"

/* Appends "what: expected X, found Y" to the result's message. */
static void mismatch(result *r, const char *what, const char *want,
                     const char *found)
{
    size_t len = strlen(r->error);
    snprintf(r->error + len, sizeof r->error - len, "%s%s: expected %.60s, found %.60s",
             len ? "; " : "", what, want, found);
}

static bool figure(const pa_stats *st, const char *key, size_t *v)
{
    if (strcmp(key, "free") == 0) *v = st->bytes_free;
    else if (strcmp(key, "used") == 0) *v = st->bytes_used;
    else if (strcmp(key, "largest") == 0) *v = st->largest;
    else if (strcmp(key, "extents") == 0) *v = st->extents;
    else if (strcmp(key, "pages") == 0) *v = st->pages;
    else if (strcmp(key, "blocks") == 0) *v = st->blocks;
    else return false;
    return true;
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

/* Compares key/value pairs from word `from` on; get() reads the truth. */
static bool pairs(const words *ws, size_t from, result *r,
                  bool (*get)(const void *ctx, const char *key, char *buf, size_t len),
                  const void *ctx, const char *prefix)
{
    char found[PA_PAGE_SIZE + 1], what[80]; /* a whole block's text */
    if ((ws->n - from) % 2 != 0 || ws->n == from)
        return result_fail(r, ERR_USAGE, "expect wants KEY VALUE pairs (try 'help expect')");
    char want[2][24];
    for (size_t i = from; i < ws->n; i += 2) {
        if (!get(ctx, ws->w[i], found, sizeof found))
            return result_fail(r, ERR_INVALID_VALUE, "nothing called '%.40s' to expect "
                               "(try 'help expect')", ws->w[i]);
        /* A number that does not read is the grader's slip, not the
         * student's: refused, not counted as a failed expectation. */
        if (!canonical(ws->w[i], ws->w[i + 1], want[0], sizeof want[0], r))
            return false;
    }
    for (size_t i = from; i < ws->n; i += 2) {
        const char *expected = ws->w[i + 1];
        if (strcmp(ws->w[i], "text") != 0)
            expected = canonical(ws->w[i], ws->w[i + 1], want[1], sizeof want[1], r)
                       ? want[1] : expected;
        get(ctx, ws->w[i], found, sizeof found);
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
    size_t v;
    if (!figure(ctx, key, &v))
        return false;
    snprintf(buf, len, "%zu", v);
    return true;
}

typedef struct block_view { const result *r; } block_view;

static bool get_block(const void *ctx, const char *key, char *buf, size_t len)
{
    const result *r = ((const block_view *)ctx)->r;
    if (strcmp(key, "page") == 0) snprintf(buf, len, "%zu", r->where.page);
    else if (strcmp(key, "offset") == 0) snprintf(buf, len, "%zu", r->where.offset);
    else if (strcmp(key, "size") == 0) snprintf(buf, len, "%zu", r->where.size);
    else if (strcmp(key, "text") == 0)
        snprintf(buf, len, "%.*s", (int)strnlen(r->addr, r->where.size), (char *)r->addr);
    else return false;
    return true;
}

static bool expect_block(shell *sh, const words *ws, result *r)
{
    side *sd = shell_side(sh);
    char prefix[NAME_MAXLEN + 8];
    if (ws->n < 3)
        return result_fail(r, ERR_USAGE, "usage: expect block NAME [KEY VALUE]...");
    void *p = names_get(&sd->names, ws->w[2]);
    if (!p)
        return result_fail(r, ERR_EXPECTATION, "block %.40s: expected a live block, "
                           "found none", ws->w[2]);
    snprintf(r->name, sizeof r->name, "%s", ws->w[2]);
    r->addr = p;
    pa_locate(sd->arena, p, &r->where);
    if (ws->n == 3)
        return true;
    snprintf(prefix, sizeof prefix, "%s ", r->name);
    block_view v = {r};
    return pairs(ws, 3, r, get_block, &v, prefix);
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
    words inner = {ws->n - from, ws->w + from, NULL};
    result got;
    memset(&got, 0, sizeof got);
    got.cmd = inner.w[0];
    got.ok = true;
    /* Whatever runs inside (through explain or source too) may neither
     * count expectations nor end the session: cmd_expect and cmd_quit
     * refuse while this is set, so the verdict stays this one's. */
    sh->in_expect_fail++;
    shell_dispatch(sh, &inner, &got);
    sh->in_expect_fail--;
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

bool cmd_expect(shell *sh, const words *ws, result *r)
{
    bool ok;
    pa_stats st;
    if (sh->in_expect_fail)
        return result_fail(r, ERR_USAGE, "expect cannot run inside expect fail");
    pa_get_stats(shell_side(sh)->arena, &st);
    if (strcmp(ws->w[1], "block") == 0)
        ok = expect_block(sh, ws, r);
    else if (strcmp(ws->w[1], "fail") == 0)
        ok = expect_fail(sh, ws, r);
    else if (strcmp(ws->w[1], "missing") == 0 && ws->n != 3)
        ok = result_fail(r, ERR_USAGE, "usage: expect missing NAME");
    else if (strcmp(ws->w[1], "missing") == 0)
        ok = !names_get(&shell_side(sh)->names, ws->w[2]) ||
             result_fail(r, ERR_EXPECTATION, "block %.40s: expected none, found a "
                         "live block", ws->w[2]);
    else
        ok = pairs(ws, 1, r, get_figure, &st, "");
    if (ok || r->kind_of_error == ERR_EXPECTATION)
        ok ? sh->expect_passed++ : sh->expect_failed++;
    r->kind = R_EXPECT;
    return ok;
}
