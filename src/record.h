/* record.h - the self-contained HTML page of a recorded script: its steps
 * as data, and the page's own CSS and JavaScript that draw them. */
#ifndef ALLOCSH_RECORD_H
#define ALLOCSH_RECORD_H

#include <stddef.h>

/* Writes the page to path, with steps (a JSON object, as cmd_record.c
 * makes it) embedded as its data: 0, or -1 with the reason in err. */
int record_write_page(const char *path, const char *steps, char *err, size_t errlen);

#endif
