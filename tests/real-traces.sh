#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# real-traces.sh - replay of the public malloc-lab traces, when they are
# at hand (ALLOCSH_TRACES, or ../shared/traces beside the source tree; a
# tarball's make distcheck has none, and skips): the traces of real
# programs that free -1 (the NULL of a failed request) replay, and a
# trace that mostly fails says so first, with the page limit that lets it
# fit, and that limit does.
set -u

: "${top_builddir:=.}" "${top_srcdir:=.}"
allocsh="$(cd "$top_builddir" && pwd)/src/allocsh"
traces="${ALLOCSH_TRACES:-$top_srcdir/../shared/traces}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top_srcdir/tests/tap.sh"
tap_diagnose() { sed 's/^/#   /' "$tmp/out" "$tmp/err" 2>/dev/null | head -10; }

if [ ! -f "$traces/amptjp.rep" ]; then
  echo "1..0 # SKIP no public traces in $traces"
  exit 0
fi

# Traces that free -1: each replays (exit 0), on both allocators.
for name in bash firefox perl; do
  t="$traces/$name.rep"
  if [ ! -f "$t" ] || ! grep -q '^f -1' "$t"; then
    skip "$name.rep frees -1" "not among the traces, or no 'f -1' in it"
    continue
  fi
  ${VALGRIND:-} "$allocsh" -a ealloc -m 100000 -c "replay $t" > "$tmp/out" 2> "$tmp/err"
  rc=$?
  [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q '0 bad ids' "$tmp/out"
  ok $? "$name.rep, with its 'f -1', replays: no error, no bad id"
done

# amptjp.rep on alloc: 2844 of its 2847 requests fail.  That comes first,
# before the utilization, in text and JSON, with the limit that fits it.
t="$traces/amptjp.rep"
${VALGRIND:-} "$allocsh" -c "replay $t" > "$tmp/out" 2> "$tmp/err"
sed -n 2p "$tmp/out" | grep -q '^  2844 of 2847 allocation requests failed (99\.9%)$'
ok $? "amptjp.rep on alloc: the failure share is the first figure"
pages=$(sed -n 's/^  it fits on ealloc with \([0-9]*\) pages: -a ealloc -m \1, .*/\1/p' "$tmp/out")
[ -n "$pages" ]
ok $? "amptjp.rep on alloc: it says which page limit lets it fit (${pages:-none})"
${VALGRIND:-} "$allocsh" --json -c "replay $t" > "$tmp/out" 2> "$tmp/err"
grep -q '^{"cmd":"replay","ok":true,"trace":"[^"]*","failed_share":0\.99[0-9]*,"failed_requests":2844,"requests":2847,"fit_with":{"allocator":"ealloc","max_pages":'"${pages:-0}"'},"never_fit":17,' "$tmp/out"
ok $? "amptjp.rep on alloc: JSON gives the share and the fit first"
if [ -n "$pages" ]; then
  ${VALGRIND:-} "$allocsh" -a ealloc -m "$pages" -c "replay $t" > "$tmp/out" 2> "$tmp/err"
  grep -q ' 0 out of memory,' "$tmp/out"
  ok $? "amptjp.rep with -a ealloc -m $pages: no request finds no room"
  ${VALGRIND:-} "$allocsh" -a ealloc -m $((pages - 1)) -c "replay $t" > "$tmp/out" 2> "$tmp/err"
  ! grep -q ' 0 out of memory,' "$tmp/out"
  ok $? "amptjp.rep with -m $((pages - 1)): one page fewer is not enough"
else
  skip "amptjp.rep with the page limit given" "no limit was given"
  skip "amptjp.rep with one page fewer" "no limit was given"
fi

tap_done
