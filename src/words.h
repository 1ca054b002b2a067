/* words.h - splitting a command line into words. */
#ifndef ALLOCSH_WORDS_H
#define ALLOCSH_WORDS_H

#include <stddef.h>

typedef struct words {
    size_t n;
    char **w;              /* n words */
    char *buf;             /* owns the words' storage */
} words;

/* Splits line at spaces and tabs; '...' and "..." group a word, and inside
 * double quotes \" \\ \n \t are escapes.  A '#' at the start of a word
 * begins a comment.  Returns 0, or -1 with a message in err. */
int words_split(const char *line, words *out, char *err, size_t errlen);
void words_free(words *ws);
/* Words from..n-1 joined by single spaces, in a new string (NULL: no memory). */
char *words_join(const words *ws, size_t from);

#endif
