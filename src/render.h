/* render.h - printing results: as text for people, as JSON for programs.
 * Each command renders its own payload (commands.h); these are the
 * pieces they share and the choice between the modes. */
#ifndef ALLOCSH_RENDER_H
#define ALLOCSH_RENDER_H

#include <stdio.h>

#include "result.h"
#include "shell.h"

struct cJSON;

/* Prints r in the session's output mode; input is the line as typed. */
void render(shell *sh, const result *r, const char *input);

void render_text_error(const shell *sh, const result *r);
void render_text_warning(const shell *sh, const result *r);
void render_json(const shell *sh, const result *r, const char *input);
/* Prints o as one line of JSON and deletes it (NULL: out of memory). */
void render_json_print(struct cJSON *o);
/* Quiz mode: prints r as a numbered question (or its answer) when it is
 * one, and says whether it was; after is the layout the command left. */
bool render_quiz(shell *sh, const result *r, const char *input, const layout *after);
/* Quiz mode: whether r failed as the answer to its question (an
 * allocation that finds no room), which is no failure of the run. */
bool render_quiz_answered(const shell *sh, const result *r);

/* "N expectations passed, M failed", when the run had any. */
void render_expect_summary(shell *sh);
void render_json_expectations(unsigned long passed, unsigned long failed);

/* The layout diagram (render_map.c) and the layout as one JSON object
 * (render_layout.c), both from a snapshot. */
void render_map(const shell *sh, const layout *lay, FILE *out);
struct json_out;
void render_layout_write(const shell *sh, const layout *lay, struct json_out *o);
/* The same object as text (malloc'd) and as a cJSON tree; NULL when
 * memory runs out. */
char *render_layout_text(const shell *sh, const layout *lay);
struct cJSON *render_layout_json(const shell *sh, const layout *lay);

/* Text pieces: "N bytes at page P, offset O", and bytes with control
 * characters escaped. */
void render_where(const shell *sh, const block_payload *b, FILE *out);
/* The same written at p (WHERE_MAX bytes at most); returns its end. */
#define WHERE_MAX 128
char *render_where_to(const shell *sh, const block_payload *b, char *p);
/* The free list in its order, malloc.py's way (render_free.c). */
void render_free_list_text(const shell *sh, FILE *out);
void json_add_free_list(const shell *sh, struct cJSON *o);
/* "100 bytes at 1000, best fit, address order, coalescing off" */
void render_heap_settings(const arena_view *v, FILE *out);
void render_escaped(const char *s, size_t len, FILE *out);
/* The same, but a backslash as is: for messages, which quote user input
 * that must not reach a terminal as control characters. */
void render_controls(const char *s, size_t len, FILE *out);

/* JSON pieces.  json_add_size keeps key without a copy: a literal. */
void json_add_size(struct cJSON *o, const char *key, size_t v);
void json_add_address(struct cJSON *o, const char *key, const void *p);
struct json_out;
void json_out_block(const shell *sh, struct json_out *o, const block_payload *b);
/* "address": "0x..." (--addresses). */
void json_out_address(struct json_out *o, const void *p);
struct lines;
void json_add_lines(struct cJSON *o, const char *key, const struct lines *l);

/* External fragmentation: 1 - largest extent / free bytes (0 when none free). */
double fragmentation(const pa_stats *st);
/* Peak payload over peak mapped bytes (0 when nothing was mapped). */
double utilization(size_t payload, size_t mapped);
/* "s" unless n is 1, for counts in running text. */
const char *plural(unsigned long long n);

#endif
