/* words.h - splitting a command line into words. */
#ifndef ALLOCSH_WORDS_H
#define ALLOCSH_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* A line this long or shorter splits into the struct itself: a script
 * runs one split per line, and two mallocs and two frees were a fifth of
 * a command's cost.  Such a struct must not be copied while in use. */
#define WORDS_INLINE 63

typedef struct words {
    size_t n;
    char **w;              /* n words */
    char *buf;             /* the words' storage: inline_buf, or owned */
    char *inline_w[(WORDS_INLINE + 1) / 2 + 1];
    char inline_buf[WORDS_INLINE + 1];
} words;

/* Splits line at spaces and tabs; '...' and "..." group a word, and inside
 * double quotes \" \\ \n \t are escapes.  A '#' at the start of a word
 * begins a comment.  Returns 0, or -1 with a message in err. */
int words_split(const char *line, words *out, char *err, size_t errlen);
void words_free(words *ws);
/* Strips the line ending (\n, \r\n) of a line getline() read, len bytes
 * long; false when the line holds a NUL byte (it cannot be a command). */
bool words_clean_line(char *line, long len);

/* The length of the plain run at s: the bytes before its end, a blank
 * or a quote. */
size_t words_plain_length(const char *s);

/* The length of the first command of s: up to a ';' or newline outside
 * quotes and comments, by the same rules as words_split. */
size_t words_command_length(const char *s);

/* Words from..n-1 joined by single spaces, in a new string (NULL: no memory). */
char *words_join(const words *ws, size_t from);

#endif
