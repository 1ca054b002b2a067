/* grade_report.c - from a test's JSON Lines to a verdict and a text a
 * student can read, and the grades in the formats graders use. */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "grade_report.h"
#include "lines.h"

const char *grade_status_name(gstatus s)
{
    static const char *const words[] = {"pass", "fail", "crash", "timeout",
                                        "forbidden", "compile error", "error", "not run"};
    return (unsigned)s <= G_NOT_RUN ? words[s] : "error";
}

/* The verdict a failure's kind makes, the worst one winning. */
static gstatus status_of_kind(const char *kind)
{
    if (strcmp(kind, "crash") == 0 || strcmp(kind, "gone") == 0)
        return G_CRASH;
    if (strcmp(kind, "timeout") == 0)
        return G_TIMEOUT;
    if (strcmp(kind, "forbidden") == 0)
        return G_FORBIDDEN;
    return G_FAIL;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* One failed command (or warning) as a line: "file:line: cmd: error". */
static void explain_line(lines *out, const cJSON *o, gstatus *worst)
{
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(o, "line");
    const char *kind = str(o, "kind"), *error = str(o, "error"), *cmd = str(o, "cmd");
    const char *warning = str(o, "warning");
    if (warning)
        lines_add(out, "line %d: %s: warning: %s", cJSON_IsNumber(line) ? line->valueint : 0,
                  cmd ? cmd : "", warning);
    if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "ok")) && error) {
        if (cJSON_IsNumber(line))
            lines_add(out, "line %d: %s: %s [%s]", line->valueint, cmd ? cmd : "", error,
                      kind ? kind : "?");
        else
            lines_add(out, "%s [%s]", error, kind ? kind : "?");
        gstatus s = kind ? status_of_kind(kind) : G_FAIL;
        if (s > *worst && s != G_FAIL)
            *worst = s;
    }
}

static char *joined(const lines *l)
{
    size_t len = 1;
    for (size_t i = 0; i < l->n; i++)
        len += strlen(l->v[i]) + 1;
    char *s = malloc(len), *p = s;
    for (size_t i = 0; s && i < l->n; i++)
        p += sprintf(p, "%s\n", l->v[i]);
    if (s)
        *p = '\0';
    return s;
}

void grade_verdict(gresult *g, const gtest *t, const char *raw, int status)
{
    lines out = {0};
    gstatus worst = G_FAIL;
    for (const char *p = raw; *p;) {
        size_t len = strcspn(p, "\n");
        cJSON *o = cJSON_ParseWithLength(p, len);
        if (o)
            explain_line(&out, o, &worst);
        else if (len)
            lines_add(&out, "%.*s", (int)(len < 300 ? len : 300), p);
        cJSON_Delete(o);
        p += len + (p[len] == '\n');
    }
    if (status == -1)
        lines_add(&out, "allocsh could not start the test: %s", strerror(errno));
    else if (WIFSIGNALED(status))
        lines_add(&out, "allocsh itself was killed by signal %d", WTERMSIG(status));
    bool passed = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    g->status = passed ? G_PASS : status == -1 || WIFSIGNALED(status) ? G_ERROR : worst;
    g->score = passed ? t->points : 0;
    g->output = joined(&out);
    lines_free(&out);
}

void grade_not_run(gresult *g, const char *why)
{
    g->status = G_NOT_RUN;
    g->score = 0;
    g->output = strdup(why);
}

void grade_compile_error(gresult *g, const gtest *t, const char *why)
{
    (void)t;
    g->status = G_COMPILE;
    g->score = 0;
    g->output = strdup(why ? why : "the submission could not be built");
}

/* ------------------------------------------------------------------ */

static void totals(const gsub *s, const gsuite *suite, unsigned *score, unsigned *max)
{
    *score = *max = 0;
    for (size_t t = 0; t < suite->n; t++) {
        *score += s->results[t].score;
        *max += suite->tests[t].points;
    }
}

static const char *short_status(gstatus s)
{
    static const char *const words[] = {"ok", "FAIL", "CRASH", "TIME", "FORBID",
                                        "CC", "ERROR", "-"};
    return (unsigned)s <= G_NOT_RUN ? words[s] : "ERROR";
}

