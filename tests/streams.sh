#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# streams.sh - allocsh and its output streams: a reader that goes away
# (allocsh ... | head -1) ends it quietly; a write that fails (a full
# disk, a closed descriptor) is reported once and gives exit status 1.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
tap_diagnose() {
  sed 's/^/#   /' "$tmp/err" 2>/dev/null | head -5
}

# Enough output to outlast any pipe buffer.
i=0
while [ $i -lt 3000 ]; do echo "help"; i=$((i + 1)); done > "$tmp/long.txt"

"$allocsh" "$tmp/long.txt" 2> "$tmp/err" | head -1 > "$tmp/out"
[ "$(cat "$tmp/out")" = "commands:" ] && [ ! -s "$tmp/err" ]
ok $? "a closed pipe ends allocsh without a word on stderr"

"$allocsh" -c help > /dev/full 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
  grep -q '^allocsh: cannot write to standard output: No space left on device$' "$tmp/err"
ok $? "a full disk is reported once, exit 1 (got $rc)"

"$allocsh" "$tmp/long.txt" > /dev/full 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ]
ok $? "a long run into a full disk stops and says so once (exit $rc)"

"$allocsh" -c help >&- 2> "$tmp/err"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] &&
  grep -q '^allocsh: cannot write to standard output: Bad file descriptor$' "$tmp/err"
ok $? "a closed standard output is reported once, exit 1 (got $rc)"

echo 'source /dev/null' > "$tmp/s.txt"
"$allocsh" "$tmp/s.txt" >&- 2> "$tmp/err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]
ok $? "with standard output closed, a script that prints nothing succeeds"

"$allocsh" -c 'alloc 8; list' < /dev/null > "$tmp/out" 2>&1 <&-
[ "$(head -1 "$tmp/out")" = "a: 8 bytes at page 0, offset 0" ]
ok $? "a closed standard input does not stop -c"

tap_done
