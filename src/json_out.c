/* json_out.c - JSON written straight into a buffer (json_out.h). */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "numbers.h"
#include "utf8.h"

/* Room for len more bytes; false (and failed) when memory runs out. */
static bool room(json_out *o, size_t len)
{
    if (o->failed)
        return false;
    if (o->n + len <= o->cap)
        return true;
    size_t cap = o->cap ? o->cap : 256;
    while (cap < o->n + len)
        cap *= 2;
    char *s = realloc(o->s, cap);
    if (!s) {
        o->failed = true;
        return false;
    }
    o->s = s;
    o->cap = cap;
    return true;
}

static inline void put(json_out *o, const char *s, size_t len)
{
    if (o->n + len <= o->cap || room(o, len)) {
        memcpy(o->s + o->n, s, len);
        o->n += len;
    }
}

/* The letter after the backslash for c, or 0 for a \u escape. */
static char escaped(unsigned char c)
{
    switch (c) {
    case '"': return '"';
    case '\\': return '\\';
    case '\b': return 'b';
    case '\f': return 'f';
    case '\n': return 'n';
    case '\r': return 'r';
    case '\t': return 't';
    default: return 0;
    }
}

/* A quoted string, escaped as cJSON escapes it: quote, backslash and the
 * control characters, the named ones by name; other bytes as they are. */
static void quoted(json_out *o, const char *s)
{
    put(o, "\"", 1);
    for (const char *run = s;; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80)
            o->high = true;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        put(o, run, (size_t)(s - run));
        if (c == '\0')
            break;
        char esc[8], letter = escaped(c);
        if (letter)
            snprintf(esc, sizeof esc, "\\%c", letter);
        else
            snprintf(esc, sizeof esc, "\\u%04x", c);
        put(o, esc, strlen(esc));
        run = s + 1;
    }
    put(o, "\"", 1);
}

/* Keys are literals of this program, none with anything to escape. */
static void key(json_out *o, const char *k)
{
    size_t len = strlen(k);
    if (!room(o, len + 4))
        return;
    if (o->members)
        o->s[o->n++] = ',';
    o->members = true;
    o->s[o->n++] = '"';
    memcpy(o->s + o->n, k, len);
    o->n += len;
    o->s[o->n++] = '"';
    o->s[o->n++] = ':';
}

void jo_begin(json_out *o)
{
    o->n = 0;
    o->failed = false;
    o->members = false;
    o->high = false;
    put(o, "{", 1);
}

void jo_string(json_out *o, const char *k, const char *value)
{
    key(o, k);
    quoted(o, value);
}

void jo_size(json_out *o, const char *k, size_t value)
{
    char buf[SIZE_DIGITS];
    /* From 10^15 on cJSON writes a double, no longer every digit: that is
     * left to it, as before. */
    if (value >= 1000000000000000u) {
        cJSON *t = cJSON_CreateObject();
        if (!t || !cJSON_AddNumberToObject(t, k, (double)value))
            o->failed = true;
        else
            jo_members(o, t);
        cJSON_Delete(t);
        return;
    }
    key(o, k);
    const char *d = size_digits(value, buf);
    put(o, d, (size_t)(buf + SIZE_DIGITS - 1 - d));
}

void jo_bool(json_out *o, const char *k, bool value)
{
    key(o, k);
    put(o, value ? "true" : "false", value ? 4 : 5);
}

void jo_members(json_out *o, const cJSON *obj)
{
    char *s = cJSON_PrintUnformatted(obj);
    if (!s) {
        o->failed = true;
        return;
    }
    size_t len = strlen(s);
    for (size_t i = 0; i < len && !o->high; i++)
        o->high = (unsigned char)s[i] >= 0x80;
    if (len > 2) { /* "{}" has none */
        if (o->members)
            put(o, ",", 1);
        o->members = true;
        put(o, s + 1, len - 2);
    }
    free(s);
}

void jo_print_line(json_out *o, FILE *out)
{
    put(o, "}", 1);
    if (o->failed || !room(o, 1)) {
        fputs("{\"cmd\":\"\",\"ok\":false,\"error\":\"out of memory\","
              "\"kind\":\"system\"}\n", out);
        return;
    }
    /* Only a line holding a byte past ASCII can be invalid UTF-8. */
    o->s[o->n++] = '\n';
    if (!o->high) {
        fwrite(o->s, 1, o->n, out);
        return;
    }
    o->s[o->n - 1] = '\0';
    utf8_put_json(o->s, out);
    fputc('\n', out);
}
