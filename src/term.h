/* term.h - what the terminal offers: width and colour. */
#ifndef ALLOCSH_TERM_H
#define ALLOCSH_TERM_H

#include <stdbool.h>
#include <stdio.h>

/* The width of the terminal on f, or 80 when f is not a terminal, so that
 * piped output never depends on the window; ALLOCSH_COLUMNS overrides
 * both.  Never less than 40. */
int term_width(FILE *f);
/* Whether to colour f under mode auto: a terminal, and NO_COLOR unset. */
bool term_wants_color(FILE *f);

/* Escape sequences ("" when colour is off). */
const char *term_block(bool on, unsigned k); /* k-th block's colour */
/* The same colour as "#rrggbb", for pictures (render_svg.c). */
const char *term_block_rgb(unsigned k);
const char *term_dim(bool on);
const char *term_bold(bool on);
const char *term_reset(bool on);

#endif
