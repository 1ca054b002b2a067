/* json_out.h - one JSON object written as it is made, for the line per
 * command that --json prints.  Building a cJSON tree for each line,
 * printing it and freeing it was seven tenths of a command's cost; the
 * envelope and the block payloads are written here instead, and what is
 * still built as a cJSON object (maps, statistics, explanations) is
 * spliced in as members.  Strings come out as cJSON writes them. */
#ifndef ALLOCSH_JSON_OUT_H
#define ALLOCSH_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct cJSON;

typedef struct json_out {
    char *s;
    size_t n, cap;
    bool failed;    /* memory ran out: the line says so instead */
    bool members;   /* a member was written: the next needs a comma */
    bool high;      /* a byte past ASCII was written */
} json_out;

/* Starts an object in o, keeping o's buffer from the line before. */
void jo_begin(json_out *o);
void jo_string(json_out *o, const char *key, const char *value);
void jo_size(json_out *o, const char *key, size_t value);
void jo_bool(json_out *o, const char *key, bool value);
/* The members of obj, as cJSON prints them, after those written so far. */
void jo_members(json_out *o, const struct cJSON *obj);
/* Ends the object and prints it as one line (valid UTF-8: bytes that are
 * not become \ufffd). */
void jo_print_line(json_out *o, FILE *out);

#endif
