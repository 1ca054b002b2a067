#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench-compare.sh - bench/compare, which puts two runs of make bench side
# by side: its table for two fixture files (ratio rows, value rows, a
# mark that changed, a row that lost its target and is compared by value,
# rows only one file holds) against the expected table, and each way it
# refuses input.
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
srcdir=$(cd "$top_srcdir" && pwd)
compare=$srcdir/bench/compare
data=$srcdir/tests/bench-compare
tap_diagnose() { sed 's/^/#   /' "$tmp/diff" 2>/dev/null | head -20; }

sh "$compare" "$data/old.json" "$data/new.json" > "$tmp/out" 2> "$tmp/err"
ok $? "two runs compare, exit status 0"
diff "$data/expected.txt" "$tmp/out" > "$tmp/diff"
ok $? "the table: old and new figure, change, a mark that changed"
[ ! -s "$tmp/err" ]
ok $? "nothing on stderr"

# A path shaped like an awk assignment is still read as a file, with a
# slash in it or not.
mkdir "$tmp/y=2"
cp "$data/old.json" "$tmp/x=1"
cp "$data/new.json" "$tmp/y=2/new.json"
(cd "$tmp" && sh "$compare" "x=1" "y=2/new.json") > "$tmp/out2" 2>&1
diff "$data/expected.txt" "$tmp/out2" > "$tmp/diff"
ok $? "paths x=1 and y=2/new.json are read, not taken for assignments"

# refused WHY EXPECTED-MESSAGE ARGS...: exit status 2 and the message.
refused() {
  why=$1 want=$2
  shift 2
  sh "$compare" "$@" > "$tmp/out" 2> "$tmp/err"
  st=$?
  printf '%s\n' "$want" > "$tmp/want"
  sed "s|^.*compare: |compare: |" "$tmp/err" | diff "$tmp/want" - > "$tmp/diff"
  [ $st -eq 2 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/diff" ]
  ok $? "refused: $why"
}
: > "$tmp/empty.json"
grep -v batch "$data/new.json" | sed 's/"what": "/"what": "shell /' > "$tmp/other.json"
refused "one file" "usage: $compare OLD.json NEW.json" "$data/old.json"
refused "a missing file" "compare: cannot read '$tmp/none.json'" "$tmp/none.json" "$data/new.json"
refused "an empty OLD" "compare: no rows in OLD" "$tmp/empty.json" "$data/new.json"
refused "an empty NEW" "compare: no rows in NEW" "$data/old.json" "$tmp/empty.json"
refused "no row in common" "compare: no row in common: one of the library, one of the shell?" \
  "$data/old.json" "$tmp/other.json"

tap_done
