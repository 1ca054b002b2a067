/* faults.h - test-only fault injection: ALLOCSH_FAULT=mmap:N or malloc:N
 * makes the N-th page mapping or metadata allocation of the allocators
 * fail, once, so that tests can walk every failure point. */
#ifndef ALLOCSH_FAULTS_H
#define ALLOCSH_FAULTS_H

#include "pagealloc.h"

/* The hooks to give the arenas: NULL when ALLOCSH_FAULT is unset.
 * Returns -1 (with a message in err) when it is set but malformed. */
int faults_from_env(const pa_sys **sys, char *err, size_t errlen);

#endif