/* A submission's path as a line of the table or of TAP shows it: a
 * control character (a newline, say) escaped as \n, \t or \xNN, since it
 * would end the line; for TAP also a '#' as \#, since it would start a
 * directive, and a '\' as \\, since "\\#" would read as "\" and a '#'.
 * Malloc'd; NULL when memory runs out. */
static char *shown_path(const char *path, bool tap)
{
    char *out = malloc(4 * strlen(path) + 1), *d = out;
    for (const unsigned char *p = (const unsigned char *)path; out && *p; p++) {
        if (*p == '\n' || *p == '\t')
            d += sprintf(d, "\\%c", *p == '\n' ? 'n' : 't');
        else if (*p < 0x20 || *p == 0x7f)
            d += sprintf(d, "\\x%02x", *p);
        else if (tap && (*p == '#' || *p == '\\'))
            d += sprintf(d, "\\%c", *p);
        else
            *d++ = (char)*p;
    }
    if (out)
        *d = '\0';
    return out;
}

static void table(const gsuite *suite, const gsub *subs, size_t n)
{
    int width = 10;
    for (size_t i = 0; i < n; i++) {
        char *shown = shown_path(subs[i].path, false);
        if (shown && (int)strlen(shown) > width)
            width = (int)strlen(shown);
        free(shown);
    }
    printf("%-*s", width, "submission");
    for (size_t t = 0; t < suite->n; t++)
        printf(" %6zu", t + 1);
    printf("  score\n");
    for (size_t i = 0; i < n; i++) {
        unsigned score, max;
        char *shown = shown_path(subs[i].path, false);
        totals(&subs[i], suite, &score, &max);
        printf("%-*s", width, shown ? shown : "?");
        free(shown);
        for (size_t t = 0; t < suite->n; t++)
            printf(" %6s", short_status(subs[i].results[t].status));
        printf("  %u/%u\n", score, max);
    }
    printf("\ntests:\n");
    for (size_t t = 0; t < suite->n; t++) {
        char pts[24];
        snprintf(pts, sizeof pts, "%u point%s", suite->tests[t].points,
                 suite->tests[t].points == 1 ? "" : "s");
        printf("%3zu  %-28s %-10s %s\n", t + 1, suite->tests[t].name, pts,
               suite->tests[t].title);
    }
}

static cJSON *tests_json(const gsuite *suite, const gsub *s, bool gradescope)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t t = 0; t < suite->n; t++) {
        const gresult *g = &s->results[t];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", suite->tests[t].name);
        if (!gradescope)
            cJSON_AddStringToObject(o, "status", grade_status_name(g->status));
        cJSON_AddNumberToObject(o, "score", g->score);
        cJSON_AddNumberToObject(o, "max_score", suite->tests[t].points);
        cJSON_AddStringToObject(o, "output", g->output ? g->output : "");
        if (gradescope && g->status != G_PASS)
            cJSON_AddStringToObject(o, "status", "failed");
        else if (gradescope)
            cJSON_AddStringToObject(o, "status", "passed");
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static void print_json(const gsuite *suite, const gsub *subs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned score, max;
        totals(&subs[i], suite, &score, &max);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "submission", subs[i].path);
        cJSON_AddNumberToObject(o, "score", score);
        cJSON_AddNumberToObject(o, "max_score", max);
        cJSON_AddItemToObject(o, "tests", tests_json(suite, &subs[i], false));
        char *s = cJSON_PrintUnformatted(o);
        if (s)
            printf("%s\n", s);
        free(s);
        cJSON_Delete(o);
    }
}

static void tap(const gsuite *suite, const gsub *subs, size_t n)
{
    size_t k = 0, skipped = 0;
    printf("1..%zu\n", n * suite->n);
    for (size_t i = 0; i < n; i++) {
        char *shown = shown_path(subs[i].path, true);
        for (size_t t = 0; t < suite->n; t++) {
            const gresult *g = &subs[i].results[t];
            /* A test the stopped grading never ran is TAP's skip. */
            bool skip = g->status == G_NOT_RUN;
            printf("%sok %zu - %s: %s", g->status == G_PASS || skip ? "" : "not ", ++k,
                   shown ? shown : "?", suite->tests[t].name);
            if (skip) {
                printf(" # SKIP not run");
                skipped++;
            } else if (g->status != G_PASS)
                printf(" # %s", grade_status_name(g->status));
            printf("\n");
            for (const char *p = g->status == G_PASS ? "" : g->output; p && *p;) {
                size_t len = strcspn(p, "\n");
                printf("#   %.*s\n", (int)len, p);
                p += len + (p[len] == '\n');
            }
        }
        free(shown);
    }
    /* Skips alone read as a pass to a TAP harness; a grading that did not
     * finish must not. */
    if (skipped)
        printf("Bail out! the grading was stopped: %zu test%s not run\n", skipped,
               skipped == 1 ? "" : "s");
}

