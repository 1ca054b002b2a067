/* impl_memo.h - which cached object a submission's source built to, found
 * again without running the preprocessor: the files the source read last
 * time (from the compiler's dependency output) are listed with their
 * size, time and inode, and while every one of them is unchanged, so is
 * the object.  A miss only costs the full build's key. */
#ifndef ALLOCSH_IMPL_MEMO_H
#define ALLOCSH_IMPL_MEMO_H

#include <stddef.h>
#include <stdint.h>

/* 1 with so filled when src (under the compile settings hashed in
 * context) built to so and nothing it read has changed since; else 0. */
int impl_memo_lookup(const char *cache, const char *src, uint64_t context,
                     char *so, size_t solen);
/* Remembers that src built to so, having read the files in depfile (make
 * syntax, as cc -MD writes it).  Best effort: a memo that cannot be
 * written is a later miss, nothing worse. */
void impl_memo_store(const char *cache, const char *src, uint64_t context,
                     const char *depfile, const char *so);

#endif
