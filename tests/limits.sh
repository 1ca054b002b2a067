#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# limits.sh - the shell's own cost on large arenas: --check costs time
# linear in the blocks per command (not a comparison of every name with
# every other), and Ctrl-C stops long work (gen, replay, compare on an
# ealloc of a billion pages) at once, however slow each operation of the
# allocator has become.  The allocator's own scaling is not measured.
set -u

: "${top_builddir:=.}"
allocsh="$(cd "$top_builddir" && pwd)/src/allocsh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "${top_srcdir:-.}/tests/tap.sh"
tap_diagnose() { sed 's/^/#   /' "$tmp/err" 2>/dev/null | head -5; }

ms() { date +%s%3N; }

# --- --check with 4000 blocks --------------------------------------------------
# Without --check the script takes the allocator's time; with it, no more
# than a few times that (today: a hundred times, seconds of it).
{ echo "use ealloc"; echo "set max-pages 1000"
  i=0; while [ $i -lt 4000 ]; do echo "alloc 256"; i=$((i + 1)); done
  echo "expect blocks 4000"; } > "$tmp/blocks"
t0=$(ms); ${VALGRIND:-} "$allocsh" "$tmp/blocks" > /dev/null 2> "$tmp/err"; t1=$(ms)
${VALGRIND:-} "$allocsh" --check "$tmp/blocks" > "$tmp/out" 2> "$tmp/err"
rc=$?
t2=$(ms)
plain=$((t1 - t0)) checked=$((t2 - t1))
[ $rc -eq 0 ] && [ "$(tail -n 1 "$tmp/out")" = "1 expectation passed, 0 failed" ]
ok $? "--check with 4000 blocks: every check passes"
# A time is reported, never asserted: the machines are shared and noisy.
echo "# --check with 4000 blocks: ${checked} ms, against ${plain} ms without"

# --- Ctrl-C in long work -----------------------------------------------------------
# A background job ignores SIGINT (and allocsh keeps it so); env gives it
# back its default, for allocsh to catch.
if ! env --default-signal=INT true 2> /dev/null; then
  for w in gen replay compare; do
    skip "Ctrl-C stops $w" "env has no --default-signal"
  done
  tap_done
  exit
fi
if [ -n "${VALGRIND:-}" ]; then
  for w in gen replay compare; do skip "Ctrl-C stops $w" "timing under valgrind"; done
  tap_done
  exit
fi

# interrupt NAME COMMANDS: runs allocsh -c COMMANDS, sends SIGINT after two
# seconds, and wants exit status 130 and one message.  Without the polling
# each would run for minutes; the 20 s bound only keeps a hang from
# stalling the suite, and the time it took is reported, not asserted.
interrupt() {
  env --default-signal=INT "$allocsh" -c "$2" > /dev/null 2> "$tmp/err" &
  pid=$!
  sleep 2
  t0=$(ms)
  kill -INT $pid 2> /dev/null
  i=0
  while kill -0 $pid 2> /dev/null && [ $i -lt 2000 ]; do sleep 0.01; i=$((i + 1)); done
  t1=$(ms)
  kill -KILL $pid 2> /dev/null
  wait $pid
  rc=$?
  echo "# Ctrl-C stopped $1 in $((t1 - t0)) ms"
  [ $rc -eq 130 ] && grep -q '^allocsh: interrupted$' "$tmp/err"
  ok $? "Ctrl-C stops $1 (exit $rc)"
}

big='use ealloc; set max-pages 1000000000'
# One gen may end before the signal on a fast allocator: many in a row
# cannot, and Ctrl-C must stop the one it falls in.
gens=$(i=0; while [ $i -lt 200 ]; do printf '; gen n=100000 size=4096-4096 alloc=100'; i=$((i + 1)); done)
interrupt "gen n=100000 size=4096-4096 alloc=100, 200 times" "$big$gens"

awk 'BEGIN { print 409600000; print 100000; print 100000; print 1
             for (i = 0; i < 100000; i++) print "a", i, 4096 }' > "$tmp/trace"
replays=$(i=0; while [ $i -lt 200 ]; do printf '; replay %s' "$tmp/trace"; i=$((i + 1)); done)
interrupt "a replay of 100000 allocations of a page, 200 times" "$big$replays"

awk 'BEGIN { for (i = 0; i < 100000; i++) print "alloc 4096" }' > "$tmp/script"
compares=$(i=0; while [ $i -lt 200 ]; do printf '; compare %s' "$tmp/script"; i=$((i + 1)); done)
interrupt "a compare of 100000 allocations of a page, 200 times" "$big$compares"

tap_done