/* A submission's name for its Gradescope file: its path's last
 * component, past trailing slashes; "." and ".." by the directory's own
 * name.  False when there is none. */
static bool result_name(const char *path, char *name, size_t len)
{
    char real[4096];
    size_t end = strlen(path);
    while (end > 1 && path[end - 1] == '/')
        end--;
    size_t start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    snprintf(name, len, "%.*s", (int)(end - start), path + start);
    if ((strcmp(name, ".") == 0 || strcmp(name, "..") == 0) && realpath(path, real)) {
        const char *base = strrchr(real, '/');
        snprintf(name, len, "%.255s", base ? base + 1 : real);
    }
    return name[0] && strcmp(name, "/") != 0 && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0;
}

int grade_gradescope_names(const gsub *subs, size_t n, char *err, size_t errlen)
{
    char a[256], b[256];
    for (size_t i = 0; n > 1 && i < n; i++) {
        if (!result_name(subs[i].path, a, sizeof a)) {
            snprintf(err, errlen, "--gradescope: '%.200s' gives no name for its file",
                     subs[i].path);
            return -1;
        }
        for (size_t j = 0; j < i; j++)
            if (result_name(subs[j].path, b, sizeof b) && strcmp(a, b) == 0) {
                snprintf(err, errlen, "--gradescope: '%.150s' and '%.150s' would both "
                         "write %.100s.json", subs[j].path, subs[i].path, a);
                return -1;
            }
    }
    return 0;
}

/* Gradescope's results.json: one file for one submission, or a folder of
 * NAME.json files, NAME the submission's own name (result_name). */
static int gradescope(const char *path, const gsuite *suite, const gsub *subs, size_t n)
{
    if (n > 1 && mkdir(path, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "allocsh: cannot make '%s': %s\n", path, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned score, max;
        char file[4400], name[256];
        result_name(subs[i].path, name, sizeof name);
        if (n > 1)
            snprintf(file, sizeof file, "%s/%s.json", path, name);
        else
            snprintf(file, sizeof file, "%s", path);
        totals(&subs[i], suite, &score, &max);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "score", score);
        cJSON_AddItemToObject(o, "tests", tests_json(suite, &subs[i], true));
        char *s = cJSON_Print(o);
        FILE *f = fopen(file, "w");
        int bad = !f || !s || fprintf(f, "%s\n", s) < 0;
        bad |= f && fclose(f) != 0;
        free(s);
        cJSON_Delete(o);
        if (bad) {
            fprintf(stderr, "allocsh: cannot write '%s': %s\n", file, strerror(errno));
            return 1;
        }
    }
    return 0;
}

static bool unfinished(const gsuite *suite, const gsub *subs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < suite->n; t++)
            if (subs[i].results[t].status == G_NOT_RUN)
                return true;
    return false;
}

int grade_report(const options *opt, const gsuite *suite, const gsub *subs, size_t n)
{
    if (opt->json)
        print_json(suite, subs, n);
    else if (opt->grade_tap)
        tap(suite, subs, n);
    else
        table(suite, subs, n);
    /* Grades of a run that did not finish are not for students: a test
     * not run would read as a zero. */
    if (opt->gradescope && unfinished(suite, subs, n)) {
        fprintf(stderr, "allocsh: '%s' not written: the grading did not finish\n",
                opt->gradescope);
        return 1;
    }
    if (opt->gradescope && gradescope(opt->gradescope, suite, subs, n) != 0)
        return 1;
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < suite->n; t++)
            if (subs[i].results[t].status != G_PASS)
                return 1;
    return 0;
}
