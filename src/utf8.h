/* utf8.h - keeping JSON output valid when user input is not UTF-8. */
#ifndef ALLOCSH_UTF8_H
#define ALLOCSH_UTF8_H

#include <stddef.h>
#include <stdio.h>

/* The length of the valid UTF-8 sequence at s (of at most n bytes), or 0
 * when the bytes there are not one. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

/* Writes s to f with every byte that is not part of valid UTF-8 replaced by
 * the escape \ufffd.  Only for text where every such byte sits inside a
 * JSON string (cJSON's output: its structure is ASCII). */
void utf8_put_json(const char *s, FILE *f);

#endif
