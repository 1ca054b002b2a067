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
#include <string.h>

#include "numbers.h"

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
 * element of an array.  The common ones are inline, so that a literal
 * key's copy and a number's digits are a few moves, not calls. */
void jo_string_q(json_out *o, const char *qkey, size_t qlen, const char *value);
void jo_object_q(json_out *o, const char *qkey, size_t qlen);
void jo_array_q(json_out *o, const char *qkey, size_t qlen);
/* Room for len more bytes; false (and o failed) when memory ran out. */
bool jo_room(json_out *o, size_t len);
/* A size of 10^15 or more, written as cJSON writes a double. */
void jo_size_large(json_out *o, const char *qkey, size_t qlen, size_t value);

/* The comma when a member came before, and the key; with room for
 * value_max bytes after it.  False when memory ran out. */
static inline bool jo_key_q(json_out *o, const char *qkey, size_t qlen, size_t value_max)
{
    if (o->n + qlen + 1 + value_max > o->cap && !jo_room(o, qlen + 1 + value_max))
        return false;
    if (o->members[o->depth])
        o->s[o->n++] = ',';
    o->members[o->depth] = true;
    if (qkey) {
        memcpy(o->s + o->n, qkey, qlen);
        o->n += qlen;
    }
    return true;
}

static inline void jo_size_q(json_out *o, const char *qkey, size_t qlen, size_t value)
{
    if (value >= 1000000000000000u) {
        jo_size_large(o, qkey, qlen, value);
        return;
    }
    if (jo_key_q(o, qkey, qlen, SIZE_DIGITS))
        o->n = (size_t)(append_size(o->s + o->n, value) - o->s);
}

static inline void jo_bool_q(json_out *o, const char *qkey, size_t qlen, bool value)
{
    if (jo_key_q(o, qkey, qlen, 5)) {
        memcpy(o->s + o->n, value ? "true" : "false", value ? 4 : 5);
        o->n += value ? 4 : 5;
    }
}

/* The members of obj, as cJSON prints them, after those written so far. */
void jo_members(json_out *o, const struct cJSON *obj);
/* Closes what is open and returns the text (o's, NUL-terminated), or
 * NULL when memory ran out. */
const char *jo_finish(json_out *o);
/* Ends the object and prints it as one line (valid UTF-8: bytes that are
 * not become \ufffd). */
void jo_print_line(json_out *o, FILE *out);

#endif
