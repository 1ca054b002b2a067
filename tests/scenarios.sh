#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# scenarios.sh - the scenario tests of allocsh, kept as data.
#
# A case is tests/scenarios/NAME.in, a script, with beside it:
#   NAME.out   what `allocsh [ARGS] NAME.in 2>&1` prints, then "[exit N]"
#   NAME.json  the same run with --json (standard output only), then "[exit N]"
#   NAME.args  optional: extra arguments (shell words); the word STDIN
#              means the script is piped to standard input instead
# The demo scripts scripts/*.txt are cases too, their expected output in
# tests/scenarios/demo-NAME.out and .json.
#
# Every case runs twice in text mode and must print the same bytes both
# times.  Each --json line must parse as an object with "cmd" and "ok".
#
# UPDATE writes expected files from what allocsh prints instead of
# comparing them (then check the diff with git before committing):
#   UPDATE=NAME    only case NAME's .out and .json (NAME as in the test
#                  lines: explain-policies, demo-tour); several names may
#                  be given, separated by spaces or commas
#   UPDATE=all     every case's (UPDATE=1 means the same)
#   make check TESTS=tests/scenarios.sh UPDATE=explain-policies
set -u
. "${top_srcdir:=$(dirname "$0")/..}/tests/tap.sh"
cd "$top_srcdir" || exit 1

update=$(printf '%s' "${UPDATE:-}" | tr ',' ' ')
# updating NAME: whether UPDATE asks for case NAME's files to be written.
updating() {
  case " $update " in
  *" all "* | *" 1 "* | *" $1 "*) return 0 ;;
  esac
  return 1
}
for name in $update; do
  case $name in
  all | 1) continue ;;
  demo-*) [ -f "scripts/${name#demo-}.txt" ] && continue ;;
  *) [ -f "tests/scenarios/$name.in" ] && continue ;;
  esac
  echo "Bail out! UPDATE=$UPDATE: no scenario named '$name'"
  exit 1
done

# run SCRIPT ARGSFILE MODE... : prints the output and the exit status.
run() {
  script=$1
  argsfile=$2
  shift 2
  set -- "$@"
  extra=""
  [ -f "$argsfile" ] && extra=$(cat "$argsfile")
  eval "set -- \"\$@\" $extra"
  stdin=no
  for a in "$@"; do [ "$a" = STDIN ] && stdin=yes; done

  # --check: every invariant is checked after every command of every case.
  args="--check"
  for a in "$@"; do [ "$a" = STDIN ] || args="$args '$a'"; done
  if [ "$stdin" = yes ]; then
    eval "${VALGRIND:-} \"\$allocsh\" $args" < "$script"
  else
    eval "${VALGRIND:-} \"\$allocsh\" $args \"\$script\"" < /dev/null
  fi
  echo "[exit $?]"
}

compare() {
  label=$1
  expected=$2
  got=$3
  if updating "$(basename "${expected%.*}")"; then
    cp "$got" "$expected"
  fi
  if [ ! -f "$expected" ]; then
    ok 1 "$label (no $expected)"
  elif cmp -s "$expected" "$got"; then
    ok 0 "$label"
  else
    ok 1 "$label"
    diff -u "$expected" "$got" | sed 's/^/# /' | head -40
  fi
}

check_case() {
  script=$1
  base=$2
  name=$(basename "$base")
  run "$script" "$base.args" > "$tmp/out1" 2>&1
  compare "$name: text output" "$base.out" "$tmp/out1"
  run "$script" "$base.args" > "$tmp/out2" 2>&1
  cmp -s "$tmp/out1" "$tmp/out2"
  ok $? "$name: the same bytes on a second run"
  run "$script" "$base.args" --json > "$tmp/json" 2>/dev/null
  compare "$name: --json output" "$base.json" "$tmp/json"
  grep -v '^\[exit [0-9]*\]$' "$tmp/json" | "$jsoncheck" > "$tmp/why" 2>&1
  rc=$?
  ok $rc "$name: every --json line is an object with cmd and ok"
  [ $rc -eq 0 ] || sed 's/^/# /' "$tmp/why"
}

for script in tests/scenarios/*.in; do
  check_case "$script" "${script%.in}"
done
for script in scripts/*.txt; do
  [ -f "$script" ] || continue
  name=$(basename "$script" .txt)
  check_case "$script" "tests/scenarios/demo-$name"
done

tap_done
