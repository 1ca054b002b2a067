/* render.h - printing results: as text for people, as JSON for programs. */
#ifndef ALLOCSH_RENDER_H
#define ALLOCSH_RENDER_H

#include <stdio.h>

#include "result.h"
#include "shell.h"

/* Prints r in the session's output mode; input is the line as typed. */
void render(shell *sh, const result *r, const char *input);

void render_text(shell *sh, const result *r);
void render_text_error(shell *sh, const result *r);
void render_text_explanation(shell *sh, const result *r);
void render_json(shell *sh, const result *r, const char *input);
/* Quiz mode: prints r as a numbered question (or its answer) when it is
 * one, and says whether it was. */
bool render_quiz(shell *sh, const result *r, const char *input);

/* "N expectations passed, M failed", when the run had any. */
void render_expect_summary(shell *sh);
void render_json_expectations(unsigned long passed, unsigned long failed);

/* The layout diagram of the current allocator (render_map.c). */
void render_map(shell *sh, FILE *out);

/* Every page, block and free extent of a side, collected by a walk. */
typedef struct layout {
    pa_item *items;
    size_t n, cap;
} layout;
int layout_collect(const side *sd, layout *lay);
void layout_free(layout *lay);
/* External fragmentation: 1 - largest extent / free bytes (0 when none free). */
double fragmentation(const pa_stats *st);
/* Peak payload over peak mapped bytes (0 when nothing was mapped). */
double utilization(size_t payload, size_t mapped);
/* "s" unless n is 1, for counts in running text. */
const char *plural(unsigned long long n);

#endif
