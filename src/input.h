/* SPDX-License-Identifier: GPL-3.0-or-later */
/* input.h - reading the lines of scripts and traces: each line at most
 * INPUT_LINE_MAX bytes, so that no input (/dev/zero, say) can take all
 * memory; a UTF-8 byte-order mark before the first line dropped; and
 * every way a read can fail told apart from the end of the file. */
#ifndef ALLOCSH_INPUT_H
#define ALLOCSH_INPUT_H

#include <stddef.h>
#include <stdio.h>

/* The longest line, in bytes, its line ending (LF or CR LF) not counted. */
#define INPUT_LINE_MAX 65536

typedef enum {
    INPUT_LINE,        /* a line is in buf */
    INPUT_END,         /* the end of the file */
    INPUT_TOO_LONG,    /* line `line` is longer than INPUT_LINE_MAX */
    INPUT_ERROR,       /* the read failed (out of memory too): errno in err */
    INPUT_INTERRUPTED  /* Ctrl-C broke off a read that was waiting */
} input_status;

typedef struct input {
    FILE *f;
    char *buf;          /* the line, its ending removed, then a NUL */
    size_t len;         /* its length: a NUL byte inside makes strlen less */
    size_t cap;
    unsigned long line; /* the number of the line read, or being read */
    int err;
} input;

void input_init(input *in, FILE *f);
input_status input_next(input *in);
/* Frees the buffer; the file stays open. */
void input_free(input *in);
/* Why reading stopped, for a status other than INPUT_LINE and INPUT_END:
 * "line longer than ..." or the system's reason. */
const char *input_why(const input *in, input_status st, char *buf, size_t len);

#endif
