#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults.sh - walks every failure point of the allocators' mmap() and
# malloc() calls (ALLOCSH_FAULT=mmap:N / malloc:N makes the N-th fail) over
# one script that maps, splits, coalesces, grows and resets, and over one
# that runs gen, replay and compare, whose scratch allocators fail too.
# At each point allocsh must report a clear error, stay consistent
# (--check), carry on with the next command, and leave no sanitizer
# report; a failure inside a scratch run must fail its command, never
# change its figures silently.  The walk goes on until the failure is no
# longer injected (ALLOCSH_FAULT_LOG says when it is), not only until a
# point shows no effect, and that run must equal a fault-free one.
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

# run KIND N SCRIPT: allocsh --check -c SCRIPT with the N-th call of KIND
# failing; rc, $tmp/out, $tmp/err, and injected (0 when the fault was).
run() {
  rm -f "$tmp/log"
  ALLOCSH_FAULT="$1:$2" ALLOCSH_FAULT_LOG="$tmp/log" ${VALGRIND:-} "$allocsh" \
    --check -c "$3" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ -s "$tmp/log" ]
  injected=$?
}

# The last point is past the last call: allocsh runs as without faults.
walk_done() {
  good=0
  cmp -s "$tmp/out" "$2" && [ ! -s "$tmp/err" ] || good=1
  ok $good "$1: no call $i; the walk is complete after $((i - 1)) points"
}

walk() {
  kind=$1
  i=1
  while [ $i -le 300 ]; do
    run "$kind" $i "$script"
    if [ $injected -ne 0 ]; then walk_done "$kind" "$tmp/base"; return; fi
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
  ok 1 "$kind: the walk did not end within 300 calls"
}

# gen, replay and compare on both allocators: a failure in a scratch
# allocator or session fails that command with one message (kind system),
# and every other command prints what it prints without faults.
traces="${top_srcdir:-.}/tests/traces"
scripts="${top_srcdir:-.}/scripts"
scratch="gen n=25 seed=9 size=8-1024; replay $traces/realloc.rep; compare $scripts/policies.txt
use ealloc; gen n=25 seed=9 size=256-4096; replay $traces/realloc.rep; compare $scripts/ealloc-growth.txt"
${VALGRIND:-} "$allocsh" --check -c "$scratch" > "$tmp/scratch-base" 2>&1
ok $? "the scratch commands run cleanly without faults"

walk_scratch() {
  kind=$1
  i=1
  while [ $i -le 300 ]; do
    run "$kind" $i "$scratch"
    if [ $injected -ne 0 ]; then walk_done "$kind (scratch)" "$tmp/scratch-base"; return; fi
    good=0
    [ $rc -eq 1 ] || good=1
    grep -q 'inconsistent\|Sanitizer\|runtime error' "$tmp/out" "$tmp/err" && good=1
    [ "$(wc -l < "$tmp/err")" -eq 1 ] || good=1
    grep -q '^allocsh: \(cannot set up\|-c:[0-9]: \(gen\|replay\|compare\): \)' "$tmp/err" || good=1
    ok $good "$kind call $i in scratch work fails: $(head -1 "$tmp/err")"
    i=$((i + 1))
  done
  ok 1 "$kind: the scratch walk did not end within 300 calls"
}

walk malloc
walk mmap
walk_scratch malloc
walk_scratch mmap

tap_done
