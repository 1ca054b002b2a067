#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults.sh - walks every failure point of the allocators' mmap() and
# malloc() calls (ALLOCSH_FAULT=mmap:N / malloc:N makes the N-th fail) over
# one script that maps, splits, coalesces, grows and resets.  At each point
# allocsh must report a clear error, stay consistent (--check), carry on
# with the next command, and leave no sanitizer report; the walk ends at
# the first N past the last call, whose output equals a fault-free run.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"

script='alloc 8; alloc 16; alloc 24; free b; free a; free c; reset
use ealloc; alloc 4096; alloc 256; alloc 256; free b; free c; free a; reset
alloc 256; map json'

tap_diagnose() {
  sed 's/^/#   /' "$tmp/out" "$tmp/err" 2>/dev/null | head -20
}

${VALGRIND:-} "$allocsh" --check -c "$script" > "$tmp/base" 2>&1
ok $? "the script runs cleanly without faults"

walk() {
  kind=$1
  i=1
  while [ $i -le 200 ]; do
    ALLOCSH_FAULT="$kind:$i" ${VALGRIND:-} "$allocsh" --check -c "$script" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    if cmp -s "$tmp/out" "$tmp/base" && [ ! -s "$tmp/err" ]; then
      ok 0 "$kind: no call $i; the walk is complete after $((i - 1)) points"
      return
    fi
    good=0
    [ $rc -eq 1 ] || good=1                              # a failure, not a crash
    grep -q 'inconsistent\|Sanitizer\|runtime error' "$tmp/out" "$tmp/err" && good=1
    # One clear error for the fault; what follows may only be commands
    # that name a block the failed alloc never made.
    head -1 "$tmp/err" | grep -q '^allocsh: .*\(cannot allocate metadata\|cannot map a page\|cannot set up\)' || good=1
    sed 1d "$tmp/err" | grep -v "no block named" | grep -q . && good=1
    # Past a fault in setup, the last command still answers.
    if ! grep -q 'cannot set up' "$tmp/err"; then
      grep -q '^{"allocator":"ealloc"' "$tmp/out" || good=1
    fi
    ok $good "$kind call $i fails: $(head -1 "$tmp/err")"
    i=$((i + 1))
  done
  ok 1 "$kind: the walk did not end within 200 calls"
}

walk malloc
walk mmap

tap_done
