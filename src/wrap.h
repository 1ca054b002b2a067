/* wrap.h - running text broken at word boundaries to fit the terminal. */
#ifndef ALLOCSH_WRAP_H
#define ALLOCSH_WRAP_H

#include <stdio.h>

/* Prints text to out with each of its lines broken at spaces so that none
 * is wider than width columns (a longer word stays whole).  A broken line
 * continues under its second column when it is indented and set out in
 * two (separated by two or more spaces), else under its own indentation
 * plus hang. */
void wrap_print(FILE *out, const char *text, int width, int hang);

/* A space that wrap_print prints but never breaks at: glue between a
 * number and the word it goes with. */
#define WRAP_GLUE "\037"


#endif
