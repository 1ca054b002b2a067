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

/* Objects and arrays nest this deep at most (a map: line, map, pages,
 * a page, its blocks, a block). */
#define JO_DEPTH 8

typedef struct json_out {
    char *s;
    size_t n, cap;
    bool failed;    /* memory ran out: the line says so instead */
    bool high;      /* a byte past ASCII was written */
    int depth;      /* 0: the line's own object */
    bool members[JO_DEPTH]; /* a member was written there: the next needs a comma */
    char closer[JO_DEPTH];
} json_out;

/* Starts an object in o, keeping o's buffer from the line before. */
void jo_begin(json_out *o);

/* Members.  KEY must be a string literal: its quoted form "KEY": and
 * length are made at compile time, where copying it byte by byte at run
 * time was a sixth of a line's cost. */
#define JO_KEY(key) ("\"" key "\":"), (sizeof(key) + 2)
#define jo_string(o, key, value) jo_string_q((o), JO_KEY(key), (value))
#define jo_size(o, key, value) jo_size_q((o), JO_KEY(key), (value))
#define jo_bool(o, key, value) jo_bool_q((o), JO_KEY(key), (value))
/* An object or array as the member KEY, or as the next element of the
 * array open (jo_element_*); jo_end closes it. */
#define jo_object(o, key) jo_object_q((o), JO_KEY(key))
#define jo_array(o, key) jo_array_q((o), JO_KEY(key))
#define jo_element_object(o) jo_object_q((o), NULL, 0)
void jo_end(json_out *o);

/* The functions behind them: qkey is "KEY": (qlen bytes), or NULL for an
 * element of an array. */
void jo_string_q(json_out *o, const char *qkey, size_t qlen, const char *value);
void jo_size_q(json_out *o, const char *qkey, size_t qlen, size_t value);
void jo_bool_q(json_out *o, const char *qkey, size_t qlen, bool value);
void jo_object_q(json_out *o, const char *qkey, size_t qlen);
void jo_array_q(json_out *o, const char *qkey, size_t qlen);

/* The members of obj, as cJSON prints them, after those written so far. */
void jo_members(json_out *o, const struct cJSON *obj);
/* Closes what is open and returns the text (o's, NUL-terminated), or
 * NULL when memory ran out. */
const char *jo_finish(json_out *o);
/* Ends the object and prints it as one line (valid UTF-8: bytes that are
 * not become \ufffd). */
void jo_print_line(json_out *o, FILE *out);

#endif
