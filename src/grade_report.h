/* grade_report.h - judging one test run, and printing the grades: a
 * table, JSON Lines, TAP, or Gradescope's results.json. */
#ifndef ALLOCSH_GRADE_REPORT_H
#define ALLOCSH_GRADE_REPORT_H

#include "grade.h"

/* Files the verdict on a child's run from its JSON output and its wait
 * status (-1: it could not be started). */
void grade_verdict(gresult *g, const gtest *t, const char *raw, int status);
void grade_compile_error(gresult *g, const gtest *t, const char *why);
/* Whether every submission has a Gradescope file of its own (only one
 * file is written for a single one); else why not, in err. */
int grade_gradescope_names(const gsub *subs, size_t n, char *err, size_t errlen);
/* A test that did not run, or was stopped, because the grading was. */
void grade_not_run(gresult *g, const char *why);
/* Prints every submission's grades as the options ask; the exit status. */
int grade_report(const options *opt, const gsuite *suite, const gsub *subs, size_t n);
const char *grade_status_name(gstatus s);

#endif
