/* json_out.c - JSON written straight into a buffer (json_out.h). */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "utf8.h"

bool jo_room(json_out *o, size_t len)
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
    if (o->n + len <= o->cap || jo_room(o, len)) {
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

/* A member whose value is a string, escaped as cJSON escapes it: quote,
 * backslash and the control characters, the named ones by name; other
 * bytes as they are.  Room for the worst case (\u00XX for every byte) is
 * made once, so the copy tests nothing else. */
void jo_string_q(json_out *o, const char *qkey, size_t qlen, const char *value)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = strlen(value);
    if (len > ((size_t)-1 - qlen - 16) / 6) {
        o->failed = true;
        return;
    }
    if (!jo_key_q(o, qkey, qlen, 6 * len + 2))
        return;
    char *p = o->s + o->n;
    *p++ = '"';
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)value[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            o->high |= c >= 0x80;
            *p++ = (char)c;
            continue;
        }
        char letter = escaped(c);
        *p++ = '\\';
        if (letter) {
            *p++ = letter;
            continue;
        }
        memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        p += 5;
    }
    *p++ = '"';
    o->n = (size_t)(p - o->s);
}

/* The comma before a member or element, when one came before it, and
 * the member's quoted key (qkey NULL: an element of an array). */
static void key(json_out *o, const char *qkey, size_t qlen)
{
    jo_key_q(o, qkey, qlen, 0);
}

/* Opens an object or array: closer is what ends it. */
static void open_nested(json_out *o, const char *qkey, size_t qlen, char opener,
                        char closer)
{
    key(o, qkey, qlen);
    if (o->depth + 1 >= JO_DEPTH) { /* deeper than any output of ours */
        o->failed = true;
        return;
    }
    put(o, &opener, 1);
    o->depth++;
    o->members[o->depth] = false;
    o->closer[o->depth] = closer;
}

void jo_object_q(json_out *o, const char *qkey, size_t qlen)
{
    open_nested(o, qkey, qlen, '{', '}');
}

void jo_array_q(json_out *o, const char *qkey, size_t qlen)
{
    open_nested(o, qkey, qlen, '[', ']');
}

void jo_end(json_out *o)
{
    if (o->depth == 0)
        return;
    put(o, &o->closer[o->depth], 1);
    o->depth--;
}

void jo_begin(json_out *o)
{
    o->n = 0;
    o->failed = false;
    o->high = false;
    o->depth = 0;
    o->members[0] = false;
    o->closer[0] = '}';
    put(o, "{", 1);
}

void jo_size_large(json_out *o, const char *qkey, size_t qlen, size_t value)
{
    /* From 10^15 on cJSON writes a double, no longer every digit. */
    cJSON *n = cJSON_CreateNumber((double)value);
    char *text = n ? cJSON_PrintUnformatted(n) : NULL;
    cJSON_Delete(n);
    if (!text) {
        o->failed = true;
        return;
    }
    key(o, qkey, qlen);
    put(o, text, strlen(text));
    free(text);
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
        if (o->members[o->depth])
            put(o, ",", 1);
        o->members[o->depth] = true;
        put(o, s + 1, len - 2);
    }
    free(s);
}

const char *jo_finish(json_out *o)
{
    while (o->depth > 0)
        jo_end(o);
    put(o, "}", 1);
    if (o->failed || !jo_room(o, 2))
        return NULL;
    o->s[o->n] = '\0';
    return o->s;
}

void jo_print_line(json_out *o, FILE *out)
{
    if (!jo_finish(o)) {
        fputs("{\"cmd\":\"\",\"ok\":false,\"error\":\"out of memory\","
              "\"kind\":\"system\"}\n", out);
        return;
    }
    /* Only a line holding a byte past ASCII can be invalid UTF-8. */
    if (!o->high) {
        o->s[o->n] = '\n';
        fwrite_unlocked(o->s, 1, o->n + 1, out); /* one thread: no lock */
        return;
    }
    utf8_put_json(o->s, out);
    fputc('\n', out);
}
