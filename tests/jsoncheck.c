/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jsoncheck.c - reads JSON Lines on standard input and checks that each
 * line is an object with a string "cmd" and a boolean "ok", as allocsh(1)
 * (JSON OUTPUT) promises graders.  Exit 0 when all are; else names the
 * first bad line.  With --gradescope, checks one results.json of
 * allocsh --grade instead. */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *why_bad(const char *line)
{
    cJSON *o = cJSON_Parse(line);
    const char *why = NULL;
    if (!o || !cJSON_IsObject(o))
        why = "not a JSON object";
    else if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "cmd")))
        why = "no string \"cmd\"";
    else if (!cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(o, "ok")))
        why = "no boolean \"ok\"";
    else if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "ok")) &&
             !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "error")))
        why = "a failure without a string \"error\"";
    cJSON_Delete(o);
    return why;
}

static bool is_number(const cJSON *o, const char *key)
{
    return cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* One test of Gradescope's results.json: a name, a score out of
 * max_score, an output text, and a status of passed or failed if any. */
static const char *gradescope_test(const cJSON *t)
{
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(t, "status");
    if (!cJSON_IsObject(t))
        return "a test that is not an object";
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(t, "name")))
        return "a test without a string \"name\"";
    if (!is_number(t, "score") || !is_number(t, "max_score"))
        return "a test without numbers \"score\" and \"max_score\"";
    if (cJSON_GetObjectItemCaseSensitive(t, "score")->valuedouble >
        cJSON_GetObjectItemCaseSensitive(t, "max_score")->valuedouble)
        return "a test scored over its max_score";
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(t, "output")))
        return "a test without a string \"output\"";
    if (status && (!cJSON_IsString(status) || (strcmp(status->valuestring, "passed") &&
                                               strcmp(status->valuestring, "failed"))))
        return "a test whose \"status\" is neither passed nor failed";
    return NULL;
}

/* --gradescope: standard input is one results.json: a number "score" and
 * an array "tests" whose scores add up to it. */
static int gradescope(void)
{
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, stdin);
    cJSON *o = cJSON_ParseWithLength(buf, len);
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(o, "tests"), *t;
    const char *why = !o ? "not JSON" : !is_number(o, "score") ? "no number \"score\""
                      : !cJSON_IsArray(tests) ? "no array \"tests\"" : NULL;
    double sum = 0;
    cJSON_ArrayForEach(t, tests) {
        if (!why && (why = gradescope_test(t)) == NULL)
            sum += cJSON_GetObjectItemCaseSensitive(t, "score")->valuedouble;
    }
    if (!why && sum != cJSON_GetObjectItemCaseSensitive(o, "score")->valuedouble)
        why = "the tests' scores do not add up to \"score\"";
    if (why)
        printf("results.json: %s\n", why);
    cJSON_Delete(o);
    return why ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--gradescope") == 0)
        return gradescope();
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long n = 0;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        n++;
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = '\0';
        const char *why = why_bad(line);
        if (why) {
            printf("line %lu: %s: %.200s\n", n, why, line);
            free(line);
            return 1;
        }
    }
    free(line);
    return 0;
}
