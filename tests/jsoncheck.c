/* SPDX-License-Identifier: GPL-3.0-or-later */
/* jsoncheck.c - reads JSON Lines on standard input and checks that each
 * line is an object with a string "cmd" and a boolean "ok", as allocsh(1)
 * (JSON OUTPUT) promises graders.  Exit 0 when all are; else names the
 * first bad line. */
#include <cjson/cJSON.h>
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

int main(void)
{
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
