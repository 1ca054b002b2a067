/* grade.h - allocsh --grade: submissions against a suite (grade.c runs
 * them, grade_report.c judges each run and prints the results). */
#ifndef ALLOCSH_GRADE_H
#define ALLOCSH_GRADE_H

#include <stdbool.h>
#include <stddef.h>

#include "impl_build.h"
#include "shell.h"

/* One test: a scenario file of the suite. */
typedef struct gtest {
    char path[4400];
    char name[256];     /* the file's name less .txt */
    char title[160];    /* "# test: ..." */
    unsigned points;    /* "# points: N", default 1 */
} gtest;

typedef struct gsuite {
    gtest *tests;
    size_t n;
} gsuite;

typedef enum {
    G_PASS, G_FAIL, G_CRASH, G_TIMEOUT, G_FORBIDDEN, G_COMPILE, G_ERROR,
    G_NOT_RUN /* the grading was stopped before (or while) it ran */
} gstatus;

typedef struct gresult {
    gstatus status;
    unsigned score;
    char *output;       /* what a student reads about the run */
} gresult;

/* One submission and its results, a test each. */
typedef struct gsub {
    const char *path;
    impl_objects *objs;
    bool broken;        /* it does not build: every test is G_COMPILE */
    char *why;          /* the build's message */
    gresult *results;
    size_t ntests;
} gsub;

/* Grades opt->scripts (the submissions) against the suite; returns the
 * exit status: 0 every test of every submission passed, 1 not, 2 usage. */
int grade_run(const options *opt);

#endif
