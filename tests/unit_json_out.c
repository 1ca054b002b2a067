/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unit_json_out.c - the JSON the shell writes without cJSON must be the
 * JSON cJSON would have written: every byte in a string value, numbers
 * both sides of 10^15 (where cJSON stops writing every digit), spliced
 * members, and a line that ran out of memory saying so. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "tap.h"

/* What jo_print_line printed, without its newline. */
static char *printed(json_out *o)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    jo_print_line(o, f);
    fclose(f);
    if (len && buf[len - 1] == '\n')
        buf[len - 1] = '\0';
    return buf;
}

/* cJSON's unformatted print of o, then deleted. */
static char *by_cjson(cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static void every_byte(void)
{
    int same = 1;
    json_out o = {0};
    for (int c = 1; c < 256; c++) {
        char v[4] = {'a', (char)c, 'z', '\0'};
        jo_begin(&o);
        jo_string(&o, "k", v);
        cJSON *want = cJSON_CreateObject();
        cJSON_AddStringToObject(want, "k", v);
        char *got = printed(&o), *exp = by_cjson(want);
        /* bytes past ASCII are left to utf8_put_json, which is not cJSON */
        if (c < 0x80 && strcmp(got, exp) != 0) {
            printf("#   byte %d: got %s, want %s\n", c, got, exp);
            same = 0;
        }
        free(got);
        free(exp);
    }
    TAP_OK(same, "every ASCII byte in a string is escaped as cJSON escapes it");
    free(o.s);
}

static void numbers_and_members(void)
{
    static const size_t values[] = {0, 7, 4096, 999999999999999u, 1000000000000000u,
                                    123456789012345678u, (size_t)-1};
    json_out o = {0};
    cJSON *want = cJSON_CreateObject();
    jo_begin(&o);
    jo_bool(&o, "ok", true);
    cJSON_AddBoolToObject(want, "ok", 1);
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        jo_size(&o, "n", values[i]);
        cJSON_AddNumberToObject(want, "n", (double)values[i]);
    }
    cJSON *tail = cJSON_CreateObject();
    cJSON_AddStringToObject(tail, "t", "x\"y");
    cJSON_AddArrayToObject(tail, "list");
    jo_members(&o, tail);
    cJSON_Delete(tail);
    cJSON_AddStringToObject(want, "t", "x\"y");
    cJSON_AddArrayToObject(want, "list");
    char *got = printed(&o), *exp = by_cjson(want);
    TAP_OK(strcmp(got, exp) == 0, "sizes, booleans and spliced members as cJSON prints them");
    if (strcmp(got, exp) != 0)
        printf("#   got  %s\n#   want %s\n", got, exp);
    free(got);
    free(exp);

    cJSON *empty = cJSON_CreateObject();
    jo_begin(&o);
    jo_members(&o, empty);
    jo_bool(&o, "ok", false);
    cJSON_Delete(empty);
    got = printed(&o);
    TAP_OK(strcmp(got, "{\"ok\":false}") == 0, "an empty object splices no comma: %s", got);
    free(got);
    free(o.s);
}

static void invalid_utf8_and_memory(void)
{
    json_out o = {0};
    jo_begin(&o);
    jo_string(&o, "k", "caf\xc3\xa9 \xff");
    char *got = printed(&o);
    TAP_OK(strcmp(got, "{\"k\":\"caf\xc3\xa9 \\ufffd\"}") == 0,
           "valid UTF-8 kept, a stray byte made \\ufffd: %s", got);
    free(got);

    jo_begin(&o);
    jo_string(&o, "k", "v");
    o.failed = true; /* as room() leaves it when realloc fails */
    got = printed(&o);
    TAP_OK(strstr(got, "\"error\":\"out of memory\"") != NULL,
           "a line that ran out of memory says so: %s", got);
    free(got);
    jo_begin(&o);
    jo_string(&o, "k", "v");
    got = printed(&o);
    TAP_OK(strcmp(got, "{\"k\":\"v\"}") == 0, "the next line starts afresh: %s", got);
    free(got);
    free(o.s);
}

/* Objects in arrays in objects, empty ones, and levels left open for
 * jo_finish to close, against the same tree printed by cJSON. */
static void nesting(void)
{
    json_out o = {0};
    jo_begin(&o);
    jo_string(&o, "a", "x");
    jo_array(&o, "pages");
    for (int i = 0; i < 2; i++) {
        jo_element_object(&o);
        jo_size(&o, "index", (size_t)i);
        jo_array(&o, "blocks");
        if (i == 1) {
            jo_element_object(&o);
            jo_size(&o, "offset", 8);
            jo_end(&o);
        }
        jo_end(&o);
        jo_end(&o);
    }
    jo_end(&o);
    jo_object(&o, "open");
    jo_array(&o, "left");
    char *got = strdup(jo_finish(&o));

    cJSON *want = cJSON_CreateObject();
    cJSON_AddStringToObject(want, "a", "x");
    cJSON *pages = cJSON_AddArrayToObject(want, "pages");
    for (int i = 0; i < 2; i++) {
        cJSON *pg = cJSON_CreateObject();
        cJSON_AddNumberToObject(pg, "index", i);
        cJSON *blocks = cJSON_AddArrayToObject(pg, "blocks");
        if (i == 1) {
            cJSON *b = cJSON_CreateObject();
            cJSON_AddNumberToObject(b, "offset", 8);
            cJSON_AddItemToArray(blocks, b);
        }
        cJSON_AddItemToArray(pages, pg);
    }
    cJSON_AddArrayToObject(cJSON_AddObjectToObject(want, "open"), "left");
    char *exp = by_cjson(want);
    TAP_OK(strcmp(got, exp) == 0, "nested objects and arrays as cJSON prints them");
    if (strcmp(got, exp) != 0)
        printf("#   got  %s\n#   want %s\n", got, exp);
    free(got);
    free(exp);
    free(o.s);
}

int main(void)
{
    nesting();
    every_byte();
    numbers_and_members();
    invalid_utf8_and_memory();
    return tap_done();
}
